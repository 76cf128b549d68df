"""The organisation workbook: the analyst's primary input, read into :class:`vakr.organisation.model.Organisation`.

Sheets: «Инструкция» (how to fill, the template version), «Профиль» (one row per profile field; persons have the
name in column B and the position in column C), «Чек-лист» (one row per checklist item), «Риски» (one row per
finding), «Должности» (positions exposed to risks) and the hidden «Списки» (dropdown lists).

:func:`read_workbook` reports every problem of the file at once, each naming the file, sheet, row and column:
``org.xlsx, лист «Риски», строка 7, столбец M «Вероятность»: ожидается целое число от 1 до 5, указано «высокая»``.
Cross-checks that need the catalogue (codes, units, positions) are in :mod:`vakr.organisation.validation`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from vakr.errors import DocumentError

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


def instruction_rows(ws: Worksheet, rows: list[tuple[str, Any]]) -> None:
    """An «Инструкция» sheet: a bold label in column A and its text in column B, one row each, heights fitted."""
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
