"""The organisation workbook: the analyst's primary input, read into :class:`vakr.organisation.Organisation`.

Sheets: «Инструкция» (how to fill, the template version), «Профиль» (one row per profile field; persons have the
name in column B and the position in column C), «Чек-лист» (one row per checklist item), «Риски» (one row per
finding), «Должности» (positions exposed to risks) and the hidden «Списки» (dropdown lists).

:func:`read_workbook` reports every problem of the file at once, each naming the file, sheet, row and column:
``org.xlsx, лист «Риски», строка 7, столбец M «Вероятность»: ожидается целое число от 1 до 5, указано «высокая»``.
Cross-checks that need the catalogue (codes, units, positions) are in :mod:`vakr.validation`.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from .catalogue import Catalogue, load_catalogue
from .checklist import DIRECTION_TITLES, checklist_items
from .errors import DocumentError, InputError
from .io_files import input_problem, write_atomic
from .organisation import (
    ANSWER_TITLES,
    MAX_NAME,
    NAME_ORDER_TITLES,
    ORG_TYPE_TITLES,
    SCHEMA_VERSION,
    Organisation,
    Person,
    slugify,
)
from .validation import is_impossible_date, pydantic_message, salvage, shown

TEMPLATE_VERSION = 1
VERSION_NAME = "vakr_template_version"
VERSION_LABEL = "Версия шаблона"
DATE_FORMAT = "ДД.ММ.ГГГГ"
EXCEL_DATE_FORMAT = "DD.MM.YYYY"
MAX_CELL_TEXT = 32767
# What a cell holds when its formula failed (openpyxl gives the cached error as text).
EXCEL_ERRORS = frozenset({"#REF!", "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#VALUE!", "#GETTING_DATA",
                          "#SPILL!", "#CALC!"})
# Limits of a workbook read from someone else (checked before openpyxl parses it).
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_ROWS = 20_000  # rows of one sheet written in the file (an organisation with 1 000 risks has about 1 200)
MAX_CELLS = 200_000  # filled cells of one sheet (an organisation with 1 000 risks fills about 16 000)
NEW_COMMAND = "создайте новую книгу командой `vakr new` и перенесите в неё данные"

INSTRUCTIONS = "Инструкция"
PROFILE = "Профиль"
CHECKLIST = "Чек-лист"
RISKS = "Риски"
POSITIONS = "Должности"
LISTS = "Списки"
SHEET_ORDER = (INSTRUCTIONS, PROFILE, CHECKLIST, RISKS, POSITIONS)

EMPTY_ROWS = 200  # prepared empty rows in «Риски» and «Должности»
WORKING_GROUP_ROWS = 15
UNIT_ROWS = 30


@dataclass(frozen=True)
class Col:
    """A column of a table sheet: the model field it holds (None: a formula helper), its header and kind."""

    key: str | None
    header: str
    width: float
    kind: str = "text"  # text | multi | date | score | code | answer | unit | section | formula
    optional: bool = False  # a column added after version 1 of the template: books without it stay readable


CHECKLIST_COLUMNS = (
    Col("indicator", "Код", 25, "code"),
    Col(None, "Направление", 26, "fixed"),
    Col(None, "Фактор/сфера", 30, "fixed"),
    Col(None, "№ индикатора", 11, "fixed"),
    Col(None, "Индикатор", 70, "fixed"),
    Col("answer", "Ответ", 17, "answer"),
    Col("comment", "Комментарий", 45, "text"),
)
RISK_COLUMNS = (
    Col(None, "№", 5, "formula"),
    Col("indicator", "Код индикатора", 22, "code"),
    Col(None, "Индикатор (подставляется по коду)", 36, "formula"),
    Col("act", "НПА/документ и пункт или бизнес-процесс", 40),
    Col("unit", "Структурное подразделение", 28, "unit"),
    Col("description", "Описание риска", 60),
    Col("functions", "Коррупциогенные функции", 36, "multi"),
    Col("positions", "Должности", 30, "multi"),
    Col("measure", "Рекомендуемая мера", 45),
    Col("completion_form", "Форма завершения", 18),
    Col("responsible", "Ответственные исполнители", 30, "multi"),
    Col("due", "Срок", 12, "date"),
    Col("likelihood", "Вероятность", 13, "score"),
    Col("impact", "Последствия", 13, "score"),
    Col(None, "Балл", 7, "formula"),
    Col(None, "Уровень риска", 13, "formula"),
    Col("section", "Раздел справки (для рисков в НПА)", 34, "section", optional=True),
)
POSITION_COLUMNS = (
    Col(None, "№", 5, "formula"),
    Col("title", "Должность", 36),
    Col("unit", "Подразделение", 30, "unit"),
    Col("powers", "Полномочия, содержащие коррупционные риски", 55),
    Col("risks", "Коррупционные риски", 55),
)
PROFILE_HEADERS = ("Поле", "Значение", "Должность", "Пояснение")


@dataclass(frozen=True)
class ProfileRow:
    label: str
    key: str  # profile field; "order.number" for nested
    kind: str  # text | slug | type | date | int | work_week | person | member | unit | section
    hint: str = ""


def profile_rows(members: int = WORKING_GROUP_ROWS, units: int = UNIT_ROWS) -> tuple[ProfileRow, ...]:
    """The rows of «Профиль»: the fields, then ``members`` rows for the working group and ``units`` for units."""
    return (
        ProfileRow("Организация", "", "section"),
        ProfileRow("Наименование организации", "name", "text",
                   "Полное наименование, как в приказе о проведении ВАКР"),
        ProfileRow("Наименование на казахском языке", "name_kk", "text", "Необязательно"),
        ProfileRow("Имя папки (латиница)", "slug", "slug",
                   "Латинские строчные буквы, цифры и дефис; если оставить пустым — будет получено из наименования"),
        ProfileRow("Тип организации", "type", "type", "Выберите из списка"),
        ProfileRow("Регион", "region", "text", "Область, город республиканского значения или столица"),
        ProfileRow("Штатная численность", "staff_headcount", "int", "Целое число; необязательно"),
        ProfileRow("Рабочая неделя (дней)", "work_week", "work_week",
                   "5 или 6; от неё зависит подсчёт рабочих дней"),
        ProfileRow("Порядок слов в ФИО", "name_order", "name_order",
                   "Как записаны ФИО ниже: «Фамилия Имя Отчество» (по умолчанию) или «Имя Отчество Фамилия»; по нему"
                   " под подписями печатается «И.О. Фамилия»"),
        ProfileRow("Руководство и приказ", "", "section"),
        ProfileRow("Руководитель", "head", "person", "Столбец B — ФИО, столбец C — должность"),
        ProfileRow("Номер приказа о проведении ВАКР", "order.number", "text", "Например: 148-ө"),
        ProfileRow("Дата приказа о проведении ВАКР", "order.date", "date", "Дата в формате ДД.ММ.ГГГГ"),
        ProfileRow("Уполномоченное лицо", "authorised_person", "person",
                   "Лицо, ответственное за проведение ВАКР: столбец B — ФИО, столбец C — должность"),
        ProfileRow("Сроки ВАКР", "", "section"),
        ProfileRow("Дата начала ВАКР", "vakr_start", "date", "Дата в формате ДД.ММ.ГГГГ"),
        ProfileRow("Дата завершения ВАКР", "vakr_end", "date", "Дата в формате ДД.ММ.ГГГГ"),
        ProfileRow("Дата подписания аналитической справки", "report_signed", "date",
                   "Оставьте пустой, если справка ещё не подписана"),
        ProfileRow("Дата утверждения плана мероприятий", "plan_approved", "date",
                   "Оставьте пустой, если план ещё не утверждён"),
        ProfileRow("Рабочая группа", "", "section"),
        *(ProfileRow(f"Член рабочей группы {n}", "working_group", "member",
                     "Столбец B — ФИО, столбец C — должность" if n == 1 else "") for n in range(1, members + 1)),
        ProfileRow("Структурные подразделения", "", "section"),
        *(ProfileRow(f"Структурное подразделение {n}", "units", "unit",
                     "Наименования подразделений; они появятся в списках листов «Риски» и «Должности»"
                     if n == 1 else "") for n in range(1, units + 1)),
    )


PROFILE_ROWS = profile_rows()
OPTIONAL_PROFILE_KINDS = ("name_order",)  # rows added after version 1 of the template
_REPEATED = {"member": re.compile(r"^член рабочей группы(?: \d+)?$"),
             "unit": re.compile(r"^структурное подразделение(?: \d+)?$")}

# --- styles -----------------------------------------------------------------------------------------------

_THIN = Side(style="thin", color="B0B0B0")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
_SECTION_FILL = PatternFill("solid", fgColor="EDEDED")
_FIXED_FILL = PatternFill("solid", fgColor="F5F5F5")
_EMPTY_ANSWER_FILL = PatternFill("solid", fgColor="FFF2CC")
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(wrap_text=True, vertical="top", horizontal="center")
_UNLOCKED = Protection(locked=False)
_LOCKED = Protection(locked=True)


def _norm(text: Any) -> str:
    return " ".join(str(text or "").split()).casefold().replace("ё", "е")


def _put(cell, value: Any) -> None:
    """Write a value; text stays text even when it starts with «=» (never a formula)."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(value) > MAX_CELL_TEXT:
            raise DocumentError(
                f"Лист «{cell.parent.title}», ячейка {cell.coordinate}: текст длиннее {MAX_CELL_TEXT} символов"
                " (предел ячейки Excel)"
            )
        cell.value = value
        cell.data_type = "s"
    else:
        cell.value = value
        if isinstance(value, dt.date):
            cell.number_format = EXCEL_DATE_FORMAT


