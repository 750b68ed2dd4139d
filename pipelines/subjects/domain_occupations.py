"""The reviewed mapping from each domain to the occupations (SOC codes) whose workers form its expert pool."""

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from pipelines.fields import Notes, SnakeKey, Text
from pipelines.subjects.base import CsvRow, Subject

_SOC = re.compile(r"^\d{2}-\d{4}$")


def _soc_code(value: str) -> str:
    if not _SOC.match(value):
        raise ValueError("not a SOC code|a code like 29-1210")
    return value


class DomainOccupationRow(CsvRow):
    domain: SnakeKey = Field(description="taxonomy key in `domains`")
    soc_code: Annotated[str, AfterValidator(_soc_code)] = Field(description="2018 SOC code, e.g. 29-1210")
    o_group: Literal["major", "minor", "broad", "detailed"] = Field(
        description="the BLS aggregation level of the code (O_GROUP): a broad or minor group counts every occupation in it")
    occupation_title: Text = Field(description="the occupation's title as BLS names it")
    notes: Notes = Field(description="what the code covers and why it belongs to the domain")


SUBJECT = Subject(
    name="domain_occupations",
    row_model=DomainOccupationRow,
    key_columns=("domain", "soc_code"),
    description="Which occupations (SOC codes, at one BLS level each) form each domain's expert pool.",
    domain_column="domain",
    cited=False,
)
