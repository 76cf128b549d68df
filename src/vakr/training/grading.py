"""Grading a trainee's answers: each ``check_*`` compares an answer with what vakr itself computes from the
methodology and the calendar and returns a :class:`Feedback` in Russian — the answer and the right one as the trainee
sees them, and an explanation of how the right one is found.

* Deadlines — the ВАКР schedule (:func:`vakr.calendar.deadlines.vakr_schedule`); the explanation walks the count as
  the handbook does (:func:`vakr.site.handbook.schedule.counting_walkthrough`): the rule, the date it counts from,
  the holidays and transferred days off it stepped over, the working weekend days it counted.
* Indicators and NPA factors — the codes of the catalogue.
* Scoring — the risk matrix: score = likelihood × impact, the level by its band.
* Plan — the measure vakr suggests for the finding (:func:`vakr.evaluation.recommendations.suggest_measure`), its
  completion form, and the term :func:`vakr.evaluation.recommendations.default_due` counts: the longer of the risk
  level's term and the measure's own, none for a level without a term (by the end of the monitoring year).

Every function takes an optional ``catalogue`` (default: the bundled methodology with the user's imported lists,
loaded once).
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from dataclasses import dataclass

from vakr.calendar.deadlines import Schedule, apply_rule, vakr_schedule
from vakr.calendar.kazakhstan import KazakhstanCalendar, get_calendar
from vakr.errors import CalendarRangeError
from vakr.evaluation.checklist import checklist_items
from vakr.evaluation.recommendations import _ACT_PLACEHOLDER, act_in_case, lemmas, suggest_measure
from vakr.formatting import WEEKDAYS_SHORT, date_with_weekday, plural, short_date
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import default_catalogue
from vakr.methodology.models import (
    Band,
    IndicatorGroup,
    NpaFactor,
    RecommendedMeasure,
    RelativeDeadline,
    ScaleLevel,
)
from vakr.training.exercises import (
    TOPICS,
    DeadlineExercise,
    IndicatorExercise,
    NpaExercise,
    PlanExercise,
    ScoringExercise,
)

QUESTIONS = {
    "indicators": "Какой индикатор описывает ситуация?",
    "scoring": "Вероятность, последствия и уровень риска",
    "npa": "Какие коррупционные факторы содержит норма?",
    "plan": "Мероприятие, форма завершения и срок",
}
TERMS: list[tuple[str, str]] = [("1", "1 месяц"), ("3", "3 месяца"), ("6", "6 месяцев"),
                                ("end", "до конца года мониторинга")]
NOT_GIVEN = "не указано"


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer. ``topic`` is the topic's title (:data:`~vakr.training.exercises.TOPICS`),
    ``exercise`` the exercise's title, ``question`` what was asked; ``answer`` and ``expected`` as shown to a trainee;
    ``explanation`` how the right answer is found (and, for a wrong one, what went wrong)."""

    topic: str
    exercise: str
    question: str
    answer: str
    correct: bool
    expected: str
    explanation: str


def _join(*parts: str | None) -> str:
    return "\n".join(p for p in parts if p)


# --- deadlines ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineQuestion:
    """One event of the exercise's schedule: its code, title, rule and the legal deadline to find."""

    event: str
    title: str
    rule: str
    expected: dt.date


_ANCHOR_TITLES = {
    "vakr_start": "начала ВАКР",
    "vakr_end": "завершения ВАКР",
    "report_signed": "подписания аналитической справки",
    "plan_approved": "утверждения плана мероприятий",
}


def _schedule(ex: DeadlineExercise, catalogue: Catalogue) -> Schedule:
    return vakr_schedule(ex.vakr_start, ex.vakr_end, six_day_week=ex.six_day_week, catalogue=catalogue)


def deadline_questions(ex: DeadlineExercise, catalogue: Catalogue | None = None) -> list[DeadlineQuestion]:
    """Every event of the exercise's ВАКР schedule (each has a legal deadline), in schedule order; ``expected`` is the
    latest allowed date."""
    schedule = _schedule(ex, default_catalogue(catalogue))
    return [DeadlineQuestion(e.code, e.title, e.rule, e.deadline) for e in schedule.events]


