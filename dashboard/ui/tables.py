"""Tables with downloads: CSV as shown, CSV in full, and a ZIP with the data, its sources and a README."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from datetime import datetime

import polars as pl
import streamlit as st

from dashboard.ui.evidence_filter import CONFIDENCE_LABELS
from dashboard.ui.formats import NUMBER_FORMATS, SAFE_INTEGER, TEXT_UNITS, column_unit, format_value, scientific

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CITATION_RULE = (
    "Cite each figure by its source (publisher, title, address and date, in sources.csv, matched on "
    "source_id), not by datamoat. Keep the confidence label beside the figure: "
    + "; ".join(f"'{name}': {text.split(' — ', 1)[1]}" for name, text in CONFIDENCE_LABELS.items()) + "."
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


SOURCE_ID_COLUMNS = ("source_id", "source_ids", "public_source_ids")
CURATOR_COLUMNS = ("csv_line",)  # where a curator finds the row again; kept in downloads, not shown


def readme_text(name: str, frame: pl.DataFrame, exported_at: datetime, extra_files: Iterable[str] = ()) -> str:
    columns = "\n".join(f"  {column} ({dtype})" for column, dtype in frame.schema.items())
    extra = list(extra_files)
    scenario = (f"{', '.join(extra)}: the scenario{'s' if len(extra) != 1 else ''} behind these model outputs, "
                "as datamoat imports and exports them (every input the reader set; empty inputs come from the "
                "sources in sources.csv or from named assumptions).\n\n") if extra else ""
    return (
        f"datamoat export: {name}\n\n"
        f"data.csv holds {frame.height} rows of '{name}' from the datamoat dashboard (all rows, before\n"
        f"the page's filters). sources.csv holds every source those rows cite, or, for model outputs, every source\n"
        f"behind the inputs that fed them.\n\n{scenario}"
        f"Exported: {exported_at:%Y-%m-%d %H:%M:%S}\n\nColumns of data.csv:\n{columns}\n\n"
        f"Citation rule: {CITATION_RULE}\n\n"
        "Text cells starting with = + - @ tab or carriage return carry a leading single quote so that "
        "spreadsheets do not run them as formulas.\n"
    )


def cited_ids(frame: pl.DataFrame) -> set[str]:
    """Source ids the frame's rows cite: its source_id column and any list of ids (';' or ',' separated)."""
    found: set[str] = set()
    for column in (c for c in SOURCE_ID_COLUMNS if c in frame.columns and frame.schema[c] == pl.String):
        for cell in frame.get_column(column).drop_nulls().unique().to_list():
            found |= {part.strip() for part in re.split(r"[;,]", cell) if part.strip()}
    return found


def cited_sources(frame: pl.DataFrame, sources: pl.DataFrame, also: Iterable[str] = ()) -> pl.DataFrame:
    """The rows of the sources table that the frame cites, and the sources `also` names (a model's inputs)."""
    if "source_id" not in sources.columns:
        return sources.clear()
    wanted = cited_ids(frame) | set(also)
    return sources.filter(pl.col("source_id").is_in(sorted(wanted))).sort("source_id")


def to_zip(name: str, frame: pl.DataFrame, sources: pl.DataFrame, exported_at: datetime | None = None,
           also_cited: Iterable[str] = (), files: Mapping[str, str] | None = None,
           assumptions: pl.DataFrame | None = None) -> bytes:
    """A ZIP with data.csv, sources.csv (what the rows cite, the sources in `also_cited`, then the named
    `assumptions` behind a model output, shaped like sources), README.txt and any `files` (name → text, e.g.
    the scenario JSON behind a model output)."""
    files = dict(files or {})
    cited = cited_sources(frame, sources, also_cited)
    if assumptions is not None and not assumptions.is_empty():
        cited = pl.concat([cited, assumptions], how="diagonal_relaxed")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.csv", to_csv(frame))
        archive.writestr("sources.csv", to_csv(cited))
        archive.writestr("README.txt", readme_text(name, frame, exported_at or datetime.now(), files))
        for file_name, text in files.items():
            archive.writestr(file_name, text)
    return buffer.getvalue()


def _stem(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "table"


def linkable(values: list[object]) -> bool:
    """Whether every address in a column is http(s) with a host (empty cells aside), so it may be linked."""
    from dashboard.ui.sourcing import safe_url

    return all(v is None or v == "" or (isinstance(v, str) and safe_url(v)) for v in values)


def column_config(frame: pl.DataFrame) -> dict[str, object]:
    """How each column shows: addresses as links when every address is http(s) (else plain text), numbers in
    the format of their unit (formats.column_unit), curators' columns hidden."""
    config: dict[str, object] = {c: None for c in CURATOR_COLUMNS if c in frame.columns}
    for name, dtype in frame.schema.items():
        if name.endswith("url") and dtype == pl.String:
            config[name] = (st.column_config.LinkColumn(name) if linkable(frame.get_column(name).unique().to_list())
                            else st.column_config.TextColumn(name))
        elif dtype.is_numeric() and (unit := column_unit(name)) in NUMBER_FORMATS:
            config[name] = st.column_config.NumberColumn(name, format=NUMBER_FORMATS[unit])
    return config


def for_display(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame as a table shows it: a numeric column reaching 2⁵³ (FLOP, always) written as a × 10ⁿ text in its
    unit, because a browser flags such numbers instead of showing them. Downloads keep the numbers."""
    big = [name for name, dtype in frame.schema.items() if dtype.is_numeric() and frame.height
           and (column_unit(name) in TEXT_UNITS or (frame.get_column(name).abs().max() or 0) >= SAFE_INTEGER)]
    return frame.with_columns(pl.Series(name, [_big_number(v, column_unit(name)) for v in frame.get_column(name)],
                                        dtype=pl.String) for name in big)


def _big_number(value: float | None, unit: str | None) -> str | None:
    if value is None or value != value:
        return None
    return format_value(value, unit) if unit in TEXT_UNITS else scientific(float(value), 3)


def show_table(displayed: pl.DataFrame, full: pl.DataFrame, name: str, *, also_cited: Iterable[str] = (),
               files: Mapping[str, str] | None = None, assumptions: pl.DataFrame | None = None) -> None:
    """The table, then three downloads built only when clicked: shown rows, all rows, and a ZIP with the sources
    the rows cite (and those in `also_cited`: a model output's inputs) and any `files` (the scenario JSON)."""
    from dashboard.ui.data import load_table

    shown = for_display(displayed)
    st.dataframe(shown, hide_index=True, column_config=column_config(shown))
    sources = load_table("sources")
    stem = _stem(name)
    also = tuple(also_cited)
    one, two, three = st.columns(3)
    one.download_button("CSV (as shown)", lambda: to_csv(displayed), file_name=f"{stem}-shown.csv",
                        mime="text/csv", on_click="ignore", key=f"csv-shown-{stem}")
    two.download_button("CSV (all rows)", lambda: to_csv(full), file_name=f"{stem}-all.csv",
                        mime="text/csv", on_click="ignore", key=f"csv-all-{stem}")
    three.download_button("ZIP (data, sources, README)", lambda: to_zip(name, full, sources, also_cited=also, files=files,
                                                                             assumptions=assumptions),
                          file_name=f"{stem}.zip", mime="application/zip", on_click="ignore", key=f"zip-{stem}")
