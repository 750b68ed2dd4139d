"""The warehouse schema as Markdown, generated from the row models so the docs cannot drift."""

from __future__ import annotations

from pipelines.subjects import SUBJECTS
from pipelines.upstream.registry import UPSTREAM_SOURCES
from pipelines.validate import polars_schema

DERIVED_COLUMNS = {
    "sources": [("date_published_precision", "String", "day, month, year or unknown: how precise date_published is")],
}
COMMON_DERIVED = ("csv_line", "Int64", "line of the row in its CSV, for finding it again")
RUNS_DOC = """### pipeline_runs
One row per build (failed builds are logged beside the warehouse and join this table at the next successful build).

| column | type | meaning |
|---|---|---|
| run_id | String | time-stamped id of the build |
| started_at, finished_at | Timestamp | when it ran |
| status | String | success or failed |
| only_subject | String | the subject rebuilt with `--only`, if any |
| forced | Boolean | built with `--force` |
| input_checksums | JSON text | SHA-256 of each CSV and of the schema |
| rows_per_table | JSON text | row count per table |
| error_summary | String | the first problems of a failed build |
| data_diff | JSON text | rows added, removed and changed per table, with changed values |
"""


UPSTREAM_REGISTRY_DOC = """### upstream_snapshots
One row per upstream snapshot a build read (for `litellm-prices` every kept one): its origin record. Key: (source, version).

| column | type | meaning |
|---|---|---|
| source, version | String | the upstream source (e.g. epoch-models) and the snapshot's version (its publication date) |
| source_id | String | the snapshot's row in `sources`: upstream-<source>-<version> |
| is_current | Boolean | the newest snapshot read |
| title, producer, url_main, url_download | String | what the dataset is, who publishes it, its page and download address(es) |
| date_published, date_accessed | Date | when the producer published this version; when it was taken |
| date_published_basis | String | how date_published was established |
| licence, licence_url, credit, citation_full | String | the licence, and the credit line it asks for wherever the data \
is shown or exported |
| source_class | String | primary (the producer's own data) or secondary (an aggregator) |
| obtained_by | String | public-copy (a bundled first snapshot), download or manual-import |
| files | JSON text | each file's name, SHA-256, bytes, rows, download URL and, for a first snapshot, the public copy |
| rows_read, rows_rejected | Int64 | rows read from the snapshot, and rows kept aside |

### upstream_rejects
Upstream rows kept aside, never built into a table: which file and row, which column, and why.

| column | type | meaning |
|---|---|---|
| source, snapshot_version | String | the upstream source and snapshot |
| file | String | the upstream file |
| row | Int64 | the row's number in the file (header = 1), or the entry's position |
| column | String | the column at fault |
| reason | String | why the row was refused |
| value | String | the value refused (first 200 characters) |
"""


def upstream_markdown() -> str:
    """The tables built from the upstream snapshots, from their row models."""
    parts = []
    for source in UPSTREAM_SOURCES.values():
        for table in source.tables:
            fields, types = table.row_model.model_fields, table.polars_schema()
            rows = [f"| {c} | {types[c]} | {fields[c].description or ''} |" for c in table.columns]
            made = "derived in SQL from successive snapshots" if table.derived_by_sql else f"source `{source.name}`"
            parts.append(f"### {table.name}\n{table.description} Key: ({', '.join(table.key_columns)}). From {made} "
                         f"({source.producer}; credit: {source.credit}).\n\n"
                         "| column | type | meaning |\n|---|---|---|\n" + "\n".join(rows) + "\n")
    return "\n".join(parts) + "\n" + UPSTREAM_REGISTRY_DOC


def schema_markdown() -> str:
    parts = []
    for name, subject in SUBJECTS.items():
        fields = subject.row_model.model_fields
        types = polars_schema(subject)
        rows = [f"| {c} | {types[c]} | {fields[c].description or ''} |" for c in subject.columns]
        rows += [f"| {c} | {t} | {m} |" for c, t, m in [*DERIVED_COLUMNS.get(name, []), COMMON_DERIVED]]
        key = ", ".join(subject.key_columns)
        parts.append(f"### {name}\n{subject.description} Key: ({key}). CSV: `data/sources/{subject.csv_name}`.\n\n"
                     "| column | type | meaning |\n|---|---|---|\n" + "\n".join(rows) + "\n")
    views = ("### Staging views\n`<table>_cited` for every figure table and every upstream table: each row with "
             "`source_title`, `source_publisher`, `source_url`, `source_date_published`, `source_date_accessed`, "
             "`source_kind`, `source_class` and `evidence_class` (the class it counts as) beside it, and "
             "`aged_by_date`/`aged_by`: the date the row is aged by — its as-of date, else its source's publication "
             "date — and which of the two it is (both empty when neither is known). "
             "`<table>_evidence`: each cited row once per evidence filter it passes (`evidence_filter`: all, "
             "no_speculative, no_secondary, no_speculative_no_secondary). `figures_by_source`: how many figures each "
             "source backs, per table. `figure_quality`: curated figure rows per table, source class, the class a "
             "reader is shown (`quality_class`: a copy of a primary or reputable original apart) and confidence; "
             "`figure_quality_total`: the share of them on primary or reputable ground. "
             "`figure_dates`: each time-sensitive curated figure with the date it is aged by.\n")
    upstream = ("## Upstream tables\nBuilt from the snapshots in `data/upstream/` (see [upstream.md](upstream.md)).\n\n"
                + upstream_markdown())
    return ("## Curated tables\n\n" + "\n".join(parts) + "\n" + upstream + "\n" + RUNS_DOC + "\n" + views
            + "\n" + marts_markdown())


def marts_markdown() -> str:
    """Every mart: its definition, key and columns (the marts' registry is the one source of this text)."""
    from pipelines.marts import MARTS

    parts = ["## Marts\nDerived figures, computed once at build in SQL (`pipelines/marts/<name>.sql`) after the tables "
             "and views above, each checked (unique key, ordered ranges, documented columns).\n"]
    for mart in MARTS:
        rows = "\n".join(f"| {name} | {meaning} |" for name, meaning in mart.columns)
        parts.append(f"### {mart.name}\n{mart.definition} Key: ({', '.join(mart.key)}).\n\n"
                     f"| column | meaning |\n|---|---|\n{rows}\n")
    return "\n".join(parts)


def with_section(text: str, name: str, generated: str) -> str:
    """`text` with the part between `<!-- name:start -->` and `<!-- name:end -->` replaced by `generated`."""
    start_mark, end_mark = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    start = text.index(start_mark) + len(start_mark)
    return text[:start] + "\n" + generated.strip() + "\n" + text[text.index(end_mark):]
