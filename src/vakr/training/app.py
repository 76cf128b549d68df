"""The training course as ipywidgets: one tab per topic, a case to solve, «Проверить», immediate feedback, and the
trainee's results with a CSV to download.

The checks are :mod:`vakr.training.grading`'s; this module only lays them out. Every answer is kept in the tab's
own :class:`vakr.training.session.TrainingSession` (a kernel per browser tab under Voilà, so nothing is shared
between trainees and nothing outlives the tab). The CSV is offered as a link with the file inside it, so the
server stores nothing.

CSS classes name the parts a browser test looks for: ``vakr-topic-<topic>`` (a tab's content), ``vakr-case``
(the case picker), ``vakr-check`` (the button), ``vakr-feedback`` (what the check says), ``vakr-results``.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
from collections.abc import Callable

import ipywidgets as widgets

from vakr.formatting import date_with_weekday
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import default_catalogue
from vakr.training.exercises import TOPICS, Course, load_course
from vakr.training.grading import (
    DeadlineQuestion,
    Feedback,
    check_deadline,
    check_indicator,
    check_npa,
    check_plan,
    check_scoring,
    deadline_questions,
    indicator_choices,
    npa_choices,
    plan_options,
)
from vakr.training.session import TrainingSession

CHOOSE = "— выберите —"
CSV_NAME = "итоги-обучения-vakr.csv"
_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_WIDE = widgets.Layout(width="95%")
_LABEL = {"description_width": "initial"}  # a control's label shown whole («Вероятность», not «Вероятно…»)


def parse_date(text: str) -> dt.date | None:
    """«14.03.2025» (or ISO «2025-03-14») → a date; None for an empty or impossible one."""
    text = (text or "").strip()
    if not text:
        return None
    match = _DATE.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def feedback_html(feedback: Feedback) -> str:
    """One check's result: «Верно» / «Неверно» with the right answer, and the explanation."""
    if feedback.correct:
        head = "✓ Верно."
    else:
        head = f"✗ Неверно. Правильный ответ: {html.escape(feedback.expected)}."
    css = "vakr-correct" if feedback.correct else "vakr-wrong"
    colour = "#2E7D32" if feedback.correct else "#C62828"
    return (f'<div class="{css}" style="border-left:4px solid {colour};padding:4px 10px;margin:6px 0">'
            f'<b>{head}</b><br>{html.escape(feedback.explanation).replace(chr(10), "<br>")}</div>')


def matrix_html(catalogue: Catalogue, likelihood: int | None = None, impact: int | None = None) -> str:
    """The 5 × 5 risk matrix coloured by level, the case's cell outlined."""
    matrix = catalogue.risk_matrix
    rows = ['<table style="border-collapse:collapse;font-size:90%"><tr><th>Вероятность \\ Последствия</th>']
    rows += [f'<th style="padding:2px 6px">{i.value} — {html.escape(i.title)}</th>' for i in matrix.impact]
    rows.append("</tr>")
    for lv in reversed(matrix.likelihood):
        rows.append(f'<tr><th style="text-align:left;padding:2px 6px">{lv.value} — {html.escape(lv.title)}</th>')
        for im in matrix.impact:
            score = lv.value * im.value
            band = matrix.band_for(score)
            outline = "3px solid #000" if (lv.value, im.value) == (likelihood, impact) else "1px solid #fff"
            rows.append(f'<td style="background:{band.color};color:#fff;text-align:center;border:{outline};'
                        f'padding:2px 6px">{score}</td>')
        rows.append("</tr>")
    rows.append("</table>")
    legend = ", ".join(f"{b.title.lower()} — {b.min_score}–{b.max_score}" for b in matrix.bands)
    return "".join(rows) + f"<p>Уровни риска по баллу: {html.escape(legend)}.</p>"


