"""The catalogue files and the whole validated methodology (:class:`Catalogue`), with lookups by code."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any, overload

from pydantic import (
    BaseModel,
    PositiveInt,
    field_validator,
)

from vakr.methodology.models import (
    CompletionForm,
    CorruptogenicFunctions,
    Direction,
    ExemplaryFunction,
    FunctionType,
    IndicatorGroup,
    Item,
    Measure,
    Model,
    NpaFactor,
    OrganisationType,
    OrgArea,
    Project,
    RecommendedMeasure,
    Report,
    ReportSection,
    RiskMatrix,
    SourceDoc,
    SourceRef,
    Subtask,
    Table,
    Task,
    Vakr,
    WorkedExample,
    Zone,
)

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

    @field_validator("org_areas")
    @classmethod
    def _one_page_per_section(cls, areas: list[OrgArea]) -> list[OrgArea]:
        """Areas of one report section share its handbook page (the checklist notebook shows a section's risks in
        one table, embedded on that page)."""
        pages: dict[str, OrgArea] = {}
        for area in areas:
            first = pages.setdefault(area.report_section, area)
            if first.handbook_page != area.handbook_page:
                raise ValueError(f"сферы одного раздела справки ({area.report_section}) описываются на одной странице"
                                 f" пособия: у {first.code} — {first.handbook_page}, у {area.code} —"
                                 f" {area.handbook_page}")
        return areas


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

    def direction_of(self, group: IndicatorGroup) -> Direction:
        """The direction of analysis of a factor (normative legal acts) or an area (organisational activity)."""
        return self.vakr.direction("npa_factors" if isinstance(group, NpaFactor) else "org_areas")

    @overload
    def section_of(self, group: OrgArea) -> ReportSection: ...

    @overload
    def section_of(self, group: IndicatorGroup) -> ReportSection | None: ...

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
