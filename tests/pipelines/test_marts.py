"""The marts, built from the fixture sources: each against its registry entry, and their figures recomputed here.

The fixture gives medicine only ceiling-only postings and every source the primary class, so the warehouse
is built from a copy of the fixture with a few rows added (`EXTRA_*`): two medicine postings with a point
rate, two more wage-growth figures (one a speculative range), and two sources reclassed (one secondary, one a
copy of a primary original). The expected figures are computed in plain Python from the CSV rows, read
with the csv module, by the rules the registry states.
"""

from __future__ import annotations

import csv
import shutil
import statistics
from dataclasses import dataclass, fields
from pathlib import Path

import duckdb
import pytest

import pipelines.marts.write as write_module
from dashboard.model.inputs import INPUTS
from pipelines.build import build
from pipelines.marts import EVIDENCE_FILTERS, MARTS, MARTS_BY_NAME, Mart
from pipelines.marts.write import MartCheckFailed, split_marts
from pipelines.problems import InvalidData
from pipelines.upstream.registry import UPSTREAM_TABLES
from tests.conftest import FIXTURE_SOURCES, sha256

FILTERS = {  # name: (hide speculative, hide secondary), as the methodology states them
    "all": (False, False), "no_speculative": (True, False), "no_secondary": (False, True),
    "no_speculative_no_secondary": (True, True),
}
MEDICINE_SOURCE, WAGE_SOURCE = "thelowdownblog-wsj-mercor-2026-01", "briefing-eci-q3-2025"
EXTRA_RATES = [
    ["TestCare", "Physician AI trainer", "medicine", "90", "115", "140", "2026-01-05", "test row: typical and range",
     "likely", MEDICINE_SOURCE, "test row a"],
    ["TestCare", "Surgeon reviewer", "medicine", "100", "", "200", "2026-01-06", "test row: range only", "likely",
     MEDICINE_SOURCE, "test row b"],
]
EXTRA_REFERENCE = [
    ["wage_growth_per_year", "0.03", "fraction_per_year", "", "", "test row", "likely", WAGE_SOURCE, "test row c"],
    ["wage_growth_per_year", "", "fraction_per_year", "0.04", "0.06", "test row", "speculative", WAGE_SOURCE, "test row d"],
]
LLAMA_SOURCE, COTTIER = "langmart-llama31-405b-card", "cottier-2024-rising-costs"
EXTRA_REFERENCE.append(["training_hardware_utilization_fraction", "0.4", "fraction", "", "", "test row", "likely", COTTIER,
                        "test row h"])
EXTRA_POST_TRAINING = [  # model, developer, year, stage, skill, flop, flop low, flop high, gpu, count, hours, share, …
    ["Llama 3.1 405B", "Meta", "2024", "post_training_total", "test skill", "", "", "", "H800", "", "1000", "0.01", "",
     "test row: GPU-hours on a GPU without a spec, and a share", "likely", LLAMA_SOURCE, "test row f"],
    ["Test-RL-Model", "TestLab", "2025", "rl", "test skill", "", "", "", "H100", "", "1000", "", "",
     "test row: GPU-hours", "likely", LLAMA_SOURCE, "test row g"],
    ["Test-RL-Model", "TestLab", "2025", "sft", "test skill", "", "1e21", "3e21", "", "", "", "", "",
     "test row: a stated range", "likely", LLAMA_SOURCE, "test row i"],
]
SECONDARY_SOURCE = "aicareerhub-mercor-math-evaluator"  # the $73 mathematics posting
COPY_SOURCE = "opentrain-math-reasoning-evaluator"  # the $80 one: a copy of a primary original still counts


# ------------------------------------------------------------------ the fixture copy and its warehouse

def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row for row in csv.DictReader(handle) if any((v or "").strip() for v in row.values())]


def append_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def reclass_sources(path: Path) -> None:
    rows = read_rows(path)
    for row in rows:
        if row["source_id"] == SECONDARY_SOURCE:
            row["source_class"] = "secondary"
        elif row["source_id"] == COPY_SOURCE:
            row |= {"source_class": "copy", "original_publisher": "The original publisher",
                    "original_url": "https://example.org/original", "original_class": "primary"}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("marts") / "sources"
    shutil.copytree(FIXTURE_SOURCES, target)
    append_rows(target / "expert_rates.csv", EXTRA_RATES)
    append_rows(target / "reference_points.csv", EXTRA_REFERENCE)
    append_rows(target / "post_training_runs.csv", EXTRA_POST_TRAINING)
    reclass_sources(target / "sources.csv")
    return target


