"""Expert rates: posted hourly pay for AI-training work beside what the same experts earn in their day job."""

import streamlit as st

from dashboard.model.evidence import for_filter
from dashboard.ui import expert_rates_charts as charts
from dashboard.ui import expert_rates_view as view
from dashboard.ui.charts import show_chart
from dashboard.ui.data import load_table, quotes_beside_public_rates
from dashboard.ui.evidence_filter import confidence_note, current_filter
from dashboard.ui.model_views import cited_sources, with_source_titles
from dashboard.ui.sourcing import source_caption
from dashboard.ui.tables import show_table

st.title("Expert rates")
st.write("What platforms post per hour for AI-training work, per domain, next to what the same experts earn in their "
         "day job (BLS, the occupations mapped to the domain) — and the premium the posting pays over it.")

evidence = current_filter()
cited = load_table("expert_rates_cited")
premiums = for_filter(load_table("mart_posting_premiums"), evidence)
left, right = st.columns(2)  # the choices stay the same whatever the evidence filter, so a choice survives it
domains = left.multiselect("Domains", sorted(cited["domain"].unique()), placeholder="All domains", key="rates-domains")
platforms = right.multiselect("Platforms", sorted(cited["platform"].unique()), placeholder="All platforms",
                              key="rates-platforms")
shown = view.postings(premiums, cited, domains, platforms)
confidence_note()

st.subheader("Posted pay per posting")
st.caption("A posting's point rate is its typical pay when stated, else the middle of its posted range; a posting "
           "that states only a ceiling ('up to', ◀) has no point rate and counts towards its domain's high end "
           "(mart_posting_rates). The day-job wage is the employment-weighted mean of the BLS median hourly wages of "
           "the domain's occupations, newest year (mart_domain_wages).")
if shown.is_empty():
    st.info("No postings for this selection.")
else:
    show_chart("expert-rates-postings", charts.rates_chart, shown)
    source_caption(cited.filter(cited["csv_line"].is_in(shown["posting_id"].to_list())), "as_of_date")

st.subheader("Per domain: the rate the model uses, and its premium over the day job")
sources = load_table("sources")
by_domain = with_source_titles(for_filter(load_table("mart_domain_premiums"), evidence), sources)
if domains:
    by_domain = by_domain.filter(by_domain["domain"].is_in(domains))
st.caption("Each domain pools every platform's postings: the model's default pay is this posted rate "
           "(mart_domain_expert_rates: the median point rate, with the medians of the low and high ends as its range).")
if by_domain.is_empty():
    st.info("No domain in this selection has both a posting and a day-job wage.")
else:
    show_chart("expert-rates-premium", charts.premium_chart, by_domain)
    show_table(by_domain, by_domain, "expert_rate_premiums")

st.subheader("The day job: BLS wages and employment")
occupations = view.wage_occupations(for_filter(load_table("mart_domain_occupation_wages"), evidence), domains)
trend = with_source_titles(for_filter(load_table("mart_domain_wage_trend"), evidence), sources)
trend = trend.filter(trend["domain"].is_in(domains or by_domain["domain"].to_list()))
show_chart("expert-rates-wage-trend", charts.wage_trend_chart, trend)
st.caption("The occupations mapped to each domain (data/sources/domain_occupations.csv), each at its newest BLS year:")
show_table(occupations, occupations, "domain_occupation_wages")
source_caption(cited_sources(sources, occupations["source_id"].unique().to_list()), "source_date_published")

st.subheader("All postings")
show_table(shown.drop("posting"), cited, "expert_rates")

st.subheader("Your vendor quotes beside these rates")
yours = quotes_beside_public_rates()
if yours.is_empty():
    st.caption("Upload vendor quotes on the My data page to compare them with the public posted rates here. "
               "Your quotes stay apart from the curated figures.")
else:
    st.caption("Your own quotes (origin: you), not curated figures, beside the posted rate the model uses for their domain.")
    show_table(yours, yours, "my-quotes-vs-public-rates")
