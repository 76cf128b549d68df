"""The Quarto handbook without Quarto: the site configuration, every page's front matter, Markdown, embeds,
cross-references, links and Python cells; and, when `quarto` is installed, a full render into a temporary folder.

Quarto-specific syntax is handled the way Quarto does before pandoc sees it: executable cells (```` ```{python} ````)
become ordinary code blocks; shortcodes (``{{< embed … >}}``) are plain text to pandoc.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml

from vakr.paths import project_root
from vakr.site import handbook

pypandoc = pytest.importorskip("pypandoc")

ROOT = project_root()
HANDBOOK = ROOT / "handbook"
NOTEBOOKS = ROOT / "notebooks"
CONFIG = ROOT / "_quarto.yml"
WORKFLOW = ROOT / ".github" / "workflows" / "handbook.yml"

PAGES = sorted(HANDBOOK.glob("*.qmd"))
PAGE_IDS = [p.name for p in PAGES]

# The cells the notebooks provide (notebook → labels) and where each NPA factor / report section is embedded.
EXPECTED_EMBEDS = {
    "schedule.ipynb": {"tbl-schedule", "fig-timeline", "tbl-periodic-duties"},
    "checklist.ipynb": {
        "tbl-risks-npa-legal-gap", "tbl-risks-npa-collision", "tbl-risks-npa-linguistic-uncertainty",
        "tbl-risks-npa-discretion", "tbl-risks-npa-right-not-duty", "tbl-risks-npa-excessive-requirements",
        "tbl-risks-npa-admin-barriers", "tbl-risks-npa-improper-functions",
        "tbl-risks-hr", "tbl-risks-coi", "tbl-risks-public-services", "tbl-risks-permits", "tbl-risks-control",
        "tbl-risks-budget", "tbl-risks-contracts", "tbl-risks-it", "tbl-risks-other",
        "tbl-ranking", "tbl-counts-section", "tbl-counts-band", "fig-heatmap", "fig-risks-by-area",
    },
    "report.ipynb": {"tbl-report-intro", "tbl-report-summary"},
    "plan.ipynb": {"tbl-plan"},
    "positions.ipynb": {"tbl-positions", "tbl-functions"},
    "monitoring.ipynb": {"tbl-monitoring-plan", "tbl-monitoring-summary", "tbl-monitoring-units",
                         "fig-monitoring-timeline", "tbl-monitoring-duties"},
    "project2.ipynb": {"tbl-p2-violations", "tbl-p2-records"},
    "project3.ipynb": {"tbl-p3-documents", "tbl-p3-duties", "tbl-p3-iso"},
    "project4.ipynb": {"tbl-p4-kpis", "fig-p4-events", "tbl-p4-duties"},
    "scan.ipynb": {"tbl-scan-candidates"},
    "region.ipynb": {"tbl-region-ranking", "fig-region-heatmap-areas", "fig-region-heatmap-factors", "tbl-region-groups",
                     "fig-region-heatmap-groups", "tbl-region-systemic", "tbl-region-plan", "tbl-region-deadlines"},
}
SECTION_LABELS = {
    "report.s1": "tbl-risks-hr",
    "report.s2": "tbl-risks-coi",
    "report.s3": "tbl-risks-public-services",
    "report.s4": "tbl-risks-permits",
    "report.s5": "tbl-risks-control",
    "report.s6": "tbl-risks-budget",
    "report.s7": "tbl-risks-contracts",
    "report.s8": "tbl-risks-it",
    "report.s9": "tbl-risks-other",
}

CELL_RE = re.compile(r"^```\{python\}[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)
EMBED_RE = re.compile(r"\{\{<\s*embed\s+(?P<path>[^\s#>]+)#(?P<label>[^\s>]+)(?P<options>[^>]*)>\}\}")
SHORTCODE_RE = re.compile(r"\{\{<\s*(?P<name>[\w-]+)")
CROSSREF_RE = re.compile(r"(?<![\w.@-])-?@(?P<id>(?:fig|tbl|sec)-[\w-]+)")
ID_RE = re.compile(r"\{#(?P<id>[\w-]+)[^}]*\}")
LINK_RE = re.compile(r"\]\((?P<target>[^)\s]+)\)")
PLACEHOLDER_RE = re.compile(r"\bTODO\b|\bTBD\b|\bFIXME\b|lorem|ipsum|заглушк|в разработке|…|\.\.\.", re.I)


# --- helpers -------------------------------------------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[dict, str]:
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    assert match, "нет YAML-шапки (--- в начале файла)"
    meta = yaml.safe_load(match.group(1))
    assert isinstance(meta, dict), "YAML-шапка не является словарём"
    return meta, text[match.end():]


def cells(text: str) -> list[tuple[dict, str]]:
    """(options, code) of every executable Python cell of a page."""
    found = []
    for match in CELL_RE.finditer(text):
        body = match.group(1)
        option_lines = [line[3:] for line in body.splitlines() if line.startswith("#| ")]
        options = yaml.safe_load("\n".join(option_lines)) or {}
        code = "\n".join(line for line in body.splitlines() if not line.startswith("#|"))
        found.append((options, code))
    return found


def prose(text: str) -> str:
    """The page without its front matter and its code cells."""
    _, body = split_front_matter(text)
    return CELL_RE.sub("", body)


def for_pandoc(text: str) -> str:
    """What Quarto hands to pandoc, near enough: executable cells as plain code blocks."""
    return re.sub(r"^```\{python\}", "```{.python}", text, flags=re.M)


@cache
def page_text(name: str) -> str:
    return (HANDBOOK / name).read_text(encoding="utf-8")


@cache
def generated(name: str) -> tuple[str, ...]:
    """Run the Python cells of a page in a fresh namespace, in order; the Markdown of each output cell."""
    from IPython.display import Markdown

    namespace: dict = {"__name__": f"handbook_page_{name}"}
    outputs = []
    cwd = os.getcwd()
    os.chdir(HANDBOOK)  # Quarto executes a page in its own folder
    try:
        for options, code in cells(page_text(name)):
            tree = ast.parse(code)
            if options.get("output") == "asis":
                *before, last = tree.body
                exec(compile(ast.Module(before, []), name, "exec"), namespace)
                value = eval(compile(ast.Expression(last.value), name, "eval"), namespace)
                assert isinstance(value, Markdown), f"{name}: ячейка должна вернуть Markdown, а не {type(value)}"
                outputs.append(value.data)
            else:
                exec(compile(tree, name, "exec"), namespace)
    finally:
        os.chdir(cwd)
    return tuple(outputs)


def explicit_ids(text: str) -> list[str]:
    return [m.group("id") for m in ID_RE.finditer(prose(text))]


def quarto_config() -> dict:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


def config_files(node) -> list[str]:
    """Every local file named in the site configuration (render list, navigation, css)."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("href", "css", "file", "language") and isinstance(value, str):
                found.append(value)
            else:
                found.extend(config_files(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(config_files(value))
    elif isinstance(node, str) and re.search(r"\.(qmd|ipynb|md|css)$", node):
        found.append(node)
    return found


def notebook_cell(notebook: Path, label: str) -> dict | None:
    """The cell Quarto's embed finds: by cell id, then by `#| label:`, then by tag."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    code_cells = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    for cell in code_cells:
        if cell.get("id") == label:
            return cell
    for cell in code_cells:
        source = "".join(cell.get("source", []))
        if re.search(rf"^#\|\s*label:\s*['\"]?{re.escape(label)}['\"]?\s*$", source, re.M):
            return cell
    for cell in code_cells:
        if label in cell.get("metadata", {}).get("tags", []):
            return cell
    return None


# --- the site configuration ----------------------------------------------------------------------------------------


def test_config_is_a_russian_website_rendering_only_the_handbook():
    config = quarto_config()
    assert config["project"]["type"] == "website"
    assert config["project"]["output-dir"] == "_site"
    assert config["lang"] == "ru"
    assert config["execute"]["freeze"] == "auto"
    assert config["website"]["search"]
    render = config["project"]["render"]
    assert all(item.startswith("handbook/") and item.endswith(".qmd") for item in render)


def test_language_overrides_are_russian_strings():
    assert quarto_config()["language"] == "_language.yml"
    overrides = yaml.safe_load((ROOT / "_language.yml").read_text(encoding="utf-8"))
    assert overrides["related-notebooks-title"] == "Блокноты"  # English in Quarto's own Russian file
    assert all(isinstance(v, str) and re.search("[а-яё]", v) for v in overrides.values())


def test_every_file_named_in_the_config_exists():
    missing = sorted({f for f in config_files(quarto_config()) if not (ROOT / f).is_file()})
    assert not missing, f"в _quarto.yml названы несуществующие файлы: {missing}"


def test_every_page_is_rendered_and_in_the_sidebar():
    config = quarto_config()
    pages = {f"handbook/{p.name}" for p in PAGES}
    assert set(config["project"]["render"]) == pages
    assert len(config["project"]["render"]) == len(pages), "страница указана в render дважды"
    sidebar = set(config_files(config["website"]["sidebar"]))
    assert pages <= sidebar, f"нет в боковом меню: {sorted(pages - sidebar)}"


def test_navbar_covers_the_four_projects_and_two_directions():
    navbar = quarto_config()["website"]["navbar"]
    linked = set(config_files(navbar))
    for page in ("vakr.qmd", "project2.qmd", "project3.qmd", "project4.qmd", "npa-factors.qmd", "org-areas.qmd"):
        assert f"handbook/{page}" in linked


def test_home_page_redirects_the_site_root():
    meta, _ = split_front_matter(page_text("index.qmd"))
    assert "/index.html" in meta.get("aliases", [])


# --- every page ----------------------------------------------------------------------------------------------------


def test_there_are_pages():
    assert len(PAGES) >= 20


@pytest.mark.parametrize("page", PAGE_IDS)
def test_front_matter_has_a_title(page):
    meta, body = split_front_matter(page_text(page))
    assert isinstance(meta.get("title"), str) and meta["title"].strip()
    assert body.strip()


@pytest.mark.parametrize("page", PAGE_IDS)
def test_pandoc_reads_the_page_without_warnings(page):
    text = page_text(page)
    out = pypandoc.convert_text(for_pandoc(text), "json", format="markdown", extra_args=["--fail-if-warnings"])
    blocks = json.loads(out)["blocks"]
    code_blocks = [b for b in blocks if b["t"] == "CodeBlock" and "python" in b["c"][0][1]]
    assert len(code_blocks) == len(cells(text)), "ячейка Python не распознана как блок кода"
    shortcodes = {m.group("name") for m in SHORTCODE_RE.finditer(text)}
    assert shortcodes <= {"embed"}, f"неожиданные шорткоды: {shortcodes}"


@pytest.mark.parametrize("page", PAGE_IDS)
def test_generated_markdown_reads_without_warnings(page):
    for md in generated(page):
        pypandoc.convert_text(md, "json", format="markdown", extra_args=["--fail-if-warnings"])


@pytest.mark.parametrize("page", PAGE_IDS)
def test_no_placeholder_text(page):
    for where, text in [("страница", prose(page_text(page))), *[("вывод ячейки", md) for md in generated(page)]]:
        match = PLACEHOLDER_RE.search(text)
        assert not match, f"{page} ({where}): текст-заглушка «{match.group(0)}»"


@pytest.mark.parametrize("page", PAGE_IDS)
def test_python_cells_run_and_keep_logic_out_of_the_page(page):
    page_cells = cells(page_text(page))
    outputs = generated(page)
    asis = [(o, c) for o, c in page_cells if o.get("output") == "asis"]
    assert len(outputs) == len(asis)
    assert all(md.strip() for md in outputs), f"{page}: пустой вывод ячейки"
    for options, code in page_cells:
        tree = ast.parse(code)
        if options.get("output") == "asis":
            # one call per cell: Markdown(handbook.<function>(literal arguments))
            assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr), code
            call = tree.body[0].value
            assert isinstance(call, ast.Call) and getattr(call.func, "id", None) == "Markdown", code
            (inner,) = call.args
            assert isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute), code
            assert getattr(inner.func.value, "id", None) == "handbook", code
            assert inner.func.attr in handbook.__all__, code
        else:
            assert options.get("include") is False, f"{page}: служебная ячейка должна быть include: false"
            assert all(isinstance(node, (ast.Import, ast.ImportFrom)) for node in tree.body), code


def test_every_page_with_generated_tables_has_them():
    with_cells = [p for p in PAGE_IDS if cells(page_text(p))]
    assert len(with_cells) >= 15
    assert sum(len(generated(p)) for p in with_cells) >= 50


# --- headings, links and cross-references --------------------------------------------------------------------------


def test_section_ids_are_unique_across_the_handbook():
    seen: dict[str, str] = {}
    for page in PAGE_IDS:
        for ident in explicit_ids(page_text(page)):
            assert ident not in seen, f"id {ident} есть и в {seen[ident]}, и в {page}"
            seen[ident] = page


def test_every_factor_and_area_has_its_section(catalogue):
    for group in catalogue.indicator_groups():
        page = group.handbook_page
        assert (HANDBOOK / page).is_file(), page
        assert handbook.section_id(group.code) in explicit_ids(page_text(page)), f"{group.code}: нет раздела в {page}"


@pytest.mark.parametrize("page", PAGE_IDS)
def test_links_point_to_existing_pages_and_sections(page):
    texts = [prose(page_text(page)), *generated(page)]
    for text in texts:
        for match in LINK_RE.finditer(text):
            target = match.group("target")
            if re.match(r"^(https?:|mailto:)", target):
                continue
            file, _, anchor = target.partition("#")
            if file.endswith(".png"):  # a picture: the file is in the repository, not a tiny placeholder
                assert (HANDBOOK / file).is_file() and (HANDBOOK / file).stat().st_size > 10_000, f"{page}: {file}"
                continue
            target_page = file or page
            assert file == "" or file.endswith(".qmd"), f"{page}: ссылка не на страницу пособия: {target}"
            assert (HANDBOOK / target_page).is_file(), f"{page}: нет страницы {target_page}"
            if anchor:
                assert anchor in explicit_ids(page_text(target_page)), f"{page}: нет раздела #{anchor} в {target_page}"


@pytest.mark.parametrize("page", PAGE_IDS)
def test_cross_references_have_a_target_on_the_same_page(page):
    # In a Quarto website (unlike a book) cross-references resolve only within a page.
    text = prose(page_text(page))
    targets = set(explicit_ids(page_text(page)))
    targets |= {m.group("label") for m in EMBED_RE.finditer(text)}
    for options, _ in cells(page_text(page)):
        if options.get("label"):
            targets.add(options["label"])
    for match in CROSSREF_RE.finditer(text):
        assert match.group("id") in targets, f"{page}: ссылка @{match.group('id')} без цели на странице"


# --- embeds -------------------------------------------------------------------------------------------------------


def embeds() -> list[tuple[str, str, str]]:
    return [(p, m.group("path"), m.group("label")) for p in PAGE_IDS for m in EMBED_RE.finditer(page_text(p))]


def test_every_expected_notebook_cell_is_embedded():
    used: dict[str, set[str]] = {}
    for _page, path, label in embeds():
        assert path.startswith("../notebooks/"), path
        used.setdefault(Path(path).name, set()).add(label)
    assert used == EXPECTED_EMBEDS


def test_no_cell_is_embedded_twice_on_a_page():
    for page in PAGE_IDS:
        labels = [m.group("label") for m in EMBED_RE.finditer(page_text(page))]
        assert len(labels) == len(set(labels)), f"{page}: одна ячейка встроена дважды"


def test_each_factor_and_area_shows_its_findings(catalogue):
    text = page_text("npa-factors.qmd")
    for factor in catalogue.npa_factors:
        start = text.index("{#" + handbook.section_id(factor.code) + "}")
        end = text.find("\n## ", start)
        section = text[start:end if end != -1 else None]
        label = "tbl-risks-" + handbook.section_id(factor.code).removeprefix("sec-")
        found = [m.group("label") for m in EMBED_RE.finditer(section)]
        assert found == [label], f"{factor.code}: ожидается одно встраивание {label}, найдено {found}"
    for area in catalogue.org_areas:
        page = area.handbook_page
        labels = {m.group("label") for m in EMBED_RE.finditer(page_text(page))}
        assert SECTION_LABELS[area.report_section] in labels, f"{area.code}: нет таблицы находок на {page}"


@pytest.mark.parametrize("page, path, label", embeds(), ids=[f"{p}#{lbl}" for p, _, lbl in embeds()])
def test_embedded_cell_exists_and_has_stored_outputs(page, path, label):
    notebook = (HANDBOOK / path).resolve()
    assert notebook.is_file(), f"{page}: нет тетради {path} (её создаёт `make notebooks`)"
    cell = notebook_cell(notebook, label)
    assert cell is not None, f"{page}: в {notebook.name} нет ячейки {label}"
    outputs = cell.get("outputs", [])
    assert outputs, f"{notebook.name}#{label}: нет сохранённых результатов — выполните `make notebooks`"
    mimes = {m for o in outputs for m in o.get("data", {})} | {o.get("output_type") for o in outputs}
    assert "error" not in mimes, f"{notebook.name}#{label}: ячейка завершилась ошибкой"
    if label.startswith("fig-"):
        assert mimes & {"image/png", "image/svg+xml"}, f"{notebook.name}#{label}: нет изображения"
    source = "".join(cell.get("source", []))
    cap = "fig-cap" if label.startswith("fig-") else "tbl-cap"
    assert re.search(rf"^#\|\s*{cap}:", source, re.M), f"{notebook.name}#{label}: нет подписи {cap}"


# --- the publishing workflow ---------------------------------------------------------------------------------------


def test_workflow_builds_notebooks_renders_and_publishes():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    commands = "\n".join(step.get("run", "") for step in steps)
    uses = [step.get("uses", "") for step in steps]
    assert "make notebooks" in commands
    assert "quarto render" in commands
    assert commands.index("make notebooks") < commands.index("quarto render")
    assert any(u.startswith("quarto-dev/quarto-actions/setup@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


# --- a real render, when Quarto is installed -----------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("quarto") is None, reason="Quarto не установлен: полная сборка сайта пропущена")
def test_quarto_renders_the_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(CONFIG, site / "_quarto.yml")
    shutil.copytree(HANDBOOK, site / "handbook")
    shutil.copytree(NOTEBOOKS, site / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    env = {**os.environ, "QUARTO_PYTHON": sys.executable}
    result = subprocess.run(["quarto", "render", str(site)], capture_output=True, text=True, env=env, timeout=1800)
    assert result.returncode == 0, result.stderr[-4000:]
    out = site / "_site"
    assert (out / "index.html").is_file(), "нет перенаправления с корня сайта"
    assert (out / "search.json").is_file()
    for page in PAGES:
        html = out / "handbook" / page.with_suffix(".html").name
        assert html.is_file(), f"не собрана страница {html.name}"
    for page, _path, label in embeds():
        html = (out / "handbook" / Path(page).with_suffix(".html").name).read_text(encoding="utf-8")
        assert f'id="{label}"' in html, f"{page}: встроенная ячейка {label} не попала на страницу"
        if label.startswith("fig-"):
            block = html[html.index(f'id="{label}"'):]
            src = re.search(r'<img[^>]+src="([^"]+)"', block)
            assert src, f"{page}: нет изображения {label}"
            if not src.group(1).startswith("data:"):
                assert (out / "handbook" / src.group(1)).resolve().is_file(), f"{page}: нет файла {src.group(1)}"
    assert "?@" not in "".join((out / "handbook" / p.with_suffix(".html").name).read_text(encoding="utf-8")
                               for p in PAGES), "есть неразрешённые перекрёстные ссылки"