def _fit_height(ws: Worksheet, row: int, shown_text: dict[str, str] | None = None) -> None:
    """Set a row's height from its wrapped text (Excel does not re-measure rows of a generated file).

    ``shown_text`` gives the text a formula cell will show (column letter → text).
    """
    lines = 1
    texts = {c.column_letter: c.value for c in ws[row] if isinstance(c.value, str) and c.data_type != "f"}
    texts.update(shown_text or {})
    for letter, text in texts.items():
        width = ws.column_dimensions[letter].width or 10
        per_line = max(int(width * 0.95) - 1, 1)
        count = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
        lines = max(lines, count)
    if lines > 1:
        ws.row_dimensions[row].height = min(15 * lines + 2, 409)


def _header_row(ws: Worksheet, headers: list[str], widths: list[float]) -> None:
    for c, (title, width) in enumerate(zip(headers, widths), start=1):
        cell = ws.cell(1, c)
        _put(cell, title)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = _CENTER
        cell.border = _BORDER
        cell.protection = _LOCKED
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.row_dimensions[1].height = 45


def _protect(ws: Worksheet, *, insert_rows: bool = False) -> None:
    """Protect the sheet without a password: headers and fixed cells locked, data cells typed freely."""
    p = ws.protection
    p.sheet = True
    p.formatColumns = False
    p.formatRows = False
    p.formatCells = False
    p.autoFilter = False
    p.sort = True
    p.insertRows = not insert_rows
    p.deleteRows = not insert_rows
    # Print: as wide as the page, as many pages down as needed.
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_setup.paperSize = ws.PAPERSIZE_A4


def _add_name(wb: openpyxl.Workbook, name: str, sheet: str, ref: str) -> None:
    wb.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(sheet)}!{ref}")


def _list_validation(ws: Worksheet, source: str, cells: str, title: str, error: str, prompt: str | None = None):
    dv = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True,
                        errorTitle=title, error=error, errorStyle="stop")
    if prompt:
        dv.showInputMessage = True
        dv.promptTitle = title
        dv.prompt = prompt
    dv.add(cells)
    ws.add_data_validation(dv)
    return dv


# --- building the workbook -----------------------------------------------------------------------------------


