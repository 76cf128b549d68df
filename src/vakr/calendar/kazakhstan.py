"""Kazakhstan working days: the `holidays` package's data behind workalendar's API, plus a vectorised index.

Terms of the ВАКР schedule are counted in working days, so this module answers one question exactly: is a
given day a working day in Kazakhstan? The rules (the Law «О праздниках в РК», weekend moves, transfers of days
off by decree or ministerial order) are not re-implemented here: they come from ``holidays.KZ`` and its
``weekend_workdays``. ``data/calendar/kz.yaml`` sets the horizon, the Russian names, and decrees the package
does not know yet. Outside the horizon every function raises :class:`~vakr.errors.CalendarRangeError` rather
than guess.

Two paths give the same answers:

* :class:`KazakhstanCalendar` -- workalendar's ``Calendar`` API (``is_working_day``, ``add_working_days``, ...),
  one day at a time;
* :class:`WorkingDayIndex` -- a sorted ``datetime64[D]`` array of working days and ``numpy.searchsorted``, for
  batches (the deadline engine computes thousands of dates at once).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import holidays
import numpy as np
from workalendar.core import SAT, SUN, Calendar

from vakr.calendar.data import (
    _SUBSTITUTED_RE,
    LOCAL_CALENDAR_ENV,
    MONTH_NAMES,
    CalendarData,
    YearStatus,
    _as_date,
    _as_int,
    _range_message,
    load_calendar_data,
    translate_name,
)
from vakr.calendar.index import WorkingDayIndex
from vakr.errors import CalendarDataError, CalendarRangeError
from vakr.paths import calendar_dir

# --------------------------------------------------------------------------------------------------------------
# The calendar (workalendar API)
# --------------------------------------------------------------------------------------------------------------


class KazakhstanCalendar(Calendar):
    """Kazakhstan (working days from the holidays package)

    Non-working days are the days off of ``holidays.KZ`` (holidays, their weekend moves, transferred days off)
    and the transfers of ``transfers.yaml`` or a local calendar file the package does not know yet; working
    weekend days (the package's ``weekend_workdays`` and those transfers) count as working days in every method.
    Each year is confirmed or provisional (:meth:`year_status`).

    Six-day week (``six_day_week=True``): Sunday is the only weekly day off. Assumption: the non-working days
    are the same as in the five-day week -- every day off of the holidays data, including a holiday's move
    from Saturday to Monday and the Friday a Saturday was transferred to -- and Saturdays are working unless
    they are a holiday. The Labour Code moves a day off only when a holiday falls on a weekly day off, so an
    organisation working Saturdays may in fact work the Monday after a Saturday holiday (e.g. 10 March 2025);
    its own work schedule prevails and can be given to the methods through ``extra_working_days``.
    """

    def __init__(self, six_day_week: bool = False, data: CalendarData | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.six_day_week = bool(six_day_week)
        self.data = data if data is not None else _default_data()
        self.first_year, self.last_year = self.data.first_year, self.data.last_year
        self.first_day = dt.date(self.first_year, 1, 1)
        self.last_day = dt.date(self.last_year, 12, 31)
        self._build()

    def _build(self) -> None:
        """Translate the package's days off once for the whole horizon and apply the extra acts."""
        source = holidays.KZ(years=range(self.first_year, self.last_year + 1), language="en_US")
        in_horizon = lambda day: self.first_day <= day <= self.last_day  # noqa: E731
        by_year: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
        transferred_to: dict[dt.date, dt.date] = {}  # worked weekend day -> the day off it was moved to
        self.untranslated_names: set[str] = set()
        for day in sorted(source):
            if not in_horizon(day):
                continue
            for english in source.get_list(day):
                record = self.data.years.get(day.year)
                if record is not None and record.status == "confirmed":  # the data confirms the lunar date
                    english = english.replace(" (observed, estimated)", " (observed)").replace(" (estimated)", "")
                russian, known = translate_name(english, self.data)
                if not known:
                    self.untranslated_names.add(english)
                by_year[day.year].append((day, russian))
                if match := _SUBSTITUTED_RE.match(english):
                    month, mday, year = map(int, match.groups())
                    transferred_to[dt.date(year, month, mday)] = day

        labels = self.data.labels
        self._forced_working: dict[dt.date, str] = {}
        for day in sorted(source.weekend_workdays):
            if in_horizon(day):  # the package also returns 28.12.2013 for every year
                off = transferred_to.get(day)
                self._forced_working[day] = (
                    labels.working_weekend.format(date=off.strftime("%d.%m.%Y"))
                    if off
                    else labels.working_weekend_unpaired
                )
        self._estimated = {day for day in source if in_horizon(day)
                           and any(name.endswith("(estimated)") for name in source.get_list(day))}
        self._apply_transfers(source, by_year)
        self._by_year = {year: sorted(by_year[year]) for year in range(self.first_year, self.last_year + 1)}
        self._holiday_sets = {year: frozenset(day for day, _ in days) for year, days in self._by_year.items()}

    def _apply_transfers(self, source: Any, by_year: dict[int, list[tuple[dt.date, str]]]) -> None:
        """Transfers of the data the package does not know yet (an act published after its release, or given in a
        local file); a transfer must move a day off from a day off to a working weekday."""
        labels = self.data.labels
        known = {day for day in source if any(_SUBSTITUTED_RE.match(n) for n in source.get_list(day))}
        problems = []
        for act, transfer in self.data.transfers():
            off, work = transfer.day_off, transfer.working_day
            if off in known:
                continue  # the package applies this transfer already
            off_is_working = off.weekday() < 5 and off not in source
            work_is_off = work.weekday() >= 5 or work in source
            if off_is_working and not work_is_off:
                problems.append(f"{act.citation}: перенос {off:%d.%m.%Y} ← {work:%d.%m.%Y}: оба дня по закону —"
                                " рабочие дни; проверьте даты")
            elif not off_is_working:
                problems.append(f"{act.citation}: {off:%d.%m.%Y} и без переноса — нерабочий день")
            by_year[off.year].append((off, labels.substituted.format(date=work.strftime("%d.%m.%Y"))))
            self._forced_working[work] = labels.working_weekend.format(date=off.strftime("%d.%m.%Y"))
        if problems:
            where = self.data.local_file or "data/calendar/transfers.yaml"
            raise CalendarDataError("\n".join([f"Переносы дней отдыха в {where} не согласуются с календарём:",
                                               *(f"  • {p}" for p in problems)]))

    # -- what is known of a year ---------------------------------------------------------------------------------

    def year_status(self, year: Any) -> YearStatus:
        """Confirmed (the year's transfer acts are in the data, or it is known there were none) or provisional
        (no act yet; Курбан айт estimated), with the reason."""
        year = self.check_year(year)
        record = self.data.years.get(year)
        acts = tuple(record.acts) if record else ()
        if record is not None and record.status == "confirmed":
            reason = record.note or ("акты о переносе дней отдыха: " + "; ".join(a.citation for a in acts)
                                     if acts else "переносов дней отдыха не было")
            return YearStatus(year, True, reason, acts)
        reason = f"акт о переносе дней отдыха на {year} год ещё не опубликован"
        estimated = sorted(day for day in self._estimated if day.year == year)
        if estimated:
            reason += "; дата Курбан айта (" + ", ".join(d.strftime("%d.%m.%Y") for d in estimated) + \
                ") — ориентировочная"
        if record is not None and record.note:
            reason += f" ({record.note})"
        return YearStatus(year, False, reason, acts)

    def provisional_reason(self, *days: Any) -> str | None:
        """Why a date counted over ``days`` (from the earliest to the latest) is provisional, or None: the first
        provisional year the span touches."""
        dates = [self.check_date(d) for d in days]
        for year in range(min(dates).year, max(dates).year + 1):
            status = self.year_status(year)
            if not status.confirmed:
                return f"календарь {year} года предварительный: {status.reason}"
        return None

    # -- range checks ------------------------------------------------------------------------------------------

    def check_date(self, day: Any) -> dt.date:
        """The day as a ``date``, or CalendarRangeError if the data does not cover it."""
        day = _as_date(day)
        if not self.first_day <= day <= self.last_day:
            raise CalendarRangeError(
                _range_message(self.first_year, self.last_year, f"дата {day.isoformat()} вне этого диапазона.")
            )
        return day

    def check_year(self, year: Any) -> int:
        """The year as an int, or CalendarRangeError if the data does not cover it."""
        year = _as_int(year, "Год")
        if not self.first_year <= year <= self.last_year:
            detail = f"{year} год вне этого диапазона."
            raise CalendarRangeError(_range_message(self.first_year, self.last_year, detail))
        return year

    # -- workalendar hooks -------------------------------------------------------------------------------------

    def get_weekend_days(self) -> tuple[int, ...]:
        return (SUN,) if self.six_day_week else (SAT, SUN)

    def get_calendar_holidays(self, year: int) -> list[tuple[dt.date, str]]:
        """All days off of the year (also those on a weekend), as (date, Russian name), sorted."""
        return list(self._by_year[self.check_year(year)])

    def holidays_set(self, year: int | None = None) -> frozenset[dt.date]:
        """Cached: workalendar rebuilds this set on every ``is_holiday`` call."""
        if not year:
            year = dt.date.today().year
        return self._holiday_sets[self.check_year(year)]

    def get_holiday_label(self, day: Any) -> str | None:
        """Russian name of the day off; several names on one day are joined with '; '."""
        day = self.check_date(day)
        names = [name for holiday, name in self.holidays(day.year) if holiday == day]
        return "; ".join(names) or None

    def is_working_day(self, day: Any, extra_working_days: Any = None, extra_holidays: Any = None) -> bool:
        """Working day? A working weekend day (transfer by decree) is one; ``extra_*`` as in workalendar."""
        day = self.check_date(day)
        if extra_working_days and day in {_as_date(d) for d in extra_working_days}:
            return True
        if extra_holidays and day in {_as_date(d) for d in extra_holidays}:
            return False
        if day in self._forced_working:
            return True
        if day.weekday() in self.get_weekend_days():
            return False
        return day not in self._holiday_sets[day.year]

    def add_working_days(
        self,
        day: Any,
        delta: Any,
        extra_working_days: Any = None,
        extra_holidays: Any = None,
        keep_datetime: bool = False,
    ) -> dt.date:
        """workalendar's day-by-day walk; the start day and every day walked must be in the horizon."""
        start = self.check_date(day)
        delta = _as_int(delta, "Число рабочих дней")
        day = day if keep_datetime and isinstance(day, dt.datetime) else start
        try:
            return super().add_working_days(day, delta, extra_working_days, extra_holidays, keep_datetime)
        except CalendarRangeError:
            direction = "после" if delta >= 0 else "до"
            detail = f"{abs(delta)}-й рабочий день {direction} {start.isoformat()} выходит за этот диапазон."
            raise CalendarRangeError(_range_message(self.first_year, self.last_year, detail)) from None

    def sub_working_days(
        self,
        day: Any,
        delta: Any,
        extra_working_days: Any = None,
        extra_holidays: Any = None,
        keep_datetime: bool = False,
    ) -> dt.date:
        delta = _as_int(delta, "Число рабочих дней")
        return self.add_working_days(day, -abs(delta), extra_working_days, extra_holidays, keep_datetime)

    def get_working_days_delta(
        self,
        start: Any,
        end: Any,
        include_start: bool = False,
        extra_working_days: Any = None,
        extra_holidays: Any = None,
    ) -> int:
        """workalendar's count, with both ends checked first so the message names them."""
        start, end = self.check_date(start), self.check_date(end)
        return super().get_working_days_delta(start, end, include_start, extra_working_days, extra_holidays)

    def find_following_working_day(self, day: Any) -> dt.date:
        """Unlike workalendar's version (weekends only), this honours holidays and working weekends."""
        day = self.check_date(day)
        while not self.is_working_day(day):
            day = self.check_date(day + dt.timedelta(days=1))
        return day

    def export_to_ical(self, period: Any = None, target_path: Any = None) -> str | None:
        """Days off as iCal; the default period is the horizon (workalendar's 2000–2030 would raise)."""
        return super().export_to_ical(period or [self.first_year, self.last_year], target_path)

    # -- additions ---------------------------------------------------------------------------------------------

    def working_weekends(self, year: int) -> list[tuple[dt.date, str]]:
        """Weekly days off of this week variant that are working days by transfer, as (date, Russian name)."""
        year = self.check_year(year)
        weekend = self.get_weekend_days()
        return [
            (day, name)
            for day, name in sorted(self._forced_working.items())
            if day.year == year and day.weekday() in weekend
        ]

    def non_working_weekdays(self, year: int) -> list[tuple[dt.date, str]]:
        """Days that would be working days by the week alone but are days off, as (date, Russian name)."""
        weekend = self.get_weekend_days()
        names: dict[dt.date, list[str]] = defaultdict(list)
        for day, name in self.holidays(self.check_year(year)):
            if day.weekday() not in weekend and day not in self._forced_working:
                names[day].append(name)
        return [(day, "; ".join(day_names)) for day, day_names in sorted(names.items())]

    @cached_property
    def index(self) -> WorkingDayIndex:
        """The fast path for this calendar, built on first use."""
        return WorkingDayIndex.from_calendar(self)


# --------------------------------------------------------------------------------------------------------------
# Helpers for the CLI and the deadline engine
# --------------------------------------------------------------------------------------------------------------


def local_calendar_file() -> Path | None:
    """The local calendar file named by ``VAKR_CALENDAR`` (``vakr --calendar FILE`` sets it), if any."""
    value = os.environ.get(LOCAL_CALENDAR_ENV, "").strip()
    return Path(value) if value else None


def _default_data() -> CalendarData:
    return _cached_data(str(calendar_dir()), str(local_calendar_file() or ""))


@lru_cache(maxsize=4)
def _cached_data(folder: str, local: str) -> CalendarData:
    # Keyed by the data folder (VAKR_ROOT may change it) and the local file, both read at each call.
    return load_calendar_data(Path(folder) / "kz.yaml", local=local or None)


def load_calendar(path: str | Path | None = None, six_day_week: bool = False,
                  local: str | Path | None = None) -> KazakhstanCalendar:
    """A new calendar from a data file (default: data/calendar/kz.yaml) and a local file; not cached."""
    return KazakhstanCalendar(six_day_week=six_day_week, data=load_calendar_data(path, local))


def get_calendar(six_day_week: bool = False) -> KazakhstanCalendar:
    """The shared calendar of a week variant from the default data (and the local calendar file, if one is
    named); its index is built once too."""
    return _shared_calendar(bool(six_day_week), str(calendar_dir()), str(local_calendar_file() or ""))


@lru_cache(maxsize=8)
def _shared_calendar(six_day_week: bool, folder: str, local: str) -> KazakhstanCalendar:
    # Keyed by a plain bool, so get_calendar(), get_calendar(False) and get_calendar(six_day_week=False) agree.
    return KazakhstanCalendar(six_day_week=six_day_week, data=_cached_data(folder, local))


def roll_forward(day: Any, six_day_week: bool = False) -> dt.date:
    """The day itself if it is a working day, else the next one (a term ending on a day off moves forward)."""
    calendar = get_calendar(six_day_week)
    return calendar.index.next_working_day_on_or_after(calendar.check_date(day)).item()


def month_summary(year: int, six_day_week: bool = False) -> dict[str, Any]:
    """Working days per month with the exceptions to the week, JSON-ready (for the CLI and the handbook)."""
    calendar = get_calendar(six_day_week)
    year = calendar.check_year(year)
    as_items = lambda pairs: [{"date": day.isoformat(), "name": name} for day, name in pairs]  # noqa: E731
    off = calendar.non_working_weekdays(year)
    worked = calendar.working_weekends(year)
    days = np.arange(np.datetime64(f"{year}-01-01", "D"), np.datetime64(f"{year + 1}-01-01", "D"))
    working = calendar.index.is_working_day(days)
    month_of_day = days.astype("datetime64[M]").astype(int) % 12  # 0 = January
    months = [
        {
            "month": month,
            "name": MONTH_NAMES[month - 1],
            "working_days": int(working[month_of_day == month - 1].sum()),
            "non_working_weekdays": as_items((d, n) for d, n in off if d.month == month),
            "working_weekends": as_items((d, n) for d, n in worked if d.month == month),
        }
        for month in range(1, 13)
    ]
    status = calendar.year_status(year)
    return {
        "year": year,
        "six_day_week": bool(six_day_week),
        "status": "confirmed" if status.confirmed else "provisional",
        "provisional": not status.confirmed,
        "status_reason": status.reason,
        "acts": [act.model_dump(mode="json", exclude_none=True) for act in status.acts],
        "working_days_total": int(working.sum()),
        "months": months,
        "non_working_weekdays": as_items(off),
        "working_weekends": as_items(worked),
    }
