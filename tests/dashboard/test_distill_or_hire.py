"""Distill or hire: longer outputs cost more API money; expert cost of the same items is shown."""

import pytest

from tests.dashboard.model_app import metric, open_page


@pytest.fixture(autouse=True)
def _fixture_warehouse(on_shared_warehouse):
    """Every test here reads the shared fixture warehouse."""


def test_longer_outputs_cost_more():
    at = open_page("distill_or_hire")
    assert metric(at, "Experts, same items") > 0
    before = metric(at, "API cost")
    at.slider(key="in:d.tout").set_value(20000.0).run()
    assert not at.exception
    assert metric(at, "API cost") > before
