"""The measures of the plan on a date: their states, grouped by unit and by responsible, and the execution percentage.

Rules (the state of a measure on ``today``):

* «исполнено» — recorded as done on or before its due date; «исполнено с нарушением срока» — done after it. A
  measure recorded as done without a date counts as done on time (the note says the date is missing); one whose
  date of execution is after ``today`` is not done yet on ``today``.
* otherwise (not done, done in part, nothing recorded) by the due date: «просрочено» when it is before ``today``;
  «срок в ближайшие 30 дней» when it is ``today`` or within 30 calendar days; «срок не наступил» after that. A
  measure done in part keeps that mark next to its state («просрочено (исполнено частично)») and counts as not
  done.
* the due date is the plan's date as written, also when it falls on a day off: the state is counted against it,
  and the measure notes the day off (the plan is an internal act with fixed dates; the Civil Code's move of a
  term's last day to the next working day is not applied to it — an assumption of this project).

Execution percentage = measures done (on time or late) ÷ measures that are done or overdue, i.e. whose due date
has passed or which were done ahead of it; measures not yet due and not done are left out. No such measures: no
percentage. A measure with several responsible counts in each of their units and under each of them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Protocol

from vakr.calendar.kazakhstan import KazakhstanCalendar
from vakr.formatting import short_date
from vakr.monitoring.model import DUE_SOON_DAYS, PLAN_STATE_TITLES, GroupSummary, PlanItem, PlanState
from vakr.organisation.year import ExecutionStatus, PlanExecution

# A trailing «(Фамилия И.О.)»: a parenthesised group with an initial (a letter and a dot) — «(кадровая служба)» is
# part of a unit's name, «(Жұмабаева Ә.Қ.)» is a person.
_PERSON = re.compile(r"^(?P<unit>.*\S)\s*\((?P<person>[^()]*[^\W\d_]\.[^()]*)\)\s*$")


def split_responsible(entry: str, units: Iterable[str] = ()) -> tuple[str, str | None]:
    """(unit, person) of a plan's «ответственный»: «Отдел финансов (Өтегенова Г.С.)» → («Отдел финансов»,
    «Өтегенова Г.С.»). A unit of the profile is returned as the profile spells it."""
    text = " ".join(entry.split())
    known = {u.casefold(): u for u in units}
    if text.casefold() in known:
        return known[text.casefold()], None
    match = _PERSON.match(text)
    unit, person = (match["unit"], match["person"].strip()) if match else (text, None)
    return known.get(unit.casefold(), unit), person


def proof_line(record: PlanExecution) -> str | None:
    """«№ 61-ө от 14.04.2026, https://…» — the document that proves the measure done; a number written with its
    document («Решение Правления № 31», «№ 12») is kept as written."""
    parts = []
    if record.proof_number:
        number = record.proof_number if "№" in record.proof_number else f"№ {record.proof_number}"
        parts.append(number + (f" от {short_date(record.proof_date)}" if record.proof_date else ""))
    elif record.proof_date:
        parts.append(f"от {short_date(record.proof_date)}")
    if record.proof_link:
        parts.append(record.proof_link)
    return ", ".join(parts) or None


class MeasureRecord(Protocol):
    """What the state of a measure is counted from: a row of «Исполнение плана» (:class:`PlanExecution`), or a
    measure kept in a record of ``vakr region``."""

    @property
    def due(self) -> dt.date: ...

    @property
    def status(self) -> ExecutionStatus | None: ...

    @property
    def done_on(self) -> dt.date | None: ...


def plan_state(record: MeasureRecord, today: dt.date) -> tuple[PlanState, str | None]:
    """The state of one measure on ``today`` and a note when the record lacks something (see the module rules)."""
    if record.status == "done" and (record.done_on is None or record.done_on <= today):
        if record.done_on is None:
            return "done", "дата исполнения не указана: считается исполненным в срок"
        return ("done" if record.done_on <= record.due else "done_late"), None
    note = None
    if record.status == "done":  # done_on after today
        note = f"дата исполнения {short_date(record.done_on)} позже даты мониторинга: пока не исполнено"
    days = (record.due - today).days
    if days < 0:
        return "overdue", note
    return ("due_soon" if days <= DUE_SOON_DAYS else "not_due"), note


def plan_items(records: list[PlanExecution], today: dt.date, calendar: KazakhstanCalendar,
               units: Iterable[str]) -> list[PlanItem]:
    units = list(units)
    items = []
    for i, record in enumerate(records):
        state, note = plan_state(record, today)
        day_off = None
        if not calendar.is_working_day(record.due):
            day_off = calendar.get_holiday_label(record.due) or "выходной день"
        unit_names = list(dict.fromkeys(split_responsible(r, units)[0] for r in record.responsible))
        items.append(PlanItem(
            index=i, number=record.number, measure=record.measure, due=record.due, responsible=record.responsible,
            units=unit_names, state=state, partial=record.status == "partial", done_on=record.done_on,
            proof=proof_line(record), due_day_off=day_off, note=note,
        ))
    return items


def count_states(items: Iterable[PlanItem]) -> dict[str, int]:
    counts = dict.fromkeys(PLAN_STATE_TITLES, 0)
    for item in items:
        counts[item.state] += 1
    return counts


def execution_percent(counts: dict[str, int]) -> float | None:
    """Done (on time or late) ÷ (done + done late + overdue), in per cent; None when that is nothing."""
    done = counts["done"] + counts["done_late"]
    base = done + counts["overdue"]
    return round(100 * done / base, 1) if base else None


def _summary(name: str, items: list[PlanItem]) -> GroupSummary:
    counts = count_states(items)
    return GroupSummary(name=name, total=len(items), counts=counts, percent=execution_percent(counts))


def by_unit(items: list[PlanItem]) -> list[GroupSummary]:
    """One summary per unit, in the order the units first appear in the plan; measures without a responsible go
    under «не указано»."""
    groups: dict[str, list[PlanItem]] = {}
    for item in items:
        for unit in item.units or ["не указано"]:
            groups.setdefault(unit, []).append(item)
    return [_summary(name, group) for name, group in groups.items()]


def by_responsible(items: list[PlanItem]) -> list[GroupSummary]:
    """One summary per responsible as the plan writes them («Юридический отдел (Құрманғазиев Д.Б.)»)."""
    groups: dict[str, list[PlanItem]] = {}
    for item in items:
        for entry in item.responsible or ["не указано"]:
            groups.setdefault(" ".join(entry.split()), []).append(item)
    return [_summary(name, group) for name, group in groups.items()]
