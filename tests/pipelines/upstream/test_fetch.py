"""`datamoat fetch` against a local HTTP server on 127.0.0.1: every answer a server can give, and faults."""

from __future__ import annotations

import dataclasses
import io
import json
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import duckdb
import httpx
import pytest
from typer.testing import CliRunner

from datamoat.cli.main import app
from pipelines.build import build
from pipelines.upstream import client as client_module
from pipelines.upstream.origin import read_origin
from pipelines.upstream.registry import UPSTREAM_SOURCES
from pipelines.upstream.snapshots import SET_ASIDE_DIR, current_version, source_dir
from pipelines.upstream.update import fetch_source, import_files
from tests.conftest import sha256
from tests.pipelines.upstream.conftest import FAST, current_file, edited_csv, tree

MODELS = UPSTREAM_SOURCES["epoch-models"]
NOTABLE = "notable_ai_models.csv"


def changed_notable(upstream: Path) -> bytes:
    """The fixture's notable file with GPT-4's training compute changed and one model added."""

    def edit(header, rows):
        model, compute = header.index("Model"), header.index("Training compute (FLOP)")
        for row in rows:
            if row[model] == "GPT-4 (Mar 2023)":
                row[compute] = "2.2e+25"
        rows.append([*rows[0][:model], "Test model (added upstream)", *rows[0][model + 1 :]])

    return edited_csv(current_file(upstream, "epoch-models", NOTABLE), edit)


def fetch(upstream: Path, url: str, settings=FAST, source=MODELS):
    return fetch_source(upstream, source, settings, url)


