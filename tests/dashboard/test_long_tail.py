"""Long tail: more categories need more samples under both strategies."""

import pytest

from tests.dashboard.model_app import metric, open_page


@pytest.fixture(autouse=True)
def _fixture_warehouse(on_shared_warehouse):
    """Every test here reads the shared fixture warehouse."""


def test_more_categories_need_more_samples():
    at = open_page("long_tail")
    freq, curated = metric(at, "Samples, bought by frequency"), metric(at, "Samples, weighted on purpose")
    assert freq > curated
    at.slider(key="in:lt.k").set_value(5000.0).run()
    assert not at.exception
    assert metric(at, "Samples, bought by frequency") > freq
    assert metric(at, "Samples, weighted on purpose") > curated
