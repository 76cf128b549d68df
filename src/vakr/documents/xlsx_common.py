"""The Excel documents' look (Times New Roman 12, black frames, shaded header and groups), page setup and packaging.

Two writers share the look. The plan and the list of positions, written for every organisation of a run, are written
by XlsxWriter (:class:`DocumentBook`, :class:`DocumentSheet`: a few milliseconds a workbook); the documents of the
year and the tables of ``vakr scan`` by openpyxl, through the helpers of :mod:`vakr.spreadsheet` bound here to the
documents' look (:func:`put`, :func:`merge`, :func:`print_setup` …). Both follow the same rules: typed cells, the row
height of :func:`vakr.spreadsheet.lines_needed`, A4 fitted to the width, pages cut by
:func:`vakr.spreadsheet.page_breaks`, fixed properties and ZIP layout (:mod:`vakr.documents.package`).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
from collections.abc import Iterable, Sequence
from typing import Any

import xlsxwriter
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet
from xlsxwriter.color import Color
from xlsxwriter.core import Core as XlsxCore
from xlsxwriter.format import Format
from xlsxwriter.packager import Packager as XlsxPackager
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet as XlsxWorksheet

from vakr import spreadsheet
from vakr.documents.package import AUTHOR, fixed_timestamp, normalise_package, package_bytes
from vakr.documents.texts import clean, metadata_text
from vakr.errors import DocumentError
from vakr.spreadsheet import MARGINS_MM, TextFit

FONT_NAME = "Times New Roman"
SIZE = 12
LINE_PT = 15.75  # row height of one line of 12 pt text
# Times New Roman 12 fits about 1.15 characters per unit of column width (a slightly generous estimate).
TEXT = TextFit(chars_per_unit=1.15, line_pt=LINE_PT, size=SIZE, min_chars=4)
SIGNATURE_DATE = "«___» ____________ 20__ г."
BLACK = "000000"
HEADER_RGB, GROUP_RGB = "D9D9D9", "E7E6E6"  # grey: a table header, a unit's row
SUGGESTED_RGB = "FFF2CC"  # pale yellow: a value suggested by vakr, to be checked
BORDER = spreadsheet.box(BLACK)
HEADER_FILL = PatternFill("solid", fgColor=HEADER_RGB)
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


# --- the plan and the list of positions: written with XlsxWriter ------------------------------------------------
#
# openpyxl keeps every cell as an object with style objects of its own, which made these two workbooks cost ~65 ms a
# language; XlsxWriter writes a workbook once, from plain values and a handful of formats. The workbooks read as the
# openpyxl ones did: the same cells, formats (merged cells included), merges, widths, heights, print setup and
# properties (tests/test_xlsx_writer.py). A few adaptations of XlsxWriter keep them so (tested with XlsxWriter 3.3):
# colours written «00RRGGBB» as openpyxl wrote them (:class:`_Rgb`), strings kept in their cells as before
# (:class:`_Worksheet`), the language among the core properties (:class:`_Core`), fitToWidth="1" written (see
# :meth:`DocumentSheet.print_setup`), and the parts zipped by :func:`vakr.documents.package.package_bytes` in vakr's
# fixed layout rather than by XlsxWriter (:class:`_Packager`).

# Alignments of the XlsxWriter documents: (horizontal, vertical), always with wrapped text.
Align = tuple[str, str]
LEFT_TOP: Align = ("left", "top")
CENTRE_TOP: Align = ("center", "top")
CENTRE_MIDDLE: Align = ("center", "vcenter")
LEFT_BOTTOM: Align = ("left", "bottom")
# A column's width in pixels (XlsxWriter) for a width in units: one unit is one digit of Calibri 11, 7 px; the
# width is written back as exactly the units (XlsxWriter's set_column adds the cell padding on top).
DIGIT_PX = 7
PAGE_NUMBER_FOOTER = f'&C&"{FONT_NAME}"&10 &P'  # the page number, centred, Times New Roman 10


class _Rgb(Color):
    """An RGB colour written «00RRGGBB», as openpyxl writes it (XlsxWriter writes «FFRRGGBB»; the alpha byte is
    ignored by Excel and LibreOffice, and the documents have always been read with it)."""

    def _attributes(self) -> list[tuple[str, str]]:
        return [("rgb", f"00{self._rgb_hex_value()}")]


class _KeepStrings:
    """Stands in for XlsxWriter's shared string table: a string is kept as it is, to be written in its cell."""

    count = 0

    @staticmethod
    def _get_shared_string_index(string: str) -> str:
        return string


