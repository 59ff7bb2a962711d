"""The e-mail draft: an .eml that mail programs open as a new message with both files."""

from __future__ import annotations

import email
from datetime import date, datetime
from email import policy
from pathlib import Path

import pytest
from test_letter import KUZNETSK, PERIOD

from roadmap_tools.errors import RoadmapError
from roadmap_tools.reports.email_draft import (
    build_message,
    default_subject,
    parse_addresses,
    render_email_body,
    smtp_password,
    write_eml,
)
from roadmap_tools.reports.letter import letter_context, render_letter

MAIL = {
    **KUZNETSK,
    "email_to": "ГАОУ ДПО ИРР ПО <irr@pnzirr.ru>; metod@pnzirr.ru",
    "email_from": "kuzg_adm@sura.ru",
    "email_subject": "",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def make_form(path: Path) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Форма мониторинга"
    sheet.append(["№п/п", "Мероприятие", "Информация о проведении мероприятия", "Ссылка на документ"])
    sheet.append([1, "Создание муниципальной рабочей команды", "Приказ №109 «А» от 15.02.2023", "https://x.ru/1.pdf"])
    workbook.save(path)
    return path


@pytest.fixture
def attachments(tmp_path) -> list:
    form = make_form(tmp_path / "Равенство 2023 - форма мониторинга.xlsx")
    letter = render_letter(
        letter_context(MAIL, "", PERIOD, 1), tmp_path / "Равенство 2023 - сопроводительное письмо.docx"
    )
    return [form, letter]


@pytest.fixture
def eml(tmp_path, attachments) -> Path:
    context = {**letter_context(MAIL, "", PERIOD, 1), "attachments": [p.name for p in attachments]}
    subject = default_subject(MAIL, MAIL["title"], PERIOD)
    message = build_message(MAIL, attachments, render_email_body(context), today=date(2023, 5, 26), subject=subject)
    return write_eml(message, tmp_path / "письмо.eml")


def read(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


def test_eml_is_a_draft_with_both_files_byte_for_byte(eml, attachments):
    message = read(eml)
    assert message["X-Unsent"] == "1"
    parts = list(message.iter_attachments())
    assert [p.get_filename() for p in parts] == [a.name for a in attachments]
    assert [p.get_content_type() for p in parts] == [XLSX, DOCX]
    assert [p.get_content() for p in parts] == [a.read_bytes() for a in attachments]


def test_russian_headers_and_filenames_are_encoded_and_decode_back(eml):
    raw = eml.read_bytes()
    assert raw.isascii(), "an .eml travels as 7-bit text: Russian only in encoded words and RFC 2231"
    assert b"filename*" in raw  # RFC 2231
    message = read(eml)
    assert message["Subject"] == (
        "Мониторинг дорожной карты за февраль–май 2023 г. — Управление образования города Кузнецка"
    )
    assert message["From"].addresses[0].display_name == "Управление образования города Кузнецка"
    assert message["From"].addresses[0].addr_spec == "kuzg_adm@sura.ru"
    assert [a.addr_spec for a in message["To"].addresses] == ["irr@pnzirr.ru", "metod@pnzirr.ru"]
    assert message["To"].addresses[0].display_name == "ГАОУ ДПО ИРР ПО"
    assert message["Date"].datetime.date() == date(2023, 5, 26)
    assert message["Message-ID"].endswith("@sura.ru>")


def test_body_names_the_period_the_request_the_files_and_the_executor(eml, attachments):
    body = read(eml).get_body(("plain",)).get_content()
    assert "в период с февраля по май 2023 года" in body
    assert "в ответ на письмо № 01-13/702 от 10.05.2023" in body
    for attachment in attachments:
        assert f"- {attachment.name}" in body
    assert "Заводчикова Л.И." in body and "89273767547" in body
    assert "{{" not in body and "{%" not in body


def test_eml_lines_end_in_crlf(eml):
    raw = eml.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")


def test_subject_from_settings_wins_over_the_default(attachments):
    message = build_message({**MAIL, "email_subject": "Отчёт Кузнецк"}, attachments, "текст", subject="другая")
    assert message["Subject"] == "Отчёт Кузнецк"


def test_a_draft_may_leave_addresses_to_the_mail_program(attachments):
    message = build_message({**MAIL, "email_to": "", "email_from": ""}, attachments, "текст")
    assert message["To"] is None and message["From"] is None
    assert message["X-Unsent"] == "1"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a@x.ru", ["a@x.ru"]),
        ("a@x.ru, b@y.ru", ["a@x.ru", "b@y.ru"]),
        ("a@x.ru; b@y.ru;", ["a@x.ru", "b@y.ru"]),
        ("Иванов И.И. <a@x.ru>\nb@y.ru", ["a@x.ru", "b@y.ru"]),
        ("", []),
    ],
)
def test_recipients_separated_by_commas_semicolons_or_lines(text, expected):
    assert [a.addr_spec for a in parse_addresses(text, "email_to")] == expected


@pytest.mark.parametrize("text", ["irr.pnzirr.ru", "a@x.ru; не адрес", "a b@x.ru"])
def test_a_wrong_address_is_named_in_russian(text):
    with pytest.raises(RoadmapError, match="не похоже на адрес.*E-mail получателя"):
        parse_addresses(text, "email_to")


def test_missing_attachment_is_named(tmp_path):
    with pytest.raises(RoadmapError, match="файл не найден"):
        build_message(MAIL, [tmp_path / "нет.xlsx"], "текст")


def test_message_date_is_now_when_today_is_today():
    message = build_message(MAIL, [], "текст", today=date.today())
    assert abs((message["Date"].datetime - datetime.now().astimezone()).total_seconds()) < 60


def test_password_comes_from_the_environment_and_is_never_a_setting():
    settings = {**MAIL, "smtp_user": "kuzg_adm"}
    assert smtp_password(settings, environ={"ROADMAP_SMTP_PASSWORD": "секрет"}, interactive=False) == "секрет"
    assert smtp_password({**MAIL, "smtp_user": ""}, environ={}, interactive=False) is None
    with pytest.raises(RoadmapError, match="ROADMAP_SMTP_PASSWORD"):
        smtp_password(settings, environ={}, interactive=False)
    from roadmap_tools.workbook.schema import SETTINGS

    assert not [s for s in SETTINGS if "парол" in s.label.lower() or "password" in s.key]
