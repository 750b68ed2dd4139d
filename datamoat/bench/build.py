"""`datamoat bench build`: cold build and no-op rebuild of the bundled data (curated CSVs and upstream snapshots)
against a floor that only reads each file."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipelines.paths import SOURCES_DIR
from pipelines.subjects import SUBJECTS
from pipelines.upstream.snapshots import default_upstream_dir, stored_snapshot_files

COLD_BUILD = """
import sys
from pathlib import Path
from pipelines.build import build
build(Path(sys.argv[1]), Path(sys.argv[2]))
"""

FLOOR = """
import gzip, json, sys, zipfile
import duckdb, fastexcel, polars
con = duckdb.connect(sys.argv[1])
for index, path in enumerate(sys.argv[3:]):
    escaped = path.replace("'", "''")
    if path.endswith((".csv", ".csv.gz")):
        con.execute(f"CREATE TABLE t{index} AS SELECT * FROM read_csv('{escaped}')")
    elif path.endswith(".json.gz"):
        json.loads(gzip.decompress(open(path, "rb").read()))
    elif path.endswith(".zip"):
        with zipfile.ZipFile(path) as bundle:
            [json.loads(bundle.read(name)) for name in bundle.namelist()]
    elif path.endswith(".xlsx"):  # fastexcel itself: polars.read_excel would also import pyarrow, which a build does not
        fastexcel.read_excel(path).load_sheet(0).to_polars()
con.close()
"""

NO_OP = """
import sys
from pathlib import Path
from pipelines.build import build
assert build(Path(sys.argv[1]), Path(sys.argv[2])).status == "unchanged"
"""


def bytecode_cached_env(cache: Path) -> dict[str, str]:
    """The environment each timed run gets: compiled bytecode kept in a private cache folder.

    The floor's libraries were compiled when pip installed them; this project's modules (an editable install) are
    compiled on first import and cached, unless PYTHONDONTWRITEBYTECODE forbids the cache — then every run would
    compile them again, a cost no ordinary install pays twice. A warm-up run of each command fills the cache."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return env | {"PYTHONPYCACHEPREFIX": str(cache)}


def _timed(code: str, *args: str, env: dict[str, str] | None = None) -> float:
    return _timed_command([sys.executable, "-c", code, *args], env)


def run_build_benchmark(repeats: int = 3, sources_dir: Path = SOURCES_DIR) -> None:
    """Print cold build, floor and no-op figures (medians of `repeats` runs) and their ratio.

    Each cold build runs right after a floor run, and the ratio is the median of these pairs' ratios: on a shared
    machine whose speed drifts by tens of percent within a minute, a pair sees the same machine."""
    upstream = [str(path) for path in stored_snapshot_files(default_upstream_dir())]
    csvs = [str(sources_dir / subject.csv_name) for subject in SUBJECTS.values()] + upstream
    floors, colds = [], []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = bytecode_cached_env(work / "bytecode")
        _timed(FLOOR, str(work / "warm-up-floor.duckdb"), "", *csvs, env=env)
        _timed(COLD_BUILD, str(work / "warm-up-cold.duckdb"), str(sources_dir), env=env)
        for attempt in range(repeats):
            floors.append(_timed(FLOOR, str(work / f"floor{attempt}.duckdb"), "", *csvs, env=env))
            colds.append(_timed(COLD_BUILD, str(work / f"cold{attempt}.duckdb"), str(sources_dir), env=env))
        no_op_process = statistics.median(
            _timed(NO_OP, str(work / "cold0.duckdb"), str(sources_dir), env=env) for _ in range(repeats))
        cli = [str(Path(sys.executable).with_name("datamoat")), "build", "--warehouse", str(work / "cold0.duckdb"),
               "--sources", str(sources_dir)]
        _timed_command(cli, env)  # warm-up: the command line's own modules
        no_op_cli = statistics.median(_timed_command(cli, env) for _ in range(repeats))
    floor, cold = statistics.median(floors), statistics.median(colds)
    ratios = sorted(c / f for c, f in zip(colds, floors, strict=True))
    print(f"bundled data: {len(csvs) - len(upstream)} CSV files and {len(upstream)} upstream snapshot files, "
          f"{repeats} runs each (floor and cold build alternating, after one warm-up run of each; bytecode cached)")
    print(f"floor (import polars+duckdb, read each file):      {floor * 1000:8.0f} ms   median")
    print(f"cold build (validate, write, diff, swap):          {cold * 1000:8.0f} ms   median")
    print(f"cold build ÷ floor, median of the run pairs:       {statistics.median(ratios):8.2f}x   "
          f"(pairs {ratios[0]:.2f}–{ratios[-1]:.2f}x; target ≤ 2.00x)")
    print(f"no-op rebuild, the `datamoat build` command:       {no_op_cli * 1000:8.0f} ms   (target ≤ 500 ms)")
    print(f"no-op rebuild, build() in a fresh interpreter:     {no_op_process * 1000:8.0f} ms   "
          "(imports the whole build first; the dashboard calls build() in a warm process)")


def _timed_command(command: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - started
