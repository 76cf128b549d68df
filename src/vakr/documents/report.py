"""The analytical report (аналитическая справка) on the results of the ВАКР, as a Word document.

Structure (Типовые правила, пп. 18–21, and the seed): the introductory part (order, period, authorised person,
working group), the descriptive part — sections 1–9 of the methodology, each listing its risks in normative legal
acts and in business processes in the order the analyst recorded them, cited as in the worked examples («По
направлению – …, по индикатору: N) …», the act or business process, the description, in section 1 the corruptogenic
functions (stated once for the section) and the positions of the risk's unit, then «Рекомендации:») —, a table of
the results of the analysis of normative legal acts by factor, a closing summary with tables of risks by section and
level, and the authorised person's signature. Values vakr suggested are marked «◊» and explained in a legend.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docxtpl import DocxTemplate

from vakr.documents.docx_common import (
    HEADING_2,
    STYLE_TITLE,
    Subdoc,
    Table,
    add_paragraph,
    add_row,
    cant_split,
    load_template,
    new_subdoc,
    new_table,
    render_docx,
    text_width_mm,
)
from vakr.documents.package import fixed_timestamp, write_package
from vakr.documents.tables import positions_by_unit
from vakr.documents.texts import (
    SUGGESTED_MARK,
    clean,
    finding_heading,
    indicator_phrase,
    lower_first,
    sentence,
    signature,
)
from vakr.documents.wording import Wording, in_language, wording
from vakr.evaluation.evaluate import Evaluation, Risk
from vakr.formatting import Lang
from vakr.methodology.catalogue import Catalogue

TEMPLATE = "report.docx"


def _section_functions(risks: list[Risk], catalogue: Catalogue) -> str:
    """The exemplary corruptogenic functions of a section, stated once: those of the function types covering the
    areas of its risks, else the types with their definitions."""
    areas = {r.group for r in risks}
    types = [t for t in catalogue.function_types if areas & set(t.areas)]
    exemplary = [f.title for t in types for z in t.zones for f in z.functions]
    if exemplary:
        return "; ".join(dict.fromkeys(lower_first(f) for f in exemplary))
    return "; ".join(f"{lower_first(t.title)} ({lower_first(t.definition).rstrip('.')})" for t in types)


def _positions_text(risk: Risk, evaluation: Evaluation, w: Wording) -> str:
    """The positions a risk exposes: those the analyst linked, else the unit's positions from the list."""
    linked = [clean(p) for p in risk.positions if clean(p)]
    positions = linked or [clean(p.title) for p in evaluation.positions if p.unit == risk.unit]
    if positions:
        return "; ".join(lower_first(p) for p in dict.fromkeys(positions))
    return w.no_unit_positions(clean(risk.unit))


def _mark(risk: Risk, kind: str) -> list:
    """The sign after a value vakr suggested (see the legend)."""
    return [(f" {SUGGESTED_MARK}", "b")] if kind in risk.suggested else []


def _risk_block(doc: Subdoc, risk: Risk, fields: list[str], evaluation: Evaluation, catalogue: Catalogue,
                w: Wording) -> None:
    """One risk in the worked-example style."""
    report = catalogue.report
    titles = report.field_titles
    add_paragraph(doc, [(finding_heading(report.finding_heading, risk), "b"),
                        " " + sentence(indicator_phrase(risk)), *_mark(risk, "section")],
                  keep_with_next=True, space_before=Pt(6))
    for field in fields:
        if field == "risk_name":
            add_paragraph(doc, [(titles["risk_name"] + ": ", "i"), sentence(risk.act), *_mark(risk, "act")])
        elif field == "risk_description":
            add_paragraph(doc, [(titles["risk_description"] + ": ", "i"), sentence(risk.description)])
            add_paragraph(doc, [
                (w.unit_label, "i"), sentence(risk.unit), (w.level_label, "i"),
                w.level_detail(lower_first(risk.band_title), risk.likelihood, risk.impact, risk.score),
            ])
        elif field == "corruptogenic_functions":
            own = [lower_first(clean(f)) for f in risk.functions if clean(f)]
            if own:  # the section states the exemplary functions once; a risk adds only the analyst's own list
                add_paragraph(doc, [(titles["corruptogenic_functions"] + ": ", "i"), sentence("; ".join(own))])
        elif field == "positions":
            add_paragraph(doc, [(titles["positions"] + ": ", "i"), sentence(_positions_text(risk, evaluation, w))])
        elif field == "recommendations":
            add_paragraph(doc, [(w.recommendations_label, "i")], keep_with_next=True)
            add_paragraph(doc, [sentence(risk.measure), *_mark(risk, "measure")])


def _sections(tpl: DocxTemplate, evaluation: Evaluation, catalogue: Catalogue, w: Wording) -> Subdoc:
    doc = new_subdoc(tpl)
    if any(r.suggested for r in evaluation.risks):
        add_paragraph(doc, [(w.suggested_legend, "i")])
    for section in catalogue.report_sections:
        add_paragraph(doc, f"{section.number}. {section.title}", style=HEADING_2)
        risks = evaluation.risks_in_section(section.code)
        if not risks:
            add_paragraph(doc, w.no_risks_section)
        elif "corruptogenic_functions" in section.fields and (functions := _section_functions(risks, catalogue)):
            add_paragraph(doc, [(w.section_functions(catalogue.report.field_titles["corruptogenic_functions"]), "i"),
                                sentence(functions)])
        for risk in risks:
            _risk_block(doc, risk, list(section.fields), evaluation, catalogue, w)
        if "positions" in section.fields and evaluation.positions:
            add_paragraph(doc, [(w.positions_lead, "i")], keep_with_next=True)
            groups = positions_by_unit(evaluation)
            for i, (unit, positions) in enumerate(groups):
                titles = ", ".join(lower_first(clean(p.title)) for p in positions)
                end = "." if i == len(groups) - 1 else ";"
                add_paragraph(doc, f"– {clean(unit)}: {titles}{end}")
    return doc


