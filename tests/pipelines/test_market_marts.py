"""The market's marts on the bundled data, recomputed here in plain Python from the CSV and the Epoch snapshot.

The expected figures never come from the code under test: the revenue rule is re-applied to
data/sources/vendor_metrics.csv read with the csv module, the training costs are summed from Epoch AI's
gzipped CSVs, and the growth fit is redone with scipy.stats.linregress.
"""

from __future__ import annotations

import csv
import gzip
import math
import re
import statistics
from collections import defaultdict
from pathlib import Path

import duckdb
import numpy as np
import pytest
from scipy import stats

from dashboard.model.market import MARKET_TABLES, market
from pipelines.paths import DATA_DIR, SOURCES_DIR
from pipelines.reader import load_tables

EPOCH = DATA_DIR / "upstream" / "epoch-models" / (DATA_DIR / "upstream" / "epoch-models" / "CURRENT").read_text().strip()
EPOCH_FILES = ("notable_ai_models.csv", "frontier_ai_models.csv", "large_scale_ai_models.csv")  # first file wins
EPOCH_NUMBERS = ("Parameters", "Training compute (FLOP)", "Training dataset size (total)", "Hardware quantity",
                 "Training time (hours)", "Training compute cost (2023 USD)")
FIRST_YEAR = 2019


# ------------------------------------------------------------------ independent readings of the inputs

def csv_rows(path: Path) -> list[dict[str, str]]:
    """Rows with the line each starts on (header = line 1)."""
    rows, previous = [], 1
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            rows.append({**row, "_line": previous + 1})
            previous = reader.line_num
    return rows


def evidence_classes() -> dict[str, str]:
    classes = {}
    for row in csv_rows(SOURCES_DIR / "sources.csv"):
        kind = row["source_class"] or "secondary"
        classes[row["source_id"]] = (row.get("original_class") or "secondary") if kind == "copy" else kind
    return classes


def passes(row: dict, evidence_filter: str, classes: dict[str, str]) -> bool:
    hide_speculative = evidence_filter.startswith("no_speculative")
    hide_secondary = evidence_filter.endswith("no_secondary")
    if hide_speculative and row["confidence"] == "speculative":
        return False
    return not (hide_secondary and classes.get(row["source_id"], "secondary") == "secondary")


def number(text: str) -> float | None:
    return float(text) if text.strip() else None


def read_by_rule(row: dict) -> tuple[int | None, str | None]:
    """(year, basis) as the methodology states the revenue rule; (None, None) when the figure is left out."""
    if re.search(r"\bwhole (?:[a-z]+ )?(?:company|business)\b|\bcore career\b", f"{row['notes']} {row['period']}", re.I):
        return None, None
    if row["metric"] == "revenue_usd":
        match = re.match(r"FY((?:19|20)\d\d)(?:\s|$)", row["period"])
        return (int(match.group(1)), "annual revenue") if match else (None, None)
    if row["as_of_date"]:
        return int(row["as_of_date"][:4]), "run-rate"
    years = set(re.findall(r"(?:19|20)\d\d", row["period"]))
    return (int(years.pop()), "run-rate") if len(years) == 1 else (None, None)


def vendor_years_by_hand(evidence_filter: str) -> dict[tuple[str, int], tuple[str, float]]:
    """(vendor, year) → (basis, revenue): annual revenue where a figure gives one, else the median run-rate."""
    classes = evidence_classes()
    figures = defaultdict(list)
    for row in csv_rows(SOURCES_DIR / "vendor_metrics.csv"):
        if row["metric"] not in ("revenue_usd", "arr_usd") or not passes(row, evidence_filter, classes):
            continue
        year, basis = read_by_rule(row)
        if year is None or year < FIRST_YEAR:
            continue
        value = number(row["value"])
        if value is None:
            value = (number(row["low"]) + number(row["high"])) / 2
        figures[(row["vendor"], year, basis)].append(value)
    out = {}
    for (vendor, year, basis), values in figures.items():
        if basis == "run-rate" and (vendor, year, "annual revenue") in figures:
            continue
        out[(vendor, year)] = (basis, statistics.median(values))
    return out


