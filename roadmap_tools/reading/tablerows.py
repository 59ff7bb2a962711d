"""Roadmap tables as rows of cell texts -> sections of activities (pure, no file formats).

The readers (``docx_reader``, ``xlsx_reader``) turn a document into ``RawRow`` lists;
this module finds the header, section rows, rows broken by a page break, tables that
continue the previous one and empty rows, the same way for every format.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Optional, Sequence, Union

from roadmap_tools.lexicon import vocab
from roadmap_tools.model import Activity, Section, Source
from roadmap_tools.reading import headers

#: How the texts under «начало» and «окончание» of one deadline column are joined.
RANGE_JOINT = " – "
#: Rows at the top of a table where its header may be (a title row may come first).
HEADER_SEARCH_ROWS = 6

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NUMBER_ONLY = re.compile(r"^(?:\d+[.)]?\s*)+$|^[IVXLC]+[.)]?$")
_ROMAN = re.compile(r"^[IVXLC]+[.)]?$")
#: A text ending in a word wrapped after its hyphen («организационно-», «2-»).
_HYPHEN_WRAP = re.compile(r"\w-$")
#: The number of a heading row: «1.», «Раздел 2», «IV», or a sub-heading «1.2.» above items 1.2.1, 1.2.2
_HEADING_NUMBER = re.compile(vocab.TEXT_PATTERNS["heading_number"], re.IGNORECASE)


def clean_text(value) -> str:
    """A cell's text as data: lines stripped, runs of spaces as one, no control characters."""
    if value is None:
        return ""
    if value.__class__ is str and value.isprintable() and "  " not in value:
        return value.strip()  # one line, no control characters, no runs of spaces: most cells
    text = _ILLEGAL.sub(" ", str(value).replace("\r\n", "\n").replace("\r", "\n"))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class RawRow:
    """One table row as a reader found it, on the table's grid of columns.

    ``cells[i]`` is the text starting in grid column ``i``; None where a cell merged
    from the left covers the column. ``repeated`` holds the grid columns whose text
    continues a vertically merged cell from the row above; ``bold`` the grid columns
    whose text is all bold (a section title written in the activity cell).
    """

    cells: tuple
    repeated: frozenset = frozenset()
    row: Optional[int] = None  # 1-based row in the source (sheet row or table row)
    bold: frozenset = frozenset()
    #: (grid column, address) of every hyperlink behind a cell's text («Приказ» -> https://…)
    links: tuple = ()
    #: the row opens a new page of the table (a reader that knows pages: PDF), so it may
    #: finish the row the page break cut
    page_start: bool = False
    #: grid columns whose text goes on from the page before in the same paragraph (a line wrap)
    wrapped: frozenset = frozenset()

    @property
    def texts(self) -> list:
        return [clean_text(c) for c in self.cells if c is not None]

    @property
    def is_one_cell(self) -> bool:
        """One cell merged across the whole row."""
        present = [c for c in self.cells if c is not None]
        return len(present) == 1 and len(self.cells) > 1


RowLike = Union[RawRow, Sequence]


def as_raw(row: RowLike, index: int) -> RawRow:
    if isinstance(row, RawRow):
        return row if row.row is not None else replace(row, row=index)
    return RawRow(tuple(row), frozenset(), index)


