"""Growth of a quantity over time: a log-linear least-squares fit with a 90 % interval.

    log10(y) = a + b·t,   growth factor per year = 10^b
    90 % interval of the factor: 10^(b ± t₀.₉₅,ₙ₋₂ · SE(b)),  SE(b) = √(Σr² / (n − 2) / Σ(t − t̄)²)
Used for the frontier training-cost trend (the projection's second framing) and the market's series (whose
two trends' crossing, with its band, is in dashboard/model/market.py).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

INTERVAL = 0.90


@dataclass(frozen=True)
class GrowthFit:
    """A fitted log-linear trend: ×factor per year with its 90 % interval, on `points` points."""

    intercept_log10: float
    slope_log10_per_year: float
    slope_standard_error: float
    points: int
    first_year: float
    last_year: float
    mean_year: float = math.nan
    residual_standard_error: float = math.nan  # s = √(Σr² / (n − 2)), log10 units
    year_spread: float = math.nan  # Σ(t − t̄)²

    @property
    def t_critical(self) -> float:
        return float(stats.t.ppf(0.5 + INTERVAL / 2, self.points - 2))

    @property
    def factor(self) -> float:
        return 10 ** self.slope_log10_per_year

    @property
    def factor_low(self) -> float:
        return 10 ** (self.slope_log10_per_year - self.t_critical * self.slope_standard_error)

    @property
    def factor_high(self) -> float:
        return 10 ** (self.slope_log10_per_year + self.t_critical * self.slope_standard_error)

    def value_at(self, year: float) -> float:
        return 10 ** (self.intercept_log10 + self.slope_log10_per_year * year)

    def log10_at(self, year: float) -> float:
        return self.intercept_log10 + self.slope_log10_per_year * year

    def log10_standard_error_at(self, year: float) -> float:
        """Standard error of the fitted line (the trend, not a new point) at `year`, log10 units:
        s · √(1/n + (t − t̄)² / Σ(t − t̄)²)."""
        return self.residual_standard_error * math.sqrt(1 / self.points + (year - self.mean_year) ** 2 / self.year_spread)


def log_linear_fit(years: Sequence[float], values: Sequence[float]) -> GrowthFit | None:
    """Least squares of log10(value) on year over the positive values; None with fewer than 3 points or
    when every point falls in the same year."""
    pairs = [(float(t), math.log10(v)) for t, v in zip(years, values, strict=True) if v is not None and v > 0]
    if len(pairs) < 3:
        return None
    t, y = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
    spread = float(np.sum((t - t.mean()) ** 2))
    if spread == 0:
        return None
    slope = float(np.sum((t - t.mean()) * (y - y.mean())) / spread)
    intercept = float(y.mean() - slope * t.mean())
    residuals = y - (intercept + slope * t)
    residual = math.sqrt(float(np.sum(residuals ** 2)) / (len(pairs) - 2))
    return GrowthFit(intercept, slope, residual / math.sqrt(spread), len(pairs), float(t.min()), float(t.max()),
                     float(t.mean()), residual, spread)


def crossing_year(start_year: float, ratio_at_start: float, relative_growth: float, horizon_years: float) -> float | None:
    """When a quantity `ratio_at_start` times another, growing `relative_growth`× faster a year, first reaches
    it: start + log(1/ratio)/log(growth); None when it never does within the horizon (or has already)."""
    if ratio_at_start >= 1:
        return start_year
    if relative_growth <= 1:
        return None
    years = math.log(1 / ratio_at_start) / math.log(relative_growth)
    return start_year + years if years <= horizon_years else None
