"""The plan and the list of positions written by XlsxWriter (issue 20) look as the openpyxl workbooks did: the same
sheets, merged ranges, frozen panes, autofilter, widths, heights, fonts, frames and fills, print setup and
properties, read back with openpyxl; the same input gives the same bytes. The look of each row (which cells are
shaded, where pages break) is tested in test_xlsx_layout.py; here, what the writer must keep.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from vakr import spreadsheet
from vakr.documents import xlsx, xlsx_common
from vakr.documents.tables import plan_rows
from vakr.errors import DocumentError
from vakr.evaluation.evaluate import Evaluation, evaluate
from vakr.organisation.load import load_organisation
from vakr.paths import examples_dir

SPARSE = Path(__file__).parent / "data" / "sparse-land.yaml"


@pytest.fixture(scope="module")
def akimat(catalogue) -> Evaluation:
    return evaluate(load_organisation(examples_dir() / "akimat-example.yaml", catalogue), catalogue)


@pytest.fixture(scope="module")
def sparse(catalogue) -> Evaluation:
    return evaluate(load_organisation(SPARSE, catalogue), catalogue)


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _merged(ws) -> set[str]:
    return {str(m) for m in ws.merged_cells.ranges}


def _sides(cell) -> tuple[str | None, ...]:
    b = cell.border
    return b.left.style, b.right.style, b.top.style, b.bottom.style


M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _stored(data: bytes, sheet: int, ref: str) -> tuple[str, str | None, tuple[str | None, ...]] | None:
    """(font, fill colour, frame sides) of a cell as stored in the file, or None if the file holds no such cell.
    openpyxl's reader replaces the cells of a merged range beside the first by empty ones framed like the first, so
    what the file holds for them (what Excel draws) is read from the XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read(f"xl/worksheets/sheet{sheet}.xml"))
        styles = etree.fromstring(z.read("xl/styles.xml"))
    cell = next((c for c in root.iter(f"{M}c") if c.get("r") == ref), None)
    if cell is None:
        return None
    xf = styles.find(f"{M}cellXfs")[int(cell.get("s", 0))]
    font = styles.find(f"{M}fonts")[int(xf.get("fontId"))].find(f"{M}name").get("val")
    colour = styles.find(f"{M}fills")[int(xf.get("fillId"))].find(f".//{M}fgColor")
    border = styles.find(f"{M}borders")[int(xf.get("borderId"))]
    sides = tuple(border.find(f"{M}{side}").get("style") for side in ("left", "right", "top", "bottom"))
    return font, None if colour is None else colour.get("rgb"), sides


# --- the plan -------------------------------------------------------------------------------------------------


def test_plan_layout(akimat, catalogue):
    ws = _book(xlsx.render_plan_xlsx(akimat, catalogue))["План мероприятий"]
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "№ п/п")
    rows = plan_rows(akimat)
    last = head + len(rows)
    # merged: the approval block (D:G), the title (A:G), every unit and indicator (B:G), the legends under the table
    # (B:G), the approvals (C:D)
    groups = {f"B{head + i}:G{head + i}" for i, r in enumerate(rows, 1) if r.level < 3}
    legends = {m for m in _merged(ws) if m.startswith("B") and int(m.split(":")[0][1:]) > last}
    approvals = {m for m in _merged(ws) if m.startswith("C")}
    assert groups and legends and all(m == f"B{m[1:].split(':')[0]}:G{m[1:].split(':')[0]}" for m in legends)
    assert approvals and all(m == f"C{m[1:].split(':')[0]}:D{m[1:].split(':')[0]}" for m in approvals)
    assert _merged(ws) == {"D1:G1", "D2:G2", "D3:G3", "D4:G4", "A6:G6", "A7:G7"} | groups | legends | approvals
    assert ws.freeze_panes == f"A{head + 1}"
    assert ws.auto_filter.ref == f"A{head}:G{last}"
    assert [ws.column_dimensions[c].width for c in "ABCDEFG"] == list(xlsx_common.PLAN_WIDTHS)
    assert all(ws.column_dimensions[c].customWidth for c in "ABCDEFG")
    # heights exactly as computed (20.38 stays 20.38: XlsxWriter works in pixels)
    assert ws.row_dimensions[1].height == 20.38
    assert ws.row_dimensions[head].height == xlsx_common.row_height(
        list(zip([c.value for c in ws[head]], xlsx_common.PLAN_WIDTHS)))
    # print setup
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${head}:${head}"
    assert ws.print_area == f"'План мероприятий'!$A$1:$G${ws.max_row}"
    margins = ws.page_margins
    assert (margins.left, margins.right, margins.top, margins.bottom, margins.header, margins.footer) == \
        pytest.approx((30 / 25.4, 10 / 25.4, 20 / 25.4, 20 / 25.4, 10 / 25.4, 10 / 25.4))
    footer = ws.oddFooter.center
    assert (footer.text, footer.font, footer.size) == ("&P", "Times New Roman", 10)
    assert [b.id for b in ws.row_breaks.brk]  # the akimat plan takes several pages


