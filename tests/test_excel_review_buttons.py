"""The buttons «Запрос исполнителям», «Собрать ответы» and «Замечания куратора», run through
xlwings' remote engine, give the same workbook and the same files as the commands
``requests``, ``collect`` and ``apply-feedback`` on the same roadmap."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import run_cli
from excel_harness import assert_same_workbooks, enable_remote_engine
from test_excel_door import Twins, errors_in

import roadmap_tools.excel as rt
from roadmap_tools.executors.requests import REQUEST_HEADER_ROW, SHEET_REQUEST

PERIOD = (date(2022, 1, 1), date(2022, 6, 30))


@pytest.fixture(autouse=True)
def remote_engine(monkeypatch):
    enable_remote_engine(monkeypatch)


def sheet_values(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}


def answered_copy(book: Path, folder: Path) -> Path:
    """Requests for the period, each answered in full, in ``folder``/answers."""
    assert run_cli("requests", book, "--from", PERIOD[0], "--to", PERIOD[1], "-o", folder / "req").code == 0
    answers = folder / "answers"
    answers.mkdir()
    for request in sorted((folder / "req").glob("*.xlsx")):
        wb = openpyxl.load_workbook(request)
        ws = wb[SHEET_REQUEST]
        for row in range(REQUEST_HEADER_ROW + 1, ws.max_row + 1):
            row_id = ws.cell(row, 6).value
            ws.cell(row, 4).value = f"Проведено 10.02.2022 ({row_id})"
            ws.cell(row, 5).value = f"https://uo.example.ru/{row_id}"
        wb.save(answers / request.name)
    return answers


def test_requests_button_writes_the_same_requests_and_ids_as_the_requests_command(sample_workbook, tmp_path):
    twins = Twins(sample_workbook, tmp_path)
    assert run_cli("requests", twins.cli, "--from", PERIOD[0], "--to", PERIOD[1], "-o", tmp_path / "cli_req").code == 0
    door, alerts = twins.door_result(twins.press(rt.requests_to_executors, *PERIOD, str(tmp_path / "door_req")))
    assert not errors_in(alerts), alerts
    assert_same_workbooks(twins.cli_result(), door)
    cli_files = sorted(p.name for p in (tmp_path / "cli_req").glob("*.xlsx"))
    assert cli_files == sorted(p.name for p in (tmp_path / "door_req").glob("*.xlsx")) and len(cli_files) == 3
    for name in cli_files:
        assert sheet_values(tmp_path / "cli_req" / name) == sheet_values(tmp_path / "door_req" / name)
    assert "Запросов: 3" in alerts[0]["prompt"]


def base_copy(sample_workbook: Path, tmp_path: Path) -> Path:
    base = tmp_path / "base" / "Roadmap.xlsx"
    base.parent.mkdir()
    base.write_bytes(sample_workbook.read_bytes())
    return base


def test_collect_button_fills_the_same_cells_as_the_collect_command(sample_workbook, tmp_path):
    base = base_copy(sample_workbook, tmp_path)
    answers = answered_copy(base, tmp_path)
    twins = Twins(base, tmp_path / "twins")
    assert run_cli("collect", twins.cli, answers).code == 0
    door, alerts = twins.door_result(twins.press(rt.collect_answers, str(answers)))
    assert not errors_in(alerts), alerts
    assert_same_workbooks(twins.cli_result(), door)
    assert "конфликтов: 0" in alerts[0]["prompt"]


def test_feedback_button_writes_the_same_decisions_as_apply_feedback(sample_workbook, tmp_path):
    base = base_copy(sample_workbook, tmp_path)
    answered_copy(base, tmp_path)
    assert run_cli("collect", base, tmp_path / "answers").code == 0
    assert run_cli("form", base, "--from", PERIOD[0], "--to", PERIOD[1], "-o", tmp_path / "region" / "f.xlsx").code == 0
    summary = tmp_path / "Сводка.xlsx"
    assert run_cli("consolidate", tmp_path / "region", "-o", summary).code == 0
    wb = openpyxl.load_workbook(summary)
    ws = wb["Строки отчётов"]
    ws["J4"], ws["J6"], ws["K6"] = "ОДОБРЕНО", "На доработку", "Уточните дату"
    wb.save(summary)
    assert run_cli("feedback", summary, "-o", tmp_path / "fb").code == 0
    [feedback] = (tmp_path / "fb").glob("*.xlsx")
    twins = Twins(base, tmp_path / "twins")
    assert run_cli("apply-feedback", twins.cli, feedback).code == 0
    door, alerts = twins.door_result(twins.press(rt.curator_feedback, str(feedback)))
    assert not errors_in(alerts), alerts
    assert_same_workbooks(twins.cli_result(), door)
    assert "на доработку 1" in alerts[0]["prompt"]


def test_feedback_button_for_another_municipality_shows_a_russian_message_and_writes_nothing(sample_workbook, tmp_path):
    base = tmp_path / "Roadmap.xlsx"
    base.write_bytes(sample_workbook.read_bytes())
    assert run_cli("form", base, "--from", PERIOD[0], "--to", PERIOD[1], "-o", tmp_path / "region" / "f.xlsx").code == 0
    assert run_cli("consolidate", tmp_path / "region", "-o", tmp_path / "s.xlsx").code == 0
    assert run_cli("feedback", tmp_path / "s.xlsx", "-o", tmp_path / "fb").code == 0
    [feedback] = (tmp_path / "fb").glob("*.xlsx")
    wb = openpyxl.load_workbook(feedback)
    wb["Служебный"]["B2"] = "Кузнецк"
    wb.save(feedback)
    twins = Twins(base, tmp_path / "twins")
    actions = twins.press(rt.curator_feedback, str(feedback))
    door, alerts = twins.door_result(actions)
    [message] = errors_in(alerts)
    assert "для муниципалитета «Кузнецк»" in message and "ничего не записано" in message
    assert_same_workbooks(openpyxl.load_workbook(base), door)


def test_collect_button_reads_the_answers_folder_beside_the_book(sample_workbook, tmp_path):
    base = base_copy(sample_workbook, tmp_path)
    answers = answered_copy(base, tmp_path)
    twins = Twins(base, tmp_path / "twins")
    answers.rename(twins.cli.parent / rt.ANSWERS_FOLDER)
    assert run_cli("collect", twins.cli, twins.cli.parent / rt.ANSWERS_FOLDER).code == 0
    door, alerts = twins.door_result(twins.press(rt.collect_answers))
    assert not errors_in(alerts), alerts
    assert_same_workbooks(twins.cli_result(), door)


def test_collect_button_without_the_answers_folder_says_where_to_put_them(sample_workbook, tmp_path):
    twins = Twins(sample_workbook, tmp_path)
    door, alerts = twins.door_result(twins.press(rt.collect_answers))
    [message] = errors_in(alerts)
    assert "нет папки с ответами" in message and rt.ANSWERS_FOLDER in message
