"""Every download path neutralises spreadsheet formulas: CSV as shown, CSV in full and the ZIP."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import polars as pl
import pytest
from streamlit.delta_generator import DeltaGenerator

from dashboard.ui import tables
from dashboard.ui.uploads import check_upload
from tests.fixtures.make_hostile import HOSTILE_DIR

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
RISKY = ("=", "+", "-", "@", "\t", "\r")
# download_button calls outside tables.show_table, and why they cannot carry a table's cells
OTHER_DOWNLOADS = {"charts.py": "chart images (PNG, SVG)", "scenarios.py": "the scenario JSON"}


def hostile_frame() -> pl.DataFrame:
    text = check_upload("formulas.csv", (HOSTILE_DIR / "formulas.csv").read_bytes(), "csv")
    frame = pl.read_csv(io.StringIO(text), infer_schema=False)
    return frame.with_columns(source_id=pl.lit("src-a"), n=pl.lit(-3))


def cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8"))) for cell in row]


def assert_neutral(data: bytes) -> None:
    found = cells(data)
    assert any(c.startswith("'=cmd") for c in found), found
    for cell in found:
        assert not cell.startswith(RISKY) or is_number(cell), cell


def is_number(cell: str) -> bool:
    """A numeric column's negative value is a number to a spreadsheet, not a formula."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_the_corpus_formulas_are_accepted_as_data_and_neutralised_on_export():
    frame = hostile_frame()
    assert frame["vendor"][0] == "=cmd|' /C calc'!A0"  # imported untouched
    assert_neutral(tables.to_csv(frame))


def test_every_download_of_show_table_is_neutralised(monkeypatch: pytest.MonkeyPatch, warehouse: Path):
    monkeypatch.setenv("DATAMOAT_WAREHOUSE", str(warehouse))
    captured: dict[str, object] = {}

    def record(self, label, data, file_name=None, **kwargs):
        captured[file_name] = data

    monkeypatch.setattr(DeltaGenerator, "download_button", record)
    frame = hostile_frame()
    tables.show_table(frame.head(2), frame, "hostile table")
    assert set(captured) == {"hostile-table-shown.csv", "hostile-table-all.csv", "hostile-table.zip"}
    payloads = {name: data() if callable(data) else data for name, data in captured.items()}
    assert_neutral(payloads["hostile-table-shown.csv"])
    assert_neutral(payloads["hostile-table-all.csv"])
    assert len(cells(payloads["hostile-table-all.csv"])) > len(cells(payloads["hostile-table-shown.csv"]))
    with zipfile.ZipFile(io.BytesIO(payloads["hostile-table.zip"])) as archive:
        assert set(archive.namelist()) == {"data.csv", "sources.csv", "README.txt"}
        assert_neutral(archive.read("data.csv"))
        for cell in cells(archive.read("sources.csv")):
            assert not cell.startswith(RISKY) or is_number(cell)


def test_no_other_code_writes_table_downloads():
    """A new download path must go through tables.to_csv / to_zip (or be listed here with its reason)."""
    for path in DASHBOARD.rglob("*.py"):
        text = path.read_text()
        if path.name != "tables.py":
            assert ".write_csv(" not in text, f"{path}: CSV written outside dashboard/ui/tables.py"
            if "download_button(" in text:
                assert path.name in OTHER_DOWNLOADS, f"{path}: a download_button outside tables.show_table"
    charts = (DASHBOARD / "ui" / "charts.py").read_text()
    assert re.findall(r"download_button\([^)]*mime=\"([^\"]+)\"", charts.replace("\n", " ")) or "image/" in charts
