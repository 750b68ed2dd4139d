"""Compute cost of the training run: cloud rental (the headline) and Cottier et al.'s amortised hardware.

Cloud rental:
    gpu_hours        = training_flop / (peak_flop_per_gpu_second × utilization × 3600)
    compute_cost_usd = gpu_hours × usd_per_gpu_hour
    training_days    = gpu_hours / gpus / 24
Amortised hardware and energy (Cottier et al. 2024, "The rising costs of training frontier AI models"):
    value_per_gpu_usd  = hardware_usd_per_gpu × cluster_overhead_multiplier × 10^(−r · gpu_age_years)
    hardware_usd       = gpus × value_per_gpu_usd × (1 − 10^(−r · training_years)),
                         training_years = gpu_hours / gpus / 8766, r = hardware_depreciation_ooms_per_year
                         (the value the cluster loses while it trains the skill)
    energy_usd         = gpu_hours × gpu_power_watts / 1000 × average_power_fraction_of_tdp × datacenter_pue
                         × electricity_usd_per_kwh
    amortised_cost_usd = hardware_usd + energy_usd
A year is 8,766 hours (365.25 days).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

SECONDS_PER_HOUR = 3600.0
HOURS_PER_DAY = 24.0
HOURS_PER_YEAR = 365.25 * 24.0
WATTS_PER_KILOWATT = 1000.0


def gpu_hours(training_flop: ArrayLike, peak_flop_per_gpu_second: ArrayLike, utilization: ArrayLike) -> ArrayLike:
    """GPU-hours to deliver `training_flop`: training_flop / (peak × utilization × 3600)."""
    achieved_flop_per_gpu_hour = np.multiply(peak_flop_per_gpu_second, utilization) * SECONDS_PER_HOUR
    return np.divide(training_flop, achieved_flop_per_gpu_hour)


def rental_cost_usd(hours: ArrayLike, usd_per_gpu_hour: ArrayLike) -> ArrayLike:
    """Cloud-rental cost: gpu_hours × usd_per_gpu_hour."""
    return np.multiply(hours, usd_per_gpu_hour)


def training_days(hours: ArrayLike, gpus: ArrayLike) -> ArrayLike:
    """Wall-clock days on `gpus` accelerators: gpu_hours / gpus / 24."""
    return np.divide(hours, gpus) / HOURS_PER_DAY


def value_per_gpu_usd(hardware_usd_per_gpu: ArrayLike, cluster_overhead_multiplier: ArrayLike,
                      depreciation_ooms_per_year: ArrayLike, gpu_age_years: ArrayLike) -> ArrayLike:
    """A GPU's share of the cluster's value when training starts: price × overhead × 10^(−r·age)."""
    new_value = np.multiply(hardware_usd_per_gpu, cluster_overhead_multiplier)
    return new_value * np.power(10.0, -np.multiply(depreciation_ooms_per_year, gpu_age_years))


def amortised_hardware_usd(hours: ArrayLike, gpus: ArrayLike, value_per_gpu: ArrayLike,
                           depreciation_ooms_per_year: ArrayLike) -> ArrayLike:
    """Value the cluster loses during training: gpus × value × (1 − 10^(−r · gpu_hours / gpus / 8766))."""
    training_years = np.divide(hours, gpus) / HOURS_PER_YEAR
    lost_fraction = -np.expm1(-np.log(10.0) * np.multiply(depreciation_ooms_per_year, training_years))
    return np.multiply(gpus, value_per_gpu) * lost_fraction


def energy_usd(hours: ArrayLike, gpu_power_watts: ArrayLike, average_power_fraction_of_tdp: ArrayLike,
               datacenter_pue: ArrayLike, electricity_usd_per_kwh: ArrayLike) -> ArrayLike:
    """Electricity of the run: gpu_hours × kW of TDP × average power share × PUE × price per kWh."""
    kilowatts = np.multiply(gpu_power_watts, average_power_fraction_of_tdp) / WATTS_PER_KILOWATT
    return np.multiply(hours, kilowatts) * np.multiply(datacenter_pue, electricity_usd_per_kwh)
