"""Checks of a roadmap's entries: one small roadmap per defect, and the real defects of the fixtures."""

from datetime import date

import pytest

from roadmap_tools.checks import RULES, check_roadmap, contains_date, link_problem, parse_number
from roadmap_tools.model import Activity, Deadline, Roadmap, Section, Source

D = date
TODAY = D(2022, 6, 15)
MARCH = Deadline("март 2022", "period", ((D(2022, 3, 1), D(2022, 3, 31)),))
APRIL = Deadline("апрель 2022", "period", ((D(2022, 4, 1), D(2022, 4, 30)),))
COLUMNS = {
    "number": 1,
    "section": 2,
    "activity": 3,
    "deadline": 4,
    "start": 5,
    "end": 6,
    "executor": 7,
    "result": 8,
    "status": 9,
    "done_date": 10,
    "info": 11,
    "link": 12,
    "note": 13,
    "decision": 14,
    "curator_comment": 15,
}


def good(number="", **changes):
    base = dict(
        number=number,
        activity=f"Семинар для учителей {number or 'без номера'}",
        deadline=MARCH.text,
        parsed=MARCH,
        executor="МЦ",
        result="Протокол",
    )
    base.update(changes)
    return Activity(**base)


def roadmap(*sections, years=(2022,), executor=True):
    """Sections as lists of activities; rows numbered from 2 as on «Дорожная карта»."""
    row = 2
    built = []
    for i, activities in enumerate(sections, start=1):
        for a in activities:
            a.source = Source(sheet="Дорожная карта", row=row)
            row += 1
        built.append(Section(f"{i}. Раздел", list(activities)))
    columns = dict(COLUMNS)
    if not executor:
        columns.pop("executor")
    return Roadmap(
        title="Дорожная карта", years=list(years), sections=built, has_executor_column=executor, column_index=columns
    )


def found(rm):
    return [(f.code, f.cell) for f in check_roadmap(rm, {}, TODAY)]


