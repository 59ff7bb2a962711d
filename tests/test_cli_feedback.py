"""The curator's side: «Строки отчётов» keeps decisions typed before when a period is
consolidated again, «Не отчитались» names the missing municipalities, and feedback files
for another municipality or that are not feedback files are refused in Russian."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import run_cli

H1 = ("2022-01-01", "2022-06-30")


@pytest.fixture
def region(sample_workbook, tmp_path) -> tuple:
    book = tmp_path / "Roadmap.xlsx"
    book.write_bytes(sample_workbook.read_bytes())
    assert run_cli("form", book, "--from", H1[0], "--to", H1[1], "-o", tmp_path / "region" / "form.xlsx").code == 0
    summary = tmp_path / "Сводка.xlsx"
    assert run_cli("consolidate", tmp_path / "region", "-o", summary).code == 0
    return book, summary


def decide(summary: Path, decisions: dict) -> None:
    wb = openpyxl.load_workbook(summary)
    ws = wb["Строки отчётов"]
    for cell, value in decisions.items():
        ws[cell] = value
    wb.save(summary)


def test_decisions_typed_into_the_summary_survive_a_new_consolidation_of_the_period(region, tmp_path):
    _, summary = region
    decide(summary, {"J4": "ОДОБРЕНО", "J5": "На доработку", "K5": "Нет даты"})
    before = openpyxl.load_workbook(summary)["Строки отчётов"]
    ids = before["L4"].value, before["L5"].value
    assert run_cli("consolidate", tmp_path / "region", "-o", summary).code == 0
    after = openpyxl.load_workbook(summary)["Строки отчётов"]
    found = {
        after.cell(r, 12).value: (after.cell(r, 10).value, after.cell(r, 11).value) for r in range(4, after.max_row + 1)
    }
    assert found[ids[0]] == ("ОДОБРЕНО", None) and found[ids[1]] == ("На доработку", "Нет даты")


def test_expected_municipalities_that_did_not_report_are_named(region, tmp_path):
    expected = tmp_path / "region.xlsx"
    wb = openpyxl.Workbook()
    for name in ("г. Пенза", "Кузнецк", "Заречный"):
        wb.active.append([name])
    wb.save(expected)
    result = run_cli("consolidate", tmp_path / "region", "-o", tmp_path / "s.xlsx", "--expected", expected, "--json")
    assert result.code == 0, result.err
    assert result.json()["missing"] == ["Кузнецк", "Заречный"]
    ws = openpyxl.load_workbook(tmp_path / "s.xlsx")["Не отчитались"]
    assert [ws["A4"].value, ws["A5"].value] == ["Кузнецк", "Заречный"]


def test_an_empty_list_of_expected_municipalities_is_a_russian_message(region, tmp_path):
    empty = tmp_path / "пусто.txt"
    empty.write_text("\n\n", encoding="utf-8")
    result = run_cli("consolidate", tmp_path / "region", "-o", tmp_path / "s.xlsx", "--expected", empty)
    assert result.code == 1 and "нет ни одного названия" in result.err


def test_feedback_for_another_municipality_is_refused_and_the_roadmap_left_as_it_was(region, tmp_path):
    book, summary = region
    decide(summary, {"J4": "На доработку"})
    assert run_cli("feedback", summary, "-o", tmp_path / "fb").code == 0
    [feedback] = (tmp_path / "fb").glob("*.xlsx")
    wb = openpyxl.load_workbook(feedback)
    wb["Служебный"]["B2"] = "Кузнецк"
    wb.save(feedback)
    before = book.read_bytes()
    result = run_cli("apply-feedback", book, feedback)
    assert result.code == 1
    assert "для муниципалитета «Кузнецк»" in result.err and "«Пенза»" in result.err
    assert book.read_bytes() == before


def test_a_file_that_is_not_feedback_is_refused(region, tmp_path):
    book, summary = region
    result = run_cli("apply-feedback", book, summary)
    assert result.code == 1 and "не файл замечаний куратора" in result.err


def test_feedback_from_a_summary_without_the_rows_sheet_is_refused(region, tmp_path):
    plain = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(plain)
    result = run_cli("feedback", plain, "-o", tmp_path / "fb")
    assert result.code == 1 and "нет листа «Строки отчётов»" in result.err


def test_a_decision_typed_in_other_words_is_read_as_the_decision(region, tmp_path):
    book, summary = region
    decide(summary, {"J4": "  одобрено ", "J5": "Вернуть на доработку"})
    data = run_cli("feedback", summary, "-o", tmp_path / "fb", "--json").json()
    [item] = data["files"]
    assert (item["approved"], item["rework"]) == (1, 1)
    applied = run_cli("apply-feedback", book, item["file"], "--json").json()
    assert applied["rework"] == 1 and applied["unmatched"] == []


@pytest.mark.parametrize("args", [["--from", "2022-01-01"], ["--from", "2022-06-30", "--to", "2022-01-01"]])
def test_a_half_or_reversed_period_is_a_usage_error(region, tmp_path, args):
    result = run_cli("consolidate", tmp_path / "region", "-o", tmp_path / "s2.xlsx", *args)
    assert result.code == 2 and "--from" in result.err and not (tmp_path / "s2.xlsx").exists()


def test_feedback_into_an_archive_needs_the_summary_period(region, tmp_path, fixtures):
    roadmap = tmp_path / "Sarov.xlsx"
    assert run_cli("import", fixtures / "roadmap_sarov_2021_2022.docx", "-o", roadmap).code == 0
    summary = tmp_path / "без периода.xlsx"
    assert run_cli("consolidate", roadmap, "-o", summary).code == 0  # a workbook says no period
    result = run_cli("feedback", summary, "-o", tmp_path / "fb", "--archive", tmp_path / "a.sqlite")
    assert result.code == 1 and "период" in result.err and not (tmp_path / "fb").exists()
