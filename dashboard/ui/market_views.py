"""Frames and sentences the page *The market* shows, from the market model (dashboard/model/market.py) and the
sources table. Pure: no Streamlit. Every row a chart draws carries `source_titles` and an `as_of` date for
its tooltip; `cited_rows` names one source per row for the captions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import polars as pl

from dashboard.model.evidence import split_source_ids
from dashboard.model.market import (
    COMPUTE_SUM_ALL,
    HUMAN_DATA,
    MARKET_TABLES,
    Market,
    best_covered_year,
    market,
    skills_bought,
    trend_points,
)
from dashboard.ui.formats import short_usd, usd
from dashboard.ui.sourcing import source_names

NO_FIGURE = "no figure this year (a gap, not a zero)"
GROWTH_SERIES = (HUMAN_DATA, COMPUTE_SUM_ALL)
COMPUTE_SERIES = ("training_compute_sum_all", "training_compute_sum_frontier", "training_compute_max_all",
                  "training_compute_max_frontier")


def market_of(evidence_filter: str, *frames: pl.DataFrame) -> Market:
    """The market model over the marts' frames, given in MARKET_TABLES order (so `memo` can key on each frame)."""
    return market(dict(zip(MARKET_TABLES, frames, strict=True)), evidence_filter)


def money_range(low: float | None, high: float | None) -> str:
    """'$1.00B–$1.20B', or '' when there is no range (a single figure)."""
    if low is None or high is None or low == high:
        return ""
    return f"{usd(low)}–{usd(high)}"


def _titles(ids: Iterable[str], names: dict[str, str]) -> str:
    return "; ".join(names.get(i, i) for i in sorted(set(ids)) if i)


def _published(sources: pl.DataFrame) -> dict[str, object]:
    return dict(sources.select("source_id", "date_published").iter_rows())


# ---------------------------------------------------------------- human-data spend

def vendor_stack(m: Market, sources: pl.DataFrame) -> pl.DataFrame:
    """Each vendor's part of each year's human-data sum (years with a figure only), for the stacked bars."""
    names, published = source_names(sources), _published(sources)
    rows = [{"year": r["year"], "vendor": r["vendor"], "revenue_usd": r["revenue_usd"],
             "revenue_low_usd": r["revenue_low_usd"], "revenue_high_usd": r["revenue_high_usd"],
             "revenue_basis": r["revenue_basis"], "confidence": r["confidence"], "figure_count": r["figure_count"],
             "revenue": usd(r["revenue_usd"]), "range": money_range(r["revenue_low_usd"], r["revenue_high_usd"]),
             "as_of": r["newest_as_of_date"] or max((published[i] for i in split_source_ids(r["source_ids"])
                                                    if published.get(i)), default=None),
             "source_ids": r["source_ids"], "source_titles": _titles(split_source_ids(r["source_ids"]), names)}
            for r in m.vendor_years if r["revenue_usd"] is not None]
    return pl.DataFrame(rows, schema={"year": pl.Int64, "vendor": pl.String, "revenue_usd": pl.Float64,
                                      "revenue_low_usd": pl.Float64, "revenue_high_usd": pl.Float64,
                                      "revenue_basis": pl.String, "confidence": pl.String,
                                      "figure_count": pl.Int64, "revenue": pl.String, "range": pl.String,
                                      "as_of": pl.Date, "source_ids": pl.String,
                                      "source_titles": pl.String})


def passing_figures(figures: pl.DataFrame, passing: pl.DataFrame) -> pl.DataFrame:
    """The vendor figures (mart_vendor_revenue_figures) whose vendor_metrics row passes the evidence filter
    (`passing`: vendor_metrics_evidence for that filter)."""
    return figures.join(passing.select(pl.col("csv_line").alias("figure_id")), on="figure_id", how="semi")


