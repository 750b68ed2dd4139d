"""Altair charts for the Expert rates page (pure: frames in, charts out)."""

from __future__ import annotations

import altair as alt
import polars as pl

from dashboard.ui.charts import CONFIDENCE_COLORS, band_axis, confidence_color, source_tooltip, usd_axis


def rates_chart(postings: pl.DataFrame) -> alt.LayerChart:
    """Each posting's pay range (rule), its rate (point) and its domain's US median wage (tick)."""
    tips = source_tooltip("platform:N", "role:N", "domain:N",
                          alt.Tooltip("usd_per_hour_low:Q", format="$.0f", title="low"),
                          alt.Tooltip("usd_per_hour_typical:Q", format="$.0f", title="typical"),
                          alt.Tooltip("usd_per_hour_high:Q", format="$.0f", title="high"),
                          alt.Tooltip("rate_usd_per_hour:Q", format="$.0f", title="rate used"), "rate_basis:N",
                          alt.Tooltip("median_wage_usd_per_hour:Q", format="$.2f", title="day-job median"),
                          "wage_survey_year:Q", "wage_occupations:N", "notes:N")
    y = alt.Y("posting:N", title=None, sort=alt.EncodingSortField("domain"), axis=band_axis())
    x_title = "USD per hour: posted range, rate used (dot), US median wage of the day job (black tick)"
    base = alt.Chart(postings).encode(y=y, tooltip=tips)
    ranges = base.mark_rule(strokeWidth=4, opacity=0.55).encode(
        x=alt.X("range_low:Q", axis=usd_axis(x_title, log=False)), x2="range_high:Q", color=confidence_color())
    dots = base.mark_point(filled=True, size=70).encode(x="rate_usd_per_hour:Q", color=confidence_color())
    wage = base.transform_filter("isValid(datum.median_wage_usd_per_hour)").mark_tick(
        color="black", thickness=2, size=14).encode(x="median_wage_usd_per_hour:Q")
    return alt.layer(ranges, dots, wage).properties(height=alt.Step(26))


def premium_chart(by_domain: pl.DataFrame) -> alt.LayerChart:
    """Per domain: the median premium (bar), the lowest to highest posting (rule), and parity at 1×."""
    tips = ["domain:N", "postings:Q", alt.Tooltip("median_posted_usd_per_hour:Q", format="$.0f"),
            alt.Tooltip("median_wage_usd_per_hour:Q", format="$.2f"), "wage_survey_year:Q",
            alt.Tooltip("median_premium:Q", format=".2f"), alt.Tooltip("lowest_premium:Q", format=".2f"),
            alt.Tooltip("highest_premium:Q", format=".2f")]
    y = alt.Y("domain:N", title=None, sort="-x", axis=band_axis())
    base = alt.Chart(by_domain).encode(y=y, tooltip=tips)
    bars = base.mark_bar(color=CONFIDENCE_COLORS["reported"], opacity=0.7).encode(
        x=alt.X("median_premium:Q", axis=alt.Axis(title="Posted rate ÷ day-job median wage (×)", titleLimit=0)))
    spread = base.mark_rule(color="black").encode(x="lowest_premium:Q", x2="highest_premium:Q")
    labels = base.transform_calculate(label="format(datum.median_premium, '.1f') + '×'").mark_text(
        align="left", dx=4, dy=-7, fontSize=11).encode(x="median_premium:Q", text="label:N")
    parity = alt.Chart(pl.DataFrame({"x": [1.0]})).mark_rule(strokeDash=[4, 4], color="#D55E00").encode(x="x:Q")
    return alt.layer(bars, spread, labels, parity).properties(height=alt.Step(28))
