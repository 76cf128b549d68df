"""The Kazakh companions of the organisation's texts in the workbook and in YAML: column E of «Профиль» (positions,
units' names), the «(каз.)» columns of «Риски» and «Должности», the ``*_kk`` fields of the YAML file.

They are optional: a book written before them reads exactly as before; filled, they survive a round trip; a bad
value in them is reported like one in any other column (file, sheet, row, column, header).
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
import yaml

from vakr.errors import InputError
from vakr.evaluation.checklist import checklist_items
from vakr.methodology.loader import load_catalogue
from vakr.organisation.excel.layout import (
    MAX_CELL_TEXT,
    POSITION_COLUMNS,
    PROFILE_KAZAKH,
    RISK_COLUMNS,
    Col,
)
from vakr.organisation.excel.reader import read_workbook
from vakr.organisation.excel.workbook import create_workbook, write_workbook
from vakr.organisation.load import load_organisation
from vakr.organisation.model import ChecklistAnswer, Organisation
from vakr.organisation.yaml import dump_yaml, read_yaml, template_yaml, write_yaml

HERE = Path(__file__).parent
SMALL = HERE / "data" / "small-org.yaml"
OLD_WORKBOOK = HERE / "data" / "akimat-example-v1.xlsx"  # written by version 1 of the template, before the columns
KAZAKH = "әғқңөұүһі"
ALL_NINE = f"{KAZAKH} {KAZAKH.upper()}"  # ә ғ қ ң ө ұ ү һ і, both cases
KK_RISKS = ("act_kk", "description_kk", "functions_kk", "measure_kk", "completion_form_kk", "responsible_kk")
KK_POSITIONS = ("title_kk", "powers_kk", "risks_kk")


def dump(org: Organisation) -> dict:
    return org.model_dump(mode="json")


def col(columns: tuple[Col, ...], key: str) -> int:
    return next(i for i, c in enumerate(columns, start=1) if c.key == key)


def header_col(ws, header: str) -> int:
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == header)


def profile_row(ws, label: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label)


def kazakh_org() -> Organisation:
    """The small organisation with every Kazakh companion filled (one unit, one position left in Russian only), its
    checklist in full (as a workbook lists it)."""
    org = read_yaml(SMALL)
    given = {a.indicator: a for a in org.checklist}
    org.checklist = [given.get(i.code, ChecklistAnswer(indicator=i.code))
                     for i in checklist_items(load_catalogue(), org.profile.type)]
    assert len(given) == 4 and all(given[code] in org.checklist for code in given)
    p = org.profile
    p.head.position_kk = "Бөлім басшысы"
    p.authorised_person.position_kk = "Бас маман"
    p.working_group[0].position_kk = "Заңгер"  # the second member keeps only the Russian position
    p.units_kk = {"Кадровая служба": "Кадр қызметі"}  # «Юридический сектор» left in Russian
    first = org.findings[0]
    first.act_kk = "Тағайындау туралы 2025 жылғы 12 наурыздағы № 5-к бұйрық"
    first.description_kk = "Лауазымға конкурссыз тағайындау"
    first.functions_kk = ["Кадрларды іріктеу", "Тағайындау"]
    first.measure_kk = "Атқарып отырған лауазымға конкурс өткізу"
    first.completion_form_kk = "Бұйрық"
    first.responsible_kk = ["Кадр қызметі (Іңкәрова Ө. Ұ.)", "Заң секторы"]
    position = org.positions[0]
    position.title_kk = "Кадр қызметінің басшысы"
    position.powers_kk = "Кадрларды іріктеу және орналастыру"
    position.risks_kk = "Конкурссыз тағайындау"
    return Organisation.model_validate(org.model_dump())


def without_kazakh(org: Organisation) -> dict:
    """The organisation's data with every Kazakh companion empty (how a book without the columns reads)."""
    data = dump(org)
    profile = data["profile"]
    for person in (profile["head"], profile["authorised_person"], *profile["working_group"]):
        person["position_kk"] = None
    profile["units_kk"] = {}
    for finding in data["findings"]:
        finding.update({k: [] if k in ("functions_kk", "responsible_kk") else None for k in KK_RISKS})
    for position in data["positions"]:
        position.update(dict.fromkeys(KK_POSITIONS))
    return data


