"""The periodic duties of projects 1–4 in a calendar year, and whether the year's records show each one done.

The year is a calendar year — by default the year of ``today``; an earlier one to close it after its end (one year
of due dates, as :func:`~vakr.calendar.deadlines.periodic_duties` gives them: the report on the IV quarter, due in
January of the next year, is listed with its year). A duty is «выполнено» when the records show it, «просрочено»
when they do not and its due date is before ``today``, «срок не наступил» otherwise (on the due date itself too).
Records dated after ``today`` are not facts yet and are not counted.

What shows a duty done:

* an event of the duty (sheet «Мероприятия», ``org.year.events``) held within its period — quarterly explanatory
  events (p3.t1.s1), quarterly commission meetings at the akim (p4.t1.s1), monthly explanatory events (p4.t2.s2);
* for a duty due «к N числу» after its period — the quarterly ISO 37001 information (p3.t3.s1) — an event of the
  duty dated after the previous period's due date and on or before this one's (so a report sent on 3 April counts
  for the I quarter, not the II);
* the yearly training of at least 5 % of civil servants (p4.t2.s1) — the people of the year's trainings of kind
  «антикоррупционное обучение» reaching the threshold (:mod:`vakr.monitoring.kpi`); without the staff headcount
  the state is «не определено».

A periodic duty with no kind of record to show it is «не определено».
"""

from __future__ import annotations

import datetime as dt
from typing import get_args

from vakr.calendar.deadlines import PeriodicDuty, periodic_duties
from vakr.calendar.kazakhstan import KazakhstanCalendar
from vakr.formatting import short_date
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.models import PeriodicDeadline, Subtask
from vakr.monitoring.kpi import TRAINING_DUTY, TrainingCount, training_count
from vakr.monitoring.model import DutyState, DutyStatus
from vakr.organisation.model import Organisation
from vakr.organisation.year import Event, EventDuty

EVENT_DUTIES: frozenset[str] = frozenset(get_args(EventDuty))


def short_title(catalogue: Catalogue, code: str) -> str:
    """A subtask's short title (``short_title`` in projects.yaml), else its title."""
    sub = catalogue.get(code)
    return (sub.short_title if isinstance(sub, Subtask) else None) or sub.title


def previous_due(rule: PeriodicDeadline, period_start: dt.date, calendar: KazakhstanCalendar) -> dt.date | None:
    """The due date of the period before the one starting on ``period_start``, for a rule «к N числу» after the
    period; None for a rule due within its period."""
    if not rule.day_of_month:
        return None
    last = period_start.year * 12 + period_start.month - 2  # the previous period's last month, counted from year 0
    due = last + rule.months_after
    raw = dt.date(due // 12, due % 12 + 1, rule.day_of_month)
    return calendar.find_following_working_day(raw)


def event_window(duty: PeriodicDuty, rule: PeriodicDeadline, calendar: KazakhstanCalendar) -> tuple[dt.date, dt.date]:
    """The dates an event must fall within to show the duty done (see the module rules)."""
    before = previous_due(rule, duty.period_start, calendar)
    if before is None:
        return duty.period_start, duty.period_end
    return before + dt.timedelta(days=1), duty.due


def event_line(event: Event) -> str:
    extra = f", участников: {event.participants}" if event.participants is not None else ""
    document = f" ({event.document})" if event.document else ""
    return f"{short_date(event.date)} — {event.title}{document}{extra}"


def _state(done: bool, due: dt.date, today: dt.date) -> DutyState:
    if done:
        return "done"
    return "overdue" if due < today else "not_due"


def duty_statuses(org: Organisation, catalogue: Catalogue, today: dt.date, year: int,
                  calendar: KazakhstanCalendar) -> list[DutyStatus]:
    """Every periodic duty of the calendar ``year`` that applies to the organisation, with its state on ``today``."""
    duties = periodic_duties(year, org.profile.type, six_day_week=org.profile.work_week == 6, catalogue=catalogue)
    events = [e for e in org.year.events if e.date <= today]
    training: TrainingCount | None = None
    statuses = []
    for duty in duties:
        sub = catalogue.get(duty.code)
        assert isinstance(sub, Subtask) and isinstance(sub.deadline, PeriodicDeadline)
        evidence: list[str] = []
        note = None
        if duty.code in EVENT_DUTIES:
            first, last = event_window(duty, sub.deadline, calendar)
            evidence = [event_line(e) for e in events if e.duty == duty.code and first <= e.date <= last]
            state = _state(bool(evidence), duty.due, today)
            if not evidence:
                note = f"нет мероприятия с {short_date(first)} по {short_date(last)}"
        elif duty.code == TRAINING_DUTY:
            training = training or training_count(org, sub, year, today)
            evidence = [f"обучено: {training.trained}" + (f" из {training.required} требуемых"
                                                          if training.required is not None else "")]
            if training.required is None:
                state, note = "unknown", "не указана штатная численность (profile.staff_headcount)"
            else:
                state = _state(training.trained >= training.required, duty.due, today)
        else:  # pragma: no cover - every periodic duty of the catalogue has its records today
            state, note = "unknown", "нет записей этого вида"
        statuses.append(DutyStatus(
            project=duty.project, code=duty.code, title=short_title(catalogue, duty.code), rule=duty.rule,
            period=duty.period, period_start=duty.period_start, period_end=duty.period_end, due=duty.due,
            state=state, evidence=evidence, note=note, provisional_reason=duty.provisional_reason,
        ))
    return statuses
