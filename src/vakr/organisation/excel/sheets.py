"""The sheets of the organisation workbook: instructions, lists, profile, tables; formulas' cell ranges."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from vakr.evaluation.checklist import checklist_items
from vakr.methodology.catalogue import Catalogue
from vakr.organisation.excel.layout import (
    _BORDER,
    _CENTER,
    _FIXED_FILL,
    _LOCKED,
    _SECTION_FILL,
    _UNLOCKED,
    _WRAP,
    LISTS,
    PROFILE_HEADERS,
    PROFILE_KAZAKH,
    PROFILE_KAZAKH_KINDS,
    TEMPLATE_VERSION,
    VERSION_LABEL,
    Col,
    ProfileRow,
    fit_row,
    header,
    instruction_rows,
)
from vakr.organisation.model import (
    ANSWER_TITLES,
    NAME_ORDER_TITLES,
    ORG_TYPE_TITLES,
)
from vakr.spreadsheet import (
    EXCEL_DATE_FORMAT,
    add_name,
    date_validation,
    list_validation,
    protect,
    set_widths,
    table_frame,
    write,
)

# --- building the workbook -----------------------------------------------------------------------------------


def _instructions(ws: Worksheet, catalogue: Catalogue, name: str, year_rows: Sequence[tuple[str, Any]] = ()) -> None:
    """The rows on the ВАКР's sheets, then ``year_rows`` (the year after the ВАКР, after the ВАКР's rows so that the
    version stays in B3 and the rows before them as they were)."""
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
        ("Тексты на казахском языке",
         "Столбцы с пометкой «(каз.)» на листах «Риски» и «Должности» и столбец E «На казахском языке» листа"
         " «Профиль» (должности лиц, наименования подразделений) необязательны. Из них составляются документы на"
         " казахском языке (`vakr report … --lang kk` или `--lang ru+kk`). Где значение на казахском языке не"
         " заполнено, документ на казахском языке приводит русское значение, а команда сообщает, сколько таких мест."
         " Несколько значений в ячейке разделяйте так же, как в русских столбцах; порядок — тот же."),
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
        *year_rows,
    ]
    instruction_rows(ws, rows)
    ws.cell(3, 2).number_format = "0"
    protect(ws)


def _section_titles(catalogue: Catalogue) -> dict[str, str]:
    """Report section code → how the workbook shows it: «5. Реализация контрольно-ревизионных функций»."""
    return {s.code: f"{s.number}. {s.title}" for s in catalogue.report_sections}


def _lists_sheet(wb: openpyxl.Workbook, catalogue: Catalogue, org_type: str) -> dict[str, str]:
    """The hidden sheet of dropdown lists; returns the defined names of each list."""
    ws = wb.create_sheet(LISTS)
    items = checklist_items(catalogue, org_type)
    columns: dict[str, tuple[str, Sequence[str | int]]] = {
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
        write(ws.cell(1, c), title)
        for r, value in enumerate(values, start=2):
            write(ws.cell(r, c), value)
        letter = get_column_letter(c)
        name = f"vakr_list_{key}"
        add_name(wb, name, LISTS, f"${letter}$2:${letter}${len(values) + 1}")
        names[key] = name
    set_widths(ws, [30] * len(columns))
    names["lookup"] = f"{quote_sheetname(LISTS)}!$A$2:$B${len(items) + 1}"
    ws.sheet_state = "hidden"
    protect(ws)
    return names


def _profile_sheet(ws: Worksheet, names: dict[str, str], values: dict[str, Any],
                   rows: tuple[ProfileRow, ...]) -> tuple[int, int]:
    """The profile rows; ``values`` maps a row label to (B, C, E): the value, a person's position, and the position
    or the unit's name in Kazakh. Returns the rows of the units block."""
    header(ws, [*PROFILE_HEADERS, PROFILE_KAZAKH.header], [38, 48, 42, 60, PROFILE_KAZAKH.width])
    unit_rows = []
    for r, spec in enumerate(rows, start=2):
        a, b, c, d, e = (ws.cell(r, col) for col in range(1, 6))
        write(a, spec.label)
        a.alignment = _WRAP
        a.border = b.border = c.border = d.border = e.border = _BORDER
        if spec.kind == "section":
            for cell in (a, b, c, d, e):
                cell.fill = _SECTION_FILL
                cell.protection = _LOCKED
            a.font = Font(bold=True)
            continue
        write(d, spec.hint)
        d.alignment = _WRAP
        d.font = Font(italic=True, color="595959")
        b.protection = _UNLOCKED
        b.alignment = _WRAP
        person = spec.kind in ("person", "member")
        c.protection = _UNLOCKED if person else _LOCKED
        c.alignment = _WRAP
        if not person:
            c.fill = _FIXED_FILL
        kazakh = spec.kind in PROFILE_KAZAKH_KINDS
        e.protection = _UNLOCKED if kazakh else _LOCKED
        e.alignment = _WRAP
        if not kazakh:
            e.fill = _FIXED_FILL
        value_b, value_c, value_e = values.get(spec.label, (None, None, None))
        if value_b is not None:
            write(b, value_b)
        if value_c is not None:
            write(c, value_c)
        if value_e is not None and kazakh:
            write(e, value_e)
        if spec.kind == "date":
            b.number_format = EXCEL_DATE_FORMAT
        if spec.kind == "type":
            list_validation(ws, names["types"], b.coordinate, "Тип организации", "Выберите тип из списка.")
        if spec.kind == "work_week":
            list_validation(ws, names["work_week"], b.coordinate, "Рабочая неделя", "Укажите 5 или 6.")
        if spec.kind == "name_order":
            list_validation(ws, names["name_order"], b.coordinate, "Порядок слов в ФИО",
                            "Выберите из списка: «Фамилия Имя Отчество» или «Имя Отчество Фамилия».")
        if spec.kind == "date":
            date_validation(ws, b.coordinate, "Дата", "Введите дату в формате ДД.ММ.ГГГГ.")
        if spec.kind == "unit":
            unit_rows.append(r)
        fit_row(ws, r)
    ws.freeze_panes = "A2"
    protect(ws, insert_rows=True)
    return unit_rows[0], unit_rows[-1]


def _table_sheet(ws: Worksheet, columns: tuple[Col, ...], rows: list[dict[str, Any]], total_rows: int,
                 formulas: dict[str, Callable[[int], str]], freeze_cols: int,
                 shown_text: Callable[[dict[str, Any]], dict[str, str]] | None = None) -> None:
    header(ws, [c.header for c in columns], [c.width for c in columns])
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
                write(cell, value)
        if data:
            fit_row(ws, r, shown_text(data) if shown_text else None)
    table_frame(ws, 1, total_rows + 1, len(columns), freeze_cols)


def _column_range(columns: tuple[Col, ...], key: str, last_row: int) -> str:
    index = next(i for i, c in enumerate(columns, start=1) if c.key == key)
    letter = get_column_letter(index)
    return f"{letter}2:{letter}{last_row}"


def _letter(columns: tuple[Col, ...], key: str) -> str:
    return get_column_letter(next(i for i, c in enumerate(columns, start=1) if (c.key or c.header) == key))
