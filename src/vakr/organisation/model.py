"""One organisation's ВАКР as data: its profile, the indicator checklist, the findings and the positions at risk.

The same model is read from the Excel workbook (:mod:`vakr.organisation.excel`) and from YAML (:mod:`vakr.organisation.yaml`).
Field-level rules live here (types, ranges, required text); rules that need the catalogue or the calendar live in
:mod:`vakr.organisation.validation`. ``Organisation.locations`` remembers where every value came from (file, sheet, row, column
or YAML path), so a problem can be reported where the analyst will find it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from vakr.methodology.models import OrgType
from vakr.organisation.year import YearRecords
from vakr.problems import Place, Problem, field_path

Answer = Literal["present", "absent", "not_applicable"]

ANSWER_TITLES: dict[str, str] = {
    "present": "Присутствует",
    "absent": "Отсутствует",
    "not_applicable": "Не применимо",
}


class _OrgTypeTitles(Mapping[str, str]):
    """Organisation type → its title, read from the methodology (``organisation_types.yaml``), the one place the
    titles are stated; looked up when first used, not on import."""

    def _titles(self) -> dict[str, str]:
        from vakr.methodology.loader import load_catalogue  # the methodology layer sits above this model

        return {t.code: t.title for t in load_catalogue(overlay=False).organisation_types}

    def __getitem__(self, code: str) -> str:
        return self._titles()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._titles())

    def __len__(self) -> int:
        return len(self._titles())


ORG_TYPE_TITLES: Mapping[str, str] = _OrgTypeTitles()
# Titles of earlier workbooks that still read as their type.
LEGACY_ORG_TYPE_TITLES = {"Местный исполнительный орган (акимат)": "akimat"}
SCHEMA_VERSION = 1
SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"

# Kazakh and Russian letters to Latin, for slugs (a folder name must be safe on every system).
_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
        ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
         "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia", "a", "g", "q", "n", "o", "u", "u", "h", "i"],
    )
)


def slugify(text: str) -> str:
    """A safe folder name from any organisation name: Latin letters, digits and hyphens, no ``..`` or ``/``."""
    lowered = unicodedata.normalize("NFC", text).lower()
    latin = "".join(_TRANSLIT.get(ch, ch) for ch in lowered)
    ascii_only = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")[:63].strip("-")
    return slug or "organisation"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


NameOrder = Literal["surname_first", "given_first"]
NAME_ORDER_TITLES: dict[str, str] = {
    "surname_first": "Фамилия Имя Отчество",
    "given_first": "Имя Отчество Фамилия",
}


class Person(Model):
    name: str = Field(min_length=1)
    position: str = Field(min_length=1)
    position_kk: str | None = None  # the position in Kazakh, for the documents in Kazakh (optional)
    # The short form printed under a signature («К. Бичунов»), when the analyst wants to set it by hand.
    signature: str | None = None


class Order(Model):
    number: str = Field(min_length=1)
    date: date


MAX_NAME = 1000  # the longest official names (region, Kazakh and Russian forms) are a few hundred characters


class Profile(Model):
    """Who the organisation is and when its ВАКР runs."""

    name: str = Field(min_length=1, max_length=MAX_NAME)
    name_kk: str | None = Field(default=None, max_length=MAX_NAME)
    slug: str = Field(pattern=SLUG_PATTERN)
    type: OrgType
    region: str = Field(min_length=1)
    # The superior body or holding company (optional): `vakr region --by parent` groups the organisations by it.
    parent: str | None = Field(default=None, max_length=MAX_NAME)
    head: Person
    order: Order
    authorised_person: Person
    working_group: list[Person] = Field(min_length=1)
    vakr_start: date
    vakr_end: date
    report_signed: date | None = None
    plan_approved: date | None = None
    work_week: Literal[5, 6] = 5
    name_order: NameOrder = "surname_first"  # how full names are typed, for the short forms under signatures
    units: list[str] = Field(min_length=1)
    # The units' names in Kazakh, by their Russian name (optional; for the documents in Kazakh).
    units_kk: dict[str, str] = {}
    staff_headcount: int | None = Field(default=None, ge=1)

    @field_validator("units")
    @classmethod
    def _units_unique(cls, units: list[str]) -> list[str]:
        seen = set()
        for unit in units:
            if unit in seen:
                raise ValueError(f"подразделение «{unit}» указано дважды")
            seen.add(unit)
        return units

    @model_validator(mode="after")
    def _kazakh_units_known(self) -> Profile:
        unknown = [unit for unit in self.units_kk if unit not in self.units]
        if unknown:
            raise ValueError(f"units_kk: подразделение «{unknown[0]}» не указано в units")
        return self


class ChecklistAnswer(Model):
    """The analyst's answer for one indicator (or for a factor/area whose indicators are not yet catalogued)."""

    indicator: str = Field(min_length=1)
    answer: Answer | None = None
    comment: str | None = None


