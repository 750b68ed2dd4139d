"""Sample efficiency and scaling: the Chinchilla calculator and human versus model tokens."""

import streamlit as st

from dashboard.ui import model_charts as charts
from dashboard.ui import model_views as views
from dashboard.ui import scenario_state as state
from dashboard.ui.charts import show_chart
from dashboard.ui.confidence import apply_confidence, confidence_note
from dashboard.ui.data import load_table
from dashboard.ui.model_page import chinchilla_per_fit, model_caption, scenario_controls, with_provenance
from dashboard.ui.sourcing import source_caption
from dashboard.ui.tables import show_table

st.title("Sample efficiency and scaling")
scenario_controls()

st.subheader("Chinchilla calculator, for each fit")
st.write("At a compute budget C = 6·N·D, the loss-optimal model has N_opt parameters and reads D_opt tokens. "
         "A model with unlimited parameters reaches the same loss with fewer tokens D_∞; "
         "the data reduction factor D_opt ÷ D_∞ says how much data extra parameters can save.")
compute_flop = state.slider_for("scaling.compute_flop", "Compute budget (FLOP, log₁₀)", 18.0, 28.0, 0.1,
                                "10^%.1f", log10=True)
fits_full = load_table("scaling_fits_cited")
fits = apply_confidence(fits_full)
per_fit = chinchilla_per_fit(fits, compute_flop or 1e25)
result = state.evaluate_current()
if per_fit.is_empty():
    st.info("No scaling fit is available with the current confidence filter.")
else:
    best = per_fit.row(0, named=True)
    one, two, three = st.columns(3)
    one.metric(f"Optimal parameters ({best['fit_name']})", views.count(best["n_opt_params"]))
    two.metric("Optimal tokens D_opt", views.count(best["d_opt_tokens"]))
    three.metric("Data reduction factor", f"{best['data_reduction_factor']:.2f}×")
    long = views.chinchilla_long(per_fit)
    show_chart("chinchilla-per-fit", charts.chinchilla_chart, with_provenance(long, result, ("scaling.",)))
    source_caption(fits, "source_date_published")
    show_table(per_fit, fits_full, "chinchilla_per_fit")

st.subheader("Human versus model tokens")
se = result.sample_efficiency
if se.model_to_human_token_ratio is not None:
    st.metric("Frontier model tokens per token a person hears by adulthood", f"{se.model_to_human_token_ratio:,.0f}×")
PREFIXES = ("sample_efficiency.",)
tokens = views.token_comparison(result)
show_chart("human-vs-model-tokens", charts.tokens_chart, with_provenance(tokens, result, PREFIXES))
model_caption(result, PREFIXES)
points = apply_confidence(load_table("reference_points_cited"))
show_table(points.select("key", "value", "unit", "low", "high", "notes", "confidence", "source_id", "locator"),
           load_table("reference_points_cited"), "reference_points")
confidence_note()
