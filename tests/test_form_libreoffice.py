"""The form and the roadmap workbook open in LibreOffice Calc and print in the expected layout."""

import re
import subprocess
from datetime import date

import pytest
from roadmap_books import roadmap_book

from roadmap_tools.actions.on_file import run_check, run_form, run_overdue

pytestmark = pytest.mark.libreoffice


def pages(pdf):
    """(width, height) in points of every page, from pdfinfo."""
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]


def text_of(pdf, page=None):
    """The PDF's text with whitespace folded and words broken at a hyphen joined again."""
    pick = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(["pdftotext", "-layout", *pick, str(pdf), "-"], capture_output=True, text=True).stdout
    return " ".join(out.split()).replace("- ", "-")


def words_present(text, phrase, count=6):
    """The first words of ``phrase`` appear in the text (cells wrap, so compare a few words)."""
    return " ".join(phrase.split()[:count]) in text


def test_form_prints_landscape_with_every_row(tmp_path, to_pdf):
    book = roadmap_book("roadmap_karpinsk_2022", tmp_path)
    form_file = tmp_path / "form.xlsx"
    result = run_form(book, date(2022, 1, 1), date(2022, 12, 31), output=form_file)
    pdf = to_pdf(form_file)
    sizes = pages(pdf)
    assert sizes and all(w > h and round(w) == 842 and round(h) == 595 for w, h in sizes)  # A4 landscape
    text = text_of(pdf)
    assert "Мониторинг исполнения мероприятий" in text
    rows = result.form.rows()
    assert len(rows) == 39  # all but 5.5, which has no deadline
    missing = [r.number for r in rows if not words_present(text, r.activity, 4)]
    assert not missing
    for section in result.form.sections:
        assert words_present(text, section.title, 3)
    # the header row is repeated on every page
    assert text.count("Мероприятие (в соответствии с дорожной картой)") == len(sizes) > 1


def test_roadmap_workbook_with_all_three_sheets_converts(tmp_path, to_pdf):
    book = roadmap_book("roadmap_sarov_2021_2022", tmp_path)
    run_check(book, today=date(2022, 12, 31))
    run_overdue(book, as_of=date(2022, 6, 1))
    run_form(book, date(2022, 1, 1), date(2022, 6, 30))
    pdf = to_pdf(book)
    sizes = pages(pdf)
    # the sheets of the three buttons (and the roadmap itself) print landscape
    for marker in ("Проверка дорожной карты", "Мониторинг исполнения мероприятий", "Сроки Начало Окончание"):
        on = [i for i in range(1, len(sizes) + 1) if marker in text_of(pdf, i)]
        assert on and all(sizes[i - 1][0] > sizes[i - 1][1] for i in on), marker
    text = text_of(pdf)
    for phrase in (
        "Проверка дорожной карты: ошибок — 2",
        "Контроль срока",
        "Просрочено",
        "Мониторинг исполнения мероприятий",
        "Корректировка «дорожных карт» школьных проектов",
    ):
        assert phrase in text, phrase
