"""Compute versus data: what training runs and GPU-hours cost, and when expert data overtakes compute."""

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

st.title("Compute versus data")
scenario_controls()

st.subheader("Training runs: compute against cost")
runs_full = load_table("training_runs_cited")
runs = views.training_run_points(apply_confidence(runs_full))
if runs.is_empty():
    st.info("No training run has both a compute and a cost figure under the current confidence filter.")
else:
    st.caption("One point per model: the median compute and median cost its sources state, pooled across sources; "
               "the point carries the weakest confidence of its rows.")
    show_chart("training-runs-flop-cost", charts.training_runs_chart, runs)
    source_caption(runs_full.filter(runs_full["model"].is_in(runs["model"].to_list())), "source_date_published")

st.subheader("GPU rental prices over time")
prices = views.gpu_price_points(apply_confidence(load_table("gpu_prices_cited")))
show_chart("gpu-prices", charts.gpu_prices_chart, prices)
source_caption(prices, "price_date")

st.subheader("The compute cost of this skill's training run")
one, two = st.columns(2)
with one:
    state.slider_for("compute.training_flop", "Training compute (FLOP, log₁₀)", 20.0, 27.0, 0.1, "10^%.1f", log10=True)
    state.slider_for("compute.utilization", "Utilisation (MFU)", 0.05, 0.8, 0.01, "%.2f")
with two:
    state.slider_for("compute.usd_per_gpu_hour", "Rental price (USD per GPU-hour)", 0.5, 15.0, 0.05, "$%.2f")
    state.slider_for("compute.gpus", "GPUs in the run", 8.0, 32768.0, 8.0, "%.0f")
result = state.evaluate_current()
rental, amortised, days = st.columns(3)
rental.metric("Compute cost (cloud rental)", views.usd(result.compute.compute_cost_usd))
amortised.metric("Compute cost (amortised hardware + energy)", views.usd(result.compute.amortised_cost_usd))
days.metric("Days to train", f"{result.compute.training_days:,.1f}")
PREFIXES = ("compute.", "vendor_margin", "skills.")
show_chart("compute-methods", charts.compute_methods_chart, with_provenance(views.compute_methods_frame(result), result, PREFIXES))
model_caption(result, PREFIXES)

st.subheader("Projection: compute gets cheaper, expert data does not")
one, two = st.columns(2)
with one:
    state.slider_for("projection.hardware_price_performance_doubling_years", "Hardware price-performance doubling (years)",
                     0.5, 6.0, 0.1, "%.1f")
    state.slider_for("projection.algorithmic_compute_halving_months", "Algorithmic compute halving (months)",
                     2.0, 36.0, 1.0, "%.0f")
with two:
    state.slider_for("projection.wage_growth_per_year", "Expert wage growth per year", 0.0, 0.2, 0.005, "%.3f")
    state.slider_for("projection.skills_demand_growth_per_year", "Growth in skills wanted per year", 0.0, 1.0, 0.05, "%.2f")
result = state.evaluate_current()
st.markdown(views.crossover_sentence(result))
PROJECTION = ("projection.", "compute.", "vendor_margin", "skills.")
frame = with_provenance(views.projection_frame(result), result, PROJECTION)
show_chart("projection", charts.projection_chart, frame, result.projection.crossover_year)
model_caption(result, PROJECTION)

st.subheader("Training runs")
show_table(runs.drop("cost_plotted"), runs_full, "training_runs")
confidence_note()
