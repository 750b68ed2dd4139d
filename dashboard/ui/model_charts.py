"""Altair charts for the model pages (pure: frames in, charts out).

Model-output frames carry `sources` (the source ids behind their inputs), `as_of` (the newest of
those sources' dates) and `confidence` ("model output"), added by `model_views.provenance_columns`.
Every bar and dot carries its value as a label beside it and its name on a category axis that shows
every label whole; money axes read $k/$M/$B; legends sit below the chart, uncut.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from dashboard.ui.charts import (
    PALETTE,
    band_axis,
    legend,
    log_axis,
    number_text,
    palette_scale,
    source_tooltip,
    usd_axis,
    usd_text,
)

LOG = alt.Scale(type="log")
SERIES = alt.Scale(domain=["Expert data", "Compute"], range=[PALETTE[1], PALETTE[0]])
ROW = 34  # px per category row: room for a dot, its label and its band
FLOP_AXIS = alt.Axis(labelExpr="abs(datum.value / pow(10, floor(log(datum.value) / LN10 + 1e-9)) - 1) < 1e-6 "
                             "? format(datum.value, '.0e') : ''", titleLimit=0, labelOverlap=False)


def model_tooltip(*fields: alt.Tooltip | str) -> list[alt.Tooltip | str]:
    """The chart's fields, then where the model's inputs came from and how recent they are."""
    return [*fields, alt.Tooltip("confidence:N", title="Kind"), alt.Tooltip("sources:N", title="Inputs from"),
            alt.Tooltip("as_of:T", title="Newest input source", format="%Y-%m-%d")]


def _labels(base: alt.Chart, x: str, text: str, dx: int = 12) -> alt.Chart:
    """The value of each mark written beside it (`text` is a Vega expression)."""
    return base.transform_calculate(label=text).mark_text(align="left", baseline="middle", dx=dx, fontSize=12).encode(
        x=f"{x}:Q", text="label:N")


def headline_chart(frame: pl.DataFrame, measure: str, money: bool) -> alt.LayerChart:
    """Data against compute for one measure: a dot at the point estimate (labelled), a rule for P5–P95 (log axis)."""
    rows = frame.filter(pl.col("measure") == measure)
    fmt = "$,.0f" if money else ",.1f"
    tips = model_tooltip("what:N", alt.Tooltip("value:Q", format=fmt, title="Point estimate"),
                         alt.Tooltip("p5:Q", format=fmt, title="P5"), alt.Tooltip("p95:Q", format=fmt, title="P95"))
    base = alt.Chart(rows).encode(y=alt.Y("what:N", title=None, sort=["Expert data", "Compute"], axis=band_axis()))
    axis = usd_axis(measure + " — log scale") if money else log_axis(measure + " — log scale")
    dots = base.mark_point(size=220, filled=True, opacity=1).encode(
        x=alt.X("value:Q", scale=LOG, axis=axis), color=alt.Color("what:N", scale=SERIES, legend=None), tooltip=tips)
    bands = base.mark_rule(strokeWidth=2, color="black").encode(x="p5:Q", x2="p95:Q", tooltip=tips)
    ticks = [base.mark_tick(color="black", thickness=2, size=18).encode(x=f"{end}:Q", tooltip=tips) for end in ("p5", "p95")]
    text = usd_text("value") if money else "format(datum.value, ',.1f') + ' weeks'"
    labels = base.transform_calculate(label=text).mark_text(dy=-16, fontSize=12, fontWeight="bold").encode(
        x="value:Q", text="label:N")
    return alt.layer(bands, *ticks, dots, labels).properties(height=alt.Step(64), title=measure)


def skill_cost_chart(parts: pl.DataFrame) -> alt.LayerChart:
    """Stacked bars: each skill's price split into expert labour and vendor margin, its total written at the end."""
    tips = model_tooltip("skill:N", "domain:N", "part:N", alt.Tooltip("usd:Q", format="$,.0f", title="USD"))
    y = alt.Y("skill:N", title=None, axis=band_axis())
    bars = alt.Chart(parts).mark_bar().encode(
        x=alt.X("usd:Q", stack="zero", axis=usd_axis("Price of the skill's expert data", log=False)), y=y,
        color=alt.Color("part:N", scale=alt.Scale(range=[PALETTE[0], PALETTE[1]]), legend=legend(None)), tooltip=tips)
    totals = alt.Chart(parts).transform_aggregate(total="sum(usd)", groupby=["skill"]).transform_calculate(
        label=usd_text("total")).mark_text(align="left", dx=6, fontSize=12).encode(x="total:Q", y=y, text="label:N")
    return alt.layer(bars, totals).properties(height=alt.Step(ROW))


