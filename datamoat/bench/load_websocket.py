"""Load-benchmark readers that speak Streamlit's websocket protocol directly, without a browser.

Each reader opens `ws://127.0.0.1:PORT/_stcore/stream`, asks for a page with a `rerun_script`
message, and reads the server's ForwardMsgs: `navigation` lists the pages, `new_element.slider`
deltas describe the sliders on the page, `page_info_changed` carries the query string the app
wrote, an `exception` element or `page_not_found` is an error, and `script_finished` ends the run.
To move a slider it sends the page's known slider values with one of them a step along, as the
browser does; to switch pages it sends another page's script hash. A reader renders nothing, so
on a 2-core machine the CPU goes to the server under test instead of to twenty Chromium tabs.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field

from datamoat.bench.load_reader import INTERACTION_TIMEOUT_S, LoadReport, Reader

STREAM_PATH = "/_stcore/stream"
FINISHED_OK = {"FINISHED_SUCCESSFULLY", "FINISHED_FRAGMENT_RUN_SUCCESSFULLY"}


@dataclass
class SliderState:
    """A slider as the server last described it, and the value this reader holds for it."""

    widget_id: str
    label: str
    low: float
    high: float
    step: float
    value: list[float]

    def moved(self, rng: random.Random) -> list[float]:
        """The value one step left or right (the first handle only), kept inside [low, high]."""
        first = self.value[0]
        direction = -1 if first + self.step > self.high else 1 if first - self.step < self.low else rng.choice((-1, 1))
        return [min(self.high, max(self.low, first + direction * self.step)), *self.value[1:]]


@dataclass
class RunOutcome:
    status: str = ""
    errors: list[str] = field(default_factory=list)


class WebsocketReader(Reader):
    """One reader over one websocket: a page at a time, the page's sliders, the app's query string."""

    def __init__(self, number: int, url: str, report: LoadReport) -> None:
        super().__init__(number, url, report)
        self.socket = None
        self.pages: dict[str, str] = {}  # url path → page script hash
        self.page_hash = ""
        self.query_string = ""
        self.sliders: dict[str, SliderState] = {}

    async def open(self, first_page: str) -> bool:
        from websockets.asyncio.client import connect

        address = self.url.replace("http://", "ws://", 1) + STREAM_PATH
        self.socket = await connect(address, subprotocols=["streamlit"], max_size=None, open_timeout=INTERACTION_TIMEOUT_S)
        return await self._timed_run(f"first load of {first_page}", page_name=first_page, first=True)

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()

    async def move_slider(self) -> bool:
        if not self.sliders:
            return False
        slider = self.sliders[self.rng.choice(sorted(self.sliders))]
        slider.value = slider.moved(self.rng)
        await self._timed_run(f"slider {slider.label}")
        return True

    async def switch_page(self, target: str) -> None:
        page_hash = self.pages.get(target) or self.rng.choice(sorted(self.pages.values()))
        self.page_hash, self.sliders = page_hash, {}
        await self._timed_run(f"page {target}")

    async def _timed_run(self, what: str, page_name: str = "", first: bool = False) -> bool:
        started = time.monotonic()
        await self.socket.send(self._rerun_message(page_name))
        try:
            outcome = await asyncio.wait_for(self._read_until_finished(), timeout=INTERACTION_TIMEOUT_S)
        except TimeoutError:
            self.error(f"{what}: no answer within {INTERACTION_TIMEOUT_S:g} s")
            return False
        for problem in outcome.errors:
            self.error(f"{what}: {problem}")
        if outcome.status not in FINISHED_OK:
            self.error(f"{what}: the script ended with {outcome.status or 'no status'}")
            return False
        self.record(what, time.monotonic() - started, first)
        return True

    def _rerun_message(self, page_name: str) -> bytes:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_hash
        state.page_name = page_name
        for slider in self.sliders.values():
            widget = state.widget_states.widgets.add()
            widget.id = slider.widget_id
            widget.double_array_value.data.extend(slider.value)
        return message.SerializeToString()

    async def _read_until_finished(self) -> RunOutcome:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        outcome = RunOutcome()
        while True:
            message = ForwardMsg.FromString(await self.socket.recv())
            kind = message.WhichOneof("type")
            if kind == "script_finished":
                outcome.status = ForwardMsg.ScriptFinishedStatus.Name(message.script_finished)
                if outcome.status != "FINISHED_EARLY_FOR_RERUN":
                    return outcome
            elif kind == "navigation":
                self.pages = {page.url_pathname: page.page_script_hash for page in message.navigation.app_pages}
                self.page_hash = message.navigation.page_script_hash or self.page_hash
            elif kind == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            elif kind == "page_not_found":
                outcome.errors.append(f"page not found: {message.page_not_found.page_name!r}")
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                self._read_element(message.delta.new_element, outcome)

    def _read_element(self, element, outcome: RunOutcome) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            outcome.errors.append(f"exception shown: {element.exception.type}: {element.exception.message[:160]!r}")
        elif kind == "slider" and not element.slider.disabled:
            slider = element.slider
            held = self.sliders.get(slider.id)
            # Without set_value the element repeats its default; the value this reader sent still holds.
            value = list(slider.value) if slider.set_value else held.value if held else list(slider.value or slider.default)
            if value and slider.step > 0:
                self.sliders[slider.id] = SliderState(slider.id, slider.label, slider.min, slider.max, slider.step, value)
