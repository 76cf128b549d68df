"""What the notebooks call: load one organisation's run from the papermill parameters, and show results.

Notebooks stay thin: a ``parameters`` cell, then cells of one call each. Tables are shown as Markdown (stable text
for nbval, clean tables when Quarto embeds them); figures as PNG.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from vakr.calendar.deadlines import PeriodicDuty, Schedule
from vakr.calendar.deadlines import periodic_duties as duties
from vakr.documents import render_documents
from vakr.documents.package import write_package
from vakr.documents.tables import to_markdown
from vakr.documents.wording import wording
from vakr.evaluation.evaluate import Evaluation, evaluate
from vakr.evaluation.kazakh import kazakh_version
from vakr.formatting import Lang, languages, long_date
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import default_catalogue
from vakr.organisation.load import load_organisation
from vakr.organisation.model import Organisation
from vakr.paths import project_root
from vakr.problems import Problem

EMPTY_TEXT = "Коррупционные риски не выявлены."


@dataclass
class NotebookRun:
    """One organisation's data as the notebooks see it."""

    catalogue: Catalogue
    organisation: Organisation
    evaluation: Evaluation
    out_dir: Path | None
    today: dt.date | None
    langs: tuple[Lang, ...] = ("ru",)  # the languages of the documents the notebooks write

    @property
    def schedule(self) -> Schedule:
        return self.evaluation.schedule


def resolve(path: str) -> Path:
    """A parameter path: absolute as given, relative to the repository root otherwise (so the stored example
    notebooks work from any working directory)."""
    candidate = Path(path)
    return candidate if candidate.is_absolute() else project_root() / candidate


def load(org_path: str, out_dir: str = "", today: str = "", catalogue: Catalogue | None = None,
         lang: str = "ru") -> NotebookRun:
    """Read and validate the organisation, evaluate it as of ``today`` (ISO date; empty: no as-of checks).
    ``catalogue`` — default: the bundled methodology with the user's imported lists, loaded once; ``lang`` — the
    documents' language: «ru», «kk» or «ru+kk»."""
    catalogue = default_catalogue(catalogue)
    langs = languages(lang)
    organisation = load_organisation(resolve(org_path), catalogue)
    as_of = dt.date.fromisoformat(today) if today else None
    evaluation = evaluate(organisation, catalogue, today=as_of)
    return NotebookRun(catalogue, organisation, evaluation, resolve(out_dir) if out_dir else None, as_of, langs)


def show(obj: Any, empty: str = EMPTY_TEXT) -> None:
    """Display a DataFrame or Markdown text as Markdown, a matplotlib figure as PNG."""
    from IPython.display import Image, Markdown, display
    from matplotlib.figure import Figure

    if isinstance(obj, Figure):
        # PNG bytes, not display(fig): the figures of vakr.site.plots are not pyplot's, so no display hook knows them.
        png = io.BytesIO()
        obj.savefig(png, format="png", metadata={"Software": None})
        display(Image(data=png.getvalue(), format="png"))
        return
    if isinstance(obj, pd.DataFrame):
        text = to_markdown(obj) if len(obj) else empty
    else:
        text = str(obj) or empty
    display(Markdown(text))


def heading(run: NotebookRun) -> str:
    """«**Организация** — ВАКР с … по …; по состоянию на …» for the top of each notebook."""
    p = run.organisation.profile
    as_of = f"; сроки проверены на {long_date(run.today)}" if run.today else ""
    return f"**{p.name}** — ВАКР с {long_date(p.vakr_start)} по {long_date(p.vakr_end)}{as_of}."


def periodic_duties(run: NotebookRun) -> list[PeriodicDuty]:
    """The periodic duties of projects 1–4 for the organisation's type in the year its ВАКР starts."""
    p = run.organisation.profile
    return duties(p.vakr_start.year, p.type, six_day_week=p.work_week == 6, catalogue=run.catalogue)


# Which documents each notebook writes into out_dir.
DOCUMENTS_OF = {
    "schedule": ("schedule.ics",),
    "report": ("report.docx",),
    "plan": ("plan.docx", "plan.xlsx"),
    "positions": ("positions.docx", "positions.xlsx"),
}


def write(run: NotebookRun, notebook: str) -> str:
    """Write this notebook's documents into ``out_dir`` and say which (Markdown); nothing without ``out_dir``."""
    if run.out_dir is None:
        return "Файлы не записываются: параметр `out_dir` не задан (пример из репозитория)."
    langs = run.langs
    names = tuple(wording(lang).file_name(name) for lang in langs for name in DOCUMENTS_OF[notebook])
    rendered = render_documents(run.evaluation, run.catalogue, only=names, langs=langs)
    for name in names:
        write_package(run.out_dir / name, rendered[name])
    text = "Записаны файлы: " + ", ".join(f"`{name}`" for name in names) + "."
    if "kk" in langs and (missing := kazakh_version(run.evaluation, run.catalogue).warning()):
        text += f"\n\n{missing.message}"
    return text


def warnings_markdown(problems: Sequence[Problem | str], none: str = "Предупреждений нет.") -> str:
    """A bullet per problem, with its place in the organisation's file when it has one."""
    return "\n".join(f"- {p}" for p in problems) if problems else none


def suggestions_markdown(run: NotebookRun) -> str:
    """How many values of the documents vakr suggested, by kind, and what the analyst does about them."""
    summary = run.evaluation.suggestion_summary()
    if not summary:
        return "Все значения указаны аналитиком: предложенных программой нет."
    return (f"{summary[:1].upper()}{summary[1:]}. В документах Word эти значения помечены знаком «◊», в книге Excel "
            "выделены цветом и перечислены в последнем столбце. Впишите свои значения в файл организации или "
            "подтвердите предложенные; `vakr report --strict` не запишет документы, пока они остаются.")
