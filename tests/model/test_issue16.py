"""Issue 16, "Done when": each claim checked against numbers worked out here from the formulas, not by the code.

Related checks elsewhere: verdicts near 50/50 (test_evaluate.py), the growth fit against numpy.polyfit
(test_growth.py), identical draws within a draw group (test_uncertainty.py).
"""

from __future__ import annotations

import csv
import math
from datetime import date

import numpy as np
import pytest

from dashboard.model.evaluate import evaluate
from dashboard.model.evidence import Evidence
from dashboard.model.inputs import INPUTS
from dashboard.model.projection import project
from dashboard.model.resolve import InputOutOfRange, resolve_inputs
from dashboard.model.scenario import parse_scenario
from dashboard.model.template import default_scenario, scenario_document
from pipelines.paths import DATA_DIR, SOURCES_DIR

from .builders import SMALL_EXPERT_HOURS, Marts, skill, small
from .conftest import query

# ------------------------------------------------------------------ shared expert pools

MIX = [{"type": "sft_demonstration", "count": 1000, "hours_each": 1.5},
       {"type": "preference_comparison", "count": 3000, "hours_each": 0.25},
       {"type": "rl_task", "count": 300, "hours_each": 4.0}]
# (1000 × 1.5 + 3000 × 0.25 + 300 × 4) / (1 − 0.15) × (1 + 0.2 × 0.5) = 3450 / 0.85 × 1.1
MEDICINE_SKILL_HOURS = 3450 / 0.85 * 1.1
# 204,050 physicians × 0.5 % taking part × 10 hours a week
MEDICINE_WEEKLY_HOURS = 204_050 * 0.005 * 10


def medicine(skills: int, **document) -> dict:
    one = skill("medicine", artifacts=MIX, rejection_rate=0.15, review_fraction=0.2, review_time_ratio=0.5)
    return small(skills=[one | {"skill": f"medicine skill {i}"} for i in range(skills)],
                 pools={"medicine": {"expert_pool": 204_050, "participation_rate": 0.005, "hours_per_week_per_expert": 10}},
                 **document)


def test_two_identical_medicine_skills_take_twice_one_skills_weeks():
    one = evaluate(parse_scenario(medicine(1)), Evidence())
    two = evaluate(parse_scenario(medicine(2)), Evidence())
    weeks = MEDICINE_SKILL_HOURS / MEDICINE_WEEKLY_HOURS  # 0.44 weeks
    assert one.max_weeks_to_assemble == pytest.approx(weeks)
    assert two.max_weeks_to_assemble == pytest.approx(2 * weeks)
    [pool] = two.pools
    assert (pool.domain, pool.skills) == ("medicine", 2)
    assert pool.expert_hours == pytest.approx(2 * MEDICINE_SKILL_HOURS)
    assert [s.weeks_to_assemble for s in two.skills] == pytest.approx([2 * weeks, 2 * weeks])  # the pool's weeks
    assert [s.share_of_pool_hours for s in two.skills] == pytest.approx([0.5, 0.5])


def test_a_shared_pool_doubles_the_weeks_in_every_draw():
    # the pool's size from the warehouse (one figure, one draw); the same seed gives the same draws
    evidence = Marts().default("expert_pool", 150_000, 204_050, 816_900, key="medicine").evidence()
    one_doc, two_doc = medicine(1, uncertainty={"draws": 1000, "seed": 3}), medicine(2, uncertainty={"draws": 1000, "seed": 3})
    for document in (one_doc, two_doc):
        document["pools"]["medicine"]["expert_pool"] = None
    one, two = evaluate(parse_scenario(one_doc), evidence), evaluate(parse_scenario(two_doc), evidence)
    for name in ("p5", "p50", "p95"):
        assert getattr(two.uncertainty.max_weeks_to_assemble, name) == pytest.approx(
            2 * getattr(one.uncertainty.max_weeks_to_assemble, name))


def test_the_medicine_pool_counts_every_physician(bundled_warehouse):
    rows = query(bundled_warehouse, "SELECT low, base, high FROM mart_input_defaults "
                                    "WHERE evidence_filter = 'all' AND input = 'expert_pool' AND key = 'medicine'")
    assert rows, "mart_input_defaults has no expert_pool row for medicine"
    [(low, base, high)] = rows
    expected = medicine_employment_in_the_newest_bls_workbook()
    assert low <= base <= high
    assert base == pytest.approx(expected)
    # every physician and surgeon (BLS: 816,900 jobs in 2022), not three specialty rows (204,050)
    assert base > 700_000


