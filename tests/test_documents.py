"""The filled documents: content with real values, safety (markup and formula injection), atomic writing,
byte-identical reruns, templates, and a LibreOffice conversion proving the files open."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from office import libreoffice, libreoffice_convert  # tests/office.py

import vakr.documents as documents
from vakr.documents import DOCUMENT_NAMES, render_documents, write_documents
from vakr.documents import report as report_module
from vakr.documents import xlsx as xlsx_module
from vakr.documents.report import write_report
from vakr.documents.tables import (
    RISK_COLUMNS,
    counts_dataframe,
    functions_dataframe,
    plan_dataframe,
    plan_rows,
    positions_dataframe,
    risks_dataframe,
    schedule_dataframe,
    to_html,
    to_markdown,
)
from vakr.documents.texts import name_in_genitive, opening_sentence
from vakr.documents.wording.russian import RUSSIAN
from vakr.evaluation.evaluate import evaluate
from vakr.organisation.model import Organisation
from vakr.organisation.yaml import read_yaml
from vakr.paths import examples_dir, templates_dir

DATA = Path(__file__).parent / "data"
FORMULA = "=SUM(A1:A9)"
MARKUP = "<b> & </b>"


def _small_data() -> dict:
    return yaml.safe_load((DATA / "small-org.yaml").read_text(encoding="utf-8"))


def _org(data: dict) -> Organisation:
    return Organisation.model_validate(data)


@pytest.fixture(scope="module")
def small(catalogue):
    return evaluate(_org(_small_data()), catalogue)


@pytest.fixture(scope="module")
def rich(catalogue):
    """Findings in several sections (control functions among them), a group-level finding, several findings of
    one unit and indicator, and hostile text: a formula, markup, an organisation name with «&» and «<»."""
    data = _small_data()
    data["profile"]["name"] = "ТОО «Ромашка & Ко <тест>»"
    data["profile"]["units"] = ["Кадровая служба", "Юридический сектор", "Отдел контроля"]
    data["findings"] += [
        {"indicator": "org.control", "act": "Бизнес-процесс: плановые проверки", "unit": "Отдел контроля",
         "description": "Перечень объектов проверки формируется без критериев", "likelihood": 5, "impact": 4,
         "responsible": ["Отдел контроля (Бекова А. А.)"]},
        {"indicator": "org.hr.02", "act": "Приказ № 9-к", "unit": "Кадровая служба",
         "description": FORMULA, "measure": FORMULA, "completion_form": "+7 (7172) 00-00-00 — горячая линия",
         "likelihood": 2, "impact": 2},
        {"indicator": "org.it", "act": "@Регламент доступа к ИС", "unit": "Юридический сектор",
         "description": MARKUP, "measure": "-обновить регламент", "likelihood": 1, "impact": 3},
    ]
    data["positions"].append({"title": "Главный инспектор", "unit": "Отдел контроля", "powers": "Проверки",
                              "risks": FORMULA})
    return evaluate(_org(data), catalogue)


@pytest.fixture(scope="module")
def empty(catalogue):
    """No findings and no positions: every section says so."""
    data = _small_data()
    data["findings"] = []
    data["positions"] = []
    data["checklist"] = []
    return evaluate(_org(data), catalogue)


@pytest.fixture(scope="module")
def written(tmp_path_factory, small, catalogue):
    out = tmp_path_factory.mktemp("docs")
    return write_documents(small, out, catalogue)


@pytest.fixture(scope="module")
def rich_written(tmp_path_factory, rich, catalogue):
    out = tmp_path_factory.mktemp("rich")
    return dict(zip(DOCUMENT_NAMES, write_documents(rich, out, catalogue)))


def _texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def _all_text(doc) -> str:
    parts = _texts(doc)
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def _list_numbers(doc, table) -> list[str]:
    """The numbers Word shows in the first column: each paragraph's style → its list level, counted and formatted
    by the level texts («%1.%2.») of the document's numbering definitions."""
    numbering = doc.part.numbering_part.element
    counters: dict[str, list[int]] = {}
    shown = []
    for row in table.rows[1:]:
        paragraph = row.cells[0].paragraphs[0]
        assert paragraph.text == ""  # the number is not typed in
        num_pr = paragraph.style.element.pPr.numPr
        num_id, level = num_pr.numId.val, num_pr.ilvl.val
        abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
        abstract = next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == str(abstract_id))
        lvl = next(lv for lv in abstract.findall(qn("w:lvl")) if lv.get(qn("w:ilvl")) == str(level))
        assert lvl.find(qn("w:numFmt")).get(qn("w:val")) == "decimal"
        count = counters.setdefault(abstract_id, [0] * 9)
        count[level] += 1
        count[level + 1:] = [0] * (8 - level)
        text = lvl.find(qn("w:lvlText")).get(qn("w:val"))
        for i in range(level + 1):
            text = text.replace(f"%{i + 1}", str(count[i]))
        shown.append(text)
    return shown


