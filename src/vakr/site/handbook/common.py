"""Markdown helpers and links shared by the handbook's tables (each factor, area and project names its page in the
catalogue: ``handbook_page``)."""

from __future__ import annotations

from collections.abc import Iterable

from vakr.markdown import pipe_table
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import default_catalogue
from vakr.methodology.models import PERIODICITY_TITLES, Subtask

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

# The marker of a value the project chose (handbook/STYLE.md) and the source document that stands for such a choice.
ASSUMPTION = "(допущение проекта)"
ASSUMPTION_DOC = "assumption"
# ВАКР events whose deadline the project reads beyond the seed's wording: the seed gives the term for drawing up the
# plan («Разработка плана мероприятий… не позднее 10 рабочих дней со дня подписания аналитической справки»), the
# project counts it as the term of the plan's approval.
_EVENT_READINGS = {"plan_approved": "срок утверждения плана"}
# Subtasks whose periodicity is the project's reading, not the seed's words: the seed lists «Направление не менее 5 %
# государственных служащих… на антикоррупционное обучение» on the 2024 project map without a periodicity; the
# project reads it as yearly. projects.yaml has no field for this yet: when it gets one, read it instead.
_PERIODICITY_BY_PROJECT = frozenset({"p4.t2.s1"})


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
    """«Материалы направления № 4: …» for the seed, «… (допущение проекта)» for the project's choice, the act's
    title otherwise."""
    ref = getattr(item, "source", None)
    if ref is None:
        return ""
    if ref.doc == "seed":
        return f"Материалы направления № 4 (2024): {ref.at}"
    if ref.doc == ASSUMPTION_DOC:
        return f"{ref.at} {ASSUMPTION}"
    return cat.source_title(ref)


def _applies_to_titles(cat: Catalogue, codes: Iterable[str]) -> str:
    """The organisation types by title («все субъекты» for all of them). A list that includes a type known only by
    the project's assumption («Иная организация») is the project's choice of addressees — the seed names none for
    projects 1 and 2 and task 4.3 — and carries the marker."""
    types = {t.code: t for t in cat.organisation_types}
    codes = list(codes)
    text = "все субъекты" if set(codes) == set(types) else "; ".join(types[c].title for c in codes)
    if any(types[c].source.doc == ASSUMPTION_DOC for c in codes):
        text += f" {ASSUMPTION}"
    return text


def _event_title(sub: Subtask) -> str:
    """A ВАКР event's subtask title, with the project's reading of its deadline where there is one."""
    reading = _EVENT_READINGS.get(sub.event or "")
    return f"{sub.title} (допущение проекта: {reading})" if reading else sub.title


def _rule_text(sub: Subtask) -> str:
    """The deadline rule or the periodicity of a subtask as the project map words it; a periodicity the project
    reads into the seed carries the marker."""
    marker = f" {ASSUMPTION}" if sub.code in _PERIODICITY_BY_PROJECT else ""
    if sub.deadline is not None:
        return sub.deadline.text + marker
    if sub.periodicity:
        return PERIODICITY_TITLES[sub.periodicity].capitalize() + marker
    return "Срок в материалах не указан"
