"""The openpyxl helpers of every workbook vakr writes: the documents (plan, list of positions) and the input
workbooks (the organisation workbook, the indicator-list template).

* Cells hold typed values: text stays text even when it starts with «=» (never a formula), dates are shown
  ДД.ММ.ГГГГ (:func:`write`).
* A row's height follows one rule, :func:`lines_needed`: the lines its text takes at its column's width, for a
  font described by :class:`TextFit` (Excel does not re-measure the rows of a generated file, and never autofits
  merged cells).
* Pages are A4, as wide as the sheet (:func:`fit_width`); the documents are cut into pages by manual breaks that
  keep group rows and headings with the rows they head (:func:`paginate`).

What each workbook looks like (fonts, fills, widths, the row map) stays with the workbook: the documents' look in
:mod:`vakr.documents.xlsx_common`, the input workbooks' in :mod:`vakr.organisation.excel.layout`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from vakr.errors import DocumentError

MAX_CELL_TEXT = 32767  # the most characters an Excel cell holds
MAX_ROW_PT = 409  # the tallest row Excel shows
EXCEL_DATE_FORMAT = "DD.MM.YYYY"

# Page geometry: A4 and the margins of the printed documents, in millimetres; 1 mm = 72 / 25.4 pt.
A4_MM = (210.0, 297.0)
MARGINS_MM = {"left": 30.0, "right": 10.0, "top": 20.0, "bottom": 20.0, "header": 10.0, "footer": 10.0}
MM_PT = 72 / 25.4
# One unit of column width is one maximum digit width of the workbook's default font (Calibri 11: 7 px) and the
# stored width already includes the cell padding, so a column prints about width × 7 px = width × 5.25 pt wide.
WIDTH_PT = 7 * 0.75
DEFAULT_ROW_PT = 15.0  # a row without an explicit height (Excel's default for the default font)
PAGE_SAFETY = 0.95  # fill at most 95 % of a page: the applications' scaling differs a little from the estimate


# --- cells --------------------------------------------------------------------------------------------------


def write(cell: Cell, value: object) -> Cell:
    """Write a value: text as a typed string (never a formula; characters a workbook cannot hold dropped), numbers
    as numbers, dates shown ДД.ММ.ГГГГ. Text longer than an Excel cell holds is refused."""
    if isinstance(value, str):
        text: str = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(text) > MAX_CELL_TEXT:
            raise DocumentError(
                f"Лист «{cell.parent.title}», ячейка {cell.coordinate}: текст длиннее {MAX_CELL_TEXT} символов"
                " (предел ячейки Excel)"
            )
        cell.value = text
        cell.data_type = "s"  # «=…», «+…», «-…», «@…» stay text
    else:
        cell.value = value
        if isinstance(value, dt.date):
            cell.number_format = EXCEL_DATE_FORMAT
    return cell


def box(color: str) -> Border:
    """A thin frame around a cell."""
    side = Side(style="thin", color=color)
    return Border(left=side, right=side, top=side, bottom=side)


def merge(ws: Worksheet, row: int, first_col: int, last_col: int, *, border: Border | None = None,
          fill: PatternFill | None = None) -> None:
    """Merge the cells of a row from ``first_col`` to ``last_col``; a frame and fill go on every merged cell (a
    merged range prints the borders of its own cells)."""
    if last_col > first_col:
        ws.merge_cells(start_row=row, start_column=first_col, end_row=row, end_column=last_col)
    if border or fill:
        for col in range(first_col, last_col + 1):
            cell = ws.cell(row=row, column=col)
            if border:
                cell.border = border
            if fill is not None:
                cell.fill = fill


def header_row(ws: Worksheet, row: int, titles: Sequence[object], *, font: Font, alignment: Alignment,
               border: Border, fill: PatternFill, protection: Protection | None = None) -> None:
    """A table's header: one styled title per column from column A (the height is set by the caller)."""
    for col, title in enumerate(titles, 1):
        cell = write(ws.cell(row=row, column=col), title)
        cell.font = font
        cell.alignment = alignment
        cell.border = border
        cell.fill = fill
        if protection is not None:
            cell.protection = protection


def set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    """Column widths from column A, in units of the default font's digit width."""
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width


def table_frame(ws: Worksheet, header: int, last: int, n_cols: int, freeze_cols: int = 0) -> None:
    """Frozen header (and ``freeze_cols`` columns), autofilter over the table."""
    ws.freeze_panes = ws.cell(row=header + 1, column=freeze_cols + 1)
    ws.auto_filter.ref = f"A{header}:{get_column_letter(n_cols)}{max(last, header)}"