def _body_texts(path: Path) -> list[str]:
    """Every paragraph of the body in document order, tables included."""
    doc = Document(str(path))
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    return ["".join(t.text or "" for t in p.iterfind(".//w:t", ns))
            for p in doc.element.body.iterfind(".//w:p", ns)]


# --- the set of documents -----------------------------------------------------------------------------------


def test_write_documents_returns_paths_in_order(written):
    assert [p.name for p in written] == list(DOCUMENT_NAMES)
    assert all(p.is_file() and p.stat().st_size > 0 for p in written)
    assert written[-1].read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_out_dir_is_created(tmp_path, small, catalogue):
    paths = write_documents(small, tmp_path / "a" / "b", catalogue)
    assert (tmp_path / "a" / "b" / "report.docx") in paths


# --- the analytical report ----------------------------------------------------------------------------------


def test_report_intro_and_opening(written):
    doc = Document(str(written[0]))
    texts = _texts(doc)
    title = " ".join(texts[0].split())
    assert title == ("Аналитическая справка по результатам внутреннего анализа коррупционных рисков "
                     "в деятельности ГУ «Отдел условных услуг района Әлем»")
    body = "\n".join(texts)
    assert "на основании приказа от 20 сентября 2025 года № 17-ө" in body
    assert "Срок проведения ВАКР: с 1 октября 2025 года по 28 ноября 2025 года." in body
    assert "Уполномоченное лицо – главный специалист Жұмабаева Ә. Қ." in texts
    assert "Сәтбаев Ү. Һ. – юрист;" in texts
    assert "Іңкәрова Ө. Ұ. – специалист по кадрам." in texts
    assert ("В ходе проведения ВАКР в ГУ «Отдел условных услуг района Әлем» было выявлено 2 следующих "
            "коррупционных риска (в нормативных правовых актах – 1, в организационно-управленческой "
            "деятельности – 1).") in texts


def test_report_sections_in_order_with_findings(written, catalogue, small):
    doc = Document(str(written[0]))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    expected_sections = [f"{s.number}. {s.title}" for s in catalogue.report_sections]
    assert headings == expected_sections  # risks in НПА are set out in the sections, as the seed's structure has it
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == [
        "Вводная часть", "Описательная часть",
        "Результаты анализа нормативных правовых актов, затрагивающих деятельность объекта анализа", "Заключение",
    ]
    texts = _texts(doc)
    # Sections 2–8 have no findings; the NPA risk of a unit without organisational risks is in section 9.
    assert texts.count(RUSSIAN.no_risks_section) == 7
    for risk in small.risks:
        assert any(risk.description in t for t in texts), risk.description
    assert ("По направлению – управление персоналом, по индикатору: 2) назначение на должность без проведения "
            "конкурсного отбора.") in texts
    assert ("По направлению – правовой пробел, по индикатору: 3) отсутствуют сроки проведения административных "
            "процедур. ◊") in texts
    assert "Перечень должностей, подверженных коррупционным рискам: руководитель кадровой службы." in texts
    assert sum(t.startswith("Примерный перечень коррупциогенных функций по разделу: функции по подбору")
               for t in texts) == 1
    rec = texts.index("Рекомендации:")
    assert texts[rec + 1] == "Провести конкурс на занимаемую должность."
    # The finding sits under its section: between heading 1 and heading 2.
    h1 = texts.index(f"1. {catalogue.report_sections[0].title}")
    h2 = texts.index(f"2. {catalogue.report_sections[1].title}")
    assert h1 < next(i for i, t in enumerate(texts) if "<временно>" in t) < h2
    h9 = texts.index(f"9. {catalogue.report_sections[8].title}")
    npa = next(i for i, t in enumerate(texts) if t.startswith("По направлению – правовой пробел"))
    assert h9 < npa and texts[npa].endswith("◊")  # the section was suggested
    assert texts[npa + 1] == ("Наименование коррупционного риска в НПА, в бизнес-процессах: Регламент оказания"
                              " услуги, п. 12.")


