"""The Excel documents' look (Times New Roman 12, black frames, shaded header and groups), page setup and packaging.

The cells, row heights, pages and breaks are written by :mod:`vakr.spreadsheet`; the functions here bind its
helpers to the documents' look.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from vakr import spreadsheet
from vakr.documents.package import AUTHOR, fixed_timestamp, normalise_package
from vakr.documents.texts import clean, metadata_text
from vakr.evaluation.evaluate import Evaluation
from vakr.spreadsheet import MARGINS_MM, TextFit

FONT_NAME = "Times New Roman"
SIZE = 12
LINE_PT = 15.75  # row height of one line of 12 pt text
# Times New Roman 12 fits about 1.15 characters per unit of column width (a slightly generous estimate).
TEXT = TextFit(chars_per_unit=1.15, line_pt=LINE_PT, size=SIZE, min_chars=4)
SIGNATURE_DATE = "«___» ____________ 20__ г."
BORDER = spreadsheet.box("000000")
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
GROUP_FILL = PatternFill("solid", fgColor="E7E6E6")
SUGGESTED_FILL = PatternFill("solid", fgColor="FFF2CC")  # pale yellow: a value suggested by vakr, to be checked
TOP_LEFT = Alignment(wrap_text=True, vertical="top", horizontal="left")
CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")
TOP_CENTRE = Alignment(wrap_text=True, vertical="top", horizontal="center")

PLAN_WIDTHS = (8, 46, 36, 16, 22, 15, 20)
# The plan's column that shows each kind of suggested value (1-based; «section» has no column of its own).
SUGGESTED_COLUMNS = {"act": 2, "measure": 3, "completion_form": 4, "responsible": 5, "due": 6}
POSITIONS_WIDTHS = (6, 26, 32, 32)
FUNCTIONS_WIDTHS = (5, 24, 35, 32)


def _font(size: int = SIZE, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic)


# --- cells --------------------------------------------------------------------------------------------------


def put(ws: Worksheet, row: int, col: int, value: object, *, bold: bool = False, italic: bool = False,
        size: int = SIZE, align: Alignment = TOP_LEFT, border: bool = False, fill: PatternFill | None = None) -> Cell:
    """Write a cell in the documents' font: user text cleaned (an empty text leaves the cell empty)."""
    cell = spreadsheet.write(ws.cell(row=row, column=col), (clean(value) or None) if isinstance(value, str) else value)
    cell.font = _font(size, bold, italic)
    cell.alignment = align
    if border:
        cell.border = BORDER
    if fill is not None:
        cell.fill = fill
    return cell


def merge(ws: Worksheet, row: int, first_col: int, last_col: int, *, border: bool = False,
          fill: PatternFill | None = None) -> None:
    spreadsheet.merge(ws, row, first_col, last_col, border=BORDER if border else None, fill=fill)


def fit_height(ws: Worksheet, row: int, texts: Sequence[tuple[str, float]], size: int = SIZE) -> None:
    """Set a row's height from its longest cell, so wrapped text prints whole (merged cells are not autofitted)."""
    spreadsheet.fit_height(ws, row, texts, TEXT, size)


def header_row(ws: Worksheet, row: int, titles: Sequence[str], widths: Sequence[float]) -> None:
    spreadsheet.header_row(ws, row, [clean(t) or None for t in titles], font=_font(bold=True), alignment=CENTRE,
                           border=BORDER, fill=HEADER_FILL)
    fit_height(ws, row, list(zip(titles, widths)))


# --- page setup ---------------------------------------------------------------------------------------------


def print_setup(ws: Worksheet, *, landscape: bool, header_row: int, last_row: int, last_col: int) -> None:
    """A4 fitted to the width (the pages are cut by the manual breaks of paginate), the documents' margins, the
    header row repeated on every page, the page number in the footer."""
    spreadsheet.fit_width(ws)
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_margins = PageMargins(**{side: mm / 25.4 for side, mm in MARGINS_MM.items()})
    ws.print_options.horizontalCentered = False
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_area = f"A1:{get_column_letter(last_col)}{last_row}"
    ws.oddFooter.center.text = "&P"
    ws.oddFooter.center.font = FONT_NAME
    ws.oddFooter.center.size = 10


def finish(wb: Workbook, evaluation: Evaluation, title: str) -> bytes:
    return finish_workbook(wb, title, evaluation.profile.name, evaluation.profile.vakr_end)


def finish_workbook(wb: Workbook, title: str, subject: str, day: dt.date) -> bytes:
    """The workbook as deterministic bytes: fixed properties, created on ``day`` (midnight UTC)."""
    stamp = fixed_timestamp(day)
    naive = stamp.replace(tzinfo=None)
    props = wb.properties
    props.creator = AUTHOR
    props.lastModifiedBy = AUTHOR
    props.title = metadata_text(title)
    props.subject = metadata_text(subject)
    props.language = "ru-RU"
    props.created = props.modified = props.lastPrinted = naive
    buffer = io.BytesIO()
    wb.save(buffer)
    return normalise_package(buffer.getvalue(), stamp)
