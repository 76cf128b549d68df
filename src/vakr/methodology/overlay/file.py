"""The overlay file itself: its path, its model, reading and checking it, and applying it to the catalogue (the
whole story is in the package's docstring, :mod:`vakr.methodology.overlay`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Final, Literal

import yaml
from pydantic import Field, PositiveInt, TypeAdapter, ValidationError

from vakr.errors import CatalogueError
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.checks import check_references
from vakr.methodology.loader import _describe_validation_error
from vakr.methodology.models import OVERLAY_DOC, Indicator, IndicatorGroup, Model, SourceDoc, SourceRef
from vakr.paths import user_dir
from vakr.problems import Place, Problem

OVERLAY_VERSION: Final = 1
TEMPLATE_VERSION = 1
TEMPLATE_NAME = "perechen-indikatorov.xlsx"
TEMPLATE_ROWS = 300  # prepared rows with the dropdown; more can be inserted

INSTRUCTIONS = "Инструкция"
SHEET = "Индикаторы"
LISTS = "Списки"
VERSION_LABEL = "Версия шаблона"

FIELDS = ("group", "number", "title", "source_act", "source_point")
HEADERS = {
    "group": "Код фактора или сферы",
    "number": "№ индикатора",
    "title": "Формулировка индикатора",
    "source_act": "Источник: акт",
    "source_point": "Источник: пункт",
}
WIDTHS = {"group": 48, "number": 12, "title": 80, "source_act": 50, "source_point": 22}

OVERLAY_DOC_TITLE = "Официальный перечень индикаторов, внесённый командой «vakr catalogue import»"
STATUS_TITLES = {
    "complete": "индикаторы внесены полностью",
    "partial": "частично, из материалов проекта",
    "not_catalogued": "ещё не внесены",
}
RESET_HINT = ("чтобы вернуться к перечням индикаторов из материалов проекта, удалите этот файл (импорт можно"
              " повторить: vakr catalogue import ФАЙЛ)")
EXAMPLE_ACT = "Методические рекомендации по проведению внутреннего анализа коррупционных рисков (приказ АПК № 488)"


def overlay_path() -> Path:
    """Where the imported lists live: ``$VAKR_HOME/catalogue/indicators.yaml`` (``~/.vakr/…`` by default)."""
    return user_dir() / "catalogue" / "indicators.yaml"


def indicator_code(group_code: str, number: int) -> str:
    """The code of indicator ``number`` of a group: ``org.hr.01`` (areas, two digits), ``npa.legal_gap.1``."""
    return f"{group_code}.{number:02d}" if group_code.startswith("org.") else f"{group_code}.{number}"


def _clean(text: str) -> str:
    return " ".join(text.split())


def _norm(text: str) -> str:
    return _clean(text).casefold().replace("ё", "е").rstrip(".;")


# --- the overlay file ------------------------------------------------------------------------------------------


class OverlayIndicator(Model):
    code: str
    number: PositiveInt
    title: str = Field(min_length=1)
    source_act: str = Field(min_length=1)
    source_point: str = Field(min_length=1)


class OverlayGroup(Model):
    """The imported list of one factor or area, with the file it came from and when."""

    code: str
    title: str | None = None  # for the reader of the file only
    imported_from: str = Field(min_length=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    imported: dt.date
    indicators: list[OverlayIndicator] = Field(min_length=1)


class Overlay(Model):
    version: Literal[1] = OVERLAY_VERSION
    groups: list[OverlayGroup] = []

    def group(self, code: str) -> OverlayGroup | None:
        return next((g for g in self.groups if g.code == code), None)


def _overlay_error(path: Path, problems: list[str]) -> CatalogueError:
    lines = "\n".join(f"  • {p}" for p in problems)
    return CatalogueError(f"Файл импортированных перечней индикаторов {path} повреждён:\n{lines}\n"
                          f"Исправьте его или, {RESET_HINT}.",
                          [Problem(code="catalogue.overlay", message=p, place=Place(file=path.name)) for p in problems])


def _numbering_problem(numbers: list[int]) -> str | None:
    """Why a group's numbers are not 1, 2, …, n (``None`` when they are)."""
    if len(set(numbers)) != len(numbers):
        repeated = sorted({n for n in numbers if numbers.count(n) > 1})
        return f"номера повторяются: {', '.join(map(str, repeated))}"
    missing = next((n for n in range(1, len(numbers) + 1) if n not in numbers), None)
    if missing is not None:
        return f"номера должны идти подряд с 1, пропущен номер {missing}"
    return None


