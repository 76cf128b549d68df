"""The fast Word writer (issue 20) writes what docxtpl and python-docx wrote.

* The subdocument model of :mod:`vakr.documents.docx_common` gives, call for call, the XML python-docx gave
  (python-docx's own building of the same paragraphs and tables is replayed here as the reference).
* Rendering a parsed template gives the bytes of docxtpl's ``render``, python-docx's ``save`` and
  ``normalise_package`` (the full path, still used for templates with footnotes), for every document of the
  bundled examples in both languages and for the documents of the year.
* The ZIP writer gives zipfile's bytes.
* The akimat example's documents hold the facts the former writer produced: tables, rows, merged and shaded cells,
  styles, the text of given rows.
* A template edited on disk is read again.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from vakr.documents import docx_common as dc
from vakr.documents import render_documents, render_year_documents
from vakr.documents.package import ZIP_DATE_TIME, normalise_package, zip_package
from vakr.documents.report import render_report
from vakr.evaluation.evaluate import evaluate
from vakr.organisation.load import load_organisation
from vakr.paths import examples_dir

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
STAMP = dt.datetime(2025, 11, 28, tzinfo=dt.UTC)


# --- the subdocument model against python-docx --------------------------------------------------------------


class PythonDocx:
    """The former writer: python-docx's proxies, as docx_common used them before issue 20."""

    def __init__(self, tpl):
        self.part = tpl.get_docx().part
        self.doc = Document()
        self.doc._part = self.part
        self.widths: dict[int, list[float]] = {}

    def style(self, paragraph, name):
        paragraph._p.style = self.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)

    def runs(self, paragraph, runs):
        for item in runs:
            text, fmt = (item, "") if isinstance(item, str) else item
            if text:
                run = paragraph.add_run(text)
                if "b" in fmt:
                    run.bold = True
                if "i" in fmt:
                    run.italic = True

    def add_paragraph(self, runs=(), style=None, keep_with_next=False, space_before=None):
        p = self.doc.add_paragraph()
        if style:
            self.style(p, style)
        self.runs(p, [runs] if isinstance(runs, str) else runs)
        if keep_with_next:
            p.paragraph_format.keep_with_next = True
        if space_before is not None:
            p.paragraph_format.space_before = space_before
        return p

    def new_table(self, widths_mm, header=None, style=dc.STYLE_TABLE):
        table = self.doc.add_table(rows=0, cols=len(widths_mm))
        table.style = style
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        tbl = table._tbl
        for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths_mm):
            col.set(qn("w:w"), str(int(Mm(width).twips)))
        tbl.tblPr.find(qn("w:tblLayout")).set(qn("w:type"), "fixed")
        tbl_w = tbl.tblPr.find(qn("w:tblW"))
        tbl_w.set(qn("w:w"), str(int(Mm(sum(widths_mm)).twips)))
        tbl_w.set(qn("w:type"), "dxa")
        self.widths[id(table._tbl)] = list(widths_mm)
        if header:
            row = self.add_row(table, [[(h, "")] for h in header], style=dc.STYLE_TABLE_HEADER)
            self.repeat_header(row)
            self.cant_split(row)
            for cell in row.cells:
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        return table

    def add_row(self, table, cells, style=dc.STYLE_TABLE_TEXT, merge_from=None, shade=None, keep_with_next=False):
        row = table.add_row()
        widths = self.widths[id(table._tbl)]
        for i, cell in enumerate(row.cells):
            cell.width = Mm(widths[i])
        if merge_from is not None:
            merged = row.cells[merge_from].merge(row.cells[len(widths) - 1])
            cells = list(cells[: merge_from + 1])
        targets = list(row.cells) if merge_from is None else [*row.cells[:merge_from], merged]
        for cell, content in zip(targets, cells):
            paragraphs = [content] if isinstance(content, str) else list(content) or [""]
            for i, para in enumerate(paragraphs):
                p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                self.style(p, style)
                self.runs(p, [para] if isinstance(para, str) else para)
                if keep_with_next:
                    p.paragraph_format.keep_with_next = True
            if shade:
                self.set_shading(cell, shade)
        return row

    def set_shading(self, cell, fill):
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shd)

    def repeat_header(self, row):
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(el)

    def cant_split(self, row):
        el = OxmlElement("w:cantSplit")
        el.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().insert(0, el)

    def merge_down(self, table, column, first_row, last_row):
        if last_row <= first_row:
            return
        top = table.cell(first_row, column)
        for r in range(first_row + 1, last_row + 1):
            cell = table.cell(r, column)
            for p in list(cell.paragraphs):
                p._p.getparent().remove(p._p)
            self.style(cell.add_paragraph(), dc.STYLE_TABLE_TEXT)
        top.merge(table.cell(last_row, column))
        for p in table.cell(first_row, column).paragraphs[1:]:
            if not p.text:
                p._p.getparent().remove(p._p)

    def xml(self):  # the former Subdoc.__html__
        body = self.doc.element.body
        body.remove(body.sectPr)
        return re.sub(r"</?w:body[^>]*>", "", etree.tostring(body, encoding="unicode"))


