"""Word documents (.docx) -> the tables as ``RawRow`` lists and the paragraphs around them.

The body (``word/document.xml``) is parsed with lxml alone, as python-docx would parse it,
and read as python-docx reads it: a form is read in a tenth of the time python-docx takes to
load every part of the package (its styles are hundreds of KB). A package that is not plainly
a Word document (a part missing, another content type, a relationship twice) is read by
python-docx itself, so its refusal stays python-docx's, word for word.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Set, Tuple

from lxml import etree

from roadmap_tools import safeio
from roadmap_tools.reading.tablerows import RawRow

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_T, _R, _P, _TBL, _TR, _TC = (f"{_W}{tag}" for tag in ("t", "r", "p", "tbl", "tr", "tc"))
_HYPERLINK, _BR = f"{_W}hyperlink", f"{_W}br"
#: what python-docx's ``CT_R.text`` makes of a run's children other than ``w:t`` and ``w:br``
_RUN_SIGNS = {f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-", f"{_W}ptab": "\t", f"{_W}tab": "\t"}
_BR_TYPE = f"{_W}type"
_TC_PR, _TR_PR = f"{_W}tcPr", f"{_W}trPr"
_GRID_SPAN, _GRID_BEFORE, _V_MERGE, _VAL = f"{_W}gridSpan", f"{_W}gridBefore", f"{_W}vMerge", f"{_W}val"
#: python-docx's parser settings (``docx.oxml.parser.oxml_parser``): the same tree, element for element
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


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


def _run_text(run) -> str:
    """python-docx's ``CT_R.text``: the run's texts, tabs, line breaks and hyphens, in order."""
    parts = []
    for child in run:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _BR:
            kind = child.get(_BR_TYPE)
            parts.append("\n" if kind is None or kind == "textWrapping" else "")
        elif tag in _RUN_SIGNS:
            parts.append(_RUN_SIGNS[tag])
    return "".join(parts)


def _paragraph_text(p_element) -> str:
    """python-docx's ``Paragraph.text``: the paragraph's own runs and its hyperlinks' runs."""
    parts = []
    for child in p_element:
        tag = child.tag
        if tag == _R:
            parts.append(_run_text(child))
        elif tag == _HYPERLINK:
            parts.extend(_run_text(run) for run in child.iterchildren(_R))
    return "".join(parts)


def _cell_text(tc) -> str:
    """The cell's paragraphs, one per line (nested tables included)."""
    return "\n".join(_paragraph_text(element) for element in tc.iter(_P))


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
    """Web addresses of the hyperlinks in a cell (the text shows «Приказ», the link holds the address).

    ``rels``: relationship id -> (external, target)."""
    targets = []
    for link in tc.iter(_HYPERLINK):
        external, target = rels.get(link.get(_R_ID), (False, ""))
        target = target if external else ""
        if target.lower().startswith(("http://", "https://")):
            targets.append(target)
    return targets


def _first(element, tag: str):
    """The first child of that tag (python-docx's ``ZeroOrOne``), or None."""
    return None if element is None else element.find(tag)


def _number(element, tag: str, default: int) -> int:
    """``int(w:val)`` of the first child of that tag, as python-docx's ``ST_DecimalNumber`` reads it."""
    child = _first(element, tag)
    return default if child is None else int(child.get(_VAL))  # no w:val: python-docx refuses too


def _table_rows(tbl, rels: Optional[dict] = None) -> list:
    rels = rels or {}
    rows = []
    above: dict = {}  # grid column -> text of the cell that a vertical merge continues
    for number, tr in enumerate(tbl.iterchildren(_TR), start=1):
        cells: list = [None] * _number(_first(tr, _TR_PR), _GRID_BEFORE, 0)
        repeated: Set[int] = set()
        bold: Set[int] = set()
        links: List[Tuple[int, str]] = []
        for tc in tr.iterchildren(_TC):
            grid = len(cells)
            properties = _first(tc, _TC_PR)
            span = max(1, _number(properties, _GRID_SPAN, 1))
            merge = _first(properties, _V_MERGE)
            if merge is not None and merge.get(_VAL, "continue") == "continue":
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


def _content(body, rels: dict) -> DocxContent:
    content = DocxContent()
    for element in _body_blocks(body):
        if element.tag == _P:
            content.blocks.append(("p", _paragraph_text(element)))
        else:
            content.blocks.append(("table", len(content.tables)))
            content.tables.append(_table_rows(element, rels))
    return content