def error_lines(path: Path, catalogue) -> list[str]:
    with pytest.raises(InputError) as info:
        read_workbook(path, catalogue)
    assert "Traceback" not in str(info.value)
    return info.value.lines


# --- the layout ------------------------------------------------------------------------------------------------


def test_the_kazakh_columns_are_optional_and_after_the_russian_ones():
    russian_risks = [c for c in RISK_COLUMNS if "(каз.)" not in c.header]
    assert [c.key for c in RISK_COLUMNS[len(russian_risks):]] == list(KK_RISKS)
    assert russian_risks[-1].key == "section"  # appended after the last column of earlier books
    assert [c.key for c in POSITION_COLUMNS[-3:]] == list(KK_POSITIONS)
    for c in (*RISK_COLUMNS, *POSITION_COLUMNS):
        if c.key and c.key.endswith("_kk"):
            assert c.optional and c.header.endswith("(каз.)"), c
    assert {c.key: c.kind for c in RISK_COLUMNS if c.key in ("functions_kk", "responsible_kk")} == {
        "functions_kk": "multi", "responsible_kk": "multi"}
    assert PROFILE_KAZAKH.optional and PROFILE_KAZAKH.header == "На казахском языке"


def test_the_template_has_the_kazakh_columns_open_where_they_are_filled(tmp_path, catalogue):
    wb = openpyxl.load_workbook(create_workbook("ГУ «Тест»", tmp_path, catalogue, "state_body"))
    profile = wb["Профиль"]
    assert [profile.cell(1, c).value for c in range(1, 6)] == [
        "Поле", "Значение", "Должность", "Пояснение", "На казахском языке"]
    for label in ("Руководитель", "Уполномоченное лицо", "Член рабочей группы 1", "Структурное подразделение 1"):
        assert profile.cell(profile_row(profile, label), 5).protection.locked is False, label
    for label in ("Наименование организации", "Наименование на казахском языке", "Дата начала ВАКР"):
        assert profile.cell(profile_row(profile, label), 5).protection.locked is True, label
    assert [c.value for c in wb["Риски"][1]][-6:] == [c.header for c in RISK_COLUMNS[-6:]]
    assert wb["Риски"].cell(201, col(RISK_COLUMNS, "description_kk")).protection.locked is False
    assert [c.value for c in wb["Должности"][1]][-3:] == [
        "Должность (каз.)", "Полномочия, содержащие коррупционные риски (каз.)", "Коррупционные риски (каз.)"]
    # «Инструкция» explains them, among the rows on the ВАКР's sheets.
    rows = {a: b for a, b in wb["Инструкция"].iter_rows(min_col=1, max_col=2, values_only=True) if a}
    labels = list(rows)
    text = rows["Тексты на казахском языке"]
    assert labels.index("Тексты на казахском языке") < labels.index("Проверка")
    for words in ("«(каз.)»", "столбец E", "необязательны", "--lang kk", "--lang ru+kk", "русское значение",
                  "сколько таких мест"):
        assert words in text, words


# --- round trips -----------------------------------------------------------------------------------------------


