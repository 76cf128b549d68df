"""Reading an indicator list entered by the user (a workbook from the template, or YAML), all problems at once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from vakr import safe_yaml
from vakr.errors import InputError
from vakr.io_files import input_problem
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.models import IndicatorGroup
from vakr.methodology.overlay.file import EXAMPLE_ACT, FIELDS, HEADERS, SHEET, _clean, _norm
from vakr.organisation.excel.open import WorkbookRefused, open_workbook
from vakr.organisation.values import shown
from vakr.organisation.yaml import _node_lines, yaml_path
from vakr.problems import Place, Problem

# --- reading an indicator list ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EnteredIndicator:
    """One indicator read from the user's file, with where it was (for messages)."""

    group: str
    number: int
    title: str
    source_act: str
    source_point: str
    row: Place  # «перечень.xlsx, лист «Индикаторы», строка 5»
    cells: dict[str, Place] = field(default_factory=dict, compare=False)  # field → the place of its cell


@dataclass
class _Problems:
    file: str
    items: list[tuple[tuple, Problem]] = field(default_factory=list)

    def add(self, order: tuple, code: str, place: Place, message: str) -> None:
        self.items.append((order, Problem(code=code, message=message, place=place)))

    def error(self) -> InputError:
        ordered = [m for _, m in sorted(self.items, key=lambda x: x[0])]
        return InputError(ordered, header=f"Файл {self.file} не импортирован: найдено ошибок: {len(ordered)}"
                                          " (перечни индикаторов не изменены)")


def _fail(path: Path, code: str, message: str) -> InputError:
    return InputError.single(code, message, Place(file=path.name),
                             header=f"Файл {path.name} не импортирован (перечни индикаторов не изменены):")


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


def _read_rows(rows: list[tuple[Place, tuple, dict[str, tuple[Any, Place, tuple]]]], catalogue: Catalogue,
               problems: _Problems) -> list[EnteredIndicator]:
    """Validate rows given as (row place, order, field → (value, cell place, order)); collect every problem."""
    entered: list[EnteredIndicator] = []
    for row_where, _order, cells in rows:
        ok = True
        values: dict[str, Any] = {}

        def bad(name: str, message: str, cells: dict = cells) -> None:
            nonlocal ok
            ok = False
            _, where, order = cells[name]
            problems.add(order, f"indicators.{name}", where, message)

        raw_group = _text(cells["group"][0])
        group = _group_of(raw_group, catalogue) if raw_group else None
        if not raw_group:
            bad("group", "не указан фактор или сфера; выберите из списка (например, «org.coi — Урегулирование"
                         " конфликта интересов»)")
        elif group is None:
            bad("group", f"неизвестный фактор или сфера «{shown(raw_group)}»; выберите из списка: допустимы коды"
                         f" {', '.join(g.code for g in catalogue.indicator_groups())}")
        raw_number = cells["number"][0]
        number = _integer(raw_number)
        if _text(raw_number) == "":
            bad("number", "не указан номер индикатора (целое число от 1)")
        elif number is None or number < 1:
            bad("number", f"номер индикатора — целое положительное число, указано «{shown(raw_number)}»")
        for name, what in (("title", "пустая формулировка индикатора"),
                           ("source_act", f"не указан акт — источник индикатора (например, «{EXAMPLE_ACT}»)"),
                           ("source_point", "не указан пункт акта, где приведён индикатор")):
            values[name] = _text(cells[name][0])
            if not values[name]:
                bad(name, what)
        if ok and group is not None and number is not None:  # ok: both were read
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
                problems.add(cells["number"][2], "indicators.number_repeated", ind.cells["number"],
                             f"номер {ind.number} уже указан для «{title}» ({first[ind.number].row}); номера не"
                             " должны повторяться")
            else:
                first[ind.number] = ind
        numbers = sorted(first)
        missing = next((n for n in range(1, len(numbers) + 1) if n not in first), None)
        if missing is not None:
            after = min(n for n in numbers if n > missing)
            ind = first[after]
            _, cells = orders[ind.row]
            before = f"после номера {missing - 1} указан {after}" if missing > 1 else f"первый номер — {after}"
            problems.add(cells["number"][2], "indicators.number_gap", ind.cells["number"],
                         f"номера индикаторов «{title}» должны идти подряд с 1: {before}, пропущен номер {missing}")
    return entered


def _open_workbook(path: Path) -> openpyxl.Workbook:
    try:
        return open_workbook(path, "создайте шаблон командой `vakr catalogue template ПАПКА`")
    except WorkbookRefused as exc:
        raise _fail(path, exc.code, str(exc)) from None


