"""Outputs over inputs, extensions that do not fit, dates Excel cannot hold, odd names, odd standard input.

Each row is one command line run in a folder holding a roadmap book, a report and links
to the book; it must end with the exit code and the Russian phrase given, no traceback,
and every file in the folder exactly as it was (nothing is written before a refusal).
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from pathlib import Path

import malformed
import pytest

from roadmap_tools import safeio
from roadmap_tools.cli import main
from roadmap_tools.errors import RoadmapError

LONG = "д" * 126  # 252 bytes of UTF-8: with «.xlsx», a name no file system here holds


@pytest.fixture(scope="module")
def bases(tmp_path_factory) -> malformed.Bases:
    return malformed.Bases(tmp_path_factory.mktemp("output-bases"))


@pytest.fixture
def folder(tmp_path, bases, monkeypatch) -> Path:
    """w.xlsx (a roadmap book), h.xlsx (its hard link), s.xlsx (a symlink to it), x.xlsm (a copy
    named .xlsm), r.docx (a report), rep/ (a folder of reports: a book and the report), loop.xlsx
    and loopdir (symlink loops), pipe.xlsx (a named pipe); the current folder."""
    book = tmp_path / "w.xlsx"
    book.write_bytes(bases.workbook.read_bytes())
    os.link(book, tmp_path / "h.xlsx")
    (tmp_path / "s.xlsx").symlink_to(book)
    (tmp_path / "x.xlsm").write_bytes(book.read_bytes())
    (tmp_path / "r.docx").write_bytes(malformed.REPORT_DOCX.read_bytes())
    (tmp_path / "rep").mkdir()
    (tmp_path / "rep" / "w.xlsx").write_bytes(book.read_bytes())
    (tmp_path / "rep" / "r.docx").write_bytes(malformed.REPORT_DOCX.read_bytes())
    (tmp_path / "loop.xlsx").symlink_to(tmp_path / "loop.xlsx")
    (tmp_path / "loopdir").symlink_to(tmp_path / "loopdir")
    os.mkfifo(tmp_path / "pipe.xlsx")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def listing(folder: Path) -> dict:
    """Every name under ``folder`` with its content (a symlink: where it points)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = "-> " + os.readlink(path)
        elif path.is_fifo():
            found[name] = "fifo"
        elif path.is_file():
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[name] = "folder"
    return found