class Finding(Model):
    """One identified corruption risk. Only the indicator, unit, description and scores are required (and the act for
    a risk in a normative legal act): everything else is suggested by the methodology when left empty."""

    indicator: str = Field(min_length=1)
    act: str | None = Field(default=None, description="НПА или внутренний документ и его пункт, либо бизнес-процесс")
    section: str | None = None  # report section of a risk in an НПА (report.s1 … report.s9)
    unit: str = Field(min_length=1)
    description: str = Field(min_length=1)
    functions: list[str] = []
    positions: list[str] = []
    measure: str | None = None
    completion_form: str | None = None
    responsible: list[str] = []
    due: date | None = None
    likelihood: int = Field(ge=1, le=5)
    impact: int = Field(ge=1, le=5)
    # The finding's texts in Kazakh, for the documents in Kazakh (optional; where empty they show the Russian).
    act_kk: str | None = None
    description_kk: str | None = None
    functions_kk: list[str] = []
    measure_kk: str | None = None
    completion_form_kk: str | None = None
    responsible_kk: list[str] = []

    @field_validator("likelihood", "impact", mode="before")
    @classmethod
    def _not_yes_or_no(cls, value: object) -> object:
        if isinstance(value, bool):  # YAML reads «yes»/«no» as true/false, which would pass as 1/0
            raise ValueError(f"ожидается целое число от 1 до 5, указано «{'да' if value else 'нет'}»")
        return value


class Position(Model):
    """A position exposed to corruption risks, as in the list the ВАКР produces."""

    title: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    powers: str = Field(min_length=1)
    risks: str = Field(min_length=1)
    # In Kazakh, for the list of positions in Kazakh (optional).
    title_kk: str | None = None
    powers_kk: str | None = None
    risks_kk: str | None = None


class Organisation(Model):
    """Everything the analyst records for one organisation's ВАКР."""

    schema_version: int = SCHEMA_VERSION
    profile: Profile
    checklist: list[ChecklistAnswer] = []
    findings: list[Finding] = []
    positions: list[Position] = []
    # The year after the ВАКР: plan execution and the records of projects 2–4 (all optional).
    year: YearRecords = YearRecords()

    # Where each value came from: ("findings", 3, "indicator") → «org.xlsx, лист «Риски», строка 7, столбец B …».
    _locations: Mapping[tuple, Place] = PrivateAttr(default_factory=dict)
    _origin: str = PrivateAttr(default="")

    @property
    def origin(self) -> str:
        """The file the organisation was read from (empty for one built in code)."""
        return self._origin

    def locate(self, *path: object) -> Place:
        """Where a value came from, for messages; falls back to the nearest known parent, then to the file."""
        key = tuple(path)
        while key:
            if key in self._locations:
                return self._locations[key]
            key = key[:-1]
        return Place(file=self._origin or None)

    def placed(self, problem: Problem) -> Problem:
        """A problem about a profile field (the ВАКР schedule's: ``field`` «vakr_start»), placed where that field is
        in the file."""
        key = ("profile", problem.field) if problem.field else ("profile",)
        return problem.model_copy(update={"place": self.locate(*key), "field": field_path(*key)})

    def set_locations(self, origin: str, locations: Mapping[tuple, Place]) -> None:
        """``locations``: a dict (copied), or a mapping that makes each place when asked for (kept as it is: the
        YAML reader's, as most places are never asked for)."""
        self._origin = origin
        self._locations = dict(locations) if isinstance(locations, dict) else locations