@pytest.fixture(scope="module")
def built(sources) -> Path:
    path = sources.parent / "warehouse.duckdb"
    build(path, sources)
    return path


@pytest.fixture(scope="module")
def con(built):
    with duckdb.connect(str(built), read_only=True) as connection:
        yield connection


def rows_of(con, sql: str, parameters: list | None = None) -> list[dict]:
    cursor = con.execute(sql, parameters or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# ------------------------------------------------------------------ every mart against its registry entry

@pytest.mark.parametrize("mart", MARTS, ids=lambda m: m.name)
def test_columns_match_the_registry(con, mart):
    assert [d[0] for d in con.execute(f"SELECT * FROM {mart.name} LIMIT 0").description] == mart.column_names


@pytest.mark.parametrize("mart", MARTS, ids=lambda m: m.name)
def test_key_is_unique(con, mart):
    rows = rows_of(con, f"SELECT * FROM {mart.name}")
    keys = [tuple(row[c] for c in mart.key) for row in rows]
    assert len(keys) == len(set(keys)), mart.name


@pytest.mark.parametrize("mart", [m for m in MARTS if m.ordered], ids=lambda m: m.name)
def test_ranges_are_ordered(con, mart):
    for row in rows_of(con, f"SELECT * FROM {mart.name}"):
        for low, base, high in mart.ordered:
            ends = [row[low], row[base], row[high]]
            present = [x for x in ends if x is not None]
            assert present == sorted(present), (mart.name, row)


@pytest.mark.parametrize("mart", MARTS, ids=lambda m: m.name)
def test_each_mart_is_in_the_catalog_with_its_definition(con, mart):
    [(definition, key)] = con.execute("SELECT definition, key_columns FROM mart_catalog WHERE mart = ?", [mart.name]).fetchall()
    assert definition == mart.definition and key == ", ".join(mart.key)


def test_the_evidence_filters_are_the_stated_ones(con):
    assert EVIDENCE_FILTERS == FILTERS
    assert {tuple(r) for r in con.execute("SELECT * FROM evidence_filters").fetchall()} == \
        {(name, *flags) for name, flags in FILTERS.items()}
    for mart in MARTS:
        if "evidence_filter" in mart.column_names:
            found = {r[0] for r in con.execute(f"SELECT DISTINCT evidence_filter FROM {mart.name}").fetchall()}
            assert found <= set(FILTERS), mart.name


def test_every_default_row_is_an_input_the_model_declares(con):
    declared = {spec.default_input for spec in INPUTS.values() if spec.default_input}
    found = {r[0] for r in con.execute("SELECT DISTINCT input FROM mart_input_defaults").fetchall()}
    assert found and found <= declared, found - declared


# ------------------------------------------------------------------ figures recomputed from the CSV rows

def number(text: str) -> float | None:
    return float(text) if text.strip() else None


def passes(evidence_filter: str, row: dict[str, str], sources: dict[str, dict[str, str]]) -> bool:
    """The methodology's filter: hide speculative figures; hide figures whose source counts as secondary
    (a copy counts as its original)."""
    hide_speculative, hide_secondary = FILTERS[evidence_filter]
    source = sources[row["source_id"]]
    counts_as = source["original_class"] if source["source_class"] == "copy" else source["source_class"]
    return not (hide_speculative and row["confidence"] == "speculative") and not (hide_secondary and counts_as == "secondary")


def expected_domain_rates(folder: Path, evidence_filter: str) -> dict[str, tuple[float, float, float]]:
    """Per domain: base = median point rate (typical, else the middle of a stated range); low/high = the medians of
    the postings' low ends and high ends, a ceiling-only posting counting for the high end only."""
    sources = {row["source_id"]: row for row in read_rows(folder / "sources.csv")}
    points, lows, highs = {}, {}, {}
    for row in read_rows(folder / "expert_rates.csv"):
        if not passes(evidence_filter, row, sources):
            continue
        low, typical, high = (number(row[f"usd_per_hour_{end}"]) for end in ("low", "typical", "high"))
        domain = row["domain"]
        for bucket in (points, lows, highs):
            bucket.setdefault(domain, [])
        if typical is not None:
            points[domain].append(typical)
        elif low is not None:
            points[domain].append((low + high) / 2)
        if typical is not None or low is not None:
            lows[domain].append(low if low is not None else typical)
        highs[domain].append(high if high is not None else typical)
    expected = {}
    for domain, pooled in points.items():
        if pooled:
            base = statistics.median(pooled)
            low = min(statistics.median(lows[domain]), base) if lows[domain] else base
            expected[domain] = (low, base, max(statistics.median(highs[domain]), base))
    return expected


@pytest.mark.parametrize("evidence_filter", sorted(FILTERS))
def test_domain_rates_follow_the_stated_rule(con, sources, evidence_filter):
    expected = expected_domain_rates(sources, evidence_filter)
    for table, column in (("mart_domain_expert_rates", "domain"), ("mart_input_defaults", "key")):
        where = "AND input = 'expert_usd_per_hour'" if table == "mart_input_defaults" else ""
        found = {r[column]: (r["low"], r["base"], r["high"])
                 for r in rows_of(con, f"SELECT * FROM {table} WHERE evidence_filter = ? {where}", [evidence_filter])}
        assert set(found) == set(expected), table
        for domain, ends in expected.items():
            assert found[domain] == pytest.approx(ends), (table, domain)


def test_medicine_counts_ceiling_only_postings_for_its_high_end(con):
    # points 115 and 150 → base 132.5; low ends 90, 100 → 95; high ends 140, 200 and the ceilings 250, 375 → 225
    [row] = rows_of(con, "SELECT * FROM mart_domain_expert_rates WHERE evidence_filter = 'all' AND domain = 'medicine'")
    assert (row["low"], row["base"], row["high"]) == (95.0, 132.5, 225.0)
    assert (row["postings"], row["postings_with_point"], row["ceiling_only_postings"]) == (4, 2, 2)
    ceilings = rows_of(con, "SELECT * FROM mart_posting_rates WHERE domain = 'medicine' AND is_ceiling_only")
    assert sorted(r["usd_per_hour_high_end"] for r in ceilings) == [250.0, 375.0]
    assert all(r["usd_per_hour_point"] is None and r["usd_per_hour_low_end"] is None for r in ceilings)
    assert {r["rate_basis"] for r in ceilings} == {"ceiling only"}


def test_a_domain_with_only_ceilings_has_no_default_rate(built, tmp_path):
    # as in the plain fixture, where medicine's two postings are both "up to" figures: no point rate, no default
    path = tmp_path / "ceilings_only.duckdb"
    shutil.copy(built, path)
    with duckdb.connect(str(path)) as connection:
        connection.execute("DELETE FROM mart_posting_rates WHERE domain = 'medicine' AND NOT is_ceiling_only")
        connection.execute(f"CREATE OR REPLACE TABLE rates AS {MARTS_BY_NAME['mart_domain_expert_rates'].sql}")
        assert connection.execute("SELECT count(*) FROM rates WHERE domain = 'medicine'").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM rates WHERE domain = 'law'").fetchone() == (len(FILTERS),)


def expected_reference(folder: Path, evidence_filter: str) -> dict[str, tuple[float, float, float, int]]:
    """Per key: base = median of the values (a range-only row counts as its midpoint); low/high = the lowest and
    highest value or stated end."""
    sources = {row["source_id"]: row for row in read_rows(folder / "sources.csv")}
    grouped: dict[str, list[tuple[float | None, float | None, float | None]]] = {}
    for row in read_rows(folder / "reference_points.csv"):
        if passes(evidence_filter, row, sources):
            grouped.setdefault(row["key"], []).append((number(row["low"]), number(row["value"]), number(row["high"])))
    expected = {}
    for key, rows in grouped.items():
        middles = [value if value is not None else (low + high) / 2 for low, value, high in rows]
        low = min(middles + [lo for lo, _, _ in rows if lo is not None])
        high = max(middles + [hi for _, _, hi in rows if hi is not None])
        expected[key] = (low, statistics.median(middles), high, len(rows))
    return expected


@pytest.mark.parametrize("evidence_filter", ["all", "no_speculative"])
def test_reference_figures_are_the_median_with_the_extremes(con, sources, evidence_filter):
    expected = expected_reference(sources, evidence_filter)
    found = {r["key"]: (r["low"], r["base"], r["high"], r["figure_count"])
             for r in rows_of(con, "SELECT * FROM mart_reference_figures WHERE evidence_filter = ?", [evidence_filter])}
    assert set(found) == set(expected)
    for key, figures in expected.items():
        assert found[key] == pytest.approx(figures), key


def test_wage_growth_by_hand(con):
    # 0.035 (fixture), 0.03 and a speculative 0.04–0.06 range (midpoint 0.05): median 0.035, lowest 0.03, highest 0.06
    figures = {r["evidence_filter"]: (r["low"], r["base"], r["high"]) for r in rows_of(
        con, "SELECT * FROM mart_input_defaults WHERE input = 'wage_growth_per_year'")}
    assert figures["all"] == pytest.approx((0.03, 0.035, 0.06))
    assert figures["no_speculative"] == pytest.approx((0.03, 0.0325, 0.035))


def test_a_speculative_figure_disappears_from_no_speculative(con):
    # the software-engineering postings and the words-heard figure are speculative in the fixture
    def keys(sql: str, evidence_filter: str) -> set[str]:
        return {r[0] for r in con.execute(sql, [evidence_filter]).fetchall()}

    rates = "SELECT key FROM mart_input_defaults WHERE evidence_filter = ? AND input = 'expert_usd_per_hour'"
    assert "software_engineering" in keys(rates, "all")
    assert "software_engineering" not in keys(rates, "no_speculative")
    reference = "SELECT key FROM mart_reference_figures WHERE evidence_filter = ?"
    assert "human_words_heard_by_adulthood" in keys(reference, "all")
    assert "human_words_heard_by_adulthood" not in keys(reference, "no_speculative")
    assert keys(reference, "no_speculative_no_secondary") <= keys(reference, "no_speculative")


def test_a_secondary_source_disappears_from_no_secondary_but_a_copy_of_a_primary_stays(con):
    figures = {r["evidence_filter"]: r["base"] for r in rows_of(
        con, "SELECT * FROM mart_domain_expert_rates WHERE domain = 'mathematics'")}
    assert figures["all"] == pytest.approx(76.5)  # median of $73 and $80
    assert figures["no_secondary"] == pytest.approx(80.0)


def test_post_training_compute_by_the_stated_order(con):
    # as stated (a range counts as its midpoint), else GPU-hours × peak FLOP/s × utilisation × 3600, else share ×
    # the model's pre-training compute; an H800 has no curated peak, so Llama's row falls through to its share
    stages = {(r["model"], r["stage"]): (r["training_flop"], r["flop_basis"]) for r in rows_of(
        con, "SELECT * FROM mart_post_training_compute WHERE evidence_filter = 'all'")}
    assert stages[("Test-RL-Model", "sft")] == (pytest.approx(2e21), "stated")
    gpu_hours_basis = "GPU-hours × peak FLOP/s × utilisation"
    assert stages[("Test-RL-Model", "rl")] == (pytest.approx(1000 * 9.894e14 * 0.4 * 3600), gpu_hours_basis)
    assert stages[("Llama 3.1 405B", "post_training_total")] == (pytest.approx(0.01 * 3.8e25), "share of pre-training compute")


def test_one_skills_compute_is_the_median_over_models_of_their_most_inclusive_stage(con):
    # Llama: all post-training 3.8e23; Test-RL-Model: its RL stage 1.42e21, not its SFT stage
    [row] = rows_of(con, "SELECT * FROM mart_skill_training_flop WHERE evidence_filter = 'all'")
    rl = 1000 * 9.894e14 * 0.4 * 3600
    assert (row["low"], row["base"], row["high"]) == pytest.approx((rl, (rl + 3.8e23) / 2, 3.8e23))
    assert row["models"] == 2


# ------------------------------------------------------------------ a failing mart fails the build

@dataclass(frozen=True)
class ReplacedSql(Mart):
    """A registry entry whose SQL is given, not read from its file."""

    replacement: str = ""

    @property
    def sql(self) -> str:
        return self.replacement


def with_sql(name: str, sql: str) -> tuple[Mart, ...]:
    """The registry with one mart's SQL replaced; `{original}` stands for its own query."""
    return tuple(ReplacedSql(**{f.name: getattr(m, f.name) for f in fields(Mart)}, replacement=sql.format(original=m.sql))
                 if m.name == name else m for m in MARTS)


@pytest.fixture
def previous(built, tmp_path) -> Path:
    """A copy of the built warehouse, to rebuild over."""
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(built, path)
    return path


REFERENCE = "mart_reference_figures"
BROKEN = {
    "range out of order": ("SELECT evidence_filter, key, unit, high AS low, base, low AS high, figure_count, source_ids "
                           "FROM ({original})", "low ≤ base ≤ high broken"),
    "repeated key": ("SELECT * FROM ({original}) UNION ALL SELECT * FROM ({original})", "not unique"),
    "undocumented columns": ("SELECT * EXCLUDE (unit) FROM ({original})", "differ from the documented"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_mart_breaking_its_declaration_fails_the_build_and_keeps_the_warehouse(case, previous, sources, monkeypatch):
    sql, rule = BROKEN[case]
    before = sha256(previous)
    monkeypatch.setattr(write_module, "MARTS", with_sql(REFERENCE, sql))
    with pytest.raises(MartCheckFailed, match=rf"^{REFERENCE}: .*{rule}"):
        build(previous, sources, force=True)
    assert sha256(previous) == before
    assert not list(previous.parent.glob(f".{previous.name}.building-*"))


@pytest.mark.parametrize("broken", ["mart_teacher_models", "mart_gpu_specs"])  # made beside the upstream tables; before
def test_broken_sql_fails_the_build_keeps_the_warehouse_and_logs_the_run_naming_the_mart(broken, previous, sources,
                                                                                         monkeypatch):
    """Marts are made several in one call: the error still says which one failed, and not the one before it."""
    before = sha256(previous)
    monkeypatch.setattr(write_module, "MARTS", with_sql(broken, "SELECT * FROM no_such_table"))
    with pytest.raises(duckdb.CatalogException, match="no_such_table") as caught:
        build(previous, sources, force=True)
    assert caught.value.__notes__ == [f"while making {broken} (its SQL: pipelines/marts/{broken}.sql)"]
    assert sha256(previous) == before
    assert not list(previous.parent.glob(f".{previous.name}.building-*"))
    [logged] = read_failed_runs(previous)
    assert "failed" in logged and "no_such_table" in logged and f"while making {broken} " in logged


def read_failed_runs(warehouse: Path) -> list[str]:
    log = warehouse.with_name(f"{warehouse.name}.failed-runs.jsonl")
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_a_figure_with_its_low_above_its_value_never_reaches_the_marts(previous, sources, tmp_path):
    # validation refuses the row, so no mart can be built with low > base from it
    broken = tmp_path / "sources"
    shutil.copytree(sources, broken)
    append_rows(broken / "reference_points.csv",
                [["wage_growth_per_year", "0.02", "fraction_per_year", "0.05", "0.06", "test row", "likely", WAGE_SOURCE,
                  "test row e"]])
    before = sha256(previous)
    with pytest.raises(InvalidData) as caught:
        build(previous, broken, force=True)
    assert "reference_points.csv" in str(caught.value)
    assert sha256(previous) == before


def test_a_mart_column_whose_name_says_fraction_holds_fractions_not_counts(con):
    """Tables format a column by the unit its name declares: a count named `…_rate` would be shown as a percentage."""
    from dashboard.ui.formats import column_unit

    whole = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT")
    miscounted = [(mart.name, name, kind) for mart in MARTS
                  for name, kind, *_ in con.execute(f"DESCRIBE {mart.name}").fetchall()
                  if column_unit(name) == "fraction" and kind in whole]
    assert miscounted == []


def test_the_marts_made_before_the_upstream_tables_hold_what_their_sql_gives_over_the_finished_warehouse(con):
    """The curated half is written while the upstream snapshots are still being parsed: a mart made then must not
    differ from the same query over the whole warehouse."""
    first, waiting = split_marts(list(UPSTREAM_TABLES))
    assert first and waiting and set(first) | set(waiting) == set(MARTS)
    for mart in first:
        stored = con.execute(f"SELECT * FROM {mart.name} ORDER BY ALL").fetchall()
        assert stored == con.execute(f"SELECT * FROM ({mart.sql}) ORDER BY ALL").fetchall(), mart.name


def test_a_mart_waits_when_it_reads_an_upstream_table_its_views_or_a_mart_that_waits(monkeypatch):
    reads = {"m_curated": "SELECT 1 FROM expert_rates_evidence", "m_upstream": "SELECT 1 FROM ai_models",
             "m_view": "SELECT 1 FROM occupation_wages_cited", "m_chained": "SELECT 1 FROM m_upstream",
             "m_prefix": "SELECT 1 FROM ai_models_extra"}  # a longer name that merely starts like an upstream one
    marts = tuple(ReplacedSql(name, "", ("k",), (("k", ""),), replacement=sql) for name, sql in reads.items())
    monkeypatch.setattr(write_module, "MARTS", marts)
    first, waiting = split_marts(["ai_models", "occupation_wages"])
    assert [m.name for m in first] == ["m_curated", "m_prefix"]
    assert [m.name for m in waiting] == ["m_upstream", "m_view", "m_chained"]
