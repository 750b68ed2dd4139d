"""Altair charts for the Expert rates page (pure: frames in, charts out)."""

from __future__ import annotations

import altair as alt
import polars as pl

from dashboard.ui.charts import CONFIDENCE_COLORS, PALETTE, band_axis, confidence_color, legend, source_tooltip, usd_axis


def rates_chart(postings: pl.DataFrame) -> alt.LayerChart:
    """Each posting's pay range (rule), its point rate (dot) and its domain's day-job wage (black tick)."""
    tips = source_tooltip("platform:N", "role:N", "domain:N", "rate_basis:N",
                          alt.Tooltip("usd_per_hour_low_end:Q", format="$.0f", title="low end"),
                          alt.Tooltip("usd_per_hour_point:Q", format="$.0f", title="point rate"),
                          alt.Tooltip("usd_per_hour_high_end:Q", format="$.0f", title="high end"),
                          alt.Tooltip("day_job_usd_per_hour:Q", format="$.2f", title="day-job wage (BLS)"),
                          alt.Tooltip("premium_point:Q", format=".2f", title="premium"), "notes:N")
    y = alt.Y("posting:N", title=None, sort=alt.EncodingSortField("domain"), axis=band_axis())
    x_title = "USD per hour: posted range, point rate (dot), day-job wage (black tick)"
    base = alt.Chart(postings).encode(y=y, tooltip=tips)
    ranges = base.mark_rule(strokeWidth=4, opacity=0.55).encode(
        x=alt.X("usd_per_hour_low_end:Q", axis=usd_axis(x_title, log=False)),
        x2="usd_per_hour_high_end:Q", color=confidence_color())
    ceilings = base.transform_filter("datum.rate_basis == 'ceiling only'").mark_point(
        shape="triangle-left", size=80, filled=True).encode(x="usd_per_hour_high_end:Q", color=confidence_color())
    dots = base.mark_point(filled=True, size=70).encode(x="usd_per_hour_point:Q", color=confidence_color())
    wage = base.transform_filter("isValid(datum.day_job_usd_per_hour)").mark_tick(
        color="black", thickness=2, size=14).encode(x="day_job_usd_per_hour:Q")
    return alt.layer(ranges, ceilings, dots, wage).properties(height=alt.Step(26))


def premium_chart(by_domain: pl.DataFrame) -> alt.LayerChart:
    """Per domain: the premium of the posted rate over the day job (bar), its low–high range (rule), parity at 1×."""
    tips = ["domain:N", "postings:Q", alt.Tooltip("posted_usd_per_hour:Q", format="$.0f", title="posted rate"),
            alt.Tooltip("day_job_usd_per_hour:Q", format="$.2f", title="day-job wage"), "wage_year:Q",
            alt.Tooltip("base:Q", format=".2f", title="premium"), alt.Tooltip("low:Q", format=".2f", title="low"),
            alt.Tooltip("high:Q", format=".2f", title="high"), alt.Tooltip("source_titles:N", title="Sources")]
    y = alt.Y("domain:N", title=None, sort="-x", axis=band_axis())
    base = alt.Chart(by_domain).encode(y=y, tooltip=tips)
    bars = base.mark_bar(color=CONFIDENCE_COLORS["reported"], opacity=0.7).encode(
        x=alt.X("base:Q", axis=alt.Axis(title="Posted rate ÷ day-job wage (×)", titleLimit=0)))
    spread = base.mark_rule(color="black").encode(x="low:Q", x2="high:Q")
    labels = base.transform_calculate(label="format(datum.base, '.1f') + '×'").mark_text(
        align="left", dx=4, dy=-7, fontSize=11).encode(x="base:Q", text="label:N")
    parity = alt.Chart(pl.DataFrame({"x": [1.0]})).mark_rule(strokeDash=[4, 4], color="#D55E00").encode(x="x:Q")
    return alt.layer(bars, spread, labels, parity).properties(height=alt.Step(28))


def wage_trend_chart(trend: pl.DataFrame) -> alt.Chart:
    """The day-job wage per domain in each BLS year (the three-year trend)."""
    tips = ["domain:N", "year:O", alt.Tooltip("usd_per_hour_median_weighted:Q", format="$.2f", title="wage"),
            alt.Tooltip("employment:Q", format=",.0f"), alt.Tooltip("source_titles:N", title="Sources")]
    return alt.Chart(trend).mark_line(point=True).encode(
        x=alt.X("year:O", title="BLS May survey year"),
        y=alt.Y("usd_per_hour_median_weighted:Q", axis=usd_axis("Day-job wage, USD per hour", log=False)),
        color=alt.Color("domain:N", legend=legend("Domain"), scale=alt.Scale(range=PALETTE)),
        tooltip=tips).properties(height=280)