def test_a_changed_file_takes_a_new_snapshot_prints_its_diff_and_the_next_build_shows_it(upstream_dir, server, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    build(warehouse)
    before = current_version(upstream_dir, "epoch-models")
    server.route("/notable_ai_models.csv", body=changed_notable(upstream_dir), etag='"v2"')
    outcome = fetch(upstream_dir, server.url("/notable_ai_models.csv"))
    assert outcome.status == "new" and outcome.version != before
    [diff] = outcome.diffs
    assert (diff.table, diff.added, diff.removed, diff.changed) == ("ai_models", 1, 0, 1)
    assert diff.changes[0]["key"] == "model=GPT-4 (Mar 2023)" and diff.changes[0]["column"] == "training_compute_flop"
    assert current_version(upstream_dir, "epoch-models") == outcome.version
    assert (source_dir(upstream_dir, "epoch-models") / before).is_dir(), "the previous snapshot is kept"
    record = next(f for f in read_origin(source_dir(upstream_dir, "epoch-models") / outcome.version).files if f.name == NOTABLE)
    assert record.url_download == server.url("/notable_ai_models.csv") and record.etag == '"v2"'
    result = build(warehouse)
    models = next(d for d in result.diffs if d.table == "ai_models")
    assert (models.added, models.changed) == (1, 1)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute(
            "SELECT training_compute_flop, source_id FROM ai_models WHERE model = 'GPT-4 (Mar 2023)'"
        ).fetchall() == [(2.2e25, f"upstream-epoch-models-{outcome.version}")]


def test_304_not_modified_writes_nothing(upstream_dir, server):
    route = server.route("/notable_ai_models.csv", body=changed_notable(upstream_dir), etag='"v2"')
    assert fetch(upstream_dir, server.url("/notable_ai_models.csv")).status == "new"
    before = tree(upstream_dir)
    outcome = fetch(upstream_dir, server.url("/notable_ai_models.csv"))
    assert route.requests[-1].get("If-None-Match") == '"v2"'
    assert outcome.status == "up-to-date" and "nothing new" in outcome.message
    assert tree(upstream_dir) == before


def test_the_same_bytes_again_are_up_to_date(upstream_dir, server):
    server.route("/notable_ai_models.csv", body=current_file(upstream_dir, "epoch-models", NOTABLE))
    before = tree(upstream_dir)
    assert fetch(upstream_dir, server.url("/notable_ai_models.csv")).status == "up-to-date"
    assert tree(upstream_dir) == before


def test_a_descriptive_user_agent_is_sent(upstream_dir, server):
    route = server.route("/notable_ai_models.csv", body=current_file(upstream_dir, "epoch-models", NOTABLE))
    fetch(upstream_dir, server.url("/notable_ai_models.csv"))
    assert route.requests[0]["User-Agent"] == FAST.user_agent
    assert client_module.DEFAULT_USER_AGENT.startswith("datamoat/") and "contact" in client_module.DEFAULT_USER_AGENT


@pytest.mark.parametrize("status, attempts", [(404, 1), (500, 2)])
def test_404_and_500_are_clear_errors_and_keep_the_previous_snapshot(upstream_dir, server, status, attempts):
    route = server.route("/notable_ai_models.csv", status=status, body=b"no")
    before = tree(upstream_dir)
    outcome = fetch(upstream_dir, server.url("/notable_ai_models.csv"))
    assert outcome.status == "failed" and f"HTTP {status}" in outcome.message and "stays current" in outcome.message
    assert len(route.requests) == attempts, "a 500 is retried, a 404 is not"
    assert tree(upstream_dir) == before


def test_a_timeout_is_reported_and_changes_nothing(upstream_dir, server):
    server.route("/notable_ai_models.csv", body=b"Model\n", delay_seconds=1.5)
    before = tree(upstream_dir)
    outcome = fetch(upstream_dir, server.url("/notable_ai_models.csv"), dataclasses.replace(FAST, timeout_seconds=0.3, retries=0))
    assert outcome.status == "failed" and "timed out" in outcome.message
    assert tree(upstream_dir) == before


def test_a_body_cut_off_mid_transfer_is_refused(upstream_dir, server):
    body = changed_notable(upstream_dir)
    server.route("/notable_ai_models.csv", body=body, cut_after=len(body) // 2)
    before = tree(upstream_dir)
    outcome = fetch(upstream_dir, server.url("/notable_ai_models.csv"))
    assert outcome.status == "failed" and "cut off" in outcome.message
    assert tree(upstream_dir) == before


def test_an_html_error_page_served_with_200_is_refused(upstream_dir, server):
    page = b"<!DOCTYPE html><html><body><h1>Access denied</h1><script>alert(1)</script></body></html>"
    server.route("/notable_ai_models.csv", body=page, content_type="text/html")
    before = tree(upstream_dir)
    outcome = fetch(upstream_dir, server.url("/notable_ai_models.csv"))
    assert outcome.status == "failed" and "HTML page" in outcome.message
    assert tree(upstream_dir) == before


@pytest.mark.parametrize("send_length", [True, False])
def test_a_body_over_the_size_cap_is_refused(upstream_dir, server, send_length):
    server.route("/notable_ai_models.csv", body=changed_notable(upstream_dir), send_length=send_length)
    before = tree(upstream_dir)
    outcome = fetch(upstream_dir, server.url("/notable_ai_models.csv"), dataclasses.replace(FAST, max_bytes=10_000))
    assert outcome.status == "failed" and "cap" in outcome.message
    assert tree(upstream_dir) == before


def test_a_zip_bomb_is_refused(upstream_dir, server):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(NOTABLE, b"0" * 20_000_000)  # 20 MB of zeros, about 20 kB compressed
    server.route("/ai_models.zip", body=archive.getvalue(), content_type="application/zip")
    before = tree(upstream_dir)
    outcome = fetch(upstream_dir, server.url("/ai_models.zip"), dataclasses.replace(FAST, max_unzipped_bytes=1_000_000))
    assert outcome.status == "failed" and "zip bomb" in outcome.message
    assert tree(upstream_dir) == before


def test_a_renamed_required_column_sets_the_snapshot_aside_and_keeps_the_previous(upstream_dir, server, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    build(warehouse)
    before_version, before_sha = current_version(upstream_dir, "epoch-models"), sha256(warehouse)

    def rename(header, rows):
        header[header.index("Training compute (FLOP)")] = "Training compute (FLOPs)"

    server.route("/notable_ai_models.csv", body=edited_csv(current_file(upstream_dir, "epoch-models", NOTABLE), rename))
    outcome = fetch(upstream_dir, server.url("/notable_ai_models.csv"))
    assert outcome.status == "set-aside" and outcome.failed
    assert any(
        p.path == NOTABLE and "Training compute (FLOP)" in p.column and "required column missing" in p.message
        for p in outcome.problems
    )
    assert current_version(upstream_dir, "epoch-models") == before_version
    aside = source_dir(upstream_dir, "epoch-models") / SET_ASIDE_DIR / outcome.version
    assert read_origin(aside).problems, "the set-aside snapshot keeps its problems in its origin record"
    assert build(warehouse).status == "unchanged" and sha256(warehouse) == before_sha


def test_a_mirror_folder_url_fetches_every_file(upstream_dir, server):
    for name in ("notable_ai_models.csv", "frontier_ai_models.csv", "large_scale_ai_models.csv"):
        server.route(f"/mirror/{name}", body=current_file(upstream_dir, "epoch-models", name))
    assert fetch(upstream_dir, server.url("/mirror/")).status == "up-to-date"


def test_an_official_style_zip_is_searched_for_the_source_files(upstream_dir, server):
    """BLS ships each year's workbook inside oesmYYnat.zip, in a folder."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("oesm25nat/national_M2025_dl.xlsx", current_file(upstream_dir, "bls-oews", "national_M2025_dl.xlsx"))
        bundle.writestr("oesm25nat/field_descriptions.xlsx", b"not ours")
    server.route("/oesm25nat.zip", body=archive.getvalue(), content_type="application/zip")
    outcome = fetch(upstream_dir, server.url("/oesm25nat.zip"), source=UPSTREAM_SOURCES["bls-oews"])
    assert outcome.status == "up-to-date"


def test_a_hand_downloaded_file_is_imported(upstream_dir, tmp_path):
    workbook = current_file(upstream_dir, "bls-oews", "national_M2025_dl.xlsx")
    archive = tmp_path / "oesm26nat.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("oesm26nat/national_M2026_dl.xlsx", workbook)
    outcome = import_files(upstream_dir, UPSTREAM_SOURCES["bls-oews"], [archive], FAST)
    assert outcome.status == "new", outcome.message
    origin = read_origin(source_dir(upstream_dir, "bls-oews") / outcome.version)
    assert origin.obtained_by == "manual-import"
    assert sorted(f.name for f in origin.files) == ["national_M2024_dl.xlsx", "national_M2025_dl.xlsx", "national_M2026_dl.xlsx"]
    [diff] = outcome.diffs
    assert diff.added > 0 and diff.removed == 0


def test_a_file_that_is_not_the_sources_is_refused(upstream_dir, tmp_path):
    stray = tmp_path / "notes.txt"
    stray.write_text("hello")
    outcome = import_files(upstream_dir, MODELS, [stray], FAST)
    assert outcome.status == "failed" and "not one of epoch-models's files" in outcome.message


def test_offline_gives_one_line_per_source_a_non_zero_exit_and_changes_nothing(upstream_dir, monkeypatch):
    def no_network(request):
        raise httpx.ConnectError("[Errno -3] Temporary failure in name resolution", request=request)

    real_client = client_module.client_for
    monkeypatch.setattr(
        "pipelines.upstream.update.client_for",
        lambda settings: httpx.Client(transport=httpx.MockTransport(no_network), headers=real_client(settings).headers),
    )
    before = tree(upstream_dir)
    result = CliRunner().invoke(app, ["fetch", "--upstream", str(upstream_dir), "--retries", "0"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == len(UPSTREAM_SOURCES)
    for name, line in zip(UPSTREAM_SOURCES, lines, strict=True):
        assert line.startswith(f"{name}: cannot reach") and "stays current" in line
    assert tree(upstream_dir) == before


def test_the_command_prints_the_diff(upstream_dir, server):
    server.route("/notable_ai_models.csv", body=changed_notable(upstream_dir))
    result = CliRunner().invoke(
        app, ["fetch", "epoch-models", "--url", server.url("/notable_ai_models.csv"), "--upstream", str(upstream_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "epoch-models: new snapshot" in result.output
    assert "ai_models: +1 added, -0 removed, ~1 changed" in result.output
    assert "~ model=GPT-4 (Mar 2023): training_compute_flop 2.1e+25 → 2.2e+25" in result.output


def test_usage_errors_exit_2(upstream_dir):
    runner = CliRunner()
    assert runner.invoke(app, ["fetch", "no-such-source"]).exit_code == 2
    assert runner.invoke(app, ["fetch", "--url", "http://127.0.0.1:9/x.csv"]).exit_code == 2  # --url needs one source


KILLED_FETCH = """
import sys
from pathlib import Path
from pipelines.upstream.client import FetchSettings
from pipelines.upstream.registry import UPSTREAM_SOURCES
from pipelines.upstream.update import fetch_source
fetch_source(Path(sys.argv[1]), UPSTREAM_SOURCES["epoch-models"], FetchSettings(retries=0), sys.argv[2])
"""


def test_sigkill_during_a_download_leaves_the_snapshot_and_warehouse_intact(upstream_dir, server, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    build(warehouse)
    before_tree, before_sha = tree(upstream_dir), sha256(warehouse)
    route = server.route("/notable_ai_models.csv", body=changed_notable(upstream_dir) * 4, trickle_seconds=0.05)
    process = subprocess.Popen([sys.executable, "-c", KILLED_FETCH, str(upstream_dir), server.url("/notable_ai_models.csv")])
    deadline = time.monotonic() + 20
    while not route.requests and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)  # well into the body
    process.send_signal(signal.SIGKILL)
    process.wait()
    leftovers = list(source_dir(upstream_dir, "epoch-models").glob(".incoming-*"))
    assert leftovers, "the kill came mid-download"
    assert {k: v for k, v in tree(upstream_dir).items() if ".incoming-" not in k} == before_tree
    assert build(warehouse).status == "unchanged" and sha256(warehouse) == before_sha
    server.route("/notable_ai_models.csv", body=changed_notable(upstream_dir))
    assert fetch(upstream_dir, server.url("/notable_ai_models.csv")).status == "new"
    assert not list(source_dir(upstream_dir, "epoch-models").glob(".incoming-*")), "the next fetch clears what was left"


def test_a_fetched_snapshot_records_its_origin(upstream_dir, server):
    server.route("/notable_ai_models.csv", body=changed_notable(upstream_dir), last_modified="Wed, 25 Nov 2026 10:00:00 GMT")
    outcome = fetch(upstream_dir, server.url("/notable_ai_models.csv"))
    origin = read_origin(source_dir(upstream_dir, "epoch-models") / outcome.version)
    assert outcome.version == "2026-11-25" and origin.date_published.isoformat() == "2026-11-25"
    assert origin.obtained_by == "download" and "Last-Modified" in origin.date_published_basis
    assert origin.citation == MODELS.credit and origin.licence.name == "CC BY 4.0"
    data = json.loads((source_dir(upstream_dir, "epoch-models") / outcome.version / "origin.json").read_text())
    assert {f["name"] for f in data["files"]} == {"notable_ai_models.csv", "frontier_ai_models.csv", "large_scale_ai_models.csv"}


def test_the_build_command_reads_the_named_upstream_folder(upstream_dir, sources_dir, tmp_path, server):
    warehouse = str(tmp_path / "w.duckdb")
    first = CliRunner().invoke(
        app, ["build", "--warehouse", warehouse, "--sources", str(sources_dir), "--upstream", str(upstream_dir)]
    )
    assert first.exit_code == 0 and "upstream epoch-models" in first.output and "ai_models" in first.output
    server.route("/notable_ai_models.csv", body=changed_notable(upstream_dir))
    assert fetch(upstream_dir, server.url("/notable_ai_models.csv")).status == "new"
    second = CliRunner().invoke(
        app, ["build", "--warehouse", warehouse, "--sources", str(sources_dir), "--upstream", str(upstream_dir)]
    )
    assert "ai_models: +1 added, -0 removed, ~1 changed" in second.output
