"""The ``deadlines`` command: JSON lines in input order, stdin, the Russian table, exit codes."""

from __future__ import annotations

import json

from roadmap_tools.commands.deadlines import __doc__ as HELP


def test_json_gives_one_object_per_phrase_in_input_order(cli):
    res = cli("deadlines", "до 5 марта 2022", "Январь-февраль 2022 года", "4 квартал", "--years", "2022", "--json")
    assert res.code == 0, res.err
    lines = res.json_lines()
    assert [o["text"] for o in lines] == ["до 5 марта 2022", "Январь-февраль 2022 года", "4 квартал"]
    assert lines[1] == {
        "text": "Январь-февраль 2022 года",
        "kind": "period",
        "start": "2022-01-01",
        "end": "2022-02-28",
        "spans": [["2022-01-01", "2022-02-28"]],
        "reason": None,
    }
    assert lines[2]["start"] == "2022-10-01"
    assert len(res.out.splitlines()) == 3


def test_phrases_are_read_from_stdin_one_per_line(cli):
    res = cli(
        "deadlines", "--years", "2021-2022", "--json", stdin="Сентябрь – октябрь ежегодно\r\nВ течение всего периода\n"
    )
    assert res.code == 0, res.err
    first, second = res.json_lines()
    assert first["kind"] == "recurring" and first["spans"] == [
        ["2021-09-01", "2021-10-31"],
        ["2022-09-01", "2022-10-31"],
    ]
    assert (second["kind"], second["start"], second["end"]) == ("continuous", "2021-01-01", "2022-12-31")


def test_empty_line_of_stdin_is_a_missing_deadline_and_exits_1(cli):
    res = cli("deadlines", "--years", "2022", "--json", stdin="март 2022\n\nапрель 2022\n")
    assert res.code == 1
    assert [o["kind"] for o in res.json_lines()] == ["period", "missing", "period"]


def test_unparsed_phrase_exits_1_with_its_reason_in_json(cli):
    res = cli("deadlines", "когда-нибудь", "--years", "2022", "--json")
    assert res.code == 1
    (obj,) = res.json_lines()
    assert obj["kind"] == "unparsed" and obj["start"] is None and obj["spans"] == []
    assert obj["reason"] == "непонятное слово «когда»"


def test_json_keeps_russian_letters_as_they_are(cli):
    res = cli("deadlines", "март 2022", "--json")
    assert "март 2022" in res.out and json.loads(res.out)["kind"] == "period"


def test_phrase_without_year_and_without_years_option_is_unparsed(cli):
    res = cli("deadlines", "до 1 июня", "--json")
    assert res.code == 1
    assert res.json()["reason"] == "не указан год, а годы дорожной карты не заданы"


def test_bad_years_exit_2_with_a_clear_message(cli):
    res = cli("deadlines", "март", "--years", "две тысячи")
    assert res.code == 2
    assert "годы указываются как 2022 или 2021-2024" in res.err
    assert cli("deadlines", "март", "--years", "2024-2021").code == 2


def test_table_is_in_russian_with_dates_and_reasons(cli):
    res = cli("deadlines", "Январь-февраль 2022 года", "ежегодно (июнь)", "когда-нибудь", "--years", "2021-2022")
    assert res.code == 1
    lines = res.out.splitlines()
    assert lines[0].split() == ["Срок", "Вид", "Начало", "Конец", "Пояснение"]
    assert "период" in lines[2] and "01.01.2022" in lines[2] and "28.02.2022" in lines[2]
    assert "повторяется" in lines[3] and "сроков: 2" in lines[3]
    assert "не распознан" in lines[4] and "непонятное слово «когда»" in lines[4]
    assert "Прочитано сроков: 2 из 3" in res.out


def test_table_exits_0_when_every_phrase_is_read(cli):
    res = cli("deadlines", "по мере необходимости", "2022 год", "--years", "2022")
    assert res.code == 0
    assert "по необходимости" in res.out and "Прочитано сроков: 2 из 2" in res.out


def test_help_has_an_example(cli):
    res = cli("deadlines", "--help")
    assert res.code == 0
    assert "roadmap-tools deadlines" in HELP and "Пример" in res.out
