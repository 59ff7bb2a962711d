"""Applies a ``SheetPlan`` through the xlwings API (the ribbon's and xlwings Lite's door).

The same plans the command line applies with openpyxl, written through xlwings, so
it works with desktop Excel (COM engine, ``RunPython``) and with Office.js (the remote
engine of xlwings Lite and xlwings Server, where every write becomes an action).

One call per block, never per cell: a ``Values`` op is one ``range.value = rows`` (with
the remote engine, one ``raw_value`` per slice: ``xlwings_remote``), a ``Fill`` one
``range.color``, and adjacent fills and row heights are joined first (``joined_ops``).
Where xlwings has no API for a setting (print titles, page orientation, tab colour, a
validation's error style), desktop Excel on Windows gets it through the COM object;
Office.js goes without, and the button still works.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, Dict, Iterable, Optional, Sequence

from roadmap_tools.errors import RoadmapError
from roadmap_tools.sheetplan import operations as sp
from roadmap_tools.sheetplan import xlwings_remote

#: xlwings colours are «#RRGGBB».
_BORDER_COLOUR = "#808080"
_HYPERLINK_COLOUR = "#0563C1"
DATE_FORMAT = "DD.MM.YYYY"


# --- values ----------------------------------------------------------------------
def excel_value(value: Any) -> Any:
    """A plan value as Excel should receive it through ``range.value``.

    Text is written with a leading apostrophe, Excel's own «this is text» mark (the
    apostrophe is not part of the value): «=СУММ(…)» stays text, and so do «1.10»,
    «01.09» or «2022», which Excel would otherwise turn into a number or a date. The
    command line stores every string as text; this keeps both doors the same.
    """
    if isinstance(value, sp.Formula):
        return value.text
    if isinstance(value, str):
        return "'" + value if value else None
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    return value


def excel_rows(rows: Sequence[Sequence[Any]]) -> list:
    """A rectangular block of Excel values (short rows padded with empty cells)."""
    width = max((len(row) for row in rows), default=0)
    return [[excel_value(v) for v in row] + [None] * (width - len(row)) for row in rows]


def date_runs(rows: Sequence[Sequence[Any]]) -> Iterable[tuple]:
    """(first row offset, column offset, row count) of vertical runs of date cells."""
    width = max((len(row) for row in rows), default=0)
    for c in range(width):
        start = None
        for r in range(len(rows) + 1):
            value = rows[r][c] if r < len(rows) and c < len(rows[r]) else None
            is_date = isinstance(value, date)
            if is_date and start is None:
                start = r
            elif not is_date and start is not None:
                yield start, c, r - start
                start = None


# --- engines ---------------------------------------------------------------------
def is_desktop(book) -> bool:
    """True for desktop Excel on Windows (COM), where ``.api`` is Excel's own object."""
    try:
        return book.app.engine.name == "excel" and sys.platform.startswith("win")
    except Exception:
        return False


def _uses_points_for_width(book) -> bool:
    # The remote engine (Office.js) measures column widths in points, COM in characters.
    try:
        return book.app.engine.name != "excel"
    except Exception:
        return True


def width_in_points(characters: float) -> float:
    """Excel's column width in characters -> points (Calibri 11: 7 px a character + 5 px padding)."""
    return round((characters * 7 + 5) * 0.75, 2)


def _desktop(action) -> None:
    """Run a COM-only nicety; it must never fail the button."""
    try:
        action()
    except Exception:
        pass


# --- sheets ----------------------------------------------------------------------
def _sheet_names(book) -> list:
    return [s.name for s in book.sheets]


def _add_sheet(book, name: str, index: int):
    sheets = book.sheets
    count = len(sheets)
    index = max(0, min(index, count))
    # ``after=`` everywhere we can: it means the same in every engine.
    if index == 0 and count:
        return sheets.add(name, before=sheets[0])
    return sheets.add(name, after=sheets[index - 1])


def sheet_for_plan(book, plan: sp.SheetPlan):
    names = _sheet_names(book)
    lowered = [n.casefold() for n in names]
    if plan.sheet.casefold() in lowered:
        position = lowered.index(plan.sheet.casefold())
        sheet = book.sheets[position]
        if plan.reset:
            if len(names) == 1:
                sheet.clear()
                return sheet
            # A fresh sheet, like the command line: no old notes, tables, rules or widths.
            sheet.delete()
            return _add_sheet(book, plan.sheet, position)
        return sheet
    if not plan.create:
        raise RoadmapError(f"в книге нет листа «{plan.sheet}».", hint="Восстановите лист или создайте книгу заново.")
    index = plan.index if plan.index is not None else len(names)
    return _add_sheet(book, plan.sheet, index)