def read_overlay(path: Path, catalogue: Catalogue) -> Overlay | None:
    """The overlay at ``path`` (:func:`overlay_path` for the user's), checked against ``catalogue`` (the bundled one,
    without the overlay); ``None`` when there is no file. A broken file raises :class:`CatalogueError` naming it and
    how to reset."""
    if not path.exists():
        return None
    try:
        text = path.read_text(encoding="utf-8")
        raw = yaml.safe_load(text)
    except UnicodeDecodeError:
        raise _overlay_error(path, ["файл не в кодировке UTF-8"]) from None
    except OSError as exc:
        raise _overlay_error(path, [f"не удалось прочитать файл ({exc.strerror})"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"строка {mark.line + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or exc
        raise _overlay_error(path, [f"{where}ошибка синтаксиса YAML ({problem})"]) from None
    if raw is None:
        return Overlay()
    if not isinstance(raw, dict):
        raise _overlay_error(path, ["ожидается словарь с ключами version и groups"])
    try:
        overlay = TypeAdapter(Overlay).validate_python(raw)
    except ValidationError as exc:
        raise _overlay_error(path, _describe_validation_error(path.name, raw, exc)) from None
    problems = _overlay_problems(overlay, catalogue)
    if problems:
        raise _overlay_error(path, [f"{path.name}: {p}" for p in problems])
    return overlay


def _overlay_problems(overlay: Overlay, catalogue: Catalogue) -> list[str]:
    groups = {g.code for g in catalogue.indicator_groups()}
    problems = []
    seen: set[str] = set()
    for g in overlay.groups:
        if g.code not in groups:
            problems.append(f"группа {g.code}: нет такого фактора или сферы в каталоге")
            continue
        if g.code in seen:
            problems.append(f"группа {g.code}: указана повторно")
        seen.add(g.code)
        if why := _numbering_problem([i.number for i in g.indicators]):
            problems.append(f"группа {g.code}: {why}")
        for ind in g.indicators:
            if ind.code != indicator_code(g.code, ind.number):
                problems.append(f"группа {g.code}: у индикатора № {ind.number} код {ind.code},"
                                f" ожидается {indicator_code(g.code, ind.number)}")
    return problems


def apply_overlay(catalogue: Catalogue, overlay: Overlay, path: Path | None = None) -> Catalogue:
    """The catalogue with the overlay's lists in place of the bundled ones (see the module's docstring)."""
    if not overlay.groups:
        return catalogue
    by_code = {g.code: g for g in overlay.groups}
    moved: dict[str, str | None] = {}  # bundled indicator code → the imported code with the same wording, or None

    def replace(group: IndicatorGroup) -> IndicatorGroup:
        entered = by_code.get(group.code)
        if entered is None:
            return group
        indicators = [
            Indicator(code=i.code, number=i.number, title=i.title,
                      source=SourceRef(doc=OVERLAY_DOC, at=f"{i.source_act}, {i.source_point}"))
            for i in sorted(entered.indicators, key=lambda i: i.number)
        ]
        wording = {_norm(i.title): i.code for i in indicators}
        for old in group.indicators:
            moved[old.code] = wording.get(_norm(old.title))
        return group.model_copy(update={"indicators": indicators, "indicators_status": "complete"})

    def follow(code: str) -> str | None:
        return moved[code] if code in moved else code

    parts = {name: getattr(catalogue, name) for name in Catalogue.model_fields}
    parts["npa_factors"] = [replace(g) for g in catalogue.npa_factors]
    parts["org_areas"] = [replace(g) for g in catalogue.org_areas]
    parts["sources"] = [*catalogue.sources, SourceDoc(code=OVERLAY_DOC, title=OVERLAY_DOC_TITLE, kind="перечень",
                                                      note=f"Файл {path or overlay_path()}")]
    parts["recommended_measures"] = [
        m if m.for_ == follow(m.for_) else m.model_copy(update={"for_": follow(m.for_)})
        for m in catalogue.recommended_measures if follow(m.for_) is not None
    ]
    parts["worked_examples"] = [
        e if e.indicator == follow(e.indicator) else e.model_copy(update={"indicator": follow(e.indicator)})
        for e in catalogue.worked_examples if follow(e.indicator) is not None
    ]
    result = Catalogue(**parts)
    problems = check_references(result)
    if problems:
        raise _overlay_error(path or overlay_path(), problems)
    return result


def _dump_overlay(overlay: Overlay) -> str:
    header = (
        "# Перечни индикаторов, внесённые командой «vakr catalogue import». vakr применяет их поверх каталога\n"
        "# data/methodology во всех командах: перечень каждого фактора или сферы ниже заменяет перечень каталога.\n"
        "# Файл пишет программа. Чтобы изменить перечень, импортируйте файл заново; чтобы вернуться к перечням\n"
        "# из материалов проекта, удалите этот файл. Откуда взят каждый перечень: vakr catalogue --status\n"
    )
    data = overlay.model_dump(mode="json")
    for g in data["groups"]:
        g["imported"] = dt.date.fromisoformat(g["imported"])  # a YAML date, not a quoted string
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
