"""The sheets of the year after the ВАКР (:class:`vakr.organisation.year.YearRecords`): one sheet per list, after
the sheets of the ВАКР itself, and the hidden «Списки года» with their dropdowns.

Every sheet is optional for the reader: a workbook made before these sheets existed reads as an organisation
without records of the year. The sheets of project 3 (anti-corruption compliance, ISO 37001) are written only for
the organisation types the project applies to (``catalogue.applies_to``: quasi-public organisations), unless the
organisation already has such records (they are never dropped). Duties are shown as «4.2.2 — Проведение
ежемесячных …» (the subtask's number and title in the project map); the reader takes the title, the number or the
code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from vakr.methodology.catalogue import Catalogue
from vakr.organisation.excel.layout import EMPTY_ROWS, Col
from vakr.organisation.excel.sheets import _column_range, _table_sheet
from vakr.organisation.year import Record, YearRecords
from vakr.organisation.year_titles import NO, YES, choice_titles, duty_reference, project_applies
from vakr.spreadsheet import (
    add_name,
    count_validation,
    date_validation,
    list_validation,
    protect,
    set_widths,
    write,
)

YEAR_LISTS = "Списки года"
_LIST_HEADERS = {"status": "Статус исполнения", "yesno": "Да/нет", "restriction": "Ограничение",
                 "document": "Документ комплаенса", "duty": "Обязанность", "stage": "Этап ISO 37001",
                 "training": "Вид обучения"}


@dataclass(frozen=True)
class YearSheet:
    """One list of the year's records as a sheet: the ``YearRecords`` field, the sheet's title, its columns and
    the project of direction No. 4 the records belong to (project 3 applies to quasi-public organisations only)."""

    field: str
    title: str
    columns: tuple[Col, ...]
    project: int


def _date(key: str, header: str, width: float = 13) -> Col:
    return Col(key, header, width, "date")


YEAR_SHEETS = (
    YearSheet("plan_execution", "Исполнение плана", (
        Col("number", "№ п/п", 9),
        Col("measure", "Мероприятие", 50),
        _date("due", "Срок завершения"),
        Col("responsible", "Ответственные исполнители", 30, "multi"),
        Col("status", "Статус исполнения", 20, "choice", choices="status"),
        _date("done_on", "Дата исполнения"),
        Col("proof_number", "Подтверждающий документ: номер", 20),
        _date("proof_date", "Дата документа"),
        Col("proof_link", "Ссылка на документ", 30),
        Col("comment", "Комментарий", 40),
    ), 1),
    YearSheet("offence_reports", "Сообщения о правонарушениях", (
        _date("date", "Дата сообщения"),
        Col("subject", "О чём сообщено", 50),
        Col("sent_to", "Куда направлено", 35),
        Col("document", "Документ (номер, дата)", 25),
        Col("comment", "Комментарий", 40),
    ), 2),
    YearSheet("reconciliations", "Сверки", (
        _date("date", "Дата сверки"),
        Col("with_whom", "С кем проведена сверка", 40),
        Col("period", "Период", 20),
        Col("discrepancies", "Выявлено расхождений", 14, "count"),
        Col("result", "Результат", 45),
    ), 2),
    YearSheet("manager_cases", "Ответственность руководителей", (
        _date("date", "Дата"),
        Col("offence", "Коррупционное правонарушение подчинённого", 50),
        Col("manager", "Должность руководителя", 35),
        Col("held_responsible", "Руководитель привлечён к ответственности", 17, "yesno"),
        Col("reason", "Причина, если не привлечён", 40),
    ), 2),
    YearSheet("hires", "Приём на работу", (
        _date("date", "Дата приёма"),
        Col("position", "Должность", 40),
        Col("prior_offence", "Ранее совершал коррупционное правонарушение", 20, "yesno"),
        Col("comment", "Комментарий", 45),
    ), 2),
    YearSheet("restriction_checks", "Ограничения", (
        _date("date", "Дата проверки"),
        Col("restriction", "Антикоррупционное ограничение", 60, "choice", choices="restriction"),
        Col("checked", "Проверено лиц", 12, "count"),
        Col("violations", "Выявлено нарушений", 13, "count"),
        Col("comment", "Комментарий", 40),
    ), 2),
    YearSheet("compliance_documents", "Документы комплаенса", (
        Col("document", "Документ антикоррупционного комплаенса", 60, "choice", choices="document"),
        Col("act", "Акт об утверждении", 30),
        _date("adopted", "Дата утверждения"),
        Col("link", "Ссылка на публикацию", 35),
        _date("published", "Дата публикации"),
    ), 3),
    YearSheet("iso", "ISO 37001", (
        _date("date", "Дата"),
        Col("stage", "Этап", 25, "choice", choices="stage"),
        Col("standard", "Стандарт", 20),
        Col("certificate", "Сертификат (номер, орган)", 35),
        _date("valid_until", "Действителен до"),
    ), 3),
    YearSheet("trainings", "Обучение", (
        _date("date", "Дата (месяц)"),
        Col("kind", "Вид обучения", 40, "choice", choices="training"),
        Col("people", "Обучено человек", 12, "count"),
        Col("document", "Подтверждающий документ", 35),
    ), 4),
    YearSheet("events", "Мероприятия", (
        Col("duty", "Обязанность", 60, "choice", choices="duty"),
        _date("date", "Дата"),
        Col("title", "Мероприятие или отчёт", 50),
        Col("participants", "Участников", 12, "count"),
        Col("document", "Подтверждающий документ", 35),
    ), 4),
)
YEAR_SHEET_TITLES = tuple(s.title for s in YEAR_SHEETS)


def applies(sheet: YearSheet, catalogue: Catalogue, org_type: str) -> bool:
    """Whether the sheet's project applies to the organisation type (project 3: quasi-public organisations)."""
    return project_applies(catalogue, sheet.project, org_type)