def test_round_trip_with_kazakh_values_through_the_workbook_and_yaml(tmp_path, catalogue):
    org = kazakh_org()
    via_excel = read_workbook(write_workbook(org, catalogue, tmp_path / "org.xlsx"), catalogue)
    assert dump(via_excel) == dump(org)
    yaml_path = write_yaml(org, tmp_path / "org.yaml")
    via_yaml = read_yaml(yaml_path)
    assert dump(via_yaml) == dump(org)
    # YAML → workbook → model, and back to YAML.
    again = read_workbook(write_workbook(via_yaml, catalogue, tmp_path / "again.xlsx"), catalogue)
    assert dump(again) == dump(org)
    assert dump(read_yaml(write_yaml(again, tmp_path / "again.yaml"))) == dump(org)
    assert via_excel.profile.units_kk == {"Кадровая служба": "Кадр қызметі"}
    assert via_excel.profile.working_group[1].position_kk is None
    assert via_excel.findings[1].functions_kk == [] and via_excel.findings[1].description_kk is None

    # The values are where the analyst sees them, and each is located there for messages.
    wb = openpyxl.load_workbook(tmp_path / "org.xlsx")
    profile, risks, positions = wb["Профиль"], wb["Риски"], wb["Должности"]
    head = profile_row(profile, "Руководитель")
    unit = profile_row(profile, "Структурное подразделение 1")
    assert profile.cell(head, 5).value == "Бөлім басшысы"
    assert (profile.cell(unit, 2).value, profile.cell(unit, 5).value) == ("Кадровая служба", "Кадр қызметі")
    functions = header_col(risks, "Коррупциогенные функции (каз.)")
    assert risks.cell(2, functions).value == "Кадрларды іріктеу\nТағайындау"
    assert positions.cell(2, header_col(positions, "Должность (каз.)")).value == "Кадр қызметінің басшысы"
    assert str(via_excel.locate("profile", "head", "position_kk")) == (
        f"org.xlsx, лист «Профиль», строка {head} «Руководитель», столбец E «На казахском языке»")
    assert str(via_excel.locate("profile", "units_kk", "Кадровая служба")) == (
        f"org.xlsx, лист «Профиль», строка {unit} «Структурное подразделение 1», столбец E «На казахском языке»")
    letter = openpyxl.utils.get_column_letter(col(RISK_COLUMNS, "description_kk"))
    assert str(via_excel.locate("findings", 0, "description_kk")) == (
        f"org.xlsx, лист «Риски», строка 2, столбец {letter} «Описание риска (каз.)»")


def test_kazakh_values_typed_by_an_analyst_into_a_new_workbook(tmp_path, catalogue):
    org = kazakh_org()
    path = write_workbook(read_yaml(SMALL), catalogue, tmp_path / "org.xlsx")  # the Russian data only
    wb = openpyxl.load_workbook(path)
    profile, risks, positions = wb["Профиль"], wb["Риски"], wb["Должности"]
    profile.cell(profile_row(profile, "Руководитель"), 5).value = "  Бөлім басшысы "  # stray spaces are trimmed
    profile.cell(profile_row(profile, "Уполномоченное лицо"), 5).value = "Бас маман"
    profile.cell(profile_row(profile, "Член рабочей группы 1"), 5).value = "Заңгер"
    profile.cell(profile_row(profile, "Структурное подразделение 1"), 5).value = "Кадр қызметі"
    first = org.findings[0]
    for key in KK_RISKS:
        value = getattr(first, key)
        risks.cell(2, col(RISK_COLUMNS, key)).value = "; ".join(value) if isinstance(value, list) else value
    for key in KK_POSITIONS:
        positions.cell(2, col(POSITION_COLUMNS, key)).value = getattr(org.positions[0], key)
    wb.save(path)
    assert dump(load_organisation(path, catalogue)) == dump(org)


def test_a_book_without_the_new_columns_reads_as_before(tmp_path, catalogue):
    # A book of version 1 of the template, written before the columns: it reads, nothing in Kazakh.
    old = openpyxl.load_workbook(OLD_WORKBOOK, read_only=True)
    assert old["Профиль"].cell(1, 5).value is None
    assert "Описание риска (каз.)" not in [c.value for c in next(old["Риски"].iter_rows(max_row=1))]
    org = load_organisation(OLD_WORKBOOK, catalogue)
    assert org.profile.units_kk == {} and org.profile.head.position_kk is None
    assert all(f.description_kk is None and f.functions_kk == [] for f in org.findings)
    assert all(p.title_kk is None for p in org.positions)

    # The same book as one written today, with the Kazakh columns taken out again: the Russian data, unchanged.
    path = write_workbook(kazakh_org(), catalogue, tmp_path / "org.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Профиль"].delete_cols(5)
    wb["Риски"].delete_cols(col(RISK_COLUMNS, KK_RISKS[0]), len(KK_RISKS))
    wb["Должности"].delete_cols(col(POSITION_COLUMNS, KK_POSITIONS[0]), len(KK_POSITIONS))
    wb.save(path)
    assert dump(read_workbook(path, catalogue)) == without_kazakh(kazakh_org())

    # Without headers, the columns are not read: whatever was typed there stays the analyst's note.
    wb = openpyxl.load_workbook(path)
    wb["Профиль"].cell(profile_row(wb["Профиль"], "Руководитель"), 5).value = "заметка"
    wb["Риски"].cell(2, len(RISK_COLUMNS) - len(KK_RISKS) + 1).value = "заметка"
    wb.save(path)
    assert dump(read_workbook(path, catalogue)) == without_kazakh(kazakh_org())


