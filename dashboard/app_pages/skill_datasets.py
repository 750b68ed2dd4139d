"""Skill datasets: how much human work public datasets took, and how fine-tuning data shifted to model output."""

import streamlit as st

from dashboard.model.evidence import for_filter
from dashboard.ui import model_charts as charts
from dashboard.ui.charts import show_chart
from dashboard.ui.data import load_evidence, load_table
from dashboard.ui.evidence_filter import confidence_note, current_filter
from dashboard.ui.model_views import cited_sources
from dashboard.ui.sourcing import source_caption
from dashboard.ui.tables import show_table

st.title("Skill datasets")
st.write("What teaching a skill took in public datasets: how many expert items, from how many people, at what cost "
         "— and, across thousands of fine-tuning datasets, how much of the text people wrote and how much models did.")

st.subheader("Expert datasets behind public skills (curated)")
full = load_table("skill_datasets_cited")
shown = load_evidence("skill_datasets", current_filter())
show_table(shown.select("dataset", "skill", "domain", "artifact_type", "item_count", "experts", "expert_hours", "cost_usd",
                        "usd_per_item", "year", "notes", "confidence", "source_title"), full, "skill_datasets")
source_caption(shown, "source_date_published")

st.subheader("Fine-tuning datasets: human-written against model-generated, by year")
counts = for_filter(load_table("mart_finetune_dataset_counts"), current_filter())
ALL = "(all task categories)"
categories = [ALL] + sorted(c for c in counts["task_category"].unique().to_list() if c != ALL)
picked = st.selectbox("Task category", categories, key="skill-datasets-category")
view = counts.filter(counts["task_category"] == picked)
st.caption("Datasets recorded by the Data Provenance Initiative, by the year of their earliest listing "
           "(mart_finetune_dataset_counts); a dataset with several task categories counts once in each.")
show_chart("finetune-datasets-by-year", charts.finetune_chart, view)
sources = load_table("sources")
source_caption(cited_sources(sources, counts["source_id"].unique().to_list()), "source_date_published")
show_table(view, counts, "finetune_dataset_counts")
confidence_note()
