"""Reading snapshots from disk (checking every file against its origin record) and parsing them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import polars as pl

from pipelines.problems import Problem
from pipelines.upstream.base import Parsed, Snapshot, UpstreamSource
from pipelines.upstream.origin import read_origin
from pipelines.upstream.snapshots import kept_versions, source_dir
from pipelines.upstream.storage import TooLarge, read_stored, sha256_hex


class CorruptSnapshot(ValueError):
    """A stored file is missing, unreadable, or not the bytes its origin record names."""


def load_snapshot(source: UpstreamSource, folder: Path) -> Snapshot:
    """A snapshot folder's origin record and upstream bytes, each file checked against its SHA-256."""
    try:
        origin = read_origin(folder)
        files = read_stored(folder, {f.name: f.stored_as for f in origin.files})
    except (OSError, ValueError, KeyError, TooLarge) as error:
        raise CorruptSnapshot(f"{folder}: {error}") from error
    for record in origin.files:
        if sha256_hex(files[record.name]) != record.sha256:
            raise CorruptSnapshot(
                f"{folder / record.stored_as}: {record.name} is not the file its origin record names (SHA-256 differs)"
            )
    return Snapshot(source.name, origin.version, folder, origin, files)


def parse_versions(source: UpstreamSource, upstream_dir: Path) -> tuple[Parsed, list[Snapshot]]:
    """Parse the current snapshot (every kept one for a history source) into frames, rejects and problems."""
    versions = kept_versions(upstream_dir, source.name)
    if not source.history:
        versions = versions[-1:]
    combined, snapshots = Parsed(), []
    for version in versions:
        folder = source_dir(upstream_dir, source.name) / version
        try:
            snapshot = load_snapshot(source, folder)
        except CorruptSnapshot as error:
            combined.problems.append(Problem(str(folder), 0, "", str(error)))
            continue
        parsed = source.parse(snapshot)
        snapshots.append(snapshot)
        combined.rejects += [replace(r, snapshot=version) for r in parsed.rejects]
        combined.problems += parsed.problems
        combined.rows_by_file.update({f"{version}/{k}": v for k, v in parsed.rows_by_file.items()})
        for name, frame in parsed.frames.items():
            combined.frames[name] = pl.concat([combined.frames[name], frame]) if name in combined.frames else frame
    return combined, snapshots
