"""The region's archive: every consolidated period's report rows and the curator's decisions,
kept in an embedded SQLite database (the standard library) or, given a URL, a PostgreSQL
server (psycopg 3, the optional extra ``postgres``). The same SQL serves both.

Consolidating a period again replaces that period; it never duplicates it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union
from urllib.parse import urlsplit, urlunsplit

from roadmap_tools.errors import RoadmapError
from roadmap_tools.lexicon.vocab import DECISION_APPROVED

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS periods (
        period TEXT PRIMARY KEY, period_from TEXT, period_to TEXT, as_of TEXT, stored_at TEXT)""",
    """CREATE TABLE IF NOT EXISTS report_rows (
        period TEXT NOT NULL, municipality TEXT NOT NULL, file TEXT, section TEXT, number TEXT,
        activity TEXT, info TEXT, link TEXT, reported INTEGER, with_link INTEGER, row_id TEXT,
        decision TEXT, comment TEXT)""",
    "CREATE INDEX IF NOT EXISTS report_rows_period ON report_rows (period, municipality)",
]
ROW_FIELDS = (
    "municipality",
    "file",
    "section",
    "number",
    "activity",
    "info",
    "link",
    "reported",
    "with_link",
    "row_id",
    "decision",
    "comment",
)


def is_url(target: str) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


def period_key(start: date, end: date) -> str:
    return f"{start.isoformat()}..{end.isoformat()}"


def period_words(key: str) -> str:
    start, _, end = key.partition("..")
    try:
        return f"{date.fromisoformat(start):%d.%m.%Y} – {date.fromisoformat(end):%d.%m.%Y}"
    except ValueError:
        return key


@dataclass
class ArchiveRow:
    municipality: str
    file: str = ""
    section: str = ""
    number: str = ""
    activity: str = ""
    info: str = ""
    link: str = ""
    reported: bool = False
    with_link: bool = False
    row_id: str = ""
    decision: str = ""
    comment: str = ""

    def values(self) -> tuple:
        return tuple(int(v) if isinstance(v, bool) else (v or "") for v in (getattr(self, name) for name in ROW_FIELDS))


