"""The build's upstream step: read each source's snapshot (unless unchanged since the last build), then
write its tables, the rejected rows, the snapshots' origin records and their rows in `sources`.

Load inputs (`load_upstream`, in the build's second thread) → write (`write_upstream_source` for each source as
soon as it is loaded, inside the new warehouse, after the curated subject tables).
"""

from __future__ import annotations

import json
import queue
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from pipelines import queries
from pipelines.diff import TableDiff, diff_table
from pipelines.handoff import previous_tables, run_on_frame
from pipelines.marts.write import marts_ready, tables_needed, write_figure_views, write_marts
from pipelines.problems import Problem
from pipelines.reader import frame_of
from pipelines.upstream.base import Parsed, Snapshot, UpstreamSource, UpstreamTable
from pipelines.upstream.loader import parse_versions
from pipelines.upstream.registry import UPSTREAM_SOURCES, UPSTREAM_TABLES
from pipelines.upstream.snapshots import CHECKSUM_PREFIX, upstream_checksums

PROVENANCE_COLUMNS = ("source_id", "upstream_file", "upstream_row", "snapshot_version", "snapshot_date")


@dataclass
class UpstreamLoad:
    """What the build read: each re-read source's parsed frames and snapshots; the sources carried over."""

    checksums: dict[str, str]
    parsed: dict[str, Parsed] = field(default_factory=dict)
    snapshots: dict[str, list[Snapshot]] = field(default_factory=dict)
    carried: set[str] = field(default_factory=set)


def load_upstream(
    upstream_dir: Path, previous: dict[str, str] | None, on_loaded: Callable[[str, UpstreamLoad], None] = lambda *_: None
) -> tuple[UpstreamLoad, list[Problem]]:
    """Parse every source whose snapshot changed since the previous build; problems make the build fail.

    `on_loaded` hears of each source, in registry order, as soon as it is parsed (or carried over, or found to have
    no snapshot), so that its tables can be written while the next one is parsed."""
    checksums = upstream_checksums(upstream_dir)
    load, problems = UpstreamLoad(checksums), []
    for name, source in UPSTREAM_SOURCES.items():
        key = f"{CHECKSUM_PREFIX}{name}"
        if previous is not None and key in checksums and previous.get(key) == checksums[key]:
            load.carried.add(name)
        elif key in checksums:  # else no snapshot: its tables are written empty
            parsed, snapshots = parse_versions(source, upstream_dir)
            problems += [Problem(f"{upstream_dir}/{name}:{p.path}", p.line, p.column, p.message) for p in parsed.problems]
            load.parsed[name], load.snapshots[name] = parsed, snapshots
        on_loaded(name, load)
    return load, problems


def diff_upstream(table: UpstreamTable, old: pl.DataFrame | None, new: pl.DataFrame, keys: list[str] | None = None) -> TableDiff:
    """Rows added, removed and changed by key, ignoring where each row sits (its snapshot, file and row number)."""
    keys = keys or list(table.key_columns)
    keep = [c for c in new.columns if c in keys or c not in PROVENANCE_COLUMNS]
    return diff_table(
        table.name, None if old is None else old.select([c for c in keep if c in old.columns]), new.select(keep), keys
    )


def _write_source_tables(con, source: UpstreamSource, load: UpstreamLoad, previous: set[str]) -> list[TableDiff]:
    diffs = []
    for table in source.tables:
        if table.derived_by_sql:
            continue
        if source.name in load.carried and table.name in previous:
            con.execute(queries.copy_from_previous(table.name))
            continue
        parsed = load.parsed.get(source.name)
        frame = parsed.frames.get(table.name, table.empty()) if parsed else table.empty()
        run_on_frame(con, frame, queries.create_upstream_table(table.name))
        old = frame_of(con, queries.select_all(table.name, "previous")) if table.name in previous else None
        diffs.append(diff_upstream(table, old, frame))
    return diffs


def _snapshot_rows(source: UpstreamSource, snapshots: list[Snapshot], parsed: Parsed) -> list[tuple]:
    rejected = {}
    for reject in parsed.rejects:
        rejected.setdefault(reject.snapshot, set()).add((reject.file, reject.row))
    rows = []
    for snapshot in snapshots:
        o = snapshot.origin
        files = json.dumps([f.model_dump(mode="json", exclude_none=True) for f in o.files])
        rows.append(
            (
                source.name,
                o.version,
                snapshot.source_id,
                snapshot is snapshots[-1],
                o.title,
                o.producer,
                o.url_main,
                " ".join(o.url_download),
                o.date_published,
                o.date_published_basis,
                o.date_accessed,
                o.licence.name,
                o.licence.url,
                o.citation,
                source.citation_full,
                source.source_class,
                o.obtained_by,
                files,
                o.rows,
                len(rejected.get(o.version, ())),
            )
        )
    return rows


