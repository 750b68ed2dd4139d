"""Checking a whole frame of upstream values against a row model at once, in Polars.

Each column is cast to its field's type and checked against the field's rules (required, bounds, length,
pattern, allowed values, finite). A row that breaks none of them is kept as cast. A row where any cell is in
doubt — it breaks a rule, or Polars cannot read it the way Pydantic would — is handed to the row model
itself, which has the last word: it gives the reasons a row is kept aside, and it keeps a row whose text it
can read where Polars cannot (a number written `1_000`). So the row model stays the one statement of what a
row may hold; this is only a faster way to the same answer for the rows that are plainly fine.
"""

from __future__ import annotations

import datetime
import functools
import types
import typing
from dataclasses import dataclass

import annotated_types
import polars as pl
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from pipelines.upstream.base import Reject, UpstreamTable
from pipelines.upstream.rows import validate_records

ROW, FILE = "upstream_row", "upstream_file"  # every frame checked names each row's file and number
ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"  # the only text Pydantic reads as a date that Polars reads the same way
# What Python's str.strip removes: a value starting or ending with one of these is left to Pydantic to strip
SPACE = r"[\s\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
EDGE_SPACE = f"^{SPACE}|{SPACE}$"
_POLARS = {int: pl.Int64, float: pl.Float64}


@dataclass(frozen=True)
class FieldRule:
    """What one field allows: its base type, whether null is allowed, its default, and its constraints."""

    name: str
    base: type | tuple[str, ...]  # a Literal's allowed values as a tuple
    nullable: bool
    default: object
    constraints: tuple[object, ...]


def _unwrap(annotation: object, constraints: list) -> tuple[object, bool]:
    """The base annotation under Optional and Annotated, and whether None is allowed; constraints are collected."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(args) != 1:
            raise TypeError(f"{annotation}: only one type besides None is supported")
        return _unwrap(args[0], constraints)[0], len(args) < len(typing.get_args(annotation))
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        for item in extra:
            constraints += item.metadata if isinstance(item, FieldInfo) else [item]
        return _unwrap(base, constraints)
    return annotation, False


@functools.cache
def field_rules(model: type[BaseModel]) -> tuple[FieldRule, ...]:
    """Every field's rule, read from the model; a model or type this module cannot follow is refused here."""
    decorators = model.__pydantic_decorators__
    if decorators.field_validators or decorators.model_validators:
        raise TypeError(f"{model.__name__} has validators of its own: validate it row by row (validate_records)")
    if model.model_config.get("extra") == "forbid":
        raise TypeError(f"{model.__name__} refuses extra fields, which a frame check ignores")
    rules = []
    for name, info in model.model_fields.items():
        constraints = list(info.metadata)
        base, nullable = _unwrap(info.annotation, constraints)
        if typing.get_origin(base) is typing.Literal:
            base = tuple(typing.get_args(base))
            if not all(isinstance(value, str) for value in base):
                raise TypeError(f"{model.__name__}.{name}: only text Literals are supported")
        elif base not in (str, int, float, bool, datetime.date):
            raise TypeError(f"{model.__name__}.{name}: type {base} is not supported")
        if info.default_factory is not None:
            raise TypeError(f"{model.__name__}.{name}: a default factory is not supported")
        default = None if info.is_required() else info.default
        rules.append(FieldRule(name, base, nullable, default, tuple(constraints)))
    return tuple(rules)


def _bounds(value: pl.Expr, constraints: tuple[object, ...]) -> pl.Expr:
    """True where a (non-null) value breaks a bound, a length limit, a pattern or finiteness."""
    broken = pl.lit(False)
    for c in constraints:
        if isinstance(c, annotated_types.Ge):
            broken = broken | (value < c.ge)
        elif isinstance(c, annotated_types.Gt):
            broken = broken | (value <= c.gt)
        elif isinstance(c, annotated_types.Le):
            broken = broken | (value > c.le)
        elif isinstance(c, annotated_types.Lt):
            broken = broken | (value >= c.lt)
        elif isinstance(c, annotated_types.MinLen):
            broken = broken | (value.str.len_chars() < c.min_length)
        elif isinstance(c, annotated_types.MaxLen):
            broken = broken | (value.str.len_chars() > c.max_length)
        else:  # Pydantic's own metadata: a pattern, allow_inf_nan
            for key, setting in vars(c).items():
                if key == "pattern" and setting is not None:
                    broken = broken | ~value.str.contains(setting)
                elif key == "allow_inf_nan" and setting is False:
                    broken = broken | ~value.is_finite()
                elif setting is not None and not (key == "allow_inf_nan" and setting is True):
                    raise TypeError(f"constraint {key}={setting!r} is not supported")
    return broken.fill_null(False)


