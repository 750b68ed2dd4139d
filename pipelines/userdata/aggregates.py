"""Per-skill measures of a task log, finished in one place from a summary any engine computes.

An engine — DuckDB on one machine, Spark on a cluster — runs the SQL in `queries` (tasklog_skill_sums,
tasklog_accepted_durations, tasklog_weekly_workers) and returns only integers and values copied
from the data: counts, exact sums as three integer limbs, accepted items per distinct
`active_seconds`, workers per week. None of these depends on the order in which the engine met the
rows. Every floating-point operation happens here, once, in a fixed order, so any engine, thread
count or file split gives the same aggregates bit for bit.

Quantiles are exact: the median and P90 are read from the counts per distinct value with linear
interpolation — the rule of DuckDB's `quantile_cont` and Polars' "linear".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import polars as pl

KEYS = ["skill", "domain"]
SUMS = ["pay_usd", "active_seconds", "accepted_active_seconds", "accepted_review_seconds"]
LIMBS = 3


COUNTS = ["tasks", "accepted_items", "rejected_items", "rework_items", "workers"]
SKILLS_SCHEMA = {"skill": pl.String, "domain": pl.String, **{c: pl.Int64 for c in COUNTS},
                 **{f"{name}_{i}": pl.Int128 for name in SUMS for i in range(LIMBS)}}
DURATIONS_SCHEMA = {"skill": pl.String, "domain": pl.String, "active_seconds": pl.Float64, "items": pl.Int64}
WEEKS_SCHEMA = {"skill": pl.String, "domain": pl.String, "week_start": pl.Date,
                "workers_active": pl.Int64, "workers_retained_next_week": pl.Int64}


@dataclass(frozen=True)
class Summary:
    """What an engine hands back: per skill (`skills`), accepted items per duration, workers per week."""

    skills: pl.DataFrame
    durations: pl.DataFrame
    weeks: pl.DataFrame

    @classmethod
    def from_rows(cls, skills: list, durations: list, weeks: list) -> Summary:
        """From the rows of the three statements, in their column order (DECIMAL sums as int or Decimal)."""
        def frame(rows: list, schema: dict) -> pl.DataFrame:
            wide = [pl.Int128, pl.Int64]
            rows = [tuple(int(v) if kind in wide and v is not None else v for v, kind in zip(row, schema.values(), strict=True))
                    for row in rows]
            return pl.DataFrame(rows, schema=schema, orient="row")
        return cls(frame(skills, SKILLS_SCHEMA), frame(durations, DURATIONS_SCHEMA), frame(weeks, WEEKS_SCHEMA))


def exact_total(limbs: list) -> float:
    """The correctly rounded float of s0 + s1·2^-32 + s2·2^-64 (the limb sums of `queries._exact_sum`)."""
    whole, upper, lower = (int(limb or 0) for limb in limbs)
    return ((whole << 64) + (upper << 32) + lower) / (1 << 64)


def _totals(skills: pl.DataFrame) -> pl.DataFrame:
    """Counts as Int64 and each exact sum as one Float64 column."""
    totals = {name: [exact_total(list(row)) for row in skills.select(f"{name}_{i}" for i in range(LIMBS)).iter_rows()]
              for name in SUMS}
    return skills.select(*KEYS, *COUNTS).with_columns(
        pl.Series("total_pay_usd", totals["pay_usd"], pl.Float64),
        pl.Series("_active_seconds", totals["active_seconds"], pl.Float64),
        pl.Series("_accepted_active_seconds", totals["accepted_active_seconds"], pl.Float64),
        pl.Series("_accepted_review_seconds", totals["accepted_review_seconds"], pl.Float64),
    )


def quantile_linear(values: np.ndarray, counts: np.ndarray, q: float) -> float | None:
    """The q-quantile (linear interpolation) of sorted distinct `values` repeated `counts` times."""
    total = int(counts.sum())
    if total == 0:
        return None
    position = (total - 1) * q
    ends = np.cumsum(counts)
    below = values[np.searchsorted(ends, math.floor(position), side="right")]
    above = values[np.searchsorted(ends, math.ceil(position), side="right")]
    return float(below + (above - below) * (position - math.floor(position)))


def _quantiles(durations: pl.DataFrame) -> pl.DataFrame:
    out = []
    for (skill, domain), group in durations.sort(*KEYS, "active_seconds").group_by(KEYS, maintain_order=True):
        values, counts = group["active_seconds"].to_numpy(), group["items"].to_numpy()
        median, p90 = quantile_linear(values, counts, 0.5), quantile_linear(values, counts, 0.9)
        out.append((skill, domain, median / 60, p90 / 60))
    return pl.DataFrame(out, orient="row", schema={
        "skill": pl.String, "domain": pl.String,
        "median_minutes_per_accepted_item": pl.Float64, "p90_minutes_per_accepted_item": pl.Float64})


def weekly_workers(weeks: pl.DataFrame, tasklog_id: str) -> pl.DataFrame:
    """Workers active per skill and week, and the share of them not seen the next week.

    The log's last week has no next week to look at, so its retention and attrition are empty.
    """
    last = weeks["week_start"].max()
    retained = pl.col("workers_retained_next_week")
    return (
        weeks.with_columns(pl.when(pl.col("week_start") < last).then(retained).alias("workers_retained_next_week"))
        .with_columns((1 - retained / pl.col("workers_active")).alias("attrition"))
        .select(pl.lit(tasklog_id).alias("tasklog_id"), *KEYS, "week_start", "workers_active",
                "workers_retained_next_week", "attrition")
        .sort(*KEYS, "week_start")
    )


def finish(summary: Summary, tasklog_id: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Per-skill aggregates (the `tasklog_skill_aggregates` columns, origin excepted) and weekly workers."""
    sums = _totals(summary.skills)
    weekly = weekly_workers(summary.weeks, tasklog_id)
    per_week = weekly.group_by(KEYS).agg(
        pl.len().alias("weeks"),
        pl.col("workers_active").mean().alias("mean_workers_active_per_week"),
        pl.col("attrition").mean().alias("mean_weekly_attrition"),
        pl.col("workers_active").sum().alias("_worker_weeks"),
    )
    hours = pl.col("_active_seconds") / 3600
    aggregates = (
        sums.join(_quantiles(summary.durations), on=KEYS, how="left").join(per_week, on=KEYS)
        .select(
            pl.lit(tasklog_id).alias("tasklog_id"), *KEYS, "tasks", "accepted_items", "rejected_items", "rework_items",
            (pl.col("rejected_items") / pl.col("tasks")).alias("rejection_rate"),
            (pl.col("rework_items") / pl.col("tasks")).alias("rework_rate"),
            "median_minutes_per_accepted_item", "p90_minutes_per_accepted_item",
            _ratio(pl.col("_accepted_review_seconds"), pl.col("_accepted_active_seconds")).alias("review_time_ratio"),
            _ratio(pl.col("total_pay_usd"), pl.col("accepted_items")).alias("cost_per_accepted_item_usd"),
            _ratio(pl.col("total_pay_usd"), hours).alias("effective_usd_per_hour"),
            "total_pay_usd", hours.alias("active_hours"), "workers", "weeks", "mean_workers_active_per_week",
            "mean_weekly_attrition", (hours / pl.col("_worker_weeks")).alias("active_hours_per_worker_week"),
        )
        .with_columns(pl.col(pl.UInt32).cast(pl.Int64))
        .sort(KEYS)
    )
    return aggregates, weekly


def _ratio(numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
    return pl.when(denominator > 0).then(numerator / denominator)
