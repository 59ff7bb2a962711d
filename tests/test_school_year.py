"""School-year roadmaps: the period from the title, «Настройки» or --school-year, down to the workbook."""

from __future__ import annotations

from datetime import date, datetime

import docx
import openpyxl
import pytest
from conftest import FIXTURES

from roadmap_tools.errors import RoadmapError
from roadmap_tools.reading.importer import import_roadmap, import_to_workbook
from roadmap_tools.workbook import schema as layout
from roadmap_tools.workbook.book import read_roadmap_workbook, read_settings

ROWS = [
    ("1", "Совещание руководителей", "Февраль"),
    ("2", "Мониторинг успеваемости", "II четверть"),
    ("3", "Пробный экзамен", "28-29 февраля"),
    ("4", "Лагерь для одарённых детей", "в период осенних каникул"),
]


def school_plan(path, title="План мероприятий на 2023-2024 учебный год"):
    document = docx.Document()
    document.add_paragraph("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА ЭНСКА")
    document.add_paragraph("")
    document.add_paragraph(title)
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["№", "Мероприятие", "Сроки"]):
        cell.text = text
    for values in ROWS:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    document.save(str(path))
    return path


def _dates(sheet, row):
    header = [c.value for c in sheet[1]]
    start = sheet.cell(row=row, column=header.index("Начало") + 1).value
    end = sheet.cell(row=row, column=header.index("Окончание") + 1).value
    as_date = lambda v: v.date() if isinstance(v, datetime) else v  # noqa: E731
    return as_date(start), as_date(end)


def test_title_naming_a_school_year_places_yearless_months_in_it(tmp_path):
    roadmap, book = import_to_workbook(school_plan(tmp_path / "plan.docx"), tmp_path / "plan.xlsx")
    assert roadmap.school_year == 2023 and roadmap.years == [2023, 2024]
    sheet = openpyxl.load_workbook(book)[layout.SHEET_ROADMAP]
    assert _dates(sheet, 2) == (date(2024, 2, 1), date(2024, 2, 29))
    assert _dates(sheet, 3) == (date(2023, 11, 1), date(2023, 12, 31))
    assert _dates(sheet, 4) == (date(2024, 2, 28), date(2024, 2, 29))
    assert _dates(sheet, 5) == (date(2023, 10, 28), date(2023, 11, 5))


def test_school_year_is_kept_in_the_settings_and_read_back(tmp_path):
    _, book = import_to_workbook(school_plan(tmp_path / "plan.docx"), tmp_path / "plan.xlsx")
    settings_sheet = openpyxl.load_workbook(book)[layout.SHEET_SETTINGS]
    values = {row[0].value: row[1].value for row in settings_sheet.iter_rows(min_row=2)}
    assert values["Учебный год"] == "2023-2024"
    assert read_settings(book)["school_year"] == 2023
    roadmap, _ = read_roadmap_workbook(book)
    assert roadmap.school_year == 2023
    assert [a.parsed.start for a in roadmap.activities()][:1] == [date(2024, 2, 1)]


def test_a_calendar_title_is_not_a_school_year():
    roadmap = import_roadmap(FIXTURES / "roadmap_sarov_2021_2022.docx")
    assert roadmap.school_year is None and roadmap.to_json()["school_year"] is None


def test_school_year_option_of_import_overrides_the_title(cli, tmp_path):
    plan = school_plan(tmp_path / "plan.docx", title="План мероприятий на 2024 год")
    result = cli("import", plan, "--school-year", "2023", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["school_year"] == 2023 and data["years"] == [2023, 2024]
    written = cli("import", plan, "-o", tmp_path / "plan.xlsx", "--school-year", "2023-2024")
    assert "учебный год: 2023-2024" in written.out
    assert read_settings(tmp_path / "plan.xlsx")["school_year"] == 2023


def test_check_accepts_february_29_of_the_school_years_leap_year(cli, tmp_path):
    _, book = import_to_workbook(school_plan(tmp_path / "plan.docx"), tmp_path / "plan.xlsx")
    result = cli("check", book, "--json")
    codes = [f["code"] for f in result.json()["findings"]]
    assert "bad_deadline" not in codes


def test_check_school_year_option_reads_a_calendar_book_in_that_school_year(cli, tmp_path):
    plan = school_plan(tmp_path / "plan.docx", title="План мероприятий на 2023 год")
    _, book = import_to_workbook(plan, tmp_path / "plan.xlsx")
    calendar = [f for f in cli("check", book, "--json").json()["findings"] if f["code"] == "bad_deadline"]
    assert any("28-29 февраля" in f["message"] for f in calendar)  # 2023 is not a leap year
    school = [
        f
        for f in cli("check", book, "--json", "--school-year", "2023").json()["findings"]
        if f["code"] == "bad_deadline"
    ]
    assert school == []


def test_deadlines_command_takes_the_school_year(cli):
    result = cli("deadlines", "II четверть", "Февраль", "--school-year", "2023", "--json")
    assert result.code == 0
    assert [(d["start"], d["end"]) for d in result.json_lines()] == [
        ("2023-11-01", "2023-12-31"),
        ("2024-02-01", "2024-02-29"),
    ]


@pytest.mark.parametrize("value", ["2023-2025", "двадцать", "2023-24-25"])
def test_a_bad_school_year_option_is_a_usage_error(cli, value):
    result = cli("deadlines", "май", "--school-year", value)
    assert result.code == 2 and "учебный год" in result.err


def test_a_bad_school_year_setting_names_its_cell(tmp_path):
    _, book = import_to_workbook(school_plan(tmp_path / "plan.docx"), tmp_path / "plan.xlsx")
    workbook = openpyxl.load_workbook(book)
    sheet = workbook[layout.SHEET_SETTINGS]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "Учебный год")
    row[1].value = "2023-2025"
    workbook.save(book)
    with pytest.raises(RoadmapError) as caught:
        read_settings(book)
    assert caught.value.cell == f"B{row[1].row}" and "2023-2024" in str(caught.value)


@pytest.mark.parametrize("written, first", [("2023/24", 2023), ("2023 – 2024", 2023), (2023, 2023), ("2023", 2023)])
def test_the_school_year_setting_is_read_as_people_write_it(tmp_path, written, first):
    _, book = import_to_workbook(school_plan(tmp_path / "plan.docx"), tmp_path / "plan.xlsx")
    workbook = openpyxl.load_workbook(book)
    sheet = workbook[layout.SHEET_SETTINGS]
    next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "Учебный год")[1].value = written
    workbook.save(book)
    assert read_settings(book)["school_year"] == first
