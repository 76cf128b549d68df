"""Handbook tables of the indicators, the report, the plan, the positions, risk assessment and the sources."""

from __future__ import annotations

import re

from vakr.formatting import long_date, plural
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import default_catalogue
from vakr.methodology.models import (
    INDICATORS_STATUS_TITLES,
    IndicatorGroup,
    NpaFactor,
    RecommendedMeasure,
)
from vakr.site.handbook.common import ASSUMPTION, _short_source, _table, group_link

# --- indicators ---------------------------------------------------------------------------------------------------


def _group_counts(group: IndicatorGroup) -> str:
    if group.indicators_status == "not_catalogued":
        return "индикаторы ещё не внесены"
    n = plural(len(group.indicators), "индикатор", "индикатора", "индикаторов")
    return n + (" (внесены не все)" if group.indicators_status == "partial" else "")


def factors_table(catalogue: Catalogue | None = None) -> str:
    """The eight corruption factors in normative legal acts, with the state of their indicator lists."""
    cat = default_catalogue(catalogue)
    rows = [[f.number, group_link(f.code, cat), _group_counts(f)] for f in cat.npa_factors]
    return _table(["№", "Коррупционный фактор", "Индикаторы в пособии"], rows, [2, 18, 10])


def areas_table(catalogue: Catalogue | None = None) -> str:
    """The twelve areas of organisational-management activity, the section of the analytical report each goes to
    («(допущение проекта)» where the project chose it: ``section_by_project``), and the state of their indicator
    lists."""
    cat = default_catalogue(catalogue)
    rows = []
    for a in cat.org_areas:
        section = cat.section_of(a)
        where = f"{section.number}. {section.title}" + (f" {ASSUMPTION}" if a.section_by_project else "")
        rows.append([a.number, group_link(a.code, cat), where, _group_counts(a)])
    return _table(["№", "Сфера деятельности", "Раздел аналитической справки", "Индикаторы в пособии"], rows, [2, 12, 14, 8])


def indicators_table(group_code: str, catalogue: Catalogue | None = None) -> str:
    """The indicators of one NPA factor or organisational area, numbered as a finding cites them (a finding names
    an indicator by its group and number, so the table shows no codes); one plain sentence when the handbook holds
    none yet."""
    cat = default_catalogue(catalogue)
    group = cat.group_of(group_code)
    if group.code != group_code:
        raise KeyError(f"{group_code!r} — индикатор, а не фактор или сфера; укажите код {group.code!r}")
    kind = "фактора" if isinstance(group, NpaFactor) else "сферы"
    if not group.indicators:
        return (
            f"Официальный перечень индикаторов {kind} «{group.title}» приведён в Методических рекомендациях № 488 "
            f"и в пособие ещё не внесён. До его внесения признаки {kind} отмечают в перечне индикаторов одной "
            "строкой «в целом» и описывают риск своими словами со ссылкой на норму или бизнес-процесс.\n"
        )
    rows = [[ind.number, ind.title, _short_source(cat, ind)] for ind in group.indicators]
    table = _table(["№", "Индикатор", "Источник"], rows, [2, 24, 10])
    if group.indicators_status == "partial":
        table += (
            f"\nСписок неполный: {INDICATORS_STATUS_TITLES['partial']}. Признаки {kind}, которых нет в списке, "
            "отмечаются в перечне индикаторов строкой «иные признаки».\n"
        )
    return table


def typical_situations_table(area_code: str, catalogue: Catalogue | None = None) -> str:
    """The typical situations of an area taken from the exemplary list of corruptogenic functions (control and
    supervision); they illustrate the area and are not official indicators."""
    cat = default_catalogue(catalogue)
    area = next((a for a in cat.org_areas if a.code == area_code), None)
    if area is None:
        raise KeyError(f"нет сферы с кодом {area_code!r}")
    if not area.typical_situations_from:
        return f"Для сферы «{area.title}» типовые ситуации в пособие не внесены.\n"
    rows = []
    for _ftype, zone, fn in cat.exemplary_functions():
        if zone.code == area.typical_situations_from:
            rows.append([fn.number, fn.title, fn.situation, fn.note or ""])
    return _table(["№", "Функция", "Типовая ситуация (коррупциогенный фактор)", "Примечание"], rows, [2, 12, 12, 10])


