"""The quarterly report on direction No. 4 («Справка о ходе исполнения направления № 4 за II квартал 2026 года») as
a Word document, portrait A4.

For each project of direction No. 4 that applies to the organisation type (``applies_to`` in projects.yaml), in
order:

* project 1 — the measures of the plan due in the quarter and those overdue from before it, with their states, and
  the execution percentage of the whole plan (:mod:`vakr.documents.execution`);
* the project's periodic duties due in the quarter with their states and the records that show them done — in the
  I quarter also those of the previous year due in it (the reports on its IV quarter); a project without periodic
  duties has no such part;
* its KPIs of the year on the report's date (:mod:`vakr.monitoring.kpi`);
* the other records of the project dated in the quarter: events of duties without a period, trainings;
* project 2 — how many records of each kind the quarter has, and the violations dated in it with where they were
  recorded (the sheet and row of the workbook; for a YAML file the sheet's list, the record's number and the line).

Dates after the report's date are not facts yet and are left out, as in the monitoring. The content is data
(:func:`quarter_status`) shared with the Excel copy (:mod:`vakr.documents.execution_xlsx`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from vakr.calendar.deadlines import QUARTER_NAMES
from vakr.documents.docx_common import (
    HEADING_2,
    Subdoc,
    add_paragraph,
    add_row,
    cant_split,
    load_template,
    new_subdoc,
    new_table,
    render_docx,
    text_width_mm,
)
from vakr.documents.execution import ExecutionRow, centre, execution_row, percent_sentence, signer, state_cell, widths
from vakr.documents.package import fixed_timestamp
from vakr.documents.texts import clean, name_in_genitive, upper_first
from vakr.errors import CalendarRangeError
from vakr.formatting import long_date, plural, short_date
from vakr.methodology.catalogue import Catalogue
from vakr.monitoring import monitor
from vakr.monitoring.duties import event_line
from vakr.monitoring.model import DutyStatus, Kpi
from vakr.organisation.excel.year_sheets import YEAR_SHEETS
from vakr.organisation.model import Organisation
from vakr.organisation.year import TRAINING_KIND_TITLES
from vakr.organisation.year_titles import subtasks
from vakr.problems import Problem

TEMPLATE = "status.docx"
STATUS_TITLE = "Справка о ходе исполнения направления № 4"
SHEET_TITLES = {sheet.field: sheet.title for sheet in YEAR_SHEETS}
PROJECT2_LISTS = tuple(sheet.field for sheet in YEAR_SHEETS if sheet.project == 2)

# The template's lead paragraph (templates/build_templates.py), for the Excel copy.
STATUS_LEAD = ("По каждому проекту направления № 4 «Предупреждение и противодействие коррупции», относящемуся к "
               "организации, приведены: периодические обязанности со сроком исполнения в квартале и их выполнение по "
               "записям организации, показатели {year} года на дату справки, нарушения антикоррупционного "
               "законодательства, выявленные за квартал; по проекту 1 — мероприятия плана по устранению причин и "
               "условий, выявленных по результатам ВАКР, со сроком исполнения в квартале и просроченные ранее.")
PLAN_COLUMNS = ("№ п/п", "Мероприятие", "Срок", "Состояние исполнения", "Подтверждающий документ")
DUTY_COLUMNS = ("Срок", "Обязанность", "Период", "Состояние", "Записи организации")
KPI_COLUMNS = ("Показатель", "Требуется", "Достигнуто", "Состояние")
VIOLATION_COLUMNS = ("Дата", "Нарушение", "Где записано")

PLAN_LEAD = "Мероприятия плана со сроком исполнения в квартале и просроченные ранее:"
NO_PLAN_ITEMS = "Мероприятий плана со сроком исполнения в квартале и просроченных ранее нет."
DUTIES_LEAD = "Периодические обязанности со сроком исполнения в квартале:"
NO_DUTIES = "Периодических обязанностей со сроком исполнения в квартале нет."
OTHER_LEAD = "Иные записи проекта за квартал:"
VIOLATIONS_LEAD = "Нарушения антикоррупционного законодательства, выявленные за квартал:"
NO_VIOLATIONS = "Нарушения антикоррупционного законодательства за квартал не выявлены."
NO_PLAN = "Сведения об исполнении плана мероприятий не внесены (лист «Исполнение плана»)."
NOTHING = "Периодических обязанностей и показателей по проекту для организации нет; иных записей за квартал нет."

# Shares of the portrait text width for each table.
PLAN_SHARES = (0.09, 0.35, 0.14, 0.18, 0.24)
DUTY_SHARES = (0.13, 0.25, 0.15, 0.17, 0.30)
KPI_SHARES = (0.25, 0.28, 0.27, 0.20)
VIOLATION_SHARES = (0.13, 0.55, 0.32)


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1–4

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        following = dt.date(self.year + self.number // 4, 3 * self.number % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    @property
    def title(self) -> str:
        """«II квартал 2026 года»."""
        return f"{QUARTER_NAMES[self.number - 1]} квартал {self.year} года"

    @property
    def slug(self) -> str:
        """«2026-q2», for the file name."""
        return f"{self.year}-q{self.number}"

    def holds(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def quarter_of(day: dt.date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def status_file_stem(quarter: Quarter) -> str:
    return f"status-{quarter.slug}"


@dataclass(frozen=True)
class ViolationRow:
    date: str
    text: str
    place: str


@dataclass(frozen=True)
class ProjectStatus:
    number: int
    title: str
    periodic: bool  # the project has periodic duties for this organisation type
    duties: list[DutyStatus] = field(default_factory=list)
    kpis: list[Kpi] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    plan: list[ExecutionRow] | None = None  # project 1 only; None: no plan execution recorded
    plan_percent: str = ""
    record_counts: list[tuple[str, int]] = field(default_factory=list)  # project 2 only: (sheet, records)
    violations: list[ViolationRow] | None = None  # project 2 only


@dataclass(frozen=True)
class QuarterStatus:
    organisation: str
    today: dt.date
    quarter: Quarter
    year: int  # the year of the KPIs
    projects: list[ProjectStatus]

    @property
    def as_of(self) -> str:
        return long_date(self.today)


# --- the content as data ------------------------------------------------------------------------------------


def violation_place(problem: Problem, sheet: str, index: int) -> str:
    """Where a violation was recorded, in words: «лист «Приём на работу», строка 3» of a workbook; for a YAML file
    «лист «Приём на работу», запись 2 (файл org.yaml, строка 638)» — the list as the workbook's sheet names it."""
    place = problem.place
    if place is not None and place.sheet and place.row is not None:
        return f"лист «{place.sheet}», строка {place.row}"
    text = f"лист «{sheet}», запись {index + 1}"
    if place is not None and place.line is not None:
        text += f" (файл {place.file}, строка {place.line})" if place.file else f" (строка {place.line})"
    return text


