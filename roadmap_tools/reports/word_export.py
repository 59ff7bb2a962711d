"""The roadmap back as a Word appendix to an order: ``export_word(book, output)``.

Title, sections, numbering and the columns the source document had, on A4 landscape
in Times New Roman, the header row repeated on every page. The document is written so
that ``import`` reads it back to the same roadmap (the same recogniser of headers,
section rows merged across the table, the organisation above the title).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Optional, Union

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from roadmap_tools import safeio
from roadmap_tools.errors import RoadmapError
from roadmap_tools.lexicon import vocab
from roadmap_tools.model import Activity, Roadmap
from roadmap_tools.reading import headers
from roadmap_tools.reading.tablerows import REPORT_FIELDS
from roadmap_tools.workbook.book import read_roadmap_workbook

FONT = "Times New Roman"
TEXT_SIZE = Pt(12)
TITLE_SIZE = Pt(14)
#: Relative widths of the columns by what they hold; the rest of the page goes to the others.
_WIDTH_WEIGHTS = {"number": 1.2, "activity": 7.0, "deadline": 3.2, "executor": 4.5, "result": 5.0}
_PRINTABLE_WIDTH_CM = 29.7 - 2 * 2.0
_FIELDS = ("number", "activity", "deadline", "executor", "result") + REPORT_FIELDS


def default_word_path(book: Union[str, Path]) -> Path:
    """Where ``export-word`` writes without -o: «ИМЯ - дорожная карта.docx» beside the book."""
    book = Path(book)
    return book.with_name(f"{book.stem} - дорожная карта.docx")


def _fields_of(titles: list) -> list:
    """The field each column title means (None for a column of the document's own), as import reads it."""
    fields: list = [None] * len(titles)
    for name, index in (headers.recognise_header(titles) or {}).items():
        if name in _FIELDS and index < len(titles):
            fields[index] = name
    return fields


def _columns(roadmap: Roadmap) -> tuple:
    """(titles, field of each title or None): the source's columns when the book keeps them."""
    titles = [t for t in roadmap.columns if t] or list(vocab.APPENDIX_DEFAULT_COLUMNS)
    fields = _fields_of(titles)
    if "activity" not in fields or "deadline" not in fields:
        titles = list(vocab.APPENDIX_DEFAULT_COLUMNS)
        fields = _fields_of(titles)
    if not roadmap.has_executor_column and "executor" in fields and not any(a.executor for a in roadmap.activities()):
        keep = [i for i, f in enumerate(fields) if f != "executor"]
        titles, fields = [titles[i] for i in keep], [fields[i] for i in keep]
    return titles, fields


def _set_font(run, size, bold: bool = False) -> None:
    run.font.name = FONT
    run.font.size = size
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _write_text(container, text: str, size, bold: bool = False, align=None, in_cell: bool = True) -> None:
    """Text into a cell (its first, empty paragraph first) or the body, one paragraph per line."""
    lines = (text or "").split("\n")
    for index, line in enumerate(lines):
        paragraph = container.paragraphs[0] if in_cell and index == 0 else container.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(0)
        if line:
            _set_font(paragraph.add_run(line), size, bold)


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _landscape_a4(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin = section.bottom_margin = Cm(1.5)


def _cell_value(activity: Activity, field_name: Optional[str], title: str) -> str:
    """The activity's text for a column: its field, or the document's own column it kept (``extra``)."""
    if field_name is None:
        value = activity.extra.get(title, "")
    else:
        value = getattr(activity, field_name)
    if isinstance(value, (date, datetime)):
        return value.strftime("%d.%m.%Y")
    return "" if value is None else str(value)


def roadmap_document(roadmap: Roadmap):
    """A python-docx Document of the roadmap as an appendix."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, TEXT_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    _landscape_a4(document)
    if roadmap.organisation:
        _write_text(document, roadmap.organisation, TITLE_SIZE, True, WD_ALIGN_PARAGRAPH.CENTER, in_cell=False)
        document.add_paragraph()
    _write_text(document, vocab.APPENDIX_LABEL, TEXT_SIZE, align=WD_ALIGN_PARAGRAPH.RIGHT, in_cell=False)
    document.add_paragraph()
    # the title right above the table, after an empty line: where the importer looks for it
    _write_text(document, roadmap.title, TITLE_SIZE, True, WD_ALIGN_PARAGRAPH.CENTER, in_cell=False)
    document.paragraphs[-1].paragraph_format.space_after = Pt(12)

    titles, fields = _columns(roadmap)
    table = document.add_table(rows=1, cols=len(titles))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    weights = [_WIDTH_WEIGHTS.get(f, 3.0) for f in fields]
    widths = [Cm(_PRINTABLE_WIDTH_CM * w / sum(weights)) for w in weights]
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, title in zip(header.cells, titles):
        _write_text(cell, title, TEXT_SIZE, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for section in roadmap.sections:
        if section.title:
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[-1])
            _write_text(merged, section.title, TEXT_SIZE, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for activity in section.activities:
            row = table.add_row()
            for cell, field_name, title in zip(row.cells, fields, titles):
                align = WD_ALIGN_PARAGRAPH.CENTER if field_name in ("number", "deadline") else None
                _write_text(cell, _cell_value(activity, field_name, title), TEXT_SIZE, align=align)
    table.autofit = False
    for column, width in zip(table.columns, widths):  # the grid LibreOffice reads, and each cell for Word
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    return document


def write_roadmap_docx(roadmap: Roadmap, output: Union[str, Path]) -> Path:
    """Write the roadmap's appendix to ``output`` (atomically; an older file is kept as .bak)."""
    document = roadmap_document(roadmap)
    return safeio.atomic_write(output, lambda tmp: document.save(str(tmp)))


def export_word(book: Union[str, Path], output: Optional[Union[str, Path]] = None) -> tuple:
    """(Roadmap, written path): the roadmap of a workbook as a Word appendix."""
    book = safeio.check_readable(book)
    target = Path(output) if output else default_word_path(book)
    if target.resolve() == book.resolve():
        raise RoadmapError(
            "документ Word нельзя записать поверх книги.",
            file=str(book),
            hint="Укажите после -o другое имя файла .docx.",
        )
    if target.suffix.lower() != ".docx":
        raise RoadmapError(
            f"документ будет записан в формате .docx, а в имени «{target.name}» другое расширение.",
            file=str(target),
            hint="Укажите имя, оканчивающееся на .docx.",
        )
    roadmap, _ = read_roadmap_workbook(book)
    if not any(section.activities for section in roadmap.sections):
        raise RoadmapError(
            "в книге нет ни одного мероприятия: выгружать в Word нечего.",
            file=str(book),
            hint="Сначала импортируйте дорожную карту или заполните лист «Дорожная карта».",
        )
    return roadmap, write_roadmap_docx(roadmap, target)
