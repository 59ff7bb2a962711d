"""The library's public calls are importable from the package itself, and each is the
very function the command and the button run."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

import roadmap_tools as rt
from roadmap_tools.actions import on_file


@pytest.mark.parametrize("name", sorted(rt.PUBLIC_API))
def test_every_public_name_is_importable_from_the_package(name):
    exec(f"from roadmap_tools import {name}", {})
    assert callable(getattr(rt, name))


def test_the_public_calls_are_the_functions_the_commands_run():
    assert rt.check is on_file.run_check and rt.overdue is on_file.run_overdue and rt.form is on_file.run_form


def test_parse_deadline_from_the_package_reads_a_russian_deadline():
    assert rt.parse_deadline("до 5 марта 2022", [2022]).end == date(2022, 3, 5)


def test_importing_the_package_loads_no_heavy_library():
    code = (
        "import sys, roadmap_tools; heavy = {'openpyxl', 'pandas', 'docx', 'lxml', 'pymorphy3'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError):
        rt.no_such_call  # noqa: B018
