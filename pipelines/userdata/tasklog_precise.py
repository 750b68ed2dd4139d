"""The precise pass, run only when the one-pass ingest met a bad row: where each problem is, and
— with quarantine — which rows are kept.

Every row is read again with its file and row number, typed and checked with the Polars checks
(a bitmask per row, the text of each bad cell kept), and staged as Parquet; duplicate task ids are
found with DuckDB under a memory limit. Then the ingest is refused with a report, or the good rows
are rewritten — in the stored layout, schema columns only — and the bad ones returned with reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from pipelines import queries
from pipelines.problems import Problem
from pipelines.userdata.tasklog_checks import (
    DUPLICATE,
    FILE,
    PROBLEMS,
    ROW,
    Check,
    counts_by_check,
    reason_exprs,
    text_of,
    with_checks,
)
from pipelines.userdata.tasklog_report import InvalidTasklog, ordinal, problems_of, where
from pipelines.userdata.tasklog_schema import COLUMN_NAMES, TIMESTAMP_FORMAT
from pipelines.userdata.tasklog_sql import DUCKDB_MEMORY_LIMIT

PARTITION = ["project", "month"]
TASK_HASH = "_task_hash"


@dataclass
class Sorted:
    """The outcome of a precise pass that did not refuse: good rows in `good`, the rest described."""

    good: Path
    rows_read: int
    bad_rows: int
    counts: dict[str, int]
    quarantined: pl.DataFrame | None


def month() -> pl.Expr:
    return pl.col("started_at").dt.strftime("%Y-%m").alias("month")


def _stage(frame: pl.LazyFrame, target: Path) -> None:
    """Every row, typed and checked, with its file, row, mask and bad cells' text, partitioned by project and month."""
    task_hash = pl.when(pl.col("task_id").is_not_null()).then(pl.col("task_id").hash()).alias(TASK_HASH)
    frame.with_columns(month(), task_hash).sink_parquet(
        pl.PartitionBy(target, key=PARTITION, include_key=False), mkdir=True, maintain_order=False, engine="streaming")


def _staged(target: Path) -> pl.LazyFrame:
    return pl.scan_parquet(target / "**" / "*.parquet", hive_partitioning=True,
                           hive_schema={"project": pl.String, "month": pl.String})


def _duplicates(target: Path, scratch: Path) -> pl.DataFrame:
    """Every later copy of a task id: its file, row and problems, and the place of the first copy.

    DuckDB groups the 64-bit hashes of every task id under a memory limit, spilling to disk; only rows
    whose hash repeats are then compared by their actual ids.
    """
    config = {"memory_limit": DUCKDB_MEMORY_LIMIT, "temp_directory": str(scratch / "duckdb-spill"),
              "preserve_insertion_order": False}
    with duckdb.connect(config=config) as con:
        con.execute("SET enable_progress_bar = false")
        hashes = [row[0] for row in con.execute(queries.repeated_task_hashes(str(target / "**" / "*.parquet"))).fetchall()]
    candidates = (_staged(target).filter(pl.col(TASK_HASH).is_in(pl.Series(hashes, dtype=pl.UInt64).implode()))
                  .select("task_id", FILE, ROW, PROBLEMS).collect(engine="streaming"))
    return (candidates.with_columns(ordinal().min().over("task_id").alias("_first"))
            .filter(ordinal() != pl.col("_first")).select("task_id", FILE, ROW, "_first", PROBLEMS).sort(FILE, ROW))


def _problem_rows(target: Path, limit: int | None) -> pl.DataFrame:
    bad = _staged(target).filter(pl.col(PROBLEMS) != 0)
    bad = bad.bottom_k(limit, by=[FILE, ROW]) if limit else bad
    return bad.collect(engine="streaming")


def _quarantine_frame(target: Path, duplicates: pl.DataFrame, files: list[str], tasklog_id: str,
                      checks: tuple[Check, ...]) -> pl.DataFrame:
    """Every bad row with its cells as written and its reasons, for `tasklog_quarantine`."""
    dup_reason = pl.format("task_id: {} (got '{}', expected it once; first at {})", pl.lit(DUPLICATE), pl.col("task_id"),
                           pl.col("_first_at"))
    first_at = duplicates.with_columns(pl.col("_first").map_elements(lambda o: where(files, o), return_dtype=pl.String)
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
        pl.concat_list(*reason_exprs(checks), pl.when(pl.col("_first_at").is_not_null()).then(dup_reason))
        .list.drop_nulls().list.join("; ").alias("reasons"),
    )


def _keep_good(staged: Path, final: Path, duplicates: pl.DataFrame) -> None:
    """The good rows alone, schema columns only, in the stored layout."""
    frame = (_staged(staged).join(duplicates.lazy().select(FILE, ROW), on=[FILE, ROW], how="anti")
             .filter(pl.col(PROBLEMS) == 0).select(*COLUMN_NAMES, "month"))
    frame.sink_parquet(pl.PartitionBy(final, key=PARTITION, include_key=False), mkdir=True, engine="streaming")


def precise_pass(frames: list[pl.LazyFrame], names: list[str], scratch: Path, checks: tuple[Check, ...],
                 quarantine: bool, shown: int, tasklog_id: str) -> Sorted:
    """Locate every problem in numbered scans of the files; raise InvalidTasklog, or sort good from bad."""
    staged = scratch / "checked"
    _stage(pl.concat([with_checks(frame, checks) for frame in frames], how="vertical"), staged)
    written = staged.exists() and any(staged.rglob("*.parquet"))
    masks = _staged(staged).group_by(PROBLEMS).len().collect(engine="streaming") if written else None
    rows_read = int(masks["len"].sum()) if written else 0
    if rows_read == 0:
        raise InvalidTasklog([Problem(n, 2, "", "no data rows (expected at least one task)") for n in names])
    duplicates = _duplicates(staged, scratch)
    counts = counts_by_check(masks, checks)
    if duplicates.height:
        counts[f"task_id: {DUPLICATE}"] = duplicates.height
    bad_rows = int(masks.filter(pl.col(PROBLEMS) != 0)["len"].sum()) + duplicates.filter(pl.col(PROBLEMS) == 0).height
    if bad_rows and not quarantine:
        raise InvalidTasklog(problems_of(_problem_rows(staged, shown), duplicates.head(shown), names, checks), counts)
    if rows_read == bad_rows:
        raise InvalidTasklog([Problem(n, 0, "", "every row is bad (nothing left to ingest)") for n in names], counts)
    quarantined = _quarantine_frame(staged, duplicates, names, tasklog_id, checks) if bad_rows else None
    _keep_good(staged, scratch / "good", duplicates)
    return Sorted(scratch / "good", rows_read, bad_rows, counts, quarantined)
