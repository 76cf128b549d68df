"""The workbook for entering an official indicator list (``vakr catalogue template``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.datavalidation import DataValidation

from vakr.errors import InputError
from vakr.io_files import write_atomic
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.models import IndicatorGroup
from vakr.methodology.overlay.file import (
    EXAMPLE_ACT,
    FIELDS,
    HEADERS,
    INSTRUCTIONS,
    LISTS,
    SHEET,
    TEMPLATE_NAME,
    TEMPLATE_ROWS,
    TEMPLATE_VERSION,
    VERSION_LABEL,
    WIDTHS,
)
from vakr.organisation.excel.layout import _BORDER, _UNLOCKED, _WRAP, header, instruction_rows
from vakr.spreadsheet import add_name, list_validation, protect, set_widths, table_frame, write

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


def template_workbook(catalogue: Catalogue) -> openpyxl.Workbook:
    """The workbook for entering an official indicator list: «Инструкция», «Индикаторы», hidden «Списки»."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = INSTRUCTIONS
    instruction_rows(ws, _instruction_rows(catalogue))
    protect(ws)

    data = wb.create_sheet(SHEET)
    lists = wb.create_sheet(LISTS)
    labels = [group_label(g) for g in catalogue.indicator_groups()]
    write(lists.cell(1, 1), "Фактор или сфера")
    for r, label in enumerate(labels, start=2):
        write(lists.cell(r, 1), label)
    set_widths(lists, (70,))
    add_name(wb, "vakr_list_groups", LISTS, f"$A$2:$A${len(labels) + 1}")
    lists.sheet_state = "hidden"
    protect(lists)

    header(data, [HEADERS[f] for f in FIELDS], [WIDTHS[f] for f in FIELDS])
    last = TEMPLATE_ROWS + 1
    for r in range(2, last + 1):
        for c in range(1, len(FIELDS) + 1):
            cell = data.cell(r, c)
            cell.protection = _UNLOCKED
            cell.alignment = _WRAP
            cell.border = _BORDER
    list_validation(data, "vakr_list_groups", f"A2:A{last}", HEADERS["group"],
                    "Выберите фактор или сферу из списка.")
    number = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="1", allow_blank=True,
                            showErrorMessage=True, errorTitle=HEADERS["number"],
                            error="Номер индикатора — целое число не меньше 1.")
    number.add(f"B2:B{last}")
    data.add_data_validation(number)
    table_frame(data, 1, last, len(FIELDS))
    data.page_setup.orientation = "landscape"
    protect(data, insert_rows=True)
    wb.properties.title = "ВАКР: перечень индикаторов"
    wb.properties.creator = "vakr"
    return wb


def write_template(target: str | Path, catalogue: Catalogue, *, force: bool = False) -> Path:
    """Write the template into folder ``target`` (as :data:`TEMPLATE_NAME`) or to ``target`` itself when it names an
    ``.xlsx`` file; an existing file is replaced only with ``force``."""
    target = Path(target)
    path = target if target.suffix.lower() == ".xlsx" else target / TEMPLATE_NAME
    if path.is_dir():
        raise InputError.single("file.is_folder", f"{path} — папка: на её месте нельзя записать шаблон; укажите другую"
                                " папку", header="Шаблон не создан:")
    if path.exists() and not force:
        raise InputError.single(
            "file.exists", f"файл {path} уже существует и не будет перезаписан, чтобы не потерять внесённые данные."
            " Чтобы записать чистый шаблон поверх него, добавьте --force, либо укажите другую папку",
            header="Шаблон не создан:")
    wb = template_workbook(catalogue)
    return write_atomic(path, lambda tmp: wb.save(tmp))
