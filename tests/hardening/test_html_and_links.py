"""No raw HTML anywhere; addresses are links only when http(s); data-derived text is shown as text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import polars as pl
import pytest

from dashboard.ui.sourcing import caption_text, escape_markdown, safe_url, source_label
from dashboard.ui.tables import column_config

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
RAW_HTML = re.compile(r"unsafe_allow_html\s*=\s*True|st\.html\(|components\.v1|components\.html|\.html\(")
HOSTILE_URLS = ["javascript:alert(1)", " JAVASCRIPT:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>x</script>",
                "vbscript:msgbox(1)", "file:///etc/passwd", "//evil.example/x", "http://", "ftp://example.org/x"]


def test_no_raw_html_anywhere_in_the_dashboard():
    offenders = [f"{path.relative_to(DASHBOARD)}:{n}: {line.strip()}"
                 for path in DASHBOARD.rglob("*.py") if path.name != Path(__file__).name
                 for n, line in enumerate(path.read_text().splitlines(), start=1) if RAW_HTML.search(line)]
    assert offenders == []


def test_the_raw_html_scan_would_catch_an_offender():
    assert RAW_HTML.search('st.markdown(row["title"], unsafe_allow_html=True)')
    assert RAW_HTML.search("st.html(text)")


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_non_http_addresses_are_never_links(url: str):
    assert safe_url(url) is None
    label = source_label("Evil <b>Corp</b>", "[click](javascript:alert(1))", url)
    assert "](" not in label.replace("\\]\\(", "")
    assert "<b>" not in label


def test_http_addresses_are_links():
    assert source_label("P", "T", "https://example.org/a?b=1") == "[P — T](https://example.org/a?b=1)"


def test_caption_names_a_javascript_source_as_plain_text():
    frame = pl.DataFrame({"source_publisher": ["Evil"], "source_title": ["Click me"], "source_url": ["javascript:alert(1)"],
                          "source_date_published": [None]}, schema_overrides={"source_date_published": pl.Date})
    text = caption_text(frame, None)
    assert "Evil — Click me" in text and "javascript" not in text and "](" not in text


def test_markdown_in_data_is_escaped():
    assert escape_markdown("<script>alert(1)</script> [x](javascript:y) $x$") == (
        "\\<script\\>alert\\(1\\)\\</script\\> \\[x\\]\\(javascript\\:y\\) \\$x\\$")


def test_table_url_columns_are_links_only_when_every_address_is_http():
    good = pl.DataFrame({"url": ["https://a.example", None, "http://b.example/x"]})
    bad = pl.DataFrame({"url": ["https://a.example", "javascript:alert(1)"]})
    assert column_config(good)["url"]["type_config"]["type"] == "link"
    assert column_config(bad)["url"]["type_config"]["type"] == "text"


def test_sources_page_shows_a_javascript_url_as_text(warehouse: Path, monkeypatch: pytest.MonkeyPatch):
    from tests.dashboard.model_app import open_page

    with duckdb.connect(str(warehouse)) as connection:
        source = connection.execute("select source_id from sources order by source_id limit 1").fetchone()[0]
        connection.execute("update sources set url = 'javascript:alert(document.cookie)', "
                           "title = '<img src=x onerror=alert(1)>' where source_id = ?", [source])
    monkeypatch.setenv("DATAMOAT_WAREHOUSE", str(warehouse))
    at = open_page("sources_methodology")
    table = next(d for d in at.dataframe if "url" in d.value.columns and "source_id" in d.value.columns)
    assert "javascript:alert(document.cookie)" in table.value["url"].tolist()
    config = json.loads(table.proto.columns)
    assert config["url"]["type_config"]["type"] == "text", config
    assert not any("<img" in m.value and "\\<img" not in m.value for m in at.markdown if m.value)
