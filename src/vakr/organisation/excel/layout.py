"""The organisation workbook: the analyst's primary input, read into :class:`vakr.organisation.model.Organisation`.

Sheets: «Инструкция» (how to fill, the template version), «Профиль» (one row per profile field; persons have the
name in column B and the position in column C; the optional column E holds a person's position or a unit's name in
Kazakh), «Чек-лист» (one row per checklist item), «Риски» (one row per finding), «Должности» (positions exposed to
risks) and the hidden «Списки» (dropdown lists); then the sheets of the year after the ВАКР, each optional
(:mod:`vakr.organisation.excel.year_sheets`). The columns headed «… (каз.)» of «Риски» and «Должности» hold the texts in
Kazakh, for the documents in Kazakh; like column E of «Профиль» they are optional.

:func:`read_workbook` reports every problem of the file at once, each naming the file, sheet, row and column:
``org.xlsx, лист «Риски», строка 7, столбец M «Вероятность»: ожидается целое число от 1 до 5, указано «высокая»``.
Cross-checks that need the catalogue (codes, units, positions) are in :mod:`vakr.organisation.validation`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.worksheet import Worksheet

from vakr.spreadsheet import MAX_CELL_TEXT as MAX_CELL_TEXT  # the reader's limit too
from vakr.spreadsheet import TextFit, box, fit_height, header_row, row_texts, set_widths, write

TEMPLATE_VERSION = 1
VERSION_NAME = "vakr_template_version"
VERSION_LABEL = "Версия шаблона"
DATE_FORMAT = "ДД.ММ.ГГГГ"
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
    # text | multi | date | score | code | answer | unit | section | formula | fixed; the year's sheets also use
    # count (an integer ≥ 0), yesno («да»/«нет») and choice (a dropdown of the titles named by ``choices``)
    kind: str = "text"
    optional: bool = False  # a column added after version 1 of the template: books without it stay readable
    choices: str | None = None  # kind «choice»: the list of titles (vakr.organisation.excel.year_sheets)


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
    # The finding's texts in Kazakh, for the documents in Kazakh (optional; where empty they show the Russian).
    Col("act_kk", "НПА/документ и пункт или бизнес-процесс (каз.)", 40, optional=True),
    Col("description_kk", "Описание риска (каз.)", 60, optional=True),
    Col("functions_kk", "Коррупциогенные функции (каз.)", 36, "multi", optional=True),
    Col("measure_kk", "Рекомендуемая мера (каз.)", 45, optional=True),
    Col("completion_form_kk", "Форма завершения (каз.)", 18, optional=True),
    Col("responsible_kk", "Ответственные исполнители (каз.)", 30, "multi", optional=True),
)
POSITION_COLUMNS = (
    Col(None, "№", 5, "formula"),
    Col("title", "Должность", 36),
    Col("unit", "Подразделение", 30, "unit"),
    Col("powers", "Полномочия, содержащие коррупционные риски", 55),
    Col("risks", "Коррупционные риски", 55),
    # In Kazakh, for the list of positions in Kazakh (optional).
    Col("title_kk", "Должность (каз.)", 36, optional=True),
    Col("powers_kk", "Полномочия, содержащие коррупционные риски (каз.)", 55, optional=True),
    Col("risks_kk", "Коррупционные риски (каз.)", 55, optional=True),
)
PROFILE_HEADERS = ("Поле", "Значение", "Должность", "Пояснение")
# Column E of «Профиль» (optional: books without it read as before): a person's position in Kazakh, a unit's name
# in Kazakh; empty in the other rows (the organisation's Kazakh name has its own row).
PROFILE_KAZAKH = Col("kk", "На казахском языке", 42, optional=True)
PROFILE_KAZAKH_KINDS = ("person", "member", "unit")  # the rows that fill column E


@dataclass(frozen=True)
class ProfileRow:
    label: str
    key: str  # profile field; "order.number" for nested
    kind: str  # text | parent | slug | type | date | int | work_week | name_order | person | member | unit | section
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
        ProfileRow("Вышестоящая организация", "parent", "parent",
                   "Вышестоящий государственный орган или холдинг (для квазигосударственного субъекта); необязательно"),
        ProfileRow("Штатная численность", "staff_headcount", "int", "Целое число; необязательно"),
        ProfileRow("Рабочая неделя (дней)", "work_week", "work_week",
                   "5 или 6; от неё зависит подсчёт рабочих дней"),
        ProfileRow("Порядок слов в ФИО", "name_order", "name_order",
                   "Как записаны ФИО ниже: «Фамилия Имя Отчество» (по умолчанию) или «Имя Отчество Фамилия»; по нему"
                   " под подписями печатается «И.О. Фамилия»"),
        ProfileRow("Руководство и приказ", "", "section"),
        ProfileRow("Руководитель", "head", "person",
                   "Столбец B — ФИО, столбец C — должность, столбец E — должность на казахском языке (необязательно)"),
        ProfileRow("Номер приказа о проведении ВАКР", "order.number", "text", "Например: 148-ө"),
        ProfileRow("Дата приказа о проведении ВАКР", "order.date", "date", "Дата в формате ДД.ММ.ГГГГ"),
        ProfileRow("Уполномоченное лицо", "authorised_person", "person",
                   "Лицо, ответственное за проведение ВАКР: столбец B — ФИО, столбец C — должность, столбец E —"
                   " должность на казахском языке (необязательно)"),
        ProfileRow("Сроки ВАКР", "", "section"),
        ProfileRow("Дата начала ВАКР", "vakr_start", "date", "Дата в формате ДД.ММ.ГГГГ"),
        ProfileRow("Дата завершения ВАКР", "vakr_end", "date", "Дата в формате ДД.ММ.ГГГГ"),
        ProfileRow("Дата подписания аналитической справки", "report_signed", "date",
                   "Оставьте пустой, если справка ещё не подписана"),
        ProfileRow("Дата утверждения плана мероприятий", "plan_approved", "date",
                   "Оставьте пустой, если план ещё не утверждён"),
        ProfileRow("Рабочая группа", "", "section"),
        *(ProfileRow(f"Член рабочей группы {n}", "working_group", "member",
                     "Столбец B — ФИО, столбец C — должность, столбец E — должность на казахском языке"
                     " (необязательно)" if n == 1 else "") for n in range(1, members + 1)),
        ProfileRow("Структурные подразделения", "", "section"),
        *(ProfileRow(f"Структурное подразделение {n}", "units", "unit",
                     "Наименования подразделений; они появятся в списках листов «Риски» и «Должности»."
                     " В столбце E — наименование на казахском языке (необязательно)"
                     if n == 1 else "") for n in range(1, units + 1)),
    )


PROFILE_ROWS = profile_rows()
OPTIONAL_PROFILE_KINDS = ("name_order", "parent")  # rows added after version 1 of the template
_REPEATED = {"member": re.compile(r"^член рабочей группы(?: \d+)?$"),
             "unit": re.compile(r"^структурное подразделение(?: \d+)?$")}

# --- styles -----------------------------------------------------------------------------------------------

_BORDER = box("B0B0B0")
_HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
_SECTION_FILL = PatternFill("solid", fgColor="EDEDED")
_FIXED_FILL = PatternFill("solid", fgColor="F5F5F5")
_EMPTY_ANSWER_FILL = PatternFill("solid", fgColor="FFF2CC")
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(wrap_text=True, vertical="top", horizontal="center")
_UNLOCKED = Protection(locked=False)
_LOCKED = Protection(locked=True)
# Calibri 11 (the workbook's default font): about 0.95 characters per unit of column width, 15 pt a line; a row of
# one line keeps Excel's default height.
TEXT = TextFit(chars_per_unit=0.95, line_pt=15, size=11, one_line_default=True)


def _norm(text: Any) -> str:
    return " ".join(str(text or "").split()).casefold().replace("ё", "е")


def fit_row(ws: Worksheet, row: int, shown_text: dict[str, str] | None = None) -> None:
    """Set a row's height from its wrapped text; ``shown_text`` gives the text a formula cell will show (column
    letter → text)."""
    fit_height(ws, row, row_texts(ws, row, shown_text), TEXT)


def header(ws: Worksheet, headers: list[str], widths: list[float]) -> None:
    """Row 1 of a table sheet: locked bold titles on a blue fill, the columns' widths."""
    header_row(ws, 1, headers, font=Font(bold=True), alignment=_CENTER, border=_BORDER, fill=_HEADER_FILL,
               protection=_LOCKED)
    set_widths(ws, widths)
    ws.row_dimensions[1].height = 45


def instruction_rows(ws: Worksheet, rows: list[tuple[str, Any]], start: int = 1) -> None:
    """An «Инструкция» sheet: a bold label in column A and its text in column B, one row each from row ``start``,
    heights fitted."""
    set_widths(ws, (30, 110))
    for r, (label, text) in enumerate(rows, start=start):
        a, b = write(ws.cell(r, 1), label), write(ws.cell(r, 2), text)
        a.font = Font(bold=True, size=13 if r == 1 else 11)
        a.alignment = _WRAP
        b.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        fit_row(ws, r)