def test_report_summary_tables_and_signature(written):
    doc = Document(str(written[0]))
    npa, by_section, by_band, signature = doc.tables
    assert [[c.text for c in r.cells] for r in npa.rows][:2] == [
        ["№", "Коррупционный фактор", "Выявлено рисков", "Разделы описательной части"], ["1", "Правовой пробел", "1", "9"]]
    rows = [[c.text for c in r.cells] for r in by_section.rows]
    assert rows[0] == ["Раздел справки", "Количество выявленных рисков"]
    assert rows[1] == ["1. Управление персоналом, в том числе определение должностей, подверженных коррупционным "
                       "рискам", "1"]
    assert rows[-2] == ["в том числе в нормативных правовых актах", "1"]
    assert rows[-1] == ["Итого", "2"]
    bands = [[c.text for c in r.cells] for r in by_band.rows]
    assert bands[1:] == [["Низкий", "1–4", "0"], ["Средний", "5–9", "1"], ["Высокий", "10–16", "1"],
                         ["Критический", "17–25", "0"], ["Итого", "", "2"]]
    sig = [c.text for c in signature.rows[0].cells]
    assert sig == ["Уполномоченное лицо\nГлавный специалист", "__________", "Ә.Қ.\u00a0Жұмабаева"]


def test_report_page_setup_and_styles(written):
    doc = Document(str(written[0]))
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [round(m.mm) for m in (section.left_margin, section.right_margin, section.top_margin,
                                     section.bottom_margin)]
    assert margins == [30, 10, 20, 20]
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    for name in ("Heading 1", "Heading 2"):
        style = doc.styles[name]
        assert style.font.name == "Times New Roman" and style.font.bold
        assert 'asciiTheme' not in style.element.xml
    table_text = doc.styles["ВАКР Текст таблицы"]
    assert table_text.font.size.pt == 12
    cell_paragraph = doc.tables[0].rows[1].cells[0].paragraphs[0]
    assert cell_paragraph.style.name == "ВАКР Текст таблицы"


def test_report_with_no_findings(tmp_path, empty, catalogue):
    path = write_report(empty, tmp_path / "report.docx", catalogue)
    texts = _texts(Document(str(path)))
    assert texts.count(RUSSIAN.no_risks_section) == 9
    assert "В ходе проведения ВАКР в ГУ «Отдел условных услуг района Әлем» коррупционные риски не выявлены." in texts


@pytest.mark.parametrize("n, expected", [
    (1, "был выявлен следующий коррупционный риск"),
    (3, "было выявлено 3 следующих коррупционных риска"),
    (5, "было выявлено 5 следующих коррупционных рисков"),
    (11, "было выявлено 11 следующих коррупционных рисков"),
    (21, "был выявлен 21 коррупционный риск"),
])
def test_opening_sentence_agrees_with_the_count(n, expected, catalogue):
    data = _small_data()
    first = data["findings"][0]
    data["findings"] = [dict(first, description=f"Риск {i}") for i in range(n)]
    sentence = opening_sentence(evaluate(_org(data), catalogue))
    assert expected in sentence


# --- the plan -----------------------------------------------------------------------------------------------


