"""Fill a scenario's empty inputs from the marts' defaults, else from the registry's assumptions.

Order for every input: the scenario's own value → the warehouse default (`mart_input_defaults`) →
the registry's assumption. Each resolved input records its origin, sources, the mart behind it and a
`draw_group`: inputs resting on the same figure or the same assumption share one draw in the Monte
Carlo run (a shared assumption moves everywhere it is used at once). Every resolved value is checked
against the input's allowed values wherever it came from; a warehouse figure outside them is refused
with a message naming the input, the value, the mart and its sources.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from dashboard.model.evidence import Default, Evidence, frontier_cost_fit
from dashboard.model.inputs import AMPLIFICATION_WARNING, CHOICES_BY_PATH, INPUTS, InputSpec, pattern_of, spec_for
from dashboard.model.ranged import Number, Ranged, base_of, make_number, triple
from dashboard.model.scenario import Scenario

Origin = Literal["scenario", "warehouse", "assumption", "derived"]
FRONTIER_FIT_MIN_POINTS = 8


class ResolvedInput(BaseModel):
    """One model input after defaults: its value, where it came from, and the draw it shares."""

    value: float | Ranged | None
    origin: Origin
    source_ids: list[str] = Field(default_factory=list)
    mart: str | None = None
    note: str
    draw_group: str


class Resolution(BaseModel):
    """Every resolved input by path, the named choices, and warnings about amplifying fractions."""

    inputs: dict[str, ResolvedInput]
    choices: dict[str, str | None]
    warnings: list[str] = Field(default_factory=list)

    def value(self, path: str) -> Number | None:
        return self.inputs[path].value


class InputOutOfRange(ValueError):
    """A warehouse figure outside the values its input allows; the message says which and where from."""


def _number(default: Default) -> Number:
    return make_number(default.low, default.base, default.high)


def _check(path: str, spec: InputSpec, value: Number, where: str) -> None:
    bad = [x for x in triple(value) if not spec.interval.contains(x)]
    if bad:
        raise InputOutOfRange(f"{path} ({spec.label}): {where} gives {bad[0]:g}, but the input {spec.interval.describe()}"
                              " — correct the curated figure or set the input in the scenario")


def resolve_one(path: str, given: Number | None, evidence: Evidence, key: str = "") -> ResolvedInput:
    """The scenario's value if given, else the warehouse default for `key`, else the assumption."""
    spec = spec_for(path)
    if given is not None:
        return ResolvedInput(value=given, origin="scenario", note="given in the scenario", draw_group=f"scenario:{path}")
    default = evidence.default(spec.default_input, key) if spec.default_input else None
    if default is not None:
        sources = ", ".join(default.source_ids) or "no source"
        _check(path, spec, _number(default), f"the warehouse default from {default.mart} ({sources})")
        described = f" for {key}" if key else ""
        return ResolvedInput(value=_number(default), origin="warehouse", source_ids=list(default.source_ids),
                             mart=default.mart, note=f"{spec.label}{described}: {default.figure_count} figure(s) "
                             f"pooled by {default.mart}", draw_group=f"warehouse:{spec.default_input}:{key}")
    if spec.assumption is not None:
        return ResolvedInput(value=spec.assumption.value, origin="assumption",
                             note=f"{spec.label}: ASSUMPTION — {spec.assumption.reasoning}",
                             draw_group=f"assumption:{spec.path}")
    return ResolvedInput(value=None, origin="warehouse", note=f"{spec.label}: no figure and no assumption; left empty",
                         draw_group=f"empty:{path}")