def _instructions(ws: Worksheet, catalogue: Catalogue, name: str) -> None:
    matrix = catalogue.risk_matrix
    answers = ", ".join(f"«{t}»" for t in ANSWER_TITLES.values())
    likelihood = "; ".join(f"{lv.value} — {lv.title}" for lv in matrix.likelihood)
    impact = "; ".join(f"{lv.value} — {lv.title}" for lv in matrix.impact)
    bands = "; ".join(f"{b.title} — {b.min_score}–{b.max_score}" for b in matrix.bands)
    rows = [
        ("Внутренний анализ коррупционных рисков (ВАКР)", "Книга для заполнения аналитиком"),
        ("Организация", name),
        (VERSION_LABEL, TEMPLATE_VERSION),
        ("Порядок работы",
         "Один раз опишите организацию (лист «Профиль»), ответьте на каждый индикатор чек-листа (лист «Чек-лист»),"
         " запишите каждый выявленный коррупционный риск с обоснованием (лист «Риски») и перечислите должности,"
         " подверженные коррупционным рискам (лист «Должности»)."),
        ("Лист «Профиль»",
         "Одна строка — одно поле. Для лиц (руководитель, уполномоченное лицо, члены рабочей группы): ФИО — в"
         " столбце B, должность — в столбце C. Структурные подразделения перечислите по одному в строке: из них"
         " составляется выпадающий список на листах «Риски» и «Должности»."),
        ("Лист «Чек-лист»",
         f"Одна строка — один индикатор. В столбце «Ответ» выберите из списка: {answers}. По индикатору с ответом"
         " «Присутствует» запишите риск на листе «Риски». Строки «иные признаки» — для признаков фактора или"
         " сферы, которых нет в перечне индикаторов."),
        ("Лист «Риски»",
         "Одна строка — один коррупционный риск. Код индикатора выберите из списка (коды — из листа «Чек-лист»)."
         " Подразделение выберите из списка. Обязательны код индикатора, подразделение, описание риска, вероятность"
         " и последствия, а для риска в НПА — ещё акт и его пункт. Не указанные мера, форма завершения, срок,"
         " ответственные, наименование бизнес-процесса и раздел справки для риска в НПА предлагаются по методике"
         " и помечаются в документах знаком «◊» — проверьте их. Пустые строки пропускаются."),
        ("Лист «Должности»",
         "Одна строка — одна должность, подверженная коррупционным рискам. Должности, указанные на листе «Риски»,"
         " должны быть в этом перечне (наименование — точно так же)."),
        ("Несколько значений в ячейке",
         "Коррупциогенные функции, должности и ответственные исполнители: разделяйте точкой с запятой «;» или"
         " переводом строки (Alt+Enter)."),
        ("Даты", "Формат ДД.ММ.ГГГГ, например 01.10.2025."),
        ("Вероятность (1–5)", likelihood),
        ("Последствия (1–5)", impact),
        ("Уровень риска", f"Балл = вероятность × последствия. Уровни: {bands}."),
        ("Важно",
         "Не переименовывайте листы и заголовки столбцов, не удаляйте и не переставляйте столбцы и названия полей"
         " профиля: по ним программа находит данные. Листы защищены без пароля только от случайной правки"
         " заголовков; ячейки для ввода открыты. Текст на казахском языке допускается везде."),
        ("Проверка",
         "Проверьте книгу командой `vakr validate <файл>`: программа сообщает обо всех ошибках файла сразу, с"
         " указанием листа, строки и столбца."),
    ]
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 110
    for r, (label, text) in enumerate(rows, start=1):
        a, b = ws.cell(r, 1), ws.cell(r, 2)
        _put(a, label)
        _put(b, text)
        a.font = Font(bold=True, size=13 if r == 1 else 11)
        a.alignment = _WRAP
        b.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        _fit_height(ws, r)
    ws.cell(3, 2).number_format = "0"
    _protect(ws)


def _section_titles(catalogue: Catalogue) -> dict[str, str]:
    """Report section code → how the workbook shows it: «5. Реализация контрольно-ревизионных функций»."""
    return {s.code: f"{s.number}. {s.title}" for s in catalogue.report_sections}


def _lists_sheet(wb: openpyxl.Workbook, catalogue: Catalogue, org_type: str) -> dict[str, str]:
    """The hidden sheet of dropdown lists; returns the defined names of each list."""
    ws = wb.create_sheet(LISTS)
    items = checklist_items(catalogue, org_type)
    columns = {
        "codes": ("Код индикатора", [i.code for i in items]),
        "labels": ("Индикатор", [f"{i.label}: {' '.join(i.title.split())}" for i in items]),
        "answers": ("Ответ", list(ANSWER_TITLES.values())),
        "types": ("Тип организации", list(ORG_TYPE_TITLES.values())),
        "scores": ("Балл", [1, 2, 3, 4, 5]),
        "work_week": ("Рабочая неделя", [5, 6]),
        "sections": ("Раздел справки", list(_section_titles(catalogue).values())),
        "name_order": ("Порядок слов в ФИО", list(NAME_ORDER_TITLES.values())),
    }
    names = {}
    for c, (key, (title, values)) in enumerate(columns.items(), start=1):
        _put(ws.cell(1, c), title)
        for r, value in enumerate(values, start=2):
            _put(ws.cell(r, c), value)
        letter = get_column_letter(c)
        name = f"vakr_list_{key}"
        _add_name(wb, name, LISTS, f"${letter}$2:${letter}${len(values) + 1}")
        names[key] = name
        ws.column_dimensions[letter].width = 30
    names["lookup"] = f"{quote_sheetname(LISTS)}!$A$2:$B${len(items) + 1}"
    ws.sheet_state = "hidden"
    _protect(ws)
    return names


def _profile_sheet(ws: Worksheet, names: dict[str, str], values: dict[str, Any],
                   rows: tuple[ProfileRow, ...]) -> tuple[int, int]:
    """The profile rows; ``values`` maps a row label to (B, C). Returns the rows of the units block."""
    _header_row(ws, list(PROFILE_HEADERS), [38, 48, 42, 60])
    unit_rows = []
    for r, spec in enumerate(rows, start=2):
        a, b, c, d = (ws.cell(r, col) for col in range(1, 5))
        _put(a, spec.label)
        a.alignment = _WRAP
        a.border = b.border = c.border = d.border = _BORDER
        if spec.kind == "section":
            for cell in (a, b, c, d):
                cell.fill = _SECTION_FILL
                cell.protection = _LOCKED
            a.font = Font(bold=True)
            continue
        _put(d, spec.hint)
        d.alignment = _WRAP
        d.font = Font(italic=True, color="595959")
        b.protection = _UNLOCKED
        b.alignment = _WRAP
        person = spec.kind in ("person", "member")
        c.protection = _UNLOCKED if person else _LOCKED
        c.alignment = _WRAP
        if not person:
            c.fill = _FIXED_FILL
        value_b, value_c = values.get(spec.label, (None, None))
        if value_b is not None:
            _put(b, value_b)
        if value_c is not None:
            _put(c, value_c)
        if spec.kind == "date":
            b.number_format = EXCEL_DATE_FORMAT
        if spec.kind == "type":
            _list_validation(ws, names["types"], b.coordinate, "Тип организации", "Выберите тип из списка.")
        if spec.kind == "work_week":
            _list_validation(ws, names["work_week"], b.coordinate, "Рабочая неделя", "Укажите 5 или 6.")
        if spec.kind == "name_order":
            _list_validation(ws, names["name_order"], b.coordinate, "Порядок слов в ФИО",
                             "Выберите из списка: «Фамилия Имя Отчество» или «Имя Отчество Фамилия».")
        if spec.kind == "date":
            dv = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                                formula2="DATE(2100,12,31)", allow_blank=True, showErrorMessage=True,
                                errorTitle="Дата", error="Введите дату в формате ДД.ММ.ГГГГ.")
            dv.add(b.coordinate)
            ws.add_data_validation(dv)
        if spec.kind == "unit":
            unit_rows.append(r)
        _fit_height(ws, r)
    ws.freeze_panes = "A2"
    _protect(ws, insert_rows=True)
    return unit_rows[0], unit_rows[-1]


