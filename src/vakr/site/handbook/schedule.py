"""Handbook tables of the project map, ВАКР and its deadlines (with the working-day calendar)."""

from __future__ import annotations

import datetime as dt

from vakr.calendar.deadlines import EVENT_ORDER, vakr_schedule
from vakr.calendar.kazakhstan import get_calendar
from vakr.formatting import MONTH_TITLES, date_with_weekday, long_date, plural
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import default_catalogue
from vakr.methodology.models import (
    PERIODICITY_TITLES,
    PeriodicDeadline,
    Project,
    RelativeDeadline,
)
from vakr.site.handbook.common import (
    _DIRECTION_WORDS,
    _EVENT_TITLES,
    _PERIOD_GENITIVE,
    _UNIT_WORDS,
    _applies_to_titles,
    _event_title,
    _rule_text,
    _short_source,
    _table,
    group_link,
)

# --- the project map ---------------------------------------------------------------------------------------------


def _project_periodicity(cat: Catalogue, project: Project) -> str:
    """How often a project runs. The project of the ВАКР (the one holding its schedule's events) takes the seed's
    wording of the ВАКР's periodicity — «рекомендуется проводить не реже одного раза в год» — not a bare «ежегодно»."""
    if any(sub.event for task in project.tasks for sub in task.subtasks):
        vakr = cat.vakr.periodicity
        times = "одного раза" if vakr.min_per_year == 1 else f"{vakr.min_per_year} раз"
        return f"не реже {times} в год" + (" (рекомендуется)" if "рекомендуется" in vakr.title else "")
    return PERIODICITY_TITLES[project.periodicity]


def project_map_table(catalogue: Catalogue | None = None) -> str:
    """The four projects of direction No. 4: tasks, subtasks, who they apply to and where the handbook explains them
    (the addressees the project chose carry «(допущение проекта)»)."""
    cat = default_catalogue(catalogue)
    rows = []
    for p in cat.projects:
        subtasks = sum(len(t.subtasks) for t in p.tasks)
        rows.append([
            p.number,
            f"[{p.full_title}]({p.handbook_page})",
            len(p.tasks),
            subtasks,
            _applies_to_titles(cat, p.applies_to),
            _project_periodicity(cat, p),
        ])
    return _table(
        ["№", "Проект", "Задач", "Подзадач", "Для кого", "Периодичность проекта"],
        rows,
        [2, 14, 3, 3, 10, 5],
    )


def project_tasks_table(project_code: str, catalogue: Catalogue | None = None) -> str:
    """Every task and subtask of one project with its deadline rule (or periodicity) and the organisations it
    applies to."""
    cat = default_catalogue(catalogue)
    project = next((p for p in cat.projects if p.code == project_code), None)
    if project is None:
        raise KeyError(f"нет проекта с кодом {project_code!r}")
    rows = []
    for task in project.tasks:
        if not task.subtasks:
            note = task.content_missing or "Подзадачи в пособие не внесены."
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
    """The four acts the ВАКР follows, with their details from the methodology's list of sources."""
    cat = default_catalogue(catalogue)
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
    cat = default_catalogue(catalogue)
    rows = []
    for stage in cat.vakr.stages:
        refs = "; ".join(f"Типовые правила, {r.at}" for r in stage.refs if r.doc == "rules_vakr") or "—"
        rows.append([stage.number, stage.title, refs])
    return _table(["Этап", "Содержание", "Норма Типовых правил"], rows, [2, 20, 6])


def information_sources_table(catalogue: Catalogue | None = None) -> str:
    """The twelve sources of information for a ВАКР, with the catalogue's notes."""
    cat = default_catalogue(catalogue)
    rows = [[s.number, s.title, s.note or ""] for s in cat.vakr.information_sources]
    return _table(["№", "Источник информации", "Примечание"], rows, [2, 16, 10])


def directions_table(catalogue: Catalogue | None = None) -> str:
    """The two directions of the analysis and what each contains."""
    cat = default_catalogue(catalogue)
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
    map and how vakr reads it (a reading beyond the seed's words carries «(допущение проекта: …)»)."""
    cat = default_catalogue(catalogue)
    subs = cat.event_subtasks()
    rows = []
    for n, code in enumerate(EVENT_ORDER, start=1):
        sub = subs[code]
        rule = sub.deadline
        assert isinstance(rule, RelativeDeadline)
        anchor, shift = _relative_rule_parts(rule)
        rows.append([n, _event_title(sub), rule.text, anchor, shift])
    return _table(
        ["№", "Действие", "Срок по карте проектов", "Отсчёт от", "Сдвиг"],
        rows,
        [2, 16, 10, 7, 7],
    )


def periodic_rules_table(catalogue: Catalogue | None = None) -> str:
    """The periodic duties of projects 1–4 (monthly, quarterly, yearly) and how their due dates are set."""
    cat = default_catalogue(catalogue)
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
            _rule_text(sub),
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
        rows.append([MONTH_TITLES[month - 1], counts[month - 1], offs, works])
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
    cat = default_catalogue(catalogue)
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
            _event_title(subs[event.code]),
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
