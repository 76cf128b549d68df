"""Scanning an act with the rules: every place a rule matches becomes a :class:`~vakr.scan.model.Candidate`.

For each paragraph the words are read once (:mod:`vakr.scan.morphology`); each rule's patterns are tried where
their first word occurs, then the rule's conditions are checked:

* ``subject: official`` — the actor of the sentence must be an official. The actor is the nearest name of an
  official or a body (``@official``) or of a citizen (``@citizen``) in the nominative before the match; if there is
  none, the agent of a passive verb before it — the name in the instrumental next to (within
  ``_AGENT_WINDOW`` words of) a verb in «-ся» or a short passive participle: «состав утверждается руководителем»,
  «решение принято комиссией», «способ выбирается заявителем» (not after a preposition, «с руководителем», nor
  with the verbs of ``@not_passive_verb``, «является руководителем»); else the same after the match; else in the
  point's first paragraph («Уполномоченный орган: … 2) вправе …»). A full participle's agent («работник,
  назначенный руководителем, вправе …») is not taken: its clause is not the sentence's;
* ``unless_near`` — the listed words within the given number of words before/after the match cancel it;
* ``requires_near`` — each entry needs one of its words within its window;
* ``unless_in_point`` — the listed words anywhere in the point (the point with its subpoints and абзацы; a paragraph
  outside any point stands alone) cancel it;
* ``overridden_by`` — a match overlapping a match of one of these rules is dropped (the other says more).

Act-level checks (``check:``) look across paragraphs: ``different_terms`` finds two different terms («в течение 5
рабочих дней» / «10 рабочих дней») for the same action with a common object in different paragraphs. The action is
the verb the term is set for or the noun that names it («срок рассмотрения заявления» is the action of «рассматривает
заявление»: the lexicon's ``actions:``); a period of validity («выдаётся на срок не более трёх лет», «срок действия»,
the lexicon's ``term_validity``) is not a term of an action.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from vakr.formatting import plural
from vakr.methodology.loader import default_catalogue
from vakr.scan.matcher import Phrase, Test, find_phrase, phrase_at
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
        actors = _Actors(*rule.subject)
        actor = _actor_before(ws, start, sentence, actors)
        if actor is None:
            actor = _actor_after(ws, end, sentence, actors)
        if actor is None and para.head != number:
            head = paras[para.head].words
            actor = _actor_before(head, len(head), None, actors)
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


_AGENT_WINDOW = 4  # words between a passive verb and its agent in the instrumental («принимается в срок комиссией»)


@dataclass(frozen=True)
class _Actors:
    officials: tuple[Phrase, ...]
    citizens: tuple[Phrase, ...]
    not_passive: tuple[Phrase, ...]  # verbs in «-ся» whose instrumental is not the agent («является руководителем»)


def _named(ws: Sequence[Word], last: int, lo: int, actors: _Actors) -> tuple[int, str] | None:
    """The longest name of an official or a citizen ending at ``last`` (starting at ``lo`` or later): its first
    position and «official» / «citizen»."""
    best: tuple[int, int, str] | None = None
    for kind, phrases in (("official", actors.officials), ("citizen", actors.citizens)):
        for phrase in phrases:
            first = last - len(phrase) + 1
            if first >= lo and phrase_at(phrase, ws, first) and (best is None or len(phrase) > best[0]):
                best = (len(phrase), first, kind)
    return (best[1], best[2]) if best else None


def _passive(ws: Sequence[Word], at: int, actors: _Actors) -> bool:
    """Whether the word at ``at`` is a passive predicate: a verb in «-ся» («утверждается», «может приниматься») that
    is not one of ``@not_passive_verb``, or a short passive participle («принято», «утвержден»)."""
    word = ws[at]
    if word.pos == "PRTS":
        return "pssv" in word.grammemes
    if word.pos not in ("VERB", "INFN") or not word.lemma.endswith(("ся", "сь")):
        return False
    return not any(phrase_at(p, ws, at) for p in actors.not_passive)


def _agent(ws: Sequence[Word], first: int, last: int, actors: _Actors) -> bool:
    """Whether the name ``ws[first:last + 1]`` in the instrumental is the agent of a passive verb next to it."""
    if "ablt" not in ws[last].grammemes:
        return False
    sentence = ws[first].sentence
    if first > 0 and ws[first - 1].sentence == sentence and ws[first - 1].pos == "PREP":
        return False  # «с руководителем», «между комиссией и заявителем», «за услугодателем»
    near = [*range(max(first - _AGENT_WINDOW, 0), first), *range(last + 1, min(last + 1 + _AGENT_WINDOW, len(ws)))]
    return any(ws[i].sentence == sentence and _passive(ws, i, actors) for i in near)


def _actor_at_end(ws: Sequence[Word], last: int, lo: int, actors: _Actors, agent: bool) -> str | None:
    """The actor named by a phrase ending at ``last`` (the longer phrase winning): in the nominative, or, with
    ``agent``, in the instrumental as the agent of a passive verb."""
    if ("ablt" if agent else "nomn") not in ws[last].grammemes:
        return None
    named = _named(ws, last, lo, actors)
    if named is None or (agent and not _agent(ws, named[0], last, actors)):
        return None
    return named[1]


def _actor_before(ws: Sequence[Word], start: int, sentence: int | None, actors: _Actors) -> str | None:
    lo = start
    while lo > 0 and (sentence is None or ws[lo - 1].sentence == sentence):
        lo -= 1
    for agent in (False, True):  # a subject in the nominative first, then a passive verb's agent
        for last in range(start - 1, lo - 1, -1):
            actor = _actor_at_end(ws, last, lo, actors, agent)
            if actor:
                return actor
    return None


def _actor_after(ws: Sequence[Word], end: int, sentence: int, actors: _Actors) -> str | None:
    hi = end
    while hi < len(ws) and ws[hi].sentence == sentence:
        hi += 1
    for agent in (False, True):
        for first in range(end, hi):
            best: tuple[int, str] | None = None
            for kind, phrases in (("official", actors.officials), ("citizen", actors.citizens)):
                for phrase in phrases:
                    last = first + len(phrase) - 1
                    if last < hi and phrase_at(phrase, ws, first) \
                            and ("ablt" if agent else "nomn") in ws[last].grammemes \
                            and (best is None or len(phrase) > best[0]):
                        best = (len(phrase), kind)
            if best and (not agent or _agent(ws, first, first + best[0] - 1, actors)):
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
    predicates: frozenset[str]  # the actions the term is set for (an action of the lexicon, or a verb)
    objects: frozenset[str]


def _numeral(word: Word) -> int | None:
    if word.lower.isdigit():
        return int(word.lower)
    values = [_NUMERALS[lemma] for lemma in word.lemmas if lemma in _NUMERALS]
    return values[0] if values else None


def _list(rule: Rule, name: str) -> tuple[Phrase, ...]:
    return rule.lists.get(name, ())


def _terms(rule: Rule, number: int, para: _Para) -> list[_Term]:
    """The terms of a paragraph with their actions. A period of validity is not a term of an action and is left out:
    ``@term_validity`` just before the term («выдаётся на срок не более трёх лет», «сроком на один год») or
    ``@validity_period`` anywhere before it in the sentence («срок действия разрешения … составляет три года»)."""
    ws = para.words
    units = _list(rule, "term_unit")
    kinds = _list(rule, "term_kind")
    intros = _list(rule, "term_intro")
    validity = _list(rule, "term_validity")
    periods = _list(rule, "validity_period")
    spans: list[tuple[int, int, tuple[int, str]]] = []
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
        spans.append((start, end, (value, kind + unit[0].value)))
        pos = end
    found = []
    for start, end, measure in spans:
        sentence = ws[start].sentence
        if find_phrase(validity, ws, start - _VALIDITY_WINDOW, start, sentence) \
                or find_phrase(periods, ws, 0, start, sentence):
            continue
        others = [(s, e) for s, e, _ in spans if ws[s].sentence == ws[start].sentence]
        key = _action(rule, ws, start, end, others)
        if key is not None:
            found.append(_Term(number, start, end, measure, *key))
    return found


_VALIDITY_WINDOW = 3  # words before a term where «на срок», «срок действия» make it a period of validity
_FORM = frozenset({"INFN", "VERB", "PRTS", "pres", "past", "futr", "1per", "2per", "3per", "sing", "plur", "masc",
                   "femn", "neut"})


def _named_action(rule: Rule, ws: Sequence[Word], i: int) -> tuple[str, range] | None:
    """The lexicon's action named at ``i`` (the longest phrase starting there, or a verb phrase ending there with
    its noun first: «решение принимается»), with the positions of its words; a reflexive verb is its verb's."""
    best: tuple[str, range] | None = None
    for name, phrases in rule.actions.items():
        for phrase in phrases:
            for first, tests in ((i, phrase), (i - len(phrase) + 1, tuple(reversed(phrase)))):
                if first < 0 or first + len(tests) > len(ws) or (best is not None and len(best[1]) >= len(tests)):
                    continue
                if all(ws[first + k].sentence == ws[i].sentence and _names(test, ws[first + k])
                       for k, test in enumerate(tests)):
                    best = (name, range(first, first + len(tests)))
    return best


