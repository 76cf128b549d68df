"""The Excel plan and list of positions as a reader and a printer see them: the values vakr suggested are named in
a 7th column and shaded, and the manual page breaks never leave a group row (unit, indicator, header) at the bottom
of a page. Real values from the bundled akimat example; the printed pages are checked in a PDF made by LibreOffice.
The row-height rule and the typed cells are vakr.spreadsheet's, shared with the input workbooks.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest
import yaml
from office import libreoffice, libreoffice_convert  # tests/office.py

from vakr import spreadsheet
from vakr.documents import xlsx, xlsx_common
from vakr.documents.tables import plan_rows
from vakr.documents.wording.russian import RUSSIAN
from vakr.errors import DocumentError
from vakr.evaluation.evaluate import SUGGESTION_KINDS, Evaluation, evaluate
from vakr.organisation.excel import layout
from vakr.organisation.load import load_organisation
from vakr.organisation.model import Organisation
from vakr.paths import examples_dir

DATA = Path(__file__).parent / "data"
AKIMAT = examples_dir() / "akimat-example.yaml"
SHEET = "План мероприятий"
NUMBER = re.compile(r"^(\d+\.){1,3}$")


# --- fixtures -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def akimat_org(catalogue) -> Organisation:
    return load_organisation(AKIMAT, catalogue)


def _with_suggestions(evaluation: Evaluation, org: Organisation) -> Evaluation:
    """The evaluation as is once vakr records its suggestions in ``Risk.suggested``; before that, the kinds the
    analyst left empty are marked here, so the documents can be checked either way."""
    if any(r.suggested for r in evaluation.risks):
        return evaluation
    risks = []
    for r in evaluation.risks:
        finding = org.findings[r.finding]
        kinds = tuple(k for k in ("measure", "completion_form", "due") if not getattr(finding, k))
        risks.append(r.model_copy(update={"suggested": kinds}))
    return evaluation.model_copy(update={"risks": risks})


@pytest.fixture(scope="module")
def akimat(catalogue, akimat_org) -> Evaluation:
    return _with_suggestions(evaluate(akimat_org, catalogue), akimat_org)


@pytest.fixture(scope="module")
def long_plan(catalogue, akimat_org) -> Evaluation:
    """The akimat findings four times over, each copy under units of its own: many pages, many group rows."""
    findings = [
        f if k == 0 else f.model_copy(update={"unit": f"{f.unit} — участок {k + 1}"})
        for k in range(4) for f in akimat_org.findings
    ]
    org = akimat_org.model_copy(update={"findings": findings})
    return _with_suggestions(evaluate(org, catalogue), org)


@pytest.fixture(scope="module")
def small(catalogue) -> Evaluation:
    data = yaml.safe_load((DATA / "small-org.yaml").read_text(encoding="utf-8"))
    return evaluate(Organisation.model_validate(data), catalogue)


def _sheet(data: bytes, title: str = SHEET):
    return openpyxl.load_workbook(io.BytesIO(data))[title]


def _header_row(ws) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "№ п/п")


def _row_of(ws, number: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == number)


def _breaks(ws) -> list[int]:
    return [b.id for b in ws.row_breaks.brk]


def _level(ws, row: int) -> int:
    """1, 2, 3 for the plan's item rows (by the number in column A); 0 for any other row."""
    value = ws.cell(row, 1).value
    return value.count(".") if isinstance(value, str) and NUMBER.match(value) else 0


# --- suggestions ----------------------------------------------------------------------------------------------


def test_seventh_column_in_header_frame_and_print_area(akimat, catalogue):
    ws = _sheet(xlsx.render_plan_xlsx(akimat, catalogue))
    head = _header_row(ws)
    seeds = [c.title for c in next(t for t in catalogue.tables if t.code == "table.plan").columns]
    assert [ws.cell(head, c).value for c in range(1, 8)] == [*seeds, "Предложено по методике — проверьте"]
    assert ws.cell(head, 7).font.bold and ws.cell(head, 7).fill.fgColor.rgb == "00D9D9D9"
    assert ws.cell(head, 7).border.left.style == "thin"
    assert ws.column_dimensions["G"].width == 20
    last = max(r for r in range(1, ws.max_row + 1) if _level(ws, r))
    assert ws.auto_filter.ref == f"A{head}:G{last}"
    assert ws.freeze_panes == f"A{head + 1}"
    assert ws.print_title_rows == f"${head}:${head}"
    assert ws.print_area.endswith(f"$G${ws.max_row}")
    merged = {str(m) for m in ws.merged_cells.ranges}
    for r in range(head + 1, last + 1):
        if _level(ws, r) in (1, 2):
            assert f"B{r}:G{r}" in merged
        else:
            assert ws.cell(r, 7).border.right.style == "thin"


