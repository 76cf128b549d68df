"""LibreOffice for the tests that prove the files open: find it (or skip with how to install it) and convert."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

LIBRARIES = {"writer": "libswlo.so", "calc": "libsclo.so"}  # present only when the component is installed


def libreoffice(component: str = "writer") -> str:
    """The soffice executable, or skip the test with how to install the missing LibreOffice component."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not list(Path(os.path.realpath(soffice)).parent.glob(LIBRARIES[component])):
        pytest.skip(f"LibreOffice не установлен (apt-get install -y --no-install-recommends libreoffice-{component})")
    return soffice


def libreoffice_convert(soffice: str, sources: list[Path], target: str, outdir: Path) -> subprocess.CompletedProcess:
    """Convert ``sources`` headless into ``outdir`` with a throw-away user profile (parallel tests must not share
    one)."""
    profile = outdir.parent / f"lo-profile-{uuid.uuid4().hex}"
    return subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
         "--outdir", str(outdir), *map(str, sources)],
        capture_output=True, text=True, timeout=300,
    )
