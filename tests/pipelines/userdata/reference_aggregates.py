"""The per-skill aggregation as it was before the one-pass ingest (issue 15), kept verbatim as a reference.

It aggregated the rows themselves with Polars; `test_tasklog_exact` checks that the new ingest gives
the same aggregates bit for bit. Its quantiles are NumPy's own (linear) over every accepted item's duration,
an oracle apart from the ingest's count-weighted interpolation.
"""
from __future__ import annotations

import numpy as np
import polars as pl

KEYS = ["skill", "domain"]
ACCEPTED = pl.col("status") == "accepted"


def _sums(rows: pl.LazyFrame) -> pl.LazyFrame:
    return rows.group_by(KEYS).agg(
        pl.len().alias("tasks"),
        ACCEPTED.sum().alias("accepted_items"),
        (pl.col("status") == "rejected").sum().alias("rejected_items"),
        (pl.col("status") == "rework").sum().alias("rework_items"),
        pl.col("pay_usd").sum().alias("total_pay_usd"),
        pl.col("active_seconds").sum().alias("_active_seconds"),
        pl.col("active_seconds").filter(ACCEPTED).sum().alias("_accepted_active_seconds"),
        pl.col("review_seconds").fill_null(0).filter(ACCEPTED).sum().alias("_accepted_review_seconds"),
    )


def _quantiles(histogram: pl.DataFrame) -> pl.DataFrame:
    out = []
    for (skill, domain), group in histogram.sort("active_seconds").group_by(KEYS, maintain_order=True):
        values, counts = group["active_seconds"].to_numpy(), group["len"].to_numpy()
        every = np.repeat(values, counts)  # the accepted items' durations, one per item
        median, p90 = float(np.quantile(every, 0.5)), float(np.quantile(every, 0.9))
        out.append((skill, domain, median / 60, p90 / 60))
    return pl.DataFrame(out, orient="row", schema={
        "skill": pl.String, "domain": pl.String,
        "median_minutes_per_accepted_item": pl.Float64, "p90_minutes_per_accepted_item": pl.Float64})


def weekly_workers(pairs: pl.DataFrame, tasklog_id: str) -> pl.DataFrame:
    """Workers active per skill and week, and the share of them not seen the next week.

    The log's last week has no next week to look at, so its retention and attrition are empty.
    """
    active = pairs.group_by(*KEYS, "week_start").agg(pl.len().alias("workers_active"))
    next_week = pairs.with_columns((pl.col("week_start") - pl.duration(days=7)).alias("week_start"))
    retained = pairs.join(next_week, on=[*KEYS, "week_start", "worker_id"], how="semi") \
        .group_by(*KEYS, "week_start").agg(pl.len().alias("workers_retained_next_week"))
    last = pairs["week_start"].max()
    return (
        active.join(retained, on=[*KEYS, "week_start"], how="left")
        .with_columns(pl.when(pl.col("week_start") < last)
                      .then(pl.col("workers_retained_next_week").fill_null(0)).alias("workers_retained_next_week"))
        .with_columns((1 - pl.col("workers_retained_next_week") / pl.col("workers_active")).alias("attrition"))
        .select(pl.lit(tasklog_id).alias("tasklog_id"), *KEYS, "week_start", "workers_active",
                "workers_retained_next_week", "attrition")
        .sort(*KEYS, "week_start")
    )


def aggregate_tasklog(rows: pl.LazyFrame, tasklog_id: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Per-skill aggregates (the `tasklog_skill_aggregates` columns, origin excepted) and weekly workers."""
    sums, histogram, pairs = pl.collect_all([
        _sums(rows),
        rows.filter(ACCEPTED).group_by(*KEYS, "active_seconds").len(),
        rows.select(*KEYS, pl.col("started_at").dt.truncate("1w").cast(pl.Date).alias("week_start"), "worker_id").unique(),
    ], engine="streaming")
    weekly = weekly_workers(pairs, tasklog_id)
    per_week = weekly.group_by(KEYS).agg(
        pl.len().alias("weeks"),
        pl.col("workers_active").mean().alias("mean_workers_active_per_week"),
        pl.col("attrition").mean().alias("mean_weekly_attrition"),
        pl.col("workers_active").sum().alias("_worker_weeks"),
    )
    workers = pairs.group_by(KEYS).agg(pl.col("worker_id").n_unique().alias("workers"))
    hours = pl.col("_active_seconds") / 3600
    aggregates = (
        sums.join(_quantiles(histogram), on=KEYS, how="left").join(workers, on=KEYS).join(per_week, on=KEYS)
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
    return aggregates, weekly.with_columns(pl.col(pl.UInt32).cast(pl.Int64))


def _ratio(numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
    return pl.when(denominator > 0).then(numerator / denominator)