def _day(day: dt.date) -> str:
    """«21.03 (пт)»."""
    return f"{day:%d.%m} ({WEEKDAYS_SHORT[day.weekday()]})"


def _lower_generic(label: str) -> str:
    """Calendar labels for transfers («Выходной день (…)», «Рабочий день (…)») inside a sentence; holiday names keep
    their capital letter."""
    return label[0].lower() + label[1:] if label.startswith(("Выходной день", "Рабочий день")) else label


@dataclass(frozen=True)
class _SteppedOver:
    """What a working-day count met besides ordinary weekends."""

    skipped: list[str]  # «21.03 (пт) — Наурыз мейрамы»: weekdays off (holidays, transferred days off)
    worked: list[tuple[dt.date, str | None]]  # weekend days worked, with the date their day off was moved to
    acts: list[str]  # the transfer acts behind them


def _stepped_over(calendar: KazakhstanCalendar, low: dt.date, high: dt.date) -> _SteppedOver:
    """The days between ``low`` and ``high`` (both excluded) that a working-day count does not treat as the week
    alone would."""
    weekend = set(calendar.get_weekend_days())
    acts = {t.day_off: act for act, t in calendar.data.transfers()}
    acts.update({t.working_day: act for act, t in calendar.data.transfers()})
    found = _SteppedOver([], [], [])
    day = low + dt.timedelta(days=1)
    while day < high:
        working, is_weekend = calendar.is_working_day(day), day.weekday() in weekend
        if not working and not is_weekend:
            found.skipped.append(f"{_day(day)} — {_lower_generic(calendar.get_holiday_label(day) or 'нерабочий день')}")
        elif working and is_weekend:
            moved = re.search(r"\d{2}\.\d{2}\.\d{4}", dict(calendar.working_weekends(day.year)).get(day, ""))
            found.worked.append((day, moved.group(0) if moved else None))
        if working == is_weekend and day in acts and acts[day].citation not in found.acts:
            found.acts.append(acts[day].citation)
        day += dt.timedelta(days=1)
    return found


def _nth(n: int) -> str:
    return f"{n}-й"


def _working_days_between(calendar: KazakhstanCalendar, low: dt.date, high: dt.date) -> int:
    """Working days after ``low`` up to and including ``high``."""
    count, day = 0, low + dt.timedelta(days=1)
    while day <= high:
        count += calendar.is_working_day(day)
        day += dt.timedelta(days=1)
    return count


def _weekdays_only(calendar: KazakhstanCalendar, anchor: dt.date, count: int, before: bool) -> dt.date:
    """The deadline counted over the week alone, as if there were no holidays and no transfers."""
    weekend = set(calendar.get_weekend_days())
    step = dt.timedelta(days=-1 if before else 1)
    day = anchor
    while count:
        day += step
        if day.weekday() not in weekend:
            count -= 1
    return day


def _working_days_walkthrough(rule: RelativeDeadline, anchor: dt.date, deadline: dt.date,
                              calendar: KazakhstanCalendar, six_day_week: bool) -> str:
    before = rule.direction == "before"
    low, high = sorted((anchor, deadline))
    stepped = _stepped_over(calendar, low, high)
    weekend = "воскресенья" if six_day_week else "субботы и воскресенья"
    text = f"отсчёт {'назад' if before else 'вперёд'} от {short_date(anchor)}, сам этот день не считается; "
    if stepped.skipped:
        text += f"пропущены {', '.join(stepped.skipped)}, а также обычные {weekend}"
    else:
        text += f"праздников и перенесённых выходных на этом отрезке нет, пропущены только обычные {weekend}"
    if len(stepped.worked) == 1:
        day, moved = stepped.worked[0]
        text += f"; рабочий выходной {_day(day)} учтён как рабочий день"
        text += f" (выходной перенесён с него на {moved})" if moved else " (перенос выходного дня)"
    elif stepped.worked:
        days = ", ".join(_day(d) + (f" (выходной перенесён на {m})" if m else "") for d, m in stepped.worked)
        text += f"; рабочие выходные учтены как рабочие дни: {days}"
    text += (f" → {date_with_weekday(deadline)}, {_nth(rule.count)} рабочий день"
             f" {'до' if before else 'после'} {short_date(anchor)}.")
    notes = []
    if stepped.acts:
        notes.append("Перенос дней отдыха: " + "; ".join(stepped.acts) + ".")
    if six_day_week:
        notes.append("Шестидневная рабочая неделя: субботы — рабочие дни, выходной — только воскресенье; праздник,"
                     " выпавший на субботу, — нерабочий день.")
    return _join(text, *notes)