@dataclass
class TableLayout:
    """The header of the roadmap table and how grid columns map to its columns."""

    titles: list  # header titles as written
    fields: dict  # field -> logical column index (0-based)
    starts: list  # grid column where each logical column starts
    end: Optional[int] = None  # grid columns from here on are outside the table
    begin: int = 0  # grid columns before this one are outside the table (a margin)
    #: logical columns split under the header into «начало» and «окончание»
    ranges: frozenset = frozenset()

    def column_of(self, grid: int) -> int:
        return max(0, bisect.bisect_right(self.starts, grid) - 1)

    def inside(self, grid: int) -> bool:
        return grid >= self.begin and (self.end is None or grid < self.end)

    def present(self, row: RawRow) -> list:
        """Grid columns of the row's cells inside the table (cells merged from the left excluded)."""
        return [grid for grid, value in enumerate(row.cells) if value is not None and self.inside(grid)]

    def spans_columns(self, row: RawRow) -> bool:
        """The row's only text is one cell merged across several of the table's columns."""
        present = self.present(row)
        texts = [grid for grid in present if clean_text(row.cells[grid])]
        if len(texts) != 1:
            return False
        grid = texts[0]
        later = [g for g in present if g > grid]
        stop = later[0] if later else (self.end if self.end is not None else len(row.cells))
        return len({self.column_of(g) for g in range(grid, stop)}) > 1

    def logical(self, row: RawRow) -> tuple:
        """(cells by logical column, logical columns that repeat the row above).

        Texts of grid cells in one logical column are joined with a space, or with
        « – » under «начало | окончание» so the deadline reads as a period.
        """
        width, values = len(self.titles), row.cells
        if (
            len(values) <= width
            and self.begin == 0
            and self.end is None
            and not self.ranges
            and self.starts == list(range(width))
        ):  # one grid column per column (most tables): no column to look up, nothing to join
            cells = [clean_text(value) if value is not None else "" for value in values]
            cells += [""] * (width - len(values))
            return cells, {grid for grid in row.repeated if grid < len(values) and values[grid] is not None}
        cells = [""] * width
        repeated = set()
        for grid, value in enumerate(values):
            if value is None or not self.inside(grid):
                continue
            text = clean_text(value)
            column = self.column_of(grid)
            if grid in row.repeated:
                repeated.add(column)
            if text:
                joint = RANGE_JOINT if column in self.ranges else " "
                cells[column] = f"{cells[column]}{joint}{text}" if cells[column] else text
        return cells, repeated

    def is_bold(self, row: RawRow, field_name: str) -> bool:
        """Every cell with text in the field's column is bold."""
        index = self.fields.get(field_name)
        if index is None:
            return False
        grids = [
            grid
            for grid, value in enumerate(row.cells)
            if value is not None and clean_text(value) and self.inside(grid) and self.column_of(grid) == index
        ]
        return bool(grids) and all(grid in row.bold for grid in grids)

    def get(self, cells: list, field_name: str) -> str:
        index = self.fields.get(field_name)
        return cells[index] if index is not None and index < len(cells) else ""

    @property
    def other_columns(self) -> list:
        """(logical column, title) of the titled columns no field was recognised in."""
        ours = set(self.fields.values())
        return [(i, " ".join(t.split())) for i, t in enumerate(self.titles) if t and t.strip() and i not in ours]

    def extras(self, cells: list) -> dict:
        """Title -> text of the row's cells in ``other_columns`` (empty cells left out)."""
        return {title: cells[i] for i, title in self.other_columns if i < len(cells) and cells[i]}


@dataclass
class ParsedTables:
    """What the tables of a document hold: the roadmap's header and its sections."""

    layout: Optional[TableLayout] = None
    sections: list = field(default_factory=list)  # list[Section]
    header_table: Optional[int] = None  # index of the table the header was found in
    header_row: Optional[int] = None  # index of the header row in that table
    #: headers of tables that were looked at and not recognised, for error messages
    unrecognised: list = field(default_factory=list)


def find_header(rows: Sequence[RawRow], search: int = HEADER_SEARCH_ROWS) -> Optional[tuple]:
    """(row index, field mapping on present cells) of a roadmap header in the first rows."""
    for index, row in enumerate(rows[:search]):
        mapping = headers.recognise_header(row.texts)
        if mapping and not headers.missing_required(mapping):
            return index, mapping
    return None


