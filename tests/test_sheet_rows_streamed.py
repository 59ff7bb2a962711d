"""A long block of values held back and written row by row gives the same file as cells would."""

import zipfile
from datetime import date, datetime

from openpyxl import Workbook

from roadmap_tools.sheetplan import openpyxl_streamed
from roadmap_tools.sheetplan import operations as sp


def _plan(rows):
    plan = sp.SheetPlan("Строки", reset=True)
    plan.add(sp.Values("A1", [["Заголовок"]])).add(sp.Font("A1", bold=True))
    plan.add(sp.Values("A3", [["Текст", "Число", "Дата", "Пусто", "Формула?"]]))
    plan.add(sp.Fill("A3:E3", "DDEBF7"))
    plan.add(sp.Values("A4", rows))
    plan.add(sp.Table("Строки", f"A3:E{3 + len(rows)}")).add(sp.Freeze("A4")).add(sp.ColumnWidths({"A": 30}))
    return plan


def _parts(path):
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist() if name != "docProps/core.xml"}


def test_held_back_rows_give_the_same_file_as_cells(tmp_path):
    rows = [
        [f"строка {i}\x07", i, date(2026, 1, 1) if i % 3 else datetime(2026, 1, 2), None, "=1+1" if i % 5 else ""]
        for i in range(openpyxl_streamed.HOLD_BACK_FROM + 5)
    ]
    rows[7] = ["короткая"]
    rows[9] = []

    plain = Workbook()
    sp.apply_openpyxl(plain, [_plan(rows)])
    plain.remove(plain["Sheet"])
    plain.save(tmp_path / "cells.xlsx")

    streamed = Workbook()
    held = openpyxl_streamed.apply_holding_back(streamed, [_plan(rows)])
    streamed.remove(streamed["Sheet"])
    assert [len(op.rows) for op in held["Строки"]] == [len(rows)]
    assert len(streamed["Строки"]._cells) < 20  # the rows are not cells
    openpyxl_streamed.save(streamed, tmp_path / "streamed.xlsx", held)

    assert _parts(tmp_path / "streamed.xlsx") == _parts(tmp_path / "cells.xlsx")


def test_a_block_another_operation_styles_is_applied_as_cells():
    rows = [["x"]] * (openpyxl_streamed.HOLD_BACK_FROM + 1)
    plan = sp.SheetPlan("Лист", reset=True).add(sp.Values("A1", rows)).add(sp.Border(f"A1:A{len(rows)}"))
    workbook = Workbook()
    assert openpyxl_streamed.apply_holding_back(workbook, [plan]) == {}
    assert workbook["Лист"].max_row == len(rows)
