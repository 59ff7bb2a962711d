"""Long blocks of values held back and written as text give the same workbook as cells would.

«The same»: every part of the file is the same XML (compared in canonical form: the held rows
are UTF-8 where openpyxl writes character references), and openpyxl reads back the same
values, styles, merged cells, tables, conditional formats, column widths and print setup.
"""

import shutil
import zipfile
from datetime import date, datetime, time

import pytest
from lxml import etree
from openpyxl import Workbook, load_workbook

from bench.formgen import generate_forms
from roadmap_tools.consolidation import review
from roadmap_tools.consolidation.consolidate import consolidate
from roadmap_tools.consolidation.summary import add_charts, summary_plans, write_summary
from roadmap_tools.sheetplan import openpyxl_streamed
from roadmap_tools.sheetplan import operations as sp
from tests.conftest import FIXTURES, REPORT_FIXTURE, ROADMAP_FIXTURES
from tests.roadmap_books import roadmap_book

AS_OF = date(2025, 1, 15)


def _parts(path):
    """Every part of the file but its time of writing, XML in canonical form."""
    with zipfile.ZipFile(path) as zf:
        parts = {}
        for name in zf.namelist():
            if name == "docProps/core.xml":
                continue
            data = zf.read(name)
            if name.endswith((".xml", ".rels")):
                data = etree.tostring(etree.fromstring(data), method="c14n")
            parts[name] = data
        return list(zf.namelist()), parts


def _read_back(path):
    """What openpyxl reads of each sheet: cells with their styles, and the sheet's settings."""
    wb = load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        cells = {
            cell.coordinate: (
                cell.value,
                cell.data_type,
                repr(cell.font),
                repr(cell.fill),
                repr(cell.border),
                repr(cell.alignment),
                cell.number_format,
            )
            for row in ws.iter_rows()
            for cell in row
        }
        sheets[ws.title] = {
            "cells": cells,
            "dimensions": ws.dimensions,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "tables": [
                (t.name, t.ref, repr(t.tableStyleInfo), [c.name for c in t.tableColumns]) for t in ws.tables.values()
            ],
            "conditional": [(str(cf.sqref), [repr(rule) for rule in cf.rules]) for cf in ws.conditional_formatting],
            "validations": [repr(dv) for dv in ws.data_validations.dataValidation],
            "widths": {k: (d.width, d.hidden) for k, d in ws.column_dimensions.items()},
            "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
            "freeze": ws.freeze_panes,
            "print": (repr(ws.page_setup), repr(ws.page_margins), ws.print_title_rows, ws.print_title_cols),
            "state": ws.sheet_state,
        }
    return wb.sheetnames, sheets


def _assert_same(streamed, cells):
    assert _parts(streamed) == _parts(cells)
    assert _read_back(streamed) == _read_back(cells)


def _both(tmp_path, plans):
    """The plans saved as cells, and held back and streamed; the blocks held back."""
    plain = Workbook()
    sp.apply_openpyxl(plain, plans)
    plain.remove(plain["Sheet"])
    plain.save(tmp_path / "cells.xlsx")

    streamed = Workbook()
    held = openpyxl_streamed.apply_holding_back(streamed, plans)
    streamed.remove(streamed["Sheet"])
    openpyxl_streamed.save(streamed, tmp_path / "streamed.xlsx", held)
    return tmp_path / "streamed.xlsx", tmp_path / "cells.xlsx", held, streamed


def _plan(rows, styled=False):
    plan = sp.SheetPlan("Строки", reset=True)
    plan.add(sp.Values("A1", [["Заголовок"]])).add(sp.Font("A1", bold=True))
    if styled:  # the header and the body one block, as the summary's table sheets write it
        plan.add(sp.Values("A3", [["Текст", "Число", "Дата", "Пусто", "Формула?"]] + rows))
        plan.add(sp.Font("A3:E3", bold=True)).add(sp.Wrap(f"A3:F{3 + len(rows)}")).add(
            sp.Border(f"A3:E{3 + len(rows)}")
        )
        plan.add(sp.NumberFormat(f"B4:B{3 + len(rows)}", "0.0")).add(sp.Fill(f"D4:D{3 + len(rows)}", "EDEDED"))
        plan.add(sp.ConditionalFill(f"B4:B{3 + len(rows)}", "=B4>5", "FFC7CE"))
    else:
        plan.add(sp.Values("A3", [["Текст", "Число", "Дата", "Пусто", "Формула?"]]))
        plan.add(sp.Values("A4", rows))
    plan.add(sp.Fill("A3:E3", "DDEBF7"))
    plan.add(sp.Table("Строки", f"A3:E{3 + len(rows)}")).add(sp.Freeze("A4")).add(sp.ColumnWidths({"A": 30}))
    plan.add(sp.PageSetup(title_rows="3:3"))
    return plan


def _texts(i):
    """Texts that openpyxl cleans, escapes or marks as keeping their spaces, and plain ones."""
    return [
        f"строка {i}\x07",
        " пробел в начале",
        "конец с пробелом ",
        "<a href='x'>&amp;</a> \"кавычки\"",
        "строка\r\nс переводом\tи табуляцией",
        "=СУММ(A1:A2)",
        "",
        "😀 эмодзи и \u00a0неразрывный",
        "x" * 40000,
        "\x01\x02",
        "\u2028",
    ][i % 11]


def _simple_rows(count):
    rows = [
        [_texts(i), [i, -i * 1.5, 2**60 + i, 0.1 + i, 1e-20, True, False][i % 7], None, "", f"{i}"]
        for i in range(count)
    ]
    rows[7] = ["короткая"]
    rows[9] = []
    rows[11] = [None, None]
    return rows


