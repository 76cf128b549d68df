"""The act's own structure: where each paragraph is, numbered as the act numbers it.

Recognised at the start of a paragraph: «Раздел 2», «Глава 3» (also «Глава 3-1»), «Параграф 1» (or «§ 1»),
«Статья 5» (laws), points «7.», «7.1.», «7-1.», subpoints «1)» and «а)» (a letter subpoint belongs to the numbered
subpoint before it, if any), and «Приложение 1» after the body has begun. Any other paragraph continues the unit
before it: it is an абзац (the point's own paragraph is its first абзац, so the next one is «абзац 2»; under a
heading the count starts at 1). Paragraphs before the first heading or point (the title, the preamble) have no
place ("").

A label reads as the act is cited: «Глава 2, пункт 7, подпункт 3)», «Глава 2, пункт 7, абзац 2», «Статья 5,
пункт 1». Numbering that Word adds by itself (automatic lists) is not in the paragraph's text and is not seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from vakr.scan.model import ActParagraph

_HEADINGS = [  # (level, regex, label prefix)
    ("section", re.compile(r"(?:Раздел|РАЗДЕЛ)\s+(\d+(?:-\d+)?|[IVXLC]+)(?![\w-])"), "Раздел"),
    ("chapter", re.compile(r"(?:Глава|ГЛАВА)\s+(\d+(?:-\d+)?|[IVXLC]+)(?![\w-])"), "Глава"),
    ("paragraph", re.compile(r"(?:Параграф|ПАРАГРАФ|§)\s*(\d+(?:-\d+)?)(?![\w-])"), "Параграф"),
    ("article", re.compile(r"(?:Статья|СТАТЬЯ)\s+(\d+(?:-\d+)?)(?![\w-])"), "Статья"),
]
_APPENDIX = re.compile(r"(?:Приложение|ПРИЛОЖЕНИЕ)(?:\s+№?\s*(\d+(?:-\d+)?))?(?![\w-])")
# «7.», «7.1.», «7-1.» (the dot required after a single number: «7 рабочих дней» is no point), or «7.1 Текст».
_POINT = re.compile(r"(\d{1,3}(?:[.-]\d{1,3})*)\.(?=\s|$)|(\d{1,3}(?:[.-]\d{1,3})+)(?=\s)")
_SUBPOINT = re.compile(r"(\d{1,3}(?:-\d{1,3})?)\)")
_LETTER = re.compile(r"([а-яё])\)")

_LEVELS = ["appendix", "section", "chapter", "paragraph", "article", "point", "subpoint", "letter"]


@dataclass
class _State:
    labels: dict[str, str] = field(default_factory=dict)
    abzac: int = 0  # paragraphs of the innermost unit so far
    started: bool = False  # a heading or a point has been seen

    def enter(self, level: str, label: str, abzac: int) -> None:
        for lower in _LEVELS[_LEVELS.index(level):]:
            self.labels.pop(lower, None)
        self.labels[level] = label
        self.abzac = abzac
        self.started = True

    def label(self) -> str:
        return ", ".join(self.labels[level] for level in _LEVELS if level in self.labels)


def detect(paragraphs: Iterable[tuple[int, str]]) -> list[ActParagraph]:
    """Each (index, text) with its place in the act's structure; texts are kept as they are."""
    state = _State()
    found = []
    for index, text in paragraphs:
        head = text.lstrip()
        kind = _classify(head, state.started)
        if kind is None:
            if state.started:
                state.abzac += 1
                point = f"{state.label()}, абзац {state.abzac}" if state.labels else ""
            else:
                point = ""
        else:
            level, label, abzac = kind
            if level == "letter" and "subpoint" not in state.labels:
                level = "subpoint"  # «а)» directly under a point
            state.enter(level, label, abzac)
            point = state.label()
        found.append(ActParagraph(index=index, point=point, text=text))
    return found


def _classify(head: str, started: bool) -> tuple[str, str, int] | None:
    for level, regex, prefix in _HEADINGS:
        m = regex.match(head)
        if m:
            return level, f"{prefix} {m.group(1)}", 0
    if started:
        m = _APPENDIX.match(head)
        if m:
            return "appendix", f"Приложение {m.group(1)}" if m.group(1) else "Приложение", 0
    m = _POINT.match(head)
    if m:
        return "point", f"пункт {m.group(1) or m.group(2)}", 1
    m = _SUBPOINT.match(head)
    if m:
        return "subpoint", f"подпункт {m.group(1)})", 1
    m = _LETTER.match(head)
    if m:
        return "letter", f"подпункт {m.group(1)})", 1
    return None


_NUMBERING = re.compile(r"\s*(?:\d{1,3}(?:[.-]\d{1,3})*[.)]?|[а-яё]\))(?=\s|$)")


def numbering_end(text: str) -> int:
    """Where the number of a point or subpoint at the start of ``text`` («7.», «7.1.», «1)», «а)») ends; 0 if the
    paragraph does not start with one."""
    if not (_POINT.match(text.lstrip()) or _SUBPOINT.match(text.lstrip()) or _LETTER.match(text.lstrip())):
        return 0
    m = _NUMBERING.match(text)
    return m.end() if m else 0


def is_structural(text: str) -> bool:
    """Whether a paragraph opens a heading or a point (the title is looked for before the first one)."""
    return _classify(text.lstrip(), started=False) is not None


_NOT_TITLE = re.compile(r"(?:приложение|утвержден|к приказу|к постановлению|к решению|от\s+\d|№|зарегистрирован"
                        r"|согласован|проект\b|редакция)", re.IGNORECASE)


def guess_title(paragraphs: list[tuple[int, str]], preferred: Iterable[int] = ()) -> str | None:
    """The act's title: a heading-styled paragraph (``preferred`` indices) before the first heading or point, else
    the first short paragraph there that is not an approval stamp («Приложение к приказу …», «Утверждены …»)."""
    before: list[tuple[int, str]] = []
    for index, text in paragraphs:
        if is_structural(text):
            break
        before.append((index, text.strip()))
    preferred = set(preferred)
    for index, text in before:
        if index in preferred and text and len(text) <= 300:
            return text
    for _, text in before:
        if text and len(text) <= 300 and not _NOT_TITLE.match(text):
            return text
    return None
