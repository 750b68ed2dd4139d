"""The evaluation result: fixed output keys, serialisable to JSON with `model_dump(mode="json")`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from dashboard.model.chinchilla import ChinchillaResult
from dashboard.model.distillation import DistillationResult
from dashboard.model.long_tail import LongTailResult
from dashboard.model.projection import ProjectionResult
from dashboard.model.resolve import ResolvedInput
from dashboard.model.sample_efficiency import SampleEfficiencyResult
from dashboard.model.uncertainty import SensitivityRow, UncertaintyResult
from dashboard.model.verdict import Verdict

Constraint = Literal["data", "compute"]


class SkillResult(BaseModel):
    """One skill's expert hours and cost, and its share of its domain's expert pool."""

    skill: str
    domain: str
    accepted_items: float
    expert_hours: float
    labor_usd: float
    price_usd: float
    share_of_pool_hours: float
    weeks_to_assemble: float  # its pool's weeks: the pool's skills are assembled together


class PoolResult(BaseModel):
    """One domain's expert pool: hours its skills need, hours it supplies a week, weeks to supply them."""

    domain: str
    skills: int
    expert_hours: float
    weekly_expert_hours: float
    weeks_to_assemble: float


class ComputeResult(BaseModel):
    """The training run by cloud rental (headline) and by Cottier et al.'s amortised hardware (beside it)."""

    gpu: str
    gpu_hours: float
    compute_cost_usd: float
    training_days: float
    training_weeks: float
    amortised_hardware_usd: float
    energy_usd: float
    amortised_cost_usd: float
    amortised_usd_per_gpu_hour: float


class ScalingResult(ChinchillaResult):
    """Chinchilla outputs for the chosen fit (None when the constants came from the scenario or assumptions)."""

    fit: str | None


class EvaluationResult(BaseModel):
    """One full evaluation of a scenario."""

    schema_version: int
    name: str
    skills: list[SkillResult]
    pools: list[PoolResult]
    data_cost_usd: float
    compute: ComputeResult
    data_share: float
    data_costs_more: bool
    data_takes_longer: bool
    max_weeks_to_assemble: float
    verdict_money: Verdict
    verdict_time: Verdict
    scaling: ScalingResult
    sample_efficiency: SampleEfficiencyResult
    distillation: DistillationResult
    long_tail: LongTailResult
    projection: ProjectionResult
    uncertainty: UncertaintyResult | None
    sensitivity: list[SensitivityRow]
    resolved_inputs: dict[str, ResolvedInput]
    choices: dict[str, str | None]
    warnings: list[str]
