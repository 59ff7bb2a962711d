"""Applies a ``SheetPlan`` to an openpyxl workbook (the command line's door)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Callable, Dict, Sequence, Tuple

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, PatternFill, Side
from openpyxl.styles import Border as XBorder
from openpyxl.styles import Font as XFont
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE, BUILTIN_FORMATS_REVERSE
from openpyxl.workbook.defined_name import DefinedName as XDefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table as XTable
from openpyxl.worksheet.table import TableStyleInfo

from roadmap_tools.sheetplan import operations as sp

_THIN = Side(style="thin", color="808080")
_HYPERLINK_FONT = XFont(color="0563C1", underline="single")


def set_cell_value(cell, value) -> None:
    """Write a value; text stays text even when it starts with =, +, - or @.

    Characters no worksheet can hold (control characters) are dropped rather than
    failing the whole job.
    """
    if isinstance(value, sp.Formula):
        cell.value = value.text
        return
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        value = value.date()
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the first character
    if isinstance(value, date) and not isinstance(value, datetime):
        if cell.number_format in ("General", ""):
            cell.number_format = "DD.MM.YYYY"


def _writable(ws, row: int, column: int):
    """The cell at (row, column), unmerging the merged range that hides it.

    A value meant for a cell the user merged over (a status, a note) must land there,
    not vanish or fail the job; the merged range's text stays in its first cell.
    """
    cell = ws.cell(row=row, column=column)
    if isinstance(cell, MergedCell):
        for merged in list(ws.merged_cells.ranges):
            if cell.coordinate in merged:
                ws.unmerge_cells(str(merged))
                break
        cell = ws.cell(row=row, column=column)
    return cell


#: Attribute of a sheet: the (first, last) row spans whose cells another writer puts in the file
#: (``openpyxl_streamed``); style operations pass over them, their cells taking the row above's.
ROWS_WRITTEN_ELSEWHERE = "_roadmap_rows_written_elsewhere"


def _cells(ws, rng: str):
    min_row, min_col, max_row, max_col = sp.bounds(rng)
    for first, last in _own_rows(ws, min_row, max_row):
        for row in ws.iter_rows(min_row=first, max_row=last, min_col=min_col, max_col=max_col):
            yield from row


def _own_rows(ws, first: int, last: int):
    """The spans of rows ``first``..``last`` that hold the sheet's own cells."""
    for held_first, held_last in sorted(getattr(ws, ROWS_WRITTEN_ELSEWHERE, ())):
        if held_last < first or held_first > last:
            continue
        if held_first > first:
            yield first, held_first - 1
        first = held_last + 1
    if first <= last:
        yield first, last


def _get_sheet(workbook, plan: sp.SheetPlan):
    if plan.sheet in workbook.sheetnames:
        ws = workbook[plan.sheet]
        if plan.reset:
            index = workbook.sheetnames.index(plan.sheet)
            workbook.remove(ws)
            ws = workbook.create_sheet(plan.sheet, index)
        return ws
    if not plan.create:
        from roadmap_tools.errors import RoadmapError

        raise RoadmapError(f"в книге нет листа «{plan.sheet}».", hint="Восстановите лист или создайте книгу заново.")
    index = plan.index if plan.index is not None else len(workbook.sheetnames)
    return workbook.create_sheet(plan.sheet, index)


def apply(workbook, plan: sp.SheetPlan, rows_written_elsewhere: Sequence[Tuple[int, int]] = ()) -> None:
    """Apply ``plan``; ``rows_written_elsewhere``: (first, last) spans of rows whose cells
    ``openpyxl_streamed`` writes into the file, which style operations pass over."""
    ws = _get_sheet(workbook, plan)
    if rows_written_elsewhere:
        setattr(ws, ROWS_WRITTEN_ELSEWHERE, tuple(rows_written_elsewhere))
    if plan.tab_colour:
        ws.sheet_properties.tabColor = plan.tab_colour
    for op in plan.ops:
        _APPLY[type(op)](workbook, ws, op)


def _values(wb, ws, op: sp.Values):
    row0, col0 = sp.parse_address(op.cell)
    if ws.merged_cells.ranges:
        for r, row in enumerate(op.rows):
            for c, value in enumerate(row):
                set_cell_value(_writable(ws, row0 + r, col0 + c), value)
        return
    # no merged cell to unmerge: the cells straight from the sheet's dictionary, and text (most
    # of a summary's 200,000 cells) stored as ``set_cell_value`` stores it without openpyxl
    # checking each string a second time
    cells = ws._cells
    for r, row in enumerate(op.rows, start=row0):
        for c, value in enumerate(row, start=col0):
            cell = cells.get((r, c))
            if cell is None:
                cell = ws._get_cell(r, c)
            store_value(cell, value)