def supply_chart(table: pl.DataFrame, deadline_weeks: float) -> alt.LayerChart:
    """Weeks to assemble each expert pool's data (log axis, labelled), coloured by scarcity, the deadline as a rule."""
    tips = model_tooltip("domain:N", "skills:Q", alt.Tooltip("weeks_to_assemble:Q", format=",.1f"),
                         alt.Tooltip("expert_pool:Q", format=","), alt.Tooltip("participation_rate:Q", format=".3f"),
                         alt.Tooltip("hours_per_week_per_expert:Q", format=".0f"),
                         alt.Tooltip("active_experts_for_deadline:Q", format=",.0f"), "scarce:N")
    base = alt.Chart(table).encode(y=alt.Y("domain:N", title=None, sort="-x", axis=band_axis()))
    status = ["within the deadline", "misses the deadline"]
    dots = base.transform_calculate(status=f"datum.scarce ? '{status[1]}' : '{status[0]}'").mark_point(
        filled=True, size=220, opacity=1).encode(
        x=alt.X("weeks_to_assemble:Q", scale=LOG, axis=log_axis("Weeks to assemble (log scale)")),
        color=alt.Color("status:N", scale=alt.Scale(domain=status, range=[PALETTE[2], PALETTE[5]]), legend=legend(None)),
        tooltip=tips)
    labels = _labels(base, "weeks_to_assemble", "format(datum.weeks_to_assemble, ',.1f') + ' weeks'")
    rule = alt.Chart(pl.DataFrame({"deadline": [deadline_weeks]})).mark_rule(strokeDash=[6, 3]).encode(
        x="deadline:Q", tooltip=[alt.Tooltip("deadline:Q", title="Deadline (weeks)")])
    return alt.layer(dots, labels, rule).properties(height=alt.Step(ROW))


def training_runs_chart(runs: pl.DataFrame) -> alt.LayerChart:
    """Training compute against cost, both on log axes, coloured by year, each point named."""
    tips = source_tooltip("model:N", "developer:N", "year:O", alt.Tooltip("training_flop:Q", format=".2e"),
                          alt.Tooltip("cost_plotted:Q", format="$,.0f", title="cost (USD)"), "cost_method:N",
                          date_field="source_date_published")
    base = alt.Chart(runs).encode(
        x=alt.X("training_flop:Q", title="Training compute (FLOP, log)", scale=LOG, axis=FLOP_AXIS),
        y=alt.Y("cost_plotted:Q", scale=LOG, axis=usd_axis("Training cost (log)")))
    points = base.mark_point(filled=True, size=70).encode(
        color=alt.Color("year:O", scale=alt.Scale(scheme="viridis"), legend=legend("Year")),
        shape=alt.Shape("confidence:N", legend=legend("Confidence")), tooltip=tips)
    names = base.mark_text(align="left", dx=7, dy=-6, fontSize=10).encode(text="model:N")
    return alt.layer(points, names).properties(height=360)


def gpu_prices_chart(prices: pl.DataFrame) -> alt.Chart:
    """Rental price per GPU-hour over time (log axis), one colour per accelerator."""
    tips = source_tooltip("gpu:N", "provider:N", "pricing:N", alt.Tooltip("usd_plotted:Q", format="$.2f"),
                          date_field="price_date")
    return alt.Chart(prices).mark_point(filled=True, size=60).encode(
        x=alt.X("price_date:T", title="Price date"),
        y=alt.Y("usd_plotted:Q", scale=LOG, axis=usd_axis("USD per GPU-hour (log)")),
        color=alt.Color("gpu:N", scale=palette_scale(), legend=legend("GPU", columns=4)),
        shape=alt.Shape("confidence:N", legend=legend("Confidence")), tooltip=tips).properties(height=300)


