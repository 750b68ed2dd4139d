"""`datamoat scenario …`: template, evaluate (JSON and tables), assumptions; errors exit 1 with a message."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dashboard.model.evidence import Evidence
from dashboard.model.inputs import INPUTS
from dashboard.model.scenario import parse_scenario, scenario_to_json
from dashboard.model.template import default_scenario
from dashboard.ui.scenario_link import default_document
from datamoat.cli import scenario as cli
from datamoat.cli.scenario import scenario_app
from tests.model.builders import SMALL_EXPERT_HOURS, SMALL_V1, Marts

runner = CliRunner()


@pytest.fixture(autouse=True)
def no_warehouse(monkeypatch):
    monkeypatch.setattr(cli, "load_evidence", lambda warehouse, evidence_filter="all": Evidence(evidence_filter))


def write(tmp_path, document, name="scenario.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_template_prints_the_scenario_the_dashboard_opens_with():
    result = runner.invoke(scenario_app, ["template"])
    assert result.exit_code == 0
    printed = parse_scenario(result.stdout)
    assert printed.schema_version == 2
    assert printed == default_scenario()
    assert json.loads(result.stdout) == default_document()
    assert result.stdout.strip() == scenario_to_json(default_scenario())


def test_invalid_file_exits_1_listing_problems(tmp_path, small_document):
    small_document["skills"][0]["rejection_rate"] = 1.2
    small_document["vendor_margin"] = -1
    small_document["pools"]["law"]["participation_rate"] = 0
    result = runner.invoke(scenario_app, ["evaluate", str(write(tmp_path, small_document))])
    assert result.exit_code == 1
    assert "skills.0.rejection_rate: must be in [0, 1) (got 1.2)" in result.output
    assert "vendor_margin: must be in [0, 1) (got -1)" in result.output
    assert "pools.law.participation_rate: must be in (0, 1] (got 0)" in result.output


def test_missing_file_exits_1(tmp_path):
    result = runner.invoke(scenario_app, ["evaluate", str(tmp_path / "absent.json")])
    assert result.exit_code == 1
    assert "cannot read" in result.output


def test_evaluate_json(tmp_path, small_document):
    result = runner.invoke(scenario_app, ["evaluate", str(write(tmp_path, small_document)), "--json", "--draws", "300"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["data_cost_usd"] == pytest.approx(SMALL_EXPERT_HOURS * 100 / 0.5)
    assert document["pools"][0]["weeks_to_assemble"] == pytest.approx(SMALL_EXPERT_HOURS / (10_000 * 0.01 * 10))
    assert document["uncertainty"]["draws"] == 300


def test_a_version_1_file_is_migrated(tmp_path):
    result = runner.invoke(scenario_app, ["evaluate", str(write(tmp_path, SMALL_V1)), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["schema_version"] == 2 and document["pools"][0]["domain"] == "law"


def test_a_refused_version_1_file_exits_1(tmp_path):
    document = json.loads(json.dumps(SMALL_V1))
    document["compute"]["gpu_useful_life_years"] = 4
    result = runner.invoke(scenario_app, ["evaluate", str(write(tmp_path, document))])
    assert result.exit_code == 1
    assert "compute.gpu_useful_life_years: removed in version 2" in result.output


def test_evaluate_human_readable(tmp_path, small_document):
    result = runner.invoke(scenario_app, ["evaluate", str(write(tmp_path, small_document))])
    assert result.exit_code == 0, result.output
    assert "Headline" in result.stdout and "Resolved inputs" in result.stdout


def test_a_warehouse_margin_out_of_range_exits_1_naming_it(tmp_path, monkeypatch):
    evidence = Marts().default("vendor_margin", 1.0, mart="mart_vendor_gross_margin").evidence()
    monkeypatch.setattr(cli, "load_evidence", lambda warehouse, evidence_filter="all": evidence)
    path = write(tmp_path, json.loads(scenario_to_json(default_scenario())))
    result = runner.invoke(scenario_app, ["evaluate", str(path)])
    assert result.exit_code == 1
    assert "vendor_margin" in result.output and "mart_vendor_gross_margin" in result.output
    assert "Traceback" not in result.output


def test_unknown_evidence_filter_is_a_usage_error(tmp_path, small_document):
    result = runner.invoke(scenario_app, ["evaluate", str(write(tmp_path, small_document)), "--evidence", "most"])
    assert result.exit_code == 2


def test_named_missing_warehouse_exits_1(tmp_path, small_document, monkeypatch):
    monkeypatch.undo()  # use the real loader
    result = runner.invoke(scenario_app, ["evaluate", str(write(tmp_path, small_document)), "--warehouse",
                                          str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no warehouse" in result.output


def test_evaluate_reads_the_marts_of_a_built_warehouse(tmp_path, warehouse, monkeypatch):
    monkeypatch.undo()
    path = write(tmp_path, json.loads(scenario_to_json(default_scenario())))
    result = runner.invoke(scenario_app, ["evaluate", str(path), "--json", "--draws", "0", "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    inputs = json.loads(result.stdout)["resolved_inputs"]
    assert inputs["skills.1.usd_per_hour"]["origin"] == "warehouse"  # law has posted rates in the fixture
    assert inputs["skills.1.usd_per_hour"]["mart"] == "mart_domain_expert_rates"


def test_assumptions_lists_exactly_the_registry_assumptions():
    result = runner.invoke(scenario_app, ["assumptions"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [row["input"] for row in rows] == [path for path, spec in INPUTS.items() if spec.assumption]
    for row in rows:
        assumption = INPUTS[row["input"]].assumption
        assert row["reasoning"] == assumption.reasoning
        low, base, high = (assumption.value.low, assumption.value.base, assumption.value.high) \
            if hasattr(assumption.value, "base") else (assumption.value,) * 3
        assert (row["low"], row["base"], row["high"]) == (low, base, high)
