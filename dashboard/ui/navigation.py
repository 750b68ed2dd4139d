"""Navigation and the chrome every page shares: page setup, warehouse check, sidebar, routing."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.ui.data import age_text, ensure_warehouse, newest_run
from dashboard.ui.evidence_filter import evidence_filter_sidebar
from dashboard.ui.scenario_state import open_link, sync_link
from dashboard.ui.view_summary import link_notices, sidebar_summary

# The folder is deliberately not called `pages/`: Streamlit would also register a `pages/` folder's files
# as pages of their own, answer deep links with them before this entry point runs, and show
# "Page not found" for every url_path below.
PAGES_DIR = Path(__file__).resolve().parents[1] / "app_pages"
# Served by the app itself: a favicon given as a Material icon name is fetched from Google's servers.
FAVICON = Path(__file__).resolve().parents[1] / "assets" / "favicon.png"

# section → (file, title, url_path, icon); the first page is the default and lives at "/".
SECTIONS: dict[str, list[tuple[str, str, str, str]]] = {
    "The question": [
        ("overview.py", "Overview", "overview", ":material/dashboard:"),
    ],
    "The evidence": [
        ("market.py", "The market", "market", ":material/monitoring:"),
        ("vendors.py", "Vendors", "vendors", ":material/storefront:"),
        ("expert_rates.py", "Expert rates", "expert-rates", ":material/payments:"),
        ("skill_datasets.py", "Skill datasets", "skill-datasets", ":material/dataset:"),
    ],
    "The model": [
        ("skill_cost_builder.py", "Skill cost builder", "skill-cost-builder", ":material/build:"),
        ("supply_and_time.py", "Supply and time", "supply-and-time", ":material/schedule:"),
        ("compute_vs_data.py", "Compute versus data", "compute-vs-data", ":material/balance:"),
        ("sample_efficiency.py", "Sample efficiency and scaling", "sample-efficiency", ":material/trending_up:"),
        ("distill_or_hire.py", "Distill or hire", "distill-or-hire", ":material/call_split:"),
        ("long_tail.py", "Long tail", "long-tail", ":material/stacked_line_chart:"),
        ("scenarios.py", "Scenarios", "scenarios", ":material/tune:"),
    ],
    "Your data": [
        ("my_data.py", "My data", "my-data", ":material/upload_file:"),
    ],
    "About the data": [
        ("sources_methodology.py", "Sources and methodology", "sources-methodology", ":material/menu_book:"),
    ],
}


def pages() -> dict[str, list[st.Page]]:
    """Every page under its address. The default page answers at the root and, through a hidden alias that
    runs the same script, at its own address too (Streamlit serves a default page at "/" only)."""
    first, _, first_url, _ = SECTIONS["The question"][0]
    found = {
        section: [
            st.Page(PAGES_DIR / file, title=title, url_path="" if file == first else url, icon=icon,
                    default=file == first)
            for file, title, url, icon in entries
        ]
        for section, entries in SECTIONS.items()
    }
    home = found["The question"][0]
    found["The question"].append(st.Page(PAGES_DIR / first, title=home.title, url_path=first_url, icon=home.icon,
                                         visibility="hidden"))
    return found


def shell() -> None:
    """What every page shares: page setup, a warehouse (built if missing), the sidebar, the link's notices."""
    st.set_page_config(page_title="datamoat", page_icon=str(FAVICON), layout="wide")
    ensure_warehouse()
    open_link()  # before the sidebar's switches exist: the link may set them
    evidence_filter_sidebar()
    sync_link()  # the address carries the whole view, on every page
    sidebar_summary()
    st.sidebar.caption(f"Data built {age_text(newest_run())} (newest pipeline run).")
    link_notices()


def run() -> None:
    shell()
    st.navigation(pages()).run()
