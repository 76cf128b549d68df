"""Working days and terms: the Kazakhstan calendar, the ВАКР deadlines and their iCalendar export.

``vakr.calendar`` re-exports the calendar's public names (:mod:`vakr.calendar.kazakhstan`, :mod:`.data`,
:mod:`.index`); the deadline engine is :mod:`vakr.calendar.deadlines`, the ``.ics`` export :mod:`vakr.calendar.ics`.
"""

from vakr.calendar.data import (
    DEFAULT_DATA_PATH,
    CalendarData,
    Transfer,
    TransferAct,
    YearRecord,
    YearStatus,
    load_calendar_data,
    translate_name,
)
from vakr.calendar.index import WorkingDayIndex
from vakr.calendar.kazakhstan import KazakhstanCalendar, get_calendar, load_calendar, month_summary, roll_forward
from vakr.errors import CalendarDataError

__all__ = [
    "DEFAULT_DATA_PATH",
    "CalendarData",
    "CalendarDataError",
    "Transfer",
    "TransferAct",
    "YearRecord",
    "YearStatus",
    "KazakhstanCalendar",
    "WorkingDayIndex",
    "get_calendar",
    "load_calendar",
    "load_calendar_data",
    "month_summary",
    "roll_forward",
    "translate_name",
]
