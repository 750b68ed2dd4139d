import json

import pytest

from dashboard.model.evaluate import evaluate
from dashboard.model.template import template_scenario
from datamoat.cli.scenario import MODEL_TABLES
from pipelines.reader import load_tables

OUTPUT_KEYS = {"skills", "data_cost_usd", "compute", "data_share", "binding_constraint_cost", "binding_constraint_time",
               "scaling", "distillation", "long_tail", "projection", "uncertainty", "sensitivity", "resolved_inputs"}


def test_headline_by_hand(small_scenario):
    result = evaluate(small_scenario, {})
    hours = 1000 / (1 - 0.2) * 1 * 2.0 * (1 + 0.5 * 0.25)
    price = hours * 100 / (1 - 0.5)
    gpu_hours = 3.6e24 / (1e15 * 0.5 * 3600)
    assert result.skills[0].expert_hours == pytest.approx(hours)
    assert result.skills[0].price_usd == pytest.approx(price)
    assert result.skills[0].weeks_to_assemble == pytest.approx(hours / (10_000 * 0.01 * 10))
    assert result.data_cost_usd == pytest.approx(price)
    assert result.compute.compute_cost_usd == pytest.approx(gpu_hours * 2.0)
    assert result.compute.training_days == pytest.approx(gpu_hours / 100 / 24)
    assert result.compute.amortised_cost_usd == pytest.approx(30_000 * 1.5 * gpu_hours / (4 * 8766) / 0.9)
    assert result.data_share == pytest.approx(price / (price + gpu_hours * 2.0))
    assert result.binding_constraint_cost == "compute"
    assert result.binding_constraint_time == "compute"  # 2.8 weeks < 833 days / 7
    assert result.uncertainty is None  # draws = 0 in the document


def test_data_binds_when_it_costs_more(small_document):
    from dashboard.model.scenario import parse_scenario

    small_document["compute"]["training_flop"] = 3.6e20  # 200 GPU-hours, $400, 0.08 days
    result = evaluate(parse_scenario(small_document), {})
    assert result.binding_constraint_cost == "data"
    assert result.binding_constraint_time == "data"


def test_template_without_tables_has_every_output_key():
    result = evaluate(template_scenario(), {}, draws=500)
    document = json.loads(result.model_dump_json())
    assert set(document) >= OUTPUT_KEYS
    assert document["uncertainty"]["draws"] == 500
    assert {"gpu_hours", "compute_cost_usd", "training_days"} <= set(document["compute"])
    assert {"n_opt_params", "d_opt_tokens", "loss_opt", "d_tokens_infinite_params", "data_reduction_factor"} <= set(document["scaling"])
    assert {"frequency_weighted_samples", "importance_weighted_samples"} <= set(document["long_tail"])
    assert document["resolved_inputs"]["compute.usd_per_gpu_hour"]["origin"] == "assumption"


def test_template_against_a_built_fixture_warehouse(warehouse):
    tables = load_tables(warehouse, MODEL_TABLES)
    result = evaluate(template_scenario(), tables, draws=200)
    from_warehouse = [item for item in result.resolved_inputs.values() if item.origin == "warehouse" and item.value is not None]
    assert from_warehouse, "the fixture warehouse should supply at least one input"
    assert all(item.source_ids for item in from_warehouse)
    assert result.data_cost_usd > 0 and result.compute.compute_cost_usd > 0


def test_time_binding_compares_weeks_with_training_weeks(small_document):
    from dashboard.model.scenario import parse_scenario

    # 24,000 GPU-hours on 100 GPUs = 10 days ≈ 1.43 weeks, shorter than the 2.8125 weeks of expert work
    small_document["compute"]["training_flop"] = 24_000 * 1e15 * 0.5 * 3600
    result = evaluate(parse_scenario(small_document), {})
    assert result.compute.training_days == pytest.approx(10.0)
    assert result.max_weeks_to_assemble == pytest.approx(2.8125)
    assert result.binding_constraint_time == "data"
