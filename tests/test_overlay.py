"""Official indicator lists entered by the user: the template, the import, the overlay every command uses, and
`vakr catalogue --status`."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from docx import Document
from office import libreoffice, libreoffice_convert  # tests/office.py

from vakr.cli import main
from vakr.documents import write_documents
from vakr.errors import CatalogueError, InputError
from vakr.evaluation.checklist import checklist_items
from vakr.evaluation.evaluate import evaluate
from vakr.evaluation.recommendations import suggest_measure
from vakr.methodology.loader import clear_cache, load_catalogue
from vakr.methodology.overlay.file import (
    FIELDS,
    HEADERS,
    LISTS,
    SHEET,
    TEMPLATE_NAME,
    indicator_code,
    overlay_path,
    read_overlay,
)
from vakr.methodology.overlay.reading import read_indicator_file
from vakr.methodology.overlay.status import catalogue_status, import_indicators
from vakr.methodology.overlay.template import write_template
from vakr.organisation.load import load_organisation_with_warnings
from vakr.paths import methodology_dir, user_dir
from vakr.site import handbook

DATA = Path(__file__).parent / "data"
ACT = "Методические рекомендации по проведению внутреннего анализа коррупционных рисков (приказ АПК № 488)"
COI = [
    ("org.coi — Урегулирование конфликта интересов", 1,
     "Отсутствие порядка уведомления о возникшем конфликте интересов",
     ACT, "пункт 20, подпункт 1"),
    ("org.coi — Урегулирование конфликта интересов", 2,
     "Непринятие мер по урегулированию конфликта интересов при наличии уведомления", ACT, "пункт 20, подпункт 2"),
    ("org.coi", 3, "Участие работника в принятии решений в отношении близких родственников", ACT,
     "пункт 20, подпункт 3"),
]
COLLISION = [
    ("npa.collision — Коллизия положений правовых актов и внутренних документов", 1,
     "Противоречие внутреннего документа закону или иному акту более высокой юридической силы", ACT, "пункт 15"),
    ("npa.collision", 2, "Противоречие норм внутренних документов друг другу", ACT, "пункт 15"),
]
TODAY = dt.date(2025, 3, 3)


@pytest.fixture
def vakr_home(tmp_path, monkeypatch) -> Path:
    """An empty user folder of this test (the overlay is written into it); the catalogue cache is cleared."""
    home = tmp_path / "home"
    monkeypatch.setenv("VAKR_HOME", str(home))
    clear_cache()
    yield home
    clear_cache()


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return write_template(tmp_path_factory.mktemp("template"), load_catalogue())


def fill(template: Path, target: Path, rows: list[tuple]) -> Path:
    wb = openpyxl.load_workbook(template)
    ws = wb[SHEET]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c).value = value
    wb.save(target)
    return target


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# --- the user folder and the test isolation -----------------------------------------------------------------


def test_user_dir_is_vakr_home_or_dot_vakr(monkeypatch, tmp_path):
    monkeypatch.setenv("VAKR_HOME", str(tmp_path / "mine"))
    assert user_dir() == tmp_path / "mine"
    assert overlay_path() == tmp_path / "mine" / "catalogue" / "indicators.yaml"
    monkeypatch.delenv("VAKR_HOME")
    assert user_dir() == Path.home() / ".vakr"


def test_the_session_uses_an_empty_temporary_vakr_home():
    home = Path(os.environ["VAKR_HOME"])
    assert home.name.startswith("vakr-home-") and home.parent == Path(tempfile.gettempdir())
    assert not overlay_path().exists()


# --- the template -----------------------------------------------------------------------------------------------


def test_template_sheets_headers_and_dropdown(template, catalogue):
    assert template.name == TEMPLATE_NAME
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == ["Инструкция", SHEET, LISTS]
    assert wb[LISTS].sheet_state == "hidden"
    ws = wb[SHEET]
    assert [ws.cell(1, c).value for c in range(1, 6)] == [
        "Код фактора или сферы", "№ индикатора", "Формулировка индикатора", "Источник: акт", "Источник: пункт"]
    assert ws.freeze_panes == "A2"
    assert ws.cell(1, 1).fill.fgColor.rgb.endswith("D9E2F3") and ws.cell(1, 1).font.bold
    assert ws.cell(2, 3).alignment.wrap_text and not ws.cell(2, 3).protection.locked
    assert ws.column_dimensions["C"].width >= 60
    labels = [c.value for c in wb[LISTS]["A"][1:]]
    assert len(labels) == 20 == len(catalogue.indicator_groups())
    assert labels[0] == "npa.legal_gap — Правовой пробел"
    assert "org.coi — Урегулирование конфликта интересов" in labels
    group_list = next(dv for dv in ws.data_validations.dataValidation if dv.type == "list")
    assert group_list.formula1 == "vakr_list_groups" and "A2:A301" in str(group_list.sqref)
    assert wb.defined_names["vakr_list_groups"].attr_text == "'Списки'!$A$2:$A$21"
    number = next(dv for dv in ws.data_validations.dataValidation if dv.type == "whole")
    assert "B2:B301" in str(number.sqref)
    instructions = wb["Инструкция"]
    assert instructions.protection.sheet
    text = "\n".join(str(c.value) for row in instructions.iter_rows() for c in row if c.value)
    for words in ("vakr catalogue import", "заменяет прежний целиком", "подряд с 1",
                  "~/.vakr/catalogue/indicators.yaml",
                  "VAKR_HOME", "org.coi.01", "npa.collision.1", "vakr catalogue --status"):
        assert words in text, words


def test_template_is_not_overwritten_without_force(tmp_path, capsys):
    code, out, _ = run(["catalogue", "template", str(tmp_path)], capsys)
    assert code == 0 and f"Создан шаблон перечня индикаторов: {tmp_path / TEMPLATE_NAME}" in out
    path = tmp_path / TEMPLATE_NAME
    fill(path, path, [COI[0]])
    code, _, err = run(["catalogue", "template", str(tmp_path)], capsys)
    assert code == 2 and "Шаблон не создан" in err and "уже существует" in err and "--force" in err
    assert openpyxl.load_workbook(path)[SHEET]["C2"].value == COI[0][2]  # kept
    code, _, _ = run(["catalogue", "template", str(tmp_path), "--force"], capsys)
    assert code == 0
    assert openpyxl.load_workbook(path)[SHEET]["C2"].value is None  # a fresh file
    assert not list(tmp_path.glob(".*.tmp"))


# --- a valid import --------------------------------------------------------------------------------------------


@pytest.fixture
def imported(vakr_home, template, tmp_path, capsys) -> tuple[Path, str]:
    """3 indicators of org.coi and 2 of npa.collision imported through the CLI; the file and the command's output."""
    source = fill(template, tmp_path / "perechen.xlsx", COI + COLLISION)
    code, out, err = run(["catalogue", "import", str(source), "--today", "2025-03-03"], capsys)
    assert code == 0, err
    return source, out


