"""Deadline rules of the catalogue applied to the Kazakhstan calendar: the ВАКР schedule and the periodic duties.

Counting conventions (Civil Code of Kazakhstan, general part, chapter on terms):

* a term defined by a period starts on the day after the event that begins it, so the event's day is not counted;
* «за N рабочих дней до E» / «не позднее N рабочих дней до E» — the N-th working day before E;
* «не позднее / в течение N рабочих дней со дня E» — the N-th working day after E;
* «в течение одного года со дня E» — the same date a year later; a last day that is not a working day moves to
  the next working day (as does a calendar-day term);
* periodic duties — one due date per period: by the given day of the month after the period (moved forward to a
  working day), otherwise by the last working day of the period (an assumption of this project).

When a date the organisation gives (order, report signed, plan approved) is unknown, the schedule uses the latest
allowed date and marks it ``assumed``; later events are counted from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, get_args

import numpy as np
from pydantic import BaseModel, ConfigDict

from vakr.calendar.kazakhstan import KazakhstanCalendar, get_calendar
from vakr.errors import CalendarRangeError, DeadlineRuleError
from vakr.formatting import MONTHS_NOMINATIVE, short_date
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import default_catalogue
from vakr.methodology.models import EventCode, PeriodicDeadline, RelativeDeadline
from vakr.problems import Problem, Severity

if TYPE_CHECKING:
    from vakr.organisation.model import Profile  # the organisation layer sits above the calendar

# The order of the events in a ВАКР (as the catalogue declares them), and the anchor each given date fills.
EVENT_ORDER: tuple[str, ...] = get_args(EventCode)
GIVEN_EVENTS = {"report_signed": "report_signed", "plan_approved": "plan_approved"}
QUARTER_NAMES = ("I", "II", "III", "IV")


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class ScheduleEvent(Model):
    """One step of the ВАКР with its legal deadline and the date used for it."""

    code: str
    title: str
    rule: str
    task: str  # catalogue code of the subtask
    deadline: dt.date  # latest allowed date
    date: dt.date  # the given date, else the deadline
    assumed: bool  # True: no date given, the deadline is used
    given: dt.date | None = None
    # Why the deadline is provisional (it is counted over a year whose calendar is not confirmed), else None.
    provisional_reason: str | None = None

    @property
    def provisional(self) -> bool:
        return self.provisional_reason is not None


class Schedule(Model):
    start: dt.date
    end: dt.date
    six_day_week: bool = False
    today: dt.date | None = None
    events: list[ScheduleEvent]
    warnings: list[Problem]  # `field`: the profile field a problem is about, if any («vakr_start»)

    def event(self, code: str) -> ScheduleEvent:
        return next(e for e in self.events if e.code == code)

    def next_deadline(self, today: dt.date | None = None) -> ScheduleEvent | None:
        """The first event on or after ``today`` (default: the schedule's own as-of date)."""
        today = today or self.today
        upcoming = [e for e in self.events if today is None or e.date >= today]
        return min(upcoming, key=lambda e: e.date, default=None)

    @property
    def errors(self) -> list[Problem]:
        return [w for w in self.warnings if w.severity == "error"]

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "six_day_week": self.six_day_week,
            "today": self.today.isoformat() if self.today else None,
            "events": [
                {
                    "code": e.code,
                    "title": e.title,
                    "rule": e.rule,
                    "date": e.date.isoformat(),
                    "deadline": e.deadline.isoformat() if e.deadline else None,
                    "assumed": e.assumed,
                    "provisional": e.provisional,
                    "provisional_reason": e.provisional_reason,
                }
                for e in self.events
            ],
            "warnings": [w.to_json() for w in self.warnings],
        }


# --- rules -----------------------------------------------------------------------------------------------------


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February of a common year
        return day.replace(year=day.year + years, day=28)


def apply_rule(rule: RelativeDeadline, event_day: dt.date, calendar: KazakhstanCalendar) -> dt.date:
    """The last allowed day of a relative rule counted from ``event_day``."""
    if rule.unit == "working_days":
        if rule.direction == "before":
            return calendar.sub_working_days(event_day, rule.count)
        return calendar.add_working_days(event_day, rule.count)
    sign = -1 if rule.direction == "before" else 1
    if rule.unit == "calendar_days":
        raw = event_day + dt.timedelta(days=sign * rule.count)
    elif rule.unit == "years":
        raw = _add_years(event_day, sign * rule.count)
    else:  # pragma: no cover - the catalogue model admits no other unit
        raise DeadlineRuleError(f"Неизвестная единица срока: {rule.unit}")
    if rule.direction == "before":
        while not calendar.is_working_day(raw):  # a deadline before an event may not fall on a day off
            raw -= dt.timedelta(days=1)
        return raw
    return calendar.find_following_working_day(raw)


# --- the ВАКР schedule ----------------------------------------------------------------------------------------


