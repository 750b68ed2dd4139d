"""Derived vendor figures for the Vendors page: dated rows, valuation multiples, revenue per contributor.

Pairing rule (documented on the page): each valuation (or contributor count) is paired with the
revenue or run-rate figure (`revenue_usd`, `arr_usd`; targets excluded) of the same vendor whose date is
nearest, at most MAX_GAP_DAYS apart. A row's date is its `as_of_date`, else its source's publication
date (`date_basis` says which). Rows giving only a range (no value) are not paired. The pair's
confidence is the weaker of the two figures'.
"""

from __future__ import annotations

import math

import polars as pl

from dashboard.model.evidence import CONFIDENCE_ORDER

REVENUE_METRICS = ("revenue_usd", "arr_usd")
DEAL_METRICS = ("deal_usd", "funding_round_usd")
MAX_GAP_DAYS = 400
_PAIR_COLUMNS = ["vendor", "date", "value", "metric", "confidence", "source_id", "source_publisher", "source_title"]


def with_dates(cited: pl.DataFrame) -> pl.DataFrame:
    """Add `date` and `date_basis`: the date each figure is aged by in the warehouse's `_cited` view (its as-of
    date, else its source's publication date), and which of the two it is — "undated" when neither is known."""
    return cited.with_columns(pl.col("aged_by_date").alias("date"), pl.col("aged_by").fill_null("undated").alias("date_basis"))


def weaker(a: str | None, b: str | None) -> str:
    """The weaker of two confidence labels (unknown counts as speculative)."""
    weakest = CONFIDENCE_ORDER[-1]
    rank = lambda c: CONFIDENCE_ORDER.index(c) if c in CONFIDENCE_ORDER else len(CONFIDENCE_ORDER) - 1
    return max((a or weakest, b or weakest), key=rank)


def _pairable(frame: pl.DataFrame, metrics: tuple[str, ...]) -> pl.DataFrame:
    return (frame.filter(pl.col("metric").is_in(metrics) & pl.col("value").is_not_null() & pl.col("date").is_not_null())
            .select(_PAIR_COLUMNS).sort("date"))


def nearest_pairs(frame: pl.DataFrame, metric: str, max_gap_days: int = MAX_GAP_DAYS) -> pl.DataFrame:
    """Each `metric` row with the nearest-dated revenue/ARR row of the same vendor (within the gap)."""
    left = _pairable(frame, (metric,))
    right = _pairable(frame, REVENUE_METRICS).rename({c: f"revenue_{c}" for c in _PAIR_COLUMNS if c != "vendor"})
    if left.is_empty() or right.is_empty():
        return pl.DataFrame()
    right = right.with_columns(pl.col("revenue_date").alias("date"))
    paired = left.join_asof(right, on="date", by="vendor", strategy="nearest", check_sortedness=False)
    paired = paired.filter(pl.col("revenue_value").is_not_null() & (pl.col("revenue_value") > 0))
    gap = (pl.col("date") - pl.col("revenue_date")).dt.total_days().abs()
    return paired.with_columns(gap.alias("gap_days")).filter(pl.col("gap_days") <= max_gap_days).with_columns(
        pl.struct("confidence", "revenue_confidence")
        .map_elements(lambda r: weaker(r["confidence"], r["revenue_confidence"]), return_dtype=pl.String)
        .alias("pair_confidence")
    )


def valuation_multiples(frame: pl.DataFrame) -> pl.DataFrame:
    """Valuation divided by the nearest revenue or run-rate of the same vendor."""
    pairs = nearest_pairs(frame, "valuation_usd")
    if pairs.is_empty():
        return pairs
    return pairs.with_columns((pl.col("value") / pl.col("revenue_value")).alias("multiple"))


def revenue_per_contributor(frame: pl.DataFrame) -> pl.DataFrame:
    """The nearest revenue or run-rate divided by the vendor's contributor count (USD a contributor)."""
    pairs = nearest_pairs(frame, "contributors")
    if pairs.is_empty():
        return pairs
    pairs = pairs.filter(pl.col("value") > 0)
    return pairs.with_columns((pl.col("revenue_value") / pl.col("value")).alias("usd_per_contributor"))


def deals(frame: pl.DataFrame) -> pl.DataFrame:
    """Deals and funding rounds with a date, oldest first."""
    return frame.filter(pl.col("metric").is_in(DEAL_METRICS) & pl.col("date").is_not_null()).sort("date")


def filter_rows(frame: pl.DataFrame, vendors: list[str], metrics: list[str]) -> pl.DataFrame:
    """Rows of the chosen vendors and metrics (an empty choice means all)."""
    if vendors:
        frame = frame.filter(pl.col("vendor").is_in(vendors))
    if metrics:
        frame = frame.filter(pl.col("metric").is_in(metrics))
    return frame


def plotted(frame: pl.DataFrame, value_column: str = "value") -> pl.DataFrame:
    """Rows a time chart can place: a date and a positive value (or a positive range)."""
    if frame.is_empty():
        return frame
    has_value = pl.col(value_column).fill_null(0) > 0
    if value_column == "value" and "low" in frame.columns:
        has_value = has_value | ((pl.col("low").fill_null(0) > 0) & (pl.col("high").fill_null(0) > 0))
    return frame.filter(pl.col("date").is_not_null() & has_value)


def spans_orders_of_magnitude(values: list[float | None], orders: float = 2.0) -> bool:
    """Whether the positive values span at least `orders` powers of ten (then a log axis reads better)."""
    positive = [v for v in values if v is not None and v > 0]
    return len(positive) > 1 and math.log10(max(positive) / min(positive)) >= orders


def cited_rows(frame: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
    """The rows of `frame` whose sources back either side of the pairs (for the chart's caption)."""
    ids = set(pairs["source_id"].to_list()) | set(pairs["revenue_source_id"].to_list())
    return frame.filter(pl.col("source_id").is_in(sorted(ids)) & pl.col("metric").is_in(
        [*REVENUE_METRICS, *pairs["metric"].unique().to_list()]))
