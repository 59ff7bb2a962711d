"""Counting the printed pages of the attached form: LibreOffice's count, or an estimate."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from roadmap_tools.reports import pagecount
from roadmap_tools.reports.pagecount import count_pages, estimate_xlsx_pages, pdf_page_count


def make_sheet(path, rows: int, height: float = 45.0):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Форма мониторинга"
    for column, width in zip("ABCD", (6, 45, 60, 40)):
        sheet.column_dimensions[column].width = width
    sheet.append(["№п/п", "Мероприятие", "Информация о проведении", "Ссылка на документ"])
    for number in range(1, rows + 1):
        sheet.append(
            [
                number,
                "Создание муниципальной рабочей команды " * 3,
                "Приказ №109 от 15.02.2023 " * 4,
                "https://uokuzneck.ucoz.ru/munic_mehanizmi/2023/prikaz.pdf",
            ]
        )
        sheet.row_dimensions[number + 1].height = height
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    workbook.save(path)
    return path


@pytest.mark.parametrize("rows", [1, 10, 40, 120])
def test_estimate_grows_with_rows_and_is_at_least_one_page(tmp_path, rows):
    pages = estimate_xlsx_pages(make_sheet(tmp_path / "f.xlsx", rows))
    assert pages >= 1
    assert pages <= estimate_xlsx_pages(make_sheet(tmp_path / "g.xlsx", rows + 20))


def test_estimate_reads_wrapped_text_when_rows_have_no_height(tmp_path):
    from openpyxl import load_workbook

    path = make_sheet(tmp_path / "f.xlsx", 30)
    workbook = load_workbook(path)
    for dimension in list(workbook.active.row_dimensions.values()):
        dimension.height = None
    workbook.save(path)
    assert estimate_xlsx_pages(path) > estimate_xlsx_pages(make_sheet(tmp_path / "short.xlsx", 30, height=15))


def test_without_libreoffice_the_pages_are_estimated(tmp_path, monkeypatch):
    monkeypatch.setattr(pagecount, "find_soffice", lambda: None)
    path = make_sheet(tmp_path / "f.xlsx", 40)
    assert count_pages(path) == (estimate_xlsx_pages(path), "estimate")


@pytest.mark.libreoffice
def test_libreoffice_count_is_the_pdf_page_count_and_the_estimate_is_near_it(tmp_path, soffice):
    path = make_sheet(tmp_path / "f.xlsx", 40)
    pages, how = count_pages(path)
    assert how == "libreoffice"
    pdf = pagecount.convert_to_pdf(path, tmp_path / "pdf")
    assert pages == pdf_page_count(pdf) > 1
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert f"Pages: {pages}" in " ".join(info.split())
    assert abs(estimate_xlsx_pages(path) - pages) <= 1
