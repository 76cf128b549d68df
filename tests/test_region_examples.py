"""The bundled set of the region views (data/examples/region: 13 fictional organisations) gives the numbers written
down by hand in tests/data/region_expected.yaml.

Each expected number was derived by reading the organisations' YAML files, before vakr.region was run on them; the
comments of region_expected.yaml say how (scores of each risk, the ranking by hand, the due dates counted on the
calendar, the state of each measure of the plans). The due dates were also checked against `vakr validate` (its
«срок нарушен» warnings) and the plans against `vakr monitor FILE --today 2027-04-01`. Here they are asserted through
the public API of vakr.region: the files are loaded and evaluated once (load_sources), then aggregated by each
grouping.
"""

from __future__ import annotations

import re

import pytest
import yaml

from vakr.methodology.catalogue import Catalogue
from vakr.organisation.load import load_organisation
from vakr.paths import examples_dir, project_root
from vakr.region import KARTOGRAMMA_COLUMNS, RegionSummary, aggregate, kartogramma_rows, load_sources

SET = examples_dir() / "region"
EXPECTED = yaml.safe_load((project_root() / "tests" / "data" / "region_expected.yaml").read_text(encoding="utf-8"))
TODAY = EXPECTED["today"]
FILES = sorted(SET.glob("*.yaml"))
BY = ("region", "type", "parent")


@pytest.fixture(scope="module")
def sources(catalogue: Catalogue):
    return load_sources([SET], catalogue, today=TODAY)


@pytest.fixture(scope="module")
def summaries(sources, catalogue: Catalogue) -> dict[str, RegionSummary]:
    return {by: aggregate(sources.records, today=TODAY, by=by, min_orgs=EXPECTED["min_orgs"], catalogue=catalogue)
            for by in BY}


@pytest.fixture(scope="module")
def summary(summaries) -> RegionSummary:
    return summaries["region"]


def slugs(summary: RegionSummary) -> dict[str, str]:
    """Organisation name → slug (the views name organisations by their names)."""
    return {row.name: row.slug for row in summary.organisations}


# --- the set itself ----------------------------------------------------------------------------------------------


def test_the_set_is_at_least_twelve_organisations_of_every_type_in_three_regions(catalogue):
    assert len(FILES) == EXPECTED["organisations"] >= 12
    profiles = [load_organisation(path, catalogue).profile for path in FILES]  # raises on any error in a file
    assert {p.type for p in profiles} == {t.code for t in catalogue.organisation_types}
    assert len({p.region for p in profiles}) >= 3
    assert {p.vakr_start.year for p in profiles} == {2026, 2027}
    assert [p.slug for p in profiles] == [path.stem for path in FILES]  # one slug rule: the file's name


def test_subsidiaries_name_their_holding_exactly_as_its_profile_does(catalogue):
    profiles = {path.stem: load_organisation(path, catalogue).profile for path in FILES}
    holding = profiles["dala-holding"].name
    assert sorted(slug for slug, p in profiles.items() if p.parent == holding) == ["dala-energo", "dala-su", "dala-zhol"]
    assert profiles["tasbulak-land"].parent == profiles["tasbulak-akimat"].name


def test_every_file_is_read_and_evaluated(sources):
    assert sources.failures == []
    assert sources.evaluated == len(FILES) and sources.from_records == 0


# --- organisations and ranking -----------------------------------------------------------------------------------


def test_totals(summary):
    # 40 = the findings of the 13 files; levels: the sums of each organisation's by_level in region_expected.yaml.
    assert len(summary.organisations) == EXPECTED["organisations"]
    assert sum(row.total for row in summary.organisations) == EXPECTED["risks"]
    assert {level.code: sum(row.by_level[level.code] for row in summary.organisations)
            for level in summary.levels} == EXPECTED["levels"]


@pytest.mark.parametrize("slug", list(EXPECTED["organisations_by_slug"]))
def test_each_organisation_risks_levels_and_place(summary, slug):
    # By hand: each finding's likelihood × impact banded (its score is in the comment above the organisation).
    want = EXPECTED["organisations_by_slug"][slug]
    row = next(r for r in summary.organisations if r.slug == slug)
    assert (row.type, row.region, row.parent) == (want["type"], want["region"], want["parent"])
    assert row.total == want["risks"]
    assert row.by_level == want["by_level"]
    assert row.top_level == want["top_level"]
    assert row.rank == want["rank"]


def test_ranking_order(summary):
    # By hand: (critical, high, medium, low) compared in that order, ties by name (region_expected.yaml, «Ranking»).
    assert [row.slug for row in summary.organisations] == EXPECTED["ranking"]


# --- systemic risks ----------------------------------------------------------------------------------------------


def test_systemic_risks_in_the_order_of_the_view(summary):
    # By hand: indicators found in at least 2 files, ordered by organisations, risks, highest level, code.
    assert [item.indicator for item in summary.systemic] == EXPECTED["systemic"]


