"""The one default scenario, and filling a scenario's empty inputs with their resolved values."""

from __future__ import annotations

import json

import pytest

from dashboard.model.evaluate import evaluate
from dashboard.model.evidence import Evidence
from dashboard.model.inputs import INPUTS
from dashboard.model.ranged import Ranged
from dashboard.model.scenario import parse_scenario, scenario_to_json
from dashboard.model.template import default_scenario, fill_scenario

from .builders import Marts


def test_default_scenario_structure():
    scenario = default_scenario()
    assert [s.domain for s in scenario.skills] == ["medicine", "law", "mathematics"]
    for skill in scenario.skills:
        assert [(a.type, a.count) for a in skill.artifacts] == [
            ("sft_demonstration", 1000), ("preference_comparison", 3000), ("rl_task", 300)]
    assert scenario.pools == {} and scenario.uncertainty.draws == 2000 and scenario.uncertainty.seed == 0


def test_every_numeric_input_of_the_default_is_empty_but_the_counts():
    document = json.loads(scenario_to_json(default_scenario()))

    def numbers(node, path=""):
        if isinstance(node, dict):
            for key, value in node.items():
                yield from numbers(value, f"{path}.{key}" if path else key)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from numbers(value, f"{path}.{i}")
        else:
            yield path, node

    given = {path for path, value in numbers(document) if isinstance(value, int | float) and not isinstance(value, bool)}
    assert {p for p in given if not p.startswith(("schema_version", "uncertainty."))} == {
        f"skills.{i}.artifacts.{j}.{field}" for i in range(3) for j in range(3) for field in ("count", "annotations_each")}


def test_fill_scenario_writes_every_resolved_value_and_changes_no_result():
    evidence = Marts().default("expert_usd_per_hour", 90, 110, 135, key="law").default("vendor_margin", 0.4).evidence()
    scenario = default_scenario()
    filled = fill_scenario(scenario, evidence)
    assert filled.skills[1].usd_per_hour == Ranged(low=90, base=110, high=135)
    assert filled.vendor_margin == 0.4
    assert filled.pools["medicine"].expert_pool == INPUTS["pools.*.expert_pool"].assumption.value
    assert filled.compute.utilization == INPUTS["compute.utilization"].assumption.value
    assert filled.projection.base_year is None  # the calendar year is not frozen into the document
    parse_scenario(scenario_to_json(filled))  # still a valid document
    before, after = evaluate(scenario, evidence, draws=0), evaluate(filled, evidence, draws=0)
    assert after.data_cost_usd == pytest.approx(before.data_cost_usd)
    assert after.compute.compute_cost_usd == pytest.approx(before.compute.compute_cost_usd)
    assert after.max_weeks_to_assemble == pytest.approx(before.max_weeks_to_assemble)


def test_fill_scenario_leaves_given_values_alone(small_scenario):
    filled = fill_scenario(small_scenario, Marts().default("expert_usd_per_hour", 150, key="law").evidence())
    assert filled.skills[0].usd_per_hour == 100
    assert filled == fill_scenario(filled, Evidence())
