"""Issue 13, point 5 — a corpus of broken and hostile inputs across every command.

«Bad input gets a clear message in Russian naming the file, sheet, row and field, and a non-zero exit — never a
traceback, never a hang, never a half-written output, never lost work. One broken organisation in a batch must not
stop the others.»

Every case of :data:`CASES` is one row: how its input is built (in ``tmp_path``, at test time), the command line, the
expected exit code and the fragments the message must contain. :func:`test_hostile_input` then checks, for every row:

(a) the exit code;
(b) the message is Russian and starts with «Ошибка:» (a batch: «✗»; argparse usage errors: their own Russian
    form), and contains the fragments — the file and the place: sheet/row/column for Excel, ``path (строка N)``
    for YAML, the option for command-line values;
(c) no «Traceback» and no raw Python exception class names (``KeyError``, ``BadZipFile``, ``UserWarning``, …) in
    stdout or stderr; nothing on stdout when a command fails with exit code 2 or 3 (half a JSON is worse than none);
(d)+(e) the working folder is the same before and after, file by file and byte by byte (inputs unchanged, no
    ``--out`` folder that did not exist, a previous complete set of documents untouched, no temporary files left),
    apart from the paths a case expects to be written.

and, where a case says so, the time it took («never a hang»), that `VAKR_HOME` is unchanged by a failed command, and
that batch folders are complete, with ordinary permissions.

Cases that could hang or crash the interpreter (YAML bombs, deep nesting, huge files, zip bombs, named pipes,
/dev/zero) run the CLI in a subprocess (``python -m vakr.cli``, its own session, killed at the time limit, 4 GB of
address space); the rest call :func:`vakr.cli.main` in-process, which is much faster.
Text that must come through ``vakr report`` literally (formula- and markup-looking text, Kazakh letters, a 316-letter
bilingual name), Ctrl-C in a batch and a read-only folder have their own tests at the end.
"""

from __future__ import annotations

import csv
import datetime as dt
import fnmatch
import hashlib
import json
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
import traceback
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import hostile_inputs as H  # tests/hostile_inputs.py
import openpyxl
import pytest
import yaml

from vakr.cli import main
from vakr.documents import write_documents
from vakr.documents.texts import name_in_genitive
from vakr.evaluation.evaluate import evaluate
from vakr.methodology.loader import load_catalogue
from vakr.methodology.overlay.template import write_template
from vakr.organisation.excel.workbook import create_workbook
from vakr.organisation.load import load_organisation

# A message must not show these: a traceback, Python's exception and warning class names, raw OSError text.
RAW_PYTHON = re.compile(
    r"Traceback|\b[A-Za-z_]*(?:Error|Exception|Warning)\b|BadZipFile|KeyboardInterrupt|\[Errno |File \"")
CYRILLIC = re.compile(r"[А-Яа-яЁё]{3}")
SUBPROCESS_TIMEOUT = 60
CTRL_C_SECONDS = 10  # from Ctrl-C to the exit of `vakr run`
MEMORY_LIMIT = 4 * 1024**3  # bytes of address space for a subprocess: a bomb fails instead of eating the machine


class AnyOf(tuple):
    """A fragment given as alternatives: one of them must appear."""


@dataclass
class Ctx:
    """The working folder of one case: inputs in ``in/``, documents in ``out/``, ``VAKR_HOME`` in ``home/``."""

    tmp: Path
    vars: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.i.mkdir()
        self.vars.update(t=str(self.tmp), i=str(self.i), o=str(self.out), home=str(self.home))

    @property
    def i(self) -> Path:
        return self.tmp / "in"

    @property
    def out(self) -> Path:
        return self.tmp / "out"

    @property
    def home(self) -> Path:
        return self.tmp / "home"

    def fmt(self, text: str) -> str:
        return text.format(**self.vars)


@dataclass
class Result:
    code: int | str  # "timeout" or "crash" when the command did not return normally
    out: str
    err: str
    seconds: float


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[Ctx], None] | None
    argv: tuple[str, ...]
    code: int
    fragments: tuple[str | AnyOf, ...] = ()
    stream: str | None = None  # where the message is: "err" (default when code != 0) or "out"
    prefix: str | None = "Ошибка:"  # the message starts with it (code != 0); None: argparse's own form
    sub: bool = False  # run in a subprocess
    seconds: float | None = None  # must finish within this time
    changes: tuple[str, ...] = ()  # paths (fnmatch, relative to tmp) allowed to appear or change
    check: Callable[[Ctx, Result], None] | None = None
    quiet_stdout: bool = True  # nothing on stdout when the command fails with exit code 2 or 3
    env: tuple[tuple[str, str], ...] = ()  # environment variables for the command (formatted with ctx.vars)


# --- builders ----------------------------------------------------------------------------------------------------


def chain(*builders: Callable[[Ctx], None]) -> Callable[[Ctx], None]:
    def build(ctx: Ctx) -> None:
        for b in builders:
            b(ctx)
    return build


def put(name: str, data: bytes | str | Callable[[], bytes | str]) -> Callable[[Ctx], None]:
    """Write ``data`` (or what the function ``data`` returns) to ``in/<name>``."""
    def build(ctx: Ctx) -> None:
        value = data() if callable(data) else data
        path = ctx.i / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(value.encode("utf-8") if isinstance(value, str) else value)
    return build


def folder(name: str) -> Callable[[Ctx], None]:
    def build(ctx: Ctx) -> None:
        (ctx.i / name).mkdir(parents=True)
    return build


def taken(ctx: Ctx) -> None:
    """A file where a folder is expected: ``<tmp>/taken.txt``."""
    (ctx.tmp / "taken.txt").write_text("заметки аналитика\n", encoding="utf-8")


def copy(name: str, source: Path) -> Callable[[Ctx], None]:
    def build(ctx: Ctx) -> None:
        shutil.copy(source, ctx.i / name)
    return build


def sparse_yaml(name: str, edit: Callable[[str, Ctx], str] | None = None) -> Callable[[Ctx], None]:
    """``in/<name>``: sparse-land.yaml, edited by ``edit(text, ctx)`` (which may record line numbers in ctx.vars)."""
    def build(ctx: Ctx) -> None:
        text = H.sparse_text()
        if edit:
            text = edit(text, ctx)
        (ctx.i / name).write_bytes(text.encode("utf-8"))
    return build


def line_edit(prefix: str, new: str, var: str = "line") -> Callable[[str, Ctx], str]:
    def edit(text: str, ctx: Ctx) -> str:
        text, ctx.vars[var] = H.replace_line(text, prefix, new)
        return text
    return edit


def sparse_xlsx(name: str = "org.xlsx", change: Callable[[openpyxl.Workbook, Ctx], None] | None = None):
    """``in/<name>``: the sparse-land workbook, edited by ``change(wb, ctx)`` with openpyxl."""
    def build(ctx: Ctx) -> None:
        path = H.write_sparse_workbook(ctx.i / name)
        if change:
            H.edit_workbook(path, lambda wb: change(wb, ctx))
    return build


def risk_cell(row: int, key: str, value, data_type: str | None = None):
    def change(wb: openpyxl.Workbook, ctx: Ctx) -> None:
        cell = wb["Риски"].cell(row, H.col(key))
        cell.value = value
        if data_type:
            cell.data_type = data_type
    return change


def profile_cell(label: str, value, column: int = 2):
    """Set a «Профиль» field; its row goes into ctx.vars["row"]."""
    def change(wb: openpyxl.Workbook, ctx: Ctx) -> None:
        ws = wb["Профиль"]
        row = H.profile_row(ws, label)
        ws.cell(row, column).value = value
        ctx.vars["row"] = str(row)
    return change


def profile_cells(**by_label):
    def change(wb: openpyxl.Workbook, ctx: Ctx) -> None:
        for label, value in by_label.items():
            profile_cell(label.replace("_", " "), value)(wb, ctx)
    return change


def swap_columns(a: str, b: str):
    def change(wb: openpyxl.Workbook, ctx: Ctx) -> None:
        ws = wb["Риски"]
        ca, cb = openpyxl.utils.column_index_from_string(a), openpyxl.utils.column_index_from_string(b)
        for r in range(1, ws.max_row + 1):
            x, y = ws.cell(r, ca), ws.cell(r, cb)
            x.value, y.value = y.value, x.value
    return change


def set_version(value):
    def change(wb: openpyxl.Workbook, ctx: Ctx) -> None:
        wb["Инструкция"]["B3"].value = value
    return change


def remove_version(wb: openpyxl.Workbook, ctx: Ctx) -> None:
    del wb.defined_names["vakr_template_version"]
    wb["Инструкция"]["A3"].value = None
    wb["Инструкция"]["B3"].value = None


def duplicate_risk_row(wb: openpyxl.Workbook, ctx: Ctx) -> None:
    ws = wb["Риски"]
    target = H.FIRST_RISK_ROW + H.SPARSE_FINDINGS  # the first empty prepared row
    for c in range(1, ws.max_column + 1):
        source = ws.cell(H.FIRST_RISK_ROW, c)
        if source.data_type != "f":
            ws.cell(target, c).value = source.value
    ctx.vars.update(first=str(H.FIRST_RISK_ROW), second=str(target))


def checklist_answer(code: str, value):
    def change(wb: openpyxl.Workbook, ctx: Ctx) -> None:
        ws = wb["Чек-лист"]
        row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == code)
        ws.cell(row, 6).value = value
        ctx.vars["row"] = str(row)
    return change


