"""The plan of measures and the list of positions as Excel workbooks, ready to print and to filter.

Same rows as the Word documents; Times New Roman 12, wrapped text, frozen header, autofilter, A4 print setup
(fit to width, header row repeated on every page), title rows above the table. Every piece of user text is written
as a typed string cell, so «=SUM(A1:A9)» stays text and never becomes a formula.

The plan shows which values vakr suggested by the methodology: a 7th column names them and the cells they concern
are shaded. Every sheet gets manual page breaks computed from the row heights, so a group row (a unit, an
indicator, a table header) never ends a page apart from the rows it heads (see :func:`vakr.spreadsheet.page_breaks`).

Written by XlsxWriter, which a run of thousands of organisations needs (issue 20): a few milliseconds a workbook
(:class:`vakr.documents.xlsx_common.DocumentBook`).
"""

from __future__ import annotations

from pathlib import Path

from vakr.documents.package import write_package
from vakr.documents.plan import agreed_rows, plan_title
from vakr.documents.tables import columns, function_rows, plan_rows, positions_by_unit, provisional_legend
from vakr.documents.texts import clean, lower_first, sentence, signature
from vakr.documents.wording import Wording, in_language
from vakr.documents.xlsx_common import (
    CENTRE_TOP,
    FUNCTIONS_WIDTHS,
    GROUP_RGB,
    LEFT_BOTTOM,
    LEFT_TOP,
    PLAN_WIDTHS,
    POSITIONS_WIDTHS,
    SUGGESTED_COLUMNS,
    SUGGESTED_RGB,
    DocumentBook,
    DocumentSheet,
)
from vakr.evaluation.evaluate import Evaluation, relevant_function_types
from vakr.formatting import Lang
from vakr.methodology.catalogue import Catalogue

# --- the plan -----------------------------------------------------------------------------------------------


def render_plan_xlsx(evaluation: Evaluation, catalogue: Catalogue, lang: Lang = "ru") -> bytes:
    """The plan of measures as XLSX bytes in ``lang`` (same input → same bytes)."""
    evaluation, catalogue, w = in_language(evaluation, catalogue, lang)
    p = evaluation.profile
    book = DocumentBook()
    widths = PLAN_WIDTHS
    ws = book.sheet(w.plan_sheet, widths)
    n_cols = len(widths)
    block = sum(widths[3:])

    approval = [(w.approval_word, True), *((line, False) for line in w.approval_lines(p)),
                (f"____________ {signature(p.head, p)}", False), (w.signature_date, False)]
    for i, (text, bold) in enumerate(approval, 1):
        ws.put(i, 4, text, bold=bold, size=14, merge_to=n_cols)
        ws.fit_height(i, [(text, block)], size=14)
    row = len(approval) + 1
    for line in w.plan_title(w.organisation(p.name), w.years(p)):
        row += 1
        ws.put(row, 1, line, bold=True, size=14, align=CENTRE_TOP, merge_to=n_cols)
        ws.fit_height(row, [(line, sum(widths))], size=14)
    row += 2

    head = row
    # The approval block stays with the title; the header stays with the first rows of the table. If they do not
    # all fit on the first page, the table starts the second one.
    keep = set(range(1, head - 1)) | {head}
    ws.header_row(head, [*columns(catalogue, "table.plan"), w.suggested_header])
    rows = plan_rows(evaluation, w)
    if not rows:
        row += 1
        ws.put(row, 1, "", border=True)
        ws.put(row, 2, w.no_risks_row, border=True, merge_to=n_cols)
        ws.fit_height(row, [(w.no_risks_row, sum(widths[1:]))])
    for plan_row in rows:
        row += 1
        if plan_row.level < 3:
            bold, italic = plan_row.level == 1, plan_row.level == 2
            fill = GROUP_RGB if plan_row.level == 1 else None
            ws.put(row, 1, plan_row.number, bold=bold, italic=italic, border=True, fill=fill)
            ws.put(row, 2, plan_row.text, bold=bold, italic=italic, border=True, fill=fill, merge_to=n_cols)
            ws.fit_height(row, [(plan_row.text, sum(widths[1:]))])
            keep.add(row)  # a unit or an indicator starts a page together with its first risk
        else:
            cells = [*plan_row.cells(), plan_row.suggested_text]
            shaded = {SUGGESTED_COLUMNS[k] for k in plan_row.suggested if k in SUGGESTED_COLUMNS}
            if cells[-1]:
                shaded.add(len(cells))
            for col, text in enumerate(cells, 1):
                ws.put(row, col, text, border=True, fill=SUGGESTED_RGB if col in shaded else None)
            ws.fit_height(row, list(zip(cells, widths)))
    last_table_row = row
    ws.table_frame(head, last_table_row, n_cols)

    if any(r.level == 3 and r.suggested for r in rows):
        row += 2
        legend = w.suggested_legend_xlsx
        # under the table's text, as below
        ws.put(row, 2, legend, italic=True, fill=SUGGESTED_RGB, merge_to=n_cols)
        ws.fit_height(row, [(legend, sum(widths[1:]))])
    if note := provisional_legend(evaluation, w):
        row += 1
        ws.put(row, 2, note, italic=True, merge_to=n_cols)
        ws.fit_height(row, [(note, sum(widths[1:]))])

    row += 2
    ws.put(row, 2, w.agreed_word, bold=True, size=14)
    row += 1
    for pair in agreed_rows(evaluation):
        row += 1
        ws.put(row, 2, f"{pair['left']} ______________", size=14)
        if pair["right"]:
            ws.put(row, 3, f"{pair['right']} ______________", size=14, merge_to=4)
        ws.set_height(row, 24)
    ws.print_setup(landscape=True, header_row=head, last_row=row, last_col=n_cols)
    # The legend and the approvals are printed whole, on one page with the last row of the table.
    ws.paginate(landscape=True, last_row=row, title_row=head, keep_with_next=keep | set(range(last_table_row, row)))
    return finish(book, evaluation, plan_title(catalogue))


