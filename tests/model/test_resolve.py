"""Resolving a scenario's empty inputs: scenario → warehouse default (mart_input_defaults) → assumption."""

from __future__ import annotations

import math

import pytest

from dashboard.model.evidence import Evidence
from dashboard.model.inputs import INPUTS
from dashboard.model.ranged import Ranged
from dashboard.model.resolve import InputOutOfRange, resolve_inputs
from dashboard.model.scenario import parse_scenario

from .builders import BESIROGLU, HOFFMANN, Marts, small


def empty(domains=("law",), artifact_type="sft_demonstration", **sections):
    """A scenario whose numeric inputs are all empty: everything comes from the marts or assumptions."""
    skills = [{"skill": f"s{i}", "domain": d, "artifacts": [{"type": artifact_type, "count": 10}]}
              for i, d in enumerate(domains)]
    return parse_scenario({"schema_version": 2, "skills": skills, **sections})


def test_warehouse_default_fills_an_empty_input_with_its_sources_and_mart():
    evidence = Marts().default("expert_usd_per_hour", 90, 110, 135, key="law", sources="rate-b;rate-a",
                               mart="mart_domain_expert_rates").evidence()
    item = resolve_inputs(empty(), evidence).inputs["skills.0.usd_per_hour"]
    assert item.value == Ranged(low=90, base=110, high=135)
    assert (item.origin, item.mart, item.source_ids) == ("warehouse", "mart_domain_expert_rates", ["rate-a", "rate-b"])
    assert item.draw_group == "warehouse:expert_usd_per_hour:law"


def test_a_degenerate_range_is_a_plain_number():
    evidence = Marts().default("vendor_margin", 0.4).evidence()
    assert resolve_inputs(empty(), evidence).inputs["vendor_margin"].value == 0.4


def test_defaults_are_keyed_by_domain_artifact_type_gpu_and_fit():
    evidence = (Marts()
                .default("expert_usd_per_hour", 50, key="mathematics").default("expert_usd_per_hour", 150, key="law")
                .default("hours_per_item", 3.0, key="rl_task").default("hours_per_item", 0.1, key="preference_comparison")
                .default("usd_per_gpu_hour", 2.0, key="H100-SXM").default("usd_per_gpu_hour", 1.0, key="A100-80GB")
                .fit("hoffmann-2022", HOFFMANN).fit("besiroglu-2024", BESIROGLU)
                .evidence())
    res = resolve_inputs(empty(("law", "mathematics"), "rl_task"), evidence)
    assert res.value("skills.0.usd_per_hour") == 150 and res.value("skills.1.usd_per_hour") == 50
    assert res.value("skills.0.artifacts.0.hours_each") == 3.0
    assert res.value("compute.usd_per_gpu_hour") == 2.0  # the scenario's default GPU, H100-SXM
    assert res.value("scaling.alpha") == BESIROGLU["alpha"]
    other = resolve_inputs(empty(compute={"gpu": "A100-80GB"}, scaling={"fit": "hoffmann-2022"}), evidence)
    assert other.value("compute.usd_per_gpu_hour") == 1.0
    assert other.value("scaling.alpha") == HOFFMANN["alpha"] and other.choices["scaling.fit"] == "hoffmann-2022"


def test_scenario_values_win_over_the_warehouse():
    evidence = Marts().default("expert_usd_per_hour", 150, key="law").default("vendor_margin", 0.3).evidence()
    res = resolve_inputs(parse_scenario(small()), evidence)
    item = res.inputs["skills.0.usd_per_hour"]
    assert (item.value, item.origin, item.draw_group) == (100, "scenario", "scenario:skills.0.usd_per_hour")
    assert res.value("vendor_margin") == 0.5


def test_missing_rows_fall_back_to_the_registry_assumption():
    res = resolve_inputs(empty(("physics",)), Marts().default("expert_usd_per_hour", 150, key="law").evidence())
    item = res.inputs["skills.0.usd_per_hour"]
    assert item.origin == "assumption" and item.value == INPUTS["skills.*.usd_per_hour"].assumption.value
    assert "ASSUMPTION" in item.note and item.source_ids == []
    assert item.draw_group == "assumption:skills.*.usd_per_hour"
    assert res.inputs["pools.physics.participation_rate"].origin == "assumption"