def _skill_inputs(scenario: Scenario, evidence: Evidence) -> dict[str, ResolvedInput]:
    out = {}
    for i, skill in enumerate(scenario.skills):
        prefix = f"skills.{i}."
        out[prefix + "usd_per_hour"] = resolve_one(prefix + "usd_per_hour", skill.usd_per_hour, evidence, skill.domain)
        for name in ("review_fraction", "review_time_ratio", "rejection_rate"):
            out[prefix + name] = resolve_one(prefix + name, getattr(skill, name), evidence)
        for j, artifact in enumerate(skill.artifacts):
            path = f"{prefix}artifacts.{j}."
            out[path + "count"] = ResolvedInput(value=artifact.count, origin="scenario", note="given in the scenario",
                                                draw_group=f"scenario:{path}count")
            out[path + "annotations_each"] = resolve_one(path + "annotations_each", artifact.annotations_each, evidence)
            out[path + "hours_each"] = resolve_one(path + "hours_each", artifact.hours_each, evidence, artifact.type)
    return out


def _pool_inputs(scenario: Scenario, evidence: Evidence) -> dict[str, ResolvedInput]:
    out = {}
    for domain in scenario.domains:
        pool = scenario.pools.get(domain)
        for name in ("expert_pool", "participation_rate", "hours_per_week_per_expert"):
            path = f"pools.{domain}.{name}"
            out[path] = resolve_one(path, getattr(pool, name) if pool else None, evidence, domain)
    return out


def _section_inputs(section: str, values: BaseModel, evidence: Evidence, key_of: dict[str, str]) -> dict[str, ResolvedInput]:
    """Every registry input of one scenario section (compute, scaling …), keyed by its default's key."""
    return {spec.path: resolve_one(spec.path, getattr(values, spec.field), evidence, key_of.get(spec.default_by or "", ""))
            for spec in INPUTS.values() if spec.section == section and spec.path not in _SPECIAL}


_SPECIAL = {"distillation.examples", "projection.frontier_training_cost_growth_per_year",
            "projection.frontier_training_cost_usd", "compute.gpu_age_years"}
MID_YEAR = 0.5


def _gpu_age(scenario: Scenario, evidence: Evidence, gpu: str, base_year: int) -> ResolvedInput:
    """The hardware's age when the skill is trained: years from the accelerator's availability (Epoch's release
    date + 90 days, as Cottier et al. date it) to the middle of the base year; else the assumption."""
    path = "compute.gpu_age_years"
    availability = evidence.default("gpu_availability_year", gpu)
    if scenario.compute.gpu_age_years is not None or availability is None:
        return resolve_one(path, scenario.compute.gpu_age_years, evidence)
    age = max(0.0, base_year + MID_YEAR - availability.base)
    return ResolvedInput(value=age, origin="derived", source_ids=list(availability.source_ids), mart=availability.mart,
                         note=f"years from {gpu}'s availability ({availability.base:.1f}: release + 90 days) to mid-{base_year}",
                         draw_group="derived:gpu_age")


def _base_year(scenario: Scenario) -> int:
    return scenario.projection.base_year if scenario.projection.base_year is not None else date.today().year


def _examples(scenario: Scenario) -> ResolvedInput:
    if scenario.distillation.examples is not None:
        return resolve_one("distillation.examples", scenario.distillation.examples, Evidence())
    items = sum(base_of(a.count) for skill in scenario.skills for a in skill.artifacts)
    return ResolvedInput(value=float(items), origin="derived", note="Σ artifact counts (accepted items) of the skills",
                         draw_group="derived:distillation.examples")


