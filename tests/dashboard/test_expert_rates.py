"""The Expert rates page reads the marts; its premium agrees with a computation made here from the bundled CSVs
and the BLS workbook, independently of the pipeline."""

from __future__ import annotations

import csv
import statistics
from pathlib import Path

import polars as pl
import pytest

from tests.dashboard.conftest import read_csv_rows

ROOT = Path(__file__).resolve().parents[2]
RATES = read_csv_rows(ROOT / "data" / "sources" / "expert_rates.csv")


def _num(text: str) -> float | None:
    return float(text) if text.strip() else None


def point_rate(row: dict[str, str]) -> float | None:
    """Typical pay, else the middle of a full range; a ceiling-only posting has no point rate."""
    low, typical, high = (_num(row[f"usd_per_hour_{k}"]) for k in ("low", "typical", "high"))
    if typical is not None:
        return typical
    return (low + high) / 2 if low is not None and high is not None else None


def day_job_wage(domain: str) -> float:
    """Employment-weighted mean of the median hourly wages of the domain's mapped occupations (newest BLS year)."""
    with (ROOT / "data" / "sources" / "domain_occupations.csv").open(encoding="utf-8") as handle:
        codes = {(r["soc_code"], r["o_group"]) for r in csv.DictReader(handle) if r["domain"] == domain}
    workbook = next((ROOT / "data" / "upstream" / "bls-oews").glob("*/national_M2025_dl.xlsx"))
    frame = pl.read_excel(workbook, infer_schema_length=0)
    rows = [r for r in frame.iter_rows(named=True) if (r["OCC_CODE"], r["O_GROUP"]) in codes]
    assert rows, f"no BLS row for {domain}"
    pairs = [(float(r["TOT_EMP"]), float(r["H_MEDIAN"])) for r in rows if r["H_MEDIAN"] not in ("*", "#", None)]
    return sum(e * w for e, w in pairs) / sum(e for e, _ in pairs)


@pytest.fixture
def rates_page(bundled_warehouse, tmp_path, monkeypatch):
    from tests.dashboard.test_one_owner import page

    monkeypatch.setenv("DATAMOAT_WAREHOUSE", str(bundled_warehouse))
    monkeypatch.setenv("DATAMOAT_USER_DIR", str(tmp_path / "user"))
    return page("expert_rates")


def test_law_premium_matches_an_independent_computation(rates_page):
    points = [p for r in RATES if r["domain"] == "law" and (p := point_rate(r)) is not None]
    expected = statistics.median(points) / day_job_wage("law")
    table = next(df.value for df in rates_page.dataframe if "posted_usd_per_hour" in df.value.columns).set_index("domain")
    assert table.loc["law", "base"] == pytest.approx(expected)
    assert table.loc["law", "postings"] == sum(r["domain"] == "law" for r in RATES)


def test_ceiling_only_postings_count_towards_the_high_end(rates_page):
    medicine = [r for r in RATES if r["domain"] == "medicine"]
    ceilings = [float(r["usd_per_hour_high"]) for r in medicine if point_rate(r) is None]
    assert ceilings, "the bundled data has medicine postings stating only a ceiling"
    highs = [float(r["usd_per_hour_high"] or r["usd_per_hour_typical"]) for r in medicine]
    table = next(df.value for df in rates_page.dataframe if "posted_usd_per_hour" in df.value.columns).set_index("domain")
    posted = table.loc["medicine", "posted_usd_per_hour"]
    assert table.loc["medicine", "high"] * table.loc["medicine", "day_job_usd_per_hour"] == \
        pytest.approx(max(statistics.median(highs), posted))


def posting_table(at):
    """The postings table: the last table on the page, or the one before it when the quotes table comes last."""
    last = at.dataframe[-1].value
    return at.dataframe[-2].value if "quoted_median_usd_per_hour" in last.columns else last


def test_domain_filter_and_hide_speculative(rates_page):
    at = rates_page
    at.multiselect[0].set_value(["software_engineering"]).run()
    assert not at.exception
    postings = posting_table(at)
    assert set(postings["domain"]) == {"software_engineering"}
    before = len(postings)
    at.toggle(key="hide_speculative").set_value(True).run()
    assert not at.exception
    kept = [r for r in RATES if r["domain"] == "software_engineering" and r["confidence"] != "speculative"]
    postings = posting_table(at)
    assert len(postings) == len(kept) < before
