"""Big blocks of values written straight into the saved file instead of held as openpyxl cells.

A region's «Строки отчётов» has a row for every report row: at 5,000 forms over a million
cells, which openpyxl keeps as objects until the workbook is saved (more than 200 MB). A
block of values that no other operation of its plan styles is held back when the plans are
applied (``apply_holding_back``) and written row by row when the workbook is saved
(``save``), each cell as the openpyxl applier would have stored it; the file is the same.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from typing import Dict, List, Sequence, Union
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl.cell.cell import Cell
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.writer.excel import ExcelWriter

from roadmap_tools.sheetplan import openpyxl_applier
from roadmap_tools.sheetplan import operations as sp

#: Blocks shorter than this are applied as usual: holding back saves nothing worth having.
HOLD_BACK_FROM = 1000

#: Operations that say something about a range without touching its cells.
_NOT_ON_CELLS = (
    sp.Table,
    sp.ConditionalFill,
    sp.ListValidation,
    sp.ColumnWidths,
    sp.Freeze,
    sp.PageSetup,
    sp.DefinedName,
)

Held = Dict[str, List[sp.Values]]  # sheet name -> blocks of values held back


def _bounds(op: sp.Values) -> tuple:
    row0, col0 = sp.parse_address(op.cell)
    width = max((len(row) for row in op.rows), default=0)
    return row0, col0, row0 + len(op.rows) - 1, col0 + width - 1


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _op_bounds(op) -> Union[tuple, None]:
    """The cells an operation touches, as (min_row, min_col, max_row, max_col); None: it says
    nothing of cells; (1, 1, inf, inf) where unknown."""
    if isinstance(op, _NOT_ON_CELLS):
        return None
    if isinstance(op, sp.Values):
        return _bounds(op)
    if isinstance(op, sp.RowHeight):
        return (op.row, 1, op.row, float("inf"))
    place = getattr(op, "range", None) or getattr(op, "cell", None)
    if isinstance(place, str):
        return sp.bounds(place) if ":" in place else (*sp.parse_address(place),) * 2
    return (1, 1, float("inf"), float("inf"))


def _held_back(plan: sp.SheetPlan) -> List[sp.Values]:
    """The blocks of ``plan`` that can be held back: long, on a sheet the plan resets, and no other
    operation of the plan touching their cells."""
    if not plan.reset:
        return []
    held = []
    for op in plan.ops:
        if not isinstance(op, sp.Values) or len(op.rows) < HOLD_BACK_FROM:
            continue
        block = _bounds(op)
        others = (_op_bounds(other) for other in plan.ops if other is not op)
        if not any(bounds is not None and _overlap(block, bounds) for bounds in others):
            held.append(op)
    return held


def apply_holding_back(workbook, plans: Sequence[sp.SheetPlan]) -> Held:
    """``apply_openpyxl`` with the blocks that can wait held back; they are returned for ``save``.

    Only a sheet that one plan alone writes has blocks held back: another plan could reset the
    sheet or write into the block."""
    plans_of: Dict[str, int] = {}
    for plan in plans:
        plans_of[plan.sheet] = plans_of.get(plan.sheet, 0) + 1
    held: Held = {}
    applied = []
    for plan in plans:
        blocks = _held_back(plan) if plans_of[plan.sheet] == 1 else []
        if blocks:
            held[plan.sheet] = blocks
            plan = dataclasses.replace(plan, ops=[op for op in plan.ops if not any(op is b for b in blocks)])
        applied.append(plan)
    sp.apply_openpyxl(workbook, applied)
    return held


class _SheetWriter(WorksheetWriter):
    """openpyxl's sheet writer, with the held-back rows written after the sheet's own."""

    def __init__(self, ws, blocks: List[sp.Values]):
        self.blocks = blocks
        super().__init__(ws)

    def _held_rows(self):
        ws = self.ws
        for op in self.blocks:
            row0, col0 = sp.parse_address(op.cell)
            for r, values in enumerate(op.rows, start=row0):
                cells = []
                for c, value in enumerate(values, start=col0):
                    cell = Cell(ws, row=r, column=c)
                    openpyxl_applier.store_value(cell, value)
                    cells.append(cell)
                if cells:
                    yield r, cells

    def rows(self):
        own = super().rows()
        first = min(sp.parse_address(op.cell)[0] for op in self.blocks)
        if own and own[-1][0] >= first:
            raise ValueError(f"лист «{self.ws.title}»: строки после {first} заняты")
        return _chain(own, self._held_rows())

    def write_dimensions(self):
        rows = {row for row, _ in self.ws._cells}
        cols = {col for _, col in self.ws._cells}
        for op in self.blocks:
            row0, col0 = sp.parse_address(op.cell)
            for r, values in enumerate(op.rows, start=row0):
                if values:
                    rows.add(r)
                    cols.update((col0, col0 + len(values) - 1))
        if rows:
            ref = f"{get_column_letter(min(cols))}{min(rows)}:{get_column_letter(max(cols))}{max(rows)}"
        else:
            ref = "A1:A1"
        self.xf.send(SheetDimension(ref).to_tree())

    def write_tables(self):
        # openpyxl names a table's columns from its header row by taking the cells of the whole
        # table (creating every held-back cell again); the header row is enough
        for table in self.ws.tables.values():
            if not table.tableColumns and table.headerRowCount:
                min_row, min_col, _, max_col = sp.bounds(table.ref)
                table._initialise_columns()
                header = [self.ws.cell(row=min_row, column=c) for c in range(min_col, max_col + 1)]
                for cell, column in zip(header, table.tableColumns):
                    column.name = str(cell.value)
        super().write_tables()


def _chain(first, second):
    yield from first
    yield from second


class _Writer(ExcelWriter):
    def __init__(self, workbook, archive, held: Held):
        super().__init__(workbook, archive)
        self.held = held

    def write_worksheet(self, ws):
        blocks = self.held.get(ws.title)
        if not blocks:
            return super().write_worksheet(ws)
        # ExcelWriter.write_worksheet (openpyxl 3.1), with our sheet writer
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = _SheetWriter(ws, blocks)
        writer.write()
        ws._rels = writer._rels
        self._archive.write(writer.out, ws.path[1:])
        self.manifest.append(ws)
        writer.cleanup()


def save(workbook, path: Union[str, os.PathLike], held: Held) -> None:
    """``workbook.save(path)`` with the held-back blocks written into their sheets."""
    archive = ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True)
    workbook.properties.modified = datetime.datetime.now(tz=datetime.timezone.utc).replace(tzinfo=None)
    _Writer(workbook, archive, held).save()
