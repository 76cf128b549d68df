"""What the notebooks of the year after the ВАКР show (``monitoring``, ``project2``–``project4``): the state on a
date (:func:`vakr.monitoring.monitor`) as tables with Russian headers.

Duties and KPIs are named by their number in the project map and their title («4.2.2 Ежемесячное разъясняющее
мероприятие»), never by the code of the data (``p4.t2.s2``); the rules the engine states are shown with the codes
replaced by numbers and without field names, so the tables can be embedded in the handbook. Figures are in
:mod:`vakr.site.monitoring_plots`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import get_args

import pandas as pd

from vakr.formatting import date_with_weekday, long_date, short_date
from vakr.io_files import write_atomic
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.models import Subtask, Task
from vakr.monitoring import Monitoring, monitor, year_ics
from vakr.monitoring.kpi import COMPLIANCE_TASK, ISO_DUTY
from vakr.monitoring.model import PLAN_STATE_TITLES, Kpi
from vakr.monitoring.text import STATE_HEADERS, percent_text
from vakr.organisation.excel.year_sheets import YEAR_SHEETS
from vakr.organisation.model import Organisation
from vakr.organisation.year import TRAINING_KIND_TITLES, ComplianceDocument, Restriction
from vakr.problems import Problem
from vakr.site.notebook import NotebookRun

CALENDAR_FILE = "year.ics"  # what the monitoring notebook writes into out_dir (the name `vakr monitor --out` uses)
NO_PLAN = "Исполнение плана мероприятий не внесено."
NO_DUTIES = "Периодических обязанностей на этот год к организациям этого типа нет."
NO_KPIS = "Показателей для организаций этого типа нет."
NO_VIOLATIONS = "Записи второго проекта нарушений не показывают."
NO_RECORDS = "Записей этого вида нет."

# How each state of a measure is defined (vakr.monitoring.plan states the rules; they are the project's own).
PLAN_STATE_RULES = {
    "done": "исполнена не позже срока по плану",
    "done_late": "исполнена после срока по плану",
    "overdue": "не исполнена или исполнена частично, срок по плану истёк",
    "due_soon": "не исполнена, срок — в ближайшие 30 календарных дней, считая дату мониторинга (допущение проекта)",
    "not_due": "не исполнена, срок наступит позже",
}
VIOLATION_TITLES = {
    "p2.hire_prior_offence": "Принято на работу лицо, ранее совершившее коррупционное правонарушение (2.4.1)",
    "p2.manager_not_held_responsible": ("Руководитель не привлечён к ответственности за коррупционное"
                                        " правонарушение подчинённого (2.3.1, 2.3.2)"),
    "p2.restriction_violations": "Нарушено антикоррупционное ограничение (2.5)",
    "p2.reconciliation_discrepancies": "Сверка выявила расхождения (2.2.1)",
}
# The lists of project 2 and the subtasks they record.
P2_RECORDS: dict[str, tuple[str, ...]] = {
    "offence_reports": ("p2.t1.s1",),
    "reconciliations": ("p2.t2.s1",),
    "manager_cases": ("p2.t3.s1", "p2.t3.s2"),
    "hires": ("p2.t4.s1",),
    "restriction_checks": get_args(Restriction),
}
# A list whose records are reports, not checks: none of them is a violation.
NOT_CHECKS = {"offence_reports"}

_CODE = re.compile(r"\bp\d+(?:\.t\d+(?:\.s\d+)?)?\b")
_FIELD = re.compile(r"\s*\((?:profile|year)\.[\w.\[\]]+\)")


# --- loading and naming -----------------------------------------------------------------------------------------


def state(run: NotebookRun) -> Monitoring:
    """The state of the organisation's year on the notebook's ``today`` (empty: the current date)."""
    return monitor(run.organisation, run.catalogue, run.today or dt.date.today())


def heading(run: NotebookRun, m: Monitoring) -> str:
    """«**Организация** — мониторинг на …» for the top of each notebook of the year."""
    p = run.organisation.profile
    return (f"**{p.name}** — состояние на {long_date(m.today)}: исполнение плана мероприятий по итогам ВАКР"
            f" с {long_date(p.vakr_start)} по {long_date(p.vakr_end)} и обязанности {m.year} года.")


def numbers(catalogue: Catalogue) -> dict[str, str]:
    """The number of every project, task and subtask of the project map: «p4.t2.s2» → «4.2.2»."""
    found = {}
    for project in catalogue.projects:
        found[project.code] = str(project.number)
        for task in project.tasks:
            found[task.code] = f"{project.number}.{task.number}"
            for sub in task.subtasks:
                found[sub.code] = f"{project.number}.{task.number}.{sub.number}"
    return found


def plain(text: str, catalogue: Catalogue) -> str:
    """A rule or note of the engine for a reader: codes of the project map as numbers, no field names."""
    found = numbers(catalogue)
    return _CODE.sub(lambda m: found.get(m[0], m[0]), _FIELD.sub("", text))


def label(catalogue: Catalogue, code: str, title: str | None = None) -> str:
    """«4.2.2 Ежемесячное разъясняющее мероприятие»: a duty by its number and (short) title."""
    sub = catalogue.get(code)
    if title is None:
        title = (sub.short_title if isinstance(sub, Subtask) else None) or sub.title
    return f"{numbers(catalogue).get(code, code)} {title}"


def project_of(catalogue: Catalogue, code: str) -> int:
    return int(numbers(catalogue)[code].split(".")[0])


# --- the plan ---------------------------------------------------------------------------------------------------


def plan_dataframe(m: Monitoring) -> pd.DataFrame:
    """Each measure of the plan: its number, text, due date, state on the date and the document that proves it."""
    rows = []
    for item in m.plan:
        due = short_date(item.due) + (f" (нерабочий день: {item.due_day_off})" if item.due_day_off else "")
        done = item.state in ("done", "done_late") and item.done_on is not None
        status = item.state_title + (f", {short_date(item.done_on)}" if done else "")
        if item.note:
            status += f"; {item.note}"
        rows.append([item.number, item.measure, due, status, item.proof or "—"])
    return pd.DataFrame(rows, columns=["№", "Мера", "Срок", "Состояние", "Подтверждение"])


def summary_dataframe(m: Monitoring) -> pd.DataFrame:
    """The measures by state with the rule of each state, the total and the execution percentage with its rule."""
    rows: list[list[object]] = [[title[:1].upper() + title[1:], str(m.counts[code]), PLAN_STATE_RULES[code]]
                                for code, title in PLAN_STATE_TITLES.items()]
    rows.append(["Всего мер", str(len(m.plan)), "меры плана, исполнение которых внесено"])
    done = m.counts["done"] + m.counts["done_late"]
    base = done + m.counts["overdue"]
    rule = ("исполненные меры (в срок и с нарушением срока) из исполненных и просроченных на дату мониторинга:"
            f" {done} из {base}; меры, срок которых не наступил, не учитываются (допущение проекта)")
    rows.append(["Процент исполнения", percent_text(m.percent), rule if base else
                 "ни одна мера ещё не исполнена и не просрочена: процент не рассчитывается"])
    return pd.DataFrame(rows, columns=["Состояние", "Мер", "Как определяется"])


def units_dataframe(m: Monitoring) -> pd.DataFrame:
    """The measures of each unit by state, with the unit's execution percentage; a measure with several units
    counts in each."""
    rows = [[g.name, g.total, *(g.counts[s] for s in PLAN_STATE_TITLES), percent_text(g.percent)] for g in m.by_unit]
    return pd.DataFrame(rows, columns=["Подразделение", "Мер", *STATE_HEADERS, "% исполнения"])


def plan_notes_markdown(m: Monitoring) -> str:
    """What the monitoring could not look at, and the measures whose due date is a day off."""
    lines = [f"- {note}" for note in m.notes]
    lines += [f"- Мера {i.number}: срок {short_date(i.due)} — нерабочий день ({i.due_day_off}); состояние считается"
              " от даты плана." for i in m.plan if i.due_day_off]
    return "\n".join(lines) or "Замечаний к записям плана нет."


# --- duties and KPIs --------------------------------------------------------------------------------------------


def duties_dataframe(m: Monitoring, catalogue: Catalogue, project: int | None = None) -> pd.DataFrame:
    """Each periodic duty of the year (of one project, or of all) with its state on the date and the records that
    show it done."""
    rows = []
    for d in m.duties:
        if project is not None and d.project != project:
            continue
        status = d.state_title + (" (предварительно)" if d.provisional_reason else "")
        mark = "\n".join(d.evidence) or plain(d.note or "", catalogue)
        rows.append([date_with_weekday(d.due), label(catalogue, d.code, d.title), d.period, status, mark])
    return pd.DataFrame(rows, columns=["Срок", "Обязанность", "Период", "Состояние", "Отметка"])


def _kpi_row(kpi: Kpi, catalogue: Catalogue) -> list[str]:
    status = kpi.state_title + (": " + "; ".join(kpi.missing) if kpi.missing else "")
    return [label(catalogue, kpi.measures, kpi.title), plain(kpi.value, catalogue), plain(kpi.target, catalogue),
            plain(status, catalogue), plain(kpi.rule, catalogue)]


def kpis_dataframe(m: Monitoring, catalogue: Catalogue, project: int | None = None,
                   measures: tuple[str, ...] = ()) -> pd.DataFrame:
    """The KPIs (of one project, or those of the given subtasks) with the value, the target, the state and how
    each is counted."""
    rows = [_kpi_row(k, catalogue) for k in m.kpis
            if (project is None or project_of(catalogue, k.measures) == project)
            and (not measures or k.measures in measures)]
    return pd.DataFrame(rows, columns=["Показатель", "Записи показывают", "Требуется", "Состояние", "Как считается"])


# --- project 2 --------------------------------------------------------------------------------------------------


def _sheet_title(field: str) -> str:
    return next((s.title for s in YEAR_SHEETS if s.field == field), field)


def place_text(problem: Problem) -> str:
    """Where the record is: the sheet and row of the workbook, or the sheet and the record's number for a YAML file
    (the workbook built from it has the same sheets); never the file's name."""
    place = problem.place
    if place is not None and place.sheet:
        return f"лист «{place.sheet}», строка {place.row}" if place.row is not None else f"лист «{place.sheet}»"
    keys = (problem.field or "").split(".")  # «year.hires.1.prior_offence»
    if len(keys) >= 3 and keys[2].isdigit():
        return f"лист «{_sheet_title(keys[1])}», запись {int(keys[2]) + 1}"
    return ""


