"""Calibrating a scenario from a task log: the fields set and their provenance."""

from __future__ import annotations

import json

import pytest

from dashboard.model.calibrate import calibrate, load_aggregates
from dashboard.model.scenario import parse_scenario
from pipelines.userdata.tasklog_ingest import ingest_tasklog
from tests.conftest import USERDATA_FIXTURES


def _scenario():
    return parse_scenario((USERDATA_FIXTURES / "scenario_small.json").read_text())


def test_calibrate_sets_fields_and_provenance(tiny_log, user_dir):
    ingest = ingest_tasklog(tiny_log, user_dir)
    aggregates = load_aggregates(user_dir, ingest.tasklog_id)
    original = _scenario()
    updated, provenance = calibrate(original, aggregates)
    law = updated.skills[0]
    assert law.artifacts[0].hours_each == pytest.approx(40 / 60)
    assert law.rejection_rate == pytest.approx(0.2)
    assert law.review_time_ratio == pytest.approx(720 / 6600)
    assert law.usd_per_hour == pytest.approx(60)
    pool = updated.pools["law"]  # the log's hours a week set the pool of the skill's domain
    assert pool.hours_per_week_per_expert == pytest.approx(12000 / 3600 / 4)
    assert pool.participation_rate is None and pool.expert_pool is None  # not derivable from a log
    assert "medicine" not in updated.pools
    assert set(provenance) == {"skills.0.usd_per_hour", "skills.0.rejection_rate", "skills.0.review_time_ratio",
                               "pools.law.hours_per_week_per_expert", "skills.0.artifacts.0.hours_each"}
    assert {p.origin for p in provenance.values()} == {"user_log"}
    assert {p.tasklog_id for p in provenance.values()} == {ingest.tasklog_id}
    assert updated.skills[1] == original.skills[1]  # a skill the log does not cover is untouched
    assert original.skills[0].usd_per_hour == 100 and original.pools == {}  # the input scenario is not modified
    parse_scenario(updated.model_dump(mode="json"))  # still a valid scenario


def test_unknown_tasklog_id(user_dir, tiny_log):
    ingest_tasklog(tiny_log, user_dir)
    with pytest.raises(KeyError):
        load_aggregates(user_dir, "t-00000000000000-000000")


def test_out_of_range_measurements_are_left_alone(tiny_log, user_dir):
    aggregates = load_aggregates(user_dir, ingest_tasklog(tiny_log, user_dir).tasklog_id)
    aggregates = aggregates.with_columns(rejection_rate=1.0)
    updated, provenance = calibrate(_scenario(), aggregates)
    assert updated.skills[0].rejection_rate == 0.3 and "skills.0.rejection_rate" not in provenance
    json.dumps({k: v.model_dump() for k, v in provenance.items()})
