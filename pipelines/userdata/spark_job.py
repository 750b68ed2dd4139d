"""`datamoat ingest tasklog --engine spark`: the ingest's checks and summary as a PySpark job.

For logs past one machine (10⁹–10¹⁰ rows). Spark reads the log where it lies — raw CSV, or Parquet
such as the stored layout tasklogs/tasklog_id=…/project=…/month=… — on any path it reads (file://,
s3a://, abfss://, hdfs://). It types the columns as the single-machine reader does
(`queries.spark_tasklog_view`), then runs the very SQL that DuckDB runs on one machine: the checks
(`tasklog_check_counts`), repeated task ids, and the exact summary. Only that small summary comes
back to the driver, where `aggregates.finish` — the same code as the single-machine ingest — turns it
into aggregates written into the user database. The rows stay where they are.

A bad row refuses the ingest: each row gets its file and row number from its input split (file,
start byte) and its position in it, so the report names `path:line: column: problem` exactly as the
single-machine ingest does (its messages are rendered by the same Polars checks, on the few bad
rows brought back). Quarantine is not offered here.

Run it with `spark-submit` (see docs/tasklog.md) or in-process with `--engine spark`.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlparse

import polars as pl

from pipelines import queries
from pipelines.problems import SHOWN_PROBLEMS, Problem, display_path
from pipelines.userdata.aggregates import Summary, finish
from pipelines.userdata.paths import default_user_dir
from pipelines.userdata.quotes import known_domains
from pipelines.userdata.store import changing_user_db, insert_frame
from pipelines.userdata.tasklog_checks import DUPLICATE, FILE, ROW, Check, checks_for, header_problems, with_checks
from pipelines.userdata.tasklog_ingest import TasklogIngest, new_tasklog_id
from pipelines.userdata.tasklog_report import ROW_BITS, InvalidTasklog, problems_of
from pipelines.userdata.tasklog_schema import COLUMN_NAMES, COLUMNS, TIMESTAMP_CHARS

RAW, ROWS = "tasklog_raw", "tasklog_rows"
WHERE = ["_file", "_block", "_id"]
LAYOUT_KEYS = {"tasklog_id", "month"}  # hive keys of the stored layout that are not task-log columns
KINDS = {c.name: "timestamp" if isinstance(c.dtype, pl.Datetime) else "number" if c.dtype == pl.Float64 else "text"
         for c in COLUMNS}


def spark_session(master: str | None = None, shuffle_partitions: int | None = None):
    """The active session, or a new one (UTC, so timestamps and weeks match the single-machine ingest)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("datamoat-tasklog").config("spark.sql.session.timeZone", "UTC")
    if master:
        builder = builder.master(master)
    if shuffle_partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(shuffle_partitions))
    return builder.getOrCreate()


def shown(uri: str) -> str:
    """A file as reports name it: a local file as the single-machine ingest shows it, anything else as its URI."""
    parsed = urlparse(uri)
    return display_path(Path(unquote(parsed.path))) if parsed.scheme in ("", "file") else uri


def _files(spark, source: str) -> list[str]:
    """Every .csv or .parquet file at or under `source` (Hadoop's file system API: any scheme Spark reads)."""
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(source)
    listing = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).listFiles(path, True)
    found = []
    while listing.hasNext():
        found.append(listing.next().getPath().toString())
    hidden = lambda name: any(part.startswith((".", "_")) for part in name.split("/")[1:] if part)
    return sorted((f for f in found if f.endswith((".csv", ".parquet")) and not hidden(urlparse(f).path)), key=shown)


def _header_problems(uri: str, names: list[str]) -> list[Problem]:
    return [replace(p, path=shown(uri)) for p in header_problems(Path("header"), names)]


