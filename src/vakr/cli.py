"""The ``vakr`` command line: parse arguments, call one library function, print. Errors become Russian messages.

Every error is caught once, here (:func:`main`): a :class:`~vakr.errors.VakrError` becomes its message and exit code
(2 bad input, 3 refused by ``--strict``), a file the system refused becomes a message naming it (2), anything else a
short «внутренняя ошибка» without a traceback (1; ``--debug`` shows the traceback). A batch with failed
organisations exits 1, Ctrl-C 130.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Callable, Sequence

from . import __version__
from .errors import VakrError


class UsageError(VakrError):
    """A command-line value the user typed is not valid."""


def parse_date(text: str, what: str) -> "dt.date":
    """ГГГГ-ММ-ДД or ДД.ММ.ГГГГ; anything else is a Russian usage error naming the option."""
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise UsageError(f"{what}: «{text}» — не дата. Укажите дату в виде ГГГГ-ММ-ДД (например, 2025-03-03) или ДД.ММ.ГГГГ.")


# argparse looks its messages up through the module-level gettext alias `_`; there is no Russian catalogue in the
# standard library, so the few strings a user can meet are translated here.
_ARGPARSE_RU = {
    "usage: ": "использование: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "show this help message and exit": "показать эту справку и выйти",
    "show program's version number and exit": "показать версию программы и выйти",
    "the following arguments are required: %s": "не указаны обязательные аргументы: %s",
    "unrecognized arguments: %s": "неизвестные аргументы: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "недопустимое значение: %(value)r (допустимо: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "недопустимое значение (%(type)s): %(value)r",
    "expected one argument": "ожидается одно значение",
}
argparse._ = lambda message: _ARGPARSE_RU.get(message, message)  # type: ignore[attr-defined]


class RussianArgumentParser(argparse.ArgumentParser):
    """argparse with its usage errors introduced in Russian and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: ошибка в аргументах команды: {message}\nСправка: {self.prog} --help\n")


def _use_local_calendar(path: str) -> None:
    """`vakr --calendar FILE`: every calendar of this run (and of its workers and notebook kernels, which inherit
    the environment) reads the local file; it is checked now, so a broken file stops the run before any work."""
    import os
    from pathlib import Path

    from .calendar import LOCAL_CALENDAR_ENV, get_calendar

    file = Path(path)
    if not file.is_file():
        raise UsageError(f"--calendar: файл «{path}» не найден.")
    os.environ[LOCAL_CALENDAR_ENV] = str(file.resolve())
    get_calendar()


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# --- commands -----------------------------------------------------------------------------------------------


def cmd_catalogue(args: argparse.Namespace) -> int:
    from .catalogue import load_catalogue, summary_lines

    action = getattr(args, "catalogue_action", None)
    if action == "template":
        from .overlay import write_template

        path = write_template(args.directory, force=args.force)
        print(f"Создан шаблон перечня индикаторов: {path}")
        print(f"Заполните лист «Индикаторы», затем внесите перечень: vakr catalogue import {path}")
        return 0
    if action == "import":
        from .overlay import import_indicators

        today = parse_date(args.today, "--today") if args.today else None
        print("\n".join(import_indicators(args.file, today=today).lines()))
        return 0
    if args.status:
        from .overlay import catalogue_status, overlay_path, status_lines

        statuses = catalogue_status(args.data)
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
    from .calendar import get_calendar, month_summary
    from .formatting import short_date

    if args.sources:
        return _calendar_sources(get_calendar(args.six_day), args.json)
    if args.year is None:
        raise UsageError("Укажите год (например, vakr calendar 2027) или --sources.")
    try:
        year = int(args.year)
    except ValueError:
        raise UsageError(f"Год: «{args.year}» — не число. Пример: vakr calendar 2027")
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


