"""`bench build` times every run with compiled bytecode cached in a private folder, whatever the environment says."""

from __future__ import annotations

import os
import subprocess
import sys

from datamoat.bench.build import FLOOR, bytecode_cached_env


def test_the_timed_runs_cache_bytecode_in_a_private_folder_even_where_the_environment_forbids_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    (tmp_path / "code").mkdir()
    (tmp_path / "code" / "some_module.py").write_text("VALUE = 42\n")
    env = bytecode_cached_env(tmp_path / "cache")
    assert "PYTHONDONTWRITEBYTECODE" not in env and env["PATH"] == os.environ["PATH"]

    run = [sys.executable, "-c", "import some_module; print(some_module.VALUE)"]
    forbidden = subprocess.run(run, cwd=tmp_path / "code", capture_output=True, text=True, check=True)
    assert forbidden.stdout.strip() == "42" and not list(tmp_path.rglob("*.pyc"))

    cached = subprocess.run(run, cwd=tmp_path / "code", env=env, capture_output=True, text=True, check=True)
    assert cached.stdout.strip() == "42"
    compiled = list((tmp_path / "cache").rglob("some_module*.pyc"))
    assert len(compiled) == 1 and not list((tmp_path / "code").rglob("*.pyc"))  # nothing beside the source


def test_the_floor_reads_every_kind_of_file_the_build_reads(tmp_path):
    """The floor script runs on the bundled files and writes one table per CSV (a broken floor would flatter the
    build's ratio)."""
    from pipelines.paths import SOURCES_DIR
    from pipelines.subjects import SUBJECTS
    from pipelines.upstream.snapshots import default_upstream_dir, stored_snapshot_files

    upstream = [str(p) for p in stored_snapshot_files(default_upstream_dir())]
    assert {p.rsplit(".", 1)[-1] for p in upstream} >= {"gz", "zip", "xlsx"}
    csvs = [str(SOURCES_DIR / subject.csv_name) for subject in SUBJECTS.values()]
    database = tmp_path / "floor.duckdb"
    subprocess.run([sys.executable, "-c", FLOOR, str(database), "", *csvs, *upstream], check=True, capture_output=True)
    import duckdb

    with duckdb.connect(str(database), read_only=True) as con:
        tables = con.execute("SELECT count(*) FROM duckdb_tables()").fetchone()[0]
    assert tables == len(csvs) + sum(p.endswith(".csv.gz") for p in upstream)
