"""Validate one curated CSV against its subject: header, every cell, ranges; then a typed frame."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl
from pydantic import ValidationError

from pipelines.column_types import polars_type
from pipelines.csvio import RawTable, read_raw
from pipelines.problems import Problem, display_path
from pipelines.subjects.base import Range, Subject

LINE_COLUMN = "_line"


def polars_schema(subject: Subject) -> dict[str, pl.DataType]:
    """The explicit Polars dtype of every column, derived from the row model's annotations."""
    fields = subject.row_model.model_fields
    return {name: polars_type(fields[name].annotation) for name in subject.columns}


def header_problems(subject: Subject, raw: RawTable) -> list[Problem]:
    """Missing and unknown columns, reported on line 1."""
    shown = display_path(raw.path)
    expected = subject.columns
    fields = subject.row_model.model_fields
    missing = [c for c in expected if c not in raw.header and fields[c].is_required()]
    unknown = [c for c in raw.header if c not in expected]
    return [Problem(shown, 1, c, "missing column (expected it in the header)") for c in missing] + [
        Problem(shown, 1, c, f"unknown column (expected only: {', '.join(expected)})") for c in unknown
    ]


def cell_problem(shown: str, line: int, error: dict, row: dict) -> Problem:
    """Turn one Pydantic error into `path:line: column: problem (got …, expected …)`."""
    column = str(error["loc"][0]) if error["loc"] else ""
    text = error["msg"].removeprefix("Value error, ")
    if not column and "::" in text:  # a rule across columns names the column it reports
        column, text = text.split("::", 1)
        problem, expected = text.split("|", 1)
        return Problem(shown, line, column, f"{problem} (got {row.get(column)!r}, expected {expected})")
    got = row.get(column)
    kind, context = error["type"], error.get("ctx", {})
    if kind == "missing" or got is None:
        message = "missing value (expected a value in this column)"
    elif kind in ("greater_than_equal", "greater_than") and context.get("ge", context.get("gt")) == 0:
        bound = "≥ 0" if kind == "greater_than_equal" else "> 0"
        message = f"negative or zero value not allowed (got {got!r}, expected a number {bound})" if kind == "greater_than" \
            else f"negative value (got {got!r}, expected a number ≥ 0)"
    elif kind == "literal_error":
        message = f"unknown value (got {got!r}, expected {context.get('expected')})"
    elif kind in ("float_parsing", "int_parsing", "float_type", "int_type", "int_from_float"):
        message = f"wrong type (got {got!r}, expected a number)"
    elif kind == "value_error" and "|" in error["msg"]:
        problem, expected = error["msg"].removeprefix("Value error, ").split("|", 1)
        message = f"{problem} (got {got!r}, expected {expected})"
    else:
        message = f"{error['msg']} (got {got!r})"
    return Problem(shown, line, column, message)


def range_problems(shown: str, line: int, row: dict, rule: Range) -> list[Problem]:
    """low <= middle <= high where present; a middle value or both bounds when the rule asks."""
    low, high = row.get(rule.low), row.get(rule.high)
    middle = row.get(rule.middle) if rule.middle else None
    order = f"expected {rule.low} ≤ {rule.middle} ≤ {rule.high}" if rule.middle else f"expected {rule.low} ≤ {rule.high}"
    problems = []
    if rule.middle_or_both_bounds and middle is None and (low is None or high is None):
        problems.append(Problem(shown, line, rule.middle,
                                f"missing value (expected {rule.middle}, or both {rule.low} and {rule.high})"))
    if low is not None and high is not None and low > high:
        problems.append(Problem(shown, line, rule.low, f"low above high (got {low:g} > {high:g}, {order})"))
    elif middle is not None and low is not None and low > middle:
        problems.append(Problem(shown, line, rule.low, f"low above the value (got {low:g} > {middle:g}, {order})"))
    elif middle is not None and high is not None and middle > high:
        problems.append(Problem(shown, line, rule.high, f"high below the value (got {high:g} < {middle:g}, {order})"))
    return problems


def validate_rows(subject: Subject, raw: RawTable) -> tuple[pl.DataFrame, list[Problem]]:
    """Validate every row; return the typed frame (with each row's line) and every problem."""
    shown = display_path(raw.path)
    good, problems = [], []
    for line, row in zip(raw.lines, raw.frame.iter_rows(named=True), strict=True):
        try:
            record = subject.row_model.model_validate(row).model_dump()
        except ValidationError as error:
            problems.extend(cell_problem(shown, line, e, row) for e in error.errors())
            continue
        row_problems = [p for rule in subject.ranges for p in range_problems(shown, line, record, rule)]
        problems.extend(row_problems)
        if not row_problems:
            good.append({**record, LINE_COLUMN: line})
    schema = {**polars_schema(subject), LINE_COLUMN: pl.Int64}
    return pl.DataFrame(good, schema=schema, orient="row"), problems


@dataclass
class Validated:
    """One subject's CSV after validation: the good rows typed, every problem, and the raw text table."""

    frame: pl.DataFrame | None
    problems: list[Problem]
    raw: RawTable | None = None

    def raw_values(self, column: str) -> set[str]:
        """Every value written in a column, valid row or not (so one bad row does not cascade)."""
        if self.raw is None or column not in self.raw.frame.columns:
            return set()
        return set(self.raw.frame[column].drop_nulls())


def validate_file(subject: Subject, path: Path) -> Validated:
    """Read and validate one subject's CSV; the frame is None when the file cannot be read."""
    if not path.exists():
        return Validated(None, [Problem(display_path(path), 0, "", f"file not found (expected the {subject.name} CSV)")])
    raw, problems = read_raw(path)
    if raw is None:
        return Validated(None, problems)
    problems = header_problems(subject, raw)
    if problems:
        return Validated(None, problems, raw)
    frame, problems = validate_rows(subject, raw)
    if subject.derive is not None:
        frame = subject.derive(raw, frame)
    return Validated(frame, problems, raw)
