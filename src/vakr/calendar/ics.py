"""The ВАКР schedule as an iCalendar file that Outlook and Google Calendar import.

One all-day event per deadline with a reminder the day before at 09:00. The file is deterministic: UIDs come from
the organisation's slug and the event code, and DTSTAMP is fixed to the schedule's start, not the current time.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Alarm, Calendar, Event

from vakr.calendar.deadlines import Schedule
from vakr.formatting import short_date


def schedule_to_ics(schedule: Schedule, organisation: str = "", slug: str = "vakr") -> bytes:
    organisation = " ".join(organisation.split())  # a line break in a name would break the ICS line structure
    cal = Calendar()
    cal.add("prodid", "-//vakr//ВАКР//RU")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"ВАКР: {organisation}" if organisation else "ВАКР")
    stamp = dt.datetime.combine(schedule.start, dt.time(0, 0), tzinfo=dt.UTC)
    for event in schedule.events:
        item = Event()
        item.add("uid", f"{slug}-{schedule.start.isoformat()}-{event.code}@vakr")
        item.add("dtstamp", stamp)
        item.add("dtstart", event.date)
        item.add("dtend", event.date + dt.timedelta(days=1))
        item.add("summary", f"ВАКР: {event.title}")
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
        item.add("description", "\n".join(notes))
        item.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Завтра срок: {event.title}")
        alarm.add("trigger", dt.timedelta(hours=-15))  # 09:00 the day before an all-day event
        item.add_component(alarm)
        cal.add_component(item)
    return cal.to_ical()
