"""Cross-checks of an organisation against the catalogue and the ВАКР schedule.

The model (:mod:`vakr.organisation.model`) checks each value on its own: types, ranges, required text. What needs the
catalogue (indicator codes), other parts of the file (units, positions, the checklist) or the calendar (the ВАКР
schedule) is checked here. :func:`validate` reports every problem at once, each located where the analyst will
find it (``Organisation.locate``): a sheet, row and column of the workbook or a path in the YAML file.

Errors stop the run (:func:`vakr.organisation.load.load_organisation` raises); warnings are shown and the run goes on.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

from pydantic import ValidationError

from vakr.calendar.deadlines import schedule_for_profile
from vakr.errors import VakrError
from vakr.evaluation.checklist import checklist_items
from vakr.formatting import short_date
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import load_catalogue
from vakr.organisation.model import ANSWER_TITLES, ORG_TYPE_TITLES, Organisation
from vakr.problems import Problem, Severity, errors_of, field_path, warnings_of

__all__ = ["BadValue", "Problem", "errors_of", "pydantic_code", "pydantic_message", "salvage", "validate",
           "warnings_of"]

MAX_TEXT = 32767  # the most characters an Excel cell holds (the plan is also written as a workbook)


class BadValue(ValueError):
    """A value a reader cannot take, with the Russian message and the problem's code."""

    def __init__(self, message: str, code: str = "value.invalid"):
        super().__init__(message)
        self.code = code

    @staticmethod
    def code_of(exc: ValueError) -> str:
        return exc.code if isinstance(exc, BadValue) else "value.invalid"


# --- pydantic errors in Russian ----------------------------------------------------------------------------

# Integer fields with a range, by the last element of the error's path.
_RANGES = {"likelihood": (1, 5), "impact": (1, 5)}
_LIST_FIELDS = {
    "working_group": "укажите хотя бы одного члена рабочей группы",
    "units": "укажите хотя бы одно структурное подразделение",
}
_LITERALS = {
    "answer": "ожидается ответ: " + ", ".join(f"{code} ({title})" for code, title in ANSWER_TITLES.items()),
    "work_week": "ожидается 5 или 6 (рабочих дней в неделе)",
}


