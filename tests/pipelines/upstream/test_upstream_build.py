"""The build's upstream step: tables, provenance in `sources`, incremental reads, rejects, and the real data."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import duckdb
import pytest

import pipelines.upstream.build_step as build_step
from pipelines.build import build
from pipelines.paths import DATA_DIR
from pipelines.reader import load_tables
from pipelines.upstream.registry import UPSTREAM_SOURCES, UPSTREAM_TABLES
from pipelines.upstream.update import import_files
from tests.conftest import sha256
from tests.pipelines.upstream.conftest import FAST, current_file, edited_csv

CURATED_CLASS = {
    "epoch-models": "primary",
    "epoch-hardware": "primary",
    "bls-oews": "primary",
    "dpi": "primary",
    "litellm-prices": "secondary",
}


def query(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_every_upstream_table_is_built_with_its_provenance(warehouse):
    for name in UPSTREAM_TABLES:
        [(rows, unresolved)] = query(
            warehouse,
            f"SELECT count(*), count(*) FILTER (s.source_id IS NULL) FROM {name} LEFT JOIN sources AS s USING (source_id)",
        )
        assert rows > 0 and unresolved == 0, name
        assert query(warehouse, f"SELECT count(*) FROM {name}_cited WHERE source_url IS NULL") == [(0,)]
    counted = {t for (t,) in query(warehouse, "SELECT DISTINCT table_name FROM figures_by_source")}
    assert set(UPSTREAM_TABLES) <= counted


def test_each_snapshot_is_a_source_row_with_its_credit_and_class(warehouse):
    rows = query(
        warehouse,
        "SELECT u.source, s.source_id, s.publisher, s.kind, s.source_class, s.notes, s.url, "
        "s.date_published = u.date_published FROM upstream_snapshots AS u JOIN sources AS s USING (source_id)",
    )
    assert {r[0] for r in rows} == set(UPSTREAM_SOURCES)
    for source, source_id, publisher, kind, source_class, notes, url, same_date in rows:
        spec = UPSTREAM_SOURCES[source]
        assert source_id.startswith(f"upstream-{source}-") and publisher == spec.producer and kind == "dataset"
        assert source_class == CURATED_CLASS[source] and notes == spec.credit and url == spec.url_main and same_date


def test_api_price_changes_come_from_successive_snapshots(warehouse):
    rows = query(
        warehouse,
        "SELECT price, previous_snapshot_date, snapshot_date, usd_per_million_before, usd_per_million_after "
        "FROM api_price_changes WHERE model_key = 'azure/o1-mini-2024-09-12' ORDER BY price",
    )
    assert ("usd_per_million_input_tokens", "2025-03-31", "2025-06-28", 1.21, 1.1) in [
        (p, str(b), str(a), round(x, 6), round(y, 6)) for p, b, a, x, y in rows
    ]


def test_a_no_op_build_stays_a_no_op(warehouse, sources_dir):
    before = sha256(warehouse)
    assert build(warehouse, sources_dir).status == "unchanged" and sha256(warehouse) == before


def test_an_unchanged_snapshot_is_carried_over_not_read_again(upstream_dir, sources_dir, tmp_path, monkeypatch):
    warehouse = tmp_path / "w.duckdb"
    build(warehouse, sources_dir)
    before = load_tables(warehouse, list(UPSTREAM_TABLES) + ["upstream_snapshots"])
    read = []
    real = build_step.parse_versions
    monkeypatch.setattr(build_step, "parse_versions", lambda source, folder: read.append(source.name) or real(source, folder))
    domains = sources_dir / "domains.csv"
    domains.write_text(domains.read_text(encoding="utf-8") + "extra,Extra,An extra domain\n", encoding="utf-8")
    assert build(warehouse, sources_dir).status == "built" and read == []
    after = load_tables(warehouse, list(UPSTREAM_TABLES) + ["upstream_snapshots"])
    assert all(after[name].equals(before[name]) for name in before)
    notable = current_file(upstream_dir, "epoch-models", "notable_ai_models.csv").replace(b"GPT-4 (Mar 2023)", b"GPT-4 (March)")
    (tmp_path / "notable_ai_models.csv").write_bytes(notable)
    assert (
        import_files(upstream_dir, UPSTREAM_SOURCES["epoch-models"], [tmp_path / "notable_ai_models.csv"], FAST).status == "new"
    )
    result = build(warehouse, sources_dir)
    assert read == ["epoch-models"]
    diff = next(d for d in result.diffs if d.table == "ai_models")
    assert (diff.added, diff.removed) == (1, 0)  # renamed in one file; the model stays in the other two


def test_bad_rows_are_kept_aside_with_reasons_and_counted_in_the_run(upstream_dir, tmp_path):
    def one_bad(header, rows):
        rows[0][header.index("Training compute (FLOP)")] = "lots"

    (tmp_path / "notable_ai_models.csv").write_bytes(
        edited_csv(current_file(upstream_dir, "epoch-models", "notable_ai_models.csv"), one_bad)
    )
    assert (
        import_files(upstream_dir, UPSTREAM_SOURCES["epoch-models"], [tmp_path / "notable_ai_models.csv"], FAST).status == "new"
    )
    warehouse = tmp_path / "w.duckdb"
    build(warehouse)
    rejects = query(warehouse, 'SELECT file, "row", "column", value FROM upstream_rejects WHERE source = \'epoch-models\'')
    assert ("notable_ai_models.csv", 2, "training_compute_flop", "lots") in rejects
    [(rows_per_table,)] = query(warehouse, "SELECT rows_per_table FROM pipeline_runs ORDER BY finished_at DESC LIMIT 1")
    assert json.loads(rows_per_table)["upstream_rejects"] == len(query(warehouse, "SELECT * FROM upstream_rejects"))
    assert query(warehouse, "SELECT rows_rejected FROM upstream_snapshots WHERE source = 'epoch-models'") == [(len(rejects),)]


def test_a_missing_source_folder_gives_empty_tables_not_a_failure(tmp_path, sources_dir):
    empty = tmp_path / "no-upstream"
    warehouse = tmp_path / "w.duckdb"
    assert build(warehouse, sources_dir, upstream_dir=empty).status == "built"
    assert query(warehouse, "SELECT count(*) FROM ai_models") == [(0,)]


def test_exports_of_upstream_rows_carry_the_credit_line_and_neutralise_formulas(warehouse):
    from dashboard.ui.tables import to_zip

    tables = load_tables(warehouse, ["ai_models", "sources"])
    frame = tables["ai_models"].head(3).with_columns(model=__import__("polars").lit('=HYPERLINK("http://x")'))
    with zipfile.ZipFile(io.BytesIO(to_zip("ai_models", frame, tables["sources"]))) as archive:
        assert "Epoch AI, 'Data on AI Models', epoch.ai" in archive.read("sources.csv").decode("utf-8")
        assert "'=HYPERLINK" in archive.read("data.csv").decode("utf-8")


@pytest.fixture(scope="module")
def real_warehouse(tmp_path_factory) -> Path:
    """One build of the bundled snapshots (the offline default), for the issue's row counts."""
    path = tmp_path_factory.mktemp("real") / "w.duckdb"
    build(path, DATA_DIR / "sources", upstream_dir=DATA_DIR / "upstream")
    return path


def test_the_bundled_snapshots_build_every_table_at_full_size(real_warehouse):
    count = lambda sql: query(real_warehouse, sql)[0][0]
    assert count("SELECT count(*) FROM ai_models") >= 1000
    assert (
        count(
            "SELECT count(*) FROM ai_models WHERE training_compute_flop IS NOT NULL "
            "AND training_compute_cost_usd_2023 IS NOT NULL"
        )
        >= 150
    )
    assert count("SELECT count(*) FROM ml_hardware") >= 150
    assert query(real_warehouse, "SELECT year FROM occupation_wages GROUP BY year HAVING count(*) >= 1000 ORDER BY year") == [
        (2023,),
        (2024,),
        (2025,),
    ]
    assert (
        count(
            "SELECT count(*) FROM api_price_list WHERE is_priced AND snapshot_version = "
            "(SELECT max(snapshot_version) FROM api_price_list)"
        )
        >= 1500
    )
    assert count("SELECT count(*) FROM api_price_changes") >= 100
    assert count("SELECT count(*) FROM finetune_datasets") >= 2000
    assert count("SELECT count(*) FROM upstream_rejects") < 20
