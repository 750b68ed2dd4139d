"""What every simulated reader of the load benchmark shares: the report it writes and its loop.

The two kinds of reader (`load_websocket`, `load_browser`) build on `Reader`; `load` drives them.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import time
from dataclasses import dataclass, field

from datamoat.bench.local_server import HOST

INTERACTION_TIMEOUT_S = 30.0
THINK_S = (0.5, 1.5)  # a reader's pause between interactions, drawn uniformly
SLIDER_PAGES = ("supply-and-time", "skill-cost-builder", "compute-vs-data", "sample-efficiency",
                "distill-or-hire", "long-tail")
OTHER_PAGES = ("overview", "vendors", "expert-rates", "scenarios")
TARGET_P95_S = 1.0


@dataclass
class LoadReport:
    sessions: int
    seconds: float
    client: str = "websocket"
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
        browser = self.client == "browser"
        lines = [
            f"{self.sessions} {self.client} sessions for {self.seconds:g} s "
            f"(wall {self.wall_s:.1f} s, {os.cpu_count()} CPU cores)",
            f"interactions: {len(self.latencies_s)} ({kinds}); {len(self.latencies_s) / max(self.seconds, 1):.1f}/s"
            + (f"; {self.noops} slider press(es) left the value unchanged" if browser else ""),
            f"latency P50 {s(self.p50)}, P95 {s(self.p95)}, max {s(max(self.latencies_s, default=None))} "
            f"(target P95 ≤ {TARGET_P95_S:g} s: {'met' if self.p95 is not None and self.p95 <= TARGET_P95_S else 'NOT met'})",
            f"first page load P50 {s(self.percentile(50, self.first_loads_s))}, "
            f"max {s(max(self.first_loads_s, default=None))}",
            f"errors: {len(self.errors)}"
            + (f"; requests blocked (not {HOST}): {sum(self.blocked_hosts.values())} "
               f"{dict(sorted(self.blocked_hosts.items())) or ''}" if browser else ""),
        ]
        lines += [f"  - {e}" for e in self.errors[:20]]
        return "\n".join(lines)


class Reader:
    """One simulated reader: opens a page, then moves sliders and switches pages until the deadline.

    Subclasses say how (`open`, `move_slider`, `switch_page`, `close`); `record` and `error` report.
    """

    def __init__(self, number: int, url: str, report: LoadReport) -> None:
        self.number, self.url, self.report = number, url, report
        self.rng = random.Random(number)

    def record(self, what: str, latency_s: float, first: bool = False) -> None:
        if first:
            self.report.first_loads_s.append(latency_s)
            return
        self.report.latencies_s.append(latency_s)
        kind = what.split(" ", 1)[0]
        self.report.kinds[kind] = self.report.kinds.get(kind, 0) + 1

    def error(self, message: str) -> None:
        self.report.errors.append(f"session {self.number}: {message}"[:300])

    async def open(self, first_page: str) -> bool:
        raise NotImplementedError

    async def move_slider(self) -> bool:
        raise NotImplementedError

    async def switch_page(self, target: str) -> None:
        raise NotImplementedError

    async def close(self) -> None:
        raise NotImplementedError

    async def run(self, deadline: float) -> None:
        try:
            if not await self.open(self.rng.choice(SLIDER_PAGES)):
                return
            while time.monotonic() < deadline:
                await asyncio.sleep(self.rng.uniform(*THINK_S))
                if time.monotonic() >= deadline:
                    break
                if self.rng.random() < 0.35 or not await self.move_slider():
                    await self.switch_page(self.rng.choice(SLIDER_PAGES + OTHER_PAGES))
        except asyncio.CancelledError:
            raise
        except Exception as error:
            self.error(f"{type(error).__name__}: {(str(error).splitlines() or [''])[0][:200]}")
        finally:
            await self.close()
