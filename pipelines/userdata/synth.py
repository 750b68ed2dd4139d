"""A realistic synthetic task log for demos, tests and benchmarks, written in chunks.

Workers join in different weeks and leave after a geometric tenure (churn); durations are
log-normal per project and worker; rejection and rework depend on the project and the worker;
reviewers spend a share of the task's time. The same (rows, seed) gives the same bytes: the
worker pool comes from `seed`, each chunk from `(seed, chunk index)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import polars as pl

from pipelines.userdata.tasklog_schema import COLUMN_NAMES, TIMESTAMP_FORMAT

CHUNK_ROWS = 1_000_000
WEEKS = 26
FIRST_MONDAY = int(datetime(2025, 1, 6, tzinfo=UTC).timestamp())
REVIEWERS_PER_PROJECT = 8


@dataclass(frozen=True)
class Project:
    name: str
    skill: str
    domain: str
    median_minutes: float
    sigma: float
    usd_per_hour: float
    rejection: float
    rework: float
    review_ratio: float


PROJECTS = (
    Project("contracts-sft", "contract_review", "law", 45, 0.6, 120, 0.08, 0.06, 0.20),
    Project("contracts-redteam", "contract_review", "law", 30, 0.7, 130, 0.12, 0.04, 0.25),
    Project("clinical-notes", "clinical_reasoning", "medicine", 35, 0.7, 150, 0.10, 0.05, 0.25),
    Project("olympiad-proofs", "proof_writing", "mathematics", 70, 0.8, 90, 0.15, 0.08, 0.30),
    Project("code-review-rl", "code_review", "software_engineering", 30, 0.6, 80, 0.06, 0.07, 0.15),
    Project("fin-models", "financial_modeling", "finance", 55, 0.7, 110, 0.09, 0.05, 0.20),
    Project("retrosynthesis", "synthesis_planning", "chemistry", 60, 0.75, 95, 0.12, 0.06, 0.25),
)


@dataclass(frozen=True)
class Workers:
    project: np.ndarray
    start_week: np.ndarray
    tenure_weeks: np.ndarray
    speed: np.ndarray
    quality: np.ndarray
    rate: np.ndarray


def make_workers(rows: int, seed: int) -> Workers:
    """One pool per log: each worker's home project, first week, tenure and personal factors."""
    rng = np.random.default_rng([seed, 0xC0FFEE])
    count = int(min(max(30, rows // 400), 250_000))
    return Workers(
        project=rng.integers(0, len(PROJECTS), count),
        start_week=rng.integers(0, WEEKS, count),
        tenure_weeks=rng.geometric(0.12, count),
        speed=rng.lognormal(0.0, 0.25, count),
        quality=rng.lognormal(0.0, 0.4, count),
        rate=rng.lognormal(0.0, 0.15, count),
    )


def _per_project(values: list[float], index: np.ndarray) -> np.ndarray:
    return np.asarray(values)[index]


def make_chunk(first_row: int, size: int, workers: Workers, seed: int, chunk_index: int) -> pl.DataFrame:
    """`size` tasks numbered from `first_row`, as a typed frame in the task-log column order."""
    rng = np.random.default_rng([seed, chunk_index])
    worker = rng.integers(0, workers.project.size, size)
    project = workers.project[worker]
    week = np.minimum(workers.start_week[worker] + (rng.random(size) * workers.tenure_weeks[worker]).astype(np.int64), WEEKS - 1)
    started = FIRST_MONDAY + week * 7 * 86_400 + rng.integers(0, 7 * 86_400, size)
    median = _per_project([p.median_minutes * 60 for p in PROJECTS], project)
    sigma = _per_project([p.sigma for p in PROJECTS], project)
    active = np.maximum(1, np.round(np.exp(np.log(median) + sigma * rng.standard_normal(size)) * workers.speed[worker]))
    submitted = started + active.astype(np.int64) + np.round(rng.lognormal(np.log(120), 1.0, size)).astype(np.int64)
    pay = np.round(active / 3600 * _per_project([p.usd_per_hour for p in PROJECTS], project) * workers.rate[worker], 2)
    reject = np.minimum(_per_project([p.rejection for p in PROJECTS], project) * workers.quality[worker], 0.9)
    rework = _per_project([p.rework for p in PROJECTS], project)
    draw = rng.random(size)
    status = np.where(draw < reject, 1, np.where(draw < reject + rework, 2, 0))
    reviewed = (status != 0) | (rng.random(size) < 0.95)
    reviewer = project * 100 + rng.integers(0, REVIEWERS_PER_PROJECT, size)
    review = np.round(active * _per_project([p.review_ratio for p in PROJECTS], project) * rng.lognormal(0, 0.3, size))
    names = {"project": [p.name for p in PROJECTS], "skill": [p.skill for p in PROJECTS], "domain": [p.domain for p in PROJECTS]}
    frame = pl.DataFrame({
        "_row": np.arange(first_row, first_row + size), "_project": project, "_worker": worker,
        "started_at": started, "submitted_at": submitted, "active_seconds": active.astype(np.int64), "pay_usd": pay,
        "_status": status, "_reviewer": np.where(reviewed, reviewer, -1),
        "_review": np.where(reviewed, review, -1).astype(np.int64),
    })
    return frame.select(
        ("T" + pl.col("_row").cast(pl.String).str.zfill(10)).alias("task_id"),
        *(pl.col("_project").replace_strict(dict(enumerate(values)), return_dtype=pl.String).alias(key)
          for key, values in names.items()),
        ("W" + pl.col("_worker").cast(pl.String).str.zfill(6)).alias("worker_id"),
        pl.from_epoch("started_at", "s").cast(pl.Datetime("us")),
        pl.from_epoch("submitted_at", "s").cast(pl.Datetime("us")),
        "active_seconds", "pay_usd",
        pl.col("_status").replace_strict({0: "accepted", 1: "rejected", 2: "rework"}, return_dtype=pl.String).alias("status"),
        pl.when(pl.col("_reviewer") >= 0).then("R" + pl.col("_reviewer").cast(pl.String).str.zfill(4)).alias("reviewer_id"),
        pl.when(pl.col("_review") >= 0).then(pl.col("_review")).alias("review_seconds"),
    ).select(COLUMN_NAMES)


def write_synthetic_tasklog(path: Path, rows: int, seed: int = 0, chunk_rows: int = CHUNK_ROWS) -> Path:
    """Write `rows` tasks to `path` (.csv or .parquet) chunk by chunk; never holds the whole log."""
    path = Path(path)
    if path.suffix not in (".csv", ".parquet"):
        raise ValueError(f"unknown output type {path.suffix!r} (expected .csv or .parquet)")
    path.parent.mkdir(parents=True, exist_ok=True)
    workers = make_workers(rows, seed)
    chunks = ((start, min(chunk_rows, rows - start), index) for index, start in enumerate(range(0, rows, chunk_rows)))
    if path.suffix == ".csv":
        with path.open("wb") as handle:
            if rows == 0:
                handle.write((",".join(COLUMN_NAMES) + "\n").encode())
            for start, size, index in chunks:
                make_chunk(start, size, workers, seed, index).write_csv(
                    handle, include_header=start == 0, datetime_format=TIMESTAMP_FORMAT)
        return path
    import pyarrow.parquet as pq

    writer = None
    try:
        for start, size, index in chunks:
            table = make_chunk(start, size, workers, seed, index).to_arrow()
            writer = writer or pq.ParquetWriter(str(path), table.schema, compression="zstd")
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
    return path