def compute_methods_chart(frame: pl.DataFrame) -> alt.LayerChart:
    """The run's cost by rental and by amortised hardware, with the expert data cost beside them (labelled)."""
    tips = model_tooltip("method:N", alt.Tooltip("usd:Q", format="$,.0f"))
    base = alt.Chart(frame).encode(y=alt.Y("method:N", title=None, axis=band_axis()))
    dots = base.mark_point(filled=True, size=220, opacity=1).encode(
        x=alt.X("usd:Q", scale=LOG, axis=usd_axis("USD (log scale)")),
        color=alt.Color("method:N", legend=None, scale=alt.Scale(range=[PALETTE[0], PALETTE[4], PALETTE[1]])),
        tooltip=tips)
    return alt.layer(dots, _labels(base, "usd", usd_text("usd"))).properties(height=alt.Step(ROW + 6))


def projection_chart(frame: pl.DataFrame) -> alt.FacetChart:
    """Projected yearly cost of expert data and of compute (log axis), one panel per framing of compute."""
    tips = model_tooltip("framing:N", "year:O", "series:N", alt.Tooltip("usd:Q", format="$,.0f"))
    lines = alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("year:O", title="Year"), y=alt.Y("usd:Q", scale=LOG, axis=usd_axis("USD a year (log scale)")),
        color=alt.Color("series:N", scale=SERIES, legend=legend(None)), tooltip=tips).properties(width=320, height=280)
    return lines.facet(column=alt.Column("framing:N", title=None, header=alt.Header(labelLimit=0, labelFontSize=13))
                       ).resolve_scale(y="independent")


def chinchilla_chart(frame: pl.DataFrame) -> alt.LayerChart:
    """Per fit: tokens at the compute optimum versus with unlimited parameters (log axis), each dot labelled."""
    tips = model_tooltip("fit_name:N", "allocation:N", alt.Tooltip("tokens:Q", format=".3e"),
                         alt.Tooltip("data_reduction_factor:Q", format=".2f", title="D_opt ÷ D_∞"))
    # Points, not bars: a bar on a log axis has no zero to start from, and Vega-Lite draws none.
    base = alt.Chart(frame).encode(y=alt.Y("fit_name:N", title=None, axis=band_axis()), yOffset="allocation:N")
    dots = base.mark_point(filled=True, size=220, opacity=1).encode(
        x=alt.X("tokens:Q", title="Training tokens (log scale)", scale=LOG, axis=FLOP_AXIS),
        color=alt.Color("allocation:N", scale=alt.Scale(range=[PALETTE[0], PALETTE[2]]), legend=legend(None)),
        tooltip=tips)
    labels = _labels(base, "tokens", number_text("tokens") + " + ' tokens'")
    return alt.layer(dots, labels).properties(height=alt.Step(ROW))


def tokens_chart(frame: pl.DataFrame) -> alt.LayerChart:
    """Human versus model tokens on a log axis, each labelled."""
    tips = model_tooltip("who:N", alt.Tooltip("tokens:Q", format=".3e"))
    base = alt.Chart(frame).encode(y=alt.Y("who:N", title=None, axis=band_axis()))
    dots = base.mark_point(filled=True, size=220, opacity=1).encode(
        x=alt.X("tokens:Q", title="Tokens (log scale)", scale=LOG, axis=FLOP_AXIS),
        color=alt.Color("who:N", legend=None, scale=palette_scale()), tooltip=tips)
    return alt.layer(dots, _labels(base, "tokens", number_text("tokens") + " + ' tokens'")).properties(
        height=alt.Step(ROW + 6))


