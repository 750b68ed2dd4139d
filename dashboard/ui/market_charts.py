"""Altair charts of the page *The market*. Every mark's tooltip names its sources (titles) and, for figures, an
as-of date; money in tooltips is the views' preformatted text ($2.15B), on axes SI with B for billions."""

from __future__ import annotations

import altair as alt
import polars as pl

from dashboard.ui.charts import PALETTE, band_axis, legend, log_axis, palette_scale, usd_axis

LOG = alt.Scale(type="log")
BASIS_COLORS = {"annual revenue": PALETTE[0], "run-rate": PALETTE[1], "no figure": "#DDDDDD"}
LAB_REPORT = "lab's own report"


def _year_axis(years: list[int]) -> alt.X:
    return alt.X("year:O", title="Year", scale=alt.Scale(domain=[int(y) for y in years]), axis=alt.Axis(labelAngle=0))


def _sources(*extra: alt.Tooltip | str, dated: bool = True) -> list[alt.Tooltip | str]:
    """The chart's own tooltip fields, then the sources by title and (for figures) the as-of date."""
    tail = [alt.Tooltip("source_titles:N", title="Sources")]
    if dated:
        tail.append(alt.Tooltip("as_of:T", title="As of", format="%Y-%m-%d"))
    return [*extra, *tail]


def _lab_layer(points: pl.DataFrame, years: list[int]) -> list[alt.Chart]:
    """Labs' own reports as black diamonds (a rule for a stated range), never stacked into the sums."""
    if points.is_empty():
        return []
    tips = _sources("lab:N", "year:O", "category:N", alt.Tooltip("amount:N", title="USD"),
                    alt.Tooltip("range:N", title="stated range"), alt.Tooltip("value_basis:N", title="value"),
                    alt.Tooltip("spending_basis:N", title="basis"), "notes:N",
                    alt.Tooltip("confidence:N", title="Confidence"))
    frame = points.with_columns(kind=pl.lit(LAB_REPORT))
    base = alt.Chart(frame).encode(x=_year_axis(years))
    dots = base.mark_point(filled=True, size=90, color="#000000", opacity=0.85).encode(
        y=alt.Y("usd:Q"), shape=alt.Shape("kind:N", title=None, scale=alt.Scale(range=["diamond"]), legend=legend(None, "right")),
        tooltip=tips)
    ranges = base.transform_filter("isValid(datum.low_usd) && isValid(datum.high_usd)").mark_rule(
        color="#000000").encode(y="low_usd:Q", y2="high_usd:Q", tooltip=tips)
    return [ranges, dots]


def human_data_chart(stack: pl.DataFrame, totals: pl.DataFrame, labs: pl.DataFrame, years: list[int]) -> alt.LayerChart:
    """Each vendor's human-data revenue stacked per year, the sum as a tick with its range as a rule, gap years
    labelled, and the labs' own reports as separate diamonds."""
    x = _year_axis(years)
    bars = alt.Chart(stack).mark_bar().encode(
        x=x, y=alt.Y("revenue_usd:Q", stack="zero", axis=usd_axis("USD a year", log=False)),
        color=alt.Color("vendor:N", title="Vendor", scale=palette_scale(), legend=legend("Vendor", "right")),
        order=alt.Order("vendor:N"),
        tooltip=_sources("vendor:N", "year:O", alt.Tooltip("revenue:N", title="revenue"),
                         alt.Tooltip("revenue_basis:N", title="rule"), alt.Tooltip("range:N", title="range"),
                         alt.Tooltip("figure_count:Q", title="figures pooled"),
                         alt.Tooltip("confidence:N", title="Confidence")))
    total_tips = _sources("year:O", alt.Tooltip("sum:N", title="sum"), alt.Tooltip("range:N", title="range"),
                          alt.Tooltip("vendors_with_figure:Q", title="vendors"),
                          alt.Tooltip("vendor_names:N", title="counted"), alt.Tooltip("status:N", title="note"))
    known = totals.filter(pl.col("revenue_usd").is_not_null())
    gaps = totals.filter(pl.col("revenue_usd").is_null()).with_columns(zero=pl.lit(0.0), label=pl.lit("no figure"))
    layers: list[alt.Chart] = [bars]
    if known.height:
        layers.append(alt.Chart(known).mark_rule(color="#555555", strokeWidth=2).encode(
            x=x, y="revenue_low_usd:Q", y2="revenue_high_usd:Q", tooltip=total_tips))
        layers.append(alt.Chart(known).mark_tick(color="#000000", thickness=2, size=28).encode(
            x=x, y="revenue_usd:Q", tooltip=total_tips))
    if gaps.height:
        layers.append(alt.Chart(gaps).mark_text(dy=-8, color="#555555", fontStyle="italic").encode(
            x=x, y="zero:Q", text="label:N", tooltip=total_tips))
    layers += _lab_layer(labs, years)
    return alt.layer(*layers).resolve_scale(color="independent", shape="independent").properties(height=380)


