"""Load benchmark: N concurrent browser sessions against a `streamlit run` of the dashboard.

`run_load_benchmark(sessions, seconds)` starts its own headless server on a free port of 127.0.0.1
(file watcher off) against the warehouse, opens one headless Chromium with one browser context per
session, and has every session move sliders and switch pages for `seconds`. An interaction's latency
is the time from the key press or click to the server's `script_finished` message reaching the page
(the moment Streamlit's "running" indicator goes away), then the indicator's absence is checked in the
page. Errors: exceptions shown in the page, page errors, interactions without an answer within
INTERACTION_TIMEOUT_S, requests to any host but 127.0.0.1 (blocked), and tracebacks in the server's log.
The whole run stops itself at `seconds` + GRACE_S and always stops the server and the browser.
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
HOST = "127.0.0.1"
GRACE_S = 45.0
INTERACTION_TIMEOUT_S = 30.0
THINK_S = (0.5, 1.5)  # a reader's pause between interactions, drawn uniformly
SLIDER_PAGES = ("supply-and-time", "skill-cost-builder", "compute-vs-data", "sample-efficiency",
                "distill-or-hire", "long-tail")
SLIDER = '[data-testid="stSlider"] input[type="range"]'
NAV_LINK = '[data-testid="stSidebarNav"] a'
IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
TARGET_P95_S = 1.0


@dataclass
class LoadReport:
    sessions: int
    seconds: float
    latencies_s: list[float] = field(default_factory=list)
    first_loads_s: list[float] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    blocked_hosts: dict[str, int] = field(default_factory=dict)
    noops: int = 0  # slider presses that did not change the value (nothing to measure)
    wall_s: float = 0.0

    def percentile(self, q: float, values: list[float] | None = None) -> float | None:
        data = sorted(self.latencies_s if values is None else values)
        if not data:
            return None
        if len(data) == 1:
            return data[0]
        return statistics.quantiles(data, n=100, method="inclusive")[round(q) - 1]

    @property
    def p50(self) -> float | None:
        return self.percentile(50)

    @property
    def p95(self) -> float | None:
        return self.percentile(95)

    def text(self) -> str:
        def s(value: float | None) -> str:
            return "n/a" if value is None else f"{value:.3f} s"

        kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.kinds.items()))
        lines = [
            f"{self.sessions} sessions for {self.seconds:g} s (wall {self.wall_s:.1f} s, {os.cpu_count()} CPU cores)",
            f"interactions: {len(self.latencies_s)} ({kinds}); {len(self.latencies_s) / max(self.seconds, 1):.1f}/s; "
            f"{self.noops} slider press(es) left the value unchanged",
            f"latency P50 {s(self.p50)}, P95 {s(self.p95)}, max {s(max(self.latencies_s, default=None))} "
            f"(target P95 ≤ {TARGET_P95_S:g} s: {'met' if self.p95 is not None and self.p95 <= TARGET_P95_S else 'NOT met'})",
            f"first page load P50 {s(self.percentile(50, self.first_loads_s))}, "
            f"max {s(max(self.first_loads_s, default=None))}",
            f"errors: {len(self.errors)}; requests blocked (not {HOST}): "
            f"{sum(self.blocked_hosts.values())} {dict(sorted(self.blocked_hosts.items())) or ''}",
        ]
        lines += [f"  - {e}" for e in self.errors[:20]]
        return "\n".join(lines)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(port: int, warehouse: Path, log: Path) -> subprocess.Popen:
    """`streamlit run dashboard/app.py` on 127.0.0.1:port, headless, file watcher off; stderr to `log`."""
    command = [sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "dashboard" / "app.py"),
               "--server.headless", "true", "--server.port", str(port), "--server.address", HOST,
               "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    env = {**os.environ, "DATAMOAT_WAREHOUSE": str(warehouse)}
    with log.open("wb") as err:
        return subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err)


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer at {url} within {seconds:g} s")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class _Session:
    """One reader: a browser context whose page counts the server's finished script runs."""

    def __init__(self, number: int, url: str, report: LoadReport) -> None:
        self.number, self.url, self.report = number, url, report
        self.finished = 0
        self.changed = asyncio.Event()
        self.random = random.Random(number)

    def _on_frame(self, payload: bytes | str) -> None:
        # script_finished frames are tiny; skip decoding the large delta frames.
        if isinstance(payload, str) or len(payload) > 256:
            return
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        try:
            kind = ForwardMsg.FromString(payload).WhichOneof("type")
        except Exception:  # noqa: BLE001 — a frame we cannot decode is not ours to judge
            return
        if kind == "script_finished":
            self.finished += 1
            self.changed.set()

    async def _route(self, route) -> None:
        if urlsplit(route.request.url).hostname == HOST:
            await route.continue_()
        else:
            host = urlsplit(route.request.url).hostname or route.request.url[:40]
            self.report.blocked_hosts[host] = self.report.blocked_hosts.get(host, 0) + 1
            await route.abort()

    async def _until_finished(self, seen: int, what: str) -> bool:
        deadline = time.monotonic() + INTERACTION_TIMEOUT_S
        while self.finished <= seen:
            self.changed.clear()
            left = deadline - time.monotonic()
            if left <= 0:
                self.report.errors.append(f"session {self.number}: {what}: no answer within {INTERACTION_TIMEOUT_S:g} s")
                return False
            try:
                await asyncio.wait_for(self.changed.wait(), timeout=left)
            except TimeoutError:
                pass
        return True

    async def _check_page(self, page, what: str) -> None:
        if await page.locator('[data-testid="stException"]').count():
            text = (await page.locator('[data-testid="stException"]').first.inner_text())[:200]
            self.report.errors.append(f"session {self.number}: {what}: exception shown: {text!r}")

    async def _interact(self, page, what: str, action: Callable, changed: Callable | None = None) -> None:
        seen = self.finished
        started = time.monotonic()
        await action()
        if changed is not None and not await changed():
            self.report.noops += 1  # the key press did not move the slider: no run to wait for
            return
        if await self._until_finished(seen, what):
            await page.wait_for_function(IDLE, timeout=INTERACTION_TIMEOUT_S * 1000)
            self.report.latencies_s.append(time.monotonic() - started)
            kind = what.split(" ", 1)[0]
            self.report.kinds[kind] = self.report.kinds.get(kind, 0) + 1
        await self._check_page(page, what)

    async def _move_slider(self, page) -> bool:
        sliders = page.locator(SLIDER)
        count = await sliders.count()
        if not count:
            return False
        slider = sliders.nth(self.random.randrange(count))
        value, low, high = [float(await slider.get_attribute(a) or 0) for a in ("value", "min", "max")]
        key = "ArrowLeft" if value >= high else "ArrowRight" if value <= low else self.random.choice(["ArrowLeft", "ArrowRight"])
        label = await slider.get_attribute("aria-label") or "slider"

        async def moved() -> bool:
            return float(await slider.get_attribute("value") or 0) != value

        await self._interact(page, f"slider {label}", lambda: slider.press(key), moved)
        return True

    async def _switch_page(self, page) -> None:
        target = self.random.choice(SLIDER_PAGES + ("overview", "vendors", "expert-rates", "scenarios"))
        link = page.locator(f'{NAV_LINK}[href$="/{target}"]')
        if not await link.count():
            link = page.locator(NAV_LINK).nth(self.random.randrange(await page.locator(NAV_LINK).count()))
        await self._interact(page, f"page {target}", lambda: link.click())

    async def run(self, browser, deadline: float) -> None:
        context = await browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            await context.route("**/*", self._route)
            page = await context.new_page()
            page.on("websocket", lambda ws: ws.on("framereceived", self._on_frame))
            page.on("pageerror", lambda error: self.report.errors.append(f"session {self.number}: page error: {error}"[:300]))
            first = self.random.choice(SLIDER_PAGES)
            started = time.monotonic()
            await page.goto(f"{self.url}/{first}", timeout=INTERACTION_TIMEOUT_S * 1000 * 2)
            if not await self._until_finished(0, f"first load of {first}"):
                return
            await page.wait_for_function(IDLE, timeout=INTERACTION_TIMEOUT_S * 1000)
            self.report.first_loads_s.append(time.monotonic() - started)
            await self._check_page(page, f"first load of {first}")
            await asyncio.sleep(1.0)  # let any follow-up run of the first load finish before measuring
            while time.monotonic() < deadline:
                await asyncio.sleep(self.random.uniform(*THINK_S))
                if time.monotonic() >= deadline:
                    break
                if self.random.random() < 0.35 or not await self._move_slider(page):
                    await self._switch_page(page)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001 — every failure of a session is a reported error
            self.report.errors.append(f"session {self.number}: {type(error).__name__}: {str(error).splitlines()[0][:200]}")
        finally:
            await context.close()


