"""Builders of broken and hostile input files for ``test_hostile.py`` (issue 13, point 5).

Everything is generated at test time: nothing binary is committed. The valid starting points are the bundled
examples and ``tests/data/sparse-land.yaml`` (a filled organisation with 30 findings); its workbook is written once
per process with :func:`vakr.organisation.excel.workbook.write_workbook` and then broken with openpyxl or by editing the ZIP package.
"""

from __future__ import annotations

import functools
import io
import re
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import openpyxl

from vakr.methodology.loader import load_catalogue
from vakr.organisation.excel.layout import RISK_COLUMNS
from vakr.organisation.excel.workbook import write_workbook
from vakr.organisation.yaml import read_yaml
from vakr.paths import examples_dir, project_root

SPARSE_YAML = project_root() / "tests" / "data" / "sparse-land.yaml"
AKIMAT_YAML = examples_dir() / "akimat-example.yaml"
QUASI_YAML = examples_dir() / "quasi-example.yaml"
AKIMAT_XLSX = examples_dir() / "akimat-example.xlsx"
DOCUMENTS = ("report.docx", "plan.docx", "plan.xlsx", "positions.docx", "positions.xlsx", "schedule.ics")
RUN_FILES = (*DOCUMENTS, "evaluation.json")  # an organisation's folder of `vakr run`: + the record for `vakr region`

# The findings of sparse-land.yaml sit on rows 2–31 of «Риски», in file order.
FIRST_RISK_ROW = 2
SPARSE_FINDINGS = 30
NPA_RISK_ROW = 4  # findings[2]: npa.legal_gap.3, with its act
KAZAKH = "әғқңөұүһі"


def col(key: str) -> int:
    """1-based column of a field of «Риски»."""
    return next(i for i, c in enumerate(RISK_COLUMNS, start=1) if (c.key or c.header) == key)


def profile_row(ws, label: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label)


# --- valid starting points -------------------------------------------------------------------------------------


def sparse_text() -> str:
    return SPARSE_YAML.read_text(encoding="utf-8")


@functools.cache
def sparse_workbook_bytes() -> bytes:
    """The sparse-land organisation as a vakr workbook (built once per process)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(read_yaml(SPARSE_YAML), load_catalogue(), Path(tmp) / "sparse-land.xlsx")
        return path.read_bytes()


def write_sparse_workbook(path: Path) -> Path:
    path.write_bytes(sparse_workbook_bytes())
    return path


def edit_workbook(path: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def line_of(text: str, prefix: str) -> int:
    """1-based number of the first line starting with ``prefix``."""
    return 1 + next(i for i, line in enumerate(text.splitlines()) if line.startswith(prefix))


def replace_line(text: str, prefix: str, new: str) -> tuple[str, int]:
    """Replace the first line starting with ``prefix`` by ``new``; return the text and that line's number."""
    lines = text.split("\n")
    i = next(i for i, line in enumerate(lines) if line.startswith(prefix))
    lines[i] = new
    return "\n".join(lines), i + 1


def with_slug(text: str, slug: str, name: str | None = None) -> str:
    """A copy of an example's YAML with another slug (and name)."""
    text = re.sub(r"(?m)^  slug: .*$", f"  slug: {slug}", text, count=1)
    if name is not None:
        text = re.sub(r"(?m)^  name: .*$", f"  name: {name}", text, count=1)
    return text


# --- files that are not what they claim ---------------------------------------------------------------------------


def png_bytes() -> bytes:
    """A real 1×1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0")) + chunk(b"IEND", b""))


def pdf_bytes() -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")


def docx_bytes() -> bytes:
    """A real Word document (a ZIP package, but not a workbook)."""
    import docx

    document = docx.Document()
    document.add_paragraph("Аналитическая справка — не книга Excel")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def ole_bytes() -> bytes:
    """The header of an OLE compound file: a legacy .xls or a password-encrypted .xlsx."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4088


def junk_bytes(size: int = 4096) -> bytes:
    import random

    return random.Random(13).randbytes(size)


