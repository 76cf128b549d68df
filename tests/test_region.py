"""`vakr region`: the record of an evaluated organisation, the sources, the aggregation (counts checked by hand on
the set of tests/region_fixtures.py) and the outputs (workbook, heat maps, page, картограмма)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from region_fixtures import NAMES, R1, R2, TODAY, P, hand_set

from vakr.cli import main
from vakr.errors import InputError, UsageError
from vakr.evaluation.evaluate import evaluate
from vakr.organisation.load import load_organisation_with_warnings
from vakr.paths import examples_dir
from vakr.region import (
    HEATMAP_VIEWS,
    KARTOGRAMMA_COLUMNS,
    NO_PARENT,
    RECORD_FILE,
    aggregate,
    heatmaps,
    kartogramma_csv,
    kartogramma_rows,
    load_sources,
    read_record,
    record_of,
    region_file_names,
    region_files,
    region_page,
    region_summary,
    region_workbook,
    render_record,
    write_region,
)
from vakr.region import sources as sources_module
from vakr.region.record import parse_record
from vakr.region.xlsx import SHEETS


@pytest.fixture(scope="module")
def summary():
    return aggregate(hand_set(), today=TODAY)


def _by_name(summary):
    return {row.name: row for row in summary.organisations}


# --- aggregation: hand-checked numbers ---------------------------------------------------------------------


def test_ranking_order_and_counts(summary):
    assert [row.name for row in summary.organisations] == [NAMES[k] for k in "abecd"]
    assert [row.rank for row in summary.organisations] == [1, 2, 3, 4, 5]
    rows = _by_name(summary)
    assert rows[NAMES["a"]].by_level == {"low": 1, "medium": 1, "high": 1, "critical": 1}
    assert rows[NAMES["b"]].by_level == {"low": 0, "medium": 1, "high": 2, "critical": 0}
    # C and E have the same counts (one medium, one low): E («АО «Бірлік»») comes first by name.
    assert rows[NAMES["c"]].by_level == rows[NAMES["e"]].by_level == {"low": 1, "medium": 1, "high": 0, "critical": 0}
    assert (rows[NAMES["d"]].total, rows[NAMES["d"]].top_level) == (0, None)
    assert [rows[NAMES[k]].top_level for k in "abce"] == ["critical", "high", "medium", "medium"]


def test_matrix_cells(summary):
    rows = _by_name(summary)
    a, b, c, e = (rows[NAMES[k]] for k in "abce")
    assert {k: (v.count, v.level) for k, v in a.areas.items()} == {"org.hr": (2, "high"), "org.contracts": (1, "low")}
    assert {k: (v.count, v.level) for k, v in a.factors.items()} == {"npa.legal_gap": (1, "critical")}
    assert {k: (v.count, v.level) for k, v in b.areas.items()} == {
        "org.hr": (1, "high"), "org.contracts": (1, "high"), "org.coi": (1, "medium")}
    assert b.factors == {}
    assert {k: (v.count, v.level) for k, v in c.factors.items()} == {"npa.legal_gap": (1, "medium")}
    assert {k: (v.count, v.level) for k, v in e.areas.items()} == {"org.hr": (1, "medium"), "org.coi": (1, "low")}
    # Without a catalogue the columns are those met, by number.
    assert [col.code for col in summary.areas] == ["org.hr", "org.coi", "org.contracts"]
    assert [col.code for col in summary.factors] == ["npa.legal_gap"]


def test_matrix_columns_from_the_catalogue(catalogue):
    summary = aggregate(hand_set(), today=TODAY, catalogue=catalogue)
    assert [col.code for col in summary.areas] == [a.code for a in catalogue.org_areas]
    assert [col.code for col in summary.factors] == [f.code for f in catalogue.npa_factors]
    assert [level.code for level in summary.levels] == ["low", "medium", "high", "critical"]


def test_groups_by_region_type_and_parent():
    by_region = aggregate(hand_set(), today=TODAY, by="region")
    assert [g.name for g in by_region.groups] == [R1, R2]
    r1, r2 = by_region.groups
    assert (r1.orgs, r1.orgs_with_risks, r1.total, r1.top_level) == (2, 2, 7, "critical")
    assert {k: (v.count, v.level, v.orgs) for k, v in r1.areas.items()} == {
        "org.hr": (3, "high", 2), "org.contracts": (2, "high", 2), "org.coi": (1, "medium", 1)}
    assert (r2.orgs, r2.orgs_with_risks, r2.total, r2.top_level) == (3, 2, 4, "medium")
    assert {k: (v.count, v.level, v.orgs) for k, v in r2.areas.items()} == {
        "org.hr": (2, "medium", 2), "org.coi": (1, "low", 1)}
    assert {k: (v.count, v.level, v.orgs) for k, v in r2.factors.items()} == {"npa.legal_gap": (1, "medium", 1)}

    by_parent = aggregate(hand_set(), today=TODAY, by="parent")
    assert [(g.name, g.orgs, g.total) for g in by_parent.groups] == [(P, 2, 5), (NO_PARENT, 3, 6)]
    by_type = aggregate(hand_set(), today=TODAY, by="type")
    assert [(g.name, g.orgs) for g in by_type.groups] == [
        ("Государственный орган", 1), ("Иная организация", 1),
        ("Местный исполнительный орган (аппарат акима, акимат)", 1), ("Субъект квазигосударственного сектора", 2)]
    assert _by_name(by_type)[NAMES["c"]].group == "Субъект квазигосударственного сектора"


def test_systemic_risks_share_and_order(summary):
    found = [(s.indicator, s.orgs, s.share, s.risks, s.top_level) for s in summary.systemic]
    assert found == [
        ("org.hr.02", 3, 3 / 5, 3, "high"),
        ("npa.legal_gap.6", 2, 2 / 5, 2, "critical"),
        ("org.contracts.01", 2, 2 / 5, 2, "high"),
        ("org.coi", 2, 2 / 5, 2, "medium"),
        ("org.hr.04", 2, 2 / 5, 2, "medium"),
    ]
    assert summary.systemic[0].organisations == (NAMES["a"], NAMES["b"], NAMES["c"])  # in ranking order
    three = aggregate(hand_set(), today=TODAY, min_orgs=3)
    assert [s.indicator for s in three.systemic] == ["org.hr.02"]
    # Two of three organisations: a share of 2/3.
    two_of_three = aggregate(hand_set()[:3], today=TODAY)
    assert {s.indicator: s.share for s in two_of_three.systemic} == {
        "org.hr.02": 1.0, "npa.legal_gap.6": 2 / 3, "org.contracts.01": 2 / 3}


def test_plan_execution_counted_on_today_not_on_the_record_date(summary):
    assert [p.name for p in summary.plan] == [NAMES["b"], NAMES["a"]]  # more overdue first
    b, a = summary.plan
    assert a.counts == {"done": 1, "done_late": 1, "overdue": 1, "due_soon": 1, "not_due": 1}
    assert a.percent == 66.7
    # B: a measure done in part, and one recorded done after today — both overdue on 15.06.2026.
    assert b.counts == {"done": 0, "done_late": 0, "overdue": 2, "due_soon": 0, "not_due": 0}
    assert b.percent == 0.0
    assert summary.plan_totals == {"done": 1, "done_late": 1, "overdue": 3, "due_soon": 1, "not_due": 1}
    assert summary.plan_percent == 40.0
    assert summary.plan_missing == 3
    earlier = aggregate(hand_set(), today=dt.date(2026, 2, 1))
    assert {p.name: p.counts["overdue"] for p in earlier.plan} == {NAMES["a"]: 0, NAMES["b"]: 0}


def test_missed_deadlines_with_days_late(summary):
    found = [(m.name, m.code, m.due, m.done, m.days_late, m.state) for m in summary.missed]
    assert found == [
        (NAMES["a"], "report_signed", dt.date(2025, 12, 12), None, 185, "not_marked"),
        (NAMES["a"], "plan_approved", dt.date(2025, 12, 29), None, 168, "not_marked"),
        (NAMES["b"], "report_signed", dt.date(2025, 12, 12), dt.date(2025, 12, 15), 3, "late"),
        (NAMES["c"], "order", dt.date(2025, 9, 24), dt.date(2025, 9, 26), 2, "late"),
        (NAMES["e"], "report_signed", dt.date(2026, 6, 14), None, 1, "not_marked"),
    ]
    # Steps the file does not record (the картограмма's update) are never listed; a due date of today is not missed.
    assert not any(m.code in ("cartogram_update", "announce_start") for m in summary.missed)
    assert summary.missed[0].state_title == "не отмечено"
    assert summary.missed[2].state_title == "исполнено с нарушением срока"


def test_aggregate_refuses_bad_options():
    with pytest.raises(ValueError):
        aggregate(hand_set(), today=TODAY, by="district")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        aggregate(hand_set(), today=TODAY, min_orgs=0)


# --- the record ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def akimat(catalogue):
    org, _ = load_organisation_with_warnings(examples_dir() / "akimat-example.yaml", catalogue)
    return org, evaluate(org, catalogue)


def test_record_of_an_evaluated_example_round_trips(tmp_path, catalogue, akimat):
    org, evaluation = akimat
    data = render_record(evaluation, org, catalogue, TODAY)
    assert data == render_record(evaluation, org, catalogue, TODAY)  # deterministic
    (tmp_path / RECORD_FILE).write_bytes(data)
    record = read_record(tmp_path)  # a folder with the record, or the file itself
    assert record == read_record(tmp_path / RECORD_FILE) == record_of(evaluation, org, catalogue, TODAY)
    o = record.organisation
    assert (o.slug, o.type, o.parent, o.name_kk) == ("akimat-example", "akimat", None, org.profile.name_kk)
    assert "Сарыарқа" in data.decode("utf-8") and "\\u" not in data.decode("utf-8")  # Kazakh letters as they are
    assert len(record.risks) == len(evaluation.risks) == 15
    assert [r.level for r in record.risks] == [r.band for r in evaluation.risks]
    assert record.source == "akimat-example.yaml"
    steps = {d.code: d for d in record.deadlines}
    assert [d.code for d in record.deadlines] == [e.code for e in evaluation.schedule.events]
    assert steps["order"].done == org.profile.order.date and steps["order"].tracked
    assert steps["report_signed"].done is None and steps["report_signed"].tracked
    assert not steps["cartogram_update"].tracked and steps["cartogram_update"].task == "p1.t5.s1"
    assert steps["cartogram_update"].due == evaluation.schedule.event("cartogram_update").deadline
    assert record.plan is not None and len(record.plan.measures) == len(org.year.plan_execution)
    assert sum(record.plan.counts.values()) == len(org.year.plan_execution)


def test_a_quasi_record_with_a_parent_and_no_year(catalogue):
    org, _ = load_organisation_with_warnings(examples_dir() / "quasi-example.yaml", catalogue)
    org = org.model_copy(update={"profile": org.profile.model_copy(update={"parent": "АО «Самұрық-Қазына»"}),
                                 "year": org.year.model_copy(update={"plan_execution": []})})
    record = record_of(evaluate(org, catalogue), org, catalogue, TODAY)
    assert record.organisation.parent == "АО «Самұрық-Қазына»"
    assert record.plan is None


@pytest.mark.parametrize("data, message", [
    (b"\xff\xfe", "не в кодировке UTF-8"),
    (b"{not json", "это не JSON"),
    (b'{"format": "other"}', "это не запись оценки vakr"),
    (b'{"format": "vakr.evaluation", "version": 99}', "более новой версией vakr"),
    (b'{"format": "vakr.evaluation", "version": 1, "as_of": "2026-13-01"}', "запись повреждена: поле as_of"),
])
def test_broken_records_are_refused_in_russian(data, message):
    with pytest.raises(InputError) as info:
        parse_record(data, "out/org/evaluation.json")
    assert message in str(info.value) and "out/org/evaluation.json" in str(info.value)


def test_a_record_colour_cannot_carry_css():
    record = json.loads(json.dumps(hand_set()[0].model_dump(mode="json")))
    record["levels"][0]["color"] = "red;background:url(x)"
    with pytest.raises(InputError, match="levels.0.color"):
        parse_record(json.dumps(record).encode())


# --- sources -------------------------------------------------------------------------------------------------


def _run_folder(tmp_path: Path, catalogue, akimat) -> Path:
    """A `vakr run` output folder: one organisation with its record, one failed, one folder without a record."""
    org, evaluation = akimat
    out = tmp_path / "run"
    (out / "akimat-example").mkdir(parents=True)
    (out / "akimat-example" / RECORD_FILE).write_bytes(render_record(evaluation, org, catalogue, TODAY))
    shutil.copy(examples_dir() / "akimat-example.xlsx", out / "akimat-example" / "plan.xlsx")  # not an organisation
    (out / "broken.failed").mkdir()
    (out / "old-run").mkdir()
    (out / "summary.csv").write_text("\ufeffОрганизация,Файл,Статус,Рисков,Ошибка или примечание\n"
                                     "ГУ «Аппарат акима …»,akimat-example.xlsx,готово,15,\n"
                                     ",broken.yaml,ошибка,,Файл broken.yaml: найдено ошибок: 1\n", encoding="utf-8")
    (out / ".vakr-staging-x").mkdir()  # hidden: passed over
    return out


def test_a_run_folder_is_read_without_evaluating_again(tmp_path, catalogue, akimat, monkeypatch):
    out = _run_folder(tmp_path, catalogue, akimat)

    def refuse(*args, **kwargs):
        raise AssertionError("a record must not be evaluated again")

    monkeypatch.setattr(sources_module, "evaluate", refuse)
    monkeypatch.setattr(sources_module, "load_organisation_with_warnings", refuse)
    loaded = load_sources([out], catalogue, today=TODAY)
    assert [r.organisation.slug for r in loaded.records] == ["akimat-example"]
    assert (loaded.from_records, loaded.evaluated) == (1, 0)
    messages = {Path(f.source).name: f.message for f in loaded.failures}
    assert set(messages) == {"broken.yaml", "old-run"}
    assert "организация не обработана: Файл broken.yaml: найдено ошибок: 1" in messages["broken.yaml"]
    assert f"нет записи оценки {RECORD_FILE}" in messages["old-run"]


def test_mixed_sources_broken_org_reported_duplicates_counted_once(tmp_path, catalogue, akimat):
    out = _run_folder(tmp_path, catalogue, akimat)
    folder = tmp_path / "files"
    folder.mkdir()
    shutil.copy(examples_dir() / "quasi-example.yaml", folder / "quasi.yaml")
    shutil.copy(examples_dir() / "akimat-example.yaml", folder / "akimat.yaml")  # the same as the run's record
    (folder / "broken.yaml").write_text("profile: [", encoding="utf-8")
    (folder / "~$open.xlsx").write_bytes(b"lock")  # Excel's lock file: passed over
    (folder / "notes.txt").write_text("не организация", encoding="utf-8")
    loaded = load_sources([out, folder, tmp_path / "missing.yaml"], catalogue, today=TODAY)
    assert sorted(r.organisation.slug for r in loaded.records) == ["akimat-example", "quasi-example"]
    assert loaded.evaluated == 3 - 1  # akimat.yaml and quasi.yaml; broken.yaml fails
    failed = {Path(f.source).name: f.message for f in loaded.failures}
    assert set(failed) == {"broken.yaml", "old-run", "missing.yaml"}
    assert "не найден" in failed["missing.yaml"]
    # The message follows the file's name when printed («✗ broken.yaml: …»): it does not name the file again.
    assert failed["broken.yaml"] == "строка 2, позиция 1: ошибка синтаксиса YAML (did not find expected node content)"
    assert any("уже учтена" in note and "akimat.yaml" in note for note in loaded.notes)


def test_an_empty_folder_is_a_failure(tmp_path, catalogue):
    (tmp_path / "empty").mkdir()
    loaded = load_sources([tmp_path / "empty"], catalogue, today=TODAY)
    assert loaded.records == []
    assert "в папке нет ни записей оценки" in loaded.failures[0].message


# --- outputs -------------------------------------------------------------------------------------------------


def test_workbook_sheets_headers_filters_and_values(tmp_path, catalogue):
    summary = aggregate(hand_set(), today=TODAY, catalogue=catalogue, sources=["run/"], notes=["примечание"])
    path = tmp_path / "region.xlsx"
    path.write_bytes(region_workbook(summary))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == list(SHEETS.values())
    about = {row[0]: row[1] for row in wb[SHEETS["about"]].iter_rows(min_row=2, values_only=True)}
    assert about["Организаций в своде"] == 5 and about["Источник"] == "run/"
    assert about["Дата свода"] == dt.datetime(2026, 6, 15)
    assert "не отмечено" in about["Нарушенные сроки"] and "p1.t5.s1" in about["Нарушенные сроки"]
    ranking = wb[SHEETS["ranking"]]
    assert [c.value for c in ranking[1]] == ["Место", "Организация", "Регион", "Тип организации",
                                             "Вышестоящая организация", "Рисков", "Критический", "Высокий",
                                             "Средний", "Низкий", "Наивысший уровень"]
    assert ranking.auto_filter.ref == "A1:K6" and ranking.freeze_panes == "C2"
    assert [r[:2] for r in ranking.iter_rows(min_row=2, values_only=True)] == [
        (i, NAMES[k]) for i, k in enumerate("abecd", 1)]
    assert "критического уровня" in ranking["A1"].comment.text
    areas = wb[SHEETS["orgs_areas"]]
    header = [c.value for c in areas[1]]
    assert header[5:7] == ["1. Управление персоналом", "1. уровень"]
    first = [c.value for c in areas[2]]
    assert first[:2] == [1, NAMES["a"]] and first[5:7] == [2, "Высокий"]
    assert areas.cell(2, 6).fill.fgColor.rgb.endswith("EF6C00")  # the cell in its level's colour
    groups = wb[SHEETS["groups_areas"]]
    assert [c.value for c in groups[2]][:8] == [R1, 2, 2, 7, "Критический", 3, "Высокий", 2]
    systemic = wb[SHEETS["systemic"]]
    assert [c.value for c in systemic[2]][:1] + [c.value for c in systemic[2]][5:8] == ["org.hr.02", 3, 0.6, 3]
    assert systemic.cell(2, 7).number_format == "0.0%"
    plan = list(wb[SHEETS["plan"]].iter_rows(min_row=2, values_only=True))
    # Grouped by region: the region's column is not repeated as the group's.
    assert plan[1] == (NAMES["a"], R1, "Местный исполнительный орган (аппарат акима, акимат)", 5, 1, 1, 1, 1, 1, 66.7)
    missed = list(wb[SHEETS["deadlines"]].iter_rows(min_row=2, values_only=True))
    assert missed[0][3:] == ("Подписание аналитической справки", "p1.t2.s3", dt.datetime(2025, 12, 12),
                             "не отмечено", 185, "не отмечено")
    assert missed[2][6:8] == (dt.datetime(2025, 12, 15), 3)
    assert wb[SHEETS["deadlines"]].auto_filter.ref == "A1:I6"
    # Grouped by the superior body, its column follows the type.
    by_parent = openpyxl.load_workbook(io.BytesIO(region_workbook(aggregate(hand_set(), today=TODAY, by="parent",
                                                                           catalogue=catalogue))))
    assert [c.value for c in by_parent[SHEETS["deadlines"]][1]][:5] == [
        "Организация", "Регион", "Тип организации", "Вышестоящая организация", "Срок ВАКР"]


def test_heat_maps_are_pngs_and_deterministic(summary):
    first, second = heatmaps(summary), heatmaps(summary)
    assert list(first) == list(HEATMAP_VIEWS.values())
    for name, data in first.items():
        assert data.startswith(b"\x89PNG") and data == second[name]
        assert b"Software" not in data and b"matplotlib" not in data


def test_many_organisations_show_the_top_in_the_heat_map(summary):
    from vakr.region.heatmap import heatmap_figure

    title = heatmap_figure(summary, "orgs_areas", top=2).axes[0].get_title()
    assert "первые 2 из 5 по рейтингу" in title
    assert len(heatmap_figure(summary, "orgs_areas", top=2).axes[0].get_yticklabels()) == 2


def test_kartogramma_shape_csv_and_injection(tmp_path):
    records = hand_set()
    hostile = records[3].model_copy(update={"organisation": records[3].organisation.model_copy(
        update={"name": "=HYPERLINK(\"x\")"})})
    rows = list(kartogramma_rows([records[0], hostile]))
    assert len(rows) == 4 + 1  # a row per risk of A, one row for D (no risks)
    assert rows[-1]["org_risks"] == 0 and rows[-1]["indicator"] is None
    assert rows[0]["cartogram_due"] == dt.date(2026, 1, 3)
    assert (rows[0]["org_slug"], rows[0]["org_risks"], rows[0]["risk_no"], rows[0]["indicator"], rows[0]["level"],
            rows[0]["unit"], rows[0]["measure_due"]) == ("org-a", 4, 1, "npa.legal_gap.6", "Критический",
                                                         "Юридический отдел", dt.date(2026, 9, 1))
    assert [r["risk_no"] for r in rows] == [1, 2, 3, 4, None]
    data = kartogramma_csv([records[0], hostile])
    assert data.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == [c.title for c in KARTOGRAMMA_COLUMNS]
    assert table[-1][1] == "'=HYPERLINK(\"x\")"
    assert table[1][KARTOGRAMMA_COLUMNS.index(next(c for c in KARTOGRAMMA_COLUMNS if c.key == "vakr_start"))] == \
        "2025-10-01"
    assert len({c.key for c in KARTOGRAMMA_COLUMNS}) == len(KARTOGRAMMA_COLUMNS)
    assert all(c.description for c in KARTOGRAMMA_COLUMNS)


def test_kartogramma_workbook_states_it_is_a_proposal(tmp_path):
    files = region_files(aggregate(hand_set(), today=TODAY))
    path = tmp_path / "k.xlsx"
    path.write_bytes(files["kartogramma.xlsx"])
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["О формате", "Картограмма"]
    assert "предложение проекта" in wb["О формате"]["A1"].value
    sheet = wb["Картограмма"]
    assert [c.value for c in sheet[1]] == [c.title for c in KARTOGRAMMA_COLUMNS]
    assert sheet.max_row == 1 + 4 + 3 + 2 + 1 + 2 and sheet.auto_filter.ref is not None
    assert sheet.cell(2, 1).value == "org-a" and sheet.cell(2, 7).value == dt.datetime(2025, 10, 1)


def test_outputs_are_byte_identical_and_written_as_a_set(tmp_path):
    summary = aggregate(hand_set(), today=TODAY)
    first, second = region_files(summary), region_files(aggregate(hand_set(), today=TODAY))
    assert list(first) == region_file_names()
    assert first == second
    written = write_region(summary, tmp_path / "out")
    assert [p.name for p in written] == region_file_names()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(region_file_names())  # no temporary files


def test_kazakh_letters_survive_every_output(tmp_path):
    files = region_files(aggregate(hand_set(), today=TODAY))
    assert "Жасылкөл" in files["region.html"].decode("utf-8")
    assert "Өрнек" in files["kartogramma.csv"].decode("utf-8-sig")
    for name in ("region.xlsx", "kartogramma.xlsx"):
        (tmp_path / name).write_bytes(files[name])
        wb = openpyxl.load_workbook(tmp_path / name)
        assert any("Бірлік" in str(cell) for ws in wb for row in ws.iter_rows(values_only=True) for cell in row)


# --- the page: self-contained --------------------------------------------------------------------------------

EXTERNAL = re.compile(r"https?:|//|\bsrc\s*=|@import|url\(|\bhref\s*=|<link|<iframe|<img|<object|<embed|fetch\(|"
                      r"XMLHttpRequest|WebSocket|import\(", re.IGNORECASE)


def test_the_page_loads_no_external_url():
    records = hand_set()
    # Text that looks like addresses and markup, in the organisations' own data.
    hostile = records[0].model_copy(update={"organisation": records[0].organisation.model_copy(update={
        "name": "ГУ «</script><script>alert(1)</script>» https://evil.example/x.js",
        "region": "<img src=//evil.example/p.png>"})})
    page = region_page(aggregate([hostile, *records[1:]], today=TODAY))
    assert EXTERNAL.findall(page) == []
    assert "</script><script>alert" not in page and "<img" not in page
    assert page.count("<script") == 2 and page.count("</script>") == 2


def test_the_page_data_reads_back_as_the_organisations_wrote_it():
    records = hand_set()
    odd = records[1].model_copy(update={"organisation": records[1].organisation.model_copy(
        update={"region": "Регион <b>«жирный»</b> & ко: a=b (c) @d 'e' //f"})})
    page = region_page(aggregate([records[0], odd], today=TODAY))
    assert "<b>" not in page and EXTERNAL.findall(page) == []
    blob = json.loads(re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)[1])
    assert blob[5] == [R1, "Регион <b>«жирный»</b> & ко: a=b (c) @d 'e' //f"]  # regions, sorted
    assert [org[1] for org in blob[7]] == [NAMES["a"], NAMES["b"]]


# --- the command ----------------------------------------------------------------------------------------------


def _records_folder(tmp_path: Path) -> Path:
    from vakr.region.record import record_bytes

    out = tmp_path / "records"
    for record in hand_set():
        (out / record.organisation.slug).mkdir(parents=True)
        (out / record.organisation.slug / RECORD_FILE).write_bytes(record_bytes(record))
    return out


def test_cli_region_summary_and_exit_codes(tmp_path, capsys):
    folder = _records_folder(tmp_path)
    (tmp_path / "broken.yaml").write_text("profile: [", encoding="utf-8")
    code = main(["region", str(folder), str(tmp_path / "broken.yaml"), "--out", str(tmp_path / "out"),
                 "--today", "2026-06-15", "--by", "parent"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Свод на 15.06.2026: 5 организаций" in out and "не прочитано источников — 1" in out
    assert "Группировка — вышестоящая организация: групп — 2" in out
    assert f"Первые по рейтингу: 1. {NAMES['a']}" in out
    assert "Нарушенных сроков ВАКР: 5 у 4 организаций." in out
    assert "broken.yaml" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(region_file_names())

    code = main(["region", str(folder), "--out", str(tmp_path / "out2"), "--today", "2026-06-15", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["ok"] and data["organisations"] == 5 and data["from_records"] == 5
    assert [r["name"] for r in data["ranking"]] == [NAMES[k] for k in "abecd"]
    assert data["systemic"][0] == {"indicator": "org.hr.02", "label": "Управление персоналом, индикатор 02",
                                   "orgs": 3, "share": 0.6}


def test_cli_region_refusals(tmp_path, capsys):
    folder = _records_folder(tmp_path)
    (tmp_path / "empty").mkdir()
    assert main(["region", str(tmp_path / "empty"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "Не удалось прочитать ни одной организации" in err and "в папке нет ни записей оценки" in err
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["region", str(folder), "--out", str(tmp_path / "file")]) == 2
    assert "— файл, а не папка" in capsys.readouterr().err
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "~$region.xlsx").write_bytes(b"")
    assert main(["region", str(folder), "--out", str(tmp_path / "out")]) == 2
    assert "открыта в Excel или LibreOffice" in capsys.readouterr().err
    assert main(["region", str(folder), "--out", str(tmp_path / "o"), "--min-orgs", "0"]) == 2
    assert "--min-orgs" in capsys.readouterr().err
    assert main(["region", str(folder), "--out", str(tmp_path / "o"), "--today", "вчера"]) == 2
    assert "не дата" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["region", "--out", str(tmp_path / "o")])
    assert info.value.code == 2 and "не указаны обязательные аргументы" in capsys.readouterr().err
    assert main(["region", str(folder), "--out", str(tmp_path / "o2"), "--json"]) == 0
    assert not (tmp_path / "out" / "region.xlsx").exists()


def test_an_output_never_replaces_a_source(tmp_path, capsys):
    folder = _records_folder(tmp_path)
    shutil.copy(folder / "org-a" / RECORD_FILE, tmp_path / "region.xlsx")
    with pytest.raises(UsageError, match="поверх источника"):
        from vakr.region import check_out

        check_out(tmp_path, [tmp_path / "region.xlsx"])


# --- the superior body (profile.parent) ------------------------------------------------------------------------


def test_parent_reads_from_yaml_and_the_workbook_and_old_workbooks_still_read(tmp_path, catalogue):
    import openpyxl as xl

    from vakr.organisation.excel.reader import read_workbook
    from vakr.organisation.excel.workbook import write_workbook
    from vakr.organisation.yaml import read_yaml, template_yaml, write_yaml

    org = read_yaml(examples_dir() / "quasi-example.yaml")
    assert org.profile.parent is None
    org.profile.parent = "АО «Самұрық-Қазына»"
    assert read_yaml(write_yaml(org, tmp_path / "q.yaml")).profile.parent == "АО «Самұрық-Қазына»"
    book = write_workbook(org, catalogue, tmp_path / "q.xlsx")
    assert read_workbook(book, catalogue).profile.parent == "АО «Самұрық-Қазына»"
    wb = xl.load_workbook(book)
    labels = [c.value for c in wb["Профиль"]["A"]]
    assert labels.index("Вышестоящая организация") == labels.index("Регион") + 1
    # A workbook from before the row: it reads, without a superior body.
    sheet = wb["Профиль"]
    sheet.delete_rows(labels.index("Вышестоящая организация") + 1)
    wb.save(tmp_path / "old.xlsx")
    old = read_workbook(tmp_path / "old.xlsx", catalogue)
    assert old.profile.parent is None and old.profile.region == org.profile.region
    assert "  parent: null" in template_yaml(catalogue, "ГУ «Тест»")


def test_scanning_passes_over_the_outputs_of_an_earlier_region(tmp_path, catalogue):
    folder = tmp_path / "files"
    folder.mkdir()
    shutil.copy(examples_dir() / "quasi-example.yaml", folder / "quasi.yaml")
    summary = aggregate(load_sources([folder], catalogue, today=TODAY).records, today=TODAY)
    write_region(summary, folder)  # the outputs beside the sources
    again = load_sources([folder], catalogue, today=TODAY)
    assert [r.organisation.slug for r in again.records] == ["quasi-example"] and again.failures == []


def test_vakr_run_then_vakr_region_reads_the_records_it_wrote(tmp_path, monkeypatch, capsys):
    """The chain a regional analyst follows: `vakr run` writes each organisation's record beside its documents,
    and `vakr region` on that folder reads the records — nothing is evaluated again — with the same numbers as
    evaluating the files themselves."""
    REGION_DAY = dt.date(2027, 4, 1)  # the as-of date of the bundled region set
    files = [examples_dir() / "region" / name for name in ("tasbulak-land.yaml", "dala-su.yaml", "samal-akimat.yaml")]
    out = tmp_path / "out"
    assert main(["run", *map(str, files), "--out", str(out), "--documents-only", "--quiet",
                 "--today", REGION_DAY.isoformat()]) == 0
    capsys.readouterr()
    assert sorted(p.name for p in out.glob("*/evaluation.json")) == ["evaluation.json"] * 3
    direct = region_summary(files, today=REGION_DAY)

    def refuse(*args, **kwargs):
        raise AssertionError("a record of `vakr run` must not be evaluated again")

    monkeypatch.setattr(sources_module, "evaluate", refuse)
    from_run = region_summary([out], today=REGION_DAY)
    assert [(r.rank, r.slug, r.total, r.by_level) for r in from_run.organisations] == [
        (r.rank, r.slug, r.total, r.by_level) for r in direct.organisations]
    assert [(s.indicator, s.orgs) for s in from_run.systemic] == [(s.indicator, s.orgs) for s in direct.systemic]
    assert [(m.name, m.title, m.days_late) for m in from_run.missed] == [
        (m.name, m.title, m.days_late) for m in direct.missed]
    assert len(direct.missed) == 1  # tasbulak-land: the report signed 14 days late
    assert main(["region", str(out), "--out", str(tmp_path / "region"), "--today", REGION_DAY.isoformat()]) == 0
    assert "из записей vakr run — 3, оценено по файлам — 0" in capsys.readouterr().out
