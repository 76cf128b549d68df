"""Russian spelling of dates and counts for documents, tables and messages."""

from __future__ import annotations

import datetime as dt

MONTHS_NOMINATIVE = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip
MONTH_TITLES = tuple(m.capitalize() for m in MONTHS_NOMINATIVE)  # «Январь» as a table's row title
MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
WEEKDAYS_SHORT = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")


def long_date(day: dt.date | None) -> str:
    """«7 декабря 2022 года» — the form of dates in Kazakhstan office documents; empty for None."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} года"


def short_date(day: dt.date | None) -> str:
    """«07.12.2022»; empty for None."""
    return day.strftime("%d.%m.%Y") if day else ""


def date_with_weekday(day: dt.date) -> str:
    """«07.12.2022 (ср)»."""
    return f"{short_date(day)} ({WEEKDAYS_SHORT[day.weekday()]})"


def plural_form(n: int, one: str, few: str, many: str) -> str:
    """The Russian word form for the count ``n``: 1, 21 → one; 2–4, 22–24 → few; 0, 5–20, 25… → many."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def plural(n: int, one: str, few: str, many: str) -> str:
    """Russian plural: plural(1, 'риск', 'риска', 'рисков') → '1 риск'; 3 → '3 риска'; 11 → '11 рисков'."""
    return f"{n} {plural_form(n, one, few, many)}"
