"""Saved scenarios live in the user database: saved, replaced by name, renamed, deleted, read back from disk."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from pipelines.userdata.paths import user_db_path
from pipelines.userdata.saved_scenarios import (
    MAX_SAVED,
    SavedScenarioError,
    delete_scenario,
    list_saved,
    rename_scenario,
    save_scenario,
)

DOC_A = json.dumps({"schema_version": 2, "name": "a", "skills": []})
DOC_B = json.dumps({"schema_version": 2, "name": "b", "skills": []})


def _rows(user_dir: Path) -> list[tuple]:
    """The table read straight from the file, independently of list_saved."""
    with duckdb.connect(str(user_db_path(user_dir)), read_only=True) as con:
        return con.execute("select name, scenario_json from saved_scenarios order by saved_at").fetchall()


def test_nothing_saved_yet_is_an_empty_list(user_dir: Path):
    assert list_saved(user_dir).is_empty()


def test_a_saved_scenario_is_on_disk_with_its_name_time_and_json(user_dir: Path):
    when = datetime(2026, 1, 2, 3, 4, 5)
    saved = save_scenario(user_dir, "  cheap   experts ", DOC_A, now=when)
    assert saved.name == "cheap experts" and not saved.replaced
    assert _rows(user_dir) == [("cheap experts", DOC_A)]
    listed = list_saved(user_dir)
    assert listed["saved_at"].to_list() == [when] and listed["scenario_id"].to_list() == [saved.scenario_id]


def test_saving_under_an_existing_name_replaces_it(user_dir: Path):
    first = save_scenario(user_dir, "x", DOC_A)
    second = save_scenario(user_dir, "x", DOC_B)
    assert second.replaced and second.scenario_id == first.scenario_id
    assert _rows(user_dir) == [("x", DOC_B)]


def test_rename_and_delete(user_dir: Path):
    kept = save_scenario(user_dir, "one", DOC_A)
    other = save_scenario(user_dir, "two", DOC_B)
    assert rename_scenario(user_dir, kept.scenario_id, "uno") == "uno"
    assert [name for name, _ in _rows(user_dir)] == ["uno", "two"]
    assert delete_scenario(user_dir, other.scenario_id) == "two"
    assert _rows(user_dir) == [("uno", DOC_A)]


def test_a_refused_change_leaves_the_database_as_it_was(user_dir: Path):
    one = save_scenario(user_dir, "one", DOC_A)
    save_scenario(user_dir, "two", DOC_B)
    before = user_db_path(user_dir).read_bytes()
    with pytest.raises(SavedScenarioError, match="another saved scenario"):
        rename_scenario(user_dir, one.scenario_id, "two")
    with pytest.raises(SavedScenarioError, match="no such"):
        delete_scenario(user_dir, "missing")
    with pytest.raises(SavedScenarioError, match="a name is needed"):
        save_scenario(user_dir, "   ", DOC_A)
    assert user_db_path(user_dir).read_bytes() == before


def test_the_oldest_goes_past_the_limit(user_dir: Path):
    for i in range(MAX_SAVED + 2):
        save_scenario(user_dir, f"s{i}", DOC_A, now=datetime(2026, 1, 1, 0, 0, i))
    names = list_saved(user_dir)["name"].to_list()
    assert len(names) == MAX_SAVED and names[0] == "s2" and names[-1] == f"s{MAX_SAVED + 1}"