def read_docx(
    path: Path, checked: bool = False, parts: Optional[Dict[str, bytes]] = None, names: Optional[frozenset] = None
) -> DocxContent:
    """Read the body of a .docx: every top-level table and paragraph, in order
    (``checked``: ``path`` is what ``safeio.check_archive`` has just admitted; ``parts``: members
    it kept, decompressed, so they are not read again; ``names``: every member's name)."""
    target = Path(path) if checked else safeio.check_archive(path, safeio.WHAT_WORD)
    try:
        found = _plain_word_document(target, parts or {}, names)
    except Exception:  # python-docx below says what is wrong, in its own words
        found = None
    if found is not None:
        body, rels = found
        try:
            return _content(body, rels)
        except Exception:
            pass
    return read_docx_with_python_docx(target, checked=True)


def read_docx_with_python_docx(path: Path, checked: bool = False) -> DocxContent:
    """The body read through python-docx's package and document objects: what ``read_docx``
    must equal (tests compare them), and its way for a package that is not plainly a Word
    document (``checked``: ``path`` is what the archive check has just admitted)."""
    document = safeio.open_docx(path, checked=checked)
    rels = {
        rid: (bool(rel.is_external), str(rel.target_ref) if rel.is_external else "")
        for rid, rel in document.part.rels.items()
    }
    with safeio.reading(path, safeio.WHAT_WORD):
        return _content(document.element.body, rels)


# --- the package, as python-docx walks it ------------------------------------------------
def _rels_name(partname: str) -> str:
    """Zip member of a part's relationships ("/" is the package): «word/_rels/document.xml.rels»."""
    base, name = posixpath.split(partname)
    return posixpath.join(base, "_rels", f"{name}.rels")[1:]


def _relationships(xml: Optional[bytes], base: str) -> list:
    """(id, type, target, external, partname) of each relationship, as python-docx's
    ``_SerializedRelationships`` reads them."""
    if xml is None:
        return []
    found = []
    for rel in etree.fromstring(xml, _PARSER).iterchildren(f"{_RELS_NS}Relationship"):
        target = rel.get("Target")
        external = rel.get("TargetMode", "Internal") == "External"
        partname = "" if external else posixpath.abspath(posixpath.join(base, target))
        found.append((rel.get("Id"), rel.get("Type"), target, external, partname))
    return found


def _plain_word_document(path: Path, kept: Dict[str, bytes], names: Optional[frozenset] = None) -> Optional[tuple]:
    """(body element, document relationships) of a package python-docx would open without a
    complaint, or None: every part the relationships reach is there and has a content type,
    the main part is one Word document. Its other parts (styles, settings) are not parsed.

    ``kept``, ``names``: members the archive check kept and the names of all: the file is opened
    only for a member it did not keep."""
    archive: Optional[zipfile.ZipFile] = None
    try:
        if names is None:
            archive = zipfile.ZipFile(path)
            names = frozenset(archive.namelist())

        def member(name: str) -> Optional[bytes]:
            nonlocal archive
            if name in kept:
                return kept[name]
            if name not in names:
                return None
            if archive is None:
                archive = zipfile.ZipFile(path)
            return archive.read(name)

        types = member("[Content_Types].xml")
        if types is None:
            return None
        overrides, defaults = {}, {}
        for element in etree.fromstring(types, _PARSER):
            if element.tag == f"{_CT_NS}Override":
                overrides[element.get("PartName").lower()] = element.get("ContentType")
            elif element.tag == f"{_CT_NS}Default":
                defaults[element.get("Extension").lower()] = element.get("ContentType")

        def content_type(partname: str) -> Optional[str]:
            if partname.lower() in overrides:
                return overrides[partname.lower()]
            extension = posixpath.splitext(partname)[1]
            return defaults.get((extension[1:] if extension.startswith(".") else extension).lower())

        package = _relationships(member("_rels/.rels"), "/")
        main = [rel for rel in package if rel[1] == _OFFICE_DOCUMENT]
        if len(main) != 1 or main[0][3]:
            return None
        document_part = main[0][4]
        relationships: Dict[str, list] = {}
        walk, seen = [package], set()
        while walk:  # every part reachable, as python-docx loads them
            for _, _, _, external, partname in walk.pop():
                if external or partname in seen:
                    continue
                seen.add(partname)
                if partname[1:] not in names or content_type(partname) is None:
                    return None
                relationships[partname] = _relationships(member(_rels_name(partname)), posixpath.split(partname)[0])
                walk.append(relationships[partname])
        if content_type(document_part) != _WORD_MAIN:
            return None
        own = relationships[document_part]
        if len({rel[0] for rel in own}) != len(own):
            return None  # an id twice: python-docx keeps the last, leave it to python-docx
        xml = member(document_part[1:])
        root = etree.fromstring(xml, _PARSER)
        body = root.find(f"{_W}body") if root.tag == f"{_W}document" else None
        if body is None:
            return None
        return body, {rid: (external, target if external else "") for rid, _, target, external, _ in own}
    finally:
        if archive is not None:
            archive.close()
