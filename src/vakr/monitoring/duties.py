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
  duty sent after the period ends and before the next one ends: the information is about the quarter just ended
  (a report sent on 3 April is the I quarter's, and so is one sent on 7 April — then late, which the duty's note
  says: «направлено с нарушением срока»);
* the yearly training of at least 5 % of civil servants (p4.t2.s1) — the people of the year's trainings of kind
  «антикоррупционное обучение» reaching the threshold (:mod:`vakr.monitoring.kpi`); without the staff headcount
  the state is «не определено».

A periodic duty with no kind of record to show it is «не определено».
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
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


def event_window(duty: PeriodicDuty, rule: PeriodicDeadline) -> tuple[dt.date, dt.date]:
    """The dates an event must fall within to show the duty done (see the module rules): the period itself, or, for
    a report due «к N числу» after it, the period of the same length that follows it."""
    if not rule.day_of_month:
        return duty.period_start, duty.period_end
    months = (duty.period_end.year - duty.period_start.year) * 12 + duty.period_end.month - duty.period_start.month + 1
    last_month = duty.period_end.year * 12 + duty.period_end.month - 1 + months  # counted from year 0, 0-based
    year, month = divmod(last_month, 12)
    end = dt.date(year, month + 1, monthrange(year, month + 1)[1])
    return duty.period_end + dt.timedelta(days=1), end


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
            first, last = event_window(duty, sub.deadline)
            held = [e for e in events if e.duty == duty.code and first <= e.date <= last]
            evidence = [event_line(e) for e in held]
            state = _state(bool(evidence), duty.due, today)
            if not evidence:
                note = f"нет мероприятия с {short_date(first)} по {short_date(last)}"
            elif min(e.date for e in held) > duty.due:
                note = f"направлено с нарушением срока (срок — {short_date(duty.due)})"
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
