"""The documents' tables as data: the plan's hierarchical rows (shared by DOCX, XLSX and Markdown) and pandas
DataFrames with Russian column names for notebooks and the handbook, with Markdown and HTML renderings.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

import pandas as pd

from vakr.calendar.deadlines import PeriodicDuty, Schedule
from vakr.documents.texts import (
    clean,
    opening_sentence,
    order_phrase,
    period_phrase,
    plan_indicator_text,
    responsible_lines,
)
from vakr.documents.wording import Wording
from vakr.documents.wording.russian import RUSSIAN
from vakr.evaluation.evaluate import Evaluation, Risk, relevant_functions
from vakr.formatting import date_with_weekday
from vakr.markdown import pipe_table
from vakr.methodology.catalogue import Catalogue
from vakr.organisation.model import Position

# «Место по баллу»: a risk's place in the ranking of all risks (a table of one section shows places 2, 5, 9 …).
RISK_COLUMNS = [
    "Место по баллу", "Индикатор", "НПА / бизнес-процесс", "Подразделение", "Описание риска",
    "Вероятность", "Последствия", "Балл", "Уровень", "Мера",
]  # fmt: skip
# Suggested values the plan shows (a suggested risk name is not shown there, the section is the report's).
PLAN_SUGGESTIONS = ("measure", "completion_form", "responsible", "due")
NPA_ROW_TITLE = RUSSIAN.npa_row
TOTAL_ROW_TITLE = RUSSIAN.total
SECTION_COLUMN = "Раздел аналитической справки"


def columns(catalogue: Catalogue, table_code: str) -> list[str]:
    """Column titles of one of the catalogue's tables (table.plan, table.positions, table.functions)."""
    return [c.title for c in next(t for t in catalogue.tables if t.code == table_code).columns]


# --- the plan of measures -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanRow:
    """One row of the plan: level 1 — structural unit («1.»), 2 — indicator («1.1.»), 3 — risk («1.1.1.»)."""

    level: int
    number: str
    text: str  # unit name / indicator wording / the risk («act» and «description» joined by a line break)
    act: str = ""
    description: str = ""
    measure: str = ""
    completion_form: str = ""
    responsible: tuple[str, ...] = ()
    due: dt.date | None = None
    suggested: tuple[str, ...] = ()  # kinds of vakr.evaluation.evaluate.SUGGESTION_KINDS suggested by vakr
    due_provisional: bool = False  # the suggested date is counted over a year whose calendar is not confirmed
    risk: Risk | None = field(default=None, compare=False, repr=False)
    wording: Wording = field(default=RUSSIAN, compare=False, repr=False)

    @property
    def due_text(self) -> str:
        return self.wording.due_text(self.due, self.due_provisional) if self.due else ""

    @property
    def responsible_text(self) -> str:
        return "\n".join(self.responsible)

    @property
    def suggested_text(self) -> str:
        """«мера, форма завершения, срок»: the names of the values vakr suggested, in the document's language."""
        return ", ".join(name for code, name in self.wording.suggestion_kinds.items() if code in self.suggested)

    def cells(self) -> list[str]:
        """The six cells in column order (level 1 and 2 rows carry only the number and the text)."""
        return [self.number, self.text, self.measure, self.completion_form, self.responsible_text, self.due_text]


def _units_in_order(evaluation: Evaluation, risks: list[Risk]) -> list[str]:
    units = [u for u in evaluation.profile.units]
    for r in risks:
        if r.unit not in units:
            units.append(r.unit)
    return units


def plan_rows(evaluation: Evaluation, wording: Wording = RUSSIAN) -> list[PlanRow]:
    """The plan's rows: units in the order of ``profile.units`` (units with risks only), indicators in the order
    they first appear among the findings, risks in the analyst's order; dates and names in ``wording``'s language."""
    risks = sorted(evaluation.risks, key=lambda r: r.finding)
    rows: list[PlanRow] = []
    unit_no = 0
    for unit in _units_in_order(evaluation, risks):
        unit_risks = [r for r in risks if r.unit == unit]
        if not unit_risks:
            continue
        unit_no += 1
        rows.append(PlanRow(1, f"{unit_no}.", clean(unit)))
        indicators = list(dict.fromkeys(r.indicator for r in unit_risks))
        for ind_no, indicator in enumerate(indicators, 1):
            ind_risks = [r for r in unit_risks if r.indicator == indicator]
            rows.append(PlanRow(2, f"{unit_no}.{ind_no}.", plan_indicator_text(ind_risks[0])))
            for risk_no, r in enumerate(ind_risks, 1):
                # A suggested risk name (the area's business process) repeats the group row above: not shown.
                act = "" if "act" in r.suggested else clean(r.act)
                description = clean(r.description)
                rows.append(PlanRow(
                    level=3,
                    number=f"{unit_no}.{ind_no}.{risk_no}.",
                    text="\n".join(t for t in (act, description) if t),
                    act=act,
                    description=description,
                    measure=clean(r.measure),
                    completion_form=clean(r.completion_form),
                    responsible=tuple(responsible_lines(r)),
                    due=r.due,
                    suggested=tuple(k for k in r.suggested if k in PLAN_SUGGESTIONS),
                    due_provisional=r.due_provisional_reason is not None,
                    risk=r,
                    wording=wording,
                ))
    return rows


