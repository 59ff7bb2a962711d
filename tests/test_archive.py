"""The region's archive: a period stored again replaces itself, decisions are recorded, the
dynamics read back; the same code on SQLite and on a local PostgreSQL server (started here
from Debian's ``postgresql`` binaries, skipped with a reason when they are absent); a locked
or foreign archive file is refused in Russian with nothing written."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest
from conftest import run_cli

from roadmap_tools.consolidation.archive import Archive, ArchiveRow
from roadmap_tools.errors import RoadmapError

H1 = (date(2022, 1, 1), date(2022, 6, 30))
H2 = (date(2022, 7, 1), date(2022, 12, 31))


def pg_binaries() -> Path | None:
    for candidate in [shutil.which("pg_ctl")] + sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True):
        if candidate and Path(candidate).with_name("initdb").exists():
            return Path(candidate).parent
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url():
    """A throwaway PostgreSQL cluster on a unix socket, run as the non-root user ``postgres``."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[test]')")
    binaries = pg_binaries()
    if binaries is None:
        pytest.skip(
            "PostgreSQL server binaries (initdb, pg_ctl) are absent: apt-get install postgresql (.ci/run does it)"
        )
    as_user: list = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL as user postgres")
        try:
            import pwd

            account = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("no user «postgres» to run the server as (Debian's postgresql package creates it)")
        as_user = ["runuser", "-u", "postgres", "--"]
    folder = Path(tempfile.mkdtemp(prefix="rt-pg-", dir="/tmp"))
    data = folder / "data"
    if as_user:
        os.chown(folder, account.pw_uid, account.pw_gid)
    port = _free_port()

    def run(*args):
        return subprocess.run(as_user + [str(a) for a in args], check=True, capture_output=True, timeout=120)

    try:
        run(binaries / "initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8")
        run(
            binaries / "pg_ctl",
            "-D",
            data,
            "-l",
            folder / "log",
            "-w",
            "-t",
            "60",
            "-o",
            f"-k {folder} -h '' -p {port} -c fsync=off",
            "start",
        )
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {exc.stderr.decode(errors='replace')}")
    try:
        yield f"postgresql://postgres@/postgres?host={folder}&port={port}"
    finally:
        subprocess.run(
            as_user + [str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def archive_target(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "Архив.sqlite")
    url = request.getfixturevalue("postgres_url")
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:  # each test on an empty archive
        connection.execute("DROP TABLE IF EXISTS report_rows")
        connection.execute("DROP TABLE IF EXISTS periods")
    return url


def rows(municipality: str, n: int, reported: int, approved: int = 0) -> list:
    return [
        ArchiveRow(
            municipality,
            "f.xlsx",
            "Раздел",
            str(i + 1),
            f"Мероприятие {i + 1}",
            "Проведено" if i < reported else "",
            "",
            i < reported,
            False,
            f"R{i}",
            "ОДОБРЕНО" if i < approved else "",
            "",
        )
        for i in range(n)
    ]


def test_a_period_stored_again_replaces_itself_and_never_duplicates(archive_target):
    with Archive.open(archive_target) as archive:
        archive.store_period(*H1, rows("Пенза", 10, 4))
        archive.store_period(*H2, rows("Пенза", 8, 8))
        archive.store_period(*H1, rows("Пенза", 6, 6, approved=2))
        assert archive.periods() == ["2022-01-01..2022-06-30", "2022-07-01..2022-12-31"]
        assert archive.row_count() == 14
        assert archive.dynamics() == [
            ("Пенза", "2022-01-01..2022-06-30", 6, 6, 0, 2),
            ("Пенза", "2022-07-01..2022-12-31", 8, 8, 0, 0),
        ]


def test_decisions_recorded_for_a_period_count_as_approved(archive_target):
    with Archive.open(archive_target) as archive:
        archive.store_period(*H1, rows("Кузнецк", 3, 3))
        assert (
            archive.record_decisions(
                *H1, [("Кузнецк", "R0", "ОДОБРЕНО", ""), ("Кузнецк", "R1", "На доработку", "Нет ссылки")]
            )
            == 2
        )
        assert archive.dynamics() == [("Кузнецк", "2022-01-01..2022-06-30", 3, 3, 0, 1)]


def test_the_archive_reopened_holds_what_was_stored(archive_target):
    with Archive.open(archive_target) as archive:
        archive.store_period(*H2, rows("Саров", 2, 1))
    with Archive.open(archive_target) as archive:
        assert archive.periods() == ["2022-07-01..2022-12-31"] and archive.row_count() == 2


def _forms(sample_workbook, folder: Path) -> tuple:
    book = folder / "Roadmap.xlsx"
    book.write_bytes(sample_workbook.read_bytes())
    forms = []
    for name, (start, end) in (("h1.xlsx", H1), ("h2.xlsx", H2)):
        forms.append(folder / name)
        assert run_cli("form", book, "--from", start, "--to", end, "-o", forms[-1]).code == 0
    return tuple(forms)


def test_consolidate_into_a_postgresql_archive_holds_each_period_once(sample_workbook, tmp_path, postgres_url):
    h1, h2 = _forms(sample_workbook, tmp_path)
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS report_rows")
        connection.execute("DROP TABLE IF EXISTS periods")
    for form in (h1, h2, h1):
        result = run_cli("consolidate", form, "-o", tmp_path / "s.xlsx", "--archive", postgres_url, "--json")
        assert result.code == 0, result.err
    periods = result.json()["archive"]["periods"]
    assert [p["period"] for p in periods] == [["2022-01-01", "2022-06-30"], ["2022-07-01", "2022-12-31"]]
    assert result.json()["archive"]["target"] == postgres_url


def test_a_locked_archive_is_refused_in_russian_and_the_summary_is_not_written(sample_workbook, tmp_path):
    h1, _ = _forms(sample_workbook, tmp_path)
    archive = tmp_path / "Архив.sqlite"
    with Archive.open(archive):
        pass
    holder = sqlite3.connect(archive, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run_cli("consolidate", h1, "-o", tmp_path / "s.xlsx", "--archive", archive)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.code == 1
    assert "архив занят" in result.err and "Архив.sqlite" in result.err and "Traceback" not in result.err
    assert not (tmp_path / "s.xlsx").exists()


def test_a_file_that_is_not_an_archive_is_refused_and_left_as_it_was(sample_workbook, tmp_path):
    h1, _ = _forms(sample_workbook, tmp_path)
    archive = tmp_path / "заметки.txt"
    archive.write_text("это не база данных", encoding="utf-8")
    result = run_cli("consolidate", h1, "-o", tmp_path / "s.xlsx", "--archive", archive)
    assert result.code == 1 and "не архив сводок" in result.err
    assert archive.read_text(encoding="utf-8") == "это не база данных"


def test_an_unreachable_postgresql_server_is_a_russian_message_without_the_password(tmp_path):
    pytest.importorskip("psycopg")
    with pytest.raises(RoadmapError) as error:
        Archive.open("postgresql://user:secret@127.0.0.1:1/region?connect_timeout=2")
    assert "не удалось подключиться" in str(error.value) and "secret" not in str(error.value)


def test_archive_without_a_known_period_asks_for_from_and_to(tmp_path, fixtures):
    roadmap = tmp_path / "Roadmap.xlsx"
    assert run_cli("import", fixtures / "roadmap_sarov_2021_2022.docx", "-o", roadmap).code == 0
    result = run_cli("consolidate", roadmap, "-o", tmp_path / "s.xlsx", "--archive", tmp_path / "a.sqlite")
    assert result.code == 1 and "--from" in result.err
    assert (
        run_cli(
            "consolidate",
            roadmap,
            "-o",
            tmp_path / "s.xlsx",
            "--archive",
            tmp_path / "a.sqlite",
            "--from",
            "2022-01-01",
            "--to",
            "2022-06-30",
        ).code
        == 0
    )
