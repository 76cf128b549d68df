"""What the Word documents share: the templates, subdocument building blocks in the templates' styles, and the
final rendering to deterministic bytes.

The templates (``templates/*.docx``, built by ``templates/build_templates.py``) hold the page setup, the styles and
the fixed text with docxtpl tags; the dynamic parts (sections, tables) are python-docx subdocuments that use the
template's styles by name, so restyling a template in Word restyles the generated document.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import weakref
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from lxml import etree

from vakr.documents.package import AUTHOR, normalise_package
from vakr.documents.texts import metadata_text
from vakr.errors import DocumentError
from vakr.paths import templates_dir

STYLE_TITLE = "ВАКР Заголовок документа"
STYLE_PLAIN = "ВАКР Текст без отступа"
STYLE_TABLE_TEXT = "ВАКР Текст таблицы"
STYLE_TABLE_HEADER = "ВАКР Шапка таблицы"
STYLE_TABLE = "ВАКР Таблица"
STYLE_LAYOUT = "ВАКР Таблица без рамок"
# Numbered by Word: 1. → 1.1. → 1.1.1. (the plan's «№ п/п»; see templates/build_templates.py)
STYLE_PLAN_NUMBERS = {1: "ВАКР Номер пункта плана 1", 2: "ВАКР Номер пункта плана 2", 3: "ВАКР Номер пункта плана 3"}
HEADING_2 = "Heading 2"

SHADE_GROUP = "E7E6E6"  # unit rows of the plan, group rows of the list of positions


def load_template(name: str, template: str | Path | None = None) -> DocxTemplate:
    """A template from ``templates/`` (or the given file)."""
    path = Path(template) if template else templates_dir() / name
    if not path.is_file():
        raise DocumentError(
            f"Не найден шаблон документа {path}. Создайте шаблоны командой "
            f"«python templates/build_templates.py»."
        )
    return DocxTemplate(str(path))


class Subdoc:
    """A python-docx body whose styles resolve against the template, inserted with ``{{p name }}``.

    The same as docxtpl's ``new_subdoc()`` without a source file, minus its optional docxcompose dependency.
    """

    def __init__(self, tpl: DocxTemplate):
        self.subdocx = Document()
        self.subdocx._part = tpl.get_docx()._part  # style names → the template's styles

    def add_paragraph(self) -> Paragraph:
        return self.subdocx.add_paragraph()

    def add_table(self, rows: int, cols: int) -> Table:
        return self.subdocx.add_table(rows=rows, cols=cols)

    def __html__(self) -> str:  # jinja2 autoescape leaves it as XML
        body = self.subdocx.element.body
        if body.sectPr is not None:
            body.remove(body.sectPr)
        return re.sub(r"</?w:body[^>]*>", "", etree.tostring(body, encoding="unicode"))

    __str__ = __html__


def new_subdoc(tpl: DocxTemplate) -> Subdoc:
    return Subdoc(tpl)


def text_width_mm(tpl: DocxTemplate) -> float:
    """Width of the template's text area, for table column widths."""
    section = tpl.get_docx().sections[0]
    return (section.page_width - section.left_margin - section.right_margin) / Mm(1)


# --- paragraphs ---------------------------------------------------------------------------------------------

Run = tuple[str, str]  # (text, formatting: "" | "b" | "i" | "bi")


def _add_runs(paragraph: Paragraph, runs: Iterable[Run | str]) -> None:
    for item in runs:
        text, fmt = (item, "") if isinstance(item, str) else item
        if not text:
            continue
        run = paragraph.add_run(text)  # python-docx escapes the text; «\n» becomes a line break
        if "b" in fmt:
            run.bold = True
        if "i" in fmt:
            run.italic = True


# document part → {style name: style id}
_STYLE_IDS: weakref.WeakKeyDictionary[Any, dict[str, str | None]] = weakref.WeakKeyDictionary()
# table → the widths of its columns in millimetres (new_table), which add_row gives each new cell
_WIDTHS: weakref.WeakKeyDictionary[Table, list[float]] = weakref.WeakKeyDictionary()


def set_style(paragraph: Paragraph, style: str) -> None:
    """``paragraph.style = style`` with the name resolved once per document: python-docx looks the name up through
    every style of the template on each assignment, which dominated the time of a batch of documents."""
    part = paragraph.part
    cache = _STYLE_IDS.setdefault(part, {})
    if style not in cache:
        cache[style] = part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
    paragraph._p.style = cache[style]  # noqa: SLF001 - what the python-docx setter does after the lookup


