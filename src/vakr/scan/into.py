"""`vakr scan … --into КНИГА`: the candidates as drafts in an organisation's workbook, for the analyst to accept.

A finding of «Риски» needs a unit, a likelihood and an impact (:class:`vakr.organisation.model.Finding`), which a
candidate does not have: a draft row there would make the whole book invalid. The drafts therefore go to a sheet
of their own, «Кандидаты НПА», that the reader of the workbook does not read: one row per candidate with the code
of its indicator (else of its factor), the act and point, the description «Кандидат — проверьте: «…» — …», and an
empty column «Принять» the analyst fills («да»/«нет»). Accepted candidates are carried over to «Риски» by the
analyst, with the unit and the scores; the checklist is never touched.

Nothing is lost: the book is refused while it is open in Excel or LibreOffice (their lock file beside it), or when
it cannot be read as an organisation's workbook; it is changed only after it was read whole, by writing a
temporary file and replacing the book with it. A candidate already on the sheet (same act file, point, rule and
quote) is not added again, so running twice changes nothing.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from vakr.errors import InputError
from vakr.io_files import input_problem, lock_files, write_atomic
from vakr.methodology.catalogue import Catalogue
from vakr.organisation.excel.layout import (
    _CENTER,
    _UNLOCKED,
    _WRAP,
    INSTRUCTIONS,
    MAX_ROWS,
    POSITIONS,
    _norm,
    fit_row,
    header,
    instruction_rows,
)
from vakr.organisation.excel.open import used_rows
from vakr.organisation.load import EXCEL_SUFFIXES, read_organisation
from vakr.problems import Place, Problem
from vakr.scan.model import Act, Candidate
from vakr.scan.table import factor_title, indicator_title, point_label, strength_title
from vakr.spreadsheet import list_validation, table_frame, write

SHEET = "Кандидаты НПА"
COLUMNS = (
    ("№", 6),
    ("Код индикатора", 22),
    ("НПА/документ и пункт", 40),
    ("Описание риска", 60),
    ("Фактор", 28),
    ("Индикатор", 36),
    ("Признак", 14),
    ("Как исправить", 45),
    ("Принять", 12),
    ("Файл акта", 24),
    ("Пункт", 20),
    ("Цитата", 30),
    ("Правило", 24),
)
HEADERS = tuple(title for title, _ in COLUMNS)
ACCEPT = HEADERS.index("Принять") + 1
KEY_COLUMNS = tuple(HEADERS.index(title) + 1 for title in ("Файл акта", "Пункт", "Правило", "Цитата"))
ACCEPT_CHOICES = ("да", "нет")
# Problems that mean the file is not a readable organisation's workbook (its data may be incomplete: the ВАКР is
# under way while acts are scanned, and `vakr validate` reports those).
_UNREADABLE = ("file.", "workbook.", "sheet.")
_HEADER = "Кандидаты не добавлены в книгу:"
INSTRUCTION = ("Лист «Кандидаты НПА»",
               "Места в актах, найденные командой `vakr scan` как возможные коррупционные факторы, — для проверки"
               " рабочей группой; vakr этот лист не читает. В столбце «Принять» отметьте «да» или «нет» (не удаляйте"
               " строки: удалённый кандидат появится снова при следующем запуске). Принятые перенесите на лист"
               " «Риски», указав подразделение, вероятность и последствия, и отметьте индикатор в «Чек-листе».")


@dataclass(frozen=True)
class IntoResult:
    path: Path
    added: int
    already: int  # candidates of this run already on the sheet
    problems: int  # problems of the book's data (not filled yet or wrong): reported by `vakr validate`


def _refuse(path: Path, code: str, message: str) -> InputError:
    return InputError.single(code, message, Place(file=path.name), header=_HEADER)


def check_book(path: str | Path, catalogue: Catalogue) -> int:
    """Refuse (Russian :class:`InputError`) a book that cannot take the candidates: not an Excel workbook, open in
    Excel, unreadable or not an organisation's workbook. Returns the number of problems of its data."""
    path = Path(path)
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        raise _refuse(path, "scan.into_format", "--into: укажите книгу организации Excel (.xlsx), созданную командой"
                      " `vakr new`")
    if problem := input_problem(path):
        raise _refuse(path, "file.unreadable", problem)
    for lock in lock_files(path):
        if lock.exists():
            raise _refuse(path, "scan.into_open", f"книга открыта в Excel или LibreOffice (рядом есть файл {lock.name});"
                          " сохраните и закройте её, затем повторите команду")
    try:
        read_organisation(path, catalogue)
    except InputError as exc:
        unreadable = [p for p in exc.problems if p.code.startswith(_UNREADABLE)]
        if unreadable:
            raise InputError(unreadable, header=f"{_HEADER} книга {path.name} не читается как книга организации"
                             f" (найдено ошибок: {len(unreadable)})") from None
        return len(exc.problems)
    return 0


