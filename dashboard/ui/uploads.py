"""Checks every uploaded file passes before anything reads it: size, type by content, encoding, shape.

`check_upload(name, data, kind)` returns the decoded text (CSV, JSON) or the bytes (Parquet), or raises
`UploadRejected` with one sentence a reader can act on. It never touches the file system: the uploaded
name is only ever shown, through `display_name`, and never used as a path. No Streamlit import here.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterator
from typing import Any, Literal

Kind = Literal["csv", "json", "parquet"]

MAX_UPLOAD_ENV = "DATAMOAT_MAX_UPLOAD_MB"
DEFAULT_MAX_UPLOAD_MB = 200
MAX_COLUMNS = 200
MAX_LINE_CHARS = 1_000_000
MAX_JSON_DEPTH = 20
MAX_INT_DIGITS = 300  # a longer integer cannot become a float (the model's numbers are floats)
MAX_NAME_CHARS = 100
MEGABYTE = 1024 * 1024  # as Streamlit counts server.maxUploadSize

# Magic numbers of files that are not what an upload expects; checked on the first bytes.
COMPRESSED = {
    b"\x1f\x8b": "gzip", b"PK\x03\x04": "zip", b"PK\x05\x06": "zip", b"PK\x07\x08": "zip",
    b"BZh": "bzip2", b"\xfd7zXZ\x00": "xz", b"\x28\xb5\x2f\xfd": "zstd", b"7z\xbc\xaf\x27\x1c": "7z",
    b"Rar!\x1a\x07": "rar",
}
BINARY = {
    b"\x89PNG\r\n\x1a\n": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"%PDF": "a PDF document", b"\x7fELF": "an ELF executable", b"MZ": "a Windows executable",
    b"PAR1": "a Parquet file", b"SQLite format 3\x00": "an SQLite database", b"\xd0\xcf\x11\xe0": "an Office document",
}
UTF_BOMS = {b"\x00\x00\xfe\xff": "UTF-32", b"\xff\xfe\x00\x00": "UTF-32", b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16"}
OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}
NEWLINE = b"\n"
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]")
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


class UploadRejected(ValueError):
    """An upload refused before anything read it; `message` says why in one sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def max_upload_bytes() -> int:
    """The upload cap: `$DATAMOAT_MAX_UPLOAD_MB` megabytes when set to a positive number, else 200 MB."""
    raw = os.environ.get(MAX_UPLOAD_ENV, "").strip()
    try:
        megabytes = float(raw) if raw else DEFAULT_MAX_UPLOAD_MB
    except ValueError:
        megabytes = DEFAULT_MAX_UPLOAD_MB
    if not megabytes > 0 or megabytes != megabytes:
        megabytes = DEFAULT_MAX_UPLOAD_MB
    return int(megabytes * MEGABYTE)


def display_name(name: object) -> str:
    """The uploaded name as shown: its last path part, only [A-Za-z0-9._ -], at most 100 characters."""
    text = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _UNSAFE_NAME.sub("_", text)[:MAX_NAME_CHARS].strip(" .")
    return cleaned or "upload"


def check_upload(name: str, data: bytes, kind: Kind, max_bytes: int | None = None) -> str | bytes:
    """The upload's text (csv, json) or bytes (parquet) once every check passed; else UploadRejected."""
    limit = max_upload_bytes() if max_bytes is None else max_bytes
    if not isinstance(data, bytes | bytearray | memoryview):
        raise UploadRejected(f"{display_name(name)}: not file contents")
    data = bytes(data)
    _check_common(data, limit, kind)
    if kind == "parquet":
        return _check_parquet(data)
    text = decode_utf8(data)
    if not text.strip():
        raise UploadRejected("the file contains only whitespace")
    if kind == "csv":
        check_csv_text(text)
    elif kind == "json":
        load_json_text(text)
    else:
        raise UploadRejected(f"unknown upload kind {kind!r}")
    return text


def load_json(name: str, data: bytes, max_bytes: int | None = None) -> Any:
    """The parsed JSON value of an upload that passes `check_upload(..., "json")`."""
    return load_json_text(check_upload(name, data, "json", max_bytes))