def new_workbook(name: str, as_yaml: bool = False, fill: bool = True) -> Callable[[Ctx], None]:
    """What the first `vakr new` wrote, then filled in by the analyst."""
    def build(ctx: Ctx) -> None:
        path = create_workbook(name, ctx.i, load_catalogue(), "akimat", as_yaml=as_yaml)
        if fill and not as_yaml:
            H.edit_workbook(path, lambda wb: profile_cell("Регион", "Сарыаркинская область")(wb, ctx))
        elif fill:
            path.write_text(path.read_text(encoding="utf-8").replace('region: ""', "region: Сарыарка"), "utf-8")
    return build


def previous_documents(source_key: str, slug: str | None = None) -> Callable[[Ctx], None]:
    """A previous complete set of documents in ``out/`` (or ``out/<slug>/``), from :func:`previous_sets`."""
    def build(ctx: Ctx) -> None:
        target = ctx.out / slug if slug else ctx.out
        shutil.copytree(_PREVIOUS[source_key], target)
        if slug:  # and the summary of that run
            (ctx.out / "summary.csv").write_text("\ufeffОрганизация;Статус\nпрежний прогон;готово\n", "utf-8")
    return build


def org_copies(specs: list[tuple[str, str]]) -> Callable[[Ctx], None]:
    """Organisation files ``in/<file>`` for a batch: (file, kind) with kind «akimat»/«quasi» (a copy with slug =
    file stem) or one of the broken kinds of :func:`_broken_org`."""
    def build(ctx: Ctx) -> None:
        for file_name, kind in specs:
            path = ctx.i / file_name
            stem = Path(file_name).stem
            if kind in ("akimat", "quasi"):
                source = H.AKIMAT_YAML if kind == "akimat" else H.QUASI_YAML
                path.write_text(H.with_slug(source.read_text(encoding="utf-8"), stem), encoding="utf-8")
            else:
                _broken_org(path, kind)
        ctx.vars["batch"] = " ".join(str(ctx.i / f) for f, _ in specs)
    return build


def _broken_org(path: Path, kind: str) -> None:
    if kind == "likelihood-9":
        text = H.with_slug(H.QUASI_YAML.read_text(encoding="utf-8"), path.stem)
        path.write_text(text.replace("    likelihood: 4\n", "    likelihood: 9\n", 1), encoding="utf-8")
    elif kind == "png":
        path.write_bytes(H.png_bytes())
    elif kind == "missing":
        pass
    elif kind == "tab":
        text = H.with_slug(H.QUASI_YAML.read_text(encoding="utf-8"), path.stem)
        path.write_text(text.replace("  region:", "\tregion:", 1), encoding="utf-8")
    elif kind == "no-positions-sheet":
        H.write_sparse_workbook(path)
        H.edit_workbook(path, lambda wb: wb.remove(wb["Должности"]))
    else:  # pragma: no cover
        raise ValueError(kind)


# --- checks of particular cases ------------------------------------------------------------------------------------


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def folder_complete(path: Path) -> None:
    """All six documents, in a folder with the permissions of any new folder (not a temporary folder's 0700)."""
    names = {p.name for p in path.iterdir()} if path.is_dir() else set()
    assert set(H.DOCUMENTS) <= names, f"{path.name}: not all six documents: {sorted(names)}"
    mode = stat.S_IMODE(path.stat().st_mode)
    assert mode == 0o777 & ~_umask(), f"{path.name}: folder mode {oct(mode)}, expected {oct(0o777 & ~_umask())}"