# --- operations ------------------------------------------------------------------
def _values(book, sheet, op: sp.Values):
    rows = excel_rows(op.rows)
    if not rows or not rows[0]:
        return
    row0, col0 = sp.parse_address(op.cell)
    if not (xlwings_remote.is_remote(book) and xlwings_remote.write_rows(sheet, row0, col0, rows)):
        sheet.range(op.cell).value = rows
    for r, c, count in date_runs(op.rows):
        sheet.range(sp.range_address(row0 + r, col0 + c, count, 1)).number_format = DATE_FORMAT


def _clear(book, sheet, op: sp.ClearContents):
    sheet.range(op.range).clear_contents()


def _fill(book, sheet, op: sp.Fill):
    sheet.range(op.range).color = "#" + op.colour if op.colour else None


def _font(book, sheet, op: sp.Font):
    font = sheet.range(op.range).font
    if op.bold is not None:
        font.bold = op.bold
    if op.italic is not None:
        font.italic = op.italic
    if op.colour:
        font.color = "#" + op.colour
    if op.size:
        font.size = op.size


def _wrap(book, sheet, op: sp.Wrap):
    rng = sheet.range(op.range)
    rng.wrap_text = True
    rng.vertical_alignment = op.vertical
    if op.horizontal:
        rng.horizontal_alignment = op.horizontal


def _number_format(book, sheet, op: sp.NumberFormat):
    sheet.range(op.range).number_format = op.format


def _border(book, sheet, op: sp.Border):
    sheet.range(op.range).borders.set("all", line_style="continuous", weight="thin", color=_BORDER_COLOUR)


def _note(book, sheet, op: sp.Note):
    rng = sheet.range(op.cell)
    _set_note(rng, rng.note, op.text)


def _set_note(rng, existing, text: Optional[str]) -> None:
    if text is None:
        if existing is not None:
            existing.delete()
    elif existing is not None:
        existing.text = text
    else:
        rng.add_note(text)


def _address_key(address: str) -> str:
    return address.replace("$", "").upper()


def remote_notes(sheet, ops: list) -> bool:
    """Apply a plan's ``Note`` operations through the remote engine; False (nothing done)
    where the client sent no list of the sheet's notes.

    The remote engine finds a cell's note (``Range.note``, ``Note.delete``) by going down
    the sheet's list of notes, so a check that marks thousands of cells took minutes.
    Here the cells that have a note are known from that list, read once: a new note is
    added without a search, and the notes to change or delete are taken in the list's
    order, each found at the head of what is left. Notes touch nothing else a plan sets,
    so only each cell's own operations keep their order.
    """
    entries = sheet.api.get("notes") if isinstance(sheet.api, dict) else None
    if not isinstance(entries, list):
        return False
    position = {_address_key(entry["address"]): index for index, entry in enumerate(entries)}
    present = set(position)
    by_cell: dict = {}
    for op in ops:
        by_cell.setdefault(_address_key(op.cell), []).append(op)
    for key in sorted(by_cell, key=lambda cell: position.get(cell, len(position))):
        for op in by_cell[key]:
            rng = sheet.range(op.cell)
            _set_note(rng, rng.note if key in present else None, op.text)
            if op.text is None:
                present.discard(key)
            else:
                present.add(key)
    return True


def _hyperlink(book, sheet, op: sp.Hyperlink):
    rng = sheet.range(op.cell)
    if op.text is not None:
        text = op.text
    else:  # keep what the cell shows, as the command line does
        current = rng.value
        text = op.target.lstrip("#") if current in (None, "") else str(current)
    # The screen tip is ours: xlwings' default one is in English.
    rng.add_hyperlink(op.target, text, "Перейти: " + op.target.lstrip("#"))
    if op.text is not None:  # text stays text, whatever its first character
        row, col = sp.parse_address(op.cell)
        value = excel_value(op.text)
        if not (xlwings_remote.is_remote(book) and xlwings_remote.write_rows(sheet, row, col, [[value]])):
            rng.value = value
    rng.font.color = _HYPERLINK_COLOUR


