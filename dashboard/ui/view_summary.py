"""How the view differs from the default one, said on every page: the count, the list and a reset (sidebar),
and every link parameter that was ignored, named, at the top of the page."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard.model.evidence import DEFAULT_FILTER
from dashboard.model.inputs import CHOICES_BY_PATH, spec_for
from dashboard.ui import scenario_state as state
from dashboard.ui.evidence_filter import FLAGS, current_filter, hidden_figures
from dashboard.ui.formats import format_value
from dashboard.ui.sourcing import escape_markdown

FILTER_WORDS = {name: " and ".join(hidden_figures(name)) + " hidden" for name in FLAGS if name != DEFAULT_FILTER}


@dataclass(frozen=True)
class Change:
    """One way the view differs from the default view, in words."""

    label: str
    value: str


def _unit(path: str) -> str | None:
    if path in CHOICES_BY_PATH:
        return None
    try:
        return spec_for(path).unit
    except KeyError:  # the scenario's structure (skills, name), not an input
        return None


def shown_value(path: str, text: str) -> str:
    """A difference's value ('1e+24', or 'low / base / high') with its unit ('1.0 × 10²⁴ FLOP', '$120.00/h')."""
    unit = _unit(path)
    if unit is None:
        return text
    try:
        return " / ".join(format_value(float(part), unit) for part in text.split(" / "))
    except ValueError:
        return text


def view_changes() -> list[Change]:
    """Every way the view differs from the default: the scenario's structure and inputs, then the evidence filter."""
    changes = [Change(item.label, shown_value(item.path, item.value)) for item in state.differences()]
    if current_filter() != DEFAULT_FILTER:
        changes.append(Change("Evidence shown", FILTER_WORDS[current_filter()]))
    return changes


def count_words(changes: list[Change]) -> str:
    if not changes:
        return "This view is the default scenario, every input at its warehouse default (or a named assumption " \
               "where no figure exists), nothing hidden."
    return f"This view differs from the default in {len(changes)} way{'s' if len(changes) != 1 else ''}."


def sidebar_summary() -> None:
    """Sidebar, every page: how the view differs from the default, listed, with a reset; the link carries it all."""
    changes = view_changes()
    box = st.sidebar.container(border=True)
    box.markdown("**This view**")
    box.caption(count_words(changes) + (" The address carries every change: copy it to share this view."
                                        if changes else ""))
    if changes:
        with box.expander(f"What differs ({len(changes)})", expanded=len(changes) <= 3):
            st.markdown("\n".join(f"- {escape_markdown(c.label)}: **{escape_markdown(c.value)}**" for c in changes))
    box.button("Reset to the default view", on_click=state.reset, key="scenario-reset", icon=":material/restart_alt:",
               disabled=not changes, width="stretch")


def link_notices() -> None:
    """Main area, top of every page: each link parameter that was ignored, named, with why (never applied)."""
    found = state.notices()
    if found:
        listed = "\n".join(f"- {escape_markdown(n.replace('`', ''))}" for n in found)
        st.warning(f"This link had {len(found)} parameter(s) that could not be used; the default is shown for each "
                   f"instead:\n\n{listed}", icon=":material/link_off:")
