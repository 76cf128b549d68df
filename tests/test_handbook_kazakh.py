"""The handbook page on the documents in Kazakh (handbook/kazakh.qmd): its place in the site, its generated tables
checked against the catalogue (every Kazakh text once, each with the right source) and the Kazakh terms of the
glossary."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from pydantic import BaseModel

from vakr.documents.wording.kazakh import PUBLISHED_TERMS
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.models import SourceRef
from vakr.paths import project_root
from vakr.site import handbook
from vakr.site.handbook.kazakh import KAZAKH_KINDS, NO_KAZAKH, PUBLISHED, TRANSLATION, kazakh_source, kazakh_texts

pypandoc = pytest.importorskip("pypandoc")

ROOT = project_root()
PAGE = ROOT / "handbook" / "kazakh.qmd"
GLOSSARY = ROOT / "handbook" / "glossary.qmd"


def rows(markdown: str) -> list[list[str]]:
    """The body rows of the pipe table in ``markdown``, cells unescaped."""
    lines = [line for line in markdown.splitlines() if line.startswith("|")]
    assert len(lines) >= 2 and re.fullmatch(r"\|(-{2,}[-:]\|)+", lines[1]), "нет заголовка pipe-таблицы"
    cells = [[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines[2:]]
    return [[re.sub(r"\\(.)", r"\1", c) for c in row] for row in cells]


def table(kind: str, catalogue: Catalogue) -> list[dict[str, str]]:
    """The rows of one kind as {«Что», «По-русски», «По-казахски», «Источник»}."""
    md = handbook.kazakh_texts_table(kind, catalogue)
    header = [c.strip() for c in md.splitlines()[0].split("|")[1:-1]]
    assert header == ["Что", "По-русски", "По-казахски", "Источник"]
    return [dict(zip(header, r)) for r in rows(md)]


def kazakh_texts_in(value: object) -> int:
    """How many Kazakh texts (``*_kk`` values, each entry of a ``*_kk`` mapping) a catalogue object holds."""
    if isinstance(value, list):
        return sum(kazakh_texts_in(v) for v in value)
    if not isinstance(value, BaseModel) or isinstance(value, SourceRef):
        return 0
    count = 0
    for name in type(value).model_fields:
        field = getattr(value, name)
        if name.endswith("_kk") and name != "source_kk":
            count += len(field) if isinstance(field, dict) else int(bool(field))
        else:
            count += kazakh_texts_in(field)
    return count


def pandoc_blocks(markdown: str) -> list[dict]:
    out = pypandoc.convert_text(markdown, "json", format="markdown", extra_args=["--fail-if-warnings"])
    return json.loads(out)["blocks"]


# --- the page in the site ------------------------------------------------------------------------------------------


def test_page_is_rendered_and_in_the_sidebar_next_to_the_results():
    config = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    render = config["project"]["render"]
    assert "handbook/kazakh.qmd" in render
    assert abs(render.index("handbook/kazakh.qmd") - render.index("handbook/results.qmd")) <= 5
    results = next(item for item in config["website"]["sidebar"]["contents"][2]["contents"]
                   if isinstance(item, dict) and item.get("href") == "handbook/results.qmd")
    assert "handbook/kazakh.qmd" in results["contents"]


def test_page_calls_every_kind_once_and_has_the_assumption():
    text = PAGE.read_text(encoding="utf-8")
    calls = re.findall(r'handbook\.kazakh_texts_table\("(\w+)"\)', text)
    assert calls == list(KAZAKH_KINDS)
    assert "handbook.published_terms_table()" in text and "handbook.kazakh_texts_summary()" in text
    assert '::: {.callout-note title="Допущение проекта"}' in text
    for name in ("report.kk.docx", "plan.kk.docx", "plan.kk.xlsx", "positions.kk.docx", "positions.kk.xlsx",
                 "schedule.ics", "--lang kk", "--lang ru+kk", "vakr run"):
        assert name in text, name


def test_results_and_procedure_link_the_page():
    for page in ("results.qmd", "procedure.qmd"):
        assert "](kazakh.qmd)" in (ROOT / "handbook" / page).read_text(encoding="utf-8"), page


# --- the catalogue's Kazakh texts ------------------------------------------------------------------------------------


def test_every_kazakh_text_of_the_catalogue_is_listed_once(catalogue):
    df = kazakh_texts(catalogue)
    assert list(df["Вид"].unique()) == list(KAZAKH_KINDS.values())
    assert len(df) == kazakh_texts_in(catalogue)
    assert (df["Источник"] != NO_KAZAKH).all()  # the bundled catalogue has a Kazakh text for each
    assert set(df["Источник"]) == {PUBLISHED, TRANSLATION}


def test_row_counts_follow_the_catalogue(catalogue):
    cf = catalogue.corruptogenic_functions
    report = catalogue.report
    expected = {
        "report": 1 + len(report.intro_fields) + len(report.field_titles) + 1 + len(report.sections),
        "groups": len(catalogue.npa_factors) + len(catalogue.org_areas),
        "indicators": sum(len(g.indicators) for g in catalogue.indicator_groups()),
        "typical_measures": 2 * len(catalogue.typical_measures),
        "recommended_measures": len(catalogue.recommended_measures),
        "completion_forms": len(catalogue.completion_forms),
        "functions": 1 + sum(2 + sum(1 + 2 * len(z.functions) for z in t.zones) for t in cf.types),
        "tables": sum(1 + len(t.columns) for t in catalogue.tables),
        "risk_levels": 1 + len(catalogue.risk_matrix.likelihood) + len(catalogue.risk_matrix.impact)
                       + len(catalogue.risk_matrix.bands),
        "schedule": 2 * len(catalogue.event_subtasks()),  # each stage and its deadline rule
    }
    assert {kind: len(table(kind, catalogue)) for kind in KAZAKH_KINDS} == expected
    assert expected["recommended_measures"] == 97 and expected["groups"] == 20


def test_each_row_carries_its_source(catalogue):
    plan = {r["По-казахски"]: r for r in table("tables", catalogue) if r["Что"].startswith("План мероприятий")}
    for column in ("Р/с №", "Іс-шараның атауы", "Аяқтау нысаны", "Жауапты орындаушылар", "Орындау мерзімі"):
        assert plan[column]["Источник"] == PUBLISHED, column
    assert plan["Тәуекел индикаторы / сыбайлас жемқорлық тәуекелінің сипаттамасы"]["Источник"] == TRANSLATION
    title = next(r for r in plan.values() if r["Что"] == "План мероприятий: заголовок")
    assert title["Источник"] == PUBLISHED and title["По-казахски"].endswith("іс-шаралар жоспары")
    # the list of positions is the project's translation, even its «Р/с №»
    positions = [r for r in table("tables", catalogue) if r["Что"].startswith("Перечень должностей")]
    assert {r["Источник"] for r in positions} == {TRANSLATION}

    groups = {r["По-русски"]: r for r in table("groups", catalogue)}
    assert groups["Управление персоналом"]["По-казахски"] == "Персоналды басқару"
    assert groups["Управление персоналом"]["Источник"] == TRANSLATION
    assert groups["Управление персоналом"]["Что"] == "Сфера 1"
    assert groups["Правовой пробел"]["Что"] == "Фактор 1"

    report = table("report", catalogue)
    assert report[0]["Источник"] == PUBLISHED  # the report's title; its field titles are the project's translation
    assert {r["Источник"] for r in report[1:]} == {TRANSLATION}
    forms = {r["По-русски"]: r["Источник"] for r in table("completion_forms", catalogue)}
    assert forms["Приказ"] == PUBLISHED and forms["Письмо"] == TRANSLATION


def test_source_rule_reads_the_quoted_texts():
    published = SourceRef(doc="kk_publications", at="«…іс-шаралар жоспары» — заголовок; графа «Р/с №»; графа «Тәуекел"
                                                    " индикаторы / …» — перевод проекта")
    assert kazakh_source(published, "Бірдеңе іс-шаралар жоспары") == PUBLISHED
    assert kazakh_source(published, "Р/с №") == PUBLISHED
    assert kazakh_source(published, "Тәуекел индикаторы / сипаттамасы") == TRANSLATION
    assert kazakh_source(published, "Басқа мәтін") == TRANSLATION
    assert kazakh_source(SourceRef(doc="kk_publications", at="заголовки справок"), "Кез келген") == PUBLISHED
    assert kazakh_source(SourceRef(doc="kk_translation", at="Перевод проекта"), "Р/с №") == TRANSLATION
    assert kazakh_source(None, "Р/с №") == TRANSLATION


def test_slots_are_named_for_the_reader(catalogue):
    measures = table("recommended_measures", catalogue)
    with_act = [r for r in measures if "[акт и пункт из описания риска]" in r["По-русски"]]
    assert with_act and all("[акт и пункт из описания риска]" in r["По-казахски"] for r in with_act)
    assert all("{" not in r["По-русски"] + r["По-казахски"] for r in measures)
    assert measures[0]["Что"] == "Правовой пробел в целом"
    assert any(r["Что"] == "Управление персоналом, индикатор 2" for r in measures)


def test_summary_adds_up(catalogue):
    body = rows(handbook.kazakh_texts_summary(catalogue))
    assert [r[0] for r in body] == [*KAZAKH_KINDS.values(), "Всего"]
    total = body[-1]
    assert int(total[1]) == kazakh_texts_in(catalogue) == int(total[2]) + int(total[3])
    assert int(total[2]) == 8  # the report's and the plan's titles, five columns of the plan, «Бұйрық»


def test_published_terms_table_lists_every_term():
    body = rows(handbook.published_terms_table())
    assert len(body) == len(PUBLISHED_TERMS)
    assert [r[0] for r in body] == [russian for russian, _ in PUBLISHED_TERMS]
    plan = next(r for r in body if r[0].startswith("План по устранению"))
    assert plan[1].startswith("анықталған") and "окончание" in plan[2]
    assert ["Уполномоченный по этике", "Әдеп жөніндегі уәкіл", ""] in body


def test_the_pages_generated_markdown_reads_cleanly():
    """Each cell of the page, run as Quarto runs it, gives one table that pandoc reads without warnings."""
    calls = re.findall(r"^Markdown\((handbook\.\w+\([^()]*\))\)$", PAGE.read_text(encoding="utf-8"), re.M)
    assert len(calls) == len(KAZAKH_KINDS) + 2
    for call in calls:
        md = eval(call, {"handbook": handbook})  # noqa: S307 - the page's own call
        blocks = pandoc_blocks(md)
        assert [b["t"] for b in blocks] == ["Table"], call
        assert "…" not in md and "..." not in md, call  # the handbook's placeholder check


def test_unknown_kind_is_refused():
    with pytest.raises(KeyError, match="report"):
        handbook.kazakh_texts_table("nothing")


# --- the glossary ----------------------------------------------------------------------------------------------------


def glossary_terms() -> dict[str, str]:
    """Russian term → Kazakh term (empty when the term has none): the term lines of the glossary's definition list
    («ВАКР — [Сыбайлас жемқорлық тәуекелдеріне ішкі талдау]{lang="kk"}»)."""
    lines = GLOSSARY.read_text(encoding="utf-8").splitlines()
    terms: dict[str, str] = {}
    for line, following in zip(lines, lines[1:]):
        if not following.startswith(": "):
            continue
        match = re.fullmatch(r'(?P<russian>.+?) — \[(?P<kazakh>[^\]]+)\]\{lang="kk"\}', line)
        terms[match["russian"] if match else line] = match["kazakh"] if match else ""
    return terms


def test_glossary_gives_the_kazakh_terms():
    terms = glossary_terms()
    assert terms["ВАКР"] == "Сыбайлас жемқорлық тәуекелдеріне ішкі талдау"
    assert terms["НПА"] == "Нормативтік құқықтық акт (НҚА)"
    assert terms["Уполномоченный по этике"] == "Әдеп жөніндегі уәкіл"
    assert terms["Аналитическая справка"] == "Талдамалық анықтама"
    missing = [russian for russian, kazakh in terms.items() if not kazakh and russian != "ISO 37001"]
    assert missing == []
    published = dict(PUBLISHED_TERMS)
    assert terms["Уполномоченный по этике"] == published["Уполномоченный по этике"]
    assert terms["Рабочая группа"] == published["Рабочая группа"]


def test_glossary_points_to_the_page():
    text = GLOSSARY.read_text(encoding="utf-8")
    assert "](kazakh.qmd#sec-kazakh-texts)" in text
    assert re.search(r'^ВАКР — \[[^\]]+\]\{lang="kk"\}$', text, re.M)