def violations_dataframe(m: Monitoring) -> pd.DataFrame:
    """Every violation the project 2 records show on the date, with where it was recorded."""
    rows = []
    for p in m.violations:
        message = p.message[:1].upper() + p.message[1:]
        rows.append([VIOLATION_TITLES.get(p.code, "Нарушение"), message, place_text(p)])
    return pd.DataFrame(rows, columns=["Что показывают записи", "Запись", "Где записано"])


def records_dataframe(m: Monitoring, org: Organisation, catalogue: Catalogue) -> pd.DataFrame:
    """How many records of each kind of project 2 are dated on or before the date, and how many show a violation."""
    found = numbers(catalogue)
    counted: dict[str, int] = {}
    for p in m.violations:
        keys = (p.field or "").split(".")
        if len(keys) >= 2:
            counted[keys[1]] = counted.get(keys[1], 0) + 1
    rows: list[list[object]] = []
    for field, codes in P2_RECORDS.items():
        records = [r for r in getattr(org.year, field) if r.date <= m.today]
        violations: object = "—" if field in NOT_CHECKS else counted.get(field, 0)
        rows.append([_sheet_title(field), ", ".join(found.get(c, c) for c in codes), len(records), violations])
    return pd.DataFrame(rows, columns=["Записи", "Подзадачи", "Записей на дату", "Из них с нарушениями"])


