"""``notebooks/checklist.ipynb`` built from the catalogue, the way ``templates/build_templates.py`` builds the Word
templates::

    .venv/bin/python -m vakr.site.checklist_notebook   # rewrite the notebook's cells from data/methodology
    .venv/bin/vakr notebooks checklist                 # re-execute it: the outputs nbval and the handbook use

The notebook shows the example's risks in one table per NPA factor and one per section of the analytical report;
those cells, their labels and captions, and the headings that name the two directions, come from the catalogue
(the bundled one: imported indicator lists change no factor, area or section). The other cells are fixed here.

Labels, which the handbook embeds (``{{< embed ../notebooks/checklist.ipynb#tbl-risks-hr >}}``): a factor's is
``tbl-risks-`` and its heading id without ``sec-`` (``tbl-risks-npa-legal-gap``); a section's is ``tbl-risks-`` and
the name of the handbook page of its areas without ``org-`` and ``.qmd`` (``org-hr.qmd`` → ``tbl-risks-hr``).

Rebuilding keeps the stored outputs of every cell whose source is unchanged, so an unchanged catalogue gives the
same file byte for byte; a new or changed cell has no outputs until the notebook is re-executed. The tests check
that the committed notebook is what this module builds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat

from vakr.documents.wording.russian import RUSSIAN
from vakr.io_files import write_atomic
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import default_catalogue
from vakr.methodology.models import ReportSection
from vakr.paths import notebooks_dir
from vakr.site.handbook.common import section_id

NAME = "checklist"
CHECK_OUTPUT = "# NBVAL_CHECK_OUTPUT"

INTRO = """# Оценённый чек-лист

Выявленные риски организации по направлениям ВАКР: по коррупционным факторам в нормативных правовых актах и по \
разделам аналитической справки; баллы, уровни, карта рисков."""
PARAMETERS = """# Параметры (papermill): файл организации, папка для документов, дата «по состоянию на».
org_path = "data/examples/akimat-example.yaml"
out_dir = ""
today = "2025-10-20\""""
SETUP = """from vakr.site import notebook as nb, plots
from vakr.documents import tables

run = nb.load(org_path, out_dir, today)
nb.show(nb.heading(run))"""
# (label, caption, call, nbval checks the output): the tables and charts of the whole evaluation.
RANKING = ("tbl-ranking", "Риски организации-примера по убыванию балла (вероятность × последствия)",
           "tables.risks_dataframe(run.evaluation)", True)
SUMMARY = [
    ("tbl-counts-section", "Количество рисков по разделам аналитической справки и уровням риска",
     "tables.counts_dataframe(run.evaluation, run.catalogue)", True),
    ("tbl-counts-band", "Количество рисков по уровням риска",
     "tables.band_counts_dataframe(run.evaluation, run.catalogue)", True),
    ("fig-heatmap", "Матрица рисков примера: вероятность × последствия",
     "plots.heatmap_figure(run.evaluation, run.catalogue)", False),
    ("fig-risks-by-area", "Риски примера по сферам, факторам и уровням",
     "plots.risks_by_area_figure(run.evaluation, run.catalogue)", False),
]
NO_RISKS_FACTOR = "Коррупционные риски по данному фактору не выявлены."
NO_RISKS_SECTION = RUSSIAN.no_risks_section
WARNINGS = f"{CHECK_OUTPUT}\nnb.show(nb.warnings_markdown(run.evaluation.warnings))"
# The metadata of a notebook built from nothing (a rebuild keeps the notebook's own).
METADATA = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}


def _quoted(text: str) -> str:
    """A double-quoted YAML string for a cell option (``#| tbl-cap: "…"``)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _shown(label: str, caption: str, call: str, check: bool, empty: str | None = None) -> str:
    """A labelled cell that shows one table or figure (``empty``: the sentence for a table without rows); Quarto
    reads its label and caption."""
    kind = "fig" if label.startswith("fig-") else "tbl"
    lines = [f"#| label: {label}", f"#| {kind}-cap: {_quoted(caption)}"]
    shown = f"nb.show({call}, empty={_quoted(empty)})" if empty else f"nb.show({call})"
    return "\n".join(lines + ([CHECK_OUTPUT] if check else []) + [shown])


def section_label(catalogue: Catalogue, section: ReportSection) -> str:
    """The label of a report section's table: from the handbook page of its areas (see the module's docstring);
    from the section's code when no area is filed under it."""
    pages = {a.handbook_page for a in catalogue.areas_of_section(section.code)}
    if len(pages) > 1:  # the loader refuses this (org_areas.yaml): areas of one section share its page
        raise ValueError(f"у сфер раздела {section.code} разные страницы пособия: {', '.join(sorted(pages))}")
    stem = Path(pages.pop()).stem.removeprefix("org-") if pages else section_id(section.code).removeprefix("sec-")
    return f"tbl-risks-{stem}"


