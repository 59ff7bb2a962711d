"""Every command is documented: its --help is Russian, has an example and the README names it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from roadmap_tools.cli import command_modules

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(command_modules())


def test_there_are_commands_to_document():
    assert {
        "import",
        "deadlines",
        "check",
        "overdue",
        "form",
        "letter",
        "email",
        "consolidate",
        "build-workbook",
        "demo",
    } <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_russian_help_with_an_example(name):
    result = run_cli(name, "--help")
    assert result.code == 0
    assert "использование:" in result.out
    assert "Пример" in result.out, f"в справке «{name}» нет примера"
    assert f"roadmap-tools {name}" in result.out


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name):
    assert f"roadmap-tools {name}" in README, f"README не упоминает команду «{name}»"


def test_unknown_command_is_refused_in_russian_with_exit_code_2():
    result = run_cli("no-such-command")
    assert result.code == 2
    assert "недопустимое значение" in result.err or "ошибка" in result.err
