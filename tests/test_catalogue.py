"""The methodology catalogue: counts from the seed, codes, references, deadline rules and precise load errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from vakr.cli import main
from vakr.errors import CatalogueError
from vakr.methodology.catalogue import iter_items
from vakr.methodology.loader import load_catalogue
from vakr.methodology.models import PeriodicDeadline
from vakr.methodology.wording import parse_deadline_text
from vakr.paths import project_root

ROOT = project_root()


# --- counts that must match the seed -------------------------------------------------------------------------


def test_counts_match_the_seed(catalogue):
    assert len(catalogue.projects) == 4
    assert len(catalogue.npa_factors) == 8
    assert len(catalogue.org_areas) == 12
    assert len(catalogue.report_sections) == 9
    assert len(catalogue.typical_measures) == 8
    assert len(catalogue.function_types) == 4
    assert len(catalogue.vakr.information_sources) == 12
    assert len(catalogue.vakr.stages) == 4
    assert len(catalogue.vakr.legal_basis) == 4
    assert len(catalogue.vakr.directions) == 2
    assert len(catalogue.worked_examples) == 2
    assert len(list(catalogue.exemplary_functions())) == 8


def test_indicator_lists_from_the_seed(catalogue):
    hr = catalogue.get("org.hr")
    contracts = catalogue.get("org.contracts")
    assert len(hr.indicators) >= 15
    assert len(contracts.indicators) >= 10
    assert catalogue.get("org.hr.02").title == "Назначение на должность без проведения конкурсного отбора"
    assert catalogue.get("org.contracts.01").title == "Отсутствие антикоррупционных оговорок в договорах"
    assert len(catalogue.get("npa.legal_gap").indicators) == 6
    assert catalogue.get("npa.discretion.1").title == "Использование формулировок «вправе», «могут»"
    # the public-services indicator carries its official number 8, as cited in the seed's worked example
    assert catalogue.get("org.public_services.08").number == 8


def test_uncatalogued_groups_are_marked_and_empty(catalogue):
    uncatalogued = [g.code for g in catalogue.indicator_groups() if g.indicators_status == "not_catalogued"]
    assert "npa.collision" in uncatalogued and "org.coi" in uncatalogued
    for code in uncatalogued:
        assert catalogue.get(code).indicators == []
    # the seed gives indicators exactly for these groups
    with_indicators = {g.code for g in catalogue.indicator_groups() if g.indicators}
    assert with_indicators == {"npa.legal_gap", "npa.discretion", "org.hr", "org.public_services", "org.contracts"}


def test_project_map_structure(catalogue):
    p1, p2, p3, p4 = catalogue.projects
    assert [t.number for t in p1.tasks] == [1, 2, 3, 4, 5]
    assert p1.tasks[3].content_missing  # the seed's task 4 slide has no text
    assert [len(t.subtasks) for t in p2.tasks] == [1, 1, 2, 1, 5]
    documents = [s for s in p3.tasks[1].subtasks if s.document]
    assert len(documents) == 8
    assert p3.tasks[1].subtasks[8].publishes == [s.code for s in documents]
    assert p3.applies_to == ["quasi_public"]
    iso = catalogue.get("p3.t3.s1")
    assert isinstance(iso.deadline, PeriodicDeadline)
    assert (iso.deadline.period, iso.deadline.day_of_month, iso.deadline.months_after) == ("quarter", 5, 1)
    training = catalogue.get("p4.t2.s1")
    assert training.threshold.min_percent == 5
    assert catalogue.get("p4.t2.s2").periodicity == "monthly"
    assert catalogue.get("p4.t1.s1").periodicity == "quarterly"


def test_vakr_schedule_events_and_rules(catalogue):
    events = catalogue.event_subtasks()
    assert list(events) == [
        "announce_start", "order", "announce_discussion", "public_discussion", "report_signed",
        "plan_approved", "publish", "monitoring_end", "cartogram_update",
    ]
    rule = events["announce_start"].deadline
    assert (rule.anchor, rule.count, rule.unit, rule.direction) == ("vakr_start", 10, "working_days", "before")
    rule = events["monitoring_end"].deadline
    assert (rule.anchor, rule.count, rule.unit, rule.direction) == ("report_signed", 1, "years", "after")
    rule = events["plan_approved"].deadline
    assert (rule.anchor, rule.count, rule.direction) == ("report_signed", 10, "after")


def test_every_area_maps_to_its_report_section(catalogue):
    mapping = {a.code: catalogue.section_of(a).number for a in catalogue.org_areas}
    assert mapping == {
        "org.hr": 1, "org.coi": 2, "org.public_services": 3, "org.permits": 4, "org.control": 5,
        "org.budget": 6, "org.taxes": 9, "org.contracts": 7, "org.it": 8, "org.anticorruption": 9,
        "org.transparency": 9, "org.other": 9,
    }
    assert catalogue.report_sections[0].fields == [
        "risk_name", "risk_description", "corruptogenic_functions", "positions", "recommendations"
    ]
    assert all(s.fields == ["risk_name", "risk_description", "recommendations"] for s in catalogue.report_sections[1:])


def test_codes_are_unique_and_every_item_has_a_source(catalogue):
    items = [item for _, item in iter_items(catalogue)]
    codes = [i.code for i in items]
    assert len(codes) == len(set(codes))
    assert len(codes) > 150
    docs = {d.code for d in catalogue.sources}
    assert all(i.source.doc in docs and i.source.at for i in items)


def test_every_handbook_page_named_by_the_catalogue_exists(catalogue):
    pages = {item.code: item.handbook_page for _, item in iter_items(catalogue) if hasattr(item, "handbook_page")}
    # every NPA factor, organisational area and project names the page that explains it
    assert set(pages) == {g.code for g in catalogue.indicator_groups()} | {p.code for p in catalogue.projects}
    rendered = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))["project"]["render"]
    for code, page in pages.items():
        assert (ROOT / "handbook" / page).is_file(), f"{code}: нет страницы handbook/{page}"
        assert f"handbook/{page}" in rendered, f"{code}: страница {page} не собирается (_quarto.yml)"


def test_direction_and_event_short_titles(catalogue):
    assert [(d.catalogue, d.short_title) for d in catalogue.vakr.directions] == [
        ("npa_factors", "Нормативные правовые акты"), ("org_areas", "Организационно-управленческая деятельность")]
    assert catalogue.direction_of(catalogue.get("npa.discretion")).code == "vakr.direction.npa"
    assert catalogue.direction_of(catalogue.get("org.it")).code == "vakr.direction.org"
    # every event of the ВАКР schedule has a short title for the timeline chart, shorter than its full title
    for code, sub in catalogue.event_subtasks().items():
        assert sub.short_title and len(sub.short_title) <= len(sub.title), code


def test_new_fields_are_checked_by_the_loader(catalogue_copy):
    _edit(catalogue_copy, "projects.yaml", '            short_title: "Приказ о проведении ВАКР"\n', "")
    _edit(catalogue_copy, "npa_factors.yaml", "handbook_page: npa-factors.qmd", "handbook_page: npa-factors.html")
    _edit(catalogue_copy, "org_areas.yaml", "report_section: report.s9\n    handbook_page: org-other.qmd",
          "report_section: report.s9\n    handbook_page: org-taxes.qmd")
    _edit(catalogue_copy, "vakr.yaml", "catalogue: org_areas", "catalogue: npa_factors")
    _edit(catalogue_copy, "risk_matrix.yaml", "code: high,", "code: medium,")
    message = _load_error(catalogue_copy)
    assert "projects.yaml: элемент p1.t1.s2" in message and "краткое название (short_title)" in message
    assert "npa_factors.yaml: элемент npa.legal_gap" in message and "«npa-factors.html» — не имя страницы пособия" in message
    assert ("сферы одного раздела справки (report.s9) описываются на одной странице пособия: у org.taxes —"
            " org-taxes.qmd, у org.anticorruption — org-other.qmd") in message
    assert "направлений анализа должно быть два: по одному для npa_factors и org_areas" in message
    assert "коды уровней риска (bands) должны быть разными" in message


def test_band_codes_are_data(catalogue_copy):
    # a level of risk is named by the data alone: a renamed code loads and is used everywhere
    _edit(catalogue_copy, "risk_matrix.yaml", "code: critical,", "code: extreme,")
    matrix = load_catalogue(catalogue_copy).risk_matrix
    assert [b.code for b in matrix.bands] == ["low", "medium", "high", "extreme"]
    assert matrix.band_for(25).code == "extreme"


# --- deadline rules ------------------------------------------------------------------------------------------


def test_every_deadline_rule_parses_and_agrees_with_its_structure(catalogue):
    rules = [(sub.code, sub.deadline) for _, _, sub in catalogue.subtasks() if sub.deadline]
    assert len(rules) == 14
    for code, rule in rules:
        parsed = parse_deadline_text(rule.text)
        assert parsed == rule.model_dump(exclude={"text", "text_kk"}), code


@pytest.mark.parametrize(
    "text, expected",
    [
        ("За 10 рабочих дней до начала ВАКР", ("vakr_start", 10, "working_days", "before")),
        ("Не позднее 5 рабочих дней до завершения ВАКР", ("vakr_end", 5, "working_days", "before")),
        ("Не позднее 10 рабочих дней со дня завершения ВАКР", ("vakr_end", 10, "working_days", "after")),
        ("В течение 3 рабочих дней со дня утверждения плана", ("plan_approved", 3, "working_days", "after")),
        ("В течение одного года со дня подписания аналитической справки", ("report_signed", 1, "years", "after")),
        ("В течение 30 календарных дней со дня завершения ВАКР", ("vakr_end", 30, "calendar_days", "after")),
    ],
)
def test_parse_relative_rule_text(text, expected):
    parsed = parse_deadline_text(text)
    assert (parsed["anchor"], parsed["count"], parsed["unit"], parsed["direction"]) == expected


def test_parse_periodic_rule_text():
    assert parse_deadline_text("Ежеквартально к 5 числу месяца после отчётного периода") == {
        "kind": "periodic", "period": "quarter", "day_of_month": 5, "months_after": 1,
    }
    assert parse_deadline_text("Ежемесячно")["period"] == "month"
    with pytest.raises(ValueError, match="не найдено событие"):
        parse_deadline_text("За 10 рабочих дней до понедельника")


# --- precise errors for broken catalogue files ---------------------------------------------------------------


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _load_error(folder: Path) -> str:
    with pytest.raises(CatalogueError) as info:
        load_catalogue(folder)
    return str(info.value)


def test_duplicate_code_is_reported(catalogue_copy):
    _edit(catalogue_copy, "org_areas.yaml", "code: org.hr.03,", "code: org.hr.02,")
    message = _load_error(catalogue_copy)
    assert "org_areas.yaml: элемент org.hr.02: дублирующийся код" in message


def test_dangling_reference_is_reported(catalogue_copy):
    _edit(catalogue_copy, "org_areas.yaml", "report_section: report.s8", "report_section: report.s10")
    message = _load_error(catalogue_copy)
    assert "org_areas.yaml: элемент org.it: раздел справки «report.s10» не существует" in message


def test_unknown_source_document_is_reported(catalogue_copy):
    _edit(catalogue_copy, "typical_measures.yaml", "source: {doc: seed, at: \"Типичные меры, 3\"}",
          "source: {doc: slides2025, at: \"Типичные меры, 3\"}")
    message = _load_error(catalogue_copy)
    assert "typical_measures.yaml: элемент measure.3: источник «slides2025» не описан в sources.yaml" in message


def test_missing_source_is_reported(catalogue_copy):
    _edit(catalogue_copy, "vakr.yaml",
          '- {code: vakr.source.07, number: 7, title: "Публикации в средствах массовой информации", source: {doc: seed, at: "Источники информации для проведения ВАКР"}}',
          '- {code: vakr.source.07, number: 7, title: "Публикации в средствах массовой информации"}')
    message = _load_error(catalogue_copy)
    assert "vakr.yaml: элемент vakr.source.07: поле «vakr.information_sources.6.source»: нет обязательного поля" in message


def test_deadline_rule_that_disagrees_with_its_text_is_reported(catalogue_copy):
    _edit(catalogue_copy, "projects.yaml",
          'anchor: vakr_start, count: 5, unit: working_days', 'anchor: vakr_start, count: 15, unit: working_days')
    message = _load_error(catalogue_copy)
    assert "projects.yaml: элемент p1.t1.s2: правило срока «За 5 рабочих дней до начала ВАКР» расходится со структурой (count: в тексте 5, в данных 15)" in message


def test_unparseable_deadline_rule_is_reported(catalogue_copy):
    _edit(catalogue_copy, "projects.yaml", '{text: "За 10 рабочих дней до начала ВАКР"',
          '{text: "Своевременно до начала ВАКР"')
    message = _load_error(catalogue_copy)
    assert "projects.yaml: элемент p1.t1.s1: правило срока не разобрано: не найдены число и единица срока" in message


def test_unknown_deadline_unit_is_reported(catalogue_copy):
    _edit(catalogue_copy, "projects.yaml", "count: 3, unit: working_days, direction: after}\n            source: {doc: seed, at: \"Первый проект, задача № 3\"}",
          "count: 3, unit: hours, direction: after}\n            source: {doc: seed, at: \"Первый проект, задача № 3\"}")
    message = _load_error(catalogue_copy)
    assert "projects.yaml: элемент p1.t3.s2: поле «projects.0.tasks.2.subtasks.1.deadline.unit»: недопустимое значение 'hours'" in message


def test_yaml_syntax_error_names_file_and_line(catalogue_copy):
    (catalogue_copy / "tables.yaml").write_text("version: 1\ntables:\n  - code: [unclosed\n", encoding="utf-8")
    message = _load_error(catalogue_copy)
    assert re.search(r"tables\.yaml, строка \d+: ошибка синтаксиса YAML", message)


def test_missing_file_and_all_problems_at_once(catalogue_copy):
    (catalogue_copy / "risk_matrix.yaml").unlink()
    _edit(catalogue_copy, "org_areas.yaml", "report_section: report.s8", "report_section: report.s10")
    message = _load_error(catalogue_copy)
    # per-file problems are reported together; cross-file checks follow once the files load
    assert "risk_matrix.yaml: файл отсутствует" in message


def test_child_code_outside_parent_is_reported(catalogue_copy):
    _edit(catalogue_copy, "org_areas.yaml", "code: org.contracts.10,", "code: org.hr.99,")
    message = _load_error(catalogue_copy)
    assert "элемент org.hr.99: код должен начинаться с кода родителя «org.contracts.»" in message


# --- the command line ----------------------------------------------------------------------------------------


def test_cli_json_has_every_element_with_code_title_source(capsys):
    assert main(["catalogue", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("projects", "vakr", "npa_factors", "org_areas", "report_sections", "typical_measures",
                "corruptogenic_functions"):
        assert key in data
    assert [len(p["tasks"]) for p in data["projects"]] == [5, 5, 3, 3]
    assert len(data["org_areas"][0]["indicators"]) == 15
    assert data["projects"][0]["tasks"][0]["subtasks"][0]["deadline"]["anchor"] == "vakr_start"

    def walk(node, path="$"):
        if isinstance(node, dict):
            if "code" in node and path.split(".")[-1] not in ("columns",):
                assert {"code", "title", "source"} <= node.keys() or path.startswith("$.tables") or path.startswith("$.sources") or path.startswith("$.risk_matrix.bands"), path
            for k, v in node.items():
                walk(v, f"{path}.{k}")
        elif isinstance(node, list):
            for v in node:
                walk(v, path)

    for key in ("projects", "vakr", "npa_factors", "org_areas", "report_sections", "typical_measures",
                "corruptogenic_functions"):
        walk(data[key], f"$.{key}")


def test_cli_summary_and_broken_catalogue_exit_code(capsys, catalogue_copy):
    assert main(["catalogue"]) == 0
    out = capsys.readouterr().out
    assert "Карта проектов (4 проекта)" in out and "Управление персоналом — индикаторов: 15" in out
    _edit(catalogue_copy, "org_areas.yaml", "code: org.hr.03,", "code: org.hr.02,")
    assert main(["catalogue", "--data", str(catalogue_copy)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Ошибка: Ошибки в каталоге методики") and "Traceback" not in err


# --- the README's commands are the ones CI runs ----------------------------------------------------------------


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = re.findall(r"^```(?:bash|sh)\n(.*?)```", readme, flags=re.S | re.M)
    first = [line.strip() for line in commands[0].splitlines() if line.strip() and not line.startswith("#")]
    assert first == ["make run", "make test"]
    ci_commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert ci_commands == ["make test"]


def test_data_files_are_plain_utf8_yaml():
    for path in sorted((ROOT / "data" / "methodology").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert "\\u04" not in text and "\\x" not in text, path.name  # readable Cyrillic, no escapes
        assert isinstance(yaml.safe_load(text), dict)
