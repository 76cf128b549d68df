"""The Russian wording of a deadline rule read back into its structure, to check the data's two forms agree."""

from __future__ import annotations

import re
from typing import Any

_ANCHOR_WORDS = {
    "начала вакр": "vakr_start",
    "завершения вакр": "vakr_end",
    "подписания аналитической справки": "report_signed",
    "утверждения плана": "plan_approved",
}


def parse_deadline_text(text: str) -> dict[str, Any]:
    """Read the structure out of a rule's Russian wording, so the data's two forms can be checked against each other.

    >>> parse_deadline_text("За 10 рабочих дней до начала ВАКР")["anchor"]
    'vakr_start'
    """
    low = " ".join(text.lower().split())
    if low.startswith(("ежеквартально", "ежемесячно", "ежегодно")):
        period = {"ежеквартально": "quarter", "ежемесячно": "month", "ежегодно": "year"}[low.split()[0]]
        parsed: dict[str, Any] = {"kind": "periodic", "period": period, "day_of_month": None, "months_after": 0}
        if m := re.search(r"к (\d+) числу месяца после отч[её]тного периода", low):
            parsed.update(day_of_month=int(m.group(1)), months_after=1)
        elif low not in ("ежеквартально", "ежемесячно", "ежегодно"):
            raise ValueError(f"не разобрана периодичность «{text}»")
        return parsed
    anchor = next((code for words, code in _ANCHOR_WORDS.items() if words in low), None)
    if anchor is None:
        raise ValueError(f"не найдено событие, от которого считается срок («{text}»)")
    if m := re.search(r"(\d+) рабоч\w* дн\w*", low):
        count, unit = int(m.group(1)), "working_days"
    elif m := re.search(r"(\d+) календарн\w* дн\w*", low):
        count, unit = int(m.group(1)), "calendar_days"
    elif m := re.search(r"(\d+|одного) (?:года|лет|год)", low):
        count, unit = (1 if m.group(1) == "одного" else int(m.group(1))), "years"
    else:
        raise ValueError(f"не найдены число и единица срока («{text}»)")
    if re.search(r"\bдо (начала|завершения)", low):
        direction = "before"
    elif "со дня" in low:
        direction = "after"
    else:
        raise ValueError(f"не понятно, до или после события считается срок («{text}»)")
    return {"kind": "relative", "anchor": anchor, "count": count, "unit": unit, "direction": direction}
