"""Typer commands for the user's own data; `pipelines/cli.py` registers them (see `register`).

datamoat ingest quotes FILE.csv          datamoat quotes list | compare | remove UPLOAD_ID
datamoat ingest tasklog PATH [--quarantine] [--engine local|spark]
datamoat tasklog list | show ID | remove ID
datamoat synth tasklog --rows N --seed S --out PATH
datamoat scenario calibrate SCENARIO TASKLOG_ID [--out FILE]
datamoat bench ingest --rows N
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from datamoat.cli.options import WarehouseOption
from pipelines.userdata.paths import USER_DIR_ENV, default_user_dir

ingest_app = typer.Typer(help="Bring in your own data (kept apart from the curated warehouse).", no_args_is_help=True)
quotes_app = typer.Typer(help="Your vendor quotes: list, compare with public rates, remove.", no_args_is_help=True)
tasklog_app = typer.Typer(help="Your ingested task logs: list, show aggregates, remove.", no_args_is_help=True)
synth_app = typer.Typer(help="Synthetic data for demos, tests and benchmarks.", no_args_is_help=True)

UserDirOption = Annotated[
    Path | None,
    typer.Option("--user-dir", envvar=USER_DIR_ENV, help="folder of your own data (default: user/ beside the warehouse)"),
]


def _user_dir(user_dir: Path | None, warehouse: Path | None = None) -> Path:
    return user_dir or default_user_dir(warehouse)


def _print_frame(frame) -> None:
    import polars as pl

    with pl.Config(tbl_rows=200, tbl_cols=40, tbl_width_chars=200, tbl_hide_dataframe_shape=True,
                   tbl_hide_column_data_types=True, fmt_str_lengths=60):
        typer.echo(frame)


@ingest_app.command("quotes")
def ingest_quotes_command(file: Annotated[Path, typer.Argument(help="CSV of vendor quotes")],
                          user_dir: UserDirOption = None, warehouse: WarehouseOption = None) -> None:
    """Validate a vendor-quotes CSV and store it as one upload in your user database."""
    from pipelines.problems import InvalidData
    from pipelines.userdata.quotes import ingest_quotes

    target = _user_dir(user_dir, warehouse)
    try:
        upload = ingest_quotes(file, target, warehouse)
    except InvalidData as error:
        typer.echo(f"Invalid quotes; your user database is unchanged.\n{error}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Stored {upload.row_count} quote(s) from {upload.file_name} as upload {upload.upload_id} "
               f"(your own data, in {target}).")


@ingest_app.command("tasklog")
def ingest_tasklog_command(
    path: Annotated[str, typer.Argument(help="a task-log .csv/.parquet file or folder (with Spark: any path Spark reads)")],
    quarantine: Annotated[bool, typer.Option("--quarantine", help="ingest the good rows; keep bad ones aside")] = False,
    engine: Annotated[str, typer.Option("--engine", help="local (one machine) or spark (the [spark] extra and Java)")] = "local",
    spark_master: Annotated[str | None, typer.Option("--spark-master", help="Spark master URL (default: local[*])")] = None,
    user_dir: UserDirOption = None,
    warehouse: WarehouseOption = None,
) -> None:
    """Check a task log and store per-skill aggregates and partitioned Parquet (refused whole if any row is bad)."""
    from pipelines.userdata.tasklog_ingest import InvalidTasklog, ingest_tasklog

    if engine not in ("local", "spark"):
        raise typer.BadParameter(f"unknown engine {engine!r} (expected local or spark)", param_hint="--engine")
    if engine == "spark" and quarantine:
        raise typer.BadParameter("--quarantine is not offered with --engine spark", param_hint="--quarantine")
    target = _user_dir(user_dir, warehouse)
    try:
        if engine == "spark":
            result = _ingest_with_spark(path, target, spark_master, warehouse)
        else:
            result = ingest_tasklog(Path(path), target, quarantine=quarantine, warehouse=warehouse)
    except InvalidTasklog as error:
        rerun = "\nRerun with --quarantine to ingest the good rows and keep the bad ones aside."
        hint = "" if quarantine or engine == "spark" else rerun
        typer.echo(f"Task log refused; your user database is unchanged.\n{error}{hint}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Ingested task log {result.tasklog_id}: {result.rows_ingested:,} of {result.rows_read:,} rows"
               + (f", {result.rows_quarantined:,} quarantined" if result.rows_quarantined else "") + ".")
    for what, count in sorted(result.counts.items()):
        typer.echo(f"  {count:>12,} rows: {what}")
    _print_frame(result.aggregates.drop("tasklog_id"))


def _ingest_with_spark(path: str, target: Path, master: str | None, warehouse: Path | None):
    import importlib.util

    from pipelines.userdata.spark_job import ingest_with_spark, spark_session

    if importlib.util.find_spec("pyspark") is None:
        typer.echo("--engine spark needs PySpark and a Java runtime: pip install -e '.[spark]' "
                   "and apt-get install default-jre-headless.", err=True)
        raise typer.Exit(2) from None
    return ingest_with_spark(path, target, spark=spark_session(master), warehouse=warehouse)


@quotes_app.command("list")
def quotes_list_command(user_dir: UserDirOption = None,
                        rows: Annotated[bool, typer.Option("--rows", help="show every quote")] = False) -> None:
    """List your quote uploads (or every quote with --rows)."""
    from pipelines.userdata.quotes import list_quote_uploads, list_quotes

    frame = list_quotes(_user_dir(user_dir)) if rows else list_quote_uploads(_user_dir(user_dir))
    typer.echo("No quotes uploaded yet." if frame.is_empty() else "")
    if not frame.is_empty():
        _print_frame(frame)


@quotes_app.command("remove")
def quotes_remove_command(upload_id: str, user_dir: UserDirOption = None) -> None:
    """Remove one upload and its quotes."""
    from pipelines.userdata.quotes import remove_quote_upload

    try:
        removed = remove_quote_upload(_user_dir(user_dir), upload_id)
    except KeyError:
        typer.echo(f"No quote upload {upload_id!r}; see `datamoat quotes list`.", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Removed upload {upload_id} ({removed} quote(s)).")


@quotes_app.command("compare")
def quotes_compare_command(user_dir: UserDirOption = None, warehouse: WarehouseOption = None) -> None:
    """Your quotes per domain beside the public median posted expert rate."""
    from pipelines.userdata.quotes import quotes_beside_public_rates

    _print_frame(quotes_beside_public_rates(_user_dir(user_dir, warehouse), warehouse))


@tasklog_app.command("list")
def tasklog_list_command(user_dir: UserDirOption = None) -> None:
    """List your ingested task logs."""
    from pipelines import queries
    from pipelines.userdata.store import read_user_table

    frame = read_user_table(_user_dir(user_dir), queries.LIST_TASKLOGS)
    if frame is None or frame.is_empty():
        typer.echo("No task logs ingested yet.")
        return
    _print_frame(frame)


@tasklog_app.command("show")
def tasklog_show_command(tasklog_id: str, user_dir: UserDirOption = None) -> None:
    """Per-skill aggregates, weekly workers and quarantined rows of one ingest."""
    import polars as pl

    from pipelines import queries
    from pipelines.userdata.store import read_user_table

    target = _user_dir(user_dir)
    for title, sql in (("Per-skill aggregates", queries.TASKLOG_AGGREGATES), ("Workers per week", queries.TASKLOG_WEEKLY),
                       ("Quarantined rows", queries.TASKLOG_QUARANTINE)):
        frame = read_user_table(target, sql, [tasklog_id])
        typer.echo(f"{title}:")
        _print_frame(frame if frame is not None else pl.DataFrame())


@tasklog_app.command("remove")
def tasklog_remove_command(tasklog_id: str, user_dir: UserDirOption = None) -> None:
    """Remove one ingest: its aggregates, quarantined rows and Parquet."""
    from pipelines.userdata.tasklog_ingest import remove_tasklog

    try:
        remove_tasklog(_user_dir(user_dir), tasklog_id)
    except KeyError:
        typer.echo(f"No task log {tasklog_id!r}; see `datamoat tasklog list`.", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Removed task log {tasklog_id}.")


@synth_app.command("tasklog")
def synth_tasklog_command(
    rows: Annotated[int, typer.Option("--rows", min=0, help="number of tasks")] = 10_000,
    seed: Annotated[int, typer.Option("--seed", min=0, help="the same seed gives the same file")] = 0,
    out: Annotated[Path, typer.Option("--out", help="output file, .csv or .parquet")] = Path("tasklog.csv"),
) -> None:
    """Write a realistic synthetic task log (chunked; 100M rows fit in a few hundred MB of memory)."""
    from pipelines.userdata.synth import write_synthetic_tasklog

    if out.suffix not in (".csv", ".parquet"):
        raise typer.BadParameter(f"expected a .csv or .parquet file (got {out.suffix or 'no extension'})", param_hint="--out")
    write_synthetic_tasklog(out, rows, seed)
    typer.echo(f"Wrote {rows:,} synthetic tasks to {out} (seed {seed}).")


def calibrate_command(
    scenario: Annotated[Path, typer.Argument(help="scenario JSON file")],
    tasklog_id: Annotated[str, typer.Argument(help="an id from `datamoat tasklog list`")],
    out: Annotated[Path | None, typer.Option("--out", help="write here instead of over SCENARIO")] = None,
    user_dir: UserDirOption = None,
) -> None:
    """Set a scenario's per-skill inputs from your task log; provenance goes beside it (.provenance.json)."""
    from dashboard.model.calibrate import calibrate, load_aggregates
    from dashboard.model.scenario import ScenarioError, parse_scenario, scenario_to_json

    try:
        parsed = parse_scenario(scenario.read_text(encoding="utf-8"))
    except (OSError, ScenarioError) as error:
        typer.echo(f"Cannot read the scenario {scenario}:\n{error}", err=True)
        raise typer.Exit(1) from None
    try:
        aggregates = load_aggregates(_user_dir(user_dir), tasklog_id)
    except KeyError:
        typer.echo(f"No task log {tasklog_id!r}; see `datamoat tasklog list`.", err=True)
        raise typer.Exit(1) from None
    updated, provenance = calibrate(parsed, aggregates)
    target = out or scenario
    target.write_text(scenario_to_json(updated) + "\n", encoding="utf-8")
    sidecar = target.with_name(target.name + ".provenance.json")
    sidecar.write_text(json.dumps({path: p.model_dump() for path, p in provenance.items()}, indent=2) + "\n", encoding="utf-8")
    if not provenance:
        typer.echo(f"No scenario skill matched a skill in task log {tasklog_id}; nothing changed.")
    for path, item in provenance.items():
        typer.echo(f"{path} = {item.value:.4g}   [user_log {item.tasklog_id}] {item.note}")
    typer.echo(f"Wrote {target} and {sidecar.name}.")


