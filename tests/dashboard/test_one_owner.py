"""One owner per number: every page, the model and the CLI show the same value for each shared figure,
because each reads the same mart. Run on the bundled data (so medicine has postings and a BLS pool)."""

from __future__ import annotations

import json

import duckdb
import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from dashboard.model.evaluate import evaluate
from dashboard.model.evidence import EVIDENCE_TABLES, Evidence
from dashboard.model.template import default_scenario
from dashboard.ui.scenario_link import url_key
from datamoat.cli.main import app
from pipelines.reader import load_tables
from tests.dashboard.conftest import ENTRY


def mart(warehouse, sql: str) -> float:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchone()[0]


@pytest.fixture
def on_bundled(bundled_warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("DATAMOAT_WAREHOUSE", str(bundled_warehouse))
    monkeypatch.setenv("DATAMOAT_USER_DIR", str(tmp_path / "user"))
    return bundled_warehouse


def page(name: str) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=120)
    at.run()
    at.switch_page(f"app_pages/{name}.py").run()
    assert not at.exception, at.exception
    return at


def slider_value(at: AppTest, path: str) -> float:
    key = "in:" + url_key(path)
    found = [s.value for s in (*at.slider, *at.select_slider) if s.key == key]
    assert found, f"no slider for {path}"
    return float(found[0])


def cli_resolved(warehouse, tmp_path, path: str) -> float:
    scenario_file = tmp_path / "default.json"
    template = CliRunner().invoke(app, ["scenario", "template"])
    scenario_file.write_text(template.output)
    out = CliRunner().invoke(app, ["scenario", "evaluate", str(scenario_file), "--json", "--draws", "0",
                                   "--warehouse", str(warehouse)])
    assert out.exit_code == 0, out.output
    value = json.loads(out.output)["resolved_inputs"][path]["value"]
    return value["base"] if isinstance(value, dict) else value


def test_the_medicine_rate_is_one_number_on_every_page_the_model_and_the_cli(on_bundled, tmp_path):
    owner = mart(on_bundled, "SELECT base FROM mart_domain_expert_rates WHERE evidence_filter = 'all' AND domain = 'medicine'")
    model = evaluate(default_scenario(), Evidence.from_tables(load_tables(on_bundled, EVIDENCE_TABLES)), draws=0)
    assert default_scenario().skills[0].domain == "medicine"
    assert model.resolved_inputs["skills.0.usd_per_hour"].value.base == pytest.approx(owner)
    assert cli_resolved(on_bundled, tmp_path, "skills.0.usd_per_hour") == pytest.approx(owner)
    assert slider_value(page("skill_cost_builder"), "skills.0.usd_per_hour") == pytest.approx(owner)
    rates = page("expert_rates")
    premiums = next(df.value for df in rates.dataframe if "posted_usd_per_hour" in df.value.columns)
    assert premiums.set_index("domain").loc["medicine", "posted_usd_per_hour"] == pytest.approx(owner)


def test_the_medicine_pool_and_the_h100_price_are_one_number_each(on_bundled, tmp_path):
    pool = mart(on_bundled, "SELECT base FROM mart_domain_expert_pools WHERE evidence_filter = 'all' AND domain = 'medicine'")
    price = mart(on_bundled, "SELECT base FROM mart_gpu_rental_prices WHERE evidence_filter = 'all' AND gpu = 'H100-SXM'")
    assert cli_resolved(on_bundled, tmp_path, "pools.medicine.expert_pool") == pytest.approx(pool)
    assert cli_resolved(on_bundled, tmp_path, "compute.usd_per_gpu_hour") == pytest.approx(price)
    supply = page("supply_and_time")
    table = next(df.value for df in supply.dataframe if "expert_pool" in df.value.columns and "domain" in df.value.columns)
    assert table.set_index("domain").loc["medicine", "expert_pool"] == pytest.approx(pool)
    assert slider_value(page("compute_vs_data"), "compute.usd_per_gpu_hour") == pytest.approx(price)


def test_a_log_scale_slider_shows_the_value_in_effect_not_the_nearest_power_of_ten_step(on_bundled, tmp_path):
    compute = page("compute_vs_data")
    for path in ("compute.training_flop", "compute.gpus"):
        assert slider_value(compute, path) == pytest.approx(cli_resolved(on_bundled, tmp_path, path), rel=1e-12)
