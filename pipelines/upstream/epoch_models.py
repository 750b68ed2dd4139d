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
)
from pipelines.upstream.frame_check import validate_frame
from pipelines.upstream.origin import Licence
from pipelines.upstream.rows import ColumnMap, map_columns, mapped_text, read_csv_text, share_problem

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


def _confidence(epoch_label: pl.Expr) -> pl.Expr:
    return epoch_label.str.to_lowercase().replace_strict(CONFIDENCE, default="speculative")


def read_file(snapshot: Snapshot, name: str, parsed: Parsed) -> pl.DataFrame | None:
    """One file's rows under our column names (a column this file lacks is empty), with provenance; not validated."""
    frame, problems = read_csv_text(name, snapshot.files[name])
    if frame is None:
        parsed.problems += problems
        return None
    found, problems = map_columns(name, frame.columns, COLUMNS, REQUIRED)
    if problems:
        parsed.problems += problems
        return None
    frame = mapped_text(frame, found, COLUMNS)
    parsed.rows_by_file[name] = frame.height
    flagged = (pl.col("frontier_flag").str.to_lowercase() == "true").fill_null(False)
    return frame.with_columns(
        (flagged | name.startswith("frontier")).alias("is_frontier"),
        _confidence(pl.col("epoch_confidence")).alias("confidence"),
        pl.lit(snapshot.source_id).alias("source_id"),
        pl.lit(name).alias("upstream_file"),
        pl.int_range(2, frame.height + 2).alias("upstream_row"),  # the header is row 1
    ).drop("frontier_flag")


def merge(rows: pl.DataFrame) -> pl.DataFrame:
    """One row per model: each value from the first file (in FILES order) that gives it."""
    rank = pl.col("upstream_file").replace_strict({name: rank for rank, name in enumerate(FILES)}, return_dtype=pl.Int64)
    stacked = rows.sort(rank, maintain_order=True)
    values = [c for c in AI_MODELS.columns if c not in ("model", "is_frontier", "upstream_file")]
    merged = stacked.group_by("model", maintain_order=True).agg(
        *(pl.col(c).drop_nulls().first() for c in values),
        pl.col("is_frontier").any(),
        pl.col("upstream_file").unique(maintain_order=True).str.join("; "),
    )
    confidence = _confidence(pl.col("epoch_confidence"))
    return merged.with_columns(confidence.alias("confidence")).select(AI_MODELS.columns).sort("publication_date", "model")


def parse(snapshot: Snapshot) -> Parsed:
    parsed = Parsed()
    files = [read_file(snapshot, name, parsed) for name in FILES if name in snapshot.files]
    files = [frame for frame in files if frame is not None]
    rows, parsed.rejects = validate_frame(pl.concat(files), AI_MODELS) if files else (AI_MODELS.empty(), [])
    parsed.problems += share_problem(SOURCE.name, parsed)
    if not parsed.problems:
        parsed.frames["ai_models"] = merge(rows)
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