class Archive:
    """An open archive: ``with Archive.open(target) as archive: archive.store_period(...)``."""

    def __init__(self, connection, target: str, placeholder: str):
        self.connection = connection
        self.target = target
        self.placeholder = placeholder

    # --- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, target: Union[str, Path]) -> "Archive":
        text = str(target)
        if is_url(text):
            return cls._open_postgres(text)
        return cls._open_sqlite(Path(text))

    @classmethod
    def _open_sqlite(cls, path: Path) -> "Archive":
        if path.exists() and path.is_file():
            with path.open("rb") as fh:
                head = fh.read(16)
            if head and head != b"SQLite format 3\x00":
                raise RoadmapError(
                    "это не архив сводок (не база данных SQLite); ничего не записано.",
                    file=str(path),
                    hint="Укажите в --archive другой файл, например «Архив сводок.sqlite».",
                )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(str(path), timeout=3, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise RoadmapError(
                f"архив не открывается ({exc}).", file=str(path), hint="Проверьте путь и права на папку."
            ) from exc
        archive = cls(connection, str(path), "?")
        archive._prepare()
        return archive

    @classmethod
    def _open_postgres(cls, url: str) -> "Archive":
        shown = _hide_password(url)
        try:
            import psycopg
        except ImportError:
            raise RoadmapError(
                "для архива на сервере PostgreSQL нужен модуль psycopg.",
                hint="Установите: pip install 'roadmap-tools[postgres]'.",
            ) from None
        try:
            connection = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise RoadmapError(
                f"не удалось подключиться к серверу архива {shown} "
                f"({str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}).",
                hint="Проверьте адрес, порт, имя базы, пользователя и пароль.",
            ) from None
        archive = cls(connection, shown, "%s")
        archive._prepare()
        return archive

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.connection.close()
        except Exception:
            pass

    # --- SQL --------------------------------------------------------------------------------
    def _sql(self, text: str) -> str:
        return text.replace("?", self.placeholder)

    def _execute(self, cursor, text: str, params: Sequence = ()):
        cursor.execute(self._sql(text), tuple(params))
        return cursor

    def _fail(self, exc: BaseException) -> RoadmapError:
        text = str(exc).strip()
        if "locked" in text.lower() or "busy" in text.lower():
            return RoadmapError(
                "архив занят: его сейчас записывает другая программа или другой запуск; ничего не записано.",
                file=self.target,
                hint="Дождитесь окончания (или закройте программу, открывшую архив) и повторите.",
            )
        if "not a database" in text.lower() or "malformed" in text.lower():
            return RoadmapError(
                "файл архива повреждён или это не архив сводок; ничего не записано.",
                file=self.target,
                hint="Укажите в --archive другой файл.",
            )
        return RoadmapError(
            f"ошибка архива ({text.splitlines()[0] if text else type(exc).__name__}); ничего не записано.",
            file=self.target,
        )

    def _errors(self):
        errors = [sqlite3.Error]
        try:
            import psycopg

            errors.append(psycopg.Error)
        except ImportError:
            pass
        return tuple(errors)

    def _prepare(self) -> None:
        try:
            cursor = self.connection.cursor()
            for statement in SCHEMA:
                self._execute(cursor, statement)
        except self._errors() as exc:
            self.close()
            raise self._fail(exc) from None

    def _transaction(self, work) -> None:
        cursor = self.connection.cursor()
        try:
            self._execute(cursor, "BEGIN IMMEDIATE" if self.placeholder == "?" else "BEGIN")
            work(cursor)
            self._execute(cursor, "COMMIT")
        except self._errors() as exc:
            try:
                self._execute(cursor, "ROLLBACK")
            except self._errors():
                pass
            raise self._fail(exc) from None

    # --- what the region does with it ------------------------------------------------------
    def store_period(self, start: date, end: date, rows: Iterable[ArchiveRow], as_of: Optional[date] = None) -> str:
        """Replace the period's rows with ``rows`` (one transaction); returns its key."""
        key = period_key(start, end)
        rows = list(rows)
        columns = ", ".join(ROW_FIELDS)
        marks = ", ".join("?" for _ in range(len(ROW_FIELDS) + 1))

        def work(cursor):
            self._execute(cursor, "DELETE FROM report_rows WHERE period = ?", (key,))
            self._execute(cursor, "DELETE FROM periods WHERE period = ?", (key,))
            self._execute(
                cursor,
                "INSERT INTO periods (period, period_from, period_to, as_of, stored_at) VALUES (?, ?, ?, ?, ?)",
                (
                    key,
                    start.isoformat(),
                    end.isoformat(),
                    (as_of or date.today()).isoformat(),
                    datetime.now().isoformat(timespec="seconds"),
                ),
            )
            cursor.executemany(
                self._sql(f"INSERT INTO report_rows (period, {columns}) VALUES ({marks})"),
                [(key,) + row.values() for row in rows],
            )

        self._transaction(work)
        return key

    def record_decisions(self, start: date, end: date, decisions: Iterable[tuple]) -> int:
        """(municipality, row id, decision, comment) -> the period's rows; returns how many matched."""
        key = period_key(start, end)
        changed = 0

        def work(cursor):
            nonlocal changed
            for municipality, row_id, decision, comment in decisions:
                self._execute(
                    cursor,
                    "UPDATE report_rows SET decision = ?, comment = ? "
                    "WHERE period = ? AND municipality = ? AND row_id = ?",
                    (decision or "", comment or "", key, municipality, row_id),
                )
                changed += max(cursor.rowcount, 0)

        self._transaction(work)
        return changed

    def periods(self) -> list:
        """Period keys held, oldest first."""
        try:
            cursor = self._execute(self.connection.cursor(), "SELECT period FROM periods ORDER BY period_from, period")
            return [row[0] for row in cursor.fetchall()]
        except self._errors() as exc:
            raise self._fail(exc) from None

    def row_count(self, key: Optional[str] = None) -> int:
        cursor = self.connection.cursor()
        if key is None:
            self._execute(cursor, "SELECT COUNT(*) FROM report_rows")
        else:
            self._execute(cursor, "SELECT COUNT(*) FROM report_rows WHERE period = ?", (key,))
        return int(cursor.fetchone()[0])

    def dynamics(self) -> list:
        """(municipality, period, activities, reported, with_link, approved), by municipality then period."""
        try:
            cursor = self._execute(
                self.connection.cursor(),
                "SELECT r.municipality, r.period, COUNT(*), SUM(r.reported), SUM(r.with_link), "
                "SUM(CASE WHEN r.decision = ? THEN 1 ELSE 0 END) "
                "FROM report_rows r JOIN periods p ON p.period = r.period "
                "GROUP BY r.municipality, r.period, p.period_from ORDER BY r.municipality, p.period_from",
                (DECISION_APPROVED,),
            )
            return [
                (m, p, int(n), int(rep or 0), int(link or 0), int(ok or 0))
                for m, p, n, rep, link, ok in cursor.fetchall()
            ]
        except self._errors() as exc:
            raise self._fail(exc) from None


def _hide_password(url: str) -> str:

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def default_archive_path(summary_path: Union[str, Path]) -> Path:
    """«Архив сводок.sqlite» beside the summary."""
    return Path(summary_path).with_name("Архив сводок.sqlite")