def summary_rows(out: Path) -> list[dict[str, str]]:
    with open(out / "summary.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def expect_folders(*slugs: str) -> Callable[[Ctx, Result], None]:
    def check(ctx: Ctx, result: Result) -> None:
        for slug in slugs:
            folder_complete(ctx.out / slug)
    return check


def check_duplicate_slugs(first: str, second: str, second_text: str | None = None):
    def check(ctx: Ctx, result: Result) -> None:
        folder_complete(ctx.out / first)
        folder_complete(ctx.out / second)
        assert second in result.out, "the batch output must say where the second organisation went"
        rows = summary_rows(ctx.out)
        assert [r["Статус"] for r in rows] == ["готово", "готово"]
        assert any(second in value for value in rows[1].values()), rows[1]
        if second_text:
            with zipfile.ZipFile(ctx.out / second / "report.docx") as z:
                assert second_text in z.read("word/document.xml").decode("utf-8")
            with zipfile.ZipFile(ctx.out / first / "report.docx") as z:
                assert second_text not in z.read("word/document.xml").decode("utf-8")
    return check


BATCH_20 = [(f"org{n:02d}.yaml", "akimat" if n % 4 == 1 else "quasi") for n in range(1, 21)]
for _n, _kind in ((3, "likelihood-9"), (7, "png"), (11, "missing"), (15, "tab"), (19, "no-positions-sheet")):
    BATCH_20[_n - 1] = (f"org{_n:02d}.{'xlsx' if _kind in ('png', 'no-positions-sheet') else 'yaml'}", _kind)
BATCH_BROKEN = [f for f, kind in BATCH_20 if kind not in ("akimat", "quasi")]
BATCH_GOOD = [Path(f).stem for f, kind in BATCH_20 if kind in ("akimat", "quasi")]


def check_batch_20(ctx: Ctx, result: Result) -> None:
    for slug in BATCH_GOOD:
        assert sorted(p.name for p in (ctx.out / slug).iterdir()) == sorted(H.RUN_FILES), slug
    assert sorted(p.name for p in ctx.out.iterdir()) == sorted(BATCH_GOOD + ["summary.csv", "summary.html",
                                                                       ".vakr-run.jsonl"])
    failed_lines = [line for line in result.err.splitlines() if line.startswith("✗")]
    named = [next((f for f in BATCH_BROKEN if f in line), None) for line in failed_lines]
    assert named == BATCH_BROKEN, f"the 5 broken files, each once, in input order: {failed_lines}"
    rows = summary_rows(ctx.out)
    assert [Path(r["Файл"]).name for r in rows] == [f for f, _ in BATCH_20]
    broken_rows = [r for r in rows if r["Статус"] != "готово"]
    assert [Path(r["Файл"]).name for r in broken_rows] == BATCH_BROKEN
    reason = next(title for title in rows[0] if title.startswith("Ошибка"))
    for r in broken_rows:
        assert r["Статус"] == "ошибка" and CYRILLIC.search(r[reason]), r
        assert not RAW_PYTHON.search(r[reason]), r[reason]
        assert Path(r["Файл"]).name in r[reason], f"the reason names the file: {r[reason]}"
    assert "Организаций: 20; успешно: 15; с ошибками: 5." in result.out


# --- more builders used by the table ------------------------------------------------------------------------------


def _zip_with(name: str, text: str) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(name, text)
    return buffer.getvalue()


VALID_LIST = ("indicators:\n  - {group: org.coi, number: 1, title: Непринятие мер по конфликту интересов,"
              " source_act: Приказ № 1, source_point: п. 1}\n")


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def _overlay(data) -> Callable[[Ctx], None]:
    """A file already sitting in VAKR_HOME as the imported indicator lists."""
    def build(ctx: Ctx) -> None:
        path = _mkdir(ctx.home / "catalogue") / "indicators.yaml"
        value = data() if callable(data) else data
        path.write_bytes(value.encode("utf-8") if isinstance(value, str) else value)
    return build


def _replace_by_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _style_last_row(wb: openpyxl.Workbook, ctx: Ctx) -> None:
    from openpyxl.styles import PatternFill

    wb["Риски"].cell(1_048_576, H.col("description")).fill = PatternFill("solid", fgColor="FFFF00")


def _date_serial(row: int, serial: int):
    def change(wb: openpyxl.Workbook, ctx: Ctx) -> None:
        cell = wb["Риски"].cell(row, H.col("due"))
        cell.value = serial
        cell.number_format = "DD.MM.YYYY"
    return change


def _long_name(text: str, ctx: Ctx) -> str:
    text, line = H.replace_line(text, "  name: >-", "  name: " + "Ж" * 40_000)
    lines = text.split("\n")
    del lines[line:line + 2]  # the two continuation lines of the folded name
    ctx.vars["line"] = str(line)
    return "\n".join(lines)


def _names_both_rows(out: str, first: str, second: str) -> None:
    """One warning line names the repeated row and the row it repeats (the issue: «повторяет риск строки …»)."""
    line = next((s for s in out.splitlines() if "повторяет риск" in s), "")
    assert f"строка {second}:" in line, line
    assert re.search(rf"повторяет риск строки {first}\b", line), f"expected «повторяет риск строки {first}»: {line}"


def _dates(text: str, order: str, start: str, end: str) -> str:
    text = re.sub(r"(?m)^    date: 2026-08-24$", f"    date: {order}", text, count=1)
    text = re.sub(r"(?m)^  vakr_start: .*$", f"  vakr_start: {start}", text, count=1)
    return re.sub(r"(?m)^  vakr_end: .*$", f"  vakr_end: {end}", text, count=1)


def _twice(text: str, ctx: Ctx) -> str:
    text = text.replace("  region: Сарыаркинская область\n",
                        "  region: Сарыаркинская область\n  region: Улытауская область\n", 1)
    ctx.vars["second"] = str(H.line_of(text, "  region: Улытауская"))
    return text


def _cut_findings(text: str, ctx: Ctx) -> str:
    head, _, rest = text.partition("\nfindings:\n")
    _, _, tail = rest.partition("\npositions:\n")
    text = f"{head}\nfindings: 5\npositions:\n{tail}"
    ctx.vars["line"] = str(H.line_of(text, "findings:"))
    return text


def _long_description(text: str, ctx: Ctx) -> str:
    data_start = text.index("\nfindings:\n")
    i = text.index("    description: >-\n", data_start)
    j = text.index("    likelihood:", i)
    text = text[:i] + "    description: " + "Ж" * 40_000 + "\n" + text[j:]
    ctx.vars["line"] = str(text.count("\n", 0, i) + 1)
    return text


def _laughs_indicator_list() -> str:
    lines = ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"lol{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    return "\n".join(lines) + "\nindicators:\n  - {group: npa.legal_gap, number: 1, title: *a8, source_act: x," \
                              " source_point: y}\n"


def _laughs_calendar() -> str:
    source = (H.project_root() / "data" / "calendar" / "transfers.yaml").read_text(encoding="utf-8")
    lines = ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"lol{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    return "\n".join(lines) + "\n" + source


# --- the table ----------------------------------------------------------------------------------------------------

OUT_ARGS = ("--out", "{o}")
# a batch always writes its summary, and records what it put in place for `vakr run --resume`
RUN_OK = ("out", "out/summary.csv", "out/summary.html", "out/.vakr-run.jsonl")
LAUGHS = AnyOf(("якор", "ссылк"))

CASES: list[Case] = [
    # Files that are not what they claim.
    Case("text-named-xlsx", put("org.xlsx", "Код;Ответ\norg.hr.01;да\n"), ("validate", "{i}/org.xlsx"), 2,
         ("org.xlsx", "Excel")),
    Case("pdf-named-xlsx", put("org.xlsx", H.pdf_bytes), ("validate", "{i}/org.xlsx"), 2, ("org.xlsx", "Excel")),
    Case("png-named-xlsx", put("org.xlsx", H.png_bytes), ("validate", "{i}/org.xlsx"), 2, ("org.xlsx", "Excel")),
    Case("docx-renamed-xlsx", put("org.xlsx", H.docx_bytes), ("validate", "{i}/org.xlsx"), 2, ("org.xlsx", "Excel")),
    Case("zip-not-a-workbook", put("org.xlsx", lambda: _zip_with("hello.txt", "не книга")),
         ("validate", "{i}/org.xlsx"), 2, ("org.xlsx", "Excel")),
    Case("empty-xlsx", put("org.xlsx", b""), ("validate", "{i}/org.xlsx"), 2, ("org.xlsx", "пуст")),
    Case("zero-byte-yaml", put("org.yaml", b""), ("validate", "{i}/org.yaml"), 2, ("org.yaml", "пуст")),
    Case("whitespace-yaml", put("org.yaml", b" \n\t\n  \n"), ("validate", "{i}/org.yaml"), 2, ("org.yaml", "пуст")),
    Case("comments-only-yaml", put("org.yaml", "# только комментарий\n"), ("validate", "{i}/org.yaml"), 2,
         ("org.yaml",)),
    Case("folder-named-xlsx", folder("org.xlsx"), ("validate", "{i}/org.xlsx"), 2, ("org.xlsx", "папка")),
    Case("folder-named-yaml", folder("org.yaml"), ("evaluate", "{i}/org.yaml"), 2, ("org.yaml", "папка")),
    Case("missing-xlsx", None, ("validate", "{i}/nope.xlsx"), 2, ("nope.xlsx", "не найден")),
    Case("missing-yaml", None, ("evaluate", "{i}/nope.yaml", "--json"), 2, ("nope.yaml", "не найден")),
    Case("csv", put("org.csv", "Код;Ответ\n"), ("validate", "{i}/org.csv"), 2, ("org.csv", "«.csv»")),
    Case("no-suffix", put("org", H.sparse_text), ("validate", "{i}/org"), 2, ("org", "расширени")),
    Case("legacy-xls", put("org.xls", H.ole_bytes), ("validate", "{i}/org.xls"), 2, ("org.xls", "«.xls»")),
    Case("binary-junk-yaml", put("org.yaml", H.junk_bytes), ("validate", "{i}/org.yaml"), 2, ("org.yaml",)),
    Case("utf16-yaml", put("org.yaml", lambda: H.sparse_text().encode("utf-16")), ("validate", "{i}/org.yaml"), 2,
         ("org.yaml", "UTF-8")),
    Case("nul-byte-yaml", sparse_yaml("org.yaml", line_edit("  region:", "  region: Сарыаркинская\0 область")),
         ("validate", "{i}/org.yaml"), 2, ("org.yaml", "строка {line}")),
    Case("ole-encrypted-xlsx", put("org.xlsx", H.ole_bytes), ("validate", "{i}/org.xlsx"), 2, ("org.xlsx", "Excel")),
    Case("truncated-xlsx", put("org.xlsx", H.truncated_workbook), ("validate", "{i}/org.xlsx"), 2,
         ("org.xlsx", "поврежд")),
    Case("evaluate-png-named-xlsx", put("org.xlsx", H.png_bytes), ("evaluate", "{i}/org.xlsx", "--json"), 2,
         ("org.xlsx",)),
    Case("report-docx-renamed-xlsx", put("org.xlsx", H.docx_bytes), ("report", "{i}/org.xlsx", *OUT_ARGS), 2,
         ("org.xlsx",)),

    # Workbooks from other templates.
    Case("foreign-workbook", lambda ctx: H.foreign_workbook(ctx.i / "org.xlsx"), ("validate", "{i}/org.xlsx"), 2,
         ("org.xlsx", "ВАКР")),
    Case("sheet-deleted", sparse_xlsx(change=lambda wb, ctx: wb.remove(wb["Должности"])),
         ("validate", "{i}/org.xlsx"), 2, ("org.xlsx", "«Должности»")),
    Case("sheet-renamed", sparse_xlsx(change=lambda wb, ctx: setattr(wb["Риски"], "title", "Риски (2)")),
         ("validate", "{i}/org.xlsx"), 2, ("org.xlsx", "«Риски»")),
    Case("header-renamed", sparse_xlsx(change=lambda wb, ctx: setattr(wb["Риски"]["F1"], "value", "Описание")),
         ("validate", "{i}/org.xlsx"), 2, ("org.xlsx, лист «Риски», строка 1, столбец F", "«Описание риска»")),
    Case("columns-swapped", sparse_xlsx(change=swap_columns("E", "F")), ("validate", "{i}/org.xlsx"), 2,
         ("лист «Риски», строка 1, столбец E", "лист «Риски», строка 1, столбец F")),
    Case("profile-headers-cleared",
         sparse_xlsx(change=lambda wb, ctx: [setattr(c, "value", None) for c in wb["Профиль"][1]]),
         ("validate", "{i}/org.xlsx"), 2, ("лист «Профиль», строка 1",)),
    Case("version-0", sparse_xlsx(change=set_version(0)), ("validate", "{i}/org.xlsx"), 2, ("org.xlsx", "«0»")),
    Case("version-abc", sparse_xlsx(change=set_version("abc")), ("validate", "{i}/org.xlsx"), 2,
         ("org.xlsx", "«abc»")),
    Case("version-99", sparse_xlsx(change=set_version(99)), ("evaluate", "{i}/org.xlsx"), 2, ("org.xlsx", "«99»")),
    Case("version-removed", sparse_xlsx(change=remove_version), ("validate", "{i}/org.xlsx"), 2,
         ("org.xlsx", "Версия шаблона")),
    Case("indicator-template-as-organisation",
         lambda ctx: write_template(ctx.i / "perechen.xlsx", load_catalogue()),
         ("validate", "{i}/perechen.xlsx"), 2, ("perechen.xlsx",)),

    # Every kind of bad cell (sparse-land workbook; its findings are on rows 2–31 of «Риски»).
    Case("likelihood-word", sparse_xlsx(change=risk_cell(7, "likelihood", "высокая")), ("validate", "{i}/org.xlsx"),
         2, ("org.xlsx, лист «Риски», строка 7, столбец M", "от 1 до 5", "«высокая»")),
    Case("likelihood-0", sparse_xlsx(change=risk_cell(8, "likelihood", 0)), ("validate", "{i}/org.xlsx"), 2,
         ("org.xlsx, лист «Риски», строка 8, столбец M",)),
    Case("likelihood-6", sparse_xlsx(change=risk_cell(9, "likelihood", 6)), ("validate", "{i}/org.xlsx"), 2,
         ("org.xlsx, лист «Риски», строка 9, столбец M",)),
    Case("likelihood-2.5", sparse_xlsx(change=risk_cell(10, "likelihood", 2.5)), ("validate", "{i}/org.xlsx"), 2,
         ("org.xlsx, лист «Риски», строка 10, столбец M",)),
    Case("likelihood-date", sparse_xlsx(change=risk_cell(11, "likelihood", dt.datetime(2026, 1, 5))),
         ("validate", "{i}/org.xlsx"), 2, ("org.xlsx, лист «Риски», строка 11, столбец M",)),
    Case("impact-empty", sparse_xlsx(change=risk_cell(12, "impact", None)), ("validate", "{i}/org.xlsx"), 2,
         ("org.xlsx, лист «Риски», строка 12, столбец N", "не заполнено")),
    Case("unknown-indicator", sparse_xlsx(change=risk_cell(13, "indicator", "org.hr.99")),
         ("validate", "{i}/org.xlsx"), 2, ("org.xlsx, лист «Риски», строка 13, столбец B", "org.hr.99")),
    Case("unknown-unit", sparse_xlsx(change=risk_cell(14, "unit", "Отдел несуществующих дел")),
         ("validate", "{i}/org.xlsx"), 2, ("org.xlsx, лист «Риски», строка 14, столбец E", "Отдел несуществующих дел")),
    Case("due-31-february", sparse_xlsx(change=risk_cell(15, "due", "31.02.2026")), ("validate", "{i}/org.xlsx"), 2,
         ("org.xlsx, лист «Риски», строка 15, столбец L", "31.02.2026")),
    Case("due-tomorrow", sparse_xlsx(change=risk_cell(16, "due", "завтра")), ("validate", "{i}/org.xlsx"), 2,
         ("org.xlsx, лист «Риски», строка 16, столбец L", "завтра")),
    Case("number-as-unit", sparse_xlsx(change=risk_cell(17, "unit", 42)), ("validate", "{i}/org.xlsx"), 2,
         ("org.xlsx, лист «Риски», строка 17, столбец E",)),
    Case("number-as-answer", sparse_xlsx(change=checklist_answer("npa.legal_gap.2", 1)),
         ("validate", "{i}/org.xlsx"), 2, ("org.xlsx, лист «Чек-лист», строка {row}, столбец F",)),
    Case("answer-yes", sparse_xlsx(change=checklist_answer("npa.legal_gap.2", "да")), ("validate", "{i}/org.xlsx"),
         2, ("org.xlsx, лист «Чек-лист», строка {row}, столбец F", "«да»")),
    Case("risk-without-present-answer", sparse_xlsx(change=checklist_answer("org.control", "Отсутствует")),
         ("validate", "{i}/org.xlsx"), 2, ("org.xlsx, лист «Риски», строка 2, столбец B", "строка {row}")),
    Case("formula-div0-in-text", sparse_xlsx(change=risk_cell(18, "description", "=1/0")),
         ("validate", "{i}/org.xlsx"), 2, ("org.xlsx, лист «Риски», строка 18, столбец F",)),
    Case("ref-error-in-text", sparse_xlsx(change=risk_cell(19, "description", "#REF!", "e")),
         ("validate", "{i}/org.xlsx"), 2, ("org.xlsx, лист «Риски», строка 19, столбец F",)),
    Case("text-40000-chars", sparse_xlsx(change=risk_cell(20, "description", "Ж" * 40_000)),
         ("validate", "{i}/org.xlsx"), 2, ("org.xlsx, лист «Риски», строка 20, столбец F",)),
    Case("profile-type-unknown", sparse_xlsx(change=profile_cell("Тип организации", "ведомство")),
         ("validate", "{i}/org.xlsx"), 2, ("лист «Профиль», строка {row} «Тип организации»", "«ведомство»")),
    Case("work-week-7", sparse_xlsx(change=profile_cell("Рабочая неделя (дней)", 7)), ("validate", "{i}/org.xlsx"),
         2, ("лист «Профиль», строка {row} «Рабочая неделя (дней)»", "«7»")),
    Case("organisation-name-empty", sparse_xlsx(change=profile_cell("Наименование организации", None)),
         ("validate", "{i}/org.xlsx"), 2, ("лист «Профиль», строка {row} «Наименование организации»",)),
    Case("profile-date-tomorrow", sparse_xlsx(change=profile_cell("Дата начала ВАКР", "завтра")),
         ("validate", "{i}/org.xlsx"), 2, ("лист «Профиль», строка {row} «Дата начала ВАКР»", "«завтра»")),
    Case("order-after-start", sparse_xlsx(change=profile_cell("Дата приказа о проведении ВАКР",
                                                              dt.datetime(2026, 9, 15))),
         ("validate", "{i}/org.xlsx"), 2, ("лист «Профиль», строка {row} «Дата приказа о проведении ВАКР»", "позже")),
    Case("start-after-end", sparse_xlsx(change=profile_cell("Дата начала ВАКР", dt.datetime(2026, 11, 16))),
         ("validate", "{i}/org.xlsx"), 2, ("«Дата завершения ВАКР»", "раньше")),
    Case("npa-risk-without-act", sparse_xlsx(change=risk_cell(H.NPA_RISK_ROW, "act", None)),
         ("validate", "{i}/org.xlsx"), 2, (f"org.xlsx, лист «Риски», строка {H.NPA_RISK_ROW}, столбец D", "акт")),
    Case("duplicated-risk-row", sparse_xlsx(change=duplicate_risk_row), ("validate", "{i}/org.xlsx"), 0,
         ("org.xlsx, лист «Риски», строка {second}", "повторяет риск"), stream="out", check=lambda ctx, result:
         _names_both_rows(result.out, ctx.vars["first"], ctx.vars["second"])),
    Case("evaluate-bad-cell", sparse_xlsx(change=risk_cell(7, "likelihood", "высокая")),
         ("evaluate", "{i}/org.xlsx", "--json"), 2, ("org.xlsx, лист «Риски», строка 7, столбец M",)),
    Case("report-bad-cell", sparse_xlsx(change=risk_cell(7, "impact", "сильные")),
         ("report", "{i}/org.xlsx", *OUT_ARGS), 2, ("org.xlsx, лист «Риски», строка 7, столбец N",)),

    # Dates that do not exist or lie outside the calendar (2020–2035).
    Case("yaml-31-february", sparse_yaml("org.yaml", line_edit("  vakr_start:", "  vakr_start: 2025-02-31")),
         ("validate", "{i}/org.yaml"), 2, ("org.yaml, profile.vakr_start (строка {line}): такой даты нет",)),
    Case("yaml-2019", sparse_yaml("org.yaml", lambda text, ctx: _dates(text, "2019-04-20", "2019-05-01",
                                                                      "2019-06-28")),
         ("validate", "{i}/org.yaml"), 2, ("org.yaml, profile.vakr_start", "2020–2035")),
    Case("yaml-2036", sparse_yaml("org.yaml", lambda text, ctx: _dates(text, "2036-02-20", "2036-03-01",
                                                                      "2036-04-30")),
         ("report", "{i}/org.yaml", *OUT_ARGS), 2, ("org.yaml, profile.vakr_start", "2020–2035")),
    Case("xlsx-2036", sparse_xlsx(change=profile_cells(**{
        "Дата_приказа_о_проведении_ВАКР": dt.datetime(2036, 2, 20), "Дата_начала_ВАКР": dt.datetime(2036, 3, 2),
        "Дата_завершения_ВАКР": dt.datetime(2036, 4, 30)})),
         ("validate", "{i}/org.xlsx"), 2, ("«Дата начала ВАКР»", "2020–2035")),
    Case("schedule-2036", None, ("schedule", "--start", "2036-01-10", "--end", "2036-02-10"), 2, ("2020–2035",)),
    Case("schedule-month-13", None, ("schedule", "--start", "2025-13-01", "--end", "2025-11-28"), 2,
         ("--start", "2025-13-01")),
    Case("schedule-end-before-start", None, ("schedule", "--start", "2025-10-01", "--end", "2025-09-01"), 2,
         ("--end",)),
    Case("schedule-order-31-february", None,
         ("schedule", "--start", "2025-10-01", "--end", "2025-11-28", "--order", "31.02.2025"), 2,
         ("--order", "31.02.2025")),
    Case("schedule-today-junk", None,
         ("schedule", "--start", "2025-10-01", "--end", "2025-11-28", "--today", "вчера", "--json"), 2,
         ("--today", "вчера")),
    Case("schedule-empty-start", None, ("schedule", "--start", "", "--end", "2025-11-28"), 2, ("--start",)),
    Case("calendar-1999", None, ("calendar", "1999"), 2, ("1999", "2020–2035")),
    Case("calendar-abc", None, ("calendar", "abc"), 2, ("«abc»",)),
    Case("calendar-2036-json", None, ("calendar", "2036", "--json"), 2, ("2036", "2020–2035")),
    Case("calendar-fraction", None, ("calendar", "2027.5"), 2, ("2027.5",)),
    Case("calendar-huge-number", None, ("calendar", "9" * 40), 2, ("2020–2035",)),
    Case("evaluate-today-31-february", copy("org.yaml", H.QUASI_YAML),
         ("evaluate", "{i}/org.yaml", "--today", "2025-02-31"), 2, ("--today", "2025-02-31")),
    Case("report-today-junk", copy("org.yaml", H.QUASI_YAML),
         ("report", "{i}/org.yaml", "--today", "30.02.2026", *OUT_ARGS), 2, ("--today",)),
    Case("run-today-junk", copy("org.yaml", H.QUASI_YAML),
         ("run", "{i}/org.yaml", "--today", "сегодня", "--documents-only", "--quiet", *OUT_ARGS), 2, ("--today",)),

    # YAML bombs, tags and other hostile YAML.
    Case("billion-laughs", put("org.yaml", H.billion_laughs), ("validate", "{i}/org.yaml"), 2, ("org.yaml", LAUGHS),
         sub=True, seconds=10),
    Case("billion-laughs-evaluate-json", put("org.yaml", H.billion_laughs), ("evaluate", "{i}/org.yaml", "--json"),
         2, ("org.yaml", LAUGHS), sub=True, seconds=10),
    Case("billion-laughs-indicator-list", put("list.yaml", lambda: _laughs_indicator_list()),
         ("catalogue", "import", "{i}/list.yaml"), 2, ("list.yaml", LAUGHS), sub=True, seconds=10),
    Case("billion-laughs-calendar-file", put("transfers.yaml", lambda: _laughs_calendar()),
         ("--calendar", "{i}/transfers.yaml", "calendar", "2027"), 2, ("transfers.yaml", LAUGHS), sub=True,
         seconds=10),
    Case("deep-nesting", put("org.yaml", H.deep_nesting), ("validate", "{i}/org.yaml"), 2, ("org.yaml", "вложенност"),
         sub=True, seconds=10),
    Case("python-object-tag", sparse_yaml("org.yaml", lambda text, ctx: H.replace_line(
        text, "  region:", f'  region: !!python/object/apply:os.system ["touch {ctx.tmp}/pwned"]')[0]),
         ("validate", "{i}/org.yaml"), 2, ("org.yaml",), sub=True, seconds=10),
    Case("binary-tag", sparse_yaml("org.yaml", line_edit("  region:", "  region: !!binary 0KHQsNGA0YvQsNGA0LrQsA==")),
         ("validate", "{i}/org.yaml"), 2, ("org.yaml", "строка {line}", "тег")),
    Case("custom-tag", sparse_yaml("org.yaml", line_edit("  region:", "  region: !oblast Сарыаркинская")),
         ("validate", "{i}/org.yaml"), 2, ("org.yaml", "строка {line}", "тег")),
    Case("huge-yaml-comments", put("org.yaml", H.huge_yaml_comments), ("validate", "{i}/org.yaml"), 2,
         ("org.yaml", "слишком большой"), sub=True, seconds=5),
    Case("huge-yaml-string", put("org.yaml", H.huge_yaml_string), ("report", "{i}/org.yaml", *OUT_ARGS), 2,
         ("org.yaml", "слишком большой"), sub=True, seconds=5),
    Case("duplicate-key", sparse_yaml("org.yaml", lambda text, ctx: _twice(text, ctx)), ("validate", "{i}/org.yaml"),
         2, ("org.yaml, profile.region (строка {second})", "повторно")),
    Case("tab-indentation", sparse_yaml("org.yaml", line_edit("  region:", "\tregion: Сарыаркинская область")),
         ("validate", "{i}/org.yaml"), 2, ("org.yaml", "строка {line}")),
    Case("findings-not-a-list", sparse_yaml("org.yaml", lambda text, ctx: _cut_findings(text, ctx)),
         ("validate", "{i}/org.yaml"), 2, ("org.yaml, findings (строка {line})",)),
    Case("profile-null", put("org.yaml", "schema_version: 1\nprofile:\nchecklist: []\nfindings: []\npositions: []\n"),
         ("validate", "{i}/org.yaml"), 2, ("org.yaml, profile (строка 2)",)),
    Case("top-level-list", put("org.yaml", "- profile\n- findings\n"), ("validate", "{i}/org.yaml"), 2,
         ("org.yaml", "словарь")),
    Case("likelihood-huge-int", sparse_yaml("org.yaml", line_edit("    likelihood: 5", "    likelihood: " + "9" * 400)),
         ("validate", "{i}/org.yaml"), 2, ("org.yaml, findings[0].likelihood (строка {line})",)),
    Case("likelihood-nan", sparse_yaml("org.yaml", line_edit("    likelihood: 5", "    likelihood: .nan")),
         ("validate", "{i}/org.yaml"), 2, ("org.yaml, findings[0].likelihood (строка {line})",)),
    Case("schema-version-text", sparse_yaml("org.yaml", line_edit("schema_version:", "schema_version: один")),
         ("validate", "{i}/org.yaml"), 2, ("org.yaml, schema_version (строка {line})",)),

    Case("likelihood-yes", sparse_yaml("org.yaml", line_edit("    likelihood: 5", "    likelihood: yes")),
         ("validate", "{i}/org.yaml"), 2, ("org.yaml, findings[0].likelihood (строка {line})",)),
    Case("fifo-named-yaml", lambda ctx: os.mkfifo(ctx.i / "org.yaml"), ("validate", "{i}/org.yaml"), 2,
         ("org.yaml",), sub=True, seconds=5),
    Case("fifo-named-xlsx", lambda ctx: os.mkfifo(ctx.i / "org.xlsx"), ("evaluate", "{i}/org.xlsx"), 2,
         ("org.xlsx",), sub=True, seconds=5),
    Case("yaml-link-to-dev-zero", lambda ctx: (ctx.i / "org.yaml").symlink_to("/dev/zero"),
         ("validate", "{i}/org.yaml"), 2, ("org.yaml",), sub=True, seconds=10),

    # Huge workbooks and zip bombs.
    Case("zip-bomb", put("org.xlsx", H.zip_bomb_bytes), ("validate", "{i}/org.xlsx"), 2,
         ("org.xlsx", AnyOf(("слишком большой", "распаков"))), sub=True, seconds=5),
    Case("zip-bomb-indicator-list", put("list.xlsx", H.zip_bomb_bytes), ("catalogue", "import", "{i}/list.xlsx"), 2,
         ("list.xlsx", AnyOf(("слишком большой", "распаков"))), sub=True, seconds=5),
    Case("zip-bomb-in-batch", chain(put("bomb.xlsx", H.zip_bomb_bytes), copy("quasi.yaml", H.QUASI_YAML)),
         ("run", "{i}/bomb.xlsx", "{i}/quasi.yaml", "--documents-only", "--quiet", *OUT_ARGS), 1,
         ("bomb.xlsx", AnyOf(("слишком большой", "распаков"))), prefix="✗", sub=True, seconds=15,
         changes=RUN_OK + ("out/quasi-example", "out/quasi-example/*"), check=expect_folders("quasi-example")),
    Case("200000-rows", put("org.xlsx", H.many_rows_bytes), ("validate", "{i}/org.xlsx"), 2,
         ("org.xlsx", "«Риски»", "строк"), sub=True, seconds=15),
    # A formatted but empty cell in the last row (1 048 576) is common in real workbooks: not a reason to refuse
    # a book with 30 risks, and not a reason to read a million rows either.
    Case("styled-empty-cell-in-last-row", sparse_xlsx(change=_style_last_row), ("validate", "{i}/org.xlsx"), 0,
         ("ошибок нет",), sub=True, seconds=15),
    Case("date-serial-out-of-range", sparse_xlsx(change=_date_serial(5, 9_999_999)), ("validate", "{i}/org.xlsx"), 2,
         ("org.xlsx, лист «Риски», строка 5, столбец L",), sub=True, seconds=15),

    # Outputs that cannot be written.
    Case("report-out-is-a-file", chain(taken, copy("org.yaml", H.QUASI_YAML)),
         ("report", "{i}/org.yaml", "--out", "{t}/taken.txt"), 2, ("taken.txt",)),
    Case("report-out-under-a-file", chain(taken, copy("org.yaml", H.QUASI_YAML)),
         ("report", "{i}/org.yaml", "--out", "{t}/taken.txt/docs"), 2, ("taken.txt",)),
    Case("report-plan-xlsx-is-a-folder", chain(copy("org.yaml", H.QUASI_YAML),
                                               lambda ctx: (ctx.out / "plan.xlsx").mkdir(parents=True)),
         ("report", "{i}/org.yaml", *OUT_ARGS), 2, ("plan.xlsx",)),
    Case("report-keeps-previous-documents", chain(
        sparse_yaml("org.yaml", line_edit("    likelihood: 5", "    likelihood: 50")), previous_documents("sparse")),
         ("report", "{i}/org.yaml", *OUT_ARGS), 2, ("org.yaml, findings[0].likelihood (строка {line})",)),
    Case("report-40000-chars-from-yaml", sparse_yaml("org.yaml", lambda text, ctx: _long_description(text, ctx)),
         ("report", "{i}/org.yaml", *OUT_ARGS), 2, ("org.yaml, findings[0].description (строка {line})",)),
    Case("report-40000-chars-keeps-previous", chain(
        sparse_yaml("org.yaml", lambda text, ctx: _long_description(text, ctx)), previous_documents("sparse")),
         ("report", "{i}/org.yaml", *OUT_ARGS), 2, ("org.yaml",)),
    Case("report-strict-refuses", copy("org.yaml", H.SPARSE_YAML), ("report", "{i}/org.yaml", "--strict", *OUT_ARGS),
         3, ("org.yaml", "--strict")),
    Case("report-would-overwrite-its-input", put("plan.xlsx", H.sparse_workbook_bytes),
         ("report", "{i}/plan.xlsx", "--out", "{i}"), 2, ("plan.xlsx",)),
    Case("report-plan-xlsx-folder-among-previous", chain(copy("org.yaml", H.SPARSE_YAML), previous_documents("sparse"),
                                                         lambda ctx: _replace_by_folder(ctx.out / "plan.xlsx")),
         ("report", "{i}/org.yaml", *OUT_ARGS), 2, ("plan.xlsx",)),
    Case("report-name-40000-chars", sparse_yaml("org.yaml", lambda text, ctx: _long_name(text, ctx)),
         ("report", "{i}/org.yaml", *OUT_ARGS), 2, ("org.yaml, profile.name (строка {line})",)),
    Case("schedule-ics-is-a-folder", folder("calendar-folder"),
         ("schedule", "--start", "2025-10-01", "--end", "2025-11-28", "--ics", "{i}/calendar-folder"), 2,
         ("calendar-folder",), quiet_stdout=False),
    Case("schedule-chart-is-a-folder", folder("chart-folder"),
         ("schedule", "--start", "2025-10-01", "--end", "2025-11-28", "--chart", "{i}/chart-folder"), 2,
         ("chart-folder",), quiet_stdout=False),
    Case("schedule-ics-written-chart-fails", folder("chart-folder"),
         ("schedule", "--start", "2025-10-01", "--end", "2025-11-28", "--ics", "{t}/ok.ics", "--chart",
          "{i}/chart-folder"), 2, ("chart-folder",), quiet_stdout=False),
    Case("schedule-ics-under-a-file", taken,
         ("schedule", "--start", "2025-10-01", "--end", "2025-11-28", "--ics", "{t}/taken.txt/vakr.ics", "--json"), 2,
         ("taken.txt",)),
    Case("new-into-a-file", taken, ("new", "ГУ «Тест»", "{t}/taken.txt"), 2, ("taken.txt",)),
    Case("new-twice-keeps-filled-workbook", new_workbook("ГУ «Тест»"), ("new", "ГУ «Тест»", "{i}", "--type", "akimat"),
         2, ("gu-test.xlsx", "уже существует")),
    Case("new-twice-keeps-filled-yaml", new_workbook("ГУ «Тест»", as_yaml=True),
         ("new", "ГУ «Тест»", "{i}", "--yaml"), 2, ("gu-test.yaml", "уже существует")),
    Case("new-target-is-a-folder", folder("gu-test.xlsx"), ("new", "ГУ «Тест»", "{i}"), 2, ("gu-test.xlsx",)),
    Case("new-empty-name", None, ("new", "", "{i}"), 2, ("наименовани",)),
    Case("new-blank-name", None, ("new", "  \t ", "{i}"), 2, ("наименовани",)),
    Case("new-40000-char-name", None, ("new", "Ж" * 40_000, "{i}"), 2, ("наименовани",)),
    Case("new-unknown-type", None, ("new", "ГУ «Тест»", "{i}", "--type", "ministry"), 2, ("ministry", "--type"),
         prefix=None),
    Case("catalogue-template-under-a-file", taken, ("catalogue", "template", "{t}/taken.txt/lists"), 2,
         ("taken.txt",)),
    Case("catalogue-template-twice", lambda ctx: write_template(ctx.i, load_catalogue()),
         ("catalogue", "template", "{i}"), 2, ("perechen-indikatorov.xlsx", "уже существует")),
    Case("catalogue-template-target-is-a-folder", folder("list.xlsx"), ("catalogue", "template", "{i}/list.xlsx"),
         2, ("list.xlsx", "папка")),

    # The catalogue command's own inputs.
    Case("catalogue-import-missing", None, ("catalogue", "import", "{i}/nope.xlsx"), 2, ("nope.xlsx", "не найден")),
    Case("catalogue-import-empty-yaml", put("list.yaml", b""), ("catalogue", "import", "{i}/list.yaml"), 2,
         ("list.yaml", "пуст")),
    Case("catalogue-import-png", put("list.xlsx", H.png_bytes), ("catalogue", "import", "{i}/list.xlsx"), 2,
         ("list.xlsx", "Excel")),
    Case("catalogue-import-organisation-workbook", copy("akimat.xlsx", H.AKIMAT_XLSX),
         ("catalogue", "import", "{i}/akimat.xlsx"), 2, ("akimat.xlsx", "«Индикаторы»")),
    Case("catalogue-import-csv", put("list.csv", "group;number\n"), ("catalogue", "import", "{i}/list.csv"), 2,
         ("list.csv", "«.csv»")),
    Case("catalogue-import-not-a-list", put("list.yaml", "indicators: 5\n"), ("catalogue", "import", "{i}/list.yaml"),
         2, ("list.yaml", "строка 1")),
    Case("catalogue-import-python-tag", put("list.yaml", 'indicators: !!python/object/apply:os.getcwd []\n'),
         ("catalogue", "import", "{i}/list.yaml"), 2, ("list.yaml", "строка 1")),
    Case("catalogue-import-today-junk", put("list.yaml", "indicators: []\n"),
         ("catalogue", "import", "{i}/list.yaml", "--today", "2025-02-30"), 2, ("--today",)),
    Case("catalogue-data-missing", None, ("catalogue", "--data", "{t}/nowhere"), 2, ("nowhere",)),
    Case("catalogue-data-is-a-file", taken, ("catalogue", "--json", "--data", "{t}/taken.txt"), 2, ("taken.txt",)),
    Case("catalogue-import-vakr-home-is-a-file", chain(taken, put("list.yaml", VALID_LIST)),
         ("catalogue", "import", "{i}/list.yaml"), 2, ("taken.txt",), env=(("VAKR_HOME", "{t}/taken.txt"),)),
    Case("overlay-junk-in-vakr-home", chain(copy("org.yaml", H.QUASI_YAML), _overlay(H.junk_bytes)),
         ("validate", "{i}/org.yaml"), 2, ("indicators.yaml",)),
    Case("overlay-billion-laughs-in-vakr-home", chain(copy("org.yaml", H.QUASI_YAML),
                                                      _overlay(lambda: _laughs_indicator_list())),
         ("evaluate", "{i}/org.yaml"), 2, ("indicators.yaml",), sub=True, seconds=10),
    Case("new-name-with-path", None, ("new", "../../etc/passwd", "{i}"), 0, ("etc-passwd.xlsx",),
         changes=("in/etc-passwd.xlsx",)),
    Case("calendar-file-missing", None, ("--calendar", "{i}/nope.yaml", "calendar", "2027"), 2,
         ("--calendar", "nope.yaml")),
    Case("calendar-file-junk", put("transfers.yaml", H.junk_bytes), ("--calendar", "{i}/transfers.yaml", "schedule",
                                                                      "--start", "2025-10-01", "--end", "2025-11-28"),
         2, ("transfers.yaml",)),
    Case("calendar-file-wrong-shape", put("transfers.yaml", "- 2027\n- перенос\n"),
         ("--calendar", "{i}/transfers.yaml", "calendar", "2027"), 2, ("transfers.yaml",)),

    # Batches: one broken organisation does not stop the others; names that clash; previous output kept.
    Case("run-out-is-a-file", chain(taken, copy("org.yaml", H.QUASI_YAML)),
         ("run", "{i}/org.yaml", "--documents-only", "--quiet", "--out", "{t}/taken.txt"), 2, ("taken.txt",)),
    Case("run-out-under-a-file", chain(taken, copy("org.yaml", H.QUASI_YAML)),
         ("run", "{i}/org.yaml", "--documents-only", "--quiet", "--out", "{t}/taken.txt/batch"), 2, ("taken.txt",)),
    Case("run-jobs-0", copy("org.yaml", H.QUASI_YAML),
         ("run", "{i}/org.yaml", "--jobs", "0", "--documents-only", *OUT_ARGS), 2, ("--jobs",)),
    Case("run-jobs-abc", copy("org.yaml", H.QUASI_YAML),
         ("run", "{i}/org.yaml", "--jobs", "abc", "--documents-only", *OUT_ARGS), 2, ("--jobs", "abc"), prefix=None),
    Case("run-missing-and-good", copy("quasi.yaml", H.QUASI_YAML),
         ("run", "{i}/nope.yaml", "{i}/quasi.yaml", "--documents-only", "--quiet", *OUT_ARGS), 1,
         ("nope.yaml", "не найден"), prefix="✗", changes=RUN_OK + ("out/quasi-example", "out/quasi-example/*"),
         check=expect_folders("quasi-example")),
    Case("run-folder-as-input", chain(folder("dir.yaml"), copy("quasi.yaml", H.QUASI_YAML)),
         ("run", "{i}/dir.yaml", "{i}/quasi.yaml", "--documents-only", "--quiet", *OUT_ARGS), 1,
         ("dir.yaml", "папка"), prefix="✗", changes=RUN_OK + ("out/quasi-example", "out/quasi-example/*"),
         check=expect_folders("quasi-example")),
    Case("run-all-broken", chain(put("a.xlsx", H.png_bytes), put("b.yaml", b"")),
         ("run", "{i}/a.xlsx", "{i}/b.yaml", "--quiet", *OUT_ARGS), 1, ("a.xlsx",), prefix="✗",
         changes=RUN_OK),
    Case("run-keeps-previous-output", chain(
        put("akimat.yaml", lambda: H.AKIMAT_YAML.read_text(encoding="utf-8").replace("likelihood: 4", "likelihood: 9",
                                                                                       1)),
        copy("quasi.yaml", H.QUASI_YAML), previous_documents("akimat", slug="akimat-example")),
         ("run", "{i}/akimat.yaml", "{i}/quasi.yaml", "--documents-only", "--quiet", *OUT_ARGS), 1,
         ("akimat.yaml", "от 1 до 5"), prefix="✗", changes=RUN_OK + ("out/quasi-example", "out/quasi-example/*"),
         check=expect_folders("quasi-example")),
    Case("run-duplicate-slugs", put("twin.yaml", lambda: H.with_slug(H.AKIMAT_YAML.read_text(encoding="utf-8"),
                                                                      "akimat-example", "ГУ «Другой аппарат»")),
         ("run", str(H.AKIMAT_YAML), "{i}/twin.yaml", "--documents-only", "--quiet", *OUT_ARGS), 0, (),
         changes=("out", "out/*"), check=check_duplicate_slugs("akimat-example", "akimat-example-2",
                                                               "Другой аппарат")),
    Case("run-same-file-twice", None,
         ("run", str(H.QUASI_YAML), str(H.QUASI_YAML), "--documents-only", "--quiet", *OUT_ARGS), 0, (),
         changes=("out", "out/*"), check=check_duplicate_slugs("quasi-example", "quasi-example-2")),
    Case("run-keeps-foreign-files-in-org-folder", chain(
        copy("quasi.yaml", H.QUASI_YAML), previous_documents("quasi", slug="quasi-example"),
        lambda ctx: (ctx.out / "quasi-example" / "заметки.txt").write_text("мои заметки\n", encoding="utf-8")),
         ("run", "{i}/quasi.yaml", "--documents-only", "--quiet", *OUT_ARGS), 0, (),
         changes=RUN_OK + tuple(f"out/quasi-example/{name}" for name in H.RUN_FILES) + ("out/quasi-example",),
         check=expect_folders("quasi-example")),
    Case("run-input-inside-its-output-folder", lambda ctx: H.write_sparse_workbook(
        _mkdir(ctx.out / "sparse-land") / "my.xlsx"),
         ("run", "{o}/sparse-land/my.xlsx", "--documents-only", "--quiet", *OUT_ARGS), 0, (),
         changes=RUN_OK + tuple(f"out/sparse-land/{name}" for name in H.RUN_FILES) + ("out/sparse-land",),
         check=expect_folders("sparse-land")),
    Case("fifo-in-batch", chain(lambda ctx: os.mkfifo(ctx.i / "pipe.yaml"), copy("quasi.yaml", H.QUASI_YAML)),
         ("run", "{i}/pipe.yaml", "{i}/quasi.yaml", "--jobs", "2", "--documents-only", "--quiet", *OUT_ARGS), 1,
         ("pipe.yaml",), prefix="✗", sub=True, seconds=10,
         changes=RUN_OK + ("out/quasi-example", "out/quasi-example/*"), check=expect_folders("quasi-example")),
    Case("run-batch-20-with-5-broken", org_copies(BATCH_20),
         ("run", "{batch}", "--documents-only", "--quiet", "--jobs", "2", *OUT_ARGS), 1,
         tuple(BATCH_BROKEN), prefix="✗", changes=("out", "out/*"), check=check_batch_20,
         sub=True),  # a subprocess: --jobs 2 starts a fork server, which must not outlive this test in pytest
]


# --- running a case --------------------------------------------------------------------------------------------------


def snapshot(root: Path, skip: str | None = "home") -> dict[str, str]:
    """Every file and folder under ``root`` (but ``skip/``), hidden ones included: path → sha256, «<dir>», the target
    of a link or «<special>» (a named pipe is never opened)."""
    state = {}
    if not root.exists():
        return state
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if skip and (rel == skip or rel.startswith(f"{skip}/")):
            continue
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            state[rel] = f"<link {os.readlink(path)}>"
        elif stat.S_ISDIR(mode):
            state[rel] = "<dir>"
        elif not stat.S_ISREG(mode):
            state[rel] = "<special>"
        else:
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            state[rel] = digest.hexdigest()
    return state


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def subprocess_env(ctx: Ctx, **extra: str) -> dict[str, str]:
    env = dict(os.environ, VAKR_HOME=str(ctx.home), PYTHONDONTWRITEBYTECODE="1", MPLBACKEND="Agg")
    env.update(extra)
    env.pop("VAKR_CALENDAR", None)
    env.pop("PYTHONWARNINGS", None)
    return env


def run_subprocess(argv: list[str], ctx: Ctx, timeout: float, env: dict[str, str] | None = None) -> Result:
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "vakr.cli", *argv], cwd=ctx.tmp,
                            env=subprocess_env(ctx, **(env or {})),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=_limit_memory)
    try:
        out, err = proc.communicate(timeout=timeout)
        code: int | str = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        code = "timeout"
    return Result(code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), time.perf_counter() - started)


