"""What a build's inputs were: SHA-256 of each curated CSV, each upstream snapshot, and the code that shapes the tables.

Kept free of Polars and Pydantic so that `datamoat build` with nothing to do answers quickly.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipelines.inputs_note import read_note
from pipelines.upstream.snapshots import default_upstream_dir, upstream_checksums

PIPELINE_VERSION = "1"
SCHEMA_KEY = "__schema__"
ALWAYS_VALIDATED = ("sources", "domains")
_SHAPING_CODE = ("fields.py", "column_types.py", "validate.py", "queries.py", "subjects/*.py", "marts/*.py", "marts/*.sql",
                 "upstream/*.py")


def schema_fingerprint() -> str:
    """Changes whenever the code that defines or writes the tables changes, forcing a rebuild."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    here = Path(__file__).parent
    for pattern in _SHAPING_CODE:
        for path in sorted(here.glob(pattern)):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def input_checksums(sources_dir: Path, upstream_dir: Path | None = None) -> dict[str, str]:
    """SHA-256 of every CSV in the sources folder, the schema fingerprint, and each upstream source's snapshots."""
    sums = {SCHEMA_KEY: schema_fingerprint()}
    for path in sorted(Path(sources_dir).glob("*.csv")):
        sums[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    sums.update(upstream_checksums(default_upstream_dir() if upstream_dir is None else upstream_dir))
    return sums


def relevant(checksums: dict[str, str], only: str | None) -> dict[str, str]:
    """The checksums that matter for a build of everything, or of one subject with `--only`."""
    if only is None:
        return checksums
    names = {SCHEMA_KEY, *(f"{name}.csv" for name in (*ALWAYS_VALIDATED, only))}
    return {key: value for key, value in checksums.items() if key in names}


def last_build_inputs(warehouse: Path) -> dict[str, str] | None:
    """The input checksums of the last successful build: from the note beside the warehouse when it still describes
    the file, else from the warehouse's run history; None when there is no build to compare with."""
    if not warehouse.exists():
        return None
    noted = read_note(warehouse)
    if noted is not None:
        return noted
    from pipelines.warehouse import previous_checksums  # imports DuckDB, which a no-op with a note does not need

    return previous_checksums(warehouse)


def is_up_to_date(warehouse: Path, sources_dir: Path, only: str | None = None, upstream_dir: Path | None = None) -> bool:
    """True when the last successful build read exactly these inputs."""
    previous = last_build_inputs(warehouse)
    return previous is not None and relevant(previous, only) == relevant(input_checksums(sources_dir, upstream_dir), only)
