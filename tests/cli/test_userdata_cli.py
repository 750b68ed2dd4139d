"""The user-data commands, registered on a fresh app the way pipelines/cli.py registers them."""

from __future__ import annotations

import json
import shutil

import typer
from typer.testing import CliRunner

from datamoat.cli.userdata import register
from pipelines.userdata.paths import user_db_path
from tests.conftest import USERDATA_FIXTURES, good_rows, sha256, write_log

app, bench_app, scenario_app = typer.Typer(), typer.Typer(), typer.Typer()
app.add_typer(bench_app, name="bench")
app.add_typer(scenario_app, name="scenario")
register(app, bench_app, scenario_app)
runner = CliRunner()


def test_quotes_commands(tmp_path, user_dir, warehouse):
    common = ["--user-dir", str(user_dir), "--warehouse", str(warehouse)]
    result = runner.invoke(app, ["ingest", "quotes", str(USERDATA_FIXTURES / "quotes_valid.csv"), *common])
    assert result.exit_code == 0, result.output
    upload_id = result.output.split("as upload ")[1].split()[0]
    listed = runner.invoke(app, ["quotes", "list", "--user-dir", str(user_dir)])
    assert upload_id in listed.output and "quotes_valid.csv" in listed.output
    compared = runner.invoke(app, ["quotes", "compare", *common])
    assert compared.exit_code == 0 and "152.5" in compared.output
    bad = tmp_path / "bad.csv"
    bad.write_text((USERDATA_FIXTURES / "quotes_valid.csv").read_text().replace("Bolt Labs,software_engineering", "Bolt,mars"))
    before = sha256(user_db_path(user_dir))
    refused = runner.invoke(app, ["ingest", "quotes", str(bad), *common])
    assert refused.exit_code == 1 and f"{bad}:4: domain: unknown domain (got 'mars'" in refused.output
    assert sha256(user_db_path(user_dir)) == before
    assert runner.invoke(app, ["quotes", "remove", upload_id, "--user-dir", str(user_dir)]).exit_code == 0
    assert runner.invoke(app, ["quotes", "remove", upload_id, "--user-dir", str(user_dir)]).exit_code == 1


def test_tasklog_synth_ingest_calibrate(tmp_path, user_dir, tiny_log):
    out = tmp_path / "s.csv"
    assert runner.invoke(app, ["synth", "tasklog", "--rows", "500", "--seed", "2", "--out", str(out)]).exit_code == 0
    assert out.read_text().count("\n") == 501
    rows = good_rows(4)
    rows[2] = rows[2].replace("accepted", "maybe")
    bad = write_log(tmp_path / "bad.csv", rows)
    refused = runner.invoke(app, ["ingest", "tasklog", str(bad), "--user-dir", str(user_dir)])
    assert refused.exit_code == 1 and f"{bad}:4: status: unknown value" in refused.output and "--quarantine" in refused.output
    kept = runner.invoke(app, ["ingest", "tasklog", str(bad), "--quarantine", "--user-dir", str(user_dir)])
    assert kept.exit_code == 0 and "3 of 4 rows, 1 quarantined" in kept.output
    result = runner.invoke(app, ["ingest", "tasklog", str(tiny_log), "--user-dir", str(user_dir)])
    tasklog_id = result.output.split("Ingested task log ")[1].split(":")[0]
    assert tasklog_id in runner.invoke(app, ["tasklog", "list", "--user-dir", str(user_dir)]).output
    scenario = tmp_path / "scenario.json"
    shutil.copy(USERDATA_FIXTURES / "scenario_small.json", scenario)
    calibrated = runner.invoke(app, ["scenario", "calibrate", str(scenario), tasklog_id, "--user-dir", str(user_dir)])
    assert calibrated.exit_code == 0, calibrated.output
    assert json.loads(scenario.read_text())["skills"][0]["usd_per_hour"] == 60
    provenance = json.loads((tmp_path / "scenario.json.provenance.json").read_text())
    assert provenance["skills.0.usd_per_hour"]["origin"] == "user_log"
    assert provenance["skills.0.usd_per_hour"]["tasklog_id"] == tasklog_id
    assert runner.invoke(app, ["tasklog", "remove", tasklog_id, "--user-dir", str(user_dir)]).exit_code == 0


def test_ingest_tasklog_engine_options(tiny_log, user_dir):
    unknown = runner.invoke(app, ["ingest", "tasklog", str(tiny_log), "--engine", "hadoop", "--user-dir", str(user_dir)])
    assert unknown.exit_code == 2 and "unknown engine" in unknown.output
    both = runner.invoke(app, ["ingest", "tasklog", str(tiny_log), "--engine", "spark", "--quarantine",
                               "--user-dir", str(user_dir)])
    assert both.exit_code == 2 and "not offered" in both.output
    assert not user_db_path(user_dir).exists()
