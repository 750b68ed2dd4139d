"""The frame check gives what the row model gives, row by row: the same rows kept with the same values, the same
rows kept aside with the same reasons — whatever text the cells hold."""

from __future__ import annotations

import typing
from datetime import date

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal
from pydantic import ConfigDict, Field, field_validator

from pipelines.upstream import frame_check
from pipelines.upstream.base import Amount, LongText, UpstreamRow, UpstreamTable
from pipelines.upstream.bls_oews import OCCUPATION_WAGES
from pipelines.upstream.epoch_models import AI_MODELS
from pipelines.upstream.frame_check import field_rules, validate_frame
from pipelines.upstream.rows import validate_records


class EveryKindRow(UpstreamRow):
    code: str = Field(pattern=r"^\d{2}-\d{4}$")
    title: LongText
    level: typing.Literal["total", "major", "detailed"]
    count: int | None = Field(default=None, ge=0)
    year: int = Field(ge=1997, le=2100)
    amount: Amount | None = None
    ratio: float | None = Field(default=None, gt=0, lt=10)
    any_float: float | None = None
    floor_only: float | None = Field(default=None, ge=0)  # NaN passes no bound in Pydantic, yet sorts above all in Polars
    day: date | None = None
    flag: bool = False


EVERY_KIND = UpstreamTable("every_kind", EveryKindRow, ("code",), "a table with a field of every kind")
TRICKY = ["", " ", "0", "-0", "+5", "7", "0012", "1.0", "1.5", "1_000", "1e3", "1e500", "-1e500", "inf", "-inf", "nan",
          "NaN", "Infinity", ".5", "5.", "1e", "0x10", " 12", "12 ", "12\t", "\xa012", "\x1c12", "٣", "2024-01-05",
          "2024-1-5", "2024-01-05T00:00:00", "20240105", "2024-02-30", "12-3456", "12-34567", "ab-cdef", "total", " total",
          "Total", "major", "detailed", "true", "-3", "9.99", "10", "2101", "1996", "x" * 30]
PLAIN = {  # text each column holds in a plain row
    "code": st.from_regex(r"\d{2}-\d{4}", fullmatch=True),
    "title": st.text(min_size=1, max_size=8),
    "level": st.sampled_from(["total", "major", "detailed"]),
    "count": st.one_of(st.none(), st.integers(0, 10**9).map(str)),
    "year": st.integers(1997, 2100).map(str),
    "amount": st.one_of(st.none(), st.floats(0, 1e12).map(repr)),
    "ratio": st.one_of(st.none(), st.floats(0.001, 9.999).map(str)),
    "any_float": st.one_of(st.none(), st.floats().map(repr)),
    "floor_only": st.one_of(st.none(), st.floats(0, 1e6).map(repr)),
    "day": st.one_of(st.none(), st.dates().map(date.isoformat)),
}
NUMBER_EDGES = ["0", "-0", "0.0", "10", "inf", "-inf", "nan", "1e500", "1_000", "1.0", " 5", "5 ", "+5", "1e3"]
TEXT_EDGES = [" x", "x ", "\x1cx", "x\xa0", "\u3000x", ""]
EDGES = {"day": ["2024-1-5", "2024-02-30", "20240105", "2024-01-05T00:00:00", " 2024-01-05"],
         **{c: TEXT_EDGES for c in ("code", "title", "level")},
         **{c: NUMBER_EDGES for c in ("count", "year", "amount", "ratio", "any_float", "floor_only")}}


def odd_cell(column: str) -> st.SearchStrategy:
    return st.one_of(st.sampled_from(EDGES[column]), st.none(), st.sampled_from(TRICKY), st.text(max_size=6))


@st.composite
def rows_with_odd_cells(draw) -> dict:
    """A plain row with one or two cells swapped for odd text: most rows pass, and the odd ones sit in rows that
    would pass but for them."""
    row = draw(st.fixed_dictionaries(PLAIN))
    for column in draw(st.lists(st.sampled_from(sorted(PLAIN)), max_size=2)):
        row[column] = draw(odd_cell(column))
    return row


def by_pydantic(frame: pl.DataFrame, table: UpstreamTable) -> tuple[pl.DataFrame, list]:
    """The row model's own answer, one row at a time."""
    kept, rejects = [], []
    for row in frame.iter_rows(named=True):
        good, bad = validate_records(row["upstream_file"], [(row["upstream_row"], row)], table.row_model)
        kept += good
        rejects += bad
    return table.frame(kept), rejects