def _cast(rule: FieldRule, column: pl.Expr, dtype: pl.DataType) -> tuple[pl.Expr, pl.Expr]:
    """(the value as the field's type, true where Polars cannot vouch for reading it as Pydantic would)."""
    if isinstance(rule.base, tuple) or rule.base is str:
        if dtype != pl.String:
            return column.cast(pl.String), column.is_not_null()
        doubt = column.str.contains(EDGE_SPACE)
        if isinstance(rule.base, tuple):
            doubt = doubt | ~column.is_in(list(rule.base))
        return column, doubt.fill_null(False)
    if rule.base is bool:
        return column, column.is_not_null() if dtype != pl.Boolean else pl.lit(False)
    if rule.base is datetime.date:
        if dtype == pl.Date:
            return column, pl.lit(False)
        if dtype != pl.String:
            return column.cast(pl.Date, strict=False), column.is_not_null()
        day = column.str.to_date("%Y-%m-%d", strict=False)  # null for a day that does not exist (2024-02-30)
        return day, (~column.str.contains(ISO_DAY) | (column.is_not_null() & day.is_null())).fill_null(False)
    target = _POLARS[rule.base]
    if dtype.is_float() and rule.base is int:
        return column.cast(pl.Int64, strict=False), column.is_not_null()  # Pydantic refuses 1.5 and takes 1.0
    if not (dtype == pl.String or dtype.is_numeric()):
        return column.cast(target, strict=False), column.is_not_null()
    value = column.cast(target, strict=False)
    doubt = column.is_not_null() & value.is_null()
    if rule.base is float:
        doubt = doubt | value.is_nan()  # Polars orders NaN above every number; Pydantic compares as Python does
    return value, doubt.fill_null(False)


def validate_frame(frame: pl.DataFrame, table: UpstreamTable) -> tuple[pl.DataFrame, list[Reject]]:
    """The frame's rows that fit the table's row model, typed as the table, in the frame's order; the others as
    rejects with every reason (from the row model). `frame` names its columns as the model does, holds each row's
    file and number in `upstream_file` and `upstream_row` (one row each), and may leave out a field that has a default. One call
    for many files is quicker than one per file."""
    typed, doubts, schema = [], [], table.polars_schema()
    for rule in field_rules(table.row_model):
        if rule.name in frame.columns:
            value, doubt = _cast(rule, pl.col(rule.name), frame.schema[rule.name])
        else:
            value, doubt = pl.lit(rule.default), pl.lit(False)
        missing = pl.lit(False) if rule.nullable else value.is_null()
        typed.append(value.cast(schema[rule.name]).alias(f"_{rule.name}"))
        doubts.append(doubt | missing | _bounds(value, rule.constraints))
    checked = frame.with_row_index("_order").with_columns(*typed, pl.any_horizontal(doubts).alias("_doubt"))
    fine = checked.filter(~pl.col("_doubt")).select("_order", *(pl.col(f"_{name}").alias(name) for name in table.columns))
    doubtful = checked.filter(pl.col("_doubt")).select("_order", *frame.columns)
    if doubtful.is_empty():
        return fine.drop("_order"), []
    kept, rejects = [], []
    for (file,), rows in doubtful.group_by(FILE, maintain_order=True):
        good, bad = validate_records(file, [(row[ROW], row) for row in rows.iter_rows(named=True)], table.row_model)
        kept += good
        rejects += bad
    if kept:  # a row is found again by its file and number, which name one row
        rescued = table.frame(kept).join(doubtful.select("_order", FILE, ROW), on=[FILE, ROW], how="left")
        fine = pl.concat([fine, rescued.select(fine.columns)]).sort("_order")
    return fine.drop("_order"), rejects