def _violations(org: Organisation, violations: list[Problem], quarter: Quarter) -> list[ViolationRow]:
    found: list[tuple[dt.date, int, ViolationRow]] = []
    for order, problem in enumerate(violations):
        keys = (problem.field or "").split(".")  # «year.hires.1.prior_offence»
        if len(keys) < 3 or keys[0] != "year" or not keys[2].isdigit():
            continue
        name, index = keys[1], int(keys[2])
        day: dt.date = getattr(org.year, name)[index].date
        if quarter.holds(day):
            row = ViolationRow(short_date(day), upper_first(clean(problem.message)),
                               violation_place(problem, SHEET_TITLES.get(name, name), index))
            found.append((day, order, row))
    return [row for _, _, row in sorted(found, key=lambda f: f[:2])]


def _in_quarter(day: dt.date, quarter: Quarter, today: dt.date) -> bool:
    return quarter.holds(day) and day <= today


def _other_records(org: Organisation, catalogue: Catalogue, project: int, periodic: set[str], quarter: Quarter,
                   today: dt.date) -> list[str]:
    """Events of the project's duties without a period, and (project 4) the trainings, dated in the quarter."""
    numbers = {code: f"{p.number}.{t.number}.{s.number}" for code, (p, t, s) in subtasks(catalogue).items()}
    lines: list[tuple[dt.date, str]] = []
    for event in org.year.events:
        if event.duty.startswith(f"p{project}.") and event.duty not in periodic \
                and _in_quarter(event.date, quarter, today):
            lines.append((event.date, f"{clean(event_line(event))} ({numbers.get(event.duty, event.duty)})"))
    if project == 4:
        for t in org.year.trainings:
            if _in_quarter(t.date, quarter, today):
                document = f" ({clean(t.document)})" if t.document else ""
                lines.append((t.date, f"{short_date(t.date)} — {TRAINING_KIND_TITLES[t.kind]}: "
                                      f"{plural(t.people, 'человек', 'человека', 'человек')}{document}"))
    return [text for _, text in sorted(lines, key=lambda line: line[0])]


