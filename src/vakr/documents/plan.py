"""The plan of measures (план мероприятий) as a Word document, landscape A4, after the seed's sample:
«УТВЕРЖДАЮ» block, «П Л А Н по устранению причин и условий …», the table numbered
unit (1.) → indicator (1.1.) → risk (1.1.1.), and «СОГЛАСОВАНО:» with the working group.

The numbers are Word's own list numbering (styles «ВАКР Номер пункта плана 1–3» of the template), so rows added
or removed in Word renumber themselves; the Excel copy and the Markdown tables carry the same numbers as text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from vakr.documents.docx_common import (
    SHADE_GROUP,
    STYLE_PLAIN,
    STYLE_PLAN_NUMBERS,
    Subdoc,
    add_paragraph,
    add_row,
    cant_split,
    load_template,
    new_subdoc,
    new_table,
    render_docx,
    set_style,
    text_width_mm,
)
from vakr.documents.package import fixed_timestamp, write_package
from vakr.documents.tables import columns, plan_rows, provisional_legend
from vakr.documents.texts import SUGGESTED_MARK, agreed_name, clean, signature
from vakr.documents.wording import Wording, in_language, wording
from vakr.evaluation.evaluate import Evaluation
from vakr.formatting import Lang
from vakr.methodology.catalogue import Catalogue

TEMPLATE = "plan.docx"
# Shares of the text width: № | risk | measure | completion form | responsible | due date.
WIDTH_SHARES = (0.062, 0.31, 0.245, 0.115, 0.153, 0.115)


def plan_widths(width_mm: float) -> list[float]:
    widths = [round(width_mm * share, 1) for share in WIDTH_SHARES[:-1]]
    return [*widths, round(width_mm - sum(widths), 1)]


def _marked(text: str, suggested: bool) -> list:
    """A cell's runs: the value, and the sign of a suggested value after it."""
    return [text, (f" {SUGGESTED_MARK}", "b")] if suggested else [text]


def plan_title(catalogue: Catalogue) -> str:
    """The plan's title (the document's properties), in the catalogue's language."""
    return next(t.title for t in catalogue.tables if t.code == "table.plan")


def _plan_table(tpl: DocxTemplate, evaluation: Evaluation, catalogue: Catalogue, w: Wording) -> Subdoc:
    doc = new_subdoc(tpl)
    widths = plan_widths(text_width_mm(tpl))
    table = new_table(doc, widths, header=columns(catalogue, "table.plan"))
    rows = plan_rows(evaluation, w)
    if not rows:
        add_row(table, ["", w.no_risks_row], merge_from=1)
    for row in rows:
        if row.level == 1:
            tr = add_row(table, ["", [[(row.text, "b")]]], merge_from=1, shade=SHADE_GROUP, keep_with_next=True)
        elif row.level == 2:
            tr = add_row(table, ["", [[(row.text, "i")]]], merge_from=1, keep_with_next=True)
        else:
            marks = set(row.suggested)
            responsible = [[line] for line in row.responsible]
            if "responsible" in marks:
                responsible[-1] = _marked(responsible[-1][0], True)
            tr = add_row(table, [
                "",
                [[(row.act, "i")], [row.description]] if row.act else [[row.description]],
                [_marked(row.measure, "measure" in marks)],
                [_marked(row.completion_form, "completion_form" in marks)],
                responsible,
                [_marked(row.due_text, "due" in marks)],
            ])
        cant_split(tr)  # a row never breaks across pages; group rows also keep with the row they head
        set_style(tr.cells[0].paragraphs[0], STYLE_PLAN_NUMBERS[row.level])
    if any(row.suggested for row in rows):
        add_paragraph(doc)
        add_paragraph(doc, [(w.suggested_legend, "i")], style=STYLE_PLAIN)
    if note := provisional_legend(evaluation, w):
        add_paragraph(doc, [(note, "i")], style=STYLE_PLAIN)
    return doc


def agreed_rows(evaluation: Evaluation) -> list[dict[str, str]]:
    """The working group in two columns, row by row, as the seed lists them: «Грабенко А.Ю.»."""
    p = evaluation.profile
    names = [agreed_name(m, p) for m in p.working_group]
    return [{"left": names[i], "right": names[i + 1] if i + 1 < len(names) else ""}
            for i in range(0, len(names), 2)]


def plan_context(tpl: DocxTemplate, evaluation: Evaluation, catalogue: Catalogue,
                 w: Wording | None = None) -> dict[str, Any]:
    w = w or wording("ru")
    p = evaluation.profile
    return {
        "organisation": w.organisation(p.name),  # «в деятельности …» / «… қызметінде»
        "period": w.years(p),
        "approval_lines": w.approval_lines(p),
        "head_signature": signature(p.head, p),
        "plan_table": _plan_table(tpl, evaluation, catalogue, w),
        "agreed": agreed_rows(evaluation),
    }


def render_plan_docx(evaluation: Evaluation, catalogue: Catalogue, template: str | Path | None = None,
                     lang: Lang = "ru") -> bytes:
    """The plan of measures as DOCX bytes in ``lang`` (same input → same bytes)."""
    evaluation, catalogue, w = in_language(evaluation, catalogue, lang)
    tpl = load_template(w.file_name(TEMPLATE), template)
    context = plan_context(tpl, evaluation, catalogue, w)
    return render_docx(tpl, context, title=plan_title(catalogue), subject=clean(evaluation.profile.name),
                       stamp=fixed_timestamp(evaluation.profile.vakr_end), language=w.docx_language)


def write_plan_docx(evaluation: Evaluation, path: str | Path, catalogue: Catalogue,
                    template: str | Path | None = None, lang: Lang = "ru") -> Path:
    return write_package(path, render_plan_docx(evaluation, catalogue, template, lang))
