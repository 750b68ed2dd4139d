"""Altair charts of the page *The market*. Every mark's tooltip names its sources (titles) and an as-of date."""

from __future__ import annotations

import altair as alt
import polars as pl

from dashboard.ui.charts import PALETTE, palette_scale

LOG = alt.Scale(type="log")
MONEY = "$,.3~s"
BASIS_COLORS = {"annual revenue": PALETTE[0], "run-rate": PALETTE[1], "no figure": "#DDDDDD"}
LAB_REPORT = "a lab's own report (not in the sum)"


def _years(years: list[int]) -> alt.Scale:
    return alt.Scale(domain=[int(y) for y in years])


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
    tips = _sources("lab:N", "year:O", "category:N", alt.Tooltip("usd:Q", format=MONEY, title="USD"),
                    alt.Tooltip("low_usd:Q", format=MONEY, title="low"), alt.Tooltip("high_usd:Q", format=MONEY,
                                                                                          title="high"),
                    "value_basis:N", alt.Tooltip("spending_basis:N", title="basis"), "notes:N",
                    alt.Tooltip("confidence:N", title="Confidence"))
    frame = points.with_columns(kind=pl.lit(LAB_REPORT))
    base = alt.Chart(frame).encode(x=alt.X("year:O", scale=_years(years)))
    dots = base.mark_point(filled=True, size=90, color="#000000", opacity=0.85).encode(
        y=alt.Y("usd:Q"), shape=alt.Shape("kind:N", title=None, scale=alt.Scale(range=["diamond"])), tooltip=tips)
    ranges = base.transform_filter("isValid(datum.low_usd) && isValid(datum.high_usd)").mark_rule(
        color="#000000").encode(y="low_usd:Q", y2="high_usd:Q", tooltip=tips)
    return [ranges, dots]


def human_data_chart(stack: pl.DataFrame, totals: pl.DataFrame, labs: pl.DataFrame, years: list[int]) -> alt.LayerChart:
    """Each vendor's human-data revenue stacked per year, the sum's range as a rule, gap years labelled, and
    the labs' own reports as separate diamonds."""
    x = alt.X("year:O", title="Year", scale=_years(years))
    bars = alt.Chart(stack).mark_bar().encode(
        x=x, y=alt.Y("revenue_usd:Q", title="USD a year", stack="zero", axis=alt.Axis(format="$~s")),
        color=alt.Color("vendor:N", title="Vendor", scale=palette_scale()),
        order=alt.Order("vendor:N"),
        tooltip=_sources("vendor:N", "year:O", alt.Tooltip("revenue_usd:Q", format=MONEY, title="revenue"),
                         alt.Tooltip("revenue_basis:N", title="rule"),
                         alt.Tooltip("revenue_low_usd:Q", format=MONEY, title="low"),
                         alt.Tooltip("revenue_high_usd:Q", format=MONEY, title="high"),
                         alt.Tooltip("figure_count:Q", title="figures"), alt.Tooltip("confidence:N", title="Confidence")))
    total_tips = _sources("year:O", alt.Tooltip("revenue_usd:Q", format=MONEY, title="sum"),
                          alt.Tooltip("revenue_low_usd:Q", format=MONEY, title="low"),
                          alt.Tooltip("revenue_high_usd:Q", format=MONEY, title="high"),
                          alt.Tooltip("vendors_with_figure:Q", title="vendors"), alt.Tooltip("vendor_names:N",
                                                                                             title="counted"),
                          alt.Tooltip("status:N", title="note"))
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
    """Which vendor has a figure for which year, and by which rule; grey where none (never filled)."""
    tips = _sources("vendor:N", "year:O", alt.Tooltip("revenue_basis:N", title="rule"),
                    alt.Tooltip("revenue_usd:Q", format=MONEY, title="revenue"), alt.Tooltip("confidence:N",
                                                                                             title="Confidence"))
    base = alt.Chart(grid.with_columns(label=pl.col("revenue_usd").map_elements(
        lambda v: f"${v / 1e9:.2f}B" if v >= 1e9 else f"${v / 1e6:.0f}M", return_dtype=pl.String)))
    cells = base.mark_rect(stroke="#FFFFFF").encode(
        x=alt.X("year:O", title="Year", scale=_years(years)), y=alt.Y("vendor:N", title=None),
        color=alt.Color("revenue_basis:N", title="Rule", scale=alt.Scale(domain=list(BASIS_COLORS),
                                                                         range=list(BASIS_COLORS.values()))),
        tooltip=tips)
    text = base.mark_text(fontSize=10).encode(x=alt.X("year:O", scale=_years(years)), y="vendor:N",
                                              text=alt.Text("label:N"), tooltip=tips)
    return alt.layer(cells, text).properties(height=28 * max(grid["vendor"].n_unique(), 1) + 40)


