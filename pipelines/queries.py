"""Every SQL statement datamoat runs, in one place. Table names come from the subject registry only."""

from __future__ import annotations

import re

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")

SOURCE_COLUMNS = {
    "title": "source_title",
    "publisher": "source_publisher",
    "url": "source_url",
    "date_published": "source_date_published",
    "date_accessed": "source_date_accessed",
    "kind": "source_kind",
}

PIPELINE_RUNS_DDL = """
CREATE TABLE pipeline_runs (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    status VARCHAR NOT NULL,
    only_subject VARCHAR,
    forced BOOLEAN NOT NULL,
    input_checksums VARCHAR NOT NULL,
    rows_per_table VARCHAR NOT NULL,
    error_summary VARCHAR,
    data_diff VARCHAR NOT NULL
)
"""

INSERT_RUN = "INSERT INTO pipeline_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

LAST_SUCCESS_CHECKSUMS = """
SELECT input_checksums FROM pipeline_runs
WHERE status = 'success' ORDER BY finished_at DESC LIMIT 1
"""

RUN_HISTORY = "SELECT * FROM pipeline_runs ORDER BY started_at DESC"



def identifier(name: str) -> str:
    """A table or view name, checked so that no other text can reach a statement."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"not a table name: {name!r}")
    return f'"{name}"'


def select_all(table: str, schema: str | None = None) -> str:
    prefix = f"{identifier(schema)}." if schema else ""
    return f"SELECT * FROM {prefix}{identifier(table)}"


def create_from_frame(table: str, frame_name: str = "staged") -> str:
    """Create a table from a registered Polars frame, naming the row's CSV line `csv_line`."""
    return f"CREATE TABLE {identifier(table)} AS SELECT * RENAME (_line AS csv_line) FROM {identifier(frame_name)}"


def copy_from_previous(table: str) -> str:
    return f"CREATE TABLE {identifier(table)} AS {select_all(table, 'previous')}"


def list_previous_tables() -> str:
    return "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'previous' AND table_type = 'BASE TABLE'"


def attach_read_only(path: str, alias: str) -> str:
    escaped = path.replace("'", "''")
    return f"ATTACH '{escaped}' AS {identifier(alias)} (READ_ONLY)"


def attach_previous(path: str) -> str:
    return attach_read_only(path, "previous")


def use(alias: str) -> str:
    return f"USE {identifier(alias)}"


def create_source_evidence_view() -> str:
    """`source_evidence`: each source's class and the class it counts as (a copy counts as its original)."""
    return """
    CREATE VIEW source_evidence AS
    SELECT source_id, source_class,
           CASE WHEN source_class = 'copy' THEN original_class ELSE source_class END AS evidence_class
    FROM sources
    """


def create_cited_view(table: str, as_of_column: str | None = None) -> str:
    """`<table>_cited`: every figure with its source's title, publisher, address, dates and class beside it, and
    the date it is aged by — its as-of date, else its source's publication date (`aged_by` says which; both empty
    when neither is known)."""
    picked = ", ".join(f"s.{column} AS {alias}" for column, alias in SOURCE_COLUMNS.items())
    view = identifier(f"{table}_cited")
    as_of = f"f.{identifier(as_of_column)}" if as_of_column else "NULL::DATE"
    return (f"CREATE VIEW {view} AS SELECT f.*, {picked}, e.source_class, e.evidence_class, "
            f"coalesce({as_of}, s.date_published) AS aged_by_date, "
            f"CASE WHEN {as_of} IS NOT NULL THEN 'as of' WHEN s.date_published IS NOT NULL THEN 'source published' "
            "END AS aged_by "
            f"FROM {identifier(table)} AS f LEFT JOIN sources AS s USING (source_id) "
            "LEFT JOIN source_evidence AS e USING (source_id)")


EVIDENCE_FILTERS_DDL = """
CREATE TABLE evidence_filters (
    evidence_filter VARCHAR PRIMARY KEY,
    hide_speculative BOOLEAN NOT NULL,
    hide_secondary BOOLEAN NOT NULL
)
"""
EVIDENCE_FILTER_MACRO = """
CREATE MACRO passes_evidence_filter(hide_speculative, hide_secondary, confidence, evidence_class) AS
    (NOT hide_speculative OR confidence <> 'speculative')
    AND (NOT hide_secondary OR coalesce(evidence_class, 'secondary') <> 'secondary')
"""
# Rules the marts share, each written once. A row giving only a range counts as its midpoint; a pooled range runs
# from the lowest value or stated low end to the highest value or stated high end (its base is the median). A
# group of figures is only as sure as its weakest (rank 0 reported, 1 likely, 2 speculative). A date counts as
# a fractional year.
MART_MACROS = (
    "CREATE MACRO figure_middle(value, low, high) AS coalesce(value, (low + high) / 2)",
    "CREATE MACRO pooled_low(middle, stated_low) AS least(min(middle), min(stated_low))",
    "CREATE MACRO pooled_high(middle, stated_high) AS greatest(max(middle), max(stated_high))",
    "CREATE MACRO confidence_rank(confidence) AS CASE confidence WHEN 'reported' THEN 0 WHEN 'likely' THEN 1 ELSE 2 END",
    "CREATE MACRO confidence_of_rank(rank) AS ['reported', 'likely', 'speculative'][rank + 1]",
    "CREATE MACRO decimal_year(day) AS year(day) + (dayofyear(day) - 1) / 365.25",
)


