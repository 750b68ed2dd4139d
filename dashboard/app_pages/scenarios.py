"""Scenarios: save, compare, stress-test, import, export and share."""

import streamlit as st

from dashboard.model.scenario import scenario_to_json
from dashboard.ui import feedback
from dashboard.ui import model_charts as charts
from dashboard.ui import model_views as views
from dashboard.ui import saved_scenarios as saved
from dashboard.ui import scenario_state as state
from dashboard.ui.charts import show_chart
from dashboard.ui.model_page import model_caption, scenario_controls, show_model_table, with_provenance
from dashboard.ui.sourcing import escape_markdown

PREFIXES = views.HEADLINE_PREFIXES

st.title("Scenarios")
scenario_controls()
current = state.current_scenario()
result = state.evaluate_current()

st.subheader("Save and compare")
st.caption("Saved scenarios are kept in the user database beside the warehouse: they stay after a reload or a "
           "restart of the server, and every reader of this server sees them.")
name_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
name = name_col.text_input("Name for the current scenario", value=f"scenario {len(saved.names()) + 1}",
                           max_chars=saved.store.MAX_NAME_CHARS, key="scenario-save-name")
button_col.button("Save", on_click=saved.save, args=(name, current), key="scenario-save", icon=":material/save:")
feedback.show("save")

kept = saved.saved()
others = {item.name: item.scenario for item in saved.usable()}
compared = {name: state.evaluate_scenario(scenario) for name, scenario in others.items()}
table = views.comparison_table({"(current)": result} | compared)
show_chart("scenario-comparison", charts.comparison_chart, with_provenance(views.comparison_long(table), result, PREFIXES))
model_caption(result, PREFIXES, table_below=True)
show_model_table(table, result, PREFIXES, "scenario_comparison", others=compared, scenarios=others)
for item in kept:
    if item.scenario is None:
        st.warning(escape_markdown(f"“{item.name}” can no longer be opened: {item.problem}"))

if kept:
    by_id = {item.scenario_id: item for item in kept}
    chosen_id = st.selectbox("A saved scenario", list(by_id), format_func=lambda i: saved.label(by_id[i]), index=None,
                             key="scenario-chosen", placeholder="Pick a saved scenario to open, rename or delete")
    chosen = by_id.get(chosen_id)
    open_col, rename_col, rename_button, delete_col = st.columns([1, 2, 1, 1], vertical_alignment="bottom")
    open_col.button("Open", key="scenario-open-button", icon=":material/file_open:",
                    disabled=chosen is None or chosen.scenario is None, on_click=saved.open_saved, args=(chosen_id,))
    new_name = rename_col.text_input("New name", value=chosen.name if chosen else "", key=f"scenario-new-name-{chosen_id}",
                                     max_chars=saved.store.MAX_NAME_CHARS, disabled=chosen is None)
    rename_button.button("Rename", key="scenario-rename", disabled=chosen is None, icon=":material/edit:",
                         on_click=saved.rename, args=(chosen_id, new_name))
    delete_col.button("Delete", key="scenario-delete", disabled=chosen is None, icon=":material/delete:",
                      on_click=saved.delete, args=(chosen_id,))
feedback.show("manage")

st.subheader("Uncertainty: Monte Carlo bands")
bands = views.bands_frame(result)
if result.uncertainty is not None:
    st.caption(f"{result.uncertainty.draws:,} draws, seed {result.uncertainty.seed}; {result.uncertainty.distribution}.")
show_model_table(views.bands_table(result), result, PREFIXES, "monte_carlo_bands", full=bands)

st.subheader("Sensitivity: which inputs move the data share most")
tornado = views.tornado_frame(result)
show_chart("tornado", charts.tornado_chart, with_provenance(tornado, result, PREFIXES), result.data_share)
model_caption(result, PREFIXES, table_below=True)
show_model_table(views.tornado_table(result), result, PREFIXES, "sensitivity")

st.subheader("Import and export")
upload = st.file_uploader("Import a scenario (JSON)", type=["json"], key="scenario-import",
                          max_upload_size=saved.MAX_IMPORT_MB)
if upload is not None:
    imported = saved.show_import(upload.name, upload.getvalue())
    if imported is not None:
        st.button("Use the imported scenario", key="scenario-import-apply", type="primary", on_click=saved.use_imported,
                  args=(imported, upload.name))
feedback.show("import")
st.download_button("Export the current scenario (JSON)", scenario_to_json(current), file_name="scenario.json",
                   mime="application/json", on_click="ignore", key="scenario-export")

st.subheader("Share this view")
st.caption("This address reopens the view for anyone: each changed input travels as its own parameter, the "
           "structure of an imported, opened or calibrated scenario (skills, artifacts, name) travels compressed in "
           "`doc`, and the evidence switches in `ev`.")
st.code(saved.share_url(st.context.url, state.share_query()), language=None, wrap_lines=True)
