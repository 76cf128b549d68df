"""What a reader of the handbook sees, checked the way a reviewer reads it: tables without raw codes of the
methodology data or file paths, one marker for every assumption of the project, Russian callout titles, and the
terms of the style note (handbook/STYLE.md) on every page, in the generated tables and in the embedded outputs.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from vakr.paths import project_root
from vakr.site import handbook

ROOT = project_root()
HANDBOOK = ROOT / "handbook"
PAGES = sorted(HANDBOOK.glob("*.qmd"))
# The page about the program: it names files and sheets on purpose.
PROGRAM_PAGES = {"guide.qmd"}
ASSUMPTION = '::: {.callout-note title="Допущение проекта"}'

RAW_CODE = re.compile(r"\b(?:npa|org|report|form|table|cf|p[1-4])\.[a-z_]+[a-z0-9_.]*\b|\bp[1-4]\.t\d")
FILE_PATH = re.compile(r"\b[\w-]+\.(?:ya?ml|xlsx|ipynb|py|qmd|docx|ics)\b|(?:^|[\s(`])(?:data|src|notebooks|shared)/")
# Calques and jargon the style note replaces (a word stem, case-insensitive).
JARGON = {
    "находк": "«выявленный риск»",
    "прогон": "«расчёт», «запуск»",
    "рабочая книга": "«книга Excel»",
    "рабочей книг": "«книга Excel»",
    "рабочую книгу": "«книга Excel»",
    "тетрад": "«блокноты»",
    "по данному направлению": "«по данному фактору», «в данной сфере»",
}
LOWER_NPA = re.compile(r"(?<![А-Яа-яЁё])нпа(?![А-Яа-яЁё])")  # «НПА» is written in capitals
LINK_TARGET = re.compile(r"\]\([^)]*\)")  # a link's target names a page of the handbook: not shown to the reader


def _cells(text: str) -> list[str]:
    return re.findall(r"```\{python\}\n(.*?)```", text, flags=re.S)


def _handbook_calls(page: Path) -> list[str]:
    """The source of every ``handbook.…(…)`` call in the page's Python cells."""
    calls = []
    for source in _cells(page.read_text(encoding="utf-8")):
        for node in ast.walk(ast.parse(source)):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "handbook"):
                calls.append(ast.unparse(node))
    return calls


@cache
def _generated(call: str) -> str:
    result = eval(call, {"handbook": handbook, "dt": dt})  # noqa: S307 - the page's own call, as Quarto runs it
    return result if isinstance(result, str) else ""


def _embedded(page: Path) -> list[tuple[str, str]]:
    """(embed, Markdown output) of every notebook cell the page embeds."""
    found = []
    for notebook, label in re.findall(r"\{\{< embed \.\./notebooks/([\w/-]+\.ipynb)#([\w-]+)", page.read_text("utf-8")):
        cells = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if f"#| label: {label}" in "".join(cell.get("source", [])):
                for output in cell.get("outputs", []):
                    text = output.get("data", {}).get("text/markdown")
                    if text:
                        found.append((f"{notebook}#{label}", "".join(text)))
    return found


def _table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.lstrip().startswith("|")]


def _reader_tables(page: Path) -> list[tuple[str, str]]:
    """(where, row) for every row of a table the reader sees on the page: written by hand, generated, embedded."""
    rows = [(page.name, row) for row in _table_rows(page.read_text(encoding="utf-8"))]
    rows += [(f"{page.name}: {call}", row) for call in _handbook_calls(page) for row in _table_rows(_generated(call))]
    rows += [(f"{page.name}: {where}", row) for where, text in _embedded(page) for row in _table_rows(text)]
    return rows


@pytest.mark.parametrize("page", [p for p in PAGES if p.name not in PROGRAM_PAGES], ids=lambda p: p.name)
def test_reader_tables_show_no_raw_codes_or_file_paths(page):
    shown = [(where, LINK_TARGET.sub("]", row).replace("\\_", "_")) for where, row in _reader_tables(page)]
    bad = [(where, row[:120]) for where, row in shown if RAW_CODE.search(row) or FILE_PATH.search(row)]
    assert bad == []


def test_the_patterns_see_codes_and_paths():
    for text in ("| `npa.legal_gap.1` |", "| org.hr.02 |", "| p1.t3.s1 |", "| data/methodology |", "| x.yaml |"):
        assert RAW_CODE.search(text) or FILE_PATH.search(text), text
    for text in ("| Управление персоналом, индикатор 2 |", "| 1.3.1 |", "| ст. 8 |", "| п. 3 ст. 85 ТК |"):
        assert not (RAW_CODE.search(text) or FILE_PATH.search(text)), text


def test_every_assumption_carries_the_same_marker():
    seen = 0
    for page in PAGES:
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            opening = re.match(r"^:::+\s*\{\.callout", line)
            if opening and re.search(r"допущ|предполож|интерпретац", line, re.I):
                assert line.strip() == ASSUMPTION, f"{page.name}:{number}: {line}"
                seen += 1
    assert seen >= 20  # the pages mark their assumptions (issue 15 listed more than twenty)


def test_callout_titles_are_russian_for_every_callout_type():
    language = yaml.safe_load((ROOT / "_language.yml").read_text(encoding="utf-8"))
    for kind in ("note", "tip", "warning", "important", "caution"):
        title = language[f"callout-{kind}-title"]  # the key Quarto 1.3+ reads
        assert re.fullmatch(r"[А-ЯЁ][а-яё ]+", title), (kind, title)
        assert language.get(f"callout-{kind}-caption", title) == title  # older Quarto: the same word
    assert language["callout-note-title"] != "Уведомление"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_terms_of_the_style_note(page):
    texts = [(page.name, page.read_text(encoding="utf-8"))]
    texts += [(call, _generated(call)) for call in _handbook_calls(page)]
    texts += _embedded(page)
    found = [(where, stem, better) for where, text in texts for stem, better in JARGON.items()
             if stem in text.lower()]
    found += [(where, "нпа", "«НПА»") for where, text in texts if LOWER_NPA.search(text)]
    assert found == []


def test_the_guide_to_the_procedure_comes_first():
    config = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    navbar = config["website"]["navbar"]["left"]
    assert [item.get("href") for item in navbar[:2]] == ["handbook/index.qmd", "handbook/procedure.qmd"]
    sidebar = config["website"]["sidebar"]["contents"]
    assert sidebar[:2] == ["handbook/index.qmd", "handbook/procedure.qmd"] or sidebar[1].get("href") == (
        "handbook/procedure.qmd")
    index = (HANDBOOK / "index.qmd").read_text(encoding="utf-8")
    assert "](procedure.qmd)" in index.split("## Как устроено пособие")[1].split("\n- ")[1]
    # the procedure stands on its own: no command of the program in it
    procedure = (HANDBOOK / "procedure.qmd").read_text(encoding="utf-8")
    assert "`vakr " not in procedure and "vakr new" not in procedure
