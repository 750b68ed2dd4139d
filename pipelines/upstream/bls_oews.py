"""BLS Occupational Employment and Wage Statistics, national, one workbook a year → `occupation_wages`.

BLS writes special values in place of numbers: `*` (wage not available), `**` (employment not available)
and `#` (wage at or above the top of the published range). They are kept as flags beside each value,
which is then empty — never turned into a number.
"""

from __future__ import annotations

import re
from typing import Literal

import polars as pl
from pydantic import Field

from pipelines.problems import Problem
from pipelines.upstream.base import Amount, LongText, Parsed, Snapshot, UpstreamRow, UpstreamSource, UpstreamTable
from pipelines.upstream.frame_check import validate_frame
from pipelines.upstream.origin import Licence
from pipelines.upstream.rows import ColumnMap, keep_first_of_each_key, map_columns, mapped_text, share_problem

YEARS = (2023, 2024, 2025)  # the May reference years fetched by default; add a year here (or import its file)
NAME = re.compile(r"national_M(?P<year>\d{4})_dl\.xlsx$")
CONFIDENCE_NOTE = "BLS publishes its own survey estimates: every row is `reported` (special values are flags, not numbers)."
Flag = Literal["*", "**", "#"]
WAGE_COLUMNS = (
    "usd_per_hour_mean",
    "usd_per_year_mean",
    "usd_per_hour_p10",
    "usd_per_hour_p25",
    "usd_per_hour_median",
    "usd_per_hour_p75",
    "usd_per_hour_p90",
    "usd_per_year_p10",
    "usd_per_year_p25",
    "usd_per_year_median",
    "usd_per_year_p75",
    "usd_per_year_p90",
)


class OccupationWageRow(UpstreamRow):
    year: int = Field(ge=1997, le=2100, description="the survey's May reference year")
    soc_code: str = Field(pattern=r"^\d{2}-\d{4}$", description="SOC code, e.g. 15-1252 (00-0000 is all occupations)")
    occupation_title: LongText = Field(description="occupation title as BLS gives it")
    o_group: Literal["total", "major", "minor", "broad", "detailed"] = Field(
        description="aggregation level: total, major, minor, broad or detailed (filter on one to avoid double counting)"
    )
    employment: Amount | None = Field(default=None, description="employment (count), rounded by BLS")
    employment_flag: Flag | None = Field(default=None, description="** when employment is not available")
    employment_rse_percent: Amount | None = Field(default=None, description="relative standard error of employment, %")
    usd_per_hour_mean: Amount | None = Field(default=None, description="mean hourly wage, USD")
    usd_per_year_mean: Amount | None = Field(default=None, description="mean annual wage, USD")
    usd_per_hour_p10: Amount | None = Field(default=None, description="10th percentile hourly wage, USD")
    usd_per_hour_p25: Amount | None = Field(default=None, description="25th percentile hourly wage, USD")
    usd_per_hour_median: Amount | None = Field(default=None, description="median hourly wage, USD")
    usd_per_hour_p75: Amount | None = Field(default=None, description="75th percentile hourly wage, USD")
    usd_per_hour_p90: Amount | None = Field(default=None, description="90th percentile hourly wage, USD")
    usd_per_year_p10: Amount | None = Field(default=None, description="10th percentile annual wage, USD")
    usd_per_year_p25: Amount | None = Field(default=None, description="25th percentile annual wage, USD")
    usd_per_year_median: Amount | None = Field(default=None, description="median annual wage, USD")
    usd_per_year_p75: Amount | None = Field(default=None, description="75th percentile annual wage, USD")
    usd_per_year_p90: Amount | None = Field(default=None, description="90th percentile annual wage, USD")
    wage_flags: LongText | None = Field(
        default=None,
        description="BLS special values in place of wages, as column=flag pairs: * not available, "
        "# at or above the top of the published range (e.g. usd_per_hour_p90=#)",
    )
    is_annual_only: bool = Field(default=False, description="BLS publishes only annual wages for this occupation")
    is_hourly_only: bool = Field(default=False, description="BLS publishes only hourly wages for this occupation")


COLUMNS: ColumnMap = {
    "soc_code": ("OCC_CODE",),
    "occupation_title": ("OCC_TITLE",),
    "o_group": ("O_GROUP", "OCC_GROUP"),
    "employment": ("TOT_EMP",),
    "employment_rse_percent": ("EMP_PRSE",),
    "usd_per_hour_mean": ("H_MEAN",),
    "usd_per_year_mean": ("A_MEAN",),
    "usd_per_hour_p10": ("H_PCT10",),
    "usd_per_hour_p25": ("H_PCT25",),
    "usd_per_hour_median": ("H_MEDIAN",),
    "usd_per_hour_p75": ("H_PCT75",),
    "usd_per_hour_p90": ("H_PCT90",),
    "usd_per_year_p10": ("A_PCT10",),
    "usd_per_year_p25": ("A_PCT25",),
    "usd_per_year_median": ("A_MEDIAN",),
    "usd_per_year_p75": ("A_PCT75",),
    "usd_per_year_p90": ("A_PCT90",),
    "annual": ("ANNUAL",),
    "hourly": ("HOURLY",),
}
REQUIRED = ("soc_code", "occupation_title", "o_group", "employment", *WAGE_COLUMNS)

