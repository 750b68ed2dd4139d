"""Fill a scenario's empty inputs from warehouse tables, else from named assumptions, with provenance.

Order for every input: the scenario's own value → a cited warehouse figure → an ASSUMPTION.
Each resolved input records `origin`, the `source_ids` behind it and a one-line note; inputs are
keyed by their field path in the scenario (e.g. `skills.0.usd_per_hour`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from dashboard.model import figures as fig
from dashboard.model.assumptions import assumption
from dashboard.model.ranged import Number, Ranged
from dashboard.model.scenario import Scenario, Skill

Origin = Literal["scenario", "warehouse", "assumption"]


class ResolvedInput(BaseModel):
    """One model input after defaults: its value and where it came from."""

    value: float | Ranged | None
    origin: Origin
    source_ids: list[str] = Field(default_factory=list)
    note: str


class Resolution(BaseModel):
    """Every resolved input by field path, plus the named choices (GPU, API model, scaling fit)."""

    inputs: dict[str, ResolvedInput]
    choices: dict[str, str | None]

    def value(self, path: str) -> Number | None:
        return self.inputs[path].value


Lookup = Callable[[], fig.Figure | None] | None


def resolve_one(given: Number | None, lookup: Lookup, assumption_key: str | None, what: str) -> ResolvedInput:
    """Scenario value if given, else the warehouse figure, else the named assumption (else empty)."""
    if given is not None:
        return ResolvedInput(value=given, origin="scenario", note=f"{what}: given in the scenario")
    figure = lookup() if lookup is not None else None
    if figure is not None:
        return ResolvedInput(value=figure.value, origin="warehouse", source_ids=list(figure.source_ids),
                             note=figure.note)
    if assumption_key is None:
        return ResolvedInput(value=None, origin="warehouse", note=f"{what}: no usable warehouse row; left empty")
    return ResolvedInput(value=assumption(assumption_key).value, origin="assumption",
                         note=f"{what}: no usable warehouse row; ASSUMPTION `{assumption_key}`")


def _skill_inputs(index: int, skill: Skill, wh: fig.Warehouse) -> dict[str, ResolvedInput]:
    prefix, domain = f"skills.{index}.", skill.domain
    out = {
        prefix + "usd_per_hour": resolve_one(skill.usd_per_hour, lambda: fig.expert_rate_figure(wh, domain),
                                             "expert_usd_per_hour", f"{domain} expert pay"),
        prefix + "expert_pool": resolve_one(skill.expert_pool, lambda: fig.expert_pool_figure(wh, domain),
                                            "expert_pool", f"{domain} expert pool"),
    }
    for name in ("review_fraction", "review_time_ratio", "rejection_rate", "participation_rate",
                 "hours_per_week_per_expert"):
        out[prefix + name] = resolve_one(getattr(skill, name), None, name, name)
    for j, artifact in enumerate(skill.artifacts):
        path = f"{prefix}artifacts.{j}."
        out[path + "count"] = resolve_one(artifact.count, None, None, "count")
        out[path + "annotations_each"] = resolve_one(artifact.annotations_each, None, None, "annotations_each")
        out[path + "hours_each"] = resolve_one(
            artifact.hours_each, lambda t=artifact.type: fig.hours_per_item_figure(wh, t), "hours_per_item",
            f"{artifact.type} hours per item")
    return out


def _compute_inputs(scenario: Scenario, wh: fig.Warehouse) -> dict[str, ResolvedInput]:
    c, gpu = scenario.compute, scenario.compute.gpu
    spec = lambda name: (lambda: fig.gpu_spec_figure(wh, gpu, name))
    ref = lambda *keys: (lambda: fig.reference_figure(wh, keys))
    rows = {
        "training_flop": (None, "skill_training_flop"),
        "peak_flop_per_gpu_second": (spec("peak_dense_bf16_flop_per_second"), "peak_flop_per_gpu_second"),
        "utilization": (None, "utilization"),
        "usd_per_gpu_hour": (lambda: fig.gpu_price_figure(wh, gpu), "usd_per_gpu_hour"),
        "gpus": (None, "gpus"),
        "hardware_usd_per_gpu": (spec("hardware_usd"), "hardware_usd_per_gpu"),
        "cluster_overhead_multiplier": (ref("cluster_overhead_multiplier"), "cluster_overhead_multiplier"),
        "gpu_useful_life_years": (ref("gpu_useful_life_years"), "gpu_useful_life_years"),
        "energy_cost_fraction": (ref("energy_cost_fraction"), "energy_cost_fraction"),
    }
    return {f"compute.{name}": resolve_one(getattr(c, name), lookup, key, f"{gpu} {name}")
            for name, (lookup, key) in rows.items()}


def _scaling_inputs(scenario: Scenario, wh: fig.Warehouse, fit_name: str | None) -> dict[str, ResolvedInput]:
    s = scenario.scaling
    fit_figures = fig.scaling_fit_figures(wh, fit_name) if fit_name else {}
    out = {"scaling.compute_flop": resolve_one(s.compute_flop, lambda: fig.frontier_compute_figure(wh),
                                               "scaling_compute_flop", "Chinchilla compute budget")}
    for name in fig.SCALING_CONSTANTS:
        out[f"scaling.{name}"] = resolve_one(getattr(s, name), lambda n=name: fit_figures.get(n), f"chinchilla_{name}",
                                             f"scaling fit {fit_name or '(none)'} {name}")
    return out


def _distillation_inputs(scenario: Scenario, wh: fig.Warehouse) -> dict[str, ResolvedInput]:
    d, model = scenario.distillation, scenario.distillation.api_model
    price = lambda column: (lambda: fig.api_price_figure(wh, model, column))
    items = sum(a.count.base if isinstance(a.count, Ranged) else a.count
                for skill in scenario.skills for a in skill.artifacts)
    examples = resolve_one(d.examples, None, None, "examples")
    if d.examples is None:
        examples = ResolvedInput(value=float(items), origin="scenario",
                                 note="examples: derived, Σ artifact counts (accepted items) over the skills")
    out = {"distillation.examples": examples}
    for name in ("input_tokens_each", "output_tokens_each"):
        out[f"distillation.{name}"] = resolve_one(getattr(d, name), None, f"distillation_{name}", name)
    for name in ("usd_per_million_input_tokens", "usd_per_million_output_tokens"):
        out[f"distillation.{name}"] = resolve_one(getattr(d, name), price(name), name, f"API {name}")
    return out


def _long_tail_inputs(scenario: Scenario) -> dict[str, ResolvedInput]:
    lt = scenario.long_tail
    return {f"long_tail.{name}": resolve_one(getattr(lt, name), None, f"long_tail_{name}", name)
            for name in ("categories", "zipf_exponent", "examples_per_category", "coverage")}


def _projection_inputs(scenario: Scenario, wh: fig.Warehouse) -> dict[str, ResolvedInput]:
    p = scenario.projection
    ref = lambda *keys: (lambda: fig.reference_figure(wh, keys))
    out = {
        "projection.hardware_price_performance_doubling_years": resolve_one(
            p.hardware_price_performance_doubling_years,
            ref("hardware_price_performance_doubling_years", "gpu_price_performance_doubling_years"),
            "hardware_price_performance_doubling_years", "hardware price-performance doubling time"),
        "projection.algorithmic_compute_halving_months": resolve_one(
            p.algorithmic_compute_halving_months, ref("algorithmic_compute_halving_months"),
            "algorithmic_compute_halving_months", "algorithmic compute halving time"),
        "projection.wage_growth_per_year": resolve_one(
            p.wage_growth_per_year, ref("wage_growth_per_year"), "wage_growth_per_year", "wage growth"),
        "projection.skills_demand_growth_per_year": resolve_one(
            p.skills_demand_growth_per_year, None, "skills_demand_growth_per_year", "skills-demand growth"),
        "projection.years": resolve_one(p.years, None, "projection_years", "projection horizon"),
    }
    out["projection.base_year"] = (
        resolve_one(p.base_year, None, None, "base year") if p.base_year is not None else
        ResolvedInput(value=float(date.today().year), origin="assumption",
                      note="base year: ASSUMPTION, the current calendar year"))
    return out


def _sample_efficiency_inputs(scenario: Scenario, wh: fig.Warehouse) -> dict[str, ResolvedInput]:
    se = scenario.sample_efficiency
    ref = lambda *keys: (lambda: fig.reference_figure(wh, keys))
    return {
        "sample_efficiency.human_words_heard_by_adulthood": resolve_one(
            se.human_words_heard_by_adulthood, ref("human_words_heard_by_adulthood"), None, "words heard by adulthood"),
        "sample_efficiency.tokens_per_word": _tokens_per_word(se.tokens_per_word, wh),
        "sample_efficiency.frontier_pretraining_tokens": resolve_one(
            se.frontier_pretraining_tokens, ref("frontier_pretraining_tokens"), None, "frontier pre-training tokens"),
    }


def _tokens_per_word(given: Number | None, wh: fig.Warehouse) -> ResolvedInput:
    """tokens_per_word from the table; else 1/words_per_token (range ends swap); else the assumption."""
    direct = resolve_one(given, lambda: fig.reference_figure(wh, ("tokens_per_word",)), "tokens_per_word",
                         "tokens per word")
    if direct.origin != "assumption":
        return direct
    inverse = fig.reference_figure(wh, ("words_per_token",))
    if inverse is None:
        return direct
    low, base, high = (inverse.value.low, inverse.value.base, inverse.value.high) if isinstance(inverse.value, Ranged) \
        else (inverse.value,) * 3
    value = Ranged(low=1 / high, base=1 / base, high=1 / low) if low < high else 1 / base
    return ResolvedInput(value=value, origin="warehouse", source_ids=list(inverse.source_ids),
                         note=f"tokens per word = 1 / words_per_token ({inverse.note})")


def resolve_inputs(scenario: Scenario, tables: fig.Tables) -> Resolution:
    """Every model input of `scenario`, filled from `tables` or assumptions where left empty."""
    wh = fig.Warehouse(tables)
    fit_name = fig.choose_fit_name(wh, scenario.scaling.fit)
    inputs = {"vendor_margin": resolve_one(scenario.vendor_margin, lambda: fig.vendor_margin_figure(wh),
                                           "vendor_margin", "vendor margin")}
    for index, skill in enumerate(scenario.skills):
        inputs |= _skill_inputs(index, skill, wh)
    inputs |= _compute_inputs(scenario, wh)
    inputs |= _scaling_inputs(scenario, wh, fit_name)
    inputs |= _distillation_inputs(scenario, wh)
    inputs |= _long_tail_inputs(scenario)
    inputs |= _projection_inputs(scenario, wh)
    inputs |= _sample_efficiency_inputs(scenario, wh)
    choices = {"compute.gpu": scenario.compute.gpu, "distillation.api_model": scenario.distillation.api_model,
               "scaling.fit": fit_name}
    return Resolution(inputs=inputs, choices=choices)