def _layout_from_header(row: RawRow, mapping: dict) -> TableLayout:
    """The header's columns, from its first to its last titled cell (cells around them are not ours)."""
    starts = [grid for grid, value in enumerate(row.cells) if value is not None]
    titles = row.texts
    named = [i for i, title in enumerate(titles) if title]
    first, last = named[0], named[-1]
    end = starts[last + 1] if last + 1 < len(starts) else None
    return TableLayout(
        titles=titles[first : last + 1],
        fields={f: i - first for f, i in mapping.items()},
        starts=starts[first : last + 1],
        end=end,
        begin=starts[first],
    )


def layout_for_continuation(rows: Sequence[RawRow], previous: TableLayout) -> Optional[TableLayout]:
    """The previous table's layout on this table's grid, if its rows have the same columns."""
    width = len(previous.titles)
    for row in rows:
        starts = [grid for grid, value in enumerate(row.cells) if value is not None]
        if len(starts) == width:
            return TableLayout(titles=previous.titles, fields=previous.fields, starts=starts)
    return None


def is_column_numbering(cells: list) -> bool:
    """The row «1 2 3 4 5» some documents put under the header."""
    present = [c for c in cells if c]
    return (
        len(present) >= 2
        and all(c.rstrip(".").isdigit() for c in present)
        and [int(c.rstrip(".")) for c in present]
        == list(range(int(present[0].rstrip(".")), int(present[0].rstrip(".")) + len(present)))
    )


def _continues_header(row: RawRow) -> bool:
    """A second header row: cells merged down from the header, and sub-titles («начало», «окончание»)."""
    texts = [(grid, clean_text(c)) for grid, c in enumerate(row.cells) if c is not None and clean_text(c)]
    own = [text for grid, text in texts if grid not in row.repeated]
    return bool(texts) and len(own) < len(texts) and all(headers.field_of_title(text) for text in own)


def _range_columns(row: RawRow, layout: TableLayout) -> set:
    """Logical columns that a second header row splits into «начало» and «окончание»."""
    found: dict = {}
    for grid, value in enumerate(row.cells):
        if value is None or grid in row.repeated:
            continue
        meaning = headers.field_of_title(clean_text(value))
        if meaning and meaning[0] in ("start", "end"):
            found.setdefault(layout.column_of(grid), set()).add(meaning[0])
    return {column for column, kinds in found.items() if kinds == {"start", "end"}}


def same_header(cells: list, layout: TableLayout) -> bool:
    """The row repeats the layout's header titles (a table continued on a new page).

    Empty cells at either edge (a margin column, an untitled last column) do not count.
    """
    expected = _titled_once(tuple(layout.titles))
    normalise = headers.normalise_title
    # compared cell by cell, from the first titled one: a row of data differs at its first cell
    first = 0
    while first < len(cells) and not normalise(cells[first]):
        first += 1
    if not expected:
        return first == len(cells)
    if len(cells) - first < len(expected):
        return False
    for index, title in enumerate(expected):
        if normalise(cells[first + index]) != title:
            return False
    return not any(normalise(cell) for cell in cells[first + len(expected) :])


@functools.lru_cache(maxsize=256)
def _titled_once(titles: tuple) -> tuple:
    return tuple(_titled(titles))


def _titled(cells: Sequence) -> list:
    titles = [headers.normalise_title(c) for c in cells]
    while titles and not titles[-1]:
        titles.pop()
    while titles and not titles[0]:
        titles.pop(0)
    return titles


