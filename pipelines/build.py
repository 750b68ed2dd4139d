"""The build: curated CSVs and upstream snapshots → validated frames → a new DuckDB warehouse swapped in whole.

Load inputs (checksums) → validate (curated rows, then across files) → write (new file, diff, swap). The upstream
snapshots are parsed in a second thread meanwhile, and the curated half of the new file (its tables, views and
the marts that read no upstream table) is written before waiting for them.
"""

from __future__ import annotations

import gc
import sys
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import duckdb
import polars as pl

from pipelines import queries
from pipelines.checks import cross_file_problems
from pipelines.checksums import ALWAYS_VALIDATED, input_checksums, last_build_inputs, relevant
from pipelines.diff import TableDiff, diff_table
from pipelines.handoff import previous_tables, run_on_frame
from pipelines.inputs_note import write_note
from pipelines.marts.write import finish_marts, split_marts, write_marts, write_staging
from pipelines.paths import SOURCES_DIR
from pipelines.problems import InvalidData, Problem, format_report
from pipelines.reader import frame_of
from pipelines.subjects import FIGURE_SUBJECTS, SUBJECTS
from pipelines.upstream.snapshots import SOURCE_ID_PREFIX, default_upstream_dir
from pipelines.validate import validate_file
from pipelines.warehouse import (
    RunRecord,
    building_path,
    discard,
    record_failed_run,
    remove_abandoned_builds,
    swap_in,
    write_run_history,
)

if TYPE_CHECKING:  # the upstream step is imported when a build runs, not by a no-op build
    from pipelines.upstream.build_step import UpstreamLoad, UpstreamReading

Progress = Callable[[str, int, int], None]
# The warehouse holds about sixty small tables, and each starts on a block of its own: with DuckDB's default of
# 256 KiB the file is 16 MB, with 64 KiB 5 MB, and the final checkpoint writes it about 30 % faster (measured:
# 105 → 73 ms, medians of 5). Smaller blocks made the checkpoint slower again (32 KiB: 85 ms, 16 KiB: 230 ms).
WAREHOUSE_BLOCK_BYTES = 65_536


@dataclass
class BuildResult:
    status: str  # "built" or "unchanged"
    warehouse: Path
    run_id: str | None = None
    rows_per_table: dict[str, int] = field(default_factory=dict)
    diffs: list[TableDiff] = field(default_factory=list)
    message: str = ""


def validate_subjects(sources_dir: Path, names: list[str], progress: Progress) -> tuple[dict[str, pl.DataFrame], list[Problem]]:
    """Validate each named subject's CSV, then the rules across files."""
    frames, problems, results = {}, [], {}
    for step, name in enumerate(names, start=1):
        progress(f"validate {name}", step, len(names))
        results[name] = validate_file(SUBJECTS[name], sources_dir / SUBJECTS[name].csv_name)
        problems += results[name].problems
        if results[name].frame is not None:
            frames[name] = results[name].frame
    source_ids = results["sources"].raw_values("source_id")
    domains = results["domains"].raw_values("domain")
    for name, frame in frames.items():
        problems += cross_file_problems(SUBJECTS[name], sources_dir / SUBJECTS[name].csv_name, frame, source_ids, domains)
    return frames, problems


def _previous_frame(con: duckdb.DuckDBPyConnection, table: str, has_previous: bool) -> pl.DataFrame | None:
    if table not in previous_tables(con, has_previous):
        return None
    return frame_of(con, queries.select_all(table, "previous"))


def write_tables(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame], has_previous: bool,
                 run: RunRecord) -> list[TableDiff]:
    """Create every subject table (new frames, or copies of the previous build), with its diff."""
    diffs = []
    for name, subject in SUBJECTS.items():
        if name in frames:
            run_on_frame(con, frames[name], queries.create_from_frame(name))
        else:
            con.execute(queries.copy_from_previous(name))
        old = _previous_frame(con, name, has_previous)
        if old is None:  # nothing to compare with: every row is added (a first build reads nothing back)
            diffs.append(TableDiff(name, added=frames[name].height))
            run.rows_per_table[name] = frames[name].height
            continue
        new = frame_of(con, queries.select_all(name)).drop("csv_line")
        if name == "sources":  # upstream snapshots are registered (and diffed) by the upstream step
            old = old.filter(~pl.col("source_id").str.starts_with(SOURCE_ID_PREFIX))
        diffs.append(diff_table(name, old.drop("csv_line", strict=False), new, list(subject.key_columns)))
        run.rows_per_table[name] = new.height
    return diffs


