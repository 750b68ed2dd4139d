"""`datamoat bench dashboard`: warm script-run time of every page under AppTest, against an empty page."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.ui.navigation import PAGES_DIR, SECTIONS

ENTRY = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
RUNS = 5
TARGET_MS, TARGET_RATIO, SLIDER_TARGET_MS = 300.0, 5.0, 150.0


def _median_ms(action, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


EMPTY_PAGE = "import streamlit as st\n\nst.title('empty')\n"
EMPTY_PAGE_IN_SHELL = (
    "import streamlit as st\n\nfrom dashboard.ui.navigation import shell\n\nshell()\n"
    "st.navigation([st.Page(lambda: st.title('empty'), title='Empty')]).run()\n"
)


def _script_ms(source: str) -> float:
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "empty.py"
        script.write_text(source)
        at = AppTest.from_file(str(script), default_timeout=60)
        at.run()
        return _median_ms(at.run)


def _page_ms(file: str) -> tuple[float, bool]:
    at = AppTest.from_file(str(ENTRY), default_timeout=60)
    at.run()
    at.switch_page(f"app_pages/{file}").run()  # warm
    ms = _median_ms(at.run)
    return ms, bool(at.exception)


def _slider_ms() -> float | None:
    at = AppTest.from_file(str(ENTRY), default_timeout=60)
    at.run()
    at.switch_page("app_pages/skill_cost_builder.py").run()
    if not at.slider:
        return None
    slider = at.slider[0]
    low, high = slider.min, slider.max
    values = iter([high, low] * RUNS)

    def move() -> None:
        at.slider[0].set_value(next(values)).run()

    move()  # warm
    return _median_ms(move)


def run_dashboard_benchmark() -> None:
    """Print each page's warm run time, its ratio to an empty page, and a model slider's response."""
    bare = _script_ms(EMPTY_PAGE)
    baseline = _script_ms(EMPTY_PAGE_IN_SHELL)
    print(f"empty page, bare script: {bare:.1f} ms; empty page inside the app's shell (page setup, warehouse "
          f"check, sidebar, navigation): {baseline:.1f} ms (medians of {RUNS} warm runs)")
    print("ratios and verdicts are against the empty page inside the shell; the bare ratio is shown for reference")
    print(f"{'page':<34}{'warm ms':>10}{'× empty':>10}{'× bare':>10}  verdict")
    for entries in SECTIONS.values():
        for file, title, _, _ in entries:
            if not (PAGES_DIR / file).exists():
                continue
            ms, failed = _page_ms(file)
            ok = ms <= TARGET_MS and ms <= TARGET_RATIO * baseline and not failed
            verdict = "exception" if failed else ("ok" if ok else f"over ({TARGET_MS:.0f} ms / {TARGET_RATIO:.0f}×)")
            print(f"{title:<34}{ms:>10.1f}{ms / baseline:>10.1f}{ms / bare:>10.1f}  {verdict}")
    slider = _slider_ms()
    if slider is None:
        print("slider change: skipped (the Skill cost builder has no slider yet)")
    else:
        verdict = "ok" if slider <= SLIDER_TARGET_MS else f"over ({SLIDER_TARGET_MS:.0f} ms)"
        print(f"slider change (Skill cost builder, first slider): {slider:.1f} ms  {verdict}")


if __name__ == "__main__":
    run_dashboard_benchmark()