def run_inprocess(argv: list[str], ctx: Ctx, monkeypatch, capsys, env: dict[str, str] | None = None) -> Result:
    monkeypatch.chdir(ctx.tmp)
    monkeypatch.setenv("VAKR_HOME", str(ctx.home))
    for key, value in (env or {}).items():
        monkeypatch.setenv(key, value)
    # `vakr --calendar FILE` sets VAKR_CALENDAR in os.environ: setenv first, so that monkeypatch records the variable
    # as absent and removes it after the test (delenv of an absent variable records nothing).
    monkeypatch.setenv("VAKR_CALENDAR", "")
    monkeypatch.delenv("VAKR_CALENDAR")
    capsys.readouterr()
    started = time.perf_counter()
    crash = ""
    try:
        code: int | str = main(argv)
    except SystemExit as exc:  # argparse
        code = exc.code if isinstance(exc.code, int) else 2
    except BaseException:  # noqa: BLE001 - an uncaught exception is what the test reports
        code, crash = "crash", traceback.format_exc()
    out, err = capsys.readouterr()
    return Result(code, out, err + crash, time.perf_counter() - started)


def _excerpt(result: Result, limit: int = 1500) -> str:
    return (f"exit {result.code} after {result.seconds:.1f} s\n--- stdout ---\n{result.out[:limit]}\n"
            f"--- stderr ---\n{result.err[-limit:]}")


