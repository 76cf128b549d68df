"""The state of the year (vakr.monitoring): plan measures around their due dates (holidays too), periodic duties with
«к 5 числу» moved off days off, the 5 % rule at its boundary, quasi-public sector vs akimat, violations with their
places, `vakr monitor` (text, --json, --ics, init) and the year's calendar file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from vakr.calendar.deadlines import periodic_duties
from vakr.cli import main
from vakr.methodology.catalogue import Catalogue
from vakr.monitoring import Monitoring, monitor, monitoring_lines, year_ics
from vakr.monitoring.kpi import required_people
from vakr.monitoring.plan import proof_line, split_responsible
from vakr.organisation.load import load_organisation
from vakr.organisation.model import Organisation
from vakr.organisation.yaml import write_yaml
from vakr.organisation.year import (
    ComplianceDocument,
    Event,
    HireCheck,
    IsoRecord,
    ManagerCase,
    PlanExecution,
    Reconciliation,
    RestrictionCheck,
    Training,
    YearRecords,
)
from vakr.paths import project_root

D = dt.date
MARCH_31 = D(2026, 3, 31)
MID_JUNE = D(2026, 6, 15)
EXAMPLES = project_root() / "data" / "examples"
HR = "Служба управления персоналом (кадровая служба)"
LAW = "Юридический отдел"


@pytest.fixture(scope="module")
def akimat(catalogue: Catalogue) -> Organisation:
    return load_organisation(EXAMPLES / "akimat-example.yaml", catalogue)


@pytest.fixture(scope="module")
def quasi(catalogue: Catalogue) -> Organisation:
    return load_organisation(EXAMPLES / "quasi-example.yaml", catalogue)


def with_year(org: Organisation, **records: object) -> Organisation:
    """The organisation with exactly these records of the year (the example's own are replaced)."""
    return org.model_copy(update={"year": YearRecords.model_validate(records)})


def measure(number: str = "1.1.1", due: dt.date = MARCH_31, responsible: list[str] | None = None,
            **fields: object) -> dict:
    return {"number": number, "measure": f"Мера {number}", "due": due,
            "responsible": responsible if responsible is not None else [f"{HR} (Жұмабаева Ә.Қ.)"], **fields}


def state_of(org: Organisation, catalogue: Catalogue, record: dict, today: dt.date) -> tuple[str, str]:
    item = monitor(with_year(org, plan_execution=[record]), catalogue, today).plan[0]
    return item.state, item.state_title


# --- the plan ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("today, expected", [
    (D(2026, 3, 30), "due_soon"),  # the day before
    (D(2026, 3, 31), "due_soon"),  # the day itself: not overdue yet
    (D(2026, 4, 1), "overdue"),  # the day after
    (D(2026, 3, 1), "due_soon"),  # 30 days before
    (D(2026, 2, 28), "not_due"),  # 31 days before
])
def test_a_measure_not_done_changes_state_around_its_due_date(akimat, catalogue, today, expected):
    assert state_of(akimat, catalogue, measure(), today)[0] == expected
    assert state_of(akimat, catalogue, measure(status="not_done"), today)[0] == expected


@pytest.mark.parametrize("done_on, expected", [
    (D(2026, 3, 30), "done"), (D(2026, 3, 31), "done"), (D(2026, 4, 1), "done_late"),
])
def test_done_on_or_before_the_due_date_is_done_after_it_done_late(akimat, catalogue, done_on, expected):
    assert state_of(akimat, catalogue, measure(status="done", done_on=done_on), D(2026, 6, 15))[0] == expected


def test_done_after_today_is_not_done_yet_and_done_without_date_counts_on_time(akimat, catalogue):
    org = with_year(akimat, plan_execution=[measure(status="done", done_on=D(2026, 4, 10)),
                                            measure("1.1.2", status="done")])
    late, undated = monitor(org, catalogue, D(2026, 4, 5)).plan
    assert late.state == "overdue" and "позже даты мониторинга" in (late.note or "")
    assert undated.state == "done" and "дата исполнения не указана" in (undated.note or "")


