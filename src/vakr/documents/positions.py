"""The list of positions exposed to corruption risks (перечень должностей), with the exemplary list of
corruptogenic functions relevant to the organisation and the definitions of the function types that apply.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from vakr.documents.docx_common import (
    SHADE_GROUP,
    Subdoc,
    add_paragraph,
    add_row,
    cant_split,
    load_template,
    merge_down,
    new_subdoc,
    new_table,
    render_docx,
    text_width_mm,
)
from vakr.documents.package import fixed_timestamp, write_package
from vakr.documents.tables import columns, function_rows, positions_by_unit
from vakr.documents.texts import clean, lower_first, sentence, signature
from vakr.documents.wording import Wording, in_language, wording
from vakr.evaluation.evaluate import Evaluation, relevant_function_types
from vakr.formatting import Lang
from vakr.methodology.catalogue import Catalogue

TEMPLATE = "positions.docx"
POSITIONS_SHARES = (0.085, 0.265, 0.325, 0.325)
FUNCTIONS_SHARES = (0.06, 0.25, 0.37, 0.32)


def _widths(width_mm: float, shares: tuple[float, ...]) -> list[float]:
    widths = [round(width_mm * s, 1) for s in shares[:-1]]
    return [*widths, round(width_mm - sum(widths), 1)]


def _positions_table(tpl: DocxTemplate, evaluation: Evaluation, catalogue: Catalogue, w: Wording) -> Subdoc:
    doc = new_subdoc(tpl)
    groups = positions_by_unit(evaluation)
    if not groups:
        add_paragraph(doc, w.no_positions)
        return doc
    table = new_table(doc, _widths(text_width_mm(tpl), POSITIONS_SHARES),
                      header=columns(catalogue, "table.positions"))
    n = 0
    for unit, positions in groups:
        row = add_row(table, ["", [[(clean(unit), "b")]]], merge_from=1, shade=SHADE_GROUP, keep_with_next=True)
        cant_split(row)
        for p in positions:
            n += 1
            cant_split(add_row(table, [f"{n}.", clean(p.title), clean(p.powers), clean(p.risks)]))
    return doc


def _functions(tpl: DocxTemplate, evaluation: Evaluation, catalogue: Catalogue, w: Wording) -> Subdoc:
    doc = new_subdoc(tpl)
    add_paragraph(doc, clean(catalogue.corruptogenic_functions.intro.text))
    types = relevant_function_types(evaluation, catalogue)
    if not types:
        add_paragraph(doc, w.no_types)
        return doc
    add_paragraph(doc, w.types_lead, keep_with_next=True)
    for i, t in enumerate(types):
        end = "." if i == len(types) - 1 else ";"
        add_paragraph(doc, [(f"{lower_first(t.title)}", "b"),
                            f" – {lower_first(sentence(t.definition)).rstrip('.')}{end}"])
    rows = function_rows(evaluation, catalogue)
    if not rows:
        add_paragraph(doc, w.no_functions)
        return doc
    add_paragraph(doc)
    table = new_table(doc, _widths(text_width_mm(tpl), FUNCTIONS_SHARES),
                      header=columns(catalogue, "table.functions"))
    # Each zone spans its functions, as in the sample: the rows of a zone in a run, its name in the first.
    runs: list[list[int]] = []
    for r, (number, zone, function, situation) in enumerate(rows, 1):
        first = r == 1 or rows[r - 2][1] != zone
        cant_split(add_row(table, [str(number), zone if first else "", function, situation]))
        if first:
            runs.append([r])
        else:
            runs[-1].append(r)
    for indices in runs:
        merge_down(table, 1, indices[0], indices[-1])
    return doc


def positions_context(tpl: DocxTemplate, evaluation: Evaluation, catalogue: Catalogue,
                      w: Wording | None = None) -> dict[str, Any]:
    w = w or wording("ru")
    p = evaluation.profile
    return {
        "organisation": clean(p.name),
        "positions_table": _positions_table(tpl, evaluation, catalogue, w),
        "functions": _functions(tpl, evaluation, catalogue, w),
        "signer_position": clean(p.authorised_person.position),
        "signer_name": signature(p.authorised_person, p),
    }


def render_positions_docx(evaluation: Evaluation, catalogue: Catalogue,
                          template: str | Path | None = None, lang: Lang = "ru") -> bytes:
    """The list of positions as DOCX bytes in ``lang`` (same input → same bytes)."""
    evaluation, catalogue, w = in_language(evaluation, catalogue, lang)
    tpl = load_template(w.file_name(TEMPLATE), template)
    context = positions_context(tpl, evaluation, catalogue, w)
    title = next(t.title for t in catalogue.tables if t.code == "table.positions")
    return render_docx(tpl, context, title=title, subject=clean(evaluation.profile.name),
                       stamp=fixed_timestamp(evaluation.profile.vakr_end), language=w.docx_language)


def write_positions_docx(evaluation: Evaluation, path: str | Path, catalogue: Catalogue,
                         template: str | Path | None = None, lang: Lang = "ru") -> Path:
    return write_package(path, render_positions_docx(evaluation, catalogue, template, lang))
