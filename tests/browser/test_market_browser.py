"""The market page in Chromium on the bundled data: it renders its five charts without an exception, a
pointer over a bar shows a tooltip naming the sources, and a shared link reopens the same evidence filter."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from datamoat.cli.main import app as cli
from tests.browser.conftest import SCREENSHOTS, wait_for_app

pytestmark = pytest.mark.browser


def cli_document(warehouse, evidence_filter: str) -> dict:
    result = CliRunner().invoke(cli, ["market", "--json", "--warehouse", str(warehouse), "--evidence", evidence_filter])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _open(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    wait_for_app(page, timeout_ms=120_000)
    assert page.locator('[data-testid="stException"]').count() == 0


def _main_text(page) -> str:
    return page.locator('[data-testid="stMainBlockContainer"]').inner_text()


def test_the_market_renders_its_charts_and_statements(bundled_server, bundled_warehouse, page) -> None:
    _open(page, f"{bundled_server}/market")
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    charts.first.wait_for(timeout=60_000)
    assert charts.count() == 5
    for index in range(5):  # every chart compiled and drew something
        charts.nth(index).scroll_into_view_if_needed()
        assert charts.nth(index).bounding_box()["height"] > 100, index
    text = " ".join(_main_text(page).split())
    document = cli_document(bundled_warehouse, "all")
    assert " ".join(document["crossing"]["statement"].split()) in text
    years = sum(p["usd"] is not None for p in document["series"]["human_data_revenue"]["points"])
    assert f"{years} of {len(document['years'])} years have a human-data sum" in text
    assert "Data: Epoch AI" in text
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "market.png"), full_page=True)


def test_a_bar_tooltip_names_its_sources(bundled_server, page) -> None:
    _open(page, f"{bundled_server}/market")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    tooltip = page.locator("#vg-tooltip-element")
    found = ""
    for fx in (0.55, 0.65, 0.75, 0.6, 0.7, 0.5, 0.8, 0.45):  # the right half holds the tallest bars (2023–2026)
        for fy in (0.8, 0.75, 0.7, 0.65, 0.85):
            page.mouse.move(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
            page.wait_for_timeout(150)
            if tooltip.count() and tooltip.is_visible():
                found = tooltip.inner_text()
                if "Sources" in found:
                    break
        if "Sources" in found:
            break
    assert "Sources" in found, f"no tooltip with sources found; last: {found!r}"
    assert "As of" in found


def test_a_shared_link_reopens_the_filter(bundled_server, bundled_warehouse, page) -> None:
    _open(page, f"{bundled_server}/market?ev=no_speculative")
    switch = page.locator("label").filter(has_text="Hide speculative figures").locator("input")
    assert switch.is_checked()
    document = cli_document(bundled_warehouse, "no_speculative")
    years = sum(p["usd"] is not None for p in document["series"]["human_data_revenue"]["points"])
    assert f"{years} of {len(document['years'])} years have a human-data sum" in " ".join(_main_text(page).split())
    assert "ev=no_speculative" in page.url
