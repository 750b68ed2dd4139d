"""Taking a new snapshot: files stored in a temporary folder, validated, then renamed into place.

A snapshot counts only after it validates. One that fails (a required column renamed upstream, too many bad
rows, an unreadable file) is kept under `set-aside/` with its problems in its origin record, and the
previous snapshot stays current. A process killed half-way leaves only a `.incoming-<pid>` folder, which
the next intake removes.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipelines.problems import Problem
from pipelines.upstream.base import Parsed, Snapshot, UpstreamSource
from pipelines.upstream.origin import Origin, SnapshotFile, write_origin
from pipelines.upstream.snapshots import SET_ASIDE_DIR, set_current, source_dir
from pipelines.upstream.storage import sha256_hex, store
from pipelines.warehouse import process_alive


@dataclass
class Incoming:
    """One upstream file about to join a snapshot, with what is known of where it came from."""

    name: str
    data: bytes
    url_download: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    public_copy: dict | None = None


@dataclass
class Taken:
    status: str  # "current" or "set-aside"
    version: str
    folder: Path
    problems: list[Problem] = field(default_factory=list)
    parsed: Parsed | None = None


def remove_abandoned_intakes(folder: Path) -> None:
    """Delete `.incoming-<pid>` folders whose process is gone (a fetch killed mid-download)."""
    for leftover in folder.glob(".incoming-*"):
        pid = leftover.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def staging_folder(upstream_dir: Path, source: UpstreamSource) -> Path:
    home = source_dir(upstream_dir, source.name)
    home.mkdir(parents=True, exist_ok=True)
    remove_abandoned_intakes(home)
    staging = home / f".incoming-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    return staging


def free_version(parent: Path, wanted: str) -> str:
    """`wanted`, or `wanted-2`, `wanted-3` … when a snapshot of that date exists already."""
    version, counter = wanted, 1
    while (parent / version).exists():
        counter += 1
        version = f"{wanted}-{counter}"
    return version


def take_snapshot(
    upstream_dir: Path, source: UpstreamSource, files: list[Incoming], version_date: date, origin_fields: dict
) -> Taken:
    """Store, validate and place a new snapshot of `source`; it becomes current only when valid."""
    home = source_dir(upstream_dir, source.name)
    staging = staging_folder(upstream_dir, source)
    try:
        stored = store(staging, {f.name: f.data for f in files}, source.storage, source.archive_name)
        version = free_version(home, version_date.isoformat())
        snapshot = Snapshot(source.name, version, staging, None, {f.name: f.data for f in files})
        parsed = source.parse(snapshot)
        problems = list(parsed.problems) + [
            Problem(source.name, 0, name, "required file missing from the snapshot")
            for name in source.required_files
            if name not in snapshot.files
        ]
        aside = home / SET_ASIDE_DIR
        if problems:
            version = free_version(aside, version)
        origin = Origin(
            source=source.name,
            version=version,
            producer=source.producer,
            title=source.title,
            description=source.description,
            url_main=source.url_main,
            url_download=list(source.downloads),
            date_published=version_date,
            licence=source.licence,
            citation=source.credit,
            files=[
                SnapshotFile(
                    name=f.name,
                    stored_as=stored[f.name],
                    sha256=sha256_hex(f.data),
                    bytes=len(f.data),
                    rows=parsed.rows_by_file.get(f.name),
                    url_download=f.url_download,
                    etag=f.etag,
                    last_modified=f.last_modified,
                    public_copy=f.public_copy,
                )
                for f in sorted(files, key=lambda f: f.name)
            ],
            rows=parsed.rows_read,
            problems=[str(p) for p in problems],
            **origin_fields,
        )
        write_origin(staging, origin)
        if problems:
            aside.mkdir(exist_ok=True)
            os.replace(staging, aside / version)
            return Taken("set-aside", version, aside / version, problems, parsed)
        os.replace(staging, home / version)
        set_current(upstream_dir, source.name, version)
        return Taken("current", version, home / version, [], parsed)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