def test_facts_without_a_figure_stay_empty_never_assumed():
    res = resolve_inputs(empty(), Evidence())
    assert res.value("sample_efficiency.human_words_heard_by_adulthood") is None
    assert res.value("projection.frontier_training_cost_usd") is None


def test_only_the_chosen_evidence_filter_is_read():
    marts = Marts().default("vendor_margin", 0.5).default("vendor_margin", 0.2, evidence_filter="no_speculative")
    assert resolve_inputs(empty(), marts.evidence()).value("vendor_margin") == 0.5
    assert resolve_inputs(empty(), marts.evidence("no_speculative")).value("vendor_margin") == 0.2


def test_the_default_fit_is_besiroglu_else_the_first_by_name():
    both = Marts().fit("hoffmann-2022", HOFFMANN).fit("besiroglu-2024", BESIROGLU).evidence()
    assert resolve_inputs(empty(), both).choices["scaling.fit"] == "besiroglu-2024"
    only_others = Marts().fit("zeta-fit", HOFFMANN).fit("hoffmann-2022", HOFFMANN).evidence()
    assert resolve_inputs(empty(), only_others).choices["scaling.fit"] == "hoffmann-2022"
    assert resolve_inputs(empty(), Evidence()).choices["scaling.fit"] is None


def test_the_default_teacher_is_the_marked_frontier_model():
    evidence = Marts().teacher("small-model", 0.1, 0.4).teacher("frontier-model", 15, 75, is_default=True).evidence()
    res = resolve_inputs(empty(), evidence)
    assert res.choices["distillation.api_model"] == "frontier-model"
    assert res.value("distillation.usd_per_million_output_tokens") == 75
    chosen = resolve_inputs(empty(distillation={"api_model": "small-model"}), evidence)
    assert chosen.value("distillation.usd_per_million_output_tokens") == 0.4


def test_examples_default_to_the_accepted_items():
    scenario = parse_scenario(small(skills=[small()["skills"][0] | {
        "artifacts": [{"type": "a", "count": 300, "hours_each": 1}, {"type": "b", "count": 700, "hours_each": 1}]}]))
    item = resolve_inputs(scenario, Evidence()).inputs["distillation.examples"]
    assert (item.value, item.origin) == (1000.0, "derived")


# ------------------------------------------------------------------ range checks on warehouse figures

@pytest.mark.parametrize("margin", [1.0, 35.0])
def test_a_warehouse_margin_of_one_or_more_is_refused_naming_input_value_and_mart(margin):
    evidence = Marts().default("vendor_margin", margin, sources="bad-survey", mart="mart_vendor_gross_margin").evidence()
    with pytest.raises(InputOutOfRange) as caught:
        resolve_inputs(empty(), evidence)
    message = str(caught.value)
    assert message.startswith("vendor_margin (Vendor gross margin):")
    assert f"gives {margin:g}" in message and "mart_vendor_gross_margin" in message and "bad-survey" in message
    assert "must be in [0, 1)" in message


def test_any_end_of_a_warehouse_range_is_checked():
    evidence = Marts().default("utilization", 0.0, 0.4, 0.5, mart="mart_reference_figures").evidence()
    with pytest.raises(InputOutOfRange, match=r"compute.utilization .*gives 0, but the input must be in \(0, 1\]"):
        resolve_inputs(empty(), evidence)


def test_a_bad_figure_in_a_filter_not_chosen_does_not_matter():
    marts = Marts().default("vendor_margin", 0.5).default("vendor_margin", 1.0, evidence_filter="no_secondary")
    assert resolve_inputs(empty(), marts.evidence()).value("vendor_margin") == 0.5


def test_a_scenario_value_replaces_a_bad_warehouse_figure():
    evidence = Marts().default("vendor_margin", 35.0).evidence()
    assert resolve_inputs(parse_scenario(small()), evidence).value("vendor_margin") == 0.5


