"""`vakr region`'s page in a real browser: Debian's Chromium (driven by Playwright) opens region.html from file://,
records every request (none but the file itself), filters by region and type, and hovers an organisation and a
cell to see their risks.

Skipped with its reason where Chromium or Playwright is not installed (`make test` installs them where it can).
"""

from __future__ import annotations

import pytest
from chromium import launch, needs_chromium
from region_fixtures import NAMES, R2, TODAY, hand_set

from vakr.region import aggregate, region_page

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright не установлен (pip install playwright)")
pytestmark = needs_chromium


@pytest.fixture(scope="module")
def browser():
    yield from launch(playwright_api)


@pytest.fixture
def page(browser, tmp_path):
    path = tmp_path / "region.html"
    path.write_text(region_page(aggregate(hand_set(), today=TODAY)), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="ru-RU")
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.errors = []  # type: ignore[attr-defined]
    page.on("request", lambda r: page.requests.append(r.url))  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]
    page.goto(path.as_uri(), wait_until="load")
    page.url_of_file = path.as_uri()  # type: ignore[attr-defined]
    yield page
    context.close()


def _rows(page) -> list[str]:
    return page.locator("#heatmap tbody td.name").all_inner_texts()


def test_page_loads_from_file_with_no_other_request(page):
    assert page.requests == [page.url_of_file]
    assert page.errors == []
    assert _rows(page) == [NAMES[k] for k in "abecd"]
    assert page.locator("#shown").inner_text() == "Показано: 5 из 5"
    assert page.locator("#systemic tbody tr").count() == 5
    assert page.locator("#filter-region option").all_inner_texts() == ["все регионы", "Жасылкөл область", R2]


def test_filters_change_the_visible_rows(page):
    page.select_option("#filter-region", label=R2)
    assert _rows(page) == [NAMES[k] for k in "ecd"]
    page.select_option("#filter-type", label="Субъект квазигосударственного сектора")
    assert _rows(page) == [NAMES[k] for k in "ec"]
    page.select_option("#filter-region", label="все регионы")
    assert _rows(page) == [NAMES[k] for k in "ec"]
    page.select_option("#filter-type", label="все типы")
    assert len(_rows(page)) == 5
    # The columns switch to the factors: A's «Правовой пробел» cell holds one critical risk.
    page.select_option("#filter-view", value="factors")
    assert page.locator("#heatmap thead th").all_inner_texts() == ["Место", "Организация", "Рисков", "1"]
    assert page.locator("#columns").inner_text() == "Столбцы: 1 — Правовой пробел."  # the numbers spelled out
    first = page.locator("#heatmap tbody tr").first.locator("td.cell")
    assert first.inner_text() == "1"
    assert page.requests == [page.url_of_file]


def test_hovering_shows_the_risks(page):
    tip = page.locator("#tooltip")
    assert not tip.is_visible()
    page.locator("#heatmap tbody td.name").first.hover()
    assert tip.is_visible()
    text = tip.inner_text()
    assert NAMES["a"] in text and "Жасылкөл область" in text
    for label in ("Правовой пробел, индикатор 6", "Управление персоналом, индикатор 02", "Отдел закупок",
                  "Юридический отдел", "Критический", "Низкий"):
        assert label in text
    # A cell: only the risks of that area — A's two risks of «Управление персоналом».
    page.locator("#heatmap tbody tr").first.locator("td.cell").first.hover()
    text = tip.inner_text()
    assert "1. Управление персоналом" in text
    assert "Управление персоналом, индикатор 02" in text and "Управление персоналом, индикатор 04" in text
    assert "Правовой пробел" not in text and "Отдел закупок" not in text
    # The organisation without risks says so.
    page.locator("#heatmap tbody td.name").last.hover()
    assert "Рисков нет." in tip.inner_text()
    assert page.requests == [page.url_of_file]
