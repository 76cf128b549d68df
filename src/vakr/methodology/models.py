"""The methodology of direction No. 4 as validated data: models, the loader and its cross-checks.

Every YAML file in ``data/methodology`` holds one concept; :func:`load_catalogue` reads them all, validates each
against its model and then checks what spans files (unique codes, references, deadline wording). Every problem is
reported at once, in Russian, naming the file and the item.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PositiveInt,
    Tag,
    model_validator,
)

OrgType = Literal["state_body", "akimat", "quasi_public", "other"]
ALL_ORG_TYPES: tuple[str, ...] = ("state_body", "akimat", "quasi_public", "other")
Periodicity = Literal["once", "yearly", "quarterly", "monthly"]
Anchor = Literal["vakr_start", "vakr_end", "report_signed", "plan_approved"]
EventCode = Literal[
    "announce_start",
    "order",
    "announce_discussion",
    "public_discussion",
    "report_signed",
    "plan_approved",
    "publish",
    "cartogram_update",
    "monitoring_end",
]
IndicatorsStatus = Literal["complete", "partial", "not_catalogued"]


def _handbook_page(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*\.qmd", value):
        raise ValueError(f"«{value}» — не имя страницы пособия (латиница в нижнем регистре, цифры, «-»; например,"
                         " org-hr.qmd)")
    return value


# A page of the handbook (``handbook/*.qmd``), named by a factor, an area or a project that it explains.
HandbookPage = Annotated[str, AfterValidator(_handbook_page)]
# The source document of indicators imported by the user (`vakr catalogue import`, see vakr.methodology.overlay).
OVERLAY_DOC = "overlay"

INDICATORS_STATUS_TITLES = {
    "complete": "индикаторы внесены полностью",
    "partial": "внесены индикаторы, известные из материалов проекта; полный перечень — в Методических рекомендациях № 488",
    "not_catalogued": "индикаторы ещё не внесены (официальный перечень — в Методических рекомендациях № 488)",
}
PERIODICITY_TITLES = {
    "once": "однократно",
    "yearly": "ежегодно",
    "quarterly": "ежеквартально",
    "monthly": "ежемесячно",
    None: "не указана",
}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceRef(Model):
    """Where an item comes from: a document of sources.yaml and the place in it."""

    doc: str
    at: str = Field(min_length=1)


class Item(Model):
    """Anything with a stable code, a Russian title, an optional Kazakh title and a source. The Kazakh texts of an
    item (``title_kk`` and the other ``*_kk`` fields of its kind) name where they come from in ``source_kk``: a
    published Kazakh document, or the project's own translation (``{doc: kk_translation, …}``)."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
    title: str = Field(min_length=1)
    title_kk: str | None = Field(default=None, min_length=1)
    source: SourceRef
    source_kk: SourceRef | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _kazakh_text_has_source(self) -> Item:
        kazakh = [name for name, value in self if name.endswith("_kk") and name != "source_kk" and value]
        if kazakh and self.source_kk is None:
            raise ValueError(f"у казахского текста ({', '.join(kazakh)}) должен быть источник (source_kk)")
        return self


# --- deadline rules ------------------------------------------------------------------------------------------


class RelativeDeadline(Model):
    """«За N рабочих дней до E», «не позднее N рабочих дней со дня E», «в течение одного года со дня E»."""

    kind: Literal["relative"] = "relative"
    text: str
    text_kk: str | None = None  # in Kazakh, for the schedule in Kazakh (its source: the subtask's source_kk)
    anchor: Anchor
    count: PositiveInt
    unit: Literal["working_days", "calendar_days", "years"]
    direction: Literal["before", "after"]


class PeriodicDeadline(Model):
    """One due date per period: by ``day_of_month`` of the month ``months_after`` the period, else by its end."""

    kind: Literal["periodic"] = "periodic"
    text: str
    period: Literal["month", "quarter", "year"]
    day_of_month: int | None = Field(default=None, ge=1, le=28)
    months_after: int = Field(default=0, ge=0, le=12)


def _deadline_kind(value: Any) -> str:
    if isinstance(value, dict):
        return value.get("kind") or ("periodic" if "period" in value else "relative")
    return getattr(value, "kind", "relative")


