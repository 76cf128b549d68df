"""Official indicator lists entered by the user, kept outside the package: the template, the import and the overlay.

The bundled catalogue (``data/methodology``) lists indicators for few NPA factors and organisational areas; the rest
are «ещё не внесены». Instead of editing YAML inside the package, the user

1. writes a workbook for entering an official list: ``vakr catalogue template DIR`` (:func:`write_template`);
2. fills it (one row per indicator: factor or area, number, wording, source act and point) and imports it:
   ``vakr catalogue import FILE`` (:func:`import_indicators`; a YAML file with the same fields is accepted too);
3. checks where every list comes from: ``vakr catalogue --status`` (:func:`catalogue_status`).

The import validates the whole file in one pass and writes the **overlay**, ``$VAKR_HOME/catalogue/indicators.yaml``
(``~/.vakr/catalogue/indicators.yaml`` by default, :func:`overlay_path`). The default catalogue of every command,
:func:`vakr.catalogue.load_catalogue`, applies it on top of the bundled data (:func:`apply_overlay`): the list of
each group in the overlay replaces the bundled one and becomes ``complete``. The overlay looks like::

    version: 1
    groups:
      - code: org.coi
        title: Урегулирование конфликта интересов
        imported_from: /home/analyst/perechen-indikatorov.xlsx
        sha256: 5c0f…                        # of the imported file
        imported: 2025-03-03
        indicators:
          - code: org.coi.01
            number: 1
            title: Отсутствие порядка уведомления о конфликте интересов
            source_act: Методические рекомендации по проведению ВАКР (приказ АПК № 488)
            source_point: пункт 12, подпункт 1

Indicator codes follow the group's convention: ``org.<area>.NN`` (two digits), ``npa.<factor>.N``. Bundled data tied
to a replaced indicator (its recommended measures, a worked example) follows the imported indicator with the same
wording and is dropped otherwise; a finding on an imported indicator then gets its factor's or area's measure.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import openpyxl
import yaml
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import Field, PositiveInt, TypeAdapter, ValidationError

from .catalogue import (
    OVERLAY_DOC,
    Catalogue,
    Indicator,
    IndicatorGroup,
    Model,
    NpaFactor,
    SourceDoc,
    SourceRef,
    _describe_validation_error,
    check_references,
    clear_cache,
    load_catalogue,
)
from .errors import CatalogueError, InputError
from .formatting import short_date
from .io_files import input_problem, write_atomic
from .paths import user_dir

OVERLAY_VERSION = 1
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
                          f"Исправьте его или, {RESET_HINT}.")


def _numbering_problem(numbers: list[int]) -> str | None:
    """Why a group's numbers are not 1, 2, …, n (``None`` when they are)."""
    if len(set(numbers)) != len(numbers):
        repeated = sorted({n for n in numbers if numbers.count(n) > 1})
        return f"номера повторяются: {', '.join(map(str, repeated))}"
    missing = next((n for n in range(1, len(numbers) + 1) if n not in numbers), None)
    if missing is not None:
        return f"номера должны идти подряд с 1, пропущен номер {missing}"
    return None


def read_overlay(path: Path | None = None, catalogue: Catalogue | None = None) -> Overlay | None:
    """The overlay at ``path`` (default :func:`overlay_path`), checked against the bundled catalogue; ``None`` when
    there is no file. A broken file raises :class:`CatalogueError` naming it and how to reset."""
    path = path or overlay_path()
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
    base = catalogue or load_catalogue(overlay=False)
    problems = _overlay_problems(overlay, base)
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


# --- the template ---------------------------------------------------------------------------------------------


def group_label(group: IndicatorGroup) -> str:
    """How the workbook's dropdown shows a factor or area: «org.coi — Урегулирование конфликта интересов»."""
    return f"{group.code} — {group.title}"