def yearly_sums_by_hand(evidence_filter: str) -> dict[int, float]:
    sums = defaultdict(float)
    for (_, year), (_, value) in vendor_years_by_hand(evidence_filter).items():
        sums[year] += value
    return dict(sums)


def epoch_models() -> dict[str, dict]:
    """Epoch's three files merged by model name, each value from the first file that gives it; rows with a
    number that does not parse are set aside, as the build does."""
    merged: dict[str, dict] = {}
    for name in EPOCH_FILES:
        with gzip.open(EPOCH / f"{name}.gz", "rt", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                try:
                    [float(row[c]) for c in EPOCH_NUMBERS if (row.get(c) or "").strip()]
                except ValueError:
                    continue
                model = merged.setdefault(row["Model"], {"date": "", "cost": None, "frontier": False})
                model["date"] = model["date"] or row["Publication date"]
                if model["cost"] is None and (row.get("Training compute cost (2023 USD)") or "").strip():
                    model["cost"] = float(row["Training compute cost (2023 USD)"])
                model["frontier"] |= name.startswith("frontier") or (row.get("Frontier model") or "").lower() == "true"
    return merged


def compute_by_hand(frontier_only: bool) -> dict[int, tuple[float, float, int]]:
    """year → (sum, max, runs with a cost) of the training costs of the models published that year."""
    costs = defaultdict(list)
    for model in epoch_models().values():
        if model["date"] and model["cost"] and model["cost"] > 0 and (model["frontier"] or not frontier_only):
            costs[int(model["date"][:4])].append(model["cost"])
    return {year: (sum(c), max(c), len(c)) for year, c in costs.items() if year >= FIRST_YEAR}


# ------------------------------------------------------------------ the warehouse

@pytest.fixture(scope="module")
def con(bundled_warehouse):
    with duckdb.connect(str(bundled_warehouse), read_only=True) as connection:
        yield connection


def rows(con, sql: str, parameters: list | None = None) -> list[dict]:
    cursor = con.execute(sql, parameters or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


# ------------------------------------------------------------------ the revenue rule

def test_2024_sum_by_hand(con):
    # Scale AI's FY2024 (two sources, both $870M), Surge AI's FY2024 (median of $1B, $1.2B, $1B, $1.2B),
    # Invisible's FY2024 ($134M twice) and Labelbox's FY2024 ($50M); Handshake's 2024 estimate is "likely whole
    # company" and is left out, and no 2024 run-rate counts for a vendor with annual revenue.
    expected = 870e6 + 1.1e9 + 134e6 + 50e6
    row = rows(con, "SELECT * FROM mart_human_data_revenue_yearly WHERE evidence_filter = 'all' AND year = 2024")[0]
    assert row["revenue_usd"] == pytest.approx(expected)
    assert row["vendor_names"] == "Invisible Technologies; Labelbox; Scale AI; Surge AI"
    assert (row["annual_revenue_vendors"], row["run_rate_vendors"]) == (4, 0)
    assert row["revenue_low_usd"] == pytest.approx(870e6 + 1e9 + 134e6 + 50e6)
    assert row["revenue_high_usd"] == pytest.approx(870e6 + 1.2e9 + 134e6 + 50e6)


@pytest.mark.parametrize("evidence_filter", ["all", "no_speculative", "no_secondary", "no_speculative_no_secondary"])
def test_every_years_sum_follows_the_rule(con, evidence_filter):
    expected = yearly_sums_by_hand(evidence_filter)
    got = {r["year"]: r["revenue_usd"] for r in rows(
        con, "SELECT year, revenue_usd FROM mart_human_data_revenue_yearly WHERE evidence_filter = ?", [evidence_filter])}
    assert {y for y, v in got.items() if v is not None} == set(expected)
    for year, value in expected.items():
        assert got[year] == pytest.approx(value), year


def test_each_vendor_year_says_which_rule_applied(con):
    expected = vendor_years_by_hand("all")
    got = {(r["vendor"], r["year"]): (r["revenue_basis"], r["revenue_usd"]) for r in rows(
        con, "SELECT vendor, year, revenue_basis, revenue_usd FROM mart_vendor_revenue_years WHERE evidence_filter = 'all'")}
    for key, (basis, value) in expected.items():
        assert got[key][0] == basis and got[key][1] == pytest.approx(value), key
    assert {k for k, (basis, _) in got.items() if basis != "no figure"} == set(expected)
    assert all(value is None for basis, value in got.values() if basis == "no figure")
    assert got[("Mercor", 2025)] == ("run-rate", pytest.approx(statistics.median([75e6, 100e6, 500e6, 400e6])))


def test_gaps_are_shown_never_filled(con):
    years = [r["year"] for r in rows(con, "SELECT year FROM mart_market_years ORDER BY year")]
    assert years[0] == FIRST_YEAR and years == list(range(FIRST_YEAR, years[-1] + 1))
    grid = rows(con, "SELECT vendor, year, revenue_basis FROM mart_vendor_revenue_years WHERE evidence_filter = 'all'")
    vendors = {r["vendor"] for r in grid}
    assert len(grid) == len(vendors) * len(years)  # every vendor in every year, with or without a figure
    first = rows(con, "SELECT * FROM mart_human_data_revenue_yearly WHERE evidence_filter = 'all' AND year = ?", [FIRST_YEAR])[0]
    assert first["revenue_usd"] is None and first["vendors_with_figure"] == 0  # no vendor reports 2019: no sum
    assert first["vendors_without_figure"] == len(vendors)


def test_figures_left_out_say_why(con):
    figures = {r["figure_id"]: r for r in rows(con, "SELECT * FROM mart_vendor_revenue_figures")}
    for row in csv_rows(SOURCES_DIR / "vendor_metrics.csv"):
        if row["metric"] not in ("revenue_usd", "arr_usd"):
            assert row["_line"] not in figures  # targets, valuations … are never read as revenue
            continue
        year, basis = read_by_rule(row)
        got = figures[row["_line"]]
        assert (got["year"], got["revenue_basis"]) == (year, basis), row["_line"]
        assert (got["left_out_reason"] is None) == (basis is not None)
    telus = [r for r in figures.values() if r["vendor"] == "TELUS Digital"]
    assert telus and all("outside the human-data business" in r["left_out_reason"] for r in telus)


# ------------------------------------------------------------------ training compute, lab points, ratio

@pytest.mark.parametrize("models, frontier_only", [("all models", False), ("frontier models", True)])
def test_training_compute_sums_from_the_epoch_snapshot(con, models, frontier_only):
    expected = compute_by_hand(frontier_only)
    got = {r["year"]: r for r in rows(con, "SELECT * FROM mart_training_compute_spend_yearly "
                                           "WHERE evidence_filter = 'all' AND models = ?", [models])}
    assert {y for y, r in got.items() if r["runs_with_cost"]} == set(expected)
    for year, (total, largest, runs) in expected.items():
        assert got[year]["training_cost_sum_usd"] == pytest.approx(total), year
        assert got[year]["training_cost_max_usd"] == pytest.approx(largest), year
        assert got[year]["runs_with_cost"] == runs, year
    assert all(r["training_cost_sum_usd"] is None for r in got.values() if not r["runs_with_cost"])


def test_lab_points_are_stated_figures_or_midpoints(con):
    window = {r["year"] for r in rows(con, "SELECT year FROM mart_market_years")}
    got = {r["point_id"]: r for r in rows(con, "SELECT * FROM mart_lab_spending_points WHERE evidence_filter = 'all'")}
    expected = [r for r in csv_rows(SOURCES_DIR / "lab_spending.csv") if int(r["year"]) in window]
    assert set(got) == {r["_line"] for r in expected}
    for row in expected:
        value = number(row["usd"]) or (number(row["usd_low"]) + number(row["usd_high"])) / 2
        point = got[row["_line"]]
        assert point["usd"] == pytest.approx(value)
        assert point["spend_side"] == ("human data" if row["category"] == "human_data" else "compute")


def test_the_ratio_divides_the_two_sums(con):
    human = yearly_sums_by_hand("all")
    compute = compute_by_hand(False)
    for row in rows(con, "SELECT * FROM mart_market_ratio WHERE evidence_filter = 'all'"):
        if row["year"] in human and row["year"] in compute:
            assert row["human_data_to_compute_ratio"] == pytest.approx(human[row["year"]] / compute[row["year"]][0])
        else:
            assert row["human_data_to_compute_ratio"] is None


def test_the_methodology_states_the_rule_the_fit_and_what_the_ratio_means():
    from pipelines.marts import MARTS
    from pipelines.paths import PROJECT_ROOT

    text = (PROJECT_ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")
    section = " ".join(text.split("## The market", 1)[1].split("\n## ", 1)[0].split())
    for mart in (m.name for m in MARTS if m.name in {*MARKET_TABLES, "mart_vendor_revenue_figures"}):
        assert f"`{mart}`" in section, mart
    for needle in ("FY<year>", "annualised run-rates", "median", "whole company", "revenue_target_usd", "never filled",
                   "log-linear", "90 %", "Fieller", "no crossing within 20 years",
                   "vendor revenue is not all human-data spend", "in-house annotation", "margin", "not a year's revenue"):
        assert needle in section, needle


# ------------------------------------------------------------------ the growth fit, redone with scipy

def fit_by_hand(sums: dict[int, float]) -> tuple[float, float, float, int]:
    years = sorted(sums)
    result = stats.linregress(years, [math.log10(sums[y]) for y in years])
    t = stats.t.ppf(0.95, len(years) - 2)
    return (10 ** result.slope, 10 ** (result.slope - t * result.stderr), 10 ** (result.slope + t * result.stderr),
            len(years))


@pytest.fixture(scope="module")
def bundled_market(bundled_warehouse):
    return market(load_tables(bundled_warehouse, MARKET_TABLES), "all")


def test_the_human_data_fit_matches_scipy(bundled_market):
    factor, low, high, points = fit_by_hand(yearly_sums_by_hand("all"))
    fit = bundled_market.series["human_data_revenue"].fit
    assert points >= 6 and fit.points == points
    assert (fit.factor, fit.factor_low, fit.factor_high) == pytest.approx((factor, low, high), rel=1e-9)


def test_the_compute_fit_matches_numpy(bundled_market):
    sums = {year: total for year, (total, _, _) in compute_by_hand(False).items()}
    years = sorted(sums)
    slope, _ = np.polyfit(years, np.log10([sums[y] for y in years]), 1)
    fit = bundled_market.series["training_compute_sum_all"].fit
    assert fit.points == len(years) >= 6
    assert fit.factor == pytest.approx(10 ** slope, rel=1e-9)


def test_the_crossing_band_matches_a_grid_search(bundled_market):
    """The band, solved exactly in the model, against a brute-force scan of |Δ(t)| ≤ t·se(t) over a fine grid."""
    human = yearly_sums_by_hand("all")
    compute = {year: total for year, (total, _, _) in compute_by_hand(False).items()}

    def line(sums):
        years = np.array(sorted(sums), dtype=float)
        logs = np.log10([sums[int(y)] for y in years])
        slope, intercept = np.polyfit(years, logs, 1)
        s = math.sqrt(np.sum((logs - (intercept + slope * years)) ** 2) / (len(years) - 2))
        return intercept, slope, s, len(years), years.mean(), np.sum((years - years.mean()) ** 2)

    h, c = line(human), line(compute)
    k = stats.t.ppf(0.95, min(h[3], c[3]) - 2)
    crossing = bundled_market.crossing
    grid = np.arange(crossing.search_start, crossing.search_end + 1e-9, 0.001)

    def se(fit, t):
        return fit[2] * np.sqrt(1 / fit[3] + (t - fit[4]) ** 2 / fit[5])

    inside = np.abs((h[0] + h[1] * grid) - (c[0] + c[1] * grid)) <= k * np.sqrt(se(h, grid) ** 2 + se(c, grid) ** 2)
    starts = grid[inside & ~np.concatenate(([False], inside[:-1]))]
    ends = grid[inside & ~np.concatenate((inside[1:], [False]))]
    assert len(starts) == len(crossing.band)
    for (low, high), a, b in zip(crossing.band, starts, ends, strict=True):
        assert low == pytest.approx(a, abs=0.002) and high == pytest.approx(b, abs=0.002)
    assert crossing.year == pytest.approx((c[0] - h[0]) / (h[1] - c[1]), abs=1e-6)