def test_suggested_values_are_named_and_shaded(akimat, akimat_org, catalogue):
    ws = _sheet(xlsx.render_plan_xlsx(akimat, catalogue))
    rows = {r.number: r for r in plan_rows(akimat) if r.level == 3}
    # a risk whose measure the analyst left empty
    number, row = next((n, r) for n, r in rows.items() if not akimat_org.findings[r.risk.finding].measure)
    assert {"measure", "completion_form"} <= set(row.suggested)
    r = _row_of(ws, number)
    expected = ", ".join(name for code, name in SUGGESTION_KINDS.items() if code in row.suggested)
    assert ws.cell(r, 7).value == expected
    assert expected.startswith("мера, форма завершения")
    assert ws.cell(r, 3).value == row.measure and row.measure  # the suggested measure itself is written
    for col in (3, 4, 7):  # «Мероприятие», «Форма завершения», the 7th column
        assert ws.cell(r, col).fill.fgColor.rgb == "00FFF2CC", col
    assert (ws.cell(r, 6).fill.fgColor.rgb == "00FFF2CC") == ("due" in row.suggested)
    assert (ws.cell(r, 5).fill.fgColor.rgb == "00FFF2CC") == ("responsible" in row.suggested)
    assert ws.cell(r, 7).data_type == "s" and ws.cell(r, 7).font.name == "Times New Roman"
    assert ws.row_dimensions[r].height >= xlsx_common.LINE_PT * spreadsheet.lines_needed(expected, 20, xlsx_common.TEXT)
    # a risk with everything given: nothing in the 7th column, nothing shaded
    number = next(n for n, r in rows.items() if not r.suggested)
    r = _row_of(ws, number)
    assert ws.cell(r, 7).value is None
    assert all(ws.cell(r, c).fill.fgColor.rgb != "00FFF2CC" for c in range(1, 8))


def test_each_kind_shades_its_column(akimat, catalogue):
    every = tuple(SUGGESTION_KINDS)
    risks = [r.model_copy(update={"suggested": every if i == 0 else ()}) for i, r in enumerate(akimat.risks)]
    evaluation = akimat.model_copy(update={"risks": risks})
    ws = _sheet(xlsx.render_plan_xlsx(evaluation, catalogue))
    row = next(r for r in plan_rows(evaluation) if r.suggested)
    r = _row_of(ws, row.number)
    # The plan shows (and flags) the measure, its form, the responsible and the date; the risk's suggested name and
    # section belong to the report.
    assert ws.cell(r, 7).value == "мера, форма завершения, ответственные исполнители, срок"
    assert [ws.cell(r, c).fill.fgColor.rgb == "00FFF2CC" for c in range(1, 8)] == [False, False, *[True] * 5]


def test_legend_only_with_suggestions(akimat, catalogue):
    ws = _sheet(xlsx.render_plan_xlsx(akimat, catalogue))
    texts = [ws.cell(r, 2).value for r in range(1, ws.max_row + 1)]
    assert RUSSIAN.suggested_legend_xlsx in texts
    legend = texts.index(RUSSIAN.suggested_legend_xlsx) + 1
    agreed = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "СОГЛАСОВАНО:")
    last_item = max(r for r in range(1, ws.max_row + 1) if _level(ws, r))
    assert last_item < legend < agreed
    assert ws.cell(legend, 2).font.italic and f"B{legend}:G{legend}" in {str(m) for m in ws.merged_cells.ranges}
    assert ws.cell(legend, 2).fill.fgColor.rgb == "00FFF2CC" and ws.cell(legend, 2).data_type == "s"

    nothing = akimat.model_copy(update={"risks": [r.model_copy(update={"suggested": ()}) for r in akimat.risks]})
    ws = _sheet(xlsx.render_plan_xlsx(nothing, catalogue))
    values = [c.value for row in ws.iter_rows() for c in row if c.value]
    assert RUSSIAN.suggested_legend_xlsx not in values
    assert not any(c.fill.fgColor.rgb == "00FFF2CC" for row in ws.iter_rows() for c in row)
    assert "СОГЛАСОВАНО:" in values


def test_suggestions_keep_cells_typed_text(akimat, catalogue):
    data = xlsx.render_plan_xlsx(akimat, catalogue)
    ws = _sheet(data)
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert data == xlsx.render_plan_xlsx(akimat, catalogue)


# --- the shared helpers: one row-height rule, typed cells -------------------------------------------------------


