"""Heat maps of the matrices of ``vakr region`` as PNG: a row per organisation (or group), a column per
organisational area (or corruption factor in NPA), each cell the number of risks on the colour of their highest level.

Many organisations do not fit one picture: the first ``top`` of the ranking are drawn (groups: the ``top`` with the
most risks, by the same rule), and the title says so («первые 40 из 10 000 по рейтингу»). PNGs carry no creation
time or software stamp, so the same summary gives the same bytes. DejaVu Sans (matplotlib's default) has the
Cyrillic and Kazakh letters.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from vakr.formatting import plural
from vakr.region.aggregate import Cell, Column, GroupRow, RegionSummary

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DEFAULT_TOP = 40
# view → file name; the views are the four matrices.
HEATMAP_VIEWS: dict[str, str] = {
    "orgs_areas": "heatmap-orgs-areas.png",
    "orgs_factors": "heatmap-orgs-factors.png",
    "groups_areas": "heatmap-groups-areas.png",
    "groups_factors": "heatmap-groups-factors.png",
}
EMPTY_COLOR = "#F4F4F4"
_NAME_CHARS = 60
_LEFT, _TOP, _BOTTOM = 3.6, 0.75, 2.1  # inches


def _rgb(color: str) -> tuple[float, float, float]:
    return tuple(int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


# The usual abbreviations of legal forms, so a label shows the name itself rather than the form (longest first).
_LEGAL_FORMS = (
    ("Республиканское государственное учреждение", "РГУ"),
    ("Коммунальное государственное учреждение", "КГУ"),
    ("Государственное учреждение", "ГУ"),
    ("Республиканское государственное предприятие", "РГП"),
    ("Коммунальное государственное предприятие", "КГП"),
    ("Государственное коммунальное предприятие", "ГКП"),
    ("Акционерное общество", "АО"),
    ("Товарищество с ограниченной ответственностью", "ТОО"),
    ("Объединение юридических лиц", "ОЮЛ"),
    ("Некоммерческое акционерное общество", "НАО"),
)


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def _name_label(name: str) -> str:
    """An organisation's name for a heat map's row: its legal form abbreviated, then cut to the label's width."""
    name = " ".join(name.split())
    for form, abbreviation in sorted(_LEGAL_FORMS, key=lambda f: -len(f[0])):
        if name.casefold().startswith(form.casefold()):
            name = abbreviation + name[len(form):]
            break
    return _short(name, _NAME_CHARS)


def _group_key(group: GroupRow, summary: RegionSummary) -> tuple:
    return (*(-group.by_level.get(level.code, 0) for level in reversed(summary.levels)), group.name.casefold())


def _rows(summary: RegionSummary, view: str, top: int) -> tuple[list[str], list[dict[str, Cell]], str]:
    factors = view.endswith("factors")
    if view.startswith("orgs"):
        shown = summary.organisations[:top]
        names = [f"{row.rank}. {_name_label(row.name)}" for row in shown]
        cells = [row.factors if factors else row.areas for row in shown]
        total = len(summary.organisations)
        what = (f"первые {len(shown)} из {total:,} по рейтингу".replace(",", "\u00a0") if total > len(shown)
                else plural(total, "организация", "организации", "организаций"))
    else:
        groups = list(summary.groups)
        chosen = sorted(groups, key=lambda g: _group_key(g, summary))[:top] if len(groups) > top else groups
        keep = {g.name for g in chosen}
        shown_groups = [g for g in groups if g.name in keep]
        names = [f"{_short(g.name, _NAME_CHARS)} ({g.orgs})" for g in shown_groups]
        cells = [g.factors if factors else g.areas for g in shown_groups]
        total = len(groups)
        what = (f"{summary.by_title.lower()}: {len(shown_groups)} из {total} с наибольшим числом рисков"
                if total > len(shown_groups) else f"{summary.by_title.lower()}, в скобках — организаций")
    return names, cells, what


