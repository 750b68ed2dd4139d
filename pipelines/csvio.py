"""Reading a curated CSV safely: encoding, BOM, line ends, shape, then Polars with explicit dtypes."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.problems import Problem, display_path


@dataclass(frozen=True)
class RawTable:
    """A CSV read as text: its header, every cell as a string or null, and each row's first line."""

    path: Path
    header: list[str]
    frame: pl.DataFrame
    lines: list[int]


def decode_utf8(path: Path, data: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 text without BOM and with LF line ends, or a problem for each line that is not UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, _non_utf8_problems(path, data)
    text = text.replace("\r\n", "\n")
    return (text if "\n" in text else text.replace("\r", "\n")), []


def _cells(line: str) -> list[str]:
    """A best-effort split of one line into cells, for naming the column of a bad byte."""
    try:
        return next(csv.reader([line.replace("\r", "")]), [])
    except csv.Error:
        return line.replace("\r", "").split(",")


def _non_utf8_problems(path: Path, data: bytes) -> list[Problem]:
    header = _cells(data.split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff"))
    problems = []
    for number, raw_line in enumerate(data.split(b"\n"), start=1):
        try:
            raw_line.decode("utf-8")
        except UnicodeDecodeError as error:
            cells = _cells(raw_line.decode("utf-8", "replace"))
            index = next((i for i, cell in enumerate(cells) if "\ufffd" in cell), 0)
            column = header[index] if index < len(header) else f"column {index + 1}"
            bad = raw_line[error.start : error.start + 4]
            problems.append(Problem(display_path(path), number, column,
                                    f"bytes that are not UTF-8 (got {bad!r}, expected UTF-8 text)"))
    return problems


def scan_records(path: Path, text: str) -> tuple[list[str], list[int], list[Problem]]:
    """The header and the first line of every record; problems for ragged rows and open quotes."""
    shown = display_path(path)
    reader = csv.reader(io.StringIO(text), strict=True)
    starts, problems, header, previous_end = [], [], [], 0
    try:
        for record in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not header:
                header = [name.strip() for name in record]
                problems.extend(_header_duplicates(shown, header))
                continue
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                problems.append(Problem(shown, start, "", f"row has {len(record)} fields "
                                                          f"(expected {len(header)}, one per header column)"))
            starts.append(start)
    except csv.Error as error:
        problems.append(Problem(shown, previous_end + 1, "", f"unreadable CSV: {error} (a quote that never closes?)"))
    return header, starts, problems


def _header_duplicates(shown: str, header: list[str]) -> list[Problem]:
    seen = set()
    duplicates = [name for name in header if name in seen or seen.add(name)]
    return [Problem(shown, 1, name, "column appears twice in the header (expected each once)") for name in duplicates]


def read_raw(path: Path) -> tuple[RawTable | None, list[Problem]]:
    """Read a CSV into strings with Polars after checking bytes and shape; None when unreadable."""
    shown = display_path(path)
    data = path.read_bytes()
    text, problems = decode_utf8(path, data)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(shown, 1, "", "file is empty (expected a header row and data rows)")]
    header, starts, problems = scan_records(path, text)
    if problems:
        return None, problems
    try:
        frame = pl.read_csv(
            io.BytesIO(text.encode("utf-8")),
            schema={name: pl.String for name in header},
            has_header=False,
            skip_rows=1,
            quote_char='"',
        ).filter(~pl.all_horizontal(pl.all().is_null()))
    except pl.exceptions.PolarsError as error:
        return None, [Problem(shown, 0, "", f"unreadable CSV: {str(error).splitlines()[0]}")]
    if frame.height != len(starts):
        return None, [Problem(shown, 0, "", f"unreadable CSV: {frame.height} rows read but {len(starts)} records found "
                                            "(a line break or carriage return inside a quoted field?)")]
    frame = frame.with_columns(pl.col(pl.String).str.strip_chars()).with_columns(
        pl.when(pl.col(name) == "").then(None).otherwise(pl.col(name)).alias(name) for name in header
    )
    return RawTable(path=path, header=header, frame=frame, lines=starts), []
