"""Text that looks like a formula (=, +, -, @ first) is written as text in every workbook we write."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import malformed
import pytest
from malformed import FORMULA_LIKE


def _formula_texts(path: Path) -> list:
    """The <f> elements of every sheet of a saved workbook."""
    found = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                found += re.findall(r"<(?:\w+:)?f\b[^>]*>([^<]*)<", zf.read(name).decode("utf-8"))
    return found


def _assert_text_cells(path: Path) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    seen = {}
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in FORMULA_LIKE:
                    seen.setdefault(cell.value, []).append(cell.data_type)
    assert set(seen) == set(FORMULA_LIKE), f"not all texts were written: {sorted(seen)}"
    assert all(kind == "s" for kinds in seen.values() for kind in kinds), seen
    assert not [f for f in _formula_texts(path) if any(t.lstrip("=+-@") in f for t in FORMULA_LIKE)]


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_set_cell_value_keeps_formula_like_text_as_text(text):
    import openpyxl

    from roadmap_tools.sheetplan.openpyxl_applier import set_cell_value

    cell = openpyxl.Workbook().active["A1"]
    set_cell_value(cell, text)
    assert cell.value == text and cell.data_type == "s"


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    """A roadmap workbook imported from a document whose cells look like formulas."""
    from roadmap_tools.reading.importer import import_to_workbook

    folder = tmp_path_factory.mktemp("formula")
    document = folder / "формулы.docx"
    malformed.docx_formula_like_text(document, malformed.Bases(folder / "bases"))
    workbook = folder / "Книга.xlsx"
    import_to_workbook(document, workbook)
    return workbook


def test_import_writes_formula_like_document_text_as_text_cells(imported):
    _assert_text_cells(imported)


def test_reimport_into_the_same_workbook_keeps_them_text(imported, tmp_path):
    from roadmap_tools.reading.importer import import_to_workbook

    again = tmp_path / "Книга.xlsx"
    again.write_bytes(imported.read_bytes())
    import_to_workbook(again, again)
    _assert_text_cells(again)


@pytest.mark.parametrize("job", ["run_check", "run_overdue", "run_form"])
def test_jobs_that_update_the_workbook_keep_them_text(imported, tmp_path, job):
    jobs = pytest.importorskip("roadmap_tools.actions.on_file", reason="check/overdue/form have not landed yet")
    book = tmp_path / "Книга.xlsx"
    book.write_bytes(imported.read_bytes())
    getattr(jobs, job)(book)
    _assert_text_cells(book)


def test_the_form_file_keeps_them_text(imported, tmp_path):
    jobs = pytest.importorskip("roadmap_tools.actions.on_file", reason="form has not landed yet")
    from datetime import date

    book = tmp_path / "Книга.xlsx"
    book.write_bytes(imported.read_bytes())
    form = tmp_path / "Форма.xlsx"
    jobs.run_form(book, date(2022, 1, 1), date(2022, 12, 31), output=form)
    import openpyxl

    cells = [
        c
        for ws in openpyxl.load_workbook(form).worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value in FORMULA_LIKE
    ]
    assert cells and all(c.data_type == "s" for c in cells)
    assert not [f for f in _formula_texts(form) if "HYPERLINK" in f or "SUM" in f]