OCCUPATION_WAGES = UpstreamTable(
    name="occupation_wages",
    row_model=OccupationWageRow,
    key_columns=("year", "soc_code", "o_group"),
    description="BLS national employment and wages by occupation and year (May OEWS): mean, percentiles and median, "
    "hourly and annual; BLS special values kept as flags.",
)


def read_sheet(name: str, data: bytes) -> pl.DataFrame:
    """The workbook's first sheet, every cell as text."""
    import fastexcel

    reader = fastexcel.read_excel(data)
    return reader.load_sheet(0, dtypes="string").to_polars()


def _blank_where(column: str, values: list[str]) -> pl.Expr:
    return pl.when(pl.col(column).is_in(values)).then(None).otherwise(pl.col(column)).alias(column)


def _special_values_as_flags(frame: pl.DataFrame) -> pl.DataFrame:
    """Move BLS special values out of the number columns into flags (every column of COLUMNS present, as text)."""
    wage_flags = pl.concat_str(
        [pl.when(pl.col(c).is_in(["*", "#"])).then(pl.lit(f"{c}=") + pl.col(c)) for c in WAGE_COLUMNS],
        separator="; ", ignore_nulls=True,
    )
    return frame.with_columns(
        *(_blank_where(c, ["*", "#"]) for c in WAGE_COLUMNS),
        pl.when(wage_flags != "").then(wage_flags).alias("wage_flags"),
        _blank_where("employment", ["**"]),
        pl.when(pl.col("employment") == "**").then(pl.lit("**")).alias("employment_flag"),
        _blank_where("employment_rse_percent", ["*", "**"]),
        (pl.col("annual").str.to_uppercase() == "TRUE").fill_null(False).alias("is_annual_only"),
        (pl.col("hourly").str.to_uppercase() == "TRUE").fill_null(False).alias("is_hourly_only"),
    ).drop("annual", "hourly")


def read_year(snapshot: Snapshot, name: str, parsed: Parsed) -> pl.DataFrame | None:
    """One workbook's rows, special values moved into flags and provenance added, not yet validated."""
    try:
        frame = read_sheet(name, snapshot.files[name])
    except Exception as error:  # fastexcel raises its own error types for a file that is not a workbook
        parsed.problems.append(Problem(name, 0, "", f"unreadable workbook: {str(error).splitlines()[0]}"))
        return None
    found, missing = map_columns(name, frame.columns, COLUMNS, REQUIRED)
    if missing:
        parsed.problems += missing
        return None
    frame = mapped_text(frame, found, COLUMNS)
    parsed.rows_by_file[name] = frame.height
    frame = _special_values_as_flags(frame).with_columns(
        pl.lit(snapshot.source_id).alias("source_id"),
        pl.lit(name).alias("upstream_file"),
        pl.lit(int(NAME.search(name).group("year"))).alias("year"),
        pl.lit("reported").alias("confidence"),
        pl.int_range(2, frame.height + 2).alias("upstream_row"),  # the header is row 1
    )
    return frame


def parse(snapshot: Snapshot) -> Parsed:
    parsed = Parsed()
    if not any(NAME.search(name) for name in snapshot.files):
        parsed.problems.append(Problem(SOURCE.name, 0, "", "no national_MYYYY_dl.xlsx workbook in the snapshot"))
    years = [read_year(snapshot, name, parsed) for name in sorted(snapshot.files) if NAME.search(name)]
    years = [frame for frame in years if frame is not None]
    frame, parsed.rejects = validate_frame(pl.concat(years), OCCUPATION_WAGES) if years else (OCCUPATION_WAGES.empty(), [])
    frame, duplicates = keep_first_of_each_key("occupation_wages", frame, list(OCCUPATION_WAGES.key_columns))
    parsed.rejects += duplicates
    parsed.problems += share_problem(SOURCE.name, parsed)
    parsed.frames["occupation_wages"] = frame
    return parsed


SOURCE = UpstreamSource(
    name="bls-oews",
    producer="U.S. Bureau of Labor Statistics",
    title="Occupational Employment and Wage Statistics (OEWS), national estimates",
    description="Employment and wage estimates for about 830 occupations in the United States, each May: mean, "
    "percentiles and median of hourly and annual wages, by SOC code and aggregation level.",
    url_main="https://www.bls.gov/oes/tables.htm",
    downloads=tuple(f"https://www.bls.gov/oes/special-requests/oesm{year % 100:02d}nat.zip" for year in YEARS),
    licence=Licence(name="Public domain (U.S. government work)", url="https://www.bls.gov/opub/copyright-information.htm"),
    credit="U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics",
    citation_full="U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, national estimates, "
    "https://www.bls.gov/oes/tables.htm",
    source_class="primary",
    file_pattern=r"(?:^|/)(?P<name>national_M\d{4}_dl\.xlsx)$",
    required_files=(),
    storage="plain",
    tables=(OCCUPATION_WAGES,),
    parse=parse,
    confidence_mapping=CONFIDENCE_NOTE,
    format="xlsx",
)
