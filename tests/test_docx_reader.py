"""A Word document's body read with lxml alone equals python-docx's reading of it: on the real
roadmaps and report, on generated forms, on odd cells (merges, breaks, hyperlinks, content
controls); a package python-docx refuses is still refused in python-docx's words."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES

from roadmap_tools import safeio
from roadmap_tools.errors import RoadmapError
from roadmap_tools.reading import docx_tables
from roadmap_tools.reading.docx_tables import read_docx, read_docx_with_python_docx

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REPORT = FIXTURES / "report_kuznetsk_2023.docx"


def rezip(src: Path, dst: Path, replace: dict) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = replace.get(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)
        for name, data in replace.items():
            if name not in zin.namelist() and data is not None:
                zout.writestr(name, data)
    return dst


def without_python_docx(monkeypatch) -> None:
    """The reading must not need python-docx: opening through it fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("python-docx was used")

    monkeypatch.setattr(safeio, "open_docx", refuse)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.docx")), ids=lambda p: p.name)
def test_every_fixture_reads_as_python_docx_reads_it(path, monkeypatch):
    expected = read_docx_with_python_docx(path)
    without_python_docx(monkeypatch)
    assert read_docx(path) == expected


def test_generated_forms_read_as_python_docx_reads_them(tmp_path, monkeypatch):
    from bench.formgen import generate_forms

    generate_forms(tmp_path, 4, seed=7, docx_every=1)
    forms = sorted(tmp_path.rglob("*.docx"))
    assert len(forms) == 4
    expected = [read_docx_with_python_docx(path) for path in forms]
    without_python_docx(monkeypatch)
    assert [read_docx(path) for path in forms] == expected


ODD_BODY = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body>
<w:p><w:r><w:t>Отчёт</w:t><w:tab/><w:t xml:space="preserve"> за </w:t><w:br/><w:t>I</w:t><w:noBreakHyphen/>
<w:t>квартал</w:t><w:br w:type="page"/><w:cr/><w:ptab/></w:r><w:ins><w:r><w:t>вставка</w:t></w:r></w:ins></w:p>
<w:sdt><w:sdtContent><w:p><w:r><w:t>в элементе управления</w:t></w:r></w:p></w:sdtContent></w:sdt>
<w:tbl>
<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>
<w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Раздел</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:hyperlink r:id="rIdLink"><w:r><w:t>Приказ</w:t></w:r></w:hyperlink></w:p><w:p><w:r><w:t>вторая строка</w:t></w:r></w:p></w:tc>
</w:tr>
<w:tr>
<w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p/></w:tc>
<w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>вложенная</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>не жирный</w:t></w:r><w:hyperlink r:id="rIdStyles"><w:r><w:t>стили</w:t></w:r></w:hyperlink></w:p></w:tc>
</w:tr>
</w:tbl>
<w:p><w:r><w:t>После таблицы</w:t></w:r></w:p>
<w:sectPr/></w:body></w:document>""".encode()


def odd_document(tmp_path: Path) -> Path:
    with zipfile.ZipFile(REPORT) as zf:
        rels = zf.read("word/_rels/document.xml.rels").decode()
    link = (
        '<Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'hyperlink" Target="https://uo.example.ru/prikaz.pdf" TargetMode="External"/>'
    )
    style = (
        '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'styles" Target="styles.xml"/>'
    )
    rels = rels.replace("</Relationships>", link + style + "</Relationships>")
    return rezip(
        REPORT, tmp_path / "odd.docx", {"word/document.xml": ODD_BODY, "word/_rels/document.xml.rels": rels.encode()}
    )


def test_odd_cells_read_as_python_docx_reads_them(tmp_path, monkeypatch):
    path = odd_document(tmp_path)
    expected = read_docx_with_python_docx(path)
    assert expected.tables[0][0].links == ((3, "https://uo.example.ru/prikaz.pdf"),)  # the case is exercised
    without_python_docx(monkeypatch)
    assert read_docx(path) == expected


def _outcome(read, path: Path) -> str:
    try:
        return repr(read(path))
    except RoadmapError as exc:
        return f"{exc.message} | {exc.hint}"


@pytest.mark.parametrize(
    "replace",
    [
        pytest.param({"word/styles.xml": None}, id="a part the relationships name is missing"),
        pytest.param(
            {
                "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                b'package/2006/content-types"><Default Extension="xml" ContentType="text/plain"/>'
                b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                b"</Types>"
            },
            id="the main part is not a Word document",
        ),
        pytest.param({"word/document.xml": None}, id="no body part"),
        pytest.param({"word/document.xml": ODD_BODY[:-40]}, id="body cut off"),
        pytest.param(
            {"word/document.xml": ODD_BODY.replace(b'<w:gridSpan w:val="2"/><w:vMerge/>', b"<w:gridSpan/>")},
            id="a span without its value",
        ),
    ],
)
def test_a_package_python_docx_refuses_is_refused_in_its_words(tmp_path, replace):
    path = rezip(odd_document(tmp_path), tmp_path / "broken.docx", replace)
    expected = _outcome(read_docx_with_python_docx, path)
    assert _outcome(read_docx, path) == expected


def test_the_fast_path_is_left_for_python_docx_when_the_package_is_not_plain(tmp_path, monkeypatch):
    path = rezip(REPORT, tmp_path / "no styles.docx", {"word/styles.xml": None})
    assert docx_tables._plain_word_document(path, {}) is None
