"""Import -> roadmap workbook -> import of that workbook gives the same roadmap."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from conftest import FIXTURES, ROADMAP_FIXTURES

from roadmap_tools.reading.importer import import_roadmap
from roadmap_tools.workbook import schema as layout
from roadmap_tools.workbook.book import read_roadmap_workbook, read_settings, write_roadmap_workbook


@pytest.mark.parametrize("name", ROADMAP_FIXTURES)
def test_workbook_imports_back_to_the_same_json(tmp_path, name):
    roadmap = import_roadmap(FIXTURES / f"{name}_split.docx")
    written = write_roadmap_workbook(roadmap, tmp_path / "Roadmap.xlsx")
    assert import_roadmap(written).to_json() == roadmap.to_json()


def test_workbook_layout_is_the_contract(tmp_path):
    roadmap = import_roadmap(FIXTURES / "roadmap_penza_2022.docx")
    path = write_roadmap_workbook(roadmap, tmp_path / "Roadmap.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [layout.SHEET_ROADMAP, layout.SHEET_LISTS, layout.SHEET_SETTINGS]
    sheet = workbook[layout.SHEET_ROADMAP]
    assert [c.value for c in sheet[1]] == [c.title for c in layout.ROADMAP_COLUMNS]
    assert sheet.freeze_panes == "A2"
    assert list(sheet.tables) == [layout.ROADMAP_TABLE_NAME]
    assert sheet.tables[layout.ROADMAP_TABLE_NAME].ref == "A1:P28"
    first = [c.value for c in sheet[2]]
    assert first[1] == "Организация и проведение анализа, мониторинговых мероприятий"
    assert first[3] == "Январь-февраль 2022 года"
    assert first[4].date() == date(2022, 1, 1) and first[5].date() == date(2022, 2, 28)
    assert sheet["E2"].number_format == "DD.MM.YYYY"
    assert sheet["C2"].alignment.wrap_text
    assert sheet.column_dimensions["C"].width == 55
    validations = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert validations["J2:J28"] == "'Справочники'!$A$2:$A$7"
    assert "Управление образования города Пензы" in [c.value for c in workbook[layout.SHEET_LISTS]["C"]]
    assert workbook.defined_names["rt_as_of"].attr_text == "'Настройки'!$B$6"
    assert workbook[layout.SHEET_SETTINGS]["B6"].value is None
    assert read_settings(path)["last_year"] == 2022


def test_document_text_starting_like_a_formula_stays_text(tmp_path):
    from test_import_docx import make_variant_docx

    roadmap = import_roadmap(make_variant_docx(tmp_path / "variant.docx"))
    path = write_roadmap_workbook(roadmap, tmp_path / "Roadmap.xlsx")
    sheet = openpyxl.load_workbook(path)[layout.SHEET_ROADMAP]
    texts = {sheet.cell(row=r, column=3).value: sheet.cell(row=r, column=3).data_type for r in (2, 3)}
    assert texts == {"=Разработка положения о мониторинге": "s", "-Совещание с руководителями": "s"}
    assert import_roadmap(path).to_json() == roadmap.to_json()


def test_reimport_keeps_user_columns_and_reporting_following_their_activity(tmp_path):
    roadmap = import_roadmap(FIXTURES / "roadmap_sarov_2021_2022.docx")
    path = write_roadmap_workbook(roadmap, tmp_path / "Roadmap.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[layout.SHEET_ROADMAP]
    sheet["Q1"], sheet["Q3"], sheet["J3"], sheet["K3"] = (
        "Заметка методиста",
        "позвонить",
        "Выполнено",
        date(2022, 1, 20),
    )
    sheet["T40"] = "вне таблицы"
    workbook.create_sheet("Мой лист")["A1"] = "моё"
    workbook.save(path)

    roadmap.sections[0].activities.pop(0)  # the new version of the document drops the first activity
    write_roadmap_workbook(roadmap, path)

    workbook = openpyxl.load_workbook(path)
    sheet = workbook[layout.SHEET_ROADMAP]
    assert sheet["Q1"].value == "Заметка методиста"
    assert (sheet["C2"].value, sheet["Q2"].value, sheet["J2"].value) == (
        "Анализ кадрового обеспечения ОО с низкими образовательными результатами",
        "позвонить",
        "Выполнено",
    )
    assert sheet["K2"].value.date() == date(2022, 1, 20)
    assert sheet["T40"].value == "вне таблицы"
    assert workbook["Мой лист"]["A1"].value == "моё"
    assert sheet.tables[layout.ROADMAP_TABLE_NAME].ref == "A1:Q22"
    assert sheet["C23"].value is None  # the old last row is cleared
    assert (tmp_path / "Roadmap.bak.xlsx").exists()
    reread, _ = read_roadmap_workbook(path)
    assert next(reread.activities()).status == "Выполнено"


def test_rows_of_the_workbook_know_their_cells(tmp_path):
    roadmap = import_roadmap(FIXTURES / "roadmap_karpinsk_2022.docx")
    path = write_roadmap_workbook(roadmap, tmp_path / "Roadmap.xlsx")
    reread, settings = read_roadmap_workbook(path)
    activities = list(reread.activities())
    assert [a.source.row for a in activities[:3]] == [2, 3, 4]
    assert activities[0].source.sheet == layout.SHEET_ROADMAP
    assert reread.column_index["activity"] == 3 and reread.column_index["status"] == 10
    assert activities[0].parsed.kind == "period" and activities[0].parsed.start == date(2022, 1, 1)
    assert not reread.has_executor_column
    assert settings["source_file"] == "roadmap_karpinsk_2022.docx"


def test_reimport_with_fewer_rows_leaves_one_status_list_per_cell(tmp_path):
    roadmap = import_roadmap(FIXTURES / "roadmap_sarov_2021_2022.docx")
    path = write_roadmap_workbook(roadmap, tmp_path / "Roadmap.xlsx")
    del roadmap.sections[0].activities[5:]
    write_roadmap_workbook(roadmap, path)
    sheet = openpyxl.load_workbook(path)[layout.SHEET_ROADMAP]
    lists = sorted(str(dv.sqref) for dv in sheet.data_validations.dataValidation)
    assert lists == ["H2:H6", "J2:J6"]
    assert list(sheet.tables) == [layout.ROADMAP_TABLE_NAME]


def test_rows_are_tall_enough_for_their_wrapped_text_and_a_reimport_resets_the_dropped_ones(tmp_path):
    from roadmap_tools.workbook.textfit import LINE_HEIGHT, wrapped_lines

    roadmap = import_roadmap(FIXTURES / "roadmap_sarov_2021_2022.docx")
    path = write_roadmap_workbook(roadmap, tmp_path / "Roadmap.xlsx")
    sheet = openpyxl.load_workbook(path)[layout.SHEET_ROADMAP]
    widths = {c.title: c.width for c in layout.ROADMAP_COLUMNS}
    titles = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row):
        lines = max(wrapped_lines(c.value, widths[t]) for c, t in zip(row, titles) if isinstance(c.value, str))
        assert sheet.row_dimensions[row[0].row].height == LINE_HEIGHT * lines
    assert any(sheet.row_dimensions[r].height > LINE_HEIGHT for r in range(2, sheet.max_row + 1))
    rows_before = sheet.max_row

    del roadmap.sections[0].activities[3:]
    write_roadmap_workbook(roadmap, path)
    sheet = openpyxl.load_workbook(path)[layout.SHEET_ROADMAP]
    assert all(sheet.row_dimensions[r].height == LINE_HEIGHT for r in range(5, rows_before + 1))


def test_header_is_drawn_by_hand_for_libreoffice_which_ignores_table_styles(tmp_path):
    roadmap = import_roadmap(FIXTURES / "roadmap_penza_2022.docx")
    sheet = openpyxl.load_workbook(write_roadmap_workbook(roadmap, tmp_path / "Roadmap.xlsx"))[layout.SHEET_ROADMAP]
    header = sheet[1]
    assert all(c.font.bold and c.fill.fgColor.rgb.endswith(layout.ROADMAP_HEADER_FILL) for c in header)
    assert all(c.alignment.vertical == "top" and c.alignment.wrap_text for c in sheet[2])
    last = sheet.cell(row=sheet.max_row, column=sheet.max_column)
    for cell in (sheet["A1"], sheet["C2"], last):
        assert cell.border.left.style == cell.border.bottom.style == "thin"