def test_one_row_height_rule_for_documents_and_input_workbooks():
    # the documents (Times New Roman 12): a 46-wide column holds 46 × 1.15 − 1 = 51.9 characters a line
    assert spreadsheet.lines_needed("Ж" * 51, 46, xlsx_common.TEXT) == 1
    assert spreadsheet.lines_needed("Ж" * 52, 46, xlsx_common.TEXT) == 2
    assert spreadsheet.lines_needed("Ж" * 52, 46, xlsx_common.TEXT, size=14) == 2  # 14 pt: 44.3 a line
    assert spreadsheet.lines_needed("один\nдва\n\nтри", 46, xlsx_common.TEXT) == 4  # each line break a line
    # the input workbooks (Calibri 11): a 60-wide column holds 60 × 0.95 − 1 = 56 characters a line
    assert spreadsheet.lines_needed("Ж" * 56, 60, layout.TEXT) == 1
    assert spreadsheet.lines_needed("Ж" * 57, 60, layout.TEXT) == 2
    ws = openpyxl.Workbook().active
    xlsx_common.fit_height(ws, 1, [("Ж" * 10, 46)])
    layout.fit_row(ws, 1)  # an empty row of the input workbook: no height of its own
    spreadsheet.write(ws.cell(2, 1), "Ж" * 100)
    ws.column_dimensions["A"].width = 60
    layout.fit_row(ws, 2)
    spreadsheet.write(ws.cell(3, 1), "Ж\n" * 400)
    layout.fit_row(ws, 3)
    assert ws.row_dimensions[1].height == 17.75  # one line of 15.75 pt + 2
    assert ws.row_dimensions[2].height == 32  # two lines of 15 pt + 2
    assert ws.row_dimensions[3].height == spreadsheet.MAX_ROW_PT  # the tallest row Excel shows


def test_cells_keep_text_as_text():
    ws = openpyxl.Workbook().active
    assert spreadsheet.write(ws.cell(1, 1), "=SUM(A1:A9)").data_type == "s"
    date = spreadsheet.write(ws.cell(1, 2), dt.date(2025, 10, 1))
    assert date.number_format == "DD.MM.YYYY"
    assert spreadsheet.write(ws.cell(1, 3), "a\x01b").value == "ab"
    assert xlsx_common.put(ws, 1, 4, "  ").value is None  # an empty text of a document leaves the cell empty
    with pytest.raises(DocumentError, match="32767"):
        spreadsheet.write(ws.cell(1, 5), "Ж" * 32_768)


# --- pagination -----------------------------------------------------------------------------------------------


def test_page_arithmetic():
    width, height = spreadsheet.printable_size(landscape=True)
    assert width == pytest.approx((297 - 40) / 25.4 * 72)  # 728.5 pt
    assert height == pytest.approx((210 - 40) / 25.4 * 72)  # 481.9 pt
    assert spreadsheet.printable_size(landscape=False) == pytest.approx((height, width))
    # 163 units × 5.25 pt = 855.75 pt of columns printed in 728.5 pt
    assert spreadsheet.fit_to_width_scale(xlsx_common.PLAN_WIDTHS, landscape=True) == pytest.approx(728.504 / 855.75, rel=1e-4)
    assert spreadsheet.fit_to_width_scale((10,), landscape=True) == 1.0


def test_page_breaks_keep_group_rows_with_the_next_row():
    assert spreadsheet.page_breaks([(1, 10, False), (2, 10, False)], 100, 90) == []
    # rows 3 and 4 (a unit and an indicator) would end page 1: the page ends after row 2 instead
    rows = [(1, 40, False), (2, 40, False), (3, 5, True), (4, 5, True), (5, 40, False), (6, 40, False)]
    assert spreadsheet.page_breaks(rows, 100, 90) == [2]
    # a page of nothing but kept rows is cut where it must be; a row taller than a page gets a page of its own
    assert spreadsheet.page_breaks([(1, 60, True), (2, 60, True), (3, 60, False)], 100, 100) == [1, 2]
    assert spreadsheet.page_breaks([(1, 10, False), (2, 500, False), (3, 10, False)], 100, 100) == [1, 2]


def test_short_documents_have_no_breaks(small, catalogue):
    ws = _sheet(xlsx.render_plan_xlsx(small, catalogue))
    assert _breaks(ws) == []
    wb = openpyxl.load_workbook(io.BytesIO(xlsx.render_positions_xlsx(small, catalogue)))
    assert all(_breaks(sheet) == [] for sheet in wb)
    assert ws.page_setup.fitToHeight == 0 and ws.page_setup.fitToWidth == 1


def _check_plan_breaks(ws) -> list[int]:
    breaks = _breaks(ws)
    head = _header_row(ws)
    last_item = max(r for r in range(1, ws.max_row + 1) if _level(ws, r))
    for row in breaks:
        assert _level(ws, row) not in (1, 2), f"строка {ws.cell(row, 1).value} осталась внизу страницы"
        assert row != head
        if head < row <= last_item:
            assert _level(ws, row) == 3
        else:
            assert row == head - 1  # the table starts a page of its own under the title
    assert breaks == sorted(set(breaks)) and all(b < last_item for b in breaks)  # the approvals follow a risk
    return breaks


