"""`datamoat bench browser`: every page opened cold in headless Chromium, timed to fully rendered.

Every open is a new Streamlit session (a new websocket) against a server that is already up, timed from
navigation to fully rendered: the script run has finished, the page's title is shown, no skeleton is left,
and every chart and table has drawn. Three columns:
  first   the first open of each page after the server started (imports, marts and caches loading);
  cold    a reader's first visit: a fresh browser context, nothing cached (Streamlit's ~3 MB of JavaScript
          is fetched and compiled, and the chart library on the first chart);
  cached  a reader whose browser has the dashboard's static files (immutable, cached for a year): a new tab
          in a context that opened the dashboard before.
Every request to a host other than the server's is blocked and listed: the dashboard must work offline.
The floor: the same cold opens of `floor_app.py` — a bare Streamlit page, and one with one chart and one table —
served the same way, so a page's time can be read against what Streamlit itself takes on this machine.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

TARGET_S = 1.5
REPEATS = 3
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}

# True once the script run has finished and everything it sent has been drawn.
RENDERED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  if (!main || !main.querySelector('h1')) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const shown = (element) => element.checkVisibility();  // a collapsed expander's content is never drawn
  for (const chart of document.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    if (shown(chart) && !chart.querySelector('canvas, svg')) return false;
  }
  for (const table of document.querySelectorAll('[data-testid="stDataFrame"]')) {
    if (shown(table) && !table.querySelector('canvas, table')) return false;
  }
  return true;
}"""


def page_paths() -> list[tuple[str, str]]:
    """(title, path) of every registered page; the default page is served at the root."""
    from dashboard.ui.navigation import SECTIONS

    entries = [(title, url) for section in SECTIONS.values() for _, title, url, _ in section]
    return [(title, "" if i == 0 else url) for i, (title, url) in enumerate(entries)]


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or (parts.hostname or "") in LOCAL_HOSTS


@dataclass
class RequestLog:
    """Every request a browser context made; those to other hosts are blocked and kept apart."""

    local: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def attach(self, context: object) -> RequestLog:
        def route(request_route: object) -> None:
            url = request_route.request.url
            if is_local(url):
                self.local.append(url)
                request_route.continue_()
            else:
                self.external.append(url)
                request_route.abort()

        context.route("**/*", route)
        return self


def wait_rendered(page: object, timeout_ms: float = 60_000) -> None:
    """Until the script run has finished and every chart and table is drawn."""
    page.wait_for_function(RENDERED, polling=50, timeout=timeout_ms)


@dataclass
class PageTiming:
    title: str
    path: str
    first_s: float = float("nan")
    cold_s: list[float] = field(default_factory=list)
    cached_s: list[float] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    exception: bool = False

    @property
    def median_s(self) -> float:
        return statistics.median(self.cold_s) if self.cold_s else float("nan")

    @property
    def cached_median_s(self) -> float:
        return statistics.median(self.cached_s) if self.cached_s else float("nan")


VIEWPORT = {"width": 1400, "height": 1000}


def timed_open(context: object, base_url: str, path: str) -> tuple[float, bool]:
    """Seconds from navigation to fully rendered in a new tab of `context`, and whether an exception showed."""
    page = context.new_page()
    try:
        started = time.perf_counter()
        page.goto(f"{base_url}/{path}", wait_until="commit")
        wait_rendered(page)
        seconds = time.perf_counter() - started
        return seconds, page.locator('[data-testid="stException"]').count() > 0
    finally:
        page.close()


def open_cold(browser: object, base_url: str, path: str) -> tuple[float, RequestLog, bool]:
    """Seconds to fully rendered in a fresh context (nothing cached), its requests, and whether an exception showed."""
    context = browser.new_context(viewport=VIEWPORT)
    log = RequestLog().attach(context)
    try:
        seconds, failed = timed_open(context, base_url, path)
    finally:
        context.close()
    return seconds, log, failed


def launch(playwright: object) -> object:
    """Debian's system Chromium, headless, with no background networking; nothing is downloaded."""
    import shutil

    from datamoat.bench.load_browser import CHROMIUM_ARGS

    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


def cold_opens(browser: object, base_url: str, timings: list[PageTiming], repeats: int) -> None:
    """Each page's first open (`first_s`), then `repeats` rounds of cold opens (`cold_s`), each in a fresh context;
    requests to other hosts and exceptions shown are kept on the timing."""
    for round_ in range(repeats + 1):
        for timing in timings:
            seconds, log, failed = open_cold(browser, base_url, timing.path)
            if round_ == 0:
                timing.first_s = seconds
            else:
                timing.cold_s.append(seconds)
            timing.external += log.external
            timing.exception |= failed


def measure(base_url: str, repeats: int = REPEATS) -> list[PageTiming]:
    """The first open of every page after the server started, then `repeats` cold opens of each."""
    from playwright.sync_api import sync_playwright

    timings = [PageTiming(title, path) for title, path in page_paths()]
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            cold_opens(browser, base_url, timings, repeats)
            cached = browser.new_context(viewport=VIEWPORT)
            log = RequestLog().attach(cached)
            try:
                timed_open(cached, base_url, "")  # the browser has been here before
                for _ in range(repeats):
                    for timing in timings:
                        seconds, failed = timed_open(cached, base_url, timing.path)
                        timing.cached_s.append(seconds)
                        timing.exception |= failed
                for timing in timings:
                    timing.external += log.external
            finally:
                cached.close()
        finally:
            browser.close()
    return timings


