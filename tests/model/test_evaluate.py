"""One full evaluation: headline by hand, pools, Cottier et al.'s amortisation, verdicts from the draws."""

from __future__ import annotations

import json

import pytest

from dashboard.model.evaluate import evaluate
from dashboard.model.evidence import Evidence
from dashboard.model.scenario import parse_scenario
from dashboard.model.template import default_scenario

from .builders import SMALL_EXPERT_HOURS, skill, small

OUTPUT_KEYS = {"skills", "pools", "data_cost_usd", "compute", "data_share", "data_costs_more", "data_takes_longer",
               "max_weeks_to_assemble", "verdict_money", "verdict_time", "scaling", "sample_efficiency", "distillation",
               "long_tail", "projection", "uncertainty", "sensitivity", "resolved_inputs", "choices", "warnings"}
GPU_HOURS = 3.6e24 / (1e15 * 0.5 * 3600)  # 2,000,000


def test_headline_by_hand(small_scenario):
    result = evaluate(small_scenario, Evidence())
    price = SMALL_EXPERT_HOURS * 100 / (1 - 0.5)
    [skill_result], [pool] = result.skills, result.pools
    assert skill_result.expert_hours == pytest.approx(2812.5)
    assert skill_result.price_usd == pytest.approx(price)
    assert pool.weekly_expert_hours == pytest.approx(10_000 * 0.01 * 10)
    assert pool.weeks_to_assemble == pytest.approx(2812.5 / 1000)
    assert skill_result.share_of_pool_hours == pytest.approx(1.0)
    assert result.data_cost_usd == pytest.approx(price)
    assert result.compute.compute_cost_usd == pytest.approx(GPU_HOURS * 2.0)
    assert result.compute.training_days == pytest.approx(GPU_HOURS / 100 / 24)
    assert result.data_share == pytest.approx(price / (price + GPU_HOURS * 2.0))
    assert result.data_costs_more is False
    assert result.data_takes_longer is False  # 2.8 weeks < 833 days / 7
    assert result.uncertainty is None  # draws = 0 in the document
    assert result.verdict_money.side == "compute" and "point estimate" in result.verdict_money.sentence


def test_amortised_cost_by_hand(small_scenario):
    # 100 GPUs for 20,000 hours each (2.28 years), a year old: value $30,000 × 2.0 × 10^−0.14 each,
    # losing 1 − 10^(−0.14 × 20,000/8,766) of it; energy 2e6 h × 0.7 kW × 0.75 × 1.2 × $0.08/kWh
    value = 30_000 * 2.0 * 10**-0.14
    hardware = 100 * value * (1 - 10 ** (-0.14 * 20_000 / 8766))
    energy = GPU_HOURS * 0.7 * 0.75 * 1.2 * 0.08
    compute = evaluate(small_scenario, Evidence()).compute
    assert compute.amortised_hardware_usd == pytest.approx(hardware)
    assert compute.energy_usd == pytest.approx(energy)
    assert compute.amortised_usd_per_gpu_hour == pytest.approx((hardware + energy) / GPU_HOURS)


def test_data_costs_more_and_takes_longer_when_compute_is_small(small_document):
    small_document["compute"]["training_flop"] = 3.6e20  # 200 GPU-hours, $400, 2 hours on 100 GPUs
    result = evaluate(parse_scenario(small_document), Evidence())
    assert result.data_costs_more is True and result.data_takes_longer is True


def test_time_compares_the_slowest_pool_with_training_weeks(small_document):
    # 24,000 GPU-hours on 100 GPUs = 10 days ≈ 1.43 weeks, shorter than the 2.8125 weeks of expert work
    small_document["compute"]["training_flop"] = 24_000 * 1e15 * 0.5 * 3600
    result = evaluate(parse_scenario(small_document), Evidence())
    assert result.compute.training_days == pytest.approx(10.0)
    assert result.compute.training_weeks == pytest.approx(10 / 7)
    assert result.max_weeks_to_assemble == pytest.approx(2.8125)
    assert result.data_takes_longer is True


