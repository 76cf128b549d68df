"""The methodology of direction No. 4 as validated data: models, the loader and its cross-checks.

Every YAML file in ``data/methodology`` holds one concept; :func:`load_catalogue` reads them all, validates each
against its model and then checks what spans files (unique codes, references, deadline wording). Every problem is
reported at once, in Russian, naming the file and the item.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Iterator, Literal, Union

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PositiveInt,
    Tag,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from .errors import CatalogueError
from .paths import methodology_dir

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
# The source document of indicators imported by the user (`vakr catalogue import`, see vakr.overlay).
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
    """Anything with a stable code, a Russian title, an optional Kazakh title and a source."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
    title: str = Field(min_length=1)
    title_kk: str | None = None
    source: SourceRef
    note: str | None = None


# --- deadline rules ------------------------------------------------------------------------------------------


class RelativeDeadline(Model):
    """«За N рабочих дней до E», «не позднее N рабочих дней со дня E», «в течение одного года со дня E»."""

    kind: Literal["relative"] = "relative"
    text: str
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
    Union[Annotated[RelativeDeadline, Tag("relative")], Annotated[PeriodicDeadline, Tag("periodic")]],
    Discriminator(_deadline_kind),
]

_ANCHOR_WORDS = {
    "начала вакр": "vakr_start",
    "завершения вакр": "vakr_end",
    "подписания аналитической справки": "report_signed",
    "утверждения плана": "plan_approved",
}


def parse_deadline_text(text: str) -> dict[str, Any]:
    """Read the structure out of a rule's Russian wording, so the data's two forms can be checked against each other.

    >>> parse_deadline_text("За 10 рабочих дней до начала ВАКР")["anchor"]
    'vakr_start'
    """
    low = " ".join(text.lower().split())
    if low.startswith(("ежеквартально", "ежемесячно", "ежегодно")):
        period = {"ежеквартально": "quarter", "ежемесячно": "month", "ежегодно": "year"}[low.split()[0]]
        parsed: dict[str, Any] = {"kind": "periodic", "period": period, "day_of_month": None, "months_after": 0}
        if m := re.search(r"к (\d+) числу месяца после отч[её]тного периода", low):
            parsed.update(day_of_month=int(m.group(1)), months_after=1)
        elif low not in ("ежеквартально", "ежемесячно", "ежегодно"):
            raise ValueError(f"не разобрана периодичность «{text}»")
        return parsed
    anchor = next((code for words, code in _ANCHOR_WORDS.items() if words in low), None)
    if anchor is None:
        raise ValueError(f"не найдено событие, от которого считается срок («{text}»)")
    if m := re.search(r"(\d+) рабоч\w* дн\w*", low):
        count, unit = int(m.group(1)), "working_days"
    elif m := re.search(r"(\d+) календарн\w* дн\w*", low):
        count, unit = int(m.group(1)), "calendar_days"
    elif m := re.search(r"(\d+|одного) (?:года|лет|год)", low):
        count, unit = (1 if m.group(1) == "одного" else int(m.group(1))), "years"
    else:
        raise ValueError(f"не найдены число и единица срока («{text}»)")
    if re.search(r"\bдо (начала|завершения)", low):
        direction = "before"
    elif "со дня" in low:
        direction = "after"
    else:
        raise ValueError(f"не понятно, до или после события считается срок («{text}»)")
    return {"kind": "relative", "anchor": anchor, "count": count, "unit": unit, "direction": direction}


# --- the project map -----------------------------------------------------------------------------------------


class Threshold(Model):
    min_percent: float = Field(gt=0, le=100)
    of: Literal["staff_headcount"]


class Subtask(Item):
    number: PositiveInt
    event: EventCode | None = None
    periodicity: Periodicity | None = None
    deadline: Deadline | None = None
    applies_to: list[OrgType] | None = None
    document: bool = False
    publishes: list[str] = []
    threshold: Threshold | None = None
    see_also: SourceRef | None = None


class Task(Item):
    number: PositiveInt
    applies_to: list[OrgType] | None = None
    content_missing: str | None = None
    subtasks: list[Subtask]


class Project(Item):
    number: PositiveInt
    full_title: str
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


# --- indicators ---------------------------------------------------------------------------------------------


