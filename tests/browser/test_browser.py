"""Every page opens by its URL in a real browser, without an exception and without a request to another host
(the `page` fixture logs every request); a screenshot of each is kept."""

from __future__ import annotations

import pytest

from dashboard.ui.navigation import SECTIONS
from tests.browser.conftest import SCREENSHOTS, wait_for_app

pytestmark = pytest.mark.browser
PAGES = [(url, title) for entries in SECTIONS.values() for _, title, url, _ in entries]
PAGES[0] = ("", PAGES[0][1])  # Streamlit serves the default page at the root address only


@pytest.mark.parametrize(("url_path", "title"), PAGES, ids=[p[0] or "root" for p in PAGES])
def test_page_opens_without_exception(server: str, page, url_path: str, title: str) -> None:
    page.goto(f"{server}/{url_path}", wait_until="commit")
    wait_for_app(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{url_path or 'overview'}.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert title in page.title() or page.get_by_role("heading").count() > 0
    assert page.get_by_text("Hide speculative figures").count() == 1, "the sidebar's confidence switch is missing"
    assert page.get_by_text("Page not found").count() == 0, "Streamlit did not recognise the page's address"
