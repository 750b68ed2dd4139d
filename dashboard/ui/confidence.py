"""The global 'hide speculative figures' switch and the confidence vocabulary."""

from __future__ import annotations

import polars as pl
import streamlit as st

STATE_KEY = "hide_speculative"

CONFIDENCE_LABELS: dict[str, str] = {
    "reported": "Reported — stated by the party itself or an official statistic",
    "likely": "Likely — reported by a reputable third party",
    "speculative": "Speculative — an estimate or a single unconfirmed account",
}
CONFIDENCE_ORDER: list[str] = list(CONFIDENCE_LABELS)


def hide_speculative() -> bool:
    """Whether the reader asked to hide speculative figures (False until the toggle is drawn)."""
    return bool(st.session_state.get(STATE_KEY, False))


def confidence_filter_sidebar() -> None:
    """A sidebar toggle, kept in st.session_state['hide_speculative'] for every page."""
    st.session_state.setdefault(STATE_KEY, False)
    st.sidebar.toggle(
        "Hide speculative figures", key=STATE_KEY,
        help="Drop figures labelled speculative (estimates, single unconfirmed accounts) from every table and chart.",
    )


def filter_confidence(frame: pl.DataFrame, hide: bool) -> pl.DataFrame:
    """The frame without speculative rows when `hide` is set; frames without a confidence column pass."""
    if not hide or "confidence" not in frame.columns:
        return frame
    return frame.filter(pl.col("confidence").fill_null("") != "speculative")


def apply_confidence(frame: pl.DataFrame) -> pl.DataFrame:
    """Apply the global switch to a frame (the same filtered frame each rerun, so results derived from it are reused)."""
    from dashboard.ui.memo import memo

    return memo(filter_confidence, frame, hide_speculative())


def confidence_note() -> None:
    """A one-line reminder of what the labels mean, and whether speculative rows are hidden."""
    hidden = " Speculative figures are hidden (sidebar)." if hide_speculative() else ""
    st.caption("Confidence: " + "; ".join(CONFIDENCE_LABELS.values()) + "." + hidden)
