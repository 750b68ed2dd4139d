"""Vectorised checks of task-log rows: each is a Polars expression, so validation streams and scales.

A file is scanned with every column as text, then typed; each check is a boolean expression over
the typed columns (and the text of cells that did not parse). A row's failed checks are packed in
a bitmask `_problems`, and `reason_exprs` renders them as `column: problem (got …, expected …)`.
Duplicate task ids need the whole log and are found separately (`tasklog_ingest`). The same checks,
keyed alike, exist as SQL predicates (`queries.tasklog_check_predicates`) for DuckDB and Spark.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl

from pipelines import queries
from pipelines.problems import Problem, display_path
from pipelines.userdata.tasklog_schema import (
    COLUMN_NAMES,
    COLUMNS,
    MAX_NUMBER,
    NUMBERS,
    PARSED,
    REQUIRED,
    STATUSES,
    TIMESTAMP_CHARS,
    TIMESTAMP_FORMAT,
    TIMESTAMPS,
)

PROBLEMS = "_problems"
BAD = "_bad"
FILE, ROW = "_file", "_row"
LARGEST_DOUBLE = float(queries.LARGEST_DOUBLE)  # the SQL checks' bound (queries writes it as SQL text)


def text_of(column: str) -> str:
    return f"_text_{column}"


def _got(column: str) -> pl.Expr:
    """The cell as written: its original text for parsed columns, else the value."""
    value = pl.col(text_of(column)) if column in PARSED else pl.col(column)
    return pl.format("'{}'", value)


@dataclass(frozen=True)
class Check:
    key: str
    column: str
    problem: str
    failed: pl.Expr
    message: pl.Expr

    def describe(self) -> str:
        return f"{self.column}: {self.problem}"


def _cell_checks() -> list[Check]:
    checks = [
        Check(f"missing_{c.name}", c.name, "missing value", pl.col(text_of(c.name)).is_null()
              if c.name in PARSED else pl.col(c.name).is_null(),
              pl.lit("missing value (expected a value in this column)"))
        for c in COLUMNS if c.required
    ]
    for name in TIMESTAMPS:
        checks.append(Check(f"unparseable_{name}", name, "unparseable timestamp",
                            pl.col(text_of(name)).is_not_null() & pl.col(name).is_null(),
                            pl.format("unparseable timestamp (got {}, expected YYYY-MM-DDTHH:MM:SS)", _got(name))))
    for name in NUMBERS:
        checks.append(Check(f"not_a_number_{name}", name, "not a number",
                            pl.col(text_of(name)).is_not_null() & (pl.col(name).is_null() | ~pl.col(name).is_finite()),
                            pl.format("wrong type (got {}, expected a number)", _got(name))))
        checks.append(Check(f"negative_{name}", name, "negative value", pl.col(name) < 0,
                            pl.format("negative value (got {}, expected a number ≥ 0)", _got(name))))
        checks.append(Check(f"too_large_{name}", name, "too large",
                            (pl.col(name) >= MAX_NUMBER) & (pl.col(name) <= LARGEST_DOUBLE),
                            pl.format("too large (got {}, expected a number below 2^53 = {})", _got(name), pl.lit(MAX_NUMBER))))
    return checks


def _row_checks(domains: tuple[str, ...], registry: str) -> list[Check]:
    return [
        Check("submitted_before_started", "submitted_at", "submitted before started",
              pl.col("submitted_at") < pl.col("started_at"),
              pl.format("submitted before started (got {} < started_at {}, expected submitted_at ≥ started_at)",
                        pl.col("submitted_at").dt.strftime(TIMESTAMP_FORMAT),
                        pl.col("started_at").dt.strftime(TIMESTAMP_FORMAT))),
        Check("unknown_status", "status", "unknown status",
              pl.col("status").is_not_null() & ~pl.col("status").is_in(STATUSES),
              pl.format("unknown value (got {}, expected one of {})", _got("status"), pl.lit(", ".join(STATUSES)))),
        Check("unknown_domain", "domain", "unknown domain",
              pl.col("domain").is_not_null() & ~pl.col("domain").is_in(domains),
              pl.format("unknown domain (got {}, expected a key in {})", _got("domain"), pl.lit(registry))),
    ]


@lru_cache(maxsize=8)
def _checks(domains: tuple[str, ...], registry: str) -> tuple[Check, ...]:
    checks = (*_cell_checks(), *_row_checks(domains, registry))
    assert len(checks) <= 63, "the problem bitmask is a UInt64"
    return checks


def checks_for(domains: Iterable[str], registry: str) -> tuple[Check, ...]:
    """Every row check, the domain check against `domains` (named `registry` in reports)."""
    return _checks(tuple(sorted(domains)), registry)


DUPLICATE = "duplicate task id"


def header_problems(path: Path, names: list[str]) -> list[Problem]:
    """Missing required columns, unknown and repeated columns, on line 1."""
    shown = display_path(path)
    seen: set[str] = set()
    problems = [Problem(shown, 1, n, "column appears twice in the header (expected each once)")
                for n in names if n in seen or seen.add(n)]
    problems += [Problem(shown, 1, c.name, "missing column (expected it in the header)")
                 for c in COLUMNS if c.required and c.name not in names]
    problems += [Problem(shown, 1, n, f"unknown column (expected only: {', '.join(COLUMN_NAMES)})")
                 for n in dict.fromkeys(names) if n not in COLUMN_NAMES]
    return problems


def csv_header(path: Path) -> list[str] | None:
    """The header row's names, or None when the file has no first line."""
    with Path(path).open(encoding="utf-8-sig", newline="", errors="replace") as handle:
        row = next(csv.reader(handle), None)
    return None if row is None else [name.strip() for name in row]


