"""The current scenario in st.session_state, its evaluation (cached), its sliders and its URL.

State = the skills' structure (domains, artifact mix; or an imported scenario document) plus a dict of
changed inputs keyed by state path (see `scenario_paths`). Everything left unchanged is filled by the
model from the warehouse tables — filtered by the global hide-speculative switch — else from a named
assumption. The changed inputs are mirrored into st.query_params under compact keys and read back on a
session's first run, so a shared URL reopens the same view.

Why not `bind="query-params"`: Streamlit 1.67 has it, but a bound parameter belongs to the page whose
widget declares it — it is dropped from the URL on a page switch and cannot be written through
st.query_params — while this scenario is shared by every page. So the URL is written here instead.
"""

from __future__ import annotations

import copy
import json
import math
from typing import Any

import polars as pl
import streamlit as st

from dashboard.model.defaults import Resolution, ResolvedInput, resolve_inputs
from dashboard.model.evaluate import evaluate
from dashboard.model.ranged import base_of
from dashboard.model.result import EvaluationResult
from dashboard.model.scenario import Scenario, ScenarioError, parse_scenario, scenario_to_json
from dashboard.ui.confidence import filter_confidence, hide_speculative
from dashboard.ui.data import load_tables, warehouse_version
from dashboard.ui.default_scenario import DEFAULT_DOMAINS, DEFAULT_MIX, MODEL_TABLES, scenario_document
from dashboard.ui.scenario_paths import Value, apply_overrides, decode_value, encode_value, model_path, state_path, url_key

STATE_KEY = "scenario_state"
WIDGET_PREFIX = "in:"
STRUCTURE_PREFIX = "in:structure."
DOMAINS_PARAM = "sk"
MIX_PARAM = "mix"
MAX_URL_DOMAINS = 20
DRAWS = 2000


# ---------------------------------------------------------------- state and structure

def _fresh_state() -> dict[str, Any]:
    return {"domains": list(DEFAULT_DOMAINS), "mix": [list(pair) for pair in DEFAULT_MIX],
            "document": None, "overrides": {}}


def _state() -> dict[str, Any]:
    """The session's scenario state, read from the URL on the session's first run."""
    if STATE_KEY not in st.session_state:
        st.session_state[STATE_KEY] = _state_from_params(st.query_params.to_dict())
    return st.session_state[STATE_KEY]


def _parse_mix(text: str) -> list[list[Any]]:
    pairs = []
    for item in text.split(","):
        kind, _, count = item.partition(":")
        number = float(count)
        if kind and math.isfinite(number) and number > 0:
            pairs.append([kind, number])
    return pairs


def _state_from_params(params: dict[str, str]) -> dict[str, Any]:
    """A state from URL parameters; parameters that do not parse or validate are ignored."""
    state = _fresh_state()
    domains = [d for d in params.get(DOMAINS_PARAM, "").split(",") if d][:MAX_URL_DOMAINS]
    if domains:
        state["domains"] = domains
    try:
        mix = _parse_mix(params[MIX_PARAM]) if MIX_PARAM in params else []
    except ValueError:
        mix = []
    if mix:
        state["mix"] = mix
    if _try_parse(_base_document(state)) is None:
        state = _fresh_state()
    for key, text in params.items():
        path = state_path(key)
        if path is None:
            continue
        trial = state["overrides"] | {path: decode_value(text)}
        if _try_parse(apply_overrides(_base_document(state), trial)) is not None:
            state["overrides"] = trial
    return state


def _try_parse(document: dict[str, Any]) -> Scenario | None:
    try:
        return parse_scenario(document)
    except ScenarioError:
        return None


def _base_document(state: dict[str, Any]) -> dict[str, Any]:
    """The scenario before the changed inputs: the imported document, or domains × artifact mix."""
    if state["document"] is not None:
        return copy.deepcopy(state["document"])
    return scenario_document(state["domains"], [tuple(pair) for pair in state["mix"]])


def domains() -> list[str]:
    """Domains of the current scenario's skills, in order."""
    return [skill.domain for skill in current_scenario().skills]


def artifact_mix() -> list[tuple[str, float]]:
    """The artifact mix (type, count) every generated skill needs."""
    return [(kind, float(count)) for kind, count in _state()["mix"]]


