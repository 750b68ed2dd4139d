"""The scenario document: a versioned JSON file validated by Pydantic (`schema_version: 1`).

Every numeric input may be a plain number or `{"low", "base", "high"}`; `null` (or absent) means
"fill from the warehouse, else from a named assumption". Unknown fields are rejected, and every
problem is reported as `field.path: message`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, ValidationError

from dashboard.model.ranged import Number, Ranged

MAX_SKILLS = 200
MAX_ARTIFACTS = 50
MAX_TEXT = 200
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Interval:
    """Allowed values of a numeric input; `None` bounds are infinite."""

    lower: float | None
    upper: float | None = None
    lower_closed: bool = True
    upper_closed: bool = False
    whole: bool = False

    def contains(self, x: float) -> bool:
        above = self.lower is None or (x >= self.lower if self.lower_closed else x > self.lower)
        below = self.upper is None or (x <= self.upper if self.upper_closed else x < self.upper)
        return above and below and math.isfinite(x) and (not self.whole or float(x).is_integer())

    def describe(self) -> str:
        kind = "a whole number " if self.whole else ""
        if self.upper is None:
            return f"must be {kind}{'≥' if self.lower_closed else '>'} {self.lower:g}"
        left, right = "[" if self.lower_closed else "(", "]" if self.upper_closed else ")"
        return f"must be {kind}in {left}{self.lower:g}, {self.upper:g}{right}"


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


def num(interval: Interval, optional: bool = True) -> Any:
    """An annotated numeric field type: plain or ranged, checked against `interval`."""
    return Annotated[
        Number | None,
        PlainValidator(_number_validator(interval, optional), json_schema_input_type=float | Ranged | None),
        PlainSerializer(_dump_number),
    ]


FRACTION = Interval(0.0, 1.0)  # [0, 1): used where the model divides by (1 − x)
SHARE = Interval(0.0, 1.0, lower_closed=False, upper_closed=True)  # (0, 1]: used where the model divides by x
PROPORTION = Interval(0.0, 1.0, upper_closed=True)  # [0, 1]
POSITIVE = Interval(0.0, lower_closed=False)
NON_NEGATIVE = Interval(0.0)
WHOLE_POSITIVE = Interval(1.0, whole=True)
GROWTH = Interval(-1.0, lower_closed=False)  # a yearly fractional change above −100%
HOURS_PER_WEEK = Interval(0.0, 168.0, lower_closed=False, upper_closed=True)

Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]
OptionalText = Annotated[str | None, Field(default=None, max_length=MAX_TEXT)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Artifact(_Strict):
    """One kind of item a skill needs, e.g. 2,000 SFT demonstrations of 1.5 expert-hours each."""

    type: Text
    count: num(POSITIVE, optional=False)
    hours_each: num(POSITIVE) = None
    annotations_each: num(POSITIVE) = 1.0


class Skill(_Strict):
    """A skill to teach, the expert items it needs and the experts who can make them."""

    skill: Text
    domain: Text
    artifacts: list[Artifact] = Field(min_length=1, max_length=MAX_ARTIFACTS)
    usd_per_hour: num(POSITIVE) = None
    review_fraction: num(PROPORTION) = None
    review_time_ratio: num(NON_NEGATIVE) = None
    rejection_rate: num(FRACTION) = None
    expert_pool: num(POSITIVE) = None
    participation_rate: num(SHARE) = None
    hours_per_week_per_expert: num(HOURS_PER_WEEK) = None


class Compute(_Strict):
    """The training run that teaches the skill, priced by rental and by amortised hardware."""

    gpu: Text = "H100-SXM"
    training_flop: num(POSITIVE) = None
    peak_flop_per_gpu_second: num(POSITIVE) = None
    utilization: num(SHARE) = None
    usd_per_gpu_hour: num(POSITIVE) = None
    gpus: num(POSITIVE) = None
    hardware_usd_per_gpu: num(POSITIVE) = None
    cluster_overhead_multiplier: num(POSITIVE) = None
    gpu_useful_life_years: num(POSITIVE) = None
    energy_cost_fraction: num(FRACTION) = None


class Scaling(_Strict):
    """The Chinchilla calculator: a named fit from `scaling_fits` (or explicit constants) and a budget."""

    fit: OptionalText = None
    compute_flop: num(POSITIVE) = None
    e_loss: num(NON_NEGATIVE) = None
    a_coef: num(POSITIVE) = None
    b_coef: num(POSITIVE) = None
    alpha: num(POSITIVE) = None
    beta: num(POSITIVE) = None


class Distillation(_Strict):
    """Synthetic data from a teacher model's API as the alternative to expert items."""

    api_model: OptionalText = None
    examples: num(POSITIVE) = None
    input_tokens_each: num(NON_NEGATIVE) = None
    output_tokens_each: num(NON_NEGATIVE) = None
    usd_per_million_input_tokens: num(NON_NEGATIVE) = None
    usd_per_million_output_tokens: num(NON_NEGATIVE) = None


class LongTail(_Strict):
    """A skill's categories with Zipf frequencies; how many samples reach coverage `c`."""

    categories: num(WHOLE_POSITIVE) = None
    zipf_exponent: num(NON_NEGATIVE) = None
    examples_per_category: num(WHOLE_POSITIVE) = None
    coverage: num(SHARE) = None


class Projection(_Strict):
    """Year-by-year costs from `base_year`: compute falls, expert data rises."""

    base_year: Annotated[int | None, Field(default=None, ge=1900, le=2200)] = None
    years: Annotated[int | None, Field(default=None, ge=1, le=100)] = None
    hardware_price_performance_doubling_years: num(POSITIVE) = None
    algorithmic_compute_halving_months: num(POSITIVE) = None
    wage_growth_per_year: num(GROWTH) = None
    skills_demand_growth_per_year: num(GROWTH) = None


class SampleEfficiency(_Strict):
    """Tokens a frontier model reads versus tokens a person hears by adulthood."""

    human_words_heard_by_adulthood: num(POSITIVE) = None
    tokens_per_word: num(POSITIVE) = None
    frontier_pretraining_tokens: num(POSITIVE) = None


class Uncertainty(_Strict):
    """Monte Carlo settings: number of draws and the seed that makes them repeat."""

    draws: Annotated[int, Field(ge=0, le=1_000_000)] = 10_000
    seed: Annotated[int, Field(ge=0)] = 0


class Scenario(_Strict):
    """A complete what-if: skills to teach, the training run, and the side calculators."""

    schema_version: Literal[1] = SCHEMA_VERSION
    name: Text = "scenario"
    skills: list[Skill] = Field(min_length=1, max_length=MAX_SKILLS)
    vendor_margin: num(FRACTION) = None
    compute: Compute = Field(default_factory=Compute)
    scaling: Scaling = Field(default_factory=Scaling)
    distillation: Distillation = Field(default_factory=Distillation)
    long_tail: LongTail = Field(default_factory=LongTail)
    projection: Projection = Field(default_factory=Projection)
    sample_efficiency: SampleEfficiency = Field(default_factory=SampleEfficiency)
    uncertainty: Uncertainty = Field(default_factory=Uncertainty)


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
    try:
        return Scenario.model_validate(document)
    except ValidationError as exc:
        raise ScenarioError(problem_lines(exc)) from None
    except RecursionError:
        raise ScenarioError(["(document): nested too deeply to be a scenario"]) from None


def scenario_to_json(scenario: Scenario, indent: int | None = 2) -> str:
    """The scenario as JSON text, every field present (nulls included)."""
    return json.dumps(scenario.model_dump(mode="json"), indent=indent, ensure_ascii=False)