def _table_sheet(ws: Worksheet, columns: tuple[Col, ...], rows: list[dict[str, Any]], total_rows: int,
                 formulas: dict[str, Callable[[int], str]], freeze: str,
                 shown_text: Callable[[dict[str, Any]], dict[str, str]] | None = None) -> None:
    _header_row(ws, [c.header for c in columns], [c.width for c in columns])
    for r in range(2, total_rows + 2):
        data = rows[r - 2] if r - 2 < len(rows) else {}
        for c, col in enumerate(columns, start=1):
            cell = ws.cell(r, c)
            cell.alignment = _CENTER if col.kind in ("score", "date", "formula") and col.width < 15 else _WRAP
            if col.kind == "formula":
                cell.value = formulas[col.header](r)
                cell.protection = _LOCKED
                cell.fill = _FIXED_FILL
                continue
            if col.kind == "fixed":
                cell.protection = _LOCKED
                cell.fill = _FIXED_FILL
            else:
                cell.protection = _UNLOCKED
            if col.kind == "date":
                cell.number_format = EXCEL_DATE_FORMAT
            value = data.get(col.key if col.key else col.header)
            if isinstance(value, list):
                value = "\n".join(value) if value else None
            if value is not None:
                _put(cell, value)
        if data:
            _fit_height(ws, r, shown_text(data) if shown_text else None)
    ws.freeze_panes = freeze
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{total_rows + 1}"


def _column_range(columns: tuple[Col, ...], key: str, last_row: int) -> str:
    index = next(i for i, c in enumerate(columns, start=1) if c.key == key)
    letter = get_column_letter(index)
    return f"{letter}2:{letter}{last_row}"


def _letter(columns: tuple[Col, ...], key: str) -> str:
    return get_column_letter(next(i for i, c in enumerate(columns, start=1) if (c.key or c.header) == key))


def _build(catalogue: Catalogue, name: str, org_type: str, org: Organisation | None) -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws_instr = wb.active
    ws_instr.title = INSTRUCTIONS
    _instructions(ws_instr, catalogue, name)
    _add_name(wb, VERSION_NAME, INSTRUCTIONS, "$B$3")
    ws_profile = wb.create_sheet(PROFILE)
    ws_check = wb.create_sheet(CHECKLIST)
    ws_risks = wb.create_sheet(RISKS)
    ws_pos = wb.create_sheet(POSITIONS)
    names = _lists_sheet(wb, catalogue, org_type)

    # Profile.
    values: dict[str, tuple[Any, Any]] = {}
    rows = PROFILE_ROWS
    if org is None:
        values = {"Наименование организации": (name, None), "Имя папки (латиница)": (slugify(name), None),
                  "Тип организации": (ORG_TYPE_TITLES[org_type], None), "Рабочая неделя (дней)": (5, None)}
    else:
        p = org.profile
        # Room for every member and unit, and some spare rows to add more.
        rows = profile_rows(max(WORKING_GROUP_ROWS, len(p.working_group) + 5), max(UNIT_ROWS, len(p.units) + 5))
        for spec in rows:
            if spec.kind in ("section", "member", "unit"):
                continue
            if spec.kind == "person":
                person: Person = getattr(p, spec.key)
                values[spec.label] = (person.name, person.position)
                continue
            obj, attr = (p.order, spec.key.split(".")[1]) if "." in spec.key else (p, spec.key)
            value = getattr(obj, attr)
            if spec.kind == "type":
                value = ORG_TYPE_TITLES[value]
            if spec.kind == "name_order":
                value = NAME_ORDER_TITLES[value]
            values[spec.label] = (value, None)
        members = [s.label for s in rows if s.kind == "member"]
        units = [s.label for s in rows if s.kind == "unit"]
        for label, person in zip(members, p.working_group):
            values[label] = (person.name, person.position)
        for label, unit in zip(units, p.units):
            values[label] = (unit, None)
    first_unit, last_unit = _profile_sheet(ws_profile, names, values, rows)
    _add_name(wb, "vakr_list_units", PROFILE, f"$B${first_unit}:$B${last_unit}")

    # Checklist.
    items = checklist_items(catalogue, org_type)
    answers = {}
    extra: list[dict[str, Any]] = []
    if org is not None:
        item_codes = {i.code for i in items}
        for a in org.checklist:
            if a.indicator in item_codes and a.indicator not in answers:
                answers[a.indicator] = a
            else:
                extra.append({"indicator": a.indicator, "answer": ANSWER_TITLES.get(a.answer or ""),
                              "comment": a.comment})
    rows = []
    for item in items:
        given = answers.get(item.code)
        rows.append({
            "indicator": item.code,
            "Направление": DIRECTION_TITLES[item.direction],
            "Фактор/сфера": f"{item.group_number}. {item.group_title}",
            "№ индикатора": item.number if item.number is not None else "иные",
            "Индикатор": " ".join(item.title.split()),
            "answer": ANSWER_TITLES[given.answer] if given and given.answer else None,
            "comment": given.comment if given else None,
        })
    rows += extra
    _table_sheet(ws_check, CHECKLIST_COLUMNS, rows, len(rows), {}, "B2")
    last = len(rows) + 1
    answer_letter = _letter(CHECKLIST_COLUMNS, "answer")
    _list_validation(ws_check, names["answers"], f"{answer_letter}2:{answer_letter}{last}", "Ответ",
                     "Выберите ответ из списка: Присутствует, Отсутствует, Не применимо.")
    ws_check.conditional_formatting.add(
        f"{answer_letter}2:{answer_letter}{last}",
        FormulaRule(formula=[f'ISBLANK(${answer_letter}2)'], fill=_EMPTY_ANSWER_FILL),
    )
    _protect(ws_check)

    # Risks.
    section_titles = _section_titles(catalogue)
    findings = [f.model_dump() | {"section": section_titles.get(f.section or "", f.section)}
                for f in org.findings] if org else []
    total = len(findings) + EMPTY_ROWS
    last = total + 1
    code, lik, imp = (_letter(RISK_COLUMNS, k) for k in ("indicator", "likelihood", "impact"))
    score = _letter(RISK_COLUMNS, "Балл")
    first_input, last_input = _letter(RISK_COLUMNS, "act"), _letter(RISK_COLUMNS, "impact")
    bands = sorted(catalogue.risk_matrix.bands, key=lambda b: b.min_score)
    band_formula = f'"{bands[0].title}"'
    for band in bands[1:]:
        band_formula = f'IF({{s}}>={band.min_score},"{band.title}",{band_formula})'
    formulas = {
        "№": lambda r: f'=IF(COUNTA({code}{r},{first_input}{r}:{last_input}{r})=0,"",ROW()-1)',
        "Индикатор (подставляется по коду)": lambda r: (
            f'=IF({code}{r}="","",IFERROR(VLOOKUP({code}{r},{names["lookup"]},2,FALSE),"код не найден"))'),
        "Балл": lambda r: f'=IF(AND(ISNUMBER({lik}{r}),ISNUMBER({imp}{r})),{lik}{r}*{imp}{r},"")',
        "Уровень риска": lambda r: f'=IF({score}{r}="","",{band_formula.replace("{s}", f"{score}{r}")})',
    }
    labels = {i.code: f"{i.label}: {' '.join(i.title.split())}" for i in items}
    lookup_letter = _letter(RISK_COLUMNS, "Индикатор (подставляется по коду)")
    _table_sheet(ws_risks, RISK_COLUMNS, findings, total, formulas, "C2",
                 lambda f: {lookup_letter: labels.get(f.get("indicator"), "")})
    _list_validation(ws_risks, names["codes"], _column_range(RISK_COLUMNS, "indicator", last), "Код индикатора",
                     "Выберите код индикатора из списка (коды листа «Чек-лист»).")
    _list_validation(ws_risks, names["sections"], _column_range(RISK_COLUMNS, "section", last), "Раздел справки",
                     "Выберите раздел аналитической справки из списка (только для рисков в НПА).")
    _list_validation(ws_risks, "vakr_list_units", _column_range(RISK_COLUMNS, "unit", last),
                     "Структурное подразделение",
                     "Выберите подразделение из списка (список — на листе «Профиль»).")
    for key, title in (("likelihood", "Вероятность"), ("impact", "Последствия")):
        scale = getattr(catalogue.risk_matrix, key)
        _list_validation(ws_risks, names["scores"], _column_range(RISK_COLUMNS, key, last), title,
                         "Выберите целое число от 1 до 5.",
                         prompt="; ".join(f"{lv.value} — {lv.title}" for lv in scale))
    dv = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)", formula2="DATE(2100,12,31)",
                        allow_blank=True, showErrorMessage=True, errorTitle="Срок",
                        error="Введите дату в формате ДД.ММ.ГГГГ.")
    dv.add(_column_range(RISK_COLUMNS, "due", last))
    ws_risks.add_data_validation(dv)
    band_letter = _letter(RISK_COLUMNS, "Уровень риска")
    for band in catalogue.risk_matrix.bands:
        ws_risks.conditional_formatting.add(
            f"{band_letter}2:{band_letter}{last}",
            FormulaRule(formula=[f'${band_letter}2="{band.title}"'],
                        fill=PatternFill("solid", fgColor=band.color.lstrip("#")),
                        font=Font(color="FFFFFF", bold=True)),
        )
    ws_risks.page_setup.orientation = "landscape"
    _protect(ws_risks)

    # Positions.
    positions = [p.model_dump() for p in org.positions] if org else []
    total = len(positions) + EMPTY_ROWS
    title, pos_last = _letter(POSITION_COLUMNS, "title"), _letter(POSITION_COLUMNS, "risks")
    _table_sheet(ws_pos, POSITION_COLUMNS, positions, total,
                 {"№": lambda r: f'=IF(COUNTA({title}{r}:{pos_last}{r})=0,"",ROW()-1)'}, "C2")
    _list_validation(ws_pos, "vakr_list_units", _column_range(POSITION_COLUMNS, "unit", total + 1),
                     "Подразделение", "Выберите подразделение из списка (список — на листе «Профиль»).")
    ws_pos.page_setup.orientation = "landscape"
    _protect(ws_pos)

    wb.calculation.fullCalcOnLoad = True
    wb.properties.title = f"ВАКР: {name}"[:250]  # the property holds at most 255 characters
    wb.properties.creator = "vakr"
    return wb


