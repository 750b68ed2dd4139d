"""`datamoat sources check`: the honesty rules over the curated sources.

Hard rules (exit 1): every validation rule of the build, which includes a locator on every figure row
and a known source for every figure; and the confidence rule — a figure's label may claim no more than
the source behind it allows (`reported` needs a primary source, `likely` a primary or reputable one; a
copy counts as its original). Warnings: time-sensitive figures older than 18 months (a figure with no
as-of date is aged by its source's publication date), the same claim recorded twice, sources no row
uses, sources that show no publication date. A summary gives, per table, the share of rows per source
class and per confidence label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from pipelines.build import validate_subjects
from pipelines.subjects import FIGURE_SUBJECTS, SUBJECTS

STALE_AFTER_MONTHS = 18
CLASSES = ("primary", "reputable", "copy", "secondary")
LABELS = ("reported", "likely", "speculative")
# The most a figure may claim, by the class of the source behind it (a copy counts as its original).
ALLOWED_CONFIDENCE = {"primary": LABELS, "reputable": LABELS[1:], "secondary": LABELS[2:]}


@dataclass
class TableQuality:
    """One table's rows counted by the class of their source and by confidence label."""

    table: str
    rows: int
    by_class: dict[str, int]
    by_label: dict[str, int]

    @property
    def sound_rows(self) -> int:
        """Rows resting on a primary or reputable source, or on a copy that names its original."""
        return self.by_class["primary"] + self.by_class["reputable"] + self.by_class["copy"]


@dataclass
class SourcesReport:
    hard: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    unageable: list[str] = field(default_factory=list)
    duplicate_claims: list[str] = field(default_factory=list)
    unused_sources: list[str] = field(default_factory=list)
    undated_sources: list[str] = field(default_factory=list)
    source_count: int = 0
    quality: list[TableQuality] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.hard)

    @property
    def sound_share(self) -> float:
        rows = sum(t.rows for t in self.quality)
        return sum(t.sound_rows for t in self.quality) / rows if rows else 0.0

    @property
    def undated_share(self) -> float:
        return len(self.undated_sources) / self.source_count if self.source_count else 0.0


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def source_evidence(sources: pl.DataFrame) -> pl.DataFrame:
    """Per source: its class, and the class it counts as (`evidence_class`: a copy counts as its original)."""
    return sources.select(
        "source_id", "source_class", pl.col("date_published").alias("source_date_published"),
        pl.when(pl.col("source_class") == "copy").then(pl.col("original_class")).otherwise(pl.col("source_class"))
        .alias("evidence_class"))


def confidence_problems(name: str, frame: pl.DataFrame) -> list[str]:
    """Rows whose confidence label claims more than the class of their source allows."""
    problems = []
    for row in frame.iter_rows(named=True):
        allowed = ALLOWED_CONFIDENCE.get(row["evidence_class"] or "secondary", ())
        if row["confidence"] not in allowed:
            problems.append(f"{name}.csv:{row['_line']}: confidence: {row['confidence']!r} rests on a "
                            f"{row['source_class']} source ({row['source_id']}) (expected one of {', '.join(allowed)})")
    return problems


def stale_rows(name: str, frame: pl.DataFrame, as_of_column: str | None, today: date) -> tuple[list[str], list[str]]:
    """Rows of a time-sensitive table more than 18 months old, aged by their as-of date or else by their
    source's publication date; and the rows that have neither."""
    as_of = pl.col(as_of_column) if as_of_column else pl.lit(None, pl.Date)
    dated = frame.with_columns(pl.coalesce(as_of, pl.col("source_date_published")).alias("_aged_by"))
    stale = [
        f"{name}.csv:{row['_line']}: dated {row['_aged_by']} "
        f"({'as of' if as_of_column and row[as_of_column] else 'source published'}), "
        f"{months_between(row['_aged_by'], today)} months old"
        for row in dated.filter(pl.col("_aged_by").is_not_null()).iter_rows(named=True)
        if months_between(row["_aged_by"], today) > STALE_AFTER_MONTHS
    ]
    unageable = [f"{name}.csv:{row['_line']}: no as-of date and source {row['source_id']} shows no publication date"
                 for row in dated.filter(pl.col("_aged_by").is_null()).iter_rows(named=True)]
    return stale, unageable