class Indicator(Item):
    number: PositiveInt


class IndicatorGroup(Item):
    """An NPA factor or an organisational area: a titled, numbered list of indicators."""

    number: PositiveInt
    indicators_status: IndicatorsStatus
    indicators: list[Indicator]
    applies_to: list[OrgType] | None = None  # None: every organisation type

    @model_validator(mode="after")
    def _status_matches_list(self) -> "IndicatorGroup":
        if self.indicators_status == "not_catalogued" and self.indicators:
            raise ValueError("indicators_status: not_catalogued, но индикаторы перечислены")
        if self.indicators_status != "not_catalogued" and not self.indicators:
            raise ValueError(f"indicators_status: {self.indicators_status}, но список индикаторов пуст")
        return self


class NpaFactor(IndicatorGroup):
    pass


class OrgArea(IndicatorGroup):
    report_section: str
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
    opening: str
    finding_heading: str
    sections: list[ReportSection]


class Column(Model):
    code: str
    title: str


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


class Zone(Item):
    functions: list[ExemplaryFunction]


class FunctionType(Item):
    number: PositiveInt
    definition: str
    areas: list[str]
    zones: list[Zone] = []


class FunctionsIntro(Model):
    text: str
    source: SourceRef


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


class Band(Model):
    code: Literal["low", "medium", "high", "critical"]
    title: str
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
    def _bands_cover_scores(self) -> "RiskMatrix":
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


# --- the files ----------------------------------------------------------------------------------------------


class _File(Model):
    version: PositiveInt


class SourcesFile(_File):
    sources: list[SourceDoc]


class OrganisationTypesFile(_File):
    organisation_types: list[OrganisationType]


class ProjectsFile(_File):
    projects: list[Project]


class VakrFile(_File):
    vakr: Vakr


class NpaFactorsFile(_File):
    npa_factors: list[NpaFactor]


class OrgAreasFile(_File):
    org_areas: list[OrgArea]


class ReportFile(_File):
    report: Report


class MeasuresFile(_File):
    typical_measures: list[Measure]


class RecommendedMeasuresFile(_File):
    completion_forms: list[CompletionForm]
    recommended_measures: list[RecommendedMeasure]


class FunctionsFile(_File):
    corruptogenic_functions: CorruptogenicFunctions


class TablesFile(_File):
    tables: list[Table]


class WorkedExamplesFile(_File):
    worked_examples: list[WorkedExample]


class RiskMatrixFile(_File):
    risk_matrix: RiskMatrix


FILES: dict[str, type[_File]] = {
    "sources.yaml": SourcesFile,
    "organisation_types.yaml": OrganisationTypesFile,
    "projects.yaml": ProjectsFile,
    "vakr.yaml": VakrFile,
    "npa_factors.yaml": NpaFactorsFile,
    "org_areas.yaml": OrgAreasFile,
    "report.yaml": ReportFile,
    "typical_measures.yaml": MeasuresFile,
    "recommended_measures.yaml": RecommendedMeasuresFile,
    "corruptogenic_functions.yaml": FunctionsFile,
    "tables.yaml": TablesFile,
    "worked_examples.yaml": WorkedExamplesFile,
    "risk_matrix.yaml": RiskMatrixFile,
}


