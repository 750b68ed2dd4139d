"""Supply and time: are there enough experts, and how long does assembling the data take?"""

import streamlit as st

from dashboard.model.evidence import for_filter
from dashboard.ui import model_charts as charts
from dashboard.ui import model_views as views
from dashboard.ui import scenario_state as state
from dashboard.ui.charts import show_chart
from dashboard.ui.data import load_evidence, load_table
from dashboard.ui.evidence_filter import confidence_note, current_filter
from dashboard.ui.formats import format_value
from dashboard.ui.model_page import model_caption, scenario_controls, show_model_table, with_provenance
from dashboard.ui.sourcing import source_caption
from dashboard.ui.tables import show_table

PREFIXES = ("skills.", "pools.")

st.title("Supply and time")
st.write("Each domain has one pool of experts, shared by every skill of the domain: its size, the share who take "
         "AI-training work and their hours a week set how fast the data can be made. The slowest pool sets the time.")
scenario_controls()

scenario = state.current_scenario()
for tab, domain in zip(st.tabs(scenario.domains), scenario.domains, strict=True):
    with tab:
        one, two, three = st.columns(3)
        for column, name in zip((one, two, three), ("expert_pool", "participation_rate", "hours_per_week_per_expert"),
                                strict=True):
            with column:
                state.slider_for(f"pools.{domain}.{name}")

deadline_weeks = st.slider("Deadline (weeks)", 1.0, 104.0, 12.0, 1.0, key="supply-deadline-weeks")
result = state.evaluate_current()
table = views.supply_table(result, deadline_weeks)

st.subheader("Weeks to assemble each pool's data")
st.metric("Slowest pool", format_value(result.max_weeks_to_assemble, "weeks"))
show_chart("supply-weeks", charts.supply_chart, with_provenance(table, result, PREFIXES), deadline_weeks)
model_caption(result, PREFIXES)
scarce = table.filter(table["scarce"])["domain"].to_list()
st.markdown(f"Scarce at a {deadline_weeks:.0f}-week deadline: **{', '.join(scarce)}**." if scarce else
            f"Every pool's data can be assembled within {deadline_weeks:.0f} weeks.")
show_model_table(table, result, PREFIXES, "supply_per_pool")
st.caption("Each skill's share of its pool's expert hours (skills of one domain are assembled together):")
shares = views.pool_shares(result)
show_model_table(shares, result, PREFIXES, "skills_share_of_pool")

st.subheader("Who is in each pool: the BLS occupations mapped to the domain")
st.caption("US employment of every occupation mapped to the domain (data/sources/domain_occupations.csv), each "
           "from its newest BLS survey year; the pool is their sum (mart_domain_expert_pools). Workers outside the "
           "US are not counted: widen the pool with its slider if your vendors recruit abroad.")
evidence = current_filter()
pool_rows = for_filter(load_table("mart_domain_occupation_wages"), evidence)
pool_rows = pool_rows.filter(pool_rows["domain"].is_in(scenario.domains))
show_table(pool_rows, pool_rows, "expert_pool_occupations")
trend = for_filter(load_table("mart_domain_wage_trend"), evidence)
trend = trend.filter(trend["domain"].is_in(scenario.domains))
show_chart("supply-employment-trend", charts.employment_trend_chart, trend)
sources = load_table("sources")
source_caption(views.cited_sources(sources, pool_rows["source_id"].unique().to_list()), "source_date_published")

st.subheader("Other estimates of the workforce (curated)")
occupations = load_table("occupations_cited")
shown = load_evidence("occupations", evidence)
show_table(shown.select("occupation", "soc_code", "domain", "region", "employment", "median_usd_per_hour",
                        "survey_year", "confidence", "source_id", "source_title"), occupations, "occupations")
source_caption(shown, "source_date_published")
confidence_note()
