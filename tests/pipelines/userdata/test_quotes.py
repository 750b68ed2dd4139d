"""Vendor quotes: ingest, list, remove, every bad case by line and column, the user DB untouched on failure."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.problems import InvalidData
from pipelines.userdata.paths import user_db_path
from pipelines.userdata.quotes import (
    compare_with_public_rates,
    ingest_quotes,
    list_quote_uploads,
    list_quotes,
    quotes_beside_public_rates,
    remove_quote_upload,
)
from tests.conftest import USERDATA_FIXTURES, sha256

HEADER = "vendor,domain,artifact_type,usd_per_item,usd_per_hour,minimum_volume,quote_date,notes"
GOOD = "Acme,law,rubric,10,,100,2025-01-01,ok"


def _quotes(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "quotes.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_ingest_list_remove(tmp_path, user_dir, warehouse):
    first = ingest_quotes(USERDATA_FIXTURES / "quotes_valid.csv", user_dir, warehouse)
    second = ingest_quotes(_quotes(tmp_path, GOOD), user_dir, warehouse)
    uploads = list_quote_uploads(user_dir)
    assert uploads["upload_id"].to_list() == [first.upload_id, second.upload_id]
    assert uploads["row_count"].to_list() == [3, 1]
    assert uploads["file_name"].to_list() == ["quotes_valid.csv", "quotes.csv"]
    assert set(uploads["origin"]) == {"user"}
    quotes = list_quotes(user_dir)
    assert quotes.height == 4 and set(quotes["origin"]) == {"user"}
    bolt = quotes.filter(pl.col("vendor") == "Bolt Labs").row(0, named=True)
    assert (bolt["usd_per_item"], bolt["usd_per_hour"], bolt["minimum_volume"], bolt["csv_line"]) == (120, 95, 1000, 4)
    assert str(bolt["quote_date"]) == "2025-02-01"

    assert remove_quote_upload(user_dir, first.upload_id) == 3
    assert list_quote_uploads(user_dir)["upload_id"].to_list() == [second.upload_id]
    assert list_quotes(user_dir)["vendor"].to_list() == ["Acme"]
    with pytest.raises(KeyError):
        remove_quote_upload(user_dir, first.upload_id)


def test_quotes_never_touch_the_warehouse(user_dir, warehouse):
    before = sha256(warehouse)
    ingest_quotes(USERDATA_FIXTURES / "quotes_valid.csv", user_dir, warehouse)
    assert sha256(warehouse) == before
    assert user_db_path(user_dir).parent == user_dir and user_dir != warehouse.parent


@pytest.mark.parametrize(("row", "column", "fragment"), [
    ("Acme,atlantis,rubric,10,,100,2025-01-01,", "domain", "unknown domain (got 'atlantis'"),
    ("Acme,law,poem,10,,100,2025-01-01,", "artifact_type", "unknown value (got 'poem'"),
    ("Acme,law,rubric,,,100,2025-01-01,", "usd_per_item", "expected usd_per_item, usd_per_hour or both"),
    ("Acme,law,rubric,-5,,100,2025-01-01,", "usd_per_item", "negative value (got '-5'"),
    ("Acme,law,rubric,10,abc,100,2025-01-01,", "usd_per_hour", "wrong type (got 'abc'"),
    ("Acme,law,rubric,10,,1.5,2025-01-01,", "minimum_volume", "wrong type"),
    ("Acme,law,rubric,10,,100,01/02/2025,", "quote_date", "unparseable date"),
    ("Acme,law,rubric,10,,100,2999-01-01,", "quote_date", "future date"),
    (",law,rubric,10,,100,2025-01-01,", "vendor", "missing value"),
])
def test_each_bad_case_is_named_by_line_and_column(tmp_path, user_dir, warehouse, row, column, fragment):
    ingest_quotes(_quotes(tmp_path, GOOD), user_dir, warehouse)
    before = sha256(user_db_path(user_dir))
    path = _quotes(tmp_path, GOOD, GOOD.replace("Acme", "Other"), row)
    with pytest.raises(InvalidData) as caught:
        ingest_quotes(path, user_dir, warehouse)
    assert [(p.line, p.column) for p in caught.value.problems] == [(4, column)]
    assert fragment in str(caught.value.problems[0])
    assert str(caught.value.problems[0]).startswith(f"{path}:4: {column}: ")
    assert sha256(user_db_path(user_dir)) == before
    assert not list(user_dir.glob(".user.duckdb.building-*"))


def test_unknown_and_missing_columns_are_reported_on_line_1(tmp_path, user_dir, warehouse):
    path = _quotes(tmp_path, "Acme,law,rubric,10,,2025-01-01,x,oops",
                   header="vendor,domain,artifact_type,usd_per_item,usd_per_hour,quote_date,notes,colour")
    with pytest.raises(InvalidData) as caught:
        ingest_quotes(path, user_dir, warehouse)
    assert {(p.line, p.column) for p in caught.value.problems} == {(1, "colour")}
    assert not user_db_path(user_dir).exists()


def test_domains_fall_back_to_the_csv_without_a_warehouse(tmp_path, user_dir):
    with pytest.raises(InvalidData) as caught:
        ingest_quotes(_quotes(tmp_path, GOOD.replace("law", "atlantis")), user_dir, tmp_path / "missing.duckdb")
    assert "domains.csv" in str(caught.value)


def test_a_failed_write_leaves_the_user_db_unchanged(tmp_path, user_dir, warehouse, monkeypatch):
    ingest_quotes(_quotes(tmp_path, GOOD), user_dir, warehouse)
    before = sha256(user_db_path(user_dir))
    from pipelines import queries

    monkeypatch.setattr(queries, "INSERT_QUOTES_FROM_STAGED", "INSERT INTO no_such_table SELECT 1")
    with pytest.raises(duckdb.CatalogException, match="no_such_table"):
        ingest_quotes(USERDATA_FIXTURES / "quotes_valid.csv", user_dir, warehouse)
    assert sha256(user_db_path(user_dir)) == before
    assert list_quote_uploads(user_dir).height == 1


def test_compare_with_public_rates_is_per_domain():
    quotes = pl.DataFrame({"vendor": ["A", "B", "A"], "domain": ["law", "law", "physics"],
                           "usd_per_hour": [100.0, 200.0, None], "usd_per_item": [None, 30.0, 12.0]})
    rates = pl.DataFrame({"domain": ["law", "medicine"], "public_usd_per_hour": [120.0, 250.0], "public_postings": [2, 1]})
    out = compare_with_public_rates(quotes, rates)
    law = out.filter(pl.col("domain") == "law").row(0, named=True)
    assert law["public_usd_per_hour"] == 120 and law["public_postings"] == 2
    assert law["quoted_median_usd_per_hour"] == 150 and law["quotes"] == 2 and law["vendors"] == 2
    assert law["hourly_quote_to_public"] == pytest.approx(1.25)
    physics = out.filter(pl.col("domain") == "physics").row(0, named=True)
    assert physics["public_usd_per_hour"] is None and physics["public_postings"] == 0
    assert physics["quoted_median_usd_per_item"] == 12


def test_quotes_beside_the_fixture_warehouse(user_dir, warehouse):
    ingest_quotes(USERDATA_FIXTURES / "quotes_valid.csv", user_dir, warehouse)
    out = quotes_beside_public_rates(user_dir, warehouse)
    rates = dict(zip(out["domain"], out["public_usd_per_hour"], strict=True))
    assert all(out["public_source_ids"].str.len_chars() > 0)  # the public rates' sources travel with the comparison
    # the fixture's postings, by the posting rule (typical, else the middle of the range), median per domain
    assert rates == {"law": pytest.approx((190 + 115) / 2), "software_engineering": pytest.approx((100 + 95) / 2)}
    with duckdb.connect(str(warehouse), read_only=True) as con:  # the same figure the model's default reads
        model = dict(con.execute("SELECT key, base FROM mart_input_defaults WHERE evidence_filter = 'all' "
                                 "AND input = 'expert_usd_per_hour'").fetchall())
    assert all(model[domain] == pytest.approx(rate) for domain, rate in rates.items())
