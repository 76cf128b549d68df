"""Many organisations at once (``vakr region``): where corruption risks concentrate, which indicator repeats across
bodies, how the plans are executed, who is late — for regional akimats, the Agency's territorial departments and
holding companies.

Usage::

    import datetime as dt
    from vakr.methodology.loader import load_catalogue
    from vakr.region import aggregate, load_sources, write_region

    catalogue = load_catalogue()
    sources = load_sources(["out/", "data/examples/region/"], catalogue, today=dt.date(2026, 6, 15))
    summary = aggregate(sources.records, today=dt.date(2026, 6, 15), by="region", min_orgs=2,
                        catalogue=catalogue, sources=sources.arguments, failures=sources.failures,
                        notes=sources.notes)
    summary.organisations[0].name, summary.organisations[0].by_level   # the first of the ranking
    summary.systemic[0].indicator_label, summary.systemic[0].share     # the most repeated indicator
    write_region(summary, "region-out/")  # region.xlsx, region.html, heat maps, картограмма — all or nothing

Or in one call: ``summary = region_summary(["out/"], today=…, by="parent", catalogue=catalogue)``.

The layers, one module each:

* :mod:`.record` — ``evaluation.json``, the record of one evaluated organisation (:func:`render_record`,
  :func:`read_record`); ``vakr run`` writes it into each organisation's folder;
* :mod:`.sources` — records, workbooks and YAML files, folders of them and ``vakr run`` output folders
  (:func:`load_sources`; one broken organisation is reported and the others go on);
* :mod:`.aggregate` — the views as dataclasses (:func:`aggregate` → :class:`RegionSummary`); the rules of ranking,
  systemic risks, plan execution and missed deadlines are stated there;
* :mod:`.xlsx`, :mod:`.heatmap`, :mod:`.page`, :mod:`.kartogramma` — the outputs: the workbook with a sheet per
  view, a heat map per matrix, a self-contained interactive page, each organisation's entry of the картограмма in
  a documented shape (the project's proposal until the portal's format is known);
* :mod:`.write` — all outputs as one set of files (:func:`region_files`, :func:`write_region`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from vakr.methodology.catalogue import Catalogue
from vakr.region.aggregate import (
    DEFAULT_MIN_ORGS,
    GROUP_BY_TITLES,
    NO_PARENT,
    Cell,
    Column,
    GroupBy,
    GroupRow,
    Level,
    MissedDeadline,
    OrgRow,
    PlanRow,
    RegionSummary,
    SystemicRisk,
    aggregate,
)
from vakr.region.heatmap import DEFAULT_TOP, HEATMAP_VIEWS, heatmap_png, heatmaps
from vakr.region.kartogramma import (
    KARTOGRAMMA_COLUMNS,
    KARTOGRAMMA_NOTE,
    KartogrammaColumn,
    kartogramma_csv,
    kartogramma_rows,
    kartogramma_xlsx,
)
from vakr.region.page import region_page
from vakr.region.record import (
    RECORD_FILE,
    RECORD_VERSION,
    OrgRecord,
    plan_counts,
    read_record,
    record_bytes,
    record_of,
    render_record,
)
from vakr.region.sources import SourceFailure, Sources, load_sources
from vakr.region.write import check_out, region_file_names, region_files, write_region
from vakr.region.xlsx import region_workbook


def region_summary(
    paths: Sequence[str | Path],
    *,
    today: dt.date,
    by: GroupBy = "region",
    min_orgs: int = DEFAULT_MIN_ORGS,
    catalogue: Catalogue | None = None,
) -> RegionSummary:
    """:func:`load_sources` then :func:`aggregate`, the failures and notes carried into the summary.
    ``catalogue`` — default: the bundled methodology with the user's imported lists (for the organisations' files
    to evaluate and for the matrices' columns)."""
    from vakr.methodology.loader import default_catalogue

    catalogue = default_catalogue(catalogue)
    sources = load_sources(paths, catalogue, today=today)
    return aggregate(sources.records, today=today, by=by, min_orgs=min_orgs, catalogue=catalogue,
                     sources=sources.arguments, failures=sources.failures, notes=sources.notes)


__all__ = [
    "DEFAULT_MIN_ORGS",
    "DEFAULT_TOP",
    "GROUP_BY_TITLES",
    "HEATMAP_VIEWS",
    "KARTOGRAMMA_COLUMNS",
    "KARTOGRAMMA_NOTE",
    "NO_PARENT",
    "RECORD_FILE",
    "RECORD_VERSION",
    "Cell",
    "Column",
    "GroupBy",
    "GroupRow",
    "KartogrammaColumn",
    "Level",
    "MissedDeadline",
    "OrgRecord",
    "OrgRow",
    "PlanRow",
    "RegionSummary",
    "SourceFailure",
    "Sources",
    "SystemicRisk",
    "aggregate",
    "check_out",
    "heatmap_png",
    "heatmaps",
    "kartogramma_csv",
    "kartogramma_rows",
    "kartogramma_xlsx",
    "load_sources",
    "plan_counts",
    "read_record",
    "record_bytes",
    "record_of",
    "region_file_names",
    "region_files",
    "region_page",
    "region_summary",
    "render_record",
    "write_region",
    "region_workbook",
]
