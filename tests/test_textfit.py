"""The one estimate of wrapped text: lines in a cell and the height of a row."""

from __future__ import annotations

from datetime import date

import pytest

from roadmap_tools.workbook.textfit import LINE_HEIGHT, MAX_LINES, row_height, wrapped_lines


@pytest.mark.parametrize(
    "text, width, lines",
    [
        ("", 20, 1),  # an empty cell still has its one line
        (None, 20, 1),
        ("Приказ", 20, 1),  # short text fits
        ("один два три четыре пять шесть", 20, 2),  # words move whole to the next line
        ("один два три четыре пять шесть", 12, 3),
        ("а" * 40, 20, 3),  # a word longer than the line is broken
        ("первый\nвторой\n\nчетвёртый", 60, 4),  # every paragraph starts a line, an empty one too
        ("Создание муниципальной рабочей команды " * 3, 45, 3),
    ],
)
def test_wrapped_lines(text, width, lines):
    assert wrapped_lines(text, width) == lines


def test_a_smaller_font_fits_more_text_in_a_line():
    text = "Создание муниципальной рабочей команды " * 3
    assert wrapped_lines(text, 30, font_size=8) < wrapped_lines(text, 30)


def test_the_cell_with_most_lines_decides_the_row_height():
    values = ["коротко", "длинный текст мероприятия " * 4, None]
    assert row_height(values, [20, 20, 20]) == LINE_HEIGHT * wrapped_lines(values[1], 20)


def test_numbers_and_dates_do_not_wrap():
    assert row_height([12345678901234, date(2024, 12, 31)], [3, 3]) == LINE_HEIGHT


def test_a_row_is_never_taller_than_max_lines():
    text = "слово " * 1000
    assert row_height([text], [10]) == LINE_HEIGHT * MAX_LINES
    assert row_height([text], [10], line_height=12, max_lines=5) == 60