def test_plan_docx(written, catalogue):
    doc = Document(str(written[1]))
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    assert round(section.page_width.mm) == 297
    texts = _texts(doc)
    # The seed's form: the position and the organisation once, the signature as «И.О. Фамилия».
    assert texts[:5] == ["УТВЕРЖДАЮ", "Руководитель отдела", "ГУ «Отдел условных услуг района Әлем»",
                         "____________ Ғ.Н.\u00a0Қасымов", "«___» ____________ 20__ г."]
    assert "П Л А Н" in texts
    assert ("по устранению причин и условий, способствующих совершению коррупционных правонарушений, выявленных по "
            "результатам проведения внутреннего анализа коррупционных рисков в деятельности ГУ «Отдел условных "
            "услуг района Әлем» за 2025 год") in texts
    assert "СОГЛАСОВАНО:" in texts
    table, agreed = doc.tables
    header = [c.text for c in table.rows[0].cells]
    assert header == [c.title for c in next(t for t in catalogue.tables if t.code == "table.plan").columns]
    assert header[0] == "№ п/п" and header[-1] == "Срок завершения"
    assert _list_numbers(doc, table) == ["1.", "1.1.", "1.1.1.", "2.", "2.1.", "2.1.1."]
    assert [r.cells[0].paragraphs[0].style.name for r in table.rows[1:4]] == [
        "ВАКР Номер пункта плана 1", "ВАКР Номер пункта плана 2", "ВАКР Номер пункта плана 3"]
    first_risk = [c.text for c in table.rows[3].cells]
    assert first_risk == [
        "", "Приказ о назначении № 5-к от 12.03.2025\nНазначение на должность без конкурса <временно> & без "
        "протокола", "Провести конкурс на занимаемую должность", "Приказ", "Кадровая служба (Іңкәрова Ө. Ұ.)",
        "31 марта 2026 года",
    ]
    assert table.rows[1].cells[1].text == "Кадровая служба"
    assert table.rows[2].cells[1].text == "Управление персоналом: назначение на должность без проведения конкурсного отбора"
    # The default for a medium risk: six months after the plan's approval, marked as suggested.
    assert [c.text for c in table.rows[6].cells[2:]] == [
        "Внести изменения в регламент оказания услуги, п. 12, установив сроки каждой административной процедуры,"
        " порядок их исчисления и последствия их нарушения ◊", "Изменения в НПА ◊", "Юридический сектор",
        "29 июня 2026 года ◊"]
    assert "◊" not in "".join(c.text for c in table.rows[3].cells)  # everything given: nothing marked
    assert any(t.startswith("◊ — предложено по методике — проверьте") for t in texts)
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    assert all(row._tr.trPr is not None and "cantSplit" in row._tr.trPr.xml for row in table.rows[1:])
    assert [c.text for c in agreed.rows[0].cells] == ["Сәтбаев\u00a0Ү.Һ. ______________",
                                                      "Іңкәрова\u00a0Ө.Ұ. ______________"]


def test_plan_rows_group_units_and_indicators(rich):
    rows = plan_rows(rich)
    assert [(r.level, r.number) for r in rows] == [
        (1, "1."), (2, "1.1."), (3, "1.1.1."), (3, "1.1.2."),
        (1, "2."), (2, "2.1."), (3, "2.1.1."), (2, "2.2."), (3, "2.2.1."),
        (1, "3."), (2, "3.1."), (3, "3.1.1."),
    ]
    assert rows[0].text == "Кадровая служба" and rows[9].text == "Отдел контроля"
    assert rows[3].description == FORMULA
    assert rows[8].text.startswith("@Регламент")
    assert rows[10].text == "Признаки сферы «Реализация контрольно-ревизионных функций» в целом"