def bench_ingest_command(
    rows: Annotated[int, typer.Option("--rows", min=1, help="tasks in the generated log")] = 1_000_000,
    seed: Annotated[int, typer.Option("--seed", min=0)] = 0,
    pandas: Annotated[bool, typer.Option("--pandas/--no-pandas", help="also time pandas (loads the whole file)")] = True,
    only: Annotated[str, typer.Option("--only", help="comma-separated contenders: ingest,duckdb,polars,pandas,parquet")] = "",
    repeat: Annotated[int, typer.Option("--repeat", min=1, help="runs per contender; the median is reported")] = 1,
    folder: Annotated[Path | None, typer.Option("--folder", help="keep the generated logs here (default: a temp folder)")] = None,
) -> None:
    """The ingest against one DuckDB query, one Polars query and pandas over the same log, and from Parquet."""
    from datamoat.bench.ingest import CONTENDERS, run_ingest_benchmark

    chosen = tuple(name.strip() for name in only.split(",") if name.strip()) or CONTENDERS
    unknown = sorted(set(chosen) - set(CONTENDERS))
    if unknown:
        raise typer.BadParameter(f"unknown contender(s) {', '.join(unknown)} (expected some of {', '.join(CONTENDERS)})",
                                 param_hint="--only")
    chosen = tuple(name for name in chosen if pandas or name != "pandas")
    raise typer.Exit(run_ingest_benchmark(rows, seed, only=chosen, repeat=repeat, folder=folder))


def register(app: typer.Typer, bench_app: typer.Typer, scenario_app: typer.Typer | None = None) -> None:
    """Add every user-data command to the `datamoat` app (called by pipelines/cli.py); imports stay lazy."""
    app.add_typer(ingest_app, name="ingest")
    app.add_typer(quotes_app, name="quotes")
    app.add_typer(tasklog_app, name="tasklog")
    app.add_typer(synth_app, name="synth")
    bench_app.command("ingest")(bench_ingest_command)
    if scenario_app is not None:
        scenario_app.command("calibrate")(calibrate_command)
