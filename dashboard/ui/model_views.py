"""Frames and sentences the model pages show, built from an EvaluationResult. Pure: no Streamlit.

Pages call these so that they hold no arithmetic; every number here comes from the model's result
or from a warehouse frame, and is only reshaped, labelled or (for display) divided into units.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import polars as pl

from dashboard.model.distillation import api_cost_usd
from dashboard.model.ranged import base_of
from dashboard.model.result import EvaluationResult
from dashboard.ui.confidence import CONFIDENCE_ORDER

DAYS_PER_WEEK = 7.0
HEADLINE_PREFIXES = ("vendor_margin", "skills.", "compute.")


# ---------------------------------------------------------------- formatting

def usd(value: float | None) -> str:
    """$1.23M style money."""
    if value is None or not math.isfinite(value):
        return "n/a"
    for limit, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"${value / limit:,.2f}{suffix}"
    return f"${value:,.2f}"


def count(value: float | None, digits: int = 3) -> str:
    """A large count with an SI-like suffix (1.2M, 3.4B) or scientific notation beyond trillions."""
    if value is None or not math.isfinite(value):
        return "n/a"
    if abs(value) >= 1e15:
        return f"{value:.{digits - 1}e}"
    for limit, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:.{digits}g}{suffix}"
    return f"{value:.{digits}g}"


def weeks(value: float) -> str:
    return f"{value:,.1f} weeks"


def percent(value: float) -> str:
    return f"{100 * value:.0f}%"


# ---------------------------------------------------------------- provenance

def input_source_ids(result: EvaluationResult, prefixes: Sequence[str] = HEADLINE_PREFIXES) -> list[str]:
    """Source ids behind the resolved inputs whose path starts with one of `prefixes`."""
    ids = {sid for path, item in result.resolved_inputs.items() if path.startswith(tuple(prefixes))
           for sid in item.source_ids}
    return sorted(ids)


def cited_sources(sources: pl.DataFrame, source_ids: Iterable[str]) -> pl.DataFrame:
    """The sources rows for `source_ids`, with the `source_*` column names the captions expect."""
    wanted = list(source_ids)
    return sources.filter(pl.col("source_id").is_in(wanted)).select(
        "source_id", source_title="title", source_publisher="publisher", source_url="url",
        source_date_published="date_published")


def provenance_columns(frame: pl.DataFrame, sources: pl.DataFrame) -> pl.DataFrame:
    """`frame` with a `sources` text (ids) and `as_of` (newest publication date) for chart tooltips."""
    ids = sources["source_id"].to_list()
    text = ", ".join(ids[:6]) + (f" and {len(ids) - 6} more" if len(ids) > 6 else "") if ids else "assumptions only"
    newest = sources["source_date_published"].drop_nulls().max() if sources.height else None
    return frame.with_columns(sources=pl.lit(text), as_of=pl.lit(newest, dtype=pl.Date),
                              confidence=pl.lit("model output"))


def inputs_frame(result: EvaluationResult, prefixes: Sequence[str]) -> pl.DataFrame:
    """The resolved inputs under `prefixes`: value (base, low, high), origin, sources and note."""
    rows = []
    for path, item in result.resolved_inputs.items():
        if not path.startswith(tuple(prefixes)) or item.value is None:
            continue
        low = getattr(item.value, "low", None)
        high = getattr(item.value, "high", None)
        rows.append({"input": path, "value": base_of(item.value), "low": low, "high": high, "origin": item.origin,
                     "source_ids": ", ".join(item.source_ids), "note": item.note})
    schema = {"input": pl.String, "value": pl.Float64, "low": pl.Float64, "high": pl.Float64,
              "origin": pl.String, "source_ids": pl.String, "note": pl.String}
    return pl.DataFrame(rows, schema=schema)


# ---------------------------------------------------------------- overview

def headline_frame(result: EvaluationResult) -> pl.DataFrame:
    """Money and time, data against compute, with P5/P95 when the Monte Carlo ran (time in weeks)."""
    u = result.uncertainty
    weeks_train = result.compute.training_days / DAYS_PER_WEEK
    rows = [
        ("Money (USD)", "Expert data", result.data_cost_usd, u.data_cost_usd.p5 if u else None,
         u.data_cost_usd.p95 if u else None),
        ("Money (USD)", "Compute", result.compute.compute_cost_usd, u.compute_cost_usd.p5 if u else None,
         u.compute_cost_usd.p95 if u else None),
        ("Time (weeks)", "Expert data", result.max_weeks_to_assemble, u.max_weeks_to_assemble.p5 if u else None,
         u.max_weeks_to_assemble.p95 if u else None),
        ("Time (weeks)", "Compute", weeks_train, u.training_days.p5 / DAYS_PER_WEEK if u else None,
         u.training_days.p95 / DAYS_PER_WEEK if u else None),
    ]
    return pl.DataFrame(rows, schema={"measure": pl.String, "what": pl.String, "value": pl.Float64,
                                      "p5": pl.Float64, "p95": pl.Float64}, orient="row")


def answer_sentences(result: EvaluationResult) -> list[str]:
    """The answer in words, with the live numbers."""
    u = result.uncertainty
    money = "expert data" if result.binding_constraint_cost == "data" else "compute"
    time = "expert data" if result.binding_constraint_time == "data" else "compute"
    lines = [
        f"In money, **{money} binds**: the expert data for these {len(result.skills)} skill(s) costs "
        f"{usd(result.data_cost_usd)} against {usd(result.compute.compute_cost_usd)} of rented compute — "
        f"data is {percent(result.data_share)} of the total.",
        f"In time, **{time} binds**: assembling the data takes {weeks(result.max_weeks_to_assemble)} "
        f"(slowest skill) against {result.compute.training_days:,.1f} days of training.",
    ]
    if u is not None:
        lines.append(
            f"Over {u.draws:,} Monte Carlo draws the data share runs from {percent(u.data_share.p5)} (P5) to "
            f"{percent(u.data_share.p95)} (P95); data costs more than compute in "
            f"{percent(u.share_of_draws_data_binds_cost)} of draws and takes longer in "
            f"{percent(u.share_of_draws_data_binds_time)}.")
    return lines


# ---------------------------------------------------------------- skill costs and supply

def skill_cost_parts(result: EvaluationResult) -> pl.DataFrame:
    """Long frame for a stacked bar: per skill, expert labour and the vendor's margin (price − labour)."""
    rows = []
    for skill in result.skills:
        rows.append({"skill": skill.skill, "domain": skill.domain, "part": "Expert labour", "usd": skill.labor_usd})
        rows.append({"skill": skill.skill, "domain": skill.domain, "part": "Vendor margin",
                     "usd": skill.price_usd - skill.labor_usd})
    return pl.DataFrame(rows, schema={"skill": pl.String, "domain": pl.String, "part": pl.String, "usd": pl.Float64})