def text_frame(rows: list[dict]) -> pl.DataFrame:
    """The rows as text, alternately from two files, numbered as an upstream file's rows are."""
    return pl.DataFrame(
        [{**row, "confidence": "likely", "source_id": "upstream-x-1", "upstream_file": f"{'ab'[n % 2]}.csv",
          "upstream_row": n // 2 + 2} for n, row in enumerate(rows)],
        schema={**{c: pl.String for c in rows[0]}, "confidence": pl.String, "source_id": pl.String,
                "upstream_file": pl.String, "upstream_row": pl.Int64},
    )


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(rows_with_odd_cells(), min_size=1, max_size=12))
def test_the_frame_check_agrees_with_the_row_model_on_any_text(rows):
    frame = text_frame(rows)
    kept, rejects = validate_frame(frame, EVERY_KIND)
    expected, expected_rejects = by_pydantic(frame, EVERY_KIND)
    assert_frame_equal(kept, expected)
    assert sorted(map(repr, rejects)) == sorted(map(repr, expected_rejects))


PLAIN_ROW = {"code": "15-1252", "title": "Title", "level": "major", "count": "12", "year": "2024", "amount": "5.5",
             "ratio": "0.5", "any_float": "1.5", "floor_only": "2", "day": "2024-05-01"}


def test_every_odd_value_in_every_column_gets_the_row_models_answer():
    """Deterministic: a plain row with one cell swapped for each odd value, for every column."""
    rows = [PLAIN_ROW] + [{**PLAIN_ROW, column: odd} for column in PLAIN for odd in [*EDGES[column], *TRICKY, None]]
    frame = text_frame(rows)
    kept, rejects = validate_frame(frame, EVERY_KIND)
    expected, expected_rejects = by_pydantic(frame, EVERY_KIND)
    assert_frame_equal(kept, expected)
    assert sorted(map(repr, rejects)) == sorted(map(repr, expected_rejects))
    assert 0 < len(rejects) < len(rows)  # the rows differ: some kept, some refused


def test_plain_rows_are_kept_typed_without_the_row_model_and_doubtful_ones_go_to_it(monkeypatch):

    frame = text_frame([
        {"code": "15-1252", "title": "Software developers", "level": "detailed", "count": "1_000", "year": "2024",
         "amount": "12.5", "ratio": None, "any_float": "-inf", "day": "2024-05-01"},
        {"code": "15-1252", "title": "Typists", "level": "detailed", "count": "12", "year": "2024",
         "amount": "-1", "ratio": "0.5", "any_float": None, "day": None},
        {"code": "00-0000", "title": "All", "level": "total", "count": "3", "year": "2025",
         "amount": "1e3", "ratio": "9.5", "any_float": "2", "day": "2025-01-31"},
    ])
    seen = []

    def row_model_sees(file, records, model):
        seen.append((file, [n for n, _ in records]))
        return validate_records(file, records, model)

    monkeypatch.setattr(frame_check, "validate_records", row_model_sees)
    kept, rejects = validate_frame(frame, EVERY_KIND)
    # `1_000` Polars cannot read and `-1` breaks ≥ 0: both rows go to the row model, the plain third row does not
    assert seen == [("a.csv", [2]), ("b.csv", [2])]
    assert kept["upstream_file"].to_list() == ["a.csv", "a.csv"] and kept["count"].to_list() == [1000, 3]
    assert kept.schema["day"] == pl.Date and kept["amount"].to_list() == [12.5, 1000.0]
    assert [(r.file, r.row, r.column) for r in rejects] == [("b.csv", 2, "amount")]


def test_a_model_the_frame_check_cannot_follow_is_refused():
    class WithValidator(UpstreamRow):
        day: date | None = None

        @field_validator("day", mode="before")
        @classmethod
        def _day(cls, value):
            return value

    class RefusingExtras(UpstreamRow):
        model_config = ConfigDict(extra="forbid")

    class WithFactory(UpstreamRow):
        tags: str = Field(default_factory=str)

    with pytest.raises(TypeError, match="validators of its own"):
        field_rules(WithValidator)
    with pytest.raises(TypeError, match="refuses extra fields"):
        field_rules(RefusingExtras)
    with pytest.raises(TypeError, match="default factory"):
        field_rules(WithFactory)


@pytest.mark.parametrize("table", [OCCUPATION_WAGES, AI_MODELS], ids=lambda t: t.name)
def test_the_upstream_row_models_it_checks_are_ones_it_can_follow(table):
    assert {rule.name for rule in field_rules(table.row_model)} == set(table.columns)
