"""Builds under faults: readers during a dozen rebuilds, SIGKILL at random moments, a full disk."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import pipelines.build as build_module
from datamoat.cli.main import app
from pipelines.build import build
from tests.conftest import sha256

EXTRA_DOMAIN = "extra_for_test,Extra,A domain that exists only in state B\n"


def snapshot(path: Path) -> tuple[int, int]:
    """(rows in domains, rows the last run says it wrote): equal in any complete warehouse."""
    with duckdb.connect(str(path), read_only=True) as con:
        [(domains,)] = con.execute("SELECT count(*) FROM domains").fetchall()
        [(recorded,)] = con.execute(
            "SELECT CAST(json_extract(rows_per_table, '$.domains') AS INTEGER) FROM pipeline_runs "
            "WHERE status = 'success' ORDER BY finished_at DESC LIMIT 1").fetchall()
    return domains, recorded


REBUILDS = 12  # each swaps a new file in under the readers; more only lengthens the run


def read_until(stop: threading.Event, path: Path, seen: list, errors: list) -> None:
    while not stop.wait(0.005):  # a query every few milliseconds, leaving the builder some CPU
        try:
            seen.append(snapshot(path))
        except Exception as error:  # any reader error fails the test
            errors.append(repr(error))


def test_rebuilds_under_continuous_readers(warehouse, sources_dir):
    domains_csv = sources_dir / "domains.csv"
    state_a = domains_csv.read_text(encoding="utf-8")
    stop, seen, errors = threading.Event(), [], []
    readers = [threading.Thread(target=read_until, args=(stop, warehouse, seen, errors)) for _ in range(2)]
    for reader in readers:
        reader.start()
    try:
        for rebuild in range(REBUILDS):
            domains_csv.write_text(state_a + (EXTRA_DOMAIN if rebuild % 2 == 0 else ""), encoding="utf-8")
            assert build(warehouse, sources_dir).status == "built"
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    assert errors == []
    base = state_a.count("\n") - 1
    assert len(seen) > REBUILDS
    assert {domains for domains, _ in seen} <= {base, base + 1}
    assert all(domains == recorded for domains, recorded in seen), "a reader saw half a build"


def test_readers_in_another_process_never_fail_during_rebuilds(warehouse, sources_dir):
    reader = subprocess.Popen([sys.executable, "-c", READER_PROCESS, str(warehouse)], stdout=subprocess.PIPE, text=True)
    domains_csv = sources_dir / "domains.csv"
    state_a = domains_csv.read_text(encoding="utf-8")
    try:
        for rebuild in range(REBUILDS):
            domains_csv.write_text(state_a + (EXTRA_DOMAIN if rebuild % 2 == 0 else ""), encoding="utf-8")
            build(warehouse, sources_dir)
    finally:
        reader.send_signal(signal.SIGTERM)
        output, _ = reader.communicate(timeout=30)
    reads, failures = (int(n) for n in output.split())
    assert reads > REBUILDS and failures == 0


READER_PROCESS = """
import signal, sys, time, duckdb
path, reads, failures, running = sys.argv[1], 0, 0, True
def stop(*_):
    global running
    running = False
signal.signal(signal.SIGTERM, stop)
while running:
    try:
        with duckdb.connect(path, read_only=True) as con:
            con.execute("SELECT count(*) FROM domains").fetchall()
        reads += 1
    except Exception:
        failures += 1
    time.sleep(0.005)
print(reads, failures)
"""


@pytest.mark.parametrize("seed", range(6))
def test_a_build_killed_at_a_random_moment_loses_nothing(seed, warehouse, sources_dir):
    before = sha256(warehouse)
    domains_csv = sources_dir / "domains.csv"
    domains_csv.write_text(domains_csv.read_text(encoding="utf-8") + EXTRA_DOMAIN, encoding="utf-8")
    executable = Path(sys.executable).with_name("datamoat")
    process = subprocess.Popen([str(executable), "build", "--warehouse", str(warehouse), "--sources", str(sources_dir)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(random.Random(seed).uniform(0.05, 1.2))
    process.send_signal(signal.SIGKILL)
    process.wait()
    after = sha256(warehouse)
    if after != before:  # the kill came after the swap: the new warehouse must be complete
        domains, recorded = snapshot(warehouse)
        assert domains == recorded
    assert build(warehouse, sources_dir).status in ("built", "unchanged")
    assert snapshot(warehouse)[0] == domains_csv.read_text(encoding="utf-8").count("\n") - 1
    assert not list(warehouse.parent.glob(f".{warehouse.name}.building-*"))


def test_a_full_disk_gives_a_message_and_keeps_the_warehouse(warehouse, sources_dir, monkeypatch):
    before = sha256(warehouse)
    domains_csv = sources_dir / "domains.csv"
    domains_csv.write_text(domains_csv.read_text(encoding="utf-8") + EXTRA_DOMAIN, encoding="utf-8")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_module, "swap_in", disk_full)
    result = CliRunner().invoke(app, ["build", "--warehouse", str(warehouse), "--sources", str(sources_dir)])
    assert result.exit_code == 1
    assert "No space left on device" in result.output and "Traceback" not in result.output
    assert sha256(warehouse) == before
