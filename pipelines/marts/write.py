"""Write the staging views and the marts into a warehouse being built, then check each mart.

Staging: `evidence_filters`, `source_evidence`, `<table>_cited` and `<table>_evidence` for every figure
table. Marts: each SQL file of the registry, in order. Checks (a failure fails the build and leaves the
previous warehouse as it was): every mart's key is unique; its (low, base, high) columns are ordered;
its columns are exactly those the registry documents.
"""

from __future__ import annotations

import duckdb

from pipelines import queries
from pipelines.marts import EVIDENCE_FILTERS, MARTS, Mart


class MartCheckFailed(Exception):
    """A mart broke one of its rules; the message names the mart, the rule and example rows."""


def write_staging(con: duckdb.DuckDBPyConnection, figure_tables: list[str]) -> None:
    """The evidence filters, each source's class, the cited and per-filter views of every figure table, and the
    figure-quality and figure-date views of the curated ones."""
    from pipelines.subjects import FIGURE_SUBJECTS

    con.execute(queries.EVIDENCE_FILTERS_DDL)
    con.execute(*queries.insert_values("evidence_filters", [(name, *flags) for name, flags in EVIDENCE_FILTERS.items()]))
    con.execute(queries.EVIDENCE_FILTER_MACRO)
    for macro in queries.MART_MACROS:
        con.execute(macro)
    con.execute(queries.create_source_evidence_view())
    as_of = {subject.name: subject.as_of_column for subject in FIGURE_SUBJECTS}
    for table in figure_tables:
        con.execute(queries.create_cited_view(table, as_of.get(table)))
        con.execute(queries.create_evidence_view(table))
    con.execute(queries.create_figures_by_source_view(figure_tables))
    write_quality_views(con)


def write_quality_views(con: duckdb.DuckDBPyConnection) -> None:
    """`figure_quality` (and its total) and `figure_dates` over the curated figure tables (their `_cited` views must exist)."""
    from pipelines.subjects import FIGURE_SUBJECTS

    con.execute(queries.create_figure_quality_view([s.name for s in FIGURE_SUBJECTS]))
    con.execute(queries.CREATE_FIGURE_QUALITY_TOTAL)
    con.execute(queries.create_figure_dates_view({s.name: s.as_of_column for s in FIGURE_SUBJECTS if s.time_sensitive}))


def check_columns(con: duckdb.DuckDBPyConnection, mart: Mart) -> None:
    """Raise MartCheckFailed when the mart's columns are not exactly those documented (checked as each mart is
    made, before a later mart reads it)."""
    columns = [row[0] for row in con.execute(queries.select_all(mart.name) + " LIMIT 0").description]
    if columns != mart.column_names:
        raise MartCheckFailed(f"{mart.name}: columns {columns} differ from the documented {mart.column_names}")


def check_rows(con: duckdb.DuckDBPyConnection, marts: tuple[Mart, ...]) -> None:
    """Raise MartCheckFailed for the first mart, in registry order, whose key repeats or whose ranges are out of
    order — every mart checked in one query."""
    rules = [(mart, queries.duplicate_keys(mart.name, list(mart.key)), f"key {mart.key} not unique") for mart in marts]
    rules += [(mart, queries.disordered_rows(mart.name, *columns), "{} ≤ {} ≤ {} broken".format(*columns))
              for mart in marts for columns in mart.ordered]
    broken = con.execute(queries.first_broken_rule([query for _, query, _ in rules])).fetchone()
    if broken is not None:
        mart, _, rule = rules[broken[0]]
        raise MartCheckFailed(f"{mart.name}: {rule}, e.g. {broken[1]}")


def write_marts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Every mart in registry order, each checked; returns the row count per mart."""
    for mart in MARTS:
        con.execute(queries.create_mart(mart.name, mart.sql))
        check_columns(con, mart)
    check_rows(con, MARTS)
    con.execute(queries.MART_CATALOG_DDL)
    con.execute(*queries.insert_values("mart_catalog", [(m.name, m.definition, ", ".join(m.key)) for m in MARTS]))
    names = [mart.name for mart in MARTS]
    return dict(zip(names, con.execute(queries.count_rows_of(names)).fetchone(), strict=True))
