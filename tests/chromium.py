"""Debian's headless Chromium for the browser tests, driven by Playwright (which cannot download a browser of its own
here); `make test` installs the package. Tests that need it skip with the reason where it is missing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium не установлен (apt-get install chromium)")
# As the machine's own probe starts Chromium: no sandbox as root, no background connections to Google's hosts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def launch(playwright_api: Any) -> Iterator[Any]:
    """One browser for a module's tests (a fixture body: ``yield from launch(playwright_api)``)."""
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
