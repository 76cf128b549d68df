"""What the Word documents share: the templates, subdocument building blocks in the templates' styles, and the
final rendering to deterministic bytes.

The templates (``templates/*.docx``, built by ``templates/build_templates.py``) hold the page setup, the styles and
the fixed text with docxtpl tags; the dynamic parts (sections, tables) are subdocuments that use the template's
styles by name, so restyling a template in Word restyles the generated document.

Speed (issue 20: ten thousand organisations in minutes). A template is parsed once per process (:class:`Template`,
cached by file and modification time): its body prepared for jinja by docxtpl's own ``patch_xml`` and compiled, its
style names resolved to ids on first use, and every part the rendering does not change (styles, numbering, theme,
fonts …) kept as the bytes python-docx would write, already compressed. A subdocument is a small model of
paragraphs and tables written straight to WordprocessingML (:class:`Subdoc`), the XML python-docx would build
for the same calls. Rendering then fills the compiled body, runs docxtpl's post-processing of the rendered XML
(``resolve_listing``, ``fix_tables``), sets the core properties and zips the parts
(:func:`vakr.documents.package.package_bytes`). The bytes are those of docxtpl's ``render`` and python-docx's
``save`` followed by :func:`vakr.documents.package.normalise_package`, which remains the path for a template with
parts this one does not model (footnotes) — tests/test_docx_speed_equivalence.py compares the two.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import parse_xml
from docx.shared import Length, Mm
from docxtpl import DocxTemplate
from jinja2 import Environment
from jinja2 import Template as JinjaTemplate
from lxml import etree

from vakr.documents.package import AUTHOR, Deflated, normalise_package, package_bytes
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

# docxtpl renders with a fresh ``Environment(autoescape=True)`` each time; one serves every template here.
_JINJA = Environment(autoescape=True)
# The core properties docxtpl's ``render_properties`` passes through jinja, in its order.
_TEMPLATE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


# --- templates ----------------------------------------------------------------------------------------------


class StyleIds:
    """Style names → ids of one template, resolved by python-docx once per name (python-docx looks a name up
    through every style of the template on each assignment)."""

    def __init__(self, part: Any):
        self._part = part
        self._ids: dict[tuple[str, WD_STYLE_TYPE], str | None] = {}
        self._pstyles: dict[str, str] = {}

    def get(self, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str | None:
        """The id python-docx writes for ``name`` (None for the default style of the kind); KeyError/ValueError for
        a name the template lacks or of another kind, as python-docx raises."""
        key = (name, kind)
        if key not in self._ids:
            self._ids[key] = self._part.get_style_id(name, kind)
        return self._ids[key]

    def pstyle_xml(self, name: str) -> str:
        """The ``w:pStyle`` of a paragraph in the style ``name`` ("" for the default paragraph style)."""
        xml = self._pstyles.get(name)
        if xml is None:
            style_id = self.get(name)
            xml = self._pstyles[name] = "" if style_id is None else f'<w:pStyle w:val="{_attr(style_id)}"/>'
        return xml


@dataclass
class _Parsed:
    """A template file read once: what every rendering of it shares."""

    key: tuple[int, int]
    document: Any  # python-docx Document of the template: style lookups, page setup
    styles: StyleIds
    width_mm: float
    fast: bool  # False: parts not modelled here (footnotes) — docxtpl renders it in full
    body_source: str = ""  # the body after docxtpl's patch_xml, as render_xml_part compiles it
    root: Any = None  # the document element with an empty body, copied for each rendering
    main_name: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)  # (entry name, patched source) of headers/footers
    core_name: str = ""
    core_blob: bytes = b""
    static: dict[str, Deflated] = field(default_factory=dict)  # the parts no rendering changes, compressed
    _compiled: dict[str, JinjaTemplate] = field(default_factory=dict)

    def compiled(self, source: str) -> JinjaTemplate:
        template = self._compiled.get(source)
        if template is None:
            template = self._compiled[source] = _JINJA.from_string(source)
        return template

    @classmethod
    def load(cls, path: Path, key: tuple[int, int]) -> _Parsed:
        data = path.read_bytes()
        document = Document(io.BytesIO(data))
        part = document.part
        package = part.package
        section: Any = document.sections[0]
        width_mm = (section.page_width - section.left_margin - section.right_margin) / Mm(1)
        parsed = cls(key=key, document=document, styles=StyleIds(part), width_mm=width_mm, fast=False)
        try:
            core_part = package.part_related_by(RT.CORE_PROPERTIES)
        except KeyError:  # python-docx would add default properties: left to the full path
            return parsed
        if any(p.content_type == _FOOTNOTES for p in package.iter_parts()):
            return parsed
        helper = DocxTemplate(str(path))  # docxtpl's own text processing, never rendered itself
        parsed.body_source = _with_paragraph_breaks(helper.patch_xml(helper.xml_to_string(document.element.body)))
        root = copy.deepcopy(document.element)
        body = root.find(qn("w:body"))
        for child in list(body):
            body.remove(child)
        parsed.root = root
        parsed.main_name = part.partname.lstrip("/")
        dynamic = {parsed.main_name}
        for uri in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI):  # docxtpl's order: headers, then footers
            for rel in part.rels.values():
                if rel.reltype == uri and rel.target_part.blob:
                    name = rel.target_part.partname.lstrip("/")
                    parsed.headers.append((name, _with_paragraph_breaks(
                        helper.patch_xml(helper.get_part_xml(rel.target_part)))))
                    dynamic.add(name)
        parsed.core_name = core_part.partname.lstrip("/")
        parsed.core_blob = core_part.blob
        dynamic.add(parsed.core_name)
        saved = io.BytesIO()
        document.save(saved)  # what python-docx writes for the parts a rendering leaves alone
        with zipfile.ZipFile(saved) as archive:
            for info in archive.infolist():
                if info.filename not in dynamic and info.filename not in parsed.static:
                    parsed.static[info.filename] = Deflated.of(archive.read(info))
        parsed.fast = True
        return parsed


_PARSED: dict[str, _Parsed] = {}


def _parsed(path: Path) -> _Parsed:
    """The template at ``path`` parsed once per process (again when the file changes)."""
    where = os.path.abspath(path)
    stat = os.stat(where)
    key = (stat.st_mtime_ns, stat.st_size)
    parsed = _PARSED.get(where)
    if parsed is None or parsed.key != key:
        parsed = _PARSED[where] = _Parsed.load(Path(where), key)
    return parsed


class Template(DocxTemplate):
    """A docxtpl template whose file is parsed once per process; :func:`render_docx` renders it without reopening
    it. Everything docxtpl offers still works on it (the full path renders through docxtpl itself)."""

    def __init__(self, path: Path, parsed: _Parsed):
        super().__init__(str(path))
        self.parsed = parsed


def load_template(name: str, template: str | Path | None = None) -> Template:
    """A template from ``templates/`` (or the given file)."""
    path = Path(template) if template else templates_dir() / name
    if not path.is_file():
        raise DocumentError(
            f"Не найден шаблон документа {path}. Создайте шаблоны командой "
            f"«python templates/build_templates.py»."
        )
    return Template(path, _parsed(path))


def _style_ids(tpl: DocxTemplate) -> StyleIds:
    if isinstance(tpl, Template):
        return tpl.parsed.styles
    return StyleIds(tpl.get_docx().part)


def text_width_mm(tpl: DocxTemplate) -> float:
    """Width of the template's text area, for table column widths."""
    if isinstance(tpl, Template):
        return tpl.parsed.width_mm
    section = tpl.get_docx().sections[0]
    return (section.page_width - section.left_margin - section.right_margin) / Mm(1)


