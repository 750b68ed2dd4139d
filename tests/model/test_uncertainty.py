"""Monte Carlo draws (triangular, log-triangular, one draw per shared group), chunking and sensitivity."""

from __future__ import annotations

import numpy as np
import pytest

import dashboard.model.uncertainty as uncertainty
from dashboard.model.evaluate import shape_of
from dashboard.model.evidence import Evidence
from dashboard.model.resolve import resolve_inputs
from dashboard.model.scenario import parse_scenario
from dashboard.model.uncertainty import (
    MAX_DRAWN_VALUES_PER_CHUNK,
    chunk_sizes,
    crossover_band,
    data_cost_draws,
    draw_groups,
    draw_triples,
    drawn_params,
    monte_carlo,
    sensitivity,
    triangular_quantile,
    uses_log_scale,
)

from .builders import SMALL_EXPERT_HOURS, Marts, skill, small


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
    # log-triangular on (ln 1e3, ln 1e4, ln 1e6): F(mode) = ln 10 / ln 1000 = 1/3 < 1/2, so the median is
    # exp(c − √(0.5 (c − a)(c − b))) ≈ 18,560, far below the arithmetic triangle's median (≈ 3.3e5)
    a, b, c = np.log([1e3, 1e4, 1e6])
    assert np.median(first[1]) == pytest.approx(np.exp(c - np.sqrt(0.5 * (c - a) * (c - b))), rel=0.1)


def ranged(document: dict) -> dict:
    document["skills"][0]["usd_per_hour"] = {"low": 50, "base": 100, "high": 150}
    document["compute"]["usd_per_gpu_hour"] = {"low": 1, "base": 2, "high": 8}
    return document


def test_monte_carlo_summary(small_document):
    scenario = parse_scenario(ranged(small_document))
    res = resolve_inputs(scenario, Evidence())
    result = monte_carlo(res, shape_of(scenario), 20_000, 3)
    price_per_rate = SMALL_EXPERT_HOURS / 0.5
    # symmetric triangular(50, 100, 150): the median is the base
    assert result.data_cost_usd.p50 == pytest.approx(price_per_rate * 100, rel=0.02)
    assert price_per_rate * 50 <= result.data_cost_usd.p5 <= result.data_cost_usd.p95 <= price_per_rate * 150
    assert result.share_of_draws_data_costs_more == 0.0  # data ≤ $843,750 < compute ≥ $2,000,000
    assert result.crossover_frontier is None  # no frontier cost known
    assert monte_carlo(res, shape_of(scenario), 1000, 3) == monte_carlo(res, shape_of(scenario), 1000, 3)
    assert monte_carlo(res, shape_of(scenario), 1000, 3) != monte_carlo(res, shape_of(scenario), 1000, 4)


def test_chunks_cover_every_draw():
    sizes = chunk_sizes(10_001, 1_000)
    assert sum(sizes) == 10_001
    assert max(sizes) * 1_000 <= MAX_DRAWN_VALUES_PER_CHUNK
    assert chunk_sizes(5, 0) == [5]


def test_chunked_monte_carlo_equals_unchunked(small_document, monkeypatch):
    scenario = parse_scenario(ranged(small_document))
    res = resolve_inputs(scenario, Evidence())
    whole = monte_carlo(res, shape_of(scenario), 5_000, 3)
    monkeypatch.setattr(uncertainty, "MAX_DRAWN_VALUES_PER_CHUNK", 1_000)  # 3 groups → chunks of 333 draws
    assert len(chunk_sizes(5_000, whole.draw_groups)) == 16
    assert monte_carlo(res, shape_of(scenario), 5_000, 3) == whole


def test_two_paths_in_one_draw_group_get_identical_draws():
    # two law skills read the same warehouse rate: one figure, one draw; the math skill's rate is its own
    evidence = Marts().default("expert_usd_per_hour", 50, 100, 200, key="law") \
        .default("expert_usd_per_hour", 40, 60, 90, key="mathematics").evidence()
    document = small(skills=[skill("law", usd_per_hour=None), skill("law", "second", usd_per_hour=None),
                             skill("mathematics", usd_per_hour=None)])
    res = resolve_inputs(parse_scenario(document), evidence)
    groups = draw_groups(res)
    assert groups["warehouse:expert_usd_per_hour:law"] == ["skills.0.usd_per_hour", "skills.1.usd_per_hour"]
    p = drawn_params(res, 500, seed=1)
    assert np.array_equal(p["skills.0.usd_per_hour"], p["skills.1.usd_per_hour"])
    assert np.ptp(p["skills.0.usd_per_hour"]) > 0
    assert not np.array_equal(p["skills.0.usd_per_hour"], p["skills.2.usd_per_hour"])


