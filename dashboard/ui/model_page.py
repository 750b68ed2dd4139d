"""Furniture shared by the model pages: the scenario controls and model-output provenance."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
import streamlit as st

from dashboard.model.result import EvaluationResult
from dashboard.ui import model_views as views
from dashboard.ui import scenario_state as state
from dashboard.ui.data import load_table
from dashboard.ui.sourcing import source_caption


def scenario_controls() -> None:
    """Reset button, the count of changed inputs, and any value that could not be applied."""
    state.show_problem()
    left, right = st.columns([1, 3])
    with left:
        state.reset_button()
    changed = len(state.overrides())
    right.caption(f"{changed} input(s) changed from the warehouse defaults; the URL carries them — copy it to share this view."
                  if changed else "All inputs at their warehouse defaults (or named assumptions where no figure exists).")


def model_sources(result: EvaluationResult, prefixes: Sequence[str]) -> pl.DataFrame:
    """The sources behind the resolved inputs under `prefixes`, named as captions expect."""
    return views.cited_sources(load_table("sources"), views.input_source_ids(result, prefixes))


def with_provenance(frame: pl.DataFrame, result: EvaluationResult, prefixes: Sequence[str]) -> pl.DataFrame:
    """A model-output frame with the `sources`, `as_of` and `confidence` columns its tooltips show."""
    return views.provenance_columns(frame, model_sources(result, prefixes))


def model_caption(result: EvaluationResult, prefixes: Sequence[str]) -> None:
    """The sources caption under a model-output chart, and how many inputs are assumptions."""
    source_caption(model_sources(result, prefixes), None)
    assumed = [p for p, item in result.resolved_inputs.items()
               if p.startswith(tuple(prefixes)) and item.origin == "assumption"]
    if assumed:
        st.caption(f"Model output. {len(assumed)} input(s) are named assumptions, not figures "
                   f"(see Sources and methodology): " + ", ".join(sorted({p.split('.')[-1] for p in assumed})) + ".")


@st.cache_data(show_spinner=False, max_entries=64)
def coverage_curve(categories: int, zipf_exponent: float, examples_per_category: int) -> pl.DataFrame:
    """The model's coverage curve, cached on its inputs."""
    from dashboard.model.long_tail import coverage_curve as curve

    return curve(categories, zipf_exponent, examples_per_category)


@st.cache_data(show_spinner=False, max_entries=64)
def chinchilla_per_fit(scaling_fits: pl.DataFrame, compute_flop: float) -> pl.DataFrame:
    """The model's Chinchilla calculator for every fit, cached on the fits and the budget."""
    from dashboard.model.chinchilla import chinchilla_per_fit as per_fit

    return per_fit(scaling_fits, compute_flop)