class CourseApp:
    """The course for one trainee: build it once per session and display :attr:`widget`."""

    def __init__(self, course: Course | None = None, catalogue: Catalogue | None = None) -> None:
        self.catalogue = default_catalogue(catalogue)
        self.course = course or load_course(catalogue=self.catalogue)
        self.session = TrainingSession()
        self.results = widgets.HTML()
        self.results.add_class("vakr-results")
        topics: list[tuple[str, widgets.Widget]] = [
            ("deadlines", self._deadlines()),
            ("indicators", self._single("indicators", self._indicator_case)),
            ("scoring", self._single("scoring", self._scoring_case)),
            ("npa", self._single("npa", self._npa_case)),
            ("plan", self._single("plan", self._plan_case)),
        ]
        intro = widgets.HTML(
            # The tabs' titles shown whole (ipywidgets cuts them at a fixed width).
            "<style>.vakr-course .lm-TabBar-tab, .vakr-course .p-TabBar-tab {max-width: none !important; "
            "flex: 0 0 auto !important;}</style>"
            "<p>Выберите тему на вкладке, затем задание. После «Проверить» программа сразу показывает, верен ли "
            "ответ, и объясняет правило. Итоги — на последней вкладке; их можно скачать в CSV. Ответы хранятся "
            "только в этой вкладке браузера.</p>")
        self.tabs = widgets.Tab(children=[w for _, w in topics] + [self._results_tab()],
                                titles=[TOPICS[t] for t, _ in topics] + ["Итоги"])
        self.widget = widgets.VBox([intro, self.tabs])
        self.widget.add_class("vakr-course")
        self._refresh_results()

    # -- shared parts --

    def _record(self, feedback: Feedback) -> None:
        self.session.record(feedback)
        self._refresh_results()

    def _refresh_results(self) -> None:
        scores = self.session.score_by_topic()
        if not scores:
            self.results.value = "<p>Пока нет ответов.</p>"
            return
        rows = "".join(f"<tr><td>{html.escape(topic)}</td><td>{right}</td><td>{total}</td></tr>"
                       for topic, (right, total) in scores.items())
        right = sum(r for r, _ in scores.values())
        total = sum(t for _, t in scores.values())
        data = base64.b64encode(self.session.to_csv()).decode("ascii")
        self.results.value = (
            '<table class="vakr-score" style="border-collapse:collapse"><tr><th>Тема</th><th>Верно</th>'
            f"<th>Всего ответов</th></tr>{rows}<tr><th>Итого</th><th>{right}</th><th>{total}</th></tr></table>"
            f'<p><a class="vakr-download" download="{CSV_NAME}" href="data:text/csv;charset=utf-8;base64,{data}">'
            "Скачать итоги (CSV)</a></p>")

    def _results_tab(self) -> widgets.Widget:
        box = widgets.VBox([widgets.HTML("<p>Ответы этой вкладки по темам (последний ответ на каждый вопрос).</p>"),
                            self.results])
        box.add_class("vakr-topic-results")
        return box

    def _single(self, topic: str, build: Callable[[int], tuple[widgets.Widget, Callable[[], Feedback | str]]]
                ) -> widgets.Widget:
        """A topic whose case has one answer: the case picker, the case with its controls, «Проверить», the
        feedback."""
        cases = getattr(self.course, topic)
        picker = widgets.Dropdown(options=[(f"{i + 1}. {c.title}", i) for i, c in enumerate(cases)], value=0,
                                  description="Задание", style=_LABEL, layout=_WIDE)
        picker.add_class("vakr-case")
        body = widgets.VBox()
        feedback = widgets.HTML()
        feedback.add_class("vakr-feedback")
        button = widgets.Button(description="Проверить", button_style="primary")
        button.add_class("vakr-check")
        current: dict[str, Callable[[], Feedback | str]] = {}

        def show(_change: object = None) -> None:
            view, check = build(picker.value)
            body.children = (view,)
            current["check"] = check
            feedback.value = ""

        def on_check(_button: object) -> None:
            result = current["check"]()
            if isinstance(result, str):  # the answer is not complete yet
                feedback.value = f'<div class="vakr-incomplete">{html.escape(result)}</div>'
                return
            self._record(result)
            feedback.value = feedback_html(result)

        picker.observe(show, names="value")
        button.on_click(on_check)
        show()
        box = widgets.VBox([picker, body, button, feedback])
        box.add_class(f"vakr-topic-{topic}")
        return box

    @staticmethod
    def _text(title: str, text: str) -> widgets.HTML:
        return widgets.HTML(f"<p><b>{html.escape(title)}</b></p><blockquote>{html.escape(text)}</blockquote>")

    # -- the topics --

    def _deadlines(self) -> widgets.Widget:
        cases = self.course.deadlines
        picker = widgets.Dropdown(options=[(f"{i + 1}. {c.title}", i) for i, c in enumerate(cases)], value=0,
                                  description="Задание", style=_LABEL, layout=_WIDE)
        picker.add_class("vakr-case")
        body = widgets.VBox()
        button = widgets.Button(description="Проверить", button_style="primary")
        button.add_class("vakr-check")
        rows: list[tuple[DeadlineQuestion, widgets.Text, widgets.HTML]] = []

        def show(_change: object = None) -> None:
            case = cases[picker.value]
            week = "шестидневная" if case.six_day_week else "пятидневная"
            header = widgets.HTML(
                f"<p>ВАКР проводится с <b>{date_with_weekday(case.vakr_start)}</b> по "
                f"<b>{date_with_weekday(case.vakr_end)}</b>; рабочая неделя — {week}. {html.escape(case.lesson)}</p>"
                "<p>Впишите предельный срок каждого этапа (ДД.ММ.ГГГГ) и нажмите «Проверить».</p>")
            rows.clear()
            children: list[widgets.Widget] = [header]
            for question in deadline_questions(case, self.catalogue):
                field = widgets.Text(placeholder="ДД.ММ.ГГГГ", layout=widgets.Layout(width="9em"))
                field.add_class(f"vakr-deadline-{question.event}")
                result = widgets.HTML()
                result.add_class("vakr-feedback")
                rows.append((question, field, result))
                children.append(widgets.HBox([widgets.HTML(f"<b>{html.escape(question.title)}</b>",
                                                           layout=widgets.Layout(width="55%")), field]))
                children.append(result)
            body.children = tuple(children)

        def on_check(_button: object) -> None:
            case = cases[picker.value]
            for question, field, result in rows:
                if not field.value.strip():
                    result.value = '<div class="vakr-incomplete">Срок не указан.</div>'
                    continue
                entered = parse_date(field.value)
                if entered is None:
                    result.value = (f'<div class="vakr-incomplete">«{html.escape(field.value)}» — не дата: введите '
                                    "в виде ДД.ММ.ГГГГ.</div>")
                    continue
                feedback = check_deadline(case, question.event, entered, self.catalogue)
                self.session.record(feedback)
                result.value = feedback_html(feedback)
            self._refresh_results()

        picker.observe(show, names="value")
        button.on_click(on_check)
        show()
        box = widgets.VBox([picker, body, button])
        box.add_class("vakr-topic-deadlines")
        return box

    def _indicator_case(self, index: int) -> tuple[widgets.Widget, Callable[[], Feedback | str]]:
        case = self.course.indicators[index]
        choice = widgets.Dropdown(options=[(CHOOSE, None), *((label, code) for code, label in
                                                            indicator_choices(self.catalogue))],
                                  value=None, description="Индикатор", style=_LABEL, layout=_WIDE)
        choice.add_class("vakr-answer")

        def check() -> Feedback | str:
            if choice.value is None:
                return "Выберите индикатор (или фактор/сферу в целом)."
            return check_indicator(case, choice.value, self.catalogue)

        return widgets.VBox([self._text("Ситуация", case.situation), choice]), check

    def _scoring_case(self, index: int) -> tuple[widgets.Widget, Callable[[], Feedback | str]]:
        case = self.course.scoring[index]
        matrix = self.catalogue.risk_matrix
        likelihood = widgets.Dropdown(options=[(CHOOSE, None), *((f"{lv.value} — {lv.title}", lv.value)
                                                                 for lv in matrix.likelihood)],
                                      value=None, description="Вероятность", style=_LABEL)
        impact = widgets.Dropdown(options=[(CHOOSE, None), *((f"{lv.value} — {lv.title}", lv.value)
                                                             for lv in matrix.impact)],
                                  value=None, description="Последствия", style=_LABEL)
        level = widgets.Dropdown(options=[(CHOOSE, None), *((b.title, b.code) for b in matrix.bands)], value=None,
                                 description="Уровень", style=_LABEL)
        for control, name in ((likelihood, "likelihood"), (impact, "impact"), (level, "level")):
            control.add_class(f"vakr-answer-{name}")
        shown = widgets.HTML(matrix_html(self.catalogue))

        def check() -> Feedback | str:
            if likelihood.value is None or impact.value is None or level.value is None:
                return "Выберите вероятность, последствия и уровень риска."
            shown.value = matrix_html(self.catalogue, case.likelihood, case.impact)
            return check_scoring(case, likelihood.value, impact.value, level.value, self.catalogue)

        view = widgets.VBox([self._text("Ситуация", case.situation), widgets.HBox([likelihood, impact, level]),
                             shown])
        return view, check

    def _npa_case(self, index: int) -> tuple[widgets.Widget, Callable[[], Feedback | str]]:
        case = self.course.npa[index]
        boxes = [(code, widgets.Checkbox(description=label, value=False, indent=False, layout=_WIDE))
                 for code, label in npa_choices(self.catalogue)]

        def check() -> Feedback | str:
            chosen = {code for code, box in boxes if box.value}
            if not chosen:
                return "Отметьте хотя бы один коррупционный фактор."
            return check_npa(case, chosen, self.catalogue)

        view = widgets.VBox([self._text("Фрагмент акта", case.provision),
                             widgets.HTML("<p>Какие коррупционные факторы в нём есть?</p>"),
                             *(box for _, box in boxes)])
        return view, check

    def _plan_case(self, index: int) -> tuple[widgets.Widget, Callable[[], Feedback | str]]:
        case = self.course.plan[index]
        options = plan_options(case, self.catalogue)
        measure = widgets.Dropdown(options=[(CHOOSE, None), *((t, c) for c, t in options.measures)], value=None,
                                   description="Мероприятие", style=_LABEL, layout=_WIDE)
        form = widgets.Dropdown(options=[(CHOOSE, None), *((t, c) for c, t in options.forms)], value=None,
                                description="Форма", style=_LABEL)
        term = widgets.Dropdown(options=[(CHOOSE, None), *((t, c) for c, t in options.terms)], value=None,
                                description="Срок", style=_LABEL)
        for control, name in ((measure, "measure"), (form, "form"), (term, "term")):
            control.add_class(f"vakr-answer-{name}")
        band = self.catalogue.risk_matrix.band_for(case.likelihood * case.impact)
        finding = (f"{case.finding} Вероятность — {case.likelihood}, последствия — {case.impact} "
                   f"(балл {case.likelihood * case.impact}, уровень «{band.title.lower()}»).")

        def check() -> Feedback | str:
            if measure.value is None or form.value is None or term.value is None:
                return "Выберите мероприятие, форму завершения и срок."
            return check_plan(case, measure.value, form.value, term.value, self.catalogue)

        return widgets.VBox([self._text("Риск", finding), measure, widgets.HBox([form, term])]), check


def course(course: Course | None = None, catalogue: Catalogue | None = None) -> widgets.Widget:
    """The course's widget for one trainee (display it in the notebook Voilà serves)."""
    return CourseApp(course, catalogue).widget
