"""`datamoat bench ingest`: the task-log ingest against direct queries over the same log.

Contenders (programs in `ingest_contenders`): the ingest of the CSV; one DuckDB query over it; one
Polars streaming query over it; pandas; and the ingest of the same log stored as Parquet. Each runs
in its own child process, `repeat` times; wall time is measured around it, peak memory is the
child's own high-water RSS (VmHWM, read by the child as it ends: a forked child's `ru_maxrss` starts
at its parent's size), its CPU time (user + system, from `os.wait4`) is reported beside it — on a
busy machine wall time mostly measures the neighbours, CPU time much less — and the medians are
reported. All must produce the
same per-skill aggregates. Benchmarks print figures; they are not timed tests.
"""

from __future__ import annotations

import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from datamoat.bench import ingest_contenders as programs
from pipelines.userdata.synth import write_synthetic_tasklog

COMPARED = ["tasks", "accepted_items", "rejected_items", "rework_items", "rejection_rate", "rework_rate",
            "median_minutes_per_accepted_item", "p90_minutes_per_accepted_item", "review_time_ratio",
            "cost_per_accepted_item_usd", "effective_usd_per_hour", "weeks", "mean_workers_active_per_week",
            "mean_weekly_attrition"]
CONTENDERS = ("ingest", "duckdb", "polars", "pandas", "parquet")
TARGET_VS_DUCKDB = 1.5
TARGET_VS_PANDAS = 4.0


@dataclass
class Run:
    name: str
    seconds: list[float]
    cpu_seconds: list[float]
    peak_mib: float
    aggregates: list[dict]

    @property
    def median_seconds(self) -> float:
        return statistics.median(self.seconds)

    @property
    def median_cpu_seconds(self) -> float:
        return statistics.median(self.cpu_seconds)


PEAK_RSS = """
import re, sys
from pathlib import Path
status = Path("/proc/self/status").read_text()
Path(sys.argv[-1] + ".rss").write_text(re.search(r"VmHWM:\\s*(\\d+) kB", status).group(1))
"""


def run_child(name: str, code: str, *args: str) -> tuple[float, float, float, list[dict]]:
    """Run `code` in a fresh interpreter: its wall time, CPU time, peak RSS in MiB, and the JSON it
    writes to the file named by its last argument."""
    with tempfile.TemporaryDirectory() as folder:
        result = Path(folder) / "result.json"
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", code + PEAK_RSS, *args, str(result)])
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"{name} failed with exit code {os.waitstatus_to_exitcode(status)}")
        peak_kib = int(Path(f"{result}.rss").read_text())
        output = result.read_text() if result.exists() else "null"
    return seconds, usage.ru_utime + usage.ru_stime, peak_kib / 1024, json.loads(output)


def run_repeated(name: str, repeat: int, code: str, *args: str, clean: Path | None = None) -> Run:
    seconds, cpu, peaks, aggregates = [], [], [], []
    for _ in range(repeat):
        if clean is not None:
            shutil.rmtree(clean, ignore_errors=True)
        wall, used, peak, aggregates = run_child(name, code, *args)
        seconds.append(wall)
        cpu.append(used)
        peaks.append(peak)
    return Run(name, seconds, cpu, max(peaks), aggregates)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


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
            if _missing(a) or _missing(b):
                if _missing(a) != _missing(b):
                    found.append(f"{key} {column}: {a} vs {b}")
            elif not math.isclose(float(a), float(b), rel_tol=tolerance, abs_tol=1e-9):
                found.append(f"{key} {column}: {a} vs {b}")
    return found


def machine() -> str:
    """The machine the figures come from, and how busy it was."""
    info = Path("/proc/cpuinfo")
    lines = info.read_text().splitlines() if info.exists() else []
    cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), platform.processor())
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB RAM, {platform.system()} {platform.release()}; load average {load}"


