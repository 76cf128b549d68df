"""Cross-checks of an organisation against the catalogue and the ВАКР schedule.

The model (:mod:`vakr.organisation.model`) checks each value on its own: types, ranges, required text. What needs the
catalogue (indicator codes), other parts of the file (units, positions, the checklist) or the calendar (the ВАКР
schedule) is checked here. :func:`validate` reports every problem at once, each located where the analyst will
find it (``Organisation.locate``): a sheet, row and column of the workbook or a path in the YAML file.

Errors stop the run (:func:`vakr.organisation.load.load_organisation` raises); warnings are shown and the run goes on.
A value that does not fit the model itself is said in Russian by :mod:`vakr.organisation.values`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from vakr.calendar.deadlines import schedule_for_profile
from vakr.errors import VakrError
from vakr.evaluation.checklist import checklist_items
from vakr.formatting import short_date
from vakr.methodology.catalogue import Catalogue
from vakr.organisation.model import ANSWER_TITLES, ORG_TYPE_TITLES, Organisation
from vakr.organisation.year import EXECUTION_STATUS_TITLES
from vakr.organisation.year_titles import duty_title, project_applies, subtasks
from vakr.problems import Problem, Severity, field_path

MAX_TEXT = 32767  # the most characters an Excel cell holds (the plan is also written as a workbook)
PROJECT_3 = "проект 3 относится только к субъектам квазигосударственного сектора"
TRAINING_DUTIES = {"course": "p4.t2.s1", "online": "p4.t2.s3"}  # the subtask each kind of training records


# --- cross-checks ------------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.split())


def _rows(org: Organisation, section: str, indices: list[int]) -> str:
    """«строки 3, 7, 12» (workbook rows or YAML lines) of some items of a list, for a message about all of them."""
    places = [str(n) for i in indices if (n := org.locate(section, i).where_in_file) is not None]
    if not places:
        return ""
    shown_places = ", ".join(places[:12]) + (" …" if len(places) > 12 else "")
    return f" (строк{'а' if len(places) == 1 else 'и'} {shown_places})"


def validate(org: Organisation, catalogue: Catalogue, today: dt.date | None = None,
             check_schedule: bool = True) -> list[Problem]:
    """Every cross-check problem of ``org``: errors and warnings, in the order of the file. ``check_schedule``
    False skips the checks of the ВАКР's dates (when they could not be read)."""
    problems: list[Problem] = []

    def add(severity: Severity, code: str, key: tuple, message: str) -> None:
        problems.append(Problem(severity=severity, code=code, message=message, place=org.locate(*key),
                                field=field_path(*key)))

    def error(code: str, key: tuple, message: str) -> None:
        add("error", code, key, message)

    def warning(code: str, key: tuple, message: str) -> None:
        add("warning", code, key, message)

    profile = org.profile
    type_title = ORG_TYPE_TITLES.get(profile.type, profile.type)
    items = checklist_items(catalogue, profile.type)
    codes = {item.code: item for item in items}

    def unknown_code(code: str) -> str:
        try:
            catalogue.group_of(code)
        except KeyError:
            return f"неизвестный код индикатора «{code}»: ожидается код из чек-листа"
        return f"индикатор «{code}» не применяется к организациям типа «{type_title}»"

    def known(code: str) -> bool:
        try:
            catalogue.group_of(code)
        except KeyError:
            return False
        return True

    # The checklist.
    first_row: dict[str, int] = {}
    for i, answer in enumerate(org.checklist):
        if answer.indicator not in codes:
            error("checklist.indicator_unknown" if not known(answer.indicator) else "checklist.indicator_not_applicable",
                  ("checklist", i, "indicator"), unknown_code(answer.indicator))
            continue
        if answer.indicator in first_row:
            error("checklist.indicator_repeated", ("checklist", i, "indicator"),
                  f"индикатор «{answer.indicator}» указан в чек-листе повторно"
                  f" (впервые — {org.locate('checklist', first_row[answer.indicator])})")
            continue
        first_row[answer.indicator] = i
        if answer.answer is None:
            warning("checklist.answer_missing", ("checklist", i, "answer"), f"не заполнен ответ по индикатору «{answer.indicator}»")
    missing = [item.code for item in items if item.code not in first_row]
    if missing:
        warning("checklist.indicators_missing", ("checklist",),
                f"не заполнен ответ: в чек-листе нет индикаторов {', '.join(missing)}")

    # Positions.
    units = set(profile.units)
    titles = {_norm(p.title) for p in org.positions}
    seen_positions: set[tuple[str, str]] = set()
    for i, position in enumerate(org.positions):
        if position.unit not in units:
            error("positions.unit_unknown", ("positions", i, "unit"),
                  f"подразделение «{position.unit}» не указано в профиле организации (структурные подразделения)")
        key = (_norm(position.title), position.unit)
        if key in seen_positions:
            warning("positions.repeated", ("positions", i, "title"),
                    f"должность «{position.title}» подразделения «{position.unit}» указана повторно")
        seen_positions.add(key)

    # The schedule (also gives the dates the findings' due dates are compared with).
    schedule = None
    if check_schedule:
        if profile.vakr_end < profile.vakr_start:
            error("schedule.end_before_start", ("profile", "vakr_end"),
                  f"дата завершения ВАКР ({short_date(profile.vakr_end)}) раньше даты начала ({short_date(profile.vakr_start)})")
        try:
            schedule = schedule_for_profile(profile, catalogue, today=today)
        except VakrError as exc:  # a date outside the calendar (2020–2035): nothing can be counted
            error("schedule.not_computed", ("profile", "vakr_start"), f"график ВАКР не рассчитан: {exc}")
    if schedule is not None:
        for w in schedule.warnings:
            if w.code == "schedule.end_before_start":
                continue  # reported above
            problems.append(org.placed(w))
    if check_schedule and profile.order.date > profile.vakr_start:
        error("profile.order_after_start", ("profile", "order", "date"),
              f"приказ о проведении ВАКР ({short_date(profile.order.date)}) датирован позже начала ВАКР"
              f" ({short_date(profile.vakr_start)})")
    monitoring_end = approved = published = None
    if schedule is not None:
        monitoring_end = schedule.event("monitoring_end").date
        approved = schedule.event("plan_approved")
        published = schedule.event("publish")
    sections = {s.code: s for s in catalogue.report_sections}
    without_measure: list[int] = []
    without_responsible: list[int] = []

    # Findings.
    for i, finding in enumerate(org.findings):
        if finding.indicator not in codes:
            error("findings.indicator_unknown" if not known(finding.indicator) else "findings.indicator_not_applicable",
                  ("findings", i, "indicator"), unknown_code(finding.indicator))
        else:
            j = first_row.get(finding.indicator)
            given = org.checklist[j].answer if j is not None else None
            if given != "present":
                if j is None:
                    state = "индикатора нет в чек-листе"
                elif given is None:
                    state = f"ответ в чек-листе не заполнен ({org.locate('checklist', j, 'answer')})"
                else:
                    state = (f"в чек-листе указан ответ «{ANSWER_TITLES[given]}»"
                             f" ({org.locate('checklist', j, 'answer')})")
                error("findings.indicator_not_present", ("findings", i, "indicator"),
                      f"риск записан по индикатору «{finding.indicator}», но {state}; риск можно записать только"
                      f" по индикатору с ответом «{ANSWER_TITLES['present']}»")
            if codes[finding.indicator].direction == "npa" and not finding.act:
                error("findings.act_missing", ("findings", i, "act"),
                      "не указан акт: для риска в НПА укажите нормативный правовой акт или внутренний документ и его"
                      " пункт")
            if finding.section and codes[finding.indicator].direction == "org":
                warning("findings.section_ignored", ("findings", i, "section"),
                        "раздел справки указывают только для рисков в НПА: риск в организационно-управленческой"
                        " деятельности попадает в раздел своей сферы, указанный раздел не учитывается")
        if finding.section and finding.section not in sections:
            error("findings.section_unknown", ("findings", i, "section"),
                  f"неизвестный раздел справки «{finding.section}»: ожидается "
                  + ", ".join(f"{s.code} ({s.number}. {s.title})" for s in sections.values()))
        if not finding.measure:
            without_measure.append(i)
        if not finding.responsible:
            without_responsible.append(i)
        if finding.unit not in units:
            error("findings.unit_unknown", ("findings", i, "unit"),
                  f"подразделение «{finding.unit}» не указано в профиле организации (структурные подразделения)")
        for name in finding.positions:
            if _norm(name) not in titles:
                error("findings.position_unknown", ("findings", i, "positions"),
                      f"должность «{name}» не указана в перечне должностей, подверженных коррупционным рискам")
        if finding.due is not None:
            if finding.due < profile.vakr_end:
                warning("findings.due_before_end", ("findings", i, "due"),
                        f"срок исполнения ({short_date(finding.due)}) раньше завершения ВАКР ({short_date(profile.vakr_end)})")
            elif monitoring_end is not None and finding.due > monitoring_end:
                warning("findings.due_after_monitoring", ("findings", i, "due"),
                        f"срок исполнения ({short_date(finding.due)}) позже окончания мониторинга исполнения плана"
                        f" ({short_date(monitoring_end)})")
            elif approved is not None and finding.due <= approved.date:
                when = "указанной даты" if not approved.assumed else "предельного срока"
                warning("findings.due_before_plan", ("findings", i, "due"),
                        f"срок исполнения ({short_date(finding.due)}) не позже утверждения плана мероприятий ({when}"
                        f" {short_date(approved.date)}): мера должна исполняться после утверждения плана")
            elif published is not None and finding.due <= published.date:
                warning("findings.due_before_publication", ("findings", i, "due"),
                        f"срок исполнения ({short_date(finding.due)}) наступает до размещения плана мероприятий на"
                        f" интернет-ресурсе (не позднее {short_date(published.date)}): за такой срок меру не"
                        " исполнить — назначьте срок позже")
    seen_findings: dict[tuple[str, str, str], int] = {}
    for i, finding in enumerate(org.findings):
        same = (finding.indicator, _norm(finding.unit), _norm(finding.description).casefold())
        if same in seen_findings:
            earlier = org.locate("findings", seen_findings[same])
            first = f"строки {earlier.where_in_file}" if earlier.where_in_file is not None else str(earlier)
            warning("findings.repeated", ("findings", i),
                    f"риск повторяет риск {first} (тот же индикатор, подразделение и описание) и будет учтён"
                    " дважды: удалите повтор или уточните описание")
        else:
            seen_findings[same] = i
    long_texts = [(i, field) for i, f in enumerate(org.findings) for field in ("act", "description", "measure")
                  if len(getattr(f, field) or "") > MAX_TEXT]
    for i, field in long_texts:
        error("findings.text_too_long", ("findings", i, field),
              f"текст длиннее {MAX_TEXT:,} знаков".replace(",", " ") + " — столько не помещается в ячейку Excel;"
              " сократите его или вынесите подробности в приложение")
    if without_measure:
        warning("findings.measure_suggested", ("findings",),
                f"рекомендуемая мера не указана в {len(without_measure)} из {len(org.findings)} рисков"
                f"{_rows(org, 'findings', without_measure)}: мера, форма завершения и срок будут предложены по"
                " методике и помечены в документах — проверьте их")
    if without_responsible:
        warning("findings.responsible_suggested", ("findings",),
                f"ответственные исполнители не указаны в {len(without_responsible)} из {len(org.findings)} рисков"
                f"{_rows(org, 'findings', without_responsible)}: исполнителем будет указано подразделение риска")
    with_positions = {p.unit for p in org.positions}
    for unit in dict.fromkeys(f.unit for f in org.findings):
        if unit in units and unit not in with_positions:
            warning("positions.unit_without_positions", ("positions",),
                    f"у подразделения «{unit}» есть коррупционные риски, но в перечне нет ни одной его должности"
                    " (лист «Должности»): добавьте должности, подверженные этим рискам")
    _check_year(org, catalogue, error, warning)
    return problems


