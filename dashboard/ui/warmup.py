"""Import the heavy libraries and the dashboard's modules once, under one lock, before any page runs.

Streamlit runs each session's script in its own thread, and the first runs of a fresh server import
pandas, pyarrow, altair … lazily. Two sessions importing them at the same moment can meet Python's
import-deadlock breaker and see a partially initialised module ("partially initialized module 'pandas'
has no attribute 'Timestamp'"), which the load benchmark hit with two sessions. One lock makes the first
session import everything while the others wait. Afterwards the imported objects are frozen out of
the garbage collector's reach (`gc.freeze`), so its automatic full collections stay short.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import pkgutil
import threading

LIBRARIES = ("numpy", "pandas", "pyarrow", "polars", "duckdb", "altair", "scipy.stats", "pydantic")
PACKAGES = ("dashboard.ui", "dashboard.model")
SKIP = {"dashboard.app", "datamoat.bench.dashboard", "datamoat.bench.load", "datamoat.bench.load_browser",
        "datamoat.bench.load_websocket", "datamoat.bench.local_server", "datamoat.bench.model", "datamoat.cli.scenario"}
_LOCK = threading.Lock()
_done = False


def _modules() -> list[str]:
    import dashboard

    names = [f"dashboard.{m.name}" for m in pkgutil.iter_modules(dashboard.__path__) if not m.ispkg]
    for package in PACKAGES:
        module = importlib.import_module(package)
        names += [f"{package}.{m.name}" for m in pkgutil.iter_modules(module.__path__)]
    return [name for name in names if name not in SKIP and name != __name__]


def warm_imports() -> None:
    """Import every library and dashboard module once per process; concurrent callers wait."""
    global _done
    if _done:
        return
    with _LOCK:
        if _done:
            return
        for name in LIBRARIES:
            with contextlib.suppress(ImportError):
                importlib.import_module(name)
        for name in _modules():
            importlib.import_module(name)
        gc.freeze()  # the imported modules live as long as the server: keep them out of every collection
        atexit.register(gc.unfreeze)  # …but let the interpreter's last collection free them at exit
        _done = True
