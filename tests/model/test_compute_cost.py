"""Compute cost: cloud rental, and Cottier et al.'s amortised hardware and energy, by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dashboard.model import compute_cost as cc

HOURS_PER_YEAR = 365.25 * 24  # 8,766


def test_gpu_hours_cost_and_days_by_hand():
    hours = cc.gpu_hours(3.6e24, 1e15, 0.5)
    assert hours == pytest.approx(3.6e24 / (1e15 * 0.5 * 3600))  # 2,000,000 GPU-hours
    assert hours == pytest.approx(2_000_000)
    assert cc.rental_cost_usd(hours, 2.0) == pytest.approx(4_000_000)
    assert cc.training_days(hours, 100) == pytest.approx(2_000_000 / 100 / 24)


def test_value_depreciates_from_availability():
    # $30,000 × 2.03 overhead, two years old at 0.14 orders of magnitude a year: × 10^−0.28 = × 0.5248
    assert cc.value_per_gpu_usd(30_000, 2.03, 0.14, 2.0) == pytest.approx(30_000 * 2.03 * 0.524807, rel=1e-6)
    assert cc.value_per_gpu_usd(30_000, 2.03, 0.14, 0.0) == pytest.approx(60_900)


def test_hardware_cost_is_the_value_lost_while_training():
    # 100 GPUs for 8,766 hours each (one year) at 0.14 OOM/yr lose 1 − 10^−0.14 = 27.56 % of their value
    value = 50_000.0
    share = 1 - 10**-0.14
    assert share == pytest.approx(0.2756, abs=1e-4)
    assert cc.amortised_hardware_usd(100 * HOURS_PER_YEAR, 100, value, 0.14) == pytest.approx(100 * value * share)


def test_short_runs_lose_value_in_proportion_to_time():
    # for a run of hours h per GPU, 1 − 10^(−r h / 8766) ≈ r ln 10 · h / 8766
    per_hour = cc.amortised_hardware_usd(10.0, 1, 50_000.0, 0.14) / 10.0
    assert per_hour == pytest.approx(50_000 * 0.14 * math.log(10) / HOURS_PER_YEAR, rel=1e-3)


def test_energy_by_hand():
    # 1,000 GPU-hours × 0.7 kW × 0.75 × PUE 1.2 × $0.08/kWh = $50.40
    assert cc.energy_usd(1000, 700, 0.75, 1.2, 0.08) == pytest.approx(1000 * 0.7 * 0.75 * 1.2 * 0.08)
    assert cc.energy_usd(1000, 700, 0.75, 1.2, 0.08) == pytest.approx(50.40)


def test_better_utilization_means_fewer_hours():
    assert cc.gpu_hours(1e24, 1e15, 0.5) < cc.gpu_hours(1e24, 1e15, 0.25)


def test_vectorised_over_draws():
    ages = np.array([0.0, 1.0, 2.0])
    assert cc.value_per_gpu_usd(1.0, 1.0, 0.5, ages) == pytest.approx([1.0, 10**-0.5, 0.1])
