"""The remote engine's values read and written in one pass give exactly what xlwings'
``range.value`` reads and writes (its per-cell converters), on real workbooks and on
every kind of value a sheet or a plan holds."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import xlwings
from excel_harness import book_json_from_xlsx, enable_remote_engine

from roadmap_tools.sheetplan import xlwings_remote
from roadmap_tools.sheetplan.operations import parse_address, range_address
from roadmap_tools.sheetplan.xlwings_applier import excel_rows


@pytest.fixture(autouse=True)
def remote_engine(monkeypatch):
    enable_remote_engine(monkeypatch)


def slow_rows(rng) -> list:
    """What the Excel door read before: xlwings' converters, then int for a whole number."""
    values = rng.options(ndim=2).value
    return [[int(v) if v.__class__ is float and v.is_integer() else v for v in row] for row in values]


def same_types(a, b) -> bool:
    return [[type(v) for v in row] for row in a] == [[type(v) for v in row] for row in b]


#: Cells as an Office.js client sends them: texts, numbers, booleans, dates, errors, empties.
CLIENT_CELLS = [
    ["", "текст", "  с пробелами ", "=СУММ(A1:A2)", "'апостроф", "Т", "T12:00"],
    [0, 5, -3, 2.0, 2.5, -0.0, 1e20],
    [True, False, "TRUE", "1.10", "01.09", "2022", "-5"],
    ["2022-05-31T00:00:00.000Z", "2022-05-31T13:45:10.000Z", "2022-05-31T00:00:00Z", "1999-12-31T23:59:59.5Z", "", ""],
    ["2022-05-31T24:00:00.000Z", "2022-13-01T00:00:00.000Z", "2022-05-31", "2022-05-31 00:00:00", "", "", ""],
    ["#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"],
    ["#DATA!", "#SPILL!", "#", "# 5", "-", "0", ""],
]


def client_book(cells, notes=()):
    values = [list(row) for row in cells]
    sheet = {
        "name": "Лист",
        "values": values,
        "used_range_address": "$A$1:" + range_address(len(values), len(values[0]), 1, 1) if values[0] else None,
        "visibility": "Visible",
        "pictures": [],
        "shapes": [],
        "charts": [],
        "pivot_tables": [],
        "tables": [],
        "notes": [{"address": address} for address in notes],
        "print_area": None,
        "show_gridlines": True,
    }
    book = {"name": "Книга.xlsx", "active_sheet_index": 0, "selection": "A1"}
    return xlwings.Book(
        json={"client": "Office.js", "version": xlwings.__version__, "book": book, "names": [], "sheets": [sheet]}
    )


@pytest.mark.parametrize(
    "address",
    ["A1:G7", "A1", "B2:D5", "A4:G4", "F1:H9", "A1:J12", "J20:K21"],  # inside, one cell, past the used range
)
def test_reading_gives_what_xlwings_converters_give(address):
    sheet = client_book(CLIENT_CELLS).sheets[0]
    rng = sheet.range(address)
    fast, slow = xlwings_remote.read_rows(rng), slow_rows(rng)
    assert fast == slow
    assert same_types(fast, slow)


@pytest.mark.parametrize(
    "text", ["2022-02-30T00:00:00.000Z", "2022-05-31T00:00:00", "12022-01-01T00:00:00.000Z", "-2022-01-01T00:00:00Z"]
)
def test_a_text_xlwings_fails_to_read_as_a_date_fails_the_same(text):
    sheet = client_book([[text]]).sheets[0]
    with pytest.raises(ValueError):
        slow_rows(sheet.range("A1"))
    with pytest.raises(ValueError):
        xlwings_remote.read_rows(sheet.range("A1"))


def test_reading_every_sheet_of_a_real_roadmap_gives_what_xlwings_gives(sample_workbook):
    book = xlwings.Book(json=book_json_from_xlsx(sample_workbook))
    for sheet in book.sheets:
        last = sheet.used_range.last_cell
        rng = sheet.range(range_address(1, 1, last.row, last.column))
        fast, slow = xlwings_remote.read_rows(rng), slow_rows(rng)
        assert fast == slow, sheet.name
        assert same_types(fast, slow), sheet.name


