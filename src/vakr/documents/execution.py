"""The information on the execution of the plan of measures (p1.t3.s3: «Мониторинг устранения причин и условий путём
подготовки информации об исполнении рекомендаций, внесённых по итогам ВАКР») as a Word document, landscape A4.

Structure: the title «Информация об исполнении плана мероприятий по устранению причин и условий, выявленных по
результатам ВАКР» with the organisation and «по состоянию на 15 июня 2026 года»; a table of every measure recorded on
the sheet «Исполнение плана» (``org.year.plan_execution``), in its order — № (the plan's number), мероприятие,
срок, ответственные, состояние (the monitoring's state, :mod:`vakr.monitoring.plan`), подтверждающий документ
(number, date, link), примечание; a summary (the measures by state, the execution percentage and its rule, the
overdue measures by number); the authorised person's signature, as under the analytical report.

The rows and the summary are data (:func:`execution_rows`, :func:`summary_sentences`) shared with the Excel copy
(:mod:`vakr.documents.execution_xlsx`) and the quarterly report (:mod:`vakr.documents.status_report`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docxtpl import DocxTemplate

from vakr.documents.docx_common import (
    Run,
    Subdoc,
    add_paragraph,
    add_row,
    cant_split,
    load_template,
    new_subdoc,
    new_table,
    render_docx,
    text_width_mm,
)
from vakr.documents.package import fixed_timestamp
from vakr.documents.texts import clean, name_in_genitive, sentence, signature
from vakr.formatting import long_date, plural_form, short_date
from vakr.monitoring.model import PLAN_STATE_TITLES, Monitoring, PlanItem
from vakr.monitoring.plan import proof_line
from vakr.monitoring.text import percent_text
from vakr.organisation.model import Organisation

TEMPLATE = "execution.docx"
EXECUTION_TITLE = ("Информация об исполнении плана мероприятий по устранению причин и условий, выявленных по "
                   "результатам ВАКР")
EXECUTION_COLUMNS = ("№ п/п", "Мероприятие", "Срок", "Ответственные исполнители", "Состояние исполнения",
                     "Подтверждающий документ (номер, дата, ссылка)", "Примечание")
NO_PLAN = "Сведения об исполнении плана мероприятий не внесены (лист «Исполнение плана»)."
# Shares of the text width: № | measure | due | responsible | state | proof | note.
WIDTH_SHARES = (0.06, 0.25, 0.09, 0.15, 0.12, 0.15, 0.18)  # the longest header words fit unbroken


@dataclass(frozen=True)
class ExecutionRow:
    """One measure as the documents show it."""

    number: str
    measure: str
    due: str
    responsible: tuple[str, ...]
    state: str  # the monitoring's Russian state («исполнено с нарушением срока», «просрочено (исполнено частично)»)
    done_on: str  # «дата исполнения: 14.04.2026» for a measure done, else ""
    proof: tuple[str, ...]  # «№ 61-ө от 14.04.2026», the link
    notes: tuple[str, ...]
    overdue: bool

    @property
    def state_lines(self) -> list[str]:
        return [self.state, *([self.done_on] if self.done_on else [])]


def as_of(monitoring: Monitoring) -> str:
    """«15 июня 2026 года»."""
    return long_date(monitoring.today)


def execution_row(item: PlanItem, org: Organisation) -> ExecutionRow:
    records = org.year.plan_execution
    record = records[item.index] if item.index < len(records) else None
    proof: list[str] = []
    notes: list[str] = []
    if record is not None:
        if number_date := proof_line(record.model_copy(update={"proof_link": None})):
            proof.append(number_date)
        if record.proof_link:
            proof.append(clean(record.proof_link))
        if record.comment:
            notes.append(sentence(record.comment))
    if item.note:
        notes.append(sentence(item.note[:1].upper() + item.note[1:]))
    if item.due_day_off:
        notes.append(f"Срок по плану приходится на нерабочий день ({item.due_day_off}); состояние определено от "
                     "этой даты.")
    done = item.state in ("done", "done_late") and item.done_on is not None
    return ExecutionRow(
        number=clean(item.number), measure=clean(item.measure), due=short_date(item.due),
        responsible=tuple(clean(r) for r in item.responsible if clean(r)), state=item.state_title,
        done_on=f"дата исполнения: {short_date(item.done_on)}" if done else "",
        proof=tuple(proof), notes=tuple(notes), overdue=item.state == "overdue",
    )


def execution_rows(org: Organisation, monitoring: Monitoring) -> list[ExecutionRow]:
    """Every measure of the plan with its state on the monitoring's date, in the order of the plan."""
    return [execution_row(item, org) for item in monitoring.plan]


# --- the summary --------------------------------------------------------------------------------------------


def _measures(n: int) -> str:
    """«из N мероприятия / мероприятий» — the genitive after «из»."""
    return plural_form(n, "мероприятия", "мероприятий", "мероприятий")


