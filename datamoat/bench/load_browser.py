"""Load-benchmark readers in a real headless Chromium: one browser context per reader.

An interaction's latency runs from the key press or click to the server's `script_finished`
message reaching the page and Streamlit's "running" indicator going away. Errors: exceptions
shown in the page, page errors, interactions without an answer, and any request to a host but
127.0.0.1 (blocked and counted). On a 2-core machine twenty tabs rendering Vega charts compete
with the server for the CPU, so this mode measures the whole machine, not the server alone.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from urllib.parse import urlsplit

from datamoat.bench.load_reader import HOST, INTERACTION_TIMEOUT_S, LoadReport, Reader

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SLIDER = '[data-testid="stSlider"] input[type="range"]'
NAV_LINK = '[data-testid="stSidebarNav"] a'
IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


@asynccontextmanager
async def chromium() -> AsyncIterator[object]:
    """Debian's system Chromium, headless, closed on the way out; nothing is downloaded."""
    from playwright.async_api import async_playwright

    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium)")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            await browser.close()


class BrowserReader(Reader):
    """One reader: a browser context whose page counts the server's finished script runs."""

    def __init__(self, number: int, url: str, report: LoadReport, browser) -> None:
        super().__init__(number, url, report)
        self.browser = browser
        self.context = self.page = None
        self.finished = 0
        self.changed = asyncio.Event()

    def _on_frame(self, payload: bytes | str) -> None:
        # script_finished frames are tiny; skip decoding the large delta frames.
        if isinstance(payload, str) or len(payload) > 256:
            return
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        try:
            kind = ForwardMsg.FromString(payload).WhichOneof("type")
        except Exception:
            return
        if kind == "script_finished":
            self.finished += 1
            self.changed.set()

    async def _route(self, route) -> None:
        host = urlsplit(route.request.url).hostname
        if host == HOST:
            await route.continue_()
        else:
            host = host or route.request.url[:40]
            self.report.blocked_hosts[host] = self.report.blocked_hosts.get(host, 0) + 1
            await route.abort()

    async def _until_finished(self, seen: int, what: str) -> bool:
        deadline = time.monotonic() + INTERACTION_TIMEOUT_S
        while self.finished <= seen:
            self.changed.clear()
            left = deadline - time.monotonic()
            if left <= 0:
                self.error(f"{what}: no answer within {INTERACTION_TIMEOUT_S:g} s")
                return False
            with suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), timeout=left)
        return True

    async def _check_page(self, what: str) -> None:
        shown = self.page.locator('[data-testid="stException"]')
        if await shown.count():
            self.error(f"{what}: exception shown: {(await shown.first.inner_text())[:200]!r}")

    async def _interact(self, what: str, action: Callable, changed: Callable | None = None, first: bool = False) -> bool:
        seen = self.finished
        started = time.monotonic()
        await action()
        if changed is not None and not await changed():
            self.report.noops += 1  # the key press did not move the slider: no run to wait for
            return True
        if not await self._until_finished(seen, what):
            return False
        await self.page.wait_for_function(IDLE, timeout=INTERACTION_TIMEOUT_S * 1000)
        self.record(what, time.monotonic() - started, first)
        await self._check_page(what)
        return True

    async def open(self, first_page: str) -> bool:
        self.context = await self.browser.new_context(viewport={"width": 1400, "height": 1000})
        await self.context.route("**/*", self._route)
        self.page = await self.context.new_page()
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._on_frame))
        self.page.on("pageerror", lambda error: self.error(f"page error: {error}"))
        opened = await self._interact(f"first load of {first_page}", lambda: self.page.goto(
            f"{self.url}/{first_page}", timeout=INTERACTION_TIMEOUT_S * 1000 * 2), first=True)
        await asyncio.sleep(1.0)  # let any follow-up run of the first load finish before measuring
        return opened

    async def close(self) -> None:
        if self.context is not None:
            await self.context.close()

    async def move_slider(self) -> bool:
        sliders = self.page.locator(SLIDER)
        count = await sliders.count()
        if not count:
            return False
        slider = sliders.nth(self.rng.randrange(count))
        value, low, high = [float(await slider.get_attribute(a) or 0) for a in ("value", "min", "max")]
        key = "ArrowLeft" if value >= high else "ArrowRight" if value <= low else self.rng.choice(["ArrowLeft", "ArrowRight"])
        label = await slider.get_attribute("aria-label") or "slider"

        async def moved() -> bool:
            return float(await slider.get_attribute("value") or 0) != value

        await self._interact(f"slider {label}", lambda: slider.press(key), moved)
        return True

    async def switch_page(self, target: str) -> None:
        links = self.page.locator(NAV_LINK)
        link = self.page.locator(f'{NAV_LINK}[href$="/{target}"]')
        if not await link.count():
            link = links.nth(self.rng.randrange(await links.count()))
        await self._interact(f"page {target}", lambda: link.click())
