"""Cross-checks of an organisation against the catalogue and the ВАКР schedule.

The model (:mod:`vakr.organisation`) checks each value on its own: types, ranges, required text. What needs the
catalogue (indicator codes), other parts of the file (units, positions, the checklist) or the calendar (the ВАКР
schedule) is checked here. :func:`validate` reports every problem at once, each located where the analyst will
find it (``Organisation.locate``): a sheet, row and column of the workbook or a path in the YAML file.

Errors stop the run (:func:`vakr.io.load_organisation` raises); warnings are shown and the run goes on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from .catalogue import Catalogue, load_catalogue
from .checklist import checklist_items
from .errors import VakrError
from .organisation import ANSWER_TITLES, ORG_TYPE_TITLES, Organisation

Severity = Literal["error", "warning"]


class Problem(BaseModel):
    """One problem of an organisation's data, in Russian, with the place it was found."""

    model_config = ConfigDict(frozen=True)

    severity: Severity
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


def errors_of(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def warnings_of(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]


# --- pydantic errors in Russian ----------------------------------------------------------------------------

# Integer fields with a range, by the last element of the error's path.
_RANGES = {"likelihood": (1, 5), "impact": (1, 5)}
_LIST_FIELDS = {
    "working_group": "укажите хотя бы одного члена рабочей группы",
    "units": "укажите хотя бы одно структурное подразделение",
}
_LITERALS = {
    "type": "ожидается тип организации: "
    + ", ".join(f"{code} ({title})" for code, title in ORG_TYPE_TITLES.items()),
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
        return f"ожидается дата в формате {date_format}{given}"
    if kind == "literal_error":
        return _LITERALS.get(field, f"недопустимое значение; допустимо: {err.get('ctx', {}).get('expected')}") + given
    if kind == "string_pattern_mismatch" and field == "slug":
        return (
            "недопустимое имя папки: только латинские строчные буквы, цифры и дефис (не в начале и не в конце),"
            f" не длиннее 64 символов{given}"
        )
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


def _fmt(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def _norm(text: str) -> str:
    return " ".join(text.split())


def validate(org: Organisation, catalogue: Catalogue | None = None, today: dt.date | None = None) -> list[Problem]:
    """Every cross-check problem of ``org``: errors and warnings, in the order of the file."""
    catalogue = catalogue or load_catalogue()
    problems: list[Problem] = []

    def error(location: str, message: str) -> None:
        problems.append(Problem(severity="error", location=location, message=message))

    def warning(location: str, message: str) -> None:
        problems.append(Problem(severity="warning", location=location, message=message))

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

    # The checklist.
    first_row: dict[str, int] = {}
    for i, answer in enumerate(org.checklist):
        if answer.indicator not in codes:
            error(org.locate("checklist", i, "indicator"), unknown_code(answer.indicator))
            continue
        if answer.indicator in first_row:
            error(org.locate("checklist", i, "indicator"),
                  f"индикатор «{answer.indicator}» указан в чек-листе повторно"
                  f" (впервые — {org.locate('checklist', first_row[answer.indicator])})")
            continue
        first_row[answer.indicator] = i
        if answer.answer is None:
            warning(org.locate("checklist", i, "answer"), f"не заполнен ответ по индикатору «{answer.indicator}»")
    missing = [item.code for item in items if item.code not in first_row]
    if missing:
        warning(org.locate("checklist"),
                f"не заполнен ответ: в чек-листе нет индикаторов {', '.join(missing)}")

    # Positions.
    units = set(profile.units)
    titles = {_norm(p.title) for p in org.positions}
    seen_positions: set[tuple[str, str]] = set()
    for i, position in enumerate(org.positions):
        if position.unit not in units:
            error(org.locate("positions", i, "unit"),
                  f"подразделение «{position.unit}» не указано в профиле организации (структурные подразделения)")
        key = (_norm(position.title), position.unit)
        if key in seen_positions:
            warning(org.locate("positions", i, "title"),
                    f"должность «{position.title}» подразделения «{position.unit}» указана повторно")
        seen_positions.add(key)

    # The schedule (also gives the dates the findings' due dates are compared with).
    schedule = None
    if profile.vakr_end < profile.vakr_start:
        error(org.locate("profile", "vakr_end"),
              f"дата завершения ВАКР ({_fmt(profile.vakr_end)}) раньше даты начала ({_fmt(profile.vakr_start)})")
    try:
        from .deadlines import schedule_for_profile

        schedule = schedule_for_profile(profile, today=today, catalogue=catalogue)
    except VakrError as exc:  # a date outside the calendar's horizon: the tool's limit, not the analyst's error
        warning(org.locate("profile", "vakr_start"), f"график ВАКР не рассчитан, сроки не проверены: {exc}")
    if schedule is not None:
        for w in schedule.warnings:
            if getattr(w, "code", "") == "end_before_start":
                continue  # reported above
            location = org.locate("profile", w.field) if w.field else org.locate("profile")
            problems.append(Problem(severity=w.severity, location=location, message=w.message))
    if profile.order.date > profile.vakr_start:
        error(org.locate("profile", "order", "date"),
              f"приказ о проведении ВАКР ({_fmt(profile.order.date)}) датирован позже начала ВАКР"
              f" ({_fmt(profile.vakr_start)})")
    elif schedule is not None:
        order_event = next((e for e in schedule.events if e.code == "order"), None)
        if order_event and order_event.deadline and profile.order.date > order_event.deadline:
            warning(org.locate("profile", "order", "date"),
                    f"приказ о проведении ВАКР ({_fmt(profile.order.date)}) утверждён позже срока"
                    f" «{order_event.rule[:1].lower()}{order_event.rule[1:]}» ({_fmt(order_event.deadline)})")
    monitoring_end = None
    if schedule is not None:
        monitoring_end = next((e.date for e in schedule.events if e.code == "monitoring_end"), None)

    # Findings.
    for i, finding in enumerate(org.findings):
        if finding.indicator not in codes:
            error(org.locate("findings", i, "indicator"), unknown_code(finding.indicator))
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
                error(org.locate("findings", i, "indicator"),
                      f"риск записан по индикатору «{finding.indicator}», но {state}; риск можно записать только"
                      f" по индикатору с ответом «{ANSWER_TITLES['present']}»")
            if not finding.measure:
                group = catalogue.group_of(finding.indicator)
                measures = catalogue.measures_for(group.code)
                hint = (f": будет предложена типовая мера № {measures[0].number} «{measures[0].title}»"
                        if measures else "")
                warning(org.locate("findings", i, "measure"), f"не указана рекомендуемая мера{hint}")
        if not finding.responsible:
            error(org.locate("findings", i, "responsible"), "не указаны ответственные исполнители")
        if finding.unit not in units:
            error(org.locate("findings", i, "unit"),
                  f"подразделение «{finding.unit}» не указано в профиле организации (структурные подразделения)")
        for name in finding.positions:
            if _norm(name) not in titles:
                error(org.locate("findings", i, "positions"),
                      f"должность «{name}» не указана в перечне должностей, подверженных коррупционным рискам")
        if finding.due is not None:
            if finding.due < profile.vakr_end:
                warning(org.locate("findings", i, "due"),
                        f"срок исполнения ({_fmt(finding.due)}) раньше завершения ВАКР ({_fmt(profile.vakr_end)})")
            elif monitoring_end is not None and finding.due > monitoring_end:
                warning(org.locate("findings", i, "due"),
                        f"срок исполнения ({_fmt(finding.due)}) позже окончания мониторинга исполнения плана"
                        f" ({_fmt(monitoring_end)})")
    return problems
