"""Frames and sentences the model pages show, built from an EvaluationResult. Pure: no Streamlit.

Pages call these so that they hold no arithmetic; every number here comes from the model's result
or from a warehouse frame, and is only reshaped, labelled or (for display) divided into units.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
import polars as pl

from dashboard.model.distillation import api_cost_usd
from dashboard.model.evidence import split_source_ids
from dashboard.model.inputs import spec_for
from dashboard.model.ranged import base_of
from dashboard.model.result import EvaluationResult
from dashboard.model.scenario import Scenario
from dashboard.model.verdict import CLEAR, Verdict
from dashboard.ui.formats import count, format_value, percent, usd
from dashboard.ui.sourcing import source_names

HEADLINE_PREFIXES = ("vendor_margin", "skills.", "pools.", "compute.")


# ---------------------------------------------------------------- provenance

def input_source_ids(result: EvaluationResult, prefixes: Sequence[str] = HEADLINE_PREFIXES) -> list[str]:
    """Source ids behind the resolved inputs whose path starts with one of `prefixes`."""
    ids = {sid for path, item in result.resolved_inputs.items() if path.startswith(tuple(prefixes))
           for sid in item.source_ids}
    return sorted(ids)


def assumption_sources(result: EvaluationResult, prefixes: Sequence[str]) -> pl.DataFrame:
    """The named assumptions behind the resolved inputs under `prefixes`, as rows shaped like the sources table
    (source_id `assumption:<input>`, kind 'assumption', the reasoning as notes): an export names them beside the
    documents its other inputs come from."""
    rows = {}
    for path, item in result.resolved_inputs.items():
        if path.startswith(tuple(prefixes)) and item.origin == "assumption":
            try:
                spec = spec_for(path)
            except KeyError:
                continue
            reasoning = spec.assumption.reasoning if spec.assumption else item.note
            rows[spec.path] = {"source_id": f"assumption:{spec.path}", "title": f"Assumption: {spec.label}",
                               "publisher": "datamoat (a named assumption, used where no figure exists)",
                               "kind": "assumption", "notes": reasoning}
    schema = {"source_id": pl.String, "title": pl.String, "publisher": pl.String, "kind": pl.String, "notes": pl.String}
    return pl.DataFrame(list(rows.values()), schema=schema)


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
    weeks_train = result.compute.training_weeks
    rows = [
        ("Money (USD)", "Expert data", result.data_cost_usd, u.data_cost_usd.p5 if u else None,
         u.data_cost_usd.p95 if u else None),
        ("Money (USD)", "Compute", result.compute.compute_cost_usd, u.compute_cost_usd.p5 if u else None,
         u.compute_cost_usd.p95 if u else None),
        ("Time (weeks)", "Expert data", result.max_weeks_to_assemble, u.max_weeks_to_assemble.p5 if u else None,
         u.max_weeks_to_assemble.p95 if u else None),
        ("Time (weeks)", "Compute", weeks_train, u.training_weeks.p5 if u else None,
         u.training_weeks.p95 if u else None),
    ]
    return pl.DataFrame(rows, schema={"measure": pl.String, "what": pl.String, "value": pl.Float64,
                                      "p5": pl.Float64, "p95": pl.Float64}, orient="row")


def headline_table(result: EvaluationResult) -> pl.DataFrame:
    """The headline beside its chart: per side, cost and weeks at the point estimate and P5–P95."""
    u = result.uncertainty
    band = lambda summary, end: getattr(summary, end) if u else None
    rows = [("Expert data", result.data_cost_usd, band(u and u.data_cost_usd, "p5"), band(u and u.data_cost_usd, "p95"),
             result.max_weeks_to_assemble, band(u and u.max_weeks_to_assemble, "p5"),
             band(u and u.max_weeks_to_assemble, "p95")),
            ("Compute", result.compute.compute_cost_usd, band(u and u.compute_cost_usd, "p5"),
             band(u and u.compute_cost_usd, "p95"), result.compute.training_weeks, band(u and u.training_weeks, "p5"),
             band(u and u.training_weeks, "p95"))]
    return pl.DataFrame(rows, orient="row", schema={
        "side": pl.String, "cost_usd": pl.Float64, "cost_p5_usd": pl.Float64, "cost_p95_usd": pl.Float64,
        "weeks": pl.Float64, "weeks_p5": pl.Float64, "weeks_p95": pl.Float64})


VERDICT_WORDS = {
    ("money", "data"): "Expert data costs more", ("money", "compute"): "Compute costs more",
    ("time", "data"): "The data takes longer", ("time", "compute"): "Training takes longer",
    ("money", "too close to call"): "Too close to call", ("time", "too close to call"): "Too close to call",
}


def verdict_headline(measure: str, verdict: Verdict) -> str:
    """The verdict in a few words: which side binds, or 'Too close to call'."""
    return VERDICT_WORDS[(measure, verdict.side)]


def verdict_detail(verdict: Verdict, result: EvaluationResult) -> str:
    """The probability behind a verdict, and the rule that turns it into words."""
    u = result.uncertainty
    if verdict.share_of_draws_data is None or u is None:
        return verdict.sentence
    return (f"{verdict.sentence} A side is named only when at least {percent(CLEAR)} of the {u.draws:,} Monte Carlo "
            f"draws agree; between {percent(1 - CLEAR)} and {percent(CLEAR)} it is too close to call.")


def _plural(number: float, word: str) -> str:
    words = {"sft_demonstration": "SFT demonstrations", "preference_comparison": "preference comparisons",
             "rl_task": "RL tasks"}
    name = words.get(word, word.replace("_", " ") + ("s" if not word.endswith("s") else ""))
    if number == 1:
        name = name[:-1] if name.endswith("s") else name
    return f"{count(number)} {name}"


def scope_sentence(scenario: Scenario, result: EvaluationResult, domain_labels: dict[str, str],
                   escape: Callable[[str], str] = str) -> str:
    """What the scenario answers for: its skills, each one's artifact counts, and the training run, as Markdown
    with every name from the scenario or the warehouse passed through `escape`."""
    mixes = [tuple((a.type, base_of(a.count)) for a in s.artifacts) for s in scenario.skills]
    mix_words = lambda mix: ", ".join(_plural(n, kind) for kind, n in mix[:-1]) + (
        " and " if len(mix) > 1 else "") + _plural(mix[-1][1], mix[-1][0])
    names = [escape(domain_labels.get(s.domain, s.domain.replace("_", " "))) for s in scenario.skills]
    if len(set(mixes)) == 1:
        skills = f"{', '.join(names)} — each with {escape(mix_words(mixes[0]))}"
    else:
        skills = "; ".join(f"{name} ({escape(mix_words(mix))})" for name, mix in zip(names, mixes, strict=True))
    flop = _input(result, "compute.training_flop")
    gpus = _input(result, "compute.gpus")
    n = len(scenario.skills)
    return (f"**{n} skill{'s' if n != 1 else ''}**: {skills}. **The training run** that teaches one skill: "
            f"{format_value(flop, 'flop')} on {count(gpus)} {escape(result.compute.gpu)} GPUs "
            f"({result.compute.training_weeks:,.1f} weeks).")


def answer_sentences(result: EvaluationResult, escape: Callable[[str], str] = str) -> list[str]:
    """The answer in words, with the live numbers (the verdicts themselves stand above, with their probability), as
    Markdown with every name that comes from the scenario passed through `escape`."""
    u = result.uncertainty
    n = len(result.skills)
    lines = [
        f"**Money.** The expert data for these {n} skill{'s' if n != 1 else ''} costs {usd(result.data_cost_usd)} "
        f"against {usd(result.compute.compute_cost_usd)} of rented compute for one skill's training run: data is "
        f"{percent(result.data_share)} of the total at the point estimate.",
        f"**Time.** Assembling the data takes {format_value(result.max_weeks_to_assemble, 'weeks')} (the slowest expert "
        f"pool) against {format_value(result.compute.training_weeks, 'weeks')} of training on "
        f"{count(_input(result, 'compute.gpus'))} "
        f"{escape(result.compute.gpu)} GPUs; both run at the same time.",
    ]
    if u is not None:
        lines.append(f"**Uncertainty.** Over {u.draws:,} Monte Carlo draws the data share runs from "
                     f"{percent(u.data_share.p5)} (P5) to {percent(u.data_share.p95)} (P95).")
    if result.sensitivity:
        top = result.sensitivity[0]
        lines.append(f"**Top driver.** The answer depends most on **{escape(top.label)}** (top of the tornado on Scenarios): "
                     f"from its low to its high end the data share moves from {percent(top.data_share_at_low)} to "
                     f"{percent(top.data_share_at_high)}.")
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


def input_value(result: EvaluationResult, path: str) -> float:
    """A resolved input's point value (NaN when the scenario has none)."""
    return _input(result, path)


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
    """Per expert pool (domain): its size, participation, hours, weeks to assemble its skills' items, and
    the experts a deadline needs."""
    rows = []
    for pool in result.pools:
        p = f"pools.{pool.domain}."
        size, share, hours = (_input(result, p + n) for n in
                              ("expert_pool", "participation_rate", "hours_per_week_per_expert"))
        active = experts_needed(pool.expert_hours, deadline_weeks, hours)
        rows.append({
            "domain": pool.domain, "skills": pool.skills, "expert_pool": size, "participation_rate": share,
            "hours_per_week_per_expert": hours, "active_experts_available": size * share,
            "expert_hours_needed": pool.expert_hours, "weeks_to_assemble": pool.weeks_to_assemble,
            "active_experts_for_deadline": active, "pool_needed_for_deadline": pool_needed(active, share),
            "scarce": pool.weeks_to_assemble > deadline_weeks,
        })
    return pl.DataFrame(rows)


