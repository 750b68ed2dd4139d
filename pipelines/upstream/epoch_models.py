"""Epoch AI's databases of notable, large-scale and frontier AI models → `ai_models`, one row per model.

Epoch renames and adds columns between releases (the three files already differ), so columns are mapped
by name and only the ones used are required. A model in several files is one row: each value is taken
from the first file that gives it, in the order notable, frontier, large-scale.
"""

from __future__ import annotations

from datetime import date

import polars as pl
from pydantic import Field

from pipelines.upstream.base import (
    Amount,
    LongText,
    Parsed,
    Snapshot,
    UpstreamRow,
    UpstreamSource,
    UpstreamTable,
    map_confidence,
)
from pipelines.upstream.origin import Licence
from pipelines.upstream.rows import ColumnMap, map_columns, read_csv_text, share_problem, validate_records

FILES = ("notable_ai_models.csv", "frontier_ai_models.csv", "large_scale_ai_models.csv")  # also the merge order
CONFIDENCE = {"confident": "likely", "likely": "likely"}  # Speculative, Unknown, Unverified, empty → speculative
CONFIDENCE_NOTE = (
    "Epoch's `Confidence` is Epoch's own judgement of its estimates, so none is `reported`: "
    "Confident → likely, Likely → likely; Speculative, Unknown, any other label (Unverified) or none → speculative."
)


class AiModelRow(UpstreamRow):
    model: LongText = Field(description="the model's name as Epoch gives it")
    publication_date: date | None = Field(default=None, description="publication or announcement date")
    organizations: LongText | None = Field(default=None, description="developer(s), comma-separated as Epoch lists them")
    countries: LongText | None = Field(default=None, description="country (or countries) of the organisation(s)")
    domain: LongText | None = Field(default=None, description="domain(s), e.g. Language, Vision")
    task: LongText | None = Field(default=None, description="task(s) the model does")
    parameters: Amount | None = Field(default=None, description="parameter count")
    training_compute_flop: Amount | None = Field(default=None, description="training compute, FLOP (Epoch's estimate)")
    post_training_compute_flop: Amount | None = Field(
        default=None, description="post-training compute, FLOP, where Epoch gives it"
    )
    training_dataset_size_datapoints: Amount | None = Field(
        default=None, description="training dataset size in datapoints (tokens for language models)"
    )
    training_hardware: LongText | None = Field(default=None, description="accelerator(s) used, as Epoch names them")
    hardware_quantity: Amount | None = Field(default=None, description="number of accelerators")
    training_time_hours: Amount | None = Field(default=None, description="training time, hours")
    training_compute_cost_usd_2023: Amount | None = Field(
        default=None, description="training compute cost, 2023 US dollars (Epoch's estimate)"
    )
    epoch_confidence: LongText | None = Field(
        default=None, description="Epoch's own label: Confident, Likely, Speculative or Unknown"
    )
    is_frontier: bool = Field(default=False, description="in Epoch's frontier file or flagged `Frontier model`")
    model_accessibility: LongText | None = Field(default=None, description="e.g. API access, Open weights (unrestricted)")
    link: LongText | None = Field(default=None, description="Epoch's link(s) to the model's paper or announcement")


COLUMNS: ColumnMap = {
    "model": ("Model", "System"),
    "publication_date": ("Publication date",),
    "organizations": ("Organization", "Organization(s)"),
    "countries": ("Country (of organization)", "Country (from Organization)"),
    "domain": ("Domain",),
    "task": ("Task",),
    "parameters": ("Parameters",),
    "training_compute_flop": ("Training compute (FLOP)",),
    "post_training_compute_flop": ("Post-training compute (FLOP)",),
    "training_dataset_size_datapoints": (
        "Training dataset size (total)",
        "Training dataset size (datapoints)",
        "(DEPRECATED) Training dataset size (datapoints)",
    ),
    "training_hardware": ("Training hardware",),
    "hardware_quantity": ("Hardware quantity",),
    "training_time_hours": ("Training time (hours)",),
    "training_compute_cost_usd_2023": ("Training compute cost (2023 USD)",),
    "epoch_confidence": ("Confidence",),
    "frontier_flag": ("Frontier model",),
    "model_accessibility": ("Model accessibility",),
    "link": ("Link",),
}
REQUIRED = ("model", "publication_date", "organizations", "domain", "parameters", "training_compute_flop", "epoch_confidence")

