"""A write killed at any moment (SIGKILL: no cleanup runs) leaves the old book or the complete new one.

The command is ``overdue`` on a large roadmap book, each run with another «--as-of», so a
complete new book is told from the old by its «Дата контроля». Half the kills fall at a
random moment of the whole run, half while the temporary file is being written and put
in place. After each kill the book (and its .bak) must be one of the two versions, whole;
the next run must not wait for the dead writer's lock, and must clear its temporary file.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

import malformed
import pytest

from roadmap_tools.reading.xlsx_values import sheet_values
from roadmap_tools.safeio import backup_path
from roadmap_tools.workbook.settings import to_date

pytestmark = pytest.mark.slow

KILLS = 50
ROWS = 1500


def start(book: Path, as_of: date) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(malformed.ROOT), PYTHONIOENCODING="utf-8")
    return subprocess.Popen(
        [sys.executable, "-m", "roadmap_tools", "overdue", str(book), "--as-of", as_of.isoformat()],
        cwd=str(book.parent),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def as_of_in(book: Path) -> date:
    """«Дата контроля» of a complete book; raises if the book is not whole."""
    with zipfile.ZipFile(book) as zf:
        assert zf.testzip() is None, f"a damaged member in {book.name}"
    rows = sheet_values(book, ("Настройки",))["Настройки"]
    return next(to_date(row[1]) for row in rows if row and row[0] == "Дата контроля")


def ours(folder: Path) -> list:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".~roadmap-tools-"))


def test_a_write_killed_at_random_moments_leaves_the_old_book_or_the_new_one(tmp_path):
    rng = random.Random(12)
    book = tmp_path / "Большая дорожная карта.xlsx"
    malformed.write_roadmap(book, malformed._many_activities(ROWS))
    first = date(2022, 1, 1)
    proc = start(book, first)
    began = time.monotonic()
    assert proc.wait(timeout=300) == 0, proc.stderr.read()
    whole_run = time.monotonic() - began
    current = first
    landed_in_write = 0
    for round_ in range(1, KILLS + 1):
        old_bytes = book.read_bytes()
        wanted = first + timedelta(days=round_)
        proc = start(book, wanted)
        if round_ % 2:
            time.sleep(rng.uniform(0.05, whole_run * 1.1))
        else:  # wait for the temporary file, then kill while it is written or put in place
            deadline = time.monotonic() + whole_run * 3
            while (
                not any(n.endswith(".tmp") for n in ours(tmp_path))
                and proc.poll() is None
                and time.monotonic() < deadline
            ):
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.3))
        writing = any(n.endswith(".tmp") for n in ours(tmp_path))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        landed_in_write += writing
        if book.read_bytes() == old_bytes:
            assert as_of_in(book) == current
        else:
            assert as_of_in(book) == wanted, f"round {round_}: the book is neither the old nor the new one"
            current = wanted
        if backup_path(book).exists():  # the .bak is some earlier complete version
            earlier = as_of_in(backup_path(book))  # None: the book as first written, before any --as-of
            assert earlier is None or earlier <= current, f"round {round_}: the .bak is newer than the book"
    assert landed_in_write >= KILLS // 4, f"only {landed_in_write} kills fell while the book was being written"

    # the dead writers' lock and temporary files do not stand in the way, and are cleared
    began = time.monotonic()
    final = first + timedelta(days=KILLS + 1)
    proc = start(book, final)
    assert proc.wait(timeout=300) == 0, proc.stderr.read().decode("utf-8", "replace")
    assert as_of_in(book) == final
    assert ours(tmp_path) == [], "a temporary or lock file of a killed writer is left"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([book.name, backup_path(book).name])
