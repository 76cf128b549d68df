"""The act scanner's rules (data/methodology/npa_markers) and its reader (vakr.scan): every rule finds its examples
and none of its counter-examples, the context conditions, the act's structure as read from DOCX, TXT and PDF, the
errors in Russian, and the speed on an act of 2,000 paragraphs."""

from __future__ import annotations

import shutil
import time
from collections import Counter
from pathlib import Path

import docx
import pytest
import yaml
from office import libreoffice, libreoffice_convert  # tests/office.py

import vakr.scan as scan_package
from vakr.errors import CatalogueError, InputError
from vakr.methodology.catalogue import Catalogue
from vakr.paths import examples_dir
from vakr.scan.model import Act, ActParagraph, Candidate
from vakr.scan.reader import MAX_FILE_BYTES, pdf_paragraphs, read_act
from vakr.scan.rules import Rule, load_rules, markers_dir
from vakr.scan.scan import FACTOR_TITLES, check_examples, factor_titles, scan_act, scan_text
from vakr.scan.structure import detect

RULES = load_rules()


def codes(text: str) -> list[str]:
    return [c.rule for c in scan_text(text, rules=RULES)]


def found(text: str, rule: str) -> list[Candidate]:
    return [c for c in scan_text(text, rules=RULES) if c.rule == rule]


# --- the rules as data --------------------------------------------------------------------------------------

def test_every_factor_has_its_file_with_rules_and_examples(catalogue: Catalogue) -> None:
    by_factor: dict[str, list[Rule]] = {}
    for rule in RULES:
        by_factor.setdefault(rule.factor, []).append(rule)
    factors = [f.code for f in catalogue.npa_factors]
    assert sorted(by_factor) == sorted(factors)
    files = sorted(p.name for p in markers_dir().glob("*.yaml") if p.name != "lexicon.yaml")
    assert files == sorted(f"{code.removeprefix('npa.')}.yaml" for code in factors)
    for factor, rules in by_factor.items():
        assert len(rules) >= 2, factor
        assert sum(len(r.examples) for r in rules) >= 4, factor
        assert sum(len(r.counter_examples) for r in rules) >= 4, factor
    # In the catalogue's order of factors.
    assert list(dict.fromkeys(r.factor for r in RULES)) == factors


