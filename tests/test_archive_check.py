"""The archive check decompresses a small member at once, a large one as a stream: both ways
admit and refuse the same files with the same words and count a sheet's rows and cells alike;
the members a reader asks to keep are the bytes that were checked."""

from __future__ import annotations

import zipfile

import malformed
import pytest
from malformed import CORPUS, Bases

from roadmap_tools import safeio
from roadmap_tools.errors import RoadmapError

ARCHIVES = [item for item in CORPUS if item.file.endswith((".xlsx", ".docx"))]


@pytest.fixture(scope="module")
def bases(tmp_path_factory):
    return Bases(tmp_path_factory.mktemp("bases"))


def _outcome(path) -> str:
    try:
        safeio.check_archive_parts(path, keep=lambda name: name.endswith(".xml"))
    except RoadmapError as exc:
        return f"refused: {exc.message} | {exc.hint} | {exc.sheet}"
    return "admitted"


def _counts(path) -> list:
    with zipfile.ZipFile(path) as zf:
        return [(name, (s.cells, s.max_row, s.max_col, s.dtd)) for name, s in safeio._scan_members(path, zf.infolist())]


@pytest.mark.parametrize("item", ARCHIVES, ids=lambda item: item.kind)
def test_at_once_and_as_a_stream_say_the_same(item, bases, tmp_path, monkeypatch):
    path = tmp_path / item.file
    item.make(path, bases)
    at_once = _outcome(path)
    monkeypatch.setattr(safeio, "_WHOLE_MEMBER_BYTES", -1)  # every member as a stream
    assert _outcome(path) == at_once
    if item.refused:
        assert item.refused in at_once


def test_sheet_counts_are_the_same_both_ways(bases, tmp_path, monkeypatch):
    paths = [bases.workbook, bases.big_roadmap(), malformed.ROADMAP_DOCX, malformed.REPORT_DOCX]
    at_once = [_counts(path) for path in paths]
    monkeypatch.setattr(safeio, "_WHOLE_MEMBER_BYTES", -1)
    assert [_counts(path) for path in paths] == at_once
    sheet = dict(at_once[1])["xl/worksheets/sheet1.xml"]
    assert sheet[0] > 10_000  # the big roadmap's sheet is counted, not skipped


def test_kept_members_are_the_checked_bytes(bases):
    checked = safeio.check_archive_parts(bases.workbook, keep=lambda name: name.startswith("xl/worksheets/"))
    with zipfile.ZipFile(bases.workbook) as zf:
        expected = {name: zf.read(name) for name in zf.namelist() if name.startswith("xl/worksheets/")}
    assert checked.parts == expected
    assert checked.path == safeio.check_archive(bases.workbook)
