"""Overview: is expert data the binding constraint? The headline for the current scenario."""

import streamlit as st

from dashboard.ui import model_charts as charts
from dashboard.ui import model_views as views
from dashboard.ui import scenario_state as state
from dashboard.ui.charts import show_chart
from dashboard.ui.evidence_filter import confidence_note
from dashboard.ui.model_page import model_caption, scenario_controls, with_provenance

st.title("Is data the binding constraint?")
st.write("To teach a frontier model a new skill, what costs more and takes longer — the expert data or the compute?")
scenario_controls()

result = state.evaluate_current()
PREFIXES = views.HEADLINE_PREFIXES

money, share, data_time, train_time = st.columns(4)
money.metric("Expert data cost", views.usd(result.data_cost_usd), help="Σ over skills of the vendor price")
money.caption(f"vs compute {views.usd(result.compute.compute_cost_usd)} — {result.verdict_money.side}")
share.metric("Data share of total cost", views.percent(result.data_share))
share.caption(result.verdict_money.sentence)
data_time.metric("Weeks to assemble the data", f"{result.max_weeks_to_assemble:,.1f}")
data_time.caption(result.verdict_time.sentence)
train_time.metric("Weeks to train", f"{result.compute.training_weeks:,.1f}")
train_time.caption(f"on the {result.compute.gpu} cluster")

st.subheader("The answer for this scenario")
for line in views.answer_sentences(result):
    st.markdown(line)

frame = with_provenance(views.headline_frame(result), result, PREFIXES)
left, right = st.columns(2)
with left:
    show_chart("overview-money", charts.headline_chart, frame, "Money (USD)", "$,.3~s")
with right:
    show_chart("overview-time", charts.headline_chart, frame, "Time (weeks)", ",.1f")
st.caption("Dots: point estimate. Black lines: P5–P95 over the Monte Carlo draws (triangular ranges of every ranged input).")
model_caption(result, PREFIXES)
confidence_note()

st.subheader("Explore")
st.page_link("app_pages/market.py", label="The market — human-data spend against training compute", icon=":material/monitoring:")
st.page_link("app_pages/skill_cost_builder.py", label="Skill cost builder — what the expert data costs", icon=":material/build:")
st.page_link("app_pages/supply_and_time.py", label="Supply and time — are there enough experts?", icon=":material/schedule:")
st.page_link("app_pages/compute_vs_data.py", label="Compute versus data — and the crossover year", icon=":material/balance:")
st.page_link("app_pages/sample_efficiency.py", label="Sample efficiency and scaling", icon=":material/trending_up:")
st.page_link("app_pages/distill_or_hire.py", label="Distill or hire", icon=":material/call_split:")
st.page_link("app_pages/long_tail.py", label="Long tail", icon=":material/stacked_line_chart:")
st.page_link("app_pages/scenarios.py", label="Scenarios — save, compare, import, share", icon=":material/tune:")