def test_long_plan_breaks_only_after_risk_rows(long_plan, catalogue):
    data = xlsx.render_plan_xlsx(long_plan, catalogue)
    ws = _sheet(data)
    breaks = _check_plan_breaks(ws)
    assert len(breaks) > 10
    # every page holds what fits on it: estimated heights of each page's rows within the page
    page = spreadsheet.printable_size(True)[1] / spreadsheet.fit_to_width_scale(xlsx_common.PLAN_WIDTHS, True)
    head_height = ws.row_dimensions[_header_row(ws)].height
    bounds = [0, *breaks, ws.max_row]
    for k, (first, last) in enumerate(zip(bounds, bounds[1:])):
        used = sum(ws.row_dimensions[r].height or spreadsheet.DEFAULT_ROW_PT for r in range(first + 1, last + 1))
        single = last == first + 1
        assert single or used + (head_height if k else 0) <= page * spreadsheet.PAGE_SAFETY
    assert data == xlsx.render_plan_xlsx(long_plan, catalogue)  # the same input gives the same bytes


def test_akimat_plan_breaks(akimat, catalogue):
    ws = _sheet(xlsx.render_plan_xlsx(akimat, catalogue))
    assert _check_plan_breaks(ws)


def test_long_positions_keep_units_with_positions(akimat_org, catalogue):
    org = akimat_org.model_copy(update={"positions": akimat_org.positions * 4})
    evaluation = evaluate(org, catalogue)
    data = xlsx.render_positions_xlsx(evaluation, catalogue)
    ws = _sheet(data, "Перечень должностей")
    breaks = _breaks(ws)
    assert breaks
    head = _header_row(ws)
    units = {r for r in range(head + 1, ws.max_row + 1) if ws.cell(r, 2).font.bold and ws.cell(r, 1).value is None
             and ws.cell(r, 2).border.left.style == "thin"}
    assert units
    last_position = max(r for r in range(head + 1, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int))
    for row in breaks:
        assert row not in units and row != head
        assert isinstance(ws.cell(row, 1).value, int)  # a page ends with a position
        assert row < last_position  # the signature is printed with the last position
    assert data == xlsx.render_positions_xlsx(evaluation, catalogue)


# --- printed by LibreOffice -----------------------------------------------------------------------------------


def _page_numbers(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Per page, the plan item numbers printed (x, y, text), top to bottom."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(str(pdf)).pages:
        found: list[tuple[float, float, str]] = []

        def visit(text, cm, tm, font, size, found=found):
            if NUMBER.match(text.strip()):
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append((x, y, text.strip()))

        page.extract_text(visitor_text=visit)
        pages.append(sorted(found, key=lambda f: -f[1]))
    return pages


def test_printed_pages_end_with_a_risk(tmp_path, long_plan, akimat_org, catalogue):
    soffice = libreoffice("calc")
    pytest.importorskip("pypdf", reason="pypdf не установлен (pip install pypdf)")
    plan = tmp_path / "plan.xlsx"
    plan.write_bytes(xlsx.render_plan_xlsx(long_plan, catalogue))
    positions = tmp_path / "positions.xlsx"
    org = akimat_org.model_copy(update={"positions": akimat_org.positions * 4})
    positions.write_bytes(xlsx.render_positions_xlsx(evaluate(org, catalogue), catalogue))
    result = libreoffice_convert(soffice, [plan, positions], "pdf", tmp_path / "pdf")
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "pdf" / "plan.pdf"
    assert pdf.is_file(), f"plan.xlsx не открылся в LibreOffice: {result.stdout} {result.stderr}"

    pages = _page_numbers(pdf)
    breaks = _breaks(_sheet(plan.read_bytes()))
    # the pages are exactly the manual ones: nothing overflowed into an automatic break
    assert len(pages) == len(breaks) + 1
    printed = [n for page in pages for _, _, n in page]
    assert printed == [r.number for r in plan_rows(long_plan)]  # every item printed once, in order
    for i, page in enumerate(pages, 1):
        if page:
            assert page[-1][2].count(".") == 3, f"страница {i} заканчивается строкой-группой {page[-1][2]}"

    from pypdf import PdfReader

    wb = openpyxl.load_workbook(positions)
    expected = sum(len(_breaks(sheet)) + 1 for sheet in wb)
    assert len(PdfReader(str(tmp_path / "pdf" / "positions.pdf")).pages) == expected
