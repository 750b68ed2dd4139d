"""Which side binds, said only as firmly as the Monte Carlo draws allow.

For money the question is "does the expert data cost more than the compute?"; for time, "does assembling
the data take longer than training (both in weeks, the training on the scenario's GPUs)?". With p the
share of draws in which data costs more (takes longer):
    p ≥ 0.65 → data (expert data costs more / takes longer)
    p ≤ 0.35 → compute
    otherwise → too close to call
Without draws the point estimate decides, and the verdict says it has no uncertainty behind it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

CLEAR = 0.65
Side = Literal["data", "compute", "too close to call"]


class Verdict(BaseModel):
    """The side that binds, the share of draws behind it (None without a Monte Carlo run) and a sentence."""

    side: Side
    share_of_draws_data: float | None
    sentence: str


def verdict(measure: Literal["money", "time"], point_says_data: bool, share_data: float | None) -> Verdict:
    """The verdict for one measure from the share of draws (or, without draws, the point estimate)."""
    more = "costs more than the compute" if measure == "money" else "takes longer than the training"
    less = "costs more than the expert data" if measure == "money" else "takes longer than the data"
    if share_data is None:
        side: Side = "data" if point_says_data else "compute"
        return Verdict(side=side, share_of_draws_data=None,
                       sentence=(f"Expert data {more}" if side == "data" else f"Compute {less}")
                       + " at the point estimate (no uncertainty run).")
    percent = f"{100 * share_data:.0f} %"
    if share_data >= CLEAR:
        return Verdict(side="data", share_of_draws_data=share_data, sentence=f"Expert data {more} in {percent} of draws.")
    if share_data <= 1 - CLEAR:
        return Verdict(side="compute", share_of_draws_data=share_data,
                       sentence=f"Compute {less} in {100 - 100 * share_data:.0f} % of draws.")
    return Verdict(side="too close to call", share_of_draws_data=share_data,
                   sentence=f"Too close to call: expert data {more} in {percent} of draws.")
