"""roadmap_tools: дорожные карты муниципальных программ в Excel.

The library behind the ribbon's buttons and the ``roadmap-tools`` command line; each of
them is one call here::

    import roadmap_tools as rt

    roadmap = rt.import_roadmap("приказ.docx")            # Word, PDF, .doc or Excel -> Roadmap
    rt.parse_deadline("до 5 марта 2022", [2022]).end       # date(2022, 3, 5)
    rt.check("Roadmap.xlsx")                               # findings; the sheet «Проверка» written
    rt.overdue("Roadmap.xlsx", as_of=date(2022, 6, 30))    # deadline control on the sheet
    rt.form("Roadmap.xlsx", date(2022, 4, 1), date(2022, 6, 30))  # the monitoring form
    rt.letter("Roadmap.xlsx")                              # the cover letter (.docx)
    rt.email("Roadmap.xlsx")                               # the e-mail draft (.eml) with both
    rt.consolidate(["Отчёты/"])                            # the region's summary of many reports

The names load their modules on first use, so ``import roadmap_tools`` stays light for
the Excel door. The layout of the package is described in docs/development.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from roadmap_tools.errors import RoadmapError
from roadmap_tools.model import Activity, Deadline, Roadmap, Section, Source

if TYPE_CHECKING:  # what the lazy names below are, for type checkers and editors
    from roadmap_tools.actions.on_file import run_check as check
    from roadmap_tools.actions.on_file import run_form as form
    from roadmap_tools.actions.on_file import run_overdue as overdue
    from roadmap_tools.consolidation.consolidate import consolidate
    from roadmap_tools.deadlines import parse_deadline
    from roadmap_tools.reading.importer import import_roadmap
    from roadmap_tools.reports.email_draft import make_email as email
    from roadmap_tools.reports.letter import make_letter as letter
    from roadmap_tools.reports.word_export import write_roadmap_docx as export_word

#: Public name -> (module, function): the library call behind each button and command.
PUBLIC_API = {
    "import_roadmap": ("roadmap_tools.reading.importer", "import_roadmap"),
    "parse_deadline": ("roadmap_tools.deadlines", "parse_deadline"),
    "check": ("roadmap_tools.actions.on_file", "run_check"),
    "overdue": ("roadmap_tools.actions.on_file", "run_overdue"),
    "form": ("roadmap_tools.actions.on_file", "run_form"),
    "letter": ("roadmap_tools.reports.letter", "make_letter"),
    "email": ("roadmap_tools.reports.email_draft", "make_email"),
    "consolidate": ("roadmap_tools.consolidation.consolidate", "consolidate"),
    "export_word": ("roadmap_tools.reports.word_export", "write_roadmap_docx"),
}

__all__ = [
    "Activity",
    "Deadline",
    "Roadmap",
    "RoadmapError",
    "Section",
    "Source",
    "check",
    "consolidate",
    "email",
    "export_word",
    "form",
    "import_roadmap",
    "letter",
    "overdue",
    "parse_deadline",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in PUBLIC_API:
        module, function = PUBLIC_API[name]
        value = getattr(importlib.import_module(module), function)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'roadmap_tools' has no attribute {name!r}")
