"""Forms of deadline phrases real roadmaps write, each with its expected parse.

One line per phrase: (phrase, roadmap years, kind, start, end). A new form is one more line.
"""
from __future__ import annotations

from datetime import date

import pytest

from roadmap_tools import vocab
from roadmap_tools.deadlines import parse_deadline, vocabulary_conflicts

Y22 = (2022,)
Y21_22 = (2021, 2022)
Y21_24 = (2021, 2022, 2023, 2024)

FORMS = [
    # months and ranges of months, a year written once at the end
    ("март-апрель 2022г.", Y22, "period", "2022-03-01", "2022-04-30"),
    ("Март – май 2022 года", Y22, "period", "2022-03-01", "2022-05-31"),
    ("август-сентябрь", Y21_24, "period", "2021-08-01", "2021-09-30"),
    ("в сентябре 2022 года", Y22, "period", "2022-09-01", "2022-09-30"),
    ("ДЕКАБРЬ 2022Г.", Y22, "period", "2022-12-01", "2022-12-31"),
    ("декабрь2022", Y22, "period", "2022-12-01", "2022-12-31"),
    ("февраль —  март 2024", Y22, "period", "2024-02-01", "2024-03-31"),
    ("февраль‑март 2024", Y22, "period", "2024-02-01", "2024-03-31"),
    ("сент. – дек. 2022 г.", Y22, "period", "2022-09-01", "2022-12-31"),
    ("Январь – декабрь 2022 г.", Y21_22, "period", "2022-01-01", "2022-12-31"),
    ("январь, 2023 г.", Y22, "period", "2023-01-01", "2023-01-31"),
    # ranges that cross a year
    ("декабрь 2022 – январь 2023", Y22, "period", "2022-12-01", "2023-01-31"),
    ("декабрь 2021 года - январь 2022 года", Y21_22, "period", "2021-12-01", "2022-01-31"),
    ("сентябрь 2023 - май 2024", Y21_24, "period", "2023-09-01", "2024-05-31"),
    ("декабрь – январь 2023", Y22, "period", "2022-12-01", "2023-01-31"),
    ("сентябрь – май", Y22, "period", "2022-09-01", "2023-05-31"),
    # days
    ("21марта – 31 марта 2022", Y22, "period", "2022-03-21", "2022-03-31"),
    ("15-20 марта 2022", Y22, "period", "2022-03-15", "2022-03-20"),
    ("с 1 по 15 марта 2022 г.", Y22, "period", "2022-03-01", "2022-03-15"),
    ("с 25 мая по 5 июня", Y22, "period", "2022-05-25", "2022-06-05"),
    ("с 01.09.2022 по 30.09.2022", Y22, "period", "2022-09-01", "2022-09-30"),
    ("с 01.09 по 30.09.2022", Y22, "period", "2022-09-01", "2022-09-30"),
    ("01.09.2022 – 30.09.2022", Y22, "period", "2022-09-01", "2022-09-30"),
    ("с 1 марта до 15 апреля 2022 года", Y22, "period", "2022-03-01", "2022-04-15"),
    ("28 декабря 2021 – 10 января 2022", Y21_22, "period", "2021-12-28", "2022-01-10"),
    ("20 декабря – 10 января", Y22, "period", "2022-12-20", "2023-01-10"),
    ("первого сентября 2022", Y22, "deadline", "2022-09-01", "2022-09-01"),
    # due dates
    ("до 01.03.2022", Y22, "deadline", "2022-03-01", "2022-03-01"),
    ("до 01.03.22", Y22, "deadline", "2022-03-01", "2022-03-01"),
    ("до 1 марта 2022", Y22, "deadline", "2022-03-01", "2022-03-01"),
    ("до 1апреля", Y22, "deadline", "2022-04-01", "2022-04-01"),
    ("не позднее 15 декабря 2022 г.", Y22, "deadline", "2022-12-15", "2022-12-15"),
    ("Не позднее 15.12.2022", Y22, "deadline", "2022-12-15", "2022-12-15"),
    ("в срок до 1 июня", Y21_24, "deadline", "2021-06-01", "2021-06-01"),
    ("к 1 сентября 2022 года", Y22, "deadline", "2022-09-01", "2022-09-01"),
    ("до 20 декабря", Y22, "deadline", "2022-12-20", "2022-12-20"),
    ("до 15.09", Y22, "deadline", "2022-09-15", "2022-09-15"),
    ("15.03.2022", Y22, "deadline", "2022-03-15", "2022-03-15"),
    ("21 марта 2022 г.", Y22, "deadline", "2022-03-21", "2022-03-21"),
    ("до конца 2022 года", Y22, "deadline", "2022-12-31", "2022-12-31"),
    ("до марта 2022", Y22, "deadline", "2022-03-01", "2022-03-01"),
    ("не позднее марта 2022", Y22, "deadline", "2022-03-31", "2022-03-31"),
    ("до 1 марта 2022 г. включительно", Y22, "deadline", "2022-03-01", "2022-03-01"),
    ("в конце марта 2022", Y22, "deadline", "2022-03-31", "2022-03-31"),
    ("До 1 Марта 2022 Г.", Y22, "deadline", "2022-03-01", "2022-03-01"),
    # quarters and half-years, arabic, roman and in words
    ("IV квартал 2022", Y22, "period", "2022-10-01", "2022-12-31"),
    ("IV кв. 2022 г.", Y22, "period", "2022-10-01", "2022-12-31"),
    ("III-IV кварталы 2022 г.", Y22, "period", "2022-07-01", "2022-12-31"),
    ("3-4 кв. 2022", Y22, "period", "2022-07-01", "2022-12-31"),
    ("в I квартале 2022 года", Y22, "period", "2022-01-01", "2022-03-31"),
    ("2-й квартал 2023 г.", Y22, "period", "2023-04-01", "2023-06-30"),
    ("I полугодие 2022 г.", Y22, "period", "2022-01-01", "2022-06-30"),
    ("2 полугодие 2022 года", Y22, "period", "2022-07-01", "2022-12-31"),
    ("во II полугодии 2022 г.", Y22, "period", "2022-07-01", "2022-12-31"),
    ("1-е полугодие 2022", Y22, "period", "2022-01-01", "2022-06-30"),
    ("первое полугодие 2022 года", Y22, "period", "2022-01-01", "2022-06-30"),
    ("1 - 2 полугодие 2023", Y22, "period", "2023-01-01", "2023-12-31"),
    ("IV квартал 2022 – I квартал 2023", Y22, "period", "2022-10-01", "2023-03-31"),
    ("1 квартал", Y21_24, "period", "2021-01-01", "2021-03-31"),
    # years and academic years
    ("2022 год", Y22, "period", "2022-01-01", "2022-12-31"),
    ("в 2022 году", Y22, "period", "2022-01-01", "2022-12-31"),
    ("2022-2024 гг.", Y22, "period", "2022-01-01", "2024-12-31"),
    ("2022 – 2023 годы", Y22, "period", "2022-01-01", "2023-12-31"),
    ("на 2022-2023 годы", Y22, "period", "2022-01-01", "2023-12-31"),
    ("2023-2024 учебный год", Y21_24, "period", "2023-09-01", "2024-08-31"),
    ("2023/2024 учебный год", Y21_24, "period", "2023-09-01", "2024-08-31"),
    ("2023-24 уч. год", Y21_24, "period", "2023-09-01", "2024-08-31"),
    ("1 полугодие 2022-2023 учебного года", Y22, "period", "2022-09-01", "2022-12-31"),
    ("II полугодие 2022/2023 учебного года", Y22, "period", "2023-01-01", "2023-05-31"),
    # months written as numbers, seasons, short years
    ("09.2022", Y22, "period", "2022-09-01", "2022-09-30"),
    ("с 09.2022 по 12.2022", Y22, "period", "2022-09-01", "2022-12-31"),
    ("лето 2022", Y22, "period", "2022-06-01", "2022-08-31"),
    ("летний период 2022 года", Y22, "period", "2022-06-01", "2022-08-31"),
    ("зима 2021", Y22, "period", "2021-12-01", "2022-02-28"),
    ("март 22 г.", Y22, "period", "2022-03-01", "2022-03-31"),
    ("1-15.03.2022", Y22, "period", "2022-03-01", "2022-03-15"),
    ("01.02.2022-28.02.2022", Y22, "period", "2022-02-01", "2022-02-28"),
    ("3 квартал 2022 г.- 4 квартал 2022 г.", Y22, "period", "2022-07-01", "2022-12-31"),
    # separate spans
    ("Сентябрь 2021, 2022 гг.", Y21_22, "milestones", "2021-09-01", "2022-09-30"),
    ("сентябрь-декабрь 2021, 2022 г.", Y21_22, "milestones", "2021-09-01", "2022-12-31"),
    ("январь-март, сентябрь-декабрь 2022", Y22, "milestones", "2022-01-01", "2022-12-31"),
    ("май, ноябрь 2022 г.", Y22, "milestones", "2022-05-01", "2022-11-30"),
    ("май и ноябрь 2022", Y22, "milestones", "2022-05-01", "2022-11-30"),
    ("Май 2022 года Ноябрь 2022 года", Y22, "milestones", "2022-05-01", "2022-11-30"),
    ("март, июнь, сентябрь, декабрь", Y21_24, "milestones", "2021-03-01", "2021-12-31"),
    ("сентябрь, декабрь, март", Y22, "milestones", "2022-09-01", "2023-03-31"),
    ("5, 15 и 25 марта 2022", Y22, "milestones", "2022-03-05", "2022-03-25"),
    ("I и III квартал 2022", Y22, "milestones", "2022-01-01", "2022-09-30"),
    ("до 1 марта, до 1 июня 2022", Y22, "milestones", "2022-03-01", "2022-06-01"),
    ("май 2022, ноябрь", Y22, "milestones", "2022-05-01", "2022-11-30"),
    # recurring
    ("ежегодно", Y21_22, "recurring", "2021-01-01", "2022-12-31"),
    ("Сентябрь – октябрь ежегодно", Y21_22, "recurring", "2021-09-01", "2022-10-31"),
    ("Ежегодно (июнь)", Y21_24, "recurring", "2021-06-01", "2024-06-30"),
    ("Ежегодно, сентябрь", Y21_24, "recurring", "2021-09-01", "2024-09-30"),
    ("ежегодно до 1 сентября", Y21_22, "recurring", "2021-09-01", "2022-09-01"),
    ("ежегодно (до 1 октября)", Y21_22, "recurring", "2021-10-01", "2022-10-01"),
    ("ежеквартально", Y22, "recurring", "2022-01-01", "2022-12-31"),
    ("1 раз в квартал", Y22, "recurring", "2022-01-01", "2022-12-31"),
    ("ежемесячно", Y22, "recurring", "2022-01-01", "2022-12-31"),
    ("ежемесячно до 5 числа", Y22, "recurring", "2022-01-05", "2022-12-05"),
    ("ежемесячно в течение 2023 года", Y22, "recurring", "2023-01-01", "2023-12-31"),
    ("еженедельно", Y22, "recurring", "2022-01-01", "2022-12-31"),
    ("2 раза в год", Y22, "recurring", "2022-01-01", "2022-12-31"),
    ("ежегодно в течение 2022-2024 гг.", Y22, "recurring", "2022-01-01", "2024-12-31"),
    ("до 30 числа каждого месяца", Y22, "recurring", "2022-01-30", "2022-12-30"),
    ("ежемесячно с сентября 2022 года", Y22, "recurring", "2022-09-01", "2022-12-31"),
    ("ежегодно, начиная с 2022 года", Y21_24, "recurring", "2022-01-01", "2024-12-31"),
    ("в течение 2022 г. (ежемесячно)", Y22, "recurring", "2022-01-01", "2022-12-31"),
    ("ежегодно, в течение учебного года", Y21_22, "recurring", "2021-09-01", "2023-08-31"),
    ("до 10 января, ежегодно", Y21_22, "recurring", "2021-01-10", "2022-01-10"),
    # continuous
    ("в течение всего периода реализации проекта", Y21_22, "continuous", "2021-01-01", "2022-12-31"),
    ("в течение 2022 года (по отдельному плану)", Y22, "continuous", "2022-01-01", "2022-12-31"),
    ("В течение 2022 года", Y22, "continuous", "2022-01-01", "2022-12-31"),
    ("в течение 2022-2024 годов", Y22, "continuous", "2022-01-01", "2024-12-31"),
    ("В течение всего периода", Y21_24, "continuous", "2021-01-01", "2024-12-31"),
    ("Постоянно", Y21_22, "continuous", "2021-01-01", "2022-12-31"),
    ("В течение года", Y22, "continuous", "2022-01-01", "2022-12-31"),
    ("в течение I квартала 2022 года", Y22, "continuous", "2022-01-01", "2022-03-31"),
    ("в течение 2023-2024 учебного года", Y21_24, "continuous", "2023-09-01", "2024-08-31"),
    ("в течение учебного года", Y22, "continuous", "2022-09-01", "2023-08-31"),
    ("с 1 сентября 2022 г.", Y21_24, "continuous", "2022-09-01", "2024-12-31"),
    # no date of its own
    ("По мере необходимости", Y22, "on_demand", None, None),
    ("В соответствии с планом", Y22, "on_demand", None, None),
    ("по плану", Y22, "on_demand", None, None),
    ("по графику", Y22, "on_demand", None, None),
    ("по отдельному плану", Y22, "on_demand", None, None),
    ("согласно графику", Y22, "on_demand", None, None),
    ("по запросу", Y22, "on_demand", None, None),
    ("по мере необходимости, но не реже 1 раза в квартал", Y22, "on_demand", None, None),
    # empty and unreadable
    ("", Y22, "missing", None, None),
    ("   ", Y22, "missing", None, None),
    ("—", Y22, "missing", None, None),
    ("в течение месяца после утверждения", Y22, "unparsed", None, None),
    ("31 февраля 2022", Y22, "unparsed", None, None),
    ("1985 год", Y22, "unparsed", None, None),
    ("март 2022 - февраль 2022", Y22, "unparsed", None, None),
    ("5 квартал 2022", Y22, "unparsed", None, None),
    ("когда-нибудь", Y22, "unparsed", None, None),
    ("март", (), "unparsed", None, None),
    ("ежегодно", (), "unparsed", None, None),
    ("2023-2025 учебный год", Y22, "unparsed", None, None),
    ("13.2022", Y22, "unparsed", None, None),
    ("1 квартал 2022-2023 учебного года", Y22, "unparsed", None, None),
]


