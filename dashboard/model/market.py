"""The market, year by year: what data vendors earn from human data against what training runs cost.

The marts compute every figure (pipelines/marts: the vendors' revenue per year by the revenue rule and its
sum with coverage, Epoch AI's training costs summed and maximised per year, the labs' own reports, the ratio).
This module only reads them for one evidence filter, fits each yearly series and compares the two trends,
so that the page *The market* and `datamoat market` show the same numbers. Pure: no Streamlit.

Growth: a log-linear least-squares fit per series (dashboard/model/growth.py): ×factor a year with its 90 %
interval, over the years that have a figure (gaps are left out, never filled).

Where the two trends cross: with the fitted lines in log10 USD, their difference d(t) = dₕ(t) − d꜀(t) has the
standard error se(t) = √(seₕ(t)² + se꜀(t)²), each line's own s·√(1/n + (t − t̄)²/Σ(t − t̄)²). The central
crossing is where d(t) = 0; the 90 % band is every year where |d(t)| ≤ t₀.₉₅ · se(t) (Student t on the
smaller fit's n − 2 degrees of freedom; Fieller's interval for the ratio of the intercept and slope
differences). When the growth rates differ clearly the band is one bounded span; when they do not, it is
unbounded, and the statement says so. Years are searched from the first year with data through
`HORIZON_YEARS` after the newest.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import polars as pl
from scipy import stats

from dashboard.model.evidence import DEFAULT_FILTER, for_filter, split_source_ids
from dashboard.model.growth import INTERVAL, GrowthFit, log_linear_fit

MARKET_TABLES = ("mart_market_years", "mart_human_data_revenue_yearly", "mart_vendor_revenue_years",
                 "mart_training_compute_spend_yearly", "mart_lab_spending_points", "mart_market_ratio")
HORIZON_YEARS = 20
HUMAN_DATA = "human_data_revenue"
COMPUTE_SUM_ALL = "training_compute_sum_all"
SHORT = {"human_data_revenue": "human-data spend (vendor revenue)",
         "training_compute_sum_all": "training-compute spend (all models)"}
SERIES: dict[str, tuple[str, str, str]] = {  # key: (label, mart column, models)
    HUMAN_DATA: ("Data vendors' human-data revenue (sum)", "revenue_usd", ""),
    COMPUTE_SUM_ALL: ("Training compute cost, all models (sum)", "training_cost_sum_usd", "all models"),
    "training_compute_sum_frontier": ("Training compute cost, frontier models (sum)", "training_cost_sum_usd",
                                      "frontier models"),
    "training_compute_max_all": ("Largest training run, all models", "training_cost_max_usd", "all models"),
    "training_compute_max_frontier": ("Largest training run, frontier models", "training_cost_max_usd",
                                      "frontier models"),
}


@dataclass(frozen=True)
class YearValue:
    """One year of a series: the figure (None for a gap), its range, what it counts and its sources."""

    year: int
    usd: float | None
    low_usd: float | None
    high_usd: float | None
    count: int
    detail: str
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class Series:
    """A yearly series with its growth fit (None with fewer than three years of figures)."""

    key: str
    label: str
    counts: str
    points: tuple[YearValue, ...]
    fit: GrowthFit | None


@dataclass(frozen=True)
class Crossing:
    """Where the fitted trends of two series meet: the central year (None when not in the searched years) and
    the 90 % band as spans of years (empty when the interval allows no crossing)."""

    first: str
    second: str
    year: float | None
    band: tuple[tuple[float, float], ...]
    search_start: float
    search_end: float
    horizon_years: int
    newest_year: int
    statement: str


@dataclass(frozen=True)
class Market:
    """The market's series for one evidence filter, their fits, the crossing, and the rows behind them."""

    evidence_filter: str
    years: tuple[int, ...]
    series: dict[str, Series]
    crossing: Crossing | None
    vendor_years: list[dict] = field(default_factory=list)
    lab_points: list[dict] = field(default_factory=list)
    ratio: list[dict] = field(default_factory=list)


