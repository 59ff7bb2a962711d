"""Importing Word roadmaps: the fixtures to their gold files, and new wordings and orders."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, ROADMAP_FIXTURES, collapsed, gold

from roadmap_tools.reading.importer import import_roadmap


@pytest.mark.parametrize("variant", ["", "_split"])
@pytest.mark.parametrize("name", ROADMAP_FIXTURES)
def test_fixture_imports_to_its_gold(name, variant):
    expected = collapsed(gold(name))
    got = collapsed(import_roadmap(FIXTURES / f"{name}{variant}.docx").to_json())
    assert got["columns"] == expected["columns"]
    assert [s["title"] for s in got["sections"]] == [s["title"] for s in expected["sections"]]
    for mine, theirs in zip(got["sections"], expected["sections"]):
        assert mine["activities"] == theirs["activities"]
    assert got["title"] == expected["title"]


@pytest.mark.parametrize(
    "name, years, organisation",
    [
        ("roadmap_penza_2022", [2022], ""),
        ("roadmap_sarov_2021_2022", [2021, 2022], ""),
        ("roadmap_karpinsk_2022", [2022], "ОТДЕЛ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДСКОГО ОКРУГА КАРПИНСК"),
    ],
)
def test_years_and_organisation_come_from_the_document_text(name, years, organisation):
    roadmap = import_roadmap(FIXTURES / f"{name}_split.docx")
    assert roadmap.years == years
    assert roadmap.organisation == organisation


def test_roadmap_without_executor_column_has_empty_executors():
    roadmap = import_roadmap(FIXTURES / "roadmap_karpinsk_2022.docx")
    assert not roadmap.has_executor_column
    assert all(a.executor == "" for a in roadmap.activities())


def test_activities_remember_their_table_row():
    roadmap = import_roadmap(FIXTURES / "roadmap_sarov_2021_2022.docx")
    first = next(roadmap.activities())
    assert first.source.row == 2 and first.source.file.endswith("roadmap_sarov_2021_2022.docx")


# --- a document written here: other order, other wordings, two tables, merged section rows ---
def _cell_merge_row(table, text):
    row = table.add_row()
    merged = row.cells[0].merge(row.cells[-1])
    merged.text = text
    return row


def make_variant_docx(path, *, split_table=True):
    import docx

    document = docx.Document()
    document.add_paragraph("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА ЭНСКА")
    document.add_paragraph("ПРИКАЗ")
    document.add_paragraph("от 15.01.2023 № 12")
    document.add_paragraph("Приложение к приказу от 15.01.2023 № 12")
    document.add_paragraph("План мероприятий")
    document.add_paragraph("по повышению качества образования на 2023-2024 годы")
    header = ["Ответственные", "Срок исполнения", "Мероприятие (содержание деятельности)", "Ожидаемый результат", "№"]
    table = document.add_table(rows=1, cols=5)
    for cell, title in zip(table.rows[0].cells, header):
        cell.text = title
    _cell_merge_row(table, "1. Нормативно-правовое обеспечение")
    rows = [
        ["Директор ОО", "январь 2023", "=Разработка положения", "Положение", "1.1"],
        ["", "", "о мониторинге", "утверждено", ""],  # broken by a page break
        ["Методист", "до 1 марта 2023", "-Совещание с руководителями", "Протокол", "1.2"],
    ]
    for values in rows:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    if split_table:
        document.add_paragraph("")
        table = document.add_table(rows=0, cols=5)  # continues the first, no header
    _cell_merge_row(table, "2. Кадровое обеспечение")
    for values in [
        ["", "", "", "", ""],
        ["ЦОКО", "II квартал 2024", "Курсы повышения квалификации", "Удостоверения", "2.1"],
    ]:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    document.save(str(path))
    return path


def test_other_column_order_and_wordings_are_recognised(tmp_path):
    roadmap = import_roadmap(make_variant_docx(tmp_path / "variant.docx"))
    assert roadmap.columns[:3] == ["Ответственные", "Срок исполнения", "Мероприятие (содержание деятельности)"]
    assert [s.title for s in roadmap.sections] == ["1. Нормативно-правовое обеспечение", "2. Кадровое обеспечение"]
    first, second, third = roadmap.activities()
    assert (first.number, first.activity, first.result, first.executor, first.deadline) == (
        "1.1",
        "=Разработка положения о мониторинге",
        "Положение утверждено",
        "Директор ОО",
        "январь 2023",
    )
    assert second.activity == "-Совещание с руководителями"
    assert (third.number, third.deadline, third.executor) == ("2.1", "II квартал 2024", "ЦОКО")
    assert roadmap.title == "План мероприятий по повышению качества образования на 2023-2024 годы"
    assert roadmap.years == [2023, 2024]
    assert roadmap.organisation == "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА ЭНСКА"


def test_a_continuation_table_is_joined_to_the_first(tmp_path):
    one = import_roadmap(make_variant_docx(tmp_path / "one.docx", split_table=False)).to_json()
    two = import_roadmap(make_variant_docx(tmp_path / "two.docx", split_table=True)).to_json()
    assert one == two