def _yearly_walkthrough(rule: RelativeDeadline, anchor: dt.date, deadline: dt.date) -> str:
    years = rule.count if rule.direction == "after" else -rule.count
    try:
        same = anchor.replace(year=anchor.year + years)
    except ValueError:  # 29 February → 28 February, as the deadline engine counts
        same = anchor.replace(year=anchor.year + years, day=28)
    if same == deadline:
        return f"та же дата через год — {date_with_weekday(deadline)}, рабочий день → {date_with_weekday(deadline)}."
    return (f"та же дата через год — {date_with_weekday(same)}, нерабочий день; срок переносится на следующий рабочий"
            f" день → {date_with_weekday(deadline)}.")


def _calendar_days_walkthrough(rule: RelativeDeadline, anchor: dt.date, deadline: dt.date) -> str:
    sign = -1 if rule.direction == "before" else 1
    raw = anchor + dt.timedelta(days=sign * rule.count)
    text = f"{plural(rule.count, 'календарный день', 'календарных дня', 'календарных дней')} — {date_with_weekday(raw)}"
    if raw != deadline:
        move = "предыдущий" if sign < 0 else "следующий"
        text += f", нерабочий день; срок переносится на {move} рабочий день"
    return text + f" → {date_with_weekday(deadline)}."


def _entered_note(rule: RelativeDeadline, anchor: dt.date, deadline: dt.date, entered: dt.date | None,
                  calendar: KazakhstanCalendar, six_day_week: bool) -> str | None:
    """What went wrong with a wrong date, as far as it can be told."""
    if entered is None:
        return "Дата не указана."
    if entered == deadline:
        return None
    try:
        working = calendar.is_working_day(entered)
    except CalendarRangeError:
        return f"Указана дата {short_date(entered)} — за пределами производственного календаря, далеко от срока."
    shown = date_with_weekday(entered)
    before = rule.direction == "before"
    if rule.unit != "working_days":
        later = "позже" if entered > deadline else "раньше"
        return f"Указана дата {shown} — {later} предельного срока {short_date(deadline)}."
    if not working:
        label = calendar.get_holiday_label(entered) or {5: "суббота", 6: "воскресенье"}.get(entered.weekday(), "выходной")
        return f"Указана дата {shown} — нерабочий день: {_lower_generic(label)}; срок на него не приходится."
    if (before and entered >= anchor) or (not before and entered <= anchor):
        side = "раньше" if before else "позже"
        return f"Указана дата {shown}: срок отсчитывается от {short_date(anchor)} и должен быть {side} этой даты."
    # The anchor's own day is never counted: before it, the working days from the date up to the day before the
    # anchor; after it, from the day after the anchor up to the date.
    one = dt.timedelta(days=1)
    k = (_working_days_between(calendar, entered - one, anchor - one) if before
         else _working_days_between(calendar, anchor, entered))
    note = f"Указана дата {shown} — это {_nth(k)} рабочий день {'до' if before else 'после'} {short_date(anchor)}, а нужен {_nth(rule.count)}."
    hints = []
    sign = -1 if before else 1
    if entered == anchor + dt.timedelta(days=sign * rule.count):
        hints.append("Похоже, посчитаны календарные дни, а срок — в рабочих днях.")
    elif entered == _weekdays_only(calendar, anchor, rule.count, before):
        hints.append("Похоже, праздники и перенесённые выходные посчитаны как рабочие дни.")
    elif entered == apply_rule(rule, anchor, get_calendar(not six_day_week)):
        week = "пятидневной" if six_day_week else "шестидневной"
        hints.append(f"Это срок для {week} рабочей недели; в задании неделя"
                     f" {'шестидневная' if six_day_week else 'пятидневная'}.")
    elif k == rule.count - 1:
        hints.append(f"Похоже, в счёт включён сам день {short_date(anchor)}: он не считается.")
    elif (k > rule.count) == before:
        hints.append("Так сделать можно (раньше срока), но вопрос — о предельной дате.")
    else:
        hints.append("Это позже предельного срока: срок был бы нарушен.")
    return " ".join([note, *hints])