def _calendar_sources(calendar, as_json: bool) -> int:
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
    from tabulate import tabulate

    from .deadlines import vakr_schedule
    from .formatting import date_with_weekday
    from .ics import schedule_to_ics
    from .io_files import check_target, write_atomic

    start = parse_date(args.start, "--start")
    end = parse_date(args.end, "--end")
    for target in (args.ics, args.chart):  # checked before anything is printed or written
        if target:
            check_target(target)
    ordered = parse_date(args.order, "--order") if args.order else None
    signed = parse_date(args.signed, "--signed") if args.signed else None
    approved = parse_date(args.approved, "--approved") if args.approved else None
    today = parse_date(args.today, "--today") if args.today else None
    schedule = vakr_schedule(start, end, ordered=ordered, signed=signed, approved=approved, today=today,
                             six_day_week=args.six_day)
    if schedule.errors:
        options = {"vakr_end": "--end", "report_signed": "--signed", "plan_approved": "--approved"}
        raise UsageError("Даты противоречат друг другу:\n" + "\n".join(
            f"  • {options.get(w.field or '', '--start')}: {w.message}" for w in schedule.errors))
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
        from .plots import save_figure, timeline_figure

        path = save_figure(timeline_figure(schedule), args.chart)
        print(f"График сохранён: {path}", file=sys.stderr if args.json else sys.stdout)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .catalogue import load_catalogue
    from .io_excel import create_workbook

    path = create_workbook(args.name, args.directory, org_type=args.type, as_yaml=args.yaml,
                           catalogue=load_catalogue())
    print(f"Создан файл для заполнения: {path}")
    print(f"Заполните его, затем проверьте: vakr validate {path}")
    return 0


def _load_with_warnings(path: str):
    from .catalogue import load_catalogue
    from .io import load_organisation_with_warnings

    catalogue = load_catalogue()
    org, warnings = load_organisation_with_warnings(path, catalogue)
    return catalogue, org, warnings