def pooled_figures(figures: pl.DataFrame, stack: pl.DataFrame) -> pl.DataFrame:
    """The vendor figures (mart_vendor_revenue_figures, already filtered) behind the stacked bars: those whose
    vendor, year and rule match a drawn part."""
    drawn = stack.select("vendor", "year", "revenue_basis").unique()
    return figures.with_columns(pl.col("year").cast(pl.Int64)).join(drawn, on=["vendor", "year", "revenue_basis"],
                                                                    how="semi")


def coverage(m: Market, sources: pl.DataFrame) -> pl.DataFrame:
    """Every vendor × every market year: which rule gave its figure, or that it has none (never filled)."""
    names = source_names(sources)
    rows = [{"vendor": r["vendor"], "year": r["year"], "revenue_basis": r["revenue_basis"],
             "revenue_usd": r["revenue_usd"], "label": short_usd(r["revenue_usd"]),
             "confidence": r["confidence"] or "no figure",
             "as_of": r["newest_as_of_date"],
             "source_titles": _titles(split_source_ids(r["source_ids"]), names) or NO_FIGURE} for r in m.vendor_years]
    return pl.DataFrame(rows, schema={"vendor": pl.String, "year": pl.Int64, "revenue_basis": pl.String,
                                      "revenue_usd": pl.Float64, "label": pl.String, "confidence": pl.String,
                                      "as_of": pl.Date,
                                      "source_titles": pl.String})


def yearly_totals(m: Market, sources: pl.DataFrame, vendors: pl.DataFrame) -> pl.DataFrame:
    """Each market year's human-data sum with its range and coverage; gap years have no sum and say so."""
    names = source_names(sources)
    newest = dict(vendors.group_by("year").agg(pl.col("as_of").max()).iter_rows()) if vendors.height else {}
    rows = [{"year": p.year, "revenue_usd": p.usd, "revenue_low_usd": p.low_usd, "revenue_high_usd": p.high_usd,
             "sum": usd(p.usd) if p.usd is not None else "no figure", "range": money_range(p.low_usd, p.high_usd),
             "vendors_with_figure": p.count, "vendor_names": p.detail or "none",
             "status": "sum of the vendors with a figure" if p.usd is not None else NO_FIGURE,
             "as_of": newest.get(p.year), "source_titles": _titles(p.source_ids, names) or NO_FIGURE}
            for p in m.series[HUMAN_DATA].points]
    return pl.DataFrame(rows, schema={"year": pl.Int64, "revenue_usd": pl.Float64, "revenue_low_usd": pl.Float64,
                                      "revenue_high_usd": pl.Float64, "sum": pl.String, "range": pl.String,
                                      "vendors_with_figure": pl.Int64, "vendor_names": pl.String, "status": pl.String,
                                      "as_of": pl.Date, "source_titles": pl.String})


def lab_points(m: Market, side: str, sources: pl.DataFrame) -> pl.DataFrame:
    """The labs' own reports on one side ('human data' or 'compute'), with their sources and dates."""
    names = source_names(sources)
    rows = [{"year": r["year"], "lab": r["lab"], "category": r["category"].replace("_", " "), "usd": r["usd"],
             "low_usd": r["low_usd"], "high_usd": r["high_usd"], "value_basis": r["value_basis"],
             "amount": usd(r["usd"]), "range": money_range(r["low_usd"], r["high_usd"]),
             "spending_basis": r["spending_basis"], "notes": r["notes"], "confidence": r["confidence"],
             "as_of": r["aged_by_date"], "source_id": r["source_id"],
             "source_titles": names.get(r["source_id"], r["source_id"])}
            for r in m.lab_points if r["spend_side"] == side and r["usd"] is not None]
    return pl.DataFrame(rows, schema={"year": pl.Int64, "lab": pl.String, "category": pl.String, "usd": pl.Float64,
                                      "low_usd": pl.Float64, "high_usd": pl.Float64, "value_basis": pl.String,
                                      "amount": pl.String, "range": pl.String, "spending_basis": pl.String,
                                      "notes": pl.String, "confidence": pl.String, "as_of": pl.Date,
                                      "source_id": pl.String, "source_titles": pl.String})


# ---------------------------------------------------------------- yearly series, fits, ratio

