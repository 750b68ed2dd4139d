"""Read-only access to a built warehouse, for the model and the dashboard."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb
import polars as pl

from pipelines import queries
from pipelines.connection import connect_read_only

_POLARS_OF_DUCKDB = {
    "BIGINT": pl.Int64, "INTEGER": pl.Int64, "HUGEINT": pl.Float64, "DOUBLE": pl.Float64, "FLOAT": pl.Float64,
    "VARCHAR": pl.String, "DATE": pl.Date, "TIMESTAMP": pl.Datetime("us"), "BOOLEAN": pl.Boolean,
}


def frame_of(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pl.DataFrame:
    """A query's result as a Polars frame with dtypes taken from DuckDB's column types.

    Rows are fetched as Python values: the tables are small, and this path needs neither pyarrow
    nor the Arrow stream hand-off (whose objects DuckDB 2.0 reports as leaked at exit).
    """
    cursor = con.execute(sql, params or [])
    schema = {name: _POLARS_OF_DUCKDB.get(str(kind).upper(), pl.String) for name, kind, *_ in cursor.description}
    return pl.DataFrame(cursor.fetchall(), schema=schema, orient="row")


def load_tables(warehouse_path: Path, names: Iterable[str]) -> dict[str, pl.DataFrame]:
    """Each named table as a Polars frame, read in one connection."""
    with connect_read_only(warehouse_path) as con:
        return {name: frame_of(con, queries.select_all(name)) for name in names}
