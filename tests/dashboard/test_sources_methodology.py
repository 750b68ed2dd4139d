"""The Sources and methodology page, run through the app entry against the fixture warehouse."""

from __future__ import annotations

from pipelines.upstream.base import source_id_of
from pipelines.upstream.snapshots import kept_versions
from tests.conftest import FIXTURE_SOURCES, FIXTURE_UPSTREAM
from tests.dashboard.conftest import read_csv_rows

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
