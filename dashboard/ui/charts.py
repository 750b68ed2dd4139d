"""Charts: a colour-blind-safe palette, sourced tooltips, and PNG/SVG downloads made on request."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable

import altair as alt
import streamlit as st

from dashboard.model.evidence import CONFIDENCE_ORDER

# Okabe & Ito (2008), "Color Universal Design": distinguishable under the common colour-vision deficiencies.
PALETTE: list[str] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
CONFIDENCE_COLORS: dict[str, str] = {"reported": "#0072B2", "likely": "#009E73", "speculative": "#D55E00"}


def _short_number(prefix: str) -> str:
    """A Vega expression writing `datum.value` as people write large numbers: 950, 12k, 2.7M, 1.2B, 3T (d3's "~s"
    would write 1G for a billion), after `prefix`."""
    steps = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")]
    branches = "".join(f"abs(datum.value) >= {size:g} ? '{prefix}' + format(datum.value / {size:g}, '.3~g') + '{suffix}' : "
                       for size, suffix in steps)
    return f"({branches}'{prefix}' + format(datum.value, '.3~g'))"


# Money on an axis as people write it: $950, $12k, $2.7M, $1.2B, $3T.
USD_LABEL = _short_number("$")
NUMBER_LABEL = _short_number("")
# The same in a text mark's calculate transform, for a field.
LABEL_LIMIT = 420  # px: long input labels and vendor names are shown whole, never cut to "Invisible Technol…"


def usd_text(field: str) -> str:
    """A Vega expression writing `datum[field]` as money ($12k, $2.7M, $1.2B)."""
    return USD_LABEL.replace("datum.value", f"datum[{field!r}]")


def number_text(field: str) -> str:
    """A Vega expression writing `datum[field]` as a short number (12k, 2.7M, 5.34T)."""
    return NUMBER_LABEL.replace("datum.value", f"datum[{field!r}]")


# On a log axis, label only the ticks at 1, 2 and 5 times a power of ten (Vega's own culling keeps odd ones: $9, $80).
_MANTISSA = "(datum.value / pow(10, floor(log(datum.value) / LN10 + 1e-9)))"
ROUND_TICK = f"(abs({_MANTISSA} - 1) < 1e-6 || abs({_MANTISSA} - 2) < 1e-6 || abs({_MANTISSA} - 5) < 1e-6)"


def usd_axis(title: str | None = None, log: bool = True, **kwargs: object) -> alt.Axis:
    """A money axis labelled $k/$M/$B whose title is never cut short (on a log scale: at 1, 2 and 5 × 10ⁿ)."""
    label = f"{ROUND_TICK} ? {USD_LABEL} : ''" if log else USD_LABEL
    return alt.Axis(title=title, labelExpr=label, titleLimit=0, labelOverlap="greedy", **kwargs)


def log_axis(title: str | None = None, suffix: str = "", **kwargs: object) -> alt.Axis:
    """A log axis of plain numbers labelled at 1, 2 and 5 × 10ⁿ, its title never cut short."""
    label = f"{ROUND_TICK} ? format(datum.value, ',.3~g') + '{suffix}' : ''"
    return alt.Axis(title=title, labelExpr=label, titleLimit=0, labelOverlap="greedy", **kwargs)


def band_axis(**kwargs: object) -> alt.Axis:
    """A category axis that shows every label, whole (no overlap culling, no truncation)."""
    return alt.Axis(labelLimit=LABEL_LIMIT, labelOverlap=False, titleLimit=0, **kwargs)


def legend(title: str | None, orient: str = "bottom", **kwargs: object) -> alt.Legend:
    """A legend (below the chart unless told otherwise) whose labels and title are never cut short."""
    return alt.Legend(title=title, orient=orient, labelLimit=LABEL_LIMIT, titleLimit=LABEL_LIMIT, **kwargs)


def confidence_scale() -> alt.Scale:
    """A colour scale mapping each confidence label to its fixed colour."""
    return alt.Scale(domain=CONFIDENCE_ORDER, range=[CONFIDENCE_COLORS[c] for c in CONFIDENCE_ORDER])


def confidence_color(field: str = "confidence") -> alt.Color:
    return alt.Color(f"{field}:N", title="Confidence", scale=confidence_scale(), legend=legend("Confidence", "right"))


def palette_scale() -> alt.Scale:
    return alt.Scale(range=PALETTE)


def source_tooltip(*extra: alt.Tooltip | str, date_field: str | None = "as_of_date") -> list[alt.Tooltip | str]:
    """The chart's own tooltip fields, then confidence, source publisher and title, and the as-of date."""
    tail: list[alt.Tooltip | str] = [
        alt.Tooltip("confidence:N", title="Confidence"),
        alt.Tooltip("source_publisher:N", title="Publisher"),
        alt.Tooltip("source_title:N", title="Source"),
    ]
    if date_field:
        tail.append(alt.Tooltip(f"{date_field}:T", title="As of", format="%Y-%m-%d"))
    return [*extra, *tail]


def _file_stem(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "chart"


@st.cache_data(show_spinner=False, max_entries=32)
def render_image(spec_json: str, fmt: str) -> bytes:
    """The chart as PNG or SVG bytes (vl-convert), cached by its specification."""
    import vl_convert as vlc

    if fmt == "png":
        return vlc.vegalite_to_png(spec_json, scale=2)
    return vlc.vegalite_to_svg(spec_json).encode("utf-8")


@st.cache_resource(show_spinner=False, max_entries=512)
def _cached_spec(module: str, name: str, *args: object) -> dict:
    return getattr(importlib.import_module(module), name)(*args).to_dict()


def chart_spec(builder: Callable[..., alt.TopLevelMixin], *args: object) -> dict:
    """The Vega-Lite specification a chart builder makes of these arguments, computed once and shared.

    Building and validating an Altair chart costs tens of milliseconds; a page that redraws the
    same data on every rerun should pay that once. The key hashes the arguments by content (pages
    often pass freshly derived frames); the dictionary is shared, not copied: Streamlit copies its
    top level before use and nothing else changes it.
    """
    return _cached_spec(builder.__module__, builder.__name__, *args)


def show_chart(name: str, builder: Callable[..., alt.TopLevelMixin], *args: object) -> None:
    """Draw `builder(*args)` full width; its PNG/SVG files are rendered only when the reader asks for them."""
    spec = chart_spec(builder, *args)
    st.vega_lite_chart(spec, width="stretch")
    stem = _file_stem(name)
    if not st.toggle("Prepare PNG and SVG downloads", key=f"chart-downloads-{stem}"):
        return
    import json

    spec = json.dumps(spec)
    left, right = st.columns(2)
    left.download_button("Download PNG", render_image(spec, "png"), file_name=f"{stem}.png",
                         mime="image/png", on_click="ignore", key=f"png-{stem}")
    right.download_button("Download SVG", render_image(spec, "svg"), file_name=f"{stem}.svg",
                          mime="image/svg+xml", on_click="ignore", key=f"svg-{stem}")
