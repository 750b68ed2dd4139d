"""The snapshots on disk: origin records, checksums, the CURRENT pointer, set-aside snapshots, tampering."""

from __future__ import annotations

import gc
import gzip
import sys
from datetime import date
from pathlib import Path

import pytest

from pipelines.build import build
from pipelines.paths import DATA_DIR
from pipelines.problems import InvalidData
from pipelines.upstream.intake import Incoming, take_snapshot
from pipelines.upstream.loader import load_snapshot
from pipelines.upstream.origin import read_origin
from pipelines.upstream.registry import UPSTREAM_SOURCES
from pipelines.upstream.snapshots import (
    SET_ASIDE_DIR,
    current_version,
    kept_versions,
    set_current,
    source_dir,
    version_order,
)
from pipelines.warehouse import failed_runs_log
from tests.conftest import FIXTURE_UPSTREAM, sha256
from tests.pipelines.upstream.conftest import current_file, edited_csv

BUNDLED = DATA_DIR / "upstream"


@pytest.mark.parametrize("name", list(UPSTREAM_SOURCES))
def test_every_source_has_a_bundled_snapshot_whose_files_match_their_origin_record(name):
    versions = kept_versions(BUNDLED, name)
    assert versions and versions[-1] == current_version(BUNDLED, name)
    for version in versions:
        snapshot = load_snapshot(UPSTREAM_SOURCES[name], source_dir(BUNDLED, name) / version)  # checks every SHA-256
        origin = snapshot.origin
        assert origin.source == name and origin.version == version and origin.date_published <= origin.date_accessed
        assert origin.obtained_by == "public-copy" and origin.citation == UPSTREAM_SOURCES[name].credit
        assert set(origin.url_download) == set(UPSTREAM_SOURCES[name].downloads)
        for record in origin.files:
            assert record.public_copy is not None, f"{name}/{version}/{record.name} does not say which copy it came from"
            assert len(snapshot.files[record.name]) == record.bytes
            assert record.rows is not None or record.name in UPSTREAM_SOURCES[name].skip_files


def test_the_bundled_litellm_history_spans_six_snapshots():
    assert kept_versions(BUNDLED, "litellm-prices") == [
        "2025-03-31",
        "2025-06-28",
        "2025-09-30",
        "2025-12-28",
        "2026-03-29",
        "2026-07-24",
    ]


def test_versions_sort_by_date_then_by_the_same_day_counter():
    assert sorted(["2026-11-29-2", "2026-11-29", "2025-01-01", "2026-11-29-10"], key=version_order) == [
        "2025-01-01",
        "2026-11-29",
        "2026-11-29-2",
        "2026-11-29-10",
    ]


def test_current_points_at_an_older_version_and_set_aside_snapshots_are_never_read(upstream_dir):
    home = source_dir(upstream_dir, "litellm-prices")
    assert kept_versions(upstream_dir, "litellm-prices") == ["2025-03-31", "2025-06-28"]
    (home / SET_ASIDE_DIR / "2025-09-01").mkdir(parents=True)
    set_current(upstream_dir, "litellm-prices", "2025-03-31")
    assert kept_versions(upstream_dir, "litellm-prices") == ["2025-03-31"]
    (home / "CURRENT").write_text("../../etc\n")
    assert current_version(upstream_dir, "litellm-prices") is None


def test_more_than_five_percent_bad_rows_sets_a_snapshot_aside(upstream_dir):
    def negative(header, rows):
        column = header.index("Training compute (FLOP)")
        for row in rows[: len(rows) // 5]:
            row[column] = "-1"

    notable = edited_csv(current_file(upstream_dir, "epoch-models", "notable_ai_models.csv"), negative)
    files = {n: current_file(upstream_dir, "epoch-models", n) for n in ("frontier_ai_models.csv", "large_scale_ai_models.csv")}
    taken = take_snapshot(
        upstream_dir,
        UPSTREAM_SOURCES["epoch-models"],
        [Incoming("notable_ai_models.csv", notable), *(Incoming(n, d) for n, d in files.items())],
        date(2026, 11, 1),
        {"date_published_basis": "test", "date_accessed": date(2026, 11, 1), "obtained_by": "manual-import"},
    )
    assert taken.status == "set-aside" and "more than 5%" in str(taken.problems[0])
    assert current_version(upstream_dir, "epoch-models") == "2026-07-15"


def test_a_tampered_snapshot_fails_the_build_and_keeps_the_warehouse(upstream_dir, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    build(warehouse)
    before = sha256(warehouse)
    stored = source_dir(upstream_dir, "epoch-hardware") / current_version(upstream_dir, "epoch-hardware") / "ml_hardware.csv.gz"
    stored.write_bytes(gzip.compress(gzip.decompress(stored.read_bytes()).replace(b"NVIDIA", b"NVIDIB", 1)))
    with pytest.raises(InvalidData) as raised:
        build(warehouse)
    assert "ml_hardware.csv is not the file its origin record names" in str(raised.value)
    assert sha256(warehouse) == before
    assert not list(tmp_path.glob(".w.duckdb.building-*"))  # the half-written new file is gone
    assert "not the file its origin record names" in failed_runs_log(warehouse).read_text(encoding="utf-8")


def test_bad_curated_rows_and_a_bad_snapshot_are_reported_together(upstream_dir, sources_dir, tmp_path):
    """The snapshots are read in a second thread while the curated CSVs are checked: a failure of either waits for
    the other, and one report names both."""
    warehouse = tmp_path / "w.duckdb"
    stored = source_dir(upstream_dir, "epoch-hardware") / current_version(upstream_dir, "epoch-hardware") / "ml_hardware.csv.gz"
    stored.write_bytes(gzip.compress(gzip.decompress(stored.read_bytes()).replace(b"NVIDIA", b"NVIDIB", 1)))
    domains = sources_dir / "domains.csv"
    domains.write_text(domains.read_text(encoding="utf-8") + "Bad Key!,Bad,not a key\n", encoding="utf-8")
    switch_interval = sys.getswitchinterval()
    with pytest.raises(InvalidData) as raised:
        build(warehouse, sources_dir)
    assert "domains.csv" in str(raised.value) and "ml_hardware.csv is not the file" in str(raised.value)
    assert not warehouse.exists() and not list(tmp_path.glob(".w.duckdb.building-*"))
    assert sys.getswitchinterval() == switch_interval  # the build's quicker GIL hand-off ends with it
    assert gc.isenabled()  # and so does its pause of the cycle collector


def test_fixture_origin_records_are_valid_too():
    for folder in FIXTURE_UPSTREAM.glob("*/*"):
        if folder.is_dir() and folder.name != SET_ASIDE_DIR:
            assert read_origin(folder).files


def test_no_bundled_snapshot_is_left_half_written():
    assert not list(BUNDLED.glob("*/.incoming-*")) and not list(Path(FIXTURE_UPSTREAM).glob("*/.incoming-*"))
