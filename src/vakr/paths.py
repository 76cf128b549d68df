"""Where the project's data, templates and notebooks live.

The package is installed in editable mode from the repository, so the data folders sit next to ``src/``.
``VAKR_ROOT`` points elsewhere (e.g. a copy of the repository) when needed.

The user's own vakr folder, :func:`user_dir`, is ``$VAKR_HOME`` or ``~/.vakr``. It holds what the user adds to the
bundled methodology: ``catalogue/indicators.yaml``, the official indicator lists imported with
``vakr catalogue import`` (see :mod:`vakr.methodology.overlay`). The tests point ``VAKR_HOME`` to a temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The repository root: ``$VAKR_ROOT`` or two levels above this package."""
    env = os.environ.get("VAKR_ROOT")
    return Path(env) if env else Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    return project_root() / "data"


def methodology_dir() -> Path:
    return data_dir() / "methodology"


def examples_dir() -> Path:
    return data_dir() / "examples"


def templates_dir() -> Path:
    return project_root() / "templates"


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def user_dir() -> Path:
    """The user's vakr folder: ``$VAKR_HOME``, else ``~/.vakr`` (it need not exist yet)."""
    env = os.environ.get("VAKR_HOME")
    return Path(env).expanduser() if env else Path.home() / ".vakr"
