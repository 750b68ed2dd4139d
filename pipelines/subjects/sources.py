"""The source registry: one row per document that any figure cites."""

import polars as pl
from pydantic import Field, model_validator

from pipelines.fields import (
    HttpUrl,
    Notes,
    OriginalClass,
    PastDate,
    PublishedDate,
    Slug,
    SourceClass,
    SourceKind,
    Text,
    date_precision,
)
from pipelines.subjects.base import CsvRow, Subject


class SourceRow(CsvRow):
    source_id: Slug = Field(description="stable id that figure rows cite")
    title: Text = Field(description="the document's title")
    publisher: Text = Field(description="who published it (for syndicated copies: both)")
    url: HttpUrl = Field(description="http(s) address of the document")
    date_published: PublishedDate | None = Field(
        default=None, description="publication date (YYYY-MM-DD, YYYY-MM or YYYY); empty when the document shows none")
    date_accessed: PastDate = Field(description="when the copy was read")
    kind: SourceKind = Field(description="paper, company, news, government, dataset or analyst-estimate")
    notes: Notes = Field(description="how the figure reached us, caveats")
    source_class: SourceClass = Field(
        description="who stands behind it: primary (the party itself, an official statistic, the paper), reputable "
                    "(an established news or analyst outlet), copy (a syndicated or mirrored copy of a primary or "
                    "reputable original, named in the original_ columns) or secondary (aggregators, blogs, summaries)")
    original_publisher: Text | None = Field(default=None, description="for a copy: who published the original")
    original_url: HttpUrl | None = Field(default=None, description="for a copy: the original's address")
    original_class: OriginalClass | None = Field(
        default=None, description="for a copy: primary or reputable, the class of the original it counts as")

    @model_validator(mode="after")
    def _copy_names_its_original(self) -> "SourceRow":
        originals = {"original_publisher": self.original_publisher, "original_url": self.original_url,
                     "original_class": self.original_class}
        if self.source_class == "copy":
            for column, value in originals.items():
                if value is None:
                    raise ValueError(f"{column}::copy without its original|a value: a copy names its original's "
                                     "publisher, URL and class")
        else:
            for column, value in originals.items():
                if value is not None:
                    raise ValueError(f"{column}::original given for a source that is not a copy|empty unless "
                                     "source_class is copy")
        return self


def add_date_precision(raw, frame: pl.DataFrame) -> pl.DataFrame:
    """Keep how precise each publication date was (day, month, year or unknown), so none looks sharper than it is."""
    precision = pl.DataFrame(
        {"_line": raw.lines,
         "date_published_precision": [date_precision(v) if v else "unknown" for v in raw.frame["date_published"]]},
        schema={"_line": pl.Int64, "date_published_precision": pl.String},
    )
    return frame.join(precision, on="_line", how="left")


SUBJECT = Subject(
    name="sources",
    row_model=SourceRow,
    key_columns=("source_id",),
    description="Every document a figure cites, with its publisher, address and dates.",
    cited=False,
    derive=add_date_precision,
)