def list_name(key: str) -> str:
    return f"vakr_list_year_{key}"


def written(catalogue: Catalogue, org_type: str, year: YearRecords | None) -> list[YearSheet]:
    """The year's sheets a workbook has: those whose project applies to the organisation type, and any other the
    organisation already has records of."""
    return [sheet for sheet in YEAR_SHEETS
            if (year is not None and getattr(year, sheet.field)) or applies(sheet, catalogue, org_type)]


# --- the instruction --------------------------------------------------------------------------------------------

MONITOR_INIT = "`vakr monitor init ФАЙЛ [--plan plan.xlsx]`"
MONITOR = "`vakr monitor ФАЙЛ --today ДАТА [--out ПАПКА]`"
YEAR_SECTION = "Год после ВАКР"
_YEAR_INTRO = (
    "После утверждения аналитической справки и плана мероприятий на листах ниже ведутся записи года: исполнение"
    " плана и обязанности проектов направления № 4 «Предупреждение и противодействие коррупции». Одна строка —"
    " одна запись; строки можно добавлять, пустые строки пропускаются. Листы необязательны: пустой лист означает,"
    " что записей нет. Обязанности указаны по номеру подзадачи в карте проектов (например, «подзадача 4.2.2»);"
    " в выпадающих списках — номер и наименование подзадачи. Состояние года на дату показывает команда"
    f" {MONITOR}: исполнение мер плана, периодические обязанности, показатели и нарушения; с --out программа"
    " записывает в папку информацию об исполнении плана мероприятий (execution.docx, execution.xlsx), справку о"
    " ходе исполнения направления № 4 за квартал и календарь сроков.")