def test_an_empty_sheet_reads_as_xlwings_reads_it():
    rng = client_book([[]]).sheets[0].range("A1")
    assert xlwings_remote.read_rows(rng) == slow_rows(rng) == [[None]]


def test_the_datetime_pattern_is_xlwings_own():
    from xlwings.pro import _xlremote

    assert xlwings_remote._DATETIME.pattern == _xlremote.datetime_pattern


# --- writing ---------------------------------------------------------------------
#: Plan values of every kind the appliers take (``excel_rows`` turns them into Excel values).
PLAN_ROWS = [
    ["текст", "", None, "=СУММ(A1:A2)", "2022", "01.09"],
    [0, 5, -3, 2.0, 2.5, True],
    [False, date(2022, 5, 31), datetime(2022, 5, 31), datetime(2022, 5, 31, 13, 45, 10, 123456), 1e20, -0.0],
    ["'уже с апострофом", " ", "\t", "Просрочено", 32, None],
    [None, None, None, None, None, None],
]


def actions_of(write) -> list:
    book = client_book(CLIENT_CELLS)
    write(book.sheets[0])
    return book.json()["actions"]


@pytest.mark.parametrize(
    "rows, cell",
    [
        (PLAN_ROWS, "A1"),
        (PLAN_ROWS, "C40"),
        ([["один"]], "B2"),
        ([[None]], "B2"),
        ([[date(2022, 1, 1)], [None], [7]], "AA100"),
        ([["строка", 1, None, date(2023, 2, 1)]] * 30_000, "A2"),  # 120,000 cells: written in slices
        ([["узко"]] * 100_001, "O2"),
        ([["x"] * 7] * 14_286, "A1"),  # 100,002 cells: just over the budget
        ([["x"] * 4] * 25_000, "A1"),  # exactly the budget: one action
    ],
)
def test_writing_sends_the_client_what_xlwings_sends(rows, cell):
    values = excel_rows(rows)
    row, col = parse_address(cell)
    slow = actions_of(lambda sheet: setattr(sheet.range(cell), "value", values))
    fast = actions_of(lambda sheet: xlwings_remote.write_rows(sheet, row, col, values))
    assert fast == slow


@pytest.mark.parametrize("odd", [float("nan"), object(), b"bytes", 3 + 4j])
def test_a_value_the_fast_path_does_not_know_is_left_to_xlwings(odd):
    book = client_book(CLIENT_CELLS)
    assert xlwings_remote.write_rows(book.sheets[0], 1, 1, [["текст", odd]]) is False
    assert book.json()["actions"] == []


# --- notes -----------------------------------------------------------------------
def notes_after(actions, before: dict) -> dict:
    notes = dict(before)
    for action in actions:
        if action["func"] in ("addNote", "setNoteText"):
            address, text = action["args"]
            notes[address.replace("$", "")] = text
        elif action["func"] == "deleteNote":
            del notes[action["args"][0].replace("$", "")]
    return notes


def test_a_plans_notes_in_one_pass_leave_the_notes_one_by_one_would():
    from roadmap_tools.sheetplan import operations as sp
    from roadmap_tools.sheetplan.xlwings_applier import _note, remote_notes

    before = {"B2": "пользователя", "C3": "наше старое", "D4": "наше старое", "A9": "ещё одно"}
    ops = [sp.Note("D4", None), sp.Note("C3", None), sp.Note("E5", "новое"), sp.Note("C3", "наше новое")]
    ops += [sp.Note("A9", "заменено"), sp.Note("F6", None), sp.Note("G7", "и ещё"), sp.Note("G7", None)]

    def book():
        return client_book(CLIENT_CELLS, notes=["$" + a[0] + "$" + a[1:] for a in before])

    one_by_one = book()
    for op in ops:
        _note(one_by_one, one_by_one.sheets[0], op)
    in_one_pass = book()
    assert remote_notes(in_one_pass.sheets[0], ops)
    expected = notes_after(one_by_one.json()["actions"], before)
    assert notes_after(in_one_pass.json()["actions"], before) == expected
    assert expected == {"B2": "пользователя", "E5": "новое", "C3": "наше новое", "A9": "заменено"}
