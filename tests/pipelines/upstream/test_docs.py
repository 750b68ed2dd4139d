"""docs/upstream.md keeps up with the sources: every source, its credit line, its confidence mapping, its tables."""

from __future__ import annotations

import pytest

from pipelines.paths import PROJECT_ROOT
from pipelines.upstream.registry import UPSTREAM_SOURCES

DOC = (PROJECT_ROOT / "docs" / "upstream.md").read_text(encoding="utf-8")
METHODOLOGY = (PROJECT_ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(UPSTREAM_SOURCES))
def test_every_source_is_documented(name):
    source = UPSTREAM_SOURCES[name]
    row = f"| `{name}` | {source.producer} | {source.title} | {source.licence.name} | {source.credit} | {source.source_class} |"
    assert row in DOC, f"docs/upstream.md: the table row of {name} is missing or out of date"
    assert f"- **{name}** — {source.confidence_mapping}" in DOC, f"docs/upstream.md: {name}'s confidence mapping"
    for table in source.tables:
        assert f"`{table.name}`" in DOC and f"`{table.name}`" in METHODOLOGY


def test_the_docs_say_how_to_fetch_import_and_add_a_source():
    for needle in ("datamoat fetch", "--url URL", "--file PATH", "## Adding a source", "set aside", "DATAMOAT_USER_AGENT"):
        assert needle in DOC
    assert "Confident → likely, Likely → likely" in METHODOLOGY
