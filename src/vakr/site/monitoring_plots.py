"""Charts of the year after the ВАКР: the plan's measures on a timeline (due date against the date of execution,
coloured by state) and the events of a project by month.

Like :mod:`vakr.site.plots`: each function returns a matplotlib ``Figure`` of its own (no pyplot state) and prints
nothing; month labels come from :mod:`vakr.formatting`, not the locale, so the same input gives the same image.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from vakr.formatting import MONTHS_NOMINATIVE, short_date
from vakr.methodology.catalogue import Catalogue
from vakr.monitoring import Monitoring
from vakr.monitoring.model import PLAN_STATE_TITLES, PlanItem
from vakr.monitoring.text import percent_text
from vakr.organisation.model import Organisation
from vakr.site.monitoring import label, numbers, project_of
from vakr.site.plots import _x

STATE_COLORS = {"done": "#2E7D32", "done_late": "#EF6C00", "overdue": "#C62828", "due_soon": "#F9A825",
                "not_due": "#90A4AE"}
TODAY_COLOR = "#1565C0"
EVENT_COLORS = ("#1565C0", "#2E7D32", "#6A1B9A", "#00838F", "#AD1457", "#5D4037", "#F9A825")


def _end(item: PlanItem, today: dt.date) -> dt.date | None:
    """Where the measure's bar ends: the date of execution, or the date of monitoring for an overdue one."""
    if item.state in ("done", "done_late"):
        return item.done_on or item.due
    return today if item.state == "overdue" else None


def _plan_row(ax: Axes, row: int, item: PlanItem, today: dt.date) -> None:
    color = STATE_COLORS[item.state]
    end = _end(item, today)
    if end is not None and end != item.due:
        ax.plot([_x(item.due), _x(end)], [row, row], color=color, linewidth=4, alpha=0.45, solid_capstyle="butt")
    ax.plot(_x(item.due), row, marker="|", markersize=16, markeredgewidth=2, color="#37474F", zorder=3)
    if item.state in ("done", "done_late"):
        ax.plot(_x(end or item.due), row, "o", color=color, markersize=8, zorder=4)
    elif item.state == "overdue":
        ax.plot(_x(today), row, ">", color=color, markersize=8, zorder=4)
    else:
        ax.plot(_x(item.due), row, "o", markerfacecolor="white", markeredgecolor=color, markeredgewidth=2,
                markersize=8, zorder=4)
    if item.partial:
        ax.annotate("исполнено частично", (_x(end or item.due), row), xytext=(8, -4), textcoords="offset points",
                    fontsize=8, color=color)


def plan_timeline_figure(m: Monitoring, title: str = "") -> Figure:
    """One row per measure of the plan: the due date as a tick, the date of execution as a dot, the bar between
    them (or up to the date of monitoring, for an overdue measure) in the colour of the measure's state."""
    items = m.plan
    fig = Figure(figsize=(11, 0.42 * max(len(items), 1) + 2.2), dpi=100, layout="constrained")
    ax = fig.subplots()
    if not items:
        ax.text(0.5, 0.5, "Исполнение плана мероприятий не внесено", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    rows = list(range(len(items)))[::-1]
    for row, item in zip(rows, items):
        _plan_row(ax, row, item, m.today)
    dates = [m.today, *(i.due for i in items), *(i.done_on for i in items if i.done_on)]
    right = dt.timedelta(days=40 if any(i.partial for i in items) else 12)  # room for «исполнено частично»
    ax.set_xlim(_x(min(dates) - dt.timedelta(days=12)), _x(max(dates) + right))
    ax.axvline(_x(m.today), color=TODAY_COLOR, linestyle="--", linewidth=1, zorder=2)
    names = [f"{i.number} {textwrap.shorten(i.measure, 46, placeholder='…')}" for i in items]
    ax.set_yticks(rows, names, fontsize=8)
    ax.set_ylim(-0.8, len(items) - 0.2)
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%m.%Y"))
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", color="#CFD8DC", linewidth=0.5, zorder=1)
    handles = [Line2D([], [], marker="|", linestyle="", markersize=12, markeredgewidth=2, color="#37474F",
                      label="срок по плану"),
               Line2D([], [], color=TODAY_COLOR, linestyle="--", label=f"дата мониторинга {short_date(m.today)}")]
    handles += [Line2D([], [], marker="o", linestyle="-", linewidth=4, alpha=0.8, color=STATE_COLORS[s], label=t)
                for s, t in PLAN_STATE_TITLES.items() if m.counts[s]]
    fig.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=8, frameon=False)
    done = m.counts["done"] + m.counts["done_late"]
    fig.suptitle(title or f"Исполнение плана мероприятий на {short_date(m.today)}: исполнено {done} мер из"
                 f" {len(items)}; процент исполнения — {percent_text(m.percent)}", fontsize=11, x=0.01, ha="left")
    return fig


def events_figure(m: Monitoring, org: Organisation, catalogue: Catalogue, project: int = 4) -> Figure:
    """The events of the project's duties held in each month of the year up to the date of monitoring, stacked by
    duty; a cross marks the month of each due date the records do not show met."""
    events = [e for e in org.year.events
              if e.date.year == m.year and e.date <= m.today and project_of(catalogue, e.duty) == project]
    found = numbers(catalogue)
    codes = sorted({e.duty for e in events}, key=lambda c: [int(n) for n in found[c].split(".")])
    fig = Figure(figsize=(11, 4.6), dpi=100, layout="constrained")
    ax = fig.subplots()
    months = list(range(1, 13))
    bottom = [0] * 12
    for code, color in zip(codes, EVENT_COLORS * 3):
        counts = [sum(1 for e in events if e.duty == code and e.date.month == month) for month in months]
        name = textwrap.shorten(label(catalogue, code), 70, placeholder="…")
        ax.bar(months, counts, bottom=bottom, color=color, width=0.7, label=name, zorder=2)
        bottom = [a + b for a, b in zip(bottom, counts)]
    missed = [d for d in m.duties if d.project == project and d.state == "overdue" and d.due.year == m.year]
    if missed:
        ax.plot([d.due.month for d in missed], [0] * len(missed), "X", color="#C62828", markersize=11, zorder=3,
                clip_on=False, label="срок обязанности пропущен (нет мероприятия)")
    position = m.today.month + (m.today.day - 1) / 31 - 0.5
    if m.today.year == m.year:
        ax.axvline(position, color=TODAY_COLOR, linestyle="--", linewidth=1,
                   label=f"дата мониторинга {short_date(m.today)}")
    ax.set_xticks(months, [name[:3] for name in MONTHS_NOMINATIVE], fontsize=9)
    ax.set_xlim(0.4, 12.6)
    ax.set_ylim(0, max([*bottom, 1]) + 1)
    ax.locator_params(axis="y", integer=True)
    ax.set_ylabel("Мероприятий", fontsize=9)
    ax.grid(axis="y", color="#CFD8DC", linewidth=0.5, zorder=1)
    if not events:
        ax.text(0.5, 0.6, f"Мероприятий проекта {project} за {m.year} год не записано", ha="center",
                transform=ax.transAxes)
    if ax.get_legend_handles_labels()[0]:
        fig.legend(loc="outside lower center", ncols=2, fontsize=8, frameon=False)
    ax.set_title(f"Мероприятия проекта {project} по месяцам {m.year} года (на {short_date(m.today)})", fontsize=11,
                 loc="left")
    return fig
