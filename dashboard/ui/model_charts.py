"""Altair charts for the model pages (pure: frames in, charts out).

Model-output frames carry `sources` (the source ids behind their inputs), `as_of` (the newest of
those sources' dates) and `confidence` ("model output"), added by `model_views.provenance_columns`.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from dashboard.ui.charts import PALETTE, palette_scale, source_tooltip

LOG = alt.Scale(type="log")
SERIES = alt.Scale(domain=["Expert data", "Compute"], range=[PALETTE[1], PALETTE[0]])


def model_tooltip(*fields: alt.Tooltip | str) -> list[alt.Tooltip | str]:
    """The chart's fields, then where the model's inputs came from and how recent they are."""
    return [*fields, alt.Tooltip("confidence:N", title="Kind"), alt.Tooltip("sources:N", title="Inputs from"),
            alt.Tooltip("as_of:T", title="Newest input source", format="%Y-%m-%d")]


def headline_chart(frame: pl.DataFrame, measure: str, fmt: str) -> alt.LayerChart:
    """Data against compute for one measure: a dot at the point estimate, a rule for P5–P95 (log axis)."""
    rows = frame.filter(pl.col("measure") == measure)
    tips = model_tooltip("what:N", alt.Tooltip("value:Q", format=fmt, title="Point estimate"),
                         alt.Tooltip("p5:Q", format=fmt, title="P5"), alt.Tooltip("p95:Q", format=fmt, title="P95"))
    base = alt.Chart(rows).encode(y=alt.Y("what:N", title=None, sort=["Expert data", "Compute"]))
    bars = base.mark_point(size=220, filled=True, opacity=1).encode(
        x=alt.X("value:Q", title=measure + " — log scale", scale=LOG, axis=alt.Axis(format=fmt)),
        color=alt.Color("what:N", scale=SERIES, legend=None), tooltip=tips)
    bands = base.mark_rule(strokeWidth=2, color="black").encode(x="p5:Q", x2="p95:Q", tooltip=tips)
    ticks = base.mark_tick(color="black", thickness=2, size=18).encode(x="p5:Q", tooltip=tips)
    ticks_high = base.mark_tick(color="black", thickness=2, size=18).encode(x="p95:Q", tooltip=tips)
    return alt.layer(bands, ticks, ticks_high, bars).properties(height=alt.Step(48), title=measure)


def skill_cost_chart(parts: pl.DataFrame) -> alt.Chart:
    """Stacked bars: each skill's price split into expert labour and vendor margin."""
    tips = model_tooltip("skill:N", "domain:N", "part:N", alt.Tooltip("usd:Q", format="$,.0f", title="USD"))
    return alt.Chart(parts).mark_bar().encode(
        x=alt.X("usd:Q", title="Price of the skill's expert data (USD)", axis=alt.Axis(format="$~s"), stack="zero"),
        y=alt.Y("skill:N", title=None),
        color=alt.Color("part:N", title="Part", scale=alt.Scale(range=[PALETTE[0], PALETTE[1]])),
        tooltip=tips).properties(height=max(120, 40 * parts["skill"].n_unique()))


def supply_chart(table: pl.DataFrame, deadline_weeks: float) -> alt.LayerChart:
    """Weeks to assemble each expert pool's data (log axis), coloured by scarcity, with the deadline as a rule."""
    tips = model_tooltip("domain:N", "skills:Q", alt.Tooltip("weeks_to_assemble:Q", format=",.1f"),
                         alt.Tooltip("expert_pool:Q", format=","), alt.Tooltip("participation_rate:Q", format=".3f"),
                         alt.Tooltip("hours_per_week_per_expert:Q", format=".0f"),
                         alt.Tooltip("active_experts_for_deadline:Q", format=",.0f"), "scarce:N")
    bars = alt.Chart(table).mark_point(filled=True, size=220, opacity=1).encode(
        x=alt.X("weeks_to_assemble:Q", title="Weeks to assemble (log scale)", scale=LOG),
        y=alt.Y("domain:N", title=None, sort="-x"),
        color=alt.Color("scarce:N", title="Misses the deadline",
                        scale=alt.Scale(domain=[False, True], range=[PALETTE[2], PALETTE[5]])),
        tooltip=tips)
    rule = alt.Chart(pl.DataFrame({"deadline": [deadline_weeks]})).mark_rule(strokeDash=[6, 3]).encode(
        x="deadline:Q", tooltip=[alt.Tooltip("deadline:Q", title="Deadline (weeks)")])
    return alt.layer(bars, rule).properties(height=max(120, 40 * table.height))


