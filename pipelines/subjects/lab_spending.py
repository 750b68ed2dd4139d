"""What AI labs spend per year on human data and on training compute, as reported."""

from typing import Literal

from pydantic import Field

from pipelines.fields import Notes, PastDate, Text, Usd, Year
from pipelines.subjects.base import CitedRow, Range, Subject

SpendingCategory = Literal["human_data", "training_compute", "inference_compute", "compute_total", "research_compute"]


class LabSpendingRow(CitedRow):
    lab: Text = Field(description="the AI lab (or 'all labs' for an industry-wide estimate)")
    category: SpendingCategory = Field(
        description="human_data, training_compute, inference_compute, research_compute or compute_total")
    year: Year = Field(description="the calendar year the spending refers to")
    usd: Usd | None = Field(default=None, description="spending in that year, USD (empty when only a range is given)")
    usd_low: Usd | None = Field(default=None, description="lower end when a range is given, USD")
    usd_high: Usd | None = Field(default=None, description="upper end when a range is given, USD")
    basis: Literal["actual", "projected", "annualised"] = Field(
        description="actual (spent), projected (a plan or forecast) or annualised (a run-rate)")
    as_of_date: PastDate | None = Field(default=None, description="date of the report")
    notes: Notes = Field(description="what is included, caveats")


SUBJECT = Subject(
    name="lab_spending",
    row_model=LabSpendingRow,
    key_columns=("lab", "category", "year", "basis", "source_id"),
    description="Reported yearly spending of AI labs on human data and on compute.",
    ranges=(Range("usd_low", "usd_high", "usd", middle_or_both_bounds=True),),
    as_of_column="as_of_date",
    time_sensitive=True,
)