# --- the subdocument model ----------------------------------------------------------------------------------
# Each class writes the XML python-docx produces for the same calls (element order by the schema, attributes in
# python-docx's order); Subdoc.__html__ is what docxtpl inserts for ``{{p name }}``.

Run = tuple[str, str]  # (text, formatting: "" | "b" | "i" | "bi")

# What lxml refuses in text (python-docx raised it when the run was added).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Anything a run's text needs more than a plain w:t for: characters to refuse or escape, tabs and line breaks.
_SPECIAL = re.compile("[\x00-\x1f\ud800-\udfff\ufffe\uffff&<>]")
_BREAKS = re.compile("([\t\r\n])")
_RPR = {(False, False): "", (True, False): "<w:rPr><w:b/></w:rPr>", (False, True): "<w:rPr><w:i/></w:rPr>",
        (True, True): "<w:rPr><w:b/><w:i/></w:rPr>"}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return (_escape(value).replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;")
            .replace("\t", "&#9;"))


def _text_xml(text: str) -> str:
    """One ``w:t`` (space preserved when the text starts or ends with whitespace, as python-docx decides)."""
    if len(text.strip()) < len(text):
        return f'<w:t xml:space="preserve">{_escape(text)}</w:t>'
    return f"<w:t>{_escape(text)}</w:t>"