def shown(value: Any, limit: int = 80) -> str:
    """A value as the analyst typed it, for «указано «…»»."""
    if isinstance(value, dt.datetime):
        text = value.strftime("%d.%m.%Y %H:%M")
    elif isinstance(value, dt.date):
        text = value.strftime("%d.%m.%Y")
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, (dict, list)):
        text = "список" if isinstance(value, list) else "словарь"
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_impossible_date(text: str) -> bool:
    """«2025-02-31», «31.02.2025»: written as a date, but no such day exists."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", text) or re.fullmatch(r"\s*(\d{2})\.(\d{2})\.(\d{4})\s*", text)
    if not match:
        return False
    parts = [int(p) for p in match.groups()]
    year, month, day = parts if len(match.group(1)) == 4 else parts[::-1]
    try:
        dt.date(year, month, day)
    except ValueError:
        return True
    return False


def pydantic_code(err: dict[str, Any]) -> str:
    """The problem code of one pydantic error: the kind of value expected («value.integer», «value.date», …)."""
    kind = err["type"]
    value = err.get("input")
    if kind in ("missing", "string_too_short", "too_short"):
        return "value.missing"
    if kind in ("int_type", "int_parsing", "int_from_float", "greater_than_equal", "less_than_equal", "bool_type"):
        return "value.integer" if kind.startswith("int") or kind.endswith("equal") else "value.invalid"
    if kind.startswith("date"):
        return "value.impossible_date" if isinstance(value, str) and is_impossible_date(value) else "value.date"
    if kind == "literal_error":
        return "value.choice"
    if kind == "extra_forbidden":
        return "field.unknown"
    if kind == "string_too_long":
        return "value.too_long"
    return "value.invalid"


def pydantic_message(err: dict[str, Any], date_format: str = "ДД.ММ.ГГГГ") -> str:
    """The Russian text of one pydantic error (``ValidationError.errors()`` item), without its location."""
    kind = err["type"]
    loc = tuple(err.get("loc", ()))
    field = next((p for p in reversed(loc) if isinstance(p, str)), "")
    value = err.get("input")
    given = f", указано «{shown(value)}»" if not isinstance(value, (dict, list)) and value is not None else ""
    if kind == "missing":
        return "не заполнено обязательное поле"
    if kind == "string_too_short":
        return "не заполнено обязательное поле"
    if kind in ("too_short",) and field in _LIST_FIELDS:
        return _LIST_FIELDS[field]
    if field in _RANGES and kind in (
        "int_type", "int_parsing", "int_from_float", "greater_than_equal", "less_than_equal",
    ):  # fmt: skip
        low, high = _RANGES[field]
        return f"ожидается целое число от {low} до {high}{given}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"ожидается целое число{given}"
    if kind == "greater_than_equal":
        return f"ожидается число не меньше {err.get('ctx', {}).get('ge')}{given}"
    if kind == "less_than_equal":
        return f"ожидается число не больше {err.get('ctx', {}).get('le')}{given}"
    if kind.startswith("date") or kind.startswith("datetime"):
        if isinstance(value, str) and is_impossible_date(value):
            return f"такой даты нет: «{value.strip()}»"
        return f"ожидается дата в формате {date_format}{given}"
    if kind == "literal_error" and field == "type":
        return ("ожидается тип организации: " + ", ".join(f"{code} ({title})" for code, title in ORG_TYPE_TITLES.items())
                + given)
    if kind == "literal_error":
        return _LITERALS.get(field, f"недопустимое значение; допустимо: {err.get('ctx', {}).get('expected')}") + given
    if kind == "string_pattern_mismatch" and field == "slug":
        return (
            "недопустимое имя папки: только латинские строчные буквы, цифры и дефис (не в начале и не в конце),"
            f" не длиннее 64 символов{given}"
        )
    if kind == "string_too_long":
        return f"текст длиннее {err.get('ctx', {}).get('max_length')} знаков — сократите его"
    if kind == "string_type":
        return f"ожидается текст{given}"
    if kind == "extra_forbidden":
        return f"неизвестное поле «{field}» (проверьте написание)"
    if kind == "list_type":
        return f"ожидается список{given}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"ожидается словарь (поле: значение){given}"
    if kind == "bool_type":
        return f"ожидается да или нет{given}"
    if kind == "value_error":
        error = err.get("ctx", {}).get("error")
        return str(error) if error else err.get("msg", "недопустимое значение")
    return f"недопустимое значение ({err.get('msg', kind)}){given}"


# --- cross-checks ------------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.split())


def _rows(org: Organisation, section: str, indices: list[int]) -> str:
    """«строки 3, 7, 12» (workbook rows or YAML lines) of some items of a list, for a message about all of them."""
    places = [str(n) for i in indices if (n := org.locate(section, i).where_in_file) is not None]
    if not places:
        return ""
    shown_places = ", ".join(places[:12]) + (" …" if len(places) > 12 else "")
    return f" (строк{'а' if len(places) == 1 else 'и'} {shown_places})"


def validate(org: Organisation, catalogue: Catalogue | None = None, today: dt.date | None = None,
             check_schedule: bool = True) -> list[Problem]:
    """Every cross-check problem of ``org``: errors and warnings, in the order of the file. ``check_schedule``
    False skips the checks of the ВАКР's dates (when they could not be read)."""
    catalogue = catalogue or load_catalogue()
    problems: list[Problem] = []

    def add(severity: Severity, code: str, key: tuple, message: str) -> None:
        problems.append(Problem(severity=severity, code=code, message=message, place=org.locate(*key),
                                field=field_path(*key)))

    def error(code: str, key: tuple, message: str) -> None:
        add("error", code, key, message)

    def warning(code: str, key: tuple, message: str) -> None:
        add("warning", code, key, message)

    profile = org.profile
    type_title = ORG_TYPE_TITLES.get(profile.type, profile.type)
    items = checklist_items(catalogue, profile.type)
    codes = {item.code: item for item in items}

    def unknown_code(code: str) -> str:
        try:
            catalogue.group_of(code)
        except KeyError:
            return f"неизвестный код индикатора «{code}»: ожидается код из чек-листа"
        return f"индикатор «{code}» не применяется к организациям типа «{type_title}»"

    def known(code: str) -> bool:
        try:
            catalogue.group_of(code)
        except KeyError:
            return False
        return True

    # The checklist.
    first_row: dict[str, int] = {}
    for i, answer in enumerate(org.checklist):
        if answer.indicator not in codes:
            error("checklist.indicator_unknown" if not known(answer.indicator) else "checklist.indicator_not_applicable",
                  ("checklist", i, "indicator"), unknown_code(answer.indicator))
            continue
        if answer.indicator in first_row:
            error("checklist.indicator_repeated", ("checklist", i, "indicator"),
                  f"индикатор «{answer.indicator}» указан в чек-листе повторно"
                  f" (впервые — {org.locate('checklist', first_row[answer.indicator])})")
            continue
        first_row[answer.indicator] = i
        if answer.answer is None:
            warning("checklist.answer_missing", ("checklist", i, "answer"), f"не заполнен ответ по индикатору «{answer.indicator}»")
    missing = [item.code for item in items if item.code not in first_row]
    if missing:
        warning("checklist.indicators_missing", ("checklist",),
                f"не заполнен ответ: в чек-листе нет индикаторов {', '.join(missing)}")

    # Positions.
    units = set(profile.units)
    titles = {_norm(p.title) for p in org.positions}
    seen_positions: set[tuple[str, str]] = set()
    for i, position in enumerate(org.positions):
        if position.unit not in units:
            error("positions.unit_unknown", ("positions", i, "unit"),
                  f"подразделение «{position.unit}» не указано в профиле организации (структурные подразделения)")
        key = (_norm(position.title), position.unit)
        if key in seen_positions:
            warning("positions.repeated", ("positions", i, "title"),
                    f"должность «{position.title}» подразделения «{position.unit}» указана повторно")
        seen_positions.add(key)

    # The schedule (also gives the dates the findings' due dates are compared with).
    schedule = None
    if check_schedule:
        if profile.vakr_end < profile.vakr_start:
            error("schedule.end_before_start", ("profile", "vakr_end"),
                  f"дата завершения ВАКР ({short_date(profile.vakr_end)}) раньше даты начала ({short_date(profile.vakr_start)})")
        try:

            schedule = schedule_for_profile(profile, today=today, catalogue=catalogue)
        except VakrError as exc:  # a date outside the calendar (2020–2035): nothing can be counted
            error("schedule.not_computed", ("profile", "vakr_start"), f"график ВАКР не рассчитан: {exc}")
    if schedule is not None:
        for w in schedule.warnings:
            if w.code == "schedule.end_before_start":
                continue  # reported above
            problems.append(org.placed(w))
    if check_schedule and profile.order.date > profile.vakr_start:
        error("profile.order_after_start", ("profile", "order", "date"),
              f"приказ о проведении ВАКР ({short_date(profile.order.date)}) датирован позже начала ВАКР"
              f" ({short_date(profile.vakr_start)})")
    monitoring_end = approved = None
    if schedule is not None:
        monitoring_end = schedule.event("monitoring_end").date
        approved = schedule.event("plan_approved")
    sections = {s.code: s for s in catalogue.report_sections}
    without_measure: list[int] = []
    without_responsible: list[int] = []

    # Findings.
    for i, finding in enumerate(org.findings):
        if finding.indicator not in codes:
            error("findings.indicator_unknown" if not known(finding.indicator) else "findings.indicator_not_applicable",
                  ("findings", i, "indicator"), unknown_code(finding.indicator))
        else:
            j = first_row.get(finding.indicator)
            given = org.checklist[j].answer if j is not None else None
            if given != "present":
                if j is None:
                    state = "индикатора нет в чек-листе"
                elif given is None:
                    state = f"ответ в чек-листе не заполнен ({org.locate('checklist', j, 'answer')})"
                else:
                    state = (f"в чек-листе указан ответ «{ANSWER_TITLES[given]}»"
                             f" ({org.locate('checklist', j, 'answer')})")
                error("findings.indicator_not_present", ("findings", i, "indicator"),
                      f"риск записан по индикатору «{finding.indicator}», но {state}; риск можно записать только"
                      f" по индикатору с ответом «{ANSWER_TITLES['present']}»")
            if codes[finding.indicator].direction == "npa" and not finding.act:
                error("findings.act_missing", ("findings", i, "act"),
                      "не указан акт: для риска в НПА укажите нормативный правовой акт или внутренний документ и его"
                      " пункт")
            if finding.section and codes[finding.indicator].direction == "org":
                warning("findings.section_ignored", ("findings", i, "section"),
                        "раздел справки указывают только для рисков в НПА: риск в организационно-управленческой"
                        " деятельности попадает в раздел своей сферы, указанный раздел не учитывается")
        if finding.section and finding.section not in sections:
            error("findings.section_unknown", ("findings", i, "section"),
                  f"неизвестный раздел справки «{finding.section}»: ожидается "
                  + ", ".join(f"{s.code} ({s.number}. {s.title})" for s in sections.values()))
        if not finding.measure:
            without_measure.append(i)
        if not finding.responsible:
            without_responsible.append(i)
        if finding.unit not in units:
            error("findings.unit_unknown", ("findings", i, "unit"),
                  f"подразделение «{finding.unit}» не указано в профиле организации (структурные подразделения)")
        for name in finding.positions:
            if _norm(name) not in titles:
                error("findings.position_unknown", ("findings", i, "positions"),
                      f"должность «{name}» не указана в перечне должностей, подверженных коррупционным рискам")
        if finding.due is not None:
            if finding.due < profile.vakr_end:
                warning("findings.due_before_end", ("findings", i, "due"),
                        f"срок исполнения ({short_date(finding.due)}) раньше завершения ВАКР ({short_date(profile.vakr_end)})")
            elif monitoring_end is not None and finding.due > monitoring_end:
                warning("findings.due_after_monitoring", ("findings", i, "due"),
                        f"срок исполнения ({short_date(finding.due)}) позже окончания мониторинга исполнения плана"
                        f" ({short_date(monitoring_end)})")
            elif approved is not None and finding.due <= approved.date:
                when = "указанной даты" if not approved.assumed else "предельного срока"
                warning("findings.due_before_plan", ("findings", i, "due"),
                        f"срок исполнения ({short_date(finding.due)}) не позже утверждения плана мероприятий ({when}"
                        f" {short_date(approved.date)}): мера должна исполняться после утверждения плана")
    seen_findings: dict[tuple[str, str, str], int] = {}
    for i, finding in enumerate(org.findings):
        key = (finding.indicator, _norm(finding.unit), _norm(finding.description).casefold())
        if key in seen_findings:
            earlier = org.locate("findings", seen_findings[key])
            first = f"строки {earlier.where_in_file}" if earlier.where_in_file is not None else str(earlier)
            warning("findings.repeated", ("findings", i),
                    f"риск повторяет риск {first} (тот же индикатор, подразделение и описание) и будет учтён"
                    " дважды: удалите повтор или уточните описание")
        else:
            seen_findings[key] = i
    long_texts = [(i, field) for i, f in enumerate(org.findings) for field in ("act", "description", "measure")
                  if len(getattr(f, field) or "") > MAX_TEXT]
    for i, field in long_texts:
        error("findings.text_too_long", ("findings", i, field),
              f"текст длиннее {MAX_TEXT:,} знаков".replace(",", " ") + " — столько не помещается в ячейку Excel;"
              " сократите его или вынесите подробности в приложение")
    if without_measure:
        warning("findings.measure_suggested", ("findings",),
                f"рекомендуемая мера не указана в {len(without_measure)} из {len(org.findings)} рисков"
                f"{_rows(org, 'findings', without_measure)}: мера, форма завершения и срок будут предложены по"
                " методике и помечены в документах — проверьте их")
    if without_responsible:
        warning("findings.responsible_suggested", ("findings",),
                f"ответственные исполнители не указаны в {len(without_responsible)} из {len(org.findings)} рисков"
                f"{_rows(org, 'findings', without_responsible)}: исполнителем будет указано подразделение риска")
    with_positions = {p.unit for p in org.positions}
    for unit in dict.fromkeys(f.unit for f in org.findings):
        if unit in units and unit not in with_positions:
            warning("positions.unit_without_positions", ("positions",),
                    f"у подразделения «{unit}» есть коррупционные риски, но в перечне нет ни одной его должности"
                    " (лист «Должности»): добавьте должности, подверженные этим рискам")
    return problems