def _record_counts(org: Organisation, quarter: Quarter, today: dt.date) -> list[tuple[str, int]]:
    return [(SHEET_TITLES[name], sum(1 for r in getattr(org.year, name) if _in_quarter(r.date, quarter, today)))
            for name in PROJECT2_LISTS]


def quarter_status(org: Organisation, catalogue: Catalogue, today: dt.date,
                   quarter: Quarter | None = None) -> QuarterStatus:
    """The content of the quarterly report on ``today`` (default quarter: the one of ``today``)."""
    quarter = quarter or quarter_of(today)
    state = monitor(org, catalogue, today, quarter.year)
    duties = list(state.duties)
    if quarter.number == 1:  # the previous year's reports on its IV quarter fall due in January
        try:
            duties = [*monitor(org, catalogue, today, quarter.year - 1).duties, *duties]
        except CalendarRangeError:
            pass
    projects = []
    for project in catalogue.projects:
        if org.profile.type not in project.applies_to:
            continue
        n = project.number
        periodic = {d.code for d in duties if d.project == n}
        section = ProjectStatus(
            number=n, title=clean(project.title), periodic=bool(periodic),
            duties=[d for d in duties if d.project == n and quarter.holds(d.due)],
            kpis=[k for k in state.kpis if k.measures.startswith(f"p{n}.")],
            other=_other_records(org, catalogue, n, periodic, quarter, today),
        )
        if n == 1:
            items = [i for i in state.plan if quarter.holds(i.due) or (i.state == "overdue" and i.due < quarter.start)]
            section = replace(section, plan=[execution_row(i, org) for i in items] if state.plan else None,
                              plan_percent=percent_sentence(state) if state.plan else "")
        elif n == 2:
            section = replace(section, record_counts=_record_counts(org, quarter, today),
                              violations=_violations(org, state.violations, quarter))
        projects.append(section)
    return QuarterStatus(organisation=clean(org.profile.name), today=today, quarter=quarter, year=state.year,
                         projects=projects)


def empty(project: ProjectStatus) -> bool:
    """Nothing to show for the project: no plan or project 2 part, no duties, KPIs or other records."""
    return project.number > 2 and not (project.periodic or project.kpis or project.other)


def project_heading(project: ProjectStatus) -> str:
    return f"Проект {project.number}. {project.title}"


def kpi_lead(status: QuarterStatus) -> str:
    return f"Показатели {status.year} года на {short_date(status.today)}:"


def counts_sentence(project: ProjectStatus) -> str:
    parts = ", ".join(f"«{sheet}» — {n}" for sheet, n in project.record_counts)
    return f"Записей проекта за квартал (листы книги организации): {parts}."


def duty_cells(duty: DutyStatus) -> list[str | list[str]]:
    """Срок, обязанность, период, состояние, записи (or what is missing)."""
    state = duty.state_title + (" (предварительно)" if duty.provisional_reason else "")
    records = [clean(e) for e in duty.evidence] or [clean(duty.note or "")]
    if duty.provisional_reason:
        records.append(f"Предварительно: {clean(duty.provisional_reason)}")
    return [short_date(duty.due), clean(duty.title), clean(duty.period), state, records]


def kpi_cells(kpi: Kpi) -> list[str | list[str]]:
    """Показатель, требуется, достигнуто, состояние (with what is missing)."""
    return [clean(kpi.title), clean(kpi.target), clean(kpi.value), [kpi.state_title, *(clean(m) for m in kpi.missing)]]


