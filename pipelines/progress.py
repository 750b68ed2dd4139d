"""Build progress: a bar per step on a terminal, plain lines anywhere else."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from pipelines.build import Progress


def plain_progress(label: str, done: int, total: int) -> None:
    print(f"[{done}/{total}] {label}", flush=True)


@contextmanager
def terminal_progress() -> Iterator[Progress]:
    """A rich progress display with one bar per build phase (validate, write)."""
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
    from rich.progress import Progress as RichProgress

    bars: dict[str, int] = {}
    with RichProgress(TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn()) as display:

        def report(label: str, done: int, total: int) -> None:
            phase = label.split(" ", 1)[0] if label.startswith(("validate", "upstream")) else "write"
            if phase not in bars:
                bars[phase] = display.add_task(label, total=total)
            display.update(bars[phase], completed=done, total=total, description=label)

        yield report


@contextmanager
def progress_for_stdout() -> Iterator[Progress]:
    if sys.stdout.isatty():
        with terminal_progress() as report:
            yield report
    else:
        yield plain_progress
