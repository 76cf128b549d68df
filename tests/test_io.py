"""Reading and writing an organisation: the Excel workbook (template, filled, parsed), YAML, bad files."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from office import libreoffice, libreoffice_convert  # tests/office.py

from vakr.errors import DocumentError, InputError, VakrError
from vakr.evaluation.checklist import checklist_items
from vakr.organisation.excel.layout import (
    CHECKLIST_COLUMNS,
    EMPTY_ROWS,
    POSITION_COLUMNS,
    RISK_COLUMNS,
    TEMPLATE_VERSION,
    VERSION_NAME,
)
from vakr.organisation.excel.reader import read_workbook
from vakr.organisation.excel.workbook import create_workbook, new_workbook, write_workbook
from vakr.organisation.load import load_organisation, load_organisation_with_warnings, read_organisation
from vakr.organisation.model import ChecklistAnswer, Finding, Order, Organisation, Person, Position, Profile
from vakr.organisation.yaml import dump_yaml, read_yaml, template_yaml, write_yaml
from vakr.paths import examples_dir

KAZAKH = "әғқңөұүһі"
EXAMPLES = ("akimat-example", "quasi-example")


def dump(org: Organisation) -> dict:
    return org.model_dump(mode="json")


def col(columns, key: str) -> int:
    """1-based column index of a field (or of a helper column by its header)."""
    return next(i for i, c in enumerate(columns, start=1) if (c.key or c.header) == key)


def profile_row(ws, label: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label)


# --- the template --------------------------------------------------------------------------------------------


def test_new_workbook_has_the_sheets_lists_and_version(catalogue):
    wb = new_workbook(catalogue, "ГУ «Аппарат акима Сарыаркинской области»", "akimat")
    # The ВАКР's sheets, their lists, then the year's sheets (tests/test_year_input.py) and their lists.
    assert wb.sheetnames[:6] == ["Инструкция", "Профиль", "Чек-лист", "Риски", "Должности", "Списки"]
    assert wb.sheetnames[6] == "Исполнение плана" and wb.sheetnames[-1] == "Списки года"
    assert wb["Списки"].sheet_state == wb["Списки года"].sheet_state == "hidden"
    assert [wb[s].sheet_state for s in wb.sheetnames[:5]] == ["visible"] * 5
    # The template version: a cell of «Инструкция» named vakr_template_version.
    assert wb["Инструкция"]["A3"].value == "Версия шаблона"
    assert wb["Инструкция"]["B3"].value == TEMPLATE_VERSION == 1
    assert list(wb.defined_names[VERSION_NAME].destinations) == [("Инструкция", "$B$3")]

    profile = wb["Профиль"]
    assert [profile.cell(1, c).value for c in range(1, 5)] == ["Поле", "Значение", "Должность", "Пояснение"]
    assert profile.cell(profile_row(profile, "Наименование организации"), 2).value == (
        "ГУ «Аппарат акима Сарыаркинской области»")
    slug = profile.cell(profile_row(profile, "Имя папки (латиница)"), 2).value
    assert slug == "gu-apparat-akima-saryarkinskoi-oblasti"
    # The title as the methodology states it (organisation_types.yaml), the one place it is written.
    assert profile.cell(profile_row(profile, "Тип организации"), 2).value == (
        "Местный исполнительный орган (аппарат акима, акимат)")

    items = checklist_items(catalogue, "akimat")
    check = wb["Чек-лист"]
    assert [c.value for c in check[1]] == [c.header for c in CHECKLIST_COLUMNS]
    assert check.max_row == len(items) + 1 == 56
    assert [check.cell(r, 1).value for r in range(2, check.max_row + 1)] == [i.code for i in items]
    row = 2 + [i.code for i in items].index("org.public_services.08")
    assert check.cell(row, 3).value == "3. Оказание государственных услуг"
    assert check.cell(row, 4).value == 8
    assert check.cell(row, 5).value.startswith("Оказание «скрытых» государственных услуг")
    assert check.cell(row, 6).value is None

    codes = [wb["Списки"].cell(r, 1).value for r in range(2, len(items) + 2)]
    assert codes == [i.code for i in items]
    assert [wb["Списки"].cell(r, 3).value for r in range(2, 5)] == ["Присутствует", "Отсутствует", "Не применимо"]


def test_template_validations_protection_and_prepared_rows(catalogue):
    wb = new_workbook(catalogue, "Тест", "state_body")
    risks, positions = wb["Риски"], wb["Должности"]
    assert [c.value for c in risks[1]] == [c.header for c in RISK_COLUMNS]
    assert [c.value for c in positions[1]] == [c.header for c in POSITION_COLUMNS]
    assert risks.max_row == positions.max_row == EMPTY_ROWS + 1 == 201

    lists = {dv.formula1: str(dv.sqref) for dv in risks.data_validations.dataValidation if dv.type == "list"}
    assert lists["vakr_list_codes"] == "B2:B201"
    assert lists["vakr_list_units"] == "E2:E201"
    assert {dv.formula1 for dv in risks.data_validations.dataValidation} >= {"vakr_list_scores", "DATE(2000,1,1)"}
    assert wb.defined_names["vakr_list_codes"].attr_text == "'Списки'!$A$2:$A$56"
    unit_ref = wb.defined_names["vakr_list_units"].attr_text
    first_unit = profile_row(wb["Профиль"], "Структурное подразделение 1")
    assert unit_ref == f"'Профиль'!$B${first_unit}:$B${first_unit + 29}"
    answer_lists = [dv for dv in wb["Чек-лист"].data_validations.dataValidation if dv.formula1 == "vakr_list_answers"]
    assert str(answer_lists[0].sqref) == "F2:F56"
    assert wb.defined_names["vakr_list_answers"].attr_text == "'Списки'!$C$2:$C$4"

    # Headers frozen and locked; data cells open for typing; sheet protected without a password.
    for ws, freeze in ((risks, "C2"), (positions, "C2"), (wb["Чек-лист"], "B2"), (wb["Профиль"], "A2")):
        assert ws.freeze_panes == freeze
        assert ws.protection.sheet is True
        assert ws.protection.password is None
        assert ws["A1"].protection.locked is True
    assert risks.cell(201, col(RISK_COLUMNS, "description")).protection.locked is False
    assert risks.cell(201, col(RISK_COLUMNS, "Балл")).protection.locked is True
    assert risks.cell(2, col(RISK_COLUMNS, "description")).alignment.wrap_text is True
    assert positions.cell(201, col(POSITION_COLUMNS, "risks")).protection.locked is False
    assert wb["Чек-лист"].cell(2, 5).protection.locked is True  # the indicator's title
    assert wb["Чек-лист"].cell(2, 6).protection.locked is False  # the answer
    assert risks.column_dimensions["F"].width == 60


def test_create_workbook_writes_slug_file_and_refuses_to_overwrite(tmp_path, catalogue):
    path = create_workbook("ТОО «Қазақ Өнім»", tmp_path, catalogue, "quasi_public")
    assert path == tmp_path / "too-qazaq-onim.xlsx"
    before = path.read_bytes()
    with pytest.raises(InputError) as info:
        create_workbook("ТОО «Қазақ Өнім»", tmp_path, catalogue, "quasi_public")
    assert str(info.value) == (
        "Книга не создана:\n"
        f"  • файл {path} уже существует; он не будет перезаписан, чтобы не потерять данные."
        " Переименуйте или перенесите его, либо укажите другую папку"
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["too-qazaq-onim.xlsx"]  # no temporary files left

    yaml_path = create_workbook("ТОО «Қазақ Өнім»", tmp_path, catalogue, "quasi_public", as_yaml=True)
    assert yaml_path == tmp_path / "too-qazaq-onim.yaml"
    with pytest.raises(InputError, match="уже существует"):
        create_workbook("ТОО «Қазақ Өнім»", tmp_path, catalogue, as_yaml=True)


def test_yaml_template_lists_every_item_and_reads_back_with_russian_errors(tmp_path, catalogue):
    text = template_yaml(catalogue, "ГУ «Тест»", "akimat")
    data = yaml.safe_load(text)
    assert data["profile"]["name"] == "ГУ «Тест»"
    assert data["profile"]["type"] == "akimat"
    assert [a["indicator"] for a in data["checklist"]] == [i.code for i in checklist_items(catalogue, "akimat")]
    assert "  # Оказание государственных услуг, индикатор 8: Оказание «скрытых» государственных услуг" in text
    path = tmp_path / "test.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_yaml(path)
    problems = info.value.lines
    assert "test.yaml, profile.region (строка 10): не заполнено обязательное поле" in problems
    assert "test.yaml, profile.vakr_start (строка 16): ожидается дата в формате ГГГГ-ММ-ДД" in problems
    assert "test.yaml, profile.units (строка 22): укажите хотя бы одно структурное подразделение" in problems
    assert not any("findings" in p or "positions" in p or "checklist" in p for p in problems)
    # Filled in, it reads: sections left with only comments under them are empty lists.
    filled = (text.replace('region: ""', "region: Сарыаркинская область")
              .replace('head: {name: "", position: "", position_kk: null}',
                       "head: {name: Ерболат Нұрғалиев, position: Аким, position_kk: Әкім}")
              .replace('order: {number: "", date: null}', "order: {number: 1-ө, date: 2025-09-19}")
              .replace('authorised_person: {name: "", position: "", position_kk: null}',
                       "authorised_person: {name: А, position: Б}")
              .replace('- {name: "", position: "", position_kk: null}', "- {name: Әлия, position: Эксперт}")
              .replace("vakr_start: null", "vakr_start: 2025-10-01").replace("vakr_end: null", "vakr_end: 2025-11-28")
              .replace("units: []", "units: [Аппарат]"))
    path.write_text(filled, encoding="utf-8")
    org = read_yaml(path)
    assert (org.findings, org.positions, org.profile.units) == ([], [], ["Аппарат"])
    assert (org.profile.head.position_kk, org.profile.authorised_person.position_kk) == ("Әкім", None)
    assert [a.answer for a in org.checklist] == [None] * 55


# --- filling the template as an analyst would ------------------------------------------------------------------


def _expected_org() -> Organisation:
    units = ["Служба управления персоналом", "Отдел государственных закупок", "Юридический отдел"]
    return Organisation(
        profile=Profile(
            name="ГУ «Аппарат акима Сарыаркинской области»",
            name_kk="«Сарыарқа облысы әкімінің аппараты» ММ",
            slug="gu-apparat-akima-saryarkinskoi-oblasti",
            type="akimat",
            region="Сарыаркинская область",
            head=Person(name="Ерболат Қайратұлы Нұрғалиев", position="Руководитель аппарата"),
            order=Order(number="148-ө", date=dt.date(2025, 9, 19)),
            authorised_person=Person(name="Ғалымжан Нұрланұлы Тәжібаев", position="Заместитель руководителя"),
            working_group=[
                Person(name="Әлия Қасымқызы Жұмабаева", position="Руководитель службы управления персоналом"),
                Person(name="Шаһизада Оралқызы Ибраева", position="Главный эксперт юридического отдела"),
            ],
            vakr_start=dt.date(2025, 10, 1),
            vakr_end=dt.date(2025, 11, 28),
            report_signed=None,
            plan_approved=None,
            work_week=5,
            units=units,
            staff_headcount=120,
        ),
        checklist=[ChecklistAnswer(indicator="npa.legal_gap.1", answer="absent"),
                   ChecklistAnswer(indicator="npa.legal_gap.6", answer="present", comment="Пробел в ст. 48 (ұқсас)"),
                   ChecklistAnswer(indicator="org.budget", answer="present")],
        findings=[
            Finding(indicator="npa.legal_gap.6", act="Закон «О гражданской защите», статья 48", unit=units[0],
                    description="Не определено, кто объявляет ЧС объектового характера; «Өңір» & <сноска>",
                    functions=["Подготовка предложений", "Объявление ЧС"],
                    positions=["Заведующий отделом", "Главный специалист"],
                    measure="Направить письмо в уполномоченный орган", completion_form="Письмо",
                    responsible=["Жұмабаева Ә.Қ.", "Ибраева Ш.О."], due=dt.date(2026, 1, 30),
                    likelihood=3, impact=4),
            Finding(indicator="org.budget", act="Бизнес-процесс: командировки", unit=units[1],
                    description="=ставка по договору > 5 % & без обоснования", likelihood=2, impact=2,
                    responsible=["Отдел государственных закупок"]),
        ],
        positions=[Position(title="Заведующий отделом", unit=units[0], powers="Подготовка предложений",
                            risks="Произвол"),
                   Position(title="Главный специалист", unit=units[1], powers="Закупки", risks="Аффилированность")],
    )


def _fill_like_an_analyst(path: Path) -> None:
    """Type the data of :func:`_expected_org` into a template, the way a person does in Excel."""
    wb = openpyxl.load_workbook(path)
    p = wb["Профиль"]

    def put(label, b, c=None):
        r = profile_row(p, label)
        p.cell(r, 2).value = b
        if c is not None:
            p.cell(r, 3).value = c

    put("Наименование на казахском языке", "«Сарыарқа облысы әкімінің аппараты» ММ")
    put("Регион", "  Сарыаркинская область ")  # stray spaces are trimmed
    put("Штатная численность", 120)
    put("Руководитель", "Ерболат Қайратұлы Нұрғалиев", "Руководитель аппарата")
    put("Номер приказа о проведении ВАКР", "148-ө")
    put("Дата приказа о проведении ВАКР", dt.datetime(2025, 9, 19))
    put("Уполномоченное лицо", "Ғалымжан Нұрланұлы Тәжібаев", "Заместитель руководителя")
    put("Дата начала ВАКР", "01.10.2025")  # typed as text: accepted
    put("Дата завершения ВАКР", dt.datetime(2025, 11, 28))
    put("Член рабочей группы 1", "Әлия Қасымқызы Жұмабаева", "Руководитель службы управления персоналом")
    put("Член рабочей группы 3", "Шаһизада Оралқызы Ибраева", "Главный эксперт юридического отдела")  # gap skipped
    put("Структурное подразделение 1", "Служба управления персоналом")
    put("Структурное подразделение 2", "Отдел государственных закупок")
    put("Структурное подразделение 5", "Юридический отдел")

    ck = wb["Чек-лист"]
    # Answer three items; clear every other row entirely (rows emptied entirely are skipped).
    kept = ("npa.legal_gap.1", "npa.legal_gap.6", "org.budget")
    for r in range(2, ck.max_row + 1):
        if ck.cell(r, 1).value not in kept:
            for c in range(1, 8):
                ck.cell(r, c).value = None
    assert [ck.cell(r, 1).value for r in (2, 7, 40)] == list(kept)
    ck.cell(2, 6).value = "Отсутствует"
    ck.cell(7, 6).value = "присутствует"  # case does not matter
    ck.cell(7, 7).value = "Пробел в ст. 48 (ұқсас)"
    ck.cell(40, 6).value = " Присутствует "

    rk = wb["Риски"]

    def risk(r, **values):
        for key, value in values.items():
            rk.cell(r, col(RISK_COLUMNS, key)).value = value

    risk(2, indicator="npa.legal_gap.6", act="Закон «О гражданской защите», статья 48",
         unit="Служба управления персоналом",
         description="Не определено, кто объявляет ЧС объектового характера; «Өңір» & <сноска>",
         functions="Подготовка предложений; Объявление ЧС", positions="Заведующий отделом\nГлавный специалист",
         measure="Направить письмо в уполномоченный орган", completion_form="Письмо",
         responsible="Жұмабаева Ә.Қ.;\nИбраева Ш.О.;", due=dt.datetime(2026, 1, 30), likelihood=3, impact="4")
    # Row 3 left empty; row 4 is the second finding.
    risk(4, indicator="org.budget", act="Бизнес-процесс: командировки", unit="Отдел государственных закупок",
         description="=ставка по договору > 5 % & без обоснования", likelihood=2.0, impact=2,
         responsible="Отдел государственных закупок")
    rk.cell(4, col(RISK_COLUMNS, "description")).data_type = "s"

    ps = wb["Должности"]
    for r, values in ((2, ("Заведующий отделом", "Служба управления персоналом", "Подготовка предложений",
                           "Произвол")),
                      (3, ("Главный специалист", "Отдел государственных закупок", "Закупки", "Аффилированность"))):
        for c, value in enumerate(values, start=2):
            ps.cell(r, c).value = value
    wb.save(path)


def test_round_trip_template_filled_parsed(tmp_path, catalogue):
    path = create_workbook("ГУ «Аппарат акима Сарыаркинской области»", tmp_path, catalogue, "akimat")
    _fill_like_an_analyst(path)
    org = read_workbook(path, catalogue)
    assert dump(org) == dump(_expected_org())
    assert org.findings[1].description == "=ставка по договору > 5 % & без обоснования"
    assert org.profile.working_group[1].name == "Шаһизада Оралқызы Ибраева"
    # Where every value came from.
    name = path.name
    assert org.origin == name
    assert str(org.locate("findings", 1, "likelihood")) == f"{name}, лист «Риски», строка 4, столбец M «Вероятность»"
    assert str(org.locate("findings", 0, "indicator")) == f"{name}, лист «Риски», строка 2, столбец B «Код индикатора»"
    assert str(org.locate("findings", 1)) == f"{name}, лист «Риски», строка 4"
    assert str(org.locate("checklist", 1, "answer")) == f"{name}, лист «Чек-лист», строка 7, столбец F «Ответ»"
    assert str(org.locate("positions", 1, "title")) == f"{name}, лист «Должности», строка 3, столбец B «Должность»"
    start_row = profile_row(openpyxl.load_workbook(path)["Профиль"], "Дата начала ВАКР")
    assert str(org.locate("profile", "vakr_start")) == (
        f"{name}, лист «Профиль», строка {start_row} «Дата начала ВАКР», столбец B «Значение»")
    assert str(org.locate("profile", "working_group", 1, "position")).endswith(
        "«Член рабочей группы 3», столбец C «Должность»")
    assert str(org.locate("profile", "units", 2)).endswith("«Структурное подразделение 5», столбец B «Значение»")
    # And it passes the cross-checks (a warning for the item left unanswered by the trimmed checklist).
    org2, warnings = load_organisation_with_warnings(path, catalogue)
    assert dump(org2) == dump(org)
    assert any("не заполнен ответ" in str(w) for w in warnings)


@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_yaml_model_excel_give_the_same_model(tmp_path, catalogue, name):
    source = examples_dir() / f"{name}.yaml"
    from_yaml = read_yaml(source)
    # The committed workbook is the YAML's model.
    assert dump(read_workbook(examples_dir() / f"{name}.xlsx", catalogue)) == dump(from_yaml)
    # Model → Excel → model.
    xlsx = write_workbook(from_yaml, catalogue, tmp_path / f"{name}.xlsx")
    assert dump(read_workbook(xlsx, catalogue)) == dump(from_yaml)
    # Model → YAML → model, and the YAML is plain data with ISO dates and Cyrillic as is.
    out = write_yaml(from_yaml, tmp_path / f"{name}.yaml")
    assert dump(read_yaml(out)) == dump(from_yaml)
    text = out.read_text(encoding="utf-8")
    assert "vakr_start: 2025-" in text and "\\u" not in text
    assert text.startswith("schema_version: 1\nprofile:\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f"{name}.xlsx", f"{name}.yaml"])


def test_workbook_saved_by_libreoffice_calc_reads_the_same(tmp_path, catalogue):
    """Analysts fill the workbook in Excel or LibreOffice: a workbook re-saved by Calc gives the same model."""
    soffice = libreoffice("calc")
    source = tmp_path / "src" / "akimat-example.xlsx"
    source.parent.mkdir()
    shutil.copy(examples_dir() / "akimat-example.xlsx", source)
    result = libreoffice_convert(soffice, [source], "xlsx:Calc MS Excel 2007 XML", tmp_path / "calc")
    resaved = tmp_path / "calc" / "akimat-example.xlsx"
    assert result.returncode == 0 and resaved.is_file(), result.stderr
    assert zipfile.ZipFile(resaved).read("docProps/app.xml").count(b"LibreOffice") >= 1  # really Calc's file
    assert dump(read_workbook(resaved, catalogue)) == dump(read_yaml(examples_dir() / "akimat-example.yaml"))


def test_kazakh_letters_survive_excel_and_yaml(tmp_path, catalogue):
    org = _expected_org()
    org.profile.region = f"Облыс {KAZAKH} {KAZAKH.upper()}"
    org.findings[0].functions = [KAZAKH, KAZAKH.upper()]
    via_excel = read_workbook(write_workbook(org, catalogue, tmp_path / "k.xlsx"), catalogue)
    via_yaml = read_yaml(write_yaml(org, tmp_path / "k.yaml"))
    for got in (via_excel, via_yaml):
        assert got.profile.region == "Облыс әғқңөұүһі ӘҒҚҢӨҰҮҺІ"
        assert got.findings[0].functions == ["әғқңөұүһі", "ӘҒҚҢӨҰҮҺІ"]
        assert got.profile.head.name == "Ерболат Қайратұлы Нұрғалиев"
    assert "ӘҒҚҢӨҰҮҺІ" in (tmp_path / "k.yaml").read_text(encoding="utf-8")


def test_text_starting_with_equals_is_never_a_formula(tmp_path, catalogue):
    # Text an analyst may paste (hostile-looking strings live here, not in the bundled example).
    org = read_yaml(examples_dir() / "akimat-example.yaml")
    org.findings[9].description = "=ставка неустойки снижена в 10 раз & срок работ продлён > чем на 60 дней"
    org.findings[8].description = "договоры стоимостью < 100 МРП, в том числе с ТОО «Сарыарқа Принт & Ко»"
    path = write_workbook(org, catalogue, tmp_path / "a.xlsx")
    ws = openpyxl.load_workbook(path)["Риски"]
    cell = ws.cell(11, col(RISK_COLUMNS, "description"))
    assert cell.value == "=ставка неустойки снижена в 10 раз & срок работ продлён > чем на 60 дней"
    assert cell.data_type == "s"
    assert ws.cell(11, col(RISK_COLUMNS, "Балл")).data_type == "f"  # our own helper formulas stay formulas
    risky = ws.cell(10, col(RISK_COLUMNS, "description")).value
    assert risky == "договоры стоимостью < 100 МРП, в том числе с ТОО «Сарыарқа Принт & Ко»"
    assert read_workbook(path, catalogue).findings[9].description == cell.value


def test_write_workbook_is_atomic_and_replaces(tmp_path, catalogue):
    org = read_yaml(examples_dir() / "quasi-example.yaml")
    target = tmp_path / "q.xlsx"
    target.write_bytes(b"old")
    write_workbook(org, catalogue, target)
    assert zipfile.is_zipfile(target)
    assert [p.name for p in tmp_path.iterdir()] == ["q.xlsx"]


# --- the examples --------------------------------------------------------------------------------------------


def test_akimat_example_content(catalogue):
    org, warnings = load_organisation_with_warnings(examples_dir() / "akimat-example.yaml", catalogue)
    p = org.profile
    assert (p.type, p.slug, p.staff_headcount) == ("akimat", "akimat-example", 120)
    assert (p.vakr_start, p.vakr_end, p.report_signed, p.plan_approved) == (
        dt.date(2025, 10, 1), dt.date(2025, 11, 28), None, None)
    assert 5 <= len(p.working_group) <= 8 and 5 <= len(org.positions) <= 8
    assert len(org.findings) == 15
    groups = [catalogue.group_of(f.indicator).code for f in org.findings]
    areas = {g for g in groups if g.startswith("org.")}
    factors = {g for g in groups if g.startswith("npa.")}
    assert len(areas) >= 6 and len(factors) == 2
    assert {"org.budget", "org.it", "org.permits"} <= set(f.indicator for f in org.findings)
    bands = {catalogue.risk_matrix.band_for(f.likelihood * f.impact).code for f in org.findings}
    assert bands == {"low", "medium", "high", "critical"}
    # The seed's worked examples, with their texts.
    examples = {e.indicator: e for e in catalogue.worked_examples}
    for f in org.findings:
        if f.indicator in examples:
            assert " ".join(f.description.split()) == " ".join(examples[f.indicator].description.split())
    by_code = {f.indicator: f for f in org.findings}
    assert by_code["org.public_services.08"].unit == "Служба управления персоналом (кадровая служба)"
    assert by_code["npa.legal_gap.6"].unit == "Отдел по мобилизационной подготовке"
    # Every item answered; present exactly where findings are, plus one present without a finding.
    assert [a.indicator for a in org.checklist] == [i.code for i in checklist_items(catalogue, "akimat")]
    assert all(a.answer for a in org.checklist)
    present = {a.indicator for a in org.checklist if a.answer == "present"}
    assert present - set(by_code) == {"org.hr.11"}
    assert set(by_code) <= present
    assert sum(1 for f in org.findings if f.measure is None) == 2
    assert sum(1 for f in org.findings if f.due is None) == 2
    assert all(w.severity == "warning" for w in warnings)
    # The three findings without a measure: one warning naming their rows.
    assert [w.message.split(" (")[0] for w in warnings] == ["рекомендуемая мера не указана в 2 из 15 рисков"]


def test_quasi_example_content(catalogue):
    org = load_organisation(examples_dir() / "quasi-example.yaml", catalogue)
    assert org.profile.type == "quasi_public"
    assert 3 <= len(org.findings) <= 5 and 2 <= len(org.positions) <= 3
    assert org.profile.report_signed == dt.date(2025, 6, 10)
    assert org.profile.plan_approved == dt.date(2025, 6, 20)


# --- bad files -----------------------------------------------------------------------------------------------


def _error(path, catalogue=None) -> InputError:
    with pytest.raises(InputError) as info:
        read_organisation(path, catalogue)
    assert isinstance(info.value, VakrError)
    assert "Traceback" not in str(info.value)
    return info.value


def test_missing_empty_and_not_excel_files(tmp_path, catalogue):
    err = _error(tmp_path / "nope.xlsx", catalogue)
    assert str(err) == f"Файл nope.xlsx: найдено ошибок: 1\n  • nope.xlsx: файл не найден ({tmp_path / 'nope.xlsx'})"

    (tmp_path / "empty.xlsx").write_bytes(b"")
    assert _error(tmp_path / "empty.xlsx", catalogue).lines == [
        "empty.xlsx: файл пуст (0 байт); создайте книгу командой `vakr new`"]

    (tmp_path / "text.xlsx").write_text("Код;Ответ\norg.hr.01;да\n", encoding="utf-8")
    assert _error(tmp_path / "text.xlsx", catalogue).lines == [
        "text.xlsx: файл не является книгой Excel (.xlsx): похоже, это текстовый или другой файл,"
        " переименованный в .xlsx"]

    (tmp_path / "old.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    assert _error(tmp_path / "old.xlsx", catalogue).lines == [
        "old.xlsx: файл в старом формате Excel 97–2003 (.xls) или защищён паролем на открытие; откройте его в"
        " Excel и сохраните как «Книга Excel (*.xlsx)» без пароля"]

    with zipfile.ZipFile(tmp_path / "zip.xlsx", "w") as z:
        z.writestr("hello.txt", "не книга")
    assert _error(tmp_path / "zip.xlsx", catalogue).lines[0].startswith(
        "zip.xlsx: не удаётся открыть файл как книгу Excel (.xlsx): файл повреждён, зашифрован или имеет другой"
        " формат")

    (tmp_path / "data.csv").write_text("a;b", encoding="utf-8")
    assert str(_error(tmp_path / "data.csv", catalogue)) == (
        "Файл data.csv: найдено ошибок: 1\n  • data.csv: неподдерживаемый тип файла («.csv»); ожидается книга"
        " Excel (.xlsx) или файл YAML (.yaml, .yml)")
    shutil.copy(tmp_path / "old.xlsx", tmp_path / "legacy.xls")
    assert "неподдерживаемый тип файла («.xls»)" in str(_error(tmp_path / "legacy.xls", catalogue))


def test_foreign_workbook_and_template_versions(tmp_path, catalogue):
    foreign = tmp_path / "foreign.xlsx"
    openpyxl.Workbook().save(foreign)
    assert _error(foreign, catalogue).lines == [
        "foreign.xlsx: книга не является книгой ВАКР (нет листов «Инструкция», «Профиль», «Чек-лист», «Риски»,"
        " «Должности»); создайте новую книгу командой `vakr new` и перенесите в неё данные"]

    path = create_workbook("Тест", tmp_path, catalogue)
    wb = openpyxl.load_workbook(path)
    wb["Инструкция"]["B3"].value = 0
    wb.save(tmp_path / "old.xlsx")
    assert _error(tmp_path / "old.xlsx", catalogue).lines == [
        "old.xlsx: книга создана по шаблону устаревшей версии «0», поддерживается версия 1; создайте новую книгу"
        " командой `vakr new` и перенесите в неё данные"]
    wb["Инструкция"]["B3"].value = 7
    wb.save(tmp_path / "future.xlsx")
    assert "шаблону неизвестной версии «7»" in _error(tmp_path / "future.xlsx", catalogue).lines[0]

    del wb.defined_names[VERSION_NAME]
    wb["Инструкция"]["A3"].value = None
    wb["Инструкция"]["B3"].value = None
    wb.save(tmp_path / "unversioned.xlsx")
    assert _error(tmp_path / "unversioned.xlsx", catalogue).lines == [
        "unversioned.xlsx: не найдена версия шаблона (лист «Инструкция», строка «Версия шаблона»): книга создана"
        " не программой vakr или по устаревшему шаблону; создайте новую книгу командой `vakr new` и перенесите"
        " в неё данные"]


@pytest.fixture
def filled(tmp_path, catalogue) -> Path:
    """The akimat example as a workbook, to break on purpose."""
    org = read_yaml(examples_dir() / "akimat-example.yaml")
    return write_workbook(org, catalogue, tmp_path / "org.xlsx")


def _edit(path: Path, change) -> Path:
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def test_missing_sheet_and_renamed_header(filled, catalogue):
    def change(wb):
        del wb["Должности"]
        wb["Риски"]["F1"].value = "Описание"
        wb["Чек-лист"]["F1"].value = None

    err = _error(_edit(filled, change), catalogue)
    assert err.lines == [
        "org.xlsx, лист «Чек-лист», строка 1, столбец F: ожидается заголовок «Ответ», ячейка пуста;"
        " не переименовывайте и не переставляйте столбцы",
        "org.xlsx, лист «Риски», строка 1, столбец F: ожидается заголовок «Описание риска», указано «Описание»;"
        " не переименовывайте и не переставляйте столбцы",
        "org.xlsx: нет листа «Должности» (не переименовывайте и не удаляйте листы)",
    ]
    assert str(err).startswith("Файл org.xlsx: найдено ошибок: 3\n  • org.xlsx, лист «Чек-лист»")


def test_every_cell_problem_is_reported_with_sheet_row_column(filled, catalogue):
    def change(wb):
        rk = wb["Риски"]
        rk.cell(7, col(RISK_COLUMNS, "likelihood")).value = "высокая"
        rk.cell(8, col(RISK_COLUMNS, "impact")).value = 7
        rk.cell(9, col(RISK_COLUMNS, "due")).value = "31.02.2026"
        rk.cell(10, col(RISK_COLUMNS, "description")).value = None
        rk.cell(300, col(RISK_COLUMNS, "act")).value = "Строка без остальных полей"
        ck = wb["Чек-лист"]
        ck.cell(3, 6).value = "да"
        p = wb["Профиль"]
        p.cell(profile_row(p, "Имя папки (латиница)"), 2).value = "Аппарат/../x"
        p.cell(profile_row(p, "Тип организации"), 2).value = "ведомство"
        p.cell(profile_row(p, "Дата начала ВАКР"), 2).value = "первое октября"
        p.cell(profile_row(p, "Рабочая неделя (дней)"), 2).value = 7
        p.cell(profile_row(p, "Регион"), 1).value = "Область"

    path = _edit(filled, change)
    p = openpyxl.load_workbook(path)["Профиль"]
    row = {label: profile_row(p, label) for label in ("Имя папки (латиница)", "Тип организации",
                                                      "Дата начала ВАКР", "Рабочая неделя (дней)", "Область")}
    err = _error(path, catalogue)
    expected = [
        f"org.xlsx, лист «Профиль», строка {row['Имя папки (латиница)']} «Имя папки (латиница)», столбец B"
        " «Значение»: недопустимое имя папки: только латинские строчные буквы, цифры и дефис (не в начале и не в"
        " конце), не длиннее 64 символов, указано «Аппарат/../x»",
        f"org.xlsx, лист «Профиль», строка {row['Тип организации']} «Тип организации», столбец B «Значение»:"
        " ожидается тип организации из списка: «Государственный орган», «Местный исполнительный орган (аппарат"
        " акима, акимат)»,"
        " «Субъект квазигосударственного сектора», «Иная организация», указано «ведомство»",
        f"org.xlsx, лист «Профиль», строка {row['Область']}, столбец A «Поле»: неизвестное поле «Область»;"
        " не переименовывайте поля профиля",
        f"org.xlsx, лист «Профиль», строка {row['Рабочая неделя (дней)']} «Рабочая неделя (дней)», столбец B"
        " «Значение»: ожидается 5 или 6 (рабочих дней в неделе), указано «7»",
        f"org.xlsx, лист «Профиль», строка {row['Дата начала ВАКР']} «Дата начала ВАКР», столбец B «Значение»:"
        " ожидается дата в формате ДД.ММ.ГГГГ, указано «первое октября»",
        "org.xlsx, лист «Профиль»: не найдена строка «Регион» (не удаляйте и не переименовывайте поля профиля)",
        "org.xlsx, лист «Чек-лист», строка 3, столбец F «Ответ»: ожидается ответ из списка: «Присутствует»,"
        " «Отсутствует», «Не применимо», указано «да»",
        "org.xlsx, лист «Риски», строка 7, столбец M «Вероятность»: ожидается целое число от 1 до 5,"
        " указано «высокая»",
        "org.xlsx, лист «Риски», строка 8, столбец N «Последствия»: ожидается целое число от 1 до 5, указано «7»",
        "org.xlsx, лист «Риски», строка 9, столбец L «Срок»: такой даты нет: «31.02.2026»",
        "org.xlsx, лист «Риски», строка 10, столбец F «Описание риска»: не заполнено обязательное поле",
    ]
    tail = [f"org.xlsx, лист «Риски», строка 300, столбец {letter} «{header}»: не заполнено обязательное поле"
            for letter, header in (("B", "Код индикатора"), ("E", "Структурное подразделение"),
                                   ("F", "Описание риска"), ("M", "Вероятность"), ("N", "Последствия"))]
    assert sorted(err.lines) == sorted(expected + tail)
    # Ordered by sheet, then row, then column; the header counts them all.
    assert err.lines[-5:] == tail
    assert err.lines.index(expected[6]) < err.lines.index(expected[7])
    assert str(err).startswith(f"Файл org.xlsx: найдено ошибок: {len(expected) + 5}\n")


def test_cross_check_errors_come_from_load_organisation(filled, catalogue):
    def change(wb):
        rk = wb["Риски"]
        rk.cell(2, col(RISK_COLUMNS, "indicator")).value = "org.hr.99"
        rk.cell(3, col(RISK_COLUMNS, "unit")).value = "Несуществующий отдел"

    path = _edit(filled, change)
    read_workbook(path, catalogue)  # the file itself is well-formed
    with pytest.raises(InputError) as info:
        load_organisation(path, catalogue)
    assert info.value.lines == [
        "org.xlsx, лист «Риски», строка 2, столбец B «Код индикатора»: неизвестный код индикатора «org.hr.99»:"
        " ожидается код из чек-листа",
        "org.xlsx, лист «Риски», строка 3, столбец E «Структурное подразделение»: подразделение «Несуществующий"
        " отдел» не указано в профиле организации (структурные подразделения)",
    ]
    assert str(info.value).startswith("Файл org.xlsx: найдено ошибок: 2\n")


def test_yaml_problems_name_path_and_line(tmp_path):
    path = tmp_path / "org.yaml"
    source = (examples_dir() / "quasi-example.yaml").read_text(encoding="utf-8")
    bad = source.replace("    likelihood: 4\n", "    likelihood: высокая\n", 1).replace(
        "  vakr_end: 2025-05-30", "  vakr_end: 30.05.2025").replace("  work_week: 5", "  work_week: 5\n  colour: red")
    path.write_text(bad, encoding="utf-8")
    lines = bad.splitlines()
    line = {key: 1 + next(i for i, text in enumerate(lines) if text.startswith(key))
            for key in ("    likelihood: высокая", "  vakr_end:", "  colour:")}
    with pytest.raises(InputError) as info:
        read_yaml(path)
    assert info.value.lines == [
        f"org.yaml, profile.vakr_end (строка {line['  vakr_end:']}): ожидается дата в формате ГГГГ-ММ-ДД,"
        " указано «30.05.2025»",
        f"org.yaml, profile.colour (строка {line['  colour:']}): неизвестное поле «colour» (проверьте написание)",
        f"org.yaml, findings[0].likelihood (строка {line['    likelihood: высокая']}): ожидается целое число"
        " от 1 до 5, указано «высокая»",
    ]
    assert str(info.value).startswith("Файл org.yaml: найдено ошибок: 3\n")


def test_bad_yaml_files(tmp_path):
    cases = {
        "syntax.yaml": ("profile:\n  name: [unclosed\n", "syntax.yaml: строка 3, позиция 1: ошибка синтаксиса YAML"),
        "empty.yaml": ("  \n", "empty.yaml: файл пуст"),
        "list.yaml": ("- 1\n- 2\n", "list.yaml: ожидается словарь с разделами profile, checklist, findings, positions"),
        "v2.yaml": ("schema_version: 2\nprofile: {}\n", "v2.yaml, schema_version (строка 1): версия формата «2» не"
                    " поддерживается (ожидается 1); создайте новый файл командой `vakr new` и перенесите в него"
                    " данные"),
    }
    for name, (text, message) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as info:
            read_yaml(tmp_path / name)
        assert info.value.lines[0].startswith(message), name
        assert len(info.value.lines) == 1
    source = (examples_dir() / "quasi-example.yaml").read_text(encoding="utf-8")
    (tmp_path / "twice.yaml").write_text(source.replace("  region:", "  name: Другое имя\n  region:"), "utf-8")
    with pytest.raises(InputError) as info:
        read_yaml(tmp_path / "twice.yaml")
    lines = (tmp_path / "twice.yaml").read_text(encoding="utf-8").splitlines()
    first, second = (1 + i for i, line in enumerate(lines) if line.startswith("  name:"))
    assert info.value.lines == [
        f"twice.yaml, profile.name (строка {second}): поле указано повторно (впервые — в строке {first})"]
    (tmp_path / "cp1251.yaml").write_bytes("profile: Аким".encode("cp1251"))
    with pytest.raises(InputError) as info:
        read_yaml(tmp_path / "cp1251.yaml")
    assert info.value.lines == ["cp1251.yaml: файл не в кодировке UTF-8; сохраните его в UTF-8"]
    with pytest.raises(InputError) as info:
        load_organisation(tmp_path / "absent.yml")
    assert info.value.lines == [f"absent.yml: файл не найден ({tmp_path / 'absent.yml'})"]


def test_yaml_dates_as_strings_or_yaml_dates_and_yml_suffix(tmp_path, catalogue):
    source = (examples_dir() / "quasi-example.yaml").read_text(encoding="utf-8")
    quoted = source.replace("vakr_start: 2025-04-01", 'vakr_start: "2025-04-01"')
    (tmp_path / "q.yml").write_text(quoted, encoding="utf-8")
    org = load_organisation(tmp_path / "q.yml", catalogue)
    assert org.profile.vakr_start == dt.date(2025, 4, 1)
    assert dump(org) == dump(read_yaml(examples_dir() / "quasi-example.yaml"))
    measure_line = 1 + quoted.splitlines().index("    measure: >-")
    assert str(org.locate("findings", 0, "measure")) == f"q.yml, findings[0].measure (строка {measure_line})"
    assert str(org.locate("findings", 1, "measure")).startswith("q.yml, findings[1].measure (строка ")  # left out


def test_dump_yaml_keeps_multiline_text_readable():
    org = _expected_org()
    org.findings[0].description = "Первая строка\nВторая строка Қ"
    text = dump_yaml(org)
    assert "  description: |-\n    Первая строка\n    Вторая строка Қ\n" in text
    assert yaml.safe_load(text)["findings"][0]["description"] == "Первая строка\nВторая строка Қ"


def test_no_temp_files_after_failed_write(tmp_path, catalogue, monkeypatch):
    org = _expected_org()
    import openpyxl.workbook.workbook as wbmod

    def boom(self, filename):
        Path(filename).write_bytes(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(wbmod.Workbook, "save", boom)
    target = tmp_path / "x.xlsx"
    target.write_bytes(b"previous work")
    with pytest.raises(DocumentError, match="Не удалось записать .*x.xlsx: disk full"):
        write_workbook(org, catalogue, target)
    assert target.read_bytes() == b"previous work"
    assert os.listdir(tmp_path) == ["x.xlsx"]


def test_many_members_and_units_get_rows(tmp_path, catalogue):
    org = _expected_org()
    org.profile.working_group = [org.profile.working_group[0].model_copy(update={"name": f"Член {n} Қ"})
                                 for n in range(1, 21)]
    org.profile.units = [f"Бөлім {n}" for n in range(1, 41)] + org.profile.units
    got = read_workbook(write_workbook(org, catalogue, tmp_path / "big.xlsx"), catalogue)
    assert [m.name for m in got.profile.working_group] == [f"Член {n} Қ" for n in range(1, 21)]
    assert got.profile.units == org.profile.units
    wb = openpyxl.load_workbook(tmp_path / "big.xlsx")
    first = profile_row(wb["Профиль"], "Структурное подразделение 1")
    assert wb.defined_names["vakr_list_units"].attr_text == f"'Профиль'!$B${first}:$B${first + 47}"
    assert profile_row(wb["Профиль"], "Член рабочей группы 25") == first - 2


def test_a_workbook_with_the_earlier_type_title_still_reads(tmp_path, catalogue):
    """Workbooks written before the type titles came from the methodology say «…(акимат)»: still an akimat."""
    path = write_workbook(_expected_org(), catalogue, tmp_path / "old.xlsx")
    wb = openpyxl.load_workbook(path)
    profile = wb["Профиль"]
    profile.cell(profile_row(profile, "Тип организации"), 2).value = "Местный исполнительный орган (акимат)"
    wb.save(path)
    assert read_workbook(path, catalogue).profile.type == "akimat"
