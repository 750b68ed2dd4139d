"""Monte Carlo over ranged inputs, and one-at-a-time sensitivity (the data behind a tornado chart).

Distribution of a ranged input: triangular(low, base, high) — it needs only the three numbers the
scenario gives, puts most weight near base and never leaves [low, high]. When high/low > 10 (a range
spanning more than an order of magnitude, e.g. expert pools or training FLOP) the triangle is drawn on
log(value), so each decade gets comparable weight instead of the top decade taking nearly all of it.
Draws come from `numpy.random.default_rng(seed)`, so a seed repeats a run exactly. Inputs are drawn
independently. Only inputs that move the headline (skills, vendor_margin, compute) are drawn.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel

from dashboard.model.defaults import Resolution
from dashboard.model.headline import data_cost_usd, headline, skill_numbers
from dashboard.model.params import HEADLINE_PREFIXES, base_params, ranged_paths, triples_of

LOG_SCALE_SPAN = 10.0


def uses_log_scale(low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """True where a range is positive and spans more than LOG_SCALE_SPAN (high/low > 10)."""
    return (low > 0) & (high > LOG_SCALE_SPAN * np.where(low > 0, low, np.inf))


def triangular_quantile(u: np.ndarray, low: np.ndarray, mode: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Inverse CDF of triangular(low, mode, high) at u ∈ [0, 1): with F = (mode−low)/(high−low),
    x = low + √(u(high−low)(mode−low)) if u < F, else high − √((1−u)(high−low)(high−mode))."""
    width = high - low
    split = np.divide(mode - low, width, out=np.zeros_like(width), where=width > 0)
    left = u < split
    root = np.sqrt(np.where(left, u * (mode - low), (1.0 - u) * (high - mode)) * width)
    return np.where(left, low + root, high - root)


def draw_triples(triples: np.ndarray, draws: int, rng: np.random.Generator) -> np.ndarray:
    """A (k, draws) array: row i drawn from the (log-)triangular of triples[i] = (low, base, high)."""
    low, mode, high = (triples[:, i : i + 1] for i in range(3))
    logged = uses_log_scale(low, high)
    safe = lambda x: np.log(np.where(logged, x, 1.0))
    lo, mo, hi = (np.where(logged, safe(x), x) for x in (low, mode, high))
    sample = triangular_quantile(rng.random((triples.shape[0], draws)), lo, mo, hi)
    return np.exp(sample, out=sample, where=np.broadcast_to(logged, sample.shape))


def draw_params(res: Resolution, draws: int, seed: int,
                prefixes: tuple[str, ...] = HEADLINE_PREFIXES) -> dict[str, np.ndarray | float]:
    """Base params with every ranged input under `prefixes` replaced by `draws` random draws."""
    paths = ranged_paths(res, prefixes)
    sampled = draw_triples(triples_of(res, paths), draws, np.random.default_rng(seed))
    return base_params(res) | dict(zip(paths, sampled, strict=True))


def data_cost_draws(res: Resolution, artifacts_per_skill: tuple[int, ...], draws: int, seed: int) -> np.ndarray:
    """`draws` Monte Carlo draws of data_cost_usd alone (only skill inputs and vendor_margin drawn)."""
    p = draw_params(res, draws, seed, prefixes=("vendor_margin", "skills."))
    skills = [skill_numbers(p, i, n) for i, n in enumerate(artifacts_per_skill)]
    return np.broadcast_to(data_cost_usd(skills), (draws,))


class Percentiles(BaseModel):
    """P5, P50 and P95 of one output over the draws."""

    p5: float
    p50: float
    p95: float


def percentiles(values: np.ndarray) -> Percentiles:
    """P5/P50/P95 of an array of draws."""
    p5, p50, p95 = np.percentile(values, [5, 50, 95])
    return Percentiles(p5=float(p5), p50=float(p50), p95=float(p95))


class UncertaintyResult(BaseModel):
    """Monte Carlo summary of the headline outputs."""

    draws: int
    seed: int
    ranged_inputs: list[str]
    distribution: str
    data_cost_usd: Percentiles
    compute_cost_usd: Percentiles
    data_share: Percentiles
    max_weeks_to_assemble: Percentiles
    training_days: Percentiles
    share_of_draws_data_binds_cost: float
    share_of_draws_data_binds_time: float


MAX_DRAWN_VALUES_PER_CHUNK = 2_000_000
OUTPUTS = ("data_cost_usd", "compute_cost_usd", "data_share", "max_weeks_to_assemble", "training_days",
           "data_binds_cost", "data_binds_time")