def run(*args, stdin: bytes = b"") -> tuple:
    """``roadmap-tools ARGS`` in this process with ``stdin`` as raw bytes: (code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    try:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return code, out.getvalue(), err.getvalue()


REFUSED = [
    # an output that is an input: the same path, a hard link, a symlink, a report in a folder read
    pytest.param(["form", "w.xlsx", "-o", "w.xlsx"], 2, "тот же файл", id="form-over-its-book"),
    pytest.param(["form", "w.xlsx", "-o", "h.xlsx"], 2, "тот же файл", id="form-over-a-hard-link-of-its-book"),
    pytest.param(["form", "w.xlsx", "-o", "s.xlsx"], 2, "тот же файл", id="form-over-a-symlink-to-its-book"),
    pytest.param(["overdue", "s.xlsx", "-o", "w.xlsx"], 2, "тот же файл", id="overdue-from-a-symlink-over-its-target"),
    pytest.param(["overdue", "w.xlsx", "-o", "./w.xlsx"], 2, "тот же файл", id="overdue-over-its-book"),
    pytest.param(["import", "w.xlsx", "-o", "h.xlsx"], 2, "тот же файл", id="import-over-its-source"),
    pytest.param(
        ["build-workbook", "--roadmap", "x.xlsm", "-o", "x.xlsm"],
        2,
        "тот же файл",
        id="build-workbook-over-its-roadmap",
    ),
    pytest.param(["consolidate", "rep", "-o", "rep/w.xlsx"], 2, "среди отчётов", id="consolidate-over-a-report"),
    pytest.param(
        ["consolidate", "rep/*.xlsx", "-o", "rep/w.xlsx"],
        2,
        "среди отчётов",
        id="consolidate-over-a-report-a-glob-reads",
    ),
    pytest.param(["consolidate", ".", "-o", "h.xlsx"], 2, "среди отчётов", id="consolidate-over-a-linked-report"),
    pytest.param(
        ["consolidate", "r.docx", "-o", "out.xlsx", "--csv", "r.docx"], 2, ".csv", id="consolidate-csv-over-a-report"
    ),
    # the extension must fit what is written; macros never go into an .xlsx
    pytest.param(["overdue", "w.xlsx", "-o", "w.docx"], 2, "документ Word", id="overdue-book-as-docx"),
    pytest.param(["overdue", "w.xlsx", "-o", "new.xlsm"], 2, "без макросов", id="overdue-plain-book-as-xlsm"),
    pytest.param(["form", "w.xlsx", "-o", "form.docx"], 2, ".xlsx", id="form-as-docx"),
    pytest.param(
        ["build-workbook", "--roadmap", "w.xlsx", "-o", "new.xlsx"],
        2,
        "с макросами",
        id="build-workbook-macros-into-xlsx",
    ),
    pytest.param(["letter", "w.xlsx", "-o", "letter.xlsx"], 2, "документ Word", id="letter-as-xlsx"),
    pytest.param(["email", "w.xlsx", "-o", "mail.docx"], 2, ".eml", id="email-as-docx"),
    pytest.param(["export-word", "w.xlsx", "-o", "w.xlsx"], 1, ".docx", id="export-word-over-its-book"),
    pytest.param(["requests", "w.xlsx", "-o", "r.docx"], 2, "это файл", id="requests-into-a-file"),
    pytest.param(["feedback", "w.xlsx", "-o", "r.docx"], 2, "это файл", id="feedback-into-a-file"),
    pytest.param(["consolidate", "rep", "-o", "out.xlsx", "--csv", "rows.xlsx"], 2, ".csv", id="csv-as-xlsx"),
    pytest.param(["consolidate", "rep", "-o", "rep"], 2, "нет расширения", id="consolidate-into-a-folder"),
    pytest.param(["import", "r.docx", "-o", "Дорожная карта"], 2, "нет расширения", id="import-without-extension"),
    # dates Excel cannot hold
    pytest.param(["overdue", "w.xlsx", "--as-of", "0001-01-01"], 2, "Excel хранит даты", id="as-of-year-1"),
    pytest.param(["overdue", "w.xlsx", "--as-of", "31.12.1899"], 2, "Excel хранит даты", id="as-of-1899"),
    pytest.param(["form", "w.xlsx", "--from", "1899-12-31"], 2, "Excel хранит даты", id="from-1899"),
    pytest.param(["form", "w.xlsx", "--to", "01.01.10000"], 2, "Excel хранит даты", id="to-year-10000"),
    pytest.param(
        ["consolidate", "rep", "--as-of", "0001-01-01", "-o", "out.xlsx"],
        2,
        "Excel хранит даты",
        id="consolidate-as-of-year-1",
    ),
    # names
    pytest.param(["import", "r.docx", "-o", LONG + ".xlsx"], 2, "слишком длинное", id="output-name-of-257-bytes"),
    pytest.param(["check", "loop.xlsx"], 1, "не найден", id="input-a-symlink-loop"),
    pytest.param(
        ["overdue", "w.xlsx", "-o", "loopdir/out.xlsx"], 1, "петля символических ссылок", id="output-in-a-symlink-loop"
    ),
    pytest.param(["demo", "-o", "w.xlsx"], 2, "это файл", id="demo-into-a-file"),
    pytest.param(["import", ""], 1, "указана папка", id="import-an-empty-name"),
    pytest.param(["consolidate", "rep", "-o", ""], 2, "укажите имя файла", id="consolidate-into-an-empty-name"),
    pytest.param(["build-workbook", "-o", ""], 2, "укажите имя файла", id="build-workbook-into-an-empty-name"),
    pytest.param(["check", "pipe.xlsx"], 1, "не обычный файл", id="a-named-pipe-as-the-book"),
    pytest.param(["import", "/dev/zero"], 1, "не обычный файл", id="a-device-as-the-document"),
    pytest.param(["check", "-w.xlsx"], 2, "./-w.xlsx", id="a-name-with-a-leading-dash"),
]


@pytest.mark.parametrize("args, code, phrase", REFUSED)
def test_refused_before_anything_is_written(folder, args, code, phrase):
    (folder / "-w.xlsx").write_bytes((folder / "w.xlsx").read_bytes())
    before = listing(folder)
    got, out, err = run(*args)
    told = f"{args}: exit {got}\n{err}{out}"
    assert got == code and phrase in err, told
    assert "Traceback" not in err + out and "ошибка" in err.lower(), told
    assert listing(folder) == before, told


@pytest.mark.parametrize(
    "args", [["check", "./-w.xlsx"], ["check", "--", "-w.xlsx"]], ids=["dot-slash", "after-dashes"]
)
def test_a_name_with_a_leading_dash_works_written_as_the_hint_says(folder, args):
    (folder / "-w.xlsx").write_bytes((folder / "w.xlsx").read_bytes())
    code, out, err = run(*args)
    assert code in (0, 1) and "Итого" in out, err


def test_a_report_that_is_an_earlier_summary_is_replaced_and_kept_as_bak(folder):
    code, _, err = run("consolidate", "rep", "-o", "rep/Сводка.xlsx")
    assert code == 0, err
    first = (folder / "rep" / "Сводка.xlsx").read_bytes()
    code, _, err = run("consolidate", "rep", "-o", "rep/Сводка.xlsx")
    assert code == 0, err
    assert (folder / "rep" / "Сводка.bak.xlsx").read_bytes() == first


def test_a_symlinked_book_is_updated_through_the_link(folder):
    before = (folder / "w.xlsx").read_bytes()
    code, _, err = run("overdue", "s.xlsx", "--as-of", "2022-06-01")
    assert code == 0, err
    assert (folder / "s.xlsx").is_symlink(), "the link was replaced by a file"
    assert (folder / "w.xlsx").read_bytes() != before
    assert safeio.backup_path(folder / "w.xlsx").read_bytes() == before


def test_a_date_excel_cannot_hold_in_settings_names_the_cell(tmp_path, bases):
    book = tmp_path / "до 1900.xlsx"
    malformed.date_excel_cannot_hold_in_settings(book, bases)
    before = book.read_bytes()
    for command in (["check"], ["overdue"], ["form"], ["letter"], ["email"]):
        code, out, err = run(*command, book)
        assert code == 1 and "Traceback" not in err, (command, err)
        assert "лист «Настройки», ячейка B" in err and "Excel хранит даты" in err and "01.01.0001" in err, err
    assert book.read_bytes() == before


def test_an_as_of_that_was_refused_never_reaches_the_settings(tmp_path, bases):
    book = tmp_path / "w.xlsx"
    book.write_bytes(bases.workbook.read_bytes())
    assert run("overdue", book, "--as-of", "1899-12-31")[0] == 2
    code, out, err = run("form", book, "--from", "01.01.2022", "--to", "31.03.2022")
    assert code == 0, err


def test_a_name_of_250_bytes_is_written_and_its_backup_name_fits(tmp_path, bases):
    book = tmp_path / ("д" * 122 + ".xlsx")  # 249 bytes: «.bak» would make it 253, the lock «~$» 251
    book.write_bytes(bases.workbook.read_bytes())
    code, out, err = run("overdue", book, "--as-of", "2022-06-01")
    assert code == 0, err
    backups = [p for p in tmp_path.iterdir() if p != book]
    assert len(backups) == 1 and ".bak" in backups[0].name
    assert all(len(p.name.encode()) <= 255 for p in tmp_path.iterdir())


def test_a_derived_name_too_long_is_a_russian_message(tmp_path):
    with pytest.raises(RoadmapError, match="слишком длинное"):
        safeio.atomic_write(tmp_path / (LONG + ".xlsx"), lambda tmp: tmp.write_bytes(b"x"))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("stem", ["д" * 200, "a" * 250, "~$" + "я" * 126, "Дорожная «карта» 'копия' (1)"])
def test_names_made_beside_a_file_always_fit(tmp_path, stem):
    target = tmp_path / (safeio.fit_name(stem, ".xlsx"))
    for made in (
        safeio.backup_path(target),
        safeio.excel_lock_file(target),
        safeio.libreoffice_lock_file(target),
        safeio.write_lock_file(target),
    ):
        assert len(made.name.encode("utf-8")) <= safeio.NAME_MAX_BYTES, made.name
        assert not made.exists()  # asking never raises «File name too long»


def test_macros_never_land_in_an_xlsx_even_through_the_library(tmp_path):
    from roadmap_tools.xlsm.build import build_workbook

    target = tmp_path / "book.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RoadmapError, match="с макросами"):
        build_workbook(target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"]


STDIN = [
    pytest.param(b"\xd1\x8f\xd0\xbd\xd0\xb2\xd0\xb0\xd1\x80\xd1\x8c 2022\n\xff\xfe\x80\n", "строка 2", id="not-utf8"),
    pytest.param("январь 2022\n".encode("cp1251"), "строка 1", id="cp1251"),
    pytest.param(("до " + "9" * 5000 + "\n").encode(), "5000 цифр", id="a-5000-digit-number"),
    pytest.param(("январь 2022\n" + "1" * 30 + " марта\n").encode(), "строка 2", id="a-30-digit-number"),
]


@pytest.mark.parametrize("data, phrase", STDIN)
def test_deadlines_standard_input_that_cannot_be_read_is_an_input_error_naming_the_line(data, phrase):
    code, out, err = run("deadlines", "--years", "2022", stdin=data)
    assert code == 1 and phrase in err and "Traceback" not in err, err


def test_deadlines_an_absurd_number_in_an_argument_names_it():
    code, out, err = run("deadlines", "январь 2022", "9" * 5000)
    assert code == 1 and "срок № 2" in err, err


def test_deadlines_utf8_with_a_bom_is_read():
    code, out, err = run("deadlines", "--years", "2022", stdin="\ufeffянварь 2022\r\nфевраль\r\n".encode())
    assert code == 0 and "Прочитано сроков: 2 из 2" in out, err


def test_a_symlink_loop_among_the_reports_is_an_unreadable_file_not_a_crash(folder):
    code, out, err = run("consolidate", "loop.xlsx", "rep", "-o", "Сводка.xlsx")
    assert code == 0 and "loop.xlsx: файл не найден" in out, err + out


def test_a_derived_output_name_that_is_the_input_book_is_refused(tmp_path):
    """«<организация> - форма мониторинга.xlsx» is where email puts the form: a book under
    that very name is read, and must not then be replaced by the one-sheet form."""
    from conftest import SAMPLE_DOCX
    from test_cli_letter_email import OWNER, SETTINGS

    from roadmap_tools.reading.importer import import_roadmap
    from roadmap_tools.workbook.book import write_roadmap_workbook

    book = write_roadmap_workbook(import_roadmap(SAMPLE_DOCX), tmp_path / f"{OWNER} - форма мониторинга.xlsx", SETTINGS)
    safeio.backup_path(book).unlink(missing_ok=True)
    before = listing(tmp_path)
    code, out, err = run("email", book)
    assert code == 1 and "входной файл" in err and book.name in err and "Traceback" not in err, err
    assert listing(tmp_path) == before


CELL_DATES = [
    pytest.param("31.03.22", "2022-03-31", id="two-digit-year"),
    pytest.param("31.03.2022", "2022-03-31", id="dotted"),
    pytest.param(1, "1900-01-01", id="first-serial"),
    pytest.param(2958465, "9999-12-31", id="last-serial"),
    pytest.param("44621", "2022-03-01", id="serial-as-text"),
    pytest.param("01.01.0001", None, id="year-1-is-not-2001"),
    pytest.param("0001-01-01", None, id="iso-year-1"),
    pytest.param("1899-12-31", None, id="a-day-before-excel"),
    pytest.param(2958466, None, id="past-the-last-serial"),
    pytest.param("9" * 5000, None, id="a-5000-digit-serial"),
]


@pytest.mark.parametrize("value, expected", CELL_DATES)
def test_a_cell_date_is_read_only_within_what_excel_holds(value, expected):
    from datetime import date

    from roadmap_tools.workbook.settings import to_date

    if expected is None:
        with pytest.raises(ValueError):
            to_date(value)
    else:
        assert to_date(value) == date.fromisoformat(expected)
