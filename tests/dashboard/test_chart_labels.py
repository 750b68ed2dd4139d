"""Numbers written on charts read as people write them (533M tokens, $2.7M), never in e-notation."""

from __future__ import annotations

import re
from datetime import date

import polars as pl
import vl_convert

from dashboard.ui.model_charts import tokens_chart


def test_token_counts_on_the_tokens_chart_are_written_with_si_suffixes():
    frame = pl.DataFrame({"who": ["a person", "a model"], "tokens": [5.33e8, 1.5e13], "confidence": ["x", "x"],
                          "sources": ["s", "s"], "as_of": [date(2024, 1, 1)] * 2})
    svg = vl_convert.vegalite_to_svg(tokens_chart(frame).to_json())
    labels = re.findall(r">([^<>]*tokens)<", svg)
    assert sorted(labels) == ["15T tokens", "533M tokens"]
    assert not any("e+" in label for label in labels)
