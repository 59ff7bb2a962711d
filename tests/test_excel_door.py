"""Every button of the ribbon, run through xlwings' remote engine on the real roadmap
workbook, gives the same cells as the command line on the same file.

The workbook is the sample roadmap imported from Word by the command line. For each
button: one copy goes through the command, the other is sent as Office.js would send
it to the button's function; the actions it returns are played onto that copy, and
the two workbooks are compared sheet by sheet (values, fills, notes, rules, links).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLE_DOCX, run_cli
from excel_harness import apply_actions, assert_same_workbooks, book_json_from_xlsx, enable_remote_engine, remote_book

import roadmap_tools.excel as rt
from roadmap_tools.workbook import schema as layout


@pytest.fixture(autouse=True)
def remote_engine(monkeypatch):
    enable_remote_engine(monkeypatch)


class Twins:
    """Two copies of one workbook: ``cli`` for the command, ``door`` for the button."""

    def __init__(self, source: Path, folder: Path):
        self.cli = folder / "cli" / source.name
        self.door = folder / "door" / source.name
        for target in (self.cli, self.door):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        # The button sees the workbook under the command's path, as desktop Excel's
        # fullname, so messages that name the file are the same.
        self.book = remote_book(self.door, name=str(self.cli))

    def press(self, button, *args):
        button(self.book, *args)
        return self.book.json()["actions"]

    def door_result(self, actions):
        workbook, alerts = apply_actions(self.door, actions, self.door.with_name("after.xlsx"))
        return workbook, alerts

    def cli_result(self):
        return openpyxl.load_workbook(self.cli)


def errors_in(alerts):
    return [a["prompt"] for a in alerts if a["mode"] == "critical"]


def test_check_button_gives_the_same_cells_as_the_check_command(sample_workbook, tmp_path):
    twins = Twins(sample_workbook, tmp_path)
    assert run_cli("check", twins.cli).code in (0, 1)
    door, alerts = twins.door_result(twins.press(rt.check_entries))
    assert not errors_in(alerts), alerts
    assert_same_workbooks(twins.cli_result(), door)
    assert [a["mode"] for a in alerts] == ["info"] and "Проверка закончена" in alerts[0]["prompt"]


def test_check_button_run_again_clears_exactly_the_marks_of_the_last_run(sample_workbook, tmp_path):
    first = Twins(sample_workbook, tmp_path / "first")
    run_cli("check", first.cli)
    wb = openpyxl.load_workbook(first.cli)
    ws = wb[layout.SHEET_ROADMAP]
    ws["C2"] = None  # a new defect, and the user's own note elsewhere
    ws["K3"].comment = openpyxl.comments.Comment("моё примечание", "методист")
    wb.save(first.cli)
    second = Twins(first.cli, tmp_path / "second")
    run_cli("check", second.cli)
    door, alerts = second.door_result(second.press(rt.check_entries))
    assert not errors_in(alerts), alerts
    assert_same_workbooks(second.cli_result(), door)
    assert door[layout.SHEET_ROADMAP]["K3"].comment.text == "моё примечание"


@pytest.mark.parametrize("as_of", [date(2022, 6, 30), date(2022, 12, 31)])
def test_overdue_button_gives_the_same_cells_as_the_overdue_command(sample_workbook, tmp_path, as_of):
    twins = Twins(sample_workbook, tmp_path)
    assert run_cli("overdue", twins.cli, "--as-of", as_of.isoformat()).code == 0
    door, alerts = twins.door_result(twins.press(rt.flag_overdue, as_of))
    assert not alerts, alerts
    assert_same_workbooks(twins.cli_result(), door)


def test_overdue_button_without_a_date_takes_the_settings_one_like_the_command(sample_workbook, tmp_path):
    source = tmp_path / "with_date.xlsx"
    wb = openpyxl.load_workbook(sample_workbook)
    settings = wb[layout.SHEET_SETTINGS]
    row = next(c.row for c in settings["A"] if c.value == layout.SETTINGS_BY_KEY["as_of"].label)
    settings.cell(row=row, column=2).value = date(2022, 9, 15)
    wb.save(source)
    twins = Twins(source, tmp_path)
    assert run_cli("overdue", twins.cli).code == 0
    door, alerts = twins.door_result(twins.press(rt.flag_overdue))
    assert not alerts, alerts
    assert_same_workbooks(twins.cli_result(), door)


def test_form_button_gives_the_same_cells_as_the_form_command(sample_workbook, tmp_path):
    twins = Twins(sample_workbook, tmp_path)
    assert run_cli("form", twins.cli, "--from", "2022-01-01", "--to", "2022-06-30").code == 0
    door, alerts = twins.door_result(twins.press(rt.monitoring_form, date(2022, 1, 1), date(2022, 6, 30)))
    assert not alerts, alerts
    assert_same_workbooks(twins.cli_result(), door)
    assert door.sheetnames.index(layout.SHEET_FORM) >= 0


def test_import_button_gives_the_same_cells_as_the_import_command(sample_workbook, tmp_path):
    twins = Twins(sample_workbook, tmp_path)
    assert run_cli("import", SAMPLE_DOCX, "-o", twins.cli).code == 0
    door, alerts = twins.door_result(twins.press(rt.import_from_word, str(SAMPLE_DOCX)))
    assert not errors_in(alerts), alerts
    assert_same_workbooks(twins.cli_result(), door)
    assert "Импортировано мероприятий: 27" in alerts[0]["prompt"]


def test_import_button_reads_the_file_named_in_the_settings(sample_workbook, tmp_path):
    source = tmp_path / "chosen.xlsx"
    wb = openpyxl.load_workbook(sample_workbook)
    settings = wb[layout.SHEET_SETTINGS]
    row = next(c.row for c in settings["A"] if c.value == layout.SETTINGS_BY_KEY["import_file"].label)
    settings.cell(row=row, column=2).value = str(SAMPLE_DOCX)
    wb.save(source)
    twins = Twins(source, tmp_path)
    assert run_cli("import", SAMPLE_DOCX, "-o", twins.cli).code == 0
    door, alerts = twins.door_result(twins.press(rt.import_from_word))
    assert not errors_in(alerts), alerts
    assert_same_workbooks(twins.cli_result(), door)


def test_buttons_are_lite_scripts_with_typed_arguments(monkeypatch, sample_workbook):
    """In xlwings Lite, ``@script`` is the server's: App Mode sees the book and a date picker."""
    import asyncio
    import importlib

    import xlwings
    from xlwings.pro import udfs_officejs

    monkeypatch.setattr(xlwings, "script", udfs_officejs.script)
    lite = importlib.reload(rt)
    try:
        meta = {m["function_name"]: m for m in udfs_officejs.custom_scripts_meta(lite)}
        assert set(meta) >= {"import_from_word", "check_entries", "flag_overdue", "monitoring_form"}
        assert meta["flag_overdue"]["name"] == "Отметить просрочки"
        book = remote_book(sample_workbook)
        returned = asyncio.run(
            udfs_officejs.custom_scripts_call(
                lite, "flag_overdue", typehint_to_value={xlwings.Book: book}, args=["2022-06-30"]
            )
        )
        assert returned is book
        values = [a for a in book.json()["actions"] if a["func"] == "setValues"]
        assert values and not [a for a in book.json()["actions"] if a["func"] == "alert"]
    finally:
        monkeypatch.undo()
        importlib.reload(rt)


