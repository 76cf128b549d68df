"""The streaming runner: `vakr run --resume`, the slug rule while results are put in place as they come, a notebook
kernel or a worker process that dies, the progress bar. No timings are asserted."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import time
from pathlib import Path

import nbformat
import pytest
import yaml

from vakr.cli import main
from vakr.paths import examples_dir
from vakr.run import batch, manifest
from vakr.run.kernel import NOTEBOOKS, YEAR_NOTEBOOKS
from vakr.run.progress import batch_bar, duration

AKIMAT = examples_dir() / "akimat-example.yaml"
QUASI = examples_dir() / "quasi-example.yaml"
TODAY = dt.date(2025, 10, 20)


def _variant(folder: Path, stem: str, source: Path = AKIMAT, **profile) -> Path:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["profile"].update(profile)
    path = folder / f"{stem}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _tree(out: Path) -> dict[str, bytes]:
    """Every file under ``out`` but the manifest, by relative path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != manifest.MANIFEST}


def _summary(out: Path) -> list[dict[str, str]]:
    with open(out / "summary.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def sources(tmp_path) -> list[Path]:
    """Five organisations, the third with the first one's slug."""
    folder = tmp_path / "src"
    folder.mkdir()
    return [_variant(folder, "akimat"), _variant(folder, "quasi", QUASI),
            _variant(folder, "twin", name="ГУ «Другой аппарат»"),
            _variant(folder, "third", slug="third-org"), _variant(folder, "fourth", QUASI, slug="fourth-org")]


def test_a_resumed_run_after_an_interrupted_one_writes_what_a_full_run_writes(tmp_path, sources, monkeypatch,
                                                                              capsys):
    full = tmp_path / "full"
    batch.run_batch(sources, full, documents_only=True, today=TODAY, progress=False)

    part = tmp_path / "part"
    real, started = batch.run_one, []

    def interrupted(source, *args, **kwargs):  # Ctrl-C while the third organisation runs
        if len(started) == 2:
            raise KeyboardInterrupt
        started.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(batch, "run_one", interrupted)
    with pytest.raises(KeyboardInterrupt):
        batch.run_batch(sources, part, documents_only=True, today=TODAY, progress=False)
    monkeypatch.undo()
    assert sorted(p.name for p in part.iterdir()) == [".vakr-run.jsonl", "akimat-example", "quasi-example"]
    lines = (part / manifest.MANIFEST).read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == manifest.HEADER and len(lines) == 3

    args = ["run", *map(str, sources), "--out", str(part), "--documents-only", "--today", TODAY.isoformat(),
            "--quiet", "--resume", "--jobs", "2"]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "Пропущено (--resume: результаты полны и новее файла организации): 2 из 5." in printed
    assert f"→ {part}/akimat-example-2/" in printed  # the twin after the skipped one: the slug rule holds
    assert _tree(part) == _tree(full)  # every document and the summary (CSV and HTML), byte for byte
    assert _summary(part)[2]["Ошибка или примечание"].startswith("краткое имя «akimat-example» уже занято")

    # Everything is in place now: a second --resume runs nothing and writes the same summary.
    results = batch.run_batch(sources, part, documents_only=True, today=TODAY, progress=False, resume=True)
    assert [r.resumed for r in results] == [True] * 5
    assert [r.folder for r in results] == ["akimat-example", "quasi-example", "akimat-example-2", "third-org",
                                           "fourth-org"]
    assert _tree(part) == _tree(full)


def test_resume_runs_again_what_changed_and_nothing_for_other_options(tmp_path, sources):
    out = tmp_path / "out"
    batch.run_batch(sources, out, documents_only=True, today=TODAY, progress=False)
    reference = _tree(out)
    time.sleep(0.01)
    data = yaml.safe_load(sources[0].read_text(encoding="utf-8"))
    data["profile"]["name"] = "ГУ «Переименованный аппарат»"
    sources[0].write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (out / "quasi-example" / "plan.xlsx").unlink()
    (out / "fourth-org" / "report.docx").write_bytes(b"replaced by hand")

    results = batch.run_batch(sources, out, documents_only=True, today=TODAY, progress=False, resume=True)
    assert [r.resumed for r in results] == [False, False, True, True, False]
    assert all(r.status == "ok" for r in results)
    assert (out / "quasi-example" / "plan.xlsx").read_bytes() == reference["quasi-example/plan.xlsx"]
    assert (out / "fourth-org" / "report.docx").read_bytes() == reference["fourth-org/report.docx"]
    assert (out / "akimat-example" / "plan.docx").read_bytes() != reference["akimat-example/plan.docx"]
    assert _summary(out)[0]["Организация"] == "ГУ «Переименованный аппарат»"

    # Another date, another language, the notebooks instead of documents only: nothing is skipped.
    for options in ({"today": dt.date(2025, 11, 1)}, {"langs": ("ru", "kk")}):
        results = batch.run_batch(sources[3:], tmp_path / "other", documents_only=True, progress=False,
                                  **{"today": TODAY, **options})
        again = batch.run_batch(sources[3:], tmp_path / "other", documents_only=True, progress=False, resume=True,
                                today=TODAY)
        assert [r.resumed for r in again] == [False, False], options
    # A line cut short by a kill is ignored; the complete ones before it still count.
    with open(out / manifest.MANIFEST, "ab") as handle:
        handle.write(b'{"key": "' + str(sources[0]).encode())
    results = batch.run_batch(sources, out, documents_only=True, today=TODAY, progress=False, resume=True)
    assert [r.resumed for r in results] == [True] * 5


def test_a_skipped_organisation_whose_folder_the_batch_order_now_gives_another_runs_again(tmp_path, sources):
    out = tmp_path / "out"
    twin, third = sources[2], sources[3]
    batch.run_batch([twin, third], out, documents_only=True, today=TODAY, progress=False)  # the twin in akimat-example
    results = batch.run_batch([sources[0], twin, third], out, documents_only=True, today=TODAY, progress=False,
                              resume=True)
    # The first organisation now takes the slug: the twin goes to akimat-example-2, as in a full run.
    assert [(r.folder, r.resumed) for r in results] == [("akimat-example", False), ("akimat-example-2", False),
                                                        ("third-org", True)]
    full = batch.run_batch([sources[0], twin, third], tmp_path / "full", documents_only=True, today=TODAY,
                           progress=False)
    assert [r.folder for r in full] == [r.folder for r in results]
    assert _tree(out)["summary.csv"] == _tree(tmp_path / "full")["summary.csv"]


def test_streaming_put_in_place_keeps_the_slug_rule_with_workers(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    twins = [_variant(folder, f"twin{n}", name=f"ГУ «Аппарат {n}»") for n in range(4)]  # one slug, four files
    results = batch.run_batch(twins, tmp_path / "out", jobs=2, documents_only=True, progress=False)
    assert [r.folder for r in results] == ["akimat-example", "akimat-example-2", "akimat-example-3",
                                           "akimat-example-4"]
    assert all(f"ГУ «Аппарат {n}»" in r.name for n, r in enumerate(results))
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(batch.STAGING_PREFIX)]


def _tiny_notebooks(folder: Path, cell: str) -> Path:
    """A notebook of each name that does nothing but ``cell`` (``name`` is the notebook's name)."""
    folder.mkdir()
    for name in (*NOTEBOOKS, *YEAR_NOTEBOOKS):
        params = nbformat.v4.new_code_cell('org_path = ""\nout_dir = ""\ntoday = ""\nlang = "ru"')
        params.metadata["tags"] = ["parameters"]
        nb = nbformat.v4.new_notebook(cells=[params, nbformat.v4.new_code_cell(f"name = {name!r}\n{cell}")])
        nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
        nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


def _kernels_of(pid: int) -> list[int]:
    """The ipykernel processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"ipykernel" in command:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="the kernels are looked up in /proc")
def test_a_dead_kernel_fails_its_organisation_and_the_next_gets_a_new_one(tmp_path):
    folder = _tiny_notebooks(tmp_path / "notebooks", 'if "quasi" in org_path and name == "report":\n'
                                                     '    import os\n    os._exit(1)')
    out = tmp_path / "out"
    quasi, akimat = batch.run_batch([QUASI, AKIMAT], out, jobs=1, progress=False, notebooks_folder=folder)
    assert (quasi.status, quasi.notebook, quasi.cell) == ("failed", "report.ipynb", 3)
    assert quasi.message.startswith("ядро блокнота завершилось аварийно (код выхода 1)")
    assert sorted(p.name for p in (out / "quasi-example.failed").iterdir()) == [
        "checklist.ipynb", "report.ipynb", "schedule.ipynb"]
    assert akimat.status == "ok", akimat.message  # in this same process, in a new kernel
    assert [f.split("/")[1] for f in akimat.files] == [
        *(f"{n}.ipynb" for n in (*NOTEBOOKS, "monitoring", "project2", "project4")), "evaluation.json"]
    row = _summary(out)[0]
    assert row["Ошибка или примечание"].startswith("report.ipynb, ячейка 3: ядро блокнота завершилось аварийно")
    assert _kernels_of(os.getpid()) == []  # the batch shut its kernel down


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="the kernels are looked up in /proc")
def test_a_killed_worker_is_reported_and_the_batch_finishes(tmp_path):
    # The kernel's parent is the worker process; the guard keeps the test's own process out of reach.
    folder = _tiny_notebooks(tmp_path / "notebooks", 'import os, signal\n'
                                                     f'if "quasi" in org_path and os.getppid() != {os.getpid()}:\n'
                                                     '    os.kill(os.getppid(), signal.SIGKILL)')
    others = [_variant(tmp_path, f"org{n}", slug=f"org-{n}") for n in range(3)]
    out = tmp_path / "out"
    results = batch.run_batch([others[0], QUASI, *others[1:]], out, jobs=2, progress=False, notebooks_folder=folder)
    assert [r.status for r in results] == ["ok", "failed", "ok", "ok"], [r.message for r in results]
    assert results[1].message == batch.WORKER_DIED
    for r in (results[0], *results[2:]):
        assert sorted(p.name for p in (out / r.folder).iterdir()) == sorted(f.split("/")[1] for f in r.files)
    assert not [p for p in out.iterdir() if p.name.startswith(batch.STAGING_PREFIX)]
    assert _summary(out)[1]["Статус"] == "ошибка"


def test_the_progress_bar_says_done_rate_and_time_left_in_russian():
    assert [duration(s) for s in (0, 4.4, 65, 3725)] == ["0 с", "4 с", "1 мин 05 с", "1 ч 02 мин"]

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    bar = batch_bar(10, True, stream)
    bar.start_t -= 4  # as if the first four took a second each (the bar's last print too, for its smoothed rate)
    bar.last_print_t -= 4
    bar.update(4)
    bar.refresh()
    shown = stream.getvalue()
    bar.close()
    assert "4/10" in shown and "с на организацию" in shown and "осталось ≈" in shown, shown
    quiet = Terminal()
    batch_bar(10, False, quiet).close()
    piped = io.StringIO()
    batch_bar(10, True, piped).close()
    assert quiet.getvalue() == piped.getvalue() == ""
