"""Evaluation: placement of findings in directions and report sections, scores, bands, defaults, ranking."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from vakr.evaluation.evaluate import evaluate, relevant_function_types, relevant_functions
from vakr.organisation.model import Organisation, slugify

SMALL = Path(__file__).parent / "data" / "small-org.yaml"


@pytest.fixture
def small() -> Organisation:
    return Organisation.model_validate(yaml.safe_load(SMALL.read_text(encoding="utf-8")))


def test_findings_are_placed_scored_and_ranked(small, catalogue):
    ev = evaluate(small, catalogue)
    first, second = ev.risks
    assert (first.rank, first.indicator, first.group, first.section, first.score, first.band) == (
        1, "org.hr.02", "org.hr", "report.s1", 16, "high")
    assert first.indicator_label == "Управление персоналом, индикатор 2"
    # An NPA risk goes to a report section too: the unit has no organisational risk, so «Иные вопросы», suggested.
    assert (second.indicator, second.direction, second.group, second.section, second.score, second.band) == (
        "npa.legal_gap.3", "npa", "npa.legal_gap", "report.s9", 6, "medium")
    assert second.suggested == ("section", "measure", "completion_form", "due")
    assert first.suggested == ()


def test_defaults_are_the_indicators_measure_and_a_term_by_level(small, catalogue):
    ev = evaluate(small, catalogue)
    explicit, derived = ev.risks
    assert (explicit.measure, explicit.measure_is_default, explicit.due, explicit.due_is_default) == (
        "Провести конкурс на занимаемую должность", False, dt.date(2026, 3, 31), False)
    # The measure recommended for npa.legal_gap.3, naming the act (its first word in the accusative).
    assert derived.measure_is_default
    assert derived.measure.startswith("Внести изменения в регламент оказания услуги, п. 12, установив сроки")
    assert derived.completion_form == "Изменения в НПА"
    # Medium level: six months from the plan's approval (no date given: its limit, 29.12.2025) → 29.06.2026.
    assert (derived.due, derived.due_is_default) == (dt.date(2026, 6, 29), True)


@pytest.mark.parametrize("likelihood, impact, due", [
    (5, 5, dt.date(2026, 1, 29)),   # critical: one month after 29.12.2025
    (3, 4, dt.date(2026, 3, 30)),   # high: three months → 29.03.2026 is a Sunday → Monday 30.03
    (2, 3, dt.date(2026, 6, 29)),   # medium: six months
    (1, 2, dt.date(2026, 12, 14)),  # low: by the end of monitoring (12.12.2026 is a Saturday)
])
def test_default_due_dates_follow_the_level(small, catalogue, likelihood, impact, due):
    data = small.model_dump()
    data["findings"][0].update(likelihood=likelihood, impact=impact, due=None, measure=None, completion_form=None)
    risk = next(r for r in evaluate(Organisation.model_validate(data), catalogue).risks if r.finding == 0)
    assert (risk.due, risk.suggested) == (due, ("measure", "completion_form", "due"))


def test_given_approval_date_moves_the_default_due_dates(small, catalogue):
    data = small.model_dump()
    data["profile"].update(report_signed=dt.date(2025, 12, 5), plan_approved=dt.date(2025, 12, 10))
    ev = evaluate(Organisation.model_validate(data), catalogue)
    derived = next(r for r in ev.risks if r.finding == 1)
    assert derived.due == dt.date(2026, 6, 10)  # medium: six months from the given 10.12.2025 (a Wednesday)
    assert ev.schedule.event("plan_approved").assumed is False


def test_a_measure_never_ends_after_monitoring(small, catalogue):
    # A measure's own term (amending an act: months) may not push the date beyond the monitoring year.
    data = small.model_dump()
    data["profile"].update(plan_approved=dt.date(2025, 12, 29))
    data["findings"][1].update(likelihood=5, impact=5)
    ev = evaluate(Organisation.model_validate(data), catalogue)
    assert all(r.due <= ev.schedule.event("monitoring_end").date for r in ev.risks)


def test_counts_cover_every_section_factor_and_band(small, catalogue):
    ev = evaluate(small, catalogue)
    assert ev.counts_by_section == {f"report.s{i}": (1 if i in (1, 9) else 0) for i in range(1, 10)}
    assert ev.counts_by_band == {"low": 0, "medium": 1, "high": 1, "critical": 0}
    assert ev.counts_by_factor["npa.legal_gap"] == 1 and sum(ev.counts_by_factor.values()) == 1
    assert len(ev.counts_by_area) == 12


def test_present_without_finding_is_reported(small, catalogue):
    ev = evaluate(small, catalogue)
    assert ev.present_without_finding == ["org.hr.07", "org.it"]
    assert ev.warnings[0].message == ("Индикатор «Управление персоналом, индикатор 7» отмечен как присутствующий, "
                                      "но риск по нему не описан.")
    assert ev.warnings[1].message.startswith(
        "Индикатор «Разработка и эксплуатация информационных систем (иные признаки)»")
    # each names the checklist answer that says «present», for the analyst to find it
    assert [(w.severity, w.code) for w in ev.warnings[:2]] == [("warning", "checklist.present_without_finding")] * 2
    assert ev.warnings[0].field == f"checklist.{[a.indicator for a in small.checklist].index('org.hr.07')}.answer"


def test_equal_scores_keep_the_analysts_order(small, catalogue):
    data = small.model_dump()
    for f in data["findings"]:
        f["likelihood"], f["impact"] = 2, 2
    ev = evaluate(Organisation.model_validate(data), catalogue)
    assert [r.finding for r in ev.risks] == [0, 1]


def test_json_shape(small, catalogue):
    data = evaluate(small, catalogue).to_json()
    assert set(data) >= {"organisation", "risks", "counts_by_section", "counts_by_band", "positions", "warnings"}
    assert {"indicator", "area", "section", "score", "band"} <= set(data["risks"][0])
    second = data["risks"][1]
    assert (second["act"], second["functions"], second["measure_is_default"], second["completion_form_is_default"]) == (
        "Регламент оказания услуги, п. 12", [], True, True)
    assert data["risks"][0]["act"] == "Приказ о назначении № 5-к от 12.03.2025"
    assert data["organisation"]["name"] == "ГУ «Отдел условных услуг района Әлем»"
    assert data["positions"][0]["title"] == "Руководитель кадровой службы"


def test_relevant_corruptogenic_functions(small, catalogue):
    ev = evaluate(small, catalogue)
    assert [t.code for t in relevant_function_types(ev, catalogue)] == ["cf.type.personnel"]
    assert relevant_functions(ev, catalogue) == []  # the exemplary list covers control and supervision only
    data = small.model_dump()
    data["checklist"].append({"indicator": "org.control", "answer": "present"})
    data["findings"].append({**data["findings"][1], "indicator": "org.control"})
    ev = evaluate(Organisation.model_validate(data), catalogue)
    assert len(relevant_functions(ev, catalogue)) == 8


@pytest.mark.parametrize(
    "name, slug",
    [
        ("ГУ «Аппарат акима Сарыаркинской области»", "gu-apparat-akima-saryarkinskoi-oblasti"),
        ("АО «Көкжиек Сервис»", "ao-kokzhiek-servis"),
        ("../../etc/passwd", "etc-passwd"),
        ("Қазақстан\n'; import os", "qazaqstan-import-os"),
        ("«»", "organisation"),
    ],
)
def test_slugify_is_safe(name, slug):
    assert slugify(name) == slug