def test_all_nine_kazakh_letters_survive_every_new_field(tmp_path, catalogue):
    org = kazakh_org()
    p = org.profile
    p.head.position_kk = p.authorised_person.position_kk = p.working_group[1].position_kk = ALL_NINE
    p.units_kk = {unit: f"{ALL_NINE} {n}" for n, unit in enumerate(p.units)}
    finding = org.findings[1]
    for key in KK_RISKS:
        setattr(finding, key, [ALL_NINE, KAZAKH.upper()] if key.endswith(("functions_kk", "responsible_kk"))
                else ALL_NINE)
    for key in KK_POSITIONS:
        setattr(org.positions[0], key, ALL_NINE)
    org = Organisation.model_validate(org.model_dump())
    via_excel = read_workbook(write_workbook(org, catalogue, tmp_path / "k.xlsx"), catalogue)
    via_yaml = read_yaml(write_yaml(org, tmp_path / "k.yaml"))
    for got in (via_excel, via_yaml):
        assert dump(got) == dump(org)
        assert got.profile.working_group[1].position_kk == "әғқңөұүһі ӘҒҚҢӨҰҮҺІ"
        assert got.profile.units_kk[p.units[1]] == "әғқңөұүһі ӘҒҚҢӨҰҮҺІ 1"
        assert got.findings[1].responsible_kk == ["әғқңөұүһі ӘҒҚҢӨҰҮҺІ", "ӘҒҚҢӨҰҮҺІ"]
        assert got.positions[0].risks_kk == "әғқңөұүһі ӘҒҚҢӨҰҮҺІ"
    text = (tmp_path / "k.yaml").read_text(encoding="utf-8")
    assert "position_kk: әғқңөұүһі ӘҒҚҢӨҰҮҺІ" in text and "\\u" not in text


# --- problems --------------------------------------------------------------------------------------------------


def test_bad_values_in_the_kazakh_columns_name_sheet_row_column_and_header(tmp_path, catalogue):
    path = write_workbook(kazakh_org(), catalogue, tmp_path / "org.xlsx")
    wb = openpyxl.load_workbook(path)
    profile, risks, positions = wb["Профиль"], wb["Риски"], wb["Должности"]
    row = {label: profile_row(profile, label) for label in (
        "Руководитель", "Член рабочей группы 2", "Наименование организации", "Структурное подразделение 3")}
    too_long = "ә" * MAX_CELL_TEXT
    risks.cell(2, col(RISK_COLUMNS, "description_kk")).value = too_long
    risks.cell(3, col(RISK_COLUMNS, "responsible_kk")).value = "#REF!"
    positions.cell(2, col(POSITION_COLUMNS, "powers_kk")).value = too_long
    profile.cell(row["Руководитель"], 5).value = too_long
    profile.cell(row["Член рабочей группы 2"], 5).value = "#N/A"
    profile.cell(row["Наименование организации"], 5).value = "«Әлем ауданы» ММ"
    profile.cell(row["Структурное подразделение 3"], 5).value = "Бөлім"  # no unit in column B
    wb.save(path)
    letter = {key: openpyxl.utils.get_column_letter(col(RISK_COLUMNS, key))
              for key in ("description_kk", "responsible_kk")}
    powers = openpyxl.utils.get_column_letter(col(POSITION_COLUMNS, "powers_kk"))
    excel_limit = (f"текст ячейки достиг предела Excel ({MAX_CELL_TEXT} знаков) и, возможно, обрезан: сократите его"
                   " или вынесите подробности в приложение")
    assert error_lines(path, catalogue) == [
        f"org.xlsx, лист «Профиль», строка {row['Наименование организации']} «Наименование организации», столбец E"
        " «На казахском языке»: столбец E «На казахском языке» заполняется только в строках лиц (должность на"
        " казахском языке) и структурных подразделений; очистите ячейку (наименование на казахском языке — в строке"
        " «Наименование на казахском языке»)",
        f"org.xlsx, лист «Профиль», строка {row['Руководитель']} «Руководитель», столбец E «На казахском языке»:"
        f" {excel_limit}",
        f"org.xlsx, лист «Профиль», строка {row['Член рабочей группы 2']} «Член рабочей группы 2», столбец E"
        " «На казахском языке»: в ячейке ошибка формулы «#N/A»: введите значение вместо формулы",
        f"org.xlsx, лист «Профиль», строка {row['Структурное подразделение 3']} «Структурное подразделение 3»,"
        " столбец E «На казахском языке»: наименование на казахском языке указано без наименования подразделения в"
        " столбце B",
        f"org.xlsx, лист «Риски», строка 2, столбец {letter['description_kk']} «Описание риска (каз.)»: {excel_limit}",
        f"org.xlsx, лист «Риски», строка 3, столбец {letter['responsible_kk']} «Ответственные исполнители (каз.)»:"
        " в ячейке ошибка формулы «#REF!»: введите значение вместо формулы",
        f"org.xlsx, лист «Должности», строка 2, столбец {powers} «Полномочия, содержащие коррупционные риски (каз.)»:"
        f" {excel_limit}",
    ]


