"""Errors of vakr: one class per kind of failure, each carrying its problems (:mod:`vakr.problems`) and a Russian
message for the user.

The CLI catches :class:`VakrError` once and prints its message (or, with ``--json``, its problems); everything else
raises.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vakr.problems import Place, Problem

if TYPE_CHECKING:
    from vakr.organisation.model import Organisation  # the organisation layer imports this module


class VakrError(Exception):
    """Base class: a problem the user can fix; ``str(error)`` is the Russian message, ``problems`` the same as
    :class:`~vakr.problems.Problem` items (one, unless a subclass lists several)."""

    exit_code = 2
    code = "error"

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems: list[Problem] = list(problems) if problems else [Problem(code=self.code, message=message)]


class CatalogueError(VakrError):
    """The methodology catalogue (data/methodology) is malformed."""

    code = "catalogue"

    @classmethod
    def listing(cls, lines: list[str]) -> CatalogueError:
        """Every problem of the catalogue, each line «file: message»."""
        problems = []
        for line in lines:
            file, sep, message = line.partition(": ")
            is_file = sep and file.endswith((".yaml", ".yml")) and " " not in file
            problems.append(Problem(code=cls.code, message=message if is_file else line,
                                    place=Place(file=file) if is_file else None))
        text = "Ошибки в каталоге методики (data/methodology):\n" + "\n".join(f"  • {line}" for line in lines)
        return cls(text, problems)


class CalendarRangeError(VakrError):
    """A date lies outside the years the Kazakhstan calendar data covers."""

    code = "calendar.out_of_range"


class CalendarDataError(VakrError):
    """A calendar data file (data/calendar, or a local file given with --calendar) is missing or malformed."""

    code = "calendar.data"


class DeadlineRuleError(VakrError):
    """A deadline rule cannot be parsed or applied."""

    code = "calendar.deadline_rule"


class InputError(VakrError):
    """An organisation's file (Excel or YAML), a command's arguments or an imported list have problems; carries
    every problem found."""

    code = "input"

    def __init__(self, problems: list[Problem], header: str | None = None, *, partial: Organisation | None = None,
                 reported: frozenset[Place] = frozenset(), dates_unreliable: bool = False):
        # What could still be read (problem values replaced by placeholders), so the cross-checks can run in the
        # same pass; `reported` holds the places already reported, whose cross-check problems would be echoes.
        self.partial = partial
        self.reported = reported
        self.dates_unreliable = dates_unreliable
        self.header = header
        lines = ([header] if header else []) + [f"  • {p}" for p in problems]
        super().__init__("\n".join(lines), list(problems))

    @property
    def lines(self) -> list[str]:
        """Each problem as the CLI prints it: «place: message»."""
        return [str(p) for p in self.problems]

    @classmethod
    def single(cls, code: str, message: str, place: Place | None = None, header: str | None = None) -> InputError:
        """One problem; with a file, the header «Файл X: найдено ошибок: 1»."""
        if header is None and place is not None and place.file:
            header = f"Файл {place.file}: найдено ошибок: 1"
        return cls([Problem(code=code, message=message, place=place)], header=header)


class UsageError(VakrError):
    """A command-line value the user typed is not valid."""

    code = "usage"


class StrictRefusal(VakrError):
    """``--strict``: documents are not written while suggested values or warnings remain."""

    exit_code = 3
    code = "strict.refused"


class DocumentError(VakrError):
    """A document could not be rendered or written."""

    code = "document"


class NotebookFailed(VakrError):
    """A notebook of the per-organisation run failed; names the notebook, the cell and the error."""

    code = "notebook.failed"

    def __init__(self, notebook: str, cell: int | None, ename: str, evalue: str):
        self.notebook, self.cell, self.ename, self.evalue = notebook, cell, ename, evalue
        where = f"ячейка {cell}" if cell is not None else "ячейка неизвестна"
        super().__init__(f"Блокнот {notebook}, {where}: {ename}: {evalue}")
