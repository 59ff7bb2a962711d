"""openpyxl's save with the sheets' rows written as text: the same bytes, a third of the time.

openpyxl writes every cell as an lxml element (``openpyxl.cell._writer.lxml_write_cell``),
which is most of the time a save of a big sheet takes. ``save_workbook`` writes the
``<sheetData>`` of each sheet as text built directly from the cells instead, escaped as lxml
escapes it (``&amp; &lt; &gt;``, «\\r» as ``&#13;``, every character beyond ASCII as a
character reference), and leaves every other part of the file to openpyxl. A cell of a kind
not handled here (an array or data-table formula, rich text, a value openpyxl would refuse,
a text with characters XML does not allow) is written by openpyxl's own cell writer, so the
file is byte for byte the one ``Workbook.save`` writes (``tests/test_xml_rows.py``).
"""

from __future__ import annotations

import datetime
import io
import math
import os
import re
from itertools import groupby
from operator import itemgetter
from typing import Dict, List, Optional, Union
from zipfile import ZIP_DEFLATED, ZipFile

import openpyxl
from openpyxl.cell._writer import lxml_write_cell
from openpyxl.cell.cell import Cell
from openpyxl.comments.comment_sheet import CommentRecord
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import xmlfile

#: Characters lxml refuses in a text or writes in a way of its own: such a cell goes to openpyxl.
_UNUSUAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Rows gathered before their text is encoded and written out.
_ROWS_PER_CHUNK = 2000
_DATE_TYPES = (datetime.datetime, datetime.date, datetime.time, datetime.timedelta)


def escape_text(text: str) -> str:
    """``text`` as lxml writes an element's text (characters beyond ASCII are left for the
    encoding step, which makes them character references)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def escape_attribute(text: str) -> str:
    """``text`` as lxml writes an attribute's value."""
    return escape_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def cell_by_openpyxl(worksheet, cell, styled: bool) -> str:
    """The ``<c>`` element of ``cell`` as openpyxl's own cell writer writes it."""
    out = io.BytesIO()
    with xmlfile(out) as xf:
        lxml_write_cell(xf, worksheet, cell, styled)
    return out.getvalue().decode("ascii")


class RowsWriter(WorksheetWriter):
    """openpyxl's sheet writer, with ``<sheetData>`` written as text (see the module's docstring).

    ``rows()`` is openpyxl's: a subclass may give other cells to write, as openpyxl's does."""

    def get_stream(self):
        # openpyxl's stream, into a file we hold (or the one given), so the rows can go between
        # its elements
        self._owned = isinstance(self.out, (str, os.PathLike))
        self._handle = open(self.out, "wb") if self._owned else self.out
        with xmlfile(self._handle) as xf:
            with xf.element("worksheet", xmlns=SHEET_MAIN_NS):
                try:
                    while True:
                        el = yield
                        if el is True:
                            yield xf
                        elif el is None:
                            continue
                        else:
                            xf.write(el)
                except GeneratorExit:
                    pass

    def rows(self):
        # WorksheetWriter.rows, grouping the sorted keys instead of sorting (key, cell) pairs
        cells = self.ws._cells
        rows = {row: [cells[key] for key in keys] for row, keys in groupby(sorted(cells), itemgetter(0))}
        for row_index in self.ws.row_dimensions.keys() - rows.keys():
            rows[row_index] = []
        return sorted(rows.items())

    def write_rows(self):
        xf = self.xf.send(True)
        xf.flush()
        handle = self._handle
        handle.write(b"<sheetData>")
        cells = _CellWriter(self.ws)
        parts: List[str] = []
        for count, (row_index, row) in enumerate(self.rows(), start=1):
            cells.write_row(parts, row, row_index)
            if count % _ROWS_PER_CHUNK == 0:
                handle.write("".join(parts).encode("ascii", "xmlcharrefreplace"))
                parts.clear()
        parts.append("</sheetData>")
        handle.write("".join(parts).encode("ascii", "xmlcharrefreplace"))
        self.xf.send(None)

    def close(self):
        super().close()
        handle = getattr(self, "_handle", None)
        if handle is not None and self._owned and not handle.closed:
            handle.close()


#: The ``t`` attribute openpyxl writes for a cell's ``data_type`` (a date is a number unless
#: the workbook keeps ISO dates; a text is an inline string; a formula has none).
_TYPE_ATTRIBUTE = {
    "n": ' t="n"',
    "inlineStr": ' t="inlineStr"',
    "s": ' t="inlineStr"',
    "b": ' t="b"',
    "e": ' t="e"',
    "f": "",
}


