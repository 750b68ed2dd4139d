"""The model pages in a real browser: a keyboard slider change moves the headline; a shared URL reopens
the same state; a screenshot of each model page is kept in tests/screenshots/."""

from __future__ import annotations

import pytest

from dashboard.ui.navigation import SECTIONS
from tests.browser.conftest import SCREENSHOTS, metric, wait_for_app

pytestmark = pytest.mark.browser
URLS = {file: url for entries in SECTIONS.values() for file, _, url, _ in entries}
MINE = ["overview.py", "skill_cost_builder.py", "supply_and_time.py", "compute_vs_data.py", "sample_efficiency.py",
        "distill_or_hire.py", "long_tail.py", "scenarios.py"]
URLS["overview.py"] = ""  # the default page is served at the root
MODEL_PAGES = [URLS[file] for file in MINE]
OVERVIEW, BUILDER = URLS["overview.py"], URLS["skill_cost_builder.py"]


def _open(page, server: str, path: str) -> None:
    page.goto(f"{server}/{path}", wait_until="commit")
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_keyboard_slider_change_moves_the_headline(server: str, page) -> None:
    _open(page, server, OVERVIEW)
    before = metric(page, "Expert data cost")
    _open(page, server, BUILDER)
    thumb = page.get_by_role("slider").first  # the vendor-margin slider comes first
    thumb.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    wait_for_app(page)
    assert "margin=" in page.url
    _open(page, server, OVERVIEW + "?" + page.url.split("?", 1)[1])
    assert metric(page, "Expert data cost") > before


def test_shared_url_reopens_the_same_state(server: str, page) -> None:
    _open(page, server, BUILDER + "?margin=0.8")
    shared = metric(page, "Expert data cost")
    _open(page, server, BUILDER)
    assert metric(page, "Expert data cost") < shared


@pytest.mark.parametrize("path", MODEL_PAGES)
def test_model_page_screenshot(server: str, page, path: str) -> None:
    _open(page, server, path)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"model-{path or 'overview'}.png"), full_page=True)
