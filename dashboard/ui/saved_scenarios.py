"""Saved scenarios (kept in the user database, so they survive reloads and restarts), and the checks an
imported scenario file must pass.

An import is validated only, never evaluated: the upload checks (size, UTF-8, JSON nesting, duplicate
keys, NaN) run first, then the model's `parse_scenario` limits. Nothing is kept until the reader
chooses to use the scenario. Every save, rename and delete reports beside its button.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import polars as pl
import streamlit as st

from dashboard.model.scenario import Scenario, ScenarioError, parse_scenario, scenario_to_json
from dashboard.ui.data import file_version, user_dir
from dashboard.ui.feedback import Outcome, remember
from dashboard.ui.uploads import MEGABYTE, UploadRejected, display_name, load_json
from pipelines.userdata import saved_scenarios as store
from pipelines.userdata.paths import user_db_path

MAX_IMPORT_MB = 1
MAX_IMPORT_BYTES = MAX_IMPORT_MB * MEGABYTE  # as Streamlit counts the uploader's limit
MAX_PROBLEMS_SHOWN = 50
MAX_MESSAGE_CHARS = 300
_PROBLEM_SCHEMA = {"field": pl.String, "message": pl.String}


@dataclass(frozen=True)
class SavedScenario:
    """One saved scenario as read back: None and the reason when its document no longer validates."""

    scenario_id: str
    name: str
    saved_at: datetime
    scenario: Scenario | None
    problem: str | None = None


@st.cache_resource(show_spinner=False, max_entries=16)
def _read_saved(folder: str, version: str) -> tuple[SavedScenario, ...]:
    del version  # cache key only: the user database is swapped for a new file on every change
    found = []
    for row in store.list_saved(Path(folder)).iter_rows(named=True):
        try:
            scenario, problem = parse_scenario(row["scenario_json"]), None
        except ScenarioError as error:
            scenario, problem = None, error.problems[0]
        found.append(SavedScenario(row["scenario_id"], row["name"], row["saved_at"], scenario, problem))
    return tuple(found)


def saved() -> list[SavedScenario]:
    """Every saved scenario, oldest first."""
    folder = user_dir()
    return list(_read_saved(str(folder), file_version(user_db_path(folder))))


def names() -> list[str]:
    return [item.name for item in saved()]


def usable() -> list[SavedScenario]:
    """The saved scenarios that still validate."""
    return [item for item in saved() if item.scenario is not None]


def label(item: SavedScenario) -> str:
    return f"{item.name} (saved {item.saved_at:%Y-%m-%d %H:%M})"


def save(name: str, scenario: Scenario, where: str = "save") -> None:
    """Keep the scenario under `name` in the user database (replacing one of that name); report beside `where`."""
    try:
        clean = store.clean_name(name)
        done = store.save_scenario(user_dir(), clean, scenario_to_json(scenario.model_copy(update={"name": clean})))
    except store.SavedScenarioError as error:
        remember(where, Outcome(False, f"Not saved: {error}."))
        return
    verb = "Replaced the saved scenario" if done.replaced else "Saved the current scenario as"
    remember(where, Outcome(True, f"{verb} “{done.name}” ({done.saved_at:%Y-%m-%d %H:%M}). It stays after a reload "
                                  "or a restart."))


def open_saved(scenario_id: str, where: str = "manage") -> None:
    """Make a saved scenario the current one; the address carries it from now on."""
    item = next((i for i in saved() if i.scenario_id == scenario_id), None)
    if item is None or item.scenario is None:
        remember(where, Outcome(False, "Not opened: " + (item.problem if item else "no such saved scenario") + "."))
        return
    from dashboard.ui.scenario_state import load_scenario

    if load_scenario(item.scenario):
        remember(where, Outcome(True, f"Opened “{item.name}”: every page shows it, and the address carries it."))


def use_imported(scenario: Scenario, file_name: str, where: str = "import") -> None:
    """Make an imported scenario the current one."""
    from dashboard.ui.scenario_state import load_scenario

    if load_scenario(scenario):
        remember(where, Outcome(True, f"{display_name(file_name)} is now the current scenario: every page shows it, "
                                      "and the address carries it."))


def rename(scenario_id: str, new_name: str, where: str = "manage") -> None:
    try:
        name = store.rename_scenario(user_dir(), scenario_id, new_name)
    except store.SavedScenarioError as error:
        remember(where, Outcome(False, f"Not renamed: {error}."))
        return
    remember(where, Outcome(True, f"Renamed to “{name}”."))


def delete(scenario_id: str, where: str = "manage") -> None:
    try:
        name = store.delete_scenario(user_dir(), scenario_id)
    except store.SavedScenarioError as error:
        remember(where, Outcome(False, f"Not deleted: {error}."))
        return
    remember(where, Outcome(True, f"Deleted “{name}”."))


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
    """Render the import's outcome: every problem (nothing kept), or the valid scenario to use."""
    from dashboard.ui.feedback import problem_list
    from dashboard.ui.sourcing import escape_markdown

    scenario, problems = check_import(name, data)
    if scenario is None:
        st.error(escape_markdown(f"{display_name(name)}: {problems.height} problem(s); nothing was imported."),
                 icon=":material/error:")
        problem_list([f"{field}: {message}" for field, message in problems.iter_rows()])
        return None
    st.success(escape_markdown(f"{display_name(name)}: a valid scenario with {len(scenario.skills)} skill(s). Nothing "
                               "changes until you use it."))
    return scenario


def share_url(page_url: str | None, query: str) -> str:
    """The page's address (without its old query) followed by the state's query string."""
    base = (page_url or "").split("?", 1)[0] or "http://localhost:8501/"
    return base + query
