"""docs/commands.md is the commands' own --help: regenerated, it does not change."""

from __future__ import annotations

import runpy
from pathlib import Path

DOCS = Path(__file__).parent.parent / "docs"


def test_command_reference_is_current_with_every_commands_help():
    make = runpy.run_path(str(DOCS / "make_reference.py"))
    assert (DOCS / "commands.md").read_text(encoding="utf-8") == make["reference"](), (
        "docs/commands.md устарел: python docs/make_reference.py"
    )


def test_command_reference_documents_every_command():
    from roadmap_tools.cli import command_modules

    text = (DOCS / "commands.md").read_text(encoding="utf-8")
    assert all(f"## {name}\n" in text for name in command_modules())