def training_runs_chart(runs: pl.DataFrame) -> alt.Chart:
    """Training compute against cost, both on log axes, coloured by year."""
    tips = source_tooltip("model:N", "developer:N", "year:O", alt.Tooltip("training_flop:Q", format=".2e"),
                          alt.Tooltip("cost_plotted:Q", format="$,.3~s", title="cost (USD)"), "cost_method:N",
                          date_field="source_date_published")
    return alt.Chart(runs).mark_point(filled=True, size=70).encode(
        x=alt.X("training_flop:Q", title="Training compute (FLOP, log)", scale=LOG, axis=alt.Axis(format=".0e")),
        y=alt.Y("cost_plotted:Q", title="Training cost (USD, log)", scale=LOG, axis=alt.Axis(format="$~s")),
        color=alt.Color("year:O", title="Year", scale=alt.Scale(scheme="viridis")),
        shape=alt.Shape("confidence:N", title="Confidence"), tooltip=tips).properties(height=320)


def gpu_prices_chart(prices: pl.DataFrame) -> alt.Chart:
    """Rental price per GPU-hour over time (log axis), one colour per accelerator."""
    tips = source_tooltip("gpu:N", "provider:N", "pricing:N", alt.Tooltip("usd_plotted:Q", format="$.2f"),
                          date_field="price_date")
    return alt.Chart(prices).mark_point(filled=True, size=60).encode(
        x=alt.X("price_date:T", title="Price date"),
        y=alt.Y("usd_plotted:Q", title="USD per GPU-hour (log)", scale=LOG),
        color=alt.Color("gpu:N", title="GPU", scale=palette_scale()),
        shape=alt.Shape("confidence:N", title="Confidence"), tooltip=tips).properties(height=300)


def compute_methods_chart(frame: pl.DataFrame) -> alt.Chart:
    """The run's cost by rental and by amortised hardware, with the expert data cost beside them."""
    tips = model_tooltip("method:N", alt.Tooltip("usd:Q", format="$,.0f"))
    return alt.Chart(frame).mark_point(filled=True, size=220, opacity=1).encode(
        x=alt.X("usd:Q", title="USD (log scale)", scale=LOG, axis=alt.Axis(format="$~s")),
        y=alt.Y("method:N", title=None),
        color=alt.Color("method:N", legend=None, scale=alt.Scale(range=[PALETTE[0], PALETTE[4], PALETTE[1]])),
        tooltip=tips).properties(height=alt.Step(40))


def projection_chart(frame: pl.DataFrame) -> alt.FacetChart:
    """Projected yearly cost of expert data and of compute (log axis), one panel per framing of compute."""
    tips = model_tooltip("framing:N", "year:O", "series:N", alt.Tooltip("usd:Q", format="$,.3~s"))
    lines = alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("year:O", title="Year"), y=alt.Y("usd:Q", title="USD (log scale)", scale=LOG, axis=alt.Axis(format="$~s")),
        color=alt.Color("series:N", title=None, scale=SERIES), tooltip=tips).properties(width=320, height=280)
    return lines.facet(column=alt.Column("framing:N", title=None)).resolve_scale(y="independent")


def chinchilla_chart(frame: pl.DataFrame) -> alt.Chart:
    """Per fit: tokens at the compute optimum versus with unlimited parameters (log axis)."""
    tips = model_tooltip("fit_name:N", "allocation:N", alt.Tooltip("tokens:Q", format=".3e"),
                         alt.Tooltip("data_reduction_factor:Q", format=".2f", title="D_opt ÷ D_∞"))
    # Points, not bars: a bar on a log axis has no zero to start from, and Vega-Lite draws none.
    return alt.Chart(frame).mark_point(filled=True, size=220, opacity=1).encode(
        x=alt.X("tokens:Q", title="Training tokens (log scale)", scale=LOG, axis=alt.Axis(format=".0e")),
        y=alt.Y("fit_name:N", title=None), yOffset="allocation:N",
        color=alt.Color("allocation:N", title=None, scale=alt.Scale(range=[PALETTE[0], PALETTE[2]])),
        tooltip=tips).properties(height=max(140, 60 * frame["fit_name"].n_unique()))