def _instruction_rows(catalogue: Catalogue) -> list[tuple[str, Any]]:
    factors = len(catalogue.npa_factors)
    areas = len(catalogue.org_areas)
    return [
        ("Перечень индикаторов ВАКР", "Книга для внесения официального перечня индикаторов в каталог программы vakr"),
        (VERSION_LABEL, TEMPLATE_VERSION),
        ("Зачем",
         f"Каталог vakr содержит {factors} коррупционных факторов в НПА и {areas} сфер организационно-управленческой"
         " деятельности. Индикаторы большинства из них ещё не внесены: в материалах направления № 4 их нет, а"
         " официальный перечень приведён в Методических рекомендациях по проведению внутреннего анализа"
         " коррупционных рисков (приказ Председателя Агентства РК по противодействию коррупции от 30 декабря 2022"
         " года № 488). В этой книге перечень вносится из официального источника без правки файлов программы."),
        (f"Лист «{SHEET}»",
         "Одна строка — один индикатор. Порядок строк не важен, пустые строки пропускаются; строки можно"
         " вставлять."),
        (HEADERS["group"],
         "Выберите фактор или сферу из списка, например «org.coi — Урегулирование конфликта интересов». Достаточно"
         " и одного кода (org.coi)."),
        (HEADERS["number"],
         "Номер индикатора в перечне фактора или сферы — так, как его нумерует источник: целое число. Номера"
         " каждого фактора или сферы идут подряд с 1, без пропусков и повторов."),
        (HEADERS["title"], "Текст индикатора так, как он приведён в источнике."),
        (HEADERS["source_act"],
         f"Акт, из которого взят индикатор, например «{EXAMPLE_ACT}». Обязателен."),
        (HEADERS["source_point"], "Пункт, подпункт или приложение акта, где приведён индикатор. Обязателен."),
        ("Импорт",
         "Команда `vakr catalogue import <файл>` проверяет всю книгу сразу и сообщает обо всех ошибках с указанием"
         " строки и столбца; при ошибках ничего не меняется. Если ошибок нет, перечни записываются в папку"
         " пользователя vakr: ~/.vakr/catalogue/indicators.yaml (или $VAKR_HOME/catalogue/indicators.yaml, если"
         " задана переменная окружения VAKR_HOME)."),
        ("Что заменяется",
         "Перечень каждого фактора или сферы, указанных в книге, заменяет прежний целиком — и «ещё не внесены», и"
         " перечень из материалов проекта, и прежний импорт. Факторы и сферы, которых в книге нет, сохраняют свои"
         " перечни. Поэтому перечень фактора или сферы вносится полностью, а не частями."),
        ("После импорта",
         "Индикаторы появляются во всех командах: в чек-листе новых книг `vakr new`, в проверке, оценке и"
         " документах. Коды индикаторов присваиваются по номерам: org.coi.01, org.coi.02 для сфер,"
         " npa.collision.1 для факторов. Книги организаций, созданные до импорта, содержат прежний чек-лист:"
         " создайте новую книгу или проверьте старую командой `vakr validate`. Если аналитик не указал мероприятие"
         " по риску, vakr предлагает меру фактора или сферы в целом."),
        ("Проверка и отмена",
         "`vakr catalogue --status` показывает для каждого фактора и сферы, откуда взят перечень индикаторов."
         " Чтобы вернуться к перечням из материалов проекта, удалите файл indicators.yaml из папки пользователя"
         " vakr."),
        ("Важно",
         f"Не переименовывайте лист «{SHEET}» и заголовки столбцов: по ним программа находит данные. Листы"
         " защищены без пароля только от случайной правки заголовков. Текст на казахском языке допускается."),
    ]


