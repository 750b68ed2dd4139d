"""Write the staging views and the marts into a warehouse being built, then check each mart.

Staging: `evidence_filters`, `source_evidence`, `<table>_cited` and `<table>_evidence` for every figure
table. Marts: each SQL file of the registry, in order. Checks (a failure fails the build and leaves the
previous warehouse as it was): every mart's key is unique; its (low, base, high) columns are ordered;
its columns are exactly those the registry documents.
"""

from __future__ import annotations

import re

import duckdb

from pipelines import queries
from pipelines.marts import EVIDENCE_FILTERS, MARTS, Mart


class MartCheckFailed(Exception):
    """A mart broke one of its rules; the message names the mart, the rule and example rows."""


def write_staging(con: duckdb.DuckDBPyConnection, curated_tables: list[str]) -> None:
    """The evidence filters, the shared macros, each source's class, the cited and per-filter views of the curated
    figure tables and their figure-quality and figure-date views."""
    con.execute(queries.EVIDENCE_FILTERS_DDL)
    con.execute(*queries.insert_values("evidence_filters", [(name, *flags) for name, flags in EVIDENCE_FILTERS.items()]))
    run_together(con, [queries.EVIDENCE_FILTER_MACRO, *queries.MART_MACROS, queries.create_source_evidence_view(),
                       *figure_views(curated_tables), *quality_views()])


def run_together(con: duckdb.DuckDBPyConnection, statements: list[str]) -> None:
    """Statements with no parameters and no result, in one call: each call into DuckDB's client must win the GIL
    back from the parsing thread, so one call for many short statements waits once instead of each time."""
    if statements:
        con.execute(";\n".join(statements))


def figure_views(tables: list[str]) -> list[str]:
    """`<table>_cited` and `<table>_evidence` for each figure table (curated ones age by their as-of column)."""
    from pipelines.subjects import FIGURE_SUBJECTS

    as_of = {subject.name: subject.as_of_column for subject in FIGURE_SUBJECTS}
    return [view for table in tables
            for view in (queries.create_cited_view(table, as_of.get(table)), queries.create_evidence_view(table))]


def write_figure_views(con: duckdb.DuckDBPyConnection, tables: list[str]) -> None:
    """Each figure table's `<table>_cited` and `<table>_evidence` views."""
    run_together(con, figure_views(tables))


def quality_views() -> list[str]:
    """`figure_quality` (and its total) and `figure_dates` over the curated figure tables (their `_cited` views must exist)."""
    from pipelines.subjects import FIGURE_SUBJECTS

    return [queries.create_figure_quality_view([s.name for s in FIGURE_SUBJECTS]), queries.CREATE_FIGURE_QUALITY_TOTAL,
            queries.create_figure_dates_view({s.name: s.as_of_column for s in FIGURE_SUBJECTS if s.time_sensitive})]


def check_columns(mart: Mart, columns: list[str]) -> None:
    """Raise MartCheckFailed when the mart's columns, in order, are not exactly those documented."""
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


def tables_needed(later_tables: list[str]) -> dict[str, frozenset[str]]:
    """For each mart, in registry order, the later tables it reads — by name in its SQL (or their `_cited` and
    `_evidence` views), directly or through marts it reads. A name that only sits in a comment counts too, which is
    safe: the mart waits. A mart made too early fails to bind, since the later tables do not exist yet; it never
    reads a half-built warehouse. Each mart's SQL is read once."""
    needed: dict[str, frozenset[str]] = {}
    for mart in MARTS:
        sql = mart.sql
        direct = {t for t in later_tables if re.search(rf"\b{re.escape(t)}(?:_cited|_evidence)?\b", sql)}
        through = [needed[m] for m in needed if re.search(rf"\b{re.escape(m)}\b", sql)]
        needed[mart.name] = frozenset(direct.union(*through))
    return needed


def split_marts(later_tables: list[str]) -> tuple[tuple[Mart, ...], tuple[Mart, ...]]:
    """The marts in registry order, as (those that can be made now, those that must wait for the later tables)."""
    needed = tables_needed(later_tables)
    return tuple(m for m in MARTS if not needed[m.name]), tuple(m for m in MARTS if needed[m.name])


def marts_ready(needed: dict[str, frozenset[str]], written: set[str], made: set[str]) -> tuple[Mart, ...]:
    """The marts not made yet whose later tables are all written, in registry order."""
    return tuple(m for m in MARTS if m.name not in made and needed[m.name] <= written)


def write_marts(con: duckdb.DuckDBPyConnection, marts: tuple[Mart, ...]) -> None:
    """These marts in registry order, in one call (see `run_together`), then each checked for its documented
    columns before a later call reads it (a later mart of the same call reads it first: should that one fail to
    bind, its own name is on the error). A mart that fails is named in a note on DuckDB's error."""
    if not marts:
        return
    making = [statement for mart in marts
              for statement in (queries.announce_mart(mart.name), queries.create_mart(mart.name, mart.sql))]
    try:  # a mart's SQL may end in a comment: each statement ends on a line of its own
        con.execute("\n;\n".join([*making, queries.columns_of([mart.name for mart in marts])]))
    except duckdb.Error as error:
        failed = announced_mart(con)
        error.add_note(f"while making {failed} (its SQL: pipelines/marts/{failed}.sql)")
        raise
    columns = dict(con.fetchall())
    for mart in marts:
        check_columns(mart, columns[mart.name])


def announced_mart(con: duckdb.DuckDBPyConnection) -> str:
    """The mart the last call was making. DuckDB aborts a transaction at its first error, and the session variable
    naming the mart outlives the transaction: roll back, then read it (the new file is discarded anyway)."""
    try:
        return con.execute(queries.ANNOUNCED_MART).fetchone()[0]
    except duckdb.TransactionException:
        con.execute("ROLLBACK")
        return con.execute(queries.ANNOUNCED_MART).fetchone()[0]


def finish_marts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Once every mart is made: check keys and ranges, write the mart catalog; returns the row count per mart."""
    check_rows(con, MARTS)
    con.execute(queries.MART_CATALOG_DDL)
    con.execute(*queries.insert_values("mart_catalog", [(m.name, m.definition, ", ".join(m.key)) for m in MARTS]))
    names = [mart.name for mart in MARTS]
    return dict(zip(names, con.execute(queries.count_rows_of(names)).fetchone(), strict=True))
