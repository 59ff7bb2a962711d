"""Files that are not a readable roadmap: a Russian message naming the file, exit 1, nothing written."""

from __future__ import annotations

import pytest
from conftest import FIXTURES


def _no_table(path):
    import docx

    document = docx.Document()
    document.add_paragraph("ДОРОЖНАЯ КАРТА на 2022 год")
    document.add_paragraph("Таблица будет позже.")
    document.save(str(path))


def _unrecognised_columns(path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Школа", "Адрес", "Телефон"]):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["СОШ № 1", "ул. Ленина, 1", "22-33-44"]):
        cell.text = text
    document.save(str(path))


def _corrupt_zip(path):
    data = (FIXTURES / "roadmap_sarov_2021_2022.docx").read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _password_protected(path):
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504 + b"EncryptionInfo" * 20)


def _old_doc(path):
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504 + b"WordDocument" * 20)


def _not_office(path):
    path.write_text("это просто текст", encoding="utf-8")


def _report_without_deadlines(path):
    path.write_bytes((FIXTURES / "report_kuznetsk_2023.docx").read_bytes())


@pytest.mark.parametrize(
    "name, make, expected",
    [
        ("нет_таблицы.docx", _no_table, "нет таблиц"),
        ("чужая_таблица.docx", _unrecognised_columns, "не распознаны заголовки столбцов"),
        ("битый.docx", _corrupt_zip, "повреждён"),
        ("с_паролем.docx", _password_protected, "защищён паролем"),
        # read through LibreOffice where installed; this one is broken, or LibreOffice is missing: either way
        # the user is told to save it as .docx
        ("старый.doc", _old_doc, "Документ Word (*.docx)"),
        ("текст.docx", _not_office, "не является документом Office"),
        ("отчёт.docx", _report_without_deadlines, "без столбца «Сроки»"),
        ("с_паролем.xlsx", _password_protected, "защищён паролем"),
    ],
)
def test_bad_file_is_refused_in_russian_and_nothing_is_written(cli, tmp_path, name, make, expected):
    source = tmp_path / name
    make(source)
    output = tmp_path / "out" / "Roadmap.xlsx"
    result = cli("import", source, "-o", output)
    assert result.code == 1
    assert name in result.err and expected in result.err
    assert "Traceback" not in result.err
    assert not output.exists() and not output.parent.exists()


def test_missing_file_is_named(cli, tmp_path):
    result = cli("import", tmp_path / "нет_такого.docx")
    assert result.code == 1 and "нет_такого.docx" in result.err and "не найден" in result.err


def test_workbook_that_is_not_a_roadmap_workbook_is_refused(tmp_path):
    import openpyxl

    from roadmap_tools.errors import RoadmapError
    from roadmap_tools.workbook.book import read_roadmap_workbook

    path = tmp_path / "чужая.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(RoadmapError, match="нет листа «Дорожная карта»"):
        read_roadmap_workbook(path)