def template_workbook(catalogue: Catalogue | None = None) -> openpyxl.Workbook:
    """The workbook for entering an official indicator list: «Инструкция», «Индикаторы», hidden «Списки»."""
    from .io_excel import _BORDER, _UNLOCKED, _WRAP, _add_name, _fit_height, _header_row, _list_validation, \
        _protect, _put

    catalogue = catalogue or load_catalogue()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = INSTRUCTIONS
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 110
    for r, (label, text) in enumerate(_instruction_rows(catalogue), start=1):
        a, b = ws.cell(r, 1), ws.cell(r, 2)
        _put(a, label)
        _put(b, text)
        a.font = Font(bold=True, size=13 if r == 1 else 11)
        a.alignment = _WRAP
        b.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        _fit_height(ws, r)
    _protect(ws)

    data = wb.create_sheet(SHEET)
    lists = wb.create_sheet(LISTS)
    labels = [group_label(g) for g in catalogue.indicator_groups()]
    _put(lists.cell(1, 1), "Фактор или сфера")
    for r, label in enumerate(labels, start=2):
        _put(lists.cell(r, 1), label)
    lists.column_dimensions["A"].width = 70
    _add_name(wb, "vakr_list_groups", LISTS, f"$A$2:$A${len(labels) + 1}")
    lists.sheet_state = "hidden"
    _protect(lists)

    _header_row(data, [HEADERS[f] for f in FIELDS], [WIDTHS[f] for f in FIELDS])
    last = TEMPLATE_ROWS + 1
    for r in range(2, last + 1):
        for c in range(1, len(FIELDS) + 1):
            cell = data.cell(r, c)
            cell.protection = _UNLOCKED
            cell.alignment = _WRAP
            cell.border = _BORDER
    _list_validation(data, "vakr_list_groups", f"A2:A{last}", HEADERS["group"],
                     "Выберите фактор или сферу из списка.")
    number = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="1", allow_blank=True,
                            showErrorMessage=True, errorTitle=HEADERS["number"],
                            error="Номер индикатора — целое число не меньше 1.")
    number.add(f"B2:B{last}")
    data.add_data_validation(number)
    data.freeze_panes = "A2"
    data.auto_filter.ref = f"A1:{get_column_letter(len(FIELDS))}{last}"
    data.page_setup.orientation = "landscape"
    _protect(data, insert_rows=True)
    wb.properties.title = "ВАКР: перечень индикаторов"
    wb.properties.creator = "vakr"
    return wb


def write_template(target: str | Path, *, force: bool = False, catalogue: Catalogue | None = None) -> Path:
    """Write the template into folder ``target`` (as :data:`TEMPLATE_NAME`) or to ``target`` itself when it names an
    ``.xlsx`` file; an existing file is replaced only with ``force``."""
    target = Path(target)
    path = target if target.suffix.lower() == ".xlsx" else target / TEMPLATE_NAME
    if path.is_dir():
        raise InputError([f"{path} — папка: на её месте нельзя записать шаблон; укажите другую папку"],
                         header="Шаблон не создан:")
    if path.exists() and not force:
        raise InputError(
            [f"файл {path} уже существует и не будет перезаписан, чтобы не потерять внесённые данные."
             " Чтобы записать чистый шаблон поверх него, добавьте --force, либо укажите другую папку"],
            header="Шаблон не создан:",
        )
    wb = template_workbook(catalogue)
    return write_atomic(path, lambda tmp: wb.save(tmp))


# --- reading an indicator list ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EnteredIndicator:
    """One indicator read from the user's file, with where it was (for messages)."""

    group: str
    number: int
    title: str
    source_act: str
    source_point: str
    row: str  # «перечень.xlsx, лист «Индикаторы», строка 5»
    cells: dict[str, str] = field(default_factory=dict, compare=False)  # field → the place of its cell


@dataclass
class _Problems:
    file: str
    items: list[tuple[tuple, str]] = field(default_factory=list)

    def add(self, order: tuple, message: str) -> None:
        self.items.append((order, message))

    def error(self) -> InputError:
        ordered = [m for _, m in sorted(self.items, key=lambda x: x[0])]
        return InputError(ordered, header=f"Файл {self.file} не импортирован: найдено ошибок: {len(ordered)}"
                                          " (перечни индикаторов не изменены)")


def _fail(path: Path, message: str) -> InputError:
    return InputError([f"{path.name}: {message}"], header=f"Файл {path.name} не импортирован (перечни индикаторов"
                                                            " не изменены):")


def _shown(value: Any) -> str:
    from .validation import shown

    return shown(value)


def _integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        return int(value)
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _clean(str(value))


def _group_of(value: str, catalogue: Catalogue) -> IndicatorGroup | None:
    """A group from «org.coi — Урегулирование…», «org.coi» or the title alone."""
    groups = catalogue.indicator_groups()
    code = re.split(r"\s+[—–-]\s+|\s", value.strip(), maxsplit=1)[0]
    found = next((g for g in groups if g.code == code.lower()), None)
    return found or next((g for g in groups if _norm(g.title) == _norm(value)), None)