def api_chart(frame: pl.DataFrame) -> alt.LayerChart:
    """API cost of the distillation examples per model (log axis, every model named and its cost written), the
    expert cost as a rule."""
    tips = ["provider:N", "model:N", alt.Tooltip("api_cost_usd:Q", format="$,.2f"),
            alt.Tooltip("expert_cost_usd:Q", format="$,.0f", title="experts, same items"),
            alt.Tooltip("source_titles:N", title="Sources"),
            alt.Tooltip("newest_price_date:T", title="Newest price", format="%Y-%m-%d")]
    base = alt.Chart(frame).encode(y=alt.Y("model:N", title=None, sort="x", axis=band_axis()))
    dots = base.mark_point(filled=True, size=160, opacity=1).encode(
        x=alt.X("api_cost_usd:Q", scale=LOG, axis=usd_axis("USD for the same items (log scale)")),
        color=alt.Color("provider:N", scale=palette_scale(), legend=legend("Provider", columns=4)), tooltip=tips)
    labels = _labels(base, "api_cost_usd", usd_text("api_cost_usd"), dx=9)
    rule = alt.Chart(frame.head(1)).mark_rule(color=PALETTE[1], strokeWidth=3).encode(
        x="expert_cost_usd:Q", tooltip=[alt.Tooltip("expert_cost_usd:Q", format="$,.0f", title="Experts")])
    rule_label = alt.Chart(frame.head(1)).transform_calculate(label="'Experts: ' + " + usd_text("expert_cost_usd")).mark_text(
        align="right", dx=-6, dy=-4, baseline="bottom", color=PALETTE[1], fontWeight="bold").encode(
        x="expert_cost_usd:Q", y=alt.value(0), text="label:N")
    return alt.layer(dots, labels, rule, rule_label).properties(height=alt.Step(24))


def long_tail_chart(frame: pl.DataFrame, coverage_target: float) -> alt.LayerChart:
    """Coverage against samples (log axis) for both strategies, the target as a rule."""
    tips = model_tooltip("strategy:N", alt.Tooltip("samples:Q", format=","), alt.Tooltip("coverage:Q", format=".1%"))
    lines = alt.Chart(frame).mark_line().encode(
        x=alt.X("samples:Q", scale=LOG, axis=log_axis("Samples bought (log scale)")),
        y=alt.Y("coverage:Q", axis=alt.Axis(format="%", title="Share of categories with enough examples", titleLimit=0)),
        color=alt.Color("strategy:N", scale=alt.Scale(range=[PALETTE[5], PALETTE[0]]), legend=legend(None)), tooltip=tips)
    rule = alt.Chart(pl.DataFrame({"target": [coverage_target]})).mark_rule(strokeDash=[6, 3]).encode(
        y="target:Q", tooltip=[alt.Tooltip("target:Q", format=".0%", title="Coverage target")])
    return alt.layer(lines, rule).properties(height=320)


def comparison_chart(frame: pl.DataFrame) -> alt.LayerChart:
    """Saved scenarios: expert-data and compute cost side by side (log axis), each dot labelled."""
    tips = model_tooltip("scenario:N", "cost:N", alt.Tooltip("usd:Q", format="$,.0f"))
    base = alt.Chart(frame).encode(y=alt.Y("scenario:N", title=None, axis=band_axis()), yOffset="cost:N")
    dots = base.mark_point(filled=True, size=220, opacity=1).encode(
        x=alt.X("usd:Q", scale=LOG, axis=usd_axis("USD (log scale)")),
        color=alt.Color("cost:N", scale=SERIES, legend=legend(None)), tooltip=tips)
    return alt.layer(dots, _labels(base, "usd", usd_text("usd"))).properties(height=alt.Step(ROW))


def tornado_chart(frame: pl.DataFrame, base_share: float) -> alt.LayerChart:
    """Data share with each input at its low and high end (others at base), largest swing on top; every bar
    named on the axis and its end's value written at its tip."""
    tips = model_tooltip("input:N", "end:N", alt.Tooltip("value_text:N", title="input value"),
                         alt.Tooltip("data_share:Q", format=".1%"), alt.Tooltip("swing:Q", format=".1%"))
    frame = frame.filter(pl.col("swing") > 1e-9)  # inputs that move only the time are in the table beside
    order = frame.sort("swing", descending=True)["input"].unique(maintain_order=True).to_list()
    y = alt.Y("input:N", sort=order, title=None, axis=band_axis())
    bars = alt.Chart(frame).mark_bar().encode(
        y=y, x=alt.X("data_share:Q", axis=alt.Axis(format="%", title="Data share of total cost", titleLimit=0)),
        x2=alt.X2("base:Q"), color=alt.Color("end:N", scale=alt.Scale(domain=["low", "high"], range=[PALETTE[4], PALETTE[5]]),
                                             legend=legend("Input at its")),
        tooltip=tips).transform_calculate(base=str(base_share))
    texts = [alt.Chart(frame).transform_filter(f"datum.data_share {side} {base_share}").mark_text(
        fontSize=11, baseline="middle", align=align, dx=dx).encode(y=y, x="data_share:Q", text="value_text:N")
        for side, align, dx in ((">=", "left", 4), ("<", "right", -4))]
    rule = alt.Chart(pl.DataFrame({"base": [base_share]})).mark_rule().encode(
        x="base:Q", tooltip=[alt.Tooltip("base:Q", format=".1%", title="Point estimate")])
    return alt.layer(bars, *texts, rule).properties(height=alt.Step(30))