Deadline = Annotated[
    Annotated[RelativeDeadline, Tag("relative")] | Annotated[PeriodicDeadline, Tag("periodic")],
    Discriminator(_deadline_kind),
]

# --- the project map -----------------------------------------------------------------------------------------


class Threshold(Model):
    min_percent: float = Field(gt=0, le=100)
    of: Literal["staff_headcount"]


class Subtask(Item):
    number: PositiveInt
    event: EventCode | None = None
    short_title: str | None = Field(default=None, min_length=1)  # the event's name on the timeline chart
    periodicity: Periodicity | None = None
    deadline: Deadline | None = None
    applies_to: list[OrgType] | None = None
    document: bool = False
    publishes: list[str] = []
    threshold: Threshold | None = None
    see_also: SourceRef | None = None

    @model_validator(mode="after")
    def _event_has_short_title(self) -> Subtask:
        if self.event and not self.short_title:
            raise ValueError(f"у события {self.event} должно быть краткое название (short_title) для графика ВАКР")
        return self


class Task(Item):
    number: PositiveInt
    applies_to: list[OrgType] | None = None
    content_missing: str | None = None
    subtasks: list[Subtask]


class Project(Item):
    number: PositiveInt
    full_title: str
    handbook_page: HandbookPage
    applies_to: list[OrgType]
    periodicity: Periodicity | None
    tasks: list[Task]


# --- ВАКР --------------------------------------------------------------------------------------------------


class NumberedItem(Item):
    number: PositiveInt
    refs: list[SourceRef] = []


class LegalBasis(NumberedItem):
    act: str


class Direction(NumberedItem):
    catalogue: Literal["npa_factors", "org_areas"]
    short_title: str = Field(min_length=1)  # how the checklist, the risk tables and the handbook name it


class VakrPeriodicity(Item):
    min_per_year: PositiveInt


class Reorganisation(Item):
    text: str


class Vakr(Item):
    legal_basis: list[LegalBasis]
    periodicity: VakrPeriodicity
    stages: list[NumberedItem]
    information_sources: list[NumberedItem]
    reorganisation: Reorganisation
    directions: list[Direction]

    @model_validator(mode="after")
    def _one_direction_per_catalogue(self) -> Vakr:
        if sorted(d.catalogue for d in self.directions) != ["npa_factors", "org_areas"]:
            raise ValueError("направлений анализа должно быть два: по одному для npa_factors и org_areas")
        return self

    def direction(self, catalogue: str) -> Direction:
        """The direction whose items are in ``catalogue`` (``npa_factors`` or ``org_areas``)."""
        return next(d for d in self.directions if d.catalogue == catalogue)


# --- indicators ---------------------------------------------------------------------------------------------


class Indicator(Item):
    number: PositiveInt


class IndicatorGroup(Item):
    """An NPA factor or an organisational area: a titled, numbered list of indicators."""

    number: PositiveInt
    indicators_status: IndicatorsStatus
    indicators: list[Indicator]
    handbook_page: HandbookPage  # the page under whose heading sec-<code> the handbook explains it
    applies_to: list[OrgType] | None = None  # None: every organisation type

    @model_validator(mode="after")
    def _status_matches_list(self) -> IndicatorGroup:
        if self.indicators_status == "not_catalogued" and self.indicators:
            raise ValueError("indicators_status: not_catalogued, но индикаторы перечислены")
        if self.indicators_status != "not_catalogued" and not self.indicators:
            raise ValueError(f"indicators_status: {self.indicators_status}, но список индикаторов пуст")
        return self


class NpaFactor(IndicatorGroup):
    pass


class OrgArea(IndicatorGroup):
    report_section: str
    # True: the project, not the seed, files the area under report_section (taxes, anti-corruption work and
    # transparency go to section 9 «Иные вопросы…»); the handbook marks it «(допущение проекта)».
    section_by_project: bool = False
    typical_situations_from: str | None = None


# --- the report and the tables ------------------------------------------------------------------------------

ReportField = Literal["risk_name", "risk_description", "corruptogenic_functions", "positions", "recommendations"]


class ReportSection(Item):
    number: PositiveInt
    fields: list[ReportField]


class IntroField(Item):
    pass


