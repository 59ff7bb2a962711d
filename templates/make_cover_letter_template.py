"""Build ``cover_letter.docx``: the Word template (docxtpl) of the official cover letter.

Run ``python templates/make_cover_letter_template.py`` after changing the
layout here and commit both files; a test checks the committed template matches this
script. The layout follows the Kuznetsk letter in ``tests/fixtures/002_*.docx``: the
sender's requisites block with the date and number on the left, the addressee on the
right, the body citing the request, the attachment line, the signatory, the executor.
A4 portrait; margins 2 cm (right 1.5 cm); Times New Roman 14, the blocks 12.

A user may edit the .docx in Word instead: every ``{{ field }}`` is listed in
``roadmap_tools.reports.letter.letter_context``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "cover_letter.docx"

FONT = "Times New Roman"
BODY_PT = 14
BLOCK_PT = 12

#: The body sentence; the request clause is left out when no request number is set.
BODY = (
    "{% if request_number %}В соответствии с письмом{% if request_from %} {{ request_from }}{% endif %}"
    " № {{ request_number }}"
    "{% if request_date %} от {{ request_date }}{% endif %} {{ sender_in_sentence }}"
    "{% else %}{{ sender_name }}{% endif %} направляет информацию о мероприятиях {{ letter_about }}, "
    "проведенных {{ period_words }}{% if request_number %} по запрашиваемой форме{% endif %}."
)


def _no_borders(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _column_widths(table, widths) -> None:
    """Set the grid too: LibreOffice lays a table out by its grid, Word by its cells."""
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
        column.w = width
    for cell, width in zip(table.rows[0].cells, widths):
        cell.width = width


def _paragraph(
    container,
    text: str = "",
    *,
    size: int = BODY_PT,
    bold: bool = False,
    align=None,
    first_line_cm: float = 0.0,
    first: bool = False,
):
    """Add a paragraph with one run (so docxtpl sees each tag whole)."""
    from docx.shared import Cm, Pt

    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if first_line_cm:
        paragraph.paragraph_format.first_line_indent = Cm(first_line_cm)
    if text:
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.bold = bold
    return paragraph


def _optional(container, field: str, **style) -> None:
    """A paragraph that docxtpl drops when ``field`` is empty."""
    _paragraph(container, f"{{%p if {field} %}}", **style)
    _paragraph(container, f"{{{{ {field} }}}}", **style)
    _paragraph(container, "{%p endif %}", **style)


def build(path: Path) -> Path:
    from docx import Document
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin = section.bottom_margin = section.left_margin = Cm(2.0)
    section.right_margin = Cm(1.5)

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    # Cyrillic and East Asian text take the font from their own attributes
    fonts = normal.element.rPr.rFonts
    for attribute in ("w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)

    center, right, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY
    block = {"size": BLOCK_PT, "align": center}

    # Requisites and number on the left, addressee on the right
    head = document.add_table(rows=1, cols=2)
    _no_borders(head)
    head.autofit = False
    left, right_cell = head.rows[0].cells
    _column_widths(head, (Cm(9.0), Cm(8.5)))
    _paragraph(left, "{{ sender_name }}", size=BLOCK_PT, bold=True, align=center, first=True)
    _optional(left, "sender_address", **block)
    _optional(left, "sender_contacts", **block)
    _optional(left, "sender_requisites", **block)
    _paragraph(left, "", size=BLOCK_PT)
    _paragraph(left, "{{ letter_date }} № {{ letter_number or blank }}", size=BLOCK_PT, align=center)
    _paragraph(left, "на № {{ request_number or blank }} от {{ request_date or blank }}", size=BLOCK_PT, align=center)

    # the organisation is left out when the position names it («Министру образования …»)
    _paragraph(right_cell, "{%p if addressee_org %}", first=True)
    _paragraph(right_cell, "{{ addressee_org }}")
    _paragraph(right_cell, "{%p endif %}")
    _optional(right_cell, "addressee_position")
    _optional(right_cell, "addressee_person")
    for paragraph in right_cell.paragraphs:
        paragraph.paragraph_format.left_indent = Cm(1.0)

    _paragraph(document)
    _paragraph(document, "{%p if salutation %}", align=center)
    _paragraph(document, "{{ salutation }}", align=center)
    _paragraph(document, "{%p endif %}", align=center)
    _paragraph(document)
    _paragraph(document, BODY, align=justify, first_line_cm=1.25)
    _paragraph(document)
    _paragraph(document, "Приложение: на {{ attachment_pages }} л. в 1 экз.")
    _paragraph(document)
    _paragraph(document)

    signature = document.add_table(rows=1, cols=2)
    _no_borders(signature)
    signature.autofit = False
    position, name = signature.rows[0].cells
    _column_widths(signature, (Cm(10.5), Cm(7.0)))
    name.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    _paragraph(position, "{{ signatory_position }}", first=True)
    _paragraph(name, "{{ signatory_name }}", align=right, first=True)

    for _ in range(4):
        _paragraph(document)
    _paragraph(document, "{{ executor_name }}", size=BLOCK_PT)
    _paragraph(document, "{{ executor_phone }}", size=BLOCK_PT)

    document.core_properties.title = "Сопроводительное письмо"
    document.core_properties.author = "roadmap_tools"
    path = Path(path)
    document.save(str(path))
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE
    print(build(target))
