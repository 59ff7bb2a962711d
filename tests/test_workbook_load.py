"""A workbook loaded by ``workbook.load`` is the one openpyxl's ``load_workbook`` gives."""

import gc
import shutil
import sys
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from roadmap_books import roadmap_book

from roadmap_tools import safeio
from roadmap_tools.actions.on_file import run_check, run_form, run_overdue
from roadmap_tools.errors import RoadmapError
from roadmap_tools.workbook import load

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

#: Inline strings as other writers write them, beside openpyxl's plain ``<is><t>``.
ODD_CELLS = [
    '<c r="A1" t="inlineStr"><is><t>простой &amp; &lt;текст&gt; &#10;</t></is></c>',
    '<c r="B1" t="inlineStr" s="1"><is><t xml:space="preserve">  пробелы  </t></is></c>',
    '<c r="C1" t="inlineStr"><is><t/></is></c>',
    '<c r="D1" t="inlineStr"><is></is></c>',
    '<c r="E1" t="inlineStr"></c>',
    '<c r="F1" t="inlineStr"><is><r><t>жир</t></r><r><rPr><b/></rPr><t>ный</t></r></is></c>',
    '<c r="G1" t="inlineStr"><is><t>основа</t><rPh sb="0" eb="1"><t>фонетика</t></rPh></is></c>',
    '<c r="H1" t="inlineStr"><is><t>первый</t><t>второй</t></is></c>',
    '<c r="I1" t="inlineStr"><f>"a"&amp;"b"</f><is><t>ab</t></is></c>',
    '<c t="inlineStr"><is><t>без адреса</t></is></c>',
    '<c r="K1" t="inlineStr"><is><t>в <x>t</x> вложено</t></is></c>',
    '<c r="L1" t="str"><f>1&amp;2</f><v>12</v></c>',
    '<c r="M1"><v>42</v></c>',
]


def _odd_book(path, declaration='<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', encoding="utf-8"):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    wb.active["A1"].font = openpyxl.styles.Font(bold=True)
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    sheet = f'{declaration}<worksheet xmlns="{MAIN}"><sheetData><row r="1">{"".join(ODD_CELLS)}</row></sheetData></worksheet>'
    parts["xl/worksheets/sheet1.xml"] = sheet.encode(encoding)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def _cells(wb):
    return {
        ws.title: {
            key: (
                cell.data_type,
                cell._value,
                tuple(cell._style or ()),
                getattr(cell, "comment", None) and cell.comment.text,
            )
            for key, cell in ws._cells.items()
        }
        for ws in wb.worksheets
    }


def _parts(path):
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist() if name != "docProps/core.xml"}


def _same_workbook(path, tmp_path, **options):
    theirs = openpyxl.load_workbook(path, **options)
    ours = load.load_checked_workbook(path, **options)
    assert _cells(ours) == _cells(theirs)
    # everything else openpyxl keeps, as it writes it back
    theirs.save(tmp_path / "theirs.xlsx")
    ours.save(tmp_path / "ours.xlsx")
    assert _parts(tmp_path / "ours.xlsx") == _parts(tmp_path / "theirs.xlsx")


@pytest.mark.parametrize("rich_text", [False, True])
@pytest.mark.parametrize("data_only", [False, True])
def test_inline_strings_of_every_shape_load_as_openpyxl_loads_them(tmp_path, rich_text, data_only):
    book = _odd_book(tmp_path / "odd.xlsx")
    _same_workbook(book, tmp_path, rich_text=rich_text, data_only=data_only)


@pytest.mark.parametrize(
    "declaration, encoding",
    [("", "utf-8"), ("\ufeff", "utf-8"), ('<?xml version="1.0" encoding="UTF-16"?>', "utf-16")],
)
def test_a_sheet_in_any_encoding_loads_as_openpyxl_loads_it(tmp_path, declaration, encoding):
    _same_workbook(_odd_book(tmp_path / "odd.xlsx", declaration, encoding), tmp_path)


def test_a_sheet_in_utf16_is_parsed_by_defusedxml(tmp_path, monkeypatch):
    # check_archive's search for a DTD reads bytes as ASCII: a UTF-16 sheet keeps openpyxl's parser
    book = _odd_book(tmp_path / "odd.xlsx", '<?xml version="1.0" encoding="UTF-16"?>', "utf-16")
    used = []
    monkeypatch.setattr(load.openpyxl_reader, "iterparse", lambda source: used.append(1) or iter(()))
    load.load_checked_workbook(book)
    assert used


@pytest.mark.parametrize("name", ["roadmap_penza_2022", "roadmap_sarov_2021_2022"])
def test_roadmap_books_after_the_three_jobs_load_the_same(name, tmp_path):
    book = roadmap_book(name, tmp_path)
    run_check(book, today=date(2022, 12, 31))
    run_overdue(book, as_of=date(2022, 6, 1))
    run_form(book, start=date(2022, 1, 1), end=date(2022, 3, 31))
    _same_workbook(book, tmp_path)


def test_the_demo_workbook_with_macros_loads_the_same(tmp_path):
    from roadmap_tools.demo import XLSM_NAME, run_demo

    run_demo(tmp_path / "demo")
    _same_workbook(tmp_path / "demo" / XLSM_NAME, tmp_path, keep_vba=True)


def test_a_dtd_is_still_refused_before_loading(tmp_path):
    book = _odd_book(tmp_path / "dtd.xlsx", '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaa">]>')
    with pytest.raises(RoadmapError):
        safeio.load_workbook(book)


def test_a_workbook_with_macros_is_collected_without_an_error(tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr(sys, "unraisablehook", errors.append)
    book = tmp_path / "Roadmap.xlsm"
    shutil.copy(Path(__file__).parent.parent / "workbook" / "Roadmap.xlsm", book)
    run_check(book, today=date(2022, 12, 31))
    run_overdue(book, as_of=date(2022, 6, 1))
    run_form(book, start=date(2022, 1, 1), end=date(2022, 3, 31))
    gc.collect()
    assert [str(e.exc_value) for e in errors] == []


def _spy(monkeypatch, module, name="iterparse"):
    used = []
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda source, *a: used.append(source.name) or real(source, *a))
    return used


def test_a_sheet_check_archive_searched_is_parsed_by_the_c_parser(tmp_path, monkeypatch):
    book = _odd_book(tmp_path / "odd.xlsx")
    fast, defused = _spy(monkeypatch, load.ElementTree), _spy(monkeypatch, load.openpyxl_reader)
    load.load_checked_workbook(book)
    assert fast == ["xl/worksheets/sheet1.xml"] and defused == []


def test_a_sheet_under_a_name_check_archive_does_not_search_is_parsed_by_defusedxml(tmp_path, monkeypatch):
    book = _odd_book(tmp_path / "odd.xlsx")
    with zipfile.ZipFile(book) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    parts["xl/worksheets/sheet1.bin"] = parts.pop("xl/worksheets/sheet1.xml")
    for name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
        parts[name] = parts[name].replace(b"worksheets/sheet1.xml", b"worksheets/sheet1.bin")
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    fast, defused = _spy(monkeypatch, load.ElementTree), _spy(monkeypatch, load.openpyxl_reader)
    wb = load.load_checked_workbook(book)
    assert fast == [] and defused == ["xl/worksheets/sheet1.bin"]
    assert _cells(wb) == _cells(openpyxl.load_workbook(book))
