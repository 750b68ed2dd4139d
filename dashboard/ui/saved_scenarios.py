"""Named scenarios kept in the session, and the checks an imported scenario file must pass.

An import is validated only, never evaluated: the upload checks (size, UTF-8, JSON nesting, duplicate
keys, NaN) run first, then the model's `parse_scenario` limits. Nothing is kept until the reader
chooses to use the scenario.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.model.scenario import Scenario, ScenarioError, parse_scenario
from dashboard.ui.uploads import UploadRejected, display_name, load_json

SAVED_KEY = "saved_scenarios"
MAX_IMPORT_BYTES = 1_000_000
MAX_SAVED = 20
MAX_PROBLEMS_SHOWN = 50
MAX_MESSAGE_CHARS = 300
_PROBLEM_SCHEMA = {"field": pl.String, "message": pl.String}


def _store() -> dict[str, Scenario]:
    return st.session_state.setdefault(SAVED_KEY, {})


def names() -> list[str]:
    return list(_store())


def items() -> list[tuple[str, Scenario]]:
    return list(_store().items())


def get(name: str) -> Scenario:
    return _store()[name]


def save(name: str, scenario: Scenario) -> None:
    """Keep `scenario` under `name` (replacing one of the same name; the oldest goes past MAX_SAVED)."""
    store = _store()
    clean = " ".join(name.split())[:60] or "scenario"
    store[clean] = scenario.model_copy(update={"name": clean})
    while len(store) > MAX_SAVED:
        store.pop(next(iter(store)))


def read_scenario(name: str, data: bytes) -> Scenario:
    """The uploaded scenario, validated but not evaluated; raises UploadRejected or ScenarioError."""
    document = load_json(name, data, MAX_IMPORT_BYTES)
    if not isinstance(document, dict):  # parse_scenario would decode a JSON string a second time
        raise ScenarioError(["(document): must be a JSON object"])
    return parse_scenario(document)


def check_import(name: str, data: bytes) -> tuple[Scenario | None, pl.DataFrame]:
    """(scenario, no problems) for a valid upload; (None, every problem as (field, message) rows) else."""
    try:
        return read_scenario(name, data), pl.DataFrame(schema=_PROBLEM_SCHEMA)
    except UploadRejected as error:
        rows = [("(document)", error.message)]
    except ScenarioError as error:
        rows = [tuple(line.split(": ", 1)) if ": " in line else ("(document)", line) for line in error.problems]
    except (ValueError, OverflowError, RecursionError) as error:  # a model bug must not become a traceback
        rows = [("(document)", f"cannot be read ({type(error).__name__})")]
    if len(rows) > MAX_PROBLEMS_SHOWN:
        rows = rows[:MAX_PROBLEMS_SHOWN] + [("(document)", f"and {len(rows) - MAX_PROBLEMS_SHOWN:,} more problem(s)")]
    rows = [(field[:MAX_MESSAGE_CHARS], _short(message)) for field, message in rows]
    return None, pl.DataFrame(rows, schema=_PROBLEM_SCHEMA, orient="row")


def _short(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE_CHARS else message[:MAX_MESSAGE_CHARS] + "…"


def import_problems(data: bytes, name: str = "scenario.json") -> pl.DataFrame:
    """Every problem of an uploaded scenario file as (field, message) rows; empty when it is valid."""
    return check_import(name, data)[1]


def show_import(name: str, data: bytes) -> Scenario | None:
    """Render the import's outcome: the problems (nothing kept), or the valid scenario to use."""
    from dashboard.ui.tables import show_table

    scenario, problems = check_import(name, data)
    if scenario is None:
        st.error(f"{display_name(name)}: {problems.height} problem(s); nothing was imported. "
                 f"First: {problems['field'][0]}: {problems['message'][0]}")
        show_table(problems, problems, "import_problems")
        return None
    st.success(f"{display_name(name)}: a valid scenario with {len(scenario.skills)} skill(s).")
    return scenario


def share_url(page_url: str | None, query: str) -> str:
    """The page's address (without its old query) followed by the state's query string."""
    base = (page_url or "").split("?", 1)[0] or "http://localhost:8501/"
    return base + query
