"""What the model reads from the warehouse: the marts' defaults for one evidence filter.

The model computes no figure from raw rows. Every default is a row of `mart_input_defaults` (input, key,
low, base, high, sources, the mart that computed it); the loss fits and the teacher models come from
their marts; the frontier-cost points feed the growth fit the model itself computes.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from dataclasses import dataclass, field

import polars as pl

from pipelines.fields import Confidence
from pipelines.marts import DEFAULT_FILTER

EVIDENCE_TABLES = ("mart_input_defaults", "mart_scaling_fits", "mart_teacher_models", "mart_catalog",
                   "mart_frontier_cost_points")
CONFIDENCE_ORDER: list[str] = list(typing.get_args(Confidence))  # strongest first: reported, likely, speculative
FILTER_COLUMN = "evidence_filter"


def for_filter(frame: pl.DataFrame, evidence_filter: str = DEFAULT_FILTER) -> pl.DataFrame:
    """A mart's (or an `<table>_evidence` view's) rows for one evidence filter, without the `evidence_filter`
    column; a frame without that column is the same for every filter and passes whole."""
    if FILTER_COLUMN not in frame.columns:
        return frame
    return frame.filter(pl.col(FILTER_COLUMN) == evidence_filter).drop(FILTER_COLUMN)


def split_source_ids(text: str | None) -> list[str]:
    """The ids of a ';'-separated `source_ids` cell, in order (empty parts and a missing cell give none)."""
    return [i for i in (text or "").split(";") if i]


@dataclass(frozen=True)
class Default:
    """A warehouse default: its range, the sources behind it and the mart that computed it."""

    low: float
    base: float
    high: float
    figure_count: int
    source_ids: tuple[str, ...]
    mart: str


@dataclass(frozen=True)
class FrontierPoint:
    """One frontier training run with a cost: when (decimal year) and what it cost (USD)."""

    model: str
    year: float
    cost_usd: float
    source_id: str
    training_compute_flop: float | None = None


@dataclass
class Evidence:
    """The marts' rows for one evidence filter, indexed for the resolver."""

    evidence_filter: str = DEFAULT_FILTER
    defaults: dict[tuple[str, str], Default] = field(default_factory=dict)
    fits: dict[str, dict[str, float]] = field(default_factory=dict)
    teacher: str | None = None
    mart_definitions: dict[str, str] = field(default_factory=dict)
    frontier_points: list[FrontierPoint] = field(default_factory=list)

    def default(self, name: str, key: str = "") -> Default | None:
        return self.defaults.get((name, key))

    @classmethod
    def from_tables(cls, tables: Mapping[str, pl.DataFrame], evidence_filter: str = DEFAULT_FILTER) -> Evidence:
        """Index the mart frames (any may be missing: the model then falls back to its assumptions)."""
        def rows(name: str) -> list[dict]:
            frame = tables.get(name)
            if frame is None or frame.is_empty():
                return []
            return for_filter(frame, evidence_filter).to_dicts()

        defaults = {(r["input"], r["key"]): Default(r["low"], r["base"], r["high"], int(r["figure_count"]),
                                                   tuple(sorted(set(split_source_ids(r["source_ids"])))),
                                                   r["mart"])
                    for r in rows("mart_input_defaults")}
        constants = ("e_loss", "a_coef", "b_coef", "alpha", "beta")
        fits = {r["fit_name"]: {c: r[c] for c in constants} for r in rows("mart_scaling_fits")
                if all(r[c] is not None for c in constants)}
        teacher = next((r["model"] for r in rows("mart_teacher_models") if r["is_default_teacher"]), None)
        definitions = {r["mart"]: r["definition"] for r in rows("mart_catalog")}
        points = [FrontierPoint(r["model"], float(r["year"]), float(r["cost_usd"]), r["source_id"],
                                r.get("training_compute_flop")) for r in rows("mart_frontier_cost_points")]
        return cls(evidence_filter, defaults, fits, teacher, definitions, points)


def frontier_cost_fit(points: list[FrontierPoint]):
    """The growth of frontier training cost: a log-linear fit over the frontier points (None when too few)."""
    from dashboard.model.growth import log_linear_fit

    return log_linear_fit([p.year for p in points], [p.cost_usd for p in points])


def frontier_compute_fit(points: list[FrontierPoint]):
    """The growth of frontier training compute over the same frontier runs (None when too few)."""
    from dashboard.model.growth import log_linear_fit

    known = [p for p in points if p.training_compute_flop]
    return log_linear_fit([p.year for p in known], [p.training_compute_flop for p in known])