def _merge(book, sheet, op: sp.Merge):
    sheet.range(op.range).merge()


def _widths(book, sheet, op: sp.ColumnWidths):
    points = _uses_points_for_width(book)
    for letter, width in op.widths.items():
        sheet.range(f"{letter}:{letter}").column_width = width_in_points(width) if points else width
    for letter in op.hidden:
        sheet.range(f"{letter}:{letter}").column_width = 0  # what hides a column in Excel and Office.js


def _row_height(book, sheet, op: sp.RowHeight):
    sheet.range(f"{op.row}:{op.row}").row_height = op.height


@dataclass(frozen=True)
class RowsHeight:
    """One height for the rows ``first`` to ``last``: adjacent ``RowHeight``s joined."""

    first: int
    last: int
    height: float


def _rows_height(book, sheet, op: RowsHeight):
    sheet.range(f"{op.first}:{op.last}").row_height = op.height


def freeze_range(cell: str) -> str:
    """The first scrolling cell «C4» -> the frozen cells «A1:B3» (Office.js' ``freezeAt``)."""
    row, col = sp.parse_address(cell)
    rows, cols = row - 1, col - 1
    if rows and cols:
        return f"A1:{sp.address(rows, cols)}"
    if rows:
        return f"1:{rows}"
    return f"A:{sp.column_letter(cols)}"


def _freeze(book, sheet, op: sp.Freeze):
    row, col = sp.parse_address(op.cell)
    if row == 1 and col == 1:
        return
    if is_desktop(book):

        def freeze():
            sheet.activate()
            window = book.app.api.ActiveWindow
            window.FreezePanes = False
            window.SplitRow, window.SplitColumn = row - 1, col - 1
            window.FreezePanes = True

        _desktop(freeze)
        return
    sheet.freeze_panes.freeze_at(freeze_range(op.cell))


def _same_range(a: str, b: str) -> bool:
    return a.replace("$", "").upper() == b.replace("$", "").upper()


def _table(book, sheet, op: sp.Table):
    target = sheet.range(op.range)
    for table in sheet.tables:
        table_range = table.range
        if table.name == op.name or (table_range is not None and _same_range(table_range.address, target.address)):
            if table.name != op.name:
                table.name = op.name
            if table_range is None or not _same_range(table_range.address, target.address):
                table.resize(target)
            table.table_style = op.style
            return
    for other in book.sheets:
        if other.name != sheet.name and op.name in [t.name for t in other.tables]:
            raise RoadmapError(
                f"имя таблицы «{op.name}» уже занято таблицей на листе «{other.name}».",
                sheet=other.name,
                hint="Переименуйте ту таблицу (Конструктор таблиц → Имя таблицы).",
            )
    sheet.tables.add(source=target, name=op.name, table_style_name=op.style)


def _add_conditional_fills(sheet, ops: list) -> None:
    # Excel puts a new rule on top of the others; adding in reverse keeps the
    # plan's order (first op = highest priority), which is openpyxl's order.
    for op in reversed(ops):
        sheet.range(op.range).conditional_formats.add_custom(
            "=" + op.formula.lstrip("="), fill_color="#" + op.colour, stop_if_true=op.stop
        )


def _clear_conditional(book, sheet, op: sp.ClearConditionalFormats):
    rng = sheet.range(op.range) if op.range else sheet.cells
    rng.conditional_formats.clear()


_SHEET_RANGE = re.compile(r"^=?(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)$")


def _validation_source(book, source: str):
    text = source.strip()
    match = _SHEET_RANGE.match(text)
    if match:
        sheet_name = (match.group(1) or match.group(2)).replace("''", "'")
        return book.sheets[sheet_name].range(match.group(3).replace("$", ""))
    bare = text.lstrip("=")
    if bare.startswith('"') and bare.endswith('"'):
        return [item.strip() for item in bare.strip('"').split(",") if item.strip()]
    return book.names[bare]


def _validation(book, sheet, op: sp.ListValidation):
    rng = sheet.range(op.range)
    rng.data_validation.set_list(_validation_source(book, op.source))
    if is_desktop(book):

        def messages():
            validation = rng.api.Validation
            validation.AlertStyle = 2 if op.allow_other else 1  # xlValidAlertWarning / Stop
            validation.ErrorTitle = "Значение не из списка"
            validation.ErrorMessage = "Выберите значение из списка (лист «Справочники»)."

        _desktop(messages)


