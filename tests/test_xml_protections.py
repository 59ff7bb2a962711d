"""XML from strangers: no entity expansion, no external entity read, by our check and by each library.

``safeio.check_archive`` refuses any DTD before a reader sees the file; the tests
below also open the hostile files with each library directly, so the second line of
defence (defusedxml in openpyxl, python-docx's parser, calamine) is pinned down too.
"""

from __future__ import annotations

from pathlib import Path

import malformed
import pytest
from malformed import SECRET, Bases

from roadmap_tools import safeio
from roadmap_tools.errors import RoadmapError

HOSTILE = [
    ("смех.xlsx", malformed.billion_laughs_xlsx),
    ("xxe.xlsx", malformed.external_entity_xlsx),
    ("смех.docx", malformed.billion_laughs_docx),
    ("xxe.docx", malformed.external_entity_docx),
    ("xxe типы.xlsx", malformed.external_entity_in_content_types),
]


@pytest.fixture(scope="module")
def bases(tmp_path_factory) -> Bases:
    return Bases(tmp_path_factory.mktemp("xml-bases"))


def _make(tmp_path: Path, bases: Bases, name: str, make) -> Path:
    path = tmp_path / name
    make(path, bases)
    return path


def test_openpyxl_parses_with_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_python_docx_parser_does_not_resolve_entities():
    from docx.oxml.parser import oxml_parser
    from lxml import etree

    probe = b'<!DOCTYPE x [<!ENTITY e "EXPANDED">]><x>&e;</x>'
    assert b"EXPANDED" not in etree.tostring(etree.fromstring(probe, oxml_parser))


@pytest.mark.parametrize("name, make", HOSTILE, ids=[n for n, _ in HOSTILE])
def test_check_archive_refuses_dtds_before_any_reader(tmp_path, bases, name, make):
    path = _make(tmp_path, bases, name, make)
    with pytest.raises(RoadmapError, match="недопустимую XML-конструкцию") as caught:
        safeio.check_archive(path)
    assert name in str(caught.value)


@pytest.mark.parametrize("name, make", HOSTILE[:2], ids=[n for n, _ in HOSTILE[:2]])
def test_openpyxl_refuses_entities_and_reading_says_so(tmp_path, bases, name, make):
    import openpyxl

    path = _make(tmp_path, bases, name, make)
    with pytest.raises(RoadmapError, match="недопустимую XML-конструкцию"):
        with safeio.reading(path):
            openpyxl.load_workbook(path)


@pytest.mark.parametrize("name, make", HOSTILE[:2], ids=[n for n, _ in HOSTILE[:2]])
def test_calamine_does_not_expand_entities(tmp_path, bases, name, make):
    from python_calamine import CalamineWorkbook

    path = _make(tmp_path, bases, name, make)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        values = workbook.get_sheet_by_name(workbook.sheet_names[0]).to_python()
    except Exception as exc:  # refusing the entity is fine; the message must say what it is
        assert "недопустимую XML-конструкцию" in safeio.describe_read_error(exc)
        return
    text = repr(values)
    assert SECRET not in text and "lollollol" not in text


def test_python_docx_does_not_read_an_external_entity(tmp_path, bases):
    import docx

    path = _make(tmp_path, bases, "xxe.docx", malformed.external_entity_docx)
    document = docx.Document(str(path))
    texts = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert texts and SECRET not in " ".join(texts)


def test_python_docx_stops_the_billion_laughs(tmp_path, bases):
    import docx

    path = _make(tmp_path, bases, "смех.docx", malformed.billion_laughs_docx)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # libxml2: «Maximum entity amplification factor exceeded»
        assert "недопустимую XML-конструкцию" in safeio.describe_read_error(exc)
        return
    texts = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert len(texts) < 10_000


@pytest.mark.parametrize("name, make", HOSTILE, ids=[n for n, _ in HOSTILE])
def test_the_secret_never_reaches_any_output(cli, tmp_path, bases, name, make):
    path = _make(tmp_path, bases, name, make)
    out = tmp_path / "out"
    for args in (["import", path, "--json"], ["import", path, "-o", out / "Книга.xlsx"]):
        result = cli(*args)
        assert result.code == 1 and SECRET not in result.out + result.err
    assert not out.exists()
