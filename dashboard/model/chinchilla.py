"""Chinchilla scaling law: compute-optimal size and data, and the data a bigger model would save.

    L(N, D)                  = E + A/N^α + B/D^β,   C = 6·N·D
    G                        = (αA / (βB))^(1/(α+β))
    n_opt_params             = G · (C/6)^(β/(α+β))
    d_opt_tokens             = (C/6) / n_opt_params
    loss_opt                 = L(n_opt_params, d_opt_tokens)
    d_tokens_infinite_params = (B / (loss_opt − E))^(1/β)      (the data term alone reaches loss_opt)
    data_reduction_factor    = d_opt_tokens / d_tokens_infinite_params = (1 + β/α)^(1/β)
                               (at the optimum αA/N^α = βB/D^β, so the factor does not depend on compute)
    data_saved_by_k_times_larger_model = (1 + (β/α)(1 − k^(−α)))^(1/β)
                               (the data a model k× the optimal size needs to reach loss_opt is d_opt / this)
    tokens_per_parameter     = d_opt_tokens / n_opt_params
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from pydantic import BaseModel


@dataclass(frozen=True)
class ScalingFit:
    """The five constants of a Chinchilla-form fit."""

    e_loss: float
    a_coef: float
    b_coef: float
    alpha: float
    beta: float


class ChinchillaResult(BaseModel):
    """Compute-optimal allocation at one budget."""

    compute_flop: float
    n_opt_params: float
    d_opt_tokens: float
    loss_opt: float
    d_tokens_infinite_params: float
    data_reduction_factor: float
    data_saved_by_10x_larger_model: float
    tokens_per_parameter: float


def loss(n_params: ArrayLike, d_tokens: ArrayLike, fit: ScalingFit) -> ArrayLike:
    """L(N, D) = E + A/N^α + B/D^β."""
    return fit.e_loss + fit.a_coef / np.power(n_params, fit.alpha) + fit.b_coef / np.power(d_tokens, fit.beta)


def optimal_params(compute_flop: ArrayLike, fit: ScalingFit) -> ArrayLike:
    """n_opt = G·(C/6)^(β/(α+β)), G = (αA/(βB))^(1/(α+β))."""
    total = fit.alpha + fit.beta
    g = (fit.alpha * fit.a_coef / (fit.beta * fit.b_coef)) ** (1.0 / total)
    return g * np.power(np.divide(compute_flop, 6.0), fit.beta / total)


def tokens_for_loss_infinite_params(target_loss: ArrayLike, fit: ScalingFit) -> ArrayLike:
    """Tokens D with L(∞, D) = target: (B / (target − E))^(1/β); infinite when target ≤ E."""
    gap = np.subtract(target_loss, fit.e_loss)
    with np.errstate(divide="ignore"):
        return np.where(gap > 0, np.power(fit.b_coef / np.where(gap > 0, gap, 1.0), 1.0 / fit.beta), np.inf)


def data_reduction_factor(fit: ScalingFit) -> float:
    """(1 + β/α)^(1/β): how much less data a model without parameter limit needs than the optimum."""
    return (1.0 + fit.beta / fit.alpha) ** (1.0 / fit.beta)


def data_saved_by_larger_model(fit: ScalingFit, times: float = 10.0) -> float:
    """(1 + (β/α)(1 − times^(−α)))^(1/β): how much less data a model `times` the optimal size needs to reach
    the optimum's loss."""
    return (1.0 + fit.beta / fit.alpha * (1.0 - times ** -fit.alpha)) ** (1.0 / fit.beta)


def compute_optimal(compute_flop: float, fit: ScalingFit) -> ChinchillaResult:
    """The compute-optimal point at budget C and the data a model without parameter limit would need."""
    n_opt = float(optimal_params(compute_flop, fit))
    d_opt = compute_flop / 6.0 / n_opt
    loss_opt = float(loss(n_opt, d_opt, fit))
    d_inf = float(tokens_for_loss_infinite_params(loss_opt, fit))
    return ChinchillaResult(compute_flop=compute_flop, n_opt_params=n_opt, d_opt_tokens=d_opt, loss_opt=loss_opt,
                            d_tokens_infinite_params=d_inf, data_reduction_factor=d_opt / d_inf,
                            data_saved_by_10x_larger_model=data_saved_by_larger_model(fit), tokens_per_parameter=d_opt / n_opt)


def chinchilla_per_fit(fits: dict[str, dict[str, float]], compute_flop: float) -> list[dict[str, float | str]]:
    """One row per fit (constants from mart_scaling_fits) with the compute-optimal outputs at `compute_flop`."""
    return [{"fit_name": name, **constants, **compute_optimal(compute_flop, ScalingFit(**constants)).model_dump()}
            for name, constants in sorted(fits.items())]