def test_the_json_a_client_sends_opens_in_the_remote_engine(sample_workbook):
    data = book_json_from_xlsx(sample_workbook)
    book = remote_book(sample_workbook)
    assert [s.name for s in book.sheets] == [s["name"] for s in data["sheets"]]
    rows = rt.sheet_rows(book.sheets[layout.SHEET_ROADMAP])
    assert rows[0][:3] == ["№", "Раздел", "Мероприятие"]


LETTER_SETTINGS = {
    "sender_name": "Управление образования г. Пензы",
    "addressee_org": "Институт регионального развития",
    "addressee": "Директору Иванову И.И.",
    "signatory_position": "Начальник управления",
    "signatory_name": "П.П. Петров",
    "letter_number": "01-15/123",
    "attachment_pages": 3,
    "period_from": date(2022, 1, 1),
    "period_to": date(2022, 6, 30),
    "email_to": "irr@example.ru",
    "email_from": "uo@example.ru",
}


@pytest.fixture
def with_letter_settings(sample_workbook, tmp_path) -> Path:
    source = tmp_path / "source" / "Roadmap.xlsx"
    source.parent.mkdir()
    wb = openpyxl.load_workbook(sample_workbook)
    ws = wb[layout.SHEET_SETTINGS]
    rows = {c.value: c.row for c in ws["A"]}
    for key, value in LETTER_SETTINGS.items():
        ws.cell(row=rows[layout.SETTINGS_BY_KEY[key].label], column=2).value = value
    wb.save(source)
    return source


