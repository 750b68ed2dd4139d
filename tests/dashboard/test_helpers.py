"""Unit tests for the dashboard's pure helpers."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import duckdb
import polars as pl
import pytest

from dashboard.ui import vendor_metrics_view as vendors
from dashboard.ui.sourcing import caption_text, safe_url
from dashboard.ui.tables import neutralise_formulas, to_csv, to_zip
from pipelines import queries


def test_neutralise_formulas_prefixes_only_risky_text_cells():
    frame = pl.DataFrame({"text": ["=SUM(A1)", "+1", "-2", "@x", "\tq", "\rq", "fine", None], "n": [-1] * 8})
    out = neutralise_formulas(frame)
    assert out["text"].to_list() == ["'=SUM(A1)", "'+1", "'-2", "'@x", "'\tq", "'\rq", "fine", None]
    assert out["n"].to_list() == [-1] * 8
    assert b"'=SUM" in to_csv(frame)


def test_zip_holds_data_cited_sources_and_readme():
    data = pl.DataFrame({"x": [1, 2], "source_id": ["a", "a"]})
    sources = pl.DataFrame({"source_id": ["a", "b"], "title": ["A", "B"]})
    with zipfile.ZipFile(io.BytesIO(to_zip("demo", data, sources))) as archive:
        assert sorted(archive.namelist()) == ["README.txt", "data.csv", "sources.csv"]
        assert pl.read_csv(archive.read("sources.csv"))["source_id"].to_list() == ["a"]
        assert "Citation rule" in archive.read("README.txt").decode()


def test_caption_links_only_http_and_escapes_markdown():
    frame = pl.DataFrame({
        "source_publisher": ["P", "Q"], "source_title": ["$5 [x](javascript:alert(1))", "T"],
        "source_url": ["javascript:alert(1)", "https://e.org/a b"], "as_of_date": [date(2024, 1, 1), date(2025, 1, 1)],
    })
    text = caption_text(frame, "as_of_date", today=date(2025, 1, 31))
    assert "](javascript" not in text and r"\$5" in text
    assert "[Q — T](https://e.org/a%20b)" in text
    assert "As of 2024-01-01 to 2025-01-01 (newest 30 days old)." in text
    assert safe_url("ftp://x") is None and safe_url("https://x.org") == "https://x.org"


def filter_evidence(frame: pl.DataFrame, hide_spec: bool, hide_sec: bool) -> pl.DataFrame:
    """The frame's rows that pass the warehouse's rule (the `passes_evidence_filter` macro the `_evidence` views use)."""
    with duckdb.connect() as con:
        con.execute(queries.EVIDENCE_FILTER_MACRO)
        rows = con.execute("SELECT confidence, evidence_class FROM (VALUES " + ", ".join("(?, ?)" for _ in frame.rows())
                           + ") AS f(confidence, evidence_class) WHERE passes_evidence_filter(?, ?, confidence, "
                           "evidence_class)", [v for row in frame.rows() for v in row] + [hide_spec, hide_sec]).fetchall()
    return pl.DataFrame(rows, schema=frame.schema, orient="row")


def test_filter_evidence():
    frame = pl.DataFrame({"confidence": ["reported", "speculative", "likely"],
                          "evidence_class": ["primary", "primary", "secondary"]})
    assert filter_evidence(frame, True, False)["confidence"].to_list() == ["reported", "likely"]
    assert filter_evidence(frame, False, True)["confidence"].to_list() == ["reported", "speculative"]
    assert filter_evidence(frame, True, True)["confidence"].to_list() == ["reported"]
    assert filter_evidence(frame, False, False).height == 3


def _vendor_rows(rows):
    frame = pl.DataFrame(rows, schema={
        "vendor": pl.String, "metric": pl.String, "value": pl.Float64, "as_of_date": pl.Date,
        "confidence": pl.String, "source_id": pl.String, "source_publisher": pl.String,
        "source_title": pl.String, "source_date_published": pl.Date}, orient="row")
    # the date the warehouse's `_cited` view ages each row by, given here as fixture data
    aged = frame.with_columns(aged_by_date=pl.coalesce("as_of_date", "source_date_published"),
                              aged_by=pl.when(pl.col("as_of_date").is_not_null()).then(pl.lit("as of")))
    return vendors.with_dates(aged)


def test_valuation_pairs_with_nearest_revenue_of_same_vendor_within_the_gap():
    frame = _vendor_rows([
        ("V", "valuation_usd", 1e10, date(2024, 6, 1), "likely", "s1", "P", "T", None),
        ("V", "revenue_usd", 5e8, date(2024, 1, 1), "reported", "s2", "P", "T", None),
        ("V", "arr_usd", 1e9, date(2024, 7, 1), "speculative", "s3", "P", "T", None),
        ("W", "revenue_usd", 1e6, date(2024, 6, 1), "reported", "s4", "P", "T", None),
        ("W", "valuation_usd", 1e9, None, "reported", "s5", "P", "T", date(2020, 1, 1)),
    ])
    out = vendors.valuation_multiples(frame)
    assert out["vendor"].to_list() == ["V"]  # W's only revenue is 4+ years from its valuation
    assert out["multiple"].to_list() == [pytest.approx(10.0)]
    assert out["pair_confidence"].to_list() == ["speculative"]


def test_revenue_per_contributor():
    frame = _vendor_rows([
        ("V", "contributors", 1000.0, date(2024, 6, 1), "reported", "s1", "P", "T", None),
        ("V", "revenue_usd", 5e8, date(2024, 5, 1), "likely", "s2", "P", "T", None),
    ])
    assert vendors.revenue_per_contributor(frame)["usd_per_contributor"].to_list() == [pytest.approx(5e5)]


def test_spans_orders_of_magnitude():
    assert vendors.spans_orders_of_magnitude([1e6, 1e9])
    assert not vendors.spans_orders_of_magnitude([1e6, 5e6, None])


