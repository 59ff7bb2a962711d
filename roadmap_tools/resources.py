"""Where the files the library reads live: templates, the workbook's sources, the examples.

In a clone (and an editable install) they are the repository's top-level folders
``templates/``, ``workbook/`` and ``examples/``; an installed wheel carries the
templates as ``roadmap_tools/templates`` (see setup.cfg).
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
REPOSITORY = PACKAGE.parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


TEMPLATES = _first_existing(REPOSITORY / "templates", PACKAGE / "templates")
EXAMPLES = REPOSITORY / "examples"
WORKBOOK = REPOSITORY / "workbook"
