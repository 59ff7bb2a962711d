"""PDF with a text layer -> the same ``DocxContent`` a Word document gives (tables as ``RawRow`` lists).

pdfplumber finds the tables by their ruling lines on every page; each page's table
becomes a table of its own, and ``tablerows.parse_tables`` joins them and the rows a
page break cut in two exactly as it does for a Word table split across pages.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Optional

import pdfplumber
from pdfplumber.utils import extract_text as chars_to_text

from roadmap_tools import safeio
from roadmap_tools.errors import RoadmapError
from roadmap_tools.reading.docx_tables import DocxContent
from roadmap_tools.reading.tablerows import RawRow

#: Ruling lines closer than this (points) are one grid line.
GRID_TOLERANCE = 2.0
#: A gap between two text lines bigger than this many line heights is an empty paragraph.
PARAGRAPH_GAP = 1.0

SCANNED_MESSAGE = "в PDF нет текстового слоя: это скан (страницы сохранены картинками), текст таблицы прочитать нельзя."
SCANNED_HINT = (
    "Возьмите исходный документ Word, из которого сделан PDF, или распознайте скан "
    "(например, откройте PDF в Word или в программе распознавания текста) "
    "и сохраните как «Документ Word (*.docx)»."
)


def _lines(chars: list) -> list:
    """Chars of a cell grouped into visual lines, top to bottom."""
    lines: list = []
    for char in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if lines and abs(char["top"] - lines[-1][0]["top"]) < 0.5 * max(1.0, char["size"]):
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _inked(line: list) -> list:
    return [c for c in line if c["text"].strip()]


def _single_word(line: list) -> bool:
    """The line's ink has no space inside it (a trailing space does not count)."""
    ink = _inked(line)
    return not any(not c["text"].strip() and ink[0]["x0"] < c["x0"] < ink[-1]["x0"] for c in line) and all(
        b["x0"] - a["x1"] < 0.2 * a["size"] for a, b in zip(ink, ink[1:])
    )


def _first_word_width(line: list) -> float:
    inked = _inked(line)
    end = inked[0]["x1"]
    for char in line:
        if char["x0"] < inked[0]["x0"]:
            continue
        if not char["text"].strip():
            break
        end = char["x1"]
    return end - inked[0]["x0"]


def _ends(chars: list, inner_width: float) -> tuple:
    """(room left after the cell's last line, width of its first word plus a space): does a line
    continued on the next page fit after the last line of this one?"""
    lines = [line for line in _lines(chars) if _inked(line)]
    last, first = _inked(lines[-1]), lines[0]
    return inner_width - (last[-1]["x1"] - last[0]["x0"]), _first_word_width(first) + 0.3 * last[-1]["size"]


def cell_text(chars: list, inner_width: float) -> str:
    """A cell's text with its paragraphs as lines, visual line wraps undone.

    Where a line stops with room left for the next line's first word, the writer ended
    a paragraph there («\n»). Otherwise the line was wrapped: at a space (« »), or
    right after a hyphen inside a word («организационно-» + «методической» -> one word), or
    inside a word too long for the column («общеобразовательн» + «ых»). A space that did not
    fit at the line's end is not drawn, so «семинаров- совещаний» and «семинаров-совещаний»
    broken at the hyphen look the same: read as the compound word.
    """
    lines = [line for line in _lines(chars) if _inked(line)]
    text = ""
    for index, line in enumerate(lines):
        part = chars_to_text(line).strip()
        if index == 0:
            text = part
            continue
        previous = lines[index - 1]
        ink = _inked(previous)
        ends_in_space = previous[-1]["x0"] >= ink[-1]["x1"] - 0.1 and not previous[-1]["text"].strip()
        # «организационно-|методической»: a hyphen between letters; « -|ИС» is a dash and keeps its space
        hyphen = (
            not ends_in_space and text.endswith("-") and len(text) > 1 and text[-2].isalnum() and part[:1].isalpha()
        )
        space = 0.0 if hyphen else 0.3 * ink[-1]["size"]
        used = ink[-1]["x1"] - ink[0]["x0"]
        next_letter = _inked(line)[0]
        # a word longer than the column is cut where the line ends: its line holds that word alone,
        # and not even the next letter would have fitted
        cut_word = (
            not ends_in_space
            and _single_word(previous)
            and used + (next_letter["x1"] - next_letter["x0"]) > inner_width - 0.5
        )
        if used + space + _first_word_width(line) <= inner_width - 0.5:
            text += "\n" + part
        elif hyphen or cut_word:
            text += part
        else:
            text += " " + part
    return text


def _edges(values: list) -> list:
    """Sorted grid lines, nearly equal coordinates merged."""
    edges: list = []
    for value in sorted(values):
        if not edges or value - edges[-1] > GRID_TOLERANCE:
            edges.append(value)
    return edges


