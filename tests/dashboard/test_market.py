"""The market page under AppTest, on the bundled data: it renders with six or more years on each series, draws
exactly the series `datamoat market --json` prints, names the sources in every tooltip and caption, keeps the
evidence filter in the link, and offers every download."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import polars as pl
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from dashboard.ui.tables import cited_sources
from datamoat.cli.main import app as cli
from tests.dashboard.model_app import open_page

PAGE = "market"


def opened(warehouse: Path, query: dict[str, str] | None = None) -> AppTest:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATAMOAT_WAREHOUSE", str(warehouse))
        return open_page(PAGE, query)


def cli_document(warehouse: Path, evidence_filter: str = "all") -> dict:
    result = CliRunner().invoke(cli, ["market", "--json", "--warehouse", str(warehouse), "--evidence", evidence_filter])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def charts(at: AppTest) -> list[tuple[dict, list[pd.DataFrame]]]:
    """Each chart's Vega-Lite spec and the data sets it draws."""
    return [(json.loads(c.proto.spec), [convert_arrow_bytes_to_pandas_df(d.data.data) for d in c.proto.datasets])
            for c in at.get("vega_lite_chart")]


def frames_with(at: AppTest, *columns: str, without: str | None = None) -> pd.DataFrame:
    found = [f for _, frames in charts(at) for f in frames
             if set(columns) <= set(f.columns) and (without is None or without not in f.columns)]
    assert found, f"no chart draws {columns}"
    return pd.concat(found).drop_duplicates()


def layers(spec: dict) -> list[dict]:
    out = []
    for layer in spec.get("layer", [spec]):
        out += layers(layer) if "layer" in layer else [layer]
    return out


def pairs(frame: pd.DataFrame, *columns: str) -> set[tuple]:
    rows = frame[list(columns)].itertuples(index=False)
    return {tuple(round(v, 3) if isinstance(v, float) else v for v in row) for row in rows}


@pytest.fixture(scope="module")
def page(bundled_warehouse) -> AppTest:
    return opened(bundled_warehouse)


@pytest.fixture(scope="module")
def document(bundled_warehouse) -> dict:
    return cli_document(bundled_warehouse)


def test_the_page_renders_six_years_or_more_on_each_series(page):
    assert not page.exception
    assert page.title[0].value == "The market"
    assert len(charts(page)) == 5  # human data, coverage, training compute, growth, ratio
    bars = frames_with(page, "vendor", "revenue_basis", "figure_count")
    assert bars["year"].nunique() >= 6
    compute = frames_with(page, "series", "counts", "usd")
    for series, years in compute.groupby("series")["year"].nunique().items():
        assert years >= 6, series


def test_the_page_draws_what_the_cli_prints(page, document):
    bars = frames_with(page, "vendor", "revenue_basis", "figure_count")
    assert pairs(bars, "vendor", "year", "revenue_usd") == {
        (r["vendor"], r["year"], round(r["revenue_usd"], 3)) for r in document["vendor_years"] if r["revenue_usd"] is not None}
    totals = frames_with(page, "vendors_with_figure", "status", without="label")
    human = document["series"]["human_data_revenue"]["points"]
    assert pairs(totals, "year", "revenue_usd") == {(p["year"], round(p["usd"], 3)) for p in human if p["usd"] is not None}
    drawn = frames_with(page, "series", "counts", "usd", "key")
    for key, series in document["series"].items():
        expected = {(p["year"], round(p["usd"], 3)) for p in series["points"] if p["usd"] is not None}
        assert pairs(drawn[drawn["key"] == key], "year", "usd") == expected, key
    labs = frames_with(page, "lab", "spending_basis", "usd")
    assert pairs(labs, "year", "lab", "usd") == {(p["year"], p["lab"], round(p["usd"], 3)) for p in document["lab_points"]}
    ratio = frames_with(page, "human_data_to_compute_ratio", "skills_bought")
    assert pairs(ratio, "year", "human_data_to_compute_ratio") == {
        (r["year"], round(r["human_data_to_compute_ratio"], 3)) for r in document["ratio"]
        if r["human_data_to_compute_ratio"] is not None}
    assert pairs(ratio, "year", "skills_bought") == {
        (r["year"], round(r["skills_bought"], 3)) for r in document["ratio"] if r["human_data_to_compute_ratio"] is not None}
    text = "\n".join(m.value for m in page.markdown)
    assert document["crossing"]["statement"] in text
    for series in document["series"].values():
        assert f"×{series['fit']['factor_per_year']:.2f} a year (90 % interval ×{series['fit']['factor_low']:.2f}" in text


