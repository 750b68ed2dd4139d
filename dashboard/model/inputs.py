"""The input registry: every model input declared once.

Each entry names the input's path in a scenario (`*` stands for a skill index, an artifact index or a
pool's domain), its label and unit, the values it may take, how a slider shows it, its short key in a
shared link, where its default comes from (a row of the warehouse's `mart_input_defaults`, and which
mart computed it) and the assumption used when the warehouse holds no figure. Scenario validation, the
sliders, links, calibration, `datamoat scenario assumptions` and the methodology all read this table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from dashboard.model.ranged import Number, Ranged


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


FRACTION = Interval(0.0, 1.0)  # [0, 1): the model divides by (1 − x)
SHARE = Interval(0.0, 1.0, lower_closed=False, upper_closed=True)  # (0, 1]: the model divides by x
PROPORTION = Interval(0.0, 1.0, upper_closed=True)  # [0, 1]
POSITIVE = Interval(0.0, lower_closed=False)
NON_NEGATIVE = Interval(0.0)
WHOLE_POSITIVE = Interval(1.0, whole=True)
GROWTH = Interval(-1.0, lower_closed=False)  # a yearly fractional change above −100 %
MULTIPLIER_PER_YEAR = Interval(0.0, lower_closed=False)
HOURS_PER_WEEK = Interval(0.0, 168.0, lower_closed=False, upper_closed=True)
# A value above this factor of amplification through 1/(1 − x) is allowed but warned about.
AMPLIFICATION_WARNING = 5.0


@dataclass(frozen=True)
class Slider:
    """How a slider shows an input: its ends, step, and whether it moves the exponent (log scale)."""

    low: float
    high: float
    step: float
    log: bool = False


@dataclass(frozen=True)
class Assumption:
    """A default the model assumes rather than reads: its value and why."""

    value: Number
    reasoning: str


@dataclass(frozen=True)
class InputSpec:
    """One model input, declared once."""

    path: str
    label: str
    unit: str
    interval: Interval
    url_key: str
    default_input: str | None = None  # the `input` of its rows in mart_input_defaults
    default_by: str | None = None  # what those rows are keyed by: domain, artifact_type, gpu, model, fit
    assumption: Assumption | None = None
    slider: Slider | None = None
    help: str = ""

    @property
    def section(self) -> str:
        return self.path.split(".")[0] if "." in self.path else "scenario"

    @property
    def field(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    @property
    def divides_by_one_minus(self) -> bool:
        return self.interval == FRACTION


@dataclass(frozen=True)
class ChoiceSpec:
    """A named choice (an accelerator, a loss fit, a teacher model) and the rule that picks its default."""

    path: str
    label: str
    url_key: str
    default_rule: str
    default: str | None = None


def _a(value: Number, reasoning: str) -> Assumption:
    return Assumption(value=value, reasoning=" ".join(reasoning.split()))


R = Ranged
_SPECS: tuple[InputSpec, ...] = (
    # ------------------------------------------------------------------ expert data
    InputSpec("vendor_margin", "Vendor gross margin", "fraction", FRACTION, "margin", "vendor_margin", None,
              _a(R(low=0.3, base=0.5, high=0.6), """Gross margin a data vendor keeps over expert pay, used when no
              vendor margin is curated. Services businesses of this kind keep between a third and well over half
              of revenue."""), Slider(0.0, 0.9, 0.01)),
    InputSpec("skills.*.usd_per_hour", "Expert pay", "usd_per_hour", POSITIVE, "rate", "expert_usd_per_hour", "domain",
              _a(R(low=40.0, base=90.0, high=200.0), """Hourly pay for a domain expert, used only when no posted rate
              exists for the domain: generalist-to-specialist pay for contract annotation work."""),
              Slider(5.0, 500.0, 5.0)),
    InputSpec("skills.*.review_fraction", "Share of items reviewed", "fraction", PROPORTION, "rev", None, None,
              _a(R(low=0.1, base=0.2, high=0.5), """Share of delivered items a second expert reviews. Quality-control
              designs range from spot checks to reviewing half the items; a fifth is the central case."""),
              Slider(0.0, 1.0, 0.05)),
    InputSpec("skills.*.review_time_ratio", "Review time per item ÷ production time", "ratio", NON_NEGATIVE, "revt",
              None, None,
              _a(R(low=0.25, base=0.5, high=1.0), """Time to review an item relative to producing it. Checking is
              usually quicker than writing, but grading a long proof or a clinical case can take as long."""),
              Slider(0.0, 2.0, 0.05)),
    InputSpec("skills.*.rejection_rate", "Rejection rate", "fraction", FRACTION, "rej", None, None,
              _a(R(low=0.05, base=0.15, high=0.3), """Share of produced items discarded in quality control, so that
              count/(1 − rate) items must be produced. Some work is thrown away on every project, rarely more than
              a third."""), Slider(0.0, 0.9, 0.05)),
    InputSpec("skills.*.artifacts.*.count", "Accepted items", "items", POSITIVE, "n"),
    InputSpec("skills.*.artifacts.*.hours_each", "Expert hours per item", "hours", POSITIVE, "hrs", "hours_per_item",
              "artifact_type",
              _a(R(low=0.25, base=1.0, high=4.0), """Expert time to produce one item, used when no public dataset
              reports hours per item for the type. A quick preference label takes minutes, a worked demonstration
              or RL task hours; the range spans both."""), Slider(0.05, 20.0, 0.05)),
    InputSpec("skills.*.artifacts.*.annotations_each", "Annotations per item", "annotations", POSITIVE, "ann",
              None, None, _a(1.0, """One expert per item unless the scenario asks for several independent
              judgements of the same item (as preference data often does).""")),
    # ------------------------------------------------------------------ expert pools (one per domain)
    InputSpec("pools.*.expert_pool", "Expert pool", "people", POSITIVE, "pool", "expert_pool", "domain",
              _a(R(low=10_000.0, base=100_000.0, high=1_000_000.0), """People with the expertise, used only when no
              occupation statistic is mapped to the domain. A 100-fold range, deliberately wide, because it stands
              in for a missing statistic."""), Slider(2.0, 7.0, 0.1, log=True)),
    InputSpec("pools.*.participation_rate", "Share of the pool taking part", "fraction", SHARE, "part", None, None,
              _a(R(low=0.001, base=0.005, high=0.02), """Share of a domain's employed experts who take AI-training work
              at a given time. Platforms recruit part-timers from the whole profession, but most professionals
              never sign up; half a percent is the central case, with a 20-fold range because no statistic
              measures it."""), Slider(0.0005, 0.2, 0.0005)),
    InputSpec("pools.*.hours_per_week_per_expert", "Hours per week per expert", "hours_per_week", HOURS_PER_WEEK,
              "hpw", None, None,
              _a(R(low=5.0, base=10.0, high=20.0), """Hours a week a participating expert gives to annotation beside a
              day job: from an evening or two to half-time."""), Slider(1.0, 60.0, 1.0)),
    # ------------------------------------------------------------------ the training run
    InputSpec("compute.training_flop", "Training compute for one skill", "flop", POSITIVE, "flop",
              "skill_training_flop", None,
              _a(R(low=1e22, base=1e23, high=1e24), """Compute of the post-training (fine-tuning and reinforcement
              learning) that teaches one skill, used only when no disclosed post-training run is curated."""),
              Slider(19.0, 27.0, 0.1, log=True)),
    InputSpec("compute.peak_flop_per_gpu_second", "Peak throughput per GPU", "flop_per_second", POSITIVE, "peak",
              "peak_flop_per_gpu_second", "gpu",
              _a(9.89e14, """Peak dense BF16 throughput of an H100-class accelerator, used only when no spec is
              curated for the chosen GPU; wrong for other chips.""")),
    InputSpec("compute.utilization", "Model FLOP utilisation", "fraction", SHARE, "util", "utilization", None,
              _a(R(low=0.25, base=0.4, high=0.5), """Achieved over peak throughput. Large dense training runs reach
              roughly 30–50 %; reinforcement learning with generation often runs lower."""),
              Slider(0.05, 0.8, 0.01)),
    InputSpec("compute.usd_per_gpu_hour", "Rental price per GPU-hour", "usd_per_gpu_hour", POSITIVE, "gpuh",
              "usd_per_gpu_hour", "gpu",
              _a(R(low=1.5, base=2.5, high=4.0), """Rental price of one H100-class GPU-hour, used only when no price
              is curated for the chosen GPU: discounted reserved capacity to on-demand list prices."""),
              Slider(0.5, 15.0, 0.05)),
    InputSpec("compute.gpus", "GPUs in the run", "gpus", POSITIVE, "ngpu", None, None,
              _a(R(low=256.0, base=1024.0, high=8192.0), """Accelerators devoted to the skill's training run; sets the
              wall-clock time only, not the cost. A post-training job typically runs on a slice of a cluster."""),
              Slider(1.0, 5.0, 0.1, log=True)),
    InputSpec("compute.hardware_usd_per_gpu", "Purchase price per GPU", "usd", POSITIVE, "hwusd",
              "hardware_usd_per_gpu", "gpu",
              _a(R(low=20_000.0, base=30_000.0, high=40_000.0), """Purchase price of one H100-class accelerator, used
              only when no price is curated for the chosen GPU."""), Slider(5_000.0, 80_000.0, 500.0)),
    InputSpec("compute.cluster_overhead_multiplier", "Cluster cost ÷ GPU price", "multiplier", POSITIVE, "ovh",
              "cluster_overhead_multiplier", None,
              _a(R(low=1.5, base=2.0, high=2.6), """Cost of the whole cluster (servers, CPUs, interconnect) as a multiple
              of the accelerators' price, used only when Cottier et al.'s factors are not curated.""")),
    InputSpec("compute.hardware_depreciation_ooms_per_year", "Hardware depreciation", "ooms_per_year", POSITIVE,
              "dep", "hardware_depreciation_ooms_per_year", None,
              _a(R(low=0.10, base=0.14, high=0.18), """Orders of magnitude of value accelerator hardware loses a year,
              used only when Cottier et al.'s rate is not curated.""")),
    InputSpec("compute.gpu_age_years", "Age of the hardware at training", "years", NON_NEGATIVE, "age",
              "gpu_availability_year", "gpu",
              _a(R(low=0.0, base=1.0, high=3.0), """Years from the accelerator's availability to the start of the skill's
              training run, used only when Epoch's database gives no release date for the chosen GPU (the default is
              then derived from it: availability = release + 90 days, training in the middle of the base year): a
              cluster a year into its life, from new to three years old."""),
              Slider(0.0, 6.0, 0.25)),
    InputSpec("compute.gpu_power_watts", "Power per GPU (TDP)", "watts", POSITIVE, "watt", "gpu_power_watts", "gpu",
              _a(700.0, """Thermal design power of an H100 SXM, used only when no power figure is curated for the
              chosen GPU.""")),
    InputSpec("compute.average_power_fraction_of_tdp", "Average power ÷ TDP", "fraction", SHARE, "pwr",
              "average_power_fraction_of_tdp", None,
              _a(0.75, """Average power a GPU draws in training as a share of its TDP, used only when Cottier et al.'s
              figure is not curated.""")),
    InputSpec("compute.datacenter_pue", "Data-centre PUE", "multiplier", Interval(1.0), "pue", "datacenter_pue", None,
              _a(R(low=1.1, base=1.2, high=1.5), """Power usage effectiveness: total facility power over IT power, used
              only when no PUE is curated.""")),
    InputSpec("compute.electricity_usd_per_kwh", "Electricity price", "usd_per_kwh", POSITIVE, "kwh",
              "electricity_usd_per_kwh", None,
              _a(R(low=0.05, base=0.08, high=0.15), """Industrial electricity price, used only when none is curated.""")),
    # ------------------------------------------------------------------ Chinchilla calculator
    InputSpec("scaling.compute_flop", "Compute budget", "flop", POSITIVE, "cflop", "scaling_compute_flop", None,
              _a(1e25, """Compute budget for the Chinchilla calculator when no frontier run is curated: a frontier-scale
              order of magnitude."""), Slider(18.0, 28.0, 0.1, log=True)),
    InputSpec("scaling.e_loss", "Irreducible loss E", "nats_per_token", NON_NEGATIVE, "e", "scaling_e_loss", "fit"),
    InputSpec("scaling.a_coef", "Parameter coefficient A", "coefficient", POSITIVE, "a", "scaling_a_coef", "fit"),
    InputSpec("scaling.b_coef", "Data coefficient B", "coefficient", POSITIVE, "b", "scaling_b_coef", "fit"),
    InputSpec("scaling.alpha", "Parameter exponent α", "exponent", POSITIVE, "alpha", "scaling_alpha", "fit"),
    InputSpec("scaling.beta", "Data exponent β", "exponent", POSITIVE, "beta", "scaling_beta", "fit"),
    # ------------------------------------------------------------------ distillation
    InputSpec("distillation.examples", "Synthetic examples", "examples", POSITIVE, "ex", None, None, None,
              Slider(2.0, 8.0, 0.1, log=True),
              "Default: the scenario's accepted expert items (Σ artifact counts), so both sides make as many items."),
    InputSpec("distillation.input_tokens_each", "Prompt tokens per example", "tokens", NON_NEGATIVE, "tin", None, None,
              _a(R(low=300.0, base=1000.0, high=3000.0), """Prompt tokens sent to the teacher per synthetic example:
              task statement, instructions and any context documents."""), Slider(50.0, 20_000.0, 50.0)),
    InputSpec("distillation.output_tokens_each", "Output tokens per example", "tokens", NON_NEGATIVE, "tout", None,
              None, _a(R(low=300.0, base=1500.0, high=5000.0), """Tokens the teacher writes per example. Distillation
              usually keeps the reasoning trace, which makes outputs long."""), Slider(50.0, 20_000.0, 50.0)),
    InputSpec("distillation.usd_per_million_input_tokens", "Teacher input price", "usd_per_million_tokens",
              NON_NEGATIVE, "pin", "usd_per_million_input_tokens", "model",
              _a(R(low=1.0, base=3.0, high=15.0), """Frontier API input price, used only when no price is listed for
              the chosen model.""")),
    InputSpec("distillation.usd_per_million_output_tokens", "Teacher output price", "usd_per_million_tokens",
              NON_NEGATIVE, "pout", "usd_per_million_output_tokens", "model",
              _a(R(low=4.0, base=15.0, high=75.0), """Frontier API output price, used only when no price is listed for
              the chosen model.""")),
    # ------------------------------------------------------------------ long tail
    InputSpec("long_tail.categories", "Categories", "categories", WHOLE_POSITIVE, "k", None, None,
              _a(1000.0, """Distinct sub-skills or situation types a skill splits into. A thousand is an illustrative
              order of magnitude, not a measurement."""), Slider(10.0, 10_000.0, 10.0)),
    InputSpec("long_tail.zipf_exponent", "Zipf exponent s", "exponent", NON_NEGATIVE, "zipf", None, None,
              _a(R(low=0.8, base=1.0, high=1.2), """Exponent of the Zipf law for how often each category occurs;
              word and query frequencies sit near 1."""), Slider(0.0, 2.0, 0.05)),
    InputSpec("long_tail.examples_per_category", "Examples each category needs", "examples", WHOLE_POSITIVE, "m",
              None, None, _a(10.0, """Examples a category needs before the model handles it; a judgement for
              illustration."""), Slider(1.0, 100.0, 1.0)),
    InputSpec("long_tail.coverage", "Coverage target", "fraction", SHARE, "cov", None, None,
              _a(0.9, """Share of categories that must reach their examples; covering every category is
              disproportionately expensive under a Zipf law."""), Slider(0.5, 0.99, 0.01)),
    # ------------------------------------------------------------------ projection
    InputSpec("projection.years", "Years projected", "years", Interval(1.0, 100.0, upper_closed=True, whole=True),
              "yrs", None, None, _a(10.0, """Growth rates measured over the past decade say little beyond another
              decade.""")),
    InputSpec("projection.hardware_price_performance_doubling_years", "Hardware price-performance doubling", "years",
              POSITIVE, "hwdbl", "hardware_price_performance_doubling_years", None,
              _a(R(low=2.0, base=2.5, high=3.0), """Years for FLOP/s per dollar to double, used only when no figure is
              curated."""), Slider(0.5, 6.0, 0.1)),
    InputSpec("projection.algorithmic_compute_halving_months", "Algorithmic compute halving", "months", POSITIVE,
              "algo", "algorithmic_compute_halving_months", None,
              _a(R(low=5.0, base=8.0, high=14.0), """Months for algorithmic progress to halve the compute a fixed
              capability needs, used only when no figure is curated."""), Slider(2.0, 120.0, 1.0)),
    InputSpec("projection.wage_growth_per_year", "Expert wage growth", "fraction_per_year", GROWTH, "wage",
              "wage_growth_per_year", None,
              _a(R(low=0.02, base=0.035, high=0.05), """Nominal wage growth, used only when no figure is curated."""),
              Slider(0.0, 0.2, 0.005)),
    InputSpec("projection.skills_demand_growth_per_year", "Growth in skills taught per year", "fraction_per_year",
              GROWTH, "demand", None, None,
              _a(R(low=0.0, base=0.2, high=0.5), """Yearly growth in the number of expert skills labs teach. No statistic
              exists; a judgement from labs widening into more domains."""), Slider(0.0, 2.0, 0.05)),
    InputSpec("projection.frontier_training_cost_growth_per_year", "Frontier training cost growth",
              "multiplier_per_year", MULTIPLIER_PER_YEAR, "fgrow", "frontier_training_cost_growth_per_year", None,
              _a(R(low=2.0, base=2.4, high=2.9), """Yearly multiplier of the largest training runs' cost, used only when
              neither Epoch's models nor a curated trend are available."""), Slider(1.0, 5.0, 0.05)),
    InputSpec("projection.frontier_training_cost_usd", "Frontier training run cost in the base year", "usd",
              POSITIVE, "fcost", "frontier_training_cost_usd", None, None, Slider(6.0, 11.0, 0.1, log=True)),
    # ------------------------------------------------------------------ sample efficiency
    InputSpec("sample_efficiency.human_words_heard_by_adulthood", "Words a person hears by adulthood", "words",
              POSITIVE, "words", "human_words_heard_by_adulthood", None),
    InputSpec("sample_efficiency.tokens_per_word", "Tokens per word", "tokens_per_word", POSITIVE, "tpw",
              "tokens_per_word", None,
              _a(R(low=1.2, base=1.33, high=1.5), """Tokens per English word for modern BPE tokenizers: about
              three-quarters of a word per token.""")),
    InputSpec("sample_efficiency.frontier_pretraining_tokens", "Frontier pre-training tokens", "tokens", POSITIVE,
              "ftok", "frontier_pretraining_tokens", None),
)
DEFAULT_GPU = "H100-SXM"
CHOICES: tuple[ChoiceSpec, ...] = (
    ChoiceSpec("compute.gpu", "Accelerator", "gpu", f"the scenario's choice; {DEFAULT_GPU} by default", DEFAULT_GPU),
    ChoiceSpec("scaling.fit", "Loss fit", "fit",
               "Besiroglu et al. (2024), the replication of Hoffmann et al.'s fit, when curated; else the first fit",
               "besiroglu-2024"),
    ChoiceSpec("distillation.api_model", "Teacher model", "api",
               "the frontier model: of the newest priced models of the major providers, the one with the highest "
               "output price (mart_teacher_models)"),
)