async def _drive(url: str, sessions: int, seconds: float, report: LoadReport) -> None:
    from playwright.async_api import async_playwright

    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium)")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            deadline = time.monotonic() + seconds
            tasks = [asyncio.create_task(_Session(n, url, report).run(browser, deadline)) for n in range(sessions)]
            done, pending = await asyncio.wait(tasks, timeout=seconds + GRACE_S)
            for task in pending:
                task.cancel()
            if pending:
                report.errors.append(f"{len(pending)} session(s) still running at the hard stop; cancelled")
                await asyncio.wait(pending, timeout=10)
        finally:
            await browser.close()


def server_errors(log: Path) -> list[str]:
    text = log.read_text(errors="replace") if log.exists() else ""
    return [f"server: {line.strip()[:200]}" for line in text.splitlines()
            if line.startswith("Traceback") or "Error" in line.split(":", 1)[0]]


def run_load_benchmark(sessions: int = 20, seconds: float = 60, port: int | None = None,
                       warehouse: Path | None = None, echo: Callable[[str], None] | None = print) -> LoadReport:
    """Serve the dashboard on 127.0.0.1, drive `sessions` readers for `seconds`, stop, and report."""
    from pipelines.paths import default_warehouse_path

    if sessions < 1 or seconds <= 0:
        raise ValueError("sessions must be ≥ 1 and seconds > 0")
    target = Path(warehouse) if warehouse else default_warehouse_path()
    if not target.exists():
        raise FileNotFoundError(f"no warehouse at {target}; run `datamoat build` first")
    report = LoadReport(sessions=sessions, seconds=seconds)
    port = port or free_port()
    url = f"http://{HOST}:{port}"
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="datamoat-load-") as folder:
        log = Path(folder) / "streamlit.log"
        process = start_server(port, target, log)
        try:
            wait_until_up(url, process)
            if echo:
                echo(f"Serving {url} from {target}; driving {sessions} session(s) for {seconds:g} s …")
            asyncio.run(_drive(url, sessions, seconds, report))
        finally:
            stop_server(process)
            report.errors += server_errors(log)
    report.wall_s = time.monotonic() - started
    if echo:
        echo(report.text())
    return report
