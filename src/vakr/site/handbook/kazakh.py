"""Handbook tables of the documents' Kazakh wording (``handbook/kazakh.qmd``): every Kazakh text of the catalogue
that the documents in Kazakh use, by kind, with where it comes from, and the Kazakh terms found in published documents
(:data:`vakr.documents.wording.kazakh.PUBLISHED_TERMS`).

Where a text comes from is read from its ``source_kk`` (for a column, a scale level, a band or a field title: that of
the table, the risk matrix or the report it belongs to). ``kk_translation`` is the project's translation. Any other
document (``kk_publications``) is a published form — but one ``source_kk`` covers all the Kazakh texts of an item, so
where its place (``at``) quotes texts («…») only the quoted ones are published, and the quoted ones of a part marked
«перевод проекта» are not::

    source_kk: {doc: kk_publications, at: "графы «Р/с №», «Іс-шараның атауы»; графа «Тәуекел индикаторы / …» — перевод проекта"}

(«…» inside a quote stands for any text.) A text of the catalogue with no Kazakh companion (an indicator the user
imported) is listed too: the documents in Kazakh show its Russian text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd

from vakr.documents.tables import to_markdown
from vakr.documents.wording.kazakh import PUBLISHED_TERMS
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import default_catalogue
from vakr.methodology.models import NpaFactor, SourceRef

# The kinds of the catalogue's Kazakh texts, in the order the page shows them.
KAZAKH_KINDS: dict[str, str] = {
    "report": "Разделы справки",
    "groups": "Сферы и факторы",
    "indicators": "Индикаторы",
    "typical_measures": "Типичные меры",
    "recommended_measures": "Рекомендуемые меры",
    "completion_forms": "Формы завершения",
    "functions": "Коррупциогенные функции",
    "tables": "Графы таблиц",
    "risk_levels": "Уровни риска",
    "schedule": "Этапы и сроки ВАКР в календаре",
}
PUBLISHED = "опубликованные документы"
TRANSLATION = "перевод проекта"
NO_KAZAKH = "казахского текста нет: в документе остаётся русский"
COLUMNS = ("Вид", "Что", "По-русски", "По-казахски", "Источник")

_TRANSLATION_DOC = "kk_translation"
_TRANSLATION_MARK = "перевод проекта"
_QUOTED = re.compile(r"«([^«»]+)»")
# Where the program puts a value of the risk into a text: shown to the reader in square brackets.
_SLOTS = {"act": "акт и пункт из описания риска", "direction": "фактор или сфера"}
_SLOT = re.compile(r"\{(\w+)(?::\w+)?\}")
_TABLE_NAMES = {"table.plan": "План мероприятий", "table.positions": "Перечень должностей",
                "table.functions": "Примерный перечень функций"}

Row = tuple[str, str, str, str]  # what, Russian, Kazakh, source


# --- where a text comes from -------------------------------------------------------------------------------------


def _quoted_matches(text: str, quoted: str) -> bool:
    """Whether ``text`` is the quoted one («…» inside the quote stands for any text)."""
    pattern = ".*".join(re.escape(part.strip()) for part in quoted.split("…"))
    return re.fullmatch(pattern, text.strip(), re.S) is not None


def kazakh_source(ref: SourceRef | None, text: str) -> str:
    """«опубликованные документы» or «перевод проекта» for the Kazakh ``text`` of an item whose ``source_kk`` is
    ``ref`` (see the module's docstring)."""
    if ref is None or ref.doc == _TRANSLATION_DOC:
        return TRANSLATION
    clauses = ref.at.split(";")
    if not any(_QUOTED.search(clause) for clause in clauses):
        return PUBLISHED  # the place names no texts: all of the item's Kazakh texts are published
    for clause in clauses:
        if _TRANSLATION_MARK in clause:
            continue
        if any(_quoted_matches(text, quoted) for quoted in _QUOTED.findall(clause)):
            return PUBLISHED
    return TRANSLATION


def _shown(text: str) -> str:
    """A text as the reader sees it: the program's slots («{act}») named in square brackets."""
    return _SLOT.sub(lambda m: f"[{_SLOTS.get(m.group(1), m.group(1))}]", " ".join(text.split()))


def _row(what: str, russian: str, kazakh: str | None, ref: SourceRef | None) -> Row:
    if not kazakh:
        return what, _shown(russian), "—", NO_KAZAKH
    return what, _shown(russian), _shown(kazakh), kazakh_source(ref, kazakh)


# --- the texts, kind by kind -------------------------------------------------------------------------------------


def _report(cat: Catalogue) -> Iterator[Row]:
    r = cat.report
    yield _row("Заголовок справки", r.title, r.title_kk, r.source_kk)
    for n, f in enumerate(r.intro_fields, start=1):
        yield _row(f"Вводная часть, сведения {n}", f.title, f.title_kk, f.source_kk)
    for n, (key, title) in enumerate(r.field_titles.items(), start=1):
        yield _row(f"Сведения о риске {n}", title, r.field_titles_kk.get(key), r.source_kk)
    yield _row("Строка перед описанием риска", r.finding_heading, r.finding_heading_kk, r.source_kk)
    for s in r.sections:
        yield _row(f"Раздел {s.number}", s.title, s.title_kk, s.source_kk)


def _groups(cat: Catalogue) -> Iterator[Row]:
    for g in cat.indicator_groups():
        kind = "Фактор" if isinstance(g, NpaFactor) else "Сфера"
        yield _row(f"{kind} {g.number}", g.title, g.title_kk, g.source_kk)


def _indicators(cat: Catalogue) -> Iterator[Row]:
    for g in cat.indicator_groups():
        for ind in g.indicators:
            yield _row(f"{g.title}, индикатор {ind.number}", ind.title, ind.title_kk, ind.source_kk)


def _typical_measures(cat: Catalogue) -> Iterator[Row]:
    for m in cat.typical_measures:
        yield _row(f"Типичная мера {m.number}", m.title, m.title_kk, m.source_kk)
        yield _row(f"Типичная мера {m.number}, форма завершения", m.completion_form, m.completion_form_kk,
                   m.source_kk)


def _recommended_measures(cat: Catalogue) -> Iterator[Row]:
    for m in cat.recommended_measures:
        group = cat.group_of(m.for_)
        if m.for_ == group.code:
            variants = cat.recommended_for(group.code)
            what = f"{group.title} в целом"
            if len(variants) > 1:
                what += f", вариант {[v.code for v in variants].index(m.code) + 1}"
        else:
            number = next(i.number for i in group.indicators if i.code == m.for_)
            what = f"{group.title}, индикатор {number}"
        yield _row(what, m.title, m.title_kk, m.source_kk)


def _completion_forms(cat: Catalogue) -> Iterator[Row]:
    for n, f in enumerate(cat.completion_forms, start=1):
        yield _row(f"Значение {n} списка", f.title, f.title_kk, f.source_kk)


def _functions(cat: Catalogue) -> Iterator[Row]:
    cf = cat.corruptogenic_functions
    yield _row("Вводный текст перечня", cf.intro.text, cf.intro.text_kk, cf.intro.source_kk)
    for t in cf.types:
        yield _row(f"Вид функций {t.number}", t.title, t.title_kk, t.source_kk)
        yield _row(f"Вид функций {t.number}: что под ним понимается", t.definition, t.definition_kk, t.source_kk)
        for z in t.zones:
            yield _row(f"Вид функций {t.number}: зона повышенного коррупционного риска", z.title, z.title_kk,
                       z.source_kk)
            for fn in z.functions:
                yield _row(f"Функция {fn.number}", fn.title, fn.title_kk, fn.source_kk)
                yield _row(f"Функция {fn.number}: типовая ситуация", fn.situation, fn.situation_kk, fn.source_kk)


def _tables(cat: Catalogue) -> Iterator[Row]:
    for t in cat.tables:
        name = _TABLE_NAMES.get(t.code, t.title)
        yield _row(f"{name}: заголовок", t.title, t.title_kk, t.source_kk)
        for n, c in enumerate(t.columns, start=1):
            yield _row(f"{name}: графа {n}", c.title, c.title_kk, t.source_kk)


def _risk_levels(cat: Catalogue) -> Iterator[Row]:
    m = cat.risk_matrix
    yield _row("Заголовок матрицы", m.title, m.title_kk, m.source_kk)
    for level in m.likelihood:
        yield _row(f"Вероятность {level.value}", level.title, level.title_kk, m.source_kk)
    for level in m.impact:
        yield _row(f"Последствия {level.value}", level.title, level.title_kk, m.source_kk)
    for b in m.bands:
        yield _row(f"Уровень риска (баллы {b.min_score}–{b.max_score})", b.title, b.title_kk, m.source_kk)


def _schedule(cat: Catalogue) -> Iterator[Row]:
    for sub in cat.event_subtasks().values():
        yield _row(f"Этап «{sub.short_title}»", sub.title, sub.title_kk, sub.source_kk)
        if sub.deadline is not None:
            yield _row(f"Этап «{sub.short_title}»: срок", sub.deadline.text,
                       getattr(sub.deadline, "text_kk", None), sub.source_kk)


_KIND_ROWS = {
    "report": _report,
    "groups": _groups,
    "indicators": _indicators,
    "typical_measures": _typical_measures,
    "recommended_measures": _recommended_measures,
    "completion_forms": _completion_forms,
    "functions": _functions,
    "tables": _tables,
    "risk_levels": _risk_levels,
    "schedule": _schedule,
}


def kazakh_texts(catalogue: Catalogue | None = None) -> pd.DataFrame:
    """Every text of the catalogue the documents use, with its Kazakh text and where that comes from: one row per
    text, columns «Вид» (a title of :data:`KAZAKH_KINDS`), «Что», «По-русски», «По-казахски», «Источник»."""
    cat = default_catalogue(catalogue)
    rows = [(title, *row) for kind, title in KAZAKH_KINDS.items() for row in _KIND_ROWS[kind](cat)]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _kind_title(kind: str) -> str:
    if kind not in KAZAKH_KINDS:
        raise KeyError(f"нет вида казахских текстов {kind!r}; есть: {', '.join(KAZAKH_KINDS)}")
    return KAZAKH_KINDS[kind]


def kazakh_texts_table(kind: str, catalogue: Catalogue | None = None) -> str:
    """The Kazakh texts of one kind (a key of :data:`KAZAKH_KINDS`) as a Markdown table: what, Russian, Kazakh,
    source. A slot the program fills from the risk is shown in square brackets («[акт и пункт из описания риска]»)."""
    title = _kind_title(kind)
    df = kazakh_texts(catalogue)
    return to_markdown(df[df["Вид"] == title].drop(columns="Вид"))


def kazakh_texts_summary(catalogue: Catalogue | None = None) -> str:
    """How many texts of each kind there are and how many of them are published forms, the project's translation or
    have no Kazakh text (that column only when some have none)."""
    df = kazakh_texts(catalogue)
    summary = pd.DataFrame({
        "Вид": list(KAZAKH_KINDS.values()),
        "Текстов": [int((df["Вид"] == t).sum()) for t in KAZAKH_KINDS.values()],
        "Из опубликованных документов": [int(((df["Вид"] == t) & (df["Источник"] == PUBLISHED)).sum())
                                         for t in KAZAKH_KINDS.values()],
        "Перевод проекта": [int(((df["Вид"] == t) & (df["Источник"] == TRANSLATION)).sum())
                            for t in KAZAKH_KINDS.values()],
        "Без казахского текста": [int(((df["Вид"] == t) & (df["Источник"] == NO_KAZAKH)).sum())
                                  for t in KAZAKH_KINDS.values()],
    })
    if not summary["Без казахского текста"].any():
        summary = summary.drop(columns="Без казахского текста")
    total = {c: (int(summary[c].sum()) if c != "Вид" else "Всего") for c in summary.columns}
    return to_markdown(pd.concat([summary, pd.DataFrame([total])], ignore_index=True))


def _published_term(kazakh: str) -> tuple[str, str]:
    """A published Kazakh term and its note: a term quoted without its beginning or end («…іс-шаралар жоспары») is
    shown without the ellipsis, and the note says which part is quoted."""
    text = " ".join(kazakh.split())
    if text.startswith("…"):
        return text.lstrip("… "), "приведено окончание: начало названия в опубликованных документах различается"
    if text.endswith("…"):
        return text.rstrip("… "), "приведено начало: окончание названия в опубликованных документах различается"
    return text, ""


def published_terms_table() -> str:
    """The Kazakh forms of the documents' terms found in published documents (Russian, Kazakh, a note)."""
    rows = [(russian, *_published_term(kazakh)) for russian, kazakh in PUBLISHED_TERMS]
    df = pd.DataFrame(rows, columns=["По-русски", "По-казахски", "Примечание"])
    if not df["Примечание"].any():
        df = df.drop(columns="Примечание")
    return to_markdown(df)
