"""How many printed pages a document makes, for «Приложение: на N л.».

Honestly when LibreOffice is installed: convert to PDF headless and count the pages.
Otherwise an estimate from the sheet's rows, column widths and page setup (see
``estimate_xlsx_pages``). The setting «Приложение: листов» overrides both.
"""
from __future__ import annotations

import math
import re
import tempfile
from pathlib import Path
from typing import Optional

from roadmap_tools import office
from roadmap_tools.errors import RoadmapError
from roadmap_tools.office import find_soffice
from roadmap_tools.textfit import LINE_HEIGHT, wrapped_lines

# Page geometry for the estimate, in points (1/72 inch).
A4_SHORT, A4_LONG = 595.0, 842.0
DEFAULT_COLUMN_CHARS = 8.43        # Excel's default column width
POINTS_PER_COLUMN_CHAR = 5.6       # one character of column width, Calibri 11, in points


def convert_to_pdf(source: Path, outdir: Path, soffice: Optional[str] = None) -> Path:
    """Convert ``source`` to PDF in ``outdir`` with LibreOffice headless (see ``office.convert``)."""
    return office.convert(source, outdir, "pdf", soffice)


_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def pdf_page_count(pdf: Path) -> int:
    """Pages of a PDF as LibreOffice writes it (page objects are not compressed there)."""
    return len(_PAGE_OBJECT.findall(Path(pdf).read_bytes()))


def estimate_xlsx_pages(path: Path, sheet: Optional[str] = None) -> int:
    """An estimate of the printed pages of one sheet, without LibreOffice.

    Sums row heights (a set height, or the lines its longest wrapped text needs in
    its column) and divides by the printable height of an A4 page in the sheet's
    orientation and margins, scaled down when the sheet is set to fit one page wide.
    Good to a page for tables of text; fill «Приложение: листов» when it matters.
    """
    from openpyxl import load_workbook

    workbook = load_workbook(str(path))
    try:
        ws = workbook[sheet] if sheet and sheet in workbook.sheetnames else workbook.active
        widths = {}
        for column in range(1, (ws.max_column or 1) + 1):
            letter = ws.cell(row=1, column=column).column_letter
            dimension = ws.column_dimensions.get(letter)
            widths[column] = (dimension.width if dimension is not None and dimension.width else DEFAULT_COLUMN_CHARS)
        landscape = ws.page_setup.orientation == "landscape"
        page_width, page_height = (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
        margins = ws.page_margins
        printable_width = page_width - 72 * ((margins.left or 0.7) + (margins.right or 0.7))
        printable_height = page_height - 72 * ((margins.top or 0.75) + (margins.bottom or 0.75))
        table_width = sum(widths.values()) * POINTS_PER_COLUMN_CHAR
        fits_width = bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage
                          and (ws.page_setup.fitToWidth or 0) == 1)
        scale = min(1.0, printable_width / table_width) if fits_width and table_width else 1.0
        if not fits_width and ws.page_setup.scale:
            scale = ws.page_setup.scale / 100
        total = 0.0
        for row in ws.iter_rows():
            if not row:
                continue
            dimension = ws.row_dimensions.get(row[0].row)
            if dimension is not None and dimension.height:
                total += dimension.height
                continue
            lines = 1
            for cell in row:
                if cell.value is None:
                    continue
                text = str(cell.value)
                size = (cell.font.sz or 11) if cell.font else 11
                needed = wrapped_lines(text, widths.get(cell.column, DEFAULT_COLUMN_CHARS), size)
                lines = max(lines, needed * size / 11)
            total += lines * LINE_HEIGHT
        return max(1, math.ceil(total * scale / printable_height))
    finally:
        workbook.close()


def count_pages(path: Path, sheet: Optional[str] = None) -> tuple:
    """(pages, how): ``how`` is "libreoffice" for a real count, "estimate" otherwise."""
    path = Path(path)
    if find_soffice():
        with tempfile.TemporaryDirectory(prefix="roadmap-pages-") as tmp:
            try:
                pages = pdf_page_count(convert_to_pdf(path, Path(tmp)))
            except RoadmapError:
                pages = 0
        if pages:
            return pages, "libreoffice"
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise RoadmapError("число страниц не определить без LibreOffice.", file=str(path),
                           hint="Заполните «Приложение: листов» в «Настройках».")
    return estimate_xlsx_pages(path, sheet), "estimate"
