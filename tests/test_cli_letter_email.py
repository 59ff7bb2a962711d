"""The commands ``letter`` and ``email`` on a roadmap workbook made from the sample roadmap."""

from __future__ import annotations

import email
import mailbox
import socket
import subprocess
import sys
import time
from datetime import date
from email import policy
from pathlib import Path

import pytest
from conftest import SAMPLE_DOCX
from test_letter import KUZNETSK, document_text

from roadmap_tools.workbook.book import write_roadmap_workbook

SETTINGS = {
    **KUZNETSK,
    "title": "",
    "organisation": "",
    "letter_about": "",
    "period_from": date(2022, 1, 1),
    "period_to": date(2022, 3, 31),
    "attachment_pages": 3,  # counting pages with LibreOffice is tested in test_letter_libreoffice
    "email_to": "ГАОУ ДПО ИРР ПО <irr@pnzirr.ru>",
    "email_from": "kuzg_adm@sura.ru",
}


#: Files next to the workbook are named for the sender (the settings leave «Организация» empty).
OWNER = "Управление образования города Кузнецка"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def penza_roadmap():
    from roadmap_tools.reading.importer import import_roadmap

    return import_roadmap(SAMPLE_DOCX)


@pytest.fixture
def workbook(tmp_path, penza_roadmap):
    def make(**changes) -> Path:
        return write_roadmap_workbook(penza_roadmap, tmp_path / "Пенза 2022.xlsx", {**SETTINGS, **changes})

    return make


def test_letter_command_writes_the_letter_next_to_the_workbook(cli, workbook):
    book = workbook()
    result = cli("letter", book)
    assert result.code == 0, result.err
    letter = book.with_name(f"{OWNER} - сопроводительное письмо.docx")
    text = document_text(letter)
    assert "в I квартале 2022 года" in text
    assert "Приложение: на 3 л. в 1 экз." in text
    assert "дорожной карты «Основные мероприятия" in text  # the roadmap's title when «letter_about» is empty
    assert "Приложение: на 3 л." in result.out and "«Приложение: листов»" in result.out
    assert not book.with_name(f"{OWNER} - форма мониторинга.xlsx").exists()


def test_letter_command_writes_where_told(cli, workbook, tmp_path):
    result = cli("letter", workbook(), "-o", tmp_path / "out" / "письмо.docx")
    assert result.code == 0, result.err
    assert (tmp_path / "out" / "письмо.docx").exists()


def test_letter_without_its_settings_names_them_in_russian(cli, workbook):
    result = cli("letter", workbook(sender_name="", signatory_name=""))
    assert result.code == 1
    assert "«Отправитель: наименование органа»" in result.err and "«Подписант: Ф.И.О.»" in result.err
    assert "Traceback" not in result.err


def test_letter_of_a_file_that_is_not_a_workbook_is_a_russian_error(cli, tmp_path):
    bad = tmp_path / "карта.xlsx"
    bad.write_text("не книга", encoding="utf-8")
    result = cli("letter", bad)
    assert result.code == 1 and "не является документом Office" in result.err


def test_email_command_writes_form_letter_and_a_draft_carrying_both(cli, workbook):
    book = workbook()
    result = cli("email", book)
    assert result.code == 0, result.err
    form = book.with_name(f"{OWNER} - форма мониторинга.xlsx")
    letter = book.with_name(f"{OWNER} - сопроводительное письмо.docx")
    eml = book.with_name(f"{OWNER} - письмо.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1"
    parts = list(message.iter_attachments())
    assert [p.get_filename() for p in parts] == [form.name, letter.name]
    assert [p.get_content() for p in parts] == [form.read_bytes(), letter.read_bytes()]
    assert message["Subject"] == f"Мониторинг дорожной карты за I квартал 2022 г. — {OWNER}"
    assert "в I квартале 2022 года" in message.get_body(("plain",)).get_content()


def test_email_sending_without_a_password_stops_before_writing_anything(cli, workbook, monkeypatch):
    monkeypatch.delenv("ROADMAP_SMTP_PASSWORD", raising=False)
    book = workbook(smtp_host="127.0.0.1", smtp_user="kuzg", smtp_security="нет")
    result = cli("email", book, "--send")
    assert result.code == 1 and "ROADMAP_SMTP_PASSWORD" in result.err
    assert not book.with_name(f"{OWNER} - письмо.eml").exists()


def test_email_send_to_a_closed_port_is_exit_1_in_russian_and_keeps_the_draft(cli, workbook):
    port = free_port()
    book = workbook(smtp_host="127.0.0.1", smtp_port=port, smtp_security="нет")
    result = cli("email", book, "--send")
    assert result.code == 1
    assert f"127.0.0.1:{port} не принимает соединения" in result.err
    assert "Черновик письма сохранён" in result.err
    assert book.with_name(f"{OWNER} - письмо.eml").exists()


@pytest.fixture
def smtp_process(tmp_path):
    """A real SMTP server in a process of its own: aiosmtpd delivering to a Maildir."""
    pytest.importorskip("aiosmtpd")
    port = free_port()
    maildir = tmp_path / "maildir"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Mailbox",
            str(maildir),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"aiosmtpd did not start: {server.stderr.read().decode(errors='replace')}")
                time.sleep(0.1)
        yield port, maildir
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_email_send_delivers_both_files_to_a_real_smtp_server(cli, workbook, smtp_process):
    port, maildir = smtp_process
    book = workbook(smtp_host="127.0.0.1", smtp_port=port, smtp_security="нет")
    result = cli("email", book, "--send")
    assert result.code == 0, result.err
    assert "Письмо отправлено: irr@pnzirr.ru." in result.out
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not (maildir.exists() and len(mailbox.Maildir(maildir))):
        time.sleep(0.1)
    [stored] = list(mailbox.Maildir(maildir))
    received = email.message_from_bytes(stored.as_bytes(), policy=policy.default)
    assert received["X-Unsent"] is None
    assert received["X-RcptTo"] == "irr@pnzirr.ru"
    form = book.with_name(f"{OWNER} - форма мониторинга.xlsx")
    letter = book.with_name(f"{OWNER} - сопроводительное письмо.docx")
    parts = list(received.iter_attachments())
    assert [p.get_filename() for p in parts] == [form.name, letter.name]
    assert [p.get_content() for p in parts] == [form.read_bytes(), letter.read_bytes()]
