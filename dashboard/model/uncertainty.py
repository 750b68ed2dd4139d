"""Monte Carlo over ranged inputs, and one-at-a-time sensitivity (the data behind the tornado chart).

Distribution of a ranged input: triangular(low, base, high) — it needs only the three numbers, puts most
weight near base and never leaves [low, high]. When high/low > 10 the triangle is drawn on log(value), so
each decade gets comparable weight. Draws come from `numpy.random.default_rng(seed)`, so a seed repeats a
run exactly.

Correlation: inputs resting on the same figure or the same assumption form one draw group (the resolver's
`draw_group`) and share one draw: two skills that both use the assumed review share move together, as the
assumption is one judgement, not one per skill. Distinct figures and distinct scenario values are drawn
independently. The sensitivity table swings each group as a whole.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel

from dashboard.model.headline import Shape, data_cost_usd, headline, skill_numbers
from dashboard.model.params import base_params
from dashboard.model.projection import crossover_years
from dashboard.model.ranged import Ranged, triple
from dashboard.model.resolve import Resolution

LOG_SCALE_SPAN = 10.0
DRAWN_PREFIXES = ("vendor_margin", "skills.", "pools.", "compute.", "projection.")


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
    """A (k, draws) array: row i drawn from the (log-)triangular of triples[i] = (low, base, high). The k
    uniforms of one draw are consecutive in the generator's stream, so drawing in chunks gives the same draws."""
    low, mode, high = (triples[:, i : i + 1] for i in range(3))
    logged = uses_log_scale(low, high)
    safe = lambda x: np.log(np.where(logged, x, 1.0))
    lo, mo, hi = (np.where(logged, safe(x), x) for x in (low, mode, high))
    sample = triangular_quantile(rng.random((draws, triples.shape[0])).T, lo, mo, hi)
    return np.exp(sample, out=sample, where=np.broadcast_to(logged, sample.shape))


def draw_groups(res: Resolution, prefixes: Sequence[str] = DRAWN_PREFIXES) -> dict[str, list[str]]:
    """Draw group → the paths under `prefixes` it moves; only inputs whose range spans something."""
    groups: dict[str, list[str]] = {}
    for path, item in res.inputs.items():
        if path.startswith(tuple(prefixes)) and isinstance(item.value, Ranged) and item.value.low < item.value.high:
            groups.setdefault(item.draw_group, []).append(path)
    return groups


def _group_triples(res: Resolution, groups: dict[str, list[str]]) -> np.ndarray:
    rows = [triple(res.inputs[paths[0]].value) for paths in groups.values()]
    return np.array(rows, dtype=float).reshape(len(rows), 3)


def drawn_params(res: Resolution, draws: int, seed: int,
                 prefixes: Sequence[str] = DRAWN_PREFIXES) -> dict[str, np.ndarray | float]:
    """Base params with every ranged input under `prefixes` replaced by its group's `draws` draws."""
    groups = draw_groups(res, prefixes)
    sampled = draw_triples(_group_triples(res, groups), draws, np.random.default_rng(seed))
    params: dict[str, np.ndarray | float] = dict(base_params(res))
    for row, paths in zip(sampled, groups.values(), strict=True):
        params.update(dict.fromkeys(paths, row))
    return params


def data_cost_draws(res: Resolution, shape: Shape, draws: int, seed: int) -> np.ndarray:
    """`draws` Monte Carlo draws of data_cost_usd alone (only the skills' inputs and the margin drawn)."""
    p = drawn_params(res, draws, seed, prefixes=("vendor_margin", "skills."))
    skills = [skill_numbers(p, i, n) for i, n in enumerate(shape.artifacts)]
    return np.broadcast_to(data_cost_usd(skills), (draws,))


class Percentiles(BaseModel):
    """P5, P50 and P95 of one output over the draws."""

    p5: float
    p50: float
    p95: float


def percentiles(values: np.ndarray) -> Percentiles:
    p5, p50, p95 = np.percentile(values, [5, 50, 95])
    return Percentiles(p5=float(p5), p50=float(p50), p95=float(p95))