class Catalogue(Model):
    """The whole methodology, validated. Look items up by code with :meth:`get`."""

    sources: list[SourceDoc]
    organisation_types: list[OrganisationType]
    projects: list[Project]
    vakr: Vakr
    npa_factors: list[NpaFactor]
    org_areas: list[OrgArea]
    report: Report
    typical_measures: list[Measure]
    completion_forms: list[CompletionForm]
    recommended_measures: list[RecommendedMeasure]
    corruptogenic_functions: CorruptogenicFunctions
    tables: list[Table]
    worked_examples: list[WorkedExample]
    risk_matrix: RiskMatrix

    # -- lookups --

    @functools.cached_property
    def _index(self) -> dict[str, Item]:
        return {item.code: item for _, item in iter_items(self)}

    def get(self, code: str) -> Item:
        """The item with this code; ``KeyError`` if there is none."""
        return self._index[code]

    def has(self, code: str) -> bool:
        return code in self._index

    @property
    def report_sections(self) -> list[ReportSection]:
        return self.report.sections

    @property
    def function_types(self) -> list[FunctionType]:
        return self.corruptogenic_functions.types

    def exemplary_functions(self) -> Iterator[tuple[FunctionType, Zone, ExemplaryFunction]]:
        for ftype in self.function_types:
            for zone in ftype.zones:
                for fn in zone.functions:
                    yield ftype, zone, fn

    def indicator_groups(self) -> list[IndicatorGroup]:
        """NPA factors, then organisational areas: everything a finding can be filed under."""
        return [*self.npa_factors, *self.org_areas]

    def group_of(self, code: str) -> IndicatorGroup:
        """The factor or area an indicator (or a group code itself) belongs to."""
        for group in self.indicator_groups():
            if code == group.code or any(ind.code == code for ind in group.indicators):
                return group
        raise KeyError(code)

    def section_of(self, group: IndicatorGroup) -> ReportSection | None:
        """The report section of an organisational area; ``None`` for NPA factors (reported by factor)."""
        if isinstance(group, OrgArea):
            return next(s for s in self.report.sections if s.code == group.report_section)
        return None

    def areas_of_section(self, section_code: str) -> list[OrgArea]:
        return [a for a in self.org_areas if a.report_section == section_code]

    def subtasks(self) -> Iterator[tuple[Project, Task, Subtask]]:
        for project in self.projects:
            for task in project.tasks:
                for sub in task.subtasks:
                    yield project, task, sub

    def applies_to(self, project: Project, task: Task, sub: Subtask | None = None) -> list[str]:
        """Organisation types a subtask applies to: its own list, else its task's, else its project's."""
        return list((sub and sub.applies_to) or task.applies_to or project.applies_to)

    def event_subtasks(self) -> dict[str, Subtask]:
        """ВАКР schedule events by code (the subtasks of project 1 that carry an ``event``)."""
        return {sub.event: sub for _, _, sub in self.subtasks() if sub.event}

    def measures_for(self, group_code: str) -> list[Measure]:
        return [m for m in self.typical_measures if group_code in m.suggested_for]

    def recommended_for(self, code: str) -> list[RecommendedMeasure]:
        """The recommended measures (variants in data order) for an indicator, factor or area code."""
        return self._recommended.get(code, [])

    @functools.cached_property
    def _recommended(self) -> dict[str, list[RecommendedMeasure]]:
        by_code: dict[str, list[RecommendedMeasure]] = {}
        for measure in self.recommended_measures:
            by_code.setdefault(measure.for_, []).append(measure)
        return by_code

    def completion_form_title(self, code: str) -> str:
        return next(f.title for f in self.completion_forms if f.code == code)

    def source_title(self, ref: SourceRef) -> str:
        doc = next((d for d in self.sources if d.code == ref.doc), None)
        return f"{doc.title if doc else ref.doc}: {ref.at}"

    def to_json_dict(self) -> dict[str, Any]:
        """The catalogue as plain JSON-ready data with the documented top-level keys."""
        dump = self.model_dump(mode="json", exclude_none=True)
        return {
            "projects": dump["projects"],
            "vakr": dump["vakr"],
            "npa_factors": dump["npa_factors"],
            "org_areas": dump["org_areas"],
            "report_sections": dump["report"]["sections"],
            "typical_measures": dump["typical_measures"],
            "completion_forms": dump["completion_forms"],
            "recommended_measures": self.model_dump(mode="json", exclude_none=True, by_alias=True)["recommended_measures"],
            "corruptogenic_functions": dump["corruptogenic_functions"]["types"],
            "corruptogenic_functions_intro": dump["corruptogenic_functions"]["intro"],
            "report": {k: v for k, v in dump["report"].items() if k != "sections"},
            "tables": dump["tables"],
            "worked_examples": dump["worked_examples"],
            "risk_matrix": dump["risk_matrix"],
            "organisation_types": dump["organisation_types"],
            "sources": dump["sources"],
        }


def iter_items(obj: Any, path: str = "") -> Iterator[tuple[str, Item]]:
    """Every :class:`Item` inside a model, depth first, with a readable path."""
    if isinstance(obj, Item):
        yield path, obj
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from iter_items(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, (list, tuple)):
        for i, value in enumerate(obj):
            yield from iter_items(value, f"{path}[{i}]")


