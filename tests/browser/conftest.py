"""A live `streamlit run` on a free port against a fixture warehouse, and a headless system Chromium whose
every request is logged (a request to another host is blocked and fails the test that made it)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from datamoat.bench.browser import RequestLog, wait_rendered
from datamoat.bench.load_browser import CHROMIUM_ARGS
from datamoat.bench.local_server import HOST, free_port, start_server, stop_server, wait_until_up
from pipelines.build import build
from tests.conftest import FIXTURE_SOURCES

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tests" / "screenshots"
_SUFFIX = {"": 1.0, "k": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


class Served:
    """A dashboard server on 127.0.0.1 for one warehouse and user folder; restartable."""

    def __init__(self, folder: Path, warehouse: Path, user_dir: Path) -> None:
        self.folder, self.warehouse, self.user_dir = folder, warehouse, user_dir
        self.process = None
        self.url = ""
        self.starts = 0

    def start(self) -> str:
        port = free_port()
        self.starts += 1
        log = self.folder / f"streamlit-{self.starts}.log"
        self.process = start_server(port, self.warehouse, log, {"DATAMOAT_SOURCES": str(FIXTURE_SOURCES),
                                                                "DATAMOAT_USER_DIR": str(self.user_dir)})
        self.url = f"http://{HOST}:{port}"
        wait_until_up(self.url, self.process)
        return self.url

    def stop(self) -> None:
        if self.process is not None:
            stop_server(self.process)
            self.process = None


def serve(folder: Path) -> Served:
    warehouse = folder / "warehouse.duckdb"
    if not warehouse.exists():
        build(warehouse, FIXTURE_SOURCES)
    return Served(folder, warehouse, folder / "user")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The app served from a warehouse built from the fixture sources; always terminated."""
    running = serve(tmp_path_factory.mktemp("browser"))
    running.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def server(served: Served) -> str:
    return served.url


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
def requests_log() -> RequestLog:
    return RequestLog()


@pytest.fixture
def page(browser: object, requests_log: RequestLog) -> Iterator[object]:
    """A page in a fresh browser context; no request may leave the machine."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    requests_log.attach(context)
    try:
        yield context.new_page()
    finally:
        context.close()
    assert requests_log.external == [], f"requests to other hosts: {requests_log.external}"


def fresh_page(browser: object) -> tuple[object, object]:
    """Another reader: a new context (no cookies, no session), and its page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    return context, context.new_page()


def wait_for_app(page: object, timeout_ms: int = 60_000) -> None:
    """Until a rerun the last action asked for has started (if it has) and finished, and everything is drawn."""
    with contextlib.suppress(Exception):  # the run was quicker than the poll, or none was asked for
        page.wait_for_function("""() => document.querySelector('[data-testid="stApp"]')
                                   ?.getAttribute('data-test-script-state') !== 'notRunning'""", timeout=1_500)
    wait_rendered(page, timeout_ms)
    page.wait_for_timeout(300)


def open_page(page: object, server: str, path: str) -> None:
    page.goto(f"{server}/{path}", wait_until="commit")
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0


def _metric_box(page: object, label: str) -> object:
    labelled = page.locator('[data-testid="stMetricLabel"]').filter(has_text=label)
    return page.locator('[data-testid="stMetric"]').filter(has=labelled).first


def metric(page: object, label: str) -> float:
    """The number shown by the metric whose label contains `label` ('$2.69M' → 2.69e6)."""
    text = _metric_box(page, label).locator('[data-testid="stMetricValue"]').inner_text()
    match = re.search(r"([\d,]*\.?\d+)\s*([kMBT]?)", text)
    assert match, text
    return float(match.group(1).replace(",", "")) * _SUFFIX[match.group(2)]


def metric_text(page: object, label: str) -> str:
    return _metric_box(page, label).locator('[data-testid="stMetricValue"]').inner_text()


@pytest.fixture(scope="module")
def bundled_server(bundled_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served from the bundled warehouse (the data a newcomer sees); always terminated."""
    folder = tmp_path_factory.mktemp("bundled-browser")
    port = free_port()
    process = start_server(port, bundled_warehouse, folder / "streamlit.log")
    try:
        url = f"http://{HOST}:{port}"
        wait_until_up(url, process)
        yield url
    finally:
        stop_server(process)
