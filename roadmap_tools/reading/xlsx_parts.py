"""A workbook's sheet values read from the parts the archive check has already decompressed.

Consolidation reads a thousand small forms: python-calamine would unzip and parse each again.
Here the sheets' XML, kept by ``safeio.check_archive_parts`` (scanned there for DTDs and
entities), is parsed by lxml (the small workbook parts by ElementTree) and turned into exactly what calamine gives
(``CalamineSheet.to_python(skip_empty_area=False)`` and ``merged_cell_ranges``) for the plain
common case: inline and shared strings, numbers, dates and durations (formats classified by
calamine's rule), booleans, errors, formula strings. Anything else — a 1904 book, a ``t="d"`` cell, rich text
with phonetic runs, ``_xHHHH_`` escapes, a carriage return, a part not kept, a chart sheet,
a name spelled in another case, XML that does not parse — gives None, and the caller reads
the book with calamine as before. ``tests/test_xlsx_parts.py`` pins the equality.
"""

from __future__ import annotations

import functools
import math
import re
from datetime import datetime, timedelta
from typing import Dict, List, Optional, Tuple
from xml.etree import ElementTree

from lxml import etree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_ROW, _C, _V, _F, _IS, _T, _R, _RPR = (_MAIN + n for n in ("row", "c", "v", "f", "is", "t", "r", "rPr"))

_SHEET_DATA, _DIMENSION = _MAIN + "sheetData", _MAIN + "dimension"
#: The sheets' XML (small, scanned for DTDs and entities by the archive check) by libxml2: a
#: third of the C ElementTree's time on the forms' character references.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

_BOOK, _BOOK_RELS = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"
_STRINGS, _STYLES, _PACKAGE_RELS = "xl/sharedStrings.xml", "xl/styles.xml", "_rels/.rels"

#: A cell reference as calamine reads it (letters, then digits); anything else falls back.
_REF = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})\Z")
#: A number calamine's float parser and Python's ``float`` read alike.
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\Z")
#: A value under a namespace prefix (not checked for references by ``_V_WITH_REFERENCE``).
_PREFIXED_V = re.compile(rb"<[A-Za-z_][\w.-]*:v\b")
_ANY_MERGE_CELLS = "{*}mergeCells"
#: A ``<v>`` holding a reference, CDATA or a comment: calamine reads only the text before it.
_V_WITH_REFERENCE = re.compile(rb"<v\b[^>]*>[^<&]*(?:&|<!)")
#: The error values calamine knows (``CellErrorType::from_str``).
_ERRORS = frozenset(("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"))
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_TRIMMED = " \t\r\n"


class _Fallback(Exception):
    """Not the plain case: calamine reads this book."""


def sheets_from_parts(parts: Dict[str, bytes], names: frozenset, members: int = 0) -> Optional[List[tuple]]:
    """[(sheet name, rows of values, merged ranges, the sheet's parsed XML)] in the workbook's
    order, as calamine would give them; None when the book is not the plain case (the caller
    then uses calamine). ``members``: how many members the archive lists (a name listed twice
    is left to calamine, whose zip reader may take the other one)."""
    if members != len(names):
        return None
    try:
        return _sheets(parts, names)
    except Exception:  # _Fallback, a parse error, anything unexpected: calamine decides
        return None


def _sheets(parts: Dict[str, bytes], names: frozenset) -> List[tuple]:
    _check_names(names)
    package_rels = parts.get(_PACKAGE_RELS)
    book, book_rels = parts.get(_BOOK), parts.get(_BOOK_RELS)
    if package_rels is None or book is None or book_rels is None:
        raise _Fallback
    _check_package(package_rels)
    sheets = _book_sheets(book, book_rels)
    strings = _shared_strings(parts[_STRINGS]) if _STRINGS in names else ()
    if _STRINGS in names and _STRINGS not in parts:
        raise _Fallback
    if _STYLES in names and _STYLES not in parts:
        raise _Fallback
    date_styles = _date_styles(parts[_STYLES]) if _STYLES in names else _NO_STYLES
    found = []
    for name, part in sheets:
        data = parts.get(part)
        if data is None:
            raise _Fallback
        values, merged, root = _sheet(data, strings, date_styles)
        found.append((name, values, merged, root))
    return found