# --- loading ------------------------------------------------------------------------------------------------

_PYDANTIC_MESSAGES = {
    "missing": "нет обязательного поля",
    "extra_forbidden": "лишнее (неизвестное) поле",
    "string_type": "ожидается текст",
    "string_too_short": "пустой текст",
    "string_pattern_mismatch": "недопустимый формат кода (латиница в нижнем регистре, цифры, «_», части через точку)",
    "int_type": "ожидается целое число",
    "int_parsing": "ожидается целое число",
    "greater_than": "число должно быть больше нуля",
    "literal_error": "недопустимое значение",
    "list_type": "ожидается список",
    "dict_type": "ожидается словарь (ключ: значение)",
    "model_type": "ожидается словарь (ключ: значение)",
    "date_from_datetime_parsing": "ожидается дата ГГГГ-ММ-ДД",
    "date_type": "ожидается дата ГГГГ-ММ-ДД",
    "date_parsing": "ожидается дата ГГГГ-ММ-ДД",
    "bool_type": "ожидается true или false",
    "union_tag_invalid": "недопустимый вид правила срока",
}


def _nearest_code(raw: Any, loc: tuple) -> str | None:
    """The code of the deepest element on the error's path, to name the item in the message."""
    code, node = None, raw
    for key in loc:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("code"), str):
            code = node["code"]
    return code


def _describe_validation_error(file: str, raw: Any, error: ValidationError) -> list[str]:
    problems = []
    for err in error.errors():
        loc = tuple(err["loc"])
        # Discriminated unions add the tag to the path; it means nothing to the reader.
        shown = [str(p) for p in loc if p not in ("relative", "periodic", "function-after[_status_matches_list(), IndicatorGroup]")]
        where = ".".join(shown)
        item = _nearest_code(raw, loc)
        what = _PYDANTIC_MESSAGES.get(err["type"], err["msg"])
        if err["type"] == "value_error":
            what = str(err.get("ctx", {}).get("error", err["msg"]))
        elif err["type"] == "literal_error":
            what = f"недопустимое значение {err.get('input')!r}; допустимо: {err['ctx']['expected']}"
        problems.append(f"{file}: элемент {item or '—'}: поле «{where}»: {what}")
    return problems


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CatalogueError(f"{path.name}: файл не в кодировке UTF-8")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", строка {mark.line + 1}" if mark else ""
        raise CatalogueError(f"{path.name}{where}: ошибка синтаксиса YAML ({getattr(exc, 'problem', exc)})")


def load_catalogue(directory: str | Path | None = None, *, overlay: bool = True) -> Catalogue:
    """Read and validate every file of the methodology; raise :class:`CatalogueError` listing all problems.

    Without ``directory``: the bundled ``data/methodology`` with the user's imported indicator lists applied on top
    (``$VAKR_HOME/catalogue/indicators.yaml``, see :mod:`vakr.overlay`; ``overlay=False`` leaves them out), cached
    until the overlay file changes. With ``directory``: that folder alone, never with the overlay.
    """
    if directory is not None:
        return _load(Path(directory))
    if not overlay:
        return _load_bundled(str(methodology_dir()))
    from .overlay import overlay_path

    path = overlay_path()
    try:
        stat = path.stat()
        signature: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
    except FileNotFoundError:
        signature = None
    except OSError as exc:
        raise CatalogueError(f"Не удаётся прочитать файл импортированных перечней индикаторов {path}:"
                             f" {exc.strerror}") from None
    return _load_default(str(methodology_dir()), str(path), signature)


def clear_cache() -> None:
    """Forget the cached default catalogue (after the overlay was written in this process)."""
    _load_default.cache_clear()
    _load_bundled.cache_clear()


@functools.lru_cache(maxsize=2)
def _load_bundled(folder: str) -> Catalogue:
    return _load(Path(folder))


@functools.lru_cache(maxsize=1)
def _load_default(folder: str, overlay_file: str, signature: tuple[int, int] | None) -> Catalogue:
    """The bundled catalogue with the overlay applied; the overlay's path and (mtime, size) are part of the key, so
    a changed or removed file (or another ``VAKR_HOME``) is never served from the cache."""
    base = _load_bundled(folder)
    if signature is None:
        return base
    from .overlay import apply_overlay, read_overlay

    found = read_overlay(Path(overlay_file), base)
    return apply_overlay(base, found, Path(overlay_file)) if found is not None else base