def _read(spark, source: str, files: list[str]):
    """The raw rows, every task-log column present, with where each came from (file, split, row id)."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    if not files:
        raise InvalidTasklog([Problem(source, 0, "", "no .csv or .parquet files (expected a task log)")])
    kinds = {f.rsplit(".", 1)[1] for f in files}
    if len(kinds) > 1:
        raise InvalidTasklog([Problem(source, 0, "", "both .csv and .parquet files (expected one kind per Spark ingest)")])
    if kinds == {"csv"}:
        names = [n.strip() for n in spark.read.option("header", True).csv(files[0]).columns]
        problems = _header_problems(files[0], names)
        schema = StructType([StructField(n, StringType()) for n in names])
        frame = spark.read.schema(schema).option("header", True).option("enforceSchema", False).csv(files)
    else:
        frame = spark.read.parquet(source)
        names = [n for n in frame.columns if n not in LAYOUT_KEYS]
        problems = _header_problems(files[0], names)
    if problems:
        raise InvalidTasklog(problems)
    present = [F.col(n) if n in frame.columns else F.lit(None).cast("string").alias(n) for n in COLUMN_NAMES]
    located = [F.input_file_name().alias("_file"), F.input_file_block_start().alias("_block"),
               F.monotonically_increasing_id().alias("_id")]
    return frame.select(*present, *located), kinds == {"csv"}


def _typed(spark, raw):
    """`tasklog_rows`: typed as on one machine, kept in memory (spilling to disk) for the statements that follow."""
    from pyspark import StorageLevel

    raw.createOrReplaceTempView(RAW)
    text = {name for name, kind in raw.dtypes if kind == "string"}
    spark.sql(queries.spark_tasklog_view(ROWS, RAW, KINDS, text, TIMESTAMP_CHARS, WHERE))
    rows = spark.table(ROWS).persist(StorageLevel.MEMORY_AND_DISK)
    rows.createOrReplaceTempView(ROWS)
    return rows


def _numbered(spark, rows, first_row: int):
    """The rows with `_file_index` (files in name order) and `_row` (data row 1 = line `first_row`)."""
    from pyspark.sql import functions as F

    splits = spark.sql(queries.tasklog_split_rows(ROWS)).collect()
    files = sorted({s["_file"] for s in splits}, key=shown)
    before, table = dict.fromkeys(files, 0), []
    for split in sorted(splits, key=lambda s: (files.index(s["_file"]), s["_block"])):
        table.append((split["_file"], split["_block"], split["first_id"], before[split["_file"]], files.index(split["_file"])))
        before[split["_file"]] += split["split_rows"]
    offsets = spark.createDataFrame(table, "_file string, _block long, _first_id long, _before long, _file_index int")
    row = F.col("_before") + F.col("_id") - F.col("_first_id") + first_row
    return rows.join(F.broadcast(offsets), ["_file", "_block"]).withColumn("_row", row), [shown(f) for f in files]


def _cells(collected: list, text_input: bool) -> pl.DataFrame:
    """Bad rows brought back, as the Polars checks read them: cells as written (text), or typed (Parquet)."""
    names = {c: f"_text_{c}" if KINDS[c] != "text" else c for c in COLUMN_NAMES}
    data = {FILE: [r["_file_index"] for r in collected], ROW: [r["_row"] for r in collected]}
    data |= {c: [r[source] for r in collected] for c, source in names.items()}
    kinds = {"timestamp": pl.Datetime("us"), "number": pl.Float64, "text": pl.String}
    schema = {FILE: pl.Int32, ROW: pl.Int64} | {c: pl.String if text_input else kinds[KINDS[c]] for c in COLUMN_NAMES}
    return pl.DataFrame(data, schema=schema)


def _later_copies(numbered, shown_limit: int) -> tuple[list, int]:
    """The first later copies of repeated task ids (by file and row), and how many later copies there are."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    place = F.col("_file_index").cast("long") * (1 << ROW_BITS) + F.col("_row")
    repeated = numbered.where(F.col("task_id").isNotNull()).withColumn("_place", place).withColumn(
        "_first", F.min("_place").over(Window.partitionBy("task_id"))).where(F.col("_place") != F.col("_first"))
    count = repeated.count()
    return repeated.orderBy("_file_index", "_row").limit(shown_limit).collect() if count else [], count