def medicine_employment_in_the_newest_bls_workbook() -> float:
    """Σ employment of the medicine occupations in domain_occupations.csv, read from the newest OEWS workbook."""
    import polars as pl

    with (SOURCES_DIR / "domain_occupations.csv").open(encoding="utf-8", newline="") as handle:
        wanted = {(r["soc_code"], r["o_group"]) for r in csv.DictReader(handle) if r["domain"] == "medicine"}
    folder = DATA_DIR / "upstream" / "bls-oews"
    snapshot = folder / (folder / "CURRENT").read_text(encoding="utf-8").strip()
    newest = max(snapshot.glob("national_M*_dl.xlsx"), key=lambda p: p.name)
    sheet = pl.read_excel(newest, infer_schema_length=0)  # every column as text
    group = "O_GROUP" if "O_GROUP" in sheet.columns else "OCC_GROUP"
    matched = sheet.filter(pl.struct("OCC_CODE", group).map_elements(lambda r: (r["OCC_CODE"], r[group]) in wanted,
                                                                      return_dtype=pl.Boolean))
    assert matched.height == len(wanted), f"{newest.name} lacks some of {sorted(wanted)}"
    return float(sum(float(x) for x in matched["TOT_EMP"]))


# ------------------------------------------------------------------ a symmetric projection

def test_zero_demand_growth_and_equal_rates_give_no_frontier_crossover():
    # data × (1 + w)(1 + 0) a year, the frontier × g = 1 + w a year: their ratio never moves
    result = project(2026, 30, data_cost_usd=3e6, compute_cost_usd=1e6, frontier_training_cost_usd=1e8,
                     hardware_doubling_years=2.5, algorithmic_halving_months=8, wage_growth=0.035, demand_growth=0.0,
                     frontier_growth=1.035)
    assert result.frontier.crossover_year is None
    assert [row.data_share for row in result.frontier.rows] == pytest.approx([3e6 / (3e6 + 1e8)] * 31)


@pytest.mark.parametrize("demand", [0.0, 0.3])
def test_equal_per_year_factors_give_no_per_skill_crossover(demand):
    # compute per skill × 2^(−1/2.5 − 12/8) = × 2^−1.9 a year; wages falling at the same rate make data's factor equal
    wage = 2 ** -1.9 - 1
    result = project(2026, 30, data_cost_usd=0.9e6, compute_cost_usd=1e6, frontier_training_cost_usd=None,
                     hardware_doubling_years=2.5, algorithmic_halving_months=8, wage_growth=wage, demand_growth=demand,
                     frontier_growth=2.4)
    assert result.per_skill_runs.crossover_year is None
    assert [row.data_share for row in result.per_skill_runs.rows] == pytest.approx([0.9 / 1.9] * 31)


def frontier_scenario(demand: float) -> dict:
    # data: SMALL's $562,500 with the rate ranged ±50 %; the frontier: $5M growing ×1.035, as do wages
    document = small(uncertainty={"draws": 2000, "seed": 7})
    document["skills"][0]["usd_per_hour"] = {"low": 50, "base": 100, "high": 150}
    document["projection"] |= {"years": 15, "wage_growth_per_year": 0.035, "skills_demand_growth_per_year": demand,
                               "frontier_training_cost_usd": 5e6, "frontier_training_cost_growth_per_year": 1.035}
    return document


def test_zero_demand_growth_gives_no_frontier_crossover_in_any_draw():
    result = evaluate(parse_scenario(frontier_scenario(0.0)), Evidence())
    assert result.projection.frontier.crossover_year is None
    assert result.uncertainty.crossover_frontier.share_of_draws_crossing == 0.0
    assert result.uncertainty.crossover_frontier.p50_year is None


def test_demand_growth_alone_makes_data_overtake_the_frontier():
    # the control: at 20 % demand growth the ratio grows ×1.2 a year; 5e6 / 562,500 = 8.89 < 1.2^12 = 8.92
    result = evaluate(parse_scenario(frontier_scenario(0.2)), Evidence())
    assert 1.2**11 < 5e6 / (SMALL_EXPERT_HOURS * 100 / 0.5) < 1.2**12
    assert result.projection.frontier.crossover_year == 2026 + 12
    assert result.uncertainty.crossover_frontier.share_of_draws_crossing > 0.5


# ------------------------------------------------------------------ the default loss fit

def bundled_fit(name: str) -> dict[str, float]:
    with (SOURCES_DIR / "scaling_fits.csv").open(encoding="utf-8", newline="") as handle:
        [row] = [r for r in csv.DictReader(handle) if r["fit_name"] == name]
    return {key: float(row[key]) for key in ("e_loss", "a_coef", "b_coef", "alpha", "beta")}


