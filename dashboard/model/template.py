"""The one default scenario — the dashboard's first view, `datamoat scenario template` and `bench model` —
and the fill-in of a scenario's empty inputs.

Only the structure is chosen here, and it is an assumption, stated on the methodology page: three skills
in domains the debate names (medicine, law, mathematics), each needing the same mix of expert items —
1,000 supervised demonstrations (the size of LIMA's curated set), 3,000 preference comparisons and 300
reinforcement-learning tasks. Every numeric input is left empty, so the model fills it from the
warehouse's marts, else from a named assumption.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dashboard.model.evidence import Evidence
from dashboard.model.ranged import Ranged
from dashboard.model.resolve import resolve_inputs
from dashboard.model.scenario import SCHEMA_VERSION, Scenario, parse_scenario

DEFAULT_NAME = "three expert skills on an H100 post-training run"
DEFAULT_DOMAINS: tuple[str, ...] = ("medicine", "law", "mathematics")
DEFAULT_MIX: tuple[tuple[str, float], ...] = (
    ("sft_demonstration", 1000.0),
    ("preference_comparison", 3000.0),
    ("rl_task", 300.0),
)
DEFAULT_DRAWS = 2000
STRUCTURE_REASONING = ("Three skills in domains the debate names, each needing 1,000 supervised demonstrations "
                       "(the size of LIMA's curated set), 3,000 preference comparisons and 300 RL tasks: an "
                       "illustrative structure, not a measurement. Change it on the Skill cost builder.")


def has_default_structure(scenario: Scenario) -> bool:
    """Whether the scenario keeps the default skills and item counts (so `STRUCTURE_REASONING` speaks for it)."""
    from dashboard.model.ranged import base_of

    structure = [(s.domain, tuple((a.type, base_of(a.count)) for a in s.artifacts)) for s in scenario.skills]
    return structure == [(domain, DEFAULT_MIX) for domain in DEFAULT_DOMAINS]


def scenario_document(domains: Sequence[str] = DEFAULT_DOMAINS, mix: Sequence[tuple[str, float]] = DEFAULT_MIX,
                      name: str = DEFAULT_NAME, draws: int = DEFAULT_DRAWS) -> dict[str, Any]:
    """A scenario dict with one skill per domain, each needing the same artifact mix, every input empty."""
    artifacts = [{"type": kind, "count": count} for kind, count in mix]
    skills = [{"skill": f"{domain.replace('_', ' ')} expert skill", "domain": domain,
               "artifacts": [dict(a) for a in artifacts]} for domain in domains]
    return {"schema_version": SCHEMA_VERSION, "name": name, "skills": skills,
            "uncertainty": {"draws": draws, "seed": 0}}


def default_scenario() -> Scenario:
    """The default scenario every entry point starts from."""
    return parse_scenario(scenario_document())


def fill_scenario(scenario: Scenario, evidence: Evidence) -> Scenario:
    """A copy of `scenario` with every empty input replaced by its resolved value."""
    document = scenario.model_dump(mode="json")
    for path, item in resolve_inputs(scenario, evidence).inputs.items():
        parts = path.split(".")
        if parts[0] == "projection" and parts[1] in ("base_year",) or item.value is None:
            continue
        node = document
        for part in parts[:-1]:
            node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
        if node.get(parts[-1]) is None:
            node[parts[-1]] = item.value.model_dump() if isinstance(item.value, Ranged) else item.value
    return parse_scenario(document)