class _Builder:
    """Accumulates sections and activities row by row."""

    def __init__(self, source: Source):
        self.source = source
        self.sections: list = []
        self.last: Optional[Activity] = None
        self.pending_section: Optional[Section] = None  # a section row not yet followed by an activity

    def section_row(self, title: str) -> None:
        if self.pending_section is not None:
            # two section rows in a row: a title broken by a page break, or a heading and its subheading
            self.pending_section.title = f"{self.pending_section.title} {title}".strip()
            return
        self.pending_section = Section(title=title)
        self.last = None

    def _current_section(self, title_from_column: Optional[str]) -> Section:
        if title_from_column is not None:
            if self.pending_section is not None:
                self.pending_section = None
            if not self.sections or self.sections[-1].title != title_from_column:
                self.sections.append(Section(title=title_from_column))
            return self.sections[-1]
        if self.pending_section is not None:
            self.sections.append(self.pending_section)
            self.pending_section = None
        if not self.sections:
            self.sections.append(Section(title=""))
        return self.sections[-1]

    def activity(
        self, values: dict, row: Optional[int], section_title: Optional[str] = None, extra: Optional[dict] = None
    ) -> None:
        section = self._current_section(section_title)
        activity = Activity(
            section=section.title,
            source=Source(self.source.file, self.source.sheet, row),
            extra=dict(extra or {}),
            **values,
        )
        section.activities.append(activity)
        self.last = activity

    def continuation(self, values: dict, extra: Optional[dict] = None, line_wraps: frozenset = frozenset()) -> None:
        """Text of a row broken by a page break, joined cell by cell to the activity it continues.

        ``line_wraps``: fields where the reader saw the page end wrap a line inside a paragraph
        (PDF); there a word wrapped after its hyphen joins without a space, as within a cell.
        """

        def joined(current, text, wrap=False):
            if not current:
                return text
            if wrap and _HYPHEN_WRAP.search(current) and text[:1].isalpha():
                return current + text
            return f"{current} {text}"

        last = self.last
        assert last is not None  # the callers continue an activity that is there
        for name, text in values.items():
            if text:
                setattr(last, name, joined(getattr(last, name), text, name in line_wraps))
        for title, text in (extra or {}).items():
            last.extra[title] = joined(last.extra.get(title), text)


#: Fields of the plan, then the reporting fields a document may already have filled.
FIELDS = ("number", "activity", "deadline", "executor", "result")
REPORT_FIELDS = ("status", "done_date", "info", "link", "note")


def _is_section_title(text: str) -> bool:
    return bool(text) and not _NUMBER_ONLY.match(text)


def _process_rows(rows: Sequence[RawRow], layout: TableLayout, builder: _Builder) -> None:
    after_page_break = False
    for position, row in enumerate(rows):
        after_page_break = after_page_break or row.page_start
        cells, repeated = layout.logical(row)
        if not any(cells):
            continue  # an empty row
        if same_header(cells, layout) or is_column_numbering(cells) or is_column_numbering(row.texts):
            continue  # the header repeated on a new page, or the column numbers under it (of every sub-column)
        first_on_page, after_page_break = after_page_break, False
        present = layout.present(row)
        filled = [i for i, c in enumerate(cells) if c]
        values = {name: layout.get(cells, name) for name in FIELDS}
        report = {name: layout.get(cells, name) for name in REPORT_FIELDS if name in layout.fields}
        extra = layout.extras(cells)
        repeated_titles = {title for i, title in layout.other_columns if i in repeated}
        section_title = layout.get(cells, "section") if "section" in layout.fields else None

        if (
            filled == [0]
            and layout.fields.get("activity") == 0
            and cells[0][:1].islower()
            and builder.last is not None
            and builder.pending_section is None
        ):
            builder.continuation({"activity": cells[0]})  # no number column: a broken activity text
            continue
        if (
            row.is_one_cell
            or (filled == [0] and _is_section_title(cells[0]) and len(present) > 1)
            or (filled == [layout.fields["activity"]] and layout.is_bold(row, "activity"))
            or (len(filled) == 1 and _is_section_title(cells[filled[0]]) and layout.spans_columns(row))
        ):
            builder.section_row(" ".join(c for c in cells if c))
            continue
        if numbered_section_row(row, cells, layout, itertools.islice(rows, position + 1, None)):
            builder.section_row(" ".join(c for c in cells if c))
            continue
        fresh = {
            name: text
            for name, text in {**values, **report}.items()
            if text and layout.fields.get(name) not in repeated
        }
        # the rest of a row the page cut, its deadline cut too: no number, and no activity of its own
        # (none, or the activity's sentence going on: not from a capital letter)
        cut_by_page = first_on_page and not values["number"] and not values["activity"].lstrip("«\"'(„“ ")[:1].isupper()
        if (
            (cut_by_page or (not values["number"] and not values["deadline"]))
            and builder.last is not None
            and builder.pending_section is None
        ):
            wrapped = {layout.column_of(grid) for grid in row.wrapped if layout.inside(grid)}
            builder.continuation(
                fresh,
                {t: v for t, v in extra.items() if t not in repeated_titles},
                frozenset(name for name, index in layout.fields.items() if index in wrapped),
            )
            continue
        builder.activity({**values, **report}, row.row, section_title, extra)


