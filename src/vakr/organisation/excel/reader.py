"""Reading the organisation workbook: every problem of the file at once, each naming the sheet, row and column."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from vakr.errors import InputError
from vakr.methodology.catalogue import Catalogue
from vakr.organisation.excel import cells
from vakr.organisation.excel.layout import (
    _REPEATED,
    CHECKLIST,
    CHECKLIST_COLUMNS,
    DATE_FORMAT,
    INSTRUCTIONS,
    NEW_COMMAND,
    OPTIONAL_PROFILE_KINDS,
    POSITION_COLUMNS,
    POSITIONS,
    PROFILE,
    PROFILE_HEADERS,
    PROFILE_KAZAKH,
    PROFILE_KAZAKH_KINDS,
    PROFILE_ROWS,
    RISK_COLUMNS,
    RISKS,
    SHEET_ORDER,
    TEMPLATE_VERSION,
    VERSION_LABEL,
    VERSION_NAME,
    Col,
    _norm,
)
from vakr.organisation.excel.open import WorkbookRefused, open_workbook, used_rows
from vakr.organisation.excel.workbook import _section_titles
from vakr.organisation.excel.year_sheets import YEAR_SHEET_TITLES, YEAR_SHEETS
from vakr.organisation.model import NAME_ORDER_TITLES, SCHEMA_VERSION, Organisation, slugify
from vakr.organisation.values import BadValue, pydantic_code, pydantic_message, salvage, shown
from vakr.organisation.year_titles import choice_titles
from vakr.problems import Place, Problem, field_path

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails  # the type of ValidationError.errors() items


# --- reading ---------------------------------------------------------------------------------------------------

_ORDER = (*SHEET_ORDER, *YEAR_SHEET_TITLES)  # problems are listed in the order of the sheets


@dataclass(frozen=True)
class Where:
    """A place of the workbook; ``order`` sorts problems as they appear in the file."""

    place: Place
    order: tuple


class _Reader:
    def __init__(self, path: Path):
        self.path = path
        self.file = path.name
        self.problems: list[tuple[tuple, Problem]] = []
        self.locations: dict[tuple, Where] = {}
        self.reported: set[tuple] = set()  # keys whose value could not be read (pydantic errors on them are noise)
        self.failed_sheets: set[str] = set()  # sheets missing or with wrong headers

    # -- places --

    def sheet_where(self, sheet: str) -> Where:
        return Where(Place(file=self.file, sheet=sheet), (_ORDER.index(sheet) if sheet in _ORDER else 99,))

    def row_where(self, sheet: str, row: int, label: str | None = None) -> Where:
        return Where(Place(file=self.file, sheet=sheet, row=row, label=label or None), (_ORDER.index(sheet), row))

    def cell_where(self, sheet: str, row: int, col: int, header: str | None, label: str | None = None) -> Where:
        place = Place(file=self.file, sheet=sheet, row=row, label=label or None, column=get_column_letter(col),
                      header=header)
        return Where(place, (_ORDER.index(sheet), row, col))

    def problem(self, where: Where, code: str, message: str, field: tuple = ()) -> None:
        self.problems.append((where.order, Problem(code=code, message=message, place=where.place,
                                                   field=field_path(*field) if field else None)))

    def fail(self, code: str, message: str) -> InputError:
        return InputError.single(code, message, Place(file=self.file))

    # -- sheets --

    def check_headers(self, ws: Worksheet, columns: Sequence[Col | str]) -> bool:
        ok = True
        for c, col in enumerate(columns, start=1):
            header = col.header if isinstance(col, Col) else col
            if isinstance(col, Col) and col.kind == "formula":
                continue
            given = ws.cell(1, c).value
            if isinstance(col, Col) and col.optional and cells.empty(given):
                continue
            if _norm(given) != _norm(header):
                what = f"указано «{shown(given)}»" if not cells.empty(given) else "ячейка пуста"
                self.problem(
                    self.cell_where(ws.title, 1, c, None), "sheet.header",
                    f"ожидается заголовок «{header}», {what}; не переименовывайте и не переставляйте столбцы",
                )
                ok = False
        return ok

    def profile_text(self, value: Any, where: Where, key: tuple) -> str | None:
        """A text cell of «Профиль» (a person's name or position, a unit): ``None`` when empty or unreadable (the
        problem is reported at ``where``)."""
        try:
            return cells.text(value)
        except ValueError as exc:
            self.problem(where, BadValue.code_of(exc), str(exc), key)
            self.reported.add(key)
            return None

    def read_profile(self, ws: Worksheet) -> dict[str, Any] | None:
        sheet = PROFILE
        if not self.check_headers(ws, (*PROFILE_HEADERS, PROFILE_KAZAKH)):
            return None
        # Column E (the positions and the units' names in Kazakh) is optional: books written before it read as they did.
        kazakh = not cells.empty(ws.cell(1, 5).value)
        by_label = {_norm(s.label): s for s in PROFILE_ROWS if s.kind not in ("member", "unit")}
        raw: dict[str, Any] = {"order": {}}
        seen: dict[str, int] = {}
        members: list[dict[str, Any]] = []
        units: list[str] = []
        units_kk: dict[str, str] = {}
        first_row: dict[str, int] = {}
        self.locations[("profile",)] = self.sheet_where(sheet)
        for row in used_rows(ws):
            label_value = ws.cell(row, 1).value
            b, c = ws.cell(row, 2).value, ws.cell(row, 3).value
            e = ws.cell(row, 5).value if kazakh else None
            label = _norm(label_value)
            if not label:
                if not (cells.empty(b) and cells.empty(c) and cells.empty(e)):
                    self.problem(self.row_where(sheet, row), "profile.unlabelled_value", "значение без названия поля в столбце A")
                continue
            spec = by_label.get(label)
            if spec is None:
                kind = next((k for k, rx in _REPEATED.items() if rx.match(label)), None)
                if kind is None:
                    self.problem(self.cell_where(sheet, row, 1, PROFILE_HEADERS[0]), "profile.unknown_field",
                                 f"неизвестное поле «{shown(label_value)}»; не переименовывайте поля профиля")
                    continue
                shown_label = " ".join(str(label_value).split())
                where_b = self.cell_where(sheet, row, 2, PROFILE_HEADERS[1], shown_label)
                where_c = self.cell_where(sheet, row, 3, PROFILE_HEADERS[2], shown_label)
                where_e = self.cell_where(sheet, row, 5, PROFILE_KAZAKH.header, shown_label)
                field = "working_group" if kind == "member" else "units"
                first_row.setdefault(field, row)
                if kind == "member":
                    item: tuple = ("profile", field, len(members))
                    member = {"name": self.profile_text(b, where_b, (*item, "name")),
                              "position": self.profile_text(c, where_c, (*item, "position")),
                              "position_kk": self.profile_text(e, where_e, (*item, "position_kk"))}
                    if all(v is None for v in member.values()) and not any(
                            (*item, k) in self.reported for k in member):
                        continue
                    members.append({k: v for k, v in member.items() if v is not None})
                    self.locations[item] = where_b
                    self.locations[(*item, "name")] = where_b
                    self.locations[(*item, "position")] = where_c
                    self.locations[(*item, "position_kk")] = where_e
                else:
                    unit = self.profile_text(b, where_b, ("profile", field, len(units)))
                    unit_kk = self.profile_text(e, where_e, ("profile", "units_kk", *([unit] if unit else [])))
                    if unit is None:
                        if unit_kk is not None and cells.empty(b):
                            self.problem(where_e, "profile.kazakh_without_unit",
                                         "наименование на казахском языке указано без наименования подразделения"
                                         " в столбце B", ("profile", "units_kk"))
                        continue
                    self.locations[("profile", field, len(units))] = where_b
                    units.append(unit)
                    if unit_kk is not None:
                        self.locations[("profile", "units_kk", unit)] = where_e
                        units_kk.setdefault(unit, unit_kk)
                continue
            if spec.kind == "section":
                continue
            if spec.kind not in PROFILE_KAZAKH_KINDS and not cells.empty(e):
                where_e = self.cell_where(sheet, row, 5, PROFILE_KAZAKH.header, spec.label)
                hint = (" (наименование на казахском языке — в строке «Наименование на казахском языке»)"
                        if spec.key == "name" else "")
                self.problem(where_e, "profile.kazakh_unused",
                             f"столбец E «{PROFILE_KAZAKH.header}» заполняется только в строках лиц (должность на"
                             f" казахском языке) и структурных подразделений; очистите ячейку{hint}")
            if label in seen:
                self.problem(self.cell_where(sheet, row, 1, PROFILE_HEADERS[0]), "profile.repeated_field",
                             f"поле «{spec.label}» указано повторно (впервые — в строке {seen[label]})")
                continue
            seen[label] = row
            where_b = self.cell_where(sheet, row, 2, PROFILE_HEADERS[1], spec.label)
            key = ("profile", *spec.key.split("."))
            if spec.kind == "person":
                where_c = self.cell_where(sheet, row, 3, PROFILE_HEADERS[2], spec.label)
                where_e = self.cell_where(sheet, row, 5, PROFILE_KAZAKH.header, spec.label)
                self.locations[key] = where_b
                self.locations[key + ("name",)] = where_b
                self.locations[key + ("position",)] = where_c
                self.locations[key + ("position_kk",)] = where_e
                person = {"name": self.profile_text(b, where_b, key + ("name",)),
                          "position": self.profile_text(c, where_c, key + ("position",)),
                          "position_kk": self.profile_text(e, where_e, key + ("position_kk",))}
                raw[spec.key] = {k: v for k, v in person.items() if v is not None}
                continue
            self.locations[key] = where_b
            if spec.key == "order.number":
                self.locations[("profile", "order")] = where_b
            target = raw["order"] if spec.key.startswith("order.") else raw
            attr = key[-1]
            if cells.empty(b):
                continue
            try:
                if spec.kind == "date":
                    target[attr] = cells.date(b)
                elif spec.kind in ("int", "work_week"):
                    expected = "ожидается 5 или 6" if spec.kind == "work_week" else "ожидается целое число"
                    target[attr] = cells.integer(b, expected)
                elif spec.kind == "type":
                    target[attr] = cells.org_type(b)
                elif spec.kind == "name_order":
                    target[attr] = cells.choice(b, NAME_ORDER_TITLES, "ожидается порядок слов в ФИО из списка")
                else:
                    target[attr] = cells.text(b)
            except ValueError as exc:
                self.problem(where_b, BadValue.code_of(exc), str(exc), key)
                self.reported.add(key)
        for spec in PROFILE_ROWS:
            if spec.kind in OPTIONAL_PROFILE_KINDS:
                continue
            if spec.kind not in ("section", "member", "unit") and _norm(spec.label) not in seen:
                self.problem(self.sheet_where(sheet), "profile.missing_row",
                             f"не найдена строка «{spec.label}» (не удаляйте и не переименовывайте поля профиля)")
                self.reported.add(("profile", *spec.key.split(".")))
        for field in ("working_group", "units"):
            if field not in first_row:
                label = "Член рабочей группы" if field == "working_group" else "Структурное подразделение"
                self.problem(self.sheet_where(sheet), "profile.missing_row", f"не найдены строки «{label} …»")
                self.reported.add(("profile", field))
            else:
                self.locations[("profile", field)] = self.cell_where(
                    sheet, first_row[field], 2, PROFILE_HEADERS[1],
                    " ".join(str(ws.cell(first_row[field], 1).value).split()))
        raw["working_group"] = members
        raw["units"] = units
        if units_kk:
            raw["units_kk"] = units_kk
        if "slug" not in raw and isinstance(raw.get("name"), str) and ("profile", "slug") not in self.reported:
            raw["slug"] = slugify(raw["name"])
        if "work_week" not in raw and ("profile", "work_week") not in self.reported:
            raw["work_week"] = 5
        return raw

    def read_table(self, ws: Worksheet, section: str | tuple[str, ...], columns: tuple[Col, ...]) -> list[dict] | None:
        """The rows of a table sheet; ``section`` is the model's list (``("year", "events")`` for a nested one)."""
        sheet = ws.title
        prefix = section if isinstance(section, tuple) else (section,)
        self.locations[prefix] = self.sheet_where(sheet)
        if not self.check_headers(ws, columns):
            return None
        items: list[dict[str, Any]] = []
        inputs = [(c, col.key, col) for c, col in enumerate(columns, start=1)
                  if col.key is not None and not (col.optional and cells.empty(ws.cell(1, c).value))]
        for row in used_rows(ws):
            values = {name: ws.cell(row, c).value for c, name, _ in inputs}
            if all(cells.empty(v) for v in values.values()):
                continue
            if section == "checklist" and cells.empty(values["indicator"]):
                self.problem(self.cell_where(sheet, row, 1, columns[0].header), "checklist.no_indicator",
                             "нет кода индикатора: заполнены ответ или комментарий в строке без кода")
                continue
            i = len(items)
            self.locations[(*prefix, i)] = self.row_where(sheet, row)
            item: dict[str, Any] = {}
            for c, name, col in inputs:
                key = (*prefix, i, name)
                where = self.cell_where(sheet, row, c, col.header)
                self.locations[key] = where
                value = values[name]
                if cells.empty(value) and col.kind != "multi":
                    continue
                try:
                    item[name] = cells.of_kind(value, col, self.sections, self.choices)
                except ValueError as exc:
                    self.problem(where, BadValue.code_of(exc), str(exc), key)
                    self.reported.add(key)
            items.append(item)
        return items

    def read_year(self, wb: openpyxl.Workbook) -> dict[str, list[dict[str, Any]]]:
        """The year's sheets the workbook has (each is optional: a missing sheet is an empty list)."""
        year: dict[str, list[dict[str, Any]]] = {}
        for spec in YEAR_SHEETS:
            if spec.title not in wb.sheetnames:
                continue
            data = self.read_table(wb[spec.title], ("year", spec.field), spec.columns)
            if data is None:
                self.reported.add(("year", spec.field))
                self.failed_sheets.add(spec.title)
            else:
                year[spec.field] = data
        return year

    def where_of(self, key: tuple) -> Where:
        probe = key
        while probe and probe not in self.locations:
            probe = probe[:-1]
        if probe:
            where = self.locations[probe]
            if probe != key:  # e.g. a missing nested field: name it
                rest = ".".join(str(p) for p in key[len(probe):])
                return Where(where.place.model_copy(update={"path": rest}), where.order)
            return where
        return Where(Place(file=self.file), ())

    def read(self, catalogue: Catalogue) -> Organisation:
        self.sections = _section_titles(catalogue)
        self.choices = choice_titles(catalogue)
        wb = self.open()
        self.check_version(wb)
        raw: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        readers = {
            PROFILE: lambda ws: self.read_profile(ws),
            CHECKLIST: lambda ws: self.read_table(ws, "checklist", CHECKLIST_COLUMNS),
            RISKS: lambda ws: self.read_table(ws, "findings", RISK_COLUMNS),
            POSITIONS: lambda ws: self.read_table(ws, "positions", POSITION_COLUMNS),
        }
        fields = {PROFILE: "profile", CHECKLIST: "checklist", RISKS: "findings", POSITIONS: "positions"}
        for sheet, reader in readers.items():
            field = fields[sheet]
            if sheet not in wb.sheetnames:
                self.problem(Where(Place(file=self.file), (SHEET_ORDER.index(sheet),)), "sheet.missing",
                             f"нет листа «{sheet}» (не переименовывайте и не удаляйте листы)")
                self.reported.add((field,))
                self.failed_sheets.add(sheet)
                continue
            data = reader(wb[sheet])
            if data is None:
                self.reported.add((field,))
                self.failed_sheets.add(sheet)
            else:
                raw[field] = data
        raw["year"] = self.read_year(wb)
        org = None
        errors: list[ErrorDetails] = []
        try:
            org = Organisation.model_validate(raw)
        except ValidationError as exc:
            errors = exc.errors()
            for err in errors:
                key = tuple(err["loc"])
                if any(key[: n] in self.reported for n in range(1, len(key) + 1)):
                    continue
                where = self.where_of(key)
                self.problem(where, pydantic_code(err), pydantic_message(err, DATE_FORMAT), key)
        locations = {key: where.place for key, where in self.locations.items()}
        if self.problems or org is None:
            ordered = [problem for _, problem in sorted(self.problems, key=lambda p: p[0])]
            # Cells that could not be read are missing from `raw`: they surface as «missing» errors to salvage.
            partial, dates_replaced = salvage(raw, errors) if (PROFILE not in self.failed_sheets) else (None, False)
            if partial is not None:
                partial.set_locations(self.file, locations)
            reported = ({self.where_of(tuple(e["loc"])).place for e in errors}
                        | {self.where_of(k).place for k in self.reported})
            raise InputError(ordered, header=f"Файл {self.file}: найдено ошибок: {len(ordered)}", partial=partial,
                             reported=frozenset(reported), dates_unreliable=dates_replaced)
        org.set_locations(self.file, locations)
        return org

    def open(self) -> openpyxl.Workbook:
        try:
            return open_workbook(self.path, "создайте книгу командой `vakr new`")
        except WorkbookRefused as exc:
            raise self.fail(exc.code, str(exc)) from None

    def check_version(self, wb: openpyxl.Workbook) -> None:
        known = [s for s in SHEET_ORDER if s in wb.sheetnames]
        if not known:
            raise self.fail(
                "workbook.not_vakr", f"книга не является книгой ВАКР (нет листов {', '.join(f'«{s}»' for s in SHEET_ORDER)});"
                f" {NEW_COMMAND}"
            )
        version = self.template_version(wb)
        if version is None:
            raise self.fail("workbook.no_version", f"не найдена версия шаблона (лист «{INSTRUCTIONS}», строка «{VERSION_LABEL}»):"
                            f" книга создана не программой vakr или по устаревшему шаблону; {NEW_COMMAND}")
        if version != TEMPLATE_VERSION:
            older = isinstance(version, int) and version < TEMPLATE_VERSION
            kind = "устаревшей" if older else "неизвестной"
            raise self.fail("workbook.version", f"книга создана по шаблону {kind} версии «{version}», поддерживается версия"
                            f" {TEMPLATE_VERSION}; {NEW_COMMAND}")

    def template_version(self, wb: openpyxl.Workbook) -> Any:
        value: Any = None
        defined = wb.defined_names.get(VERSION_NAME)
        if defined is not None:
            try:
                for sheet, coord in defined.destinations:
                    if sheet in wb.sheetnames:
                        value = wb[sheet][coord.replace("$", "")].value
                        break
            except Exception:  # noqa: BLE001 - a broken name: fall back to the label
                value = None
        if value is None and INSTRUCTIONS in wb.sheetnames:
            ws = wb[INSTRUCTIONS]
            for row in range(1, min(ws.max_row, 50) + 1):
                if _norm(ws.cell(row, 1).value) == _norm(VERSION_LABEL):
                    value = ws.cell(row, 2).value
                    break
        if value is None:
            return None
        try:
            return cells.integer(value)
        except ValueError:
            return shown(value)


def read_workbook(path: str | Path, catalogue: Catalogue) -> Organisation:
    """Read an organisation from its workbook; raise :class:`InputError` listing every problem of the file."""
    return _Reader(Path(path)).read(catalogue)
