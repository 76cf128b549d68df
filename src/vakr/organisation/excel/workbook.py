"""Building the organisation workbook (``vakr new``) and writing an organisation into it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill

from vakr.errors import InputError
from vakr.evaluation.checklist import checklist_items
from vakr.io_files import write_atomic
from vakr.methodology.catalogue import Catalogue
from vakr.organisation.excel.layout import (
    _EMPTY_ANSWER_FILL,
    CHECKLIST,
    CHECKLIST_COLUMNS,
    EMPTY_ROWS,
    INSTRUCTIONS,
    POSITION_COLUMNS,
    POSITIONS,
    PROFILE,
    PROFILE_ROWS,
    RISK_COLUMNS,
    RISKS,
    UNIT_ROWS,
    VERSION_NAME,
    WORKING_GROUP_ROWS,
    profile_rows,
)
from vakr.organisation.excel.sheets import (
    _column_range,
    _instructions,
    _letter,
    _lists_sheet,
    _profile_sheet,
    _section_titles,
    _table_sheet,
)
from vakr.organisation.excel.year_sheets import write_year_sheets, year_instructions
from vakr.organisation.model import (
    ANSWER_TITLES,
    MAX_NAME,
    NAME_ORDER_TITLES,
    ORG_TYPE_TITLES,
    Organisation,
    Person,
    slugify,
)
from vakr.organisation.yaml import template_yaml
from vakr.spreadsheet import add_name, date_validation, list_validation, protect


def _build(catalogue: Catalogue, name: str, org_type: str, org: Organisation | None) -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws_instr = wb.active
    ws_instr.title = INSTRUCTIONS
    _instructions(ws_instr, catalogue, name, year_instructions(catalogue, org_type, org.year if org else None))
    add_name(wb, VERSION_NAME, INSTRUCTIONS, "$B$3")
    ws_profile = wb.create_sheet(PROFILE)
    ws_check = wb.create_sheet(CHECKLIST)
    ws_risks = wb.create_sheet(RISKS)
    ws_pos = wb.create_sheet(POSITIONS)
    names = _lists_sheet(wb, catalogue, org_type)

    # Profile.
    # A row's label → its columns B, C and E (E: the position or the unit's name in Kazakh).
    values: dict[str, tuple[Any, Any, Any]] = {}
    specs = PROFILE_ROWS
    if org is None:
        values = {"Наименование организации": (name, None, None), "Имя папки (латиница)": (slugify(name), None, None),
                  "Тип организации": (ORG_TYPE_TITLES[org_type], None, None), "Рабочая неделя (дней)": (5, None, None)}
    else:
        p = org.profile
        # Room for every member and unit, and some spare rows to add more.
        specs = profile_rows(max(WORKING_GROUP_ROWS, len(p.working_group) + 5), max(UNIT_ROWS, len(p.units) + 5))
        for spec in specs:
            if spec.kind in ("section", "member", "unit"):
                continue
            if spec.kind == "person":
                person: Person = getattr(p, spec.key)
                values[spec.label] = (person.name, person.position, person.position_kk)
                continue
            obj, attr = (p.order, spec.key.split(".")[1]) if "." in spec.key else (p, spec.key)
            value = getattr(obj, attr)
            if spec.kind == "type":
                value = ORG_TYPE_TITLES[value]
            if spec.kind == "name_order":
                value = NAME_ORDER_TITLES[value]
            values[spec.label] = (value, None, None)
        members = [s.label for s in specs if s.kind == "member"]
        units = [s.label for s in specs if s.kind == "unit"]
        for label, person in zip(members, p.working_group):
            values[label] = (person.name, person.position, person.position_kk)
        for label, unit in zip(units, p.units):
            values[label] = (unit, None, p.units_kk.get(unit))
    first_unit, last_unit = _profile_sheet(ws_profile, names, values, specs)
    add_name(wb, "vakr_list_units", PROFILE, f"$B${first_unit}:$B${last_unit}")

    # Checklist.
    items = checklist_items(catalogue, org_type)
    answers = {}
    extra: list[dict[str, Any]] = []
    if org is not None:
        item_codes = {i.code for i in items}
        for a in org.checklist:
            if a.indicator in item_codes and a.indicator not in answers:
                answers[a.indicator] = a
            else:
                extra.append({"indicator": a.indicator, "answer": ANSWER_TITLES.get(a.answer or ""),
                              "comment": a.comment})
    rows: list[dict[str, Any]] = []
    for item in items:
        given = answers.get(item.code)
        rows.append({
            "indicator": item.code,
            "Направление": item.direction_title,
            "Фактор/сфера": f"{item.group_number}. {item.group_title}",
            "№ индикатора": item.number if item.number is not None else "иные",
            "Индикатор": " ".join(item.title.split()),
            "answer": ANSWER_TITLES[given.answer] if given and given.answer else None,
            "comment": given.comment if given else None,
        })
    rows += extra
    _table_sheet(ws_check, CHECKLIST_COLUMNS, rows, len(rows), {}, freeze_cols=1)
    last = len(rows) + 1
    answer_letter = _letter(CHECKLIST_COLUMNS, "answer")
    list_validation(ws_check, names["answers"], f"{answer_letter}2:{answer_letter}{last}", "Ответ",
                    "Выберите ответ из списка: Присутствует, Отсутствует, Не применимо.")
    ws_check.conditional_formatting.add(
        f"{answer_letter}2:{answer_letter}{last}",
        FormulaRule(formula=[f'ISBLANK(${answer_letter}2)'], fill=_EMPTY_ANSWER_FILL),
    )
    protect(ws_check)

    # Risks.
    section_titles = _section_titles(catalogue)
    findings = [f.model_dump() | {"section": section_titles.get(f.section or "", f.section)}
                for f in org.findings] if org else []
    total = len(findings) + EMPTY_ROWS
    last = total + 1
    code, lik, imp = (_letter(RISK_COLUMNS, k) for k in ("indicator", "likelihood", "impact"))
    score = _letter(RISK_COLUMNS, "Балл")
    first_input, last_input = _letter(RISK_COLUMNS, "act"), _letter(RISK_COLUMNS, "impact")
    bands = sorted(catalogue.risk_matrix.bands, key=lambda b: b.min_score)
    band_formula = f'"{bands[0].title}"'
    for band in bands[1:]:
        band_formula = f'IF({{s}}>={band.min_score},"{band.title}",{band_formula})'
    formulas = {
        "№": lambda r: f'=IF(COUNTA({code}{r},{first_input}{r}:{last_input}{r})=0,"",ROW()-1)',
        "Индикатор (подставляется по коду)": lambda r: (
            f'=IF({code}{r}="","",IFERROR(VLOOKUP({code}{r},{names["lookup"]},2,FALSE),"код не найден"))'),
        "Балл": lambda r: f'=IF(AND(ISNUMBER({lik}{r}),ISNUMBER({imp}{r})),{lik}{r}*{imp}{r},"")',
        "Уровень риска": lambda r: f'=IF({score}{r}="","",{band_formula.replace("{s}", f"{score}{r}")})',
    }
    labels = {i.code: f"{i.label}: {' '.join(i.title.split())}" for i in items}
    lookup_letter = _letter(RISK_COLUMNS, "Индикатор (подставляется по коду)")
    _table_sheet(ws_risks, RISK_COLUMNS, findings, total, formulas, freeze_cols=2,
                 shown_text=lambda f: {lookup_letter: labels.get(f.get("indicator") or "", "")})
    list_validation(ws_risks, names["codes"], _column_range(RISK_COLUMNS, "indicator", last), "Код индикатора",
                    "Выберите код индикатора из списка (коды листа «Чек-лист»).")
    list_validation(ws_risks, names["sections"], _column_range(RISK_COLUMNS, "section", last), "Раздел справки",
                    "Выберите раздел аналитической справки из списка (только для рисков в НПА).")
    list_validation(ws_risks, "vakr_list_units", _column_range(RISK_COLUMNS, "unit", last),
                    "Структурное подразделение",
                    "Выберите подразделение из списка (список — на листе «Профиль»).")
    for key, title in (("likelihood", "Вероятность"), ("impact", "Последствия")):
        scale = getattr(catalogue.risk_matrix, key)
        list_validation(ws_risks, names["scores"], _column_range(RISK_COLUMNS, key, last), title,
                        "Выберите целое число от 1 до 5.",
                        prompt="; ".join(f"{lv.value} — {lv.title}" for lv in scale))
    date_validation(ws_risks, _column_range(RISK_COLUMNS, "due", last), "Срок", "Введите дату в формате ДД.ММ.ГГГГ.")
    band_letter = _letter(RISK_COLUMNS, "Уровень риска")
    for band in catalogue.risk_matrix.bands:
        ws_risks.conditional_formatting.add(
            f"{band_letter}2:{band_letter}{last}",
            FormulaRule(formula=[f'${band_letter}2="{band.title}"'],
                        fill=PatternFill("solid", fgColor=band.color.lstrip("#")),
                        font=Font(color="FFFFFF", bold=True)),
        )
    ws_risks.page_setup.orientation = "landscape"
    protect(ws_risks)

    # Positions.
    positions = [p.model_dump() for p in org.positions] if org else []
    total = len(positions) + EMPTY_ROWS
    title, pos_last = _letter(POSITION_COLUMNS, "title"), _letter(POSITION_COLUMNS, "risks")
    _table_sheet(ws_pos, POSITION_COLUMNS, positions, total,
                 {"№": lambda r: f'=IF(COUNTA({title}{r}:{pos_last}{r})=0,"",ROW()-1)'}, freeze_cols=2)
    list_validation(ws_pos, "vakr_list_units", _column_range(POSITION_COLUMNS, "unit", total + 1),
                    "Подразделение", "Выберите подразделение из списка (список — на листе «Профиль»).")
    ws_pos.page_setup.orientation = "landscape"
    protect(ws_pos)

    # The year after the ВАКР: plan execution and the records of projects 2–4, after the sheets above.
    write_year_sheets(wb, catalogue, org_type, org.year if org else None)

    wb.calculation.fullCalcOnLoad = True
    wb.properties.title = f"ВАКР: {name}"[:250]  # the property holds at most 255 characters
    wb.properties.creator = "vakr"
    return wb


def new_workbook(catalogue: Catalogue, name: str, org_type: str = "state_body") -> openpyxl.Workbook:
    """An empty workbook for one organisation: the name, folder name and type filled, every checklist item listed."""
    if org_type not in ORG_TYPE_TITLES:
        raise InputError.single("usage.org_type", f"неизвестный тип организации «{org_type}»; допустимо:"
                                f" {', '.join(ORG_TYPE_TITLES)}",
                                header="Книга не создана:")
    return _build(catalogue, name, org_type, None)


def _save(wb: openpyxl.Workbook, path: Path) -> Path:
    return write_atomic(path, lambda tmp: wb.save(tmp))


def write_workbook(org: Organisation, catalogue: Catalogue, path: str | Path) -> Path:
    """A filled workbook from a model (examples, round trips), written atomically."""
    wb = _build(catalogue, org.profile.name, org.profile.type, org)
    return _save(wb, Path(path))


def create_workbook(name: str, directory: str | Path, catalogue: Catalogue, org_type: str = "state_body",
                    as_yaml: bool = False) -> Path:
    """Write ``<slug>.xlsx`` (or ``<slug>.yaml``) for a new organisation; never overwrites an existing file."""
    if not name or not name.strip():
        raise InputError.single("usage.name_missing", "укажите наименование организации", header="Книга не создана:")
    if len(name.strip()) > MAX_NAME:
        raise InputError.single("usage.name_too_long", f"НАЗВАНИЕ: наименование организации длиннее {MAX_NAME} знаков"
                                f" ({len(name.strip())}); укажите полное официальное наименование без лишнего текста",
                                header="Книга не создана:")
    target = Path(directory) / f"{slugify(name)}.{'yaml' if as_yaml else 'xlsx'}"
    if target.exists():
        raise InputError.single("file.exists", f"файл {target} уже существует; он не будет перезаписан, чтобы не"
                                " потерять данные. Переименуйте или перенесите его, либо укажите другую папку",
                                header="Книга не создана:")
    if as_yaml:
        if org_type not in ORG_TYPE_TITLES:
            raise InputError.single("usage.org_type", f"неизвестный тип организации «{org_type}»; допустимо:"
                                    f" {', '.join(ORG_TYPE_TITLES)}",
                                    header="Книга не создана:")
        return write_atomic(target, template_yaml(catalogue, name.strip(), org_type))
    return _save(new_workbook(catalogue, name.strip(), org_type), target)
