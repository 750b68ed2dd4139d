"""The `datamoat` command: exit codes, plain progress lines off a terminal, the printed diff."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from datamoat.cli.main import app
from pipelines.subjects import SUBJECTS
from tests.conftest import FIXTURES, sha256

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_build_then_no_op_then_diff(tmp_path, sources_dir):
    target = tmp_path / "w.duckdb"
    first = invoke("build", "--warehouse", str(target), "--sources", str(sources_dir))
    assert first.exit_code == 0, first.output
    assert f"[1/{len(SUBJECTS)}] validate sources" in first.output  # plain lines when stdout is not a terminal
    assert "Built" in first.output
    second = invoke("build", "--warehouse", str(target), "--sources", str(sources_dir))
    assert second.exit_code == 0 and "Up to date" in second.output
    domains = sources_dir / "domains.csv"
    domains.write_text(domains.read_text() + "extra,Extra,An extra domain\n")
    third = invoke("build", "--warehouse", str(target), "--sources", str(sources_dir))
    assert "domains: +1 added, -0 removed, ~0 changed" in third.output


def test_invalid_data_exits_1_with_the_report(tmp_path, sources_dir, warehouse):
    shutil.copy(FIXTURES / "bad" / "negative_money" / "skill_datasets.csv", sources_dir)
    before = sha256(warehouse)
    result = invoke("build", "--warehouse", str(warehouse), "--sources", str(sources_dir))
    assert result.exit_code == 1
    assert "skill_datasets.csv:2: cost_usd: negative value" in result.output
    assert sha256(warehouse) == before


def test_usage_errors_exit_2(tmp_path):
    assert invoke("build", "--only", "not_a_subject").exit_code == 2
    assert invoke("build", "--no-such-flag").exit_code == 2


def test_environment_variable_chooses_the_warehouse(tmp_path, sources_dir):
    target = tmp_path / "from-env.duckdb"
    result = runner.invoke(app, ["build", "--sources", str(sources_dir)], env={"DATAMOAT_WAREHOUSE": str(target)})
    assert result.exit_code == 0 and target.exists()


def test_unwritable_folder_gives_a_message_not_a_traceback(tmp_path, sources_dir):
    not_a_folder = tmp_path / "plain-file"
    not_a_folder.write_text("a file where a folder should be")
    result = invoke("build", "--warehouse", str(not_a_folder / "w.duckdb"), "--sources", str(sources_dir))
    assert result.exit_code == 1
    assert "Cannot write the warehouse" in result.output and "Traceback" not in result.output
    assert not_a_folder.read_text() == "a file where a folder should be"


def test_console_script_is_installed():
    executable = Path(sys.executable).with_name("datamoat")
    completed = subprocess.run([str(executable), "--help"], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0 and "build" in completed.stdout


def test_schema_command_documents_every_table():
    result = invoke("schema")
    assert result.exit_code == 0
    from pipelines.subjects import SUBJECTS

    for name in SUBJECTS:
        assert f"### {name}" in result.output
