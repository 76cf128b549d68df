"""Each organisation's entry of the картограмма коррупционных рисков, as a table to load into the Agency's portal.

Since April 2025 the Agency's anti-corruption portal publishes the картограмма: corruption risks by region and by
body, and the positions exposed to them; every organisation updates its entry within 3 working days of approving
its plan (p1.t5.s1). No official format of the entry was found, so **the shape here is the project's proposal
until the portal's format is known** (:data:`KARTOGRAMMA_NOTE`, stated on the first sheet of ``kartogramma.xlsx``).

The shape is long: one row per risk, the organisation's columns repeated on each of its rows; an organisation with
no risk has one row with the risk's columns empty, so every organisation has an entry. The columns are data
(:data:`KARTOGRAMMA_COLUMNS`: key, title, what it holds); ``kartogramma.csv`` is UTF-8 with a BOM (Excel reads it),
comma-separated, titles in the first row, dates as ГГГГ-ММ-ДД, text that a spreadsheet would run as a formula
prefixed with «'»; ``kartogramma.xlsx`` has the note and the columns on its first sheet and the rows, with real
dates and numbers, on the second.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from vakr.region.record import OrgRecord, RecordRisk
from vakr.region.xlsx_writer import Sheet, workbook_bytes

KARTOGRAMMA_NOTE = ("Формат записи картограммы коррупционных рисков — предложение проекта vakr: официальный формат"
                    " портала Агентства не найден. Когда он станет известен, выгрузка будет приведена к нему.")

Kind = Literal["text", "date", "int"]


@dataclass(frozen=True)
class KartogrammaColumn:
    key: str
    title: str
    kind: Kind
    description: str
    width: float = 18


KARTOGRAMMA_COLUMNS: tuple[KartogrammaColumn, ...] = (
    KartogrammaColumn("org_slug", "Код организации", "text",
                      "Краткое имя организации латиницей (имя её папки в результатах vakr run); одно у всех строк"
                      " организации", 20),
    KartogrammaColumn("org_name", "Наименование организации", "text", "Полное наименование, как в приказе о ВАКР",
                      40),
    KartogrammaColumn("org_name_kk", "Наименование на казахском языке", "text", "Если указано в профиле", 36),
    KartogrammaColumn("org_type", "Тип организации", "text",
                      "Государственный орган, местный исполнительный орган, субъект квазигосударственного сектора или"
                      " иная организация", 24),
    KartogrammaColumn("region", "Регион", "text", "Область, город республиканского значения или столица", 22),
    KartogrammaColumn("parent", "Вышестоящая организация", "text",
                      "Вышестоящий государственный орган или холдинг, если указан в профиле", 28),
    KartogrammaColumn("vakr_start", "Начало ВАКР", "date", "Дата начала внутреннего анализа", 12),
    KartogrammaColumn("vakr_end", "Завершение ВАКР", "date", "Дата завершения внутреннего анализа", 12),
    KartogrammaColumn("report_signed", "Справка подписана", "date",
                      "Дата подписания аналитической справки; пусто — не указана в профиле", 12),
    KartogrammaColumn("plan_approved", "План утверждён", "date",
                      "Дата утверждения плана мероприятий; пусто — не указана в профиле", 12),
    KartogrammaColumn("cartogram_due", "Срок актуализации картограммы", "date",
                      "Последний день для внесения записи: 3 рабочих дня со дня утверждения плана (p1.t5.s1); если дата"
                      " утверждения не указана — от предельного срока утверждения", 14),
    KartogrammaColumn("org_risks", "Рисков у организации", "int", "Число выявленных рисков организации (0 — рисков нет,"
                      " столбцы риска пусты)", 10),
    KartogrammaColumn("risk_no", "№ риска", "int", "Место риска у организации: по убыванию балла", 8),
    KartogrammaColumn("direction", "Направление", "text",
                      "Нормативные правовые акты или организационно-управленческая деятельность", 22),
    KartogrammaColumn("group_code", "Код сферы или фактора", "text", "Код по каталогу методики (org.hr, npa.legal_gap …)",
                      16),
    KartogrammaColumn("group", "Сфера или коррупционный фактор", "text",
                      "Сфера организационно-управленческой деятельности или коррупционный фактор в НПА", 30),
    KartogrammaColumn("section", "Раздел аналитической справки", "text", "Номер и название раздела", 30),
    KartogrammaColumn("indicator", "Код индикатора", "text", "Код индикатора по каталогу методики", 18),
    KartogrammaColumn("indicator_title", "Индикатор", "text", "Формулировка индикатора", 40),
    KartogrammaColumn("risk", "Наименование риска", "text",
                      "НПА или внутренний документ и его пункт, либо бизнес-процесс", 36),
    KartogrammaColumn("description", "Описание риска", "text", "Как риск описан в аналитической справке", 50),
    KartogrammaColumn("unit", "Подразделение", "text", "Структурное подразделение, в котором выявлен риск", 28),
    KartogrammaColumn("positions", "Должности, подверженные риску", "text", "Через «; »", 36),
    KartogrammaColumn("likelihood", "Вероятность", "int", "1–5", 10),
    KartogrammaColumn("impact", "Последствия", "int", "1–5", 10),
    KartogrammaColumn("score", "Балл", "int", "Вероятность × последствия, 1–25", 8),
    KartogrammaColumn("level", "Уровень риска", "text", "По матрице оценки рисков: низкий, средний, высокий, критический",
                      12),
    KartogrammaColumn("measure", "Мера по устранению", "text", "Мероприятие плана по этому риску", 40),
    KartogrammaColumn("measure_due", "Срок исполнения меры", "date", "Срок по плану мероприятий", 12),
)

Value = str | int | dt.date | None


KEYS = tuple(c.key for c in KARTOGRAMMA_COLUMNS)
_ORG_KEYS = KEYS[:KEYS.index("org_risks") + 1]
_RISK_KEYS = KEYS[len(_ORG_KEYS):]


def _org_values(record: OrgRecord) -> list[Value]:
    """The organisation's columns, in the order of :data:`KARTOGRAMMA_COLUMNS`."""
    o = record.organisation
    cartogram = record.deadline("cartogram_update")
    return [o.slug, o.name, o.name_kk, o.type_title, o.region, o.parent, o.vakr_start, o.vakr_end, o.report_signed,
            o.plan_approved, cartogram.due if cartogram else None, len(record.risks)]


