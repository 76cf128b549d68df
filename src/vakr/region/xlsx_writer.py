"""Plain tables to an XLSX workbook, fast and byte-deterministic: XlsxWriter, then
:func:`vakr.documents.package.normalise_package` (fixed dates, fixed ZIP layout).

A :class:`Sheet` is a header row with autofilter and a frozen header (optionally a few lines of note above it, for a
sheet that documents rather than lists), column widths and kinds, and rows of plain values; a cell may carry a fill
colour (:class:`Colored`), as the matrices' cells do with their level's colour. Text is always written as text,
never as a formula.

A sheet of very many rows (the картограмма's: one per risk, 150 000 for 10 000 organisations) is marked ``bulk``:
XlsxWriter writes the sheet with its header, widths, filter and frozen header and rows of empty cells in each
column's style — one plain, one per colour of the sheet's ``palette``; the rows themselves are then written
straight into the sheet's XML (inline strings, the column's style for their colour) in place of those rows —
several times faster than a call per cell.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from vakr.documents.package import AUTHOR, ZIP_DATE_TIME, fixed_timestamp, normalise_package
from vakr.errors import DocumentError

ColumnKind = Literal["text", "int", "date", "percent", "number"]
MAX_CELL_TEXT = 32767  # Excel's limit of characters in a cell
HEADER_COLOR = "#D9E2F3"
EXCEL_MAX_ROWS = 1_048_576
BULK_LEVEL = 1  # the zlib level of a bulk sheet
EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's date serial numbers (1900 system, after the leap-year bug)


@dataclass(frozen=True)
class Colored:
    """A cell's value with its fill colour (``#RRGGBB``); the font turns white on a dark fill."""

    value: Any
    color: str


@dataclass
class Sheet:
    name: str
    columns: Sequence[tuple[str, float, ColumnKind]]  # (title, width, kind)
    rows: Iterable[Sequence[Any]]
    note: Sequence[str] = ()  # lines above the header (a sheet that documents)
    comment: str | None = None  # an Excel note on the header's first cell: the rule of the view
    autofilter: bool = True
    freeze_columns: int = 0
    header_height: float = 45
    bulk: bool = False  # many rows: written straight into the sheet's XML (see the module docstring)
    palette: Sequence[str] = ()  # a bulk sheet's fill colours (every Colored value's colour must be one of them)


