"""The commands of ``vakr``: each parses its options, calls one library function and prints."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from tabulate import tabulate

from vakr.calendar.data import LOCAL_CALENDAR_ENV
from vakr.calendar.deadlines import vakr_schedule
from vakr.calendar.ics import schedule_to_ics
from vakr.calendar.kazakhstan import KazakhstanCalendar, get_calendar, month_summary
from vakr.errors import UsageError
from vakr.evaluation.evaluate import Evaluation, evaluate, review_warnings, strict_check
from vakr.formatting import date_with_weekday, languages, short_date
from vakr.io_files import check_target, write_atomic
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import load_catalogue
from vakr.methodology.overlay.file import overlay_path, read_overlay
from vakr.methodology.overlay.status import catalogue_status, import_indicators, status_lines
from vakr.methodology.overlay.template import write_template
from vakr.methodology.summary import summary_lines
from vakr.monitoring import monitor, monitoring_lines, year_ics
from vakr.organisation.excel.workbook import create_workbook
from vakr.organisation.load import load_organisation_with_warnings
from vakr.organisation.model import Organisation
from vakr.organisation.monitor_init import init_plan_execution
from vakr.problems import Problem


def parse_date(text: str, what: str) -> dt.date:
    """ГГГГ-ММ-ДД or ДД.ММ.ГГГГ; anything else is a Russian usage error naming the option."""
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise UsageError(f"{what}: «{text}» — не дата. Укажите дату в виде ГГГГ-ММ-ДД (например, 2025-03-03) или ДД.ММ.ГГГГ.")


def _use_local_calendar(path: str) -> None:
    """`vakr --calendar FILE`: every calendar of this run (and of its workers and notebook kernels, which inherit
    the environment) reads the local file; it is checked now, so a broken file stops the run before any work."""
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"--calendar: файл «{path}» не найден.")
    os.environ[LOCAL_CALENDAR_ENV] = str(file.resolve())
    get_calendar()


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# --- commands -----------------------------------------------------------------------------------------------


def cmd_catalogue(args: argparse.Namespace) -> int:
    action = getattr(args, "catalogue_action", None)
    if action == "template":
        path = write_template(args.directory, load_catalogue(), force=args.force)
        print(f"Создан шаблон перечня индикаторов: {path}")
        print(f"Заполните лист «Индикаторы», затем внесите перечень: vakr catalogue import {path}")
        return 0
    if action == "import":
        today = parse_date(args.today, "--today") if args.today else None
        print("\n".join(import_indicators(args.file, load_catalogue(overlay=False), today=today).lines()))
        return 0
    if args.status:
        if args.data:
            catalogue, overlay = load_catalogue(args.data), None
        else:  # the catalogue with the imported lists, and those lists (checked against the bundled catalogue)
            catalogue, overlay = load_catalogue(), read_overlay(overlay_path(), load_catalogue(overlay=False))
        statuses = catalogue_status(catalogue, overlay)
        if args.json:
            _print_json([s.to_json() for s in statuses])
        else:
            print("\n".join(status_lines(statuses, None if args.data else overlay_path())))
        return 0
    catalogue = load_catalogue(args.data)
    if args.json:
        _print_json(catalogue.to_json_dict())
    else:
        print("\n".join(summary_lines(catalogue)))
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    if args.sources:
        return _calendar_sources(get_calendar(args.six_day), args.json)
    if args.year is None:
        raise UsageError("Укажите год (например, vakr calendar 2027) или --sources.")
    try:
        year = int(args.year)
    except ValueError:
        raise UsageError(f"Год: «{args.year}» — не число. Пример: vakr calendar 2027") from None
    summary = month_summary(year, six_day_week=args.six_day)
    if args.json:
        _print_json(summary)
        return 0
    week = "шестидневная" if args.six_day else "пятидневная"
    print(f"Производственный календарь Казахстана на {year} год ({week} рабочая неделя)")
    if summary["provisional"]:
        print(f"Статус: ПРЕДВАРИТЕЛЬНЫЙ — {summary['status_reason']}. Рабочие дни посчитаны по Закону «О праздниках»"
              " (выходные, праздники и их переносы с выходных); сроки, зависящие от этого года, помечаются"
              " «предварительно».")
    else:
        print(f"Статус: подтверждён — {summary['status_reason']}.")
    print(f"Рабочих дней в году: {summary['working_days_total']}\n")
    for month in summary["months"]:
        print(f"{month['name']:<10} {month['working_days']:>3} раб. дн.")
        for item in month["non_working_weekdays"]:
            print(f"           − {short_date(dt.date.fromisoformat(item['date']))} нерабочий: {item['name']}")
        for item in month["working_weekends"]:
            print(f"           + {short_date(dt.date.fromisoformat(item['date']))} рабочий: {item['name']}")
    return 0


def _calendar_sources(calendar: KazakhstanCalendar, as_json: bool) -> int:
    """`vakr calendar --sources`: each year of the horizon with its status and the transfer acts in force."""
    statuses = [calendar.year_status(y) for y in range(calendar.first_year, calendar.last_year + 1)]
    if as_json:
        _print_json({
            "local_file": calendar.data.local_file,
            "years": [{"year": st.year, "status": "confirmed" if st.confirmed else "provisional",
                       "reason": st.reason,
                       "acts": [a.model_dump(mode="json", exclude_none=True) for a in st.acts]} for st in statuses],
        })
        return 0
    print("Производственный календарь Казахстана: праздники — Закон «О праздниках в Республике Казахстан» (пакет"
          " holidays); переносы дней отдыха — акты, перечисленные ниже.")
    if calendar.data.local_file:
        print(f"Учтён локальный файл календаря: {calendar.data.local_file}")
    for st in statuses:
        print(f"\n{st.year} — {st.title}: {st.reason}")
        for act in st.acts:
            moves = ", ".join(f"{t.day_off:%d.%m} ← {t.working_day:%d.%m}" for t in act.transfers) or "без переносов"
            print(f"    • {act.citation} ({moves})" + (f"\n      {act.url}" if act.url else ""))
    provisional = [st.year for st in statuses if not st.confirmed]
    if provisional:
        print(f"\nПредварительные годы: {provisional[0]}–{provisional[-1]}. Когда акт о переносе дней отдыха будет"
              " опубликован, внесите его в локальный файл календаря и укажите его: vakr --calendar ФАЙЛ …"
              " (формат — как data/calendar/transfers.yaml).")
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    start = parse_date(args.start, "--start")
    end = parse_date(args.end, "--end")
    for target in (args.ics, args.chart):  # checked before anything is printed or written
        if target:
            check_target(target)
    ordered = parse_date(args.order, "--order") if args.order else None
    signed = parse_date(args.signed, "--signed") if args.signed else None
    approved = parse_date(args.approved, "--approved") if args.approved else None
    today = parse_date(args.today, "--today") if args.today else None
    catalogue = load_catalogue()
    schedule = vakr_schedule(start, end, ordered=ordered, signed=signed, approved=approved, today=today,
                             six_day_week=args.six_day, catalogue=catalogue)
    if schedule.errors:
        options = {"vakr_end": "--end", "report_signed": "--signed", "plan_approved": "--approved"}
        raise UsageError("Даты противоречат друг другу:\n" + "\n".join(
            f"  • {options.get(w.field or '', '--start')}: {w.message}" for w in schedule.errors), schedule.errors)
    if args.json:
        _print_json(schedule.to_json())
    else:
        rows = [
            [i, e.title, e.rule, date_with_weekday(e.date),
             ("предельный срок" if e.assumed
              else "указанная дата, срок нарушен" if e.date > e.deadline else "указанная дата")
             + (", предварительно" if e.provisional and e.assumed else "")]
            for i, e in enumerate(schedule.events, 1)
        ]
        print(f"График ВАКР: с {date_with_weekday(start)} по {date_with_weekday(end)}\n")
        print(tabulate(rows, headers=["№", "Мероприятие", "Срок по методике", "Дата", "Откуда дата"], tablefmt="simple",
                       maxcolwidths=[None, 48, 36, None, None]))
        if schedule.warnings:
            print("\nПредупреждения:")
            for w in schedule.warnings:
                print(f"  • {w.message}")
    if args.ics:
        path = write_atomic(args.ics, schedule_to_ics(schedule))
        print(f"Календарь сохранён: {path}", file=sys.stderr if args.json else sys.stdout)
    if args.chart:
        from vakr.site.plots import save_figure, timeline_figure  # matplotlib: only with --chart

        path = save_figure(timeline_figure(schedule, catalogue=catalogue), args.chart)
        print(f"График сохранён: {path}", file=sys.stderr if args.json else sys.stdout)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    path = create_workbook(args.name, args.directory, load_catalogue(), org_type=args.type, as_yaml=args.yaml)
    print(f"Создан файл для заполнения: {path}")
    print(f"Заполните его, затем проверьте: vakr validate {path}")
    return 0


def _load_with_warnings(path: str) -> tuple[Catalogue, Organisation, list[Problem]]:
    catalogue = load_catalogue()
    org, warnings = load_organisation_with_warnings(path, catalogue)
    return catalogue, org, warnings


def cmd_validate(args: argparse.Namespace) -> int:
    _, org, warnings = _load_with_warnings(args.org)
    if args.json:
        _print_json({"ok": True, "file": Path(args.org).name, "organisation": org.profile.name,
                     "findings": len(org.findings), "positions": len(org.positions),
                     "problems": [w.to_json() for w in warnings]})
        return 0
    print(f"Файл {args.org}: ошибок нет. Организация: {org.profile.name}; рисков: {len(org.findings)}; "
          f"должностей: {len(org.positions)}.")
    if warnings:
        print(f"Предупреждения ({len(warnings)}):")
        for w in warnings:
            print(f"  • {w}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    catalogue, org, problems = _load_with_warnings(args.org)
    today = parse_date(args.today, "--today") if args.today else None
    evaluation = evaluate(org, catalogue, today=today)
    if args.json:
        data = evaluation.to_json()
        data["warnings"] = [w.to_json() for w in review_warnings(evaluation, problems)]
        _print_json(data)
        return 0
    p = evaluation.profile
    print(f"{p.name}: выявлено рисков — {len(evaluation.risks)}\n")
    rows = [[r.rank, r.indicator_label, r.unit, r.description, r.score, r.band_title] for r in evaluation.risks]
    print(tabulate(rows, headers=["№", "Индикатор", "Подразделение", "Риск", "Балл", "Уровень"],
                   maxcolwidths=[None, 30, 22, 50, None, None]))
    print("\nПо разделам аналитической справки:")
    for section in catalogue.report_sections:
        print(f"  {section.number}. {section.title}: {evaluation.counts_by_section[section.code]}")
    print("По коррупционным факторам в НПА:")
    for factor in catalogue.npa_factors:
        print(f"  {factor.title}: {evaluation.counts_by_factor[factor.code]}")
    print("По уровням риска: " + ", ".join(
        f"{b.title.lower()} — {evaluation.counts_by_band[b.code]}" for b in catalogue.risk_matrix.bands))
    print(f"Должностей, подверженных коррупционным рискам: {len(evaluation.positions)}")
    print()
    _print_review(evaluation, review_warnings(evaluation, problems))
    return 0


def _print_review(evaluation: Evaluation, warnings: list[Problem]) -> None:
    """What the analyst still has to look at: suggested values by kind, then the warnings."""
    stream = sys.stdout
    if summary := evaluation.suggestion_summary():
        print(f"{summary[:1].upper()}{summary[1:]} (помечены в документах знаком «◊» — проверьте).", file=stream)
    if warnings:
        print(f"Предупреждения ({len(warnings)}):", file=stream)
        for w in warnings:
            print(f"  • {w}", file=stream)


def cmd_report(args: argparse.Namespace) -> int:
    from vakr.documents import document_names, write_documents  # python-docx, pandas: only when writing
    from vakr.evaluation.kazakh import kazakh_version

    langs = languages(args.lang)
    catalogue, org, problems = _load_with_warnings(args.org)
    today = parse_date(args.today, "--today") if args.today else None
    evaluation = evaluate(org, catalogue, today=today)
    warnings = review_warnings(evaluation, problems)
    if "kk" in langs and (missing := kazakh_version(evaluation, catalogue).warning()):
        warnings.append(org.placed(missing))
    if args.strict:
        strict_check(evaluation, warnings, Path(args.org).name)
    source = Path(args.org).resolve()
    if any((Path(args.out) / name).resolve() == source for name in document_names(langs)):
        raise UsageError(f"--out: документ {source.name} записался бы поверх входного файла {args.org}; укажите другую"
                         " папку для документов.")
    written = write_documents(evaluation, args.out, catalogue, langs)
    print(f"Документы организации «{org.profile.name}» записаны:")
    for path in written:
        print(f"  {path}")
    _print_review(evaluation, warnings)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from vakr.run.batch import run_batch  # the documents and a process pool: only for `vakr run`

    today = parse_date(args.today, "--today") if args.today else None
    if args.jobs < 1:
        raise UsageError("--jobs: укажите целое число не меньше 1")
    results = run_batch(args.orgs, args.out, jobs=args.jobs, documents_only=args.documents_only, today=today,
                        progress=not args.quiet, strict=args.strict, langs=languages(args.lang), resume=args.resume)
    failed = [r for r in results if r.status == "failed"]
    refused = [r for r in results if r.status == "refused"]
    for r in results:
        if r.status == "ok":
            review = "; ".join(t for t in (r.suggested, f"предупреждений: {r.warnings}" if r.warnings else "") if t)
            print(f"✓ {r.name} → {Path(args.out) / r.folder}/ (рисков: {r.risks})" + (f"; {review}" if review else ""))
            if r.note:
                print(f"  ! {r.note}")
        else:
            where = f" [{r.notebook}" + (f", ячейка {r.cell}]" if r.cell is not None else "]") if r.notebook else ""
            print(f"✗ {r.source}{where}: {r.message}", file=sys.stderr)
    print(f"Сводка: {Path(args.out) / 'summary.html'} и {Path(args.out) / 'summary.csv'}")
    if args.resume:
        skipped = sum(r.resumed for r in results)
        print(f"Пропущено (--resume: результаты полны и новее файла организации): {skipped} из {len(results)}.")
    refused_text = f"; не записано (--strict): {len(refused)}" if refused else ""
    print(f"Организаций: {len(results)}; успешно: {len(results) - len(failed) - len(refused)};"
          f" с ошибками: {len(failed)}{refused_text}.")
    if failed:
        return 1
    return 3 if refused else 0


def cmd_train(args: argparse.Namespace) -> int:
    from vakr.training.server import serve  # Voilà: only for `vakr train`

    return serve(args.host, args.port)


def cmd_notebooks(args: argparse.Namespace) -> int:
    from vakr.run.kernel import refresh_notebooks  # jupyter, papermill: only for `vakr notebooks`

    for path in refresh_notebooks(args.names or None):
        print(f"Выполнен: {path.resolve()}")
    return 0


def cmd_monitor(args: argparse.Namespace) -> int:
    """`vakr monitor ФАЙЛ` — the state of the year on --today; `vakr monitor init ФАЙЛ` — the sheet of the plan's
    execution."""
    if args.first == "init":
        if args.org is None:
            raise UsageError("vakr monitor init: укажите файл организации (vakr monitor init ФАЙЛ).")
        extra = [name for name, given in (("--today", args.today), ("--year", args.year), ("--json", args.json),
                                          ("--ics", args.ics), ("--out", args.out)) if given]
        if extra:
            raise UsageError(f"vakr monitor init: {', '.join(extra)} — только для vakr monitor ФАЙЛ.")
        return _monitor_init(args)
    if args.org is not None:
        raise UsageError(f"vakr monitor: лишний аргумент «{args.org}». Использование: vakr monitor ФАЙЛ или"
                         " vakr monitor init ФАЙЛ.")
    extra = [name for name, given in (("--plan", args.plan), ("--force", args.force)) if given]
    if extra:
        raise UsageError(f"vakr monitor: {', '.join(extra)} — только для vakr monitor init ФАЙЛ.")
    today = parse_date(args.today, "--today") if args.today else dt.date.today()
    year = today.year
    if args.year:
        if not args.year.isdigit():
            raise UsageError(f"--year: «{args.year}» — не год. Пример: --year 2026")
        year = int(args.year)
    if args.ics:
        check_target(args.ics)
    if args.out:
        _check_out_folder(args.out)
    catalogue, org, warnings = _load_with_warnings(args.first)
    state = monitor(org, catalogue, today, year)
    written = _write_year_documents(org, catalogue, today, year, args.out, args.first) if args.out else []
    if args.json:
        data = state.to_json()
        data["warnings"] = [w.to_json() for w in warnings]
        _print_json(data)
    else:
        print("\n".join(monitoring_lines(state)))
        if warnings:
            print(f"\nПредупреждения файла ({len(warnings)}):")
            for w in warnings:
                print(f"  • {w}")
    if args.ics:
        path = write_atomic(args.ics, year_ics(org, catalogue, year))
        print(f"Календарь сохранён: {path}", file=sys.stderr if args.json else sys.stdout)
    if written:
        out = sys.stderr if args.json else sys.stdout
        print(f"Документы года организации «{org.profile.name}» записаны:", file=out)
        for path in written:
            print(f"  {path}", file=out)
    return 0


def _check_out_folder(out: str) -> None:
    """Refuse, before any work, an --out that is a file or cannot be written."""
    if Path(out).exists() and not Path(out).is_dir():
        raise UsageError(f"--out: {out} — файл, а не папка. Укажите папку для документов года.")
    check_target(Path(out) / "execution.docx")


def _write_year_documents(org: Organisation, catalogue: Catalogue, today: dt.date, year: int, out: str,
                          source: str) -> list[Path]:
    from vakr.documents import write_year_documents, year_document_names  # python-docx: only when writing

    if any((Path(out) / name).resolve() == Path(source).resolve() for name in year_document_names(today)):
        raise UsageError(f"--out: документ {Path(source).name} записался бы поверх входного файла {source}; укажите"
                         " другую папку для документов.")
    return write_year_documents(org, catalogue, today, out, year)


def _monitor_init(args: argparse.Namespace) -> int:
    path = init_plan_execution(args.org, load_catalogue(), Path(args.plan) if args.plan else None, force=args.force)
    print(f"Исполнение плана мероприятий подготовлено: {path}")
    print(f"Отмечайте исполнение мер, затем проверяйте: vakr monitor {path}")
    return 0


def _scan_outputs(acts: list[str], out: str) -> dict[str, Path]:
    """`vakr scan --out`: the names of each act's outputs, checked before any work: no two acts with the same name
    stem, no output over an input act, a folder that can be written."""
    if Path(out).exists() and not Path(out).is_dir():
        raise UsageError(f"--out: {out} — файл, а не папка. Укажите папку для результатов проверки актов.")
    stems: dict[str, Path] = {}
    sources = {Path(a).resolve() for a in acts}
    for act in acts:
        stem = Path(act).stem
        if stem in stems and stems[stem] != Path(act):
            raise UsageError(f"--out: у актов {stems[stem]} и {act} одно имя «{stem}» — их результаты записались бы"
                             " в одни и те же файлы. Переименуйте один из актов или проверьте их по отдельности.")
        stems[stem] = Path(act)
        for suffix in (".comments.docx", ".candidates.xlsx"):
            target = Path(out) / f"{stem}{suffix}"
            check_target(target)
            if target.resolve() in sources:
                raise UsageError(f"--out: {target.name} записался бы поверх проверяемого акта {target}; укажите"
                                 " другую папку для результатов.")
    return stems


def cmd_scan(args: argparse.Namespace) -> int:
    """`vakr scan АКТ…`: candidates of corruption factors in each act, printed (or JSON), with --out the act
    commented and the table of candidates, with --into the candidates added to an organisation's workbook."""
    import dataclasses

    from vakr.errors import VakrError
    from vakr.io_files import write_set
    from vakr.scan.into import SHEET, add_candidates, check_book
    from vakr.scan.reader import read_act
    from vakr.scan.rules import load_rules
    from vakr.scan.scan import scan_act
    from vakr.scan.table import summary_lines

    catalogue = load_catalogue()
    if args.out:
        _scan_outputs(args.acts, args.out)
    if args.into:
        check_book(args.into, catalogue)  # refused before any work: open in Excel, unreadable
    rules = load_rules(catalogue=catalogue)
    notes = sys.stderr if args.json else sys.stdout
    scanned = []
    failed: list[VakrError] = []
    acts_json = []
    for name in args.acts:
        try:
            try:
                act = read_act(name)
            except OSError as exc:  # the system refused the file: named, in Russian
                raise UsageError(f"Не удалось прочитать акт {name}: {exc.strerror or exc}") from None
        except VakrError as exc:
            failed.append(exc)
            for line in (str(p) for p in exc.problems):
                print(f"✗ {line}" if Path(name).name in line else f"✗ {name}: {line}", file=sys.stderr)
            continue
        candidates = scan_act(act, catalogue, rules)
        scanned.append((act, candidates))
        if not args.json:
            print(("\n" if len(scanned) > 1 else "") + "\n".join(summary_lines(act, candidates, catalogue)))
        written: list[Path] = []
        if args.out:
            from vakr.scan.comments import commented_docx
            from vakr.scan.table import candidates_workbook

            stem = Path(name).stem
            try:
                written = write_set(args.out, {f"{stem}.comments.docx": commented_docx(act, candidates, catalogue),
                                               f"{stem}.candidates.xlsx": candidates_workbook(act, candidates,
                                                                                               catalogue)})
            except VakrError as exc:
                failed.append(exc)
                print(f"✗ {act.path.name}: результаты не записаны: {exc}", file=sys.stderr)
            else:
                print("Записаны: " + ", ".join(str(p) for p in written), file=notes)
        entry: dict[str, object] = {"act": act.path.name, "title": act.title, "paragraphs": len(act.paragraphs),
                                    "candidates": [dataclasses.asdict(c) for c in candidates]}
        if args.out:
            entry["files"] = [str(p) for p in written]
        acts_json.append(entry)
    into = None
    if args.into and scanned:
        into = add_candidates(args.into, scanned, catalogue)
        print(f"\nКнига {into.path}: на лист «{SHEET}» добавлено кандидатов: {into.added}"
              + (f" (уже были на листе: {into.already})" if into.already else "") + "."
              + ("" if into.added else " Книга не изменена."), file=notes)
        if into.problems:
            print(f"В книге есть незаполненные или ошибочные поля ({into.problems}); проверьте её:"
                  f" vakr validate {into.path}", file=notes)
    total = sum(len(c) for _, c in scanned)
    if not args.json:
        if len(args.acts) > 1:
            print(f"\nАктов: {len(args.acts)}; проверено: {len(scanned)}; с ошибками: {len(failed)};"
                  f" кандидатов: {total}.")
        if total:
            print("Это кандидаты для проверки рабочей группой, а не выводы: фактор подтверждает рабочая группа.")
    code = 0 if not failed else 1 if scanned else 2
    if args.json:
        data: dict[str, object] = {"ok": not failed, "acts": acts_json}
        if failed:
            data["exit_code"] = code
            data["problems"] = [p.to_json() for exc in failed for p in exc.problems]
        if into is not None:
            data["into"] = {"file": str(into.path), "sheet": SHEET, "added": into.added, "already": into.already}
        _print_json(data)
    return code