def _check_names(names: frozenset) -> None:
    """calamine finds a member whatever its case or slashes: two spellings of one name, or a
    part spelled otherwise than here, are left to it."""
    normal = {name.lower().replace("\\", "/") for name in names}
    if len(normal) != len(names):
        raise _Fallback
    for part in (_BOOK, _BOOK_RELS, _STRINGS, _STYLES, _PACKAGE_RELS):
        if part not in names and part.lower() in normal:
            raise _Fallback


def _check_utf8(data: bytes) -> None:
    if data[:5] == b"<?xml":
        declaration = data[: data.find(b"?>")]
        if b"encoding" in declaration and not re.search(rb"""encoding\s*=\s*["']utf-8["']""", declaration, re.I):
            raise _Fallback
    elif data[:1] != b"<":
        raise _Fallback  # a byte-order mark, UTF-16, leading blanks


@functools.lru_cache(maxsize=64)
def _check_package(rels: bytes) -> None:
    _check_utf8(rels)
    root = ElementTree.fromstring(rels)
    targets = [
        r.get("Target")
        for r in root.iter()
        if r.tag.rpartition("}")[2] == "Relationship"
        and (r.get("Type") or "").endswith("/relationships/officeDocument")
    ]
    if (
        root.tag != _PKG_REL + "Relationships"
        or len(targets) != 1
        or targets[0] not in ("xl/workbook.xml", "/xl/workbook.xml")
    ):
        raise _Fallback


# The forms of one region come from one template: their workbook and style parts are the same
# bytes, parsed once (pure functions of the bytes; a _Fallback is not cached and is raised again).
@functools.lru_cache(maxsize=64)
def _book_sheets(book: bytes, rels: bytes) -> Tuple[Tuple[str, str], ...]:
    _check_utf8(book)
    _check_utf8(rels)
    if re.search(rb"<(?:[\w.-]+:)?sheet\s[^>]*[\t\n\r]", book):
        raise _Fallback  # ElementTree would turn a tab in a name into a blank, calamine keeps it
    rels_root = ElementTree.fromstring(rels)
    if rels_root.tag != _PKG_REL + "Relationships":
        raise _Fallback
    targets = {}
    for rel in rels_root:
        if rel.tag != _PKG_REL + "Relationship" or rel.get("Id") is None:
            raise _Fallback
        targets[rel.get("Id")] = (rel.get("Target") or "", rel.get("Type") or "")
    root = ElementTree.fromstring(book)
    if root.tag != _MAIN + "workbook":
        raise _Fallback
    sheets = []
    for element in root.iter():
        local = element.tag.rpartition("}")[2]
        if local == "workbookPr" and element.get("date1904") not in (None, "0", "false"):
            raise _Fallback
        if local != "sheet":
            continue
        if element.tag != _MAIN + "sheet" or set(element.keys()) - {"name", "sheetId", "state", _REL + "id"}:
            raise _Fallback
        if element.get("state", "visible") not in ("visible", "hidden", "veryHidden"):
            raise _Fallback
        target, kind = targets.get(element.get(_REL + "id", ""), (None, ""))
        if not target or kind.rpartition("/")[2] != "worksheet":
            raise _Fallback  # no such relationship, a chart sheet, a dialog sheet
        part = target[1:] if target.startswith("/") else "xl/" + target
        sheets.append((element.get("name", ""), part))
    if len({name for name, _ in sheets}) != len(sheets):
        raise _Fallback  # calamine would give the first sheet of the name twice
    return tuple(sheets)