def set_structure(new_domains: list[str] | None = None, mix: list[tuple[str, float]] | None = None) -> None:
    """Change the skills (one per domain) or the artifact mix; an imported document is dropped."""
    state = _state()
    trial = {**state, "document": None,
             "domains": list(new_domains) if new_domains is not None else state["domains"],
             "mix": [list(pair) for pair in mix] if mix is not None else state["mix"]}
    if _try_parse(_base_document(trial)) is None:
        st.session_state["scenario_problem"] = "That choice leaves no valid scenario (every skill needs a domain and an artifact)."
        return
    state.update(trial)
    _forget_widgets(STRUCTURE_PREFIX)


def load_scenario(scenario: Scenario) -> None:
    """Make an imported or saved scenario current (its own values become the base; no changes on top)."""
    state = _state()
    state.update(_fresh_state())
    state["document"] = json.loads(scenario_to_json(scenario, indent=None))
    _forget_widgets()


def current_scenario() -> Scenario:
    """The scenario every page shows: base document with the changed inputs applied."""
    state = _state()
    _sync_url(state)
    return _parse_cached(json.dumps(apply_overrides(_base_document(state), state["overrides"]), sort_keys=True))


@st.cache_data(show_spinner=False, max_entries=256)
def _parse_cached(document_json: str) -> Scenario:
    return parse_scenario(document_json)


def overrides() -> dict[str, Value]:
    """The inputs the reader changed, by state path."""
    return dict(_state()["overrides"])


def set_input(path: str, value: Value) -> None:
    """Change one input (state path); setting it back to its default removes the change."""
    state = _state()
    default = resolved_default(path)
    if isinstance(value, str) or default is None or not math.isclose(float(value), default, rel_tol=1e-9):
        trial = state["overrides"] | {path: value}
    else:
        trial = {k: v for k, v in state["overrides"].items() if k != path}
    if _try_parse(apply_overrides(_base_document(state), trial)) is None:
        st.session_state["scenario_problem"] = f"{path}: value {value!r} is not allowed; kept the previous value."
        return
    state["overrides"] = trial


def clear_input(path: str) -> None:
    """Forget the change to one input, so its default applies again."""
    _state()["overrides"].pop(path, None)


def reset() -> None:
    """Back to the warehouse defaults: default skills and mix, no changed inputs."""
    st.session_state[STATE_KEY] = _fresh_state()
    _forget_widgets()


def _forget_widgets(prefix: str = WIDGET_PREFIX) -> None:
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
        del st.session_state[key]


def seed_widget(key: str, value: Any) -> None:
    """Give a structure widget (key under STRUCTURE_PREFIX) its value from the state when it has none."""
    if key not in st.session_state:
        st.session_state[key] = value


def reset_button() -> None:
    """A button that restores the warehouse defaults."""
    st.button("Reset to warehouse defaults", on_click=reset, key="scenario-reset", icon=":material/restart_alt:")


def show_problem() -> None:
    """Show (once) a value the last change could not apply."""
    problem = st.session_state.pop("scenario_problem", None)
    if problem:
        st.warning(problem)


# ---------------------------------------------------------------- URL

def url_params() -> dict[str, str]:
    """The compact query parameters that describe the current state (empty for the defaults)."""
    state = _state()
    params = {url_key(path): encode_value(value) for path, value in sorted(state["overrides"].items())}
    if state["document"] is None and tuple(state["domains"]) != DEFAULT_DOMAINS:
        params[DOMAINS_PARAM] = ",".join(state["domains"])
    if state["document"] is None and [tuple(p) for p in state["mix"]] != list(DEFAULT_MIX):
        params[MIX_PARAM] = ",".join(f"{kind}:{encode_value(count)}" for kind, count in state["mix"])
    return params


def _ours(key: str) -> bool:
    return key in (DOMAINS_PARAM, MIX_PARAM) or state_path(key) is not None


def _sync_url(state: dict[str, Any]) -> None:
    """Write the state's parameters into st.query_params, touching only keys that differ."""
    del state
    wanted = url_params()
    present = st.query_params.to_dict()
    for key in [k for k in present if _ours(k) and k not in wanted]:
        del st.query_params[key]
    changed = {k: v for k, v in wanted.items() if present.get(k) != v}
    if changed:
        st.query_params.update(changed)


def share_query() -> str:
    """`?key=value&…` for the current state ('' for the defaults)."""
    from urllib.parse import urlencode

    params = url_params()
    return "?" + urlencode(params) if params else ""


# ---------------------------------------------------------------- tables, defaults, evaluation

