"""The calendar data: ``data/calendar/kz.yaml``, the transfers of days off and a local file; their models and loaders."""

from __future__ import annotations

import datetime as dt
import operator
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import holidays
import numpy as np
from packaging.version import Version
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from vakr import safe_yaml
from vakr.errors import CalendarDataError
from vakr.formatting import MONTH_TITLES
from vakr.paths import calendar_dir

DEFAULT_DATA_PATH = calendar_dir() / "kz.yaml"  # the data at import time; loaders look it up at each call
TRANSFERS_FILE = "transfers.yaml"  # beside kz.yaml
# A local calendar file (acts published after the release), named by `vakr --calendar FILE` or this variable.
LOCAL_CALENDAR_ENV = "VAKR_CALENDAR"

MONTH_NAMES = MONTH_TITLES  # kept under its old name for the calendar's public API

# Labels of holidays.KZ in en_US (see holidays/locale/en_US/LC_MESSAGES/KZ.po); the date is MM/DD/YYYY.
_SUBSTITUTED_RE = re.compile(r"^Day off \(substituted from (\d{2})/(\d{2})/(\d{4})\)$")
_SUFFIXES = (
    (" (observed, estimated)", "observed_estimated"),
    (" (observed)", "observed"),
    (" (estimated)", "estimated"),
)


# --------------------------------------------------------------------------------------------------------------
# Data file
# --------------------------------------------------------------------------------------------------------------


class Transfer(BaseModel):
    """One transfer of a day off: ``day_off`` (a weekday that becomes a day off) from ``working_day`` (a weekend
    day that becomes a working day)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    day_off: dt.date
    working_day: dt.date


class TransferAct(BaseModel):
    """A Government decree or a minister's order transferring days off, with its transfers."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1)
    number: str | None = None
    date: dt.date | None = None
    url: str | None = None
    url_archive: str | None = None
    transfers: list[Transfer] = Field(default_factory=list)

    @property
    def citation(self) -> str:
        """«Постановление … от 25.04.2023 № 326»."""
        parts = [self.title]
        if self.date:
            parts.append(f"от {self.date.strftime('%d.%m.%Y')}")
        if self.number:
            parts.append(f"№ {self.number}")
        return " ".join(parts)


class YearRecord(BaseModel):
    """What is known of one year's calendar: confirmed (its transfer acts are in the data, or it is known there
    were none) or provisional."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    year: int
    status: Literal["confirmed", "provisional"] = "confirmed"
    note: str | None = None
    acts: list[TransferAct] = Field(default_factory=list)


class TransfersFile(BaseModel):
    """``data/calendar/transfers.yaml``, or a local calendar file with acts published after the release."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = Field(ge=1)
    years: list[YearRecord]


@dataclass(frozen=True)
class YearStatus:
    """A year's status for messages: confirmed or provisional, why, and the acts in force."""

    year: int
    confirmed: bool
    reason: str
    acts: tuple[TransferAct, ...] = ()

    @property
    def title(self) -> str:
        return "подтверждён" if self.confirmed else "предварительный"


class Labels(BaseModel):
    """Russian templates for the package's labels; ``{name}`` is a holiday name, ``{date}`` is DD.MM.YYYY."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    observed: str
    estimated: str
    observed_estimated: str
    substituted: str
    working_weekend: str
    working_weekend_unpaired: str

    @model_validator(mode="after")
    def _placeholders(self) -> Labels:
        needs = {
            "observed": "{name}",
            "estimated": "{name}",
            "observed_estimated": "{name}",
            "substituted": "{date}",
            "working_weekend": "{date}",
        }
        for field, placeholder in needs.items():
            if placeholder not in getattr(self, field):
                raise ValueError(f"labels.{field}: нет подстановки {placeholder}")
        return self


class CalendarData(BaseModel):
    """``data/calendar/kz.yaml`` (horizon, Russian names) with the years of ``transfers.yaml`` and, if given, of
    the user's local calendar file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    first_year: int = Field(ge=1991)
    last_year: int
    min_holidays_version: str = Field(pattern=r"^\d+\.\d+")
    names: dict[str, str]
    labels: Labels
    years: dict[int, YearRecord] = Field(default_factory=dict)
    local_file: str | None = None  # the local calendar file merged in, for messages

    @field_validator("names")
    @classmethod
    def _names_not_empty(cls, names: dict[str, str]) -> dict[str, str]:
        empty = [english for english, russian in names.items() if not russian.strip()]
        if empty:
            raise ValueError(f"пустой русский перевод для: {', '.join(empty)}")
        return names

    @model_validator(mode="after")
    def _consistent(self) -> CalendarData:
        if self.first_year > self.last_year:
            raise ValueError(f"first_year ({self.first_year}) больше last_year ({self.last_year})")
        return self

    def transfers(self) -> list[tuple[TransferAct, Transfer]]:
        return [(act, t) for record in self.years.values() for act in record.acts for t in act.transfers]


