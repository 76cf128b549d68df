"""The input of the year after the ВАКР (issue 16): the year's sheets of the workbook, ``year:`` in YAML, their
cross-checks, and `vakr monitor init` (the «Исполнение плана» filled from the approved plan)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from vakr.documents import write_documents
from vakr.errors import InputError
from vakr.evaluation.evaluate import evaluate
from vakr.organisation.excel.layout import EMPTY_ROWS
from vakr.organisation.excel.reader import read_workbook
from vakr.organisation.excel.workbook import create_workbook, write_workbook
from vakr.organisation.excel.year_sheets import YEAR_LISTS, YEAR_SHEET_TITLES, YEAR_SHEETS
from vakr.organisation.load import load_organisation, load_organisation_with_warnings
from vakr.organisation.model import Organisation
from vakr.organisation.monitor_init import init_plan_execution, plan_date, plan_measures
from vakr.organisation.validation import validate
from vakr.organisation.yaml import dump_yaml, read_yaml, template_yaml, write_yaml
from vakr.organisation.year import (
    ComplianceDocument,
    Event,
    HireCheck,
    IsoRecord,
    ManagerCase,
    OffenceReport,
    PlanExecution,
    Reconciliation,
    RestrictionCheck,
    Training,
    YearRecords,
)
from vakr.paths import examples_dir

HERE = Path(__file__).parent
OLD_WORKBOOK = HERE / "data" / "akimat-example-v1.xlsx"  # data/examples/akimat-example.xlsx before the year's sheets
KAZAKH = "әғқңөұүһі"
D = dt.date


def dump(org: Organisation) -> dict:
    return org.model_dump(mode="json")


def without_year(org: Organisation) -> Organisation:
    return org.model_copy(update={"year": YearRecords()})


def full_year() -> YearRecords:
    """One record of every kind (two plan items), Kazakh letters in the texts."""
    return YearRecords(
        plan_execution=[
            PlanExecution(number="1.1.1.", measure=f"Мера {KAZAKH}", due=D(2025, 9, 30),
                          responsible=["Департамент закупок (Жақсыбеков Р.Ө.)", "Служба комплаенс"], status="done",
                          done_on=D(2025, 9, 26), proof_number="112-ө", proof_date=D(2025, 9, 26),
                          proof_link="https://example.kz/ә", comment="Түсініктеме"),
            PlanExecution(number="1.2.1.", measure="Вторая мера", due=D(2025, 10, 31), status="not_due"),
        ],
        offence_reports=[OffenceReport(date=D(2025, 8, 1), subject=f"Сообщение {KAZAKH}", sent_to="Агентство",
                                       document="исх. № 1", comment="қ")],
        reconciliations=[Reconciliation(date=D(2025, 10, 5), with_whom="Прокуратура", period="III квартал",
                                        discrepancies=2, result="Расхождения устранены")],
        manager_cases=[ManagerCase(date=D(2025, 9, 12), offence="Получение взятки", manager="Директор департамента",
                                   held_responsible=False, reason="переведён на другую должность")],
        hires=[HireCheck(date=D(2025, 9, 1), position="Менеджер", prior_offence=True, comment="ұ")],
        restriction_checks=[RestrictionCheck(date=D(2025, 10, 20), restriction="p2.t5.s2", checked=23, violations=1,
                                             comment="ү")],
        compliance_documents=[ComplianceDocument(document="p3.t2.s5", act="Решение Правления № 3",
                                                 adopted=D(2025, 2, 2), link="https://example.kz/c",
                                                 published=D(2025, 2, 9))],
        iso=[IsoRecord(date=D(2025, 3, 3), stage="certified", certificate="№ 7 (ҚР)", valid_until=D(2028, 3, 3))],
        trainings=[Training(date=D(2025, 9, 30), kind="online", people=4, document="Список")],
        events=[Event(duty="p3.t1.s1", date=D(2025, 9, 19), title=f"Семинар {KAZAKH}", participants=45,
                      document="Протокол № 3")],
    )


@pytest.fixture(scope="module")
def quasi() -> Organisation:
    """The quasi-public example with the full year."""
    org = read_yaml(examples_dir() / "quasi-example.yaml")
    return org.model_copy(update={"year": full_year()})


# --- the sheets --------------------------------------------------------------------------------------------------


def test_one_sheet_per_list_of_the_year_with_a_column_per_field():
    assert [s.field for s in YEAR_SHEETS] == list(YearRecords.model_fields)
    for sheet in YEAR_SHEETS:
        model = YearRecords.model_fields[sheet.field].annotation.__args__[0]
        assert [c.key for c in sheet.columns] == list(model.model_fields), sheet.title
        assert len(sheet.title) <= 31
        assert all(c.choices for c in sheet.columns if c.kind == "choice")


def test_new_workbook_has_the_year_sheets_project_3_only_for_quasi_public(catalogue, tmp_path):
    quasi = openpyxl.load_workbook(create_workbook("АО «Көкжиек»", tmp_path / "q", catalogue, "quasi_public"))
    akimat = openpyxl.load_workbook(create_workbook("Аким аппараты", tmp_path / "a", catalogue, "akimat"))
    assert quasi.sheetnames[6:] == [*YEAR_SHEET_TITLES, YEAR_LISTS]
    assert "Документы комплаенса" not in akimat.sheetnames and "ISO 37001" not in akimat.sheetnames
    assert akimat.sheetnames[6:] == [t for t in YEAR_SHEET_TITLES if t not in ("Документы комплаенса", "ISO 37001")
                                     ] + [YEAR_LISTS]
    assert quasi[YEAR_LISTS].sheet_state == "hidden"

    ws = quasi["Исполнение плана"]
    assert [c.value for c in ws[1]] == [c.header for c in YEAR_SHEETS[0].columns]
    assert ws.freeze_panes == "B2" and ws.column_dimensions["B"].width == 50
    assert ws.max_row == 1 + EMPTY_ROWS and ws["A2"].value is None  # prepared rows, empty
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert validations[f"E2:E{EMPTY_ROWS + 1}"].formula1 == "vakr_list_year_status"
    assert validations[f"C2:C{EMPTY_ROWS + 1}"].type == "date"
    hires = {str(dv.sqref): dv for dv in quasi["Приём на работу"].data_validations.dataValidation}
    assert hires[f"C2:C{EMPTY_ROWS + 1}"].formula1 == "vakr_list_year_yesno"
    counts = {str(dv.sqref): dv for dv in quasi["Ограничения"].data_validations.dataValidation}
    assert counts[f"C2:C{EMPTY_ROWS + 1}"].type == "whole"

    def listed(wb: openpyxl.Workbook, header: str) -> list[str]:
        column = next(col for col in wb[YEAR_LISTS].iter_cols(values_only=True) if col[0] == header)
        return [v for v in column[1:] if v]

    assert listed(quasi, "Статус исполнения") == ["исполнено", "исполнено частично", "не исполнено", "срок не наступил"]
    assert listed(quasi, "Да/нет") == ["да", "нет"]
    # Duties by number and title, only those that apply to the organisation's type.
    assert [d[:8] for d in listed(quasi, "Обязанность")] == ["3.1.1 — ", "3.3.1 — ", "4.3.1 — "]
    akimat_duties = listed(akimat, "Обязанность")
    assert akimat_duties[2].startswith("4.2.2 — Проведение ежемесячных разъясняющих")
    assert not any(d.startswith("3.") for d in akimat_duties) and akimat_duties[0].startswith("4.1.1 — ")
    assert len(listed(quasi, "Документ комплаенса")) == 8


def test_the_instruction_explains_the_year_sheets_the_workbook_has(catalogue, tmp_path):
    quasi = openpyxl.load_workbook(create_workbook("АО «Көкжиек»", tmp_path / "q", catalogue, "quasi_public"))
    akimat = openpyxl.load_workbook(create_workbook("Аким аппараты", tmp_path / "a", catalogue, "akimat"))

    def rows(wb: openpyxl.Workbook) -> dict[str, str]:
        return {str(a): str(b) for a, b in wb["Инструкция"].iter_rows(min_col=1, max_col=2, values_only=True) if a}

    def text(wb: openpyxl.Workbook) -> str:
        return "\n".join(f"{a}\n{b}" for a, b in rows(wb).items())

    for wb, titles in ((akimat, [t for t in YEAR_SHEET_TITLES if t not in ("Документы комплаенса", "ISO 37001")]),
                       (quasi, list(YEAR_SHEET_TITLES))):
        labels = list(rows(wb))
        # The ВАКР's rows first (the version stays in B3), then the section and one row per year sheet, in order.
        assert labels[2] == "Версия шаблона" and labels.index("Проверка") < labels.index("Год после ВАКР")
        assert labels[labels.index("Год после ВАКР") + 1:] == [f"Лист «{t}»" for t in titles]
        assert "«Исполнение плана»" in text(wb) and "vakr monitor init ФАЙЛ [--plan plan.xlsx]" in text(wb)
        assert "vakr monitor ФАЙЛ --today ДАТА [--out ПАПКА]" in text(wb)
        assert "подзадача 1.3.3" in rows(wb)["Лист «Исполнение плана»"]
        assert "подзадачи 2.5.1–2.5.5" in rows(wb)["Лист «Ограничения»"]
    assert "Документы комплаенса" not in text(akimat) and "ISO 37001" not in text(akimat)
    assert "Документы комплаенса" in text(quasi) and "подзадачи 3.2.1–3.2.9" in text(quasi)
    assert "подзадачи 3.1.1, 3.3.1, 4.3.1" in rows(quasi)["Лист «Мероприятия»"]


# --- round trips ---------------------------------------------------------------------------------------------------


def test_excel_round_trip_with_every_kind_of_record(tmp_path, catalogue, quasi):
    path = write_workbook(quasi, catalogue, tmp_path / "quasi.xlsx")
    back = read_workbook(path, catalogue)
    assert dump(back) == dump(quasi)
    wb = openpyxl.load_workbook(path)
    plan = wb["Исполнение плана"]
    assert plan["A2"].value == "1.1.1." and plan["A2"].number_format == "@"
    assert plan["B2"].value == f"Мера {KAZAKH}" and plan["E2"].value == "исполнено"
    assert plan["D2"].value == "Департамент закупок (Жақсыбеков Р.Ө.)\nСлужба комплаенс"
    assert wb["Ответственность руководителей"]["D2"].value == "нет"
    assert wb["Приём на работу"]["C2"].value == "да"
    assert wb["Мероприятия"]["A2"].value.startswith("3.1.1 — Проведение ежеквартальных")
    assert wb["Ограничения"]["B2"].value.startswith("2.5.2 — ")
    assert wb["Обучение"]["B2"].value == "антикоррупционный онлайн-курс (4.2.3)"
    assert str(back.locate("year", "reconciliations", 0, "discrepancies")) == (
        "quasi.xlsx, лист «Сверки», строка 2, столбец D «Выявлено расхождений»")
    # Records of project 3 in an organisation it does not apply to keep their sheet (never dropped).
    akimat = quasi.model_copy(update={"profile": quasi.profile.model_copy(update={"type": "akimat"})})
    again = read_workbook(write_workbook(akimat, catalogue, tmp_path / "akimat.xlsx"), catalogue)
    assert again.year == quasi.year


def test_yaml_round_trip_with_every_kind_of_record(tmp_path, quasi):
    path = write_yaml(quasi, tmp_path / "quasi.yaml")
    back = read_yaml(path)
    assert dump(back) == dump(quasi)
    text = path.read_text(encoding="utf-8")
    assert f"Мера {KAZAKH}" in text and "\\u" not in text
    assert str(back.locate("year", "events", 0, "duty")).startswith("quasi.yaml, year.events[0].duty (строка ")
    # No records: no «year:» (files written before the year do not change).
    assert "year:" not in dump_yaml(without_year(quasi))


def test_a_sheet_typed_by_hand_reads_titles_numbers_and_codes(tmp_path, catalogue, quasi):
    path = write_workbook(quasi, catalogue, tmp_path / "typed.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Мероприятия"]["A2"] = "3.1.1"  # the number alone
    wb["Ограничения"]["B2"] = "p2.t5.s2"  # the code
    wb["Приём на работу"]["C2"] = "Да"
    wb["Исполнение плана"]["E3"] = "Срок не наступил"
    wb["Сверки"]["A4"] = "   "  # a row left empty is skipped
    wb.save(path)
    assert read_workbook(path, catalogue).year == quasi.year


def test_an_old_workbook_without_the_year_sheets_still_reads(catalogue):
    assert not set(YEAR_SHEET_TITLES) & set(openpyxl.load_workbook(OLD_WORKBOOK, read_only=True).sheetnames)
    org, _ = load_organisation_with_warnings(OLD_WORKBOOK, catalogue)
    assert org.year.empty and len(org.findings) == 15 and org.profile.type == "akimat"


# --- problems located ----------------------------------------------------------------------------------------------

BAD_CELLS = [
    # sheet, cell, value, column header, message
    ("Исполнение плана", "E2", "готово", "Статус исполнения", "ожидается значение из списка: «исполнено»"),
    ("Сообщения о правонарушениях", "A2", "вчера", "Дата сообщения", "ожидается дата в формате ДД.ММ.ГГГГ"),
    ("Сверки", "D2", "-1", "Выявлено расхождений", "ожидается целое число не меньше 0, указано «-1»"),
    ("Ответственность руководителей", "D2", "может быть", "Руководитель привлечён к ответственности",
     "ожидается «да» или «нет», указано «может быть»"),
    ("Приём на работу", "C2", "?", "Ранее совершал коррупционное правонарушение", "ожидается «да» или «нет»"),
    ("Ограничения", "B2", "9.9.9 — нет такого", "Антикоррупционное ограничение", "ожидается значение из списка"),
    ("Документы комплаенса", "A2", "Политика", "Документ антикоррупционного комплаенса",
     "ожидается значение из списка: «3.2.1 — Положение"),
    ("ISO 37001", "B2", "почти", "Этап", "«сертифицирована»"),
    ("Обучение", "C2", "пять", "Обучено человек", "ожидается целое число не меньше 0, указано «пять»"),
    ("Мероприятия", "C2", None, "Мероприятие или отчёт", "не заполнено обязательное поле"),
]


def test_a_bad_cell_in_each_year_sheet_is_named_by_file_sheet_row_and_column(tmp_path, catalogue, quasi):
    path = write_workbook(quasi, catalogue, tmp_path / "bad.xlsx")
    wb = openpyxl.load_workbook(path)
    for sheet, cell, value, _, _ in BAD_CELLS:
        wb[sheet][cell] = value
    wb.save(path)
    with pytest.raises(InputError) as info:
        load_organisation(path, catalogue)  # the cross-checks run on what could be read, in the same pass
    lines = info.value.lines
    for sheet, cell, _, header, message in BAD_CELLS:
        where = f"bad.xlsx, лист «{sheet}», строка {cell[1:]}, столбец {cell[0]} «{header}»: "
        assert any(line.startswith(where) and message in line for line in lines), (where, lines)
    assert len(lines) == len(BAD_CELLS)
    # In the order of the sheets.
    assert [line.split("«")[1].split("»")[0] for line in lines] == [s for s, *_ in BAD_CELLS]


def test_a_renamed_header_of_a_year_sheet_is_reported(tmp_path, catalogue, quasi):
    path = write_workbook(quasi, catalogue, tmp_path / "header.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Сверки"]["D1"] = "Расхождения"
    wb.save(path)
    with pytest.raises(InputError) as info:
        read_workbook(path, catalogue)
    assert info.value.lines == ["header.xlsx, лист «Сверки», строка 1, столбец D: ожидается заголовок «Выявлено"
                                " расхождений», указано «Расхождения»; не переименовывайте и не переставляйте столбцы"]


def test_yaml_problems_of_the_year_name_the_path_and_line(tmp_path, quasi):
    data = yaml.safe_load(dump_yaml(quasi))
    data["year"]["reconciliations"][0]["discrepancies"] = -1
    data["year"]["hires"][0]["prior_offence"] = "да"
    data["year"]["events"][0]["duty"] = "p9.t9.s9"
    data["year"]["plan_execution"][0]["status"] = "готово"
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_organisation(path)
    text = "\n".join(info.value.lines)
    assert "year.reconciliations[0].discrepancies (строка " in text and "ожидается целое число не меньше 0" in text
    assert "year.hires[0].prior_offence (строка " in text and "ожидается «да» или «нет» (в YAML — true или false)" in text
    assert "year.events[0].duty (строка " in text and "ожидается код подзадачи: p3.t1.s1" in text
    assert "year.plan_execution[0].status (строка " in text and "done (исполнено)" in text
    assert len(info.value.lines) == 4


def test_yaml_template_ends_with_a_commented_year(catalogue):
    quasi = template_yaml(catalogue, "АО «Көкжиек»", "quasi_public")
    akimat = template_yaml(catalogue, "Аким аппараты", "akimat")
    assert "\nyear:" not in quasi and "# year:" in quasi
    assert "compliance_documents" in quasi and "compliance_documents" not in akimat
    assert "# p4.t1.s1: 4.1.1 — " in akimat and "p3.t1.s1" not in akimat
    # Uncommented, the example is valid records of the year.
    start = quasi.index("# year:")
    example = "\n".join(line[2:] for line in quasi[start:].splitlines())
    year = YearRecords.model_validate(yaml.safe_load(example)["year"])
    assert all(getattr(year, name) for name in YearRecords.model_fields)


# --- cross-checks ------------------------------------------------------------------------------------------------


def _codes(problems) -> dict[str, list]:
    found: dict[str, list] = {}
    for p in problems:
        if p.code.startswith("year."):
            found.setdefault(p.code, []).append(p)
    return found


def test_cross_checks_of_the_year(catalogue, quasi):
    year = full_year()
    year.plan_execution += [
        PlanExecution(number="1.1.1", measure="Повтор", due=D(2025, 9, 30)),  # the same item as «1.1.1.»
        PlanExecution(number="2.1.1.", measure="Без даты", due=D(2025, 12, 22), status="partial"),
        PlanExecution(number="2.2.1.", measure="Раньше плана", due=D(2025, 10, 31), status="done",
                      done_on=D(2025, 6, 1)),
    ]
    year.events.append(Event(duty="p4.t1.s1", date=D(2025, 9, 30), title="Заседание комиссии"))
    org = quasi.model_copy(update={"year": year})
    found = _codes(validate(org, catalogue))
    assert set(found) == {"year.plan_execution.repeated_number", "year.plan_execution.no_date",
                          "year.plan_execution.before_plan", "year.events.not_applicable", "year.trainings.not_applicable"}
    assert found["year.plan_execution.repeated_number"][0].severity == "error"
    assert found["year.plan_execution.repeated_number"][0].field == "year.plan_execution.2.number"
    assert found["year.plan_execution.no_date"][0].message == (
        "мероприятие «2.1.1.» отмечено как «исполнено частично», но не указана дата исполнения")
    assert "раньше утверждения плана мероприятий (20.06.2025)" in found["year.plan_execution.before_plan"][0].message
    assert found["year.events.not_applicable"][0].message.startswith(
        "обязанность «4.1.1 — Ежеквартальное проведение заседаний комиссии")
    assert all(p.severity == "warning" for code, ps in found.items() for p in ps if "repeated" not in code)

    # Project 3 in an akimat.
    akimat = org.model_copy(update={"profile": org.profile.model_copy(update={"type": "akimat"})})
    found = _codes(validate(akimat, catalogue))
    for code in ("year.compliance_documents.project_3", "year.events.project_3", "year.iso.project_3"):
        assert found[code][0].message.startswith("проект 3 относится только к субъектам квазигосударственного"
                                                 " сектора"), code
    assert "year.events.not_applicable" not in found and "year.trainings.not_applicable" not in found


def test_cross_check_warnings_are_placed_in_the_workbook(tmp_path, catalogue, quasi):
    year = full_year()
    year.plan_execution[1] = year.plan_execution[1].model_copy(update={"status": "done"})
    akimat = quasi.model_copy(update={"year": year,
                                      "profile": quasi.profile.model_copy(update={"type": "akimat"})})
    # The akimat's checklist differs: keep only the year and the profile checks in view.
    path = write_workbook(akimat, catalogue, tmp_path / "w.xlsx")
    problems = validate(read_workbook(path, catalogue), catalogue)
    placed = {p.code: str(p) for p in problems if p.code.startswith("year.")}
    assert placed["year.plan_execution.no_date"].startswith(
        "w.xlsx, лист «Исполнение плана», строка 3, столбец F «Дата исполнения»: ")
    assert placed["year.compliance_documents.project_3"].startswith(
        "w.xlsx, лист «Документы комплаенса», строка 2, столбец A «Документ антикоррупционного комплаенса»: проект 3")


# --- vakr monitor init ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan_xlsx(tmp_path_factory, catalogue) -> Path:
    """plan.xlsx as `vakr report` writes it for the quasi-public example."""
    org = without_year(read_yaml(examples_dir() / "quasi-example.yaml"))
    out = tmp_path_factory.mktemp("report")
    write_documents(evaluate(org, catalogue), out, catalogue)
    return out / "plan.xlsx"


def _plain(rows: list[PlanExecution]) -> list[tuple]:
    return [(r.number, r.measure, r.due, tuple(r.responsible)) for r in rows]


def test_init_from_the_plan_and_from_the_evaluation_give_the_same_rows(tmp_path, catalogue, plan_xlsx):
    source = without_year(read_yaml(examples_dir() / "quasi-example.yaml"))
    xlsx = write_workbook(source, catalogue, tmp_path / "from-plan.xlsx")
    assert init_plan_execution(xlsx, catalogue, plan_xlsx) == xlsx
    from_plan = read_workbook(xlsx, catalogue)
    rows = from_plan.year.plan_execution
    assert [r.number for r in rows] == ["1.1.1.", "1.2.1.", "2.1.1.", "2.2.1."]
    assert rows[0].due == D(2025, 9, 30) and rows[0].responsible == ["Департамент закупок (Жақсыбеков Р.Ө.)"]
    assert all(r.status is None for r in rows)
    assert dump(without_year(from_plan)) == dump(source)  # nothing else changed

    yaml_path = write_yaml(source, tmp_path / "from-evaluation.yaml")
    init_plan_execution(yaml_path, catalogue)
    assert _plain(read_yaml(yaml_path).year.plan_execution) == _plain(rows)


def test_init_reads_dates_written_as_text_and_strips_the_marks(tmp_path, catalogue, plan_xlsx):
    plan = shutil.copy(plan_xlsx, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(plan)
    ws = wb.active
    first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "1.1.1.")
    ws.cell(first, 6).value = "29.06.2026"
    ws.cell(first, 3).value = ws.cell(first, 3).value + " ◊"
    ws.cell(first + 2, 6).value = dt.datetime(2026, 7, 1)
    ws.cell(first + 2, 5).value = "Служба комплаенс (Шәріпова И.Ғ.) ◊"
    wb.save(plan)
    rows = plan_measures(Path(plan), catalogue)
    assert rows[0].due == D(2026, 6, 29) and not rows[0].measure.endswith("◊")
    assert rows[1].due == D(2026, 7, 1) and rows[1].responsible == ["Служба комплаенс (Шәріпова И.Ғ.)"]
    assert plan_date("29 июня 2026 года (предварительно)") == plan_date("29 июня 2026 г.") == D(2026, 6, 29)


def test_init_reports_a_bad_due_date_and_a_file_without_a_plan(tmp_path, catalogue, plan_xlsx):
    plan = shutil.copy(plan_xlsx, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(plan)
    ws = wb.active
    first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "1.1.1.")
    ws.cell(first, 6).value = "скоро"
    wb.save(plan)
    with pytest.raises(InputError) as info:
        plan_measures(Path(plan), catalogue)
    assert info.value.lines == [f"plan.xlsx, лист «План мероприятий», строка {first}, столбец F «Срок завершения»:"
                                " ожидается дата («29 июня 2026 года» или ДД.ММ.ГГГГ), указано «скоро»"]
    with pytest.raises(InputError) as info:
        plan_measures(write_workbook(without_year(read_yaml(examples_dir() / "quasi-example.yaml")), catalogue,
                                     tmp_path / "not-a-plan.xlsx"), catalogue)
    assert info.value.problems[0].code == "plan.no_table"


def test_init_adds_the_year_sheets_to_an_old_workbook(tmp_path, catalogue):
    path = Path(shutil.copy(OLD_WORKBOOK, tmp_path / "old.xlsx"))
    before = read_workbook(path, catalogue)
    init_plan_execution(path, catalogue)
    after = read_workbook(path, catalogue)
    assert dump(without_year(after)) == dump(before)
    assert len(after.year.plan_execution) == 15 and after.year.plan_execution[0].number == "1.1.1."
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:6] == openpyxl.load_workbook(OLD_WORKBOOK).sheetnames
    assert wb.sheetnames[6:] == [t for t in YEAR_SHEET_TITLES if t not in ("Документы комплаенса", "ISO 37001")
                                 ] + [YEAR_LISTS]
    assert wb["Риски"]["A2"].value.startswith("=IF(")  # the formulas stay formulas
    # «Инструкция» keeps its rows and explains the sheets just added, once
    old = [c.value for c in openpyxl.load_workbook(OLD_WORKBOOK)["Инструкция"]["A"]]
    labels = [c.value for c in wb["Инструкция"]["A"]]
    assert labels[:len(old)] == old
    assert labels[len(old):len(old) + 2] == ["Год после ВАКР", "Лист «Исполнение плана»"]
    assert "Лист «Документы комплаенса»" not in labels
    init_plan_execution(path, catalogue, force=True)
    assert [c.value for c in openpyxl.load_workbook(path)["Инструкция"]["A"]].count("Год после ВАКР") == 1


def test_init_refuses_to_overwrite_unless_forced_and_keeps_what_was_recorded(tmp_path, catalogue, plan_xlsx):
    source = read_yaml(examples_dir() / "quasi-example.yaml")
    recorded = [
        PlanExecution(number="1.1.1", measure="старая формулировка", due=D(2025, 9, 1), status="done",
                      done_on=D(2025, 9, 26), proof_number="31", comment=f"Түсініктеме {KAZAKH}"),
        PlanExecution(number="9.9.9.", measure="мера другого плана", due=D(2025, 9, 1), status="not_done"),
    ]
    org = source.model_copy(update={"year": source.year.model_copy(update={"plan_execution": recorded})})
    for path in (write_workbook(org, catalogue, tmp_path / "org.xlsx"), write_yaml(org, tmp_path / "org.yaml")):
        before = path.read_bytes()
        with pytest.raises(InputError) as info:
            init_plan_execution(path, catalogue, plan_xlsx)
        assert info.value.problems[0].code == "monitor.plan_execution_exists"
        assert "уже заполнено (2 мероприятия)" in str(info.value) and "--force" in str(info.value)
        assert path.read_bytes() == before
        init_plan_execution(path, catalogue, plan_xlsx, force=True)
        rows = load_organisation(path, catalogue).year.plan_execution
        assert [r.number for r in rows] == ["1.1.1.", "1.2.1.", "2.1.1.", "2.2.1."]
        assert rows[0].measure.startswith("Ограничить закупки") and rows[0].due == D(2025, 9, 30)
        assert (rows[0].status, rows[0].done_on, rows[0].proof_number, rows[0].comment) == (
            "done", D(2025, 9, 26), "31", f"Түсініктеме {KAZAKH}")
        assert all(r.status is None for r in rows[1:])
        # The other records of the year stay.
        assert load_organisation(path, catalogue).year.events == source.year.events


def test_init_keeps_the_comments_of_a_yaml_file(tmp_path, catalogue):
    source = examples_dir() / "quasi-example.yaml"
    text = source.read_text(encoding="utf-8")
    org = read_yaml(source)
    path = tmp_path / "org.yaml"
    path.write_text(text, encoding="utf-8")
    init_plan_execution(path, catalogue, force=True)
    edited = path.read_text(encoding="utf-8")
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in edited.splitlines() for line in comments)
    back = read_yaml(path)
    assert dump(without_year(back)) == dump(without_year(org))
    assert back.year.model_dump(exclude={"plan_execution"}) == org.year.model_dump(exclude={"plan_execution"})
    assert [r.status for r in back.year.plan_execution] == [r.status for r in org.year.plan_execution]


def test_init_on_a_sparse_yaml_writes_a_file_vakr_reads_again(tmp_path, catalogue):
    # Suggested due dates capped at the end of monitoring are one date object shared by several measures: the file
    # must not come back with YAML anchors and aliases, which the reader refuses.
    path = Path(shutil.copy(HERE / "data" / "sparse-land.yaml", tmp_path / "org.yaml"))
    init_plan_execution(path, catalogue)
    text = path.read_text(encoding="utf-8")
    assert "&id" not in text and "*id" not in text
    org = read_yaml(path)
    assert len(org.year.plan_execution) == 30
    assert {r.due for r in org.year.plan_execution} >= {D(2027, 11, 15)}
