"""The origin record beside every snapshot (origin.json), in the manner of OWID's snapshot metadata.

One Pydantic model validates every record, so a snapshot cannot be bundled or fetched without saying
who produced it, where it came from, under which licence, and the SHA-256 of every upstream file.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from pipelines.fields import HttpUrl, Slug, Text
from pipelines.upstream.snapshots import ORIGIN_FILE

Sha256 = str
ObtainedBy = Literal["public-copy", "download", "manual-import"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Licence(Record):
    name: Text = Field(description="licence name, e.g. CC BY 4.0")
    url: HttpUrl = Field(description="the licence's address")


class PublicCopy(Record):
    """For a first snapshot taken from a public repository's copy rather than the producer's site."""

    repository: Text = Field(description="owner/name of the repository that held the copy")
    path: Text = Field(description="the file's path in that repository")
    commit: str = Field(pattern=r"^[0-9a-f]{40}$", description="the commit the copy was taken from")


class SnapshotFile(Record):
    name: Text = Field(description="the upstream file's name, e.g. notable_ai_models.csv")
    stored_as: Text = Field(description="the file in the snapshot folder holding it (gzip, or a zip of many)")
    sha256: Sha256 = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the upstream bytes (not of the compressed copy)")
    bytes: int = Field(ge=0, description="size of the upstream bytes")
    rows: int | None = Field(default=None, ge=0, description="data rows (or records) the file holds")
    url_download: HttpUrl | None = Field(default=None, description="where these bytes were downloaded from")
    etag: str | None = Field(default=None, max_length=500, description="the server's ETag, for conditional requests")
    last_modified: str | None = Field(default=None, max_length=100, description="the server's Last-Modified")
    public_copy: PublicCopy | None = Field(default=None, description="for a first snapshot: the public copy it came from")


class Origin(Record):
    source: Slug = Field(description="the upstream source's name, e.g. epoch-models")
    version: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}(-\d+)?$", description="the snapshot's version: its publication date")
    producer: Text
    title: Text
    description: str = Field(max_length=4000)
    url_main: HttpUrl = Field(description="the dataset's official page")
    url_download: list[HttpUrl] = Field(description="the official download address(es)")
    date_published: date = Field(description="when the producer published (or committed) this version")
    date_published_basis: Text = Field(description="how date_published was established")
    date_accessed: date = Field(description="when this snapshot was taken")
    licence: Licence
    citation: Text = Field(description="the credit line the licence asks for, shown under every chart and export")
    obtained_by: ObtainedBy = Field(description="public-copy (a first snapshot), download (datamoat fetch) or manual-import")
    files: list[SnapshotFile] = Field(min_length=1)
    rows: int = Field(ge=0, description="data rows across the files")
    notes: str | None = Field(default=None, max_length=4000)
    problems: list[str] = Field(default_factory=list, description="for a set-aside snapshot: why it failed validation")


def read_origin(folder: Path) -> Origin:
    return Origin.model_validate_json((folder / ORIGIN_FILE).read_text(encoding="utf-8"))


def write_origin(folder: Path, origin: Origin) -> None:
    text = json.dumps(origin.model_dump(mode="json", exclude_none=True), indent=2, ensure_ascii=False) + "\n"
    (folder / ORIGIN_FILE).write_text(text, encoding="utf-8")
