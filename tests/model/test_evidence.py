"""What the model reads from the warehouse: the marts' rows for one evidence filter."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.model.evidence import EVIDENCE_TABLES, Evidence
from pipelines.marts import MARTS_BY_NAME

from .builders import BESIROGLU, SCHEMAS, Marts


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_builder_frames_have_the_marts_documented_columns(name):
    assert list(SCHEMAS[name]) == MARTS_BY_NAME[name].column_names


def test_every_table_the_model_reads_is_a_mart():
    assert set(EVIDENCE_TABLES) - set(MARTS_BY_NAME) == {"mart_catalog"}  # written beside the marts by the build


def test_missing_or_empty_tables_leave_the_evidence_empty():
    evidence = Evidence.from_tables({"mart_input_defaults": pl.DataFrame(schema=SCHEMAS["mart_input_defaults"])})
    assert evidence.defaults == {} and evidence.fits == {} and evidence.teacher is None
    assert evidence.frontier_points == []


def test_defaults_are_indexed_by_input_and_key_with_sources_sorted_once():
    evidence = Marts().default("expert_usd_per_hour", 1, 2, 3, key="law", sources="b;a;b;").evidence()
    default = evidence.default("expert_usd_per_hour", "law")
    assert (default.low, default.base, default.high) == (1, 2, 3)
    assert default.source_ids == ("a", "b") and default.mart == "mart_test"
    assert evidence.default("expert_usd_per_hour", "medicine") is None


def test_fits_with_a_missing_constant_are_left_out():
    marts = Marts().fit("besiroglu-2024", BESIROGLU).fit("broken", BESIROGLU | {"beta": None})
    assert set(marts.evidence().fits) == {"besiroglu-2024"}


def test_the_bundled_marts_load(bundled_evidence):
    assert bundled_evidence.evidence_filter == "all"
    assert "besiroglu-2024" in bundled_evidence.fits and bundled_evidence.teacher
    assert all(isinstance(p.year, float) and p.cost_usd > 0 for p in bundled_evidence.frontier_points)
    assert "mart_input_defaults" in bundled_evidence.mart_definitions