def _row_index(numbered: bool, first: int) -> dict:
    return {"row_index_name": ROW, "row_index_offset": first} if numbered else {}


def scan_source(path: Path, file_index: int, numbered: bool = True) -> tuple[pl.LazyFrame | None, list[Problem]]:
    """A lazy scan of one file, every column as text; `numbered` adds `_file` and `_row` (CSV header = row 1)."""
    path = Path(path)
    if path.suffix == ".csv":
        names = csv_header(path)
        if not names or not any(names):
            return None, [Problem(display_path(path), 1, "", "file is empty (expected a header row and data rows)")]
        problems = header_problems(path, names)
        if problems:
            return None, problems
        frame = pl.scan_csv(path, schema={n: pl.String for n in names}, has_header=True, **_row_index(numbered, 2))
    else:
        frame = pl.scan_parquet(path, **_row_index(numbered, 1))
        problems = header_problems(path, [n for n in frame.collect_schema().names() if n != ROW])
        if problems:
            return None, problems
    present = frame.collect_schema()
    columns = [pl.col(c.name) if c.name in present else pl.lit(None, pl.String).alias(c.name) for c in COLUMNS]
    where = [pl.lit(file_index, pl.Int32).alias(FILE), pl.col(ROW).cast(pl.Int64)] if numbered else []
    return frame.select(*where, *columns), []


def typed(name: str, dtype: pl.DataType, source: pl.DataType) -> pl.Expr:
    """A column in its schema type; a cell that does not parse becomes null. Timestamps are parsed with
    no cache: nearly every one is distinct, so a cache of parsed strings costs ~1 s of CPU per 10 M rows
    and saves nothing."""
    column = pl.col(name)
    if source == pl.String and isinstance(dtype, pl.Datetime):
        return pl.when(column.str.len_bytes() == TIMESTAMP_CHARS).then(
            column.str.to_datetime(TIMESTAMP_FORMAT, time_unit="us", strict=False, cache=False))
    if isinstance(source, pl.Datetime) and source.time_zone is not None:
        return column.dt.convert_time_zone("UTC").dt.replace_time_zone(None).cast(dtype)
    return column.cast(dtype, strict=False)


