"""Cells, page setup and pagination shared by the Excel documents."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from vakr.documents.package import AUTHOR, fixed_timestamp, normalise_package
from vakr.documents.texts import clean, metadata_text
from vakr.evaluation.evaluate import Evaluation

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
