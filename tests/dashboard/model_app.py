"""Helpers for the model pages' AppTests: open a page on a fixture warehouse, read numbers off it."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
_SUFFIX = {"": 1.0, "k": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


def open_page(page: str, query: dict[str, str] | None = None) -> AppTest:
    """The app run through its entry point, switched to `app_pages/<page>.py`, optionally with URL params."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def top_of(path: str) -> float:
    """The highest value a log slider offers: 10 to the registry's upper exponent (3 significant digits)."""
    from dashboard.model.inputs import spec_for

    return float(f"{10 ** spec_for(path).slider.high:.3g}")


def number(text: str) -> float:
    """'$2.69M' → 2.69e6; '3.2 weeks' → 3.2; '72,616' → 72616; '8.1×' → 8.1."""
    match = re.search(r"(-?[\d,]*\.?\d+(?:e[+-]?\d+)?)\s*([kMBT]?)", text)
    assert match, f"no number in {text!r}"
    return float(match.group(1).replace(",", "")) * _SUFFIX[match.group(2)]


def metric(at: AppTest, label_start: str) -> float:
    """The number shown by the metric whose label starts with `label_start`."""
    for item in at.metric:
        if item.label.startswith(label_start):
            return number(item.value)
    raise AssertionError(f"no metric {label_start!r} among {[m.label for m in at.metric]}")


def evidence_of(warehouse: Path, evidence_filter: str = "all"):
    """The marts the model reads, straight from a warehouse file (no Streamlit)."""
    import duckdb

    from dashboard.model.evidence import EVIDENCE_TABLES, Evidence
    from pipelines import queries

    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = {name: con.sql(queries.read_table(name)).pl() for name in EVIDENCE_TABLES}
    return Evidence.from_tables(tables, evidence_filter)


def split_money_link(warehouse: Path) -> tuple[dict[str, str], float]:
    """Link parameters setting the training compute where the default scenario's money draws split nearest
    50/50 (found by bisection on the model), and that share of draws. More compute costs more, so the share
    of draws in which the data costs more falls as the compute rises."""
    from dashboard.model.evaluate import evaluate
    from dashboard.model.template import default_scenario

    evidence, scenario = evidence_of(warehouse), default_scenario()
    low, high, share = 19.0, 27.0, None

    def share_at(exponent: float) -> float:
        trial = scenario.model_copy(deep=True)
        trial.compute.training_flop = float(f"{10 ** exponent:.10g}")
        return evaluate(trial, evidence).uncertainty.share_of_draws_data_costs_more

    for _ in range(40):
        middle = (low + high) / 2
        share = share_at(middle)
        if abs(share - 0.5) < 0.02:
            break
        low, high = (middle, high) if share > 0.5 else (low, middle)
    return {"c.flop": format(float(f"{10 ** middle:.10g}"), ".10g")}, share