def _read_yaml_file(path: Path, what: str) -> Any:
    try:
        return safe_yaml.compose(safe_yaml.load_text(path.read_bytes()))[1]
    except OSError as error:
        raise CalendarDataError(f"Не удалось прочитать {what} {path}: {error.strerror or error}") from error
    except safe_yaml.YamlRefused as error:
        raise CalendarDataError(f"{what[:1].upper()}{what[1:]} {path}: {error.place}{error.message}") from None


def _validation_problems(error: ValidationError) -> list[str]:
    messages = {
        "missing": "не заполнено обязательное поле",
        "extra_forbidden": "неизвестное поле (проверьте написание)",
        "date_from_datetime_parsing": "ожидается дата ГГГГ-ММ-ДД",
        "date_parsing": "ожидается дата ГГГГ-ММ-ДД",
        "date_type": "ожидается дата ГГГГ-ММ-ДД",
        "string_too_short": "пустой текст",
        "literal_error": "ожидается confirmed или provisional",
        "int_parsing": "ожидается целое число",
        "int_type": "ожидается целое число",
    }
    return [f"  • {'.'.join(str(part) for part in issue['loc']) or '(файл)'}: "
            f"{messages.get(issue['type'], issue['msg'])}" for issue in error.errors()]


def load_transfers(path: str | Path, *, local: bool = False, first_year: int = 2020,
                   last_year: int = 2035) -> dict[int, YearRecord]:
    """The years of a transfers file, checked: known years, each year once, each day once, and — in a local file
    — every act with its number and date."""
    path = Path(path)
    what = "локальный файл календаря" if local else "файл переносов"
    raw = _read_yaml_file(path, what)
    if not isinstance(raw, dict):
        raise CalendarDataError(f"{what[:1].upper()}{what[1:]} {path}: ожидается словарь YAML с ключами"
                                " version и years")
    try:
        parsed = TransfersFile.model_validate(raw)
    except ValidationError as error:
        raise CalendarDataError("\n".join([f"{what[:1].upper()}{what[1:]} {path} содержит ошибки:",
                                           *_validation_problems(error)])) from None
    problems: list[str] = []
    years: dict[int, YearRecord] = {}
    seen_days: dict[dt.date, str] = {}
    for i, record in enumerate(parsed.years):
        where = f"years[{i}] ({record.year})"
        if not first_year <= record.year <= last_year:
            problems.append(f"{where}: неизвестный год — календарь ведётся на {first_year}–{last_year} годы")
        if record.year in years:
            problems.append(f"{where}: год указан повторно")
        years[record.year] = record
        for j, act in enumerate(record.acts):
            act_where = f"{where}.acts[{j}]"
            if local and (act.number is None or act.date is None):
                problems.append(f"{act_where}: укажите номер (number) и дату (date) акта")
            for k, transfer in enumerate(act.transfers):
                t_where = f"{act_where}.transfers[{k}]"
                for day in (transfer.day_off, transfer.working_day):
                    if day.year != record.year:
                        problems.append(f"{t_where}: дата {day.strftime('%d.%m.%Y')} не относится к"
                                        f" {record.year} году")
                    if day in seen_days:
                        problems.append(f"{t_where}: дата {day.strftime('%d.%m.%Y')} уже указана"
                                        f" в {seen_days[day]}")
                    seen_days[day] = t_where
    if problems:
        raise CalendarDataError("\n".join([f"{what[:1].upper()}{what[1:]} {path} содержит ошибки:",
                                           *(f"  • {p}" for p in problems)]))
    return years


