"""Saving a user's workbook with openpyxl without losing what openpyxl does not keep.

openpyxl (``keep_vba=True``) keeps the VBA project of an .xlsm but drops the package
relationship of its ribbon (``customUI/customUI14.xml``): the file still opens, but the
tab «Дорожная карта» disappears. Every save of a workbook we were given goes through
``save_workbook``, which puts the ribbon back from the original file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Optional, Union

from roadmap_tools.safeio import atomic_write
from roadmap_tools.sheetplan import xml_rows

PathLike = Union[str, Path]

#: Relationship types of a ribbon part (Office 2007 and Office 2010+).
RIBBON_RELATIONSHIPS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/ui/extensibility",
    "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility",
)
_RELATIONSHIP = re.compile(r"<Relationship\b[^>]*/>")


def _ribbon(original: Path) -> tuple:
    """(relationship elements, {part name: bytes}) of the ribbon in ``original``; empty if none."""
    try:
        with zipfile.ZipFile(original) as zf:
            rels = zf.read("_rels/.rels").decode("utf-8")
            elements = [e for e in _RELATIONSHIP.findall(rels) if any(t in e for t in RIBBON_RELATIONSHIPS)]
            if not elements:
                return [], {}
            targets = [re.search(r'Target="/?([^"]+)"', e) for e in elements]
            if not all(targets):  # a relationship without a target: no ribbon to keep
                return [], {}
            folders = {t.group(1).rpartition("/")[0] + "/" for t in targets if t}
            parts = {n: zf.read(n) for n in zf.namelist() if any(n.startswith(f) for f in folders)}
            return elements, parts
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return [], {}


def restore_ribbon(original: PathLike, saved: PathLike) -> bool:
    """Put the ribbon of ``original`` back into ``saved`` (rewritten in place); True if it had one."""
    elements, parts = _ribbon(Path(original))
    if not elements:
        return False
    saved = Path(saved)
    with zipfile.ZipFile(saved) as zf:
        items = [(info, zf.read(info.filename)) for info in zf.infolist()]
    with zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in items:
            if info.filename in parts:
                continue
            if info.filename == "_rels/.rels":
                text = data.decode("utf-8")
                kept = [e for e in elements if f'Id="{_attribute(e, "Id")}"' not in text]
                data = text.replace("</Relationships>", "".join(kept) + "</Relationships>").encode("utf-8")
            zf.writestr(info, data)
        for name, data in parts.items():
            zf.writestr(name, data)
    return True


def _attribute(element: str, name: str) -> str:
    match = re.search(rf'\b{name}="([^"]*)"', element)
    return match.group(1) if match else ""


def save_workbook(workbook, target: PathLike, original: Optional[PathLike] = None) -> Path:
    """Save an openpyxl workbook atomically (backup kept), keeping the ribbon of ``original``."""

    def write(tmp: Path) -> None:
        xml_rows.save_workbook(workbook, tmp)  # openpyxl's save, its rows written faster
        if original is not None and Path(target).suffix.lower() == ".xlsm":
            restore_ribbon(original, tmp)

    return atomic_write(target, write)
