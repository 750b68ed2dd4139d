"""Frames for the Expert rates page, cut from the marts (pure, no Streamlit): every number is a mart's.

Postings come from `mart_posting_premiums` (each posting's point rate, low and high ends, and their ratio
to its domain's day-job wage), domains from `mart_domain_premiums` (the posted rate the model uses and its
premium), wages from `mart_domain_occupation_wages` and `mart_domain_wage_trend` (BLS).
"""

from __future__ import annotations

import polars as pl


def postings(premiums: pl.DataFrame, cited: pl.DataFrame, domains: list[str], platforms: list[str]) -> pl.DataFrame:
    """Postings of the chosen domains and platforms (an empty choice means all), with their source's title,
    publisher and date for tooltips and a display label."""
    chosen = premiums
    if domains:
        chosen = chosen.filter(pl.col("domain").is_in(domains))
    if platforms:
        chosen = chosen.filter(pl.col("platform").is_in(platforms))
    sources = cited.select(pl.col("csv_line").alias("posting_id"), "source_title", "source_publisher",
                           "source_date_published", "notes")
    return chosen.join(sources, on="posting_id", how="left").with_columns(
        pl.concat_str(pl.col("domain"), pl.col("platform"), pl.col("role"), separator=" · ").alias("posting"))


def wage_occupations(occupation_wages: pl.DataFrame, domains: list[str]) -> pl.DataFrame:
    """The BLS occupations behind the day-job wages and pools of `domains` (all when empty)."""
    return occupation_wages.filter(pl.col("domain").is_in(domains)) if domains else occupation_wages
