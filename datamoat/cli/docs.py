"""`datamoat docs`: regenerate the parts of docs/ written from the code's own registries (the warehouse schema,
the model's inputs, the marts); `--check` exits 1 when they are stale (a test runs it)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipelines.paths import PROJECT_ROOT


def inputs_markdown(default_marts: dict[str, list[str]]) -> str:
    """Every model input: label, unit, allowed values, link key, the marts its default comes from, its assumption."""
    from dashboard.model.inputs import CHOICES, INPUTS
    from dashboard.model.ranged import triple

    rows = ["| input | label | unit | allowed | link key | default from | assumption (low / base / high) and why |",
            "|---|---|---|---|---|---|---|"]
    for spec in INPUTS.values():
        marts = default_marts.get(spec.default_input or "", [])
        source = ", ".join(f"`{m}`" for m in marts) + (f" by {spec.default_by}" if spec.default_by and marts else "")
        assumed = "—"
        if spec.assumption is not None:
            low, base, high = triple(spec.assumption.value)
            assumed = (f"{base:g}" if low == high else f"{low:g} / {base:g} / {high:g}") + f": {spec.assumption.reasoning}"
        rows.append(f"| `{spec.path}` | {spec.label} | {spec.unit} | {spec.interval.describe().removeprefix('must be ')} "
                    f"| `{spec.url_key}` | {source or '—'} | {assumed} |")
    rows += ["", "| choice | label | link key | default |", "|---|---|---|---|"]
    rows += [f"| `{c.path}` | {c.label} | `{c.url_key}` | {c.default_rule} |" for c in CHOICES]
    return "\n".join(rows)


def default_marts(warehouse: Path) -> dict[str, list[str]]:
    """Which marts feed each default input, as the built warehouse's mart_input_defaults says (the frontier trend
    and the hardware's age are fitted or derived in the model from the marts named)."""
    from pipelines import queries
    from pipelines.connection import connect_read_only

    with connect_read_only(warehouse) as con:
        pairs = con.execute(queries.DEFAULT_MARTS).fetchall()
    found: dict[str, list[str]] = {}
    for name, mart in pairs:
        found.setdefault(name, []).append(mart)
    found.setdefault("frontier_training_cost_growth_per_year", []).insert(0, "mart_frontier_cost_points (fitted)")
    found["frontier_training_cost_usd"] = ["mart_frontier_cost_points (fitted)"]
    return found


def marts_markdown() -> str:
    from pipelines.marts import MARTS

    return "\n".join(["| mart | what it holds |", "|---|---|"] + [f"| `{m.name}` | {m.definition} |" for m in MARTS])


def generated(warehouse: Path, root: Path = PROJECT_ROOT) -> dict[Path, str]:
    """Each generated doc file with its refreshed text (`warehouse`: one built from the bundled data)."""
    from pipelines.schema_doc import schema_markdown, with_section

    methodology, schema = root / "docs" / "methodology.md", root / "docs" / "warehouse.md"
    text = methodology.read_text(encoding="utf-8")
    text = with_section(with_section(text, "inputs", inputs_markdown(default_marts(warehouse))), "marts", marts_markdown())
    return {methodology: text, schema: with_section(schema.read_text(encoding="utf-8"), "schema", schema_markdown())}


def _bundled_warehouse(folder: Path) -> Path:
    from pipelines.build import build
    from pipelines.paths import SOURCES_DIR

    path = folder / "warehouse.duckdb"
    build(path, SOURCES_DIR)
    return path


def docs_command(check: Annotated[bool, typer.Option("--check", help="exit 1 when a generated part is stale")] = False) -> None:
    """Regenerate docs/warehouse.md's schema and docs/methodology.md's inputs and marts tables from the code (builds
    the bundled data into a temporary warehouse to read which mart feeds each default)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="datamoat-docs-") as folder:
        texts = generated(_bundled_warehouse(Path(folder)))
    stale = [path for path, text in texts.items() if path.read_text(encoding="utf-8") != text]
    if check:
        for path in stale:
            typer.echo(f"stale: {path.relative_to(PROJECT_ROOT)} (run `datamoat docs`)", err=True)
        raise typer.Exit(1 if stale else 0)
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")
    typer.echo(f"regenerated {len(stale)} file(s)" if stale else "docs are current")
