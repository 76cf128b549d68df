"""Benchmark (not a test): the per-organisation run.

    .venv/bin/python benchmarks/bench_run.py [--overhead 200] [--documents 1000 10000] [--notebooks 20]
                                             [--no-serial] [--jobs 2]

1. ``--overhead N``: the runner's own cost per organisation outside rendering — ``run_batch --jobs 1`` on N
   organisations with the document renderers replaced by a stub returning the same bytes, next to reading and
   evaluating the file alone (CPU milliseconds per organisation);
2. ``--documents M …``: ``vakr run --documents-only --jobs J`` on M organisations each (copies of the bundled
   examples, alternating), in a fresh process: seconds per organisation, the parent process's CPU per organisation
   and its peak RSS (the workers' are not counted), and the ratio to the issue's 0.06 s per organisation;
3. ``--notebooks N``: ``vakr run --jobs J`` (notebooks) on N organisations against a plain serial loop of papermill
   calls on the same notebooks with the same parameters (``--no-serial``: without the loop; 20 × 5 took 261 s).

0 skips a part. Timings on a shared machine are noisy: repeat and take the best.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vakr.paths import examples_dir, notebooks_dir

EXAMPLES = ("akimat-example", "quasi-example")


def make_copies(folder: Path, n: int) -> list[Path]:
    """``n`` organisation files: the bundled examples alternating, each with its own slug."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = {slug: (examples_dir() / f"{slug}.yaml").read_text(encoding="utf-8") for slug in EXAMPLES}
    paths = []
    for i in range(n):
        slug = EXAMPLES[i % 2]
        path = folder / f"org-{i:05d}.yaml"
        path.write_text(texts[slug].replace(f"slug: {slug}\n", f"slug: {slug}-{i:05d}\n", 1), encoding="utf-8")
        paths.append(path)
    return paths


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def overhead(n: int) -> None:
    from vakr.documents import render_documents
    from vakr.evaluation.evaluate import evaluate
    from vakr.methodology.loader import load_catalogue
    from vakr.organisation.load import load_organisation_with_warnings
    from vakr.run import batch

    with tempfile.TemporaryDirectory() as tmp:
        orgs = make_copies(Path(tmp) / "src", n)
        catalogue = load_catalogue()
        for org in orgs[:2]:  # warm: caches, imports
            load_organisation_with_warnings(org, catalogue)
        reading = 1e9
        for _ in range(3):  # best of three, as for the batch below
            cpu = _cpu()
            for org in orgs:
                evaluate(load_organisation_with_warnings(org, catalogue)[0], catalogue)
            reading = min(reading, (_cpu() - cpu) / n)

        rendered: dict[tuple[str, tuple[str, ...]], dict[str, bytes]] = {}

        def stub(evaluation, catalogue, only=None, langs=("ru",)):  # the same bytes, rendered once per example
            key = (evaluation.profile.type, tuple(langs))
            if key not in rendered:
                rendered[key] = render_documents(evaluation, catalogue, only, langs)
            return dict(rendered[key])

        batch.render_documents = stub  # type: ignore[assignment]  # what batch.write_documents renders with
        try:
            batch.run_batch(orgs[:4], Path(tmp) / "warm", documents_only=True, progress=False)
            whole = 1e9
            for attempt in range(3):
                cpu = _cpu()
                results = batch.run_batch(orgs, Path(tmp) / f"out{attempt}", documents_only=True, progress=False)
                whole = min(whole, (_cpu() - cpu) / n)
        finally:
            batch.render_documents = render_documents
        assert all(r.status == "ok" for r in results), [r.message for r in results if r.status != "ok"][:3]
        cpu = _cpu()
        for evaluation in [evaluate(load_organisation_with_warnings(o, catalogue)[0], catalogue) for o in orgs[:20]]:
            render_documents(evaluation, catalogue)
        render = (_cpu() - cpu) / 20 - reading
    print(f"Runner overhead, {n} organisations, --jobs 1, renderers stubbed (CPU per organisation, best of 3):")
    print(f"  run_batch without rendering:    {whole * 1000:6.1f} ms")
    print(f"  of which reading + evaluating:  {reading * 1000:6.1f} ms")
    print(f"  the runner's own:               {(whole - reading) * 1000:6.1f} ms"
          " (staging, writing, putting in place, manifest, summary)")
    print(f"  rendering (for comparison):     {render * 1000:6.1f} ms")