def check_case(case: Case, ctx: Ctx, before: dict[str, str], result: Result,
               home_before: dict[str, str] | None = None) -> None:
    shown = _excerpt(result)
    # (a) the exit code, in time
    assert result.code != "timeout", f"no answer within the time limit\n{shown}"
    assert result.code == case.code, f"exit code {result.code}, expected {case.code}\n{shown}"
    if case.seconds is not None:
        assert result.seconds <= case.seconds, f"took {result.seconds:.1f} s (limit {case.seconds} s)\n{shown}"
    # (c) no traceback, no Python class names
    for name, text in (("stdout", result.out), ("stderr", result.err)):
        raw = RAW_PYTHON.search(text)
        assert raw is None, f"{name} shows «{raw.group(0)}»\n{shown}"
    # (b) a Russian message that starts right and names the file and the place
    stream = case.stream or ("err" if case.code else "out")
    message = result.err if stream == "err" else result.out
    if case.code:
        assert CYRILLIC.search(message), f"no Russian message on std{stream}\n{shown}"
        if case.prefix:
            assert message.lstrip().startswith(case.prefix), f"the message must start with «{case.prefix}»\n{shown}"
        else:
            assert "ошибка" in message.lower(), shown
        if case.code in (2, 3) and case.quiet_stdout:
            if "--json" in case.argv:  # a program reads stdout: the problems, coded and placed, and nothing else
                data = json.loads(result.out)
                assert data["ok"] is False and data["exit_code"] == case.code, shown
                assert data["problems"] and all(p["code"] and CYRILLIC.search(p["message"]) for p in data["problems"])
            else:
                assert result.out.strip() == "", f"stdout must stay empty when the command fails\n{shown}"
    for fragment in case.fragments:
        options = fragment if isinstance(fragment, AnyOf) else (fragment,)
        wanted = [ctx.fmt(f) for f in options]
        assert any(w in message for w in wanted), f"std{stream} lacks «{' | '.join(wanted)}»\n{shown}"
    # (d) + (e) inputs unchanged, no partial output, previous documents byte-identical, no temporary files
    after = snapshot(ctx.tmp)
    allowed = [ctx.fmt(p) for p in case.changes]
    changed = sorted(p for p in set(before) | set(after)
                     if before.get(p) != after.get(p) and not any(fnmatch.fnmatchcase(p, a) for a in allowed))
    assert not changed, "files created, changed or removed: " + ", ".join(
        f"{p} ({'new' if p not in before else 'gone' if p not in after else 'changed'})" for p in changed[:12]) + (
        f"\n{shown}")
    # (a batch's record for --resume is hidden on purpose)
    leftovers = [p for p in after if (Path(p).name.startswith(".") and Path(p).name != ".vakr-run.jsonl")
                 or p.endswith(".tmp")]
    assert not leftovers, f"temporary files left: {leftovers}"
    if case.code:  # a failed command changes nothing in the user's vakr folder either
        assert snapshot(ctx.home, None) == home_before, "VAKR_HOME changed by a failed command"
    if case.check:
        case.check(ctx, result)