def finish(book: DocumentBook, evaluation: Evaluation, title: str) -> bytes:
    return book.finish(title, evaluation.profile.name, evaluation.profile.vakr_end)


def write_plan_xlsx(evaluation: Evaluation, path: str | Path, catalogue: Catalogue, lang: Lang = "ru") -> Path:
    return write_package(path, render_plan_xlsx(evaluation, catalogue, lang))


# --- the list of positions ----------------------------------------------------------------------------------


def _positions_sheet(ws: DocumentSheet, evaluation: Evaluation, catalogue: Catalogue, w: Wording) -> None:
    p = evaluation.profile
    widths = ws.widths
    n_cols = len(widths)
    title = next(t for t in catalogue.tables if t.code == "table.positions")
    ws.put(1, 1, title.title, bold=True, size=14, align=CENTRE_TOP, merge_to=n_cols)
    ws.fit_height(1, [(title.title, sum(widths))], size=14)
    object_line = f"{w.object_label}: {clean(p.name)}"
    ws.put(3, 1, object_line, size=14, merge_to=n_cols)
    ws.fit_height(3, [(object_line, sum(widths))], size=14)
    head = 5
    row = head
    keep = set(range(1, head + 1))  # the title and the object line stay with the table header
    groups = positions_by_unit(evaluation)
    if groups:
        ws.header_row(head, columns(catalogue, "table.positions"))
    else:
        ws.put(head, 1, w.no_positions, size=14, merge_to=n_cols)
    n = 0
    for unit, positions in groups:
        row += 1
        ws.put(row, 1, "", border=True, fill=GROUP_RGB)
        ws.put(row, 2, unit, bold=True, border=True, fill=GROUP_RGB, merge_to=n_cols)
        keep.add(row)  # a unit starts a page together with its first position
        for position in positions:
            row += 1
            n += 1
            cells = [n, position.title, position.powers, position.risks]
            for col, value in enumerate(cells, 1):
                ws.put(row, col, value, border=True, align=CENTRE_TOP if col == 1 else LEFT_TOP)
            ws.fit_height(row, [(str(v), w) for v, w in zip(cells, widths)])
    if groups:
        ws.table_frame(head, row, n_cols)
    last_table_row = row
    row += 2
    signer = f"{w.authorised_title}\n{clean(p.authorised_person.position)}"
    signature_line = f"____________ {signature(p.authorised_person, p)}"
    ws.put(row, 1, signer, size=14, merge_to=3)
    ws.put(row, 4, signature_line, size=14, align=LEFT_BOTTOM)
    ws.fit_height(row, [(signer, sum(widths[:3])), (signature_line, widths[3])], size=14)
    row += 2
    ws.put(row, 1, w.signature_date, size=14, merge_to=3)
    ws.print_setup(landscape=False, header_row=head if groups else 0, last_row=row, last_col=n_cols)
    # The signature is printed whole, on one page with the last row of the table.
    ws.paginate(landscape=False, last_row=row, title_row=head if groups else 0,
                keep_with_next=keep | set(range(last_table_row, row)))