# The sheet's text ({duties}: the subtasks it serves) and the subtasks; events take their duties from the
# organisation type's dropdown.
_YEAR_TEXTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "plan_execution": (
        "Одна строка — одна мера плана мероприятий по устранению причин и условий, выявленных по результатам ВАКР:"
        " № п/п, мероприятие, срок, ответственные исполнители, статус исполнения (из списка: {statuses}), дата"
        " исполнения и подтверждающий документ. Служит мониторингу исполнения плана ({duties}). Заполните лист"
        f" из утверждённого плана командой {MONITOR_INIT} (без --plan — по рискам этой книги), затем отмечайте"
        " статус и документ по каждой мере.",
        ("p1.t3.s3",)),
    "offence_reports": (
        "Одна строка — одно сообщение о коррупционном правонарушении: дата, о чём сообщено, куда направлено,"
        " документ ({duties}).",
        ("p2.t1.s1",)),
    "reconciliations": (
        "Одна строка — одна сверка коррупционных правонарушений и правонарушений, дискредитирующих государственную"
        " службу: дата, с кем проведена, период, число выявленных расхождений, результат ({duties}). Сверка с"
        " расхождениями показывается в мониторинге как нарушение.",
        ("p2.t2.s1",)),
    "manager_cases": (
        "Одна строка — одно коррупционное правонарушение подчинённого: дата, должность руководителя, привлечён ли"
        " он к ответственности («да» или «нет») и причина, если не привлечён ({duties}). Ответ «нет» показывается"
        " в мониторинге как нарушение.",
        ("p2.t3.s1", "p2.t3.s2")),
    "hires": (
        "Одна строка — один принятый на работу: дата приёма, должность, совершал ли он ранее коррупционное"
        " правонарушение («да» или «нет») ({duties}). Ответ «да» показывается в мониторинге как нарушение.",
        ("p2.t4.s1",)),
    "restriction_checks": (
        "Одна строка — одна проверка соблюдения антикоррупционного ограничения (из списка): дата, сколько лиц"
        " проверено и сколько нарушений выявлено ({duties}). Выявленные нарушения показываются в мониторинге.",
        ("p2.t5.s1", "p2.t5.s2", "p2.t5.s3", "p2.t5.s4", "p2.t5.s5")),
    "compliance_documents": (
        "Одна строка — один документ антикоррупционного комплаенса (из списка): акт и дата утверждения, ссылка и"
        " дата публикации на сайте организации ({duties}).",
        ("p3.t2.s1", "p3.t2.s2", "p3.t2.s3", "p3.t2.s4", "p3.t2.s5", "p3.t2.s6", "p3.t2.s7", "p3.t2.s8",
         "p3.t2.s9")),
    "iso": (
        "Одна строка — один этап внедрения и сертификации по стандарту ISO 37001 или СТ РК 3049-2017: дата, этап"
        " (из списка: {stages}), стандарт, сертификат (номер, орган) и срок его действия ({duties}).",
        ("p3.t3.s1",)),
    "trainings": (
        "Одна строка — обученные за месяц: дата (месяц), вид обучения (из списка), число обученных и"
        " подтверждающий документ ({duties}).",
        ("p4.t2.s1", "p4.t2.s3")),
    "events": (
        "Одна строка — одно мероприятие или отчёт по обязанности (из списка): дата, наименование, число"
        " участников и подтверждающий документ ({duties}).",
        ()),
}


def year_instructions(catalogue: Catalogue, org_type: str, year: YearRecords | None) -> list[tuple[str, str]]:
    """The rows of «Инструкция» on the year after the ВАКР: the section, then one row per sheet the workbook has
    (what it records, the duties of the project map it serves, the commands)."""
    titles = choice_titles(catalogue, org_type)
    rows = [(YEAR_SECTION, _YEAR_INTRO)]
    for sheet in written(catalogue, org_type, year):
        text, codes = _YEAR_TEXTS[sheet.field]
        if sheet.field == "events":
            codes = tuple(titles["duty"])
        rows.append((f"Лист «{sheet.title}»", text.format(
            duties=duty_reference(catalogue, codes),
            statuses=", ".join(f"«{t}»" for t in titles["status"].values()),
            stages=", ".join(f"«{t}»" for t in titles["stage"].values()))))
    return rows


