"""Sample efficiency and scaling: the Chinchilla calculator and human versus model tokens."""

import streamlit as st

from dashboard.ui import model_charts as charts
from dashboard.ui import model_views as views
from dashboard.ui import scenario_state as state
from dashboard.ui.charts import show_chart
from dashboard.ui.data import load_evidence, load_table
from dashboard.ui.evidence_filter import confidence_note, current_filter
from dashboard.ui.model_page import (
    chinchilla_per_fit,
    model_caption,
    scenario_controls,
    show_model_table,
    with_provenance,
)
from dashboard.ui.sourcing import source_caption
from dashboard.ui.tables import show_table

st.title("Sample efficiency and scaling")
scenario_controls()

st.subheader("Chinchilla calculator, for each fit")
st.write("At a compute budget C = 6·N·D, the loss-optimal model has N_opt parameters and reads D_opt tokens. "
         "A model with unlimited parameters reaches the same loss with fewer tokens D_∞. The data reduction factor "
         "D_opt ÷ D_∞ = (1 + β/α)^(1/β) does not depend on the budget; a model 10× larger than optimal saves "
         "(1 + (β/α)(1 − 10^(−α)))^(1/β) of the data — the numbers behind the debate's \"~10×\".")
compute_flop = state.slider_for("scaling.compute_flop")
fits_full = load_table("scaling_fits_cited")
fits = load_evidence("scaling_fits", current_filter())
per_fit = chinchilla_per_fit(compute_flop or 1e25)
result = state.evaluate_current()
if per_fit.is_empty():
    st.info("No scaling fit is available with the current evidence filter.")
else:
    chosen = result.scaling
    one, two, three, four = st.columns(4)
    one.metric(f"Optimal parameters ({chosen.fit or 'scenario constants'})", views.count(chosen.n_opt_params))
    two.metric("Optimal tokens D_opt", f"{views.count(chosen.d_opt_tokens)} ({chosen.tokens_per_parameter:,.1f} per parameter)")
    three.metric("Data reduction factor, unlimited parameters", f"{chosen.data_reduction_factor:.2f}×")
    four.metric("Data saved by a model 10× larger", f"{chosen.data_saved_by_10x_larger_model:.2f}×")
    long = views.chinchilla_long(per_fit)
    show_chart("chinchilla-per-fit", charts.chinchilla_chart, with_provenance(long, result, ("scaling.",)))
    source_caption(fits, "source_date_published")
    show_model_table(per_fit, result, ("scaling.",), "chinchilla_per_fit", full=fits_full)

st.subheader("Human versus model tokens")
se = result.sample_efficiency
if se.model_to_human_token_ratio is not None:
    st.metric("Frontier model tokens per token a person hears by adulthood", f"{se.model_to_human_token_ratio:,.0f}×")
PREFIXES = ("sample_efficiency.",)
tokens = views.token_comparison(result)
show_chart("human-vs-model-tokens", charts.tokens_chart, with_provenance(tokens, result, PREFIXES))
model_caption(result, PREFIXES)
points = load_evidence("reference_points", current_filter())
show_table(points.select("key", "value", "unit", "low", "high", "notes", "confidence", "source_id", "locator"),
           load_table("reference_points_cited"), "reference_points")
confidence_note()
