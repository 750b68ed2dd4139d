"""`datamoat fetch`: take a new snapshot of a source from its official URLs, a mirror, or files on disk.

A new snapshot counts only once it validates (see intake.py). Nothing new upstream — a 304, or the same
bytes again — writes nothing. After a change, the diff against the previous snapshot is given by key.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from pipelines.diff import TableDiff
from pipelines.problems import Problem
from pipelines.upstream.base import Snapshot, UpstreamSource
from pipelines.upstream.build_step import diff_upstream
from pipelines.upstream.client import ByteProgress, FetchError, FetchSettings, Offline, client_for, download
from pipelines.upstream.intake import Incoming, remove_abandoned_intakes, take_snapshot
from pipelines.upstream.loader import CorruptSnapshot, load_snapshot
from pipelines.upstream.snapshots import current_version, source_dir
from pipelines.upstream.storage import TooLarge, open_zip, sha256_hex, zip_member_capped


@dataclass
class Outcome:
    """What a fetch or import did for one source."""

    source: str
    status: str  # "up-to-date", "new", "set-aside", "failed" or "offline"
    message: str
    version: str | None = None
    diffs: list[TableDiff] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status in ("set-aside", "failed", "offline")


def today() -> date:
    return datetime.now(UTC).date()


def unpack(source: UpstreamSource, label: str, data: bytes, settings: FetchSettings) -> dict[str, bytes]:
    """The source's files in one download or local file: the file itself, or the members of a zip."""
    name = source.file_name(label)
    if name is not None:
        return {name: data}
    bundle = open_zip(data)
    if bundle is None:
        if len(source.required_files) == 1:
            return {source.required_files[0]: data}
        raise FetchError(f"{label} is not one of {source.name}'s files (expected names matching {source.file_pattern})")
    files, total = {}, 0
    with bundle:
        for info in bundle.infolist():
            member = source.file_name(info.filename)
            if member is None or info.is_dir():
                continue
            try:
                files[member] = zip_member_capped(bundle, info, settings.max_unzipped_bytes - total)
            except TooLarge as error:
                raise FetchError(f"{label}: archive refused, {error} (a zip bomb?)") from None
            total += len(files[member])
    if not files:
        raise FetchError(f"{label} is a zip archive holding none of {source.name}'s files")
    return files


def _current(upstream_dir: Path, source: UpstreamSource) -> Snapshot | None:
    version = current_version(upstream_dir, source.name)
    if version is None:
        return None
    try:
        return load_snapshot(source, source_dir(upstream_dir, source.name) / version)
    except CorruptSnapshot:
        return None


def _plan(source: UpstreamSource, url: str | None) -> list[str]:
    """The URLs to fetch: the official ones, the same names under a mirror folder (a URL ending in /), or one URL."""
    if url is None:
        return list(source.downloads)
    if url.endswith("/"):
        return [url + PurePosixPath(urlparse(u).path).name for u in source.downloads]
    return [url]


def _label(url: str) -> str:
    return PurePosixPath(urlparse(url).path).name or url


def fetch_source(
    upstream_dir: Path,
    source: UpstreamSource,
    settings: FetchSettings,
    url: str | None = None,
    progress: ByteProgress | None = None,
) -> Outcome:
    """Download a source (or point it at a mirror with `url`) and take a new snapshot if anything changed."""
    current = _current(upstream_dir, source)
    urls = _plan(source, url)
    home = source_dir(upstream_dir, source.name)
    home.mkdir(parents=True, exist_ok=True)
    remove_abandoned_intakes(home)
    downloads_dir = home / f".incoming-download-{os.getpid()}"
    downloads_dir.mkdir(exist_ok=True)
    records = {r.url_download: r for r in current.origin.files} if current else {}
    incoming: dict[str, Incoming] = {}
    newest: date | None = None
    try:
        with client_for(settings) as client:
            for index, address in enumerate(urls):
                known = records.get(address)
                got = download(
                    client,
                    address,
                    downloads_dir / f"{index}.part",
                    settings,
                    known.etag if known else None,
                    known.last_modified if known else None,
                    progress,
                )
                if got.not_modified:
                    for record in current.origin.files:
                        if record.url_download == address:
                            incoming[record.name] = _carried(current, record.name)
                    continue
                for name, data in unpack(source, _label(address), got.path.read_bytes(), settings).items():
                    incoming[name] = Incoming(name, data, address, got.etag, got.last_modified)
                day = got.last_modified_date()
                newest = max(newest, day) if newest and day else (day or newest)
    except Offline as error:
        return Outcome(source.name, "offline", f"{error}; {_unchanged(current)}", current.version if current else None)
    except FetchError as error:
        return Outcome(source.name, "failed", f"{error}; {_unchanged(current)}", current.version if current else None)
    finally:
        shutil.rmtree(downloads_dir, ignore_errors=True)
    if current:  # files the download did not bring (another year, a hand-imported file) are kept
        incoming = {**{n: _carried(current, n) for n in current.files}, **incoming}
    return _settle(upstream_dir, source, current, list(incoming.values()), newest, "download")


