"""Columns are formatted by the unit their name declares: counts and hours a table shows with fractions need one."""

from __future__ import annotations

import pytest

from dashboard.ui.formats import column_unit


@pytest.mark.parametrize(("column", "unit"), [
    ("active_experts_available", "count"), ("expert_hours_needed", "hours"), ("expert_hours", "hours"),
    ("participation_rate", "fraction"), ("item_count", "count"), ("figure_count", "count"),
    ("run_rate_vendors", None), ("usd_per_hour_low", "usd_per_hour"), ("share_of_pool_hours", "fraction"),
])
def test_a_column_name_declares_its_unit(column, unit):
    assert column_unit(column) == unit