def _index(edges: list, value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _inside(char: dict, box: tuple) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _is_bold_font(name: str) -> bool:
    return "bold" in name.lower() or "black" in name.lower() or "heavy" in name.lower()


def _table_rows(page, table, page_start: bool = False, cut_before: Optional[dict] = None, header: tuple = ()) -> tuple:
    """The table on its grid: a merged cell's text in its first column, None in the columns it covers,
    and repeated (as Word's vertical merge) in the rows below its first.

    ``page_start``: the table opens its page, so its first row may finish a row the page break cut;
    ``cut_before``: grid column -> room left after the last line of that row on the page before;
    ``header``: the cells of the table's header, which a page may repeat above the cut row.
    Returns (rows, grid column -> room after the last line of the last row).
    """
    boxes = list(table.cells)
    xs = _edges([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _edges([b[1] for b in boxes] + [b[3] for b in boxes])
    columns, rows_count = len(xs) - 1, len(ys) - 1
    if columns < 1 or rows_count < 1:
        return [], {}
    chars = [c for c in page.chars if _inside(c, table.bbox)]
    padding = _cell_padding(boxes, chars)
    grid: list = [[None] * columns for _ in range(rows_count)]
    repeated: list = [set() for _ in range(rows_count)]
    bold: list = [set() for _ in range(rows_count)]
    ends: dict = {}  # (row, grid column) -> _ends of the cell
    for box in sorted(boxes, key=lambda b: (b[1], b[0])):
        col0, col1 = _index(xs, box[0]), _index(xs, box[2])
        row0, row1 = _index(ys, box[1]), _index(ys, box[3])
        if col1 <= col0 or row1 <= row0:
            continue
        own = [c for c in chars if _inside(c, box)]
        text = cell_text(own, box[2] - box[0] - 2 * padding) if own else ""
        letters = [c for c in own if c["text"].strip()]
        if letters:
            ends[(row0, col0)] = ends[(row1 - 1, col0)] = _ends(own, box[2] - box[0] - 2 * padding)
        for row in range(row0, row1):
            grid[row][col0] = text
            if row > row0:
                repeated[row].add(col0)
            elif letters and all(_is_bold_font(c.get("fontname", "")) for c in letters):
                bold[row].add(col0)
    kept = [i for i, cells in enumerate(grid) if any(c is not None for c in cells)]
    rows = [RawRow(tuple(grid[i]), frozenset(repeated[i]), i + 1, frozenset(bold[i])) for i in kept]
    if page_start and rows:
        rows[0] = replace(rows[0], page_start=True)
        cut = 1 if len(rows) > 1 and rows[0].cells == header else 0  # the row under a repeated header
        # a column whose text goes on as the same paragraph: its next word did not fit the line before
        wrapped = frozenset(
            col
            for (row, col), (_, word) in ends.items()
            if row == kept[cut] and cut_before is not None and col in cut_before and cut_before[col] < word
        )
        rows[cut] = replace(rows[cut], wrapped=wrapped)
    last_room = {col: room for (row, col), (room, _) in ends.items() if kept and row == kept[-1]}
    return rows, last_room


def _cell_padding(boxes: list, chars: list) -> float:
    """The gap between a cell's left border and its text, the smallest over the table's cells."""
    gaps = []
    for box in boxes:
        inked = [c["x0"] for c in chars if c["text"].strip() and _inside(c, box)]
        if inked:
            gaps.append(min(inked) - box[0])
    return max(0.0, min(gaps)) if gaps else 0.0


def _text_lines(page, tables: list) -> list:
    """(top, text) of the lines outside the tables, an empty text where a blank line separates paragraphs."""
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not any(_inside(obj, t.bbox) for t in tables))
    lines = outside.extract_text_lines(return_chars=False)
    result = []
    previous: Optional[dict] = None
    for line in lines:
        if previous is not None:
            height = max(1.0, previous["bottom"] - previous["top"])
            if line["top"] - previous["bottom"] > PARAGRAPH_GAP * height:
                result.append((line["top"], ""))
        result.append((line["top"], line["text"]))
        previous = line
    return result


def read_pdf(path: Path) -> DocxContent:
    """Every table and text line of a PDF, page by page in reading order."""
    path = Path(path)
    content = DocxContent()
    has_text = False
    with safeio.reading(path, safeio.WHAT_PDF):
        try:
            document = pdfplumber.open(str(path))
        except Exception as exc:  # pdfminer's own exception types; the encrypted case is common
            if "password" in type(exc).__name__.lower() or "encrypt" in str(exc).lower():
                raise RoadmapError(
                    "PDF защищён паролем, его нельзя прочитать.",
                    file=str(path),
                    hint="Снимите защиту (сохраните PDF без пароля) и повторите.",
                ) from exc
            raise RoadmapError(
                "файл не читается как PDF: он повреждён или это не PDF.",
                file=str(path),
                hint="Откройте его в программе просмотра PDF и сохраните заново.",
            ) from exc
        with document:
            room_before: dict = {}  # the last table so far: room after its last row's lines
            for number, page in enumerate(document.pages):
                if page.chars:
                    has_text = True
                tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
                lines = _text_lines(page, tables)
                placed = [(t.bbox[1], "table", t) for t in tables] + [(top, "p", text) for top, text in lines]
                text_above = False
                for _, kind, value in sorted(placed, key=lambda item: (item[0], item[1] == "p")):
                    if kind == "p":
                        content.blocks.append(("p", value))
                        # a page number over the table («2», «- 2 -») is not text that would end a row
                        text_above = text_above or bool(value.strip(" -–—0123456789"))
                        continue
                    opens_page = number > 0 and not text_above and value is tables[0]
                    header = content.tables[-1][0].cells if content.tables and content.tables[-1] else ()
                    rows, last_room = _table_rows(page, value, opens_page, room_before if opens_page else None, header)
                    room_before = last_room
                    if rows:
                        content.blocks.append(("table", len(content.tables)))
                        content.tables.append(rows)
    if not has_text:
        raise RoadmapError(SCANNED_MESSAGE, file=str(path), hint=SCANNED_HINT)
    return content