@functools.lru_cache(maxsize=64)
def _date_styles(styles: bytes) -> Tuple[int, ...]:
    """For each cell style (``s``), how calamine reads a number under it: ``_NUMBER_FORMAT``,
    ``_DATE_FORMAT``, ``_DURATION_FORMAT``, or ``_UNSURE_FORMAT`` (left to calamine)."""
    _check_utf8(styles)
    root = ElementTree.fromstring(styles)
    if root.tag != _MAIN + "styleSheet":
        raise _Fallback
    codes: Dict[str, str] = {}
    kinds: List[int] = []
    for element in root.iter():
        local = element.tag.rpartition("}")[2]
        if local == "numFmts":
            for fmt in element.iter():
                if fmt.tag.rpartition("}")[2] == "numFmt":
                    number, code = fmt.get("numFmtId"), fmt.get("formatCode")
                    if number is not None and code is not None:
                        codes[number] = code
        elif local == "cellXfs":
            for xf in element.iter():
                if xf.tag.rpartition("}")[2] == "xf":
                    number = xf.get("numFmtId")
                    if number is None:
                        kinds.append(_NUMBER_FORMAT)
                    elif number in codes:
                        kinds.append(_custom_format(codes[number]))
                    else:
                        kinds.append(_BUILTIN_FORMATS.get(number, _NUMBER_FORMAT))
    return tuple(kinds)


_NUMBER_FORMAT, _DATE_FORMAT, _DURATION_FORMAT, _UNSURE_FORMAT = range(4)
#: calamine's ``builtin_format_by_id`` (by the attribute's text: «014» is not 14).
_BUILTIN_FORMATS = {str(n): _DATE_FORMAT for n in (14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 47)}
_BUILTIN_FORMATS["46"] = _DURATION_FORMAT


def _custom_format(code: str) -> int:
    """calamine's ``detect_custom_number_format`` (0.36), step by step. A code without Latin
    letters is a plain number in every version; one with ``*`` (read differently before 0.36)
    is left to calamine."""
    if _ASCII_LETTER.search(code) is None:
        return _NUMBER_FORMAT
    if "*" in code or code.count("[") > 200:
        return _UNSURE_FORMAT
    escaped = is_quote = hms = ap = False
    brackets = 0
    prev = " "
    for char in code:
        if escaped:
            escaped = False
        elif char in "_\\*":
            escaped = True
        elif is_quote:
            if char == '"':
                is_quote = False
        elif char == '"':
            is_quote = True
        elif char == ";":
            return _NUMBER_FORMAT  # the first section only
        elif char == "[":
            brackets = min(brackets + 1, 255)
        elif char == "]" and brackets == 1 and hms:
            return _DURATION_FORMAT
        elif char == "]":
            brackets = max(brackets - 1, 0)
        elif char in "aA" and not ap and brackets == 0:
            ap = True
        elif char in "pm/PM" and ap and brackets == 0:
            return _DATE_FORMAT
        elif char in "dmhysDMHYS" and not ap and brackets == 0:
            return _DATE_FORMAT
        elif hms and (char == prev or (char.isascii() and prev.isascii() and char.lower() == prev.lower())):
            pass
        else:
            hms = prev == "[" and char in "mhsMHS"
        prev = char
    return _NUMBER_FORMAT


_NO_STYLES: Tuple[int, ...] = ()


def _root(data: bytes, tag: str):
    """The parsed part, whose root must be ``tag`` of the main namespace; with a carriage return
    in it, or another root, calamine reads the book."""
    _check_utf8(data)
    if b"\r" in data:
        raise _Fallback
    root = etree.fromstring(data, _PARSER)
    if root.tag != _MAIN + tag:
        raise _Fallback
    return root


def _shared_strings(data: bytes) -> List[str]:
    root = _root(data, "sst")
    strings = []
    for si in root:
        if si.tag != _MAIN + "si":
            raise _Fallback
        strings.append(_text(si))
    return strings


def _t_text(t) -> str:
    if len(t):
        raise _Fallback
    text = t.text or ""
    text = text if t.get(_XML_SPACE) == "preserve" else text.strip(_TRIMMED)
    if "_x" in text:
        raise _Fallback  # calamine unescapes _xHHHH_
    return text


