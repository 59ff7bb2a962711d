"""Rows written as text give, byte for byte, the file openpyxl's own save writes."""

import zipfile
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.formula import ArrayFormula
from roadmap_books import roadmap_book

from roadmap_tools.actions.on_file import run_check, run_form, run_overdue
from roadmap_tools.sheetplan import xml_rows


def _parts(path):
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist() if name != "docProps/core.xml"}


def _same_file(make, tmp_path):
    """``make()`` twice: one saved by openpyxl, the other by ``xml_rows``; the parts compared."""
    make().save(tmp_path / "openpyxl.xlsx")
    xml_rows.save_workbook(make(), tmp_path / "rows.xlsx")
    ours, theirs = _parts(tmp_path / "rows.xlsx"), _parts(tmp_path / "openpyxl.xlsx")
    assert ours.keys() == theirs.keys()
    for name in theirs:
        assert ours[name] == theirs[name], name


TEXTS = [
    "Мероприятие «Неделя & <науки>»",
    "=не формула, а текст со знаком равенства",
    "  пробелы по краям  ",
    "строка\nвторая\tтаб\r\nвозврат",
    "кавычки \"двойные\" и 'одинарные'",
    "эмодзи 😀 и № ∑ ё",
    "",
    " ",
    "\u00a0неразрывный",
    "]]> и &amp; как текст",
]


def _every_kind():
    wb = Workbook()
    ws = wb.active
    ws.title = "Лист «1»"
    for r, text in enumerate(TEXTS, start=1):
        ws.cell(r, 1, text)
    values = [
        0,
        -7,
        2**60,
        3.5,
        1 / 3,
        1e-20,
        1e300,
        float("nan"),
        float("inf"),
        Decimal("1.25"),
        True,
        False,
        date(2022, 12, 31),
        datetime(2023, 1, 2, 13, 45, 1, 500),
        time(8, 30),
        timedelta(days=3, hours=2),
        "=SUM(B1:B3)",
        '=IF(A1="x";"<&>";"ё")',
        "#N/A",
    ]
    for r, value in enumerate(values, start=1):
        ws.cell(r, 2, value)
    ws["B30"] = "#DIV/0!"
    ws["B30"].data_type = "e"
    ws["C1"] = ArrayFormula("C1:C2", "=B1:B2*2")
    ws["C3"] = CellRichText(["обычный ", TextBlock(InlineFont(b=True), "жирный")])
    ws["C4"].fill = PatternFill("solid", fgColor="FFC7CE")  # style, no value
    ws["C5"] = "с примечанием"
    ws["C5"].comment = Comment("примечание & <ещё>", "автор")
    ws["C6"].comment = Comment("примечание пустой ячейки", "автор")
    ws["C7"] = "ссылка"
    ws["C7"].hyperlink = "https://example.org/?a=1&b=«2»"
    ws["C8"] = date(2024, 2, 29)
    ws["C8"].number_format = "DD.MM.YYYY"
    ws["C9"].font = Font(bold=True)
    ws["C9"].alignment = Alignment(wrap_text=True)
    ws["C9"] = "жирный перенос"
    ws.merge_cells("D1:E2")
    ws["D1"] = "объединённые"
    ws["E2"].fill = PatternFill("solid", fgColor="DDEBF7")  # a merged cell with a style
    ws["D5"] = "=текст, не формула"
    ws["D5"].data_type = "s"
    ws.row_dimensions[3].height = 30
    ws.row_dimensions[40].hidden = True  # a row with no cells
    ws.cell(12, 30, "дальний столбец AD")
    ws.cell(12, 800, "ещё дальше")
    wb.create_sheet("Пустой")
    second = wb.create_sheet("Второй")
    second.append(["a", 1, None, "b"])
    return wb


def test_every_kind_of_cell_is_written_as_openpyxl_writes_it(tmp_path):
    _same_file(_every_kind, tmp_path)


def test_iso_dates_go_to_openpyxl(tmp_path):
    def make():
        wb = _every_kind()
        wb.iso_dates = True
        return wb

    _same_file(make, tmp_path)


def test_a_datetime_with_a_timezone_is_refused_as_openpyxl_refuses_it(tmp_path):
    from datetime import timezone

    wb = Workbook()
    wb.active["A1"] = datetime(2022, 1, 1, tzinfo=timezone.utc)
    with pytest.raises(TypeError):
        xml_rows.save_workbook(wb, tmp_path / "tz.xlsx")


@pytest.mark.parametrize("name", ["roadmap_penza_2022", "roadmap_karpinsk_2022", "roadmap_sarov_2021_2022"])
def test_roadmap_books_after_the_three_jobs_are_saved_the_same(name, tmp_path):
    book = roadmap_book(name, tmp_path)
    run_check(book, today=date(2022, 12, 31))
    run_overdue(book, as_of=date(2022, 6, 1))
    run_form(book, start=date(2022, 1, 1), end=date(2022, 3, 31))
    _same_file(lambda: load_workbook(book), tmp_path)


def test_the_demo_books_are_saved_the_same(tmp_path):
    from roadmap_tools.demo import BOOK_NAME, XLSM_NAME, run_demo

    run_demo(tmp_path / "demo")
    _same_file(lambda: load_workbook(tmp_path / "demo" / BOOK_NAME), tmp_path)
    _same_file(lambda: load_workbook(tmp_path / "demo" / XLSM_NAME, keep_vba=True), tmp_path)


def test_texts_are_escaped_as_lxml_escapes_them():
    from lxml.etree import Element, tostring

    for text in TEXTS + ["<&>\r\"'\t\n", "💡"]:
        element = Element("t")
        element.text = text
        expected = tostring(element).decode("ascii")
        assert f"<t>{xml_rows.escape_text(text)}</t>".encode("ascii", "xmlcharrefreplace").decode() == expected


def test_a_sheet_written_into_memory_is_the_one_openpyxl_writes():
    import io

    from openpyxl.worksheet._writer import WorksheetWriter

    def sheet_xml(writer_class):
        ws = _every_kind().active
        writer = writer_class(ws, out=io.BytesIO())
        writer.write()
        return writer.read()

    assert sheet_xml(xml_rows.RowsWriter) == sheet_xml(WorksheetWriter)


def test_another_openpyxl_release_reads_and_writes_its_own_way(tmp_path, monkeypatch):
    """The faster save and load build on openpyxl 3.1's internals: with any other release
    openpyxl itself saves and loads, and the job still works."""
    import openpyxl

    from roadmap_tools.workbook import load as fast_load

    monkeypatch.setattr(openpyxl, "__version__", "3.2.0")
    assert not xml_rows.openpyxl_internals_known()
    saved = []
    monkeypatch.setattr(xml_rows, "BookWriter", lambda *a: saved.append("ours") or pytest.fail("our writer used"))
    monkeypatch.setattr(fast_load, "_Reader", lambda *a: pytest.fail("our reader used"))
    book = roadmap_book("roadmap_penza_2022", tmp_path)
    result = run_check(book, today=date(2022, 12, 31))
    assert saved == [] and result is not None
    assert "Проверка" in load_workbook(book).sheetnames
