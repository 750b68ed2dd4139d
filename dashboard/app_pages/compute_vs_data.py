"""Compute versus data: what training runs and GPU-hours cost, and when expert data overtakes compute."""

import streamlit as st

from dashboard.model.evidence import for_filter
from dashboard.ui import model_charts as charts
from dashboard.ui import model_views as views
from dashboard.ui import scenario_state as state
from dashboard.ui.charts import show_chart
from dashboard.ui.data import load_evidence, load_table
from dashboard.ui.evidence_filter import confidence_note, current_filter
from dashboard.ui.model_page import model_caption, scenario_controls, show_model_table, with_provenance
from dashboard.ui.sourcing import epoch_credit, source_caption
from dashboard.ui.tables import show_table

st.title("Compute versus data")
scenario_controls()

st.subheader("Training runs: compute against cost")
evidence = current_filter()
models = load_table("ai_models_evidence")
epoch_points = views.ai_model_points(for_filter(models, evidence))
st.caption(f"Every model in Epoch AI's database with both a training compute and a training cost (2023 USD): "
           f"{epoch_points.height} models; frontier models as filled diamonds.")
show_chart("ai-models-flop-cost", charts.ai_models_chart, epoch_points)
fits = views.frontier_trend_sentences(state.evidence().frontier_points)
for line in fits:
    st.markdown(line)
epoch_credit(load_table("sources"), models["source_id"].unique().to_list())

runs_full = load_table("training_runs_cited")
points = load_table("mart_training_run_points")
runs = for_filter(points, evidence)
with st.expander(f"Other estimates: the curated training runs ({runs.height} models with compute and cost)"):
    st.caption("One point per model: the median compute and median cost its curated sources state "
               "(mart_training_run_points); the point carries the weakest confidence of its rows.")
    if not runs.is_empty():
        show_chart("training-runs-flop-cost", charts.training_runs_chart, views.training_run_points(runs, runs_full))
        source_caption(runs_full.filter(runs_full["model"].is_in(runs["model"].to_list())), "source_date_published")

st.subheader("GPU rental prices over time")
prices = views.gpu_price_points(load_evidence("gpu_prices", evidence))
show_chart("gpu-prices", charts.gpu_prices_chart, prices)
source_caption(prices, "price_date", table_below=True)
show_table(prices.drop("usd_plotted"), load_table("gpu_prices_cited"), "gpu_prices")

st.subheader("The compute cost of one skill's training run")
one, two = st.columns(2)
with one:
    state.slider_for("compute.training_flop")
    state.slider_for("compute.utilization")
    state.slider_for("compute.gpu_age_years")
with two:
    state.slider_for("compute.usd_per_gpu_hour")
    state.slider_for("compute.gpus")
    state.slider_for("compute.hardware_usd_per_gpu")
result = state.evaluate_current()
rental, amortised, weeks = st.columns(3)
rental.metric("Compute cost (cloud rental)", views.usd(result.compute.compute_cost_usd))
amortised.metric("Amortised hardware + energy (Cottier et al.)", views.usd(result.compute.amortised_cost_usd),
                 help=f"{views.usd(result.compute.amortised_usd_per_gpu_hour)} per GPU-hour")
weeks.metric("Weeks to train", f"{result.compute.training_weeks:,.1f}")
PREFIXES = ("compute.", "vendor_margin", "skills.")
methods = with_provenance(views.compute_methods_frame(result), result, PREFIXES)
show_chart("compute-methods", charts.compute_methods_chart, methods)
model_caption(result, PREFIXES)

st.subheader("Projection: two framings of compute")
st.write("Per-skill post-training runs scale with the number of skills taught, exactly as the expert data does; "
         "the frontier training run grows at its fitted trend. The crossover is shown under each.")
one, two = st.columns(2)
with one:
    state.slider_for("projection.hardware_price_performance_doubling_years")
    state.slider_for("projection.algorithmic_compute_halving_months")
    state.slider_for("projection.frontier_training_cost_growth_per_year")
with two:
    state.slider_for("projection.wage_growth_per_year")
    state.slider_for("projection.skills_demand_growth_per_year")
result = state.evaluate_current()
for line in views.crossover_sentences(result):
    st.markdown(line)
PROJECTION = ("projection.", "compute.", "vendor_margin", "skills.")
frame = with_provenance(views.projection_frame(result), result, PROJECTION)
show_chart("projection", charts.projection_chart, frame)
model_caption(result, PROJECTION, table_below=True)
show_model_table(views.projection_table(result), result, PROJECTION, "projection")

st.subheader("Training runs")
show_table(runs, runs_full, "training_runs")
confidence_note()
