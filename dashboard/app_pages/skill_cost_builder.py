"""Skill cost builder: which skills, what artifacts, and what the expert data costs per skill."""

import polars as pl
import streamlit as st

from dashboard.ui import model_charts as charts
from dashboard.ui import model_views as views
from dashboard.ui import scenario_state as state
from dashboard.ui.charts import show_chart
from dashboard.ui.data import load_table
from dashboard.ui.evidence_filter import confidence_note
from dashboard.ui.model_page import model_caption, scenario_controls, show_model_table, with_provenance
from dashboard.ui.sourcing import escape_markdown

KEY = state.STRUCTURE_PREFIX
PREFIXES = ("vendor_margin", "skills.")

st.title("Skill cost builder")
st.write("Pick the skills (one per domain) and the expert artifacts each needs; move the sliders to see the price.")
scenario_controls()

domain_names = load_table("domains")["domain"].to_list()
templates = load_table("mart_dataset_templates")


def _on_domains() -> None:
    state.set_structure(new_domains=st.session_state[KEY + "domains"])


def _on_template() -> None:
    name = st.session_state[KEY + "template"]
    if name:
        rows = templates.filter(pl.col("dataset") == name)
        state.set_structure(mix=[(kind, float(n)) for kind, n in rows.select("artifact_type", "item_count").iter_rows()])


def _on_mix(kind: str) -> None:
    mix = [(k, st.session_state[KEY + "count." + k] if k == kind else c) for k, c in state.artifact_mix()]
    state.set_structure(mix=mix)


state.seed_widget(KEY + "domains", state.domains())
st.multiselect("Skills to teach (domains)", domain_names, key=KEY + "domains", on_change=_on_domains)
left, right = st.columns([2, 3])
left.selectbox("Artifact mix from a public dataset (template)", sorted(templates["dataset"].unique()), index=None,
               key=KEY + "template", on_change=_on_template, placeholder="Keep the current mix")
with right:
    st.caption("Artifacts each skill needs (accepted items)")
    for kind, count in state.artifact_mix():
        state.seed_widget(KEY + "count." + kind, float(count))
        st.number_input(kind.replace("_", " "), min_value=1.0, step=100.0, format="%.0f", key=KEY + "count." + kind,
                        on_change=_on_mix, args=(kind,))

st.subheader("Pay, quality control and margin")
state.slider_for("vendor_margin")
scenario = state.current_scenario()
for tab, (i, skill) in zip(st.tabs([escape_markdown(s.skill) for s in scenario.skills]), enumerate(scenario.skills),
                           strict=True):
    with tab:
        base = f"skills.{i}."
        one, two = st.columns(2)
        with one:
            for name in ("usd_per_hour", "review_fraction", "review_time_ratio", "rejection_rate"):
                state.slider_for(base + name)
        with two:
            for j, artifact in enumerate(skill.artifacts):
                state.slider_for(f"{base}artifacts.{j}.hours_each", f"Expert hours per {artifact.type.replace('_', ' ')}")

result = state.evaluate_current()
for warning in result.warnings:
    st.warning(warning)
st.subheader("Cost per skill")
st.metric("Expert data cost, all skills", views.usd(result.data_cost_usd))
show_chart("skill-cost-breakdown", charts.skill_cost_chart, with_provenance(views.skill_cost_parts(result), result, PREFIXES))
model_caption(result, PREFIXES, table_below=True)
table = views.skill_table(result)
show_model_table(table, result, PREFIXES, "skill_costs")
confidence_note()
with st.expander("Every input behind these numbers, with its origin"):
    inputs = views.inputs_frame(result, PREFIXES)
    show_model_table(inputs, result, PREFIXES, "skill_cost_inputs")