def test_partial_execution_is_shown_and_counted_as_not_done(akimat, catalogue):
    record = measure(status="partial", done_on=D(2026, 3, 30))
    assert state_of(akimat, catalogue, record, D(2026, 4, 1)) == ("overdue", "просрочено (исполнено частично)")
    assert state_of(akimat, catalogue, record, D(2026, 3, 20)) == ("due_soon",
                                                                    "срок в ближайшие 30 дней (исполнено частично)")


@pytest.mark.parametrize("due, holiday", [(D(2026, 12, 16), "День Независимости"), (D(2027, 3, 22), "Наурыз мейрамы")])
def test_a_due_date_on_a_holiday_is_kept_as_written_and_noted(akimat, catalogue, due, holiday):
    org = with_year(akimat, plan_execution=[measure(due=due), measure("1.1.2", due=due, status="done",
                                                                      done_on=due + dt.timedelta(days=1))])
    on_the_day = monitor(org, catalogue, due)
    assert [(i.due_day_off, i.state) for i in on_the_day.plan] == [(holiday, "due_soon")] * 2
    day_after = monitor(org, catalogue, due + dt.timedelta(days=1))
    # not moved to the next working day: the day after is overdue, done the day after is late
    assert [i.state for i in day_after.plan] == ["overdue", "done_late"]
    assert f"нерабочий день ({holiday})" in "\n".join(monitoring_lines(on_the_day))


def test_counts_percentage_and_groups_by_unit_and_responsible(akimat, catalogue):
    org = with_year(akimat, plan_execution=[
        measure("1", D(2026, 1, 30), status="done", done_on=D(2026, 1, 20)),
        measure("2", D(2026, 2, 27), [f"{HR} (Жұмабаева Ә.Қ.)", f"{LAW} (Құрманғазиев Д.Б.)"], status="done",
                done_on=D(2026, 3, 5)),
        measure("3", D(2026, 3, 31), [f"{LAW} (Құрманғазиев Д.Б.)"], status="partial"),
        measure("4", D(2026, 9, 30), [f"{LAW} (Құрманғазиев Д.Б.)"], status="done", done_on=D(2026, 4, 2)),
        measure("5", D(2026, 12, 30), [f"{LAW} (Құрманғазиев Д.Б.)"]),
    ])
    m = monitor(org, catalogue, D(2026, 6, 15))
    assert m.counts == {"done": 2, "done_late": 1, "overdue": 1, "due_soon": 0, "not_due": 1}
    assert m.percent == 75.0  # (2 + 1) ÷ (2 + 1 + 1): measure 4 done ahead counts, measure 5 not yet due does not
    units = {g.name: g for g in m.by_unit}
    assert list(units) == [HR, LAW]  # «(кадровая служба)» is part of the unit, «(Жұмабаева Ә.Қ.)» a person
    assert (units[HR].total, units[HR].percent) == (2, 100.0)
    assert (units[LAW].total, units[LAW].counts["overdue"], units[LAW].percent) == (4, 1, pytest.approx(66.7))
    assert [g.name for g in m.by_responsible] == [f"{HR} (Жұмабаева Ә.Қ.)", f"{LAW} (Құрманғазиев Д.Б.)"]
    early = monitor(org, catalogue, D(2026, 1, 10))
    assert early.percent is None and early.counts["due_soon"] == 1


def test_split_responsible():
    units = [HR, LAW]
    assert split_responsible(f"{HR} (Жұмабаева Ә.Қ.)", units) == (HR, "Жұмабаева Ә.Қ.")
    assert split_responsible(HR, units) == (HR, None)
    assert split_responsible("юридический  отдел (Иванов И.И.)", units) == (LAW, "Иванов И.И.")
    assert split_responsible("Отдел кадров (кадровая служба)") == ("Отдел кадров (кадровая служба)", None)
    assert split_responsible("Бухгалтерия") == ("Бухгалтерия", None)


# --- periodic duties ---------------------------------------------------------------------------------------


def test_by_the_fifth_moves_off_days_off(catalogue):
    iso = [d for d in periodic_duties(2026, "quasi_public", catalogue=catalogue) if d.code == "p3.t3.s1"]
    assert [d.due for d in iso] == [
        D(2026, 4, 6),  # 5 April 2026 is a Sunday
        D(2026, 7, 7),  # 5 July a Sunday, 6 July the Capital's Day
        D(2026, 10, 5),
        D(2027, 1, 5),  # the IV quarter's report, due in January of the next year
    ]
    assert [d.due for d in periodic_duties(2027, "quasi_public", catalogue=catalogue)
            if d.code == "p3.t3.s1"][:2] == [D(2027, 4, 5), D(2027, 7, 5)]


