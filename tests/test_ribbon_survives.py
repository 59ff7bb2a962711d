"""The ribbon of Roadmap.xlsm survives every command that updates the workbook in place."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

WORKBOOK = Path(__file__).parent.parent / "workbook" / "Roadmap.xlsm"
RIBBON_REL = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"


def ribbon_state(path: Path) -> tuple:
    with zipfile.ZipFile(path) as zf:
        rels = zf.read("_rels/.rels").decode("utf-8")
        names = zf.namelist()
        ribbon = zf.read("customUI/customUI14.xml") if "customUI/customUI14.xml" in names else None
        vba = zf.read("xl/vbaProject.bin") if "xl/vbaProject.bin" in names else None
    return RIBBON_REL in rels and 'Target="customUI/customUI14.xml"' in rels, ribbon, vba


@pytest.mark.parametrize(
    "args",
    [
        ["check", "{book}"],
        ["overdue", "{book}", "--as-of", "2022-06-30"],
        ["form", "{book}", "--from", "2022-04-01", "--to", "2022-06-30"],
        ["import", str(FIXTURES / "roadmap_sarov_2021_2022.docx"), "-o", "{book}"],
    ],
    ids=["check", "overdue", "form", "import"],
)
def test_ribbon_and_macros_survive_a_command_on_the_xlsm(tmp_path, args):
    book = tmp_path / "Roadmap.xlsm"
    shutil.copy(WORKBOOK, book)
    before = ribbon_state(book)
    assert before[0] and before[1] and before[2]
    result = run_cli(*[a.format(book=book) for a in args])
    assert result.code in (0, 1), result.err
    assert ribbon_state(book) == before
    with zipfile.ZipFile(book) as zf:  # the relationship is there once, not twice
        assert len(re.findall("customUI14.xml", zf.read("_rels/.rels").decode())) == 1


def test_running_a_command_twice_keeps_one_ribbon_relationship(tmp_path):
    book = tmp_path / "Roadmap.xlsm"
    shutil.copy(WORKBOOK, book)
    for _ in range(2):
        run_cli("overdue", book, "--as-of", "2022-06-30")
    with zipfile.ZipFile(book) as zf:
        assert zf.read("_rels/.rels").decode().count("ui/extensibility") == 1
