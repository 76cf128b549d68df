"""The calendar of the year's work as an iCalendar file: the due date of every measure of the plan and of every
periodic duty of projects 1–4 in a calendar year.

One all-day event per due date, with a reminder three calendar days before at 09:00. Deterministic, like the ВАКР
schedule's file (:mod:`vakr.calendar.ics`): the same organisation and year give the same bytes. DTSTAMP is fixed to
1 January of the year; UIDs are stable across runs and edits of the text — a measure's from the organisation's
slug and the measure's number in the plan (a repeated number gets «-2», «-3» in the order of the plan), a duty's
from the slug, the subtask code and the first day of its period — so a calendar that imports the file again
updates its events instead of doubling them. The measures are all those of ``org.year.plan_execution`` (the plan
is the year's, whatever calendar year its dates fall in); the duties are those of the year given.
"""

from __future__ import annotations

import datetime as dt
import re

from vakr.calendar.deadlines import periodic_duties
from vakr.calendar.ics import all_day_event, ics_calendar, one_line
from vakr.calendar.kazakhstan import get_calendar
from vakr.formatting import plural, short_date
from vakr.methodology.catalogue import Catalogue
from vakr.monitoring.duties import short_title
from vakr.organisation.model import Organisation

REMINDER_DAYS = 3
REMINDER = dt.timedelta(days=-REMINDER_DAYS, hours=9)  # 09:00 three days before the all-day event


def _uid_part(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-") or "x"


def year_ics(org: Organisation, catalogue: Catalogue, year: int) -> bytes:
    """The plan's measures and the periodic duties of ``year`` as an ``.ics`` file (see the module docstring)."""
    calendar = get_calendar(org.profile.work_week == 6)
    name = one_line(org.profile.name)
    slug = org.profile.slug
    cal = ics_calendar(f"ВАКР, {year} год: {name}")
    stamp = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    alarm = f"Через {plural(REMINDER_DAYS, 'день', 'дня', 'дней')} срок: "
    seen: dict[str, int] = {}
    for record in org.year.plan_execution:
        key = _uid_part(record.number)
        seen[key] = seen.get(key, 0) + 1
        uid = f"{slug}-plan-{key}" + (f"-{seen[key]}" if seen[key] > 1 else "") + "@vakr"
        measure = one_line(record.measure)
        notes = [name, f"Мера плана мероприятий № {record.number}: {measure}",
                 f"Срок по плану: {short_date(record.due)}"]
        if not calendar.is_working_day(record.due):
            notes[-1] += f" — нерабочий день ({calendar.get_holiday_label(record.due) or 'выходной день'})"
        if record.responsible:
            notes.append("Ответственные: " + "; ".join(one_line(r) for r in record.responsible))
        cal.add_component(all_day_event(uid, record.due, f"Мера {record.number}: {measure}", "\n".join(notes), stamp,
                                        alarm=alarm + f"мера {record.number}", before=REMINDER))
    duties = periodic_duties(year, org.profile.type, six_day_week=org.profile.work_week == 6, catalogue=catalogue)
    for duty in duties:
        title = short_title(catalogue, duty.code)
        notes = [name, duty.title, f"Правило: {duty.rule}.", f"Период: {duty.period}."]
        if duty.provisional_reason:
            notes.append(f"Предварительно: {duty.provisional_reason}.")
        cal.add_component(all_day_event(
            f"{slug}-{duty.code}-{duty.period_start.isoformat()}@vakr", duty.due, f"{title} ({duty.period})",
            "\n".join(notes), stamp, alarm=alarm + f"{title} ({duty.period})", before=REMINDER))
    return cal.to_ical()