def duty(m: Monitoring, code: str, period: str):
    return next(d for d in m.duties if d.code == code and d.period == period)


def test_the_quarterly_iso_report_is_due_by_the_moved_fifth_and_counts_in_its_window(quasi, catalogue):
    none = with_year(quasi)
    assert duty(monitor(none, catalogue, D(2026, 4, 6)), "p3.t3.s1", "I квартал 2026").state == "not_due"
    assert duty(monitor(none, catalogue, D(2026, 4, 7)), "p3.t3.s1", "I квартал 2026").state == "overdue"
    on_time = with_year(quasi, events=[Event(duty="p3.t3.s1", date=D(2026, 4, 6), title="Информация за I квартал")])
    m = monitor(on_time, catalogue, D(2026, 4, 7))
    assert duty(m, "p3.t3.s1", "I квартал 2026").state == "done"
    assert duty(m, "p3.t3.s1", "I квартал 2026").evidence == ["06.04.2026 — Информация за I квартал"]
    late = with_year(quasi, events=[Event(duty="p3.t3.s1", date=D(2026, 4, 7), title="Информация за I квартал")])
    m = monitor(late, catalogue, D(2026, 4, 8))
    # sent after 6 April: still the I quarter's information, done late; the II quarter's is not due yet
    assert duty(m, "p3.t3.s1", "I квартал 2026").state == "done"
    assert duty(m, "p3.t3.s1", "I квартал 2026").note == "направлено с нарушением срока (срок — 06.04.2026)"
    assert duty(m, "p3.t3.s1", "II квартал 2026").state == "not_due"


def test_quasi_public_and_akimat_have_different_duties_and_kpis(akimat, quasi, catalogue):
    today = D(2026, 6, 15)
    q, a = monitor(with_year(quasi), catalogue, today), monitor(with_year(akimat), catalogue, today)
    assert {d.code for d in q.duties} == {"p3.t1.s1", "p3.t3.s1"}  # project 3: the quasi-public sector only
    assert {d.code for d in a.duties} == {"p4.t1.s1", "p4.t2.s1", "p4.t2.s2"}  # p4.t1: akimats only
    assert [k.code for k in q.kpis] == ["p3.t1.s1.periods", "p3.t2.documents", "p3.t3.s1.periods", "p3.t3.s1.stage"]
    assert [k.code for k in a.kpis] == ["p4.t1.s1.periods", "p4.t2.s1.share", "p4.t2.s2.periods"]
    assert len([d for d in a.duties if d.code == "p4.t2.s2"]) == 12


def test_monthly_events_every_month_up_to_today(akimat, catalogue):
    events = [Event(duty="p4.t2.s2", date=D(2026, m, 15), title=f"Семинар {m}") for m in (1, 2, 3, 4, 6)]
    events.append(Event(duty="p4.t1.s1", date=D(2026, 3, 27), title="Заседание комиссии", document="Протокол № 1"))
    m = monitor(with_year(akimat, events=events), catalogue, D(2026, 6, 15))
    assert duty(m, "p4.t2.s2", "май 2026").state == "overdue"
    assert duty(m, "p4.t2.s2", "июнь 2026").state == "done"  # held before its due date
    assert duty(m, "p4.t2.s2", "июль 2026").state == "not_due"
    assert duty(m, "p4.t1.s1", "I квартал 2026").evidence == ["27.03.2026 — Заседание комиссии (Протокол № 1)"]
    kpis = {k.code: k for k in m.kpis}
    monthly = kpis["p4.t2.s2.periods"]
    assert monthly.state == "not_met" and monthly.missing == ["май 2026 (срок 29.05.2026)"]
    assert "4 из 5 периодов" in monthly.value and "досрочно — ещё за 1" in monthly.value
    assert kpis["p4.t1.s1.periods"].state == "met"
    assert monitor(with_year(akimat, events=events[:4]), catalogue, D(2026, 5, 29)).kpis[-1].state == "met"


