"""The act with a Word comment on each candidate (``<stem>.comments.docx``): the working group reads the act as it
is, with vakr's notes in the margin.

A DOCX act is copied as it is, except that each flagged phrase becomes its own run(s): the runs of its paragraph are
split at the quote's ends, each part keeping the run's formatting, and the comment is anchored to those runs. A TXT
or PDF act becomes a new DOCX of its paragraphs (their numbering as written) with the same comments. The comments'
author is «vakr»; they carry no date, and the package is normalised, so the same act gives the same bytes.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Sequence

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from vakr.documents.package import fixed_timestamp, normalise_package
from vakr.documents.texts import clean, metadata_text
from vakr.errors import DocumentError
from vakr.methodology.catalogue import Catalogue
from vakr.scan.model import Act, Candidate
from vakr.scan.table import AUTHOR, SCAN_DAY, factor_title, indicator_title, strength_title
from vakr.spreadsheet import MARGINS_MM

# The children of a run that carry its text, as python-docx reads ``Run.text`` (each a character or, w:t, several).
_TEXT_TAGS = frozenset(qn(t) for t in ("w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen", "w:ptab"))
_RPR = qn("w:rPr")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Runs that do not show in the paragraph's text: deleted (tracked changes), the fallback copy of alternate content,
# and the paragraphs of a text box drawn inside it.
_HIDDEN = frozenset({qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent"),
                     "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"})


def comment_text(candidate: Candidate, catalogue: Catalogue) -> str:
    """The comment of a candidate: factor and strength, the indicator, why, how to fix (one paragraph each)."""
    lines = [f"{factor_title(candidate, catalogue)} — {strength_title(candidate)}"]
    if indicator := indicator_title(candidate, catalogue):
        lines.append(f"Индикатор: {indicator}")
    if candidate.why:
        lines.append(f"Почему: {candidate.why}")
    if candidate.fix:
        lines.append(f"Как исправить: {candidate.fix}")
    return "\n".join(clean(line) for line in lines)


def commented_docx(act: Act, candidates: Sequence[Candidate], catalogue: Catalogue) -> bytes:
    """The act with a comment on each candidate, as deterministic DOCX bytes."""
    if act.kind == "docx":
        try:
            document = docx.Document(str(act.path))
        except Exception:  # noqa: BLE001 - the act was read a moment ago; any failure now is a broken file
            raise DocumentError(f"{act.path.name}: не удалось открыть документ Word, чтобы добавить комментарии") from None
        paragraphs = document.paragraphs
    else:
        document = _new_document(act)
        paragraphs = _write_paragraphs(document, act)
    for candidate in candidates:
        if not 0 <= candidate.paragraph < len(paragraphs):
            raise DocumentError(f"{act.path.name}: нет абзаца № {candidate.paragraph + 1} для комментария к"
                                f" «{candidate.quote}»")
        paragraph = paragraphs[candidate.paragraph]
        text = next((p.text for p in act.paragraphs if p.index == candidate.paragraph), paragraph.text)
        runs = _phrase_runs(paragraph, text, candidate)
        comment = document.add_comment(runs, text=comment_text(candidate, catalogue), author=AUTHOR, initials=AUTHOR)
        comment._comment_elm.date = None  # python-docx stamps the current time: none, for the same bytes
    stamp = fixed_timestamp(SCAN_DAY)
    document.core_properties.title = metadata_text(act.title)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_package(buffer.getvalue(), stamp)


# --- a new document for a TXT or PDF act --------------------------------------------------------------------


def _new_document(act: Act) -> Document:
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), "Times New Roman")
    normal.paragraph_format.space_after = Pt(6)
    return document


def _write_paragraphs(document: Document, act: Act) -> list[Paragraph]:
    """One paragraph per paragraph of the act, in order; the list is indexed by ``ActParagraph.index``."""
    by_index = {p.index: p.text for p in act.paragraphs}
    paragraphs = []
    for index in range(max(by_index, default=-1) + 1):
        paragraph = document.add_paragraph()
        text = clean(by_index.get(index, ""))
        if text:
            paragraph.add_run(text)
        paragraphs.append(paragraph)
    if act.paragraphs and act.paragraphs[0].text.strip() == act.title.strip():
        for run in paragraphs[act.paragraphs[0].index].runs:
            run.bold = True
    return paragraphs


# --- the phrase as its own runs --------------------------------------------------------------------------------


def _shown_runs(paragraph: Paragraph) -> list:
    """The runs of the paragraph whose text shows in it, in document order (also those of hyperlinks, fields and
    content controls)."""
    p = paragraph._p
    runs = []
    for r in p.iter(qn("w:r")):
        ancestor = r.getparent()
        while ancestor is not None and ancestor is not p:
            if ancestor.tag in _HIDDEN or ancestor.tag == p.tag:
                break
            ancestor = ancestor.getparent()
        else:
            runs.append(r)
    return runs


def _spans(runs: list) -> list[tuple[object, int, int]]:
    spans, pos = [], 0
    for r in runs:
        length = len(r.text)
        spans.append((r, pos, pos + length))
        pos += length
    return spans


def _piece(child: object) -> str:
    return str(child) if getattr(child, "tag", None) in _TEXT_TAGS else ""


def _keep(run: object, lo: int, hi: int | None) -> None:
    """Keep in ``run`` only its text from ``lo`` to ``hi`` (None: to the end); elements without text stay in the
    part where they stand."""
    pos = 0
    for child in list(run):  # type: ignore[call-overload]
        if child.tag == _RPR:
            continue
        piece = _piece(child)
        start, end = pos, pos + len(piece)
        pos = end
        top = end + 1 if hi is None else hi
        if not piece:
            if not lo <= start < top:
                run.remove(child)  # type: ignore[attr-defined]
            continue
        a, b = max(start, lo), min(end, top)
        if a >= b:
            run.remove(child)  # type: ignore[attr-defined]
        elif (a, b) != (start, end):  # only a w:t holds more than one character
            child.text = piece[a - start:b - start]
            child.set(_SPACE, "preserve")


def _split_at(paragraph: Paragraph, offset: int) -> None:
    """Make ``offset`` of the paragraph's text a boundary between runs (a run across it becomes two runs with the
    same formatting)."""
    for r, start, end in _spans(_shown_runs(paragraph)):
        if start < offset < end:
            second = copy.deepcopy(r)
            r.addnext(second)  # type: ignore[attr-defined]
            _keep(r, 0, offset - start)
            _keep(second, offset - start, None)
            return


def _locate(raw: str, text: str, candidate: Candidate) -> tuple[int, int] | None:
    """The quote's offsets in the paragraph's runs' text ``raw``; ``text`` is the paragraph as the reader gave it
    (the same, unless it tidied spaces or numbering): then the same occurrence of the quote is looked up in ``raw``."""
    if raw[candidate.start:candidate.end] == candidate.quote and (raw == text or raw.count(candidate.quote) == 1):
        return candidate.start, candidate.end
    words = candidate.quote.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    before = sum(1 for m in pattern.finditer(text) if m.start() < candidate.start)
    found = list(pattern.finditer(raw))
    if not found:
        found = list(re.compile(pattern.pattern, re.IGNORECASE).finditer(raw))
    if not found:
        return None
    return found[min(before, len(found) - 1)].span()


def _phrase_runs(paragraph: Paragraph, text: str, candidate: Candidate) -> list[Run]:
    """The runs that hold exactly the candidate's quote (split off as needed); the whole paragraph where the quote
    cannot be found in it."""
    raw = "".join(r.text for r in _shown_runs(paragraph))
    span = _locate(raw, text, candidate)
    if span is not None:
        start, end = span
        _split_at(paragraph, start)
        _split_at(paragraph, end)
        runs = [r for r, a, b in _spans(_shown_runs(paragraph)) if start <= a and b <= end and b > a]
    else:
        runs = [r for r, a, b in _spans(_shown_runs(paragraph)) if b > a]
    if not runs:
        return [paragraph.add_run("")]
    return [Run(r, paragraph) for r in runs]  # type: ignore[arg-type]