def joined(parts: Sequence[str]) -> str:
    """«а», «а и б», «а, б и в»."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " и " + parts[-1]


def numbers_phrase(items: Sequence[PlanItem]) -> str:
    """«мероприятия № 3.4.1» / «мероприятий № 3.2.1 (исполнено частично) и 3.4.1»: the plan's numbers without
    their closing dot, so the sentence reads on."""
    numbers = [clean(i.number).rstrip(".") + (" (исполнено частично)" if i.partial else "") for i in items]
    word = "мероприятия" if len(items) == 1 else "мероприятий"
    return f"{word} № {joined(numbers)}"


def counts_sentence(monitoring: Monitoring) -> str:
    """«По состоянию на 15 июня 2026 года из 15 мероприятий плана: исполнено — 8, …»."""
    n = len(monitoring.plan)
    parts = [f"{PLAN_STATE_TITLES[state]} — {count}" for state, count in monitoring.counts.items() if count]
    text = f"По состоянию на {as_of(monitoring)} из {n} {_measures(n)} плана: {', '.join(parts)}"
    partial = sum(1 for i in monitoring.plan if i.partial)
    if partial:
        text += f"; в том числе исполнено частично (учитывается как неисполненное) — {partial}"
    return text + "."


def percent_sentence(monitoring: Monitoring) -> str:
    """The execution percentage and its rule (:mod:`vakr.monitoring.plan`) in one sentence."""
    counts = monitoring.counts
    done = counts["done"] + counts["done_late"]
    base = done + counts["overdue"]
    if not base:
        return ("Процент исполнения плана не рассчитывается: ни одно мероприятие ещё не исполнено и срок исполнения "
                "ни одного мероприятия не истёк.")
    return (f"Процент исполнения плана — {percent_text(monitoring.percent)}: исполнено (в том числе с нарушением "
            f"срока) {done} из {base} {_measures(base)}, исполненных или с истёкшим сроком исполнения; мероприятия, "
            "срок исполнения которых не наступил, не учитываются.")


def overdue_sentence(monitoring: Monitoring) -> str:
    overdue = [i for i in monitoring.plan if i.state == "overdue"]
    if not overdue:
        return "Просроченных мероприятий нет."
    return f"Просрочено исполнение {numbers_phrase(overdue)}."


def summary_sentences(monitoring: Monitoring) -> list[str]:
    """The summary under the table: counts by state, the percentage with its rule, the overdue measures and those
    due within 30 days, by number."""
    if not monitoring.plan:
        return [NO_PLAN]
    lines = [counts_sentence(monitoring), percent_sentence(monitoring), overdue_sentence(monitoring)]
    soon = [i for i in monitoring.plan if i.state == "due_soon"]
    if soon:
        lines.append(f"В ближайшие 30 дней наступает срок исполнения {numbers_phrase(soon)}.")
    return lines


# --- the Word document --------------------------------------------------------------------------------------


def widths(width_mm: float, shares: Sequence[float] = WIDTH_SHARES) -> list[float]:
    """Column widths from shares of the text width; the last column takes the rounding."""
    first = [round(width_mm * share, 1) for share in shares[:-1]]
    return [*first, round(width_mm - sum(first), 1)]


def centre(row: Any, columns: Sequence[int]) -> None:
    for col in columns:
        for p in row.cells[col].paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def state_cell(row: ExecutionRow) -> list[list[Run | str]]:
    """The state, bold when overdue, and the date of execution."""
    cell: list[list[Run | str]] = [[(row.state, "b" if row.overdue else "")]]
    if row.done_on:
        cell.append([row.done_on])
    return cell


def _table(tpl: DocxTemplate, rows: list[ExecutionRow]) -> Subdoc:
    doc = new_subdoc(tpl)
    table = new_table(doc, widths(text_width_mm(tpl)), header=EXECUTION_COLUMNS)
    if not rows:
        add_row(table, ["", NO_PLAN], merge_from=1)
    for row in rows:
        tr = add_row(table, [
            row.number, row.measure, row.due, [[r] for r in row.responsible] or [""], state_cell(row),
            [[p] for p in row.proof] or ["—"], [[n] for n in row.notes] or [""],
        ])
        cant_split(tr)
        centre(tr, (0, 2))
    return doc


def _summary(tpl: DocxTemplate, monitoring: Monitoring) -> Subdoc:
    doc = new_subdoc(tpl)
    for text in summary_sentences(monitoring):
        add_paragraph(doc, text)
    return doc


def signer(org: Organisation) -> dict[str, str]:
    """The authorised person signs, as under the analytical report."""
    p = org.profile
    return {"signer_position": clean(p.authorised_person.position), "signer_name": signature(p.authorised_person, p)}


def execution_context(tpl: DocxTemplate, org: Organisation, monitoring: Monitoring) -> dict[str, Any]:
    return {
        "organisation": name_in_genitive(org.profile.name),  # «в деятельности …»
        "as_of": as_of(monitoring),
        "execution_table": _table(tpl, execution_rows(org, monitoring)),
        "summary": _summary(tpl, monitoring),
        **signer(org),
    }


def render_execution_docx(org: Organisation, monitoring: Monitoring, template: str | Path | None = None) -> bytes:
    """The information on the plan's execution as DOCX bytes; ``monitoring`` is :func:`vakr.monitoring.monitor` of
    ``org`` on the date of the information (same input → same bytes)."""
    tpl = load_template(TEMPLATE, template)
    return render_docx(tpl, execution_context(tpl, org, monitoring), title=EXECUTION_TITLE,
                       subject=clean(org.profile.name), stamp=fixed_timestamp(monitoring.today))
