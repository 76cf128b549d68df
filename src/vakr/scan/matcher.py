"""The rules' little pattern language, compiled once and matched against a paragraph's words.

A pattern is a sequence of elements separated by spaces; each element matches one word (or a phrase of a word list):

* ``вправе``, ``по свой усмотрение`` — a word by its dictionary form: the rule may write any form («своему»,
  «свой»), both the rule's word and the text's word are reduced to dictionary forms by pymorphy3;
* ``выдавать|выдать|направлять`` — any of these words; ``и|а_также`` — «_» joins the words of a phrase;
* ``@official`` — any phrase of the lexicon's list ``official`` («уполномоченный орган», «комиссия» …);
* ``<INFN>`` — a word with this OpenCorpora grammeme in one of its parses (``<INFN>`` an infinitive, ``<NUMB>`` a
  number written in digits);
* ``=құқылы`` — this exact word form (for Kazakh words, which pymorphy3 cannot analyse);
* ``A&!B`` — a word matching ``A`` but not ``B`` (``<INFN>&!@duty_action``: an infinitive that is not a duty);
* ``...`` / ``...5`` — up to 3 (or 5) other words in between.

A match never crosses the end of a sentence («.», «;», «!», «?»). Punctuation inside a sentence is skipped, so
«в порядке, установленном» matches ``в порядок установить``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from vakr.evaluation.recommendations import morph_analyzer
from vakr.scan.morphology import Word, lemma, normalise

DEFAULT_GAP = 3
MAX_GAP = 12


class PatternError(ValueError):
    """A pattern or a word list that cannot be compiled; the message is Russian."""


@dataclass(frozen=True, slots=True)
class Test:
    """One word: by dictionary form, by grammeme or by exact form."""

    kind: Literal["lemma", "gram", "surface"]
    value: str

    def ok(self, word: Word) -> bool:
        if self.kind == "lemma":
            return self.value in word.lemmas
        if self.kind == "gram":
            return self.value in word.grammemes
        return word.lower == self.value


Phrase = tuple[Test, ...]


@dataclass(frozen=True, slots=True)
class Element:
    options: tuple[Phrase, ...] = ()
    excluded: tuple[Phrase, ...] = ()
    gap: int = 0  # > 0: skip up to this many words

    def lengths_at(self, words: Sequence[Word], pos: int) -> list[int]:
        """The lengths of the options that match at ``pos`` (longest first), none if an excluded phrase does."""
        if any(phrase_at(p, words, pos) for p in self.excluded):
            return []
        return sorted({len(p) for p in self.options if phrase_at(p, words, pos)}, reverse=True)


@dataclass(frozen=True, slots=True)
class Pattern:
    text: str
    elements: tuple[Element, ...]
    anchors: frozenset[str] | None  # dictionary forms one of which the first word must have, when that is all it asks

    def match_at(self, words: Sequence[Word], pos: int) -> int | None:
        """The end (exclusive) of the shortest match starting at ``pos``, or ``None``."""
        return _match(self.elements, 0, words, pos, words[pos].sentence)


def phrase_at(phrase: Phrase, words: Sequence[Word], pos: int) -> bool:
    if pos + len(phrase) > len(words):
        return False
    sentence = words[pos].sentence
    for offset, test in enumerate(phrase):
        word = words[pos + offset]
        if word.sentence != sentence or not test.ok(word):
            return False
    return True


def _match(elements: tuple[Element, ...], k: int, words: Sequence[Word], pos: int, sentence: int) -> int | None:
    if k == len(elements):
        return pos
    element = elements[k]
    if element.gap:
        for skip in range(element.gap + 1):
            at = pos + skip
            if at >= len(words) or words[at].sentence != sentence:
                return None
            end = _match(elements, k + 1, words, at, sentence)
            if end is not None:
                return end
        return None
    if pos >= len(words) or words[pos].sentence != sentence:
        return None
    for length in element.lengths_at(words, pos):
        end = _match(elements, k + 1, words, pos + length, sentence)
        if end is not None:
            return end
    return None


# --- compiling ----------------------------------------------------------------------------------------------

_GAP = re.compile(r"\.\.\.(\d+)?")


@functools.lru_cache(maxsize=1)
def _known_grammemes() -> frozenset[str]:
    return frozenset(morph_analyzer().TagClass.KNOWN_GRAMMEMES)


def compile_word(text: str) -> Test:
    """One word of a pattern or of a list: ``=form``, ``<GRAM>`` or a word reduced to its dictionary form."""
    if text.startswith("="):
        if len(text) == 1:
            raise PatternError("после «=» нужно слово")
        return Test("surface", normalise(text[1:]))
    if text.startswith("<") and text.endswith(">"):
        gram = text[1:-1]
        if gram not in _known_grammemes():
            raise PatternError(f"неизвестная граммема <{gram}> (граммемы OpenCorpora: INFN, VERB, NOUN, NUMB …)")
        return Test("gram", gram)
    if not text or not any(ch.isalnum() for ch in text) or any(ch in text for ch in "@|&!<>_"):
        raise PatternError(f"«{text}» — не слово")
    return Test("lemma", lemma(text))


def compile_phrase(text: str) -> Phrase:
    """A phrase of a word list: words separated by spaces («уполномоченный орган»)."""
    parts = text.split()
    if not parts:
        raise PatternError("пустая фраза")
    return tuple(compile_word(part) for part in parts)


def compile_list(items: Sequence[str]) -> tuple[Phrase, ...]:
    return tuple(compile_phrase(item) for item in items)


def compile_alternatives(text: str, lists: Mapping[str, tuple[Phrase, ...]]) -> tuple[Phrase, ...]:
    """``a|b|@list`` → the phrases it allows."""
    phrases: list[Phrase] = []
    for alt in text.split("|"):
        if alt.startswith("@"):
            name = alt[1:]
            if name not in lists:
                known = ", ".join(f"@{n}" for n in sorted(lists)) or "—"
                raise PatternError(f"неизвестный список слов {alt} (есть: {known})")
            phrases.extend(lists[name])
        else:
            phrases.append(tuple(compile_word(word) for word in alt.split("_")))
    return tuple(phrases)


def compile_words(items: Sequence[str], lists: Mapping[str, tuple[Phrase, ...]]) -> tuple[Phrase, ...]:
    """A condition's words: phrases («настоящий правило») or lists («@reference»)."""
    phrases: list[Phrase] = []
    for item in items:
        if item.startswith("@"):
            phrases.extend(compile_alternatives(item, lists))
        else:
            phrases.append(compile_phrase(item))
    return tuple(phrases)