FLOOR_PAGES = (("bare Streamlit page", "bare"), ("one chart and one table", "chart-and-table"))


def measure_floor(base_url: str, repeats: int = REPEATS) -> list[PageTiming]:
    """`repeats` cold opens of each floor page (after one open that warms the server)."""
    from playwright.sync_api import sync_playwright

    timings = [PageTiming(title, path) for title, path in FLOOR_PAGES]
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            cold_opens(browser, base_url, timings, repeats)
        finally:
            browser.close()
    return timings


def floor_report(floor: list[PageTiming], timings: list[PageTiming]) -> str:
    """The floor pages' cold medians, and each dashboard page's cold median as a multiple of the chart-and-table floor."""
    lines = ["floor, Streamlit alone (cold medians): "
             + "; ".join(f"{t.title} {t.median_s:.2f}s" for t in floor)]
    base = floor[-1].median_s
    lines.append("dashboard pages against the one-chart-one-table floor: "
                 + ", ".join(f"{t.title} {t.median_s / base:.1f}×" for t in timings))
    return "\n".join(lines)


def _verdict(t: PageTiming, seconds: float, target_s: float) -> str:
    if t.exception:
        return "exception shown"
    if t.external:
        return f"{len(t.external)} request(s) to other hosts"
    return "ok" if seconds <= target_s else f"over {target_s:g} s"


def report(timings: list[PageTiming], target_s: float = TARGET_S) -> str:
    lines = [f"{'page':<31}{'path':<22}{'first':>7}{'cold':>8}{'(max)':>8}{'cached':>8}{'(max)':>8}  "
             f"{'cold':<12}cached"]
    for t in timings:
        worst = max(t.cold_s) if t.cold_s else float("nan")
        worst_cached = max(t.cached_s) if t.cached_s else float("nan")
        lines.append(f"{t.title:<31}{'/' + t.path:<22}{t.first_s:>6.2f}s{t.median_s:>7.2f}s{worst:>7.2f}s"
                     f"{t.cached_median_s:>7.2f}s{worst_cached:>7.2f}s  {_verdict(t, t.median_s, target_s):<12}"
                     f"{_verdict(t, t.cached_median_s, target_s)}")
    external = sorted({u for t in timings for u in t.external})
    lines.append(f"requests to hosts other than the server: {len(external)}" + "".join(f"\n  {u}" for u in external))
    for name, value in (("cold (nothing cached)", lambda t: t.median_s), ("cached static files", lambda t: t.cached_median_s)):
        within = sum(value(t) <= target_s and not t.exception and not t.external for t in timings)
        lines.append(f"{within} of {len(timings)} pages fully rendered within {target_s:g} s, {name} (medians)")
    lines.append(f"machine: {os.cpu_count()} CPU cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
                 "(other work on the machine slows every figure)")
    return "\n".join(lines)


def floor_timings(folder: Path, repeats: int) -> list[PageTiming]:
    from datamoat.bench.local_server import HOST, free_port, start_server, stop_server, wait_until_up

    port = free_port()
    process = start_server(port, Path(folder) / "none.duckdb", Path(folder) / "floor.log",
                           script=Path(__file__).with_name("floor_app.py"))
    try:
        wait_until_up(f"http://{HOST}:{port}", process)
        return measure_floor(f"http://{HOST}:{port}", repeats)
    finally:
        stop_server(process)


def run_browser_benchmark(warehouse: Path | None = None, repeats: int = REPEATS, port: int | None = None) -> bool:
    """Serve the dashboard on 127.0.0.1, print every page's cold time to fully rendered, and the floor (Streamlit
    alone); True when all pages are within target."""
    from datamoat.bench.local_server import HOST, free_port, start_server, stop_server, wait_until_up
    from pipelines.paths import default_warehouse_path

    warehouse = Path(warehouse or default_warehouse_path())
    if not warehouse.exists():
        raise FileNotFoundError(f"no warehouse at {warehouse} (run `datamoat build`)")
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="datamoat-bench-browser-") as folder:
        log = Path(folder) / "streamlit.log"
        process = start_server(port, warehouse, log, {"DATAMOAT_USER_DIR": str(Path(folder) / "user")})
        try:
            url = f"http://{HOST}:{port}"
            wait_until_up(url, process)
            print(f"server {url}, warehouse {warehouse}; {repeats} cold open(s) per page, each in a fresh browser context")
            timings = measure(url, repeats)
        finally:
            stop_server(process)
        floor = floor_timings(Path(folder), repeats)
    print(report(timings))
    print(floor_report(floor, timings))
    return all(t.median_s <= TARGET_S and not t.exception and not t.external for t in timings)


if __name__ == "__main__":
    run_browser_benchmark()
