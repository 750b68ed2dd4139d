"""Scenarios: saving adds a row to the comparison; bad imports list every problem; the share URL carries state."""

import json

import pytest

from dashboard.ui.saved_scenarios import MAX_IMPORT_BYTES, import_problems
from tests.dashboard.model_app import open_page


@pytest.fixture(autouse=True)
def _fixture_warehouse(on_shared_warehouse):
    """Every test here reads the shared fixture warehouse."""


def test_saving_adds_a_scenario_to_the_comparison():
    at = open_page("scenarios")
    rows = len(at.dataframe[0].value)
    at.text_input(key="scenario-save-name").input("cheap experts").run()
    at.button(key="scenario-save").click().run()
    assert not at.exception
    assert len(at.dataframe[0].value) == rows + 1


def test_share_url_carries_the_changed_inputs():
    at = open_page("scenarios", {"margin": "0.7"})
    assert "margin=0.7" in at.code[0].value


def test_import_problems_name_field_paths():
    bad = json.dumps({"skills": [{"skill": "x", "domain": "law", "artifacts": [], "usd_per_hour": -1}], "bogus": 1})
    problems = import_problems(bad.encode())
    fields = problems["field"].to_list()
    assert "bogus" in fields and "skills.0.artifacts" in fields and "skills.0.usd_per_hour" in fields
    assert import_problems(b"x" * (MAX_IMPORT_BYTES + 1))["message"][0].startswith("file is")
    assert import_problems(b"{not json")["field"][0] == "(document)"


def _saved_names(at) -> list[str]:
    chosen = [s for s in at.selectbox if s.key == "scenario-chosen"]
    return [option.split(" (saved ")[0] for option in chosen[0].options] if chosen else []


def test_a_saved_scenario_outlives_the_session_and_can_be_renamed_and_deleted():
    at = open_page("scenarios", {"margin": "0.7"})
    at.text_input(key="scenario-save-name").input("high margin").run()
    at.button(key="scenario-save").click().run()
    assert any("high margin" in s.value and "stays after a reload" in s.value for s in at.success)

    fresh = open_page("scenarios")  # a new session: a reload, or another reader
    assert _saved_names(fresh) == ["high margin"]
    fresh.selectbox(key="scenario-chosen").select_index(0).run()
    name_key = next(t.key for t in fresh.text_input if t.key.startswith("scenario-new-name"))
    fresh.text_input(key=name_key).input("margin 70 %").run()
    fresh.button(key="scenario-rename").click().run()
    assert not fresh.exception
    assert any("Renamed" in s.value for s in fresh.success)
    assert _saved_names(open_page("scenarios")) == ["margin 70 %"]

    fresh.selectbox(key="scenario-chosen").select_index(0).run()
    fresh.button(key="scenario-delete").click().run()
    assert any("Deleted" in s.value for s in fresh.success)
    assert _saved_names(open_page("scenarios")) == []


def test_opening_a_saved_scenario_makes_it_current_and_the_link_carries_it():
    at = open_page("scenarios", {"margin": "0.75"})
    at.text_input(key="scenario-save-name").input("margin 75").run()
    at.button(key="scenario-save").click().run()
    other = open_page("scenarios")
    assert "margin" not in dict(other.query_params)
    other.selectbox(key="scenario-chosen").select_index(0).run()
    other.button(key="scenario-open-button").click().run()
    assert not other.exception
    params = dict(other.query_params)
    assert params.get("margin") == "0.75" and "doc" in params  # its name differs from the default: the structure travels
    assert any("Opened" in s.value for s in other.success)
