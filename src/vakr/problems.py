"""One vocabulary for every problem vakr reports: in the catalogue, the calendar, an organisation's file, its
ВАКР schedule and its evaluation.

A :class:`Problem` has a severity (an error stops the work, a warning is shown and the work goes on), a stable
``code`` a program can rely on, the Russian ``message`` a person reads, where it was found (:class:`Place`: the
file, sheet, row and column of a workbook, or the path and line of a YAML file) and, for an organisation, the
``field`` of the data it concerns. ``str(problem)`` is the line the CLI prints; :meth:`Problem.to_json` is what
``--json`` prints — the same shape in every command.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

Severity = Literal["error", "warning"]


class Place(BaseModel):
    """Where a problem was found, as precisely as known; ``str()`` reads as an analyst looks for it:
    «org.xlsx, лист «Риски», строка 7, столбец F «Вероятность»» or «org.yaml, findings[2].likelihood (строка 31)»."""

    model_config = ConfigDict(frozen=True)

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    label: str | None = None  # the row's caption on a form-like sheet («Дата начала ВАКР»)
    column: str | None = None  # the column letter
    header: str | None = None  # the column's title
    path: str | None = None  # the YAML path; in a workbook, the field inside the cell named
    line: int | None = None  # the YAML line

    def __str__(self) -> str:
        parts = [self.file] if self.file else []
        if self.sheet:
            parts.append(f"лист «{self.sheet}»")
        if self.row is not None:
            parts.append(f"строка {self.row}" + (f" «{self.label}»" if self.label else ""))
        if self.column:
            parts.append(f"столбец {self.column} «{self.header}»" if self.header else f"столбец {self.column}")
        if self.path:
            if self.sheet:
                parts.append(f"поле «{self.path}»")
            else:
                parts.append(self.path + (f" (строка {self.line})" if self.line is not None else ""))
        return ", ".join(parts)

    @property
    def where_in_file(self) -> int | None:
        """The row of the workbook or the line of the YAML file, for «строки 3, 7, 12»."""
        return self.row if self.row is not None else self.line

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


class Problem(BaseModel):
    """One problem, in Russian, with its code and place."""

    model_config = ConfigDict(frozen=True)

    severity: Severity = "error"
    code: str
    message: str
    place: Place | None = None
    field: str | None = None  # the organisation's field, as a dotted path («findings.3.due»), when there is one

    def __str__(self) -> str:
        where = str(self.place) if self.place else ""
        return f"{where}: {self.message}" if where else self.message

    def located(self, place: Place | None) -> Problem:
        return self.model_copy(update={"place": place})

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"severity": self.severity, "code": self.code, "message": self.message}
        if self.place is not None:
            data["place"] = self.place.to_json()
        if self.field is not None:
            data["field"] = self.field
        data["text"] = str(self)
        return data


def errors_of(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def warnings_of(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]


def field_path(*keys: object) -> str:
    """The dotted path of an organisation's field: ``field_path("findings", 3, "due")`` → «findings.3.due»."""
    return ".".join(str(k) for k in keys)
