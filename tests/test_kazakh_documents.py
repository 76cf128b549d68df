"""The documents in Kazakh: the report, the plan and the list of positions of both bundled examples in Kazakh, with
the structure of the Russian ones, no Russian label left, Kazakh dates and terms, both versions with --lang ru+kk,
and the places without a Kazakh text counted and warned."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.office import libreoffice, libreoffice_convert
from vakr.cli import main
from vakr.documents import document_names, render_documents
from vakr.documents.tables import plan_rows
from vakr.documents.wording import in_language
from vakr.documents.wording.kazakh import KAZAKH
from vakr.documents.wording.russian import RUSSIAN
from vakr.evaluation.evaluate import Evaluation, evaluate
from vakr.evaluation.kazakh import kazakh_version
from vakr.formatting import kazakh_date
from vakr.methodology.kazakh import kazakh_catalogue
from vakr.organisation.load import load_organisation
from vakr.paths import examples_dir

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "templates"))
import build_templates  # noqa: E402

EXAMPLES = ("akimat-example", "quasi-example")
SPARSE = Path(__file__).parent / "data" / "sparse-land.yaml"
KAZAKH_LETTERS = "әғқңөұүһі"


@pytest.fixture(scope="module", params=EXAMPLES)
def example(request, catalogue) -> tuple[str, Evaluation, dict[str, bytes]]:
    org = load_organisation(examples_dir() / f"{request.param}.yaml", catalogue)
    evaluation = evaluate(org, catalogue)
    return request.param, evaluation, render_documents(evaluation, catalogue, langs=("ru", "kk"))


def _docx(data: bytes, tmp: Path, name: str) -> Document:
    path = tmp / name
    path.write_bytes(data)
    return Document(str(path))


def _texts(doc: Document) -> list[str]:
    """Every paragraph of the body, of its tables (nested too) and of the header, in order."""
    texts = [p.text for p in doc.paragraphs]

    def table_texts(table) -> None:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    table_texts(inner)

    for table in doc.tables:
        table_texts(table)
    return texts


def _xlsx_texts(data: bytes, tmp: Path, name: str) -> list[str]:
    path = tmp / name
    path.write_bytes(data)
    wb = load_workbook(path)
    return [ws.title for ws in wb] + [str(c.value) for ws in wb for row in ws.iter_rows() for c in row
                                      if c.value is not None]


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)}


def _wording_texts(w) -> list[str]:
    """The fixed text of a wording: its strings and what its phrases give for typical values."""
    import datetime as dt

    from vakr.organisation.model import Order, Person, Profile

    person = Person(name="Тестов Тест", position="Басшы")
    profile = Profile(name="«Х»", slug="x", type="akimat", region="р", head=person, order=Order(number="1", date=dt.date(
        2025, 9, 1)), authorised_person=person, working_group=[person], vakr_start=dt.date(2025, 10, 1),
        vakr_end=dt.date(2025, 11, 28), units=["Бөлім"])
    texts = [v for v in vars(w).values() if isinstance(v, str)]
    texts += [*w.npa_header, *w.sections_header, *w.levels_header, *w.suggestion_kinds.values()]
    texts += [w.found(0), w.found(3), w.opening("«Х»", 3, 1), w.npa_intro(8, 2), w.summary_found(3, 1),
              w.band_rule([("low", 1, 4)]), w.attachments(2, 3), w.level_detail("low", 2, 3, 6), w.period(profile),
              w.order(profile), w.years(profile), w.due_text(dt.date(2026, 3, 2), True), w.provisional_legend("2027"),
              w.no_unit_positions("Бөлім"), w.section_functions("Ф"), *w.plan_title("«Х»", "2025")]
    return texts


# Words the two languages share (loanwords of office Kazakh): not a sign of a Russian label left behind.
SHARED_WORDS = {"бизнес-процесс", "интернет-ресурс", "акт", "балл", "ф", "х", "р", "бөлім", "басшы", "low", "тест",
                "тестов"}


def _russian_only_words(catalogue) -> set[str]:
    """Words of the Russian documents' fixed text (wording, template text, the catalogue's titles the documents
    use) that the Kazakh fixed text does not use."""
    kk_catalogue = kazakh_catalogue(catalogue)

    def catalogue_texts(cat) -> list[str]:
        texts = [s.title for s in cat.report_sections] + list(cat.report.field_titles.values())
        texts += [cat.report.finding_heading.replace("{direction}", ""), cat.report.title]
        texts += [c.title for t in cat.tables for c in t.columns] + [t.title for t in cat.tables]
        texts += [b.title for b in cat.risk_matrix.bands] + [f.title for f in cat.completion_forms]
        texts += [g.title for g in cat.indicator_groups()]
        texts += [t.title for t in cat.function_types] + [cat.corruptogenic_functions.intro.text]
        return texts

    def template_texts(lang: str) -> list[str]:
        values = build_templates.TEXTS[lang]
        return [str(v) for value in values.values() for v in (value if isinstance(value, list) else [value])]

    russian = _words(" ".join(_wording_texts(RUSSIAN) + template_texts("ru") + catalogue_texts(catalogue)))
    kazakh = _words(" ".join(_wording_texts(KAZAKH) + template_texts("kk") + catalogue_texts(kk_catalogue)))
    # Words of one or two letters are initials and conjunctions both languages write («не», «и. о.»).
    return {w for w in russian - kazakh - SHARED_WORDS if len(w) > 2}


def test_every_catalogue_text_of_the_documents_has_its_kazakh_form_and_source(catalogue):
    items = [*catalogue.indicator_groups(), *(i for g in catalogue.indicator_groups() for i in g.indicators),
             *catalogue.report_sections, catalogue.report, *catalogue.tables, *catalogue.typical_measures,
             *catalogue.completion_forms, *catalogue.recommended_measures, *catalogue.function_types,
             *(z for t in catalogue.function_types for z in t.zones),
             *(f for t in catalogue.function_types for z in t.zones for f in z.functions), catalogue.risk_matrix]
    missing = [i.code for i in items if not i.title_kk or i.source_kk is None]
    assert missing == []
    assert all(c.title_kk for t in catalogue.tables for c in t.columns)
    assert all(b.title_kk for b in catalogue.risk_matrix.bands)
    assert all(t.definition_kk for t in catalogue.function_types)
    assert all(m.completion_form_kk for m in catalogue.typical_measures)
    assert set(catalogue.report.field_titles_kk) == set(catalogue.report.field_titles)
    # The published forms are marked as such; the rest is the project's translation.
    plan = next(t for t in catalogue.tables if t.code == "table.plan")
    assert plan.source_kk.doc == "kk_publications"
    assert [c.title_kk for c in plan.columns][2:] == ["Іс-шараның атауы", "Аяқтау нысаны", "Жауапты орындаушылар",
                                                      "Орындау мерзімі"]
    assert catalogue.report.title_kk == ("Сыбайлас жемқорлық тәуекелдеріне ішкі талдау нәтижелері бойынша "
                                         "талдамалық анықтама")
    assert catalogue.get("org.hr").source_kk.doc == "kk_translation"
    # An НПА measure keeps the place of the act, in the nominative (no case ending to add to a typed name).
    assert all(m.title_kk.count("{act}") == 1 for m in catalogue.recommended_measures if "{act" in m.title)


def test_the_kazakh_catalogue_puts_every_kazakh_text_in_place(catalogue):
    kk = kazakh_catalogue(catalogue)
    assert kk.get("org.hr").title == "Персоналды басқару" and catalogue.get("org.hr").title == "Управление персоналом"
    assert kk.report.finding_heading == catalogue.report.finding_heading_kk
    assert kk.risk_matrix.bands[-1].title == "Сыни"
    assert kk.completion_form_title("form.order") == "Бұйрық"
    assert kk.get("cf.fn.01").situation == catalogue.get("cf.fn.01").situation_kk
    assert kazakh_catalogue(catalogue) is kk  # made once per catalogue


def test_kazakh_dates_take_the_case_of_the_sentence():
    import datetime as dt

    assert kazakh_date(dt.date(2025, 9, 20), "attributive") == "2025 жылғы 20 қыркүйектегі"
    assert kazakh_date(dt.date(2025, 10, 1), "ablative") == "2025 жылғы 1 қазаннан"
    assert kazakh_date(dt.date(2025, 11, 28), "dative") == "2025 жылғы 28 қарашаға"
    assert kazakh_date(dt.date(2026, 4, 3), "attributive") == "2026 жылғы 3 сәуірдегі"
    assert kazakh_date(dt.date(2026, 8, 3), "ablative") == "2026 жылғы 3 тамыздан"
    assert KAZAKH.date(dt.date(2025, 12, 7)) == "2025 жылғы 7 желтоқсан"


def test_both_languages_are_written_with_names_that_say_which(example):
    _, _, files = example
    assert list(files) == list(document_names(("ru", "kk")))
    assert list(files) == ["report.docx", "plan.docx", "plan.xlsx", "positions.docx", "positions.xlsx",
                           "schedule.ics", "report.kk.docx", "plan.kk.docx", "plan.kk.xlsx", "positions.kk.docx",
                           "positions.kk.xlsx", "schedule.kk.ics"]


def test_no_russian_label_is_left_in_a_kazakh_document(example, catalogue, tmp_path):
    name, _, files = example
    forbidden = _russian_only_words(catalogue)
    assert {"аналитическая", "справка", "утверждаю", "согласовано", "рекомендации", "мероприятие", "итого",
            "уполномоченное", "подразделение"} <= forbidden  # the list is the templates' own labels
    for file in ("report.kk.docx", "plan.kk.docx", "positions.kk.docx", "plan.kk.xlsx", "positions.kk.xlsx"):
        if file.endswith(".docx"):
            doc = _docx(files[file], tmp_path, file)
            text = " ".join(_texts(doc))
            assert doc.core_properties.language == "kk-KZ"
        else:
            text = " ".join(_xlsx_texts(files[file], tmp_path, file))
        left = sorted(_words(text) & forbidden)
        assert left == [], f"{name}/{file}: русские слова в казахском документе: {left}"
        assert set(KAZAKH_LETTERS) - {"һ"} <= set(text.lower()), f"{name}/{file}"


def _outline(doc: Document) -> list[tuple[str, str]]:
    """The structure of a document: its headings (style and number) and, per table, its rows' numbers and shape."""
    shape = [(p.style.name, p.text.split(" ", 1)[0] if p.style.name == "Heading 2" else "")
             for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for table in doc.tables:
        for row in table.rows:
            first = row.cells[0].paragraphs[0]
            number = first.text if re.fullmatch(r"[\d.]*", first.text) else "текст"
            shape.append((first.style.name, f"{len(row.cells)}:{number}"))
    return shape


def test_the_kazakh_documents_have_the_structure_and_numbers_of_the_russian_ones(example, catalogue, tmp_path):
    name, evaluation, files = example
    for stem in ("report", "plan", "positions"):
        ru = _docx(files[f"{stem}.docx"], tmp_path, f"{stem}.docx")
        kk = _docx(files[f"{stem}.kk.docx"], tmp_path, f"{stem}.kk.docx")
        assert _outline(kk) == _outline(ru), f"{name}/{stem}"
        assert len(kk.tables) == len(ru.tables)
    ev_kk, _, _ = in_language(evaluation, catalogue, "kk")
    assert [r.number for r in plan_rows(ev_kk, KAZAKH)] == [r.number for r in plan_rows(evaluation)]
    assert [(r.rank, r.section, r.band, r.due, r.suggested) for r in ev_kk.risks] == \
        [(r.rank, r.section, r.band, r.due, r.suggested) for r in evaluation.risks]
    for stem in ("plan", "positions"):
        ru = load_workbook(_save(files[f"{stem}.xlsx"], tmp_path / f"{stem}.xlsx"))
        kk = load_workbook(_save(files[f"{stem}.kk.xlsx"], tmp_path / f"{stem}.kk.xlsx"))
        for ws_ru, ws_kk in zip(ru, kk, strict=True):
            # The tables from their header row down: the same rows, numbers and columns («УТВЕРЖДАЮ» above may
            # take a line more in Kazakh, where the organisation precedes the head's position).
            assert _table_column_a(ws_kk) == _table_column_a(ws_ru), f"{name}/{stem}/{ws_ru.title}"
            assert ws_kk.max_column == ws_ru.max_column


def _table_column_a(ws) -> list[str]:
    values = [str(c.value or "") for c in ws["A"]]
    head = next((i for i, v in enumerate(values) if v in ("№ п/п", "№", "Р/с №")), len(values))
    return [v if re.fullmatch(r"[\d.]*", v) else "текст" for v in values[head + 1:]]


def _save(data: bytes, path: Path) -> Path:
    path.write_bytes(data)
    return path


def test_the_kazakh_report_reads_as_published_documents_do(tmp_path, catalogue):
    org = load_organisation(examples_dir() / "akimat-example.yaml", catalogue)
    files = render_documents(evaluate(org, catalogue), catalogue, langs=("kk",))
    texts = _texts(_docx(files["report.kk.docx"], tmp_path, "report.kk.docx"))
    assert texts[0] == "\n".join([f"{org.profile.name_kk} қызметінде жүргізілген",
                                  "сыбайлас жемқорлық тәуекелдеріне ішкі талдау нәтижелері бойынша",
                                  "талдамалық анықтама"])
    assert "Кіріспе бөлімі" in texts and "Сипаттама бөлімі" in texts and "Қорытынды" in texts
    assert (f"{org.profile.name_kk} қызметінде сыбайлас жемқорлық тәуекелдеріне ішкі талдау (бұдан әрі – ішкі "
            "талдау) 2025 жылғы 19 қыркүйектегі № 148-ө бұйрық негізінде жүргізілді.") in texts
    assert "Ішкі талдау жүргізу мерзімі: 2025 жылғы 1 қазаннан бастап 2025 жылғы 28 қарашаға дейін." in texts
    assert f"{org.profile.name_kk} қызметінде ішкі талдау жүргізу барысында мынадай 15 сыбайлас жемқорлық тәуекелі " \
           "анықталды (нормативтік құқықтық актілерде – 3, ұйымдастырушылық-басқарушылық қызметте – 12)." in texts
    assert "1. Персоналды басқару, оның ішінде сыбайлас жемқорлық тәуекелдеріне бейім лауазымдарды айқындау" in texts
    assert texts.count("Ұсынымдар:") == 15
    # The authorised person's position keeps the capital of the place name it starts with.
    authorised = next(t for t in texts if t.startswith("Уәкілетті тұлға – "))
    assert authorised.startswith("Уәкілетті тұлға – Сарыарқа облысы")

    plan = _docx(files["plan.kk.docx"], tmp_path, "plan.kk.docx")
    plan_texts = [p.text for p in plan.paragraphs]
    assert plan_texts[0] == "БЕКІТЕМІН" and "КЕЛІСІЛДІ:" in plan_texts and "ІС-ШАРАЛАР ЖОСПАРЫ" in plan_texts
    # The head's position names the organisation: it is not repeated above it.
    assert plan_texts[1] == org.profile.head.position_kk and plan_texts[2].startswith("____________ Е.Қ.")
    header = [c.text for c in plan.tables[0].rows[0].cells]
    assert header == ["Р/с №", "Тәуекел индикаторы / сыбайлас жемқорлық тәуекелінің сипаттамасы", "Іс-шараның атауы",
                      "Аяқтау нысаны", "Жауапты орындаушылар", "Орындау мерзімі"]
    dues = [row.cells[5].text for row in plan.tables[0].rows[1:] if row.cells[5].text != row.cells[1].text]
    assert dues and all(re.fullmatch(r"20\d\d жылғы \d{1,2} [а-яәғқңөұүһі]+( ◊)?", d) for d in dues), dues


def test_a_suggested_measure_is_the_catalogues_kazakh_wording_with_the_act(tmp_path, catalogue):
    org = load_organisation(SPARSE, catalogue)
    evaluation = evaluate(org, catalogue)
    kk = kazakh_version(evaluation, catalogue).evaluation
    npa = next(r for r in kk.risks if r.direction == "npa" and r.measure_code)
    finding = org.findings[npa.finding]
    template = catalogue.get(npa.measure_code).title_kk
    assert npa.measure == template.replace("{act}", finding.act.rstrip(".;"))
    suggested_form = next(r for r in kk.risks if "completion_form" in r.suggested)
    assert suggested_form.completion_form in {f.title_kk for f in catalogue.completion_forms} | {
        m.completion_form_kk for m in catalogue.typical_measures}
    unnamed = next(r for r in kk.risks if "act" in r.suggested)
    assert unnamed.act == f"«{unnamed.group_title}» бизнес-процесі"


def test_places_without_a_kazakh_text_are_counted_and_keep_the_russian(catalogue, tmp_path):
    org = load_organisation(SPARSE, catalogue)
    evaluation = evaluate(org, catalogue)
    version = kazakh_version(evaluation, catalogue)
    # The sparse file has only the organisation's Kazakh name: 8 persons' positions, the 8 units with risks,
    # 8 positions × 3 texts, 6 acts typed (24 more risks are named by their area) and 30 descriptions.
    assert version.missing == {"person_position": 8, "unit": 8, "position": 24, "act": 6, "description": 30}
    assert version.missing_total == 76
    warning = version.warning()
    assert warning is not None and warning.code == "kazakh.missing" and warning.severity == "warning"
    assert "казахский текст не указан в 76 местах" in warning.message
    assert "описания рисков — 30" in warning.message and "наименования подразделений — 8" in warning.message
    assert version.evaluation.profile.name == org.profile.name_kk
    assert version.evaluation.risks[0].description == evaluation.risks[0].description  # Russian kept
    # A bundled example, fully translated, leaves nothing.
    akimat = load_organisation(examples_dir() / "akimat-example.yaml", catalogue)
    assert kazakh_version(evaluate(akimat, catalogue), catalogue).missing == {}


def test_vakr_report_lang_ru_kk_writes_both_and_warns(tmp_path, capsys):
    code = main(["report", str(SPARSE), "--out", str(tmp_path / "out"), "--lang", "ru+kk"])
    out = capsys.readouterr().out
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(document_names(("ru", "kk")))
    assert "Документы на казахском языке: казахский текст не указан в 76 местах" in out
    code = main(["report", str(SPARSE), "--out", str(tmp_path / "ru"), "--lang", "ru"])
    assert code == 0 and "казахском" not in capsys.readouterr().out
    assert sorted(p.name for p in (tmp_path / "ru").iterdir()) == sorted(document_names(("ru",)))
    # The Russian documents are the same whether or not the Kazakh ones are written beside them.
    for name in document_names(("ru",)):
        assert (tmp_path / "ru" / name).read_bytes() == (tmp_path / "out" / name).read_bytes(), name


def test_kazakh_documents_are_byte_identical_run_to_run(catalogue):
    org = load_organisation(examples_dir() / "quasi-example.yaml", catalogue)
    first = render_documents(evaluate(org, catalogue), catalogue, langs=("kk",))
    second = render_documents(evaluate(org, catalogue), catalogue, langs=("kk",))
    assert first == second


def test_kazakh_letters_survive_in_the_files(example, tmp_path):
    name, _, files = example
    for file in ("report.kk.docx", "plan.kk.docx", "positions.kk.docx"):
        with zipfile.ZipFile(_save(files[file], tmp_path / file)) as z:
            xml = z.read("word/document.xml").decode("utf-8")
            styles = z.read("word/styles.xml").decode("utf-8")
        assert {"қ", "ө", "ұ", "ү", "і", "ә", "ғ", "ң"} <= set(xml), f"{name}/{file}"
        assert 'w:val="kk-KZ"' in styles and 'w:val="ru-RU"' not in styles, f"{name}/{file}: язык проверки"


def test_kazakh_documents_convert_to_pdf_with_their_letters(tmp_path, catalogue):
    pypdf = pytest.importorskip("pypdf", reason="pypdf не установлен")
    soffice = libreoffice("writer")
    org = load_organisation(examples_dir() / "akimat-example.yaml", catalogue)
    files = render_documents(evaluate(org, catalogue), catalogue, langs=("kk",))
    sources = [_save(files[n], tmp_path / n) for n in ("report.kk.docx", "plan.kk.docx", "positions.kk.docx")]
    result = libreoffice_convert(soffice, sources, "pdf", tmp_path / "pdf")
    assert result.returncode == 0, result.stderr
    for source in sources:
        pdf = tmp_path / "pdf" / f"{source.stem}.pdf"
        text = " ".join(page.extract_text() for page in pypdf.PdfReader(str(pdf)).pages)
        assert set(KAZAKH_LETTERS) - {"һ"} <= set(text.lower()), source.name
    report = " ".join(p.extract_text() for p in pypdf.PdfReader(str(tmp_path / "pdf" / "report.kk.pdf")).pages)
    assert "Сипаттама бөлімі" in report


def test_vakr_run_writes_the_kazakh_documents_of_each_organisation(tmp_path):
    out = tmp_path / "out"
    code = main(["run", str(examples_dir() / "quasi-example.yaml"), str(SPARSE), "--out", str(out),
                 "--documents-only", "--quiet", "--lang", "kk"])
    assert code == 0
    folders = sorted(p for p in out.iterdir() if p.is_dir())
    for folder in folders:
        assert sorted(p.name for p in folder.iterdir()) == sorted([*document_names(("kk",)), "evaluation.json"])
    summary = (out / "summary.csv").read_text(encoding="utf-8-sig")
    assert "quasi-example" in summary or "Көкжиек" in summary


def test_kazakh_letters_survive_in_file_and_folder_names_and_the_calendar(tmp_path, capsys):
    folder = tmp_path / "Көкжиек ұйым"
    folder.mkdir()
    source = folder / "Көкжиек-әғқңөұүһі.yaml"
    source.write_bytes((examples_dir() / "quasi-example.yaml").read_bytes())
    out = folder / "құжаттар"
    assert main(["report", str(source), "--out", str(out), "--lang", "ru+kk"]) == 0
    assert "құжаттар" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == sorted(document_names(("ru", "kk")))
    assert "Көкжиек Сервис" in (out / "schedule.ics").read_bytes().decode("utf-8").replace("\r\n ", "")


def test_the_schedule_in_kazakh_names_events_and_working_days_in_kazakh(example):
    from icalendar import Calendar

    name, evaluation, files = example
    ru = Calendar.from_ical(files["schedule.ics"]).walk("VEVENT")
    kk = Calendar.from_ical(files["schedule.kk.ics"]).walk("VEVENT")
    assert [e.decoded("dtstart") for e in kk] == [e.decoded("dtstart") for e in ru]  # the same dates
    assert {str(e["uid"]) for e in kk}.isdisjoint({str(e["uid"]) for e in ru})  # both files import side by side
    first = kk[0]
    assert str(first["summary"]).startswith("Ішкі талдау: Сыбайлас жемқорлық тәуекелдеріне ішкі талдау")
    assert "жұмыс күні" in str(first["description"]) and "рабочих" not in str(first["description"])
    calendar_name = str(Calendar.from_ical(files["schedule.kk.ics"])["x-wr-calname"])
    assert calendar_name == f"Ішкі талдау: {evaluation.profile.name_kk}"


def test_the_analysts_measure_without_a_form_gets_the_kazakh_title_of_the_suggested_form(catalogue):
    org = load_organisation(SPARSE, catalogue)
    index = next(i for i, f in enumerate(org.findings) if not f.measure)
    findings = list(org.findings)
    findings[index] = findings[index].model_copy(update={"measure": "Утвердить порядок", "measure_kk": "Тәртіп бекіту"})
    evaluation = evaluate(org.model_copy(update={"findings": findings}), catalogue)
    risk = next(r for r in evaluation.risks if r.finding == index)
    assert "completion_form" in risk.suggested and risk.measure_code is None
    kk = next(r for r in kazakh_version(evaluation, catalogue).evaluation.risks if r.finding == index)
    assert kk.measure == "Тәртіп бекіту"
    titles = {f.title: f.title_kk for f in catalogue.completion_forms}
    titles |= {m.completion_form: m.completion_form_kk for m in catalogue.typical_measures}
    assert kk.completion_form == titles[risk.completion_form]
