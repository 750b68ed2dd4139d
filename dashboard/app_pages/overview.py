"""Overview: is expert data the binding constraint? The headline for the current scenario."""

import streamlit as st

from dashboard.model.template import STRUCTURE_REASONING, has_default_structure
from dashboard.ui import model_charts as charts
from dashboard.ui import model_views as views
from dashboard.ui import scenario_state as state
from dashboard.ui.charts import show_chart
from dashboard.ui.data import load_table
from dashboard.ui.evidence_filter import confidence_note
from dashboard.ui.model_page import model_caption, scenario_controls, show_model_table, with_provenance
from dashboard.ui.navigation import SECTIONS
from dashboard.ui.sourcing import escape_markdown

PREFIXES = views.HEADLINE_PREFIXES
# The pages the overview points to, in order, each with what it answers (titles and icons are the navigation's).
EXPLORE = {"market.py": "human-data spend against training compute", "skill_cost_builder.py": "what the expert data costs",
           "supply_and_time.py": "are there enough experts?", "compute_vs_data.py": "and the crossover year",
           "sample_efficiency.py": "", "distill_or_hire.py": "", "long_tail.py": "",
           "scenarios.py": "save, compare, import, share"}

st.title("Is data the binding constraint?")
st.write("To teach a frontier model a new skill, what costs more and takes longer — the expert data or the compute?")
scenario_controls()
scenario, result = state.current_scenario(), state.evaluate_current()

st.subheader("What this scenario answers for")
domains = load_table("domains")
labels = dict(zip(domains["domain"], domains["label"], strict=True))
st.markdown(views.scope_sentence(scenario, result, labels, escape_markdown))
if has_default_structure(scenario):
    st.caption(f"{STRUCTURE_REASONING} (An assumption: see the methodology.)")
change_skills, change_run = st.columns(2)
change_skills.page_link("app_pages/skill_cost_builder.py", label="Change the skills and artifacts", icon=":material/build:")
change_run.page_link("app_pages/compute_vs_data.py", label="Change the training run and GPUs", icon=":material/balance:")

st.subheader("The verdict")
money, time = st.columns(2)
money.metric("Money: which costs more?", views.verdict_headline("money", result.verdict_money))
money.caption(views.verdict_detail(result.verdict_money, result))
time.metric("Time: which takes longer?", views.verdict_headline("time", result.verdict_time))
time.caption(views.verdict_detail(result.verdict_time, result))

data_cost, compute_cost, share, data_weeks, train_weeks = st.columns(5)
data_cost.metric("Expert data cost", views.usd(result.data_cost_usd), help="Σ over skills of the vendor price")
compute_cost.metric("Compute cost", views.usd(result.compute.compute_cost_usd), help="Cloud rental of one skill's run")
share.metric("Data share of total cost", views.percent(result.data_share))
data_weeks.metric("Weeks for the data", f"{result.max_weeks_to_assemble:,.1f}",
                  help="Weeks to assemble the expert data: the slowest expert pool")
train_weeks.metric("Weeks to train", f"{result.compute.training_weeks:,.1f}",
                   help=f"On {views.count(views.input_value(result, 'compute.gpus'))} {escape_markdown(result.compute.gpu)} GPUs")
for line in views.answer_sentences(result, escape_markdown):
    st.markdown(line)

st.subheader("When does expert data overtake compute?")
for line in views.crossover_sentences(result):
    st.markdown(line)

frame = with_provenance(views.headline_frame(result), result, PREFIXES)
left, right = st.columns(2)
with left:
    show_chart("overview-money", charts.headline_chart, frame, "Money (USD)", True)
with right:
    show_chart("overview-time", charts.headline_chart, frame, "Time (weeks)", False)
st.caption("Dots: point estimate. Black lines: P5–P95 over the Monte Carlo draws (triangular ranges of every ranged input).")
model_caption(result, PREFIXES, table_below=True)
show_model_table(views.headline_table(result), result, PREFIXES, "overview_headline")
confidence_note()

st.subheader("Explore")
pages = {file: (title, icon) for entries in SECTIONS.values() for file, title, _, icon in entries}
for file, answers in EXPLORE.items():
    title, icon = pages[file]
    st.page_link(f"app_pages/{file}", label=f"{title} — {answers}" if answers else title, icon=icon)
