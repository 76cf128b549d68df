"""The record of an evaluated organisation: one deterministic JSON file (``evaluation.json``) with everything
``vakr region`` needs to aggregate it without reading the workbook or evaluating it again.

What it holds (:class:`OrgRecord`):

* the profile: names (Russian, Kazakh), slug, type, region, superior body (``parent``), the ВАКР period, the order,
  the dates the report was signed and the plan approved;
* each risk as :func:`vakr.evaluation.evaluate` placed and scored it: indicator (code, label, title), direction,
  organisational area or corruption factor in NPA (``group``), report section, unit, name and description, positions,
  measure and its due date, likelihood, impact, score and level;
* the levels of the risk matrix the risks were banded with (codes, titles, colours, scores), so a record reads the
  same after the catalogue changes;
* the deadlines of the ВАКР schedule (code, subtask, title, rule, due date) with the date each was done when the
  organisation's file records it — the order (its date), the report signed and the plan approved (profile); the
  other steps (announcements, public discussion, publication, the update of the картограмма, the end of monitoring)
  have no field in the file, so their ``done`` stays empty and ``tracked`` is false;
* when the year's records have the plan's execution, every measure (number, due date, recorded status and date)
  and the counts of states on the record's date (:mod:`vakr.monitoring.plan`); :func:`plan_counts` recounts them on
  another date.

The file is byte-identical for the same organisation, catalogue and ``today``: fields in a fixed order, no time of
writing, the source file by its name only. ``version`` grows when a field changes meaning; :func:`read_record`
refuses a newer version with a Russian message instead of misreading it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from vakr.calendar.kazakhstan import get_calendar
from vakr.errors import InputError
from vakr.evaluation.evaluate import Evaluation
from vakr.io_files import input_problem
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.models import Subtask
from vakr.monitoring.model import PLAN_STATE_TITLES
from vakr.monitoring.plan import count_states, execution_percent, plan_items, plan_state
from vakr.organisation.model import ORG_TYPE_TITLES, Organisation
from vakr.organisation.year import ExecutionStatus
from vakr.problems import Place

RECORD_FILE = "evaluation.json"
RECORD_FORMAT = "vakr.evaluation"
RECORD_VERSION = 1
MAX_RECORD_BYTES = 20 * 1024 * 1024  # a record of the largest organisation is well under 1 MB

# The steps of the ВАКР schedule whose date the organisation's file records, and the field that holds it.
DONE_FIELDS: dict[str, str] = {"order": "order.date", "report_signed": "report_signed", "plan_approved": "plan_approved"}


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RecordLevel(_Model):
    """A level of the risk matrix (``risk_matrix.yaml``): the bands of scores."""

    code: str
    title: str
    color: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$")  # «#RRGGBB»: it goes into the pages' styles as it is
    min_score: int
    max_score: int


class RecordOrganisation(_Model):
    name: str
    name_kk: str | None = None
    slug: str
    type: str
    type_title: str
    region: str
    parent: str | None = None
    vakr_start: dt.date
    vakr_end: dt.date
    order_number: str
    order_date: dt.date
    report_signed: dt.date | None = None
    plan_approved: dt.date | None = None
    work_week: int = 5


class RecordRisk(_Model):
    rank: int
    indicator: str
    indicator_label: str
    indicator_title: str
    direction: Literal["npa", "org"]
    direction_title: str
    group: str  # the organisational area (direction «org») or the corruption factor in NPA («npa»)
    group_number: int
    group_title: str
    section: str
    section_number: int
    section_title: str
    unit: str
    act: str
    description: str
    positions: list[str] = []
    measure: str
    due: dt.date
    likelihood: int
    impact: int
    score: int
    level: str  # a RecordLevel code
    level_title: str


class RecordPosition(_Model):
    title: str
    unit: str


class RecordDeadline(_Model):
    """A step of the ВАКР schedule: its legal deadline and, when the file records it, the date it was done."""

    code: str  # the schedule's event («plan_approved», «cartogram_update»)
    task: str  # the subtask of the project map («p1.t5.s1»)
    title: str
    short_title: str
    rule: str
    due: dt.date
    done: dt.date | None = None
    tracked: bool  # the file has a field for the date it was done (DONE_FIELDS)


class RecordMeasure(_Model):
    number: str
    measure: str
    due: dt.date
    status: ExecutionStatus | None = None
    done_on: dt.date | None = None


class RecordPlan(_Model):
    """The plan's execution from the year's records: the measures and their states on ``as_of``."""

    as_of: dt.date
    counts: dict[str, int]  # PlanState → count, every state present (vakr.monitoring)
    percent: float | None
    measures: list[RecordMeasure]


class OrgRecord(_Model):
    """An evaluated organisation, as ``evaluation.json`` holds it."""

    format: Literal["vakr.evaluation"] = "vakr.evaluation"  # RECORD_FORMAT
    version: int = RECORD_VERSION
    as_of: dt.date  # the date the record was made for (the plan's states are counted on it)
    source: str  # the organisation's file, by name
    organisation: RecordOrganisation
    levels: list[RecordLevel]
    risks: list[RecordRisk]
    positions: list[RecordPosition] = []
    deadlines: list[RecordDeadline]
    plan: RecordPlan | None = None

    def deadline(self, code: str) -> RecordDeadline | None:
        return next((d for d in self.deadlines if d.code == code), None)

    def counts_by_level(self) -> dict[str, int]:
        counts = {level.code: 0 for level in self.levels}
        for risk in self.risks:
            counts[risk.level] = counts.get(risk.level, 0) + 1
        return counts


def record_of(evaluation: Evaluation, org: Organisation, catalogue: Catalogue, today: dt.date) -> OrgRecord:
    """The record of an organisation evaluated with ``catalogue`` (see the module docstring for what it holds);
    the plan's states are counted on ``today``."""
    p = evaluation.profile
    numbers = {g.code: g.number for g in catalogue.indicator_groups()}
    subtasks = catalogue.event_subtasks()
    done = {"order": p.order.date, "report_signed": p.report_signed, "plan_approved": p.plan_approved}
    deadlines = []
    for event in evaluation.schedule.events:
        sub = subtasks.get(event.code)
        short = (sub.short_title if isinstance(sub, Subtask) else None) or event.title
        deadlines.append(RecordDeadline(
            code=event.code, task=event.task, title=event.title, short_title=short, rule=event.rule,
            due=event.deadline, done=done.get(event.code), tracked=event.code in DONE_FIELDS))
    plan = None
    if org.year.plan_execution:
        calendar = get_calendar(p.work_week == 6)
        items = plan_items(org.year.plan_execution, today, calendar, p.units)
        counts = count_states(items)
        plan = RecordPlan(
            as_of=today, counts=counts, percent=execution_percent(counts),
            measures=[RecordMeasure(number=m.number, measure=m.measure, due=m.due, status=m.status, done_on=m.done_on)
                      for m in org.year.plan_execution])
    return OrgRecord(
        as_of=today,
        source=Path(org.origin).name if org.origin else "",
        organisation=RecordOrganisation(
            name=p.name, name_kk=p.name_kk, slug=p.slug, type=p.type, type_title=ORG_TYPE_TITLES[p.type],
            region=p.region, parent=p.parent, vakr_start=p.vakr_start, vakr_end=p.vakr_end,
            order_number=p.order.number, order_date=p.order.date, report_signed=p.report_signed,
            plan_approved=p.plan_approved, work_week=p.work_week),
        levels=[RecordLevel(code=b.code, title=b.title, color=b.color, min_score=b.min_score, max_score=b.max_score)
                for b in catalogue.risk_matrix.bands],
        risks=[RecordRisk(
            rank=r.rank, indicator=r.indicator, indicator_label=r.indicator_label, indicator_title=r.indicator_title,
            direction=r.direction, direction_title=r.direction_title, group=r.group,
            group_number=numbers.get(r.group, 0), group_title=r.group_title, section=r.section,
            section_number=r.section_number, section_title=r.section_title, unit=r.unit, act=r.act,
            description=r.description, positions=list(r.positions), measure=r.measure, due=r.due,
            likelihood=r.likelihood, impact=r.impact, score=r.score, level=r.band, level_title=r.band_title)
            for r in evaluation.risks],
        positions=[RecordPosition(title=pos.title, unit=pos.unit) for pos in evaluation.positions],
        deadlines=deadlines,
        plan=plan,
    )


