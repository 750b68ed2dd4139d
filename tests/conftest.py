"""Shared fixtures: a copy of the small real fixture sources, and warehouses built from them."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest

from pipelines.build import build

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_SOURCES = FIXTURES / "sources"
FIXTURE_UPSTREAM = FIXTURES / "upstream"


@pytest.fixture(autouse=True)
def small_upstream_snapshots(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every build in the tests reads the small upstream fixture snapshots unless a test names another folder."""
    monkeypatch.setenv("DATAMOAT_UPSTREAM", str(FIXTURE_UPSTREAM))
    return FIXTURE_UPSTREAM


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def csv_row_count(path: Path) -> int:
    """Data rows in a CSV, counted with the standard library, independently of the pipeline."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for row in csv.DictReader(handle) if any((v or "").strip() for v in row.values()))


@pytest.fixture
def sources_dir(tmp_path: Path) -> Path:
    """A writable copy of the fixture sources."""
    target = tmp_path / "sources"
    shutil.copytree(FIXTURE_SOURCES, target)
    return target


@pytest.fixture(scope="session")
def built_fixture_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The warehouse of the fixture sources and upstream snapshots, built once per test session (per worker).
    Read-only: a test that changes a warehouse takes its own copy through `warehouse`."""
    folder = tmp_path_factory.mktemp("built")
    sources = folder / "sources"
    shutil.copytree(FIXTURE_SOURCES, sources)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATAMOAT_UPSTREAM", str(FIXTURE_UPSTREAM))
        build(folder / "warehouse.duckdb", sources)
    path = folder / "warehouse.duckdb"
    path.chmod(0o444)
    return path


@pytest.fixture(scope="session")
def bundled_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built once from the bundled data (data/sources and data/upstream), read-only for every test."""
    from pipelines.paths import SOURCES_DIR
    from pipelines.upstream.snapshots import UPSTREAM_ENV

    path = tmp_path_factory.mktemp("bundled") / "warehouse.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(UPSTREAM_ENV, raising=False)
        build(path, SOURCES_DIR)
    return path


@pytest.fixture
def warehouse(tmp_path: Path, sources_dir: Path, built_fixture_warehouse: Path) -> Path:
    """A warehouse of the fixture sources (a private copy of the session's build, so a test may change it)."""
    path = tmp_path / "warehouse.duckdb"
    shutil.copyfile(built_fixture_warehouse, path)
    path.chmod(0o644)
    return path


# --- the user's own data: a user folder, small task logs ----------------------------------

USERDATA_FIXTURES = FIXTURES / "userdata"
TASKLOG_HEADER = ("task_id,project,skill,domain,worker_id,started_at,submitted_at,active_seconds,pay_usd,"
                  "status,reviewer_id,review_seconds")
GOOD_ROW = "t{n},p1,contract_review,law,w1,2025-01-06T09:00:00,2025-01-06T10:00:00,3000,50,accepted,r1,600"


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    return tmp_path / "user"


@pytest.fixture
def tiny_log(tmp_path: Path) -> Path:
    target = tmp_path / "tiny.csv"
    shutil.copy(USERDATA_FIXTURES / "tasklog_tiny.csv", target)
    return target


def write_log(path: Path, rows: list[str]) -> Path:
    """A task-log CSV with the standard header and the given data rows (row i is on line i + 2)."""
    path.write_text("\n".join([TASKLOG_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def good_rows(count: int, start: int = 1) -> list[str]:
    return [GOOD_ROW.format(n=n) for n in range(start, start + count)]


# --- which tests run: the browser and Spark tests in CI, or when asked for ----------------------------------

SLOW_MARKERS = ("browser", "spark")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--all", action="store_true", help="also run the browser and Spark tests (CI=true does too)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The default local run leaves out the browser and Spark tests (minutes each on two cores); CI runs them."""
    import os

    if config.getoption("--all") or os.environ.get("CI") or config.getoption("-m"):
        return
    kept, left_out = [], []
    for item in items:
        (left_out if any(item.get_closest_marker(m) for m in SLOW_MARKERS) else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept
