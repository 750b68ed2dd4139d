"""`datamoat bench model`: time one full evaluation and 100,000 Monte Carlo draws of the data-cost block."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from dashboard.model.evaluate import evaluate, shape_of
from dashboard.model.evidence import Evidence
from dashboard.model.resolve import resolve_inputs
from dashboard.model.scenario import Scenario
from dashboard.model.template import default_scenario
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


def _evidence() -> tuple[Evidence, str]:
    from dashboard.model.evidence import EVIDENCE_TABLES
    from pipelines.paths import default_warehouse_path
    from pipelines.reader import load_tables

    path = default_warehouse_path()
    if not path.exists():
        return Evidence(), "no warehouse: assumptions only"
    return Evidence.from_tables(load_tables(path, EVIDENCE_TABLES)), f"marts from {path}"


def benchmark_figures(scenario: Scenario, evidence: Evidence, repeats: int = 30) -> dict[str, float]:
    """Median seconds of one full evaluation and of 100,000 data-cost draws (marts already loaded)."""
    evaluation = median_seconds(lambda: evaluate(scenario, evidence), repeats)
    res = resolve_inputs(scenario, evidence)
    shape = shape_of(scenario)
    draws = median_seconds(lambda: data_cost_draws(res, shape, MONTE_CARLO_DRAWS, 0), repeats)
    return {"evaluation_s": evaluation, "data_cost_draws_s": draws}


def run_model_benchmark(repeats: int = 30) -> None:
    """Print the figures, the targets (≤ 20 ms, ≤ 50 ms) and the ratio of each figure to its target."""
    evidence, origin = _evidence()
    scenario = default_scenario()
    figures = benchmark_figures(scenario, evidence, repeats)
    evaluation, draws = figures["evaluation_s"], figures["data_cost_draws_s"]
    print(f"the default scenario ({len(scenario.skills)} skills, {scenario.uncertainty.draws:,} draws in the evaluation); "
          f"{origin}; median of {repeats} runs, table loading excluded")
    print(f"one full evaluation:                     {evaluation * 1000:7.2f} ms   target ≤ 20 ms   "
          f"ratio {evaluation / EVALUATION_TARGET_S:4.2f}")
    print(f"{MONTE_CARLO_DRAWS:,} Monte Carlo draws, data-cost block: {draws * 1000:7.2f} ms   target ≤ 50 ms   "
          f"ratio {draws / DRAWS_TARGET_S:4.2f}")
