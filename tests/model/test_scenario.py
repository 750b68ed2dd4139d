"""The scenario document (schema version 2): validation as `field.path: message`, ranges, and migration from 1."""

from __future__ import annotations

import copy
import json

import pytest

from dashboard.model.ranged import Ranged
from dashboard.model.scenario import Pool, Scenario, ScenarioError, parse_scenario, scenario_to_json
from dashboard.model.template import default_scenario

from .builders import SMALL, SMALL_V1, skill, small


def problems_of(document) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(document)
    return caught.value.problems


def test_default_scenario_round_trips():
    scenario = default_scenario()
    text = scenario_to_json(scenario)
    assert parse_scenario(text) == scenario
    assert scenario_to_json(parse_scenario(text)) == text


def test_the_json_has_every_field():
    document = json.loads(scenario_to_json(parse_scenario(SMALL)))

    def assert_complete(model_cls, node):
        assert set(node) == set(model_cls.model_fields), model_cls.__name__

    assert_complete(Scenario, document)
    skill_cls = Scenario.model_fields["skills"].annotation.__args__[0]
    assert_complete(skill_cls, document["skills"][0])
    assert_complete(Pool, document["pools"]["law"])
    for section in ("compute", "scaling", "distillation", "long_tail", "projection", "sample_efficiency", "uncertainty"):
        assert_complete(Scenario.model_fields[section].annotation, document[section])


def test_ranged_values_parse_and_serialise(small_document):
    small_document["skills"][0]["rejection_rate"] = {"low": 0.1, "base": 0.2, "high": 0.3}
    small_document["pools"]["law"]["expert_pool"] = {"low": 1e4, "base": 5e4, "high": 2e5}
    scenario = parse_scenario(small_document)
    assert scenario.skills[0].rejection_rate == Ranged(low=0.1, base=0.2, high=0.3)
    assert scenario.pools["law"].expert_pool == Ranged(low=1e4, base=5e4, high=2e5)
    document = json.loads(scenario_to_json(scenario))
    assert document["skills"][0]["rejection_rate"] == {"low": 0.1, "base": 0.2, "high": 0.3}


def test_fraction_out_of_range_names_the_field(small_document):
    small_document["skills"][0]["rejection_rate"] = 1.2
    assert problems_of(small_document) == ["skills.0.rejection_rate: must be in [0, 1) (got 1.2)"]


def test_every_problem_is_reported(small_document):
    small_document["skills"][0]["usd_per_hour"] = -5
    small_document["pools"]["law"]["expert_pool"] = {"low": 3, "base": 2, "high": 5}
    small_document["skills"][0]["mystery"] = 1
    small_document["vendor_margin"] = {"low": 0.1, "base": 0.5, "high": 1.5}
    small_document["compute"]["gpu"] = "x" * 201
    small_document["pools"]["law"]["participation_rate"] = 0
    found = problems_of(small_document)
    assert sorted(found) == sorted([
        "skills.0.usd_per_hour: must be > 0 (got -5)",
        "pools.law.expert_pool: must satisfy low ≤ base ≤ high (got 3, 2, 5)",
        "skills.0.mystery: unknown field",
        "vendor_margin: high must be in [0, 1) (got 1.5)",
        "compute.gpu: must be at most 200 characters",
        "pools.law.participation_rate: must be in (0, 1] (got 0)",
    ])


def test_margin_of_one_or_more_is_refused_in_a_scenario(small_document):
    for margin in (1.0, 35):
        small_document["vendor_margin"] = margin
        assert problems_of(small_document) == [f"vendor_margin: must be in [0, 1) (got {margin:g})"]


def test_a_pool_belongs_to_a_skill_domain(small_document):
    small_document["pools"]["physics"] = {"expert_pool": 1000}
    [problem] = problems_of(small_document)
    assert "pools: no skill of domain(s) physics" in problem


def test_limits_on_skills_and_artifacts(small_document):
    one = copy.deepcopy(small_document["skills"][0])
    small_document["skills"] = [one] * 201
    assert problems_of(small_document) == ["skills: must have at most 200 items (got 201)"]
    small_document["skills"] = [one | {"artifacts": [{"type": "rubric", "count": 1}] * 51}]
    assert problems_of(small_document) == ["skills.0.artifacts: must have at most 50 items (got 51)"]
    small_document["skills"] = []
    assert problems_of(small_document) == ["skills: must have at least 1 item(s)"]