ONE_DEFECT = [
    # id, roadmap, expected (code, cell)
    ("missing activity", roadmap([good("1"), good("2", activity="  ")]), ("missing_activity", "C3")),
    (
        "missing deadline",
        roadmap([good("1", deadline="", parsed=Deadline("", "missing")), good("2")]),
        ("missing_deadline", "D2"),
    ),
    ("missing executor", roadmap([good("1"), good("2", executor="")]), ("missing_executor", "G3")),
    ("missing result", roadmap([good("1", result="")]), ("missing_result", "H2")),
    ("no executor anywhere", roadmap([good(n, executor="") for n in "123"]), ("no_executors", "G2")),
    ("no result anywhere", roadmap([good(n, result="") for n in "123"]), ("no_results", "H2")),
    (
        "unparsed deadline",
        roadmap([good("1", deadline="когда-нибудь", parsed=Deadline("когда-нибудь", "unparsed", reason="нет даты"))]),
        ("bad_deadline", "D2"),
    ),
    (
        "deadline a year outside",
        roadmap(
            [
                good(
                    "1",
                    deadline="декабрь 2021",
                    parsed=Deadline("декабрь 2021", "period", ((D(2021, 12, 1), D(2021, 12, 31)),)),
                )
            ]
        ),
        ("deadline_outside_years", "D2"),
    ),
    (
        "deadline far outside: a typo",
        roadmap(
            [
                good(
                    "1",
                    deadline="март 2012",
                    parsed=Deadline("март 2012", "period", ((D(2012, 3, 1), D(2012, 3, 31)),)),
                )
            ]
        ),
        ("deadline_far_outside_years", "D2"),
    ),
    (
        "start after end",
        roadmap(
            [
                good(
                    "1",
                    deadline="май – март 2022",
                    parsed=Deadline("май – март 2022", "period", ((D(2022, 5, 1), D(2022, 3, 31)),)),
                )
            ]
        ),
        ("start_after_end", "D2"),
    ),
    (
        "start after end as the parser reads it",
        roadmap([good("1", deadline="15.05.2022 - 01.03.2022", parsed=None)]),
        ("start_after_end", "D2"),
    ),
    ("duplicate number", roadmap([good("1"), good("2"), good("2", activity="Другое")]), ("duplicate_number", "A4")),
    ("gap in flat numbering", roadmap([good("1"), good("2"), good("4")]), ("numbering_gap", "A4")),
    ("gap in item numbering", roadmap([good("1.1"), good("1.3")]), ("numbering_gap", "A3")),
    ("numbers out of order", roadmap([good("1"), good("3"), good("2")]), ("numbering_gap", "A3")),
    ("unnumbered row among numbered", roadmap([good("1"), good(""), good("2")]), ("unnumbered", "A3")),
    ("trailing dot unlike the others", roadmap([good("1.1"), good("1.2"), good("1.3.")]), ("mixed_numbering", "A4")),
    ("space inside a number", roadmap([good("1.1"), good("1. 2")]), ("mixed_numbering", "A3")),
    ("not a number", roadmap([good("1"), good("а)")]), ("bad_number", "A3")),
    ("item in another section's numbers", roadmap([good("1.1")], [good("1.2")]), ("number_section_mismatch", "A3")),
    (
        "same activity and deadline twice",
        roadmap([good("1", activity="Анализ кадров"), good("2", activity="Анализ  кадров.")]),
        ("duplicate_activity", "C3"),
    ),
    (
        "nearly the same activity and deadline",
        roadmap(
            [
                good(
                    "1",
                    activity="Диагностика методических и предметных компетенций педагогов школ с низкими результатами",
                ),
                good(
                    "2",
                    activity="Диагностика методических и предметных компетенций педагогов, школ с низкими "
                    "результатами обучения",
                ),
            ]
        ),
        ("near_duplicate_activity", "C3"),
    ),
    ("status not from the list", roadmap([good("1", status="почти")]), ("bad_status", "I2")),
    (
        "status synonym",
        roadmap([good("1", status="да", info="Проведён 15.03.2022", link="https://a.ru/1")]),
        ("status_synonym", "I2"),
    ),
    ("done without info or link", roadmap([good("1", status="Выполнено")]), ("done_without_evidence", "K2")),
    (
        "done without link",
        roadmap([good("1", status="Выполнено", info="Проведён 15.03.2022")]),
        ("done_without_link", "L2"),
    ),
    ("done without info", roadmap([good("1", status="Выполнено", link="https://a.ru/1")]), ("done_without_info", "K2")),
    ("done date in the future", roadmap([good("1", done_date=D(2022, 7, 1))]), ("done_date_future", "J2")),
    ("done date before the roadmap", roadmap([good("1", done_date=D(2021, 5, 1))]), ("done_date_before_start", "J2")),
    ("done date that is text", roadmap([good("1", done_date="вчера")]), ("bad_done_date", "J2")),
    ("formula error shown in a cell", roadmap([good("1", result="#REF!")]), ("cell_error", "H2")),
    ("formula error in the done date", roadmap([good("1", done_date="#N/A")]), ("cell_error", "J2")),
    (
        "done date with another status",
        roadmap([good("1", status="В работе", done_date=D(2022, 3, 5))]),
        ("done_date_without_done", "I2"),
    ),
    ("link without http", roadmap([good("1", link="www.school.ru/news")]), ("bad_link", "L2")),
    ("link that is only words", roadmap([good("1", link="см. сайт школы")]), ("bad_link", "L2")),
    ("info that names no date", roadmap([good("1", info="Проведено совещание")]), ("info_without_date", "K2")),
    (
        "a row the curator sent back for rework",
        roadmap([good("1", decision="На доработку", curator_comment="нет ссылки на приказ")]),
        ("returned_for_rework", "N2"),
    ),
]


