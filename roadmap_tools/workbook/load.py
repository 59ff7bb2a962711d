"""openpyxl's ``load_workbook`` for a file ``safeio.check_archive`` has admitted: the same
workbook, read faster.

Two things cost most of loading a big roadmap with openpyxl, and both are left out here:

- openpyxl parses a sheet with defusedxml's parser, whose every callback is Python code, to
  refuse DTDs and entities. ``check_archive`` has already refused every part named «.xml»
  holding a DTD or an entity declaration (``<!DOCTYPE``, ``<!ENTITY``), so such a sheet, in
  UTF-8 or ASCII, is parsed by the standard library's C parser; without a DTD no entity but
  XML's own five can be used. A sheet in another encoding (UTF-16: the check's search would
  not see a DTD in it) or under another name (the check does not search it) is still parsed
  by defusedxml's.
- openpyxl (3.1) saves every text as an inline string (``<c t="inlineStr"><is><t>…</t></is></c>``)
  and reads each one back by building a ``Text`` object. A plain one, ``<is>`` without
  attributes holding one ``<t>``, has that ``<t>``'s text as its content, and is read so.

Everything else is openpyxl's own code (``tests/test_workbook_load.py`` compares workbooks).
"""

from __future__ import annotations

import re
import types
import weakref
from typing import Union
from xml.etree import ElementTree

from openpyxl.reader import excel as openpyxl_excel
from openpyxl.utils import coordinate_to_tuple
from openpyxl.worksheet import _reader as openpyxl_reader
from openpyxl.xml.constants import SHEET_MAIN_NS

from roadmap_tools.sheetplan.xml_rows import openpyxl_internals_known

_INLINE = f"{{{SHEET_MAIN_NS}}}is"
_TEXT = f"{{{SHEET_MAIN_NS}}}t"
_FORMULA = f"{{{SHEET_MAIN_NS}}}f"

#: The start of a part in UTF-8 (or ASCII): no declaration, or one naming no other encoding.
_UTF8_START = re.compile(
    rb"(?:\xef\xbb\xbf)?(?:<\?xml(?:(?!encoding)[^<>?])*(?:encoding\s*=\s*[\"'](?i:utf-8|us-ascii)[\"'][^<>?]*)?\?>)?\s*<[A-Za-z_]"
)


def _iterparse(source):
    """``iterparse`` of a sheet check_archive has admitted: the C parser for a part it searched
    for DTDs (named «.xml») written in UTF-8, else openpyxl's."""
    name = getattr(source, "name", "")
    head = source.peek(512)[:512] if hasattr(source, "peek") else b""
    if isinstance(name, str) and name.lower().endswith(".xml") and _UTF8_START.match(head):
        return ElementTree.iterparse(source)
    return openpyxl_reader.iterparse(source)


def _with_names(function, **names):
    """``function`` itself, looking up ``names`` (module-level names of its code) as given here:
    openpyxl's code, with our pieces where it names its own. A function this cannot rebuild
    (another openpyxl's, with defaults or a closure) is left as it is: openpyxl's way."""
    if function.__closure__ is not None or function.__defaults__ is not None or function.__kwdefaults__:
        return function
    scope = {**function.__globals__, **names}
    return types.FunctionType(function.__code__, scope, function.__name__)


class _Parser(openpyxl_reader.WorkSheetParser):
    parse = _with_names(openpyxl_reader.WorkSheetParser.parse, iterparse=_iterparse)

    def parse_cell(self, element):
        if element.get("t") == "inlineStr" and not self.rich_text:
            inline = element.find(_INLINE)
            if (
                inline is not None
                and not inline.attrib
                and len(inline) == 1
                and inline[0].tag == _TEXT
                and (self.data_only or element.find(_FORMULA) is None)
            ):
                # WorkSheetParser.parse_cell of an inline string, without the Text object
                coordinate = element.get("r")
                style_id: Union[str, int] = element.get("s", 0)
                if style_id:
                    style_id = int(style_id)
                if coordinate:
                    row, column = coordinate_to_tuple(coordinate)
                    self.col_counter = column
                else:
                    self.col_counter += 1
                    row, column = self.row_counter, self.col_counter
                value = inline[0].text or ""
                return {"row": row, "column": column, "value": value, "data_type": "s", "style_id": style_id}
        return super().parse_cell(element)


class _SheetReader(openpyxl_reader.WorksheetReader):
    def __init__(self, ws, xml_source, shared_strings, data_only, rich_text):
        super().__init__(ws, xml_source, shared_strings, data_only, rich_text)
        parent = ws.parent
        self.parser = _Parser(
            xml_source,
            shared_strings,
            data_only,
            parent.epoch,
            parent._date_formats,
            parent._timedelta_formats,
            rich_text,
        )


class _Reader(openpyxl_excel.ExcelReader):
    read_worksheets = _with_names(openpyxl_excel.ExcelReader.read_worksheets, WorksheetReader=_SheetReader)


def load_checked_workbook(filename, read_only=False, keep_vba=False, data_only=False, keep_links=True, rich_text=False):
    """``openpyxl.load_workbook`` (the same arguments, the same workbook) of a file
    ``safeio.check_archive`` has admitted, faster (openpyxl's own reading with another openpyxl
    than the one this module knows)."""
    known = openpyxl_internals_known()
    reader = (_Reader if known else openpyxl_excel.ExcelReader)(
        filename, read_only, keep_vba, data_only, keep_links, rich_text
    )
    reader.read()
    archive = getattr(reader.wb, "vba_archive", None)
    if archive is not None:
        # openpyxl keeps the macros in a zip archive over a BytesIO it never closes; collected
        # with the workbook, the BytesIO may be closed first and the archive's own closing then
        # fails with «Exception ignored in: ZipFile.__del__». Closed as the workbook goes, it
        # finishes while the BytesIO is still open.
        weakref.finalize(reader.wb, archive.close)
    return reader.wb