def create_evidence_view(table: str) -> str:
    """`<table>_evidence`: each cited figure once per evidence filter it passes (`evidence_filter` first)."""
    view, cited = identifier(f"{table}_evidence"), identifier(f"{table}_cited")
    return (f"CREATE VIEW {view} AS SELECT f.evidence_filter, c.* FROM {cited} AS c JOIN evidence_filters AS f "
            "ON passes_evidence_filter(f.hide_speculative, f.hide_secondary, c.confidence, c.evidence_class)")


def create_figure_quality_view(tables: list[str]) -> str:
    """`figure_quality`: curated figure rows counted per table, by the class of the source they rest on (a copy
    counts as its original) and by confidence label — the counts `datamoat sources check` prints. `quality_class`
    is the class a reader is shown: a copy of a primary or reputable original apart as `copy`, else the class the
    figure rests on."""
    parts = [f"SELECT '{t}' AS table_name, coalesce(source_class, 'secondary') AS source_class, "
             f"coalesce(evidence_class, 'secondary') AS evidence_class, confidence, count(*) AS figures "
             f"FROM {identifier(t + '_cited')} GROUP BY ALL" for t in tables]
    return ("CREATE VIEW figure_quality AS SELECT *, CASE WHEN source_class = 'copy' AND evidence_class <> 'secondary' "
            "THEN 'copy' ELSE evidence_class END AS quality_class FROM (" + " UNION ALL ".join(parts) + ")")


# The share of curated figure rows on primary or reputable ground (or a copy naming such an original): the one
# figure both the check and the Sources page report.
CREATE_FIGURE_QUALITY_TOTAL = """
CREATE VIEW figure_quality_total AS
SELECT sum(figures) AS figures,
       coalesce(sum(figures) FILTER (WHERE quality_class <> 'secondary'), 0) AS sound_figures,
       sound_figures / nullif(sum(figures), 0) AS sound_share
FROM figure_quality
"""


def create_figure_dates_view(dated: dict[str, str | None]) -> str:
    """`figure_dates`: every curated figure row of the time-sensitive tables with the date it is aged by (from
    its `_cited` view)."""
    parts = [f"SELECT '{table}' AS table_name, csv_line, source_id, source_title, "
             f"{identifier(column) if column else 'NULL::DATE'} AS as_of_date, source_date_published, aged_by_date, "
             f"aged_by FROM {identifier(table + '_cited')}" for table, column in dated.items()]
    return "CREATE VIEW figure_dates AS " + " UNION ALL ".join(parts)


DEFAULT_MARTS = "SELECT DISTINCT input, mart FROM mart_input_defaults ORDER BY input, mart"
FIGURE_CLASSES = "SELECT csv_line, confidence, source_class, evidence_class, source_id FROM {table} ORDER BY csv_line"
FIGURE_QUALITY = "SELECT table_name, quality_class, confidence, figures FROM figure_quality"
FIGURE_QUALITY_TOTAL = "SELECT figures, sound_figures, sound_share FROM figure_quality_total"
FIGURE_AGES = "SELECT table_name, csv_line, source_id, aged_by_date, aged_by FROM figure_dates ORDER BY table_name, csv_line"


def create_mart(name: str, body: str) -> str:
    """A mart table from its SQL file's query."""
    return f"CREATE TABLE {identifier(name)} AS {body}"


def announce_mart(name: str) -> str:
    """Name the mart about to be made in a session variable (read back when making it fails)."""
    return f"SET VARIABLE datamoat_making_mart = {_literal(name)}"


ANNOUNCED_MART = "SELECT getvariable('datamoat_making_mart')"


def columns_of(tables: list[str]) -> str:
    """Each table's column names in order, as (table, [columns]) rows — the tables of the database being written."""
    names = ", ".join(_literal(table) for table in tables)
    return ("SELECT table_name, list(column_name ORDER BY column_index) FROM duckdb_columns() "
            f"WHERE database_name = current_database() AND schema_name = 'main' AND table_name IN ({names}) GROUP BY ALL")