def _read_rows(rows: list[tuple[str, tuple, dict[str, tuple[Any, str, tuple]]]], catalogue: Catalogue,
               problems: _Problems) -> list[EnteredIndicator]:
    """Validate rows given as (row place, order, field → (value, cell place, order)); collect every problem."""
    entered: list[EnteredIndicator] = []
    for row_where, _order, cells in rows:
        ok = True
        values: dict[str, Any] = {}

        def bad(name: str, message: str) -> None:
            nonlocal ok
            ok = False
            _, where, order = cells[name]
            problems.add(order, f"{where}: {message}")

        raw_group = _text(cells["group"][0])
        group = _group_of(raw_group, catalogue) if raw_group else None
        if not raw_group:
            bad("group", "не указан фактор или сфера; выберите из списка (например, «org.coi — Урегулирование"
                         " конфликта интересов»)")
        elif group is None:
            bad("group", f"неизвестный фактор или сфера «{_shown(raw_group)}»; выберите из списка: допустимы коды"
                         f" {', '.join(g.code for g in catalogue.indicator_groups())}")
        raw_number = cells["number"][0]
        number = _integer(raw_number)
        if _text(raw_number) == "":
            bad("number", "не указан номер индикатора (целое число от 1)")
        elif number is None or number < 1:
            bad("number", f"номер индикатора — целое положительное число, указано «{_shown(raw_number)}»")
        for name, what in (("title", "пустая формулировка индикатора"),
                           ("source_act", f"не указан акт — источник индикатора (например, «{EXAMPLE_ACT}»)"),
                           ("source_point", "не указан пункт акта, где приведён индикатор")):
            values[name] = _text(cells[name][0])
            if not values[name]:
                bad(name, what)
        if ok:
            entered.append(EnteredIndicator(group.code, number, values["title"], values["source_act"],
                                            values["source_point"], row_where,
                                            {k: v[1] for k, v in cells.items()}))
    # Within each group: numbers unique and consecutive from 1.
    orders = {r[0]: (r[1], r[2]) for r in rows}
    by_group: dict[str, list[EnteredIndicator]] = {}
    for ind in entered:
        by_group.setdefault(ind.group, []).append(ind)
    for code, items in by_group.items():
        title = catalogue.get(code).title
        first: dict[int, EnteredIndicator] = {}
        for ind in items:
            if ind.number in first:
                _, cells = orders[ind.row]
                problems.add(cells["number"][2], f"{ind.cells['number']}: номер {ind.number} уже указан для"
                                                 f" «{title}» ({first[ind.number].row}); номера не должны"
                                                 " повторяться")
            else:
                first[ind.number] = ind
        numbers = sorted(first)
        missing = next((n for n in range(1, len(numbers) + 1) if n not in first), None)
        if missing is not None:
            after = min(n for n in numbers if n > missing)
            ind = first[after]
            _, cells = orders[ind.row]
            before = f"после номера {missing - 1} указан {after}" if missing > 1 else f"первый номер — {after}"
            problems.add(cells["number"][2], f"{ind.cells['number']}: номера индикаторов «{title}» должны идти"
                                             f" подряд с 1: {before}, пропущен номер {missing}")
    return entered


def _open_workbook(path: Path) -> openpyxl.Workbook:
    from .io_excel import WorkbookRefused, open_workbook

    try:
        return open_workbook(path, "создайте шаблон командой `vakr catalogue template ПАПКА`")
    except WorkbookRefused as exc:
        raise _fail(path, str(exc)) from None


def _read_workbook(path: Path, catalogue: Catalogue) -> list[EnteredIndicator]:
    wb = _open_workbook(path)
    if SHEET not in wb.sheetnames:
        raise _fail(path, f"в книге нет листа «{SHEET}» (есть: {', '.join(f'«{s}»' for s in wb.sheetnames)});"
                          " создайте шаблон командой `vakr catalogue template ПАПКА` и перенесите перечень в него")
    ws = wb[SHEET]
    where_sheet = f"{path.name}, лист «{SHEET}»"
    problems = _Problems(path.name)
    for c, name in enumerate(FIELDS, start=1):
        given = ws.cell(1, c).value
        if _norm(str(given or "")) != _norm(HEADERS[name]):
            what = f"указано «{_shown(given)}»" if _text(given) else "ячейка пуста"
            problems.add((1, c), f"{where_sheet}, строка 1, столбец {get_column_letter(c)}: ожидается заголовок"
                                 f" «{HEADERS[name]}», {what}; не меняйте заголовки шаблона")
    if problems.items:
        raise problems.error()
    rows = []
    for r, values in enumerate(ws.iter_rows(min_row=2, max_col=len(FIELDS), values_only=True), start=2):
        values = tuple(values) + (None,) * (len(FIELDS) - len(values))
        if all(_text(v) == "" for v in values):
            continue
        cells = {
            name: (values[c - 1], f"{where_sheet}, строка {r}, столбец {get_column_letter(c)} «{HEADERS[name]}»",
                   (r, c))
            for c, name in enumerate(FIELDS, start=1)
        }
        rows.append((f"строка {r}", (r,), cells))
    if not rows:
        raise _fail(path, f"на листе «{SHEET}» нет ни одного индикатора (заполнены только заголовки); внесите"
                          " перечень, начиная со строки 2")
    entered = _read_rows(rows, catalogue, problems)
    if problems.items:
        raise problems.error()
    return entered


