"""notebooks/checklist.ipynb is built from the catalogue (vakr.site.checklist_notebook): the committed notebook is
what the generator builds, so an edit of data/methodology without rebuilding it fails here."""

from __future__ import annotations

import nbformat

from vakr.methodology.loader import load_catalogue
from vakr.paths import notebooks_dir
from vakr.site.checklist_notebook import (
    build_checklist_notebook,
    checklist_cells,
    notebook_text,
    write_checklist_notebook,
)

NOTEBOOK = notebooks_dir() / "checklist.ipynb"
REBUILD = "python -m vakr.site.checklist_notebook, затем vakr notebooks checklist"


def committed() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=4)


def labels(notebook: nbformat.NotebookNode) -> list[str]:
    return [line.removeprefix("#| label: ") for cell in notebook.cells for line in cell.source.splitlines()
            if line.startswith("#| label: ")]


def test_committed_notebook_is_what_the_generator_builds(catalogue):
    text = NOTEBOOK.read_text(encoding="utf-8")
    assert notebook_text(build_checklist_notebook(catalogue, committed())) == text, (
        f"notebooks/checklist.ipynb не совпадает с каталогом: пересоберите его ({REBUILD})")


def test_built_from_nothing_it_has_the_same_cells_without_outputs(catalogue):
    built = build_checklist_notebook(catalogue)
    old = committed()
    assert [(c.cell_type, c.source, c.metadata, c.id) for c in built.cells] == [
        (c.cell_type, c.source, c.metadata, c.id) for c in old.cells]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in built.cells)
    assert built.cells[1].metadata == {"tags": ["parameters"]}
    nbformat.validate(built)


def test_one_table_per_factor_and_per_report_section(catalogue):
    found = labels(build_checklist_notebook(catalogue))
    assert len(found) == len(set(found))
    risks = [label for label in found if label.startswith("tbl-risks-")]
    assert len(risks) == len(catalogue.npa_factors) + len(catalogue.report_sections) == 17
    assert risks[0] == "tbl-risks-npa-legal-gap" and risks[8] == "tbl-risks-hr" and risks[-1] == "tbl-risks-other"
    sources = [source for kind, source, _ in checklist_cells(catalogue) if kind == "code"]
    assert 'tables.risks_dataframe(run.evaluation, group="npa.improper_functions")' in "\n".join(sources)
    headings = [source for kind, source, _ in checklist_cells(catalogue) if kind == "markdown"]
    assert "## Нормативные правовые акты: риски по коррупционным факторам" in headings
    assert "## Организационно-управленческая деятельность: риски по разделам аналитической справки" in headings


def test_an_edit_of_the_catalogue_changes_only_its_cells(catalogue_copy, tmp_path):
    path = catalogue_copy / "report.yaml"
    text = path.read_text(encoding="utf-8")
    old = 'title: "Реализация разрешительных функций"'
    assert old in text
    path.write_text(text.replace(old, 'title: "Разрешительные функции"', 1), encoding="utf-8")
    edited = load_catalogue(catalogue_copy)
    before = committed()
    after = build_checklist_notebook(edited, before)
    changed = [(a.id, a.source) for a, b in zip(after.cells, before.cells) if a.source != b.source]
    assert [cell_id for cell_id, _ in changed] == ["checklist-18"]
    assert "раздел 4 «Разрешительные функции»" in changed[0][1]
    # the changed cell waits for re-execution; the others keep their outputs
    assert after.cells[18].outputs == [] and after.cells[18].execution_count is None
    assert after.cells[17].outputs == before.cells[17].outputs != []
    # and the file written in place is the one built
    target = tmp_path / "checklist.ipynb"
    target.write_text(NOTEBOOK.read_text(encoding="utf-8"), encoding="utf-8")
    write_checklist_notebook(target, edited)
    assert target.read_text(encoding="utf-8") == notebook_text(after)
    write_checklist_notebook(target, edited)  # a second run changes nothing
    assert target.read_text(encoding="utf-8") == notebook_text(after)