# ---------------------------------------------------------------- reading the marts

def _rows(tables: Mapping[str, pl.DataFrame], name: str, evidence_filter: str) -> list[dict]:
    frame = tables.get(name)
    if frame is None or frame.is_empty():
        return []
    return for_filter(frame, evidence_filter).to_dicts()


def _ids(text: str | None) -> tuple[str, ...]:
    return tuple(sorted(set(split_source_ids(text))))


def _human_data_points(rows: list[dict]) -> tuple[YearValue, ...]:
    return tuple(YearValue(r["year"], r["revenue_usd"], r["revenue_low_usd"], r["revenue_high_usd"],
                           r["vendors_with_figure"], r["vendor_names"] or "", _ids(r["source_ids"]))
                 for r in sorted(rows, key=lambda r: r["year"]))


def _compute_points(rows: list[dict], column: str, models: str) -> tuple[YearValue, ...]:
    chosen = sorted((r for r in rows if r["models"] == models), key=lambda r: r["year"])
    detail = "model_at_max" if column == "training_cost_max_usd" else None
    return tuple(YearValue(r["year"], r[column], None, None, r["runs_with_cost"],
                           (r[detail] or "") if detail else f"{r['runs_with_cost']} runs with a cost",
                           _ids(r["source_ids"])) for r in chosen)


def market(tables: Mapping[str, pl.DataFrame], evidence_filter: str = DEFAULT_FILTER,
           horizon_years: int = HORIZON_YEARS) -> Market:
    """The market for one evidence filter, from the marts' frames (missing marts give empty series)."""
    yearly = _rows(tables, "mart_human_data_revenue_yearly", evidence_filter)
    compute = _rows(tables, "mart_training_compute_spend_yearly", evidence_filter)
    series = {}
    for key, (label, column, models) in SERIES.items():
        points = _human_data_points(yearly) if key == HUMAN_DATA else _compute_points(compute, column, models)
        counts = "vendors with a figure" if key == HUMAN_DATA else "runs with a cost"
        series[key] = Series(key, label, counts, points, series_fit(points))
    years = tuple(sorted(r["year"] for r in _rows(tables, "mart_market_years", evidence_filter)))
    return Market(evidence_filter, years, series,
                  trend_crossing(series[HUMAN_DATA], series[COMPUTE_SUM_ALL], horizon_years),
                  _rows(tables, "mart_vendor_revenue_years", evidence_filter),
                  _rows(tables, "mart_lab_spending_points", evidence_filter),
                  _rows(tables, "mart_market_ratio", evidence_filter))


def series_fit(points: Sequence[YearValue]) -> GrowthFit | None:
    """The log-linear growth fit over the years that have a figure."""
    known = [p for p in points if p.usd is not None and p.usd > 0]
    return log_linear_fit([p.year for p in known], [p.usd for p in known])


def trend_points(fit: GrowthFit, years: Sequence[float]) -> list[tuple[float, float, float, float]]:
    """The fitted trend at each year with its 90 % band (of the line, not of a new point): (year, usd, low, high)."""
    k = fit.t_critical
    out = []
    for year in years:
        centre, spread = fit.log10_at(year), k * fit.log10_standard_error_at(year)
        out.append((float(year), 10 ** centre, 10 ** (centre - spread), 10 ** (centre + spread)))
    return out


# ---------------------------------------------------------------- the crossing

