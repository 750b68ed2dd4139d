"""docs/tasklog.md keeps up with the code: the schema table, the commands and the Spark entry point."""

from __future__ import annotations

from pathlib import Path

from pipelines.userdata.tasklog_schema import schema_markdown

DOC = (Path(__file__).resolve().parents[3] / "docs" / "tasklog.md").read_text(encoding="utf-8")


def test_the_doc_shows_the_schema_of_the_code():
    assert schema_markdown() in DOC


def test_the_doc_shows_how_to_run_each_engine_and_the_benchmark():
    for text in ("datamoat ingest tasklog", "--engine spark", "spark-submit", "pipelines.userdata.spark_job",
                 "datamoat bench ingest"):
        assert text in DOC, text
