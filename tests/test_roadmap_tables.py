"""Rows of a roadmap table -> sections and activities (the format-free part of import)."""

from __future__ import annotations

import pytest

from roadmap_tools.reading.tablerows import RawRow, parse_tables

HEADER = ["№", "Мероприятие", "Сроки", "Исполнители"]


def sections(*tables):
    parsed = parse_tables(tables)
    return [(s.title, [(a.number, a.activity, a.deadline, a.executor) for a in s.activities]) for s in parsed.sections]


def merged(text, width=4):
    return RawRow((text,) + (None,) * (width - 1))


@pytest.mark.parametrize(
    "rows, expected",
    [
        pytest.param(
            [HEADER, ["1", "Совещание", "март", "ОО"]],
            [("", [("1", "Совещание", "март", "ОО")])],
            id="activities before any section: empty title",
        ),
        pytest.param(
            [HEADER, merged("1. Нормативное обеспечение"), ["1.1", "Приказ", "январь", "УО"]],
            [("1. Нормативное обеспечение", [("1.1", "Приказ", "январь", "УО")])],
            id="merged section row",
        ),
        pytest.param(
            [HEADER, ["Кадры", "", "", ""], ["", "Курсы", "май", "ИМЦ"]],
            [("Кадры", [("", "Курсы", "май", "ИМЦ")])],
            id="text only in the first cell is a section",
        ),
        pytest.param(
            [HEADER, ["1", "Разработка", "март", "УО"], ["", "положения", "", "ОО"]],
            [("", [("1", "Разработка положения", "март", "УО ОО")])],
            id="row broken by a page break is joined",
        ),
        pytest.param(
            [HEADER, ["1", "А", "март", ""], ["", "", "", ""], ["2", "Б", "май", ""]],
            [("", [("1", "А", "март", ""), ("2", "Б", "май", "")])],
            id="empty rows are skipped",
        ),
        pytest.param(
            [HEADER, ["1", "2", "3", "4"], ["1", "А", "март", ""]],
            [("", [("1", "А", "март", "")])],
            id="column numbering row under the header is skipped",
        ),
        pytest.param(
            [HEADER, ["1", "А", "март", ""], HEADER, ["2", "Б", "май", ""]],
            [("", [("1", "А", "март", ""), ("2", "Б", "май", "")])],
            id="header repeated on a new page",
        ),
        pytest.param(
            [HEADER, ["", "А", "март", ""], ["", "Б", "", ""]],
            [("", [("", "А Б", "март", "")])],
            id="no number and no deadline continues the row above",
        ),
        pytest.param(
            [HEADER, ["", "Без номера", "май", "УО"]],
            [("", [("", "Без номера", "май", "УО")])],
            id="an unnumbered activity with a deadline is kept",
        ),
        pytest.param(
            [
                HEADER,
                ["1.", "Организационная работа", "", ""],
                ["1.1", "Приказ", "январь", ""],
                ["1.2", "Совещание", "март", ""],
            ],
            [("1. Организационная работа", [("1.1", "Приказ", "январь", ""), ("1.2", "Совещание", "март", "")])],
            id="numbered section row followed by its items",
        ),
        pytest.param(
            [
                HEADER,
                ["1.", "Организация", "", ""],
                ["1.1.", "Мониторинг", "", ""],
                ["1.1.1.", "ОГЭ", "июль", ""],
                ["1.2.", "Совещания", "", ""],
                ["1.2.1.", "Совет", "август", ""],
            ],
            [
                ("1. Организация 1.1. Мониторинг", [("1.1.1.", "ОГЭ", "июль", "")]),
                ("1.2. Совещания", [("1.2.1.", "Совет", "август", "")]),
            ],
            id="sub-headings 1.1., 1.2. above items 1.1.1, 1.2.1 start sections",
        ),
        pytest.param(
            [HEADER, ["5.5.", "Сборник", "", ""]],
            [("", [("5.5.", "Сборник", "", "")])],
            id="numbered activity without deadline stays an activity",
        ),
        pytest.param(
            [HEADER, merged("2. Информационное"), merged("сопровождение"), ["2.1", "Сайт", "март", ""]],
            [("2. Информационное сопровождение", [("2.1", "Сайт", "март", "")])],
            id="section title broken by a page break is joined",
        ),
        pytest.param([HEADER, merged("Пустой раздел"), merged("")], [], id="sections without activities are dropped"),
        pytest.param(
            [["Утверждено приказом", "", "", ""], HEADER, ["1", "А", "март", ""]],
            [("", [("1", "А", "март", "")])],
            id="a title row above the header",
        ),
    ],
)
def test_rows_become_sections(rows, expected):
    assert sections(rows) == expected