def check_deadline(ex: DeadlineExercise, event: str, entered: dt.date | None,
                   catalogue: Catalogue | None = None) -> Feedback:
    """The trainee's date for ``event`` of the exercise's schedule against its legal deadline, with the count
    explained: the rule, the date it counts from, the days it stepped over, the resulting date."""
    cat = default_catalogue(catalogue)
    schedule = _schedule(ex, cat)
    found = next((e for e in schedule.events if e.code == event), None)
    if found is None:
        raise ValueError(f"В графике ВАКР задания {ex.code} нет мероприятия «{event}»"
                         f" (есть: {', '.join(e.code for e in schedule.events)})")
    rule = cat.event_subtasks()[event].deadline
    assert isinstance(rule, RelativeDeadline)
    anchors = {"vakr_start": schedule.start, "vakr_end": schedule.end}
    anchor = anchors.get(rule.anchor) or schedule.event(rule.anchor).deadline
    calendar = get_calendar(ex.six_day_week)
    head = f"{rule.text} ({short_date(anchor)})"
    if rule.anchor not in anchors:
        head = (f"{rule.text} ({short_date(anchor)} — предельный срок {_ANCHOR_TITLES[rule.anchor]}: пока дата"
                " неизвестна, отсчёт ведётся от него)")
    if rule.unit == "working_days":
        walk = _working_days_walkthrough(rule, anchor, found.deadline, calendar, ex.six_day_week)
    elif rule.unit == "years":
        walk = _yearly_walkthrough(rule, anchor, found.deadline)
    else:
        walk = _calendar_days_walkthrough(rule, anchor, found.deadline)
    correct = entered == found.deadline
    note = None if correct else _entered_note(rule, anchor, found.deadline, entered, calendar, ex.six_day_week)
    return Feedback(
        topic=TOPICS["deadlines"],
        exercise=ex.title,
        question=found.title,
        answer=date_with_weekday(entered) if entered else NOT_GIVEN,
        correct=correct,
        expected=date_with_weekday(found.deadline),
        explanation=_join(f"{head}: {walk}", note),
    )


# --- indicators ----------------------------------------------------------------------------------------------------


def _group_kind(group: IndicatorGroup) -> tuple[str, str]:
    """(«фактор», «фактора») or («сфера», «сферы»)."""
    return ("фактор", "фактора") if isinstance(group, NpaFactor) else ("сфера", "сферы")


def _group_level_label(group: IndicatorGroup) -> str:
    kind = _group_kind(group)[1]
    if group.indicators_status == "not_catalogued":
        return f"{group.title} — признаки {kind} в целом (индикаторы ещё не внесены)"
    return f"{group.title} — иные признаки (не перечисленные в каталоге)"


def _finding_label(catalogue: Catalogue, code: str) -> str:
    """«Управление персоналом — 2. Назначение на должность без …» or the group-level label."""
    group = catalogue.group_of(code)
    if code == group.code:
        return _group_level_label(group)
    indicator = next(i for i in group.indicators if i.code == code)
    return f"{group.title} — {indicator.number}. {indicator.title}"


def indicator_choices(catalogue: Catalogue | None = None, org_type: str | None = None) -> list[tuple[str, str]]:
    """(code, label) of every indicator in checklist order — NPA factors, then areas, each group's indicators and then
    its group-level item («иные признаки», or the group as a whole when its indicators are not catalogued yet); with
    ``org_type``, only the groups that apply to it."""
    cat = default_catalogue(catalogue)
    return [(item.code, _finding_label(cat, item.code)) for item in checklist_items(cat, org_type)]


