"""The market model: fits over years with a figure, the crossing and its band in each case the statement
distinguishes, what a year's spend buys. Expected values are worked out by hand or by brute force here."""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest

from dashboard.model.market import (
    COMPUTE_SUM_ALL,
    HUMAN_DATA,
    Series,
    YearValue,
    _nonpositive_spans,
    best_covered_year,
    market,
    market_document,
    series_fit,
    skills_bought,
    trend_crossing,
    trend_points,
)

YEARS = list(range(2018, 2026))
WIGGLE = [0.02, -0.02, 0.01, -0.01, 0.02, -0.02, 0.01, -0.01]  # residuals in log10, mean zero


def series(key: str, log10_values: list[float], years: list[int] = YEARS) -> Series:
    points = tuple(YearValue(y, None if v is None else 10 ** v, None, None, 1, "", ("s",))
                   for y, v in zip(years, log10_values, strict=True))
    return Series(key, key, "things", points, series_fit(points))


def line(start: float, slope: float, wiggle: list[float] = WIGGLE) -> list[float]:
    return [start + slope * (y - 2018) + w for y, w in zip(YEARS, wiggle, strict=True)]


def test_the_fit_leaves_gaps_out():
    values = [9.0, None, 9.2, None, 9.4, 9.5, None, 9.7]
    fit = series("x", values).fit
    assert fit.points == 5 and fit.first_year == 2018 and fit.last_year == 2025
    assert fit.factor == pytest.approx(10 ** 0.1)  # exactly log-linear: ×10^0.1 a year
    assert series("y", [9.0, None, None, None, None, None, None, 9.7]).fit is None  # two points: no fit


def test_a_clear_crossing_has_a_closed_band():
    # human data: 10^(9 + 0.1·u), compute: 10^(7 + 0.5·u), u = year − 2018 → equal at u = 5, i.e. 2023
    crossing = trend_crossing(series(HUMAN_DATA, line(9, 0.1)), series(COMPUTE_SUM_ALL, line(7, 0.5)), 20)
    assert crossing.year == pytest.approx(2023, abs=0.1)
    assert len(crossing.band) == 1
    low, high = crossing.band[0]
    assert low < crossing.year < high and high - low < 1.5
    assert "overtook" in crossing.statement and "90 % band" in crossing.statement
    assert "training-compute spend (all models) overtook human-data spend (vendor revenue)" in crossing.statement


def test_a_future_crossing_is_told_as_a_projection():
    crossing = trend_crossing(series(HUMAN_DATA, line(9, 0.1)), series(COMPUTE_SUM_ALL, line(6, 0.3)), 20)
    assert crossing.year == pytest.approx(2033, abs=0.2)  # 9 + 0.1u = 6 + 0.3u at u = 15
    assert crossing.statement.startswith("If both trends held, training-compute spend (all models) would overtake")
    assert "2033" in crossing.statement


def test_parallel_trends_far_apart_give_an_honest_no_crossing():
    crossing = trend_crossing(series(HUMAN_DATA, line(9, 0.3)), series(COMPUTE_SUM_ALL, line(6, 0.3, WIGGLE[::-1])), 20)
    assert crossing.band == ()
    assert crossing.year is None
    assert crossing.statement.startswith("No crossing within 20 years of 2025: the 90 % interval allows none")


def test_noisy_trends_leave_the_band_open_and_say_so():
    noisy = [0.4, -0.5, 0.3, -0.4, 0.5, -0.3, 0.4, -0.4]
    crossing = trend_crossing(series(HUMAN_DATA, line(9, 0.2, noisy)), series(COMPUTE_SUM_ALL, line(8, 0.3)), 20)
    assert crossing.band and crossing.band[-1][1] == crossing.search_end  # reaches the end of the years searched
    assert "neither date the crossing nor rule out that there is none within 20 years" in crossing.statement


def test_the_band_agrees_with_a_brute_force_scan():
    noisy = [0.2, -0.25, 0.15, -0.2, 0.25, -0.15, 0.2, -0.2]
    first, second = series(HUMAN_DATA, line(9, 0.15, noisy)), series(COMPUTE_SUM_ALL, line(7, 0.45))
    crossing = trend_crossing(first, second, 20)
    a, b = first.fit, second.fit
    k = b.t_critical  # both fits have 8 points
    grid = np.arange(crossing.search_start, crossing.search_end, 0.001)
    inside = [abs(a.log10_at(t) - b.log10_at(t)) <= k * math.hypot(a.log10_standard_error_at(t),
                                                                    b.log10_standard_error_at(t)) for t in grid]
    inside_years = grid[np.array(inside)]
    assert crossing.band[0][0] == pytest.approx(inside_years.min(), abs=0.002)
    assert crossing.band[-1][1] == pytest.approx(inside_years.max(), abs=0.002)


@pytest.mark.parametrize("coefficients, expected", [
    ((1, -4, 3), [(1, 3)]),              # (u − 1)(u − 3) ≤ 0 between the roots
    ((-1, 4, -3), [(0, 1), (3, 10)]),    # its negative: outside them
    ((1, 0, 1), []),                     # never
    ((0, 1, -2), [(0, 2)]),              # linear: u ≤ 2
    ((-1, 0, 1), [(1, 10)]),             # 1 − u² ≤ 0 from u = 1 (the root at −1 is outside)
])
def test_nonpositive_spans(coefficients, expected):
    assert _nonpositive_spans(*coefficients, 10) == [pytest.approx(s) for s in expected]


def test_trend_points_band_is_narrowest_at_the_mean_year():
    fit = series("x", line(9, 0.2, [0.1, -0.1, 0.05, -0.05, 0.1, -0.1, 0.05, -0.05])).fit
    widths = {year: math.log10(high / low) for year, _, low, high in trend_points(fit, [2014, 2021.5, 2030])}
    assert widths[2021.5] < widths[2014] and widths[2021.5] < widths[2030]
    year, centre, low, high = trend_points(fit, [2021.5])[0]
    assert low < centre < high and centre == pytest.approx(fit.value_at(2021.5))


def test_skills_bought():
    assert skills_bought(2.0e9, 3.0e6, 3) == pytest.approx(2000)  # $1M a skill
    assert skills_bought(None, 3.0e6, 3) is None and skills_bought(1e9, 0, 3) is None


def test_best_covered_year_prefers_coverage_then_recency():
    points = [YearValue(2023, 1e9, None, None, 3, "", ()), YearValue(2024, 2e9, None, None, 4, "", ()),
              YearValue(2025, 3e8, None, None, 4, "", ()), YearValue(2026, None, None, None, 0, "", ())]
    assert best_covered_year(points).year == 2025
    assert best_covered_year([YearValue(2019, None, None, None, 0, "", ())]) is None


def test_an_empty_warehouse_gives_empty_series_and_no_crossing():
    m = market({name: pl.DataFrame() for name in ("mart_market_years",)}, "all")
    assert all(not s.points and s.fit is None for s in m.series.values())
    assert m.crossing is None
    document = market_document(m, 1e6, 1)
    assert document["crossing"] is None and document["skills_bought"]["skills_bought"] is None
