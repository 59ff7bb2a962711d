"""xlwings Lite: the lowest xlwings the scripts support is one number, given everywhere,
and a book with an older xlwings gets a Russian message naming it, not an internal error."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

import pytest
from excel_harness import enable_remote_engine, remote_book

import roadmap_tools.excel as rt
from roadmap_tools.excel import LITE_XLWINGS_FLOOR

REPOSITORY = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "version, too_old",
    [
        ("0.33.20", True),  # what xlwings Lite gives a new workbook
        ("0.36.17", True),
        ("0.37.4", True),  # the last without Sheet.notes and Range.conditional_formats
        ("0.37.5", False),
        ("0.37.10", False),  # compared as numbers, not as text
        ("0.38.0rc1", False),
        ("1.0", False),
        ("dev", False),  # a version we cannot read is not refused
    ],
)
def test_an_xlwings_below_the_floor_is_refused(version, too_old):
    assert (rt.xlwings_too_old(version) is not None) == too_old


def test_the_refusal_names_the_version_needed_the_line_for_requirements_and_the_restart():
    message = str(rt.xlwings_too_old("0.33.20"))
    assert f"нужен xlwings {LITE_XLWINGS_FLOOR} или новее" in message
    assert "установлен xlwings 0.33.20" in message
    assert f"«xlwings>={LITE_XLWINGS_FLOOR}»" in message and "requirements.txt" in message
    assert "Restart" in message


def test_the_package_asks_for_the_floor_under_pyodide():
    config = configparser.ConfigParser()
    config.read(REPOSITORY / "setup.cfg", encoding="utf-8")
    requires = [line.strip() for line in config["options"]["install_requires"].splitlines()]
    emscripten = [line for line in requires if line.startswith("xlwings") and '== "emscripten"' in line]
    assert emscripten == [f'xlwings>={LITE_XLWINGS_FLOOR}; sys_platform == "emscripten"']


@pytest.mark.parametrize("page", ["README.md", "docs/xlwings-lite.md"])
def test_the_lite_instructions_give_the_floor_as_the_line_for_requirements_txt(page):
    text = (REPOSITORY / page).read_text(encoding="utf-8")
    assert re.search(rf"^\s*xlwings>={re.escape(LITE_XLWINGS_FLOOR)}$", text, re.MULTILINE)


@pytest.fixture
def older_remote_engine(monkeypatch):
    enable_remote_engine(monkeypatch)
    monkeypatch.setattr(rt.xw, "__version__", "0.37.4")


def test_a_button_under_an_old_remote_engine_only_says_which_xlwings_is_needed(older_remote_engine, sample_workbook):
    book = remote_book(sample_workbook)
    rt.check_entries(book)
    actions = book.json()["actions"]
    assert [action["func"] for action in actions] == ["alert"]
    assert actions[0]["args"][0] == str(rt.xlwings_too_old("0.37.4"))
    assert actions[0]["args"][3] == "critical"


def test_the_script_an_old_xlwings_gets_takes_the_book_by_its_class(older_remote_engine, sample_workbook):
    explained = rt.explain_old_xlwings(rt.flag_overdue)
    assert explained.__name__ == "flag_overdue"
    book = remote_book(sample_workbook)
    explained(book)
    assert [action["args"][0] for action in book.json()["actions"]] == [str(rt.xlwings_too_old("0.37.4"))]
