"""A realistic organisation filled the way analysts fill it — only indicator, unit, description and scores (and the
act of a risk in an НПА) — gives documents that can be signed: fitting measures, dates by level, every suggested value
marked and counted, NPA risks in their report sections, the order date used, `--strict` refusing until confirmed."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from vakr.calendar.deadlines import schedule_for_profile
from vakr.cli import main
from vakr.documents import write_documents
from vakr.documents.tables import plan_rows, schedule_dataframe
from vakr.errors import InputError
from vakr.evaluation.evaluate import evaluate
from vakr.evaluation.recommendations import suggest_measure
from vakr.organisation.excel.workbook import write_workbook
from vakr.organisation.load import load_organisation_with_warnings
from vakr.organisation.yaml import read_yaml

SPARSE = Path(__file__).parent / "data" / "sparse-land.yaml"
FUNCTION_WORDS = {
    r"разрешительн": {"org.permits"},
    r"контрольн\w* функц|проверок|ревизи": {"org.control"},
    r"информационн\w* систем": {"org.it"},
    r"бюджетн": {"org.budget"},
}


@pytest.fixture(scope="module")
def workbook(tmp_path_factory, catalogue) -> Path:
    """The sparse organisation as the Excel workbook the analyst filled."""
    org = read_yaml(SPARSE)
    return write_workbook(org, catalogue, tmp_path_factory.mktemp("sparse") / "sparse-land.xlsx")


@pytest.fixture(scope="module")
def loaded(workbook, catalogue):
    return load_organisation_with_warnings(workbook, catalogue)


@pytest.fixture(scope="module")
def evaluation(loaded, catalogue):
    return evaluate(loaded[0], catalogue)


@pytest.fixture(scope="module")
def documents(tmp_path_factory, evaluation, catalogue) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("sparse-docs")
    return {p.name: p for p in write_documents(evaluation, out, catalogue)}


def test_the_fixture_is_sparse_and_realistic(loaded):
    org, _ = loaded
    assert len(org.findings) == 30
    assert len({f.indicator.split(".")[1] for f in org.findings if f.indicator.startswith("org.")}) >= 7
    assert sum(f.indicator.startswith("npa.") for f in org.findings) >= 4
    for f in org.findings:
        assert (f.measure, f.completion_form, f.responsible, f.due, f.functions, f.positions) == (
            None, None, [], None, [], [])
        assert (f.act is not None) == f.indicator.startswith("npa.")
    assert len(org.profile.name) > 120 and "әкімдігінің" in org.profile.name_kk


def test_every_finding_gets_a_measure_of_its_own_kind(evaluation, catalogue):
    by_kind: dict[str, set[str]] = {}
    for r in evaluation.risks:
        by_kind.setdefault(r.indicator, set()).add(r.measure)
        assert "measure" in r.suggested and "completion_form" in r.suggested
        for stems, areas in FUNCTION_WORDS.items():
            if re.search(stems, r.measure.lower()):
                assert r.group in areas or r.direction == "npa", (r.indicator, r.measure)
    # Different kinds of finding never share a measure; no measure is a bare typical-measure title.
    owners = Counter(m for measures in by_kind.values() for m in measures)
    assert max(owners.values()) == 1
    typical = {m.title for m in catalogue.typical_measures}
    assert not typical & {r.measure for r in evaluation.risks}
    assert len({r.measure for r in evaluation.risks}) >= 25


def test_npa_measures_name_their_act(evaluation):
    npa = [r for r in evaluation.risks if r.direction == "npa"]
    assert len(npa) == 6
    for r in npa:
        act_words = r.act.split()[1:4]  # the first word is inflected («Приказ» → «приказ», «Инструкция» → …)
        assert " ".join(act_words) in r.measure, (r.act, r.measure)


def test_land_control_findings_get_control_measures_not_permits(evaluation):
    control = [r for r in evaluation.risks if r.group == "org.control"]
    assert control and all("разрешительн" not in r.measure for r in control)
    it = [r for r in evaluation.risks if r.group == "org.it"]
    assert {r.measure.split()[0] for r in it} and all("Разработка информационной системы" not in r.measure
                                                        for r in it)


def test_due_dates_follow_the_level_inside_the_monitoring_year(evaluation, catalogue):
    approved = evaluation.schedule.event("plan_approved").date
    end = evaluation.schedule.event("monitoring_end").date
    by_band: dict[str, set[dt.date]] = {}
    for r in evaluation.risks:
        assert approved < r.due <= end
        assert "due" in r.suggested
        own_term = suggest_measure(catalogue, r.indicator, r.group, r.description, r.act).term_months
        if own_term is None:  # a measure with a realistic term of its own (amending an act) may take longer
            by_band.setdefault(r.band, set()).add(r.due)
    assert by_band["critical"] == {dt.date(2026, 12, 28)}  # one month after 27.11.2026 (Sunday → Monday)
    assert by_band["high"] == {dt.date(2027, 3, 1)}  # three months: 27.02.2027 is a Saturday → Monday
    assert by_band["medium"] == {dt.date(2027, 5, 27)}  # six months
    assert by_band["low"] == {end}
    assert len({r.due for r in evaluation.risks}) >= 4


def test_suggestions_are_counted_by_kind(evaluation):
    assert evaluation.suggestion_counts() == {
        "act": 24, "section": 6, "measure": 30, "completion_form": 30, "responsible": 30, "due": 30}
    assert evaluation.suggestion_summary() == (
        "предложено по методике: наименование риска — 24, раздел справки — 6, мера — 30, форма завершения — 30,"
        " ответственные исполнители — 30, срок — 30")


def test_order_date_is_used(loaded, evaluation, catalogue):
    org, _ = loaded
    order = evaluation.schedule.event("order")
    assert (order.date, order.assumed, order.given) == (dt.date(2026, 8, 24), False, dt.date(2026, 8, 24))
    notes = schedule_dataframe(evaluation.schedule)["Примечание"].tolist()
    assert notes[1] == "указанная дата"
    assert not any("Утверждение приказа" in w and "уже прошёл" in w
                   for w in schedule_for_profile(org.profile, catalogue, today=dt.date(2026, 9, 15)).warnings)


def test_npa_findings_sit_in_their_units_sections(evaluation):
    npa = {r.description[:30]: r for r in evaluation.risks if r.direction == "npa"}
    assert {r.section for r in npa.values()} <= {f"report.s{i}" for i in range(1, 10)}
    for r in npa.values():
        same_unit = [o.section for o in evaluation.risks if o.unit == r.unit and o.direction == "org"]
        assert r.section == Counter(same_unit).most_common(1)[0][0] if same_unit else r.section == "report.s9"
        assert "section" in r.suggested


def test_report_marks_suggestions_and_follows_the_seed_structure(documents, evaluation, catalogue):
    doc = Document(str(documents["report.docx"]))
    texts = [p.text for p in doc.paragraphs]
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings == [f"{s.number}. {s.title}" for s in catalogue.report_sections]
    # «в деятельности» takes the genitive of the legal form; the proper name in quotes stays as written
    assert texts[0].endswith("\nв деятельности Государственного учреждения «Управление земельных отношений,"
                             " архитектуры и градостроительства акимата Сарыаркинской области»")
    assert not any("в деятельности Государственное учреждение" in t for t in texts)
    assert texts.count("Примерный перечень коррупциогенных функций по разделу: " + texts[next(
        i for i, t in enumerate(texts) if t.startswith("Примерный перечень"))].split(": ", 1)[1]) == 1
    assert sum(t.startswith("Примерный перечень коррупциогенных функций") for t in texts) <= 3
    assert any(t.startswith("◊ — предложено по методике — проверьте") for t in texts)
    recommendations = [texts[i + 1] for i, t in enumerate(texts) if t == "Рекомендации:"]
    assert len(recommendations) == 30 and all(t.endswith("◊") for t in recommendations)
    # Each NPA risk is set out in its section, between that section's heading and the next.
    for r in (r for r in evaluation.risks if r.direction == "npa"):
        at = next(i for i, t in enumerate(texts) if r.description in t)
        start = texts.index(f"{r.section_number}. {r.section_title}")
        nxt = texts.index(f"{r.section_number + 1}. {catalogue.report_sections[r.section_number].title}") \
            if r.section_number < 9 else len(texts)
        assert start < at < nxt
    # Positions: the unit's positions from the list; a unit without any says so.
    positions = [t for t in texts if t.startswith("Перечень должностей, подверженных коррупционным рискам:")]
    assert positions and "не определены" not in " ".join(positions)


def test_plan_marks_and_layout(documents, evaluation):
    doc = Document(str(documents["plan.docx"]))
    table = doc.tables[0]
    risk_rows = [row for row in table.rows[1:] if row.cells[2].text != row.cells[1].text]
    assert len(risk_rows) == 30
    for row in risk_rows:
        measure, form, responsible, due = (c.text for c in row.cells[2:])
        assert measure.endswith("◊") and form.endswith("◊") and responsible.endswith("◊") and due.endswith("◊")
        assert "Бизнес-процесс" not in row.cells[1].text  # a suggested process name is not repeated in the plan
        assert "cantSplit" in row._tr.trPr.xml
    texts = [p.text for p in doc.paragraphs]
    assert texts[:2] == ["УТВЕРЖДАЮ", "Руководитель управления"]
    assert texts[2] == ("Государственного учреждения «Управление земельных отношений, архитектуры и"
                        " градостроительства акимата Сарыаркинской области»")
    assert texts[3] == "____________ Ғ.Қ.\u00a0Нұрпейісов"
    assert any(t.startswith("◊ — предложено по методике") for t in texts)
    agreed = [c.text for r in doc.tables[1].rows for c in r.cells]
    assert "Омаров\u00a0Е.Қ. ______________" in agreed
    assert "Ли\u00a0В.И. ______________" in agreed


def test_plan_xlsx_flags_suggestions(documents):
    ws = openpyxl.load_workbook(documents["plan.xlsx"])["План мероприятий"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(i for i, row in enumerate(values) if row[0] == "№ п/п")
    assert values[header][6].startswith("Предложено по методике")
    flagged = [row[6] for row in values[header + 1:] if row[0] and row[0].count(".") == 3]
    assert len(flagged) == 30
    # What the plan shows: the risk name and the section it does not show are not flagged here.
    assert set(flagged) == {"мера, форма завершения, ответственные исполнители, срок"}


def test_report_command_prints_the_counts_and_warnings(workbook, tmp_path, capsys):
    assert main(["report", str(workbook), "--out", str(tmp_path / "docs")]) == 0
    out = capsys.readouterr().out
    assert ("Предложено по методике: наименование риска — 24, раздел справки — 6, мера — 30, форма завершения — 30,"
            " ответственные исполнители — 30, срок — 30 (помечены в документах знаком «◊» — проверьте).") in out
    assert "у подразделения «Отдел информационных технологий и цифровизации» есть коррупционные риски, но в" \
           " перечне нет ни одной его должности" in out
    assert "ответственные исполнители не указаны в 30 из 30 рисков" in out


def test_strict_refuses_until_confirmed(workbook, tmp_path, capsys, catalogue):
    out_dir = tmp_path / "strict"
    assert main(["report", str(workbook), "--out", str(out_dir), "--strict"]) == 3
    err = capsys.readouterr().err
    assert "режим --strict — документы не записаны: предложено по методике: наименование риска — 24" in err
    assert not out_dir.exists()
    # The analyst confirms every value (writes it into the file) and adds the missing positions: strict passes.
    org = read_yaml(SPARSE)
    ev = evaluate(org, catalogue)
    by_index = {r.finding: r for r in ev.risks}
    findings = [f.model_copy(update={
        "act": by_index[i].act, "section": by_index[i].section if f.indicator.startswith("npa.") else None,
        "measure": by_index[i].measure, "completion_form": by_index[i].completion_form,
        "responsible": by_index[i].responsible, "due": by_index[i].due,
    }) for i, f in enumerate(org.findings)]
    units_with_positions = {p.unit for p in org.positions}
    extra = [org.positions[0].model_copy(update={"unit": u}) for u in org.profile.units
             if u not in units_with_positions and any(f.unit == u for f in org.findings)]
    confirmed = org.model_copy(update={
        "findings": findings, "positions": [*org.positions, *extra],
        "profile": org.profile.model_copy(update={"vakr_start": dt.date(2025, 9, 2), "vakr_end": dt.date(2025, 10, 30),
                                                  "order": org.profile.order.model_copy(
                                                      update={"date": dt.date(2025, 8, 22)})})})
    # (dates moved into the calendar's known years, so no «beyond the calendar» warning remains)
    confirmed = confirmed.model_copy(update={"findings": [f.model_copy(update={"due": dt.date(2026, 6, 1)})
                                                          for f in confirmed.findings]})
    path = write_workbook(confirmed, catalogue, tmp_path / "confirmed.xlsx")
    assert main(["report", str(path), "--out", str(out_dir), "--strict"]) == 0
    assert (out_dir / "plan.docx").exists()
    plan = Document(str(out_dir / "plan.docx"))
    assert "◊" not in "".join(c.text for r in plan.tables[0].rows for c in r.cells)


def test_validation_reports_everything_in_one_pass(workbook, tmp_path, catalogue):
    wb = openpyxl.load_workbook(workbook)
    ws = wb["Риски"]
    headers = [c.value for c in ws[1]]
    col = {h: i + 1 for i, h in enumerate(headers)}
    ws.cell(2, col["Вероятность"]).value = "высокая"        # a value error
    ws.cell(3, col["Структурное подразделение"]).value = "Отдел, которого нет"  # a cross-check
    npa_row = next(r for r in range(2, 40) if str(ws.cell(r, col["Код индикатора"]).value or "").startswith("npa."))
    ws.cell(npa_row, col["НПА/документ и пункт или бизнес-процесс"]).value = None  # an NPA risk without its act
    broken = tmp_path / "broken.xlsx"
    wb.save(broken)
    with pytest.raises(InputError) as info:
        load_organisation_with_warnings(broken, catalogue)
    problems = info.value.lines
    assert len(problems) == 3, problems
    assert problems[0].startswith("broken.xlsx, лист «Риски», строка 2, столбец M «Вероятность»: ожидается целое")
    assert any(p.startswith("broken.xlsx, лист «Риски», строка 3, столбец E «Структурное подразделение»:"
                            " подразделение «Отдел, которого нет» не указано") for p in problems)
    assert any(f"строка {npa_row}, столбец D" in p and "не указан акт" in p for p in problems)


def test_plan_rows_keep_the_analysts_order_not_the_score_order(evaluation):
    rows = [r for r in plan_rows(evaluation) if r.level == 3]
    for unit in {r.risk.unit for r in rows}:
        in_unit = [r.risk for r in rows if r.risk.unit == unit]
        indicators = list(dict.fromkeys(r.indicator for r in in_unit))
        # Indicators in the order they first appear, risks under each in the analyst's order.
        assert [r.finding for r in in_unit] == [r.finding for i in indicators for r in in_unit if r.indicator == i]
        assert indicators == list(dict.fromkeys(r.indicator for r in sorted(in_unit, key=lambda r: r.finding)))
    scores = [r.risk.score for r in rows if r.risk.unit == "Отдел предоставления земельных участков"]
    assert scores != sorted(scores, reverse=True)  # not the score order


def test_dates_in_a_provisional_year_are_marked_in_the_plan(documents, evaluation):
    risk = next(r for r in evaluation.risks if r.band == "critical")
    assert risk.due == dt.date(2026, 12, 28) and risk.due_provisional_reason is None
    later = next(r for r in evaluation.risks if r.band == "medium")
    assert later.due_provisional_reason.startswith("календарь 2027 года предварительный")
    doc = Document(str(documents["plan.docx"]))
    dues = [row.cells[5].text for row in doc.tables[0].rows[1:] if row.cells[5].text != row.cells[1].text]
    assert "28 декабря 2026 года ◊" in dues and "27 мая 2027 года (предварительно) ◊" in dues
    texts = [p.text for p in doc.paragraphs]
    assert any(t.startswith("«Предварительно» — срок рассчитан по календарю, который ещё не подтверждён (календарь"
                            " 2027 года предварительный") for t in texts)
    ws = openpyxl.load_workbook(documents["plan.xlsx"])["План мероприятий"]
    values = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "27 мая 2027 года (предварительно)" in values
    assert any(v.startswith("«Предварительно» — срок рассчитан") for v in values)
