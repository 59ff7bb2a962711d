"""Values through xlwings' remote engine (xlwings Lite, xlwings Server) in one pass per block.

The remote engine holds the client's JSON. ``range.value`` converts it cell by cell with
xlwings' general converters (every text against a date pattern, every value past pandas'
and numpy's checks) and, on a write, copies the whole sheet several times to find the
range's shape (``Range.coords``): at 20,000 rows that was most of a button's time.
``Range.raw_value`` (xlwings' public «as the engine has it» access) skips both; the
functions here give exactly what ``range.value`` reads and writes, and
``tests/test_xlwings_remote.py`` pins that on varied values. Anything unusual in a block
(a type the fast path does not know) goes the ordinary way, through ``range.value``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, Optional, Sequence

from roadmap_tools.sheetplan.operations import range_address

#: xlwings' remote engine reads a text matching this as a date and time (``_xlremote.datetime_pattern``).
_DATETIME = re.compile(
    r"^(-?(?:[1-9][0-9]*)?[0-9]{4})-(1[0-2]|0[1-9])-(3[01]|0[1-9]|[12][0-9])"
    r"T(2[0-3]|[01][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]+)?(Z|[+-](?:2[0-3]|[01][0-9]):[0-5][0-9])?$"
)
_DATETIME_START = frozenset("-0123456789")

#: Excel's error values, which the remote engine reads as empty.
_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#DATA!")

#: Cells in one ``setValues`` action at most: xlwings' own budget for a write
#: (``DEFAULT_MAX_CELLS_PER_WRITE``); a larger block goes in slices of whole rows.
MAX_CELLS_PER_WRITE = 100_000


def is_remote(book) -> bool:
    """True for xlwings' remote engine (xlwings Lite, xlwings Server)."""
    try:
        return book.app.engine.name == "remote"
    except Exception:
        return False


# --- reading -------------------------------------------------------------------------
def read_rows(rng) -> list:
    """The rows of ``rng`` as ``rng.options(ndim=2).value`` gives them, except that a whole
    number comes as int (as openpyxl gives it), not float."""
    raw = rng.raw_value
    known: dict = dict.fromkeys(_ERRORS)
    known[""] = None

    def convert(value: Any) -> Any:
        if value.__class__ is str:
            if value[0] in _DATETIME_START:  # a date comes as «2022-05-31T00:00:00.000Z»
                # the texts that begin like a number or a date repeat (dates, numbers); others rarely
                known[value] = converted = dt.datetime.fromisoformat(value[:-1]) if _DATETIME.match(value) else value
                return converted
            return value
        if value.__class__ is float and value.is_integer():
            return int(value)
        return value

    # ``known`` holds texts only, and no number or None equals a text
    return [[known[v] if v in known else convert(v) for v in row] for row in raw]


# --- writing -------------------------------------------------------------------------
def _client_value(value: Any) -> Any:
    """What xlwings' remote engine sends the client for an Excel value (``prepare_xl_data_element``);
    ``_UNKNOWN`` for a value this module leaves to xlwings."""
    cls = value.__class__
    if cls is str or cls is int or cls is bool:
        return value
    if value is None:
        return ""
    if cls is float:
        return _UNKNOWN if math.isnan(value) else value  # NaN: xlwings' answer depends on numpy
    if cls is dt.datetime:
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.replace(tzinfo=None).isoformat(sep=" ").split(".")[0]
    if cls is dt.date:
        return value.isoformat()
    return _UNKNOWN


_UNKNOWN = object()


def client_rows(rows: Sequence[Sequence[Any]]) -> Optional[list]:
    """``rows`` (Excel values, rectangular) as the remote engine would send them, or None when
    a value is of a kind left to xlwings."""
    out = []
    for row in rows:
        converted = [v if v.__class__ is str else _client_value(v) for v in row]
        if _UNKNOWN in converted:
            return None
        out.append(converted)
    return out


def write_rows(sheet, row: int, col: int, rows: list) -> bool:
    """Write ``rows`` (Excel values, rectangular, at least one cell) with the top left cell at
    (``row``, ``col``) as ``sheet.range(...).value = rows`` would: the same ``setValues``
    actions, in the same slices. False (nothing written) when a value is left to xlwings."""
    values = client_rows(rows)
    if values is None:
        return False
    width = len(values[0])
    step = len(values)
    if len(values) * width > MAX_CELLS_PER_WRITE:
        step = max(1, MAX_CELLS_PER_WRITE // width)
    for start in range(0, len(values), step):
        block = values[start : start + step]
        sheet.range(range_address(row + start, col, len(block), width)).raw_value = block
    return True