def pool_shares(result: EvaluationResult) -> pl.DataFrame:
    """Per skill: its pool and its share of the pool's expert hours."""
    return pl.DataFrame([{"skill": s.skill, "domain": s.domain, "expert_hours": s.expert_hours,
                          "share_of_pool_hours": s.share_of_pool_hours, "weeks_to_assemble": s.weeks_to_assemble}
                         for s in result.skills])


# ---------------------------------------------------------------- compute and projection

def compute_methods_frame(result: EvaluationResult) -> pl.DataFrame:
    """The training run's cost by cloud rental and by Cottier et al.'s amortisation, beside the data cost."""
    c = result.compute
    return pl.DataFrame({"method": ["Cloud rental", "Amortised hardware + energy (Cottier et al.)", "Expert data"],
                         "usd": [c.compute_cost_usd, c.amortised_cost_usd, result.data_cost_usd]})


FRAMING_LABELS = {"per_skill_runs": "Per-skill post-training runs", "frontier": "The frontier training run"}


def projection_frame(result: EvaluationResult) -> pl.DataFrame:
    """Long frame: framing, year, series (expert data / compute), cost in USD."""
    p = result.projection
    rows = [{"framing": FRAMING_LABELS[f.name], "year": r.year, "series": name, "usd": value}
            for f in (p.per_skill_runs, p.frontier) if f is not None for r in f.rows
            for name, value in (("Expert data", r.data_cost_usd), ("Compute", r.compute_cost_usd))]
    return pl.DataFrame(rows, schema={"framing": pl.String, "year": pl.Int64, "series": pl.String, "usd": pl.Float64})