def test_the_default_fit_is_besiroglus(bundled_evidence):
    res = resolve_inputs(default_scenario(), bundled_evidence)
    assert res.choices["scaling.fit"] == "besiroglu-2024"
    fit = bundled_fit("besiroglu-2024")
    assert {k: res.value(f"scaling.{k}") for k in fit} == fit
    assert res.inputs["scaling.alpha"].mart == "mart_scaling_fits"


@pytest.mark.parametrize(("fit_name", "reduction", "saved_10x"), [("besiroglu-2024", 7.13, 3.5), ("hoffmann-2022", 8.55, 3.7)])
def test_data_reduction_and_the_saving_of_a_ten_times_larger_model(bundled_evidence, fit_name, reduction, saved_10x):
    fit = bundled_fit(fit_name)
    alpha, beta = fit["alpha"], fit["beta"]
    by_hand = (1 + beta / alpha) ** (1 / beta)
    # at the optimum αA/N^α = βB/D^β; a model 10× larger reaches the optimum's loss with D/(1 + (β/α)(1 − 10^−α))^(1/β)
    saved_by_hand = (1 + beta / alpha * (1 - 10**-alpha)) ** (1 / beta)
    assert by_hand == pytest.approx(reduction, abs=0.005)
    assert round(saved_by_hand, 1) == saved_10x
    for budget in (1e22, 3.8e25):
        document = scenario_document() | {"scaling": {"fit": fit_name, "compute_flop": budget}}
        scaling = evaluate(parse_scenario(document), bundled_evidence, draws=0).scaling
        assert scaling.fit == fit_name
        assert scaling.data_reduction_factor == pytest.approx(by_hand, rel=1e-6)  # the same at every budget
        assert scaling.data_saved_by_10x_larger_model == pytest.approx(saved_by_hand, rel=1e-9)


# ------------------------------------------------------------------ correlated uncertainty

LOG_TRIANGLE = (math.log(0.25), 0.0, math.log(4.0))  # the hours-per-item assumption 0.25 / 1 / 4 h, drawn on log scale


def data_cost_band(skills: int, hours_each, seed: int) -> float:
    """P95/P50 of the data cost over 4,000 draws, for `skills` identical skills (all else fixed)."""
    one = skill("law", artifacts=[{"type": "rubric", "count": 100, "hours_each": hours_each}])
    result = evaluate(parse_scenario(small(skills=[one] * skills, uncertainty={"draws": 4000, "seed": seed})), Evidence())
    origin = result.resolved_inputs["skills.0.artifacts.0.hours_each"].origin
    assert origin == ("assumption" if hours_each is None else "scenario")
    return result.uncertainty.data_cost_usd.p95 / result.uncertainty.data_cost_usd.p50


def test_a_shared_assumptions_band_does_not_shrink_as_skills_are_added():
    assert INPUTS["skills.*.artifacts.*.hours_each"].assumption.value.model_dump() == {"low": 0.25, "base": 1.0, "high": 4.0}
    a, _, c = LOG_TRIANGLE
    # data cost ∝ hours per item, whose log is triangular(a, 0, c): P50 = e^0 = 1, P95 = e^(c − √(0.05 (c − a) c))
    exact = math.exp(c - math.sqrt(0.05 * (c - a) * c))  # 2.58
    # Sampling noise: SE(log P̂95) = √(0.95·0.05/n)/f(x95) = 0.0151 and SE(log P̂50) = √(0.25/n)/f(0) = 0.0110 at
    # n = 4000 (f the triangle's density: 2√(0.05/((c − a)c)) = 0.228 and 2/(c − a) = 0.721), so the ratio's
    # relative SE is ≈ √(0.0151² + 0.0110²) = 1.9 %; 10 % is five standard errors.
    one, five = data_cost_band(1, None, seed=1), data_cost_band(5, None, seed=2)
    assert one == pytest.approx(exact, rel=0.10)
    assert five == pytest.approx(exact, rel=0.10)


def test_independent_per_skill_values_do_narrow_the_band():
    # the contrast that lets the test above fail: five scenario-given ranges are five independent draws, and the
    # sum's P95/P50 falls to ≈ 1.5, far below 0.9 × 2.58
    ranged = {"low": 0.25, "base": 1.0, "high": 4.0}
    a, _, c = LOG_TRIANGLE
    exact_one = math.exp(c - math.sqrt(0.05 * (c - a) * c))
    assert data_cost_band(1, ranged, seed=1) == pytest.approx(exact_one, rel=0.10)
    rng = np.random.default_rng(0)
    independent = np.exp(rng.triangular(a, 0.0, c, size=(5, 200_000))).sum(axis=0)  # an independent simulation
    expected = np.percentile(independent, 95) / np.percentile(independent, 50)
    five = data_cost_band(5, ranged, seed=2)
    assert five == pytest.approx(expected, rel=0.05)
    assert five < 0.8 * exact_one


