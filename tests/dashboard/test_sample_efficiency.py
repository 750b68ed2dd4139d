"""Sample efficiency: a bigger compute budget means a bigger optimal model."""

import pytest

from tests.dashboard.model_app import metric, open_page, top_of


@pytest.fixture(autouse=True)
def _fixture_warehouse(on_shared_warehouse):
    """Every test here reads the shared fixture warehouse."""


def test_budget_moves_the_optimum():
    at = open_page("sample_efficiency")
    before = metric(at, "Optimal parameters")
    at.select_slider(key="in:sc.cflop").set_value(top_of("scaling.compute_flop")).run()
    assert not at.exception
    assert metric(at, "Optimal parameters") > before
    assert metric(at, "Data reduction factor") > 0