def store_value(cell, value) -> None:
    """``set_cell_value``, with text (most of what a summary writes) stored without openpyxl
    checking each string a second time."""
    if type(value) is str:
        cell._value = ILLEGAL_CHARACTERS_RE.sub("", value)[:32767]
        cell.data_type = "s"
    else:
        set_cell_value(cell, value)


def _clear(wb, ws, op: sp.ClearContents):
    for cell in _cells(ws, op.range):
        if not isinstance(cell, MergedCell):
            cell.value = None


def _style_array(cell) -> StyleArray:
    if not cell._style:
        cell._style = StyleArray()
    return cell._style


def _set_style(ws, rng: str, key: str, style_id: int) -> None:
    """What ``cell.fill = fill`` (or border, alignment, number format) does to every cell of
    ``rng``, with the style looked up once for the range: openpyxl hashes the style object
    on every assignment (hashing an Alignment per cell made a 10,000-row import take 20 s)."""
    for cell in _cells(ws, rng):
        setattr(_style_array(cell), key, style_id)


def _fill(wb, ws, op: sp.Fill):
    fill = (
        PatternFill(fill_type="solid", start_color=op.colour, end_color=op.colour)
        if op.colour
        else PatternFill(fill_type=None)
    )
    _set_style(ws, op.range, "fillId", wb._fills.add(fill))


def _font(wb, ws, op: sp.Font):
    # the new font depends on the cell's own: looked up once per distinct font of the range
    new_ids: dict = {}
    for cell in _cells(ws, op.range):
        style = _style_array(cell)
        if style.fontId not in new_ids:
            f = wb._fonts[style.fontId]
            new_ids[style.fontId] = wb._fonts.add(
                XFont(
                    name=f.name,
                    size=op.size or f.size,
                    bold=f.bold if op.bold is None else op.bold,
                    italic=f.italic if op.italic is None else op.italic,
                    color=op.colour or f.color,
                    underline=f.underline,
                )
            )
        style.fontId = new_ids[style.fontId]


def _wrap(wb, ws, op: sp.Wrap):
    alignment = Alignment(wrap_text=True, vertical=op.vertical, horizontal=op.horizontal)
    _set_style(ws, op.range, "alignmentId", wb._alignments.add(alignment))


def _number_format(wb, ws, op: sp.NumberFormat):
    # what openpyxl's NumberFormatDescriptor computes for each cell
    if op.format in BUILTIN_FORMATS_REVERSE:
        format_id = BUILTIN_FORMATS_REVERSE[op.format]
    else:
        format_id = wb._number_formats.add(op.format) + BUILTIN_FORMATS_MAX_SIZE
    _set_style(ws, op.range, "numFmtId", format_id)


