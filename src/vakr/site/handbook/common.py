"""Markdown helpers and links shared by the handbook's tables (each factor, area and project names its page in the
catalogue: ``handbook_page``)."""

from __future__ import annotations

from collections.abc import Iterable

from vakr.markdown import pipe_table
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import default_catalogue
from vakr.methodology.models import (
    PERIODICITY_TITLES,
)

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


# The handbook's tables: vakr's one pipe-table writer (cells one line, pipes escaped, Markdown links kept).
_table = pipe_table


def section_id(code: str) -> str:
    """The heading id of a factor or area in the handbook: ``npa.legal_gap`` → ``sec-npa-legal-gap``."""
    if not code or any(not (ch.isascii() and (ch.isalnum() or ch in "._")) for ch in code):
        raise ValueError(f"недопустимый код элемента каталога: {code!r}")
    return "sec-" + code.replace(".", "-").replace("_", "-")


def group_link(code: str, catalogue: Catalogue | None = None) -> str:
    """A Markdown link to the section explaining a factor or an area: ``[Правовой пробел](npa-factors.qmd#…)``
    (the page is the group's ``handbook_page`` in the catalogue)."""
    cat = default_catalogue(catalogue)
    group = cat.group_of(code)
    return f"[{group.title}]({group.handbook_page}#{section_id(group.code)})"


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