# --- writing ----------------------------------------------------------------------------------------------------


def record_cells(sheet: YearSheet, record: Record, titles: dict[str, dict[str, str]]) -> dict[str, Any]:
    """A record as its sheet shows it: dropdown values by their titles, yes/no as «да»/«нет»."""
    data = record.model_dump()
    for col in sheet.columns:
        value = data.get(col.key or "")
        if value is None or col.key is None:
            continue
        if col.kind == "choice" and col.choices:
            data[col.key] = titles[col.choices].get(value, value)
        elif col.kind == "yesno":
            data[col.key] = YES if value else NO
    return data


def year_lists_sheet(wb: openpyxl.Workbook, catalogue: Catalogue, org_type: str) -> Worksheet:
    """The hidden sheet of the year's dropdown lists (replaced if the workbook has one), as the last sheet."""
    if YEAR_LISTS in wb.sheetnames:
        wb.remove(wb[YEAR_LISTS])
    ws = wb.create_sheet(YEAR_LISTS)
    titles = choice_titles(catalogue, org_type)
    for c, key in enumerate(_LIST_HEADERS, start=1):
        values: Sequence[str] = list(titles[key].values()) or ["—"]
        write(ws.cell(1, c), _LIST_HEADERS[key])
        for r, value in enumerate(values, start=2):
            write(ws.cell(r, c), value)
        letter = get_column_letter(c)
        add_name(wb, list_name(key), YEAR_LISTS, f"${letter}$2:${letter}${len(values) + 1}")
    set_widths(ws, [60] * len(_LIST_HEADERS))
    ws.sheet_state = "hidden"
    protect(ws)
    return ws


def year_sheet(wb: openpyxl.Workbook, sheet: YearSheet, records: Sequence[Record], titles: dict[str, dict[str, str]],
               index: int | None = None) -> Worksheet:
    """One sheet of the year's records (with ``EMPTY_ROWS`` prepared rows to add more), at ``index`` (default: the
    end): header, widths, frozen header, dropdowns and date checks."""
    ws = wb.create_sheet(sheet.title, index)
    rows = [record_cells(sheet, record, titles) for record in records]
    total = len(rows) + EMPTY_ROWS
    last = total + 1
    _table_sheet(ws, sheet.columns, rows, total, {}, freeze_cols=1 if sheet.field == "plan_execution" else 0)
    for c, col in enumerate(sheet.columns, start=1):
        cells = _column_range(sheet.columns, col.key or "", last)
        if col.key == "number":  # «1.1» typed into a general cell would become a date
            for (cell,) in ws.iter_rows(min_row=2, max_row=last, min_col=c, max_col=c):
                cell.number_format = "@"
        if col.kind == "date":
            date_validation(ws, cells, col.header, "Введите дату в формате ДД.ММ.ГГГГ.")
        elif col.kind == "count":
            count_validation(ws, cells, col.header, "Введите целое число не меньше 0.")
        elif col.kind == "yesno":
            list_validation(ws, list_name("yesno"), cells, col.header, "Выберите «да» или «нет».")
        elif col.kind == "choice" and col.choices:
            list_validation(ws, list_name(col.choices), cells, col.header, "Выберите значение из списка.")
    ws.page_setup.orientation = "landscape"
    protect(ws, insert_rows=True)
    return ws


def write_year_sheets(wb: openpyxl.Workbook, catalogue: Catalogue, org_type: str, year: YearRecords | None) -> None:
    """The year's sheets after the workbook's other sheets, with the records of ``year`` (empty for ``vakr new``),
    then the hidden «Списки года»."""
    titles = choice_titles(catalogue)
    for sheet in written(catalogue, org_type, year):
        records: list[Record] = list(getattr(year, sheet.field)) if year is not None else []
        year_sheet(wb, sheet, records, titles)
    year_lists_sheet(wb, catalogue, org_type)