def add_paragraph(container: Subdoc, runs: Iterable[Run | str] | str = (), style: str | None = None,
                  keep_with_next: bool = False) -> Paragraph:
    """A paragraph in ``style`` (the template's Normal when None) made of runs."""
    p = container.add_paragraph()
    if style:
        set_style(p, style)
    _add_runs(p, [runs] if isinstance(runs, str) else runs)
    if keep_with_next:
        p.paragraph_format.keep_with_next = True
    return p


# --- tables -------------------------------------------------------------------------------------------------


def _set_grid(table: Table, widths_mm: Sequence[float]) -> None:
    tbl = table._tbl
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    tbl_pr = tbl.tblPr
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        tbl_pr.append(layout)
    layout.set(qn("w:type"), "fixed")
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:w"), str(int(Mm(sum(widths_mm)).twips)))
    width.set(qn("w:type"), "dxa")


def new_table(container: Subdoc, widths_mm: Sequence[float], header: Sequence[str] | None = None,
              style: str = STYLE_TABLE) -> Table:
    """A fixed-layout table in the template's table style, with an optional header row repeated on every page."""
    table = container.add_table(rows=0, cols=len(widths_mm))
    table.style = style
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_grid(table, widths_mm)
    _WIDTHS[table] = list(widths_mm)
    if header:
        row = add_row(table, [[(h, "")] for h in header], style=STYLE_TABLE_HEADER)
        repeat_header(row)
        cant_split(row)
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return table


def add_row(table: Table, cells: Sequence[Sequence[Sequence[Run | str] | str] | str], style: str = STYLE_TABLE_TEXT,
            merge_from: int | None = None, shade: str | None = None, keep_with_next: bool = False) -> _Row:
    """Append a row. Each cell is a string or a list of paragraphs (each a string or a list of runs).
    ``merge_from``: merge the cells from this column to the last one (a row spanning the table)."""
    row = table.add_row()
    widths = _WIDTHS[table]
    for i, cell in enumerate(row.cells):
        cell.width = Mm(widths[i])
    if merge_from is not None:
        merged = row.cells[merge_from].merge(row.cells[len(widths) - 1])
        cells = list(cells[: merge_from + 1])
    targets = list(row.cells) if merge_from is None else [*row.cells[:merge_from], merged]
    for cell, content in zip(targets, cells):
        paragraphs = [content] if isinstance(content, str) else list(content)
        if not paragraphs:
            paragraphs = [""]
        first = True
        for para in paragraphs:
            p = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            set_style(p, style)
            _add_runs(p, [para] if isinstance(para, str) else para)
            if keep_with_next:
                p.paragraph_format.keep_with_next = True
        if shade:
            set_shading(cell, shade)
    return row


def set_shading(cell: _Cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def repeat_header(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def cant_split(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    tr_pr.insert(0, el)


def merge_down(table: Table, column: int, first_row: int, last_row: int) -> None:
    """Merge a column's cells vertically (a zone spanning its functions); keeps the first cell's text."""
    if last_row <= first_row:
        return
    top = table.cell(first_row, column)
    for r in range(first_row + 1, last_row + 1):
        cell = table.cell(r, column)
        for p in list(cell.paragraphs):
            p._p.getparent().remove(p._p)
        set_style(cell.add_paragraph(), STYLE_TABLE_TEXT)
    top.merge(table.cell(last_row, column))
    # merge() gathers the (empty) paragraphs of the merged cells; keep only the text ones.
    merged = table.cell(first_row, column)
    paragraphs = merged.paragraphs
    for p in paragraphs[1:]:
        if not p.text:
            p._p.getparent().remove(p._p)


# --- rendering ----------------------------------------------------------------------------------------------


def render_docx(tpl: DocxTemplate, context: dict[str, Any], *, title: str, subject: str,
                stamp: dt.datetime, language: str = "ru-RU") -> bytes:
    """Render the template (user text escaped), fix the core properties and return deterministic bytes."""
    try:
        tpl.render(context, autoescape=True)
    except Exception as exc:  # jinja2 errors come from a template edited by hand
        raise DocumentError(f"Не удалось заполнить шаблон документа «{title}»: {exc}") from exc
    props = tpl.docx.core_properties
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.revision = 1
    props.title = metadata_text(title)
    props.subject = metadata_text(subject)
    props.language = language
    props.comments = ""
    props.keywords = "ВАКР"
    naive = stamp.astimezone(dt.UTC).replace(tzinfo=None)
    props.created = props.modified = props.last_printed = naive
    buffer = io.BytesIO()
    tpl.save(buffer)
    return normalise_package(buffer.getvalue(), stamp)
