"""What the notebooks call: load one organisation's run from the papermill parameters, and show results.

Notebooks stay thin: a ``parameters`` cell, then cells of one call each. Tables are shown as Markdown (stable text
for nbval, clean tables when Quarto embeds them); figures as PNG.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalogue import Catalogue, load_catalogue
from .deadlines import Schedule
from .evaluation import Evaluation, evaluate
from .organisation import Organisation
from .paths import project_root

EMPTY_TEXT = "Коррупционные риски по данному направлению не выявлены."


@dataclass
class NotebookRun:
    """One organisation's data as the notebooks see it."""

    catalogue: Catalogue
    organisation: Organisation
    evaluation: Evaluation
    out_dir: Path | None
    today: dt.date | None

    @property
    def schedule(self) -> Schedule:
        return self.evaluation.schedule


def resolve(path: str) -> Path:
    """A parameter path: absolute as given, relative to the repository root otherwise (so the stored example
    notebooks work from any working directory)."""
    candidate = Path(path)
    return candidate if candidate.is_absolute() else project_root() / candidate


def load(org_path: str, out_dir: str = "", today: str = "") -> NotebookRun:
    """Read and validate the organisation, evaluate it as of ``today`` (ISO date; empty: no as-of checks)."""
    from .io import load_organisation

    catalogue = load_catalogue()
    organisation = load_organisation(resolve(org_path), catalogue)
    as_of = dt.date.fromisoformat(today) if today else None
    evaluation = evaluate(organisation, catalogue, today=as_of)
    return NotebookRun(catalogue, organisation, evaluation, resolve(out_dir) if out_dir else None, as_of)


def show(obj: Any, empty: str = EMPTY_TEXT) -> None:
    """Display a DataFrame or Markdown text as Markdown, a matplotlib figure as PNG (then close it)."""
    from IPython.display import Markdown, display
    from matplotlib.figure import Figure

    if isinstance(obj, Figure):
        import matplotlib.pyplot as plt

        display(obj)
        plt.close(obj)
        return
    if hasattr(obj, "to_markdown"):
        from .documents.tables import to_markdown

        text = to_markdown(obj) if len(obj) else empty
    else:
        text = str(obj) or empty
    display(Markdown(text))


def warnings_markdown(messages: list[str], none: str = "Предупреждений нет.") -> str:
    return "\n".join(f"- {m}" for m in messages) if messages else none
