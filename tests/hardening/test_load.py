"""The load benchmark runs end to end with both kinds of reader: zero errors, traffic only to 127.0.0.1."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest

from datamoat.bench.load import LoadReport, run_load_benchmark
from datamoat.bench.load_websocket import SliderState


def test_report_percentiles():
    report = LoadReport(sessions=1, seconds=1, latencies_s=[float(i) for i in range(1, 101)])
    assert report.p50 == pytest.approx(50.5, abs=0.5) and report.p95 == pytest.approx(95, abs=1)
    assert "NOT met" in report.text()


@pytest.mark.browser
def test_two_sessions_for_ten_seconds_without_errors(warehouse: Path):
    if shutil.which("chromium") is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed but CI is set")
        pytest.skip("chromium not installed")
    report = run_load_benchmark(sessions=2, seconds=10, warehouse=warehouse, echo=None, client="browser")
    assert report.errors == [], report.text()
    assert len(report.first_loads_s) == 2, report.text()  # every session loaded; how fast is the benchmark's job
    assert set(report.blocked_hosts) <= {"fonts.gstatic.com", "fonts.googleapis.com"}, report.blocked_hosts


def test_a_slider_step_stays_between_its_ends():
    rng = random.Random(1)
    at_top = SliderState("w", "s", low=0.0, high=1.0, step=0.25, value=[1.0])
    at_bottom = SliderState("w", "s", low=0.0, high=1.0, step=0.25, value=[0.0])
    assert at_top.moved(rng) == [0.75] and at_bottom.moved(rng) == [0.25]
    middle = SliderState("w", "s", low=0.0, high=1.0, step=0.25, value=[0.5, 0.75])
    assert {tuple(middle.moved(rng)) for _ in range(20)} == {(0.25, 0.75), (0.75, 0.75)}


def test_websocket_readers_move_sliders_and_switch_pages_without_errors(warehouse: Path):
    report = run_load_benchmark(sessions=2, seconds=8, warehouse=warehouse, echo=None)
    assert report.client == "websocket" and report.errors == [], report.text()
    assert len(report.first_loads_s) == 2 and report.blocked_hosts == {}, report.text()


def test_an_unknown_client_is_refused(warehouse: Path):
    with pytest.raises(ValueError, match="client must be one of websocket, browser"):
        run_load_benchmark(sessions=1, seconds=1, warehouse=warehouse, echo=None, client="curl")
