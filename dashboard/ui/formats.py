"""How numbers are shown to people, declared once by unit: money in $k/$M/$B, FLOP and tokens as
a × 10ⁿ, fractions as percentages, counts with thousands separators. Pure: no Streamlit.

Units are the registry's and the marts' (`usd`, `usd_per_hour`, `flop`, `tokens`, `fraction` …); a
column's unit is read from its name (`cost_usd`, `training_flop`, `usd_per_hour_point` …).
"""

from __future__ import annotations

import math
import re

SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
UNIT_WORDS = {
    "usd_per_hour": "/h", "usd_per_gpu_hour": "/GPU-hour", "usd_per_million_tokens": "/M tokens",
    "usd_per_kwh": "/kWh", "flop": "FLOP", "flop_per_second": "FLOP/s", "tokens": "tokens", "words": "words",
    "people": "people", "hours": "h", "hours_per_week": "h/week", "watts": "W", "years": "years",
    "months": "months", "gpus": "GPUs", "items": "items", "examples": "examples", "categories": "categories",
    "ooms_per_year": "OOM/year", "multiplier": "×", "multiplier_per_year": "×/year",
}


def usd(value: float | None, missing: str = "n/a", cents: bool = True) -> str:
    """$1.23M style money; below a thousand with cents (or whole dollars); `missing` when there is no figure."""
    if value is None or not math.isfinite(value):
        return missing
    for limit, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"${value / limit:,.2f}{suffix}"
    return f"${value:,.2f}" if cents else f"${value:,.0f}"


def short_usd(value: float | None, missing: str = "—") -> str:
    """Money in a small space (a chart cell): '$1.25B', '$447M'; `missing` when there is no figure."""
    if value is None or not math.isfinite(value):
        return missing
    return f"${value / 1e9:.2f}B" if value >= 1e9 else f"${value / 1e6:,.0f}M"


def scientific(value: float, digits: int = 2) -> str:
    """1.0 × 10²⁴ style."""
    if value == 0:
        return "0"
    exponent = math.floor(math.log10(abs(value)))
    mantissa = value / 10 ** exponent
    return f"{mantissa:.{digits - 1}f} × 10{str(exponent).translate(SUPERSCRIPTS)}"


def count(value: float | None, digits: int = 3) -> str:
    """A count with thousands separators up to a million, then k/M/B/T, then a × 10ⁿ."""
    if value is None or not math.isfinite(value):
        return "n/a"
    if abs(value) >= 1e15:
        return scientific(value, digits)
    if abs(value) < 1e6:
        return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:.{digits}g}"
    for limit, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if abs(value) >= limit:
            return f"{value / limit:.{digits}g}{suffix}"
    return f"{value:,.0f}"


def percent(value: float | None, digits: int = 0) -> str:
    if value is None or not math.isfinite(value):
        return "n/a"
    return f"{100 * value:.{digits}f} %"


def format_value(value: float | None, unit: str) -> str:
    """A value in its unit, as people read it."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    if unit == "usd" or unit.startswith("usd_per"):
        money = usd(value) if abs(value) >= 1000 else f"${value:,.2f}"
        return money + UNIT_WORDS.get(unit, "")
    if unit in ("fraction", "fraction_per_year"):
        return percent(value, 1 if abs(value) < 0.1 else 0) + (" a year" if unit == "fraction_per_year" else "")
    if unit in ("flop", "flop_per_second"):
        return f"{scientific(value)} {UNIT_WORDS[unit]}"
    if unit in ("multiplier", "multiplier_per_year"):
        return f"×{value:.2f}" + ("/year" if unit == "multiplier_per_year" else "")
    if unit == "ratio":
        return f"×{value:.3g}"
    if unit == "weeks":
        return f"{value:,.1f} weeks"
    word = UNIT_WORDS.get(unit, unit.replace("_", " "))
    return f"{count(value)} {word}".strip()


def slider_format(unit: str) -> str:
    """How a linear slider of `unit` shows its value (Streamlit's named formats or printf); the caption under it
    gives the full reading."""
    if unit == "usd":
        return "dollar"
    if unit.startswith("usd_per"):
        return "$%.2f"
    if unit in ("fraction", "fraction_per_year"):
        return "percent"
    if unit in ("multiplier", "multiplier_per_year", "ratio"):
        return "×%.2f"
    if unit in ("ooms_per_year", "exponent"):
        return "%.2f"
    if unit in ("hours", "hours_per_week", "years", "months"):
        return "%.2f" if unit == "hours" else "%.1f"
    return "localized"


COLUMN_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("_usd_per_hour", "usd_per_hour"), ("usd_per_hour", "usd_per_hour"), ("_usd_per_gpu_hour", "usd_per_gpu_hour"),
    ("usd_per_gpu_hour", "usd_per_gpu_hour"), ("_per_million_input_tokens", "usd_per_million_tokens"),
    ("_per_million_output_tokens", "usd_per_million_tokens"), ("_usd_per_item", "usd"), ("_usd", "usd"), ("usd", "usd"),
    ("_flop_per_second", "flop_per_second"), ("_flop", "flop"), ("flop", "flop"), ("_tokens", "tokens"),
    ("_fraction", "fraction"), ("_share", "fraction"), ("share", "fraction"), ("_rate", "fraction"),
    ("premium", "multiplier"), ("_params", "parameters"), ("parameters", "parameters"), ("_people", "count"),
    ("employment", "count"), ("expert_pool", "count"), ("weeks_to_assemble", "weeks"), ("_weeks", "weeks"),
    ("weeks", "weeks"), ("_hours", "hours"), ("_hours_needed", "hours"), ("_items", "count"), ("_experts", "count"),
    ("_experts_available", "count"), ("_count", "count"),
)


def column_unit(name: str) -> str | None:
    """The unit a column's name declares, or None (declared once: tables and exports read it from here).
    A trailing qualifier (`usd_per_hour_low`, `data_cost_p95_usd` …) keeps the unit of what it qualifies; a
    `share_of_…` column is a fraction whatever it is a share of."""
    name = re.sub(r"_(at_)?(low|high|typical|point|plotted|p5|p50|p95|median|mean|swing)$", "", name)
    if name.startswith("share_of_"):  # a share of something measured in a unit is a fraction: share_of_pool_hours
        return "fraction"
    for suffix, unit in COLUMN_SUFFIXES:
        if name.endswith(suffix) or name == suffix.lstrip("_"):
            return unit
    return None


# How a table shows a column of each unit (Streamlit NumberColumn formats). FLOP are written as text,
# a × 10ⁿ: a browser cannot show a number column holding values at or above 2⁵³ without flagging them.
NUMBER_FORMATS: dict[str, str] = {
    "usd": "dollar", "usd_per_hour": "dollar", "usd_per_gpu_hour": "dollar", "usd_per_million_tokens": "dollar",
    "fraction": "percent", "multiplier": "%.2f×", "tokens": "compact", "parameters": "compact", "count": "localized",
    "weeks": "%.1f",
    "hours": "%.1f",
}
TEXT_UNITS = ("flop", "flop_per_second")
SAFE_INTEGER = 2 ** 53