def _label_or_code(catalogue: Catalogue, code: str | None) -> str:
    if not code:
        return NOT_GIVEN
    try:
        return _finding_label(catalogue, code)
    except KeyError:
        return f"неизвестный код «{code}»"


def check_indicator(ex: IndicatorExercise, chosen: str | None, catalogue: Catalogue | None = None) -> Feedback:
    """The chosen indicator (or factor, area) against the exercise's answer. An indicator of the right factor or area
    is still wrong, but the feedback says the factor or area was right."""
    cat = default_catalogue(catalogue)
    right = cat.group_of(ex.answer)
    kind, kind_gen = _group_kind(right)
    correct = chosen == ex.answer
    note = None
    if not correct and chosen:
        try:
            group = cat.group_of(chosen)
        except KeyError:
            group = None
        right_group = f"{kind.capitalize()} «{right.title}» {'определён' if kind == 'фактор' else 'определена'} верно"
        if group is not None and group.code == right.code:
            if ex.answer == right.code:
                note = (f"{right_group}, но ни один внесённый индикатор ситуацию не описывает: выбирается строка"
                        f" {kind_gen} в целом («иные признаки»).")
            elif chosen == right.code:
                note = (f"{right_group}, но ситуацию описывает внесённый индикатор: «иные признаки» выбираются, только"
                        " если ни один индикатор не подходит.")
            else:
                note = f"{right_group}, но индикатор другой."
        elif group is not None:
            note = (f"Ситуация относится к {'фактору' if kind == 'фактор' else 'сфере'} «{right.title}», а не"
                    f" «{group.title}».")
    elif not chosen:
        note = "Индикатор не выбран."
    return Feedback(
        topic=TOPICS["indicators"],
        exercise=ex.title,
        question=QUESTIONS["indicators"],
        answer=_label_or_code(cat, chosen),
        correct=correct,
        expected=_finding_label(cat, ex.answer),
        explanation=_join(note, ex.explanation),
    )


# --- scoring -------------------------------------------------------------------------------------------------------


def _bands_text(catalogue: Catalogue) -> str:
    return ", ".join(f"«{b.title}» — {b.min_score}–{b.max_score}" for b in catalogue.risk_matrix.bands)


def _scale_title(levels: list[ScaleLevel], value: int | None, missing: str = NOT_GIVEN) -> str:
    level = next((lv for lv in levels if lv.value == value), None)
    if level is not None:
        return f"{value} ({level.title.lower()})"
    return missing if value is None else str(value)


def _band_title(catalogue: Catalogue, code: str | None) -> str:
    band = next((b for b in catalogue.risk_matrix.bands if b.code == code), None)
    return f"«{band.title}»" if band else "не указан" if not code else f"«{code}»"


def check_scoring(ex: ScoringExercise, likelihood: int | None, impact: int | None, level: str | None,
                  catalogue: Catalogue | None = None) -> Feedback:
    """Likelihood, impact and the level of risk (a band code of the risk matrix); correct only if all three are
    right. The feedback gives the score (likelihood × impact) and the bands' ranges."""
    cat = default_catalogue(catalogue)
    matrix = cat.risk_matrix
    score = ex.likelihood * ex.impact
    band = matrix.band_for(score)
    notes = []
    if likelihood != ex.likelihood:
        given = _scale_title(matrix.likelihood, likelihood)
        notes.append(("Вероятность не указана" if likelihood is None else f"Вероятность: указано {given}")
                     + f", верно — {_scale_title(matrix.likelihood, ex.likelihood)}.")
    if impact != ex.impact:
        given = _scale_title(matrix.impact, impact)
        notes.append(("Последствия не указаны" if impact is None else f"Последствия: указано {given}")
                     + f", верно — {_scale_title(matrix.impact, ex.impact)}.")
    if level != band.code:
        own = ""
        if likelihood in range(1, 6) and impact in range(1, 6):
            assert likelihood is not None and impact is not None
            own_band = matrix.band_for(likelihood * impact)
            if own_band.code != level:
                own = (f" По вашим же оценкам балл {likelihood} × {impact} = {likelihood * impact} — это"
                       f" «{own_band.title}».")
        given = "Уровень риска не указан" if not level else f"Уровень риска: указан {_band_title(cat, level)}"
        notes.append(f"{given}, верно — «{band.title}».{own}")
    reasoning = (f"Балл риска = вероятность × последствия = {ex.likelihood} × {ex.impact} = {score} → уровень"
                 f" «{band.title}» ({band.min_score}–{band.max_score}). Границы уровней: {_bands_text(cat)}.")
    answer = (f"вероятность {_scale_title(matrix.likelihood, likelihood, 'не указана')}, последствия"
              f" {_scale_title(matrix.impact, impact, 'не указаны')}, уровень {_band_title(cat, level)}")
    expected = (f"вероятность {_scale_title(matrix.likelihood, ex.likelihood)}, последствия"
                f" {_scale_title(matrix.impact, ex.impact)}, балл {score}, уровень «{band.title}»")
    return Feedback(
        topic=TOPICS["scoring"],
        exercise=ex.title,
        question=QUESTIONS["scoring"],
        answer=answer,
        correct=not notes,
        expected=expected,
        explanation=_join(" ".join(notes), reasoning, ex.explanation),
    )


