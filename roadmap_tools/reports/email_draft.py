"""The e-mail that carries the form and the cover letter upward: a draft (.eml) or sent by SMTP.

``build_message`` makes the message (X-Unsent: 1, so Outlook opens the .eml as a new
message ready to send); ``write_eml`` saves it; ``send_message`` sends it through the
SMTP settings of «Настройки». The SMTP password is never stored in the workbook: it
comes from ``ROADMAP_SMTP_PASSWORD`` or is asked for (``smtp_password``).
"""

from __future__ import annotations

import base64
import copy
import mimetypes
import os
import smtplib
import socket
import ssl
import sys
from dataclasses import dataclass
from datetime import date, datetime, time
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path
from typing import Mapping, Optional, Sequence, Union

from roadmap_tools.errors import RoadmapError
from roadmap_tools.lexicon import vocab
from roadmap_tools.reports.filenames import output_path
from roadmap_tools.reports.mailheaders import MAIL_POLICY, SMTP_POLICY, one_line
from roadmap_tools.reports.wording import period_short
from roadmap_tools.resources import TEMPLATES
from roadmap_tools.safeio import atomic_write, check_readable
from roadmap_tools.workbook.schema import SETTINGS_BY_KEY, SHEET_SETTINGS

BODY_TEMPLATE = TEMPLATES / "email_body.txt.j2"
PASSWORD_VARIABLE = "ROADMAP_SMTP_PASSWORD"
SMTP_TIMEOUT_SECONDS = 30

#: MIME types of what we attach; Windows does not always know the Office ones.
MIME_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
}
#: Default port for each way of connecting, when «SMTP-порт» is empty.
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


def default_eml_path(roadmap_path: Path, settings: Optional[Mapping] = None, title: str = "") -> Path:
    """«<организация> - письмо.eml» next to the workbook (see ``filenames``)."""
    return output_path(roadmap_path, "email", settings, title)


def _label(key: str) -> str:
    return SETTINGS_BY_KEY[key].label


def _settings_error(message: str, key: str, hint: str = "") -> RoadmapError:
    return RoadmapError(
        f"{message} (параметр «{_label(key)}»).", sheet=SHEET_SETTINGS, hint=hint or "Исправьте значение и повторите."
    )


def _address(text: str, key: str, display_name: str = "") -> Address:
    name, addr = parseaddr(text)
    if not addr or "@" not in addr or any(c.isspace() for c in addr):
        raise _settings_error(f"«{text}» не похоже на адрес электронной почты", key)
    local, _, domain = addr.rpartition("@")
    try:
        return Address(display_name=one_line(name or display_name), username=local, domain=domain)
    except (ValueError, IndexError) as exc:
        raise _settings_error(f"«{text}» не похоже на адрес электронной почты", key) from exc


def _split_addresses(text: str) -> list:
    """Split at «;», line breaks and commas outside quotes and angle brackets:
    «"Иванов, И. И." <a@x.ru>, b@y.ru» is two addresses, not three."""
    parts, current, quoted, angle = [], "", False, False
    for char in text or "":
        if char == '"' and not angle:
            quoted = not quoted
        elif char == "<" and not quoted:
            angle = True
        elif char == ">" and not quoted:
            angle = False
        if char in ";\n" or char == "," and not quoted and not angle:
            parts.append(current)
            current = ""
            continue
        current += char
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def parse_addresses(text: str, key: str) -> list:
    """«a@x.ru; Иванов И.И. <b@y.ru>» -> [Address, Address]; commas or semicolons between."""
    return [_address(part, key) for part in _split_addresses(text)]


def default_subject(settings: Mapping, roadmap_title: str, period: Sequence[date]) -> str:
    """A subject a person would write: «Мониторинг дорожной карты за II квартал 2022 г. —
    Управление образования г. Пензы». The roadmap's title only when short; the body has it."""
    title = one_line(roadmap_title or settings.get("title") or "").strip('«»"“” ')
    if title and len(title) <= vocab.SUBJECT_TITLE_MAX:
        about = vocab.SUBJECT_ABOUT_TITLED.format(title=title)
    else:
        about = vocab.SUBJECT_ABOUT
    sender = one_line(settings.get("organisation") or settings.get("sender_name") or "")
    phrase = vocab.SUBJECT_PHRASE if sender else vocab.SUBJECT_PHRASE_NO_SENDER
    return phrase.format(about=about, period=period_short(*period), sender=sender)


