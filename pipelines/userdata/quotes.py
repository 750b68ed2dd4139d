"""Vendor quotes: the user's own prices for expert items and hours, validated like a curated CSV.

Load (validate_file with the quotes subject) → check (one price at least, known domain) → write
(a new upload in the user database, swapped in whole). Quotes never enter the warehouse.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl
from pydantic import Field

from pipelines import queries
from pipelines.checks import unknown_reference_problems
from pipelines.fields import Count, Notes, PastDate, SnakeKey, Text, Usd, UsdPerHour
from pipelines.handoff import staged
from pipelines.paths import SOURCES_DIR, default_warehouse_path
from pipelines.problems import InvalidData, Problem, display_path
from pipelines.reader import frame_of
from pipelines.subjects.base import CsvRow, Subject
from pipelines.subjects.skill_datasets import ArtifactType
from pipelines.userdata.store import changing_user_db, read_user_table
from pipelines.validate import LINE_COLUMN, validate_file


class QuoteRow(CsvRow):
    vendor: Text = Field(description="the vendor quoting the price")
    domain: SnakeKey = Field(description="taxonomy key in `domains`")
    artifact_type: ArtifactType = Field(description="kind of human artifact quoted (as in skill_datasets)")
    usd_per_item: Usd | None = Field(default=None, description="quoted price per item, USD")
    usd_per_hour: UsdPerHour | None = Field(default=None, description="quoted price per expert hour, USD")
    minimum_volume: Count | None = Field(default=None, description="smallest order the quote applies to (count)")
    quote_date: PastDate = Field(description="date of the quote (YYYY-MM-DD or YYYY-MM)")
    notes: Notes = Field(description="terms, caveats")


SUBJECT = Subject(
    name="vendor_quotes",
    row_model=QuoteRow,
    key_columns=("vendor", "domain", "artifact_type", "quote_date"),
    description="The user's own vendor quotes: price per item and/or per hour, by domain and artifact type.",
    domain_column="domain",
    cited=False,
)


@dataclass(frozen=True)
class QuoteUpload:
    upload_id: str
    file_name: str
    row_count: int
    uploaded_at: datetime


def known_domains(warehouse: Path | None = None, sources_dir: Path = SOURCES_DIR) -> tuple[set[str], str]:
    """The domain keys: from the warehouse's `domains` table when it exists, else from domains.csv."""
    path = Path(warehouse or default_warehouse_path())
    if path.exists():
        try:
            with duckdb.connect(str(path), read_only=True) as con:
                return {row[0] for row in con.execute(queries.WAREHOUSE_DOMAINS).fetchall()}, "the warehouse's domains table"
        except duckdb.Error:
            pass
    from pipelines.subjects import SUBJECTS

    validated = validate_file(SUBJECTS["domains"], sources_dir / "domains.csv")
    return validated.raw_values("domain"), "domains.csv"


def price_problems(path: Path, frame: pl.DataFrame) -> list[Problem]:
    """Every row must quote a price per item, per hour, or both."""
    shown = display_path(path)
    neither = frame.filter(pl.col("usd_per_item").is_null() & pl.col("usd_per_hour").is_null())
    return [Problem(shown, line, "usd_per_item", "missing value (expected usd_per_item, usd_per_hour or both)")
            for line in neither[LINE_COLUMN]]


def validate_quotes(path: Path, warehouse: Path | None = None) -> pl.DataFrame:
    """The typed quotes with each row's CSV line; raises InvalidData listing every problem."""
    validated = validate_file(SUBJECT, Path(path))
    problems = list(validated.problems)
    frame = validated.frame
    if frame is not None:
        domains, registry = known_domains(warehouse)
        problems += price_problems(path, frame)
        problems += unknown_reference_problems(path, frame, "domain", domains, registry)
        if frame.is_empty() and not problems:
            problems.append(Problem(display_path(path), 1, "", "no data rows (expected at least one quote)"))
    if problems:
        raise InvalidData(problems)
    return frame