def coverage_chart(grid: pl.DataFrame, years: list[int]) -> alt.LayerChart:
    """Which vendor has a figure for which year, and by which rule; grey with a dash where none (never filled)."""
    tips = _sources("vendor:N", "year:O", alt.Tooltip("revenue_basis:N", title="rule"),
                    alt.Tooltip("label:N", title="revenue"), alt.Tooltip("confidence:N", title="Confidence"))
    x = _year_axis(years)
    y = alt.Y("vendor:N", title=None, axis=band_axis())
    cells = alt.Chart(grid).mark_rect(stroke="#FFFFFF").encode(
        x=x, y=y, color=alt.Color("revenue_basis:N", title="Rule", legend=legend("Rule", "right"),
                                  scale=alt.Scale(domain=list(BASIS_COLORS), range=list(BASIS_COLORS.values()))),
        tooltip=tips)
    text = alt.Chart(grid).mark_text(fontSize=11).encode(x=x, y=y, text="label:N", tooltip=tips)
    return alt.layer(cells, text).properties(height=28 * max(grid["vendor"].n_unique(), 1) + 40)


def compute_chart(series: pl.DataFrame, labs: pl.DataFrame, years: list[int]) -> alt.LayerChart:
    """Training-compute spend per year (sum and largest run, all and frontier models; log axis), with the labs'
    own compute reports as separate diamonds."""
    tips = _sources("series:N", "year:O", alt.Tooltip("amount:N", title="USD (2023)"),
                    alt.Tooltip("count:Q", title="runs with a cost"), alt.Tooltip("detail:N", title="note"))
    lines = alt.Chart(series).mark_line(point=alt.OverlayMarkDef(filled=True, size=50)).encode(
        x=_year_axis(years), y=alt.Y("usd:Q", scale=LOG, axis=usd_axis("USD a year (log)")),
        color=alt.Color("series:N", title="Series", scale=palette_scale(), legend=legend("Series", columns=2)),
        strokeDash=alt.condition("indexof(datum.series, 'Largest') >= 0", alt.value([4, 3]), alt.value([1, 0])),
        tooltip=tips)
    return alt.layer(lines, *_lab_layer(labs, years)).resolve_scale(color="independent",
                                                                     shape="independent").properties(height=360)


def growth_chart(points: pl.DataFrame, trends: pl.DataFrame, crossing: pl.DataFrame, domain: list[float]) -> alt.LayerChart:
    """The two yearly sums on a log axis with their fitted trends and 90 % bands (clipped to `domain`), and the
    central crossing year as a rule."""
    color = alt.Color("series:N", title="Series", scale=alt.Scale(range=[PALETTE[0], PALETTE[5]]),
                      legend=legend("Series", columns=2))
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=1, labelAngle=0))
    y = alt.Scale(type="log", domain=domain)
    band_tips = _sources("series:N", alt.Tooltip("year:Q", format="d"), alt.Tooltip("trend:N", title="trend"),
                         alt.Tooltip("band:N", title="90 % band"), alt.Tooltip("fit:N", title="fit"), dated=False)
    band = alt.Chart(trends).mark_area(opacity=0.15, clip=True).encode(
        x=x, y=alt.Y("low_usd:Q", scale=y), y2="high_usd:Q", color=color, tooltip=band_tips)
    line = alt.Chart(trends).mark_line(strokeDash=[6, 3], clip=True).encode(x=x, y="usd:Q", color=color,
                                                                            tooltip=band_tips)
    dots = alt.Chart(points).mark_point(filled=True, size=70).encode(
        x=x, y=alt.Y("usd:Q", scale=y, axis=usd_axis("USD a year (log)")), color=color,
        tooltip=_sources("series:N", "year:O", alt.Tooltip("amount:N", title="USD"),
                         alt.Tooltip("count:Q", title="counted"), alt.Tooltip("counts:N", title="what is counted")))
    layers = [band, line, dots]
    if crossing.height:
        layers.append(alt.Chart(crossing).mark_rule(color="#000000", strokeDash=[2, 2]).encode(
            x="year:Q", tooltip=[alt.Tooltip("year:Q", format=".1f", title="central crossing"),
                                 alt.Tooltip("statement:N", title="crossing"),
                                 alt.Tooltip("source_titles:N", title="Sources")]))
    return alt.layer(*layers).properties(height=380)


def ratio_chart(ratio: pl.DataFrame, years: list[int]) -> alt.LayerChart:
    """Human-data spend ÷ training-compute spend per year (log axis), with 1 (equal spend) marked."""
    known = ratio.filter(pl.col("human_data_to_compute_ratio").is_not_null()).with_columns(one=pl.lit(1.0))
    tips = [alt.Tooltip("year:O"), alt.Tooltip("human_data_to_compute_ratio:Q", format=",.2f", title="ratio"),
            alt.Tooltip("human_data:N", title="human data"),
            alt.Tooltip("training_compute:N", title="training compute (2023 USD)"),
            alt.Tooltip("vendors_with_figure:Q", title="vendors"), alt.Tooltip("runs_with_cost:Q", title="runs"),
            alt.Tooltip("skills_bought:Q", format=",.0f", title="skills it buys"),
            alt.Tooltip("source_titles:N", title="Sources")]
    x = _year_axis(years)
    y = alt.Y("human_data_to_compute_ratio:Q", scale=LOG,
              axis=log_axis("Human data ÷ training compute (log)", suffix="×"))
    stems = alt.Chart(known).mark_rule(color=PALETTE[0], strokeWidth=2).encode(x=x, y=y, y2="one:Q", tooltip=tips)
    dots = alt.Chart(known).mark_point(filled=True, size=90, color=PALETTE[0]).encode(x=x, y=y, tooltip=tips)
    one = alt.Chart(pl.DataFrame({"y": [1.0]})).mark_rule(color="#555555", strokeDash=[4, 4]).encode(y="y:Q")
    return alt.layer(one, stems, dots).properties(height=300)
