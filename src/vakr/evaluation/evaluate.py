"""From the analyst's answers to ranked risks: each finding placed in its direction (NPA factor, or organisational
area) and its report section, scored likelihood × impact, banded, and completed where the analyst left values empty —
each suggested value recorded in ``Risk.suggested`` so the documents can mark it and ``--strict`` can refuse it.

:func:`evaluate` is pure: given the catalogue it reads nothing (without one it takes the default catalogue) and prints
nothing; the documents, notebooks and CLI all use its result.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from vakr.calendar.deadlines import Schedule, schedule_for_profile
from vakr.calendar.kazakhstan import get_calendar
from vakr.errors import StrictRefusal
from vakr.evaluation.checklist import ChecklistItem, checklist_items
from vakr.evaluation.recommendations import default_due, suggest_measure
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import default_catalogue
from vakr.methodology.models import ExemplaryFunction, FunctionType, OrgArea, Zone
from vakr.organisation.model import ORG_TYPE_TITLES, Finding, Organisation, Position, Profile
from vakr.problems import Problem, field_path

# What vakr may suggest for a finding, with the Russian name shown in documents and messages.
SUGGESTION_KINDS: dict[str, str] = {
    "act": "наименование риска",
    "section": "раздел справки",
    "measure": "мера",
    "completion_form": "форма завершения",
    "responsible": "ответственные исполнители",
    "due": "срок",
}


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
    section: str  # report section: of the area, or the one given (or suggested) for a risk in an НПА
    section_number: int
    section_title: str
    unit: str
    act: str
    description: str
    functions: list[str]
    positions: list[str]
    measure: str
    # The catalogue's measure vakr suggested (recommended or typical), when the analyst gave none: the documents
    # in Kazakh take its Kazakh wording.
    measure_code: str | None = None
    completion_form: str
    responsible: list[str]
    due: dt.date
    # Values the analyst left empty and vakr suggested, in the order of SUGGESTION_KINDS.
    suggested: tuple[str, ...] = ()
    # Why a suggested due date is provisional (counted over a year whose calendar is not confirmed), else None.
    due_provisional_reason: str | None = None
    likelihood: int
    impact: int
    score: int
    band: str
    band_title: str
    band_color: str

    @property
    def measure_is_default(self) -> bool:
        return "measure" in self.suggested

    @property
    def completion_form_is_default(self) -> bool:
        return "completion_form" in self.suggested

    @property
    def due_is_default(self) -> bool:
        return "due" in self.suggested


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
    warnings: list[Problem]
    # The analyst's findings the risks were made from (``Risk.finding`` indexes them): their Kazakh texts fill the
    # documents in Kazakh.
    findings: list[Finding] = []

    def risks_in_section(self, section: str) -> list[Risk]:
        """Risks of a report section, in the order the analyst recorded them."""
        return sorted((r for r in self.risks if r.section == section), key=lambda r: r.finding)

    def risks_of_group(self, group: str) -> list[Risk]:
        return sorted((r for r in self.risks if r.group == group), key=lambda r: r.finding)

    def suggestion_counts(self) -> dict[str, int]:
        """How many values of each kind vakr suggested (kinds with none left out), in SUGGESTION_KINDS order."""
        counts = {kind: sum(1 for r in self.risks if kind in r.suggested) for kind in SUGGESTION_KINDS}
        return {kind: n for kind, n in counts.items() if n}

    def suggestion_summary(self) -> str:
        """«предложено по методике: мера — 30, срок — 30» or '' when the analyst filled everything."""
        counts = self.suggestion_counts()
        if not counts:
            return ""
        return "предложено по методике: " + ", ".join(f"{SUGGESTION_KINDS[k]} — {n}" for k, n in counts.items())

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
                    "due_provisional": r.due_provisional_reason is not None,
                    "due_provisional_reason": r.due_provisional_reason,
                    "suggested": list(r.suggested),
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
            "suggestion_counts": self.suggestion_counts(),
            "warnings": [w.to_json() for w in self.warnings],
        }


def review_warnings(evaluation: Evaluation, problems: list[Problem]) -> list[Problem]:
    """The warnings of validation (with their place) and of the evaluation, each said once."""
    said = {(p.code, p.message) for p in problems}
    return list(problems) + [w for w in evaluation.warnings if (w.code, w.message) not in said]


def strict_check(evaluation: Evaluation, warnings: list[Problem], source: str) -> None:
    """``--strict``: raise :class:`StrictRefusal` naming what is still to be confirmed (suggested values, warnings);
    nothing is written then."""
    reasons = []
    if summary := evaluation.suggestion_summary():
        reasons.append(f"{summary} — впишите или подтвердите эти значения в файле организации")
    if warnings:
        reasons.append(f"предупреждений: {len(warnings)} — устраните их (список выводят vakr validate и vakr evaluate)")
    if reasons:
        raise StrictRefusal(f"{source}: режим --strict — документы не записаны: " + "; ".join(reasons) + ".")


def _suggested_sections(org: Organisation, items: dict[str, ChecklistItem], catalogue: Catalogue) -> dict[str, str]:
    """The report section an NPA finding of each unit goes to when the analyst named none: the section of the
    unit's organisational findings (the most frequent; the first recorded on a tie), else «Иные вопросы»."""
    by_unit: dict[str, list[str]] = {}
    for finding in org.findings:
        item = items.get(finding.indicator)
        group = catalogue.group_of(item.group_code) if item is not None else None
        if isinstance(group, OrgArea):
            by_unit.setdefault(finding.unit, []).append(catalogue.section_of(group).code)
    return {unit: max(dict.fromkeys(codes), key=codes.count) for unit, codes in by_unit.items()}


