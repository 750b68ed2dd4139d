"""Building the warehouse: tables and counts, citations, incremental no-op, --only, atomic swap, history."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

import pipelines.build as build_module
from pipelines.build import build
from pipelines.problems import InvalidData
from pipelines.subjects import FIGURE_SUBJECTS, SUBJECTS
from tests.conftest import csv_row_count, sha256


def query(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_every_table_holds_every_fixture_row(warehouse, sources_dir):
    for name in SUBJECTS:
        curated = " WHERE source_id NOT LIKE 'upstream-%'" if name == "sources" else ""  # snapshots are registered too
        [(count,)] = query(warehouse, f"SELECT count(*) FROM {name}{curated}")
        assert count == csv_row_count(sources_dir / f"{name}.csv"), name


def test_cited_views_carry_the_source_beside_each_figure(warehouse):
    for subject in FIGURE_SUBJECTS:
        missing = query(warehouse, f"SELECT count(*) FROM {subject.name}_cited WHERE source_url IS NULL OR source_title IS NULL")
        assert missing == [(0,)], subject.name


def test_typed_columns_in_the_warehouse(warehouse):
    columns = "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = "
    types = dict(query(warehouse, columns + "'sources'"))
    assert types["date_published"] == "DATE" and types["source_id"] == "VARCHAR"
    types = dict(query(warehouse, columns + "'skill_datasets'"))
    assert types["item_count"] == "BIGINT"


def test_a_second_build_with_no_change_is_a_no_op(warehouse, sources_dir):
    before = sha256(warehouse)
    result = build(warehouse, sources_dir)
    assert result.status == "unchanged" and "nothing to do" in result.message
    assert sha256(warehouse) == before


def test_force_rebuilds_and_records_a_second_run(warehouse, sources_dir):
    assert build(warehouse, sources_dir, force=True).status == "built"
    assert query(warehouse, "SELECT count(*), count(*) FILTER (status = 'success') FROM pipeline_runs") == [(2, 2)]


def test_editing_a_row_rebuilds_and_records_the_diff(warehouse, sources_dir):
    path = sources_dir / "skill_datasets.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["item_count"] = str(int(rows[0]["item_count"]) + 1)
    added = dict(rows[1], dataset=rows[1]["dataset"] + " (copy for test)")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows[1:] + [rows[0], added])
    result = build(warehouse, sources_dir)
    diff = next(d for d in result.diffs if d.table == "skill_datasets")
    assert (diff.added, diff.removed, diff.changed) == (1, 0, 1)
    assert diff.changes[0]["column"] == "item_count"
    assert int(diff.changes[0]["new"]) == int(diff.changes[0]["old"]) + 1
    [(stored,)] = query(warehouse, "SELECT data_diff FROM pipeline_runs ORDER BY finished_at DESC LIMIT 1")
    assert any(t["table"] == "skill_datasets" and t["changed"] == 1 for t in json.loads(stored))


def test_only_rebuilds_one_subject_and_keeps_the_rest(warehouse, sources_dir):
    (sources_dir / "api_prices.csv").write_text("not even a header of the right shape\n", encoding="utf-8")
    path = sources_dir / "skill_datasets.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")
    result = build(warehouse, sources_dir, only="skill_datasets")
    assert result.status == "built"
    assert query(warehouse, "SELECT count(*) FROM skill_datasets") == [(len(lines) - 2,)]
    with pytest.raises(InvalidData):
        build(warehouse, sources_dir)


def test_a_build_that_fails_while_writing_leaves_the_old_file_byte_for_byte(warehouse, sources_dir, monkeypatch):
    before = sha256(warehouse)
    (sources_dir / "domains.csv").write_text((sources_dir / "domains.csv").read_text() + "extra,Extra,An extra domain\n")

    def explode(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_module, "write_run_history", explode)
    with pytest.raises(OSError):
        build(warehouse, sources_dir)
    assert sha256(warehouse) == before
    assert not list(warehouse.parent.glob(f".{warehouse.name}.building-*"))


def test_failed_builds_are_logged_beside_and_join_the_history_at_the_next_success(warehouse, sources_dir):
    good = (sources_dir / "sources.csv").read_text(encoding="utf-8")
    (sources_dir / "sources.csv").write_text(good.replace("https://", "ftp://", 1), encoding="utf-8")
    with pytest.raises(InvalidData):
        build(warehouse, sources_dir)
    (sources_dir / "sources.csv").write_text(good, encoding="utf-8")
    build(warehouse, sources_dir, force=True)
    statuses = [s for (s,) in query(warehouse, "SELECT status FROM pipeline_runs ORDER BY started_at")]
    assert statuses == ["success", "failed", "success"]
    [(summary,)] = query(warehouse, "SELECT error_summary FROM pipeline_runs WHERE status = 'failed'")
    assert "sources.csv:2: url" in summary


def test_a_reader_holding_the_old_file_keeps_a_complete_view(warehouse, sources_dir):
    with duckdb.connect(str(warehouse), read_only=True) as reader:
        [(before,)] = reader.execute("SELECT count(*) FROM domains").fetchall()
        path = sources_dir / "domains.csv"
        path.write_text(path.read_text() + "extra,Extra,An extra domain\n")
        build(warehouse, sources_dir)
        assert reader.execute("SELECT count(*) FROM domains").fetchall() == [(before,)]
    assert query(warehouse, "SELECT count(*) FROM domains") == [(before + 1,)]


def test_the_warehouse_is_written_in_small_blocks_and_reads_back_whole(warehouse):
    """The build writes 64 KiB blocks, not DuckDB's 256 KiB (one per small table made the file three times larger);
    readers open such a file as any other, and the dashboard's attach-and-use connection reads it whole."""
    from pipelines.connection import connect_read_only

    [(block_bytes, blocks)] = query(warehouse, "SELECT block_size, total_blocks FROM pragma_database_size()")
    assert block_bytes == build_module.WAREHOUSE_BLOCK_BYTES == 65_536
    assert warehouse.stat().st_size <= block_bytes * (blocks + 4)  # the blocks and a few headers, nothing more
    [(models,)] = query(warehouse, "SELECT count(*) FROM ai_models")
    with connect_read_only(warehouse) as con:
        assert models > 0 and con.execute("SELECT count(*) FROM ai_models").fetchone()[0] == models
