"""The analytical report (аналитическая справка) on the results of the ВАКР, as a Word document.

Structure (Типовые правила, пп. 18–21, and the seed): the introductory part (order, period, authorised person,
working group), the descriptive part — sections 1–9 of the methodology, each risk cited as in the worked examples
(«По направлению – …, по индикатору: N) …», the act or business process, the description, for section 1 the
corruptogenic functions and the positions, then «Рекомендации:») —, the results of the analysis of normative legal
acts by each of the 8 corruption factors, a closing summary with a table of risks by section and level, and the
authorised person's signature.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from ..catalogue import Catalogue, load_catalogue
from ..evaluation import Evaluation, Risk
from ..formatting import plural
from .docx_common import (
    HEADING_2,
    STYLE_TITLE,
    add_paragraph,
    add_row,
    cant_split,
    load_template,
    new_subdoc,
    new_table,
    render_docx,
    text_width_mm,
)
from .package import fixed_timestamp, write_package
from .tables import TOTAL_ROW_TITLE, counts_dataframe, positions_by_unit
from .texts import (
    clean,
    finding_heading,
    found_phrase,
    indicator_phrase,
    lower_first,
    opening_sentence,
    order_phrase,
    period_phrase,
    sentence,
)

TEMPLATE = "report.docx"
NO_RISKS_SECTION = "Коррупционные риски по данному направлению не выявлены."
NO_RISKS_FACTOR = "Коррупционные риски по данному фактору не выявлены."
NPA_FIELDS = ["risk_name", "risk_description", "recommendations"]
RECOMMENDATIONS_LABEL = "Рекомендации:"


def _functions_text(risk: Risk, catalogue: Catalogue) -> str:
    """The corruptogenic functions of a risk: the analyst's list, else the exemplary functions of the types
    covering the risk's area, else those types with their definitions."""
    own = [lower_first(clean(f)) for f in risk.functions if clean(f)]
    if own:
        return "; ".join(own)
    types = [t for t in catalogue.function_types if risk.group in t.areas]
    exemplary = [f.title for t in types for z in t.zones for f in z.functions]
    if exemplary:
        return "; ".join(dict.fromkeys(lower_first(f) for f in exemplary))
    return "; ".join(f"{lower_first(t.title)} ({lower_first(t.definition).rstrip('.')})" for t in types)


def _positions_text(risk: Risk) -> str:
    positions = [lower_first(clean(p)) for p in risk.positions if clean(p)]
    return "; ".join(positions) if positions else "должности, подверженные данному риску, не определены"


def _risk_block(doc, risk: Risk, fields: list[str], catalogue: Catalogue) -> None:
    """One risk in the worked-example style."""
    report = catalogue.report
    titles = report.field_titles
    heading = add_paragraph(doc, [(finding_heading(report.finding_heading, risk), "b"),
                                  " " + sentence(indicator_phrase(risk))], keep_with_next=True)
    heading.paragraph_format.space_before = Pt(6)
    for field in fields:
        if field == "risk_name":
            add_paragraph(doc, [(titles["risk_name"] + ": ", "i"), sentence(risk.act)])
        elif field == "risk_description":
            add_paragraph(doc, [(titles["risk_description"] + ": ", "i"), sentence(risk.description)])
            add_paragraph(doc, [
                ("Структурное подразделение: ", "i"), sentence(risk.unit),
                (" Уровень риска: ", "i"),
                f"{lower_first(risk.band_title)} (вероятность – {risk.likelihood}, последствия – {risk.impact}, "
                f"итоговая оценка – {plural(risk.score, 'балл', 'балла', 'баллов')}).",
            ])
        elif field == "corruptogenic_functions":
            add_paragraph(doc, [(titles["corruptogenic_functions"] + ": ", "i"),
                                sentence(_functions_text(risk, catalogue))])
        elif field == "positions":
            add_paragraph(doc, [(titles["positions"] + ": ", "i"), sentence(_positions_text(risk))])
        elif field == "recommendations":
            add_paragraph(doc, [(RECOMMENDATIONS_LABEL, "i")], keep_with_next=True)
            add_paragraph(doc, sentence(risk.measure))


def _sections(tpl, evaluation: Evaluation, catalogue: Catalogue):
    doc = new_subdoc(tpl)
    for section in catalogue.report_sections:
        add_paragraph(doc, f"{section.number}. {section.title}", style=HEADING_2)
        risks = evaluation.risks_in_section(section.code)
        if not risks:
            add_paragraph(doc, NO_RISKS_SECTION)
        for risk in risks:
            _risk_block(doc, risk, list(section.fields), catalogue)
        if "positions" in section.fields and evaluation.positions:
            add_paragraph(doc, [("По итогам ВАКР определены должности, подверженные коррупционным рискам "
                                 "(перечень прилагается):", "i")], keep_with_next=True)
            groups = positions_by_unit(evaluation)
            for i, (unit, positions) in enumerate(groups):
                titles = ", ".join(lower_first(clean(p.title)) for p in positions)
                end = "." if i == len(groups) - 1 else ";"
                add_paragraph(doc, f"– {clean(unit)}: {titles}{end}")
    return doc


