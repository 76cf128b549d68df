"""Dates and counts in Russian and Kazakh for documents, tables and messages, from the CLDR data (Babel).

Month names, weekday abbreviations and plural categories come from CLDR; vakr adds only the patterns of office
documents, which CLDR's ``long`` dates abbreviate:

* Russian: CLDR gives «1 октября 2025 г.» (``d MMMM y 'г'.``); documents of Kazakhstan write the year word in
  full, «1 октября 2025 года» (the month in the genitive: CLDR's format-context name).
* Kazakh: CLDR gives «2025 ж. 1 қазан» (``y 'ж'. d MMMM``). Official documents write «2025 жылғы 1 қазан»: the
  year, «жылғы», the day and the month name in the nominative, lowercase (CLDR's format-context name; its
  stand-alone names are capitalised, «Қазан», and serve as titles). That standalone form is :func:`long_date`;
  the attributive form of a date before a noun («2025 жылғы 1 қазандағы № 148 бұйрық») adds a case ending chosen
  by vowel harmony (-дағы/-дегі/-тағы/-тегі) and belongs to the Kazakh phrases, not here.

Short dates are «01.10.2025» in both languages (CLDR's ``kk`` short date has a two-digit year, which official
documents do not use).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Literal

from babel import Locale
from babel.dates import format_date

Lang = Literal["ru", "kk"]
MonthForm = Literal["nominative", "genitive", "title"]
LANGUAGES: tuple[Lang, ...] = ("ru", "kk")
# The values of ``--lang``: the documents in Russian, in Kazakh, or both (organisations publish both).
LANGUAGE_OPTIONS = ("ru", "kk", "ru+kk")


def languages(option: str) -> tuple[Lang, ...]:
    """«ru+kk» → ("ru", "kk")."""
    if option not in LANGUAGE_OPTIONS:
        raise ValueError(f"язык документов «{option}» не поддерживается; допустимо: {', '.join(LANGUAGE_OPTIONS)}")
    return tuple("kk" if part == "kk" else "ru" for part in option.split("+"))


# Patterns of office documents (see the module docstring); «'…'» is literal text in a CLDR pattern.
LONG_DATE_PATTERNS: dict[str, str] = {"ru": "d MMMM y 'года'", "kk": "y 'жылғы' d MMMM"}


@functools.cache
def _locale(lang: str) -> Locale:
    if lang not in LANGUAGES:
        raise ValueError(f"язык {lang!r} не поддерживается; допустимо: {', '.join(LANGUAGES)}")
    return Locale.parse(lang)


@functools.cache
def month_names(lang: Lang = "ru", form: MonthForm = "nominative") -> tuple[str, ...]:
    """The twelve month names, January first.

    ``nominative``: «январь», «қаңтар» (lowercase, as in running text); ``title``: «Январь», «Қаңтар» (a table's
    row title); ``genitive``: the form inside a date — «января» in Russian, «қаңтар» in Kazakh (a Kazakh date
    keeps the nominative)."""
    locale = _locale(lang)
    if form == "genitive":
        names = locale.months["format"]["wide"]
    elif form in ("nominative", "title"):
        names = {m: name.lower() for m, name in locale.months["stand-alone"]["wide"].items()}
    else:
        raise ValueError(f"форма названия месяца {form!r} не поддерживается")
    ordered = tuple(names[m] for m in range(1, 13))
    return tuple(n[:1].upper() + n[1:] for n in ordered) if form == "title" else ordered


def month_name(month: int, lang: Lang = "ru", form: MonthForm = "nominative") -> str:
    """month_name(10) → «октябрь»; month_name(10, form="genitive") → «октября»; month_name(10, "kk") → «қазан»."""
    return month_names(lang, form)[month - 1]


@functools.cache
def weekdays_short(lang: Lang = "ru") -> tuple[str, ...]:
    """The weekday abbreviations, Monday first (``date.weekday()`` order): «пн» … «вс»; «дс» … «жс»."""
    names = _locale(lang).days["format"]["abbreviated"]
    return tuple(names[d] for d in range(7))


MONTHS_NOMINATIVE = month_names("ru", "nominative")
MONTH_TITLES = month_names("ru", "title")
MONTHS_GENITIVE = month_names("ru", "genitive")
WEEKDAYS_SHORT = weekdays_short("ru")


def long_date(day: dt.date | None, lang: Lang = "ru") -> str:
    """«7 декабря 2022 года», «2022 жылғы 7 желтоқсан» — dates of office documents; empty for None."""
    if day is None:
        return ""
    locale = _locale(lang)
    return format_date(day, LONG_DATE_PATTERNS[lang], locale=locale)


def short_date(day: dt.date | None) -> str:
    """«07.12.2022»; empty for None."""
    return day.strftime("%d.%m.%Y") if day else ""


def date_with_weekday(day: dt.date, lang: Lang = "ru") -> str:
    """«07.12.2022 (ср)»."""
    return f"{short_date(day)} ({weekdays_short(lang)[day.weekday()]})"


def plural_category(n: int, lang: Lang = "ru") -> str:
    """The CLDR plural category of the count ``n``: Russian one (1, 21), few (2–4, 22–24), many (0, 5–20, 25…);
    Kazakh one (1) and other."""
    return _locale(lang).plural_form(n)


def plural_form(n: int, one: str, few: str, many: str) -> str:
    """The Russian word form for the count ``n``: 1, 21 → one; 2–4, 22–24 → few; 0, 5–20, 25… → many."""
    return {"one": one, "few": few}.get(plural_category(n, "ru"), many)


def plural(n: int, one: str, few: str, many: str) -> str:
    """Russian plural: plural(1, 'риск', 'риска', 'рисков') → '1 риск'; 3 → '3 риска'; 11 → '11 рисков'."""
    return f"{n} {plural_form(n, one, few, many)}"


# --- Kazakh dates inside a sentence --------------------------------------------------------------------------

# The month names with the case endings a Kazakh date takes inside a sentence, chosen by vowel harmony and the
# last sound of each name: «2025 жылғы 20 қыркүйектегі № 17-ө бұйрық» (attributive locative), «1 қазаннан
# бастап» (ablative), «28 қарашаға дейін» (dative). Twelve fixed words: a table is exact where rules could slip.
KAZAKH_MONTH_CASES: dict[str, tuple[str, ...]] = {
    "attributive": ("қаңтардағы", "ақпандағы", "наурыздағы", "сәуірдегі", "мамырдағы", "маусымдағы", "шілдедегі",
                    "тамыздағы", "қыркүйектегі", "қазандағы", "қарашадағы", "желтоқсандағы"),
    "ablative": ("қаңтардан", "ақпаннан", "наурыздан", "сәуірден", "мамырдан", "маусымнан", "шілдеден", "тамыздан",
                 "қыркүйектен", "қазаннан", "қарашадан", "желтоқсаннан"),
    "dative": ("қаңтарға", "ақпанға", "наурызға", "сәуірге", "мамырға", "маусымға", "шілдеге", "тамызға",
               "қыркүйекке", "қазанға", "қарашаға", "желтоқсанға"),
}
KazakhCase = Literal["attributive", "ablative", "dative"]


def kazakh_date(day: dt.date, case: KazakhCase) -> str:
    """«2025 жылғы 20 қыркүйектегі» (attributive), «2025 жылғы 1 қазаннан» (ablative), «2025 жылғы 28 қарашаға»
    (dative): a date of an official Kazakh text with the month in the case the sentence needs."""
    return f"{day.year} жылғы {day.day} {KAZAKH_MONTH_CASES[case][day.month - 1]}"
