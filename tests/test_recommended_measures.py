"""The recommended measures as data: one for every indicator, factor and area; worded as actions; none names a kind
of function other than its own; variants chosen by the words of the description; the act fitted into the sentence."""

from __future__ import annotations

import re

import pytest

from vakr.errors import CatalogueError
from vakr.evaluation.recommendations import act_in_case, lemmas, suggest_measure
from vakr.methodology.loader import load_catalogue

# Stems that name a kind of function, and the areas whose measures may use them.
FUNCTION_WORDS = {
    r"разрешительн": {"org.permits"},
    r"контрол|проверк|ревизи": {"org.control"},
    r"государственн\w* услуг": {"org.public_services"},
    r"информационн\w* систем": {"org.it"},
    r"бюджетн": {"org.budget"},
    r"договор|закуп": {"org.contracts", "org.budget"},
    r"кадров|конкурс": {"org.hr", "org.coi"},
}


def _area(code: str) -> str:
    return ".".join(code.split(".")[:2])


def test_every_indicator_factor_and_area_has_a_measure(catalogue):
    targets = [g.code for g in catalogue.indicator_groups()] + [
        i.code for g in catalogue.indicator_groups() for i in g.indicators]
    assert len(targets) == 55
    for code in targets:
        variants = catalogue.recommended_for(code)
        assert variants, code
        assert not variants[-1].when_words and sum(not v.when_words for v in variants) == 1, code


@pytest.mark.parametrize("stems, allowed", FUNCTION_WORDS.items())
def test_no_measure_names_a_foreign_kind_of_function(catalogue, stems, allowed):
    offenders = [
        (m.code, m.title) for m in catalogue.recommended_measures
        if m.for_.startswith("org.") and _area(m.for_) not in allowed and m.wording != "seed"
        and re.search(stems, m.title.lower())
    ]
    assert offenders == []


def test_measures_are_actions_with_a_form_from_the_closed_list(catalogue):
    forms = {f.title for f in catalogue.completion_forms}
    assert {"Приказ", "Внутренний документ", "Изменения в НПА", "Письмо", "Протокол", "Информация", "Отчёт"} <= forms
    for m in catalogue.recommended_measures:
        first = m.title.split()[0]
        assert first.endswith(("ть", "ти")), (m.code, first)  # «Утвердить», «Внести», «Провести»
        assert not m.title.endswith("."), m.code
        assert (m.for_.startswith("npa.")) == ("{act" in m.title), m.code


def test_seed_wordings_are_kept(catalogue):
    seed = {m.for_: m.title for m in catalogue.recommended_measures if m.wording == "seed"}
    assert seed["org.public_services.08"].startswith("Внести предложение в уполномоченный орган о включении процесса"
                                                     " приёма документов на участие в конкурсе в Реестр")
    assert seed["npa.legal_gap.6"] == ("Направить в уполномоченный орган инициативное письмо об устранении правового"
                                       " пробела в {act:loct}")


@pytest.mark.parametrize("description, expected", [
    ("Все специалисты входят в базу земельного кадастра под общей учётной записью администратора", "учётн"),
    ("Изменения в записи кадастра вносятся без журнала: нельзя установить, кто и когда их внёс", "журнал"),
    ("Работа в системе ведётся без разграничения ролей", None),
])
def test_area_variants_follow_the_description(catalogue, description, expected):
    chosen = suggest_measure(catalogue, "org.it", "org.it", description)
    variants = catalogue.recommended_for("org.it")
    if expected is None:
        assert chosen.code == variants[-1].code  # no variant's words: the default
    else:
        assert chosen.code != variants[-1].code
        assert expected in chosen.title.lower() or any(expected in w for v in variants if v.code == chosen.code
                                                       for w in v.when_words)


def test_words_match_in_any_form():
    assert {"путевой", "лист", "топливо"} <= lemmas("Путевые листы не оформляются, топлива списано больше нормы")
    assert "учетный" in lemmas("под общей учётной записью")


@pytest.mark.parametrize("act, case, expected", [
    ("Инструкция по ведению земельно-кадастровой книги", "accs", "инструкцию по ведению земельно-кадастровой книги"),
    ("Приказ руководителя управления от 12 марта 2024 года № 45-ө", "accs",
     "приказ руководителя управления от 12 марта 2024 года № 45-ө"),
    ("Правила премирования работников, пункт 6.", "accs", "правила премирования работников, пункт 6"),
    ("Закон Республики Казахстан «О земле», статья 5", "accs", "Закон Республики Казахстан «О земле», статья 5"),
    ("статья 48 Закона РК «О гражданской защите»", "loct", "статье 48 Закона РК «О гражданской защите»"),
    ("", "accs", "правовой акт (внутренний документ), в котором выявлен коррупционный фактор"),
])
def test_the_act_fits_the_sentence(act, case, expected):
    assert act_in_case(act, case) == expected


def test_npa_measure_names_the_act(catalogue):
    chosen = suggest_measure(catalogue, "npa.legal_gap.6", "npa.legal_gap",
                             "Не определено, кто объявляет ЧС объектового характера",
                             "Инструкция по ведению земельно-кадастровой книги, пункт 4")
    assert chosen.title == ("Направить в уполномоченный орган инициативное письмо об устранении правового пробела в"
                            " инструкции по ведению земельно-кадастровой книги, пункт 4")
    assert (chosen.completion_form, chosen.wording) == ("Письмо", "seed")


def test_loader_refuses_a_missing_measure_and_a_broken_reference(catalogue_copy):
    path = catalogue_copy / "recommended_measures.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"  - code: rm\.org\.hr\.01\n(    .*\n)+", "", text, count=1)
    text = text.replace("completion_form: form.letter", "completion_form: form.telegram", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(catalogue_copy)
    message = str(info.value)
    assert "recommended_measures.yaml: нет рекомендуемой меры для «org.hr.01»" in message
    assert "форма завершения «form.telegram» не описана в completion_forms" in message