def _run_xml(text: str, fmt: str) -> str:
    """``paragraph.add_run(text)`` (a tab → ``w:tab``, a line break → ``w:br``) with bold/italic."""
    rpr = _RPR["b" in fmt, "i" in fmt]
    if _SPECIAL.search(text) is None:
        if text[0].isspace() or text[-1].isspace():
            return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'
        return f"<w:r>{rpr}<w:t>{text}</w:t></w:r>"
    if _NOT_XML.search(text):
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")
    content = "".join("<w:tab/>" if piece == "\t" else "<w:br/>" if piece in ("\r", "\n") else _text_xml(piece)
                      for piece in _BREAKS.split(text) if piece)
    return f"<w:r>{rpr}{content}</w:r>"


class Paragraph:
    """A ``w:p``: its style, keep-with-next, space before, alignment and runs (written once they are added)."""

    __slots__ = ("_styles", "_pPr", "_pstyle", "keep_with_next", "space_before", "_jc", "_runs", "has_runs")

    def __init__(self, styles: StyleIds):
        self._styles = styles
        self._pPr = False  # python-docx keeps an emptied w:pPr
        self._pstyle = ""  # the w:pStyle element
        self.keep_with_next = False
        self.space_before: int | None = None  # twips
        self._jc: str | None = None
        self._runs: list[str] = []
        self.has_runs = False

    def set_style(self, name: str) -> None:
        self._pstyle = self._styles.pstyle_xml(name)
        self._pPr = True

    def set_keep_with_next(self) -> None:
        self.keep_with_next = self._pPr = True

    def set_space_before(self, value: Length) -> None:
        self.space_before = value.twips
        self._pPr = True

    @property
    def alignment(self) -> WD_PARAGRAPH_ALIGNMENT | None:
        return None if self._jc is None else WD_PARAGRAPH_ALIGNMENT.from_xml(self._jc)

    @alignment.setter
    def alignment(self, value: WD_PARAGRAPH_ALIGNMENT | None) -> None:
        self._jc = None if value is None else WD_PARAGRAPH_ALIGNMENT.to_xml(value)
        self._pPr = True

    def add_runs(self, runs: Iterable[Run | str]) -> None:
        for item in runs:
            text, fmt = (item, "") if isinstance(item, str) else item
            if text:
                self._runs.append(_run_xml(text, fmt))
                self.has_runs = True

    def xml(self) -> str:
        runs = "".join(self._runs)
        if not self._pPr:
            return f"<w:p>{runs}</w:p>" if runs else "<w:p/>"
        props = [self._pstyle]
        if self.keep_with_next:
            props.append("<w:keepNext/>")
        if self.space_before is not None:
            props.append(f'<w:spacing w:before="{self.space_before}"/>')
        if self._jc is not None:
            props.append(f'<w:jc w:val="{self._jc}"/>')
        ppr = "".join(props)
        ppr = f"<w:pPr>{ppr}</w:pPr>" if ppr else "<w:pPr/>"
        return f"<w:p>{ppr}{runs}</w:p>"


class Cell:
    """A ``w:tc``: width, horizontal span, vertical merge, shading and vertical alignment, paragraphs."""

    __slots__ = ("_styles", "width", "span", "v_merge", "_tail", "paragraphs")

    def __init__(self, styles: StyleIds, width: int):
        self._styles = styles
        self.width = width  # twips
        self.span = 1
        self.v_merge: str | None = None  # "restart" | "continue"
        self._tail: list[tuple[str, str]] = []  # w:shd and w:vAlign in the order they were set
        self.paragraphs = [Paragraph(styles)]

    def add_paragraph(self) -> Paragraph:
        paragraph = Paragraph(self._styles)
        self.paragraphs.append(paragraph)
        return paragraph

    @property
    def vertical_alignment(self) -> WD_CELL_VERTICAL_ALIGNMENT | None:
        value = next((xml for kind, xml in self._tail if kind == "vAlign"), None)
        return None if value is None else WD_CELL_VERTICAL_ALIGNMENT.from_xml(value)

    @vertical_alignment.setter
    def vertical_alignment(self, value: WD_CELL_VERTICAL_ALIGNMENT | None) -> None:
        at = next((i for i, (kind, _) in enumerate(self._tail) if kind == "vAlign"), None)
        xml = None if value is None else WD_CELL_VERTICAL_ALIGNMENT.to_xml(value)
        if xml is None:
            if at is not None:
                del self._tail[at]
        elif at is not None:
            self._tail[at] = ("vAlign", xml)
        else:
            self._tail.append(("vAlign", xml))

    def shade(self, fill: str) -> None:
        self._tail.append(("shd", fill))

    def xml(self) -> str:
        props = [f'<w:tcW w:type="dxa" w:w="{self.width}"/>']
        if self.span > 1:
            props.append(f'<w:gridSpan w:val="{self.span}"/>')
        if self.v_merge == "restart":
            props.append('<w:vMerge w:val="restart"/>')
        elif self.v_merge == "continue":
            props.append("<w:vMerge/>")
        for kind, value in self._tail:
            if kind == "shd":
                props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{_attr(value)}"/>')
            else:
                props.append(f'<w:vAlign w:val="{value}"/>')
        return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{''.join(p.xml() for p in self.paragraphs)}</w:tc>"