def checklist_cells(catalogue: Catalogue) -> list[tuple[str, str, dict[str, Any]]]:
    """(cell type, source, metadata) of every cell of the notebook, in order."""
    npa = catalogue.vakr.direction("npa_factors")
    org = catalogue.vakr.direction("org_areas")
    cells: list[tuple[str, str, dict[str, Any]]] = [
        ("markdown", INTRO, {}),
        ("code", PARAMETERS, {"tags": ["parameters"]}),
        ("code", SETUP, {}),
        ("markdown", "## Все риски по убыванию балла", {}),
        ("code", _shown(*RANKING), {}),
        ("markdown", f"## {npa.short_title}: риски по коррупционным факторам", {}),
    ]
    for factor in catalogue.npa_factors:
        label = "tbl-risks-" + section_id(factor.code).removeprefix("sec-")
        call = f'tables.risks_dataframe(run.evaluation, group="{factor.code}")'
        cells.append(("code", _shown(label, f"Риски примера: фактор «{factor.title}»", call, True, NO_RISKS_FACTOR), {}))
    cells.append(("markdown", f"## {org.short_title}: риски по разделам аналитической справки", {}))
    for section in catalogue.report_sections:
        caption = f"Риски примера: раздел {section.number} «{section.title}»"
        call = f'tables.risks_dataframe(run.evaluation, section="{section.code}")'
        cells.append(("code", _shown(section_label(catalogue, section), caption, call, True, NO_RISKS_SECTION), {}))
    cells.append(("markdown", "## Сводка", {}))
    cells += [("code", _shown(*shown), {}) for shown in SUMMARY]
    cells.append(("markdown", "## Предупреждения оценки", {}))
    cells.append(("code", WARNINGS, {}))
    return cells


def build_checklist_notebook(catalogue: Catalogue | None = None,
                             previous: nbformat.NotebookNode | None = None) -> nbformat.NotebookNode:
    """The notebook for ``catalogue`` (default: the bundled methodology without the user's imported lists, loaded
    once: they change no factor, area or section); cells of ``previous`` with the same source keep their stored
    outputs and execution counts, and its metadata is kept."""
    catalogue = default_catalogue(catalogue, overlay=False)
    stored: dict[str, nbformat.NotebookNode] = {}
    for cell in previous.cells if previous is not None else []:
        if cell.cell_type == "code":
            stored.setdefault(cell.source, cell)
    cells = []
    for n, (kind, source, metadata) in enumerate(checklist_cells(catalogue)):
        cell_id = f"{NAME}-{n:02d}"
        if kind == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(source, metadata=metadata, id=cell_id))
            continue
        cell = nbformat.v4.new_code_cell(source, metadata=metadata, id=cell_id)
        old = stored.get(source)
        if old is not None:
            cell.outputs, cell.execution_count = old.outputs, old.execution_count
        cells.append(cell)
    metadata = previous.metadata if previous is not None else METADATA
    return nbformat.v4.new_notebook(cells=cells, metadata=metadata)


def notebook_text(notebook: nbformat.NotebookNode) -> str:
    """The file's text, as ``vakr notebooks`` writes it."""
    return nbformat.writes(notebook) + "\n"


def write_checklist_notebook(path: Path | None = None, catalogue: Catalogue | None = None) -> Path:
    """Rebuild the notebook at ``path`` (default: the repository's ``notebooks/checklist.ipynb``) in place."""
    path = path or notebooks_dir() / f"{NAME}.ipynb"
    previous = nbformat.read(path, as_version=4) if path.exists() else None
    return write_atomic(path, notebook_text(build_checklist_notebook(catalogue, previous)))


if __name__ == "__main__":
    print(write_checklist_notebook())
