"""The input registry: every input declared once, its assumption and slider inside its allowed values."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.model import scenario as model
from dashboard.model.inputs import (
    CHOICES,
    FRACTION,
    INPUTS,
    SHARE,
    Interval,
    assumption_rows,
    pattern_of,
    spec_for,
)
from dashboard.model.ranged import triple

MODEL_DIR = Path(__file__).resolve().parents[2] / "dashboard" / "model"
OWNERS = {"skills.*": model.Skill, "skills.*.artifacts.*": model.Artifact, "pools.*": model.Pool, "": model.Scenario,
          **{name: model.Scenario.model_fields[name].annotation for name in
             ("compute", "scaling", "distillation", "long_tail", "projection", "sample_efficiency")}}
NOT_INPUTS = {"schema_version", "name", "skills", "pools", "skill", "domain", "artifacts", "type", "base_year", "draws",
              "seed", "gpu", "fit", "api_model", "compute", "scaling", "distillation", "long_tail", "projection",
              "sample_efficiency", "uncertainty"}


def owner_and_field(path: str) -> tuple[type, str]:
    owner, _, name = path.rpartition(".")
    return OWNERS[owner], name


@pytest.mark.parametrize("path", sorted(INPUTS))
def test_every_registry_input_is_a_scenario_field(path):
    owner, name = owner_and_field(path)
    assert name in owner.model_fields, path


def test_every_numeric_scenario_field_is_in_the_registry():
    declared = {owner_and_field(path) for path in INPUTS} | {owner_and_field(c.path) for c in CHOICES}
    for owner in OWNERS.values():
        for name in owner.model_fields:
            if name not in NOT_INPUTS:
                assert (owner, name) in declared, f"{owner.__name__}.{name} is not declared in the registry"


@pytest.mark.parametrize("spec", [s for s in INPUTS.values() if s.assumption], ids=lambda s: s.path)
def test_every_assumption_is_allowed_reasoned_and_on_its_slider(spec):
    values = triple(spec.assumption.value)
    assert all(spec.interval.contains(x) for x in values), values
    assert len(spec.assumption.reasoning.split()) >= 8, "an assumption says why, in a sentence"
    if spec.slider:
        low, high = (10**spec.slider.low, 10**spec.slider.high) if spec.slider.log else (spec.slider.low, spec.slider.high)
        assert all(low <= x <= high for x in values), (values, low, high)


@pytest.mark.parametrize("spec", [s for s in INPUTS.values() if s.slider], ids=lambda s: s.path)
def test_slider_ends_are_allowed_values(spec):
    ends = (10**spec.slider.low, 10**spec.slider.high) if spec.slider.log else (spec.slider.low, spec.slider.high)
    assert all(spec.interval.contains(x) for x in ends), ends
    assert spec.slider.low < spec.slider.high and spec.slider.step > 0


def test_intervals_by_hand():
    assert FRACTION.contains(0.0) and FRACTION.contains(0.99) and not FRACTION.contains(1.0)
    assert not SHARE.contains(0.0) and SHARE.contains(1.0)
    assert FRACTION.describe() == "must be in [0, 1)"
    assert Interval(1.0, whole=True).describe() == "must be a whole number ≥ 1"
    assert not Interval(1.0, whole=True).contains(2.5)
    assert not Interval(None).contains(float("nan")) and not Interval(None).contains(float("inf"))


def test_fractions_the_model_divides_by_one_minus_are_flagged():
    assert {p for p, s in INPUTS.items() if s.divides_by_one_minus} == {"vendor_margin", "skills.*.rejection_rate"}


def test_url_keys_are_unique_and_short():
    keys = [s.url_key for s in INPUTS.values()] + [c.url_key for c in CHOICES]
    assert len(keys) == len(set(keys))
    assert all(key.isalnum() and len(key) <= 6 for key in keys)


def test_pattern_of_concrete_paths():
    assert pattern_of("skills.3.artifacts.12.hours_each") == "skills.*.artifacts.*.hours_each"
    assert pattern_of("skills.0.usd_per_hour") == "skills.*.usd_per_hour"
    assert pattern_of("pools.law.expert_pool") == "pools.*.expert_pool"
    assert pattern_of("compute.gpus") == "compute.gpus"
    assert spec_for("pools.medicine.participation_rate").label == "Share of the pool taking part"
    with pytest.raises(KeyError):
        spec_for("compute.no_such_input")


def test_assumption_rows_list_every_assumed_default():
    rows = assumption_rows()
    assert [row["input"] for row in rows] == [p for p, s in INPUTS.items() if s.assumption]
    for row in rows:
        assert row["low"] <= row["base"] <= row["high"]
        assert row["reasoning"] == INPUTS[row["input"]].assumption.reasoning


def test_registry_defaults_name_what_they_are_keyed_by():
    keyed = {s.default_by for s in INPUTS.values() if s.default_by}
    assert keyed <= {"domain", "artifact_type", "gpu", "model", "fit"}
    assert all(s.default_input for s in INPUTS.values() if s.default_by)


def test_choice_defaults():
    by_path = {c.path: c for c in CHOICES}
    assert by_path["scaling.fit"].default == "besiroglu-2024"
    assert by_path["compute.gpu"].default == model.Compute.model_fields["gpu"].default


def test_model_package_never_imports_streamlit():
    modules = sorted(path.stem for path in MODEL_DIR.glob("*.py") if path.stem != "__init__")
    code = "import importlib, sys\n" + "".join(f"importlib.import_module('dashboard.model.{m}')\n" for m in modules) + \
        "assert 'streamlit' not in sys.modules, 'streamlit imported'\n"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=MODEL_DIR.parents[1])

