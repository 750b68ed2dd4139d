"""Tables with downloads: CSV as shown, CSV in full, and a ZIP with the data, its sources and a README."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

import polars as pl
import streamlit as st

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CITATION_RULE = (
    "Cite each figure by its source (publisher, title, address and date, in sources.csv, matched on "
    "source_id), not by datamoat. Keep the confidence label beside the figure: 'reported' when the party "
    "itself or an official statistic states it, 'likely' when a reputable third party reports it, "
    "'speculative' for estimates and single unconfirmed accounts."
)


def neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix a single quote to text cells a spreadsheet would run as a formula (= + - @ tab CR)."""
    text_columns = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    risky = "^[" + re.escape("".join(FORMULA_STARTS)) + "]"
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(risky)).then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c in text_columns
    )


def _flat(frame: pl.DataFrame) -> pl.DataFrame:
    """Nested columns (lists, structs) as JSON-ish text so that CSV can hold them."""
    nested = [n for n, t in frame.schema.items() if t.is_nested()]
    return frame.with_columns(pl.col(n).map_elements(str, return_dtype=pl.String) for n in nested)


def to_csv(frame: pl.DataFrame) -> bytes:
    """Spreadsheet-safe UTF-8 CSV bytes."""
    return neutralise_formulas(_flat(frame)).write_csv().encode("utf-8")


def readme_text(name: str, frame: pl.DataFrame, exported_at: datetime) -> str:
    columns = "\n".join(f"  {column} ({dtype})" for column, dtype in frame.schema.items())
    return (
        f"datamoat export: {name}\n\n"
        f"data.csv holds {frame.height} rows of '{name}' from the datamoat dashboard (all rows, before\n"
        f"the page's filters). sources.csv holds every source those rows cite.\n\n"
        f"Exported: {exported_at:%Y-%m-%d %H:%M:%S}\n\nColumns of data.csv:\n{columns}\n\n"
        f"Citation rule: {CITATION_RULE}\n\n"
        "Text cells starting with = + - @ tab or carriage return carry a leading single quote so that "
        "spreadsheets do not run them as formulas.\n"
    )


def cited_sources(frame: pl.DataFrame, sources: pl.DataFrame) -> pl.DataFrame:
    """The rows of the sources table that the frame cites: its source_id column, or the ';'-separated ids of
    its source_ids column (a mart's pooled sources)."""
    if "source_id" not in sources.columns:
        return sources.clear()
    ids: set[str] = set()
    if "source_id" in frame.columns:
        ids |= set(frame.get_column("source_id").drop_nulls().to_list())
    if "source_ids" in frame.columns and frame.schema["source_ids"] == pl.String:
        ids |= {i for text in frame.get_column("source_ids").drop_nulls().to_list() for i in text.split(";") if i}
    return sources.filter(pl.col("source_id").is_in(sorted(ids)))


def to_zip(name: str, frame: pl.DataFrame, sources: pl.DataFrame, exported_at: datetime | None = None) -> bytes:
    """A ZIP with data.csv, sources.csv and README.txt."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.csv", to_csv(frame))
        archive.writestr("sources.csv", to_csv(cited_sources(frame, sources)))
        archive.writestr("README.txt", readme_text(name, frame, exported_at or datetime.now()))
    return buffer.getvalue()


def _stem(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "table"


def linkable(values: list[object]) -> bool:
    """Whether every address in a column is http(s) with a host (empty cells aside), so it may be linked."""
    from dashboard.ui.sourcing import safe_url

    return all(v is None or v == "" or (isinstance(v, str) and safe_url(v)) for v in values)


def column_config(frame: pl.DataFrame) -> dict[str, object]:
    """Address columns as links when every address is http(s); otherwise as plain text."""
    urls = [c for c in frame.columns if c.endswith("url") and frame.schema[c] == pl.String]
    return {c: st.column_config.LinkColumn(c) if linkable(frame.get_column(c).unique().to_list())
            else st.column_config.TextColumn(c) for c in urls}


def show_table(displayed: pl.DataFrame, full: pl.DataFrame, name: str) -> None:
    """The table, then three downloads built only when clicked: shown rows, all rows, and a ZIP."""
    from dashboard.ui.data import load_table

    st.dataframe(displayed, hide_index=True, column_config=column_config(displayed))
    sources = load_table("sources")
    stem = _stem(name)
    one, two, three = st.columns(3)
    one.download_button("CSV (as shown)", lambda: to_csv(displayed), file_name=f"{stem}-shown.csv",
                        mime="text/csv", on_click="ignore", key=f"csv-shown-{stem}")
    two.download_button("CSV (all rows)", lambda: to_csv(full), file_name=f"{stem}-all.csv",
                        mime="text/csv", on_click="ignore", key=f"csv-all-{stem}")
    three.download_button("ZIP (data, sources, README)", lambda: to_zip(name, full, sources),
                          file_name=f"{stem}.zip", mime="application/zip", on_click="ignore", key=f"zip-{stem}")