def series_long(m: Market, keys: Sequence[str], sources: pl.DataFrame) -> pl.DataFrame:
    """The years with a figure of each series in `keys` (long: series, year, usd, count, detail, sources)."""
    names, published = source_names(sources), _published(sources)
    rows = [{"series": m.series[key].label, "key": key, "year": p.year, "usd": p.usd, "amount": usd(p.usd),
             "count": p.count,
             "counts": m.series[key].counts, "detail": p.detail,
             "as_of": max((published[i] for i in p.source_ids if published.get(i)), default=None),
             "source_ids": ";".join(p.source_ids), "source_titles": _titles(p.source_ids, names)}
            for key in keys for p in m.series[key].points if p.usd is not None]
    return pl.DataFrame(rows, schema={"series": pl.String, "key": pl.String, "year": pl.Int64, "usd": pl.Float64,
                                      "amount": pl.String, "count": pl.Int64, "counts": pl.String, "detail": pl.String,
                                      "as_of": pl.Date, "source_ids": pl.String, "source_titles": pl.String})


def fit_text(m: Market, key: str) -> str:
    fit = m.series[key].fit
    if fit is None:
        return "too few years with a figure to fit"
    return (f"×{fit.factor:.2f} a year (90 % interval ×{fit.factor_low:.2f}–×{fit.factor_high:.2f}; "
            f"{fit.points} years, {fit.first_year:.0f}–{fit.last_year:.0f})")


def fit_lines(m: Market, keys: Sequence[str], sources: pl.DataFrame, end_year: int) -> pl.DataFrame:
    """Each fitted trend from its first year to `end_year`, yearly, with its 90 % band and the sources of the
    points it was fitted to."""
    names = source_names(sources)
    rows = []
    for key in keys:
        s = m.series[key]
        if s.fit is None:
            continue
        titles = _titles((i for p in s.points for i in p.source_ids), names)
        years = range(int(s.fit.first_year), end_year + 1)
        rows += [{"series": s.label, "key": key, "year": year, "usd": value, "low_usd": low, "high_usd": high,
                  "trend": usd(value), "band": money_range(low, high), "fit": fit_text(m, key),
                  "source_titles": titles}
                 for year, value, low, high in trend_points(s.fit, years)]
    return pl.DataFrame(rows, schema={"series": pl.String, "key": pl.String, "year": pl.Float64, "usd": pl.Float64,
                                      "low_usd": pl.Float64, "high_usd": pl.Float64, "trend": pl.String,
                                      "band": pl.String, "fit": pl.String, "source_titles": pl.String})


def growth_end_year(m: Market) -> int:
    """How far the growth chart extends the trends: a few years past the central crossing, within the horizon."""
    newest = max((p.year for s in m.series.values() for p in s.points if p.usd is not None), default=2025)
    if m.crossing is None or m.crossing.year is None:
        return newest + 5
    return int(min(max(newest + 3, m.crossing.year + 3), m.crossing.search_end))


def crossing_frame(m: Market, sources: pl.DataFrame) -> pl.DataFrame:
    """The central crossing year as one row (none when the trends do not cross in the years searched)."""
    c = m.crossing
    schema = {"year": pl.Float64, "statement": pl.String, "source_titles": pl.String}
    if c is None or c.year is None:
        return pl.DataFrame(schema=schema)
    names = source_names(sources)
    ids = [i for key in (c.first, c.second) for p in m.series[key].points for i in p.source_ids]
    return pl.DataFrame([{"year": c.year, "statement": c.statement, "source_titles": _titles(ids, names)}],
                        schema=schema)


def growth_domain(points: pl.DataFrame) -> list[float]:
    """The growth chart's y range: a decade below the smallest figure to two decades above the largest, so that
    the widening bands of the extrapolated trends do not flatten the figures (the bands are clipped)."""
    if points.is_empty():
        return [1.0, 10.0]
    return [float(points["usd"].min()) / 10, float(points["usd"].max()) * 100]


