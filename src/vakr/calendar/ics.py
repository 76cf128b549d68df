"""The ВАКР schedule as an iCalendar file that Outlook and Google Calendar import.

One all-day event per deadline with a reminder the day before at 09:00. The file is deterministic: UIDs come from
the organisation's slug and the event code, and DTSTAMP is fixed to the schedule's start, not the current time.
:func:`ics_calendar` and :func:`all_day_event` are shared with the calendar of the year's work
(:mod:`vakr.monitoring.ics`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from icalendar import Alarm, Calendar, Event

from vakr.calendar.deadlines import Schedule
from vakr.formatting import short_date


def one_line(text: str) -> str:
    """The text on one line: a line break in a name would break the ICS line structure."""
    return " ".join(text.split())


def ics_calendar(name: str) -> Calendar:
    """An empty calendar named ``name`` (vakr's PRODID, iCalendar 2.0, Gregorian)."""
    cal = Calendar()
    cal.add("prodid", "-//vakr//ВАКР//RU")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def all_day_event(uid: str, day: dt.date, summary: str, description: str, stamp: dt.datetime, *,
                  alarm: str, before: dt.timedelta) -> Event:
    """An all-day event on ``day`` (free time: it does not block the calendar) with a reminder ``before`` its start
    (00:00 of ``day``): ``timedelta(hours=-15)`` is 09:00 the day before."""
    item = Event()
    item.add("uid", uid)
    item.add("dtstamp", stamp)
    item.add("dtstart", day)
    item.add("dtend", day + dt.timedelta(days=1))
    item.add("summary", summary)
    item.add("description", description)
    item.add("transp", "TRANSPARENT")
    reminder = Alarm()
    reminder.add("action", "DISPLAY")
    reminder.add("description", alarm)
    reminder.add("trigger", before)
    item.add_component(reminder)
    return item


@dataclass(frozen=True)
class IcsWording:
    """The words of the schedule's calendar in one language."""

    prefix: str  # before each event's title and the calendar's name
    rule: str  # «Правило: {rule}.»
    assumed: str  # the date is the legal limit
    given: Callable[[str, bool], str]  # (the limit, whether the given date is later) → the note
    provisional: Callable[[str], str]  # the calendar's reason → the note
    alarm: str  # «Завтра срок: {title}»
    uid_suffix: str  # the events of the two languages' files are different events


def reason_years(reason: str) -> list[str]:
    """The years a calendar's provisional reason names («… 2027 года …» → ["2027"]): a note in another language
    can name them without the Russian reason."""
    return sorted(set(re.findall(r"\b20\d\d\b", reason)))


RUSSIAN_ICS = IcsWording(
    prefix="ВАКР", rule="Правило: {rule}.", assumed="Дата не указана организацией — взят предельный срок.",
    given=lambda limit, late: f"Указанная организацией дата. Предельный срок: {limit}."
                              + (" Срок нарушен: указанная дата позже предельного срока." if late else ""),
    provisional=lambda reason: f"Предварительно: {reason}.", alarm="Завтра срок: {title}", uid_suffix="",
)
KAZAKH_ICS = IcsWording(
    prefix="Ішкі талдау", rule="Ереже: {rule}.", assumed="Ұйым күнді көрсетпеген – шекті мерзім алынды.",
    given=lambda limit, late: f"Ұйым көрсеткен күн. Шекті мерзім: {limit}."
                              + (" Мерзім бұзылды: көрсетілген күн шекті мерзімнен кейін." if late else ""),
    provisional=lambda reason: (f"Алдын ала: {', '.join(reason_years(reason))} жылдың күнтізбесі әлі расталмаған."
                                if reason_years(reason) else "Алдын ала: күнтізбе әлі расталмаған."),
    alarm="Ертең мерзім: {title}", uid_suffix="-kk",
)


def schedule_to_ics(schedule: Schedule, organisation: str = "", slug: str = "vakr",
                    wording: IcsWording = RUSSIAN_ICS) -> bytes:
    """The schedule's events in ``wording``'s language (their titles and rules are the schedule's own: see
    :func:`vakr.evaluation.kazakh.kazakh_version` for the schedule in Kazakh)."""
    organisation = one_line(organisation)
    w = wording
    cal = ics_calendar(f"{w.prefix}: {organisation}" if organisation else w.prefix)
    stamp = dt.datetime.combine(schedule.start, dt.time(0, 0), tzinfo=dt.UTC)
    for event in schedule.events:
        notes = [w.rule.format(rule=event.rule)]
        if event.assumed:
            notes.append(w.assumed)
        elif event.deadline:
            notes.append(w.given(short_date(event.deadline), event.date > event.deadline))
        if event.provisional and event.assumed:
            notes.append(w.provisional(event.provisional_reason or ""))
        if organisation:
            notes.insert(0, organisation)
        cal.add_component(all_day_event(
            f"{slug}-{schedule.start.isoformat()}-{event.code}{w.uid_suffix}@vakr", event.date,
            f"{w.prefix}: {event.title}", "\n".join(notes), stamp, alarm=w.alarm.format(title=event.title),
            before=dt.timedelta(hours=-15),  # 09:00 the day before an all-day event
        ))
    return cal.to_ical()
