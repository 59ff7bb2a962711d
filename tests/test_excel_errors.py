"""Errors inside a button reach the user as one Russian message box, never a traceback,
and (with the remote engine) leave the workbook as it was."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLE_DOCX
from excel_harness import enable_remote_engine, remote_book

import roadmap_tools.excel as rt
from roadmap_tools.workbook import schema as layout


@pytest.fixture(autouse=True)
def remote_engine(monkeypatch):
    enable_remote_engine(monkeypatch)


def edited(source: Path, target: Path, edit) -> Path:
    wb = openpyxl.load_workbook(source)
    edit(wb)
    wb.save(target)
    return target


def set_setting(key, value, **more):
    def edit(wb):
        ws = wb[layout.SHEET_SETTINGS]
        for name, text in {key: value, **more}.items():
            row = next(c.row for c in ws["A"] if c.value == layout.SETTINGS_BY_KEY[name].label)
            ws.cell(row=row, column=2).value = text

    return edit


def the_alert(book) -> dict:
    actions = book.json()["actions"]
    alerts = [a for a in actions if a["func"] == "alert"]
    assert len(alerts) == 1, [a["func"] for a in actions]
    assert actions == alerts, "the workbook must be left as it was"
    prompt, title, _buttons, mode, _callback = alerts[0]["args"]
    assert title == "Дорожная карта" and mode == "critical"
    assert "Traceback" not in prompt and 'File "' not in prompt
    return prompt


def no_sheet(name):
    return lambda wb: wb.remove(wb[name])


@pytest.mark.parametrize(
    "button, args, edit, expected",
    [
        (rt.check_entries, (), no_sheet(layout.SHEET_ROADMAP), "нет листа «Дорожная карта»"),
        (rt.flag_overdue, (), no_sheet(layout.SHEET_ROADMAP), "Импорт из Word"),
        (rt.monitoring_form, (), set_setting("period_from", "31.13.2022"), "ячейка B"),
        (rt.flag_overdue, (), set_setting("as_of", "вчера"), "«вчера» параметра «Дата контроля» не распознано"),
        (rt.monitoring_form, (), set_setting("period_from", "01.10.2022", period_to="30.06.2022"), "позже его конца"),
        (rt.import_from_word, (), lambda wb: None, "не выбран документ для импорта"),
        (rt.import_from_word, ("нет_такого.docx",), lambda wb: None, "файл не найден"),
    ],
)
def test_bad_input_is_a_russian_message_box(sample_workbook, tmp_path, button, args, edit, expected):
    book = remote_book(edited(sample_workbook, tmp_path / "book.xlsx", edit))
    prompt = the_alert(button(book, *args))
    assert expected in prompt


def test_a_roadmap_sheet_without_its_header_names_the_cell(sample_workbook, tmp_path):
    def edit(wb):
        ws = wb[layout.SHEET_ROADMAP]
        for cell in ws[1]:
            cell.value = None

    book = remote_book(edited(sample_workbook, tmp_path / "book.xlsx", edit))
    prompt = the_alert(rt.check_entries(book))
    assert "лист «Дорожная карта», ячейка A1" in prompt and "Мероприятие" in prompt


def test_an_unexpected_error_is_one_russian_line_asking_to_tell_the_developers(sample_workbook, tmp_path, monkeypatch):
    import roadmap_tools.actions.jobs

    def broken(*args, **kwargs):
        raise KeyError("column")

    monkeypatch.setattr(roadmap_tools.actions.jobs, "form_job", broken)
    book = remote_book(sample_workbook)
    prompt = the_alert(rt.monitoring_form(book))
    assert prompt.startswith("Внутренняя ошибка программы (KeyError")
    assert "Сообщите разработчикам" in prompt and "\n" not in prompt


def test_writes_queued_before_an_error_are_dropped(sample_workbook, monkeypatch):
    from roadmap_tools.errors import RoadmapError
    from roadmap_tools.sheetplan import xlwings_applier as _apply_xlwings

    real_apply = _apply_xlwings.apply
    calls = []

    def apply_then_fail(book, plan):
        calls.append(plan.sheet)
        if len(calls) == 2:
            raise RoadmapError("имя таблицы уже занято.")
        real_apply(book, plan)

    monkeypatch.setattr(_apply_xlwings, "apply", apply_then_fail)
    book = remote_book(sample_workbook)
    assert "имя таблицы уже занято" in the_alert(rt.check_entries(book))
    assert len(calls) == 2


def test_files_cannot_be_written_next_to_a_book_never_saved(sample_workbook):
    book = remote_book(sample_workbook)  # Office.js gives the name only, no folder
    from roadmap_tools.errors import RoadmapError

    with pytest.raises(RoadmapError, match="книга ещё не сохранена"):
        rt.book_folder(book)


@pytest.mark.parametrize(
    "button, args", [(rt.import_from_word, (str(SAMPLE_DOCX),)), (rt.cover_letter, ()), (rt.email_draft, ())]
)
def test_in_xlwings_lite_the_file_buttons_say_to_use_desktop_excel(sample_workbook, monkeypatch, button, args):
    import sys

    monkeypatch.setattr(sys, "platform", "emscripten")
    book = remote_book(sample_workbook, name=str(sample_workbook))
    prompt = the_alert(button(book, *args))
    assert "xlwings Lite" in prompt and "настольном Excel" in prompt


@pytest.mark.parametrize(
    "button, command, edit",
    [
        (rt.check_entries, ["check"], no_sheet(layout.SHEET_ROADMAP)),
        (rt.flag_overdue, ["overdue"], no_sheet(layout.SHEET_ROADMAP)),
        (rt.monitoring_form, ["form"], no_sheet(layout.SHEET_ROADMAP)),
        (rt.flag_overdue, ["overdue"], set_setting("as_of", "вчера")),
    ],
)
def test_a_button_and_its_command_say_the_same_about_a_bad_book(sample_workbook, tmp_path, button, command, edit):
    """One reader behind both doors: the message box and the command line read alike."""
    from conftest import run_cli

    book = edited(sample_workbook, tmp_path / "book.xlsx", edit)
    prompt = the_alert(button(remote_book(book, name=str(book))))
    result = run_cli(*command, book)
    assert result.code == 1
    assert result.err.strip() == f"Ошибка: {prompt}"


@pytest.mark.parametrize("fails", [False, True])
def test_a_button_runs_the_cycle_collector_less_often_and_leaves_it_as_it_found_it(sample_workbook, monkeypatch, fails):
    import gc

    import roadmap_tools.actions.jobs
    from roadmap_tools.collector import GC_THRESHOLD

    seen = []
    real_form_job = roadmap_tools.actions.jobs.form_job

    def form_job(*args, **kwargs):
        seen.append(gc.get_threshold()[0])
        if fails:
            raise KeyError("column")
        return real_form_job(*args, **kwargs)

    monkeypatch.setattr(roadmap_tools.actions.jobs, "form_job", form_job)
    before = gc.get_threshold()
    rt.monitoring_form(remote_book(sample_workbook))
    assert seen == [GC_THRESHOLD]
    assert gc.get_threshold() == before