def ratio_frame(m: Market, sources: pl.DataFrame, data_cost_usd: float, skills: int) -> pl.DataFrame:
    """Per market year: human-data spend ÷ training-compute spend, both sums, their coverage, and how many skills
    that year's human-data spend buys at the scenario's data cost."""
    names = source_names(sources)
    rows = [{"year": r["year"], "human_data_to_compute_ratio": r["human_data_to_compute_ratio"],
             "human_data_usd": r["human_data_usd"], "training_compute_usd": r["training_compute_usd"],
             "human_data": usd(r["human_data_usd"]), "training_compute": usd(r["training_compute_usd"]),
             "vendors_with_figure": r["vendors_with_figure"], "runs_with_cost": r["runs_with_cost"],
             "skills_bought": skills_bought(r["human_data_usd"], data_cost_usd, skills),
             "source_ids": r["source_ids"],
             "source_titles": _titles(split_source_ids(r["source_ids"]), names) or NO_FIGURE} for r in m.ratio]
    return pl.DataFrame(rows, schema={"year": pl.Int64, "human_data_to_compute_ratio": pl.Float64,
                                      "human_data_usd": pl.Float64, "training_compute_usd": pl.Float64,
                                      "human_data": pl.String, "training_compute": pl.String,
                                      "vendors_with_figure": pl.Int64, "runs_with_cost": pl.Int64,
                                      "skills_bought": pl.Float64, "source_ids": pl.String,
                                      "source_titles": pl.String})


# ---------------------------------------------------------------- words and captions

def fit_sentences(m: Market, keys: Sequence[str]) -> list[str]:
    return [f"**{m.series[key].label}**: {fit_text(m, key)}." for key in keys]


def coverage_sentence(m: Market) -> str:
    """Which years have a human-data sum, and from how many vendors."""
    points = m.series[HUMAN_DATA].points
    have = [p for p in points if p.usd is not None]
    gaps = [str(p.year) for p in points if p.usd is None]
    counts = ", ".join(f"{p.year}: {p.count}" for p in have)
    text = (f"{len(have)} of {len(points)} years have a human-data sum (vendors counted — {counts})." if have
            else "No year has a human-data figure under this filter.")
    return text + (f" No vendor figure for {', '.join(gaps)}: shown as gaps, never filled." if gaps else "")


def skills_sentence(m: Market, data_cost_usd: float, skills: int) -> str | None:
    best = best_covered_year(m.series[HUMAN_DATA].points)
    bought = skills_bought(best.usd if best else None, data_cost_usd, skills)
    if best is None or bought is None:
        return None
    return (f"**{best.year}**'s human-data spend — {usd(best.usd)} from {best.count} vendor(s), the year counting the most "
            f"vendors — would pay for about **{bought:,.0f} skills** at the current scenario's expert-data cost of "
            f"{usd(data_cost_usd / skills)} per skill ({usd(data_cost_usd)} for {skills} skill(s)).")


def cited_rows(frame: pl.DataFrame, sources: pl.DataFrame, id_column: str = "source_ids",
               date_column: str | None = "as_of") -> pl.DataFrame:
    """One row per (row, source) with the `source_*` columns and `as_of` date the captions read; the date is the
    row's own, else the source's publication date."""
    if frame.is_empty() or id_column not in frame.columns:
        return pl.DataFrame(schema={"source_id": pl.String, "source_publisher": pl.String, "source_title": pl.String,
                                    "source_url": pl.String, "as_of": pl.Date})
    ids = frame.select(pl.col(id_column).str.split(";").alias("source_id"),
                       (pl.col(date_column) if date_column and date_column in frame.columns
                        else pl.lit(None, dtype=pl.Date)).alias("row_date")).explode("source_id")
    named = sources.select("source_id", source_publisher="publisher", source_title="title", source_url="url",
                           published="date_published")
    return ids.filter(pl.col("source_id") != "").join(named, on="source_id", how="inner").select(
        "source_id", "source_publisher", "source_title", "source_url",
        as_of=pl.coalesce("row_date", "published"))
