"""The Sources and methodology page in Chromium on the bundled data: the figure-quality section shows the share
`datamoat sources check` prints, its two tables and the undated sources, and no request leaves the machine."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from datamoat.cli.main import app as cli
from pipelines.paths import SOURCES_DIR
from tests.browser.conftest import SCREENSHOTS, wait_for_app

pytestmark = pytest.mark.browser


def checked_share_and_undated() -> tuple[str, str]:
    """The sound-ground share and the undated-sources count, as the command-line check prints them."""
    result = CliRunner().invoke(cli, ["sources", "check", "--sources", str(SOURCES_DIR)])
    share = re.search(r"original\): ([\d.]+%) of ([\d,]+) rows", result.stdout)
    undated = re.search(r"Sources without a publication date: (\d+) of", result.stdout)
    assert share and undated, result.stdout
    return share.group(1), undated.group(1)


def test_figure_quality_shows_what_the_check_prints(bundled_server, page) -> None:
    page.goto(f"{bundled_server}/sources-methodology", wait_until="domcontentloaded")
    wait_for_app(page, timeout_ms=120_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    heading = page.get_by_role("heading", name="Figure quality")
    heading.wait_for(timeout=60_000)
    heading.scroll_into_view_if_needed()
    share, undated = checked_share_and_undated()
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="primary or reputable")
    assert metric.locator('[data-testid="stMetricValue"]').inner_text().strip() == share
    text = " ".join(page.locator('[data-testid="stMainBlockContainer"]').inner_text().split())
    assert f"{undated} of " in text and "show no publication date" in text
    assert page.get_by_text("Figure rows per table, by the class of the source they rest on").is_visible()
    assert page.get_by_text("Figure rows per table, by confidence label").is_visible()
    page.get_by_text("Figure rows per table, by confidence label").scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "figure-quality.png"))
