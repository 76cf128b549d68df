"""Tests for the six planted single bugs the rest of the suite let through (issue 13, point 6): the six-day week of a
profile, the last allowed day of a given date, duplicate numbers in the catalogue, the plan's order, an unexpected
error of one organisation of a batch, and the exact closing text of ``vakr run``."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from docx import Document

from vakr.calendar.deadlines import schedule_for_profile, vakr_schedule
from vakr.calendar.ics import schedule_to_ics
from vakr.cli import main
from vakr.documents import render_plan_docx
from vakr.documents.tables import plan_rows, schedule_dataframe
from vakr.errors import CatalogueError
from vakr.evaluation.evaluate import evaluate
from vakr.methodology.loader import load_catalogue
from vakr.organisation.model import Organisation
from vakr.organisation.validation import validate
from vakr.organisation.yaml import read_yaml
from vakr.paths import examples_dir
from vakr.run import batch

D = dt.date
AKIMAT = examples_dir() / "akimat-example.yaml"
QUASI = examples_dir() / "quasi-example.yaml"
DATA = Path(__file__).parent / "data"
DOCUMENTS = ["plan.docx", "plan.xlsx", "positions.docx", "positions.xlsx", "report.docx", "schedule.ics"]
RUN_FILES = sorted([*DOCUMENTS, "evaluation.json"])  # an organisation's folder of a run: + the record for `vakr region`
# The akimat example runs from 01.10.2025 to 28.11.2025.
START, END = D(2025, 10, 1), D(2025, 11, 28)


@pytest.fixture(scope="module")
def akimat() -> Organisation:
    return read_yaml(AKIMAT)


def _with_profile(org: Organisation, **changes) -> Organisation:
    return org.model_copy(update={"profile": org.profile.model_copy(update=changes)})


# --- 1. a profile's six-day week reaches the schedule, the evaluation and the suggested due dates ----------------


def test_profile_with_a_six_day_week_gives_the_six_day_schedule(akimat, catalogue):
    # A low risk without a due date too (the example gives every low risk its own date): its suggestion is the end
    # of monitoring.
    low = next(i for i, f in enumerate(akimat.findings) if f.indicator == "org.hr.04")
    akimat.findings[low].due = None
    five = schedule_for_profile(akimat.profile, catalogue)
    six_org = _with_profile(akimat, work_week=6)
    six = schedule_for_profile(six_org.profile, catalogue)
    assert (five.six_day_week, six.six_day_week) == (False, True)
    # Five-day week: the deadlines of the bundled example.
    assert [(e.code, e.deadline) for e in five.events] == [
        ("announce_start", D(2025, 9, 17)), ("order", D(2025, 9, 24)), ("announce_discussion", D(2025, 11, 14)),
        ("public_discussion", D(2025, 11, 21)), ("report_signed", D(2025, 12, 12)),
        ("plan_approved", D(2025, 12, 29)), ("publish", D(2026, 1, 5)), ("cartogram_update", D(2026, 1, 5)),
        ("monitoring_end", D(2026, 12, 14)),
    ]
    # Six-day week: Saturdays are working days, so every count lands elsewhere (22.11.2025 is a Saturday).
    assert [(e.code, e.deadline) for e in six.events] == [
        ("announce_start", D(2025, 9, 19)), ("order", D(2025, 9, 25)), ("announce_discussion", D(2025, 11, 17)),
        ("public_discussion", D(2025, 11, 22)), ("report_signed", D(2025, 12, 10)),
        ("plan_approved", D(2025, 12, 23)), ("publish", D(2025, 12, 26)), ("cartogram_update", D(2025, 12, 26)),
        ("monitoring_end", D(2026, 12, 10)),
    ]
    assert six.event("order").date == D(2025, 9, 19)  # the order's given date stays

    # The evaluation's own schedule is the six-day one.
    evaluation = evaluate(six_org, catalogue)
    assert evaluation.schedule.six_day_week is True
    assert evaluation.schedule.event("plan_approved").date == D(2025, 12, 23)
    assert evaluation.schedule.event("monitoring_end").date == D(2026, 12, 10)
    # Suggested due dates count from the six-day plan approval: a medium risk six months after 23.12.2025, a low
    # one at the end of monitoring (five-day week: 29.06.2026 and 14.12.2026).
    suggested_due = {r.finding: r.due for r in evaluation.risks if r.due_is_default}
    assert suggested_due == {3: D(2026, 6, 23), 8: D(2026, 6, 23), low: D(2026, 12, 10)}
    five_due = {r.finding: r.due for r in evaluate(akimat, catalogue).risks if r.due_is_default}
    assert five_due == {3: D(2026, 6, 29), 8: D(2026, 6, 29), low: D(2026, 12, 14)}


# --- 2. the last allowed day is not late ---------------------------------------------------------------------


def _late_codes(schedule) -> list[str]:
    return [w.code for w in schedule.warnings if w.code.endswith("_late")]


def test_a_given_date_on_the_last_allowed_day_is_not_late():
    # Deadlines of a run 01.10–28.11.2025: order 24.09.2025, report signed 12.12.2025, plan approved 29.12.2025
    # (10 working days after the signing on 12.12).
    on_time = vakr_schedule(START, END, ordered=D(2025, 9, 24), signed=D(2025, 12, 12), approved=D(2025, 12, 29))
    assert [(e.code, e.date, e.deadline) for e in on_time.events if not e.assumed] == [
        ("order", D(2025, 9, 24), D(2025, 9, 24)),
        ("report_signed", D(2025, 12, 12), D(2025, 12, 12)),
        ("plan_approved", D(2025, 12, 29), D(2025, 12, 29)),
    ]
    assert on_time.warnings == []
    # Nor do the calendar file and the schedule table call it late.
    ics = schedule_to_ics(on_time).decode("utf-8")
    assert "Срок нарушен" not in ics.replace("\r\n ", "")
    notes = schedule_dataframe(on_time)["Примечание"].tolist()
    assert notes[1] == notes[4] == notes[5] == "указанная дата"

    # One day later each is late.
    assert _late_codes(vakr_schedule(START, END, ordered=D(2025, 9, 25))) == ["schedule.order_late"]
    late_signed = vakr_schedule(START, END, signed=D(2025, 12, 13))
    assert _late_codes(late_signed) == ["schedule.report_signed_late"]
    assert late_signed.warnings[0].message == (
        "«Подписание аналитической справки по результатам ВАКР»: срок нарушен — указанная дата 13.12.2025 позже"
        " предельного срока 12.12.2025 (не позднее 10 рабочих дней со дня завершения ВАКР).")
    late_approved = vakr_schedule(START, END, signed=D(2025, 12, 12), approved=D(2025, 12, 30))
    assert _late_codes(late_approved) == ["schedule.plan_approved_late"]
    assert "Срок нарушен: указанная дата позже предельного срока." in schedule_to_ics(late_approved).decode(
        "utf-8").replace("\r\n ", "")
    assert schedule_dataframe(late_approved)["Примечание"].tolist()[5] == "указанная дата; срок нарушен"


def test_validation_accepts_a_report_signed_on_the_last_allowed_day(akimat, catalogue):
    on_time = _with_profile(akimat, report_signed=D(2025, 12, 12), plan_approved=D(2025, 12, 29))
    messages = [p.message for p in validate(on_time, catalogue)]
    assert not [m for m in messages if "срок нарушен" in m]
    late = _with_profile(akimat, report_signed=D(2025, 12, 13))
    problems = [p for p in validate(late, catalogue) if "срок нарушен" in p.message]
    assert len(problems) == 1 and problems[0].severity == "warning"
    assert "указанная дата 13.12.2025 позже предельного срока 12.12.2025" in problems[0].message


# --- 3. numbers unique in the catalogue ----------------------------------------------------------------------


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not found exactly once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _load_error(folder: Path) -> str:
    with pytest.raises(CatalogueError) as info:
        load_catalogue(folder)
    return str(info.value)


def test_the_bundled_catalogue_has_unique_numbers(catalogue):
    assert [f.number for f in catalogue.npa_factors] == list(range(1, 9))
    assert [a.number for a in catalogue.org_areas] == list(range(1, 13))


def test_duplicate_indicator_number_within_an_area_is_reported(catalogue_copy):
    _edit(catalogue_copy, "org_areas.yaml", "{code: org.hr.03, number: 3,", "{code: org.hr.03, number: 2,")
    message = _load_error(catalogue_copy)
    assert ("org_areas.yaml: элемент org.hr.03: номер индикатора 2 повторяется в «Управление персоналом»"
            " (уже у org.hr.02)") in message
    assert message.count("повторяется") == 1


def test_duplicate_indicator_number_within_a_factor_is_reported(catalogue_copy):
    _edit(catalogue_copy, "npa_factors.yaml", "- code: npa.legal_gap.5\n        number: 5",
          "- code: npa.legal_gap.5\n        number: 1")
    message = _load_error(catalogue_copy)
    assert ("npa_factors.yaml: элемент npa.legal_gap.5: номер индикатора 1 повторяется в «Правовой пробел»"
            " (уже у npa.legal_gap.1)") in message


def test_the_same_indicator_number_in_two_areas_is_allowed(catalogue_copy):
    # org.hr.02 and org.contracts.02 both carry number 2: numbers are unique within a group only.
    catalogue = load_catalogue(catalogue_copy)
    assert catalogue.get("org.hr.02").number == catalogue.get("org.contracts.02").number == 2


def test_duplicate_factor_and_area_numbers_are_reported(catalogue_copy):
    _edit(catalogue_copy, "npa_factors.yaml", "- code: npa.legal_gap\n    number: 1\n",
          "- code: npa.legal_gap\n    number: 2\n")
    _edit(catalogue_copy, "org_areas.yaml", "- code: org.other\n    number: 12\n", "- code: org.other\n    number: 11\n")
    message = _load_error(catalogue_copy)
    assert "npa_factors.yaml: элемент npa.collision: номер фактора 2 повторяется (уже у npa.legal_gap)" in message
    assert "org_areas.yaml: элемент org.other: номер сферы 11 повторяется (уже у org.transparency)" in message


# --- 4. the plan keeps the analyst's order -------------------------------------------------------------------


def _finding(indicator: str, unit: str, act: str, description: str, likelihood: int, impact: int) -> dict:
    return {"indicator": indicator, "unit": unit, "act": act, "description": description,
            "likelihood": likelihood, "impact": impact}


@pytest.fixture(scope="module")
def unsorted(catalogue):
    """Units in the profile in an order that is neither the score order, nor the alphabet, nor the order of the
    findings; within each unit and indicator the findings' scores increase."""
    data = yaml.safe_load((DATA / "small-org.yaml").read_text(encoding="utf-8"))
    data["profile"]["units"] = ["Юридический сектор", "Бухгалтерия", "Кадровая служба"]
    hr, books, legal = "Кадровая служба", "Бухгалтерия", "Юридический сектор"
    data["findings"] = [
        _finding("org.hr.07", hr, "Бизнес-процесс: собеседование",
                 "Вопросы собеседования известны части кандидатов заранее", 1, 2),  # score 2
        _finding("org.hr.02", hr, "Приказ о назначении № 8-к", "Главный специалист назначен без конкурса", 2, 3),  # 6
        _finding("org.budget", books, "Бизнес-процесс: авансовые отчёты",
                 "Авансовые отчёты принимаются без чеков", 1, 1),  # 1
        _finding("org.hr.07", hr, "Бизнес-процесс: тестирование",
                 "Кандидатам из района дают больше времени на тест", 2, 2),  # 4
        _finding("org.hr.02", hr, "Приказ о переводе № 11-к",
                 "Руководитель сектора переведён на должность без конкурса", 4, 5),  # 20
        _finding("org.it", legal, "Бизнес-процесс: доступ к базе договоров",
                 "Доступ к базе договоров выдаётся по устной просьбе", 3, 3),  # 9
        _finding("org.budget", books, "Бизнес-процесс: премирование",
                 "Премии начисляются по служебной записке без расчёта", 2, 2),  # 4
        _finding("org.it", legal, "Бизнес-процесс: учётные записи",
                 "Юристы работают под общей учётной записью", 3, 4),  # 12
    ]
    data["positions"] = []
    return evaluate(Organisation.model_validate(data), catalogue)


