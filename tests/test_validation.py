"""Cross-checks of an organisation: codes, the checklist, units, positions, the ВАКР schedule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from vakr.errors import InputError
from vakr.organisation.load import load_organisation, load_organisation_with_warnings
from vakr.organisation.model import Organisation
from vakr.organisation.validation import validate
from vakr.organisation.values import pydantic_message
from vakr.organisation.yaml import read_yaml
from vakr.paths import examples_dir
from vakr.problems import Place, Problem, errors_of, warnings_of


@pytest.fixture(scope="module")
def quasi() -> Organisation:
    return read_yaml(examples_dir() / "quasi-example.yaml")


def fresh(org: Organisation) -> Organisation:
    return org.model_copy(deep=True)


def messages(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


def test_problem_is_place_colon_message_and_serialises_with_code_and_place():
    place = Place(file="org.xlsx", sheet="Риски", row=7, column="F", header="Вероятность")
    p = Problem(severity="error", code="value.integer", message="ожидается целое число от 1 до 5, указано «7»",
                place=place, field="findings.2.likelihood")
    assert str(p) == ("org.xlsx, лист «Риски», строка 7, столбец F «Вероятность»: ожидается целое число от 1 до 5,"
                      " указано «7»")
    assert p.to_json() == {
        "severity": "error", "code": "value.integer", "message": "ожидается целое число от 1 до 5, указано «7»",
        "place": {"file": "org.xlsx", "sheet": "Риски", "row": 7, "column": "F", "header": "Вероятность"},
        "field": "findings.2.likelihood", "text": str(p)}
    yaml_place = Place(file="org.yaml", path="findings[2].likelihood", line=31)
    assert str(yaml_place) == "org.yaml, findings[2].likelihood (строка 31)"
    assert str(Problem(code="c", message="нет места")) == "нет места"


@pytest.mark.parametrize("name", ["akimat-example", "quasi-example"])
def test_examples_have_no_errors(catalogue, name):
    org = read_yaml(examples_dir() / f"{name}.yaml")
    problems = validate(org, catalogue)
    assert errors_of(problems) == []
    assert {p.message.split(" не указана")[0] for p in warnings_of(problems)} == {"рекомендуемая мера"}


def test_missing_measures_are_one_warning_naming_the_rows(catalogue, quasi):
    problems = validate(quasi, catalogue)
    assert messages(problems) == [
        f"{quasi.locate('findings')}: рекомендуемая мера не указана в 1 из 4 рисков (строка 143): мера, форма"
        " завершения и срок будут предложены по методике и помечены в документах — проверьте их"
    ]
    assert str(quasi.locate("findings", 1)).startswith("quasi-example.yaml, findings[1] (строка 143)")


def test_unknown_codes_duplicates_and_unanswered_items(catalogue, quasi):
    org = fresh(quasi)
    org.checklist[0].indicator = "npa.legal_gap.99"
    org.checklist[2].answer = None
    org.checklist.append(org.checklist[5].model_copy())
    org.findings[0].indicator = "org.nothing"
    problems = validate(org, catalogue)
    errors = messages(errors_of(problems))
    assert errors == [
        f"{org.locate('checklist', 0, 'indicator')}: неизвестный код индикатора «npa.legal_gap.99»: ожидается"
        " код из чек-листа",
        f"{org.locate('checklist', 55, 'indicator')}: индикатор «npa.legal_gap.6» указан в чек-листе повторно"
        f" (впервые — {org.locate('checklist', 5)})",
        f"{org.locate('findings', 0, 'indicator')}: неизвестный код индикатора «org.nothing»: ожидается код из"
        " чек-листа",
    ]
    warnings = messages(warnings_of(problems))
    assert f"{org.locate('checklist', 2, 'answer')}: не заполнен ответ по индикатору «npa.legal_gap.3»" in warnings
    assert f"{org.locate('checklist')}: не заполнен ответ: в чек-листе нет индикаторов npa.legal_gap.1" in warnings


def test_finding_needs_a_present_answer_responsible_known_unit_and_positions(catalogue, quasi):
    org = fresh(quasi)
    absent = next(i for i, a in enumerate(org.checklist) if a.indicator == "org.contracts.02")
    org.checklist[absent].answer = "absent"
    org.findings[1].responsible = []
    org.findings[2].unit = "Отдел маркетинга"
    org.findings[3].positions = ["Директор департамента закупок", "Бухгалтер"]
    org.positions[2].unit = "Отдел кадров"
    errors = messages(errors_of(validate(org, catalogue)))
    assert errors == [
        f"{org.locate('positions', 2, 'unit')}: подразделение «Отдел кадров» не указано в профиле организации"
        " (структурные подразделения)",
        f"{org.locate('findings', 0, 'indicator')}: риск записан по индикатору «org.contracts.02», но в чек-листе"
        f" указан ответ «Отсутствует» ({org.locate('checklist', absent, 'answer')}); риск можно записать только"
        " по индикатору с ответом «Присутствует»",
        f"{org.locate('findings', 2, 'unit')}: подразделение «Отдел маркетинга» не указано в профиле организации"
        " (структурные подразделения)",
        f"{org.locate('findings', 3, 'positions')}: должность «Бухгалтер» не указана в перечне должностей,"
        " подверженных коррупционным рискам",
    ]
    # Responsible people left out: the unit is used, with one warning naming the rows.
    assert (f"{org.locate('findings')}: ответственные исполнители не указаны в 1 из 4 рисков (строка 143):"
            " исполнителем будет указано подразделение риска") in messages(warnings_of(validate(org, catalogue)))
    org.checklist[absent].answer = None
    assert "но ответ в чек-листе не заполнен" in messages(errors_of(validate(org, catalogue)))[1]
    del org.checklist[absent]
    assert "но индикатора нет в чек-листе" in messages(errors_of(validate(org, catalogue)))[1]


def test_position_names_match_ignoring_extra_spaces(catalogue, quasi):
    org = fresh(quasi)
    org.findings[0].positions = ["Директор  департамента закупок"]
    assert errors_of(validate(org, catalogue)) == []


def test_end_before_start_is_one_error_at_vakr_end(catalogue, quasi):
    org = fresh(quasi)
    org.profile.vakr_end = dt.date(2025, 3, 31)
    org.profile.report_signed = org.profile.plan_approved = None
    errors = messages(errors_of(validate(org, catalogue)))
    assert errors == [
        f"{org.locate('profile', 'vakr_end')}: дата завершения ВАКР (31.03.2025) раньше даты начала (01.04.2025)"
    ]
    assert str(org.locate("profile", "vakr_end")).startswith("quasi-example.yaml, profile.vakr_end (строка ")


def test_schedule_warnings_are_mapped_to_profile_fields(catalogue, quasi):
    org = fresh(quasi)
    org.profile.vakr_start = dt.date(2025, 3, 21)  # Наурыз: a holiday
    org.profile.order.date = dt.date(2025, 3, 14)
    org.profile.report_signed = dt.date(2025, 5, 20)  # before the end
    org.profile.plan_approved = dt.date(2025, 5, 19)  # before signing
    problems = validate(org, catalogue)
    assert messages(errors_of(problems)) == [
        f"{org.locate('profile', 'report_signed')}: Аналитическая справка подписана (20.05.2025) раньше завершения"
        " ВАКР (30.05.2025).",
        f"{org.locate('profile', 'plan_approved')}: План мероприятий утверждён (19.05.2025) раньше подписания"
        " аналитической справки (20.05.2025).",
    ]
    assert (f"{org.locate('profile', 'vakr_start')}: Дата начала ВАКР 21.03.2025 — нерабочий день"
            " (Наурыз мейрамы).") in messages(warnings_of(problems))

    org.profile.report_signed = dt.date(2025, 6, 10)
    org.profile.plan_approved = dt.date(2025, 7, 30)  # later than 10 working days after signing
    problems = validate(org, catalogue)
    assert errors_of(problems) == []
    late = [p for p in problems if p.place == org.locate("profile", "plan_approved")]
    assert [p.severity for p in late] == ["warning"]
    assert "указанная дата 30.07.2025 позже предельного срока 24.06.2025" in late[0].message


def test_order_date_against_the_schedule(catalogue, quasi):
    org = fresh(quasi)
    org.profile.order.date = dt.date(2025, 4, 2)
    assert messages(errors_of(validate(org, catalogue))) == [
        f"{org.locate('profile', 'order', 'date')}: приказ о проведении ВАКР (02.04.2025) датирован позже начала"
        " ВАКР (01.04.2025)"
    ]
    org.profile.order.date = dt.date(2025, 3, 27)  # the rule: 5 working days before the start → 20.03.2025
    problems = validate(org, catalogue)
    assert errors_of(problems) == []
    assert (f"{org.locate('profile', 'order')}: «Утверждение приказа по проведению ВАКР»: срок нарушен — указанная"
            " дата 27.03.2025 позже предельного срока 20.03.2025 (за 5 рабочих дней до начала ВАКР).") in messages(
        problems)
    org.profile.order.date = dt.date(2025, 3, 20)  # the last allowed day is not late
    assert not any("срок нарушен" in m for m in messages(validate(org, catalogue)))


def test_due_dates_against_the_vakr_and_monitoring(catalogue, quasi):
    org = fresh(quasi)
    org.findings[0].due = dt.date(2025, 5, 15)
    org.findings[2].due = dt.date(2026, 7, 1)
    warnings = messages(warnings_of(validate(org, catalogue)))
    assert (f"{org.locate('findings', 0, 'due')}: срок исполнения (15.05.2025) раньше завершения ВАКР"
            " (30.05.2025)") in warnings
    assert (f"{org.locate('findings', 2, 'due')}: срок исполнения (01.07.2026) позже окончания мониторинга"
            " исполнения плана (10.06.2026)") in warnings


def test_dates_beyond_the_calendar_are_an_error_naming_the_field(catalogue, quasi):
    org = fresh(quasi)
    org.profile.vakr_start, org.profile.vakr_end = dt.date(2035, 10, 1), dt.date(2035, 12, 3)
    org.profile.order.date = dt.date(2035, 9, 3)
    org.profile.report_signed = org.profile.plan_approved = None
    for f in org.findings:
        f.due = None
    errors = errors_of(validate(org, catalogue))
    assert [p.place for p in errors] == [org.locate("profile", "vakr_start")]
    assert errors[0].message.startswith("график ВАКР не рассчитан: Срок «Разработка плана мероприятий")
    assert errors[0].message.endswith("выходит за пределы календаря 2020–2035 годов: рассчитать его нельзя.")


def _write(tmp_path: Path, change) -> Path:
    data = yaml.safe_load((examples_dir() / "quasi-example.yaml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "org.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_load_organisation_raises_all_errors_and_returns_warnings(tmp_path, catalogue):
    def change(data):
        data["findings"][0]["unit"] = "Нет такого"
        data["findings"][1]["impact"] = 9
        data["profile"]["vakr_start"] = "2025-03-22"  # a Saturday: a warning only

    path = _write(tmp_path, change)
    with pytest.raises(InputError) as info:
        load_organisation(path, catalogue)
    text = path.read_text(encoding="utf-8").splitlines()
    unit_line = 1 + next(i for i, line in enumerate(text) if "unit: Нет такого" in line)
    # One pass: the value error (impact 9) and the cross-check (unknown unit) are reported together.
    assert str(info.value).splitlines()[0] == "Файл org.yaml: найдено ошибок: 2"
    assert info.value.lines[0].startswith("org.yaml, findings[1].impact (строка ")
    assert info.value.lines[0].endswith(": ожидается целое число от 1 до 5, указано «9»")
    assert info.value.lines[1] == (f"org.yaml, findings[0].unit (строка {unit_line}): подразделение «Нет такого»"
                                      " не указано в профиле организации (структурные подразделения)")

    fixed = _write(tmp_path, lambda d: d["profile"].update(vakr_start="2025-03-22"))
    org, warnings = load_organisation_with_warnings(fixed, catalogue)
    assert org.profile.vakr_start == dt.date(2025, 3, 22)
    assert [w.severity for w in warnings] == ["warning", "warning"]
    assert warnings[0].message.startswith("Дата начала ВАКР 22.03.2025 — нерабочий день")


def test_pydantic_messages_in_russian():
    assert pydantic_message({"type": "missing", "loc": ("findings", 0, "act")}) == "не заполнено обязательное поле"
    assert pydantic_message({"type": "less_than_equal", "loc": ("findings", 0, "impact"), "input": 9,
                             "ctx": {"le": 5}}) == "ожидается целое число от 1 до 5, указано «9»"
    assert pydantic_message({"type": "greater_than_equal", "loc": ("profile", "staff_headcount"), "input": 0,
                             "ctx": {"ge": 1}}) == "ожидается число не меньше 1, указано «0»"
    assert pydantic_message({"type": "date_from_datetime_parsing", "loc": ("profile", "vakr_end"),
                             "input": "завтра"}, "ГГГГ-ММ-ДД") == (
        "ожидается дата в формате ГГГГ-ММ-ДД, указано «завтра»")
    assert pydantic_message({"type": "literal_error", "loc": ("checklist", 3, "answer"), "input": "yes"}) == (
        "ожидается ответ: present (Присутствует), absent (Отсутствует), not_applicable (Не применимо),"
        " указано «yes»")
    assert pydantic_message({"type": "value_error", "loc": ("profile", "units"),
                             "ctx": {"error": ValueError("подразделение «А» указано дважды")}}) == (
        "подразделение «А» указано дважды")


def test_a_measure_is_due_after_the_plan_is_approved_and_published(catalogue, quasi):
    org = fresh(quasi)  # the plan approved on 20.06.2025 (Friday): published within 3 working days, by 25.06.2025
    codes = {}
    for day in (dt.date(2025, 6, 20), dt.date(2025, 6, 25), dt.date(2025, 6, 26)):
        org.findings[0].due = day
        codes[day.day] = [(p.code, p.message) for p in validate(org, catalogue) if p.field == "findings.0.due"]
    assert [c for c, _ in codes[20]] == ["findings.due_before_plan"]
    assert codes[25] == [("findings.due_before_publication",
                          "срок исполнения (25.06.2025) наступает до размещения плана мероприятий на интернет-ресурсе"
                          " (не позднее 25.06.2025): за такой срок меру не исполнить — назначьте срок позже")]
    assert codes[26] == []
