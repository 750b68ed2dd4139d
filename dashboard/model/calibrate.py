"""Set a scenario's per-skill inputs from a task log's measured aggregates, with provenance.

A scenario skill takes the aggregates of the log row with the same skill and domain (or, failing
that, the only row with the same skill). Each value set is recorded with origin "user_log" and the
tasklog_id; a value outside what the input registry allows (e.g. a rejection rate of 1) is left as it was.
Hours a week per worker set the pool of the skill's domain.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import polars as pl
from pydantic import BaseModel

from dashboard.model.inputs import INPUTS
from dashboard.model.scenario import Pool, Scenario
from pipelines import queries
from pipelines.userdata.store import read_user_table

# skill field ← aggregate column and the factor converting it
SKILL_FIELDS = {
    "usd_per_hour": ("effective_usd_per_hour", 1.0),
    "rejection_rate": ("rejection_rate", 1.0),
    "review_time_ratio": ("review_time_ratio", 1.0),
}
POOL_FIELDS = {"hours_per_week_per_expert": ("active_hours_per_worker_week", 1.0)}
HOURS_EACH = ("median_minutes_per_accepted_item", 1 / 60)


def allowed(pattern: str, value: float | None) -> bool:
    """Whether the input registry allows `value` for the input at `pattern`."""
    return value is not None and INPUTS[pattern].interval.contains(value)


class Provenance(BaseModel):
    """Where one calibrated input came from: the user's own log."""

    value: float
    origin: Literal["user_log"] = "user_log"
    tasklog_id: str
    note: str


def _match(aggregates: pl.DataFrame, skill: str, domain: str) -> dict | None:
    exact = aggregates.filter((pl.col("skill") == skill) & (pl.col("domain") == domain))
    if exact.height == 1:
        return exact.row(0, named=True)
    by_skill = aggregates.filter(pl.col("skill") == skill)
    if by_skill.height == 1:
        return by_skill.row(0, named=True)
    by_domain = aggregates.filter(pl.col("domain") == domain)  # the dashboard names skills by their domain
    return by_domain.row(0, named=True) if by_domain.height == 1 else None


def calibrate(scenario: Scenario, aggregates: pl.DataFrame) -> tuple[Scenario, dict[str, Provenance]]:
    """A copy of `scenario` with measured inputs set, and the provenance of each by input path."""
    updated = scenario.model_copy(deep=True)
    provenance: dict[str, Provenance] = {}

    def record(path: str, value: float, row: dict, note: str) -> None:
        provenance[path] = Provenance(value=value, tasklog_id=row["tasklog_id"], note=note)

    for index, skill in enumerate(updated.skills):
        row = _match(aggregates, skill.skill, skill.domain)
        if row is None:
            continue
        where = f"{row['skill']}/{row['domain']}, {row['tasks']:,} tasks, {row['accepted_items']:,} accepted"
        for name, (column, scale) in SKILL_FIELDS.items():
            value = None if row[column] is None else row[column] * scale
            if allowed(f"skills.*.{name}", value):
                setattr(skill, name, value)
                record(f"skills.{index}.{name}", value, row, f"{column} measured in the user's log ({where})")
        for name, (column, scale) in POOL_FIELDS.items():
            value = None if row[column] is None else row[column] * scale
            if allowed(f"pools.*.{name}", value):
                pool = updated.pools.setdefault(skill.domain, Pool())
                setattr(pool, name, value)
                record(f"pools.{skill.domain}.{name}", value, row, f"{column} measured in the user's log ({where})")
        column, scale = HOURS_EACH
        value = None if row[column] is None else row[column] * scale
        if allowed("skills.*.artifacts.*.hours_each", value):
            for j, artifact in enumerate(skill.artifacts):
                artifact.hours_each = value
                record(f"skills.{index}.artifacts.{j}.hours_each", value, row,
                       f"median minutes per accepted item / 60, measured in the user's log ({where})")
    return updated, provenance


def load_aggregates(user_dir: Path, tasklog_id: str) -> pl.DataFrame:
    """One ingest's per-skill aggregates; KeyError when there is no such tasklog_id."""
    frame = read_user_table(user_dir, queries.TASKLOG_AGGREGATES, [tasklog_id])
    if frame is None or frame.is_empty():
        raise KeyError(tasklog_id)
    return frame