def _npa(tpl, evaluation: Evaluation, catalogue: Catalogue):
    doc = new_subdoc(tpl)
    n = len(evaluation.npa_risks)
    factors = len(catalogue.npa_factors)
    found = found_phrase(n)
    add_paragraph(doc, f"Нормативные правовые акты и внутренние документы, затрагивающие деятельность объекта "
                       f"анализа, проанализированы на наличие коррупционных факторов ({factors} видов); {found}.")
    for factor in catalogue.npa_factors:
        add_paragraph(doc, f"{factor.number}. {factor.title}", style=HEADING_2)
        risks = evaluation.risks_of_group(factor.code)
        if not risks:
            add_paragraph(doc, NO_RISKS_FACTOR)
        for risk in risks:
            _risk_block(doc, risk, NPA_FIELDS, catalogue)
    return doc


def _summary(tpl, evaluation: Evaluation, catalogue: Catalogue):
    doc = new_subdoc(tpl)
    n = len(evaluation.risks)
    npa = len(evaluation.npa_risks)
    if n:
        add_paragraph(doc, f"Всего по итогам ВАКР {found_phrase(n)}: в нормативных правовых актах – {npa}, "
                           f"в организационно-управленческой деятельности – {n - npa}. Распределение рисков по "
                           f"направлениям и уровням приведено в таблицах.")
    else:
        add_paragraph(doc, "По итогам ВАКР коррупционные риски не выявлены.")
    bands = catalogue.risk_matrix.bands
    ranges = ", ".join(f"{lower_first(b.title)} – {b.min_score}–{b.max_score}" for b in bands)
    add_paragraph(doc, f"Уровень риска определён по произведению оценок вероятности и последствий (от 1 до 5 "
                       f"каждая): {ranges} баллов.")
    df = counts_dataframe(evaluation, catalogue)
    width = text_width_mm(tpl)
    add_paragraph(doc)
    add_paragraph(doc, "Распределение коррупционных рисков по направлениям", style=STYLE_TITLE, keep_with_next=True)
    table = new_table(doc, [width - 45, 45], header=["Направление", "Количество выявленных рисков"])
    for title, total in zip(df["Направление"], df["Всего"]):
        fmt = "b" if title == TOTAL_ROW_TITLE else ""
        add_row(table, [[[(str(title), fmt)]], [[(str(total), fmt)]]])
    _centre_numbers(table)
    add_paragraph(doc)
    add_paragraph(doc, "Распределение коррупционных рисков по уровням", style=STYLE_TITLE, keep_with_next=True)
    table = new_table(doc, [width - 90, 45, 45], header=["Уровень риска", "Балл", "Количество выявленных рисков"])
    totals = df.iloc[-1]
    for band in bands:
        add_row(table, [band.title, f"{band.min_score}–{band.max_score}", str(totals[band.title])])
    add_row(table, [[[(TOTAL_ROW_TITLE, "b")]], "", [[(str(totals["Всего"]), "b")]]])
    _centre_numbers(table)
    add_paragraph(doc)
    positions = len(evaluation.positions)
    if positions:
        add_paragraph(doc, f"Для устранения выявленных рисков разработан план мероприятий (прилагается). Перечень "
                           f"должностей, подверженных коррупционным рискам, включает "
                           f"{plural(positions, 'должность', 'должности', 'должностей')} (прилагается).")
    elif n:
        add_paragraph(doc, "Для устранения выявленных рисков разработан план мероприятий (прилагается).")
    return doc


def _centre_numbers(table) -> None:
    """Numbers centred; small summary rows never split across pages."""
    for row in table.rows[1:]:
        cant_split(row)
        for cell in row.cells[1:]:
            for p in cell.paragraphs:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def report_context(tpl, evaluation: Evaluation, catalogue: Catalogue) -> dict:
    p = evaluation.profile
    members = list(p.working_group)
    return {
        "organisation": clean(p.name),
        "order": order_phrase(p),
        "period": period_phrase(p),
        "authorised": sentence(f"{lower_first(clean(p.authorised_person.position))} {clean(p.authorised_person.name)}"),
        "working_group": [
            {"name": clean(m.name), "position": lower_first(clean(m.position)),
             "end": "." if i == len(members) - 1 else ";"}
            for i, m in enumerate(members)
        ],
        "opening": opening_sentence(evaluation),
        "sections": _sections(tpl, evaluation, catalogue),
        "npa": _npa(tpl, evaluation, catalogue),
        "summary": _summary(tpl, evaluation, catalogue),
        "signer_position": clean(p.authorised_person.position),
        "signer_name": clean(p.authorised_person.name),
    }


def render_report(evaluation: Evaluation, catalogue: Catalogue | None = None,
                  template: str | Path | None = None) -> bytes:
    """The analytical report as DOCX bytes (same input → same bytes)."""
    catalogue = catalogue or load_catalogue()
    tpl = load_template(TEMPLATE, template)
    context = report_context(tpl, evaluation, catalogue)
    return render_docx(tpl, context, title=catalogue.report.title, subject=clean(evaluation.profile.name),
                       stamp=fixed_timestamp(evaluation.profile.vakr_end))


def write_report(evaluation: Evaluation, path: str | Path, catalogue: Catalogue | None = None,
                 template: str | Path | None = None) -> Path:
    return write_package(path, render_report(evaluation, catalogue, template))