class CrossoverBand(BaseModel):
    """Over the draws: the share in which data overtakes compute within the horizon, and the P5/P50/P95 of
    the crossover year counting draws without a crossover as 'later than the horizon' (None)."""

    share_of_draws_crossing: float
    p5_year: int | None
    p50_year: int | None
    p95_year: int | None


def crossover_band(base_year: int, years_after: np.ndarray) -> CrossoverBand:
    """Percentiles of the crossover year with 'never within the horizon' ranked last."""
    ranked = np.where(np.isnan(years_after), np.inf, years_after)
    p5, p50, p95 = np.percentile(ranked, [5, 50, 95], method="inverted_cdf")
    year = lambda x: None if not np.isfinite(x) else int(base_year + x)
    return CrossoverBand(share_of_draws_crossing=float(np.mean(~np.isnan(years_after))),
                         p5_year=year(p5), p50_year=year(p50), p95_year=year(p95))


class UncertaintyResult(BaseModel):
    """Monte Carlo summary of the headline outputs and of both projection framings."""

    draws: int
    seed: int
    draw_groups: int
    distribution: str
    data_cost_usd: Percentiles
    compute_cost_usd: Percentiles
    data_share: Percentiles
    max_weeks_to_assemble: Percentiles
    training_weeks: Percentiles
    share_of_draws_data_costs_more: float
    share_of_draws_data_takes_longer: float
    crossover_per_skill_runs: CrossoverBand
    crossover_frontier: CrossoverBand | None


MAX_DRAWN_VALUES_PER_CHUNK = 2_000_000
OUTPUTS = ("data_cost_usd", "compute_cost_usd", "data_share", "max_weeks_to_assemble", "training_weeks",
           "data_costs_more", "data_takes_longer", "per_skill_crossing", "frontier_crossing")


