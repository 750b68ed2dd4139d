"""The warehouse schema as Markdown, generated from the row models so the docs cannot drift."""

from __future__ import annotations

from pipelines.subjects import SUBJECTS
from pipelines.upstream.registry import UPSTREAM_SOURCES
from pipelines.validate import polars_schema

DERIVED_COLUMNS = {
    "sources": [("date_published_precision", "String", "day, month, year or unknown: how precise date_published is")],
    "gpu_prices": [
        ("peak_dense_bf16_flop_per_second", "Float64", "median peak dense BF16 FLOP/s of this GPU in gpu_specs"),
        ("peak_source_ids", "String", "the gpu_specs sources of that throughput, ';'-separated"),
    ],
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
    views = ("### Views\n`<table>_cited` for every figure table and every upstream table: each row with `source_title`, "
             "`source_publisher`, "
             "`source_url`, `source_date_published`, `source_date_accessed` and `source_kind` beside it. "
             "`figures_by_source`: how many figures each source backs, per table.\n")
    upstream = ("**Upstream tables**, built from the snapshots in `data/upstream/` "
                "(see [docs/upstream.md](docs/upstream.md)):\n\n" + upstream_markdown())
    return "\n".join(parts) + "\n" + upstream + "\n" + RUNS_DOC + "\n" + views


README_START, README_END = "<!-- schema:start -->", "<!-- schema:end -->"


def readme_with_schema(readme: str) -> str:
    """The README text with its schema section replaced by the generated one."""
    start = readme.index(README_START) + len(README_START)
    end = readme.index(README_END)
    return readme[:start] + "\n" + schema_markdown() + "\n" + readme[end:]


if __name__ == "__main__":  # python -m pipelines.schema_doc rewrites the README's schema section
    from pipelines.paths import PROJECT_ROOT

    path = PROJECT_ROOT / "README.md"
    path.write_text(readme_with_schema(path.read_text(encoding="utf-8")), encoding="utf-8")
