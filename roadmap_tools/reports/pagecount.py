"""How many printed pages a document makes, for «Приложение: на N л.».

Honestly when LibreOffice is installed: convert to PDF headless and count the pages.
Otherwise an estimate from the sheet's rows, column widths and page setup (see
``estimate_xlsx_pages``). The setting «Приложение: листов» overrides both.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Optional

from roadmap_tools.errors import RoadmapError
from roadmap_tools.reading import office
from roadmap_tools.reading.office import find_soffice
from roadmap_tools.workbook.textfit import LINE_HEIGHT, wrapped_lines

# Page geometry for the estimate, in points (1/72 inch).
A4_SHORT, A4_LONG = 595.0, 842.0
DEFAULT_COLUMN_CHARS = 8.43  # Excel's default column width
#: One character of column width in points: Calibri 11 (LibreOffice with Carlito measures 5.48)
POINTS_PER_COLUMN_CHAR = 5.48


def convert_to_pdf(source: Path, outdir: Path, soffice: Optional[str] = None) -> Path:
    """Convert ``source`` to PDF in ``outdir`` with LibreOffice headless (see ``office.convert``)."""
    return office.convert(source, outdir, "pdf", soffice)


_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def pdf_page_count(pdf: Path) -> int:
    """Pages of a PDF as LibreOffice writes it (page objects are not compressed there)."""
    return len(_PAGE_OBJECT.findall(Path(pdf).read_bytes()))


def estimate_xlsx_pages(path: Path, sheet: Optional[str] = None) -> int:
    """An estimate of the printed pages of one sheet, without LibreOffice.

    Lays the rows out page by page as a spreadsheet prints them: each row's height (a set
    height, or the lines its longest wrapped text needs in its column), a row that does
    not fit starting a new page, the print-title rows repeated at the top of every later
    page, all scaled down when the sheet is set to fit one page wide. Column widths are
    converted as Excel and LibreOffice (with Calibri's metrics) do. Checked against
    LibreOffice's count on the fixture forms (tests/test_pagecount_fixtures.py).
    """
    from openpyxl.utils import get_column_letter

    from roadmap_tools.safeio import load_workbook

    workbook = load_workbook(path)
    try:
        ws = workbook[sheet] if sheet and sheet in workbook.sheetnames else workbook.active
        widths = {}
        for column in range(1, (ws.max_column or 1) + 1):
            dimension = ws.column_dimensions.get(get_column_letter(column))  # row 1 may be merged
            hidden = dimension is not None and dimension.hidden
            width = dimension.width if dimension is not None and dimension.width else DEFAULT_COLUMN_CHARS
            widths[column] = 0.0 if hidden else width
        landscape = ws.page_setup.orientation == "landscape"
        page_width, page_height = (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
        margins = ws.page_margins
        printable_width = page_width - 72 * ((margins.left or 0.7) + (margins.right or 0.7))
        printable_height = page_height - 72 * ((margins.top or 0.75) + (margins.bottom or 0.75))
        table_width = sum(widths.values()) * POINTS_PER_COLUMN_CHAR
        fits_width = bool(
            ws.sheet_properties.pageSetUpPr
            and ws.sheet_properties.pageSetUpPr.fitToPage
            and (ws.page_setup.fitToWidth or 0) == 1
        )
        scale = min(1.0, printable_width / table_width) if fits_width and table_width else 1.0
        if not fits_width and ws.page_setup.scale:
            scale = ws.page_setup.scale / 100
        heights = [_row_height(ws, row, widths) for row in ws.iter_rows() if row]
        titles = _print_title_rows(ws)
        title_height = sum(heights[r - 1] for r in titles if 0 < r <= len(heights))
        room = printable_height / scale
        pages, used = 1, 0.0
        for height in heights:
            if used and used + height > room:
                pages += 1
                used = title_height
            used += height
        return pages
    finally:
        workbook.close()


def _row_height(ws, row, widths: dict) -> float:
    dimension = ws.row_dimensions.get(row[0].row)
    if dimension is not None and dimension.hidden:
        return 0.0
    if dimension is not None and dimension.height:
        return float(dimension.height)
    lines = 1.0
    for cell in row:
        if cell.value is None or not widths.get(cell.column, DEFAULT_COLUMN_CHARS):
            continue
        size = (cell.font.sz or 11) if cell.font else 11
        needed = wrapped_lines(str(cell.value), widths.get(cell.column, DEFAULT_COLUMN_CHARS), size)
        lines = max(lines, needed * size / 11)
    return lines * LINE_HEIGHT


def _print_title_rows(ws) -> range:
    """The rows repeated at the top of every printed page («$4:$5» -> 4..5)."""
    match = re.fullmatch(r"\$?(\d+):\$?(\d+)", str(ws.print_title_rows or ""))
    return range(int(match.group(1)), int(match.group(2)) + 1) if match else range(0)


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
        raise RoadmapError(
            "число страниц не определить без LibreOffice.",
            file=str(path),
            hint="Заполните «Приложение: листов» в «Настройках».",
        )
    return estimate_xlsx_pages(path, sheet), "estimate"
