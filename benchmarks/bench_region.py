"""Benchmark (not a test): `vakr region` over 10,000 organisations — reading their records, aggregating and writing
every output (region.xlsx, four heat maps, region.html, kartogramma.csv and kartogramma.xlsx).

    .venv/bin/python benchmarks/bench_region.py [N] [--heavy]

The organisations are copies of the bundled examples (the akimat's 15 risks with a year of plan execution, the
quasi-public company's 4; the fictional set of data/examples/region/ when it is there), each evaluated once, given
its own slug, name, region, type and superior body, and written as a `vakr run` output folder
(``OUT/<slug>/evaluation.json`` and ``summary.csv``) in a temporary folder — the source `vakr region` reads without
evaluating anything again. Prints the time of each stage, the total and the time per organisation; target: well
under a minute. ``--heavy``: every organisation a copy of the akimat (15 risks each, a plan of 15 measures).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from vakr.evaluation.evaluate import evaluate
from vakr.methodology.loader import load_catalogue
from vakr.organisation.load import load_organisation_with_warnings
from vakr.paths import examples_dir
from vakr.region import RECORD_FILE, OrgRecord, aggregate, load_sources, record_bytes, record_of, write_region
from vakr.region.heatmap import heatmaps
from vakr.region.kartogramma import kartogramma_csv, kartogramma_xlsx
from vakr.region.page import region_page
from vakr.region.xlsx import region_workbook

N = 10_000
TODAY = dt.date(2026, 6, 15)
REGIONS = ["Абайская область", "Акмолинская область", "Актюбинская область", "Алматинская область",
           "Атырауская область", "Восточно-Казахстанская область", "Жамбылская область", "Жетысуская область",
           "Западно-Казахстанская область", "Карагандинская область", "Костанайская область", "Кызылординская область",
           "Мангистауская область", "Павлодарская область", "Северо-Казахстанская область", "Туркестанская область",
           "Улытауская область", "город Астана", "город Алматы", "город Шымкент"]
TYPES = {"state_body": "Государственный орган", "akimat": "Местный исполнительный орган (аппарат акима, акимат)",
         "quasi_public": "Субъект квазигосударственного сектора", "other": "Иная организация"}
PARENTS = [None, "Министерство финансов", "АО «ФНБ «Самұрық-Қазына»", "Министерство юстиции", "АО «НУХ «Байтерек»"]


def templates(heavy: bool = False) -> list[OrgRecord]:
    catalogue = load_catalogue()
    files = [examples_dir() / "akimat-example.yaml"]
    if not heavy:
        files += [examples_dir() / "quasi-example.yaml", *sorted((examples_dir() / "region").glob("*.yaml"))]
    result = []
    for path in files:
        org, _ = load_organisation_with_warnings(path, catalogue)
        result.append(record_of(evaluate(org, catalogue), org, catalogue, TODAY))
    return result


def build(out: Path, n: int, heavy: bool) -> None:
    bases = templates(heavy)
    types = list(TYPES)
    for i in range(n):
        base = bases[i % len(bases)]
        org_type = types[i % len(types)]
        slug = f"org-{i:05d}"
        org = base.organisation.model_copy(update={
            "name": f"{base.organisation.name} № {i}", "slug": slug, "region": REGIONS[i % len(REGIONS)],
            "type": org_type, "type_title": TYPES[org_type], "parent": PARENTS[i % len(PARENTS)]})
        (out / slug).mkdir(parents=True)
        (out / slug / RECORD_FILE).write_bytes(record_bytes(base.model_copy(update={"organisation": org})))
    (out / "summary.csv").write_text("\ufeffОрганизация,Файл,Статус\n", encoding="utf-8")


def main() -> None:
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    n = int(numbers[0]) if numbers else N
    heavy = "--heavy" in sys.argv
    catalogue = load_catalogue()
    with tempfile.TemporaryDirectory(prefix="vakr-bench-region-") as tmp:
        run = Path(tmp) / "run"
        t0 = time.perf_counter()
        build(run, n, heavy)
        prepared = time.perf_counter() - t0
        timings: list[tuple[str, float]] = []

        def timed(what: str, func, *args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            value = func(*args, **kwargs)
            timings.append((what, time.perf_counter() - start))
            return value

        sources = timed("read the records", load_sources, [run], catalogue, today=TODAY)
        assert len(sources.records) == n and not sources.failures
        summary = timed("aggregate", aggregate, sources.records, today=TODAY, by="region", catalogue=catalogue,
                        sources=sources.arguments)
        # Each output once on its own (their sum is what write_region spends)…
        timed("  region.xlsx", region_workbook, summary)
        timed("  heat maps (4 PNG)", heatmaps, summary)
        page = timed("  region.html", region_page, summary)
        timed("  kartogramma.csv", kartogramma_csv, summary.records)
        timed("  kartogramma.xlsx", kartogramma_xlsx, summary.records, TODAY)
        # …and the command's path: all outputs built and written as one set.
        written = timed("write every output (write_region)", write_region, summary, Path(tmp) / "region")
        total = timings[0][1] + timings[1][1] + timings[-1][1]
        risks = sum(len(r.risks) for r in summary.records)
        print(f"vakr region: {n:,} organisations, {risks:,} risks (records prepared in {prepared:.1f} s)")
        for what, seconds in timings:
            print(f"  {what:<36} {seconds:7.2f} s")
        print(f"  {'total (read + aggregate + write)':<36} {total:7.2f} s = {1000 * total / n:.2f} ms per organisation")
        for path in written:
            print(f"    {path.name:<28} {path.stat().st_size / 1e6:7.2f} MB")
        print(f"  region.html: {len(page.encode()) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
