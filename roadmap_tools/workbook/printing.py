"""Print settings for A4: the orientation and the number of pages across that keep the
printed text at ``MIN_PRINTED_PT`` or larger.

Every sheet we write gets its ``PageSetup`` from ``page_setup``: a sheet that fits a
portrait page at full size prints portrait; a wider one prints landscape, scaled to one
page wide if its smallest font stays readable, otherwise over as many pages across as
that takes, with the header rows (and the first columns, when given) repeated.
"""

from __future__ import annotations

from typing import Optional, Sequence

from roadmap_tools.sheetplan.operations import PageSetup, column_letter

#: The smallest printed text we allow, in points (font size × print scale).
MIN_PRINTED_PT = 7.0
#: Margin over ``MIN_PRINTED_PT``: page breaks fall between columns, so a renderer scales a
#: little below the ideal figure.
SCALE_MARGIN = 1.06
#: Printed width of one character of column width, in points. LibreOffice without
#: Calibri (its fonts replaced by DejaVu Sans) draws 7 pt; Excel with Calibri about 5.3,
#: so a layout that fits here fits there with room to spare.
POINTS_PER_WIDTH_CHAR = 7.0
DEFAULT_WIDTH_CHARS = 8.43
PAGE_MARGIN_INCHES = 0.4
A4_SHORT_PT, A4_LONG_PT = 595.0, 842.0
#: A sheet prints portrait when it fits a portrait page at this scale or larger.
PORTRAIT_MIN_SCALE = 0.9


def printable_width(landscape: bool) -> float:
    """Width of the printable part of an A4 page, in points."""
    return (A4_LONG_PT if landscape else A4_SHORT_PT) - 2 * 72 * PAGE_MARGIN_INCHES


def pages_across(widths: Sequence[float], scale: float, landscape: bool, title_columns: int = 0) -> int:
    """Pages across that columns of ``widths`` (characters) take at ``scale``.

    Columns are laid on a page until the next one does not fit; from the second page
    on, the first ``title_columns`` columns are repeated at its left.
    """
    room = printable_width(landscape) / (POINTS_PER_WIDTH_CHAR * scale)
    repeated = sum(widths[:title_columns])
    pages, used = 1, 0.0
    for width in widths:
        if used and used + width > room:
            pages, used = pages + 1, repeated
        used += width
    return pages


def page_setup(
    widths: Sequence[Optional[float]],
    *,
    smallest_font: float = 11.0,
    title_rows: Optional[str] = None,
    title_columns: int = 0,
    print_area: Optional[str] = None,
) -> PageSetup:
    """The A4 print settings of a sheet whose printed columns have ``widths`` (characters, in
    order; None for the default width), its smallest font being ``smallest_font`` points.

    ``title_columns``: how many first columns repeat on every page across (used only when
    the sheet does not fit one page wide).
    """
    printed = [DEFAULT_WIDTH_CHARS if w is None else float(w) for w in widths] or [DEFAULT_WIDTH_CHARS]
    total = sum(printed) * POINTS_PER_WIDTH_CHAR
    if total * PORTRAIT_MIN_SCALE <= printable_width(False):
        return PageSetup(landscape=False, fit_width=True, title_rows=title_rows, print_area=print_area)
    min_scale = min(1.0, MIN_PRINTED_PT * SCALE_MARGIN / smallest_font)
    if total * min_scale <= printable_width(True):
        return PageSetup(landscape=True, fit_width=True, title_rows=title_rows, print_area=print_area)
    pages = pages_across(printed, min_scale, True, title_columns)
    columns = f"A:{column_letter(title_columns)}" if title_columns else None
    return PageSetup(
        landscape=True,
        fit_width=True,
        pages_wide=pages,
        title_rows=title_rows,
        title_columns=columns,
        print_area=print_area,
    )
