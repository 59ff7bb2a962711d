"""Every .eml we write reads back exactly in two independent parsers: Python's ``email``
(``policy.default`` and ``compat32``) and Node's ``mailparser``: the subject, every name and
address, every attachment's file name, with no word glued to the next or split.

Node's parser is installed by .ci/run (``npm ci`` in tests/email); without it those
comparisons are skipped with the reason, Python's are still made.
"""

from __future__ import annotations

import email
import json
import shutil
import subprocess
from datetime import date
from email import policy
from email.header import decode_header, make_header
from email.utils import getaddresses
from pathlib import Path

import pytest
from test_letter import KUZNETSK, PERIOD

from roadmap_tools.reports.email_draft import build_message, default_subject, make_email, write_eml
from roadmap_tools.reports.mailheaders import MAX_LINE, one_line

NODE_DIR = Path(__file__).parent / "email"
NODE_READY = shutil.which("node") is not None and (NODE_DIR / "node_modules" / "mailparser").is_dir()
NODE_MISSING = "mailparser не установлен: npm ci --prefix tests/email (это делает .ci/run)"


def _decoded(value) -> str:
    return str(make_header(decode_header(value))) if value else ""


def read_policy_default(path: Path) -> dict:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)

    def people(name):
        header = message[name]
        return [] if header is None else [[a.display_name, a.addr_spec] for a in header.addresses]

    return {
        "subject": str(message["Subject"] or ""),
        "from": people("From"),
        "to": people("To"),
        "attachments": [part.get_filename() for part in message.iter_attachments()],
    }


def read_compat32(path: Path) -> dict:
    message = email.message_from_bytes(path.read_bytes())  # compat32, what older code uses

    def people(name):
        return [[_decoded(display), address] for display, address in getaddresses(message.get_all(name, []))]

    attachments = [
        str(make_header(decode_header(part.get_filename())))
        for part in message.walk()
        if part.get_content_disposition() == "attachment"
    ]
    return {
        "subject": _decoded(message["Subject"]),
        "from": people("From"),
        "to": people("To"),
        "attachments": attachments,
    }


def read_node(paths: list) -> list:
    done = subprocess.run(
        ["node", str(NODE_DIR / "read_eml.js"), *map(str, paths)], capture_output=True, cwd=NODE_DIR, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return [
        {
            "subject": m["subject"],
            "from": [[a["name"], a["address"]] for a in m["from"]],
            "to": [[a["name"], a["address"]] for a in m["to"]],
            "attachments": m["attachments"],
        }
        for m in json.loads(done.stdout.decode("utf-8"))
    ]


READERS = [
    "policy.default",
    "compat32",
    pytest.param("mailparser", marks=pytest.mark.skipif(not NODE_READY, reason=NODE_MISSING)),
]


def read_with(reader: str, path: Path) -> dict:
    if reader == "policy.default":
        return read_policy_default(path)
    if reader == "compat32":
        return read_compat32(path)
    return read_node([path])[0]


def headers_are_ascii_and_folded(path: Path) -> None:
    """The whole file is 7-bit; the message's own header lines stay within 78 characters
    but for an encoded display name (one word, see mailheaders._display_name)."""
    raw = path.read_bytes()
    assert raw.isascii()
    head = raw.split(b"\r\n\r\n", 1)[0]
    for line in head.split(b"\r\n"):
        # an encoded display name is one word, however long (see mailheaders._display_name)
        assert len(line) <= MAX_LINE or line.lstrip().startswith((b"=?utf-8?B?", b"From:", b"To:")), line


def expected_of(settings: dict, subject: str, attachments: list) -> dict:
    from roadmap_tools.reports.email_draft import parse_addresses

    def people(key, fallback_name=""):
        return [
            [a.display_name or fallback_name, a.addr_spec] for a in parse_addresses(str(settings.get(key) or ""), key)
        ]

    sender = one_line(settings.get("sender_name") or settings.get("organisation") or "")
    return {
        "subject": one_line(settings.get("email_subject") or subject),
        "from": people("email_from", sender),
        "to": people("email_to"),
        "attachments": [Path(a).name for a in attachments],
    }


def attachment(folder: Path, name: str, data: bytes = b"PK\x03\x04 test") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


LONG_ORGANISATION = (
    "Муниципальное казённое учреждение «Центр методического, информационно-технического "
    "и финансового обеспечения образовательных организаций» Нижнеломовского района"
)
#: Settings a person might type; each is written, then read back by every parser.
CASES = {
    "Kuznetsk's settings": {
        **KUZNETSK,
        "email_to": "ГАОУ ДПО ИРР ПО <irr@pnzirr.ru>; metod@pnzirr.ru",
        "email_from": "kuzg_adm@sura.ru",
    },
    "a long organisation as sender and subject": {
        **KUZNETSK,
        "organisation": LONG_ORGANISATION,
        "sender_name": LONG_ORGANISATION,
        "email_from": "cmio-nlomov@example.ru",
        "email_to": "irr@example.ru",
    },
    "quotes and commas in display names": {
        **KUZNETSK,
        "email_from": '"Иванова, И. И." <ivanova@example.ru>',
        "email_to": '"Петров, П. П. (ИРР)" <petrov@example.ru>, ГАОУ ДПО «ИРР ПО» <irr@example.ru>, '
        '"O\'Brien, J." <obrien@example.com>',
    },
    "ASCII names with specials": {
        **KUZNETSK,
        "sender_name": "Otdel obrazovaniya, Kuznetsk",
        "email_from": "uo@example.ru",
        "email_to": 'Monitoring Team <m@example.ru>; "Smith, J. \\"Jr\\"" <smith@example.com>',
    },
    "a subject of one very long word and of every kind of space": {
        **KUZNETSK,
        "email_from": "a@example.ru",
        "email_to": "b@example.ru",
        "email_subject": "Очень-очень-длинноесловобезединогопробеладлиннеечемодноэнкодированноеслово "
        "и\tтабуляция,\nперевод строки  и  двойные  пробелы",
    },
    "an ASCII subject longer than a line": {
        **KUZNETSK,
        "email_from": "a@example.ru",
        "email_to": "b@example.ru",
        "email_subject": "Monitoring of the roadmap " * 6,
    },
}
ATTACHMENT_NAMES = [
    "Управление образования города Кузнецка - форма мониторинга.xlsx",
    LONG_ORGANISATION[:80] + " - сопроводительное письмо.docx",
    "report, «квартал» 2 (итог); 100% ready.pdf",
    "plain.xlsx",
]


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("case", list(CASES))
def test_headers_and_file_names_read_back_exactly_in_every_parser(tmp_path, case, reader):
    settings = CASES[case]
    files = [attachment(tmp_path / "files", name) for name in ATTACHMENT_NAMES]
    subject = default_subject(settings, settings.get("title", ""), PERIOD)
    message = build_message(settings, files, "Текст письма.", today=date(2023, 5, 26), subject=subject)
    eml = write_eml(message, tmp_path / "письмо.eml")
    headers_are_ascii_and_folded(eml)
    assert read_with(reader, eml) == expected_of(settings, subject, files)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    "organisation",
    [
        "Отдел образования администрации Сосновоборского района",
        LONG_ORGANISATION,
        "Управление образования г. Пензы",
    ],
)
def test_subjects_we_make_read_back_with_every_space(tmp_path, organisation, reader):
    settings = {**KUZNETSK, "organisation": organisation, "email_from": "a@example.ru", "email_to": "b@example.ru"}
    subject = default_subject(settings, "Равенство", (date(2022, 4, 1), date(2022, 6, 30)))
    assert subject == f"Мониторинг дорожной карты «Равенство» за II квартал 2022 г. — {organisation}"
    eml = write_eml(build_message(settings, [], "Текст.", subject=subject), tmp_path / "a.eml")
    assert read_with(reader, eml) == expected_of(settings, subject, [])