def test_plan_cells_keep_their_look(akimat, catalogue):
    data = xlsx.render_plan_xlsx(akimat, catalogue)
    ws = _book(data).active
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "№ п/п")
    header = ws.cell(head, 2)
    assert (header.font.name, header.font.sz, header.font.b) == ("Times New Roman", 12, True)
    assert (header.alignment.horizontal, header.alignment.vertical, header.alignment.wrap_text) == \
        ("center", "center", True)
    assert header.fill.patternType == "solid" and header.fill.fgColor.rgb == "00D9D9D9"
    assert header.fill.bgColor.rgb == "00000000"  # no background colour written, as openpyxl's PatternFill
    assert _sides(header) == ("thin",) * 4 and header.border.left.color.rgb == "00000000"
    assert header.font.color is None and header.font.family is None  # no theme colour, no family: as before
    unit = head + 1
    assert ws.cell(unit, 2).font.b and ws.cell(unit, 2).fill.fgColor.rgb == "00E7E6E6"
    assert f"B{unit}:G{unit}" in _merged(ws)
    for col in "CDEFG":  # the merged cells beside a unit's name: framed and shaded, in the default font
        assert _stored(data, 1, f"{col}{unit}") == ("Calibri", "00E7E6E6", ("thin",) * 4), col
    assert _stored(data, 1, "E1") is None  # a merge without a frame stores nothing beside its first cell
    title = ws["A6"]
    assert (title.font.sz, title.font.b, title.alignment.horizontal, title.alignment.vertical) == (14, True, "center",
                                                                                                  "top")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
        assert "xl/sharedStrings.xml" not in z.namelist()  # every text sits in its cell, as openpyxl wrote it
    assert "<t>УТВЕРЖДАЮ</t>" in sheet and 't="inlineStr"' in sheet


def test_properties_and_determinism(akimat, catalogue):
    for render in (xlsx.render_plan_xlsx, xlsx.render_positions_xlsx):
        for lang in ("ru", "kk"):
            data = render(akimat, catalogue, lang)
            assert data == render(akimat, catalogue, lang), (render.__name__, lang)
            props = _book(data).properties
            midnight = dt.datetime.combine(akimat.profile.vakr_end, dt.time())
            assert (props.creator, props.lastModifiedBy, props.language, props.revision) == \
                ("vakr", "vakr", "ru-RU", "1")
            assert props.created == props.modified == props.lastPrinted == midnight
            assert props.title and props.subject
            if lang == "ru":
                assert props.subject == akimat.profile.name
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                assert {i.date_time for i in z.infolist()} == {(2020, 1, 1, 0, 0, 0)}


def test_kazakh_sheet_titles(akimat, catalogue):
    assert _book(xlsx.render_plan_xlsx(akimat, catalogue, "kk")).sheetnames == ["Іс-шаралар жоспары"]
    assert _book(xlsx.render_positions_xlsx(akimat, catalogue, "kk")).sheetnames == [
        "Лауазымдар тізбесі", "Үлгілік функциялар тізбесі"]


# --- the list of positions --------------------------------------------------------------------------------------


