"""Small mart frames and small schema-2 scenarios for the model tests.

The model reads the warehouse only through `Evidence.from_tables`, so the tests hand it frames shaped like
the marts it reads (`mart_input_defaults`, `mart_scaling_fits`, `mart_teacher_models`,
`mart_frontier_cost_points`), built row by row:

    evidence = Marts().default("vendor_margin", 0.3, 0.5, 0.6).fit("besiroglu-2024", ...).evidence()

Each frame has exactly the columns the mart registry documents (a test keeps them in step).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

from dashboard.model.evidence import Evidence

FIT_CONSTANTS = ("e_loss", "a_coef", "b_coef", "alpha", "beta")
HOFFMANN = {"e_loss": 1.69, "a_coef": 406.4, "b_coef": 410.7, "alpha": 0.34, "beta": 0.28}
BESIROGLU = {"e_loss": 1.8172, "a_coef": 482.01, "b_coef": 2085.43, "alpha": 0.3478, "beta": 0.3658}

SCHEMAS: dict[str, dict[str, Any]] = {
    "mart_input_defaults": {
        "evidence_filter": pl.String, "input": pl.String, "key": pl.String, "low": pl.Float64, "base": pl.Float64,
        "high": pl.Float64, "figure_count": pl.Int64, "source_ids": pl.String, "mart": pl.String},
    "mart_scaling_fits": {
        "evidence_filter": pl.String, "fit_name": pl.String, **dict.fromkeys(FIT_CONSTANTS, pl.Float64),
        "figure_count": pl.Int64, "source_ids": pl.String},
    "mart_teacher_models": {
        "evidence_filter": pl.String, "model": pl.String, "provider": pl.String,
        "usd_per_million_input_tokens": pl.Float64, "usd_per_million_output_tokens": pl.Float64,
        "newest_price_date": pl.Date, "price_source": pl.String, "is_default_teacher": pl.Boolean, "figure_count": pl.Int64,
        "source_ids": pl.String},
    "mart_frontier_cost_points": {
        "evidence_filter": pl.String, "model": pl.String, "year": pl.Float64, "cost_usd": pl.Float64,
        "training_compute_flop": pl.Float64, "source_id": pl.String, "source_ids": pl.String},
}


@dataclass
class Marts:
    """Rows of the marts the model reads; `frames()` gives them as Polars frames, `evidence()` indexed."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {name: [] for name in SCHEMAS})

    def default(self, name: str, low: float, base: float | None = None, high: float | None = None, key: str = "", *,
                evidence_filter: str = "all", sources: str = "src-a", mart: str = "mart_test") -> Marts:
        """One `mart_input_defaults` row; `default(name, x)` is the plain figure x."""
        base = low if base is None else base
        high = base if high is None else high
        self.rows["mart_input_defaults"].append({
            "evidence_filter": evidence_filter, "input": name, "key": key, "low": low, "base": base, "high": high,
            "figure_count": max(1, len(sources.split(";"))), "source_ids": sources, "mart": mart})
        return self

    def fit(self, name: str, constants: dict[str, float], *, evidence_filter: str = "all", sources: str | None = None) -> Marts:
        """A loss fit: its `mart_scaling_fits` row and the five `scaling_*` defaults keyed by its name."""
        sources = sources or f"{name}-paper"
        self.rows["mart_scaling_fits"].append({"evidence_filter": evidence_filter, "fit_name": name, **constants,
                                               "figure_count": 1, "source_ids": sources})
        for constant in FIT_CONSTANTS:
            self.default(f"scaling_{constant}", constants[constant], key=name, evidence_filter=evidence_filter,
                         sources=sources, mart="mart_scaling_fits")
        return self

    def teacher(self, model: str, usd_in: float, usd_out: float, *, is_default: bool = False,
                evidence_filter: str = "all") -> Marts:
        """A teacher model with its prices (rows in mart_teacher_models and the two price defaults)."""
        self.rows["mart_teacher_models"].append({
            "evidence_filter": evidence_filter, "model": model, "provider": "provider", "usd_per_million_input_tokens": usd_in,
            "usd_per_million_output_tokens": usd_out, "newest_price_date": date(2025, 6, 1),
            "price_source": "curated list price", "is_default_teacher": is_default, "figure_count": 1,
            "source_ids": f"{model}-prices"})
        self.default("usd_per_million_input_tokens", usd_in, key=model, evidence_filter=evidence_filter, mart="mart_api_prices")
        self.default("usd_per_million_output_tokens", usd_out, key=model, evidence_filter=evidence_filter,
                     mart="mart_api_prices")
        return self

    def frontier_point(self, model: str, year: float, cost_usd: float, *, evidence_filter: str = "all") -> Marts:
        self.rows["mart_frontier_cost_points"].append({
            "evidence_filter": evidence_filter, "model": model, "year": year, "cost_usd": cost_usd,
            "training_compute_flop": None, "source_id": f"{model}-cost", "source_ids": f"{model}-cost"})
        return self

    def frames(self) -> dict[str, pl.DataFrame]:
        return {name: pl.DataFrame(self.rows[name], schema=schema, orient="row") for name, schema in SCHEMAS.items()}

    def evidence(self, evidence_filter: str = "all") -> Evidence:
        return Evidence.from_tables(self.frames(), evidence_filter)