def measures_for_group(group_code: str, catalogue: Catalogue | None = None) -> str:
    """The measures vakr proposes for a factor or an area when the analyst wrote none: one per indicator, then the
    variants for the factor or area as a whole (chosen by words of the description), as a table."""
    cat = default_catalogue(catalogue)
    group = cat.group_of(group_code)
    kind = "фактор" if group.code.startswith("npa.") else "сфера"

    def row(target: str, measure: RecommendedMeasure) -> list[str]:
        wording = "методика" if measure.wording == "seed" else "допущение проекта"
        title = re.sub(r"\{act(?::\w+)?\}", "«акт и пункт, указанные в риске»", measure.title)
        return [target, title, cat.completion_form_title(measure.completion_form), wording]

    rows = []
    for ind in group.indicators:
        rows += [row(f"индикатор {ind.number}", m) for m in cat.recommended_for(ind.code)]
    for m in cat.recommended_for(group.code):
        when = ("если в описании риска есть слова: " + ", ".join(f"«{w}»" for w in m.when_words)
                if m.when_words else "в остальных случаях")
        rows.append(row(f"{kind} в целом, {when}", m))
    return _table(["Для чего", "Мероприятие", "Форма завершения", "Формулировка"], rows, [8, 20, 6, 4])


# --- the report, the plan, the positions ---------------------------------------------------------------------------


def report_intro_table(catalogue: Catalogue | None = None) -> str:
    """The fields of the introductory part of the analytical report."""
    cat = default_catalogue(catalogue)
    rows = [[n, f.title] for n, f in enumerate(cat.report.intro_fields, start=1)]
    return _table(["№", "Сведения вводной части"], rows, [2, 24])


def report_sections_table(catalogue: Catalogue | None = None) -> str:
    """The nine sections of the descriptive part, their fields and the areas filed under each."""
    cat = default_catalogue(catalogue)
    titles = cat.report.field_titles
    rows = []
    for s in cat.report.sections:
        filed = cat.areas_of_section(s.code)
        areas = ", ".join(group_link(a.code, cat) for a in filed) or "—"
        chosen = [str(a.number) for a in filed if a.section_by_project]
        if chosen:
            areas += f" (допущение проекта: {'сфера' if len(chosen) == 1 else 'сферы'} {', '.join(chosen)})"
        fields = "; ".join(titles[f] for f in s.fields)
        rows.append([s.number, s.title, areas, fields])
    return _table(["№", "Раздел описательной части", "Сферы", "Что указывается по каждому риску"], rows, [2, 10, 10, 16])


def worked_example(code: str, catalogue: Catalogue | None = None) -> str:
    """One worked example of the seed: where it is filed, the act, the description, the recommendation and the row
    of the plan derived from it."""
    cat = default_catalogue(catalogue)
    ex = next((e for e in cat.worked_examples if e.code == code), None)
    if ex is None:
        raise KeyError(f"нет разобранного примера с кодом {code!r}")
    group = cat.group_of(ex.indicator)
    indicator = next(i for i in group.indicators if i.code == ex.indicator)
    section = cat.section_of(group)
    where = (
        f"раздел {section.number} справки «{section.title}»" if section
        else f"направление «{cat.direction_of(group).short_title}»"
    )
    row = ex.plan_row
    lines = [
        f"**{ex.title}**",
        "",
        _table(
            ["Поле", "Содержание"],
            [
                ["Сфера или фактор и индикатор",
                 f"{group_link(group.code, cat)}, индикатор {indicator.number}: {indicator.title}"],
                ["Куда в справке", where],
                ["Правовой акт", ex.act],
                ["Описание риска", ex.description],
                ["Рекомендация", ex.recommendation],
                ["Строка плана: подразделение", row.unit],
                ["Строка плана: индикатор", row.indicator_label],
                ["Строка плана: мероприятие", row.measure],
                ["Строка плана: форма завершения", row.completion_form],
                ["Строка плана: срок", long_date(row.due)],
            ],
            [6, 24],
        ),
    ]
    if row.note:
        lines += [f"Примечание: {row.note}", ""]
    return "\n".join(lines)


def measures_table(catalogue: Catalogue | None = None) -> str:
    """The eight typical measures, the default completion form and the factors/areas they are proposed for."""
    cat = default_catalogue(catalogue)
    rows = []
    for m in cat.typical_measures:
        where = ", ".join(group_link(code, cat) for code in m.suggested_for) or "—"
        rows.append([m.number, m.title, m.completion_form, where])
    return _table(["№", "Типичная мера", "Форма завершения по умолчанию", "Предлагается для"], rows, [2, 16, 6, 14])


def function_types_table(catalogue: Catalogue | None = None) -> str:
    """The four types of corruptogenic functions with their definitions and the areas they concern (the areas are
    the project's mapping, hence the marker in the header)."""
    cat = default_catalogue(catalogue)
    rows = []
    for t in cat.function_types:
        areas = ", ".join(group_link(code, cat) for code in t.areas)
        rows.append([t.number, t.title, t.definition, areas])
    return _table(["№", "Вид функций", "Что под ним понимается", f"Сферы {ASSUMPTION}"], rows, [2, 8, 18, 8])


