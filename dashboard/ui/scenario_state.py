"""The one current scenario in st.session_state: its document, its evaluation (cached), its sliders, its link.

State = the current scenario document (normalised: every field present) and the evidence filter. Every
change — a slider, another set of skills, an imported, opened or calibrated scenario, a reset — replaces
the document; the link (`scenario_link`) is rewritten from it on every run, so a shared URL reopens the
same numbers, and the page says exactly how the scenario differs from the default one. An input left
empty is filled by the model from the warehouse's marts (for the current evidence filter), else from the
registry's assumption.
"""

from __future__ import annotations

import copy
import math
from typing import Any

import polars as pl
import streamlit as st

from dashboard.model.evaluate import evaluate
from dashboard.model.evidence import DEFAULT_FILTER, EVIDENCE_TABLES, Evidence
from dashboard.model.inputs import spec_for
from dashboard.model.ranged import base_of
from dashboard.model.resolve import Resolution, ResolvedInput, resolve_inputs
from dashboard.model.result import EvaluationResult
from dashboard.model.scenario import Scenario, ScenarioError, parse_scenario, scenario_to_json
from dashboard.model.template import DEFAULT_DRAWS, DEFAULT_MIX, scenario_document
from dashboard.ui import scenario_link as link
from dashboard.ui.data import load_tables, warehouse_version
from dashboard.ui.evidence_filter import current_filter, set_filter
from dashboard.ui.formats import format_value, slider_format
from dashboard.ui.sourcing import escape_markdown, source_name

STATE_KEY = "scenario_document"
NOTICES_KEY = "link_notices"
LINK_DOCUMENT_KEY = "link_document"
PROBLEM_KEY = "scenario_problem"
WIDGET_PREFIX = "in:"
STRUCTURE_PREFIX = "in:structure."


# ---------------------------------------------------------------- the document

def _document() -> dict[str, Any]:
    """The session's scenario document, read from the link on the session's first run."""
    if STATE_KEY not in st.session_state:
        state = link.read_link(st.query_params.to_dict())
        st.session_state[STATE_KEY] = state.document
        st.session_state[NOTICES_KEY] = state.notices
        st.session_state[LINK_DOCUMENT_KEY] = state.document
        set_filter(state.evidence_filter)
    return st.session_state[STATE_KEY]


def open_link() -> None:
    """Read the session's scenario and evidence filter from its link (once, on the session's first run)."""
    _document()


def _replace(document: dict[str, Any], problem: str) -> bool:
    """Make `document` current when it is a valid scenario; else keep the old one and say why."""
    try:
        st.session_state[STATE_KEY] = link.normalised(document)
    except ScenarioError as error:
        st.session_state[PROBLEM_KEY] = f"{problem}: {error.problems[0]}"
        return False
    return True


def current_scenario() -> Scenario:
    """The scenario every page shows."""
    _sync_url()
    return _parse_cached(scenario_to_json_key(_document()))


def scenario_to_json_key(document: dict[str, Any]) -> str:
    import json

    return json.dumps(document, sort_keys=True)


@st.cache_resource(show_spinner=False, max_entries=256)
def _parse_cached(document_json: str) -> Scenario:
    return parse_scenario(document_json)


def domains() -> list[str]:
    """Domains of the current scenario's skills, in order (each skill once)."""
    return [skill.domain for skill in current_scenario().skills]


def artifact_mix() -> list[tuple[str, float]]:
    """The artifact mix (type, count) of the first skill, which the skill editor applies to every skill."""
    skills = _document()["skills"]
    return [(a["type"], float(a["count"])) for a in skills[0]["artifacts"]] if skills else list(DEFAULT_MIX)


def set_structure(new_domains: list[str] | None = None, mix: list[tuple[str, float]] | None = None) -> None:
    """One skill per domain with the same artifact mix; the inputs outside the skills are kept, the skills'
    own inputs start again from their defaults."""
    current = _document()
    structure = scenario_document(new_domains if new_domains is not None else domains(),
                                  mix if mix is not None else artifact_mix(), current["name"],
                                  current["uncertainty"]["draws"])
    document = copy.deepcopy(current)
    document["skills"] = structure["skills"]
    document["pools"] = {d: p for d, p in document.get("pools", {}).items()
                         if d in {s["domain"] for s in structure["skills"]}}
    if _replace(document, "That choice leaves no valid scenario"):
        _forget_widgets()