def test_every_point_names_its_sources(page):
    for spec, frames in charts(page):
        for layer in layers(spec):
            tooltip = layer.get("encoding", {}).get("tooltip")
            if tooltip is None:  # only the reference line at 1 (equal spend), which is not a figure
                assert layer["mark"]["type"] == "rule" and set(layer["encoding"]) == {"y"}, layer
                continue
            assert "source_titles" in [t["field"] for t in tooltip], layer["mark"]
        for frame in frames:
            if "source_titles" in frame.columns:
                assert frame["source_titles"].fillna("").str.len().gt(0).all()
    bars = frames_with(page, "vendor", "revenue_basis", "figure_count")
    surge = bars[(bars["vendor"] == "Surge AI") & (bars["year"] == 2024)].iloc[0]
    assert "Reuters" in surge["source_titles"] and "Forbes" in surge["source_titles"]  # titles, not slugs
    assert "upstream-epoch" not in "".join(frames_with(page, "series", "counts", "usd")["source_titles"])


def test_every_chart_compiles_and_renders(page):
    """Vega-Lite accepts every specification with its data (a chart Vega cannot compile draws nothing)."""
    import vl_convert

    for chart in page.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        spec["datasets"] = {d.name: json.loads(convert_arrow_bytes_to_pandas_df(d.data.data).to_json(
            orient="records", date_format="iso")) for d in chart.proto.datasets}
        svg = vl_convert.vegalite_to_svg(json.dumps(spec))
        assert svg.startswith("<svg")


def test_captions_name_sources_with_dates_and_credit_epoch(page):
    captions = [c.value for c in page.caption]
    sourced = [c for c in captions if c.startswith("Source")]
    assert len(sourced) >= 5 and all("As of" in c for c in sourced)
    assert any(c.startswith("Data: Epoch AI") and "CC BY 4.0" in c for c in captions)


def test_tables_and_charts_offer_every_download(page):
    labels = [b.label for b in page.get("download_button")]
    assert labels.count("CSV (as shown)") == labels.count("CSV (all rows)") == labels.count("ZIP (data, sources, README)") >= 4
    toggles = [t.label for t in page.toggle if t.key and t.key.startswith("chart-downloads-")]
    assert len(toggles) == 5


def test_a_zip_cites_the_pooled_sources_of_a_mart():
    sources = pl.DataFrame({"source_id": ["a", "b", "c", "d"], "title": list("ABCD")})
    frame = pl.DataFrame({"year": [2023, 2024, 2025], "source_ids": ["a;b", None, "b"]})
    assert cited_sources(frame, sources)["source_id"].to_list() == ["a", "b"]
    both = frame.with_columns(source_id=pl.Series(["d", None, None]))
    assert cited_sources(both, sources)["source_id"].to_list() == ["a", "b", "d"]


def test_the_link_carries_the_evidence_filter(bundled_warehouse):
    at = opened(bundled_warehouse, {"ev": "no_speculative"})
    assert at.query_params["ev"] == ["no_speculative"] or at.query_params["ev"] == "no_speculative"
    expected = cli_document(bundled_warehouse, "no_speculative")
    bars = frames_with(at, "vendor", "revenue_basis", "figure_count")
    assert pairs(bars, "vendor", "year", "revenue_usd") == {
        (r["vendor"], r["year"], round(r["revenue_usd"], 3)) for r in expected["vendor_years"] if r["revenue_usd"] is not None}
    assert "speculative" not in set(bars["confidence"])
    assert expected["crossing"]["statement"] in "\n".join(m.value for m in at.markdown)


def test_the_sidebar_filter_moves_the_page_and_the_link(bundled_warehouse):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATAMOAT_WAREHOUSE", str(bundled_warehouse))
        at = open_page(PAGE)
        before = set(frames_with(at, "vendor", "revenue_basis", "figure_count")["vendor"])
        at.toggle(key="hide_speculative").set_value(True).run()
    assert not at.exception
    after = set(frames_with(at, "vendor", "revenue_basis", "figure_count")["vendor"])
    assert "Labelbox" in before and "Labelbox" not in after  # its only figure is speculative
    assert "no_speculative" in str(at.query_params["ev"])


def test_a_dearer_scenario_buys_fewer_skills(page, bundled_warehouse):
    def skills(at: AppTest) -> float:
        line = next(m.value for m in at.markdown if "would pay for about" in m.value)
        return float(line.split("about **")[1].split(" skills")[0].replace(",", ""))

    dearer = opened(bundled_warehouse, {"margin": "0.8"})  # the vendor takes 80 %: the data costs more
    assert not dearer.exception
    assert skills(dearer) < skills(page)
    ratio = frames_with(dearer, "human_data_to_compute_ratio", "skills_bought")
    default = frames_with(page, "human_data_to_compute_ratio", "skills_bought")
    assert (ratio.sort_values("year")["skills_bought"].to_numpy() < default.sort_values("year")["skills_bought"].to_numpy()).all()


def test_the_page_renders_on_the_small_fixture(app_on_fixture):
    at = app_on_fixture("market.py")
    assert not at.exception
    assert at.title[0].value == "The market"


def test_the_overview_links_to_the_market(app_on_fixture):
    at = app_on_fixture("overview.py")
    links = [e.proto.label for e in at.get("page_link")]
    assert any(label.startswith("The market") for label in links)
