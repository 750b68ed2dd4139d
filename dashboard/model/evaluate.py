"""One full evaluation of a scenario: resolve inputs → headline → side calculators → uncertainty."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.model.chinchilla import ScalingFit, compute_optimal
from dashboard.model.distillation import distillation
from dashboard.model.evidence import Evidence
from dashboard.model.headline import Headline, Shape, headline
from dashboard.model.inputs import spec_for
from dashboard.model.long_tail import long_tail
from dashboard.model.params import base_params
from dashboard.model.projection import project
from dashboard.model.resolve import Resolution, resolve_inputs
from dashboard.model.result import ComputeResult, EvaluationResult, PoolResult, ScalingResult, SkillResult
from dashboard.model.sample_efficiency import sample_efficiency
from dashboard.model.scenario import Scenario
from dashboard.model.uncertainty import draw_groups, monte_carlo, sensitivity
from dashboard.model.verdict import verdict


def shape_of(scenario: Scenario) -> Shape:
    """The structure the headline block needs: artifacts per skill and each skill's domain."""
    return Shape(tuple(len(skill.artifacts) for skill in scenario.skills), tuple(s.domain for s in scenario.skills))


def _skill_results(scenario: Scenario, p: Mapping[str, float], out: Headline) -> list[SkillResult]:
    pools = {pool.domain: pool for pool in out.pools}
    results = []
    for i, (skill, numbers) in enumerate(zip(scenario.skills, out.skills, strict=True)):
        pool = pools[skill.domain]
        items = sum(p[f"skills.{i}.artifacts.{j}.count"] for j in range(len(skill.artifacts)))
        results.append(SkillResult(skill=skill.skill, domain=skill.domain, accepted_items=items,
                                   expert_hours=float(numbers.expert_hours), labor_usd=float(numbers.labor_usd),
                                   price_usd=float(numbers.price_usd),
                                   share_of_pool_hours=float(numbers.expert_hours / pool.expert_hours),
                                   weeks_to_assemble=float(pool.weeks_to_assemble)))
    return results


def _pool_results(scenario: Scenario, out: Headline) -> list[PoolResult]:
    return [PoolResult(domain=pool.domain, skills=sum(s.domain == pool.domain for s in scenario.skills),
                       expert_hours=float(pool.expert_hours), weekly_expert_hours=float(pool.weekly_expert_hours),
                       weeks_to_assemble=float(pool.weeks_to_assemble)) for pool in out.pools]


def _compute_result(res: Resolution, out: Headline) -> ComputeResult:
    c = out.compute
    return ComputeResult(gpu=res.choices["compute.gpu"] or "", gpu_hours=float(c.gpu_hours),
                         compute_cost_usd=float(c.compute_cost_usd), training_days=float(c.training_days),
                         training_weeks=float(out.training_weeks), amortised_hardware_usd=float(c.amortised_hardware_usd),
                         energy_usd=float(c.energy_usd), amortised_cost_usd=float(c.amortised_cost_usd),
                         amortised_usd_per_gpu_hour=float(c.amortised_cost_usd / c.gpu_hours))


def _scaling_result(res: Resolution, p: Mapping[str, float]) -> ScalingResult:
    fit = ScalingFit(**{name: p[f"scaling.{name}"] for name in ("e_loss", "a_coef", "b_coef", "alpha", "beta")})
    constants_from_fit = all(res.inputs[f"scaling.{n}"].origin == "warehouse" for n in ("e_loss", "alpha", "beta"))
    optimal = compute_optimal(p["scaling.compute_flop"], fit)
    return ScalingResult(fit=res.choices["scaling.fit"] if constants_from_fit else None, **optimal.model_dump())


