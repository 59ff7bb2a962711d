"""Word documents (.docx) -> the tables as ``RawRow`` lists and the paragraphs around them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, List, Optional, Set, Tuple

from roadmap_tools import safeio
from roadmap_tools.reading.tablerows import RawRow

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass
class DocxContent:
    """A document's body in order: ``blocks`` are ("p", text) or ("table", index)."""

    tables: list = field(default_factory=list)  # list[list[RawRow]]
    blocks: list = field(default_factory=list)

    def paragraphs_before(self, table_index: int) -> list:
        texts = []
        for kind, value in self.blocks:
            if kind == "table" and value == table_index:
                break
            if kind == "p":
                texts.append(value)
        return texts

    def paragraphs(self) -> list:
        return [value for kind, value in self.blocks if kind == "p"]


def _body_blocks(element) -> Iterator:
    """Paragraphs and tables of the body, looking inside content controls."""
    for child in element.iterchildren():
        tag = child.tag
        if tag == f"{_W}p" or tag == f"{_W}tbl":
            yield child
        elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _body_blocks(child)


def _paragraph_text(p_element) -> str:
    from docx.text.paragraph import Paragraph

    # the text needs no story part (styles, images): the paragraph is read, never changed
    return Paragraph(p_element, None).text  # type: ignore[arg-type]


def _cell_text(tc) -> str:
    """The cell's paragraphs, one per line (nested tables included)."""
    lines = []
    for element in tc.iter(f"{_W}p"):
        lines.append(_paragraph_text(element))
    return "\n".join(lines)


def _is_bold(tc) -> bool:
    """Every run with text in the cell is bold (set on the run, not by a style)."""
    runs = [r for r in tc.iter(f"{_W}r") if "".join(t.text or "" for t in r.iter(f"{_W}t")).strip()]
    if not runs:
        return False
    for run in runs:
        flag = run.find(f"{_W}rPr/{_W}b")
        if flag is None or flag.get(f"{_W}val") in ("0", "false", "off"):
            return False
    return True


def _hyperlinks(tc, rels: dict) -> list:
    """Web addresses of the hyperlinks in a cell (the text shows «Приказ», the link holds the address)."""
    targets = []
    for link in tc.iter(f"{_W}hyperlink"):
        rel = rels.get(link.get(_R_ID))
        target = getattr(rel, "target_ref", "") if rel is not None and getattr(rel, "is_external", False) else ""
        if target.lower().startswith(("http://", "https://")):
            targets.append(target)
    return targets


def _table_rows(tbl, rels: Optional[dict] = None) -> list:
    rels = rels or {}
    rows = []
    above: dict = {}  # grid column -> text of the cell that a vertical merge continues
    for number, tr in enumerate(tbl.iterchildren(f"{_W}tr"), start=1):
        cells: list = [None] * tr.grid_before
        repeated: Set[int] = set()
        bold: Set[int] = set()
        links: List[Tuple[int, str]] = []
        for tc in tr.iterchildren(f"{_W}tc"):
            grid = len(cells)
            span = max(1, tc.grid_span)
            vmerge = tc.vMerge
            if vmerge == "continue":
                text = above.get(grid, "")
                repeated.add(grid)
            else:
                text = _cell_text(tc)
                above[grid] = text
                if _is_bold(tc):
                    bold.add(grid)
                if rels:
                    links.extend((grid, target) for target in _hyperlinks(tc, rels))
            cells.append(text)
            cells.extend([None] * (span - 1))
        rows.append(RawRow(tuple(cells), frozenset(repeated), number, frozenset(bold), tuple(links)))
    return rows


def read_docx(path: Path, checked: bool = False) -> DocxContent:
    """Read the body of a .docx: every top-level table and paragraph, in order
    (``checked``: ``path`` is what ``safeio.check_archive`` has just admitted)."""
    document = safeio.open_docx(path, checked)
    content = DocxContent()
    rels = dict(document.part.rels)
    with safeio.reading(path, safeio.WHAT_WORD):
        for element in _body_blocks(document.element.body):
            if element.tag == f"{_W}p":
                content.blocks.append(("p", _paragraph_text(element)))
            else:
                content.blocks.append(("table", len(content.tables)))
                content.tables.append(_table_rows(element, rels))
    return content