def test_table_without_header_and_same_columns_continues_the_previous():
    first = [HEADER, ["1", "Разработка", "март", "УО"]]
    second = [["", "положения", "", ""], ["2", "Совещание", "май", "ОО"]]
    assert sections(first, second) == [
        ("", [("1", "Разработка положения", "март", "УО"), ("2", "Совещание", "май", "ОО")])
    ]


def test_table_with_other_columns_is_not_part_of_the_roadmap():
    first = [HEADER, ["1", "А", "март", "УО"]]
    signatures = [["Начальник", "Иванов"]]
    assert sections(first, signatures) == [("", [("1", "А", "март", "УО")])]


def test_cells_merged_across_grid_columns_map_to_the_header_columns():
    header = RawRow(("№", "Мероприятие", None, "Сроки"))  # the activity spans two grid columns
    row = RawRow(("1", "Совещание", None, "март"))
    odd = RawRow(("2", "Семинар", "(выездной)", "май"))  # this row splits the activity cell in two
    assert sections([header, row, odd]) == [
        ("", [("1", "Совещание", "март", ""), ("2", "Семинар (выездной)", "май", "")])
    ]


def test_vertically_merged_cell_is_not_joined_twice():
    rows = [
        HEADER,
        RawRow(("1", "Разработка", "март", "УО")),
        RawRow(("", "положения", "", "УО"), repeated=frozenset({3})),
    ]
    assert sections(rows) == [("", [("1", "Разработка положения", "март", "УО")])]


def test_columns_are_the_header_titles_as_written():
    parsed = parse_tables([[["№ п/п", "Наименование\nмероприятия", "Сроки", ""], ["1", "А", "май", ""]]])
    assert parsed.layout.titles == ["№ п/п", "Наименование\nмероприятия", "Сроки"]
    assert parsed.layout.fields == {"number": 0, "activity": 1, "deadline": 2}


def test_second_header_row_under_cells_merged_down_is_skipped_and_start_end_read_as_a_period():
    # joined with a space, «01.03.2022 31.03.2022» would parse as two milestones, not a period
    header = RawRow(("№", "Мероприятие", "Сроки", None, "Исполнители"))
    second = RawRow(("№", "Мероприятие", "Начало", "Окончание", "Исполнители"), repeated=frozenset({0, 1, 4}))
    row = RawRow(("1", "Совещание", "01.03.2022", "31.03.2022", "УО"))
    assert sections([header, second, row]) == [("", [("1", "Совещание", "01.03.2022 – 31.03.2022", "УО")])]


def test_bold_text_alone_in_the_activity_cell_is_a_section_plain_text_continues():
    bold_title = RawRow(("", "Работа с кадрами", "", ""), bold=frozenset({1}))
    plain_tail = RawRow(("", "и наставников", "", ""))
    rows = [HEADER, ["1", "Совещание", "март", "ОО"], plain_tail, bold_title, ["2", "Курсы", "май", "ИМЦ"]]
    assert sections(rows) == [
        ("", [("1", "Совещание и наставников", "март", "ОО")]),
        ("Работа с кадрами", [("2", "Курсы", "май", "ИМЦ")]),
    ]


def test_section_title_merged_right_of_an_empty_number_cell_is_a_section():
    rows = [HEADER, RawRow(("", "Кадры", None, None)), ["1", "Курсы", "май", "ИМЦ"]]
    assert sections(rows) == [("Кадры", [("1", "Курсы", "май", "ИМЦ")])]


def test_a_margin_column_left_of_the_header_is_not_a_column():
    parsed = parse_tables([[["", "№", "Мероприятие", "Сроки"], ["", "1", "А", "май"]]])
    assert parsed.layout.titles == ["№", "Мероприятие", "Сроки"]
    assert [(a.number, a.activity) for s in parsed.sections for a in s.activities] == [("1", "А")]


def test_repeated_header_with_an_untitled_last_column_still_continues_the_table():
    header = ["№", "Мероприятие", "Сроки", ""]
    first = [header, ["1", "А", "март", ""]]
    second = [header, ["2", "Б", "май", ""]]
    assert sections(first, second) == [("", [("1", "А", "март", ""), ("2", "Б", "май", "")])]