def _text(element) -> str:
    """The text of ``<is>`` or ``<si>``: one ``<t>``, or runs of ``<r>`` each with one ``<t>``."""
    children = list(element)
    if not children:
        return ""
    if len(children) == 1 and children[0].tag == _T:
        return _t_text(children[0])
    texts = []
    for run in children:
        if run.tag != _R:
            raise _Fallback  # phonetic runs, a <t> among runs, anything else
        inner = [child for child in run if child.tag != _RPR]
        if len(inner) != 1 or inner[0].tag != _T:
            raise _Fallback
        texts.append(_t_text(inner[0]))
    return "".join(texts)


#: References already read («B7» -> (6, 1)): the forms' cells repeat from book to book.
_POSITIONS: Dict[str, Tuple[int, int]] = {}
_ROW_NUMBERS = frozenset(str(n) for n in range(1, 1001))


def _position(ref: Optional[str]) -> Tuple[int, int]:
    if ref is None:
        raise _Fallback
    match = _REF.match(ref)
    if match is None:
        raise _Fallback
    col = 0
    for letter in match.group(1).upper():
        col = col * 26 + ord(letter) - 64
    row = int(match.group(2))
    if row == 0:
        raise _Fallback
    return row - 1, col - 1


def _sheet(data: bytes, strings, date_styles: Tuple[int, ...]) -> Tuple[list, list, object]:
    root = _root(data, "worksheet")
    sheet_data = root.find(_SHEET_DATA)
    if sheet_data is None:
        raise _Fallback
    dimension = root.find(_DIMENSION)
    if dimension is not None:
        _dimension(dimension.get("ref"))
    rows = sheet_data.findall(_ROW)
    if len(rows) != len(sheet_data):
        raise _Fallback  # comments, anything but rows
    for row in rows:
        number = row.get("r")
        if number is not None and number not in _ROW_NUMBERS and not _row_number(number):
            raise _Fallback
    cells_xml = [cell for row in rows for cell in row]  # (lxml's findall of a path is slower)
    positions = _POSITIONS
    cells = []
    last = (-1, -1)
    has_v = False
    width = 0
    for cell in cells_xml:
        if cell.tag != _C:
            raise _Fallback  # comments, anything but cells
        ref = cell.get("r")
        position = positions.get(ref)  # type: ignore[arg-type]
        if position is None:
            position = _position(ref)
            if len(positions) < 100_000:
                positions[ref] = position  # type: ignore[index]
        if not len(cell):
            continue  # an empty cell: calamine skips it
        if position <= last:
            raise _Fallback  # out of order or repeated: calamine's last one wins
        child = cell[-1]
        kind = cell.get("t")
        if kind == "inlineStr" and child.tag == _IS:
            if len(child) == 1:
                t = child[0]
                if t.tag != _T or len(t):
                    raise _Fallback
                text = t.text or ""
                value = text if t.get(_XML_SPACE) == "preserve" else text.strip(_TRIMMED)
                if "_x" in value:
                    raise _Fallback  # calamine unescapes _xHHHH_
            else:
                value = _text(child)
        else:
            has_v = True
            value = _value(kind, cell, child, strings, date_styles)
            if value is None:
                continue
        last = position
        if position[1] >= width:
            width = position[1] + 1
        cells.append((position, value))
    if has_v and (_V_WITH_REFERENCE.search(data) or _PREFIXED_V.search(data)):
        raise _Fallback
    merges = next(root.iter(_ANY_MERGE_CELLS), None)
    return _grid(cells, width), [] if merges is None else _merged(root, merges), root


def _row_number(number: str) -> bool:
    return number.isascii() and number.isdigit() and 0 < int(number) < 10_000_000


