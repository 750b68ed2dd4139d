"""Furniture shared by the model pages: the scenario controls and model-output provenance."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
import streamlit as st

from dashboard.model.result import EvaluationResult
from dashboard.ui import model_views as views
from dashboard.ui import scenario_state as state
from dashboard.ui.data import load_table
from dashboard.ui.sourcing import escape_markdown, source_caption


def scenario_controls() -> None:
    """What this scenario is and how it differs from the default one (with a reset), any link parameter that
    was ignored, and any change that could not be applied."""
    for notice in state.notices():
        st.warning(f"Link: {notice}. The default is shown instead.", icon=":material/link_off:")
    if problem := state.take_problem():
        st.warning(problem)
    differences = state.differences()
    left, right = st.columns([3, 1])
    if differences:
        with left.expander(f"This view differs from the default scenario in {len(differences)} way(s); the link "
                           "carries them — copy it to share this view.", expanded=False):
            for item in differences:
                st.markdown(f"- {escape_markdown(item.label)}: **{escape_markdown(item.value)}**")
    else:
        left.caption("The default scenario, every input at its warehouse default (or a named assumption where no "
                     "figure exists).")
    right.button("Reset to the default scenario", on_click=state.reset, key="scenario-reset",
                 icon=":material/restart_alt:", disabled=not differences)


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


def chinchilla_per_fit(compute_flop: float) -> pl.DataFrame:
    """The model's Chinchilla calculator for every curated fit (from mart_scaling_fits) at one budget."""
    from dashboard.model.chinchilla import chinchilla_per_fit as per_fit

    return views.chinchilla_frame(per_fit(state.evidence().fits, compute_flop))