# Previous complete sets of documents (for «never lost work»), written once per module.
_PREVIOUS: dict[str, Path] = {}


@pytest.fixture(scope="module", autouse=True)
def previous_sets(tmp_path_factory):
    catalogue = load_catalogue()
    root = tmp_path_factory.mktemp("previous")
    for key, source in (("sparse", H.SPARSE_YAML), ("akimat", H.AKIMAT_YAML), ("quasi", H.QUASI_YAML)):
        org = load_organisation(source, catalogue)
        write_documents(evaluate(org, catalogue), root / key, catalogue)
        _PREVIOUS[key] = root / key
    yield _PREVIOUS


def _ids(cases: list[Case]) -> list[str]:
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    return ids


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_hostile_input(case: Case, tmp_path, monkeypatch, capsys):
    ctx = Ctx(tmp_path)
    if case.build:
        case.build(ctx)
    argv = [part for arg in case.argv for part in (ctx.fmt(arg).split(" ") if arg == "{batch}" else [ctx.fmt(arg)])]
    env = {key: ctx.fmt(value) for key, value in case.env}
    before, home_before = snapshot(tmp_path), snapshot(ctx.home, None)
    if case.sub:
        # Past its time limit a case has failed; wait a little longer only to show what the command says then.
        timeout = SUBPROCESS_TIMEOUT if case.seconds is None else min(SUBPROCESS_TIMEOUT, 1.5 * case.seconds + 5)
        result = run_subprocess(argv, ctx, timeout, env)
    else:
        result = run_inprocess(argv, ctx, monkeypatch, capsys, env)
    check_case(case, ctx, before, result, home_before)