class Model:
    """The same calls on docx_common's model."""

    def __init__(self, tpl):
        self.doc = dc.new_subdoc(tpl)

    def add_paragraph(self, *args, **kwargs):
        return dc.add_paragraph(self.doc, *args, **kwargs)

    def style(self, paragraph, name):
        dc.set_style(paragraph, name)

    def new_table(self, *args, **kwargs):
        return dc.new_table(self.doc, *args, **kwargs)

    def add_row(self, *args, **kwargs):
        return dc.add_row(*args, **kwargs)

    def set_shading(self, cell, fill):
        dc.set_shading(cell, fill)

    def cant_split(self, row):
        dc.cant_split(row)

    def merge_down(self, *args):
        dc.merge_down(*args)

    def xml(self):
        return self.doc.__html__()


def scenario(api):
    """Paragraphs and tables exercising what the documents do, and the odd cases around it."""
    api.add_paragraph()
    api.add_paragraph("Простой текст")
    api.add_paragraph([("Жирный", "b"), " и ", ("курсив", "i"), ("оба", "bi"), ("", "b"), ("ib", "ib")])
    api.add_paragraph(["  пробелы по краям ", "\u00a0неразрывный\u00a0", "таб\tи\nперенос\rи\r\nещё\t"])
    api.add_paragraph('Разметка <b> & "кавычки" \'апостроф\' ]]> {{ не тег }} {%_ x %}', style=dc.HEADING_2)
    api.add_paragraph([("Заголовок", "b")], style=dc.STYLE_TITLE, keep_with_next=True, space_before=Pt(6))
    api.add_paragraph("", style=dc.STYLE_PLAIN)
    api.add_paragraph([("\t", "b"), ("\n", "i")], keep_with_next=True)
    table = api.new_table([12, 50.5, 30, 27.3], header=["№", "Текст", "Число", "Ещё"])
    api.add_row(table, ["1", "Строка", "2", "x"])
    row = api.add_row(table, ["2", [[("Абзац 1", "i")], ["Абзац 2", (" ◊", "b")]], ["a", "b"], []])
    api.cant_split(row)
    api.cant_split(row)
    for cell in row.cells[2:]:
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    api.add_row(table, ["3", "неполная строка"])
    api.add_row(table, ["", [[("Группа", "b")]], "лишнее"], merge_from=1, shade=dc.SHADE_GROUP, keep_with_next=True)
    row = api.add_row(table, ["", "на всю ширину"], merge_from=0)
    api.style(row.cells[0].paragraphs[0], dc.STYLE_PLAN_NUMBERS[1])
    row = api.add_row(table, ["4", "a", "b", "c"], shade="FFFFFF")
    api.set_shading(row.cells[1], "000000")
    row.cells[1].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    api.style(row.cells[3].paragraphs[0], dc.STYLE_PLAN_NUMBERS[3])
    zones = api.new_table([10, 40, 40], header=["№", "Зона", "Функция"])
    api.add_row(zones, ["1", [["Зона А"], [""], ["ещё строка"], [""]], "ф1"])
    api.add_row(zones, ["2", "затирается", "ф2"])
    api.add_row(zones, ["3", "", "ф3"])
    api.add_row(zones, ["4", "Зона Б", "ф4"])
    api.add_row(zones, ["5", "", "ф5"])
    api.add_row(zones, ["6", "Зона В", "ф6"])
    api.merge_down(zones, 1, 1, 3)
    api.merge_down(zones, 1, 4, 5)
    api.merge_down(zones, 1, 6, 6)
    row = api.add_row(zones, ["7", "после слияния", "ф7"])
    api.cant_split(row)
    api.new_table([100, 60], style=dc.STYLE_LAYOUT)
    api.add_paragraph("Конец")