def test_rules_name_catalogue_indicators_and_sources(catalogue: Catalogue) -> None:
    indicators = {i.code: f.code for f in catalogue.npa_factors for i in f.indicators}
    for rule in RULES:
        if rule.indicator is not None:
            assert indicators[rule.indicator] == rule.factor, rule.code
        assert rule.source.doc in ("seed", "methodology_vakr", "assumption")
        assert rule.strength in ("strong", "possible")
        assert rule.why and rule.fix
    assert len({r.code for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_finds_its_examples_and_not_its_counter_examples(rule: Rule) -> None:
    for example in rule.examples:
        matches = found(example, rule.code)
        assert matches, f"{rule.code}: не найдено в «{example}»"
        for c in matches:
            lines = [line for line in example.splitlines()]
            assert lines[c.paragraph][c.start:c.end] == c.quote
            assert c.factor == rule.factor and c.indicator == rule.indicator and c.strength == rule.strength
    for counter in rule.counter_examples:
        assert not found(counter, rule.code), f"{rule.code}: найдено в контрпримере «{counter}»"


def test_check_examples_reports_nothing() -> None:
    assert check_examples(RULES) == []


def test_check_examples_names_the_file_and_rule_of_a_failing_example(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    path = folder / "discretion.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["rules"][0]["examples"].append("Комиссия рассматривает заявление.")
    data["rules"][0]["counter_examples"].append("Комиссия вправе продлить срок.")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    problems = check_examples(load_rules(folder))
    assert problems == [
        "npa_markers/discretion.yaml: правило discretion.vprave: пример не распознан: «Комиссия рассматривает"
        " заявление.»",
        "npa_markers/discretion.yaml: правило discretion.vprave: контрпример распознан как нарушение: «Комиссия"
        " вправе продлить срок.»",
    ]


# --- context conditions -------------------------------------------------------------------------------------

def test_vprave_counts_for_an_official_not_for_a_citizen() -> None:
    assert "discretion.vprave" in codes("Аттестационная комиссия вправе запросить у работника пояснения.")
    assert "discretion.vprave" in codes("Руководитель государственного органа может продлить срок проверки.")
    for text in ("Заявитель вправе запросить у комиссии пояснения.",
                 "Работник вправе обжаловать решение аттестационной комиссии.",
                 "Гражданин может обратиться в уполномоченный орган.",
                 "Услугополучатель, не согласный с решением услугодателя, вправе обжаловать его."):
        assert "discretion.vprave" not in codes(text), text


def test_word_forms_match_by_lemma() -> None:
    for text in ("Комиссия по своему усмотрению определяет дату заседания.", "Комиссия по собственному усмотрению"
                 " решает вопрос.", "Должностные лица по своим усмотрениям определяют размер."):
        assert codes(text).count("discretion.own_discretion") == 1, text


def test_blank_reference_needs_no_act_nearby() -> None:
    assert found("Решение может быть обжаловано в установленном порядке.", "legal_gap.blank_reference")
    for text in ("Решение может быть обжаловано в порядке, установленном законодательством Республики Казахстан.",
                 "Плата вносится в порядке, установленном настоящими Правилами.",
                 "Плата вносится в порядке, установленном приказом Министра финансов."):
        assert not found(text, "legal_gap.blank_reference"), text


def test_a_term_anywhere_in_the_point_satisfies_the_procedure() -> None:
    act = ("7. Услугодатель в течение 5 (пяти) рабочих дней со дня регистрации заявления:\n"
           "1) рассматривает заявление;\n"
           "2) выдает разрешение.\n"
           "8. Уполномоченный орган рассматривает жалобу.")
    candidates = [c for c in scan_text(act, rules=RULES) if c.rule == "legal_gap.no_term"]
    assert [(c.paragraph, c.point, c.quote) for c in candidates] == [(3, "пункт 8", "рассматривает")]


def test_an_introduction_with_a_colon_governs_its_subpoints() -> None:
    act = ("Глава 2. Права уполномоченного органа\n"
           "8. Уполномоченный орган вправе:\n"
           "1) рассмотреть жалобу услугополучателя;\n"
           "2) приостановить рассмотрение заявления.")
    got = [(c.paragraph, c.point, c.rule, c.quote) for c in scan_text(act, rules=RULES)
           if c.factor in ("npa.discretion", "npa.right_not_duty")]
    assert got == [
        (1, "Глава 2, пункт 8", "discretion.vprave", "вправе"),
        (2, "Глава 2, пункт 8, подпункт 1)", "right_not_duty.vprave_duty", "рассмотреть"),
    ]


def test_a_refusal_with_grounds_elsewhere_in_the_point_is_not_flagged() -> None:
    act = ("9. Услугодатель отказывает в оказании государственной услуги:\n"
           "1) при установлении недостоверности документов;\n"
           "10. Услугодатель отказывает в приеме заявления.")
    assert [c.paragraph for c in scan_text(act, rules=RULES) if c.rule == "legal_gap.refusal_no_grounds"] == [2]


def test_different_terms_name_the_other_place() -> None:
    act = ("Глава 2. Порядок оказания государственной услуги\n"
           "7. Услугодатель рассматривает заявление в течение 5 (пяти) рабочих дней.\n"
           "Глава 3. Заключительные положения\n"
           "15. Заявление рассматривается услугодателем в течение 10 (десяти) рабочих дней.")
    got = found(act, "collision.different_terms")
    assert [(c.paragraph, c.point, c.quote) for c in got] == [
        (1, "Глава 2, пункт 7", "в течение 5 (пяти) рабочих дней"),
        (3, "Глава 3, пункт 15", "в течение 10 (десяти) рабочих дней"),
    ]
    assert "(Глава 3, пункт 15: «в течение 10 (десяти) рабочих дней»)" in got[0].why
    assert "(Глава 2, пункт 7: «в течение 5 (пяти) рабочих дней»)" in got[1].why
    assert "{other}" not in got[0].why


def test_the_agent_of_a_passive_verb_is_the_subject() -> None:
    # An official in the instrumental next to a passive verb («-ся», a short participle) is the actor.
    for text in ("Решение принимается комиссией, состав которой утверждается руководителем услугодателя по своему"
                 " усмотрению.",
                 "Размер премии определяется услугодателем по своему усмотрению.",
                 "По своему усмотрению дата заседания назначается председателем комиссии.",
                 "Перечень объектов утвержден руководителем по своему усмотрению."):
        assert found(text, "discretion.own_discretion"), text
    assert found("Заявление может рассматриваться комиссией повторно.", "discretion.vprave")
    # A citizen in the instrumental is a citizen; the nominative subject comes first; a preposition («с
    # руководителем») or a full participle («назначенный руководителем») does not make an agent.
    for text in ("Способ получения результата выбирается заявителем по своему усмотрению.",
                 "Решение услугодателя может обжаловаться заявителем в судебном порядке.",
                 "Время консультации по своему усмотрению согласовывается с руководителем.",
                 "Работник, назначенный руководителем, по своему усмотрению выбирает форму обучения.",
                 "Заявитель, документы которого рассматриваются комиссией, вправе отозвать заявление."):
        assert not [c for c in scan_text(text, rules=RULES) if c.factor == "npa.discretion"], text


def test_a_period_of_validity_is_not_a_term_of_the_action() -> None:
    issue = "7. Услугодатель выдает разрешение в течение десяти рабочих дней.\n"
    for validity in ("12. Разрешение выдается на срок не более трех лет.",
                     "12. Разрешение выдается сроком на 3 года.",
                     "12. Срок действия разрешения на размещение объекта составляет три года."):
        assert not found(issue + validity, "collision.different_terms"), validity
    # A deadline in the same words is still compared.
    got = found(issue + "12. Разрешение выдается в срок не более пятнадцати рабочих дней.", "collision.different_terms")
    assert [c.quote for c in got] == ["в течение десяти рабочих дней", "в срок не более пятнадцати рабочих дней"]


def test_an_action_named_by_a_noun_is_the_action_of_its_verb() -> None:
    act = ("7. Услугодатель рассматривает заявление и выдает разрешение в течение десяти рабочих дней.\n"
           "13. Срок рассмотрения заявления составляет пятнадцать рабочих дней.\n"
           "14. Выдача разрешения производится в течение десяти рабочих дней.")
    got = found(act, "collision.different_terms")
    assert [(c.point, c.quote) for c in got] == [("пункт 7", "в течение десяти рабочих дней"),
                                                 ("пункт 13", "пятнадцать рабочих дней")]
    assert "(пункт 13: «пятнадцать рабочих дней»)" in got[0].why
    # The perfective and the imperfective verb are one action; «принимает решение» is not «принимает заявление».
    assert found("Комиссия рассмотрит жалобу в течение 5 рабочих дней.\nЖалоба рассматривается в течение 10 рабочих"
                 " дней.", "collision.different_terms")
    assert not found("3. Услугодатель принимает заявление в течение 1 рабочего дня.\n8. Срок принятия решения по"
                     " заявлению составляет 10 рабочих дней.", "collision.different_terms")
    # Each verb goes with the nearest term of its sentence: a term of registration is not a term of consideration.
    assert not found("5. Услугодатель регистрирует заявление в течение 1 рабочего дня и рассматривает его в течение"
                     " 5 рабочих дней.\n9. Услугодатель регистрирует заявление в течение 1 рабочего дня.",
                     "collision.different_terms")


def test_an_action_of_the_lexicon_may_not_have_two_names(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    _edit(folder / "lexicon.yaml", "  выдача: [выдача, выдавать, выдать]", "  выдача: [выдача, выдавать, рассмотреть]")
    with pytest.raises(CatalogueError) as caught:
        load_rules(folder)
    assert "npa_markers/lexicon.yaml: действие «выдача»: «рассмотреть» уже названо действием «рассмотрение»" \
        in str(caught.value)


# The example act (data/examples/act-example.txt) as an analyst checks the scanner against it: what a careful
# lawyer flags, and the clean look-alikes (points 5 and 16: the applicant's «вправе»; point 17, a term) unflagged.
EXAMPLE_ACT = [
    ("Глава 2, пункт 4, подпункт 4)", "по требованию услугодателя", "npa.excessive_requirements", "possible"),
    ("Глава 2, пункт 6", "при необходимости", "npa.discretion", "possible"),
    ("Глава 2, пункт 6", "при необходимости", "npa.linguistic_uncertainty", "possible"),
    ("Глава 2, пункт 6", "запрашивает у заявителя дополнительные сведения", "npa.excessive_requirements", "strong"),
    ("Глава 3, пункт 7", "отказ", "npa.legal_gap", "possible"),
    ("Глава 3, пункт 7", "в течение десяти рабочих дней", "npa.collision", "possible"),
    ("Глава 3, пункт 8", "вправе", "npa.discretion", "strong"),
    ("Глава 3, пункт 9", "по своему усмотрению", "npa.discretion", "strong"),
    ("Глава 3, пункт 10", "может отказать", "npa.discretion", "strong"),
    ("Глава 3, пункт 11", "другим основаниям", "npa.legal_gap", "strong"),
    ("Глава 3, пункт 13", "пятнадцать рабочих дней", "npa.collision", "possible"),
    ("Глава 4, пункт 14", "в установленном порядке", "npa.legal_gap", "possible"),
    ("Глава 4, пункт 15", "существенных", "npa.linguistic_uncertainty", "possible"),
]


def test_the_example_act() -> None:
    act = read_act(examples_dir() / "act-example.txt")
    candidates = scan_act(act, rules=RULES)
    assert [(c.point, c.quote, c.factor, c.strength) for c in candidates] == EXAMPLE_ACT
    points = {c.point for c in candidates}
    assert not points & {"Глава 2, пункт 5", "Глава 4, пункт 16", "Глава 4, пункт 17", "Глава 3, пункт 12"}
    collision = {c.point: c.why for c in candidates if c.factor == "npa.collision"}
    assert "(Глава 3, пункт 13: «пятнадцать рабочих дней»)" in collision["Глава 3, пункт 7"]
    assert "(Глава 3, пункт 7: «в течение десяти рабочих дней»)" in collision["Глава 3, пункт 13"]


def test_overridden_rule_gives_way() -> None:
    got = found("Жалоба рассматривается в разумный срок.", "linguistic.vague_time")
    assert [c.quote for c in got] == ["в разумный срок"]
    assert not found("Жалоба рассматривается в разумный срок.", "linguistic.evaluative")
    assert found("Жалоба рассматривается при разумном подходе.", "linguistic.evaluative")


def test_vprave_with_a_duty_is_both_discretion_and_right_instead_of_duty() -> None:
    # As the training course (data/training/npa.yaml, npa_text.may_issue) and the handbook read «вправе выдать».
    got = {c.rule: c.quote for c in scan_text("При соответствии заявителя всем требованиям уполномоченное лицо вправе"
                                              " выдать справку.", rules=RULES)}
    assert got["discretion.vprave"] == "вправе" and got["right_not_duty.vprave_duty"] == "вправе выдать"


def test_kazakh_markers_match_exact_forms() -> None:
    assert "discretion.kk_quqyly" in codes("Комиссия қосымша құжаттарды сұратуға құқылы.")
    assert "discretion.kk_if_needed" in codes("Қажет болған жағдайда комиссия сарапшыларды тартады.")
    assert codes("Уәкілетті орган өтінішті бес жұмыс күні ішінде қарайды.") == []


def test_scan_is_deterministic_and_ordered() -> None:
    text = "\n".join(rule.examples[0] for rule in RULES if "\n" not in rule.examples[0])
    first = scan_text(text, rules=RULES)
    assert first == scan_text(text, rules=RULES)
    assert [(c.paragraph, c.start) for c in first] == sorted((c.paragraph, c.start) for c in first)
    assert {c.act for c in first} == {"текст"}


def test_factor_titles_come_from_the_catalogue(catalogue: Catalogue) -> None:
    assert factor_titles(catalogue) == {f.code: f.title for f in catalogue.npa_factors}
    assert FACTOR_TITLES["npa.discretion"] == "Широта дискреционных полномочий"
    assert scan_package.FACTOR_TITLES == FACTOR_TITLES


# --- the act's structure ------------------------------------------------------------------------------------

def test_structure_labels() -> None:
    lines = [
        "Правила проведения конкурса",
        "Преамбула без номера.",
        "Раздел 1. Общая часть",
        "Глава 1. Общие положения",
        "1. Настоящие Правила определяют порядок.",
        "Абзац второй пункта 1.",
        "Параграф 1. Конкурсная комиссия",
        "2. Комиссия:",
        "1) рассматривает заявки;",
        "а) по существу;",
        "б) в срок;",
        "Абзац подпункта.",
        "2) проводит собеседование.",
        "Глава 3-1. Особенности",
        "7.1. Особый пункт.",
        "7-1. Вставленный пункт.",
        "а) подпункт прямо под пунктом;",
        "Статья 5. Полномочия",
        "1. Пункт статьи.",
        "Приложение 1 к Правилам",
        "Форма заявления",
    ]
    got = [p.point for p in detect(enumerate(lines))]
    assert got == [
        "",
        "",
        "Раздел 1",
        "Раздел 1, Глава 1",
        "Раздел 1, Глава 1, пункт 1",
        "Раздел 1, Глава 1, пункт 1, абзац 2",
        "Раздел 1, Глава 1, Параграф 1",
        "Раздел 1, Глава 1, Параграф 1, пункт 2",
        "Раздел 1, Глава 1, Параграф 1, пункт 2, подпункт 1)",
        "Раздел 1, Глава 1, Параграф 1, пункт 2, подпункт 1), подпункт а)",
        "Раздел 1, Глава 1, Параграф 1, пункт 2, подпункт 1), подпункт б)",
        "Раздел 1, Глава 1, Параграф 1, пункт 2, подпункт 1), подпункт б), абзац 2",
        "Раздел 1, Глава 1, Параграф 1, пункт 2, подпункт 2)",
        "Раздел 1, Глава 3-1",
        "Раздел 1, Глава 3-1, пункт 7.1",
        "Раздел 1, Глава 3-1, пункт 7-1",
        "Раздел 1, Глава 3-1, пункт 7-1, подпункт а)",
        "Раздел 1, Глава 3-1, Статья 5",
        "Раздел 1, Глава 3-1, Статья 5, пункт 1",
        "Приложение 1",
        "Приложение 1, абзац 1",
    ]


def test_numbers_in_the_text_are_not_points() -> None:
    got = [p.point for p in detect(enumerate(["Глава 1. Общие", "5 рабочих дней отводится на проверку.",
                                              "12.01.2024 года принят приказ."]))]
    assert got == ["Глава 1", "Глава 1, абзац 1", "Глава 1, абзац 2"]


# --- the reader ---------------------------------------------------------------------------------------------

DOCX_LINES = [
    "Приложение к приказу Министра от 1 апреля 2024 года № 100",
    ("Правила оказания государственной услуги «Выдача справки»", "Title"),
    "",
    "Глава 1. Общие положения",
    "1. Настоящие Правила определяют порядок оказания государственной услуги.",
    None,  # a table here: not a body paragraph
    "Услугодатель вправе запросить дополнительные сведения.",
    "Глава 2. Порядок оказания государственной услуги",
    "2. Уполномоченный орган вправе:",
    "1) рассмотреть жалобу услугополучателя;",
    "2) выдать разрешение.",
]


def build_docx(path: Path) -> Path:
    document = docx.Document()
    for item in DOCX_LINES:
        if item is None:
            table = document.add_table(rows=1, cols=2)
            table.cell(0, 0).text = "Услугодатель вправе отказать без оснований."
        elif isinstance(item, tuple):
            document.add_paragraph(item[0], style=item[1])
        else:
            document.add_paragraph(item)
    document.save(str(path))
    return path


def test_read_docx_keeps_body_paragraph_indices_and_structure(tmp_path: Path) -> None:
    act = read_act(build_docx(tmp_path / "правила.docx"))
    assert act.kind == "docx" and act.title == "Правила оказания государственной услуги «Выдача справки»"
    assert act.path.name == "правила.docx"
    body = docx.Document(str(tmp_path / "правила.docx")).paragraphs
    assert [(p.index, p.point) for p in act.paragraphs] == [
        (0, ""), (1, ""), (3, "Глава 1"), (4, "Глава 1, пункт 1"), (5, "Глава 1, пункт 1, абзац 2"),
        (6, "Глава 2"), (7, "Глава 2, пункт 2"), (8, "Глава 2, пункт 2, подпункт 1)"),
        (9, "Глава 2, пункт 2, подпункт 2)"),
    ]
    for p in act.paragraphs:
        assert body[p.index].text == p.text
    candidates = scan_act(act, rules=RULES)
    assert all("без оснований" not in c.quote for c in candidates)  # the table is not read
    vprave = [c for c in candidates if c.rule == "discretion.vprave"]
    assert [(c.act, c.paragraph, c.point, c.quote) for c in vprave] == [
        ("правила.docx", 5, "Глава 1, пункт 1, абзац 2", "вправе"), ("правила.docx", 7, "Глава 2, пункт 2", "вправе")]
    duty = [(c.paragraph, c.quote) for c in candidates if c.rule == "right_not_duty.vprave_duty"]
    assert duty == [(8, "рассмотреть"), (9, "выдать")]
    for c in candidates:
        assert body[c.paragraph].text[c.start:c.end] == c.quote


def test_read_txt_in_cp1251_and_utf8_with_bom(tmp_path: Path) -> None:
    text = "Правила проверки\n\nГлава 1. Общие положения\n1. Комиссия по своему усмотрению определяет дату.\n"
    for name, data in (("a.txt", text.encode("cp1251")), ("b.txt", b"\xef\xbb\xbf" + text.encode("utf-8")),
                       ("c.txt", text.replace("\n", "\r\n").encode("utf-8"))):
        path = tmp_path / name
        path.write_bytes(data)
        act = read_act(path)
        assert act.kind == "txt" and act.title == "Правила проверки"
        assert [(p.index, p.point, p.text) for p in act.paragraphs] == [
            (0, "", "Правила проверки"), (2, "Глава 1", "Глава 1. Общие положения"),
            (3, "Глава 1, пункт 1", "1. Комиссия по своему усмотрению определяет дату.")]
        assert [c.rule for c in scan_act(act, rules=RULES)] == ["discretion.own_discretion"]


def test_read_pdf_made_by_libreoffice(tmp_path: Path) -> None:
    soffice = libreoffice("writer")
    source = build_docx(tmp_path / "act.docx")
    result = libreoffice_convert(soffice, [source], "pdf", tmp_path)
    assert result.returncode == 0, result.stderr
    act = read_act(tmp_path / "act.pdf")
    assert act.kind == "pdf"
    points = [(p.point, p.text) for p in act.paragraphs if p.point]
    assert points[0] == ("Глава 1", "Глава 1. Общие положения")
    assert ("Глава 1, пункт 1", "1. Настоящие Правила определяют порядок оказания государственной услуги.") in points
    assert [p for p, _ in points[-4:]] == ["Глава 2", "Глава 2, пункт 2", "Глава 2, пункт 2, подпункт 1)",
                                          "Глава 2, пункт 2, подпункт 2)"]
    assert points[-2][1] == "1) рассмотреть жалобу услугополучателя;"
    assert [p.index for p in act.paragraphs] == list(range(len(act.paragraphs)))
    duty = [(c.point, c.quote) for c in scan_act(act, rules=RULES) if c.rule == "right_not_duty.vprave_duty"]
    assert duty == [("Глава 2, пункт 2, подпункт 1)", "рассмотреть"), ("Глава 2, пункт 2, подпункт 2)", "выдать")]


def test_pdf_lines_are_joined_into_paragraphs() -> None:
    full = "Услугодатель в течение пяти рабочих дней со дня регистрации заявления рассматривает пред-"
    lines = ["Глава 1. Общие положения", "1. " + full, "ставленные документы и выдает результат заявителю, либо",
             "мотивированный отказ.", "12", "2. Второй пункт.", "Новый абзац начинается здесь."]
    assert pdf_paragraphs(lines) == [
        "Глава 1. Общие положения",
        "1. " + full[:-1] + "ставленные документы и выдает результат заявителю, либо мотивированный отказ.",
        "2. Второй пункт.",
        "Новый абзац начинается здесь.",
    ]


def _input_error(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_act(path)
    message = str(caught.value)
    assert str(path) in message
    return message


def test_reader_errors_are_russian_and_name_the_file(tmp_path: Path) -> None:
    assert "файл не найден" in _input_error(tmp_path / "нет.docx")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    assert "формат .doc не поддерживается: сохраните акт как .docx" in _input_error(tmp_path / "old.doc")
    (tmp_path / "act.odp").write_text("x", encoding="utf-8")
    assert "не поддерживается" in _input_error(tmp_path / "act.odp")
    (tmp_path / "broken.docx").write_bytes(b"not a zip at all")
    assert "повреждён" in _input_error(tmp_path / "broken.docx")
    (tmp_path / "empty.docx").write_bytes(b"")
    assert "повреждён" in _input_error(tmp_path / "empty.docx")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    assert "повреждён" in _input_error(tmp_path / "broken.pdf")
    (tmp_path / "blank.txt").write_text("\n  \n", encoding="utf-8")
    assert "нет текста" in _input_error(tmp_path / "blank.txt")
    (tmp_path / "utf16.txt").write_bytes("Глава 1".encode("utf-16"))
    assert "UTF-8" in _input_error(tmp_path / "utf16.txt")
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    assert "слишком большой" in _input_error(big)
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "папка" in _input_error(folder)


def test_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "скан.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert "в PDF нет текстового слоя (скан): распознайте текст и повторите" in _input_error(path)


# --- the rules' files: errors ---------------------------------------------------------------------------------

def _copy_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "npa_markers"
    shutil.copytree(markers_dir(), folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_rule_errors_name_the_file_and_the_rule(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    _edit(folder / "discretion.yaml", 'patterns: ["=құқылы"]', 'patterns: ["@nope"]')
    _edit(folder / "discretion.yaml", 'patterns: ["по|на усмотрение ...2 @official"]',
          'patterns: ["по|на усмотрение ...2 <FOO>"]')
    _edit(folder / "admin_barriers.yaml", "    strength: possible\n", "    strength: maybe\n")
    with pytest.raises(CatalogueError) as caught:
        load_rules(folder)
    message = str(caught.value)
    assert ("npa_markers/discretion.yaml: правило discretion.kk_quqyly: шаблон «@nope»: неизвестный список слов"
            " @nope") in message
    assert "npa_markers/discretion.yaml: правило discretion.at_discretion_of: шаблон «по|на усмотрение ...2 <FOO>»:" \
           " неизвестная граммема <FOO>" in message
    assert "npa_markers/admin_barriers.yaml: элемент admin_barriers.approvals: поле «rules.0.strength»:" \
           " недопустимое значение 'maybe'" in message


def test_rule_errors_about_fields_factors_and_indicators(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    _edit(folder / "improper_functions.yaml", "    strength: strong\n", "    strength: strong\n    colour: red\n")
    with pytest.raises(CatalogueError) as caught:
        load_rules(folder)
    assert "npa_markers/improper_functions.yaml: элемент functions.other_duties: поле «rules.0.colour»: лишнее" \
           " (неизвестное) поле" in str(caught.value)
    folder = _copy_rules(tmp_path / "2")
    _edit(folder / "discretion.yaml", "indicator: npa.discretion.3", "indicator: npa.discretion.9")
    _edit(folder / "legal_gap.yaml", "  - code: legal_gap.open_grounds\n    factor: npa.legal_gap",
          "  - code: legal_gap.open_grounds\n    factor: npa.discretion")
    with pytest.raises(CatalogueError) as caught:
        load_rules(folder)
    assert ("npa_markers/legal_gap.yaml: правило legal_gap.open_grounds: factor: npa.discretion, а файл — о факторе"
            " npa.legal_gap") in str(caught.value)
    _edit(folder / "legal_gap.yaml", "  - code: legal_gap.open_grounds\n    factor: npa.discretion",
          "  - code: legal_gap.open_grounds\n    factor: npa.legal_gap")
    with pytest.raises(CatalogueError) as caught:
        load_rules(folder)
    assert ("npa_markers/discretion.yaml: правило discretion.alternative_decisions: индикатора npa.discretion.9 нет"
            " у фактора npa.discretion") in str(caught.value)


def test_rule_needs_patterns_or_a_check_and_a_duplicate_code_is_refused(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    _edit(folder / "right_not_duty.yaml", '    patterns: ["рекомендоваться"]\n', "")
    _edit(folder / "collision.yaml", "code: collision.unless_otherwise", "code: discretion.vprave")
    with pytest.raises(CatalogueError) as caught:
        load_rules(folder)
    message = str(caught.value)
    assert "npa_markers/right_not_duty.yaml: элемент right_not_duty.recommended: поле «rules.2»: у правила должны" \
           " быть либо шаблоны (patterns), либо проверка акта (check)" in message
    assert "npa_markers/discretion.yaml: правило discretion.vprave: код уже занят (в npa_markers/collision.yaml)" \
        in message


# --- speed --------------------------------------------------------------------------------------------------

def test_an_act_of_2000_paragraphs_is_scanned_in_seconds() -> None:
    template = [
        "{n}. Услугодатель в течение 5 (пяти) рабочих дней рассматривает заявление услугополучателя и выдает"
        " разрешение на размещение объекта наружной (визуальной) рекламы в полосе отвода автомобильных дорог.",
        "{n}. Уполномоченный орган вправе запросить дополнительные сведения, а при необходимости привлекает"
        " экспертов, специалистов и иных лиц, обладающих специальными знаниями в области строительства.",
        "В случае представления неполного пакета документов услугодатель отказывает в приеме заявления и выдает"
        " мотивированный отказ в дальнейшем рассмотрении заявления по форме согласно приложению 3.",
        "{n}. Услугополучатель вправе обжаловать решение услугодателя в установленном порядке, а также иные"
        " документы и сведения представляются по требованию комиссии в разумный срок.",
    ]
    paragraphs = []
    for n in range(500):
        for line in template:
            paragraphs.append(line.format(n=n + 1))
    act = Act(path=Path("большой.docx"), title="Большой акт",
              paragraphs=[ActParagraph(i, "", text) for i, text in enumerate(paragraphs)], kind="docx")
    act = Act(path=act.path, title=act.title, paragraphs=detect((p.index, p.text) for p in act.paragraphs),
              kind="docx")
    started = time.perf_counter()
    candidates = scan_act(act, rules=RULES)
    elapsed = time.perf_counter() - started
    assert elapsed < 10, elapsed
    counts = Counter(c.rule for c in candidates)
    assert counts["discretion.vprave"] == 500 and counts["legal_gap.blank_reference"] == 500
