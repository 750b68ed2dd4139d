"""The task-log schema: one row per task a worker started, in CSV (header row) or Parquet.

Timestamps are ISO 8601 in UTC, `YYYY-MM-DDTHH:MM:SS` (in Parquet, also a native timestamp).
`reviewer_id` and `review_seconds` are empty for a task nobody reviewed. A task id appears once
across all the files of one ingest.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S"
TIMESTAMP_CHARS = 19  # `YYYY-MM-DDTHH:MM:SS`: shorter or longer spellings are refused by every engine alike
STATUSES = ("accepted", "rejected", "rework")
MAX_NUMBER = 2**53  # seconds and dollars must stay below this; every smaller value sums exactly (exact_sums)


@dataclass(frozen=True)
class Column:
    name: str
    dtype: pl.DataType
    required: bool
    meaning: str


COLUMNS: tuple[Column, ...] = (
    Column("task_id", pl.String, True, "the task's id, unique within the log"),
    Column("project", pl.String, True, "the project the task belongs to"),
    Column("skill", pl.String, True, "the skill the item teaches (matched to a scenario's `skill`)"),
    Column("domain", pl.String, True, "taxonomy key, one of `domains` (matched to a scenario's `domain`)"),
    Column("worker_id", pl.String, True, "the expert who did the task (a pseudonymous id)"),
    Column("started_at", pl.Datetime("us"), True, "when work began, UTC, YYYY-MM-DDTHH:MM:SS"),
    Column("submitted_at", pl.Datetime("us"), True, "when the item was submitted, UTC; not before started_at"),
    Column("active_seconds", pl.Float64, True, "time actively worked, seconds, ≥ 0 and < 2^53"),
    Column("pay_usd", pl.Float64, True, "pay for the task, USD, ≥ 0 and < 2^53"),
    Column("status", pl.String, True, "accepted, rejected or rework"),
    Column("reviewer_id", pl.String, False, "who reviewed it; empty when unreviewed"),
    Column("review_seconds", pl.Float64, False, "time spent reviewing, seconds, ≥ 0 and < 2^53; empty when unreviewed"),
)
COLUMN_NAMES = [column.name for column in COLUMNS]
REQUIRED = [c.name for c in COLUMNS if c.required]
PARSED = [c.name for c in COLUMNS if c.dtype != pl.String]
NUMBERS = [c.name for c in COLUMNS if c.dtype == pl.Float64]
TIMESTAMPS = [c.name for c in COLUMNS if isinstance(c.dtype, pl.Datetime)]
TYPED_SCHEMA = {column.name: column.dtype for column in COLUMNS}
TEXT_SCHEMA = {column.name: pl.String for column in COLUMNS}


def schema_markdown() -> str:
    """The schema as a Markdown table, for the README."""
    lines = ["| column | type | required | meaning |", "|---|---|---|---|"]
    for column in COLUMNS:
        kind = {pl.String: "text", pl.Float64: "number"}.get(column.dtype, "timestamp")
        lines.append(f"| {column.name} | {kind} | {'yes' if column.required else 'no'} | {column.meaning} |")
    return "\n".join(lines)