def _check_common(data: bytes, limit: int, kind: Kind) -> None:
    if len(data) > limit:
        raise UploadRejected(f"file is {len(data):,} bytes; the limit is {limit:,}")
    if not data:
        raise UploadRejected("the file is empty")
    for magic, label in COMPRESSED.items():
        if data.startswith(magic):
            raise UploadRejected(f"compressed archives are not accepted (this is {label}); upload the plain file")
    if kind == "parquet":
        return
    for magic, label in BINARY.items():
        if data.startswith(magic):
            raise UploadRejected(f"this is {label}, not {kind.upper()} text")
    for bom, label in UTF_BOMS.items():
        if data.startswith(bom):
            raise UploadRejected(f"the file is {label} text; save it as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(NEWLINE, 0, nul) + 1
        raise UploadRejected(f"NUL byte on line {line}: binary data, not {kind.upper()} text")


def decode_utf8(data: bytes) -> str:
    """UTF-8 text (a leading byte-order mark dropped); else UploadRejected naming the first bad byte's line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(NEWLINE, 0, error.start) + 1
        byte = data[error.start]
        raise UploadRejected(f"not UTF-8: byte 0x{byte:02X} on line {line} (mixed encodings? save the file as UTF-8)") from None


def _check_parquet(data: bytes) -> bytes:
    if len(data) < 12 or not data.startswith(b"PAR1") or not data.endswith(b"PAR1"):
        raise UploadRejected("not a Parquet file (it must start and end with PAR1)")
    footer = int.from_bytes(data[-8:-4], "little")
    if footer <= 0 or footer > len(data) - 12:
        raise UploadRejected("damaged Parquet file: its footer length does not fit the file")
    return data


# CSV -------------------------------------------------------------------------------------------------


def _bounded_lines(text: str) -> Iterator[str]:
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if len(line) > MAX_LINE_CHARS:
            if number == 1 and line.count(",") + 1 > MAX_COLUMNS:
                raise UploadRejected(f"the header has {line.count(',') + 1:,} columns; the limit is {MAX_COLUMNS}")
            raise UploadRejected(f"line {number} is {len(line):,} characters long; the limit is {MAX_LINE_CHARS:,}")
        yield line


def check_csv_text(text: str) -> None:
    """Comma-separated, a header and rows as wide as it, at most 200 columns, lines ≤ 1 MB, quotes closed."""
    lines = _bounded_lines(text)
    reader = csv.reader(lines, strict=True)
    previous = 0
    width = None
    rows = 0
    try:
        for row in reader:
            start, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if width is None:
                width = _check_header(row)
                continue
            rows += 1
            if len(row) != width:
                hint = _delimiter_hint(row)
                raise UploadRejected(f"line {start} has {len(row)} field(s); the header has {width}{hint}")
    except csv.Error as error:
        opened = previous + 1
        if "end of data" in str(error):
            raise UploadRejected(f"a quote opened on line {opened} never closes") from None
        if "field larger" in str(error):
            raise UploadRejected(f"line {opened}: a quote never closes, or a field is longer than "
                                 f"{csv.field_size_limit():,} characters") from None
        raise UploadRejected(f"line {reader.line_num}: malformed CSV ({error})") from None
    if width is None:
        raise UploadRejected("the file contains only whitespace")
    if rows == 0:
        raise UploadRejected("the file has a header but no data rows")


def _check_header(row: list[str]) -> int:
    if len(row) > MAX_COLUMNS:
        raise UploadRejected(f"the header has {len(row):,} columns; the limit is {MAX_COLUMNS}")
    if len(row) == 1:
        hint = _delimiter_hint(row)
        if hint:
            raise UploadRejected(f"the header has one column{hint}")
    return len(row)


def _delimiter_hint(row: list[str]) -> str:
    joined = ",".join(row)
    for delimiter, label in OTHER_DELIMITERS.items():
        if delimiter in joined:
            return f": the file looks separated by {label}; datamoat expects commas"
    return ""


# JSON ------------------------------------------------------------------------------------------------


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects, ignoring brackets inside strings (no recursion)."""
    depth = deepest = 0
    for token in _JSON_TOKENS.finditer(text):
        mark = token.group()
        if mark in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_JSON_DEPTH:
                    return deepest
        elif mark in "]}":
            depth -= 1
    return deepest


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise UploadRejected(f"duplicate key {key[:60]!r} in one object")
        seen[key] = value
    return seen


def _no_constant(name: str) -> float:
    raise UploadRejected(f"{name} is not valid JSON (use a number or null)")


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise UploadRejected(f"a number of {len(digits):,} digits is too large")
    return int(digits)


def load_json_text(text: str) -> Any:
    """Parse JSON refusing deep nesting, duplicate keys, NaN/Infinity and absurdly long integers."""
    depth = json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise UploadRejected(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant, parse_int=_bounded_int)
    except json.JSONDecodeError as error:
        raise UploadRejected(f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None
    except RecursionError:
        raise UploadRejected(f"JSON nested deeper than {MAX_JSON_DEPTH} levels") from None