class _CellWriter:
    """openpyxl's ``WorksheetWriter.write_row`` and ``lxml_write_cell`` as text, for one sheet."""

    def __init__(self, ws):
        self.ws = ws
        self.styles = ws.parent._cell_styles
        self.style_ids: Dict[bytes, Optional[int]] = {}  # a style's bytes -> its number; None: no style
        self.plain_dates = not ws.parent.iso_dates
        self.epoch = ws.parent.epoch
        self.letters: Dict[int, str] = {}

    def write_row(self, parts: List[str], row, row_index: int) -> None:
        ws = self.ws
        dimension = ws.row_dimensions.get(row_index)
        if dimension is not None:
            attributes = {"r": f"{row_index}"}
            attributes.update(dimension)
            parts.append("<row " + " ".join(f'{k}="{escape_attribute(v)}"' for k, v in attributes.items()) + ">")
        else:
            parts.append(f'<row r="{row_index}">')
        letters, style_ids, types = self.letters, self.style_ids, _TYPE_ATTRIBUTE
        unusual = _UNUSUAL.search
        for cell in row:
            if type(cell) is not Cell:  # a merged cell and anything else: openpyxl's way
                if cell._comment is not None:
                    ws._comments.append(CommentRecord.from_cell(cell))
                styled = cell.has_style
                if cell._value is None and not styled and not cell._comment:
                    continue
                parts.append(cell_by_openpyxl(ws, cell, styled))
                continue
            comment = cell._comment
            if comment is not None:
                ws._comments.append(CommentRecord.from_cell(cell))
            value = cell._value
            style = cell._style
            if style is None:
                if value is None and comment is None:
                    continue
                index = None
            else:
                key = style.tobytes()
                index = style_ids.get(key, -1)
                if index == -1:
                    index = self.styles.add(style) if any(style) else None
                    style_ids[key] = index
                if value is None and index is None and comment is None:
                    continue
            column = cell.column
            letter = letters.get(column)
            if letter is None:
                letter = letters[column] = get_column_letter(column)
            kind = cell.data_type
            start = f'<c r="{letter}{cell.row}"' if index is None else f'<c r="{letter}{cell.row}" s="{index}"'
            text = None
            if kind == "s" and type(value) is str and not unusual(value):
                if value == "":
                    text = f'{start} t="inlineStr"></c>'
                elif value != value.strip():
                    text = f'{start} t="inlineStr"><is><t xml:space="preserve">{escape_text(value)}</t></is></c>'
                else:
                    text = f'{start} t="inlineStr"><is><t>{escape_text(value)}</t></is></c>'
            elif value is None and kind != "d":
                attribute = types.get(kind)
                if attribute is None:
                    attribute = f' t="{escape_attribute(kind)}"'
                text = f"{start}{attribute}></c>"
            else:
                text = self._other(cell, kind, value, start)
            if text is None:
                text = cell_by_openpyxl(ws, cell, index is not None)
            elif cell._hyperlink:
                ws._hyperlinks.append(cell._hyperlink)
            parts.append(text)
        parts.append("</row>")

    def _other(self, cell, kind: str, value, start: str) -> Union[str, None]:
        """The ``<c>`` element of a number, a date, a formula, a truth value or an error with a
        value; None: left to openpyxl."""
        if kind == "n":
            number = _number(value)
            return None if number is None else f'{start} t="n"><v>{number}</v></c>'
        if kind == "d":
            if not self.plain_dates or not isinstance(value, _DATE_TYPES) or getattr(value, "tzinfo", None) is not None:
                return None
            number = _number(to_excel(value, self.epoch))
            return None if number is None else f'{start} t="n"><v>{number}</v></c>'
        if type(value) is not str or _UNUSUAL.search(value):
            return (
                None
                if kind != "b" or (value is not True and value is not False)
                else f'{start} t="b"><v>{int(value)}</v></c>'
            )
        if kind == "f":
            return f"{start}></c>" if value == "" else f"{start}><f>{escape_text(value[1:])}</f><v></v></c>"
        if kind == "e":
            return f'{start} t="e"></c>' if value == "" else f'{start} t="e"><v>{escape_text(value)}</v></c>'
        return None


def _number(value) -> Union[str, None]:
    """``openpyxl.compat.safe_string`` of an int or a finite float; None for anything else."""
    kind = type(value)
    if kind is int or (kind is float and math.isfinite(value)):
        return "%.16g" % value
    return None


class BookWriter(ExcelWriter):
    """openpyxl's ``ExcelWriter`` with the sheets written by ``RowsWriter``."""

    def write_worksheet(self, ws):
        # ExcelWriter.write_worksheet (openpyxl 3.1), with our sheet writer
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = RowsWriter(ws)
        writer.write()
        ws._rels = writer._rels
        self._archive.write(writer.out, ws.path[1:])
        self.manifest.append(ws)
        writer.cleanup()


#: The openpyxl releases whose writer and reader this module and ``workbook/load.py`` build on
#: (``tests/test_xml_rows.py``, ``tests/test_workbook_load.py``); setup.cfg keeps openpyxl below 3.2.
KNOWN_OPENPYXL = ("3.1.",)


def openpyxl_internals_known() -> bool:
    """Whether the installed openpyxl is one whose internals the faster reading and writing know;
    with any other, openpyxl reads and writes its own way (slower, the same workbook)."""
    return openpyxl.__version__.startswith(KNOWN_OPENPYXL)


def save_workbook(workbook, path: Union[str, os.PathLike]) -> None:
    """``workbook.save(path)``: the same file, written faster."""
    if workbook.read_only or workbook.write_only or not openpyxl.LXML or not openpyxl_internals_known():
        workbook.save(path)  # openpyxl's own refusal or way
        return
    archive = ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True)
    workbook.properties.modified = datetime.datetime.now(tz=datetime.timezone.utc).replace(tzinfo=None)
    BookWriter(workbook, archive).save()
