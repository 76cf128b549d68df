"""A short human-readable summary of the catalogue (``vakr catalogue``)."""

from __future__ import annotations

from vakr.methodology.catalogue import Catalogue
from vakr.methodology.models import INDICATORS_STATUS_TITLES, OVERLAY_DOC, PERIODICITY_TITLES

# --- summary ------------------------------------------------------------------------------------------------


def summary_lines(cat: Catalogue) -> list[str]:
    """A readable Russian overview of the catalogue, for ``vakr catalogue``."""
    lines = ["Каталог методики: типовое базовое направление № 4 «Предупреждение и противодействие коррупции»", ""]
    lines.append(f"Карта проектов ({len(cat.projects)} проекта):")
    for p in cat.projects:
        subs = sum(len(t.subtasks) for t in p.tasks)
        lines.append(f"  {p.number}. {p.title} — задач: {len(p.tasks)}, подзадач: {subs}")
        for t in p.tasks:
            for s in t.subtasks:
                rule = s.deadline.text if s.deadline else PERIODICITY_TITLES[s.periodicity]
                lines.append(f"       {p.number}.{t.number}.{s.number}. {s.title} — {rule}")
            if t.content_missing:
                lines.append(f"       {p.number}.{t.number}. {t.content_missing}")
    v = cat.vakr
    lines += [
        "",
        f"ВАКР: {v.periodicity.title.lower()}; правовая основа — {len(v.legal_basis)} акта; этапов — {len(v.stages)};"
        f" источников информации — {len(v.information_sources)}; направлений анализа — {len(v.directions)}.",
        "",
        f"Коррупционные факторы в НПА ({len(cat.npa_factors)}):",
    ]
    for g in [*cat.npa_factors, None, *cat.org_areas]:
        if g is None:
            lines += ["", f"Сферы организационно-управленческой деятельности ({len(cat.org_areas)}):"]
            continue
        status = f"индикаторов: {len(g.indicators)}" if g.indicators else INDICATORS_STATUS_TITLES["not_catalogued"]
        section = cat.section_of(g)
        to = f" → раздел {section.number} справки" if section else ""
        lines.append(f"  {g.number}. {g.title} — {status}{to}")
    lines += [
        "",
        f"Разделы аналитической справки: {len(cat.report.sections)}; типичные меры: {len(cat.typical_measures)};"
        f" виды коррупциогенных функций: {len(cat.function_types)};"
        f" примерный перечень функций: {sum(1 for _ in cat.exemplary_functions())} строк;"
        f" разобранные примеры: {len(cat.worked_examples)}.",
    ]
    imported = [g.title for g in cat.indicator_groups() if any(i.source.doc == OVERLAY_DOC for i in g.indicators)]
    if imported:
        lines += ["", f"Перечни индикаторов, внесённые импортом ({len(imported)}): {'; '.join(imported)}."
                      " Подробно: vakr catalogue --status"]
    return lines