def _load(folder: Path) -> Catalogue:
    problems: list[str] = []
    parts: dict[str, Any] = {}
    raws: dict[str, Any] = {}
    if not folder.is_dir():
        raise CatalogueError(f"Папка каталога методики не найдена: {folder}")
    unknown = sorted(p.name for p in folder.glob("*.y*ml") if p.name not in FILES)
    for name in unknown:
        problems.append(f"{name}: неизвестный файл каталога (ожидаются: {', '.join(FILES)})")
    for name, model in FILES.items():
        path = folder / name
        if not path.exists():
            problems.append(f"{name}: файл отсутствует в {folder}")
            continue
        try:
            raw = _read_yaml(path)
        except CatalogueError as exc:
            problems.append(str(exc))
            continue
        if not isinstance(raw, dict):
            problems.append(f"{name}: файл пуст или не является словарём YAML")
            continue
        raws[name] = raw
        try:
            parsed = TypeAdapter(model).validate_python(raw)
        except ValidationError as exc:
            problems.extend(_describe_validation_error(name, raw, exc))
            continue
        parts.update({k: getattr(parsed, k) for k in type(parsed).model_fields if k != "version"})
    if problems:
        raise CatalogueError(_format(problems))
    catalogue = Catalogue(**parts)
    problems = check_references(catalogue, _file_of_codes(raws))
    if problems:
        raise CatalogueError(_format(problems))
    return catalogue


def _format(problems: list[str]) -> str:
    return "Ошибки в каталоге методики (data/methodology):\n" + "\n".join(f"  • {p}" for p in problems)


def _file_of_codes(raws: dict[str, Any]) -> dict[str, str]:
    """code → file name, for messages about cross-file problems."""
    found: dict[str, str] = {}

    def walk(node: Any, file: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("code"), str):
                found.setdefault(node["code"], file)
            for v in node.values():
                walk(v, file)
        elif isinstance(node, list):
            for v in node:
                walk(v, file)

    for file, raw in raws.items():
        walk(raw, file)
    return found


