"""Distill or hire: a teacher model's API against paying experts for the same items."""

import streamlit as st

from dashboard.ui import model_charts as charts
from dashboard.ui import model_views as views
from dashboard.ui import scenario_state as state
from dashboard.ui.charts import show_chart
from dashboard.ui.confidence import apply_confidence, confidence_note
from dashboard.ui.data import load_table
from dashboard.ui.model_page import model_caption, scenario_controls
from dashboard.ui.sourcing import source_caption
from dashboard.ui.tables import show_table

st.title("Distill or hire")
st.write("Synthetic examples from a teacher model's API cost tokens; expert items cost hours. "
         "Same number of items, two prices. (Whether distilled items teach as well is a separate question.)")
scenario_controls()

full = load_table("api_prices_cited")
prices = apply_confidence(full)
models = sorted(prices["model"].unique())
KEY = state.STRUCTURE_PREFIX + "api_model"


def _on_model() -> None:
    chosen = st.session_state[KEY]
    if chosen:
        state.set_input("distillation.api_model", chosen)
    else:
        state.clear_input("distillation.api_model")


state.seed_widget(KEY, state.overrides().get("distillation.api_model"))
st.selectbox("Teacher model (API)", models, key=KEY, on_change=_on_model, index=None,
             placeholder="Median over every listed model")
one, two = st.columns(2)
with one:
    state.slider_for("distillation.input_tokens_each", "Prompt tokens per example", 50.0, 20000.0, 50.0, "%.0f")
with two:
    state.slider_for("distillation.output_tokens_each", "Output tokens per example", 50.0, 20000.0, 50.0, "%.0f")

result = state.evaluate_current()
d = result.distillation
api, expert, ratio = st.columns(3)
api.metric(f"API cost of {d.examples:,.0f} examples", views.usd(d.api_cost_usd))
expert.metric("Experts, same items", views.usd(d.expert_cost_same_items_usd))
ratio.metric("Experts ÷ API", f"{d.expert_to_api_cost_ratio:,.0f}×" if d.expert_to_api_cost_ratio else "n/a")

alternatives = views.api_alternatives(prices, result)
show_chart("distill-or-hire", charts.api_chart, alternatives)
source_caption(alternatives, "price_date")
model_caption(result, ("distillation.", "skills.", "vendor_margin"))
show_table(alternatives.select("provider", "model", "price_date", "usd_per_million_input_tokens",
                               "usd_per_million_output_tokens", "api_cost_usd", "expert_cost_usd", "confidence",
                               "source_id"), full, "api_prices")
confidence_note()