# --- KPIs ---------------------------------------------------------------------------------------------------


def test_five_percent_of_120_is_6_people(akimat, catalogue):
    assert akimat.profile.staff_headcount == 120
    assert (required_people(120, 5), required_people(85, 5), required_people(100, 5), required_people(101, 5)) == (
        6, 5, 5, 6)  # rounded up to a whole person (an assumption of the project)

    def share(people: int, today: dt.date, year: int | None = None):
        org = with_year(akimat, trainings=[Training(date=D(2026, 3, 10), people=people - 1),
                                           Training(date=D(2026, 5, 20), people=1),
                                           Training(date=D(2026, 4, 1), kind="online", people=50)])
        m = monitor(org, catalogue, today, year)
        return next(k for k in m.kpis if k.code == "p4.t2.s1.share"), next(d for d in m.duties if d.code == "p4.t2.s1")

    kpi, duty_ = share(6, D(2026, 6, 15))
    assert (kpi.state, duty_.state) == ("met", "done")
    assert kpi.target.startswith("не менее 6 человек: 5 % от 120")
    kpi, duty_ = share(5, D(2026, 6, 15))
    assert (kpi.state, duty_.state, kpi.missing) == ("pending", "not_due", ["не хватает 1 человека"])
    assert "обучено: 5 человек (4,2 % от 120)" == kpi.value  # the online course is not counted
    kpi, duty_ = share(5, D(2027, 1, 11), year=2026)  # the year closed after its end
    assert (kpi.state, duty_.state) == ("not_met", "overdue")
    kpi, duty_ = share(6, D(2026, 5, 19))  # the sixth person is trained on 20 May
    assert kpi.state == "pending"


def test_without_the_headcount_the_share_is_not_calculated(akimat, catalogue):
    org = with_year(akimat, trainings=[Training(date=D(2026, 3, 10), people=7)])
    org = org.model_copy(update={"profile": org.profile.model_copy(update={"staff_headcount": None})})
    m = monitor(org, catalogue, D(2026, 6, 15))
    kpi = next(k for k in m.kpis if k.code == "p4.t2.s1.share")
    assert kpi.state == "not_calculated" and kpi.state_title == "не рассчитан"
    assert kpi.missing == ["не указана штатная численность"]
    assert next(d for d in m.duties if d.code == "p4.t2.s1").state == "unknown"


def test_eight_compliance_documents_adopted_and_published(quasi, catalogue):
    codes = [f"p3.t2.s{i}" for i in range(1, 9)]
    complete = [ComplianceDocument(document=c, adopted=D(2026, 2, 1), published=D(2026, 2, 5)) for c in codes]

    def documents(records: list[ComplianceDocument], today: dt.date = MID_JUNE):
        return next(k for k in monitor(with_year(quasi, compliance_documents=records), catalogue, today).kpis
                    if k.code == "p3.t2.documents")

    assert documents(complete).state == "met"
    assert documents(complete, D(2026, 2, 3)).value == "принято: 8 из 8; опубликовано: 0 из 8"
    partial = complete[:7] + [ComplianceDocument(document="p3.t2.s8", adopted=D(2026, 3, 1))]
    kpi = documents(partial)
    assert kpi.state == "not_met" and kpi.missing == [
        "не опубликован: Документ, регламентирующий вопросы корпоративной этики и поведения"]


@pytest.mark.parametrize("records, state", [
    ([], "not_met"),
    ([IsoRecord(date=D(2026, 1, 15), stage="implementing")], "pending"),
    ([IsoRecord(date=D(2026, 1, 15), stage="implementing"),
      IsoRecord(date=D(2026, 5, 4), stage="certified", certificate="KZ-37001-15", valid_until=D(2029, 5, 3))], "met"),
    ([IsoRecord(date=D(2023, 5, 4), stage="certified", valid_until=D(2026, 5, 3))], "not_met"),
])
def test_iso_stage(quasi, catalogue, records, state):
    m = monitor(with_year(quasi, iso=records), catalogue, D(2026, 6, 15))
    assert next(k for k in m.kpis if k.code == "p3.t3.s1.stage").state == state


# --- violations ---------------------------------------------------------------------------------------------