class _Worksheet(XlsxWorksheet):
    """A worksheet whose strings are written in their cells (``t="inlineStr"``), as openpyxl wrote them."""

    def _initialize(self, init_data: dict[str, Any]) -> None:
        super()._initialize(init_data)
        self.str_table = _KeepStrings()

    def _xml_string_element(self, string: str, attributes: list[tuple[str, Any]] | None = None) -> None:
        self._xml_inline_string(string, string[:1].isspace() or string[-1:].isspace(), attributes or [])


class _Core(XlsxCore):
    """XlsxWriter's core properties and the document's language (``dc:language``), as openpyxl wrote it."""

    def _write_dc_subject(self) -> None:
        super()._write_dc_subject()
        if language := self.properties.get("language"):
            self._xml_data_element("dc:language", language)


class _Packager(XlsxPackager):
    """Writes the core properties with the language, and hands the parts to :mod:`vakr.documents.package` to be
    zipped (in vakr's fixed layout, the unchanging parts compressed once) instead of zipping them itself."""

    def _create_package(self) -> list[tuple[Any, str, bool]]:
        self.workbook.parts = {name: data.getvalue() if binary else data.getvalue().encode("utf-8")
                               for data, name, binary in super()._create_package()}
        return []

    def _write_core_file(self) -> None:
        core = _Core()
        core._set_properties(self.workbook.doc_properties)
        core._set_xml_writer(self._filename("docProps/core.xml"))
        core._assemble_xml_file()


class _Workbook(xlsxwriter.Workbook):
    worksheet_class = _Worksheet
    parts: dict[str, bytes]  # the package's parts, by name, once closed

    def _get_packager(self) -> XlsxPackager:
        return _Packager()


@functools.lru_cache(maxsize=1024)
def _row_pixels(height: float) -> float:
    """The pixel height XlsxWriter is given for a row ``height`` points tall, such that it writes back exactly
    ``height`` (it writes pixels × 0.75 with 16 significant digits): height / 0.75, or the nearest float that
    rounds back."""
    below = above = height / 0.75
    for _ in range(16):
        for pixels in (below, above):
            if float(f"{pixels * 0.75:.16g}") == height:
                return pixels
        below, above = math.nextafter(below, -math.inf), math.nextafter(above, math.inf)
    return height / 0.75


def row_height(texts: Iterable[tuple[str, float]], size: int = SIZE) -> float:
    """The height of a row whose longest cell must print whole (``texts``: text, column width), as fit_height."""
    lines = max((spreadsheet.lines_needed(t, w, TEXT, size) for t, w in texts), default=1)
    return min(round(lines * TEXT.line_pt * size / TEXT.size + 2, 2), spreadsheet.MAX_ROW_PT)