def plan_cells(row: ExecutionRow) -> list[Any]:
    return [row.number, row.measure, row.due, state_cell(row), [[p] for p in row.proof] or ["—"]]


# --- the Word document --------------------------------------------------------------------------------------


def _lead(doc: Subdoc, text: str) -> None:
    add_paragraph(doc, [(text, "i")], keep_with_next=True)


def _cells(values: list[Any]) -> list[Any]:
    """A list value becomes one paragraph per line."""
    return [[[line] for line in v] if isinstance(v, list) and all(isinstance(x, str) for x in v) else v
            for v in values]


def _table(doc: Subdoc, width: float, shares: tuple[float, ...], header: tuple[str, ...], rows: list[list[Any]],
           centred: tuple[int, ...] = ()) -> None:
    table = new_table(doc, widths(width, shares), header=header)
    for values in rows:
        tr = add_row(table, _cells(values))
        cant_split(tr)
        centre(tr, centred)
    add_paragraph(doc)


def _project(doc: Subdoc, width: float, status: QuarterStatus, project: ProjectStatus) -> None:
    add_paragraph(doc, project_heading(project), style=HEADING_2)
    if project.number == 1:
        if project.plan is None:
            add_paragraph(doc, NO_PLAN)
        elif project.plan:
            _lead(doc, PLAN_LEAD)
            _table(doc, width, PLAN_SHARES, PLAN_COLUMNS, [plan_cells(r) for r in project.plan], centred=(0, 2))
        else:
            add_paragraph(doc, NO_PLAN_ITEMS)
        if project.plan_percent:
            add_paragraph(doc, project.plan_percent)
    if project.periodic:
        if project.duties:
            _lead(doc, DUTIES_LEAD)
            _table(doc, width, DUTY_SHARES, DUTY_COLUMNS, [duty_cells(d) for d in project.duties], centred=(0,))
        else:
            add_paragraph(doc, NO_DUTIES)
    if project.kpis:
        _lead(doc, kpi_lead(status))
        _table(doc, width, KPI_SHARES, KPI_COLUMNS, [kpi_cells(k) for k in project.kpis])
    if project.number == 2:
        add_paragraph(doc, counts_sentence(project))
        if project.violations:
            _lead(doc, VIOLATIONS_LEAD)
            _table(doc, width, VIOLATION_SHARES, VIOLATION_COLUMNS,
                   [[v.date, v.text, v.place] for v in project.violations], centred=(0,))
        else:
            add_paragraph(doc, NO_VIOLATIONS)
    if project.other:
        _lead(doc, OTHER_LEAD)
        for i, line in enumerate(project.other):
            add_paragraph(doc, f"– {line}{'.' if i == len(project.other) - 1 else ';'}")
    if empty(project):
        add_paragraph(doc, NOTHING)


def _projects(tpl: DocxTemplate, status: QuarterStatus) -> Subdoc:
    doc = new_subdoc(tpl)
    width = text_width_mm(tpl)
    for project in status.projects:
        _project(doc, width, status, project)
    return doc


def status_context(tpl: DocxTemplate, org: Organisation, status: QuarterStatus) -> dict[str, Any]:
    return {
        "organisation": name_in_genitive(status.organisation),  # «в деятельности …»
        "quarter": status.quarter.title,
        "as_of": status.as_of,
        "year": str(status.year),
        "projects": _projects(tpl, status),
        **signer(org),
    }


def status_title(status: QuarterStatus) -> str:
    return f"{STATUS_TITLE} за {status.quarter.title}"


def render_status_docx(org: Organisation, status: QuarterStatus, template: str | Path | None = None) -> bytes:
    """The quarterly report as DOCX bytes; ``status`` is :func:`quarter_status` of ``org`` (same input → same
    bytes)."""
    tpl = load_template(TEMPLATE, template)
    return render_docx(tpl, status_context(tpl, org, status), title=status_title(status),
                       subject=status.organisation, stamp=fixed_timestamp(status.today))