def process_name(group_title: str) -> str:
    """The risk's name when the analyst gave no act: the business process of its area."""
    return f"Бизнес-процесс «{group_title}»"


def evaluate(
    org: Organisation,
    catalogue: Catalogue | None = None,
    *,
    today: dt.date | None = None,
    schedule: Schedule | None = None,
) -> Evaluation:
    """Place, score, rank and complete every finding of ``org``.

    What the analyst left empty is suggested and recorded in ``Risk.suggested``: the measure and its completion
    form (:func:`vakr.evaluation.recommendations.suggest_measure`), the due date by the risk's level
    (:func:`vakr.evaluation.recommendations.default_due`), the responsible (the finding's unit), the name of the risk (the
    business process of its area) and, for a risk in an НПА, the report section (that of the unit's other risks).

    ``catalogue`` — default: the bundled methodology with the user's imported lists, loaded once
    (:func:`vakr.methodology.loader.default_catalogue`).
    """
    catalogue = default_catalogue(catalogue)
    schedule = schedule or schedule_for_profile(org.profile, catalogue, today=today)
    matrix = catalogue.risk_matrix
    items = {item.code: item for item in checklist_items(catalogue, org.profile.type)}
    approved = schedule.event("plan_approved").date
    calendar = get_calendar(org.profile.work_week == 6)
    monitoring_end = schedule.event("monitoring_end").date
    sections_by_unit = _suggested_sections(org, items, catalogue)
    sections = {s.code: s for s in catalogue.report_sections}

    unranked: list[Risk] = []
    for index, finding in enumerate(org.findings):
        item = items[finding.indicator]  # unknown codes are rejected by validation before evaluation
        group = catalogue.group_of(item.group_code)
        suggested: set[str] = set()
        if isinstance(group, OrgArea):
            section = catalogue.section_of(group)
        else:  # an NPA factor: the section given, else that of the unit's other risks
            code = finding.section or sections_by_unit.get(finding.unit, catalogue.report_sections[-1].code)
            if not finding.section:
                suggested.add("section")
            section = sections[code]
        score = finding.likelihood * finding.impact
        band = matrix.band_for(score)
        proposal = suggest_measure(catalogue, item.code, group.code, finding.description, finding.act)
        due = finding.due or default_due(band, proposal.term_months if not finding.measure else None,
                                         approved, monitoring_end, org.profile.work_week == 6)
        given = {"act": finding.act, "measure": finding.measure, "completion_form": finding.completion_form,
                 "responsible": finding.responsible, "due": finding.due}
        suggested |= {kind for kind, value in given.items() if not value}
        unranked.append(Risk(
            rank=0,  # set below, once every risk is scored
            finding=index,
            indicator=item.code,
            indicator_number=item.number,
            indicator_title=item.title,
            indicator_label=item.label,
            direction=item.direction,
            direction_title=item.direction_title,
            group=group.code,
            group_title=group.title,
            section=section.code,
            section_number=section.number,
            section_title=section.title,
            unit=finding.unit,
            act=finding.act or process_name(group.title),
            description=finding.description,
            functions=list(finding.functions),
            positions=list(finding.positions),
            measure=finding.measure or proposal.title,
            measure_code=None if finding.measure else proposal.code,
            completion_form=finding.completion_form or proposal.completion_form,
            responsible=list(finding.responsible) or [finding.unit],
            due=due,
            suggested=tuple(kind for kind in SUGGESTION_KINDS if kind in suggested),
            due_provisional_reason=calendar.provisional_reason(approved, due) if "due" in suggested else None,
            likelihood=finding.likelihood,
            impact=finding.impact,
            score=score,
            band=band.code,
            band_title=band.title,
            band_color=band.color,
        ))
    # Highest score first; equal scores keep the analyst's order.
    ranked = sorted(unranked, key=lambda r: (-r.score, r.finding))
    risks = [r.model_copy(update={"rank": i}) for i, r in enumerate(ranked, 1)]

    def count(key: str, codes: list[str]) -> dict[str, int]:
        return {code: sum(1 for r in risks if getattr(r, key) == code) for code in codes}

    answered_present = [a.indicator for a in org.checklist if a.answer == "present"]
    with_findings = {f.indicator for f in org.findings}
    present_without = [code for code in answered_present if code not in with_findings]
    answer_row = {a.indicator: i for i, a in reversed(list(enumerate(org.checklist)))}
    warnings = [
        Problem(severity="warning", code="checklist.present_without_finding",
                message=f"Индикатор «{items[code].label if code in items else code}» отмечен как присутствующий, но"
                        " риск по нему не описан.",
                place=org.locate("checklist", answer_row[code], "answer"),
                field=field_path("checklist", answer_row[code], "answer"))
        for code in present_without
    ]
    warnings += [org.placed(w) for w in schedule.warnings]
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
        findings=list(org.findings),
    )


def relevant_functions(
    evaluation: Evaluation, catalogue: Catalogue
) -> list[tuple[FunctionType, Zone, ExemplaryFunction]]:
    """Rows of the exemplary list of corruptogenic functions relevant to the organisation: those whose function
    type covers an area with at least one risk. (type, zone, function) triples in catalogue order."""
    areas = {r.group for r in evaluation.risks}
    return [(t, z, f) for t, z, f in catalogue.exemplary_functions() if areas & set(t.areas)]


def relevant_function_types(evaluation: Evaluation, catalogue: Catalogue) -> list[FunctionType]:
    """The types of corruptogenic functions whose areas have risks in this evaluation."""
    areas = {r.group for r in evaluation.risks}
    return [t for t in catalogue.function_types if areas & set(t.areas)]
