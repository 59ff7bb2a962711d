"""`roadmap-tools check`: JSON shape, exit codes, the «Проверка» sheet and the marks."""

from openpyxl import load_workbook
from roadmap_books import header_columns, roadmap_book, set_cells


def test_check_json_shape_and_exit_code_with_errors(cli, tmp_path):
    book = roadmap_book("roadmap_sarov_2021_2022", tmp_path)
    result = cli("check", book, "--json")
    assert result.code == 1
    data = result.json()
    assert set(data) == {"findings", "errors", "warnings"}
    assert data["errors"] == 2 and data["warnings"] == 0
    for finding in data["findings"]:
        assert set(finding) == {"severity", "sheet", "cell", "number", "code", "message"}
        assert finding["severity"] in ("error", "warning") and finding["sheet"] == "Дорожная карта"
    assert {f["code"] for f in data["findings"]} == {"duplicate_activity", "unnumbered"}


def test_check_exit_code_is_zero_with_warnings_only(cli, tmp_path):
    book = roadmap_book("roadmap_sarov_2021_2022", tmp_path)
    wb = load_workbook(book)
    wb["Дорожная карта"].delete_rows(6)
    col = header_columns(book)
    for row in range(2, wb["Дорожная карта"].max_row + 1):
        wb["Дорожная карта"][f"{col['№']}{row}"] = f"{row - 1}."
    wb["Дорожная карта"][f"{col['Информация о проведении']}2"] = "Проведена диагностика"
    wb.save(book)
    result = cli("check", book)
    assert result.code == 0, result.out
    assert "ошибок — 0, предупреждений — 1" in result.out


def test_check_sheet_links_to_the_cells_and_marks_them(cli, tmp_path):
    book = roadmap_book("roadmap_sarov_2021_2022", tmp_path)
    cli("check", book)
    wb = load_workbook(book)
    report = wb["Проверка"]
    assert report["A1"].value.startswith("Проверка дорожной карты: ошибок — 2")
    header = [c.value for c in report[4]]
    assert header[:6] == ["Важность", "Лист", "Ячейка", "№", "Замечание", "Что исправить"]
    assert report.column_dimensions["G"].hidden  # «Код правила»: for filters and scripts, not for reading
    assert {report.cell(r, 5).value for r in range(5, 7)} == {"Повтор мероприятия", "Нет номера"}
    cells = [report.cell(r, 3) for r in range(5, 7)]
    assert {c.value for c in cells} == {"C6", "A9"}
    for c in cells:
        assert c.hyperlink.location == f"'Дорожная карта'!{c.value}"
    roadmap = wb["Дорожная карта"]
    assert roadmap["C6"].comment.text.startswith("Проверка: ошибка: мероприятие повторяет")
    marked = {str(cf.sqref) for cf in roadmap.conditional_formatting}
    assert {"C6", "A9"} <= marked


def test_fixed_defect_loses_its_mark_on_the_next_run(cli, tmp_path):
    book = roadmap_book("roadmap_sarov_2021_2022", tmp_path)
    cli("check", book)
    set_cells(book, "Дорожная карта", {"A9": "7.1"})
    result = cli("check", book, "--json")
    assert {f["cell"] for f in result.json()["findings"]} == {"C6"}
    roadmap = load_workbook(book)["Дорожная карта"]
    assert roadmap["A9"].comment is None
    assert "A9" not in {str(cf.sqref) for cf in roadmap.conditional_formatting}


def test_check_of_a_missing_file_is_a_russian_error(cli, tmp_path):
    result = cli("check", tmp_path / "нет.xlsx")
    assert result.code == 1 and "файл не найден" in result.err


def test_check_of_a_workbook_without_the_roadmap_sheet(cli, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "other.xlsx"
    Workbook().save(path)
    result = cli("check", path)
    assert result.code == 1 and "Дорожная карта" in result.err
