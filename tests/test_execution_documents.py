"""The documents of the year (issue 16): the information on the plan's execution (DOCX, XLSX) and the quarterly
report on direction No. 4, on the akimat example monitored on 15.06.2026 — real rows, the summary, the signature,
print setup, byte-identical reruns, LibreOffice opening the files, and `vakr monitor --out`."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import openpyxl
import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from office import libreoffice, libreoffice_convert  # tests/office.py

from vakr.cli import main
from vakr.documents import (
    render_report,
    render_year_documents,
    write_year_documents,
    year_document_names,
)
from vakr.documents.execution import EXECUTION_COLUMNS, summary_sentences
from vakr.documents.execution_xlsx import EXECUTION_WIDTHS
from vakr.documents.status_report import NOTHING, Quarter, quarter_of, quarter_status, violation_place
from vakr.documents.texts import signature
from vakr.evaluation.evaluate import evaluate
from vakr.methodology.catalogue import Catalogue
from vakr.monitoring import monitor
from vakr.organisation.load import load_organisation
from vakr.organisation.model import Organisation
from vakr.organisation.year import YearRecords
from vakr.paths import examples_dir

D = dt.date
TODAY = D(2026, 6, 15)
NAMES = ("execution.docx", "execution.xlsx", "status-2026-q2.docx", "status-2026-q2.xlsx", "year.ics")
PERCENT_SENTENCE = ("Процент исполнения плана — 83,3 %: исполнено (в том числе с нарушением срока) 10 из 12 "
                    "мероприятий, исполненных или с истёкшим сроком исполнения; мероприятия, срок исполнения которых "
                    "не наступил, не учитываются.")
HIRE = "Ведущий специалист отдела документационного обеспечения и контроля"


@pytest.fixture(scope="module")
def akimat(catalogue: Catalogue) -> Organisation:
    return load_organisation(examples_dir() / "akimat-example.yaml", catalogue)


@pytest.fixture(scope="module")
def files(akimat, catalogue) -> dict[str, bytes]:
    return render_year_documents(akimat, catalogue, TODAY)


def _docx(data: bytes):
    return Document(io.BytesIO(data))


def _rows(table) -> dict[str, list[str]]:
    """The table's rows by the text of their first cell."""
    return {row.cells[0].text: [c.text for c in row.cells] for row in table.rows[1:]}