def _year_span(band, last: int) -> str:
    years = [str(y) if y is not None else f"after {last}" for y in (band.p5_year, band.p95_year)]
    return years[0] if years[0] == years[1] else f"{years[0]} to {years[1]}"


def projection_table(result: EvaluationResult) -> pl.DataFrame:
    """The projection beside its chart: per framing and year, the expert data and compute cost."""
    return projection_frame(result).pivot(on="series", index=["framing", "year"], values="usd").rename(
        {"Expert data": "expert_data_usd", "Compute": "compute_usd"}).sort("framing", "year")


def crossover_sentences(result: EvaluationResult) -> list[str]:
    """Per framing: when expert data overtakes compute at the point estimate, and how the draws spread."""
    p, u = result.projection, result.uncertainty
    bands = {"per_skill_runs": u.crossover_per_skill_runs if u else None, "frontier": u.crossover_frontier if u else None}
    lines = []
    for framing in (p.per_skill_runs, p.frontier):
        if framing is None:
            lines.append(f"**{FRAMING_LABELS['frontier']}**: no frontier training cost is known, so this framing is not drawn.")
            continue
        last = framing.rows[-1].year
        if framing.data_costs_more_at_base_year:
            point = f"expert data already costs more in {framing.rows[0].year}"
        elif framing.crossover_year is None:
            point = f"compute stays the larger cost through {last} ({p.years} years)"
        else:
            point = f"expert data overtakes compute in **{framing.crossover_year}**"
        band = bands[framing.name]
        if band is not None:
            point += (f". In {percent(band.share_of_draws_crossing)} of the draws expert data costs more by {last}; "
                      f"the crossing year's P5–P95: {_year_span(band, last)}")
        lines.append(f"**{FRAMING_LABELS[framing.name]}**: {point}.")
    return lines


