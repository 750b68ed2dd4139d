"""A live `streamlit run` on a free port against a fixture warehouse, and a headless system Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from datamoat.bench.load_browser import CHROMIUM_ARGS
from datamoat.bench.local_server import HOST, free_port, start_server, stop_server, wait_until_up
from pipelines.build import build
from tests.conftest import FIXTURE_SOURCES

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tests" / "screenshots"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served from a warehouse built from the fixture sources; always terminated."""
    folder = tmp_path_factory.mktemp("browser")
    warehouse = folder / "warehouse.duckdb"
    build(warehouse, FIXTURE_SOURCES)
    port = free_port()
    process = start_server(port, warehouse, folder / "streamlit.log", {"DATAMOAT_SOURCES": str(FIXTURE_SOURCES)})
    try:
        url = f"http://{HOST}:{port}"
        wait_until_up(url, process)
        yield url
    finally:
        stop_server(process)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless system Chromium; skipped locally when absent, a failure under CI."""
    executable = shutil.which("chromium")
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed but CI is set: the browser tests must run")
        pytest.skip("chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        yield context.new_page()
    finally:
        context.close()


def wait_for_app(page: object, timeout_ms: int = 60_000) -> None:
    """Wait until the script run has finished: the app is mounted, idle, and has stopped showing 'running'."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_load_state("networkidle", timeout=timeout_ms)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
               && document.querySelector('[data-testid="stMainBlockContainer"]')?.innerText.trim().length > 0""",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(1500)