def _read_yaml(path: Path, catalogue: Catalogue) -> list[EnteredIndicator]:
    from . import safe_yaml
    from .io_yaml import _node_lines

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(path, f"не удалось прочитать файл ({exc.strerror})") from None
    if not data.strip():
        raise _fail(path, "файл пуст; ожидается список indicators: [{group, number, title, source_act,"
                          " source_point}]")
    try:
        root, raw = safe_yaml.compose(safe_yaml.load_text(data))
    except safe_yaml.YamlRefused as exc:
        raise _fail(path, exc.place + exc.message) from None
    lines: dict[tuple, int] = {}
    duplicates: list[tuple[tuple, int]] = []
    if root is not None:
        _node_lines(root, (), lines, duplicates)
    if not isinstance(raw, dict) or "indicators" not in raw:
        raise _fail(path, "ожидается словарь с ключом indicators — списком индикаторов"
                          " [{group, number, title, source_act, source_point}]")
    problems = _Problems(path.name)

    def line(key: tuple) -> int:
        while key and key not in lines:
            key = key[:-1]
        return lines.get(key, 0)

    for key, at in duplicates:
        problems.add((at,), f"{path.name}, строка {at}: поле «{key[-1]}» указано повторно")
    for key in raw:
        if key not in ("indicators", "version"):
            problems.add((line((key,)),), f"{path.name}, строка {line((key,))}: лишний ключ «{key}» (допустимы:"
                                          " indicators, version)")
    items = raw["indicators"]
    if not isinstance(items, list):
        raise _fail(path, f"строка {line(('indicators',))}: indicators должен быть списком индикаторов")
    if not items:
        raise _fail(path, "список indicators пуст: в файле нет ни одного индикатора")
    rows = []
    for i, item in enumerate(items):
        row_where = f"{path.name}, indicators[{i}] (строка {line(('indicators', i))})"
        if not isinstance(item, dict):
            problems.add((line(("indicators", i)),), f"{row_where}: ожидается словарь с полями {', '.join(FIELDS)}")
            continue
        for extra in item.keys() - set(FIELDS):
            at = line(("indicators", i, extra))
            problems.add((at, 99), f"{path.name}, indicators[{i}].{extra} (строка {at}): лишнее поле (допустимы:"
                                   f" {', '.join(FIELDS)})")
        cells = {
            name: (item.get(name), f"{path.name}, indicators[{i}].{name} (строка {line(('indicators', i, name))})",
                   (line(("indicators", i, name)), c))
            for c, name in enumerate(FIELDS)
        }
        rows.append((row_where, (line(("indicators", i)),), cells))
    entered = _read_rows(rows, catalogue, problems)
    if problems.items:
        raise problems.error()
    return entered


def read_indicator_file(path: str | Path, catalogue: Catalogue | None = None) -> list[EnteredIndicator]:
    """Read and check an indicator list (the template workbook or YAML); raise :class:`InputError` listing every
    problem, each naming the file and the row and column (or YAML path and line)."""
    path = Path(path)
    catalogue = catalogue or load_catalogue(overlay=False)
    if problem := input_problem(path):
        raise _fail(path, problem)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_workbook(path, catalogue)
    if suffix in (".yaml", ".yml"):
        return _read_yaml(path, catalogue)
    what = f"«{path.suffix}»" if path.suffix else "без расширения"
    raise _fail(path, f"неподдерживаемый тип файла ({what}); ожидается книга Excel (.xlsx) из `vakr catalogue"
                      " template` или файл YAML (.yaml, .yml)")