def truncated_workbook() -> bytes:
    data = sparse_workbook_bytes()
    return data[: len(data) * 2 // 3]


def foreign_workbook(path: Path) -> Path:
    """A plain workbook from another template: random sheets and values."""
    wb = openpyxl.Workbook()
    wb.active.title = "Лист1"
    wb.active.append(["Код", "Ответ", "Комментарий"])
    wb.active.append(["org.hr.01", "да", 5])
    other = wb.create_sheet("Data")
    for r in range(1, 20):
        other.append([r, r * 2.5, f"строка {r}"])
    wb.create_sheet("Риски старые").append(["Описание", "Вероятность"])
    wb.save(path)
    return path


# --- huge inputs ----------------------------------------------------------------------------------------------------


def zip_bomb(path: Path, megabytes: int = 600) -> Path:
    """A ZIP named .xlsx with one highly compressible member that inflates to ``megabytes`` MB of zeros (≈ 0.6 MB on
    disk). Nothing in it is a workbook: the point is that the size is checked before anything is inflated."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                                          'openxmlformats.org/package/2006/content-types"/>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(megabytes):
                member.write(chunk)
    return path


def _sheet_member(data: bytes, title: str) -> str:
    """The ZIP member holding the sheet ``title`` of a workbook package."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        workbook = z.read("xl/workbook.xml").decode("utf-8")
        rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    rid = re.search(rf'<sheet[^>]*name="{re.escape(title)}"[^>]*r:id="([^"]+)"', workbook).group(1)
    target = re.search(rf'<Relationship[^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'<Relationship[^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    name = target.group(1).lstrip("/")
    return name if name.startswith("xl/") else f"xl/{name}"


def many_rows_workbook(path: Path, rows: int = 200_000) -> Path:
    """The sparse-land workbook with ``rows`` more filled rows on «Риски» (inline strings, written straight into the
    sheet XML: seconds, where openpyxl would take a minute)."""
    data = sparse_workbook_bytes()
    member = _sheet_member(data, "Риски")
    letters = {key: openpyxl.utils.get_column_letter(col(key)) for key in
               ("indicator", "unit", "description", "likelihood", "impact")}
    first = FIRST_RISK_ROW + SPARSE_FINDINGS + 200  # after the prepared empty rows

    def row(r: int) -> str:
        return (f'<row r="{r}">'
                f'<c r="{letters["indicator"]}{r}" t="inlineStr"><is><t>org.control</t></is></c>'
                f'<c r="{letters["unit"]}{r}" t="inlineStr"><is><t>Отдел земельного контроля</t></is></c>'
                f'<c r="{letters["description"]}{r}" t="inlineStr"><is><t>Риск {r}</t></is></c>'
                f'<c r="{letters["likelihood"]}{r}"><v>3</v></c><c r="{letters["impact"]}{r}"><v>3</v></c></row>')

    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == member:
                xml = content.decode("utf-8")
                extra = "".join(row(r) for r in range(first, first + rows))
                xml = xml.replace("</sheetData>", extra + "</sheetData>", 1)
                xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:Q{first + rows - 1}"/>', xml)
                content = xml.encode("utf-8")
            dst.writestr(info.filename, content)
    return path


def huge_yaml_comments(megabytes: int = 20) -> str:
    line = "# " + "комментарий " * 8 + "\n"
    return sparse_text() + line * (megabytes * 1024 * 1024 // len(line.encode("utf-8")) + 1)


def huge_yaml_string(megabytes: int = 20) -> str:
    text, _ = replace_line(sparse_text(), "  region:", "  region: " + "Ж" * (megabytes * 1024 * 1024 // 2))
    return text


# --- YAML bombs and tags ----------------------------------------------------------------------------------------------


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    """Nested anchors and aliases: ``levels`` × ``width`` lines that expand to width**levels strings, used as the
    value of profile.region of an otherwise valid organisation."""
    lines = [f'lol0: &a0 [{", ".join(["lol"] * width)}]']
    for level in range(1, levels):
        lines.append(f"lol{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    text, _ = replace_line(sparse_text(), "  region:", f"  region: *a{levels - 1}")
    text = text.replace("schema_version: 1\n", "schema_version: 1\n" + "\n".join(lines) + "\n", 1)
    return text


def deep_nesting(depth: int = 10_000) -> str:
    text, _ = replace_line(sparse_text(), "  region:", "  region: " + "[" * depth + "]" * depth)
    return text


@functools.cache
def zip_bomb_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        return zip_bomb(Path(tmp) / "bomb.xlsx").read_bytes()


@functools.cache
def many_rows_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        return many_rows_workbook(Path(tmp) / "rows.xlsx").read_bytes()
