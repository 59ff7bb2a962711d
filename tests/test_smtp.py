"""Sending through SMTP: to a real aiosmtpd server on loopback that the test starts itself."""

from __future__ import annotations

import email
import socket
from email import policy

import pytest
from test_email import MAIL, attachments  # noqa: F401  (fixture)

from roadmap_tools.errors import RoadmapError
from roadmap_tools.reports.email_draft import build_message, send_message

aiosmtpd = pytest.importorskip("aiosmtpd")
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps what it receives; refuses recipients it is told to."""

    def __init__(self, refuse: str = ""):
        self.received = []
        self.refuse = refuse

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse and address == self.refuse:
            return "550 5.1.1 Нет такого ящика"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        return "250 Message accepted for delivery"


def accept_only(login: str, password: str):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login.decode() == login and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False)

    return authenticate


@pytest.fixture
def smtp_server():
    started = []

    def start(handler=None, **kwargs):
        handler = handler or Inbox()
        controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **kwargs)
        controller.start()
        started.append(controller)
        return controller, handler

    yield start
    for controller in started:
        controller.stop()


def settings_for(controller, **extra) -> dict:
    return {
        **MAIL,
        "smtp_host": "127.0.0.1",
        "smtp_port": controller.port,
        "smtp_security": "нет",
        "smtp_user": "",
        **extra,
    }


def test_sent_message_arrives_with_both_files_and_is_no_longer_a_draft(smtp_server, attachments):  # noqa: F811
    controller, inbox = smtp_server()
    settings = settings_for(controller)
    message = build_message(settings, attachments, "Добрый день!", subject="Мониторинг")
    send_message(message, settings, password=None)
    [envelope] = inbox.received
    assert envelope.mail_from == "kuzg_adm@sura.ru"
    assert sorted(envelope.rcpt_tos) == ["irr@pnzirr.ru", "metod@pnzirr.ru"]
    received = email.message_from_bytes(envelope.original_content, policy=policy.default)
    assert received["X-Unsent"] is None
    assert message["X-Unsent"] == "1", "the draft itself is left as it was"
    assert received["Subject"] == "Мониторинг"
    parts = list(received.iter_attachments())
    assert [p.get_filename() for p in parts] == [a.name for a in attachments]
    assert [p.get_content() for p in parts] == [a.read_bytes() for a in attachments]


def test_login_with_the_right_password_sends_even_a_russian_one(smtp_server, attachments):  # noqa: F811
    controller, inbox = smtp_server(authenticator=accept_only("kuzg", "секрет"), auth_require_tls=False)
    settings = settings_for(controller, smtp_user="kuzg")
    send_message(build_message(settings, attachments, "текст"), settings, password="секрет")
    assert len(inbox.received) == 1


def test_a_wrong_password_is_a_russian_error(smtp_server, attachments):  # noqa: F811
    controller, inbox = smtp_server(authenticator=accept_only("kuzg", "секрет"), auth_require_tls=False)
    settings = settings_for(controller, smtp_user="kuzg")
    with pytest.raises(RoadmapError, match="не принял логин «kuzg» и пароль"):
        send_message(build_message(settings, attachments, "текст"), settings, password="wrong")
    assert inbox.received == []


def test_a_refused_recipient_is_named(smtp_server, attachments):  # noqa: F811
    controller, inbox = smtp_server(Inbox(refuse="metod@pnzirr.ru"))
    settings = settings_for(controller)
    with pytest.raises(RoadmapError, match="metod@pnzirr.ru"):
        send_message(build_message(settings, attachments, "текст"), settings, password=None)


def test_connection_refused_is_a_russian_error(attachments):  # noqa: F811
    port = free_port()  # nothing listens there
    settings = {**MAIL, "smtp_host": "127.0.0.1", "smtp_port": port, "smtp_security": "нет"}
    with pytest.raises(RoadmapError, match=f"127.0.0.1:{port} не принимает соединения"):
        send_message(build_message(settings, attachments, "текст"), settings, password=None)


def test_starttls_to_a_server_without_it_says_what_to_change(smtp_server, attachments):  # noqa: F811
    controller, _ = smtp_server()
    settings = settings_for(controller, smtp_security="starttls")
    with pytest.raises(RoadmapError, match="SMTP-защита"):
        send_message(build_message(settings, attachments, "текст"), settings, password=None)


def test_a_server_that_does_not_answer_times_out_in_russian(attachments):  # noqa: F811
    with socket.socket() as listener:  # accepts the connection, never greets
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        settings = {**MAIL, "smtp_host": "127.0.0.1", "smtp_port": listener.getsockname()[1], "smtp_security": "нет"}
        with pytest.raises(RoadmapError, match="не ответил за 0.5 с"):
            send_message(build_message(settings, attachments, "текст"), settings, password=None, timeout=0.5)


@pytest.mark.parametrize(
    "missing, label",
    [
        ({"smtp_host": ""}, "SMTP-сервер"),
        ({"email_to": ""}, "E-mail получателя"),
        ({"email_from": ""}, "E-mail отправителя"),
        ({"smtp_security": "tls1.3"}, "SMTP-защита"),
    ],
)
def test_missing_settings_are_named_before_connecting(attachments, missing, label):  # noqa: F811
    settings = {**MAIL, "smtp_host": "127.0.0.1", "smtp_port": free_port(), "smtp_security": "нет", **missing}
    with pytest.raises(RoadmapError, match=label):
        send_message(build_message(settings, attachments, "текст"), settings, password=None)


def test_a_login_without_a_password_is_refused_before_connecting(attachments):  # noqa: F811
    settings = {**MAIL, "smtp_host": "127.0.0.1", "smtp_port": free_port(), "smtp_user": "kuzg"}
    with pytest.raises(RoadmapError, match="ROADMAP_SMTP_PASSWORD"):
        send_message(build_message(settings, attachments, "текст"), settings, password=None)
