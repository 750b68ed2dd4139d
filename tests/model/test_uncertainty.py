import numpy as np
import pytest

from dashboard.model.defaults import resolve_inputs
from dashboard.model.evaluate import artifacts_per_skill
from dashboard.model.scenario import parse_scenario
from dashboard.model.uncertainty import (
    data_cost_draws,
    draw_triples,
    monte_carlo,
    sensitivity,
    triangular_quantile,
    uses_log_scale,
)


def test_triangular_quantile_by_hand():
    # triangular(0, 0.5, 1): F(mode) = 0.5; x = √(0.125·1·0.5) = 0.25 below, 1 − √(0.125·1·0.5) = 0.75 above
    u = np.array([0.125, 0.875])
    assert triangular_quantile(u, np.zeros(2), np.full(2, 0.5), np.ones(2)) == pytest.approx([0.25, 0.75])
    # mode at low: F = 0, so x = 1 − √((1 − 0.75)·1·1) = 0.5
    assert triangular_quantile(np.array([0.75]), np.zeros(1), np.zeros(1), np.ones(1)) == pytest.approx([0.5])


def test_log_scale_only_for_positive_ranges_beyond_ten_fold():
    low, high = np.array([1.0, 1.0, 0.0]), np.array([11.0, 10.0, 100.0])
    assert uses_log_scale(low, high).tolist() == [True, False, False]


def test_draws_stay_in_range_and_repeat_with_seed():
    triples = np.array([[1.0, 2.0, 4.0], [1e3, 1e4, 1e6]])
    first = draw_triples(triples, 5000, np.random.default_rng(7))
    again = draw_triples(triples, 5000, np.random.default_rng(7))
    other = draw_triples(triples, 5000, np.random.default_rng(8))
    assert np.array_equal(first, again) and not np.array_equal(first, other)
    assert first[0].min() >= 1.0 and first[0].max() <= 4.0
    assert first[1].min() >= 1e3 and first[1].max() <= 1e6
    # log-triangular: the median sits near the geometric middle, far below the arithmetic one
    assert np.median(first[1]) < 1e5


def ranged_scenario(small_document):
    small_document["skills"][0]["usd_per_hour"] = {"low": 50, "base": 100, "high": 150}
    small_document["compute"]["usd_per_gpu_hour"] = {"low": 1, "base": 2, "high": 8}
    return parse_scenario(small_document)


def test_monte_carlo_summary(small_document):
    scenario = ranged_scenario(small_document)
    res = resolve_inputs(scenario, {})
    result = monte_carlo(res, artifacts_per_skill(scenario), 20_000, 3)
    hours = 1000 / (1 - 0.2) * 2.0 * (1 + 0.5 * 0.25)
    # symmetric triangular(50, 100, 150): the median is the base
    assert result.data_cost_usd.p50 == pytest.approx(hours * 100 / 0.5, rel=0.02)
    assert hours * 50 / 0.5 <= result.data_cost_usd.p5 <= result.data_cost_usd.p95 <= hours * 150 / 0.5
    assert result.share_of_draws_data_binds_cost == 0.0  # data ≤ $843,750 < compute ≥ $2,000,000
    assert result.ranged_inputs == ["skills.0.usd_per_hour", "compute.usd_per_gpu_hour"]
    assert monte_carlo(res, artifacts_per_skill(scenario), 1000, 3) == monte_carlo(res, artifacts_per_skill(scenario), 1000, 3)


def test_sensitivity_by_hand(small_document):
    scenario = ranged_scenario(small_document)
    rows = sensitivity(resolve_inputs(scenario, {}), artifacts_per_skill(scenario))
    data = 1000 / 0.8 * 2.0 * 1.125 * 100 / 0.5  # $562,500
    gpu_hours = 3.6e24 / (1e15 * 0.5 * 3600)
    gpu_swing = data / (data + gpu_hours * 1) - data / (data + gpu_hours * 8)
    rate_swing = (data * 1.5) / (data * 1.5 + gpu_hours * 2) - (data * 0.5) / (data * 0.5 + gpu_hours * 2)
    assert gpu_swing > rate_swing
    assert [row.input for row in rows] == ["compute.usd_per_gpu_hour", "skills.0.usd_per_hour"]
    assert rows[0].data_share_swing == pytest.approx(gpu_swing)
    assert rows[1].data_share_swing == pytest.approx(rate_swing)
    assert rows[1].data_cost_usd_swing == pytest.approx(data * 1.5 - data * 0.5)
    assert rows[1].rank_by_data_cost_usd == 1 and rows[0].rank_by_data_cost_usd == 2


def test_data_cost_draws_shape(small_document):
    scenario = ranged_scenario(small_document)
    draws = data_cost_draws(resolve_inputs(scenario, {}), artifacts_per_skill(scenario), 1000, 0)
    assert draws.shape == (1000,)
    assert np.all(draws >= 1000 / 0.8 * 2.0 * 1.125 * 50 / 0.5 - 1e-6)


def test_chunks_cover_every_draw():
    from dashboard.model.uncertainty import MAX_DRAWN_VALUES_PER_CHUNK, chunk_sizes

    sizes = chunk_sizes(10_001, 1_000)
    assert sum(sizes) == 10_001
    assert max(sizes) * 1_000 <= MAX_DRAWN_VALUES_PER_CHUNK
    assert chunk_sizes(5, 0) == [5]


def test_large_scenario_stays_bounded(small_document):
    skill = small_document["skills"][0] | {"usd_per_hour": None, "participation_rate": None, "rejection_rate": None}
    small_document["skills"] = [skill] * 200
    scenario = parse_scenario(small_document)
    result = monte_carlo(resolve_inputs(scenario, {}), artifacts_per_skill(scenario), 20_000, 0)
    assert len(result.ranged_inputs) == 600
    assert result.data_cost_usd.p5 < result.data_cost_usd.p95