def start_upstream(con: duckdb.DuckDBPyConnection) -> None:
    """The tables every source adds rows to: `upstream_snapshots` and `upstream_rejects`."""
    con.execute(queries.UPSTREAM_SNAPSHOTS_DDL)
    con.execute(queries.UPSTREAM_REJECTS_DDL)


def _write_registry(con, source: UpstreamSource, load: UpstreamLoad, previous: set[str]) -> None:
    """The source's rows of `upstream_snapshots` and `upstream_rejects`, and its snapshots' rows in `sources`."""
    if source.name in load.carried:
        for table in ("upstream_snapshots", "upstream_rejects"):
            if table in previous:
                con.execute(queries.copy_rows_of_sources_from_previous(table), [[source.name]])
    elif source.name in load.parsed:
        parsed = load.parsed[source.name]
        rows = _snapshot_rows(source, load.snapshots[source.name], parsed)
        if rows:
            con.execute(*queries.insert_values("upstream_snapshots", rows))
        rejects = [(source.name, r.snapshot, r.file, r.row, r.column, r.reason, r.value) for r in parsed.rejects]
        if rejects:
            con.execute(*queries.insert_values("upstream_rejects", rejects))
    con.execute(queries.UPSTREAM_SOURCE_ROWS)


def write_upstream_source(con: duckdb.DuckDBPyConnection, source: UpstreamSource, load: UpstreamLoad,
                          previous: set[str]) -> list[TableDiff]:
    """One source's tables (parsed, carried over from the previous warehouse, or empty when it has no snapshot), its
    registry rows and its snapshots as sources; the diffs of its tables (unchanged ones left out unless new).

    Their `<table>_cited` and `<table>_evidence` views come with the curated tables' (pipelines/marts/write.py)."""
    diffs = _write_source_tables(con, source, load, previous)
    for table in source.tables:
        if table.derived_by_sql and source.name in load.carried and table.name in previous:
            con.execute(queries.copy_from_previous(table.name))
        elif table.derived_by_sql:
            con.execute(queries.DERIVED_UPSTREAM_TABLES[table.name])
    _write_registry(con, source, load, previous)
    return [d for d in diffs if not d.is_empty or d.table not in previous]


def upstream_row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """The row count of `sources`, `upstream_rejects` and every upstream table, once all are written."""
    counted = ["sources", "upstream_rejects", *(t.name for s in UPSTREAM_SOURCES.values() for t in s.tables)]
    return dict(zip(counted, con.execute(queries.count_rows_of(counted)).fetchone(), strict=True))


class UpstreamReading:
    """The upstream step running in a second thread: each source as soon as it is loaded, then the whole outcome."""

    def __init__(self, pool: Executor, upstream_dir: Path, previous: dict[str, str] | None):
        self._arrived: queue.SimpleQueue = queue.SimpleQueue()
        self.future: Future[tuple[UpstreamLoad, list[Problem]]] = pool.submit(self._read, upstream_dir, previous)

    def _read(self, upstream_dir: Path, previous: dict[str, str] | None) -> tuple[UpstreamLoad, list[Problem]]:
        try:
            return load_upstream(upstream_dir, previous, lambda name, load: self._arrived.put((name, load)))
        finally:
            self._arrived.put(None)  # the end, also when loading failed (the future then holds the error)

    def loaded(self) -> Iterator[tuple[str, UpstreamLoad]]:
        while (item := self._arrived.get()) is not None:
            yield item


def write_upstream_as_loaded(con: duckdb.DuckDBPyConnection, reading: UpstreamReading, has_previous: bool,
                             progress: Callable[[str, int, int], None]) -> list[TableDiff]:
    """Each source's tables and views as soon as the second thread has loaded it, then every mart whose tables are
    now all there (the marts that read no upstream table are made already). After a source with problems nothing
    more is written: the build fails once every source has been heard of."""
    previous = previous_tables(con, has_previous)
    start_upstream(con)
    needed = tables_needed(list(UPSTREAM_TABLES))
    made, written = {name for name, tables in needed.items() if not tables}, set()
    diffs, failed = [], False
    for step, (name, load) in enumerate(reading.loaded(), start=1):
        state = "read" if name in load.parsed else "carried over" if name in load.carried else "no snapshot"
        progress(f"upstream {name} {state}", step, len(UPSTREAM_SOURCES))
        failed = failed or bool(name in load.parsed and load.parsed[name].problems)
        if failed:
            continue
        source = UPSTREAM_SOURCES[name]
        diffs += write_upstream_source(con, source, load, previous)
        write_figure_views(con, [table.name for table in source.tables])
        written |= {table.name for table in source.tables}
        ready = marts_ready(needed, written, made)
        write_marts(con, ready)
        made |= {mart.name for mart in ready}
    return diffs
