"""Dashboard fixtures: the app, run through its entry point against a warehouse built from the fixtures."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ENTRY = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    """A fixture CSV's rows, read with the standard library, independently of the pipeline."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row for row in csv.DictReader(handle) if any((v or "").strip() for v in row.values())]


@pytest.fixture(scope="session")
def shared_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One warehouse built from the fixture sources for every test that only reads it (one per xdist worker)."""
    from pipelines.build import build
    from tests.conftest import FIXTURE_SOURCES

    path = tmp_path_factory.mktemp("shared-warehouse") / "warehouse.duckdb"
    build(path, FIXTURE_SOURCES)
    return path


@pytest.fixture
def on_shared_warehouse(shared_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app reads the shared warehouse; the reader's own data (saved scenarios, uploads) goes to this test's folder."""
    monkeypatch.setenv("DATAMOAT_WAREHOUSE", str(shared_warehouse))
    monkeypatch.setenv("DATAMOAT_USER_DIR", str(tmp_path / "user"))
    return shared_warehouse


@pytest.fixture
def app_on_fixture(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], AppTest]:
    """Open one page of the app (by its file under app_pages/) against the fixture warehouse."""
    monkeypatch.setenv("DATAMOAT_WAREHOUSE", str(warehouse))

    def open_page(page: str) -> AppTest:
        at = AppTest.from_file(ENTRY, default_timeout=60)
        at.run()
        assert not at.exception, at.exception
        at.switch_page(f"app_pages/{page}").run()
        assert not at.exception, at.exception
        return at

    return open_page


def all_text(at: AppTest) -> str:
    """Every piece of text the run put on screen: markdown, captions, titles and table cells."""
    parts = [e.value for kind in ("markdown", "caption", "title", "header", "subheader", "info", "code")
             for e in getattr(at, kind)]
    parts += [df.value.to_csv() for df in at.dataframe]
    return "\n".join(str(p) for p in parts)
