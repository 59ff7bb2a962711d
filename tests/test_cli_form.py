"""`roadmap-tools form`: JSON shape, the separate form file and the sheet in the workbook."""

from datetime import date

import pytest
from openpyxl import load_workbook
from roadmap_books import header_columns, roadmap_book, set_cells

from roadmap_tools.monitoring_form import FORM_COLUMNS


def test_form_json_shape_for_a_period(cli, tmp_path):
    book = roadmap_book("roadmap_karpinsk_2022", tmp_path)
    result = cli("form", book, "--from", "2022-10-01", "--to", "2022-12-31", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["period"] == ["2022-10-01", "2022-12-31"]
    assert [s["title"] for s in data["sections"]][1:] == [
        "2. Информационное сопровождение Проекта 500+",
        "3. Методическое сопровождение Проекта 500+",
        "4. Проведение дополнительных мониторинговых исследований/экспертиз",
        "5. Наличие уникальных региональных практик в рамках реализации Проекта",
    ]
    numbers = [r["number"] for s in data["sections"] for r in s["rows"]]
    assert "1.17" in numbers and "4.10" in numbers and "5.4" in numbers  # «4 квартал» without a year
    assert "1.1" not in numbers and "5.5" not in numbers  # January; no deadline at all
    for row in data["sections"][0]["rows"]:
        assert set(row) == {"number", "activity", "info", "link"}


def test_form_is_prefilled_from_the_reporting_columns(cli, tmp_path):
    book = roadmap_book("roadmap_karpinsk_2022", tmp_path)
    col = header_columns(book)
    set_cells(
        book,
        "Дорожная карта",
        {
            f"{col['Информация о проведении']}2": "12 января 2022 г. сформирован список",
            f"{col['Ссылка на документ']}2": "https://karpinsk.example.ru/1",
        },
    )
    data = cli("form", book, "--from", "2022-01-01", "--to", "2022-03-31", "--json").json()
    first = data["sections"][0]["rows"][0]
    assert (first["number"], first["info"], first["link"]) == (
        "1.1",
        "12 января 2022 г. сформирован список",
        "https://karpinsk.example.ru/1",
    )


def test_form_file_and_sheet(cli, tmp_path):
    book = roadmap_book("roadmap_penza_2022", tmp_path)
    out = tmp_path / "Форма.xlsx"
    result = cli("form", book, "--from", "01.04.2022", "--to", "30.06.2022", "-o", out)
    assert result.code == 0 and "мероприятий — 8" in result.out
    form = load_workbook(out)
    assert form.sheetnames == ["Форма мониторинга"]
    ws = form["Форма мониторинга"]
    assert ws["A1"].value.startswith("Мониторинг исполнения мероприятий")
    assert "города Пензы" in ws["A2"].value and ws["A3"].value == "за период с 01.04.2022 по 30.06.2022"
    assert [ws.cell(4, c).value for c in range(1, 5)] == FORM_COLUMNS
    assert ws["A5"].value == "Организация и проведение анализа, мониторинговых мероприятий"
    assert ws["A6"].value == "1"  # a roadmap without numbers is numbered through the form
    sheet = load_workbook(book)["Форма мониторинга"]
    assert sheet["A1"].value == ws["A1"].value and sheet["B5"].value == FORM_COLUMNS[1]


def test_period_defaults_to_the_settings(cli, tmp_path):
    from datetime import date

    book = roadmap_book("roadmap_penza_2022", tmp_path)
    from openpyxl import load_workbook as load

    wb = load(book)
    ws = wb["Настройки"]
    for row in ws.iter_rows(min_row=1):
        if row[0].value == "Начало отчётного периода":
            row[1].value = date(2022, 1, 1)
        if row[0].value == "Конец отчётного периода":
            row[1].value = date(2022, 1, 31)
    wb.save(book)
    assert cli("form", book, "--json").json()["period"] == ["2022-01-01", "2022-01-31"]


def test_form_refuses_a_period_that_ends_before_it_starts(cli, tmp_path):
    book = roadmap_book("roadmap_penza_2022", tmp_path)
    result = cli("form", book, "--from", "2022-06-30", "--to", "2022-04-01")
    assert result.code == 1 and "позже" in result.err


def test_a_period_given_by_its_start_takes_its_end_from_the_settings_and_says_so(cli, tmp_path):
    book = roadmap_book("roadmap_penza_2022", tmp_path)
    set_cells(book, "Настройки", {"B8": date(2022, 6, 30)})  # «Конец отчётного периода»
    result = cli("form", book, "--from", "2022-04-01")
    assert result.code == 0, result.err
    assert "Конец периода (30.06.2022) — из «Конец отчётного периода»" in result.out
    assert "с 01.04.2022 по 30.06.2022" in result.out
    data = cli("form", book, "--from", "2022-04-01", "--json").json()
    assert data["period"] == ["2022-04-01", "2022-06-30"] and "Конец периода" in data["period_note"]


@pytest.mark.parametrize(
    "given, missing",
    [
        (("--from", "2022-04-01"), "--to"),
        (("--to", "2022-06-30"), "--from"),
    ],
)
def test_a_period_given_by_one_end_without_the_other_in_the_settings_is_an_argument_error(
    cli, tmp_path, given, missing
):
    book = roadmap_book("roadmap_penza_2022", tmp_path)
    before = book.read_bytes()
    result = cli("form", book, *given)
    assert result.code == 2, (result.out, result.err)
    assert missing in result.err and "Traceback" not in result.err
    assert ("конец" if missing == "--to" else "начало") in result.err
    assert book.read_bytes() == before  # nothing written


def test_a_start_after_the_end_taken_from_the_settings_is_an_argument_error(cli, tmp_path):
    book = roadmap_book("roadmap_penza_2022", tmp_path)
    set_cells(book, "Настройки", {"B8": date(2022, 6, 30)})
    result = cli("form", book, "--from", "2022-10-01")
    assert result.code == 2 and "взятого из «Настроек»" in result.err
