"""The task-log SQL (`queries.tasklog_*`) run by DuckDB over staged Parquet: checks, repeated ids, summary.

DuckDB reads the Parquet in parallel and spills its hash tables to the scratch folder past a memory
limit, so these scale past memory. The same statements run in Spark SQL (`spark_job`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipelines import queries
from pipelines.userdata.aggregates import Summary

DUCKDB_MEMORY_LIMIT = "1GB"
SOURCE = "tasklog_rows"


@contextmanager
def parquet_source(folder: Path, scratch: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A DuckDB connection with the view `tasklog_rows` over every Parquet file under `folder`."""
    config = {"memory_limit": DUCKDB_MEMORY_LIMIT, "temp_directory": str(scratch / "duckdb-spill"),
              "preserve_insertion_order": False}
    with duckdb.connect(config=config) as con:
        con.execute("SET enable_progress_bar = false")
        con.execute(queries.duckdb_tasklog_parquet_view(SOURCE, str(Path(folder) / "**" / "*.parquet")))
        yield con


def has_repeated_ids(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether any task id occurs twice (DuckDB groups short ids inline, faster than their hashes)."""
    return bool(con.execute(queries.tasklog_repeated_ids(SOURCE) + " LIMIT 1").fetchall())


def summary(con: duckdb.DuckDBPyConnection) -> Summary:
    """The exact per-skill summary that `aggregates.finish` turns into aggregates."""
    return Summary.from_rows(*(con.execute(sql).fetchall() for sql in (
        queries.tasklog_skill_sums(SOURCE), queries.tasklog_accepted_durations(SOURCE), queries.tasklog_weekly_workers(SOURCE))))