def heatmap_figure(summary: RegionSummary, view: str, top: int = DEFAULT_TOP) -> Figure:
    """The heat map of one view of :data:`HEATMAP_VIEWS` as a matplotlib figure."""
    import numpy as np
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    if view not in HEATMAP_VIEWS:
        raise ValueError(f"view: {view!r} — ожидается одно из {', '.join(HEATMAP_VIEWS)}")
    columns: Sequence[Column] = summary.factors if view.endswith("factors") else summary.areas
    names, cells, what = _rows(summary, view, top)
    n_rows, n_cols = max(len(names), 1), max(len(columns), 1)
    image = np.ones((n_rows, n_cols, 3))
    image[:, :] = _rgb(EMPTY_COLOR)
    # Inches: the names on the left, the columns' titles below (turned), the title above, the legend at the bottom.
    width, height = _LEFT + 0.72 * n_cols + 0.3, _TOP + 0.28 * n_rows + _BOTTOM
    fig = Figure(figsize=(width, height), dpi=100)
    fig.subplots_adjust(left=_LEFT / width, right=1 - 0.3 / width, top=1 - _TOP / height, bottom=_BOTTOM / height)
    ax = fig.add_subplot()
    for r, row in enumerate(cells):
        for c, col in enumerate(columns):
            cell = row.get(col.code)
            if cell is None or not cell.count:
                continue
            level = summary.level_by_code.get(cell.level or "")
            color = level.color if level else "#9E9E9E"
            image[r, c] = _rgb(color)
            rgb = _rgb(color)
            light = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] > 0.55
            ax.text(c, r, str(cell.count), ha="center", va="center", fontsize=8,
                    color="black" if light else "white")
    ax.imshow(image, aspect="auto", interpolation="nearest")
    ax.set_xticks(range(len(columns)))
    ax.set_xticklabels(["\n".join(textwrap.wrap(_short(f"{col.number}. {col.title}", 72), 26)) for col in columns],
                       rotation=90, ha="center", va="top", fontsize=7, linespacing=1.1)
    ax.set_yticks(range(len(names)))
    ax.set_yticklabels(names, fontsize=7)
    ax.set_xticks([x - 0.5 for x in range(1, len(columns))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(names))], minor=True)
    ax.grid(which="minor", color="white", linewidth=1)
    ax.tick_params(which="minor", length=0)
    subject = "организационно-управленческая деятельность" if view.endswith("areas") else "коррупционные факторы в НПА"
    rows_title = "Организации" if view.startswith("orgs") else f"Группы ({summary.by_title.lower()})"
    ax.set_title(f"{rows_title} × {subject}: число рисков, цвет — наивысший уровень\n({what}; на"
                 f" {summary.today:%d.%m.%Y})", fontsize=9)
    handles = [Patch(facecolor=level.color, label=level.title) for level in reversed(summary.levels)]
    handles.append(Patch(facecolor=EMPTY_COLOR, edgecolor="#BDBDBD", label="нет рисков"))
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.01, 0.0), ncol=len(handles), fontsize=7,
               frameon=False)
    if not names:
        ax.text((n_cols - 1) / 2, 0, "нет организаций", ha="center", va="center", fontsize=9)
    return fig


def heatmap_png(summary: RegionSummary, view: str, top: int = DEFAULT_TOP) -> bytes:
    """The PNG of one view (:data:`HEATMAP_VIEWS`), without creation-time metadata."""
    buffer = io.BytesIO()
    # A tight box: long names and titles are never cut at the picture's edge.
    heatmap_figure(summary, view, top).savefig(buffer, format="png", metadata={"Software": None}, bbox_inches="tight",
                                               pad_inches=0.15)
    return buffer.getvalue()


def heatmaps(summary: RegionSummary, top: int = DEFAULT_TOP) -> dict[str, bytes]:
    """Every heat map: file name → PNG."""
    return {name: heatmap_png(summary, view, top) for view, name in HEATMAP_VIEWS.items()}
