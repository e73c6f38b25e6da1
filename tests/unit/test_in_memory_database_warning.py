"""An in-memory database dies with the process: one-shot commands say so on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdelta.cli import main
from newsdelta.settings import load_settings


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "sqlite+pysqlite://?timeout=5"])
def test_in_memory_urls_are_recognised(url: str) -> None:
    assert load_settings(env={"NEWSDELTA_DB": url}).database_in_memory


@pytest.mark.parametrize("url", ["sqlite:////tmp/x.sqlite", "x.sqlite", "postgresql://u@h/db"])
def test_file_and_server_databases_are_not_in_memory(url: str) -> None:
    assert not load_settings(env={"NEWSDELTA_DB": url}).database_in_memory


def test_a_one_shot_command_on_an_in_memory_database_warns() -> None:
    result = CliRunner().invoke(main, ["articles", "--json"], env={"NEWSDELTA_DB": "sqlite://"})
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "[]"  # JSON on stdout stays parseable
    assert "in-memory database" in result.stderr and "`newsdelta articles`" in result.stderr


def test_a_file_database_gives_no_warning(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["articles", "--json"], env={"NEWSDELTA_DB": f"{tmp_path}/x.sqlite"}
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_the_warning_names_the_whole_command() -> None:
    result = CliRunner().invoke(main, ["source", "list"], env={"NEWSDELTA_DB": "sqlite://"})
    assert result.exit_code == 0, result.output
    assert "`newsdelta source list`" in result.stderr
