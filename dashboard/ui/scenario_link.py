"""The scenario in a shareable link, and what differs from the default scenario. Pure: no Streamlit.

A link carries the whole view as the current scenario's difference from the default scenario:
  - every input the reader set, under its short key from the input registry (`c.flop=1e+24`,
    `s0.rate=120`, `s1.a0.hrs=0.5~1~2` for a range, `p.law.pool=250000`, `c.gpu=H100-SXM`);
  - when the scenario's structure differs (other skills or artifacts, an imported, opened or calibrated
    scenario), its skeleton — the document with every input emptied — compressed in `doc`;
  - the evidence filter in `ev`.
Reading a link checks every parameter against the registry (its name, its bounds, the scenario's rules);
anything unknown, out of bounds or invalid is ignored with a notice naming it, and never reaches the model.
"""

from __future__ import annotations

import base64
import binascii
import copy
import json
import math
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from dashboard.model import scenario as model
from dashboard.model.evidence import DEFAULT_FILTER
from dashboard.model.inputs import CHOICES_BY_PATH, INPUTS, InputSpec, pattern_of, spec_for
from dashboard.model.scenario import ScenarioError, parse_scenario
from dashboard.model.template import scenario_document
from pipelines.marts import EVIDENCE_FILTERS

DOC_PARAM, FILTER_PARAM = "doc", "ev"
SECTION_KEYS = {"compute": "c", "scaling": "sc", "distillation": "d", "long_tail": "lt", "projection": "pr",
                "sample_efficiency": "se"}
MAX_DOC_CHARS = 20_000
MAX_DOC_BYTES = 200_000
RANGE_SEPARATOR = "~"
Document = dict[str, Any]


def normalised(document: Mapping[str, Any]) -> Document:
    """The document as the model reads it: every field present, defaults filled in (it must be valid)."""
    return parse_scenario(dict(document)).model_dump(mode="json")


def default_document() -> Document:
    return normalised(scenario_document())


_MODELS = {"skills.*.artifacts.*": model.Artifact, "skills.*": model.Skill, "pools.*": model.Pool,
           "compute": model.Compute, "scaling": model.Scaling, "distillation": model.Distillation,
           "long_tail": model.LongTail, "projection": model.Projection, "sample_efficiency": model.SampleEfficiency}


def field_default(path: str) -> Any:
    """The value an input or choice has when a document does not set it (None for most: 'from the warehouse')."""
    owner, _, name = pattern_of(path).rpartition(".")
    fields = (_MODELS[owner] if owner else model.Scenario).model_fields
    return fields[name].default


# ---------------------------------------------------------------- walking a document's inputs

def input_paths(document: Mapping[str, Any]) -> Iterator[str]:
    """Every input and choice path the document can hold (skills, artifacts and pools by position/domain)."""
    yield "vendor_margin"
    skills = document.get("skills") or []
    for i, skill in enumerate(skills):
        for spec in INPUTS.values():
            if spec.path.startswith("skills.*.") and "artifacts" not in spec.path:
                yield f"skills.{i}.{spec.field}"
        for j, _ in enumerate(skill.get("artifacts") or []):
            for spec in INPUTS.values():
                if spec.path.startswith("skills.*.artifacts.*.") and spec.field != "count":
                    yield f"skills.{i}.artifacts.{j}.{spec.field}"
    for domain in dict.fromkeys(skill.get("domain") for skill in skills):
        for spec in INPUTS.values():
            if spec.path.startswith("pools.*."):
                yield f"pools.{domain}.{spec.field}"
    for spec in INPUTS.values():
        if spec.section in SECTION_KEYS:
            yield spec.path
    yield from CHOICES_BY_PATH


def get_leaf(document: Mapping[str, Any], path: str) -> Any:
    node: Any = document
    for part in path.split("."):
        if isinstance(node, list):
            index = int(part)
            node = node[index] if index < len(node) else None
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