def year_with_violations() -> dict:
    return {
        "hires": [HireCheck(date=D(2026, 2, 2), position="Главный специалист", prior_offence=False),
                  HireCheck(date=D(2026, 4, 6), position="Ведущий специалист", prior_offence=True),
                  HireCheck(date=D(2026, 7, 1), position="Эксперт", prior_offence=True)],  # after today
        "manager_cases": [ManagerCase(date=D(2026, 3, 2), offence="Взятка", manager="Заведующий отделом",
                                      held_responsible=False, reason="переведён на иную должность")],
        "restriction_checks": [RestrictionCheck(date=D(2026, 3, 11), restriction="p2.t5.s2", checked=14,
                                                violations=1)],
        "reconciliations": [Reconciliation(date=D(2026, 4, 15), with_whom="Департамент АПК", discrepancies=0),
                            Reconciliation(date=D(2026, 4, 16), with_whom="Департамент АПК", discrepancies=2)],
        "plan_execution": [measure(status="done", done_on=D(2026, 3, 30))],
    }


def test_violations_are_warnings_placed_where_recorded(akimat, catalogue, tmp_path):
    path = write_yaml(with_year(akimat, **year_with_violations()), tmp_path / "org.yaml")
    org = load_organisation(path, catalogue)
    found = monitor(org, catalogue, D(2026, 6, 15)).violations
    assert [(p.code, p.field) for p in found] == [
        ("p2.hire_prior_offence", "year.hires.1.prior_offence"),
        ("p2.manager_not_held_responsible", "year.manager_cases.0.held_responsible"),
        ("p2.restriction_violations", "year.restriction_checks.0.violations"),
        ("p2.reconciliation_discrepancies", "year.reconciliations.1.discrepancies"),
    ]
    assert all(p.severity == "warning" for p in found)
    hire = found[0]
    assert hire.place is not None and hire.place.file == "org.yaml" and hire.place.path == "year.hires[1].prior_offence"
    assert hire.place.line is not None and str(hire).startswith("org.yaml, year.hires[1].prior_offence (строка")
    assert "причина: переведён на иную должность" in found[1].message
    assert "нарушений — 1 из 14 проверенных" in found[2].message
    assert len(monitor(org, catalogue, D(2026, 7, 1)).violations) == 5  # the July hire is a fact from 1 July


# --- the command line ---------------------------------------------------------------------------------------


@pytest.fixture
def org_file(akimat, tmp_path) -> Path:
    events = [Event(duty="p4.t2.s2", date=D(2026, m, 15), title=f"Семинар {m}") for m in (1, 2, 3, 4)]
    return write_yaml(with_year(akimat, events=events, trainings=[Training(date=D(2026, 3, 10), people=5)],
                                **year_with_violations()), tmp_path / "org.yaml")


def test_cli_monitor_prints_the_plan_duties_kpis_and_violations(org_file, capsys):
    assert main(["monitor", str(org_file), "--today", "2026-06-15"]) == 0
    out = capsys.readouterr().out
    for text in ("На дату: 15.06.2026 (пн)", "План мероприятий (мер: 1)", "1.1.1", "исполнено",
                 "Процент исполнения: 100 % (1 из 1", "По подразделениям:", HR.split(" (")[0],
                 "Периодические обязанности 2026 года", "29.05.2026 (пт)", "просрочено",
                 "Обучение не менее 5 % служащих: обучено: 5 человек (4,2 % от 120) — в процессе",
                 "Нарушения по записям проекта 2: 4", "org.yaml, year.hires[1].prior_offence"):
        assert text in out, text


