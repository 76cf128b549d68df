"""The deadline engine: rule forms around holidays, the ВАКР schedule and its warnings, periodic duties, the batch
path, the ICS file, the timeline chart and the command line."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest
from icalendar import Calendar

from vakr.calendar.deadlines import apply_rule, batch_schedules, periodic_duties, vakr_schedule
from vakr.calendar.ics import schedule_to_ics
from vakr.calendar.kazakhstan import get_calendar
from vakr.cli import main
from vakr.errors import CalendarRangeError
from vakr.methodology.models import RelativeDeadline
from vakr.site.plots import save_figure, timeline_figure

D = dt.date


def rule(text, anchor, count, unit, direction):
    return RelativeDeadline(text=text, anchor=anchor, count=count, unit=unit, direction=direction)


BEFORE = lambda n: rule(f"За {n} рабочих дней до начала ВАКР", "vakr_start", n, "working_days", "before")  # noqa: E731
AFTER = lambda n: rule(f"Не позднее {n} рабочих дней со дня завершения ВАКР", "vakr_end", n, "working_days", "after")  # noqa: E731
YEAR = rule("В течение одного года со дня подписания аналитической справки", "report_signed", 1, "years", "after")


@pytest.mark.parametrize(
    "the_rule, event, expected",
    [
        (BEFORE(5), D(2025, 3, 3), D(2025, 2, 24)),  # the example
        (AFTER(10), D(2025, 2, 28), D(2025, 3, 17)),  # over 8 March (Saturday) moved to Monday 10 March
        (AFTER(10), D(2025, 3, 14), D(2025, 4, 2)),  # over Nauryz 21–25 March 2025
        (BEFORE(5), D(2025, 3, 26), D(2025, 3, 14)),  # back over Nauryz
        (AFTER(3), D(2024, 4, 30), D(2024, 5, 4)),  # Saturday 4 May 2024 was a working day (transfer)
        (BEFORE(5), D(2024, 5, 13), D(2024, 5, 2)),  # back over 7–9 May 2024 and the worked Saturday
        (AFTER(3), D(2023, 12, 27), D(2024, 1, 3)),  # over the New Year
        (BEFORE(5), D(2026, 1, 12), D(2025, 12, 31)),  # back over the New Year and Christmas
        (AFTER(3), D(2024, 12, 31), D(2025, 1, 8)),  # worked Sunday 5 Jan, Monday 6 Jan, Christmas 7 Jan off
    ],
)
def test_working_day_rules(the_rule, event, expected):
    assert apply_rule(the_rule, event, get_calendar()) == expected


def test_transfer_of_2025_counts_the_worked_sunday():
    # 31.12.2024 → 1, 2 Jan holidays, 3 Jan day off (moved from Sunday 5 Jan), 4 Jan Saturday, 5 Jan worked Sunday
    assert apply_rule(AFTER(1), D(2024, 12, 31), get_calendar()) == D(2025, 1, 5)
    assert apply_rule(AFTER(2), D(2024, 12, 31), get_calendar()) == D(2025, 1, 6)


@pytest.mark.parametrize(
    "event, expected",
    [
        (D(2025, 12, 12), D(2026, 12, 14)),  # 12.12.2026 is a Saturday → Monday
        (D(2024, 2, 29), D(2025, 2, 28)),  # leap day → 28 February
        (D(2024, 12, 16), D(2025, 12, 17)),  # 16 December is Independence Day → next working day
        (D(2024, 3, 20), D(2025, 3, 20)),  # an ordinary Thursday stays
    ],
)
def test_one_year_rule_moves_forward_to_a_working_day(event, expected):
    assert apply_rule(YEAR, event, get_calendar()) == expected


def test_vakr_schedule_of_autumn_2025():
    schedule = vakr_schedule(D(2025, 10, 1), D(2025, 11, 28))
    assert [(e.code, e.date) for e in schedule.events] == [
        ("announce_start", D(2025, 9, 17)),
        ("order", D(2025, 9, 24)),
        ("announce_discussion", D(2025, 11, 14)),
        ("public_discussion", D(2025, 11, 21)),
        ("report_signed", D(2025, 12, 12)),
        ("plan_approved", D(2025, 12, 29)),  # over 16 December
        ("publish", D(2026, 1, 5)),  # over the New Year
        ("cartogram_update", D(2026, 1, 5)),
        ("monitoring_end", D(2026, 12, 14)),
    ]
    assert all(e.assumed for e in schedule.events)
    assert schedule.warnings == []


def test_given_dates_are_used_and_later_events_follow_them():
    schedule = vakr_schedule(D(2025, 10, 1), D(2025, 11, 28), signed=D(2025, 12, 5), approved=D(2025, 12, 19))
    signed, approved = schedule.event("report_signed"), schedule.event("plan_approved")
    assert (signed.date, signed.assumed, signed.deadline) == (D(2025, 12, 5), False, D(2025, 12, 12))
    assert (approved.date, approved.assumed, approved.deadline) == (D(2025, 12, 19), False, D(2025, 12, 22))
    assert schedule.event("publish").date == D(2025, 12, 24)
    assert schedule.event("monitoring_end").date == D(2026, 12, 7)  # 05.12.2026 is a Saturday
    assert schedule.warnings == []


def test_warnings_for_late_dates_non_working_days_and_past_deadlines():
    schedule = vakr_schedule(
        D(2025, 3, 22), D(2025, 5, 9), signed=D(2025, 6, 2), today=D(2025, 3, 20)
    )
    codes = {w.code: w for w in schedule.warnings}
    assert codes["schedule.vakr_start_non_working"].message == "Дата начала ВАКР 22.03.2025 — нерабочий день (Наурыз мейрамы)."
    assert codes["schedule.vakr_end_non_working"].message == "Дата завершения ВАКР 09.05.2025 — нерабочий день (День Победы)."
    # 10 working days after 9 May 2025: 12–16 and 19–23 May
    assert codes["schedule.report_signed_late"].message == (
        "«Подписание аналитической справки по результатам ВАКР»: срок нарушен — указанная дата 02.06.2025 позже предельного срока "
        "23.05.2025 (не позднее 10 рабочих дней со дня завершения ВАКР)."
    )
    # 10 working days before 22 March 2025: back over 21 March (Nauryz) and Monday 10 March (8 March moved)
    assert codes["schedule.announce_start_past"].message.endswith("(06.03.2025) уже прошёл на 20.03.2025.")
    assert all(w.severity == "warning" for w in schedule.warnings)


def test_contradicting_dates_are_errors():
    schedule = vakr_schedule(D(2025, 11, 28), D(2025, 10, 1), signed=D(2025, 9, 1), approved=D(2025, 8, 1))
    assert [w.code for w in schedule.errors] == ["schedule.end_before_start", "schedule.signed_before_end",
                                                  "schedule.approved_before_signed"]
    assert schedule.errors[0].field == "vakr_end"


def test_a_2026_vakr_ends_monitoring_on_a_working_day_marked_provisional():
    # Monitoring ends a year after the report is signed (10.04.2027, a Saturday): moved to Monday 12.04.2027, a
    # date counted over 2027, whose calendar is not confirmed yet.
    schedule = vakr_schedule(D(2026, 3, 2), D(2026, 3, 27))
    end = schedule.event("monitoring_end")
    assert (end.date, end.deadline, end.provisional) == (D(2027, 4, 12), D(2027, 4, 12), True)
    assert end.provisional_reason == ("календарь 2027 года предварительный: акт о переносе дней отдыха на 2027 год"
                                      " ещё не опубликован; дата Курбан айта (16.05.2027) — ориентировочная")
    assert [e.code for e in schedule.events if e.provisional] == ["monitoring_end"]
    assert schedule.warnings[-1].code == "schedule.provisional"
    assert schedule.warnings[-1].message.startswith("Сроки «Мониторинг устранения причин и условий")
    data = schedule.to_json()["events"][-1]
    assert (data["provisional"], data["provisional_reason"]) == (True, end.provisional_reason)


def test_a_vakr_anywhere_in_2027_has_every_deadline():
    schedule = vakr_schedule(D(2027, 3, 1), D(2027, 3, 31))
    # Constitution Day is 15 March from 2027; Nauryz 21 March is a Sunday (day off moved to Wednesday 24 March);
    # 1 May is a Saturday (moved to Monday 3 May).
    assert [e.date for e in schedule.events] == [
        D(2027, 2, 15), D(2027, 2, 22), D(2027, 3, 11), D(2027, 3, 19), D(2027, 4, 14), D(2027, 4, 28),
        D(2027, 5, 4), D(2027, 5, 4), D(2028, 4, 14)]
    assert all(e.provisional for e in schedule.events)


def test_dates_outside_the_calendar_are_errors():
    with pytest.raises(CalendarRangeError, match="2020–2035"):
        vakr_schedule(D(2019, 11, 1), D(2019, 12, 20))
    with pytest.raises(CalendarRangeError, match="^Срок «Размещение аналитической справки .* от 31.12.2035 выходит за"
                                                 " пределы календаря 2020–2035 годов: рассчитать его нельзя.$"):
        vakr_schedule(D(2035, 10, 1), D(2035, 11, 30))


def test_six_day_week_schedule():
    five = vakr_schedule(D(2025, 10, 1), D(2025, 11, 28))
    six = vakr_schedule(D(2025, 10, 1), D(2025, 11, 28), six_day_week=True)
    assert five.event("order").date == D(2025, 9, 24)
    assert six.event("order").date == D(2025, 9, 25)  # Saturday 27 September counts
    assert six.event("report_signed").date == D(2025, 12, 10)


def test_batch_path_agrees_with_the_schedule(catalogue):
    rng = np.random.default_rng(7)
    starts = np.datetime64("2023-01-10") + rng.integers(0, 900, size=300)
    ends = starts + rng.integers(20, 70, size=300)
    batch = batch_schedules(starts, ends, catalogue)
    for i in range(0, 300, 7):
        one = vakr_schedule(starts[i].item(), ends[i].item(), catalogue=catalogue)
        for event in one.events:
            assert batch[event.code][i].item() == event.date, (event.code, starts[i], ends[i])


def test_periodic_duties_of_a_quasi_public_company_2025():
    duties = periodic_duties(2025, "quasi_public")
    iso = [(d.period, d.due) for d in duties if d.code == "p3.t3.s1"]
    assert iso == [
        ("I квартал 2025", D(2025, 4, 7)),  # 5 April is a Saturday
        ("II квартал 2025", D(2025, 7, 8)),  # 5 July Saturday, 6 July Capital Day, 7 July its day off
        ("III квартал 2025", D(2025, 10, 6)),
        ("IV квартал 2025", D(2026, 1, 5)),
    ]
    briefings = [(d.period, d.due) for d in duties if d.code == "p3.t1.s1"]
    assert briefings == [("I квартал 2025", D(2025, 3, 31)), ("II квартал 2025", D(2025, 6, 30)),
                         ("III квартал 2025", D(2025, 9, 30)), ("IV квартал 2025", D(2025, 12, 31))]
    assert not any(d.code.startswith("p4.t2") for d in duties)  # civil-service duties are not for a company


def test_periodic_duties_of_an_akimat_2025():
    duties = periodic_duties(2025, "akimat")
    monthly = [(d.period, d.due) for d in duties if d.code == "p4.t2.s2"]
    assert len(monthly) == 12
    assert monthly[0] == ("январь 2025", D(2025, 1, 31))
    assert monthly[4] == ("май 2025", D(2025, 5, 30))  # 31 May is a Saturday
    assert ("2025 год", D(2025, 12, 31)) in [(d.period, d.due) for d in duties if d.code == "p4.t2.s1"]
    assert {d.code for d in duties} == {"p4.t1.s1", "p4.t2.s1", "p4.t2.s2"}


def test_quarter_report_due_in_a_provisional_year_is_provisional():
    last = [d for d in periodic_duties(2026, "quasi_public") if d.code == "p3.t3.s1"][-1]
    assert (last.period, last.due, last.provisional) == ("IV квартал 2026", D(2027, 1, 5), True)
    first = [d for d in periodic_duties(2026, "quasi_public") if d.code == "p3.t3.s1"][0]
    assert (first.period, first.provisional) == ("I квартал 2026", False)


def test_ics_has_one_all_day_event_with_a_reminder_per_deadline():
    schedule = vakr_schedule(D(2025, 10, 1), D(2025, 11, 28))
    data = schedule_to_ics(schedule, "ГУ «Аппарат акима Сарыаркинской области» — Әлия", "akimat")
    assert data == schedule_to_ics(schedule, "ГУ «Аппарат акима Сарыаркинской области» — Әлия", "akimat")
    cal = Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 9
    first = events[0]
    assert first.decoded("dtstart") == D(2025, 9, 17)
    assert first.decoded("dtend") == D(2025, 9, 18)
    assert str(first["summary"]).startswith("ВАКР: Анонсирование")
    assert "Әлия" in str(first["description"])
    assert all(len(list(e.walk("VALARM"))) == 1 for e in events)
    assert len({str(e["uid"]) for e in events}) == 9


def test_timeline_chart_renders_deterministically(tmp_path):
    schedule = vakr_schedule(D(2025, 10, 1), D(2025, 11, 28), signed=D(2025, 12, 10))
    a = save_figure(timeline_figure(schedule, "ВАКР — ұқһі"), tmp_path / "a.png").read_bytes()
    b = save_figure(timeline_figure(schedule, "ВАКР — ұқһі"), tmp_path / "b.png").read_bytes()
    assert a[:8] == b"\x89PNG\r\n\x1a\n" and len(a) > 20_000
    assert a == b


def test_cli_schedule_json_and_ics(tmp_path, capsys):
    ics = tmp_path / "s.ics"
    assert main(["schedule", "--start", "2025-10-01", "--end", "28.11.2025", "--json", "--ics", str(ics)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["events"][4] == {
        "code": "report_signed",
        "title": "Подписание аналитической справки по результатам ВАКР",
        "rule": "Не позднее 10 рабочих дней со дня завершения ВАКР",
        "date": "2025-12-12",
        "deadline": "2025-12-12",
        "assumed": True,
        "provisional": False,
        "provisional_reason": None,
    }
    assert data["warnings"] == []
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_cli_calendar_json(capsys):
    assert main(["calendar", "2025", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["year"] == 2025 and data["working_days_total"] == 246
    assert [m["working_days"] for m in data["months"]][:3] == [20, 20, 17]
    assert {"date": "2025-01-05", "name": "Рабочий день (выходной перенесён на 03.01.2025)"} in data["working_weekends"]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["schedule", "--start", "2025-02-30", "--end", "2025-03-10"], "--start: «2025-02-30» — не дата"),
        (["schedule", "--start", "2025-03-10", "--end", "2025-02-10"], "Дата завершения ВАКР (10.02.2025) раньше даты начала (10.03.2025)"),
        (["schedule", "--start", "2018-03-10", "--end", "2018-05-10"], "известен на 2020–2035 годы"),
        (["calendar", "двадцать"], "Год: «двадцать» — не число"),
        (["calendar", "2040"], "2040 год вне этого диапазона"),
    ],
)
def test_cli_bad_dates_exit_2_with_a_russian_message(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_given_dates_are_used_and_a_late_one_is_marked_in_ics_and_cli(tmp_path, capsys):
    schedule = vakr_schedule(dt.date(2025, 10, 1), dt.date(2025, 11, 28), ordered=dt.date(2025, 9, 26))
    order = schedule.event("order")
    assert (order.date, order.deadline, order.assumed) == (dt.date(2025, 9, 26), dt.date(2025, 9, 24), False)
    assert [w.code for w in schedule.warnings if w.field == "order"] == ["schedule.order_late"]
    events = {str(e["summary"]): str(e["description"]) for e in Calendar.from_ical(
        schedule_to_ics(schedule)).walk("VEVENT")}
    assert ("Указанная организацией дата. Предельный срок: 24.09.2025. Срок нарушен: указанная дата позже"
            " предельного срока.") in events["ВАКР: Утверждение приказа по проведению ВАКР"]
    on_time = vakr_schedule(dt.date(2025, 10, 1), dt.date(2025, 11, 28), ordered=dt.date(2025, 9, 24))
    assert not [w for w in on_time.warnings if w.field == "order"]  # the last allowed day is not late
    assert main(["schedule", "--start", "2025-10-01", "--end", "2025-11-28", "--order", "2025-09-26"]) == 0
    out = capsys.readouterr().out
    assert "указанная дата, срок нарушен" in out and "«Утверждение приказа по проведению ВАКР»: срок нарушен" in out


def test_cli_calendar_says_whether_a_year_is_confirmed(capsys):
    assert main(["calendar", "2027"]) == 0
    out = capsys.readouterr().out
    assert ("Статус: ПРЕДВАРИТЕЛЬНЫЙ — акт о переносе дней отдыха на 2027 год ещё не опубликован; дата Курбан айта"
            " (16.05.2027) — ориентировочная.") in out
    assert "Рабочих дней в году: 247" in out and "15.03.2027 нерабочий: День Конституции" in out
    assert main(["calendar", "2023"]) == 0
    assert "Статус: подтверждён — Перенос по постановлению Правительства РК от 25 апреля 2023 года № 326" in (
        capsys.readouterr().out)
    assert main(["calendar", "--sources"]) == 0
    out = capsys.readouterr().out
    assert "\n2027 — предварительный: акт о переносе дней отдыха на 2027 год ещё не опубликован" in out
    assert ("    • Постановление Правительства Республики Казахстан «О переносе дня отдыха в 2023 году» от 25.04.2023"
            " № 326 (07.07 ← 01.07)") in out
    assert "Предварительные годы: 2027–2035." in out
    assert main(["calendar"]) == 2


def test_provisional_deadlines_in_the_cli_table_and_ics(tmp_path, capsys):
    ics = tmp_path / "s.ics"
    assert main(["schedule", "--start", "2026-10-01", "--end", "2026-11-27", "--ics", str(ics)]) == 0
    out = capsys.readouterr().out
    assert "предельный срок, предварительно" in out
    events = {str(e["summary"]): str(e["description"]) for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    assert ("Предварительно: календарь 2027 года предварительный: акт о переносе дней отдыха на 2027 год ещё не"
            " опубликован") in events["ВАКР: Мониторинг устранения причин и условий путём подготовки информации об"
                                      " исполнении рекомендаций, внесённых по итогам ВАКР"]
    assert "Предварительно" not in events["ВАКР: Утверждение приказа по проведению ВАКР"]