def render_email_body(context: Mapping, template: Optional[Path] = None) -> str:
    """The plain-text body from the jinja2 template ``templates/email_body.txt.j2``."""
    from jinja2 import Environment, StrictUndefined, TemplateError

    template = Path(template or BODY_TEMPLATE)
    try:
        source = template.read_text(encoding="utf-8")
    except OSError as exc:
        raise RoadmapError("не найден шаблон текста письма.", file=str(template)) from exc
    environment = Environment(
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, undefined=StrictUndefined, autoescape=False
    )
    try:
        return environment.from_string(source).render(**context)
    except TemplateError as exc:
        raise RoadmapError(
            f"ошибка в шаблоне текста письма: {exc}.", file=str(template), hint="Проверьте поля {{ … }} в шаблоне."
        ) from exc


def _message_date(today: Union[date, datetime, None]) -> datetime:
    if isinstance(today, datetime):
        moment = today
    elif isinstance(today, date) and today != date.today():
        moment = datetime.combine(today, time(12, 0))
    else:
        moment = datetime.now()
    return moment if moment.tzinfo else moment.astimezone()


def _mime_type(path: Path) -> tuple:
    mime = MIME_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    maintype, _, subtype = mime.partition("/")
    return maintype, subtype


def build_message(
    settings: Mapping,
    attachments: Sequence[Path],
    body_text: str,
    today: Union[date, datetime, None] = None,
    subject: Optional[str] = None,
) -> EmailMessage:
    """The message as a draft: X-Unsent: 1, headers from «Настройки», the files attached.

    ``subject`` is used when «Тема письма» is empty. From and To may be empty in a
    draft (the mail program fills them in); ``send_message`` requires them.
    """
    message = EmailMessage(policy=MAIL_POLICY)
    sender_name = str(settings.get("sender_name") or settings.get("organisation") or "")
    email_from = str(settings.get("email_from") or "").strip()
    if email_from:
        message["From"] = _address(email_from, "email_from", display_name=sender_name)
    recipients = parse_addresses(str(settings.get("email_to") or ""), "email_to")
    if recipients:
        message["To"] = recipients
    message["Subject"] = one_line(settings.get("email_subject") or subject or "Сопроводительное письмо")
    message["Date"] = format_datetime(_message_date(today))
    domain = email_from.rpartition("@")[2] or "roadmap-tools.local"
    message["Message-ID"] = make_msgid(domain=domain.strip(">") or None)
    message["X-Unsent"] = "1"
    message.set_content(body_text, cte="base64")
    for attachment in attachments:
        path = check_readable(attachment)
        maintype, subtype = _mime_type(path)
        # The file name in Content-Disposition (RFC 2231) and, for older mail programs,
        # as Content-Type's «name» (RFC 2047; mailheaders.fold_content_type writes it)
        message.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype, filename=path.name)
        parts = message.get_payload()
        # a message with an attachment is multipart, and its parts are of the message's class
        assert isinstance(parts, list) and isinstance(parts[-1], EmailMessage)
        parts[-1].set_param("name", path.name)
    return message


def write_eml(message: EmailMessage, path: Path) -> Path:
    """Save the message as an .eml file (CRLF line ends, as mail programs expect)."""
    data = message.as_bytes(policy=SMTP_POLICY)
    return atomic_write(path, lambda tmp: Path(tmp).write_bytes(data))


def smtp_security(settings: Mapping) -> str:
    value = str(settings.get("smtp_security") or SETTINGS_BY_KEY["smtp_security"].default).strip().lower()
    try:
        return vocab.SMTP_SECURITY_SYNONYMS[value]
    except KeyError:
        raise _settings_error(
            f"способ защиты «{value}» неизвестен", "smtp_security", hint="Укажите starttls, ssl или нет."
        ) from None


def smtp_password(
    settings: Mapping, environ: Mapping = os.environ, interactive: Optional[bool] = None
) -> Optional[str]:
    """The SMTP password: ``ROADMAP_SMTP_PASSWORD``, else asked at the terminal; None without a login."""
    user = str(settings.get("smtp_user") or "").strip()
    if not user:
        return None
    if environ.get(PASSWORD_VARIABLE):
        return environ[PASSWORD_VARIABLE]
    if interactive is None:
        interactive = sys.stdin is not None and sys.stdin.isatty()
    if interactive:
        import getpass

        return getpass.getpass(f"Пароль SMTP для {user}: ")
    raise RoadmapError(
        f"не задан пароль SMTP для «{user}».",
        hint=f"Задайте переменную окружения {PASSWORD_VARIABLE} или запустите команду в терминале, "
        "чтобы ввести пароль. В книге пароль не хранится.",
    )