class Row:
    """A ``w:tr``; ``cells`` has one entry per grid column, as in python-docx (a span repeats its cell, a vertical
    continuation gives the cell above)."""

    __slots__ = ("table", "index", "tcs", "_trPr")

    def __init__(self, table: Table, index: int, tcs: list[Cell]):
        self.table = table
        self.index = index
        self.tcs = tcs
        self._trPr: list[str] = []

    @property
    def cells(self) -> list[Cell]:
        cells: list[Cell] = []
        for tc in self.tcs:
            if tc.v_merge == "continue":
                above = self.table.rows[self.index - 1].cells
                cells.extend(above[len(cells): len(cells) + tc.span])
            else:
                cells.extend([tc] * tc.span)
        return cells

    def cant_split(self) -> None:
        self._trPr.insert(0, '<w:cantSplit w:val="true"/>')

    def repeat_header(self) -> None:
        self._trPr.append('<w:tblHeader w:val="true"/>')

    def xml(self) -> str:
        props = f"<w:trPr>{''.join(self._trPr)}</w:trPr>" if self._trPr else ""
        return f"<w:tr>{props}{''.join(tc.xml() for tc in self.tcs)}</w:tr>"


class Table:
    """A fixed-layout, centred ``w:tbl`` in a table style, with the column widths of :func:`new_table`."""

    __slots__ = ("_styles", "style_id", "widths_mm", "_widths", "_total", "rows")

    def __init__(self, styles: StyleIds, widths_mm: Sequence[float], style: str):
        self._styles = styles
        self.style_id = styles.get(style, WD_STYLE_TYPE.TABLE)
        self.widths_mm = list(widths_mm)
        self._widths = [Mm(w).twips for w in widths_mm]
        self._total = Mm(sum(widths_mm)).twips
        self.rows: list[Row] = []

    def add_row(self) -> Row:
        row = Row(self, len(self.rows), [Cell(self._styles, w) for w in self._widths])
        self.rows.append(row)
        return row

    def cell(self, row_idx: int, col_idx: int) -> Cell:
        return self.rows[row_idx].cells[col_idx]

    def xml(self) -> str:
        style = "" if self.style_id is None else f'<w:tblStyle w:val="{_attr(self.style_id)}"/>'
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in self._widths)
        return (f'<w:tbl><w:tblPr>{style}<w:tblW w:type="dxa" w:w="{self._total}"/><w:jc w:val="center"/>'
                '<w:tblLayout w:type="fixed"/><w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" '
                'w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>'
                f"<w:tblGrid>{grid}</w:tblGrid>{''.join(r.xml() for r in self.rows)}</w:tbl>")


class Subdoc:
    """Paragraphs and tables in the template's styles, inserted with ``{{p name }}`` (what docxtpl's
    ``new_subdoc()`` gives, built without python-docx)."""

    def __init__(self, tpl: DocxTemplate):
        self.styles = _style_ids(tpl)
        self.blocks: list[Paragraph | Table] = []

    def add_paragraph(self) -> Paragraph:
        paragraph = Paragraph(self.styles)
        self.blocks.append(paragraph)
        return paragraph

    def add_table(self, widths_mm: Sequence[float], style: str = STYLE_TABLE) -> Table:
        table = Table(self.styles, widths_mm, style)
        self.blocks.append(table)
        return table

    def __html__(self) -> str:  # jinja2 autoescape leaves it as XML
        return "".join(block.xml() for block in self.blocks)

    __str__ = __html__