EXPECTED_PLAN = [
    ("1.", "Юридический сектор"),
    ("1.1.", "Признаки сферы «Разработка и эксплуатация информационных систем» в целом"),
    ("1.1.1.", "Бизнес-процесс: доступ к базе договоров\nДоступ к базе договоров выдаётся по устной просьбе"),
    ("1.1.2.", "Бизнес-процесс: учётные записи\nЮристы работают под общей учётной записью"),
    ("2.", "Бухгалтерия"),
    ("2.1.", "Признаки сферы «Освоение и распределение бюджетных и финансовых средств» в целом"),
    ("2.1.1.", "Бизнес-процесс: авансовые отчёты\nАвансовые отчёты принимаются без чеков"),
    ("2.1.2.", "Бизнес-процесс: премирование\nПремии начисляются по служебной записке без расчёта"),
    ("3.", "Кадровая служба"),
    ("3.1.", "Управление персоналом: создание неравных условий для кандидатов"),
    ("3.1.1.", "Бизнес-процесс: собеседование\nВопросы собеседования известны части кандидатов заранее"),
    ("3.1.2.", "Бизнес-процесс: тестирование\nКандидатам из района дают больше времени на тест"),
    ("3.2.", "Управление персоналом: назначение на должность без проведения конкурсного отбора"),
    ("3.2.1.", "Приказ о назначении № 8-к\nГлавный специалист назначен без конкурса"),
    ("3.2.2.", "Приказ о переводе № 11-к\nРуководитель сектора переведён на должность без конкурса"),
]