def test_scenario_ranges_are_drawn_independently_even_when_equal():
    same = {"low": 50, "base": 100, "high": 150}
    document = small(skills=[skill("law", usd_per_hour=same), skill("law", "second", usd_per_hour=same)])
    p = drawn_params(resolve_inputs(parse_scenario(document), Evidence()), 500, seed=1)
    assert not np.array_equal(p["skills.0.usd_per_hour"], p["skills.1.usd_per_hour"])
    # independent draws of one distribution: correlation near 0 (|r| < 0.2 is over 4 standard errors at n = 500)
    assert abs(np.corrcoef(p["skills.0.usd_per_hour"], p["skills.1.usd_per_hour"])[0, 1]) < 0.2


def test_a_shared_assumption_moves_every_pool_at_once():
    document = small(skills=[skill("law"), skill("medicine")], pools={})
    res = resolve_inputs(parse_scenario(document), Evidence())
    p = drawn_params(res, 200, seed=2)
    assert np.array_equal(p["pools.law.participation_rate"], p["pools.medicine.participation_rate"])


def test_sensitivity_by_hand(small_document):
    scenario = parse_scenario(ranged(small_document))
    rows = sensitivity(resolve_inputs(scenario, Evidence()), shape_of(scenario), {})
    data = SMALL_EXPERT_HOURS * 100 / 0.5  # $562,500
    gpu_hours = 3.6e24 / (1e15 * 0.5 * 3600)
    gpu_swing = data / (data + gpu_hours * 1) - data / (data + gpu_hours * 8)
    rate_swing = (data * 1.5) / (data * 1.5 + gpu_hours * 2) - (data * 0.5) / (data * 0.5 + gpu_hours * 2)
    assert gpu_swing > rate_swing
    assert [row.group for row in rows] == ["scenario:compute.usd_per_gpu_hour", "scenario:skills.0.usd_per_hour"]
    assert rows[0].data_share_swing == pytest.approx(gpu_swing)
    assert rows[1].data_share_swing == pytest.approx(rate_swing)
    assert rows[1].data_cost_usd_swing == pytest.approx(data * 1.5 - data * 0.5)
    assert rows[1].rank_by_data_cost_usd == 1 and rows[0].rank_by_data_cost_usd == 2


def test_sensitivity_swings_a_shared_group_as_a_whole():
    # two law skills on one warehouse rate: one bar, and its swing moves both skills' cost
    evidence = Marts().default("expert_usd_per_hour", 50, 100, 200, key="law").evidence()
    document = small(skills=[skill("law", usd_per_hour=None), skill("law", "second", usd_per_hour=None)])
    scenario = parse_scenario(document)
    [row] = sensitivity(resolve_inputs(scenario, evidence), shape_of(scenario), {})
    assert row.paths == ["skills.0.usd_per_hour", "skills.1.usd_per_hour"]
    assert row.data_cost_usd_swing == pytest.approx(2 * SMALL_EXPERT_HOURS * (200 - 50) / 0.5)


def test_data_cost_draws_shape_and_floor(small_document):
    scenario = parse_scenario(ranged(small_document))
    draws = data_cost_draws(resolve_inputs(scenario, Evidence()), shape_of(scenario), 1000, 0)
    assert draws.shape == (1000,)
    assert np.all(draws >= SMALL_EXPERT_HOURS * 50 / 0.5 - 1e-6)


def test_crossover_band_ranks_never_last():
    # 10 draws: crossings after 1, 2, 3 years and seven that never cross
    band = crossover_band(2026, np.array([1.0, 2.0, 3.0] + [np.nan] * 7))
    assert band.share_of_draws_crossing == pytest.approx(0.3)
    assert band.p5_year == 2027 and band.p50_year is None and band.p95_year is None


def test_large_scenario_stays_bounded(small_document):
    one = small_document["skills"][0] | {"usd_per_hour": {"low": 50, "base": 100, "high": 150}}
    small_document["skills"] = [one] * 200
    scenario = parse_scenario(small_document)
    res = resolve_inputs(scenario, Evidence())
    result = monte_carlo(res, shape_of(scenario), 20_000, 0)
    assert result.draw_groups == 201  # 200 scenario ranges and the assumed frontier growth
    assert result.data_cost_usd.p5 < result.data_cost_usd.p95


def test_fixed_data_inputs_with_uncertain_compute(small_document):
    # nothing behind the data cost is drawn (a scalar), while compute and the projection are
    small_document["compute"]["usd_per_gpu_hour"] = {"low": 1, "base": 2, "high": 8}
    scenario = parse_scenario(small_document)
    result = monte_carlo(resolve_inputs(scenario, Evidence()), shape_of(scenario), 500, 0)
    fixed = SMALL_EXPERT_HOURS * 100 / 0.5
    assert result.data_cost_usd.p5 == pytest.approx(fixed) and result.data_cost_usd.p95 == pytest.approx(fixed)
    assert result.compute_cost_usd.p5 < result.compute_cost_usd.p95
    assert result.crossover_per_skill_runs.share_of_draws_crossing >= 0