def test_plan_xlsx(written, catalogue):
    wb = openpyxl.load_workbook(written[2])
    ws = wb["План мероприятий"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    header_index = next(i for i, row in enumerate(values) if row[0] == "№ п/п")
    header_row = header_index + 1
    assert values[header_index] == [c.title for c in next(t for t in catalogue.tables if t.code == "table.plan").columns] + [
        "Предложено по методике — проверьте"]
    assert [row[0] for row in values[header_index + 1: header_index + 7]] == ["1.", "1.1.", "1.1.1.", "2.", "2.1.", "2.1.1."]
    assert values[header_index + 3][6] is None  # the analyst gave every value of the first risk
    assert values[header_index + 6][6] == "мера, форма завершения, срок"
    assert values[header_index + 3][5] == "31 марта 2026 года"
    flat = [v for row in values for v in row if v]
    assert "УТВЕРЖДАЮ" in flat and "П Л А Н" in flat and "СОГЛАСОВАНО:" in flat
    assert "Сәтбаев\u00a0Ү.Һ. ______________" in flat
    assert "____________ Ғ.Н.\u00a0Қасымов" in flat
    assert ws.freeze_panes == f"A{header_row + 1}"
    assert ws.auto_filter.ref == f"A{header_row}:G{header_row + 6}"
    assert ws.print_title_rows == f"${header_row}:${header_row}"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.column_dimensions["B"].width > ws.column_dimensions["A"].width
    cell = ws.cell(row=header_row + 3, column=2)
    assert cell.alignment.wrap_text and cell.font.name == "Times New Roman"


# --- the list of positions ----------------------------------------------------------------------------------


def test_positions_docx(written, catalogue):
    doc = Document(str(written[3]))
    texts = _texts(doc)
    assert texts[0] == "Перечень должностей, подверженных коррупционным рискам, определённых по итогам ВАКР"
    assert ("Наименование объекта внутреннего анализа коррупционных рисков: ГУ «Отдел условных услуг района Әлем»"
            in texts)
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "№ п/п", "Должность, подверженная коррупционному риску",
        "Должностные полномочия, содержащие коррупционные риски", "Коррупционные риски",
    ]
    assert table.rows[1].cells[1].text == "Кадровая служба"
    assert [c.text for c in table.rows[2].cells] == ["1.", "Руководитель кадровой службы",
                                                     "Подбор и расстановка кадров", "Назначение без конкурса"]
    # Personnel functions apply; the exemplary list has none for them.
    assert any(t.startswith("функции по подбору и управлению персоналом – осуществление") for t in texts)
    assert RUSSIAN.no_functions in texts


def test_positions_docx_with_control_functions(rich_written, catalogue):
    doc = Document(str(rich_written["positions.docx"]))
    functions = doc.tables[1]
    header = [c.text for c in functions.rows[0].cells]
    assert header == ["№", "Зона повышенного коррупционного риска", "Функция",
                      "Коррупциогенные факторы (типовые ситуации)"]
    rows = [[c.text for c in r.cells] for r in functions.rows[1:]]
    assert len(rows) == 8
    assert rows[0] == ["1", "Государственный контроль, надзор и аудит",
                       "Формирование, согласование и утверждение перечня объектов контроля и надзора",
                       "Возможность «увода» от проверок либо увеличения их количества"]
    # The zone spans its eight functions (vertically merged, as in the sample).
    assert all(r[1] == "Государственный контроль, надзор и аудит" for r in rows)
    assert functions.rows[2].cells[1]._tc.xml.count("vMerge") == 1
    texts = _texts(doc)
    assert any(t.startswith("функции по контролю и надзору – осуществление действий") for t in texts)


def test_positions_with_nothing_relevant(tmp_path, empty, catalogue):
    rendered = render_documents(empty, catalogue)
    (tmp_path / "positions.docx").write_bytes(rendered["positions.docx"])
    texts = _texts(Document(str(tmp_path / "positions.docx")))
    assert RUSSIAN.no_positions in texts and RUSSIAN.no_types in texts
    (tmp_path / "plan.docx").write_bytes(rendered["plan.docx"])
    plan = Document(str(tmp_path / "plan.docx"))
    assert plan.tables[0].rows[1].cells[1].text == RUSSIAN.no_risks_row


def test_positions_xlsx(written, rich_written):
    wb = openpyxl.load_workbook(written[4])
    ws = wb["Перечень должностей"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][0] == "Перечень должностей, подверженных коррупционным рискам, определённых по итогам ВАКР"
    header = values[4]
    assert header == ["№ п/п", "Должность, подверженная коррупционному риску",
                      "Должностные полномочия, содержащие коррупционные риски", "Коррупционные риски"]
    assert values[6] == [1, "Руководитель кадровой службы", "Подбор и расстановка кадров", "Назначение без конкурса"]
    assert ws.freeze_panes == "A6" and ws.auto_filter.ref == "A5:D7"
    assert ws.page_setup.orientation == "portrait"
    rich_wb = openpyxl.load_workbook(rich_written["positions.xlsx"])
    functions = rich_wb["Коррупциогенные функции"]
    flat = [c.value for row in functions.iter_rows() for c in row if c.value]
    assert "Проведение проверки" in flat
    assert any("B" in str(r) for r in functions.merged_cells.ranges)


# --- safety -------------------------------------------------------------------------------------------------


