import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import brentq, minimize_scalar

from dashboard.model.chinchilla import ScalingFit, chinchilla_per_fit, compute_optimal, loss

SYMMETRIC = ScalingFit(e_loss=1.0, a_coef=1.0, b_coef=1.0, alpha=0.5, beta=0.5)
HOFFMANN = ScalingFit(e_loss=1.69, a_coef=406.4, b_coef=410.7, alpha=0.34, beta=0.28)


def test_symmetric_fit_by_hand():
    # G = (0.5·1 / (0.5·1))^(1/1) = 1; n_opt = (6e8/6)^(0.5/1) = 1e4; d_opt = 1e8 / 1e4 = 1e4
    result = compute_optimal(6e8, SYMMETRIC)
    assert result.n_opt_params == pytest.approx(1e4)
    assert result.d_opt_tokens == pytest.approx(1e4)
    assert result.loss_opt == pytest.approx(1 + 1 / 1e4**0.5 + 1 / 1e4**0.5)  # 1.02
    assert result.d_tokens_infinite_params == pytest.approx((1 / (1.02 - 1)) ** (1 / 0.5))  # 2500
    assert result.data_reduction_factor == pytest.approx(1e4 / 2500)


def test_data_reduction_factor_is_the_closed_form():
    # At the optimum αA/N^α = βB/D^β, so loss_opt − E = (B/D^β)(1 + β/α) and the factor is (1 + β/α)^(1/β).
    for budget in (1e21, 1e24, 1e27):
        result = compute_optimal(budget, HOFFMANN)
        assert result.data_reduction_factor == pytest.approx((1 + 0.28 / 0.34) ** (1 / 0.28), rel=1e-9)


def test_compute_identity_holds():
    result = compute_optimal(1e25, HOFFMANN)
    assert 6 * result.n_opt_params * result.d_opt_tokens == pytest.approx(1e25)


def test_loss_formula():
    assert loss(100.0, 10_000.0, SYMMETRIC) == pytest.approx(1 + 1 / 10 + 1 / 100)


fits = st.builds(ScalingFit, e_loss=st.floats(0, 3), a_coef=st.floats(1, 1000), b_coef=st.floats(1, 1000),
                 alpha=st.floats(0.1, 1), beta=st.floats(0.1, 1))


@given(fit=fits, c1=st.floats(1e15, 1e30), c2=st.floats(1e15, 1e30))
def test_more_compute_never_raises_loss(fit, c1, c2):
    small, large = sorted((c1, c2))
    assert compute_optimal(large, fit).loss_opt <= compute_optimal(small, fit).loss_opt * (1 + 1e-12)


def test_per_fit_table_has_one_row_per_fit_in_name_order():
    fits = {"b": {"e_loss": 1.69, "a_coef": 406.4, "b_coef": 410.7, "alpha": 0.34, "beta": 0.28},
            "a": {"e_loss": 1.0, "a_coef": 1.0, "b_coef": 1.0, "alpha": 0.5, "beta": 0.5}}
    table = chinchilla_per_fit(fits, 6e8)
    assert [row["fit_name"] for row in table] == ["a", "b"]
    assert table[0]["n_opt_params"] == pytest.approx(1e4)  # the symmetric fit, by hand above
    assert table[0]["alpha"] == 0.5
    assert math.isfinite(table[1]["loss_opt"])


def test_the_optimum_and_the_data_saved_match_a_numerical_search():
    """Minimise L(N, C/6N) numerically and solve L(kN, D) = loss_opt by root finding: no closed forms."""
    budget = 1e24
    log_n = minimize_scalar(lambda x: HOFFMANN_LOSS(math.exp(x), budget / 6 / math.exp(x)), bounds=(10, 40),
                            method="bounded", options={"xatol": 1e-10}).x
    n_opt = math.exp(log_n)
    d_opt = budget / 6 / n_opt
    loss_opt = HOFFMANN_LOSS(n_opt, d_opt)
    result = compute_optimal(budget, HOFFMANN)
    assert result.n_opt_params == pytest.approx(n_opt, rel=1e-4)
    assert result.loss_opt == pytest.approx(loss_opt, rel=1e-9)
    # the data a model without parameter limit needs: B / D^β = loss_opt − E
    d_inf = math.exp(brentq(lambda x: 410.7 / math.exp(x) ** 0.28 - (loss_opt - 1.69), 0, 200))
    assert result.data_reduction_factor == pytest.approx(d_opt / d_inf, rel=1e-4)
    # a model 10× the optimal size reaches loss_opt with less data
    d_10x = math.exp(brentq(lambda x: HOFFMANN_LOSS(10 * n_opt, math.exp(x)) - loss_opt, 0, 200))
    assert result.data_saved_by_10x_larger_model == pytest.approx(d_opt / d_10x, rel=1e-4)


def HOFFMANN_LOSS(n: float, d: float) -> float:
    """Hoffmann et al.'s fit written out again, independently of the code."""
    return 1.69 + 406.4 / n**0.34 + 410.7 / d**0.28