def skill_table(result: EvaluationResult) -> pl.DataFrame:
    """One row per skill: items, hours, labour, margin, price, price per item and weeks."""
    return pl.DataFrame([{
        "skill": s.skill, "domain": s.domain, "accepted_items": s.accepted_items, "expert_hours": s.expert_hours,
        "labor_usd": s.labor_usd, "vendor_margin_usd": s.price_usd - s.labor_usd, "price_usd": s.price_usd,
        "price_usd_per_item": s.price_usd / s.accepted_items if s.accepted_items else None,
        "weeks_to_assemble": s.weeks_to_assemble} for s in result.skills])


def _input(result: EvaluationResult, path: str) -> float:
    item = result.resolved_inputs.get(path)
    return float("nan") if item is None or item.value is None else base_of(item.value)


def experts_needed(expert_hours: float, deadline_weeks: float, hours_per_week_per_expert: float) -> float:
    """Active experts to deliver `expert_hours` by the deadline: hours / (weeks × hours per week each)."""
    return expert_hours / (deadline_weeks * hours_per_week_per_expert)


def pool_needed(active_experts: float, participation_rate: float) -> float:
    """People in the profession needed so that `active_experts` take part: active / participation."""
    return active_experts / participation_rate


def supply_table(result: EvaluationResult, deadline_weeks: float) -> pl.DataFrame:
    """Per skill: pool, participation, hours, weeks to assemble, and the experts a deadline needs."""
    rows = []
    for i, s in enumerate(result.skills):
        p = f"skills.{i}."
        pool, share, hours = (_input(result, p + n) for n in
                              ("expert_pool", "participation_rate", "hours_per_week_per_expert"))
        active = experts_needed(s.expert_hours, deadline_weeks, hours)
        rows.append({
            "skill": s.skill, "domain": s.domain, "expert_pool": pool, "participation_rate": share,
            "hours_per_week_per_expert": hours, "active_experts_available": pool * share,
            "expert_hours_needed": s.expert_hours, "weeks_to_assemble": s.weeks_to_assemble,
            "active_experts_for_deadline": active, "pool_needed_for_deadline": pool_needed(active, share),
            "scarce": s.weeks_to_assemble > deadline_weeks,
        })
    return pl.DataFrame(rows)


