"""`datamoat market [--json]`: the market's series on the bundled data, the filters, the scenario, and errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from datamoat.cli.main import app

runner = CliRunner()


def run_json(warehouse, *extra: str) -> dict:
    result = runner.invoke(app, ["market", "--json", "--warehouse", str(warehouse), *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_has_every_series_over_the_market_years(bundled_warehouse):
    document = run_json(bundled_warehouse)
    assert document["years"][0] == 2019 and document["years"] == list(range(2019, document["years"][-1] + 1))
    for key, series in document["series"].items():
        assert [p["year"] for p in series["points"]] == document["years"], key  # one entry a year, gaps as null
        with_figure = [p for p in series["points"] if p["usd"] is not None]
        assert len(with_figure) >= 6, key
        assert series["fit"]["points"] == len(with_figure)
        assert series["fit"]["factor_low"] < series["fit"]["factor_per_year"] < series["fit"]["factor_high"]
    human = {p["year"]: p for p in document["series"]["human_data_revenue"]["points"]}
    assert human[2019]["usd"] is None and human[2019]["count"] == 0  # a gap, not a zero
    assert human[2024]["usd"] == 870e6 + 1.1e9 + 134e6 + 50e6
    assert document["crossing"]["statement"]
    assert {p["spend_side"] for p in document["lab_points"]} == {"human data", "compute"}


def test_skills_bought_use_the_default_scenarios_data_cost(bundled_warehouse, tmp_path):
    template = runner.invoke(app, ["scenario", "template"]).stdout
    (tmp_path / "default.json").write_text(template, encoding="utf-8")
    evaluated = runner.invoke(app, ["scenario", "evaluate", str(tmp_path / "default.json"), "--json", "--draws", "0",
                                    "--warehouse", str(bundled_warehouse)])
    assert evaluated.exit_code == 0, evaluated.output
    result = json.loads(evaluated.stdout)
    per_skill = result["data_cost_usd"] / len(result["skills"])
    bought = run_json(bundled_warehouse)["skills_bought"]
    assert bought["year"] == 2024  # four vendors: the best-covered year
    assert bought["skills_bought"] == (870e6 + 1.1e9 + 134e6 + 50e6) / per_skill
    cheaper = json.loads(template)
    cheaper["skills"] = cheaper["skills"][:1]
    (tmp_path / "one.json").write_text(json.dumps(cheaper), encoding="utf-8")
    one = run_json(bundled_warehouse, "--scenario", str(tmp_path / "one.json"))["skills_bought"]
    assert one["skills"] == 1 and one["skills_bought"] != bought["skills_bought"]


def test_the_evidence_filter_moves_the_series(bundled_warehouse):
    everything = run_json(bundled_warehouse)
    reported = run_json(bundled_warehouse, "--evidence", "no_speculative")
    assert reported["evidence_filter"] == "no_speculative"
    def vendors(document: dict) -> set[str]:
        return {r["vendor"] for r in document["vendor_years"] if r["revenue_usd"] is not None}

    # Labelbox's only revenue figure (FY2024, a blog with no cited source) is speculative: it leaves the sums
    assert "Labelbox" in vendors(everything) and "Labelbox" not in vendors(reported)
    assert all(r["confidence"] != "speculative" for r in reported["vendor_years"] if r["revenue_usd"] is not None)
    assert all(p["confidence"] != "speculative" for p in reported["lab_points"])
    # 2024 loses Labelbox's $50M; Invisible's $134M stays (one of its two sources is likely)
    assert everything["series"]["human_data_revenue"]["points"][5]["usd"] == 2154e6
    assert reported["series"]["human_data_revenue"]["points"][5]["usd"] == 2104e6


def test_tables_by_default(bundled_warehouse):
    result = runner.invoke(app, ["market", "--warehouse", str(bundled_warehouse)], terminal_width=200)
    assert result.exit_code == 0, result.output
    for needle in ("The market per year", "Growth: log-linear fit per series", "×2.12", "would buy", "2024"):
        assert needle in result.stdout


def test_the_fixture_warehouse_with_few_figures_still_answers(built_fixture_warehouse):
    document = run_json(built_fixture_warehouse)
    assert set(document["series"]) >= {"human_data_revenue", "training_compute_sum_all"}


def test_errors(tmp_path, bundled_warehouse):
    missing = runner.invoke(app, ["market", "--warehouse", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "datamoat build" in missing.output
    bad_filter = runner.invoke(app, ["market", "--warehouse", str(bundled_warehouse), "--evidence", "some"])
    assert bad_filter.exit_code == 2
    (tmp_path / "bad.json").write_text('{"schema_version": 2, "skills": []}', encoding="utf-8")
    bad_scenario = runner.invoke(app, ["market", "--warehouse", str(bundled_warehouse), "--scenario",
                                       str(tmp_path / "bad.json")])
    assert bad_scenario.exit_code == 1 and "Invalid scenario" in bad_scenario.output