class DocumentBook:
    """A document workbook written by XlsxWriter: its formats (one per look) and its deterministic bytes."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self.workbook = _Workbook(self._buffer, {"in_memory": True, "strings_to_numbers": False,
                                                 "strings_to_formulas": False, "strings_to_urls": False})
        self._formats: dict[tuple[object, ...], Format] = {}

    def sheet(self, title: str, widths: Sequence[float]) -> DocumentSheet:
        return DocumentSheet(self, title, widths)

    def look(self, size: int = SIZE, bold: bool = False, italic: bool = False, align: Align = LEFT_TOP,
             border: bool = False, fill: str | None = None, number_format: str | None = None) -> Format:
        """The format of a document cell: Times New Roman of ``size``, wrapped text, a black frame, a fill."""
        key = (size, bold, italic, align, border, fill, number_format)
        look = self._formats.get(key)
        if look is None:
            props: dict[str, object] = {"font_name": FONT_NAME, "font_size": size, "font_family": 0,
                                        "font_color": "automatic", "text_wrap": True, "align": align[0],
                                        "valign": align[1], "bold": bold, "italic": italic}
            if number_format:
                props["num_format"] = number_format
            look = self._formats[key] = self._add(props, box=border, fill=fill)
        return look

    def frame(self, *, sides: tuple[str, ...] = ("left", "right", "top", "bottom"),
              fill: str | None = None) -> Format:
        """The format of a merged cell beside the first one: its frame and fill only, in the default font."""
        key = ("frame", sides, fill)
        look = self._formats.get(key)
        if look is None:
            props: dict[str, object] = {}
            for side in sides:
                props[side] = 1
                props[f"{side}_color"] = _Rgb(BLACK)
            look = self._formats[key] = self._add(props, box=False, fill=fill)
        return look

    def _add(self, props: dict[str, object], *, box: bool, fill: str | None) -> Format:
        if box:
            props.update(border=1, border_color=_Rgb(BLACK))
        if fill:
            # A solid fill in the foreground colour and no background colour, as openpyxl's PatternFill: for a
            # solid pattern XlsxWriter swaps the two, and an automatic colour is not written.
            props.update(pattern=1, bg_color=_Rgb(fill), fg_color="automatic")
        return self.workbook.add_format(props)

    def finish(self, title: str, subject: str, day: dt.date) -> bytes:
        """The workbook as deterministic bytes: fixed properties, created on ``day`` (midnight UTC)."""
        stamp = fixed_timestamp(day)
        self.workbook.set_properties({"title": metadata_text(title), "subject": metadata_text(subject),
                                      "author": AUTHOR, "created": stamp.replace(tzinfo=None),
                                      "language": "ru-RU"})  # as the openpyxl workbooks had it, in both languages
        self.workbook.close()
        return package_bytes(self.workbook.parts, stamp)


class DocumentSheet:
    """A worksheet of a document workbook, addressed like openpyxl (rows and columns from 1); it remembers the row
    heights it set, to cut the sheet into pages."""

    def __init__(self, book: DocumentBook, title: str, widths: Sequence[float]) -> None:
        self.book = book
        self.title = title
        self.ws = book.workbook.add_worksheet(title)
        self.widths = tuple(widths)
        self.heights: dict[int, float] = {}
        for i, width in enumerate(self.widths):
            self.ws.set_column_pixels(i, i, width * DIGIT_PX)

    def put(self, row: int, col: int, value: object, *, bold: bool = False, italic: bool = False,
            size: int = SIZE, align: Align = LEFT_TOP, border: bool = False, fill: str | None = None,
            merge_to: int = 0) -> None:
        """Write a cell in the documents' font (user text cleaned; an empty text leaves the cell empty but
        formatted); with ``merge_to`` the cells of the row up to that column are merged, each framed and filled."""
        r, c = row - 1, col - 1
        if merge_to > col:
            frame = self.book.frame(fill=fill) if border else self.book.frame(sides=(), fill=fill) if fill else None
            self.ws.merge_range(r, c, r, merge_to - 1, None, frame)  # the merge and its framed cells
        if isinstance(value, str):
            value = clean(value) or None
        look = self.book.look(size, bold, italic, align, border, fill,
                              spreadsheet.EXCEL_DATE_FORMAT if isinstance(value, dt.date) else None)
        self.write(r, c, value, look)

    def write(self, r: int, c: int, value: object, look: Format) -> None:
        """A typed value at 0-based (r, c): text as text (never a formula; characters a workbook cannot hold
        dropped, longer than a cell holds refused), numbers as numbers, dates as dates."""
        ws = self.ws
        if value is None:
            ws.write_blank(r, c, None, look)
        elif isinstance(value, str):
            text = ILLEGAL_CHARACTERS_RE.sub("", value)
            if len(text) > spreadsheet.MAX_CELL_TEXT or ws.write_string(r, c, text, look) == -2:
                raise DocumentError(f"Лист «{self.title}», ячейка {xl_rowcol_to_cell(r, c)}: текст длиннее "
                                    f"{spreadsheet.MAX_CELL_TEXT} символов (предел ячейки Excel)")
        elif isinstance(value, dt.date):
            ws.write_datetime(r, c, value, look)
        elif isinstance(value, bool):
            ws.write_boolean(r, c, value, look)
        elif isinstance(value, int | float):
            ws.write_number(r, c, value, look)
        else:
            raise TypeError(f"не значение ячейки: {value!r}")

    def frame_cell(self, row: int, col: int, sides: tuple[str, ...]) -> None:
        """An empty cell with a frame on ``sides`` only (a cell inside a merged column)."""
        self.ws.write_blank(row - 1, col - 1, None, self.book.frame(sides=sides))

    def merge_down(self, first_row: int, last_row: int, col: int) -> None:
        """Merge a column's cells from ``first_row`` to ``last_row``: the first keeps its text and frame, the others
        are framed on the sides (and the last at the bottom), as a cell spanning rows."""
        self.ws.merge_range(first_row - 1, col - 1, last_row - 1, col - 1, None, None)  # the merge only
        for row in range(first_row + 1, last_row + 1):
            self.frame_cell(row, col, ("left", "right", "bottom") if row == last_row else ("left", "right"))

    def set_height(self, row: int, height: float) -> None:
        self.heights[row] = height
        self.ws.set_row_pixels(row - 1, _row_pixels(height))

    def fit_height(self, row: int, texts: Sequence[tuple[str, float]], size: int = SIZE) -> None:
        """Set a row's height from its longest cell, so wrapped text prints whole (merged cells are not
        autofitted)."""
        self.set_height(row, row_height(texts, size))

    def header_row(self, row: int, titles: Sequence[str]) -> None:
        """A table's header: bold centred titles, framed and shaded, one per column from column A."""
        look = self.book.look(bold=True, align=CENTRE_MIDDLE, border=True, fill=HEADER_RGB)
        for c, title in enumerate(titles):
            self.write(row - 1, c, clean(title) or None, look)
        self.fit_height(row, list(zip(titles, self.widths)))

    def table_frame(self, header: int, last: int, n_cols: int) -> None:
        """Frozen header, autofilter over the table."""
        self.ws.freeze_panes(header, 0)
        self.ws.autofilter(header - 1, 0, max(last, header) - 1, n_cols - 1)

    def print_setup(self, *, landscape: bool, header_row: int, last_row: int, last_col: int) -> None:
        """A4 fitted to the width (the pages are cut by the manual breaks of paginate), the documents' margins, the
        header row repeated on every page, the page number in the footer."""
        ws = self.ws
        ws.set_paper(9)  # A4
        # As wide as one page, as many pages down as needed. The width is given as the text «1»: XlsxWriter leaves
        # out fitToWidth="1" (the format's default), which openpyxl, and so vakr monitor, then read as «not set».
        ws.fit_to_pages("1", 0)
        if landscape:
            ws.set_landscape()
        else:
            ws.set_portrait()
        inches = {side: mm / 25.4 for side, mm in MARGINS_MM.items()}
        ws.set_margins(left=inches["left"], right=inches["right"], top=inches["top"], bottom=inches["bottom"])
        ws.set_header("", margin=inches["header"])
        ws.set_footer(PAGE_NUMBER_FOOTER, margin=inches["footer"])
        if header_row:
            ws.repeat_rows(header_row - 1)
        ws.print_area(0, 0, last_row - 1, last_col - 1)

    def paginate(self, *, landscape: bool, last_row: int, title_row: int, keep_with_next: set[int]) -> list[int]:
        """Manual row breaks for the sheet printed from row 1 to ``last_row`` (:func:`vakr.spreadsheet.paginate`,
        from the heights this sheet set)."""
        page = (spreadsheet.printable_size(landscape)[1] * spreadsheet.PAGE_SAFETY
                / spreadsheet.fit_to_width_scale(self.widths, landscape))
        default = spreadsheet.DEFAULT_ROW_PT
        title = self.heights.get(title_row, default) if title_row else 0.0
        rows = [(r, self.heights.get(r, default), r in keep_with_next) for r in range(1, last_row + 1)]
        breaks = spreadsheet.page_breaks(rows, page, page - title)
        if breaks:
            self.ws.set_h_pagebreaks(breaks)
        return breaks
