"""Marts: every derived figure that pages, the model and the CLI share, computed once in SQL at build.

The build runs in layers, as dbt's staging → marts: the subject tables (validated CSVs and upstream
snapshots) → staging views (`<table>_cited`: each figure beside its source; `<table>_evidence`: each
figure once per evidence filter it passes) → the marts below, in order. Each mart is one SQL file
beside this module (`<name>.sql`, a chain of named CTEs) and one entry here: a one-line definition,
its key, and the meaning of every column; the schema docs are generated from these entries.

Evidence filters: the reader can hide speculative figures and figures resting only on secondary
sources. Every mart that summarises several figures is computed once per filter setting
(`evidence_filter`), so a default moves with the filter and is still computed in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
EVIDENCE_FILTERS = {
    # name: (hide speculative figures, hide figures resting only on secondary sources)
    "all": (False, False),
    "no_speculative": (True, False),
    "no_secondary": (False, True),
    "no_speculative_no_secondary": (True, True),
}
DEFAULT_FILTER = "all"  # the filter a reader starts with: every figure counts
FILTER_COLUMN = ("evidence_filter", "which figures were pooled: all, no_speculative, no_secondary or both hidden")
SUMMARY_COLUMNS = (
    ("low", "lower end of the default range"),
    ("base", "the default (central) value"),
    ("high", "upper end of the default range"),
    ("figure_count", "how many figure rows were pooled"),
    ("source_ids", "the sources pooled, ';'-separated"),
)


@dataclass(frozen=True)
class Mart:
    """One derived table: its SQL file, what it holds, its key and what each column means."""

    name: str
    definition: str
    key: tuple[str, ...]
    columns: tuple[tuple[str, str], ...]
    ordered: tuple[tuple[str, str, str], ...] = ()  # (low, base, high) columns that must be ordered

    @property
    def sql(self) -> str:
        return (HERE / f"{self.name}.sql").read_text(encoding="utf-8")

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]


def _summary(*extra: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    return (FILTER_COLUMN, *extra, *SUMMARY_COLUMNS)


MARTS: tuple[Mart, ...] = (
    Mart("mart_posting_rates",
         "One row per posted AI-training pay rate: its point rate, range ends and which rule gave them.",
         ("posting_id",),
         (("posting_id", "the expert_rates row (its CSV line)"), ("platform", "the platform or vendor posting"),
          ("role", "the platform's job title"), ("domain", "taxonomy key"),
          ("usd_per_hour_point", "typical pay when stated, else the middle of a stated low–high range; empty for "
                                 "postings that state only a ceiling ('up to') or only a floor"),
          ("usd_per_hour_low_end", "the posting's low end: its low, else its typical pay; empty for ceiling-only postings"),
          ("usd_per_hour_high_end", "the posting's high end: its high (a ceiling-only posting's ceiling), else typical pay"),
          ("is_ceiling_only", "true when the posting states only a maximum ('up to')"),
          ("rate_basis", "typical, middle of range, ceiling only or floor only"),
          ("as_of_date", "posting date"), ("confidence", "the figure's confidence label"),
          ("evidence_class", "class of the source it counts as (a copy counts as its original)"),
          ("source_id", "the source")),
         (("usd_per_hour_low_end", "usd_per_hour_point", "usd_per_hour_high_end"),)),
    Mart("mart_domain_expert_rates",
         "Posted expert pay per domain: the median point rate, with the medians of the postings' low and high "
         "ends (ceiling-only postings count towards the high end) as its range.",
         ("evidence_filter", "domain"),
         _summary(("domain", "taxonomy key"), ("postings", "postings pooled"),
                  ("postings_with_point", "postings giving a point rate (typical or a full range)"),
                  ("ceiling_only_postings", "postings giving only a ceiling, counted for the high end only"),
                  ("oldest_as_of_date", "oldest posting date pooled"), ("newest_as_of_date", "newest posting date pooled")),
         (("low", "base", "high"),)),
    Mart("mart_domain_occupation_wages",
         "The occupations of each domain's expert pool (domain_occupations), each at its own newest BLS survey year "
         "with employment: employment and median hourly wage.",
         ("evidence_filter", "domain", "soc_code"),
         (FILTER_COLUMN, ("domain", "taxonomy key"), ("soc_code", "SOC code"), ("o_group", "BLS aggregation level"),
          ("occupation_title", "title as BLS gives it"), ("year", "the BLS May survey year used"),
          ("employment", "US employment (count)"),
          ("usd_per_hour_median", "median hourly wage, USD; empty where BLS shows a special value"),
          ("wage_flags", "BLS special values in place of wages"), ("source_id", "the BLS snapshot"),
          ("confidence", "the row's confidence label"))),
    Mart("mart_domain_expert_pools",
         "Each domain's expert pool: the US employment of every occupation mapped to it, each from its own newest "
         "BLS year (a broad or minor group counts every occupation in it, once).",
         ("evidence_filter", "domain"),
         _summary(("domain", "taxonomy key"), ("occupations", "occupations summed"),
                  ("oldest_year", "oldest BLS year used"), ("newest_year", "newest BLS year used")),
         (("low", "base", "high"),)),
    Mart("mart_domain_wages",
         "The day job's pay per domain: the employment-weighted mean of the mapped occupations' median hourly "
         "wages (occupations without a published median are left out and counted).",
         ("evidence_filter", "domain"),
         (FILTER_COLUMN, ("domain", "taxonomy key"),
          ("usd_per_hour_median_weighted", "employment-weighted mean of the occupations' median hourly wages, USD"),
          ("occupations_with_wage", "occupations with a median"), ("occupations_without_wage", "occupations without"),
          ("newest_year", "newest BLS year used"), ("source_ids", "the BLS snapshots, ';'-separated"))),
    Mart("mart_domain_wage_trend",
         "The day job's pay and employment per domain in each BLS year (the mapped occupations that year).",
         ("evidence_filter", "domain", "year"),
         (FILTER_COLUMN, ("domain", "taxonomy key"), ("year", "BLS May survey year"), ("employment", "US employment"),
          ("usd_per_hour_median_weighted", "employment-weighted mean of median hourly wages, USD"),
          ("source_ids", "the BLS snapshots"))),
    Mart("mart_domain_premiums",
         "The premium of posted AI-training pay over the day job per domain: the domain's posted rate (base, low "
         "and high ends) ÷ its day-job wage.",
         ("evidence_filter", "domain"),
         _summary(("domain", "taxonomy key"), ("postings", "postings pooled"),
                  ("posted_usd_per_hour", "the domain's posted rate (mart_domain_expert_rates base)"),
                  ("day_job_usd_per_hour", "the domain's day-job wage (mart_domain_wages)"),
                  ("wage_year", "newest BLS year of the wage")),
         (("low", "base", "high"),)),
    Mart("mart_posting_premiums",
         "Each posting's pay against its domain's day-job wage: its point rate, low and high ends ÷ the wage.",
         ("evidence_filter", "posting_id"),
         (FILTER_COLUMN, ("posting_id", "the expert_rates row"), ("platform", "platform"), ("role", "job title"),
          ("domain", "taxonomy key"), ("rate_basis", "which rule gave the point"),
          ("usd_per_hour_point", "the posting's point rate"), ("usd_per_hour_low_end", "low end"),
          ("usd_per_hour_high_end", "high end"), ("day_job_usd_per_hour", "the domain's day-job wage"),
          ("premium_point", "point ÷ wage"), ("premium_low_end", "low end ÷ wage"), ("premium_high_end", "high end ÷ wage"),
          ("as_of_date", "posting date"), ("confidence", "confidence label"), ("source_id", "the source"))),
    Mart("mart_reference_figures",
         "Each reference quantity (growth rates, brain and language figures, cost factors): the median of its "
         "rows' values (a range-only row counts as its midpoint), with the lowest and highest stated figures as "
         "its range.",
         ("evidence_filter", "key"),
         _summary(("key", "what is measured"), ("unit", "unit of low, base and high")),
         (("low", "base", "high"),)),
    Mart("mart_gpu_specs",
         "Each accelerator's specs (peak throughput, purchase price, power): the median of the rows, min and max "
         "as the range.",
         ("evidence_filter", "gpu", "spec"),
         _summary(("gpu", "accelerator"), ("spec", "which fact; the unit is in the name")),
         (("low", "base", "high"),)),
    Mart("mart_gpu_rental_prices",
         "Rental price of one GPU-hour per accelerator over the 12 months up to its newest price: the median, "
         "min and max over providers and pricing kinds.",
         ("evidence_filter", "gpu"),
         _summary(("gpu", "accelerator"), ("window_start", "first price date pooled"),
                  ("window_end", "newest price date of this accelerator")),
         (("low", "base", "high"),)),
    Mart("mart_hours_per_item",
         "Expert hours per item of each artifact type, from public datasets reporting both hours and items: "
         "the median of expert_hours ÷ item_count, min and max as the range.",
         ("evidence_filter", "artifact_type"),
         _summary(("artifact_type", "kind of human artifact")),
         (("low", "base", "high"),)),
    Mart("mart_vendor_gross_margin",
         "Data vendors' reported gross margin, as a fraction of revenue: the median of the rows, min and max as "
         "the range.",
         ("evidence_filter",),
         _summary(),
         (("low", "base", "high"),)),
    Mart("mart_api_prices",
         "API list price per model: the median over its rows of the input and output prices per million tokens, "
         "and the newest price date.",
         ("evidence_filter", "model"),
         (FILTER_COLUMN, ("model", "model name"), ("provider", "API provider (the newest row's)"),
          ("usd_per_million_input_tokens", "median input price, USD per million tokens"),
          ("usd_per_million_output_tokens", "median output price, USD per million tokens"),
          ("newest_price_date", "newest price date pooled"), *SUMMARY_COLUMNS[3:])),
    Mart("mart_scaling_fits",
         "Each Chinchilla-style loss fit's constants (the median over its rows when several sources give one).",
         ("evidence_filter", "fit_name"),
         (FILTER_COLUMN, ("fit_name", "fit id"), ("e_loss", "irreducible loss E"), ("a_coef", "parameter coefficient A"),
          ("b_coef", "data coefficient B"), ("alpha", "parameter exponent α"), ("beta", "data exponent β"),
          *SUMMARY_COLUMNS[3:])),
    Mart("mart_training_run_points",
         "One point per model with both training compute and cost: the median compute and the median cost its "
         "sources state, with the weakest confidence of its rows.",
         ("evidence_filter", "model"),
         (FILTER_COLUMN, ("model", "model name"), ("developer", "organisation"), ("year", "year of release"),
          ("training_flop", "median training compute, FLOP"), ("cost_usd", "median training cost, USD"),
          ("confidence", "the weakest confidence label of the rows pooled"), *SUMMARY_COLUMNS[3:])),
    Mart("mart_post_training_compute",
         "Each disclosed post-training stage's compute in FLOP: as stated, else GPU-hours × the GPU's peak "
         "dense BF16 FLOP/s × the median curated training utilisation × 3600, else its stated share × the "
         "model's pre-training compute.",
         ("evidence_filter", "stage_id"),
         (FILTER_COLUMN, ("stage_id", "the post_training_runs row (its CSV line)"), ("model", "model name"),
          ("developer", "organisation"), ("year", "year of release"), ("stage", "sft, rl or post_training_total"),
          ("skill", "what the stage teaches"), ("training_flop", "the stage's compute, FLOP (empty when not convertible)"),
          ("flop_basis", "how training_flop was obtained"), ("confidence", "the row's confidence label"),
          ("source_id", "the source"))),
    Mart("mart_skill_training_flop",
         "The compute of teaching one skill: each model's post-training compute at its most inclusive disclosed "
         "stage, then the median over models, with the smallest and largest as the range.",
         ("evidence_filter",),
         _summary(("models", "models pooled"), ("model_names", "the models pooled")),
         (("low", "base", "high"),)),
    Mart("mart_cluster_overhead",
         "Cost of a cluster as a multiple of its accelerators' price: Cottier et al.'s chip-to-server factor × "
         "server-to-cluster factor.",
         ("evidence_filter",),
         _summary(),
         (("low", "base", "high"),)),
    Mart("mart_teacher_models",
         "The API models a distillation can use — curated list prices and the major providers' chat models in the "
         "newest LiteLLM table — and the default teacher: of the curated models priced within 12 months of the "
         "newest curated price, the one with the highest output price.",
         ("evidence_filter", "model", "price_source"),
         (FILTER_COLUMN, ("model", "model name (LiteLLM's key for listed models)"), ("provider", "API provider"),
          ("usd_per_million_input_tokens", "input price, USD per million tokens"),
          ("usd_per_million_output_tokens", "output price, USD per million tokens"),
          ("newest_price_date", "newest price date"), ("price_source", "curated list price or LiteLLM price table"),
          ("is_default_teacher", "true for the default teacher"), *SUMMARY_COLUMNS[3:])),
    Mart("mart_accelerator_specs",
         "Each accelerator the curated tables name, matched to its row in Epoch AI's ML hardware database: "
         "release date, availability (release + 90 days, as Cottier et al. date it), release price, peak dense "
         "BF16 FLOP/s and TDP.",
         ("evidence_filter", "gpu"),
         (FILTER_COLUMN, ("gpu", "accelerator key used in the curated tables"), ("hardware_name", "Epoch's name"),
          ("release_date", "release date"), ("availability_year", "release + 90 days, decimal year"),
          ("release_price_usd", "release price, USD"),
          ("peak_dense_bf16_flop_per_second", "peak tensor FP16/BF16 FLOP/s"), ("tdp_watts", "thermal design power, W"),
          ("confidence", "the row's confidence label"), ("source_id", "the Epoch snapshot"))),
    Mart("mart_finetune_dataset_counts",
         "Fine-tuning datasets recorded by the Data Provenance Initiative, counted by year (the earliest date a "
         "listing gives), task category and whether the text is human-written or model-generated.",
         ("evidence_filter", "year", "task_category", "text_origin"),
         (FILTER_COLUMN, ("year", "year of the dataset's earliest listing"), ("task_category", "DPI task category"),
          ("text_origin", "human-written or model-generated"), ("datasets", "datasets counted"),
          ("source_id", "the DPI snapshot"))),
    Mart("mart_frontier_cost_points",
         "Frontier training runs with a cost: every model Epoch AI flags as frontier with a training compute cost "
         "(2023 USD), at its publication date as a decimal year, for the model's growth fit.",
         ("evidence_filter", "model"),
         (FILTER_COLUMN, ("model", "model name"), ("year", "publication, decimal year"),
          ("cost_usd", "training compute cost, 2023 USD"), ("training_compute_flop", "training compute, FLOP"),
          ("source_id", "the Epoch snapshot"), ("source_ids", "the same, as the model reads it"))),
    Mart("mart_vendor_revenue_figures",
         "Each vendor revenue or run-rate figure as the market's revenue rule reads it: a revenue figure for a "
         "fiscal year (period 'FY<year>') is that year's annual revenue; a run-rate belongs to the year of its "
         "as-of date, else the one year its period names; other figures, and those the curated note places outside "
         "the human-data business (the whole company, another unit), are left out with the reason.",
         ("figure_id",),
         (("figure_id", "the vendor_metrics row (its CSV line)"), ("vendor", "company name"),
          ("metric", "revenue_usd or arr_usd"), ("period", "what the figure covers, as the source states it"),
          ("as_of_date", "date the figure refers to"),
          ("year", "the year the rule gives it; empty when it is left out"),
          ("usd", "the figure, USD (a range-only figure counts as its midpoint)"),
          ("low_usd", "its stated low end, else the figure"), ("high_usd", "its stated high end, else the figure"),
          ("revenue_basis", "annual revenue or run-rate; empty when left out"),
          ("left_out_reason", "why the rule leaves the figure out; empty when it is used"),
          ("notes", "the curated note"), ("confidence", "the figure's confidence label"),
          ("evidence_class", "class of the source it counts as"), ("source_id", "the source")),
         (("low_usd", "usd", "high_usd"),)),
    Mart("mart_market_years",
         "The market's years: 2019 through the newest year in which any market series (vendor revenue by the "
         "rule, labs' reported spending, a training run's cost) has a figure.",
         ("year",),
         (("year", "calendar year"),)),
    Mart("mart_vendor_revenue_years",
         "Each data vendor's human-data revenue in each market year: its reported annual revenue for that fiscal "
         "year where one passes the filter, else the median of the run-rates dated in that year; the figures "
         "pooled give the range. Every vendor has a row for every year, 'no figure' where none (never filled).",
         ("evidence_filter", "vendor", "year"),
         (FILTER_COLUMN, ("vendor", "company name"), ("year", "calendar (fiscal) year"),
          ("revenue_basis", "which rule applied: annual revenue, run-rate, or no figure"),
          ("revenue_low_usd", "lowest figure or stated low end pooled, USD"),
          ("revenue_usd", "annual revenue, or the median of the year's run-rates, USD; empty when no figure"),
          ("revenue_high_usd", "highest figure or stated high end pooled, USD"),
          ("confidence", "the weakest confidence label of the figures pooled"),
          ("oldest_as_of_date", "oldest as-of date pooled"), ("newest_as_of_date", "newest as-of date pooled"),
          ("figure_count", "figures pooled"), ("source_ids", "the sources pooled, ';'-separated")),
         (("revenue_low_usd", "revenue_usd", "revenue_high_usd"),)),
    Mart("mart_human_data_revenue_yearly",
         "The data vendors' human-data revenue summed per market year (mart_vendor_revenue_years), with its "
         "coverage: vendors with a figure, by rule, and vendors without one; an empty sum where no vendor has one.",
         ("evidence_filter", "year"),
         (FILTER_COLUMN, ("year", "calendar year"),
          ("revenue_low_usd", "sum of the vendors' low ends, USD"),
          ("revenue_usd", "sum of the vendors' revenue, USD; empty when no vendor has a figure"),
          ("revenue_high_usd", "sum of the vendors' high ends, USD"),
          ("vendors_with_figure", "vendors summed"), ("annual_revenue_vendors", "of them, by reported annual revenue"),
          ("run_rate_vendors", "of them, by run-rate"),
          ("vendors_without_figure", "vendors with a figure in another year but none in this one"),
          ("vendor_names", "the vendors summed, '; '-separated"),
          ("vendors_without_figure_names", "the vendors without a figure this year, '; '-separated"),
          ("figure_count", "figures pooled"), ("source_ids", "the sources, ';'-separated")),
         (("revenue_low_usd", "revenue_usd", "revenue_high_usd"),)),
    Mart("mart_training_compute_spend_yearly",
         "Training-compute spend per market year from Epoch AI's models: the sum and the largest of the training "
         "compute costs (2023 USD) of the models published that year, for frontier models and all models, with the "
         "count of runs that have a cost; an empty sum where no run has one.",
         ("evidence_filter", "models", "year"),
         (FILTER_COLUMN, ("models", "all models or frontier models (Epoch's frontier flag)"),
          ("year", "year of publication"),
          ("training_cost_sum_usd", "sum of the training compute costs, 2023 USD"),
          ("training_cost_max_usd", "the largest training compute cost, 2023 USD"),
          ("model_at_max", "the model with the largest cost"), ("runs_with_cost", "models with a training cost"),
          ("models_published", "models published that year, with or without a cost"),
          ("source_ids", "the Epoch snapshot"))),
    Mart("mart_lab_spending_points",
         "Labs' own reports of yearly spending on human data and on compute, in the market years: the stated "
         "figure, else the midpoint of the stated range; points beside the market's sums, never added to them.",
         ("evidence_filter", "point_id"),
         (FILTER_COLUMN, ("point_id", "the lab_spending row (its CSV line)"), ("lab", "the lab, or an industry-wide label"),
          ("spend_side", "human data or compute"),
          ("category", "human_data, training_compute, inference_compute, research_compute or compute_total"),
          ("year", "the year the spending refers to"), ("low_usd", "stated low end, USD"),
          ("usd", "the stated figure, else the midpoint of the range, USD"), ("high_usd", "stated high end, USD"),
          ("value_basis", "stated or middle of range"), ("spending_basis", "actual, projected or annualised"),
          ("as_of_date", "date of the report"),
          ("aged_by_date", "the date the point is aged by: its as-of date, else its source's publication date"),
          ("notes", "what is included, caveats"),
          ("confidence", "the row's confidence label"), ("source_id", "the source")),
         (("low_usd", "usd", "high_usd"),)),
    Mart("mart_market_ratio",
         "Human-data spend against training-compute spend per market year: the vendors' summed human-data revenue "
         "÷ the summed training costs of all Epoch AI models published that year; empty where either is missing.",
         ("evidence_filter", "year"),
         (FILTER_COLUMN, ("year", "calendar year"), ("human_data_usd", "mart_human_data_revenue_yearly's sum, USD"),
          ("training_compute_usd", "mart_training_compute_spend_yearly's sum over all models, 2023 USD"),
          ("human_data_to_compute_ratio", "human_data_usd ÷ training_compute_usd"),
          ("vendors_with_figure", "vendors in the human-data sum"), ("runs_with_cost", "runs in the compute sum"),
          ("source_ids", "the sources of both sums, ';'-separated"))),
    Mart("mart_dataset_templates",
         "Each public dataset's artifact mix, to start a scenario from: per artifact type the largest item count "
         "its rows report, and the dataset's domain.",
         ("dataset", "artifact_type"),
         (("dataset", "dataset name"), ("artifact_type", "kind of human artifact"),
          ("item_count", "the largest item count reported for that type"), ("dataset_domain", "the dataset's domain"),
          ("source_ids", "the sources, ';'-separated"))),
    Mart("mart_input_defaults",
         "The warehouse default of every model input that has one, in one shape (input, key, low, base, high, "
         "sources, the mart that computed it); the model reads only this table.",
         ("evidence_filter", "input", "key"),
         (FILTER_COLUMN, ("input", "the input's default name in the model's registry"),
          ("key", "what the default is for: a domain, artifact type, accelerator, model or fit ('' when none)"),
          *SUMMARY_COLUMNS[:3], *SUMMARY_COLUMNS[3:], ("mart", "the mart that computed it")),
         (("low", "base", "high"),)),
)
MARTS_BY_NAME = {mart.name: mart for mart in MARTS}
