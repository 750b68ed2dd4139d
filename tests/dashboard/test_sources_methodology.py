"""The Sources and methodology page, run through the app entry against the fixture warehouse."""

from __future__ import annotations

import csv
from collections import Counter

from streamlit.testing.v1 import AppTest

from pipelines.upstream.base import source_id_of
from pipelines.upstream.snapshots import kept_versions
from tests.conftest import FIXTURE_SOURCES, FIXTURE_UPSTREAM
from tests.dashboard.conftest import ENTRY, read_csv_rows

SOURCES = read_csv_rows(FIXTURE_SOURCES / "sources.csv")
SNAPSHOTS = {source_id_of(folder.name, version) for folder in FIXTURE_UPSTREAM.iterdir() if folder.is_dir()
             for version in kept_versions(FIXTURE_UPSTREAM, folder.name)}  # each upstream snapshot is a source too
VENDORS = read_csv_rows(FIXTURE_SOURCES / "vendor_metrics.csv")


def test_lists_every_source_and_search_narrows(app_on_fixture):
    at = app_on_fixture("sources_methodology.py")
    assert set(at.dataframe[0].value["source_id"]) == {r["source_id"] for r in SOURCES} | SNAPSHOTS
    at.text_input[0].set_value("fortune").run()
    assert not at.exception
    expected = {r["source_id"] for r in SOURCES
                if "fortune" in " ".join((r["source_id"], r["title"], r["publisher"], r["notes"])).lower()}
    assert expected and set(at.dataframe[0].value["source_id"]) == expected


def test_picking_a_source_shows_the_figures_citing_it(app_on_fixture):
    at = app_on_fixture("sources_methodology.py")
    source_id = "fortune-scale-series-f-2024-05"
    at.selectbox[0].set_value(source_id).run()
    assert not at.exception
    cited = next(df.value for df in at.dataframe if "vendor" in df.value.columns)
    assert len(cited) == sum(r["source_id"] == source_id for r in VENDORS)


def test_methodology_formulas_taxonomy_and_runs(app_on_fixture):
    at = app_on_fixture("sources_methodology.py")
    assert any("rejection" in block.value for block in at.latex)
    assert any("N_{opt}" in block.value for block in at.latex)
    assert any("domain" in df.value.columns and "label" in df.value.columns for df in at.dataframe)
    runs = next(df.value for df in at.dataframe if "run_id" in df.value.columns)
    assert list(runs["status"]) == ["success"]
    assert any(b.label == "Rebuild data" for b in at.button)


def test_rebuild_button_rebuilds_and_reports(app_on_fixture, sources_dir, monkeypatch):
    monkeypatch.setenv("DATAMOAT_SOURCES", str(sources_dir))
    at = app_on_fixture("sources_methodology.py")
    next(b for b in at.button if b.label == "Rebuild data").click().run()
    assert not at.exception
    runs = next(df.value for df in at.dataframe if "run_id" in df.value.columns)
    assert len(runs) == 2
    assert any("Data rebuilt" in s.value for s in at.success)
    # the message stands right under the button that caused it, not at the top of the long page
    order = [(n.type, getattr(n, "label", None) or str(getattr(n, "value", ""))) for n in at.main if hasattr(n, "type")]
    button = order.index(("button", "Rebuild data"))
    message = next(i for i, (kind, text) in enumerate(order) if kind == "success" and "Data rebuilt" in text)
    assert message == button + 1, order[button:message + 1]


