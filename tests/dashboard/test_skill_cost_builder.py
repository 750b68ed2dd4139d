"""Skill cost builder: sliders move the price, the URL carries the change, reset restores defaults."""

import pytest

from tests.dashboard.model_app import metric, open_page


@pytest.fixture(autouse=True)
def _fixture_warehouse(on_shared_warehouse):
    """Every test here reads the shared fixture warehouse."""


def _rate_key(at) -> str:
    return [s.key for s in at.slider if s.key.endswith(".rate")][0]


def test_raising_pay_raises_the_data_cost_and_writes_the_url():
    at = open_page("skill_cost_builder")
    before = metric(at, "Expert data cost")
    key = _rate_key(at)
    at.slider(key=key).set_value(450.0).run()
    assert not at.exception
    assert metric(at, "Expert data cost") > before
    assert at.query_params[key.removeprefix("in:")] == "450"


def test_raising_the_margin_raises_the_price():
    at = open_page("skill_cost_builder")
    before = metric(at, "Expert data cost")
    at.slider(key="in:margin").set_value(0.85).run()
    assert metric(at, "Expert data cost") > before


def test_reset_restores_the_defaults():
    at = open_page("skill_cost_builder")
    before = metric(at, "Expert data cost")
    at.slider(key=_rate_key(at)).set_value(450.0).run()
    at.button(key="scenario-reset").click().run()
    assert metric(at, "Expert data cost") == pytest.approx(before)
    assert not dict(at.query_params)


def test_sliders_name_where_their_default_comes_from():
    at = open_page("skill_cost_builder")
    hints = [c.value for c in at.caption]
    assert any("Default from " in h for h in hints) and any("Default is an assumption" in h for h in hints)
