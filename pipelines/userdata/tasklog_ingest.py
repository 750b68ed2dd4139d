"""`datamoat ingest tasklog`: task logs into partitioned Parquet and per-skill aggregates, or refused whole.

Load inputs: scan each CSV/Parquet file lazily, every column as text (the header checked first).
Process data — one pass over the input: Polars' streaming engine types and checks every row with
vectorised expressions and writes it to staging Parquet partitioned project=…/month=…, a bad row to
month=invalid; DuckDB then looks for repeated task ids and computes the exact per-skill summary
(`queries.tasklog_*`) over that fresh Parquet, which it reads far faster than the CSV. Only when a
row is bad does the precise pass (`tasklog_precise`) read the input again to say where, and refuse
with a report or — with quarantine — split good rows from bad ones.
Save outputs: move the Parquet into `tasklogs/tasklog_id=…/` and swap in a new user database.
A refused or failed ingest leaves the user database byte-for-byte unchanged and no Parquet behind.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import polars as pl

from pipelines import queries
from pipelines.problems import SHOWN_PROBLEMS, Problem, display_path
from pipelines.userdata import tasklog_sql
from pipelines.userdata.aggregates import Summary, finish
from pipelines.userdata.paths import staging_dir, tasklog_dir
from pipelines.userdata.quotes import known_domains
from pipelines.userdata.store import changing_user_db, insert_frame
from pipelines.userdata.tasklog_checks import BAD, checked_rows, checks_for, scan_source
from pipelines.userdata.tasklog_precise import PARTITION, Sorted, month, precise_pass
from pipelines.userdata.tasklog_report import InvalidTasklog

__all__ = ["InvalidTasklog", "TasklogIngest", "ingest_tasklog", "new_tasklog_id", "remove_tasklog", "source_files"]

SOURCE_SUFFIXES = (".csv", ".parquet")
COMPRESSION = "snappy"
WRITE_STATISTICS = False  # min/max per column chunk cost ~10% of the ingest; the folders prune by project and month
INVALID_MONTH = "invalid"  # the staging partition of bad rows; a real month is YYYY-MM
TASKLOG_ID = re.compile(r"^t-[0-9]{14}-[0-9a-f]{6}$")


@dataclass
class TasklogIngest:
    tasklog_id: str
    files: list[str]
    rows_read: int
    rows_ingested: int
    rows_quarantined: int
    counts: dict[str, int] = field(default_factory=dict)
    aggregates: pl.DataFrame | None = None


def source_files(path: Path) -> list[Path]:
    """The file itself, or every .csv and .parquet file under a folder, in name order."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SOURCE_SUFFIXES
                       and not any(part.startswith(".") for part in p.relative_to(path).parts))
        if not files:
            raise InvalidTasklog([Problem(display_path(path), 0, "", "no .csv or .parquet files in the folder")])
        return files
    if not path.exists():
        raise InvalidTasklog([Problem(display_path(path), 0, "", "file not found (expected a task log)")])
    if path.suffix not in SOURCE_SUFFIXES:
        problem = f"unknown file type {path.suffix!r} (expected .csv or .parquet)"
        raise InvalidTasklog([Problem(display_path(path), 0, "", problem)])
    return [path]


def new_tasklog_id() -> str:
    return f"t-{datetime.now():%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"


def _scan_all(files: list[Path], numbered: bool) -> list[pl.LazyFrame]:
    frames, problems = [], []
    for index, file in enumerate(files):
        frame, found = scan_source(file, index, numbered)
        problems += found
        if frame is not None:
            frames.append(frame)
    if problems:
        raise InvalidTasklog(problems)
    return frames


def _display_names(files: list[Path], root: Path) -> list[str]:
    if root.is_dir():
        return [display_path(root / f.relative_to(root)) for f in files]
    return [display_path(f) for f in files]


def _stage(frames: list[pl.LazyFrame], target: Path, domains: set[str]) -> None:
    """The one read of the input: every row typed, checked and written, partitioned by project and
    month — a bad row under month=invalid. Row order inside a partition is not kept (keeping it costs a
    much slower partitioned write)."""
    rows = pl.concat([checked_rows(frame, domains) for frame in frames], how="vertical")
    partition = pl.when(pl.col(BAD)).then(pl.lit(INVALID_MONTH)).otherwise(month()).alias("month")
    rows.with_columns(partition).drop(BAD).sink_parquet(
        pl.PartitionBy(target, key=PARTITION, include_key=False), mkdir=True, compression=COMPRESSION,
        statistics=WRITE_STATISTICS, maintain_order=False, engine="streaming")