# A one-skill scenario with every input the headline needs given as a plain number, so that each output
# can be worked out by hand. Expert hours: 1000 / (1 − 0.2) × 2.0 × (1 + 0.5 × 0.25) = 2,812.5.
SMALL: dict[str, Any] = {
    "schema_version": 2, "name": "small",
    "skills": [{
        "skill": "contract review", "domain": "law",
        "artifacts": [{"type": "sft_demonstration", "count": 1000, "hours_each": 2.0}],
        "usd_per_hour": 100, "review_fraction": 0.5, "review_time_ratio": 0.25, "rejection_rate": 0.2,
    }],
    "pools": {"law": {"expert_pool": 10_000, "participation_rate": 0.01, "hours_per_week_per_expert": 10}},
    "vendor_margin": 0.5,
    "compute": {"training_flop": 3.6e24, "peak_flop_per_gpu_second": 1e15, "utilization": 0.5,
                "usd_per_gpu_hour": 2.0, "gpus": 100, "hardware_usd_per_gpu": 30_000,
                "cluster_overhead_multiplier": 2.0, "hardware_depreciation_ooms_per_year": 0.14, "gpu_age_years": 1.0,
                "gpu_power_watts": 700, "average_power_fraction_of_tdp": 0.75, "datacenter_pue": 1.2,
                "electricity_usd_per_kwh": 0.08},
    "projection": {"base_year": 2026, "years": 5, "hardware_price_performance_doubling_years": 2.5,
                   "algorithmic_compute_halving_months": 8, "wage_growth_per_year": 0.035,
                   "skills_demand_growth_per_year": 0.2},
    "uncertainty": {"draws": 0, "seed": 1},
}
SMALL_EXPERT_HOURS = 1000 / (1 - 0.2) * 2.0 * (1 + 0.5 * 0.25)

# The same scenario as a version-1 document: the pool is given on the skill, and the straight-line
# amortisation fields that version 2 removed are present but empty.
SMALL_V1: dict[str, Any] = {
    "schema_version": 1, "name": "small",
    "skills": [{
        "skill": "contract review", "domain": "law",
        "artifacts": [{"type": "sft_demonstration", "count": 1000, "hours_each": 2.0}],
        "usd_per_hour": 100, "review_fraction": 0.5, "review_time_ratio": 0.25, "rejection_rate": 0.2,
        "expert_pool": 10_000, "participation_rate": 0.01, "hours_per_week_per_expert": 10,
    }],
    "vendor_margin": 0.5,
    "compute": {"training_flop": 3.6e24, "peak_flop_per_gpu_second": 1e15, "utilization": 0.5,
                "usd_per_gpu_hour": 2.0, "gpus": 100, "hardware_usd_per_gpu": 30_000,
                "gpu_useful_life_years": None, "energy_cost_fraction": None},
    "uncertainty": {"draws": 0, "seed": 1},
}


def small(**changes: Any) -> dict[str, Any]:
    """A fresh copy of SMALL with top-level keys replaced."""
    return copy.deepcopy(SMALL) | changes


def skill(domain: str, name: str | None = None, **fields: Any) -> dict[str, Any]:
    """A skill like SMALL's (every per-skill input given), in `domain`; `fields` replace its inputs."""
    base = copy.deepcopy(SMALL["skills"][0]) | {"skill": name or f"{domain} skill", "domain": domain}
    return base | fields