def _iso(d):
    return d.isoformat() if d else None


@pytest.mark.parametrize("phrase, years, kind, start, end", FORMS, ids=[f[0] or "<empty>" for f in FORMS])
def test_phrase_form_gives_expected_parse(phrase, years, kind, start, end):
    parsed = parse_deadline(phrase, years)
    assert (parsed.kind, _iso(parsed.start), _iso(parsed.end)) == (kind, start, end), parsed.reason
    if kind == "unparsed":
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
        (date(2022, 5, 1), date(2022, 5, 31)), (date(2022, 11, 1), date(2022, 11, 30)))


def test_vocabulary_gives_each_phrase_one_meaning():
    assert vocabulary_conflicts() == []


def test_a_phrase_with_two_meanings_is_reported(monkeypatch):
    monkeypatch.setattr(vocab, "DAY_WORDS", vocab.DAY_WORDS + ["по плану"])
    assert vocabulary_conflicts() == ["по плану: dayw None, ondemand None"]


def test_json_shape_of_a_parse():
    assert parse_deadline("до 5 марта 2022", [2022]).to_json() == {
        "text": "до 5 марта 2022", "kind": "deadline", "start": "2022-03-05", "end": "2022-03-05",
        "spans": [["2022-03-05", "2022-03-05"]], "reason": None}
