"""Shared fixtures: the real catalogue, and a writable copy of it for tests that break it on purpose.

``VAKR_HOME`` (the user's vakr folder, where ``vakr catalogue import`` writes the overlay of indicator lists) points
to an empty per-session temporary folder (set in the root ``conftest.py``, before anything loads the catalogue).
Tests that import lists use their own folder (the ``vakr_home`` fixture of ``test_overlay.py``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import load_catalogue
from vakr.paths import methodology_dir, project_root

ROOT = project_root()


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Path:
    target = tmp_path / "methodology"
    shutil.copytree(methodology_dir(), target)
    return target
