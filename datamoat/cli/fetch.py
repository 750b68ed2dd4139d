"""`datamoat fetch [SOURCE…]`: new snapshots of the upstream datasets (see docs/upstream.md).

datamoat fetch                                   every source, from its official URLs
datamoat fetch epoch-models --url URL            one source from a mirror (a file, a zip, or a folder URL ending in /)
datamoat fetch bls-oews --file oesm25nat.zip     a file downloaded by hand
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from pipelines.upstream.snapshots import UPSTREAM_ENV, default_upstream_dir

UpstreamOption = Annotated[
    Path | None,
    typer.Option("--upstream", envvar=UPSTREAM_ENV, help="folder of upstream snapshots (default data/upstream)"),
]


@contextmanager
def _byte_progress():
    """A download bar per file on a terminal; nothing elsewhere."""
    if not sys.stdout.isatty():
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    bars: dict[str, int] = {}
    with Progress(TextColumn("{task.description:<40}"), BarColumn(), DownloadColumn(), TransferSpeedColumn()) as display:

        def report(url: str, done: int, total: int | None) -> None:
            if url not in bars:
                bars[url] = display.add_task(url.rsplit("/", 1)[-1][:40], total=total)
            display.update(bars[url], completed=done, total=total)

        yield report


def _print_outcome(outcome) -> None:
    from pipelines.diff import format_diffs

    stream_err = outcome.failed
    typer.echo(f"{outcome.source}: {outcome.message}", err=stream_err)
    for problem in outcome.problems[:20]:
        typer.echo(f"  {problem}", err=True)
    if outcome.status == "new" and outcome.diffs:
        typer.echo(f"Diff against the previous snapshot:\n{format_diffs(outcome.diffs)}")


def fetch(
    sources: Annotated[list[str] | None, typer.Argument(help="sources to fetch (all when none is named)")] = None,
    url: Annotated[
        str | None, typer.Option("--url", help="fetch one source from this URL instead (a mirror or test server)")
    ] = None,
    file: Annotated[list[Path] | None, typer.Option("--file", help="import a file downloaded by hand (repeatable)")] = None,
    upstream: UpstreamOption = None,
    user_agent: Annotated[
        str | None,
        typer.Option("--user-agent", envvar="DATAMOAT_USER_AGENT", help="User-Agent to send (bls.gov wants contact details)"),
    ] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="seconds to wait for the server")] = 30.0,
    retries: Annotated[int, typer.Option("--retries", min=0, max=10, help="retries of a failed download")] = 2,
    max_mb: Annotated[int, typer.Option("--max-mb", min=1, help="largest download accepted, MB")] = 300,
) -> None:
    """Take new snapshots of the upstream datasets; print what changed. Nothing new upstream writes nothing."""
    from pipelines.upstream.client import FetchSettings
    from pipelines.upstream.registry import UPSTREAM_SOURCES
    from pipelines.upstream.update import fetch_source, import_files

    names = list(sources or UPSTREAM_SOURCES)
    unknown = [n for n in names if n not in UPSTREAM_SOURCES]
    if unknown:
        raise typer.BadParameter(
            f"unknown source {unknown[0]!r}; expected one of: {', '.join(UPSTREAM_SOURCES)}", param_hint="SOURCE"
        )
    if (url or file) and len(names) != 1:
        raise typer.BadParameter("name exactly one source with --url or --file", param_hint="--url/--file")
    if url and file:
        raise typer.BadParameter("use --url or --file, not both", param_hint="--url/--file")
    settings = FetchSettings.from_environment(
        user_agent=user_agent, timeout_seconds=timeout, retries=retries, max_bytes=max_mb * 1024 * 1024
    )
    folder = upstream or default_upstream_dir()
    failed = False
    with _byte_progress() as progress:
        for name in names:
            source = UPSTREAM_SOURCES[name]
            outcome = (
                import_files(folder, source, list(file), settings)
                if file
                else fetch_source(folder, source, settings, url, progress)
            )
            _print_outcome(outcome)
            failed |= outcome.failed
    raise typer.Exit(1 if failed else 0)


def register(app: typer.Typer) -> None:
    app.command("fetch")(fetch)
