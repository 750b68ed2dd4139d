"""The link: it carries the whole view, and every parameter it cannot use is named, never applied."""

from __future__ import annotations

import base64
import copy
import zlib

import pytest

from dashboard.model.inputs import spec_for
from dashboard.model.template import scenario_document
from dashboard.ui import scenario_link as link


def _document_with_changes() -> dict:
    document = scenario_document(["law", "medicine"], [("sft_demonstration", 500.0), ("rl_task", 40.0)], name="mine")
    document["vendor_margin"] = 0.7
    document["skills"][1]["usd_per_hour"] = {"low": 100.0, "base": 150.0, "high": 220.0}
    document["compute"] = {"training_flop": 3e23, "gpu": "A100-SXM"}
    document["pools"] = {"law": {"expert_pool": 250_000.0}}
    return link.normalised(document)


def test_a_changed_scenario_and_filter_round_trip_through_the_link():
    document = _document_with_changes()
    params = link.link_params(document, "no_speculative")
    assert params["margin"] == "0.7" and params["c.flop"] == "3e+23" and params["p.law.pool"] == "250000"
    assert params["s1.rate"] == "100~150~220" and params["ev"] == "no_speculative" and "doc" in params
    state = link.read_link(params)
    assert state.notices == [] and state.evidence_filter == "no_speculative"
    assert state.document == document


def test_the_default_view_has_an_empty_link():
    assert link.link_params(link.default_document()) == {}
    assert link.differences(link.default_document()) == []


@pytest.mark.parametrize(("params", "named"), [
    ({"c.flop": "1e+99"}, "c.flop"),
    ({"c.flop": "nan"}, "c.flop"),
    ({"margin": "1.5"}, "margin"),
    ({"margin": "lots"}, "margin"),
    ({"s0.rate": "300~100~200"}, "s0.rate"),
    ({"s9.rate": "100"}, "s9.rate"),
    ({"bogus": "1"}, "bogus"),
    ({"ev": "everything"}, "ev=everything"),
    ({"doc": "not-a-scenario"}, "doc"),
])
def test_a_parameter_that_cannot_apply_is_named_and_ignored(params: dict, named: str):
    state = link.read_link(params)
    assert len(state.notices) == 1 and named in state.notices[0]
    assert state.document == link.default_document() and state.evidence_filter == "all"


def test_out_of_range_values_name_the_input_and_its_bounds():
    notice = link.read_link({"c.flop": "1e+99"}).notices[0]
    assert spec_for("compute.training_flop").label in notice and "1e+99" in notice


def test_a_good_parameter_applies_beside_a_bad_one():
    state = link.read_link({"margin": "0.6", "c.flop": "1e+99"})
    assert state.document["vendor_margin"] == 0.6 and len(state.notices) == 1


def test_a_compressed_bomb_is_refused():
    bomb = base64.urlsafe_b64encode(zlib.compress(b"[" + b" " * 5_000_000 + b"]", 9)).decode().rstrip("=")
    state = link.read_link({"doc": bomb})
    assert state.notices and "doc" in state.notices[0] and state.document == link.default_document()


def test_differences_name_inputs_by_their_registry_labels():
    document = copy.deepcopy(link.default_document())
    document["vendor_margin"] = 0.7
    found = link.differences(document)
    assert [(d.label, d.value) for d in found] == [(spec_for("vendor_margin").label, "0.7")]
    structure = link.differences(_document_with_changes())
    assert structure[0].label == "Skills and items" and "500 sft demonstration" in structure[0].value