def any_check_fails(domains: Iterable[str]) -> pl.Expr:
    """True exactly where some check of `checks_for(domains, …)` fails, in fewer operations: a null typed
    value covers missing and unparseable cells, one range test covers NaN, ±inf, negative and too large.
    (A test compares it with the checks themselves, cell by cell.)"""
    required_text = [c.name for c in COLUMNS if c.required and c.name not in PARSED]
    in_range = {n: pl.col(n).is_between(0, MAX_NUMBER, closed="left").fill_null(False) for n in NUMBERS}
    return pl.any_horizontal(
        *(pl.col(n).is_null() for n in required_text), *(pl.col(t).is_null() for t in TIMESTAMPS),
        *(~in_range[n] if n in REQUIRED else pl.col(text_of(n)).is_not_null() & ~in_range[n] for n in NUMBERS),
        (pl.col("submitted_at") < pl.col("started_at")).fill_null(False),
        ~pl.col("status").is_in(STATUSES).fill_null(True), ~pl.col("domain").is_in(sorted(domains)).fill_null(True),
    )


def checked_rows(frame: pl.LazyFrame, domains: Iterable[str]) -> pl.LazyFrame:
    """Every column in its schema type and `_bad`, true where the row fails any check (no mask, no text
    kept: the one-pass ingest needs only to know whether a bad row exists)."""
    source = frame.collect_schema()
    texts = [pl.col(n).alias(text_of(n)) for n in NUMBERS if n not in REQUIRED]  # only whether it is empty is read
    typed_columns = [typed(c.name, c.dtype, source[c.name]).alias(c.name) for c in COLUMNS if c.name in PARSED]
    bad = any_check_fails(domains).alias(BAD)
    return frame.with_columns(*texts).with_columns(*typed_columns).with_columns(bad).select(*COLUMN_NAMES, BAD)


def with_checks(frame: pl.LazyFrame, checks: tuple[Check, ...]) -> pl.LazyFrame:
    """Type every column, add the `_problems` mask, and keep the text of cells that failed a check."""
    source = frame.collect_schema()
    texts = [pl.col(n).cast(pl.String).alias(text_of(n)) for n in PARSED]
    typed_columns = [typed(c.name, c.dtype, source[c.name]).alias(c.name) for c in COLUMNS if c.name in PARSED]
    mask = pl.sum_horizontal(
        pl.when(check.failed.fill_null(False)).then(pl.lit(1 << bit, pl.UInt64)).otherwise(pl.lit(0, pl.UInt64))
        for bit, check in enumerate(checks)
    ).alias(PROBLEMS)
    failed = {n: [c.failed.fill_null(False) for c in checks if c.column == n] for n in PARSED}
    kept_text = [pl.when(pl.any_horizontal(failed[n])).then(pl.col(text_of(n))).alias(text_of(n)) for n in PARSED]
    return (frame.with_columns(*texts).with_columns(*typed_columns).with_columns(mask)
            .with_columns(*kept_text))


def reason_exprs(checks: tuple[Check, ...]) -> list[pl.Expr]:
    """One text per check: `column: message` where the row failed it, else null."""
    return [pl.when((pl.col(PROBLEMS) & (1 << bit)) != 0).then(pl.format("{}: {}", pl.lit(check.column), check.message))
            for bit, check in enumerate(checks)]


def counts_by_check(masks: pl.DataFrame, checks: tuple[Check, ...]) -> dict[str, int]:
    """Rows failing each check, from a frame of distinct masks and their row counts (`len`)."""
    counts = {}
    for bit, check in enumerate(checks):
        total = masks.filter((pl.col(PROBLEMS) & (1 << bit)) != 0)["len"].sum()
        if total:
            counts[check.describe()] = int(total)
    return counts