def new_workbook(catalogue: Catalogue, name: str, org_type: str = "state_body") -> openpyxl.Workbook:
    """An empty workbook for one organisation: the name, folder name and type filled, every checklist item listed."""
    if org_type not in ORG_TYPE_TITLES:
        raise InputError([f"неизвестный тип организации «{org_type}»; допустимо: {', '.join(ORG_TYPE_TITLES)}"],
                         header="Книга не создана:")
    return _build(catalogue, name, org_type, None)


def _save(wb: openpyxl.Workbook, path: Path) -> Path:
    return write_atomic(path, lambda tmp: wb.save(tmp))


def write_workbook(org: Organisation, catalogue: Catalogue | None, path: str | Path) -> Path:
    """A filled workbook from a model (examples, round trips), written atomically."""
    catalogue = catalogue or load_catalogue()
    wb = _build(catalogue, org.profile.name, org.profile.type, org)
    return _save(wb, Path(path))


def create_workbook(name: str, directory: str | Path, org_type: str = "state_body", as_yaml: bool = False,
                    catalogue: Catalogue | None = None) -> Path:
    """Write ``<slug>.xlsx`` (or ``<slug>.yaml``) for a new organisation; never overwrites an existing file."""
    from .io_yaml import template_yaml

    catalogue = catalogue or load_catalogue()
    if not name or not name.strip():
        raise InputError(["укажите наименование организации"], header="Книга не создана:")
    if len(name.strip()) > MAX_NAME:
        raise InputError([f"НАЗВАНИЕ: наименование организации длиннее {MAX_NAME} знаков ({len(name.strip())});"
                          " укажите полное официальное наименование без лишнего текста"], header="Книга не создана:")
    target = Path(directory) / f"{slugify(name)}.{'yaml' if as_yaml else 'xlsx'}"
    if target.exists():
        raise InputError(
            [f"файл {target} уже существует; он не будет перезаписан, чтобы не потерять данные."
             " Переименуйте или перенесите его, либо укажите другую папку"],
            header="Книга не создана:",
        )
    if as_yaml:
        if org_type not in ORG_TYPE_TITLES:
            raise InputError([f"неизвестный тип организации «{org_type}»; допустимо: {', '.join(ORG_TYPE_TITLES)}"],
                             header="Книга не создана:")
        return write_atomic(target, template_yaml(catalogue, name.strip(), org_type))
    return _save(new_workbook(catalogue, name.strip(), org_type), target)


# --- reading ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Where:
    """A cell and its description for messages; ``order`` sorts problems as they appear in the file."""

    text: str
    order: tuple


