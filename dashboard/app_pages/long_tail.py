"""Long tail: samples needed to cover a skill's rare cases, bought by frequency or weighted on purpose."""

import streamlit as st

from dashboard.ui import model_charts as charts
from dashboard.ui import model_views as views
from dashboard.ui import scenario_state as state
from dashboard.ui.charts import show_chart
from dashboard.ui.model_page import coverage_curve, model_caption, scenario_controls, show_model_table, with_provenance

PREFIXES = ("long_tail.",)

st.title("Long tail")
st.write("A skill splits into categories whose natural frequencies follow a Zipf law. Buying samples as they "
         "occur leaves the rare categories short; curating a fixed number per category does not.")
scenario_controls()

one, two = st.columns(2)
with one:
    state.slider_for("long_tail.categories")
    state.slider_for("long_tail.zipf_exponent")
with two:
    state.slider_for("long_tail.examples_per_category")
    state.slider_for("long_tail.coverage")

result = state.evaluate_current()
lt = result.long_tail
freq, curated, ratio = st.columns(3)
freq.metric("Samples, bought by frequency", f"{lt.frequency_weighted_samples:,}")
curated.metric("Samples, weighted on purpose", f"{lt.importance_weighted_samples:,}")
ratio.metric("Ratio", f"{lt.frequency_to_importance_ratio:,.1f}×")

curve = views.long_tail_long(coverage_curve(lt.categories, lt.zipf_exponent, lt.examples_per_category))
show_chart("long-tail-coverage", charts.long_tail_chart, with_provenance(curve, result, PREFIXES), lt.coverage)
model_caption(result, PREFIXES, table_below=True)
inputs = views.inputs_frame(result, PREFIXES)
show_model_table(inputs, result, PREFIXES, "long_tail_inputs")
