"""The ``consolidate`` command: exit codes, the summary file, JSON."""

from __future__ import annotations

import shutil

from tests.conftest import FIXTURES, REPORT_FIXTURE


def _folder(tmp_path):
    folder = tmp_path / "Отчёты"
    folder.mkdir()
    shutil.copy(FIXTURES / f"{REPORT_FIXTURE}.docx", folder / "Кузнецк.docx")
    (folder / "пустой.xlsx").write_bytes(b"")
    return folder


def test_unreadable_files_are_listed_and_the_exit_code_is_still_zero(cli, tmp_path):
    out = tmp_path / "сводка.xlsx"
    result = cli("consolidate", _folder(tmp_path), "-o", out, "--as-of", "01.06.2023")
    assert result.code == 0, result.err
    assert "Прочитано отчётов: 1, муниципалитетов: 1, мероприятий: 13" in result.out
    assert "пустой.xlsx: файл пуст" in result.out
    assert out.exists()


def test_json_prints_municipalities_and_unreadable_files(cli, tmp_path):
    result = cli("consolidate", _folder(tmp_path), "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert [(m["name"], m["activities"], m["reported"], m["with_link"]) for m in data["municipalities"]] == [
        ("Кузнецк", 13, 13, 12)
    ]
    assert [u["reason"][:9] for u in data["unreadable"]] == ["файл пуст"]
    assert not (tmp_path / "Сводка по региону.xlsx").exists()  # --json alone writes no file


def test_no_report_found_exits_with_one_and_says_where_it_looked(cli, tmp_path):
    result = cli("consolidate", tmp_path)
    assert result.code == 1
    assert "не найдено ни одного отчёта" in result.err and str(tmp_path) in result.err


def test_nothing_readable_exits_with_one(cli, tmp_path):
    (tmp_path / "пустой.xlsx").write_bytes(b"")
    result = cli("consolidate", tmp_path, "-o", tmp_path / "out.xlsx")
    assert result.code == 1
    assert "ни один файл не удалось прочитать" in result.err


def test_progress_bar_goes_to_stderr_when_asked(cli, tmp_path):
    result = cli("consolidate", _folder(tmp_path), "-o", tmp_path / "s.xlsx", "--progress")
    assert result.code == 0
    assert "Чтение отчётов [" in result.err and "2/2" in result.err
    assert "Чтение отчётов" not in result.out


def test_help_shows_an_example(cli):
    result = cli("consolidate", "--help")
    assert result.code == 0
    assert "roadmap-tools consolidate Отчёты/" in result.out
