"""The records of the year after the ВАКР: how the plan of measures is executed, and what projects 2–4 of direction
No. 4 require during the year (issue 16).

One list per kind of record; each is a sheet of the organisation's workbook and a list under ``year:`` in YAML. All
lists are optional: a file from before the year's work (or an old workbook without these sheets) has none of them.
Duties are named by the code of their subtask in the project map (``p4.t2.s2`` — monthly explanatory events); the
workbook shows them as titles in its dropdowns.
"""

from __future__ import annotations

import datetime
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ExecutionStatus = Literal["done", "partial", "not_done", "not_due"]
EXECUTION_STATUS_TITLES: dict[str, str] = {
    "done": "исполнено",
    "partial": "исполнено частично",
    "not_done": "не исполнено",
    "not_due": "срок не наступил",
}
Restriction = Literal["p2.t5.s1", "p2.t5.s2", "p2.t5.s3", "p2.t5.s4", "p2.t5.s5"]
ComplianceDocumentCode = Literal[
    "p3.t2.s1", "p3.t2.s2", "p3.t2.s3", "p3.t2.s4", "p3.t2.s5", "p3.t2.s6", "p3.t2.s7", "p3.t2.s8"]
# Duties recorded as events: explanatory and training events (p3.t1.s1, p4.t2.s2), quarterly ISO reports
# (p3.t3.s1), commission meetings at the akim (p4.t1.s1), ethics commissioners' preventive work (p4.t2.s4), legal
# propaganda (p4.t3.s1), state social order (p4.t1.s2).
EventDuty = Literal["p3.t1.s1", "p3.t3.s1", "p4.t1.s1", "p4.t1.s2", "p4.t2.s2", "p4.t2.s4", "p4.t3.s1"]
IsoStage = Literal["not_started", "implementing", "certified", "certificate_expired"]
ISO_STAGE_TITLES: dict[str, str] = {
    "not_started": "внедрение не начато",
    "implementing": "идёт внедрение",
    "certified": "сертифицирована",
    "certificate_expired": "срок сертификата истёк",
}
TrainingKind = Literal["course", "online"]
TRAINING_KIND_TITLES: dict[str, str] = {
    "course": "антикоррупционное обучение (4.2.1)",
    "online": "антикоррупционный онлайн-курс (4.2.3)",
}


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PlanExecution(Record):
    """One measure of the approved plan and what became of it («информация об исполнении», task 3 of project 1)."""

    number: str = Field(min_length=1)  # the plan's «№ п/п» («1.2.1»)
    measure: str = Field(min_length=1)
    due: date
    responsible: list[str] = []
    status: ExecutionStatus | None = None  # None: not recorded yet
    done_on: date | None = None
    proof_number: str | None = None  # the document that proves it: number, date, link
    proof_date: date | None = None
    proof_link: str | None = None
    comment: str | None = None


class OffenceReport(Record):
    """A report of a corruption offence (p2.t1.s1)."""

    date: date
    subject: str = Field(min_length=1)  # what was reported (no personal data beyond what the report needs)
    sent_to: str = Field(min_length=1)
    document: str | None = None
    comment: str | None = None


class Reconciliation(Record):
    """A reconciliation of corruption offences and offences discrediting the civil service (p2.t2.s1)."""

    date: date
    with_whom: str = Field(min_length=1)
    period: str | None = None
    discrepancies: int = Field(default=0, ge=0)
    result: str | None = None


class ManagerCase(Record):
    """A subordinate's corruption offence and whether the manager was held responsible (p2.t3.s1, p2.t3.s2)."""

    date: date
    offence: str = Field(min_length=1)
    manager: str = Field(min_length=1)  # the manager's position
    held_responsible: bool
    reason: str | None = None  # why not (transferred to another post, …)


class HireCheck(Record):
    """A hire checked against the records of corruption offences (p2.t4.s1)."""

    date: date
    position: str = Field(min_length=1)
    prior_offence: bool
    comment: str | None = None


class RestrictionCheck(Record):
    """A check of one anti-corruption restriction (p2.t5.s1–s5) and what it found."""

    date: date
    restriction: Restriction
    checked: int = Field(ge=0)  # people checked
    violations: int = Field(default=0, ge=0)
    comment: str | None = None


class ComplianceDocument(Record):
    """One of the eight documents of anti-corruption compliance (p3.t2.s1–s8): adopted and published (p3.t2.s9)."""

    document: ComplianceDocumentCode
    act: str | None = None  # the act that adopted it
    adopted: date | None = None
    link: str | None = None
    published: date | None = None


class IsoRecord(Record):
    """A stage of ISO 37001 / СТ РК 3049-2017 (p3.t3.s1)."""

    date: date
    stage: IsoStage
    standard: str = "ISO 37001"
    certificate: str | None = None
    valid_until: datetime.date | None = None  # «date» here would name the field above, not the type


class Training(Record):
    """Civil servants trained in a month (p4.t2.s1) or who completed the online course (p4.t2.s3)."""

    date: date
    kind: TrainingKind = "course"
    people: int = Field(ge=0)
    document: str | None = None


class Event(Record):
    """An event held or a report sent for a duty of projects 3–4."""

    duty: EventDuty
    date: date
    title: str = Field(min_length=1)
    participants: int | None = Field(default=None, ge=0)
    document: str | None = None


class YearRecords(Record):
    """Everything recorded during the year; each list is a sheet of the workbook."""

    plan_execution: list[PlanExecution] = []
    offence_reports: list[OffenceReport] = []
    reconciliations: list[Reconciliation] = []
    manager_cases: list[ManagerCase] = []
    hires: list[HireCheck] = []
    restriction_checks: list[RestrictionCheck] = []
    compliance_documents: list[ComplianceDocument] = []
    iso: list[IsoRecord] = []
    trainings: list[Training] = []
    events: list[Event] = []

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name) for name in type(self).model_fields)
