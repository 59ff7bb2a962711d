"""Row ids: the same section and activity give the same id whatever the case, spacing or «ё»;
a repeat gets its own; a stored id wins over the text; a row copied with its id gets another."""

from __future__ import annotations

import pytest

from roadmap_tools.model import Activity, Roadmap, Section
from roadmap_tools.workbook.rowid import derive_row_id, derived_ids, row_ids


@pytest.mark.parametrize(
    "section, activity, same_as",
    [
        (
            "1. Организационные мероприятия",
            "Семинар для учителей",
            ("1. организационные  мероприятия", "СЕМИНАР для\nучителей"),
        ),
        ("Раздел", "Отчёт о работе.", ("раздел", "отчет о работе")),
        ("", "Совещание", ("", " совещание ")),
    ],
)
def test_the_id_ignores_case_spacing_yo_and_a_final_dot(section, activity, same_as):
    assert derive_row_id(section, activity) == derive_row_id(*same_as)


@pytest.mark.parametrize(
    "first, second",
    [
        (("Раздел 1", "Семинар"), ("Раздел 2", "Семинар")),
        (("Раздел", "Семинар"), ("Раздел", "Семинар-практикум")),
    ],
)
def test_another_section_or_text_is_another_id(first, second):
    assert derive_row_id(*first) != derive_row_id(*second)


def test_a_repeat_in_the_same_section_gets_a_suffix_in_order():
    ids = derived_ids([("Р", "Семинар"), ("Р", "Совещание"), ("Р", "семинар")])
    assert ids[2] == ids[0] + "-2" and len(set(ids)) == 3 and ids[0].startswith("R") and len(ids[0]) == 11


def test_a_stored_id_wins_and_a_copied_one_is_replaced():
    kept = Activity(activity="Семинар (текст исправлен)", row_id="R0000000001")
    copied = Activity(activity="Другое мероприятие", row_id="R0000000001")
    fresh = Activity(activity="Новое мероприятие")
    roadmap = Roadmap(sections=[Section("", [kept, copied, fresh])])
    ids = row_ids(roadmap)
    assert ids[id(kept)] == "R0000000001"
    assert ids[id(copied)] == derive_row_id("", "Другое мероприятие")
    assert ids[id(fresh)] == derive_row_id("", "Новое мероприятие")
