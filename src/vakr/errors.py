"""Errors of vakr: one class per kind of failure, each carrying a Russian message for the user.

The CLI catches :class:`VakrError` once and prints its message; everything else raises.
"""

from __future__ import annotations


class VakrError(Exception):
    """Base class: a problem the user can fix; ``str(error)`` is the Russian message."""

    exit_code = 2


class CatalogueError(VakrError):
    """The methodology catalogue (data/methodology) is malformed."""


class CalendarRangeError(VakrError):
    """A date lies outside the years the Kazakhstan calendar data covers."""


class DeadlineRuleError(VakrError):
    """A deadline rule cannot be parsed or applied."""


class InputError(VakrError):
    """An organisation file (Excel or YAML) has problems; carries every problem found."""

    def __init__(self, problems: list[str], header: str | None = None, *, partial: object = None,
                 reported: frozenset[str] = frozenset(), dates_unreliable: bool = False):
        self.problems = list(problems)
        # What could still be read (problem values replaced by placeholders), so the cross-checks can run in the
        # same pass; `reported` holds the places already reported, whose cross-check problems would be echoes.
        self.partial = partial
        self.reported = reported
        self.dates_unreliable = dates_unreliable
        self.header = header
        lines = ([header] if header else []) + [f"  • {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class StrictRefusal(VakrError):
    """``--strict``: documents are not written while suggested values or warnings remain."""

    exit_code = 3


class DocumentError(VakrError):
    """A document could not be rendered or written."""


class NotebookFailed(VakrError):
    """A notebook of the per-organisation run failed; names the notebook, the cell and the error."""

    def __init__(self, notebook: str, cell: int | None, ename: str, evalue: str):
        self.notebook, self.cell, self.ename, self.evalue = notebook, cell, ename, evalue
        where = f"ячейка {cell}" if cell is not None else "ячейка неизвестна"
        super().__init__(f"Блокнот {notebook}, {where}: {ename}: {evalue}")
