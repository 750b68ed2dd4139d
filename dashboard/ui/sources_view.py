"""Derived frames and texts for the Sources and methodology page (pure, no Streamlit)."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import polars as pl

from pipelines.diff import TableDiff, format_diffs

MODEL_MODULES = (
    ("One evaluation, step by step", "evaluate"), ("Filling the inputs", "resolve"),
    ("The headline and shared expert pools", "headline"), ("Expert-data cost and time", "data_cost"),
    ("Compute cost", "compute_cost"), ("Which side binds", "verdict"),
    ("Monte Carlo and sensitivity", "uncertainty"), ("Projection", "projection"), ("Growth fits", "growth"),
    ("Chinchilla scaling", "chinchilla"), ("Sample efficiency", "sample_efficiency"),
    ("Distillation", "distillation"), ("Long tail", "long_tail"), ("The market", "market"),
    ("Calibration from a task log", "calibrate"),
)

LATEX_FORMULAS: tuple[tuple[str, str], ...] = (
    ("Items to produce", r"\text{effective items} = \frac{\text{count}}{1 - \text{rejection rate}}"),
    ("Expert hours", r"\text{expert hours} = \sum_{\text{artifacts}} \text{effective items} \times "
                     r"\text{annotations each} \times \text{hours each} \times (1 + \text{review fraction} \times "
                     r"\text{review time ratio})"),
    ("Labour and price", r"\text{labor}_\$ = \text{expert hours} \times \$/\text{hour}, \qquad "
                         r"\text{price}_\$ = \frac{\text{labor}_\$}{1 - \text{vendor margin}}"),
    ("Weeks to assemble", r"\text{weeks} = \frac{\text{expert hours}}{\text{expert pool} \times "
                          r"\text{participation rate} \times \text{hours per week per expert}}"),
    ("GPU hours", r"\text{GPU hours} = \frac{\text{training FLOP}}{\text{peak FLOP/s} \times \text{utilization} \times 3600}"),
    ("Chinchilla loss", r"L(N, D) = E + \frac{A}{N^{\alpha}} + \frac{B}{D^{\beta}}, \qquad C = 6ND"),
    ("Compute-optimal size and data", r"N_{opt} = G \left(\frac{C}{6}\right)^{\frac{\beta}{\alpha+\beta}}, \quad "
                                      r"G = \left(\frac{\alpha A}{\beta B}\right)^{\frac{1}{\alpha+\beta}}, \quad "
                                      r"D_{opt} = \frac{C/6}{N_{opt}}"),
    ("Data at infinite size", r"D_{\infty} = \left(\frac{B}{L_{opt} - E}\right)^{1/\beta}"),
)


def model_formulas() -> list[tuple[str, str]]:
    """(title, docstring) of each model module, as the model itself documents its formulas."""
    return [(title, importlib.import_module(f"dashboard.model.{module}").__doc__.strip())
            for title, module in MODEL_MODULES]


def model_assumptions() -> pl.DataFrame:
    """Every default the model assumes (the input registry's assumptions), with its range and reasoning."""
    from dashboard.model.inputs import assumption_rows

    return pl.DataFrame(assumption_rows(), infer_schema_length=None)


def assumptions_as_read(assumptions: pl.DataFrame) -> pl.DataFrame:
    """The assumed defaults with low, base and high written in each row's own unit (the rows mix units)."""
    from dashboard.ui.formats import format_value

    return assumptions.with_columns(
        pl.struct(end, "unit").map_elements(lambda row, end=end: format_value(row[end], row["unit"]),
                                            return_dtype=pl.String).alias(end)
        for end in ("low", "base", "high"))


def filter_sources(sources: pl.DataFrame, text: str, kinds: list[str], publishers: list[str]) -> pl.DataFrame:
    """Sources whose id, title, publisher or notes contain the text (any case), of the chosen kinds/publishers."""
    if text.strip():
        needle = text.strip().lower()
        hay = pl.concat_str([pl.col(c).fill_null("") for c in ("source_id", "title", "publisher", "notes")], separator=" ")
        sources = sources.filter(hay.str.to_lowercase().str.contains(needle, literal=True))
    if kinds:
        sources = sources.filter(pl.col("kind").is_in(kinds))
    if publishers:
        sources = sources.filter(pl.col("publisher").is_in(publishers))
    return sources


def with_figure_counts(sources: pl.DataFrame, figures_by_source: pl.DataFrame) -> pl.DataFrame:
    """Each source with how many figures cite it in all."""
    counts = figures_by_source.group_by("source_id").agg(pl.col("figure_count").sum().alias("figures"))
    return sources.join(counts, on="source_id", how="left").with_columns(pl.col("figures").fill_null(0))


def run_history(runs: pl.DataFrame) -> pl.DataFrame:
    """Pipeline runs for display: status, times, duration, and rows per table as text."""
    def rows_text(text: str | None) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(json.loads(text or "{}").items()))
    return runs.select(
        "run_id", "status", "started_at", "finished_at",
        (pl.col("finished_at") - pl.col("started_at")).dt.total_milliseconds().truediv(1000).alias("seconds"),
        "forced", "only_subject",
        pl.col("rows_per_table").map_elements(rows_text, return_dtype=pl.String).alias("rows_per_table"),
        "error_summary",
    )