def test_a_renamed_kazakh_header_is_reported_like_any_other(tmp_path, catalogue):
    path = write_workbook(kazakh_org(), catalogue, tmp_path / "org.xlsx")
    wb = openpyxl.load_workbook(path)
    letter = openpyxl.utils.get_column_letter(col(RISK_COLUMNS, "measure_kk"))
    wb["Риски"][f"{letter}1"].value = "Шара"
    wb["Профиль"]["E1"].value = "Қазақша"
    wb.save(path)
    assert error_lines(path, catalogue) == [
        "org.xlsx, лист «Профиль», строка 1, столбец E: ожидается заголовок «На казахском языке», указано «Қазақша»;"
        " не переименовывайте и не переставляйте столбцы",
        f"org.xlsx, лист «Риски», строка 1, столбец {letter}: ожидается заголовок «Рекомендуемая мера (каз.)»,"
        " указано «Шара»; не переименовывайте и не переставляйте столбцы",
    ]


def test_yaml_kazakh_fields_in_the_template_and_their_errors(tmp_path, catalogue):
    text = template_yaml(catalogue, "ГУ «Тест»", "state_body")
    data = yaml.safe_load(text)
    assert data["profile"]["head"] == {"name": "", "position": "", "position_kk": None}
    assert data["profile"]["working_group"] == [{"name": "", "position": "", "position_kk": None}]
    assert data["profile"]["units_kk"] == {}
    for key in (*KK_RISKS, *KK_POSITIONS):
        assert f"{key}:" in text, key  # in the commented examples of «findings» and «positions»

    data = yaml.safe_load(dump_yaml(kazakh_org()))
    data["profile"]["units_kk"]["Кадровая служба"] = 5
    data["findings"][0]["functions_kk"] = "Тағайындау"
    data["positions"][0]["title_kk"] = ["Басшы"]
    data["findings"][1]["indicator"] = "org.hr.99"  # a cross-check still made in the same pass
    path = tmp_path / "org.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_organisation(path, catalogue)
    lines = [re.sub(r" \(строка \d+\)", "", line) for line in info.value.lines]  # the lines of the file aside
    assert lines[:3] == [
        "org.yaml, profile.units_kk.Кадровая служба: ожидается текст, указано «5»",
        "org.yaml, findings[0].functions_kk: ожидается список, указано «Тағайындау»",
        "org.yaml, positions[0].title_kk: ожидается текст",
    ]
    assert lines[3].startswith("org.yaml, findings[1].indicator: неизвестный код индикатора «org.hr.99»")

    # A Kazakh name of a unit that is not among the units.
    data = yaml.safe_load(dump_yaml(kazakh_org()))
    data["profile"]["units_kk"] = {"Бухгалтерия": "Бухгалтерия"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError, match="units_kk: подразделение «Бухгалтерия» не указано в units"):
        load_organisation(path, catalogue)
