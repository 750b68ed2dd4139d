"""The browser benchmark's floor app serves both pages and each draws completely, with no request leaving the machine."""

from __future__ import annotations

import pytest

from datamoat.bench.browser import FLOOR_PAGES, floor_report, floor_timings

pytestmark = pytest.mark.browser


def test_the_floor_pages_render_cold_with_no_exception_and_no_outside_request(tmp_path):
    floor = floor_timings(tmp_path, repeats=1)
    assert [t.path for t in floor] == [path for _, path in FLOOR_PAGES]
    for timing in floor:
        assert not timing.exception and timing.external == []
        assert len(timing.cold_s) == 1 and 0 < timing.cold_s[0] < 60
    assert "one chart and one table" in floor_report(floor, floor)
