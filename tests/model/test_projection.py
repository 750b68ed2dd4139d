"""The projection under both framings of compute, and the crossover year per Monte Carlo draw."""

from __future__ import annotations

import numpy as np
import pytest

from dashboard.model.projection import (
    crossover_years,
    data_factor,
    frontier_compute_factor,
    per_skill_compute_factor,
    project,
)


def test_factors_by_hand():
    assert data_factor(2.0, 0.1, 0.0) == pytest.approx(1.1**2)
    assert data_factor(1.0, 0.1, 0.2) == pytest.approx(1.1 * 1.2)
    # two years: 2/2 hardware doublings + 24/12 algorithmic halvings = 3 halvings, times demand 1.5²
    assert per_skill_compute_factor(2.0, 0.5, 2.0, 12.0) == pytest.approx(1.5**2 / 2**3)
    assert frontier_compute_factor(3.0, 2.4) == pytest.approx(2.4**3)


def kwargs(**changes):
    base = dict(base_year=2026, years=3, data_cost_usd=100.0, compute_cost_usd=1000.0, frontier_training_cost_usd=None,
                hardware_doubling_years=1.0, algorithmic_halving_months=12.0, wage_growth=0.1, demand_growth=0.0,
                frontier_growth=2.0)
    return base | changes


def test_per_skill_crossover_by_hand():
    # compute ×1/4 a year (1 doubling + 1 halving), data ×1.1: 1000 → 250 → 62.5 vs 100 → 110 → 121
    result = project(**kwargs())
    rows = result.per_skill_runs.rows
    assert [row.year for row in rows] == [2026, 2027, 2028, 2029]
    assert rows[1].compute_cost_usd == pytest.approx(250.0)
    assert rows[2].data_cost_usd == pytest.approx(121.0)
    assert rows[2].data_share == pytest.approx(121 / (121 + 62.5))
    assert result.per_skill_runs.crossover_year == 2028
    assert result.per_skill_runs.data_costs_more_at_base_year is False
    assert result.frontier is None  # no frontier cost known


def test_demand_cancels_out_of_the_per_skill_framing():
    slow, fast = project(**kwargs(demand_growth=0.0)), project(**kwargs(demand_growth=0.9))
    assert slow.per_skill_runs.crossover_year == fast.per_skill_runs.crossover_year
    assert [r.data_share for r in slow.per_skill_runs.rows] == pytest.approx([r.data_share for r in fast.per_skill_runs.rows])


def test_frontier_crossover_by_hand():
    # data 100 × (1.1 × 2.0)^t against 1000 × 2.0^t: data overtakes once 1.1^t > 10, t = 25 (1.1^24 = 9.85)
    result = project(**kwargs(years=30, frontier_training_cost_usd=1000.0, demand_growth=1.0, frontier_growth=2.0))
    assert result.frontier.crossover_year == 2026 + 25
    assert result.frontier.rows[1].compute_cost_usd == pytest.approx(2000.0)
    assert result.frontier.rows[1].data_cost_usd == pytest.approx(220.0)


def test_no_crossover_within_the_horizon_is_none():
    result = project(**kwargs(years=5, data_cost_usd=1.0, compute_cost_usd=1e9, hardware_doubling_years=100.0,
                              algorithmic_halving_months=1200.0, wage_growth=0.0))
    assert result.per_skill_runs.crossover_year is None


def test_data_costing_more_at_base_year_is_the_base_year():
    result = project(**kwargs(base_year=2030, years=2, data_cost_usd=10.0, compute_cost_usd=1.0))
    assert result.per_skill_runs.crossover_year == 2030
    assert result.per_skill_runs.data_costs_more_at_base_year is True


def test_crossover_years_per_draw_by_hand():
    # draw 0: ratio 1/10, relative growth 2 → 2^t > 10 first at t = 4
    # draw 1: data already ahead → 0; draw 2: never within 5 years → NaN
    years = crossover_years(5, np.array([1.0, 5.0, 1.0]), np.array([10.0, 1.0, 10.0]), np.array([2.0, 1.0, 1.0]),
                            np.array([1.0, 1.0, 1.0]))
    assert years[:2].tolist() == [4.0, 0.0] and np.isnan(years[2])
