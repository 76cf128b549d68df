"""`vakr monitor init`: the «Исполнение плана» of an organisation's file, one row per measure of its approved plan.

The measures come from the plan the analyst had approved (``plan.xlsx`` written by ``vakr report``, perhaps edited
before approval: its «№ п/п», measure, responsible and due date are read as they stand) or, without it, from the
organisation's own evaluation, numbered as the plan documents number them (:func:`vakr.documents.tables.plan_rows`).

Nothing recorded is lost: a file whose «Исполнение плана» already has rows is refused unless ``force``, and then
the statuses, dates, proofs and comments already recorded are kept for the measures of the same number. A workbook
is changed only in that sheet (the year's other sheets are added if it has none: a workbook from before them); a
YAML file only in its ``year.plan_execution`` list, its comments kept. Both are written atomically.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from vakr import safe_yaml
from vakr.documents.tables import columns, plan_rows
from vakr.errors import InputError
from vakr.evaluation.evaluate import evaluate
from vakr.formatting import month_names, plural
from vakr.io_files import write_atomic
from vakr.methodology.catalogue import Catalogue
from vakr.organisation.excel import cells
from vakr.organisation.excel.layout import INSTRUCTIONS, _norm, instruction_rows
from vakr.organisation.excel.open import WorkbookRefused, open_workbook, used_rows
from vakr.organisation.excel.year_sheets import (
    YEAR_LISTS,
    YEAR_SECTION,
    YEAR_SHEET_TITLES,
    YEAR_SHEETS,
    applies,
    year_instructions,
    year_lists_sheet,
    year_sheet,
)
from vakr.organisation.load import EXCEL_SUFFIXES, read_organisation
from vakr.organisation.model import Organisation
from vakr.organisation.validation import plan_number, validate
from vakr.organisation.values import BadValue
from vakr.organisation.yaml import dump_data, dump_yaml, fill_empty, year_to_data
from vakr.organisation.year import PlanExecution
from vakr.organisation.year_titles import choice_titles
from vakr.problems import Place, Problem, errors_of

SHEET = next(s for s in YEAR_SHEETS if s.field == "plan_execution")
# What the analyst records about a measure (kept by ``force`` for the same number).
RECORDED = ("status", "done_on", "proof_number", "proof_date", "proof_link", "comment")
_MEASURE_NUMBER = re.compile(r"^\d+\.\d+\.\d+\.?$")  # «1.2.1.»: a measure; «1.» a unit, «1.2.» an indicator
_MONTHS = tuple(name.casefold() for name in month_names("ru", "genitive"))  # «января» … «декабря»
_MARKS = ("◊", "(предварительно)")
_HEADER = "Исполнение плана не заполнено:"


def init_plan_execution(org_path: str | Path, catalogue: Catalogue, plan: Path | None = None, *,
                        force: bool = False) -> Path:
    """Fill the «Исполнение плана» of the organisation's workbook (or ``year.plan_execution`` of its YAML file)
    with one row per measure of the plan ``plan`` (``plan.xlsx``), or of the organisation's evaluation when no plan
    is given; return the path written. :class:`InputError` (Russian) when the file or the plan cannot be read, the
    plan has no measures, or the sheet already has rows and ``force`` is not given."""
    path = Path(org_path)
    plan = Path(plan) if plan is not None else None
    org = read_organisation(path, catalogue)
    where = Place(file=path.name, sheet=SHEET.title) if path.suffix.lower() in EXCEL_SUFFIXES else Place(
        file=path.name, path="year.plan_execution")
    existing = org.year.plan_execution
    if existing and not force:
        raise InputError.single(
            "monitor.plan_execution_exists",
            f"исполнение плана уже заполнено ({plural(len(existing), 'мероприятие', 'мероприятия', 'мероприятий')});"
            " чтобы заполнить его заново по плану, укажите --force: статусы, даты и подтверждающие документы, уже записанные для мероприятий с теми же"
            " номерами, сохранятся, строки других номеров будут удалены", where, header=_HEADER)
    rows = plan_measures(plan, catalogue) if plan is not None else evaluation_measures(org, catalogue)
    if not rows:
        source = f"в плане {plan.name}" if plan is not None else "по рискам организации"
        raise InputError.single("monitor.no_measures", f"{source} нет мероприятий: заполнять нечего", where,
                                header=_HEADER)
    rows = keep_recorded(rows, existing)
    updated = org.model_copy(update={"year": org.year.model_copy(update={"plan_execution": rows})})
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return _write_workbook(path, catalogue, updated)
    return write_atomic(path, yaml_with_plan(path.read_text(encoding="utf-8-sig"), updated))


# --- the measures -----------------------------------------------------------------------------------------------


def evaluation_measures(org: Organisation, catalogue: Catalogue) -> list[PlanExecution]:
    """The measures of the plan vakr writes for ``org``, numbered as in the plan documents."""
    errors = [p for p in errors_of(validate(org, catalogue)) if not (p.field or "").startswith("year.")]
    if errors:
        raise InputError(errors, header=f"Файл {org.origin}: найдено ошибок: {len(errors)}")
    return [PlanExecution(number=row.number, measure=row.measure, due=row.due, responsible=list(row.responsible))
            for row in plan_rows(evaluate(org, catalogue)) if row.level == 3 and row.due is not None]


def _unmarked(text: str) -> str:
    for mark in _MARKS:
        text = text.replace(mark, " ")
    return " ".join(text.split())


def plan_date(value: Any) -> dt.date:
    """A due date of the plan: a date cell, «29 июня 2026 года», «29.06.2026»; marks «◊», «(предварительно)»
    ignored."""
    if isinstance(value, (dt.date, dt.datetime)):
        return cells.date(value)
    text = _unmarked(str(value)).casefold()
    match = re.fullmatch(r"(\d{1,2})\s+([^\W\d_]+)\s+(\d{4})(?:\s*(?:года|год|г\.?))?", text)
    if match and match.group(2) in _MONTHS:
        try:
            return dt.date(int(match.group(3)), _MONTHS.index(match.group(2)) + 1, int(match.group(1)))
        except ValueError:
            raise BadValue(f"такой даты нет: «{text}»", "value.impossible_date") from None
    try:
        return cells.date(text)
    except ValueError:
        raise BadValue(f"ожидается дата («29 июня 2026 года» или ДД.ММ.ГГГГ), указано «{text}»", "value.date") from None


def plan_measures(plan: Path, catalogue: Catalogue) -> list[PlanExecution]:
    """The measures of ``plan.xlsx`` (the plan vakr writes, as approved): «№ п/п», measure, responsible, due date;
    every problem of the file at once, each naming its sheet, row and column."""
    plan = Path(plan)
    try:
        wb = open_workbook(plan, "сформируйте план командой `vakr report`")
    except WorkbookRefused as exc:
        raise InputError.single(exc.code, str(exc), Place(file=plan.name), header=_HEADER) from None
    titles = columns(catalogue, "table.plan")
    wanted = {"number": titles[0], "measure": titles[2], "responsible": titles[4], "due": titles[5]}
    for ws in wb.worksheets:
        for head in used_rows(ws, 1):
            found = {_norm(ws.cell(head, c).value): c for c in range(1, min(ws.max_column, 30) + 1)}
            if all(_norm(title) in found for title in titles):  # the six columns of the plan's table
                col = {key: found[_norm(title)] for key, title in wanted.items()}
                return _plan_table(plan, ws, head, col, wanted)
    raise InputError.single("plan.no_table", f"не найдена таблица плана мероприятий (строка заголовков со столбцами"
                            f" {', '.join(f'«{t}»' for t in titles)}); укажите план, сформированный"
                            " командой `vakr report` (plan.xlsx)", Place(file=plan.name), header=_HEADER)


def _plan_table(plan: Path, ws: Worksheet, head: int, col: dict[str, int], headers: dict[str, str]) -> list[PlanExecution]:
    problems: list[Problem] = []
    rows: list[PlanExecution] = []
    seen: dict[str, int] = {}

    def place(row: int, key: str) -> Place:
        return Place(file=plan.name, sheet=ws.title, row=row, column=get_column_letter(col[key]), header=headers[key])

    for row in used_rows(ws, head + 1):
        number = _unmarked(str(ws.cell(row, col["number"]).value or ""))
        if not _MEASURE_NUMBER.match(number):
            continue
        if plan_number(number) in seen:
            problems.append(Problem(code="plan.repeated_number", place=place(row, "number"),
                                    message=f"номер «{number}» уже указан в строке {seen[plan_number(number)]}"))
            continue
        seen[plan_number(number)] = row
        measure = _unmarked(str(ws.cell(row, col["measure"]).value or ""))
        responsible = [_unmarked(line) for line in cells.multi(ws.cell(row, col["responsible"]).value)]
        if not measure:
            problems.append(Problem(code="value.missing", place=place(row, "measure"), message="не указано мероприятие"))
        due_value = ws.cell(row, col["due"]).value
        try:
            if cells.empty(due_value):
                raise BadValue("не указан срок завершения", "value.missing")
            due = plan_date(due_value)
        except ValueError as exc:
            problems.append(Problem(code=BadValue.code_of(exc), place=place(row, "due"), message=str(exc)))
            continue
        if measure:
            rows.append(PlanExecution(number=number, measure=measure, due=due, responsible=[r for r in responsible if r]))
    if problems:
        raise InputError(problems, header=f"Файл {plan.name}: найдено ошибок: {len(problems)}")
    return rows


def keep_recorded(rows: list[PlanExecution], existing: list[PlanExecution]) -> list[PlanExecution]:
    """The new rows with what was already recorded for the measures of the same number (status, dates, proofs)."""
    recorded: dict[str, PlanExecution] = {}
    for item in existing:
        recorded.setdefault(plan_number(item.number), item)
    kept = []
    for row in rows:
        old = recorded.get(plan_number(row.number))
        kept.append(row.model_copy(update={k: getattr(old, k) for k in RECORDED}) if old is not None else row)
    return kept


# --- writing ----------------------------------------------------------------------------------------------------


def _write_workbook(path: Path, catalogue: Catalogue, org: Organisation) -> Path:
    """Replace the «Исполнение плана» of the workbook (formulas and the other sheets as they are); a workbook from
    before the year's sheets gets all of them."""
    with warnings.catch_warnings():  # openpyxl warns about styles it does not know; the file was read already
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
    org_type = org.profile.type
    titles = choice_titles(catalogue)
    for sheet in YEAR_SHEETS:
        if sheet is SHEET:
            index = wb.sheetnames.index(sheet.title) if sheet.title in wb.sheetnames else None
            if index is not None:
                wb.remove(wb[sheet.title])
            year_sheet(wb, sheet, org.year.plan_execution, titles, index)
        elif sheet.title not in wb.sheetnames and applies(sheet, catalogue, org_type):
            year_sheet(wb, sheet, [], titles)
    year_lists_sheet(wb, catalogue, org_type)
    _explain_year(wb, catalogue, org)
    # The order of a new workbook: the ВАКР's sheets (and any the analyst added), the year's, their lists.
    year_titles = [t for t in YEAR_SHEET_TITLES if t in wb.sheetnames]
    order = [n for n in wb.sheetnames if n not in YEAR_SHEET_TITLES and n != YEAR_LISTS] + year_titles + [YEAR_LISTS]
    for position, name in enumerate(order):
        current = wb.sheetnames.index(name)
        if current != position:
            wb.move_sheet(name, position - current)
    wb.calculation.fullCalcOnLoad = True
    return write_atomic(path, lambda tmp: wb.save(tmp))