MART_CATALOG_DDL = ("CREATE TABLE mart_catalog "
                    "(mart VARCHAR PRIMARY KEY, definition VARCHAR NOT NULL, key_columns VARCHAR NOT NULL)")


def insert_values(table: str, rows: list[tuple]) -> tuple[str, list]:
    """One INSERT of many rows (each a tuple in the table's column order), with its parameters — DuckDB runs
    `executemany` a row at a time."""
    row = "(" + ", ".join("?" * len(rows[0])) + ")"
    return f"INSERT INTO {identifier(table)} VALUES {', '.join([row] * len(rows))}", [v for r in rows for v in r]


def duplicate_keys(table: str, key: list[str]) -> str:
    """Key values that occur more than once in a table."""
    columns = ", ".join(identifier(c) for c in key)
    return f"SELECT {columns}, count(*) AS n FROM {identifier(table)} GROUP BY ALL HAVING count(*) > 1 LIMIT 5"


def first_broken_rule(checks: list[str]) -> str:
    """The first of several checks (each a query listing offending rows) that finds a row: (its index, one row
    as JSON); no row when all pass."""
    parts = [f"SELECT {i} AS rule, CAST(to_json(offending) AS VARCHAR) AS example FROM ({check}) AS offending"
             for i, check in enumerate(checks)]
    return f"SELECT rule, any_value(example) FROM ({' UNION ALL '.join(parts)}) GROUP BY rule ORDER BY rule LIMIT 1"


def disordered_rows(table: str, low: str, base: str, high: str) -> str:
    """Rows where low ≤ base ≤ high does not hold (empty ends aside)."""
    lo, mid, hi = identifier(low), identifier(base), identifier(high)
    return (f"SELECT * FROM {identifier(table)} WHERE {lo} > {mid} OR {mid} > {hi} OR {lo} > {hi} LIMIT 5")


def create_figures_by_source_view(tables: list[str]) -> str:
    """`figures_by_source`: how many figures each source backs, per table."""
    parts = [f"SELECT '{t}' AS table_name, source_id, count(*) AS figure_count FROM {identifier(t)} GROUP BY source_id"
             for t in tables]
    return "CREATE VIEW figures_by_source AS " + " UNION ALL ".join(parts)


# --- Reads for the dashboard -------------------------------------------------------------

NEWEST_SUCCESSFUL_RUN = "SELECT max(finished_at) FROM pipeline_runs WHERE status = 'success'"


def read_table(name: str) -> str:
    """Every row of one table or view (`<table>_cited`, `figures_by_source`, `pipeline_runs`)."""
    return select_all(name)


# --- User data: the user's own quotes and task logs (pipelines/userdata) ------------------
# These run against the separate user database (`<warehouse dir>/user/user.duckdb`), never the
# warehouse; the only statement that reads both is QUOTES_WITH_PUBLIC_RATES, which attaches the
# warehouse read-only.

