"""Filled documents of a ВАКР, ready to sign: the analytical report, the plan of measures (Word and Excel), the
list of positions exposed to corruption risks (Word and Excel) and the schedule as a calendar file; and the
documents of the year after it: the information on the plan's execution (Word and Excel), the quarterly report on
direction No. 4 (Word and Excel) and the year's calendar file.

    from vakr.documents import write_documents, write_year_documents
    catalogue = load_catalogue()
    paths = write_documents(evaluate(org, catalogue), "out/", catalogue)
    paths = write_year_documents(org, catalogue, dt.date(2026, 6, 15), "out/")

Every document is rendered in memory first, every target is checked, and only then are the files written, all
together (:func:`vakr.io_files.write_set`): a failure leaves neither a half-written file nor a mix of new and old
documents. The same evaluation always gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path

from vakr.calendar.ics import schedule_to_ics
from vakr.documents.execution import render_execution_docx
from vakr.documents.execution_xlsx import render_execution_xlsx, render_status_xlsx
from vakr.documents.plan import render_plan_docx, write_plan_docx
from vakr.documents.positions import render_positions_docx, write_positions_docx
from vakr.documents.report import render_report, write_report
from vakr.documents.status_report import quarter_of, quarter_status, render_status_docx, status_file_stem
from vakr.documents.wording import in_language, wording
from vakr.documents.xlsx import render_plan_xlsx, render_positions_xlsx, write_plan_xlsx, write_positions_xlsx
from vakr.evaluation.evaluate import Evaluation
from vakr.formatting import Lang
from vakr.io_files import write_set
from vakr.methodology.catalogue import Catalogue
from vakr.monitoring import monitor, year_ics
from vakr.organisation.model import Organisation

# The documents of a ВАКР in one language (in Kazakh: report.kk.docx …).
LANGUAGE_DOCUMENTS = ("report.docx", "plan.docx", "plan.xlsx", "positions.docx", "positions.xlsx", "schedule.ics")
DOCUMENT_NAMES = LANGUAGE_DOCUMENTS

__all__ = [
    "DOCUMENT_NAMES",
    "LANGUAGE_DOCUMENTS",
    "document_names",
    "render_documents",
    "render_execution_docx",
    "render_execution_xlsx",
    "render_status_docx",
    "render_status_xlsx",
    "render_year_documents",
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
    "write_year_documents",
    "year_document_names",
]


def document_names(langs: tuple[Lang, ...] = ("ru",)) -> tuple[str, ...]:
    """The files of a ВАКР in ``langs``: each language's documents and schedule («report.docx» …, «report.kk.docx»
    …)."""
    return tuple(wording(lang).file_name(name) for lang in langs for name in LANGUAGE_DOCUMENTS)


def _schedule_ics(evaluation: Evaluation, catalogue: Catalogue, lang: Lang) -> bytes:
    evaluation, _, w = in_language(evaluation, catalogue, lang)
    return schedule_to_ics(evaluation.schedule, evaluation.profile.name, evaluation.profile.slug, w.ics)


def render_documents(
    evaluation: Evaluation, catalogue: Catalogue, only: tuple[str, ...] | None = None,
    langs: tuple[Lang, ...] = ("ru",),
) -> dict[str, bytes]:
    """Every document in ``langs`` (or those named in ``only``) as bytes, by file name, in the order of
    :func:`document_names`."""
    renderers: dict[str, Callable[[], bytes]] = {}
    for lang in langs:
        name = wording(lang).file_name
        renderers |= {
            name("report.docx"): functools.partial(render_report, evaluation, catalogue, lang=lang),
            name("plan.docx"): functools.partial(render_plan_docx, evaluation, catalogue, lang=lang),
            name("plan.xlsx"): functools.partial(render_plan_xlsx, evaluation, catalogue, lang=lang),
            name("positions.docx"): functools.partial(render_positions_docx, evaluation, catalogue, lang=lang),
            name("positions.xlsx"): functools.partial(render_positions_xlsx, evaluation, catalogue, lang=lang),
            name("schedule.ics"): functools.partial(_schedule_ics, evaluation, catalogue, lang),
        }
    return {name: render() for name, render in renderers.items() if only is None or name in only}


def write_documents(evaluation: Evaluation, out_dir: str | Path, catalogue: Catalogue,
                    langs: tuple[Lang, ...] = ("ru",)) -> list[Path]:
    """Write the documents in ``langs`` (:func:`document_names`) into ``out_dir`` (created if needed), all or
    nothing; return their paths in that order."""
    return write_set(Path(out_dir), render_documents(evaluation, catalogue, langs=langs))


def year_document_names(today: dt.date) -> tuple[str, ...]:
    """The files of the year on ``today``: the execution of the plan, the report on the quarter of ``today``, the
    calendar."""
    stem = status_file_stem(quarter_of(today))
    return ("execution.docx", "execution.xlsx", f"{stem}.docx", f"{stem}.xlsx", "year.ics")


def render_year_documents(org: Organisation, catalogue: Catalogue, today: dt.date,
                          year: int | None = None) -> dict[str, bytes]:
    """The documents of the year on ``today`` as bytes, by file name (:func:`year_document_names`): the information
    on the plan's execution, the report on the quarter of ``today``, and the calendar of the plan's measures and of
    the periodic duties of ``year`` (default: the year of ``today``)."""
    state = monitor(org, catalogue, today, year)
    status = quarter_status(org, catalogue, today)
    files = (render_execution_docx(org, state), render_execution_xlsx(org, state), render_status_docx(org, status),
             render_status_xlsx(org, status), year_ics(org, catalogue, state.year))
    return dict(zip(year_document_names(today), files))


def write_year_documents(org: Organisation, catalogue: Catalogue, today: dt.date, out_dir: str | Path,
                         year: int | None = None) -> list[Path]:
    """Write the documents of the year into ``out_dir`` (created if needed), all or nothing; return their paths."""
    return write_set(Path(out_dir), render_year_documents(org, catalogue, today, year))
