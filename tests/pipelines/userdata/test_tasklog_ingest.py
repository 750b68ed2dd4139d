"""Task-log ingest: aggregates against an independent computation, bad rows, quarantine, folders, Parquet."""

from __future__ import annotations

import csv
import shutil
import statistics
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines import queries
from pipelines.userdata.paths import tasklog_dir, tasklogs_dir, user_db_path
from pipelines.userdata.store import read_user_table
from pipelines.userdata.synth import write_synthetic_tasklog
from pipelines.userdata.tasklog_ingest import InvalidTasklog, ingest_tasklog, remove_tasklog
from tests.conftest import GOOD_ROW, good_rows, sha256, write_log


def _by_skill(frame: pl.DataFrame) -> dict[str, dict]:
    return {row["skill"]: row for row in frame.iter_rows(named=True)}


def test_tiny_log_by_hand_arithmetic(tiny_log, user_dir):
    result = ingest_tasklog(tiny_log, user_dir)
    law = _by_skill(result.aggregates)["contract_review"]
    assert (law["tasks"], law["accepted_items"], law["rejected_items"], law["rework_items"]) == (5, 3, 1, 1)
    assert law["rejection_rate"] == pytest.approx(0.2) and law["rework_rate"] == pytest.approx(0.2)
    assert law["median_minutes_per_accepted_item"] == pytest.approx(40)  # 50, 40, 20 minutes
    assert law["p90_minutes_per_accepted_item"] == pytest.approx(48)  # 40 + 0.8 × (50 − 40)
    assert law["review_time_ratio"] == pytest.approx(720 / 6600)  # unreviewed t3 counts 0 review seconds
    assert law["cost_per_accepted_item_usd"] == pytest.approx(200 / 3)
    assert law["effective_usd_per_hour"] == pytest.approx(60)  # $200 over 12,000 s
    assert law["workers"] == 3 and law["weeks"] == 2 and law["mean_workers_active_per_week"] == 2
    assert law["mean_weekly_attrition"] == pytest.approx(0.75)  # week 1: w1 gone (1/2); week 2: both gone
    assert law["active_hours_per_worker_week"] == pytest.approx(12000 / 3600 / 4)
    maths = _by_skill(result.aggregates)["proof_writing"]
    assert maths["mean_weekly_attrition"] == 1.0 and maths["weeks"] == 2  # the log's last week has no attrition
    weekly = read_user_table(user_dir, queries.TASKLOG_WEEKLY, [result.tasklog_id])
    last = weekly.filter(pl.col("week_start") == pl.date(2025, 2, 3))
    assert last["attrition"].to_list() == [None]


