"""Violations of the anti-corruption law found in the records of project 2, as warnings placed where they were
recorded (the row of the workbook's sheet or the YAML path of ``year:``).

* ``p2.hire_prior_offence`` — a person who had committed a corruption offence was hired (p2.t4.s1);
* ``p2.manager_not_held_responsible`` — a manager was not held responsible for a subordinate's corruption
  offence (p2.t3.s1, p2.t3.s2), with the reason recorded;
* ``p2.restriction_violations`` — a check of an anti-corruption restriction found violations (p2.t5.s1–s5);
* ``p2.reconciliation_discrepancies`` — a reconciliation of offences found discrepancies (p2.t2.s1).

Records dated after ``today`` are not facts yet on ``today`` and are left out.
"""

from __future__ import annotations

import datetime as dt

from vakr.formatting import plural, short_date
from vakr.methodology.catalogue import Catalogue
from vakr.organisation.model import Organisation
from vakr.problems import Problem, field_path


def _problem(org: Organisation, code: str, message: str, *key: object) -> Problem:
    return Problem(severity="warning", code=code, message=message, place=org.locate("year", *key),
                   field=field_path("year", *key))


def violations(org: Organisation, catalogue: Catalogue, today: dt.date) -> list[Problem]:
    """Every violation the project 2 records show on ``today``, in the order of the sheets and their rows."""
    year = org.year
    found: list[Problem] = []
    for i, hire in enumerate(year.hires):
        if hire.prior_offence and hire.date <= today:
            found.append(_problem(
                org, "p2.hire_prior_offence",
                f"{short_date(hire.date)} на должность «{hire.position}» принято лицо, ранее совершившее коррупционное"
                " правонарушение (2.4.1)" + (f": {hire.comment}" if hire.comment else ""),
                "hires", i, "prior_offence"))
    for i, case in enumerate(year.manager_cases):
        if not case.held_responsible and case.date <= today:
            reason = f"причина: {case.reason}" if case.reason else "причина не указана"
            found.append(_problem(
                org, "p2.manager_not_held_responsible",
                f"руководитель ({case.manager}) не привлечён к ответственности за коррупционное правонарушение"
                f" подчинённого ({case.offence}, {short_date(case.date)}); {reason} (2.3.1, 2.3.2)",
                "manager_cases", i, "held_responsible"))
    for i, check in enumerate(year.restriction_checks):
        if check.violations and check.date <= today:
            title = catalogue.get(check.restriction).title
            found.append(_problem(
                org, "p2.restriction_violations",
                f"проверка {short_date(check.date)} «{title}»: нарушений —"
                f" {check.violations} из {plural(check.checked, 'проверенного', 'проверенных', 'проверенных')}"
                + (f"; {check.comment}" if check.comment else ""),
                "restriction_checks", i, "violations"))
    for i, rec in enumerate(year.reconciliations):
        if rec.discrepancies and rec.date <= today:
            period = f" за {rec.period}" if rec.period else ""
            found.append(_problem(
                org, "p2.reconciliation_discrepancies",
                f"сверка {short_date(rec.date)} с «{rec.with_whom}»{period}: расхождений — {rec.discrepancies} (2.2.1)"
                + (f"; {rec.result}" if rec.result else ""),
                "reconciliations", i, "discrepancies"))
    return found