def test_plan_rows_keep_the_analysts_order(unsorted):
    # The ranking is by score (the fixture is not accidentally in plan order).
    assert [(r.finding, r.score) for r in unsorted.risks] == [
        (4, 20), (7, 12), (5, 9), (1, 6), (3, 4), (6, 4), (0, 2), (2, 1)]
    rows = plan_rows(unsorted)
    assert [(r.number, r.text) for r in rows] == EXPECTED_PLAN
    assert [r.risk.finding for r in rows if r.level == 3] == [5, 7, 2, 6, 0, 3, 1, 4]


def test_plan_docx_lists_the_risks_in_the_analysts_order(unsorted, catalogue, tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(render_plan_docx(unsorted, catalogue))
    table = Document(str(path)).tables[0]
    assert [row.cells[1].text for row in table.rows[1:]] == [text for _, text in EXPECTED_PLAN]


# --- 5. an unexpected error of one organisation of a batch ----------------------------------------------------


SECOND = "vtoraya-organizatsiia"


@pytest.fixture
def batch_with_a_full_disk(tmp_path, monkeypatch):
    """Three organisations; writing the documents of the second one fails with «No space left on device»."""
    data = yaml.safe_load(AKIMAT.read_text(encoding="utf-8"))
    data["profile"].update(name="ГУ «Вторая организация»", slug=SECOND)
    second = tmp_path / "second.yaml"
    second.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    real = batch.write_documents

    def write_documents(evaluation, out_dir, catalogue, langs=("ru",)):
        if evaluation.profile.slug == SECOND:
            raise OSError(28, "No space left on device")
        return real(evaluation, out_dir, catalogue, langs)

    # run_one looks write_documents up in vakr.run.batch when it runs (jobs=1: in this process).
    monkeypatch.setattr(batch, "write_documents", write_documents)
    out = tmp_path / "out"
    results = batch.run_batch([AKIMAT, second, QUASI], out, documents_only=True, jobs=1, progress=False)
    return results, out, second


def _summary(out: Path) -> list[dict[str, str]]:
    with open(out / "summary.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _error_column(row: dict[str, str]) -> str:
    return next(value for title, value in row.items() if title.startswith("Ошибка"))


def test_an_unexpected_error_of_one_organisation_is_isolated_and_reported(batch_with_a_full_disk):
    results, out, second = batch_with_a_full_disk
    assert [(r.slug, r.status) for r in results] == [
        ("akimat-example", "ok"), (SECOND, "failed"), ("quasi-example", "ok")]
    for slug in ("akimat-example", "quasi-example"):
        assert sorted(p.name for p in (out / slug).iterdir()) == RUN_FILES
    failed = results[1]
    # A Russian message with the reason, not a Python class name.
    assert "No space left on device" in failed.message and re.search("[А-Яа-яЁё]", failed.message), failed.message
    assert "OSError" not in failed.message and "Traceback" not in failed.message
    assert failed.files == [] and not any((out / SECOND / name).exists() for name in DOCUMENTS)
    rows = _summary(out)
    assert [(r["Организация"], r["Файл"], r["Статус"]) for r in rows] == [
        ("ГУ «Аппарат акима Сарыаркинской области»", str(AKIMAT), "готово"),
        ("ГУ «Вторая организация»", str(second), "ошибка"),
        ("АО «Көкжиек Сервис»", str(QUASI), "готово"),
    ]
    assert _error_column(rows[1]) == failed.message and rows[1]["Рисков"] == ""
    assert (rows[0]["Рисков"], _error_column(rows[0]), rows[2]["Рисков"], _error_column(rows[2])) == ("15", "", "4", "")


# --- 6. the exact closing text of `vakr run` -----------------------------------------------------------------


def test_run_prints_the_exact_summary_lines(tmp_path, capsys):
    text = AKIMAT.read_text(encoding="utf-8")
    broken_text = text.replace("likelihood: 4", "likelihood: 9", 1)
    broken = tmp_path / "broken.yaml"
    broken.write_text(broken_text, encoding="utf-8")
    line = broken_text.splitlines().index("    likelihood: 9") + 1
    index = next(i for i, f in enumerate(yaml.safe_load(broken_text)["findings"]) if f["likelihood"] == 9)
    assert (line, index) == (176, 0)  # the first finding of the example
    out = tmp_path / "out"
    code = main(["run", str(AKIMAT), str(broken), str(QUASI), "--out", str(out), "--documents-only", "--quiet"])
    assert code == 1
    captured = capsys.readouterr()
    stdout = captured.out.splitlines()
    assert len(stdout) == 4
    assert stdout[0].startswith(f"✓ ГУ «Аппарат акима Сарыаркинской области» → {out / 'akimat-example'}/ (рисков: 15)")
    assert stdout[1].startswith(f"✓ АО «Көкжиек Сервис» → {out / 'quasi-example'}/ (рисков: 4)")
    assert stdout[2:] == [
        f"Сводка: {out}/summary.html и {out}/summary.csv",
        "Организаций: 3; успешно: 2; с ошибками: 1.",
    ]
    assert captured.err == (
        f"✗ {broken}: Файл broken.yaml: найдено ошибок: 1\n"
        f"  • broken.yaml, findings[{index}].likelihood (строка {line}): ожидается целое число от 1 до 5, указано «9»\n"
    )