def _defined_name(book, sheet, op: sp.DefinedName):
    refers_to = op.refers_to if op.refers_to.startswith("=") else "=" + op.refers_to
    try:
        existing = book.names[op.name]
    except (KeyError, Exception):
        existing = None
    if existing is not None:
        existing.refers_to = refers_to
    else:
        book.names.add(op.name, refers_to)


def _page_setup(book, sheet, op: sp.PageSetup):
    # xlwings has no page-setup API beyond the print area; desktop Excel gets the rest via COM.
    if op.print_area:
        sheet.page_setup.print_area = op.print_area
    if not is_desktop(book):
        return

    def setup():
        page = sheet.api.PageSetup
        page.Orientation = 2 if op.landscape else 1  # xlLandscape / xlPortrait
        page.PaperSize = 9  # xlPaperA4
        if op.fit_width:
            page.Zoom = False
            page.FitToPagesWide = op.pages_wide
            page.FitToPagesTall = False
        if op.title_rows:
            start, _, end = op.title_rows.partition(":")
            page.PrintTitleRows = f"${start}:${end or start}"
        if op.title_columns:
            start, _, end = op.title_columns.partition(":")
            page.PrintTitleColumns = f"${start}:${end or start}"

    _desktop(setup)


def _tab_colour(book, sheet, colour: str) -> None:
    if is_desktop(book):
        red, green, blue = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
        _desktop(lambda: setattr(sheet.api.Tab, "Color", red + green * 256 + blue * 65536))


def _protect(book, sheet, op: sp.Protect):
    # Office.js has no protection through xlwings; desktop Excel gets it via COM.
    if not is_desktop(book):
        return

    def protect():
        for rng in op.unlocked:
            sheet.range(rng).api.Locked = False
        sheet.api.Protect(
            Password=op.password or "",
            AllowFiltering=True,
            AllowSorting=True,
            AllowInsertingRows=True,
            AllowInsertingHyperlinks=True,
            AllowFormattingRows=True,
            AllowFormattingColumns=True,
            AllowFormattingCells=True,
        )

    _desktop(protect)


# --- joining ---------------------------------------------------------------------
#: Fills joined at most over this many cells in one run (the check that no cell is filled twice
#: holds them all in a set).
MAX_JOINED_CELLS = 200_000


def joined_ops(ops: Sequence[Any]) -> list:
    """``ops`` with each run of adjacent ``Fill`` and ``RowHeight`` operations given in as few
    ranges as set the same cells: fills of one colour on adjacent cells as one rectangle,
    adjacent rows of one height as one range of rows.

    A form of 20,000 activities colours thousands of single cells and sets a height for
    every row; each is an action the remote engine queues and Office.js (or COM) carries
    out one by one. Within a run the order does not matter (a fill and a row height touch
    different settings), as long as no cell is filled twice: a run where one is, or where a
    range is not a plain address, is left as it is.
    """
    out: list = []
    run: list = []
    for op in ops:
        if op.__class__ is sp.Fill or op.__class__ is sp.RowHeight:
            run.append(op)
            continue
        if run:
            out.extend(_joined(run))
            run = []
        out.append(op)
    if run:
        out.extend(_joined(run))
    return out


_PLAIN_RANGE = re.compile(r"^([A-Z]{1,3})([1-9][0-9]*)(?::([A-Z]{1,3})([1-9][0-9]*))?$")


def _joined(run: list) -> list:
    if len(run) < 2:
        return run
    heights: dict = {}
    fills: list = []
    area = 0
    columns: dict = {}  # «AB» -> 28, for the few columns a run touches
    for op in run:
        if op.__class__ is sp.RowHeight:
            heights[op.row] = op.height  # the last height of a row wins, as it would in turn
            continue
        match = _PLAIN_RANGE.match(op.range)
        if match is None:  # a whole column or row («A:A»), a name: left as it is
            return run
        first_col, first_row, last_col, last_row = match.groups()
        r1, c1 = int(first_row), columns.get(first_col) or columns.setdefault(first_col, sp.column_index(first_col))
        if last_col is None:
            r2, c2 = r1, c1
        else:
            r2, c2 = int(last_row), columns.get(last_col) or columns.setdefault(last_col, sp.column_index(last_col))
            if r2 < r1 or c2 < c1:
                return run
        area += (r2 - r1 + 1) * (c2 - c1 + 1)
        fills.append((r1, c1, r2, c2, op.colour))
    if area > MAX_JOINED_CELLS or not _disjoint(fills, area):
        return run
    return _joined_fills(fills) + _joined_heights(heights)


