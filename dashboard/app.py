"""The dashboard's entry point: it only routes (see dashboard/navigation.py)."""

from dashboard.ui.warmup import warm_imports

warm_imports()  # one thread imports the libraries while concurrent first sessions wait

from dashboard.ui.navigation import run  # noqa: E402

run()
