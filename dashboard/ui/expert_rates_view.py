"""Derived figures for the Expert rates page: a single rate per posting and the premium over the day job.

The posting's rate is its typical pay when stated, else the middle of its posted low–high range,
else whichever end is posted (`rate_basis` says which). The day job's wage is the median hourly wage
of the domain's occupations in region US in the latest survey year with a wage (the median across
occupations when that year lists several). Premium = posting rate / day-job median wage.
"""

from __future__ import annotations

import polars as pl

RATE_BASES = ("typical", "middle of range", "low end only", "high end only")


def posting_rates(rates: pl.DataFrame) -> pl.DataFrame:
    """Add `rate_usd_per_hour` and `rate_basis` to each posting."""
    low, typical, high = pl.col("usd_per_hour_low"), pl.col("usd_per_hour_typical"), pl.col("usd_per_hour_high")
    both = low.is_not_null() & high.is_not_null()
    return rates.with_columns(
        pl.when(typical.is_not_null()).then(typical).when(both).then((low + high) / 2)
        .otherwise(pl.coalesce(low, high)).alias("rate_usd_per_hour"),
        pl.when(typical.is_not_null()).then(pl.lit(RATE_BASES[0])).when(both).then(pl.lit(RATE_BASES[1]))
        .when(low.is_not_null()).then(pl.lit(RATE_BASES[2])).when(high.is_not_null()).then(pl.lit(RATE_BASES[3]))
        .otherwise(pl.lit(None, pl.String)).alias("rate_basis"),
        pl.coalesce(low, typical, high).alias("range_low"),
        pl.coalesce(high, typical, low).alias("range_high"),
        pl.concat_str(pl.col("domain"), pl.col("platform"), pl.col("role"), separator=" · ").alias("posting"),
    )


def day_job_wages(occupations: pl.DataFrame) -> pl.DataFrame:
    """Per domain: the US median hourly wage in the latest survey year that has one."""
    us = occupations.filter((pl.col("region") == "US") & pl.col("median_usd_per_hour").is_not_null())
    latest = us.filter(pl.col("survey_year") == pl.col("survey_year").max().over("domain"))
    return latest.group_by("domain").agg(
        pl.col("median_usd_per_hour").median().alias("median_wage_usd_per_hour"),
        pl.col("survey_year").first().alias("wage_survey_year"),
        pl.col("occupation").sort().str.join("; ").alias("wage_occupations"),
        pl.col("source_id").sort().str.join("; ").alias("wage_source_ids"),
    ).sort("domain")


def premiums(rates: pl.DataFrame, occupations: pl.DataFrame) -> pl.DataFrame:
    """Each posting with its domain's day-job wage and the ratio of its rate to that wage."""
    joined = posting_rates(rates).join(day_job_wages(occupations), on="domain", how="left")
    return joined.with_columns((pl.col("rate_usd_per_hour") / pl.col("median_wage_usd_per_hour")).alias("premium"))


def domain_premiums(posting_premiums: pl.DataFrame) -> pl.DataFrame:
    """Per domain: postings counted, the median posting rate, the day-job wage and the median premium."""
    known = posting_premiums.filter(pl.col("premium").is_not_null())
    return known.group_by("domain").agg(
        pl.len().alias("postings"),
        pl.col("rate_usd_per_hour").median().alias("median_posted_usd_per_hour"),
        pl.col("median_wage_usd_per_hour").first(),
        pl.col("wage_survey_year").first(),
        pl.col("premium").median().alias("median_premium"),
        pl.col("premium").min().alias("lowest_premium"),
        pl.col("premium").max().alias("highest_premium"),
        pl.col("source_id").unique().sort().str.join(";").alias("source_ids"),
        pl.col("wage_source_ids").first(),
    ).sort("median_premium", descending=True)


def filter_rates(frame: pl.DataFrame, domains: list[str], platforms: list[str]) -> pl.DataFrame:
    """Postings of the chosen domains and platforms (an empty choice means all)."""
    if domains:
        frame = frame.filter(pl.col("domain").is_in(domains))
    if platforms:
        frame = frame.filter(pl.col("platform").is_in(platforms))
    return frame


def wage_rows(occupations: pl.DataFrame, postings: pl.DataFrame) -> pl.DataFrame:
    """The occupation rows behind the day-job wages of the postings' domains (for citing them)."""
    wages = day_job_wages(occupations).filter(pl.col("domain").is_in(postings["domain"].unique().to_list()))
    keys = wages.select("domain", pl.col("wage_survey_year").alias("survey_year"))
    us = occupations.filter((pl.col("region") == "US") & pl.col("median_usd_per_hour").is_not_null())
    return us.join(keys, on=["domain", "survey_year"], how="semi")
