"""The Scenarios page's import: hostile documents are refused with a clear message, quickly, storing nothing."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.model.scenario import Scenario
from dashboard.ui.saved_scenarios import MAX_PROBLEMS_SHOWN, check_import, import_problems, read_scenario
from dashboard.ui.scenario_state import STATE_KEY
from dashboard.ui.uploads import UploadRejected
from tests.fixtures.make_hostile import ACCEPT, CASES, Case
from tests.hardening.test_uploads import case_bytes

SCENARIO_CASES = [c for c in CASES if c.kind == "scenario"]
APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
MAXIMAL = next(c for c in CASES if c.file == "scenario_maximal.json")


@pytest.mark.parametrize("case", SCENARIO_CASES, ids=lambda c: c.file)
def test_hostile_scenario_is_refused_with_its_field_path(case: Case):
    data = case_bytes(case)
    started = time.perf_counter()
    scenario, problems = check_import(case.upload_name, data)
    assert time.perf_counter() - started < 3
    if case.expect == ACCEPT:
        assert isinstance(scenario, Scenario) and problems.is_empty()
        return
    assert scenario is None
    lines = [f"{field}: {message}" for field, message in problems.iter_rows()]
    assert any(case.expect in line for line in lines), lines
    assert len(lines) <= MAX_PROBLEMS_SHOWN + 1 and all(len(line) < 700 for line in lines)


def test_maximal_scenario_is_validated_in_well_under_a_second_and_not_evaluated(monkeypatch: pytest.MonkeyPatch):
    import dashboard.model.evaluate as evaluate

    def forbidden(*args, **kwargs):
        raise AssertionError("an import must not evaluate the scenario")

    for name in [n for n in dir(evaluate) if n.startswith("evaluate")]:
        monkeypatch.setattr(evaluate, name, forbidden)
    data = MAXIMAL.build()
    started = time.perf_counter()
    scenario = read_scenario("maximal.json", data)
    assert time.perf_counter() - started < 2
    assert len(scenario.skills) == 200 and all(len(s.artifacts) == 50 for s in scenario.skills)


def test_many_problems_are_capped_and_long_messages_cut():
    import json

    skills = [{"skill": "x", "domain": "law", "artifacts": [{"type": "t", "count": -1}] * 50, "usd_per_hour": [0] * 50_000}
              for _ in range(3)]
    problems = import_problems(json.dumps({"skills": skills}).encode())
    assert problems.height == MAX_PROBLEMS_SHOWN + 1
    assert problems["message"][-1].startswith("and ") and problems["message"][-1].endswith("more problem(s)")
    assert problems["message"].str.len_chars().max() <= 301


def test_a_json_string_holding_json_is_not_decoded_twice():
    with pytest.raises(Exception) as caught:
        read_scenario("s.json", b'"{\\"skills\\": []}"')
    assert "must be a JSON object" in str(caught.value)
    with pytest.raises(UploadRejected):
        read_scenario("s.json", b"[" * 50 + b"]" * 50)


# ---------------------------------------------------------------- the page itself, with a real upload

@pytest.fixture(scope="module")
def scenarios_page(tmp_path_factory: pytest.TempPathFactory) -> AppTest:
    from pipelines.build import build
    from tests.conftest import FIXTURE_SOURCES

    warehouse = tmp_path_factory.mktemp("import") / "warehouse.duckdb"
    build(warehouse, FIXTURE_SOURCES)
    patch = pytest.MonkeyPatch()
    patch.setenv("DATAMOAT_WAREHOUSE", str(warehouse))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("app_pages/scenarios.py").run()
    assert not at.exception, at.exception
    yield at
    patch.undo()


def _state(at: AppTest) -> tuple[object, object]:
    """What an import could change: the saved scenarios (as the page lists them) and the current scenario."""
    saved = [s.value for s in at.selectbox if s.key == "scenario-chosen"]
    scenario = at.session_state[STATE_KEY] if STATE_KEY in at.session_state else None  # noqa: SIM401 (no .get)
    return repr(saved), repr(scenario)


PAGE_CASES = [c for c in SCENARIO_CASES if c.expect != ACCEPT and len(c.build()) < 200_000][:8]


def test_page_shows_each_rejection_and_keeps_nothing(scenarios_page: AppTest):
    at = scenarios_page
    before = _state(at)
    for case in PAGE_CASES:
        at.file_uploader(key="scenario-import").set_value((case.upload_name, case.build(), "application/json")).run()
        assert not at.exception, (case.file, at.exception)
        errors = " ".join(e.value for e in at.error)
        listed = " ".join(c.value for c in at.code)
        assert "nothing was imported" in errors and case.expect in errors + listed, case.file
        assert not any(b.key == "scenario-import-apply" for b in at.button), case.file
        assert _state(at) == before, case.file


def test_page_imports_a_valid_scenario_only_when_asked(scenarios_page: AppTest):
    at = scenarios_page
    before = _state(at)
    html = next(c for c in SCENARIO_CASES if c.file == "scenario_html_name.json")
    at.file_uploader(key="scenario-import").set_value(("s.json", html.build(), "application/json")).run()
    assert not at.exception, at.exception
    assert any("a valid scenario" in s.value for s in at.success)
    assert _state(at) == before  # validated, not yet used
    at.button(key="scenario-import-apply").click().run()
    assert not at.exception, at.exception
    assert _state(at) != before
    assert "<script>alert(1)</script>" in _state(at)[1]
    # the imported names are shown as text on every page: never as Markdown or HTML
    for page in ("overview", "skill_cost_builder", "scenarios"):
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, (page, at.exception)
        shown = [e.value for kind in ("markdown", "caption", "warning", "success") for e in getattr(at, kind)]
        shown += [e.value for e in at.sidebar.markdown]
        assert any("onerror" in text for text in shown), page
        assert not any(re.search(r"(?<!\\)<(img|script)", text) for text in shown), page
