"""vbaProject.bin built without Excel: source-only, every module intact through olevba."""

import io
from pathlib import Path

import olefile
import pytest
from oletools.olevba import VBA_Parser

from roadmap_tools.xlsm import ovba
from roadmap_tools.xlsm import vba_project as vp
from roadmap_tools.xlsm.build import VBA_FILES, WORKBOOK_SOURCES, vba_modules

VBA_DIR = WORKBOOK_SOURCES / "vba"


@pytest.fixture(scope="module")
def modules():
    return [vp.document_module("ThisWorkbook", workbook=True), vp.document_module("shRoadmap")] + vba_modules()


@pytest.fixture(scope="module")
def project(modules):
    return vp.build_project(modules)


def _olevba_sources(data: bytes) -> dict:
    parser = VBA_Parser("vbaProject.bin", data=data)
    return {Path(name).stem: code for _, _, name, code in parser.extract_macros()}


def test_every_module_reads_back_intact_through_olevba(modules, project):
    sources = _olevba_sources(project)
    assert set(sources) == {m.name for m in modules}
    for module in modules:
        assert sources[module.name] == module.source, module.name


def test_project_is_source_only_so_excel_compiles_on_open(project):
    ole = olefile.OleFileIO(io.BytesIO(project))
    assert ole.openstream("VBA/_VBA_PROJECT").read() == vp.SOURCE_ONLY_VBA_PROJECT
    _, _, records, _ = vp.read_dir(ovba.decompress(ole.openstream("VBA/dir").read()))
    assert records and all(r["offset"] == 0 for r in records)


def test_references_of_the_xlwings_template_are_kept(project):
    # Office («IRibbonControl») and MSForms, as in quickstart_standalone.xlsm
    ole = olefile.OleFileIO(io.BytesIO(project))
    dir_stream = ovba.decompress(ole.openstream("VBA/dir").read())
    assert b"{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}" in dir_stream  # Microsoft Office Object Library
    assert vp.read_template().reference_records in dir_stream


def test_project_stream_lists_each_module_by_kind(project):
    text = olefile.OleFileIO(io.BytesIO(project)).openstream("PROJECT").read().decode("cp1252")
    assert "Document=ThisWorkbook/&H00000000" in text and "Document=shRoadmap/&H00000000" in text
    assert "Module=xlwings" in text and "Module=RoadmapRibbon" in text and "Class=Dictionary" in text
    assert text.startswith('ID="{') and "[Host Extender Info]" in text and "[Workspace]" in text


def test_project_wm_stream_names_every_module(modules, project):
    wm = olefile.OleFileIO(io.BytesIO(project)).openstream("PROJECTwm").read()
    expected = b"".join(m.name.encode() + b"\0" + m.name.encode("utf-16-le") + b"\0\0" for m in modules) + b"\0\0"
    assert wm == expected


def test_read_project_tells_documents_classes_and_modules_apart(project):
    kinds = {name: m.kind for name, m in vp.read_project(project).modules.items()}
    assert kinds == {
        "ThisWorkbook": "document",
        "shRoadmap": "document",
        "xlwings": "standard",
        "Dictionary": "class",
        "RoadmapRibbon": "standard",
    }


@pytest.mark.parametrize("filename", [f for _, _, f in VBA_FILES])
def test_vba_sources_are_ascii_with_crlf_and_name_their_module(filename):
    raw = (VBA_DIR / filename).read_bytes()
    raw.decode("ascii")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    name = filename.rsplit(".", 1)[0]
    assert raw.startswith(f'Attribute VB_Name = "{name}"'.encode())
    assert max(len(line) for line in raw.split(b"\r\n")) <= 1023  # VBA's line length limit


def test_xlwings_modules_are_the_ones_xlwings_ships_unchanged():
    template = vp.read_template()
    for name, _, filename in VBA_FILES:
        if name in template.modules:
            shipped = template.modules[name].source.replace("\r\n", "\n")
            assert (VBA_DIR / filename).read_bytes().decode("ascii").replace("\r\n", "\n") == shipped


def test_exported_class_header_is_dropped():
    text = 'VERSION 1.0 CLASS\nBEGIN\n  MultiUse = -1\nEND\nAttribute VB_Name = "C"\nPublic X As Long'
    assert vp.source_from_file(text) == 'Attribute VB_Name = "C"\r\nPublic X As Long\r\n'


@pytest.mark.parametrize("name", ["", "1abc", "Has space", "Кириллица", "x" * 32])
def test_bad_module_names_are_refused(name):
    with pytest.raises(ValueError):
        vp.Module(name, "standard", "")


def test_duplicate_module_names_are_refused():
    with pytest.raises(ValueError):
        vp.build_project([vp.document_module("A"), vp.document_module("a")])


def test_non_ascii_source_cannot_be_stored_silently():
    with pytest.raises(UnicodeEncodeError):
        vp.build_project([vp.Module("M", "standard", 'Attribute VB_Name = "M"\r\n\' Дорожная карта\r\n')])


def test_xlwings_module_matches_the_installed_xlwings_version():
    # the standalone module loads xlwings64-<version>.dll of the Python package: versions must agree
    import xlwings

    source = (VBA_DIR / "xlwings.bas").read_text(encoding="ascii")
    assert f"'Version: {xlwings.__version__}" in source
    assert f'"xlwings64-{xlwings.__version__}.dll"' in source