@pytest.mark.parametrize("rm,expected", [c[1:] for c in ONE_DEFECT], ids=[c[0] for c in ONE_DEFECT])
def test_each_defect_is_found_in_its_cell(rm, expected):
    assert expected in found(rm)


@pytest.mark.parametrize("rm", [c[1] for c in ONE_DEFECT], ids=[c[0] for c in ONE_DEFECT])
def test_each_defect_roadmap_has_only_that_kind_of_finding(rm):
    codes = {code for code, _ in found(rm)}
    # a gap and the order break come together; anything else is one finding kind
    assert len(codes - {"numbering_order"}) == 1, codes


def test_a_clean_roadmap_gives_no_finding():
    rm = roadmap(
        [good("1.1"), good("1.2", deadline=APRIL.text, parsed=APRIL)],
        [
            good(
                "2.1",
                status="Выполнено",
                done_date=D(2022, 3, 20),
                info="20 марта 2022 г. проведён семинар, 40 участников",
                link="Протокол: https://mc.example.ru/docs/1.pdf",
            )
        ],
    )
    assert check_roadmap(rm, {}, TODAY) == []


def test_unnumbered_roadmap_gets_one_warning_not_one_per_row():
    rm = roadmap([good(""), good("", deadline=APRIL.text, parsed=APRIL)], [good("", activity="Ещё")])
    findings = check_roadmap(rm, {}, TODAY)
    assert [(f.code, f.severity, f.cell) for f in findings] == [("no_numbering", "warning", "A2")]


def test_the_number_an_unnumbered_row_leaves_out_is_not_a_gap_as_well():
    findings = check_roadmap(roadmap([good("1.1"), good(""), good("1.3")]), {}, TODAY)
    assert [(f.code, f.cell) for f in findings] == [("unnumbered", "A3")]
    assert "«1.2»" in findings[0].message and "перенумерац" not in findings[0].message


def test_an_unnumbered_row_between_consecutive_numbers_asks_for_renumbering():
    findings = check_roadmap(roadmap([good("1"), good(""), good("2")]), {}, TODAY)
    assert [(f.code, f.cell) for f in findings] == [("unnumbered", "A3")]
    assert "«2», с перенумерацией следующих" in findings[0].message


def test_flat_numbers_restarting_in_each_section_are_not_duplicates():
    rm = roadmap([good("1"), good("2")], [good("1", activity="Б"), good("2", activity="В")])
    assert found(rm) == []


def test_flat_numbers_through_the_document_are_not_gaps():
    rm = roadmap([good("1."), good("2.")], [good("3.", activity="Б"), good("4.", activity="В")])
    assert found(rm) == []


def test_trailing_dots_are_fine_when_all_numbers_have_them():
    rm = roadmap([good("1.1."), good("1.2."), good("1.10.", activity="X")])
    assert ("mixed_numbering", "A4") not in found(rm)
    assert ("numbering_gap", "A4") in found(rm)


def test_same_activity_under_another_section_is_only_a_warning():
    rm = roadmap(
        [good("1.1", activity="Семинар для учителей"), good("1.2", activity="Совещание")],
        [good("2.1", activity="Семинар для учителей"), good("2.2", activity="Семинар для учителей.")],
    )
    findings = check_roadmap(rm, {}, TODAY)
    assert [(f.code, f.severity, f.cell) for f in findings] == [
        ("duplicate_activity", "warning", "C4"),
        ("duplicate_activity", "error", "C5"),
    ]
    assert "№ 1.1" in findings[0].message


def test_near_duplicates_under_other_sections_are_not_reported():
    text = "Диагностика методических и предметных компетенций педагогов школ с низкими результатами"
    rm = roadmap([good("1.1", activity=text)], [good("2.1", activity=text + " обучения")])
    assert found(rm) == []


def test_same_text_with_other_deadline_is_not_a_duplicate():
    rm = roadmap(
        [good("1", activity="Мониторинг"), good("2", activity="Мониторинг", deadline=APRIL.text, parsed=APRIL)]
    )
    assert found(rm) == []


