"""Year-by-year projection of expert-data cost against compute cost, under two framings of compute.

For t = 0 … years after base_year, with demand d (growth in skills taught a year) and wage growth w:
    data_cost_usd(t) = data_cost_usd(0) · ((1 + w)(1 + d))^t
(a) Per-skill post-training runs: each skill needs its own run, so compute scales with the number of skills
    exactly as data does, while a FLOP gets cheaper and algorithms need fewer of them:
    compute_cost_usd(t) = compute_cost_usd(0) · (1 + d)^t · 2^(−t / hardware_doubling_years)
                                                      · 2^(−12·t / algorithmic_halving_months)
(b) The frontier: compute is the frontier training run, whose cost grows by the fitted trend g a year:
    compute_cost_usd(t) = frontier_training_cost_usd(base_year) · g^t
Demand cancels out of (a): whether data overtakes there depends on wages against hardware and algorithms.
In (b) data overtakes only if (1 + w)(1 + d) > g. crossover_year is the first projected year in which data
costs more than compute (base_year when it already does), None when that never happens within the horizon.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from pydantic import BaseModel

MONTHS_PER_YEAR = 12.0
FRAMINGS = ("per_skill_runs", "frontier")


class ProjectionRow(BaseModel):
    """One projected year under one framing."""

    year: int
    compute_cost_usd: float
    data_cost_usd: float
    data_share: float
    data_costs_more: bool


class Framing(BaseModel):
    """One framing of compute: the rows per year and where, if anywhere, data overtakes."""

    name: str
    rows: list[ProjectionRow]
    crossover_year: int | None
    data_costs_more_at_base_year: bool


class ProjectionResult(BaseModel):
    """Both framings; `frontier` is None when no frontier training cost is known."""

    base_year: int
    years: int
    per_skill_runs: Framing
    frontier: Framing | None


def data_factor(t: ArrayLike, wage_growth: ArrayLike, demand_growth: ArrayLike) -> ArrayLike:
    """((1 + w)(1 + d))^t."""
    return np.power(np.multiply(np.add(1.0, wage_growth), np.add(1.0, demand_growth)), t)


def per_skill_compute_factor(t: ArrayLike, demand_growth: ArrayLike, hardware_doubling_years: ArrayLike,
                             algorithmic_halving_months: ArrayLike) -> ArrayLike:
    """(1 + d)^t · 2^(−t/hardware_doubling_years) · 2^(−12t/algorithmic_halving_months)."""
    halvings = np.divide(t, hardware_doubling_years) + np.multiply(t, MONTHS_PER_YEAR) / algorithmic_halving_months
    return np.power(np.add(1.0, demand_growth), t) * np.power(2.0, -halvings)


def frontier_compute_factor(t: ArrayLike, frontier_growth: ArrayLike) -> ArrayLike:
    """g^t."""
    return np.power(frontier_growth, t)


def _framing(name: str, base_year: int, data: np.ndarray, compute: np.ndarray) -> Framing:
    rows = [ProjectionRow(year=base_year + i, compute_cost_usd=float(c), data_cost_usd=float(d),
                          data_share=float(d / (d + c)), data_costs_more=bool(d > c))
            for i, (c, d) in enumerate(zip(compute, data, strict=True))]
    crossing = next((row.year for row in rows if row.data_costs_more), None)
    return Framing(name=name, rows=rows, crossover_year=crossing, data_costs_more_at_base_year=rows[0].data_costs_more)


def project(base_year: int, years: int, data_cost_usd: float, compute_cost_usd: float,
            frontier_training_cost_usd: float | None, hardware_doubling_years: float,
            algorithmic_halving_months: float, wage_growth: float, demand_growth: float,
            frontier_growth: float) -> ProjectionResult:
    """Rows for base_year … base_year + years under both framings, and each framing's crossover year."""
    t = np.arange(years + 1, dtype=float)
    data = data_cost_usd * data_factor(t, wage_growth, demand_growth)
    per_skill = compute_cost_usd * per_skill_compute_factor(t, demand_growth, hardware_doubling_years,
                                                            algorithmic_halving_months)
    frontier = None
    if frontier_training_cost_usd is not None and np.isfinite(frontier_training_cost_usd):
        frontier = _framing(FRAMINGS[1], base_year, data,
                            frontier_training_cost_usd * frontier_compute_factor(t, frontier_growth))
    return ProjectionResult(base_year=base_year, years=years, per_skill_runs=_framing(FRAMINGS[0], base_year, data, per_skill),
                            frontier=frontier)


def crossover_years(years: int, data_cost: np.ndarray, compute_cost: np.ndarray, data_growth: np.ndarray,
                    compute_growth: np.ndarray) -> np.ndarray:
    """Per draw: the first whole year t ∈ [0, years] with data_cost·data_growth^t > compute_cost·compute_growth^t,
    as years after the base year; NaN where data never costs more within the horizon."""
    t = np.arange(years + 1, dtype=float)[:, None]
    gap = np.log(data_cost) - np.log(compute_cost) + t * (np.log(data_growth) - np.log(compute_growth))
    ahead = gap > 0
    first = np.argmax(ahead, axis=0).astype(float)
    return np.where(ahead.any(axis=0), first, np.nan)
