"""What a job does to a sheet, as plain data: the one result every door applies.

The library never writes cells itself. A job (import, check, overdue, form, ...)
returns ``SheetPlan`` objects; ``apply_openpyxl`` applies them to a workbook for the
command line, and ``roadmap_tools.excel`` applies the same plans through xlwings for
the ribbon and xlwings Lite. Same plan, same cells, whichever door the user took.

Addresses are A1 strings on the plan's sheet. Values are str, int, float, date,
datetime, bool, None, or ``Formula``; a str that looks like a formula («=СУММ…»)
is text, always.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Optional, Sequence, Union


@dataclass(frozen=True)
class Formula:
    """An intentional Excel formula (English function names, e.g. ``=IF(A1="",1,2)``)."""

    text: str


Value = Union[str, int, float, date, datetime, bool, None, Formula]

FORMULA_START = ("=", "+", "-", "@")


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value[:1] in FORMULA_START


_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def column_letter(col: int) -> str:
    """1 -> «A», 28 -> «AB»."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """«AB» -> 28."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index


def address(row: int, col: int) -> str:
    """1-based row and column -> «B5»."""
    return f"{column_letter(col)}{row}"


def range_address(row: int, col: int, rows: int, cols: int) -> str:
    first = address(row, col)
    if rows == 1 and cols == 1:
        return first
    return f"{first}:{address(row + rows - 1, col + cols - 1)}"


def parse_address(cell: str) -> tuple:
    """«B5» -> (row 5, column 2)."""
    match = _CELL.match(cell.strip())
    if not match:
        raise ValueError(f"not a cell address: {cell!r}")
    return int(match.group(2)), column_index(match.group(1))


def bounds(rng: str) -> tuple:
    """«B2:D5» -> (min_row, min_col, max_row, max_col)."""
    first, _, last = rng.partition(":")
    r1, c1 = parse_address(first)
    r2, c2 = parse_address(last) if last else (r1, c1)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


# --- operations -----------------------------------------------------------------
@dataclass(frozen=True)
class Values:
    """Write a block of values whose top-left cell is ``cell`` (one call per block)."""

    cell: str
    rows: Sequence[Sequence[Value]]


@dataclass(frozen=True)
class ClearContents:
    range: str


@dataclass(frozen=True)
class Fill:
    range: str
    colour: Optional[str]  # hex RGB «FFC7CE»; None removes the fill


@dataclass(frozen=True)
class Font:
    range: str
    bold: Optional[bool] = None
    italic: Optional[bool] = None
    colour: Optional[str] = None
    size: Optional[float] = None


@dataclass(frozen=True)
class Wrap:
    range: str
    vertical: str = "top"  # top | center | bottom
    horizontal: Optional[str] = None  # left | center | right


@dataclass(frozen=True)
class NumberFormat:
    range: str
    format: str  # «DD.MM.YYYY», «0»


@dataclass(frozen=True)
class Border:
    range: str  # thin borders on every cell of the range


@dataclass(frozen=True)
class Note:
    """A cell note (Excel «Примечание»); ``text`` None deletes it."""

    cell: str
    text: Optional[str]
    author: str = "roadmap-tools"


@dataclass(frozen=True)
class Hyperlink:
    cell: str
    target: str  # http(s) URL, or an internal place «#'Дорожная карта'!C5»
    text: Optional[str] = None


@dataclass(frozen=True)
class Merge:
    range: str


@dataclass(frozen=True)
class ColumnWidths:
    widths: dict  # column letter -> width in characters
    hidden: tuple = ()  # column letters to hide (helper columns formulas read)


@dataclass(frozen=True)
class RowHeight:
    row: int
    height: float


@dataclass(frozen=True)
class Freeze:
    cell: str  # the first cell that scrolls, e.g. «A2»


@dataclass(frozen=True)
class Table:
    """An Excel table (ListObject) with filter buttons over ``range`` (header included)."""

    name: str
    range: str
    style: str = "TableStyleLight9"


@dataclass(frozen=True)
class ConditionalFill:
    """Fill cells of ``range`` with ``colour`` where ``formula`` (relative to the range's top-left) is true."""

    range: str
    formula: str
    colour: str
    stop: bool = False


@dataclass(frozen=True)
class ClearConditionalFormats:
    range: Optional[str] = None  # None: the whole sheet


@dataclass(frozen=True)
class ListValidation:
    """A drop-down list on ``range``: ``source`` is a range formula («=Справочники!$A$2:$A$7»)."""

    range: str
    source: str
    allow_other: bool = False  # warn instead of refusing a value not in the list


@dataclass(frozen=True)
class DefinedName:
    name: str
    refers_to: str  # «='Настройки'!$B$5»


@dataclass(frozen=True)
class PageSetup:
    """How a sheet prints (see ``roadmap_tools.workbook.printing.page_setup``, which chooses it)."""

    landscape: bool = True
    fit_width: bool = True  # scale to ``pages_wide`` pages wide, any number of pages tall
    title_rows: Optional[str] = None  # «1:3», repeated on every printed page
    paper: str = "A4"
    pages_wide: int = 1
    title_columns: Optional[str] = None  # «A:B», repeated on every page across
    print_area: Optional[str] = None  # «A1:AD120»; None: what the sheet holds


@dataclass(frozen=True)
class Protect:
    """Protect the sheet: only the cells of ``unlocked`` (ranges) can be typed in.

    Without a password (``password`` None): the protection guards against typing in the
    wrong cell, not against the user, who may lift it (Рецензирование → Снять защиту листа).
    Inserting rows and hyperlinks and resizing stay allowed; Excel sorts and filters a range
    with locked cells only once the protection is lifted.
    """

    unlocked: tuple = ()
    password: Optional[str] = None


Op = Union[
    Values,
    ClearContents,
    Fill,
    Font,
    Wrap,
    NumberFormat,
    Border,
    Note,
    Hyperlink,
    Merge,
    ColumnWidths,
    RowHeight,
    Freeze,
    Table,
    ConditionalFill,
    ClearConditionalFormats,
    ListValidation,
    DefinedName,
    PageSetup,
    Protect,
]


@dataclass
class SheetPlan:
    """Everything one job does to one sheet, in order.

    ``create``: add the sheet if the workbook lacks it (at ``index`` if given).
    ``reset``: clear the whole sheet first (for sheets the tool owns, like «Проверка»).
    """

    sheet: str
    ops: list = field(default_factory=list)
    create: bool = True
    reset: bool = False
    index: Optional[int] = None
    tab_colour: Optional[str] = None

    def add(self, op) -> "SheetPlan":
        self.ops.append(op)
        return self


# --- openpyxl -------------------------------------------------------------------
def apply_openpyxl(workbook, plans: Sequence[SheetPlan]) -> None:
    """Apply plans to an openpyxl ``Workbook`` (the command line's door)."""
    from roadmap_tools.sheetplan import openpyxl_applier as _apply_openpyxl

    for plan in plans:
        _apply_openpyxl.apply(workbook, plan)