def test_the_corpus_is_large_enough():
    """At least 80 broken and hostile inputs, across every command."""
    commands = {next(a for a in c.argv if not a.startswith("-") and not a.startswith("{")) for c in CASES}
    assert len(CASES) >= 80
    assert {"new", "validate", "evaluate", "report", "run", "schedule", "calendar", "catalogue"} <= commands


# --- text that must come through `vakr report` literally ------------------------------------------------------------

HOSTILE_TEXTS = {
    "hyperlink-formula": '=HYPERLINK("http://example.com/steal","Открыть приложение")',
    "dde-command": "+cmd|' /C calc'!A0",
    "at-formula": "@SUM(1)",
    "minus-formula": "-2+3 сотрудника",
    "script-tag": "<script>alert('ВАКР')</script>",
    "jinja-variable": "{{ organisation }}",
    "jinja-block": "{% for x in range(10**9) %}",
    "cdata-end": "]]> и <![CDATA[",
    "kazakh-letters": f"Тексеру: {H.KAZAKH} {H.KAZAKH.upper()} — қаржы бөлімі",
}
HOSTILE_NAME = f"ГУ «{H.KAZAKH.upper()} — Әкімдік аппараты»"


def _docx_text(path: Path) -> str:
    """All text of a DOCX (paragraphs, tables, headers), each paragraph's runs joined."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    parts = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                root = etree.fromstring(z.read(name))
                for p in root.iter(f"{w}p"):
                    parts.append("".join(t.text or "" for t in p.iter(f"{w}t")))
    return " ".join(" ".join(parts).split())


def _xlsx_cells(path: Path) -> list[tuple[str, str]]:
    wb = openpyxl.load_workbook(path)
    return [(str(c.value), c.data_type) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    """`vakr report` on sparse-land with hostile texts in the descriptions of organisational risks and a Kazakh name."""
    tmp = tmp_path_factory.mktemp("hostile-report")
    data = yaml.safe_load(H.sparse_text())
    catalogue = load_catalogue()
    org_findings = [f for f in data["findings"] if catalogue.group_of(f["indicator"]).code.startswith("org.")]
    for finding, text in zip(org_findings, HOSTILE_TEXTS.values()):
        finding["description"] = text
    data["profile"]["name"] = HOSTILE_NAME
    data["positions"][0]["title"] = f"Бас маман {H.KAZAKH}"
    for finding in data["findings"]:
        finding["positions"] = []
    source = tmp / "hostile.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before = source.read_bytes()
    out = tmp / "out"
    proc = subprocess.run([sys.executable, "-m", "vakr.cli", "report", str(source), "--out", str(out)],
                          cwd=tmp, capture_output=True, text=True, timeout=SUBPROCESS_TIMEOUT,
                          env={k: v for k, v in os.environ.items() if k != "VAKR_CALENDAR"} | {
                              "VAKR_HOME": str(tmp / "home")})
    assert source.read_bytes() == before
    return proc, out


def test_hostile_texts_report_succeeds(hostile_report):
    proc, out = hostile_report
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert not RAW_PYTHON.search(proc.stdout + proc.stderr), proc.stderr[-2000:]
    assert sorted(p.name for p in out.iterdir()) == sorted(H.DOCUMENTS)


@pytest.mark.parametrize("text", list(HOSTILE_TEXTS.values()) + [HOSTILE_NAME], ids=list(HOSTILE_TEXTS) + ["name"])
def test_hostile_text_appears_literally(hostile_report, text):
    proc, out = hostile_report
    assert proc.returncode == 0, proc.stderr[-2000:]
    for document in ("report.docx", "plan.docx"):
        assert text in _docx_text(out / document), f"{document} does not show «{text}» literally"
    cells = [(value, kind) for value, kind in _xlsx_cells(out / "plan.xlsx") if text in value]
    assert cells, f"plan.xlsx does not show «{text}»"
    assert all(kind == "s" for _, kind in cells), f"plan.xlsx holds «{text}» as {cells} (must be text cells)"


def test_kazakh_position_title_in_positions(hostile_report):
    proc, out = hostile_report
    assert proc.returncode == 0, proc.stderr[-2000:]
    title = f"Бас маман {H.KAZAKH}"
    assert title in _docx_text(out / "positions.docx")
    assert (title, "s") in _xlsx_cells(out / "positions.xlsx")


LONG_RU = ("Государственное учреждение «Управление цифровизации, оказания государственных услуг, архивов и"
           " документационного обеспечения акимата Сарыаркинской области»")
LONG_KK = ("«Сарыарқа облысы әкімдігінің цифрландыру, мемлекеттік қызметтер көрсету, архивтер және құжаттамалық"
           " қамтамасыз ету басқармасы» коммуналдық мемлекеттік мекемесі")
LONG_NAME = f"{LONG_RU}; {LONG_KK}"


def test_316_character_bilingual_name(tmp_path, monkeypatch, capsys):
    """Today python-docx refuses a core property longer than 255 characters: the metadata title is cut with «…»,
    the body keeps the full name."""
    assert len(LONG_NAME) == 316
    text = H.with_slug(H.QUASI_YAML.read_text(encoding="utf-8"), "long-name")
    text = re.sub(r"(?m)^  name: .*$", f"  name: {LONG_NAME}", text, count=1)
    ctx = Ctx(tmp_path)
    (ctx.i / "long.yaml").write_text(text, encoding="utf-8")
    result = run_inprocess(["report", str(ctx.i / "long.yaml"), "--out", str(ctx.out)], ctx, monkeypatch, capsys)
    assert result.code == 0, _excerpt(result)
    assert not RAW_PYTHON.search(result.out + result.err), _excerpt(result)
    assert sorted(p.name for p in ctx.out.iterdir()) == sorted(H.DOCUMENTS)
    assert LONG_NAME in _docx_text(ctx.out / "report.docx")
    # the plan names it after the head's position, in the genitive («Государственного учреждения «…»»), whole
    assert name_in_genitive(LONG_NAME) in _docx_text(ctx.out / "plan.docx")
    assert name_in_genitive(LONG_NAME).endswith(LONG_NAME.split(" ", 2)[2])
    import docx

    for name in ("report.docx", "plan.docx", "positions.docx"):
        props = docx.Document(ctx.out / name).core_properties
        for key in ("title", "subject", "keywords", "comments"):
            value = getattr(props, key) or ""
            assert len(value) <= 255, f"{name}: {key} has {len(value)} characters"
            if LONG_NAME[:100] in value and LONG_NAME not in value:
                assert value.endswith("…"), f"{name}: a cut {key} ends with «…»: {value[-20:]!r}"
    for name in ("plan.xlsx", "positions.xlsx"):
        props = openpyxl.load_workbook(ctx.out / name).properties
        for key in ("title", "subject"):
            value = getattr(props, key) or ""
            assert len(value) <= 255, f"{name}: {key} has {len(value)} characters"


# --- Ctrl-C in a batch; a read-only folder ----------------------------------------------------------------------------


def _processes_with(marker: str) -> list[int]:
    """Processes whose environment carries ``marker`` (the run's own workers and notebook kernels)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if marker.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the run's processes")
def test_ctrl_c_in_a_batch_leaves_complete_folders_only(tmp_path):
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) ~2 s into `vakr run` of 6 organisations
    (the notebook path, so the interrupt lands in the middle of the work): exit code 130, every `out/<slug>/` is
    absent or complete, nothing temporary is left visible, and no worker or kernel outlives the command."""
    ctx = Ctx(tmp_path)
    specs = [(f"org-{n}.yaml", "quasi" if n % 2 else "akimat") for n in range(1, 7)]
    org_copies(specs)(ctx)
    marker = f"VAKR_HOSTILE_TEST={uuid.uuid4().hex}"
    key, value = marker.split("=")
    argv = [sys.executable, "-m", "vakr.cli", "run", *ctx.vars["batch"].split(" "), "--out", str(ctx.out),
            "--jobs", "2", "--quiet"]
    before = {p: p.read_bytes() for p in ctx.i.iterdir()}
    proc = subprocess.Popen(argv, cwd=tmp_path, env=subprocess_env(ctx, **{key: value}), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while not ctx.out.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        time.sleep(2)
        assert proc.poll() is None, "the batch finished before the interrupt; the test needs a longer run"
        os.killpg(proc.pid, signal.SIGINT)
        interrupted = time.monotonic()
        try:
            out, err = proc.communicate(timeout=SUBPROCESS_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            pytest.fail(f"vakr run did not stop within {SUBPROCESS_TIMEOUT} s of Ctrl-C: {err[-1500:]!r}")
        stopped = time.monotonic() - interrupted
        out, err = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
        assert proc.returncode == 130, f"exit {proc.returncode}\n{err[-2000:]}"
        assert not RAW_PYTHON.search(out + err), err[-2000:]
        assert CYRILLIC.search(err), err
        deadline = time.monotonic() + 10
        while _processes_with(marker) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _processes_with(marker), "workers or notebook kernels outlived the interrupted run"
        slugs = {Path(f).stem for f, _ in specs}
        entries = sorted(p.relative_to(ctx.out).as_posix() for p in ctx.out.rglob("*")) if ctx.out.exists() else []
        hidden = [e for e in entries if (any(part.startswith(".") for part in e.split("/"))
                                         and e != ".vakr-run.jsonl") or e.endswith(".tmp")]
        assert not hidden, f"temporary files or folders left: {hidden}"
        for entry in ctx.out.iterdir() if ctx.out.exists() else []:
            if entry.is_dir():
                assert entry.name in slugs, f"unexpected folder {entry.name}"
                folder_complete(entry)
        assert {p: p.read_bytes() for p in ctx.i.iterdir()} == before
        # Ctrl-C means «stop now»: a user who waits longer presses it again or kills the terminal.
        assert stopped <= CTRL_C_SECONDS, f"exit 130 only {stopped:.1f} s after Ctrl-C (limit {CTRL_C_SECONDS} s)"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        for pid in _processes_with(marker):  # only the processes this test started (they carry its marker)
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permission bits (CI runs as root): unwritable outputs are"
                                               " covered there by --out under a file, a folder named plan.xlsx, etc.")
def test_read_only_out_folder(tmp_path, monkeypatch, capsys):
    ctx = Ctx(tmp_path)
    shutil.copy(H.QUASI_YAML, ctx.i / "org.yaml")
    ctx.out.mkdir()
    ctx.out.chmod(0o500)
    try:
        before = snapshot(tmp_path)
        result = run_inprocess(["report", str(ctx.i / "org.yaml"), "--out", str(ctx.out)], ctx, monkeypatch, capsys)
        check_case(Case("read-only", None, (), 2, ("out",)), ctx, before, result)
    finally:
        ctx.out.chmod(0o700)