# ------------------------------------------------------------------ Cottier et al.'s amortisation

def cottier_usd_per_gpu_hour(price: float, overhead: float, ooms_per_year: float, age_years: float, tdp_watts: float,
                             power_share: float, pue: float, usd_per_kwh: float) -> float:
    """Cottier et al.'s method, per GPU-hour: the hour's share of the depreciating cluster value plus energy."""
    value = price * overhead * 10 ** (-ooms_per_year * age_years)
    depreciation = value * (1 - 10 ** (-ooms_per_year / 8766))
    energy = tdp_watts / 1000 * power_share * pue * usd_per_kwh
    return depreciation + energy


def test_h100_amortised_cost_matches_cottiers_method_on_given_inputs():
    # an H100 at $30,000 with Cottier et al.'s cluster overhead 2.03 and 0.14 OOM/yr, a year old; 2M GPU-hours on
    # 10,000 GPUs (200 hours each, so the hourly rate of depreciation holds through the run)
    compute = {"gpus": 10_000, "hardware_usd_per_gpu": 30_000, "cluster_overhead_multiplier": 2.03,
               "hardware_depreciation_ooms_per_year": 0.14, "gpu_age_years": 1.0, "gpu_power_watts": 700,
               "average_power_fraction_of_tdp": 0.75, "datacenter_pue": 1.2, "electricity_usd_per_kwh": 0.08}
    document = small()
    document["compute"] |= compute
    result = evaluate(parse_scenario(document), Evidence())
    expected = cottier_usd_per_gpu_hour(30_000, 2.03, 0.14, 1.0, 700, 0.75, 1.2, 0.08)
    # $60,900 × 10^−0.14 = $44,118 a GPU, losing 3.68e-5 of it an hour ($1.62), plus 0.7 kW × 0.75 × 1.2 × $0.08 ($0.05)
    assert expected == pytest.approx(44_118 * 3.6775e-5 + 0.0504, rel=1e-3)
    assert result.compute.amortised_usd_per_gpu_hour == pytest.approx(expected, rel=0.10)


def test_h100_amortised_cost_from_the_bundled_warehouse_matches_cottiers_method(bundled_warehouse, bundled_evidence):
    figures = dict(query(bundled_warehouse, "SELECT input, base FROM mart_input_defaults WHERE evidence_filter = 'all' "
                                            "AND key IN ('', 'H100-SXM')"))
    # Cottier et al. depreciate from availability (Epoch's release date + 90 days) to the start of training,
    # here the middle of the base year
    age = max(0.0, date.today().year + 0.5 - figures["gpu_availability_year"])
    expected = cottier_usd_per_gpu_hour(figures["hardware_usd_per_gpu"], figures["cluster_overhead_multiplier"],
                                        figures["hardware_depreciation_ooms_per_year"], age, figures["gpu_power_watts"],
                                        figures["average_power_fraction_of_tdp"], figures["datacenter_pue"],
                                        figures["electricity_usd_per_kwh"])
    result = evaluate(default_scenario(), bundled_evidence, draws=0)
    assert result.compute.gpu == "H100-SXM"
    assert result.compute.amortised_usd_per_gpu_hour == pytest.approx(expected, rel=0.10)


# ------------------------------------------------------------------ fractions read from the warehouse

@pytest.mark.parametrize("margin", [1.0, 35.0])
def test_a_warehouse_margin_of_one_or_thirty_five_is_refused_with_a_clear_message(margin):
    frames = Marts().default("vendor_margin", margin, sources="vendor-survey", mart="mart_vendor_gross_margin").frames()
    with pytest.raises(InputOutOfRange) as caught:
        evaluate(default_scenario(), Evidence.from_tables(frames))
    message = str(caught.value)
    assert "vendor_margin" in message and "Vendor gross margin" in message
    assert "mart_vendor_gross_margin" in message and "vendor-survey" in message
    assert f"gives {margin:g}" in message and "must be in [0, 1)" in message


def test_a_fraction_amplifying_more_than_five_times_is_warned_about():
    warned = evaluate(default_scenario(), Marts().default("vendor_margin", 0.5, 0.6, 0.85).evidence(), draws=0)
    assert any(w.startswith("vendor_margin") and "6.7×" in w for w in warned.warnings)
    quiet = evaluate(default_scenario(), Marts().default("vendor_margin", 0.5, 0.6, 0.79).evidence(), draws=0)
    assert not any(w.startswith("vendor_margin") for w in quiet.warnings)