def gpu_price_points(prices: pl.DataFrame) -> pl.DataFrame:
    """GPU prices with a plotted value (the price, else the midpoint of its range) and a label."""
    mid = pl.coalesce("usd_per_gpu_hour", (pl.col("usd_per_gpu_hour_low") + pl.col("usd_per_gpu_hour_high")) / 2)
    return prices.with_columns(usd_plotted=mid).filter(pl.col("usd_plotted").is_not_null())


def training_run_points(points: pl.DataFrame, cited: pl.DataFrame) -> pl.DataFrame:
    """The mart's one point per model (median compute and cost, weakest confidence) with the titles and dates
    of the sources behind it, for the chart's tooltips."""
    joined = lambda column: pl.col(column).drop_nulls().unique().sort().str.join("; ")
    names = cited.group_by("model").agg(joined("cost_method"), joined("source_title"), joined("source_publisher"),
                                        pl.col("source_date_published").max())
    return points.join(names, on="model", how="left").rename({"cost_usd": "cost_plotted"}).sort("model")


def ai_model_points(models: pl.DataFrame) -> pl.DataFrame:
    """Epoch's models with both a training compute and a cost, with a frontier label for the legend."""
    return models.filter(pl.col("training_compute_flop").is_not_null() & pl.col("training_compute_cost_usd_2023").is_not_null()
                         ).with_columns(pl.when(pl.col("is_frontier")).then(pl.lit("frontier model"))
                                        .otherwise(pl.lit("other notable model")).alias("frontier"))


def frontier_trend_sentences(points: list) -> list[str]:
    """The growth of frontier training cost and compute a year, fitted over Epoch's frontier runs."""
    from dashboard.model.evidence import frontier_compute_fit, frontier_cost_fit

    lines = []
    for what, fit in (("training cost", frontier_cost_fit(points)), ("training compute", frontier_compute_fit(points))):
        if fit is None:
            lines.append(f"Too few frontier runs carry a {what} to fit its growth.")
            continue
        lines.append(f"Frontier {what} grows **×{fit.factor:.2f} a year** (90 % interval ×{fit.factor_low:.2f}–"
                     f"×{fit.factor_high:.2f}; log-linear fit of {fit.points} frontier models, "
                     f"{fit.first_year:.0f}–{fit.last_year:.0f}).")
    return lines


# ---------------------------------------------------------------- scaling, distillation, long tail

def token_comparison(result: EvaluationResult) -> pl.DataFrame:
    """Tokens a person hears by adulthood versus a frontier model's pre-training tokens."""
    se = result.sample_efficiency
    rows = [("A person by adulthood (heard)", se.human_tokens_by_adulthood),
            ("A frontier model (pre-training)", se.frontier_pretraining_tokens)]
    return pl.DataFrame([r for r in rows if r[1] is not None], schema={"who": pl.String, "tokens": pl.Float64},
                        orient="row")


def chinchilla_frame(rows: list[dict]) -> pl.DataFrame:
    """The calculator's rows per fit as a frame."""
    return pl.DataFrame(rows) if rows else pl.DataFrame(schema={"fit_name": pl.String})