def _refusal(spark, rows, counts: dict, checks: tuple[Check, ...], domains: set[str], text_input: bool,
             shown_limit: int) -> InvalidTasklog | None:
    """The report of a log with bad rows or repeated ids, or None when it has neither."""
    from pyspark.sql import functions as F

    repeats = spark.sql(queries.tasklog_repeated_ids(ROWS)).limit(1).count()
    tally = {check.describe(): int(counts[check.key]) for check in checks if counts[check.key]}
    if not tally and not repeats:
        return None
    numbered, names = _numbered(spark, rows, 2 if text_input else 1)
    bad = numbered.where(F.expr(queries.tasklog_any_problem(domains))).orderBy("_file_index", "_row").limit(shown_limit).collect()
    checked = with_checks(_cells(bad, text_input).lazy(), checks).collect()
    later, later_count = _later_copies(numbered, shown_limit) if repeats else ([], 0)
    duplicates = pl.DataFrame({"task_id": [r["task_id"] for r in later], FILE: [r["_file_index"] for r in later],
                               ROW: [r["_row"] for r in later], "_first": [r["_first"] for r in later]},
                              schema={"task_id": pl.String, FILE: pl.Int32, ROW: pl.Int64, "_first": pl.Int64})
    if later_count:
        tally[f"task_id: {DUPLICATE}"] = later_count
    return InvalidTasklog(problems_of(checked, duplicates, names, checks), tally)


def ingest_with_spark(source: str, user_dir: Path, spark=None, shown_limit: int = SHOWN_PROBLEMS,
                      warehouse: Path | None = None) -> TasklogIngest:
    """Check and summarise a task log with Spark and write its aggregates into the user database;
    raises InvalidTasklog (nothing written) when any row is bad or a task id repeats."""
    # Load inputs
    spark = spark or spark_session()
    domains, registry = known_domains(warehouse)
    checks = checks_for(domains, registry)
    files = _files(spark, source)
    raw, text_input = _read(spark, source, files)
    rows = _typed(spark, raw)
    try:
        # Process data
        counts = spark.sql(queries.tasklog_check_counts(ROWS, domains)).first().asDict()
        if counts["row_count"] == 0:
            raise InvalidTasklog([Problem(shown(f), 2, "", "no data rows (expected at least one task)") for f in files])
        refusal = _refusal(spark, rows, counts, checks, domains, text_input, shown_limit)
        if refusal is not None:
            raise refusal
        statements = (queries.tasklog_skill_sums(ROWS, "spark"), queries.tasklog_accepted_durations(ROWS),
                      queries.tasklog_weekly_workers(ROWS))
        summary = Summary.from_rows(*(spark.sql(sql).collect() for sql in statements))
    finally:
        rows.unpersist()
    tasklog_id = new_tasklog_id()
    aggregates, weekly = finish(summary, tasklog_id)
    # Save outputs
    names = [shown(f) for f in files]
    with changing_user_db(user_dir) as con:
        con.execute(queries.INSERT_TASKLOG, [tasklog_id, "; ".join(names), counts["row_count"], counts["row_count"], 0,
                                             datetime.now(), source])
        insert_frame(con, "tasklog_skill_aggregates", aggregates)
        insert_frame(con, "tasklog_weekly_workers", weekly)
    return TasklogIngest(tasklog_id, names, counts["row_count"], counts["row_count"], 0, {}, aggregates)


def main(argv: list[str] | None = None) -> int:
    """Entry point for spark-submit: `spark-submit … spark_job.py SOURCE [--user-dir DIR] [--warehouse FILE]`."""
    parser = argparse.ArgumentParser(prog="spark_job.py", description="Ingest a task log with Spark.")
    parser.add_argument("source", help="a .csv/.parquet file or folder, on any path Spark reads")
    parser.add_argument("--user-dir", type=Path, default=None, help="the user folder (default: user/ beside the warehouse)")
    parser.add_argument("--warehouse", type=Path, default=None, help="warehouse file, for the known domains")
    args = parser.parse_args(argv)
    try:
        result = ingest_with_spark(args.source, args.user_dir or default_user_dir(args.warehouse), warehouse=args.warehouse)
    except InvalidTasklog as error:
        print(f"Task log refused; your user database is unchanged.\n{error}")
        return 1
    print(f"Ingested task log {result.tasklog_id}: {result.rows_read:,} rows.")
    print(result.aggregates.drop("tasklog_id"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