def provisional_legend(evaluation: Evaluation, wording: Wording = RUSSIAN) -> str:
    """The note under the plan when a suggested date depends on a year whose calendar is not confirmed."""
    reason = next((r.due_provisional_reason for r in evaluation.risks if r.due_provisional_reason), None)
    return "" if reason is None else wording.provisional_legend(reason)


def plan_dataframe(evaluation: Evaluation, catalogue: Catalogue) -> pd.DataFrame:
    return pd.DataFrame([[*row.cells(), row.suggested_text] for row in plan_rows(evaluation)],
                        columns=[*columns(catalogue, "table.plan"), RUSSIAN.suggested_header])


# --- positions and functions --------------------------------------------------------------------------------


def positions_by_unit(evaluation: Evaluation) -> list[tuple[str, list[Position]]]:
    """Positions grouped by structural unit, units in the order of ``profile.units``."""
    units = list(evaluation.profile.units)
    units += [p.unit for p in evaluation.positions if p.unit not in units]
    groups = [(u, [p for p in evaluation.positions if p.unit == u]) for u in dict.fromkeys(units)]
    return [(u, ps) for u, ps in groups if ps]


def positions_dataframe(evaluation: Evaluation, catalogue: Catalogue) -> pd.DataFrame:
    cols = columns(catalogue, "table.positions")
    rows = []
    n = 0
    for unit, positions in positions_by_unit(evaluation):
        for p in positions:
            n += 1
            rows.append([n, clean(unit), clean(p.title), clean(p.powers), clean(p.risks)])
    return pd.DataFrame(rows, columns=[cols[0], "Структурное подразделение", *cols[1:]])


def function_rows(evaluation: Evaluation, catalogue: Catalogue) -> list[tuple[int, str, str, str]]:
    """(№, zone, function, typical situation) of the exemplary functions relevant to the organisation."""
    return [
        (i, z.title, f.title, f.situation)
        for i, (_, z, f) in enumerate(relevant_functions(evaluation, catalogue), 1)
    ]


def functions_dataframe(evaluation: Evaluation, catalogue: Catalogue) -> pd.DataFrame:
    return pd.DataFrame(function_rows(evaluation, catalogue), columns=columns(catalogue, "table.functions"))


# --- risks, schedule, counts --------------------------------------------------------------------------------


def risks_dataframe(evaluation: Evaluation, section: str | None = None, group: str | None = None) -> pd.DataFrame:
    """Ranked risks (highest score first), optionally of one report section or one factor/area."""
    risks = [
        r for r in evaluation.risks
        if (section is None or r.section == section) and (group is None or r.group == group)
    ]
    rows = [
        [r.rank, r.indicator_label, clean(r.act), clean(r.unit), clean(r.description), r.likelihood, r.impact,
         r.score, r.band_title, clean(r.measure)]
        for r in risks
    ]
    return pd.DataFrame(rows, columns=RISK_COLUMNS)


def schedule_dataframe(schedule: Schedule) -> pd.DataFrame:
    rows = []
    for i, e in enumerate(schedule.events, 1):
        notes = []
        if e.assumed:
            notes.append("дата не указана, принят предельный срок")
        elif e.deadline and e.date > e.deadline:
            notes.append("указанная дата; срок нарушен")
        else:
            notes.append("указанная дата")
        if e.provisional and e.assumed:
            notes.append(f"предварительно: {e.provisional_reason}")
        rows.append([
            i, e.title, e.rule, date_with_weekday(e.date),
            date_with_weekday(e.deadline) if e.deadline else "", "; ".join(notes),
        ])
    return pd.DataFrame(rows, columns=["№", "Мероприятие", "Правило", "Дата", "Предельный срок", "Примечание"])


