"""What one cell of an organisation's workbook holds: text, a list, a date, an integer or a choice of a dropdown.

Each function takes the cell's value as openpyxl gives it and returns the model's value, or raises
:class:`~vakr.organisation.values.BadValue` with the Russian message (the reader names the cell).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from vakr.organisation.excel.layout import DATE_FORMAT, EXCEL_ERRORS, MAX_CELL_TEXT, Col, _norm
from vakr.organisation.model import ANSWER_TITLES, LEGACY_ORG_TYPE_TITLES, ORG_TYPE_TITLES
from vakr.organisation.values import BadValue, is_impossible_date, shown


def empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str | None:
    """The cell as text (``None`` when empty); a whole number without «.0», a date as ДД.ММ.ГГГГ."""
    if value is None:
        return None
    if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
        raise BadValue(f"в ячейке ошибка формулы «{value.strip()}»: введите значение вместо формулы", "value.formula_error")
    if isinstance(value, str) and len(value) >= MAX_CELL_TEXT:
        raise BadValue(f"текст ячейки достиг предела Excel ({MAX_CELL_TEXT} знаков) и, возможно, обрезан:"
                       " сократите его или вынесите подробности в приложение", "value.too_long")
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y")
    result = str(value).strip()
    return result or None


def multi(value: Any) -> list[str]:
    """Several values in one cell, separated by «;» or line breaks."""
    result = text(value)
    if not result:
        return []
    return [part.strip() for part in re.split(r"[;\n\r]+", result) if part.strip()]


def date(value: Any) -> dt.date:
    """A date from a date cell or from text; ``ValueError`` with the Russian message otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        written = value.strip().removesuffix("г.").removesuffix("г").strip()
        for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(written, fmt).date()
            except ValueError:
                pass
        if is_impossible_date(written):
            raise BadValue(f"такой даты нет: «{written}»", "value.impossible_date")
    raise BadValue(f"ожидается дата в формате {DATE_FORMAT}, указано «{shown(value)}»", "value.date")


def integer(value: Any, expected: str = "ожидается целое число") -> int:
    if isinstance(value, bool):
        raise BadValue(f"{expected}, указано «{shown(value)}»", "value.integer")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
        return int(value)
    raise BadValue(f"{expected}, указано «{shown(value)}»", "value.integer")


def count(value: Any) -> int:
    """An integer not below 0 (people, violations, discrepancies)."""
    expected = "ожидается целое число не меньше 0"
    number = integer(value, expected)
    if number < 0:
        raise BadValue(f"{expected}, указано «{shown(value)}»", "value.integer")
    return number


_YES = {"да", "yes", "true", "1", "д"}
_NO = {"нет", "no", "false", "0", "н"}


def yes_no(value: Any) -> bool:
    """«да» or «нет» (also a logical cell, yes/no, 1/0)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    given = _norm(value)
    if given in _YES:
        return True
    if given in _NO:
        return False
    raise BadValue(f"ожидается «да» или «нет», указано «{shown(value)}»", "value.yes_no")


def choice(value: Any, titles: dict[str, str], expected: str) -> str:
    """The code of a dropdown's value, given by its title or its code; a subtask of the project map also by its
    number («4.2.2», «4.2.2 — …» with the title shortened or changed)."""
    given = _norm(value)
    for code, title in titles.items():
        if given in (_norm(code), _norm(title)):
            return code
    number = re.match(r"^(\d+)\.(\d+)\.(\d+)\.?(\s|$)", given)
    if number:
        code = "p{}.t{}.s{}".format(*number.groups()[:3])
        if code in titles:
            return code
    raise BadValue(f"{expected}: " + ", ".join(f"«{t}»" for t in titles.values())
                   + f", указано «{shown(value)}»", "value.choice")


def org_type(value: Any) -> str:
    """The organisation type by its code or title, also by the titles of earlier workbooks."""
    given = _norm(value)
    for code, title in ORG_TYPE_TITLES.items():
        if given in (_norm(code), _norm(title)):
            return code
    for title, code in LEGACY_ORG_TYPE_TITLES.items():
        if given == _norm(title):
            return code
    raise BadValue("ожидается тип организации из списка: " + ", ".join(f"«{t}»" for t in ORG_TYPE_TITLES.values())
                   + f", указано «{shown(value)}»", "value.choice")


def section(value: Any, sections: dict[str, str]) -> str:
    """A report section as the dropdown shows it («5. Реализация …»), its number or its code."""
    given = _norm(value)
    match = re.match(r"^(\d+)\.?(\s|$)", given)
    for code, title in sections.items():
        if given in (_norm(code), _norm(title)) or (match and title.startswith(f"{match.group(1)}. ")):
            return code
    raise BadValue("ожидается раздел справки из списка: " + ", ".join(f"«{t}»" for t in sections.values())
                   + f", указано «{shown(value)}»", "value.choice")


def of_kind(value: Any, col: Col, sections: dict[str, str], choices: dict[str, dict[str, str]]) -> Any:
    """A non-empty cell of a table sheet (a list also from an empty one) as the column's kind reads it."""
    if col.kind == "multi":
        return multi(value)
    if col.kind == "date":
        return date(value)
    if col.kind == "score":
        return integer(value, "ожидается целое число от 1 до 5")
    if col.kind == "count":
        return count(value)
    if col.kind == "yesno":
        return yes_no(value)
    if col.kind == "answer":
        return answer(value)
    if col.kind == "section":
        return section(value, sections)
    if col.kind == "choice" and col.choices:
        return choice(value, choices[col.choices], "ожидается значение из списка")
    if col.kind == "code":
        code = text(value)
        match = re.match(r"^(\S+)\s+[—–-]\s", code) if code else None
        return match.group(1) if match else code
    return text(value)


def answer(value: Any) -> str:
    """A checklist answer by its code or title."""
    return choice(value, ANSWER_TITLES, "ожидается ответ из списка")
