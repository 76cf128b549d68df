"""The state of the year on a date: :func:`monitor` puts together the plan, the duties, the KPIs and the violations."""

from __future__ import annotations

import datetime as dt

from vakr.calendar.kazakhstan import get_calendar
from vakr.methodology.catalogue import Catalogue
from vakr.monitoring.duties import duty_statuses
from vakr.monitoring.kpi import kpis
from vakr.monitoring.model import Monitoring
from vakr.monitoring.plan import by_responsible, by_unit, count_states, execution_percent, plan_items
from vakr.monitoring.violations import violations
from vakr.organisation.model import Organisation

NO_PLAN_NOTE = ("Исполнение плана мероприятий не внесено (лист «Исполнение плана»): создайте его командой"
                " `vakr monitor init ФАЙЛ` и отмечайте исполнение мер.")


def monitor(org: Organisation, catalogue: Catalogue, today: dt.date, year: int | None = None) -> Monitoring:
    """The state of the organisation's year on ``today``: each measure of the plan (:mod:`vakr.monitoring.plan`),
    each periodic duty of the calendar ``year`` (default: the year of ``today``; an earlier year to close it after
    its end) (:mod:`.duties`), the KPIs (:mod:`.kpi`) and the violations the project 2 records show
    (:mod:`.violations`). Each module states its rules.

    Raises :class:`~vakr.errors.CalendarRangeError` when ``today`` lies outside the calendar's horizon."""
    calendar = get_calendar(org.profile.work_week == 6)
    calendar.check_date(today)
    items = plan_items(org.year.plan_execution, today, calendar, org.profile.units)
    counts = count_states(items)
    year = today.year if year is None else calendar.check_year(year)
    duties = duty_statuses(org, catalogue, today, year, calendar)
    notes = [] if items else [NO_PLAN_NOTE]
    return Monitoring(
        organisation=org.profile.name, org_type=org.profile.type, today=today, year=year, plan=items,
        counts=counts, percent=execution_percent(counts), by_unit=by_unit(items), by_responsible=by_responsible(items),
        duties=duties, kpis=kpis(org, catalogue, duties, today, year), violations=violations(org, catalogue, today),
        notes=notes,
    )
