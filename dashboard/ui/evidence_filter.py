"""The global evidence filter — hide speculative figures, hide figures resting only on secondary sources —
and the confidence vocabulary. The filter travels in the link (`ev`) and the model's defaults move with it:
the marts are computed once per filter setting.
"""

from __future__ import annotations

import streamlit as st

from dashboard.model.evidence import CONFIDENCE_ORDER as CONFIDENCE_ORDER  # the labels' order, re-exported
from pipelines.marts import EVIDENCE_FILTERS

HIDE_SPECULATIVE, HIDE_SECONDARY = "hide_speculative", "hide_secondary"
FLAGS = dict(EVIDENCE_FILTERS)  # name: (hide speculative, hide secondary), as the warehouse declares them
FILTER_NAMES = {flags: name for name, flags in FLAGS.items()}
HIDDEN_WORDS = ("speculative figures", "figures resting only on secondary sources")  # in the order of the flags

CONFIDENCE_LABELS: dict[str, str] = {  # in CONFIDENCE_ORDER
    "reported": "Reported — stated by the party itself or an official statistic",
    "likely": "Likely — reported by a reputable third party (or the party, as an estimate)",
    "speculative": "Speculative — an estimate, a single unconfirmed account, or a figure resting only on "
                   "secondary sources",
}
SOURCE_CLASS_LABELS: dict[str, str] = {
    "primary": "the party itself, an official statistic, the paper or model card",
    "reputable": "an established news or analyst outlet",
    "copy": "a syndicated or mirrored copy; counts as its named original",
    "secondary": "an aggregator, blog, SEO or summary site",
}


def hide_speculative() -> bool:
    return bool(st.session_state.get(HIDE_SPECULATIVE, False))


def hide_secondary() -> bool:
    return bool(st.session_state.get(HIDE_SECONDARY, False))


def current_filter() -> str:
    """The evidence filter's name, as the marts and the link know it."""
    return FILTER_NAMES[(hide_speculative(), hide_secondary())]


def hidden_figures(name: str) -> list[str]:
    """What a filter hides, in words (none for the default filter)."""
    return [words for words, on in zip(HIDDEN_WORDS, FLAGS[name], strict=True) if on]


def set_filter(name: str) -> None:
    """Set both switches from a filter name (e.g. read from a link)."""
    st.session_state[HIDE_SPECULATIVE], st.session_state[HIDE_SECONDARY] = FLAGS.get(name, (False, False))


def evidence_filter_sidebar() -> None:
    """Two sidebar toggles shared by every page."""
    st.session_state.setdefault(HIDE_SPECULATIVE, False)
    st.session_state.setdefault(HIDE_SECONDARY, False)
    st.sidebar.toggle("Hide speculative figures", key=HIDE_SPECULATIVE,
                      help="Drop figures labelled speculative from every table and chart; the model's defaults move too.")
    st.sidebar.toggle("Hide figures resting only on secondary sources", key=HIDE_SECONDARY,
                      help="Drop figures whose only source is an aggregator, blog or summary site (a copy counts as its "
                           "named original); the model's defaults move too.")


def confidence_note() -> None:
    """A one-line reminder of what the labels mean, and which figures are hidden."""
    hidden = hidden_figures(current_filter())
    st.caption("Confidence: " + "; ".join(CONFIDENCE_LABELS.values()) + "."
               + (f" Hidden (sidebar): {' and '.join(hidden)}." if hidden else ""))