def _timeout_error(where: str, timeout: float) -> RoadmapError:
    return RoadmapError(
        f"SMTP-сервер {where} не ответил за {timeout:g} с.",
        sheet=SHEET_SETTINGS,
        hint="Проверьте адрес, порт и подключение; возможно, порт закрыт сетью.",
    )


def _login(connection: smtplib.SMTP, user: str, password: str) -> None:
    try:
        connection.login(user, password)
    except UnicodeEncodeError:
        # smtplib sends credentials as ASCII; AUTH PLAIN itself is UTF-8 (RFC 4616)
        token = base64.b64encode(f"\0{user}\0{password}".encode("utf-8")).decode("ascii")
        code, reply = connection.docmd("AUTH", "PLAIN " + token)
        if code != 235:
            raise smtplib.SMTPAuthenticationError(code, reply) from None


def send_message(
    message: EmailMessage, settings: Mapping, password: Optional[str], timeout: float = SMTP_TIMEOUT_SECONDS
) -> None:
    """Send ``message`` (without its X-Unsent mark) through the SMTP server of «Настройки»."""
    host = str(settings.get("smtp_host") or "").strip()
    if not host:
        raise _settings_error(
            "не указан SMTP-сервер, отправка невозможна",
            "smtp_host",
            hint="Заполните его (например, smtp.yandex.ru) или отправьте черновик .eml вручную.",
        )
    if not message["From"]:
        raise _settings_error("не указан адрес отправителя", "email_from", hint="Заполните его и повторите.")
    if not message["To"]:
        raise _settings_error("не указан адрес получателя", "email_to", hint="Заполните его и повторите.")
    security = smtp_security(settings)
    port = int(settings.get("smtp_port") or DEFAULT_PORTS[security])
    user = str(settings.get("smtp_user") or "").strip()
    if user and password is None:
        raise RoadmapError(
            f"не задан пароль SMTP для «{user}».", hint=f"Задайте переменную окружения {PASSWORD_VARIABLE}."
        )
    outgoing = copy.deepcopy(message)
    del outgoing["X-Unsent"]  # the recipient must get a letter, not a draft
    where = f"{host}:{port}"
    try:
        connection: smtplib.SMTP
        if security == "ssl":
            connection = smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
        else:
            connection = smtplib.SMTP(host, port, timeout=timeout)
        with connection:
            connection.ehlo()
            if security == "starttls":
                connection.starttls(context=ssl.create_default_context())
                connection.ehlo()
            if user:
                _login(connection, user, password or "")
            refused = connection.send_message(outgoing)
    except ConnectionRefusedError as exc:
        raise RoadmapError(
            f"SMTP-сервер {where} не принимает соединения.",
            sheet=SHEET_SETTINGS,
            hint="Проверьте «SMTP-сервер» и «SMTP-порт» (обычно 587 для starttls, 465 для ssl).",
        ) from exc
    except socket.gaierror as exc:
        raise RoadmapError(
            f"SMTP-сервер «{host}» не найден.",
            sheet=SHEET_SETTINGS,
            hint="Проверьте имя сервера и подключение к интернету.",
        ) from exc
    except (socket.timeout, TimeoutError) as exc:
        raise _timeout_error(where, timeout) from exc
    except smtplib.SMTPAuthenticationError as exc:
        raise RoadmapError(
            f"SMTP-сервер {where} не принял логин «{user}» и пароль.",
            sheet=SHEET_SETTINGS,
            hint="Проверьте «SMTP-логин» и пароль; для Яндекса и Mail.ru нужен пароль приложения.",
        ) from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise RoadmapError(
            f"SMTP-сервер {where} не поддерживает запрошенное ({exc}).",
            sheet=SHEET_SETTINGS,
            hint="Проверьте «SMTP-защита»: starttls, ssl или нет.",
        ) from exc
    except smtplib.SMTPRecipientsRefused as exc:
        recipients = ", ".join(exc.recipients)
        raise RoadmapError(
            f"SMTP-сервер {where} отклонил получателей: {recipients}.",
            sheet=SHEET_SETTINGS,
            hint="Проверьте «E-mail получателя».",
        ) from exc
    except smtplib.SMTPSenderRefused as exc:
        raise RoadmapError(
            f"SMTP-сервер {where} отклонил отправителя {exc.sender}: {exc.smtp_error!r}.",
            sheet=SHEET_SETTINGS,
            hint="Проверьте «E-mail отправителя» и «SMTP-логин».",
        ) from exc
    except ssl.SSLError as exc:
        raise RoadmapError(
            f"не удалось установить защищённое соединение с {where} ({exc.reason}).",
            sheet=SHEET_SETTINGS,
            hint="Проверьте «SMTP-защита» и порт: ssl обычно на 465, starttls на 587.",
        ) from exc
    except smtplib.SMTPServerDisconnected as exc:
        if isinstance(exc.__context__, TimeoutError):  # smtplib hides a timeout in a read behind this
            raise _timeout_error(where, timeout) from exc
        raise RoadmapError(
            f"SMTP-сервер {where} разорвал соединение: {exc}.",
            sheet=SHEET_SETTINGS,
            hint="Проверьте «SMTP-защита» и порт: ssl обычно на 465, starttls на 587.",
        ) from exc
    except smtplib.SMTPException as exc:
        raise RoadmapError(f"SMTP-сервер {where} отказал в отправке: {exc}.", sheet=SHEET_SETTINGS) from exc
    except OSError as exc:
        raise RoadmapError(
            f"нет связи с SMTP-сервером {where}: {exc}.", sheet=SHEET_SETTINGS, hint="Проверьте подключение к сети."
        ) from exc
    if refused:
        raise RoadmapError(
            "письмо отправлено не всем: сервер отклонил " + ", ".join(refused) + ".",
            sheet=SHEET_SETTINGS,
            hint="Проверьте «E-mail получателя».",
        )


