"""Markdown helpers and the page map shared by the handbook's tables."""

from __future__ import annotations

from typing import Iterable, Sequence

from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import load_catalogue
from vakr.methodology.models import (
    PERIODICITY_TITLES,
)

# The page of the handbook that explains each NPA factor and each organisational area. Areas that share a
# section of the analytical report share its page (section 9: taxes, anti-corruption work, transparency, other).
GROUP_PAGES: dict[str, str] = {
    "npa.legal_gap": "npa-factors.qmd",
    "npa.collision": "npa-factors.qmd",
    "npa.linguistic_uncertainty": "npa-factors.qmd",
    "npa.discretion": "npa-factors.qmd",
    "npa.right_not_duty": "npa-factors.qmd",
    "npa.excessive_requirements": "npa-factors.qmd",
    "npa.admin_barriers": "npa-factors.qmd",
    "npa.improper_functions": "npa-factors.qmd",
    "org.hr": "org-hr.qmd",
    "org.coi": "org-coi.qmd",
    "org.public_services": "org-public-services.qmd",
    "org.permits": "org-permits.qmd",
    "org.control": "org-control.qmd",
    "org.budget": "org-budget.qmd",
    "org.taxes": "org-other.qmd",
    "org.contracts": "org-contracts.qmd",
    "org.it": "org-it.qmd",
    "org.anticorruption": "org-other.qmd",
    "org.transparency": "org-other.qmd",
    "org.other": "org-other.qmd",
}

# The page of each project of direction No. 4.
PROJECT_PAGES: dict[str, str] = {
    "p1": "vakr.qmd",
    "p2": "project2.qmd",
    "p3": "project3.qmd",
    "p4": "project4.qmd",
}

_EVENT_TITLES = {
    "vakr_start": "начало ВАКР",
    "vakr_end": "завершение ВАКР",
    "report_signed": "подписание аналитической справки",
    "plan_approved": "утверждение плана мероприятий",
}
_UNIT_WORDS = {
    "working_days": ("рабочий день", "рабочих дня", "рабочих дней"),
    "calendar_days": ("календарный день", "календарных дня", "календарных дней"),
    "years": ("год", "года", "лет"),
}
_DIRECTION_WORDS = {"before": "до события", "after": "после события"}
_PERIOD_GENITIVE = {"month": "месяца", "quarter": "квартала", "year": "года"}


# --- Markdown helpers -------------------------------------------------------------------------------------------


def _cell(value: object) -> str:
    """Text safe inside a pipe-table cell: no line breaks, escaped pipes."""
    text = "" if value is None else str(value)
    return " ".join(text.split()).replace("|", "\\|")


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], widths: Sequence[int] | None = None) -> str:
    """A pandoc pipe table. ``widths`` are relative column widths (the dashes of the separator line), which pandoc
    uses when a row is wider than the page."""
    widths = widths or [3] * len(headers)
    if len(widths) != len(headers):
        raise ValueError("число ширин столбцов не совпадает с числом заголовков")
    lines = [
        "| " + " | ".join(_cell(h) for h in headers) + " |",
        "|" + "|".join("-" * max(3, w) for w in widths) + "|",
    ]
    for row in rows:
        if len(row) != len(headers):
            raise ValueError("число ячеек строки не совпадает с числом заголовков")
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def _catalogue(catalogue: Catalogue | None) -> Catalogue:
    return catalogue or load_catalogue()


def section_id(code: str) -> str:
    """The heading id of a factor or area in the handbook: ``npa.legal_gap`` → ``sec-npa-legal-gap``."""
    if not code or any(not (ch.isascii() and (ch.isalnum() or ch in "._")) for ch in code):
        raise ValueError(f"недопустимый код элемента каталога: {code!r}")
    return "sec-" + code.replace(".", "-").replace("_", "-")


def group_link(code: str, catalogue: Catalogue | None = None) -> str:
    """A Markdown link to the section explaining a factor or an area: ``[Правовой пробел](npa-factors.qmd#…)``."""
    cat = _catalogue(catalogue)
    group = cat.group_of(code)
    return f"[{group.title}]({GROUP_PAGES[group.code]}#{section_id(group.code)})"


def _short_source(cat: Catalogue, item: object) -> str:
    """«Материалы направления № 4: …» for the seed, the act's title otherwise."""
    ref = getattr(item, "source", None)
    if ref is None:
        return ""
    if ref.doc == "seed":
        return f"Материалы направления № 4 (2024): {ref.at}"
    return cat.source_title(ref)


def _applies_to_titles(cat: Catalogue, codes: Iterable[str]) -> str:
    titles = {t.code: t.title for t in cat.organisation_types}
    codes = list(codes)
    if set(codes) == set(titles):
        return "все субъекты"
    return "; ".join(titles[c] for c in codes)


def _rule_text(sub: object) -> str:
    deadline = getattr(sub, "deadline", None)
    if deadline is not None:
        return deadline.text
    periodicity = getattr(sub, "periodicity", None)
    return PERIODICITY_TITLES[periodicity].capitalize() if periodicity else "Срок в материалах не указан"
