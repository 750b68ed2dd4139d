"""The checks exist twice — Polars expressions (tasklog_checks) and SQL predicates (queries) for DuckDB
and Spark — and must agree: same keys in the same order, and the same verdict on every tricky cell."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from pipelines import queries
from pipelines.userdata.tasklog_checks import BAD, PROBLEMS, checked_rows, checks_for, text_of, typed, with_checks
from pipelines.userdata.tasklog_ingest import InvalidTasklog, ingest_tasklog
from pipelines.userdata.tasklog_schema import COLUMN_NAMES, COLUMNS, PARSED
from tests.conftest import GOOD_ROW, good_rows, write_log

DOMAINS = {"law", "mathematics"}
CHECKS = checks_for(DOMAINS, "the test's domains")
TRICKY = {
    "started_at": ["2025-01-06T09:00:00", "", "2025-1-06T09:00:00", "2025-02-30T00:00:00", "soon", "2025-01-06 09:00:00"],
    "submitted_at": ["2025-01-06T10:00:00", "2025-01-06T08:00:00", "", "+2025-01-06T10:00:00"],
    "active_seconds": ["60", "", "-1", "NaN", "inf", "-inf", "1e300", "9007199254740992", "9007199254740991", "abc",
                       " 2", "-0", ".5", "1e3"],
    "pay_usd": ["12.5", "", "-0.01", "ten", "Infinity"],
    "review_seconds": ["", "0", "-2", "x", "45"],
    "status": ["accepted", "", "ACCEPTED", "approved"],
    "domain": ["law", "", "mars", "Law"],
    "task_id": ["t1", ""],
}


def _rows() -> pl.DataFrame:
    base = dict(zip(COLUMN_NAMES, GOOD_ROW.format(n=1).split(","), strict=True))
    rows = [base | {column: value} for column, values in TRICKY.items() for value in values]
    return pl.DataFrame(rows, schema={name: pl.String for name in COLUMN_NAMES}).with_columns(
        pl.all().replace("", None))


def test_the_sql_checks_are_the_polars_checks():
    assert list(queries.tasklog_check_predicates(DOMAINS)) == [check.key for check in CHECKS]


def test_sql_and_polars_agree_on_every_tricky_cell():
    rows = _rows()
    masks = with_checks(rows.lazy(), CHECKS).select(PROBLEMS).collect()[PROBLEMS].to_list()
    source = rows.with_columns(*(pl.col(n).alias(text_of(n)) for n in PARSED)).with_columns(
        typed(c.name, c.dtype, pl.String).alias(c.name) for c in COLUMNS if c.name in PARSED)
    predicates = queries.tasklog_check_predicates(DOMAINS)
    with duckdb.connect() as con:
        con.register("tasklog_rows", source.to_arrow())
        verdicts = con.execute("SELECT " + ", ".join(f"coalesce({p}, false)" for p in predicates.values())
                               + " FROM tasklog_rows").fetchall()
    for cells, mask, sql in zip(rows.iter_rows(named=True), masks, verdicts, strict=True):
        polars_failed = [check.key for bit, check in enumerate(CHECKS) if mask >> bit & 1]
        sql_failed = [key for key, failed in zip(predicates, sql, strict=True) if failed]
        assert polars_failed == sql_failed, cells


@pytest.mark.parametrize(("column", "value", "fragment"), [
    ("domain", "mars", "unknown domain (got 'mars', expected a key in "),
    ("pay_usd", "1e300", "too large (got '1e300', expected a number below 2^53 = 9007199254740992)"),
    ("started_at", "2025-1-06T09:00:00", "unparseable timestamp (got '2025-1-06T09:00:00'"),
])
def test_new_refusals(tmp_path, user_dir, column, value, fragment):
    rows = good_rows(4)
    cells = rows[1].split(",")
    cells[COLUMN_NAMES.index(column)] = value
    rows[1] = ",".join(cells)
    with pytest.raises(InvalidTasklog) as caught:
        ingest_tasklog(write_log(tmp_path / "log.csv", rows), user_dir)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (3, column) and fragment in problem.message


def test_the_one_pass_flags_exactly_the_rows_some_check_fails():
    rows = _rows()
    masks = with_checks(rows.lazy(), CHECKS).select(PROBLEMS).collect()[PROBLEMS].to_list()
    flagged = checked_rows(rows.lazy(), DOMAINS).collect()[BAD].to_list()
    assert flagged == [mask != 0 for mask in masks]
    assert any(flagged) and not all(flagged)