def check_references(cat: Catalogue, files: dict[str, str] | None = None) -> list[str]:
    """Problems that span items or files: duplicate codes, dangling references, children outside their parent's
    code, deadline wording that disagrees with its structure."""
    files = files or {}
    problems: list[str] = []

    def at(code: str) -> str:
        return f"{files.get(code, 'каталог')}: элемент {code}"

    seen: dict[str, str] = {}
    for path, item in iter_items(cat):
        if item.code in seen:
            problems.append(f"{at(item.code)}: дублирующийся код (уже встречается в {seen[item.code]})")
        seen[item.code] = path
    codes = set(seen)
    docs = {d.code for d in cat.sources}
    org_types = {t.code for t in cat.organisation_types}
    if org_types != set(ALL_ORG_TYPES):
        problems.append(f"organisation_types.yaml: ожидаются типы {', '.join(ALL_ORG_TYPES)}")

    def check_doc(owner: str, ref: SourceRef | None) -> None:
        if ref is not None and ref.doc not in docs:
            problems.append(f"{at(owner)}: источник «{ref.doc}» не описан в sources.yaml")

    for _, item in iter_items(cat):
        check_doc(item.code, item.source)
        for ref in getattr(item, "refs", []) or []:
            check_doc(item.code, ref)
        check_doc(item.code, getattr(item, "see_also", None))
    check_doc("corruptogenic_functions.intro", cat.corruptogenic_functions.intro.source)

    def check_code(owner: str, ref: str, what: str) -> None:
        if ref not in codes:
            problems.append(f"{at(owner)}: ссылка на несуществующий {what} «{ref}»")

    def check_child(parent: Item, child: Item) -> None:
        if not child.code.startswith(parent.code + "."):
            problems.append(f"{at(child.code)}: код должен начинаться с кода родителя «{parent.code}.»")

    events: dict[str, str] = {}
    for project in cat.projects:
        for task in project.tasks:
            check_child(project, task)
            for sub in task.subtasks:
                check_child(task, sub)
                for ref in sub.publishes:
                    check_code(sub.code, ref, "документ")
                if sub.event:
                    if sub.event in events:
                        problems.append(f"{at(sub.code)}: событие {sub.event} уже задано в {events[sub.event]}")
                    events[sub.event] = sub.code
                    if not isinstance(sub.deadline, RelativeDeadline):
                        problems.append(f"{at(sub.code)}: событию {sub.event} нужно правило срока от события ВАКР")
                if sub.deadline is not None:
                    problems.extend(_check_deadline_text(at(sub.code), sub.deadline))
                    if isinstance(sub.deadline, PeriodicDeadline) and sub.periodicity is None:
                        problems.append(f"{at(sub.code)}: у периодического срока должна быть указана periodicity")
    missing_events = set(EventCode.__args__) - set(events)
    if missing_events:
        problems.append(f"projects.yaml: нет подзадач для событий графика ВАКР: {', '.join(sorted(missing_events))}")

    for group in cat.indicator_groups():
        for ind in group.indicators:
            check_child(group, ind)
    # A finding cites «factor/area, indicator No.»: numbers of factors, of areas and of the indicators within one
    # factor or area must each be unique.
    for groups, kind in ((cat.npa_factors, "фактора"), (cat.org_areas, "сферы")):
        group_numbers: dict[int, str] = {}
        for group in groups:
            if group.number in group_numbers:
                problems.append(f"{at(group.code)}: номер {kind} {group.number} повторяется"
                                f" (уже у {group_numbers[group.number]})")
            group_numbers.setdefault(group.number, group.code)
            numbers: dict[int, str] = {}
            for ind in group.indicators:
                if ind.number in numbers:
                    problems.append(f"{at(ind.code)}: номер индикатора {ind.number} повторяется в «{group.title}»"
                                    f" (уже у {numbers[ind.number]})")
                numbers.setdefault(ind.number, ind.code)
    for basis in cat.vakr.legal_basis:
        if basis.act not in docs:
            problems.append(f"{at(basis.code)}: акт «{basis.act}» не описан в sources.yaml")
    sections = {s.code for s in cat.report.sections}
    for area in cat.org_areas:
        if area.report_section not in sections:
            problems.append(f"{at(area.code)}: раздел справки «{area.report_section}» не существует")
        if area.typical_situations_from:
            check_code(area.code, area.typical_situations_from, "перечень типовых ситуаций")
    group_codes = {g.code for g in cat.indicator_groups()}
    for measure in cat.typical_measures:
        for ref in measure.suggested_for:
            if ref not in group_codes:
                problems.append(f"{at(measure.code)}: suggested_for ссылается на несуществующее направление «{ref}»")
    problems.extend(_check_recommended(cat, codes, at))
    for ftype in cat.function_types:
        for ref in ftype.areas:
            check_code(ftype.code, ref, "направление")
    for example in cat.worked_examples:
        check_code(example.code, example.indicator, "индикатор")
    return problems


def _check_recommended(cat: Catalogue, codes: set[str], at) -> list[str]:
    """Every factor and area, and every indicator of the bundled data, has a recommended measure; references
    resolve; NPA measures name the act; variants of one code end with exactly one default (no ``when_words``).

    Indicators imported by the user (source ``overlay``) need no measure of their own: a finding on one gets its
    factor's or area's measure (:func:`vakr.recommendations.suggest_measure`)."""
    problems: list[str] = []
    forms = {f.code for f in cat.completion_forms}
    typical = {m.code for m in cat.typical_measures}
    targets = [g.code for g in cat.indicator_groups()] + [
        i.code for g in cat.indicator_groups() for i in g.indicators if i.source.doc != OVERLAY_DOC]
    for m in cat.recommended_measures:
        if m.for_ not in codes:
            problems.append(f"{at(m.code)}: for ссылается на несуществующий индикатор, фактор или сферу «{m.for_}»")
        if m.completion_form not in forms:
            problems.append(f"{at(m.code)}: форма завершения «{m.completion_form}» не описана в completion_forms")
        if m.typical_measure not in typical:
            problems.append(f"{at(m.code)}: типичная мера «{m.typical_measure}» не существует")
        placeholders = len(re.findall(r"\{act(?::(?:accs|loct|gent|datv))?\}", m.title))
        if m.for_.startswith("npa.") and (placeholders != 1 or m.title.count("{") != 1):
            problems.append(f"{at(m.code)}: мера по НПА должна один раз содержать {{act}} (акт и пункт; падеж —"
                            " {act:loct}, {act:gent}, {act:datv}, по умолчанию винительный)")
        if not m.for_.startswith("npa.") and ("{" in m.title or "}" in m.title):
            problems.append(f"{at(m.code)}: фигурные скобки допустимы только в мерах по НПА ({{act}})")
    for target in targets:
        variants = cat.recommended_for(target)
        if not variants:
            problems.append(f"recommended_measures.yaml: нет рекомендуемой меры для «{target}»")
            continue
        defaults = [v for v in variants if not v.when_words]
        if len(defaults) != 1 or variants[-1].when_words:
            problems.append(f"recommended_measures.yaml: у «{target}» должен быть ровно один вариант без when_words,"
                            " и он должен стоять последним")
    return problems


