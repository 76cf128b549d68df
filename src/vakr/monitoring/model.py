"""The state of the year as data: plan measures, periodic duties, KPIs and violations on one date (``today``).

Every state has a code a program relies on and a Russian title a person reads (the ``*_TITLES`` dicts);
:meth:`Monitoring.to_json` is what ``vakr monitor --json`` prints.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from vakr.problems import Problem

PlanState = Literal["done", "done_late", "overdue", "due_soon", "not_due"]
PLAN_STATE_TITLES: dict[str, str] = {
    "done": "исполнено",
    "done_late": "исполнено с нарушением срока",
    "overdue": "просрочено",
    "due_soon": "срок в ближайшие 30 дней",
    "not_due": "срок не наступил",
}
DUE_SOON_DAYS = 30  # «срок в ближайшие 30 дней»: calendar days from today, today included

DutyState = Literal["done", "overdue", "not_due", "unknown"]
DUTY_STATE_TITLES: dict[str, str] = {
    "done": "выполнено",
    "overdue": "просрочено",
    "not_due": "срок не наступил",
    "unknown": "не определено",
}

KpiState = Literal["met", "not_met", "pending", "not_calculated"]
KPI_STATE_TITLES: dict[str, str] = {
    "met": "выполнено",
    "not_met": "не выполнено",
    "pending": "в процессе",
    "not_calculated": "не рассчитан",
}


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class PlanItem(Model):
    """One measure of the plan and its state on ``today``."""

    index: int  # its row in ``org.year.plan_execution`` (for ``org.locate("year", "plan_execution", index)``)
    number: str
    measure: str
    due: dt.date
    responsible: list[str]
    units: list[str]  # the units of ``responsible``, the parenthesised names stripped
    state: PlanState
    partial: bool  # recorded as «исполнено частично» (shown with the state, counted as not done)
    done_on: dt.date | None = None
    proof: str | None = None  # the document that proves it, as one line
    due_day_off: str | None = None  # the due date as written is a day off: its name («День Независимости»)
    note: str | None = None

    @property
    def state_title(self) -> str:
        title = PLAN_STATE_TITLES[self.state]
        return f"{title} (исполнено частично)" if self.partial else title


class GroupSummary(Model):
    """The measures of one unit (or one responsible) by state, with the execution percentage."""

    name: str
    total: int
    counts: dict[str, int]  # PlanState → count, every state present
    percent: float | None  # None: nothing is due or done yet


class DutyStatus(Model):
    """One period of a periodic duty of projects 1–4 and whether the records show it done."""

    project: int
    code: str  # the subtask («p4.t2.s2»)
    title: str  # its short title
    rule: str  # «Ежемесячно», «Ежеквартально к 5 числу месяца после отчётного периода»
    period: str  # «март 2026», «I квартал 2026», «2026 год»
    period_start: dt.date
    period_end: dt.date
    due: dt.date
    state: DutyState
    evidence: list[str] = []  # the records that show it done («12.03.2026 — Семинар …»)
    note: str | None = None
    provisional_reason: str | None = None

    @property
    def state_title(self) -> str:
        return DUTY_STATE_TITLES[self.state]


class Kpi(Model):
    """A figure the year's records must reach, with the threshold and how it is counted."""

    code: str  # stable: «p4.t2.s1.share», «p4.t2.s2.periods», «p3.t2.documents», «p3.t3.s1.stage»
    measures: str  # the subtask («p4.t2.s1») or the task («p3.t2») it measures
    title: str
    value: str  # what the records show («обучено 5 человек»)
    target: str  # what is required («не менее 6 человек: 5 % от 120, округление вверх»)
    state: KpiState
    missing: list[str] = []  # what is still missing: months without an event, documents not adopted
    rule: str  # how it is counted, in Russian (assumptions marked «допущение проекта»)

    @property
    def state_title(self) -> str:
        return KPI_STATE_TITLES[self.state]


class Monitoring(Model):
    """The state of the year on ``today``: see :func:`vakr.monitoring.monitor`."""

    organisation: str
    org_type: str
    today: dt.date
    year: int  # the calendar year of the periodic duties and KPIs
    plan: list[PlanItem]
    counts: dict[str, int]  # PlanState → count, every state present
    percent: float | None  # execution percentage (rule: vakr.monitoring.plan); None when nothing is due or done
    by_unit: list[GroupSummary]
    by_responsible: list[GroupSummary]
    duties: list[DutyStatus]
    kpis: list[Kpi]
    violations: list[Problem]
    notes: list[str] = []  # what the monitoring could not look at («исполнение плана не внесено»)

    def to_json(self) -> dict[str, Any]:
        data = self.model_dump(mode="json", exclude={"violations"})
        for item, model in zip(data["plan"], self.plan):
            item["state_title"] = model.state_title
        for item, duty in zip(data["duties"], self.duties):
            item["state_title"] = duty.state_title
        for item, kpi in zip(data["kpis"], self.kpis):
            item["state_title"] = kpi.state_title
        data["violations"] = [p.to_json() for p in self.violations]
        return data