def test_the_model_writes_what_python_docx_wrote():
    tpl = dc.load_template("plan.docx")  # the template with every style (the plan's numbers too)
    reference = PythonDocx(dc.load_template("plan.docx"))
    model = Model(tpl)
    scenario(reference)
    scenario(model)
    assert model.xml() == reference.xml()


def test_the_model_refuses_what_lxml_refused():
    doc = dc.new_subdoc(dc.load_template("report.docx"))
    for bad in ("\x00", "a\x0bb", "\x1f", "\ufffe"):
        with pytest.raises(ValueError):
            dc.add_paragraph(doc, f"текст {bad}")


def test_a_style_the_template_lacks_is_an_error_as_before():
    doc = dc.new_subdoc(dc.load_template("report.docx"))
    with pytest.raises(KeyError):
        dc.add_paragraph(doc, "x", style="Нет такого стиля")


# --- the fast rendering against docxtpl ---------------------------------------------------------------------


@pytest.fixture
def through_docxtpl(monkeypatch):
    """Every Word document rendered by docxtpl and saved by python-docx, as before issue 20."""
    def full(parsed, tpl, context, **kwargs):
        return dc._render_docxtpl(tpl, context, **kwargs)

    monkeypatch.setattr(dc, "_render_parsed", full)


@pytest.fixture(scope="module")
def examples(catalogue):
    return {name: evaluate(load_organisation(examples_dir() / name, catalogue), catalogue)
            for name in ("akimat-example.yaml", "quasi-example.yaml")}


@pytest.fixture(scope="module")
def fast_documents(examples, catalogue):
    return {name: render_documents(evaluation, catalogue, langs=("ru", "kk")) for name, evaluation in examples.items()}


@pytest.mark.parametrize("example", ["akimat-example.yaml", "quasi-example.yaml"])
def test_fast_documents_are_docxtpls_bytes(example, examples, fast_documents, catalogue, through_docxtpl):
    names = [n for n in fast_documents[example] if n.endswith(".docx")]
    assert len(names) == 6
    slow = render_documents(examples[example], catalogue, only=tuple(names), langs=("ru", "kk"))
    for name in names:
        assert fast_documents[example][name] == slow[name], name


def test_year_documents_are_docxtpls_bytes(catalogue, monkeypatch):
    org = load_organisation(examples_dir() / "akimat-example.yaml", catalogue)
    today = dt.date(2026, 6, 15)
    fast = render_year_documents(org, catalogue, today)
    monkeypatch.setattr(dc, "_render_parsed", lambda parsed, tpl, context, **kw: dc._render_docxtpl(tpl, context, **kw))
    slow = render_year_documents(org, catalogue, today)
    names = [n for n in fast if n.endswith(".docx")]
    assert len(names) == 2
    for name in names:
        assert fast[name] == slow[name], name


def test_a_plain_docxtpl_template_still_renders(examples, catalogue, fast_documents):
    """render_docx with docxtpl's own DocxTemplate (as before: opened and rendered by docxtpl)."""
    from docxtpl import DocxTemplate

    from vakr.documents.report import report_context

    path = dc.templates_dir() / "report.docx"
    tpl = DocxTemplate(str(path))
    evaluation = examples["akimat-example.yaml"]
    context = report_context(tpl, evaluation, catalogue)
    data = dc.render_docx(tpl, context, title=catalogue.report.title, subject=evaluation.profile.name,
                          stamp=dt.datetime.combine(evaluation.profile.vakr_end, dt.time(), tzinfo=dt.UTC))
    assert data == fast_documents["akimat-example.yaml"]["report.docx"]


