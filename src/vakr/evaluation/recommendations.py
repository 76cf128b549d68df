"""The measure vakr suggests for a finding the analyst left without one, and its default due date.

Choice of the measure (``data/methodology/recommended_measures.yaml``): the measure recommended for the finding's
indicator, else for its NPA factor or area; of several variants for one code, the first whose ``when_words`` occur
(as lemmas, so any word form matches) in the finding's description, else the variant without ``when_words``; when
the catalogue has none (an indicator added by an overlay), the seed's typical measure for the factor or area. An
NPA measure names the finding's act and point (``{act}`` in its wording).

Default due date: the term of the risk's level (``due_months`` of the risk matrix's band) or the measure's own
shortest realistic term, whichever is longer, counted from the plan's approval and moved to a working day; never
later than the end of monitoring (the year within which the plan is carried out); a level without a term — the end
of monitoring.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from razdel import tokenize

from vakr.calendar.kazakhstan import get_calendar
from vakr.errors import CalendarRangeError
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.models import Band, RecommendedMeasure


@dataclass(frozen=True)
class Suggestion:
    """A measure suggested for one finding."""

    title: str
    completion_form: str
    term_months: int | None
    wording: str  # "seed" | "project" | "typical" (the seed's typical measure, the last resort)
    code: str


@functools.lru_cache(maxsize=1)
def morph_analyzer() -> Any:  # pymorphy3.MorphAnalyzer (the package has no types)
    import pymorphy3  # here: its import alone takes ~0.1 s, paid only when a measure is chosen by a finding's words

    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=4096)
def _lemma(word: str) -> str:
    return morph_analyzer().parse(word)[0].normal_form


def lemmas(text: str) -> frozenset[str]:
    """The dictionary forms of the words of a Russian text («путевые листы» → {«путевой», «лист»})."""
    words = (token.text.lower() for token in tokenize(text or ""))
    return frozenset(_lemma(w).replace("ё", "е") for w in words if any(ch.isalpha() for ch in w))


def _matches(measure: RecommendedMeasure, found: frozenset[str]) -> bool:
    return any(word.lower().replace("ё", "е") in found for word in measure.when_words)


# Acts whose name keeps its capital letter inside a sentence («внести изменения в Закон Республики Казахстан …»).
_CAPITALISED = ("Закон", "Кодекс", "Конституци", "Указ")
_ACT_PLACEHOLDER = re.compile(r"\{act(?::(accs|loct|gent|datv))?\}")


def act_in_case(act: str | None, case: str = "accs") -> str:
    """The act and point as written by the analyst, fitted into a sentence: the first word (the kind of act, «Приказ»,
    «Инструкция», «Правила», «статья») in the grammatical case the measure needs and in lower case
    («Внести изменения в инструкцию по ведению …»)."""
    text = " ".join((act or "").split()).rstrip(".;")
    if not text:
        return "правовой акт (внутренний документ), в котором выявлен коррупционный фактор" if case == "accs" else \
            "правовом акте (внутреннем документе), в котором выявлен коррупционный фактор" if case == "loct" else \
            "правового акта (внутреннего документа), в котором выявлен коррупционный фактор"
    first, _, rest = text.partition(" ")
    if not first.isalpha():
        return text
    parse = next((p for p in morph_analyzer().parse(first) if p.tag.POS == "NOUN" and p.tag.case == "nomn"), None)
    word = first
    if parse is not None and (inflected := parse.inflect({case, parse.tag.number or "sing"})) is not None:
        word = inflected.word
        word = word.capitalize() if first[:1].isupper() else word
    if not first.startswith(_CAPITALISED) and not first.isupper():
        word = word[:1].lower() + word[1:]
    return f"{word} {rest}".strip()


def suggest_measure(catalogue: Catalogue, indicator: str, group: str, description: str,
                    act: str | None = None) -> Suggestion:
    """The recommended measure for a finding on ``indicator`` (of factor or area ``group``)."""
    variants = catalogue.recommended_for(indicator) or catalogue.recommended_for(group)
    if variants:
        found = lemmas(description) if any(v.when_words for v in variants) else frozenset()
        chosen = next((v for v in variants if v.when_words and _matches(v, found)), None)
        chosen = chosen or next(v for v in variants if not v.when_words)
        return Suggestion(
            title=_ACT_PLACEHOLDER.sub(lambda m: act_in_case(act, m.group(1) or "accs"), chosen.title),
            completion_form=catalogue.completion_form_title(chosen.completion_form),
            term_months=chosen.term_months,
            wording=chosen.wording,
            code=chosen.code,
        )
    typical = catalogue.measures_for(group) or catalogue.typical_measures[:1]
    return Suggestion(typical[0].title, typical[0].completion_form, None, "typical", typical[0].code)


def default_due(band: Band, term_months: int | None, approved: dt.date, monitoring_end: dt.date,
                six_day_week: bool = False) -> dt.date:
    """The default due date of a measure for a risk of level ``band`` (see the module's docstring)."""
    if band.due_months is None:
        return monitoring_end
    raw = approved + relativedelta(months=max(band.due_months, term_months or 0))
    try:
        day = get_calendar(six_day_week).find_following_working_day(raw)
    except CalendarRangeError:  # beyond the calendar's horizon: the date as counted
        day = raw
    return min(day, monitoring_end)
