"""Charts: the ВАКР timeline and, for the evaluation, the likelihood × impact heat map and risks per area.

Functions return a matplotlib ``Figure`` and print nothing; ``save_figure`` writes a PNG without volatile metadata,
so the same input gives the same bytes. DejaVu Sans (matplotlib's default) has Cyrillic and Kazakh letters.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib.dates as mdates
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from vakr.calendar.deadlines import Schedule
from vakr.calendar.kazakhstan import get_calendar
from vakr.formatting import short_date
from vakr.io_files import write_atomic
from vakr.methodology.loader import default_catalogue

if TYPE_CHECKING:
    from vakr.evaluation.evaluate import Evaluation
    from vakr.methodology.catalogue import Catalogue


def _x(day: dt.date) -> float:
    """A day as matplotlib's date number (days since its epoch): the x coordinate of the timeline, which its date
    locator and formatter read."""
    return float(mdates.date2num(day))


def timeline_figure(schedule: Schedule, title: str = "", catalogue: Catalogue | None = None) -> Figure:
    """A Gantt-style chart: the ВАКР period as a bar, each deadline as a marker, non-working days shaded. Each
    event is named by the short title of its subtask (``short_title`` in projects.yaml).

    The end of monitoring (a year after the report) is stated in the caption rather than stretching the axis.
    ``catalogue`` — default: the bundled methodology with the user's imported lists, loaded once.
    """
    subtasks = default_catalogue(catalogue).event_subtasks()
    short_titles = {code: sub.short_title for code, sub in subtasks.items()}
    near = [e for e in schedule.events if e.code != "monitoring_end"]
    first = min([schedule.start, *[e.date for e in near]]) - dt.timedelta(days=3)
    last = max([schedule.end, *[e.date for e in near]]) + dt.timedelta(days=10)
    # A Figure of its own, not pyplot's: no backend is chosen or switched (a Jupyter user's stays as it is).
    fig = Figure(figsize=(11, 0.45 * (len(near) + 2) + 1.6), dpi=100)
    ax = fig.subplots()
    calendar = get_calendar(schedule.six_day_week)
    day = first
    shaded_label: str | None = "нерабочие дни"
    while day <= last:
        in_range = calendar.first_day <= day <= calendar.last_day
        if in_range and not calendar.is_working_day(day):
            ax.axvspan(_x(day), _x(day + dt.timedelta(days=1)), color="#ECEFF1", zorder=0, label=shaded_label)
            shaded_label = None
        day += dt.timedelta(days=1)
    rows = ["Период проведения ВАКР", *[short_titles.get(e.code) or e.title for e in near]]
    y = list(range(len(rows)))[::-1]
    ax.barh(y[0], (schedule.end - schedule.start).days + 1, left=_x(schedule.start), height=0.5, color="#1565C0",
            zorder=2, label="ВАКР")
    for row, event in zip(y[1:], near):
        if event.assumed:
            ax.plot(_x(event.date), row, marker="D", markersize=8, zorder=3, markerfacecolor="white",
                    markeredgecolor="#C62828", color="#C62828")
        else:
            ax.plot(_x(event.date), row, marker="D", markersize=8, zorder=3, color="#2E7D32")
        late = not event.assumed and event.date > event.deadline
        note = " — срок нарушен" if late else " (предварительно)" if event.provisional and event.assumed else ""
        ax.annotate(short_date(event.date) + note, (_x(event.date), row), xytext=(8, -4),
                    textcoords="offset points", fontsize=8, color="#C62828" if late else "black")
    ax.plot([], [], "D", markerfacecolor="white", markeredgecolor="#C62828", label="предельный срок (дата не указана)")
    ax.plot([], [], "D", color="#2E7D32", label="указанная дата")
    ax.set_yticks(y, rows, fontsize=9)
    ax.set_xlim(_x(first), _x(last))
    ax.set_ylim(-0.8, len(rows) - 0.2)
    ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d.%m"))
    ax.tick_params(axis="x", labelsize=8, rotation=90)
    ax.grid(axis="x", color="#CFD8DC", linewidth=0.5, zorder=1)
    monitoring = next((e for e in schedule.events if e.code == "monitoring_end"), None)
    caption = f"Мониторинг исполнения плана — до {short_date(monitoring.date)}" if monitoring else ""
    ax.set_title(title or "График ВАКР", fontsize=11, loc="left")
    ax.set_xlabel(caption, fontsize=9)
    ax.legend(loc="upper right", fontsize=8, framealpha=0.9)
    fig.tight_layout()
    return fig


def heatmap_figure(evaluation: Evaluation, catalogue: Catalogue, title: str = "") -> Figure:
    """The 5 × 5 risk map: likelihood across, impact up, each cell coloured by its band and showing how many
    risks fall there."""
    matrix = catalogue.risk_matrix
    counts = [[0] * 5 for _ in range(5)]
    for risk in evaluation.risks:
        counts[risk.impact - 1][risk.likelihood - 1] += 1
    fig = Figure(figsize=(9, 6.5), dpi=100, layout="constrained")
    ax = fig.subplots()
    for impact in range(1, 6):
        for likelihood in range(1, 6):
            band = matrix.band_for(impact * likelihood)
            n = counts[impact - 1][likelihood - 1]
            ax.add_patch(Rectangle((likelihood - 0.5, impact - 0.5), 1, 1, facecolor=band.color,
                                       alpha=0.85 if n else 0.35, edgecolor="white", linewidth=2))
            ax.text(likelihood, impact, str(n) if n else "", ha="center", va="center", fontsize=16,
                    fontweight="bold", color="white")
            ax.text(likelihood + 0.42, impact - 0.42, str(impact * likelihood), ha="right", va="bottom",
                    fontsize=7, color="white")
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.5, 5.5)
    ax.set_xticks(range(1, 6), [f"{lv.value}\n{lv.title}" for lv in matrix.likelihood], fontsize=8)
    ax.set_yticks(range(1, 6), [f"{lv.title}\n{lv.value}" for lv in matrix.impact], fontsize=8)
    ax.set_xlabel("Вероятность", fontsize=10)
    ax.set_ylabel("Последствия", fontsize=10)
    handles = [Rectangle((0, 0), 1, 1, color=b.color) for b in matrix.bands]
    labels = [f"{b.title} ({b.min_score}–{b.max_score}): {evaluation.counts_by_band[b.code]}" for b in matrix.bands]
    fig.legend(handles, labels, loc="outside right upper", fontsize=8, title="Уровень риска", title_fontsize=9)
    ax.set_title(title or f"Карта коррупционных рисков: {len(evaluation.risks)}", fontsize=11, loc="left")
    ax.set_aspect("equal")
    return fig


def risks_by_area_figure(evaluation: Evaluation, catalogue: Catalogue, title: str = "") -> Figure:
    """Risks per NPA factor and organisational area, stacked by band; groups without risks are left out."""
    matrix = catalogue.risk_matrix
    groups = [g for g in catalogue.indicator_groups() if evaluation.risks_of_group(g.code)]
    fig = Figure(figsize=(10, 0.5 * max(len(groups), 1) + 1.5), dpi=100, layout="constrained")
    ax = fig.subplots()
    names = [("НПА: " if g.code.startswith("npa.") else "") + g.title for g in groups]
    y = list(range(len(groups)))[::-1]
    left = [0] * len(groups)
    for band in matrix.bands:
        values = [sum(1 for r in evaluation.risks_of_group(g.code) if r.band == band.code) for g in groups]
        ax.barh(y, values, left=left, color=band.color, label=band.title, height=0.6)
        left = [a + b for a, b in zip(left, values)]
    ax.set_yticks(y, [n if len(n) <= 60 else n[:57] + "…" for n in names], fontsize=8)
    ax.locator_params(axis="x", integer=True)
    ax.set_xlabel("Количество рисков", fontsize=9)
    ax.legend(fontsize=8, loc="lower right")
    ax.set_title(title or "Риски по сферам и факторам", fontsize=11, loc="left")
    return fig


def save_figure(fig: Figure, path: str | Path) -> Path:
    """PNG without creation-time metadata (byte-identical reruns)."""
    return write_atomic(path, lambda tmp: fig.savefig(tmp, format="png", metadata={"Software": None}))
