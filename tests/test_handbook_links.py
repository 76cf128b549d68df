"""Where the links to the source notebooks of the handbook land, checked without Quarto.

For every ``{{< embed NOTEBOOK#LABEL >}}`` of a page Quarto writes links to the notebook; this module derives them
from the site configuration (and the page's front matter) and checks that each lands on something that exists.

What Quarto writes (its documentation, «Embedding from Other Documents» → «Links to Source Notebooks»):

- ``notebook-links``: ``true`` (default) — "Display links to source notebooks inline below the embedded content, and
  alongside the table of contents"; ``false`` — "Do not display any links to source notebooks"; ``inline`` — "Display
  only the links inline below the embedded content"; ``global`` — "Display only the links alongside the table of
  contents".
- ``notebook-view``: by default the link goes to "an automatically generated HTML render of the notebook" (the
  preview page; Quarto 1.10 writes ``notebooks/NAME-preview.html`` next to ``notebooks/NAME.ipynb``); a ``url``
  given for a notebook "will be used as the href of any links to the source notebook"; ``false`` links "directly to
  the notebook".

How the link under an embedded cell and the anchors of the preview page are named (Quarto's source, confirmed by a
real render with Quarto 1.10, where ``org-hr.html`` linked ``../notebooks/checklist-preview.html#cell-tbl-risks-hr``
and the preview page had ``id="tbl-risks-hr"``):

- the inline link is ``PREVIEW#ID`` with the embedded cell's id: ``cell-LABEL`` for a labelled cell, else the
  cell's Jupyter ``id``, else ``cell-INDEX`` (``jupyterCellWithOptions`` in ``src/core/jupyter/jupyter.ts``); the
  links alongside the table of contents carry no ``#`` fragment;
- on the preview page a cell's ``div`` gets the LABEL itself when Quarto labels the cell container — a ``tbl-``
  label, no display output, or several display outputs without a list of captions — and its cell id otherwise; a
  single display output (a figure) then carries the LABEL (``shouldLabelCellContainer`` in
  ``src/core/jupyter/labels.ts``). So ``#cell-tbl-…`` has no target, while ``#cell-fig-…`` has one.
"""

from __future__ import annotations

import json
import posixpath
import re
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml

from vakr.paths import project_root

ROOT = project_root()
HANDBOOK = ROOT / "handbook"
CONFIG = ROOT / "_quarto.yml"
PAGES = sorted(p.name for p in HANDBOOK.glob("*.qmd"))

EMBED_RE = re.compile(r"\{\{<\s*embed\s+(?P<path>[^\s#>]+)#(?P<label>[^\s>]+)(?P<options>[^>]*)>\}\}")
NOTEBOOK_LINKS_VALUES = (True, False, "inline", "global")
DISPLAY_OUTPUTS = ("display_data", "execute_result")
PREVIEW_SUFFIX = "-preview.html"


# --- the configuration -------------------------------------------------------------------------------------------


def front_matter(text: str) -> dict:
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


@cache
def page_text(page: str) -> str:
    return (HANDBOOK / page).read_text(encoding="utf-8")


def setting(page: str, key: str, default):
    """The value Quarto uses on a page: the project's, then the page's own; `format: html:` over the top level."""
    value = default
    for layer in (yaml.safe_load(CONFIG.read_text(encoding="utf-8")), front_matter(page_text(page))):
        if key in layer:
            value = layer[key]
        html = (layer.get("format") or {}).get("html") if isinstance(layer.get("format"), dict) else None
        if isinstance(html, dict) and key in html:
            value = html[key]
    return value


def notebook_links(page: str):
    return setting(page, "notebook-links", True)


def notebook_view(page: str):
    return setting(page, "notebook-view", True)


def view_descriptor(page: str, path: str) -> dict:
    view = notebook_view(page)
    if isinstance(view, bool):
        return {}
    views = view if isinstance(view, list) else [view]
    found: dict = {}
    for item in views:
        if item.get("notebook") == path:
            found.update(item)
    return found


def embeds() -> list[tuple[str, str, str]]:
    return [(p, m.group("path"), m.group("label")) for p in PAGES for m in EMBED_RE.finditer(page_text(p))]


# --- the notebooks -----------------------------------------------------------------------------------------------


