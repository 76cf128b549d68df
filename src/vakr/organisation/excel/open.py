"""Opening a workbook safely: size, zip-bomb and row limits, sheet names; refused files named in Russian."""

from __future__ import annotations

import html
import re
import warnings
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from vakr.io_files import input_problem
from vakr.organisation.excel.layout import MAX_CELLS, MAX_FILE_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES


class WorkbookRefused(Exception):
    """A file that cannot be read as a workbook; the message is Russian, without the file name."""

    def __init__(self, message: str, code: str = "file.unreadable"):
        super().__init__(message)
        self.code = code


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part («xl/worksheets/sheet4.xml») → sheet name («Риски»), from the workbook and its relations."""
    try:
        workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {}
    for tag in re.findall(r"<Relationship\b[^>]*>", rels):
        rid, target = re.search(r'Id="([^"]+)"', tag), re.search(r'Target="([^"]+)"', tag)
        if rid and target:
            targets[rid.group(1)] = "xl/" + target.group(1).lstrip("/").removeprefix("xl/")
    names = {}
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        name, rid = re.search(r'name="([^"]*)"', tag), re.search(r'(?:\w+:)?id="([^"]+)"', tag)
        if name and rid and rid.group(1) in targets:
            names[targets[rid.group(1)]] = html.unescape(name.group(1))
    return names


def _check_size(path: Path) -> None:
    """Refuse, before parsing, a workbook too large to be an organisation's: the file, what it unpacks to (a zip
    bomb unpacks a few kilobytes into gigabytes), and the filled cells of each sheet (counted while streaming)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise WorkbookRefused(f"файл слишком большой ({size / 1024 / 1024:.0f} МБ; книга организации занимает не"
                              f" более {MAX_FILE_BYTES // 1024 // 1024} МБ)", "file.too_large")
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        unpacked = sum(m.file_size for m in members)
        if unpacked > MAX_UNPACKED_BYTES:
            raise WorkbookRefused(f"файл слишком большой в распакованном виде ({unpacked / 1024 / 1024:.0f} МБ;"
                                  f" допускается не более {MAX_UNPACKED_BYTES // 1024 // 1024} МБ): это не книга"
                                  " организации или она повреждена", "file.too_large")
        names = _sheet_names(archive)
        for member in members:
            if not member.filename.startswith("xl/worksheets/") or not member.filename.endswith(".xml"):
                continue
            filled = rows = 0
            tail = b""
            with archive.open(member) as handle:
                while chunk := handle.read(1 << 20):
                    block = tail + chunk
                    filled += block.count(b"</v>") + block.count(b"</is>")
                    rows += block.count(b"</row>")
                    tail = block[-5:]  # a closing tag split between two blocks is counted in the next one
                    filled -= tail.count(b"</v>") + tail.count(b"</is>")
                    rows -= tail.count(b"</row>")
            if rows > MAX_ROWS or filled > MAX_CELLS:
                sheet = names.get(member.filename, member.filename)
                raise WorkbookRefused(f"на листе «{sheet}» {rows} строк ({filled} заполненных ячеек); книга"
                                      f" организации может содержать не более {MAX_ROWS} строк и {MAX_CELLS}"
                                      " заполненных ячеек на листе", "file.too_large")


def open_workbook(path: Path, new_hint: str) -> openpyxl.Workbook:
    """A workbook someone else made, checked before parsing (format, size, zip bomb, filled cells) and opened
    with its cached values; :class:`WorkbookRefused` with a Russian message otherwise. ``new_hint`` says how to
    make a proper one («создайте книгу командой `vakr new`»)."""
    if problem := input_problem(path):
        raise WorkbookRefused(problem)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise WorkbookRefused(f"не удалось прочитать файл ({exc.strerror})") from None
    if not head:
        raise WorkbookRefused(f"файл пуст (0 байт); {new_hint}", "file.empty")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbookRefused("файл в старом формате Excel 97–2003 (.xls) или защищён паролем на открытие; откройте"
                              " его в Excel и сохраните как «Книга Excel (*.xlsx)» без пароля", "file.format")
    if not head.startswith(b"PK"):
        raise WorkbookRefused("файл не является книгой Excel (.xlsx): похоже, это текстовый или другой файл,"
                              " переименованный в .xlsx", "file.format")
    if path.suffix.lower() == ".xls":
        raise WorkbookRefused("формат .xls не поддерживается; сохраните файл как «Книга Excel (*.xlsx)»", "file.format")
    try:
        _check_size(path)
        with warnings.catch_warnings():  # openpyxl warns on stderr about odd styles and dates; the file is judged here
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, data_only=True)
    except zipfile.BadZipFile:
        raise WorkbookRefused("файл повреждён: не удаётся открыть его как книгу Excel (.xlsx)") from None
    except WorkbookRefused:
        raise
    except Exception:  # noqa: BLE001 - any failure of the parser means an unreadable file
        raise WorkbookRefused("не удаётся открыть файл как книгу Excel (.xlsx): файл повреждён, зашифрован или имеет"
                              " другой формат; откройте его в Excel и сохраните как «Книга Excel (*.xlsx)»") from None


def used_rows(ws: Worksheet, first: int = 2) -> list[int]:
    """The rows from ``first`` on that hold a value, in order. Not ``range(first, ws.max_row + 1)``: one formatted
    empty cell in row 1 048 576 would make that a million rows (and creating their cells would fill the memory)."""
    return sorted({row for (row, _), cell in ws._cells.items() if row >= first and cell.value is not None})
