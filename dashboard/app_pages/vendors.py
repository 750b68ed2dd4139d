"""Vendors: what data vendors earn, are valued at, raised and employ, over time."""

import streamlit as st

from dashboard.ui import vendor_charts as charts
from dashboard.ui import vendor_metrics_view as view
from dashboard.ui.charts import show_chart
from dashboard.ui.data import load_evidence, load_table
from dashboard.ui.evidence_filter import confidence_note, current_filter
from dashboard.ui.sections import chart_section
from dashboard.ui.sourcing import source_caption
from dashboard.ui.tables import show_table

st.title("Data vendors")
st.write("What the companies that sell expert data earn, are valued at, raise and employ — each figure cited.")

full = view.with_dates(load_table("vendor_metrics_cited"))
shown = view.with_dates(load_evidence("vendor_metrics", current_filter()))
left, right = st.columns(2)
vendors = left.multiselect("Vendors", sorted(full["vendor"].unique()), placeholder="All vendors")
metrics = right.multiselect("Metrics", sorted(full["metric"].unique()), placeholder="All metrics")
rows = view.filter_rows(shown, vendors, metrics)
confidence_note()

st.subheader("Figures over time")
st.caption("Dates are the figure's as-of date, else its source's publication date. "
           "A log axis is used where figures span two or more orders of magnitude; rules show ranges.")
charted = sorted(rows["metric"].unique())
if charted:
    first = "arr_usd" if "arr_usd" in charted else charted[0]
    metric = st.selectbox("Metric to chart", charted, index=charted.index(first), format_func=charts.metric_label,
                          key="vendors-chart-metric")
    dated = view.plotted(rows.filter(rows["metric"] == metric))
    if dated.is_empty():
        st.info("No dated figure for this metric in the selection.")
    else:
        show_chart(f"vendors-{metric}", charts.metric_over_time, dated, metric)
        source_caption(dated, "date")

st.subheader("Valuation ÷ revenue")
st.caption(f"Each valuation is paired with the same vendor's nearest-dated revenue or run-rate figure "
           f"(targets excluded), at most {view.MAX_GAP_DAYS} days apart; the pair carries the weaker confidence.")
of_vendors = view.filter_rows(shown, vendors, [])
multiples = view.valuation_multiples(of_vendors)
chart_section("vendors-valuation-multiples", charts.multiples_chart, multiples, cited=lambda: view.cited_rows(shown, multiples),
              empty="No valuation has a revenue or run-rate figure close enough in time to pair with.")

st.subheader("Revenue per contributor")
per_head = view.revenue_per_contributor(of_vendors)
chart_section("vendors-revenue-per-contributor", charts.per_contributor_chart, per_head,
              cited=lambda: view.cited_rows(shown, per_head),
              empty="No contributor count has a revenue or run-rate figure close enough in time to pair with.")

st.subheader("Notable deals and funding rounds")
chart_section("vendors-deals", charts.deals_timeline, view.deals(of_vendors),
              empty="No dated deals or funding rounds for this selection.")

st.subheader("All vendor figures")
show_table(rows.drop("date", "date_basis"), full.drop("date", "date_basis"), "vendor_metrics")
source_caption(rows, "date")