def load_scenario(scenario: Scenario) -> bool:
    """Make an imported, opened or calibrated scenario current (the link carries it from now on); False when it
    cannot be used (the reason is kept for `take_problem`)."""
    if _replace(scenario.model_dump(mode="json"), "That scenario cannot be used"):
        _forget_widgets()
        return True
    return False


def reset() -> None:
    """Back to the default view: the default scenario, every input at its warehouse default, nothing hidden."""
    st.session_state[STATE_KEY] = link.default_document()
    set_filter(DEFAULT_FILTER)
    _forget_widgets()


def set_input(path: str, value: Any) -> None:
    """Change one input; setting it back to its warehouse default empties it again."""
    default = resolved_default(path)
    plain = isinstance(value, int | float) and not isinstance(value, bool)
    if plain and default is not None and math.isclose(float(value), default, rel_tol=1e-9):
        value = link.field_default(path)
    document = copy.deepcopy(_document())
    link.set_leaf(document, path, value)
    _replace(document, f"{link.label_of(path, document)}: {value!r} is not allowed; kept the previous value")


def clear_input(path: str) -> None:
    """Forget the reader's value for one input, so its default applies again."""
    document = copy.deepcopy(_document())
    link.set_leaf(document, path, link.field_default(path))
    _replace(document, "Cannot clear that input")


def _forget_widgets(prefix: str = WIDGET_PREFIX) -> None:
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
        del st.session_state[key]


def seed_widget(key: str, value: Any) -> None:
    """Give a structure widget (key under STRUCTURE_PREFIX) its value from the state when it has none."""
    if key not in st.session_state:
        st.session_state[key] = value


# ---------------------------------------------------------------- what differs, and the link

def differences() -> list[link.Difference]:
    """How the current scenario differs from the default scenario."""
    return link.differences(_document())


def link_params() -> dict[str, str]:
    return link.link_params(_document(), current_filter())


def sync_link() -> None:
    """Rewrite the address from the state (every page, every run: the switches live on every page)."""
    _sync_url()


def _sync_url() -> None:
    """Write the state's parameters into st.query_params, touching only keys that differ."""
    wanted = link_params()
    present = st.query_params.to_dict()
    for key in [k for k in present if k not in wanted]:
        del st.query_params[key]
    changed = {k: v for k, v in wanted.items() if present.get(k) != v}
    if changed:
        st.query_params.update(changed)


def share_query() -> str:
    """`?key=value&…` for the current view ('' for the defaults)."""
    from urllib.parse import urlencode

    params = link_params()
    return "?" + urlencode(params) if params else ""


def notices() -> list[str]:
    """Link parameters that were ignored when the session opened (each with the reason), for as long as the
    view is still the one the link opened."""
    if _document() is not st.session_state.get(LINK_DOCUMENT_KEY):
        return []
    return list(st.session_state.get(NOTICES_KEY, []))


def take_problem() -> str | None:
    """A change that could not be applied (shown once)."""
    return st.session_state.pop(PROBLEM_KEY, None)


# ---------------------------------------------------------------- marts, defaults, evaluation

@st.cache_resource(show_spinner=False, max_entries=16)
def _evidence(version: str, evidence_filter: str) -> Evidence:
    del version  # cache key only
    return Evidence.from_tables(load_tables(EVIDENCE_TABLES), evidence_filter)


def evidence() -> Evidence:
    """The marts the model reads, for the reader's evidence filter."""
    return _evidence(warehouse_version(), current_filter())


# Resolutions and results are shared, not copied, between sessions (st.cache_resource): nothing mutates them.
@st.cache_resource(show_spinner=False, max_entries=64)
def _resolve(document_json: str, version: str, evidence_filter: str) -> Resolution:
    return resolve_inputs(parse_scenario(document_json), _evidence(version, evidence_filter))


def default_resolution() -> Resolution:
    """Every input resolved with the reader's values removed: the warehouse defaults the sliders start from."""
    return _resolve(scenario_to_json_key(link.skeleton(_document())), warehouse_version(), current_filter())


def resolved_input(path: str) -> ResolvedInput | None:
    """The default of one input with its provenance; None when the scenario has no such input."""
    return default_resolution().inputs.get(path)


def resolved_default(path: str) -> float | None:
    """The default's point value (base of a range)."""
    item = resolved_input(path)
    return None if item is None or item.value is None else base_of(item.value)


