"""Everything a user sees on the sheets we write is Russian: no English words, no codes,
no helper values, in any visible cell of any workbook the tool writes."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook
from sheets_we_write import written_workbooks

from roadmap_tools.checks import RULES
from roadmap_tools.lexicon.vocab import RULE_NAMES
from roadmap_tools.workbook.sheets import SHEET_XLWINGS_CONF

#: Latin words a Russian user reads as names of the things themselves, each for a reason.
ESTABLISHED_NAMES = {
    "e-mail",
    "smtp",
    "starttls",
    "ssl",  # mail settings, as a mail provider spells them
    "word",
    "excel",
    "python",
    "pip",
    "xlwings",  # programs the user installs and runs
    "interpreter_win",
    "pythonpath",  # keys of the sheet xlwings.conf that xlwings reads
    "roadmap-tools",  # the package the user installs
    "pdf",
    "rtf",
    "odt",  # document formats, named as their files are
    "times",
    "new",
    "roman",  # the font an official appendix is set in
}
#: The sheet xlwings reads its settings from: its name and keys are xlwings', not ours.
FOREIGN_SHEETS = {SHEET_XLWINGS_CONF}
#: Columns that copy the reports' own words as written (a report may say «Scrum», «Soft
#: skills»): section, activity, information and link of every report row for the curator.
DOCUMENT_TEXT = {"Строки отчётов": {"C", "E", "F", "G"}}

URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\S+\.(?:ru|рф|com|org)(?:/\S*)?", re.IGNORECASE)
FILE_NAME = re.compile(r"\S*\.(?:docx?|xlsx|xlsm|xls|pdf|eml|exe|conf|json|csv|md|txt)\b", re.IGNORECASE)
PATH = re.compile(r"(?:[A-Za-z]:)?[\\/]\S+")
#: A cell's address («D13», «A2:F2»): Excel's column letters are Latin in every language.
CELL_ADDRESS = re.compile(r"\b\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?\b")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z][A-Za-z0-9_]*)*")
#: Helper values no person should read: the Gantt's month lists «;202205;202211;».
HELPER_VALUE = re.compile(r"(?:;\d{6})+;")


def foreign_words(text: str) -> list:
    """Latin words and helper values of ``text`` other than addresses, files and established names."""
    found = HELPER_VALUE.findall(text)
    for pattern in (URL, FILE_NAME, PATH, CELL_ADDRESS):
        text = pattern.sub(" ", text)
    found += [w for w in LATIN_WORD.findall(text) if w.lower() not in ESTABLISHED_NAMES and len(w) > 1]
    return found


@pytest.mark.parametrize(
    "text, words",
    [
        ("мероприятия не пронумерованы", []),
        ("no_numbering", ["no_numbering"]),
        (";202205;202211;", [";202205;202211;"]),
        ("D13", []),
        ("Ссылка: https://uo.ru/docs/a.pdf, файл roadmap.xlsx, C:\\Users\\Имя\\pythonw.exe", []),
        ("SMTP-защита (starttls, ssl, нет)", []),
        ("Status: warning", ["Status", "warning"]),
    ],
)
def test_foreign_words_finds_english_and_codes_but_not_addresses_or_files(text, words):
    assert foreign_words(text) == words


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    return written_workbooks(tmp_path_factory.mktemp("books"))


def visible_cells(ws):
    """(address, text) of the cells a user sees: visible rows and columns, text as written."""
    for row in ws.iter_rows():
        for cell in row:
            if not isinstance(cell.value, str) or cell.data_type == "f":
                continue  # a formula shows what other cells hold
            if ws.column_dimensions[cell.column_letter].hidden or ws.row_dimensions[cell.row].hidden:
                continue
            yield cell.coordinate, cell.value


def test_no_english_or_code_words_in_any_visible_cell_of_any_sheet_we_write(books):
    found = []
    for name, path in books.items():
        wb = load_workbook(path)
        for ws in wb.worksheets:
            if ws.sheet_state != "visible" or ws.title in FOREIGN_SHEETS:
                continue
            theirs = DOCUMENT_TEXT.get(ws.title, set())
            found += [
                (name, ws.title, cell, words)
                for cell, text in visible_cells(ws)
                if cell.rstrip("0123456789") not in theirs and (words := foreign_words(text))
            ]
            found += [(name, ws.title, "имя листа", w) for w in [foreign_words(ws.title)] if w]
    assert not found, found[:20]


def test_the_check_sheet_names_each_rule_in_russian_and_hides_its_code(books):
    wb = load_workbook(books["демо: книга"])
    ws = wb["Проверка"]
    header = [c.value for c in ws[4]]
    code = header.index("Код правила") + 1
    rule = header.index("Замечание") + 1
    assert ws.column_dimensions[ws.cell(4, code).column_letter].hidden
    rows = [(ws.cell(r, rule).value, ws.cell(r, code).value) for r in range(5, ws.max_row + 1)]
    assert rows and all(name == RULE_NAMES[code_] for name, code_ in rows)


def test_every_check_rule_has_a_russian_name():
    assert set(RULES) <= set(RULE_NAMES)
    assert all(re.fullmatch(r"[А-ЯЁ][а-яёА-ЯЁ «»\-]+", name) for name in RULE_NAMES.values())