def _value(kind: Optional[str], cell, child, strings, date_styles: Tuple[int, ...]):
    """What calamine makes of the cell from its last child (None: empty, not in the range)."""
    tag = child.tag
    if tag == _F:
        return None
    if tag == _IS:
        raise _Fallback  # an inline string in a cell of another type
    if tag != _V or len(child):
        raise _Fallback
    text = child.text
    if kind == "inlineStr":
        return None
    if kind == "s":
        if not text:
            return None
        if not (text.isascii() and text.isdigit()):
            raise _Fallback
        return strings[int(text)]  # IndexError: calamine refuses, so do not guess
    if kind == "str":
        return text or ""
    if kind == "b":
        return None if not text else text != "0"
    if kind == "e":
        if not text:
            return None
        if text not in _ERRORS:
            raise _Fallback  # calamine refuses an error it does not know
        return ""  # python-calamine gives an error cell as an empty text
    if kind is not None and kind != "n":
        raise _Fallback  # ISO dates, unknown types
    if not text:
        return None
    if _NUMBER.match(text) is None:
        raise _Fallback
    value = float(text)
    style = cell.get("s")
    if style is None:
        return value
    if not (style.isascii() and style.isdigit()) or len(style) > 9:
        raise _Fallback  # calamine takes a style it cannot parse as the first
    index = int(style)
    number_format = date_styles[index] if index < len(date_styles) else _NUMBER_FORMAT
    if number_format == _NUMBER_FORMAT:
        return value
    if number_format == _DATE_FORMAT:
        return _date_value(value)
    if number_format == _DURATION_FORMAT:
        if not abs(value) < 999_999_999:
            raise _Fallback  # beyond Python's timedelta: python-calamine refuses
        return timedelta(milliseconds=_rounded(value * _MS_PER_DAY))
    raise _Fallback


_EPOCH = datetime(1899, 12, 30)
_MS_PER_DAY = 24.0 * 60.0 * 60.0 * 1e3


def _rounded(x: float) -> int:
    """Rust's ``f64::round``: halves away from zero (Python's ``round`` goes to the even)."""
    whole = math.floor(abs(x))
    if abs(x) - whole >= 0.5:
        whole += 1
    return int(whole) if x >= 0 else -int(whole)


def _date_value(value: float):
    """python-calamine's date cell (``ExcelDateTime::as_datetime``, 1900 system, Excel's 1900
    leap day): a time under 1, a date for a whole number, else a date and time; the number
    itself when the year is past 9999."""
    serial = value if value >= 60.0 else value + 1.0
    try:
        moment = _EPOCH + timedelta(milliseconds=_rounded(serial * _MS_PER_DAY))
    except OverflowError:
        if value < 1.0:
            raise _Fallback from None  # before year 1: chrono still gives a time of day
        return value  # after year 9999: python-calamine gives the number
    if value < 1.0:
        return moment.time()
    if value.is_integer():
        return moment.date()
    return moment


def _grid(cells: list, width: int) -> list:
    """calamine's range from (0, 0) to its last row and column (``width`` columns), '' where
    nothing is."""
    if not cells:
        return []
    height = cells[-1][0][0] + 1
    if height * width > 10_000_000:
        raise _Fallback
    rows = [[""] * width for _ in range(height)]
    for (r, c), value in cells:
        rows[r][c] = value
    return rows


def _dimension(ref: Optional[str]) -> tuple:
    """calamine's ``get_dimension``: «A1» or «A1:B2»; anything else falls back."""
    if ref is None:
        raise _Fallback
    first, colon, last = ref.partition(":")
    if ":" in last:
        raise _Fallback
    start = _POSITIONS.get(first) or _position(first)
    end = (_POSITIONS.get(last) or _position(last)) if colon else start
    if end[0] < start[0] or end[1] < start[1]:
        raise _Fallback
    return start, end


def _merged(root, merges) -> list:
    """calamine's merged ranges: those of the first ``mergeCells``, wherever it is."""
    if merges.getparent() is not root or merges.tag != _MAIN + "mergeCells":
        raise _Fallback
    ranges = []
    for merge in merges:
        if merge.tag != _MAIN + "mergeCell" or len(merge):
            raise _Fallback
        ref = merge.get("ref")
        if ref is not None:
            ranges.append(_dimension(ref))
    return ranges
