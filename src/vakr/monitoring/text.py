"""The state of the year as the text ``vakr monitor`` prints: tables of the plan, units, duties, then KPIs and
violations."""

from __future__ import annotations

from tabulate import tabulate

from vakr.formatting import date_with_weekday, short_date
from vakr.monitoring.model import PLAN_STATE_TITLES, GroupSummary, Monitoring

STATE_HEADERS = ["Исполнено", "С нарушением срока", "Просрочено", "Срок ≤ 30 дней", "Срок не наступил"]


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{value:g}".replace(".", ",") + " %"


def _groups(title: str, groups: list[GroupSummary]) -> list[str]:
    rows = [[g.name, g.total, *(g.counts[s] for s in PLAN_STATE_TITLES), percent_text(g.percent)] for g in groups]
    table = tabulate(rows, headers=[title, "Мер", *STATE_HEADERS, "% исполнения"],
                     maxcolwidths=[40, None, 9, 12, 10, 8, 10, None])
    return [table]


def _plan(m: Monitoring) -> list[str]:
    lines = [f"План мероприятий (мер: {len(m.plan)})"]
    rows = [[i.number, i.measure, short_date(i.due) + ("*" if i.due_day_off else ""), i.state_title, i.proof or "—"]
            for i in m.plan]
    lines.append(tabulate(rows, headers=["№", "Мера", "Срок", "Состояние", "Подтверждение"],
                          maxcolwidths=[None, 50, None, 24, 30]))
    for item in m.plan:
        if item.due_day_off:
            lines.append(f"* {item.number}: срок {short_date(item.due)} — нерабочий день ({item.due_day_off});"
                         " состояние считается от даты плана")
        if item.note:
            lines.append(f"  {item.number}: {item.note}")
    lines.append("")
    lines.append("По состояниям: " + ", ".join(f"{PLAN_STATE_TITLES[s]} — {n}" for s, n in m.counts.items()) + ".")
    done = m.counts["done"] + m.counts["done_late"]
    base = done + m.counts["overdue"]
    how = (f" ({done} из {base}: исполненные меры, в том числе с нарушением срока, из исполненных и просроченных на"
           " дату мониторинга)" if base else " (ни одна мера ещё не исполнена и не просрочена)")
    lines.append(f"Процент исполнения: {percent_text(m.percent)}{how}")
    lines += ["", "По подразделениям:", *_groups("Подразделение", m.by_unit)]
    lines += ["", "По ответственным:", *_groups("Ответственный", m.by_responsible)]
    return lines


def monitoring_lines(m: Monitoring) -> list[str]:
    """The text of ``vakr monitor``."""
    lines = [f"Мониторинг исполнения плана и обязанностей направления № 4: {m.organisation}",
             f"На дату: {date_with_weekday(m.today)}", ""]
    if m.plan:
        lines += _plan(m)
    lines += ["", f"Периодические обязанности {m.year} года (проекты 1–4):"]
    if m.duties:
        rows = [[date_with_weekday(d.due), d.title, d.period, d.state_title + (" (предварительно)"
                                                                               if d.provisional_reason else ""),
                 "; ".join(d.evidence) or d.note or ""] for d in m.duties]
        lines.append(tabulate(rows, headers=["Срок", "Обязанность", "Период", "Состояние", "Отметка"],
                              maxcolwidths=[None, 30, 18, 20, 44]))
    else:
        lines.append("  нет: к организациям этого типа периодические обязанности не относятся")
    lines += ["", "Показатели:"]
    for kpi in m.kpis:
        lines.append(f"  • {kpi.title}: {kpi.value} — {kpi.state_title}. Требуется: {kpi.target}.")
        lines += [f"      {text}" for text in kpi.missing]
    lines += ["", f"Нарушения по записям проекта 2: {len(m.violations) or 'не выявлены'}"]
    lines += [f"  • {p}" for p in m.violations]
    if m.notes:
        lines += ["", *m.notes]
    return lines
