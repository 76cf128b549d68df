"""The plan of measures and the list of positions as Excel workbooks, ready to print and to filter.

Same rows as the Word documents; Times New Roman 12, wrapped text, frozen header, autofilter, A4 print setup
(fit to width, header row repeated on every page), title rows above the table. Every piece of user text is written
as a typed string cell, so «=SUM(A1:A9)» stays text and never becomes a formula.

The plan shows which values vakr suggested by the methodology: a 7th column names them and the cells they concern
are shaded. Every sheet gets manual page breaks computed from the row heights, so a group row (a unit, an
indicator, a table header) never ends a page apart from the rows it heads (see :func:`vakr.spreadsheet.paginate`).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from vakr.documents.package import write_package
from vakr.documents.plan import agreed_rows, plan_title
from vakr.documents.tables import columns, function_rows, plan_rows, positions_by_unit, provisional_legend
from vakr.documents.texts import clean, lower_first, sentence, signature
from vakr.documents.wording import Wording, in_language
from vakr.documents.xlsx_common import (
    FUNCTIONS_WIDTHS,
    GROUP_FILL,
    PLAN_WIDTHS,
    POSITIONS_WIDTHS,
    SUGGESTED_COLUMNS,
    SUGGESTED_FILL,
    TOP_CENTRE,
    TOP_LEFT,
    finish,
    fit_height,
    header_row,
    merge,
    print_setup,
    put,
)
from vakr.evaluation.evaluate import Evaluation, relevant_function_types
from vakr.formatting import Lang
from vakr.methodology.catalogue import Catalogue
from vakr.spreadsheet import paginate, set_widths, table_frame

# --- the plan -----------------------------------------------------------------------------------------------


def render_plan_xlsx(evaluation: Evaluation, catalogue: Catalogue, lang: Lang = "ru") -> bytes:
    """The plan of measures as XLSX bytes in ``lang`` (same input → same bytes)."""
    evaluation, catalogue, w = in_language(evaluation, catalogue, lang)
    p = evaluation.profile
    wb = Workbook()
    ws = wb.active
    ws.title = w.plan_sheet
    widths = PLAN_WIDTHS
    set_widths(ws, widths)
    n_cols = len(widths)
    block = sum(widths[3:])

    approval = [(w.approval_word, True), *((line, False) for line in w.approval_lines(p)),
                (f"____________ {signature(p.head, p)}", False), (w.signature_date, False)]
    for i, (text, bold) in enumerate(approval, 1):
        put(ws, i, 4, text, bold=bold, size=14)
        merge(ws, i, 4, n_cols)
        fit_height(ws, i, [(text, block)], size=14)
    row = len(approval) + 1
    for line in w.plan_title(w.organisation(p.name), w.years(p)):
        row += 1
        put(ws, row, 1, line, bold=True, size=14, align=TOP_CENTRE)
        merge(ws, row, 1, n_cols)
        fit_height(ws, row, [(line, sum(widths))], size=14)
    row += 2

    head = row
    # The approval block stays with the title; the header stays with the first rows of the table. If they do not
    # all fit on the first page, the table starts the second one.
    keep = set(range(1, head - 1)) | {head}
    header_row(ws, head, [*columns(catalogue, "table.plan"), w.suggested_header], widths)
    rows = plan_rows(evaluation, w)
    if not rows:
        row += 1
        put(ws, row, 1, "", border=True)
        put(ws, row, 2, w.no_risks_row, border=True)
        merge(ws, row, 2, n_cols, border=True)
        fit_height(ws, row, [(w.no_risks_row, sum(widths[1:]))])
    for plan_row in rows:
        row += 1
        if plan_row.level < 3:
            bold, italic = plan_row.level == 1, plan_row.level == 2
            fill = GROUP_FILL if plan_row.level == 1 else None
            put(ws, row, 1, plan_row.number, bold=bold, italic=italic, border=True, fill=fill)
            put(ws, row, 2, plan_row.text, bold=bold, italic=italic, border=True, fill=fill)
            merge(ws, row, 2, n_cols, border=True, fill=fill)
            fit_height(ws, row, [(plan_row.text, sum(widths[1:]))])
            keep.add(row)  # a unit or an indicator starts a page together with its first risk
        else:
            cells = [*plan_row.cells(), plan_row.suggested_text]
            shaded = {SUGGESTED_COLUMNS[k] for k in plan_row.suggested if k in SUGGESTED_COLUMNS}
            if cells[-1]:
                shaded.add(len(cells))
            for col, text in enumerate(cells, 1):
                put(ws, row, col, text, border=True, fill=SUGGESTED_FILL if col in shaded else None)
            fit_height(ws, row, list(zip(cells, widths)))
    last_table_row = row
    table_frame(ws, head, last_table_row, n_cols)

    if any(r.level == 3 and r.suggested for r in rows):
        row += 2
        legend = w.suggested_legend_xlsx
        put(ws, row, 2, legend, italic=True, fill=SUGGESTED_FILL)  # under the table's text, as below
        merge(ws, row, 2, n_cols, fill=SUGGESTED_FILL)
        fit_height(ws, row, [(legend, sum(widths[1:]))])
    if note := provisional_legend(evaluation, w):
        row += 1
        put(ws, row, 2, note, italic=True)
        merge(ws, row, 2, n_cols)
        fit_height(ws, row, [(note, sum(widths[1:]))])

    row += 2
    put(ws, row, 2, w.agreed_word, bold=True, size=14)
    row += 1
    for pair in agreed_rows(evaluation):
        row += 1
        put(ws, row, 2, f"{pair['left']} ______________", size=14)
        if pair["right"]:
            put(ws, row, 3, f"{pair['right']} ______________", size=14)
            merge(ws, row, 3, 4)
        ws.row_dimensions[row].height = 24
    print_setup(ws, landscape=True, header_row=head, last_row=row, last_col=n_cols)
    # The legend and the approvals are printed whole, on one page with the last row of the table.
    paginate(ws, landscape=True, widths=widths, last_row=row, title_row=head,
             keep_with_next=keep | set(range(last_table_row, row)))
    return finish(wb, evaluation, plan_title(catalogue))


def write_plan_xlsx(evaluation: Evaluation, path: str | Path, catalogue: Catalogue, lang: Lang = "ru") -> Path:
    return write_package(path, render_plan_xlsx(evaluation, catalogue, lang))


# --- the list of positions ----------------------------------------------------------------------------------


def _positions_sheet(ws: Worksheet, evaluation: Evaluation, catalogue: Catalogue, w: Wording) -> None:
    p = evaluation.profile
    widths = POSITIONS_WIDTHS
    n_cols = len(widths)
    set_widths(ws, widths)
    title = next(t for t in catalogue.tables if t.code == "table.positions")
    put(ws, 1, 1, title.title, bold=True, size=14, align=TOP_CENTRE)
    merge(ws, 1, 1, n_cols)
    fit_height(ws, 1, [(title.title, sum(widths))], size=14)
    object_line = f"{w.object_label}: {clean(p.name)}"
    put(ws, 3, 1, object_line, size=14)
    merge(ws, 3, 1, n_cols)
    fit_height(ws, 3, [(object_line, sum(widths))], size=14)
    head = 5
    row = head
    keep = set(range(1, head + 1))  # the title and the object line stay with the table header
    groups = positions_by_unit(evaluation)
    if groups:
        header_row(ws, head, columns(catalogue, "table.positions"), widths)
    else:
        put(ws, head, 1, w.no_positions, size=14)
        merge(ws, head, 1, n_cols)
    n = 0
    for unit, positions in groups:
        row += 1
        put(ws, row, 1, "", border=True, fill=GROUP_FILL)
        put(ws, row, 2, unit, bold=True, border=True, fill=GROUP_FILL)
        merge(ws, row, 2, n_cols, border=True, fill=GROUP_FILL)
        keep.add(row)  # a unit starts a page together with its first position
        for position in positions:
            row += 1
            n += 1
            cells = [n, position.title, position.powers, position.risks]
            for col, value in enumerate(cells, 1):
                put(ws, row, col, value, border=True, align=TOP_CENTRE if col == 1 else TOP_LEFT)
            fit_height(ws, row, [(str(v), w) for v, w in zip(cells, widths)])
    if groups:
        table_frame(ws, head, row, n_cols)
    last_table_row = row
    row += 2
    signer = f"{w.authorised_title}\n{clean(p.authorised_person.position)}"
    signature_line = f"____________ {signature(p.authorised_person, p)}"
    put(ws, row, 1, signer, size=14)
    merge(ws, row, 1, 3)
    put(ws, row, 4, signature_line, size=14, align=Alignment(wrap_text=True, vertical="bottom", horizontal="left"))
    fit_height(ws, row, [(signer, sum(widths[:3])), (signature_line, widths[3])], size=14)
    row += 2
    put(ws, row, 1, w.signature_date, size=14)
    merge(ws, row, 1, 3)
    print_setup(ws, landscape=False, header_row=head if groups else 0, last_row=row, last_col=n_cols)
    # The signature is printed whole, on one page with the last row of the table.
    paginate(ws, landscape=False, widths=widths, last_row=row, title_row=head if groups else 0,
             keep_with_next=keep | set(range(last_table_row, row)))


def _functions_sheet(ws: Worksheet, evaluation: Evaluation, catalogue: Catalogue, w: Wording) -> None:
    widths = FUNCTIONS_WIDTHS
    n_cols = len(widths)
    full = sum(widths)
    set_widths(ws, widths)
    title = next(t for t in catalogue.tables if t.code == "table.functions").title
    row = 1

    def paragraph(text: str, bold: bool = False) -> None:
        nonlocal row
        put(ws, row, 1, text, bold=bold, size=14, align=TOP_CENTRE if bold else TOP_LEFT)
        merge(ws, row, 1, n_cols)
        fit_height(ws, row, [(text, full)], size=14)
        row += 1

    paragraph(title, bold=True)
    row += 1
    paragraph(clean(catalogue.corruptogenic_functions.intro.text))
    types = relevant_function_types(evaluation, catalogue)
    if not types:
        paragraph(w.no_types)
        print_setup(ws, landscape=False, header_row=0, last_row=row, last_col=n_cols)
        return
    keep = {row}  # the lead stays with the first type
    paragraph(w.types_lead)
    for i, t in enumerate(types):
        end = "." if i == len(types) - 1 else ";"
        paragraph(f"{lower_first(t.title)} – {lower_first(sentence(t.definition)).rstrip('.')}{end}")
    rows = function_rows(evaluation, catalogue)
    if not rows:
        paragraph(w.no_functions)
        print_setup(ws, landscape=False, header_row=0, last_row=row, last_col=n_cols)
        return
    keep |= {row, row + 1}  # the header stays with the first function
    row += 1
    head = row
    header_row(ws, head, columns(catalogue, "table.functions"), widths)
    zone_rows: dict[str, list[int]] = {}
    for number, zone, function, situation in rows:
        row += 1
        first = zone not in zone_rows
        cells = [number, zone if first else "", function, situation]
        for col, value in enumerate(cells, 1):
            put(ws, row, col, value, border=True, align=TOP_CENTRE if col == 1 else TOP_LEFT)
        fit_height(ws, row, [(str(v), w) for v, w in zip(cells, widths)])
        zone_rows.setdefault(zone, []).append(row)
    for indices in zone_rows.values():  # each zone spans its functions, as in the sample
        if len(indices) > 1:
            ws.merge_cells(start_row=indices[0], start_column=2, end_row=indices[-1], end_column=2)
        keep.update(indices[:-1])  # a zone's merged cell is not cut by a page break unless it is longer than a page
    table_frame(ws, head, row, n_cols)
    print_setup(ws, landscape=False, header_row=head, last_row=row, last_col=n_cols)
    paginate(ws, landscape=False, widths=widths, last_row=row, title_row=head, keep_with_next=keep)


def render_positions_xlsx(evaluation: Evaluation, catalogue: Catalogue, lang: Lang = "ru") -> bytes:
    """The list of positions and the exemplary functions as XLSX bytes in ``lang`` (same input → same bytes)."""
    evaluation, catalogue, w = in_language(evaluation, catalogue, lang)
    wb = Workbook()
    ws = wb.active
    ws.title = w.positions_sheet
    _positions_sheet(ws, evaluation, catalogue, w)
    _functions_sheet(wb.create_sheet(w.functions_sheet), evaluation, catalogue, w)
    title = next(t.title for t in catalogue.tables if t.code == "table.positions")
    return finish(wb, evaluation, title)


def write_positions_xlsx(evaluation: Evaluation, path: str | Path, catalogue: Catalogue, lang: Lang = "ru") -> Path:
    return write_package(path, render_positions_xlsx(evaluation, catalogue, lang))