def _disjoint(fills: list, area: int) -> bool:
    cells: set = set()
    for r1, c1, r2, c2, _colour in fills:
        for row in range(r1, r2 + 1):
            base = row * 20_000  # more than Excel's 16,384 columns
            cells.update(range(base + c1, base + c2 + 1))
    return len(cells) == area


def _joined_fills(fills: list) -> list:
    # across: a fill that goes on where the one before it ended, in the same rows and colour
    across: list = []
    for fill in fills:
        if across:
            r1, c1, r2, c2, colour = across[-1]
            if fill[4] == colour and fill[0] == r1 and fill[2] == r2 and fill[1] == c2 + 1:
                across[-1] = (r1, c1, r2, fill[3], colour)
                continue
        across.append(fill)
    # then down: blocks of the same columns and colour one under another
    columns: dict = {}
    for r1, c1, r2, c2, colour in across:
        columns.setdefault((colour, c1, c2), []).append((r1, r2))
    out = []
    for (colour, c1, c2), spans in columns.items():
        for r1, r2 in _runs(spans):
            out.append(sp.Fill(sp.range_address(r1, c1, r2 - r1 + 1, c2 - c1 + 1), colour))
    return out


def _runs(spans: list) -> list:
    """Disjoint (first, last) spans joined where one ends just before the next begins."""
    spans.sort()
    joined = [spans[0]]
    for first, last in spans[1:]:
        if first == joined[-1][1] + 1:
            joined[-1] = (joined[-1][0], last)
        else:
            joined.append((first, last))
    return joined


def _joined_heights(heights: dict) -> list:
    out: list = []
    for row in sorted(heights):
        height = heights[row]
        if out and out[-1].last == row - 1 and out[-1].height == height:
            out[-1] = RowsHeight(out[-1].first, row, height)
        else:
            out.append(RowsHeight(row, row, height))
    return [sp.RowHeight(op.first, op.height) if op.first == op.last else op for op in out]


#: Operation type -> its applier (book, sheet, the operation of that type).
_APPLY: Dict[type, Callable[[Any, Any, Any], None]] = {
    sp.Values: _values,
    sp.ClearContents: _clear,
    sp.Fill: _fill,
    sp.Font: _font,
    sp.Wrap: _wrap,
    sp.NumberFormat: _number_format,
    sp.Border: _border,
    sp.Note: _note,
    sp.Hyperlink: _hyperlink,
    sp.Merge: _merge,
    sp.ColumnWidths: _widths,
    sp.RowHeight: _row_height,
    RowsHeight: _rows_height,
    sp.Freeze: _freeze,
    sp.Table: _table,
    sp.ClearConditionalFormats: _clear_conditional,
    sp.ListValidation: _validation,
    sp.DefinedName: _defined_name,
    sp.PageSetup: _page_setup,
    sp.Protect: _protect,
}


def apply(book, plan: sp.SheetPlan) -> None:
    """Apply one plan to an ``xlwings.Book``."""
    sheet = sheet_for_plan(book, plan)
    if plan.tab_colour:
        _tab_colour(book, sheet, plan.tab_colour)
    pending_rules: list = []
    remote = xlwings_remote.is_remote(book)
    notes: list = []
    for op in joined_ops(plan.ops):
        if isinstance(op, sp.ConditionalFill):
            pending_rules.append(op)
            continue
        if remote and op.__class__ is sp.Note:
            notes.append(op)
            continue
        if isinstance(op, sp.ClearConditionalFormats) and pending_rules:
            _add_conditional_fills(sheet, pending_rules)
            pending_rules = []
        _APPLY[type(op)](book, sheet, op)
    _add_conditional_fills(sheet, pending_rules)
    if notes and not remote_notes(sheet, notes):
        for op in notes:
            _note(book, sheet, op)


def apply_plans(book, plans: Sequence[sp.SheetPlan]) -> None:
    for plan in plans:
        apply(book, plan)