# --- one pass: cross-checks of a file that also has value errors -------------------------------------------

_PLACEHOLDER_DATE = dt.date(2000, 1, 3)
_REQUIRED_DATES = {"vakr_start", "vakr_end", "date"}
_OPTIONAL = {"report_signed", "plan_approved", "due", "staff_headcount", "answer", "name_kk", "comment", "measure",
             "completion_form", "section", "act", "signature"}
_LISTS = {"functions", "positions", "responsible"}
_FIXED = {"likelihood": 1, "impact": 1, "type": "other", "work_week": 5, "name_order": "surname_first",
          "slug": "organisation", "units": ["—"], "working_group": [{"name": "—", "position": "—"}],
          "head": {"name": "—", "position": "—"}, "authorised_person": {"name": "—", "position": "—"},
          "order": {"number": "—", "date": _PLACEHOLDER_DATE}}


def salvage(raw: dict[str, Any], errors: list[dict[str, Any]]) -> tuple[Any, bool]:
    """The organisation with each value that failed the model replaced by a neutral placeholder, so the cross-checks
    can still look at everything else; ``(None, False)`` when the damage is structural (no profile, an item that is
    not a dictionary). The flag says a date of the profile was replaced, so its schedule cannot be checked."""



    data = copy.deepcopy(raw)
    dates_replaced = False
    if not isinstance(data.get("profile"), dict):
        return None, False
    for err in errors:
        loc = tuple(err.get("loc", ()))
        if not loc or not isinstance(loc[-1], str):
            return None, False
        *parents, field = loc
        node: Any = data
        for key in parents:
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                return None, False
        if not isinstance(node, dict):
            return None, False
        if err.get("type") == "extra_forbidden":
            node.pop(field, None)
        elif field == "units" and isinstance(node.get(field), list) and node[field]:
            node[field] = list(dict.fromkeys(str(u) for u in node[field]))  # a unit named twice
        elif field in _FIXED:
            node[field] = copy.deepcopy(_FIXED[field])
        elif field in _REQUIRED_DATES:
            node[field] = _PLACEHOLDER_DATE
            dates_replaced = True
        elif field in _OPTIONAL:
            node[field] = None
        elif field in _LISTS:
            node[field] = []
        else:
            node[field] = "—"
    try:
        return Organisation.model_validate(data), dates_replaced
    except ValidationError:
        return None, False
