"""Consolidation's sheets read from the parts the archive check kept (``reading/xlsx_parts``)
give exactly what python-calamine gives (values with their types, sheet names and order,
merged ranges), or fall back to calamine: over the test books, generated forms, books
written by openpyxl with every value type and number format, hand-made sheet XML at the
edges of calamine's reader, a LibreOffice-saved book and the hostile corpus."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Optional

import pytest
from malformed import CORPUS, Bases, rezip

from bench.formgen import generate_forms
from roadmap_tools.consolidation.report_reader import _kept_for_reading, read_report
from roadmap_tools.errors import RoadmapError
from roadmap_tools.reading.xlsx_parts import sheets_from_parts
from roadmap_tools.safeio import check_archive_parts

TESTS = Path(__file__).parent
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _calamine(path: Path) -> Optional[list]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        found = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            found.append((name, sheet.to_python(skip_empty_area=False), list(sheet.merged_cell_ranges or [])))
        return found
    except Exception:
        return None


def _typed(sheets: list) -> list:
    return [(name, [[(type(v), v) for v in row] for row in values], merged) for name, values, merged in sheets]


def compare(path: Path) -> str:
    """'fast' (equal to calamine), 'fallback', or 'refused' (the archive check refuses it)."""
    try:
        checked = check_archive_parts(path, None, _kept_for_reading)
    except RoadmapError:
        return "refused"
    fast = sheets_from_parts(checked.parts, checked.names, checked.members)
    slow = _calamine(path)
    if fast is None:
        return "fallback"
    assert slow is not None, f"{path.name}: calamine refuses the book, the parts gave values"
    assert _typed([(n, v, list(m)) for n, v, m, _ in fast]) == _typed(slow), path.name
    return "fast"


def test_test_books_and_fixtures(tmp_path):
    books = sorted(TESTS.rglob("*.xls[xm]"))
    bases = Bases(tmp_path / "bases")
    books += [bases.workbook, bases.big_roadmap()]
    outcomes = {path.name: compare(path) for path in books}
    assert outcomes[bases.workbook.name] == "fast", outcomes  # our own roadmap book, with dates


def test_generated_forms(tmp_path):
    generate_forms(tmp_path, 60, seed=3, docx_every=1000)
    outcomes = [compare(path) for path in sorted(tmp_path.glob("*.xlsx"))]
    assert outcomes and set(outcomes) == {"fast"}


def _openpyxl_book(path: Path, number_formats: dict, rich: bool = True, odd_texts: bool = True) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    book = Workbook()
    sheet = book.active
    sheet.title = "Значения"
    values = [
        "текст",
        "  с пробелами  ",
        "строка\nвторая",
        "a\r\nb",
        "_x000D_ экранировано",
        "",
        0,
        -17,
        2**53 + 1,
        3.25,
        1e-7,
        1.5e300,
        True,
        False,
        "=1+2",
        '="строка"',
        "=1/0",
        "=NA()",
        "#REF!",
    ]
    if not odd_texts:  # without a carriage return and an _xHHHH_ escape (left to calamine)
        values = [v for v in values if not (isinstance(v, str) and ("\r" in v or "_x" in v))]
    for row, value in enumerate(values, start=3):
        sheet.cell(row, 2, value)
    if rich:
        sheet.cell(2, 4, CellRichText([TextBlock(InlineFont(b=True), "жирный "), "и обычный"]))
    for row, (fmt, value) in enumerate(number_formats.items(), start=3):
        cell = sheet.cell(row, 5, value)
        cell.number_format = fmt
    sheet.merge_cells("G3:H4")
    sheet.merge_cells("J9:J12")
    hidden = book.create_sheet("Скрытый")
    hidden.sheet_state = "hidden"
    hidden["C5"] = "не с начала"
    book.create_sheet("Пустой")
    book.save(path)


_NOT_DATES = {"0.00": 1.5, "#,##0": 1234567, '#,##0 "руб."': 12, "0%": 0.25, "@": 7, "General": 2.5}
_DATES = {
    "DD.MM.YYYY": date(2024, 3, 1),
    "yyyy-mm-dd h:mm": datetime(2024, 3, 1, 12, 30),
    "h:mm": time(8, 15),
    "[h]:mm": timedelta(hours=30),
    "mmm": date(2024, 5, 1),
    "0.00E+00": 12345.678,
}


def test_openpyxl_books_every_value_type(tmp_path):
    plain, dates, texts = tmp_path / "plain.xlsx", tmp_path / "dates.xlsx", tmp_path / "texts.xlsx"
    _openpyxl_book(plain, _NOT_DATES)
    _openpyxl_book(dates, {**_NOT_DATES, **_DATES})
    _openpyxl_book(texts, {}, rich=False)
    assert compare(texts) in ("fast", "fallback")
    assert compare(plain) in ("fast", "fallback")
    assert compare(dates) in ("fast", "fallback")
    numbers = tmp_path / "numbers.xlsx"
    _openpyxl_book(numbers, _NOT_DATES, odd_texts=False)
    assert compare(numbers) == "fast"
    with_dates = tmp_path / "with_dates.xlsx"
    _openpyxl_book(with_dates, {**_NOT_DATES, **_DATES}, odd_texts=False)
    assert compare(with_dates) == "fast"


# Serial numbers at the edges of python-calamine's conversion: Excel's 1900 leap day (59, 60,
# 61), times under 1 and below 0, halves of a millisecond, years past 9999, huge durations.
_SERIALS = [
    "0",
    "0.5",
    "-0.25",
    "-3",
    "1",
    "59",
    "59.5",
    "60",
    "61",
    "45000",
    "45000.000005787037",
    "45000.99999999",
    "0.0000000057870370",
    "2958465",
    "2958466",
    "2958465.9999999",
    "1e20",
    "-1e6",
    "-700000",
    "1.5e-300",
    "44197.5",
]


@pytest.mark.parametrize("fmt", ["14", "22", "46", "47", "164", "165", "166", "167"])
def test_date_serials_as_calamine_converts_them(tmp_path, fmt):
    form = _form(tmp_path)
    styles = (
        f'<styleSheet xmlns="{_MAIN}"><numFmts count="4"><numFmt numFmtId="164" formatCode="DD.MM.YYYY"/>'
        '<numFmt numFmtId="165" formatCode="[h]:mm:ss"/><numFmt numFmtId="166" formatCode="#,##0*y"/>'
        '<numFmt numFmtId="167" formatCode="0.00E+00;[Red]-0.00"/></numFmts>'
        f'<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="{fmt}"/></cellXfs></styleSheet>'
    ).encode()
    outcomes = []
    for number, serial in enumerate(_SERIALS):
        sheet = _sheet_xml(f'<row r="2"><c r="B2" s="1"><v>{serial}</v></c><c r="C2"><v>{serial}</v></c></row>')
        book = tmp_path / f"serial-{number}.xlsx"
        rezip(form, book, {"xl/worksheets/sheet1.xml": sheet, "xl/styles.xml": styles})
        outcomes.append(compare(book))
    if fmt == "166":  # a fill «*»: read differently by calamine before 0.36, left to it
        assert set(outcomes) == {"fallback"}
    else:  # only the years before 1 (dates) or the durations past Python's timedelta fall back
        assert outcomes.count("fast") >= len(_SERIALS) - 2, outcomes


def test_plain_openpyxl_book_is_read_from_the_parts(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in range(1, 30):
        sheet.append([f"строка {row}", row, row / 7, row % 2 == 0, None, "  пробелы  "])
    sheet.merge_cells("A30:C31")
    book.create_sheet("Второй & «итог» <1>")["B2"] = "x"
    book.save(tmp_path / "plain.xlsx")
    assert compare(tmp_path / "plain.xlsx") == "fast"


def _form(tmp_path: Path) -> Path:
    generate_forms(tmp_path / "forms", 1, seed=5, docx_every=1000)
    return next((tmp_path / "forms").glob("*.xlsx"))


def _sheet_xml(cells: str, styles: str = "", extra: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<dimension ref="A1:D9"/><sheetData>{cells}</sheetData>{extra}</worksheet>'
    ).encode("utf-8")


_EDGE_SHEETS = {
    "crlf": '<row r="1"><c r="A1" t="inlineStr"><is><t>a\r\nb</t></is></c></row>',
    "crlf preserved": '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> a&#13;\nb </t></is></c></row>',
    "blanks trimmed": '<row r="1"><c r="A1" t="inlineStr"><is><t>\t a b \n</t></is></c></row>',
    "nbsp kept": '<row r="1"><c r="A1" t="inlineStr"><is><t>\u00a0a\u00a0</t></is></c></row>',
    "empty inline": '<row r="1"><c r="A1" t="inlineStr"><is></is></c><c r="C3" t="inlineStr"><is><t/></is></c></row>',
    "empty cells only": '<row r="1"><c r="A1" s="0"/><c r="D4"></c></row>',
    "trailing empty": '<row r="2"><c r="B2" t="inlineStr"><is><t>x</t></is></c><c r="F9"/></row>',
    "rich runs": '<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>жир </t></r><r><t xml:space="preserve"> ок</t></r></is></c></row>',
    "phonetic": '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t><rPh sb="0" eb="1"><t>b</t></rPh></is></c></row>',
    "x escape": '<row r="1"><c r="A1" t="inlineStr"><is><t>a_x000D_b</t></is></c></row>',
    "numbers": '<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="n"><v>-2.5E3</v></c><c r="C1"><v></v></c><c r="D1" t="n"><v>.5</v></c></row>',
    "reference in v": '<row r="1"><c r="A1"><v>1&#50;</v></c></row>',
    "reference in v with attribute": '<row r="1"><c r="A1" t="str"><v a="1">x&amp;y</v></c></row>',
    "cdata in v": '<row r="1"><c r="A1"><v><![CDATA[12]]></v></c><c r="B1" t="str"><v><![CDATA[x]]></v></c></row>',
    "huge style": '<row r="1"><c r="A1" s="99999999999999999999999"><v>45000</v></c></row>',
    "bools": '<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="b"><v>true</v></c></row>',
    "formula string": '<row r="1"><c r="A1" t="str"><f>A2</f><v> x </v></c><c r="B1" t="str"><f>A3</f><v></v></c></row>',
    "formula without value": '<row r="1"><c r="A1"><f>1+1</f></c><c r="B1" t="inlineStr"><is><t>x</t></is></c></row>',
    "value then formula": '<row r="1"><c r="A1"><v>3</v><f>1+2</f></c><c r="B1"><v>4</v></c></row>',
    "error": '<row r="1"><c r="A1" t="e"><v>#DIV/0!</v></c></row>',
    "unknown error": '<row r="1"><c r="A1" t="e"><v>#SPILL!</v></c><c r="B1" t="e"><v></v></c></row>',
    "iso date": '<row r="1"><c r="A1" t="d"><v>2024-03-01T00:00:00</v></c></row>',
    "v in inline": '<row r="1"><c r="A1" t="inlineStr"><v>7</v></c></row>',
    "lower case ref": '<row r="1"><c r="b2" t="inlineStr"><is><t>x</t></is></c></row>',
    "no ref": '<row r="1"><c t="inlineStr"><is><t>x</t></is></c></row>',
    "out of order": '<row r="1"><c r="B1" t="inlineStr"><is><t>x</t></is></c><c r="A1" t="inlineStr"><is><t>y</t></is></c></row>',
    "repeated": '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="A1" t="inlineStr"><is><t>y</t></is></c></row>',
    "bad ref": '<row r="1"><c r="1A" t="inlineStr"><is><t>x</t></is></c></row>',
    "comment": '<row r="1"><c r="A1" t="inlineStr"><is><t>a<!-- c -->b</t></is></c></row>',
    "cdata": '<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<a> & b]]></t></is></c></row>',
    "unknown type": '<row r="1"><c r="A1" t="zz"><v>1</v></c></row>',
    "style out of range": '<row r="1"><c r="A1" s="999"><v>45000</v></c></row>',
    "date style": '<row r="1"><c r="A1" s="1"><v>45000</v></c></row>',
    "row without r": '<row><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>',
}
_EDGE_EXTRA = {
    "merges": '<mergeCells count="3"><mergeCell ref="A1:B2"/><mergeCell ref="C3"/><mergeCell/></mergeCells>',
    "bad merge": '<mergeCells count="1"><mergeCell ref="A1:"/></mergeCells>',
    "reversed merge": '<mergeCells count="1"><mergeCell ref="B2:A1"/></mergeCells>',
}
_STYLES = (
    f'<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="DD.MM.YYYY"/></numFmts>'
    '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>'
)


@pytest.mark.parametrize("case", sorted(_EDGE_SHEETS) + sorted(_EDGE_EXTRA))
def test_edges_of_calamines_reader(tmp_path, case):
    form = _form(tmp_path)
    cells = _EDGE_SHEETS.get(case, '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>')
    sheet = _sheet_xml(cells, extra=_EDGE_EXTRA.get(case, ""))
    book = tmp_path / f"{case}.xlsx"
    rezip(form, book, {"xl/worksheets/sheet1.xml": sheet, "xl/styles.xml": _STYLES.encode()})
    assert compare(book) in ("fast", "fallback")


def test_shared_strings_and_odd_parts(tmp_path):
    form = _form(tmp_path)
    cells = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>5</v></c><c r="C2" t="s"><v></v></c></row>'
    )
    sheet = _sheet_xml(cells)
    sst = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" uniqueCount="3">'
    strings = sst + '<si><t>общая строка</t></si><si><t xml:space="preserve">  пробелы  </t></si><si><t/></si></sst>'
    plain = tmp_path / "shared.xlsx"
    rezip(form, plain, {"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": strings.encode()})
    assert compare(plain) == "fast"
    variants = {
        "rich": strings.replace("<si><t>общая", "<si><r><rPr><b/></rPr><t>общая").replace(
            "строка</t>", "строка</t></r>"
        ),
        "empty si": strings.replace("<si><t/></si>", "<si/>"),
        "phonetic": strings.replace("строка</t>", "строка</t><rPh sb='0' eb='1'><t>x</t></rPh>"),
        "missing": None,
        "utf16": strings.replace("UTF-8", "UTF-16").encode("utf-16"),
        "index out of range": sst + "<si><t>x</t></si></sst>",
        "not sst": f'<sst2 xmlns="{_MAIN}"/>',
    }
    for name, data in variants.items():
        odd = tmp_path / f"{name}.xlsx"
        data = data.encode() if isinstance(data, str) else data
        rezip(form, odd, {"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": data})
        assert compare(odd) in ("fast", "fallback"), name
    renamed = tmp_path / "renamed.xlsx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(renamed, "w") as zout:
        for info in zin.infolist():
            name = "xl/SharedStrings.xml" if info.filename == "xl/sharedStrings.xml" else info.filename
            zout.writestr(name, zin.read(info.filename))
    assert compare(renamed) == "fallback"
    twice = tmp_path / "twice.xlsx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(twice, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        with pytest.warns(UserWarning):
            zout.writestr("xl/sharedStrings.xml", (sst + "<si><t>другая</t></si></sst>").encode())
    assert compare(twice) in ("fallback", "refused")


@pytest.mark.slow
@pytest.mark.libreoffice
def test_libreoffice_saved_books(tmp_path, soffice):
    from conftest import convert_with_libreoffice

    plain = tmp_path / "plain.xlsx"
    _openpyxl_book(plain, _NOT_DATES)
    for source in (plain, _form(tmp_path)):
        saved = convert_with_libreoffice(soffice, source, "xlsx", tmp_path / f"lo-{source.stem}")
        assert compare(saved) in ("fast", "fallback")


@pytest.mark.slow
def test_hostile_corpus(tmp_path):
    bases = Bases(tmp_path / "bases")
    seen = 0
    for number, case in enumerate(CORPUS):
        if not case.file.lower().endswith((".xlsx", ".xlsm")):
            continue
        path = tmp_path / f"{number}-{case.file}"
        try:
            case.make(path, bases)
        except Exception:
            continue
        if path.is_file():
            compare(path)
            seen += 1
    assert seen > 10


def test_consolidation_reads_forms_alike(tmp_path, monkeypatch):
    """read_report gives the same report with the parts as with calamine alone."""
    from roadmap_tools.reading import xlsx_parts

    generate_forms(tmp_path, 12, seed=11, docx_every=1000)
    forms = sorted(tmp_path.glob("*.xlsx")) + [Bases(tmp_path / "bases").workbook]  # and a roadmap, with dates
    fast = [read_report(p, date(2025, 1, 15)) for p in forms]
    monkeypatch.setattr(xlsx_parts, "_sheets", lambda parts, names: None)
    slow = [read_report(p, date(2025, 1, 15)) for p in forms]
    assert fast == slow


_LINK = '<hyperlink xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ref="B{row}" r:id="rId1"/>'
_HYPERLINK_VARIANTS = {
    "none": lambda xml: re.sub(r"<hyperlinks>.*?</hyperlinks>", "", xml),
    "two lists": lambda xml: xml.replace(
        "</hyperlinks>", "</hyperlinks><hyperlinks>" + _LINK.format(row=9) + "</hyperlinks>"
    ),
    "one more link": lambda xml: xml.replace("</hyperlinks>", _LINK.format(row=10) + "</hyperlinks>"),
    "link outside": lambda xml: xml.replace(
        "</worksheet>", "<extLst>" + _LINK.format(row=11) + "</extLst></worksheet>"
    ),
    "empty list": lambda xml: re.sub(r"<hyperlinks>.*?</hyperlinks>", "<hyperlinks/>", xml),
}


@pytest.mark.parametrize("variant", sorted(_HYPERLINK_VARIANTS))
def test_hyperlinks_from_the_parsed_sheet_as_from_its_text(tmp_path, monkeypatch, variant):
    from roadmap_tools.reading import xlsx_parts

    generate_forms(tmp_path / "forms", 8, seed=13, docx_every=1000)
    books = []
    for form in sorted((tmp_path / "forms").glob("*.xlsx")):
        with zipfile.ZipFile(form) as zf:
            xml = zf.read("xl/worksheets/sheet1.xml").decode()
        if "<hyperlinks>" not in xml:
            continue
        book = tmp_path / form.name
        rezip(form, book, {"xl/worksheets/sheet1.xml": _HYPERLINK_VARIANTS[variant](xml).encode()})
        books.append(book)
    assert books
    fast = [read_report(p, date(2025, 1, 15)) for p in books]
    monkeypatch.setattr(xlsx_parts, "_sheets", lambda parts, names: None)
    slow = [read_report(p, date(2025, 1, 15)) for p in books]
    assert fast == slow
