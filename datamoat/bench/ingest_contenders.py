"""The programs `datamoat bench ingest` times, each run in a fresh interpreter.

Each reads the log named by its first argument and writes the per-skill aggregates as JSON to the
file named by its last. The direct contenders compute the aggregates with no checks and write no
Parquet: they are the floor the ingest is measured against, not alternatives to it.
"""

INGEST = """
import json, sys
from pathlib import Path
from pipelines.userdata.tasklog_ingest import ingest_tasklog
result = ingest_tasklog(Path(sys.argv[1]), Path(sys.argv[2]))
Path(sys.argv[3]).write_text(json.dumps(result.aggregates.drop("tasklog_id").to_dicts(), default=str))
"""

DUCKDB = """
import json, sys, duckdb
from pipelines import queries
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
cursor = con.execute(queries.direct_tasklog_aggregates(sys.argv[1]))
names = [d[0] for d in cursor.description]
open(sys.argv[2], "w").write(json.dumps([dict(zip(names, row)) for row in cursor.fetchall()], default=str))
"""

POLARS = """
import json, sys
import polars as pl
keys = ["skill", "domain"]
numbers = ["active_seconds", "pay_usd", "review_seconds"]
schema = {name: pl.String for name in ["task_id", "project", "skill", "domain", "worker_id", "started_at", "submitted_at",
                                        "status", "reviewer_id"]} | {n: pl.Float64 for n in numbers}
names = ["task_id", "project", "skill", "domain", "worker_id", "started_at", "submitted_at", "active_seconds", "pay_usd",
         "status", "reviewer_id", "review_seconds"]
rows = pl.scan_csv(sys.argv[1], schema={n: schema[n] for n in names}).with_columns(
    pl.col("started_at").str.strptime(pl.Datetime("us"), "%Y-%m-%dT%H:%M:%S"))
accepted = pl.col("status") == "accepted"
minutes = pl.col("active_seconds").filter(accepted) / 60
per_skill = rows.group_by(keys).agg(
    pl.len().alias("tasks"), accepted.sum().alias("accepted_items"),
    (pl.col("status") == "rejected").sum().alias("rejected_items"), (pl.col("status") == "rework").sum().alias("rework_items"),
    minutes.quantile(0.5, "linear").alias("median_minutes_per_accepted_item"),
    minutes.quantile(0.9, "linear").alias("p90_minutes_per_accepted_item"),
    (pl.col("review_seconds").fill_null(0).filter(accepted).sum() / pl.col("active_seconds").filter(accepted).sum())
    .alias("review_time_ratio"),
    pl.col("pay_usd").sum().alias("total_pay_usd"), (pl.col("active_seconds").sum() / 3600).alias("active_hours"))
pairs = rows.select(*keys, pl.col("started_at").dt.truncate("1w").cast(pl.Date).alias("week_start"), "worker_id").unique()
per_skill, pairs = pl.collect_all([per_skill, pairs], engine="streaming")
active = pairs.group_by(*keys, "week_start").len("workers_active")
following = pairs.with_columns(pl.col("week_start") - pl.duration(days=7))
retained = pairs.join(following, on=[*keys, "week_start", "worker_id"], how="semi").group_by(*keys, "week_start").len("retained")
weeks = active.join(retained, on=[*keys, "week_start"], how="left").with_columns(
    (1 - pl.col("retained").fill_null(0) / pl.col("workers_active")).alias("attrition"))
last = pairs["week_start"].max()
per_week = weeks.group_by(keys).agg(pl.len().alias("weeks"),
                                    pl.col("workers_active").mean().alias("mean_workers_active_per_week"),
                                    pl.col("attrition").filter(pl.col("week_start") < last).mean().alias("mean_weekly_attrition"))
out = per_skill.join(per_week, on=keys).with_columns(
    (pl.col("rejected_items") / pl.col("tasks")).alias("rejection_rate"),
    (pl.col("rework_items") / pl.col("tasks")).alias("rework_rate"),
    (pl.col("total_pay_usd") / pl.col("accepted_items")).alias("cost_per_accepted_item_usd"),
    (pl.col("total_pay_usd") / pl.col("active_hours")).alias("effective_usd_per_hour"))
open(sys.argv[2], "w").write(json.dumps(out.to_dicts(), default=str))
"""

PANDAS = """
import json, sys
import pandas as pd
rows = pd.read_csv(sys.argv[1], parse_dates=["started_at", "submitted_at"], date_format="%Y-%m-%dT%H:%M:%S",
                   dtype={"active_seconds": "float64", "pay_usd": "float64", "review_seconds": "float64"})
rows["accepted"] = rows["status"] == "accepted"
rows["minutes"] = rows["active_seconds"] / 60
acc = rows[rows["accepted"]]
keys = ["skill", "domain"]
out = rows.groupby(keys).agg(tasks=("task_id", "size"), accepted_items=("accepted", "sum"),
                             rejected_items=("status", lambda s: (s == "rejected").sum()),
                             rework_items=("status", lambda s: (s == "rework").sum()),
                             total_pay_usd=("pay_usd", "sum"), active_seconds=("active_seconds", "sum"))
a = acc.groupby(keys).agg(median_minutes_per_accepted_item=("minutes", "median"),
                          p90_minutes_per_accepted_item=("minutes", lambda s: s.quantile(0.9)),
                          acc_active=("active_seconds", "sum"), acc_review=("review_seconds", lambda s: s.fillna(0).sum()))
out = out.join(a)
out["rejection_rate"] = out["rejected_items"] / out["tasks"]
out["rework_rate"] = out["rework_items"] / out["tasks"]
out["review_time_ratio"] = out["acc_review"] / out["acc_active"]
out["cost_per_accepted_item_usd"] = out["total_pay_usd"] / out["accepted_items"]
out["effective_usd_per_hour"] = out["total_pay_usd"] / (out["active_seconds"] / 3600)
rows["week_start"] = rows["started_at"].dt.to_period("W-SUN").dt.start_time
pairs = rows[keys + ["week_start", "worker_id"]].drop_duplicates()
active = pairs.groupby(keys + ["week_start"]).size().rename("workers_active").reset_index()
following = pairs.assign(week_start=pairs["week_start"] - pd.Timedelta(days=7))
retained = pairs.merge(following, on=keys + ["week_start", "worker_id"]).groupby(keys + ["week_start"]).size()
active = active.set_index(keys + ["week_start"]).join(retained.rename("retained")).reset_index()
active["retained"] = active["retained"].fillna(0)
active["attrition"] = 1 - active["retained"] / active["workers_active"]
last = pairs["week_start"].max()
weeks = active.groupby(keys).agg(weeks=("week_start", "size"), mean_workers_active_per_week=("workers_active", "mean"))
attr = active[active["week_start"] < last].groupby(keys)["attrition"].mean().rename("mean_weekly_attrition")
out = out.join(weeks).join(attr).reset_index()
open(sys.argv[2], "w").write(json.dumps(out.to_dict(orient="records"), default=float))
"""