USER_DDL = [
    """
    CREATE TABLE IF NOT EXISTS quote_uploads (
        upload_id VARCHAR PRIMARY KEY,
        file_name VARCHAR NOT NULL,
        row_count BIGINT NOT NULL,
        uploaded_at TIMESTAMP NOT NULL,
        origin VARCHAR NOT NULL
    )""",
    """
    CREATE TABLE IF NOT EXISTS vendor_quotes (
        upload_id VARCHAR NOT NULL,
        csv_line BIGINT NOT NULL,
        vendor VARCHAR NOT NULL,
        domain VARCHAR NOT NULL,
        artifact_type VARCHAR NOT NULL,
        usd_per_item DOUBLE,
        usd_per_hour DOUBLE,
        minimum_volume BIGINT,
        quote_date DATE NOT NULL,
        notes VARCHAR,
        origin VARCHAR NOT NULL
    )""",
    """
    CREATE TABLE IF NOT EXISTS tasklogs (
        tasklog_id VARCHAR PRIMARY KEY,
        file_names VARCHAR NOT NULL,
        rows_read BIGINT NOT NULL,
        rows_ingested BIGINT NOT NULL,
        rows_quarantined BIGINT NOT NULL,
        ingested_at TIMESTAMP NOT NULL,
        parquet_dir VARCHAR NOT NULL,
        origin VARCHAR NOT NULL
    )""",
    """
    CREATE TABLE IF NOT EXISTS tasklog_skill_aggregates (
        tasklog_id VARCHAR NOT NULL,
        skill VARCHAR NOT NULL,
        domain VARCHAR NOT NULL,
        tasks BIGINT NOT NULL,
        accepted_items BIGINT NOT NULL,
        rejected_items BIGINT NOT NULL,
        rework_items BIGINT NOT NULL,
        rejection_rate DOUBLE NOT NULL,
        rework_rate DOUBLE NOT NULL,
        median_minutes_per_accepted_item DOUBLE,
        p90_minutes_per_accepted_item DOUBLE,
        review_time_ratio DOUBLE,
        cost_per_accepted_item_usd DOUBLE,
        effective_usd_per_hour DOUBLE,
        total_pay_usd DOUBLE NOT NULL,
        active_hours DOUBLE NOT NULL,
        workers BIGINT NOT NULL,
        weeks BIGINT NOT NULL,
        mean_workers_active_per_week DOUBLE NOT NULL,
        mean_weekly_attrition DOUBLE,
        active_hours_per_worker_week DOUBLE NOT NULL,
        origin VARCHAR NOT NULL
    )""",
    """
    CREATE TABLE IF NOT EXISTS tasklog_weekly_workers (
        tasklog_id VARCHAR NOT NULL,
        skill VARCHAR NOT NULL,
        domain VARCHAR NOT NULL,
        week_start DATE NOT NULL,
        workers_active BIGINT NOT NULL,
        workers_retained_next_week BIGINT,
        attrition DOUBLE
    )""",
    """
    CREATE TABLE IF NOT EXISTS tasklog_quarantine (
        tasklog_id VARCHAR NOT NULL,
        file_name VARCHAR NOT NULL,
        row_number BIGINT NOT NULL,
        task_id VARCHAR, project VARCHAR, skill VARCHAR, domain VARCHAR, worker_id VARCHAR,
        started_at VARCHAR, submitted_at VARCHAR, active_seconds VARCHAR, pay_usd VARCHAR,
        status VARCHAR, reviewer_id VARCHAR, review_seconds VARCHAR,
        reasons VARCHAR NOT NULL
    )""",
    """
    CREATE TABLE IF NOT EXISTS saved_scenarios (
        scenario_id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL UNIQUE,
        saved_at TIMESTAMP NOT NULL,
        scenario_json VARCHAR NOT NULL,
        origin VARCHAR NOT NULL
    )""",
]

INSERT_QUOTE_UPLOAD = "INSERT INTO quote_uploads VALUES (?, ?, ?, ?, 'user')"
INSERT_QUOTES_FROM_STAGED = """
INSERT INTO vendor_quotes
SELECT ? AS upload_id, _line AS csv_line, vendor, domain, artifact_type, usd_per_item, usd_per_hour,
       minimum_volume, quote_date, notes, 'user' AS origin
FROM staged
"""
LIST_QUOTE_UPLOADS = "SELECT * FROM quote_uploads ORDER BY uploaded_at, upload_id"
LIST_QUOTES = "SELECT * FROM vendor_quotes ORDER BY upload_id, csv_line"
COUNT_QUOTE_UPLOAD = "SELECT count(*) FROM quote_uploads WHERE upload_id = ?"
DELETE_QUOTES = "DELETE FROM vendor_quotes WHERE upload_id = ?"
DELETE_QUOTE_UPLOAD = "DELETE FROM quote_uploads WHERE upload_id = ?"
WAREHOUSE_DOMAINS = "SELECT domain FROM domains"
WAREHOUSE_DOMAIN_RATES = """
SELECT domain, base AS public_usd_per_hour, postings AS public_postings, source_ids AS public_source_ids
FROM mart_domain_expert_rates WHERE evidence_filter = ?
"""

LIST_SAVED_SCENARIOS = "SELECT * FROM saved_scenarios ORDER BY saved_at, scenario_id"
SAVED_SCENARIO_BY_NAME = "SELECT scenario_id FROM saved_scenarios WHERE name = ?"
SAVED_SCENARIO_BY_ID = "SELECT name FROM saved_scenarios WHERE scenario_id = ?"
INSERT_SAVED_SCENARIO = "INSERT INTO saved_scenarios VALUES (?, ?, ?, ?, 'user')"
REPLACE_SAVED_SCENARIO = "UPDATE saved_scenarios SET saved_at = ?, scenario_json = ? WHERE scenario_id = ?"
RENAME_SAVED_SCENARIO = "UPDATE saved_scenarios SET name = ? WHERE scenario_id = ?"
DELETE_SAVED_SCENARIO = "DELETE FROM saved_scenarios WHERE scenario_id = ?"
COUNT_SAVED_SCENARIOS = "SELECT count(*) FROM saved_scenarios"
OLDEST_SAVED_SCENARIOS = "SELECT scenario_id FROM saved_scenarios ORDER BY saved_at, scenario_id LIMIT ?"