def new_subdoc(tpl: DocxTemplate) -> Subdoc:
    return Subdoc(tpl)


# --- paragraphs ---------------------------------------------------------------------------------------------


def set_style(paragraph: Paragraph, style: str) -> None:
    """``paragraph.style = style`` (the id resolved once per template)."""
    paragraph.set_style(style)


def add_paragraph(container: Subdoc, runs: Iterable[Run | str] | str = (), style: str | None = None,
                  keep_with_next: bool = False, space_before: Length | None = None) -> Paragraph:
    """A paragraph in ``style`` (the template's Normal when None) made of runs."""
    p = container.add_paragraph()
    if style:
        p.set_style(style)
    p.add_runs([runs] if isinstance(runs, str) else runs)
    if keep_with_next:
        p.set_keep_with_next()
    if space_before is not None:
        p.set_space_before(space_before)
    return p


# --- tables -------------------------------------------------------------------------------------------------


def new_table(container: Subdoc, widths_mm: Sequence[float], header: Sequence[str] | None = None,
              style: str = STYLE_TABLE) -> Table:
    """A fixed-layout table in the template's table style, with an optional header row repeated on every page."""
    table = container.add_table(widths_mm, style)
    if header:
        row = add_row(table, [[(h, "")] for h in header], style=STYLE_TABLE_HEADER)
        repeat_header(row)
        cant_split(row)
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return table


def add_row(table: Table, cells: Sequence[Sequence[Sequence[Run | str] | str] | str], style: str = STYLE_TABLE_TEXT,
            merge_from: int | None = None, shade: str | None = None, keep_with_next: bool = False) -> Row:
    """Append a row. Each cell is a string or a list of paragraphs (each a string or a list of runs).
    ``merge_from``: merge the cells from this column to the last one (a row spanning the table)."""
    row = table.add_row()
    if merge_from is not None:
        merged = row.tcs[merge_from]
        for tc in row.tcs[merge_from + 1:]:  # python-docx adds the widths when both are set
            if merged.width and tc.width:
                merged.width += tc.width
            merged.span += tc.span
        del row.tcs[merge_from + 1:]
        cells = list(cells[: merge_from + 1])
    for cell, content in zip(row.tcs, cells):
        paragraphs = [content] if isinstance(content, str) else list(content)
        if not paragraphs:
            paragraphs = [""]
        for i, para in enumerate(paragraphs):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            p.set_style(style)
            p.add_runs([para] if isinstance(para, str) else para)
            if keep_with_next:
                p.set_keep_with_next()
        if shade:
            cell.shade(shade)
    return row


def set_shading(cell: Cell, fill: str) -> None:
    cell.shade(fill)


def repeat_header(row: Row) -> None:
    row.repeat_header()


def cant_split(row: Row) -> None:
    row.cant_split()


def merge_down(table: Table, column: int, first_row: int, last_row: int) -> None:
    """Merge a column's cells vertically (a zone spanning its functions); keeps the first cell's text."""
    if last_row <= first_row:
        return
    top = table.cell(first_row, column)
    cells = [table.cell(r, column) for r in range(first_row + 1, last_row + 1)]
    if any(c.span != 1 or c.v_merge for c in [top, *cells]):
        raise ValueError("merge_down: the cells are merged already")
    for cell in cells:
        cell.paragraphs = []
        cell.add_paragraph().set_style(STYLE_TABLE_TEXT)
        cell.v_merge = "continue"  # an empty cell gives nothing to the merged one
    top.v_merge = "restart"
    top.paragraphs = [top.paragraphs[0], *(p for p in top.paragraphs[1:] if p.has_runs)]


# --- rendering ----------------------------------------------------------------------------------------------


def _with_paragraph_breaks(source: str) -> str:
    """docxtpl's render_xml_part before compiling: a line break before each paragraph."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", source)


def _after_render(xml: str, resolve_listing: Callable[[str], str]) -> str:
    """docxtpl's render_xml_part after jinja: the line breaks before paragraphs removed, escaped tags restored, tabs
    and line breaks of the values turned into Word's (nothing to do when the XML has none of them)."""
    xml = xml.replace("\n<w:p>", "<w:p>").replace("\n<w:p ", "<w:p ")  # re.sub(r"\n<w:p([ >])", …)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if any(c in xml for c in "\t\a\n\f"):
        xml = resolve_listing(xml)
    return xml


