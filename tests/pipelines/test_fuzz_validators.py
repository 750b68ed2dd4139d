"""Property-based fuzzing of the CSV readers and validators: any bytes give problems, never a crash."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.subjects import SUBJECTS
from pipelines.validate import validate_file

SKILLS = SUBJECTS["skill_datasets"]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "-1", "1e309", "nan", "inf", "2999-01-01", "0", "12", "=cmd()", "\x00", "\"", "\r"]),
)


def write(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "skill_datasets.csv"
    path.write_bytes(content)
    return path


@FUZZ
@given(content=st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(tmp_path_factory, content):
    result = validate_file(SKILLS, write(tmp_path_factory.mktemp("fuzz"), content))
    assert result.frame is not None or result.problems
    assert all(p.path.endswith("skill_datasets.csv") for p in result.problems)


@FUZZ
@given(rows=st.lists(st.lists(cell, min_size=len(SKILLS.columns), max_size=len(SKILLS.columns)), max_size=8))
def test_every_row_is_either_kept_or_reported(tmp_path_factory, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SKILLS.columns)
    writer.writerows(rows)
    path = write(tmp_path_factory.mktemp("fuzz"), buffer.getvalue().encode("utf-8", "surrogatepass"))
    result = validate_file(SKILLS, path)
    if result.frame is None:
        assert result.problems
        return
    reported_lines = {p.line for p in result.problems}
    kept_lines = set(result.frame["_line"])
    assert not (reported_lines & kept_lines), "a row was both kept and reported"
    data_lines = {line for line in result.raw.lines}
    assert kept_lines | reported_lines >= data_lines
    for value in result.frame["item_count"]:
        assert value >= 0
