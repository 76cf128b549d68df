"""The bundled example organisations are what trainees copy and what the handbook embeds: they must be clean.

No test strings (formula-like «=…», «&», «<»/«>» used as words), every measure due after the plan is approved and
published, names written as the documents' signature lines expect, and the workbook built from its YAML source.
"""

from __future__ import annotations

import re

import pytest
import yaml

from vakr.evaluation.evaluate import evaluate
from vakr.organisation.load import load_organisation, load_organisation_with_warnings
from vakr.organisation.names import parse_name
from vakr.paths import examples_dir

EXAMPLES = ("akimat-example", "quasi-example")
# What hostile inputs look like: a cell starting with «=», «+», «@» (a formula in Excel), «&» or a comparison sign
# standing for a word. They belong in tests/hostile_inputs.py, never in the example the handbook embeds.
TEST_STRING = re.compile(r"(^|\n)\s*[=+@]|&|(^|\s)[<>](\s|$)|<[a-z/]")


def _texts(node: object, path: str = ""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _texts(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_test_strings_in_the_examples(name):
    data = yaml.safe_load((examples_dir() / f"{name}.yaml").read_text(encoding="utf-8"))
    leaked = [(path, text[:80]) for path, text in _texts(data) if TEST_STRING.search(text)]
    assert leaked == []


def test_the_pattern_sees_the_strings_that_once_leaked():
    for text in ("=ставка неустойки снижена", "Принт & Ко", "стоимостью < 100 МРП", "на сумму > 50 МРП", "<b>x</b>"):
        assert TEST_STRING.search(text), text
    for text in ("стоимостью до 100 МРП", "с 0,1 % до 0,01 %", "1–5", "«Сарыарқа Принт»"):
        assert not TEST_STRING.search(text), text


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_measure_is_due_after_the_plan_is_approved_and_published(catalogue, name):
    org, warnings = load_organisation_with_warnings(examples_dir() / f"{name}.yaml", catalogue)
    evaluation = evaluate(org, catalogue)
    approved = evaluation.schedule.event("plan_approved").date
    published = evaluation.schedule.event("publish").date
    early = [(r.indicator, r.due) for r in evaluation.risks if r.due <= published]
    assert early == [], f"план утверждается {approved}, размещается до {published}"
    assert not [w for w in warnings if w.code.startswith("findings.due_")]


@pytest.mark.parametrize("name", EXAMPLES)
def test_names_are_written_surname_first_as_in_official_lists(catalogue, name):
    profile = load_organisation(examples_dir() / f"{name}.yaml", catalogue).profile
    people = [profile.head, profile.authorised_person, *profile.working_group]
    for person in people:
        parsed = parse_name(person.name, "surname_first")
        assert person.name.split()[0] == parsed.surname, person.name
        assert person.name.split()[2].endswith(("ұлы", "қызы", "ович", "евич", "овна", "евна")), person.name


def test_the_akimat_example_reports_the_offence_and_scores_the_condition(catalogue):
    org = load_organisation(examples_dir() / "akimat-example.yaml", catalogue)
    [budget] = [f for f in org.findings if f.indicator == "org.budget"]
    # the risk is the weakness of control, not the offence itself …
    assert "не оказывающей гостиничных услуг" not in budget.description and "случа" not in budget.description
    assert budget.measure and budget.completion_form == "Приказ"
    # … and the offence's facts are recorded in the checklist as sent on for reporting (project 2, task 1)
    [answer] = [a for a in org.checklist if a.indicator == "org.budget"]
    assert "Выявление коррупционных правонарушений" in answer.comment
