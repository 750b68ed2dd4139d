"""The entry point registers every page, in order, under stable addresses that run through it."""

from __future__ import annotations

from dashboard.ui.navigation import PAGES_DIR, SECTIONS

EXPECTED_TITLES = [
    "Overview", "Vendors", "Expert rates", "Skill datasets", "Skill cost builder", "Supply and time", "Compute versus data",
    "Sample efficiency and scaling", "Distill or hire", "Long tail", "Scenarios", "My data", "Sources and methodology",
]


def test_every_page_in_order_with_existing_files():
    entries = [entry for entries in SECTIONS.values() for entry in entries]
    assert [title for _, title, _, _ in entries] == EXPECTED_TITLES
    assert all((PAGES_DIR / file).is_file() for file, _, _, _ in entries)


def test_url_paths_are_unique_and_the_folder_is_not_streamlits_pages_folder():
    entries = [entry for entries in SECTIONS.values() for entry in entries]
    urls = [url for _, _, url, _ in entries]
    assert len(set(urls)) == len(urls)
    # A folder named pages/ beside the entry point is auto-registered by Streamlit, which then answers
    # deep links before st.navigation runs ("Page not found").
    assert PAGES_DIR.name != "pages" and not (PAGES_DIR.parent / "pages").exists()


def test_vendors_page_keeps_the_sidebar(app_on_fixture):
    at = app_on_fixture("vendors.py")
    assert [t.key for t in at.sidebar.toggle] == ["hide_speculative", "hide_secondary"]
