"""The training course: its exercises (data/training) load and cite real codes, and the grading gives the right
verdicts and explanations for right and wrong answers of every topic; the trainee's results as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta

from vakr.calendar.deadlines import EVENT_ORDER
from vakr.calendar.kazakhstan import get_calendar
from vakr.errors import CatalogueError
from vakr.evaluation.checklist import checklist_items
from vakr.evaluation.recommendations import default_due, suggest_measure
from vakr.paths import training_dir
from vakr.training.exercises import TOPICS, Course, load_course
from vakr.training.grading import (
    Feedback,
    check_deadline,
    check_indicator,
    check_npa,
    check_plan,
    check_scoring,
    deadline_questions,
    indicator_choices,
    npa_choices,
    plan_options,
)
from vakr.training.session import TrainingSession

D = dt.date


@pytest.fixture(scope="module")
def course(catalogue) -> Course:
    return load_course(catalogue=catalogue)


def _get(items, code):
    return next(ex for ex in items if ex.code == code)


# --- the data ------------------------------------------------------------------------------------------------------


def test_topics():
    assert TOPICS == {"deadlines": "Сроки ВАКР", "indicators": "Индикаторы", "scoring": "Оценка риска",
                      "npa": "Коррупционные факторы в НПА", "plan": "План мероприятий"}


def test_every_case_loads_and_its_codes_exist(course, catalogue):
    assert len(course.deadlines) >= 4 and len(course.indicators) >= 6 and len(course.scoring) >= 4
    assert len(course.npa) >= 5 and len(course.plan) >= 4
    codes = [ex.code for topic in TOPICS for ex in course.exercises(topic)]
    assert len(codes) == len(set(codes))
    for ex in course.indicators:
        catalogue.group_of(ex.answer)  # an indicator, factor or area code of the catalogue
    assert {ex.answer for ex in course.indicators} & {g.code for g in catalogue.org_areas}  # «иные признаки» too
    assert any(ex.answer.startswith("npa.") for ex in course.indicators)
    assert any(ex.answer.startswith("org.") for ex in course.indicators)
    factors = {f.code for f in catalogue.npa_factors}
    for ex in course.npa:
        assert set(ex.factors) <= factors and ex.factors
    assert any(len(ex.factors) > 1 for ex in course.npa)
    for ex in course.plan:
        catalogue.group_of(ex.indicator)
    for ex in course.scoring + course.plan:
        assert 1 <= ex.likelihood <= 5 and 1 <= ex.impact <= 5
    # The deadline cases: 2024–2026, a six-day week among them.
    for ex in course.deadlines:
        assert 2024 <= ex.vakr_start.year <= 2026 and ex.lesson
    assert any(ex.six_day_week for ex in course.deadlines)
    assert course.get("deadlines.nauryz_2025").title == "Наурыз перед началом ВАКР (2025 год)"
    with pytest.raises(KeyError):
        course.get("no.such")


def test_default_folder_is_the_package_data():
    assert training_dir().name == "training"
    assert load_course().deadlines == load_course(training_dir()).deadlines


# --- deadlines -----------------------------------------------------------------------------------------------------

KNOWN_DEADLINES = {
    "deadlines.nauryz_2025": {"announce_start": D(2025, 3, 13), "order": D(2025, 3, 20),
                              "report_signed": D(2025, 6, 16), "monitoring_end": D(2026, 6, 16)},
    "deadlines.transfer_2025": {"announce_start": D(2024, 12, 27), "order": D(2025, 1, 8),
                                "public_discussion": D(2025, 3, 6)},
    "deadlines.working_saturday_2024": {"announce_start": D(2024, 5, 2), "order": D(2024, 5, 13),
                                        "announce_discussion": D(2024, 6, 27)},
    "deadlines.six_day_week_2025": {"announce_start": D(2025, 10, 20), "public_discussion": D(2025, 12, 6)},
    "deadlines.year_end_2025": {"plan_approved": D(2025, 12, 29), "publish": D(2026, 1, 5),
                                "monitoring_end": D(2026, 12, 14)},
}


@pytest.mark.parametrize("code", sorted(KNOWN_DEADLINES))
def test_deadline_questions_and_known_dates(course, catalogue, code):
    ex = _get(course.deadlines, code)
    questions = deadline_questions(ex, catalogue)
    assert [q.event for q in questions] == list(EVENT_ORDER)
    expected = {q.event: q.expected for q in questions}
    for event, day in KNOWN_DEADLINES[code].items():
        assert expected[event] == day, event
    for q in questions:  # the right date is right, with the rule in the explanation
        feedback = check_deadline(ex, q.event, q.expected, catalogue)
        assert feedback.correct and feedback.explanation.startswith(q.rule)
        assert feedback.topic == "Сроки ВАКР" and feedback.exercise == ex.title and feedback.question == q.title


def test_nauryz_explanation(course, catalogue):
    ex = _get(course.deadlines, "deadlines.nauryz_2025")
    feedback = check_deadline(ex, "announce_start", D(2025, 3, 13), catalogue)
    assert feedback.answer == feedback.expected == "13.03.2025 (чт)"
    assert feedback.explanation.startswith("За 10 рабочих дней до начала ВАКР (01.04.2025): отсчёт назад")
    assert ("пропущены 21.03 (пт) — Наурыз мейрамы, 24.03 (пн) — Наурыз мейрамы (перенос выходного дня),"
            " 25.03 (вт) — Наурыз мейрамы (перенос выходного дня)") in feedback.explanation
    assert "→ 13.03.2025 (чт), 10-й рабочий день до 01.04.2025." in feedback.explanation


def test_transfer_explanation(course, catalogue):
    ex = _get(course.deadlines, "deadlines.transfer_2025")
    text = check_deadline(ex, "announce_start", D(2024, 12, 27), catalogue).explanation
    assert "03.01 (пт) — выходной день (перенесён с 05.01.2025)" in text
    assert "рабочий выходной 05.01 (вс) учтён как рабочий день (выходной перенесён с него на 03.01.2025)" in text
    assert "Перенос дней отдыха: Приказ Министра труда и социальной защиты населения" in text
    assert "07.01 (вт) — Православное Рождество" in text


def test_working_saturday_explanation(course, catalogue):
    ex = _get(course.deadlines, "deadlines.working_saturday_2024")
    text = check_deadline(ex, "announce_start", D(2024, 5, 2), catalogue).explanation
    assert "рабочий выходной 04.05 (сб) учтён как рабочий день (выходной перенесён с него на 08.05.2024)" in text
    assert "08.05 (ср) — выходной день (перенесён с 04.05.2024)" in text
    assert "от 17.04.2024" in text  # the transfer act


def test_six_day_week_and_yearly_explanations(course, catalogue):
    ex = _get(course.deadlines, "deadlines.six_day_week_2025")
    text = check_deadline(ex, "announce_start", D(2025, 10, 20), catalogue).explanation
    assert "25.10 (сб) — День Республики" in text and "обычные воскресенья" in text
    assert "Шестидневная рабочая неделя" in text
    ex = _get(course.deadlines, "deadlines.year_end_2025")
    text = check_deadline(ex, "monitoring_end", D(2026, 12, 14), catalogue).explanation
    assert "12.12.2025 — предельный срок подписания аналитической справки" in text
    assert "та же дата через год — 12.12.2026 (сб), нерабочий день" in text and "→ 14.12.2026 (пн)" in text


def test_wrong_deadlines_are_explained(course, catalogue):
    ex = _get(course.deadlines, "deadlines.nauryz_2025")
    wrong = check_deadline(ex, "announce_start", D(2025, 3, 14), catalogue)
    assert not wrong.correct and wrong.answer == "14.03.2025 (пт)" and wrong.expected == "13.03.2025 (чт)"
    assert "это 9-й рабочий день до 01.04.2025, а нужен 10-й" in wrong.explanation
    assert "в счёт включён сам день 01.04.2025" in wrong.explanation
    holidays = check_deadline(ex, "announce_start", D(2025, 3, 18), catalogue)
    assert "праздники и перенесённые выходные посчитаны как рабочие дни" in holidays.explanation
    day_off = check_deadline(ex, "announce_start", D(2025, 3, 24), catalogue)
    assert "24.03.2025 (пн) — нерабочий день: Наурыз мейрамы (перенос выходного дня); срок на него не приходится" \
        in day_off.explanation
    late = check_deadline(ex, "report_signed", D(2025, 6, 17), catalogue)
    assert "11-й рабочий день после 30.05.2025" in late.explanation and "срок был бы нарушен" in late.explanation
    calendar_days = check_deadline(ex, "report_signed", D(2025, 6, 9), catalogue)
    assert "посчитаны календарные дни" in calendar_days.explanation
    missing = check_deadline(ex, "order", None, catalogue)
    assert not missing.correct and missing.answer == "не указано" and "Дата не указана." in missing.explanation
    six = _get(course.deadlines, "deadlines.six_day_week_2025")
    five = check_deadline(six, "announce_start", D(2025, 10, 17), catalogue)
    assert "Это срок для пятидневной рабочей недели" in five.explanation
    with pytest.raises(ValueError, match="нет мероприятия"):
        check_deadline(ex, "no_such_event", D(2025, 3, 13), catalogue)


# --- indicators ----------------------------------------------------------------------------------------------------


def test_indicator_choices(catalogue, course):
    choices = indicator_choices(catalogue)
    assert len(choices) == len(checklist_items(catalogue))
    labels = dict(choices)
    assert labels["org.hr.02"] == "Управление персоналом — 2. Назначение на должность без проведения конкурсного отбора"
    assert labels["org.hr"] == "Управление персоналом — иные признаки (не перечисленные в каталоге)"
    assert labels["org.coi"] == ("Урегулирование конфликта интересов — признаки сферы в целом (индикаторы ещё не"
                                 " внесены)")
    assert labels["npa.collision"].endswith("признаки фактора в целом (индикаторы ещё не внесены)")
    assert choices[0][0] == "npa.legal_gap.1"  # NPA factors first, as the checklist
    assert {ex.answer for ex in course.indicators} <= set(labels)
    assert indicator_choices(catalogue, org_type="akimat") == [
        (i.code, labels[i.code]) for i in checklist_items(catalogue, "akimat")]


def test_check_indicator(course, catalogue):
    for ex in course.indicators:
        right = check_indicator(ex, ex.answer, catalogue)
        assert right.correct and right.answer == right.expected and right.explanation == ex.explanation
    ex = _get(course.indicators, "indicators.hr_no_contest")
    same_area = check_indicator(ex, "org.hr.09", catalogue)
    assert not same_area.correct
    assert same_area.explanation.startswith("Сфера «Управление персоналом» определена верно, но индикатор другой.")
    assert same_area.answer.startswith("Управление персоналом — 9.")
    group_level = check_indicator(ex, "org.hr", catalogue)
    assert not group_level.correct and "«иные признаки» выбираются, только если" in group_level.explanation
    other = check_indicator(ex, "org.contracts.02", catalogue)
    assert not other.correct and other.explanation.startswith(
        "Ситуация относится к сфере «Управление персоналом», а не «Заключение договоров с физическими и юридическими"
        " лицами».")
    none = check_indicator(ex, None, catalogue)
    assert not none.correct and none.answer == "не указано"
    npa = _get(course.indicators, "indicators.npa_no_terms")
    factor = check_indicator(npa, "npa.legal_gap.4", catalogue)
    assert factor.explanation.startswith("Фактор «Правовой пробел» определён верно, но индикатор другой.")
    coi = _get(course.indicators, "indicators.coi_subordination")
    assert check_indicator(coi, "org.hr.08", catalogue).explanation.startswith(
        "Ситуация относится к сфере «Урегулирование конфликта интересов», а не «Управление персоналом».")


# --- scoring -------------------------------------------------------------------------------------------------------


def test_check_scoring(course, catalogue):
    matrix = catalogue.risk_matrix
    for ex in course.scoring:
        band = matrix.band_for(ex.likelihood * ex.impact)
        right = check_scoring(ex, ex.likelihood, ex.impact, band.code, catalogue)
        assert right.correct and f"балл {ex.likelihood * ex.impact}" in right.expected
        assert ("Границы уровней: «Низкий» — 1–4, «Средний» — 5–9, «Высокий» — 10–16, «Критический» — 17–25."
                in right.explanation)
    ex = _get(course.scoring, "scoring.tree_felling")
    right = check_scoring(ex, 3, 4, "high", catalogue)
    assert right.expected == "вероятность 3 (иногда), последствия 4 (значительные), балл 12, уровень «Высокий»"
    assert "= 3 × 4 = 12 → уровень «Высокий» (10–16)" in right.explanation
    assert not check_scoring(ex, 3, 4, "medium", catalogue).correct  # the level must be right too
    wrong = check_scoring(ex, 2, 4, "medium", catalogue)
    assert not wrong.correct and wrong.answer == "вероятность 2 (редко), последствия 4 (значительные), уровень «Средний»"
    assert "Вероятность: указано 2 (редко), верно — 3 (иногда)." in wrong.explanation
    assert "Уровень риска: указан «Средний», верно — «Высокий»." in wrong.explanation
    inconsistent = check_scoring(ex, 3, 4, "low", catalogue)
    assert "По вашим же оценкам балл 3 × 4 = 12 — это «Высокий»." in inconsistent.explanation
    empty = check_scoring(ex, None, None, None, catalogue)
    assert not empty.correct and empty.answer == "вероятность не указана, последствия не указаны, уровень не указан"
    rare = _get(course.scoring, "scoring.housing_acceptance")
    assert check_scoring(rare, 2, 5, "high", catalogue).correct


# --- NPA factors ---------------------------------------------------------------------------------------------------


def test_check_npa(course, catalogue):
    choices = npa_choices(catalogue)
    assert choices[0] == ("npa.legal_gap", "1. Правовой пробел") and len(choices) == len(catalogue.npa_factors)
    for ex in course.npa:
        assert check_npa(ex, set(ex.factors), catalogue).correct
    ex = _get(course.npa, "npa_text.may_issue")
    right = check_npa(ex, {"npa.right_not_duty", "npa.discretion"}, catalogue)
    assert right.expected == "«Широта дискреционных полномочий», «Установление права вместо обязанности должностных лиц»"
    assert "«вправе»" in right.explanation
    partial = check_npa(ex, {"npa.discretion", "npa.legal_gap"}, catalogue)
    assert not partial.correct
    assert "Не отмечены: «Установление права вместо обязанности должностных лиц»." in partial.explanation
    assert "Лишние: «Правовой пробел»." in partial.explanation
    nothing = check_npa(ex, set(), catalogue)
    assert not nothing.correct and nothing.answer == "ничего не выбрано"


# --- plan ----------------------------------------------------------------------------------------------------------

KNOWN_PLANS = {
    "plan.hr_no_contest": ("rm.org.hr.02", "form.order", "3"),
    "plan.contracts_clause": ("rm.org.contracts.01", "form.contract", "end"),
    "plan.npa_no_terms": ("rm.npa.legal_gap.3", "form.npa_amendment", "3"),
    "plan.it_user_log": ("rm.org.it.2", "form.information", "6"),  # critical (1 month), the measure takes 6
    "plan.hr_bonus": ("rm.org.hr.11", "form.internal_document", "1"),
    "plan.budget_fuel": ("rm.org.budget", "form.order", "6"),
}


def test_plan_options(course, catalogue):
    positions = set()
    for ex in course.plan:
        options = plan_options(ex, catalogue)
        group = catalogue.group_of(ex.indicator)
        suggestion = suggest_measure(catalogue, ex.indicator, group.code, ex.finding)
        codes = [code for code, _ in options.measures]
        assert len(codes) == 4 and len(set(codes)) == 4 and len({t for _, t in options.measures}) == 4
        assert (suggestion.code, suggestion.title) in options.measures
        positions.add(codes.index(suggestion.code))
        by_code = {m.code: m for m in catalogue.recommended_measures}
        for code in codes:  # the distractors are measures of other indicators
            if code != suggestion.code:
                assert by_code[code].for_ not in (ex.indicator, group.code)
        assert options == plan_options(ex, catalogue)  # deterministic
        assert options.forms == [(f.code, f.title) for f in catalogue.completion_forms]
        assert options.terms == [("1", "1 месяц"), ("3", "3 месяца"), ("6", "6 месяцев"),
                                 ("end", "до конца года мониторинга")]
    assert len(positions) > 1  # the right measure is not always in the same place


@pytest.mark.parametrize("code", sorted(KNOWN_PLANS))
def test_check_plan_right_answers_agree_with_vakr(course, catalogue, code):
    ex = _get(course.plan, code)
    measure, form, term = KNOWN_PLANS[code]
    feedback = check_plan(ex, measure, form, term, catalogue)
    assert feedback.correct and feedback.answer == feedback.expected
    # The term is the one default_due counts for a plan approved on a given day.
    band = catalogue.risk_matrix.band_for(ex.likelihood * ex.impact)
    approved, monitoring_end = D(2025, 6, 30), D(2026, 6, 16)
    group = catalogue.group_of(ex.indicator)
    due = default_due(band, suggest_measure(catalogue, ex.indicator, group.code, ex.finding).term_months, approved,
                      monitoring_end)
    if term == "end":
        assert due == monitoring_end
    else:
        assert due == get_calendar().find_following_working_day(approved + relativedelta(months=int(term)))


def test_check_plan_wrong_answers(course, catalogue):
    ex = _get(course.plan, "plan.it_user_log")
    options = plan_options(ex, catalogue)
    distractor = next(code for code, _ in options.measures if code != "rm.org.it.2")
    wrong = check_plan(ex, distractor, "form.order", "1", catalogue)
    assert not wrong.correct
    assert wrong.expected.startswith("Мероприятие: Внедрить в информационной системе журнал действий пользователей")
    assert wrong.expected.endswith("; форма завершения: Информация; срок: 6 месяцев")
    assert "Мероприятие выбрано неверно:" in wrong.explanation and "— мера для" in wrong.explanation
    assert "Форма завершения: указано «Приказ», а мера оформляется как «Информация»." in wrong.explanation
    assert "Срок: указано «1 месяц», верно — «6 месяцев»." in wrong.explanation
    assert ("срок по уровню — 1 месяц со дня утверждения плана, сама мера требует не меньше 6 месяцев; берётся"
            " больший срок → «6 месяцев»") in wrong.explanation
    assert "по словам описания: «журнал», «изменение», «удаление»" in wrong.explanation
    only_term = check_plan(ex, "rm.org.it.2", "form.information", "end", catalogue)
    assert not only_term.correct and "Мероприятие выбрано неверно" not in only_term.explanation
    empty = check_plan(ex, None, None, None, catalogue)
    assert not empty.correct and empty.answer == "Мероприятие: не указано; форма завершения: не указано; срок: не указано"
    low = _get(course.plan, "plan.contracts_clause")
    assert "для этого уровня срок не установлен" in check_plan(low, None, None, "end", catalogue).explanation


# --- the session and its CSV ---------------------------------------------------------------------------------------


def test_session_scores_and_csv(course, catalogue):
    session = TrainingSession()
    nauryz = _get(course.deadlines, "deadlines.nauryz_2025")
    session.record(check_scoring(course.scoring[0], 5, 5, "critical", catalogue))
    session.record(check_deadline(nauryz, "announce_start", D(2025, 3, 14), catalogue))
    session.record(check_deadline(nauryz, "order", D(2025, 3, 20), catalogue))
    session.record(check_indicator(course.indicators[0], "org.hr.09", catalogue))
    session.record(check_deadline(nauryz, "announce_start", D(2025, 3, 13), catalogue))  # replaces the wrong one
    assert len(session.answers) == 4 and all(isinstance(a, Feedback) for a in session.answers)
    assert session.answers[1].answer == "13.03.2025 (чт)"  # in the place of the answer it replaced
    assert session.score_by_topic() == {"Сроки ВАКР": (2, 2), "Индикаторы": (0, 1), "Оценка риска": (1, 1)}
    assert list(session.score_by_topic()) == ["Сроки ВАКР", "Индикаторы", "Оценка риска"]  # in TOPICS order

    data = session.to_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Тема", "Задание", "Вопрос", "Ответ", "Верно", "Правильный ответ", "Пояснение"]
    assert rows[1][:6] == ["Оценка риска", "Субсидии фермерам решает один специалист",
                           "Вероятность, последствия и уровень риска",
                           "вероятность 5 (очень часто), последствия 5 (тяжёлые), уровень «Критический»", "да",
                           "вероятность 5 (очень часто), последствия 5 (тяжёлые), балл 25, уровень «Критический»"]
    assert rows[2][:6] == ["Сроки ВАКР", "Наурыз перед началом ВАКР (2025 год)",
                           "Анонсирование на интернет-ресурсе, в СМИ и социальных сетях начала проведения ВАКР",
                           "13.03.2025 (чт)", "да", "13.03.2025 (чт)"]
    assert "Наурыз мейрамы" in rows[2][6]
    assert rows[4][4] == "нет"
    assert rows[5:] == [[], ["Итог по темам"], ["Тема", "Верно", "Всего"], ["Сроки ВАКР", "2", "2"],
                        ["Индикаторы", "0", "1"], ["Оценка риска", "1", "1"]]
    empty = TrainingSession()
    assert empty.score_by_topic() == {}
    assert empty.to_csv().decode("utf-8-sig").splitlines() == [";".join(rows[0]), "", "Итог по темам",
                                                                "Тема;Верно;Всего"]


# --- broken data ---------------------------------------------------------------------------------------------------


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    target = tmp_path / "training"
    shutil.copytree(training_dir(), target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_broken_case_names_the_file_and_the_case(course_copy, catalogue):
    _edit(course_copy / "indicators.yaml", "answer: org.hr.11", "answer: org.hr.99")
    _edit(course_copy / "scoring.yaml", "likelihood: 5\n    impact: 5", "likelihood: 7\n    impact: 5")
    _edit(course_copy / "npa.yaml", "factors: [npa.linguistic_uncertainty]", "factors: [npa.discretion.1]")
    _edit(course_copy / "deadlines.yaml", "vakr_end: 2025-05-30", "vakr_end: 2025-02-30")
    _edit(course_copy / "plan.yaml", "    indicator: org.hr.02\n", "")
    with pytest.raises(CatalogueError) as caught:
        load_course(course_copy, catalogue)
    text = str(caught.value)
    assert text.startswith(f"Ошибки в заданиях учебного курса ({course_copy}):")
    assert ("indicators.yaml, строка 30: задание indicators.hr_bonus_with_penalty: поле «answer»: в каталоге методики"
            " нет индикатора, фактора или сферы с кодом «org.hr.99»") in text
    assert "scoring.yaml, строка 15: задание scoring.subsidies: поле «likelihood»: число должно быть не больше 5" in text
    assert ("задание npa_text.evaluative_words: поле «factors»: «npa.discretion.1» — индикатор фактора «Широта"
            " дискреционных полномочий»; укажите код самого фактора: npa.discretion") in text
    assert "deadlines.yaml, строка 19: задание deadlines.nauryz_2025: поле «vakr_end»: ожидается дата ГГГГ-ММ-ДД" in text
    assert "задание plan.hr_no_contest: поле «indicator»: нет обязательного поля" in text
    places = {(p.place.file, p.place.line) for p in caught.value.problems if p.place}
    assert ("indicators.yaml", 30) in places and ("scoring.yaml", 15) in places


def test_broken_yaml_and_provisional_dates(course_copy, catalogue):
    _edit(course_copy / "deadlines.yaml", "vakr_start: 2025-10-01\n    vakr_end: 2025-11-28",
          "vakr_start: 2026-10-01\n    vakr_end: 2026-11-27")
    _edit(course_copy / "scoring.yaml", "code: scoring.stationery", "code: scoring.subsidies")
    _edit(course_copy / "npa.yaml", "    factors: [npa.collision]\n", "    factors: [npa.collision\n")
    with pytest.raises(CatalogueError) as caught:
        load_course(course_copy, catalogue)
    text = str(caught.value)
    assert "deadlines.yaml, строка 60: задание deadlines.year_end_2025: срок «Мониторинг" in text
    assert "календарь 2027 года предварительный" in text
    assert "scoring.yaml, строка 28: задание scoring.subsidies: код уже занят другим заданием (scoring.yaml" in text
    assert "npa.yaml, строка" in text and "ошибка синтаксиса YAML" in text and "в задании npa_text." in text
    (course_copy / "plan.yaml").unlink()
    with pytest.raises(CatalogueError, match="plan.yaml: файл отсутствует"):
        load_course(course_copy, catalogue)