@cache
def notebook_cells(notebook: Path) -> tuple[dict, ...]:
    return tuple(json.loads(notebook.read_text(encoding="utf-8")).get("cells", []))


def cell_options(cell: dict) -> dict:
    """The `#|` options at the top of a code cell."""
    lines = "".join(cell.get("source", [])).splitlines()
    options = []
    for line in lines:
        if not line.startswith("#|"):
            break
        options.append(line[2:].removeprefix(" "))
    loaded = yaml.safe_load("\n".join(options)) if options else None
    return loaded if isinstance(loaded, dict) else {}


def quarto_cell_id(index: int, cell: dict) -> str:
    """The id Quarto gives a notebook cell: `cell-LABEL`, else the Jupyter cell id, else `cell-INDEX`."""
    label = cell_options(cell).get("label")
    if isinstance(label, str) and label:
        return f"cell-{label}"
    return cell.get("id") or f"cell-{index}"


def embedded_cell(notebook: Path, label: str) -> tuple[int, dict]:
    """The cell an embed picks: by Jupyter cell id, then by `#| label:`, then by tag (Quarto's documented order)."""
    cells = list(enumerate(notebook_cells(notebook)))
    code = [(i, c) for i, c in cells if c.get("cell_type") == "code"]
    for rule in (
        lambda c: c.get("id") == label,
        lambda c: cell_options(c).get("label") == label,
        lambda c: label in c.get("metadata", {}).get("tags", []),
    ):
        for index, cell in code:
            if rule(cell):
                return index, cell
    raise AssertionError(f"в {notebook.name} нет ячейки {label}")


def labels_cell_container(cell: dict) -> bool:
    """Quarto puts the label on the cell's div (not on its single output) — `shouldLabelCellContainer`."""
    options = cell_options(cell)
    if options.get("include") is False or options.get("output") is False:
        return True
    displays = [o for o in cell.get("outputs", []) if o.get("output_type") in DISPLAY_OUTPUTS]
    if not displays:
        return True
    if len(displays) > 1 and not isinstance(options.get("fig-cap"), list):
        return True
    return str(options.get("label", "")).startswith("tbl-")


@cache
def preview_anchors(notebook: Path) -> frozenset[str]:
    """The ids the cells of a notebook get on its preview page."""
    anchors: set[str] = set()
    for index, cell in enumerate(notebook_cells(notebook)):
        if cell.get("cell_type") != "code":
            anchors.add(quarto_cell_id(index, cell))  # markdown and raw cells keep their envelope with the id
            continue
        options = cell_options(cell)
        if options.get("include") is False:
            continue
        label = options.get("label")
        if isinstance(label, str) and label and labels_cell_container(cell):
            anchors.add(label)
            displays = [o for o in cell.get("outputs", []) if o.get("output_type") in DISPLAY_OUTPUTS]
            if len(displays) > 1 and not label.startswith("tbl-"):
                anchors.update(f"{label}-{n}" for n in range(1, len(displays) + 1))
        else:
            anchors.add(quarto_cell_id(index, cell))
            if isinstance(label, str) and label:
                anchors.add(label)  # the single output (the figure) carries the label
    return frozenset(anchors)


def preview_href(path: str) -> str:
    """The preview page of a notebook, relative to the page that embeds it."""
    directory, name = posixpath.split(path)
    return posixpath.join(directory, Path(name).stem + PREVIEW_SUFFIX)


# --- the links Quarto writes -------------------------------------------------------------------------------------


def notebook_href(page: str, path: str) -> str:
    """Where any link to the notebook goes, before a cell's #fragment."""
    descriptor = view_descriptor(page, path)
    if descriptor.get("url"):
        return descriptor["url"]
    if notebook_view(page) is False:
        return path
    return preview_href(path)


def inline_links(page: str, path: str, label: str) -> list[str]:
    """The link Quarto writes under the embedded cell (none, or one)."""
    if notebook_links(page) not in (True, "inline"):
        return []
    href = notebook_href(page, path)
    if notebook_view(page) is False:
        return [href]  # a download link to the .ipynb: no fragment
    index, cell = embedded_cell((HANDBOOK / path).resolve(), label)
    return [f"{href}#{quarto_cell_id(index, cell)}"]


