"""Many evaluated organisations at once: where the risks concentrate, which indicator repeats, who is late.

:func:`aggregate` is pure: it reads nothing and prints nothing; from the records (:mod:`vakr.region.record`) and
the date ``today`` it builds a :class:`RegionSummary` of plain dataclasses, which every output of ``vakr region``
(:mod:`.xlsx`, :mod:`.heatmap`, :mod:`.page`, :mod:`.kartogramma`) only lays out. The rules, as the outputs state
them (the ``*_RULE`` texts):

* **Matrices.** Organisations × organisational areas and organisations × corruption factors in NPA: each cell is the
  number of the organisation's risks in that area (factor) and the highest level among them; an empty cell has no
  risk. The columns are every area (factor) of the catalogue, when one is given, in its order, then any other met
  in the records; without a catalogue, those met in the records, by number. Groups (``by``: region, organisation
  type or superior body — «без вышестоящей организации» when the profile names none) get the same matrices: the
  risks of their organisations, the highest level, and how many of their organisations have a risk in the cell.
* **Ranking** (:data:`RANKING_RULE`): by the number of risks of the highest level (critical), then of the next
  (high), then medium, then low — more is higher; equal counts by the organisation's name, then slug. Places run
  1, 2, 3 … without ties. Groups are listed by name («без вышестоящей организации» last).
* **Systemic risks** (:data:`SYSTEMIC_RULE`): an indicator is systemic when risks under it were identified in at
  least ``min_orgs`` organisations (default 2); its share is those organisations out of all the organisations
  aggregated. Sorted by the number of organisations, then of risks, then the highest level, then the indicator's
  code.
* **Plan execution** (:data:`PLAN_RULE`): for the organisations whose records hold the plan's execution, the
  measures' states are counted on ``today`` by the rules of :mod:`vakr.monitoring.plan` (not on the record's own
  date); the percentage is done ÷ (done + overdue). Sorted by overdue measures (more first), then by the percentage
  (lower first; none last), then by name.
* **Missed deadlines** (:data:`DEADLINE_RULE`): a deadline of the ВАКР schedule is checked when the organisation's
  file records the date it was done — the order (its date), the report signed and the plan approved (profile). It is
  met when that date is on or before the due date; it is missed when the date is later («исполнено с нарушением
  срока», days late = date − due date) or when no date is recorded (or one after ``today``) and the due date is
  before ``today`` («не отмечено», days late = ``today`` − due date); days are calendar days. The other steps of
  the schedule — the announcements, the public discussion, the publication of the report and plan (p1.t3.s2), the
  update of the картограмма within 3 working days of the plan's approval (p1.t5.s1) and the end of monitoring —
  have no field in the organisation's file: their due dates are in the records and in the картограмма export (the
  update's due date), but vakr cannot tell whether they were met and does not list them. Sorted by days late (more
  first), then name, then the schedule's order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from vakr.methodology.catalogue import Catalogue
from vakr.monitoring.model import PLAN_STATE_TITLES
from vakr.monitoring.plan import execution_percent
from vakr.region.record import OrgRecord, RecordRisk, plan_counts
from vakr.region.sources import SourceFailure, collector_paused

GroupBy = Literal["region", "type", "parent"]
GROUP_BY_TITLES: dict[str, str] = {"region": "Регион", "type": "Тип организации", "parent": "Вышестоящая организация"}
NO_PARENT = "без вышестоящей организации"
DEFAULT_MIN_ORGS = 2

RANKING_RULE = ("Место организации: по числу рисков критического уровня, затем высокого, среднего и низкого (больше —"
                " выше); при равенстве — по наименованию организации. Места идут подряд, без дележа.")
SYSTEMIC_RULE = ("Системный риск — индикатор, по которому риски выявлены не менее чем в {min_orgs} организациях; доля —"
                 " число таких организаций из всех организаций свода ({total}).")
PLAN_RULE = ("Исполнение плана — по записям года (лист «Исполнение плана»), состояние мер на {today}: исполнено, в том"
             " числе с нарушением срока, просрочено, срок в ближайшие 30 дней, срок не наступил; процент исполнения —"
             " исполненные (в том числе с опозданием) из исполненных и просроченных. Организаций без записей"
             " исполнения плана: {missing}.")
DEADLINE_RULE = ("Проверяются сроки ВАКР, дату исполнения которых записывает файл организации: приказ о проведении ВАКР"
                 " (его дата), подписание аналитической справки и утверждение плана мероприятий (профиль). Срок"
                 " соблюдён, если дата не позже срока; нарушен, если дата позже («исполнено с нарушением срока»,"
                 " просрочка — дата минус срок) или если дата не записана, а срок прошёл на {today} («не отмечено»,"
                 " просрочка — {today} минус срок); дни календарные. Анонсы, публичное обсуждение, размещение справки и"
                 " плана (p1.t3.s2), актуализация картограммы в течение 3 рабочих дней со дня утверждения плана"
                 " (p1.t5.s1) и завершение мониторинга в файле организации не отмечаются: их сроки есть в записях"
                 " (срок актуализации картограммы — в выгрузке картограммы), но соблюдение vakr не проверяет.")
DEADLINE_STATE_TITLES: dict[str, str] = {"late": "исполнено с нарушением срока", "not_marked": "не отмечено"}
NOT_MARKED = "не отмечено"


@dataclass(frozen=True)
class Level:
    """A level of risk (the risk matrix's band): ``order`` 0 is the lowest."""

    code: str
    title: str
    color: str
    order: int


@dataclass(frozen=True)
class Column:
    """An organisational area (``direction`` «org») or a corruption factor in NPA («npa»): a column of a matrix."""

    code: str
    number: int
    title: str
    direction: str


@dataclass(frozen=True)
class Cell:
    """Risks of one organisation (or group) in one area or factor: how many, the highest level, and for a group how
    many of its organisations have one."""

    count: int = 0
    level: str | None = None
    orgs: int = 0


EMPTY = Cell()


@dataclass(frozen=True)
class OrgRow:
    index: int  # the record's position in RegionSummary.records
    rank: int
    name: str
    name_kk: str | None
    slug: str
    type: str
    type_title: str
    region: str
    parent: str | None
    group: str  # the value of the grouping (region, type title, superior body or NO_PARENT)
    total: int
    by_level: dict[str, int]  # every level, lowest first
    top_level: str | None
    areas: dict[str, Cell]  # only the cells with risks
    factors: dict[str, Cell]


@dataclass(frozen=True)
class GroupRow:
    name: str
    orgs: int
    orgs_with_risks: int
    total: int
    by_level: dict[str, int]
    top_level: str | None
    areas: dict[str, Cell]
    factors: dict[str, Cell]


@dataclass(frozen=True)
class SystemicRisk:
    indicator: str
    indicator_label: str
    indicator_title: str
    direction: str
    group_title: str  # its area or factor
    orgs: int
    share: float  # orgs ÷ all organisations, 0–1
    risks: int
    top_level: str
    organisations: tuple[str, ...]  # names, in ranking order


@dataclass(frozen=True)
class PlanRow:
    index: int
    name: str
    region: str
    type_title: str
    group: str
    measures: int
    counts: dict[str, int]  # PlanState → count, every state (vakr.monitoring.model.PLAN_STATE_TITLES)
    percent: float | None


@dataclass(frozen=True)
class MissedDeadline:
    index: int
    name: str
    region: str
    type_title: str
    group: str
    code: str
    task: str
    title: str
    due: dt.date
    done: dt.date | None
    days_late: int
    state: Literal["late", "not_marked"]

    @property
    def state_title(self) -> str:
        return DEADLINE_STATE_TITLES[self.state]


@dataclass(frozen=True)
class RegionSummary:
    """Everything the outputs of ``vakr region`` show (see the module docstring for the rules)."""

    today: dt.date
    by: GroupBy
    min_orgs: int
    levels: tuple[Level, ...]  # lowest first
    areas: tuple[Column, ...]
    factors: tuple[Column, ...]
    organisations: tuple[OrgRow, ...]  # in ranking order
    groups: tuple[GroupRow, ...]
    systemic: tuple[SystemicRisk, ...]
    plan: tuple[PlanRow, ...]
    plan_totals: dict[str, int]
    plan_percent: float | None
    missed: tuple[MissedDeadline, ...]
    records: tuple[OrgRecord, ...]  # as given
    sources: tuple[str, ...] = ()
    failures: tuple[SourceFailure, ...] = ()
    notes: tuple[str, ...] = ()
    level_by_code: dict[str, Level] = field(default_factory=dict)

    @property
    def by_title(self) -> str:
        return GROUP_BY_TITLES[self.by]

    @property
    def plan_missing(self) -> int:
        """Organisations whose records hold no plan execution."""
        return len(self.records) - len(self.plan)

    def level_title(self, code: str | None) -> str:
        return self.level_by_code[code].title if code in self.level_by_code else ""

    def rules(self) -> dict[str, str]:
        """The rules of each view, in Russian, as the outputs state them."""
        today = self.today.strftime("%d.%m.%Y")
        return {
            "ranking": RANKING_RULE,
            "systemic": SYSTEMIC_RULE.format(min_orgs=self.min_orgs, total=len(self.records)),
            "plan": PLAN_RULE.format(today=today, missing=self.plan_missing),
            "deadlines": DEADLINE_RULE.format(today=today),
        }


def group_of(record: OrgRecord, by: GroupBy) -> str:
    """The group an organisation belongs to: its region, its type's title, or its superior body."""
    o = record.organisation
    if by == "region":
        return o.region
    if by == "type":
        return o.type_title
    return o.parent or NO_PARENT


def _levels(records: Sequence[OrgRecord], catalogue: Catalogue | None) -> tuple[Level, ...]:
    found: dict[str, tuple[int, str, str]] = {}
    if catalogue is not None:
        for band in catalogue.risk_matrix.bands:
            found[band.code] = (band.min_score, band.title, band.color)
    for record in records:
        for level in record.levels:
            found.setdefault(level.code, (level.min_score, level.title, level.color))
    for record in records:  # a risk of a level its record does not list (a hand-edited record): lowest, grey
        for risk in record.risks:
            found.setdefault(risk.level, (-1, risk.level_title, "#9E9E9E"))
    ordered = sorted(found.items(), key=lambda item: (item[1][0], item[0]))
    return tuple(Level(code, title, color, i) for i, (code, (_, title, color)) in enumerate(ordered))


def _columns(records: Sequence[OrgRecord], catalogue: Catalogue | None, direction: str) -> tuple[Column, ...]:
    columns: dict[str, Column] = {}
    if catalogue is not None:
        groups = catalogue.org_areas if direction == "org" else catalogue.npa_factors
        columns = {g.code: Column(g.code, g.number, g.title, direction) for g in groups}
    met: dict[str, Column] = {}
    for record in records:
        for risk in record.risks:
            if risk.direction == direction and risk.group not in columns:
                met.setdefault(risk.group, Column(risk.group, risk.group_number, risk.group_title, direction))
    return (*columns.values(), *sorted(met.values(), key=lambda c: (c.number, c.code)))


def _cells(risks: Sequence[RecordRisk], direction: str, order: dict[str, int]) -> dict[str, Cell]:
    counts: dict[str, int] = {}
    top: dict[str, str] = {}
    for risk in risks:
        if risk.direction != direction:
            continue
        counts[risk.group] = counts.get(risk.group, 0) + 1
        if risk.group not in top or order[risk.level] > order[top[risk.group]]:
            top[risk.group] = risk.level
    return {code: Cell(n, top[code], 1) for code, n in counts.items()}


def _highest(levels: Sequence[str | None], order: dict[str, int]) -> str | None:
    present = [code for code in levels if code is not None]
    return max(present, key=lambda code: order[code]) if present else None


def _merge(cells: Sequence[dict[str, Cell]], order: dict[str, int]) -> dict[str, Cell]:
    merged: dict[str, Cell] = {}
    for row in cells:
        for code, cell in row.items():
            was = merged.get(code, EMPTY)
            merged[code] = Cell(was.count + cell.count, _highest([was.level, cell.level], order), was.orgs + 1)
    return merged


def _org_row(index: int, record: OrgRecord, by: GroupBy, levels: tuple[Level, ...],
             order: dict[str, int]) -> OrgRow:
    o = record.organisation
    by_level = dict.fromkeys((level.code for level in levels), 0)
    for risk in record.risks:
        by_level[risk.level] += 1
    return OrgRow(
        index=index, rank=0, name=o.name, name_kk=o.name_kk, slug=o.slug, type=o.type, type_title=o.type_title,
        region=o.region, parent=o.parent, group=group_of(record, by), total=len(record.risks), by_level=by_level,
        top_level=_highest([r.level for r in record.risks], order),
        areas=_cells(record.risks, "org", order), factors=_cells(record.risks, "npa", order))


def rank_key(row: OrgRow, levels: Sequence[Level]) -> tuple:
    """The ranking rule (:data:`RANKING_RULE`) as a sort key: counts of the highest level first, more first."""
    return (*(-row.by_level.get(level.code, 0) for level in reversed(levels)), row.name.casefold(), row.slug,
            row.index)


def _groups(rows: Sequence[OrgRow], levels: tuple[Level, ...], order: dict[str, int]) -> tuple[GroupRow, ...]:
    members: dict[str, list[OrgRow]] = {}
    for row in rows:
        members.setdefault(row.group, []).append(row)
    result = []
    for name in sorted(members, key=lambda n: (n == NO_PARENT, n.casefold(), n)):
        group = members[name]
        by_level = {level.code: sum(r.by_level[level.code] for r in group) for level in levels}
        result.append(GroupRow(
            name=name, orgs=len(group), orgs_with_risks=sum(1 for r in group if r.total),
            total=sum(r.total for r in group), by_level=by_level,
            top_level=_highest([r.top_level for r in group], order),
            areas=_merge([r.areas for r in group], order), factors=_merge([r.factors for r in group], order)))
    return tuple(result)


def _systemic(records: Sequence[OrgRecord], ranked: Sequence[OrgRow], min_orgs: int,
              order: dict[str, int]) -> tuple[SystemicRisk, ...]:
    place = {row.index: i for i, row in enumerate(ranked)}
    seen: dict[str, RecordRisk] = {}
    orgs: dict[str, set[int]] = {}
    risks: dict[str, int] = {}
    top: dict[str, str] = {}
    for index, record in enumerate(records):
        for risk in record.risks:
            code = risk.indicator
            seen.setdefault(code, risk)
            orgs.setdefault(code, set()).add(index)
            risks[code] = risks.get(code, 0) + 1
            if code not in top or order[risk.level] > order[top[code]]:
                top[code] = risk.level
    total = len(records)
    found = []
    for code, members in orgs.items():
        if len(members) < min_orgs:
            continue
        first = seen[code]
        names = tuple(records[i].organisation.name for i in sorted(members, key=place.__getitem__))
        found.append(SystemicRisk(
            indicator=code, indicator_label=first.indicator_label, indicator_title=first.indicator_title,
            direction=first.direction, group_title=first.group_title, orgs=len(members),
            share=len(members) / total if total else 0.0, risks=risks[code], top_level=top[code],
            organisations=names))
    found.sort(key=lambda s: (-s.orgs, -s.risks, -order[s.top_level], s.indicator))
    return tuple(found)


def _plan(records: Sequence[OrgRecord], rows_by_index: dict[int, OrgRow],
          today: dt.date) -> tuple[tuple[PlanRow, ...], dict[str, int], float | None]:
    result = []
    totals = dict.fromkeys(PLAN_STATE_TITLES, 0)
    for index, record in enumerate(records):
        if record.plan is None:
            continue
        counts = plan_counts(record.plan, today)
        for state, n in counts.items():
            totals[state] += n
        row = rows_by_index[index]
        result.append(PlanRow(index=index, name=row.name, region=row.region, type_title=row.type_title,
                              group=row.group, measures=len(record.plan.measures), counts=counts,
                              percent=execution_percent(counts)))
    result.sort(key=lambda p: (-p.counts["overdue"], p.percent is None, p.percent or 0.0, p.name.casefold(),
                               p.index))
    return tuple(result), totals, execution_percent(totals)


def _missed(records: Sequence[OrgRecord], rows_by_index: dict[int, OrgRow],
            today: dt.date) -> tuple[MissedDeadline, ...]:
    result = []
    for index, record in enumerate(records):
        row = rows_by_index[index]
        for step, deadline in enumerate(record.deadlines):
            if not deadline.tracked:
                continue
            done = deadline.done if deadline.done is not None and deadline.done <= today else None
            if done is not None and done > deadline.due:
                state: Literal["late", "not_marked"] = "late"
                days = (done - deadline.due).days
            elif done is None and deadline.due < today:
                state, days = "not_marked", (today - deadline.due).days
            else:
                continue
            result.append((step, MissedDeadline(
                index=index, name=row.name, region=row.region, type_title=row.type_title, group=row.group,
                code=deadline.code, task=deadline.task, title=deadline.short_title, due=deadline.due, done=done,
                days_late=days, state=state)))
    result.sort(key=lambda item: (-item[1].days_late, item[1].name.casefold(), item[1].index, item[0]))
    return tuple(m for _, m in result)


def aggregate(
    records: Sequence[OrgRecord],
    *,
    today: dt.date,
    by: GroupBy = "region",
    min_orgs: int = DEFAULT_MIN_ORGS,
    catalogue: Catalogue | None = None,
    sources: Sequence[str] = (),
    failures: Sequence[SourceFailure] = (),
    notes: Sequence[str] = (),
) -> RegionSummary:
    """The views of ``vakr region`` over ``records`` on ``today`` (rules: the module docstring).

    ``catalogue`` — when given, its areas, factors and levels are the matrices' columns and the levels even where no
    record has a risk; ``sources``, ``failures`` and ``notes`` are only carried to the outputs («О своде»)."""
    if by not in GROUP_BY_TITLES:
        raise ValueError(f"by: {by!r} — ожидается region, type или parent")
    if min_orgs < 1:
        raise ValueError("min_orgs: ожидается целое число не меньше 1")
    with collector_paused():
        return _aggregate(records, today, by, min_orgs, catalogue, sources, failures, notes)


def _aggregate(records: Sequence[OrgRecord], today: dt.date, by: GroupBy, min_orgs: int, catalogue: Catalogue | None,
               sources: Sequence[str], failures: Sequence[SourceFailure], notes: Sequence[str]) -> RegionSummary:
    levels = _levels(records, catalogue)
    order = {level.code: level.order for level in levels}
    rows = [_org_row(i, record, by, levels, order) for i, record in enumerate(records)]
    ranked = sorted(rows, key=lambda row: rank_key(row, levels))
    ranked = [replace(row, rank=place) for place, row in enumerate(ranked, start=1)]
    by_index = {row.index: row for row in ranked}
    plan, totals, percent = _plan(records, by_index, today)
    return RegionSummary(
        today=today, by=by, min_orgs=min_orgs, levels=levels,
        areas=_columns(records, catalogue, "org"), factors=_columns(records, catalogue, "npa"),
        organisations=tuple(ranked), groups=_groups(ranked, levels, order),
        systemic=_systemic(records, ranked, min_orgs, order), plan=plan, plan_totals=totals, plan_percent=percent,
        missed=_missed(records, by_index, today), records=tuple(records), sources=tuple(sources),
        failures=tuple(failures), notes=tuple(notes), level_by_code={level.code: level for level in levels})

