"""The dashboard's only door to the warehouse: cached, read-only loads keyed on the file's version."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import polars as pl
import streamlit as st

from dashboard.model.evidence import for_filter
from pipelines import queries, reader
from pipelines.paths import SOURCES_DIR, default_warehouse_path


def warehouse_path() -> Path:
    """The warehouse file the dashboard reads (`$DATAMOAT_WAREHOUSE` or data/warehouse.duckdb)."""
    return default_warehouse_path()


def user_dir() -> Path:
    """The folder of the reader's own data (`$DATAMOAT_USER_DIR`, else user/ beside the warehouse)."""
    from pipelines.userdata.paths import USER_DIR_ENV, default_user_dir

    return default_user_dir(None if os.environ.get(USER_DIR_ENV) else warehouse_path())


def sources_path() -> Path:
    """The curated CSV folder a rebuild reads (`$DATAMOAT_SOURCES` or data/sources)."""
    override = os.environ.get("DATAMOAT_SOURCES")
    return Path(override).expanduser() if override else SOURCES_DIR


def file_version(path: Path) -> str:
    """Changes whenever the file is swapped for a rewritten one (inode, mtime in ns and size)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return "missing"
    return f"{stat.st_ino}-{stat.st_mtime_ns}-{stat.st_size}"


def upstream_path() -> Path:
    """The folder of upstream snapshots a rebuild reads (`$DATAMOAT_UPSTREAM` or data/upstream)."""
    from pipelines.upstream.snapshots import default_upstream_dir

    return default_upstream_dir()


def fetch_all_upstream() -> list[str]:
    """Fetch the newest release of every upstream source (one line per source), then rebuild when anything
    changed. Offline, every source says so and nothing changes."""
    from pipelines.upstream.client import FetchSettings
    from pipelines.upstream.registry import UPSTREAM_SOURCES
    from pipelines.upstream.update import fetch_source

    lines, changed = [], False
    with st.spinner("Fetching the newest releases …"):
        for source in UPSTREAM_SOURCES.values():
            outcome = fetch_source(upstream_path(), source, FetchSettings.from_environment(timeout_seconds=20, retries=1))
            changed |= outcome.status == "new"
            if outcome.status == "offline":
                lines.append(f"{source.name}: no network — nothing fetched; the current snapshot stays.")
            else:
                lines.append(f"{source.name}: {outcome.status} — {outcome.message}")
    if changed:
        result = build_with_status("Rebuilding with the new snapshots", force=False)
        lines.append("Rebuilt the warehouse." if result is not None else "The rebuild failed; the warehouse is unchanged.")
    return lines


def warehouse_version() -> str:
    """Changes whenever the warehouse file is swapped for a rebuilt one."""
    return file_version(warehouse_path())


@st.cache_resource(show_spinner=False, max_entries=128)
def _read(name: str, path: str, version: str) -> pl.DataFrame:
    """One table, read through a short-lived read-only connection (safe for concurrent sessions).

    Kept as a resource, one frame shared by every session: Polars frames are immutable, and
    `st.cache_data` would unpickle a fresh copy on every rerun of every page.
    """
    del version  # part of the cache key only
    with reader.connect_read_only(Path(path)) as con:
        return con.sql(queries.read_table(name)).pl()


def load_table(name: str) -> pl.DataFrame:
    """One warehouse table or view as a Polars frame, reloaded when the warehouse is rebuilt."""
    return _read(name, str(warehouse_path()), warehouse_version())


@st.cache_resource(show_spinner=False, max_entries=128)
def _evidence_rows(table: str, evidence_filter: str, path: str, version: str) -> pl.DataFrame:
    return for_filter(_read(f"{table}_evidence", path, version), evidence_filter)


def load_evidence(table: str, evidence_filter: str) -> pl.DataFrame:
    """The figures of one figure table that pass an evidence filter (pages pass the sidebar's, `current_filter()`):
    the rows of `<table>_evidence` for that filter, with the columns of `<table>_cited`. The warehouse owns the rule."""
    return _evidence_rows(table, evidence_filter, str(warehouse_path()), warehouse_version())


def load_tables(names: Iterable[str]) -> dict[str, pl.DataFrame]:
    """Several tables by name, e.g. for the model."""
    return {name: load_table(name) for name in names}


@st.cache_resource(show_spinner=False, max_entries=16)
def _quotes_beside_public_rates(user: str, user_version: str, warehouse: str, version: str) -> pl.DataFrame:
    del user_version, version  # cache key only
    from dashboard.ui.user_data_view import quotes_with_public_rates

    return quotes_with_public_rates(Path(user), Path(warehouse))


def quotes_beside_public_rates() -> pl.DataFrame:
    """The reader's own quotes beside the public median posted rate, recomputed when either database changes."""
    from pipelines.userdata.paths import user_db_path

    folder = user_dir()
    return _quotes_beside_public_rates(str(folder), file_version(user_db_path(folder)), str(warehouse_path()),
                                       warehouse_version())


@st.cache_data(show_spinner=False, max_entries=8)
def _newest_run(path: str, version: str) -> datetime | None:
    del version
    with reader.connect_read_only(Path(path)) as con:
        row = con.execute(queries.NEWEST_SUCCESSFUL_RUN).fetchone()
    return row[0] if row else None


def newest_run() -> datetime | None:
    """When the newest successful build finished, or None."""
    return _newest_run(str(warehouse_path()), warehouse_version())


def age_text(moment: datetime | None, now: datetime | None = None) -> str:
    """'3 days ago', 'today' or 'unknown': how long ago a moment was, in words."""
    if moment is None:
        return "unknown"
    days = ((now or datetime.now()) - moment).days
    if days <= 0:
        return "today"
    if days < 60:
        return f"{days} day{'s' if days != 1 else ''} ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"


def clear_caches() -> None:
    """Forget every cached load and result, e.g. after a rebuild."""
    from dashboard.ui.memo import forget

    st.cache_data.clear()
    st.cache_resource.clear()
    forget()


def build_with_status(label: str, force: bool) -> object | None:
    """Run the build inside st.status with a progress bar per step; returns the BuildResult or None."""
    from pipelines.build import build
    from pipelines.problems import InvalidData, format_report

    with st.status(label, expanded=True) as status:
        bar = st.progress(0.0, text="starting")

        def report(step: str, done: int, total: int) -> None:
            bar.progress(min(done / max(total, 1), 1.0), text=f"{step} ({done}/{total})")

        try:
            result = build(warehouse_path(), sources_path(), force=force, progress=report)
        except InvalidData as error:
            status.update(label="The data did not validate; the warehouse was not changed", state="error")
            st.code(format_report(error.problems, shown=50), language=None)
            return None
        except Exception as error:  # never a traceback in the app
            status.update(label="The build failed; the warehouse was not changed", state="error")
            st.error(f"{type(error).__name__}: {error}")
            return None
        status.update(label=f"Build {result.status}", state="complete", expanded=False)
    clear_caches()
    return result


def ensure_warehouse() -> None:
    """Build the warehouse when it is missing (with visible progress), then rerun; stop on failure."""
    if warehouse_path().exists():
        return
    st.info(f"No warehouse at {warehouse_path()}; building it from the curated sources.")
    if build_with_status("Building the warehouse", force=False) is None:
        st.stop()
    st.rerun()
