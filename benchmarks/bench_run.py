"""Benchmark (not a test): the per-organisation run.

    .venv/bin/python benchmarks/bench_run.py [--orgs 20] [--documents 1000]

1. `vakr run` on N organisations (copies of the bundled examples) with --jobs 2, against a plain serial loop of
   papermill calls on the same notebooks with the same parameters;
2. `vakr run --documents-only` on M organisations: seconds per organisation.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import papermill
import yaml

from vakr.paths import examples_dir, notebooks_dir
from vakr.run.batch import run_batch
from vakr.run.kernel import NOTEBOOKS, _ensure_kernel_python


def make_copies(folder: Path, n: int) -> list[Path]:
    sources = [examples_dir() / "akimat-example.yaml", examples_dir() / "quasi-example.yaml"]
    paths = []
    for i in range(n):
        data = yaml.safe_load(sources[i % 2].read_text(encoding="utf-8"))
        data["profile"]["slug"] = f"{data['profile']['slug']}-{i:04d}"
        path = folder / f"org-{i:04d}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, default=20)
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    _ensure_kernel_python()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        orgs = make_copies(tmp, args.orgs)

        t0 = time.perf_counter()
        results = run_batch(orgs, tmp / "run", jobs=2, today=None, progress=False)
        parallel = time.perf_counter() - t0
        assert all(r.status == "ok" for r in results), [r.message for r in results if r.status != "ok"]

        t0 = time.perf_counter()
        for i, org in enumerate(orgs):
            out = tmp / "serial" / f"{i:04d}"
            out.mkdir(parents=True)
            for name in NOTEBOOKS:
                papermill.execute_notebook(
                    str(notebooks_dir() / f"{name}.ipynb"), str(out / f"{name}.ipynb"),
                    parameters={"org_path": str(org), "out_dir": str(out), "today": ""},
                    cwd=str(notebooks_dir()), progress_bar=False, kernel_name="python3",
                )
        serial = time.perf_counter() - t0
        print(f"{args.orgs} organisations × {len(NOTEBOOKS)} notebooks")
        print(f"  vakr run --jobs 2:            {parallel:7.1f} s")
        print(f"  serial loop of papermill:     {serial:7.1f} s")
        print(f"  speed-up: {serial / parallel:.2f}×")

        docs = make_copies(tmp / "docs-src" if (tmp / "docs-src").mkdir() is None else tmp, args.documents)
        t0 = time.perf_counter()
        results = run_batch(docs, tmp / "docs", jobs=2, documents_only=True, progress=False)
        elapsed = time.perf_counter() - t0
        assert all(r.status == "ok" for r in results)
        print(f"{args.documents} organisations, --documents-only --jobs 2: {elapsed:.1f} s, "
              f"{elapsed / args.documents:.3f} s per organisation")
        shutil.rmtree(tmp / "run", ignore_errors=True)


if __name__ == "__main__":
    main()
