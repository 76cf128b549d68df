"""The year after the ВАКР: the state of the plan of measures and of the duties of direction No. 4 on a date.

The layer sits above the organisation (:mod:`vakr.organisation`, whose ``year`` holds the records), the calendar
(:mod:`vakr.calendar.deadlines`: the due dates of the periodic duties) and the methodology (the project map,
``projects.yaml``: which duties apply to which organisation type, their short titles and thresholds). Nothing here
reads or writes files; ``vakr monitor`` (:mod:`vakr.commands`) does.

* :func:`monitor` → :class:`Monitoring` — the state on ``today``: each measure of the plan with its state, counts
  and execution percentage by unit and by responsible (:mod:`.plan`); each periodic duty of the calendar year of
  ``today`` with its state (:mod:`.duties`); the KPIs with their thresholds (:mod:`.kpi`); the violations the
  project 2 records show, as :class:`~vakr.problems.Problem` warnings placed in the file (:mod:`.violations`).
  Each module states its rules, the assumptions of this project among them.
* :func:`monitoring_lines` — the same as the text ``vakr monitor`` prints (:mod:`.text`).
* :func:`year_ics` — the due dates of the plan and of the year's duties as an iCalendar file (:mod:`.ics`).
"""

from vakr.monitoring.ics import year_ics
from vakr.monitoring.model import Monitoring
from vakr.monitoring.status import monitor
from vakr.monitoring.text import monitoring_lines

__all__ = ["Monitoring", "monitor", "monitoring_lines", "year_ics"]
