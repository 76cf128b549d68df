"""The KPIs of the year: the figures the records of projects 3–4 must reach, with their thresholds.

Each KPI is counted only for an organisation type its subtask applies to (``applies_to`` in projects.yaml) and
only from records dated on or before ``today``:

* **training of civil servants (p4.t2.s1)** — the threshold is the subtask's ``threshold`` in projects.yaml
  («не менее 5 %» of ``profile.staff_headcount``). The required number of people is rounded up to a whole person
  — an assumption of this project: 5 % of 120 is 6 people (6 trained — выполнено, 5 — нет), 5 % of 85 is 4.25,
  so 5 people. Counted: the people of the calendar year's trainings of kind «антикоррупционное обучение» (the
  online course is p4.t2.s3, not counted). Without the headcount the KPI is «не рассчитан». Before the duty's due
  date a shortfall is «в процессе», after it «не выполнено».
* **events of each period (p3.t1.s1, p3.t3.s1, p4.t1.s1, p4.t2.s2)** — every period whose due date is before
  ``today`` has its event (:mod:`vakr.monitoring.duties` says which event counts for which period); no such
  period yet — «в процессе».
* **anti-corruption compliance documents (p3.t2, quasi-public sector)** — each of the eight documents
  (p3.t2.s1–s8) adopted and published on the organisation's site (p3.t2.s9). The project map gives no deadline:
  anything missing is «не выполнено».
* **ISO 37001 / СТ РК 3049-2017 (p3.t3.s1)** — the latest stage recorded: certified with a certificate in force —
  «выполнено»; implementation under way — «в процессе»; not started, no record, or the certificate expired —
  «не выполнено».
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction

from pydantic import BaseModel, ConfigDict

from vakr.formatting import plural, plural_form, short_date
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.models import Subtask
from vakr.monitoring.model import DutyStatus, Kpi, KpiState
from vakr.organisation.model import Organisation
from vakr.organisation.year import ISO_STAGE_TITLES

TRAINING_DUTY = "p4.t2.s1"
COMPLIANCE_TASK = "p3.t2"
ISO_DUTY = "p3.t3.s1"


class TrainingCount(BaseModel):
    model_config = ConfigDict(frozen=True)

    trained: int
    headcount: int | None
    min_percent: float
    required: int | None  # None: no headcount


def required_people(headcount: int, min_percent: float) -> int:
    """«Не менее P %» of the headcount in whole people, rounded up (the project's assumption): 120, 5 → 6."""
    return math.ceil(Fraction(headcount) * Fraction(str(min_percent)) / 100)


def training_count(org: Organisation, sub: Subtask, year: int, today: dt.date) -> TrainingCount:
    """The people trained in ``year`` up to ``today`` and the number the threshold of ``sub`` requires."""
    assert sub.threshold is not None, f"{sub.code}: в projects.yaml не указан threshold"
    trained = sum(t.people for t in org.year.trainings
                  if t.kind == "course" and t.date.year == year and t.date <= today)
    headcount = org.profile.staff_headcount
    required = required_people(headcount, sub.threshold.min_percent) if headcount else None
    return TrainingCount(trained=trained, headcount=headcount, min_percent=sub.threshold.min_percent,
                         required=required)


def _percent(value: float) -> str:
    return f"{value:g}".replace(".", ",") + " %"


def training_kpi(org: Organisation, sub: Subtask, duty_due: dt.date, today: dt.date, title: str) -> Kpi:
    count = training_count(org, sub, duty_due.year, today)
    percent = _percent(count.min_percent)
    rule = (f"Не менее {percent} от штатной численности (profile.staff_headcount), округление вверх до целого"
            " человека — допущение проекта; считаются люди, направленные на антикоррупционное обучение за"
            f" {duty_due.year} год (лист «Обучение», вид «антикоррупционное обучение»).")
    value = f"обучено: {plural(count.trained, 'человек', 'человека', 'человек')}"
    if count.headcount is None or count.required is None:
        return Kpi(code=f"{sub.code}.share", measures=sub.code, title=title, value=value,
                   target=f"не менее {percent} от штатной численности", state="not_calculated",
                   missing=["не указана штатная численность"], rule=rule)
    share = _percent(round(100 * count.trained / count.headcount, 1))
    value += f" ({share} от {count.headcount})"
    target = (f"не менее {plural(count.required, 'человека', 'человек', 'человек')}: {percent} от {count.headcount}"
              f" с округлением вверх; срок — {short_date(duty_due)}")
    state: KpiState
    missing = []
    if count.trained >= count.required:
        state = "met"
    else:
        state = "pending" if today <= duty_due else "not_met"
        missing = [f"не хватает {plural(count.required - count.trained, 'человека', 'человек', 'человек')}"]
    return Kpi(code=f"{sub.code}.share", measures=sub.code, title=title, value=value, target=target, state=state,
               missing=missing, rule=rule)


def period_kpi(code: str, title: str, periods: list[DutyStatus], today: dt.date, year: int) -> Kpi:
    """Every period of an event duty whose due date is before ``today`` has its event."""
    passed = [d for d in periods if d.due < today]
    done = [d for d in passed if d.state == "done"]
    missing = [f"{d.period} (срок {short_date(d.due)})" for d in passed if d.state != "done"]
    state: KpiState = "pending" if not passed else "met" if not missing else "not_met"
    value = (f"выполнено за {len(done)} из {len(passed)} {plural_form(len(passed), 'периода', 'периодов', 'периодов')}"
             " с истёкшим сроком" if passed else "срок ни одного периода ещё не истёк")
    ahead = sum(1 for d in periods if d.due >= today and d.state == "done")
    if ahead:
        value += f"; досрочно — ещё за {ahead}"
    rule = (f"{periods[0].rule}: в каждом периоде {year} года, срок которого истёк до {short_date(today)},"
            " есть мероприятие этой обязанности (лист «Мероприятия»).")
    count = plural(len(periods), "период", "периода", "периодов")
    return Kpi(code=f"{code}.periods", measures=code, title=title, value=value,
               target=f"мероприятие в каждом периоде ({count} в {year} году)", state=state, missing=missing, rule=rule)


def compliance_kpi(org: Organisation, catalogue: Catalogue, documents: list[Subtask], publication: Subtask | None,
                   today: dt.date) -> Kpi:
    records = org.year.compliance_documents
    adopted = {r.document for r in records if r.adopted is not None and r.adopted <= today}
    published = {r.document for r in records if r.published is not None and r.published <= today}
    missing = [f"не принят: {d.title}" for d in documents if d.code not in adopted]
    missing += [f"не опубликован: {d.title}" for d in documents if d.code not in published]
    n = len(documents)
    value = (f"принято: {sum(d.code in adopted for d in documents)} из {n}; опубликовано:"
             f" {sum(d.code in published for d in documents)} из {n}")
    where = f" ({publication.code})" if publication else ""
    rule = (f"Каждый из документов {documents[0].code}–{documents[-1].code} принят и опубликован на сайте"
            f" организации{where}: лист «Документы комплаенса», даты принятия и публикации не позже даты"
            " мониторинга. Срок в карте проектов не указан.")
    return Kpi(code=f"{COMPLIANCE_TASK}.documents", measures=COMPLIANCE_TASK,
               title=catalogue.get(COMPLIANCE_TASK).title, value=value,
               target=f"все {n} документов приняты и опубликованы", state="met" if not missing else "not_met",
               missing=missing, rule=rule)


def iso_kpi(org: Organisation, title: str, today: dt.date) -> Kpi:
    records = sorted((r for r in org.year.iso if r.date <= today), key=lambda r: r.date)
    rule = ("Последняя запись листа «ISO 37001» на дату мониторинга: сертификат действует — выполнено; идёт"
            " внедрение — в процессе; внедрение не начато или срок сертификата истёк — не выполнено.")
    target = "сертификат ISO 37001 или СТ РК 3049-2017 действует"
    if not records:
        return Kpi(code=f"{ISO_DUTY}.stage", measures=ISO_DUTY, title=title, value="записей нет", target=target,
                   state="not_met", missing=["нет записей о внедрении"], rule=rule)
    last = records[-1]
    value = f"{ISO_STAGE_TITLES[last.stage]} ({last.standard}, {short_date(last.date)})"
    if last.certificate:
        value += f"; сертификат {last.certificate}"
    if last.valid_until:
        value += f", действует до {short_date(last.valid_until)}"
    state: KpiState
    if last.stage == "certified" and (last.valid_until is None or last.valid_until >= today):
        state = "met"
    elif last.stage == "implementing":
        state = "pending"
    else:
        state = "not_met"
    missing = [f"стадия: {ISO_STAGE_TITLES[last.stage]}"] if state == "not_met" else []
    if last.stage == "certified" and state == "not_met":
        missing = [f"срок сертификата истёк {short_date(last.valid_until)}"]
    return Kpi(code=f"{ISO_DUTY}.stage", measures=ISO_DUTY, title=title, value=value, target=target, state=state,
               missing=missing, rule=rule)


def kpis(org: Organisation, catalogue: Catalogue, duties: list[DutyStatus], today: dt.date, year: int) -> list[Kpi]:
    """The KPIs that apply to the organisation type, on ``today`` (see the module rules)."""
    applicable = {sub.code: sub for project, task, sub in catalogue.subtasks()
                  if org.profile.type in catalogue.applies_to(project, task, sub)}
    by_code: dict[str, list[DutyStatus]] = {}
    for duty in duties:
        by_code.setdefault(duty.code, []).append(duty)
    result = []
    for code, periods in by_code.items():
        if code == TRAINING_DUTY:
            result.append(training_kpi(org, applicable[code], periods[-1].due, today, periods[0].title))
        else:  # an event duty (every other periodic duty of the catalogue)
            result.append(period_kpi(code, periods[0].title, periods, today, year))
    documents = [s for c, s in applicable.items() if c.startswith(COMPLIANCE_TASK + ".") and s.document]
    if documents:
        publication = next((s for c, s in applicable.items() if c.startswith(COMPLIANCE_TASK + ".") and s.publishes),
                           None)
        result.append(compliance_kpi(org, catalogue, documents, publication, today))
    if ISO_DUTY in applicable:
        result.append(iso_kpi(org, "Стадия внедрения ISO 37001", today))
    return sorted(result, key=lambda k: k.code)