def plan_number(number: str) -> str:
    """A plan item's number without spaces and the final dot: «1.2.1.» and «1.2.1» are one item."""
    return "".join(number.split()).rstrip(".")


def _check_year(org: Organisation, catalogue: Catalogue, error: Callable[[str, tuple, str], None],
                warning: Callable[[str, tuple, str], None]) -> None:
    """The records of the year: duties that do not apply to the organisation, the plan's execution."""
    profile = org.profile
    type_title = ORG_TYPE_TITLES.get(profile.type, profile.type)
    found = subtasks(catalogue)
    year = org.year

    def not_applicable(code: str, key: tuple, section: str) -> None:
        if code not in found or profile.type in catalogue.applies_to(*found[code]):
            return
        if found[code][0].number == 3:
            warning(f"year.{section}.project_3", key, f"{PROJECT_3}: проверьте тип организации в профиле или удалите запись")
        else:
            warning(f"year.{section}.not_applicable", key, f"обязанность «{duty_title(catalogue, code)}» не относится"
                    f" к организациям типа «{type_title}»: проверьте тип организации в профиле или удалите запись")

    for i, document in enumerate(year.compliance_documents):
        not_applicable(document.document, ("year", "compliance_documents", i, "document"), "compliance_documents")
    if year.iso and not project_applies(catalogue, 3, profile.type):
        warning("year.iso.project_3", ("year", "iso", 0), f"{PROJECT_3}: проверьте тип организации в профиле или удалите записи ISO 37001")
    for i, event in enumerate(year.events):
        not_applicable(event.duty, ("year", "events", i, "duty"), "events")
    for i, training in enumerate(year.trainings):
        not_applicable(TRAINING_DUTIES[training.kind], ("year", "trainings", i, "kind"), "trainings")

    first: dict[str, int] = {}
    for i, item in enumerate(year.plan_execution):
        number = plan_number(item.number)
        if number in first:
            earlier = org.locate("year", "plan_execution", first[number])
            where = f"строке {earlier.where_in_file}" if earlier.where_in_file is not None else str(earlier)
            error("year.plan_execution.repeated_number", ("year", "plan_execution", i, "number"),
                  f"пункт плана «{item.number}» уже указан (в {where}): у каждого мероприятия плана — одна строка")
        else:
            first[number] = i
        if item.status in ("done", "partial") and item.done_on is None:
            warning("year.plan_execution.no_date", ("year", "plan_execution", i, "done_on"),
                    f"мероприятие «{item.number}» отмечено как «{EXECUTION_STATUS_TITLES[item.status]}», но не"
                    " указана дата исполнения")
        if item.done_on is not None and profile.plan_approved is not None and item.done_on < profile.plan_approved:
            warning("year.plan_execution.before_plan", ("year", "plan_execution", i, "done_on"),
                    f"дата исполнения ({short_date(item.done_on)}) раньше утверждения плана мероприятий"
                    f" ({short_date(profile.plan_approved)})")