def duplicate_claims(name: str, frame: pl.DataFrame, key_columns: tuple[str, ...]) -> list[str]:
    """The same figure under the same key (apart from the source) recorded more than once."""
    claim = [c for c in key_columns if c not in ("source_id", "locator")]
    value_columns = [c for c in ("value", "usd_per_hour_low", "item_count", "training_flop", "usd_per_gpu_hour",
                                 "usd_per_million_input_tokens", "employment") if c in frame.columns]
    if not value_columns:
        return []
    repeated = frame.filter(pl.col(value_columns[0]).is_not_null()).filter(pl.len().over(claim + value_columns[:1]) > 1)
    return [f"{name}.csv:{row['_line']}: {', '.join(f'{c}={row[c]}' for c in claim + value_columns[:1])} also recorded from another source"
            for row in repeated.iter_rows(named=True)]


def table_quality(name: str, frame: pl.DataFrame) -> TableQuality:
    classes = frame["source_class"].fill_null("secondary").to_list()
    effective = ["copy" if c == "copy" else (e or "secondary")
                 for c, e in zip(classes, frame["evidence_class"].to_list(), strict=True)]
    return TableQuality(name, frame.height, {c: effective.count(c) for c in CLASSES},
                        {label: frame["confidence"].to_list().count(label) for label in LABELS})


def check_sources(sources_dir: Path, today: date | None = None) -> SourcesReport:
    today = today or date.today()
    frames, problems = validate_subjects(sources_dir, list(SUBJECTS), lambda *_: None)
    report = SourcesReport(hard=[str(p) for p in sorted(problems)])
    if "sources" not in frames:
        return report
    evidence = source_evidence(frames["sources"])
    used = set()
    for subject in FIGURE_SUBJECTS:
        if subject.name not in frames:
            continue
        frame = frames[subject.name].join(evidence, on="source_id", how="left")
        used |= set(frame["source_id"])
        report.hard += confidence_problems(subject.name, frame)
        report.quality.append(table_quality(subject.name, frame))
        if subject.time_sensitive:
            stale, unageable = stale_rows(subject.name, frame, subject.as_of_column, today)
            report.stale += stale
            report.unageable += unageable
        report.duplicate_claims += duplicate_claims(subject.name, frame, subject.key_columns)
    sources = frames["sources"]
    report.source_count = sources.height
    report.unused_sources = sorted(set(sources["source_id"]) - used)
    report.undated_sources = sorted(sources.filter(pl.col("date_published").is_null())["source_id"])
    return report


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def format_quality(report: SourcesReport) -> list[str]:
    """Per table: rows, share per source class and per confidence label; then the totals."""
    lines = ["Figure quality (a copy counts once it names its original):",
             f"  {'table':<18}{'rows':>5}  " + "  ".join(f"{c:>9}" for c in CLASSES) + "  "
             + "  ".join(f"{label:>11}" for label in LABELS)]
    for t in report.quality:
        lines.append(f"  {t.table:<18}{t.rows:>5}  " + "  ".join(f"{_percent(t.by_class[c], t.rows):>9}" for c in CLASSES)
                     + "  " + "  ".join(f"{_percent(t.by_label[label], t.rows):>11}" for label in LABELS))
    rows = sum(t.rows for t in report.quality)
    lines.append(f"  On primary or reputable ground (or a copy naming its original): {report.sound_share:.1%} of {rows} rows")
    lines.append(f"  Sources without a publication date: {len(report.undated_sources)} of {report.source_count} "
                 f"({report.undated_share:.1%})")
    return lines


def format_sources_report(report: SourcesReport, shown: int = 30) -> str:
    sections = [
        ("Hard rule failures (exit 1)", report.hard),
        (f"Time-sensitive figures older than {STALE_AFTER_MONTHS} months", report.stale),
        ("Time-sensitive figures that cannot be aged", report.unageable),
        ("The same claim recorded more than once", report.duplicate_claims),
        ("Sources no row uses", report.unused_sources),
        ("Sources that show no publication date", report.undated_sources),
    ]
    lines = []
    for title, items in sections:
        lines.append(f"{title}: {len(items)}")
        lines += [f"  {item}" for item in items[:shown]]
        if len(items) > shown:
            lines.append(f"  … and {len(items) - shown} more")
    lines += format_quality(report)
    lines.append("FAILED: fix the hard rule failures above." if report.failed else "OK: every hard rule holds.")
    return "\n".join(lines)
