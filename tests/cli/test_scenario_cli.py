import json

import pytest
from typer.testing import CliRunner

from datamoat.cli import scenario as cli
from dashboard.model.scenario import parse_scenario
from datamoat.cli.scenario import scenario_app

runner = CliRunner()


@pytest.fixture(autouse=True)
def no_warehouse(monkeypatch):
    monkeypatch.setattr(cli, "load_model_tables", lambda warehouse: {})


def test_template_exits_0_and_parses():
    result = runner.invoke(scenario_app, ["template"])
    assert result.exit_code == 0
    assert parse_scenario(result.stdout).schema_version == 1


def test_invalid_file_exits_1_listing_problems(tmp_path, small_document):
    small_document["skills"][0]["rejection_rate"] = 1.2
    small_document["vendor_margin"] = -1
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(small_document))
    result = runner.invoke(scenario_app, ["evaluate", str(path)])
    assert result.exit_code == 1
    assert "skills.0.rejection_rate: must be in [0, 1) (got 1.2)" in result.output
    assert "vendor_margin: must be in [0, 1) (got -1)" in result.output


def test_missing_file_exits_1(tmp_path):
    result = runner.invoke(scenario_app, ["evaluate", str(tmp_path / "absent.json")])
    assert result.exit_code == 1
    assert "cannot read" in result.output


def test_evaluate_json(tmp_path, small_document):
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(small_document))
    result = runner.invoke(scenario_app, ["evaluate", str(path), "--json", "--draws", "300"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["data_cost_usd"] == pytest.approx(1000 / 0.8 * 2.0 * 1.125 * 100 / 0.5)
    assert document["uncertainty"]["draws"] == 300


def test_evaluate_human_readable(tmp_path, small_document):
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(small_document))
    result = runner.invoke(scenario_app, ["evaluate", str(path)])
    assert result.exit_code == 0, result.output
    assert "Headline" in result.stdout and "Resolved inputs" in result.stdout


def test_named_missing_warehouse_exits_1(tmp_path, small_document, monkeypatch):
    monkeypatch.undo()  # use the real loader
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(small_document))
    result = runner.invoke(scenario_app, ["evaluate", str(path), "--warehouse", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no warehouse" in result.output


def test_assumptions_command_lists_reasoning():
    result = runner.invoke(scenario_app, ["assumptions"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert {"participation_rate", "utilization", "skills_demand_growth_per_year"} <= {row["key"] for row in rows}