def _key(file: object, point: object, rule: object, quote: object) -> tuple[str, ...]:
    return tuple(_norm(v) for v in (file, point, rule, quote))


def candidate_key(c: Candidate) -> tuple[str, ...]:
    return _key(c.act, point_label(c), c.rule, c.quote)


def _existing(ws: Worksheet, path: Path) -> tuple[set[tuple[str, ...]], int, int]:
    """The keys of the sheet's rows, its last used row and the number of its rows; refuse a sheet whose columns
    were changed."""
    for c, title in enumerate(HEADERS, start=1):
        if _norm(ws.cell(1, c).value) != _norm(title):
            raise InputError([Problem(code="sheet.header", place=Place(file=path.name, sheet=SHEET, row=1,
                                                                         column=ws.cell(1, c).column_letter),
                                      message=f"ожидается заголовок «{title}»; не переименовывайте и не"
                                              " переставляйте столбцы")], header=_HEADER)
    rows = used_rows(ws)
    keys = {_key(*(ws.cell(r, c).value for c in KEY_COLUMNS)) for r in rows}
    return keys, max(rows, default=1), len(rows)


def _new_sheet(wb: openpyxl.Workbook) -> Worksheet:
    """«Кандидаты НПА» right after «Должности» (before the year's sheets and the lists)."""
    index = wb.sheetnames.index(POSITIONS) + 1 if POSITIONS in wb.sheetnames else len(wb.sheetnames)
    ws = wb.create_sheet(SHEET, index)
    header(ws, list(HEADERS), [w for _, w in COLUMNS])
    table_frame(ws, 1, 1, len(COLUMNS), freeze_cols=1)
    list_validation(ws, '"' + ",".join(ACCEPT_CHOICES) + '"', f"{get_column_letter(ACCEPT)}2:{get_column_letter(ACCEPT)}{MAX_ROWS}", "Принять",
                    "Выберите «да» (перенести в «Риски») или «нет» (отклонить).",
                    "«да» — рабочая группа подтвердила фактор; «нет» — кандидат отклонён")
    if INSTRUCTIONS in wb.sheetnames:
        instructions = wb[INSTRUCTIONS]
        if not any(_norm(instructions.cell(r, 1).value) == _norm(INSTRUCTION[0]) for r in used_rows(instructions, 1)):
            instruction_rows(instructions, [INSTRUCTION], start=max(used_rows(instructions, 1), default=0) + 1)
    return ws


def _row(act: Act, c: Candidate, catalogue: Catalogue) -> tuple[object, ...]:
    place = point_label(c)
    description = f"Кандидат — проверьте: «{c.quote}» — {c.why}" if c.why else f"Кандидат — проверьте: «{c.quote}»"
    return (c.indicator or c.factor, f"{act.title}, {place}", description, factor_title(c, catalogue),
            indicator_title(c, catalogue), strength_title(c), c.fix, None, c.act, place, c.quote, c.rule)


def add_candidates(path: str | Path, scanned: Sequence[tuple[Act, Sequence[Candidate]]],
                   catalogue: Catalogue) -> IntoResult:
    """Append the candidates of ``scanned`` (each act with its candidates) not yet on «Кандидаты НПА» of the
    workbook; the book is written (atomically) only when something was added."""
    path = Path(path)
    problems = check_book(path, catalogue)
    with warnings.catch_warnings():  # openpyxl warns about styles it does not know; the book was read already
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
    ws = wb[SHEET] if SHEET in wb.sheetnames else None
    keys, last, numbered = _existing(ws, path) if ws is not None else (set(), 1, 0)
    added = already = 0
    for act, candidates in scanned:
        for c in candidates:
            key = candidate_key(c)
            if key in keys:
                already += 1
                continue
            keys.add(key)
            if ws is None:
                ws = _new_sheet(wb)
            last += 1
            numbered += 1
            added += 1
            for col, value in enumerate((numbered, *_row(act, c, catalogue)), start=1):
                cell = write(ws.cell(last, col), value) if value is not None else ws.cell(last, col)
                cell.alignment = _CENTER if col in (1, ACCEPT) else _WRAP
                cell.protection = _UNLOCKED
            fit_row(ws, last)
    if added:
        assert ws is not None
        table_frame(ws, 1, last, len(COLUMNS), freeze_cols=1)
        wb.calculation.fullCalcOnLoad = True
        for lock in lock_files(path):  # opened while the acts were scanned?
            if lock.exists():
                raise _refuse(path, "scan.into_open", f"книга открыта в Excel или LibreOffice (рядом есть файл"
                              f" {lock.name}); сохраните и закройте её, затем повторите команду")
        write_atomic(path, lambda tmp: wb.save(tmp))
    return IntoResult(path=path, added=added, already=already, problems=problems)