def _risk_values(risk: RecordRisk) -> list[Value]:
    """The risk's columns, in the order of :data:`KARTOGRAMMA_COLUMNS`."""
    return [risk.rank, risk.direction_title, risk.group, risk.group_title,
            f"{risk.section_number}. {risk.section_title}", risk.indicator, " ".join(risk.indicator_title.split()),
            risk.act, risk.description, risk.unit, "; ".join(risk.positions), risk.likelihood, risk.impact,
            risk.score, risk.level_title, risk.measure, risk.due]


def kartogramma_table(records: Sequence[OrgRecord]) -> Iterator[list[Value]]:
    """The rows of the export as lists in the order of :data:`KARTOGRAMMA_COLUMNS`: per organisation (in the order
    given), one per risk by its rank, or one with empty risk columns."""
    empty: list[Value] = [None] * len(_RISK_KEYS)
    for record in records:
        org = _org_values(record)
        if not record.risks:
            yield org + empty
        for risk in sorted(record.risks, key=lambda r: r.rank):
            yield org + _risk_values(risk)


def kartogramma_rows(records: Sequence[OrgRecord]) -> Iterator[dict[str, Value]]:
    """The rows of the export (:func:`kartogramma_table`) as dicts by the keys of :data:`KARTOGRAMMA_COLUMNS`."""
    for row in kartogramma_table(records):
        yield dict(zip(KEYS, row))


def _csv_safe(value: str) -> str:
    """Spreadsheet programs run a CSV cell starting with = + - @ (or a tab, a carriage return) as a formula:
    prefix it with «'»."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _csv_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return _csv_safe(value)


def kartogramma_csv(records: Sequence[OrgRecord]) -> bytes:
    """``kartogramma.csv``: UTF-8 with a BOM, the titles of :data:`KARTOGRAMMA_COLUMNS` in the first row."""
    buffer = io.BytesIO()
    with io.TextIOWrapper(buffer, encoding="utf-8-sig", newline="", write_through=False) as text:  # BOM first
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow([c.title for c in KARTOGRAMMA_COLUMNS])
        writer.writerows([_csv_text(value) for value in row] for row in kartogramma_table(records))
        text.flush()
        return buffer.getvalue()


def kartogramma_xlsx(records: Sequence[OrgRecord], today: dt.date) -> bytes:
    """``kartogramma.xlsx``: «О формате» (the note and every column: title, key, what it holds) and «Картограмма»
    (the rows, filterable); the file's dates are fixed to ``today`` so the same input gives the same bytes."""
    about = Sheet(
        name="О формате",
        columns=[("Столбец", 34, "text"), ("Ключ", 18, "text"), ("Тип", 10, "text"), ("Что содержит", 90, "text")],
        rows=[[c.title, c.key, {"text": "текст", "date": "дата", "int": "число"}[c.kind], c.description]
              for c in KARTOGRAMMA_COLUMNS],
        note=[KARTOGRAMMA_NOTE,
              "Одна строка — один риск организации; сведения об организации повторяются в каждой её строке."
              " Организация без рисков — одна строка с пустыми столбцами риска.",
              f"Сформировано vakr на {today:%d.%m.%Y}. Те же строки — в kartogramma.csv (UTF-8, даты ГГГГ-ММ-ДД)."],
        autofilter=False,
    )
    rows = Sheet(
        name="Картограмма",
        columns=[(c.title, c.width, c.kind) for c in KARTOGRAMMA_COLUMNS],
        rows=kartogramma_table(records),
        bulk=True,
    )
    return workbook_bytes([about, rows], today)
