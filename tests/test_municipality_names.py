"""Files of one municipality group together, whichever case its name was left in."""

from __future__ import annotations

from datetime import date

import pytest

from roadmap_tools.consolidation.consolidate import Summary
from roadmap_tools.consolidation.report_reader import Report, ReportRow, same_municipality_keys


def report(name: str, rows: int = 2) -> Report:
    return Report(
        file=f"{name}.xlsx",
        name=name,
        name_source="заголовок",
        rows=[ReportRow(activity=f"Мероприятие {i}", info="Проведено 01.03.2023") for i in range(rows)],
    )


@pytest.mark.parametrize(
    "names, groups",
    [
        (["Кузнецк", "Кузнецка"], 1),
        (["Каменки", "Каменка"], 1),
        (["Каменки"], 1),
        (["Сердобский район", "Сердобского района"], 1),
        (["Кузнецк", "Каменка"], 2),
        (["Никольск", "Никольский район"], 2),
    ],
)
def test_a_name_in_the_genitive_joins_its_nominative_when_both_occur(names, groups):
    summary = Summary(date(2023, 6, 1), reports=[report(n) for n in names])
    municipalities = summary.municipalities
    assert len(municipalities) == groups
    assert sum(m.activities for m in municipalities) == 2 * len(names)


def test_the_first_files_spelling_names_the_group():
    summary = Summary(date(2023, 6, 1), reports=[report("Кузнецк"), report("Кузнецка")])
    assert [m.name for m in summary.municipalities] == ["Кузнецк"]


def test_a_lone_genitive_is_not_guessed():
    assert same_municipality_keys(["каменки"]) == {"каменки": "каменки"}