class _Reader:
    def __init__(self, path: Path):
        self.path = path
        self.file = path.name
        self.problems: list[tuple[tuple, str]] = []
        self.locations: dict[tuple, Where] = {}
        self.reported: set[tuple] = set()  # keys whose value could not be read (pydantic errors on them are noise)
        self.failed_sheets: set[str] = set()  # sheets missing or with wrong headers

    # -- places --

    def sheet_where(self, sheet: str) -> Where:
        return Where(f"{self.file}, лист «{sheet}»", (SHEET_ORDER.index(sheet) if sheet in SHEET_ORDER else 9,))

    def row_where(self, sheet: str, row: int, label: str | None = None) -> Where:
        text = f"{self.file}, лист «{sheet}», строка {row}" + (f" «{label}»" if label else "")
        return Where(text, (SHEET_ORDER.index(sheet), row))

    def cell_where(self, sheet: str, row: int, col: int, header: str, label: str | None = None) -> Where:
        base = self.row_where(sheet, row, label)
        return Where(f"{base.text}, столбец {get_column_letter(col)} «{header}»", (SHEET_ORDER.index(sheet), row, col))

    def problem(self, where: Where, message: str) -> None:
        self.problems.append((where.order, f"{where.text}: {message}"))

    def fail(self, message: str) -> InputError:
        return InputError([f"{self.file}: {message}"], header=f"Файл {self.file}: найдено ошибок: 1")

    # -- values --

    def text(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
            raise ValueError(f"в ячейке ошибка формулы «{value.strip()}»: введите значение вместо формулы")
        if isinstance(value, str) and len(value) >= MAX_CELL_TEXT:
            raise ValueError(f"текст ячейки достиг предела Excel ({MAX_CELL_TEXT} знаков) и, возможно, обрезан:"
                             " сократите его или вынесите подробности в приложение")
        if isinstance(value, bool):
            return "да" if value else "нет"
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, dt.datetime):
            value = value.date() if value.time() == dt.time() else value
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.strftime("%d.%m.%Y")
        text = str(value).strip()
        return text or None

    def multi(self, value: Any) -> list[str]:
        text = self.text(value)
        if not text:
            return []
        return [part.strip() for part in re.split(r"[;\n\r]+", text) if part.strip()]

    def date(self, value: Any) -> dt.date:
        """A date from a date cell or from text; ``ValueError`` with the Russian message otherwise."""
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            text = value.strip().removesuffix("г.").removesuffix("г").strip()
            for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%d/%m/%Y"):
                try:
                    return dt.datetime.strptime(text, fmt).date()
                except ValueError:
                    pass
            if is_impossible_date(text):
                raise ValueError(f"такой даты нет: «{text}»")
        raise ValueError(f"ожидается дата в формате {DATE_FORMAT}, указано «{shown(value)}»")

    def integer(self, value: Any, expected: str = "ожидается целое число") -> int:
        if isinstance(value, bool):
            raise ValueError(f"{expected}, указано «{shown(value)}»")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            return int(value)
        raise ValueError(f"{expected}, указано «{shown(value)}»")

    @staticmethod
    def empty(value: Any) -> bool:
        return value is None or (isinstance(value, str) and not value.strip())

    # -- sheets --

    def check_headers(self, ws: Worksheet, columns: tuple[Col, ...] | tuple[str, ...]) -> bool:
        ok = True
        for c, col in enumerate(columns, start=1):
            header = col.header if isinstance(col, Col) else col
            if isinstance(col, Col) and col.kind == "formula":
                continue
            given = ws.cell(1, c).value
            if isinstance(col, Col) and col.optional and self.empty(given):
                continue
            if _norm(given) != _norm(header):
                what = f"указано «{shown(given)}»" if not self.empty(given) else "ячейка пуста"
                self.problem(
                    Where(f"{self.file}, лист «{ws.title}», строка 1, столбец {get_column_letter(c)}",
                          (SHEET_ORDER.index(ws.title), 1, c)),
                    f"ожидается заголовок «{header}», {what}; не переименовывайте и не переставляйте столбцы",
                )
                ok = False
        return ok

    def read_profile(self, ws: Worksheet) -> dict[str, Any] | None:
        sheet = PROFILE
        if not self.check_headers(ws, PROFILE_HEADERS):
            return None
        by_label = {_norm(s.label): s for s in PROFILE_ROWS if s.kind not in ("member", "unit")}
        raw: dict[str, Any] = {"order": {}}
        seen: dict[str, int] = {}
        members: list[dict[str, Any]] = []
        units: list[str] = []
        first_row: dict[str, int] = {}
        self.locations[("profile",)] = self.sheet_where(sheet)
        for row in used_rows(ws):
            label_value = ws.cell(row, 1).value
            b, c = ws.cell(row, 2).value, ws.cell(row, 3).value
            label = _norm(label_value)
            if not label:
                if not (self.empty(b) and self.empty(c)):
                    self.problem(self.row_where(sheet, row), "значение без названия поля в столбце A")
                continue
            spec = by_label.get(label)
            if spec is None:
                kind = next((k for k, rx in _REPEATED.items() if rx.match(label)), None)
                if kind is None:
                    self.problem(self.cell_where(sheet, row, 1, PROFILE_HEADERS[0]),
                                 f"неизвестное поле «{shown(label_value)}»; не переименовывайте поля профиля")
                    continue
                shown_label = " ".join(str(label_value).split())
                where_b = self.cell_where(sheet, row, 2, PROFILE_HEADERS[1], shown_label)
                where_c = self.cell_where(sheet, row, 3, PROFILE_HEADERS[2], shown_label)
                field = "working_group" if kind == "member" else "units"
                first_row.setdefault(field, row)
                if kind == "member":
                    name, position = self.text(b), self.text(c)
                    if name is None and position is None:
                        continue
                    j = len(members)
                    members.append({k: v for k, v in (("name", name), ("position", position)) if v is not None})
                    self.locations[("profile", field, j)] = where_b
                    self.locations[("profile", field, j, "name")] = where_b
                    self.locations[("profile", field, j, "position")] = where_c
                else:
                    unit = self.text(b)
                    if unit is None:
                        continue
                    self.locations[("profile", field, len(units))] = where_b
                    units.append(unit)
                continue
            if spec.kind == "section":
                continue
            if label in seen:
                self.problem(self.cell_where(sheet, row, 1, PROFILE_HEADERS[0]),
                             f"поле «{spec.label}» указано повторно (впервые — в строке {seen[label]})")
                continue
            seen[label] = row
            where_b = self.cell_where(sheet, row, 2, PROFILE_HEADERS[1], spec.label)
            key = ("profile", *spec.key.split("."))
            if spec.kind == "person":
                where_c = self.cell_where(sheet, row, 3, PROFILE_HEADERS[2], spec.label)
                self.locations[key] = where_b
                self.locations[key + ("name",)] = where_b
                self.locations[key + ("position",)] = where_c
                raw[spec.key] = {k: v for k, v in (("name", self.text(b)), ("position", self.text(c)))
                                 if v is not None}
                continue
            self.locations[key] = where_b
            if spec.key == "order.number":
                self.locations[("profile", "order")] = where_b
            target = raw["order"] if spec.key.startswith("order.") else raw
            attr = key[-1]
            if self.empty(b):
                continue
            try:
                if spec.kind == "date":
                    target[attr] = self.date(b)
                elif spec.kind in ("int", "work_week"):
                    expected = "ожидается 5 или 6" if spec.kind == "work_week" else "ожидается целое число"
                    target[attr] = self.integer(b, expected)
                elif spec.kind == "type":
                    target[attr] = self.org_type(b)
                elif spec.kind == "name_order":
                    target[attr] = self.choice(b, NAME_ORDER_TITLES, "ожидается порядок слов в ФИО из списка")
                else:
                    target[attr] = self.text(b)
            except ValueError as exc:
                self.problem(where_b, str(exc))
                self.reported.add(key)
        for spec in PROFILE_ROWS:
            if spec.kind in OPTIONAL_PROFILE_KINDS:
                continue
            if spec.kind not in ("section", "member", "unit") and _norm(spec.label) not in seen:
                self.problem(self.sheet_where(sheet),
                             f"не найдена строка «{spec.label}» (не удаляйте и не переименовывайте поля профиля)")
                self.reported.add(("profile", *spec.key.split(".")))
        for field in ("working_group", "units"):
            if field not in first_row:
                label = "Член рабочей группы" if field == "working_group" else "Структурное подразделение"
                self.problem(self.sheet_where(sheet), f"не найдены строки «{label} …»")
                self.reported.add(("profile", field))
            else:
                self.locations[("profile", field)] = self.cell_where(
                    sheet, first_row[field], 2, PROFILE_HEADERS[1],
                    " ".join(str(ws.cell(first_row[field], 1).value).split()))
        raw["working_group"] = members
        raw["units"] = units
        if "slug" not in raw and isinstance(raw.get("name"), str) and ("profile", "slug") not in self.reported:
            raw["slug"] = slugify(raw["name"])
        if "work_week" not in raw and ("profile", "work_week") not in self.reported:
            raw["work_week"] = 5
        return raw

    def org_type(self, value: Any) -> str:
        text = _norm(value)
        for code, title in ORG_TYPE_TITLES.items():
            if text in (_norm(code), _norm(title)):
                return code
        raise ValueError("ожидается тип организации из списка: "
                         + ", ".join(f"«{t}»" for t in ORG_TYPE_TITLES.values()) + f", указано «{shown(value)}»")

    def choice(self, value: Any, titles: dict[str, str], expected: str) -> str:
        text = _norm(value)
        for code, title in titles.items():
            if text in (_norm(code), _norm(title)):
                return code
        raise ValueError(f"{expected}: " + ", ".join(f"«{t}»" for t in titles.values())
                         + f", указано «{shown(value)}»")

    def section(self, value: Any) -> str:
        """A report section as the dropdown shows it («5. Реализация …»), its number or its code."""
        text = _norm(value)
        match = re.match(r"^(\d+)\.?(\s|$)", text)
        for code, title in self.sections.items():
            if text in (_norm(code), _norm(title)) or (match and title.startswith(f"{match.group(1)}. ")):
                return code
        raise ValueError("ожидается раздел справки из списка: " + ", ".join(f"«{t}»" for t in self.sections.values())
                         + f", указано «{shown(value)}»")

    def answer(self, value: Any) -> str:
        text = _norm(value)
        for code, title in ANSWER_TITLES.items():
            if text in (_norm(code), _norm(title)):
                return code
        raise ValueError("ожидается ответ из списка: " + ", ".join(f"«{t}»" for t in ANSWER_TITLES.values())
                         + f", указано «{shown(value)}»")

    def read_table(self, ws: Worksheet, section: str, columns: tuple[Col, ...]) -> list[dict[str, Any]] | None:
        sheet = ws.title
        self.locations[(section,)] = self.sheet_where(sheet)
        if not self.check_headers(ws, columns):
            return None
        items: list[dict[str, Any]] = []
        inputs = [(c, col) for c, col in enumerate(columns, start=1)
                  if col.key is not None and not (col.optional and self.empty(ws.cell(1, c).value))]
        for row in used_rows(ws):
            values = {col.key: ws.cell(row, c).value for c, col in inputs}
            if all(self.empty(v) for v in values.values()):
                continue
            if section == "checklist" and self.empty(values["indicator"]):
                self.problem(self.cell_where(sheet, row, 1, columns[0].header),
                             "нет кода индикатора: заполнены ответ или комментарий в строке без кода")
                continue
            i = len(items)
            self.locations[(section, i)] = self.row_where(sheet, row)
            item: dict[str, Any] = {}
            for c, col in inputs:
                key = (section, i, col.key)
                where = self.cell_where(sheet, row, c, col.header)
                self.locations[key] = where
                value = values[col.key]
                try:
                    if col.kind == "multi":
                        item[col.key] = self.multi(value)
                    elif self.empty(value):
                        continue
                    elif col.kind == "date":
                        item[col.key] = self.date(value)
                    elif col.kind == "score":
                        item[col.key] = self.integer(value, "ожидается целое число от 1 до 5")
                    elif col.kind == "answer":
                        item[col.key] = self.answer(value)
                    elif col.kind == "section":
                        item[col.key] = self.section(value)
                    elif col.kind == "code":
                        code = self.text(value)
                        match = re.match(r"^(\S+)\s+[—–-]\s", code)
                        item[col.key] = match.group(1) if match else code
                    else:
                        item[col.key] = self.text(value)
                except ValueError as exc:
                    self.problem(where, str(exc))
                    self.reported.add(key)
            items.append(item)
        return items

    def where_of(self, key: tuple) -> Where:
        probe = key
        while probe and probe not in self.locations:
            probe = probe[:-1]
        if probe:
            where = self.locations[probe]
            if probe != key:  # e.g. a missing nested field: name it
                rest = ".".join(str(p) for p in key[len(probe):])
                return Where(f"{where.text}, поле «{rest}»", where.order)
            return where
        return Where(self.file, ())

    def read(self, catalogue: Catalogue | None) -> Organisation:
        self.sections = _section_titles(catalogue or load_catalogue())
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
                self.problem(Where(self.file, (SHEET_ORDER.index(sheet),)),
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
        org = None
        errors: list[dict[str, Any]] = []
        try:
            org = Organisation.model_validate(raw)
        except ValidationError as exc:
            errors = exc.errors()
            for err in errors:
                key = tuple(err["loc"])
                if any(key[: n] in self.reported for n in range(1, len(key) + 1)):
                    continue
                where = self.where_of(key)
                self.problems.append((where.order, f"{where.text}: {pydantic_message(err, DATE_FORMAT)}"))
        locations = {key: where.text for key, where in self.locations.items()}
        if self.problems or org is None:
            ordered = [text for _, text in sorted(self.problems, key=lambda p: p[0])]
            # Cells that could not be read are missing from `raw`: they surface as «missing» errors to salvage.
            partial, dates_replaced = salvage(raw, errors) if (PROFILE not in self.failed_sheets) else (None, False)
            if partial is not None:
                partial.set_locations(self.file, locations)
            reported = {self.where_of(tuple(e["loc"])).text for e in errors} | {self.where_of(k).text
                                                                                for k in self.reported}
            raise InputError(ordered, header=f"Файл {self.file}: найдено ошибок: {len(ordered)}", partial=partial,
                             reported=frozenset(reported), dates_unreliable=dates_replaced)
        org.set_locations(self.file, locations)
        return org

    def open(self) -> openpyxl.Workbook:
        try:
            return open_workbook(self.path, "создайте книгу командой `vakr new`")
        except WorkbookRefused as exc:
            raise self.fail(str(exc)) from None

    def check_version(self, wb: openpyxl.Workbook) -> None:
        known = [s for s in SHEET_ORDER if s in wb.sheetnames]
        if not known:
            raise self.fail(
                f"книга не является книгой ВАКР (нет листов {', '.join(f'«{s}»' for s in SHEET_ORDER)});"
                f" {NEW_COMMAND}"
            )
        version = self.template_version(wb)
        if version is None:
            raise self.fail(f"не найдена версия шаблона (лист «{INSTRUCTIONS}», строка «{VERSION_LABEL}»):"
                            f" книга создана не программой vakr или по устаревшему шаблону; {NEW_COMMAND}")
        if version != TEMPLATE_VERSION:
            older = isinstance(version, int) and version < TEMPLATE_VERSION
            kind = "устаревшей" if older else "неизвестной"
            raise self.fail(f"книга создана по шаблону {kind} версии «{version}», поддерживается версия"
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
            return self.integer(value)
        except ValueError:
            return shown(value)


class WorkbookRefused(Exception):
    """A file that cannot be read as a workbook; the message is Russian, without the file name."""


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part («xl/worksheets/sheet4.xml») → sheet name («Риски»), from the workbook and its relations."""
    try:
        workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {}
    for tag in re.findall(r"<Relationship\b[^>]*>", rels):
        rid, target = re.search(r'Id="([^"]+)"', tag), re.search(r'Target="([^"]+)"', tag)
        if rid and target:
            targets[rid.group(1)] = "xl/" + target.group(1).lstrip("/").removeprefix("xl/")
    names = {}
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        name, rid = re.search(r'name="([^"]*)"', tag), re.search(r'(?:\w+:)?id="([^"]+)"', tag)
        if name and rid and rid.group(1) in targets:
            names[targets[rid.group(1)]] = html.unescape(name.group(1))
    return names


def _check_size(path: Path) -> None:
    """Refuse, before parsing, a workbook too large to be an organisation's: the file, what it unpacks to (a zip
    bomb unpacks a few kilobytes into gigabytes), and the filled cells of each sheet (counted while streaming)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise WorkbookRefused(f"файл слишком большой ({size / 1024 / 1024:.0f} МБ; книга организации занимает не"
                              f" более {MAX_FILE_BYTES // 1024 // 1024} МБ)")
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        unpacked = sum(m.file_size for m in members)
        if unpacked > MAX_UNPACKED_BYTES:
            raise WorkbookRefused(f"файл слишком большой в распакованном виде ({unpacked / 1024 / 1024:.0f} МБ;"
                                  f" допускается не более {MAX_UNPACKED_BYTES // 1024 // 1024} МБ): это не книга"
                                  " организации или она повреждена")
        names = _sheet_names(archive)
        for member in members:
            if not member.filename.startswith("xl/worksheets/") or not member.filename.endswith(".xml"):
                continue
            filled = rows = 0
            tail = b""
            with archive.open(member) as handle:
                while chunk := handle.read(1 << 20):
                    block = tail + chunk
                    filled += block.count(b"</v>") + block.count(b"</is>")
                    rows += block.count(b"</row>")
                    tail = block[-5:]  # a closing tag split between two blocks is counted in the next one
                    filled -= tail.count(b"</v>") + tail.count(b"</is>")
                    rows -= tail.count(b"</row>")
            if rows > MAX_ROWS or filled > MAX_CELLS:
                sheet = names.get(member.filename, member.filename)
                raise WorkbookRefused(f"на листе «{sheet}» {rows} строк ({filled} заполненных ячеек); книга"
                                      f" организации может содержать не более {MAX_ROWS} строк и {MAX_CELLS}"
                                      " заполненных ячеек на листе")


def open_workbook(path: Path, new_hint: str) -> openpyxl.Workbook:
    """A workbook someone else made, checked before parsing (format, size, zip bomb, filled cells) and opened
    with its cached values; :class:`WorkbookRefused` with a Russian message otherwise. ``new_hint`` says how to
    make a proper one («создайте книгу командой `vakr new`»)."""
    if problem := input_problem(path):
        raise WorkbookRefused(problem)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise WorkbookRefused(f"не удалось прочитать файл ({exc.strerror})") from None
    if not head:
        raise WorkbookRefused(f"файл пуст (0 байт); {new_hint}")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbookRefused("файл в старом формате Excel 97–2003 (.xls) или защищён паролем на открытие; откройте"
                              " его в Excel и сохраните как «Книга Excel (*.xlsx)» без пароля")
    if not head.startswith(b"PK"):
        raise WorkbookRefused("файл не является книгой Excel (.xlsx): похоже, это текстовый или другой файл,"
                              " переименованный в .xlsx")
    if path.suffix.lower() == ".xls":
        raise WorkbookRefused("формат .xls не поддерживается; сохраните файл как «Книга Excel (*.xlsx)»")
    try:
        _check_size(path)
        with warnings.catch_warnings():  # openpyxl warns on stderr about odd styles and dates; the file is judged here
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, data_only=True)
    except zipfile.BadZipFile:
        raise WorkbookRefused("файл повреждён: не удаётся открыть его как книгу Excel (.xlsx)") from None
    except WorkbookRefused:
        raise
    except Exception:  # noqa: BLE001 - any failure of the parser means an unreadable file
        raise WorkbookRefused("не удаётся открыть файл как книгу Excel (.xlsx): файл повреждён, зашифрован или имеет"
                              " другой формат; откройте его в Excel и сохраните как «Книга Excel (*.xlsx)»") from None


def used_rows(ws: Worksheet, first: int = 2) -> list[int]:
    """The rows from ``first`` on that hold a value, in order. Not ``range(first, ws.max_row + 1)``: one formatted
    empty cell in row 1 048 576 would make that a million rows (and creating their cells would fill the memory)."""
    return sorted({row for (row, _), cell in ws._cells.items() if row >= first and cell.value is not None})


def read_workbook(path: str | Path, catalogue: Catalogue | None = None) -> Organisation:
    """Read an organisation from its workbook; raise :class:`InputError` listing every problem of the file."""
    return _Reader(Path(path)).read(catalogue)
