import copy
import statistics

import pytest

from dashboard.model.assumptions import ASSUMPTIONS
from dashboard.model.defaults import resolve_inputs
from dashboard.model.ranged import Ranged
from dashboard.model.scenario import parse_scenario
from dashboard.model.template import default_scenario, fill_scenario

from .builders import SMALL


def empty_skill_scenario(domain="law", **sections):
    document = copy.deepcopy(SMALL)
    document["skills"] = [{"skill": "s", "domain": domain, "artifacts": [{"type": "rubric", "count": 10, "hours_each": 1}]}]
    document["compute"] = {"gpu": "H100-SXM"}
    document["vendor_margin"] = None
    document.update(sections)
    return parse_scenario(document)


def test_expert_rate_from_law_rows(tables):
    item = resolve_inputs(empty_skill_scenario(), tables).inputs["skills.0.usd_per_hour"]
    # base = median of typical, or (low+high)/2 when typical is empty: median(100, 120) = 110
    # low = median of lows = median(80, 100) = 90; high = median(120, 150) = 135
    assert item.value == Ranged(low=90.0, base=110.0, high=135.0)
    assert item.origin == "warehouse"
    assert item.source_ids == ["rate-a", "rate-b"]


def test_expert_pool_sums_occupations_at_latest_year(tables):
    item = resolve_inputs(empty_skill_scenario(), tables).inputs["skills.0.expert_pool"]
    # 2024 only; Lawyers from two sources → median(800k, 820k) = 810k; plus Judges 30k
    assert item.value == pytest.approx(statistics.median([800_000, 820_000]) + 30_000)
    assert item.source_ids == ["bls-2024", "other-2024"]


def test_gpu_price_median_with_min_max_range(tables):
    inputs = resolve_inputs(empty_skill_scenario(), tables).inputs
    assert inputs["compute.usd_per_gpu_hour"].value == Ranged(low=2.0, base=3.0, high=4.0)
    assert inputs["compute.usd_per_gpu_hour"].source_ids == ["gp-1", "gp-2", "gp-3"]
    assert inputs["compute.peak_flop_per_gpu_second"].value == 1e15
    # hardware_usd has only a range: base is its midpoint, a stated model choice
    assert inputs["compute.hardware_usd_per_gpu"].value == Ranged(low=20_000, base=25_000, high=30_000)


def test_scaling_prefers_hoffmann_fit(tables):
    res = resolve_inputs(empty_skill_scenario(), tables)
    assert res.choices["scaling.fit"] == "hoffmann-2022"
    assert res.inputs["scaling.alpha"].value == 0.34
    assert res.inputs["scaling.alpha"].source_ids == ["hoffmann"]
    named = resolve_inputs(empty_skill_scenario(scaling={"fit": "other-fit"}), tables)
    assert named.inputs["scaling.alpha"].value == 0.3


def test_reference_points_and_inverted_words_per_token(tables):
    inputs = resolve_inputs(empty_skill_scenario(), tables).inputs
    assert inputs["projection.wage_growth_per_year"].value == Ranged(low=0.03, base=0.04, high=0.05)
    assert inputs["projection.wage_growth_per_year"].source_ids == ["eci-1", "eci-2"]
    assert inputs["sample_efficiency.tokens_per_word"].value == pytest.approx(1 / 0.75)
    assert inputs["sample_efficiency.tokens_per_word"].source_ids == ["tok-1"]


def test_missing_rows_fall_back_to_labelled_assumptions(tables):
    inputs = resolve_inputs(empty_skill_scenario(domain="physics"), tables).inputs
    item = inputs["skills.0.usd_per_hour"]
    assert item.origin == "assumption"
    assert item.value == ASSUMPTIONS["expert_usd_per_hour"].value
    assert item.source_ids == []
    assert "ASSUMPTION" in item.note
    assert inputs["skills.0.participation_rate"].origin == "assumption"
    assert inputs["projection.skills_demand_growth_per_year"].origin == "assumption"


def test_scenario_values_win_over_warehouse(tables):
    inputs = resolve_inputs(parse_scenario(SMALL), tables).inputs
    assert inputs["skills.0.usd_per_hour"].origin == "scenario"
    assert inputs["skills.0.usd_per_hour"].value == 100


def test_no_tables_at_all_still_resolves_everything():
    res = resolve_inputs(empty_skill_scenario(), {})
    origins = {item.origin for item in res.inputs.values()}
    assert origins <= {"scenario", "assumption", "warehouse"}
    assert res.inputs["compute.usd_per_gpu_hour"].origin == "assumption"
    # facts about the world are never assumed: they stay empty
    assert res.inputs["sample_efficiency.human_words_heard_by_adulthood"].value is None


def test_fill_and_default_scenario(tables):
    filled = fill_scenario(empty_skill_scenario(), tables)
    assert filled.skills[0].usd_per_hour == Ranged(low=90.0, base=110.0, high=135.0)
    assert default_scenario(tables).skills[0].domain == "law"  # the only domain with rates and a US pool
