"""The log-linear growth fit against an independent least-squares computation (numpy.polyfit, scipy)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from dashboard.model.growth import crossing_year, log_linear_fit


def synthetic(points: int = 12, factor: float = 2.4, noise: float = 0.15, seed: int = 4):
    """Costs growing ×factor a year from $1M in 2012, with log-normal noise of `noise` (log10 units)."""
    rng = np.random.default_rng(seed)
    years = 2012 + np.sort(rng.uniform(0, 12, points))
    costs = 1e6 * factor ** (years - 2012) * 10 ** rng.normal(0, noise, points)
    return years, costs


def test_slope_and_its_90_percent_interval_match_an_independent_fit():
    years, costs = synthetic()
    fit = log_linear_fit(years.tolist(), costs.tolist())
    slope, intercept = np.polyfit(years, np.log10(costs), 1)
    standard_error = stats.linregress(years, np.log10(costs)).stderr
    t = stats.t.ppf(0.95, len(years) - 2)  # two-sided 90 %
    assert fit.points == 12
    assert fit.factor == pytest.approx(10**slope, rel=1e-9)
    assert fit.factor_low == pytest.approx(10 ** (slope - t * standard_error), rel=1e-9)
    assert fit.factor_high == pytest.approx(10 ** (slope + t * standard_error), rel=1e-9)
    assert fit.value_at(2020.0) == pytest.approx(10 ** (intercept + slope * 2020.0), rel=1e-9)


def test_a_known_slope_is_recovered_inside_its_interval():
    years, costs = synthetic(points=40, noise=0.1)
    fit = log_linear_fit(years.tolist(), costs.tolist())
    assert fit.factor_low < 2.4 < fit.factor_high
    assert fit.factor == pytest.approx(2.4, rel=0.05)


def test_noiseless_points_give_the_exact_factor_and_no_spread():
    years = [2015.0, 2017.0, 2018.5, 2021.0]
    fit = log_linear_fit(years, [1e6 * 3.0 ** (y - 2015) for y in years])
    assert fit.factor == pytest.approx(3.0, rel=1e-12)
    assert fit.factor_low == pytest.approx(3.0, rel=1e-9) and fit.factor_high == pytest.approx(3.0, rel=1e-9)
    assert (fit.first_year, fit.last_year) == (2015.0, 2021.0)


def test_too_few_usable_points_give_no_fit():
    assert log_linear_fit([2020, 2021], [1.0, 2.0]) is None
    assert log_linear_fit([2020, 2021, 2022], [1.0, 0.0, 2.0]) is None  # a zero cost has no logarithm
    assert log_linear_fit([2020, 2020, 2020], [1.0, 2.0, 3.0]) is None  # no spread in time


def test_crossing_year_by_hand():
    # a quantity at 1/8 of another, growing 2× faster a year, meets it after log(8)/log(2) = 3 years
    assert crossing_year(2026, 1 / 8, 2.0, 10) == pytest.approx(2029.0)
    assert crossing_year(2026, 1 / 8, 2.0, 2) is None
    assert crossing_year(2026, 1 / 8, 1.0, 10) is None
    assert crossing_year(2026, 1.5, 0.5, 10) == 2026
    assert math.isclose(crossing_year(2026, 0.5, 4.0, 10), 2026.5)