def test_markup_survives_in_docx(rich_written):
    report = Document(str(rich_written["report.docx"]))
    text = _all_text(report)
    assert MARKUP in text
    assert "в деятельности ТОО «Ромашка & Ко <тест>»" in " ".join(_texts(report)[0].split())
    with zipfile.ZipFile(rich_written["report.docx"]) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "&lt;b&gt; &amp; &lt;/b&gt;" in xml and "Ромашка &amp; Ко &lt;тест&gt;" in xml
    plan = Document(str(rich_written["plan.docx"]))
    assert "ТОО «Ромашка & Ко <тест>»" in _texts(plan)


def test_formula_stays_text_in_xlsx(rich_written):
    for name, sheet_part in (("plan.xlsx", "xl/worksheets/sheet1.xml"), ("positions.xlsx", "xl/worksheets/sheet1.xml")):
        wb = openpyxl.load_workbook(rich_written[name])
        cells = [c for row in wb.active.iter_rows() for c in row if isinstance(c.value, str)]
        exact = [c for c in cells if c.value == FORMULA]
        assert exact, name  # a cell holding exactly the description / measure / risk text
        assert {c.data_type for c in exact} == {"s"}
        with zipfile.ZipFile(rich_written[name]) as z:
            sheet = z.read(sheet_part).decode("utf-8")
        assert "<f>" not in sheet and "<f " not in sheet
        assert f"<t>{FORMULA}</t>" in sheet
    wb = openpyxl.load_workbook(rich_written["plan.xlsx"])
    cells = {c.value: c for row in wb.active.iter_rows() for c in row if isinstance(c.value, str)}
    for prefix in ("+7", "-обновить", "@Регламент"):
        cell = next(c for v, c in cells.items() if v.startswith(prefix))
        assert cell.data_type == "s", prefix
    computed = openpyxl.load_workbook(rich_written["plan.xlsx"], data_only=True).active
    assert any(c.value == FORMULA for row in computed.iter_rows() for c in row)


def test_control_characters_are_dropped(tmp_path, catalogue):
    data = _small_data()
    data["findings"][0]["description"] = "Текст\x0bс\x07управляющими символами"
    paths = write_documents(evaluate(_org(data), catalogue), tmp_path, catalogue)
    assert "Текстсуправляющими символами" in _all_text(Document(str(paths[0])))


# --- atomic writing and determinism -------------------------------------------------------------------------


