"""The README keeps up with the code: schema section, commands, quick start."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from datamoat.cli.main import app
from pipelines.schema_doc import readme_with_schema
from pipelines.subjects import SUBJECTS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_schema_section_matches_the_code():
    assert readme_with_schema(README) == README, "run `python -m pipelines.schema_doc` to refresh the README"


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
