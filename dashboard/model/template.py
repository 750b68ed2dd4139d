"""Example scenarios: the complete template, a starting scenario from the tables, a fully filled copy."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import polars as pl

from dashboard.model.defaults import resolve_inputs
from dashboard.model.figures import Warehouse
from dashboard.model.ranged import Ranged
from dashboard.model.scenario import (
    Artifact,
    Compute,
    Distillation,
    LongTail,
    Projection,
    SampleEfficiency,
    Scaling,
    Scenario,
    Skill,
    Uncertainty,
)

TEMPLATE_DOMAINS = ("medicine", "law")


def _template_skills(domains: tuple[str, str]) -> list[Skill]:
    first, second = domains
    return [
        Skill(skill=f"{first} expert reasoning", domain=first, artifacts=[
            Artifact(type="sft_demonstration", count=2000, hours_each=Ranged(low=1.0, base=1.5, high=3.0)),
            Artifact(type="preference_comparison", count=10000, hours_each=0.25, annotations_each=3),
            Artifact(type="rubric", count=500, hours_each=2.0),
        ], usd_per_hour=None, review_fraction=0.2, review_time_ratio=0.5,
            rejection_rate=Ranged(low=0.1, base=0.15, high=0.3), expert_pool=None,
            participation_rate=Ranged(low=0.001, base=0.005, high=0.02), hours_per_week_per_expert=10),
        Skill(skill=f"{second} expert reasoning", domain=second, artifacts=[
            Artifact(type="rl_task", count=1500, hours_each=None),
        ], usd_per_hour=None, review_fraction=None, review_time_ratio=None, rejection_rate=None,
            expert_pool=None, participation_rate=None, hours_per_week_per_expert=None),
    ]


def template_scenario(domains: tuple[str, str] = TEMPLATE_DOMAINS) -> Scenario:
    """A complete example: every field present; nulls are filled from the warehouse or assumptions."""
    return Scenario(
        name="two expert skills on an H100 post-training run",
        skills=_template_skills(domains), vendor_margin=None,
        compute=Compute(gpu="H100-SXM", training_flop=Ranged(low=1e23, base=1e24, high=1e25), gpus=1024,
                        utilization=Ranged(low=0.25, base=0.4, high=0.5)),
        scaling=Scaling(fit=None, compute_flop=None),
        distillation=Distillation(api_model=None, examples=None, input_tokens_each=1000, output_tokens_each=1500),
        long_tail=LongTail(categories=1000, zipf_exponent=1.0, examples_per_category=10, coverage=0.9),
        projection=Projection(base_year=2026, years=10),
        sample_efficiency=SampleEfficiency(),
        uncertainty=Uncertainty(draws=10_000, seed=0),
    )


def _well_covered_domains(tables: Mapping[str, pl.DataFrame]) -> list[str]:
    wh = Warehouse(tables)
    counts = Counter(row["domain"] for row in wh.rows("expert_rates"))
    with_pool = {row["domain"] for row in wh.rows("occupations", lambda r: r["region"] == "US")}
    ranked = sorted(counts, key=lambda domain: (-counts[domain], domain))
    return [d for d in ranked if d in with_pool and d != "general"]


def default_scenario(tables: Mapping[str, pl.DataFrame]) -> Scenario:
    """The template, on the two domains with the most posted rates that also have a US pool."""
    chosen = [*_well_covered_domains(tables), *(d for d in TEMPLATE_DOMAINS)]
    unique = list(dict.fromkeys(chosen))
    return template_scenario((unique[0], unique[1]))


def fill_scenario(scenario: Scenario, tables: Mapping[str, pl.DataFrame]) -> Scenario:
    """A copy of `scenario` with every empty input replaced by its resolved value (for prefilled widgets)."""
    document = scenario.model_dump(mode="json")
    for path, item in resolve_inputs(scenario, tables).inputs.items():
        parts = path.split(".")
        node = document
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        if node.get(parts[-1]) is None and item.value is not None:
            node[parts[-1]] = item.value.model_dump() if isinstance(item.value, Ranged) else item.value
    return Scenario.model_validate(document)
