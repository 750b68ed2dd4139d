"""Expert rates: posted hourly pay for AI-training work beside what the same experts earn in their day job."""

import streamlit as st

from dashboard.ui import expert_rates_charts as charts
from dashboard.ui import expert_rates_view as view
from dashboard.ui.charts import show_chart
from dashboard.ui.data import load_table, quotes_beside_public_rates
from dashboard.ui.evidence_filter import apply_confidence, confidence_note
from dashboard.ui.memo import memo
from dashboard.ui.sourcing import source_caption
from dashboard.ui.tables import show_table

st.title("Expert rates")
st.write("What platforms post per hour for AI-training work, per domain, next to the US median wage "
         "of the occupation behind the domain — and the premium the posting pays over the day job.")

full = load_table("expert_rates_cited")
occupations = apply_confidence(load_table("occupations_cited"))
shown = apply_confidence(full)
left, right = st.columns(2)
domains = left.multiselect("Domains", sorted(full["domain"].unique()), placeholder="All domains")
platforms = right.multiselect("Platforms", sorted(full["platform"].unique()), placeholder="All platforms")
postings = memo(view.premiums, view.filter_rates(shown, domains, platforms), occupations)
confidence_note()

st.subheader("Posted pay per posting")
st.caption("A posting's rate is its typical pay when stated, else the middle of its posted range, else the one "
           "end posted. The day job's wage is the US median of the domain's occupations in the latest survey "
           "year with a wage.")
if postings.is_empty():
    st.info("No postings for this selection.")
else:
    show_chart("expert-rates-postings", charts.rates_chart, postings)
    source_caption(postings, "as_of_date")
    source_caption(memo(view.wage_rows, occupations, postings), "source_date_published")

st.subheader("Premium over the day job, per domain")
by_domain = memo(view.domain_premiums, postings)
if by_domain.is_empty():
    st.info("No domain in this selection has both a posting and a US median wage.")
else:
    show_chart("expert-rates-premium", charts.premium_chart, by_domain)
    source_caption(postings.filter(postings["premium"].is_not_null()), "as_of_date")
    show_table(by_domain, memo(view.domain_premiums, memo(view.premiums, shown, occupations)), "expert_rate_premiums")

st.subheader("All postings")
show_table(postings, memo(view.premiums, full, load_table("occupations_cited")), "expert_rates")

st.subheader("Your vendor quotes beside these rates")
yours = quotes_beside_public_rates()
if yours.is_empty():
    st.caption("Upload vendor quotes on the My data page to compare them with the public posted rates here. "
               "Your quotes stay apart from the curated figures.")
else:
    st.caption("Your own quotes (origin: you), not curated figures, beside the median public posted rate of their domain.")
    show_table(yours, yours, "my-quotes-vs-public-rates")
