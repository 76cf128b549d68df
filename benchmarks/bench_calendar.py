"""Benchmark: the vectorised WorkingDayIndex against a day-by-day loop, on a ВАКР-like schedule.

10,000 random (seeded) end dates in 2023–2026, 9 working-day offsets each (90,000 dates). Run:

    python benchmarks/bench_calendar.py
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from vakr.calendar.kazakhstan import KazakhstanCalendar, get_calendar

N_DATES = 10_000
SEED = 20_251_125
# Offsets of a schedule from an end date: preparation steps before it, follow-up steps after it.
OFFSETS = np.array([-10, -5, -10, -5, 10, 5, 3, 1, 10])
FAST_REPEATS, SLOW_REPEATS = 20, 3


def best_of(repeats: int, run: Callable[[], Any]) -> tuple[Any, float]:
    """Result and best wall time of several runs (the machine may be busy; the minimum is the least noisy)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return result, min(times)


def random_dates(rng: np.random.Generator) -> np.ndarray:
    """End dates from 1 January 2023 to 30 November 2026, so that +10 working days stays inside the horizon."""
    first, last = np.datetime64("2023-01-01"), np.datetime64("2026-11-30")
    return first + rng.integers(0, (last - first).astype(int) + 1, N_DATES).astype("timedelta64[D]")


def step_loop(calendar: KazakhstanCalendar, day: dt.date, n: int) -> dt.date:
    """The slow path: walk one day at a time and count working days."""
    step = dt.timedelta(days=1 if n > 0 else -1)
    remaining = abs(n)
    while remaining:
        day += step
        if calendar.is_working_day(day):
            remaining -= 1
    return day


def main() -> None:
    calendar = get_calendar()
    dates = random_dates(np.random.default_rng(SEED))

    start = time.perf_counter()
    index = calendar.index  # built once per calendar variant, then cached
    build = time.perf_counter() - start

    fast, fast_time = best_of(FAST_REPEATS, lambda: index.add_working_days(dates[:, None], OFFSETS[None, :]))
    day_list = [d.item() for d in dates]
    slow, slow_time = best_of(
        SLOW_REPEATS, lambda: [[step_loop(calendar, day, int(n)) for n in OFFSETS] for day in day_list]
    )

    assert [[d.item() for d in row] for row in fast] == slow, "fast path and loop disagree"
    total = fast.size
    print(f"Даты: {N_DATES:,} × {len(OFFSETS)} сдвигов = {total:,} вычислений (seed {SEED}); результаты совпадают")
    print(f"Время: лучшее из {FAST_REPEATS} (быстрый путь) и из {SLOW_REPEATS} (цикл) прогонов")
    print(f"Построение индекса (один раз):      {build * 1e3:9.2f} мс")
    print(f"Быстрый путь (numpy.searchsorted):  {fast_time * 1e3:9.2f} мс  ({fast_time / total * 1e9:7.1f} нс на дату)")
    print(f"Цикл по дням (is_working_day):      {slow_time * 1e3:9.2f} мс  ({slow_time / total * 1e9:7.1f} нс на дату)")
    print(f"Ускорение: {slow_time / fast_time:,.0f}× (с построением индекса: {slow_time / (fast_time + build):,.0f}×)")


if __name__ == "__main__":
    main()