def exemplary_functions_table(catalogue: Catalogue | None = None) -> str:
    """The exemplary list of corruptogenic functions (zone → function → typical situation)."""
    cat = default_catalogue(catalogue)
    rows = [[fn.number, zone.title, fn.title, fn.situation] for _t, zone, fn in cat.exemplary_functions()]
    return _table(["№", "Зона повышенного коррупционного риска", "Функция", "Типовая ситуация"], rows, [2, 8, 14, 12])


def table_columns(table_code: str, catalogue: Catalogue | None = None) -> str:
    """The columns of a document the ВАКР produces (``table.plan``, ``table.positions``, ``table.functions``)."""
    cat = default_catalogue(catalogue)
    table = next((t for t in cat.tables if t.code == table_code), None)
    if table is None:
        raise KeyError(f"нет образца таблицы с кодом {table_code!r}")
    rows = [[n, c.title] for n, c in enumerate(table.columns, start=1)]
    return _table(["Графа", f"«{table.title}»"], rows, [2, 24])


# --- risk assessment -----------------------------------------------------------------------------------------------


def risk_scales_table(catalogue: Catalogue | None = None) -> str:
    """The likelihood and impact scales, 1 to 5."""
    cat = default_catalogue(catalogue)
    m = cat.risk_matrix
    rows = [[lk.value, lk.title, im.title] for lk, im in zip(m.likelihood, m.impact)]
    return _table(["Балл", "Вероятность", "Последствия"], rows, [2, 8, 8])


def risk_matrix_table(catalogue: Catalogue | None = None) -> str:
    """The 5 × 5 grid: score (likelihood × impact) and band in each cell, likelihood from 5 down."""
    cat = default_catalogue(catalogue)
    m = cat.risk_matrix
    headers = ["Вероятность \\ последствия"] + [f"{im.value} — {im.title.lower()}" for im in m.impact]
    rows = []
    for lk in reversed(m.likelihood):
        cells: list[object] = [f"{lk.value} — {lk.title.lower()}"]
        for im in m.impact:
            score = lk.value * im.value
            cells.append(f"{score} ({m.band_for(score).title.lower()})")
        rows.append(cells)
    return _table(headers, rows, [6, 4, 4, 4, 4, 4])


def risk_bands_table(catalogue: Catalogue | None = None) -> str:
    """The bands of the score (a documented assumption of the project) and how many of the 25 cells fall in each."""
    cat = default_catalogue(catalogue)
    m = cat.risk_matrix
    scores = [lk.value * im.value for lk in m.likelihood for im in m.impact]
    rows = []
    for b in m.bands:
        cells = sum(1 for s in scores if b.min_score <= s <= b.max_score)
        rows.append([b.title, f"{b.min_score}–{b.max_score}", cells])
    return _table(["Уровень риска", "Баллы (вероятность × последствия)", "Клеток матрицы из 25"], rows, [6, 10, 6])


# --- sources and organisation types --------------------------------------------------------------------------------


def legal_sources_list(catalogue: Catalogue | None = None) -> str:
    """Every document the methodology cites, as a numbered list with details and links (no codes or file paths:
    the list is for readers)."""
    cat = default_catalogue(catalogue)
    lines = []
    for n, doc in enumerate(cat.sources, start=1):
        parts = [f"{n}. **{doc.title}**"]
        meta = [doc.kind]
        if doc.adopted and not doc.note:
            meta.append(f"от {long_date(doc.adopted)}" + (f" № {doc.number}" if doc.number else ""))
        parts.append(f"({', '.join(meta)}).")
        if doc.note:
            parts.append(" ".join(doc.note.split()))
        if doc.url:
            parts.append(f"<{doc.url}>")
        lines.append(" ".join(parts))
    return "\n".join(lines) + "\n"


def organisation_types_table(catalogue: Catalogue | None = None) -> str:
    """The organisation types the project map distinguishes, the projects that apply to each and the basis: the act
    or material for the project it is grounded in, then (the type's note) the other projects — the project's choice
    where the seed names no addressee."""
    cat = default_catalogue(catalogue)
    rows = []
    for t in cat.organisation_types:
        projects = [str(p.number) for p in cat.projects if t.code in p.applies_to]
        basis = _short_source(cat, t) + (f". {t.note}" if t.note else "")
        rows.append([t.title, ", ".join(projects), basis])
    return _table(["Субъект", "Проекты", "Основание"], rows, [10, 4, 12])