def test_positions_layout(sparse, catalogue):
    wb = _book(xlsx.render_positions_xlsx(sparse, catalogue))
    assert wb.sheetnames == ["Перечень должностей", "Коррупциогенные функции"]
    ws = wb["Перечень должностей"]
    assert ws.freeze_panes == "A6" and ws.auto_filter.ref.startswith("A5:D")
    assert {"A1:D1", "A3:D3"} <= _merged(ws)
    # equal neighbouring widths may be stored as one range of columns (C:D), as Excel does
    widths = {}
    for d in ws.column_dimensions.values():
        for i in range(d.min, d.max + 1):
            widths[i] = d.width
    assert [widths[i] for i in range(1, 5)] == list(xlsx_common.POSITIONS_WIDTHS)
    assert ws.page_setup.orientation == "portrait" and ws.page_setup.fitToWidth == 1
    assert isinstance(ws["A7"].value, int) and ws["A7"].alignment.horizontal == "center"
    signature = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 4).value or "").startswith("____"))
    assert ws.cell(signature, 4).alignment.vertical in (None, "bottom")  # bottom: the default, not written


def test_a_zone_spans_its_functions(sparse, catalogue):
    data = xlsx.render_positions_xlsx(sparse, catalogue)
    ws = _book(data)["Коррупциогенные функции"]
    vertical = [m for m in ws.merged_cells.ranges if m.min_row != m.max_row]
    assert len(vertical) == 1
    zone = vertical[0]
    assert (zone.min_col, zone.max_col) == (2, 2) and zone.size["rows"] > 2
    assert ws.cell(zone.min_row, 2).value and _sides(ws.cell(zone.min_row, 2)) == ("thin",) * 4
    for row in range(zone.min_row + 1, zone.max_row):  # inside: framed on the sides only, as openpyxl merged it
        assert _stored(data, 2, f"B{row}") == ("Calibri", None, ("thin", "thin", None, None)), row
    assert _stored(data, 2, f"B{zone.max_row}") == ("Calibri", None, ("thin", "thin", None, "thin"))
    assert ws.print_title_rows == f"${zone.min_row - 1}:${zone.min_row - 1}"


# --- the writer's cells -----------------------------------------------------------------------------------------


def _one_sheet(fill) -> openpyxl.worksheet.worksheet.Worksheet:
    book = xlsx_common.DocumentBook()
    sheet = book.sheet("Лист", (10, 20))
    fill(sheet)
    return _book(book.finish("Заголовок", "Организация", dt.date(2026, 1, 1)))["Лист"]


def test_cells_are_typed():
    def fill(sheet):
        sheet.put(1, 1, dt.date(2026, 3, 31))
        sheet.put(1, 2, "=SUM(A1:A9)")
        sheet.put(2, 1, 7)
        sheet.put(2, 2, "  ", border=True)
        sheet.put(3, 1, "a\x01b", merge_to=2)

    ws = _one_sheet(fill)
    assert ws["A1"].value == dt.datetime(2026, 3, 31) and ws["A1"].number_format == "DD.MM.YYYY"
    assert ws["A1"].is_date
    assert ws["B1"].value == "=SUM(A1:A9)" and ws["B1"].data_type == "s"
    assert ws["A2"].value == 7
    assert ws["B2"].value is None and _sides(ws["B2"]) == ("thin",) * 4  # an empty text: an empty framed cell
    assert ws["A3"].value == "ab" and _merged(ws) == {"A3:B3"}


def test_text_longer_than_a_cell_is_refused():
    book = xlsx_common.DocumentBook()
    sheet = book.sheet("План", (10,))
    with pytest.raises(DocumentError, match=r"«План», ячейка B4: .*32767"):
        sheet.put(4, 2, "Ж" * 32_768)


def test_row_heights_are_written_exactly():
    # XlsxWriter takes a row's height in pixels and writes pixels × 0.75 points: every height a row of the documents
    # can have (lines of 12 or 14 pt text, the approvals' 24 pt) must come back as it was computed
    heights = {24.0, spreadsheet.MAX_ROW_PT} | {
        xlsx_common.row_height([("\n".join("Ж" * lines), 10)], size) for size in (12, 14) for lines in range(1, 40)}
    assert {20.38, 17.75, 409} <= heights
    for height in heights:
        assert float(f"{xlsx_common._row_pixels(height) * 0.75:.16g}") == height, height