# --- the import -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupChange:
    """What the import did to one factor or area."""

    code: str
    title: str
    count: int
    before: str  # «не внесены», «6 из материалов проекта», «5 — импорт из x.xlsx 01.03.2025», «тот же перечень»
    had_indicators: bool

    @property
    def line(self) -> str:
        return f"{self.title}: внесено индикаторов — {self.count} (было: {self.before})"


@dataclass(frozen=True)
class ImportResult:
    source: Path
    overlay: Path
    changes: list[GroupChange]

    def lines(self) -> list[str]:
        out = [f"Импортирован перечень индикаторов из {self.source.name}:"]
        out += [f"  {c.line}" for c in self.changes]
        out.append(f"Перечни записаны в {self.overlay}; они применяются во всех командах vakr.")
        if any(c.had_indicators for c in self.changes):
            out.append("Коды индикаторов присвоены по номерам; в книгах организаций, заполненных до импорта, ответы"
                       " по этим кодам относятся теперь к новым формулировкам — проверьте их (vakr validate).")
        return out


def _describe_before(group: IndicatorGroup, previous: OverlayGroup | None, new: list[OverlayIndicator]) -> str:
    if previous is not None:
        if [i.model_dump() for i in previous.indicators] == [i.model_dump() for i in new]:
            return "тот же перечень"
        return (f"{len(previous.indicators)} — импорт из {Path(previous.imported_from).name}"
                f" {short_date(previous.imported)}")
    if not group.indicators:
        return "не внесены"
    return f"{len(group.indicators)} из материалов проекта"


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def import_indicators(path: str | Path, *, today: dt.date | None = None, target: Path | None = None) -> ImportResult:
    """Read ``path``, and write its lists into the overlay (``target``, default :func:`overlay_path`): every group
    in the file gets exactly the file's list; the other groups keep theirs. Nothing is written when the file has
    problems (:class:`InputError`, every problem at once)."""
    path = Path(path)
    target = target or overlay_path()
    base = load_catalogue(overlay=False)
    existing = read_overlay(target, base) or Overlay()
    entered = read_indicator_file(path, base)
    digest = file_sha256(path)
    day = today or dt.date.today()
    new_groups: dict[str, OverlayGroup] = {}
    for group in base.indicator_groups():
        items = sorted((e for e in entered if e.group == group.code), key=lambda e: e.number)
        if not items:
            continue
        new_groups[group.code] = OverlayGroup(
            code=group.code, title=group.title, imported_from=str(path.resolve()), sha256=digest, imported=day,
            indicators=[OverlayIndicator(code=indicator_code(group.code, e.number), number=e.number, title=e.title,
                                         source_act=e.source_act, source_point=e.source_point) for e in items],
        )
    changes = [
        GroupChange(g.code, g.title, len(new_groups[g.code].indicators),
                    _describe_before(g, existing.group(g.code), new_groups[g.code].indicators),
                    bool(g.indicators) or existing.group(g.code) is not None)
        for g in base.indicator_groups() if g.code in new_groups
    ]
    merged = Overlay(groups=[
        new_groups.get(g.code) or existing.group(g.code) for g in base.indicator_groups()
        if g.code in new_groups or existing.group(g.code) is not None
    ])
    apply_overlay(base, merged, target)  # the catalogue it gives must load; raises otherwise
    write_atomic(target, _dump_overlay(merged))
    clear_cache()
    return ImportResult(path, target, changes)