def tokens_chart(frame: pl.DataFrame) -> alt.Chart:
    """Human versus model tokens on a log axis."""
    tips = model_tooltip("who:N", alt.Tooltip("tokens:Q", format=".3e"))
    return alt.Chart(frame).mark_point(filled=True, size=220, opacity=1).encode(
        x=alt.X("tokens:Q", title="Tokens (log scale)", scale=LOG, axis=alt.Axis(format=".0e")),
        y=alt.Y("who:N", title=None), color=alt.Color("who:N", legend=None, scale=palette_scale()),
        tooltip=tips).properties(height=alt.Step(40))


def api_chart(frame: pl.DataFrame) -> alt.LayerChart:
    """API cost of the distillation examples per model (log axis), the expert cost as a rule."""
    tips = ["provider:N", "model:N", alt.Tooltip("api_cost_usd:Q", format="$,.2f"),
            alt.Tooltip("expert_cost_usd:Q", format="$,.0f", title="experts, same items"),
            alt.Tooltip("source_titles:N", title="Sources"),
            alt.Tooltip("newest_price_date:T", title="Newest price", format="%Y-%m-%d")]
    bars = alt.Chart(frame).mark_point(filled=True, size=160, opacity=1).encode(
        x=alt.X("api_cost_usd:Q", title="USD for the same items (log scale)", scale=LOG, axis=alt.Axis(format="$~s")),
        y=alt.Y("model:N", title=None, sort="x"), color=alt.Color("provider:N", title="Provider", scale=palette_scale()),
        tooltip=tips)
    rule = alt.Chart(frame.head(1)).mark_rule(color=PALETTE[1], strokeWidth=3).encode(
        x="expert_cost_usd:Q", tooltip=[alt.Tooltip("expert_cost_usd:Q", format="$,.0f", title="Experts")])
    return alt.layer(bars, rule).properties(height=max(160, 18 * frame.height))


def long_tail_chart(frame: pl.DataFrame, coverage_target: float) -> alt.LayerChart:
    """Coverage against samples (log axis) for both strategies, the target as a rule."""
    tips = model_tooltip("strategy:N", alt.Tooltip("samples:Q", format=","), alt.Tooltip("coverage:Q", format=".1%"))
    lines = alt.Chart(frame).mark_line().encode(
        x=alt.X("samples:Q", title="Samples bought (log scale)", scale=LOG),
        y=alt.Y("coverage:Q", title="Share of categories with enough examples", axis=alt.Axis(format="%")),
        color=alt.Color("strategy:N", title=None, scale=alt.Scale(range=[PALETTE[5], PALETTE[0]])), tooltip=tips)
    rule = alt.Chart(pl.DataFrame({"target": [coverage_target]})).mark_rule(strokeDash=[6, 3]).encode(
        y="target:Q", tooltip=[alt.Tooltip("target:Q", format=".0%", title="Coverage target")])
    return alt.layer(lines, rule).properties(height=320)


def comparison_chart(frame: pl.DataFrame) -> alt.Chart:
    """Saved scenarios: expert-data and compute cost side by side (log axis)."""
    tips = model_tooltip("scenario:N", "cost:N", alt.Tooltip("usd:Q", format="$,.0f"))
    return alt.Chart(frame).mark_point(filled=True, size=220, opacity=1).encode(
        x=alt.X("usd:Q", title="USD (log scale)", scale=LOG, axis=alt.Axis(format="$~s")),
        y=alt.Y("scenario:N", title=None), yOffset="cost:N",
        color=alt.Color("cost:N", title=None, scale=SERIES), tooltip=tips
    ).properties(height=max(140, 60 * frame["scenario"].n_unique()))