def _unchanged(current: Snapshot | None) -> str:
    return f"nothing changed (snapshot {current.version} stays current)" if current else "nothing changed"


def _carried(current: Snapshot, name: str) -> Incoming:
    record = next(r for r in current.origin.files if r.name == name)
    copy = record.public_copy.model_dump() if record.public_copy else None
    return Incoming(name, current.files[name], record.url_download, record.etag, record.last_modified, copy)


def import_files(upstream_dir: Path, source: UpstreamSource, paths: list[Path], settings: FetchSettings) -> Outcome:
    """Take a snapshot from files the user downloaded by hand (a zip of them is fine); they complete the current one."""
    current = _current(upstream_dir, source)
    incoming: dict[str, Incoming] = {}
    try:
        for path in paths:
            if path.stat().st_size > settings.max_bytes:
                raise FetchError(f"{path} is {path.stat().st_size:,} bytes, more than the cap of {settings.max_bytes:,}")
            for name, data in unpack(source, path.name, path.read_bytes(), settings).items():
                incoming[name] = Incoming(name, data)
    except (FetchError, OSError) as error:
        return Outcome(source.name, "failed", f"{error}; {_unchanged(current)}", current.version if current else None)
    if current:
        incoming = {**{n: _carried(current, n) for n in current.files}, **incoming}
    return _settle(upstream_dir, source, current, list(incoming.values()), None, "manual-import")


def _settle(
    upstream_dir: Path,
    source: UpstreamSource,
    current: Snapshot | None,
    files: list[Incoming],
    published: date | None,
    obtained_by: str,
) -> Outcome:
    """Write the new snapshot unless it is the current one again; validate; diff against the current one."""
    if current and {f.name: sha256_hex(f.data) for f in files} == {r.name: r.sha256 for r in current.origin.files}:
        return Outcome(
            source.name, "up-to-date", f"up to date: nothing new upstream (snapshot {current.version})", current.version
        )
    accessed = today()
    newer = published if published and (current is None or published.isoformat() > current.version[:10]) else None
    basis = (
        "the server's Last-Modified date"
        if newer
        else "the date it was downloaded (the server gave no newer Last-Modified)"
        if obtained_by == "download"
        else "the date the hand-downloaded file was imported"
    )
    taken = take_snapshot(
        upstream_dir,
        source,
        files,
        newer or accessed,
        {"date_published_basis": basis, "date_accessed": accessed, "obtained_by": obtained_by},
    )
    if taken.status == "set-aside":
        where = taken.folder.relative_to(Path(upstream_dir)) if taken.folder.is_relative_to(upstream_dir) else taken.folder
        kept = f"; snapshot {current.version} stays current" if current else ""
        return Outcome(
            source.name,
            "set-aside",
            f"new snapshot failed validation and was set aside in {where}{kept}",
            taken.version,
            problems=taken.problems,
        )
    diffs = []
    if current is not None:
        old = source.parse(current)
        for table in source.tables:
            if table.name in taken.parsed.frames:
                keys = [k for k in table.key_columns if k not in ("snapshot_version", "snapshot_date")]
                diffs.append(diff_upstream(table, old.frames.get(table.name), taken.parsed.frames[table.name], keys))
    was = f" (was {current.version})" if current else ""
    return Outcome(source.name, "new", f"new snapshot {taken.version}{was}", taken.version, diffs)
