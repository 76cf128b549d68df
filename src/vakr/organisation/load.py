"""Load an organisation from its file (Excel or YAML) and check it: one entry point for the CLI and notebooks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from vakr.errors import InputError
from vakr.io_files import input_problem
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import default_catalogue
from vakr.organisation.excel.reader import read_workbook
from vakr.organisation.model import Organisation
from vakr.organisation.validation import validate
from vakr.organisation.yaml import read_yaml
from vakr.problems import Place, Problem, errors_of, warnings_of

EXCEL_SUFFIXES = (".xlsx",)
YAML_SUFFIXES = (".yaml", ".yml")


def read_organisation(path: str | Path, catalogue: Catalogue) -> Organisation:
    """Read the file by its suffix, without the cross-checks of :mod:`vakr.organisation.validation`."""
    path = Path(path)
    if problem := input_problem(path):
        raise InputError.single("file.unreadable", problem, Place(file=path.name))
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return read_workbook(path, catalogue)
    if suffix in YAML_SUFFIXES:
        return read_yaml(path)
    what = f"«{path.suffix}»" if path.suffix else "без расширения"
    raise InputError.single("file.format", f"неподдерживаемый тип файла ({what}); ожидается книга Excel (.xlsx) или"
                            " файл YAML (.yaml, .yml)", Place(file=path.name))


def load_organisation_with_warnings(
    path: str | Path, catalogue: Catalogue | None = None, today: dt.date | None = None
) -> tuple[Organisation, list[Problem]]:
    """Read and check an organisation; raise :class:`InputError` listing every error, return the warnings.

    One pass: when some values cannot be read, the cross-checks still run on everything else, so the analyst sees
    all problems of the file at once instead of a new round after each fix. ``catalogue`` — default: the bundled
    methodology with the user's imported lists, loaded once (:func:`vakr.methodology.loader.default_catalogue`).
    """
    catalogue = default_catalogue(catalogue)
    try:
        org = read_organisation(path, catalogue)
    except InputError as exc:
        if exc.partial is None:
            raise
        more = [p for p in errors_of(validate(exc.partial, catalogue, today=today,
                                              check_schedule=not exc.dates_unreliable))
                if p.place not in exc.reported]
        if not more:
            raise
        problems = exc.problems + more
        raise InputError(problems, header=f"Файл {Path(path).name}: найдено ошибок: {len(problems)}") from None
    problems = validate(org, catalogue, today=today)
    errors = errors_of(problems)
    if errors:
        raise InputError(errors, header=f"Файл {Path(path).name}: найдено ошибок: {len(errors)}")
    return org, warnings_of(problems)


def load_organisation(
    path: str | Path, catalogue: Catalogue | None = None, today: dt.date | None = None
) -> Organisation:
    """Read and check an organisation; raise :class:`InputError` listing every error (warnings do not raise).
    ``catalogue`` — default: the bundled methodology with the user's imported lists, loaded once."""
    return load_organisation_with_warnings(path, catalogue, today)[0]