def diff_text(data_diff: str | None) -> str:
    """A run's stored data diff as readable lines."""
    diffs = [TableDiff(**item) for item in json.loads(data_diff or "[]")]
    return format_diffs(diffs, max_changes=50)


def tables_citing(figures_by_source: pl.DataFrame, source_id: str) -> list[str]:
    """The figure tables holding at least one row that cites the source."""
    return sorted(figures_by_source.filter(pl.col("source_id") == source_id)["table_name"].unique().to_list())


# ---------------------------------------------------------------- figure quality (issue: provenance a reader can audit)

def quality_by_class(quality: pl.DataFrame) -> pl.DataFrame:
    """Per table: figure rows by the class of the source they rest on (a copy counted apart, as its original
    class decides the confidence it may carry) and the share on primary or reputable ground."""
    wide = quality.pivot(on="quality_class", index="table_name", values="figures",
                         aggregate_function="sum").fill_null(0)
    for name in ("primary", "reputable", "copy", "secondary"):
        if name not in wide.columns:
            wide = wide.with_columns(pl.lit(0).alias(name))
    total = pl.col("primary") + pl.col("reputable") + pl.col("copy") + pl.col("secondary")
    return wide.select("table_name", "primary", "reputable", "copy", "secondary", total.alias("figures"),
                       ((total - pl.col("secondary")) / total).alias("sound_share")).sort("table_name")


def quality_by_label(quality: pl.DataFrame) -> pl.DataFrame:
    """Per table: figure rows by confidence label."""
    wide = quality.pivot(on="confidence", index="table_name", values="figures", aggregate_function="sum").fill_null(0)
    for name in ("reported", "likely", "speculative"):
        if name not in wide.columns:
            wide = wide.with_columns(pl.lit(0).alias(name))
    return wide.select("table_name", "reported", "likely", "speculative").sort("table_name")


def oldest_figures(dates: pl.DataFrame, count: int = 25) -> pl.DataFrame:
    """The oldest time-sensitive figures, by the date they are aged by."""
    return dates.filter(pl.col("aged_by_date").is_not_null()).sort("aged_by_date").head(count)


def unageable_figures(dates: pl.DataFrame) -> pl.DataFrame:
    """Time-sensitive figures with neither an as-of date nor a dated source."""
    return dates.filter(pl.col("aged_by_date").is_null())


# ---------------------------------------------------------------- upstream datasets

def upstream_status(upstream_dir: Path, runs: pl.DataFrame) -> pl.DataFrame:
    """Per upstream source: its current snapshot, when published and taken, how, its rows, licence and credit,
    the snapshots kept, and the newest build's changes to its tables."""
    from pipelines.upstream.origin import read_origin
    from pipelines.upstream.registry import UPSTREAM_SOURCES
    from pipelines.upstream.snapshots import current_version, kept_versions, source_dir

    newest = runs.filter(pl.col("status") == "success").sort("finished_at", descending=True).head(1)
    changes = json.loads(newest["data_diff"][0]) if newest.height else []
    rows = []
    for name, source in UPSTREAM_SOURCES.items():
        version = current_version(upstream_dir, name)
        origin = read_origin(source_dir(upstream_dir, name) / version) if version else None
        tables = {table.name for table in source.tables}
        diff = [d for d in changes if d.get("table") in tables]
        rows.append({
            "source": name, "title": source.title, "current_snapshot": version,
            "date_published": origin.date_published if origin else None,
            "taken": origin.date_accessed if origin else None, "obtained_by": origin.obtained_by if origin else None,
            "rows": origin.rows if origin else None, "licence": origin.licence.name if origin else None,
            "credit": origin.citation if origin else None, "snapshots_kept": len(kept_versions(upstream_dir, name)),
            "newest_build_changes": format_diffs([TableDiff(**d) for d in diff]) if diff else "no change",
        })
    return pl.DataFrame(rows)
