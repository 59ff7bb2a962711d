"""The jobs read what a cell shows: a formula's computed value, and the formula stays in the file."""

from __future__ import annotations

import openpyxl
from conftest import convert_with_libreoffice, run_cli
from roadmap_books import header_columns, roadmap_book, set_cells


def test_a_done_date_typed_as_a_formula_counts_as_that_date_and_the_formula_survives(tmp_path, soffice):
    book = roadmap_book("roadmap_sarov_2021_2022", tmp_path, "typed.xlsx")
    columns = header_columns(book)
    status, done, info, link = (
        columns[t] for t in ("Статус", "Дата выполнения", "Информация о проведении", "Ссылка на документ")
    )
    set_cells(
        book,
        "Дорожная карта",
        {
            f"{status}2": "Выполнено",
            f"{done}2": "=DATE(2021,10,15)",
            f"{info}2": "Совещание 15.10.2021, 20 участников",
            f"{link}2": "https://example.ru/d/1",
        },
    )
    # Excel stores a formula's value beside it; LibreOffice does the same when it saves the book
    computed = convert_with_libreoffice(soffice, book, "xlsx", tmp_path / "computed")

    result = run_cli("check", computed, "--json")
    codes_on_row_2 = {
        f["code"]
        for f in result.json()["findings"]
        if f["cell"].endswith("2") and f["cell"].rstrip("0123456789") in (status, done)
    }
    assert not codes_on_row_2, result.json()["findings"]

    overdue = run_cli("overdue", computed, "--as-of", "2022-06-30", "--json").json()
    row2 = next(a for a in overdue["activities"] if a["row"] == 2)
    assert row2["status"] in ("Выполнено", "Выполнено с опозданием")

    formula = openpyxl.load_workbook(computed)["Дорожная карта"][f"{done}2"].value
    assert formula == "=DATE(2021,10,15)"
