"""How much room text takes in a wrapped cell: its lines, and the row height that shows them.

Neither openpyxl nor LibreOffice fits a row to its wrapped text when a file is opened
(nor does Excel for a file whose heights were never set), so every sheet we write sets
its row heights from this one estimate, and the page count reads it too.
"""

from __future__ import annotations

from typing import Any, Sequence

LINE_HEIGHT = 15.0  # points per line of an 11 pt font
BASE_FONT_SIZE = 11.0
#: Characters that fit in one unit of column width (the width of «0»). Cyrillic text
#: in Calibri 11 fits about one per unit; words wrap whole, so a line keeps some room.
CHARS_PER_WIDTH = 1.0
#: Excel's tallest row is 409 points.
MAX_LINES = 27


def wrapped_lines(text: Any, width_chars: float, font_size: float = BASE_FONT_SIZE) -> int:
    """Lines ``text`` takes in a wrapped cell ``width_chars`` wide (greedy word wrap, at least 1).

    A word longer than a line is broken across lines, as Excel does.
    """
    limit = max(int(width_chars * CHARS_PER_WIDTH * BASE_FONT_SIZE / font_size) - 1, 1)
    lines = 0
    for paragraph in str(text if text is not None else "").split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split():
            need = len(word) if used == 0 else used + 1 + len(word)
            if need <= limit:
                used = need
            else:
                lines += (used > 0) + (len(word) - 1) // limit
                used = len(word) % limit or limit
    return lines


def row_height(
    values: Sequence[Any], widths: Sequence[float], line_height: float = LINE_HEIGHT, max_lines: int = MAX_LINES
) -> float:
    """Height in points of a row of wrapped cells: the text that takes most lines decides.

    Only text wraps: numbers and dates keep one line. At least one line, at most ``max_lines``.
    """
    lines = max([wrapped_lines(v, w) for v, w in zip(values, widths) if isinstance(v, str)] or [1])
    return min(lines, max_lines) * line_height