@pytest.fixture(scope="module")
def demo_letters(tmp_path_factory) -> tuple:
    """The demo's .eml and the one ``make_email`` writes again for its workbook, with what
    they must read back as (the demo's settings)."""
    from roadmap_tools.demo import run_demo, sample_settings

    folder = tmp_path_factory.mktemp("demo")
    files = dict(run_demo(folder / "demo").files)
    settings = sample_settings()
    again = make_email(files["Рабочая книга"], folder / "again.eml", today=settings["letter_date"])
    subject = "Мониторинг дорожной карты за II квартал 2022 г. — Управление образования города Пензы"
    expected = expected_of(settings, subject, [files["Форма мониторинга"], files["Сопроводительное письмо"]])
    return [files["Черновик e-mail"], again.eml], expected


@pytest.mark.parametrize("reader", READERS)
def test_the_demo_and_the_email_command_write_letters_every_parser_reads(demo_letters, reader):
    written, expected = demo_letters
    assert expected["to"] == [["Министерство образования Пензенской области", "monitoring@example.ru"]]
    for eml in written:
        headers_are_ascii_and_folded(eml)
        assert read_with(reader, eml) == expected


@pytest.mark.skipif(not NODE_READY, reason=NODE_MISSING)
def test_the_body_reads_back_in_node_as_written(tmp_path):
    settings = CASES["Kuznetsk's settings"]
    body = "Добрый день!\n\nВо вложении — форма мониторинга «Равенство».\n"
    eml = write_eml(build_message(settings, [], body), tmp_path / "a.eml")
    done = subprocess.run(["node", str(NODE_DIR / "read_eml.js"), str(eml)], capture_output=True, cwd=NODE_DIR)
    assert json.loads(done.stdout)[0]["text"].strip() == body.strip()


@pytest.mark.parametrize("reader", READERS)
def test_what_smtplib_sends_reads_back_exactly_too(tmp_path, reader):
    """smtplib.send_message flattens with the message's own policy (no policy given): the
    folding must come with the message, not only with ``write_eml``."""
    import io
    from email.generator import BytesGenerator

    settings = CASES["a long organisation as sender and subject"]
    files = [attachment(tmp_path / "files", name) for name in ATTACHMENT_NAMES]
    subject = default_subject(settings, "", PERIOD)
    message = build_message(settings, files, "Текст.", subject=subject)
    buffer = io.BytesIO()
    BytesGenerator(buffer).flatten(message, linesep="\r\n")  # what smtplib.send_message does
    sent = tmp_path / "sent.eml"
    sent.write_bytes(buffer.getvalue())
    headers_are_ascii_and_folded(sent)
    assert read_with(reader, sent) == expected_of(settings, subject, files)


def test_older_mail_programs_find_the_file_name_in_content_type_too(tmp_path):
    """Outlook Express, The Bat! and the like read Content-Type's «name» (RFC 2047 in quotes)."""
    files = [attachment(tmp_path / "files", name) for name in ATTACHMENT_NAMES]
    eml = write_eml(build_message(CASES["Kuznetsk's settings"], files, "Текст."), tmp_path / "a.eml")
    message = email.message_from_bytes(eml.read_bytes())
    parts = [p for p in message.walk() if p.get_content_disposition() == "attachment"]
    assert [_decoded(p.get_param("name")) for p in parts] == ATTACHMENT_NAMES
    assert [p.get_content_type() for p in parts][
        0
    ] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