def _functions_sheet(ws: DocumentSheet, evaluation: Evaluation, catalogue: Catalogue, w: Wording) -> None:
    widths = ws.widths
    n_cols = len(widths)
    full = sum(widths)
    title = next(t for t in catalogue.tables if t.code == "table.functions").title
    row = 1

    def paragraph(text: str, bold: bool = False) -> None:
        nonlocal row
        ws.put(row, 1, text, bold=bold, size=14, align=CENTRE_TOP if bold else LEFT_TOP, merge_to=n_cols)
        ws.fit_height(row, [(text, full)], size=14)
        row += 1

    paragraph(title, bold=True)
    row += 1
    paragraph(clean(catalogue.corruptogenic_functions.intro.text))
    types = relevant_function_types(evaluation, catalogue)
    if not types:
        paragraph(w.no_types)
        ws.print_setup(landscape=False, header_row=0, last_row=row, last_col=n_cols)
        return
    keep = {row}  # the lead stays with the first type
    paragraph(w.types_lead)
    for i, t in enumerate(types):
        end = "." if i == len(types) - 1 else ";"
        paragraph(f"{lower_first(t.title)} – {lower_first(sentence(t.definition)).rstrip('.')}{end}")
    rows = function_rows(evaluation, catalogue)
    if not rows:
        paragraph(w.no_functions)
        ws.print_setup(landscape=False, header_row=0, last_row=row, last_col=n_cols)
        return
    keep |= {row, row + 1}  # the header stays with the first function
    row += 1
    head = row
    ws.header_row(head, columns(catalogue, "table.functions"))
    zone_rows: dict[str, list[int]] = {}
    for number, zone, function, situation in rows:
        row += 1
        first = zone not in zone_rows
        cells = [number, zone if first else "", function, situation]
        for col, value in enumerate(cells, 1):
            ws.put(row, col, value, border=True, align=CENTRE_TOP if col == 1 else LEFT_TOP)
        ws.fit_height(row, [(str(v), w) for v, w in zip(cells, widths)])
        zone_rows.setdefault(zone, []).append(row)
    for indices in zone_rows.values():  # each zone spans its functions, as in the sample
        if len(indices) > 1:
            ws.merge_down(indices[0], indices[-1], 2)
        keep.update(indices[:-1])  # a zone's merged cell is not cut by a page break unless it is longer than a page
    ws.table_frame(head, row, n_cols)
    ws.print_setup(landscape=False, header_row=head, last_row=row, last_col=n_cols)
    ws.paginate(landscape=False, last_row=row, title_row=head, keep_with_next=keep)


def render_positions_xlsx(evaluation: Evaluation, catalogue: Catalogue, lang: Lang = "ru") -> bytes:
    """The list of positions and the exemplary functions as XLSX bytes in ``lang`` (same input → same bytes)."""
    evaluation, catalogue, w = in_language(evaluation, catalogue, lang)
    book = DocumentBook()
    _positions_sheet(book.sheet(w.positions_sheet, POSITIONS_WIDTHS), evaluation, catalogue, w)
    _functions_sheet(book.sheet(w.functions_sheet, FUNCTIONS_WIDTHS), evaluation, catalogue, w)
    title = next(t.title for t in catalogue.tables if t.code == "table.positions")
    return finish(book, evaluation, title)


def write_positions_xlsx(evaluation: Evaluation, path: str | Path, catalogue: Catalogue, lang: Lang = "ru") -> Path:
    return write_package(path, render_positions_xlsx(evaluation, catalogue, lang))