def vakr_schedule(
    start: dt.date,
    end: dt.date,
    *,
    ordered: dt.date | None = None,
    signed: dt.date | None = None,
    approved: dt.date | None = None,
    today: dt.date | None = None,
    six_day_week: bool = False,
    catalogue: Catalogue | None = None,
) -> Schedule:
    """The dates of every ВАКР event for a run from ``start`` to ``end``, with warnings.

    Raises :class:`CalendarRangeError` when a date lies outside the calendar's horizon (nothing is guessed). A
    deadline counted over a provisional year (no transfer act yet) is computed and carries its
    ``provisional_reason``. ``catalogue`` — default: the bundled methodology with the user's imported lists, loaded
    once (:func:`vakr.methodology.loader.default_catalogue`).
    """
    catalogue = default_catalogue(catalogue)
    calendar = get_calendar(six_day_week)
    calendar.check_date(start)
    calendar.check_date(end)
    subtasks = catalogue.event_subtasks()
    anchors: dict[str, dt.date] = {"vakr_start": start, "vakr_end": end}
    given = {"order": ordered, "report_signed": signed, "plan_approved": approved}
    warnings: list[Problem] = []

    def warn(code: str, severity: Severity, field: str | None, message: str) -> None:
        warnings.append(Problem(code=f"schedule.{code}", severity=severity, field=field, message=message))

    if end < start:
        warn("end_before_start", "error", "vakr_end",
             f"Дата завершения ВАКР ({short_date(end)}) раньше даты начала ({short_date(start)}).")
    for field, day, what in (("vakr_start", start, "начала"), ("vakr_end", end, "завершения")):
        if not calendar.is_working_day(day):
            label = calendar.get_holiday_label(day) or "выходной день"
            warn(f"{field}_non_working", "warning", field,
                 f"Дата {what} ВАКР {short_date(day)} — нерабочий день ({label}).")
    if signed and signed < end:
        warn("signed_before_end", "error", "report_signed",
             f"Аналитическая справка подписана ({short_date(signed)}) раньше завершения ВАКР ({short_date(end)}).")
    if signed and approved and approved < signed:
        warn("approved_before_signed", "error", "plan_approved",
             f"План мероприятий утверждён ({short_date(approved)}) раньше подписания аналитической справки ({short_date(signed)}).")

    events: list[ScheduleEvent] = []
    for code in EVENT_ORDER:
        sub = subtasks[code]
        rule = sub.deadline
        assert isinstance(rule, RelativeDeadline)
        anchor_day = anchors[rule.anchor]
        try:
            deadline = apply_rule(rule, anchor_day, calendar)
        except CalendarRangeError:
            raise CalendarRangeError(
                f"Срок «{sub.title}» ({rule.text[0].lower()}{rule.text[1:]}) от {short_date(anchor_day)} выходит за"
                f" пределы календаря {calendar.first_year}–{calendar.last_year} годов: рассчитать его нельзя."
            ) from None
        chosen = given.get(code)
        day = chosen or deadline
        if chosen and chosen > deadline:
            warn(f"{code}_late", "warning", code,
                 f"«{sub.title}»: срок нарушен — указанная дата {short_date(chosen)} позже предельного срока "
                 f"{short_date(deadline)} ({rule.text[0].lower()}{rule.text[1:]}).")
        if code in GIVEN_EVENTS:
            anchors[code] = day
        events.append(ScheduleEvent(
            code=code, title=sub.title, rule=rule.text, task=sub.code, deadline=deadline, date=day,
            assumed=chosen is None, given=chosen,
            provisional_reason=calendar.provisional_reason(anchor_day, deadline),
        ))
    provisional = [e for e in events if e.provisional and e.assumed]
    if provisional:
        titles = ", ".join(f"«{e.title}»" for e in provisional[:3]) + (" и другие" if len(provisional) > 3 else "")
        warn("provisional", "warning", None,
             f"Сроки {titles} предварительные — {provisional[0].provisional_reason}. Они рассчитаны с учётом"
             " выходных и известных праздников; когда акт о переносе дней отдыха будет опубликован, проверьте их.")

    if today is not None:
        for event in events:
            if event.assumed and event.date < today:
                warn(f"{event.code}_past", "warning", None,
                     f"Срок «{event.title}» ({short_date(event.date)}) уже прошёл на {short_date(today)}.")
    return Schedule(start=start, end=end, six_day_week=six_day_week, today=today, events=events, warnings=warnings)


def schedule_for_profile(profile: Profile, catalogue: Catalogue, today: dt.date | None = None) -> Schedule:
    """The schedule of an organisation's profile."""
    return vakr_schedule(
        profile.vakr_start,
        profile.vakr_end,
        ordered=profile.order.date,
        signed=profile.report_signed,
        approved=profile.plan_approved,
        today=today,
        six_day_week=profile.work_week == 6,
        catalogue=catalogue,
    )


# --- the fast path for batches -------------------------------------------------------------------------------