AI_MODELS = UpstreamTable(
    name="ai_models",
    row_model=AiModelRow,
    key_columns=("model",),
    description="Epoch AI's notable ∪ large-scale ∪ frontier models, one row per model: dates, developers, "
    "parameters, training compute and cost, hardware, Epoch's confidence.",
)


def read_file(snapshot: Snapshot, name: str, parsed: Parsed) -> list[dict]:
    frame, problems = read_csv_text(name, snapshot.files[name])
    if frame is None:
        parsed.problems += problems
        return []
    found, problems = map_columns(name, frame.columns, COLUMNS, REQUIRED)
    if problems:
        parsed.problems += problems
        return []
    frame = frame.select(pl.col(upstream).alias(ours) for ours, upstream in found.items())
    parsed.rows_by_file[name] = frame.height
    provenance = {"source_id": snapshot.source_id, "upstream_file": name}

    def records():
        for row_number, row in enumerate(frame.iter_rows(named=True), start=2):
            flag = (row.pop("frontier_flag", None) or "").lower() == "true"
            yield (
                row_number,
                {
                    **row,
                    **provenance,
                    "upstream_row": row_number,
                    "is_frontier": flag or name.startswith("frontier"),
                    "confidence": map_confidence(row.get("epoch_confidence"), CONFIDENCE, "speculative"),
                },
            )

    good, rejects = validate_records(name, records(), AiModelRow)
    parsed.rejects += rejects
    return good


def merge(rows_by_file: list[list[dict]]) -> pl.DataFrame:
    """One row per model: each value from the first file (in FILES order) that gives it."""
    frames = [AI_MODELS.frame(rows).with_columns(pl.lit(rank).alias("_rank")) for rank, rows in enumerate(rows_by_file)]
    stacked = pl.concat(frames).sort("_rank", maintain_order=True)
    values = [c for c in AI_MODELS.columns if c not in ("model", "is_frontier", "upstream_file")]
    merged = stacked.group_by("model", maintain_order=True).agg(
        *(pl.col(c).drop_nulls().first() for c in values),
        pl.col("is_frontier").any(),
        pl.col("upstream_file").unique(maintain_order=True).str.join("; "),
    )
    confidence = pl.col("epoch_confidence").str.to_lowercase().replace_strict(CONFIDENCE, default="speculative")
    return merged.with_columns(confidence.alias("confidence")).select(AI_MODELS.columns).sort("publication_date", "model")


def parse(snapshot: Snapshot) -> Parsed:
    parsed = Parsed()
    rows_by_file = [read_file(snapshot, name, parsed) for name in FILES if name in snapshot.files]
    parsed.problems += share_problem(SOURCE.name, parsed)
    if not parsed.problems:
        parsed.frames["ai_models"] = merge(rows_by_file)
    return parsed


SOURCE = UpstreamSource(
    name="epoch-models",
    producer="Epoch AI",
    title="Data on AI Models (Notable, Large-Scale and Frontier AI Models)",
    description="Epoch AI's databases of machine-learning models: publication date, developer, parameters, "
    "training compute, dataset size, hardware, training time and cost, with Epoch's confidence in its estimates.",
    url_main="https://epoch.ai/data/ai-models",
    downloads=tuple(f"https://epoch.ai/data/{name}" for name in FILES),
    licence=Licence(name="CC BY 4.0", url="https://creativecommons.org/licenses/by/4.0/"),
    credit="Epoch AI, 'Data on AI Models', epoch.ai",
    citation_full="Epoch AI (2025), 'Data on AI Models'. Published online at epoch.ai. "
    "Retrieved from https://epoch.ai/data/ai-models",
    source_class="primary",
    file_pattern=r"(?:^|/)(?P<name>notable_ai_models\.csv|large_scale_ai_models\.csv|frontier_ai_models\.csv)$",
    required_files=FILES,
    storage="gzip",
    tables=(AI_MODELS,),
    parse=parse,
    confidence_mapping=CONFIDENCE_NOTE,
)
