"""Saved scenarios: a name, when it was saved, and the scenario document (JSON), in the user database.

They outlive the browser session and the server: every change is written to `user.duckdb` (beside the
warehouse) and swapped in whole, like the quotes and task logs. Names are unique; saving under a name
that exists replaces that scenario. The document is stored as given: the model validates it when it is
opened (nothing under `pipelines/` reads a scenario).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import polars as pl

from pipelines import queries
from pipelines.userdata.store import changing_user_db, read_user_table

MAX_NAME_CHARS = 60
MAX_SAVED = 50
MAX_JSON_CHARS = 2_000_000
SCHEMA = {"scenario_id": pl.String, "name": pl.String, "saved_at": pl.Datetime("us"), "scenario_json": pl.String,
          "origin": pl.String}


class SavedScenarioError(ValueError):
    """A change to the saved scenarios that cannot be made; the message says why."""


@dataclass(frozen=True)
class Saved:
    scenario_id: str
    name: str
    saved_at: datetime
    replaced: bool  # a scenario of that name existed and was replaced


def clean_name(name: str) -> str:
    """The name as stored: whitespace collapsed, at most MAX_NAME_CHARS characters; never empty."""
    cleaned = " ".join(str(name).split())[:MAX_NAME_CHARS]
    if not cleaned:
        raise SavedScenarioError("a name is needed")
    return cleaned


def list_saved(user_dir: Path) -> pl.DataFrame:
    """Every saved scenario, oldest first (an empty frame before the first save)."""
    frame = read_user_table(user_dir, queries.LIST_SAVED_SCENARIOS)
    return pl.DataFrame(schema=SCHEMA) if frame is None else frame


def save_scenario(user_dir: Path, name: str, scenario_json: str, now: datetime | None = None) -> Saved:
    """Keep `scenario_json` under `name`, replacing a scenario of the same name; past MAX_SAVED the oldest goes."""
    name = clean_name(name)
    if len(scenario_json) > MAX_JSON_CHARS:
        raise SavedScenarioError(f"the scenario is larger than {MAX_JSON_CHARS:,} characters")
    saved_at = now or datetime.now()
    with changing_user_db(user_dir) as con:
        row = con.execute(queries.SAVED_SCENARIO_BY_NAME, [name]).fetchone()
        if row:
            con.execute(queries.REPLACE_SAVED_SCENARIO, [saved_at, scenario_json, row[0]])
            return Saved(row[0], name, saved_at, replaced=True)
        scenario_id = uuid.uuid4().hex[:12]
        con.execute(queries.INSERT_SAVED_SCENARIO, [scenario_id, name, saved_at, scenario_json])
        excess = con.execute(queries.COUNT_SAVED_SCENARIOS).fetchone()[0] - MAX_SAVED
        if excess > 0:
            for (oldest,) in con.execute(queries.OLDEST_SAVED_SCENARIOS, [excess]).fetchall():
                con.execute(queries.DELETE_SAVED_SCENARIO, [oldest])
    return Saved(scenario_id, name, saved_at, replaced=False)


def rename_scenario(user_dir: Path, scenario_id: str, new_name: str) -> str:
    """Give a saved scenario another name (unique); returns the name as stored."""
    new_name = clean_name(new_name)
    with changing_user_db(user_dir) as con:
        if not con.execute(queries.SAVED_SCENARIO_BY_ID, [scenario_id]).fetchone():
            raise SavedScenarioError("no such saved scenario (deleted meanwhile?)")
        other = con.execute(queries.SAVED_SCENARIO_BY_NAME, [new_name]).fetchone()
        if other and other[0] != scenario_id:
            raise SavedScenarioError(f"another saved scenario is called {new_name!r}")
        con.execute(queries.RENAME_SAVED_SCENARIO, [new_name, scenario_id])
    return new_name


def delete_scenario(user_dir: Path, scenario_id: str) -> str:
    """Forget a saved scenario; returns its name."""
    with changing_user_db(user_dir) as con:
        row = con.execute(queries.SAVED_SCENARIO_BY_ID, [scenario_id]).fetchone()
        if not row:
            raise SavedScenarioError("no such saved scenario (deleted meanwhile?)")
        con.execute(queries.DELETE_SAVED_SCENARIO, [scenario_id])
    return row[0]
