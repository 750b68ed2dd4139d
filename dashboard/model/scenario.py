"""The scenario document: a versioned JSON file validated by Pydantic (`schema_version: 2`).

Every numeric input may be a plain number or `{"low", "base", "high"}`; `null` (or absent) means
"fill from the warehouse, else from a named assumption". Each field's allowed values come from the
input registry (`inputs.py`). Unknown fields are rejected, and every problem is reported as
`field.path: message`. Version 1 documents (expert pools given per skill) are migrated on reading.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, ValidationError, model_validator

from dashboard.model.inputs import DEFAULT_GPU, INPUTS, Interval
from dashboard.model.ranged import Number, Ranged

MAX_SKILLS = 200
MAX_ARTIFACTS = 50
MAX_TEXT = 200
SCHEMA_VERSION = 2
POOL_FIELDS = ("expert_pool", "participation_rate", "hours_per_week_per_expert")
REMOVED_IN_2 = ("gpu_useful_life_years", "energy_cost_fraction")


def _check_plain(value: Any, interval: Interval, label: str = "") -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{label}must be a number or {{low, base, high}} (got {value!r})")
    try:
        number = float(value)
    except OverflowError:
        raise ValueError(f"{label}{interval.describe()} (got an integer too large for a float)") from None
    if not interval.contains(number):
        raise ValueError(f"{label}{interval.describe()} (got {number:g})")
    return number


def _check_range(value: dict[str, Any], interval: Interval) -> Ranged:
    extra = sorted(set(value) - {"low", "base", "high"})
    missing = [key for key in ("low", "base", "high") if key not in value]
    if extra or missing:
        raise ValueError(f"a range needs exactly low, base, high (unknown {extra}, missing {missing})")
    ends = {key: _check_plain(value[key], interval, f"{key} ") for key in ("low", "base", "high")}
    if not ends["low"] <= ends["base"] <= ends["high"]:
        raise ValueError(f"must satisfy low ≤ base ≤ high (got {ends['low']:g}, {ends['base']:g}, {ends['high']:g})")
    return Ranged(**ends)


def _number_validator(interval: Interval, optional: bool):
    def check(value: Any) -> Number | None:
        if value is None:
            if optional:
                return None
            raise ValueError("required (got null)")
        if isinstance(value, Ranged):
            value = value.model_dump()
        if isinstance(value, dict):
            return _check_range(value, interval)
        return _check_plain(value, interval)

    return check


def _dump_number(value: Number | None) -> Any:
    return value.model_dump() if isinstance(value, Ranged) else value


def num(path: str, optional: bool = True) -> Any:
    """An annotated numeric field type for the registry input at `path`: plain or ranged, checked
    against the input's allowed values."""
    interval = INPUTS[path].interval
    return Annotated[
        Number | None,
        PlainValidator(_number_validator(interval, optional), json_schema_input_type=float | Ranged | None),
        PlainSerializer(_dump_number),
    ]


Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]
OptionalText = Annotated[str | None, Field(default=None, max_length=MAX_TEXT)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Artifact(_Strict):
    """One kind of item a skill needs, e.g. 2,000 SFT demonstrations of 1.5 expert-hours each."""

    type: Text
    count: num("skills.*.artifacts.*.count", optional=False)
    hours_each: num("skills.*.artifacts.*.hours_each") = None
    annotations_each: num("skills.*.artifacts.*.annotations_each") = 1.0


class Skill(_Strict):
    """A skill to teach and the expert items it needs."""

    skill: Text
    domain: Text
    artifacts: list[Artifact] = Field(min_length=1, max_length=MAX_ARTIFACTS)
    usd_per_hour: num("skills.*.usd_per_hour") = None
    review_fraction: num("skills.*.review_fraction") = None
    review_time_ratio: num("skills.*.review_time_ratio") = None
    rejection_rate: num("skills.*.rejection_rate") = None


class Pool(_Strict):
    """The experts of one domain: every skill of the domain draws on the same pool."""

    expert_pool: num("pools.*.expert_pool") = None
    participation_rate: num("pools.*.participation_rate") = None
    hours_per_week_per_expert: num("pools.*.hours_per_week_per_expert") = None


class Compute(_Strict):
    """The training run that teaches the skills, priced by cloud rental and by Cottier et al.'s amortisation."""

    gpu: Text = DEFAULT_GPU
    training_flop: num("compute.training_flop") = None
    peak_flop_per_gpu_second: num("compute.peak_flop_per_gpu_second") = None
    utilization: num("compute.utilization") = None
    usd_per_gpu_hour: num("compute.usd_per_gpu_hour") = None
    gpus: num("compute.gpus") = None
    hardware_usd_per_gpu: num("compute.hardware_usd_per_gpu") = None
    cluster_overhead_multiplier: num("compute.cluster_overhead_multiplier") = None
    hardware_depreciation_ooms_per_year: num("compute.hardware_depreciation_ooms_per_year") = None
    gpu_age_years: num("compute.gpu_age_years") = None
    gpu_power_watts: num("compute.gpu_power_watts") = None
    average_power_fraction_of_tdp: num("compute.average_power_fraction_of_tdp") = None
    datacenter_pue: num("compute.datacenter_pue") = None
    electricity_usd_per_kwh: num("compute.electricity_usd_per_kwh") = None


class Scaling(_Strict):
    """The Chinchilla calculator: a named fit (or explicit constants) and a compute budget."""

    fit: OptionalText = None
    compute_flop: num("scaling.compute_flop") = None
    e_loss: num("scaling.e_loss") = None
    a_coef: num("scaling.a_coef") = None
    b_coef: num("scaling.b_coef") = None
    alpha: num("scaling.alpha") = None
    beta: num("scaling.beta") = None


class Distillation(_Strict):
    """Synthetic data from a teacher model's API as the alternative to expert items."""

    api_model: OptionalText = None
    examples: num("distillation.examples") = None
    input_tokens_each: num("distillation.input_tokens_each") = None
    output_tokens_each: num("distillation.output_tokens_each") = None
    usd_per_million_input_tokens: num("distillation.usd_per_million_input_tokens") = None
    usd_per_million_output_tokens: num("distillation.usd_per_million_output_tokens") = None


class LongTail(_Strict):
    """A skill's categories with Zipf frequencies; how many samples reach coverage `c`."""

    categories: num("long_tail.categories") = None
    zipf_exponent: num("long_tail.zipf_exponent") = None
    examples_per_category: num("long_tail.examples_per_category") = None
    coverage: num("long_tail.coverage") = None


class Projection(_Strict):
    """Year-by-year costs from `base_year`, under two framings of compute (per-skill runs; the frontier)."""

    base_year: Annotated[int | None, Field(default=None, ge=1900, le=2200)] = None
    years: num("projection.years") = None
    hardware_price_performance_doubling_years: num("projection.hardware_price_performance_doubling_years") = None
    algorithmic_compute_halving_months: num("projection.algorithmic_compute_halving_months") = None
    wage_growth_per_year: num("projection.wage_growth_per_year") = None
    skills_demand_growth_per_year: num("projection.skills_demand_growth_per_year") = None
    frontier_training_cost_growth_per_year: num("projection.frontier_training_cost_growth_per_year") = None
    frontier_training_cost_usd: num("projection.frontier_training_cost_usd") = None


class SampleEfficiency(_Strict):
    """Tokens a frontier model reads versus tokens a person hears by adulthood."""

    human_words_heard_by_adulthood: num("sample_efficiency.human_words_heard_by_adulthood") = None
    tokens_per_word: num("sample_efficiency.tokens_per_word") = None
    frontier_pretraining_tokens: num("sample_efficiency.frontier_pretraining_tokens") = None


class Uncertainty(_Strict):
    """Monte Carlo settings: number of draws and the seed that makes them repeat."""

    draws: Annotated[int, Field(ge=0, le=1_000_000)] = 10_000
    seed: Annotated[int, Field(ge=0)] = 0


class Scenario(_Strict):
    """A complete what-if: skills to teach, the training run, and the side calculators."""

    schema_version: Literal[2] = SCHEMA_VERSION
    name: Text = "scenario"
    skills: list[Skill] = Field(min_length=1, max_length=MAX_SKILLS)
    pools: dict[Text, Pool] = Field(default_factory=dict, max_length=MAX_SKILLS)
    vendor_margin: num("vendor_margin") = None
    compute: Compute = Field(default_factory=Compute)
    scaling: Scaling = Field(default_factory=Scaling)
    distillation: Distillation = Field(default_factory=Distillation)
    long_tail: LongTail = Field(default_factory=LongTail)
    projection: Projection = Field(default_factory=Projection)
    sample_efficiency: SampleEfficiency = Field(default_factory=SampleEfficiency)
    uncertainty: Uncertainty = Field(default_factory=Uncertainty)

    @model_validator(mode="after")
    def _pools_belong_to_skills(self) -> Scenario:
        unknown = sorted(set(self.pools) - {skill.domain for skill in self.skills})
        if unknown:
            raise ValueError(f"pools: no skill of domain(s) {', '.join(unknown)} (a pool belongs to a skill's domain)")
        return self

    @property
    def domains(self) -> list[str]:
        """The skills' domains, each once, in order: one expert pool each."""
        return list(dict.fromkeys(skill.domain for skill in self.skills))


class ScenarioError(ValueError):
    """An invalid scenario; `problems` holds one `field.path: message` line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


_MESSAGES = {
    "extra_forbidden": lambda e: "unknown field",
    "missing": lambda e: "required field missing",
    "string_too_long": lambda e: f"must be at most {e['ctx']['max_length']} characters",
    "too_long": lambda e: f"must have at most {e['ctx']['max_length']} items (got {e['ctx']['actual_length']})",
    "too_short": lambda e: f"must have at least {e['ctx']['min_length']} item(s)",
    "literal_error": lambda e: f"must be {e['ctx']['expected']} (got {e['input']!r})",
}


def problem_lines(error: ValidationError) -> list[str]:
    """One `field.path: message` line per validation error."""
    lines = []
    for item in error.errors():
        path = ".".join(str(part) for part in item["loc"]) or "(document)"
        render = _MESSAGES.get(item["type"])
        message = render(item) if render else item["msg"].removeprefix("Value error, ")
        lines.append(f"{path}: {message}")
    return lines


def parse_scenario(document: str | bytes | dict[str, Any]) -> Scenario:
    """Validate a JSON text or an already-parsed dict; raise ScenarioError listing every problem."""
    if isinstance(document, str | bytes):
        try:
            document = json.loads(document)
        except json.JSONDecodeError as exc:
            raise ScenarioError([f"(document): not valid JSON ({exc.msg} at line {exc.lineno})"]) from None
        except RecursionError:
            raise ScenarioError(["(document): nested too deeply to be a scenario"]) from None
    if not isinstance(document, dict):
        raise ScenarioError(["(document): must be a JSON object"])
    if document.get("schema_version") == 1:
        document = migrate_version_1(document)
    try:
        return Scenario.model_validate(document)
    except ValidationError as exc:
        raise ScenarioError(problem_lines(exc)) from None
    except RecursionError:
        raise ScenarioError(["(document): nested too deeply to be a scenario"]) from None


def migrate_version_1(document: dict[str, Any]) -> dict[str, Any]:
    """A version-1 document as version 2: each skill's expert-pool fields move to its domain's pool (skills of
    one domain must agree); the straight-line amortisation fields, replaced by Cottier et al.'s method, must
    be empty. Raises ScenarioError naming what cannot be carried over."""
    migrated = json.loads(json.dumps(document))
    migrated["schema_version"] = SCHEMA_VERSION
    problems, pools = [], {}
    skills = migrated.get("skills")
    for index, skill in enumerate(skills if isinstance(skills, list) else []):
        if not isinstance(skill, dict):
            continue
        moved = {name: skill.pop(name) for name in POOL_FIELDS if name in skill}
        given = {name: value for name, value in moved.items() if value is not None}
        pool = pools.setdefault(str(skill.get("domain")), {})
        for name, value in given.items():
            if name in pool and pool[name] != value:
                problems.append(f"skills.{index}.{name}: differs from another skill of domain {skill.get('domain')!r}; "
                                "version 2 gives one expert pool per domain")
            pool[name] = value
    if any(pools.values()):
        migrated["pools"] = {domain: pool for domain, pool in pools.items() if pool}
    compute = migrated.get("compute")
    for name in REMOVED_IN_2:
        if isinstance(compute, dict) and compute.pop(name, None) is not None:
            problems.append(f"compute.{name}: removed in version 2 (the amortised cost now follows Cottier et al.: "
                            "depreciation from availability, cluster overhead, energy from power and price)")
    if problems:
        raise ScenarioError(problems)
    return migrated


def scenario_to_json(scenario: Scenario, indent: int | None = 2) -> str:
    """The scenario as JSON text, every field present (nulls included)."""
    return json.dumps(scenario.model_dump(mode="json"), indent=indent, ensure_ascii=False)
