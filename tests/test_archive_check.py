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


def _counted_tag_by_tag(body: bytes) -> tuple:
    """The count as it was written first: one tag at a time, every place followed."""
    import re

    row = col = cells = max_row = max_col = 0
    for match in re.finditer(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^<>]*)", body):
        attrs = match.group(2)
        if match.group(1) == b"row":
            ref = re.search(rb'\sr="(\d+)"', attrs)
            row, col = (int(ref.group(1)) if ref else row + 1), 0
        else:
            ref = re.search(rb'\sr="([A-Za-z]{1,3})(\d+)"', attrs)
            if ref:
                col = safeio._column_number(ref.group(1))
                row = max(row, int(ref.group(2)))
            else:
                col += 1
            cells += 1
            max_col, max_row = max(max_col, col), max(max_row, row)
    return cells, max_row, max_col


SHEETS = [
    b'<sheetData><row r="1"><c r="A1"/><c r="D1"><v>1</v></c></row><row r="7"><c r="b7"/></row></sheetData>',
    b"<sheetData><row><c/><c/><c/></row><row><c/></row><row/><row><c><v>2</v></c></row></sheetData>",
    b'<x:sheetData><x:row r="3"><x:c r="ZZ3"/><x:c/></x:row><x:row><x:c r="AAA9"/></x:row></x:sheetData>',
    b'<row r="60000"><c r="A1"/></row><row r="2" spans="1:3"><c s="1" r="XFD2"/><c t="s"/></row>',
    b'<cols><col min="1" max="3"/></cols><row\nr="5"><c\nr="C5"/></row><rowBreaks/><row r="A9"><c r="9"/></row>',
]


@pytest.mark.parametrize("body", SHEETS)
def test_a_small_sheet_is_counted_as_tag_by_tag(body):
    scanner = safeio._PartScanner("xl/worksheets/sheet1.xml")
    scanner.feed(body, final=True)
    assert (scanner.cells, scanner.max_row, scanner.max_col) == _counted_tag_by_tag(body)


WORD_BODIES = [
    b'<w:tbl><w:tr><w:tc><w:tcPr><w:tcW w:w="5"/></w:tcPr></w:tc><w:tc/></w:tr></w:tbl>',
    b"<w:tc><tc/><a:tc>x<tc\n></ab.c-d:tc><1:tc><:tc><w:tcPr><tc",
    b'<x y="tc "><w:tbl><w:tc a="<"><a:b:tc/>tc><_:tc/>',
]


@pytest.mark.parametrize("body", WORD_BODIES + [malformed.REPORT_DOCX, malformed.ROADMAP_DOCX])
def test_word_cells_are_counted_as_the_pattern_finds_them(body):
    import re

    if not isinstance(body, bytes):
        with zipfile.ZipFile(body) as zf:
            body = b"".join(zf.read(n) for n in zf.namelist() if n.startswith("word/") and n.endswith(".xml"))
    expected = len(re.findall(rb"<(?:[A-Za-z_][\w.-]*:)?tc(?=[\s/>])", body))
    assert safeio._PartScanner("word/document.xml")._count_word_cells(body) == expected


def test_a_document_with_more_table_cells_than_allowed_is_still_refused(monkeypatch):
    # the report's body has a few hundred cells: with the limit below them it must be refused,
    # counted in full although the part is small
    monkeypatch.setattr(safeio, "MAX_DOCUMENT_CELLS", 50)
    with pytest.raises(RoadmapError, match="слишком много ячеек таблиц"):
        safeio.check_archive(malformed.REPORT_DOCX)
    monkeypatch.setattr(safeio, "MAX_DOCUMENT_CELLS", 500_000)
    assert safeio.check_archive(malformed.REPORT_DOCX) == malformed.REPORT_DOCX


ODD_PLACES = [
    b'<row r="5"><c r="5"/><c r="B5" r="C5"/><c  r="d5"/><c\tr="ABCD5"/><c s="1" r="E6"/></row>',
    b'<row r="A3"><c/></row><row spans="1:2" r="9"><c r="XFD9"/></row><row r="x r="7"><c r="x r="A2"/></row>',
    b'<row r=""><c r=""/></row><row/><c r="AA100"/><x:row r="4"><x:c r="B4"/></x:row><c/>',
]


@pytest.mark.parametrize("body", ODD_PLACES)
def test_odd_places_are_counted_as_tag_by_tag(body):
    scanner = safeio._PartScanner("xl/worksheets/sheet1.xml")
    scanner.feed(body, final=True)
    assert (scanner.cells, scanner.max_row, scanner.max_col) == _counted_tag_by_tag(body)


def test_one_stat_answers_as_path_exists_does(tmp_path):
    import os

    (tmp_path / "file.xlsx").write_bytes(b"x")
    (tmp_path / "folder").mkdir()
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    names = ["file.xlsx", "folder", "missing.xlsx", "file.xlsx/inside.xlsx", "loop", "a\0b.xlsx"]
    for name in names:
        path = tmp_path / name
        assert (safeio.stat_if_exists(path) is not None) == path.exists(), name
