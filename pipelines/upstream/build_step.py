"""The build's upstream step: read each source's snapshot (unless unchanged since the last build), then
write its tables, the rejected rows, the snapshots' origin records and their rows in `sources`.

Load inputs (`load_upstream`, before anything is written) → write (`write_upstream`, inside the new
warehouse, after the curated subject tables).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from pipelines import queries
from pipelines.diff import TableDiff, diff_table
from pipelines.handoff import previous_tables, staged
from pipelines.problems import Problem
from pipelines.reader import frame_of
from pipelines.upstream.base import Parsed, Snapshot, UpstreamSource, UpstreamTable
from pipelines.upstream.loader import parse_versions
from pipelines.upstream.registry import UPSTREAM_SOURCES
from pipelines.upstream.snapshots import CHECKSUM_PREFIX, upstream_checksums

PROVENANCE_COLUMNS = ("source_id", "upstream_file", "upstream_row", "snapshot_version", "snapshot_date")


@dataclass
class UpstreamLoad:
    """What the build read: each re-read source's parsed frames and snapshots; the sources carried over."""

    checksums: dict[str, str]
    parsed: dict[str, Parsed] = field(default_factory=dict)
    snapshots: dict[str, list[Snapshot]] = field(default_factory=dict)
    carried: set[str] = field(default_factory=set)


def load_upstream(upstream_dir: Path, previous: dict[str, str] | None) -> tuple[UpstreamLoad, list[Problem]]:
    """Parse every source whose snapshot changed since the previous build; problems make the build fail."""
    checksums = upstream_checksums(upstream_dir)
    load, problems = UpstreamLoad(checksums), []
    for name, source in UPSTREAM_SOURCES.items():
        key = f"{CHECKSUM_PREFIX}{name}"
        if key not in checksums:
            continue  # no snapshot: its tables are written empty
        if previous is not None and previous.get(key) == checksums[key]:
            load.carried.add(name)
            continue
        parsed, snapshots = parse_versions(source, upstream_dir)
        problems += [Problem(f"{upstream_dir}/{name}:{p.path}", p.line, p.column, p.message) for p in parsed.problems]
        load.parsed[name], load.snapshots[name] = parsed, snapshots
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
        with staged(con, frame):
            con.execute(queries.create_upstream_table(table.name))
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


def _write_registry(con, load: UpstreamLoad, previous: set[str]) -> None:
    """`upstream_snapshots` and `upstream_rejects` for every source."""
    con.execute(queries.UPSTREAM_SNAPSHOTS_DDL)
    con.execute(queries.UPSTREAM_REJECTS_DDL)
    carried = sorted(load.carried)
    for table in ("upstream_snapshots", "upstream_rejects"):
        if carried and table in previous:
            con.execute(queries.copy_rows_of_sources_from_previous(table), [carried])
    for name, source in UPSTREAM_SOURCES.items():
        if name not in load.parsed:
            continue
        parsed = load.parsed[name]
        rows = _snapshot_rows(source, load.snapshots[name], parsed)
        if rows:
            con.execute(*queries.insert_values("upstream_snapshots", rows))
        rejects = [(name, r.snapshot, r.file, r.row, r.column, r.reason, r.value) for r in parsed.rejects]
        if rejects:
            con.execute(*queries.insert_values("upstream_rejects", rejects))


def write_upstream(con: duckdb.DuckDBPyConnection, load: UpstreamLoad, has_previous: bool,
                   rows_per_table: dict[str, int]) -> list[TableDiff]:
    """Write every upstream table into the new warehouse and register the snapshots as sources.

    Their `<table>_cited` and `<table>_evidence` views come with the curated tables' (pipelines/marts/write.py).
    """
    previous = previous_tables(con, has_previous)
    diffs = []
    for source in UPSTREAM_SOURCES.values():
        diffs += _write_source_tables(con, source, load, previous)
    if "litellm-prices" in load.carried and "api_price_changes" in previous:
        con.execute(queries.copy_from_previous("api_price_changes"))
    else:
        con.execute(queries.API_PRICE_CHANGES)
    _write_registry(con, load, previous)
    con.execute(queries.UPSTREAM_SOURCE_ROWS)
    counted = ["sources", "upstream_rejects", *(t.name for s in UPSTREAM_SOURCES.values() for t in s.tables)]
    rows_per_table.update(zip(counted, con.execute(queries.count_rows_of(counted)).fetchone(), strict=True))
    return [d for d in diffs if not d.is_empty or d.table not in previous]
