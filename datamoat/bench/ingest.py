"""`datamoat bench ingest`: the task-log ingest against one DuckDB query over the file and pandas.

Each contender runs in its own child process; wall time is measured around it and peak memory is
that child's own maximum RSS (`os.wait4`). The three must produce the same per-skill aggregates.
Benchmarks print figures; they are not timed tests.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pipelines.userdata.synth import write_synthetic_tasklog

COMPARED = ["tasks", "accepted_items", "rejected_items", "rework_items", "rejection_rate", "rework_rate",
            "median_minutes_per_accepted_item", "p90_minutes_per_accepted_item", "review_time_ratio",
            "cost_per_accepted_item_usd", "effective_usd_per_hour", "weeks", "mean_workers_active_per_week",
            "mean_weekly_attrition"]

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


@dataclass
class Run:
    name: str
    seconds: float
    peak_mib: float
    aggregates: list[dict]


def run_child(name: str, code: str, *args: str) -> Run:
    """Run `code` in a fresh interpreter; its wall time, its own peak RSS, and the JSON it writes
    to the file named by its last argument."""
    with tempfile.TemporaryDirectory() as folder:
        result = Path(folder) / "result.json"
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", code, *args, str(result)])
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        output = result.read_text() if result.exists() else "null"
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{name} failed with exit code {child.returncode}")
    return Run(name, seconds, usage.ru_maxrss / 1024, json.loads(output))


def disagreements(reference: list[dict], other: list[dict], tolerance: float = 1e-6) -> list[str]:
    """Every (skill, domain, column) where two runs differ by more than a relative `tolerance`."""
    def keyed(rows):
        return {(r["skill"], r["domain"]): r for r in rows}
    ours, theirs = keyed(reference), keyed(other)
    if ours.keys() != theirs.keys():
        return [f"different skills: {sorted(ours)} vs {sorted(theirs)}"]
    found = []
    for key, row in ours.items():
        for column in COMPARED:
            a, b = row.get(column), theirs[key].get(column)
            if a is None or b is None or (isinstance(a, float) and math.isnan(a)):
                if not (a is None or (isinstance(a, float) and math.isnan(a))) or not (b is None or (isinstance(b, float) and math.isnan(b))):
                    found.append(f"{key} {column}: {a} vs {b}")
            elif not math.isclose(float(a), float(b), rel_tol=tolerance, abs_tol=1e-9):
                found.append(f"{key} {column}: {a} vs {b}")
    return found


def run_ingest_benchmark(rows: int, seed: int = 0, with_pandas: bool = True, folder: Path | None = None) -> int:
    """Generate a log, time the three contenders, check they agree and print the figures; exit code."""
    work = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="datamoat-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    log = work / f"tasklog-{rows}.csv"
    try:
        started = time.perf_counter()
        write_synthetic_tasklog(log, rows, seed)
        print(f"generated {rows:,} rows ({log.stat().st_size / 2**30:.2f} GiB CSV) in {time.perf_counter() - started:.1f} s")
        runs = [run_child("datamoat ingest (Polars streaming)", INGEST, str(log), str(work / "user")),
                run_child("DuckDB, one SQL query over the file", DUCKDB, str(log))]
        if with_pandas:
            runs.append(run_child("pandas (whole file in memory)", PANDAS, str(log)))
        print(f"{'contender':40} {'wall s':>9} {'rows/s':>14} {'peak RSS MiB':>13}")
        for run in runs:
            print(f"{run.name:40} {run.seconds:9.2f} {rows / run.seconds:14,.0f} {run.peak_mib:13,.0f}")
        ingest, duck = runs[0], runs[1]
        print(f"ingest / DuckDB direct: {ingest.seconds / duck.seconds:.2f}x (target ≤ 1.30x)")
        if with_pandas:
            print(f"pandas / ingest:        {runs[2].seconds / ingest.seconds:.2f}x (target ≥ 5x)")
        problems = [f"{run.name}: {p}" for run in runs[1:] for p in disagreements(ingest.aggregates, run.aggregates)]
        print("aggregates agree across all contenders" if not problems else "AGGREGATES DISAGREE:\n" + "\n".join(problems[:20]))
        return 1 if problems else 0
    finally:
        if folder is None:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log.unlink(missing_ok=True)
            shutil.rmtree(work / "user", ignore_errors=True)


