"""``region.xlsx``: a sheet per view of :class:`~vakr.region.aggregate.RegionSummary`, each a header row with
autofilter and a frozen header; the view's rule is an Excel note on its first header cell and is repeated on «О своде»,
which also states the date, the grouping, the sources, the number of organisations and what could not be read.

Matrices have two columns per area (factor): the number of risks and the highest level, both filled with the level's
colour; a group's matrix adds how many of its organisations have a risk there.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from vakr.monitoring.model import PLAN_STATE_TITLES
from vakr.region.aggregate import Cell, Column, RegionSummary
from vakr.region.xlsx_writer import Colored, ColumnKind, Sheet, workbook_bytes

# The sheets, by view (stable: notebooks and tests read them by these names).
SHEETS: dict[str, str] = {
    "about": "О своде",
    "ranking": "Рейтинг",
    "orgs_areas": "Организации × сферы",
    "orgs_factors": "Организации × факторы",
    "groups_areas": "Группы × сферы",
    "groups_factors": "Группы × факторы",
    "systemic": "Системные риски",
    "plan": "Исполнение плана",
    "deadlines": "Нарушенные сроки",
}
MATRIX_NOTE = ("В каждой сфере (факторе) два столбца: число рисков организации и наивысший уровень среди них; цвет —"
               " уровень. Пустые ячейки — рисков нет.")
ORG_COLUMNS: list[tuple[str, float, ColumnKind]] = [
    ("Место", 8, "int"), ("Организация", 44, "text"), ("Регион", 24, "text"), ("Тип организации", 24, "text"),
    ("Вышестоящая организация", 28, "text")]


def _cell_values(summary: RegionSummary, cell: Cell | None, with_orgs: bool) -> list[Any]:
    if cell is None or not cell.count:
        return [None, None, None] if with_orgs else [None, None]
    level = summary.level_by_code.get(cell.level or "")
    color = level.color if level else None
    values: list[Any] = [Colored(cell.count, color) if color else cell.count,
                         Colored(summary.level_title(cell.level), color) if color else summary.level_title(cell.level)]
    return values + [cell.orgs] if with_orgs else values


def _matrix_columns(columns: Sequence[Column], with_orgs: bool) -> list[tuple[str, float, ColumnKind]]:
    result: list[tuple[str, float, ColumnKind]] = []
    for col in columns:
        result += [(f"{col.number}. {col.title}", 16, "int"), (f"{col.number}. уровень", 12, "text")]
        if with_orgs:
            result.append((f"{col.number}. организаций", 12, "int"))
    return result


def _org_matrix(summary: RegionSummary, columns: Sequence[Column], factors: bool) -> Iterator[list[Any]]:
    for row in summary.organisations:
        cells = row.factors if factors else row.areas
        values: list[Any] = [row.rank, row.name, row.region, row.type_title, row.parent]
        for col in columns:
            values += _cell_values(summary, cells.get(col.code), False)
        yield values


def _group_matrix(summary: RegionSummary, columns: Sequence[Column], factors: bool) -> Iterator[list[Any]]:
    for group in summary.groups:
        cells = group.factors if factors else group.areas
        values: list[Any] = [group.name, group.orgs, group.orgs_with_risks, group.total,
                             summary.level_title(group.top_level)]
        for col in columns:
            values += _cell_values(summary, cells.get(col.code), True)
        yield values


def _about_rows(summary: RegionSummary) -> list[list[Any]]:
    rules = summary.rules()
    failures = [[f"Не прочитано: {f.source}", f.message] for f in summary.failures]
    rows: list[list[Any]] = [
        ["Дата свода", summary.today],
        ["Группировка", summary.by_title],
        *(["Источник", source] for source in summary.sources),
        ["Организаций в своде", len(summary.organisations)],
        ["Источников, которые не удалось прочитать", len(summary.failures)],
        *failures,
        *(["Примечание", note] for note in summary.notes),
        ["Рисков всего", sum(row.total for row in summary.organisations)],
        *([f"Рисков уровня «{level.title}»", sum(row.by_level.get(level.code, 0) for row in summary.organisations)]
          for level in reversed(summary.levels)),
        ["Уровни риска (цвет в матрицах)", "; ".join(level.title for level in reversed(summary.levels))],
        ["Матрицы", MATRIX_NOTE],
        ["Рейтинг", rules["ranking"]],
        ["Системные риски", rules["systemic"]],
        ["Исполнение плана", rules["plan"]],
        ["Нарушенные сроки", rules["deadlines"]],
    ]
    if summary.plan:
        totals = ", ".join(f"{title} — {summary.plan_totals[state]}" for state, title in PLAN_STATE_TITLES.items())
        percent = f"; процент исполнения — {summary.plan_percent:.1f}".replace(".", ",") if (
            summary.plan_percent is not None) else ""
        rows.append(["Исполнение плана по всем организациям", f"мер: {sum(summary.plan_totals.values())} ({totals}){percent}"])
    for level in reversed(summary.levels):
        rows.append([f"Уровень «{level.title}»", Colored(level.title, level.color)])
    return rows


def _sheets(summary: RegionSummary) -> Iterator[Sheet]:
    rules = summary.rules()
    levels_high_first = list(reversed(summary.levels))
    # Every table is written in bulk (10 000 organisations in about a second); its cells take the levels' colours.
    palette = tuple(dict.fromkeys(level.color for level in summary.levels))
    yield Sheet(SHEETS["about"], [("Сведения", 42, "text"), ("Значение", 120, "text")], _about_rows(summary),
                autofilter=False)
    yield Sheet(
        SHEETS["ranking"],
        [*ORG_COLUMNS, ("Рисков", 10, "int"), *((level.title, 12, "int") for level in levels_high_first),
         ("Наивысший уровень", 14, "text")],
        ([row.rank, row.name, row.region, row.type_title, row.parent, row.total,
          *(row.by_level.get(level.code, 0) for level in levels_high_first),
          Colored(summary.level_title(row.top_level), summary.level_by_code[row.top_level].color)
          if row.top_level else None]
         for row in summary.organisations),
        comment=rules["ranking"], freeze_columns=2, bulk=True, palette=palette)
    for key, columns, factors in (("orgs_areas", summary.areas, False), ("orgs_factors", summary.factors, True)):
        yield Sheet(SHEETS[key], [*ORG_COLUMNS, *_matrix_columns(columns, False)],
                    _org_matrix(summary, columns, factors), comment=f"{MATRIX_NOTE} {rules['ranking']}",
                    freeze_columns=2, header_height=75, bulk=True, palette=palette)
    group_columns: list[tuple[str, float, ColumnKind]] = [
        (summary.by_title, 36, "text"), ("Организаций", 12, "int"), ("С рисками", 10, "int"), ("Рисков", 10, "int"),
        ("Наивысший уровень", 14, "text")]
    for key, columns, factors in (("groups_areas", summary.areas, False), ("groups_factors", summary.factors, True)):
        yield Sheet(SHEETS[key], [*group_columns, *_matrix_columns(columns, True)],
                    _group_matrix(summary, columns, factors),
                    comment=f"Группировка: {summary.by_title.lower()}. {MATRIX_NOTE} «Организаций» — сколько"
                            " организаций группы имеют риск в этой сфере (факторе).",
                    freeze_columns=1, header_height=75, bulk=True, palette=palette)
    yield Sheet(
        SHEETS["systemic"],
        [("Код индикатора", 20, "text"), ("Индикатор", 40, "text"), ("Формулировка", 60, "text"),
         ("Направление", 24, "text"), ("Сфера или фактор", 32, "text"), ("Организаций", 12, "int"),
         ("Доля организаций", 12, "percent"), ("Рисков", 10, "int"), ("Наивысший уровень", 14, "text"),
         ("Организации", 80, "text")],
        ([s.indicator, s.indicator_label, " ".join(s.indicator_title.split()),
          "Нормативные правовые акты" if s.direction == "npa" else "Организационно-управленческая деятельность",
          s.group_title, s.orgs, s.share, s.risks,
          Colored(summary.level_title(s.top_level), summary.level_by_code[s.top_level].color),
          "; ".join(s.organisations)] for s in summary.systemic),
        comment=rules["systemic"], freeze_columns=1, bulk=True, palette=palette)
    # The group's own column only when grouping by the superior body: region and type have their columns already.
    by_parent = summary.by == "parent"
    group_column: list[tuple[str, float, ColumnKind]] = [(summary.by_title, 28, "text")] if by_parent else []
    if summary.plan:
        yield Sheet(
            SHEETS["plan"],
            [("Организация", 44, "text"), ("Регион", 24, "text"), ("Тип организации", 24, "text"),
             *group_column, ("Мер в плане", 10, "int"),
             *((title[:1].upper() + title[1:], 14, "int") for title in PLAN_STATE_TITLES.values()),
             ("Процент исполнения", 12, "number")],
            ([p.name, p.region, p.type_title, *([p.group] if by_parent else []), p.measures, *(p.counts[s] for s in PLAN_STATE_TITLES),
              p.percent] for p in summary.plan),
            comment=rules["plan"], freeze_columns=1, bulk=True, palette=palette)
    yield Sheet(
        SHEETS["deadlines"],
        [("Организация", 44, "text"), ("Регион", 24, "text"), ("Тип организации", 24, "text"),
         *group_column, ("Срок ВАКР", 36, "text"), ("Подзадача", 10, "text"), ("Срок", 12, "date"),
         ("Дата исполнения", 14, "date"), ("Просрочка, дней", 12, "int"), ("Состояние", 28, "text")],
        ([m.name, m.region, m.type_title, *([m.group] if by_parent else []), m.title, m.task, m.due, m.done or "не отмечено", m.days_late,
          m.state_title] for m in summary.missed),
        comment=rules["deadlines"], freeze_columns=1, bulk=True, palette=palette)


def region_workbook(summary: RegionSummary) -> bytes:
    """``region.xlsx`` of ``summary`` (sheets: :data:`SHEETS`; «Исполнение плана» only when some record has the
    plan's execution); byte-identical for the same summary."""
    return workbook_bytes(list(_sheets(summary)), summary.today)