def cmd_validate(args: argparse.Namespace) -> int:
    _, org, warnings = _load_with_warnings(args.org)
    print(f"Файл {args.org}: ошибок нет. Организация: {org.profile.name}; рисков: {len(org.findings)}; "
          f"должностей: {len(org.positions)}.")
    if warnings:
        print(f"Предупреждения ({len(warnings)}):")
        for w in warnings:
            print(f"  • {w}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from tabulate import tabulate

    from .evaluation import evaluate, review_warnings

    catalogue, org, problems = _load_with_warnings(args.org)
    today = parse_date(args.today, "--today") if args.today else None
    evaluation = evaluate(org, catalogue, today=today)
    if args.json:
        data = evaluation.to_json()
        data["warnings"] = review_warnings(evaluation, problems)
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


def _print_review(evaluation, warnings: list[str]) -> None:
    """What the analyst still has to look at: suggested values by kind, then the warnings."""
    stream = sys.stdout
    if summary := evaluation.suggestion_summary():
        print(f"{summary[:1].upper()}{summary[1:]} (помечены в документах знаком «◊» — проверьте).", file=stream)
    if warnings:
        print(f"Предупреждения ({len(warnings)}):", file=stream)
        for w in warnings:
            print(f"  • {w}", file=stream)


def cmd_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .documents import DOCUMENT_NAMES, write_documents
    from .evaluation import evaluate, review_warnings, strict_check

    catalogue, org, problems = _load_with_warnings(args.org)
    today = parse_date(args.today, "--today") if args.today else None
    evaluation = evaluate(org, catalogue, today=today)
    warnings = review_warnings(evaluation, problems)
    if args.strict:
        strict_check(evaluation, warnings, Path(args.org).name)
    source = Path(args.org).resolve()
    if any((Path(args.out) / name).resolve() == source for name in DOCUMENT_NAMES):
        raise UsageError(f"--out: документ {source.name} записался бы поверх входного файла {args.org}; укажите другую"
                         " папку для документов.")
    written = write_documents(evaluation, args.out, catalogue)
    print(f"Документы организации «{org.profile.name}» записаны:")
    for path in written:
        print(f"  {path}")
    _print_review(evaluation, warnings)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .runner import run_batch

    today = parse_date(args.today, "--today") if args.today else None
    if args.jobs < 1:
        raise UsageError("--jobs: укажите целое число не меньше 1")
    results = run_batch(args.orgs, args.out, jobs=args.jobs, documents_only=args.documents_only, today=today,
                        progress=not args.quiet, strict=args.strict)
    failed = [r for r in results if r.status == "failed"]
    refused = [r for r in results if r.status == "refused"]
    for r in results:
        if r.status == "ok":
            review = "; ".join(t for t in (r.suggested, f"предупреждений: {r.warnings}" if r.warnings else "") if t)
            print(f"✓ {r.name} → {Path(args.out) / r.folder}/ (рисков: {r.risks})" + (f"; {review}" if review else ""))
            if r.note:
                print(f"  ! {r.note}")
        else:
            where = f" [{r.notebook}, ячейка {r.cell}]" if r.notebook else ""
            print(f"✗ {r.source}{where}: {r.message}", file=sys.stderr)
    print(f"Сводка: {Path(args.out) / 'summary.html'} и {Path(args.out) / 'summary.csv'}")
    refused_text = f"; не записано (--strict): {len(refused)}" if refused else ""
    print(f"Организаций: {len(results)}; успешно: {len(results) - len(failed) - len(refused)};"
          f" с ошибками: {len(failed)}{refused_text}.")
    if failed:
        return 1
    return 3 if refused else 0


def cmd_notebooks(args: argparse.Namespace) -> int:
    from .runner import refresh_notebooks

    for path in refresh_notebooks(args.names or None):
        print(f"Выполнен: {path}")
    return 0


# --- parser -------------------------------------------------------------------------------------------------


STRICT_HELP = ("не записывать документы, пока остаются значения, предложенные по методике, или предупреждения"
               " (код завершения 3)")


def build_parser() -> argparse.ArgumentParser:
    parser = RussianArgumentParser(
        prog="vakr",
        description="ВАКР — внутренний анализ коррупционных рисков: методика, сроки, чек-лист и документы.",
    )
    parser.add_argument("--version", action="version", version=f"vakr {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="при внутренней ошибке показать трассировку Python (для разработчиков)")
    parser.add_argument("--calendar", metavar="ФАЙЛ",
                        help="локальный файл календаря с актами о переносе дней отдыха, опубликованными после выпуска"
                             " программы (формат data/calendar/transfers.yaml; то же — переменная VAKR_CALENDAR)")
    sub = parser.add_subparsers(dest="command", metavar="КОМАНДА", parser_class=RussianArgumentParser)

    p = sub.add_parser("catalogue", help="сводка каталога методики (или весь каталог в JSON); шаблон и импорт"
                                         " официальных перечней индикаторов")
    p.add_argument("--json", action="store_true", help="вывести весь каталог (или --status) в формате JSON")
    p.add_argument("--data", metavar="ПАПКА", help="другая папка каталога вместо data/methodology (без импортированных"
                                                   " перечней)")
    p.add_argument("--status", action="store_true", help="откуда взят перечень индикаторов каждого фактора и сферы")
    p.set_defaults(func=cmd_catalogue)
    actions = p.add_subparsers(dest="catalogue_action", metavar="ДЕЙСТВИЕ", parser_class=RussianArgumentParser)
    q = actions.add_parser("template", help="записать книгу Excel для внесения официального перечня индикаторов")
    q.add_argument("directory", metavar="ПАПКА", help="куда положить книгу (или путь к файлу .xlsx)")
    q.add_argument("--force", action="store_true", help="перезаписать существующий файл")
    q = actions.add_parser("import", help="внести перечни индикаторов из заполненной книги Excel или файла YAML")
    q.add_argument("file", metavar="ФАЙЛ", help="книга из `vakr catalogue template` (.xlsx) или YAML")
    q.add_argument("--today", metavar="ДАТА", help="дата импорта для записи (по умолчанию сегодня)")

    p = sub.add_parser("calendar", help="рабочие дни Казахстана по месяцам, переносы и праздники; статус года")
    p.add_argument("year", metavar="ГОД", nargs="?")
    p.add_argument("--sources", action="store_true",
                   help="акты о переносе дней отдыха и статус каждого года (подтверждён или предварительный)")
    p.add_argument("--six-day", action="store_true", help="шестидневная рабочая неделя")
    p.add_argument("--json", action="store_true", help="вывести в формате JSON")
    p.set_defaults(func=cmd_calendar)

    p = sub.add_parser("schedule", help="график сроков ВАКР по датам начала и завершения")
    p.add_argument("--start", required=True, metavar="ДАТА", help="дата начала ВАКР (ГГГГ-ММ-ДД)")
    p.add_argument("--end", required=True, metavar="ДАТА", help="дата завершения ВАКР")
    p.add_argument("--order", metavar="ДАТА", help="дата приказа о проведении ВАКР, если известна")
    p.add_argument("--signed", metavar="ДАТА", help="дата подписания аналитической справки, если известна")
    p.add_argument("--approved", metavar="ДАТА", help="дата утверждения плана мероприятий, если известна")
    p.add_argument("--today", metavar="ДАТА", help="дата, на которую проверять просроченные сроки")
    p.add_argument("--six-day", action="store_true", help="шестидневная рабочая неделя")
    p.add_argument("--json", action="store_true", help="вывести в формате JSON")
    p.add_argument("--ics", metavar="ФАЙЛ", help="сохранить сроки в календарь .ics (Outlook, Google Календарь)")
    p.add_argument("--chart", metavar="ФАЙЛ", help="сохранить диаграмму сроков в PNG")
    p.set_defaults(func=cmd_schedule)

    p = sub.add_parser("new", help="создать файл организации для заполнения (Excel или YAML)")
    p.add_argument("name", metavar="НАЗВАНИЕ", help="название организации")
    p.add_argument("directory", metavar="ПАПКА", help="куда положить файл")
    p.add_argument("--type", default="state_body", choices=["state_body", "akimat", "quasi_public", "other"],
                   help="тип организации (по умолчанию state_body — государственный орган)")
    p.add_argument("--yaml", action="store_true", help="создать YAML вместо Excel")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("validate", help="проверить заполненный файл организации")
    p.add_argument("org", metavar="ФАЙЛ", help="файл организации (.xlsx или .yaml)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("evaluate", help="оценить чек-лист: риски по направлениям, баллы, уровни")
    p.add_argument("org", metavar="ФАЙЛ")
    p.add_argument("--today", metavar="ДАТА", help="дата, на которую проверять сроки")
    p.add_argument("--json", action="store_true", help="вывести в формате JSON")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("report", help="аналитическая справка, план мероприятий, перечень должностей, календарь")
    p.add_argument("org", metavar="ФАЙЛ")
    p.add_argument("--out", required=True, metavar="ПАПКА", help="папка для документов")
    p.add_argument("--today", metavar="ДАТА", help="дата, на которую проверять сроки")
    p.add_argument("--strict", action="store_true", help=STRICT_HELP)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("run", help="полный прогон по организациям: блокноты, документы, сводка")
    p.add_argument("orgs", nargs="+", metavar="ФАЙЛ", help="файлы организаций (.xlsx или .yaml)")
    p.add_argument("--out", required=True, metavar="ПАПКА", help="папка результатов (по папке на организацию)")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="сколько организаций обрабатывать параллельно")
    p.add_argument("--documents-only", action="store_true", help="без блокнотов: только документы (быстро)")
    p.add_argument("--today", metavar="ДАТА", help="дата, на которую проверять сроки")
    p.add_argument("--quiet", action="store_true", help="без индикатора хода работы")
    p.add_argument("--strict", action="store_true", help=STRICT_HELP)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("notebooks", help="перевыполнить блокноты репозитория на встроенном примере")
    p.add_argument("names", nargs="*", metavar="ИМЯ", help="только эти блокноты (например, schedule checklist)")
    p.set_defaults(func=cmd_notebooks)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        if args.calendar:
            _use_local_calendar(args.calendar)
        return func(args)
    except VakrError as exc:
        if args.debug:
            raise
        print(f"Ошибка: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("Прервано пользователем. Уже записанные результаты полны; незавершённые не записаны.", file=sys.stderr)
        return 130
    except OSError as exc:  # the system refused a file: named, in Russian
        if args.debug:
            raise
        where = f" {exc.filename}" if exc.filename else ""
        print(f"Ошибка: не удалось прочитать или записать файл{where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a defect of vakr: a message, not a traceback (unless --debug)
        if args.debug:
            raise
        print(f"Ошибка: внутренняя ошибка vakr ({exc}). Ваши файлы не изменены. Повторите команду с --debug и"
              " сообщите разработчикам её вывод.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
