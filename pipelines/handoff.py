"""Handing a Polars frame to DuckDB: through the Arrow C stream (no pyarrow), registered under a name for one
statement's time, and the tables a previous warehouse (attached as `previous`) holds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import polars as pl

from pipelines import queries

STAGED = "staged"  # the name the statements of queries read a handed-over frame under


class ArrowStream:
    """Hands a Polars frame to DuckDB through the Arrow C stream, without importing pyarrow."""

    def __init__(self, frame: pl.DataFrame):
        self.frame = frame

    def __arrow_c_stream__(self, requested_schema: object = None) -> object:
        return self.frame.__arrow_c_stream__(requested_schema)


@contextmanager
def staged(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame, name: str = STAGED) -> Iterator[None]:
    """`frame` registered as the relation `name` inside the block, unregistered after it (also on failure)."""
    con.register(name, con.from_arrow(ArrowStream(frame)))
    try:
        yield
    finally:
        con.unregister(name)


def run_on_frame(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame, statement: str, name: str = STAGED) -> None:
    """Run one statement that reads `frame` as the relation `name`, visible to that statement only. Two calls into
    DuckDB where registering and unregistering take four: each call waits for the GIL when another thread holds it."""
    con.from_arrow(ArrowStream(frame)).query(name, statement)


def previous_tables(con: duckdb.DuckDBPyConnection, has_previous: bool) -> set[str]:
    """The tables of the previous warehouse attached as `previous` (none when there is none)."""
    return {row[0] for row in con.execute(queries.list_previous_tables()).fetchall()} if has_previous else set()