@st.cache_resource(show_spinner=False, max_entries=8)
def _model_tables(version: str, hide: bool) -> dict[str, pl.DataFrame]:
    del version  # cache key only
    return {name: filter_confidence(frame, hide) for name, frame in load_tables(MODEL_TABLES).items()}


def model_tables() -> dict[str, pl.DataFrame]:
    """The tables the model reads, without speculative rows when the reader hides them."""
    return _model_tables(warehouse_version(), hide_speculative())


# Resolutions and results are shared, not copied, between sessions (st.cache_resource): nothing
# mutates them, and unpickling a copy on every rerun cost more than the page's own drawing.
@st.cache_resource(show_spinner=False, max_entries=64)
def _resolve(document_json: str, version: str, hide: bool) -> Resolution:
    return resolve_inputs(parse_scenario(document_json), _model_tables(version, hide))


def default_resolution() -> Resolution:
    """Resolved inputs of the base scenario (before the reader's changes): the sliders' defaults."""
    base = json.dumps(_base_document(_state()), sort_keys=True)
    return _resolve(base, warehouse_version(), hide_speculative())


def resolved_input(path: str) -> ResolvedInput | None:
    """The default of one input (state path) with its provenance; None when the scenario lacks it."""
    target = model_path(path, _base_document(_state())["skills"])
    inputs = default_resolution().inputs
    return inputs.get(target) if target is not None else None


def resolved_default(path: str) -> float | None:
    """The default's point value (base of a range)."""
    item = resolved_input(path)
    return None if item is None or item.value is None else base_of(item.value)


def current_value(path: str) -> Value | None:
    """The input's value now: the reader's change, else the default."""
    return _state()["overrides"].get(path, resolved_default(path))


def hint(path: str) -> str:
    """'default from <source ids>' or 'assumption: …' for one input."""
    item = resolved_input(path)
    if item is None:
        return "no default"
    if item.origin == "warehouse" and item.source_ids:
        return "default from " + ", ".join(item.source_ids)
    if item.origin == "assumption":
        return "assumption: " + item.note.split("ASSUMPTION", 1)[-1].strip(" :`").replace("`", "")
    return "set in the scenario" if item.origin == "scenario" else item.note


@st.cache_resource(show_spinner=False, max_entries=256)
def _evaluate(scenario_json: str, version: str, hide: bool, draws: int) -> EvaluationResult:
    return evaluate(parse_scenario(scenario_json), _model_tables(version, hide), draws=draws)


def evaluate_scenario(scenario: Scenario, draws: int = DRAWS) -> EvaluationResult:
    """The model's result for any scenario, cached on its JSON, the warehouse version and the filter."""
    return _evaluate(scenario_to_json(scenario, indent=None), warehouse_version(), hide_speculative(), draws)


def evaluate_current(draws: int = DRAWS) -> EvaluationResult:
    """The current scenario's result (Monte Carlo with `draws` draws), cached."""
    return evaluate_scenario(current_scenario(), draws)


# ---------------------------------------------------------------- sliders

def widget_key(path: str) -> str:
    """The stable widget key of an input's slider: 'in:' + its URL key."""
    return WIDGET_PREFIX + url_key(path)


def _on_slider(path: str, key: str, log10: bool) -> None:
    raw = float(st.session_state[key])
    set_input(path, 10.0 ** raw if log10 else raw)


def slider_for(path: str, label: str, min_value: float, max_value: float, step: float,
               format: str | None = None, *, log10: bool = False, help: str | None = None) -> float | None:
    """A slider for one input starting at its current value (the resolved default until changed), with a
    caption naming where the default comes from. With `log10`, the slider moves the exponent. Returns
    the input's value, or None when the scenario has no such input."""
    value = current_value(path)
    if value is None or isinstance(value, str):
        st.caption(f"{label}: no value to adjust")
        return None
    shown = math.log10(value) if log10 else float(value)
    shown = min(max(shown, min_value), max_value)
    key = widget_key(path)
    held = st.session_state.get(key)
    if held is None or not math.isclose(float(held), shown, rel_tol=1e-9, abs_tol=1e-12):
        st.session_state[key] = shown
    st.slider(label, float(min_value), float(max_value), step=float(step), format=format, key=key,
              on_change=_on_slider, args=(path, key, log10), help=help)
    changed = " · changed" if path in _state()["overrides"] else ""
    st.caption(hint(path) + changed)
    return float(value)

