"""Every malformed or hostile input (``malformed.CORPUS``) through every command that takes a file.

Each command runs as the user runs it, ``python -m roadmap_tools ...`` in a subprocess
with a 2 GB address-space limit and a timeout; the cases run two at a time. For each:
no traceback, exit code 0, 1 or 2 (3 is an internal error, a bug), a Russian message
naming the file on failure, the input byte for byte unchanged (or, for a command that
updates the workbook it is given, the previous version in ``.bak`` and the workbook
still readable), and nothing left behind by a failure.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from malformed import CORPUS, IN_PLACE, LOCKED_MESSAGES, Bases, Malformed, run_command

from roadmap_tools.cli import command_modules

#: How each command is called with one input file ``f``; ``out`` is an empty folder for its output.
CALLS = {
    "import": lambda f, out: ["import", f, "-o", out / "Дорожная карта.xlsx"],
    "check": lambda f, out: ["check", f],
    "overdue": lambda f, out: ["overdue", f, "--as-of", "2022-06-01"],
    "form": lambda f, out: ["form", f, "--from", "2022-04-01", "--to", "2022-06-30", "-o", out / "Форма.xlsx"],
    "letter": lambda f, out: ["letter", f, "-o", out / "Письмо.docx"],
    "email": lambda f, out: ["email", f, "-o", out / "Письмо.eml"],
    "consolidate": lambda f, out: ["consolidate", f, "-o", out / "Сводка.xlsx", "--workers", "1"],
    "build-workbook": lambda f, out: ["build-workbook", "--roadmap", f, "-o", out / "Книга.xlsm"],
    "export-word": lambda f, out: ["export-word", f, "-o", out / "Приложение.docx"],
    "requests": lambda f, out: ["requests", f, "--from", "2022-01-01", "--to", "2022-12-31", "-o", out / "Запросы"],
    "collect": lambda f, out: ["collect", f, f],  # the file is also the answer: not one, so it is listed
    "feedback": lambda f, out: ["feedback", f, "-o", out / "Замечания"],
    "apply-feedback": lambda f, out: ["apply-feedback", f, f],
}
#: Commands that report unreadable inputs in their output instead of failing on the first: the
#: reason is on stdout, and the output (a summary listing the unreadable files) is written anyway.
REPORTS_UNREADABLE = {"consolidate"}
#: Commands that take no input file, and why.
NO_FILE = {"deadlines": "reads deadline phrases, not files", "demo": "runs on the bundled sample only"}
#: Every input goes through these; the other commands get the inputs named in SUBSET.
FULL = ("import", "check")
SUBSET = {
    "zero bytes",
    "truncated zip (.xlsx)",
    ".docx renamed .xlsx",
    "wrong [Content_Types].xml (.xlsx)",
    "workbook.xml points at a missing sheet part",
    "billion laughs in a sheet",
    "external entity (XXE) in a sheet",
    "zip bomb with forged sizes (40 MB said to be 2 KB)",
    "one cell at XFD1048576",
    "no sheet «Дорожная карта»",
    "roadmap sheet without its header row",
    "merged cells everywhere (.xlsx)",
    "dates as text, numbers and Excel serials",
    "nonsense in date columns («вчера», -5, 10^9, 31.02)",
    "formulas and #REF!, #N/A in cells",
    "control characters (_x0007_) in cells",
    "good workbook, name with spaces, quotes, Cyrillic",
    "read-only workbook",
    "workbook open in Excel (~$ owner file)",
    "good workbook, a name of 245 bytes",
    "01.01.0001 (a date Excel cannot hold) in «Настройки»",
}
CYRILLIC = re.compile("[А-Яа-яЁё]")
#: Known failures in commands another branch owns: (kind, command) -> reason (xfail).
KNOWN = {}


def _slug(text: str) -> str:
    return re.sub(r"\W+", "_", text).strip("_").lower()


def _selected(item: Malformed, command: str) -> bool:
    return command in FULL or item.kind in SUBSET or command in item.works


CASES = [
    pytest.param(item, command, id=f"{command}-{_slug(item.kind)}")
    for item in CORPUS
    for command in CALLS
    if _selected(item, command)
]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _listing(folder: Path) -> dict:
    return {p.name: _digest(p) for p in folder.iterdir()} if folder.exists() else {}


class Case:
    """One input in a folder of its own, run through one command."""

    def __init__(self, item: Malformed, command: str, root: Path, bases: Bases):
        self.item, self.command = item, command
        self.folder = root / f"{_slug(command)}-{CORPUS.index(item):02d}"
        self.inputs, self.out = self.folder / "in", self.folder / "out"
        self.inputs.mkdir(parents=True)
        self.file = self.inputs / item.file
        item.make(self.file, bases)
        self.before = _listing(self.inputs)
        self.outcome = None

    def run(self) -> "Case":
        self.outcome = run_command(CALLS[self.command](self.file, self.out), cwd=self.folder)
        return self

    def cleanup(self) -> None:
        for path in [self.folder, *self.folder.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def bases(tmp_path_factory) -> Bases:
    return Bases(tmp_path_factory.mktemp("bases"))


@pytest.fixture(scope="session")
def ran(request, tmp_path_factory, bases) -> dict:
    """Runs every selected case of this file once, two at a time; (kind, command) -> Case."""
    wanted = [
        item.callspec.params
        for item in request.session.items
        if getattr(item, "originalname", "") == "test_malformed_input_through_command"
    ]
    available = command_modules()
    root = tmp_path_factory.mktemp("robustness")
    cases = [Case(p["item"], p["command"], root, bases) for p in wanted if p["command"] in available]
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        done = list(pool.map(Case.run, cases))
    return {(case.item.kind, case.command): case for case in done}


@pytest.mark.parametrize("item, command", CASES)
def test_malformed_input_through_command(ran, item, command):
    if command not in command_modules():
        pytest.skip(f"command «{command}» is not in roadmap_tools/commands yet: its row of CALLS waits for it")
    if (item.kind, command) in KNOWN:
        pytest.xfail(KNOWN[(item.kind, command)])
    case = ran[(item.kind, command)]
    outcome = case.outcome
    told = f"{' '.join(outcome.args)}\nexit {outcome.code}\nstderr: {outcome.err}\nstdout: {outcome.out[-2000:]}"
    assert "Traceback" not in outcome.err + outcome.out, told
    assert outcome.code in (0, 1, 2), told
    assert "не хватило памяти" not in outcome.err, told
    assert "Warning" not in outcome.err, f"a library's warning reached the user\n{told}"
    failed = "Ошибка" in outcome.err or outcome.code == 2
    said = outcome.err + outcome.out if command in REPORTS_UNREADABLE else outcome.err
    if failed or outcome.code:
        assert CYRILLIC.search(outcome.err + outcome.out), told
    if failed:
        assert item.file in said, told

    locked = LOCKED_MESSAGES.get(item.kind) if command in IN_PLACE else None
    if locked:
        assert failed and locked in said, told
    elif item.refused:
        assert failed and item.refused in said, told
    if command in item.works and not locked:
        assert not failed, told

    after = _listing(case.inputs)
    changed_in_place = command in IN_PLACE and not failed
    if changed_in_place:
        from roadmap_tools.reading.xlsx_values import read_workbook_sheets

        backup = case.file.with_name(f"{case.file.stem}.bak{case.file.suffix}")
        assert after.pop(backup.name) == case.before[case.file.name], "the .bak is not the previous version"
        assert read_workbook_sheets(case.file), "the updated workbook does not read"
        after[case.file.name] = case.before[case.file.name]
    assert after == case.before, f"the input folder changed: {sorted(set(after) ^ set(case.before))}\n{told}"
    if failed and command not in REPORTS_UNREADABLE:
        assert not case.out.exists() or not any(case.out.iterdir()), f"output left by a failure\n{told}"
    leftovers = (
        [p.name for p in case.out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".")]
        if case.out.exists()
        else []
    )
    assert not leftovers, f"temporary files left: {leftovers}\n{told}"
    case.cleanup()


def test_every_command_that_takes_a_file_has_a_row_in_the_table():
    missing = [name for name in command_modules() if name not in CALLS and name not in NO_FILE]
    assert not missing, (
        f"new commands {missing}: add how each is called with an input file to CALLS in "
        "tests/test_robustness.py (or to NO_FILE with the reason it takes none)"
    )


def test_the_corpus_covers_every_kind_the_issue_names():
    groups = {item.group for item in CORPUS}
    assert {"broken", "wrong type", "hostile", "too large", "odd content", "locked"} <= groups
    assert len({item.file for item in CORPUS}) == len(CORPUS), "two inputs share a file name"


def test_exit_codes_are_documented_in_help(cli):
    result = cli("--help")
    assert result.code == 0
    assert all(f"  {code}  " in result.out for code in "0123") and "Коды выхода" in result.out
