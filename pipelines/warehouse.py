"""Writing the warehouse: a new file built beside the old one, swapped in whole, never edited in place."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from pipelines import queries
from pipelines.connection import connect_read_only


@dataclass
class RunRecord:
    """One build, as kept in `pipeline_runs`."""

    run_id: str
    started_at: datetime
    finished_at: datetime | None = None
    status: str = "running"
    only_subject: str | None = None
    forced: bool = False
    input_checksums: dict[str, str] = field(default_factory=dict)
    rows_per_table: dict[str, int] = field(default_factory=dict)
    error_summary: str | None = None
    data_diff: list[dict] = field(default_factory=list)

    def as_row(self) -> tuple:
        return (
            self.run_id, self.started_at, self.finished_at or datetime.now(), self.status,
            self.only_subject, self.forced, json.dumps(self.input_checksums, sort_keys=True),
            json.dumps(self.rows_per_table, sort_keys=True), self.error_summary, json.dumps(self.data_diff),
        )

    def as_json(self) -> str:
        return json.dumps(dict(zip(_RUN_FIELDS, self.as_row(), strict=True)), default=str)


_RUN_FIELDS = [
    "run_id", "started_at", "finished_at", "status", "only_subject", "forced",
    "input_checksums", "rows_per_table", "error_summary", "data_diff",
]


def failed_runs_log(warehouse: Path) -> Path:
    """Failed builds are logged beside the warehouse, so the warehouse itself stays untouched."""
    return warehouse.with_name(f"{warehouse.name}.failed-runs.jsonl")


def building_path(warehouse: Path) -> Path:
    return warehouse.with_name(f".{warehouse.name}.building-{os.getpid()}")


def previous_checksums(warehouse: Path) -> dict[str, str] | None:
    """The input checksums of the last successful build, or None when there is none to compare."""
    if not warehouse.exists():
        return None
    try:
        with connect_read_only(warehouse) as con:
            row = con.execute(queries.LAST_SUCCESS_CHECKSUMS).fetchone()
    except duckdb.Error:
        return None
    return json.loads(row[0]) if row else None


def record_failed_run(warehouse: Path, run: RunRecord) -> None:
    """Append a failed run to the side log; it joins `pipeline_runs` at the next successful build."""
    try:
        with failed_runs_log(warehouse).open("a", encoding="utf-8") as log:
            log.write(run.as_json() + "\n")
    except OSError:
        pass  # an unwritable folder must not hide the build's own error


def pending_failed_runs(warehouse: Path) -> list[tuple]:
    log = failed_runs_log(warehouse)
    if not log.exists():
        return []
    rows = []
    for line in log.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        rows.append(tuple(record.get(name) for name in _RUN_FIELDS))
    return rows


def write_run_history(con: duckdb.DuckDBPyConnection, has_previous: bool, warehouse: Path, run: RunRecord) -> None:
    """Carry the previous history over, add the failed runs logged since, then this run."""
    con.execute(queries.PIPELINE_RUNS_DDL)
    if has_previous:
        con.execute(f"INSERT INTO pipeline_runs {queries.select_all('pipeline_runs', 'previous')}")
    for row in pending_failed_runs(warehouse):
        con.execute(queries.INSERT_RUN, list(row))
    con.execute(queries.INSERT_RUN, list(run.as_row()))


def swap_in(new_file: Path, warehouse: Path) -> None:
    """Atomically replace the warehouse with the finished new file, then make the rename durable."""
    with new_file.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(new_file, warehouse)
    directory = os.open(warehouse.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    failed_runs_log(warehouse).unlink(missing_ok=True)


def remove_abandoned_builds(warehouse: Path) -> list[Path]:
    """Delete half-written files left by builds that were killed (their process no longer exists)."""
    removed = []
    for leftover in warehouse.parent.glob(f".{warehouse.name}.building-*"):
        pid_text = leftover.name.rsplit("-", 1)[-1].removesuffix(".wal")
        if pid_text.isdigit() and not process_alive(int(pid_text)):
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return removed


def process_alive(pid: int) -> bool:
    """Whether a process with this id still runs (one we may not signal runs too)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def discard(new_file: Path) -> None:
    for leftover in (new_file, new_file.with_name(new_file.name + ".wal")):
        leftover.unlink(missing_ok=True)