def docx_text(path: Path) -> list:
    import docx

    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return [p.text for p in document.paragraphs] + cells


def test_letter_button_writes_the_same_letter_as_the_letter_command(with_letter_settings, tmp_path):
    twins = Twins(with_letter_settings, tmp_path)
    twins.book = remote_book(twins.door, name=str(twins.door))  # the letter goes next to the door's copy
    assert run_cli("letter", twins.cli).code == 0
    actions = twins.press(rt.cover_letter)
    alerts = [a["args"][0] for a in actions if a["func"] == "alert"]
    assert [a["func"] for a in actions] == ["save", "alert"], alerts
    # named for the sender: «Организация» of the sample is empty
    made = twins.door.with_name("Управление образования г. Пензы - сопроводительное письмо.docx")
    assert str(made) in alerts[0]
    expected = docx_text(twins.cli.with_name("Управление образования г. Пензы - сопроводительное письмо.docx"))
    assert docx_text(made) == expected
    assert any("01-15/123" in text for text in expected)


def test_email_button_writes_the_same_draft_as_the_email_command(with_letter_settings, tmp_path):
    import email

    twins = Twins(with_letter_settings, tmp_path)
    twins.book = remote_book(twins.door, name=str(twins.door))
    assert run_cli("email", twins.cli).code == 0
    actions = twins.press(rt.email_draft)
    assert [a["func"] for a in actions] == ["save", "alert"], actions[-1]["args"][0]

    def draft(folder):
        (eml,) = folder.glob("*.eml")
        message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
        return (message["To"], message["Subject"], sorted(part.get_filename() for part in message.iter_attachments()))

    assert draft(twins.door.parent) == draft(twins.cli.parent)
    assert draft(twins.door.parent)[0] == "irr@example.ru"


def test_word_button_writes_the_same_document_as_the_export_word_command(sample_workbook, tmp_path):
    twins = Twins(sample_workbook, tmp_path)
    twins.book = remote_book(twins.door, name=str(twins.door))  # the document goes next to the door's copy
    assert run_cli("export-word", twins.cli).code == 0
    actions = twins.press(rt.export_to_word)
    alerts = [a["args"][0] for a in actions if a["func"] == "alert"]
    assert [a["func"] for a in actions] == ["save", "alert"], alerts
    made = twins.door.with_name(f"{twins.door.stem} - дорожная карта.docx")
    assert str(made) in alerts[0]
    assert docx_text(made) == docx_text(twins.cli.with_name(made.name))


@pytest.mark.parametrize("button, command", [(rt.flag_overdue, ("overdue",)), (rt.check_entries, ("check",))])
def test_buttons_on_the_ribbon_workbook_set_the_gantts_print_area_like_the_commands(tmp_path, button, command):
    built = tmp_path / "Roadmap.xlsm"
    assert run_cli("build-workbook", "-o", built).code == 0
    wb = openpyxl.load_workbook(built, keep_vba=True)
    settings = wb[layout.SHEET_SETTINGS]
    row = next(c.row for c in settings["A"] if c.value == layout.SETTINGS_BY_KEY["last_year"].label)
    settings.cell(row=row, column=2).value = 2023  # a year more than when the workbook was built
    wb.save(built)
    twins = Twins(built, tmp_path)
    assert run_cli(*command, twins.cli).code in (0, 1)
    door, alerts = twins.door_result(twins.press(button))
    assert not errors_in(alerts), alerts
    expected = twins.cli_result()[layout.SHEET_GANTT].print_area
    assert expected.endswith("$AP$31")  # 2021-2023: 36 months from G; 27 activities from row 5
    assert door[layout.SHEET_GANTT].print_area == expected
