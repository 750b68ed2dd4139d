"""Options the commands share, and how they refuse bad options and invalid scenarios: one wording, on standard
error, exit status 1."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from pipelines.marts import EVIDENCE_FILTERS
from pipelines.paths import WAREHOUSE_ENV

FILTERS = tuple(EVIDENCE_FILTERS)
WarehouseOption = Annotated[
    Path | None,
    typer.Option("--warehouse", envvar=WAREHOUSE_ENV, help="warehouse file (default data/warehouse.duckdb)"),
]


def check_evidence_filter(evidence: str) -> None:
    """Refuse an --evidence value that names no filter."""
    if evidence not in FILTERS:
        raise typer.BadParameter(f"expected one of {', '.join(FILTERS)}", param_hint="--evidence")


def exit_invalid_scenario(path: Path | None, problems: list[str]) -> NoReturn:
    """List every problem of a scenario file, then exit 1."""
    typer.echo(f"Invalid scenario {path}:", err=True)
    for line in problems:
        typer.echo(f"  {line}", err=True)
    raise typer.Exit(1)