def load_calendar_data(path: str | Path | None = None, local: str | Path | None = None) -> CalendarData:
    """Read and validate the calendar data: ``kz.yaml``, the ``transfers.yaml`` beside it and, if given, a local
    calendar file whose years add acts to (or replace the status of) the bundled ones; every problem names the
    file."""
    path = Path(path) if path is not None else calendar_dir() / "kz.yaml"
    raw = _read_yaml_file(path, "файл календаря")
    if not isinstance(raw, dict):
        raise CalendarDataError(f"Файл календаря {path}: ожидался словарь YAML (ключи first_year, last_year, …)")
    try:
        data = CalendarData.model_validate(raw)
    except ValidationError as error:
        raise CalendarDataError("\n".join([f"Файл календаря {path} содержит ошибки:",
                                           *_validation_problems(error)])) from None
    _check_holidays_version(data, path)
    years = {}
    transfers = path.with_name(TRANSFERS_FILE)
    if transfers.exists():
        years = load_transfers(transfers, first_year=data.first_year, last_year=data.last_year)
    if local is not None:
        for year, record in load_transfers(local, local=True, first_year=data.first_year,
                                           last_year=data.last_year).items():
            bundled = years.get(year)
            acts = [*(bundled.acts if bundled else []), *record.acts]
            years[year] = record.model_copy(update={"acts": acts, "note": record.note or (bundled and bundled.note)})
    return data.model_copy(update={"years": years, "local_file": str(local) if local is not None else None})


def _check_holidays_version(data: CalendarData, path: Path) -> None:
    """Refuse a `holidays` package older than the data needs (e.g. one that still has 30 August 2026)."""
    if Version(holidays.__version__) < Version(data.min_holidays_version):
        raise CalendarDataError(
            f"Файл календаря {path} требует пакет holidays >= {data.min_holidays_version}, "
            f"установлен {holidays.__version__}; обновите его: pip install -U holidays"
        )


def translate_name(english: str, data: CalendarData) -> tuple[str, bool]:
    """Russian name for one holidays.KZ (en_US) name; ``(name, False)`` keeps the English base name if unknown.

    An unknown name must not break a deadline computation: the day is still a day off, only its label is English.
    """
    if match := _SUBSTITUTED_RE.match(english):
        month, day, year = match.groups()
        return data.labels.substituted.format(date=f"{day}.{month}.{year}"), True
    for suffix, label in _SUFFIXES:
        if english.endswith(suffix):
            base, known = translate_name(english.removesuffix(suffix), data)
            return getattr(data.labels, label).format(name=base), known
    if english in data.names:
        return data.names[english], True
    return english, False


# --------------------------------------------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------------------------------------------


def _as_date(value: Any) -> dt.date:
    """A ``datetime.date`` from a date, a datetime (pandas Timestamp) or a numpy datetime64; else TypeError."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, np.datetime64) and not np.isnat(value):
        return value.astype("datetime64[D]").item()
    raise TypeError(f"Ожидалась дата (datetime.date), получено {type(value).__name__}: {value!r}")


def _as_int(value: Any, what: str) -> int:
    """An integer count of days; floats and strings are refused rather than rounded."""
    if isinstance(value, bool):
        raise TypeError(f"{what}: ожидалось целое число, получено {value!r}")
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{what}: ожидалось целое число, получено {type(value).__name__}: {value!r}") from None


def _range_message(first_year: int, last_year: int, detail: str) -> str:
    return f"Календарь рабочих дней Казахстана известен на {first_year}–{last_year} годы; {detail}"
