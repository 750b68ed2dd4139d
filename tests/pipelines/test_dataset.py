"""The bundled dataset itself: it validates, every row is cited, and it meets the coverage minimums."""

from __future__ import annotations

import polars as pl
import pytest

from pipelines.build import validate_subjects
from pipelines.paths import SOURCES_DIR
from pipelines.subjects import FIGURE_SUBJECTS, SUBJECTS


@pytest.fixture(scope="module")
def bundled() -> dict[str, pl.DataFrame]:
    frames, problems = validate_subjects(SOURCES_DIR, list(SUBJECTS), lambda *_: None)
    assert not problems, "\n".join(map(str, problems[:20]))
    return frames


def test_every_figure_row_is_cited_with_a_locator(bundled):
    known = set(bundled["sources"]["source_id"])
    for subject in FIGURE_SUBJECTS:
        frame = bundled[subject.name]
        assert frame["source_id"].is_in(sorted(known)).all(), subject.name
        assert (frame["locator"].str.split(" ").list.len() <= 25).all(), subject.name


def test_every_source_is_used_by_some_figure(bundled):
    used = set().union(*(set(bundled[s.name]["source_id"]) for s in FIGURE_SUBJECTS))
    assert set(bundled["sources"]["source_id"]) - used == set()


def test_taxonomy_keys_resolve_and_link_the_subjects(bundled):
    domains = set(bundled["domains"]["domain"])
    for name in ("expert_rates", "occupations", "skill_datasets"):
        assert set(bundled[name]["domain"]) <= domains, name
    linked = set(bundled["expert_rates"]["domain"]) & set(bundled["occupations"]["domain"])
    assert {"law", "medicine", "software_engineering", "mathematics"} <= linked


def distinct(frame: pl.DataFrame, column: str) -> int:
    return frame[column].n_unique()


def test_coverage_minimums(bundled):
    vendors = bundled["vendor_metrics"]
    assert vendors.height >= 60 and distinct(vendors, "vendor") >= 15
    assert bundled["expert_rates"].height >= 50 and distinct(bundled["expert_rates"], "domain") >= 20
    assert bundled["occupations"].height >= 20
    assert bundled["skill_datasets"].height >= 30
    assert bundled["training_runs"].height >= 20
    assert bundled["gpu_prices"].height >= 10 and distinct(bundled["gpu_prices"], "gpu") >= 3
    assert bundled["api_prices"].height >= 12 and distinct(bundled["api_prices"], "provider") >= 4
    assert bundled["reference_points"].height >= 15
    assert {"hoffmann-2022", "besiroglu-2024"} <= set(bundled["scaling_fits"]["fit_name"])


def test_the_named_vendors_are_present(bundled):
    named = {"Scale AI", "Surge AI", "Mercor", "Turing", "Invisible Technologies", "Handshake AI", "micro1",
             "Snorkel AI", "Appen", "TELUS Digital", "Toloka", "Sama", "iMerit", "Prolific"}
    assert named <= set(bundled["vendor_metrics"]["vendor"])


def test_the_reference_points_the_model_reads_exist(bundled):
    keys = set(bundled["reference_points"]["key"])
    assert {"human_words_heard_by_adulthood", "frontier_pretraining_tokens", "hardware_price_performance_doubling_years",
            "algorithmic_compute_halving_months", "wage_growth_per_year"} <= keys
