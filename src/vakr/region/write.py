"""All outputs of ``vakr region`` as one set of files in ``--out``, written all or nothing
(:func:`vakr.io_files.write_set`): the previous complete set stays, or the new one is complete.

Before any work :func:`check_out` refuses, in Russian, an ``--out`` that is a file or cannot be written, a workbook of
the set open in Excel or LibreOffice (its lock file beside it) and an output that would replace one of the sources.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from vakr.errors import UsageError
from vakr.io_files import check_target, lock_files, write_set
from vakr.region.aggregate import RegionSummary
from vakr.region.heatmap import DEFAULT_TOP, HEATMAP_VIEWS, heatmaps
from vakr.region.kartogramma import kartogramma_csv, kartogramma_xlsx
from vakr.region.page import region_page
from vakr.region.sources import collector_paused
from vakr.region.xlsx import region_workbook

WORKBOOKS = ("region.xlsx", "kartogramma.xlsx")


def region_file_names() -> list[str]:
    """The names of the files of the set, in the order they are written."""
    return ["region.xlsx", *HEATMAP_VIEWS.values(), "region.html", "kartogramma.csv", "kartogramma.xlsx"]


def check_out(out: str | Path, sources: Sequence[str | Path] = ()) -> Path:
    """Refuse, before any work, an ``out`` where the set cannot be written (see the module docstring)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out: {out} — файл, а не папка. Укажите папку для результатов свода.")
    names = region_file_names()
    for name in names:
        check_target(out / name)
    for name in WORKBOOKS:
        for lock in lock_files(out / name):
            if lock.exists():
                raise UsageError(f"--out: книга {out / name} открыта в Excel или LibreOffice (рядом есть файл"
                                 f" {lock.name}); закройте её и повторите команду.")
    inputs = {Path(s).resolve() for s in sources}
    for name in names:
        if (out / name).resolve() in inputs:
            raise UsageError(f"--out: {name} записался бы поверх источника {out / name}; укажите другую папку для"
                             " результатов свода.")
    return out


def region_files(summary: RegionSummary, top: int = DEFAULT_TOP) -> dict[str, bytes]:
    """Every file of the set by name (:func:`region_file_names`); the same summary gives the same bytes."""
    with collector_paused():
        files: dict[str, bytes] = {"region.xlsx": region_workbook(summary)}
        files.update(heatmaps(summary, top))
        files["region.html"] = region_page(summary).encode("utf-8")
        files["kartogramma.csv"] = kartogramma_csv(summary.records)
        files["kartogramma.xlsx"] = kartogramma_xlsx(summary.records, summary.today)
    return files


def write_region(summary: RegionSummary, out: str | Path, top: int = DEFAULT_TOP) -> list[Path]:
    """Write the set into ``out`` all or nothing; returns the paths in the order of :func:`region_file_names`."""
    out = check_out(out, summary.sources)
    return write_set(out, region_files(summary, top))
