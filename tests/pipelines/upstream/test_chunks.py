"""Upstream rows are validated and turned into frames a chunk at a time (so the parsing thread never holds the GIL
for a whole snapshot), with exactly the outcome of validating and building them one by one."""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal
from pydantic import Field

from pipelines.upstream import rows as rows_module
from pipelines.upstream.base import CHUNK_ROWS, LongText, UpstreamRow, UpstreamTable, chunks
from pipelines.upstream.rows import validate_records


class CountRow(UpstreamRow):
    name: LongText
    count: int | None = Field(default=None, ge=0)
    share: float | None = Field(default=None, ge=0, le=1)


COUNTS = UpstreamTable("counts", CountRow, ("name",), "a small table for the chunk tests")
BAD_AT = {0: {"count": -1}, CHUNK_ROWS - 1: {"name": ""}, CHUNK_ROWS: {"share": 2.0, "count": "many"}}


def numbered_records(total: int) -> list[tuple[int, dict]]:
    """Records 1…total; those at the positions of BAD_AT break one or two rules, and every seventh has no count."""
    records = []
    for index in range(total):
        record = {"name": f"n{index}", "count": None if index % 7 == 0 else index, "share": (index % 10) / 10,
                  "confidence": "likely", "source_id": "upstream-test-1", "upstream_file": "counts.json",
                  "upstream_row": index + 1}
        records.append((index + 1, record | BAD_AT.get(index, {})))
    records[-1][1]["count"] = -5  # the last row of the last, partial chunk is bad too
    return records


def test_chunks_cover_the_list_in_order_with_none_longer_than_the_size():
    items = list(range(2 * CHUNK_ROWS + 3))
    pieces = list(chunks(items))
    assert [len(p) for p in pieces] == [CHUNK_ROWS, CHUNK_ROWS, 3]
    assert [x for piece in pieces for x in piece] == items
    assert list(chunks([])) == []


def test_validating_in_chunks_keeps_and_rejects_exactly_what_row_by_row_validation_does():
    records = numbered_records(3 * CHUNK_ROWS + 5)
    good, rejects = validate_records("counts.json", records, CountRow)
    one_by_one = [validate_records("counts.json", [record], CountRow) for record in records]
    assert good == [row for kept, _ in one_by_one for row in kept]
    assert rejects == [reject for _, rejected in one_by_one for reject in rejected]
    assert {r.row for r in rejects} == {1, CHUNK_ROWS, CHUNK_ROWS + 1, len(records)}
    assert len(good) == len(records) - 4


def test_no_validator_call_sees_more_than_one_chunk_of_rows(monkeypatch):
    sizes = []
    validate_chunk = rows_module._validate_chunk

    def counted(file, numbered, adapter):
        sizes.append(len(numbered))
        return validate_chunk(file, numbered, adapter)

    monkeypatch.setattr(rows_module, "_validate_chunk", counted)
    validate_records("counts.json", numbered_records(2 * CHUNK_ROWS + 1), CountRow)
    assert sizes == [CHUNK_ROWS, CHUNK_ROWS, 1]


def test_a_frame_built_in_chunks_equals_the_frame_built_at_once():
    good, _ = validate_records("counts.json", numbered_records(2 * CHUNK_ROWS + 9), CountRow)
    good[0]["count"] = None  # a first chunk whose first value is empty still keeps the column's type
    expected = pl.from_dicts(good, schema=COUNTS.polars_schema())
    built = COUNTS.frame(good)
    assert_frame_equal(built, expected)
    assert built.n_chunks() == 1
    assert_frame_equal(COUNTS.frame([]), COUNTS.empty())
