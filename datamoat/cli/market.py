"""`datamoat market [--json]`: the market year by year — the series the page *The market* draws.

Human-data spend (the data vendors' revenue by the revenue rule, summed per year with its coverage) against
training-compute spend (Epoch AI's training costs per year), each series' growth fit, where the two trends
would cross, the ratio per year, and how many skills one year's human-data spend buys at a scenario's data
cost (the default scenario — the dashboard's first load — unless `--scenario FILE` names another).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from dashboard.ui.formats import usd
from datamoat.cli.options import FILTERS, WarehouseOption, check_evidence_filter, exit_invalid_scenario
from pipelines.marts import DEFAULT_FILTER


def market_document_for(warehouse: Path, evidence_filter: str = DEFAULT_FILTER, scenario_file: Path | None = None) -> dict:
    """The market document (dashboard.model.market.market_document) for one warehouse, filter and scenario."""
    from dashboard.model.evaluate import evaluate
    from dashboard.model.evidence import EVIDENCE_TABLES, Evidence
    from dashboard.model.market import MARKET_TABLES, market, market_document
    from dashboard.model.scenario import parse_scenario
    from dashboard.model.template import default_scenario
    from pipelines.reader import load_tables

    tables = load_tables(warehouse, (*MARKET_TABLES, *EVIDENCE_TABLES))
    scenario = default_scenario() if scenario_file is None else parse_scenario(scenario_file.read_text(encoding="utf-8"))
    result = evaluate(scenario, Evidence.from_tables(tables, evidence_filter), draws=0)
    return market_document(market(tables, evidence_filter), result.data_cost_usd, len(result.skills))


def _money(value: float | None) -> str:
    return usd(value, missing="—", cents=False)


def print_market(document: dict) -> None:
    """The series per year, the fits, the crossing and what one year's spend buys, as rich tables."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    series = document["series"]
    table = Table(title=f"The market per year (evidence filter: {document['evidence_filter']}; — = no figure, "
                        "never filled)")
    table.add_column("year")
    for key in series:
        table.add_column(series[key]["label"], justify="right")
    table.add_column("human data ÷ compute (all models)", justify="right")
    ratio = {row["year"]: row for row in document["ratio"]}
    by_year = {key: {p["year"]: p for p in s["points"]} for key, s in series.items()}
    for year in document["years"]:
        cells = []
        for key in series:
            point = by_year[key].get(year)
            cells.append(f"{_money(point['usd'])} ({point['count']})" if point and point["usd"] is not None else "—")
        value = ratio.get(year, {}).get("human_data_to_compute_ratio")
        table.add_row(str(year), *cells, "—" if value is None else f"{value:,.2f}")
    console.print(table)
    console.print("(n) = vendors with a figure, or runs with a cost. Compute costs are 2023 USD; revenue is as "
                  "reported.")
    fits = Table(title="Growth: log-linear fit per series")
    for column in ("series", "× per year", "90 % interval", "points", "years"):
        fits.add_column(column, justify="left" if column == "series" else "right")
    for s in series.values():
        f = s["fit"]
        if f is None:
            fits.add_row(s["label"], "too few years", "", "", "")
            continue
        fits.add_row(s["label"], f"×{f['factor_per_year']:.2f}", f"×{f['factor_low']:.2f}–×{f['factor_high']:.2f}",
                     str(f["points"]), f"{f['first_year']:.0f}–{f['last_year']:.0f}")
    console.print(fits)
    if document["crossing"] is not None:
        console.print(document["crossing"]["statement"])
    bought = document["skills_bought"]
    if bought and bought["skills_bought"] is not None:
        console.print(f"{bought['year']}'s human-data spend ({_money(bought['human_data_usd'])}, the year counting the "
                      f"most vendors) would buy {bought['skills_bought']:,.0f} skills at the scenario's data cost "
                      f"({_money(bought['data_cost_usd'])} for {bought['skills']} skill(s)).")


def market_command(
    as_json: Annotated[bool, typer.Option("--json", help="print every series as JSON")] = False,
    warehouse: WarehouseOption = None,
    evidence: Annotated[str, typer.Option("--evidence", help="which figures count: " + ", ".join(FILTERS))] = DEFAULT_FILTER,
    scenario: Annotated[Path | None, typer.Option("--scenario", help="scenario JSON whose data cost prices a skill "
                                                                       "(default: the default scenario)")] = None,
) -> None:
    """Human-data spend against training-compute spend per year: the series, their growth and the crossing."""
    from pipelines.paths import default_warehouse_path

    check_evidence_filter(evidence)
    path = warehouse or default_warehouse_path()
    if not path.exists():
        typer.echo(f"No warehouse at {path}; run `datamoat build` first.", err=True)
        raise typer.Exit(1)
    from dashboard.model.scenario import ScenarioError

    try:
        document = market_document_for(path, evidence, scenario)
    except ScenarioError as error:
        exit_invalid_scenario(scenario, error.problems)
    except OSError as error:
        typer.echo(f"Cannot read {scenario}: {error.strerror}", err=True)
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        print_market(document)


def register(app: typer.Typer) -> None:
    app.command("market")(market_command)