def test_counts_must_be_positive_and_whole_where_whole(small_document):
    small_document["skills"][0]["artifacts"][0]["count"] = 0
    small_document["long_tail"] = {"categories": 10.5}
    found = problems_of(small_document)
    assert "skills.0.artifacts.0.count: must be > 0 (got 0)" in found
    assert "long_tail.categories: must be a whole number ≥ 1 (got 10.5)" in found


def test_schema_version_and_json_errors(small_document):
    small_document["schema_version"] = 3
    assert problems_of(small_document)[0] == "schema_version: must be 2 (got 3)"
    assert problems_of("{not json")[0].startswith("(document): not valid JSON")
    assert problems_of("[1, 2]") == ["(document): must be a JSON object"]
    assert problems_of({"name": "no skills"}) == ["skills: required field missing"]


def test_booleans_and_strings_are_not_numbers(small_document):
    small_document["vendor_margin"] = True
    small_document["compute"]["gpus"] = "100"
    found = problems_of(small_document)
    assert "vendor_margin: must be a number or {low, base, high} (got True)" in found
    assert "compute.gpus: must be a number or {low, base, high} (got '100')" in found


def test_a_range_needs_exactly_low_base_high(small_document):
    small_document["skills"][0]["usd_per_hour"] = {"low": 1, "base": 2}
    assert problems_of(small_document) == ["skills.0.usd_per_hour: a range needs exactly low, base, high "
                                           "(unknown [], missing ['high'])"]


def test_domains_are_listed_once_in_order():
    scenario = parse_scenario(small(skills=[skill("law"), skill("medicine"), skill("law", "second law skill")]))
    assert scenario.domains == ["law", "medicine"]


# ------------------------------------------------------------------ version 1 → 2

def test_version_1_is_migrated_pool_fields_move_to_the_domain():
    scenario = parse_scenario(copy.deepcopy(SMALL_V1))
    assert scenario.schema_version == 2
    assert scenario.pools["law"] == Pool(expert_pool=10_000, participation_rate=0.01, hours_per_week_per_expert=10)
    assert scenario.skills[0].usd_per_hour == 100
    assert scenario.compute.hardware_usd_per_gpu == 30_000


def test_version_1_skills_of_one_domain_that_agree_share_one_pool():
    document = copy.deepcopy(SMALL_V1)
    document["skills"].append(copy.deepcopy(document["skills"][0]) | {"skill": "second", "expert_pool": 10_000,
                                                                      "participation_rate": None})
    scenario = parse_scenario(document)
    assert list(scenario.pools) == ["law"] and scenario.pools["law"].participation_rate == 0.01


def test_version_1_skills_of_one_domain_with_different_pools_are_refused():
    document = copy.deepcopy(SMALL_V1)
    document["skills"].append(copy.deepcopy(document["skills"][0]) | {"skill": "second", "expert_pool": 20_000})
    assert problems_of(document) == ["skills.1.expert_pool: differs from another skill of domain 'law'; version 2 "
                                     "gives one expert pool per domain"]


@pytest.mark.parametrize("field", ["gpu_useful_life_years", "energy_cost_fraction"])
def test_version_1_straight_line_amortisation_fields_are_refused_when_set(field):
    document = copy.deepcopy(SMALL_V1)
    document["compute"][field] = 4
    [problem] = problems_of(document)
    assert problem.startswith(f"compute.{field}: removed in version 2") and "Cottier" in problem


def test_migration_leaves_the_input_document_alone():
    document = copy.deepcopy(SMALL_V1)
    parse_scenario(document)
    assert document == SMALL_V1


def test_version_1_problems_after_migration_still_name_the_field():
    document = copy.deepcopy(SMALL_V1)
    document["skills"][0]["participation_rate"] = 2
    assert problems_of(document) == ["pools.law.participation_rate: must be in (0, 1] (got 2)"]