def _explain_year(wb: openpyxl.Workbook, catalogue: Catalogue, org: Organisation) -> None:
    """A workbook from before the year's sheets gets their rows in «Инструкция» too, after its own rows."""
    if INSTRUCTIONS not in wb.sheetnames:
        return
    ws = wb[INSTRUCTIONS]
    if any(ws.cell(r, 1).value == YEAR_SECTION for r in range(1, ws.max_row + 1)):
        return
    instruction_rows(ws, year_instructions(catalogue, org.profile.type, org.year), start=ws.max_row + 1)


def _block(key: str, data: Any, indent: int, newline: str) -> list[str]:
    """``key:`` and its YAML value, indented by ``indent`` spaces, as lines."""
    text = dump_data({key: data})
    return [" " * indent + line + newline for line in text.splitlines()]


def yaml_with_plan(text: str, org: Organisation) -> str:
    """The YAML text with ``year.plan_execution`` replaced by that of ``org``, the rest of the text (comments too)
    as it was; the whole file rewritten from ``org`` if the text cannot be edited in place safely."""
    try:
        edited = _splice(text, org)
        raw = safe_yaml.compose(edited)[1]
        fill_empty(raw)
        if Organisation.model_validate(raw).model_dump() == org.model_dump():
            return edited
    except (safe_yaml.YamlRefused, yaml.YAMLError, ValueError, TypeError, AttributeError):
        pass
    return dump_yaml(org)


