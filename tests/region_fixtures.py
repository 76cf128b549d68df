"""A small hand-made set of evaluated organisations for the tests of `vakr region`, small enough to check every
count by hand.

Five organisations (levels: low 1–4, medium 5–9, high 10–16, critical 17–25 — the bundled risk matrix), on
15.06.2026:

======  ==============  ==========  =================================================================  ==========
org     region          parent      risks (indicator → level)                                          deadlines
======  ==============  ==========  =================================================================  ==========
A       Жасылкөл обл.   —           org.hr.02 high, org.hr.04 medium, npa.legal_gap.6 critical,        report, plan not marked
                                    org.contracts.01 low
B       Жасылкөл обл.   P           org.hr.02 high, org.coi medium, org.contracts.01 high              report 3 days late
C       Самал обл.      P           org.hr.02 low, npa.legal_gap.6 medium                              order 2 days late
D       Самал обл.      —           none                                                                all met
E       Самал обл.      —           org.coi low, org.hr.04 medium                                      report 1 day
======  ==============  ==========  =================================================================  ==========
"""

from __future__ import annotations

import datetime as dt

from vakr.region.record import (
    OrgRecord,
    RecordDeadline,
    RecordLevel,
    RecordMeasure,
    RecordOrganisation,
    RecordPlan,
    RecordRisk,
)

TODAY = dt.date(2026, 6, 15)
D = dt.date
LEVELS = [RecordLevel(code="low", title="Низкий", color="#2E7D32", min_score=1, max_score=4),
          RecordLevel(code="medium", title="Средний", color="#F9A825", min_score=5, max_score=9),
          RecordLevel(code="high", title="Высокий", color="#EF6C00", min_score=10, max_score=16),
          RecordLevel(code="critical", title="Критический", color="#C62828", min_score=17, max_score=25)]
SCORES = {"low": (1, 2), "medium": (2, 3), "high": (3, 4), "critical": (4, 5)}
GROUPS = {
    "org.hr": (1, "Управление персоналом", "org"),
    "org.coi": (2, "Урегулирование конфликта интересов", "org"),
    "org.contracts": (8, "Заключение договоров с физическими и юридическими лицами", "org"),
    "npa.legal_gap": (1, "Правовой пробел", "npa"),
}
TYPES = {"akimat": "Местный исполнительный орган (аппарат акима, акимат)", "state_body": "Государственный орган",
         "quasi_public": "Субъект квазигосударственного сектора", "other": "Иная организация"}

NAMES = {
    "a": "ГУ «Аппарат акима Жасылкөл области»",
    "b": "ГУ «Департамент юстиции Жасылкөл области»",
    "c": "ГУ «Вектор»",
    "d": "ТОО «Өрнек»",
    "e": "АО «Бірлік»",
}


def risk(rank: int, indicator: str, level: str, unit: str = "Отдел кадров") -> RecordRisk:
    group = indicator if indicator.count(".") == 1 else indicator.rsplit(".", 1)[0]
    number, title, direction = GROUPS[group]
    likelihood, impact = SCORES[level]
    level_title = next(lv.title for lv in LEVELS if lv.code == level)
    return RecordRisk(
        rank=rank, indicator=indicator, indicator_label=f"{title}, индикатор {indicator.rsplit('.', 1)[-1]}",
        indicator_title=f"Формулировка индикатора {indicator}", direction=direction,  # type: ignore[arg-type]
        direction_title="Нормативные правовые акты" if direction == "npa" else "Организационно-управленческая"
                                                                               " деятельность",
        group=group, group_number=number, group_title=title, section="report.s1", section_number=1,
        section_title="Управление персоналом", unit=unit, act="Бизнес-процесс «Приём на работу»",
        description=f"Риск по индикатору {indicator}", positions=["Главный специалист"], measure="Мера",
        due=D(2026, 9, 1), likelihood=likelihood, impact=impact, score=likelihood * impact, level=level,
        level_title=level_title)


