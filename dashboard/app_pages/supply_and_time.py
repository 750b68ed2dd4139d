"""Supply and time: are there enough experts, and how long does assembling the data take?"""

import streamlit as st

from dashboard.ui import model_charts as charts
from dashboard.ui import model_views as views
from dashboard.ui import scenario_state as state
from dashboard.ui.charts import show_chart
from dashboard.ui.confidence import apply_confidence, confidence_note
from dashboard.ui.data import load_table
from dashboard.ui.model_page import model_caption, scenario_controls, with_provenance
from dashboard.ui.sourcing import source_caption
from dashboard.ui.tables import show_table

PREFIXES = ("skills.",)

st.title("Supply and time")
st.write("Each domain's expert pool, the share who take AI-training work and their hours a week set how fast "
         "the data can be made.")
scenario_controls()

scenario = state.current_scenario()
for tab, skill in zip(st.tabs([s.domain for s in scenario.skills]), scenario.skills, strict=True):
    with tab:
        base = f"skills.{skill.domain}."
        one, two, three = st.columns(3)
        with one:
            state.slider_for(base + "expert_pool", "Expert pool (people, log₁₀)", 2.0, 7.0, 0.1, "10^%.1f", log10=True)
        with two:
            state.slider_for(base + "participation_rate", "Share of the pool taking part", 0.0005, 0.2, 0.0005, "%.4f")
        with three:
            state.slider_for(base + "hours_per_week_per_expert", "Hours per week per expert", 1.0, 60.0, 1.0, "%.0f h")

deadline_weeks = st.slider("Deadline (weeks)", 1.0, 104.0, 12.0, 1.0, key="supply-deadline-weeks")
result = state.evaluate_current()
table = views.supply_table(result, deadline_weeks)

st.subheader("Weeks to assemble each skill's data")
st.metric("Slowest skill", views.weeks(result.max_weeks_to_assemble))
show_chart("supply-weeks", charts.supply_chart, with_provenance(table, result, PREFIXES), deadline_weeks)
model_caption(result, PREFIXES)
scarce = table.filter(table["scarce"])["domain"].to_list()
st.markdown(f"Scarce at a {deadline_weeks:.0f}-week deadline: **{', '.join(scarce)}**." if scarce else
            f"Every skill's data can be assembled within {deadline_weeks:.0f} weeks.")
show_table(table, table, "supply_per_skill")

st.subheader("Expert pools behind the defaults")
occupations = load_table("occupations_cited")
shown = apply_confidence(occupations)
show_table(shown.select("occupation", "soc_code", "domain", "region", "employment", "median_usd_per_hour",
                        "survey_year", "confidence", "source_id", "source_title"), occupations, "occupations")
source_caption(shown, "source_date_published")
confidence_note()
