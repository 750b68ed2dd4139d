"""The Spark job against the single-machine ingest: the same aggregates, bit for bit, and the same refusals.

Runs Spark in local mode (two cores, two shuffle partitions) on a few thousand rows. Needs the
`[spark]` extra and a Java runtime: without them the tests are skipped locally and fail in CI
(`CI=true`), whose `.ci/run` installs both.
"""

from __future__ import annotations

import importlib.util
import os
import shutil

import pytest

from pipelines import queries
from pipelines.userdata.paths import tasklog_dir, user_db_path
from pipelines.userdata.store import read_user_table
from pipelines.userdata.synth import write_synthetic_tasklog
from pipelines.userdata.tasklog_ingest import InvalidTasklog, ingest_tasklog
from pipelines.userdata.tasklog_schema import COLUMN_NAMES
from tests.conftest import good_rows, sha256, write_log

pytestmark = pytest.mark.spark


def _missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (pip install -e '.[spark]')"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java runtime (apt-get install default-jre-headless)"
    return None


@pytest.fixture(scope="module")
def spark():
    reason = _missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Spark tests cannot run in CI: {reason}")
        pytest.skip(reason)
    from pipelines.userdata.spark_job import spark_session

    session = spark_session("local[2]", shuffle_partitions=2)
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_same_aggregates_as_the_single_machine_ingest(spark, tmp_path):
    from pipelines.userdata.spark_job import ingest_with_spark

    log = write_synthetic_tasklog(tmp_path / "log.csv", 4000, seed=12)
    local = ingest_tasklog(log, tmp_path / "local")
    from_csv = ingest_with_spark(f"file://{log}", tmp_path / "spark", spark=spark)
    layout = tasklog_dir(tmp_path / "local", local.tasklog_id).parent  # tasklogs/tasklog_id=…/project=…/month=…
    from_parquet = ingest_with_spark(str(layout), tmp_path / "spark", spark=spark)
    expected = local.aggregates.drop("tasklog_id")
    # exact equality of every column: counts and exact sums are integers until the driver, and the
    # driver finishes every float (quantiles included) with the single-machine code
    assert from_csv.aggregates.drop("tasklog_id").equals(expected)
    assert from_parquet.aggregates.drop("tasklog_id").equals(expected)
    assert from_csv.rows_read == from_parquet.rows_read == 4000


def _with_cell(rows: list[str], index: int, column: str, value: str) -> None:
    cells = rows[index].split(",")
    cells[COLUMN_NAMES.index(column)] = value
    rows[index] = ",".join(cells)


BAD_CASES = [  # (column, value): the four, then a repeated id, a short timestamp, a spaced number
    ("submitted_at", "2025-01-06T08:00:00"),  # before started_at
    ("pay_usd", "-0.01"),
    ("status", "approved"),
    ("domain", "mars"),
    ("task_id", "t2"),
    ("started_at", "2025-1-06T09:00:00"),
    ("active_seconds", " 60"),
]


def test_bad_rows_are_refused_the_same_way(spark, tmp_path):
    """One log holding every bad case, twice (one Spark run: the JVM's jobs are slow to start)."""
    from pipelines.userdata.spark_job import ingest_with_spark

    rows = good_rows(400)
    for index, (column, value) in enumerate(BAD_CASES):
        _with_cell(rows, 100 + index, column, value)  # lines 102…
        _with_cell(rows, 300 + index, column, value)  # lines 302…
    log = write_log(tmp_path / "bad.csv", rows)
    user_dir = tmp_path / "user"
    ingest_tasklog(write_log(tmp_path / "good.csv", good_rows(3)), user_dir)
    before = sha256(user_db_path(user_dir))
    with pytest.raises(InvalidTasklog) as local:
        ingest_tasklog(log, user_dir)
    with pytest.raises(InvalidTasklog) as distributed:
        ingest_with_spark(f"file://{log}", user_dir, spark=spark)
    assert [str(p) for p in distributed.value.problems] == [str(p) for p in local.value.problems]
    assert sorted({p.line for p in local.value.problems}) == [*range(102, 109), *range(302, 309)]
    assert distributed.value.counts == local.value.counts
    assert sorted(local.value.counts.values()) == [2] * len(BAD_CASES)
    assert sha256(user_db_path(user_dir)) == before


def test_the_command_line_runs_the_spark_job(spark, tmp_path):
    from typer.testing import CliRunner

    from datamoat.cli.main import app

    log = write_synthetic_tasklog(tmp_path / "log.csv", 500, seed=2)
    user_dir = str(tmp_path / "user")
    result = CliRunner().invoke(app, ["ingest", "tasklog", f"file://{log}", "--engine", "spark", "--user-dir", user_dir])
    assert result.exit_code == 0, result.output
    assert "500 of 500 rows" in result.output
    stored = read_user_table(tmp_path / "user", queries.LIST_TASKLOGS)
    assert stored["parquet_dir"].to_list() == [f"file://{log}"]  # the rows stay where Spark read them
    assert stored["rows_ingested"].to_list() == [500]
