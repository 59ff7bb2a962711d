"""A small language for Word tables: test documents built the way municipal roadmaps are."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Span:
    """A cell merged across ``width`` grid columns."""

    text: str
    width: int


@dataclass
class Bold:
    text: str


class Down:
    """The cell above continues into this row (a vertical merge)."""


DOWN = Down()


def roadmap_table(document, rows):
    """A Word table from rows of str / Span / Bold / DOWN; returns the table."""
    width = sum(c.width if isinstance(c, Span) else 1 for c in rows[0])
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, spec in enumerate(rows):
        grid = 0
        for cell_spec in spec:
            cell = table.cell(r, grid)
            if isinstance(cell_spec, Span):
                cell = cell.merge(table.cell(r, grid + cell_spec.width - 1))
                cell.text = cell_spec.text
                grid += cell_spec.width
                continue
            if isinstance(cell_spec, Down):
                top = table.cell(r - 1, grid)
                top.merge(cell)
            elif isinstance(cell_spec, Bold):
                cell.paragraphs[0].add_run(cell_spec.text).bold = True
            else:
                cell.text = cell_spec
            grid += 1
    return table


def paragraphs(document, *texts):
    for text in texts:
        document.add_paragraph(text)


def save(document, path):
    document.save(str(path))
    return path


def new_document():
    import docx

    return docx.Document()
