"""The roadmap workbook opens in LibreOffice Calc headless and converts to PDF."""

from __future__ import annotations

import subprocess

import pytest
from conftest import FIXTURES

from roadmap_tools.reading.importer import import_roadmap
from roadmap_tools.workbook.book import write_roadmap_workbook

pytestmark = pytest.mark.libreoffice


def test_written_workbook_converts_to_pdf_with_the_activities(tmp_path, to_pdf):
    roadmap = import_roadmap(FIXTURES / "roadmap_sarov_2021_2022_split.docx")
    pdf = to_pdf(write_roadmap_workbook(roadmap, tmp_path / "Roadmap.xlsx"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = " ".join(text.split())
    assert "Мероприятие" in words
    assert "Анализ кадрового обеспечения ОО" in words
    assert "МБОУ ДПО МЦ" in words