@dataclass
class EmailResult:
    eml: Path
    form: Path
    letter: Path
    pages: int
    pages_counted_by: str
    sent_to: list  # addresses it was sent to; empty for a draft only


def make_email(
    roadmap_path: Union[str, Path],
    output: Optional[Union[str, Path]] = None,
    send: bool = False,
    today: Optional[date] = None,
    password: Optional[str] = None,
) -> EmailResult:
    """Form, cover letter and the e-mail that carries them; with ``send``, also sent by SMTP.

    Writes next to the workbook «<организация> - форма мониторинга.xlsx», «<организация> -
    сопроводительное письмо.docx» and the draft ``output`` or «<организация> - письмо.eml»
    (``filenames.output_path``: the organisation, else the roadmap's title, else the workbook's name).
    ``password`` is the SMTP
    password; without it ``smtp_password`` takes it from the environment or asks.
    """
    from roadmap_tools.reports.letter import (
        default_form_path,
        default_letter_path,
        prepare_letter,
        render_letter,
        require_letter_settings,
        write_form,
    )
    from roadmap_tools.workbook.book import read_roadmap_workbook
    from roadmap_tools.workbook.settings import resolve_period

    roadmap_path = Path(roadmap_path)
    roadmap, settings = read_roadmap_workbook(roadmap_path)
    require_letter_settings(settings, file=str(roadmap_path))
    if send:  # refuse before writing anything
        smtp_security(settings)
        if not str(settings.get("smtp_host") or "").strip():
            raise _settings_error("не указан SMTP-сервер, отправка невозможна", "smtp_host")
        password = password if password is not None else smtp_password(settings)
    period = resolve_period(settings, today=today)
    title = settings.get("title") or roadmap.title
    form = write_form(roadmap, settings, period, default_form_path(roadmap_path, settings, title))
    job = prepare_letter(roadmap_path, today=today, form=form)
    letter = render_letter(job.context, default_letter_path(roadmap_path, settings, title))
    attachments = [form, letter]
    context = {**job.context, "attachments": [a.name for a in attachments]}
    message = build_message(
        settings,
        attachments,
        render_email_body(context),
        today=today,
        subject=default_subject(settings, job.title, period),
    )
    eml = write_eml(message, Path(output) if output else default_eml_path(roadmap_path, settings, title))
    sent_to = []
    if send:
        try:
            send_message(message, settings, password)
        except RoadmapError as exc:
            exc.hint = f"{exc.hint} Черновик письма сохранён: {eml}".strip()
            raise
        sent_to = [a.addr_spec for a in message["To"].addresses]
    return EmailResult(eml, form, letter, job.pages, job.pages_counted_by, sent_to)