def _npa(tpl: DocxTemplate, evaluation: Evaluation, catalogue: Catalogue, w: Wording) -> Subdoc:
    """The results of the analysis of normative legal acts by factor: how many risks of each factor were found and
    in which sections of the descriptive part they are set out."""
    doc = new_subdoc(tpl)
    n = len(evaluation.npa_risks)
    add_paragraph(doc, w.npa_intro(len(catalogue.npa_factors), n))
    width = text_width_mm(tpl)
    table = new_table(doc, [12, width - 12 - 30 - 45, 30, 45], header=list(w.npa_header))
    for factor in catalogue.npa_factors:
        risks = evaluation.risks_of_group(factor.code)
        where = ", ".join(str(n) for n in sorted({r.section_number for r in risks}))
        add_row(table, [str(factor.number), factor.title, str(len(risks)), where or "–"])
    add_row(table, ["", [[(w.total, "b")]], [[(str(n), "b")]], ""])
    _centre_numbers(table, first=2)
    return doc


def _summary(tpl: DocxTemplate, evaluation: Evaluation, catalogue: Catalogue, w: Wording) -> Subdoc:
    doc = new_subdoc(tpl)
    risks = evaluation.risks
    n = len(risks)
    add_paragraph(doc, w.summary_found(n, len(evaluation.npa_risks)) if n else w.summary_none)
    bands = catalogue.risk_matrix.bands
    add_paragraph(doc, w.band_rule([(lower_first(b.title), b.min_score, b.max_score) for b in bands]))
    width = text_width_mm(tpl)
    add_paragraph(doc)
    add_paragraph(doc, w.sections_caption, style=STYLE_TITLE, keep_with_next=True)
    table = new_table(doc, [width - 45, 45], header=list(w.sections_header))
    for section in catalogue.report_sections:
        add_row(table, [f"{section.number}. {section.title}", str(sum(1 for r in risks if r.section == section.code))])
    add_row(table, [w.npa_row, str(len(evaluation.npa_risks))])
    add_row(table, [[[(w.total, "b")]], [[(str(n), "b")]]])
    _centre_numbers(table)
    add_paragraph(doc)
    add_paragraph(doc, w.levels_caption, style=STYLE_TITLE, keep_with_next=True)
    table = new_table(doc, [width - 90, 45, 45], header=list(w.levels_header))
    for band in bands:
        add_row(table, [band.title, f"{band.min_score}–{band.max_score}",
                        str(sum(1 for r in risks if r.band == band.code))])
    add_row(table, [[[(w.total, "b")]], "", [[(str(n), "b")]]])
    _centre_numbers(table)
    add_paragraph(doc)
    if closing := w.attachments(len(evaluation.positions), n):
        add_paragraph(doc, closing)
    return doc


def _centre_numbers(table: Table, first: int = 1) -> None:
    """Numbers (the columns from ``first`` on) centred; small summary rows never split across pages."""
    for row in table.rows[1:]:
        cant_split(row)
        for cell in row.cells[first:]:
            for p in cell.paragraphs:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def report_context(tpl: DocxTemplate, evaluation: Evaluation, catalogue: Catalogue,
                   w: Wording | None = None) -> dict[str, Any]:
    w = w or wording("ru")
    p = evaluation.profile
    members = list(p.working_group)
    return {
        "organisation": w.organisation(p.name),  # «в деятельности …» / «… қызметінде»
        "order": w.order(p),
        "period": w.period(p),
        "authorised": sentence(f"{w.position_in_sentence(clean(p.authorised_person.position))} "
                               f"{clean(p.authorised_person.name)}"),
        "working_group": [
            {"name": clean(m.name), "position": w.position_in_sentence(clean(m.position)),
             "end": "." if i == len(members) - 1 else ";"}
            for i, m in enumerate(members)
        ],
        "opening": w.opening(clean(p.name), len(evaluation.risks), len(evaluation.npa_risks)),
        "sections": _sections(tpl, evaluation, catalogue, w),
        "npa": _npa(tpl, evaluation, catalogue, w),
        "summary": _summary(tpl, evaluation, catalogue, w),
        "signer_position": clean(p.authorised_person.position),
        "signer_name": signature(p.authorised_person, p),
    }


def render_report(evaluation: Evaluation, catalogue: Catalogue, template: str | Path | None = None,
                  lang: Lang = "ru") -> bytes:
    """The analytical report as DOCX bytes in ``lang`` (same input → same bytes)."""
    evaluation, catalogue, w = in_language(evaluation, catalogue, lang)
    tpl = load_template(w.file_name(TEMPLATE), template)
    context = report_context(tpl, evaluation, catalogue, w)
    return render_docx(tpl, context, title=catalogue.report.title, subject=clean(evaluation.profile.name),
                       stamp=fixed_timestamp(evaluation.profile.vakr_end), language=w.docx_language)


def write_report(evaluation: Evaluation, path: str | Path, catalogue: Catalogue,
                 template: str | Path | None = None, lang: Lang = "ru") -> Path:
    return write_package(path, render_report(evaluation, catalogue, template, lang))