_TC = '<w:tc><w:tcPr><w:tcW w:w="100" w:type="dxa"/>{span}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>'


def _tbl(columns: int, *rows: list[int]) -> str:
    """A table of ``columns`` grid columns; each row a list of its cells' spans."""
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(columns))
    body = "".join("<w:tr>" + "".join(_TC.format(span=f'<w:gridSpan w:val="{s}"/>' if s > 1 else "", text=i)
                                      for i, s in enumerate(row)) + "</w:tr>" for row in rows)
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"


@pytest.mark.parametrize("tables", [
    [_tbl(3, [1, 1, 1], [1, 2], [3])],  # what the documents hold: a full row, spans summing to the grid
    [_tbl(2, [1, 1, 1], [1, 1])],  # a row with more cells than columns
    [_tbl(4, [1, 1], [2, 1])],  # every row short of the grid
    [_tbl(3, [1, 1], [1, 1, 1]), _tbl(2)],  # a table without rows
    [_tbl(2, [1, 1]), _tbl(3, [1, 1, 1], [1, 1, 1, 1])],  # the second table needs it
    [_tbl(2, [2], [1, 1]).replace("<w:p>", "<w:p>" + _tbl(1, [1, 1]), 1)],  # a table in a cell
])
def test_tables_are_fixed_as_docxtpl_fixes_them(tables):
    from docxtpl import DocxTemplate

    xml = f'<w:body xmlns:w="{W}"><w:p/>{"".join(tables)}<w:p/></w:body>'
    tpl = DocxTemplate("unused.docx")
    assert etree.tostring(dc._fix_tables(tpl, xml)) == etree.tostring(tpl.fix_tables(xml))


# --- the ZIP layout -----------------------------------------------------------------------------------------


def _zipfile_package(entries: dict[str, bytes]) -> bytes:
    """What normalise_package wrote with zipfile before issue 20."""
    order = {"[Content_Types].xml": 0, "_rels/.rels": 1}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in sorted(entries, key=lambda n: (order.get(n, 2), n)):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, entries[name], compresslevel=6)
    return out.getvalue()


def test_zip_layout_is_zipfiles():
    entries = {"word/document.xml": "<w:document>текст</w:document>".encode() * 500, "_rels/.rels": b"<r/>",
               "[Content_Types].xml": b"<Types/>", "word/media/пустой.bin": b"", "a/b.bin": os.urandom(3000)}
    assert zip_package(entries) == _zipfile_package(entries)
    assert normalise_package(_zipfile_package(entries), STAMP) == _zipfile_package(entries)
    assert normalise_package(_zipfile_package(entries), STAMP) == _zipfile_package(entries)  # from the cache


# --- facts of the akimat example, as the former writer produced them ----------------------------------------


def _body(data: bytes):
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return root.find(f"{{{W}}}body")


def _x(element, path):
    return element.xpath(path, namespaces=NS)


def _text(element) -> str:
    return "".join(_x(element, ".//w:t/text()"))


def _first_style(cell) -> str | None:
    style = _x(cell, "w:p[1]/w:pPr/w:pStyle/@w:val")
    return style[0] if style else None


