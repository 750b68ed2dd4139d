"""The note of the last build's inputs beside the warehouse: a no-op answers from it without DuckDB, and a note that
no longer describes the warehouse file is ignored."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import duckdb

from pipelines.build import build
from pipelines.checksums import input_checksums, is_up_to_date, last_build_inputs
from pipelines.inputs_note import note_path, read_note

NO_OP_CHECK = """
import sys
from pathlib import Path
from pipelines.checksums import is_up_to_date
print(is_up_to_date(Path(sys.argv[1]), Path(sys.argv[2])), "duckdb" in sys.modules, "polars" in sys.modules)
"""


def test_a_build_notes_its_inputs_and_a_no_op_check_needs_no_duckdb(tmp_path, sources_dir):
    warehouse = tmp_path / "w.duckdb"
    build(warehouse, sources_dir)
    assert read_note(warehouse) == input_checksums(sources_dir)
    assert not list(tmp_path.glob("*.tmp-*"))  # the note is written whole, then renamed
    checked = subprocess.run([sys.executable, "-c", NO_OP_CHECK, str(warehouse), str(sources_dir)],
                             capture_output=True, text=True, check=True, env=os.environ)
    assert checked.stdout.split() == ["True", "False", "False"]


def test_a_note_that_no_longer_describes_the_warehouse_is_ignored(tmp_path, sources_dir):
    warehouse = tmp_path / "w.duckdb"
    build(warehouse, sources_dir)
    with duckdb.connect(str(warehouse)) as con:  # the file written another way than by a build
        con.execute("CREATE TABLE scratch AS SELECT 1 AS x")
    assert read_note(warehouse) is None
    assert last_build_inputs(warehouse) == input_checksums(sources_dir)  # read from pipeline_runs instead
    assert is_up_to_date(warehouse, sources_dir)


def test_a_forged_or_broken_note_does_not_make_a_build_a_no_op(tmp_path, sources_dir):
    warehouse = tmp_path / "w.duckdb"
    build(warehouse, sources_dir)
    note = json.loads(note_path(warehouse).read_text(encoding="utf-8"))
    note["warehouse"][1] += 1  # another file's inode
    note_path(warehouse).write_text(json.dumps(note), encoding="utf-8")
    assert read_note(warehouse) is None
    note_path(warehouse).write_text("{not json", encoding="utf-8")
    assert read_note(warehouse) is None and is_up_to_date(warehouse, sources_dir)
    domains = sources_dir / "domains.csv"
    domains.write_text(domains.read_text(encoding="utf-8") + "extra,Extra,An extra domain\n", encoding="utf-8")
    assert not is_up_to_date(warehouse, sources_dir)
    assert build(warehouse, sources_dir).status == "built" and read_note(warehouse) == input_checksums(sources_dir)
