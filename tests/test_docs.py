"""The docs keep up with the code: generated sections, commands, quick start, the README's length."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from datamoat.cli.docs import generated
from datamoat.cli.main import app
from pipelines.subjects import SUBJECTS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
README_MAX_LINES = 150


def test_generated_docs_are_current(bundled_warehouse):
    stale = [str(path.relative_to(ROOT)) for path, text in generated(bundled_warehouse).items()
             if path.read_text(encoding="utf-8") != text]
    assert stale == [], "run `datamoat docs` to refresh them"


def test_the_generated_sections_say_what_the_registries_hold(bundled_warehouse):
    texts = {path.name: text for path, text in generated(bundled_warehouse).items()}
    assert "### mart_domain_expert_rates" in texts["warehouse.md"] and "### occupation_wages" in texts["warehouse.md"]
    assert "`pools.*.expert_pool`" in texts["methodology.md"]
    assert "`mart_domain_expert_pools` by domain" in texts["methodology.md"]


@pytest.mark.parametrize("name", list(SUBJECTS))
def test_every_column_has_a_meaning(name):
    for column, field in SUBJECTS[name].row_model.model_fields.items():
        assert field.description, f"{name}.{column} has no description"


def test_every_command_is_in_the_readme():
    import typer.main

    command = typer.main.get_command(app)
    for name, sub in command.commands.items():
        names = [f"datamoat {name} {child}" for child in getattr(sub, "commands", {})] or [f"datamoat {name}"]
        for full in names:
            assert full in README, f"`{full}` is not documented in README.md"


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_second():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```bash\n(.+?)\n```", quick, re.S)
    assert len(commands) == 2
    assert "datamoat serve" in commands[0] and "pytest" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_readme_is_a_front_door():
    assert len(README.splitlines()) <= README_MAX_LINES
    for link in re.findall(r"\]\((docs/[^)#]+)\)", README):
        assert (ROOT / link).is_file(), f"README links to a missing {link}"
