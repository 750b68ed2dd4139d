"""Epoch AI's Machine Learning Hardware database → `ml_hardware`, one row per accelerator."""

from __future__ import annotations

from datetime import date

import polars as pl
from pydantic import Field

from pipelines.upstream.base import Amount, LongText, Parsed, Snapshot, UpstreamRow, UpstreamSource, UpstreamTable
from pipelines.upstream.frame_check import validate_frame
from pipelines.upstream.origin import Licence
from pipelines.upstream.rows import ColumnMap, map_columns, mapped_text, read_csv_text, share_problem

FILE = "ml_hardware.csv"
CONFIDENCE_NOTE = (
    "Epoch compiles the hardware figures from datasheets and reports but gives no per-row confidence: "
    "every row is `likely` (a reputable analyst's compilation)."
)


class MlHardwareRow(UpstreamRow):
    hardware_name: LongText = Field(description="the accelerator, as Epoch names it (joins ai_models.training_hardware)")
    manufacturer: LongText | None = Field(default=None, description="e.g. NVIDIA, Google, AMD")
    hardware_type: LongText | None = Field(default=None, description="GPU, TPU, NPU, ASIC …")
    release_date: date | None = Field(default=None, description="release date")
    release_price_usd: Amount | None = Field(default=None, description="price at release, USD, where known")
    tensor_fp16_bf16_flop_per_second: Amount | None = Field(default=None, description="peak tensor FP16/BF16, FLOP/s")
    fp8_flop_per_second: Amount | None = Field(default=None, description="peak FP8, FLOP/s")
    fp4_flop_per_second: Amount | None = Field(default=None, description="peak FP4, FLOP/s")
    tf32_flop_per_second: Amount | None = Field(default=None, description="peak TF32, FLOP/s")
    fp16_flop_per_second: Amount | None = Field(default=None, description="peak FP16 (non-tensor), FLOP/s")
    fp32_flop_per_second: Amount | None = Field(default=None, description="peak FP32, FLOP/s")
    fp64_flop_per_second: Amount | None = Field(default=None, description="peak FP64, FLOP/s")
    int8_op_per_second: Amount | None = Field(default=None, description="peak INT8, OP/s")
    memory_bytes: Amount | None = Field(default=None, description="memory, bytes")
    memory_bandwidth_bytes_per_second: Amount | None = Field(default=None, description="memory bandwidth, bytes/s")
    intranode_bandwidth_bytes_per_second: Amount | None = Field(
        default=None, description="chip-to-chip bandwidth within a node, bytes/s"
    )
    tdp_watts: Amount | None = Field(default=None, description="thermal design power, W")
    datasheet_url: LongText | None = Field(default=None, description="Epoch's link to the datasheet")
    epoch_last_modified: LongText | None = Field(default=None, description="when Epoch last edited the row")


COLUMNS: ColumnMap = {
    "hardware_name": ("Hardware name",),
    "manufacturer": ("Manufacturer",),
    "hardware_type": ("Type",),
    "release_date": ("Release date",),
    "release_price_usd": ("Release price (USD)",),
    "tensor_fp16_bf16_flop_per_second": ("Tensor-FP16/BF16 performance (FLOP/s)",),
    "fp8_flop_per_second": ("FP8 performance (FLOP/s)",),
    "fp4_flop_per_second": ("FP4 performance (FLOP/s)",),
    "tf32_flop_per_second": ("TF32 (TensorFloat-32) performance (FLOP/s)",),
    "fp16_flop_per_second": ("FP16 (half precision) performance (FLOP/s)",),
    "fp32_flop_per_second": ("FP32 (single precision) performance (FLOP/s)",),
    "fp64_flop_per_second": ("FP64 (double precision) performance (FLOP/s)",),
    "int8_op_per_second": ("INT8 performance (OP/s)",),
    "memory_bytes": ("Memory (bytes)",),
    "memory_bandwidth_bytes_per_second": ("Memory bandwidth (byte/s)",),
    "intranode_bandwidth_bytes_per_second": ("Intranode bandwidth (byte/s)",),
    "tdp_watts": ("TDP (W)",),
    "datasheet_url": ("Link to datasheet",),
    "epoch_last_modified": ("Last modified",),
}
REQUIRED = ("hardware_name", "manufacturer", "release_date", "tensor_fp16_bf16_flop_per_second", "memory_bytes", "tdp_watts")

ML_HARDWARE = UpstreamTable(
    name="ml_hardware",
    row_model=MlHardwareRow,
    key_columns=("hardware_name",),
    description="Epoch AI's machine-learning accelerators: maker, type, release date and price, peak FLOP/s per "
    "precision, memory, bandwidth and power.",
)


def parse(snapshot: Snapshot) -> Parsed:
    parsed = Parsed()
    frame, problems = read_csv_text(FILE, snapshot.files[FILE]) if FILE in snapshot.files else (None, [])
    found, missing = map_columns(FILE, frame.columns, COLUMNS, REQUIRED) if frame is not None else ({}, [])
    parsed.problems += problems + missing
    if frame is None or parsed.problems:
        return parsed
    frame = mapped_text(frame, found, COLUMNS)
    parsed.rows_by_file[FILE] = frame.height
    frame = frame.with_columns(
        pl.lit(snapshot.source_id).alias("source_id"),
        pl.lit(FILE).alias("upstream_file"),
        pl.int_range(2, frame.height + 2).alias("upstream_row"),  # the header is row 1
        pl.lit("likely").alias("confidence"),
    )
    good, parsed.rejects = validate_frame(frame, ML_HARDWARE)
    parsed.problems += share_problem(SOURCE.name, parsed)
    parsed.frames["ml_hardware"] = good
    return parsed


SOURCE = UpstreamSource(
    name="epoch-hardware",
    producer="Epoch AI",
    title="Data on Machine Learning Hardware",
    description="Epoch AI's database of accelerators used to train and run machine-learning models: peak "
    "throughput by numerical precision, memory, bandwidth, power, release date and price.",
    url_main="https://epoch.ai/data/machine-learning-hardware",
    downloads=("https://epoch.ai/data/ml_hardware.csv",),
    licence=Licence(name="CC BY 4.0", url="https://creativecommons.org/licenses/by/4.0/"),
    credit="Epoch AI, 'Data on Machine Learning Hardware', epoch.ai",
    citation_full="Epoch AI (2025), 'Data on Machine Learning Hardware'. Published online at epoch.ai. "
    "Retrieved from https://epoch.ai/data/machine-learning-hardware",
    source_class="primary",
    file_pattern=r"(?:^|/)(?P<name>ml_hardware\.csv)$",
    required_files=(FILE,),
    storage="gzip",
    tables=(ML_HARDWARE,),
    parse=parse,
    confidence_mapping=CONFIDENCE_NOTE,
)