def _check_deadline_text(where: str, rule: RelativeDeadline | PeriodicDeadline) -> list[str]:
    try:
        parsed = parse_deadline_text(rule.text)
    except ValueError as exc:
        return [f"{where}: правило срока не разобрано: {exc}"]
    structured = rule.model_dump(exclude={"text"})
    diffs = [f"{k}: в тексте {parsed[k]!r}, в данных {structured.get(k)!r}" for k in parsed if parsed[k] != structured.get(k)]
    if diffs:
        return [f"{where}: правило срока «{rule.text}» расходится со структурой ({'; '.join(diffs)})"]
    return []


# --- summary ------------------------------------------------------------------------------------------------


def summary_lines(cat: Catalogue) -> list[str]:
    """A readable Russian overview of the catalogue, for ``vakr catalogue``."""
    lines = ["Каталог методики: типовое базовое направление № 4 «Предупреждение и противодействие коррупции»", ""]
    lines.append(f"Карта проектов ({len(cat.projects)} проекта):")
    for p in cat.projects:
        subs = sum(len(t.subtasks) for t in p.tasks)
        lines.append(f"  {p.number}. {p.title} — задач: {len(p.tasks)}, подзадач: {subs}")
        for t in p.tasks:
            for s in t.subtasks:
                rule = s.deadline.text if s.deadline else PERIODICITY_TITLES[s.periodicity]
                lines.append(f"       {p.number}.{t.number}.{s.number}. {s.title} — {rule}")
            if t.content_missing:
                lines.append(f"       {p.number}.{t.number}. {t.content_missing}")
    v = cat.vakr
    lines += [
        "",
        f"ВАКР: {v.periodicity.title.lower()}; правовая основа — {len(v.legal_basis)} акта; этапов — {len(v.stages)};"
        f" источников информации — {len(v.information_sources)}; направлений анализа — {len(v.directions)}.",
        "",
        f"Коррупционные факторы в НПА ({len(cat.npa_factors)}):",
    ]
    for g in [*cat.npa_factors, None, *cat.org_areas]:
        if g is None:
            lines += ["", f"Сферы организационно-управленческой деятельности ({len(cat.org_areas)}):"]
            continue
        status = f"индикаторов: {len(g.indicators)}" if g.indicators else INDICATORS_STATUS_TITLES["not_catalogued"]
        section = cat.section_of(g)
        to = f" → раздел {section.number} справки" if section else ""
        lines.append(f"  {g.number}. {g.title} — {status}{to}")
    lines += [
        "",
        f"Разделы аналитической справки: {len(cat.report.sections)}; типичные меры: {len(cat.typical_measures)};"
        f" виды коррупциогенных функций: {len(cat.function_types)};"
        f" примерный перечень функций: {sum(1 for _ in cat.exemplary_functions())} строк;"
        f" разобранные примеры: {len(cat.worked_examples)}.",
    ]
    imported = [g.title for g in cat.indicator_groups() if any(i.source.doc == OVERLAY_DOC for i in g.indicators)]
    if imported:
        lines += ["", f"Перечни индикаторов, внесённые импортом ({len(imported)}): {'; '.join(imported)}."
                      " Подробно: vakr catalogue --status"]
    return lines