def test_systemic_risks_organisations_share_and_level(summary):
    names = slugs(summary)
    total = EXPECTED["organisations"]
    for item in summary.systemic:
        want = EXPECTED["indicators"][item.indicator]
        assert sorted(names[name] for name in item.organisations) == want["organisations"], item.indicator
        assert item.orgs == len(want["organisations"])
        assert item.share == pytest.approx(len(want["organisations"]) / total)
        assert (item.risks, item.top_level) == (want["risks"], want["top_level"]), item.indicator


def test_every_indicator_with_a_risk_counted_across_organisations(sources, catalogue):
    # min_orgs 1 lists every indicator: the 7 shared ones and the 14 found in one organisation only.
    everything = aggregate(sources.records, today=TODAY, min_orgs=1, catalogue=catalogue)
    names = slugs(everything)
    found = {item.indicator: {"organisations": sorted(names[n] for n in item.organisations), "risks": item.risks,
                              "top_level": item.top_level} for item in everything.systemic}
    assert found == EXPECTED["indicators"]


# --- groups ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("by", BY)
def test_groups(summaries, by):
    # By hand: the sums of the organisations of each group (region, the type's title, the superior body).
    found = {group.name: {"orgs": group.orgs, "risks": group.total, "by_level": group.by_level,
                          "top_level": group.top_level} for group in summaries[by].groups}
    assert found == EXPECTED["groups"][by]


def test_every_organisation_has_a_risk_so_every_group_counts_all_of_them(summaries):
    for summary in summaries.values():
        assert all(group.orgs_with_risks == group.orgs for group in summary.groups)


# --- missed deadlines --------------------------------------------------------------------------------------------


def test_missed_deadlines_in_the_order_of_the_view(summary):
    # By hand: due dates on the Kazakhstan calendar (region_expected.yaml, «Missed deadlines»); days are calendar
    # days — date − due date, or today − due date when no date is recorded.
    names = slugs(summary)
    found = [{"org": names[m.name], "deadline": m.code, "state": m.state, "due": m.due, "done": m.done,
              "days_late": m.days_late} for m in summary.missed]
    assert found == EXPECTED["missed"]
    assert len({m.name for m in summary.missed}) == 6


def test_the_cartogram_update_is_due_three_working_days_after_the_plan(summary):
    # By hand: 17.04.2026 (Friday) → 20, 21, 22 April; 15.07.2026 → 16, 17, 20 July; a plan not recorded: from its
    # due date 21.12.2026 → 22, 23, 24 December.
    due = {row["org_slug"]: row["cartogram_due"] for row in kartogramma_rows(summary.records)}
    assert {slug: due[slug] for slug in EXPECTED["cartogram_due"]} == EXPECTED["cartogram_due"]


def test_the_export_has_a_row_per_risk(summary):
    rows = list(kartogramma_rows(summary.records))
    assert len(rows) == EXPECTED["risks"]  # every organisation of the set has risks: no empty rows
    assert all(set(row) == {c.key for c in KARTOGRAMMA_COLUMNS} for row in rows)


# --- plan execution ----------------------------------------------------------------------------------------------


def test_plan_execution_per_organisation(summary):
    # By hand: each measure of `year.plan_execution` on 01.04.2027 (states commented in region_expected.yaml).
    names = slugs(summary)
    assert [names[row.name] for row in summary.plan] == EXPECTED["plan"]["order"]
    for row in summary.plan:
        want = dict(EXPECTED["plan"]["by_organisation"][names[row.name]])
        assert row.measures == want.pop("measures")
        assert row.percent == want.pop("percent")
        assert row.counts == want, names[row.name]


def test_plan_execution_totals(summary):
    # By hand: the sums of the five plans; percent = (7 + 3) ÷ (7 + 3 + 5).
    assert summary.plan_totals == EXPECTED["plan"]["totals"]
    assert summary.plan_percent == EXPECTED["plan"]["percent"]
    assert summary.plan_missing == EXPECTED["plan"]["without_plan"]


# --- the handbook chapter ----------------------------------------------------------------------------------------


def test_the_handbook_documents_every_column_of_the_export_in_order():
    """The table of the export's columns in handbook/region.qmd follows KARTOGRAMMA_COLUMNS (titles and types)."""
    text = (project_root() / "handbook" / "region.qmd").read_text(encoding="utf-8")
    section = text[text.index("{#sec-region-export}"):text.index("{#sec-region-vakr}")]
    rows = [line for line in section.splitlines() if line.startswith("| ")][1:]  # without the header
    cells = [[c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]
    kinds = {"text": "текст", "date": "дата", "int": "число"}
    assert [(c[0], c[1]) for c in cells] == [(col.title, kinds[col.kind]) for col in KARTOGRAMMA_COLUMNS]
