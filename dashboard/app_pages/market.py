"""The market: what data vendors earn from human data against what training runs cost, year by year."""

import polars as pl
import streamlit as st

from dashboard.model.evidence import for_filter, split_source_ids
from dashboard.model.market import MARKET_TABLES
from dashboard.ui import market_charts as charts
from dashboard.ui import market_views as views
from dashboard.ui import scenario_state as state
from dashboard.ui.charts import show_chart
from dashboard.ui.data import load_evidence, load_table
from dashboard.ui.evidence_filter import confidence_note, current_filter
from dashboard.ui.memo import memo
from dashboard.ui.model_page import scenario_controls
from dashboard.ui.model_views import with_source_titles
from dashboard.ui.sourcing import epoch_credit, source_caption
from dashboard.ui.tables import show_table

st.title("The market")
st.write("What the world pays data vendors for human data, against what it spends on training compute — year by "
         "year, each figure cited, gaps left as gaps.")

evidence = current_filter()
m = memo(views.market_of, evidence, *(load_table(name) for name in MARKET_TABLES))
result = state.evaluate_current()  # the scenario (and the evidence filter) stay in the link
sources = load_table("sources")
years = list(m.years)

st.subheader("Human-data spend per year")
st.caption("Each vendor's human-data revenue by one rule (mart_vendor_revenue_years): its reported annual revenue "
           "for the fiscal year (period FY‹year›) where a figure gives one, else the median of the annualised "
           "run-rates dated in that year. Quarterly and half-year figures, and figures the source gives for the whole "
           "company or another business, are left out. Bars stack the vendors; the black tick is the sum and the grey "
           "rule its range; diamonds are labs' own reports, shown beside the sum, never added to it.")
stack = views.vendor_stack(m, sources)
totals = views.yearly_totals(m, sources, stack)
lab_data = views.lab_points(m, "human data", sources)
show_chart("market-human-data", charts.human_data_chart, stack, totals, lab_data, years)
st.markdown(views.coverage_sentence(m))
figures = views.passing_figures(load_table("mart_vendor_revenue_figures"), load_evidence("vendor_metrics", evidence))
pooled = views.pooled_figures(figures, stack)
source_caption(pl.concat([views.cited_rows(pooled, sources, "source_id", "as_of_date"),
                          views.cited_rows(lab_data, sources, "source_id")]), "as_of")

st.markdown("**Coverage: which vendor has a figure for which year**")
grid = views.coverage(m, sources)
if grid.is_empty():
    st.info("No vendor has a revenue or run-rate figure under this filter.")
else:
    show_chart("market-coverage", charts.coverage_chart, grid, years)
    source_caption(views.cited_rows(pooled, sources, "source_id", "as_of_date"), "as_of")

with st.expander("Every vendor revenue and run-rate figure, and how the rule reads it"):
    shown = with_source_titles(figures.drop("evidence_class"), sources, "source_id")
    show_table(shown, load_table("mart_vendor_revenue_figures"), "market_vendor_revenue_figures")
yearly = load_table("mart_human_data_revenue_yearly")
show_table(with_source_titles(for_filter(yearly, evidence), sources), yearly, "market_human_data_revenue_yearly")

st.subheader("Training-compute spend per year")
st.caption("From Epoch AI's models (mart_training_compute_spend_yearly): the sum and the largest of the training "
           "compute costs (2023 USD) of the models published each year, for frontier models and all models. Only "
           "runs Epoch has costed count — few in the newest years. Diamonds are labs' own compute spending, "
           "shown beside the sums.")
compute = views.series_long(m, views.COMPUTE_SERIES, sources)
lab_compute = views.lab_points(m, "compute", sources)
if compute.is_empty():
    st.info("No training run with a cost under this filter.")
else:
    show_chart("market-training-compute", charts.compute_chart, compute, lab_compute, years)
source_caption(pl.concat([views.cited_rows(compute, sources), views.cited_rows(lab_compute, sources, "source_id")]),
               "as_of")
epoch_ids = sorted({i for text in compute["source_ids"].to_list() for i in split_source_ids(text)})
epoch_credit(sources, epoch_ids)
spend = load_table("mart_training_compute_spend_yearly")
show_table(with_source_titles(for_filter(spend, evidence), sources), spend, "market_training_compute_spend_yearly")
with st.expander("Labs' own reports of spending (points beside the sums)"):
    lab_all = load_table("mart_lab_spending_points")
    show_table(with_source_titles(for_filter(lab_all, evidence), sources, "source_id"), lab_all,
               "market_lab_spending_points")

st.subheader("Growth, and where the trends would cross")
st.caption("A log-linear least-squares fit per series over the years with a figure (gaps are left out): × per year "
           "with its 90 % interval. The shaded bands are the 90 % bands of the fitted trends; the dotted rule is the "
           "central crossing year, if any, in the years searched.")
points = views.series_long(m, views.GROWTH_SERIES, sources)
if points.is_empty():
    st.info("Neither series has a figure under this filter.")
else:
    trends = views.fit_lines(m, views.GROWTH_SERIES, sources, views.growth_end_year(m))
    show_chart("market-growth", charts.growth_chart, points, trends, views.crossing_frame(m, sources),
               views.growth_domain(points))
for line in views.fit_sentences(m, list(m.series)):
    st.markdown(line)
st.markdown("**Crossing:** " + (m.crossing.statement if m.crossing else
                                "too few years with a figure to fit both trends, so no crossing is computed."))
source_caption(views.cited_rows(points, sources), "as_of")
epoch_credit(sources, epoch_ids)

st.subheader("The ratio, and what one year's spend buys")
st.caption("Human-data spend (the vendors' sum) ÷ training-compute spend (the sum over all of Epoch's costed runs) "
           "per year (mart_market_ratio). Revenue is in the year's dollars, training costs in 2023 dollars.")
ratio = views.ratio_frame(m, sources, result.data_cost_usd, len(result.skills))
if ratio["human_data_to_compute_ratio"].is_null().all():
    st.info("No year has both a human-data sum and a training-compute sum under this filter.")
else:
    show_chart("market-ratio", charts.ratio_chart, ratio, years)
source_caption(views.cited_rows(ratio, sources), "as_of")
epoch_credit(sources, epoch_ids)
if sentence := views.skills_sentence(m, result.data_cost_usd, len(result.skills)):
    st.markdown(sentence)
st.markdown("What the ratio does **not** say: vendor revenue is not all human-data spend — labs' in-house "
            "annotation and contractors paid outside these vendors are missing, and only vendors with a public figure "
            "are counted; revenue includes the vendors' margin, and a run-rate is not revenue. The compute side counts "
            "only final training runs Epoch has costed, not experiments or inference. See *Sources and methodology*.")
scenario_controls()
st.page_link("app_pages/skill_cost_builder.py", label="Change the scenario's data cost — Skill cost builder",
             icon=":material/build:")
show_table(ratio.drop("source_titles"), load_table("mart_market_ratio"), "market_ratio")
confidence_note()