def _names(test: Test, word: Word) -> bool:
    return test.ok(word) or (test.kind == "lemma" and bool({test.value + "ся", test.value + "сь"} & word.lemmas))


def _action(rule: Rule, ws: Sequence[Word], start: int, end: int,
            spans: Sequence[tuple[int, int]]) -> tuple[frozenset[str], frozenset[str]] | None:
    """The actions a term is set for and the nouns of its sentence that are not actors, words of terms or of the
    action (the objects).

    The action is the nearest verb of the sentence (the lexicon's action it names, ``actions:``, else the verb with
    a reflexive «-ся» dropped, so «рассматривается» and «рассматривает» are one action) together with the verbs of
    the same form nearer to this term than to another term of the sentence («рассматривает заявление и выдаёт
    разрешение в течение десяти рабочих дней» is set for both); without a verb, the noun after «срок» («срок
    рассмотрения»), else the nearest action of the lexicon named by a noun before the term («выдача разрешения
    производится в течение …»)."""
    sentence = ws[start].sentence
    inside = [i for i in range(len(ws)) if ws[i].sentence == sentence]
    skip = _list(rule, "term_generic") + _list(rule, "official") + _list(rule, "citizen")
    aux = _list(rule, "auxiliary_verb")

    def distance(i: int, s: int, e: int) -> int:
        return min(abs(i - s), abs(i - (e - 1)))

    def predicate(i: int) -> tuple[str, range]:
        named = _named_action(rule, ws, i)
        if named is not None:
            return named
        verb = ws[i].lemma
        return (verb[:-2] if verb.endswith(("ся", "сь")) else verb), range(i, i + 1)

    verbs = [i for i in inside if not start <= i < end and ws[i].pos in ("VERB", "INFN", "PRTS")
             and not any(phrase_at(p, ws, i) for p in aux if len(p) == 1)]
    chosen: list[tuple[str, range]] = []
    if verbs:
        nearest = min(verbs, key=lambda i: (distance(i, start, end), i))
        form = ws[nearest].grammemes & _FORM
        chosen.append(predicate(nearest))
        for i in verbs:
            if i != nearest and ws[i].grammemes & _FORM == form \
                    and min(spans, key=lambda span: distance(i, *span)) == (start, end):
                chosen.append(predicate(i))
    else:
        after_term = [i for i in inside if "срок" in ws[i].lemmas and i + 1 < len(ws) and i + 1 in inside
                      and ws[i + 1].pos == "NOUN"]
        if after_term:
            chosen.append(predicate(after_term[0] + 1))
        else:
            named = [n for i in inside if i < start and ws[i].pos == "NOUN"
                     and (n := _named_action(rule, ws, i)) is not None]
            if not named:
                return None
            chosen.append(named[-1])
    covered = {i + k for i in inside for p in skip if phrase_at(p, ws, i) for k in range(len(p))}
    covered.update(i for _, words_at in chosen for i in words_at)
    objects = {ws[i].lemma for i in inside if ws[i].pos == "NOUN" and not start <= i < end and i not in covered}
    return frozenset(name for name, _ in chosen), frozenset(objects)


def _place(para: _Para) -> str:
    return para.paragraph.point or f"абзац {para.paragraph.index + 1}"


def _different_terms(act: Act, paras: list[_Para], rule: Rule) -> list[Candidate]:
    terms = [t for number, para in enumerate(paras) for t in _terms(rule, number, para)]
    by_action: dict[str, list[_Term]] = {}
    for term in terms:
        for name in sorted(term.predicates):
            by_action.setdefault(name, []).append(term)
    found = []
    for term in terms:
        others: list[_Term] = []
        for name in sorted(term.predicates):
            for o in by_action[name]:
                if o.number != term.number and o.value != term.value and o not in others \
                        and (o.objects & term.objects or not (o.objects or term.objects)):
                    others.append(o)
        if not others:
            continue
        others.sort(key=lambda o: (o.number, o.start))
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