def test_import_writes_the_overlay_and_reports_the_changes(imported):
    source, out = imported
    assert ("Коллизия положений правовых актов и внутренних документов: внесено индикаторов — 2"
            " (было: не внесены)") in out
    assert "Урегулирование конфликта интересов: внесено индикаторов — 3 (было: не внесены)" in out
    assert str(overlay_path()) in out
    data = yaml.safe_load(overlay_path().read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert [g["code"] for g in data["groups"]] == ["npa.collision", "org.coi"]
    coi = data["groups"][1]
    assert coi["imported_from"] == str(source.resolve())
    assert coi["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert coi["imported"] == TODAY
    assert coi["indicators"][1] == {
        "code": "org.coi.02", "number": 2, "title": COI[1][2], "source_act": ACT,
        "source_point": "пункт 20, подпункт 2"}
    assert [i["code"] for i in data["groups"][0]["indicators"]] == ["npa.collision.1", "npa.collision.2"]


def test_status_shows_each_group_with_its_origin(imported, capsys):
    code, out, _ = run(["catalogue", "--status"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert f"Импортированные перечни: {overlay_path()}" in lines
    i = lines.index("  2. Урегулирование конфликта интересов — индикаторы внесены полностью; индикаторов: 3")
    assert lines[i + 1] == (f"      откуда: импорт из perechen.xlsx 03.03.2025, источник: {ACT}, пункт 20, подпункт 1,"
                            " пункт 20, подпункт 2, пункт 20, подпункт 3")
    i = lines.index("  2. Коллизия положений правовых актов и внутренних документов — индикаторы внесены полностью;"
                    " индикаторов: 2")
    assert lines[i + 1] == f"      откуда: импорт из perechen.xlsx 03.03.2025, источник: {ACT}, пункт 15"
    i = lines.index("  1. Управление персоналом — частично, из материалов проекта; индикаторов: 15")
    assert lines[i + 1] == "      откуда: материалы проекта (seed)"
    assert "  3. Юридико-лингвистическая неопределённость — ещё не внесены" in lines
    assert lines.index("Направление 1. Коррупционные факторы в НПА (8):") < lines.index(
        "Направление 2. Сферы организационно-управленческой деятельности (12):")
    assert "Не внесены перечни: 13 из 20." in out

    code, out, _ = run(["catalogue", "--status", "--json"], capsys)
    rows = json.loads(out)
    assert [r["code"] for r in rows][:2] == ["npa.legal_gap", "npa.collision"] and len(rows) == 20
    coi = next(r for r in rows if r["code"] == "org.coi")
    assert (coi["status"], coi["count"], coi["origin"], coi["imported"]) == ("complete", 3, "import", "2025-03-03")
    assert coi["sources"][0] == {"act": ACT, "point": "пункт 20, подпункт 1"}
    hr = next(r for r in rows if r["code"] == "org.hr")
    assert (hr["status"], hr["count"], hr["origin"]) == ("partial", 15, "seed")


def test_status_without_imports_and_of_another_folder(vakr_home, imported, capsys):
    code, out, _ = run(["catalogue", "--status", "--data", str(methodology_dir())], capsys)
    assert code == 0 and "Импортированные перечни" not in out
    assert "  2. Урегулирование конфликта интересов — ещё не внесены" in out
    overlay_path().unlink()
    code, out, _ = run(["catalogue", "--status"], capsys)
    assert "(файла нет: импорт не выполнялся)" in out and "Не внесены перечни: 15 из 20." in out


def test_every_command_uses_the_imported_lists(imported, capsys):
    cat = load_catalogue()
    coi = cat.get("org.coi")
    assert coi.indicators_status == "complete" and [i.code for i in coi.indicators] == [
        "org.coi.01", "org.coi.02", "org.coi.03"]
    assert cat.source_title(cat.get("org.coi.03").source) == (
        "Официальный перечень индикаторов, внесённый командой «vakr catalogue import»:"
        f" {ACT}, пункт 20, подпункт 3")
    items = {i.code: i for i in checklist_items(cat, "state_body")}
    assert items["org.coi.01"].title == COI[0][2] and items["org.coi.01"].label == (
        "Урегулирование конфликта интересов, индикатор 1")
    assert items["npa.collision.2"].title == COLLISION[1][2]
    assert items["org.coi"].title == "Иные признаки сферы «Урегулирование конфликта интересов», не перечисленные выше"
    # The bundled catalogue and another folder stay without the overlay.
    assert load_catalogue(overlay=False).get("org.coi").indicators == []
    assert load_catalogue(methodology_dir()).get("org.coi").indicators == []
    code, out, _ = run(["catalogue", "--json"], capsys)
    areas = {a["code"]: a for a in json.loads(out)["org_areas"]}
    assert [i["code"] for i in areas["org.coi"]["indicators"]] == ["org.coi.01", "org.coi.02", "org.coi.03"]
    code, out, _ = run(["catalogue"], capsys)
    assert "Урегулирование конфликта интересов — индикаторов: 3" in out
    assert "Перечни индикаторов, внесённые импортом (2)" in out


def test_a_new_workbook_lists_the_imported_indicators(imported, tmp_path, capsys):
    code, out, _ = run(["new", "Отдел условных услуг", str(tmp_path / "new")], capsys)
    assert code == 0
    path = next((tmp_path / "new").glob("*.xlsx"))
    wb = openpyxl.load_workbook(path)
    rows = [[c.value for c in row] for row in wb["Чек-лист"].iter_rows(min_row=2)]
    by_code = {r[0]: r for r in rows}
    assert by_code["org.coi.02"][2:5] == ["2. Урегулирование конфликта интересов", 2, COI[1][2]]
    assert by_code["npa.collision.1"][4] == COLLISION[0][2]
    codes = [r[0] for r in rows]
    assert codes.index("org.coi.01") < codes.index("org.coi.03") < codes.index("org.coi")
    listed = [c.value for c in wb["Списки"]["A"][1:]]
    assert "org.coi.03" in listed


def test_a_finding_on_an_imported_indicator_evaluates_and_is_reported(imported, tmp_path, capsys):
    org = yaml.safe_load((DATA / "small-org.yaml").read_text(encoding="utf-8"))
    org["checklist"].append({"indicator": "org.coi.02", "answer": "present"})
    org["findings"].append({
        "indicator": "org.coi.02", "act": "Приказ о конкурсной комиссии № 3-ө", "unit": "Кадровая служба",
        "description": "Член конкурсной комиссии не заявил самоотвод при рассмотрении кандидатуры родственника",
        "likelihood": 3, "impact": 4})
    path = tmp_path / "org.yaml"
    path.write_text(yaml.safe_dump(org, allow_unicode=True, sort_keys=False), encoding="utf-8")
    cat = load_catalogue()
    organisation, _ = load_organisation_with_warnings(path, cat)
    evaluation = evaluate(organisation, cat, today=dt.date(2025, 10, 20))
    risk = next(r for r in evaluation.risks if r.indicator == "org.coi.02")
    assert risk.indicator_label == "Урегулирование конфликта интересов, индикатор 2"
    assert evaluation.counts_by_section["report.s2"] == 1
    # No measure of its own: the area's measure, chosen by the words of the description.
    suggestion = suggest_measure(cat, "org.coi.02", "org.coi", risk.description)
    assert suggestion.code in {m.code for m in cat.recommended_for("org.coi")}
    code, out, _ = run(["evaluate", str(path), "--today", "2025-10-20"], capsys)
    assert code == 0 and "Урегулирование конфликта" in out
    written = write_documents(evaluation, tmp_path / "out", cat)
    report = next(p for p in written if p.name == "report.docx")
    text = "\n".join(p.text for p in Document(str(report)).paragraphs)
    assert ("По направлению – урегулирование конфликта интересов, по индикатору: 2) непринятие мер по урегулированию"
            " конфликта интересов при наличии уведомления") in text
    plan = next(p for p in written if p.name == "plan.xlsx")
    cells = [c.value for row in openpyxl.load_workbook(plan).active.iter_rows() for c in row if isinstance(c.value, str)]
    assert ("Урегулирование конфликта интересов: непринятие мер по урегулированию конфликта интересов при наличии"
            " уведомления") in cells


def test_the_handbook_tables_follow_the_overlay(imported):
    table = handbook.indicators_table("org.coi")
    assert COI[2][2] in table and "ещё не внесён" not in table
    assert [line.split(" | ")[0] for line in table.splitlines() if line.startswith("| ")][1:] == ["| 1", "| 2", "| 3"]
    assert "3 индикатора" in handbook.areas_table()


# --- re-import, the cache and seed groups -------------------------------------------------------------------


def test_reimport_replaces_the_list_of_the_groups_in_the_file_only(imported, template, tmp_path, capsys):
    second = fill(template, tmp_path / "second.xlsx", [
        ("org.coi", 1, "Неуведомление о конфликте интересов", ACT, "пункт 21"),
        ("org.coi", 2, "Неурегулирование конфликта интересов", ACT, "пункт 21"),
    ])
    before = load_catalogue()  # cached in this process
    assert len(before.get("org.coi").indicators) == 3
    code, out, _ = run(["catalogue", "import", str(second), "--today", "2025-04-01"], capsys)
    assert code == 0
    assert ("Урегулирование конфликта интересов: внесено индикаторов — 2"
            " (было: 3 — импорт из perechen.xlsx 03.03.2025)") in out
    assert "Коллизия" not in out
    cat = load_catalogue()  # not the stale cached catalogue
    assert [i.title for i in cat.get("org.coi").indicators] == ["Неуведомление о конфликте интересов",
                                                                  "Неурегулирование конфликта интересов"]
    assert not cat.has("org.coi.03")
    assert len(cat.get("npa.collision").indicators) == 2  # absent from the file: kept
    overlay = read_overlay(overlay_path(), load_catalogue(overlay=False))
    status = {s.code: s for s in catalogue_status(load_catalogue(), overlay)}
    assert status["org.coi"].imported == dt.date(2025, 4, 1) and status["org.coi"].imported_from.endswith("second.xlsx")
    assert status["npa.collision"].imported == TODAY
    code, out, _ = run(["catalogue", "import", str(second), "--today", "2025-04-02"], capsys)
    assert "внесено индикаторов — 2 (было: тот же перечень)" in out


def test_the_cache_follows_the_overlay_file(imported):
    assert load_catalogue().get("org.coi").indicators
    overlay_path().unlink()
    assert load_catalogue().get("org.coi").indicators == []


def test_replacing_a_seed_list_keeps_measures_and_examples_of_the_same_wording(vakr_home, template, tmp_path, capsys):
    cat = load_catalogue()
    gap6 = cat.get("npa.legal_gap.6").title
    hr5 = cat.get("org.hr.05").title
    source = fill(template, tmp_path / "seed.xlsx", [
        ("org.hr", 1, hr5, ACT, "пункт 18"),
        ("org.hr", 2, "Назначение на должность без проверки сведений о кандидате", ACT, "пункт 18"),
        ("npa.legal_gap", 1, "Отсутствие сроков административных процедур", ACT, "пункт 14"),
        ("npa.legal_gap", 2, gap6, ACT, "пункт 14"),
    ])
    code, out, err = run(["catalogue", "import", str(source), "--today", "2025-03-03"], capsys)
    assert code == 0, err
    assert "Управление персоналом: внесено индикаторов — 2 (было: 15 из материалов проекта)" in out
    assert "ответы по этим кодам относятся теперь к новым формулировкам" in out
    cat = load_catalogue()
    assert [i.code for i in cat.get("org.hr").indicators] == ["org.hr.01", "org.hr.02"]
    assert cat.get("org.hr").indicators_status == "complete"
    # The bundled measure of org.hr.05 follows its wording to org.hr.01; org.hr.02 has none (the area's measure).
    assert [m.code for m in cat.recommended_for("org.hr.01")] == [
        m.code for m in load_catalogue(overlay=False).recommended_for("org.hr.05")]
    assert cat.recommended_for("org.hr.02") == []
    example = next(e for e in cat.worked_examples if e.code == "example.emergency_gap")
    assert example.indicator == "npa.legal_gap.2"


def test_an_example_whose_indicator_is_gone_is_left_out(vakr_home, template, tmp_path, capsys):
    source = fill(template, tmp_path / "gap.xlsx", [("npa.legal_gap", 1, "Отсутствие сроков", ACT, "пункт 14")])
    assert run(["catalogue", "import", str(source)], capsys)[0] == 0
    cat = load_catalogue()
    assert [e.code for e in cat.worked_examples] == ["example.hidden_service"]
    assert yaml.safe_load(overlay_path().read_text(encoding="utf-8"))["groups"][0]["imported"] == dt.date.today()


def test_a_yaml_list_imports_the_same_way(vakr_home, tmp_path):
    path = tmp_path / "perechen.yaml"
    path.write_text(yaml.safe_dump({"indicators": [
        {"group": g, "number": n, "title": t, "source_act": a, "source_point": p} for g, n, t, a, p in COI]},
        allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = import_indicators(path, load_catalogue(overlay=False), today=TODAY)
    assert [c.line for c in result.changes] == [
        "Урегулирование конфликта интересов: внесено индикаторов — 3 (было: не внесены)"]
    assert [i.code for i in load_catalogue().get("org.coi").indicators] == ["org.coi.01", "org.coi.02", "org.coi.03"]


def test_a_list_saved_by_libreoffice_calc_imports_the_same(vakr_home, template, tmp_path):
    soffice = libreoffice("calc")
    source = fill(template, tmp_path / "perechen.xlsx", COI + COLLISION)
    result = libreoffice_convert(soffice, [source], "xlsx:Calc MS Excel 2007 XML", tmp_path / "calc")
    assert result.returncode == 0, result.stderr
    resaved = tmp_path / "calc" / "perechen.xlsx"
    bundled = load_catalogue(overlay=False)
    assert read_indicator_file(resaved, bundled) == read_indicator_file(source, bundled)
    wb = openpyxl.load_workbook(resaved)
    assert wb.sheetnames == ["Инструкция", SHEET, LISTS] and wb[LISTS].sheet_state == "hidden"
    assert any(dv.type == "list" for dv in wb[SHEET].data_validations.dataValidation)


def test_indicator_codes_follow_the_group_convention():
    assert indicator_code("org.hr", 1) == "org.hr.01"
    assert indicator_code("org.coi", 12) == "org.coi.12"
    assert indicator_code("npa.legal_gap", 1) == "npa.legal_gap.1"


# --- bad files ------------------------------------------------------------------------------------------------


BAD_ROWS = {
    "duplicate number": (
        COI[:2] + [("org.coi", 2, "Повтор", ACT, "пункт 20")],
        "perechen.xlsx, лист «Индикаторы», строка 4, столбец B «№ индикатора»: номер 2 уже указан для"
        " «Урегулирование конфликта интересов» (строка 3)",
    ),
    "gap in numbering": (
        [COI[0], ("org.coi", 3, "Третий", ACT, "пункт 20")],
        "perechen.xlsx, лист «Индикаторы», строка 3, столбец B «№ индикатора»: номера индикаторов «Урегулирование"
        " конфликта интересов» должны идти подряд с 1: после номера 1 указан 3, пропущен номер 2",
    ),
    "numbering not from 1": (
        [("org.coi", 2, "Второй", ACT, "пункт 20")],
        "perechen.xlsx, лист «Индикаторы», строка 2, столбец B «№ индикатора»: номера индикаторов «Урегулирование"
        " конфликта интересов» должны идти подряд с 1: первый номер — 2, пропущен номер 1",
    ),
    "unknown group": (
        COI + [("org.unknown — Неизвестная сфера", 1, "Что-то", ACT, "пункт 1")],
        "perechen.xlsx, лист «Индикаторы», строка 5, столбец A «Код фактора или сферы»: неизвестный фактор или сфера"
        " «org.unknown — Неизвестная сфера»",
    ),
    "empty wording": (
        [COI[0], ("org.coi", 2, "   ", ACT, "пункт 20")],
        "perechen.xlsx, лист «Индикаторы», строка 3, столбец C «Формулировка индикатора»: пустая формулировка"
        " индикатора",
    ),
    "missing act": (
        [("org.coi", 1, "Первый", None, "пункт 20")],
        "perechen.xlsx, лист «Индикаторы», строка 2, столбец D «Источник: акт»: не указан акт",
    ),
    "missing point": (
        [("org.coi", 1, "Первый", ACT, None)],
        "perechen.xlsx, лист «Индикаторы», строка 2, столбец E «Источник: пункт»: не указан пункт акта",
    ),
    "number not a number": (
        [("org.coi", "первый", "Первый", ACT, "пункт 20")],
        "perechen.xlsx, лист «Индикаторы», строка 2, столбец B «№ индикатора»: номер индикатора — целое"
        " положительное число, указано «первый»",
    ),
    "no group": (
        [(None, 1, "Первый", ACT, "пункт 20")],
        "perechen.xlsx, лист «Индикаторы», строка 2, столбец A «Код фактора или сферы»: не указан фактор или сфера",
    ),
}


@pytest.mark.parametrize("rows, message", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_a_bad_row_is_refused_naming_row_and_column(imported, template, tmp_path, capsys, rows, message):
    before = overlay_path().read_bytes()
    (tmp_path / "bad").mkdir()
    bad = fill(template, tmp_path / "bad" / "perechen.xlsx", rows)
    code, out, err = run(["catalogue", "import", str(bad)], capsys)
    assert code == 2 and out == ""
    assert err.startswith("Ошибка: Файл perechen.xlsx не импортирован: найдено ошибок: 1 (перечни индикаторов не"
                          " изменены)"), err
    assert message in err and "Traceback" not in err
    assert overlay_path().read_bytes() == before


def test_every_problem_of_the_file_is_reported_at_once(vakr_home, template, tmp_path):
    bad = fill(template, tmp_path / "many.xlsx", [
        ("org.coi", 1, "Первый", ACT, "пункт 1"), ("org.coi", 1, "", None, "пункт 2"), ("org.xyz", 1, "А", ACT, "п"),
        ("npa.collision", 2, "Второй", ACT, "пункт 3")])
    with pytest.raises(InputError) as info:
        read_indicator_file(bad, load_catalogue(overlay=False))
    where = [p.split("»: ")[0] + "»" for p in info.value.lines]
    assert where == [
        "many.xlsx, лист «Индикаторы», строка 3, столбец C «Формулировка индикатора»",
        "many.xlsx, лист «Индикаторы», строка 3, столбец D «Источник: акт»",
        "many.xlsx, лист «Индикаторы», строка 4, столбец A «Код фактора или сферы»",
        "many.xlsx, лист «Индикаторы», строка 5, столбец B «№ индикатора»",
    ]
    assert not overlay_path().exists()


def _text_as_xlsx(path: Path) -> None:
    path.write_text("group;number;title\norg.coi;1;Первый\n", encoding="utf-8")


def _bare_workbook(path: Path) -> None:
    openpyxl.Workbook().save(path)


def _unfilled_template(path: Path) -> None:
    write_template(path, load_catalogue())


def _renamed_headers(path: Path) -> None:
    write_template(path, load_catalogue())
    wb = openpyxl.load_workbook(path)
    wb[SHEET]["C1"].value = "Текст"
    wb.save(path)


BAD_FILES = {
    "text renamed .xlsx": (_text_as_xlsx, "perechen.xlsx: файл не является книгой Excel (.xlsx): похоже, это текстовый"
                                          " или другой файл, переименованный в .xlsx"),
    "empty workbook": (_bare_workbook, "perechen.xlsx: в книге нет листа «Индикаторы» (есть: «Sheet»)"),
    "unfilled template": (_unfilled_template, "perechen.xlsx: на листе «Индикаторы» нет ни одного индикатора"),
    "renamed header": (_renamed_headers, "perechen.xlsx, лист «Индикаторы», строка 1, столбец C: ожидается заголовок"
                                         " «Формулировка индикатора», указано «Текст»"),
    "empty file": (lambda p: p.write_bytes(b""), "perechen.xlsx: файл пуст (0 байт)"),
}


@pytest.mark.parametrize("make, message", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_file_that_is_not_the_template_is_refused_clearly(imported, tmp_path, capsys, make, message):
    before = overlay_path().read_bytes()
    (tmp_path / "bad").mkdir()
    path = tmp_path / "bad" / "perechen.xlsx"
    make(path)
    code, _, err = run(["catalogue", "import", str(path)], capsys)
    assert code == 2 and message in err and "Traceback" not in err, err
    assert overlay_path().read_bytes() == before


@pytest.mark.parametrize("text, message", [
    ("indicators:\n  - {group: org.coi, number: 1, title: Первый, source_act: Акт, source_point: п. 1}\n"
     "  - {group: org.coi, number: 1, title: Второй, source_act: Акт, source_point: п. 2, note: x}\n",
     ["perechen.yaml, indicators[1].note (строка 3): лишнее поле",
      "perechen.yaml, indicators[1].number (строка 3): номер 1 уже указан для «Урегулирование конфликта интересов»"]),
    ("indicators:\n  - group: org.coi\n    number: 1\n    title: ''\n    source_act: Акт\n",
     ["perechen.yaml, indicators[0].title (строка 4): пустая формулировка индикатора",
      "perechen.yaml, indicators[0].source_point (строка 2): не указан пункт акта"]),
    ("indicators: []\n", ["perechen.yaml: список indicators пуст"]),
    ("groups: 1\n", ["perechen.yaml: ожидается словарь с ключом indicators"]),
    ("indicators: [\n", ["perechen.yaml: строка 2, позиция 1: ошибка синтаксиса YAML"]),
    ("", ["perechen.yaml: файл пуст"]),
])
def test_a_bad_yaml_list_is_refused_naming_path_and_line(vakr_home, tmp_path, capsys, text, message):
    path = tmp_path / "perechen.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = run(["catalogue", "import", str(path)], capsys)
    assert code == 2 and "Traceback" not in err
    for m in message:
        assert m in err, err
    assert not overlay_path().exists()


def test_an_unsupported_file_type_and_a_missing_file(vakr_home, tmp_path, capsys):
    (tmp_path / "perechen.csv").write_text("org.coi;1;Первый", encoding="utf-8")
    code, _, err = run(["catalogue", "import", str(tmp_path / "perechen.csv")], capsys)
    assert code == 2 and "неподдерживаемый тип файла («.csv»)" in err
    code, _, err = run(["catalogue", "import", str(tmp_path / "nothere.xlsx")], capsys)
    assert code == 2 and "nothere.xlsx: файл не найден" in err


# --- a broken overlay -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, problem", [
    ("version: 1\ngroups: [\n", "ошибка синтаксиса YAML"),
    ("- just a list\n", "ожидается словарь с ключами version и groups"),
    ("version: 1\ngroups:\n  - code: org.nowhere\n    imported_from: x.xlsx\n    sha256: " + "ab" * 32
     + "\n    imported: 2025-03-03\n    indicators:\n      - {code: org.nowhere.01, number: 1, title: A,"
       " source_act: B, source_point: C}\n", "группа org.nowhere: нет такого фактора или сферы"),
    ("version: 1\ngroups:\n  - code: org.coi\n    imported_from: x.xlsx\n    sha256: " + "ab" * 32
     + "\n    imported: 2025-03-03\n    indicators:\n      - {code: org.coi.02, number: 2, title: A,"
       " source_act: B, source_point: C}\n", "группа org.coi: номера должны идти подряд с 1, пропущен номер 1"),
    ("version: 1\ngroups:\n  - code: org.coi\n    imported_from: x.xlsx\n    sha256: " + "ab" * 32
     + "\n    imported: 2025-03-03\n    indicators:\n      - {code: org.coi.01, number: 1, title: A}\n",
     "поле «groups.0.indicators.0.source_act»: нет обязательного поля"),
])
def test_a_broken_overlay_is_a_clear_error_naming_the_file(vakr_home, capsys, text, problem):
    overlay_path().parent.mkdir(parents=True)
    overlay_path().write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue()
    message = str(info.value)
    assert message.startswith(f"Файл импортированных перечней индикаторов {overlay_path()} повреждён:")
    assert problem in message and "удалите этот файл" in message
    for argv in (["catalogue"], ["catalogue", "--status"], ["evaluate", str(DATA / "small-org.yaml")]):
        code, _, err = run(argv, capsys)
        assert code == 2 and str(overlay_path()) in err and "Traceback" not in err, argv
    # Another folder is read without the overlay.
    assert run(["catalogue", "--data", str(methodology_dir())], capsys)[0] == 0
    overlay_path().unlink()
    assert load_catalogue().get("org.coi").indicators == []


def test_a_broken_overlay_is_not_replaced_silently_by_an_import(vakr_home, template, tmp_path, capsys):
    overlay_path().parent.mkdir(parents=True)
    overlay_path().write_text("version: 1\ngroups: [\n", encoding="utf-8")
    source = fill(template, tmp_path / "perechen.xlsx", COI)
    code, _, err = run(["catalogue", "import", str(source)], capsys)
    assert code == 2 and "повреждён" in err
    assert overlay_path().read_text(encoding="utf-8") == "version: 1\ngroups: [\n"


# --- the bundled data's own check -------------------------------------------------------------------------------


def test_bundled_indicators_still_need_a_measure_imported_ones_do_not(imported, catalogue_copy):
    import re

    path = catalogue_copy / "recommended_measures.yaml"
    text = re.sub(r"  - code: rm\.org\.coi(\.\d+)?\n(    .*\n)+", "", path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(catalogue_copy)
    assert "нет рекомендуемой меры для «org.coi»" in str(info.value)
    cat = load_catalogue()
    assert all(cat.recommended_for(i.code) == [] for i in cat.get("org.coi").indicators)


def test_fields_and_headers_agree():
    assert FIELDS == ("group", "number", "title", "source_act", "source_point")
    assert list(HEADERS) == list(FIELDS)