def chunk_sizes(draws: int, groups: int) -> list[int]:
    """Split `draws` so that no chunk draws more than MAX_DRAWN_VALUES_PER_CHUNK values (bounded memory
    for 200 skills × 50 artifacts); the split depends only on its arguments, so a seed still repeats."""
    size = max(1, MAX_DRAWN_VALUES_PER_CHUNK // max(groups, 1))
    return [min(size, draws - start) for start in range(0, draws, size)]


def _crossings(p: dict, out, years: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Per draw (`size` of them), the crossover year under each framing."""
    g = "projection."
    data_growth = (1 + np.asarray(p[g + "wage_growth_per_year"])) * (1 + np.asarray(p[g + "skills_demand_growth_per_year"]))
    per_skill_growth = (1 + np.asarray(p[g + "skills_demand_growth_per_year"])) * np.power(
        2.0, -1 / np.asarray(p[g + "hardware_price_performance_doubling_years"])
        - 12 / np.asarray(p[g + "algorithmic_compute_halving_months"]))
    b = lambda x: np.broadcast_to(np.asarray(x, dtype=float), (size,))
    per_skill = crossover_years(years, b(out.data_cost_usd), b(out.compute.compute_cost_usd), b(data_growth),
                                b(per_skill_growth))
    level = p[g + "frontier_training_cost_usd"]
    frontier = crossover_years(years, b(out.data_cost_usd), b(level), b(data_growth),
                               b(p[g + "frontier_training_cost_growth_per_year"]))
    return per_skill, frontier


def _headline_draws(res: Resolution, shape: Shape, draws: int, seed: int) -> dict[str, np.ndarray]:
    """Each output as an array over `draws` draws, computed chunk by chunk from one generator."""
    groups, rng, base = draw_groups(res), np.random.default_rng(seed), base_params(res)
    triples, parts = _group_triples(res, groups), {name: [] for name in OUTPUTS}
    years = round(base["projection.years"])
    for size in chunk_sizes(draws, len(groups)):
        p = dict(base)
        for row, paths in zip(draw_triples(triples, size, rng), groups.values(), strict=True):
            p.update(dict.fromkeys(paths, row))
        out = headline(p, shape)
        per_skill, frontier = _crossings(p, out, years, size)
        values = (out.data_cost_usd, out.compute.compute_cost_usd, out.data_share, out.max_weeks_to_assemble,
                  out.training_weeks, out.data_costs_more, out.data_takes_longer, per_skill, frontier)
        for name, value in zip(OUTPUTS, values, strict=True):
            parts[name].append(np.broadcast_to(value, (size,)))
    return {name: np.concatenate(chunks) for name, chunks in parts.items()}


def monte_carlo(res: Resolution, shape: Shape, draws: int, seed: int) -> UncertaintyResult:
    """Draw every ranged input `draws` times (one draw per group) and summarise the outputs."""
    out = _headline_draws(res, shape, draws, seed)
    base_year = round(base_params(res)["projection.base_year"])
    has_frontier = np.isfinite(base_params(res)["projection.frontier_training_cost_usd"])
    return UncertaintyResult(
        draws=draws, seed=seed, draw_groups=len(draw_groups(res)),
        distribution="triangular(low, base, high); log-triangular where high/low > 10; one draw per shared "
                     "figure or assumption",
        **{name: percentiles(out[name]) for name in OUTPUTS[:5]},
        share_of_draws_data_costs_more=float(np.mean(out["data_costs_more"])),
        share_of_draws_data_takes_longer=float(np.mean(out["data_takes_longer"])),
        crossover_per_skill_runs=crossover_band(base_year, out["per_skill_crossing"]),
        crossover_frontier=crossover_band(base_year, out["frontier_crossing"]) if has_frontier else None,
    )


class SensitivityRow(BaseModel):
    """One bar of the tornado chart: a draw group at its low and high end, the others at base."""

    group: str
    label: str
    paths: list[str]
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
HEADLINE_PREFIXES = ("vendor_margin", "skills.", "pools.", "compute.")


def _one_at_a_time(res: Resolution, block: list[tuple[str, list[str]]]) -> dict[str, np.ndarray | float]:
    """Params with 2B columns for a block of B groups: column i has group i at low, column B + i at high."""
    params: dict[str, np.ndarray | float] = dict(base_params(res))
    count = len(block)
    for i, (_, paths) in enumerate(block):
        low, base, high = triple(res.inputs[paths[0]].value)
        column = np.full(2 * count, base)
        column[i], column[count + i] = low, high
        params.update(dict.fromkeys(paths, column))
    return params


def sensitivity(res: Resolution, shape: Shape, labels: dict[str, str]) -> list[SensitivityRow]:
    """Each ranged draw group of the headline at low and at high (others at base), sorted by |swing of the
    data share|; `rank_by_data_cost_usd` orders by |swing of the data cost| (1 = largest)."""
    groups = list(draw_groups(res, HEADLINE_PREFIXES).items())
    rows = []
    for start in range(0, len(groups), SENSITIVITY_BLOCK):
        block = groups[start : start + SENSITIVITY_BLOCK]
        out, count = headline(_one_at_a_time(res, block), shape), len(block)
        share = np.broadcast_to(out.data_share, (2 * count,))
        cost = np.broadcast_to(out.data_cost_usd, (2 * count,))
        for i, (group, paths) in enumerate(block):
            low, _, high = triple(res.inputs[paths[0]].value)
            rows.append(dict(group=group, label=labels.get(group, group), paths=paths, low=low, high=high,
                             data_share_at_low=share[i], data_share_at_high=share[count + i],
                             data_share_swing=abs(share[count + i] - share[i]), data_cost_usd_at_low=cost[i],
                             data_cost_usd_at_high=cost[count + i], data_cost_usd_swing=abs(cost[count + i] - cost[i])))
    by_cost = sorted(range(len(rows)), key=lambda i: -rows[i]["data_cost_usd_swing"])
    for rank, i in enumerate(by_cost, start=1):
        rows[i]["rank_by_data_cost_usd"] = rank
    return [SensitivityRow(**row) for row in sorted(rows, key=lambda row: -row["data_share_swing"])]
