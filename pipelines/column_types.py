"""The Polars type a row model's field annotation maps to, shared by curated and upstream tables."""

from __future__ import annotations

import types
import typing
from datetime import date

import polars as pl

_POLARS_TYPES = {str: pl.String, int: pl.Int64, float: pl.Float64, date: pl.Date, bool: pl.Boolean}


def polars_type(annotation: object) -> pl.DataType:
    """Optional, Annotated and Literal annotations unwrap to their base type; a Literal is a string."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return polars_type(next(arg for arg in typing.get_args(annotation) if arg is not type(None)))
    if origin is typing.Annotated:
        return polars_type(typing.get_args(annotation)[0])
    if origin is typing.Literal:
        return pl.String
    return _POLARS_TYPES[annotation]
