"""What every sheet we write looks like printed on A4 by LibreOffice: text of 7 pt or
larger on every page, wide sheets over several pages across rather than shrunk, the
Gantt over the roadmap's own years, names of «Справочники» whole."""

from __future__ import annotations

import os

import pdfplumber
import pytest
from conftest import convert_with_libreoffice, soffice_path
from openpyxl import load_workbook
from sheets_we_write import written_workbooks

from roadmap_tools.workbook import schema as layout
from roadmap_tools.workbook.printing import MIN_PRINTED_PT

pytestmark = pytest.mark.libreoffice

A4_POINTS = {(595, 842), (842, 595)}


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """name -> (workbook, its PDF printed by LibreOffice), made once for the module."""
    soffice = soffice_path()
    if not soffice:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) не установлен, а CI должен его ставить: см. .ci/run")
        pytest.skip("LibreOffice не установлен: apt-get install libreoffice-calc")
    folder = tmp_path_factory.mktemp("printed")
    books = written_workbooks(folder / "books")
    return {
        name: (path, convert_with_libreoffice(soffice, path, "pdf", folder / "pdf" / str(i)))
        for i, (name, path) in enumerate(books.items())
    }


def text_sizes(pdf_path) -> list:
    """(page number, page size, smallest printed text size) of every page with text."""
    found = []
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            sizes = [c["size"] for c in page.chars if c["text"].strip()]
            if sizes:
                found.append((number, (round(page.width), round(page.height)), min(sizes)))
    return found


def test_every_printed_page_of_every_sheet_we_write_has_text_of_7_pt_or_larger(printed):
    too_small = []
    for name, (_, pdf) in printed.items():
        pages = text_sizes(pdf)
        assert pages, f"{name}: LibreOffice printed nothing"
        for number, size, smallest in pages:
            assert size in A4_POINTS, f"{name}, page {number}: not A4 ({size})"
            if smallest < MIN_PRINTED_PT - 0.05:
                too_small.append((name, number, round(smallest, 1)))
    assert not too_small, too_small


def test_the_roadmap_prints_over_pages_across_with_the_header_and_numbers_on_each(printed):
    _, pdf = printed["демо: книга"]
    with pdfplumber.open(pdf) as doc:
        texts = [" ".join((page.extract_text() or "").split()) for page in doc.pages]
    first = [t for t in texts if t.startswith("№ Раздел Мероприятие Сроки")]
    across = [t for t in texts if "Ожидаемый результат" in t and "Информация о проведении" in t]
    # the columns the first pages leave out come on pages of their own, headed again with
    # the header row and the column №
    assert first and across and len(first) == len(across), (len(first), len(across))
    assert not any("Информация о проведении" in t for t in first)
    assert all(t.startswith("№ ") for t in across)
    assert not any(";2022" in t for t in texts)  # the Gantt's helper column is neither seen nor printed


def test_the_gantt_prints_the_years_of_the_roadmap_and_every_page_of_its_bars(printed):
    _, pdf = printed["демо: книга с лентой"]
    with pdfplumber.open(pdf) as doc:
        texts = [" ".join((page.extract_text() or "").split()) for page in doc.pages]
    gantt = [t for t in texts if "янв фев мар апр" in t and "Мероприятие" in t]
    assert gantt, "the Gantt did not print"
    years = {int(w) for t in gantt for w in t.split() if w.isdigit() and len(w) == 4}
    assert years <= {2021, 2022}, years  # the sample runs from December 2021 through 2022
    # two pages across: the first with the dates and the control, the second with the
    # activity names repeated; a page of bars alone is printed too (LibreOffice leaves
    # out pages without content)
    first = [t for t in gantt if "Контроль срока" in t]
    second = [t for t in gantt if "Контроль срока" not in t]
    assert first and len(first) == len(second), (len(first), len(second))
    assert len(gantt) <= 10  # 27 activities over two years, not the five years of months it had


def test_lists_print_every_executor_name_whole(printed):
    book, pdf = printed["демо: книга"]
    names = [row[2] for row in load_workbook(book)[layout.SHEET_LISTS].iter_rows(min_row=2, values_only=True) if row[2]]
    with pdfplumber.open(pdf) as doc:
        words = {w for page in doc.pages for w in (page.extract_text() or "").split()}
    cut = [word for name in names for word in name.split() if word not in words]
    assert not cut, cut