INSERT_TASKLOG = "INSERT INTO tasklogs VALUES (?, ?, ?, ?, ?, ?, ?, 'user')"
LIST_TASKLOGS = "SELECT * FROM tasklogs ORDER BY ingested_at, tasklog_id"
COUNT_TASKLOG = "SELECT count(*) FROM tasklogs WHERE tasklog_id = ?"
TASKLOG_AGGREGATES = "SELECT * FROM tasklog_skill_aggregates WHERE tasklog_id = ? ORDER BY skill, domain"
TASKLOG_WEEKLY = "SELECT * FROM tasklog_weekly_workers WHERE tasklog_id = ? ORDER BY skill, domain, week_start"
TASKLOG_QUARANTINE = "SELECT * FROM tasklog_quarantine WHERE tasklog_id = ? ORDER BY file_name, row_number"
DELETE_TASKLOG = [
    "DELETE FROM tasklog_skill_aggregates WHERE tasklog_id = ?",
    "DELETE FROM tasklog_weekly_workers WHERE tasklog_id = ?",
    "DELETE FROM tasklog_quarantine WHERE tasklog_id = ?",
    "DELETE FROM tasklogs WHERE tasklog_id = ?",
]


def insert_from_staged(table: str, frame_name: str = "staged") -> str:
    """Append a registered frame (columns in the table's order, minus origin) to a user table."""
    origin = ", 'user'" if table == "tasklog_skill_aggregates" else ""
    return f"INSERT INTO {identifier(table)} SELECT *{origin} FROM {identifier(frame_name)}"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def repeated_task_hashes(parquet_glob: str) -> str:
    """Hashes of task ids that occur more than once across the staged rows (a superset of duplicates).

    DuckDB's hash aggregate spills to its temp directory under `memory_limit`, so this scales past
    memory where an in-memory group-by of every task id would not.
    """
    return f"""
    SELECT _task_hash FROM read_parquet({_literal(parquet_glob)}, hive_partitioning = false)
    WHERE _task_hash IS NOT NULL
    GROUP BY _task_hash HAVING count(*) > 1
    """


def direct_tasklog_aggregates(path: str) -> str:
    """The benchmark's reference: per-skill aggregates in one DuckDB query straight over a clean log."""
    source = f"read_csv({_literal(path)}, header = true, columns = {{'task_id': 'VARCHAR', 'project': 'VARCHAR', " \
             "'skill': 'VARCHAR', 'domain': 'VARCHAR', 'worker_id': 'VARCHAR', 'started_at': 'TIMESTAMP', " \
             "'submitted_at': 'TIMESTAMP', 'active_seconds': 'DOUBLE', 'pay_usd': 'DOUBLE', 'status': 'VARCHAR', " \
             "'reviewer_id': 'VARCHAR', 'review_seconds': 'DOUBLE'})" if path.endswith(".csv") \
        else f"read_parquet({_literal(path)})"
    return f"""
    WITH rows AS (SELECT * FROM {source}),
    per_skill AS (
        SELECT skill, domain,
               count(*) AS tasks,
               count(*) FILTER (status = 'accepted') AS accepted_items,
               count(*) FILTER (status = 'rejected') AS rejected_items,
               count(*) FILTER (status = 'rework') AS rework_items,
               quantile_cont(active_seconds / 60.0, 0.5) FILTER (status = 'accepted') AS median_minutes_per_accepted_item,
               quantile_cont(active_seconds / 60.0, 0.9) FILTER (status = 'accepted') AS p90_minutes_per_accepted_item,
               sum(coalesce(review_seconds, 0)) FILTER (status = 'accepted')
                   / sum(active_seconds) FILTER (status = 'accepted') AS review_time_ratio,
               sum(pay_usd) AS total_pay_usd,
               sum(active_seconds) / 3600.0 AS active_hours
        FROM rows GROUP BY skill, domain
    ),
    weekly AS (
        SELECT DISTINCT skill, domain, date_trunc('week', started_at)::DATE AS week_start, worker_id FROM rows
    ),
    last_week AS (SELECT max(week_start) AS week_start FROM weekly),
    attrition AS (
        SELECT w.skill, w.domain, w.week_start, count(*) AS workers_active,
               count(n.worker_id) AS retained
        FROM weekly AS w LEFT JOIN weekly AS n
          ON n.skill = w.skill AND n.domain = w.domain AND n.worker_id = w.worker_id
         AND n.week_start = w.week_start + INTERVAL 7 DAY
        GROUP BY ALL
    ),
    per_skill_weeks AS (
        SELECT skill, domain, count(*) AS weeks, avg(workers_active) AS mean_workers_active_per_week,
               avg(1 - retained / workers_active) FILTER (week_start < (SELECT week_start FROM last_week))
                   AS mean_weekly_attrition
        FROM attrition GROUP BY skill, domain
    )
    SELECT p.*, p.rejected_items / p.tasks AS rejection_rate, p.rework_items / p.tasks AS rework_rate,
           p.total_pay_usd / nullif(p.accepted_items, 0) AS cost_per_accepted_item_usd,
           p.total_pay_usd / nullif(p.active_hours, 0) AS effective_usd_per_hour,
           w.weeks, w.mean_workers_active_per_week, w.mean_weekly_attrition
    FROM per_skill AS p JOIN per_skill_weeks AS w USING (skill, domain)
    ORDER BY skill, domain
    """