def test_cli_monitor_json(org_file, capsys):
    assert main(["monitor", str(org_file), "--today", "15.06.2026", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["today"] == "2026-06-15" and data["year"] == 2026 and data["percent"] == 100.0
    assert data["plan"][0]["state"] == "done" and data["plan"][0]["state_title"] == "исполнено"
    assert {d["code"] for d in data["duties"]} == {"p4.t1.s1", "p4.t2.s1", "p4.t2.s2"}
    assert [k["state"] for k in data["kpis"] if k["code"] == "p4.t2.s1.share"] == ["pending"]
    assert data["violations"][0]["place"]["path"] == "year.hires[1].prior_offence"
    assert data["violations"][0]["severity"] == "warning" and "warnings" in data


def test_cli_monitor_usage_errors(org_file, capsys):
    assert main(["monitor", str(org_file), "--today", "2026-13-01"]) == 2
    assert "--today" in capsys.readouterr().err
    assert main(["monitor", str(org_file), "--year", "двадцать"]) == 2
    assert main(["monitor", str(org_file), "--force"]) == 2
    assert main(["monitor", "init", str(org_file), "--json"]) == 2
    assert main(["monitor", "init"]) == 2
    assert "укажите файл организации" in capsys.readouterr().err


def test_cli_monitor_init_calls_the_plan_execution_initialiser(org_file, tmp_path, monkeypatch, capsys):
    calls = []

    def init_plan_execution(org_path, catalogue, plan=None, *, force=False):
        calls.append((org_path, isinstance(catalogue, Catalogue), plan, force))
        return Path(org_path)

    monkeypatch.setattr("vakr.commands.init_plan_execution", init_plan_execution)
    assert main(["monitor", "init", str(org_file), "--plan", "plan.xlsx", "--force"]) == 0
    assert calls == [(str(org_file), True, Path("plan.xlsx"), True)]
    assert f"vakr monitor {org_file}" in capsys.readouterr().out


def test_cli_monitor_init_then_monitor(akimat, tmp_path, capsys):
    path = write_yaml(with_year(akimat), tmp_path / "org.yaml")
    assert main(["monitor", "init", str(path)]) == 0
    assert main(["monitor", "init", str(path)]) == 2  # already filled: refused without --force
    capsys.readouterr()
    assert main(["monitor", str(path), "--today", "2026-02-02", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["plan"]) == len(akimat.findings) and data["notes"] == []
    assert data["counts"]["overdue"] == sum(1 for i in data["plan"] if i["due"] < "2026-02-02")


def test_without_plan_execution_the_monitoring_says_how_to_start(akimat, catalogue):
    m = monitor(with_year(akimat), catalogue, MID_JUNE)
    assert m.plan == [] and m.percent is None and "vakr monitor init" in m.notes[0]
    assert "vakr monitor init" in "\n".join(monitoring_lines(m))


# --- the year's calendar ------------------------------------------------------------------------------------


def test_year_ics_is_deterministic_and_holds_measures_and_duties(org_file, catalogue, tmp_path, capsys):
    org = load_organisation(org_file, catalogue)
    data = year_ics(org, catalogue, 2026)
    assert data == year_ics(load_organisation(org_file, catalogue), catalogue, 2026)
    events = {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    measure_ = events["akimat-example-plan-1-1-1@vakr"]
    assert measure_.decoded("dtstart") == D(2026, 3, 31) and str(measure_["summary"]) == "Мера 1.1.1: Мера 1.1.1"
    may = events["akimat-example-p4.t2.s2-2026-05-01@vakr"]
    assert may.decoded("dtstart") == D(2026, 5, 29)
    assert str(may["summary"]) == "Ежемесячное разъясняющее мероприятие (май 2026)"
    alarm = may.walk("VALARM")[0]
    assert alarm.decoded("trigger") == dt.timedelta(days=-3, hours=9)  # 09:00 three days before
    assert {e.decoded("dtstamp") for e in events.values()} == {dt.datetime(2026, 1, 1, tzinfo=dt.UTC)}
    assert len(events) == 1 + 12 + 4 + 1
    target = tmp_path / "year.ics"
    assert main(["monitor", str(org_file), "--today", "2026-06-15", "--json", "--ics", str(target)]) == 0
    assert target.read_bytes() == data
    assert "Календарь сохранён" in capsys.readouterr().err


def test_the_proof_keeps_a_number_written_with_its_document():
    base = {"number": "1.1.1.", "measure": "Мера", "due": dt.date(2025, 9, 30)}
    with_document = PlanExecution(**base, proof_number="Решение Правления № 31", proof_date=dt.date(2025, 9, 26))
    assert proof_line(with_document) == "Решение Правления № 31 от 26.09.2025"
    bare = PlanExecution(**base, proof_number="61-ө", proof_date=dt.date(2026, 4, 14), proof_link="https://e.kz/1")
    assert proof_line(bare) == "№ 61-ө от 14.04.2026, https://e.kz/1"
