"""Catalogue tables for the handbook (``handbook/*.qmd``), rendered as Markdown.

Every public function returns one Markdown string built from the validated catalogue (and, for the calendar,
from :mod:`vakr.calendar`), so a page cell stays a single call::

    #| output: asis
    Markdown(handbook.indicators_table("org.hr"))

Nothing here reads the example organisation: the example's findings reach the handbook through the notebooks'
stored outputs (``{{< embed >}}``). Links between pages use the ``.qmd`` names of the pages in ``handbook/``
(Quarto turns them into ``.html``); :data:`GROUP_PAGES` and :func:`section_id` say where each NPA factor and each
organisational area is explained, and the handbook's tests check that those headings exist.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Sequence

from .calendar import get_calendar
from .catalogue import (
    INDICATORS_STATUS_TITLES,
    PERIODICITY_TITLES,
    Catalogue,
    IndicatorGroup,
    NpaFactor,
    PeriodicDeadline,
    RelativeDeadline,
    load_catalogue,
)
from .deadlines import EVENT_ORDER, vakr_schedule
from .formatting import date_with_weekday, long_date, plural

__all__ = [
    "GROUP_PAGES",
    "areas_table",
    "calendar_table",
    "calendar_years_table",
    "counting_walkthrough",
    "deadline_rules_table",
    "directions_table",
    "exemplary_functions_table",
    "factors_table",
    "function_types_table",
    "group_link",
    "indicators_table",
    "information_sources_table",
    "legal_basis_table",
    "legal_sources_list",
    "measures_for_group",
    "measures_table",
    "organisation_types_table",
    "periodic_rules_table",
    "project_map_table",
    "project_tasks_table",
    "report_intro_table",
    "report_sections_table",
    "risk_bands_table",
    "risk_matrix_table",
    "risk_scales_table",
    "section_id",
    "stages_table",
    "table_columns",
    "typical_situations_table",
    "worked_example",
]

# The page of the handbook that explains each NPA factor and each organisational area. Areas that share a
# section of the analytical report share its page (section 9: taxes, anti-corruption work, transparency, other).
GROUP_PAGES: dict[str, str] = {
    "npa.legal_gap": "npa-factors.qmd",
    "npa.collision": "npa-factors.qmd",
    "npa.linguistic_uncertainty": "npa-factors.qmd",
    "npa.discretion": "npa-factors.qmd",
    "npa.right_not_duty": "npa-factors.qmd",
    "npa.excessive_requirements": "npa-factors.qmd",
    "npa.admin_barriers": "npa-factors.qmd",
    "npa.improper_functions": "npa-factors.qmd",
    "org.hr": "org-hr.qmd",
    "org.coi": "org-coi.qmd",
    "org.public_services": "org-public-services.qmd",
    "org.permits": "org-permits.qmd",
    "org.control": "org-control.qmd",
    "org.budget": "org-budget.qmd",
    "org.taxes": "org-other.qmd",
    "org.contracts": "org-contracts.qmd",
    "org.it": "org-it.qmd",
    "org.anticorruption": "org-other.qmd",
    "org.transparency": "org-other.qmd",
    "org.other": "org-other.qmd",
}

# The page of each project of direction No. 4.
PROJECT_PAGES: dict[str, str] = {
    "p1": "vakr.qmd",
    "p2": "project2.qmd",
    "p3": "project3.qmd",
    "p4": "project4.qmd",
}

_EVENT_TITLES = {
    "vakr_start": "начало ВАКР",
    "vakr_end": "завершение ВАКР",
    "report_signed": "подписание аналитической справки",
    "plan_approved": "утверждение плана мероприятий",
}
_UNIT_WORDS = {
    "working_days": ("рабочий день", "рабочих дня", "рабочих дней"),
    "calendar_days": ("календарный день", "календарных дня", "календарных дней"),
    "years": ("год", "года", "лет"),
}
_DIRECTION_WORDS = {"before": "до события", "after": "после события"}
_PERIOD_GENITIVE = {"month": "месяца", "quarter": "квартала", "year": "года"}
_MONTH_NAMES = (
    "Январь", "Февраль", "Март", "Апрель", "Май", "Июнь",
    "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь",
)  # fmt: skip


# --- Markdown helpers -------------------------------------------------------------------------------------------


def _cell(value: object) -> str:
    """Text safe inside a pipe-table cell: no line breaks, escaped pipes."""
    text = "" if value is None else str(value)
    return " ".join(text.split()).replace("|", "\\|")


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], widths: Sequence[int] | None = None) -> str:
    """A pandoc pipe table. ``widths`` are relative column widths (the dashes of the separator line), which pandoc
    uses when a row is wider than the page."""
    widths = widths or [3] * len(headers)
    if len(widths) != len(headers):
        raise ValueError("число ширин столбцов не совпадает с числом заголовков")
    lines = [
        "| " + " | ".join(_cell(h) for h in headers) + " |",
        "|" + "|".join("-" * max(3, w) for w in widths) + "|",
    ]
    for row in rows:
        if len(row) != len(headers):
            raise ValueError("число ячеек строки не совпадает с числом заголовков")
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def _catalogue(catalogue: Catalogue | None) -> Catalogue:
    return catalogue or load_catalogue()


def section_id(code: str) -> str:
    """The heading id of a factor or area in the handbook: ``npa.legal_gap`` → ``sec-npa-legal-gap``."""
    if not code or any(not (ch.isascii() and (ch.isalnum() or ch in "._")) for ch in code):
        raise ValueError(f"недопустимый код элемента каталога: {code!r}")
    return "sec-" + code.replace(".", "-").replace("_", "-")


def group_link(code: str, catalogue: Catalogue | None = None) -> str:
    """A Markdown link to the section explaining a factor or an area: ``[Правовой пробел](npa-factors.qmd#…)``."""
    cat = _catalogue(catalogue)
    group = cat.group_of(code)
    return f"[{group.title}]({GROUP_PAGES[group.code]}#{section_id(group.code)})"


def _short_source(cat: Catalogue, item: object) -> str:
    """«Материалы направления № 4: …» for the seed, the act's title otherwise."""
    ref = getattr(item, "source", None)
    if ref is None:
        return ""
    if ref.doc == "seed":
        return f"Материалы направления № 4 (2024): {ref.at}"
    return cat.source_title(ref)


def _applies_to_titles(cat: Catalogue, codes: Iterable[str]) -> str:
    titles = {t.code: t.title for t in cat.organisation_types}
    codes = list(codes)
    if set(codes) == set(titles):
        return "все субъекты"
    return "; ".join(titles[c] for c in codes)


def _rule_text(sub: object) -> str:
    deadline = getattr(sub, "deadline", None)
    if deadline is not None:
        return deadline.text
    periodicity = getattr(sub, "periodicity", None)
    return PERIODICITY_TITLES[periodicity].capitalize() if periodicity else "Срок в материалах не указан"


# --- the project map ---------------------------------------------------------------------------------------------


def project_map_table(catalogue: Catalogue | None = None) -> str:
    """The four projects of direction No. 4: tasks, subtasks, who they apply to and where the handbook explains them."""
    cat = _catalogue(catalogue)
    rows = []
    for p in cat.projects:
        subtasks = sum(len(t.subtasks) for t in p.tasks)
        rows.append([
            p.number,
            f"[{p.full_title}]({PROJECT_PAGES[p.code]})",
            len(p.tasks),
            subtasks,
            _applies_to_titles(cat, p.applies_to),
            PERIODICITY_TITLES[p.periodicity],
        ])
    return _table(
        ["№", "Проект", "Задач", "Подзадач", "Для кого", "Периодичность проекта"],
        rows,
        [2, 14, 3, 3, 10, 5],
    )


def project_tasks_table(project_code: str, catalogue: Catalogue | None = None) -> str:
    """Every task and subtask of one project with its deadline rule (or periodicity) and the organisations it
    applies to."""
    cat = _catalogue(catalogue)
    project = next((p for p in cat.projects if p.code == project_code), None)
    if project is None:
        raise KeyError(f"нет проекта с кодом {project_code!r}")
    rows = []
    for task in project.tasks:
        if not task.subtasks:
            note = task.content_missing or "Подзадачи в каталог не внесены."
            rows.append([f"{project.number}.{task.number}", f"**{task.title}**", note, "", ""])
            continue
        for sub in task.subtasks:
            rows.append([
                f"{project.number}.{task.number}.{sub.number}",
                f"**{task.title}**: {sub.title}" if sub.number == 1 else sub.title,
                _rule_text(sub),
                _applies_to_titles(cat, cat.applies_to(project, task, sub)),
                _short_source(cat, sub),
            ])
    return _table(["№", "Задача и подзадача", "Срок / периодичность", "Для кого", "Источник"], rows, [3, 16, 8, 7, 8])


# --- ВАКР --------------------------------------------------------------------------------------------------------


def legal_basis_table(catalogue: Catalogue | None = None) -> str:
    """The four acts the ВАКР follows, with their details from sources.yaml."""
    cat = _catalogue(catalogue)
    docs = {d.code: d for d in cat.sources}
    rows = []
    for basis in cat.vakr.legal_basis:
        doc = docs[basis.act]
        details = []
        if doc.note:
            details.append(doc.note)
        elif doc.adopted:
            details.append(f"Дата принятия: {long_date(doc.adopted)}" + (f", № {doc.number}" if doc.number else "") + ".")
        if doc.url:
            details.append(f"<{doc.url}>")
        rows.append([basis.number, basis.title, " ".join(details) or "—"])
    return _table(["№", "Акт", "Реквизиты"], rows, [2, 10, 20])


def stages_table(catalogue: Catalogue | None = None) -> str:
    """The four stages of the ВАКР with the points of the Типовые правила they refer to."""
    cat = _catalogue(catalogue)
    rows = []
    for stage in cat.vakr.stages:
        refs = "; ".join(f"Типовые правила, {r.at}" for r in stage.refs if r.doc == "rules_vakr") or "—"
        rows.append([stage.number, stage.title, refs])
    return _table(["Этап", "Содержание", "Норма Типовых правил"], rows, [2, 20, 6])


def information_sources_table(catalogue: Catalogue | None = None) -> str:
    """The twelve sources of information for a ВАКР, with the catalogue's notes."""
    cat = _catalogue(catalogue)
    rows = [[s.number, s.title, s.note or ""] for s in cat.vakr.information_sources]
    return _table(["№", "Источник информации", "Примечание"], rows, [2, 16, 10])


def directions_table(catalogue: Catalogue | None = None) -> str:
    """The two directions of the analysis and what each contains."""
    cat = _catalogue(catalogue)
    rows = []
    for d in cat.vakr.directions:
        if d.catalogue == "npa_factors":
            content = f"{plural(len(cat.npa_factors), 'коррупционный фактор', 'коррупционных фактора', 'коррупционных факторов')}: " + ", ".join(
                group_link(f.code, cat) for f in cat.npa_factors
            )
        else:
            content = f"{plural(len(cat.org_areas), 'сфера', 'сферы', 'сфер')} деятельности: " + ", ".join(
                group_link(a.code, cat) for a in cat.org_areas
            )
        rows.append([d.number, d.title, content])
    return _table(["№", "Направление (п. 11 Типовых правил)", "Что анализируется"], rows, [2, 8, 24])


# --- deadlines ---------------------------------------------------------------------------------------------------


def _relative_rule_parts(rule: RelativeDeadline) -> tuple[str, str]:
    one, few, many = _UNIT_WORDS[rule.unit]
    count = "один год" if rule.unit == "years" and rule.count == 1 else plural(rule.count, one, few, many)
    return _EVENT_TITLES[rule.anchor], f"{count} {_DIRECTION_WORDS[rule.direction]}"


def deadline_rules_table(catalogue: Catalogue | None = None) -> str:
    """The deadline rules of project 1 (the ВАКР schedule) in the order of the schedule: the wording of the project
    map and how vakr reads it."""
    cat = _catalogue(catalogue)
    subs = cat.event_subtasks()
    rows = []
    for n, code in enumerate(EVENT_ORDER, start=1):
        sub = subs[code]
        rule = sub.deadline
        assert isinstance(rule, RelativeDeadline)
        anchor, shift = _relative_rule_parts(rule)
        rows.append([n, sub.title, rule.text, anchor, shift, sub.code])
    return _table(
        ["№", "Действие", "Срок по карте проектов", "Отсчёт от", "Сдвиг", "Код"],
        rows,
        [2, 14, 10, 7, 7, 4],
    )


def periodic_rules_table(catalogue: Catalogue | None = None) -> str:
    """The periodic duties of projects 1–4 (monthly, quarterly, yearly) and how their due dates are set."""
    cat = _catalogue(catalogue)
    rows = []
    for project, task, sub in cat.subtasks():
        rule = sub.deadline
        if not isinstance(rule, PeriodicDeadline):
            continue
        if rule.day_of_month:
            after = "следующего за" if rule.months_after == 1 else f"{rule.months_after}-го после"
            due = (
                f"до {rule.day_of_month}-го числа месяца, {after} отчётным периодом ({_PERIOD_GENITIVE[rule.period]}); "
                "нерабочий день переносит срок на следующий рабочий день"
            )
        else:
            due = f"последний рабочий день {_PERIOD_GENITIVE[rule.period]} (допущение проекта)"
        rows.append([
            f"{project.number}.{task.number}.{sub.number}",
            sub.title,
            rule.text,
            due,
            _applies_to_titles(cat, cat.applies_to(project, task, sub)),
        ])
    return _table(["№", "Обязанность", "Периодичность", "Срок в периоде", "Для кого"], rows, [3, 16, 6, 10, 7])


def calendar_table(year: int, six_day_week: bool = False) -> str:
    """Working days per month of a year in Kazakhstan, with the weekdays that are days off and the weekend days
    that are worked (transfers), by name."""
    summary = _month_rows(year, six_day_week)
    rows, total = summary
    rows.append(["**Итого**", f"**{total}**", "", ""])
    week = "шестидневная" if six_day_week else "пятидневная"
    return _table([f"{year} ({week} неделя)", "Рабочих дней", "Нерабочие будни", "Рабочие выходные"], rows, [4, 3, 16, 10])


def calendar_years_table() -> str:
    """Every year of the calendar's horizon: confirmed or provisional, why, and the transfer acts in force."""
    calendar = get_calendar()
    rows = []
    for year in range(calendar.first_year, calendar.last_year + 1):
        status = calendar.year_status(year)
        acts = "; ".join(
            (f"[{act.citation}]({act.url})" if act.url else act.citation)
            + (": " + ", ".join(f"{t.day_off:%d.%m} вместо {t.working_day:%d.%m}" for t in act.transfers)
               if act.transfers else "")
            for act in status.acts
        )
        rows.append([str(year), status.title, status.reason if not status.confirmed else (acts or status.reason)])
    return _table(["Год", "Календарь", "Основание (переносы дней отдыха)"], rows, [2, 4, 20])


def _month_rows(year: int, six_day_week: bool) -> tuple[list[list[object]], int]:
    calendar = get_calendar(six_day_week)
    year = calendar.check_year(year)
    off = calendar.non_working_weekdays(year)
    worked = calendar.working_weekends(year)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    counts = [0] * 12
    day = first
    while day <= last:
        if calendar.is_working_day(day):
            counts[day.month - 1] += 1
        day += dt.timedelta(days=1)
    rows: list[list[object]] = []
    for month in range(1, 13):
        offs = "; ".join(f"{d.day:02d}.{d.month:02d} — {name}" for d, name in off if d.month == month) or "—"
        works = "; ".join(f"{d.day:02d}.{d.month:02d} — {name}" for d, name in worked if d.month == month) or "—"
        rows.append([_MONTH_NAMES[month - 1], counts[month - 1], offs, works])
    return rows, sum(counts)


def _same_date_years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February, as the deadline engine counts
        return day.replace(year=day.year + years, day=28)


def counting_walkthrough(start: dt.date, end: dt.date, catalogue: Catalogue | None = None) -> str:
    """The ВАКР schedule for a run from ``start`` to ``end``, step by step: the rule, the date it counts from, the
    resulting date, and what the count stepped over — weekday holidays and transferred days off for working-day
    rules (ordinary weekends are not listed), the move to a working day for the yearly rule."""
    cat = _catalogue(catalogue)
    schedule = vakr_schedule(start, end, catalogue=cat)
    calendar = get_calendar(schedule.six_day_week)
    weekend = set(calendar.get_weekend_days())
    subs = cat.event_subtasks()
    anchors = {"vakr_start": start, "vakr_end": end}
    rows = []
    for n, event in enumerate(schedule.events, start=1):
        rule = subs[event.code].deadline
        assert isinstance(rule, RelativeDeadline)
        anchor_day = anchors[rule.anchor]
        if rule.unit == "working_days":
            low, high = sorted((anchor_day, event.date))
            notes = []
            day = low + dt.timedelta(days=1)
            while day < high:
                working = calendar.is_working_day(day)
                if not working and day.weekday() not in weekend:
                    notes.append(f"{day.day:02d}.{day.month:02d} — {calendar.get_holiday_label(day) or 'нерабочий день'}")
                elif working and day.weekday() in weekend:
                    notes.append(f"{day.day:02d}.{day.month:02d} — рабочий выходной день (учтён)")
                day += dt.timedelta(days=1)
            note = "; ".join(notes) or "—"
        else:
            raw = _same_date_years_later(anchor_day, rule.count if rule.direction == "after" else -rule.count)
            if raw != event.date:
                note = f"{date_with_weekday(raw)} — нерабочий день, срок переносится на следующий рабочий день"
            else:
                note = "—"
        rows.append([
            n,
            event.title,
            event.rule,
            f"{_EVENT_TITLES[rule.anchor]}: {date_with_weekday(anchor_day)}",
            f"**{date_with_weekday(event.date)}**" + (" (предварительно)" if event.provisional else ""),
            note,
        ])
        if event.code in ("report_signed", "plan_approved"):
            anchors[event.code] = event.date
    return _table(
        ["№", "Действие", "Правило", "Отсчёт от", "Предельная дата", "Что учтено при счёте"],
        rows,
        [2, 12, 10, 10, 7, 10],
    )


# --- indicators ---------------------------------------------------------------------------------------------------


def _group_counts(group: IndicatorGroup) -> str:
    if group.indicators_status == "not_catalogued":
        return "индикаторы ещё не внесены"
    n = plural(len(group.indicators), "индикатор", "индикатора", "индикаторов")
    return n + (" (внесены не все)" if group.indicators_status == "partial" else "")


def factors_table(catalogue: Catalogue | None = None) -> str:
    """The eight corruption factors in normative legal acts, with the state of their indicator lists."""
    cat = _catalogue(catalogue)
    rows = [[f.number, group_link(f.code, cat), _group_counts(f)] for f in cat.npa_factors]
    return _table(["№", "Коррупционный фактор", "Индикаторы в каталоге"], rows, [2, 18, 10])


def areas_table(catalogue: Catalogue | None = None) -> str:
    """The twelve areas of organisational-management activity, the section of the analytical report each goes to,
    and the state of their indicator lists."""
    cat = _catalogue(catalogue)
    rows = []
    for a in cat.org_areas:
        section = cat.section_of(a)
        rows.append([a.number, group_link(a.code, cat), f"{section.number}. {section.title}", _group_counts(a)])
    return _table(["№", "Сфера деятельности", "Раздел аналитической справки", "Индикаторы в каталоге"], rows, [2, 12, 14, 8])


def indicators_table(group_code: str, catalogue: Catalogue | None = None) -> str:
    """The indicators of one NPA factor or organisational area, numbered as a finding cites them; a plain statement
    when the catalogue holds none yet."""
    cat = _catalogue(catalogue)
    group = cat.group_of(group_code)
    if group.code != group_code:
        raise KeyError(f"{group_code!r} — индикатор, а не фактор или сфера; укажите код {group.code!r}")
    kind = "фактора" if isinstance(group, NpaFactor) else "сферы"
    if not group.indicators:
        return (
            f"Индикаторы {kind} «{group.title}» ещё не внесены в каталог: "
            f"{INDICATORS_STATUS_TITLES['not_catalogued']}. До их внесения аналитик отмечает признаки {kind} "
            "в чек-листе одной строкой «в целом» и описывает найденный риск своими словами со ссылкой на норму "
            "или бизнес-процесс.\n"
        )
    rows = [[ind.number, ind.title, _short_source(cat, ind), f"`{ind.code}`"] for ind in group.indicators]
    table = _table(["№", "Индикатор", "Источник", "Код"], rows, [2, 24, 10, 5])
    if group.indicators_status == "partial":
        table += (
            f"\nСписок неполный: {INDICATORS_STATUS_TITLES['partial']}. Признаки {kind}, которых нет в списке, "
            "отмечаются в чек-листе строкой «иные признаки».\n"
        )
    return table


def typical_situations_table(area_code: str, catalogue: Catalogue | None = None) -> str:
    """The typical situations of an area taken from the exemplary list of corruptogenic functions (control and
    supervision); they illustrate the area and are not official indicators."""
    cat = _catalogue(catalogue)
    area = next((a for a in cat.org_areas if a.code == area_code), None)
    if area is None:
        raise KeyError(f"нет сферы с кодом {area_code!r}")
    if not area.typical_situations_from:
        return f"Для сферы «{area.title}» типовые ситуации в каталог не внесены.\n"
    rows = []
    for _ftype, zone, fn in cat.exemplary_functions():
        if zone.code == area.typical_situations_from:
            rows.append([fn.number, fn.title, fn.situation, fn.note or ""])
    return _table(["№", "Функция", "Типовая ситуация (коррупциогенный фактор)", "Примечание"], rows, [2, 12, 12, 10])


def measures_for_group(group_code: str, catalogue: Catalogue | None = None) -> str:
    """The measures vakr proposes for a factor or an area when the analyst wrote none: one per indicator, then the
    variants for the factor or area as a whole (chosen by words of the description), as a table."""
    cat = _catalogue(catalogue)
    group = cat.group_of(group_code)
    kind = "фактор" if group.code.startswith("npa.") else "сфера"

    def row(target: str, measure) -> list[str]:
        wording = "методика" if measure.wording == "seed" else "проект"
        title = re.sub(r"\{act(?::\w+)?\}", "«акт и пункт, указанные в риске»", measure.title)
        return [target, title, cat.completion_form_title(measure.completion_form), wording]

    rows = []
    for ind in group.indicators:
        rows += [row(f"индикатор {ind.number}", m) for m in cat.recommended_for(ind.code)]
    for m in cat.recommended_for(group.code):
        when = ("если в описании риска есть слова: " + ", ".join(f"«{w}»" for w in m.when_words)
                if m.when_words else "в остальных случаях")
        rows.append(row(f"{kind} в целом, {when}", m))
    return _table(["Для чего", "Мероприятие", "Форма завершения", "Формулировка"], rows, [8, 20, 6, 4])


# --- the report, the plan, the positions ---------------------------------------------------------------------------


def report_intro_table(catalogue: Catalogue | None = None) -> str:
    """The fields of the introductory part of the analytical report."""
    cat = _catalogue(catalogue)
    rows = [[n, f.title] for n, f in enumerate(cat.report.intro_fields, start=1)]
    return _table(["№", "Сведения вводной части"], rows, [2, 24])


def report_sections_table(catalogue: Catalogue | None = None) -> str:
    """The nine sections of the descriptive part, their fields and the areas filed under each."""
    cat = _catalogue(catalogue)
    titles = cat.report.field_titles
    rows = []
    for s in cat.report.sections:
        areas = ", ".join(group_link(a.code, cat) for a in cat.areas_of_section(s.code)) or "—"
        fields = "; ".join(titles[f] for f in s.fields)
        rows.append([s.number, s.title, areas, fields])
    return _table(["№", "Раздел описательной части", "Сферы", "Что указывается по каждому риску"], rows, [2, 10, 10, 16])


def worked_example(code: str, catalogue: Catalogue | None = None) -> str:
    """One worked example of the seed: where it is filed, the act, the description, the recommendation and the row
    of the plan derived from it."""
    cat = _catalogue(catalogue)
    ex = next((e for e in cat.worked_examples if e.code == code), None)
    if ex is None:
        raise KeyError(f"нет разобранного примера с кодом {code!r}")
    group = cat.group_of(ex.indicator)
    indicator = next(i for i in group.indicators if i.code == ex.indicator)
    section = cat.section_of(group)
    where = (
        f"раздел {section.number} справки «{section.title}»" if section else "направление «Нормативные правовые акты»"
    )
    row = ex.plan_row
    lines = [
        f"**{ex.title}**",
        "",
        _table(
            ["Поле", "Содержание"],
            [
                ["Направление и индикатор", f"{group_link(group.code, cat)}, индикатор {indicator.number}: {indicator.title}"],
                ["Куда в справке", where],
                ["Правовой акт", ex.act],
                ["Описание риска", ex.description],
                ["Рекомендация", ex.recommendation],
                ["Строка плана: подразделение", row.unit],
                ["Строка плана: индикатор", row.indicator_label],
                ["Строка плана: мероприятие", row.measure],
                ["Строка плана: форма завершения", row.completion_form],
                ["Строка плана: срок", long_date(row.due)],
            ],
            [6, 24],
        ),
    ]
    if row.note:
        lines += [f"Примечание каталога: {row.note}", ""]
    return "\n".join(lines)


def measures_table(catalogue: Catalogue | None = None) -> str:
    """The eight typical measures, the default completion form and the factors/areas they are proposed for."""
    cat = _catalogue(catalogue)
    rows = []
    for m in cat.typical_measures:
        where = ", ".join(group_link(code, cat) for code in m.suggested_for) or "—"
        rows.append([m.number, m.title, m.completion_form, where])
    return _table(["№", "Типичная мера", "Форма завершения по умолчанию", "Предлагается для"], rows, [2, 16, 6, 14])


def function_types_table(catalogue: Catalogue | None = None) -> str:
    """The four types of corruptogenic functions with their definitions and the areas they concern."""
    cat = _catalogue(catalogue)
    rows = []
    for t in cat.function_types:
        areas = ", ".join(group_link(code, cat) for code in t.areas)
        rows.append([t.number, t.title, t.definition, areas])
    return _table(["№", "Вид функций", "Что под ним понимается", "Сферы"], rows, [2, 8, 18, 8])


def exemplary_functions_table(catalogue: Catalogue | None = None) -> str:
    """The exemplary list of corruptogenic functions (zone → function → typical situation)."""
    cat = _catalogue(catalogue)
    rows = [[fn.number, zone.title, fn.title, fn.situation] for _t, zone, fn in cat.exemplary_functions()]
    return _table(["№", "Зона повышенного коррупционного риска", "Функция", "Типовая ситуация"], rows, [2, 8, 14, 12])


def table_columns(table_code: str, catalogue: Catalogue | None = None) -> str:
    """The columns of a document the ВАКР produces (``table.plan``, ``table.positions``, ``table.functions``)."""
    cat = _catalogue(catalogue)
    table = next((t for t in cat.tables if t.code == table_code), None)
    if table is None:
        raise KeyError(f"нет образца таблицы с кодом {table_code!r}")
    rows = [[n, c.title] for n, c in enumerate(table.columns, start=1)]
    return _table(["Графа", f"«{table.title}»"], rows, [2, 24])


# --- risk assessment -----------------------------------------------------------------------------------------------


def risk_scales_table(catalogue: Catalogue | None = None) -> str:
    """The likelihood and impact scales, 1 to 5."""
    cat = _catalogue(catalogue)
    m = cat.risk_matrix
    rows = [[lk.value, lk.title, im.title] for lk, im in zip(m.likelihood, m.impact)]
    return _table(["Балл", "Вероятность", "Последствия"], rows, [2, 8, 8])


def risk_matrix_table(catalogue: Catalogue | None = None) -> str:
    """The 5 × 5 grid: score (likelihood × impact) and band in each cell, likelihood from 5 down."""
    cat = _catalogue(catalogue)
    m = cat.risk_matrix
    headers = ["Вероятность \\ последствия"] + [f"{im.value} — {im.title.lower()}" for im in m.impact]
    rows = []
    for lk in reversed(m.likelihood):
        cells: list[object] = [f"{lk.value} — {lk.title.lower()}"]
        for im in m.impact:
            score = lk.value * im.value
            cells.append(f"{score} ({m.band_for(score).title.lower()})")
        rows.append(cells)
    return _table(headers, rows, [6, 4, 4, 4, 4, 4])


def risk_bands_table(catalogue: Catalogue | None = None) -> str:
    """The bands of the score (a documented assumption of the project) and how many of the 25 cells fall in each."""
    cat = _catalogue(catalogue)
    m = cat.risk_matrix
    scores = [lk.value * im.value for lk in m.likelihood for im in m.impact]
    rows = []
    for b in m.bands:
        cells = sum(1 for s in scores if b.min_score <= s <= b.max_score)
        rows.append([b.title, f"{b.min_score}–{b.max_score}", cells])
    return _table(["Уровень риска", "Баллы (вероятность × последствия)", "Клеток матрицы из 25"], rows, [6, 10, 6])


# --- sources and organisation types --------------------------------------------------------------------------------


def legal_sources_list(catalogue: Catalogue | None = None) -> str:
    """Every document the catalogue cites (sources.yaml), as a numbered list with details and links."""
    cat = _catalogue(catalogue)
    lines = []
    for n, doc in enumerate(cat.sources, start=1):
        parts = [f"{n}. **{doc.title}**"]
        meta = [doc.kind]
        if doc.adopted and not doc.note:
            meta.append(f"от {long_date(doc.adopted)}" + (f" № {doc.number}" if doc.number else ""))
        parts.append(f"({', '.join(meta)}).")
        if doc.note:
            parts.append(" ".join(doc.note.split()))
        if doc.url:
            parts.append(f"<{doc.url}>")
        parts.append(f"Код в каталоге: `{doc.code}`.")
        lines.append(" ".join(parts))
    return "\n".join(lines) + "\n"


def organisation_types_table(catalogue: Catalogue | None = None) -> str:
    """The organisation types the project map distinguishes and the projects that apply to each."""
    cat = _catalogue(catalogue)
    rows = []
    for t in cat.organisation_types:
        projects = [str(p.number) for p in cat.projects if t.code in p.applies_to]
        rows.append([t.title, ", ".join(projects), _short_source(cat, t)])
    return _table(["Субъект", "Проекты", "Основание"], rows, [10, 4, 12])
