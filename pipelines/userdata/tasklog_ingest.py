"""`datamoat ingest tasklog`: stream task logs into Parquet and per-skill aggregates, or refuse them.

Load inputs: scan each CSV/Parquet file lazily with an explicit all-text schema.
Process data: type and check every row with Polars expressions while the streaming engine writes
them to a staging folder (hive layout project=…/month=…); find duplicate task ids with DuckDB
(which spills to disk under a memory limit); then refuse with a report, or — with quarantine —
split good rows from bad ones; aggregate the good rows per skill.
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

import duckdb
import polars as pl

from pipelines import queries
from pipelines.problems import SHOWN_PROBLEMS, InvalidData, Problem, display_path
from pipelines.userdata.aggregates import aggregate_tasklog
from pipelines.userdata.paths import staging_dir, tasklog_dir
from pipelines.userdata.store import changing_user_db, insert_frame
from pipelines.userdata.tasklog_checks import (
    DUPLICATE,
    FILE,
    PROBLEMS,
    ROW,
    counts_by_check,
    reason_exprs,
    scan_source,
    text_of,
    with_checks,
)
from pipelines.userdata.tasklog_schema import COLUMN_NAMES, TIMESTAMP_FORMAT

DUCKDB_MEMORY_LIMIT = "1GB"
SOURCE_SUFFIXES = (".csv", ".parquet")
PARTITION = ["project", "month"]
COMPRESSION = "snappy"
TASK_HASH = "_task_hash"
TASKLOG_ID = re.compile(r"^t-[0-9]{14}-[0-9a-f]{6}$")


class InvalidTasklog(InvalidData):
    """A refused task log: every problem found (the report shows the first ones) and counts per problem."""

    def __init__(self, problems: list[Problem], counts: dict[str, int] | None = None):
        super().__init__(problems)
        self.counts = counts or {}

    def __str__(self) -> str:
        shown = sorted(self.problems)[:SHOWN_PROBLEMS]
        total = max(len(self.problems), sum(self.counts.values()))
        lines = [str(problem) for problem in shown]
        if total > len(shown):
            lines.append(f"… and {total - len(shown)} more problem{'s' if total - len(shown) != 1 else ''} not shown")
        lines.append(f"{total} problem{'s' if total != 1 else ''} found; nothing was written.")
        report = "\n".join(lines)
        if not self.counts:
            return report
        tally = "\n".join(f"  {count:>12,} rows: {what}" for what, count in sorted(self.counts.items()))
        return f"{report}\nRows with each problem:\n{tally}"


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
        raise InvalidTasklog([Problem(display_path(path), 0, "", f"unknown file type {path.suffix!r} (expected .csv or .parquet)")])
    return [path]


def _scan_all(files: list[Path]) -> pl.LazyFrame:
    frames, problems = [], []
    for index, file in enumerate(files):
        frame, found = scan_source(file, index)
        problems += found
        if frame is not None:
            frames.append(with_checks(frame))
    if problems:
        raise InvalidTasklog(problems)
    return pl.concat(frames, how="vertical")


def _stage(frame: pl.LazyFrame, target: Path) -> None:
    """One streaming pass: every row, typed and checked, to Parquet partitioned by project and month.

    Row order inside a partition is not kept (`_file` and `_row` say where each row came from):
    keeping it costs a 4× slower partitioned write.
    """
    month = pl.col("started_at").dt.strftime("%Y-%m").alias("month")
    frame.with_columns(month, pl.when(pl.col("task_id").is_not_null()).then(pl.col("task_id").hash()).alias(TASK_HASH)).sink_parquet(
        pl.PartitionBy(target, key=PARTITION, include_key=False), mkdir=True, compression=COMPRESSION,
        maintain_order=False, engine="streaming")


def _staged(target: Path) -> pl.LazyFrame:
    return pl.scan_parquet(target / "**" / "*.parquet", hive_partitioning=True,
                           hive_schema={"project": pl.String, "month": pl.String})


def _duplicates(target: Path, scratch: Path) -> pl.DataFrame:
    """Every later copy of a task id: its file, row and problems, and the file and row of the first copy.

    DuckDB groups the 64-bit hashes of every task id under a memory limit, spilling to disk, so this
    scales past memory; only rows whose hash repeats are then compared by their actual ids.
    """
    config = {"memory_limit": DUCKDB_MEMORY_LIMIT, "temp_directory": str(scratch / "duckdb-spill"),
              "preserve_insertion_order": False}
    with duckdb.connect(config=config) as con:
        con.execute("SET enable_progress_bar = false")
        hashes = [row[0] for row in con.execute(queries.repeated_task_hashes(str(target / "**" / "*.parquet"))).fetchall()]
    ordinal = pl.col(FILE).cast(pl.Int64) * (1 << 40) + pl.col(ROW)
    candidates = (_staged(target).filter(pl.col(TASK_HASH).is_in(pl.Series(hashes, dtype=pl.UInt64).implode()))
                  .select("task_id", FILE, ROW, PROBLEMS).collect(engine="streaming"))
    return (candidates.with_columns(ordinal.min().over("task_id").alias("_first"))
            .filter(ordinal != pl.col("_first")).select("task_id", FILE, ROW, "_first", PROBLEMS).sort(FILE, ROW))


def _where(files: list[str], ordinal: int) -> str:
    return f"{files[ordinal >> 40]}:{ordinal & ((1 << 40) - 1)}"


def _problem_rows(target: Path, limit: int | None) -> pl.DataFrame:
    bad = _staged(target).filter(pl.col(PROBLEMS) != 0)
    bad = bad.bottom_k(limit, by=[FILE, ROW]) if limit else bad
    return bad.collect(engine="streaming")


def _problems_of(rows: pl.DataFrame, duplicates: pl.DataFrame, files: list[str]) -> list[Problem]:
    problems = []
    reasons = rows.select(FILE, ROW, pl.concat_list(reason_exprs()).list.drop_nulls().alias("_reasons"))
    for file_index, row, texts in reasons.iter_rows():
        for text in texts:
            column, message = text.split(": ", 1)
            problems.append(Problem(files[file_index], row, column, message))
    for task_id, file_index, row, first, _ in duplicates.iter_rows():
        problems.append(Problem(files[file_index], row, "task_id",
                                f"{DUPLICATE} (got {task_id!r}, expected it once; first at {_where(files, first)})"))
    return problems


def _quarantine_frame(target: Path, duplicates: pl.DataFrame, files: list[str], tasklog_id: str) -> pl.DataFrame:
    """Every bad row with its cells as written and its reasons, for `tasklog_quarantine`."""
    dup_reason = pl.format("task_id: {} (got '{}', expected it once; first at {})", pl.lit(DUPLICATE), pl.col("task_id"),
                           pl.col("_first_at"))
    first_at = duplicates.with_columns(pl.col("_first").map_elements(lambda o: _where(files, o), return_dtype=pl.String)
                                       .alias("_first_at")).select(FILE, ROW, "_first_at")
    rows = (_staged(target).join(first_at.lazy(), on=[FILE, ROW], how="left")
            .filter((pl.col(PROBLEMS) != 0) | pl.col("_first_at").is_not_null())
            .collect(engine="streaming").sort(FILE, ROW))
    cell = {name: (pl.coalesce(pl.col(text_of(name)), pl.col(name).dt.strftime(TIMESTAMP_FORMAT)) if name.endswith("_at")
                   else pl.coalesce(pl.col(text_of(name)), pl.col(name).cast(pl.String)) if text_of(name) in rows.columns
                   else pl.col(name)) for name in COLUMN_NAMES}
    return rows.select(
        pl.lit(tasklog_id).alias("tasklog_id"),
        pl.col(FILE).replace_strict(dict(enumerate(files)), return_dtype=pl.String).alias("file_name"),
        pl.col(ROW).alias("row_number"),
        *(expr.alias(name) for name, expr in cell.items()),
        pl.concat_list(*reason_exprs(), pl.when(pl.col("_first_at").is_not_null()).then(dup_reason))
        .list.drop_nulls().list.join("; ").alias("reasons"),
    )


def _keep_good(staged: Path, final: Path, duplicates: pl.DataFrame) -> None:
    """Rewrite the staged rows without the bad ones (only needed when quarantining)."""
    frame = (_staged(staged).join(duplicates.lazy().select(FILE, ROW), on=[FILE, ROW], how="anti")
             .filter(pl.col(PROBLEMS) == 0))
    frame.sink_parquet(pl.PartitionBy(final, key=PARTITION, include_key=False), mkdir=True, engine="streaming")


def _display_names(files: list[Path], root: Path) -> list[str]:
    if root.is_dir():
        return [display_path(root / f.relative_to(root)) for f in files]
    return [display_path(f) for f in files]


def ingest_tasklog(path: Path, user_dir: Path, quarantine: bool = False, shown: int = SHOWN_PROBLEMS,
                   shown_name: str | None = None) -> TasklogIngest:
    """Ingest a task-log file or folder; raises InvalidTasklog (nothing written) when any row is bad
    and `quarantine` is off. `shown_name` names an uploaded single file in reports and records."""
    # Load inputs
    path, user_dir = Path(path), Path(user_dir)
    files = source_files(path)
    names = [shown_name] if shown_name and len(files) == 1 else _display_names(files, path)
    frame = _scan_all(files)
    tasklog_id = f"t-{datetime.now():%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"
    scratch = staging_dir(user_dir)
    shutil.rmtree(scratch, ignore_errors=True)
    final = tasklog_dir(user_dir, tasklog_id)
    moved = False
    try:
        # Process data
        scratch.mkdir(parents=True)
        staged = scratch / "rows"
        _stage(frame, staged)
        written = staged.exists() and any(staged.rglob("*.parquet"))
        masks = _staged(staged).group_by(PROBLEMS).len().collect(engine="streaming") if written else None
        rows_read = int(masks["len"].sum()) if written else 0
        if rows_read == 0:
            raise InvalidTasklog([Problem(n, 2, "", "no data rows (expected at least one task)") for n in names])
        duplicates = _duplicates(staged, scratch)
        counts = counts_by_check(masks)
        if duplicates.height:
            counts[f"task_id: {DUPLICATE}"] = duplicates.height
        bad_rows = int(masks.filter(pl.col(PROBLEMS) != 0)["len"].sum()) + duplicates.filter(pl.col(PROBLEMS) == 0).height
        if bad_rows and not quarantine:
            problems = _problems_of(_problem_rows(staged, shown), duplicates.head(shown), names)
            raise InvalidTasklog(problems, counts)
        quarantined = _quarantine_frame(staged, duplicates, names, tasklog_id) if bad_rows else None
        if bad_rows:
            _keep_good(staged, scratch / "good", duplicates)
            if rows_read == bad_rows:
                raise InvalidTasklog([Problem(n, 0, "", "every row is bad (nothing left to ingest)") for n in names], counts)
            staged = scratch / "good"
        aggregates, weekly = aggregate_tasklog(_staged(staged), tasklog_id)
        # Save outputs
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, final)
        moved = True
        with changing_user_db(user_dir) as con:
            con.execute(queries.INSERT_TASKLOG, [tasklog_id, "; ".join(names), rows_read, rows_read - bad_rows, bad_rows,
                                                 datetime.now(), str(final.relative_to(user_dir))])
            insert_frame(con, "tasklog_skill_aggregates", aggregates)
            insert_frame(con, "tasklog_weekly_workers", weekly)
            if quarantined is not None:
                insert_frame(con, "tasklog_quarantine", quarantined)
    except BaseException:
        if moved:
            shutil.rmtree(final, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return TasklogIngest(tasklog_id, names, rows_read, rows_read - bad_rows, bad_rows, counts, aggregates)


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
