"""From the analyst's answers to ranked risks: each finding placed in its direction (NPA factor, or organisational
area and its report section), scored likelihood × impact, banded, and completed with default measure, completion
form and due date where the analyst left them empty.

:func:`evaluate` is pure: it reads nothing and prints nothing; the documents, notebooks and CLI all use its result.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from .catalogue import Catalogue, load_catalogue
from .checklist import DIRECTION_TITLES, checklist_items
from .deadlines import Schedule, schedule_for_profile
from .organisation import ORG_TYPE_TITLES, Organisation, Position, Profile


class Risk(BaseModel):
    """One finding, placed and scored."""

    model_config = ConfigDict(frozen=True)

    rank: int
    finding: int  # index in Organisation.findings
    indicator: str
    indicator_number: int | None
    indicator_title: str
    indicator_label: str
    direction: Literal["npa", "org"]
    direction_title: str
    group: str  # the NPA factor or organisational area
    group_title: str
    section: str | None  # report section of an area; None for NPA factors
    section_number: int | None
    section_title: str | None
    unit: str
    act: str
    description: str
    functions: list[str]
    positions: list[str]
    measure: str
    measure_is_default: bool
    completion_form: str
    completion_form_is_default: bool
    responsible: list[str]
    due: dt.date
    due_is_default: bool
    likelihood: int
    impact: int
    score: int
    band: str
    band_title: str
    band_color: str


class Evaluation(BaseModel):
    """Everything the report, the plan and the list of positions are made from."""

    model_config = ConfigDict(frozen=True)

    profile: Profile
    risks: list[Risk]
    counts_by_section: dict[str, int]
    counts_by_factor: dict[str, int]
    counts_by_area: dict[str, int]
    counts_by_band: dict[str, int]
    present_without_finding: list[str]
    positions: list[Position]
    schedule: Schedule
    warnings: list[str]

    def risks_in_section(self, section: str) -> list[Risk]:
        """Risks of a report section, in the order the analyst recorded them."""
        return sorted((r for r in self.risks if r.section == section), key=lambda r: r.finding)

    def risks_of_group(self, group: str) -> list[Risk]:
        return sorted((r for r in self.risks if r.group == group), key=lambda r: r.finding)

    @property
    def npa_risks(self) -> list[Risk]:
        return sorted((r for r in self.risks if r.direction == "npa"), key=lambda r: r.finding)

    def to_json(self) -> dict[str, Any]:
        p = self.profile
        return {
            "organisation": {
                "name": p.name,
                "name_kk": p.name_kk,
                "slug": p.slug,
                "type": p.type,
                "type_title": ORG_TYPE_TITLES[p.type],
                "region": p.region,
                "vakr_start": p.vakr_start.isoformat(),
                "vakr_end": p.vakr_end.isoformat(),
            },
            "risks": [
                {
                    "rank": r.rank,
                    "indicator": r.indicator,
                    "indicator_label": r.indicator_label,
                    "direction": r.direction,
                    "area": r.group,
                    "area_title": r.group_title,
                    "section": r.section,
                    "section_number": r.section_number,
                    "unit": r.unit,
                    "act": r.act,
                    "description": r.description,
                    "functions": r.functions,
                    "likelihood": r.likelihood,
                    "impact": r.impact,
                    "score": r.score,
                    "band": r.band,
                    "measure": r.measure,
                    "measure_is_default": r.measure_is_default,
                    "completion_form": r.completion_form,
                    "completion_form_is_default": r.completion_form_is_default,
                    "responsible": r.responsible,
                    "due": r.due.isoformat(),
                    "due_is_default": r.due_is_default,
                    "positions": r.positions,
                }
                for r in self.risks
            ],
            "counts_by_section": self.counts_by_section,
            "counts_by_factor": self.counts_by_factor,
            "counts_by_area": self.counts_by_area,
            "counts_by_band": self.counts_by_band,
            "present_without_finding": self.present_without_finding,
            "positions": [pos.model_dump() for pos in self.positions],
            "warnings": self.warnings,
        }


def default_measure(catalogue: Catalogue, group_code: str) -> tuple[str, str]:
    """(measure, completion form) suggested for a factor or area by the typical measures; the first typical
    measure (legal acts) where none is suggested."""
    measures = catalogue.measures_for(group_code) or catalogue.typical_measures[:1]
    return measures[0].title, measures[0].completion_form


def evaluate(
    org: Organisation,
    catalogue: Catalogue | None = None,
    *,
    today: dt.date | None = None,
    schedule: Schedule | None = None,
) -> Evaluation:
    """Place, score, rank and complete every finding of ``org``.

    Default due date of a measure: the end of the monitoring year (one year after the analytical report is
    signed), the period within which the methodology requires the recommendations to be carried out.
    """
    catalogue = catalogue or load_catalogue()
    schedule = schedule or schedule_for_profile(org.profile, today=today, catalogue=catalogue)
    matrix = catalogue.risk_matrix
    items = {item.code: item for item in checklist_items(catalogue, org.profile.type)}
    default_due = schedule.event("monitoring_end").date

    placed = []
    for index, finding in enumerate(org.findings):
        item = items[finding.indicator]  # unknown codes are rejected by validation before evaluation
        group = catalogue.group_of(item.group_code)
        section = catalogue.section_of(group)
        measure, form = default_measure(catalogue, group.code)
        score = finding.likelihood * finding.impact
        band = matrix.band_for(score)
        placed.append(dict(
            finding=index,
            indicator=item.code,
            indicator_number=item.number,
            indicator_title=item.title,
            indicator_label=item.label,
            direction=item.direction,
            direction_title=DIRECTION_TITLES[item.direction],
            group=group.code,
            group_title=group.title,
            section=section.code if section else None,
            section_number=section.number if section else None,
            section_title=section.title if section else None,
            unit=finding.unit,
            act=finding.act,
            description=finding.description,
            functions=list(finding.functions),
            positions=list(finding.positions),
            measure=finding.measure or measure,
            measure_is_default=not finding.measure,
            completion_form=finding.completion_form or form,
            completion_form_is_default=not finding.completion_form,
            responsible=list(finding.responsible),
            due=finding.due or default_due,
            due_is_default=finding.due is None,
            likelihood=finding.likelihood,
            impact=finding.impact,
            score=score,
            band=band.code,
            band_title=band.title,
            band_color=band.color,
        ))
    # Highest score first; equal scores keep the analyst's order.
    placed.sort(key=lambda r: (-r["score"], r["finding"]))
    risks = [Risk(rank=i, **r) for i, r in enumerate(placed, 1)]

    def count(key: str, codes: list[str]) -> dict[str, int]:
        return {code: sum(1 for r in risks if getattr(r, key) == code) for code in codes}

    answered_present = [a.indicator for a in org.checklist if a.answer == "present"]
    with_findings = {f.indicator for f in org.findings}
    present_without = [code for code in answered_present if code not in with_findings]
    warnings = [
        f"Индикатор «{items[code].label}» отмечен как присутствующий, но риск по нему не описан." if code in items
        else f"Индикатор «{code}» отмечен как присутствующий, но риск по нему не описан."
        for code in present_without
    ]
    warnings += [w.message for w in schedule.warnings]
    return Evaluation(
        profile=org.profile,
        risks=risks,
        counts_by_section=count("section", [s.code for s in catalogue.report_sections]),
        counts_by_factor=count("group", [f.code for f in catalogue.npa_factors]),
        counts_by_area=count("group", [a.code for a in catalogue.org_areas]),
        counts_by_band=count("band", [b.code for b in matrix.bands]),
        present_without_finding=present_without,
        positions=list(org.positions),
        schedule=schedule,
        warnings=warnings,
    )


def relevant_functions(evaluation: Evaluation, catalogue: Catalogue | None = None) -> list[tuple[Any, Any, Any]]:
    """Rows of the exemplary list of corruptogenic functions relevant to the organisation: those whose function
    type covers an area with at least one risk. (type, zone, function) triples in catalogue order."""
    catalogue = catalogue or load_catalogue()
    areas = {r.group for r in evaluation.risks}
    return [(t, z, f) for t, z, f in catalogue.exemplary_functions() if areas & set(t.areas)]


def relevant_function_types(evaluation: Evaluation, catalogue: Catalogue | None = None) -> list[Any]:
    """The types of corruptogenic functions whose areas have risks in this evaluation."""
    catalogue = catalogue or load_catalogue()
    areas = {r.group for r in evaluation.risks}
    return [t for t in catalogue.function_types if areas & set(t.areas)]