def _reference(path: Path) -> dict[tuple[str, str], dict]:
    """Per-skill aggregates with the csv and statistics modules: an independent computation."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            groups[(row["skill"], row["domain"])].append(row)
    week_of = lambda row: (datetime.fromisoformat(row["started_at"]).date()
                           - timedelta(days=datetime.fromisoformat(row["started_at"]).weekday()))
    last_week = max(week_of(r) for rows in groups.values() for r in rows)
    out = {}
    for key, rows in groups.items():
        accepted = [r for r in rows if r["status"] == "accepted"]
        minutes = sorted(float(r["active_seconds"]) / 60 for r in accepted)
        pay = sum(float(r["pay_usd"]) for r in rows)
        active = sum(float(r["active_seconds"]) for r in rows)
        workers_by_week: dict = defaultdict(set)
        for r in rows:
            workers_by_week[week_of(r)].add(r["worker_id"])
        attrition = [1 - len(ws & workers_by_week.get(w + timedelta(days=7), set())) / len(ws)
                     for w, ws in workers_by_week.items() if w < last_week]
        out[key] = {
            "tasks": len(rows), "accepted_items": len(accepted),
            "rejection_rate": sum(r["status"] == "rejected" for r in rows) / len(rows),
            "rework_rate": sum(r["status"] == "rework" for r in rows) / len(rows),
            "median_minutes_per_accepted_item": statistics.median(minutes),
            "p90_minutes_per_accepted_item": statistics.quantiles(minutes, n=10, method="inclusive")[8],
            "review_time_ratio": sum(float(r["review_seconds"] or 0) for r in accepted)
            / sum(float(r["active_seconds"]) for r in accepted),
            "cost_per_accepted_item_usd": pay / len(accepted), "effective_usd_per_hour": pay / (active / 3600),
            "workers": len({r["worker_id"] for r in rows}), "weeks": len(workers_by_week),
            "mean_workers_active_per_week": statistics.mean(len(ws) for ws in workers_by_week.values()),
            "mean_weekly_attrition": statistics.mean(attrition) if attrition else None,
        }
    return out


def test_aggregates_match_an_independent_computation(tmp_path, user_dir):
    log = write_synthetic_tasklog(tmp_path / "synth.csv", 4000, seed=11)
    result = ingest_tasklog(log, user_dir)
    expected = _reference(log)
    got = {(r["skill"], r["domain"]): r for r in result.aggregates.iter_rows(named=True)}
    assert got.keys() == expected.keys() and len(got) >= 5
    for key, values in expected.items():
        for column, value in values.items():
            assert got[key][column] == pytest.approx(value, rel=1e-9), (key, column)


def test_aggregates_match_duckdb_over_the_stored_parquet(tmp_path, user_dir):
    log = write_synthetic_tasklog(tmp_path / "synth.csv", 3000, seed=5)
    result = ingest_tasklog(log, user_dir)
    parquet = sorted(tasklog_dir(user_dir, result.tasklog_id).glob("project=*/month=*/*.parquet"))
    assert parquet, "raw rows are kept as Parquet in a project=…/month=… layout"
    glob = str(tasklogs_dir(user_dir) / "*" / "*" / "*" / "*.parquet")
    rows = f"read_parquet('{glob}', hive_partitioning = true)"
    stored = duckdb.sql(f"SELECT count(*), count(DISTINCT task_id), count(DISTINCT tasklog_id) FROM {rows}").fetchall()[0]
    assert stored == (3000, 3000, 1)
    projects = duckdb.sql(f"SELECT count(*) FROM {rows} WHERE project = 'clinical-notes' AND month = '2025-03'").fetchall()[0][0]
    with log.open() as handle:
        expected = sum(1 for r in csv.DictReader(handle)
                       if r["project"] == "clinical-notes" and r["started_at"].startswith("2025-03"))
    assert projects == expected > 0


BAD_CASES = [
    ("started_at", "2025-13-45T00:00:00", "started_at", "unparseable timestamp (got '2025-13-45T00:00:00'"),
    ("submitted_at", "yesterday", "submitted_at", "unparseable timestamp (got 'yesterday'"),
    ("submitted_at", "2025-01-06T08:00:00", "submitted_at", "submitted before started"),
    ("active_seconds", "-5", "active_seconds", "negative value (got '-5'"),
    ("review_seconds", "-1", "review_seconds", "negative value (got '-1'"),
    ("pay_usd", "-0.01", "pay_usd", "negative value (got '-0.01'"),
    ("pay_usd", "ten", "pay_usd", "wrong type (got 'ten'"),
    ("status", "approved", "status", "unknown value (got 'approved'"),
    ("task_id", "", "task_id", "missing value"),
    ("worker_id", "", "worker_id", "missing value"),
    ("task_id", "t1", "task_id", "duplicate task id (got 't1', expected it once; first at "),
]
COLUMNS = GOOD_ROW.split(",")


def _bad_row(column: str, value: str, n: int) -> str:
    from pipelines.userdata.tasklog_schema import COLUMN_NAMES

    cells = GOOD_ROW.format(n=n).split(",")
    cells[COLUMN_NAMES.index(column)] = value
    return ",".join(cells)


@pytest.mark.parametrize(("column", "value", "reported", "fragment"), BAD_CASES)
def test_each_bad_row_kind_is_refused_with_its_report(tmp_path, tiny_log, user_dir, column, value, reported, fragment):
    ingest_tasklog(tiny_log, user_dir)
    before = sha256(user_db_path(user_dir))
    parquet_before = sorted(tasklogs_dir(user_dir).rglob("*"))
    rows = good_rows(6)
    rows[3] = _bad_row(column, value, 4)  # data row 4 is on line 5
    log = write_log(tmp_path / "bad.csv", rows)
    with pytest.raises(InvalidTasklog) as caught:
        ingest_tasklog(log, user_dir)
    problems = caught.value.problems
    assert [(p.line, p.column) for p in problems] == [(5, reported)]
    assert str(problems[0]).startswith(f"{log}:5: {reported}: ") and fragment in str(problems[0])
    assert sum(caught.value.counts.values()) == 1
    assert sha256(user_db_path(user_dir)) == before
    assert sorted(tasklogs_dir(user_dir).rglob("*")) == parquet_before
    assert not list(user_dir.glob(".staging-*"))


def test_row_numbers_are_right_deep_in_a_large_file(tmp_path, user_dir):
    rows = good_rows(120_000)
    rows[99_998] = _bad_row("status", "??", 99_999)  # line 100,000
    with pytest.raises(InvalidTasklog) as caught:
        ingest_tasklog(write_log(tmp_path / "big.csv", rows), user_dir)
    assert [(p.line, p.column) for p in caught.value.problems] == [(100_000, "status")]
    assert not user_db_path(user_dir).exists()


def test_report_is_capped_with_counts_per_problem(tmp_path, user_dir):
    rows = good_rows(200)
    for i in range(0, 200, 2):
        rows[i] = _bad_row("pay_usd", "-1", i + 1)
    rows[1] = _bad_row("status", "x", 2)
    with pytest.raises(InvalidTasklog) as caught:
        ingest_tasklog(write_log(tmp_path / "many.csv", rows), user_dir, shown=50)
    text = str(caught.value)
    assert "more problems not shown" in text
    assert caught.value.counts == {"pay_usd: negative value": 100, "status: unknown status": 1}
    assert "100 rows: pay_usd: negative value" in text


def test_quarantine_keeps_good_rows_and_records_reasons(tmp_path, user_dir):
    rows = good_rows(8)
    rows[1] = _bad_row("status", "approved", 2)  # line 3
    rows[4] = _bad_row("task_id", "t1", 5)  # line 6, duplicate of line 2
    rows[6] = _bad_row("started_at", "soon", 7).replace(",600", ",-3")  # line 8: two problems
    result = ingest_tasklog(write_log(tmp_path / "q.csv", rows), user_dir, quarantine=True)
    assert (result.rows_read, result.rows_ingested, result.rows_quarantined) == (8, 5, 3)
    assert result.aggregates["tasks"].sum() == 5
    quarantine = read_user_table(user_dir, queries.TASKLOG_QUARANTINE, [result.tasklog_id])
    assert quarantine["row_number"].to_list() == [3, 6, 8]
    reasons = dict(zip(quarantine["row_number"], quarantine["reasons"], strict=True))
    assert reasons[3].startswith("status: unknown value (got 'approved'")
    assert reasons[6].startswith("task_id: duplicate task id (got 't1'") and "q.csv:2" in reasons[6]
    assert "started_at: unparseable timestamp (got 'soon'" in reasons[8] and "review_seconds: negative value" in reasons[8]
    assert quarantine.filter(pl.col("row_number") == 8)["started_at"].to_list() == ["soon"]
    stored = pl.scan_parquet(tasklog_dir(user_dir, result.tasklog_id) / "**" / "*.parquet", hive_partitioning=True).collect()
    assert sorted(stored["task_id"]) == sorted(["t1", "t3", "t4", "t6", "t8"])


def test_without_quarantine_nothing_is_partially_ingested(tmp_path, user_dir):
    rows = good_rows(5)
    rows[2] = _bad_row("status", "x", 3)
    with pytest.raises(InvalidTasklog):
        ingest_tasklog(write_log(tmp_path / "p.csv", rows), user_dir)
    assert not user_db_path(user_dir).exists()
    assert not tasklogs_dir(user_dir).exists() or not any(tasklogs_dir(user_dir).iterdir())


def test_folder_of_files_with_duplicates_across_files(tmp_path, user_dir):
    folder = tmp_path / "logs"
    folder.mkdir()
    write_log(folder / "a.csv", good_rows(3))
    write_log(folder / "b.csv", good_rows(3, start=4))
    result = ingest_tasklog(folder, user_dir)
    assert result.rows_read == 6 and len(result.files) == 2
    write_log(folder / "c.csv", good_rows(2, start=6))  # t6 is row 4 of b.csv; t7 is new
    with pytest.raises(InvalidTasklog) as caught:
        ingest_tasklog(folder, user_dir)
    [problem] = caught.value.problems
    assert (problem.path.endswith("c.csv"), problem.line, problem.column) == (True, 2, "task_id")
    assert "b.csv:4" in problem.message


def test_parquet_input_and_mixed_folder(tmp_path, user_dir, tiny_log):
    frame = pl.read_csv(tiny_log, try_parse_dates=True)
    frame.write_parquet(tmp_path / "tiny.parquet")
    from_parquet = ingest_tasklog(tmp_path / "tiny.parquet", user_dir)
    from_csv = ingest_tasklog(tiny_log, user_dir)
    assert from_parquet.aggregates.drop("tasklog_id").equals(from_csv.aggregates.drop("tasklog_id"))
    bad = frame.with_columns(pl.when(pl.col("task_id") == "t3").then(-1.0).otherwise(pl.col("pay_usd")).alias("pay_usd"))
    bad.write_parquet(tmp_path / "bad.parquet")
    with pytest.raises(InvalidTasklog) as caught:
        ingest_tasklog(tmp_path / "bad.parquet", user_dir)
    assert [(p.line, p.column) for p in caught.value.problems] == [(3, "pay_usd")]  # Parquet rows count from 1


def test_header_problems_and_empty_files(tmp_path, user_dir):
    path = tmp_path / "h.csv"
    path.write_text("task_id,project,skill\nt1,p,s\n")
    with pytest.raises(InvalidTasklog) as caught:
        ingest_tasklog(path, user_dir)
    assert {(p.line, p.column) for p in caught.value.problems} >= {(1, "domain"), (1, "status")}
    path.write_text("")
    with pytest.raises(InvalidTasklog, match="file is empty"):
        ingest_tasklog(path, user_dir)
    write_log(path, [])
    with pytest.raises(InvalidTasklog, match="no data rows"):
        ingest_tasklog(path, user_dir)
    assert not user_db_path(user_dir).exists()


def test_remove_tasklog(tiny_log, user_dir):
    kept = ingest_tasklog(tiny_log, user_dir)
    gone = ingest_tasklog(tiny_log, user_dir)
    remove_tasklog(user_dir, gone.tasklog_id)
    assert not tasklog_dir(user_dir, gone.tasklog_id).exists() and tasklog_dir(user_dir, kept.tasklog_id).exists()
    assert read_user_table(user_dir, queries.LIST_TASKLOGS)["tasklog_id"].to_list() == [kept.tasklog_id]
    with pytest.raises(KeyError):
        remove_tasklog(user_dir, "../..")


def test_failed_database_write_leaves_no_parquet(tiny_log, user_dir, monkeypatch):
    ingest_tasklog(tiny_log, user_dir)
    before = sha256(user_db_path(user_dir))
    existing = sorted(p.name for p in tasklogs_dir(user_dir).iterdir())
    monkeypatch.setattr(queries, "INSERT_TASKLOG", "INSERT INTO tasklogs VALUES (?)")
    with pytest.raises(duckdb.Error):
        ingest_tasklog(tiny_log, user_dir)
    assert sha256(user_db_path(user_dir)) == before
    assert sorted(p.name for p in tasklogs_dir(user_dir).iterdir()) == existing
    shutil.rmtree(user_dir)
