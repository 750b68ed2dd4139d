"""Shared steps of reading an upstream file: map columns by name, validate each row, keep bad rows aside."""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable

import polars as pl
from pydantic import BaseModel, TypeAdapter, ValidationError

from pipelines.problems import Problem
from pipelines.upstream.base import MAX_BAD_ROW_SHARE, Parsed, Reject, chunks

ColumnMap = dict[str, tuple[str, ...]]
HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body")  # how an HTML page begins, lower-cased


def read_csv_text(name: str, data: bytes) -> tuple[pl.DataFrame | None, list[Problem]]:
    """Every cell of an upstream CSV as text; a problem when it is not a readable CSV."""
    head = data[:512].lstrip().lower()
    if head.startswith(HTML_STARTS) or b"<html" in head:
        return None, [Problem(name, 0, "", "an HTML page, not a CSV (an error page served in its place?)")]
    try:
        frame = pl.read_csv(io.BytesIO(data), infer_schema=False, encoding="utf8")
    except (pl.exceptions.PolarsError, UnicodeDecodeError) as error:
        return None, [Problem(name, 0, "", f"unreadable CSV: {str(error).splitlines()[0]}")]
    return frame, []


def map_columns(
    name: str, present: Iterable[str], mapping: ColumnMap, required: Iterable[str]
) -> tuple[dict[str, str], list[Problem]]:
    """Our column → the upstream column holding it, matched by name (case and spacing aside).

    A required column that is missing — renamed or dropped upstream — is a problem naming the file and the
    column names it was looked for under.
    """
    by_folded = {" ".join(column.split()).lower(): column for column in present}
    found = {}
    for ours, names in mapping.items():
        match = next((by_folded[n.lower()] for n in names if n.lower() in by_folded), None)
        if match is not None:
            found[ours] = match
    problems = [
        Problem(name, 1, " or ".join(repr(n) for n in mapping[ours]), "required column missing (renamed or dropped upstream?)")
        for ours in required
        if ours not in found
    ]
    return found, problems


def mapped_text(frame: pl.DataFrame, found: dict[str, str], mapping: ColumnMap) -> pl.DataFrame:
    """Our columns (every one of the map, in its order) from an upstream frame of text: stripped, empty as null, and
    a column the file does not have as an empty one."""
    return frame.select(
        (pl.col(found[ours]).str.strip_chars().replace("", None) if ours in found else pl.lit(None, pl.String)).alias(ours)
        for ours in mapping
    )


def validate_records(
    file: str, records: Iterable[tuple[int | None, dict]], model: type[BaseModel]
) -> tuple[list[dict], list[Reject]]:
    """Validate every (row number, record) with the row model, a chunk at a time; bad rows become rejects with
    every reason, and the rest are kept."""
    good, rejects, adapter = [], [], _list_of(model)
    for chunk in chunks(list(records)):
        kept, rejected = _validate_chunk(file, chunk, adapter)
        good += kept
        rejects += rejected
    return good, rejects


def _validate_chunk(file: str, numbered: list[tuple[int | None, dict]], adapter: TypeAdapter) -> tuple[list[dict], list[Reject]]:
    try:
        return adapter.dump_python(adapter.validate_python([record for _, record in numbered])), []
    except ValidationError as error:
        reasons = error.errors()
    rejects, bad = [], set()
    for detail in reasons:
        index, *loc = detail["loc"]
        row, record = numbered[index]
        bad.add(index)
        column = ".".join(str(part) for part in loc) or "(row)"
        value = record.get(loc[0]) if loc else None
        reason = detail["msg"].removeprefix("Value error, ")
        rejects.append(Reject(file, row, column, reason, None if value is None else str(value)[:200]))
    kept = [record for index, (_, record) in enumerate(numbered) if index not in bad]
    return adapter.dump_python(adapter.validate_python(kept)), rejects


@functools.cache
def _list_of(model: type[BaseModel]) -> TypeAdapter:
    return TypeAdapter(list[model])


def share_problem(source: str, parsed: Parsed) -> list[Problem]:
    """More than 5 % bad rows fails the source: the snapshot is not fit to build from."""
    bad_rows = len({(r.file, r.row) for r in parsed.rejects})
    if parsed.rows_read and bad_rows / parsed.rows_read > MAX_BAD_ROW_SHARE:
        examples = "; ".join(f"{r.file} row {r.row}: {r.column}: {r.reason}" for r in parsed.rejects[:3])
        return [
            Problem(
                source,
                0,
                "",
                f"{bad_rows} of {parsed.rows_read} rows are bad, more than {MAX_BAD_ROW_SHARE:.0%} (e.g. {examples})",
            )
        ]
    return []


def text_value(value: object) -> str | None:
    """A list or scalar from JSON as text: lists joined with '; ', empty as null."""
    if value is None:
        return None
    if isinstance(value, list):
        parts = [text_value(v) for v in value]
        joined = "; ".join(p for p in parts if p)
        return joined or None
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, "")) or None
    text = str(value).strip()
    return text or None


def keep_first_of_each_key(file: str, frame: pl.DataFrame, keys: list[str]) -> tuple[pl.DataFrame, list[Reject]]:
    """Rows repeating an earlier row's key are kept aside (the first stays), never silently merged."""
    repeated = frame.with_row_index("_i").filter(pl.col("_i") != pl.col("_i").min().over(keys))
    if repeated.is_empty():
        return frame, []
    rejects = [
        Reject(
            row.get("upstream_file") or file,
            row.get("upstream_row"),
            keys[0],
            "duplicate key: repeats an earlier row's " + ", ".join(f"{k}={row[k]}" for k in keys),
        )
        for row in repeated.iter_rows(named=True)
    ]
    return frame.with_row_index("_i").filter(~pl.col("_i").is_in(repeated["_i"].implode())).drop("_i"), rejects