def _border(wb, ws, op: sp.Border):
    border = XBorder(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
    _set_style(ws, op.range, "borderId", wb._borders.add(border))


def _note(wb, ws, op: sp.Note):
    cell = _writable(ws, *sp.parse_address(op.cell))
    if op.text is None:
        cell.comment = None
    else:
        comment = Comment(op.text, op.author)
        comment.width, comment.height = 300, 120
        cell.comment = comment


def _hyperlink(wb, ws, op: sp.Hyperlink):
    cell = _writable(ws, *sp.parse_address(op.cell))
    if op.target.startswith("#"):
        cell.hyperlink = None
        from openpyxl.worksheet.hyperlink import Hyperlink as XHyperlink

        cell.hyperlink = XHyperlink(ref=cell.coordinate, location=op.target[1:], display=op.text)
    else:
        cell.hyperlink = op.target
    if op.text is not None:
        set_cell_value(cell, op.text)
    cell.font = _HYPERLINK_FONT


def _merge(wb, ws, op: sp.Merge):
    ws.merge_cells(op.range)


def _widths(wb, ws, op: sp.ColumnWidths):
    for letter, width in op.widths.items():
        ws.column_dimensions[letter].width = width
    for letter in op.hidden:
        ws.column_dimensions[letter].hidden = True


def _row_height(wb, ws, op: sp.RowHeight):
    ws.row_dimensions[op.row].height = op.height


def _freeze(wb, ws, op: sp.Freeze):
    ws.freeze_panes = op.cell


def _table(wb, ws, op: sp.Table):
    for name in list(ws.tables):
        if name == op.name or _overlaps(ws.tables[name].ref, op.range):
            del ws.tables[name]
    for other in wb.worksheets:  # table names are unique in a workbook
        if other is not ws and op.name in other.tables:
            del other.tables[op.name]
    table = XTable(displayName=op.name, ref=op.range)
    table.tableStyleInfo = TableStyleInfo(name=op.style, showRowStripes=True)
    ws.add_table(table)


def _conditional(wb, ws, op: sp.ConditionalFill):
    fill = PatternFill(fill_type="solid", start_color=op.colour, end_color=op.colour, bgColor=op.colour)
    ws.conditional_formatting.add(
        op.range, FormulaRule(formula=[op.formula.lstrip("=")], fill=fill, stopIfTrue=op.stop)
    )


def _clear_conditional(wb, ws, op: sp.ClearConditionalFormats):
    from openpyxl.formatting.formatting import ConditionalFormattingList

    if op.range is None:
        ws.conditional_formatting = ConditionalFormattingList()
        return
    kept = ConditionalFormattingList()
    for cf in ws.conditional_formatting:
        if str(cf.sqref) != op.range:
            for rule in cf.rules:
                kept.add(str(cf.sqref), rule)
    # renumber what is kept 1..n, so clearing and adding again gives the same priorities
    rules = sorted((rule for cf in kept for rule in cf.rules), key=lambda r: r.priority or 0)
    for priority, rule in enumerate(rules, start=1):
        rule.priority = priority
    kept.max_priority = len(rules)
    ws.conditional_formatting = kept


def _overlaps(first: str, second: str) -> bool:
    r1, c1, r2, c2 = sp.bounds(first)
    s1, d1, s2, d2 = sp.bounds(second)
    return r1 <= s2 and s1 <= r2 and c1 <= d2 and d1 <= c2


def _validation(wb, ws, op: sp.ListValidation):
    # one list per cell: a list written before on (part of) these cells is replaced
    for dv in list(ws.data_validations.dataValidation):
        if dv.type == "list" and any(_overlaps(str(r), op.range) for r in dv.sqref.ranges):
            ws.data_validations.dataValidation.remove(dv)
    dv = DataValidation(
        type="list",
        formula1=op.source.lstrip("="),
        allow_blank=True,
        errorStyle="warning" if op.allow_other else "stop",
        errorTitle="Значение не из списка",
        error="Выберите значение из списка (лист «Справочники»).",
    )
    dv.add(op.range)
    ws.add_data_validation(dv)


def _defined_name(wb, ws, op: sp.DefinedName):
    if op.name in wb.defined_names:
        del wb.defined_names[op.name]
    wb.defined_names[op.name] = XDefinedName(op.name, attr_text=op.refers_to.lstrip("="))


def _page_setup(wb, ws, op: sp.PageSetup):
    ws.page_setup.orientation = "landscape" if op.landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if op.fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = op.pages_wide
        ws.page_setup.fitToHeight = 0
    if op.title_rows:
        ws.print_title_rows = op.title_rows
    if op.title_columns:
        ws.print_title_cols = op.title_columns
    if op.print_area:
        ws.print_area = op.print_area
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


def _protect(wb, ws, op: sp.Protect):
    from openpyxl.styles import Protection

    for rng in op.unlocked:
        for cell in _cells(ws, rng):
            cell.protection = Protection(locked=False)
    protection = ws.protection
    protection.sheet = True
    if op.password:
        protection.password = op.password
    # what an executor may still do on a protected sheet (False: allowed)
    for allowed in (
        "autoFilter",
        "sort",
        "insertRows",
        "insertHyperlinks",
        "formatRows",
        "formatColumns",
        "formatCells",
    ):
        setattr(protection, allowed, False)


#: Operation type -> its applier (workbook, worksheet, the operation of that type).
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
    sp.Freeze: _freeze,
    sp.Table: _table,
    sp.ConditionalFill: _conditional,
    sp.ClearConditionalFormats: _clear_conditional,
    sp.ListValidation: _validation,
    sp.DefinedName: _defined_name,
    sp.PageSetup: _page_setup,
    sp.Protect: _protect,
}