def employment_trend_chart(trend: pl.DataFrame) -> alt.Chart:
    """US employment of each pool's occupations in each BLS year (log axis)."""
    tips = ["domain:N", "year:O", alt.Tooltip("employment:Q", format=",.0f"),
            alt.Tooltip("usd_per_hour_median_weighted:Q", format="$.2f", title="day-job wage")]
    return alt.Chart(trend).mark_line(point=True).encode(
        x=alt.X("year:O", title="BLS May survey year"),
        y=alt.Y("employment:Q", scale=LOG, axis=log_axis("US employment (log scale)")),
        color=alt.Color("domain:N", legend=legend("Pool"), scale=palette_scale()), tooltip=tips).properties(height=260)


def ai_models_chart(models: pl.DataFrame) -> alt.Chart:
    """Epoch's models: training compute against training cost (2023 USD), both log axes, frontier marked."""
    tips = ["model:N", alt.Tooltip("publication_date:T", title="published", format="%Y-%m-%d"), "organizations:N",
            alt.Tooltip("training_compute_flop:Q", format=".2e", title="compute (FLOP)"),
            alt.Tooltip("training_compute_cost_usd_2023:Q", format="$,.3~s", title="cost (2023 USD)"),
            alt.Tooltip("epoch_confidence:N", title="Epoch's confidence"), alt.Tooltip("confidence:N", title="Confidence"),
            "frontier:N", alt.Tooltip("link:N", title="link")]
    return alt.Chart(models).mark_point(filled=True, size=60, opacity=0.8).encode(
        x=alt.X("training_compute_flop:Q", scale=LOG, axis=alt.Axis(format=".0e", title="Training compute (FLOP, log)",
                                                                     titleLimit=0)),
        y=alt.Y("training_compute_cost_usd_2023:Q", scale=LOG, axis=usd_axis("Training cost (2023 USD, log)")),
        color=alt.Color("year(publication_date):O", legend=legend("Year"), scale=alt.Scale(scheme="viridis")),
        shape=alt.Shape("frontier:N", legend=legend(None), scale=alt.Scale(domain=["frontier model", "other notable model"],
                                                                           range=["diamond", "circle"])),
        tooltip=tips).properties(height=360)


def price_history_chart(history: pl.DataFrame) -> alt.Chart:
    """A model's input and output price per million tokens over time (log axis)."""
    tips = [alt.Tooltip("date:T", format="%Y-%m-%d"), "price:N", alt.Tooltip("usd_per_million:Q", format="$,.3f"),
            "price_source:N"]
    return alt.Chart(history).mark_line(point=True, interpolate="step-after").encode(
        x=alt.X("date:T", title="Date"),
        y=alt.Y("usd_per_million:Q", scale=LOG, axis=usd_axis("USD per million tokens (log)")),
        color=alt.Color("price:N", legend=legend("Price"), scale=palette_scale()),
        strokeDash=alt.StrokeDash("price_source:N", legend=legend(None)),
        tooltip=tips).properties(height=260)


def finetune_chart(counts: pl.DataFrame) -> alt.Chart:
    """Fine-tuning datasets per year, stacked by whether people or models wrote the text."""
    tips = ["year:O", "task_category:N", "text_origin:N", alt.Tooltip("datasets:Q", format=",")]
    return alt.Chart(counts).mark_bar().encode(
        x=alt.X("year:O", title="Year of the earliest listing"), y=alt.Y("datasets:Q", title="Datasets", stack="zero"),
        color=alt.Color("text_origin:N", legend=legend("Text"), scale=alt.Scale(domain=["human-written", "model-generated"],
                                                                                range=[PALETTE[0], PALETTE[1]])),
        tooltip=tips).properties(height=280)