def _read_workbook(path: Path, catalogue: Catalogue) -> list[EnteredIndicator]:
    wb = _open_workbook(path)
    if SHEET not in wb.sheetnames:
        raise _fail(path, "sheet.missing", f"в книге нет листа «{SHEET}» (есть: {', '.join(f'«{s}»' for s in wb.sheetnames)});"
                          " создайте шаблон командой `vakr catalogue template ПАПКА` и перенесите перечень в него")
    ws = wb[SHEET]
    problems = _Problems(path.name)
    for c, name in enumerate(FIELDS, start=1):
        given = ws.cell(1, c).value
        if _norm(str(given or "")) != _norm(HEADERS[name]):
            what = f"указано «{shown(given)}»" if _text(given) else "ячейка пуста"
            problems.add((1, c), "sheet.header", Place(file=path.name, sheet=SHEET, row=1, column=get_column_letter(c)),
                         f"ожидается заголовок «{HEADERS[name]}», {what}; не меняйте заголовки шаблона")
    if problems.items:
        raise problems.error()
    rows = []
    for r, values in enumerate(ws.iter_rows(min_row=2, max_col=len(FIELDS), values_only=True), start=2):
        values = tuple(values) + (None,) * (len(FIELDS) - len(values))
        if all(_text(v) == "" for v in values):
            continue
        cells = {
            name: (values[c - 1], Place(file=path.name, sheet=SHEET, row=r, column=get_column_letter(c),
                                        header=HEADERS[name]), (r, c))
            for c, name in enumerate(FIELDS, start=1)
        }
        rows.append((Place(row=r), (r,), cells))
    if not rows:
        raise _fail(path, "indicators.none", f"на листе «{SHEET}» нет ни одного индикатора (заполнены только заголовки); внесите"
                          " перечень, начиная со строки 2")
    entered = _read_rows(rows, catalogue, problems)
    if problems.items:
        raise problems.error()
    return entered


def _read_yaml(path: Path, catalogue: Catalogue) -> list[EnteredIndicator]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(path, "file.unreadable", f"не удалось прочитать файл ({exc.strerror})") from None
    if not data.strip():
        raise _fail(path, "file.empty", "файл пуст; ожидается список indicators: [{group, number, title, source_act,"
                          " source_point}]")
    try:
        root, raw = safe_yaml.compose(safe_yaml.load_text(data))
    except safe_yaml.YamlRefused as exc:
        raise _fail(path, "yaml.refused", exc.place + exc.message) from None
    lines: dict[tuple, int] = {}
    duplicates: list[tuple[tuple, int]] = []
    if root is not None:
        _node_lines(root, (), lines, duplicates)
    if not isinstance(raw, dict) or "indicators" not in raw:
        raise _fail(path, "yaml.not_mapping", "ожидается словарь с ключом indicators — списком индикаторов"
                          " [{group, number, title, source_act, source_point}]")
    problems = _Problems(path.name)

    def line(key: tuple) -> int:
        while key and key not in lines:
            key = key[:-1]
        return lines.get(key, 0)

    def place(*key: object) -> Place:
        return Place(file=path.name, path=yaml_path(key) or None, line=line(key) or None)

    for key, at in duplicates:
        problems.add((at,), "yaml.repeated_key", Place(file=path.name, path=yaml_path(key), line=at),
                     "поле указано повторно")
    for key in raw:
        if key not in ("indicators", "version"):
            problems.add((line((key,)),), "field.unknown", place(key),
                         f"лишний ключ «{key}» (допустимы: indicators, version)")
    items = raw["indicators"]
    if not isinstance(items, list):
        raise _fail(path, "yaml.not_list", f"строка {line(('indicators',))}: indicators должен быть списком индикаторов")
    if not items:
        raise _fail(path, "indicators.none", "список indicators пуст: в файле нет ни одного индикатора")
    rows = []
    for i, item in enumerate(items):
        row_where = place("indicators", i)
        if not isinstance(item, dict):
            problems.add((line(("indicators", i)),), "yaml.not_mapping", row_where,
                         f"ожидается словарь с полями {', '.join(FIELDS)}")
            continue
        for extra in sorted(item.keys() - set(FIELDS), key=str):
            at = line(("indicators", i, extra))
            problems.add((at, 99), "field.unknown", place("indicators", i, extra),
                         f"лишнее поле (допустимы: {', '.join(FIELDS)})")
        cells = {
            name: (item.get(name), place("indicators", i, name), (line(("indicators", i, name)), c))
            for c, name in enumerate(FIELDS)
        }
        rows.append((row_where, (line(("indicators", i)),), cells))
    entered = _read_rows(rows, catalogue, problems)
    if problems.items:
        raise problems.error()
    return entered


def read_indicator_file(path: str | Path, catalogue: Catalogue) -> list[EnteredIndicator]:
    """Read and check an indicator list (the template workbook or YAML) against ``catalogue`` (the bundled one,
    without the overlay); raise :class:`InputError` listing every problem, each naming the file and the row and
    column (or YAML path and line)."""
    path = Path(path)
    if problem := input_problem(path):
        raise _fail(path, "file.unreadable", problem)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_workbook(path, catalogue)
    if suffix in (".yaml", ".yml"):
        return _read_yaml(path, catalogue)
    what = f"«{path.suffix}»" if path.suffix else "без расширения"
    raise _fail(path, "file.format", f"неподдерживаемый тип файла ({what}); ожидается книга Excel (.xlsx) из `vakr catalogue"
                      " template` или файл YAML (.yaml, .yml)")
