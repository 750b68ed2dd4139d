"""Altair charts for the Vendors page (pure: frames in, charts out)."""

from __future__ import annotations

import altair as alt
import polars as pl

from dashboard.ui.charts import USD_LABEL, band_axis, confidence_color, log_axis, palette_scale, source_tooltip, usd_axis
from dashboard.ui.vendor_metrics_view import spans_orders_of_magnitude

_DATE = alt.X("date:T", title="Date (as of, else source published)")
METRIC_LABELS = {
    "revenue_usd": "Revenue (USD)", "arr_usd": "Annualised run-rate (USD)", "revenue_target_usd": "Revenue target (USD)",
    "valuation_usd": "Valuation (USD)", "funding_round_usd": "Funding round (USD)", "total_funding_usd": "Total funding (USD)",
    "contributors": "Contributors on the platform", "employees": "Employees", "payouts_usd": "Payouts to contributors (USD)",
    "gross_margin_fraction": "Gross margin (fraction)", "deal_usd": "Deal size (USD)", "customers": "Customers",
}


def metric_label(metric: str) -> str:
    return METRIC_LABELS.get(metric, metric)


def _scale(values: list[float | None]) -> alt.Scale:
    return alt.Scale(type="log") if spans_orders_of_magnitude(values) else alt.Scale(zero=False)


def _axis(title: str, money: bool, log: bool) -> alt.Axis:
    """Money in $k/$M/$B (never d3's "1G"), counts in k/M; titles never cut short."""
    if money:
        return usd_axis(title, log=log, tickCount=5)
    return log_axis(title) if log else alt.Axis(title=title, format="~s", tickCount=5, titleLimit=0)


def _y(field: str, title: str, values: list[float | None], money: bool = False) -> alt.Y:
    scale = _scale(values)
    return alt.Y(f"{field}:Q", scale=scale, axis=_axis(title, money, scale.type == "log"))


def metric_over_time(frame: pl.DataFrame, metric: str) -> alt.LayerChart:
    """One metric's figures over time: a point per figure, a rule for ranges, colour by vendor."""
    values = frame["value"].to_list() + frame["low"].to_list() + frame["high"].to_list()
    scale = _scale(values)
    y = alt.Y("value:Q", scale=scale, axis=_axis(metric_label(metric), metric.endswith("_usd"), scale.type == "log"))
    tips = source_tooltip("vendor:N", "metric:N", alt.Tooltip("value:Q", format=",.3~s"), "low:Q", "high:Q",
                          "period:N", "date_basis:N", date_field="date")
    base = alt.Chart(frame).encode(x=_DATE, color=alt.Color("vendor:N", scale=palette_scale(), title="Vendor"))
    points = base.mark_point(size=80, filled=True).encode(
        y=y, shape=alt.Shape("confidence:N", title="Confidence"), tooltip=tips)
    ranges = base.transform_filter("isValid(datum.low) && isValid(datum.high)").mark_rule(strokeWidth=3).encode(
        y=alt.Y("low:Q", scale=scale), y2="high:Q", tooltip=tips)
    return alt.layer(ranges, points).properties(height=280, title=metric_label(metric))


def multiples_chart(pairs: pl.DataFrame) -> alt.Chart:
    tips = source_tooltip("vendor:N", alt.Tooltip("multiple:Q", format=".1f", title="valuation ÷ revenue"),
                          alt.Tooltip("value:Q", format="$,.3~s", title="valuation"),
                          alt.Tooltip("revenue_value:Q", format="$,.3~s", title="revenue/ARR"),
                          "revenue_metric:N", alt.Tooltip("revenue_date:T", format="%Y-%m-%d", title="revenue as of"),
                          "revenue_source_title:N", "gap_days:Q", date_field="date")
    return alt.Chart(pairs).mark_point(size=90, filled=True).encode(
        x=_DATE, y=alt.Y("multiple:Q", title="Valuation ÷ revenue or run-rate (×)"),
        color=alt.Color("vendor:N", scale=palette_scale(), title="Vendor"),
        shape=alt.Shape("pair_confidence:N", title="Confidence (weaker of pair)"), tooltip=tips,
    ).properties(height=300)


def per_contributor_chart(pairs: pl.DataFrame) -> alt.Chart:
    tips = source_tooltip("vendor:N", alt.Tooltip("usd_per_contributor:Q", format="$,.0f"),
                          alt.Tooltip("value:Q", format=",", title="contributors"),
                          alt.Tooltip("revenue_value:Q", format="$,.3~s", title="revenue/ARR"),
                          "revenue_source_title:N", date_field="date")
    y = _y("usd_per_contributor", "Revenue per contributor (USD)", pairs["usd_per_contributor"].to_list(), money=True)
    return alt.Chart(pairs).mark_point(filled=True, size=160, opacity=1).encode(
        x=alt.X("vendor:N", title=None, sort="-y", axis=band_axis(labelAngle=-30)), y=y,
        color=confidence_color("pair_confidence"), tooltip=tips,
    ).properties(height=280)


def deals_timeline(frame: pl.DataFrame) -> alt.Chart:
    tips = source_tooltip("vendor:N", "metric:N", alt.Tooltip("value:Q", format="$,.3~s"), "period:N", "notes:N",
                          date_field="date")
    return alt.Chart(frame).mark_circle(opacity=0.85).encode(
        x=_DATE, y=alt.Y("vendor:N", title=None),
        size=alt.Size("value:Q", title="USD", scale=alt.Scale(type="sqrt"), legend=alt.Legend(labelExpr=USD_LABEL)),
        color=confidence_color(), tooltip=tips,
    ).properties(height=alt.Step(28))
