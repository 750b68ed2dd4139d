"""memo: one computation per distinct arguments, frames by identity, plain values by value, bounded."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.ui import memo as memo_module
from dashboard.ui.memo import forget, memo

CALLS: list[tuple] = []


def doubled(frame: pl.DataFrame, column: str, factor: float = 2.0) -> pl.DataFrame:
    CALLS.append((id(frame), column, factor))
    return frame.select(pl.col(column) * factor)


@pytest.fixture(autouse=True)
def fresh():
    forget()
    CALLS.clear()
    yield
    forget()


def test_the_same_frame_and_values_compute_once_and_share_the_result():
    frame = pl.DataFrame({"x": [1, 2]})
    first = memo(doubled, frame, "x")
    assert memo(doubled, frame, "x") is first and len(CALLS) == 1
    assert memo(doubled, frame, "x", 3.0)["x"].to_list() == [3.0, 6.0] and len(CALLS) == 2


def test_an_equal_but_different_frame_is_computed_again():
    memo(doubled, pl.DataFrame({"x": [1, 2]}), "x")
    other = pl.DataFrame({"x": [5, 6]})
    assert memo(doubled, other, "x")["x"].to_list() == [10, 12] and len(CALLS) == 2


def test_lists_key_by_their_values():
    def total(values: list[int]) -> int:
        CALLS.append(tuple(values))
        return sum(values)

    assert memo(total, [1, 2]) == 3 and memo(total, [1, 2]) == 3 and memo(total, [2, 2]) == 4
    assert CALLS == [(1, 2), (2, 2)]


def test_a_dropped_frame_never_answers_for_a_new_one(monkeypatch):
    monkeypatch.setattr(memo_module, "MAX_ENTRIES", 4)
    seen = []
    for value in range(50):  # frames die after each call unless memo keeps them: ids would be reused
        frame = pl.DataFrame({"x": [value]})
        seen.append(memo(doubled, frame, "x")["x"].to_list())
    assert seen == [[2.0 * v] for v in range(50)]
    assert len(memo_module._ENTRIES) == 4