def test_failure_mid_render_leaves_nothing(tmp_path, small, catalogue, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("сбой посреди документа")

    monkeypatch.setattr(report_module, "_risk_block", broken)
    with pytest.raises(RuntimeError):
        write_report(small, tmp_path / "report.docx", catalogue)
    with pytest.raises(RuntimeError):
        write_documents(small, tmp_path / "set", catalogue)
    assert list(tmp_path.rglob("*")) == [] or all(p.is_dir() for p in tmp_path.rglob("*"))


def test_failed_rerun_keeps_the_previous_set(tmp_path, small, catalogue, monkeypatch):
    paths = write_documents(small, tmp_path, catalogue)
    before = {p.name: p.read_bytes() for p in paths}

    def broken(*args, **kwargs):
        raise RuntimeError("сбой в книге Excel")

    monkeypatch.setattr(xlsx_module, "finish", broken)
    monkeypatch.setattr(documents, "render_positions_xlsx", broken)
    with pytest.raises(RuntimeError):
        write_documents(small, tmp_path, catalogue)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_byte_identical_reruns(tmp_path, rich, catalogue):
    first = write_documents(rich, tmp_path / "one", catalogue)
    second = write_documents(rich, tmp_path / "two", catalogue)
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_core_properties_and_zip_are_fixed(written, small):
    doc = Document(str(written[0]))
    props = doc.core_properties
    assert props.author == "vakr" and props.last_modified_by == "vakr" and props.revision == 1
    assert props.created.date() == small.profile.vakr_end == props.modified.date()
    wb = openpyxl.load_workbook(written[2])
    assert wb.properties.creator == "vakr"
    assert wb.properties.created.date() == small.profile.vakr_end == wb.properties.modified.date()
    for path in written[:5]:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            assert infos[0].filename == "[Content_Types].xml"
            assert {i.date_time for i in infos} == {(2020, 1, 1, 0, 0, 0)}
            names = [i.filename for i in infos[2:]]
            assert names == sorted(names)


# --- tables for notebooks and the handbook ------------------------------------------------------------------


def test_dataframes(rich, catalogue):
    risks = risks_dataframe(rich)
    assert list(risks.columns) == RISK_COLUMNS
    assert list(risks["Место по баллу"]) == list(range(1, len(rich.risks) + 1))
    # a table of one section keeps each risk's place in the whole ranking
    places = list(risks_dataframe(rich, section="report.s1")["Место по баллу"])
    assert places == [r.rank for r in rich.risks if r.section == "report.s1"]
    assert list(risks["Балл"]) == sorted(risks["Балл"], reverse=True)
    assert len(risks_dataframe(rich, section="report.s1")) == 2
    assert len(risks_dataframe(rich, group="npa.legal_gap")) == 1
    plan = plan_dataframe(rich, catalogue)
    assert list(plan["№ п/п"])[:3] == ["1.", "1.1.", "1.1.1."]
    assert len(positions_dataframe(rich, catalogue)) == 2
    assert len(functions_dataframe(rich, catalogue)) == 8
    counts = counts_dataframe(rich, catalogue)
    assert counts.iloc[-1]["Всего"] == len(rich.risks)
    assert counts.iloc[-1][["Низкий", "Средний", "Высокий", "Критический"]].sum() == len(rich.risks)
    schedule = schedule_dataframe(rich.schedule)
    assert len(schedule) == len(rich.schedule.events)


def test_markdown_and_html_escape_user_text(rich, catalogue):
    df = risks_dataframe(rich)
    md = to_markdown(df)
    assert "&lt;b&gt; &amp; &lt;/b&gt;" in md and "<b>" not in md
    html = to_html(df)
    assert "&lt;b&gt; &amp; &lt;/b&gt;" in html and "<b>" not in html
    assert html.startswith('<table class="vakr-table">')
    plan_md = to_markdown(plan_dataframe(rich, catalogue))
    assert "<br>" in plan_md  # act and description on separate lines


# --- templates ----------------------------------------------------------------------------------------------


def _build_templates(folder: Path) -> list[Path]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_templates", templates_dir() / "build_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main(folder)


def test_template_builder_is_reproducible(tmp_path):
    first = _build_templates(tmp_path / "a")
    second = _build_templates(tmp_path / "b")
    assert [p.name for p in first] == ["report.docx", "plan.docx", "positions.docx", "execution.docx", "status.docx",
                                       "report.kk.docx", "plan.kk.docx", "positions.kk.docx"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


REQUIRED_TAGS = {
    "report.docx": ["{{ organisation }}", "{{ order }}", "{{ period }}", "{{ authorised }}", "{{ opening }}",
                    "{{p sections }}", "{{p npa }}", "{{p summary }}", "{{ signer_name }}"],
    "plan.docx": ["{{ organisation }}", "{{ period }}", "{{ line }}", "{{ head_signature }}", "{{p plan_table }}",
                  "{{ row.left }}"],
    "positions.docx": ["{{ organisation }}", "{{p positions_table }}", "{{p functions }}", "{{ signer_name }}"],
    "execution.docx": ["{{ organisation }}", "{{ as_of }}", "{{p execution_table }}", "{{p summary }}",
                       "{{ signer_position }}", "{{ signer_name }}"],
    "status.docx": ["{{ organisation }}", "{{ quarter }}", "{{ as_of }}", "{{ year }}", "{{p projects }}",
                    "{{ signer_name }}"],
}
# The Kazakh templates carry the same fields as the Russian ones.
REQUIRED_TAGS |= {f"{name[:-5]}.kk.docx": REQUIRED_TAGS[name] for name in ("report.docx", "plan.docx", "positions.docx")}


@pytest.mark.parametrize("name", sorted(REQUIRED_TAGS))
def test_committed_templates_have_their_fields(name):
    text = "\n".join(_body_texts(templates_dir() / name))
    for tag in REQUIRED_TAGS[name]:
        assert tag in text, f"{name}: нет поля {tag}"


@pytest.mark.parametrize("name", sorted(REQUIRED_TAGS))
def test_template_tags_sit_in_one_run(name):
    doc = Document(str(templates_dir() / name))
    runs = [r.text for p in doc.paragraphs for r in p.runs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                runs += [r.text for p in cell.paragraphs for r in p.runs]
    tagged = [r for r in runs if "{" in r or "}" in r]
    assert tagged
    for text in tagged:
        assert text.count("{{") == text.count("}}") and text.count("{%") == text.count("%}"), text


# --- the bundled example ------------------------------------------------------------------------------------


@pytest.mark.skipif(not (examples_dir() / "akimat-example.yaml").exists(), reason="пример ещё не добавлен")
def test_akimat_example(tmp_path, catalogue):
    org = read_yaml(examples_dir() / "akimat-example.yaml")
    evaluation = evaluate(org, catalogue)
    paths = dict(zip(DOCUMENT_NAMES, write_documents(evaluation, tmp_path, catalogue)))
    report_text = "\n".join(_body_texts(paths["report.docx"]))
    for finding in org.findings:
        assert " ".join(finding.description.split()) in " ".join(report_text.split())
    plan = Document(str(paths["plan.docx"]))
    numbers = _list_numbers(plan, plan.tables[0])
    assert sum(1 for n in numbers if n.count(".") == 3) == len(org.findings)
    units_in_plan = [r.cells[1].text for r, n in zip(plan.tables[0].rows[1:], numbers) if n.count(".") == 1]
    assert units_in_plan == [u for u in org.profile.units if any(f.unit == u for f in org.findings)]
    wb = openpyxl.load_workbook(paths["plan.xlsx"])
    first_col = [c.value for c in wb.active["A"] if c.value]
    assert first_col[first_col.index("№ п/п") + 1:] == numbers


# --- the files open -----------------------------------------------------------------------------------------


def test_documents_convert_to_pdf_with_libreoffice(tmp_path, rich, rich_written):
    soffice = libreoffice("writer")
    sources = [rich_written[name] for name in ("report.docx", "plan.docx", "positions.docx")]
    result = libreoffice_convert(soffice, sources, "pdf", tmp_path / "pdf")
    assert result.returncode == 0, result.stderr
    for source in sources:
        pdf = tmp_path / "pdf" / f"{source.stem}.pdf"
        assert pdf.is_file(), f"{source.name} не открылся в LibreOffice: {result.stdout} {result.stderr}"
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and data.count(b"/Type /Page") + data.count(b"/Type/Page") >= 1
    # LibreOffice lays out the plan's list numbering as Word would: 1. → 1.1. → 1.1.1.
    result = libreoffice_convert(soffice, [rich_written["plan.docx"]], "txt:Text (encoded):UTF8", tmp_path / "txt")
    assert result.returncode == 0, result.stderr
    lines = (tmp_path / "txt" / "plan.txt").read_text(encoding="utf-8-sig").splitlines()
    shown = [line.strip() for line in lines if line.strip().rstrip(".").replace(".", "").isdigit()]
    assert shown == [r.number for r in plan_rows(rich)] and len(shown) == 12


@pytest.mark.parametrize("name, expected", [
    ("Государственное учреждение «Управление земельных отношений»", "Государственного учреждения «Управление земельных отношений»"),
    ("Коммунальное государственное учреждение «Школа-гимназия № 5»", "Коммунального государственного учреждения «Школа-гимназия № 5»"),
    ("Республиканское государственное предприятие на праве хозяйственного ведения «Казгидромет»",
     "Республиканского государственного предприятия на праве хозяйственного ведения «Казгидромет»"),
    ("Товарищество с ограниченной ответственностью «Астана-Сервис»", "Товарищества с ограниченной ответственностью «Астана-Сервис»"),
    ("Управление образования Сарыаркинской области", "Управления образования Сарыаркинской области"),
    ("ГУ «Аппарат акима Сарыаркинской области»", "ГУ «Аппарат акима Сарыаркинской области»"),
    ("АО «Көкжиек Сервис»", "АО «Көкжиек Сервис»"),
    ("«Қазақстан темір жолы» ҰК АҚ", "«Қазақстан темір жолы» ҰК АҚ"),
])
def test_the_organisation_is_named_in_the_genitive_after_v_deyatelnosti(name, expected):
    assert name_in_genitive(name) == expected
