"""Overview page: what the scenario answers for, verdicts only as firm as the draws allow, both crossovers,
and the headline following inputs changed elsewhere and in the URL."""

import re

import pytest

from dashboard.model.template import default_scenario
from tests.conftest import FIXTURE_SOURCES
from tests.dashboard.conftest import read_csv_rows
from tests.dashboard.model_app import metric, open_page, split_money_link

VERDICTS = {"Expert data costs more", "Compute costs more", "The data takes longer", "Training takes longer",
            "Too close to call"}


@pytest.fixture(autouse=True)
def _fixture_warehouse(on_shared_warehouse):
    """Every test here reads the shared fixture warehouse."""


def _verdict(at, measure: str) -> tuple[str, str]:
    box = next(m for m in at.metric if m.label.startswith(measure))
    captions = [c.value for c in at.caption if "of draws" in c.value or "of the" in c.value]
    return box.value, " ".join(captions)


def test_overview_shows_the_headline_and_the_answer():
    at = open_page("overview")
    assert metric(at, "Expert data cost") > 0 and metric(at, "Compute cost") > 0
    assert 0 < metric(at, "Data share") <= 100
    for measure in ("Money", "Time"):
        value, caption = _verdict(at, measure)
        assert value in VERDICTS
        assert re.search(r"\d+ % of draws", caption), caption
    text = " ".join(md.value for md in at.markdown)
    assert "P5" in text and "P95" in text and "depends most on" in text
    top = next(md.value for md in at.markdown if "depends most on" in md.value)
    assert "skills." not in top and "pools." not in top  # a label from the registry, never an internal path


def test_overview_says_what_the_scenario_answers_for_with_links_to_change_it():
    at = open_page("overview")
    labels = {row["domain"]: row["label"] for row in read_csv_rows(FIXTURE_SOURCES / "domains.csv")}
    scope = next(md.value for md in at.markdown if "training run" in md.value)
    for skill in default_scenario().skills:
        assert labels[skill.domain] in scope
    assert f"{len(default_scenario().skills)} skills" in scope
    assert "FLOP" in scope and "GPUs" in scope and default_scenario().compute.gpu.split("-")[0] in scope
    links = {link.proto.label: link.proto.page for link in at.get("page_link")}
    assert links["Change the skills and artifacts"] == "skill-cost-builder"
    assert links["Change the training run and GPUs"] == "compute-vs-data"


def test_time_is_compared_in_weeks():
    at = open_page("overview")
    assert metric(at, "Weeks for the data") > 0 and metric(at, "Weeks to train") > 0
    time_sentence = next(md.value for md in at.markdown if md.value.startswith("**Time"))
    assert time_sentence.count("weeks") >= 2 and "days" not in time_sentence


def test_both_projection_framings_state_their_crossover():
    at = open_page("overview")
    text = " ".join(md.value for md in at.markdown)
    assert "Per-skill post-training runs" in text and "The frontier training run" in text


def test_draws_split_near_half_are_too_close_to_call(on_shared_warehouse):
    params, share = split_money_link(on_shared_warehouse)
    assert 0.35 < share < 0.65
    at = open_page("overview", params)
    value, caption = _verdict(at, "Money")
    assert value == "Too close to call"
    shown = int(re.search(r"(\d+) % of draws", caption).group(1))
    assert 35 < shown < 65 and shown == round(100 * share)


def test_overview_follows_a_shared_url():
    plain = metric(open_page("overview"), "Expert data cost")
    shared = open_page("overview", {"margin": "0.8"})
    assert metric(shared, "Expert data cost") > plain


def test_overview_follows_a_change_made_on_the_builder():
    at = open_page("skill_cost_builder")
    before = metric(at, "Expert data cost")
    key = [s.key for s in at.slider if s.key.endswith(".rate")][0]
    at.slider(key=key).set_value(400.0).run()
    at.switch_page("app_pages/overview.py").run()
    assert not at.exception
    assert metric(at, "Expert data cost") > before


def test_the_default_structure_is_called_an_assumption_until_it_is_changed():
    """The default skills and item counts are illustrative; the overview says so, and stops saying so once the
    reader changes them."""
    from dashboard.model.template import has_default_structure

    said = lambda at: any("illustrative" in c.value and "assumption" in c.value for c in at.caption)
    assert said(open_page("overview"))
    scenario = default_scenario()
    assert has_default_structure(scenario)
    scenario.skills[0].artifacts[0].count = 5000.0
    assert not has_default_structure(scenario)
    scenario = default_scenario()
    scenario.skills[2].domain = "software_engineering"
    assert not has_default_structure(scenario)