# --- Upstream sources: the field's public datasets (pipelines/upstream) --------------------
# Written after the curated subject tables. Every upstream row carries `source_id` (its snapshot's row
# in `sources`) and `confidence`; `upstream_snapshots` holds each snapshot's origin record.

UPSTREAM_SNAPSHOTS_DDL = """
CREATE TABLE upstream_snapshots (
    source VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    is_current BOOLEAN NOT NULL,
    title VARCHAR NOT NULL,
    producer VARCHAR NOT NULL,
    url_main VARCHAR NOT NULL,
    url_download VARCHAR NOT NULL,
    date_published DATE NOT NULL,
    date_published_basis VARCHAR NOT NULL,
    date_accessed DATE NOT NULL,
    licence VARCHAR NOT NULL,
    licence_url VARCHAR NOT NULL,
    credit VARCHAR NOT NULL,
    citation_full VARCHAR NOT NULL,
    source_class VARCHAR NOT NULL,
    obtained_by VARCHAR NOT NULL,
    files VARCHAR NOT NULL,
    rows_read BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    PRIMARY KEY (source, version)
)
"""

UPSTREAM_REJECTS_DDL = """
CREATE TABLE upstream_rejects (
    source VARCHAR NOT NULL,
    snapshot_version VARCHAR,
    file VARCHAR NOT NULL,
    "row" BIGINT,
    "column" VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    value VARCHAR
)
"""



def copy_rows_of_sources_from_previous(table: str) -> str:
    """Carry the rows of some sources (a list parameter) of a shared upstream table over from the previous warehouse."""
    return f"INSERT INTO {identifier(table)} SELECT * FROM previous.{identifier(table)} WHERE list_contains(?, source)"


def count_rows_of(tables: list[str]) -> str:
    """One row: the row count of each table, in order."""
    return "SELECT " + ", ".join(f"(SELECT count(*) FROM {identifier(t)})" for t in tables)


def create_upstream_table(table: str, frame_name: str = "staged") -> str:
    return f"CREATE TABLE {identifier(table)} AS SELECT * FROM {identifier(frame_name)}"


UPSTREAM_SOURCE_ROWS = """
INSERT INTO sources BY NAME
SELECT source_id, title, producer AS publisher, url_main AS url, date_published, date_accessed,
       'dataset' AS kind, credit AS notes, source_class, 'day' AS date_published_precision
FROM upstream_snapshots
WHERE source_id NOT IN (SELECT source_id FROM sources)
ORDER BY source, version
"""

API_PRICE_CHANGES = """
CREATE OR REPLACE TABLE api_price_changes AS
WITH prices AS (
    UNPIVOT (SELECT model_key, provider, mode, snapshot_version, snapshot_date, source_id,
                    usd_per_million_input_tokens, usd_per_million_output_tokens,
                    usd_per_million_cache_read_tokens, usd_per_million_cache_write_tokens
             FROM api_price_list)
    ON usd_per_million_input_tokens, usd_per_million_output_tokens,
       usd_per_million_cache_read_tokens, usd_per_million_cache_write_tokens
    INTO NAME price VALUE usd_per_million
),
versions AS (
    SELECT snapshot_version, lag(snapshot_version) OVER (ORDER BY snapshot_date, snapshot_version) AS previous_version
    FROM (SELECT DISTINCT snapshot_version, snapshot_date FROM api_price_list)
),
paired AS (
    SELECT now.model_key, now.provider, now.mode, now.price, before.snapshot_date AS previous_snapshot_date,
           now.snapshot_date, before.usd_per_million AS usd_per_million_before,
           now.usd_per_million AS usd_per_million_after, now.source_id
    FROM prices AS now
    JOIN versions AS v ON v.snapshot_version = now.snapshot_version
    JOIN prices AS before
      ON before.snapshot_version = v.previous_version AND before.model_key = now.model_key AND before.price = now.price
    WHERE before.usd_per_million <> now.usd_per_million
)
SELECT model_key, provider, mode, price, previous_snapshot_date, snapshot_date, usd_per_million_before,
       usd_per_million_after,
       CASE WHEN usd_per_million_before > 0 THEN usd_per_million_after / usd_per_million_before END AS ratio_after_to_before,
       'speculative' AS confidence, source_id, 'model_prices_and_context_window.json' AS upstream_file,
       CAST(NULL AS BIGINT) AS upstream_row
FROM paired
ORDER BY snapshot_date, model_key, price
"""
DERIVED_UPSTREAM_TABLES = {"api_price_changes": API_PRICE_CHANGES}  # upstream tables made in SQL from others of their source

