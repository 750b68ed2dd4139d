"""The load benchmark runs end to end: two readers for ten seconds, zero errors, traffic only to 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from dashboard.load_bench import LoadReport, run_load_benchmark


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
    started = time.monotonic()
    report = run_load_benchmark(sessions=2, seconds=10, warehouse=warehouse, echo=None)
    assert time.monotonic() - started < 30, report.text()
    assert report.errors == [], report.text()
    assert len(report.latencies_s) >= 2, report.text()
    assert len(report.first_loads_s) == 2
    assert set(report.blocked_hosts) <= {"fonts.gstatic.com", "fonts.googleapis.com"}, report.blocked_hosts