# --- the status -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupStatus:
    """Where the indicator list of one factor or area comes from."""

    code: str
    number: int
    title: str
    direction: str  # "npa" | "org"
    status: str  # complete | partial | not_catalogued
    count: int
    origin: str | None  # "seed" (the bundled data) | "import" | None (no indicators)
    imported_from: str | None = None
    imported: dt.date | None = None
    sha256: str | None = None
    sources: tuple[tuple[str, str], ...] = ()  # (act, point) of imported indicators, in order, without repeats
    bundled_sources: tuple[str, ...] = ()  # titles of the documents the bundled indicators cite

    @property
    def status_title(self) -> str:
        if self.origin == "import":
            return STATUS_TITLES["complete"]
        return STATUS_TITLES[self.status]

    @property
    def origin_text(self) -> str:
        if self.origin == "import":
            by_act: dict[str, list[str]] = {}
            for act, point in self.sources:
                by_act.setdefault(act, [])
                if point not in by_act[act]:
                    by_act[act].append(point)
            cited = "; ".join(f"{act}, {', '.join(points)}" for act, points in by_act.items())
            return f"импорт из {Path(self.imported_from or '').name} {short_date(self.imported)}, источник: {cited}"
        if self.origin == "seed":
            return "материалы проекта (seed)" + "".join(f"; {t}" for t in self.bundled_sources)
        return ""

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code, "number": self.number, "title": self.title, "direction": self.direction,
            "status": "complete" if self.origin == "import" else self.status, "status_title": self.status_title,
            "count": self.count, "origin": self.origin, "origin_title": self.origin_text or None,
            "imported_from": self.imported_from, "imported": self.imported.isoformat() if self.imported else None,
            "sha256": self.sha256, "sources": [{"act": a, "point": p} for a, p in self.sources],
        }


def catalogue_status(directory: str | Path | None = None) -> list[GroupStatus]:
    """Every factor and area in catalogue order with its indicator list's state and origin: the default catalogue
    with the overlay, or the folder ``directory`` alone."""
    if directory is not None:
        catalogue, overlay = load_catalogue(directory), None
    else:
        catalogue = load_catalogue()
        overlay = read_overlay(overlay_path(), load_catalogue(overlay=False))
    docs = {d.code: d for d in catalogue.sources}
    rows = []
    for group in catalogue.indicator_groups():
        direction = "npa" if isinstance(group, NpaFactor) else "org"
        entered = overlay.group(group.code) if overlay else None
        if entered is not None:
            sources = tuple(dict.fromkeys((i.source_act, i.source_point) for i in entered.indicators))
            rows.append(GroupStatus(group.code, group.number, group.title, direction, group.indicators_status,
                                    len(group.indicators), "import", entered.imported_from, entered.imported,
                                    entered.sha256, sources))
            continue
        cited = dict.fromkeys(i.source.doc for i in group.indicators)
        others = tuple(docs[d].title if d in docs else d for d in cited if d != "seed")
        rows.append(GroupStatus(group.code, group.number, group.title, direction, group.indicators_status,
                                len(group.indicators), "seed" if group.indicators else None,
                                bundled_sources=others))
    return rows


def status_lines(statuses: list[GroupStatus], overlay: Path | None = None) -> list[str]:
    """The readable table of ``vakr catalogue --status``."""
    lines = ["Перечни индикаторов по факторам и сферам"]
    if overlay is not None:
        state = "" if overlay.exists() else " (файла нет: импорт не выполнялся)"
        lines.append(f"Импортированные перечни: {overlay}{state}")
    direction = None
    for s in statuses:
        if s.direction != direction:
            direction = s.direction
            count = sum(1 for x in statuses if x.direction == direction)
            kind = ("Направление 1. Коррупционные факторы в НПА" if direction == "npa"
                    else "Направление 2. Сферы организационно-управленческой деятельности")
            lines += ["", f"{kind} ({count}):"]
        if s.count:
            lines.append(f"  {s.number}. {s.title} — {s.status_title}; индикаторов: {s.count}")
            lines.append(f"      откуда: {s.origin_text}")
        else:
            lines.append(f"  {s.number}. {s.title} — {s.status_title}")
    missing = sum(1 for s in statuses if not s.count)
    if missing:
        lines += ["", f"Не внесены перечни: {missing} из {len(statuses)}. Как внести официальный перечень:"
                      " vakr catalogue template ПАПКА, заполните книгу, затем vakr catalogue import ФАЙЛ."]
    return lines


__all__ = [
    "EnteredIndicator",
    "GroupChange",
    "GroupStatus",
    "ImportResult",
    "Overlay",
    "OverlayGroup",
    "OverlayIndicator",
    "apply_overlay",
    "catalogue_status",
    "file_sha256",
    "group_label",
    "import_indicators",
    "indicator_code",
    "overlay_path",
    "read_indicator_file",
    "read_overlay",
    "status_lines",
    "template_workbook",
    "write_template",
]