def global_links(page: str) -> list[str]:
    """The links Quarto lists beside the table of contents: one per embedded notebook, without a fragment."""
    if notebook_links(page) not in (True, "global"):
        return []
    paths = dict.fromkeys(m.group("path") for m in EMBED_RE.finditer(page_text(page)))
    return [notebook_href(page, path) for path in paths]


def assert_lands(page: str, href: str) -> None:
    """The link of a handbook page reaches a file the site will have and, if it has a #fragment, an anchor on it."""
    assert not re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I), (
        f"{page}: ссылка на блокнот ведёт за пределы сайта ({href}) — её якорь здесь не проверить"
    )
    target, _, fragment = href.partition("#")
    file = (HANDBOOK / target).resolve()
    if file.name.endswith(PREVIEW_SUFFIX):
        notebook = file.with_name(file.name.removesuffix(PREVIEW_SUFFIX) + ".ipynb")
        assert notebook.is_file(), f"{page}: ссылка {href} — нет блокнота {notebook.name}, из которого строится страница"
        if fragment:
            anchors = preview_anchors(notebook)
            assert fragment in anchors, (
                f"{page}: ссылка {href} ведёт на несуществующий якорь: на странице блокнота {notebook.name} у ячеек "
                f"есть id {sorted(a for a in anchors if fragment.removeprefix('cell-') in a) or '…'}"
            )
    else:
        assert file.is_file(), f"{page}: ссылка {href} ведёт на несуществующий файл"
        assert not fragment, f"{page}: ссылка {href} с якорем на файл, у которого якорей нет"


# --- tests -------------------------------------------------------------------------------------------------------


def test_there_are_embeds_to_check():
    assert len(embeds()) >= 40


@pytest.mark.parametrize("page", PAGES)
def test_notebook_link_settings_have_documented_values(page):
    links = notebook_links(page)
    assert isinstance(links, bool) or links in NOTEBOOK_LINKS_VALUES, (
        f"{page}: notebook-links: {links!r} — у Quarto только true, false, inline, global"
    )
    view = notebook_view(page)
    if not isinstance(view, bool):
        for item in view if isinstance(view, list) else [view]:
            assert isinstance(item, dict) and item.get("notebook"), f"{page}: notebook-view без notebook: {item!r}"
            assert set(item) <= {"notebook", "title", "url", "download-url"}, f"{page}: notebook-view: {item!r}"


@pytest.mark.parametrize("page, path, label", embeds(), ids=[f"{p}#{lbl}" for p, _, lbl in embeds()])
def test_the_source_link_under_an_embedded_cell_lands_on_an_anchor(page, path, label):
    for href in inline_links(page, path, label):
        assert_lands(page, href)


@pytest.mark.parametrize("page", sorted({p for p, _, _ in embeds()}))
def test_a_page_with_embeds_links_its_notebooks_and_the_links_land(page):
    links = global_links(page) + [h for p, path, label in embeds() if p == page for h in inline_links(p, path, label)]
    assert links, f"{page}: встроенные ячейки есть, а ссылок на их блокноты нет (notebook-links: false?)"
    for href in links:
        assert_lands(page, href)


def test_the_derivation_reproduces_the_render_it_was_taken_from(monkeypatch):
    """With Quarto's defaults the derived links are those of the real render: dead under tables, live under figures."""
    monkeypatch.setattr(sys.modules[__name__], "setting", lambda page, key, default: default)
    checklist = (HANDBOOK / "../notebooks/checklist.ipynb").resolve()
    assert inline_links("org-hr.qmd", "../notebooks/checklist.ipynb", "tbl-risks-hr") == [
        "../notebooks/checklist-preview.html#cell-tbl-risks-hr"
    ]
    assert "tbl-risks-hr" in preview_anchors(checklist)
    assert "cell-tbl-risks-hr" not in preview_anchors(checklist)
    with pytest.raises(AssertionError, match="несуществующий якорь"):
        assert_lands("org-hr.qmd", "../notebooks/checklist-preview.html#cell-tbl-risks-hr")
    [figure_link] = inline_links("risk-assessment.qmd", "../notebooks/checklist.ipynb", "fig-heatmap")
    assert figure_link == "../notebooks/checklist-preview.html#cell-fig-heatmap"
    assert_lands("risk-assessment.qmd", figure_link)
