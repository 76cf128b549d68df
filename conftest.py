"""Root pytest configuration, shared by the tests and by nbval on the notebooks."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

# Jupyter kernels start as `python -m ipykernel`: make that the interpreter vakr is installed in.
os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
os.environ.setdefault("MPLBACKEND", "Agg")
# The user's vakr folder (where `vakr catalogue import` writes its overlay) and a local calendar file must not leak
# from the machine into the tests or the notebook kernels: an empty per-session folder, no local calendar.
os.environ["VAKR_HOME"] = tempfile.mkdtemp(prefix="vakr-home-")
atexit.register(shutil.rmtree, os.environ["VAKR_HOME"], True)
os.environ.pop("VAKR_CALENDAR", None)


def pytest_collectstart(collector):
    """nbval: compare text only; images, HTML and widget views differ between library versions."""
    if getattr(collector, "skip_compare", None) is not None:
        collector.skip_compare += (
            "text/html",
            "image/png",
            "image/svg+xml",
            "application/javascript",
            "application/vnd.jupyter.widget-view+json",
            "application/vnd.jupyter.widget-state+json",
            "stderr",
        )
