"""Roadmap workbooks made from the fixture documents, for the tests of the three buttons."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES

_CACHE: dict = {}


def roadmap_book(name: str, tmp_path: Path, filename: str = "") -> Path:
    """A fresh copy of the roadmap workbook imported from ``tests/fixtures/NAME.docx``."""
    from roadmap_tools.reading.importer import import_roadmap
    from roadmap_tools.workbook.book import write_roadmap_workbook

    if name not in _CACHE:
        cache_dir = Path(__import__("tempfile").mkdtemp(prefix="rt-books-"))
        _CACHE[name] = write_roadmap_workbook(import_roadmap(FIXTURES / f"{name}.docx"), cache_dir / f"{name}.xlsx")
    target = tmp_path / (filename or f"{name}.xlsx")
    shutil.copy2(_CACHE[name], target)
    return target


def set_cells(path: Path, sheet: str, values: dict) -> None:
    """Type values into cells, as a user would in Excel («K5» -> value)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, keep_vba=path.suffix == ".xlsm")
    for cell, value in values.items():
        wb[sheet][cell] = value
    wb.save(path)


def header_columns(path: Path, sheet: str = "Дорожная карта") -> dict:
    """Header title -> column letter of a sheet."""
    from openpyxl import load_workbook

    ws = load_workbook(path)[sheet]
    return {c.value: c.column_letter for c in ws[1] if c.value}
