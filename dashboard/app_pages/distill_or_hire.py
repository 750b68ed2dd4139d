"""Distill or hire: a teacher model's API against paying experts for the same items."""

import streamlit as st

from dashboard.model.evidence import for_filter
from dashboard.ui import model_charts as charts
from dashboard.ui import model_views as views
from dashboard.ui import scenario_state as state
from dashboard.ui.charts import show_chart
from dashboard.ui.data import load_evidence, load_table
from dashboard.ui.evidence_filter import confidence_note, current_filter
from dashboard.ui.model_page import model_caption, scenario_controls, show_model_table
from dashboard.ui.sourcing import source_caption

st.title("Distill or hire")
st.write("Synthetic examples from a teacher model's API cost tokens; expert items cost hours. Same number of items, "
         "two prices. The teacher must already have the skill — distillation copies a skill some model has; it "
         "cannot teach one no model has yet. (Whether distilled items teach as well is a separate question.)")
scenario_controls()

full = load_table("api_prices_cited")
teachers = for_filter(load_table("mart_teacher_models"), current_filter())
models = teachers["model"].to_list()
KEY = state.STRUCTURE_PREFIX + "api_model"


def _on_model() -> None:
    chosen = st.session_state[KEY]
    if chosen:
        state.set_input("distillation.api_model", chosen)
    else:
        state.clear_input("distillation.api_model")


state.seed_widget(KEY, state.current_scenario().distillation.api_model)
result = state.evaluate_current()
st.selectbox("Teacher model (API)", models, key=KEY, on_change=_on_model, index=None,
             placeholder=f"Default: {result.choices['distillation.api_model']} (the frontier model by the mart's rule)")
one, two = st.columns(2)
with one:
    state.slider_for("distillation.input_tokens_each")
with two:
    state.slider_for("distillation.output_tokens_each")

result = state.evaluate_current()
d = result.distillation
api, expert, ratio = st.columns(3)
api.metric(f"API cost of {d.examples:,.0f} examples", views.usd(d.api_cost_usd))
expert.metric("Experts, same items", views.usd(d.expert_cost_same_items_usd))
ratio.metric("Experts ÷ API", f"{d.expert_to_api_cost_ratio:,.0f}×" if d.expert_to_api_cost_ratio else "n/a")

alternatives = views.with_source_titles(views.api_alternatives(teachers, result), load_table("sources"))
show_chart("distill-or-hire", charts.api_chart, alternatives)
passing = load_evidence("api_prices", current_filter())
source_caption(passing.filter(passing["model"].is_in(models)), "price_date")
model_caption(result, ("distillation.", "skills.", "vendor_margin"), table_below=True)
show_model_table(alternatives.select("provider", "model", "price_source", "newest_price_date",
                                     "usd_per_million_input_tokens", "usd_per_million_output_tokens", "api_cost_usd",
                                     "expert_cost_usd", "source_titles"),
                 result, ("distillation.", "skills.", "vendor_margin"), "api_prices", full=full)

st.subheader("Price history")
chosen = result.choices["distillation.api_model"]
history = views.price_history(load_evidence("api_price_changes", current_filter()), passing, chosen)
if history.is_empty():
    st.caption(f"No recorded price change for {chosen}: the curated list and the LiteLLM snapshots give one price.")
else:
    show_chart("api-price-history", charts.price_history_chart, history)
    st.caption("Curated list prices by date, and the changes between successive LiteLLM snapshots (2025-03 → 2026-07).")
confidence_note()
