"""`vakr scan`: the printed summary and JSON, the act with Word comments and the table of candidates (--out), the
candidates as drafts in an organisation's workbook (--into), errors and exit codes."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.shared import Pt
from lxml import etree

from vakr.cli import main
from vakr.io_files import lock_files
from vakr.organisation.excel.workbook import create_workbook
from vakr.organisation.load import load_organisation_with_warnings, read_organisation
from vakr.paths import examples_dir
from vakr.scan.into import SHEET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TITLE = "Правила оказания государственной услуги «Выдача справки об отсутствии задолженности»"
# The act's paragraphs; a list is a paragraph of several runs (text, bold, italic), so a flagged phrase may lie
# across runs of different formatting.
PARAGRAPHS: list[str | list[tuple[str, bool, bool]]] = [
    TITLE,
    "Глава 1. Общие положения",
    "1. Настоящие Правила определяют порядок оказания государственной услуги «Выдача справки об отсутствии"
    " задолженности» (далее – государственная услуга).",
    "2. Государственная услуга оказывается государственным учреждением «Центр обслуживания населения» (далее –"
    " услугодатель).",
    "Глава 2. Порядок оказания государственной услуги",
    "3. Для получения государственной услуги заявитель представляет услугодателю заявление, документ,"
    " удостоверяющий личность, и иные документы.",
    [("4. ", False, False), ("Услугодатель ", True, False), ("впр", True, False), ("аве отказать", False, True),
     (" в приёме заявления.", False, False)],
    "5. Услугодатель при необходимости запрашивает у заявителя дополнительные сведения.",
    "6. Справка выдаётся заявителю в разумный срок.",
    "7. Срок оказания государственной услуги составляет пять рабочих дней со дня регистрации заявления.",
    "8. Услугодатель регистрирует заявление в день его поступления.",
    "Глава 3. Обжалование решений",
    "9. Жалоба на решение услугодателя рассматривается в течение пяти рабочих дней со дня её регистрации.",
    "10. Сведения об оказании государственной услуги размещаются на интернет-ресурсе услугодателя.",
]


def build_act(path: Path) -> Path:
    """The fictional act as a DOCX: a title, chapters, ten points, a table in the middle (not a body paragraph)."""
    document = docx.Document()
    for n, item in enumerate(PARAGRAPHS):
        if n == 0:
            document.add_paragraph(item, style="Title")  # type: ignore[arg-type]
            continue
        if isinstance(item, str):
            document.add_paragraph(item)
        else:
            paragraph = document.add_paragraph()
            for text, bold, italic in item:
                run = paragraph.add_run(text)
                run.bold, run.italic = bold or None, italic or None
                run.font.size = Pt(14) if bold else None
        if n == 4:
            table = document.add_table(rows=1, cols=2)
            table.cell(0, 0).text, table.cell(0, 1).text = "вправе", "при необходимости"  # not scanned
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def text_of(item: str | list[tuple[str, bool, bool]]) -> str:
    return item if isinstance(item, str) else "".join(t for t, _, _ in item)


@pytest.fixture
def act(tmp_path: Path) -> Path:
    return build_act(tmp_path / "acts" / "pravila.docx")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the printed summary and JSON --------------------------------------------------------------------------


EXPECTED = [
    f"Акт: {TITLE} (pravila.docx); абзацев: 14.",
    "Кандидатов: 8 — сильных признаков: 5, возможных: 3.",
    "  Правовой пробел: 2 (сильных признаков: 1, возможных: 1)",
    "  Юридико-лингвистическая неопределённость: 3 (сильных признаков: 2, возможных: 1)",
    "  Широта дискреционных полномочий: 2 (сильных признаков: 1, возможных: 1)",
    "  Завышенные требования к лицу, предъявляемые для реализации принадлежащего ему права: 1 (сильных признаков: 1,"
    " возможных: 0)",
    "Кандидаты:",
    "  1. Глава 2, пункт 3: «и иные документы» — Юридико-лингвистическая неопределённость (сильный признак)",
    "  2. Глава 2, пункт 4: «вправе» — Широта дискреционных полномочий (сильный признак)",
    "  3. Глава 2, пункт 4: «отказать» — Правовой пробел (возможный)",
    "  4. Глава 2, пункт 5: «при необходимости» — Широта дискреционных полномочий (возможный)",
    "  5. Глава 2, пункт 5: «при необходимости» — Юридико-лингвистическая неопределённость (возможный)",
    "  6. Глава 2, пункт 5: «запрашивает у заявителя дополнительные сведения» — Завышенные требования к лицу,"
    " предъявляемые для реализации принадлежащего ему права (сильный признак)",
    "  7. Глава 2, пункт 6: «в разумный срок» — Правовой пробел (сильный признак)",
    "  8. Глава 2, пункт 6: «в разумный срок» — Юридико-лингвистическая неопределённость (сильный признак)",
    "Это кандидаты для проверки рабочей группой, а не выводы: фактор подтверждает рабочая группа.",
]
# The phrases of the act the scan must flag (the rest of EXPECTED follows the rules' data).
FLAGGED = {(5, "и иные документы"), (6, "вправе"), (7, "при необходимости"), (8, "в разумный срок")}
CLEAN = (2, 3, 9, 10, 12, 13)  # points without any marker


def scan_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    code, out, _ = run(capsys, "scan", *argv, "--json")
    assert code == 0
    return json.loads(out)


def test_summary_is_printed_for_the_act(act, capsys):
    code, out, err = run(capsys, "scan", str(act))
    assert code == 0 and err == ""
    assert out.splitlines() == EXPECTED


def test_json_lists_every_candidate_with_its_fields(act, capsys):
    data = scan_json(capsys, str(act))
    assert data["ok"] is True and len(data["acts"]) == 1
    entry = data["acts"][0]
    assert (entry["act"], entry["title"], entry["paragraphs"]) == ("pravila.docx", TITLE, 14)
    fields = {"act", "paragraph", "point", "quote", "start", "end", "factor", "indicator", "rule", "strength", "why",
              "fix"}
    found = set()
    for c in entry["candidates"]:
        assert set(c) == fields
        assert c["act"] == "pravila.docx" and c["strength"] in ("strong", "possible") and c["why"] and c["fix"]
        assert text_of(PARAGRAPHS[c["paragraph"]])[c["start"]:c["end"]] == c["quote"]
        assert c["factor"].startswith("npa.") and (c["indicator"] is None or c["indicator"].startswith(c["factor"]))
        found.add((c["paragraph"], c["quote"]))
    assert FLAGGED <= found
    assert not {p for p, _ in found} & set(CLEAN)
    order = [(c["paragraph"], c["start"]) for c in entry["candidates"]]
    assert order == sorted(order)


# --- --out: the act with comments, the table --------------------------------------------------------------------


def comments_of(path: Path) -> tuple[dict[str, str], dict[str, tuple[int, str]], dict[str, str]]:
    """The commented DOCX: comment id → its text; comment id → (body paragraph, the text its range covers);
    comment id → author."""
    with zipfile.ZipFile(path) as archive:
        comments = etree.fromstring(archive.read("word/comments.xml"))
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
    texts = {c.get(f"{W}id"): "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in c.iter(f"{W}p"))
             for c in comments.iter(f"{W}comment")}
    authors = {c.get(f"{W}id"): c.get(f"{W}author") for c in comments.iter(f"{W}comment")}
    ranges: dict[str, tuple[int, str]] = {}
    for n, p in enumerate(body.findall(f"{W}p")):
        open_ids: set[str] = set()
        covered: dict[str, str] = {}
        for el in p.iter():
            if el.tag == f"{W}commentRangeStart":
                open_ids.add(el.get(f"{W}id"))
                covered[el.get(f"{W}id")] = ""
            elif el.tag == f"{W}commentRangeEnd":
                open_ids.discard(el.get(f"{W}id"))
            elif el.tag == f"{W}t":
                for i in open_ids:
                    covered[i] += el.text or ""
        ranges.update({i: (n, text) for i, text in covered.items()})
    return texts, ranges, authors


def test_out_writes_the_act_with_a_comment_on_each_flagged_phrase(act, tmp_path, capsys):
    data = scan_json(capsys, str(act), "--out", str(tmp_path / "out"))
    candidates = data["acts"][0]["candidates"]
    target = tmp_path / "out" / "pravila.comments.docx"
    assert data["acts"][0]["files"] == [str(target), str(tmp_path / "out" / "pravila.candidates.xlsx")]
    texts, ranges, authors = comments_of(target)
    assert len(texts) == len(candidates) and set(authors.values()) == {"vakr"}
    # Exactly the flagged phrases carry comments, each with the factor, the strength, why and how to fix.
    assert sorted(ranges.values()) == sorted((c["paragraph"], c["quote"]) for c in candidates)
    by_place = {ranges[i]: texts[i] for i in texts}
    discretion = by_place[(6, "вправе")].split("\n")
    right = next(c for c in candidates if c["quote"] == "вправе")
    assert discretion[0] == "Широта дискреционных полномочий — сильный признак"
    assert f"Почему: {right['why']}" in discretion and f"Как исправить: {right['fix']}" in discretion
    assert by_place[(7, "при необходимости")].startswith("Юридико-лингвистическая неопределённость — возможный")
    # The text of the act is unchanged, the phrase split off in runs keeping their formatting.
    copy = docx.Document(str(target))
    assert [p.text for p in copy.paragraphs] == [text_of(p) for p in PARAGRAPHS]
    runs = [(r.text, r.bold, r.italic, r.font.size) for r in copy.paragraphs[6].runs if r.text]
    assert runs == [("4. ", None, None, None), ("Услугодатель ", True, None, Pt(14)), ("впр", True, None, Pt(14)),
                    ("аве", None, True, None), (" ", None, True, None), ("отказать", None, True, None),
                    (" в приёме заявления.", None, None, None)]
    assert copy.tables[0].cell(0, 0).text == "вправе"  # tables are not scanned, nor commented


def test_out_writes_the_table_of_candidates(act, tmp_path, capsys):
    data = scan_json(capsys, str(act), "--out", str(tmp_path / "out"))
    candidates = data["acts"][0]["candidates"]
    ws = openpyxl.load_workbook(tmp_path / "out" / "pravila.candidates.xlsx").active
    assert [c.value for c in ws[1]] == ["№", "Пункт", "Цитата", "Фактор", "Индикатор", "Признак", "Почему",
                                        "Как исправить", "Принять в чек-лист"]
    assert ws.max_row == len(candidates) + 1
    first = [c.value for c in ws[3]]
    right = candidates[1]
    assert first == [2, "Глава 2, пункт 4", "вправе", "Широта дискреционных полномочий",
                     "1. " + first[4].split(". ", 1)[1], "сильный признак", right["why"], right["fix"], None]
    assert right["indicator"] == "npa.discretion.1" and first[4].startswith("1. ")
    assert [ws.cell(r, 6).value for r in range(2, ws.max_row + 1)] == [
        "сильный признак" if c["strength"] == "strong" else "возможный" for c in candidates]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:I{len(candidates) + 1}"
    assert ws.cell(2, 7).alignment.wrap_text and ws.column_dimensions["G"].width == 46
    assert [str(dv.sqref) for dv in ws.data_validations.dataValidation] == [f"I2:I{len(candidates) + 1}"]


def test_outputs_are_deterministic(act, tmp_path, capsys):
    for folder in ("one", "two"):
        assert run(capsys, "scan", str(act), "--out", str(tmp_path / folder))[0] == 0
    for name in ("pravila.comments.docx", "pravila.candidates.xlsx"):
        assert sha(tmp_path / "one" / name) == sha(tmp_path / "two" / name)


def test_a_text_act_becomes_a_commented_document(tmp_path, capsys):
    source = tmp_path / "pravila.txt"
    source.write_text("\n".join(text_of(p) for p in PARAGRAPHS) + "\n", encoding="utf-8")
    data = scan_json(capsys, str(source), "--out", str(tmp_path / "out"))
    candidates = data["acts"][0]["candidates"]
    assert {(c["paragraph"], c["quote"]) for c in candidates} >= FLAGGED
    target = tmp_path / "out" / "pravila.comments.docx"
    document = docx.Document(str(target))
    assert [p.text for p in document.paragraphs] == [text_of(p) for p in PARAGRAPHS]  # points as written
    _, ranges, authors = comments_of(target)
    assert sorted(ranges.values()) == sorted((c["paragraph"], c["quote"]) for c in candidates)
    assert set(authors.values()) == {"vakr"}


# --- --into: drafts in the organisation's workbook ------------------------------------------------------------


def answered_book(tmp_path: Path, catalogue) -> Path:
    """A workbook from `vakr new` with a few checklist answers."""
    path = create_workbook("ГУ «Центр обслуживания населения»", tmp_path / "org", catalogue)
    wb = openpyxl.load_workbook(path)
    ws = wb["Чек-лист"]
    for row, answer in ((2, "Отсутствует"), (3, "Не применимо"), (4, "Присутствует")):
        ws.cell(row, 6).value = answer
    wb.save(path)
    return path


def checklist(path: Path) -> list[tuple]:
    return list(openpyxl.load_workbook(path)["Чек-лист"].iter_rows(values_only=True))


def test_into_appends_drafts_once_and_leaves_the_checklist(act, tmp_path, capsys, catalogue):
    book = answered_book(tmp_path, catalogue)
    before, answers = checklist(book), sha(book)
    with pytest.raises(Exception) as problems_before:
        read_organisation(book, catalogue)
    code, out, err = run(capsys, "scan", str(act), "--into", str(book))
    assert code == 0 and err == ""
    assert f"\nКнига {book}: на лист «Кандидаты НПА» добавлено кандидатов: 8.\n" in out
    assert "В книге есть незаполненные или ошибочные поля (11); проверьте её: vakr validate" in out
    assert sha(book) != answers
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[:7] == ["Инструкция", "Профиль", "Чек-лист", "Риски", "Должности", SHEET, "Списки"]
    rows = list(wb[SHEET].iter_rows(values_only=True))
    assert rows[0] == ("№", "Код индикатора", "НПА/документ и пункт", "Описание риска", "Фактор", "Индикатор",
                       "Признак", "Как исправить", "Принять", "Файл акта", "Пункт", "Цитата", "Правило")
    assert len(rows) == 9
    number, code_, where, description, factor, _, strength, fix, accept, file, point, quote, rule = rows[2]
    assert (number, code_, where, factor, strength, accept, file, point, quote) == (
        2, "npa.discretion.1", f"{TITLE}, Глава 2, пункт 4", "Широта дискреционных полномочий", "сильный признак",
        None, "pravila.docx", "Глава 2, пункт 4", "вправе")
    assert description.startswith("Кандидат — проверьте: «вправе» — «Вправе»") and rule == "discretion.vprave"
    assert rows[1][1] == "npa.linguistic_uncertainty"  # no indicator named by the rule: the factor's code
    after = checklist(book)
    assert after == before  # no answer set, none changed
    assert [row[5] for row in after[1:5]] == ["Отсутствует", "Не применимо", "Присутствует", None]
    with pytest.raises(Exception) as problems_after:
        read_organisation(book, catalogue)
    assert str(problems_after.value) == str(problems_before.value)  # the reader ignores the drafts' sheet
    # Twice: nothing added, the book not even rewritten.
    written = sha(book)
    code, out, _ = run(capsys, "scan", str(act), "--into", str(book))
    assert code == 0 and "добавлено кандидатов: 0 (уже были на листе: 8). Книга не изменена." in out
    assert sha(book) == written


def test_into_keeps_a_filled_book_valid(act, tmp_path, capsys, catalogue):
    book = tmp_path / "akimat-example.xlsx"
    shutil.copy(examples_dir() / "akimat-example.xlsx", book)
    org_before, _ = load_organisation_with_warnings(book, catalogue)
    assert run(capsys, "scan", str(act), "--into", str(book))[0] == 0
    org_after, _ = load_organisation_with_warnings(book, catalogue)
    assert org_after.model_dump() == org_before.model_dump()
    # The analyst's marks stay; a new act adds its candidates below them.
    wb = openpyxl.load_workbook(book)
    wb[SHEET].cell(2, 9).value = "да"
    wb.save(book)
    other = build_act(tmp_path / "other" / "reglament.docx")
    assert run(capsys, "scan", str(act), str(other), "--into", str(book))[0] == 0
    rows = list(openpyxl.load_workbook(book)[SHEET].iter_rows(values_only=True))[1:]
    assert len(rows) == 16 and rows[0][8] == "да" and [r[0] for r in rows] == list(range(1, 17))
    assert {r[9] for r in rows[8:]} == {"reglament.docx"}


def test_into_refuses_an_open_or_unreadable_book(act, tmp_path, capsys, catalogue):
    book = answered_book(tmp_path, catalogue)
    before = sha(book)
    lock = lock_files(book)[0]
    lock.write_bytes(b"owner")
    code, out, err = run(capsys, "scan", str(act), "--into", str(book))
    assert code == 2 and out == ""
    assert "книга открыта в Excel или LibreOffice (рядом есть файл ~$" in err and book.name in err
    lock.unlink()
    assert sha(book) == before
    broken = tmp_path / "broken.xlsx"
    broken.write_text("не книга", encoding="utf-8")
    code, out, err = run(capsys, "scan", str(act), "--into", str(broken))
    assert code == 2 and "broken.xlsx" in err and "не является книгой Excel" in err
    assert broken.read_text(encoding="utf-8") == "не книга"


# --- errors ---------------------------------------------------------------------------------------------------


def test_a_bad_act_among_good_ones_does_not_stop_them(act, tmp_path, capsys):
    bad = tmp_path / "acts" / "povrezhden.docx"
    bad.write_bytes(b"PK\x03\x04 not a document")
    code, out, err = run(capsys, "scan", str(bad), str(act), "--out", str(tmp_path / "out"))
    assert code == 1
    assert "povrezhden.docx" in err and err.startswith("✗ ") and "Traceback" not in err
    assert out.splitlines()[:2] == EXPECTED[:2]
    assert "Актов: 2; проверено: 1; с ошибками: 1; кандидатов: 8." in out
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["pravila.candidates.xlsx",
                                                                    "pravila.comments.docx"]


def test_a_missing_act_is_named_in_russian(tmp_path, capsys):
    missing = tmp_path / "net-takogo.docx"
    code, out, err = run(capsys, "scan", str(missing))
    assert code == 2 and out == ""
    assert err == f"✗ {missing}: файл не найден\n"
    code, out, err = run(capsys, "scan", str(missing), "--json")
    data = json.loads(out)
    assert code == 2 and data["ok"] is False and data["exit_code"] == 2 and data["acts"] == []
    assert data["problems"][0]["message"] == "файл не найден" and data["problems"][0]["place"]["file"] == str(missing)


def test_bad_out_folder_is_refused_before_any_work(act, tmp_path, capsys):
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    code, out, err = run(capsys, "scan", str(act), "--out", str(target))
    assert code == 2 and out == "" and "файл, а не папка" in err
    code, out, err = run(capsys, "scan", str(act), "--out", str(tmp_path / "x"), "--json")
    assert code == 0 and json.loads(out)["ok"] is True and "Записаны:" in err
    twin = build_act(tmp_path / "other" / "pravila.docx")
    code, out, err = run(capsys, "scan", str(act), str(twin), "--out", str(tmp_path / "y"))
    assert code == 2 and "одно имя «pravila»" in err and not (tmp_path / "y").exists()
    assert re.search(r"Ошибка: --out", err)


def test_the_commented_act_opens_in_libreoffice_with_its_comments(act, tmp_path, capsys):
    from office import libreoffice, libreoffice_convert  # tests/office.py

    soffice = libreoffice("writer")
    data = scan_json(capsys, str(act), "--out", str(tmp_path / "out"))
    result = libreoffice_convert(soffice, [tmp_path / "out" / "pravila.comments.docx"], "odt", tmp_path / "odt")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "odt" / "pravila.comments.odt") as archive:
        content = archive.read("content.xml").decode("utf-8")
    assert len(re.findall(r"<office:annotation[ >]", content)) == len(data["acts"][0]["candidates"])
    assert "<dc:creator>vakr</dc:creator>" in content