def tornado_chart(frame: pl.DataFrame, base_share: float) -> alt.LayerChart:
    """Data share with each input at its low and high end (others at base), largest swing on top."""
    tips = model_tooltip("input:N", "end:N", alt.Tooltip("value:Q", format=",.4~g", title="input value"),
                         alt.Tooltip("data_share:Q", format=".1%"), alt.Tooltip("swing:Q", format=".1%"))
    order = frame.sort("swing", descending=True)["input"].unique(maintain_order=True).to_list()
    bars = alt.Chart(frame).mark_bar().encode(
        y=alt.Y("input:N", sort=order, title=None), x=alt.X("data_share:Q", title="Data share of total cost",
                                                          axis=alt.Axis(format="%")),
        x2=alt.X2("base:Q"), color=alt.Color("end:N", title="Input at", scale=alt.Scale(range=[PALETTE[4], PALETTE[5]])),
        tooltip=tips).transform_calculate(base=str(base_share))
    rule = alt.Chart(pl.DataFrame({"base": [base_share]})).mark_rule().encode(
        x="base:Q", tooltip=[alt.Tooltip("base:Q", format=".1%", title="Point estimate")])
    return alt.layer(bars, rule).properties(height=max(160, 26 * len(order)))


def employment_trend_chart(trend: pl.DataFrame) -> alt.Chart:
    """US employment of each pool's occupations in each BLS year (log axis)."""
    tips = ["domain:N", "year:O", alt.Tooltip("employment:Q", format=",.0f"),
            alt.Tooltip("usd_per_hour_median_weighted:Q", format="$.2f", title="day-job wage")]
    return alt.Chart(trend).mark_line(point=True).encode(
        x=alt.X("year:O", title="BLS May survey year"),
        y=alt.Y("employment:Q", title="US employment (log scale)", scale=LOG, axis=alt.Axis(format="~s")),
        color=alt.Color("domain:N", title="Pool", scale=palette_scale()), tooltip=tips).properties(height=260)


def ai_models_chart(models: pl.DataFrame) -> alt.Chart:
    """Epoch's models: training compute against training cost (2023 USD), both log axes, frontier marked."""
    tips = ["model:N", alt.Tooltip("publication_date:T", title="published", format="%Y-%m-%d"), "organizations:N",
            alt.Tooltip("training_compute_flop:Q", format=".2e", title="compute (FLOP)"),
            alt.Tooltip("training_compute_cost_usd_2023:Q", format="$,.3~s", title="cost (2023 USD)"),
            alt.Tooltip("epoch_confidence:N", title="Epoch's confidence"), alt.Tooltip("confidence:N", title="Confidence"),
            "frontier:N", alt.Tooltip("link:N", title="link")]
    return alt.Chart(models).mark_point(filled=True, size=60, opacity=0.8).encode(
        x=alt.X("training_compute_flop:Q", title="Training compute (FLOP, log)", scale=LOG, axis=alt.Axis(format=".0e")),
        y=alt.Y("training_compute_cost_usd_2023:Q", title="Training cost (2023 USD, log)", scale=LOG,
                axis=alt.Axis(format="$~s")),
        color=alt.Color("year(publication_date):O", title="Year", scale=alt.Scale(scheme="viridis")),
        shape=alt.Shape("frontier:N", title=None, scale=alt.Scale(domain=["frontier model", "other notable model"],
                                                                  range=["diamond", "circle"])),
        tooltip=tips).properties(height=360)


def price_history_chart(history: pl.DataFrame) -> alt.Chart:
    """A model's input and output price per million tokens over time (log axis)."""
    tips = [alt.Tooltip("date:T", format="%Y-%m-%d"), "price:N", alt.Tooltip("usd_per_million:Q", format="$,.3f"),
            "price_source:N"]
    return alt.Chart(history).mark_line(point=True, interpolate="step-after").encode(
        x=alt.X("date:T", title="Date"),
        y=alt.Y("usd_per_million:Q", title="USD per million tokens (log)", scale=LOG, axis=alt.Axis(format="$,.2f")),
        color=alt.Color("price:N", title="Price", scale=palette_scale()), strokeDash=alt.StrokeDash("price_source:N", title=None),
        tooltip=tips).properties(height=260)


def finetune_chart(counts: pl.DataFrame) -> alt.Chart:
    """Fine-tuning datasets per year, stacked by whether people or models wrote the text."""
    tips = ["year:O", "task_category:N", "text_origin:N", alt.Tooltip("datasets:Q", format=",")]
    return alt.Chart(counts).mark_bar().encode(
        x=alt.X("year:O", title="Year of the earliest listing"), y=alt.Y("datasets:Q", title="Datasets", stack="zero"),
        color=alt.Color("text_origin:N", title="Text", scale=alt.Scale(domain=["human-written", "model-generated"],
                                                                       range=[PALETTE[0], PALETTE[1]])),
        tooltip=tips).properties(height=280)
