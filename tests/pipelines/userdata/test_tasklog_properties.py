"""Property tests: random task logs are either refused with a report of exactly the bad rows, or
accepted with accepted + rejected + rework equal to the input rows."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.userdata.tasklog_ingest import InvalidTasklog, ingest_tasklog
from tests.conftest import write_log

GOOD = {
    "started_at": ["2025-01-06T09:00:00", "2025-02-11T23:59:59"],
    "active_seconds": ["0", "60", "3600.5"],
    "pay_usd": ["0", "12.5", "300"],
    "status": ["accepted", "rejected", "rework"],
    "review_seconds": ["", "0", "45"],
}
BAD = {
    "started_at": ["2025-02-30T00:00:00", "", "06/01/2025"],
    "active_seconds": ["-1", "x", ""],
    "pay_usd": ["-3", "NaN", ""],
    "status": ["approved", "ACCEPTED", ""],
    "review_seconds": ["-2", "abc"],
}
row_strategy = st.fixed_dictionaries({
    column: st.one_of(st.sampled_from(GOOD[column]).map(lambda v: (v, False)),
                      st.sampled_from(BAD[column]).map(lambda v: (v, True)))
    for column in GOOD
}) | st.fixed_dictionaries({column: st.sampled_from(GOOD[column]).map(lambda v: (v, False)) for column in GOOD})


def _line(n: int, task_id: str, cells: dict) -> str:
    started = cells["started_at"][0]
    return ",".join([task_id, "p", "s", "law", f"w{n % 3}", started, "2025-03-01T00:00:00",
                     cells["active_seconds"][0], cells["pay_usd"][0], cells["status"][0], "r1", cells["review_seconds"][0]])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(row_strategy, min_size=1, max_size=12), repeat=st.lists(st.integers(0, 11), max_size=2))
def test_refused_with_exactly_the_bad_lines_or_accepted_whole(rows, repeat):
    ids = [f"t{n}" for n in range(len(rows))]
    for index in repeat:  # a later row repeating an earlier id is a duplicate
        if 0 < index < len(rows):
            ids[index] = ids[0]
    expected_bad = {n + 2 for n, cells in enumerate(rows) if any(bad for _, bad in cells.values())}
    expected_bad |= {n + 2 for n, task_id in enumerate(ids) if task_id in ids[:n]}
    with tempfile.TemporaryDirectory() as folder:
        log = write_log(Path(folder) / "log.csv", [_line(n, ids[n], cells) for n, cells in enumerate(rows)])
        try:
            result = ingest_tasklog(log, Path(folder) / "user")
        except InvalidTasklog as error:
            assert expected_bad, str(error)
            assert {p.line for p in error.problems} == expected_bad
            assert all(str(p).startswith(f"{log}:{p.line}: {p.column}: ") for p in error.problems)
            assert not (Path(folder) / "user" / "user.duckdb").exists()
            return
        assert not expected_bad
        totals = result.aggregates.select("accepted_items", "rejected_items", "rework_items", "tasks").sum().row(0)
        assert totals[0] + totals[1] + totals[2] == totals[3] == len(rows) == result.rows_ingested


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(row_strategy, min_size=1, max_size=10))
def test_quarantine_splits_every_row_one_way(rows):
    expected_bad = sum(any(bad for _, bad in cells.values()) for cells in rows)
    with tempfile.TemporaryDirectory() as folder:
        log = write_log(Path(folder) / "log.csv", [_line(n, f"t{n}", cells) for n, cells in enumerate(rows)])
        try:
            result = ingest_tasklog(log, Path(folder) / "user", quarantine=True)
        except InvalidTasklog as error:
            assert expected_bad == len(rows) and "every row is bad" in str(error)
            return
        assert (result.rows_ingested, result.rows_quarantined) == (len(rows) - expected_bad, expected_bad)
        assert result.aggregates["tasks"].sum() == len(rows) - expected_bad


