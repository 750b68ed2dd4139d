"""Each source's parser on real (small) snapshots: columns mapped by name, units, flags, merges, confidence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from pipelines.upstream import bls_oews, dpi, epoch_models, litellm_prices
from pipelines.upstream.base import Snapshot
from pipelines.upstream.loader import parse_versions
from pipelines.upstream.registry import UPSTREAM_SOURCES, UPSTREAM_TABLES
from pipelines.upstream.rows import map_columns
from tests.conftest import FIXTURE_UPSTREAM
from tests.pipelines.upstream.conftest import current_file, edited_csv


def parsed(name: str, upstream: Path = FIXTURE_UPSTREAM):
    result, _ = parse_versions(UPSTREAM_SOURCES[name], upstream)
    assert result.problems == []
    return result


def snapshot_of(source: str, files: dict[str, bytes], version: str = "2026-01-01") -> Snapshot:
    return Snapshot(source, version, Path("."), None, files)


@pytest.mark.parametrize("name", list(UPSTREAM_SOURCES))
def test_every_source_gives_its_tables_with_the_declared_columns(name):
    result = parsed(name)
    for table in UPSTREAM_SOURCES[name].tables:
        if table.derived_by_sql:
            continue
        frame = result.frames[table.name]
        assert frame.height > 0
        assert frame.schema == pl.Schema(table.polars_schema()), table.name
        assert frame["source_id"].str.starts_with(f"upstream-{name}-").all()
        assert frame["confidence"].is_in(["reported", "likely", "speculative"]).all()


def test_epoch_files_merge_into_one_row_per_model():
    frame = parsed("epoch-models").frames["ai_models"]
    assert frame["model"].is_unique().all()
    gpt4 = frame.filter(pl.col("model") == "GPT-4 (Mar 2023)").row(0, named=True)
    assert gpt4["upstream_file"] == "notable_ai_models.csv; frontier_ai_models.csv; large_scale_ai_models.csv"
    assert gpt4["is_frontier"] and gpt4["training_compute_flop"] == 2.1e25 and gpt4["publication_date"] == date(2023, 3, 15)
    assert gpt4["epoch_confidence"] == "Likely" and gpt4["confidence"] == "likely"


@pytest.mark.parametrize(
    "epoch, ours",
    [
        ("Confident", "likely"),
        ("Likely", "likely"),
        ("Speculative", "speculative"),
        ("Unknown", "speculative"),
        ("", "speculative"),
    ],
)
def test_epoch_confidence_maps_onto_ours_and_nothing_is_reported(epoch, ours):
    def relabel(header, rows):
        column = header.index("Confidence")
        for row in rows:
            row[column] = epoch

    notable = edited_csv(current_file(FIXTURE_UPSTREAM, "epoch-models", "notable_ai_models.csv"), relabel)
    frame = epoch_models.parse(snapshot_of("epoch-models", {"notable_ai_models.csv": notable})).frames["ai_models"]
    assert frame["confidence"].unique().to_list() == [ours]


def test_columns_are_mapped_by_name_not_position():
    def reverse(header, rows):
        header.reverse()
        for row in rows:
            row.reverse()

    original = current_file(FIXTURE_UPSTREAM, "epoch-models", "notable_ai_models.csv")
    straight = epoch_models.parse(snapshot_of("epoch-models", {"notable_ai_models.csv": original})).frames["ai_models"]
    backwards = epoch_models.parse(snapshot_of("epoch-models", {"notable_ai_models.csv": edited_csv(original, reverse)}))
    assert backwards.frames["ai_models"].equals(straight)


def test_a_missing_required_column_names_the_file_and_the_column():
    _, problems = map_columns("frontier_ai_models.csv", ["Model", "Domain"], epoch_models.COLUMNS, ("model", "epoch_confidence"))
    assert [(p.path, p.column, p.message) for p in problems] == [
        ("frontier_ai_models.csv", "'Confidence'", "required column missing (renamed or dropped upstream?)")
    ]


def test_bls_special_values_are_flags_never_numbers():
    frame = parsed("bls-oews").frames["occupation_wages"]
    flagged = frame.filter(pl.col("wage_flags").is_not_null())
    assert flagged.height > 0
    for row in flagged.iter_rows(named=True):
        for pair in row["wage_flags"].split("; "):
            column, flag = pair.split("=")
            assert flag in ("*", "#") and row[column] is None
    assert set(frame["o_group"]) <= {"total", "major", "minor", "broad", "detailed"}
    assert frame["year"].unique().sort().to_list() == [2024, 2025]
    total = frame.filter((pl.col("soc_code") == "00-0000") & (pl.col("year") == 2025)).row(0, named=True)
    assert total["employment"] > 100_000_000 and total["confidence"] == "reported"


def test_bls_star_values_in_an_edited_workbook_become_flags():
    cells = dict.fromkeys(bls_oews.COLUMNS, "12.5") | {
        "usd_per_hour_mean": "*", "usd_per_year_p90": "#", "employment": "**", "employment_rse_percent": "**",
        "annual": "TRUE", "hourly": None,
    }
    frame = pl.DataFrame([cells, dict.fromkeys(bls_oews.COLUMNS, "3")], schema=dict.fromkeys(bls_oews.COLUMNS, pl.String))
    row, plain = bls_oews._special_values_as_flags(frame).iter_rows(named=True)
    assert row["usd_per_hour_mean"] is None and row["usd_per_year_p90"] is None and row["employment"] is None
    assert row["wage_flags"] == "usd_per_hour_mean=*; usd_per_year_p90=#" and row["employment_flag"] == "**"
    assert row["employment_rse_percent"] is None and row["usd_per_hour_median"] == "12.5"
    assert row["is_annual_only"] is True and row["is_hourly_only"] is False
    assert plain["wage_flags"] is None and plain["employment_flag"] is None and plain["employment"] == "3"


def test_litellm_prices_are_per_million_tokens_and_sample_spec_is_not_a_model():
    frame = parsed("litellm-prices").frames["api_price_list"]
    assert "sample_spec" not in frame["model_key"].to_list()
    gpt4o = frame.filter((pl.col("model_key") == "gpt-4o") & (pl.col("snapshot_version") == "2025-06-28")).row(0, named=True)
    assert gpt4o["usd_per_million_input_tokens"] == 2.5 and gpt4o["usd_per_million_output_tokens"] == 10.0
    assert gpt4o["provider"] == "openai" and gpt4o["mode"] == "chat" and gpt4o["context_window_tokens"] == 128_000
    assert gpt4o["is_priced"] and gpt4o["confidence"] == "speculative"
    assert frame["snapshot_version"].unique().sort().to_list() == ["2025-03-31", "2025-06-28"]


def test_litellm_entries_that_are_not_objects_are_metadata_and_bad_prices_are_kept_aside():
    table = (
        b'{"sample_spec": {}, "last_updated": "2025-03-31", "m1": {"input_cost_per_token": 1e-06, '
        b'"output_cost_per_token": 2e-06, "litellm_provider": "x"}, "m2": {"input_cost_per_token": "free"}}'
    )
    result = litellm_prices.parse(snapshot_of("litellm-prices", {litellm_prices.FILE: table}))
    assert result.frames["api_price_list"]["model_key"].to_list() == ["m1"]
    assert [(r.row, r.column) for r in result.rejects] == [(2, "usd_per_million_input_tokens")]
    assert result.problems, "1 bad row of 2 is more than 5 %"


def test_a_litellm_price_given_as_text_or_true_is_kept_aside_never_taken_unscaled():
    table = (b'{"m1": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06}, '
             b'"m2": {"input_cost_per_token": "0.000001", "output_cost_per_token": 2e-06}, '
             b'"m3": {"input_cost_per_token": 1e-06, "output_cost_per_token": true}}')
    result = litellm_prices.parse(snapshot_of("litellm-prices", {litellm_prices.FILE: table}))
    assert result.frames["api_price_list"]["usd_per_million_input_tokens"].to_list() == [1.0]
    assert [(r.row, r.column, r.value) for r in result.rejects] == [
        (2, "usd_per_million_input_tokens", "0.000001"), (3, "usd_per_million_output_tokens", "True")]
    assert all("expected a JSON number" in r.reason for r in result.rejects)


def test_litellm_entries_unchanged_between_snapshots_carry_the_later_snapshot_and_changed_ones_are_rechecked():
    def table(m2_input: str) -> bytes:
        return ('{"m1": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06, "litellm_provider": "x"}, '
                f'"m2": {{"input_cost_per_token": {m2_input}, "output_cost_per_token": 4e-06}}}}').encode()

    def parse(m2_input: str, version: str):
        return litellm_prices.parse(snapshot_of("litellm-prices", {litellm_prices.FILE: table(m2_input)}, version))

    first = parse("3e-06", "2025-01-02").frames["api_price_list"]
    same = parse("3e-06", "2025-02-03").frames["api_price_list"]
    assert same["snapshot_date"].to_list() == [date(2025, 2, 3)] * 2
    assert same["source_id"].to_list() == ["upstream-litellm-prices-2025-02-03"] * 2
    assert same.drop("snapshot_version", "snapshot_date", "source_id").equals(
        first.drop("snapshot_version", "snapshot_date", "source_id"))
    broken = parse('"free"', "2025-03-04")
    assert broken.frames["api_price_list"]["model_key"].to_list() == ["m1"]
    assert [(r.row, r.column) for r in broken.rejects] == [(2, "usd_per_million_input_tokens")]
    cheaper = parse("1e-06", "2025-04-05").frames["api_price_list"]
    assert cheaper["usd_per_million_input_tokens"].to_list() == [1.0, 1.0]
    assert cheaper["upstream_row"].to_list() == [1, 2]


def test_dpi_rows_say_human_or_model_generated_and_keep_lists_as_text():
    frame = parsed("dpi").frames["finetune_datasets"]
    alpaca = frame.filter(pl.col("dataset_id") == "alpaca").row(0, named=True)
    assert alpaca["is_model_generated"] and alpaca["model_generated_by"] == "OpenAI GPT-3"
    assert alpaca["has_human_annotation"] is False and alpaca["dialogs"] == 52002
    assert alpaca["licenses"] == "OpenAI; CC BY-NC 4.0" and alpaca["hf_date"] == date(2023, 3, 13)
    assert "_template.json" not in frame["upstream_file"].to_list()
    assert frame.filter(~pl.col("is_model_generated")).height > 0


def test_dpi_partial_dates_keep_their_month_or_year():
    record = dpi.record_of("x", {"Collection": "C", "Inferred Metadata": {"HF Date": "2023-05", "Github Date": "2022"}})
    row = dpi.FinetuneDatasetRow.model_validate({**record, "source_id": "s", "upstream_file": "f", "confidence": "likely"})
    assert row.hf_date == date(2023, 5, 1) and row.github_date == date(2022, 1, 1)


def test_every_table_is_registered_once_with_a_described_column():
    assert set(UPSTREAM_TABLES) == {
        "ai_models",
        "ml_hardware",
        "occupation_wages",
        "api_price_list",
        "api_price_changes",
        "finetune_datasets",
    }
    for table in UPSTREAM_TABLES.values():
        for column, spec in table.row_model.model_fields.items():
            assert spec.description, f"{table.name}.{column} has no description"
