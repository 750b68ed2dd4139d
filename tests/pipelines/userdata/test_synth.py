"""The synthetic task log: same seed → same bytes, different seed → different; realistic shape."""

from __future__ import annotations

import polars as pl

from pipelines.userdata.synth import PROJECTS, write_synthetic_tasklog
from pipelines.userdata.tasklog_schema import COLUMN_NAMES
from tests.conftest import sha256


def test_same_seed_same_bytes_different_seed_different(tmp_path):
    for suffix in (".csv", ".parquet"):
        a = write_synthetic_tasklog(tmp_path / f"a{suffix}", 2500, seed=3, chunk_rows=1000)
        b = write_synthetic_tasklog(tmp_path / f"b{suffix}", 2500, seed=3, chunk_rows=1000)
        c = write_synthetic_tasklog(tmp_path / f"c{suffix}", 2500, seed=4, chunk_rows=1000)
        assert sha256(a) == sha256(b)
        assert sha256(a) != sha256(c)


def test_the_log_looks_like_real_work(tmp_path):
    frame = pl.read_csv(write_synthetic_tasklog(tmp_path / "s.csv", 20_000, seed=1, chunk_rows=7000), try_parse_dates=True)
    assert frame.columns == COLUMN_NAMES and frame.height == 20_000
    assert frame["task_id"].n_unique() == 20_000
    assert frame["project"].n_unique() == len(PROJECTS) and frame["skill"].n_unique() >= 5
    shares = frame["status"].value_counts(normalize=True)
    rejected = shares.filter(pl.col("status") == "rejected")["proportion"][0]
    assert 0.03 < rejected < 0.3 and set(frame["status"]) == {"accepted", "rejected", "rework"}
    assert (frame["submitted_at"] >= frame["started_at"]).all() and (frame["active_seconds"] > 0).all()
    assert frame["active_seconds"].mean() > frame["active_seconds"].median()  # right-skewed durations
    weekly = frame.group_by(pl.col("started_at").dt.truncate("1w")).agg(pl.col("worker_id").unique())
    assert weekly.height > 10  # workers spread over many weeks, joining and leaving
    assert frame["reviewer_id"].null_count() > 0 and frame["reviewer_id"].n_unique() > 10
