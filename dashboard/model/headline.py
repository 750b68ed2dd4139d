"""The headline block — data cost, compute cost, data share, which costs more and takes longer — from flat params.

`params` maps each input's path (e.g. `skills.0.usd_per_hour`, `pools.law.expert_pool`) to a float or a
NumPy array of draws; the same code serves the point estimate, the Monte Carlo run and the sensitivity table.

    data_cost_usd      = Σ_skills price_usd
    data_share         = data_cost_usd / (data_cost_usd + compute_cost_usd)
    data_costs_more    = data_cost_usd > compute_cost_usd
    weeks (per pool)   = Σ_skills of the domain expert_hours / the pool's weekly expert hours
    max_weeks          = the slowest pool's weeks
    training_weeks     = training_days / 7   (on the scenario's GPUs, running in parallel with the data work)
    data_takes_longer  = max_weeks > training_weeks
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from dashboard.model import compute_cost as cc
from dashboard.model import data_cost as dc

Params = Mapping[str, ArrayLike]
DAYS_PER_WEEK = 7.0


@dataclass(frozen=True)
class Shape:
    """The scenario's structure: each skill's artifact count and domain; the pools in order."""

    artifacts: tuple[int, ...]
    domains: tuple[str, ...]

    @property
    def pools(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.domains))


@dataclass(frozen=True)
class SkillNumbers:
    """One skill's outputs (floats, or arrays over draws)."""

    expert_hours: ArrayLike
    labor_usd: ArrayLike
    price_usd: ArrayLike


@dataclass(frozen=True)
class PoolNumbers:
    """One domain's expert pool: the hours its skills need, what it supplies a week, and the weeks."""

    domain: str
    expert_hours: ArrayLike
    weekly_expert_hours: ArrayLike
    weeks_to_assemble: ArrayLike


@dataclass(frozen=True)
class ComputeNumbers:
    """The training run's outputs by both costing methods."""

    gpu_hours: ArrayLike
    compute_cost_usd: ArrayLike
    training_days: ArrayLike
    amortised_hardware_usd: ArrayLike
    energy_usd: ArrayLike
    amortised_cost_usd: ArrayLike


@dataclass(frozen=True)
class Headline:
    """Everything the uncertainty and sensitivity analyses summarise."""

    skills: list[SkillNumbers]
    pools: list[PoolNumbers]
    data_cost_usd: ArrayLike
    compute: ComputeNumbers
    data_share: ArrayLike
    max_weeks_to_assemble: ArrayLike
    training_weeks: ArrayLike
    data_costs_more: ArrayLike
    data_takes_longer: ArrayLike


def skill_numbers(p: Params, index: int, n_artifacts: int) -> SkillNumbers:
    """Expert hours, labour and price of skill `index` with `n_artifacts` artifacts."""
    s = f"skills.{index}."
    hours = dc.skill_expert_hours([
        dc.artifact_expert_hours(p[f"{s}artifacts.{j}.count"], p[f"{s}artifacts.{j}.annotations_each"],
                                 p[f"{s}artifacts.{j}.hours_each"], p[s + "rejection_rate"],
                                 p[s + "review_fraction"], p[s + "review_time_ratio"])
        for j in range(n_artifacts)])
    labor = dc.labor_usd(hours, p[s + "usd_per_hour"])
    return SkillNumbers(hours, labor, dc.price_usd(labor, p["vendor_margin"]))


def pool_numbers(p: Params, domain: str, skill_hours: list[ArrayLike]) -> PoolNumbers:
    """The pool of `domain`: the summed hours of its skills over its weekly supply."""
    hours = dc.skill_expert_hours(skill_hours)
    weekly = dc.weekly_expert_hours(p[f"pools.{domain}.expert_pool"], p[f"pools.{domain}.participation_rate"],
                                    p[f"pools.{domain}.hours_per_week_per_expert"])
    return PoolNumbers(domain, hours, weekly, np.divide(hours, weekly))


def compute_numbers(p: Params) -> ComputeNumbers:
    """GPU-hours, rental cost, days and amortised cost of the training run."""
    c = "compute."
    hours = cc.gpu_hours(p[c + "training_flop"], p[c + "peak_flop_per_gpu_second"], p[c + "utilization"])
    value = cc.value_per_gpu_usd(p[c + "hardware_usd_per_gpu"], p[c + "cluster_overhead_multiplier"],
                                 p[c + "hardware_depreciation_ooms_per_year"], p[c + "gpu_age_years"])
    hardware = cc.amortised_hardware_usd(hours, p[c + "gpus"], value, p[c + "hardware_depreciation_ooms_per_year"])
    energy = cc.energy_usd(hours, p[c + "gpu_power_watts"], p[c + "average_power_fraction_of_tdp"],
                           p[c + "datacenter_pue"], p[c + "electricity_usd_per_kwh"])
    return ComputeNumbers(gpu_hours=hours, compute_cost_usd=cc.rental_cost_usd(hours, p[c + "usd_per_gpu_hour"]),
                          training_days=cc.training_days(hours, p[c + "gpus"]), amortised_hardware_usd=hardware,
                          energy_usd=energy, amortised_cost_usd=np.add(hardware, energy))


def data_cost_usd(skills: list[SkillNumbers]) -> ArrayLike:
    """Σ over skills of price_usd."""
    return dc.skill_expert_hours([skill.price_usd for skill in skills])


def headline(p: Params, shape: Shape) -> Headline:
    """The full headline block from flat params."""
    skills = [skill_numbers(p, i, n) for i, n in enumerate(shape.artifacts)]
    pools = [pool_numbers(p, domain, [s.expert_hours for s, d in zip(skills, shape.domains, strict=True) if d == domain])
             for domain in shape.pools]
    data = data_cost_usd(skills)
    compute = compute_numbers(p)
    max_weeks = np.max(np.stack(np.broadcast_arrays(*[pool.weeks_to_assemble for pool in pools])), axis=0)
    training_weeks = np.divide(compute.training_days, DAYS_PER_WEEK)
    return Headline(
        skills=skills, pools=pools, data_cost_usd=data, compute=compute,
        data_share=np.divide(data, np.add(data, compute.compute_cost_usd)),
        max_weeks_to_assemble=max_weeks, training_weeks=training_weeks,
        data_costs_more=np.greater(data, compute.compute_cost_usd),
        data_takes_longer=np.greater(max_weeks, training_weeks),
    )
