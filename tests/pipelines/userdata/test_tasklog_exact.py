"""The one-pass ingest gives the aggregates of the old one bit for bit, and sums exactly.

The old ingest summed floats in whatever order its threads met the rows, so its `total_pay_usd` (and
the two ratios built on it) could differ in the last bits from one run to the next; the new one adds
integer limbs and rounds once, so its sums are the correctly rounded exact sums (`math.fsum`).
Quantiles are checked against NumPy's to 1e-12; everything else — counts, rates, hours, attrition — with `==`.
"""

from __future__ import annotations

import csv
import math
import random
from collections import defaultdict
from pathlib import Path

import duckdb
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines import queries
from pipelines.userdata.aggregates import exact_total
from pipelines.userdata.synth import write_synthetic_tasklog
from pipelines.userdata.tasklog_checks import scan_source, typed
from pipelines.userdata.tasklog_ingest import ingest_tasklog
from pipelines.userdata.tasklog_schema import COLUMNS
from tests.pipelines.userdata.reference_aggregates import aggregate_tasklog

PAY_DERIVED = {"total_pay_usd", "cost_per_accepted_item_usd", "effective_usd_per_hour"}
# NumPy interpolates in its own order, so the quantiles may differ in the last bit
QUANTILES = {"median_minutes_per_accepted_item", "p90_minutes_per_accepted_item"}


def _old_aggregates(log: Path) -> pl.DataFrame:
    frame, _ = scan_source(log, 0, numbered=False)
    source = frame.collect_schema()
    rows = frame.with_columns(typed(c.name, c.dtype, source[c.name]).alias(c.name) for c in COLUMNS if c.dtype != pl.String)
    return aggregate_tasklog(rows, "t")[0].drop("tasklog_id")


def _pay_by_skill(log: Path) -> dict[str, list[float]]:
    pay = defaultdict(list)
    with log.open(newline="") as handle:
        for row in csv.DictReader(handle):
            pay[row["skill"]].append(float(row["pay_usd"]))
    return pay


@pytest.mark.parametrize("seed", [1, 7, 23])
def test_same_aggregates_as_the_old_ingest_bit_for_bit(tmp_path, user_dir, seed):
    log = write_synthetic_tasklog(tmp_path / "log.csv", 6000, seed=seed)
    new = ingest_tasklog(log, user_dir).aggregates.drop("tasklog_id")
    old = _old_aggregates(log)
    assert new.columns == old.columns and new.dtypes == old.dtypes
    for column in new.columns:
        if column in QUANTILES:
            assert new[column].to_list() == pytest.approx(old[column].to_list(), rel=1e-12), column
        elif column not in PAY_DERIVED:
            assert new[column].to_list() == old[column].to_list(), column
    pay = _pay_by_skill(log)
    for skill, total, old_total in zip(new["skill"], new["total_pay_usd"], old["total_pay_usd"], strict=True):
        assert total == math.fsum(pay[skill])  # exact, correctly rounded
        # the old float sum was off by at most n · ε · Σ|x| (a bound, not the usual error)
        assert abs(old_total - total) <= len(pay[skill]) * 2**-52 * total


def test_aggregates_do_not_depend_on_how_the_log_is_split_or_stored(tmp_path, user_dir):
    log = write_synthetic_tasklog(tmp_path / "log.csv", 5000, seed=3)
    whole = ingest_tasklog(log, user_dir).aggregates.drop("tasklog_id")
    rows = pl.read_csv(log, infer_schema=False).sample(fraction=1.0, shuffle=True, seed=9)
    folder = tmp_path / "parts"
    folder.mkdir()
    for index, part in enumerate(rows.iter_slices(1700)):
        part.write_csv(folder / f"part-{index}.csv")
    split = ingest_tasklog(folder, user_dir).aggregates.drop("tasklog_id")
    typed_rows = pl.read_csv(log, try_parse_dates=True)
    typed_rows.write_parquet(tmp_path / "log.parquet")
    parquet = ingest_tasklog(tmp_path / "log.parquet", user_dir).aggregates.drop("tasklog_id")
    assert whole.equals(split) and whole.equals(parquet)


EXACT_VALUES = st.one_of(st.just(0.0), st.floats(min_value=2**-12, max_value=2**53, exclude_max=True))


@settings(max_examples=60, deadline=None)
@given(values=st.lists(EXACT_VALUES, min_size=1, max_size=60))
def test_limb_sums_are_exact(values):
    """Every value ≥ 2^-12 has no bits below 2^-64, so the limb sum equals math.fsum exactly, in any order."""
    with duckdb.connect() as con:
        con.execute("CREATE TABLE tasklog_rows (skill VARCHAR, domain VARCHAR, status VARCHAR, worker_id VARCHAR, "
                    "pay_usd DOUBLE, active_seconds DOUBLE, review_seconds DOUBLE)")
        random.Random(len(values)).shuffle(values)
        con.executemany("INSERT INTO tasklog_rows VALUES ('s', 'law', 'accepted', 'w', ?, 1, NULL)", [[v] for v in values])
        cursor = con.execute(queries.tasklog_skill_sums("tasklog_rows"))
        row = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
    assert exact_total([row[f"pay_usd_{i}"] for i in range(3)]) == math.fsum(values)


def test_exact_total_rounds_once():
    assert exact_total([1, 0, 0]) == 1.0
    assert exact_total([0, 1 << 31, 0]) == 0.5
    assert exact_total([2**60, 0, 1]) == 2.0**60  # the 2^-64 is far below half an ulp of 2^60
    assert exact_total([None, None, None]) == 0.0