def _contenders(log: Path, parquet: Path, work: Path, only: tuple[str, ...]) -> dict[str, tuple]:
    table = {
        "ingest": ("datamoat ingest, CSV", programs.INGEST, str(log), str(work / "user")),
        "duckdb": ("DuckDB, one query over the CSV", programs.DUCKDB, str(log)),
        "polars": ("Polars, one streaming query", programs.POLARS, str(log)),
        "pandas": ("pandas, whole file in memory", programs.PANDAS, str(log)),
        "parquet": ("datamoat ingest, Parquet", programs.INGEST, str(parquet), str(work / "user")),
    }
    return {key: table[key] for key in CONTENDERS if key in only}


def _report(rows: int, runs: dict[str, Run]) -> None:
    print(f"{'contender':34} {'median s':>9} {'runs s':>22} {'rows/s':>12} {'CPU s':>7} {'peak RSS MiB':>13}")
    for run in runs.values():
        spread = " ".join(f"{s:.1f}" for s in run.seconds)
        print(f"{run.name:34} {run.median_seconds:9.2f} {spread:>22} {rows / run.median_seconds:12,.0f} "
              f"{run.median_cpu_seconds:7.1f} {run.peak_mib:13,.0f}")
    seconds = {key: run.median_seconds for key, run in runs.items()}
    cpu = {key: run.median_cpu_seconds for key, run in runs.items()}
    if "ingest" in cpu and "duckdb" in cpu:
        print(f"CPU time, ingest / DuckDB direct: {cpu['ingest'] / cpu['duckdb']:.2f}x")
    if "ingest" in seconds and "duckdb" in seconds:
        ratio = seconds["ingest"] / seconds["duckdb"]
        verdict = "met" if ratio <= TARGET_VS_DUCKDB else "NOT met"
        print(f"ingest / DuckDB direct:  {ratio:.2f}x (target ≤ {TARGET_VS_DUCKDB:.2f}x: {verdict})")
    if "ingest" in seconds and "polars" in seconds:
        print(f"ingest / Polars direct:  {seconds['ingest'] / seconds['polars']:.2f}x")
    if "ingest" in seconds and "pandas" in seconds:
        ratio = seconds["pandas"] / seconds["ingest"]
        verdict = "met" if ratio >= TARGET_VS_PANDAS else "NOT met"
        print(f"pandas / ingest:         {ratio:.2f}x (target ≥ {TARGET_VS_PANDAS:.0f}x: {verdict})")


def run_ingest_benchmark(rows: int, seed: int = 0, only: tuple[str, ...] = CONTENDERS, repeat: int = 1,
                         folder: Path | None = None) -> int:
    """Generate a log (CSV and Parquet), time the contenders, check they agree and print the figures; exit code."""
    work = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="datamoat-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    log, parquet = work / f"tasklog-{rows}-{seed}.csv", work / f"tasklog-{rows}-{seed}.parquet"
    try:
        started = time.perf_counter()
        for path in (log, parquet) if "parquet" in only else (log,):
            if not path.exists():
                write_synthetic_tasklog(path, rows, seed)
        print(f"log: {rows:,} rows, {log.stat().st_size / 2**30:.2f} GiB of CSV (ready in {time.perf_counter() - started:.0f} s)")
        print(f"machine: {machine()}")
        runs = {key: run_repeated(name, repeat, code, *args, clean=work / "user")
                for key, (name, code, *args) in _contenders(log, parquet, work, only).items()}
        print(f"after the runs: load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
        _report(rows, runs)
        reference = next(iter(runs.values()))
        problems = [f"{run.name}: {p}" for run in runs.values() for p in disagreements(reference.aggregates, run.aggregates)]
        print("aggregates agree across all contenders" if not problems else "AGGREGATES DISAGREE:\n" + "\n".join(problems[:20]))
        return 1 if problems else 0
    finally:
        if folder is None:
            shutil.rmtree(work, ignore_errors=True)
        else:
            shutil.rmtree(work / "user", ignore_errors=True)
