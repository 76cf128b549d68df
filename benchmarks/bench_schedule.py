"""Benchmark (not a test): ВАКР schedules for 10,000 organisations, batch path vs a day-by-day loop.

    .venv/bin/python benchmarks/bench_schedule.py

The batch path is :func:`vakr.calendar.deadlines.batch_schedules` (numpy searchsorted over the working-day index); the loop
computes each organisation's schedule with :func:`vakr.calendar.deadlines.vakr_schedule`, which walks the calendar one day
at a time through workalendar's API. Both give the same dates (checked here too).
"""

from __future__ import annotations

import time

import numpy as np

from vakr.calendar.deadlines import batch_schedules, vakr_schedule
from vakr.calendar.kazakhstan import get_calendar
from vakr.methodology.loader import load_catalogue

N = 10_000


def main() -> None:
    catalogue = load_catalogue()
    _ = get_calendar().index  # build the shared calendar and its index once, outside the timings
    rng = np.random.default_rng(2025)
    starts = np.datetime64("2023-01-16") + rng.integers(0, 2 * 365 + 250, size=N)  # monitoring (a year later) stays within 2026
    ends = starts + rng.integers(20, 60, size=N)
    # both ends on working days, as a real order would set them
    index = get_calendar().index
    starts, ends = index.next_working_day_on_or_after(starts), index.next_working_day_on_or_after(ends)

    t0 = time.perf_counter()
    batch = batch_schedules(starts, ends, catalogue=catalogue)
    fast = time.perf_counter() - t0

    t0 = time.perf_counter()
    slow = [vakr_schedule(s.item(), e.item(), catalogue=catalogue) for s, e in zip(starts, ends)]
    loop = time.perf_counter() - t0

    for i, schedule in enumerate(slow):
        for event in schedule.events:
            assert batch[event.code][i].item() == event.date
    print(f"ВАКР schedules for {N:,} organisations (9 events each)")
    print(f"  batch path (numpy searchsorted): {fast * 1000:8.1f} ms")
    print(f"  day-by-day loop (workalendar):   {loop * 1000:8.1f} ms")
    print(f"  speed-up: {loop / fast:.0f}×")


if __name__ == "__main__":
    main()
