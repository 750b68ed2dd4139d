"""Furniture shared by the model pages: the scenario controls and model-output provenance."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import polars as pl
import streamlit as st

from dashboard.model.inputs import spec_for
from dashboard.model.result import EvaluationResult
from dashboard.model.scenario import Scenario, scenario_to_json
from dashboard.ui import model_views as views
from dashboard.ui import scenario_state as state
from dashboard.ui.data import load_table
from dashboard.ui.scenario_state import take_problem
from dashboard.ui.sourcing import escape_markdown, source_caption
from dashboard.ui.tables import show_table
from dashboard.ui.view_summary import count_words, view_changes


def scenario_controls() -> None:
    """Under a model page's title: how many ways the view differs from the default (listed, with a reset, in the
    sidebar), and any change that could not be applied."""
    if problem := take_problem():
        st.warning(problem)
    changes = view_changes()
    st.caption(count_words(changes) + (" Listed in the sidebar, with a reset." if changes else ""))


def model_sources(result: EvaluationResult, prefixes: Sequence[str]) -> pl.DataFrame:
    """The sources behind the resolved inputs under `prefixes`, named as captions expect."""
    return views.cited_sources(load_table("sources"), views.input_source_ids(result, prefixes))


def with_provenance(frame: pl.DataFrame, result: EvaluationResult, prefixes: Sequence[str]) -> pl.DataFrame:
    """A model-output frame with the `sources`, `as_of` and `confidence` columns its tooltips show."""
    return views.provenance_columns(frame, model_sources(result, prefixes))


def model_caption(result: EvaluationResult, prefixes: Sequence[str], table_below: bool = False) -> None:
    """The sources caption under a model-output chart, and which inputs are named assumptions (by their labels)."""
    source_caption(model_sources(result, prefixes), None, table_below=table_below)
    assumed = [p for p, item in result.resolved_inputs.items()
               if p.startswith(tuple(prefixes)) and item.origin == "assumption"]
    if assumed:
        labels = sorted({spec_for(p).label for p in assumed if _is_input(p)})
        st.caption(f"Model output. {len(assumed)} input(s) rest on named assumptions, not figures (see Sources and "
                   f"methodology): {escape_markdown(', '.join(labels))}.")


def _is_input(path: str) -> bool:
    try:
        spec_for(path)
    except KeyError:
        return False
    return True


def scenario_files(scenarios: Mapping[str, Scenario] | None = None) -> dict[str, str]:
    """The scenario JSON files a model output's ZIP carries: the current scenario, and any others it compares."""
    files = {"scenario.json": scenario_to_json(state.current_scenario())}
    for name, scenario in (scenarios or {}).items():
        stem = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "scenario"
        files[f"saved-scenarios/{stem}.json"] = scenario_to_json(scenario)
    return files


def show_model_table(frame: pl.DataFrame, result: EvaluationResult, prefixes: Sequence[str], name: str,
                     full: pl.DataFrame | None = None, others: Mapping[str, EvaluationResult] | None = None,
                     scenarios: Mapping[str, Scenario] | None = None) -> None:
    """A model output as a table (`full`: the rows its 'all rows' downloads hold, when not the shown ones) whose ZIP
    carries the scenario JSON and the sources of every resolved input behind it (and behind `others`, when it
    compares scenarios)."""
    ids = set(views.input_source_ids(result, prefixes))
    assumed = [views.assumption_sources(result, prefixes)]
    for other in (others or {}).values():
        ids |= set(views.input_source_ids(other, prefixes))
        assumed.append(views.assumption_sources(other, prefixes))
    show_table(frame, frame if full is None else full, name, also_cited=sorted(ids), files=scenario_files(scenarios),
               assumptions=pl.concat(assumed).unique("source_id", maintain_order=True))


@st.cache_data(show_spinner=False, max_entries=64)
def coverage_curve(categories: int, zipf_exponent: float, examples_per_category: int) -> pl.DataFrame:
    """The model's coverage curve, cached on its inputs."""
    from dashboard.model.long_tail import coverage_curve as curve

    return curve(categories, zipf_exponent, examples_per_category)


def chinchilla_per_fit(compute_flop: float) -> pl.DataFrame:
    """The model's Chinchilla calculator for every curated fit (from mart_scaling_fits) at one budget."""
    from dashboard.model.chinchilla import chinchilla_per_fit as per_fit

    return views.chinchilla_frame(per_fit(state.evidence().fits, compute_flop))
