"""Expert-data cost and time of one skill. Vectorised: any argument may be a NumPy array of draws.

    effective_items   = count / (1 − rejection_rate)
    expert_hours      = Σ_artifacts effective_items × annotations_each × hours_each × (1 + review_fraction × review_time_ratio)
    labor_usd         = expert_hours × usd_per_hour
    price_usd         = labor_usd / (1 − vendor_margin)
Expert pools are shared: every skill of a domain draws on the domain's one pool, so hours are summed per
pool before time is computed, and the slowest pool sets the time:
    pool_expert_hours = Σ_skills of the domain expert_hours
    weeks_to_assemble = pool_expert_hours / (expert_pool × participation_rate × hours_per_week_per_expert)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike


def effective_items(count: ArrayLike, rejection_rate: ArrayLike) -> ArrayLike:
    """Items to produce so that `count` survive quality control: count / (1 − rejection_rate)."""
    return np.divide(count, np.subtract(1.0, rejection_rate))


def review_multiplier(review_fraction: ArrayLike, review_time_ratio: ArrayLike) -> ArrayLike:
    """Extra expert time for review: 1 + review_fraction × review_time_ratio."""
    return np.add(1.0, np.multiply(review_fraction, review_time_ratio))


def artifact_expert_hours(count: ArrayLike, annotations_each: ArrayLike, hours_each: ArrayLike,
                          rejection_rate: ArrayLike, review_fraction: ArrayLike,
                          review_time_ratio: ArrayLike) -> ArrayLike:
    """Expert hours of one artifact: effective_items × annotations_each × hours_each × review multiplier."""
    items = effective_items(count, rejection_rate)
    return items * np.multiply(annotations_each, hours_each) * review_multiplier(review_fraction, review_time_ratio)


def skill_expert_hours(artifact_hours: Sequence[ArrayLike]) -> ArrayLike:
    """Σ over a skill's artifacts of their expert hours."""
    total: ArrayLike = 0.0
    for hours in artifact_hours:
        total = np.add(total, hours)
    return total


def labor_usd(expert_hours: ArrayLike, usd_per_hour: ArrayLike) -> ArrayLike:
    """What the experts are paid: expert_hours × usd_per_hour."""
    return np.multiply(expert_hours, usd_per_hour)


def price_usd(labor: ArrayLike, vendor_margin: ArrayLike) -> ArrayLike:
    """What the buyer pays a vendor keeping a gross margin: labor_usd / (1 − vendor_margin)."""
    return np.divide(labor, np.subtract(1.0, vendor_margin))


def weekly_expert_hours(expert_pool: ArrayLike, participation_rate: ArrayLike,
                        hours_per_week_per_expert: ArrayLike) -> ArrayLike:
    """Expert hours available per week: expert_pool × participation_rate × hours_per_week_per_expert."""
    return np.multiply(np.multiply(expert_pool, participation_rate), hours_per_week_per_expert)


def weeks_to_assemble(expert_hours: ArrayLike, expert_pool: ArrayLike, participation_rate: ArrayLike,
                      hours_per_week_per_expert: ArrayLike) -> ArrayLike:
    """Calendar weeks for the available experts to supply the hours: expert_hours / weekly_expert_hours."""
    return np.divide(expert_hours, weekly_expert_hours(expert_pool, participation_rate, hours_per_week_per_expert))