def counts_dataframe(evaluation: Evaluation, catalogue: Catalogue) -> pd.DataFrame:
    """Risks by report section (each section counts its risks in NPA and in business processes), of them in
    normative legal acts, and the total, by band."""
    bands = catalogue.risk_matrix.bands

    def row(title: str, risks: list[Risk]) -> list:
        return [title, len(risks), *(sum(1 for r in risks if r.band == b.code) for b in bands)]

    rows = [row(f"{s.number}. {s.title}", [r for r in evaluation.risks if r.section == s.code])
            for s in catalogue.report_sections]
    rows.append(row(NPA_ROW_TITLE, [r for r in evaluation.risks if r.direction == "npa"]))
    rows.append(row(TOTAL_ROW_TITLE, list(evaluation.risks)))
    return pd.DataFrame(rows, columns=[SECTION_COLUMN, "Всего", *(b.title for b in bands)])


def band_counts_dataframe(evaluation: Evaluation, catalogue: Catalogue) -> pd.DataFrame:
    """Risks per band of the risk matrix, with each band's score range."""
    rows = [[b.title, f"{b.min_score}–{b.max_score}", evaluation.counts_by_band[b.code]]
            for b in catalogue.risk_matrix.bands]
    rows.append([TOTAL_ROW_TITLE, "", len(evaluation.risks)])
    return pd.DataFrame(rows, columns=["Уровень риска", "Баллы", "Рисков"])


def periodic_duties_dataframe(duties: list[PeriodicDuty]) -> pd.DataFrame:
    """The year's due dates of periodic duties (:func:`vakr.calendar.deadlines.periodic_duties`)."""
    rows = [
        [d.project, d.title, d.rule, d.period, date_with_weekday(d.due),
         f"предварительно: {d.provisional_reason}" if d.provisional else ""]
        for d in duties
    ]
    return pd.DataFrame(rows, columns=["Проект", "Обязанность", "Периодичность", "Период", "Срок", "Примечание"])


def report_intro_dataframe(evaluation: Evaluation) -> pd.DataFrame:
    """The introductory part of the analytical report as «field — value» rows."""
    p = evaluation.profile
    group = "\n".join(f"{clean(m.name)} — {clean(m.position)}" for m in p.working_group)
    rows = [
        ["Приказ о проведении ВАКР", order_phrase(p)],
        ["Срок проведения ВАКР", period_phrase(p)],
        ["Уполномоченное лицо", f"{clean(p.authorised_person.name)} — {clean(p.authorised_person.position)}"],
        ["Рабочая группа", group],
    ]
    return pd.DataFrame(rows, columns=["Реквизит", "Значение"])


def opening_markdown(evaluation: Evaluation) -> str:
    """The report's opening sentence, escaped for Markdown."""
    return str(_md_cell(opening_sentence(evaluation)))


# --- renderings ---------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def _md_cell(value: object) -> str:
    """User text as Markdown: HTML and Markdown characters escaped, line breaks as ``<br>``; numbers as they are,
    missing values empty."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if not isinstance(value, str):
        return str(value)
    text = html.escape(clean(value), quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("\n", "<br>")


def to_markdown(df: pd.DataFrame) -> str:
    """A pipe table (:func:`vakr.markdown.pipe_table`); user text is escaped, line breaks become ``<br>``, number
    columns are aligned right. Each column's dashes are as many as its longest cell, so pandoc gives a wide table
    the columns' relative widths by their content."""
    headers = [_md_cell(str(c)) for c in df.columns]
    rows = [[_md_cell(v) for v in values] for values in df.itertuples(index=False)]
    widths = [max(len(text) for text in column) for column in zip(headers, *rows)]
    right = {i for i, dtype in enumerate(df.dtypes)
             if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)}
    return pipe_table(headers, rows, widths, right=right, cell=str)


def to_html(df: pd.DataFrame, caption: str | None = None) -> str:
    """An HTML table with every value escaped; line breaks become ``<br>``."""
    def cell(tag: str, value: object) -> str:
        text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
        return f"<{tag}>{html.escape(clean(text)).replace(chr(10), '<br>')}</{tag}>"

    parts = ['<table class="vakr-table">']
    if caption:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    parts.append("<thead><tr>" + "".join(cell("th", c) for c in df.columns) + "</tr></thead>")
    parts.append("<tbody>")
    for values in df.itertuples(index=False):
        parts.append("<tr>" + "".join(cell("td", v) for v in values) + "</tr>")
    parts.append("</tbody></table>")
    return "\n".join(parts)
