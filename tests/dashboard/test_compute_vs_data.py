"""Compute versus data: more training compute costs more; faster algorithms move the projection."""

import pytest

from tests.dashboard.model_app import metric, open_page, top_of


@pytest.fixture(autouse=True)
def _fixture_warehouse(on_shared_warehouse):
    """Every test here reads the shared fixture warehouse."""


def test_more_training_compute_costs_more():
    at = open_page("compute_vs_data")
    before = metric(at, "Compute cost (cloud rental)")
    at.select_slider(key="in:c.flop").set_value(top_of("compute.training_flop")).run()
    assert not at.exception
    assert metric(at, "Compute cost (cloud rental)") > before


def test_projection_states_a_crossover():
    at = open_page("compute_vs_data")
    assert any("overtakes" in md.value or "already costs more" in md.value or "stays the larger" in md.value
               for md in at.markdown)
