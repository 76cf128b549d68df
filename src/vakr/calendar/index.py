"""The fast path: working days as a sorted ``datetime64[D]`` array, for batches of dates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from vakr.calendar.data import _as_date, _range_message
from vakr.errors import CalendarRangeError

if TYPE_CHECKING:
    from vakr.calendar.kazakhstan import KazakhstanCalendar


# --------------------------------------------------------------------------------------------------------------
# Fast path
# --------------------------------------------------------------------------------------------------------------


def _ordinal_detail(date: np.datetime64, n: int) -> str:
    direction = "после" if n >= 0 else "до"
    return f"{abs(n)}-й рабочий день {direction} {date} выходит за этот диапазон."


@dataclass(frozen=True, eq=False)
class WorkingDayIndex:
    """All working days of the horizon as a sorted ``datetime64[D]`` array; batch answers via searchsorted.

    ``numpy.busday_offset`` cannot express a working Saturday or Sunday; a list of the actual working days can.
    Inputs are array-likes of dates (``datetime.date``, ``datetime64``); results have the input's shape (a
    numpy scalar for a single date).
    """

    days: np.ndarray
    first_year: int
    last_year: int

    @classmethod
    def from_calendar(cls, calendar: KazakhstanCalendar) -> WorkingDayIndex:
        every_day = np.arange(
            np.datetime64(calendar.first_day, "D"), np.datetime64(calendar.last_day, "D") + 1, dtype="datetime64[D]"
        )
        working = np.fromiter((calendar.is_working_day(day.item()) for day in every_day), bool, len(every_day))
        days = every_day[working]
        days.setflags(write=False)
        return cls(days=days, first_year=calendar.first_year, last_year=calendar.last_year)

    @property
    def first_day(self) -> np.datetime64:
        return np.datetime64(f"{self.first_year}-01-01", "D")

    @property
    def last_day(self) -> np.datetime64:
        return np.datetime64(f"{self.last_year}-12-31", "D")

    def _dates(self, dates: Any) -> np.ndarray:
        """A checked ``datetime64[D]`` array: no strings or numbers, no NaT, nothing outside the horizon."""
        array = np.asarray(dates)
        if array.dtype.kind == "O":
            array = np.vectorize(_as_date, otypes=[object])(array) if array.size else array
            array = array.astype("datetime64[D]")
        elif array.dtype.kind == "M":
            array = array.astype("datetime64[D]")
        else:
            raise TypeError(f"Ожидались даты (datetime.date или datetime64), получен массив типа {array.dtype}")
        if np.isnat(array).any():
            raise TypeError("В массиве дат есть пустое значение (NaT)")
        outside = (array < self.first_day) | (array > self.last_day)
        if outside.any():
            bad = array[outside].flat[0]
            raise CalendarRangeError(
                _range_message(self.first_year, self.last_year, f"дата {bad} вне этого диапазона.")
            )
        return array

    def is_working_day(self, dates: Any) -> np.ndarray:
        """Boolean array: is each date a working day?"""
        array = self._dates(dates)
        pos = np.searchsorted(self.days, array, side="left")
        return ((pos < len(self.days)) & (self.days[np.minimum(pos, len(self.days) - 1)] == array))[()]

    def next_working_day_on_or_after(self, dates: Any) -> np.ndarray:
        """Each date if it is a working day, else the next working day (a term's last day rolls forward)."""
        array = self._dates(dates)
        pos = np.searchsorted(self.days, array, side="left")
        if (pos >= len(self.days)).any():
            bad = array[pos >= len(self.days)].flat[0]
            detail = f"после {bad} нет рабочего дня в этом диапазоне."
            raise CalendarRangeError(_range_message(self.first_year, self.last_year, detail))
        return self.days[pos][()]

    def add_working_days(self, dates: Any, n: Any) -> np.ndarray:
        """The n-th working day after each date (the date itself not counted); n < 0 counts back; n = 0 keeps it.

        Same answers as ``KazakhstanCalendar.add_working_days``; ``n`` is an int or an int array broadcast
        against ``dates``.
        """
        array = self._dates(dates)
        steps = np.asarray(n)
        if steps.dtype.kind not in "iu":
            raise TypeError(f"Число рабочих дней: ожидались целые числа, получен тип {steps.dtype}")
        # Search before broadcasting: one search per date, not per (date, offset).
        right = np.searchsorted(self.days, array, side="right")  # index of the first working day > date
        left = np.searchsorted(self.days, array, side="left")  # left - 1: the last working day < date
        array, steps, right, left = np.broadcast_arrays(array, steps.astype(np.int64), right, left)
        pos = np.where(steps > 0, right + steps - 1, left + steps)
        outside = (steps != 0) & ((pos < 0) | (pos >= len(self.days)))
        if outside.any():
            where = np.argwhere(outside)[0]
            detail = _ordinal_detail(array[tuple(where)], int(steps[tuple(where)]))
            raise CalendarRangeError(_range_message(self.first_year, self.last_year, detail))
        return np.where(steps == 0, array, self.days[np.clip(pos, 0, len(self.days) - 1)])[()]
