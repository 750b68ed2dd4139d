"""Fixtures for the model tests: the small scenario, and the marts of a warehouse built from the bundled data."""

from __future__ import annotations

import copy
from pathlib import Path

import duckdb
import pytest

from dashboard.model.evidence import EVIDENCE_TABLES, Evidence
from dashboard.model.scenario import parse_scenario
from pipelines.reader import load_tables

from .builders import SMALL


@pytest.fixture
def small_document():
    """A fresh copy of SMALL that a test may modify."""
    return copy.deepcopy(SMALL)


@pytest.fixture
def small_scenario():
    return parse_scenario(SMALL)


@pytest.fixture(scope="session")
def bundled_evidence(bundled_warehouse) -> Evidence:
    """The marts of the bundled warehouse, for the default evidence filter."""
    return Evidence.from_tables(load_tables(bundled_warehouse, EVIDENCE_TABLES))


def query(path: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    """Rows of one statement against a warehouse, opened read-only."""
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, parameters or []).fetchall()