#: Columns a heading row leaves empty: a row with text in one of them is an activity.
ROADMAP_CONTENT_FIELDS = ("deadline", "executor", "result")


def numbered_section_row(
    row: RawRow,
    cells: list,
    layout: TableLayout,
    following: Iterable[RawRow],
    content_fields: Sequence[str] = ROADMAP_CONTENT_FIELDS,
) -> bool:
    """«1. | Нормативно-правовое обеспечение» with no deadline, followed by items 1.1, 1.2, ...

    The same at any depth: «1.2. | Совещания» followed by 1.2.1, 1.2.2 starts a section too
    (sections are flat; a heading right under another joins its title). A roman number, or
    the title in one cell merged across the rest of the row, is a heading whatever follows.
    ``content_fields`` are the columns a heading leaves empty (a report's: information, link).
    """
    number = headers.normalise_title(cells[layout.fields["number"]]) if "number" in layout.fields else ""
    match = _HEADING_NUMBER.match(number.upper() if _ROMAN.match(number.upper()) else number)
    if not match:
        return False
    others = [c for i, c in enumerate(cells) if c and i != layout.fields["number"]]
    if not others or any(layout.get(cells, name) for name in content_fields):
        return False
    if len(layout.present(row)) == 2:  # the number, then one cell merged across the rest of the row
        return True
    if _ROMAN.match(number.upper()):
        return True
    prefix = match.group(1) + "."
    for later in following:
        later_cells, _ = layout.logical(later)
        later_number = headers.normalise_title(later_cells[layout.fields["number"]]).replace(" ", "")
        if later_number:
            return later_number.startswith(prefix) and len(later_number.rstrip(".")) > len(prefix.rstrip("."))
    return False


def parse_tables(
    tables: Sequence[Sequence[RowLike]], source: Optional[Source] = None, header_search: int = HEADER_SEARCH_ROWS
) -> ParsedTables:
    """Find the roadmap in a document's tables and read its sections and activities.

    The first table whose header names an activity and a deadline column starts the
    roadmap; later tables with the same header, or with no header and the same number
    of columns, continue it. Other tables (signatures, approval blocks) are skipped.
    """
    result = ParsedTables()
    builder = _Builder(source or Source())
    for table_index, table in enumerate(tables):
        rows = [as_raw(row, index) for index, row in enumerate(table, start=1)]
        if not rows:
            continue
        found = find_header(rows, header_search)
        if found is not None:
            header_index, mapping = found
            header_row = rows[header_index]
            if result.layout is None:
                result.layout = _layout_from_header(header_row, mapping)
                result.header_table, result.header_row = table_index, header_index
            elif not same_header(header_row.texts, result.layout):
                continue  # another table with other columns: not part of this roadmap
            layout = _layout_from_header(header_row, mapping)
            layout.titles = result.layout.titles
            first_data = header_index + 1
            while first_data < len(rows) and _continues_header(rows[first_data]):
                layout.ranges = layout.ranges | _range_columns(rows[first_data], layout)
                first_data += 1
            _process_rows(rows[first_data:], layout, builder)
            continue
        if result.layout is None:
            first = next((row.texts for row in rows if any(row.texts)), [])
            result.unrecognised.append(first)
            continue
        continued = layout_for_continuation(rows, result.layout)
        if continued is not None:
            _process_rows(rows, continued, builder)
    result.sections = [section for section in builder.sections if section.activities]
    return result