def _documents_child(folder: str, n: int, jobs: int) -> None:
    """In a fresh process: one documents-only batch; prints JSON with its figures."""
    from vakr.run.batch import run_batch

    sources = sorted(Path(folder).glob("org-*.yaml"))[:n]
    rss_before = _memory("VmRSS")
    try:  # the peak from here on, not that of the imports (Linux: writing 5 resets VmHWM)
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass
    cpu, t0 = _cpu(), time.perf_counter()
    results = run_batch(sources, Path(folder).parent / f"out-{n}", jobs=jobs, documents_only=True, progress=False)
    elapsed = time.perf_counter() - t0
    ok = sum(r.status == "ok" for r in results)
    print(json.dumps({"elapsed": elapsed, "parent_cpu": _cpu() - cpu, "ok": ok, "rss_before_kb": rss_before,
                      "rss_peak_kb": _memory("VmHWM"), "rss_after_kb": _memory("VmRSS")}))


def _memory(field: str) -> int:
    """A field of /proc/self/status in kB (VmRSS: now, VmHWM: the peak); ru_maxrss where there is no /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def documents(sizes: list[int], jobs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        make_copies(Path(tmp) / "src", max(sizes))
        for n in sizes:
            child = subprocess.run([sys.executable, __file__, "--child", str(Path(tmp) / "src"), str(n), str(jobs)],
                                   capture_output=True, text=True, check=True)
            data = json.loads(child.stdout.strip().splitlines()[-1])
            assert data["ok"] == n, f"{n - data['ok']} organisations failed"
            per = data["elapsed"] / n
            print(f"{n} organisations, --documents-only --jobs {jobs}: {data['elapsed']:.1f} s, {per:.4f} s per"
                  f" organisation ({per / 0.06:.2f}× the 0.06 s target; 0.153 s before); parent CPU"
                  f" {data['parent_cpu'] / n * 1000:.1f} ms per organisation; parent peak RSS"
                  f" {data['rss_peak_kb'] / 1024:.0f} MB ({data['rss_before_kb'] / 1024:.0f} MB before the batch,"
                  f" {data['rss_after_kb'] / 1024:.0f} MB after it with the results)")
            subprocess.run(["rm", "-rf", str(Path(tmp) / f"out-{n}")], check=True)


def notebooks(n: int, jobs: int, serial: bool) -> None:
    from vakr.run.batch import run_batch
    from vakr.run.kernel import NOTEBOOKS, QUIET_KERNEL

    with tempfile.TemporaryDirectory() as tmp:
        orgs = make_copies(Path(tmp) / "src", n)
        t0 = time.perf_counter()
        results = run_batch(orgs, Path(tmp) / "run", jobs=jobs, today=None, progress=False)
        parallel = time.perf_counter() - t0
        assert all(r.status == "ok" for r in results), [r.message for r in results if r.status != "ok"]
        print(f"{n} organisations × {len(NOTEBOOKS)} notebooks")
        print(f"  vakr run --jobs {jobs}:            {parallel:7.1f} s ({parallel / n:.2f} s per organisation)")
        if not serial:
            print(f"  speed-up against the 261 s the serial loop took for 20 × 5 (2 cores): {261 * n / 20 / parallel:.2f}×")
            return
        import papermill

        t0 = time.perf_counter()
        for i, org in enumerate(orgs):
            out = Path(tmp) / "serial" / f"{i:04d}"
            out.mkdir(parents=True)
            for name in NOTEBOOKS:
                papermill.execute_notebook(
                    str(notebooks_dir() / f"{name}.ipynb"), str(out / f"{name}.ipynb"),
                    parameters={"org_path": str(org), "out_dir": str(out), "today": ""},
                    cwd=str(notebooks_dir()), progress_bar=False, kernel_name="python3",
                    extra_arguments=QUIET_KERNEL,  # the kernel's log only: as quiet as the batch's kernels
                )
        loop = time.perf_counter() - t0
        print(f"  serial loop of papermill:     {loop:7.1f} s ({loop / n:.2f} s per organisation)")
        print(f"  speed-up: {loop / parallel:.2f}×")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _documents_child(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--overhead", type=int, default=200)
    parser.add_argument("--documents", type=int, nargs="*", default=[1000])
    parser.add_argument("--notebooks", type=int, default=20)
    parser.add_argument("--no-serial", action="store_true")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if args.overhead:
        overhead(args.overhead)
    sizes = [n for n in args.documents if n]
    if sizes:
        documents(sizes, args.jobs)
    if args.notebooks:
        notebooks(args.notebooks, args.jobs, not args.no_serial)


if __name__ == "__main__":
    main()
