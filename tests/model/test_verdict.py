"""Verdicts said only as firmly as the draws allow: a side at ≥ 65 % of draws, else too close to call."""

from __future__ import annotations

import pytest

from dashboard.model.verdict import verdict


@pytest.mark.parametrize(("share", "side"), [
    (0.50, "too close to call"), (0.36, "too close to call"), (0.64, "too close to call"),
    (0.65, "data"), (0.97, "data"), (1.0, "data"),
    (0.35, "compute"), (0.0, "compute"),
])
def test_side_by_share_of_draws(share, side):
    assert verdict("money", point_says_data=True, share_data=share).side == side


def test_sentences_say_what_is_compared_and_how_often():
    assert verdict("money", True, 0.82).sentence == "Expert data costs more than the compute in 82 % of draws."
    assert verdict("time", False, 0.1).sentence == "Compute takes longer than the data in 90 % of draws."
    assert verdict("money", True, 0.5).sentence == "Too close to call: expert data costs more than the compute in 50 % of draws."


def test_without_draws_the_point_estimate_decides_and_says_so():
    result = verdict("time", point_says_data=True, share_data=None)
    assert result.side == "data" and result.share_of_draws_data is None
    assert "point estimate" in result.sentence and "no uncertainty run" in result.sentence
    assert verdict("money", False, None).side == "compute"
