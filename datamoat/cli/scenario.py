"""`datamoat scenario …`: evaluate a scenario file headlessly, print the default scenario, list assumptions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from datamoat.cli.options import FILTERS, WarehouseOption, check_evidence_filter, exit_invalid_scenario
from pipelines.marts import DEFAULT_FILTER

# The model's modules are imported inside each command: `datamoat build` loads this file too,
# and should not pay for NumPy and SciPy.

scenario_app = typer.Typer(help="Evaluate what-if scenarios of the cost model.", no_args_is_help=True,
                           pretty_exceptions_enable=False)


def load_evidence(warehouse: Path | None, evidence_filter: str = DEFAULT_FILTER):
    """The marts the model reads, for one evidence filter; empty (every default an assumption) when no
    warehouse exists. An explicitly named warehouse that is missing is an error."""
    from dashboard.model.evidence import EVIDENCE_TABLES, Evidence
    from pipelines.paths import default_warehouse_path
    from pipelines.reader import load_tables

    path = warehouse or default_warehouse_path()
    if not path.exists():
        if warehouse is not None:
            raise FileNotFoundError(f"no warehouse at {path}")
        typer.echo(f"note: no warehouse at {path}; empty inputs fall back to assumptions", err=True)
        return Evidence(evidence_filter)
    return Evidence.from_tables(load_tables(path, EVIDENCE_TABLES), evidence_filter)


def _read_scenario(file: Path):
    from dashboard.model.scenario import ScenarioError, parse_scenario

    try:
        return parse_scenario(file.read_text(encoding="utf-8"))
    except OSError as error:
        raise ScenarioError([f"(file): cannot read {file}: {error.strerror}"]) from None


@scenario_app.command("evaluate")
def evaluate_command(
    file: Annotated[Path, typer.Argument(help="scenario JSON file")],
    as_json: Annotated[bool, typer.Option("--json", help="print the full result as JSON")] = False,
    draws: Annotated[int | None, typer.Option("--draws", min=0, max=1_000_000, help="Monte Carlo draws")] = None,
    warehouse: WarehouseOption = None,
    evidence: Annotated[str, typer.Option("--evidence", help="which figures the defaults pool: " + ", ".join(FILTERS))]
    = DEFAULT_FILTER,
) -> None:
    """Evaluate one scenario file; exit 1 listing every problem when it is invalid."""
    from dashboard.model.evaluate import evaluate
    from dashboard.model.resolve import InputOutOfRange
    from dashboard.model.scenario import ScenarioError

    check_evidence_filter(evidence)
    try:
        scenario = _read_scenario(file)
        marts = load_evidence(warehouse, evidence)
    except ScenarioError as error:
        exit_invalid_scenario(file, error.problems)
    except FileNotFoundError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from None
    try:
        result = evaluate(scenario, marts, draws=draws)
    except InputOutOfRange as error:
        typer.echo(f"Cannot evaluate {file}: {error}", err=True)
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        from datamoat.cli.render import print_result

        print_result(result)


@scenario_app.command("template")
def template_command() -> None:
    """Print the default scenario, every field present (nulls are filled from the warehouse) — the one the
    dashboard opens with."""
    from dashboard.model.scenario import scenario_to_json
    from dashboard.model.template import default_scenario

    typer.echo(scenario_to_json(default_scenario()))


@scenario_app.command("assumptions")
def assumptions_command() -> None:
    """Print every assumed default with its reasoning, as JSON (from the input registry)."""
    from dashboard.model.inputs import assumption_rows

    typer.echo(json.dumps(assumption_rows(), indent=2, ensure_ascii=False))