# --- NPA factors ---------------------------------------------------------------------------------------------------


def npa_choices(catalogue: Catalogue | None = None) -> list[tuple[str, str]]:
    """(code, «1. Правовой пробел») of every NPA factor, in catalogue order."""
    cat = default_catalogue(catalogue)
    return [(f.code, f"{f.number}. {f.title}") for f in cat.npa_factors]


def _factors_text(catalogue: Catalogue, codes: set[str]) -> str:
    titles = {f.code: f"«{f.title}»" for f in catalogue.npa_factors}
    known = [titles[f.code] for f in catalogue.npa_factors if f.code in codes]
    unknown = [f"«{c}»" for c in sorted(codes - set(titles))]
    return ", ".join(known + unknown) or "ничего не выбрано"


def check_npa(ex: NpaExercise, chosen: set[str], catalogue: Catalogue | None = None) -> Feedback:
    """The set of chosen factors against the exercise's: correct iff equal; names the missed and the extra ones."""
    cat = default_catalogue(catalogue)
    chosen = set(chosen or ())
    expected = set(ex.factors)
    missed, extra = expected - chosen, chosen - expected
    notes = []
    if missed:
        notes.append(f"Не отмечены: {_factors_text(cat, missed)}.")
    if extra:
        notes.append(f"Лишние: {_factors_text(cat, extra)}.")
    return Feedback(
        topic=TOPICS["npa"],
        exercise=ex.title,
        question=QUESTIONS["npa"],
        answer=_factors_text(cat, chosen),
        correct=chosen == expected,
        expected=_factors_text(cat, expected),
        explanation=_join(" ".join(notes), ex.explanation),
    )


# --- plan ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanOptions:
    """The choices of a plan exercise, each (value, label): four measures (the right one among three distractors),
    the closed list of completion forms, the terms."""

    measures: list[tuple[str, str]]
    forms: list[tuple[str, str]]
    terms: list[tuple[str, str]]


@dataclass(frozen=True)
class _PlanKey:
    measure: str  # the measure's code (of the recommended measures, or the typical measure's)
    title: str
    form: str  # the completion form's code (its title, if it is not one of the closed list)
    measure_term: int | None
    recommended: RecommendedMeasure | None
    band: Band
    term: str  # "1", "3", "6", … or "end"


def _measure_title(measure: RecommendedMeasure) -> str:
    """The measure's wording as vakr writes it for a finding without an act and point."""
    return _ACT_PLACEHOLDER.sub(lambda m: act_in_case(None, m.group(1) or "accs"), measure.title)


def _term_key(band: Band, measure_term: int | None) -> str:
    """As :func:`~vakr.evaluation.recommendations.default_due` counts: the longer of the level's and the measure's
    term; a level without a term, or a year and more — by the end of the monitoring year."""
    if band.due_months is None:
        return "end"
    months = max(band.due_months, measure_term or 0)
    return "end" if months >= 12 else str(months)