# ---------------------------------------------------------------- compute and projection

def compute_methods_frame(result: EvaluationResult) -> pl.DataFrame:
    """The training run's cost by cloud rental and by amortised hardware, beside the data cost."""
    c = result.compute
    return pl.DataFrame({"method": ["Cloud rental", "Amortised hardware + energy", "Expert data"],
                         "usd": [c.compute_cost_usd, c.amortised_cost_usd, result.data_cost_usd]})


def projection_frame(result: EvaluationResult) -> pl.DataFrame:
    """Long frame: year, series (expert data / compute), cost in USD."""
    rows = [{"year": r.year, "series": name, "usd": value}
            for r in result.projection.rows
            for name, value in (("Expert data", r.data_cost_usd), ("Compute", r.compute_cost_usd))]
    return pl.DataFrame(rows)


def crossover_sentence(result: EvaluationResult) -> str:
    p = result.projection
    if p.data_binds_at_base_year:
        return f"Expert data already costs more than compute in {p.rows[0].year}."
    if p.crossover_year is None:
        return f"Compute stays the larger cost through {p.rows[-1].year}."
    return f"Expert data overtakes compute in **{p.crossover_year}**."


def gpu_price_points(prices: pl.DataFrame) -> pl.DataFrame:
    """GPU prices with a plotted value (the price, else the midpoint of its range) and a label."""
    mid = pl.coalesce("usd_per_gpu_hour", (pl.col("usd_per_gpu_hour_low") + pl.col("usd_per_gpu_hour_high")) / 2)
    return prices.with_columns(usd_plotted=mid).filter(pl.col("usd_plotted").is_not_null())


def training_run_points(runs: pl.DataFrame) -> pl.DataFrame:
    """One point per model: the median compute and the median cost its sources give.

    Compute and cost often come from different sources (a model card states FLOP, an analyst prices
    the run), so a model's rows are pooled; a cost given only as a range counts at its midpoint. The
    point carries the weakest confidence of its rows and names every source behind it.
    """
    cost = pl.coalesce("cost_usd", (pl.col("cost_usd_low") + pl.col("cost_usd_high")) / 2)
    rank = pl.col("confidence").replace_strict(CONFIDENCE_ORDER, list(range(len(CONFIDENCE_ORDER))), default=0)
    joined = lambda column: pl.col(column).drop_nulls().unique().sort().str.join("; ")
    points = runs.with_columns(cost_plotted=cost, _rank=rank).group_by("model").agg(
        pl.col("developer").first(), pl.col("year").min(), pl.col("training_flop").median(),
        pl.col("cost_plotted").median(), joined("cost_method"), joined("source_title"), joined("source_publisher"),
        pl.col("source_date_published").max(), pl.col("_rank").max(), pl.len().alias("rows"))
    confidence = pl.col("_rank").replace_strict(list(range(len(CONFIDENCE_ORDER))), CONFIDENCE_ORDER)
    return points.with_columns(confidence=confidence).drop("_rank").filter(
        pl.col("cost_plotted").is_not_null() & pl.col("training_flop").is_not_null()).sort("model")


# ---------------------------------------------------------------- scaling, distillation, long tail

def token_comparison(result: EvaluationResult) -> pl.DataFrame:
    """Tokens a person hears by adulthood versus a frontier model's pre-training tokens."""
    se = result.sample_efficiency
    rows = [("A person by adulthood (heard)", se.human_tokens_by_adulthood),
            ("A frontier model (pre-training)", se.frontier_pretraining_tokens)]
    return pl.DataFrame([r for r in rows if r[1] is not None], schema={"who": pl.String, "tokens": pl.Float64},
                        orient="row")


def chinchilla_long(per_fit: pl.DataFrame) -> pl.DataFrame:
    """Per fit: tokens at the compute optimum and with unlimited parameters (long, for a grouped bar)."""
    if per_fit.is_empty():
        return pl.DataFrame(schema={"fit_name": pl.String, "allocation": pl.String, "tokens": pl.Float64})
    return per_fit.select("fit_name", "source_ids", "data_reduction_factor",
                          **{"Compute-optimal (D_opt)": "d_opt_tokens",
                             "Unlimited parameters (D_∞)": "d_tokens_infinite_params"}).unpivot(
        index=["fit_name", "source_ids", "data_reduction_factor"], variable_name="allocation", value_name="tokens")