def chunk_sizes(draws: int, ranged_inputs: int) -> list[int]:
    """Split `draws` so that no chunk draws more than MAX_DRAWN_VALUES_PER_CHUNK values (bounded memory
    for 200 skills × 50 artifacts); the split depends only on its arguments, so a seed still repeats."""
    size = max(1, MAX_DRAWN_VALUES_PER_CHUNK // max(ranged_inputs, 1))
    return [min(size, draws - start) for start in range(0, draws, size)]


def _headline_draws(res: Resolution, artifacts_per_skill: tuple[int, ...], draws: int,
                    seed: int) -> dict[str, np.ndarray]:
    """Each headline output as an array over `draws` draws, computed chunk by chunk from one generator."""
    paths, rng, base = ranged_paths(res), np.random.default_rng(seed), base_params(res)
    triples, parts = triples_of(res, paths), {name: [] for name in OUTPUTS}
    for size in chunk_sizes(draws, len(paths)):
        out = headline(base | dict(zip(paths, draw_triples(triples, size, rng), strict=True)), artifacts_per_skill)
        values = (out.data_cost_usd, out.compute.compute_cost_usd, out.data_share, out.max_weeks_to_assemble,
                  out.compute.training_days, out.data_binds_cost, out.data_binds_time)
        for name, value in zip(OUTPUTS, values, strict=True):
            parts[name].append(np.broadcast_to(value, (size,)))
    return {name: np.concatenate(chunks) for name, chunks in parts.items()}


def monte_carlo(res: Resolution, artifacts_per_skill: tuple[int, ...], draws: int, seed: int) -> UncertaintyResult:
    """Draw every ranged headline input `draws` times and summarise the headline outputs."""
    out = _headline_draws(res, artifacts_per_skill, draws, seed)
    return UncertaintyResult(
        draws=draws, seed=seed, ranged_inputs=ranged_paths(res),
        distribution="triangular(low, base, high); log-triangular where high/low > 10; inputs independent",
        **{name: percentiles(out[name]) for name in OUTPUTS[:5]},
        share_of_draws_data_binds_cost=float(np.mean(out["data_binds_cost"])),
        share_of_draws_data_binds_time=float(np.mean(out["data_binds_time"])),
    )


class SensitivityRow(BaseModel):
    """One bar of the tornado chart: an input at its low and high end, the others at base."""

    input: str
    low: float
    high: float
    data_share_at_low: float
    data_share_at_high: float
    data_share_swing: float
    data_cost_usd_at_low: float
    data_cost_usd_at_high: float
    data_cost_usd_swing: float
    rank_by_data_cost_usd: int


SENSITIVITY_BLOCK = 64


def _one_at_a_time(res: Resolution, paths: list[str]) -> dict[str, np.ndarray | float]:
    """Params with 2B columns for a block of B paths: column i has input i at low, column B + i at high,
    every other input at base."""
    params: dict[str, np.ndarray | float] = dict(base_params(res))
    count = len(paths)
    for i, path in enumerate(paths):
        value = res.inputs[path].value
        column = np.full(2 * count, value.base)
        column[i], column[count + i] = value.low, value.high
        params[path] = column
    return params


def _swings(res: Resolution, paths: list[str], artifacts_per_skill: tuple[int, ...]) -> list[dict]:
    """data_share and data_cost_usd at each end of each path, in blocks of SENSITIVITY_BLOCK paths."""
    rows = []
    for start in range(0, len(paths), SENSITIVITY_BLOCK):
        block = paths[start : start + SENSITIVITY_BLOCK]
        out, count = headline(_one_at_a_time(res, block), artifacts_per_skill), len(block)
        share = np.broadcast_to(out.data_share, (2 * count,))
        cost = np.broadcast_to(out.data_cost_usd, (2 * count,))
        rows += [dict(input=path, low=res.inputs[path].value.low, high=res.inputs[path].value.high,
                      data_share_at_low=share[i], data_share_at_high=share[count + i],
                      data_share_swing=abs(share[count + i] - share[i]), data_cost_usd_at_low=cost[i],
                      data_cost_usd_at_high=cost[count + i], data_cost_usd_swing=abs(cost[count + i] - cost[i]))
                 for i, path in enumerate(block)]
    return rows


def sensitivity(res: Resolution, artifacts_per_skill: tuple[int, ...]) -> list[SensitivityRow]:
    """Each ranged headline input at low and at high (others at base), sorted by |swing of data_share|;
    `rank_by_data_cost_usd` gives the order by |swing of data_cost_usd| (1 = largest)."""
    rows = _swings(res, ranged_paths(res), artifacts_per_skill)
    by_cost = sorted(range(len(rows)), key=lambda i: -rows[i]["data_cost_usd_swing"])
    for rank, i in enumerate(by_cost, start=1):
        rows[i]["rank_by_data_cost_usd"] = rank
    return [SensitivityRow(**row) for row in sorted(rows, key=lambda row: -row["data_share_swing"])]
