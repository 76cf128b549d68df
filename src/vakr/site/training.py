"""Interactive widgets for training sessions: a deadline calculator and a checklist explorer.

Each builder returns an ipywidgets container that already shows the result for its initial values, so a notebook
run top to bottom without a browser (nbval, papermill) produces real output; in Jupyter the result follows the
controls. The work is done by plain functions (``schedule_view``, ``area_view``) that tests call directly.
"""

from __future__ import annotations

import datetime as dt
import io

import ipywidgets as widgets
from IPython.display import Image, Markdown
from matplotlib.figure import Figure

from vakr.calendar.deadlines import vakr_schedule
from vakr.errors import VakrError
from vakr.evaluation.checklist import checklist_items
from vakr.evaluation.evaluate import Evaluation
from vakr.formatting import short_date
from vakr.markdown import pipe_table
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import default_catalogue
from vakr.site.plots import timeline_figure


def schedule_view(start: dt.date | None, end: dt.date | None, signed: dt.date | None = None,
                  six_day_week: bool = False, catalogue: Catalogue | None = None) -> tuple[str, Figure | None]:
    """Markdown of the ВАКР schedule for these dates (or the Russian reason it cannot be computed) and the chart.
    ``catalogue`` — default: the bundled methodology with the user's imported lists, loaded once."""
    if not start or not end:
        return "Укажите даты начала и завершения ВАКР.", None
    try:
        catalogue = default_catalogue(catalogue)
        schedule = vakr_schedule(start, end, signed=signed, six_day_week=six_day_week, catalogue=catalogue)
    except VakrError as exc:
        return f"**Ошибка:** {exc}", None
    if schedule.errors:
        return "**Даты противоречат друг другу:**\n\n" + "\n".join(f"- {w.message}" for w in schedule.errors), None
    rows = [[i, e.title, e.rule, short_date(e.date) + ("" if e.assumed else " (указана)")]
            for i, e in enumerate(schedule.events, 1)]
    lines = [pipe_table(["№", "Мероприятие", "Срок по методике", "Дата"], rows).rstrip("\n")]
    if schedule.warnings:
        lines += ["", "**Предупреждения:**", ""] + [f"- {w.message}" for w in schedule.warnings]
    return "\n".join(lines), timeline_figure(schedule, catalogue=catalogue)


def deadline_calculator(start: dt.date = dt.date(2025, 10, 1), end: dt.date = dt.date(2025, 11, 28),
                        catalogue: Catalogue | None = None) -> widgets.VBox:
    """Pick the start and end (and, optionally, the signing date) → the schedule table and chart update.
    ``catalogue`` — default: the bundled methodology with the user's imported lists, loaded once."""
    start_w = widgets.DatePicker(description="Начало ВАКР", value=start)
    end_w = widgets.DatePicker(description="Завершение", value=end)
    signed_w = widgets.DatePicker(description="Справка подписана", value=None)
    six_w = widgets.Checkbox(description="Шестидневная неделя", value=False)
    out = widgets.Output()

    def update(_change: object = None) -> None:
        text, fig = schedule_view(start_w.value, end_w.value, signed_w.value, six_w.value, catalogue)
        # append_display_data (not `with out:`) also works outside a kernel, e.g. in tests
        out.outputs = ()  # clear_output() only acts inside a kernel
        out.append_display_data(Markdown(text))
        if fig is not None:
            png = io.BytesIO()
            fig.savefig(png, format="png")
            out.append_display_data(Image(data=png.getvalue(), format="png"))

    for control in (start_w, end_w, signed_w, six_w):
        control.observe(update, names="value")
    update()
    return widgets.VBox([widgets.HBox([start_w, end_w]), widgets.HBox([signed_w, six_w]), out])


def area_view(code: str, evaluation: Evaluation | None = None, catalogue: Catalogue | None = None) -> str:
    """Markdown for one NPA factor or area: its indicators, typical situations and the example's findings.
    ``catalogue`` — default: the bundled methodology with the user's imported lists, loaded once."""
    catalogue = default_catalogue(catalogue)
    group = catalogue.group_of(code)
    items = [i for i in checklist_items(catalogue) if i.group_code == code]
    lines = [f"### {group.title}", ""]
    section = catalogue.section_of(group)
    if section:
        lines += [f"Раздел аналитической справки: {section.number}. {section.title}.", ""]
    lines += ["**Индикаторы:**", ""]
    lines += [f"{i.number}. {i.title}" if not i.group_level else f"- {i.title}" for i in items]
    situations = [(fn.title, fn.situation) for t, _, fn in catalogue.exemplary_functions() if code in t.areas]
    if situations:
        lines += ["", "**Типовые ситуации (примерный перечень коррупциогенных функций):**", ""]
        lines += [f"- {title} — {situation}" for title, situation in situations]
    if evaluation is not None:
        risks = evaluation.risks_of_group(code)
        lines += ["", f"**Риски примера ({evaluation.profile.name}):** {len(risks)}", ""]
        lines += [f"- {r.indicator_label}: {r.description} (балл {r.score}, {r.band_title.lower()})" for r in risks]
    return "\n".join(lines)


def checklist_explorer(evaluation: Evaluation | None = None, catalogue: Catalogue | None = None,
                       initial: str = "org.hr") -> widgets.VBox:
    """Pick a factor or an area → its indicators, typical situations and the example's findings. ``catalogue`` —
    default: the bundled methodology with the user's imported lists, loaded once."""
    catalogue = default_catalogue(catalogue)
    options = [(("НПА: " if g.code.startswith("npa.") else "") + g.title, g.code) for g in catalogue.indicator_groups()]
    picker = widgets.Dropdown(options=options, value=initial, description="Направление",
                              layout=widgets.Layout(width="90%"))
    out = widgets.Output()

    def update(_change: object = None) -> None:
        out.outputs = ()  # clear_output() only acts inside a kernel
        out.append_display_data(Markdown(area_view(picker.value, evaluation, catalogue)))

    picker.observe(update, names="value")
    update()
    return widgets.VBox([picker, out])