def batch_schedules(
    starts: Iterable[Any], ends: Iterable[Any], catalogue: Catalogue, *, six_day_week: bool = False
) -> dict[str, np.ndarray]:
    """Deadlines of every event for many ВАКР at once (no given dates): event code → ``datetime64[D]`` array.

    Working-day rules go through :class:`~vakr.calendar.WorkingDayIndex`; the yearly rule is computed on the
    array and moved forward to a working day. Raises :class:`CalendarRangeError` if any date leaves the horizon.
    """
    index = get_calendar(six_day_week).index
    anchors = {
        "vakr_start": np.asarray(list(starts), dtype="datetime64[D]"),
        "vakr_end": np.asarray(list(ends), dtype="datetime64[D]"),
    }
    subtasks = catalogue.event_subtasks()
    result: dict[str, np.ndarray] = {}
    for code in EVENT_ORDER:
        rule = subtasks[code].deadline
        assert isinstance(rule, RelativeDeadline)
        base = anchors[rule.anchor]
        if rule.unit == "working_days":
            n = -rule.count if rule.direction == "before" else rule.count
            dates = index.add_working_days(base, n)
        elif rule.unit == "years" and rule.direction == "after":
            years = base.astype("datetime64[Y]").astype(int) + 1970 + rule.count
            months = base.astype("datetime64[M]").astype(int) % 12
            month_start = (years - 1970) * 12 + months
            day_of_month = (base - base.astype("datetime64[M]").astype("datetime64[D]")).astype(int)
            first = month_start.astype("datetime64[M]").astype("datetime64[D]")
            last = (month_start + 1).astype("datetime64[M]").astype("datetime64[D]") - 1
            raw = np.minimum(first + day_of_month, last)  # 29 February → 28 February
            dates = index.next_working_day_on_or_after(raw)
        else:  # pragma: no cover - no such rule in the catalogue today
            raise DeadlineRuleError(f"Правило «{rule.text}» не поддерживается пакетным расчётом")
        result[code] = dates
        if code in GIVEN_EVENTS:
            anchors[code] = dates
    return result


# --- periodic duties of projects 1–4 ---------------------------------------------------------------------------


class PeriodicDuty(Model):
    project: int
    project_title: str
    task: str
    code: str
    title: str
    rule: str
    period: str  # «I квартал 2025», «январь 2025», «2025 год»
    period_start: dt.date
    period_end: dt.date
    due: dt.date
    provisional_reason: str | None = None

    @property
    def provisional(self) -> bool:
        return self.provisional_reason is not None


def _periods(kind: str, year: int) -> list[tuple[str, dt.date, dt.date]]:
    if kind == "year":
        return [(f"{year} год", dt.date(year, 1, 1), dt.date(year, 12, 31))]
    if kind == "quarter":
        spans = [(3 * q + 1, 3 * q + 3) for q in range(4)]
        names = [f"{QUARTER_NAMES[q]} квартал {year}" for q in range(4)]
    else:
        spans = [(m, m) for m in range(1, 13)]
        names = [f"{MONTHS_NOMINATIVE[m - 1]} {year}" for m in range(1, 13)]
    result = []
    for name, (first, last) in zip(names, spans):
        next_month = dt.date(year + (last == 12), last % 12 + 1, 1)
        result.append((name, dt.date(year, first, 1), next_month - dt.timedelta(days=1)))
    return result


def periodic_due_dates(
    rule: PeriodicDeadline, year: int, calendar: KazakhstanCalendar
) -> list[tuple[str, dt.date, dt.date, dt.date, str | None]]:
    """(period name, start, end, due date, why provisional or None) for each period of ``year``."""
    calendar.check_year(year)
    dates = []
    for name, first, last in _periods(rule.period, year):
        if rule.day_of_month:
            month = last.month - 1 + rule.months_after
            raw = dt.date(last.year + month // 12, month % 12 + 1, rule.day_of_month)
            due = calendar.find_following_working_day(raw)
        else:
            due = last
            while not calendar.is_working_day(due):
                due -= dt.timedelta(days=1)
        dates.append((name, first, last, due, calendar.provisional_reason(first, due)))
    return dates


def periodic_duties(
    year: int,
    org_type: str,
    *,
    six_day_week: bool = False,
    catalogue: Catalogue | None = None,
) -> list[PeriodicDuty]:
    """The year's due dates of every periodic duty of projects 1–4 that applies to the organisation type.
    ``catalogue`` — default: the bundled methodology with the user's imported lists, loaded once
    (:func:`vakr.methodology.loader.default_catalogue`)."""
    catalogue = default_catalogue(catalogue)
    calendar = get_calendar(six_day_week)
    duties: list[PeriodicDuty] = []
    for project, task, sub in catalogue.subtasks():
        if not isinstance(sub.deadline, PeriodicDeadline):
            continue
        if org_type not in catalogue.applies_to(project, task, sub):
            continue
        for name, first, last, due, provisional in periodic_due_dates(sub.deadline, year, calendar):
            duties.append(PeriodicDuty(
                project=project.number, project_title=project.title, task=task.code, code=sub.code,
                title=sub.title, rule=sub.deadline.text, period=name, period_start=first, period_end=last,
                due=due, provisional_reason=provisional,
            ))
    return sorted(duties, key=lambda d: (d.due, d.project, d.code))