def test_no_executor_column_means_no_executor_findings():
    rm = roadmap([good("1", executor="")], executor=False)
    assert found(rm) == []


def test_finding_names_sheet_number_and_russian_message():
    rm = roadmap([good("1"), good("2", executor="")])
    [finding] = check_roadmap(rm, {}, TODAY)
    assert (finding.sheet, finding.cell, finding.number, finding.row) == ("Дорожная карта", "G3", "2", 3)
    assert finding.severity == "error" and finding.severity_ru == "ошибка"
    assert "исполнитель" in finding.message
    assert finding.to_json() == {
        "severity": "error",
        "sheet": "Дорожная карта",
        "cell": "G3",
        "number": "2",
        "code": "missing_executor",
        "message": finding.message,
    }


def test_every_rule_has_a_severity_a_field_and_russian_text():
    for code, (severity, field, text) in RULES.items():
        assert severity in ("error", "warning")
        assert field in COLUMNS
        assert any("а" <= ch <= "я" for ch in text.lower()), code


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1", ((1,), False, False)),
        ("1.", ((1,), True, False)),
        ("1.10.", ((1, 10), True, False)),
        ("4. 8", ((4, 8), False, True)),
        (" 2.3 ", ((2, 3), False, False)),
    ],
)
def test_numbers_as_written_are_read(text, expected):
    n = parse_number(text)
    assert (n.parts, n.trailing_dot, n.spaced) == expected


@pytest.mark.parametrize("text", ["а)", "1.1a", "I", ""])
def test_things_that_are_not_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Приказ №109 от 15.02.2023", True),
        ("28 февраля 2023 года на ВКС", True),
        ("В феврале 2023 года", True),
        ("В апреле-мае 2023 года проведены ВПР", True),
        ("выгрузка (апрель 2023г.)", True),
        ("2023-03-02", True),
        ("План реализован полностью", False),
        ("Присутствовало 34 чел.", False),
        ("лицей №21", False),
        ("Совещание 15 марта 2023 года", True),
        ("Проведено в марте 2023 г.", True),
        ("проведено 03.2023", True),
        ("Итоги подведены в декабре", True),
        ("ДЮЦ «Маяк» провёл слёт", False),
        ("протокол № 12/2023", False),
        ("Проведено в I квартале 2023 г.", False),
        ("Проведено в 2023 году", False),
    ],
)
def test_dates_named_in_information(text, expected):
    assert contains_date(text) is expected


@pytest.mark.parametrize(
    "text,ok",
    [
        ("https://uokuzneck.ucoz.ru/a.pdf", True),
        ("Ссылка на документ: https://disk.yandex.ru/d/g7QA6WOkExHqaA", True),
        ("(ссылка на документ: https://uokuzneck.ucoz.ru/a.pdf )", True),
        ("http://moulizei21.ucoz.ru/news/2023-02-20-2010", True),
        ("www.school.ru", False),
        ("htps://school.ru", False),
        ("https://", False),
        ("http://localhost", False),
        ("ftp://school.ru/a", False),
        ("приказ на сайте", False),
    ],
)
def test_links_must_be_http_urls(text, ok):
    assert (link_problem(text) is None) is ok


def test_one_word_replaced_makes_a_different_activity():
    rm = roadmap(
        [
            good("1", activity="Определение муниципального координатора проекта адресной помощи школам"),
            good("2", activity="Определение муниципального оператора проекта адресной помощи школам"),
        ]
    )
    assert found(rm) == []


def test_other_word_endings_make_a_near_duplicate():
    rm = roadmap(
        [
            good("1", activity="Проведение семинаров для учителей математики школ района"),
            good("2", activity="Проведение семинара для учителя математики школы района"),
        ]
    )
    assert found(rm) == [("near_duplicate_activity", "C3")]


# --- the real roadmaps (imported from the fixture documents into a workbook) -------------
from conftest import gold  # noqa: E402
from roadmap_books import header_columns, roadmap_book  # noqa: E402