def ingest_quotes(path: Path, user_dir: Path, warehouse: Path | None = None, shown_name: str | None = None) -> QuoteUpload:
    """Validate a quotes CSV and store it as one upload; the user database is unchanged on failure.

    `shown_name` is the name to record for an uploaded file (the file itself sits under a name of ours)."""
    # Load inputs
    frame = validate_quotes(Path(path), warehouse)
    # Process data
    upload = QuoteUpload(upload_id=f"q-{datetime.now():%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}",
                         file_name=shown_name or Path(path).name,
                         row_count=frame.height, uploaded_at=datetime.now())
    rows = frame.select(LINE_COLUMN, *SUBJECT.columns)
    # Save outputs
    with changing_user_db(user_dir) as con:
        con.execute(queries.INSERT_QUOTE_UPLOAD, [upload.upload_id, upload.file_name, upload.row_count, upload.uploaded_at])
        with staged(con, rows):
            con.execute(queries.INSERT_QUOTES_FROM_STAGED, [upload.upload_id])
    return upload


def list_quote_uploads(user_dir: Path) -> pl.DataFrame:
    """Every upload: id, file name (display only), row count, time, origin 'user'."""
    frame = read_user_table(user_dir, queries.LIST_QUOTE_UPLOADS)
    return frame if frame is not None else pl.DataFrame(
        schema={"upload_id": pl.String, "file_name": pl.String, "row_count": pl.Int64,
                "uploaded_at": pl.Datetime("us"), "origin": pl.String})


def list_quotes(user_dir: Path) -> pl.DataFrame:
    """Every stored quote, with its upload_id and origin 'user'."""
    frame = read_user_table(user_dir, queries.LIST_QUOTES)
    return frame if frame is not None else pl.DataFrame(
        schema={"upload_id": pl.String, "csv_line": pl.Int64, "vendor": pl.String, "domain": pl.String,
                "artifact_type": pl.String, "usd_per_item": pl.Float64, "usd_per_hour": pl.Float64,
                "minimum_volume": pl.Int64, "quote_date": pl.Date, "notes": pl.String, "origin": pl.String})


def remove_quote_upload(user_dir: Path, upload_id: str) -> int:
    """Remove one upload and its quotes; returns the rows removed. KeyError when no such upload."""
    with changing_user_db(user_dir) as con:
        if con.execute(queries.COUNT_QUOTE_UPLOAD, [upload_id]).fetchone()[0] == 0:
            raise KeyError(upload_id)
        removed = con.execute(queries.DELETE_QUOTES, [upload_id]).fetchone()[0]
        con.execute(queries.DELETE_QUOTE_UPLOAD, [upload_id])
    return removed


def compare_with_public_rates(quotes: pl.DataFrame, domain_rates: pl.DataFrame) -> pl.DataFrame:
    """Per domain: the user's quotes beside the public posted rate (pure; no I/O).

    The public rate is the domain's posted rate as the warehouse computes it once
    (mart_domain_expert_rates: the median point rate of the domain's postings), the figure the cost model
    uses; `hourly_quote_to_public` is the median quoted hourly price over it.
    """
    mine = quotes.group_by("domain").agg(
        pl.len().alias("quotes"),
        pl.col("vendor").n_unique().alias("vendors"),
        pl.col("usd_per_hour").median().alias("quoted_median_usd_per_hour"),
        pl.col("usd_per_item").median().alias("quoted_median_usd_per_item"),
    )
    return (
        mine.join(domain_rates, on="domain", how="left")
        .with_columns(pl.col("public_postings").fill_null(0),
                      (pl.col("quoted_median_usd_per_hour") / pl.col("public_usd_per_hour"))
                      .alias("hourly_quote_to_public"))
        .sort("domain")
    )


def quotes_beside_public_rates(user_dir: Path, warehouse: Path | None = None, evidence_filter: str = "all") -> pl.DataFrame:
    """Load the user's quotes and the warehouse's posted rate per domain, then compare them."""
    path = Path(warehouse or default_warehouse_path())
    with duckdb.connect(str(path), read_only=True) as con:
        rates = frame_of(con, queries.WAREHOUSE_DOMAIN_RATES, [evidence_filter])
    return compare_with_public_rates(list_quotes(user_dir), rates)
