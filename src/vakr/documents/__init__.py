"""Filled documents of a ВАКР, ready to sign: the analytical report, the plan of measures (Word and Excel), the
list of positions exposed to corruption risks (Word and Excel) and the schedule as a calendar file.

    from vakr.documents import write_documents
    catalogue = load_catalogue()
    paths = write_documents(evaluate(org, catalogue), "out/", catalogue)

Every document is rendered in memory first, every target is checked, and only then are the files written, all
together (:func:`vakr.io_files.write_set`): a failure leaves neither a half-written file nor a mix of new and old
documents. The same evaluation always gives byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

from vakr.calendar.ics import schedule_to_ics
from vakr.documents.plan import render_plan_docx, write_plan_docx
from vakr.documents.positions import render_positions_docx, write_positions_docx
from vakr.documents.report import render_report, write_report
from vakr.documents.xlsx import render_plan_xlsx, render_positions_xlsx, write_plan_xlsx, write_positions_xlsx
from vakr.evaluation.evaluate import Evaluation
from vakr.io_files import write_set
from vakr.methodology.catalogue import Catalogue

DOCUMENT_NAMES = ("report.docx", "plan.docx", "plan.xlsx", "positions.docx", "positions.xlsx", "schedule.ics")

__all__ = [
    "DOCUMENT_NAMES",
    "render_documents",
    "render_plan_docx",
    "render_plan_xlsx",
    "render_positions_docx",
    "render_positions_xlsx",
    "render_report",
    "write_documents",
    "write_plan_docx",
    "write_plan_xlsx",
    "write_positions_docx",
    "write_positions_xlsx",
    "write_report",
]


def render_documents(
    evaluation: Evaluation, catalogue: Catalogue, only: tuple[str, ...] | None = None
) -> dict[str, bytes]:
    """Every document (or those named in ``only``) as bytes, by file name, in the order of
    :data:`DOCUMENT_NAMES`."""
    profile = evaluation.profile
    renderers = {
        "report.docx": lambda: render_report(evaluation, catalogue),
        "plan.docx": lambda: render_plan_docx(evaluation, catalogue),
        "plan.xlsx": lambda: render_plan_xlsx(evaluation, catalogue),
        "positions.docx": lambda: render_positions_docx(evaluation, catalogue),
        "positions.xlsx": lambda: render_positions_xlsx(evaluation, catalogue),
        "schedule.ics": lambda: schedule_to_ics(evaluation.schedule, profile.name, profile.slug),
    }
    return {name: render() for name, render in renderers.items() if only is None or name in only}


def write_documents(evaluation: Evaluation, out_dir: str | Path, catalogue: Catalogue) -> list[Path]:
    """Write report.docx, plan.docx, plan.xlsx, positions.docx, positions.xlsx and schedule.ics into ``out_dir``
    (created if needed); return their paths in that order."""
    return write_set(Path(out_dir), render_documents(evaluation, catalogue))
