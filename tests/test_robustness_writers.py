"""Two writers on one book: the second waits ``WRITE_WAIT_SECONDS``, then is refused naming the
book and what holds it; a writer that died lets go at once; nothing is lost either way.

The quick tests hold the lock from a helper process; ``test_concurrent_writers_*`` (slow)
start real commands on one book at the same moment, round after round.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import malformed
import pytest

from roadmap_tools import safeio
from roadmap_tools.reading.xlsx_values import sheet_values
from roadmap_tools.workbook.settings import to_date

HOLD = """
import sys, time
from roadmap_tools import safeio
with safeio.write_lock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


@pytest.fixture(scope="module")
def bases(tmp_path_factory) -> malformed.Bases:
    return malformed.Bases(tmp_path_factory.mktemp("writer-bases"))


@pytest.fixture
def book(tmp_path, bases) -> Path:
    path = tmp_path / "Дорожная карта «2022».xlsx"
    path.write_bytes(bases.workbook.read_bytes())
    return path


def hold(path: Path, seconds: float) -> subprocess.Popen:
    """Another process holding the write lock of ``path`` for ``seconds``."""
    env = dict(os.environ, PYTHONPATH=str(malformed.ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), str(seconds)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_writer_waits_then_is_refused_naming_the_book_and_who_holds_it(book, cli, monkeypatch):
    monkeypatch.setattr(safeio, "WRITE_WAIT_SECONDS", 0.8)
    before = book.read_bytes()
    holder = hold(book, 30)
    try:
        began = time.monotonic()
        result = cli("overdue", book, "--as-of", "2022-06-01")
        waited = time.monotonic() - began
    finally:
        holder.kill()
        holder.wait()
    assert result.code == 1 and "Traceback" not in result.err, result.err
    assert book.name in result.err and f"процесс {holder.pid}" in result.err, result.err
    assert "подождали 0.8 с" in result.err and "Файл не изменён" in result.err, result.err
    assert waited >= 0.8
    assert book.read_bytes() == before and not safeio.backup_path(book).exists()


def test_a_writer_that_lets_go_within_the_wait_is_followed_like_a_double_click(book, cli):
    holder = hold(book, 1.0)
    began = time.monotonic()
    result = cli("overdue", book, "--as-of", "2022-06-01")
    assert result.code == 0, result.err
    assert time.monotonic() - began >= 0.5, "the second writer did not wait for the first"
    holder.wait()


def test_a_writer_killed_while_holding_the_lock_does_not_block_the_next(book, cli):
    holder = hold(book, 60)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    lock = safeio.write_lock_file(book)
    assert lock.exists(), "the killed writer's lock file should still be there for this test to mean anything"
    began = time.monotonic()
    result = cli("overdue", book, "--as-of", "2022-06-01")
    assert result.code == 0, result.err
    assert time.monotonic() - began < safeio.WRITE_WAIT_SECONDS
    assert not lock.exists()


def test_a_lock_file_full_of_garbage_is_taken_over(book, cli):
    safeio.write_lock_file(book).write_bytes(b"\xff\x00 not ours")
    result = cli("check", book)
    assert result.code in (0, 1) and "Итого" in result.out, result.err
    assert not safeio.write_lock_file(book).exists()


def test_the_lock_is_reentrant_in_a_thread_and_exclusive_between_threads(book):
    refused = []

    def other_thread():
        try:
            with safeio.write_lock(book, wait=0.3):
                pass
        except safeio.BookBusy as exc:
            refused.append(str(exc))

    with safeio.write_lock(book):
        with safeio.write_lock(book):  # atomic_write inside a command that holds the book
            safeio.atomic_write(book, lambda tmp: tmp.write_bytes(book.read_bytes()))
        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
    assert refused and book.name in refused[0]
    with safeio.write_lock(book, wait=0.3):  # and free again afterwards
        pass


def test_a_refused_writer_holds_nothing_afterwards(book, monkeypatch):
    monkeypatch.setattr(safeio, "WRITE_WAIT_SECONDS", 0.3)
    holder = hold(book, 30)
    try:
        with pytest.raises(safeio.BookBusy):
            with safeio.write_lock(book):
                pass
    finally:
        holder.kill()
        holder.wait()
    assert safeio._held_locks() == {}
    with safeio.write_lock(book, wait=1):  # taken for real now that the other has gone
        assert safeio.write_lock_file(book).read_text(encoding="utf-8").startswith(f"pid={os.getpid()}")


def test_temporary_files_of_a_killed_writer_are_cleared_by_the_next_write(book):
    name = safeio._temporary_beside(book).name  # what a writer killed mid-write leaves behind
    other = book.with_name(".~roadmap-tools-0123456789abcdef.x.tmp")  # another book's: not ours to clear
    other.write_bytes(b"x")
    safeio.atomic_write(book, lambda tmp: tmp.write_bytes(book.read_bytes()))
    assert not (book.parent / name).exists()
    assert other.exists()


def test_the_lock_file_name_fits_whatever_the_book_is_called(tmp_path):
    book = tmp_path / ("д" * 125 + ".xlsx")  # 255 bytes: the longest name there is
    book.write_bytes(b"x")
    with safeio.write_lock(book):
        assert safeio.write_lock_file(book).exists()
    safeio.atomic_write(book, lambda tmp: tmp.write_bytes(b"y"))
    assert book.read_bytes() == b"y"


# --- real commands at the same moment, round after round ----------------------------------
ROUNDS = 20


def _command(args: list, cwd: Path) -> malformed.Outcome:
    return malformed.run_command(args, cwd=cwd, timeout=120)


def _settings_as_of(book: Path):
    rows = sheet_values(book, ("Настройки",))["Настройки"]
    return next(to_date(row[1]) for row in rows if row and row[0] == "Дата контроля")


def _form_title(book: Path) -> str:
    rows = sheet_values(book, ("Форма мониторинга",)).get("Форма мониторинга") or [[""]] * 3
    return " ".join(str(row[0]) for row in rows[:4] if row)


@pytest.mark.slow
def test_concurrent_writers_on_one_book_each_land_or_are_refused_and_nothing_is_lost(book):
    first = date(2022, 1, 3)
    refusals = 0
    with ThreadPoolExecutor(max_workers=3) as pool:
        for round_ in range(ROUNDS):
            as_of = first + timedelta(days=round_)
            month = round_ % 12 + 1
            start = date(2022, month, 1)
            end = date(2022 + month // 12, month % 12 + 1, 1) - timedelta(days=1)
            calls = [
                ["overdue", book, "--as-of", as_of.isoformat()],
                ["form", book, "--from", start.isoformat(), "--to", end.isoformat()],
            ]
            if round_ % 2:  # a double click: the same button twice
                calls.append(list(calls[0]))
            else:
                calls.append(["check", book])
            outcomes = list(pool.map(lambda args: _command(args, book.parent), calls))
            landed = []
            for args, outcome in zip(calls, outcomes):
                told = f"round {round_}: {args}\nexit {outcome.code}\n{outcome.err}"
                assert "Traceback" not in outcome.err and outcome.code in (0, 1), told
                if "сейчас записывает" in outcome.err:
                    refusals += 1
                    assert book.name in outcome.err and "процесс" in outcome.err, told
                else:
                    assert outcome.code == 0 or args[0] == "check", told
                    landed.append(args[0])
            # whoever landed, landed whole: the last writer did not undo the others
            if "overdue" in landed:
                assert _settings_as_of(book) == as_of, f"round {round_}: the control date was lost"
            if "form" in landed:
                assert f"с {start:%d.%m.%Y} по {end:%d.%m.%Y}" in _form_title(book), (
                    f"round {round_}: the form was lost"
                )
    assert refusals <= ROUNDS, "most writers should get their turn within the wait"
    names = sorted(p.name for p in book.parent.iterdir())
    assert names == sorted([book.name, safeio.backup_path(book).name]), names