def _reclass(sources_dir, classes: dict[str, tuple[str, str]]) -> None:
    """Rewrite sources.csv so the named sources carry (source_class, original_class)."""
    path = sources_dir / "sources.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row["source_id"] in classes:
            row["source_class"], row["original_class"] = classes[row["source_id"]]
            if row["source_class"] == "copy":
                row["original_publisher"], row["original_url"] = "Original Co", "https://example.org/original"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def test_figure_quality_counts_what_each_figure_rests_on(sources_dir, tmp_path, monkeypatch):
    """Figure quality is counted from the figures' own sources: a secondary source lowers the share, a copy
    counts as its original's class. Expected figures come from the CSVs, read with the csv module."""
    from pipelines.build import build
    from pipelines.subjects import FIGURE_SUBJECTS

    cited = {s.name: read_csv_rows(sources_dir / s.csv_name) for s in FIGURE_SUBJECTS}
    by_use = Counter(row["source_id"] for rows in cited.values() for row in rows)
    secondary, copied = (source for source, _ in by_use.most_common(2))
    _reclass(sources_dir, {secondary: ("secondary", ""), copied: ("copy", "reputable")})
    path = tmp_path / "reclassed.duckdb"
    monkeypatch.setenv("DATAMOAT_UPSTREAM", str(FIXTURE_UPSTREAM))
    build(path, sources_dir)
    monkeypatch.setenv("DATAMOAT_WAREHOUSE", str(path))
    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.run()
    at.switch_page("app_pages/sources_methodology.py").run()
    assert not at.exception, at.exception
    assert any(h.value == "Figure quality" for h in at.header)

    total = sum(by_use.values())
    sound = total - by_use[secondary]
    share = next(m for m in at.metric if "primary or reputable" in m.label)
    assert share.value == f"{sound / total:.1%}" and sound < total

    by_class = next(df.value for df in at.dataframe if "sound_share" in df.value.columns)
    for table, rows in cited.items():
        if not rows:
            continue
        line = by_class[by_class["table_name"] == table].iloc[0]
        assert line["secondary"] == sum(r["source_id"] == secondary for r in rows), table
        assert line["copy"] == sum(r["source_id"] == copied for r in rows), table
        assert line["figures"] == len(rows), table
    labels = next(df.value for df in at.dataframe if "speculative" in df.value.columns and "reported" in df.value.columns)
    for table, rows in cited.items():
        if rows:
            line = labels[labels["table_name"] == table].iloc[0]
            counts = Counter(r["confidence"] for r in rows)
            assert [line[k] for k in ("reported", "likely", "speculative")] == [
                counts[k] for k in ("reported", "likely", "speculative")], table


def test_undated_sources_are_counted_and_listed(app_on_fixture):
    at = app_on_fixture("sources_methodology.py")
    undated = {r["source_id"] for r in SOURCES if not r["date_published"].strip()}
    listed = next(df.value for df in at.dataframe
                  if list(df.value.columns) == ["source_id", "title", "publisher", "url", "source_class"])
    assert undated and set(listed["source_id"]) >= undated
    dated = {r["source_id"] for r in SOURCES} - undated
    assert not dated & set(listed["source_id"])
    assert any(f"{len(listed)} of " in c.value and "no publication date" in c.value for c in at.caption)


def test_assumed_defaults_are_the_ones_the_command_line_prints(app_on_fixture):
    """The page's assumed defaults and `datamoat scenario assumptions` list the same inputs and ranges,
    each with its reasoning."""
    import json

    from typer.testing import CliRunner

    from dashboard.ui.formats import format_value
    from datamoat.cli.main import app as cli

    printed = json.loads(CliRunner().invoke(cli, ["scenario", "assumptions"]).stdout)
    at = app_on_fixture("sources_methodology.py")
    assert any(s.value.startswith("Assumed defaults") for s in at.subheader)
    shown = next(df.value for df in at.dataframe if "reasoning" in df.value.columns)
    assert printed and len(shown) == len(printed)
    for row in printed:
        line = shown[shown["input"] == row["input"]].iloc[0]
        expected = tuple(format_value(row[end], row["unit"]) for end in ("low", "base", "high"))
        assert (line["low"], line["base"], line["high"]) == expected, row["input"]
        assert len(line["reasoning"]) > 40, row["input"]


def test_every_model_module_with_formulas_is_shown():
    """A model module that computes something is listed on the page with its own docstring."""
    from pathlib import Path

    from dashboard.ui.sources_view import MODEL_MODULES, model_formulas

    plumbing = {"__init__", "params", "ranged", "result", "scenario", "inputs", "template", "evidence"}
    modules = {p.stem for p in (Path(__file__).parents[2] / "dashboard" / "model").glob("*.py")} - plumbing
    assert {module for _, module in MODEL_MODULES} == modules
    assert all(len(doc) > 80 for _, doc in model_formulas())
