"""Supply and time: participation moves the weeks to assemble; the deadline helper is pure arithmetic."""

import pytest

from dashboard.ui.model_views import experts_needed, pool_needed
from tests.dashboard.model_app import metric, open_page


@pytest.fixture(autouse=True)
def _fixture_warehouse(on_shared_warehouse):
    """Every test here reads the shared fixture warehouse."""


def test_fewer_participants_take_longer():
    at = open_page("supply_and_time")
    before = metric(at, "Slowest pool")
    for key in [s.key for s in at.slider if s.key.endswith(".part")]:
        at.slider(key=key).set_value(0.0005).run()
    assert not at.exception
    assert metric(at, "Slowest pool") > before


def test_deadline_marks_scarce_domains():
    at = open_page("supply_and_time")
    at.slider(key="supply-deadline-weeks").set_value(1.0).run()
    tight = [md.value for md in at.markdown if "deadline" in md.value or "within" in md.value]
    at.slider(key="supply-deadline-weeks").set_value(104.0).run()
    loose = [md.value for md in at.markdown if "deadline" in md.value or "within" in md.value]
    assert tight != loose


def test_experts_needed_for_a_deadline():
    assert experts_needed(expert_hours=1000.0, deadline_weeks=10.0, hours_per_week_per_expert=10.0) == 10.0
    assert pool_needed(10.0, 0.01) == pytest.approx(1000.0)
