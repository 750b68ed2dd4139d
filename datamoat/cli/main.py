"""The `datamoat` command line: build the warehouse, serve the dashboard, check sources, benchmark."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from datamoat.cli.docs import docs_command
from datamoat.cli.fetch import UpstreamOption
from datamoat.cli.fetch import register as register_fetch
from datamoat.cli.market import register as register_market
from datamoat.cli.options import WarehouseOption
from datamoat.cli.scenario import scenario_app
from datamoat.cli.userdata import register as register_userdata
from pipelines.paths import PROJECT_ROOT, SOURCES_DIR, WAREHOUSE_ENV, default_warehouse_path

app = typer.Typer(help="datamoat: is expert data, not compute, the binding constraint?", no_args_is_help=True,
                  pretty_exceptions_enable=False)
bench_app = typer.Typer(help="Benchmarks that print figures and ratios.", no_args_is_help=True)
sources_app = typer.Typer(help="Checks over the curated sources.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")
app.add_typer(sources_app, name="sources")
app.add_typer(scenario_app, name="scenario")
register_userdata(app, bench_app, scenario_app)
register_fetch(app)
register_market(app)

SourcesOption = Annotated[
    Path | None,
    typer.Option("--sources", envvar="DATAMOAT_SOURCES", help="folder of curated CSVs (default data/sources)"),
]


def _subject_names() -> list[str]:
    from pipelines.subjects import SUBJECTS

    return list(SUBJECTS)


def run_build(warehouse: Path, only: str | None, force: bool, sources: Path | None = None, upstream: Path | None = None) -> int:
    """Build with progress and print the outcome; returns the exit code."""
    from pipelines.checksums import is_up_to_date

    if not force and is_up_to_date(warehouse, sources or SOURCES_DIR, only, upstream):
        typer.echo(f"Up to date: no input changed since the last build; nothing to do ({warehouse}).")
        return 0
    import duckdb

    from pipelines.build import build
    from pipelines.diff import format_diffs
    from pipelines.problems import InvalidData
    from pipelines.progress import progress_for_stdout

    try:
        with progress_for_stdout() as progress:
            result = build(warehouse, sources or SOURCES_DIR, only=only, force=force, progress=progress, upstream_dir=upstream)
    except InvalidData as error:
        typer.echo(f"Invalid data; the warehouse at {warehouse} is unchanged.\n{error}", err=True)
        return 1
    except (OSError, duckdb.IOException) as error:
        reason = getattr(error, "strerror", None) or str(error).splitlines()[0]
        typer.echo(f"Cannot write the warehouse at {warehouse}: {reason}. The previous warehouse is unchanged.", err=True)
        return 1
    if result.status == "unchanged":
        typer.echo(f"Up to date: {result.message} ({warehouse}).")
        return 0
    rows = ", ".join(f"{name} {count}" for name, count in result.rows_per_table.items())
    typer.echo(f"Built {warehouse} (run {result.run_id}): {rows}.\n"
               f"Data diff against the previous warehouse:\n{format_diffs(result.diffs)}")
    if result.rows_per_table.get("upstream_rejects"):
        typer.echo(f"{result.rows_per_table['upstream_rejects']} upstream row(s) kept aside with their reasons in "
                   "upstream_rejects (not built into the tables).")
    return 0


@app.command()
def build(
    only: Annotated[str | None, typer.Option("--only", help="rebuild one subject; others are kept")] = None,
    force: Annotated[bool, typer.Option("--force", help="rebuild even when no input changed")] = False,
    warehouse: WarehouseOption = None,
    sources: SourcesOption = None,
    upstream: UpstreamOption = None,
) -> None:
    """Validate the curated sources and upstream snapshots and rebuild the warehouse (a no-op when nothing changed)."""
    if only is not None and only not in _subject_names():
        raise typer.BadParameter(f"unknown subject {only!r}; expected one of: {', '.join(_subject_names())}",
                                 param_hint="--only")
    raise typer.Exit(run_build(warehouse or default_warehouse_path(), only, force, sources, upstream))


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="port to listen on")] = 8501,
    address: Annotated[str, typer.Option(help="address to bind; localhost unless told otherwise")] = "localhost",
    warehouse: WarehouseOption = None,
) -> None:
    """Open the dashboard at http://localhost:8501, building the warehouse first if it is missing."""
    target = warehouse or default_warehouse_path()
    if not target.exists():
        typer.echo(f"No warehouse at {target} yet: building it from data/sources …")
        code = run_build(target, None, False)
        if code:
            raise typer.Exit(code)
    from dashboard.ui.uploads import MEGABYTE, max_upload_bytes

    env = {**os.environ, WAREHOUSE_ENV: str(target)}
    upload_mb = max(1, -(-max_upload_bytes() // MEGABYTE))  # Streamlit's own cap, in whole MB, follows ours
    command = [sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "dashboard" / "app.py"),
               "--server.port", str(port), "--server.address", address, "--browser.gatherUsageStats", "false",
               "--server.maxUploadSize", str(upload_mb)]
    raise typer.Exit(subprocess.call(command, env=env))


app.command("docs")(docs_command)


@app.command()
def schema() -> None:
    """Print the warehouse schema (table → columns → meaning) as Markdown."""
    from pipelines.schema_doc import schema_markdown

    typer.echo(schema_markdown())


@bench_app.command("build")
def bench_build(repeats: Annotated[int, typer.Option(help="runs of each measurement")] = 3) -> None:
    """Cold build and no-op rebuild times of the bundled data, against a DuckDB read_csv floor."""
    from datamoat.bench.build import run_build_benchmark

    run_build_benchmark(repeats)


@sources_app.command("check")
def sources_check(sources: SourcesOption = None) -> None:
    """List missing locators, stale time-sensitive figures, duplicate claims and unused sources."""
    from pipelines.sources_check import check_sources, format_sources_report

    report = check_sources(sources or SOURCES_DIR)
    typer.echo(format_sources_report(report))
    raise typer.Exit(1 if report.failed else 0)


@bench_app.command("model")
def bench_model() -> None:
    """One full model evaluation and 100,000 Monte Carlo draws of the data-cost block, against targets."""
    from datamoat.bench.model import run_model_benchmark

    run_model_benchmark()


@bench_app.command("dashboard")
def bench_dashboard() -> None:
    """Warm script-run time of every page under AppTest, against an empty page, and a slider change."""
    import logging

    logging.disable(logging.WARNING)  # Streamlit warns about the missing server on import and on every AppTest run
    from datamoat.bench.dashboard import run_dashboard_benchmark

    run_dashboard_benchmark()


@bench_app.command("browser")
def bench_browser(
    warehouse: WarehouseOption = None,
    repeats: Annotated[int, typer.Option(min=1, max=20, help="cold opens of each page")] = 3,
    port: Annotated[int | None, typer.Option(min=1024, max=65535, help="port on 127.0.0.1 (default: a free one)")] = None,
) -> None:
    """Open every page cold in headless Chromium: seconds to fully rendered against 1.5 s, and any request off the machine."""
    from datamoat.bench.browser import run_browser_benchmark

    try:
        ok = run_browser_benchmark(warehouse, repeats, port)
    except (FileNotFoundError, RuntimeError, TimeoutError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    raise typer.Exit(0 if ok else 1)


@bench_app.command("load")
def bench_load(
    warehouse: WarehouseOption = None,
    sessions: Annotated[int, typer.Option(min=1, max=100, help="concurrent browser sessions")] = 20,
    seconds: Annotated[float, typer.Option(min=1, max=3600, help="how long the sessions interact")] = 60,
    port: Annotated[int | None, typer.Option(min=1024, max=65535, help="port on 127.0.0.1 (default: a free one)")] = None,
    client: Annotated[str, typer.Option(help="websocket: protocol clients (the server's capacity); "
                                             "browser: headless Chromium tabs (the whole machine)")] = "websocket",
) -> None:
    """Serve the dashboard on 127.0.0.1 and drive concurrent sessions: errors, P50/P95 interaction latency."""
    from datamoat.bench.load import CLIENTS, run_load_benchmark

    if client not in CLIENTS:
        raise typer.BadParameter(f"expected one of {', '.join(CLIENTS)}", param_hint="--client")
    try:
        report = run_load_benchmark(sessions, seconds, port, warehouse, client=client)
    except (FileNotFoundError, RuntimeError, TimeoutError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    raise typer.Exit(1 if report.errors else 0)
