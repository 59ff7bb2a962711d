"""The cover letter opens in LibreOffice and makes a one-page PDF with its words on it."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from test_cli_letter_email import penza_roadmap  # noqa: F401  (fixture)
from test_letter import KUZNETSK, PERIOD, document_text

from roadmap_tools.reports.letter import letter_context, render_letter

pytestmark = pytest.mark.libreoffice


def test_letter_converts_to_a_one_page_pdf_with_its_words(tmp_path, to_pdf):
    context = letter_context({**KUZNETSK, "addressee": "Ректору\nИ.В. Кондратьевой"}, "", PERIOD, 5)
    pdf = to_pdf(render_letter(context, tmp_path / "письмо.docx"))
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) не установлен")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("\f") <= 1, "the letter spills onto a second page"
    words = " ".join(text.split())
    for expected in (
        "Управление образования города Кузнецка",
        "26.05.2023 № 370",
        "на № 01-13/702 от 10.05.2023",
        "ГАОУ ДПО ИРР ПО",
        "И.В. Кондратьевой",
        "в период с февраля по май 2023 года",
        "Приложение: на 5 л. в 1 экз.",
        "Л.А.Борисова",
        "Заводчикова Л.И.",
        "89273767547",
    ):
        assert expected in words
    if shutil.which("pdftoppm"):
        # page 1 as a picture, for a person to look at (kept in pytest's tmp dir)
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True
        )
        assert list(tmp_path.glob("page*.png"))


def test_attachment_pages_are_the_pages_libreoffice_prints_of_the_form(tmp_path, to_pdf, penza_roadmap):  # noqa: F811
    from test_cli_letter_email import SETTINGS

    from roadmap_tools.reports.letter import make_letter, write_form
    from roadmap_tools.reports.pagecount import pdf_page_count
    from roadmap_tools.workbook.book import read_roadmap_workbook, write_roadmap_workbook

    book = write_roadmap_workbook(penza_roadmap, tmp_path / "Пенза.xlsx", {**SETTINGS, "attachment_pages": None})
    form = tmp_path / "форма.xlsx"
    roadmap, settings = read_roadmap_workbook(book)
    write_form(roadmap, settings, (settings["period_from"], settings["period_to"]), form)
    printed = pdf_page_count(to_pdf(form))
    assert printed >= 1
    letter = make_letter(book, today=date(2022, 4, 5), form=form)
    assert f"Приложение: на {printed} л. в 1 экз." in document_text(letter)
