"""Scanning an act with the rules: every place a rule matches becomes a :class:`~vakr.scan.model.Candidate`.

For each paragraph the words are read once (:mod:`vakr.scan.morphology`); each rule's patterns are tried where
their first word occurs, then the rule's conditions are checked:

* ``subject: official`` — the actor of the sentence, the nearest name of an official or a body (``@official``) or
  of a citizen (``@citizen``) in the nominative before the match (else after it, else in the point's first
  paragraph: «Уполномоченный орган: … 2) вправе …»), must be an official;
* ``unless_near`` — the listed words within the given number of words before/after the match cancel it;
* ``requires_near`` — each entry needs one of its words within its window;
* ``unless_in_point`` — the listed words anywhere in the point (the point with its subpoints and абзацы; a paragraph
  outside any point stands alone) cancel it;
* ``overridden_by`` — a match overlapping a match of one of these rules is dropped (the other says more).

Act-level checks (``check:``) look across paragraphs: ``different_terms`` finds two different terms («в течение 5
рабочих дней» / «10 рабочих дней») for the same action (the same verb, or the same «срок <чего>», with a common
object) in different paragraphs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from vakr.formatting import plural
from vakr.methodology.loader import default_catalogue
from vakr.scan.matcher import Phrase, find_phrase, phrase_at
from vakr.scan.model import Act, ActParagraph, Candidate
from vakr.scan.morphology import Word, words
from vakr.scan.rules import Rule, load_rules
from vakr.scan.structure import detect, numbering_end

if TYPE_CHECKING:
    from vakr.methodology.catalogue import Catalogue

TEXT_ACT = "текст"
_SHOWN_OTHERS = 3  # a different term's other places named in «why»; the rest are counted


def factor_titles(catalogue: Catalogue | None = None) -> dict[str, str]:
    """Factor code → its title, from the catalogue."""
    return {f.code: f.title for f in default_catalogue(catalogue).npa_factors}


def __getattr__(name: str) -> dict[str, str]:
    # FACTOR_TITLES is read from the catalogue when first asked for, not when this module is imported.
    if name == "FACTOR_TITLES":
        return factor_titles()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def scan_text(text: str, catalogue: Catalogue | None = None, rules: list[Rule] | None = None) -> list[Candidate]:
    """Scan one text as an act of one paragraph per line (the act's name is «текст»; ``paragraph`` is the line's
    number from 0)."""
    paragraphs = detect((i, line) for i, line in enumerate(text.splitlines()) if line.strip())
    act = Act(path=Path(TEXT_ACT), title=TEXT_ACT, paragraphs=paragraphs, kind="txt")
    return scan_act(act, catalogue, rules)


@dataclass
class _Para:
    paragraph: ActParagraph
    words: list[Word]
    scope: list[int]  # positions (in the act's list) of the paragraphs of the same point
    head: int  # position of the point's first paragraph
    # What the rules match against: the last clause of the introducing paragraph («8. Уполномоченный орган
    # вправе:»), when this one is its subpoint or абзац, followed by this paragraph's words; ``offset`` words of it
    # are the introduction's.
    matched: list[Word]
    offset: int
    positions: dict[str, list[int]]  # dictionary form → positions in ``matched``
    cache: dict[tuple[str, int], frozenset[int]] = field(default_factory=dict)  # on a point's first paragraph


@dataclass(frozen=True)
class _Match:
    rule: Rule
    start: int  # word positions
    end: int


def scan_act(act: Act, catalogue: Catalogue | None = None, rules: list[Rule] | None = None) -> list[Candidate]:
    """The candidates of ``act``, in paragraph order, then by position in the paragraph."""
    if rules is None:
        rules = load_rules(catalogue=catalogue)
    paras = _prepare(act.paragraphs)
    found: list[Candidate] = []
    pattern_rules = [r for r in rules if r.patterns]
    for number, para in enumerate(paras):
        matches: list[_Match] = []
        for rule in pattern_rules:
            matches.extend(_rule_matches(rule, number, paras))
        by_rule: dict[str, list[_Match]] = {}
        for m in matches:
            by_rule.setdefault(m.rule.code, []).append(m)
        for m in matches:
            if any(_overlap(m, other) for code in m.rule.overridden_by for other in by_rule.get(code, [])):
                continue
            found.append(_candidate(act, para, m.rule, m.start, m.end))
    for rule in rules:
        if rule.check == "different_terms":
            found.extend(_different_terms(act, paras, rule))
    found.sort(key=lambda c: (c.paragraph, c.start, c.end, c.rule))
    return found


def _overlap(a: _Match, b: _Match) -> bool:
    return a.start < b.end and b.start < a.end


def _candidate(act: Act, para: _Para, rule: Rule, start: int, end: int, why: str | None = None) -> Candidate:
    first, last = para.words[start], para.words[end - 1]
    text = para.paragraph.text
    return Candidate(act=act.path.name, paragraph=para.paragraph.index, point=para.paragraph.point,
                     quote=text[first.start:last.end], start=first.start, end=last.end, factor=rule.factor,
                     indicator=rule.indicator, rule=rule.code, strength=rule.strength, why=why or rule.why,
                     fix=rule.fix)


def _scope_key(point: str) -> str | None:
    """The point a paragraph belongs to («Глава 2, пункт 7» for «Глава 2, пункт 7, подпункт 3), абзац 2»)."""
    parts = point.split(", ")
    at = [i for i, part in enumerate(parts) if part.startswith("пункт ")]
    return ", ".join(parts[:at[-1] + 1]) if at else None


def _prepare(paragraphs: Sequence[ActParagraph]) -> list[_Para]:
    analysed = []
    for paragraph in paragraphs:
        skip = numbering_end(paragraph.text)  # «7.», «1)»: the number is not a word of the text
        analysed.append([w for w in words(paragraph.text) if w.start >= skip])
    groups: dict[str, list[int]] = {}
    first_of: dict[str, int] = {}  # a label → the unit's own paragraph
    for number, paragraph in enumerate(paragraphs):
        key = _scope_key(paragraph.point)
        if key is not None:
            groups.setdefault(key, []).append(number)
        first_of.setdefault(paragraph.point, number)
    paras = []
    for number, paragraph in enumerate(paragraphs):
        key = _scope_key(paragraph.point)
        scope = groups[key] if key is not None else [number]
        prefix = _introduction(paragraphs, analysed, first_of, number)
        own = analysed[number]
        if prefix:
            sentence = own[0].sentence if own else 0
            prefix = [replace(w, sentence=sentence) for w in prefix]
        matched = prefix + own
        positions: dict[str, list[int]] = {}
        for pos, word in enumerate(matched):
            for lemma in word.lemmas:
                positions.setdefault(lemma, []).append(pos)
        paras.append(_Para(paragraph, own, scope, scope[0], matched, len(prefix), positions))
    return paras


def _introduction(paragraphs: Sequence[ActParagraph], analysed: list[list[Word]], first_of: dict[str, int],
                  number: int) -> list[Word]:
    """The last clause of the paragraph that introduces this one with a colon, if any: the nearest enclosing unit
    («Глава 2, пункт 8» for «Глава 2, пункт 8, подпункт 1)») whose own paragraph ends with «:»."""
    parts = paragraphs[number].point.split(", ")
    while len(parts) > 1:
        parts = parts[:-1]
        parent = first_of.get(", ".join(parts))
        if parent is None or parent >= number:
            continue
        if paragraphs[parent].text.rstrip().endswith(":") and analysed[parent]:
            last = analysed[parent][-1].sentence
            return [w for w in analysed[parent] if w.sentence == last]
        return []
    return []


def _rule_matches(rule: Rule, number: int, paras: list[_Para]) -> list[_Match]:
    para = paras[number]
    ws, offset = para.matched, para.offset
    spans: list[tuple[int, int]] = []
    for pattern in rule.patterns:
        if pattern.anchors is not None:
            starts = sorted({pos for lemma in pattern.anchors for pos in para.positions.get(lemma, ())})
        else:
            starts = list(range(len(ws)))
        for pos in starts:
            end = pattern.match_at(ws, pos)
            if end is not None and end > offset:  # a match inside the introduction is the introduction's own
                spans.append((pos, end))
    kept: list[_Match] = []
    last_end = -1
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < last_end or not _conditions(rule, number, paras, start, end):
            continue
        kept.append(_Match(rule, max(start, offset) - offset, end - offset))
        last_end = end
    return kept


def _conditions(rule: Rule, number: int, paras: list[_Para], start: int, end: int) -> bool:
    """Whether the match ``[start, end)`` (positions in the paragraph's ``matched`` words) passes the rule's
    conditions."""
    para = paras[number]
    ws = para.matched
    sentence = ws[start].sentence
    for phrases, before, after in rule.unless_near:
        if _near(phrases, ws, start, end, before, after, sentence):
            return False
    for phrases, before, after in rule.requires_near:
        if not _near(phrases, ws, start, end, before, after, sentence):
            return False
    if rule.unless_in_point:
        having = _paragraphs_with(rule, paras, para.scope)
        if any(other != number for other in having):
            return False
        if number in having:
            own, own_start, own_end = para.words, max(start - para.offset, 0), end - para.offset
            if find_phrase(rule.unless_in_point, own, 0, own_start) \
                    or find_phrase(rule.unless_in_point, own, own_end, len(own)):
                return False
    if rule.subject is not None:
        officials, citizens = rule.subject
        actor = _actor_before(ws, start, sentence, officials, citizens)
        if actor is None:
            actor = _actor_after(ws, end, sentence, officials, citizens)
        if actor is None and para.head != number:
            head = paras[para.head].words
            actor = _actor_before(head, len(head), None, officials, citizens)
        if actor != "official":
            return False
    return True


def _near(phrases: Sequence[Phrase], ws: Sequence[Word], start: int, end: int, before: int, after: int,
          sentence: int) -> bool:
    return bool((before and find_phrase(phrases, ws, start - before, start, sentence))
                or (after and find_phrase(phrases, ws, end, end + after, sentence)))


def _paragraphs_with(rule: Rule, paras: list[_Para], scope: list[int]) -> frozenset[int]:
    """The paragraphs of ``scope`` where one of the rule's ``unless_in_point`` phrases occurs, found once per point
    and rule (a long point is not searched again for each match in it)."""
    key = (rule.code, scope[0])
    cache = paras[scope[0]].cache
    if key not in cache:
        cache[key] = frozenset(n for n in scope
                               if find_phrase(rule.unless_in_point, paras[n].words, 0, len(paras[n].words)))
    return cache[key]


def _actor_at_end(ws: Sequence[Word], last: int, lo: int, officials: Sequence[Phrase],
                  citizens: Sequence[Phrase]) -> str | None:
    """The actor named by a phrase ending at ``last`` (in the nominative), the longer phrase winning."""
    if "nomn" not in ws[last].grammemes:
        return None
    best: tuple[int, str] | None = None
    for kind, phrases in (("official", officials), ("citizen", citizens)):
        for phrase in phrases:
            first = last - len(phrase) + 1
            if first >= lo and phrase_at(phrase, ws, first) and (best is None or len(phrase) > best[0]):
                best = (len(phrase), kind)
    return best[1] if best else None


def _actor_before(ws: Sequence[Word], start: int, sentence: int | None, officials: Sequence[Phrase],
                  citizens: Sequence[Phrase]) -> str | None:
    lo = start
    while lo > 0 and (sentence is None or ws[lo - 1].sentence == sentence):
        lo -= 1
    for last in range(start - 1, lo - 1, -1):
        actor = _actor_at_end(ws, last, lo, officials, citizens)
        if actor:
            return actor
    return None


def _actor_after(ws: Sequence[Word], end: int, sentence: int, officials: Sequence[Phrase],
                 citizens: Sequence[Phrase]) -> str | None:
    for first in range(end, len(ws)):
        if ws[first].sentence != sentence:
            break
        best: tuple[int, str] | None = None
        for kind, phrases in (("official", officials), ("citizen", citizens)):
            for phrase in phrases:
                if phrase_at(phrase, ws, first) and "nomn" in ws[first + len(phrase) - 1].grammemes \
                        and (best is None or len(phrase) > best[0]):
                    best = (len(phrase), kind)
        if best:
            return best[1]
    return None


# --- different terms for the same action ---------------------------------------------------------------------

_NUMERALS = {
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
    "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15,
    "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30,
    "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100,
}


@dataclass(frozen=True)
class _Term:
    number: int  # position of the paragraph in the act's list
    start: int  # word positions of the quote
    end: int
    value: tuple[int, str]  # (how many, of what: «рабочий день», «календарный день», «день», «месяц» …)
    predicate: str
    objects: frozenset[str]


def _numeral(word: Word) -> int | None:
    if word.lower.isdigit():
        return int(word.lower)
    values = [_NUMERALS[lemma] for lemma in word.lemmas if lemma in _NUMERALS]
    return values[0] if values else None


def _list(rule: Rule, name: str) -> tuple[Phrase, ...]:
    return rule.lists.get(name, ())


def _terms(rule: Rule, number: int, para: _Para) -> list[_Term]:
    ws = para.words
    units = _list(rule, "term_unit")
    kinds = _list(rule, "term_kind")
    intros = _list(rule, "term_intro")
    found = []
    pos = 0
    while pos < len(ws):
        value = _numeral(ws[pos])
        if value is None:
            pos += 1
            continue
        start, at, digits = pos, pos + 1, ws[pos].lower.isdigit()
        while at < len(ws) and ws[at].sentence == ws[start].sentence and _numeral(ws[at]) is not None:
            if not digits:  # «двадцати пяти»; after digits the words repeat the number: «5 (пяти)»
                value += _numeral(ws[at]) or 0
            at += 1
        kind = ""
        if at < len(ws) and any(phrase_at(p, ws, at) for p in kinds):
            kind = next(p for p in kinds if phrase_at(p, ws, at))[0].value + " "
            at += 1
        unit = next((p for p in units if at < len(ws) and ws[at].sentence == ws[start].sentence
                     and phrase_at(p, ws, at)), None)
        if unit is None:
            pos = at
            continue
        end = at + len(unit)
        for intro in sorted(intros, key=len, reverse=True):
            if start - len(intro) >= 0 and ws[start - len(intro)].sentence == ws[start].sentence \
                    and phrase_at(intro, ws, start - len(intro)):
                start -= len(intro)
                break
        key = _action(rule, ws, start, end)
        if key is not None:
            found.append(_Term(number, start, end, (value, kind + unit[0].value), *key))
        pos = end
    return found


def _action(rule: Rule, ws: Sequence[Word], start: int, end: int) -> tuple[str, frozenset[str]] | None:
    """The action a term is set for: the nearest verb of the sentence (reflexive «-ся» dropped, so «рассматривается»
    and «рассматривает» are one action), else the noun after «срок» («срок рассмотрения»); and the nouns of the
    sentence that are not actors or words of terms (the objects)."""
    sentence = ws[start].sentence
    inside = [i for i in range(len(ws)) if ws[i].sentence == sentence]
    skip = _list(rule, "term_generic") + _list(rule, "official") + _list(rule, "citizen")
    aux = _list(rule, "auxiliary_verb")
    predicate = None
    for i in sorted(inside, key=lambda i: (min(abs(i - start), abs(i - (end - 1))), i)):
        if start <= i < end:
            continue
        word = ws[i]
        if word.pos in ("VERB", "INFN", "PRTS") and not any(phrase_at(p, ws, i) for p in aux if len(p) == 1):
            verb = word.lemma
            predicate = verb[:-2] if verb.endswith(("ся", "сь")) else verb
            break
    covered = {i + k for i in inside for p in skip if phrase_at(p, ws, i) for k in range(len(p))}
    objects = {ws[i].lemma for i in inside if ws[i].pos == "NOUN" and not start <= i < end and i not in covered}
    if predicate is None:
        after_term = [i for i in inside if "срок" in ws[i].lemmas and i + 1 < len(ws) and i + 1 in inside
                      and ws[i + 1].pos == "NOUN"]
        if not after_term:
            return None
        predicate = ws[after_term[0] + 1].lemma
        objects.discard(predicate)
    return predicate, frozenset(objects)


def _place(para: _Para) -> str:
    return para.paragraph.point or f"абзац {para.paragraph.index + 1}"


def _different_terms(act: Act, paras: list[_Para], rule: Rule) -> list[Candidate]:
    terms = [t for number, para in enumerate(paras) for t in _terms(rule, number, para)]
    by_action: dict[str, list[_Term]] = {}
    for term in terms:
        by_action.setdefault(term.predicate, []).append(term)
    found = []
    for group in by_action.values():
        for term in group:
            others = [o for o in group if o.number != term.number and o.value != term.value
                      and (o.objects & term.objects or not (o.objects or term.objects))]
            if not others:
                continue
            para = paras[term.number]
            described: list[str] = []
            for o in others:
                place = f"{_place(paras[o.number])}: «{_quote(paras[o.number], o.start, o.end)}»"
                if place not in described:
                    described.append(place)
                if len(described) == _SHOWN_OTHERS:
                    break
            shown = "; ".join(described)
            rest = len({(o.number, o.start) for o in others}) - len(described)
            if rest > 0:
                shown += f" и ещё {plural(rest, 'место', 'места', 'мест')}"
            why = rule.why.replace("{other}", shown)
            found.append(_candidate(act, para, rule, term.start, term.end, why))
    return found


def _quote(para: _Para, start: int, end: int) -> str:
    return para.paragraph.text[para.words[start].start:para.words[end - 1].end]


# --- the rules' own examples ---------------------------------------------------------------------------------

def check_examples(rules: list[Rule] | None = None, catalogue: Catalogue | None = None) -> list[str]:
    """Problems with the rules' examples: an example its rule does not find, a counter-example it does (Russian,
    one line each, naming the file and the rule)."""
    if rules is None:
        rules = load_rules(catalogue=catalogue)
    problems = []
    for rule in rules:
        for example in rule.examples:
            if rule.code not in {c.rule for c in scan_text(example, catalogue, rules)}:
                problems.append(f"{rule.file}: правило {rule.code}: пример не распознан: «{example}»")
        for counter in rule.counter_examples:
            if rule.code in {c.rule for c in scan_text(counter, catalogue, rules)}:
                problems.append(f"{rule.file}: правило {rule.code}: контрпример распознан как нарушение: «{counter}»")
    return problems
