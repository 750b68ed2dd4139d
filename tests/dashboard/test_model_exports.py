"""Every model output's ZIP carries the scenario behind it and the sources of every input that fed it; a
caption points only to downloads that exist."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from streamlit.delta_generator import DeltaGenerator

from dashboard.model.scenario import parse_scenario
from pipelines.userdata.quotes import ingest_quotes
from tests.conftest import FIXTURE_SOURCES, USERDATA_FIXTURES
from tests.dashboard.conftest import read_csv_rows
from tests.dashboard.model_app import open_page

MODEL_PAGES = ["overview", "skill_cost_builder", "supply_and_time", "sample_efficiency", "distill_or_hire",
               "long_tail", "scenarios"]
SOURCE_IDS = {row["source_id"] for row in read_csv_rows(FIXTURE_SOURCES / "sources.csv")}


def upstream_source_ids() -> set[str]:
    """The upstream snapshots the fixture build registers as sources (one per snapshot read)."""
    from pipelines.upstream.registry import UPSTREAM_SOURCES
    from pipelines.upstream.snapshots import kept_versions
    from tests.conftest import FIXTURE_UPSTREAM

    return {f"upstream-{name}-{version}" for name in UPSTREAM_SOURCES for version in kept_versions(FIXTURE_UPSTREAM, name)}


@pytest.fixture
def zips(monkeypatch: pytest.MonkeyPatch, on_shared_warehouse: Path) -> dict[str, object]:
    """Every ZIP download a page run offers, by file name (built on demand, as a click would)."""
    captured: dict[str, object] = {}

    def record(self, label, data, file_name=None, **kwargs):
        if str(file_name).endswith(".zip"):
            captured[file_name] = data

    monkeypatch.setattr(DeltaGenerator, "download_button", record)
    return captured


def _open(data: object) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data() if callable(data) else data))


def _rows(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))


@pytest.mark.parametrize("page", MODEL_PAGES)
def test_every_model_output_zip_carries_its_scenario_and_sources(zips: dict, page: str):
    at = open_page(page, {"margin": "0.65"})
    model_zips = {}
    for name, data in zips.items():
        archive = _open(data)
        if "scenario.json" in archive.namelist():
            model_zips[name] = archive
    assert model_zips, f"{page}: no model-output table"
    for name, archive in model_zips.items():
        sources = _rows(archive, "sources.csv")
        assert sources, f"{name}: empty sources.csv"
        ids = {row["source_id"] for row in sources}
        assert ids <= SOURCE_IDS | upstream_source_ids() | {i for i in ids if i.startswith("assumption:")}, name
        scenario = parse_scenario(archive.read("scenario.json").decode())
        assert scenario.vendor_margin == 0.65, name  # the scenario on screen, not the default
        assert "scenario.json" in archive.read("README.txt").decode()
    assert not at.exception


def test_a_model_output_zip_names_the_documents_its_inputs_rest_on(zips: dict):
    open_page("skill_cost_builder")
    sources = _rows(_open(zips["skill-costs.zip"]), "sources.csv")
    documents = [row for row in sources if not row["source_id"].startswith("assumption:")]
    assert documents and all(row["title"] and row["url"].startswith("http") for row in documents)


def test_quotes_against_public_rates_carry_the_public_rates_sources(zips: dict, on_shared_warehouse: Path,
                                                                   tmp_path: Path):
    ingest_quotes(USERDATA_FIXTURES / "quotes_valid.csv", tmp_path / "user", on_shared_warehouse)
    open_page("my_data")
    rates = {row["source_id"] for row in read_csv_rows(FIXTURE_SOURCES / "expert_rates.csv")}
    quoted = {row["domain"] for row in read_csv_rows(USERDATA_FIXTURES / "quotes_valid.csv")}
    wanted = {row["source_id"] for row in read_csv_rows(FIXTURE_SOURCES / "expert_rates.csv") if row["domain"] in quoted}
    sources = {row["source_id"] for row in _rows(_open(zips["my-quotes-vs-public-rates.zip"]), "sources.csv")}
    assert wanted and sources == wanted and sources <= rates


@pytest.mark.parametrize("page", ["overview", "skill_cost_builder", "vendors", "compute_vs_data", "distill_or_hire"])
def test_a_caption_names_a_zip_download_only_where_one_follows(zips: dict, page: str):
    at = open_page(page)
    for caption in (c.value for c in at.caption):
        if "ZIP download" in caption:
            assert zips, f"{page}: a caption points to a ZIP download but the page offers none"