def record_bytes(record: OrgRecord) -> bytes:
    """The record as ``evaluation.json`` holds it: UTF-8 JSON, fields in a fixed order, Cyrillic as is."""
    return (json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def render_record(evaluation: Evaluation, org: Organisation, catalogue: Catalogue, today: dt.date) -> bytes:
    """``evaluation.json`` of an evaluated organisation (:func:`record_of`, then :func:`record_bytes`)."""
    return record_bytes(record_of(evaluation, org, catalogue, today))


def _refuse(path: Path, message: str) -> InputError:
    return InputError.single("region.record", message, Place(file=str(path)))


def parse_record(data: bytes, path: str | Path = RECORD_FILE) -> OrgRecord:
    """A record from the bytes of ``evaluation.json``; :class:`InputError` in Russian, naming ``path``, when they
    are not a record vakr can read."""
    path = Path(path)
    try:  # the usual case, parsed and checked in one pass (pydantic-core); any problem is explained below
        record = OrgRecord.model_validate_json(data)
    except ValueError:
        pass
    else:
        if record.version <= RECORD_VERSION:
            return record
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise _refuse(path, "файл не в кодировке UTF-8: это не запись оценки vakr") from None
    except json.JSONDecodeError as exc:
        raise _refuse(path, f"файл повреждён — это не JSON (строка {exc.lineno}, позиция {exc.colno})") from None
    if not isinstance(raw, dict) or raw.get("format") != RECORD_FORMAT:
        raise _refuse(path, "это не запись оценки vakr (нет «format»: «vakr.evaluation»)")
    version = raw.get("version")
    if not isinstance(version, int) or version > RECORD_VERSION:
        raise _refuse(path, f"запись сделана более новой версией vakr (версия записи {version}, эта программа читает"
                            f" до {RECORD_VERSION}); обновите vakr или повторите vakr run этой версией")
    try:
        return OrgRecord.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(part) for part in err["loc"])
        raise _refuse(path, f"запись повреждена: поле {where} — {err['msg']} (ошибок в записи: {exc.error_count()});"
                            " повторите vakr run для этой организации") from None


def read_record(path: str | Path) -> OrgRecord:
    """Read ``evaluation.json`` (a file, or a folder that holds one); :class:`InputError` in Russian when it is
    missing, too large or not a record vakr can read."""
    path = Path(path)
    if path.is_dir():
        path = path / RECORD_FILE
    if problem := input_problem(path):
        raise _refuse(path, problem)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_RECORD_BYTES + 1)
    except OSError as exc:
        raise _refuse(path, f"не удалось прочитать файл ({exc.strerror or exc})") from None
    if len(data) > MAX_RECORD_BYTES:
        raise _refuse(path, f"файл больше {MAX_RECORD_BYTES // (1024 * 1024)} МБ: это не запись оценки vakr")
    return parse_record(data, path)


def plan_counts(plan: RecordPlan, today: dt.date) -> dict[str, int]:
    """The states of the plan's measures on ``today`` (the rules of :mod:`vakr.monitoring.plan`), every state
    present, in the order of ``PLAN_STATE_TITLES``."""
    counts = dict.fromkeys(PLAN_STATE_TITLES, 0)
    for measure in plan.measures:
        counts[plan_state(measure, today)[0]] += 1
    return counts