class Report(Item):
    refs: list[SourceRef] = []
    intro_fields: list[IntroField]
    field_titles: dict[ReportField, str]
    field_titles_kk: dict[ReportField, str] = {}
    opening: str
    finding_heading: str
    finding_heading_kk: str | None = None
    sections: list[ReportSection]


class Column(Model):
    code: str
    title: str
    title_kk: str | None = None  # its source: the table's source_kk


class Table(Item):
    columns: list[Column]
    approval: str | None = None
    agreement: str | None = None
    numbering: str | None = None
    header_field: str | None = None


class Measure(Item):
    """One of the seed's eight typical measures (the last resort of the choice of a recommended measure)."""

    number: PositiveInt
    completion_form: str
    completion_form_kk: str | None = None
    suggested_for: list[str]


class CompletionForm(Item):
    """One value of the closed list of completion forms («форма завершения»)."""


class RecommendedMeasure(Item):
    """A measure recommended for an indicator, an NPA factor or an area, worded as an action that can be reported
    as done. ``title`` of an NPA measure holds ``{act}``, replaced by the act and point of the finding (its first word
    in the accusative, or the case named as ``{act:loct}``, ``{act:gent}``, ``{act:datv}``). Variants for
    the same code are tried in order: the first whose ``when_words`` (lemmas) occur in the finding's description,
    else the one without ``when_words``."""

    for_: str = Field(alias="for")
    completion_form: str
    typical_measure: str
    wording: Literal["seed", "project"]
    term_months: int | None = Field(default=None, ge=1, le=12)
    when_words: list[str] = []


class ExemplaryFunction(Item):
    number: PositiveInt
    situation: str
    situation_kk: str | None = None


class Zone(Item):
    functions: list[ExemplaryFunction]


class FunctionType(Item):
    number: PositiveInt
    definition: str
    definition_kk: str | None = None
    areas: list[str]
    zones: list[Zone] = []


class FunctionsIntro(Model):
    text: str
    source: SourceRef
    text_kk: str | None = None
    source_kk: SourceRef | None = None


class CorruptogenicFunctions(Model):
    intro: FunctionsIntro
    types: list[FunctionType]


class PlanRow(Model):
    unit: str
    indicator_label: str
    measure: str
    completion_form: str
    due: date
    note: str | None = None


class WorkedExample(Item):
    direction: str
    indicator: str
    act: str
    description: str
    recommendation: str
    plan_row: PlanRow


class ScaleLevel(Model):
    value: int = Field(ge=1, le=5)
    title: str
    title_kk: str | None = None  # its source: the risk matrix's source_kk


class Band(Model):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    title_kk: str | None = None  # its source: the risk matrix's source_kk
    min_score: int = Field(ge=1, le=25)
    max_score: int = Field(ge=1, le=25)
    color: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$")
    # Default term of a measure for a risk of this level, in months from the plan's approval; None: by the end of
    # the monitoring year.
    due_months: int | None = Field(default=None, ge=1, le=12)


class RiskMatrix(Item):
    likelihood: list[ScaleLevel]
    impact: list[ScaleLevel]
    bands: list[Band]

    @model_validator(mode="after")
    def _bands_cover_scores(self) -> RiskMatrix:
        codes = [b.code for b in self.bands]
        if len(codes) != len(set(codes)):
            raise ValueError("коды уровней риска (bands) должны быть разными")
        covered = sorted(s for b in self.bands for s in range(b.min_score, b.max_score + 1))
        if covered != list(range(1, 26)):
            raise ValueError("уровни риска (bands) должны без пропусков и пересечений покрывать баллы 1–25")
        if [lv.value for lv in self.likelihood] != [1, 2, 3, 4, 5] or [lv.value for lv in self.impact] != [1, 2, 3, 4, 5]:
            raise ValueError("шкалы вероятности и последствий должны иметь уровни 1–5 по порядку")
        return self

    def band_for(self, score: int) -> Band:
        return next(b for b in self.bands if b.min_score <= score <= b.max_score)


class SourceDoc(Model):
    code: str
    title: str
    kind: str
    adopted: date | None = None
    number: str | None = None
    note: str | None = None
    url: str | None = None


class OrganisationType(Item):
    pass