def api_alternatives(prices: pl.DataFrame, result: EvaluationResult) -> pl.DataFrame:
    """For every API model in `prices` (latest price each): the cost of the scenario's distillation
    examples, beside the expert cost of as many items."""
    d = result.distillation
    latest = prices.sort("price_date").group_by("model", maintain_order=True).last()
    tokens_in = _input(result, "distillation.input_tokens_each")
    tokens_out = _input(result, "distillation.output_tokens_each")
    costs = api_cost_usd(d.examples, tokens_in, tokens_out,
                         latest["usd_per_million_input_tokens"].fill_null(np.nan).to_numpy(),
                         latest["usd_per_million_output_tokens"].fill_null(np.nan).to_numpy())
    return latest.with_columns(api_cost_usd=pl.Series(costs), expert_cost_usd=pl.lit(d.expert_cost_same_items_usd)
                               ).filter(pl.col("api_cost_usd").is_not_nan())


def long_tail_long(curve: pl.DataFrame) -> pl.DataFrame:
    """The coverage curve in long form: samples, strategy, coverage."""
    return curve.rename({"coverage_frequency_weighted": "Bought by frequency",
                         "coverage_importance_weighted": "Weighted on purpose"}).unpivot(
        index="samples", variable_name="strategy", value_name="coverage")


# ---------------------------------------------------------------- scenarios

def comparison_table(results: dict[str, EvaluationResult]) -> pl.DataFrame:
    """Saved scenarios side by side: headline outputs and their P5–P95."""
    rows = []
    for name, r in results.items():
        u = r.uncertainty
        rows.append({"scenario": name, "data_cost_usd": r.data_cost_usd,
                     "data_cost_p5": u.data_cost_usd.p5 if u else None, "data_cost_p95": u.data_cost_usd.p95 if u else None,
                     "compute_cost_usd": r.compute.compute_cost_usd, "data_share": r.data_share,
                     "weeks_to_assemble": r.max_weeks_to_assemble, "training_days": r.compute.training_days,
                     "binds_in_money": r.binding_constraint_cost, "binds_in_time": r.binding_constraint_time})
    return pl.DataFrame(rows)


def comparison_long(table: pl.DataFrame) -> pl.DataFrame:
    """Cost columns of the comparison table in long form for a grouped bar."""
    return table.select("scenario", **{"Expert data": "data_cost_usd", "Compute": "compute_cost_usd"}).unpivot(
        index="scenario", variable_name="cost", value_name="usd")


def tornado_frame(result: EvaluationResult, top: int = 12) -> pl.DataFrame:
    """The largest data-share swings: each input at its low and high end (others at base)."""
    rows = []
    for row in result.sensitivity[:top]:
        rows.append({"input": row.input, "end": "low", "value": row.low, "data_share": row.data_share_at_low,
                     "swing": row.data_share_swing})
        rows.append({"input": row.input, "end": "high", "value": row.high, "data_share": row.data_share_at_high,
                     "swing": row.data_share_swing})
    return pl.DataFrame(rows, schema={"input": pl.String, "end": pl.String, "value": pl.Float64,
                                      "data_share": pl.Float64, "swing": pl.Float64})


def bands_frame(result: EvaluationResult) -> pl.DataFrame:
    """P5/P50/P95 of the Monte Carlo outputs, one row per output."""
    u = result.uncertainty
    if u is None:
        return pl.DataFrame()
    outputs = {"data_cost_usd": u.data_cost_usd, "compute_cost_usd": u.compute_cost_usd,
               "data_share": u.data_share, "max_weeks_to_assemble": u.max_weeks_to_assemble,
               "training_days": u.training_days}
    return pl.DataFrame([{"output": k, "p5": v.p5, "p50": v.p50, "p95": v.p95, "point_estimate": _point(result, k)}
                         for k, v in outputs.items()])


def _point(result: EvaluationResult, name: str) -> float:
    return {"data_cost_usd": result.data_cost_usd, "compute_cost_usd": result.compute.compute_cost_usd,
            "data_share": result.data_share, "max_weeks_to_assemble": result.max_weeks_to_assemble,
            "training_days": result.compute.training_days}[name]
