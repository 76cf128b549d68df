"""Tests of vakr.calendar: full-year snapshots with Russian names, the rules around weekends, the horizon,
the data file, and the fast path against the slow path on every day of the horizon."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import holidays
import numpy as np
import pytest
import yaml

from vakr.calendar.data import DEFAULT_DATA_PATH, load_calendar_data, translate_name
from vakr.calendar.index import WorkingDayIndex
from vakr.calendar.kazakhstan import KazakhstanCalendar, get_calendar, load_calendar, month_summary, roll_forward
from vakr.cli import main
from vakr.errors import CalendarDataError, CalendarRangeError, VakrError

D = dt.date


@pytest.fixture(scope="module")
def cal() -> KazakhstanCalendar:
    return get_calendar()


@pytest.fixture(scope="module")
def cal6() -> KazakhstanCalendar:
    return get_calendar(six_day_week=True)


# ---------------------------------------------------------------------------------------------------------------
# Full-year snapshots (five-day week): every non-working weekday and every working weekend day, with its name
# ---------------------------------------------------------------------------------------------------------------

SNAPSHOTS = {
    2023: (
        [
            ("2023-01-02", "Новый год"),
            ("2023-01-03", "Новый год (перенос выходного дня)"),
            ("2023-03-08", "Международный женский день"),
            ("2023-03-21", "Наурыз мейрамы"),
            ("2023-03-22", "Наурыз мейрамы"),
            ("2023-03-23", "Наурыз мейрамы"),
            ("2023-05-01", "Праздник единства народа Казахстана"),
            ("2023-05-08", "День защитника Отечества (перенос выходного дня)"),
            ("2023-05-09", "День Победы"),
            ("2023-06-28", "Курбан айт"),
            ("2023-07-06", "День Столицы"),
            ("2023-07-07", "Выходной день (перенесён с 01.07.2023)"),
            ("2023-08-30", "День Конституции"),
            ("2023-10-25", "День Республики"),
            ("2023-12-18", "День Независимости (перенос выходного дня)"),
        ],
        [("2023-07-01", "Рабочий день (выходной перенесён на 07.07.2023)")],
    ),
    2024: (
        [
            ("2024-01-01", "Новый год"),
            ("2024-01-02", "Новый год"),
            ("2024-03-08", "Международный женский день"),
            ("2024-03-21", "Наурыз мейрамы"),
            ("2024-03-22", "Наурыз мейрамы"),
            ("2024-03-25", "Наурыз мейрамы (перенос выходного дня)"),
            ("2024-05-01", "Праздник единства народа Казахстана"),
            ("2024-05-07", "День защитника Отечества"),
            ("2024-05-08", "Выходной день (перенесён с 04.05.2024)"),
            ("2024-05-09", "День Победы"),
            ("2024-07-08", "День Столицы (перенос выходного дня)"),
            ("2024-08-30", "День Конституции"),
            ("2024-10-25", "День Республики"),
            ("2024-12-16", "День Независимости"),
        ],
        [("2024-05-04", "Рабочий день (выходной перенесён на 08.05.2024)")],
    ),
    2025: (
        [
            ("2025-01-01", "Новый год"),
            ("2025-01-02", "Новый год"),
            ("2025-01-03", "Выходной день (перенесён с 05.01.2025)"),
            ("2025-01-07", "Православное Рождество"),
            ("2025-03-10", "Международный женский день (перенос выходного дня)"),
            ("2025-03-21", "Наурыз мейрамы"),
            ("2025-03-24", "Наурыз мейрамы (перенос выходного дня)"),
            ("2025-03-25", "Наурыз мейрамы (перенос выходного дня)"),
            ("2025-05-01", "Праздник единства народа Казахстана"),
            ("2025-05-07", "День защитника Отечества"),
            ("2025-05-09", "День Победы"),
            ("2025-06-06", "Курбан айт"),
            ("2025-07-07", "День Столицы (перенос выходного дня)"),
            ("2025-09-01", "День Конституции (перенос выходного дня)"),
            ("2025-10-27", "День Республики (перенос выходного дня)"),
            ("2025-12-16", "День Независимости"),
        ],
        [("2025-01-05", "Рабочий день (выходной перенесён на 03.01.2025)")],
    ),
    2026: (
        [
            ("2026-01-01", "Новый год"),
            ("2026-01-02", "Новый год"),
            ("2026-01-07", "Православное Рождество"),
            ("2026-03-09", "Международный женский день (перенос выходного дня)"),
            ("2026-03-23", "Наурыз мейрамы"),
            ("2026-03-24", "Наурыз мейрамы (перенос выходного дня)"),
            ("2026-03-25", "Наурыз мейрамы (перенос выходного дня)"),
            ("2026-05-01", "Праздник единства народа Казахстана"),
            ("2026-05-07", "День защитника Отечества"),
            ("2026-05-11", "День Победы (перенос выходного дня)"),
            # The package still estimates the lunar date (27 May 2026 as announced); the data confirms the year,
            # so the label is no longer «ориентировочно».
            ("2026-05-27", "Курбан айт"),
            ("2026-07-06", "День Столицы"),
            ("2026-10-26", "День Республики (перенос выходного дня)"),
            ("2026-12-16", "День Независимости"),
        ],
        [],  # no transfer of days off in 2026
    ),
}


def _pairs(items):
    return [(D.fromisoformat(day), name) for day, name in items]


@pytest.mark.parametrize("year", sorted(SNAPSHOTS))
def test_full_year_snapshot(cal, year):
    off, worked = SNAPSHOTS[year]
    assert cal.non_working_weekdays(year) == _pairs(off)
    assert cal.working_weekends(year) == _pairs(worked)


@pytest.mark.parametrize("year", sorted(SNAPSHOTS))
def test_snapshot_is_the_whole_story(cal, year):
    """Working days = Monday–Friday, minus the listed days off, plus the listed working weekend days."""
    off, worked = (set(day for day, _ in _pairs(items)) for items in SNAPSHOTS[year])
    day = D(year, 1, 1)
    while day.year == year:
        expected = (day.weekday() < 5 and day not in off) or day in worked
        assert cal.is_working_day(day) is expected, day
        day += dt.timedelta(days=1)


def test_holidays_list_includes_weekend_holidays(cal):
    days = dict(cal.holidays(2025))
    assert days[D(2025, 3, 8)] == "Международный женский день"  # Saturday
    assert days[D(2025, 3, 22)] == "Наурыз мейрамы"  # Saturday
    assert days[D(2025, 8, 30)] == "День Конституции"  # Saturday
    assert cal.holidays(2025) == sorted(cal.holidays(2025))
    assert all(isinstance(day, D) and isinstance(name, str) for day, name in cal.holidays(2025))


# ---------------------------------------------------------------------------------------------------------------
# Working days per month and per year
# ---------------------------------------------------------------------------------------------------------------

# Five-day week, derived by hand from the snapshots above: Monday–Friday of the month, minus non-working
# weekdays, plus working weekend days. Official 2025 figure: 246 (= 261 weekdays - 16 days off + 1 worked Sunday).
MONTHS_2024 = [21, 21, 17, 22, 20, 20, 22, 21, 21, 22, 21, 21]  # 249 (262 - 14 + 1; 17 June worked)
MONTHS_2025 = [20, 20, 17, 22, 19, 20, 22, 21, 21, 22, 20, 22]  # 246


@pytest.mark.parametrize(("year", "months", "total"), [(2024, MONTHS_2024, 249), (2025, MONTHS_2025, 246)])
def test_working_days_per_month(year, months, total):
    summary = month_summary(year)
    assert [m["working_days"] for m in summary["months"]] == months
    assert summary["working_days_total"] == sum(months) == total


def test_working_days_2025_total_three_ways(cal):
    assert month_summary(2025)["working_days_total"] == 246
    assert cal.get_working_days_delta(D(2025, 1, 1), D(2025, 12, 31), include_start=True) == 246
    weekdays = sum(1 for i in range(365) if (D(2025, 1, 1) + dt.timedelta(days=i)).weekday() < 5)
    assert weekdays - len(cal.non_working_weekdays(2025)) + len(cal.working_weekends(2025)) == 246


def test_working_days_2026_without_constitution_day():
    # Calendars published in late 2025 said 246 with 31 August off; after the 2026 change it is 247.
    summary = month_summary(2026)
    assert summary["working_days_total"] == 247
    assert summary["months"][0]["working_days"] == 19  # January 2026, as published
    assert summary["months"][7]["working_days"] == 21  # August: 31 August is a working Monday


# ---------------------------------------------------------------------------------------------------------------
# Rules around weekends
# ---------------------------------------------------------------------------------------------------------------


def test_kurban_ait_2024_on_sunday_does_not_move(cal):
    assert cal.get_holiday_label(D(2024, 6, 16)) == "Курбан айт"
    assert cal.is_working_day(D(2024, 6, 17))
    assert cal.get_holiday_label(D(2024, 6, 17)) is None


@pytest.mark.parametrize(("christmas", "next_monday"), [(D(2023, 1, 7), D(2023, 1, 9)), (D(2024, 1, 7), D(2024, 1, 8))])
def test_christmas_on_weekend_does_not_move(cal, christmas, next_monday):
    assert christmas.weekday() >= 5
    assert cal.get_holiday_label(christmas) == "Православное Рождество"
    assert cal.is_working_day(next_monday)


def test_christmas_and_kurban_ait_never_observed(cal):
    names = [name for year in range(2020, 2027) for _, name in cal.holidays(year)]
    assert not [n for n in names if n.startswith(("Православное Рождество (", "Курбан айт (перенос"))]


@pytest.mark.parametrize(
    ("year", "days_off", "first_working_after"),
    [
        (2023, ["03-21", "03-22", "03-23"], "03-24"),  # Tuesday–Thursday
        (2024, ["03-21", "03-22", "03-23", "03-24", "03-25"], "03-26"),  # Saturday 23 -> Monday 25
        (2025, ["03-21", "03-22", "03-23", "03-24", "03-25"], "03-26"),  # Saturday, Sunday -> Monday, Tuesday
        (2026, ["03-21", "03-22", "03-23", "03-24", "03-25"], "03-26"),  # Saturday, Sunday -> Tuesday, Wednesday
    ],
)
def test_nauryz_around_weekends(cal, year, days_off, first_working_after):
    for day in days_off:
        assert not cal.is_working_day(D.fromisoformat(f"{year}-{day}")), day
    assert cal.is_working_day(D.fromisoformat(f"{year}-{first_working_after}"))
    assert cal.find_following_working_day(D(year, 3, 21)) == D.fromisoformat(f"{year}-{first_working_after}")


def test_constitution_day_2026_is_no_holiday(cal):
    assert cal.get_holiday_label(D(2026, 8, 30)) is None
    assert cal.is_working_day(D(2026, 8, 31))  # would have been the Monday off
    assert not [name for _, name in cal.holidays(2026) if "Конституции" in name]
    assert cal.get_holiday_label(D(2025, 8, 30)) == "День Конституции"
    assert not cal.is_working_day(D(2025, 9, 1))


def test_transfer_2025(cal):
    assert cal.is_working_day(D(2025, 1, 5))  # Sunday worked
    assert not cal.is_holiday(D(2025, 1, 5))
    assert not cal.is_working_day(D(2025, 1, 3))  # Friday off
    assert cal.get_holiday_label(D(2025, 1, 3)) == "Выходной день (перенесён с 05.01.2025)"
    assert cal.add_working_days(D(2025, 1, 2), 1) == D(2025, 1, 5)
    assert cal.sub_working_days(D(2025, 1, 6), 1) == D(2025, 1, 5)


@pytest.mark.parametrize(("worked", "off"), [(D(2023, 7, 1), D(2023, 7, 7)), (D(2024, 5, 4), D(2024, 5, 8))])
def test_transfers_2023_2024(cal, worked, off):
    assert worked.weekday() == 5 and cal.is_working_day(worked)
    assert off.weekday() < 5 and not cal.is_working_day(off)


# ---------------------------------------------------------------------------------------------------------------
# Six-day week
# ---------------------------------------------------------------------------------------------------------------


def test_six_day_week(cal6):
    assert cal6.is_working_day(D(2025, 3, 29))  # a Saturday without holiday
    assert not cal6.is_working_day(D(2025, 3, 22))  # Saturday of Nauryz
    assert not cal6.is_working_day(D(2025, 3, 30))  # Sunday
    assert cal6.is_working_day(D(2025, 1, 5))  # the transferred Sunday is worked too
    assert not cal6.is_working_day(D(2025, 3, 10))  # assumption: same days off as the five-day week
    assert cal6.working_weekends(2023) == []  # Saturday 1 July 2023 is an ordinary working day
    assert cal6.working_weekends(2025) == [(D(2025, 1, 5), "Рабочий день (выходной перенесён на 03.01.2025)")]
    saturdays_off = [day for day, _ in cal6.non_working_weekdays(2025) if day.weekday() == 5]
    assert saturdays_off == [D(2025, 3, 8), D(2025, 3, 22), D(2025, 8, 30), D(2025, 10, 25)]


def test_six_day_week_totals():
    # 313 days that are not Sundays - 16 weekday days off - 4 Saturday holidays + 1 worked Sunday
    summary = month_summary(2025, six_day_week=True)
    assert summary["six_day_week"] is True
    assert summary["working_days_total"] == 294
    assert month_summary(2026, six_day_week=True)["months"][0]["working_days"] == 24  # January 2026, as published


# ---------------------------------------------------------------------------------------------------------------
# workalendar API
# ---------------------------------------------------------------------------------------------------------------


def test_add_sub_working_days_examples(cal):
    assert cal.sub_working_days(D(2025, 3, 3), 5) == D(2025, 2, 24)
    assert cal.add_working_days(D(2025, 2, 28), 10) == D(2025, 3, 17)  # across 10, 21–25 March
    assert cal.add_working_days(D(2025, 3, 3), -5) == D(2025, 2, 24)
    assert cal.add_working_days(D(2025, 3, 22), 0) == D(2025, 3, 22)  # workalendar: delta 0 keeps the day
    assert cal.add_working_days(dt.datetime(2025, 2, 28, 15, 30), 10) == D(2025, 3, 17)


def test_working_days_delta(cal):
    # 11–14, 17–20, 26–28 and 31 March (10 and 21–25 March are days off; the start day is not counted)
    assert cal.get_working_days_delta(D(2025, 3, 7), D(2025, 3, 31)) == 12
    assert cal.get_working_days_delta(D(2025, 3, 31), D(2025, 3, 7)) == 12
    assert cal.get_working_days_delta(D(2025, 1, 1), D(2025, 1, 10)) == 5  # 5, 6, 8, 9, 10 January


def test_extra_lists_keep_workalendar_semantics(cal):
    assert cal.is_working_day(D(2025, 3, 22), extra_working_days=[D(2025, 3, 22)])
    assert not cal.is_working_day(D(2025, 3, 26), extra_holidays=[D(2025, 3, 26)])
    assert not cal.is_working_day(D(2025, 1, 5), extra_holidays=[D(2025, 1, 5)])


def test_holiday_label_and_ical(cal):
    assert cal.get_holiday_label(D(2025, 3, 22)) == "Наурыз мейрамы"
    assert cal.get_holiday_label(D(2025, 3, 26)) is None
    ics = cal.export_to_ical()  # default period is the horizon
    assert "SUMMARY:Курбан айт" in ics and "DTSTART;VALUE=DATE:20200101" in ics


def test_find_following_working_day_honours_holidays(cal):
    assert cal.find_following_working_day(D(2025, 3, 22)) == D(2025, 3, 26)
    assert cal.find_following_working_day(D(2025, 1, 4)) == D(2025, 1, 5)  # the worked Sunday


def test_get_calendar_is_cached(cal):
    assert get_calendar() is cal
    assert get_calendar().index is cal.index
    assert get_calendar(False) is get_calendar(six_day_week=False) is cal
    assert get_calendar(six_day_week=True) is get_calendar(True) is not cal


# ---------------------------------------------------------------------------------------------------------------
# Horizon and bad input
# ---------------------------------------------------------------------------------------------------------------

RANGE_PREFIX = "Календарь рабочих дней Казахстана известен на 2020–2035 годы; "


def test_out_of_range_message(cal):
    with pytest.raises(CalendarRangeError) as error:
        cal.is_working_day(D(2036, 1, 4))
    assert str(error.value) == RANGE_PREFIX + "дата 2036-01-04 вне этого диапазона."
    assert isinstance(error.value, VakrError)


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.is_working_day(D(2019, 12, 31)),
        lambda c: c.is_holiday(D(2036, 1, 1)),
        lambda c: c.holidays(2036),
        lambda c: c.holidays(2019),
        lambda c: c.get_holiday_label(D(2036, 1, 1)),
        lambda c: c.add_working_days(D(2036, 1, 4), 1),
        lambda c: c.add_working_days(D(2019, 12, 31), 1),  # the start day counts too
        lambda c: c.add_working_days(D(2035, 12, 28), 5),  # walks past 31 December 2035
        lambda c: c.sub_working_days(D(2020, 1, 3), 2),  # walks before 1 January 2020
        lambda c: c.get_working_days_delta(D(2035, 12, 1), D(2036, 1, 10)),
        lambda c: c.find_following_working_day(D(2036, 1, 1)),
        lambda c: c.working_weekends(2036),
        lambda c: c.year_status(2036),
        lambda c: c.index.add_working_days([D(2025, 1, 1), D(2035, 12, 28)], 5),
        lambda c: c.index.add_working_days([D(2020, 1, 3)], -2),
        lambda c: c.index.is_working_day([D(2036, 1, 4)]),
        lambda c: c.index.next_working_day_on_or_after(np.array(["2019-12-31"], dtype="datetime64[D]")),
    ],
)
def test_out_of_range_raises(cal, call):
    with pytest.raises(CalendarRangeError, match="^Календарь рабочих дней Казахстана известен на 2020–2035"):
        call(cal)


def test_walk_past_horizon_message(cal):
    with pytest.raises(CalendarRangeError) as slow:
        cal.add_working_days(D(2035, 12, 28), 5)
    with pytest.raises(CalendarRangeError) as fast:
        cal.index.add_working_days(D(2035, 12, 28), 5)
    expected = RANGE_PREFIX + "5-й рабочий день после 2035-12-28 выходит за этот диапазон."
    assert str(slow.value) == str(fast.value) == expected


def test_helpers_out_of_range():
    with pytest.raises(CalendarRangeError, match="2036 год вне этого диапазона"):
        month_summary(2036)
    with pytest.raises(CalendarRangeError):
        roll_forward(D(2036, 1, 1))


@pytest.mark.parametrize("value", ["2025-01-01", 20250101, None, 2025.0])
def test_bad_date_types(cal, value):
    with pytest.raises(TypeError, match="Ожидалась дата"):
        cal.is_working_day(value)
    with pytest.raises(TypeError, match="Ожидалась дата"):
        cal.add_working_days(value, 1)


@pytest.mark.parametrize("delta", [1.5, "3", None])
def test_bad_delta_types(cal, delta):
    with pytest.raises(TypeError, match="Число рабочих дней"):
        cal.add_working_days(D(2025, 1, 1), delta)
    with pytest.raises(TypeError, match="Число рабочих дней"):
        cal.index.add_working_days([D(2025, 1, 1)], delta)


def test_bad_types_fast_path(cal):
    with pytest.raises(TypeError):
        cal.index.is_working_day(["2025-01-01"])
    with pytest.raises(TypeError):
        cal.index.is_working_day([20250101])
    with pytest.raises(TypeError, match="NaT"):
        cal.index.is_working_day(np.array(["2025-01-01", "NaT"], dtype="datetime64[D]"))
    with pytest.raises(TypeError):
        month_summary("2025")


PROVISIONAL = range(2027, 2036)


def test_year_status_confirmed_and_provisional(cal):
    assert [cal.year_status(y).confirmed for y in range(2020, 2036)] == [True] * 7 + [False] * 9
    status = cal.year_status(2027)
    assert status.reason == ("акт о переносе дней отдыха на 2027 год ещё не опубликован; дата Курбан айта"
                             " (16.05.2027) — ориентировочная")
    assert cal.year_status(2026).reason.startswith("Переносов дней отдыха на 2026 год не было")
    assert [a.number for a in cal.year_status(2023).acts] == ["326"]
    assert cal.provisional_reason(D(2026, 3, 2), D(2026, 12, 31)) is None
    assert cal.provisional_reason(D(2026, 12, 1), D(2027, 1, 10)) == f"календарь 2027 года предварительный: {status.reason}"


def test_transfers_data_matches_the_package():
    """The acts of transfers.yaml list exactly the transfers the package knows for their years."""
    data = load_calendar_data()
    for year in range(2020, 2026):
        package = holidays.KZ(years=year, language="en_US")
        substituted = {day for day, name in package.items() if name.startswith("Day off (substituted from")}
        worked = {day for day in package.weekend_workdays if day.year == year}  # the package adds 28.12.2013
        ours = [t for a in data.years[year].acts for t in a.transfers]
        assert {t.day_off for t in ours} == substituted, year
        # A decree may also move a Law's moved day off (2020: Monday 11 May → Friday 8 May), not only a weekend day.
        assert {t.working_day for t in ours if t.working_day.weekday() >= 5} == worked, year


@pytest.mark.parametrize("year", PROVISIONAL)
def test_package_has_no_transfer_for_a_provisional_year(year):
    """Fails when the package learns a transfer of a provisional year: add its act to data/calendar/transfers.yaml
    (the year becomes confirmed) — on purpose, not silently."""
    package = holidays.KZ(years=year, language="en_US")
    assert [day for day in package.weekend_workdays if day.year == year] == []
    assert [name for name in package.values() if name.startswith("Day off")] == []


# Working days by month of every confirmed year since 2023 (five-day week), pinned so that an upgrade of `holidays`
# cannot change them silently; 2027 is provisional (no transfer act yet, Kurban ait estimated on a Sunday).
WORKING_DAYS = {
    2023: [20, 20, 19, 20, 20, 21, 20, 22, 21, 21, 22, 20],
    2024: [21, 21, 17, 22, 20, 20, 22, 21, 21, 22, 21, 21],
    2025: [20, 20, 17, 22, 19, 20, 22, 21, 21, 22, 20, 22],
    2026: [19, 20, 18, 22, 17, 22, 22, 21, 22, 21, 21, 22],
    2027: [18, 20, 18, 22, 18, 22, 21, 22, 22, 20, 22, 22],
}
TOTALS = {2023: 246, 2024: 249, 2025: 246, 2026: 247, 2027: 247}


@pytest.mark.parametrize("year", sorted(WORKING_DAYS))
def test_working_days_of_each_month_are_pinned(year):
    summary = month_summary(year)
    assert [m["working_days"] for m in summary["months"]] == WORKING_DAYS[year]
    assert summary["working_days_total"] == TOTALS[year] == sum(WORKING_DAYS[year])
    assert summary["provisional"] == (year == 2027)


# ---------------------------------------------------------------------------------------------------------------
# Names and the data file
# ---------------------------------------------------------------------------------------------------------------


def test_every_package_name_is_translated():
    data = load_calendar_data()
    package = holidays.KZ(years=range(2020, 2036), language="en_US")
    names = {name for day in package for name in package.get_list(day)}
    assert len(names) > 15
    untranslated = sorted(name for name in names if not translate_name(name, data)[1])
    assert untranslated == []
    assert get_calendar().untranslated_names == set()


def test_translate_name_labels_and_fallback():
    data = load_calendar_data()
    assert translate_name("Nowruz Holiday (observed)", data) == ("Наурыз мейрамы (перенос выходного дня)", True)
    assert translate_name("Eid al-Adha (estimated)", data) == ("Курбан айт (ориентировочно)", True)
    # The package's en_US dates are MM/DD/YYYY: 05/04/2024 is 4 May 2024 (Saturday worked, 8 May off).
    substituted = translate_name("Day off (substituted from 05/04/2024)", data)
    assert substituted == ("Выходной день (перенесён с 04.05.2024)", True)
    assert translate_name("Some New Day", data) == ("Some New Day", False)
    assert translate_name("Some New Day (observed)", data) == ("Some New Day (перенос выходного дня)", False)


def _write_data(tmp_path: Path, **changes) -> Path:
    raw = yaml.safe_load(DEFAULT_DATA_PATH.read_text(encoding="utf-8"))
    raw.update(changes)
    path = tmp_path / "kz.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (tmp_path / "transfers.yaml").write_text(
        (DEFAULT_DATA_PATH.parent / "transfers.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return path


ACT_2027 = {"title": "Приказ Министра труда и социальной защиты населения РК «О переносе дня отдыха в 2027 году»"
                     " (пример)", "number": "500", "date": "2026-12-15", "url": "https://adilet.zan.kz/rus/docs/example",
            "transfers": [{"day_off": "2027-07-05", "working_day": "2027-07-03"}]}


def _local(tmp_path: Path, years: list) -> Path:
    path = tmp_path / "мой-календарь.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "years": years}, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def test_local_act_confirms_a_year_and_moves_its_days(tmp_path):
    local = _local(tmp_path, [{"year": 2027, "status": "confirmed", "acts": [ACT_2027]}])
    calendar = load_calendar(local=local)
    assert not calendar.is_working_day(D(2027, 7, 5))  # a Monday before Capital Day, now a day off
    assert calendar.get_holiday_label(D(2027, 7, 5)) == "Выходной день (перенесён с 03.07.2027)"
    assert calendar.is_working_day(D(2027, 7, 3))  # a Saturday, now worked
    assert (D(2027, 7, 3), "Рабочий день (выходной перенесён на 05.07.2027)") in calendar.working_weekends(2027)
    assert calendar.index.is_working_day([D(2027, 7, 5), D(2027, 7, 3)]).tolist() == [False, True]
    status = calendar.year_status(2027)
    assert status.confirmed and status.acts[0].number == "500"
    assert "«О переносе дня отдыха в 2027 году» (пример) от 15.12.2026 № 500" in status.reason
    assert get_calendar().is_working_day(D(2027, 7, 5))  # the shared calendar is untouched
    assert calendar.data.local_file == str(local)


def test_local_file_through_the_environment_and_the_cli(tmp_path, monkeypatch, capsys):
    local = _local(tmp_path, [{"year": 2027, "acts": [ACT_2027]}])
    monkeypatch.setenv("VAKR_CALENDAR", str(local))
    assert not get_calendar().is_working_day(D(2027, 7, 5))
    assert month_summary(2027)["status"] == "confirmed"
    monkeypatch.delenv("VAKR_CALENDAR")
    assert get_calendar().is_working_day(D(2027, 7, 5))
    assert main(["--calendar", str(local), "calendar", "2027"]) == 0
    out = capsys.readouterr().out
    assert "Статус: подтверждён" in out and "05.07.2027 нерабочий: Выходной день (перенесён с 03.07.2027)" in out
    monkeypatch.delenv("VAKR_CALENDAR")
    assert main(["--calendar", str(tmp_path / "нет.yaml"), "calendar", "2027"]) == 2
    assert "--calendar: файл «" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("years", "fragment"),
    [
        ([{"year": 2027, "acts": [{**ACT_2027, "transfers": [{"day_off": "2027-07-07", "working_day": "2027-07-08"}]}]}],
         "оба дня по закону — рабочие дни"),
        ([{"year": 2027, "acts": [{**ACT_2027, "transfers": [{"day_off": "2027-05-10", "working_day": "2027-05-08"}]}]}],
         "10.05.2027 и без переноса — нерабочий день"),  # Victory Day (Sunday) already moved to that Monday
        ([{"year": 2040, "acts": [ACT_2027]}], "неизвестный год — календарь ведётся на 2020–2035 годы"),
        ([{"year": 2027, "acts": []}, {"year": 2027, "acts": []}], "years[1] (2027): год указан повторно"),
        ([{"year": 2027, "acts": [ACT_2027, copy.deepcopy(ACT_2027)]}],
         "дата 05.07.2027 уже указана в years[0] (2027).acts[0]"),
        ([{"year": 2027, "acts": [{**ACT_2027, "number": None}]}], "укажите номер (number) и дату (date) акта"),
        ([{"year": 2028, "acts": [ACT_2027]}], "дата 05.07.2027 не относится к 2028 году"),
        ([{"year": 2027, "acts": [{**ACT_2027, "date": "2026-02-30"}]}], "years.0.acts.0.date: ожидается дата"),
        ([{"year": 2027, "status": "maybe"}], "ожидается confirmed или provisional"),
    ],
)
def test_local_file_errors_name_the_file_and_place(tmp_path, years, fragment):
    local = _local(tmp_path, years)
    with pytest.raises(CalendarDataError) as error:
        load_calendar(local=local)
    assert str(local) in str(error.value)
    assert fragment in str(error.value)


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"last_year": 2019}, "больше last_year"),
        ({"names": {"Victory Day": " "}}, "пустой русский перевод"),
        ({"unexpected": 1}, "unexpected"),
        ({"min_holidays_version": "99.0"}, "требует пакет holidays >= 99.0"),
    ],
)
def test_data_errors_name_the_file(tmp_path, changes, fragment):
    path = _write_data(tmp_path, **changes)
    with pytest.raises(CalendarDataError) as error:
        load_calendar(path)
    assert str(path) in str(error.value)
    assert fragment in str(error.value)
    assert isinstance(error.value, VakrError)


def test_data_file_missing_or_not_yaml(tmp_path):
    with pytest.raises(CalendarDataError, match="Не удалось прочитать"):
        load_calendar_data(tmp_path / "none.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("first_year: [2020\n", encoding="utf-8")
    with pytest.raises(CalendarDataError, match="ошибка синтаксиса YAML"):
        load_calendar_data(broken)
    listed = tmp_path / "list.yaml"
    listed.write_text("- 2020\n", encoding="utf-8")
    with pytest.raises(CalendarDataError, match="ожидался словарь"):
        load_calendar_data(listed)


# ---------------------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------------------


def test_month_summary_shape():
    summary = month_summary(2025)
    keys = ["year", "six_day_week", "status", "provisional", "status_reason", "acts", "working_days_total", "months",
            "non_working_weekdays", "working_weekends"]
    assert list(summary) == keys
    assert json.loads(json.dumps(summary, ensure_ascii=False)) == summary
    assert (summary["status"], summary["provisional"]) == ("confirmed", False)
    assert summary["acts"][0]["transfers"] == [{"day_off": "2025-01-03", "working_day": "2025-01-05"}]
    assert summary["months"][0] == {
        "month": 1,
        "name": "Январь",
        "working_days": 20,
        "non_working_weekdays": [
            {"date": "2025-01-01", "name": "Новый год"},
            {"date": "2025-01-02", "name": "Новый год"},
            {"date": "2025-01-03", "name": "Выходной день (перенесён с 05.01.2025)"},
            {"date": "2025-01-07", "name": "Православное Рождество"},
        ],
        "working_weekends": [{"date": "2025-01-05", "name": "Рабочий день (выходной перенесён на 03.01.2025)"}],
    }
    assert [m["name"] for m in summary["months"]][-1] == "Декабрь"
    assert summary["working_weekends"] == summary["months"][0]["working_weekends"]
    assert len(summary["non_working_weekdays"]) == 16
    assert summary["non_working_weekdays"] == [item for m in summary["months"] for item in m["non_working_weekdays"]]


def test_roll_forward():
    assert roll_forward(D(2025, 3, 19)) == D(2025, 3, 19)
    assert roll_forward(D(2025, 3, 22)) == D(2025, 3, 26)
    assert roll_forward(D(2025, 1, 4)) == D(2025, 1, 5)
    assert roll_forward(D(2025, 3, 29)) == D(2025, 3, 31)
    assert roll_forward(D(2025, 3, 29), six_day_week=True) == D(2025, 3, 29)
    assert isinstance(roll_forward(dt.datetime(2025, 3, 22, 9)), D)


# ---------------------------------------------------------------------------------------------------------------
# Fast path = slow path, on every day of the horizon, both variants
# ---------------------------------------------------------------------------------------------------------------

ALL_DAYS = [D(2020, 1, 1) + dt.timedelta(days=i) for i in range((D(2035, 12, 31) - D(2020, 1, 1)).days + 1)]


@pytest.mark.parametrize("six_day_week", [False, True])
def test_fast_is_working_day_and_roll_forward(six_day_week):
    calendar = get_calendar(six_day_week)
    index = calendar.index
    slow = [calendar.is_working_day(day) for day in ALL_DAYS]
    assert index.is_working_day(ALL_DAYS).tolist() == slow
    assert index.days.dtype == np.dtype("datetime64[D]") and len(index.days) == sum(slow)
    rollable = ALL_DAYS[: -1]  # 31 December 2035 is a Monday, a working day anyway
    expected = [calendar.find_following_working_day(day) for day in rollable]
    assert [d.item() for d in index.next_working_day_on_or_after(rollable)] == expected


@pytest.mark.parametrize("six_day_week", [False, True])
@pytest.mark.parametrize("n", [-10, -5, -1, 1, 3, 10])
def test_fast_add_working_days_equals_slow(six_day_week, n):
    calendar = get_calendar(six_day_week)
    inside, outside, expected = [], [], []
    for day in ALL_DAYS:
        try:
            expected.append(calendar.add_working_days(day, n))
            inside.append(day)
        except CalendarRangeError:
            outside.append(day)
    assert [d.item() for d in calendar.index.add_working_days(inside, n)] == expected
    assert 0 < len(outside) < 20  # only days near the edges of the horizon
    for day in outside:
        with pytest.raises(CalendarRangeError):
            calendar.index.add_working_days([day], n)


def test_fast_path_broadcasts_offsets(cal):
    dates = np.array(["2025-03-03", "2025-02-28", "2025-01-02"], dtype="datetime64[D]")
    result = cal.index.add_working_days(dates[:, None], np.array([-5, 10, 0]))
    assert result.shape == (3, 3)
    assert result[0, 0] == np.datetime64("2025-02-24") and result[1, 1] == np.datetime64("2025-03-17")
    assert result[2, 2] == np.datetime64("2025-01-02")
    assert cal.index.add_working_days(D(2025, 1, 2), 1) == np.datetime64("2025-01-05")
    assert isinstance(WorkingDayIndex.from_calendar(cal), WorkingDayIndex)