def _projection_result(p: Mapping[str, float], data_cost: float, compute_cost: float):
    g = "projection."
    return project(round(p[g + "base_year"]), round(p[g + "years"]), data_cost, compute_cost,
                   p[g + "frontier_training_cost_usd"], p[g + "hardware_price_performance_doubling_years"],
                   p[g + "algorithmic_compute_halving_months"], p[g + "wage_growth_per_year"],
                   p[g + "skills_demand_growth_per_year"], p[g + "frontier_training_cost_growth_per_year"])


def group_labels(res: Resolution, scenario: Scenario) -> dict[str, str]:
    """A reader's label for each draw group: the input's label, what it is for, and where it comes from."""
    labels = {}
    for group, paths in draw_groups(res).items():
        parts = paths[0].split(".")
        spec, item = spec_for(paths[0]), res.inputs[paths[0]]
        context = []
        if parts[0] == "skills":
            skills = {p.split(".")[1] for p in paths}
            context.append(scenario.skills[int(parts[1])].skill if len(skills) == 1 else "all skills")
            if len(parts) == 5:
                context.append(scenario.skills[int(parts[1])].artifacts[int(parts[3])].type.replace("_", " "))
        elif parts[0] == "pools":
            domains = {p.split(".")[1] for p in paths}
            context.append(parts[1] if len(domains) == 1 else "all pools")
        if item.origin == "assumption":
            context.append("assumption")
        labels[group] = spec.label + (f" ({', '.join(context)})" if context else "")
    return labels


def evaluate(scenario: Scenario, evidence: Evidence | None = None, *, draws: int | None = None,
             seed: int | None = None) -> EvaluationResult:
    """Evaluate `scenario` against the marts in `evidence` (None: assumptions fill every gap).
    `draws`/`seed` override the scenario's uncertainty settings; draws = 0 skips the Monte Carlo run."""
    res = resolve_inputs(scenario, evidence or Evidence())
    p = base_params(res)
    shape = shape_of(scenario)
    out = headline(p, shape)
    skills = _skill_results(scenario, p, out)
    data_cost, compute_cost = float(out.data_cost_usd), float(out.compute.compute_cost_usd)
    n_draws = scenario.uncertainty.draws if draws is None else draws
    n_seed = scenario.uncertainty.seed if seed is None else seed
    uncertainty = monte_carlo(res, shape, n_draws, n_seed) if n_draws > 0 else None
    d = "distillation."
    return EvaluationResult(
        schema_version=scenario.schema_version, name=scenario.name, skills=skills, pools=_pool_results(scenario, out),
        data_cost_usd=data_cost, compute=_compute_result(res, out), data_share=float(out.data_share),
        data_costs_more=bool(out.data_costs_more), data_takes_longer=bool(out.data_takes_longer),
        max_weeks_to_assemble=float(out.max_weeks_to_assemble),
        verdict_money=verdict("money", bool(out.data_costs_more),
                              uncertainty.share_of_draws_data_costs_more if uncertainty else None),
        verdict_time=verdict("time", bool(out.data_takes_longer),
                             uncertainty.share_of_draws_data_takes_longer if uncertainty else None),
        scaling=_scaling_result(res, p),
        sample_efficiency=sample_efficiency(p["sample_efficiency.human_words_heard_by_adulthood"],
                                            p["sample_efficiency.tokens_per_word"],
                                            p["sample_efficiency.frontier_pretraining_tokens"]),
        distillation=distillation(p[d + "examples"], p[d + "input_tokens_each"], p[d + "output_tokens_each"],
                                  p[d + "usd_per_million_input_tokens"], p[d + "usd_per_million_output_tokens"],
                                  data_cost, sum(s.accepted_items for s in skills)),
        long_tail=long_tail(round(p["long_tail.categories"]), p["long_tail.zipf_exponent"],
                            round(p["long_tail.examples_per_category"]), p["long_tail.coverage"]),
        projection=_projection_result(p, data_cost, compute_cost),
        uncertainty=uncertainty,
        sensitivity=sensitivity(res, shape, group_labels(res, scenario)),
        resolved_inputs=res.inputs, choices=res.choices, warnings=res.warnings,
    )
