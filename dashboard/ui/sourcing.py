"""Source captions: which documents a chart or table rests on, and how old its figures are.

Naming a source ('publisher — title') is pure; only the captions themselves call Streamlit (imported there).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import quote, urlsplit

import polars as pl

MAX_SOURCES_NAMED = 8
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#|~$:])")


def escape_markdown(text: str) -> str:
    """Text shown literally by st.markdown/st.caption: no links, emphasis, LaTeX or directives."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def safe_url(url: str | None) -> str | None:
    """The address when it is http(s) with a host, percent-encoded for a Markdown link; else None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe=":/?#@!&'*+,;=%~[]")


def source_name(publisher: str | None, title: str | None, default: str = "unnamed source") -> str:
    """'Publisher — Title' as plain text (a missing part is left out), else `default`."""
    return " — ".join(p for p in (publisher, title) if p) or default


def source_names(sources: pl.DataFrame) -> dict[str, str]:
    """source_id → 'publisher — title' over the sources table (the id itself when a source has neither)."""
    return {i: source_name(publisher, title, i)
            for i, publisher, title in sources.select("source_id", "publisher", "title").iter_rows()}


def source_label(publisher: str | None, title: str | None, url: str | None) -> str:
    """'Publisher — Title' as Markdown, linked only for http(s) addresses."""
    text = escape_markdown(source_name(publisher, title))
    link = safe_url(url)
    return f"[{text}]({link})" if link else text


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def age_words(newest: date, today: date) -> str:
    days = (today - newest).days
    if days < 0:
        return "dated in the future"
    if days < 60:
        return f"{days} days old"
    return f"{days // 30} months old" if days < 730 else f"{days // 365} years old"


def date_span(frame: pl.DataFrame, date_column: str | None, today: date) -> str:
    """'As of 2024-05-01 to 2025-08-24 (newest 14 months old)', or '' when no dates."""
    column = date_column or "source_date_published"
    if column not in frame.columns:
        return ""
    dates = [d for d in (_as_date(v) for v in frame.get_column(column).drop_nulls().to_list()) if d]
    if not dates:
        return "As-of dates not stated."
    oldest, newest = min(dates), max(dates)
    span = f"As of {oldest.isoformat()}" + (f" to {newest.isoformat()}" if newest != oldest else "")
    return f"{span} (newest {age_words(newest, today)})."


def caption_text(frame: pl.DataFrame, date_column: str | None, today: date | None = None, table_below: bool = False) -> str:
    """The caption's Markdown: the sources named (capped, with a count of the rest: where to find them, naming a ZIP
    download only when `table_below` says the table right below offers one) and the dates."""
    wanted = ["source_publisher", "source_title", "source_url"]
    if frame.is_empty() or not all(c in frame.columns for c in wanted):
        return "No sourced figures shown."
    sources = frame.select(wanted).unique(maintain_order=True).sort(["source_publisher", "source_title"], nulls_last=True)
    labels = [source_label(*row) for row in sources.iter_rows()]
    named = "; ".join(labels[:MAX_SOURCES_NAMED])
    rest = len(labels) - MAX_SOURCES_NAMED
    where = "in the ZIP download of the table below and on Sources and methodology" if table_below \
        else "on Sources and methodology"
    more = f"; and {rest} more ({where})" if rest > 0 else ""
    plural = "s" if len(labels) != 1 else ""
    return f"Source{plural}: {named}{more}. {date_span(frame, date_column, today or date.today())}".strip()


def source_caption(frame: pl.DataFrame, date_column: str | None = None, table_below: bool = False) -> None:
    """st.caption under a chart naming its sources and the oldest and newest as-of dates."""
    import streamlit as st

    st.caption(caption_text(frame, date_column, table_below=table_below))


def epoch_credit(sources: pl.DataFrame, source_ids: list[str]) -> None:
    """The credit line Epoch AI's licence asks for, under a chart that uses its data."""
    import streamlit as st

    rows = sources.filter(pl.col("source_id").is_in(source_ids) & pl.col("source_id").str.starts_with("upstream-epoch"))
    for note in sorted(rows["notes"].drop_nulls().unique().to_list()):
        st.caption("Data: " + escape_markdown(note) + " (CC BY 4.0).")
