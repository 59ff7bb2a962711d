"""Excel workbooks (.xlsx, .xlsm) -> each sheet's rows as ``RawRow`` lists (python-calamine)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, List, Optional, Set

from roadmap_tools import safeio
from roadmap_tools.reading.tablerows import RawRow

#: Control characters a cell can smuggle in as ``_x0007_``; no workbook or document can hold them.
_CONTROL = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f]")


def cell_text(value: Any) -> str:
    """A cell's value as the text a reader sees: 1.0 -> «1», a date -> «01.03.2022».

    Control characters are dropped (a vertical tab, Word's line break, becomes one).
    """
    if value is None:
        return ""
    if value.__class__ is str and value.isprintable():
        return value  # no control characters, no line breaks: most cells
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y") if value.time() == time() else value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return _CONTROL.sub("", str(value).replace("\x0b", "\n"))


@dataclass
class SheetRows:
    name: str
    values: list  # rows of raw values (str, float, date, ...), from row 1 and column A
    rows: list  # the same rows as ``RawRow`` with merged cells resolved
    xml: Any = None  # the sheet's XML as lxml parsed it, when read from the archive check's parts


def _raw_rows(values: list, merged: list) -> list:
    """Texts with horizontal merges as None and vertical merges repeated (and marked)."""
    if not merged:  # most forms: each row's texts as they are
        none: frozenset = frozenset()
        return [RawRow(tuple(map(cell_text, row)), none, index) for index, row in enumerate(values, start=1)]
    grid: List[List[Optional[str]]] = [[cell_text(v) for v in row] for row in values]
    repeated: List[Set[int]] = [set() for _ in grid]
    for (r1, c1), (r2, c2) in merged:
        for r in range(r1, min(r2, len(grid) - 1) + 1):
            row = grid[r]
            for c in range(c1, min(c2, len(row) - 1) + 1):
                if r == r1 and c == c1:
                    continue
                if c == c1:  # below the merge's first cell: the same text, repeated
                    row[c] = grid[r1][c1]
                    repeated[r].add(c)
                else:
                    row[c] = None
    return [RawRow(tuple(row), frozenset(rep), index) for index, (row, rep) in enumerate(zip(grid, repeated), start=1)]


def read_workbook_sheets(path: Path, checked: bool = False, archive: Optional[safeio.CheckedArchive] = None) -> list:
    """Every sheet of the workbook, in order, as ``SheetRows`` (checked by ``safeio`` first,
    unless ``checked``: ``path`` is what ``safeio.check_archive`` has just admitted).

    ``archive``: what ``safeio.check_archive_parts`` admitted and kept of ``path``; a plain book
    is then read from the parts it kept (``xlsx_parts``: exactly calamine's values, without
    unzipping and parsing again), any other with calamine."""
    if archive is not None:
        from roadmap_tools.reading.xlsx_parts import sheets_from_parts

        found = sheets_from_parts(archive.parts, archive.names, archive.members)
        if found is not None:
            return [SheetRows(name, values, _raw_rows(values, merged), xml) for name, values, merged, xml in found]
    workbook = _open(path, checked)
    sheets = []
    for name in workbook.sheet_names:
        with safeio.reading(path, safeio.WHAT_EXCEL, sheet=name):
            sheet = workbook.get_sheet_by_name(name)
            values = sheet.to_python(skip_empty_area=False)
            try:
                merged = sheet.merged_cell_ranges or []
            except Exception:  # merged cells are unknown for some formats; values are enough
                merged = []
            sheets.append(SheetRows(name, values, _raw_rows(values, merged)))
    return sheets


def sheet_values(path: Path, names: tuple, checked: bool = False) -> dict:
    """Sheet name -> rows of raw values, for the named sheets present in the workbook.

    ``checked``: ``path`` is what ``safeio.check_archive`` has just returned, not checked again.
    """
    workbook = _open(path, checked)
    found = {}
    for name in names:
        if name in workbook.sheet_names:
            with safeio.reading(path, safeio.WHAT_EXCEL, sheet=name):
                found[name] = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return found


def _open(path: Path, checked: bool = False):
    """python-calamine's workbook, after ``safeio.check_archive``; its errors in Russian."""
    from python_calamine import CalamineWorkbook

    target = path if checked else safeio.check_archive(path, safeio.WHAT_EXCEL)
    with safeio.reading(target, safeio.WHAT_EXCEL):
        return CalamineWorkbook.from_path(str(target))
