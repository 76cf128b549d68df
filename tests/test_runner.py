"""The per-organisation runner: documents-only and notebook batches, isolated failures, the summary, and
parameters that cannot smuggle code into a notebook."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml

from vakr.cli import main
from vakr.organisation.load import load_organisation
from vakr.paths import examples_dir, notebooks_dir
from vakr.run import batch
from vakr.run.batch import NOTEBOOKS, notebooks_of

AKIMAT = examples_dir() / "akimat-example.yaml"
QUASI = examples_dir() / "quasi-example.yaml"
DOCUMENTS = ["report.docx", "plan.docx", "plan.xlsx", "positions.docx", "positions.xlsx", "schedule.ics"]
# An organisation's folder of a run: its documents and the record `vakr region` reads.
RUN_FILES = [*DOCUMENTS, "evaluation.json"]


def _variant(tmp_path: Path, file_stem: str, **profile) -> Path:
    """A copy of the akimat example with profile fields replaced."""
    data = yaml.safe_load(AKIMAT.read_text(encoding="utf-8"))
    data["profile"].update(profile)
    path = tmp_path / f"{file_stem}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _summary(out: Path) -> list[dict[str, str]]:
    with open(out / "summary.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_documents_only_batch_isolates_a_broken_organisation(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text(AKIMAT.read_text(encoding="utf-8").replace("likelihood: 4", "likelihood: 9", 1), encoding="utf-8")
    out = tmp_path / "out"
    code = main(["run", str(AKIMAT), str(broken), str(QUASI), "--out", str(out), "--documents-only", "--jobs", "2",
                 "--today", "2025-10-20", "--quiet"])
    assert code == 1
    captured = capsys.readouterr()
    assert "✗ " + str(broken) in captured.err and "findings[" in captured.err and "от 1 до 5" in captured.err
    assert "Организаций: 3; успешно: 2; с ошибками: 1." in captured.out
    for slug in ("akimat-example", "quasi-example"):
        assert sorted(p.name for p in (out / slug).iterdir()) == sorted(RUN_FILES)
    rows = _summary(out)
    assert [r["Статус"] for r in rows] == ["готово", "ошибка", "готово"]
    akimat = rows[0]
    assert akimat["Организация"] == "ГУ «Аппарат акима Сарыаркинской области»"
    assert (akimat["Рисков"], akimat["Низкий"], akimat["Средний"], akimat["Высокий"], akimat["Критический"]) == (
        "15", "1", "7", "5", "2")
    assert (akimat["Ближайший срок"], akimat["Мероприятие"]) == (
        "2025-11-14", "Анонсирование на интернет-ресурсе, в СМИ и социальных сетях начала публичного обсуждения результатов ВАКР")
    assert "akimat-example/report.docx" in akimat["Файлы"]
    html = (out / "summary.html").read_text(encoding="utf-8")
    assert 'href="akimat-example/plan.xlsx"' in html and 'class="failed"' in html


def test_summary_is_deterministic_and_csv_safe(tmp_path):
    evil = _variant(tmp_path, "evil", name="=HYPERLINK(\"http://x\")", slug="evil-org")
    out_a, out_b = tmp_path / "a", tmp_path / "b"
    batch.run_batch([evil], out_a, documents_only=True, progress=False)
    batch.run_batch([evil], out_b, documents_only=True, progress=False)
    assert _summary(out_a)[0]["Организация"] == "'=HYPERLINK(\"http://x\")"
    assert (out_a / "summary.html").read_text(encoding="utf-8").count("=HYPERLINK(&#34;http://x&#34;)") == 1
    for name in ["summary.csv", "evil-org/plan.xlsx", "evil-org/report.docx"]:
        assert (out_a / name).read_bytes() == (out_b / name).read_bytes(), name


def test_duplicate_slugs_never_overwrite_each_other(tmp_path):
    twin = _variant(tmp_path, "twin", name="ГУ «Другой аппарат»")  # same slug as the example
    out = tmp_path / "out"
    results = batch.run_batch([AKIMAT, twin], out, documents_only=True, progress=False)
    assert [(r.status, r.folder) for r in results] == [("ok", "akimat-example"), ("ok", "akimat-example-2")]
    assert results[1].note == (f"краткое имя «akimat-example» уже занято организацией из {AKIMAT}: результаты"
                               " записаны в папку akimat-example-2/ (задайте организации своё краткое имя в профиле)")
    assert sorted(p.name for p in (out / "akimat-example-2").iterdir()) == sorted(RUN_FILES)
    from docx import Document

    def title(folder: str) -> str:
        return next(p.text for p in Document(str(out / folder / "plan.docx")).paragraphs if "в деятельности" in p.text)

    assert "ГУ «Аппарат акима Сарыаркинской области»" in title("akimat-example")
    assert "ГУ «Другой аппарат»" in title("akimat-example-2")
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [".vakr-run.jsonl"]  # no staging folder left


def test_output_folder_is_a_sanitised_slug(tmp_path):
    assert batch.safe_child(tmp_path, "akimat-example") == (tmp_path / "akimat-example").resolve()
    for bad in ("../etc", "/abs", "a/b", "..", ""):
        with pytest.raises(Exception, match="недопустимо|выходит"):
            batch.safe_child(tmp_path, bad)
    broken = _variant(tmp_path, "slug", slug="../../escape")
    result = batch.run_batch([broken], tmp_path / "out", documents_only=True, progress=False)[0]
    assert result.status == "failed" and "slug" in result.message.lower()
    assert not (tmp_path / "escape").exists()


def test_notebook_run_is_immune_to_code_in_user_text(tmp_path, monkeypatch):
    marker = tmp_path / "pwned"
    name = f'Тест "кавычки" \'и\'\nперевод строки; __import__("os").system("touch {marker}") #'
    org = _variant(tmp_path, "inject", name=name, slug="inject")
    monkeypatch.setattr(batch, "NOTEBOOKS", ("schedule", "report"))
    monkeypatch.setattr(batch, "YEAR_NOTEBOOKS", {})
    result = batch.run_batch([org], tmp_path / "out", jobs=1, today=None, progress=False)[0]
    assert result.status == "ok", result.message
    assert not marker.exists()
    executed = nbformat.read(tmp_path / "out" / "inject" / "report.ipynb", as_version=4)
    injected = next(c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert "org_path = " in injected.source and "touch" not in injected.source
    loading = next(c for c in executed.cells if "nb.load(" in c.source)
    shown = loading.outputs[0]["data"]["text/markdown"]
    assert "перевод строки" in shown and "touch" in shown  # the name is displayed as text, not executed
    assert sorted(p.name for p in (tmp_path / "out" / "inject").iterdir()) == [
        "evaluation.json", "report.docx", "report.ipynb", "schedule.ics", "schedule.ipynb"]


def test_a_failing_notebook_is_reported_and_the_others_complete(tmp_path):
    folder = tmp_path / "notebooks"
    shutil.copytree(notebooks_dir(), folder, ignore=shutil.ignore_patterns("training"))
    path = folder / "checklist.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(4, nbformat.v4.new_code_cell(
        'if run.organisation.profile.slug == "quasi-example":\n    raise RuntimeError("сбой расчёта")'))
    nbformat.write(nb, path)
    out = tmp_path / "out"
    results = batch.run_batch([AKIMAT, QUASI], out, jobs=2, progress=False, notebooks_folder=folder)
    akimat, quasi = results
    # the ВАКР's 5 notebooks and 6 documents; the year's records add monitoring, project 2 and project 4 and the
    # calendar of the year; the record for `vakr region`
    assert akimat.status == "ok" and len(akimat.files) == 5 + 6 + 3 + 1 + 1
    assert (quasi.status, quasi.notebook, quasi.message) == ("failed", "checklist.ipynb", "RuntimeError: сбой расчёта")
    assert quasi.cell == 6  # the inserted cell, after papermill's injected-parameters cell
    # The failed notebooks are kept as evidence beside, not in, the organisation's folder; no document is written.
    assert not (out / "quasi-example").exists()
    assert sorted(p.name for p in (out / "quasi-example.failed").iterdir()) == ["checklist.ipynb", "schedule.ipynb"]
    row = _summary(out)[1]
    assert row["Ошибка или примечание"] == "checklist.ipynb, ячейка 6: RuntimeError: сбой расчёта"
    # The notebooks share one kernel per organisation; with the namespace reset between them they write exactly
    # what the documents-only path writes.
    direct = batch.run_batch([AKIMAT], tmp_path / "direct", documents_only=True, progress=False)[0]
    assert direct.status == "ok"
    for name in DOCUMENTS:
        assert (out / "akimat-example" / name).read_bytes() == (tmp_path / "direct" / "akimat-example" / name).read_bytes(), name


def test_batch_counts_suggestions_and_strict_refuses(tmp_path, capsys):
    sparse = Path(__file__).parent / "data" / "sparse-land.yaml"
    out = tmp_path / "out"
    code = main(["run", str(AKIMAT), str(sparse), "--out", str(out), "--documents-only", "--quiet"])
    assert code == 0
    printed = capsys.readouterr().out
    assert ("(рисков: 30); предложено по методике: наименование риска — 24, раздел справки — 6, мера — 30, форма"
            " завершения — 30, ответственные исполнители — 30, срок — 30; предупреждений: 6") in printed
    rows = _summary(out)
    assert rows[0]["Предложено по методике (проверьте)"] == "раздел справки — 3, мера — 2, форма завершения — 2, срок — 2"
    assert (rows[1]["Предложено по методике (проверьте)"], rows[1]["Предупреждений"]) == (
        "наименование риска — 24, раздел справки — 6, мера — 30, форма завершения — 30,"
        " ответственные исполнители — 30, срок — 30", "6")

    strict_out = tmp_path / "strict"
    code = main(["run", str(AKIMAT), str(sparse), "--out", str(strict_out), "--documents-only", "--quiet",
                 "--strict"])
    assert code == 3
    captured = capsys.readouterr()
    assert "Организаций: 2; успешно: 0; с ошибками: 0; не записано (--strict): 2." in captured.out
    assert "sparse-land.yaml: режим --strict — документы не записаны" in captured.err
    assert [r["Статус"] for r in _summary(strict_out)] == ["не записано (--strict)"] * 2
    assert sorted(p.name for p in strict_out.iterdir()) == ["summary.csv", "summary.html"]


def test_the_year_notebooks_run_only_for_an_organisation_with_its_records(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "NOTEBOOKS", ("schedule",))
    sparse = Path(__file__).parent / "data" / "sparse-land.yaml"  # no records of the year
    out = tmp_path / "out"
    akimat, quasi, land = batch.run_batch([AKIMAT, QUASI, sparse], out, today=dt.date(2026, 6, 15), progress=False)
    assert (akimat.status, quasi.status, land.status) == ("ok", "ok", "ok"), (akimat.message, quasi.message,
                                                                              land.message)
    listing = {r.folder: sorted(p.name for p in (out / r.folder).iterdir()) for r in (akimat, quasi, land)}
    assert listing == {
        # project 3 (anti-corruption compliance) applies to quasi-public organisations only
        "akimat-example": ["evaluation.json", "monitoring.ipynb", "project2.ipynb", "project4.ipynb", "schedule.ics",
                           "schedule.ipynb", "year.ics"],
        "quasi-example": ["evaluation.json", "monitoring.ipynb", "project2.ipynb", "project3.ipynb", "project4.ipynb",
                          "schedule.ics", "schedule.ipynb", "year.ics"],
        "sparse-land": ["evaluation.json", "schedule.ics", "schedule.ipynb"],
    }
    shown = "".join(output.get("data", {}).get("text/markdown", "")
                    for cell in nbformat.read(out / "akimat-example" / "monitoring.ipynb", as_version=4).cells
                    if cell.cell_type == "code" for output in cell.outputs)
    assert "состояние на 15 июня 2026 года" in shown and "| Процент исполнения | 83,3 % |" in shown
    assert "Записан файл `year.ics`" in shown
    assert b"BEGIN:VEVENT" in (out / "akimat-example" / "year.ics").read_bytes()


def test_the_year_notebooks_need_records_and_a_date_after_the_plan_approval(catalogue):
    akimat = load_organisation(AKIMAT, catalogue)  # the plan approved by 29.12.2025
    approved = dt.date(2025, 12, 29)
    year = ["monitoring", "project2", "project4"]
    assert notebooks_of(akimat, catalogue, dt.date(2026, 6, 15), approved) == [*NOTEBOOKS, *year]
    assert notebooks_of(akimat, catalogue, dt.date(2025, 10, 20), approved) == list(NOTEBOOKS)  # during the ВАКР
    assert notebooks_of(akimat, catalogue, approved, approved) == [*NOTEBOOKS, *year]
    sparse = load_organisation(Path(__file__).parent / "data" / "sparse-land.yaml", catalogue)
    assert notebooks_of(sparse, catalogue, dt.date(2028, 6, 1), approved) == list(NOTEBOOKS)
