"""The package works when installed from its wheel, outside the repository: the methodology, the calendar data, the
training course's exercises and the Word templates travel as package data, and the documents are the same as from
the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from vakr.documents import render_documents
from vakr.evaluation.evaluate import evaluate
from vakr.methodology.loader import load_catalogue
from vakr.organisation.load import load_organisation
from vakr.paths import examples_dir, project_root
from vakr.training.exercises import load_course

DOCUMENTS = ["report.docx", "plan.docx", "plan.xlsx", "positions.docx", "positions.xlsx", "schedule.ics"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out),
                            str(project_root())], capture_output=True, text=True, timeout=600)
    if build.returncode != 0 and "Could not find a version that satisfies" in build.stderr:
        pytest.skip("no package index reachable to fetch the build backend")
    assert build.returncode == 0, build.stderr[-3000:]
    shutil.rmtree(project_root() / "build", ignore_errors=True)
    return next(out.glob("vakr-*.whl"))


def test_the_wheel_carries_the_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("vakr/data/methodology/recommended_measures.yaml", "vakr/data/calendar/transfers.yaml",
                 "vakr/data/training/deadlines.yaml", "vakr/data/training/plan.yaml",
                 "vakr/data/templates/plan.docx", "vakr/data/notebooks/report.ipynb", "vakr/py.typed",
                 "vakr/data/methodology/npa_markers/discretion.yaml", "vakr/data/methodology/npa_markers/lexicon.yaml",
                 "vakr/methodology/loader.py", "vakr/run/batch.py"):
        assert name in names, name
    assert not [n for n in names if n.endswith("build_templates.py")]


def test_installed_wheel_writes_the_same_documents_outside_the_checkout(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site),
                    str(wheel)], check=True, capture_output=True, timeout=300)
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(examples_dir() / "akimat-example.yaml", work / "org.yaml")
    env = {k: v for k, v in os.environ.items() if k not in ("VAKR_ROOT", "PYTHONPATH")}
    env["PYTHONPATH"] = str(site)
    where = subprocess.run([sys.executable, "-c", "import vakr, vakr.paths as p; print(vakr.__file__);"
                            " print(p.methodology_dir())"], cwd=work, env=env, capture_output=True, text=True)
    module, methodology = where.stdout.splitlines()
    assert module.startswith(str(site)) and methodology.startswith(str(site)), where.stdout
    course = subprocess.run([sys.executable, "-c", "from vakr.paths import training_dir;"
                             " from vakr.training.exercises import load_course; c = load_course();"
                             " print(training_dir()); print(len(c.deadlines), len(c.plan))"],
                            cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert course.returncode == 0, course.stderr
    folder, counts = course.stdout.splitlines()
    checkout = load_course()
    assert folder.startswith(str(site)) and counts == f"{len(checkout.deadlines)} {len(checkout.plan)}", course.stdout
    run = subprocess.run([sys.executable, "-m", "vakr.cli", "report", "org.yaml", "--out", "docs"], cwd=work,
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (work / "docs").iterdir()) == sorted(DOCUMENTS)
    # The same documents as the checkout writes for the same file.
    catalogue = load_catalogue()
    expected = render_documents(evaluate(load_organisation(work / "org.yaml"), catalogue), catalogue)
    for name in DOCUMENTS:
        assert (work / "docs" / name).read_bytes() == expected[name], name
