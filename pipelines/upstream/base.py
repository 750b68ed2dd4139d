"""What every upstream source declares, once: who publishes it, where, under which licence, and how it
becomes warehouse tables. Each source is one module `pipelines/upstream/<name>.py` holding one
`SOURCE = UpstreamSource(...)`; adding a source is copying a module and registering it in `registry.py`.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from pipelines.column_types import polars_type
from pipelines.fields import Confidence, SourceClass
from pipelines.problems import Problem
from pipelines.upstream.origin import Licence, Origin
from pipelines.upstream.snapshots import SOURCE_ID_PREFIX
from pipelines.upstream.storage import Storage

MAX_BAD_ROW_SHARE = 0.05
# Rows handed to Pydantic (or Polars) in one call at most. Each call holds the GIL throughout, and the build's
# writing thread waits on it: a call over a whole snapshot held it for up to 46 ms, a chunk takes about a millisecond.
CHUNK_ROWS = 256


def chunks(items: list, size: int = CHUNK_ROWS) -> Iterator[list]:
    """The list in consecutive pieces of at most `size` items."""
    return (items[start:start + size] for start in range(0, len(items), size))


class UpstreamRow(BaseModel):
    """A warehouse row from an upstream file: its own columns, then where it came from and how sure it is."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    confidence: Confidence = Field(description="reported, likely or speculative, mapped from the producer's own labels")
    source_id: str = Field(description="the snapshot in `sources` this row comes from (upstream-<source>-<version>)")
    upstream_file: str = Field(description="the upstream file(s) the row was read from")
    upstream_row: int | None = Field(default=None, description="the row's number in that file (header = 1), or its entry")


@dataclass(frozen=True)
class UpstreamTable:
    """One warehouse table written from an upstream source."""

    name: str
    row_model: type[UpstreamRow]
    key_columns: tuple[str, ...]
    description: str
    derived_by_sql: bool = False

    @property
    def columns(self) -> list[str]:
        own = [c for c in self.row_model.model_fields if c not in UpstreamRow.model_fields]
        return own + list(UpstreamRow.model_fields)

    def polars_schema(self) -> dict[str, pl.DataType]:
        fields = self.row_model.model_fields
        return {name: polars_type(fields[name].annotation) for name in self.columns}

    def empty(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.polars_schema())

    def frame(self, rows: list[dict]) -> pl.DataFrame:
        """The rows as a frame of this table's schema, built a chunk at a time (see CHUNK_ROWS)."""
        if not rows:
            return self.empty()
        schema = self.polars_schema()
        return pl.concat([pl.from_dicts(chunk, schema=schema) for chunk in chunks(rows)], rechunk=True)


@dataclass(frozen=True)
class Reject:
    """An upstream row kept aside: which file and row, which column, and why."""

    file: str
    row: int | None
    column: str
    reason: str
    value: str | None = None
    snapshot: str | None = None


@dataclass
class Snapshot:
    """One snapshot: the upstream bytes of each file and, once written, its origin record (None while being taken)."""

    source: str
    version: str
    folder: Path
    origin: Origin | None
    files: dict[str, bytes]

    @property
    def source_id(self) -> str:
        return source_id_of(self.source, self.version)


def source_id_of(source: str, version: str) -> str:
    return f"{SOURCE_ID_PREFIX}{source}-{version}".lower()


@dataclass
class Parsed:
    """What one snapshot (or, for a history source, every kept snapshot) gives: frames, rejects, fatal problems."""

    frames: dict[str, pl.DataFrame] = field(default_factory=dict)
    rejects: list[Reject] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows_by_file: dict[str, int] = field(default_factory=dict)

    @property
    def rows_read(self) -> int:
        return sum(self.rows_by_file.values())


@dataclass(frozen=True)
class UpstreamSource:
    """One upstream dataset, declared once."""

    name: str
    producer: str
    title: str
    description: str
    url_main: str
    downloads: tuple[str, ...]
    licence: Licence
    credit: str
    citation_full: str
    source_class: SourceClass
    file_pattern: str
    required_files: tuple[str, ...]
    storage: Storage
    tables: tuple[UpstreamTable, ...]
    parse: Callable[[Snapshot], Parsed]
    confidence_mapping: str
    archive_name: str = "files"
    history: bool = False
    skip_files: tuple[str, ...] = ()  # files kept in a snapshot but not data (a template), so never read
    format: str = "csv"

    def file_name(self, path: str) -> str | None:
        """The upstream file name a download or archive member stands for, or None when it is not one of ours."""
        found = re.search(self.file_pattern, path)
        return found.group("name") if found else None


def map_confidence(value: str | None, mapping: dict[str, Confidence], default: Confidence) -> Confidence:
    return mapping.get((value or "").strip().lower(), default)


LongText = typing.Annotated[str, Field(min_length=1, max_length=20_000)]
Amount = typing.Annotated[float, Field(ge=0, allow_inf_nan=False)]