# --- row heights ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextFit:
    """How much wrapped text of one font a column holds and how tall its lines are.

    A line of a column ``width`` units wide holds ``width × chars_per_unit − 1`` characters (at least
    ``min_chars``): a slightly generous estimate, so the text prints whole. A row is ``lines × line_pt + 2``
    points tall, at most :data:`MAX_ROW_PT`. Text of another ``size`` than the font's scales both. With
    ``one_line_default`` a row of one line keeps the sheet's default height (no height is written)."""

    chars_per_unit: float
    line_pt: float
    size: float
    min_chars: float = 1
    one_line_default: bool = False


def lines_needed(text: str, width: float, fit: TextFit, size: float | None = None) -> int:
    """How many wrapped lines ``text`` takes in a column ``width`` units wide (each line break starts a line)."""
    chars = width * fit.chars_per_unit
    if size is not None:
        chars = chars * fit.size / size
    per_line = max(chars - 1, fit.min_chars)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in (text or "").split("\n"))


def fit_height(ws: Worksheet, row: int, texts: Iterable[tuple[str, float]], fit: TextFit,
               size: float | None = None) -> None:
    """Set a row's height from the cell that needs most lines; ``texts`` are (text, column width) pairs."""
    lines = max((lines_needed(t, w, fit, size) for t, w in texts), default=1)
    if lines == 1 and fit.one_line_default:
        return
    height = lines * fit.line_pt if size is None else lines * fit.line_pt * size / fit.size
    ws.row_dimensions[row].height = min(round(height + 2, 2), MAX_ROW_PT)


def row_texts(ws: Worksheet, row: int, shown_text: dict[str, str] | None = None) -> list[tuple[str, float]]:
    """The text of each cell of a row with its column's width (10 when unset); formulas are skipped, unless
    ``shown_text`` gives the text one will show (column letter → text)."""
    texts = {c.column_letter: c.value for c in ws[row] if isinstance(c.value, str) and c.data_type != "f"}
    texts.update(shown_text or {})
    return [(text, ws.column_dimensions[letter].width or 10) for letter, text in texts.items()]


# --- workbook -------------------------------------------------------------------------------------------------


def add_name(wb: Workbook, name: str, sheet: str, ref: str) -> None:
    """A defined name for a range of a sheet (``$A$2:$A$9``)."""
    wb.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(sheet)}!{ref}")


def list_validation(ws: Worksheet, source: str, cells: str, title: str, error: str,
                    prompt: str | None = None) -> DataValidation:
    """A dropdown on ``cells`` from the list ``source``; other values are refused with ``error``."""
    dv = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True,
                        errorTitle=title, error=error, errorStyle="stop")
    if prompt:
        dv.showInputMessage = True
        dv.promptTitle = title
        dv.prompt = prompt
    dv.add(cells)
    ws.add_data_validation(dv)
    return dv


def date_validation(ws: Worksheet, cells: str, title: str, error: str) -> DataValidation:
    """Dates from 2000 to 2100 only on ``cells``."""
    dv = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)", formula2="DATE(2100,12,31)",
                        allow_blank=True, showErrorMessage=True, errorTitle=title, error=error)
    dv.add(cells)
    ws.add_data_validation(dv)
    return dv


def count_validation(ws: Worksheet, cells: str, title: str, error: str) -> DataValidation:
    """Whole numbers not below 0 only on ``cells``."""
    dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                        showErrorMessage=True, errorTitle=title, error=error)
    dv.add(cells)
    ws.add_data_validation(dv)
    return dv


def protect(ws: Worksheet, *, insert_rows: bool = False) -> None:
    """Protect the sheet without a password: locked cells (headers, fixed text) kept from accidental edits, the
    unlocked ones typed freely; ``insert_rows`` lets rows be inserted and deleted. Printed as wide as the page."""
    p = ws.protection
    p.sheet = True
    p.formatColumns = False
    p.formatRows = False
    p.formatCells = False
    p.autoFilter = False
    p.sort = True
    p.insertRows = not insert_rows
    p.deleteRows = not insert_rows
    fit_width(ws)


# --- pages ------------------------------------------------------------------------------------------------------


def fit_width(ws: Worksheet) -> None:
    """Print on A4, as wide as the page and as many pages down as needed."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def printable_size(landscape: bool) -> tuple[float, float]:
    """(width, height) of the printable part of an A4 page inside :data:`MARGINS_MM`, in points.

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
