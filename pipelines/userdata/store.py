"""The user database: every change is made on a copy beside it and swapped in whole.

A failed change leaves `user.duckdb` byte-for-byte as it was (the warehouse's write-beside-and-swap
pattern, `pipelines.warehouse`); a lock file serialises concurrent changes so none is lost.
"""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from pipelines import queries
from pipelines.handoff import run_on_frame
from pipelines.reader import frame_of
from pipelines.userdata.paths import user_db_path
from pipelines.warehouse import building_path, discard, swap_in


@contextmanager
def _locked(user_dir: Path) -> Iterator[None]:
    with (user_dir / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def changing_user_db(user_dir: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a copy of the user database; the copy replaces it only if the block succeeds."""
    user_dir = Path(user_dir)
    user_dir.mkdir(parents=True, exist_ok=True)
    with _locked(user_dir):
        database = user_db_path(user_dir)
        new_file = building_path(database)
        discard(new_file)
        try:
            if database.exists():
                shutil.copyfile(database, new_file)
            with duckdb.connect(str(new_file)) as con:
                for statement in queries.USER_DDL:
                    con.execute(statement)
                yield con
                con.execute("CHECKPOINT")
            swap_in(new_file, database)
        except BaseException:
            discard(new_file)
            raise


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Append a Polars frame whose columns follow the table's order (origin excepted)."""
    if frame.is_empty():
        return
    run_on_frame(con, frame, queries.insert_from_staged(table))


def read_user_table(user_dir: Path, sql: str, params: list | None = None) -> pl.DataFrame | None:
    """A query over the user database, or None when there is none yet."""
    database = user_db_path(user_dir)
    if not database.exists():
        return None
    with duckdb.connect(str(database), read_only=True) as con:
        return frame_of(con, sql, params)
