"""Dates and reporting periods in the words of an official letter."""

from datetime import date

import pytest

from roadmap_tools.reports.wording import date_in_words, date_numeric, lower_first, period_in_words

D = date


@pytest.mark.parametrize(
    "start, end, words",
    [
        # months within one year, as in the Kuznetsk letter
        (D(2023, 2, 1), D(2023, 5, 31), "в период с февраля по май 2023 года"),
        (D(2023, 2, 15), D(2023, 5, 20), "в период с февраля по май 2023 года"),
        (D(2023, 1, 1), D(2023, 2, 28), "в период с января по февраль 2023 года"),
        (D(2023, 6, 1), D(2023, 12, 31), "в период с июня по декабрь 2023 года"),
        # one month
        (D(2023, 2, 1), D(2023, 2, 28), "в феврале 2023 года"),
        (D(2023, 5, 10), D(2023, 5, 20), "в мае 2023 года"),
        (D(2023, 3, 1), D(2023, 3, 1), "в марте 2023 года"),
        # across years
        (D(2022, 9, 1), D(2023, 5, 31), "в период с сентября 2022 года по май 2023 года"),
        (D(2022, 12, 1), D(2023, 1, 31), "в период с декабря 2022 года по январь 2023 года"),
        (D(2022, 1, 1), D(2023, 12, 31), "в период с января 2022 года по декабрь 2023 года"),
        # quarters, half-years and years when the period is exactly one
        (D(2023, 1, 1), D(2023, 3, 31), "в I квартале 2023 года"),
        (D(2023, 4, 1), D(2023, 6, 30), "во II квартале 2023 года"),
        (D(2023, 7, 1), D(2023, 9, 30), "в III квартале 2023 года"),
        (D(2023, 10, 1), D(2023, 12, 31), "в IV квартале 2023 года"),
        (D(2023, 1, 1), D(2023, 6, 30), "в I полугодии 2023 года"),
        (D(2023, 7, 1), D(2023, 12, 31), "во II полугодии 2023 года"),
        (D(2023, 1, 1), D(2023, 12, 31), "в 2023 году"),
        # three months that are not a quarter, and a quarter that misses a day, stay months
        (D(2023, 2, 1), D(2023, 4, 30), "в период с февраля по апрель 2023 года"),
        (D(2023, 1, 2), D(2023, 3, 31), "в период с января по март 2023 года"),
        (D(2023, 1, 1), D(2023, 3, 30), "в период с января по март 2023 года"),
        # February of a leap year ends on the 29th
        (D(2024, 1, 1), D(2024, 2, 29), "в период с января по февраль 2024 года"),
    ],
)
def test_period_in_words(start, end, words):
    assert period_in_words(start, end) == words


def test_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        period_in_words(D(2023, 5, 1), D(2023, 4, 1))


@pytest.mark.parametrize(
    "day, numeric, words",
    [
        (D(2023, 3, 15), "15.03.2023", "15 марта 2023 года"),
        (D(2023, 5, 1), "01.05.2023", "1 мая 2023 года"),
        (D(2022, 12, 31), "31.12.2022", "31 декабря 2022 года"),
    ],
)
def test_dates_in_letters(day, numeric, words):
    assert date_numeric(day) == numeric
    assert date_in_words(day) == words


def test_no_date_is_written_as_nothing():
    assert date_numeric(None) == ""


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Управление образования города Кузнецка", "управление образования города Кузнецка"),
        ("МКУ «Центр развития образования»", "МКУ «Центр развития образования»"),
        ("«Отдел образования»", "«Отдел образования»"),
        ("отдел образования", "отдел образования"),
        ("", ""),
    ],
)
def test_sender_name_in_the_middle_of_a_sentence(text, expected):
    assert lower_first(text) == expected


def test_letter_month_names_are_forms_the_deadline_parser_knows():
    from roadmap_tools.lexicon import vocab

    for month in range(1, 13):
        forms = vocab.MONTH_FORMS[month]
        for case in (vocab.MONTHS_NOMINATIVE, vocab.MONTHS_GENITIVE, vocab.MONTHS_PREPOSITIONAL):
            assert case[month - 1] in forms