def compile_pattern(text: str, lists: Mapping[str, tuple[Phrase, ...]]) -> Pattern:
    elements: list[Element] = []
    for part in text.split():
        gap = _GAP.fullmatch(part)
        if gap:
            size = int(gap.group(1)) if gap.group(1) else DEFAULT_GAP
            if not 1 <= size <= MAX_GAP:
                raise PatternError(f"пропуск «{part}»: допускается от 1 до {MAX_GAP} слов")
            elements.append(Element(gap=size))
            continue
        wanted, _, unwanted = part.partition("&!")
        if not wanted:
            raise PatternError(f"«{part}»: перед «&!» нужно слово")
        excluded = compile_alternatives(unwanted, lists) if unwanted else ()
        elements.append(Element(options=compile_alternatives(wanted, lists), excluded=excluded))
    if not elements:
        raise PatternError("пустой шаблон")
    if elements[0].gap or elements[-1].gap:
        raise PatternError("шаблон не может начинаться или заканчиваться пропуском «...»")
    first = elements[0]
    anchors: frozenset[str] | None = None
    if all(p[0].kind == "lemma" for p in first.options):
        anchors = frozenset(p[0].value for p in first.options)
    return Pattern(text, tuple(elements), anchors)


def find_phrase(phrases: Sequence[Phrase], words: Sequence[Word], lo: int, hi: int, sentence: int | None = None) -> bool:
    """Whether one of ``phrases`` starts at a position in ``[lo, hi)`` (within ``sentence`` if given)."""
    lo, hi = max(lo, 0), min(hi, len(words))
    for pos in range(lo, hi):
        if sentence is not None and words[pos].sentence != sentence:
            continue
        if any(phrase_at(p, words, pos) for p in phrases):
            return True
    return False
