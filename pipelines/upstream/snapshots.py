"""Where snapshots live and which one is current — standard library only (the no-op build reads this).

data/upstream/<source>/CURRENT               the current version, one line
data/upstream/<source>/<version>/origin.json  the origin record (see origin.py)
data/upstream/<source>/<version>/<files>      the upstream files, gzip-compressed (xlsx and zip kept as they are)
data/upstream/<source>/set-aside/<version>/   snapshots that failed validation: kept, never current
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from pipelines.paths import DATA_DIR

UPSTREAM_ENV = "DATAMOAT_UPSTREAM"
CURRENT_FILE = "CURRENT"
ORIGIN_FILE = "origin.json"
SET_ASIDE_DIR = "set-aside"
CHECKSUM_PREFIX = "upstream:"
SOURCE_ID_PREFIX = "upstream-"  # a snapshot's row in `sources` is upstream-<source>-<version>
VERSION_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}(-\d+)?$")
_CODE_DIR = Path(__file__).parent


def default_upstream_dir() -> Path:
    """The snapshots folder: `$DATAMOAT_UPSTREAM` when set, else `data/upstream`."""
    override = os.environ.get(UPSTREAM_ENV)
    return Path(override).expanduser() if override else DATA_DIR / "upstream"


def source_dir(upstream_dir: Path, name: str) -> Path:
    return Path(upstream_dir) / name


def current_version(upstream_dir: Path, name: str) -> str | None:
    """The version named in CURRENT, or None when the source has no usable snapshot."""
    pointer = source_dir(upstream_dir, name) / CURRENT_FILE
    try:
        version = pointer.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if not VERSION_PATTERN.match(version) or not (pointer.parent / version / ORIGIN_FILE).exists():
        return None
    return version


def kept_versions(upstream_dir: Path, name: str) -> list[str]:
    """Every valid snapshot version of a source up to the current one, oldest first (set-aside ones excluded)."""
    current = current_version(upstream_dir, name)
    if current is None:
        return []
    folder = source_dir(upstream_dir, name)
    found = [p.name for p in folder.iterdir() if VERSION_PATTERN.match(p.name) and (p / ORIGIN_FILE).exists()]
    return sorted(v for v in found if version_order(v) <= version_order(current))


def version_order(version: str) -> tuple[str, int]:
    """Versions sort by date, then by the same-day counter (`2026-11-29` < `2026-11-29-2`)."""
    date, _, counter = version[:10], version[10:11], version[11:]
    return date, int(counter) if counter else 1


def set_current(upstream_dir: Path, name: str, version: str) -> None:
    """Point CURRENT at a version with one atomic rename."""
    folder = source_dir(upstream_dir, name)
    temporary = folder / f".{CURRENT_FILE}.{os.getpid()}"
    temporary.write_text(version + "\n", encoding="utf-8")
    os.replace(temporary, folder / CURRENT_FILE)


def snapshot_checksum(upstream_dir: Path, name: str, code: str) -> str:
    """SHA-256 over every stored byte of a source's kept snapshots and over the upstream code that reads them."""
    digest = hashlib.sha256(code.encode())
    for version in kept_versions(upstream_dir, name):
        folder = source_dir(upstream_dir, name) / version
        for path in sorted(folder.iterdir()):
            if path.is_file():
                digest.update(f"{version}/{path.name}".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def code_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(_CODE_DIR.rglob("*.py")):
        digest.update(path.relative_to(_CODE_DIR).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def upstream_checksums(upstream_dir: Path) -> dict[str, str]:
    """`upstream:<name>` → checksum for every source folder that has a current snapshot."""
    root = Path(upstream_dir)
    if not root.is_dir():
        return {}
    code = code_fingerprint()
    names = sorted(p.name for p in root.iterdir() if (p / CURRENT_FILE).exists())
    return {f"{CHECKSUM_PREFIX}{name}": snapshot_checksum(root, name, code) for name in names}


def stored_snapshot_files(upstream_dir: Path) -> list[Path]:
    """Every stored file a build reads: the kept snapshots' files, origin records aside."""
    root = Path(upstream_dir)
    if not root.is_dir():
        return []
    return [
        path
        for name in sorted(p.name for p in root.iterdir() if (p / CURRENT_FILE).exists())
        for version in kept_versions(root, name)
        for path in sorted((root / name / version).iterdir())
        if path.is_file() and path.name != ORIGIN_FILE
    ]