def chinchilla_long(per_fit: pl.DataFrame) -> pl.DataFrame:
    """Per fit: tokens at the compute optimum and with unlimited parameters (long, for a grouped bar)."""
    if per_fit.is_empty():
        return pl.DataFrame(schema={"fit_name": pl.String, "allocation": pl.String, "tokens": pl.Float64})
    return per_fit.select("fit_name", "data_reduction_factor",
                          **{"Compute-optimal (D_opt)": "d_opt_tokens",
                             "Unlimited parameters (D_∞)": "d_tokens_infinite_params"}).unpivot(
        index=["fit_name", "data_reduction_factor"], variable_name="allocation", value_name="tokens")


def with_source_titles(frame: pl.DataFrame, sources: pl.DataFrame, column: str = "source_ids") -> pl.DataFrame:
    """`frame` with `source_titles`: its ';'-separated source ids named as 'publisher — title'."""
    names = source_names(sources)
    titles = ["; ".join(names.get(i, i) for i in split_source_ids(ids)) for ids in frame[column].to_list()]
    return frame.with_columns(source_titles=pl.Series(titles, dtype=pl.String))


def api_alternatives(teachers: pl.DataFrame, result: EvaluationResult) -> pl.DataFrame:
    """For every priced API model (mart_teacher_models): the cost of the scenario's distillation examples,
    beside the expert cost of as many items."""
    d = result.distillation
    latest = teachers
    tokens_in = _input(result, "distillation.input_tokens_each")
    tokens_out = _input(result, "distillation.output_tokens_each")
    costs = api_cost_usd(d.examples, tokens_in, tokens_out,
                         latest["usd_per_million_input_tokens"].fill_null(np.nan).to_numpy(),
                         latest["usd_per_million_output_tokens"].fill_null(np.nan).to_numpy())
    return latest.with_columns(api_cost_usd=pl.Series(costs), expert_cost_usd=pl.lit(d.expert_cost_same_items_usd)
                               ).filter(pl.col("api_cost_usd").is_not_nan())


def price_history(changes: pl.DataFrame, curated: pl.DataFrame, model: str | None) -> pl.DataFrame:
    """One model's price per million tokens over time: curated list prices by date, and LiteLLM's changes
    between snapshots (the price before at the earlier snapshot, after at the later one)."""
    schema = {"date": pl.Date, "price": pl.String, "usd_per_million": pl.Float64, "price_source": pl.String}
    rows = []
    for row in curated.filter(pl.col("model") == model).iter_rows(named=True):
        for price in ("input", "output"):
            rows.append({"date": row["price_date"], "price": price,
                         "usd_per_million": row[f"usd_per_million_{price}_tokens"], "price_source": "curated list price"})
    for row in changes.filter(pl.col("model_key") == model).iter_rows(named=True):
        price = row["price"].removeprefix("usd_per_million_").removesuffix("_tokens").replace("_", " ")
        rows.append({"date": row["previous_snapshot_date"], "price": price,
                     "usd_per_million": row["usd_per_million_before"], "price_source": "LiteLLM price table"})
        rows.append({"date": row["snapshot_date"], "price": price,
                     "usd_per_million": row["usd_per_million_after"], "price_source": "LiteLLM price table"})
    return pl.DataFrame(rows, schema=schema).unique().sort("date")


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
                     "data_cost_p5_usd": u.data_cost_usd.p5 if u else None,
                     "data_cost_p95_usd": u.data_cost_usd.p95 if u else None,
                     "compute_cost_usd": r.compute.compute_cost_usd, "data_share": r.data_share,
                     "weeks_to_assemble": r.max_weeks_to_assemble, "training_weeks": r.compute.training_weeks,
                     "money": r.verdict_money.side, "time": r.verdict_time.side})
    return pl.DataFrame(rows)


def comparison_long(table: pl.DataFrame) -> pl.DataFrame:
    """Cost columns of the comparison table in long form for a grouped bar."""
    return table.select("scenario", **{"Expert data": "data_cost_usd", "Compute": "compute_cost_usd"}).unpivot(
        index="scenario", variable_name="cost", value_name="usd")


