"""A value that does not fit the organisation's model, said in Russian, and what can still be checked then.

:class:`BadValue` is what a reader raises for a cell or field it cannot take; :func:`pydantic_code` and
:func:`pydantic_message` turn the model's own errors into the problem's code and message; :func:`salvage` replaces
each failing value by a neutral placeholder so the cross-checks (:mod:`vakr.organisation.validation`) still run on
everything else of the file in the same pass.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Literal, get_args, get_origin

from pydantic import ValidationError

from vakr.organisation.model import ANSWER_TITLES, ORG_TYPE_TITLES, Organisation
from vakr.organisation.year import EXECUTION_STATUS_TITLES, ISO_STAGE_TITLES, TRAINING_KIND_TITLES, YearRecords
from vakr.organisation.year_titles import DUTY_CODES

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails  # the type of ValidationError.errors() items


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
    # The year's records (vakr.organisation.year).
    "status": "ожидается статус: " + ", ".join(f"{code} ({title})" for code, title in EXECUTION_STATUS_TITLES.items()),
    "stage": "ожидается этап: " + ", ".join(f"{code} ({title})" for code, title in ISO_STAGE_TITLES.items()),
    "kind": "ожидается вид обучения: " + ", ".join(f"{code} ({title})" for code, title in TRAINING_KIND_TITLES.items()),
    **{field: "ожидается код подзадачи: " + ", ".join(DUTY_CODES[key])
       for field, key in (("restriction", "restriction"), ("document", "document"), ("duty", "duty"))},
}
_COUNTS = {"discrepancies", "checked", "violations", "people", "participants"}  # integers ≥ 0 of the year's records


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


def pydantic_code(err: ErrorDetails) -> str:
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


def pydantic_message(err: ErrorDetails, date_format: str = "ДД.ММ.ГГГГ") -> str:
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
    if field in _COUNTS and kind in ("int_type", "int_parsing", "int_from_float", "greater_than_equal"):
        return f"ожидается целое число не меньше 0{given}"
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
    if kind == "bool_parsing":
        return f"ожидается «да» или «нет» (в YAML — true или false){given}"
    if kind == "value_error":
        error = err.get("ctx", {}).get("error")
        return str(error) if error else err.get("msg", "недопустимое значение")
    return f"недопустимое значение ({err.get('msg', kind)}){given}"


# --- one pass: cross-checks of a file that also has value errors -------------------------------------------

_PLACEHOLDER_DATE = dt.date(2000, 1, 3)
_REQUIRED_DATES = {"vakr_start", "vakr_end", "date"}
_OPTIONAL = {"report_signed", "plan_approved", "due", "staff_headcount", "answer", "name_kk", "parent", "comment",
             "measure", "completion_form", "section", "act", "signature",
             # the texts in Kazakh (where empty, the documents in Kazakh show the Russian)
             "position_kk", "act_kk", "description_kk", "measure_kk", "completion_form_kk", "title_kk", "powers_kk",
             "risks_kk"}
_LISTS = {"functions", "positions", "responsible", "functions_kk", "responsible_kk"}
_DICTS = {"units_kk"}
_FIXED = {"likelihood": 1, "impact": 1, "type": "other", "work_week": 5, "name_order": "surname_first",
          "slug": "organisation", "units": ["—"], "working_group": [{"name": "—", "position": "—"}],
          "head": {"name": "—", "position": "—"}, "authorised_person": {"name": "—", "position": "—"},
          "order": {"number": "—", "date": _PLACEHOLDER_DATE}}


def _year_placeholder(loc: tuple) -> Any:
    """A neutral value for a field of the year's records that failed the model: its default, else a value of its
    type (the record stays, so the places of the records after it do not shift)."""
    if len(loc) == 1:
        return {}
    if len(loc) == 2:
        return []
    field_info = YearRecords.model_fields.get(loc[1])
    model = get_args(field_info.annotation)[0] if field_info is not None else None
    info = model.model_fields.get(loc[-1]) if model is not None else None
    if info is None:
        return None
    if not info.is_required():
        return info.get_default(call_default_factory=True)
    annotation = info.annotation
    if annotation is dt.date:
        return _PLACEHOLDER_DATE
    if annotation is bool:
        return False
    if annotation is int:
        return 0
    if get_origin(annotation) is Literal:
        return get_args(annotation)[0]
    return "—"


def salvage(raw: dict[str, Any], errors: list[ErrorDetails]) -> tuple[Organisation | None, bool]:
    """The organisation with each value that failed the model replaced by a neutral placeholder, so the cross-checks
    can still look at everything else; ``(None, False)`` when the damage is structural (no profile, an item that is
    not a dictionary). The flag says a date of the profile was replaced, so its schedule cannot be checked."""
    data = copy.deepcopy(raw)
    dates_replaced = False
    if not isinstance(data.get("profile"), dict):
        return None, False
    for err in errors:
        loc = tuple(err.get("loc", ()))
        if loc == ("profile",) and err.get("type") == "value_error":
            continue  # a check of the whole profile (a Kazakh name of a unit not in «units»): mended below
        if len(loc) >= 3 and loc[:2] == ("profile", "units_kk") and isinstance(data["profile"].get("units_kk"), dict):
            data["profile"]["units_kk"].pop(loc[2], None)  # a unit's Kazakh name (or the unit) that is not text
            continue
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
        elif loc[0] == "year":
            node[field] = _year_placeholder(loc)
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
        elif field in _DICTS:
            node[field] = {}
        else:
            node[field] = "—"
    profile = data["profile"]
    if isinstance(profile, dict) and isinstance(profile.get("units_kk"), dict):
        units = profile.get("units")
        known = set(units) if isinstance(units, list) and all(isinstance(u, str) for u in units) else set()
        profile["units_kk"] = {unit: name for unit, name in profile["units_kk"].items() if unit in known}
    try:
        return Organisation.model_validate(data), dates_replaced
    except ValidationError:
        return None, False
