"""Deadline phrases give their expected parse: the table of tests/deadline_cases.py, and the
rules no single phrase shows (every case of every month, reasons, vocabulary conflicts)."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import parse_in
from deadline_cases import DEADLINE_CASES

from roadmap_tools.deadlines import parse_deadline, vocabulary_conflicts
from roadmap_tools.lexicon import vocab


def _iso(d):
    return d.isoformat() if d else None


def test_the_table_holds_every_phrase_once_and_many_of_them():
    assert len(DEADLINE_CASES) >= 700
    assert len({(p, repr(y)) for p, y, *_ in DEADLINE_CASES}) == len(DEADLINE_CASES)


@pytest.mark.parametrize(
    "phrase, years, kinds, start, end", DEADLINE_CASES, ids=[c[0] or "<empty>" for c in DEADLINE_CASES]
)
def test_phrase_gives_expected_kind_start_and_end(phrase, years, kinds, start, end):
    parsed = parse_in(phrase, years)
    assert parsed.kind in kinds.split("|"), parsed.reason
    assert _iso(parsed.start) in (start.split("|") if start else [None]), parsed
    assert _iso(parsed.end) in (end.split("|") if end else [None]), parsed
    if parsed.kind == "unparsed":
        assert parsed.reason


@pytest.mark.parametrize("month, forms", vocab.MONTH_FORMS.items())
def test_month_is_read_in_every_grammatical_case(month, forms):
    for form in forms:
        for written in (form, form.upper(), form.capitalize()):
            parsed = parse_deadline(f"до 3 {written} 2022", [2022])
            assert parsed.spans == ((date(2022, month, 3), date(2022, month, 3)),), written


def test_year_without_phrase_year_and_without_roadmap_years_says_why():
    assert parse_deadline("до 1 июня").reason == "не указан год, а годы дорожной карты не заданы"


def test_impossible_date_is_named_in_the_reason():
    assert "31.02.2022" in parse_deadline("31 февраля 2022", [2022]).reason


def test_a_term_before_an_event_names_the_event_word_in_its_reason():
    assert (
        parse_deadline("за 10 дней до начала учебного года", [], 2023).reason
        == "срок отсчитывается от события («за …»), а не задан датой"
    )


def test_a_school_year_makes_the_yearless_february_29_of_its_leap_year_valid():
    assert parse_deadline("29 февраля", [], 2023).start == date(2024, 2, 29)
    assert parse_deadline("29 февраля", [2023]).kind == "unparsed"


def test_event_relative_term_says_it_counts_from_an_event():
    assert "от события" in parse_deadline("в течение месяца после утверждения", [2022]).reason


def test_unknown_word_is_quoted_in_lower_case():
    assert "«когда»" in parse_deadline("КОГДА-нибудь", [2022]).reason


def test_recurring_yearly_span_repeats_in_each_roadmap_year():
    parsed = parse_deadline("Сентябрь – октябрь ежегодно", [2021, 2022])
    assert parsed.spans == ((date(2021, 9, 1), date(2021, 10, 31)), (date(2022, 9, 1), date(2022, 10, 31)))


def test_quarterly_gives_one_span_per_quarter():
    parsed = parse_deadline("ежеквартально", [2022])
    assert [s[0].month for s in parsed.spans] == [1, 4, 7, 10]
    assert parsed.spans[1] == (date(2022, 4, 1), date(2022, 6, 30))


def test_monthly_gives_one_span_per_month_over_all_years():
    assert len(parse_deadline("ежемесячно", [2021, 2022]).spans) == 24


def test_monthly_due_day_is_that_day_of_each_month():
    spans = parse_deadline("ежемесячно до 5-го числа", [2022]).spans
    assert len(spans) == 12 and all(a == b and a.day == 5 for a, b in spans)


def test_weekly_spans_are_monday_to_sunday_within_the_years():
    spans = parse_deadline("еженедельно", [2022]).spans
    assert spans[0] == (date(2022, 1, 1), date(2022, 1, 2))  # 1 January 2022 was a Saturday
    assert spans[1] == (date(2022, 1, 3), date(2022, 1, 9))
    assert spans[-1][1] == date(2022, 12, 31)


def test_milestones_keep_each_span():
    assert parse_deadline("май, ноябрь 2022 г.", [2022]).spans == (
        (date(2022, 5, 1), date(2022, 5, 31)),
        (date(2022, 11, 1), date(2022, 11, 30)),
    )


def test_vocabulary_gives_each_phrase_one_meaning():
    assert vocabulary_conflicts() == []


def test_a_phrase_with_two_meanings_is_reported(monkeypatch):
    monkeypatch.setattr(vocab, "DAY_WORDS", vocab.DAY_WORDS + ["по плану"])
    assert vocabulary_conflicts() == ["по плану: dayw None, ondemand None"]


def test_json_shape_of_a_parse():
    assert parse_deadline("до 5 марта 2022", [2022]).to_json() == {
        "text": "до 5 марта 2022",
        "kind": "deadline",
        "start": "2022-03-05",
        "end": "2022-03-05",
        "spans": [["2022-03-05", "2022-03-05"]],
        "reason": None,
    }


def test_a_marker_over_a_repetition_applies_to_each_occurrence():
    spans = parse_deadline("в конце каждой четверти", [], school_year=2023).spans
    assert spans == tuple(
        (d, d) for d in (date(2023, 10, 31), date(2023, 12, 31), date(2024, 3, 31), date(2024, 5, 31))
    )
    # «в конце месяца» of each month is its last ten days, as in «ежемесячно, в конце месяца»
    assert (
        parse_deadline("в конце каждого месяца", [2022]).spans
        == parse_deadline("ежемесячно, в конце месяца", [2022]).spans
    )


def test_a_period_word_without_its_number_asks_which_one():
    parsed = parse_deadline("по окончании четверти", [], school_year=2023)
    assert parsed.kind == "unparsed"
    assert "«II четверть»" in parsed.reason and "«каждую четверть»" in parsed.reason
