"""The My data page's actions, without Streamlit: store an upload, list and remove, calibrate.

An uploaded file's name is only ever shown, never used as a path: the bytes go to a temporary file
with a name of our own, and any path in a report is replaced by the name the reader gave.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl

from dashboard.model.calibrate import Provenance, calibrate, load_aggregates
from dashboard.model.scenario import Scenario
from dashboard.ui.outcome import Outcome
from dashboard.ui.uploads import Kind, UploadRejected, check_upload, display_name
from pipelines import queries
from pipelines.problems import InvalidData
from pipelines.userdata.quotes import ingest_quotes, list_quote_uploads, quotes_beside_public_rates, remove_quote_upload
from pipelines.userdata.store import read_user_table
from pipelines.userdata.tasklog_ingest import ingest_tasklog, remove_tasklog


def _with_name(report: str, temporary: Path, shown: str) -> str:
    return report.replace(str(temporary), shown).replace(temporary.name, shown)


def _store(data: bytes, kind: Kind, name: str, action) -> Outcome:
    shown = display_name(name)
    try:
        check_upload(name, data, kind)
    except UploadRejected as rejected:
        return Outcome(False, f"{shown} was not stored: {rejected.message}.")
    with tempfile.TemporaryDirectory(prefix="datamoat-upload-") as folder:
        temporary = Path(folder) / f"upload.{kind}"
        temporary.write_bytes(data)
        try:
            message, new_id = action(temporary, shown)
            return Outcome(True, message, new_id=new_id)
        except InvalidData as error:
            return Outcome.refused(_with_name(str(error), temporary, shown))


def store_quotes(name: str, data: bytes, user_dir: Path, warehouse: Path) -> Outcome:
    """Validate and store an uploaded vendor-quotes CSV as one upload."""
    def action(path: Path, shown: str) -> str:
        upload = ingest_quotes(path, user_dir, warehouse, shown_name=shown)
        return f"Stored {upload.row_count} quote(s) from {shown} as upload {upload.upload_id}.", upload.upload_id
    return _store(data, "csv", name, action)


def store_tasklog(name: str, data: bytes, user_dir: Path, quarantine: bool) -> Outcome:
    """Validate and ingest an uploaded task log (CSV or Parquet)."""
    kind: Kind = "parquet" if data[:4] == b"PAR1" else "csv"

    def action(path: Path, shown: str) -> str:
        done = ingest_tasklog(path, user_dir, quarantine=quarantine, shown_name=shown)
        kept = f"; {done.rows_quarantined:,} bad row(s) kept in quarantine" if done.rows_quarantined else ""
        return (f"Ingested {done.rows_ingested:,} of {done.rows_read:,} row(s) from {shown} as task log "
                f"{done.tasklog_id}{kept}.", done.tasklog_id)
    return _store(data, kind, name, action)


def quote_uploads(user_dir: Path) -> pl.DataFrame:
    return list_quote_uploads(user_dir)


def quotes_with_public_rates(user_dir: Path, warehouse: Path) -> pl.DataFrame:
    return quotes_beside_public_rates(user_dir, warehouse)


def tasklogs(user_dir: Path) -> pl.DataFrame:
    frame = read_user_table(user_dir, queries.LIST_TASKLOGS)
    return frame if frame is not None else pl.DataFrame()


def tasklog_aggregates(user_dir: Path, tasklog_id: str) -> pl.DataFrame:
    return load_aggregates(user_dir, tasklog_id)


def remove_quotes(user_dir: Path, upload_id: str) -> Outcome:
    try:
        removed = remove_quote_upload(user_dir, upload_id)
    except KeyError:
        return Outcome(False, f"No upload {upload_id} (already removed?).")
    return Outcome(True, f"Removed upload {upload_id} ({removed} quote(s)).")


def remove_log(user_dir: Path, tasklog_id: str) -> Outcome:
    try:
        remove_tasklog(user_dir, tasklog_id)
    except KeyError:
        return Outcome(False, f"No task log {tasklog_id} (already removed?).")
    return Outcome(True, f"Removed task log {tasklog_id}.")


def calibrated(scenario: Scenario, user_dir: Path, tasklog_id: str) -> tuple[Scenario, pl.DataFrame]:
    """The scenario with its measured inputs set from one task log, and a provenance table."""
    updated, provenance = calibrate(scenario, load_aggregates(user_dir, tasklog_id))
    return updated, provenance_frame(provenance)


def provenance_frame(provenance: dict[str, Provenance]) -> pl.DataFrame:
    rows = [{"input": path, "value": p.value, "origin": p.origin, "tasklog_id": p.tasklog_id, "note": p.note}
            for path, p in provenance.items()]
    schema = {"input": pl.String, "value": pl.Float64, "origin": pl.String, "tasklog_id": pl.String, "note": pl.String}
    return pl.DataFrame(rows, schema=schema, orient="row")
