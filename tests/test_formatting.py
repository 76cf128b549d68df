"""vakr.formatting: month names, dates and plurals in Russian and Kazakh, from the CLDR data (Babel); and
vakr.markdown, the one pipe-table writer of the documents' tables, the handbook and the training widgets."""

from __future__ import annotations

import datetime as dt

import pytest

from vakr.formatting import (
    MONTH_TITLES,
    MONTHS_GENITIVE,
    MONTHS_NOMINATIVE,
    WEEKDAYS_SHORT,
    date_with_weekday,
    long_date,
    month_name,
    month_names,
    plural,
    plural_category,
    plural_form,
    short_date,
    weekdays_short,
)
from vakr.markdown import inline, pipe_table


def test_russian_month_names():
    assert MONTHS_GENITIVE == ("января", "февраля", "марта", "апреля", "мая", "июня",
                               "июля", "августа", "сентября", "октября", "ноября", "декабря")
    assert MONTHS_NOMINATIVE == ("январь", "февраль", "март", "апрель", "май", "июнь",
                                 "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь")
    assert MONTH_TITLES[0] == "Январь" and MONTH_TITLES[4] == "Май"
    assert month_name(10, form="genitive") == "октября"
    assert month_name(5) == "май"
    assert month_name(12, form="title") == "Декабрь"


def test_kazakh_month_names():
    assert month_names("kk") == ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
                                 "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан")
    # a Kazakh date keeps the nominative: the «genitive» (the form inside a date) is the same word
    assert month_names("kk", "genitive") == month_names("kk")
    assert month_name(10, "kk", "title") == "Қазан"
    assert month_name(4, "kk") == "сәуір"


def test_long_dates():
    assert long_date(dt.date(2025, 10, 1)) == "1 октября 2025 года"
    assert long_date(dt.date(2022, 12, 7)) == "7 декабря 2022 года"
    assert long_date(dt.date(2025, 10, 1), "kk") == "2025 жылғы 1 қазан"
    assert long_date(dt.date(2022, 12, 7), "kk") == "2022 жылғы 7 желтоқсан"
    assert long_date(None) == "" and long_date(None, "kk") == ""


def test_short_dates_and_weekdays():
    wednesday = dt.date(2022, 12, 7)
    assert short_date(wednesday) == "07.12.2022"
    assert short_date(None) == ""
    assert WEEKDAYS_SHORT == ("пн", "вт", "ср", "чт", "пт", "сб", "вс")
    assert weekdays_short("kk") == ("дс", "сс", "ср", "бс", "жм", "сб", "жс")
    assert date_with_weekday(wednesday) == "07.12.2022 (ср)"
    assert date_with_weekday(dt.date(2025, 10, 5), "kk") == "05.10.2025 (жс)"


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0 рисков"), (1, "1 риск"), (2, "2 риска"), (5, "5 рисков"), (11, "11 рисков"), (12, "12 рисков"),
     (21, "21 риск"), (22, "22 риска"), (25, "25 рисков"), (111, "111 рисков"), (104, "104 риска")],
)
def test_russian_plural(n, expected):
    assert plural(n, "риск", "риска", "рисков") == expected


def test_plural_categories():
    assert [plural_category(n) for n in (1, 2, 5, 11, 21, 22, 25, 111)] == [
        "one", "few", "many", "many", "one", "few", "many", "many"]
    assert [plural_category(n, "kk") for n in (1, 2, 21)] == ["one", "other", "other"]
    assert plural_form(3, "выявлен", "выявлено", "выявлено") == "выявлено"


def test_unknown_language_or_form():
    with pytest.raises(ValueError):
        long_date(dt.date(2025, 1, 1), "en")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        month_name(1, form="dative")  # type: ignore[arg-type]


def test_pipe_table():
    table = pipe_table(["№", "Текст"], [[1, "a | b\nc"], [2, None]], [2, 8], right={0})
    assert table == "| № | Текст |\n|--:|--------|\n| 1 | a \\| b c |\n| 2 |  |\n"
    assert pipe_table(["А"], [["[ссылка](page.qmd#id)"]]) == "| А |\n|---|\n| [ссылка](page.qmd#id) |\n"
    assert pipe_table(["А"], [["*x*"]], cell=lambda v: f"<{inline(v)}>").splitlines()[2] == "| <*x*> |"
    with pytest.raises(ValueError):
        pipe_table(["А", "Б"], [["одна"]])
    with pytest.raises(ValueError):
        pipe_table(["А", "Б"], [], [3])
