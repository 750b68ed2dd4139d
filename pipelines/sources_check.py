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

import duckdb
import polars as pl

from pipelines import queries
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
    sound_share: float = 0.0  # the warehouse's `figure_quality_total`

    @property
    def failed(self) -> bool:
        return bool(self.hard)

    @property
    def undated_share(self) -> float:
        return len(self.undated_sources) / self.source_count if self.source_count else 0.0


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def figure_database(frames: dict[str, pl.DataFrame]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB of the validated frames with the build's own staging views (`<table>_cited`,
    `figure_quality`, `figure_dates`): the check counts with the same SQL the warehouse is built with."""
    from pipelines.handoff import run_on_frame
    from pipelines.marts.write import quality_views, run_together

    con = duckdb.connect(":memory:")
    for name, frame in frames.items():
        run_on_frame(con, frame, queries.create_from_frame(name))
    run_together(con, [queries.create_source_evidence_view(),
                       *(queries.create_cited_view(s.name, s.as_of_column) for s in FIGURE_SUBJECTS), *quality_views()])
    return con


def confidence_problems(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Rows whose confidence label claims more than the class of their source allows."""
    problems = []
    for subject in FIGURE_SUBJECTS:
        rows = con.execute(queries.FIGURE_CLASSES.format(table=queries.identifier(subject.name + "_cited"))).fetchall()
        for line, confidence, source_class, evidence_class, source_id in rows:
            allowed = ALLOWED_CONFIDENCE.get(evidence_class or "secondary", ())
            if confidence not in allowed:
                problems.append(f"{subject.name}.csv:{line}: confidence: {confidence!r} rests on a "
                                f"{source_class or 'secondary'} source ({source_id}) (expected one of {', '.join(allowed)})")
    return problems


def stale_rows(con: duckdb.DuckDBPyConnection, today: date) -> tuple[list[str], list[str]]:
    """Rows of the time-sensitive tables more than 18 months old, aged by their as-of date or else by their
    source's publication date; and the rows that have neither."""
    stale, unageable = [], []
    for table, line, source_id, aged_by_date, aged_by in con.execute(queries.FIGURE_AGES).fetchall():
        if aged_by_date is None:
            unageable.append(f"{table}.csv:{line}: no as-of date and source {source_id} shows no publication date")
        elif months_between(aged_by_date, today) > STALE_AFTER_MONTHS:
            months = months_between(aged_by_date, today)
            stale.append(f"{table}.csv:{line}: dated {aged_by_date} ({aged_by}), {months} months old")
    return stale, unageable


def duplicate_claims(name: str, frame: pl.DataFrame, key_columns: tuple[str, ...]) -> list[str]:
    """The same figure under the same key (apart from the source) recorded more than once."""
    claim = [c for c in key_columns if c not in ("source_id", "locator")]
    value_columns = [c for c in ("value", "usd_per_hour_low", "item_count", "training_flop", "usd_per_gpu_hour",
                                 "usd_per_million_input_tokens", "employment") if c in frame.columns]
    if not value_columns:
        return []
    repeated = frame.filter(pl.col(value_columns[0]).is_not_null()).filter(pl.len().over(claim + value_columns[:1]) > 1)
    return [f"{name}.csv:{row['_line']}: {', '.join(f'{c}={row[c]}' for c in claim + value_columns[:1])} "
            "also recorded from another source"
            for row in repeated.iter_rows(named=True)]


def table_quality(con: duckdb.DuckDBPyConnection) -> list[TableQuality]:
    """Per curated figure table, rows by the class of their source (copies apart) and by confidence label."""
    counts: dict[str, TableQuality] = {}
    for table, quality_class, confidence, figures in con.execute(queries.FIGURE_QUALITY).fetchall():
        quality = counts.setdefault(table, TableQuality(table, 0, dict.fromkeys(CLASSES, 0), dict.fromkeys(LABELS, 0)))
        quality.rows += figures
        quality.by_class[quality_class] += figures
        quality.by_label[confidence] += figures
    return [counts[s.name] for s in FIGURE_SUBJECTS if s.name in counts]


def check_sources(sources_dir: Path, today: date | None = None) -> SourcesReport:
    today = today or date.today()
    frames, problems = validate_subjects(sources_dir, list(SUBJECTS), lambda *_: None)
    report = SourcesReport(hard=[str(p) for p in sorted(problems)])
    figure_names = [s.name for s in FIGURE_SUBJECTS]
    if "sources" not in frames or any(name not in frames for name in figure_names):
        return report
    with figure_database(frames) as con:
        report.hard += confidence_problems(con)
        report.quality = table_quality(con)
        report.sound_share = con.execute(queries.FIGURE_QUALITY_TOTAL).fetchone()[2] or 0.0
        report.stale, report.unageable = stale_rows(con, today)
    for subject in FIGURE_SUBJECTS:
        report.duplicate_claims += duplicate_claims(subject.name, frames[subject.name], subject.key_columns)
    sources = frames["sources"]
    used = set().union(*(set(frames[name]["source_id"]) for name in figure_names))
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
