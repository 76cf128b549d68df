"""Where the project's data, templates and notebooks live.

The methodology, the calendar data, the training course's exercises, the Word templates and the notebooks are
package data (``vakr/data/``, read through :mod:`importlib.resources`), so an installed wheel works anywhere; in the
repository ``src/vakr/data/`` links to ``data/``, ``templates/`` and ``notebooks/`` at the top, where they are edited.
``VAKR_ROOT`` (a copy of the repository) overrides all of them, read at each call; the fictional examples exist in
the repository only.

The user's own vakr folder, :func:`user_dir`, is ``$VAKR_HOME`` or ``~/.vakr``. It holds what the user adds to the
bundled methodology: ``catalogue/indicators.yaml``, the official indicator lists imported with
``vakr catalogue import`` (see :mod:`vakr.methodology.overlay`). The tests point ``VAKR_HOME`` to a temporary folder.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path


def project_root() -> Path:
    """The repository root: ``$VAKR_ROOT`` or two levels above this package."""
    env = os.environ.get("VAKR_ROOT")
    return Path(env) if env else Path(__file__).resolve().parents[2]


def _data(*parts: str) -> Path:
    """``$VAKR_ROOT/<parts>`` when set, else the package's copy (``vakr/data/<last part>``)."""
    env = os.environ.get("VAKR_ROOT")
    if env:
        return Path(env).joinpath(*parts)
    return Path(str(files("vakr").joinpath("data", parts[-1])))


def methodology_dir() -> Path:
    return _data("data", "methodology")


def calendar_dir() -> Path:
    return _data("data", "calendar")


def templates_dir() -> Path:
    return _data("templates")


def notebooks_dir() -> Path:
    return _data("notebooks")


def training_dir() -> Path:
    """The exercises of the training course (``data/training``, one YAML file per topic)."""
    return _data("data", "training")


def examples_dir() -> Path:
    """The fictional example organisations (in the repository, not in the package)."""
    return project_root() / "data" / "examples"


def user_dir() -> Path:
    """The user's vakr folder: ``$VAKR_HOME``, else ``~/.vakr`` (it need not exist yet)."""
    env = os.environ.get("VAKR_HOME")
    return Path(env).expanduser() if env else Path.home() / ".vakr"