def dark(color: str) -> bool:
    """A fill dark enough for white text (relative luminance below about 0.5)."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 140


def excel_serial(day: dt.date) -> int:
    """A date as Excel stores it: days since 30.12.1899."""
    return (day - EXCEL_EPOCH).days


_NUMBER_FORMATS = {"date": "dd.mm.yyyy", "percent": "0.0%", "number": "0.0", "int": "0"}


def workbook_bytes(sheets: Sequence[Sheet], today: dt.date) -> bytes:
    """The workbook of ``sheets``; its document dates are ``today`` (midnight UTC), so the same input gives the
    same bytes."""
    import xlsxwriter  # only when a workbook is written

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    stamp = fixed_timestamp(today)
    book.set_properties({"author": AUTHOR, "created": stamp.replace(tzinfo=None)})
    header = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "align": "center",
                              "bg_color": HEADER_COLOR, "border": 1, "border_color": "#B0B0B0"})
    note_format = book.add_format({"text_wrap": True, "valign": "top"})
    note_first = book.add_format({"text_wrap": True, "valign": "top", "bold": True})
    formats: dict[tuple[str, str | None], Any] = {}

    def fmt(kind: ColumnKind, color: str | None) -> Any:
        key = (kind, color)
        if key not in formats:
            spec: dict[str, Any] = {"valign": "top"}
            if kind != "text":
                spec["num_format"] = _NUMBER_FORMATS[kind]
            if kind in ("int", "percent", "number"):
                spec["align"] = "center"
            if color:
                spec["bg_color"] = color
                spec["font_color"] = "#FFFFFF" if dark(color) else "#000000"
            formats[key] = book.add_format(spec)
        return formats[key]

    # A bulk sheet's file in the package → (its first data row, the rows, its palette).
    bulk: dict[str, tuple[int, list[Sequence[Any]], tuple[str, ...]]] = {}
    for number, sheet in enumerate(sheets, start=1):
        ws = book.add_worksheet(sheet.name[:31])
        top = 0
        if sheet.note:
            for i, line in enumerate(sheet.note):
                ws.merge_range(i, 0, i, max(len(sheet.columns) - 1, 0), line[:MAX_CELL_TEXT],
                               note_first if i == 0 else note_format)
                ws.set_row(i, 15 * max(1, -(-len(line) // 150)))
            top = len(sheet.note) + 1
        for c, (title, width, _kind) in enumerate(sheet.columns):
            ws.set_column(c, c, width)
            ws.write_string(top, c, title, header)
        ws.set_row(top, sheet.header_height)
        if sheet.comment:
            ws.write_comment(top, 0, sheet.comment, {"x_scale": 4, "y_scale": 4, "author": AUTHOR})
        kinds = [kind for _, _, kind in sheet.columns]
        last = top
        if sheet.bulk:
            rows = list(sheet.rows)
            if top + 1 + len(rows) > EXCEL_MAX_ROWS:
                raise DocumentError(f"Лист «{sheet.name}»: строк {len(rows):,} — больше, чем вмещает лист Excel"
                                    f" ({EXCEL_MAX_ROWS - top - 1:,}).".replace(",", "\u00a0"))
            palette = tuple(sheet.palette)
            bulk[f"xl/worksheets/sheet{number}.xml"] = (top + 2, rows, palette)  # XML rows count from 1
            for i, color in enumerate((None, *palette), start=top + 1):  # rows of styled empty cells: the styles
                for c, kind in enumerate(kinds):
                    ws.write_blank(i, c, None, fmt(kind, color))
            last = top + len(rows)
        else:
            for last, row in enumerate(sheet.rows, start=top + 1):
                _write_row(ws, last, row, kinds, fmt)
        if sheet.autofilter and sheet.columns:
            ws.autofilter(top, 0, max(last, top), len(sheet.columns) - 1)
        ws.freeze_panes(top + 1, sheet.freeze_columns)
    book.close()
    package = normalise_package(buffer.getvalue(), stamp)
    return _fill_bulk(package, bulk) if bulk else package


def _write_row(ws: Any, r: int, row: Sequence[Any], kinds: Sequence[ColumnKind], fmt: Any) -> None:
    for c, value in enumerate(row):
        color = None
        if isinstance(value, Colored):
            value, color = value.value, value.color
        kind = kinds[c]
        if value is None or value == "":
            if color:
                ws.write_blank(r, c, None, fmt(kind, color))
            continue
        if isinstance(value, dt.date):
            ws.write_number(r, c, excel_serial(value), fmt("date", color))
        elif isinstance(value, bool):
            ws.write_string(r, c, "да" if value else "нет", fmt("text", color))
        elif isinstance(value, int | float):
            ws.write_number(r, c, value, fmt(kind if kind != "text" else "number", color))
        else:
            ws.write_string(r, c, str(value)[:MAX_CELL_TEXT], fmt("text", color) if color else None)


# --- the rows of a bulk sheet, straight into its XML ------------------------------------------------------------

# Characters XML 1.0 does not allow; Excel writes them as _xHHHH_.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    value = value[:MAX_CELL_TEXT].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _ILLEGAL.sub(lambda m: f"_x{ord(m[0]):04X}_", value)
    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
    return f"<is><t{space}>{value}</t></is>"


def _rows_xml(first: int, rows: list[Sequence[Any]], styles: dict[str | None, list[str]]) -> Iterator[str]:
    """The rows' XML; ``styles``: colour (None: plain) → each column's ``s`` attribute."""
    from xlsxwriter.utility import xl_col_to_name

    plain = styles[None]
    letters = [xl_col_to_name(c) for c in range(len(plain))]
    texts: dict[str, str] = {}  # an organisation's texts repeat on each of its rows: escaped once

    def text(value: str) -> str:
        if value not in texts:
            texts[value] = _text(value)
        return texts[value]

    for r, row in enumerate(rows, start=first):
        cells = []
        for c, value in enumerate(row):
            style = plain[c]
            if isinstance(value, Colored):
                value, style = value.value, styles[value.color][c]
                if value is None or value == "":
                    cells.append(f'<c r="{letters[c]}{r}"{style}/>')
                    continue
            if value is None or value == "":
                continue
            ref = f"{letters[c]}{r}"
            if isinstance(value, dt.date):
                cells.append(f'<c r="{ref}"{style}><v>{excel_serial(value)}</v></c>')
            elif isinstance(value, bool):
                cells.append(f'<c r="{ref}"{style} t="inlineStr">{_text("да" if value else "нет")}</c>')
            elif isinstance(value, int | float):
                cells.append(f'<c r="{ref}"{style}><v>{value!r}</v></c>')
            else:
                cells.append(f'<c r="{ref}"{style} t="inlineStr">{text(str(value))}</c>')
        yield f'<row r="{r}">{"".join(cells)}</row>'


def _fill_bulk(package: bytes, bulk: dict[str, tuple[int, list[Sequence[Any]], tuple[str, ...]]]) -> bytes:
    """The package with each bulk sheet's rows of styled empty cells replaced by its rows (entries kept in order,
    with the fixed timestamp of :mod:`vakr.documents.package`). A bulk sheet's XML is written into the archive in
    pieces, never held whole, at the fastest level of compression (its text is large and repetitive: a little
    larger, several times faster)."""
    out = io.BytesIO()
    with (zipfile.ZipFile(io.BytesIO(package)) as src,
          zipfile.ZipFile(out, "w") as dst):
        for info in src.infolist():
            data = src.read(info)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            if info.filename not in bulk:
                dst.writestr(entry, data, compresslevel=6)
                continue
            first, rows, palette = bulk[info.filename]
            xml = data.decode("utf-8")
            samples = [m for m in re.finditer(r'<row r="(\d+)"[^>]*>(.*?)</row>', xml)
                       if first <= int(m[1]) < first + 1 + len(palette)]
            assert len(samples) == 1 + len(palette), "the rows of styles are missing"
            styles = {color: [f' s="{s}"' if s else "" for s in re.findall(r'<c r="[A-Z]+\d+"(?: s="(\d+)")?/>',
                                                                              sample[2])]
                      for color, sample in zip((None, *palette), samples)}
            last = max(first + len(rows) - 1, first - 1)
            head = re.sub(r'<dimension ref="A1:([A-Z]+)\d+"/>', rf'<dimension ref="A1:\g<1>{last}"/>',
                          xml[:samples[0].start()], count=1)
            # zipfile takes the level of an entry opened for writing from the entry (its attribute is private
            # before Python 3.13, public since).
            setattr(entry, "compress_level" if hasattr(entry, "compress_level") else "_compresslevel", BULK_LEVEL)
            with dst.open(entry, "w") as handle:
                handle.write(head.encode("utf-8"))
                chunk: list[str] = []
                for row in _rows_xml(first, rows, styles):
                    chunk.append(row)
                    if len(chunk) == 2000:
                        handle.write("".join(chunk).encode("utf-8"))
                        chunk.clear()
                handle.write("".join(chunk).encode("utf-8"))
                handle.write(xml[samples[-1].end():].encode("utf-8"))
    return out.getvalue()