def cmd_region(args: argparse.Namespace) -> int:
    """`vakr region ИСТОЧНИК… --out ПАПКА`: many evaluated organisations aggregated (records of `vakr run`,
    workbooks, YAML, folders of them); one broken organisation is reported and the others go on (exit 1), none
    read is exit 2."""
    from vakr.errors import InputError
    from vakr.formatting import plural
    from vakr.problems import Place
    from vakr.region import aggregate, check_out, load_sources, write_region

    today = parse_date(args.today, "--today") if args.today else dt.date.today()
    if args.min_orgs < 1:
        raise UsageError("--min-orgs: укажите целое число не меньше 1 (например, --min-orgs 2).")
    check_out(args.out, args.sources)
    catalogue = load_catalogue()
    sources = load_sources(args.sources, catalogue, today=today)
    problems = [Problem(code="region.source", message=f.message, place=Place(file=f.source)) for f in sources.failures]
    if not sources.records:
        raise InputError(problems, header="Не удалось прочитать ни одной организации:")
    notes = sys.stderr if args.json else sys.stdout
    for failure in sources.failures:
        lines = failure.message.splitlines()
        print(f"✗ {failure.source}: {lines[0]}" + "".join(f"\n    {line}" for line in lines[1:]), file=sys.stderr)
    summary = aggregate(sources.records, today=today, by=args.by, min_orgs=args.min_orgs, catalogue=catalogue,
                        sources=sources.arguments, failures=sources.failures, notes=sources.notes)
    written = write_region(summary, args.out)
    code = 1 if sources.failures else 0
    total = len(summary.organisations)
    risks = sum(row.total for row in summary.organisations)
    if args.json:
        _print_json({
            "ok": not sources.failures, "exit_code": code, "today": today.isoformat(), "by": args.by,
            "organisations": total, "from_records": sources.from_records, "evaluated": sources.evaluated,
            "failed": len(sources.failures), "risks": risks,
            "ranking": [{"rank": r.rank, "name": r.name, "slug": r.slug, "region": r.region, "risks": r.total,
                         "by_level": r.by_level} for r in summary.organisations[:10]],
            "systemic": [{"indicator": s.indicator, "label": s.indicator_label, "orgs": s.orgs,
                          "share": round(s.share, 4)} for s in summary.systemic],
            "missed_deadlines": len(summary.missed), "files": [str(p) for p in written],
            "problems": [p.to_json() for p in problems], "notes": sources.notes})
    def n(value: int) -> str:  # «10 000»
        return f"{value:,}".replace(",", "\u00a0")

    by_level = ", ".join(f"{level.title.lower()} — {n(sum(r.by_level.get(level.code, 0) for r in summary.organisations))}"
                         for level in reversed(summary.levels))
    orgs = plural(total, "организация", "организации", "организаций").replace(str(total), n(total), 1)
    print(f"Свод на {today:%d.%m.%Y}: {orgs} (из записей vakr run — {n(sources.from_records)}, оценено по файлам —"
          f" {n(sources.evaluated)}); не прочитано источников — {n(len(sources.failures))}.", file=notes)
    print(f"Группировка — {summary.by_title.lower()}: групп — {n(len(summary.groups))}. Рисков — {n(risks)}"
          f" ({by_level}).", file=notes)
    print("Первые по рейтингу: " + "; ".join(f"{r.rank}. {r.name}" for r in summary.organisations[:3]) + ".",
          file=notes)
    if summary.systemic:
        s = summary.systemic[0]
        share = f"{100 * s.share:.1f}".replace(".", ",")
        print(f"Системных рисков (индикатор не менее чем в {args.min_orgs} организациях): {len(summary.systemic)};"
              f" чаще всего — «{s.indicator_label}»: {n(s.orgs)} из {n(total)} ({share} %).", file=notes)
    else:
        print(f"Системных рисков (индикатор не менее чем в {args.min_orgs} организациях) нет.", file=notes)
    late_orgs = len({m.index for m in summary.missed})
    late = plural(late_orgs, "организации", "организаций", "организаций").replace(str(late_orgs), n(late_orgs), 1)
    print(f"Нарушенных сроков ВАКР: {n(len(summary.missed))}" + (f" у {late}." if late_orgs else "."), file=notes)
    if summary.plan:
        percent = f"{summary.plan_percent:.1f} %".replace(".", ",") if summary.plan_percent is not None else "—"
        print(f"Исполнение плана ({n(len(summary.plan))} из {n(total)} с записями года): просрочено мер —"
              f" {n(summary.plan_totals['overdue'])}, процент исполнения — {percent}.", file=notes)
    for note in sources.notes:
        print(f"  ! {note}", file=notes)
    print(f"Записано в {Path(args.out)}/: " + ", ".join(p.name for p in written), file=notes)
    return code
