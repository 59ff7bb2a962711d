"""Test harness for the Excel door: xlwings' remote engine on a real workbook.

``book_json_from_xlsx`` builds the JSON an Office.js client (xlwings Lite, xlwings
Server) sends for a workbook; ``xw.Book(json=...)`` opens it in the remote engine,
where every write becomes an action. ``apply_actions`` plays those actions onto an
openpyxl copy of the workbook the way Excel would, and ``assert_same_workbooks``
compares the result with what the command line wrote.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime, time
from pathlib import Path
from typing import Optional

import openpyxl
import xlwings
from openpyxl.comments import Comment
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableStyleInfo

MAX_ROWS, MAX_COLUMNS = 1048576, 16384


def enable_remote_engine(monkeypatch) -> None:
    """Turn on xlwings' remote engine with the non-commercial licence, for this test only.

    xlwings registers its engines when it is first imported, which happens at test
    collection; so the engine is registered here, after the key is set.
    """
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    if "remote" not in [engine.name for engine in xlwings.engines]:
        from xlwings.pro import _xlremote

        engines = xlwings.engines
        monkeypatch.setattr(engines, "engines", list(engines.engines))
        monkeypatch.setattr(engines, "engines_by_name", dict(engines.engines_by_name))
        engines.add(xlwings.main.Engine(impl=_xlremote.engine))
    monkeypatch.setattr(xlwings, "__pro__", True)


# --- the client's JSON ------------------------------------------------------------
def _json_value(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, date):
        return datetime.combine(value, time()).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, time):
        return value.isoformat()
    return value


def _a1(row: int, col: int, absolute: bool = False) -> str:
    d = "$" if absolute else ""
    return f"{d}{get_column_letter(col)}{d}{row}"


def _range_a1(min_row, min_col, max_row, max_col, absolute=False) -> str:
    first = _a1(min_row, min_col, absolute)
    return first if (min_row, min_col) == (max_row, max_col) else f"{first}:{_a1(max_row, max_col, absolute)}"


def book_json_from_xlsx(path, name: Optional[str] = None) -> dict:
    """The JSON xlwings' Office.js client sends for the workbook at ``path``.

    ``name`` is the book name (the desktop engine's ``fullname`` is a full path; pass
    one to test the buttons that write files next to the workbook).
    """
    path = Path(path)
    values_wb = openpyxl.load_workbook(path, data_only=True)
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws, vs in zip(wb.worksheets, values_wb.worksheets):
        cells = [c for row in vs.iter_rows() for c in row if c.value is not None]
        if cells:
            max_row = max(c.row for c in cells)
            max_col = max(c.column for c in cells)
            values = [
                [_json_value(v) for v in row]
                for row in vs.iter_rows(min_row=1, max_row=max_row, max_col=max_col, values_only=True)
            ]
            used = _range_a1(1, 1, max_row, max_col, absolute=True)
        else:
            values, used = [[]], None
        tables = []
        for table in ws.tables.values():
            min_col, min_row, max_col, max_row = range_boundaries(table.ref)
            header = _range_a1(min_row, min_col, min_row, max_col, True)
            body = _range_a1(min_row + 1, min_col, max_row, max_col, True) if max_row > min_row else None
            tables.append(
                {
                    "name": table.displayName,
                    "range_address": _range_a1(min_row, min_col, max_row, max_col, True),
                    "header_row_range_address": header,
                    "data_body_range_address": body,
                    "total_row_range_address": None,
                    "show_headers": True,
                    "show_totals": False,
                    "table_style": table.tableStyleInfo.name if table.tableStyleInfo else "",
                    "show_autofilter": True,
                    "show_table_style_first_column": False,
                    "show_table_style_last_column": False,
                    "show_table_style_row_stripes": True,
                    "show_table_style_column_stripes": False,
                    "columns": [{"name": c.name} for c in table.tableColumns],
                    "row_count": max_row - min_row,
                    "column_count": max_col - min_col + 1,
                }
            )
        sheets.append(
            {
                "name": ws.title,
                "values": values,
                "used_range_address": used,
                "visibility": "Visible" if ws.sheet_state == "visible" else "Hidden",
                "pictures": [],
                "shapes": [],
                "charts": [],
                "pivot_tables": [],
                "tables": tables,
                "notes": [{"address": _a1(c.row, c.column, True)} for row in ws.iter_rows() for c in row if c.comment],
                "print_area": None,
                "show_gridlines": True,
            }
        )
    names = []
    for defined in wb.defined_names.values():
        names.append(_name_json(wb, defined.name, "=" + defined.attr_text))
    return {
        "client": "Office.js",
        "version": xlwings.__version__,
        "book": {"name": name or path.name, "active_sheet_index": wb.worksheets.index(wb.active), "selection": "A1"},
        "names": names,
        "sheets": sheets,
    }


_NAME_REF = re.compile(r"^=(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$")


def _name_json(wb, name: str, refers_to: str) -> dict:
    match = _NAME_REF.match(refers_to)
    sheet_index = address = None
    if match:
        sheet_name = (match.group(1) or match.group(2)).replace("''", "'")
        if sheet_name in wb.sheetnames:
            sheet_index = wb.sheetnames.index(sheet_name)
            address = match.group(3).replace("$", "")
    return {
        "name": name,
        "refers_to": refers_to,
        "sheet_index": sheet_index,
        "address": address,
        "book_scope": True,
        "scope_sheet_name": None,
        "scope_sheet_index": None,
    }


def remote_book(path, name: Optional[str] = None):
    """``xw.Book`` in the remote engine, opened on the JSON of the workbook at ``path``."""
    return xlwings.Book(json=book_json_from_xlsx(path, name))


# --- playing the actions back ----------------------------------------------------
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_THIN = Side(style="thin", color="808080")


def typed_value(value):
    """What Excel stores when a client writes ``value`` into a cell (like typing it)."""
    if value == "" or value is None:
        return None
    if isinstance(value, str):
        if value.startswith("'"):
            return value[1:]
        if value.startswith("="):
            return value  # a formula
        if _ISO_DATE.match(value):
            return date.fromisoformat(value)
        if _ISO_DATETIME.match(value):
            return datetime.fromisoformat(value)
        if _NUMBER.match(value):
            return float(value) if "." in value else int(value)
    return value


def _cells(ws, action):
    r0, c0 = action["start_row"] + 1, action["start_column"] + 1
    rows, cols = action["row_count"], action["column_count"]
    rows = min(rows, max(ws.max_row - r0 + 1, 0)) if rows == MAX_ROWS else rows
    cols = min(cols, max(ws.max_column - c0 + 1, 0)) if cols == MAX_COLUMNS else cols
    for r in range(r0, r0 + rows):
        for c in range(c0, c0 + cols):
            yield ws.cell(row=r, column=c)


def _ref(action) -> str:
    r0, c0 = action["start_row"] + 1, action["start_column"] + 1
    return _range_a1(r0, c0, r0 + action["row_count"] - 1, c0 + action["column_count"] - 1)


def _hex(colour: Optional[str]) -> Optional[str]:
    return colour.lstrip("#").upper() if colour else None


class ActionPlayer:
    """Applies xlwings remote actions to an openpyxl workbook, as Excel would."""

    def __init__(self, workbook):
        self.wb = workbook
        self.alerts: list = []
        self.borders: dict = {}

    def sheet(self, action):
        return self.wb.worksheets[action["sheet_position"]]

    def play(self, actions) -> None:
        for action in actions:
            handler = getattr(self, "do_" + action["func"], None)
            assert handler is not None, f"the harness does not know the action {action['func']!r}"
            handler(action)

    # values
    def do_setValues(self, a):
        ws = self.sheet(a)
        for i, row in enumerate(a["values"]):
            for j, value in enumerate(row):
                cell = ws.cell(row=a["start_row"] + 1 + i, column=a["start_column"] + 1 + j)
                typed = typed_value(value)
                cell.value = typed
                if isinstance(typed, str) and not (isinstance(value, str) and value.startswith("=")):
                    cell.data_type = "s"

    def do_rangeClearContents(self, a):
        for cell in _cells(self.sheet(a), a):
            if cell.__class__.__name__ != "MergedCell":
                cell.value = None

    # formats
    def do_setRangeColor(self, a):
        colour = _hex(a["args"][0])
        fill = (
            PatternFill(fill_type="solid", start_color=colour, end_color=colour)
            if colour
            else PatternFill(fill_type=None)
        )
        for cell in _cells(self.sheet(a), a):
            cell.fill = fill

    def do_setFontProperty(self, a):
        prop, value = a["args"]
        for cell in _cells(self.sheet(a), a):
            f = cell.font
            kwargs = dict(name=f.name, size=f.size, bold=f.bold, italic=f.italic, color=f.color, underline=f.underline)
            kwargs[prop] = _hex(value) if prop == "color" else value
            cell.font = Font(**kwargs)

    def _align(self, a, **changes):
        for cell in _cells(self.sheet(a), a):
            al = cell.alignment
            values = dict(wrap_text=al.wrap_text, vertical=al.vertical, horizontal=al.horizontal)
            values.update(changes)
            cell.alignment = Alignment(**values)

    def do_setWrapText(self, a):
        self._align(a, wrap_text=a["args"][0])

    def do_setVerticalAlignment(self, a):
        self._align(a, vertical=a["args"][0].lower())

    def do_setHorizontalAlignment(self, a):
        self._align(a, horizontal=a["args"][0].lower())

    def do_setNumberFormat(self, a):
        for cell in _cells(self.sheet(a), a):
            cell.number_format = a["args"][0]

    def do_setBorderProperty(self, a):
        side, prop, value = a["args"]
        if prop != "line_style" or value not in ("continuous",):
            return
        ws = self.sheet(a)
        r0, c0 = a["start_row"] + 1, a["start_column"] + 1
        r1, c1 = r0 + a["row_count"] - 1, c0 + a["column_count"] - 1
        for cell in _cells(ws, a):
            b = cell.border
            sides = dict(left=b.left, right=b.right, top=b.top, bottom=b.bottom)
            if side == "edge_top" and cell.row == r0 or side == "inside_horizontal" and cell.row > r0:
                sides["top"] = _THIN
            if side == "edge_bottom" and cell.row == r1 or side == "inside_horizontal" and cell.row < r1:
                sides["bottom"] = _THIN
            if side == "edge_left" and cell.column == c0 or side == "inside_vertical" and cell.column > c0:
                sides["left"] = _THIN
            if side == "edge_right" and cell.column == c1 or side == "inside_vertical" and cell.column < c1:
                sides["right"] = _THIN
            cell.border = Border(**sides)

    def do_rangeMerge(self, a):
        self.sheet(a).merge_cells(_ref(a))

    def do_setColumnWidth(self, a):
        ws = self.sheet(a)
        characters = round((a["args"][0] / 0.75 - 5) / 7, 2)
        for c in range(a["start_column"] + 1, a["start_column"] + 1 + a["column_count"]):
            if a["args"][0] == 0:  # Excel hides a column of width 0
                ws.column_dimensions[get_column_letter(c)].hidden = True
            else:
                ws.column_dimensions[get_column_letter(c)].width = characters

    def do_setRowHeight(self, a):
        ws = self.sheet(a)
        for r in range(a["start_row"] + 1, a["start_row"] + 1 + a["row_count"]):
            ws.row_dimensions[r].height = a["args"][0]

    def do_freezePaneAtRange(self, a):
        ref = a["args"][0].replace("$", "")
        if re.fullmatch(r"\d+:\d+", ref):
            first_scrolling = f"A{int(ref.split(':')[1]) + 1}"
        elif re.fullmatch(r"[A-Z]+:[A-Z]+", ref):
            first_scrolling = f"{get_column_letter(openpyxl.utils.column_index_from_string(ref.split(':')[1]) + 1)}1"
        else:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
            first_scrolling = _a1(max_row + 1, max_col + 1)
        self.sheet(a).freeze_panes = first_scrolling

    # notes, links
    def do_addNote(self, a):
        address, text = a["args"]
        self.sheet(a)[address.replace("$", "")].comment = Comment(text, "Excel")

    def do_setNoteText(self, a):
        address, text = a["args"]
        self.sheet(a)[address.replace("$", "")].comment = Comment(text, "Excel")

    def do_deleteNote(self, a):
        self.sheet(a)[a["args"][0].replace("$", "")].comment = None

    def do_addHyperlink(self, a):
        address, text, _tip = a["args"]
        cell = self.wb.worksheets[a["sheet_position"]].cell(row=a["start_row"] + 1, column=a["start_column"] + 1)
        if address.startswith("#"):
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=address[1:], display=text)
        else:
            cell.hyperlink = address
        cell.value = text
        cell.data_type = "s"

    # tables, rules, validation, names
    def do_addTable(self, a):
        address, _has_headers, style, name = a["args"]
        table = Table(displayName=name, ref=address.replace("$", ""))
        table.tableStyleInfo = TableStyleInfo(name=style, showRowStripes=True)
        self.sheet(a).add_table(table)

    def _table_at(self, a):
        ws = self.sheet(a)
        return ws, list(ws.tables.values())[a["args"][0]]

    def do_resizeTable(self, a):
        _ws, table = self._table_at(a)
        table.ref = a["args"][1].replace("$", "")

    def do_setTableName(self, a):
        ws, table = self._table_at(a)
        old = table.displayName
        table.displayName = table.name = a["args"][1]
        ws.tables[a["args"][1]] = ws.tables.pop(old)

    def do_setTableStyle(self, a):
        _ws, table = self._table_at(a)
        table.tableStyleInfo = TableStyleInfo(name=a["args"][1], showRowStripes=True)

    def do_addConditionalFormat(self, a):
        entry = a["args"][0]
        assert entry["type"] == "Custom", entry
        ws = self.sheet(a)
        colour = _hex(entry["fill_color"])
        fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour, bgColor=colour)
        rule = FormulaRule(formula=[entry["formula"].lstrip("=")], fill=fill, stopIfTrue=entry["stop_if_true"])
        # Excel puts the new rule on top of the sheet's others.
        kept = [(str(cf.sqref), r) for cf in ws.conditional_formatting for r in cf.rules]
        kept.sort(key=lambda item: item[1].priority)
        fresh = ConditionalFormattingList()
        rule.priority = 1
        fresh.add(_ref(a), rule)
        for priority, (ref, old) in enumerate(kept, start=2):
            old.priority = priority
            fresh.add(ref, old)
        ws.conditional_formatting = fresh

    def do_clearConditionalFormats(self, a):
        ws = self.sheet(a)
        if a["row_count"] == MAX_ROWS and a["column_count"] == MAX_COLUMNS:
            ws.conditional_formatting = ConditionalFormattingList()
            return
        target = range_boundaries(_ref(a))
        kept = ConditionalFormattingList()
        for cf in ws.conditional_formatting:
            inside = all(_within(range_boundaries(str(part)), target) for part in str(cf.sqref).split())
            if not inside:
                for rule in cf.rules:
                    kept.add(str(cf.sqref), rule)
        ws.conditional_formatting = kept

    def do_setDataValidationList(self, a):
        source, _dropdown = a["args"]
        ws = self.sheet(a)
        if source["type"] == "range":
            src_ws = self.wb.worksheets[source["sheet_position"]]
            r0, c0 = source["start_row"] + 1, source["start_column"] + 1
            ref = _range_a1(r0, c0, r0 + source["row_count"] - 1, c0 + source["column_count"] - 1, True)
            formula = f"'{src_ws.title}'!{ref}"
        elif source["type"] == "name":
            formula = source["name"]
        else:
            formula = '"' + ",".join(str(v) for v in source["values"]) + '"'
        ref = _ref(a)
        for dv in list(ws.data_validations.dataValidation):
            if str(dv.sqref) == ref:
                ws.data_validations.dataValidation.remove(dv)
        dv = DataValidation(type="list", formula1=formula, allow_blank=True)
        dv.add(ref)
        ws.add_data_validation(dv)

    def do_namesAdd(self, a):
        name, refers_to = a["args"]
        self.wb.defined_names[name] = DefinedName(name, attr_text=refers_to.lstrip("="))

    def do_setNameRefersTo(self, a):
        name, _book_scope, _scope, refers_to = a["args"]
        self.wb.defined_names[name] = DefinedName(name, attr_text=refers_to.lstrip("="))

    # sheets, book
    def do_addSheet(self, a):
        index, name = a["args"]
        self.wb.create_sheet(name, index)

    def do_sheetDelete(self, a):
        self.wb.remove(self.sheet(a))

    def do_sheetClear(self, a):
        ws = self.sheet(a)
        index = self.wb.worksheets.index(ws)
        title = ws.title
        self.wb.remove(ws)
        self.wb.create_sheet(title, index)

    def do_activateSheet(self, a):
        self.wb.active = a["args"][0]

    def do_setPrintArea(self, a):
        self.sheet(a).print_area = a["args"][0]

    def do_save(self, a):
        pass  # the test compares the workbook in memory

    def do_alert(self, a):
        self.alerts.append({"prompt": a["args"][0], "title": a["args"][1], "mode": a["args"][3]})


def _within(inner, outer) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def apply_actions(xlsx_path, actions, out_path=None):
    """Play ``actions`` onto a copy of the workbook; returns (openpyxl workbook, alerts).

    With ``out_path`` the result is saved there and read back (as the CLI's file is).
    """
    keep_vba = str(xlsx_path).lower().endswith(".xlsm")
    wb = openpyxl.load_workbook(xlsx_path, keep_vba=keep_vba)
    player = ActionPlayer(wb)
    player.play(actions)
    if out_path is not None:
        wb.save(out_path)
        wb = openpyxl.load_workbook(out_path, keep_vba=keep_vba)
    return wb, player.alerts


# --- comparing -------------------------------------------------------------------
def _plain(value):
    if isinstance(value, datetime) and value.time() == time():
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _fill(cell):
    fill = cell.fill
    if fill is None or fill.fill_type != "solid":
        return None
    rgb = fill.fgColor.rgb if fill.fgColor is not None else None
    return rgb[-6:].upper() if isinstance(rgb, str) else None


def _rules(ws):
    rules = []
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            fill = rule.dxf.fill if rule.dxf else None
            colour = None
            if fill is not None:
                colour = (fill.bgColor.rgb or fill.fgColor.rgb or "")[-6:].upper()
            rules.append((rule.priority, str(cf.sqref), tuple(rule.formula), colour, bool(rule.stopIfTrue)))
    return [r[1:] for r in sorted(rules)]


def sheet_snapshot(ws) -> dict:
    """What a user sees on a sheet: values, fills, notes, rules, merges, tables, validation."""
    cells = {}
    for row in ws.iter_rows():
        for cell in row:
            value = _plain(cell.value)
            fill = _fill(cell)
            note = cell.comment.text if cell.comment else None
            link = None
            if cell.hyperlink is not None:
                link = cell.hyperlink.target or ("#" + (cell.hyperlink.location or ""))
            if value is not None or fill or note or link:
                cells[cell.coordinate] = (value, fill, note, link)
    return {
        "cells": cells,
        "rules": _rules(ws),
        "merged": sorted(str(m) for m in ws.merged_cells.ranges),
        "tables": sorted((t.displayName, t.ref) for t in ws.tables.values()),
        "validation": sorted(
            (str(dv.sqref), dv.formula1.replace("$", "").replace("'", "")) for dv in ws.data_validations.dataValidation
        ),
        "freeze": ws.freeze_panes,
    }


def assert_same_workbooks(expected, actual, sheets=None) -> None:
    """The door's workbook shows the same as the command line's, sheet by sheet."""
    names = sheets or expected.sheetnames
    assert [n for n in expected.sheetnames if n in names] == [n for n in actual.sheetnames if n in names]
    for name in names:
        want, got = sheet_snapshot(expected[name]), sheet_snapshot(actual[name])
        for key in want:
            if key == "cells":
                diff = {
                    k: (want["cells"].get(k), got["cells"].get(k))
                    for k in set(want["cells"]) | set(got["cells"])
                    if want["cells"].get(k) != got["cells"].get(k)
                }
                assert not diff, f"sheet «{name}»: cells differ (CLI, door): {dict(sorted(diff.items())[:10])}"
            else:
                assert want[key] == got[key], f"sheet «{name}»: {key} differ: CLI {want[key]!r}, door {got[key]!r}"
    want_names = {n: d.attr_text.replace("$", "").replace("'", "") for n, d in expected.defined_names.items()}
    got_names = {n: d.attr_text.replace("$", "").replace("'", "") for n, d in actual.defined_names.items()}
    assert want_names == got_names


def copy(src, dst) -> Path:
    shutil.copy2(src, dst)
    return Path(dst)