# --- projects 3 and 4 -------------------------------------------------------------------------------------------


def _document_row(number: str, sub: Subtask, record: ComplianceDocument | None, today: dt.date) -> list[str]:
    adopted = record is not None and record.adopted is not None and record.adopted <= today
    published = record is not None and record.published is not None and record.published <= today
    act = ", ".join(x for x in (record.act if record else None, short_date(record.adopted) if record else "") if x)
    link = ", ".join(x for x in (record.link if record else None, short_date(record.published) if record else "")
                     if x)
    status = "принят и опубликован" if adopted and published else "принят, не опубликован" if adopted else "не принят"
    return [number, sub.title, act if adopted else "не принят", link if published else "не опубликован", status]


def documents_dataframe(m: Monitoring, org: Organisation, catalogue: Catalogue) -> pd.DataFrame:
    """The documents of anti-corruption compliance: adopted (act, date), published (link, date), state on the date.
    A date after the date of monitoring is not a fact yet."""
    task = catalogue.get(COMPLIANCE_TASK)
    documents = [s for s in task.subtasks if s.document] if isinstance(task, Task) else []
    records: dict[str, ComplianceDocument] = {r.document: r for r in org.year.compliance_documents}
    found = numbers(catalogue)
    rows = [_document_row(found[s.code], s, records.get(s.code), m.today) for s in documents]
    return pd.DataFrame(rows, columns=["№", "Документ", "Принят: акт, дата", "Опубликован: ссылка, дата",
                                       "Состояние"])


def iso_dataframe(m: Monitoring, catalogue: Catalogue) -> pd.DataFrame:
    """The stage of ISO 37001 / СТ РК 3049-2017 and the quarterly information about it, as KPIs."""
    return kpis_dataframe(m, catalogue, measures=(ISO_DUTY,))


def trainings_dataframe(m: Monitoring, org: Organisation) -> pd.DataFrame:
    """The year's trainings of civil servants, up to the date."""
    rows = [[short_date(t.date), TRAINING_KIND_TITLES[t.kind], t.people, t.document or "—"]
            for t in org.year.trainings if t.date.year == m.year and t.date <= m.today]
    return pd.DataFrame(rows, columns=["Дата", "Вид обучения", "Человек", "Документ"])


def write_calendar(run: NotebookRun, m: Monitoring) -> str:
    """The due dates of the plan and of the year's duties as ``year.ics`` in ``out_dir``; nothing without it."""
    if run.out_dir is None:
        return "Файлы не записываются: параметр `out_dir` не задан (пример из репозитория)."
    write_atomic(run.out_dir / CALENDAR_FILE, year_ics(run.organisation, run.catalogue, m.year))
    return f"Записан файл `{CALENDAR_FILE}`: сроки мер плана и обязанностей {m.year} года с напоминаниями."
