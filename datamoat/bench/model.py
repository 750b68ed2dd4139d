"""`datamoat bench model`: time one full evaluation and 100,000 Monte Carlo draws of the data-cost block."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping

import polars as pl

from dashboard.model.defaults import resolve_inputs
from dashboard.model.evaluate import artifacts_per_skill, evaluate
from dashboard.model.scenario import Scenario
from dashboard.model.template import template_scenario
from dashboard.model.uncertainty import data_cost_draws

EVALUATION_TARGET_S = 0.020
DRAWS_TARGET_S = 0.050
MONTE_CARLO_DRAWS = 100_000


def median_seconds(run: Callable[[], object], repeats: int) -> float:
    """Median wall time of `repeats` calls after one warm-up call."""
    run()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _tables() -> tuple[dict[str, pl.DataFrame], str]:
    from datamoat.cli.scenario import MODEL_TABLES
    from pipelines.paths import default_warehouse_path
    from pipelines.reader import load_tables

    path = default_warehouse_path()
    if not path.exists():
        return {}, "no warehouse: assumptions only"
    return load_tables(path, MODEL_TABLES), f"tables from {path}"


def benchmark_figures(scenario: Scenario, tables: Mapping[str, pl.DataFrame], repeats: int = 30) -> dict[str, float]:
    """Median seconds of one full evaluation and of 100,000 data-cost draws (tables already loaded)."""
    evaluation = median_seconds(lambda: evaluate(scenario, tables), repeats)
    res = resolve_inputs(scenario, tables)
    shape = artifacts_per_skill(scenario)
    draws = median_seconds(lambda: data_cost_draws(res, shape, MONTE_CARLO_DRAWS, 0), repeats)
    return {"evaluation_s": evaluation, "data_cost_draws_s": draws}


def run_model_benchmark(repeats: int = 30) -> None:
    """Print the figures, the targets (≤ 20 ms, ≤ 50 ms) and the ratio of each figure to its target."""
    tables, origin = _tables()
    scenario = template_scenario()
    figures = benchmark_figures(scenario, tables, repeats)
    evaluation, draws = figures["evaluation_s"], figures["data_cost_draws_s"]
    print(f"template scenario ({len(scenario.skills)} skills, {scenario.uncertainty.draws:,} draws in the evaluation); "
          f"{origin}; median of {repeats} runs, table loading excluded")
    print(f"one full evaluation:                     {evaluation * 1000:7.2f} ms   target ≤ 20 ms   "
          f"ratio {evaluation / EVALUATION_TARGET_S:4.2f}")
    print(f"{MONTE_CARLO_DRAWS:,} Monte Carlo draws, data-cost block: {draws * 1000:7.2f} ms   target ≤ 50 ms   "
          f"ratio {draws / DRAWS_TARGET_S:4.2f}")
