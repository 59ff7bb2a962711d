"""A Word roadmap's columns beyond ours are not dropped: filled reporting columns go to
ours, columns we have no field for stay as the user's own, and import says which."""

from __future__ import annotations

from datetime import date

from conftest import run_cli
from openpyxl import load_workbook
from roadmap_books import header_columns
from sheets_we_write import AGREED, FUNDING, roadmap_with_own_columns
from word_tables import new_document, roadmap_table, save

from roadmap_tools.reading.importer import import_roadmap
from roadmap_tools.workbook import schema as layout
from roadmap_tools.workbook.book import read_roadmap_workbook
from roadmap_tools.xlsm.build import build_workbook


def test_import_keeps_the_documents_own_columns_with_their_values_and_carries_its_marks(tmp_path):
    doc = roadmap_with_own_columns(tmp_path / "карта.docx")
    book = tmp_path / "Roadmap.xlsx"
    result = run_cli("import", doc, "-o", book)
    assert result.code == 0, result.err
    assert (
        f"Свои столбцы документа сохранены на листе «Дорожная карта» (после наших): «{FUNDING}», «{AGREED}»."
        in result.out
    )
    assert "«Отметка о выполнении» → «Статус»" in result.out

    columns = header_columns(book)
    ours = len(layout.ROADMAP_COLUMNS)
    assert list(columns)[ours:] == [FUNDING, AGREED]  # after our columns, in the document's order
    ws = load_workbook(book)["Дорожная карта"]
    assert [ws[f"{columns[FUNDING]}{r}"].value for r in (2, 3, 4)] == ["15,5", None, "1 200"]
    assert [ws[f"{columns[AGREED]}{r}"].value for r in (2, 3, 4)] == ["да", None, None]
    assert [ws[f"{columns['Статус']}{r}"].value for r in (2, 3, 4)] == ["Выполнено", None, "В работе"]
    assert ws.column_dimensions[columns[FUNDING]].width >= 15


def test_import_json_names_the_columns_kept_and_carried(tmp_path):
    doc = roadmap_with_own_columns(tmp_path / "карта.docx")
    data = run_cli("import", doc, "--json").json()
    assert data["kept_columns"] == [FUNDING, AGREED]
    assert data["report_columns"] == {"status": "Отметка о выполнении"}


def test_the_own_columns_survive_the_jobs_a_reimport_and_the_build_of_the_ribbon_workbook(tmp_path):
    doc = roadmap_with_own_columns(tmp_path / "карта.docx")
    book = tmp_path / "Roadmap.xlsx"
    assert run_cli("import", doc, "-o", book).code == 0
    run_cli("check", book)
    assert run_cli("overdue", book, "--as-of", "2023-06-30").code == 0
    assert run_cli("form", book, "--from", "2023-01-01", "--to", "2023-12-31").code == 0
    assert run_cli("import", doc, "-o", book).code == 0  # again, into the same workbook
    columns = header_columns(book)
    assert list(columns).count(FUNDING) == 1
    ws = load_workbook(book)["Дорожная карта"]
    assert ws[f"{columns[FUNDING]}4"].value == "1 200"

    roadmap, settings = read_roadmap_workbook(book)
    assert roadmap.kept_columns == [FUNDING, AGREED]
    xlsm = build_workbook(tmp_path / "Roadmap.xlsm", roadmap, settings)
    built = header_columns(xlsm)
    assert load_workbook(xlsm)["Дорожная карта"][f"{built[AGREED]}2"].value == "да"


def test_a_done_date_column_of_the_document_is_read_as_dates(tmp_path):
    document = new_document()
    roadmap_table(
        document,
        [
            ["№", "Мероприятие", "Сроки", "Дата выполнения", "Информация о проведении"],
            ["1", "Семинар", "март 2023", "15.03.2023", "Проведён семинар 15.03.2023"],
            ["2", "Совещание", "май 2023", "в мае", ""],
        ],
    )
    roadmap = import_roadmap(save(document, tmp_path / "карта.docx"))
    first, second = roadmap.activities()
    assert (first.done_date, first.info) == (date(2023, 3, 15), "Проведён семинар 15.03.2023")
    assert second.done_date == "в мае"  # kept as typed: the check points at it
    assert roadmap.kept_columns == []