def deadlines(order: tuple[dt.date, dt.date | None], report: tuple[dt.date, dt.date | None],
              plan: tuple[dt.date, dt.date | None]) -> list[RecordDeadline]:
    def step(code: str, task: str, title: str, due: dt.date, done: dt.date | None, tracked: bool) -> RecordDeadline:
        return RecordDeadline(code=code, task=task, title=title, short_title=title, rule="правило", due=due,
                              done=done, tracked=tracked)

    return [
        step("announce_start", "p1.t1.s1", "Анонс начала ВАКР", order[0] - dt.timedelta(days=7), None, False),
        step("order", "p1.t1.s2", "Приказ о проведении ВАКР", *order, True),
        step("report_signed", "p1.t2.s3", "Подписание аналитической справки", *report, True),
        step("plan_approved", "p1.t3.s1", "Утверждение плана мероприятий", *plan, True),
        step("cartogram_update", "p1.t5.s1", "Актуализация картограммы", plan[0] + dt.timedelta(days=5), None, False),
    ]


def record(key: str, region: str, org_type: str, parent: str | None, risks: list[RecordRisk],
           steps: list[RecordDeadline], plan: RecordPlan | None = None) -> OrgRecord:
    return OrgRecord(
        as_of=D(2026, 1, 1), source=f"{key}.xlsx",
        organisation=RecordOrganisation(
            name=NAMES[key], name_kk=f"{NAMES[key]} (қаз.)", slug=f"org-{key}", type=org_type,
            type_title=TYPES[org_type], region=region, parent=parent, vakr_start=D(2025, 10, 1),
            vakr_end=D(2025, 11, 28), order_number="1-ө", order_date=steps[1].done or D(2025, 9, 19),
            report_signed=steps[2].done, plan_approved=steps[3].done),
        levels=LEVELS, risks=risks, deadlines=steps, plan=plan)


def plan(as_of: dt.date, *measures: tuple[str, dt.date, str | None, dt.date | None]) -> RecordPlan:
    items = [RecordMeasure(number=str(i), measure=f"Мера {i}", due=due, status=status,  # type: ignore[arg-type]
                           done_on=done) for i, (_, due, status, done) in enumerate(measures, 1)]
    return RecordPlan(as_of=as_of, counts={"done": 0, "done_late": 0, "overdue": 0, "due_soon": 0, "not_due": 0},
                      percent=None, measures=items)


R1, R2, P = "Жасылкөл область", "Самал область", "Министерство юстиции"


def hand_set() -> list[OrgRecord]:
    """A, B, C, D, E in this order (see the module docstring)."""
    a = record("a", R1, "akimat", None,
               [risk(1, "npa.legal_gap.6", "critical", "Юридический отдел"), risk(2, "org.hr.02", "high"),
                risk(3, "org.hr.04", "medium"), risk(4, "org.contracts.01", "low", "Отдел закупок")],
               deadlines((D(2025, 9, 24), D(2025, 9, 19)), (D(2025, 12, 12), None), (D(2025, 12, 29), None)),
               plan(D(2026, 1, 1), ("1", D(2026, 3, 1), "done", D(2026, 2, 20)),
                    ("2", D(2026, 3, 1), "done", D(2026, 3, 10)), ("3", D(2026, 5, 1), None, None),
                    ("4", D(2026, 7, 1), "not_done", None), ("5", D(2026, 9, 1), None, None)))
    b = record("b", R1, "state_body", P,
               [risk(1, "org.hr.02", "high"), risk(2, "org.contracts.01", "high", "Отдел закупок"),
                risk(3, "org.coi", "medium")],
               deadlines((D(2025, 9, 24), D(2025, 9, 22)), (D(2025, 12, 12), D(2025, 12, 15)),
                         (D(2025, 12, 29), D(2025, 12, 26))),
               plan(D(2026, 1, 1), ("1", D(2026, 6, 1), "partial", None),
                    ("2", D(2026, 6, 10), "done", D(2026, 6, 20))))
    c = record("c", R2, "quasi_public", P,
               [risk(1, "npa.legal_gap.6", "medium", "Юридический отдел"), risk(2, "org.hr.02", "low")],
               deadlines((D(2025, 9, 24), D(2025, 9, 26)), (D(2026, 7, 1), None), (D(2026, 7, 15), None)))
    d = record("d", R2, "other", None, [],
               deadlines((D(2025, 9, 24), D(2025, 9, 24)), (D(2025, 12, 12), D(2025, 12, 12)),
                         (D(2025, 12, 29), D(2025, 12, 29))))
    e = record("e", R2, "quasi_public", None,
               [risk(1, "org.hr.04", "medium"), risk(2, "org.coi", "low")],
               deadlines((D(2025, 9, 24), D(2025, 9, 24)), (D(2026, 6, 14), None), (D(2026, 6, 15), None)))
    return [a, b, c, d, e]