def _gold_row(name, predicate):
    """Row on «Дорожная карта» of the gold activity matching ``predicate`` (one row per activity, header first)."""
    activities = [a for s in gold(name)["sections"] for a in s["activities"]]
    [index] = [i for i, a in enumerate(activities) if predicate(a)]
    return index + 2


def _check_book(name, tmp_path):
    from roadmap_tools.actions.on_file import run_check

    book = roadmap_book(name, tmp_path)
    return book, run_check(book, today=D(2022, 12, 31))


def test_penza_activity_without_executor_and_one_without_result(tmp_path):
    name = "roadmap_penza_2022"
    book, result = _check_book(name, tmp_path)
    col = header_columns(book)
    no_executor = _gold_row(name, lambda a: not a["executor"])
    no_result = _gold_row(name, lambda a: not a["result"])
    errors = [(f.code, f.cell) for f in result.findings if f.severity == "error"]
    assert errors == [
        ("missing_executor", f"{col['Ответственные исполнители']}{no_executor}"),
        ("missing_result", f"{col['Ожидаемый результат']}{no_result}"),
    ]


def test_penza_without_numbers_gets_one_numbering_warning(tmp_path):
    _, result = _check_book("roadmap_penza_2022", tmp_path)
    numbering = [f for f in result.findings if f.code in ("no_numbering", "unnumbered")]
    assert [(f.code, f.severity) for f in numbering] == [("no_numbering", "warning")]


def test_sarov_duplicated_activity_and_unnumbered_row(tmp_path):
    name = "roadmap_sarov_2021_2022"
    book, result = _check_book(name, tmp_path)
    col = header_columns(book)
    duplicate = _gold_row(name, lambda a: a["number"] == "5.")
    unnumbered = _gold_row(name, lambda a: not a["number"])
    found = {(f.code, f.cell) for f in result.findings}
    assert ("duplicate_activity", f"{col['Мероприятие']}{duplicate}") in found
    assert ("unnumbered", f"{col['№']}{unnumbered}") in found
    assert result.errors == 2


def test_karpinsk_item_without_deadline_and_result_and_mixed_numbers(tmp_path):
    name = "roadmap_karpinsk_2022"
    book, result = _check_book(name, tmp_path)
    col = header_columns(book)
    row = _gold_row(name, lambda a: a["number"] == "5.5.")
    found = {(f.code, f.cell) for f in result.findings}
    assert {
        ("missing_deadline", f"{col['Сроки']}{row}"),
        ("missing_result", f"{col['Ожидаемый результат']}{row}"),
    } <= found
    mixed = {f.number for f in result.findings if f.code == "mixed_numbering"}
    assert mixed == {"1.1.", "1.10.", "4.1.", "4. 8", "5.5."}
    # no executor column in the document: never one finding per row
    assert not any(f.code == "missing_executor" for f in result.findings)


def test_a_clean_real_roadmap_gives_no_error(tmp_path):
    from openpyxl import load_workbook

    from roadmap_tools.actions.on_file import run_check

    book = roadmap_book("roadmap_sarov_2021_2022", tmp_path)
    wb = load_workbook(book)
    ws = wb["Дорожная карта"]
    col = header_columns(book)
    ws.delete_rows(6)  # the duplicated activity «5.»
    for row in range(2, ws.max_row + 1):  # renumber 1..N, which also numbers the unnumbered row
        ws[f"{col['№']}{row}"] = f"{row - 1}."
    wb.save(book)
    result = run_check(book, today=D(2022, 12, 31))
    assert result.errors == 0, [f.message for f in result.findings]


def test_activities_differing_by_a_number_are_not_duplicates():
    rm = roadmap(
        [
            good("1", activity="Мониторинг реализации муниципальных дорожных карт школ, этап 1"),
            good("2", activity="Мониторинг реализации муниципальных дорожных карт школ, этап 2"),
        ]
    )
    assert found(rm) == []
