"""Build the example workbooks from their YAML sources: ``python data/examples/build.py``.

Each ``<name>.yaml`` here is the source of truth; ``<name>.xlsx`` is generated from it with
:func:`vakr.organisation.excel.workbook.write_workbook` after the organisation passes every check (warnings are printed).
"""

from __future__ import annotations

import sys
from pathlib import Path

from vakr.errors import VakrError
from vakr.methodology.loader import load_catalogue
from vakr.organisation.excel.workbook import write_workbook
from vakr.organisation.load import load_organisation_with_warnings

HERE = Path(__file__).resolve().parent
EXAMPLES = ("akimat-example", "quasi-example")


def build(names: tuple[str, ...] = EXAMPLES, folder: Path = HERE) -> list[Path]:
    catalogue = load_catalogue()
    written = []
    for name in names:
        org, warnings = load_organisation_with_warnings(folder / f"{name}.yaml", catalogue)
        for problem in warnings:
            print(f"предупреждение: {problem}")
        written.append(write_workbook(org, catalogue, folder / f"{name}.xlsx"))
    return written


def main() -> int:
    try:
        for path in build():
            print(f"записано: {path}")
    except VakrError as exc:
        print(exc, file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
