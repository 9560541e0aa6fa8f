"""Docs are tested: every command has help and appears in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help(name: str):
    """'kg NAME --help' exits 0 and says something."""
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) > 3


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_in_the_readme(name: str):
    """The README's command table names every command."""
    assert f"`kg {name}" in README


def test_readme_gives_the_two_setup_commands():
    """The two commands a new user runs are in the README exactly."""
    assert "pip install . && kg build seeds/" in README
    assert "pip install '.[test]' && pytest" in README