def test_report_facts(fast_documents):
    body = _body(fast_documents["akimat-example.yaml"]["report.docx"])
    tables = _x(body, "w:tbl")
    assert [len(_x(t, "w:tr")) for t in tables] == [10, 12, 6, 1]
    assert [_x(t, "w:tblPr/w:tblStyle/@w:val")[0] for t in tables] == ["VakrTable"] * 3 + ["VakrLayout"]
    npa = tables[0]
    assert _x(npa, "w:tblGrid/w:gridCol/@w:w") == ["680", "4706", "1701", "2551"]
    assert _x(npa, "w:tblPr/w:tblW/@w:w") == ["9638"] and _x(npa, "w:tblPr/w:tblLayout/@w:type") == ["fixed"]
    header = _x(npa, "w:tr[1]")[0]
    assert _x(header, "w:trPr/*") == _x(header, "w:trPr/w:cantSplit") + _x(header, "w:trPr/w:tblHeader")
    assert [_first_style(c) for c in _x(header, "w:tc")] == ["VakrTableHeader"] * 4
    assert _x(header, "w:tc/w:tcPr/w:vAlign/@w:val") == ["center"] * 4
    assert [_text(c) for c in _x(npa, "w:tr[2]/w:tc")] == ["1", "Правовой пробел", "2", "4, 9"]
    assert [_text(c) for c in _x(npa, "w:tr[10]/w:tc")] == ["", "Итого", "3", ""]
    assert _x(npa, "w:tr[10]/w:tc[2]//w:r/w:rPr/w:b") and not _x(npa, "w:tr[2]//w:rPr")
    for row in _x(npa, "w:tr")[1:]:  # numbers centred, from the third column
        assert [bool(_x(c, "w:p/w:pPr/w:jc[@w:val='center']")) for c in _x(row, "w:tc")] == [False, False, True, True]
        assert _x(row, "w:trPr/w:cantSplit")
    assert [_text(c) for c in _x(tables[2], "w:tr[3]/w:tc")] == ["Средний", "5–9", "7"]
    styles = Counter((_x(p, "w:pPr/w:pStyle/@w:val") or [None])[0] for p in body.iter(f"{{{W}}}p"))
    assert styles == {None: 128, "VakrTableText": 73, "Heading2": 9, "VakrTableHeader": 9, "VakrPlain": 5,
                      "Heading1": 4, "VakrTitle": 3}
    # Each risk's heading: bold direction, the indicator, space before, kept with the next paragraph.
    headings = _x(body, "w:p[w:pPr/w:spacing[@w:before='120']]")
    assert len(headings) == 15 and all(_x(h, "w:pPr/w:keepNext") for h in headings)
    assert _text(headings[0]).startswith("По направлению – широта дискреционных полномочий, по индикатору:")
    assert len(_x(body, ".//w:keepNext")) == 33 and len(_x(body, ".//w:br")) == 2


def test_plan_facts(fast_documents):
    body = _body(fast_documents["akimat-example.yaml"]["plan.docx"])
    table = _x(body, "w:tbl")[0]
    rows = _x(table, "w:tr")
    assert len(rows) == 37 and all(_x(r, "w:trPr/w:cantSplit") for r in rows)
    assert _x(table, "w:tblGrid/w:gridCol/@w:w") == ["901", "4518", "3572", "1678", "2228", "1672"]
    numbers = Counter(_first_style(_x(r, "w:tc")[0]) for r in rows[1:])
    assert numbers == {"VakrPlanNumber1": 6, "VakrPlanNumber2": 15, "VakrPlanNumber3": 15}
    groups = [r for r in rows if _x(r, "w:tc/w:tcPr/w:gridSpan")]
    assert len(groups) == 21 and all(len(_x(r, "w:tc")) == 2 for r in groups)
    assert set(_x(table, ".//w:gridSpan/@w:val")) == {"5"} and set(_x(table, ".//w:gridSpan/../w:tcW/@w:w")) == {"13668"}
    units = [r for r in rows if _x(r, "w:tc/w:tcPr/w:shd")]
    assert len(units) == 6 and all(_x(r, "w:tc/w:tcPr/w:shd/@w:fill") == ["E7E6E6"] * 2 for r in units)
    first_unit = rows[1]
    assert _text(first_unit) == "Служба управления персоналом (кадровая служба)"
    assert _x(first_unit, "w:tc[2]//w:r/w:rPr/w:b") and len(_x(first_unit, ".//w:keepNext")) == 2
    indicator = rows[2]
    assert _x(indicator, "w:tc[2]//w:r/w:rPr/w:i") and _text(indicator).startswith("Оказание государственных услуг:")
    risk = rows[3]
    cells = _x(risk, "w:tc")
    assert len(cells) == 6 and [_first_style(c) for c in cells] == ["VakrPlanNumber3"] + ["VakrTableText"] * 5
    assert len(_x(cells[1], "w:p")) == 2 and _x(cells[1], "w:p[1]/w:r/w:rPr/w:i")  # the act in italics, then the text
    assert [_text(c) for c in cells[3:]] == ["Письмо", "Служба управления персоналом (кадровая служба) (Жұмабаева Ә.Қ.)",
                                             "27 февраля 2026 года"]


