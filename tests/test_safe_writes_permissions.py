"""Files we write get ordinary permissions, not the private ones of a temporary file."""

from __future__ import annotations

import os
import stat

from roadmap_tools.safeio import atomic_open, atomic_write


def test_a_new_file_gets_the_usual_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        target = atomic_write(tmp_path / "new.xlsx", lambda tmp: tmp.write_bytes(b"x"))
    finally:
        os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_rewritten_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    atomic_write(target, lambda tmp: tmp.write_bytes(b"new"))
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    with atomic_open(target) as fh:
        fh.write("text")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
