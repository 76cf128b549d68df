"""The scanner's data: an act read from a file, its paragraphs, and the candidates the rules found."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ActParagraph:
    """One paragraph of an act.

    ``index`` is the paragraph's order in the act, 0-based; for DOCX it is the index among the document's body
    paragraphs (``doc.paragraphs``, tables' cells excluded), so a commenter can find the paragraph again.
    ``point`` is the act's own numbering as written («Глава 2, пункт 7, подпункт 3)»), "" if none.
    """

    index: int
    point: str
    text: str


@dataclass(frozen=True)
class Act:
    """An act read by :func:`vakr.scan.reader.read_act`."""

    path: Path
    title: str  # the act's title (first heading-like paragraph) or the file name
    paragraphs: list[ActParagraph]
    kind: str  # "docx" | "txt" | "pdf"


@dataclass(frozen=True)
class Candidate:
    """A place in an act that a rule marks as a possible corruption factor — for the working group to check."""

    act: str  # the act's file name
    paragraph: int  # ActParagraph.index
    point: str  # ActParagraph.point
    quote: str  # the matched words exactly as in the text
    start: int  # character offsets of the quote in ActParagraph.text
    end: int
    factor: str  # npa factor code
    indicator: str | None  # indicator code of the catalogue, if the rule names one
    rule: str  # the rule's code
    strength: str  # "strong" | "possible"
    why: str  # why it may be a factor (Russian, from the rule's data)
    fix: str  # suggested wording of the fix (Russian, from the rule's data)