def _term_label(key: str) -> str:
    return dict(TERMS).get(key) or plural(int(key), "месяц", "месяца", "месяцев")


def _plan_key(ex: PlanExercise, catalogue: Catalogue) -> _PlanKey:
    group = catalogue.group_of(ex.indicator)
    suggestion = suggest_measure(catalogue, ex.indicator, group.code, ex.finding)
    recommended = next((m for m in catalogue.recommended_measures if m.code == suggestion.code), None)
    if recommended is not None:
        form = recommended.completion_form
    else:  # the seed's typical measure: its form is a title
        form = next((f.code for f in catalogue.completion_forms if f.title == suggestion.completion_form),
                    suggestion.completion_form)
    band = catalogue.risk_matrix.band_for(ex.likelihood * ex.impact)
    return _PlanKey(suggestion.code, suggestion.title, form, suggestion.term_months, recommended, band,
                    _term_key(band, suggestion.term_months))


def _rotate(items: list[RecommendedMeasure], seed: int) -> list[RecommendedMeasure]:
    if not items:
        return items
    shift = seed % len(items)
    return items[shift:] + items[:shift]


def _distractors(ex: PlanExercise, catalogue: Catalogue, key: _PlanKey, seed: int) -> list[RecommendedMeasure]:
    """Three measures of other indicators: two of the same factor or area where it has them, then of other groups of
    the same direction, then of the other direction; one per code, none worded as the right one."""
    group = catalogue.group_of(ex.indicator)
    own = {ex.indicator, group.code}
    same, direction, rest = [], [], []
    for measure in catalogue.recommended_measures:
        if measure.for_ in own:
            continue
        other = catalogue.group_of(measure.for_)
        if other.code == group.code:
            same.append(measure)
        elif isinstance(other, NpaFactor) == isinstance(group, NpaFactor):
            direction.append(measure)
        else:
            rest.append(measure)
    same, direction, rest = _rotate(same, seed), _rotate(direction, seed // 7), _rotate(rest, seed // 11)
    chosen: list[RecommendedMeasure] = []
    titles, codes = {key.title}, set()
    for pool, limit in ((same, 2), (direction, 3), (same, 3), (rest, 3)):
        for measure in pool:
            if len(chosen) >= limit:
                break
            title = _measure_title(measure)
            if measure.for_ in codes or title in titles:
                continue
            chosen.append(measure)
            titles.add(title)
            codes.add(measure.for_)
    return chosen


def plan_options(ex: PlanExercise, catalogue: Catalogue | None = None) -> PlanOptions:
    """The measures to choose from — the one vakr suggests for the finding and three measures of other indicators, in
    an order fixed by the exercise's code —, the closed list of completion forms and the terms."""
    cat = default_catalogue(catalogue)
    key = _plan_key(ex, cat)
    seed = zlib.crc32(ex.code.encode("utf-8"))
    measures = [(m.code, _measure_title(m)) for m in _distractors(ex, cat, key, seed)]
    measures.insert(seed % (len(measures) + 1), (key.measure, key.title))
    forms = [(f.code, f.title) for f in cat.completion_forms]
    if key.form not in dict(forms):
        forms.append((key.form, key.form))
    terms = list(TERMS)
    if key.term not in dict(terms):
        terms.insert(-1, (key.term, _term_label(key.term)))
        terms[:-1] = sorted(terms[:-1], key=lambda t: int(t[0]))
    return PlanOptions(measures=measures, forms=forms, terms=terms)


_OWNER_WORDS = {  # (indicator, factor, area) in the genitive («мера для …») and the dative («по …»)
    "gent": ("индикатора", "фактора", "сферы"),
    "datv": ("индикатору", "фактору", "сфере"),
}


def _measure_owner(catalogue: Catalogue, code: str, case: str = "gent") -> str:
    """«индикатора «Управление персоналом, индикатор 3»», «сфере «Управление персоналом»»."""
    indicator, factor, area = _OWNER_WORDS[case]
    group = catalogue.group_of(code)
    if code == group.code:
        return f"{factor if isinstance(group, NpaFactor) else area} «{group.title}»"
    number = next(i.number for i in group.indicators if i.code == code)
    return f"{indicator} «{group.title}, индикатор {number}»"


def _months_genitive(n: int) -> str:
    """«не меньше 1 месяца», «не меньше 3 месяцев»."""
    return f"{n} {'месяца' if n % 10 == 1 and n % 100 != 11 else 'месяцев'}"


def check_plan(ex: PlanExercise, measure: str | None, form: str | None, term: str | None,
               catalogue: Catalogue | None = None) -> Feedback:
    """The chosen measure (its code), completion form (its code) and term (a key of the terms: "1", "3", "6",
    "end") against what vakr would put in the plan for this finding."""
    cat = default_catalogue(catalogue)
    key = _plan_key(ex, cat)
    options = plan_options(ex, cat)
    measures, forms = dict(options.measures), dict(options.forms)
    by_code = {m.code: m for m in cat.recommended_measures}
    measure_ok, form_ok, term_ok = measure == key.measure, form == key.form, term == key.term
    notes = []
    if not measure_ok:
        if measure in by_code:
            notes.append(f"Мероприятие выбрано неверно: «{measures.get(measure) or _measure_title(by_code[measure])}»"
                         f" — мера для {_measure_owner(cat, by_code[measure].for_)}.")
        else:
            notes.append("Мероприятие не выбрано." if not measure else "Мероприятие выбрано неверно.")
    if not form_ok:
        given = f"Форма завершения: указано «{forms[form]}»" if form in forms else "Форма завершения не выбрана"
        notes.append(f"{given}, а мера оформляется как «{forms[key.form]}».")
    if not term_ok:
        known = bool(term) and (term in dict(options.terms) or str(term).isdigit())
        given = f"Срок: указано «{_term_label(str(term))}»" if known else "Срок не выбран"
        notes.append(f"{given}, верно — «{_term_label(key.term)}».")

    why = f"Для риска по {_measure_owner(cat, ex.indicator, 'datv')} vakr предлагает меру «{key.title}»"
    if key.recommended is not None and key.recommended.when_words:
        found = lemmas(ex.finding)
        words = [w for w in key.recommended.when_words if w.lower().replace("ё", "е") in found]
        if words:
            why += " (из нескольких мер выбрана по словам описания: " + ", ".join(f"«{w}»" for w in words) + ")"
    why += f"; форма завершения — «{forms[key.form]}»."
    score = ex.likelihood * ex.impact
    term_text = f"Срок: балл {ex.likelihood} × {ex.impact} = {score} — уровень риска «{key.band.title}»"
    if key.band.due_months is None:
        term_text += (": для этого уровня срок не установлен — мера исполняется до конца года мониторинга (в течение"
                      " года со дня подписания справки).")
    else:
        months = lambda n: plural(n, "месяц", "месяца", "месяцев")  # noqa: E731
        term_text += f"; срок по уровню — {months(key.band.due_months)} со дня утверждения плана"
        if key.measure_term:
            term_text += f", сама мера требует не меньше {_months_genitive(key.measure_term)}; берётся больший срок"
        else:
            term_text += ", собственного срока у меры нет"
        term_text += f" → «{_term_label(key.term)}»."

    def shown(m: str | None, f: str | None, t: str | None) -> str:
        m_text = measures.get(m or "") or (_measure_title(by_code[m]) if m in by_code else NOT_GIVEN)
        f_text = forms.get(f or "", NOT_GIVEN)
        t_text = _term_label(t) if t and (t in dict(options.terms) or t.isdigit()) else NOT_GIVEN
        return f"Мероприятие: {m_text}; форма завершения: {f_text}; срок: {t_text}"

    return Feedback(
        topic=TOPICS["plan"],
        exercise=ex.title,
        question=QUESTIONS["plan"],
        answer=shown(measure, form, term),
        correct=measure_ok and form_ok and term_ok,
        expected=shown(key.measure, key.form, key.term),
        explanation=_join(" ".join(notes), why, term_text, ex.explanation),
    )