def set_leaf(document: Document, path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    node: Any = document
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
    node[leaf] = value


def skeleton(document: Mapping[str, Any]) -> Document:
    """The (normalised) document with every input and choice at its unset default: its structure only."""
    copied = normalised(document)
    for path in list(input_paths(copied)):
        set_leaf(copied, path, field_default(path))
    copied["pools"] = {}
    return copied


def set_inputs(document: Mapping[str, Any]) -> dict[str, Any]:
    """Every input and choice the (normalised) document sets to something other than its unset default."""
    return {path: value for path in input_paths(document)
            if (value := get_leaf(document, path)) != field_default(path)}


# ---------------------------------------------------------------- keys and values

def url_key(path: str) -> str:
    """`skills.0.usd_per_hour` → `s0.rate`; `skills.1.artifacts.0.hours_each` → `s1.a0.hrs`;
    `pools.law.expert_pool` → `p.law.pool`; `compute.training_flop` → `c.flop`; `vendor_margin` → `margin`."""
    parts = path.split(".")
    key = CHOICES_BY_PATH[path].url_key if path in CHOICES_BY_PATH else spec_for(path).url_key
    if parts[0] == "skills":
        return f"s{parts[1]}.a{parts[3]}.{key}" if len(parts) == 5 else f"s{parts[1]}.{key}"
    if parts[0] == "pools":
        return f"p.{parts[1]}.{key}"
    return key if len(parts) == 1 else f"{SECTION_KEYS[parts[0]]}.{key}"


def path_of_key(key: str, document: Mapping[str, Any]) -> str | None:
    """The input path a link key names within `document`, or None when it names nothing there."""
    for path in input_paths(document):
        if url_key(path) == key:
            return path
    return None


def reader_bounds(spec: InputSpec) -> tuple[float, float] | None:
    """The values a reader may set through a link: the slider's ends where it has one."""
    if spec.slider is None:
        return None
    low, high = spec.slider.low, spec.slider.high
    return (10 ** low, 10 ** high) if spec.slider.log else (low, high)


def encode_value(value: Any) -> str:
    """A URL-safe text of a number (10 significant digits), a range `low~base~high`, or a name."""
    if isinstance(value, dict):
        return RANGE_SEPARATOR.join(format(float(value[k]), ".10g") for k in ("low", "base", "high"))
    return value if isinstance(value, str) else format(float(value), ".10g")


class BadValue(ValueError):
    """A link value the registry refuses; the message says why."""


def _number(text: str, spec: InputSpec) -> float:
    try:
        number = float(text)
    except ValueError:
        raise BadValue(f"not a number ({text[:40]!r})") from None
    if not math.isfinite(number) or not spec.interval.contains(number):
        raise BadValue(f"{spec.label} {spec.interval.describe()} (got {text[:40]})")
    bounds = reader_bounds(spec)
    if bounds and not bounds[0] <= number <= bounds[1]:
        raise BadValue(f"{spec.label} must lie between {bounds[0]:g} and {bounds[1]:g} (got {text[:40]})")
    return number


def decode_value(path: str, text: str) -> Any:
    """A link value for `path`, checked against the registry; BadValue says what is wrong."""
    if path in CHOICES_BY_PATH:
        if not text or len(text) > 200:
            raise BadValue("a name of 1–200 characters")
        return text
    spec = spec_for(path)
    if RANGE_SEPARATOR in text:
        ends = [_number(part, spec) for part in text.split(RANGE_SEPARATOR)]
        if len(ends) != 3 or not ends[0] <= ends[1] <= ends[2]:
            raise BadValue(f"a range low~base~high with low ≤ base ≤ high (got {text[:60]})")
        return dict(zip(("low", "base", "high"), ends, strict=True))
    return _number(text, spec)


def encode_document(document: Mapping[str, Any]) -> str:
    raw = json.dumps(document, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


def decode_document(text: str) -> Document:
    """A skeleton from a `doc` parameter; BadValue when it is not one."""
    if len(text) > MAX_DOC_CHARS:
        raise BadValue(f"longer than {MAX_DOC_CHARS:,} characters")
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_DOC_BYTES)
        if inflater.unconsumed_tail:
            raise BadValue(f"expands beyond {MAX_DOC_BYTES:,} bytes")
        document = json.loads(raw)
    except (binascii.Error, zlib.error, ValueError, RecursionError) as error:
        if isinstance(error, BadValue):
            raise
        raise BadValue("not a scenario written by datamoat") from None
    if not isinstance(document, dict):
        raise BadValue("not a scenario written by datamoat")
    try:
        return normalised(document)
    except ScenarioError as error:
        raise BadValue(f"not a valid scenario ({error.problems[0]})") from None


# ---------------------------------------------------------------- the link

@dataclass
class LinkState:
    """What a link says: the scenario document, the evidence filter, and every parameter ignored (why)."""

    document: Document
    evidence_filter: str = DEFAULT_FILTER
    notices: list[str] = field(default_factory=list)


def link_params(document: Mapping[str, Any], evidence_filter: str = DEFAULT_FILTER) -> dict[str, str]:
    """The query parameters that reopen `document` under `evidence_filter` ({} for the defaults)."""
    params = {}
    document = normalised(document)
    shape = skeleton(document)
    if shape != skeleton(default_document()):
        params[DOC_PARAM] = encode_document(shape)
    for path, value in set_inputs(document).items():
        params[url_key(path)] = encode_value(value)
    if evidence_filter != DEFAULT_FILTER:
        params[FILTER_PARAM] = evidence_filter
    return params


def read_link(params: Mapping[str, str]) -> LinkState:
    """The scenario and filter a link describes; every parameter that cannot apply is listed, not applied."""
    notices = []
    document = default_document()
    if DOC_PARAM in params:
        try:
            document = decode_document(params[DOC_PARAM])
        except BadValue as error:
            notices.append(f"ignored `{DOC_PARAM}`: {error}")
    evidence_filter = params.get(FILTER_PARAM, DEFAULT_FILTER)
    if evidence_filter not in EVIDENCE_FILTERS:
        notices.append(f"ignored `{FILTER_PARAM}={evidence_filter[:40]}`: expected one of {', '.join(EVIDENCE_FILTERS)}")
        evidence_filter = DEFAULT_FILTER
    for key, text in params.items():
        if key in (DOC_PARAM, FILTER_PARAM):
            continue
        path = path_of_key(key, document)
        if path is None:
            notices.append(f"ignored unknown parameter `{key[:40]}`")
            continue
        try:
            value = decode_value(path, text)
        except BadValue as error:
            notices.append(f"ignored `{key}`: {error}")
            continue
        trial = copy.deepcopy(document)
        set_leaf(trial, path, value)
        try:
            document = normalised(trial)
        except ScenarioError as error:
            notices.append(f"ignored `{key}`: {error.problems[0]}")
    return LinkState(document, evidence_filter, notices)


# ---------------------------------------------------------------- how the view differs from the defaults

@dataclass(frozen=True)
class Difference:
    """One way the current scenario differs from the default scenario."""

    path: str
    label: str
    value: str


def label_of(path: str, document: Mapping[str, Any]) -> str:
    """A reader's name for an input path: the registry label and what it is for."""
    spec_label = CHOICES_BY_PATH[path].label if path in CHOICES_BY_PATH else spec_for(path).label
    parts = path.split(".")
    if parts[0] == "skills":
        skill = get_leaf(document, f"skills.{parts[1]}.skill") or f"skill {int(parts[1]) + 1}"
        if len(parts) == 5:
            kind = str(get_leaf(document, f"skills.{parts[1]}.artifacts.{parts[3]}.type") or "").replace("_", " ")
            return f"{spec_label} — {skill}, {kind}"
        return f"{spec_label} — {skill}"
    if parts[0] == "pools":
        return f"{spec_label} — {parts[1].replace('_', ' ')} pool"
    return spec_label


def differences(document: Mapping[str, Any]) -> list[Difference]:
    """Every way `document` differs from the default scenario: its structure, then each input it sets."""
    found = []
    document = normalised(document)
    shape, default = skeleton(document), skeleton(default_document())
    if shape != default:
        skills = "; ".join(f"{s.get('skill')} ({s.get('domain')}: "
                           + ", ".join(f"{a.get('count'):,.0f} {a.get('type', '').replace('_', ' ')}"
                                       for a in s.get("artifacts", []) if isinstance(a.get("count"), int | float))
                           + ")" for s in shape.get("skills", []))
        found.append(Difference("skills", "Skills and items", skills or "changed"))
        for key in sorted(set(shape) | set(default)):
            if key != "skills" and shape.get(key) != default.get(key):
                found.append(Difference(key, key.replace("_", " ").capitalize(), json.dumps(shape.get(key))[:120]))
    for path, value in set_inputs(document).items():
        found.append(Difference(path, label_of(path, document), encode_value(value).replace(RANGE_SEPARATOR, " / ")))
    return found