# --- Task logs: checks and per-skill summaries in one SQL text for DuckDB and Spark SQL --------
# Each statement reads a relation `source` holding the task-log columns typed (timestamps, doubles)
# and, for parsed columns, `_text_<column>` (the cell as written; only whether it is null is read).
# The dialect is what DuckDB and Spark SQL share: FILTER clauses, CAST, floor, date_trunc, date + int.
# Every result is an integer or a value copied from the data, so it does not depend on the order in
# which an engine met the rows; the floating-point arithmetic happens afterwards, once, in Python
# (`pipelines.userdata.aggregates`).

TWO_TO_32 = 4294967296
LARGEST_DOUBLE = "1.7976931348623157e308"


def _bare(name: str) -> str:
    """A relation name checked like `identifier` but left unquoted: DuckDB and Spark quote differently."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"not a table name: {name!r}")
    return name


def _list(values) -> str:
    return ", ".join(_literal(v) for v in values)


def tasklog_check_predicates(domains) -> dict[str, str]:
    """Each row check (keyed as in `tasklog_checks`) as a predicate true for a failing row."""
    from pipelines.userdata.tasklog_schema import MAX_NUMBER, NUMBERS, PARSED, REQUIRED, STATUSES, TIMESTAMPS

    text = {name: f"_text_{name}" for name in PARSED}
    checks = {f"missing_{c}": f"{text.get(c, c)} IS NULL" for c in REQUIRED}
    checks |= {f"unparseable_{t}": f"{text[t]} IS NOT NULL AND {t} IS NULL" for t in TIMESTAMPS}
    for n in NUMBERS:
        finite = f"{n} BETWEEN -{LARGEST_DOUBLE} AND {LARGEST_DOUBLE}"  # false for NaN (the largest) and ±inf
        checks[f"not_a_number_{n}"] = f"{text[n]} IS NOT NULL AND ({n} IS NULL OR NOT ({finite}))"
        checks[f"negative_{n}"] = f"{n} < 0"
        checks[f"too_large_{n}"] = f"{n} >= {MAX_NUMBER} AND {n} <= {LARGEST_DOUBLE}"
    checks["submitted_before_started"] = "submitted_at < started_at"
    checks["unknown_status"] = f"status IS NOT NULL AND status NOT IN ({_list(STATUSES)})"
    checks["unknown_domain"] = f"domain IS NOT NULL AND domain NOT IN ({_list(sorted(domains))})"
    return checks


def tasklog_any_problem(domains) -> str:
    """True for a row failing any check."""
    return " OR ".join(f"({p})" for p in tasklog_check_predicates(domains).values())


def tasklog_check_counts(source: str, domains) -> str:
    """One row: `row_count`, and per check the rows failing it."""
    counts = ", ".join(f"count(*) FILTER (WHERE {p}) AS {key}" for key, p in tasklog_check_predicates(domains).items())
    return f"SELECT count(*) AS row_count, {counts} FROM {_bare(source)}"


def tasklog_repeated_ids(source: str) -> str:
    """Task ids that occur more than once, with their copies."""
    return f"""
    SELECT task_id, count(*) AS copies FROM {_bare(source)}
    WHERE task_id IS NOT NULL GROUP BY task_id HAVING count(*) > 1
    """


def _exact_sum(value: str, name: str, where: str | None, limb_type: str) -> str:
    """Three integer sums `<name>_0..2` whose total, (s0·2^64 + s1·2^32 + s2) / 2^64, is the exact sum of
    `value` (each 0 ≤ value < 2^53, truncated below 2^-64): the whole part and two 32-bit fraction limbs.
    Every step — floor, subtraction of the floor, multiplication by 2^32 — is exact in double precision.
    `limb_type` must make the sum exact: BIGINT in DuckDB (whose sum of BIGINT is a HUGEINT), DECIMAL(38, 0)
    in Spark (whose sum of BIGINT would overflow past 2^63)."""
    whole = f"floor({value})"
    upper = f"(({value} - {whole}) * {TWO_TO_32})"
    lower = f"(({upper} - floor({upper})) * {TWO_TO_32})"
    only = f" FILTER (WHERE {where})" if where else ""
    return ", ".join(f"sum(CAST({limb} AS {limb_type})){only} AS {name}_{i}"
                     for i, limb in enumerate([whole, f"floor({upper})", f"floor({lower})"]))


LIMB_TYPES = {"duckdb": "BIGINT", "spark": "DECIMAL(38, 0)"}


def tasklog_skill_sums(source: str, engine: str = "duckdb") -> str:
    """Per skill and domain: counts, distinct workers, and exact sums of pay and time (as limbs)."""
    accepted = "status = 'accepted'"
    limbs = LIMB_TYPES[engine]
    return f"""
    SELECT skill, domain, count(*) AS tasks,
           count(*) FILTER (WHERE {accepted}) AS accepted_items,
           count(*) FILTER (WHERE status = 'rejected') AS rejected_items,
           count(*) FILTER (WHERE status = 'rework') AS rework_items,
           count(DISTINCT worker_id) AS workers,
           {_exact_sum("pay_usd", "pay_usd", None, limbs)},
           {_exact_sum("active_seconds", "active_seconds", None, limbs)},
           {_exact_sum("active_seconds", "accepted_active_seconds", accepted, limbs)},
           {_exact_sum("coalesce(review_seconds, 0)", "accepted_review_seconds", accepted, limbs)}
    FROM {_bare(source)} GROUP BY skill, domain
    """


def tasklog_accepted_durations(source: str) -> str:
    """Accepted items per skill, domain and distinct active_seconds: the exact distribution for quantiles."""
    return f"""
    SELECT skill, domain, active_seconds, count(*) AS items FROM {_bare(source)}
    WHERE status = 'accepted' GROUP BY skill, domain, active_seconds
    """


def tasklog_weekly_workers(source: str) -> str:
    """Per skill, domain and week (Monday): workers active, and how many of them are active the next week."""
    return f"""
    WITH pairs AS (
        SELECT DISTINCT skill, domain, CAST(date_trunc('week', started_at) AS DATE) AS week_start, worker_id
        FROM {_bare(source)}
    )
    SELECT w.skill, w.domain, w.week_start, count(*) AS workers_active, count(n.worker_id) AS workers_retained_next_week
    FROM pairs AS w LEFT JOIN pairs AS n
      ON n.skill = w.skill AND n.domain = w.domain AND n.worker_id = w.worker_id AND n.week_start = w.week_start + 7
    GROUP BY w.skill, w.domain, w.week_start
    """


def duckdb_tasklog_parquet_view(name: str, parquet_glob: str) -> str:
    """DuckDB: a view over staged task-log Parquet (hive keys project and month as text) shaped as `source` above."""
    from pipelines.userdata.tasklog_schema import PARSED

    texts = ", ".join(f"{column} AS _text_{column}" for column in PARSED)
    return f"""
    CREATE OR REPLACE TEMP VIEW {_bare(name)} AS
    SELECT *, {texts} FROM read_parquet({_literal(parquet_glob)}, hive_partitioning = true,
                                        hive_types = {{'project': 'VARCHAR', 'month': 'VARCHAR'}})
    """


# --- Task logs in Spark SQL only: typing the raw columns -----------------------------------------

SPARK_NUMBER = "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$"
SPARK_TIMESTAMP_PATTERN = "yyyy-MM-dd'T'HH:mm:ss"


def _spark_typed(name: str, kind: str, is_text: bool, timestamp_chars: int) -> str:
    """One column in its schema type, as the single-machine reader types it: a timestamp must have
    exactly `timestamp_chars` characters; a number that does not parse becomes NaN (not a number)."""
    if kind == "timestamp" and is_text:
        return f'CASE WHEN length({name}) = {timestamp_chars} THEN try_to_timestamp({name}, "{SPARK_TIMESTAMP_PATTERN}") END'
    if kind == "number" and is_text:
        return (f"CASE WHEN {name} IS NULL THEN NULL WHEN {name} RLIKE '{SPARK_NUMBER}' THEN CAST({name} AS DOUBLE) "
                "ELSE CAST('NaN' AS DOUBLE) END")
    if kind == "number":
        return f"CAST({name} AS DOUBLE)"
    return name


def spark_tasklog_view(name: str, raw: str, kinds: dict[str, str], text_columns: set[str], timestamp_chars: int,
                       kept: list[str]) -> str:
    """Spark: `name` over the raw relation, shaped as `source` above (typed columns and `_text_<column>`),
    carrying the `kept` columns (where each row came from) along."""
    typed_columns = ", ".join(f"{_spark_typed(c, kind, c in text_columns, timestamp_chars)} AS {c}" for c, kind in kinds.items())
    texts = ", ".join(f"{c} AS _text_{c}" for c, kind in kinds.items() if kind != "text")
    return f"CREATE OR REPLACE TEMP VIEW {_bare(name)} AS SELECT {typed_columns}, {texts}, {', '.join(kept)} FROM {_bare(raw)}"


def tasklog_split_rows(source: str) -> str:
    """Spark: rows per input split (file, start byte) and the first row id of each (for row numbers)."""
    return f"SELECT _file, _block, min(_id) AS first_id, count(*) AS split_rows FROM {_bare(source)} GROUP BY _file, _block"
