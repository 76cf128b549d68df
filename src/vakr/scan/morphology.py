"""Words of a paragraph with their dictionary forms: razdel's tokens, pymorphy3's lemmas, sentence numbers.

Each distinct word form is analysed once (a cache shared by every paragraph and act), so an act of 2,000
paragraphs costs a few thousand analyses, not a hundred thousand. A word keeps the dictionary forms of *all* its
parses (pymorphy3 cannot tell «установленном» the adjective from the participle of «установить» without context), so
a rule's word matches whichever reading the text has. «ё» is read as «е» everywhere.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from razdel import tokenize

from vakr.evaluation.recommendations import morph_analyzer

# A sentence ends at these marks; «.» after a short lower-case word («т. д.», «п. 3», «ст. 5») is an abbreviation.
_SENTENCE_END = frozenset(".;!?")


@dataclass(frozen=True, slots=True)
class Word:
    """A word (or number) of a paragraph: where it is, its lower-case form, every dictionary form and grammeme of
    its parses, and the sentence of the paragraph it belongs to."""

    text: str
    start: int
    end: int
    lower: str
    lemma: str  # the first parse's dictionary form
    pos: str | None  # the first parse's part of speech (NOUN, VERB, INFN …)
    lemmas: frozenset[str]
    grammemes: frozenset[str]
    sentence: int


def normalise(word: str) -> str:
    return word.lower().replace("ё", "е")


@functools.lru_cache(maxsize=200_000)
def analyse(lower: str) -> tuple[str, str | None, frozenset[str], frozenset[str]]:
    """The first parse's dictionary form and part of speech, and the dictionary forms and grammemes of every parse
    of a lower-case word form (cached)."""
    parses = morph_analyzer().parse(lower)
    lemmas = frozenset(normalise(p.normal_form) for p in parses)
    grammemes: set[str] = set()
    for p in parses:
        grammemes.update(p.tag.grammemes)
    return normalise(parses[0].normal_form), parses[0].tag.POS, lemmas, frozenset(grammemes)


@functools.lru_cache(maxsize=20_000)
def lemma(word: str) -> str:
    """The dictionary form of a word as a rule writes it: the first parse's normal form («установленном» →
    «установить»; a rule may write either, both sides are read the same way)."""
    return analyse(normalise(word))[0]


def words(text: str) -> list[Word]:
    """The words of ``text`` (punctuation left out, but it ends sentences) in order."""
    found: list[Word] = []
    sentence = 0
    previous_word: str | None = None
    for token in tokenize(text):
        raw = token.text
        if not any(ch.isalnum() for ch in raw):
            if raw in _SENTENCE_END and not (raw == "." and previous_word is not None and _abbreviation(previous_word)):
                sentence += 1
            previous_word = None
            continue
        lower = normalise(raw)
        first, pos, lemmas, grammemes = analyse(lower)
        found.append(Word(raw, token.start, token.stop, lower, first, pos, lemmas, grammemes, sentence))
        previous_word = raw
    return found


def _abbreviation(word: str) -> bool:
    return len(word) <= 3 and word.isalpha() and word.islower()
