"""Human versus model sample efficiency.

    human_tokens_by_adulthood = human_words_heard_by_adulthood × tokens_per_word
    model_to_human_ratio      = frontier_pretraining_tokens / human_tokens_by_adulthood
"""

from __future__ import annotations

import math

from pydantic import BaseModel


class SampleEfficiencyResult(BaseModel):
    """Tokens read by a frontier model per token a person hears; None when an input figure is missing."""

    human_words_heard_by_adulthood: float | None
    tokens_per_word: float | None
    human_tokens_by_adulthood: float | None
    frontier_pretraining_tokens: float | None
    model_to_human_token_ratio: float | None


def _present(x: float | None) -> bool:
    return x is not None and not math.isnan(x)


def sample_efficiency(words: float | None, tokens_per_word: float | None,
                      frontier_tokens: float | None) -> SampleEfficiencyResult:
    """Human tokens = words × tokens_per_word; ratio = frontier tokens / human tokens (None if unknown)."""
    human = words * tokens_per_word if _present(words) and _present(tokens_per_word) else None
    ratio = frontier_tokens / human if human and _present(frontier_tokens) else None
    clean = lambda x: x if _present(x) else None
    return SampleEfficiencyResult(human_words_heard_by_adulthood=clean(words), tokens_per_word=clean(tokens_per_word),
                                  human_tokens_by_adulthood=human, frontier_pretraining_tokens=clean(frontier_tokens),
                                  model_to_human_token_ratio=ratio)
