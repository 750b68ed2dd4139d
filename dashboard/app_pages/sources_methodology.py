"""Sources and methodology: every source and the figures citing it, the model's formulas, the data's history."""

import streamlit as st

from dashboard.ui import sources_view as view
from dashboard.ui.data import (
    age_text,
    build_with_status,
    fetch_all_upstream,
    load_evidence,
    load_table,
    newest_run,
    upstream_path,
)
from dashboard.ui.evidence_filter import CONFIDENCE_LABELS, SOURCE_CLASS_LABELS, current_filter
from dashboard.ui.tables import show_table
from pipelines.diff import format_diffs

st.title("Sources and methodology")

st.header("Sources")
sources = view.with_figure_counts(load_table("sources"), load_table("figures_by_source"))
search, kind, publisher = st.columns([2, 1, 1])
text = search.text_input("Search sources", placeholder="title, publisher, id or notes")
kinds = kind.multiselect("Kind", sorted(sources["kind"].drop_nulls().unique()), placeholder="All kinds")
publishers = publisher.multiselect("Publisher", sorted(sources["publisher"].drop_nulls().unique()), placeholder="All")
picked_sources = view.filter_sources(sources, text, kinds, publishers)
st.caption(f"{picked_sources.height} of {sources.height} sources. Addresses are linked only when http(s).")
show_table(picked_sources, sources, "sources")

st.header("Figure quality")
st.markdown("Every source is classed by who stands behind it — " + "; ".join(
    f"**{k}**: {v}" for k, v in SOURCE_CLASS_LABELS.items()) + ". A figure may claim no more than its source allows: "
    "*reported* needs a primary source, *likely* a primary or reputable one; anything else is *speculative* "
    "(`datamoat sources check` enforces it).")
quality = load_table("figure_quality")
by_class = view.quality_by_class(quality)
total = load_table("figure_quality_total").row(0, named=True)
st.metric("Curated figures on primary or reputable ground (or a copy naming its original)",
          f"{total['sound_share']:.1%}" if total["figures"] else "n/a",
          help=f"{total['sound_figures']:,} of {total['figures']:,} figure rows")
left, right = st.columns(2)
with left:
    st.caption("Figure rows per table, by the class of the source they rest on")
    show_table(by_class, quality, "figure_quality_by_class")
with right:
    st.caption("Figure rows per table, by confidence label")
    labels = view.quality_by_label(quality)
    show_table(labels, quality, "figure_quality_by_label")
dates = load_table("figure_dates")
undated_sources = sources.filter(sources["date_published"].is_null())
st.caption(f"{undated_sources.height} of {sources.height} sources show no publication date; "
           f"{view.unageable_figures(dates).height} time-sensitive figures can be aged by neither an as-of date nor "
           "their source's date. The oldest time-sensitive figures:")
show_table(view.oldest_figures(dates), dates, "oldest_figures")
with st.expander(f"Sources without a publication date ({undated_sources.height})"):
    show_table(undated_sources.select("source_id", "title", "publisher", "url", "source_class"), undated_sources,
               "undated_sources")

st.header("Upstream datasets")
st.caption("The field's own public datasets, bundled as snapshots (the offline default) and refreshed from their "
           "official addresses by `datamoat fetch` or the button below.")
runs_all = load_table("pipeline_runs")
upstream = view.upstream_status(upstream_path(), runs_all)
show_table(upstream, upstream, "upstream_datasets")
fetch_col, fetch_msg = st.columns([1, 3])
if fetch_col.button("Fetch newest", key="fetch-upstream", icon=":material/cloud_download:"):
    with fetch_msg:
        lines = fetch_all_upstream()
        st.session_state["fetch_report"] = lines
if lines := st.session_state.get("fetch_report"):
    fetch_msg.code("\n".join(lines), language=None)

st.subheader("Figures citing a source")
choice = st.selectbox("Source", picked_sources["source_id"].to_list(), index=None, placeholder="Pick a source")
if choice:
    for table in view.tables_citing(load_table("figures_by_source"), choice):
        rows = load_evidence(table, current_filter())
        st.markdown(f"**{table}**")
        show_table(rows.filter(rows["source_id"] == choice), rows, f"{table}-{choice}")

st.header("Methodology")
st.markdown("Confidence labels: " + "; ".join(f"**{k}** — {v.split(' — ', 1)[1]}" for k, v in CONFIDENCE_LABELS.items()))
for title, formula in view.LATEX_FORMULAS:
    st.markdown(f"**{title}**")
    st.latex(formula)
st.markdown("Each model module documents its own formulas:")
for title, doc in view.model_formulas():
    with st.expander(title):
        st.code(doc, language=None)
assumptions = view.model_assumptions()
st.subheader("Assumed defaults (used only when no cited figure exists)")
st.caption("Each is an assumption, not a finding: the reasoning says why its range is what it is. "
           "`datamoat scenario assumptions` prints the same list.")
show_table(view.assumptions_as_read(assumptions), assumptions, "model_assumptions")

st.header("Domain taxonomy")
show_table(load_table("domains"), load_table("domains"), "domains")

st.header("Pipeline runs")
st.write(f"The data was last built {age_text(newest_run())}.")
runs = load_table("pipeline_runs").sort("started_at", descending=True)
show_table(view.run_history(runs), runs, "pipeline_runs")
for run in runs.iter_rows(named=True):
    with st.expander(f"{run['started_at']:%Y-%m-%d %H:%M} · {run['status']} · {run['run_id']}"):
        st.code(view.diff_text(run["data_diff"]), language=None)

st.header("Rebuild data")
st.caption("Validates every curated CSV and rebuilds the warehouse; the old file stays in place until the new one is complete.")
if st.button("Rebuild data", type="primary", key="rebuild"):
    result = build_with_status("Rebuilding the warehouse", force=True)  # its progress and any failure show here
    if result is not None:
        st.session_state["rebuild_report"] = format_diffs(result.diffs)
        st.rerun()
if report := st.session_state.pop("rebuild_report", None):  # beside the button that caused it
    st.success("Data rebuilt. Changes against the previous warehouse:")
    st.code(report, language=None)
