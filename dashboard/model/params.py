"""Flat parameter maps (input path → number or array of draws) built from resolved inputs."""

from __future__ import annotations

import numpy as np

from dashboard.model.ranged import base_of
from dashboard.model.resolve import Resolution


def base_params(res: Resolution) -> dict[str, float]:
    """Every resolved input at its base value (NaN where an input is empty)."""
    return {path: (np.nan if item.value is None else base_of(item.value)) for path, item in res.inputs.items()}
