"""Every bad-input case: the report names the right file, line and column, and the warehouse is untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipelines.build import build
from pipelines.problems import InvalidData
from tests.conftest import FIXTURES, sha256

BAD = FIXTURES / "bad"

# case → (file, line, column, words the message must contain)
REFUSED = {
    "missing_column": ("skill_datasets.csv", 1, "locator", "missing column"),
    "unknown_column": ("skill_datasets.csv", 1, "colour", "unknown column"),
    "wrong_type": ("skill_datasets.csv", 3, "item_count", "wrong type (got 'many'"),
    "negative_money": ("skill_datasets.csv", 2, "cost_usd", "negative value (got '-5'"),
    "negative_count": ("skill_datasets.csv", 2, "item_count", "negative value"),
    "low_above_high": ("vendor_metrics.csv", 2, "low", "low above"),
    "unknown_source_id": ("skill_datasets.csv", 2, "source_id", "unknown source_id (got 'no-such-source'"),
    "duplicate_key": ("skill_datasets.csv", 0, "dataset", "duplicate key"),
    "unparseable_date": ("sources.csv", 2, "date_published", "unparseable date"),
    "future_date": ("sources.csv", 2, "date_accessed", "future"),
    "empty_file": ("skill_datasets.csv", 1, "", "file is empty"),
    "non_utf8": ("skill_datasets.csv", 3, "skill", "not UTF-8"),
    "url_not_http": ("sources.csv", 2, "url", "http:// or https://"),
    "copy_without_original": ("sources.csv", 2, "original_publisher", "copy without its original"),
    "unknown_value": ("skill_datasets.csv", 2, "artifact_type", "unknown value (got 'vibes'"),
    "unknown_domain": ("skill_datasets.csv", 2, "domain", "unknown domain (got 'astrology'"),
    "ragged_row": ("skill_datasets.csv", 0, "", "row has 3 fields"),
    "unclosed_quote": ("skill_datasets.csv", 0, "", "unreadable CSV"),
}
ACCEPTED = ["utf8_bom_accepted", "crlf_accepted"]


def overlay(case: str, sources_dir: Path) -> None:
    for bad_file in (BAD / case).iterdir():
        shutil.copy(bad_file, sources_dir / bad_file.name)


def test_every_case_folder_is_covered():
    assert sorted(p.name for p in BAD.iterdir() if p.is_dir()) == sorted([*REFUSED, *ACCEPTED])


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_bad_input_is_reported_and_the_warehouse_is_unchanged(case, warehouse, sources_dir):
    file_name, line, column, words = REFUSED[case]
    before = sha256(warehouse)
    overlay(case, sources_dir)
    with pytest.raises(InvalidData) as raised:
        build(warehouse, sources_dir, force=True)
    matching = [p for p in raised.value.problems
                if p.path.endswith(file_name) and p.column == column and words in p.message
                and (line == 0 or p.line == line)]
    assert matching, f"no problem for {file_name}:{line}: {column}: …{words}… in:\n{raised.value}"
    assert sha256(warehouse) == before
    assert not list(warehouse.parent.glob(f".{warehouse.name}.building-*"))


def test_duplicate_key_names_the_repeated_line_and_the_first(warehouse, sources_dir):
    overlay("duplicate_key", sources_dir)
    last_line = len((sources_dir / "skill_datasets.csv").read_text(encoding="utf-8").splitlines())
    with pytest.raises(InvalidData) as raised:
        build(warehouse, sources_dir, force=True)
    [problem] = [p for p in raised.value.problems if "duplicate key" in p.message]
    assert problem.line == last_line and "first on line 2" in problem.message


def test_ragged_and_unclosed_rows_are_placed_on_the_appended_line(warehouse, sources_dir):
    good_lines = len((sources_dir / "skill_datasets.csv").read_text(encoding="utf-8").splitlines())
    for case in ("ragged_row", "unclosed_quote"):
        overlay(case, sources_dir)
        with pytest.raises(InvalidData) as raised:
            build(warehouse, sources_dir, force=True)
        assert [p.line for p in raised.value.problems] == [good_lines + 1], case


@pytest.mark.parametrize("case", ACCEPTED)
def test_bom_and_crlf_are_accepted_and_change_no_row(case, tmp_path, sources_dir):
    plain = tmp_path / "plain.duckdb"
    build(plain, sources_dir)
    overlay(case, sources_dir)
    result = build(plain, sources_dir)
    assert result.status == "built"
    table = next(d for d in result.diffs if d.table == "skill_datasets")
    assert table.is_empty


def test_all_problems_come_in_one_pass(warehouse, sources_dir):
    overlay("negative_money", sources_dir)
    overlay("url_not_http", sources_dir)
    with pytest.raises(InvalidData) as raised:
        build(warehouse, sources_dir, force=True)
    files = {Path(p.path).name for p in raised.value.problems}
    assert {"skill_datasets.csv", "sources.csv"} <= files


def test_report_is_capped_with_a_count_of_the_rest():
    from pipelines.problems import Problem, format_report

    problems = [Problem("x.csv", line, "value", "bad") for line in range(2, 80)]
    report = format_report(problems, shown=10)
    assert report.count("x.csv:") == 10
    assert "68 more problems not shown" in report