def current_value(path: str) -> Any:
    """The input's value now: the reader's, else the default."""
    value = link.get_leaf(_document(), path)
    return resolved_default(path) if value is None else value


def source_titles(source_ids: list[str]) -> str:
    """Source ids named by their titles (publisher — title), as captions name them."""
    from dashboard.ui.data import load_table

    sources = load_table("sources").filter(pl.col("source_id").is_in(source_ids))
    titles = [source_name(row["publisher"], row["title"]) for row in sources.iter_rows(named=True)]
    return "; ".join(titles[:3]) + (f" and {len(titles) - 3} more" if len(titles) > 3 else "")


def hint(path: str) -> str:
    """Where an input's default comes from, in words, with the sources named by title."""
    item = resolved_input(path)
    if item is None:
        return "no default"
    if item.origin == "assumption":
        return "Default is an assumption (see Sources and methodology)."
    if item.source_ids:
        return f"Default from {source_titles(item.source_ids)}."
    return item.note


@st.cache_resource(show_spinner=False, max_entries=256)
def _evaluate(scenario_json: str, version: str, evidence_filter: str, draws: int) -> EvaluationResult:
    return evaluate(parse_scenario(scenario_json), _evidence(version, evidence_filter), draws=draws)


def evaluate_scenario(scenario: Scenario, draws: int = DEFAULT_DRAWS) -> EvaluationResult:
    """The model's result for any scenario, cached on its JSON, the warehouse version and the filter."""
    return _evaluate(scenario_to_json(scenario, indent=None), warehouse_version(), current_filter(), draws)


def evaluate_current(draws: int = DEFAULT_DRAWS) -> EvaluationResult:
    """The current scenario's result (Monte Carlo with `draws` draws), cached."""
    return evaluate_scenario(current_scenario(), draws)


# ---------------------------------------------------------------- sliders

def widget_key(path: str) -> str:
    """The stable widget key of an input's slider: 'in:' + its link key."""
    return WIDGET_PREFIX + link.url_key(path)


def _on_slider(path: str, key: str) -> None:
    set_input(path, float(st.session_state[key]))


def log_grid(low_exponent: float, high_exponent: float, step: float) -> list[float]:
    """Values 10^e for e from `low_exponent` to `high_exponent` in `step`s, rounded to 3 significant digits."""
    count = round((high_exponent - low_exponent) / step)
    return [float(f"{10 ** (low_exponent + i * step):.3g}") for i in range(count + 1)]


def slider_for(path: str, label: str | None = None) -> float | None:
    """A slider for one input, as the registry declares it (label, unit, ends, step, log scale), starting at
    its current value, with a caption naming where its default comes from. Returns the current value."""
    spec = spec_for(path)
    value = current_value(path)
    if value is None or spec.slider is None:
        st.caption(f"{label or spec.label}: no value to adjust")
        return None
    point = value["base"] if isinstance(value, dict) else float(value)
    slider, key = spec.slider, widget_key(path)
    if slider.log:  # a log slider steps through powers of ten but shows each value as a number with its unit
        grid = log_grid(slider.low, slider.high, slider.step)
        if grid[0] <= point <= grid[-1]:  # the value in effect is a stop of its own, so the slider shows it exactly
            grid = sorted({*grid, point})
        shown = min(grid, key=lambda x: abs(math.log10(x) - math.log10(point)))
        if st.session_state.get(key) != shown:
            st.session_state[key] = shown
        st.select_slider(label or spec.label, options=grid, key=key, format_func=lambda x: format_value(x, spec.unit),
                         on_change=_on_slider, args=(path, key), help=spec.help or None)
    else:
        shown = min(max(point, slider.low), slider.high)
        held = st.session_state.get(key)
        if held is None or not math.isclose(float(held), shown, rel_tol=1e-9, abs_tol=1e-12):
            st.session_state[key] = shown
        st.slider(label or spec.label, float(slider.low), float(slider.high), step=float(slider.step), key=key,
                  format=slider_format(spec.unit), on_change=_on_slider, args=(path, key), help=spec.help or None)
    changed = link.get_leaf(_document(), path) != link.field_default(path)
    # Source titles and money are text, not Markdown: two "$" in one caption would otherwise open LaTeX.
    st.caption(f"**{escape_markdown(format_value(point, spec.unit))}**" + (" · changed" if changed else "")
               + f" · {escape_markdown(hint(path))}")
    return point
