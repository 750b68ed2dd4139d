"""Every page says how the view differs from the default (count, list, reset), and names each link parameter
it could not use; the evidence switches travel in the link."""

from __future__ import annotations

import json
import re

import pytest

from dashboard.model.inputs import spec_for
from tests.dashboard.model_app import metric, open_page


@pytest.fixture(autouse=True)
def _fixture_warehouse(on_shared_warehouse):
    """Every test here reads the shared fixture warehouse."""


def _sidebar_text(at) -> str:
    return " ".join([c.value for c in at.sidebar.caption] + [m.value for m in at.sidebar.markdown])


def _count(at) -> int:
    text = _sidebar_text(at)
    if "This view is the default scenario" in text:
        return 0
    return int(re.search(r"differs from the default in (\d+) way", text).group(1))


@pytest.mark.parametrize("page", ["overview", "vendors", "my_data", "sources_methodology"])
def test_every_page_counts_and_lists_the_changes(page: str):
    plain = open_page(page)
    assert _count(plain) == 0 and plain.sidebar.button(key="scenario-reset").disabled
    changed = open_page(page, {"margin": "0.7", "ev": "no_speculative"})
    assert _count(changed) == 2
    listed = _sidebar_text(changed)
    assert f"{spec_for('vendor_margin').label}: **70 %**" in listed and "speculative figures hidden" in listed
    assert changed.sidebar.toggle(key="hide_speculative").value is True


def test_reset_restores_the_default_view_and_an_empty_link():
    at = open_page("overview", {"margin": "0.7", "ev": "no_speculative"})
    before = metric(at, "Expert data cost")
    at.sidebar.button(key="scenario-reset").click().run()
    assert _count(at) == 0 and not dict(at.query_params)
    assert at.sidebar.toggle(key="hide_speculative").value is False
    assert metric(at, "Expert data cost") < before


def test_the_speculative_switch_travels_in_the_link():
    at = open_page("vendors")
    at.sidebar.toggle(key="hide_speculative").set_value(True).run()
    assert dict(at.query_params).get("ev") == "no_speculative"
    assert _count(at) == 1


def test_an_imported_scenario_is_listed_and_carried_by_the_link():
    at = open_page("scenarios")
    document = {"schema_version": 2, "name": "imported", "vendor_margin": 0.65,
                "skills": [{"skill": "contract review", "domain": "law",
                            "artifacts": [{"type": "sft_demonstration", "count": 1234}]}]}
    at.file_uploader(key="scenario-import").set_value(("s.json", json.dumps(document).encode(), "application/json")).run()
    at.button(key="scenario-import-apply").click().run()
    assert not at.exception
    listed = _sidebar_text(at)
    assert "contract review" in listed and "1,234" in listed and spec_for("vendor_margin").label in listed
    params = dict(at.query_params)
    assert "doc" in params and params["margin"] == "0.65"
    reopened = open_page("overview", params)
    assert _count(reopened) == _count(at) and "contract review" in _sidebar_text(reopened)


def test_an_out_of_range_link_value_is_named_and_the_default_shown():
    default_cost = metric(open_page("overview"), "Compute cost")
    at = open_page("overview", {"c.flop": "1e+99", "zzz": "1"})
    warning = " ".join(w.value for w in at.warning)
    assert "c.flop" in warning and "1e+99" in warning and "zzz" in warning
    assert metric(at, "Compute cost") == pytest.approx(default_cost)
    assert _count(at) == 0


@pytest.mark.parametrize("page", ["vendors", "compute_vs_data"])
def test_link_notices_show_on_every_page(page: str):
    at = open_page(page, {"c.flop": "1e+99"})
    assert any("c.flop" in w.value for w in at.warning)
