"""The values a command-line job reads from openpyxl's cells are what the earlier, slower reading gave."""

from datetime import date, datetime, time

import openpyxl
import pytest
from roadmap_books import roadmap_book

from roadmap_tools.actions import on_file
from roadmap_tools.actions.on_file import run_check, run_overdue
from roadmap_tools.workbook.book import plain_values


def _earlier(cells: dict) -> list:
    """The reading of a sheet without formulas as it was (two passes, then ``plain_values``)."""
    height = max((r for r, _ in cells), default=0)
    width = max((c for _, c in cells), default=0)
    rows = [[""] * width for _ in range(height)]
    for (r, c), cell in cells.items():
        value = cell._value
        if value is None:
            continue
        if isinstance(value, datetime) and value.hour == value.minute == value.second == value.microsecond == 0:
            value = value.date()
        rows[r - 1][c - 1] = value
    while rows and all(v == "" for v in rows[-1]):
        rows.pop()
    width = max(
        (len(row) - next((i for i, v in enumerate(reversed(row)) if v != ""), len(row)) for row in rows), default=0
    )
    return plain_values([row[:width] for row in rows])


def _sheet():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["B2"] = "текст"
    ws["C2"] = 3.0
    ws["D2"] = 3.5
    ws["E2"] = datetime(2022, 5, 1)
    ws["F2"] = datetime(2022, 5, 1, 10, 30)
    ws["G2"] = date(2022, 5, 2)
    ws["H2"] = time(9, 0)
    ws["I2"] = False
    ws["J2"] = 0
    ws["A4"] = ""
    ws["K5"] = ""  # an empty text beyond the last value: not a column
    ws["C7"].fill = openpyxl.styles.PatternFill("solid", fgColor="FFC7CE")  # styled, empty
    ws["A9"] = " "
    ws["Z30"].font = openpyxl.styles.Font(bold=True)
    return ws


def test_a_sheet_of_every_kind_of_value_reads_as_before():
    cells = _sheet()._cells
    assert on_file._cell_values(cells) == _earlier(cells)


@pytest.mark.parametrize("cells", [{}, {(3, 3): openpyxl.Workbook().active["C3"]}])
def test_an_empty_sheet_reads_as_no_rows(cells):
    assert on_file._cell_values(cells) == _earlier(cells) == []


def test_a_sheet_with_a_formula_is_left_to_the_second_reader():
    ws = _sheet()
    ws["A1"] = "=1+1"
    assert on_file._cell_values(ws._cells) is None


@pytest.mark.parametrize("name", ["roadmap_penza_2022", "roadmap_karpinsk_2022", "roadmap_sarov_2021_2022"])
def test_the_roadmap_books_read_as_before(name, tmp_path):
    book = roadmap_book(name, tmp_path)
    run_check(book, today=date(2022, 12, 31))
    run_overdue(book, as_of=date(2022, 6, 1))
    wb = openpyxl.load_workbook(book)
    for ws in wb.worksheets:
        if not any(cell.data_type == "f" for cell in ws._cells.values()):
            assert on_file._cell_values(ws._cells) == _earlier(ws._cells), ws.title