def test_the_slowest_pool_sets_the_time():
    # law: 2,812.5 h from 1,000 h/week; medicine: 2,812.5 h from 10 h/week → 281.25 weeks
    document = small(skills=[skill("law"), skill("medicine")])
    document["pools"]["medicine"] = {"expert_pool": 100, "participation_rate": 0.01, "hours_per_week_per_expert": 10}
    result = evaluate(parse_scenario(document), Evidence())
    assert [p.weeks_to_assemble for p in result.pools] == pytest.approx([2.8125, 281.25])
    assert result.max_weeks_to_assemble == pytest.approx(281.25)
    assert [s.weeks_to_assemble for s in result.skills] == pytest.approx([2.8125, 281.25])


def draws_near(compute_cost_at_rate: float, draws: int = 4000):
    """Data cost ranged through the rate, triangular(50, 100, 150); compute fixed at the data cost a rate of
    `compute_cost_at_rate` would give, so P(data costs more) = P(rate > compute_cost_at_rate)."""
    document = small(uncertainty={"draws": draws, "seed": 5})
    document["skills"][0]["usd_per_hour"] = {"low": 50, "base": 100, "high": 150}
    document["compute"]["usd_per_gpu_hour"] = SMALL_EXPERT_HOURS * compute_cost_at_rate / 0.5 / GPU_HOURS
    return evaluate(parse_scenario(document), Evidence())


def test_draws_near_fifty_fifty_are_too_close_to_call():
    result = draws_near(100.0)  # the triangle's median: P = 0.5
    assert result.uncertainty.share_of_draws_data_costs_more == pytest.approx(0.5, abs=0.04)  # 5 SE at n = 4000
    assert result.verdict_money.side == "too close to call"
    assert result.verdict_money.sentence.startswith("Too close to call")


def test_a_clear_majority_of_draws_picks_a_side():
    # P(rate > 80) = 1 − (80 − 50)² / ((150 − 50)(100 − 50)) = 0.82; P(rate > 120) = 0.18
    high, low = draws_near(80.0), draws_near(120.0)
    assert high.uncertainty.share_of_draws_data_costs_more == pytest.approx(0.82, abs=0.04)
    assert high.verdict_money.side == "data"
    assert low.uncertainty.share_of_draws_data_costs_more == pytest.approx(0.18, abs=0.04)
    assert low.verdict_money.side == "compute"


def test_default_scenario_without_a_warehouse_has_every_output_key():
    result = evaluate(default_scenario(), Evidence(), draws=300)
    document = json.loads(result.model_dump_json())
    assert set(document) >= OUTPUT_KEYS
    assert document["uncertainty"]["draws"] == 300
    assert document["resolved_inputs"]["compute.usd_per_gpu_hour"]["origin"] == "assumption"
    assert [p["domain"] for p in document["pools"]] == ["medicine", "law", "mathematics"]
    assert sum(s["share_of_pool_hours"] for s in document["skills"]) == pytest.approx(3.0)  # one skill per pool


def test_default_scenario_against_the_bundled_warehouse(bundled_evidence):
    result = evaluate(default_scenario(), bundled_evidence, draws=200)
    from_warehouse = [item for item in result.resolved_inputs.values() if item.origin == "warehouse" and item.value is not None]
    assert len(from_warehouse) > 10
    assert all(item.source_ids and item.mart for item in from_warehouse)
    assert result.data_cost_usd > 0 and result.compute.compute_cost_usd > 0
    assert result.warnings == []
    assert result.scaling.fit == "besiroglu-2024"


def test_draws_and_seed_override_the_scenario(small_scenario):
    first = evaluate(small_scenario, Evidence(), draws=100, seed=9)
    assert (first.uncertainty.draws, first.uncertainty.seed) == (100, 9)
    again = evaluate(small_scenario, Evidence(), draws=100, seed=9)
    assert again.model_dump_json() == first.model_dump_json()  # JSON: no loss fit here, and NaN ≠ NaN
