"""Human-readable rich tables of an evaluation result, for `datamoat scenario evaluate`."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from dashboard.model.ranged import Ranged
from dashboard.model.result import EvaluationResult


def money(x: float) -> str:
    """US dollars with thousands separators."""
    return f"${x:,.0f}"


def _skills_table(result: EvaluationResult) -> Table:
    table = Table(title="Skills (expert data)")
    for column in ("skill", "domain", "expert hours", "labour", "price", "share of its pool", "weeks (its pool)"):
        table.add_column(column, justify="left" if column in ("skill", "domain") else "right")
    for s in result.skills:
        table.add_row(s.skill, s.domain, f"{s.expert_hours:,.0f}", money(s.labor_usd), money(s.price_usd),
                      f"{s.share_of_pool_hours:.0%}", f"{s.weeks_to_assemble:,.1f}")
    return table


def _headline_table(result: EvaluationResult) -> Table:
    c = result.compute
    table = Table(title=f"Headline — {result.name}")
    table.add_column("quantity")
    table.add_column("value", justify="right")
    for label, value in (
        ("data cost (Σ skill price)", money(result.data_cost_usd)),
        (f"compute cost, cloud rental ({c.gpu})", money(c.compute_cost_usd)),
        ("compute cost, amortised hardware and energy (Cottier et al.)", money(c.amortised_cost_usd)),
        ("GPU-hours", f"{c.gpu_hours:,.0f}"), ("training weeks", f"{c.training_weeks:,.1f}"),
        ("weeks to assemble the data (slowest pool)", f"{result.max_weeks_to_assemble:,.1f}"),
        ("data share of cost", f"{result.data_share:.1%}"),
        ("money", result.verdict_money.sentence),
        ("time", result.verdict_time.sentence),
        ("data costs more from (per-skill runs)", str(result.projection.per_skill_runs.crossover_year or "not within horizon")),
        ("data costs more from (frontier)", "no frontier cost" if result.projection.frontier is None
         else str(result.projection.frontier.crossover_year or "not within horizon")),
    ):
        table.add_row(label, value)
    return table


def _uncertainty_table(result: EvaluationResult) -> Table | None:
    u = result.uncertainty
    if u is None:
        return None
    binds = f"data costs more in {u.share_of_draws_data_costs_more:.0%}, takes longer in {u.share_of_draws_data_takes_longer:.0%}"
    table = Table(title=f"Uncertainty ({u.draws:,} draws, seed {u.seed}; {binds})")
    for column in ("output", "P5", "P50", "P95"):
        table.add_column(column, justify="left" if column == "output" else "right")
    for name in ("data_cost_usd", "compute_cost_usd", "data_share", "max_weeks_to_assemble", "training_weeks"):
        q = getattr(u, name)
        table.add_row(name, *(f"{v:,.3g}" for v in (q.p5, q.p50, q.p95)))
    return table


def _inputs_table(result: EvaluationResult) -> Table:
    table = Table(title="Resolved inputs")
    for column in ("input", "value", "origin", "sources", "note"):
        table.add_column(column)
    for path, item in result.resolved_inputs.items():
        v = item.value
        if isinstance(v, Ranged):
            shown = f"{v.low:.3g} / {v.base:.3g} / {v.high:.3g}"
        else:
            shown = "—" if v is None else f"{v:.4g}"
        table.add_row(path, shown, item.origin, ", ".join(item.source_ids), item.note)
    return table


def _warnings(result: EvaluationResult) -> list[str]:
    return [f"warning: {line}" for line in result.warnings]


def print_result(result: EvaluationResult, console: Console | None = None) -> None:
    """Print the headline, skills, uncertainty and resolved-input tables."""
    console = console or Console()
    for table in (_headline_table(result), _skills_table(result), _uncertainty_table(result), _inputs_table(result)):
        if table is not None:
            console.print(table)
    for line in _warnings(result):
        console.print(line)
