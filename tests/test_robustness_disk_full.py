"""A disk that fills up while a book is saved: a Russian message, the book untouched, no leftovers,
and none of the standard library's cleanup noise («Exception ignored in: <function ZipFile.__del__>»).

Two ways to run out of room: a real small file system (a 64 KB tmpfs, where the test may
mount one: root on Linux), filled to leave a little more room each try, and the file-size
limit (RLIMIT_FSIZE: writes fail with EFBIG), which any Linux user can set.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import malformed
import pytest

pytestmark = pytest.mark.slow

TRIES = 15


@pytest.fixture(scope="module")
def bases(tmp_path_factory) -> malformed.Bases:
    return malformed.Bases(tmp_path_factory.mktemp("disk-bases"))


def _run(args: list, cwd: Path, file_size_limit: int = 0) -> subprocess.CompletedProcess:
    def limit():
        if file_size_limit:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    env = dict(os.environ, PYTHONPATH=str(malformed.ROOT), PYTHONIOENCODING="utf-8")
    env.pop("ROADMAP_TOOLS_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "roadmap_tools", *map(str, args)],
        cwd=str(cwd),
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
        preexec_fn=limit,
    )


def _assert_refused_cleanly(proc, book: Path, before: bytes, phrase: str) -> None:
    told = f"exit {proc.returncode}\n{proc.stderr}"
    assert proc.returncode == 1, told
    assert phrase in proc.stderr and book.name in proc.stderr, told
    assert "Exception ignored" not in proc.stderr and "Traceback" not in proc.stderr, told
    assert book.read_bytes() == before
    left = [p.name for p in book.parent.iterdir() if p.name.startswith(".~roadmap-tools-")]
    assert left == [], f"left behind: {left}"


@pytest.mark.parametrize("attempt", range(TRIES))
def test_a_file_size_limit_reached_while_saving(tmp_path, bases, attempt):
    book = tmp_path / "Дорожная карта.xlsx"
    book.write_bytes(bases.workbook.read_bytes())
    before = book.read_bytes()
    limit = 1000 + attempt * len(before) // TRIES  # from the first bytes to almost the whole book
    proc = _run(["overdue", book, "--as-of", "2022-06-01"], tmp_path, file_size_limit=limit)
    _assert_refused_cleanly(proc, book, before, "запись невозможна")


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    if not shutil.which("mount") or os.geteuid() != 0:
        pytest.skip("needs root to mount a small tmpfs")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(mount)], capture_output=True)
    if made.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_while_saving(small_disk, bases):
    book = small_disk / "Дорожная карта.xlsx"
    book.write_bytes(bases.workbook.read_bytes())
    before = book.read_bytes()
    filler = small_disk / "filler.bin"
    for attempt in range(TRIES):
        filler.unlink(missing_ok=True)
        free = shutil.disk_usage(small_disk).free
        # a little more room each try, never enough for the new book (the .bak of the old one goes first)
        room = attempt * (len(before) - 4096) // TRIES
        with open(filler, "wb") as fh:
            fh.write(b"\0" * max(free - room, 0))
        proc = _run(["overdue", book, "--as-of", "2022-06-01"], small_disk)
        _assert_refused_cleanly(proc, book, before, "на диске нет места")
