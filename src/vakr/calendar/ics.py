"""The ВАКР schedule as an iCalendar file that Outlook and Google Calendar import.

One all-day event per deadline with a reminder the day before at 09:00. The file is deterministic: UIDs come from
the organisation's slug and the event code, and DTSTAMP is fixed to the schedule's start, not the current time.
:func:`ics_calendar` and :func:`all_day_event` are shared with the calendar of the year's work
(:mod:`vakr.monitoring.ics`).
"""

from __future__ import annotations

import datetime as dt

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


def schedule_to_ics(schedule: Schedule, organisation: str = "", slug: str = "vakr") -> bytes:
    organisation = one_line(organisation)
    cal = ics_calendar(f"ВАКР: {organisation}" if organisation else "ВАКР")
    stamp = dt.datetime.combine(schedule.start, dt.time(0, 0), tzinfo=dt.UTC)
    for event in schedule.events:
        notes = [f"Правило: {event.rule}."]
        if event.assumed:
            notes.append("Дата не указана организацией — взят предельный срок.")
        elif event.deadline:
            late = " Срок нарушен: указанная дата позже предельного срока." if event.date > event.deadline else ""
            notes.append(f"Указанная организацией дата. Предельный срок: {short_date(event.deadline)}.{late}")
        if event.provisional and event.assumed:
            notes.append(f"Предварительно: {event.provisional_reason}.")
        if organisation:
            notes.insert(0, organisation)
        cal.add_component(all_day_event(
            f"{slug}-{schedule.start.isoformat()}-{event.code}@vakr", event.date, f"ВАКР: {event.title}",
            "\n".join(notes), stamp, alarm=f"Завтра срок: {event.title}",
            before=dt.timedelta(hours=-15),  # 09:00 the day before an all-day event
        ))
    return cal.to_ical()
