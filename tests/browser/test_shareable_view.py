"""Issue 17 in a real browser: what you see is what you share.

Each test is one "Done when" item: a link made after importing a scenario reopens the same numbers in a fresh
context; a saved scenario survives a server restart; a link with an out-of-range value shows a notice and the
default; the speculative switch travels in the link; draws split near 50/50 read "too close to call"; every
model-output ZIP has a non-empty sources.csv; `/overview` renders. Every test's page logs its requests and fails
on any to another host (the `page` fixture); `test_browser.py` opens every page that way.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from datamoat.bench.browser import RequestLog
from tests.browser.conftest import SCREENSHOTS, fresh_page, metric, metric_text, open_page, serve, wait_for_app
from tests.dashboard.model_app import split_money_link

pytestmark = pytest.mark.browser
HEADLINE = ("Expert data cost", "Compute cost", "Data share")
IMPORTED = {"schema_version": 2, "name": "imported in a browser", "vendor_margin": 0.66,
            "skills": [{"skill": "contract review", "domain": "law",
                        "artifacts": [{"type": "sft_demonstration", "count": 2500}, {"type": "rl_task", "count": 120}]},
                       {"skill": "triage notes", "domain": "medicine",
                        "artifacts": [{"type": "preference_comparison", "count": 4000}]}]}
MODEL_PAGES = ["", "skill-cost-builder", "supply-and-time", "compute-vs-data", "sample-efficiency", "distill-or-hire",
               "long-tail", "scenarios"]


def _headline(page) -> dict[str, float]:
    return {label: metric(page, label) for label in HEADLINE}


def _sidebar(page) -> str:
    """The sidebar's text, with the list of what differs opened."""
    listed = page.locator('[data-testid="stSidebar"] [data-testid="stExpander"] summary').filter(has_text="What differs")
    if listed.count() and listed.first.locator("xpath=..").get_attribute("open") is None:
        listed.first.click()
        page.wait_for_timeout(300)
    return page.locator('[data-testid="stSidebar"]').inner_text()


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"issue17-{name}.png"), full_page=True)


def _reader(browser):
    """Another reader in a fresh context, whose requests are logged too."""
    context, other = fresh_page(browser)
    return context, other, RequestLog().attach(context)


def test_a_link_made_after_importing_a_scenario_reopens_the_same_numbers(server: str, page, browser, tmp_path: Path):
    default = (open_page(page, server, ""), _headline(page))[1]
    open_page(page, server, "scenarios")
    scenario = tmp_path / "imported.json"
    scenario.write_text(json.dumps(IMPORTED), encoding="utf-8")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(scenario))
    wait_for_app(page)
    page.get_by_role("button", name="Use the imported scenario").click()
    wait_for_app(page)
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text="Overview").first.click()
    wait_for_app(page)
    shown = _headline(page)
    assert shown != default and "contract review" in _sidebar(page)
    link = page.url
    assert "doc=" in link and "margin=0.66" in link
    _shot(page, "imported")

    context, other, log = _reader(browser)
    try:
        open_page(other, link.split("/", 3)[0] + "//" + link.split("/", 3)[2], link.split("/", 3)[3])
        assert _headline(other) == shown
        assert "contract review" in _sidebar(other) and "differs from the default" in _sidebar(other)
    finally:
        context.close()
    assert log.external == []


def test_a_saved_scenario_survives_a_server_restart(browser, tmp_path: Path):
    running = serve(tmp_path)
    try:
        url = running.start()
        context, page, log = _reader(browser)
        try:
            open_page(page, url, "scenarios?margin=0.61")
            name = page.get_by_label("Name for the current scenario")
            name.fill("survives restarts")
            name.press("Enter")
            wait_for_app(page)
            page.get_by_role("button", name="Save", exact=True).click()
            wait_for_app(page)
            assert page.get_by_text("stays after a reload or a restart").count() == 1  # said beside the button
        finally:
            context.close()
        running.stop()
        url = running.start()
        context, page, log = _reader(browser)
        try:
            open_page(page, url, "scenarios")
            picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="A saved scenario").locator("input")
            picker.click()
            picker.press("ArrowDown")
            option = page.get_by_role("option").filter(has_text="survives restarts")
            assert option.count() == 1
            option.click()
            wait_for_app(page)
            page.locator('[data-testid="stBaseButton-secondary"]').filter(has_text="Open").click()
            wait_for_app(page)
            assert "margin=0.61" in page.url
            _shot(page, "saved-after-restart")
        finally:
            context.close()
        assert log.external == []
    finally:
        running.stop()


def test_an_out_of_range_link_value_shows_a_notice_and_the_default(server: str, page):
    open_page(page, server, "")
    default = _headline(page)
    open_page(page, server, "?c.flop=1e%2B99")
    notice = page.locator('[data-testid="stAlert"]').filter(has_text="could not be used")
    assert notice.count() == 1 and "c.flop" in notice.inner_text() and "1e+99" in notice.inner_text()
    assert _headline(page) == default
    assert "c.flop" not in page.url  # never reaches the model, nor the next link
    _shot(page, "out-of-range")


def test_the_speculative_switch_travels_in_the_link(server: str, page, browser):
    open_page(page, server, "vendors")
    switch = page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"], [data-testid="stSidebar"] label').filter(
        has_text="Hide speculative figures").first
    switch.click()
    wait_for_app(page)
    assert "ev=no_speculative" in page.url
    context, other, log = _reader(browser)
    try:
        open_page(other, server, "vendors?" + page.url.split("?", 1)[1])
        checked = other.locator('[data-testid="stSidebar"] input[type="checkbox"]').first
        assert checked.is_checked()
        assert "speculative figures hidden" in _sidebar(other)
    finally:
        context.close()
    assert log.external == []


def test_draws_split_near_half_read_too_close_to_call(served, page):
    params, share = split_money_link(served.warehouse)
    assert 0.35 < share < 0.65
    open_page(page, served.url, "?" + "&".join(f"{k}={v.replace('+', '%2B')}" for k, v in params.items()))
    assert metric_text(page, "Money") == "Too close to call"
    assert f"{round(100 * share)} % of draws" in page.locator('[data-testid="stMain"]').inner_text()
    _shot(page, "too-close-to-call")


def _zip_buttons(page):
    return page.locator('[data-testid="stDownloadButton"] button').filter(has_text="ZIP")


@pytest.mark.parametrize("path", MODEL_PAGES)
def test_every_model_output_zip_has_sources(server: str, page, path: str, tmp_path: Path):
    open_page(page, server, path)
    closed = page.locator('[data-testid="stMain"] details:not([open]) > summary')
    while closed.count():  # tables inside a collapsed expander too
        closed.first.click()
        page.wait_for_timeout(200)
    model_outputs = 0
    for i in range(_zip_buttons(page).count()):
        with page.expect_download(timeout=60_000) as started:
            _zip_buttons(page).nth(i).click()
        target = tmp_path / f"{i}.zip"
        started.value.save_as(target)
        with zipfile.ZipFile(target) as archive:
            if "scenario.json" not in archive.namelist():
                continue
            model_outputs += 1
            rows = list(csv.DictReader(io.StringIO(archive.read("sources.csv").decode("utf-8"))))
            assert rows, f"{path or 'overview'}: {started.value.suggested_filename} has an empty sources.csv"
    assert model_outputs > 0, f"{path or 'overview'}: no model-output table"


def test_overview_answers_at_its_own_address(server: str, page):
    open_page(page, server, "overview")
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_role("heading", name="Is data the binding constraint?").count() == 1
    assert metric(page, "Expert data cost") > 0
