"""Load benchmark: N concurrent readers against a `streamlit run` of the dashboard on 127.0.0.1.

`run_load_benchmark(sessions, seconds)` starts its own headless server on a free port of 127.0.0.1
(file watcher off) against the warehouse, has every reader open a page and then move sliders and
switch pages for `seconds`, and reports errors and the P50/P95 of interaction latency. Readers are
websocket clients speaking Streamlit's protocol (`datamoat/bench/load_websocket.py`, the default: the
server's capacity) or headless Chromium tabs (`datamoat/bench/load_browser.py`: the whole machine,
browsers included). Errors: exceptions in the app, interactions without an answer within
INTERACTION_TIMEOUT_S, and tracebacks in the server's log. The run stops itself at `seconds` +
GRACE_S and always stops the server.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from datamoat.bench.load_reader import LoadReport, Reader
from datamoat.bench.local_server import HOST, free_port, start_server, stop_server, wait_until_up

GRACE_S = 45.0
CLIENTS = ("websocket", "browser")


async def _drive(url: str, sessions: int, seconds: float, report: LoadReport, client: str) -> None:
    deadline = time.monotonic() + seconds
    if client == "browser":
        from datamoat.bench.load_browser import BrowserReader, chromium

        async with chromium() as browser:
            await _run_all([BrowserReader(n, url, report, browser) for n in range(sessions)], seconds, deadline, report)
    else:
        from datamoat.bench.load_websocket import WebsocketReader

        await _run_all([WebsocketReader(n, url, report) for n in range(sessions)], seconds, deadline, report)


async def _run_all(readers: list[Reader], seconds: float, deadline: float, report: LoadReport) -> None:
    tasks = [asyncio.create_task(reader.run(deadline)) for reader in readers]
    _, pending = await asyncio.wait(tasks, timeout=seconds + GRACE_S)
    for task in pending:
        task.cancel()
    if pending:
        report.errors.append(f"{len(pending)} session(s) still running at the hard stop; cancelled")
        await asyncio.wait(pending, timeout=10)


def server_errors(log: Path) -> list[str]:
    text = log.read_text(errors="replace") if log.exists() else ""
    return [f"server: {line.strip()[:200]}" for line in text.splitlines()
            if line.startswith("Traceback") or "Error" in line.split(":", 1)[0]]


def run_load_benchmark(sessions: int = 20, seconds: float = 60, port: int | None = None,
                       warehouse: Path | None = None, echo: Callable[[str], None] | None = print,
                       client: str = "websocket") -> LoadReport:
    """Serve the dashboard on 127.0.0.1, drive `sessions` readers for `seconds`, stop, and report."""
    from pipelines.paths import default_warehouse_path

    if sessions < 1 or seconds <= 0:
        raise ValueError("sessions must be ≥ 1 and seconds > 0")
    if client not in CLIENTS:
        raise ValueError(f"client must be one of {', '.join(CLIENTS)} (got {client!r})")
    target = Path(warehouse) if warehouse else default_warehouse_path()
    if not target.exists():
        raise FileNotFoundError(f"no warehouse at {target}; run `datamoat build` first")
    report = LoadReport(sessions=sessions, seconds=seconds, client=client)
    port = port or free_port()
    url = f"http://{HOST}:{port}"
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="datamoat-load-") as folder:
        log = Path(folder) / "streamlit.log"
        process = start_server(port, target, log)
        try:
            wait_until_up(url, process)
            if echo:
                echo(f"Serving {url} from {target}; driving {sessions} {client} session(s) for {seconds:g} s …")
            asyncio.run(_drive(url, sessions, seconds, report, client))
        finally:
            stop_server(process)
            report.errors += server_errors(log)
    report.wall_s = time.monotonic() - started
    if echo:
        echo(report.text())
    return report
