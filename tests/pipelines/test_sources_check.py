"""`datamoat sources check`: hard failures exit 1; stale, duplicate and unused sources are listed."""

from __future__ import annotations

import csv
import shutil
from datetime import date

from typer.testing import CliRunner

from datamoat.cli.main import app
from pipelines.sources_check import check_sources, months_between
from tests.conftest import FIXTURES


def append_row(path, **values):
    with path.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow([values.get(column, "") for column in header])


def test_months_between():
    assert months_between(date(2024, 5, 1), date(2025, 11, 30)) == 18


def test_fixture_sources_pass_and_old_prices_are_stale_later(sources_dir):
    today = check_sources(sources_dir)
    assert not today.failed
    far_future = check_sources(sources_dir, today=date(2100, 1, 1))
    assert far_future.stale and all("months old" in line for line in far_future.stale)


def test_an_unused_source_is_listed(sources_dir):
    append_row(sources_dir / "sources.csv", source_id="never-cited", title="Unused", publisher="Nobody",
               url="https://example.org/unused", date_published="2024", date_accessed="2026-11-22", kind="news",
               source_class="secondary")
    assert "never-cited" in check_sources(sources_dir).unused_sources


def _set_cells(path, line, **values):
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    for column, value in values.items():
        table[line - 1][table[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(table)


def _first_cited(sources_dir, table):
    with (sources_dir / table).open(encoding="utf-8") as handle:
        row = next(csv.DictReader(handle))
    with (sources_dir / "sources.csv").open(encoding="utf-8") as handle:
        line = next(i for i, r in enumerate(csv.DictReader(handle), start=2) if r["source_id"] == row["source_id"])
    return row["source_id"], line


def test_reported_figure_on_a_secondary_source_fails_the_class_rule(sources_dir):
    source_id, line = _first_cited(sources_dir, "skill_datasets.csv")
    _set_cells(sources_dir / "skill_datasets.csv", 2, confidence="reported")
    assert not check_sources(sources_dir).failed
    _set_cells(sources_dir / "sources.csv", line, source_class="secondary")
    report = check_sources(sources_dir)
    assert any(f"skill_datasets.csv:2: confidence: 'reported' rests on a secondary source ({source_id})" in p
               for p in report.hard)


def test_likely_needs_reputable_and_a_copy_counts_as_its_original(sources_dir):
    _, line = _first_cited(sources_dir, "skill_datasets.csv")
    _set_cells(sources_dir / "skill_datasets.csv", 2, confidence="likely")
    _set_cells(sources_dir / "sources.csv", line, source_class="reputable")
    assert not check_sources(sources_dir).failed
    _set_cells(sources_dir / "skill_datasets.csv", 2, confidence="reported")
    assert check_sources(sources_dir).failed  # reputable allows at most likely
    _set_cells(sources_dir / "sources.csv", line, source_class="copy", original_publisher="The Party",
               original_url="https://example.org/original", original_class="primary")
    report = check_sources(sources_dir)
    assert not report.failed  # a copy of a primary document may carry `reported`
    table = next(t for t in report.quality if t.table == "skill_datasets")
    assert table.by_class["copy"] >= 1


def test_quality_summary_counts_rows_per_class(sources_dir):
    _, line = _first_cited(sources_dir, "skill_datasets.csv")
    _set_cells(sources_dir / "skill_datasets.csv", 2, confidence="speculative")
    before = check_sources(sources_dir)
    _set_cells(sources_dir / "sources.csv", line, source_class="secondary")
    after = check_sources(sources_dir)
    table = lambda report: next(t for t in report.quality if t.table == "skill_datasets")
    assert table(after).by_class["secondary"] > table(before).by_class["secondary"]
    assert after.sound_share < before.sound_share


def test_missing_locator_fails_the_check_with_exit_1(sources_dir):
    shutil.copy(FIXTURES / "bad" / "missing_column" / "skill_datasets.csv", sources_dir)
    result = CliRunner().invoke(app, ["sources", "check", "--sources", str(sources_dir)])
    assert result.exit_code == 1
    assert "skill_datasets.csv:1: locator: missing column" in result.output


def test_clean_check_exits_0(sources_dir):
    result = CliRunner().invoke(app, ["sources", "check", "--sources", str(sources_dir)])
    assert result.exit_code == 0 and "OK: every hard rule holds" in result.output


def test_a_figure_without_an_as_of_date_is_aged_by_its_sources_publication_date(sources_dir):
    from pipelines.build import validate_subjects
    from pipelines.sources_check import figure_database
    from pipelines.subjects import SUBJECTS

    source_id, source_line = _first_cited(sources_dir, "vendor_metrics.csv")
    _set_cells(sources_dir / "vendor_metrics.csv", 2, as_of_date="")

    def aged(date_published: str) -> tuple:
        """The date line 2 is aged by, in its `_cited` view and in `figure_dates` (the build's own SQL)."""
        _set_cells(sources_dir / "sources.csv", source_line, date_published=date_published)
        frames, problems = validate_subjects(sources_dir, list(SUBJECTS), lambda *_: None)
        assert problems == []
        with figure_database(frames) as con:
            cited = con.execute("SELECT aged_by_date, aged_by FROM vendor_metrics_cited WHERE csv_line = 2").fetchone()
            listed = con.execute("SELECT aged_by_date, aged_by FROM figure_dates "
                                 "WHERE table_name = 'vendor_metrics' AND csv_line = 2").fetchone()
        assert cited == listed
        return cited

    assert aged("2023-05-17") == (date(2023, 5, 17), "source published")
    assert aged("") == (None, None)
    _set_cells(sources_dir / "vendor_metrics.csv", 2, as_of_date="2022-12-31")
    assert aged("2023-05-17") == (date(2022, 12, 31), "as of")