def write_warehouse(warehouse: Path, frames: dict[str, pl.DataFrame], run: RunRecord, progress: Progress,
                    reading: UpstreamReading) -> list[TableDiff]:
    """Build the new file beside the old one and swap it in only once complete.

    The curated half (subject tables, their views, the marts that read no upstream table) is written while the
    upstream snapshots are still being parsed, and each source's tables (and the marts they complete) as soon as it
    is parsed. Bad snapshots raise InvalidData once every source is read, and the new file is discarded."""
    from pipelines.upstream.build_step import upstream_row_counts, write_upstream_as_loaded
    from pipelines.upstream.registry import UPSTREAM_TABLES

    new_file = building_path(warehouse)
    remove_abandoned_builds(warehouse)
    discard(new_file)
    has_previous = warehouse.exists()
    curated_tables = [subject.name for subject in FIGURE_SUBJECTS]
    try:
        with duckdb.connect(str(new_file), config={"default_block_size": str(WAREHOUSE_BLOCK_BYTES)}) as con:
            if has_previous:
                con.execute(queries.attach_previous(str(warehouse)))
            con.execute("BEGIN TRANSACTION")  # one commit for the whole file, not one per statement
            progress("write tables", 1, 5)
            diffs = write_tables(con, frames, has_previous, run)
            progress("write marts of the curated tables", 2, 5)
            write_staging(con, curated_tables)
            write_marts(con, split_marts(list(UPSTREAM_TABLES))[0])
            progress("write upstream tables and their marts", 3, 5)
            diffs += write_upstream_as_loaded(con, reading, has_previous, progress)
            _upstream_or_fail(reading.future, warehouse, run)
            run.rows_per_table |= upstream_row_counts(con)
            con.execute(queries.create_figures_by_source_view(curated_tables + list(UPSTREAM_TABLES)))
            run.rows_per_table |= finish_marts(con)
            run.data_diff = [d.as_dict() for d in diffs if not d.is_empty]
            run.status, run.finished_at = "success", datetime.now()
            write_run_history(con, has_previous, warehouse, run)
            # With no threshold, the commit checkpoints the new tables straight into the file instead of first
            # copying every one of them into the write-ahead log (measured: about a quarter of commit + checkpoint)
            con.execute("SET checkpoint_threshold = '0b'")
            con.execute("COMMIT")
            if has_previous:
                con.execute("DETACH previous")
            progress("checkpoint", 4, 5)
            con.execute("CHECKPOINT")
        progress("swap in", 5, 5)
        swap_in(new_file, warehouse)
    except BaseException:
        discard(new_file)
        raise
    write_note(warehouse, run.input_checksums)
    return diffs


@contextmanager
def quick_gil_handoff(seconds: float = 0.0005) -> Iterator[None]:
    """Let a thread waiting for the GIL have it within `seconds` instead of Python's 5 ms: each DuckDB statement of
    the writing thread takes the GIL back when it ends, and would otherwise wait out the parsing thread's turn
    (measured: the curated half took about twice as long)."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(seconds)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the build's duration: parsing allocates many short-lived
    containers (JSON documents, rows), and each full collection would walk every object imported so far (measured:
    about 7 % of a cold build). Reference counting still frees everything that is not in a cycle; collection
    resumes at the end, unless it was already off."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _subjects_to_validate(warehouse: Path, only: str | None) -> list[str]:
    if only is None or not warehouse.exists():
        return list(SUBJECTS)
    return list(dict.fromkeys((*ALWAYS_VALIDATED, only)))


def build(
    warehouse: Path,
    sources_dir: Path = SOURCES_DIR,
    only: str | None = None,
    force: bool = False,
    progress: Progress = lambda label, done, total: None,
    upstream_dir: Path | None = None,
) -> BuildResult:
    """Rebuild the warehouse from the curated CSVs and the upstream snapshots; raises InvalidData listing every problem."""
    # Load inputs
    warehouse = Path(warehouse)
    upstream_dir = default_upstream_dir() if upstream_dir is None else Path(upstream_dir)
    checksums = input_checksums(sources_dir, upstream_dir)
    previous = last_build_inputs(warehouse)
    if not force and previous is not None and relevant(previous, only) == relevant(checksums, only):
        return BuildResult("unchanged", warehouse, message="no input changed since the last build; nothing to do")
    run = RunRecord(run_id=f"{datetime.now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}", started_at=datetime.now(),
                    only_subject=only, forced=force)
    names = _subjects_to_validate(warehouse, only)
    run.input_checksums = checksums if names == list(SUBJECTS) else {**(previous or {}), **relevant(checksums, only)}
    # Process data: the upstream snapshots are parsed in a second thread (Python-bound) while the curated CSVs are
    # validated and written (mostly inside Polars and DuckDB, which release the GIL)
    upstream_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="datamoat-upstream")
    with quick_gil_handoff(), cycle_collection_paused(), upstream_thread as pool:
        from pipelines.upstream.build_step import UpstreamReading  # imported when a build runs, not by a no-op build

        reading = UpstreamReading(pool, upstream_dir, None if force else previous)
        frames, problems = validate_subjects(sources_dir, names, progress)
        if problems:
            _fail(warehouse, run, problems + _upstream_read(reading.future, run)[1])
        # Save outputs
        try:
            diffs = write_warehouse(warehouse, frames, run, progress, reading)
        except InvalidData:
            raise
        except Exception as error:
            run.status, run.finished_at, run.error_summary = "failed", datetime.now(), _summary(error)
            record_failed_run(warehouse, run)
            raise
    return BuildResult("built", warehouse, run.run_id, run.rows_per_table, diffs)


def _summary(error: Exception) -> str:
    """The error's type and message, then any notes on it (a failing mart's name)."""
    return "; ".join([f"{type(error).__name__}: {error}", *getattr(error, "__notes__", ())])


def _upstream_read(reading: Future, run: RunRecord) -> tuple[UpstreamLoad, list[Problem]]:
    """Wait for the upstream snapshots to be parsed; their checksums join the run's inputs."""
    upstream, problems = reading.result()
    run.input_checksums.update(upstream.checksums)
    return upstream, problems


def _upstream_or_fail(reading: Future, warehouse: Path, run: RunRecord) -> None:
    """Once every source is read: fail the build when any had problems."""
    if problems := _upstream_read(reading, run)[1]:
        _fail(warehouse, run, problems)


def _fail(warehouse: Path, run: RunRecord, problems: list[Problem]) -> NoReturn:
    """Record the failed run (it joins the history at the next successful build) and raise every problem."""
    run.status, run.finished_at = "failed", datetime.now()
    run.error_summary = format_report(problems, shown=10)
    record_failed_run(warehouse, run)
    raise InvalidData(problems)
