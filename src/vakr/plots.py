"""Charts: the ВАКР timeline and, for the evaluation, the likelihood × impact heat map and risks per area.

Functions return a matplotlib ``Figure`` and print nothing; ``save_figure`` writes a PNG without volatile metadata,
so the same input gives the same bytes. DejaVu Sans (matplotlib's default) has Cyrillic and Kazakh letters.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")  # headless: notebooks, CI and the runner have no display
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from .calendar import get_calendar  # noqa: E402
from .deadlines import Schedule  # noqa: E402
from .formatting import short_date  # noqa: E402

if TYPE_CHECKING:
    from .catalogue import RiskMatrix

SHORT_TITLES = {
    "announce_start": "Анонс начала ВАКР",
    "order": "Приказ о проведении ВАКР",
    "announce_discussion": "Анонс публичного обсуждения",
    "public_discussion": "Публичное обсуждение",
    "report_signed": "Подписание аналитической справки",
    "plan_approved": "Утверждение плана мероприятий",
    "publish": "Размещение справки и плана",
    "cartogram_update": "Актуализация картограммы",
    "monitoring_end": "Завершение мониторинга",
}


def timeline_figure(schedule: Schedule, title: str = "") -> Figure:
    """A Gantt-style chart: the ВАКР period as a bar, each deadline as a marker, non-working days shaded.

    The end of monitoring (a year after the report) is stated in the caption rather than stretching the axis.
    """
    near = [e for e in schedule.events if e.code != "monitoring_end"]
    first = min([schedule.start, *[e.date for e in near]]) - dt.timedelta(days=3)
    last = max([schedule.end, *[e.date for e in near]]) + dt.timedelta(days=10)
    fig, ax = plt.subplots(figsize=(11, 0.45 * (len(near) + 2) + 1.6), dpi=100)
    calendar = get_calendar(schedule.six_day_week)
    day = first
    shaded_label = "нерабочие дни"
    while day <= last:
        in_range = calendar.first_day <= day <= calendar.last_day
        if in_range and not calendar.is_working_day(day):
            ax.axvspan(day, day + dt.timedelta(days=1), color="#ECEFF1", zorder=0, label=shaded_label)
            shaded_label = None
        day += dt.timedelta(days=1)
    rows = ["Период проведения ВАКР", *[SHORT_TITLES.get(e.code, e.title) for e in near]]
    y = list(range(len(rows)))[::-1]
    ax.barh(y[0], (schedule.end - schedule.start).days + 1, left=schedule.start, height=0.5, color="#1565C0",
            zorder=2, label="ВАКР")
    for row, event in zip(y[1:], near):
        style = dict(marker="D", markersize=8, zorder=3)
        if event.assumed:
            ax.plot(event.date, row, markerfacecolor="white", markeredgecolor="#C62828", color="#C62828", **style)
        else:
            ax.plot(event.date, row, color="#2E7D32", **style)
        ax.annotate(short_date(event.date), (event.date, row), xytext=(8, -4), textcoords="offset points",
                    fontsize=8)
    ax.plot([], [], "D", markerfacecolor="white", markeredgecolor="#C62828", label="предельный срок (дата не указана)")
    ax.plot([], [], "D", color="#2E7D32", label="указанная дата")
    ax.set_yticks(y, rows, fontsize=9)
    ax.set_xlim(first, last)
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


def save_figure(fig: Figure, path: str | Path) -> Path:
    """PNG without creation-time metadata (byte-identical reruns); closes the figure."""
    path = Path(path)
    fig.savefig(path, format="png", metadata={"Software": None})
    plt.close(fig)
    return path
