"""The plan of measures and the list of positions as Excel workbooks, ready to print and to filter.

Same rows as the Word documents; Times New Roman 12, wrapped text, frozen header, autofilter, A4 print setup
(fit to width, header row repeated on every page), title rows above the table. Every piece of user text is written
as a typed string cell, so «=SUM(A1:A9)» stays text and never becomes a formula.

The plan shows which values vakr suggested by the methodology: a 7th column names them and the cells they concern
are shaded. Every sheet gets manual page breaks computed from the row heights, so a group row (a unit, an
indicator, a table header) never ends a page apart from the rows it heads (see :func:`paginate`).
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from ..catalogue import Catalogue, load_catalogue
from ..evaluation import Evaluation, relevant_function_types
from .package import AUTHOR, fixed_timestamp, normalise_package, write_package
from .plan import NO_RISKS_ROW, PLAN_TITLE, agreed_rows
from .positions import NO_FUNCTIONS, NO_POSITIONS, NO_TYPES, TYPES_LEAD
from .tables import SUGGESTED_HEADER, columns, function_rows, plan_rows, positions_by_unit, provisional_legend
from .texts import approval_lines, clean, lower_first, metadata_text, sentence, signature, years_phrase

FONT_NAME = "Times New Roman"
SIZE = 12
LINE_PT = 15.75  # row height of one line of 12 pt text
SIGNATURE_DATE = "«___» ____________ 20__ г."
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
GROUP_FILL = PatternFill("solid", fgColor="E7E6E6")
SUGGESTED_FILL = PatternFill("solid", fgColor="FFF2CC")  # pale yellow: a value suggested by vakr, to be checked
TOP_LEFT = Alignment(wrap_text=True, vertical="top", horizontal="left")
CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")
TOP_CENTRE = Alignment(wrap_text=True, vertical="top", horizontal="center")

PLAN_WIDTHS = (8, 46, 36, 16, 22, 15, 20)
SUGGESTED_LEGEND = ("Выделенные значения предложены программой по методике (мера и форма завершения — по индикатору,"
                    " фактору или сфере риска, срок — по уровню риска, ответственный — подразделение) — проверьте и"
                    " при необходимости замените их перед утверждением плана.")
# The plan's column that shows each kind of suggested value (1-based; «section» has no column of its own).
SUGGESTED_COLUMNS = {"act": 2, "measure": 3, "completion_form": 4, "responsible": 5, "due": 6}
POSITIONS_WIDTHS = (6, 26, 32, 32)
FUNCTIONS_WIDTHS = (5, 24, 35, 32)

# Page geometry (print_setup): A4 and the margins, in millimetres; 1 mm = 72 / 25.4 pt.
A4_MM = (210.0, 297.0)
MARGINS_MM = {"left": 30.0, "right": 10.0, "top": 20.0, "bottom": 20.0, "header": 10.0, "footer": 10.0}
MM_PT = 72 / 25.4
# One unit of column width is one maximum digit width of the workbook's default font (Calibri 11: 7 px) and the
# stored width already includes the cell padding, so a column prints about width × 7 px = width × 5.25 pt wide.
WIDTH_PT = 7 * 0.75
DEFAULT_ROW_PT = 15.0  # a row without an explicit height (Excel's default for the default font)
PAGE_SAFETY = 0.95  # fill at most 95 % of a page: the applications' scaling differs a little from the estimate


# --- cells --------------------------------------------------------------------------------------------------


def put(ws: Worksheet, row: int, col: int, value: object, *, bold: bool = False, italic: bool = False,
        size: int = SIZE, align: Alignment = TOP_LEFT, border: bool = False, fill: PatternFill | None = None):
    """Write a cell: text as a typed string (never a formula), numbers as numbers."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        text = clean(value)
        cell.value = text or None
        if text:
            cell.data_type = "s"  # «=…», «+…», «-…», «@…» stay text
    else:
        cell.value = value
    cell.font = Font(name=FONT_NAME, size=size, bold=bold, italic=italic)
    cell.alignment = align
    if border:
        cell.border = BORDER
    if fill is not None:
        cell.fill = fill
    return cell


