"""A write that fails half-way, or is refused, leaves the user's file exactly as it was."""

from __future__ import annotations

import os
from pathlib import Path

import malformed
import pytest

from roadmap_tools import safeio
from roadmap_tools.errors import RoadmapError
from roadmap_tools.reading.xlsx_values import read_workbook_sheets


@pytest.fixture
def workbook(tmp_path_factory) -> Path:
    bases = malformed.Bases(tmp_path_factory.getbasetemp() / "write-bases")
    path = tmp_path_factory.mktemp("book") / "Дорожная карта.xlsx"
    path.write_bytes(bases.workbook.read_bytes())
    return path


def _leftovers(folder: Path, keep: set) -> list:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


class Interrupted(Exception):
    pass


def test_a_failure_in_the_middle_of_a_write_leaves_the_original_intact_and_readable(workbook, monkeypatch):
    from openpyxl.writer.excel import ExcelWriter

    from roadmap_tools.reading.importer import import_to_workbook

    before = workbook.read_bytes()
    real_save = ExcelWriter.save  # openpyxl's writer of the whole file, behind every save of ours

    def save_half_then_fail(self):
        real_save(self)
        filename = self._archive.filename
        with open(filename, "r+b") as fh:  # half a file on disk, as when the power goes
            fh.truncate(os.path.getsize(filename) // 2)
        raise Interrupted("disk gone")

    monkeypatch.setattr(ExcelWriter, "save", save_half_then_fail)
    with pytest.raises(Interrupted):
        import_to_workbook(malformed.ROADMAP_DOCX, workbook)
    assert workbook.read_bytes() == before
    assert [s.name for s in read_workbook_sheets(workbook)][:1] == ["Дорожная карта"]
    assert _leftovers(workbook.parent, {workbook.name}) == []


def test_replace_refused_by_another_program_is_a_russian_message_and_nothing_changes(workbook, monkeypatch, cli):
    before = workbook.read_bytes()
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst) == workbook:  # Excel on Windows holds the file: the rename is refused
            raise PermissionError(13, "Permission denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = cli("import", malformed.ROADMAP_DOCX, "-o", workbook)
    assert result.code == 1 and "Traceback" not in result.err
    assert workbook.name in result.err and "занят другой программой" in result.err
    assert workbook.read_bytes() == before
    assert read_workbook_sheets(workbook)
    assert _leftovers(workbook.parent, {workbook.name, safeio.backup_path(workbook).name}) == []


@pytest.mark.parametrize("lock", [safeio.excel_lock_file, safeio.libreoffice_lock_file])
def test_a_workbook_open_in_excel_or_libreoffice_is_not_written(workbook, cli, lock):
    lock(workbook).write_bytes(b"owner")
    before = workbook.read_bytes()
    result = cli("import", malformed.ROADMAP_DOCX, "-o", workbook)
    assert result.code == 1 and "открыт в Excel" in result.err and workbook.name in result.err
    assert workbook.read_bytes() == before
    assert not safeio.backup_path(workbook).exists()


def test_a_read_only_workbook_is_not_written(workbook, cli):
    before = workbook.read_bytes()
    os.chmod(workbook, 0o444)
    try:
        result = cli("import", malformed.ROADMAP_DOCX, "-o", workbook)
    finally:
        os.chmod(workbook, 0o644)
    assert result.code == 1 and "только для чтения" in result.err
    assert workbook.read_bytes() == before


def test_a_successful_write_keeps_the_previous_version_as_bak(workbook, cli):
    before = workbook.read_bytes()
    result = cli("import", malformed.ROADMAP_DOCX, "-o", workbook)
    assert result.code == 0, result.err
    assert safeio.backup_path(workbook).read_bytes() == before
    assert _leftovers(workbook.parent, {workbook.name, safeio.backup_path(workbook).name}) == []


def test_atomic_open_failing_midway_leaves_the_file_and_no_temporary(tmp_path):
    target = tmp_path / "письмо.eml"
    target.write_text("старое", encoding="utf-8")
    with pytest.raises(Interrupted):
        with safeio.atomic_open(target) as fh:
            fh.write("новое, но не до конца")
            raise Interrupted()
    assert target.read_text(encoding="utf-8") == "старое"
    assert _leftovers(tmp_path, {target.name}) == []


def test_a_folder_we_cannot_write_into_is_a_russian_message(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(safeio.tempfile, "mkstemp", refuse)
    with pytest.raises(RoadmapError, match="нет прав на запись"):
        safeio.atomic_write(tmp_path / "Книга.xlsx", lambda tmp: tmp.write_bytes(b"x"))