def test_positions_facts(fast_documents):
    body = _body(fast_documents["akimat-example.yaml"]["positions.docx"])
    table = _x(body, "w:tbl")[0]
    rows = _x(table, "w:tr")
    assert len(rows) == 15 and _x(table, "w:tblGrid/w:gridCol/@w:w") == ["822", "2557", "3135", "3124"]
    groups = [r for r in rows if _x(r, "w:tc/w:tcPr/w:gridSpan[@w:val='3']")]
    assert len(groups) == 6 and all(_x(r, "w:tc/w:tcPr/w:shd/@w:fill") == ["E7E6E6"] * 2 for r in groups)
    assert [_text(c) for c in _x(rows[2], "w:tc")][:2] == ["1.", "Руководитель службы управления персоналом"]
    assert [_text(_x(r, "w:tc")[0]) for r in rows if r not in groups][1:] == [f"{n}." for n in range(1, 9)]


def test_zones_span_their_functions(catalogue):
    """The list of positions of an organisation with control functions: the zone's cell merged down."""
    org = load_organisation(examples_dir() / "akimat-example.yaml", catalogue)
    finding = org.findings[0].model_copy(update={"indicator": "org.control"})
    evaluation = evaluate(org.model_copy(update={"findings": [*org.findings, finding]}), catalogue)
    body = _body(render_documents(evaluation, catalogue, only=("positions.docx",))["positions.docx"])
    table = _x(body, "w:tbl")[1]
    rows = _x(table, "w:tr")[1:]
    assert len(rows) == 8
    zone = [_x(r, "w:tc")[1] for r in rows]
    assert _x(zone[0], "w:tcPr/w:vMerge/@w:val") == ["restart"]
    assert _text(zone[0]) == "Государственный контроль, надзор и аудит"
    for cell in zone[1:]:
        assert _x(cell, "w:tcPr/w:vMerge") and not _x(cell, "w:tcPr/w:vMerge/@w:val")
        assert len(_x(cell, "w:p")) == 1 and _first_style(cell) == "VakrTableText" and not _text(cell)


# --- the templates are read once, and again when edited -----------------------------------------------------


def test_an_edited_template_is_read_again(tmp_path, examples, catalogue):
    copy = tmp_path / "report.docx"
    copy.write_bytes((dc.templates_dir() / "report.docx").read_bytes())
    evaluation = examples["akimat-example.yaml"]
    first = dc.load_template("report.docx", copy)
    assert dc.load_template("report.docx", copy).parsed is first.parsed
    before = render_report(evaluation, catalogue, template=copy)
    with zipfile.ZipFile(copy) as src:
        entries = {info.filename: src.read(info) for info in src.infolist()}
    entries["word/document.xml"] = entries["word/document.xml"].replace("Вводная часть".encode(), "Введение".encode())
    with zipfile.ZipFile(copy, "w") as dst:
        for name, data in entries.items():
            dst.writestr(name, data)
    os.utime(copy, ns=(1, 1))
    assert dc.load_template("report.docx", copy).parsed is not first.parsed
    after = render_report(evaluation, catalogue, template=copy)
    assert "Введение".encode() in zipfile.ZipFile(io.BytesIO(after)).read("word/document.xml")
    assert "Вводная часть".encode() in zipfile.ZipFile(io.BytesIO(before)).read("word/document.xml")


def test_a_template_missing_is_reported():
    with pytest.raises(Exception, match="Не найден шаблон документа"):
        dc.load_template("report.docx", Path("/nonexistent/report.docx"))
