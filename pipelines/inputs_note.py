"""A note beside the warehouse of the inputs its last successful build read, so that `datamoat build` with nothing
to do answers without opening the warehouse (or importing DuckDB).

The note names the warehouse file it describes (device, inode, size, modification time). When that file is
replaced or written any other way the note no longer matches and is ignored: `pipeline_runs` in the warehouse
stays the record of every build's inputs, and the note only saves reading it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def note_path(warehouse: Path) -> Path:
    return warehouse.with_name(f"{warehouse.name}.inputs.json")


def _identity(warehouse: Path) -> list[int]:
    stat = warehouse.stat()
    return [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns]


def write_note(warehouse: Path, checksums: dict[str, str]) -> None:
    """Note the inputs of the build just swapped in (written whole, then renamed into place)."""
    target = note_path(warehouse)
    draft = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    try:
        draft.write_text(json.dumps({"warehouse": _identity(warehouse), "input_checksums": checksums}), encoding="utf-8")
        os.replace(draft, target)
    except OSError:
        draft.unlink(missing_ok=True)  # an unwritable folder only costs the next no-op a look into the warehouse


def read_note(warehouse: Path) -> dict[str, str] | None:
    """The noted inputs when the note describes the warehouse file as it is now, else None."""
    try:
        note = json.loads(note_path(warehouse).read_text(encoding="utf-8"))
        if note["warehouse"] == _identity(warehouse) and isinstance(note["input_checksums"], dict):
            return note["input_checksums"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None