def _frontier_inputs(scenario: Scenario, evidence: Evidence, base_year: int) -> dict[str, ResolvedInput]:
    """Frontier cost growth and base-year level: Epoch's trend fitted here when enough frontier runs carry a
    cost; else the curated growth figure (and no base-year level, so the frontier framing is not drawn)."""
    p, growth_path, level_path = scenario.projection, "projection.frontier_training_cost_growth_per_year", \
        "projection.frontier_training_cost_usd"
    points = evidence.frontier_points
    fit = frontier_cost_fit(points) if len(points) >= FRONTIER_FIT_MIN_POINTS else None
    sources = sorted({x.source_id for x in points})
    out = {}
    if p.frontier_training_cost_growth_per_year is None and fit is not None:
        out[growth_path] = ResolvedInput(
            value=Ranged(low=fit.factor_low, base=fit.factor, high=fit.factor_high), origin="derived",
            source_ids=sources, mart="mart_frontier_cost_points",
            note=f"log-linear fit of {fit.points} frontier training costs ({fit.first_year:.0f}–{fit.last_year:.0f}): "
                 f"×{fit.factor:.2f}/year, 90 % interval ×{fit.factor_low:.2f}–×{fit.factor_high:.2f}",
            draw_group="derived:frontier_growth")
    else:
        out[growth_path] = resolve_one(growth_path, p.frontier_training_cost_growth_per_year, evidence)
    if p.frontier_training_cost_usd is not None or fit is None:
        out[level_path] = resolve_one(level_path, p.frontier_training_cost_usd, evidence)
    else:
        level = fit.value_at(base_year + MID_YEAR)
        out[level_path] = ResolvedInput(
            value=level, origin="derived", source_ids=sources, mart="mart_frontier_cost_points",
            note=f"the fitted frontier training cost in mid-{base_year} ({fit.points} runs)", draw_group="derived:frontier_level")
    return out


def _projection_inputs(scenario: Scenario, evidence: Evidence) -> dict[str, ResolvedInput]:
    p = scenario.projection
    base_year = _base_year(scenario)
    out = _section_inputs("projection", p, evidence, {})
    out["projection.base_year"] = ResolvedInput(
        value=float(base_year), origin="scenario" if p.base_year is not None else "assumption",
        note="given in the scenario" if p.base_year is not None else "ASSUMPTION — the current calendar year",
        draw_group="fixed:base_year")
    return out | _frontier_inputs(scenario, evidence, base_year)


def _choices(scenario: Scenario, evidence: Evidence) -> dict[str, str | None]:
    fit = scenario.scaling.fit
    if fit is None:
        wanted = CHOICES_BY_PATH["scaling.fit"].default
        fit = wanted if wanted in evidence.fits else next(iter(sorted(evidence.fits)), None)
    return {"compute.gpu": scenario.compute.gpu, "scaling.fit": fit,
            "distillation.api_model": scenario.distillation.api_model or evidence.teacher}


def _warnings(inputs: dict[str, ResolvedInput]) -> list[str]:
    """Fractions whose 1/(1 − x) amplifies the cost more than AMPLIFICATION_WARNING times."""
    found = []
    for path, item in inputs.items():
        spec = INPUTS.get(pattern_of(path))
        if spec is None or not spec.divides_by_one_minus or item.value is None:
            continue
        worst = max(triple(item.value))
        if 1 - 1 / AMPLIFICATION_WARNING < worst < 1:  # 1/(1 − x) > 5 ⇔ x > 0.8, compared without rounding error
            found.append(f"{path} ({spec.label}) reaches {worst:.2f}: costs are multiplied by "
                         f"{1 / (1 - worst):.1f}× through 1/(1 − x)")
    return found


def resolve_inputs(scenario: Scenario, evidence: Evidence) -> Resolution:
    """Every model input of `scenario`, filled from the marts or assumptions where left empty."""
    choices = _choices(scenario, evidence)
    keys = {"gpu": choices["compute.gpu"] or "", "fit": choices["scaling.fit"] or "",
            "model": choices["distillation.api_model"] or ""}
    inputs = {"vendor_margin": resolve_one("vendor_margin", scenario.vendor_margin, evidence)}
    inputs |= _skill_inputs(scenario, evidence)
    inputs |= _pool_inputs(scenario, evidence)
    for section in ("compute", "scaling", "distillation", "long_tail", "sample_efficiency"):
        inputs |= _section_inputs(section, getattr(scenario, section), evidence, keys)
    inputs["distillation.examples"] = _examples(scenario)
    inputs["compute.gpu_age_years"] = _gpu_age(scenario, evidence, keys["gpu"], _base_year(scenario))
    inputs |= _projection_inputs(scenario, evidence)
    return Resolution(inputs=inputs, choices=choices, warnings=_warnings(inputs))