def merge(ws: Worksheet, row: int, first_col: int, last_col: int, *, border: bool = False,
          fill: PatternFill | None = None) -> None:
    if last_col > first_col:
        ws.merge_cells(start_row=row, start_column=first_col, end_row=row, end_column=last_col)
    if border or fill:
        for col in range(first_col, last_col + 1):
            cell = ws.cell(row=row, column=col)
            if border:
                cell.border = BORDER
            if fill is not None:
                cell.fill = fill


def lines_needed(text: str, width_chars: float, size: int = SIZE) -> int:
    """How many wrapped lines ``text`` takes in a column ``width_chars`` wide (a slightly generous estimate:
    Times New Roman 12 fits about 1.15 characters per unit of column width)."""
    per_line = max(width_chars * 1.15 * SIZE / size - 1, 4)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in (text or "").split("\n"))


def fit_height(ws: Worksheet, row: int, texts: Sequence[tuple[str, float]], size: int = SIZE) -> None:
    """Set a row's height from its longest cell, so wrapped text prints whole (merged cells are not autofitted)."""
    lines = max((lines_needed(t, w, size) for t, w in texts), default=1)
    ws.row_dimensions[row].height = round(lines * LINE_PT * size / SIZE + 2, 2)


def set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width


def print_setup(ws: Worksheet, *, landscape: bool, header_row: int, last_row: int, last_col: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # only the width is scaled; the pages are cut by the manual breaks (paginate)
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(**{side: mm / 25.4 for side, mm in MARGINS_MM.items()})
    ws.print_options.horizontalCentered = False
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_area = f"A1:{get_column_letter(last_col)}{last_row}"
    ws.oddFooter.center.text = "&P"
    ws.oddFooter.center.font = FONT_NAME
    ws.oddFooter.center.size = 10


# --- pagination ---------------------------------------------------------------------------------------------


def printable_size(landscape: bool) -> tuple[float, float]:
    """(width, height) of the printable part of an A4 page inside the margins of print_setup, in points.

    The page header and footer sit inside the top and bottom margins, so they take nothing from the body."""
    short, long = A4_MM
    width, height = (long, short) if landscape else (short, long)
    m = MARGINS_MM
    return (width - m["left"] - m["right"]) * MM_PT, (height - m["top"] - m["bottom"]) * MM_PT


def fit_to_width_scale(widths: Sequence[float], landscape: bool) -> float:
    """The print scale of a sheet printed with fitToWidth=1: printable width / total column width (never > 1)."""
    return min(1.0, printable_size(landscape)[0] / (sum(widths) * WIDTH_PT))


def row_height(ws: Worksheet, row: int) -> float:
    dimension = ws.row_dimensions.get(row)  # .get: indexing would create an empty <row> in the file
    return dimension.height if dimension is not None and dimension.height else DEFAULT_ROW_PT


def page_breaks(rows: Sequence[tuple[int, float, bool]], first_page: float, next_pages: float) -> list[int]:
    """The rows after which a page ends. ``rows`` are (row number, height, keep with the next row) in sheet order;
    a page holds ``first_page`` points on the first page and ``next_pages`` on the others (less the repeated
    header). A row that does not fit starts a new page; if the rows just before it are kept with the next row
    (group rows, headings), they move to the new page with it — unless the page would then be left with nothing
    but such rows (a chain longer than a page is cut where it must be). No break when everything fits on one page.
    """
    breaks: list[int] = []
    start, used, capacity = 0, 0.0, first_page
    i = 0
    while i < len(rows):
        height = rows[i][1]
        if i == start or used + height <= capacity:  # the first row of a page is placed even if taller than it
            used += height
            i += 1
            continue
        end = i  # the page holds rows[start:end]
        while end - 1 > start and rows[end - 1][2]:
            end -= 1
        if rows[end - 1][2]:
            end = i
        breaks.append(rows[end - 1][0])
        start, i, used, capacity = end, end, 0.0, next_pages
    return breaks


def paginate(ws: Worksheet, *, landscape: bool, widths: Sequence[float], last_row: int, title_row: int,
             keep_with_next: set[int]) -> list[int]:
    """Add manual row breaks to a sheet printed from row 1 to ``last_row`` (see :func:`page_breaks`).

    A page holds printable height × PAGE_SAFETY / fit-to-width scale points of rows (the rows' heights are
    the ones written by fit_height, in unscaled points); every page after the first repeats ``title_row``."""
    page = printable_size(landscape)[1] * PAGE_SAFETY / fit_to_width_scale(widths, landscape)
    title = row_height(ws, title_row) if title_row else 0.0
    rows = [(r, row_height(ws, r), r in keep_with_next) for r in range(1, last_row + 1)]
    breaks = page_breaks(rows, page, page - title)
    for row in breaks:
        ws.row_breaks.append(Break(id=row))  # id: the last row of a page; the break falls below it
    return breaks


def header_row(ws: Worksheet, row: int, titles: Sequence[str], widths: Sequence[float]) -> None:
    for col, title in enumerate(titles, 1):
        put(ws, row, col, title, bold=True, align=CENTRE, border=True, fill=HEADER_FILL)
    fit_height(ws, row, list(zip(titles, widths)))


def table_frame(ws: Worksheet, header: int, last: int, n_cols: int) -> None:
    """Frozen header, autofilter over the table."""
    ws.freeze_panes = ws.cell(row=header + 1, column=1)
    ws.auto_filter.ref = f"A{header}:{get_column_letter(n_cols)}{max(last, header)}"


def finish(wb: Workbook, evaluation: Evaluation, title: str) -> bytes:
    stamp = fixed_timestamp(evaluation.profile.vakr_end)
    naive = stamp.replace(tzinfo=None)
    props = wb.properties
    props.creator = AUTHOR
    props.lastModifiedBy = AUTHOR
    props.title = metadata_text(title)
    props.subject = metadata_text(evaluation.profile.name)
    props.language = "ru-RU"
    props.created = props.modified = props.lastPrinted = naive
    buffer = io.BytesIO()
    wb.save(buffer)
    return normalise_package(buffer.getvalue(), stamp)


# --- the plan -----------------------------------------------------------------------------------------------


def render_plan_xlsx(evaluation: Evaluation, catalogue: Catalogue | None = None) -> bytes:
    catalogue = catalogue or load_catalogue()
    p = evaluation.profile
    wb = Workbook()
    ws = wb.active
    ws.title = "План мероприятий"
    widths = PLAN_WIDTHS
    set_widths(ws, widths)
    n_cols = len(widths)
    block = sum(widths[3:])

    approval = [("УТВЕРЖДАЮ", True), *((line, False) for line in approval_lines(p)),
                (f"____________ {signature(p.head, p)}", False), (SIGNATURE_DATE, False)]
    for i, (text, bold) in enumerate(approval, 1):
        put(ws, i, 4, text, bold=bold, size=14)
        merge(ws, i, 4, n_cols)
        fit_height(ws, i, [(text, block)], size=14)
    row = len(approval) + 2
    put(ws, row, 1, "П Л А Н", bold=True, size=14, align=TOP_CENTRE)
    merge(ws, row, 1, n_cols)
    fit_height(ws, row, [("П Л А Н", sum(widths))], size=14)
    row += 1
    subtitle = (f"по устранению причин и условий, способствующих совершению коррупционных правонарушений, "
                f"выявленных по результатам проведения внутреннего анализа коррупционных рисков в деятельности "
                f"{clean(p.name)} за {years_phrase(p)}")
    put(ws, row, 1, subtitle, bold=True, size=14, align=TOP_CENTRE)
    merge(ws, row, 1, n_cols)
    fit_height(ws, row, [(subtitle, sum(widths))], size=14)
    row += 2

    head = row
    # The approval block stays with the title; the header stays with the first rows of the table. If they do not
    # all fit on the first page, the table starts the second one.
    keep = set(range(1, head - 1)) | {head}
    header_row(ws, head, [*columns(catalogue, "table.plan"), SUGGESTED_HEADER], widths)
    rows = plan_rows(evaluation)
    if not rows:
        row += 1
        put(ws, row, 1, "", border=True)
        put(ws, row, 2, NO_RISKS_ROW, border=True)
        merge(ws, row, 2, n_cols, border=True)
        fit_height(ws, row, [(NO_RISKS_ROW, sum(widths[1:]))])
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
        put(ws, row, 2, SUGGESTED_LEGEND, italic=True, fill=SUGGESTED_FILL)  # under the table's text, as below
        merge(ws, row, 2, n_cols, fill=SUGGESTED_FILL)
        fit_height(ws, row, [(SUGGESTED_LEGEND, sum(widths[1:]))])
    if note := provisional_legend(evaluation):
        row += 1
        put(ws, row, 2, note, italic=True)
        merge(ws, row, 2, n_cols)
        fit_height(ws, row, [(note, sum(widths[1:]))])

    row += 2
    put(ws, row, 2, "СОГЛАСОВАНО:", bold=True, size=14)
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
    return finish(wb, evaluation, PLAN_TITLE)


def write_plan_xlsx(evaluation: Evaluation, path: str | Path, catalogue: Catalogue | None = None) -> Path:
    return write_package(path, render_plan_xlsx(evaluation, catalogue))


# --- the list of positions ----------------------------------------------------------------------------------


def _positions_sheet(ws: Worksheet, evaluation: Evaluation, catalogue: Catalogue) -> None:
    p = evaluation.profile
    widths = POSITIONS_WIDTHS
    n_cols = len(widths)
    set_widths(ws, widths)
    title = next(t for t in catalogue.tables if t.code == "table.positions")
    put(ws, 1, 1, title.title, bold=True, size=14, align=TOP_CENTRE)
    merge(ws, 1, 1, n_cols)
    fit_height(ws, 1, [(title.title, sum(widths))], size=14)
    object_line = f"{title.header_field}: {clean(p.name)}"
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
        put(ws, head, 1, NO_POSITIONS, size=14)
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
    signer = f"Уполномоченное лицо\n{clean(p.authorised_person.position)}"
    signature_line = f"____________ {signature(p.authorised_person, p)}"
    put(ws, row, 1, signer, size=14)
    merge(ws, row, 1, 3)
    put(ws, row, 4, signature_line, size=14, align=Alignment(wrap_text=True, vertical="bottom", horizontal="left"))
    fit_height(ws, row, [(signer, sum(widths[:3])), (signature_line, widths[3])], size=14)
    row += 2
    put(ws, row, 1, SIGNATURE_DATE, size=14)
    merge(ws, row, 1, 3)
    print_setup(ws, landscape=False, header_row=head if groups else 0, last_row=row, last_col=n_cols)
    # The signature is printed whole, on one page with the last row of the table.
    paginate(ws, landscape=False, widths=widths, last_row=row, title_row=head if groups else 0,
             keep_with_next=keep | set(range(last_table_row, row)))


def _functions_sheet(ws: Worksheet, evaluation: Evaluation, catalogue: Catalogue) -> None:
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
        paragraph(NO_TYPES)
        print_setup(ws, landscape=False, header_row=0, last_row=row, last_col=n_cols)
        return
    keep = {row}  # the lead stays with the first type
    paragraph(TYPES_LEAD)
    for i, t in enumerate(types):
        end = "." if i == len(types) - 1 else ";"
        paragraph(f"{lower_first(t.title)} – {lower_first(sentence(t.definition)).rstrip('.')}{end}")
    rows = function_rows(evaluation, catalogue)
    if not rows:
        paragraph(NO_FUNCTIONS)
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


def render_positions_xlsx(evaluation: Evaluation, catalogue: Catalogue | None = None) -> bytes:
    catalogue = catalogue or load_catalogue()
    wb = Workbook()
    ws = wb.active
    ws.title = "Перечень должностей"
    _positions_sheet(ws, evaluation, catalogue)
    _functions_sheet(wb.create_sheet("Коррупциогенные функции"), evaluation, catalogue)
    title = next(t.title for t in catalogue.tables if t.code == "table.positions")
    return finish(wb, evaluation, title)


def write_positions_xlsx(evaluation: Evaluation, path: str | Path, catalogue: Catalogue | None = None) -> Path:
    return write_package(path, render_positions_xlsx(evaluation, catalogue))