def sensitivity_labels(result: EvaluationResult, top: int | None = None) -> list[str]:
    """Each sensitivity row's label (the registry's, with what it is for), made unique where two coincide."""
    labels, seen = [], {}
    for row in result.sensitivity[:top]:
        seen[row.label] = seen.get(row.label, 0) + 1
        labels.append(row.label if seen[row.label] == 1 else f"{row.label} #{seen[row.label]}")
    return labels


def _end_text(row, value: float) -> str:
    try:
        return format_value(value, spec_for(row.paths[0]).unit)
    except KeyError:
        return f"{value:,.4g}"


def tornado_frame(result: EvaluationResult, top: int = 12) -> pl.DataFrame:
    """The largest data-share swings: each input at its low and high end (others at base), with the end's value
    in its unit for the label beside the bar."""
    rows = []
    for label, row in zip(sensitivity_labels(result, top), result.sensitivity[:top], strict=True):
        for end, value, share in (("low", row.low, row.data_share_at_low), ("high", row.high, row.data_share_at_high)):
            rows.append({"input": label, "end": end, "value": value, "value_text": _end_text(row, value),
                         "data_share": share, "swing": row.data_share_swing})
    return pl.DataFrame(rows, schema={"input": pl.String, "end": pl.String, "value": pl.Float64, "value_text": pl.String,
                                      "data_share": pl.Float64, "swing": pl.Float64})


def tornado_table(result: EvaluationResult) -> pl.DataFrame:
    """Every sensitivity row: the input, its low and high end in its unit, the data share at each, and the swing."""
    rows = [{"input": label, "low_end": _end_text(row, row.low), "high_end": _end_text(row, row.high),
             "data_share_at_low": row.data_share_at_low, "data_share_at_high": row.data_share_at_high,
             "data_share_swing": row.data_share_swing, "data_cost_usd_at_low": row.data_cost_usd_at_low,
             "data_cost_usd_at_high": row.data_cost_usd_at_high}
            for label, row in zip(sensitivity_labels(result), result.sensitivity, strict=True)]
    return pl.DataFrame(rows, schema={"input": pl.String, "low_end": pl.String, "high_end": pl.String,
                                      "data_share_at_low": pl.Float64, "data_share_at_high": pl.Float64,
                                      "data_share_swing": pl.Float64, "data_cost_usd_at_low": pl.Float64,
                                      "data_cost_usd_at_high": pl.Float64})


BAND_LABELS = {"data_cost_usd": ("Expert data cost", "usd"), "compute_cost_usd": ("Compute cost", "usd"),
               "data_share": ("Data share of total cost", "fraction"),
               "max_weeks_to_assemble": ("Weeks to assemble the data", "weeks"),
               "training_weeks": ("Weeks to train", "weeks")}


def bands_table(result: EvaluationResult) -> pl.DataFrame:
    """The Monte Carlo bands as people read them: one row per output, each value in its unit."""
    return pl.DataFrame([{"output": BAND_LABELS[row["output"]][0],
                          **{k: format_value(row[k], BAND_LABELS[row["output"]][1])
                             for k in ("p5", "p50", "p95", "point_estimate")}}
                         for row in bands_frame(result).iter_rows(named=True)],
                        schema={"output": pl.String, "p5": pl.String, "p50": pl.String, "p95": pl.String,
                                "point_estimate": pl.String})


def bands_frame(result: EvaluationResult) -> pl.DataFrame:
    """P5/P50/P95 of the Monte Carlo outputs, one row per output."""
    u = result.uncertainty
    if u is None:
        return pl.DataFrame()
    outputs = {"data_cost_usd": u.data_cost_usd, "compute_cost_usd": u.compute_cost_usd,
               "data_share": u.data_share, "max_weeks_to_assemble": u.max_weeks_to_assemble,
               "training_weeks": u.training_weeks}
    return pl.DataFrame([{"output": k, "p5": v.p5, "p50": v.p50, "p95": v.p95, "point_estimate": _point(result, k)}
                         for k, v in outputs.items()])


def _point(result: EvaluationResult, name: str) -> float:
    return {"data_cost_usd": result.data_cost_usd, "compute_cost_usd": result.compute.compute_cost_usd,
            "data_share": result.data_share, "max_weeks_to_assemble": result.max_weeks_to_assemble,
            "training_weeks": result.compute.training_weeks}[name]