def _has_bad_rows(staged: Path) -> bool:
    return any(folder.name == f"month={INVALID_MONTH}" for folder in staged.glob("*/*"))


def _one_pass(frames: list[pl.LazyFrame], staged: Path, scratch: Path, domains: set[str]) -> tuple[bool, Summary | None]:
    """Whether any row was read, and the summary — or None when a row is bad or a task id repeats."""
    _stage(frames, staged, domains)
    if not (staged.exists() and any(staged.rglob("*.parquet"))):
        return False, None
    if _has_bad_rows(staged):
        return True, None
    with tasklog_sql.parquet_source(staged, scratch) as con:
        return True, None if tasklog_sql.has_repeated_ids(con) else tasklog_sql.summary(con)


def _summary_of(folder: Path, scratch: Path) -> Summary:
    with tasklog_sql.parquet_source(folder, scratch) as con:
        return tasklog_sql.summary(con)


def ingest_tasklog(path: Path, user_dir: Path, quarantine: bool = False, shown: int = SHOWN_PROBLEMS,
                   shown_name: str | None = None, warehouse: Path | None = None) -> TasklogIngest:
    """Ingest a task-log file or folder; raises InvalidTasklog (nothing written) when any row is bad
    and `quarantine` is off. `shown_name` names an uploaded single file in reports and records;
    `warehouse` gives the known domains (else data/sources/domains.csv)."""
    # Load inputs
    path, user_dir = Path(path), Path(user_dir)
    files = source_files(path)
    names = [shown_name] if shown_name and len(files) == 1 else _display_names(files, path)
    frames = _scan_all(files, numbered=False)
    domains, registry = known_domains(warehouse)
    checks = checks_for(domains, registry)
    tasklog_id = new_tasklog_id()
    scratch = staging_dir(user_dir)
    shutil.rmtree(scratch, ignore_errors=True)
    final = tasklog_dir(user_dir, tasklog_id)
    moved = False
    try:
        # Process data
        scratch.mkdir(parents=True)
        staged = scratch / "rows"
        read, summary = _one_pass(frames, staged, scratch, domains)
        if not read:
            raise InvalidTasklog([Problem(n, 2, "", "no data rows (expected at least one task)") for n in names])
        if summary is None:
            shutil.rmtree(staged, ignore_errors=True)
            outcome = precise_pass(_scan_all(files, numbered=True), names, scratch, checks, quarantine, shown, tasklog_id)
            summary = _summary_of(outcome.good, scratch)
        else:
            outcome = Sorted(staged, int(summary.skills["tasks"].sum()), 0, {}, None)
        aggregates, weekly = finish(summary, tasklog_id)
        # Save outputs
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(outcome.good, final)
        moved = True
        with changing_user_db(user_dir) as con:
            con.execute(queries.INSERT_TASKLOG, [tasklog_id, "; ".join(names), outcome.rows_read,
                                                 outcome.rows_read - outcome.bad_rows, outcome.bad_rows,
                                                 datetime.now(), str(final.relative_to(user_dir))])
            insert_frame(con, "tasklog_skill_aggregates", aggregates)
            insert_frame(con, "tasklog_weekly_workers", weekly)
            if outcome.quarantined is not None:
                insert_frame(con, "tasklog_quarantine", outcome.quarantined)
    except BaseException:
        if moved:
            shutil.rmtree(final, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return TasklogIngest(tasklog_id, names, outcome.rows_read, outcome.rows_read - outcome.bad_rows, outcome.bad_rows,
                         outcome.counts, aggregates)


def remove_tasklog(user_dir: Path, tasklog_id: str) -> None:
    """Remove one ingest's aggregates, quarantine and Parquet; KeyError when no such ingest."""
    if not TASKLOG_ID.match(tasklog_id):
        raise KeyError(tasklog_id)
    with changing_user_db(user_dir) as con:
        if con.execute(queries.COUNT_TASKLOG, [tasklog_id]).fetchone()[0] == 0:
            raise KeyError(tasklog_id)
        for statement in queries.DELETE_TASKLOG:
            con.execute(statement, [tasklog_id])
    shutil.rmtree(tasklog_dir(user_dir, tasklog_id), ignore_errors=True)
