"""Root pytest configuration, shared by the tests and by nbval on the notebooks."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Jupyter kernels start as `python -m ipykernel`: make that the interpreter vakr is installed in.
os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
os.environ.setdefault("MPLBACKEND", "Agg")


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