def _splice(text: str, org: Organisation) -> str:
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    records = year_to_data(org.year)["plan_execution"]
    root = safe_yaml.compose(text)[0]
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise ValueError("not a block mapping")
    year = next(((k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "year"), None)
    if year is None:  # no «year:» yet: added at the end
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        return "".join(lines + _block("year", {"plan_execution": records}, 0, newline))
    key, value = year
    if not isinstance(value, yaml.MappingNode) or value.flow_style or not value.value:
        # «year:» with nothing under it, or «year: {}»: the key's lines replaced
        end = value.end_mark.line + 1
        if value.end_mark.line > key.start_mark.line and value.end_mark.column == 0:
            end -= 1  # an empty value ends where the next line starts
        return "".join(lines[: key.start_mark.line] + _block("year", {"plan_execution": records}, 0, newline)
                       + lines[end:])
    plan = next(((k, v) for k, v in value.value if isinstance(k, yaml.ScalarNode) and k.value == "plan_execution"),
                None)
    if plan is None:  # inserted before the first list of «year:»
        first = value.value[0][0]
        return "".join(lines[: first.start_mark.line] + _block("plan_execution", records, first.start_mark.column,
                                                                newline) + lines[first.start_mark.line:])
    plan_key, plan_value = plan
    block_sequence = isinstance(plan_value, yaml.SequenceNode) and not plan_value.flow_style and plan_value.value
    # A block list ends where the next key starts (that line is kept); anything else ends on its own line.
    end = plan_value.end_mark.line if block_sequence else plan_value.end_mark.line + 1
    if block_sequence and plan_value.end_mark.column > 0 and lines[end:end + 1] and \
            lines[end][: plan_value.end_mark.column].strip():
        end += 1  # the list ends within a line (the end of the file without a line break)
    while end - 1 > plan_key.start_mark.line and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1  # blank lines and comments before the next key stay
    return "".join(lines[: plan_key.start_mark.line] + _block("plan_execution", records, plan_key.start_mark.column,
                                                              newline) + lines[max(end, plan_key.start_mark.line + 1):])
