"""Scenarios: save, compare, stress-test, import, export and share."""

import streamlit as st

from dashboard.model.scenario import scenario_to_json
from dashboard.ui import model_charts as charts
from dashboard.ui import model_views as views
from dashboard.ui import saved_scenarios as saved
from dashboard.ui import scenario_state as state
from dashboard.ui.charts import show_chart
from dashboard.ui.model_page import model_caption, scenario_controls, with_provenance
from dashboard.ui.tables import show_table

PREFIXES = views.HEADLINE_PREFIXES

st.title("Scenarios")
scenario_controls()
current = state.current_scenario()
result = state.evaluate_current()

st.subheader("Save and compare")
name_col, button_col = st.columns([3, 1])
name = name_col.text_input("Name for the current scenario", value=f"scenario {len(saved.names()) + 1}",
                           max_chars=60, key="scenario-save-name")
button_col.button("Save", on_click=saved.save, args=(name, current), key="scenario-save", icon=":material/save:")
results = {"(current)": result} | {n: state.evaluate_scenario(s) for n, s in saved.items()}
table = views.comparison_table(results)
show_chart("scenario-comparison", charts.comparison_chart, with_provenance(views.comparison_long(table), result, PREFIXES))
model_caption(result, PREFIXES)
show_table(table, table, "scenario_comparison")
if saved.names():
    chosen = st.selectbox("Open a saved scenario", saved.names(), index=None, key="scenario-open")
    if chosen and st.button("Open", key="scenario-open-button"):
        state.load_scenario(saved.get(chosen))
        st.rerun()

st.subheader("Uncertainty: Monte Carlo bands")
bands = views.bands_frame(result)
if result.uncertainty is not None:
    st.caption(f"{result.uncertainty.draws:,} draws, seed {result.uncertainty.seed}; {result.uncertainty.distribution}.")
show_table(bands, bands, "monte_carlo_bands")

st.subheader("Sensitivity: which inputs move the data share most")
tornado = views.tornado_frame(result)
show_chart("tornado", charts.tornado_chart, with_provenance(tornado, result, PREFIXES), result.data_share)
model_caption(result, PREFIXES)

st.subheader("Import and export")
upload = st.file_uploader("Import a scenario (JSON, at most 1 MB)", type=["json"], key="scenario-import")
if upload is not None:
    imported = saved.show_import(upload.name, upload.getvalue())
    if imported is not None and st.button("Use the imported scenario", key="scenario-import-apply"):
        state.load_scenario(imported)
        st.rerun()
st.download_button("Export the current scenario (JSON)", scenario_to_json(current), file_name="scenario.json",
                   mime="application/json", on_click="ignore", key="scenario-export")

st.subheader("Share this view")
st.caption("The address below reopens this scenario: every changed input travels in its query parameters.")
st.code(saved.share_url(st.context.url, state.share_query()), language=None)
if current.name != "scenario" or any(s.skill != f"{s.domain} expert skill" for s in current.skills):
    st.caption("An imported scenario's own values travel in its JSON export, not in the address.")