def crossing_band(first: GrowthFit, second: GrowthFit, start: float, end: float) -> tuple[tuple[float, float], ...]:
    """The spans of years in [start, end] where the two fitted lines are within their 90 % band of each other:
    q(u) = d(u)² − k²·se(u)² ≤ 0, a quadratic in u = t − start, solved exactly."""
    k = float(stats.t.ppf(0.5 + INTERVAL / 2, min(first.points, second.points) - 2))
    d0 = first.log10_at(start) - second.log10_at(start)
    slope = first.slope_log10_per_year - second.slope_log10_per_year
    alpha, beta, gamma = slope ** 2, 2 * d0 * slope, d0 ** 2
    for fit in (first, second):
        s2, offset = fit.residual_standard_error ** 2, fit.mean_year - start
        alpha -= k ** 2 * s2 / fit.year_spread
        beta += 2 * k ** 2 * s2 * offset / fit.year_spread
        gamma -= k ** 2 * s2 * (1 / fit.points + offset ** 2 / fit.year_spread)
    length = end - start
    return tuple((start + a, start + b) for a, b in _nonpositive_spans(alpha, beta, gamma, length))


def _nonpositive_spans(alpha: float, beta: float, gamma: float, length: float) -> list[tuple[float, float]]:
    """The spans of u in [0, length] where αu² + βu + γ ≤ 0."""
    def q(u: float) -> float:
        return (alpha * u + beta) * u + gamma

    cuts = [0.0, length]
    if alpha != 0:
        disc = beta ** 2 - 4 * alpha * gamma
        if disc >= 0:
            root = math.sqrt(disc)
            cuts += [(-beta - root) / (2 * alpha), (-beta + root) / (2 * alpha)]
    elif beta != 0:
        cuts.append(-gamma / beta)
    cuts = sorted(c for c in set(cuts) if 0 <= c <= length)
    spans: list[tuple[float, float]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if q((a + b) / 2) <= 0:
            if spans and spans[-1][1] == a:
                spans[-1] = (spans[-1][0], b)
            else:
                spans.append((a, b))
    if not spans and any(q(c) <= 0 for c in cuts):  # the band touches the searched years at one point only
        touch = next(c for c in cuts if q(c) <= 0)
        spans.append((touch, touch))
    return spans


def trend_crossing(first: Series, second: Series, horizon_years: int = HORIZON_YEARS) -> Crossing | None:
    """Where the fitted trends of two series meet between the first year with data and `horizon_years` after
    the newest, with the 90 % band; None when either series has no fit."""
    a, b = first.fit, second.fit
    if a is None or b is None:
        return None
    newest = int(max(a.last_year, b.last_year))
    start, end = min(a.first_year, b.first_year), float(newest + horizon_years)
    slope = a.slope_log10_per_year - b.slope_log10_per_year
    central = (b.intercept_log10 - a.intercept_log10) / slope if slope != 0 else None
    year = central if central is not None and start <= central <= end else None
    band = crossing_band(a, b, start, end)
    first_leads = a.log10_at(start) >= b.log10_at(start)
    leader, follower = (SHORT[first.key], SHORT[second.key]) if first_leads else (SHORT[second.key], SHORT[first.key])
    partial = Crossing(first.key, second.key, year, band, start, end, horizon_years, newest, "")
    return Crossing(first.key, second.key, year, band, start, end, horizon_years, newest,
                    crossing_statement(partial, leader, follower))


def span_text(span: tuple[float, float], start: float, end: float) -> str:
    """'2024–2039', with an open end named as such ('2019 or earlier', '2046 or later')."""
    low = f"{span[0]:.0f} or earlier" if span[0] <= start else f"{span[0]:.0f}"
    high = f"{span[1]:.0f} or later" if span[1] >= end else f"{span[1]:.0f}"
    return low if low == high else f"{low} to {high}"


def crossing_statement(crossing: Crossing, leader: str, follower: str) -> str:
    """The crossing in words, only as firm as its band allows. `leader` is the series larger at the start of the
    searched years, `follower` the one that would overtake it."""
    within = f"within {crossing.horizon_years} years of {crossing.newest_year}"
    band = " and ".join(span_text(s, crossing.search_start, crossing.search_end) for s in crossing.band)
    opens_high = bool(crossing.band) and crossing.band[-1][1] >= crossing.search_end
    opens_low = bool(crossing.band) and crossing.band[0][0] <= crossing.search_start
    if not crossing.band:
        return f"No crossing {within}: the 90 % interval allows none in any year from {crossing.search_start:.0f}."
    if crossing.year is None:
        return (f"No crossing {within} on the central fits; the 90 % band still allows one ({band}), so the data "
                "do not rule one out.")
    past = crossing.year <= crossing.newest_year
    when = f"{crossing.year:.0f}"
    central = (f"On the fitted trends, {follower} overtook {leader} in {when}, within the years with data" if past
               else f"If both trends held, {follower} would overtake {leader} in {when}")
    if len(crossing.band) == 1 and not opens_low and not opens_high:
        return f"{central} (90 % band {band})."
    tail = ("the data can neither date the crossing nor rule out that there is none " + within
            if opens_high else "the data cannot date the crossing more closely")
    return (f"{central}; but the two growth rates are not told apart at 90 %, so the band does not close "
            f"({band}): {tail}.")


# ---------------------------------------------------------------- what one year's spend buys

def skills_bought(spend_usd: float | None, data_cost_usd: float, skills: int) -> float | None:
    """How many skills one year's spend would pay for at a scenario's expert-data cost per skill
    (its data cost ÷ its number of skills); None without a spend or a positive cost."""
    if spend_usd is None or data_cost_usd <= 0 or skills <= 0:
        return None
    return spend_usd / (data_cost_usd / skills)


def best_covered_year(points: Sequence[YearValue]) -> YearValue | None:
    """The year whose sum counts the most vendors (the newest of those tied), or None when no year has one."""
    known = [p for p in points if p.usd is not None]
    return max(known, key=lambda p: (p.count, p.year)) if known else None


# ---------------------------------------------------------------- the JSON the CLI prints

def _plain(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _plain_rows(rows: list[dict]) -> list[dict]:
    return [{k: _plain(v) for k, v in row.items()} for row in rows]


def fit_document(fit: GrowthFit | None) -> dict | None:
    if fit is None:
        return None
    return {"factor_per_year": fit.factor, "factor_low": fit.factor_low, "factor_high": fit.factor_high,
            "interval": INTERVAL, "points": fit.points, "first_year": fit.first_year, "last_year": fit.last_year,
            "intercept_log10": fit.intercept_log10, "slope_log10_per_year": fit.slope_log10_per_year}


def market_document(m: Market, data_cost_usd: float | None = None, skills: int | None = None) -> dict:
    """Everything the page draws, as plain JSON-ready values."""
    series = {
        key: {"label": s.label, "counts": s.counts, "fit": fit_document(s.fit),
              "points": [{"year": p.year, "usd": p.usd, "low_usd": p.low_usd, "high_usd": p.high_usd,
                          "count": p.count, "detail": p.detail, "source_ids": list(p.source_ids)} for p in s.points]}
        for key, s in m.series.items()}
    crossing = None if m.crossing is None else {
        "first": m.crossing.first, "second": m.crossing.second, "year": m.crossing.year,
        "band": [list(span) for span in m.crossing.band], "search_start": m.crossing.search_start,
        "search_end": m.crossing.search_end, "horizon_years": m.crossing.horizon_years,
        "statement": m.crossing.statement}
    ratio = _plain_rows(m.ratio)
    best = best_covered_year(m.series[HUMAN_DATA].points)
    bought = None
    if data_cost_usd is not None and skills:
        for row in ratio:
            row["skills_bought"] = skills_bought(row["human_data_usd"], data_cost_usd, skills)
        bought = {"year": best.year if best else None, "human_data_usd": best.usd if best else None,
                  "data_cost_usd": data_cost_usd, "skills": skills,
                  "skills_bought": skills_bought(best.usd if best else None, data_cost_usd, skills)}
    return {"evidence_filter": m.evidence_filter, "years": list(m.years), "series": series, "crossing": crossing,
            "vendor_years": _plain_rows(m.vendor_years), "lab_points": _plain_rows(m.lab_points), "ratio": ratio,
            "skills_bought": bought}