_W = nsmap["w"]
_TOO_MANY_CELLS = etree.XPath("boolean(.//w:tr[count(w:tc) > $n])", namespaces={"w": _W})
_FULL_ROW = etree.XPath("boolean(.//w:tr[count(w:tc) >= $n and not(w:tc/w:tcPr/w:gridSpan)])", namespaces={"w": _W})


def _fix_tables(tpl: DocxTemplate, xml: str) -> Any:
    """docxtpl's ``fix_tables``: the rendered body parsed as it parses it, and its repair of tables whose rows
    have more cells than the grid has columns, or all fewer, applied only when a table needs it (never for the
    tables built here; docxtpl looks at every cell of every row to find that out)."""
    tree = etree.fromstring(xml, parser=etree.XMLParser(recover=True))
    if tree.nsmap.get("w") != _W:
        return tpl.fix_tables(xml)
    for table in tree.iter(f"{{{_W}}}tbl"):
        grid = table.find(f"{{{_W}}}tblGrid")
        if grid is None:
            return tpl.fix_tables(xml)
        columns = len(grid.findall(f"{{{_W}}}gridCol"))
        # A row of as many cells as columns and no spans: no row is short of the grid in docxtpl's count.
        if _TOO_MANY_CELLS(table, n=columns) or not _FULL_ROW(table, n=columns):
            return tpl.fix_tables(xml)
    return tree


def _set_properties(props: CoreProperties, *, title: str, subject: str, stamp: dt.datetime, language: str) -> None:
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


def _render_parsed(parsed: _Parsed, tpl: DocxTemplate, context: dict[str, Any], *, title: str, subject: str,
                   stamp: dt.datetime, language: str) -> bytes:
    """What docxtpl's render, python-docx's save and normalise_package give, from the parsed template."""
    entries: dict[str, bytes | Deflated] = dict(parsed.static)
    try:
        xml = _after_render(parsed.compiled(parsed.body_source).render(context), tpl.resolve_listing)
        body = _fix_tables(tpl, xml)
        if "docPr" in xml:  # docxtpl's fix_docpr_ids
            for number, element in enumerate(body.xpath("//wp:docPr", namespaces=nsmap), start=1001):
                element.attrib["id"] = str(number)
        root = copy.deepcopy(parsed.root)
        root.replace(root.find(qn("w:body")), body)
        entries[parsed.main_name] = serialize_part_xml(root)
        for name, source in parsed.headers:
            rendered = _after_render(parsed.compiled(source).render(context), tpl.resolve_listing)
            entries[name] = serialize_part_xml(parse_xml(rendered.encode("utf-8")))
        core = parse_xml(parsed.core_blob)
        props = CoreProperties(core)
        for prop in _TEMPLATE_PROPERTIES:  # docxtpl's render_properties
            setattr(props, prop, parsed.compiled(getattr(props, prop)).render(context))
    except Exception as exc:  # jinja2 errors come from a template edited by hand
        raise DocumentError(f"Не удалось заполнить шаблон документа «{title}»: {exc}") from exc
    _set_properties(props, title=title, subject=subject, stamp=stamp, language=language)
    entries[parsed.core_name] = serialize_part_xml(core)
    return package_bytes(entries, stamp, reuse=False)  # the template's fixed parts come deflated


def _render_docxtpl(tpl: DocxTemplate, context: dict[str, Any], *, title: str, subject: str, stamp: dt.datetime,
                    language: str) -> bytes:
    """The full path: docxtpl renders, python-docx saves, the package is normalised."""
    try:
        tpl.render(context, autoescape=True)
    except Exception as exc:  # jinja2 errors come from a template edited by hand
        raise DocumentError(f"Не удалось заполнить шаблон документа «{title}»: {exc}") from exc
    _set_properties(tpl.docx.core_properties, title=title, subject=subject, stamp=stamp, language=language)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return normalise_package(buffer.getvalue(), stamp)


def render_docx(tpl: DocxTemplate, context: dict[str, Any], *, title: str, subject: str,
                stamp: dt.datetime, language: str = "ru-RU") -> bytes:
    """Render the template (user text escaped), fix the core properties and return deterministic bytes."""
    if isinstance(tpl, Template) and tpl.parsed.fast:
        return _render_parsed(tpl.parsed, tpl, context, title=title, subject=subject, stamp=stamp, language=language)
    return _render_docxtpl(tpl, context, title=title, subject=subject, stamp=stamp, language=language)
