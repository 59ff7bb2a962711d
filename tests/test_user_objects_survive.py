"""A picture, a chart, a note and a hyperlink the methodologist put in her book survive
every command that writes the book (openpyxl drops pictures unless Pillow is installed)."""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import run_cli
from openpyxl import load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from PIL import Image as PILImage
from roadmap_books import roadmap_book

USER_SHEET = "Мои заметки"
ROADMAP_SHEET = "Дорожная карта"

#: Every command that writes into the roadmap workbook itself (the check exits 1 on findings).
WRITERS = {
    "check": ["check", "{book}"],
    "overdue": ["overdue", "{book}", "--as-of", "2022-06-01"],
    "form": ["form", "{book}", "--from", "2022-04-01", "--to", "2022-06-30"],
}


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 20), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def add_user_objects(path) -> None:
    wb = load_workbook(path)
    ws = wb.create_sheet(USER_SHEET)
    ws.append(["Квартал", "Мероприятий"])
    for quarter, count in (("I", 5), ("II", 8), ("III", 3)):
        ws.append([quarter, count])
    chart = BarChart()
    chart.title = "Мероприятия по кварталам"
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=4), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=4))
    ws.add_chart(chart, "D2")
    ws.add_image(Image(io.BytesIO(_png())), "D20")
    ws["A6"] = "Протокол совещания"
    ws["A6"].hyperlink = "https://uo.example.ru/protokol.pdf"
    ws["A7"].comment = Comment("Спросить у директора", "Методист")
    roadmap = wb[ROADMAP_SHEET]
    roadmap.add_image(Image(io.BytesIO(_png())), "M2")
    wb.save(path)


def assert_user_objects(path) -> None:
    wb = load_workbook(path)
    ws = wb[USER_SHEET]
    assert len(ws._images) == 1, "картинка на листе пользователя пропала"
    assert len(ws._charts) == 1, "диаграмма на листе пользователя пропала"
    assert ws["A6"].hyperlink is not None and ws["A6"].hyperlink.target == "https://uo.example.ru/protokol.pdf"
    assert ws["A7"].comment is not None and ws["A7"].comment.text == "Спросить у директора"
    assert len(wb[ROADMAP_SHEET]._images) == 1, "картинка на листе «Дорожная карта» пропала"
    with zipfile.ZipFile(path) as zf:
        media = [n for n in zf.namelist() if n.startswith("xl/media/")]
        assert len(media) == 2 and all(zf.read(n)[:4] == b"\x89PNG" for n in media)


@pytest.mark.parametrize("command", list(WRITERS))
def test_pictures_charts_notes_and_links_survive_a_command_that_writes_the_book(tmp_path, command):
    book = roadmap_book("roadmap_sarov_2021_2022", tmp_path)
    add_user_objects(book)
    assert_user_objects(book)
    args = [a.format(book=book) for a in WRITERS[command]]
    result = run_cli(*args)
    assert result.code in (0, 1) and not result.err, result.out + result.err  # check: 1 = findings
    assert_user_objects(book)


def test_user_objects_survive_all_commands_in_turn_twice(tmp_path):
    book = roadmap_book("roadmap_karpinsk_2022", tmp_path)
    add_user_objects(book)
    for _ in range(2):
        for args in WRITERS.values():
            assert run_cli(*[a.format(book=book) for a in args]).code in (0, 1)
    assert_user_objects(book)
