"""Feedback where the eye is: an action's outcome is shown right beside the control that caused it, and a
refusal lists every problem (in a scrollable box when there are many), as plain text."""

from __future__ import annotations

import streamlit as st

from dashboard.ui.outcome import Outcome

PREFIX = "feedback:"
ROW_PX, MAX_BOX_PX = 22, 260


def remember(where: str, outcome: Outcome) -> None:
    """Keep an outcome to show beside the control `where` on this run (use from a callback or before a rerun)."""
    st.session_state[PREFIX + where] = outcome


def show(where: str) -> None:
    """The outcome kept for `where`, once, at the place this is called (right under the control)."""
    outcome = st.session_state.pop(PREFIX + where, None)
    if outcome is not None:
        show_outcome(outcome)


def show_outcome(outcome: Outcome) -> None:
    """A success or an error, and below an error every problem, scrollable when they are many."""
    from dashboard.ui.sourcing import escape_markdown

    message = escape_markdown(outcome.message)  # names of files and scenarios are the reader's text, not Markdown
    if outcome.ok:
        st.success(message, icon=":material/check_circle:")
        return
    st.error(message, icon=":material/error:")
    if outcome.problems:
        problem_list(outcome.problems)


def problem_list(problems: list[str]) -> None:
    """Every problem, one a line, as plain text (never Markdown), in a box that scrolls when it is long."""
    long = 40 + ROW_PX * len(problems) > MAX_BOX_PX
    st.code("\n".join(problems), language=None, wrap_lines=True, height=MAX_BOX_PX if long else "content")