def test_held_back_rows_give_the_same_file_as_cells(tmp_path):
    rows = [
        [f"строка {i}\x07", i, date(2026, 1, 1) if i % 3 else datetime(2026, 1, 2), None, "=1+1" if i % 5 else ""]
        for i in range(openpyxl_streamed.HOLD_BACK_FROM + 5)
    ]
    rows[7] = ["короткая"]
    rows[9] = []
    rows[12] = [sp.Formula("=1+2"), time(10, 30), float("nan"), "\u2029", 3]  # written by openpyxl
    rows[13] = [_texts(i) for i in range(11)]

    streamed, cells, held, workbook = _both(tmp_path, [_plan(rows)])
    assert [len(block.rows) for block in held["Строки"]] == [len(rows)]
    assert len(workbook["Строки"]._cells) < 20  # the rows are not cells
    _assert_same(streamed, cells)


@pytest.mark.parametrize("text", ["\ud800", "\ufffe"])
def test_a_text_lxml_refuses_fails_the_save_as_with_cells(tmp_path, text):
    rows = [["x"]] * openpyxl_streamed.HOLD_BACK_FROM + [[text]]
    with pytest.raises((ValueError, UnicodeError)):
        _both(tmp_path, [_plan(rows)])
    streamed = Workbook()
    held = openpyxl_streamed.apply_holding_back(streamed, [_plan(rows)])
    assert held
    with pytest.raises((ValueError, UnicodeError)):
        openpyxl_streamed.save(streamed, tmp_path / "streamed.xlsx", held)


def test_held_back_styled_rows_give_the_same_file_as_cells(tmp_path):
    rows = _simple_rows(openpyxl_streamed.HOLD_BACK_FROM + 30)
    streamed, cells, held, workbook = _both(tmp_path, [_plan(rows, styled=True)])
    # the header row and the first row of the body are cells; the body's other rows are held back
    assert [(block.row0, block.probe_row, len(block.rows)) for block in held["Строки"]] == [(5, 4, len(rows) - 1)]
    assert max(row for row, _ in workbook["Строки"]._cells) == 4
    _assert_same(streamed, cells)


@pytest.mark.parametrize(
    "other",
    [
        lambda n: sp.ClearContents(f"A1:A{n}"),  # writes into the cells
        lambda n: sp.Values("A1", [["другое"]] * n),
        lambda n: sp.Protect(unlocked=("A1",)),  # touches every sheet's cell it likes
    ],
)
def test_a_block_another_operation_writes_into_is_applied_as_cells(tmp_path, other):
    rows = [["x"]] * (openpyxl_streamed.HOLD_BACK_FROM + 1)
    plan = sp.SheetPlan("Лист", reset=True).add(sp.Values("A1", rows)).add(other(len(rows)))
    streamed, cells, held, workbook = _both(tmp_path, [plan])
    assert held == {}
    assert workbook["Лист"].max_row == len(rows)
    _assert_same(streamed, cells)


def test_a_styled_block_with_dates_is_applied_as_cells(tmp_path):
    # a date gives its cell a number format of its own: the rows would not share their style
    rows = [["x", date(2026, 1, 1)]] * (openpyxl_streamed.HOLD_BACK_FROM + 2)
    plan = sp.SheetPlan("Лист", reset=True).add(sp.Values("A1", rows)).add(sp.Border(f"A1:B{len(rows)}"))
    streamed, cells, held, workbook = _both(tmp_path, [plan])
    assert held == {}
    _assert_same(streamed, cells)


def test_rows_between_operations_are_held_in_bands(tmp_path):
    rows = _simple_rows(3 * openpyxl_streamed.HOLD_BACK_FROM)
    n = len(rows)
    middle = openpyxl_streamed.HOLD_BACK_FROM + 10
    plan = sp.SheetPlan("Лист", reset=True).add(sp.Values("B2", rows))
    plan.add(sp.Border(f"A2:F{n + 1}")).add(sp.Note(f"C{middle}", "примечание")).add(sp.RowHeight(middle + 5, 30))
    plan.add(sp.Font(f"B{middle}:D{n + 1}", italic=True)).add(sp.Hyperlink(f"B{n}", "https://example.org", "ссылка"))
    streamed, cells, held, workbook = _both(tmp_path, [plan])
    assert len(held["Лист"]) == 2
    _assert_same(streamed, cells)


# --- the summary of real reports -----------------------------------------------------------
@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    generate_forms(folder / "forms", 12, seed=3, docx_every=4, as_of=AS_OF)
    shutil.copy(FIXTURES / f"{REPORT_FIXTURE}.docx", folder / f"{REPORT_FIXTURE}.docx")
    for name in ROADMAP_FIXTURES:
        roadmap_book(name, folder)
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 not a zip")
    return folder


def test_the_summary_of_real_reports_is_the_same_as_written_cell_by_cell(reports, tmp_path, monkeypatch):
    monkeypatch.setattr(openpyxl_streamed, "HOLD_BACK_FROM", 3)  # hold back even the short sheets
    summary = consolidate([reports], as_of=AS_OF, workers=1)
    assert len(summary.reports) >= 15 and summary.unreadable
    extras = review.consolidation_extras(summary, tmp_path / "нет.xlsx", expected=None)

    streamed = write_summary(summary, tmp_path / "Сводка.xlsx", extras.plans, extras.charts)

    workbook = Workbook()
    default = workbook.active
    sp.apply_openpyxl(workbook, list(summary_plans(summary)) + list(extras.plans))
    workbook.remove(default)
    add_charts(workbook, summary)
    assert extras.charts is not None
    extras.charts(workbook)
    workbook.active = 0
    workbook.save(tmp_path / "cells.xlsx")

    _assert_same(streamed, tmp_path / "cells.xlsx")