def test_amplification_above_five_times_is_warned():
    # 1/(1 − x) > 5 ⇔ x > 0.8
    quiet = small(vendor_margin={"low": 0.3, "base": 0.5, "high": 0.75})
    assert resolve_inputs(parse_scenario(quiet), Evidence()).warnings == []
    loud = small(vendor_margin={"low": 0.3, "base": 0.5, "high": 0.85})
    [warning] = resolve_inputs(parse_scenario(loud), Evidence()).warnings
    assert warning.startswith("vendor_margin (Vendor gross margin) reaches 0.85")
    assert f"{1 / (1 - 0.85):.1f}×" in warning  # 6.7×
    rejection = small()
    rejection["skills"][0]["rejection_rate"] = 0.9
    [warning] = resolve_inputs(parse_scenario(rejection), Evidence()).warnings
    assert warning.startswith("skills.0.rejection_rate (Rejection rate) reaches 0.90") and "10.0×" in warning


def test_warehouse_fractions_are_warned_about_too():
    evidence = Marts().default("vendor_margin", 0.3, 0.5, 0.82).evidence()
    [warning] = resolve_inputs(empty(), evidence).warnings
    assert warning.startswith("vendor_margin") and "5.6×" in warning


# ------------------------------------------------------------------ the frontier's cost trend

def frontier(points: int, growth: float = 2.4) -> Marts:
    """`points` frontier runs exactly on a trend of ×growth a year, $1M in 2015."""
    marts = Marts().default("frontier_training_cost_growth_per_year", 2.0, 2.4, 2.9)
    for i in range(points):
        marts.frontier_point(f"m{i}", 2015.5 + i, 1e6 * growth ** (0.5 + i))
    return marts


def test_enough_frontier_runs_give_a_fitted_trend_and_level():
    res = resolve_inputs(empty(projection={"base_year": 2026}), frontier(8).evidence())
    growth, level = res.inputs["projection.frontier_training_cost_growth_per_year"], \
        res.inputs["projection.frontier_training_cost_usd"]
    assert growth.origin == level.origin == "derived" and growth.mart == "mart_frontier_cost_points"
    assert growth.value.base == pytest.approx(2.4)
    assert level.value == pytest.approx(1e6 * 2.4 ** (2026.5 - 2015))  # the middle of the base year
    assert len(growth.source_ids) == 8


def test_few_frontier_runs_fall_back_to_the_curated_trend_without_a_level():
    res = resolve_inputs(empty(projection={"base_year": 2026}), frontier(7).evidence())
    growth = res.inputs["projection.frontier_training_cost_growth_per_year"]
    assert (growth.origin, growth.value) == ("warehouse", Ranged(low=2.0, base=2.4, high=2.9))
    assert res.value("projection.frontier_training_cost_usd") is None


def test_a_scenario_frontier_level_and_trend_win():
    projection = {"base_year": 2026, "frontier_training_cost_usd": 5e8, "frontier_training_cost_growth_per_year": 3.0}
    res = resolve_inputs(empty(projection=projection), frontier(8).evidence())
    assert res.value("projection.frontier_training_cost_usd") == 5e8
    assert res.value("projection.frontier_training_cost_growth_per_year") == 3.0


def test_base_year_defaults_to_this_year():
    import datetime

    res = resolve_inputs(empty(), Evidence())
    assert res.value("projection.base_year") == datetime.date.today().year
    assert math.isclose(resolve_inputs(empty(projection={"base_year": 2030}), Evidence()).value("projection.base_year"), 2030)


def test_exactly_five_times_is_not_warned_about():
    # 1/(1 − 0.8) is 5 (5.000000000000001 in floats): "more than 5×" starts above 0.8
    at_five = small(vendor_margin={"low": 0.3, "base": 0.5, "high": 0.8})
    assert resolve_inputs(parse_scenario(at_five), Evidence()).warnings == []
    above = small(vendor_margin={"low": 0.3, "base": 0.5, "high": 0.81})
    assert len(resolve_inputs(parse_scenario(above), Evidence()).warnings) == 1
