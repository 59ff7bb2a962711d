"""Header rows are recognised whatever the wording and the order of the columns."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_tools.reading.headers import field_of_title, recognise_header
from roadmap_tools.workbook import schema as layout


@pytest.mark.parametrize(
    "title, field",
    [
        ("№ п/п", "number"),
        ("№ n/n", "number"),
        ("№", "number"),
        ("№п/п", "number"),
        ("N п/п", "number"),
        ("Наименование мероприятия", "activity"),
        ("Мероприятие", "activity"),
        ("Мероприятия", "activity"),
        ("Мероприятие (содержание деятельности)", "activity"),
        ("Содержание работы", "activity"),
        ("Наименование мероприятий по реализации", "activity"),
        ("Сроки исполнения, реализации", "deadline"),
        ("Сроки", "deadline"),
        ("Срок", "deadline"),
        ("Сроки исполнения", "deadline"),
        ("Срок проведения мероприятия", "deadline"),
        ("Сроки\nреализации", "deadline"),
        ("Дата проведения", "deadline"),
        ("СРОКИ*", "deadline"),
        ("Исполнители", "executor"),
        ("Ответственный исполнитель", "executor"),
        ("Ответственные", "executor"),
        ("Ответственные исполнители", "executor"),
        ("Ответственный за исполнение мероприятия", "executor"),
        ("Соисполнители", "executor"),
        ("Индикативные показатели", "result"),
        ("Ожидаемый результат", "result"),
        ("Планируемый результат", "result"),
        ("Результат", "result"),
        ("Форма отчетности", "result"),
        ("Индикаторы", "result"),
        ("Ожидаемые результаты реализации мероприятия", "result"),
        ("Информация о проведении мероприятия (название документа, дата, количество участников)", "info"),
        ("Ссылка на документ/информационное сопровождение мероприятия", "link"),
        ("Отметка об исполнении", "status"),
        ("Статус", "status"),
        ("Примечание", "note"),
        ("Наимено-\nвание меро-\nприятия", "activity"),
        ("Сро-\nки испол-\nнения", "deadline"),
        ("Ответ-\nствен-\nные", "executor"),
        ("Ожидае-\nмый ре-\nзультат", "result"),
        ("Наиме\u00adнование мероприятия", "activity"),
    ],
)
def test_title_means_field(title, field):
    assert field_of_title(title)[0] == field


@pytest.mark.parametrize("column", layout.ROADMAP_COLUMNS, ids=lambda c: c.title)
def test_every_workbook_column_title_is_recognised_as_its_field(column):
    assert field_of_title(column.title)[0] == column.field


@pytest.mark.parametrize(
    "cells, expected",
    [
        (
            [
                "№ п/п",
                "Наименование мероприятия",
                "Сроки исполнения, реализации",
                "Индикативные показатели",
                "Исполнители",
            ],
            {"number": 0, "activity": 1, "deadline": 2, "result": 3, "executor": 4},
        ),
        (
            ["Исполнители", "Результат", "Срок", "Мероприятия", "№"],
            {"executor": 0, "result": 1, "deadline": 2, "activity": 3, "number": 4},
        ),
        (["", "Мероприятие", "Сроки"], {"activity": 1, "deadline": 2}),
        (["№", "Мероприятие", "Сроки", "Срок (факт)"], {"number": 0, "activity": 1, "deadline": 2}),
        (
            [
                "№п/п",
                "Мероприятие (в соответствии с дорожной картой)",
                "Информация о проведении мероприятия",
                "Ссылка на документ",
            ],
            {"number": 0, "activity": 1, "info": 2, "link": 3},
        ),
    ],
)
def test_header_row_maps_fields_to_columns(cells, expected):
    assert recognise_header(cells) == expected


@pytest.mark.parametrize(
    "cells",
    [
        ["1.", "Проведение совещания с руководителями", "март 2022", "Управление образования"],
        ["Начальник отдела", "", "А.С. Кирсанов"],
        [],
        ["Мероприятие"],
    ],
)
def test_rows_that_are_not_headers_are_not_recognised(cells):
    assert recognise_header(cells) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(), st.integers(), st.floats()), max_size=12))
def test_recognition_never_raises(cells):
    result = recognise_header(cells)
    assert result is None or ("activity" in result and len(set(result.values())) == len(result))