def compute_chart(series: pl.DataFrame, labs: pl.DataFrame, years: list[int]) -> alt.LayerChart:
    """Training-compute spend per year (sum and largest run, all and frontier models; log axis), with the labs'
    own compute reports as separate diamonds."""
    tips = _sources("series:N", "year:O", alt.Tooltip("usd:Q", format=MONEY, title="USD (2023)"),
                    alt.Tooltip("count:Q", title="runs with a cost"), alt.Tooltip("detail:N", title="note"))
    lines = alt.Chart(series).mark_line(point=alt.OverlayMarkDef(filled=True, size=50)).encode(
        x=alt.X("year:O", title="Year", scale=_years(years)),
        y=alt.Y("usd:Q", title="USD a year (log)", scale=LOG, axis=alt.Axis(format="$~s")),
        color=alt.Color("series:N", title="Series", scale=palette_scale()),
        strokeDash=alt.condition("indexof(datum.series, 'Largest') >= 0", alt.value([4, 3]), alt.value([1, 0])),
        tooltip=tips)
    return alt.layer(lines, *_lab_layer(labs, years)).resolve_scale(color="independent",
                                                                     shape="independent").properties(height=360)


def growth_chart(points: pl.DataFrame, trends: pl.DataFrame, crossing: pl.DataFrame) -> alt.LayerChart:
    """The two yearly sums on a log axis with their fitted trends, the trends' 90 % bands, and the central
    crossing year as a rule."""
    color = alt.Color("series:N", title="Series", scale=alt.Scale(range=[PALETTE[0], PALETTE[5]]))
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=1))
    band_tips = _sources("series:N", alt.Tooltip("year:Q", format="d"), alt.Tooltip("usd:Q", format=MONEY,
                                                                                    title="trend"),
                         alt.Tooltip("low_usd:Q", format=MONEY, title="90 % low"),
                         alt.Tooltip("high_usd:Q", format=MONEY, title="90 % high"), alt.Tooltip("fit:N", title="fit"),
                         dated=False)
    band = alt.Chart(trends).mark_area(opacity=0.15).encode(
        x=x, y=alt.Y("low_usd:Q", scale=LOG), y2="high_usd:Q", color=color, tooltip=band_tips)
    line = alt.Chart(trends).mark_line(strokeDash=[6, 3]).encode(x=x, y="usd:Q", color=color, tooltip=band_tips)
    dots = alt.Chart(points).mark_point(filled=True, size=70).encode(
        x=x, y=alt.Y("usd:Q", title="USD a year (log)", scale=LOG, axis=alt.Axis(format="$~s")), color=color,
        tooltip=_sources("series:N", "year:O", alt.Tooltip("usd:Q", format=MONEY, title="USD"),
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
    known = ratio.filter(pl.col("human_data_to_compute_ratio").is_not_null())
    tips = [alt.Tooltip("year:O"), alt.Tooltip("human_data_to_compute_ratio:Q", format=",.2f", title="ratio"),
            alt.Tooltip("human_data_usd:Q", format=MONEY, title="human data"),
            alt.Tooltip("training_compute_usd:Q", format=MONEY, title="training compute (2023 USD)"),
            alt.Tooltip("vendors_with_figure:Q", title="vendors"), alt.Tooltip("runs_with_cost:Q", title="runs"),
            alt.Tooltip("skills_bought:Q", format=",.0f", title="skills it buys"),
            alt.Tooltip("source_titles:N", title="Sources")]
    x = alt.X("year:O", title="Year", scale=_years(years))
    dots = alt.Chart(known).mark_point(filled=True, size=90, color=PALETTE[0]).encode(
        x=x, y=alt.Y("human_data_to_compute_ratio:Q", title="Human data ÷ training compute (log)", scale=LOG),
        tooltip=tips)
    stems = alt.Chart(known).mark_rule(color=PALETTE[0]).encode(x=x, y=alt.datum(1), y2="human_data_to_compute_ratio:Q",
                                                                 tooltip=tips)
    one = alt.Chart(pl.DataFrame({"y": [1.0]})).mark_rule(color="#555555", strokeDash=[4, 4]).encode(y="y:Q")
    return alt.layer(one, stems, dots).properties(height=300)
