"""Property-based fuzzing: the scenario parser and the upload checker never fail in an unplanned way."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.model.scenario import Scenario, ScenarioError, parse_scenario
from dashboard.ui.saved_scenarios import check_import
from dashboard.ui.uploads import UploadRejected, check_upload

FIELD_NAMES = ["skills", "skill", "domain", "artifacts", "type", "count", "hours_each", "usd_per_hour",
               "rejection_rate", "vendor_margin", "low", "base", "high", "compute", "gpu", "uncertainty",
               "draws", "seed", "schema_version", "name", "projection", "years", "bogus"]
SAFE_INTS = st.integers(min_value=-(2**63), max_value=2**63)  # the importer refuses longer integers first
scalars = st.none() | st.booleans() | SAFE_INTS | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30)
keys = st.sampled_from(FIELD_NAMES) | st.text(max_size=10)
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(keys, inner, max_size=6),
                           max_leaves=40)
artifact = st.fixed_dictionaries({"type": st.text(max_size=5), "count": json_values})
skill = st.fixed_dictionaries({"skill": st.text(max_size=5), "domain": st.sampled_from(["law", "medicine", ""]),
                               "artifacts": st.lists(artifact, max_size=3) | json_values},
                              optional={"usd_per_hour": json_values, "rejection_rate": json_values})
near_scenarios = st.fixed_dictionaries({"skills": st.lists(skill, max_size=3)},
                                       optional={k: json_values for k in ("vendor_margin", "compute", "uncertainty", "name")})


def _field_paths_named(error: ScenarioError) -> None:
    assert error.problems
    for line in error.problems:
        path, _, message = line.partition(": ")
        assert path and message, line


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(json_values, near_scenarios))
def test_parser_answers_a_scenario_or_field_path_problems(document):
    try:
        result = parse_scenario(document)
    except ScenarioError as error:
        _field_paths_named(error)
    else:
        assert isinstance(result, Scenario)


@settings(max_examples=200, deadline=None)
@given(st.one_of(json_values, near_scenarios))
def test_parser_agrees_on_json_text_and_the_value(document):
    text = json.dumps(document)
    outcomes = []
    for form in (document, text):
        try:
            outcomes.append(parse_scenario(form).model_dump())
        except ScenarioError as error:
            outcomes.append(sorted(error.problems))
    if isinstance(document, dict):
        assert outcomes[0] == outcomes[1]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=500).map(str.encode) | json_values.map(lambda v: json.dumps(v).encode()))
def test_importer_never_raises(data: bytes):
    scenario, problems = check_import("fuzz.json", data)
    assert (scenario is None) != problems.is_empty()


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["csv", "json", "parquet"]))
def test_checker_on_random_bytes_answers_text_or_a_rejection(data: bytes, kind: str):
    try:
        result = check_upload("fuzz", data, kind)
    except UploadRejected as error:
        assert error.message and "\n" not in error.message
    else:
        assert isinstance(result, bytes if kind == "parquet" else str)


csv_cells = st.text(alphabet=st.sampled_from(list('ab,"\n\r;\t =+-@é\x00\\')), max_size=40)


@settings(max_examples=400, deadline=None)
@given(st.lists(csv_cells, min_size=1, max_size=8))
def test_checker_on_csv_like_text_answers_text_or_a_rejection(lines: list[str]):
    data = "\n".join(lines).encode()
    try:
        assert check_upload("fuzz.csv", data, "csv") == data.decode("utf-8-sig")
    except UploadRejected as error:
        assert error.message


def test_parser_refuses_an_integer_too_large_for_a_float():
    document = {"skills": [{"skill": "s", "domain": "law", "artifacts": [{"type": "t", "count": 10**400}]}]}
    with pytest.raises(ScenarioError):
        parse_scenario(document)


def test_parser_refuses_deep_nesting_in_text():
    with pytest.raises(ScenarioError):
        parse_scenario("[" * 100_000 + "]" * 100_000)
