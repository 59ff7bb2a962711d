"""Big blocks of values written straight into the saved file instead of held as openpyxl cells.

A region's «Строки отчётов» has a row for every report row: at 5,000 forms over a million
cells, which openpyxl keeps as objects until the workbook is saved (more than 200 MB) and
writes one by one through lxml (most of a summary's time). The rows of a long block of values
are held back when the plans are applied (``apply_holding_back``) and written into the sheet's
XML as text when the workbook is saved (``save``), each cell as the openpyxl applier would
have stored it. A block may be styled (borders, wrapping, fills, fonts, number formats) as long
as every styling operation covers all its held rows alike: its first row is applied as cells,
and the held rows below take that row's style. Read back, the file is the same as openpyxl's
(``tests/test_sheet_rows_streamed.py``); the held rows' text is UTF-8 where openpyxl writes
character references, so the file is smaller.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import ALL_TEMP_FILES, WorksheetWriter, create_temporary_file
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.writer.excel import ExcelWriter

from roadmap_tools.sheetplan import openpyxl_applier
from roadmap_tools.sheetplan import operations as sp

#: Blocks shorter than this are applied as cells: holding back saves nothing worth having.
HOLD_BACK_FROM = 200

#: zlib level of the saved file. Measured on the summary of 1,000 forms (24 MB of XML): level 6
#: (zipfile's default) 0.20 s and 2.0 MB, level 3 0.08 s and 2.6 MB, level 1 0.06 s and 3.1 MB.
COMPRESS_LEVEL = 3

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
#: Operations that only style the cells of their range, each cell alike.
_STYLING = (sp.Fill, sp.Font, sp.Wrap, sp.NumberFormat, sp.Border)
#: Values whose cell openpyxl gives a number format of their own (its style depends on the value).
_STYLED_BY_VALUE = (datetime.date, datetime.time, datetime.timedelta)

#: A character a text cannot be written with as it is: one to drop, to escape, or that lxml refuses.
_ATTENTION = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f&<>\r\ud800-\udfff\ufffe\uffff]")
_UNWRITABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")
#: Rows of text gathered before they go to the file.
_ROWS_PER_WRITE = 512


@dataclass(frozen=True)
class HeldBlock:
    """Rows of values held back from the cells, written at save time."""

    row0: int  # the first held row
    col0: int
    rows: Sequence[Sequence[sp.Value]]
    #: The row above, applied as cells, whose style every held row takes; None: not styled.
    probe_row: Optional[int] = None
    #: Columns a styling operation covers: each held row has a cell there, value or not.
    styled_cols: Tuple[int, ...] = ()

    @property
    def last_row(self) -> int:
        return self.row0 + len(self.rows) - 1


Held = Dict[str, List[HeldBlock]]  # sheet name -> blocks of rows held back


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


def _split(op: sp.Values, others: Sequence) -> Tuple[List[sp.Values], List[HeldBlock]]:
    """``op`` as the blocks of its rows to hold back and the values still to apply as cells.

    The rows are cut wherever another operation of the plan begins or ends (and around a
    table's header row, which names the table's columns); a band of rows is held back when
    every operation on it only styles it."""
    block = _bounds(op)
    row0, col0, last, _ = block
    cuts = {row0, last + 1}
    touching = []
    for other in others:
        if isinstance(other, sp.Table):
            header = sp.bounds(other.range)[0]
            cuts.update(r for r in (header, header + 1) if row0 < r <= last)
            continue
        bounds = _op_bounds(other)
        if bounds is None or not _overlap(block, bounds):
            continue
        touching.append((other, bounds))
        cuts.update(r for r in (bounds[0], bounds[2] + 1) if row0 < r <= last)
    edges = sorted(cuts)
    applied: List[sp.Values] = []
    held: List[HeldBlock] = []
    for first, end in zip(edges, edges[1:]):
        rows = op.rows[first - row0 : end - row0]
        band = (first, block[1], end - 1, block[3])
        on_band = [(other, bounds) for other, bounds in touching if _overlap(band, bounds)]
        piece = _held_band(first, col0, rows, on_band)
        if piece is None:
            applied.append(sp.Values(sp.address(first, col0), rows))
            continue
        if piece.probe_row is not None:
            applied.append(sp.Values(sp.address(first, col0), rows[:1]))
        held.append(piece)
    if not held:
        return [op], []
    return applied, held


def _held_band(first: int, col0: int, rows: Sequence, on_band: list) -> Optional[HeldBlock]:
    if any(not isinstance(other, _STYLING) for other, _ in on_band):
        return None
    if not on_band:
        return HeldBlock(first, col0, rows) if len(rows) >= HOLD_BACK_FROM else None
    # styled: the band's first row is applied as cells and the rest take its style, which
    # needs values that do not style their own cell
    if len(rows) - 1 < HOLD_BACK_FROM:
        return None
    if any(isinstance(value, _STYLED_BY_VALUE) for row in rows for value in row):
        return None
    styled = sorted({col for _, bounds in on_band for col in range(bounds[1], bounds[3] + 1)})
    return HeldBlock(first + 1, col0, rows[1:], probe_row=first, styled_cols=tuple(styled))


def apply_holding_back(workbook, plans: Sequence[sp.SheetPlan]) -> Held:
    """``apply_openpyxl`` with the rows that can wait held back; they are returned for ``save``.

    Only a sheet that one plan alone writes, and resets, has rows held back: another plan
    could write into them."""
    plans_of = Counter(plan.sheet for plan in plans)
    held: Held = {}
    for plan in plans:
        blocks: List[HeldBlock] = []
        if plan.reset and plans_of[plan.sheet] == 1:
            ops: list = []
            for op in plan.ops:
                if isinstance(op, sp.Values) and len(op.rows) >= HOLD_BACK_FROM:
                    applied, held_back = _split(op, [other for other in plan.ops if other is not op])
                    ops.extend(applied)
                    blocks.extend(held_back)
                else:
                    ops.append(op)
            if blocks:
                plan = dataclasses.replace(plan, ops=ops)
                held[plan.sheet] = blocks
        openpyxl_applier.apply(workbook, plan, [(b.row0, b.last_row) for b in blocks])
    return held


def _text_cell_end(value: str) -> Optional[str]:
    """What follows a text cell's address and style, as ``store_value`` stores the text and lxml
    writes it (UTF-8 where lxml writes character references); None for a text lxml refuses."""
    if _ATTENTION.search(value) is not None or len(value) > 32767:
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:32767]
        if _UNWRITABLE.search(value) is not None:
            return None
        escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    else:
        escaped = value
    if not value:
        return ' t="inlineStr"></c>'
    if value != value.strip():
        return f' t="inlineStr"><is><t xml:space="preserve">{escaped}</t></is></c>'
    return f' t="inlineStr"><is><t>{escaped}</t></is></c>'


class _SheetWriter(WorksheetWriter):
    """openpyxl's sheet writer, with the held-back rows written as text among the sheet's own."""

    def __init__(self, ws, blocks: List[HeldBlock]):
        self.blocks = sorted(blocks, key=lambda b: b.row0)
        self.path = create_temporary_file()
        self.file = open(self.path, "wb")
        self._text_ends: Dict[str, str] = {}
        super().__init__(ws, out=self.file)

    def rows(self):
        own = super().rows()
        for row, _ in own:
            if any(b.row0 <= row <= b.last_row for b in self.blocks):
                raise ValueError(f"лист «{self.ws.title}»: строка {row} занята")
        return own

    def write_rows(self):
        xf = self.xf.send(True)
        own = self.rows()
        with xf.element("sheetData"):
            index = 0
            for block in self.blocks:
                while index < len(own) and own[index][0] < block.row0:
                    self.write_row(xf, own[index][1], own[index][0])
                    index += 1
                self._write_block(xf, block)
            for row_idx, cells in own[index:]:
                self.write_row(xf, cells, row_idx)
        self.xf.send(None)

    def _column_styles(self, block: HeldBlock) -> Dict[int, StyleArray]:
        """Column -> the style (openpyxl's ``StyleArray``) of the block's probe row."""
        if block.probe_row is None:
            return {}
        cells = self.ws._cells
        return {col: cells[(block.probe_row, col)]._style for col in block.styled_cols}

    def _write_block(self, xf, block: HeldBlock) -> None:
        styles = self._column_styles(block)
        registry = self.ws.parent._cell_styles
        # the probe row, written before, registered these styles: the same ids
        style_attrs = {col: f' s="{registry.add(style)}"' if any(style) else "" for col, style in styles.items()}
        letters: Dict[int, str] = {}
        columns_of: Dict[int, list] = {}  # a row's width -> (column, index in the row or -1, <c r=", style)
        dims = self.ws.row_dimensions
        col0 = block.col0
        texts: List[str] = []
        for r, values in enumerate(block.rows, start=block.row0):
            width = len(values)
            columns = columns_of.get(width)
            if columns is None:
                wanted = sorted(set(range(col0, col0 + width)) | set(block.styled_cols))
                for col in wanted:
                    letters.setdefault(col, get_column_letter(col))
                columns = columns_of[width] = [
                    (
                        col - col0 if col0 <= col < col0 + width else -1,
                        f'<c r="{letters[col]}',
                        style_attrs.get(col, ""),
                    )
                    for col in wanted
                ]
            if not columns:  # no cell: no row
                continue
            text = None if r in dims else self._row_text(r, values, columns)
            if text is None:  # a value openpyxl writes in its own way: the row as cells
                self._write_text(xf, texts)
                texts = []
                self.write_row(xf, self._cells(block, r, values, styles), r)
                continue
            texts.append(text)
            if len(texts) >= _ROWS_PER_WRITE:
                self._write_text(xf, texts)
                texts = []
        self._write_text(xf, texts)

    def _row_text(self, r: int, values: Sequence, columns: list) -> Optional[str]:
        """The ``<row>`` of held row ``r`` as openpyxl writes it; None where a value needs openpyxl."""
        ends = self._text_ends  # texts repeat (municipalities, sections, activities): each made once
        at = f'{r}"'
        parts = [f'<row r="{r}">']
        for index, start, style in columns:
            value: Any = values[index] if index >= 0 else None
            kind = type(value)
            if kind is str:
                end = ends.get(value)
                if end is None:
                    end = _text_cell_end(value)
                    if end is None:
                        return None
                    ends[value] = end
                parts.append(f"{start}{at}{style}{end}")
            elif value is None:
                if style:
                    parts.append(f'{start}{at}{style} t="n"></c>')
            elif kind is bool:
                parts.append(f'{start}{at}{style} t="b"><v>{1 if value else 0}</v></c>')
            elif kind is int or (kind is float and math.isfinite(value)):
                parts.append(f'{start}{at}{style} t="n"><v>{"%.16g" % value}</v></c>')
            else:
                return None
        parts.append("</row>")
        return "".join(parts)

    def _write_text(self, xf, texts: List[str]) -> None:
        if texts:
            xf.flush()  # what lxml holds goes first
            self.file.write("".join(texts).encode("utf-8"))

    def _cells(self, block: HeldBlock, r: int, values: Sequence, styles: dict) -> list:
        """Held row ``r`` as the cells the openpyxl applier would have made."""
        cells = []
        for col in sorted(set(range(block.col0, block.col0 + len(values))) | set(block.styled_cols)):
            cell = Cell(self.ws, row=r, column=col, style_array=styles.get(col))
            if block.col0 <= col < block.col0 + len(values):
                openpyxl_applier.store_value(cell, values[col - block.col0])
            cells.append(cell)
        return cells

    def write_dimensions(self):
        rows = [row for row, _ in self.ws._cells]
        cols = [col for _, col in self.ws._cells]
        for block in self.blocks:
            if block.styled_cols and block.rows:
                rows += [block.row0, block.last_row]
                cols += [block.styled_cols[0], block.styled_cols[-1]]
            for r, values in enumerate(block.rows, start=block.row0):
                if values:
                    rows.append(r)
                    cols += [block.col0, block.col0 + len(values) - 1]
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
        try:
            writer.write()
            writer.file.close()
            ws._rels = writer._rels
            self._archive.write(writer.path, ws.path[1:])
        finally:
            writer.file.close()
            os.remove(writer.path)
            ALL_TEMP_FILES.remove(writer.path)
        self.manifest.append(ws)


def save(workbook, path: Union[str, os.PathLike], held: Held) -> None:
    """``workbook.save(path)`` with the held-back rows written into their sheets."""
    archive = ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True, compresslevel=COMPRESS_LEVEL)
    workbook.properties.modified = datetime.datetime.now(tz=datetime.timezone.utc).replace(tzinfo=None)
    _Writer(workbook, archive, held).save()