def _body(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def _sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


# --- the information on the plan's execution: Word ----------------------------------------------------------


def test_names_follow_the_quarter_of_today(files):
    assert tuple(files) == NAMES == year_document_names(TODAY)
    assert year_document_names(D(2027, 1, 10))[2] == "status-2027-q1.docx"


def test_execution_docx_title_and_table_rows(files, akimat):
    doc = _docx(files["execution.docx"])
    assert doc.sections[0].orientation == WD_ORIENT.LANDSCAPE
    title = doc.paragraphs[0].text
    assert title.startswith("Информация\nоб исполнении плана мероприятий по устранению причин и условий, выявленных по"
                            " результатам ВАКР\nв деятельности ГУ «Аппарат акима Сарыаркинской области»")
    assert title.endswith("по состоянию на 15 июня 2026 года")
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == list(EXECUTION_COLUMNS)
    rows = _rows(table)
    assert list(rows) == [r.number for r in akimat.year.plan_execution]  # every measure, in the plan's order
    overdue = rows["3.4.1."]
    assert overdue[2] == "30.04.2026" and overdue[4] == "просрочено" and overdue[5] == "—"
    assert overdue[3] == "Отдел финансов и государственных закупок (Өтегенова Г.С.)\nЮридический отдел (Құрманғазиев Д.Б.)"
    assert overdue[6].startswith("Порядок проверки аффилированности не утверждён")
    late = rows["1.2.1."]
    assert late[4] == "исполнено с нарушением срока\nдата исполнения: 14.04.2026"
    assert late[5] == "№ 61-ө от 14.04.2026"
    assert rows["3.2.1."][4] == "просрочено (исполнено частично)"
    assert rows["1.4.1."][5] == "https://www.gov.kz/memleket/entities/saryarka-apparat/press/article"
    assert rows["3.3.1."][4] == "срок в ближайшие 30 дней"
    state_cells = {row.cells[0].text: row.cells[4] for row in table.rows[1:]}
    assert state_cells["3.4.1."].paragraphs[0].runs[0].bold  # overdue stands out
    assert not state_cells["1.1.1."].paragraphs[0].runs[0].bold
    assert "{{" not in _body(doc) and "{%" not in _body(doc)


def test_execution_docx_summary(files):
    texts = [p.text for p in _docx(files["execution.docx"]).paragraphs]
    assert ("По состоянию на 15 июня 2026 года из 15 мероприятий плана: исполнено — 8, исполнено с нарушением срока "
            "— 2, просрочено — 2, срок в ближайшие 30 дней — 3; в том числе исполнено частично (учитывается как "
            "неисполненное) — 1.") in texts
    assert PERCENT_SENTENCE in texts
    assert "Просрочено исполнение мероприятий № 3.2.1 (исполнено частично) и 3.4.1." in texts
    assert "В ближайшие 30 дней наступает срок исполнения мероприятий № 3.3.1, 6.1.1 и 6.2.1." in texts


def test_execution_signature_is_the_reports(files, akimat, catalogue):
    """The authorised person signs the information, exactly as under the analytical report."""
    doc = _docx(files["execution.docx"])
    signature_row = [c.text for c in doc.tables[-1].rows[0].cells]
    p = akimat.profile
    assert signature_row == [f"Уполномоченное лицо\n{p.authorised_person.position}", "__________",
                             signature(p.authorised_person, p)]
    assert signature_row[2] == "Ғ.Н.\u00a0Тәжібаев"
    report = _docx(render_report(evaluate(akimat, catalogue), catalogue))
    assert [c.text for c in report.tables[-1].rows[0].cells] == signature_row
    assert doc.paragraphs[-1].text == "«___» ____________ 20__ г."


def test_summary_without_a_plan_or_anything_due(akimat, catalogue):
    empty = akimat.model_copy(update={"year": YearRecords()})
    assert summary_sentences(monitor(empty, catalogue, TODAY)) == [
        "Сведения об исполнении плана мероприятий не внесены (лист «Исполнение плана»)."]
    early = summary_sentences(monitor(akimat, catalogue, D(2026, 1, 5)))
    assert early[1].startswith("Процент исполнения плана не рассчитывается")
    assert early[2] == "Просроченных мероприятий нет."
    doc = _docx(render_year_documents(empty, catalogue, TODAY)["execution.docx"])
    assert "Сведения об исполнении плана мероприятий не внесены" in doc.tables[0].rows[1].cells[1].text


# --- the information on the plan's execution: Excel ---------------------------------------------------------


def test_execution_xlsx_cells(files):
    ws = _sheet(files["execution.xlsx"])
    assert ws["A1"].value.startswith("Информация об исполнении плана мероприятий")
    assert ws["A3"].value == "по состоянию на 15 июня 2026 года"
    head = next(c.row for c in ws["A"] if c.value == "№ п/п")
    assert [c.value for c in ws[head]] == list(EXECUTION_COLUMNS)
    rows = {ws.cell(row=r, column=1).value: r for r in range(head + 1, head + 16)}
    late, overdue = rows["1.2.1."], rows["3.4.1."]
    assert ws.cell(row=late, column=5).value == "исполнено с нарушением срока\nдата исполнения: 14.04.2026"
    assert ws.cell(row=late, column=6).value == "№ 61-ө от 14.04.2026"
    assert ws.cell(row=overdue, column=5).value == "просрочено" and ws.cell(row=overdue, column=5).font.b
    assert ws.cell(row=overdue, column=3).value == "30.04.2026"
    assert ws.cell(row=late, column=2).alignment.wrap_text and ws.cell(row=late, column=2).border.left.style
    values = [c.value for c in ws["A"] if c.value]
    assert PERCENT_SENTENCE in values
    assert any(v.startswith("Уполномоченное лицо\nЗаместитель руководителя аппарата акима") for v in values)
    assert "____________ Ғ.Н.\u00a0Тәжібаев" in [c.value for c in ws[max(rows.values()) + 7]]


def test_execution_xlsx_print_setup(files):
    ws = _sheet(files["execution.xlsx"])
    head = next(c.row for c in ws["A"] if c.value == "№ п/п")
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${head}:${head}"  # the header row on every page
    assert ws.freeze_panes == f"A{head + 1}"
    assert [ws.column_dimensions[c].width for c in "ABCDEFG"] == list(EXECUTION_WIDTHS)
    assert ws.row_breaks.brk  # cut into pages by manual breaks
    assert all(ws.row_dimensions[r].height for r in range(head, head + 16))


# --- the quarterly report -----------------------------------------------------------------------------------


def test_quarters():
    assert quarter_of(D(2026, 6, 15)) == Quarter(2026, 2)
    assert [(q.start, q.end) for q in (Quarter(2026, 1), Quarter(2026, 4))] == [
        (D(2026, 1, 1), D(2026, 3, 31)), (D(2026, 10, 1), D(2026, 12, 31))]
    assert Quarter(2026, 2).title == "II квартал 2026 года" and Quarter(2026, 3).slug == "2026-q3"


def test_status_q2_lists_the_may_event_overdue_and_the_hire(files, akimat):
    doc = _docx(files["status-2026-q2.docx"])
    assert doc.sections[0].orientation == WD_ORIENT.PORTRAIT
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == ("Справка\nо ходе исполнения направления № 4 за II квартал 2026 года\nв деятельности ГУ «Аппарат"
                        " акима Сарыаркинской области»\nпо состоянию на 15 июня 2026 года")
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["Проект 1. Внутренний анализ коррупционных рисков",
                        "Проект 2. Соблюдение норм антикоррупционного законодательства",
                        "Проект 4. Формирование антикоррупционной культуры"]  # project 3: quasi-public only
    tables = {t.rows[0].cells[0].text + "|" + t.rows[0].cells[1].text: t for t in doc.tables}
    duties = [[c.text for c in row.cells] for row in tables["Срок|Обязанность"].rows[1:]]
    assert ["29.05.2026", "Ежемесячное разъясняющее мероприятие", "май 2026", "просрочено",
            "нет мероприятия с 01.05.2026 по 31.05.2026"] in duties
    assert all(D(2026, 4, 1) <= dt.datetime.strptime(d[0], "%d.%m.%Y").date() <= D(2026, 6, 30) for d in duties)
    violations = [[c.text for c in row.cells] for row in tables["Дата|Нарушение"].rows[1:]]
    assert [v[0] for v in violations] == ["06.04.2026", "15.04.2026"]  # the March cases belong to the I quarter
    assert HIRE in violations[0][1]
    line = akimat.locate("year", "hires", 1, "prior_offence").line
    assert violations[0][2] == f"лист «Приём на работу», запись 2 (файл akimat-example.yaml, строка {line})"
    kpis = [[c.text for c in row.cells] for row in tables["Показатель|Требуется"].rows[1:]]
    assert ["Обучение не менее 5 % служащих", "не менее 6 человек: 5 % от 120 с округлением вверх; срок — 31.12.2026",
            "обучено: 5 человек (4,2 % от 120)", "в процессе\nне хватает 1 человека"] in kpis
    plan = _rows(tables["№ п/п|Мероприятие"])
    assert list(plan) == ["3.2.1.", "3.3.1.", "3.4.1.", "6.1.1.", "6.2.1."]  # due in the quarter or overdue before
    assert PERCENT_SENTENCE in texts
    assert any("«Приём на работу» — 2" in t for t in texts)
    assert "– 08.04.2026 — Выступление в областной газете о порядке получения государственных услуг (4.3.1);" in texts


def test_status_xlsx(files):
    ws = _sheet(files["status-2026-q2.xlsx"])
    assert ws.title == "II квартал 2026"
    values = [c.value for row in ws.iter_rows() for c in row if c.value]
    assert "о ходе исполнения направления № 4 за II квартал 2026 года" in values
    may = next(c.row for c in ws["D"] if c.value == "май 2026")  # the duty's title spans B:C
    assert [ws.cell(row=may, column=c).value for c in (1, 2, 5, 6)] == [
        "29.05.2026", "Ежемесячное разъясняющее мероприятие", "просрочено", "нет мероприятия с 01.05.2026 по 31.05.2026"]
    hire = next(c.row for c in ws["B"] if c.value and HIRE in c.value)
    assert ws.cell(row=hire, column=1).value == "06.04.2026"
    assert ws.cell(row=hire, column=5).value.startswith("лист «Приём на работу», запись 2")
    assert ws.page_setup.orientation == "portrait" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_a_workbook_names_the_sheet_and_row(catalogue):
    org = load_organisation(examples_dir() / "akimat-example.xlsx", catalogue)
    project2 = next(p for p in quarter_status(org, catalogue, TODAY).projects if p.number == 2)
    assert project2.violations is not None
    assert project2.violations[0].place == "лист «Приём на работу», строка 3"


def test_violation_place_without_a_line(akimat, catalogue):
    problem = monitor(akimat, catalogue, TODAY).violations[0].model_copy(update={"place": None})
    assert violation_place(problem, "Приём на работу", 1) == "лист «Приём на работу», запись 2"


def test_quasi_first_quarter_holds_last_years_report_due_in_january(catalogue):
    quasi = load_organisation(examples_dir() / "quasi-example.yaml", catalogue)
    status = quarter_status(quasi, catalogue, D(2026, 2, 15))
    projects = {p.number: p for p in status.projects}
    assert list(projects) == [1, 2, 3, 4]
    assert [(d.code, d.period, d.due) for d in projects[3].duties][0] == ("p3.t3.s1", "IV квартал 2025", D(2026, 1, 5))
    assert {k.measures for k in projects[3].kpis} >= {"p3.t2", "p3.t3.s1"}
    assert projects[2].violations == []
    text = _body(_docx(render_year_documents(quasi, catalogue, D(2026, 2, 15))["status-2026-q1.docx"]))
    assert "Нарушения антикоррупционного законодательства за квартал не выявлены." in text
    assert NOTHING in text  # project 4 has no periodic duty, KPI or record for this organisation


def test_user_text_stays_text(akimat, catalogue):
    """Markup in the organisation's name and a formula in a measure reach the documents as text."""
    records = akimat.year.plan_execution
    hostile = [records[0].model_copy(update={"measure": "=SUM(A1:A9)", "comment": "<b> & </b>"}), *records[1:]]
    org = akimat.model_copy(update={
        "profile": akimat.profile.model_copy(update={"name": "ТОО «Ромашка & Ко <тест>»"}),
        "year": akimat.year.model_copy(update={"plan_execution": hostile}),
    })
    files = render_year_documents(org, catalogue, TODAY)
    doc = _docx(files["execution.docx"])
    assert "в деятельности ТОО «Ромашка & Ко <тест>»" in doc.paragraphs[0].text
    first = [c.text for c in doc.tables[0].rows[1].cells]
    assert first[1] == "=SUM(A1:A9)" and first[6] == "<b> & </b>."
    assert "ТОО «Ромашка & Ко <тест>»" in _docx(files["status-2026-q2.docx"]).paragraphs[0].text
    ws = _sheet(files["execution.xlsx"])
    cell = next(c for c in ws["B"] if c.value == "=SUM(A1:A9)")
    assert cell.data_type == "s"


# --- determinism and opening ----------------------------------------------------------------------------------


def test_byte_identical_across_runs(akimat, catalogue, files, tmp_path):
    again = render_year_documents(load_organisation(examples_dir() / "akimat-example.yaml", catalogue), catalogue,
                                  TODAY)
    assert again == files
    first = write_year_documents(akimat, catalogue, TODAY, tmp_path / "a")
    second = write_year_documents(akimat, catalogue, TODAY, tmp_path / "b")
    assert [p.name for p in first] == list(NAMES)
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_libreoffice_opens_the_word_documents(files, tmp_path):
    soffice = libreoffice("writer")
    sources = []
    for name in ("execution.docx", "status-2026-q2.docx"):
        sources.append(tmp_path / name)
        sources[-1].write_bytes(files[name])
    result = libreoffice_convert(soffice, sources, "pdf", tmp_path / "pdf")
    assert result.returncode == 0, result.stderr
    for source in sources:
        pdf = tmp_path / "pdf" / f"{source.stem}.pdf"
        assert pdf.is_file(), f"{source.name} не открылся в LibreOffice: {result.stdout} {result.stderr}"
        assert pdf.read_bytes().startswith(b"%PDF")


def test_libreoffice_opens_the_workbooks(files, tmp_path):
    soffice = libreoffice("calc")
    sources = []
    for name in ("execution.xlsx", "status-2026-q2.xlsx"):
        sources.append(tmp_path / name)
        sources[-1].write_bytes(files[name])
    result = libreoffice_convert(soffice, sources, "pdf", tmp_path / "pdf")
    assert result.returncode == 0, result.stderr
    for source in sources:
        assert (tmp_path / "pdf" / f"{source.stem}.pdf").is_file(), f"{source.name}: {result.stdout} {result.stderr}"


# --- the command line ---------------------------------------------------------------------------------------


def test_cli_monitor_out_writes_the_set(tmp_path, capsys, files):
    out = tmp_path / "year"
    assert main(["monitor", str(examples_dir() / "akimat-example.yaml"), "--today", "2026-06-15",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Документы года организации «ГУ «Аппарат акима Сарыаркинской области»» записаны:" in printed
    for name in NAMES:
        assert f"  {out / name}" in printed
        assert (out / name).read_bytes() == files[name]
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES)


def test_cli_monitor_out_json_prints_paths_to_stderr(tmp_path, capsys):
    out = tmp_path / "year"
    assert main(["monitor", str(examples_dir() / "akimat-example.yaml"), "--today", "2026-06-15", "--json",
                 "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.lstrip().startswith("{") and str(out / "execution.docx") in captured.err


def test_cli_monitor_refuses_an_out_that_is_a_file(tmp_path, capsys):
    target = tmp_path / "not-a-folder"
    target.write_text("x", encoding="utf-8")
    assert main(["monitor", str(examples_dir() / "akimat-example.yaml"), "--today", "2026-06-15",
                 "--out", str(target)]) == 2
    assert "файл, а не папка" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "x" and sorted(p.name for p in tmp_path.iterdir()) == [target.name]
    assert main(["monitor", "init", str(target), "--out", str(tmp_path)]) == 2


def test_cli_monitor_out_never_replaces_the_input(tmp_path, capsys):
    source = tmp_path / "execution.xlsx"  # an organisation's workbook named like a document of the year
    shutil.copy(examples_dir() / "akimat-example.xlsx", source)
    before = source.read_bytes()
    assert main(["monitor", str(source), "--today", "2026-06-15", "--out", str(tmp_path)]) == 2
    assert "поверх входного файла" in capsys.readouterr().err
    assert source.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["execution.xlsx"]