INPUTS: dict[str, InputSpec] = {spec.path: spec for spec in _SPECS}
CHOICES_BY_PATH: dict[str, ChoiceSpec] = {choice.path: choice for choice in CHOICES}
_KEYS = [spec.url_key for spec in _SPECS] + [choice.url_key for choice in CHOICES]
assert len(_KEYS) == len(set(_KEYS)), "URL keys must be unique"


def pattern_of(path: str) -> str:
    """`skills.0.artifacts.2.hours_each` → `skills.*.artifacts.*.hours_each`; `pools.law.expert_pool` →
    `pools.*.expert_pool`."""
    parts = path.split(".")
    if parts[0] == "skills" and len(parts) >= 3:
        parts[1] = "*"
        if len(parts) == 5 and parts[2] == "artifacts":
            parts[3] = "*"
    elif parts[0] == "pools" and len(parts) == 3:
        parts[1] = "*"
    return ".".join(parts)


def spec_for(path: str) -> InputSpec:
    """The registry entry of a concrete input path; KeyError names the path when it is not an input."""
    return INPUTS[pattern_of(path)]


def assumption_rows() -> list[dict[str, object]]:
    """Every assumed default (path, label, unit, low, base, high, reasoning), for the CLI and the methodology."""
    from dashboard.model.ranged import triple

    rows = []
    for spec in _SPECS:
        if spec.assumption is None:
            continue
        low, base, high = triple(spec.assumption.value)
        rows.append({"input": spec.path, "label": spec.label, "unit": spec.unit, "low": low, "base": base,
                     "high": high, "reasoning": spec.assumption.reasoning})
    return rows
