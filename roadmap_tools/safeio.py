"""Reading and writing users' files without ever losing them or being attacked by them.

Every file we write goes through ``atomic_write``: it is written to a temporary file
beside the target, flushed and synced, and only then put in place (a kill at any moment
leaves the old file or the complete new one); the previous version is kept as
``NAME.bak.EXT``; a file open in Excel or LibreOffice, or marked read-only, is not
touched; a second process writing the same file waits ``WRITE_WAIT_SECONDS`` and is
then refused (``write_lock``). ``check_output`` refuses an output that is one of the
inputs or has the wrong extension before anything is read or written. Every archive we read (.xlsx, .xlsm,
.docx) is first checked by
``check_archive`` (zip bombs, forged sizes, DTDs and entities in the XML, sheets too
large to hold in memory), and every reader runs inside ``reading(path)``, which turns
whatever a library throws on a broken file into one ``RoadmapError`` in Russian.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import functools
import gc
import hashlib
import io
import os
import re
import shutil
import socket
import stat
import struct
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from roadmap_tools.errors import RoadmapError, UsageError

PathLike = Union[str, os.PathLike]

#: Limits for archives we are asked to read. A real roadmap workbook is a few MB.
MAX_ARCHIVE_MEMBERS = 10_000
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
#: Ratio is only suspicious on members large enough to matter.
RATIO_CHECK_MIN_BYTES = 10 * 1024 * 1024
#: One XML part (a sheet, the document body) larger than this is refused.
MAX_PART_BYTES = 200 * 1024 * 1024
#: A sheet is refused beyond these: openpyxl holds every cell in memory, and both
#: readers build the rectangle from A1 to the last cell.
#: (A 10,000-row roadmap takes ~10 s to check; at these limits a check needs ~1.5 GB.)
MAX_SHEET_ROWS = 50_000
MAX_SHEET_CELLS = 1_000_000
MAX_SHEET_AREA = 2_500_000
#: Word table cells in one document.
MAX_DOCUMENT_CELLS = 500_000

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"
_CHUNK = 1024 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_WORD_FORMATS = (".docx", ".docm", ".dotx", ".dotm")

WHAT_EXCEL = "книга Excel (.xlsx)"
WHAT_WORD = "документ Word (.docx)"
WHAT_PDF = "документ PDF"


# --- names --------------------------------------------------------------------------
#: Longest file name (one path component) we create, in bytes of UTF-8: ext4 and most
#: Linux file systems allow 255 bytes, NTFS 255 UTF-16 units (never more than the bytes).
NAME_MAX_BYTES = 255
#: Longest whole path we accept: Linux PATH_MAX in bytes; Windows without long paths, 259 characters.
PATH_MAX = 4096 if os.name == "posix" else 259
_OUR_PREFIX = ".~roadmap-tools-"


def _name_bytes(name: str) -> int:
    return len(name.encode("utf-8", "surrogateescape"))


def fit_name(stem: str, tail: str) -> str:
    """``stem + tail`` cut (on a character boundary) to fit ``NAME_MAX_BYTES``; a cut stem gets a
    short hash of the whole so two long names cut alike still differ."""
    name = stem + tail
    if _name_bytes(name) <= NAME_MAX_BYTES:
        return name
    mark = "~" + hashlib.sha1(name.encode("utf-8", "surrogateescape")).hexdigest()[:6]
    room = NAME_MAX_BYTES - _name_bytes(mark + tail)
    cut = stem.encode("utf-8", "surrogateescape")[: max(room, 0)].decode("utf-8", "ignore")
    return cut + mark + tail


def _digest(path: Path) -> str:
    return hashlib.sha1(str(path).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def backup_path(path: PathLike) -> Path:
    p = Path(path)
    return p.with_name(fit_name(p.stem, f".bak{p.suffix}"))


def excel_lock_file(path: PathLike) -> Path:
    """The owner file Excel leaves beside a workbook it has open («~$Имя.xlsx»)."""
    p = Path(path)
    return p.with_name(fit_name("~$" + p.stem, p.suffix))


def libreoffice_lock_file(path: PathLike) -> Path:
    p = Path(path)
    return p.with_name(fit_name(f".~lock.{p.stem}", f"{p.suffix}#"))


def _office_lock_files(path: Path) -> list:
    """Where Excel, Word and LibreOffice put their owner files (Word drops two letters of a long name)."""
    found = [excel_lock_file(path), libreoffice_lock_file(path)]
    if len(path.stem) > 6:
        found.append(path.with_name(fit_name("~$" + path.stem[2:], path.suffix)))
    return found


def _exists(path: Path) -> bool:
    """``exists`` that says False for names the file system cannot even hold, loops included."""
    try:
        return os.path.lexists(path) and path.exists()
    except (OSError, ValueError):
        return False


def check_name(path: PathLike) -> Path:
    """Refuse a path no file system here can hold: a name over 255 bytes, a path over the limit."""
    p = Path(path)
    for part in p.parts:
        if _name_bytes(part) > NAME_MAX_BYTES:
            raise RoadmapError(
                f"имя «{part[:60]}…» слишком длинное ({_name_bytes(part)} байт, допустимо до {NAME_MAX_BYTES}).",
                file=str(p),
                hint="Переименуйте файл или папку покороче и повторите.",
            )
    whole = str(p.absolute())
    if (_name_bytes(whole) if os.name == "posix" else len(whole)) > PATH_MAX:
        raise RoadmapError(
            f"путь к файлу слишком длинный (допустимо до {PATH_MAX} знаков).",
            file=str(p),
            hint="Переместите файл в папку ближе к корню диска или сократите имена папок.",
        )
    return p


# --- what an output may be ------------------------------------------------------------
@dataclass(frozen=True)
class OutputKind:
    """What a command writes: the extensions it may be written under, in words for messages."""

    what: str
    suffixes: Tuple[str, ...]
    #: the main content type in [Content_Types].xml of an Office file of this kind
    content_type: str = ""


WORKBOOK = OutputKind("книга Excel без макросов", (".xlsx",), "spreadsheetml.sheet.main+xml")
MACRO_WORKBOOK = OutputKind("книга Excel с макросами", (".xlsm",), "sheet.macroEnabled.main+xml")
DOCUMENT = OutputKind("документ Word", (".docx",), "wordprocessingml.document.main+xml")
EMAIL = OutputKind("черновик письма", (".eml",))
CSV = OutputKind("таблица CSV", (".csv",))
#: Office kinds by extension: what ``atomic_write`` checks a written file against.
_KIND_OF_SUFFIX = {suffix: kind for kind in (WORKBOOK, MACRO_WORKBOOK, DOCUMENT) for suffix in kind.suffixes}


def same_file(a: Path, b: Path) -> bool:
    """One file under two names: the same path, a symlink to it or a hard link."""
    try:
        if os.path.samefile(a, b):
            return True
    except (OSError, ValueError):
        pass
    try:
        return Path(os.path.realpath(a)) == Path(os.path.realpath(b))
    except (OSError, ValueError):
        return False


def check_output(
    output: PathLike, kinds: Sequence[OutputKind], inputs: Iterable[PathLike] = (), option: str = "-o"
) -> Path:
    """Refuse, before anything is read or written, an output that cannot be right.

    ``kinds``: what the command writes (its extension must be one of theirs; a book with
    macros never goes into an .xlsx, nor one without into an .xlsm); ``inputs``: the files it
    reads, none of which may be the output (same path, symlink or hard link). Raises
    ``UsageError`` (exit 2) naming the option.
    """
    p = Path(output)
    suffixes = [s for kind in kinds for s in kind.suffixes]
    what = " или ".join(f"{kind.what} ({', '.join(kind.suffixes)})" for kind in kinds)
    if not p.name or p.name in (".", ".."):
        raise UsageError(f"{option}: укажите имя файла ({what}).")
    if p.suffix.lower() not in suffixes:
        other = _KIND_OF_SUFFIX.get(p.suffix.lower())
        said = (
            f"«{p.suffix}» — это {other.what}"
            if other
            else (f"расширение «{p.suffix}»" if p.suffix else "нет расширения")
        )
        raise UsageError(
            f"{option} «{p}»: сюда записывается {what}, а у файла {said}; под чужим расширением файл не откроется.",
            hint=f"Укажите имя с расширением {' или '.join(suffixes)}.",
        )
    try:
        check_name(p)
    except RoadmapError as exc:
        raise UsageError(f"{option}: {exc.message}", file=exc.file, hint=exc.hint) from None
    if _exists(p) and p.is_dir():
        raise UsageError(
            f"{option} «{p}»: это папка, а нужно имя файла.",
            hint=f"Укажите файл в этой папке, например «{p / ('Итог' + suffixes[0])}».",
        )
    for source in inputs:
        if source is not None and same_file(p, Path(source)):
            raise UsageError(
                f"{option} «{p}»: это тот же файл, что и входной «{source}»; "
                "результат не записывается поверх входного файла, ничего не изменено.",
                hint="Укажите для результата другое имя.",
            )
    return p


def _check_written_kind(tmp: Path, target: Path) -> None:
    """The last guard: an Office file of one kind is never put in place under another's extension."""
    expected = _KIND_OF_SUFFIX.get(target.suffix.lower())
    if expected is None:
        return
    try:
        with zipfile.ZipFile(tmp) as zf:
            types = zf.read("[Content_Types].xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return  # not an Office package at all: nothing of another kind to mistake it for
    if expected.content_type in types:
        return
    found = next((k for k in (WORKBOOK, MACRO_WORKBOOK, DOCUMENT) if k.content_type in types), None)
    if found is None:
        return
    raise RoadmapError(
        f"сюда записывается {found.what}, а расширение «{target.suffix}» — для вида «{expected.what}»; "
        "файл не изменён.",
        file=str(target),
        hint="Укажите имя с расширением " + ", ".join(found.suffixes) + ".",
    )


# --- one writer at a time -------------------------------------------------------------
#: How long a second writer of one book waits for the first before it is refused, in seconds.
WRITE_WAIT_SECONDS = 5.0
_POLL_SECONDS = 0.1
#: Windows locks a byte range; the lock is placed far past the text so the holder stays readable.
_WINDOWS_LOCK_OFFSET = 0x7FFF0000

try:  # POSIX
    import fcntl
except ImportError:  # Windows, Pyodide
    fcntl = None  # type: ignore[assignment]
try:
    import msvcrt
except ImportError:
    msvcrt = None  # type: ignore[assignment]


class BookBusy(RoadmapError):
    """Another process is writing the same file (exit code 1)."""


def write_lock_file(path: PathLike) -> Path:
    """Our lock file beside ``path``: a fixed-length name that fits any file system."""
    p = Path(path)
    return p.with_name(f"{_OUR_PREFIX}{_digest(Path(p.name))}.lock")


def _try_lock(fd: int) -> Optional[bool]:
    """True: locked; False: another process holds it; None: the file system cannot lock."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        if msvcrt is not None:
            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        return None
    except (BlockingIOError, PermissionError):
        return False
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EDEADLK):
            return False
        return None  # ENOLCK, EOPNOTSUPP: a share without locks; we write without one


def _holder_text() -> str:
    """Who holds the lock, for the message the next writer gets: process, computer, command, time."""
    program = os.path.basename(sys.argv[0] if sys.argv else "")
    if program.lower() in ("roadmap-tools", "roadmap-tools.exe", "roadmap-tools-script.py", "__main__.py"):
        command = " ".join(["roadmap-tools"] + sys.argv[1:2])
    else:  # the Excel door (xlwings) or a Python program using the library
        command = "кнопка в Excel или программа на Python"
    return (
        f"pid={os.getpid()}\nhost={socket.gethostname()}\ncommand={command}\n"
        f"since={time.strftime('%d.%m.%Y %H:%M:%S')}\n"
    )


def _holder_words(text: str) -> str:
    """«roadmap-tools overdue (процесс 1234 на компьютере pc, с 30.11.2026 14:02:11)»."""
    fields = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    if not fields.get("pid"):
        return "другая команда roadmap-tools или кнопка в Excel"
    return (
        f"«{fields.get('command', 'roadmap-tools')}» (процесс {fields['pid']} на компьютере "
        f"{fields.get('host', '?')}, с {fields.get('since', '?')})"
    )


_held = threading.local()


def _held_locks() -> dict:
    if not hasattr(_held, "locks"):
        _held.locks = {}
    return _held.locks


def _acquire(lock: Path, target: Path, wait: float) -> Optional[int]:
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(str(lock), os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
        except OSError as exc:
            raise _os_error(exc, target) from exc
        got = _try_lock(fd)
        if got is None:
            os.close(fd)
            with contextlib.suppress(OSError):
                if os.path.getsize(lock) == 0:
                    os.unlink(lock)
            return None
        if got:
            try:  # a holder that has just let go unlinks its file: lock the one at the path now
                current = os.path.samestat(os.fstat(fd), os.stat(lock))
            except OSError:
                current = False
            if current:
                with contextlib.suppress(OSError):  # who holds it is a courtesy; a full disk may refuse it
                    os.lseek(fd, 0, os.SEEK_SET)
                    os.ftruncate(fd, 0)
                    os.write(fd, _holder_text().encode("utf-8"))
                return fd
            _release_fd(fd, None)
            continue
        try:
            holder = Path(lock).read_text(encoding="utf-8", errors="replace")
        except OSError:
            holder = ""
        os.close(fd)
        if time.monotonic() >= deadline:
            raise BookBusy(
                f"файл сейчас записывает {_holder_words(holder)}; подождали {wait:g} с, он всё ещё занят. "
                "Файл не изменён.",
                file=str(target),
                hint="Дождитесь, пока та команда закончит (или закройте её окно), и повторите.",
            )
        time.sleep(_POLL_SECONDS)


def _release_fd(fd: int, lock: Optional[Path]) -> None:
    if lock is not None and os.name == "posix":
        with contextlib.suppress(OSError):
            os.unlink(lock)  # while still held: the next writer makes a fresh file
    with contextlib.suppress(OSError):
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        elif msvcrt is not None:
            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    os.close(fd)
    if lock is not None and os.name != "posix":
        with contextlib.suppress(OSError):
            os.unlink(lock)  # fails, harmlessly, when the next writer already has it open


def _lock_target(path: PathLike) -> Path:
    """The file a lock is about: a symlink's target, so two names of one book share one lock."""
    return Path(os.path.abspath(_write_target(path)))


@contextlib.contextmanager
def write_lock(path: PathLike, wait: Optional[float] = None) -> Iterator[Path]:
    """Hold the right to write ``path``: other processes (and threads) that want it wait up to
    ``WRITE_WAIT_SECONDS``, then are refused with ``BookBusy`` naming who holds it.

    An exclusive OS lock (flock; msvcrt on Windows) on a small file beside ``path``, so a
    process killed while holding it lets go at once, and a lock file it leaves behind is
    simply taken over. Re-entrant within a thread: a command holds the book from reading
    to writing, and ``atomic_write`` inside takes the same lock again.
    """
    target = _lock_target(path)
    check_name(target)
    lock = write_lock_file(target)
    held = _held_locks()
    wait = WRITE_WAIT_SECONDS if wait is None else wait
    outermost = lock not in held
    if outermost:
        held[lock] = _Held()
    entry = held[lock]
    try:
        if not entry.tried and os.path.isdir(target.parent):
            # with no folder yet there is nothing to read or lose, and a refusal must not leave an
            # empty folder behind: the lock is taken when the write has made the folder
            entry.fd, entry.tried = _acquire(lock, target, wait), True
        yield target
    finally:
        if outermost:
            del held[lock]
            if entry.fd is not None:
                _release_fd(entry.fd, lock)


@dataclass
class _Held:
    """A lock this thread holds: the OS handle (None: not taken yet, or no locks on this disk)."""

    fd: Optional[int] = None
    tried: bool = False


@contextlib.contextmanager
def write_locks(paths: Iterable[Optional[PathLike]]) -> Iterator[None]:
    """``write_lock`` on several files at once, always in one order (no two commands deadlock)."""
    targets = sorted({_lock_target(p) for p in paths if p is not None}, key=str)
    with contextlib.ExitStack() as stack:
        for target in targets:
            stack.enter_context(write_lock(target))
        yield


# --- a command never writes over what it read, unless it said so -----------------------
_READS: contextvars.ContextVar = contextvars.ContextVar("roadmap_tools_reads", default=None)


def _identity(path: Path) -> tuple:
    """The file itself, whatever its name: a hard link or a symlink has the same identity; the
    time of its last change tells it from a later file that happens to get the same inode."""
    try:
        st = os.stat(path)
        return ("inode", st.st_dev, st.st_ino, st.st_mtime_ns)
    except (OSError, ValueError):
        return ("path", os.path.realpath(path))


@contextlib.contextmanager
def guarding_inputs() -> Iterator[None]:
    """Within this block (a command line run), every file read through ``check_readable`` is
    remembered, and ``atomic_write`` refuses to replace one of them, whatever name the write
    uses, unless the write lock of that file was taken before (``write_lock``: a command that
    updates its book declares it so). A derived output name that happens to be an input's
    («ИМЯ - форма мониторинга.xlsx») can then never replace it."""
    token = _READS.set(set())
    try:
        yield
    finally:
        _READS.reset(token)


def _remember_read(path: Path) -> None:
    reads = _READS.get()
    if reads is not None:
        reads.add(_identity(path))


def _refuse_overwriting_an_input(target: Path) -> None:
    reads = _READS.get()
    if not reads or write_lock_file(_lock_target(target)) in _held_locks() or not _exists(target):
        return
    if _identity(target) in reads:
        raise RoadmapError(
            "это входной файл команды, а сюда же пришлось бы записать результат; запись отменена, файл не изменён.",
            file=str(target),
            hint="Переименуйте входной файл или укажите для результата другое имя (-o).",
        )


# --- writing ------------------------------------------------------------------------
def ensure_not_open_elsewhere(path: PathLike) -> None:
    """Refuse to write a file that Excel, Word or LibreOffice has open, or that is read-only."""
    p = Path(path)
    if any(_exists(lock) for lock in _office_lock_files(p)):
        raise RoadmapError(
            "файл открыт в Excel, Word или LibreOffice (рядом лежит файл блокировки), запись невозможна; "
            "файл не изменён.",
            file=str(p),
            hint="Закройте файл в той программе и повторите команду.",
        )
    try:
        mode = p.stat().st_mode
    except OSError:
        return
    if not mode & stat.S_IWUSR:
        raise RoadmapError(
            "файл только для чтения, запись невозможна; файл не изменён.",
            file=str(p),
            hint="Снимите атрибут «Только чтение» (Свойства файла) или укажите другой файл.",
        )


#: The file system's refusals in words (``strerror`` is English).
_ERRNO_WORDS = {
    errno.ENOSPC: "на диске нет места",
    errno.EFBIG: "файл больше, чем позволяет диск или ограничение размера файлов",
    errno.ENAMETOOLONG: "слишком длинное имя файла или путь",
    errno.ELOOP: "в пути петля символических ссылок",
    errno.ENOTDIR: "часть пути — файл, а не папка",
    errno.EISDIR: "указана папка, а нужен файл",
    errno.EROFS: "диск только для чтения",
    errno.ENOENT: "папка не найдена",
    errno.EXDEV: "файл на другом диске",
    errno.EEXIST: "на месте папки — файл или ссылка в никуда",
    errno.EIO: "ошибка ввода-вывода (диск или сеть)",
}
if hasattr(errno, "EDQUOT"):
    _ERRNO_WORDS[errno.EDQUOT] = "превышена квота на диске"


def _os_error(exc: OSError, target: Path) -> RoadmapError:
    if isinstance(exc, PermissionError):
        return RoadmapError(
            "файл занят другой программой (возможно, открыт в Excel) или нет прав на запись; файл не изменён.",
            file=str(target),
            hint="Закройте файл и проверьте права на папку, затем повторите.",
        )
    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG):
        return RoadmapError(
            f"{_ERRNO_WORDS[code]}, запись невозможна; файл не изменён.",
            file=str(target),
            hint="Освободите место на диске и повторите.",
        )
    if code is None:
        words = type(exc).__name__
    else:
        words = _ERRNO_WORDS.get(code, f"ошибка файловой системы, код {code}" if code else type(exc).__name__)
    return RoadmapError(
        f"запись не удалась ({words}); файл не изменён.",
        file=str(target),
        hint="Проверьте папку, имя файла и права на запись и повторите.",
    )


def _io_failure(exc: BaseException) -> Optional[OSError]:
    """lxml reports a failed write as ``SerialisationError: IO_ENOSPC``: the OSError it means."""
    if isinstance(exc, OSError):
        return exc
    text = str(exc)
    if type(exc).__name__ == "SerialisationError" and text.startswith("IO_"):
        code = getattr(errno, text[3:].split()[0], None)
        return OSError(code, text)
    return None


def _fsync_directory(directory: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles for this."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(str(directory), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        fh.flush()
        os.fsync(fh.fileno())


def _permissions_like(target: Path, tmp: Path) -> None:
    """mkstemp makes a private file (0600): give it the target's mode, or the usual one for a new file."""
    try:
        if target.exists():
            mode = target.stat().st_mode & 0o7777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
    except OSError:
        pass


def _replace_keeping_backup(tmp: Path, target: Path, backup: bool) -> None:
    """Copy the current target to its .bak (itself atomically), then put ``tmp`` in place.

    Every step is durable before the next: a kill or a power cut at any moment leaves the
    target either as it was or complete and new (and the .bak either old or new).
    """
    _permissions_like(target, tmp)
    _fsync_file(tmp)
    if backup and target.exists():
        bak = backup_path(target)
        bak_tmp = _temporary_beside(target)
        try:
            shutil.copy2(target, bak_tmp)
            _fsync_file(bak_tmp)
            os.replace(bak_tmp, bak)
        finally:
            with contextlib.suppress(OSError):
                bak_tmp.unlink()
    _fsync_directory(target.parent)
    os.replace(tmp, target)
    _fsync_directory(target.parent)


def _temporary_beside(target: Path) -> Path:
    """A new empty file beside ``target`` with a short name (a long target name still fits)."""
    fd, tmp_name = tempfile.mkstemp(
        prefix=f"{_OUR_PREFIX}{_digest(Path(target.name))}.", suffix=".tmp", dir=str(target.parent)
    )
    os.close(fd)
    return Path(tmp_name)


def _remove_leftovers(target: Path) -> None:
    """Temporary files of ``target`` left by a writer that was killed (we hold its lock: none is live)."""
    prefix = f"{_OUR_PREFIX}{_digest(Path(target.name))}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _write_target(path: PathLike) -> Path:
    """Where a write lands: a symlink's existing target (the link stays a link), else the path
    (a dangling link or a loop is replaced by the file)."""
    p = Path(path)
    with contextlib.suppress(OSError, ValueError):
        real = Path(os.path.realpath(p))
        if p.is_symlink() and real.is_file():
            return real
    return p


def _prepare_target(path: PathLike) -> Path:
    target = check_name(_write_target(path))
    ensure_not_open_elsewhere(target)
    if _exists(target) and target.is_dir():
        raise RoadmapError("указана папка, а нужен файл.", file=str(target), hint="Укажите имя файла.")
    _make_folder(target)
    return target


def _make_folder(target: Path) -> None:
    """Create the folder of ``target``; a loop or a file in the way said as such, not as «exists»."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        try:
            os.stat(target.parent)
            reason = exc
        except OSError as why:  # ELOOP, ENOTDIR say more than mkdir's EEXIST
            reason = why
        raise _os_error(reason, target) from None


@contextlib.contextmanager
def _landing(path: PathLike, backup: bool) -> Iterator[Path]:
    """A temporary file beside ``path`` that replaces it when the block ends without error."""
    target = _prepare_target(path)
    _refuse_overwriting_an_input(target)
    with write_lock(target):
        _remove_leftovers(target)
        try:
            tmp = _temporary_beside(target)
        except OSError as exc:
            raise _os_error(exc, target) from exc
        try:
            yield tmp
            _check_written_kind(tmp, target)
            _replace_keeping_backup(tmp, target, backup)
        except RoadmapError:
            raise
        except Exception as exc:
            failure = _io_failure(exc)
            if failure is None:
                raise
            raise _os_error(failure, target) from exc
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()


def atomic_write(path: PathLike, write: Callable[[Path], object], *, backup: bool = True) -> Path:
    """Write ``path`` by calling ``write(tmp_path)``; replace the target only on success.

    The previous version of the file, if any, is kept as ``NAME.bak.EXT``. A failure
    while writing (or while replacing: a file held by Excel on Windows) leaves the
    original untouched and removes the temporary file. Another process writing the
    same file is waited for (``write_lock``); an Office file whose content does not fit
    the extension is never put in place.
    """
    with _landing(path, backup) as tmp:
        write(tmp)
    return Path(path)


@contextlib.contextmanager
def atomic_open(path: PathLike, mode: str = "w", encoding: str = "utf-8", backup: bool = True) -> Iterator:
    """``open`` for writing that lands atomically (text or bytes), with the same guarantees."""
    with _landing(path, backup) as tmp:
        fh: IO = open(tmp, mode) if "b" in mode else open(tmp, mode, encoding=encoding, newline="")
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())


@contextlib.contextmanager
def quiet_cleanup() -> Iterator[None]:
    """Keep the standard library's cleanup noise from the user.

    A write that fails half-way (disk full) leaves a ``ZipFile`` or an lxml writer that
    complains again when it is collected: «Exception ignored in: <function ZipFile.__del__>»
    and a traceback on stderr, after our own message. Inside this block such complaints
    are dropped (with ``ROADMAP_TOOLS_DEBUG`` set they are shown).
    """
    if os.environ.get("ROADMAP_TOOLS_DEBUG"):
        yield
        return
    previous = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        yield
    finally:
        gc.collect()
        sys.unraisablehook = previous


# --- reading ------------------------------------------------------------------------
#: The errors ``Path.exists`` takes for «no such file» (others are raised).
_MISSING_ERRNOS = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)
_MISSING_WINERRORS = (21, 123, 1921)


def stat_if_exists(path: PathLike) -> Optional[os.stat_result]:
    """``os.stat(path)``, None where ``Path.exists`` says False: one call answers ``exists``,
    ``is_dir``, ``is_file`` and the size alike."""
    try:
        return os.stat(path)
    except OSError as exc:
        if exc.errno not in _MISSING_ERRNOS and getattr(exc, "winerror", None) not in _MISSING_WINERRORS:
            raise
        return None
    except ValueError:  # a name Path.exists() takes for missing («\0» in it)
        return None


def _check_regular_file(p: Path) -> None:
    """``Path.exists``, ``is_dir`` and ``is_file`` of ``p``, with one ``stat`` for the three."""
    st = stat_if_exists(p)
    if st is None:
        raise RoadmapError("файл не найден.", file=str(p), hint="Проверьте путь и имя файла.")
    if stat.S_ISDIR(st.st_mode):
        raise RoadmapError("указана папка, а нужен файл.", file=str(p))
    if not stat.S_ISREG(st.st_mode):  # a named pipe or a device would block or never end
        raise RoadmapError(
            "это не обычный файл (канал, устройство или сокет).", file=str(p), hint="Укажите файл Excel или Word."
        )


def _unreadable(p: Path, exc: OSError) -> RoadmapError:
    if isinstance(exc, PermissionError):
        return RoadmapError(
            "нет прав на чтение файла или он занят другой программой.",
            file=str(p),
            hint="Закройте файл в Excel и проверьте права доступа.",
        )
    return RoadmapError(
        f"файл не читается ({exc.strerror or type(exc).__name__}).",
        file=str(p),
        hint="Проверьте, что файл доступен, и повторите.",
    )


def check_readable(path: PathLike) -> Path:
    p = Path(path)
    _check_regular_file(p)
    _remember_read(p)
    try:
        with open(p, "rb") as fh:
            fh.read(1)
    except OSError as exc:
        raise _unreadable(p, exc) from exc
    return p


def _open_readable(path: PathLike) -> Tuple[Path, IO[bytes], bytes]:
    """``check_readable``, keeping the file open: (path, the open file, its first 8 bytes)."""
    p = Path(path)
    _check_regular_file(p)
    _remember_read(p)
    try:
        fh = open(p, "rb")
    except OSError as exc:
        raise _unreadable(p, exc) from exc
    try:
        return p, fh, fh.read(8)
    except OSError as exc:
        fh.close()
        raise _unreadable(p, exc) from exc


def _expected_what(path: Path, what: Optional[str]) -> str:
    if what:
        return what
    return WHAT_WORD if path.suffix.lower() in _WORD_FORMATS else WHAT_EXCEL


def _resave_hint(what: str) -> str:
    program = "Word" if "Word" in what else "программе просмотра PDF" if "PDF" in what else "Excel"
    return f"Откройте его в {program} и сохраните заново ({what}), затем повторите."


def _attack(p: Path, part: str) -> RoadmapError:
    return RoadmapError(
        f"файл содержит недопустимую XML-конструкцию (объявление DTD или сущности в части «{part}»; "
        "возможна атака); чтение прервано.",
        file=str(p),
        hint="Не открывайте файл; попросите отправителя прислать его заново, сохранив в Excel или Word.",
    )


def _bomb(p: Path, detail: str) -> RoadmapError:
    return RoadmapError(
        f"{detail}; чтение прервано (возможна «zip-бомба»).",
        file=str(p),
        hint="Попросите отправителя прислать файл заново.",
    )


#: The one message for a file locked with a password, whichever reader meets it first.
PASSWORD_PROTECTED = "файл защищён паролем (зашифрован), его нельзя прочитать."
PASSWORD_HINT = (
    "Откройте его, снимите пароль (Файл → Сведения → Защита) и сохраните заново "
    "(или попросите прислать файл без пароля)."
)


def password_protected(path: PathLike) -> RoadmapError:
    return RoadmapError(PASSWORD_PROTECTED, file=str(path), hint=PASSWORD_HINT)


def ole_refusal(path: PathLike, what: str) -> RoadmapError:
    """Why an OLE file under an Office name cannot be read: a password (Office keeps an
    encrypted .xlsx/.docx in an OLE container) or the old 97-2003 format renamed."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            encrypted = ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage")
    except Exception:  # olefile's refusals of a broken container: say what is most likely
        encrypted = True
    if encrypted:
        return password_protected(path)
    return RoadmapError(
        "файл сохранён в старом формате Office 97-2003 (.doc/.xls) под новым расширением.",
        file=str(path),
        hint=f"Откройте его и сохраните заново как {what}.",
    )


def check_archive(path: PathLike, what: Optional[str] = None) -> Path:
    """Refuse what must not reach a reader: not an archive, encrypted, a zip bomb,
    XML with a DTD or entities, a sheet or document too large to hold in memory.

    ``what`` names the expected kind in messages (by default from the extension).
    Nothing is unpacked to disk: every member is decompressed (a small one at once, up to
    its declared size and no further; a large one as a stream) and measured, so sizes
    forged in the archive's directory are caught too.
    """
    return check_archive_parts(path, what).path


@dataclass
class CheckedArchive:
    """A file ``check_archive`` admitted, and the members it was asked to keep, decompressed
    (a reader of them need not decompress them again)."""

    path: Path
    parts: dict  # member name -> its bytes, as measured and scanned
    names: frozenset = frozenset()  # every member's name
    members: int = 0  # how many members the archive's directory lists (a name may come twice)


def check_archive_parts(
    path: PathLike, what: Optional[str] = None, keep: Callable[[str], bool] = lambda name: False
) -> CheckedArchive:
    """``check_archive``, keeping the small members whose names ``keep`` accepts: the bytes the
    check has measured and scanned for DTDs are the bytes handed on."""
    p, fh, head = _open_readable(path)
    what = _expected_what(p, what)
    with fh:
        if not head:
            raise RoadmapError(
                "файл пуст (0 байт).",
                file=str(p),
                hint="Возможно, он не докачался или не сохранился: получите или сохраните его заново.",
            )
        if head.startswith(_OLE_SIGNATURE):
            raise ole_refusal(p, what)
        if not head.startswith(b"PK"):
            raise RoadmapError(
                f"файл не является документом Office, а ожидается {what}.",
                file=str(p),
                hint="Возможно, файл повреждён или имеет неверное расширение.",
            )
        kept: dict = {}
        try:
            fh.seek(0)
            # a file of a few MB is read at once: its members are then found without a read each
            whole = fh.read() if os.fstat(fh.fileno()).st_size <= _WHOLE_FILE_BYTES else None
            archive = io.BytesIO(whole) if whole is not None else fh
            with zipfile.ZipFile(archive) as zf:
                infos = zf.infolist()
                _check_directory(p, infos)
                # hostile content is named first, whatever the file turns out to be
                scanned = _scan_members(p, infos, archive, lambda name: name in _BOOK_PARTS or keep(name), kept, whole)
                _check_kind(p, zf, what)
                sheet_names = _sheet_names(zf, kept)
                _check_sheets_present(p, zf, sheet_names, what)
            for part, scanner in scanned:
                _check_part_size(p, part, scanner, sheet_names)
        except RoadmapError:
            raise
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            OSError,
            ValueError,
            EOFError,
            struct.error,
            zlib.error,
            NotImplementedError,
            KeyError,
        ) as exc:
            raise RoadmapError(
                "файл повреждён: архив Office не читается.", file=str(p), hint=_resave_hint(what)
            ) from exc
    return CheckedArchive(
        p, {name: data for name, data in kept.items() if keep(name)}, frozenset(i.filename for i in infos), len(infos)
    )


def _check_directory(p: Path, infos: list) -> None:
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        raise RoadmapError(f"в файле слишком много частей ({len(infos)}), чтение прервано.", file=str(p))
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise _bomb(
            p,
            f"файл распаковывается в {total // (1024 * 1024)} МБ, это больше допустимых "
            f"{MAX_UNPACKED_BYTES // (1024 * 1024)} МБ",
        )
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            raise _bomb(
                p,
                f"часть «{info.filename}» распаковывается в {info.file_size // (1024 * 1024)} МБ, "
                f"это больше допустимых {MAX_PART_BYTES // (1024 * 1024)} МБ",
            )
        if (
            info.file_size > RATIO_CHECK_MIN_BYTES
            and info.compress_size
            and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO
        ):
            raise _bomb(p, f"часть «{info.filename}» сжата подозрительно сильно")
        if info.flag_bits & 0x1:
            raise password_protected(p)


def _check_kind(p: Path, zf: zipfile.ZipFile, what: str) -> None:
    """A Word document renamed .xlsx (or the other way round) gets a message that says so."""
    names = set(zf.namelist())
    is_word, is_excel = "word/document.xml" in names, "xl/workbook.xml" in names
    if not any(name.startswith(("xl/", "word/")) for name in names):
        raise RoadmapError(
            f"это zip-архив, но не документ Office: в нём нет частей книги или документа, а ожидается {what}.",
            file=str(p),
            hint="Проверьте, тот ли файл выбран.",
        )
    if "Excel" in what and is_word and not is_excel:
        raise RoadmapError(
            "это документ Word, а ожидается книга Excel.",
            file=str(p),
            hint="Проверьте расширение файла: документ Word должен называться .docx.",
        )
    if "Word" in what and is_excel and not is_word:
        raise RoadmapError(
            "это книга Excel, а ожидается документ Word.",
            file=str(p),
            hint="Проверьте расширение файла: книга Excel должна называться .xlsx.",
        )


def _check_sheets_present(p: Path, zf: zipfile.ZipFile, sheet_names: dict, what: str) -> None:
    names = set(zf.namelist())
    for part, sheet in sheet_names.items():
        if part not in names:
            raise RoadmapError(
                "файл повреждён: лист указан в книге, но его данных в файле нет.",
                file=str(p),
                sheet=sheet,
                hint=_resave_hint(what),
            )


#: The parts that name the sheets: kept by the check, which reads the sheet names from them.
_BOOK_PARTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")


def _sheet_names(zf: zipfile.ZipFile, scanned: Optional[dict] = None) -> dict:
    """Worksheet part -> sheet name, so a message can name the sheet; {} when unknown.

    ``scanned``: parts the check has just decompressed and found free of DTDs and entities;
    those bytes are parsed as they are (without a DTD nothing can expand), others through
    defusedxml."""
    if scanned is not None and _BOOK_PARTS[0] not in zf.namelist():
        return {}  # not a workbook (a Word document): nothing to name
    try:
        if scanned is not None and all(name in scanned for name in _BOOK_PARTS):
            if any(len(scanned[name]) > _SMALL_PART_BYTES for name in _BOOK_PARTS):
                return {}
            return dict(_sheet_names_of(scanned[_BOOK_PARTS[0]], scanned[_BOOK_PARTS[1]]))
        else:
            from defusedxml import ElementTree

            workbook = ElementTree.fromstring(_small_part(zf, _BOOK_PARTS[0]))
            rels = ElementTree.fromstring(_small_part(zf, _BOOK_PARTS[1]))
    except Exception:  # broken or hostile parts are reported by the scan or the reader
        return {}
    return _names_by_part(workbook, rels)


# Workbooks filled in from one template have the same workbook parts: parsed once.
@functools.lru_cache(maxsize=256)
def _sheet_names_of(workbook_xml: bytes, rels_xml: bytes) -> dict:
    from xml.etree import ElementTree as PlainTree

    return _names_by_part(PlainTree.fromstring(workbook_xml), PlainTree.fromstring(rels_xml))


def _names_by_part(workbook, rels) -> dict:
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[rel.get("Id")] = os.path.normpath(target).replace(os.sep, "/")
    names = {}
    for element in workbook.iter():
        if element.tag.endswith("}sheet") or element.tag == "sheet":
            rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
            if rid in targets:
                names[targets[rid]] = element.get("name", "")
    return names


_SMALL_PART_BYTES = 10 * 1024 * 1024


def _small_part(zf: zipfile.ZipFile, name: str) -> bytes:
    info = zf.getinfo(name)
    if info.file_size > _SMALL_PART_BYTES:
        raise ValueError("part too large")
    data = zf.read(name)
    if re.search(rb"<!(?:DOCTYPE|ENTITY)", data):
        raise ValueError("DTD")
    return data


class _PartScanner:
    """Looks at a part's XML as it streams by: DTDs, entities, rows and cells."""

    _DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
    _SHEET_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^<>]*)")
    _WORD_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?tc(?=[\s/>])")
    #: ``_SHEET_TAG`` with the place when it is the tag's first attribute
    _SHEET_TAG_PLACE = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])(?:\s+r="([A-Za-z]{0,3})(\d+)")?([^<>]*)')
    _ROW_REF = re.compile(rb'\sr="(\d+)"')
    _CELL_REF = re.compile(rb'\sr="([A-Za-z]{1,3})(\d+)"')
    # the plain forms of ``_SHEET_TAG`` the fast count understands, and the tags that send
    # a piece to the count tag by tag (a prefix, a line break inside a tag, no place given)
    _PLAIN_CELL = re.compile(rb'<c r="([A-Za-z]{1,3})(\d+)"')
    _PLAIN_ROW = re.compile(rb'<row r="\d+"')
    _OTHER_C_TAG = re.compile(rb"<c[A-Za-z]")
    _OTHER_ROW_TAG = re.compile(rb"<row[A-Za-z]")
    _PREFIXED = re.compile(rb":(?:c|row)[\s/>]")
    _ROW_BEFORE_CELL = re.compile(rb'<row r="(\d+)"[^<>]*(?<!/)>\s*<c[\s/>]')
    _SEARCH_FROM = 256 * 1024

    def __init__(self, name: str, size: Optional[int] = None):
        lower = name.lower()
        self.xml = lower.endswith(_XML_SUFFIXES)
        self.sheet = lower.startswith("xl/worksheets/") and lower.endswith(".xml")
        # a table cell's tag takes 4 bytes at least («<tc>»): a Word part of ``size`` bytes (the
        # scan refuses one that unpacks larger) cannot hold more cells than allowed when
        # ``size // 4`` is within the limit, and its cells need no counting
        self.word_body = (
            lower.startswith("word/") and lower.endswith(".xml") and (size is None or size // 4 > MAX_DOCUMENT_CELLS)
        )
        self.tail = b""
        self.dtd = False
        self.row = self.col = 0
        self.cells = self.max_row = self.max_col = 0

    def feed(self, data: bytes, final: bool = False) -> None:
        if not self.xml:
            return
        buf = self.tail + data
        cut = len(buf) if final else buf.rfind(b"<")
        if cut < 0:
            cut = len(buf)
        body, self.tail = buf[:cut], buf[cut:]
        if len(self.tail) > 65536:  # a huge text node: keep only enough to join a tag
            body, self.tail = buf[:-16], buf[-16:]
        if self._DTD.search(body):
            self.dtd = True
        if self.sheet:
            self._count_sheet(body)
        elif self.word_body:
            self.cells += self._count_word_cells(body)

    _TC_NAME = re.compile(rb"tc(?=[\s/>])")
    _TAG_OPENING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?")

    def _count_word_cells(self, body: bytes) -> int:
        """``len(_WORD_CELL.findall(body))``, found from the rare «tc» rather than from every «<»
        (a table cell's tag opens at the last «<» before its name: a tag name holds no «<»)."""
        count = 0
        for match in self._TC_NAME.finditer(body):
            start = body.rfind(b"<", 0, match.start())
            if start >= 0 and self._TAG_OPENING.fullmatch(body, start, match.start()):
                count += 1
        return count

    def _count_sheet(self, body: bytes) -> None:
        """Rows, columns and cells of a piece of a sheet: counted by searches over the whole
        piece when every row and cell is written as Excel, LibreOffice and openpyxl write
        them (no prefix, its place first: ``<c r="B7"``), else tag by tag, following the
        places Excel would assume for tags that do not name theirs. A small piece (a
        monitoring form) is counted tag by tag: a few searches cost more than its tags."""
        if len(body) < self._SEARCH_FROM:
            self._count_tags(body)
            return
        refs = self._PLAIN_CELL.findall(body)
        rows = self._PLAIN_ROW.findall(body)
        last_row = body.rfind(b"<row ")
        # every «<c» is a plain cell or another tag («<col», «<cfRule»), every «<row» a plain
        # row or another tag («<rowBreaks»), and no tag has a prefix
        if (
            body.count(b"<c") != len(refs) + len(self._OTHER_C_TAG.findall(body))
            or body.count(b"<row") != len(rows) + len(self._OTHER_ROW_TAG.findall(body))
            or last_row < 0
            or self._PREFIXED.search(body)
        ):
            self._count_tags(body)
            return
        if refs:
            self.cells += len(refs)
            self.max_col = max(self.max_col, max(_column_number(c) for c in {c for c, _ in refs}))
            self.max_row = max(self.max_row, max(int(r) for r in {r for _, r in refs}))
        filled_rows = self._ROW_BEFORE_CELL.findall(body)
        if filled_rows:
            self.max_row = max(self.max_row, max(int(r) for r in set(filled_rows)))
        # where the piece leaves off, for a following tag that does not name its place
        counted = self.cells, self.max_row, self.max_col
        self._count_tags(body[last_row:])
        self.cells, self.max_row, self.max_col = counted

    def _count_tags(self, body: bytes) -> None:
        row, col, cells, max_row, max_col = self.row, self.col, self.cells, self.max_row, self.max_col
        row_ref, cell_ref = self._ROW_REF.search, self._CELL_REF.search
        # a place written first (``<c r="B7"``, ``<row r="7"``) comes with the tag; else, or when
        # it is not a place of that tag, the tag's attributes are searched as ``_SHEET_TAG`` does
        for name, letters, digits, attrs in self._SHEET_TAG_PLACE.findall(body):
            if name == b"row":
                if digits and not letters:
                    row = int(digits)
                else:
                    ref = row_ref(attrs)
                    row = int(ref.group(1)) if ref else row + 1
                col = 0
                continue
            ref = None if letters else cell_ref(attrs)
            if ref:
                letters, digits = ref.groups()
            if letters:
                col = _COLUMNS.get(letters) or _column_number(letters)
                number = int(digits)
                if number > row:
                    row = number
            else:
                col += 1
            cells += 1
            if col > max_col:
                max_col = col
            if row > max_row:
                max_row = row
        self.row, self.col, self.cells, self.max_row, self.max_col = row, col, cells, max_row, max_col


#: Column letters of the first columns, looked up rather than computed for every cell.
_COLUMNS = {
    bytes(letters, "ascii"): index
    for index, letters in enumerate(
        [chr(65 + i) for i in range(26)] + [chr(65 + i) + chr(65 + j) for i in range(26) for j in range(26)], start=1
    )
}


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


def _member_stream(fh, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member's bytes, decompressed in chunks straight from the archive (no size trusted)."""
    fh.seek(info.header_offset)
    header = fh.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local header")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    fh.seek(info.header_offset + 30 + name_length + extra_length)
    left = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        while left > 0:
            chunk = fh.read(min(_CHUNK, left))
            if not chunk:
                raise zipfile.BadZipFile("truncated")
            left -= len(chunk)
            yield chunk
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise NotImplementedError("compression")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    pending = b""
    while True:
        if not pending:
            if left <= 0:
                break
            pending = fh.read(min(64 * 1024, left))
            if not pending:
                raise zipfile.BadZipFile("truncated")
            left -= len(pending)
        chunk = inflater.decompress(pending, _CHUNK)
        pending = inflater.unconsumed_tail
        if chunk:
            yield chunk
        if inflater.eof:
            break
    rest = inflater.flush()
    if rest:
        yield rest


#: Files up to this size are read into memory at once by the archive check.
_WHOLE_FILE_BYTES = 16 * 1024 * 1024
#: Members up to this size are decompressed at once (bounded by their declared size), larger ones as a stream.
_WHOLE_MEMBER_BYTES = 4 * 1024 * 1024


def _whole_member(fh, info: zipfile.ZipInfo, whole: Optional[bytes] = None) -> Optional[bytes]:
    """A small member's bytes, decompressed at once and never beyond its declared size; None
    when anything is not as declared (the streaming scan then finds what and says it).
    ``whole``: the file's bytes, when it was read at once (sliced rather than read)."""
    if info.file_size > _WHOLE_MEMBER_BYTES or info.compress_size > _WHOLE_MEMBER_BYTES:
        return None
    offset = info.header_offset
    if offset < 0:
        return None
    if whole is not None:
        header = whole[offset : offset + 30]
    else:
        fh.seek(offset)
        header = fh.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        return None
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start = offset + 30 + name_length + extra_length
    if whole is not None:
        raw = whole[start : start + info.compress_size]
    else:
        fh.seek(start)
        raw = fh.read(info.compress_size)
    if len(raw) != info.compress_size:
        return None
    if info.compress_type == zipfile.ZIP_STORED:
        data = raw
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            data = inflater.decompress(raw, info.file_size + 1)
        except zlib.error:
            return None
        if not inflater.eof:
            return None
    else:
        return None
    if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
        return None
    return data


def _scan_members(
    p: Path,
    infos: list,
    fh=None,
    keep: Callable[[str], bool] = lambda name: False,
    kept=None,
    whole: Optional[bytes] = None,
) -> list:
    """(part, scanner) for every member, after refusing bombs, forged sizes and DTDs.

    ``keep``: names of members whose bytes go into ``kept`` (small members only)."""
    if fh is None:
        with open(p, "rb") as own:
            return _scan_members(p, infos, own, keep, kept)
    total = 0
    scanned = []
    for info in infos:
        if info.is_dir():
            continue
        scanner = _PartScanner(info.filename, info.file_size)
        data = _whole_member(fh, info, whole)
        if data is not None and len(data) <= MAX_PART_BYTES and total + len(data) <= MAX_UNPACKED_BYTES:
            total += len(data)
            scanner.feed(data, final=True)
            if scanner.dtd:
                raise _attack(p, info.filename)
            if kept is not None and keep(info.filename):
                kept[info.filename] = data
            scanned.append((info.filename, scanner))
            continue
        size, crc = 0, 0
        for chunk in _member_stream(fh, info):
            size += len(chunk)
            total += len(chunk)
            if size > info.file_size or size > MAX_PART_BYTES or total > MAX_UNPACKED_BYTES:
                raise _bomb(
                    p,
                    f"часть «{info.filename}» распаковывается больше заявленного размера "
                    f"или допустимых {MAX_PART_BYTES // (1024 * 1024)} МБ",
                )
            crc = zlib.crc32(chunk, crc)
            scanner.feed(chunk)
            if scanner.dtd:
                raise _attack(p, info.filename)
        scanner.feed(b"", final=True)
        if scanner.dtd:
            raise _attack(p, info.filename)
        if size != info.file_size or crc != info.CRC:
            raise zipfile.BadZipFile(f"size or CRC of {info.filename}")
        scanned.append((info.filename, scanner))
    return scanned


def _check_part_size(p: Path, part: str, scanner: _PartScanner, sheet_names: dict) -> None:
    if scanner.sheet:
        sheet = sheet_names.get(part) or part
        rows, cols = scanner.max_row, scanner.max_col
        if rows > MAX_SHEET_ROWS or scanner.cells > MAX_SHEET_CELLS or rows * cols > MAX_SHEET_AREA:
            raise RoadmapError(
                f"лист слишком большой ({rows} строк × {cols} столбцов, заполненных ячеек: {scanner.cells}); "
                f"допустимо до {MAX_SHEET_ROWS} строк и {MAX_SHEET_CELLS} ячеек, чтение прервано.",
                file=str(p),
                sheet=sheet,
                hint="Удалите лишние строки и столбцы (или скопируйте дорожную карту в новую книгу) и повторите.",
            )
    elif scanner.word_body and scanner.cells > MAX_DOCUMENT_CELLS:
        raise RoadmapError(
            f"в документе слишком много ячеек таблиц ({scanner.cells}, допустимо до {MAX_DOCUMENT_CELLS}); "
            "чтение прервано.",
            file=str(p),
            hint="Оставьте в документе только таблицу дорожной карты.",
        )


class reading:  # noqa: N801  (used as ``with reading(path):``, like the function it replaced)
    """Run a reader; whatever it throws on a broken file becomes one ``RoadmapError``.

    The single place where low-level failures (zip, XML, openpyxl, python-docx,
    calamine, decoding, memory, the file system) are put into words for the user.
    (A class, not a generator: entered for every sheet of every report, it costs nothing
    until something fails.)
    """

    __slots__ = ("path", "what", "sheet")

    def __init__(self, path: PathLike, what: Optional[str] = None, sheet: Optional[str] = None):
        self.path, self.what, self.sheet = path, what, sheet

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, traceback) -> None:
        if exc is None or isinstance(exc, RoadmapError) or not isinstance(exc, Exception):
            return
        p = Path(self.path)
        what = _expected_what(p, self.what)
        if isinstance(exc, MemoryError):
            raise RoadmapError(
                "файл слишком велик: не хватило памяти, чтобы его прочитать.",
                file=str(p),
                sheet=self.sheet,
                hint="Удалите из файла лишние листы, строки и картинки и повторите.",
            ) from None
        raise RoadmapError(
            describe_read_error(exc, what), file=str(p), sheet=self.sheet, hint=_resave_hint(what)
        ) from exc


def describe_read_error(exc: BaseException, what: str = WHAT_EXCEL) -> str:
    """What a reader's exception means, in Russian (without the file: the caller names it)."""
    if any(_is_entity_refusal(e) for e in _chain(exc)):
        return "файл содержит недопустимую XML-конструкцию (возможна атака); чтение прервано."
    name = type(exc).__name__
    text = str(exc)
    if name in ("PasswordError",):
        return "файл защищён паролем, его нельзя прочитать."
    if isinstance(exc, (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error)) or name == "ZipError":
        return "файл повреждён: архив Office не читается."
    if isinstance(exc, KeyError):
        part = text.strip("'\"")
        return (
            f"файл повреждён: в нём нет обязательной части ({part[:120]}), это не {what} или файл сохранён с ошибкой."
        )
    if name in ("XMLSyntaxError", "ParseError", "ExpatError", "XmlError", "SAXParseException"):
        return f"файл повреждён: XML внутри файла не читается ({text[:150]})."
    if isinstance(exc, UnicodeError):
        return "в файле текст в неизвестной кодировке, файл повреждён."
    if isinstance(exc, PermissionError):
        return "нет прав на чтение файла или он занят другой программой."
    if isinstance(exc, OSError):
        return f"файл не читается ({exc.strerror or text[:150] or name})."
    if name == "InvalidFileException" or "content type" in text.lower() or "not a " in text.lower():
        return f"это не {what} (содержимое файла не совпадает с форматом: {text[:150]})."
    return f"файл повреждён или содержит то, чего не бывает в файле такого типа ({name}: {text[:150]})."


def _chain(exc: BaseException) -> list:
    """The exception and those it was raised from (openpyxl wraps defusedxml's in a ValueError)."""
    found: List[BaseException] = []
    current: Optional[BaseException] = exc
    while current is not None and current not in found and len(found) < 10:
        found.append(current)
        current = current.__cause__ or current.__context__
    return found


def _is_entity_refusal(exc: BaseException) -> bool:
    """defusedxml's EntitiesForbidden/DTDForbidden, libxml2's amplification limit, an unknown entity."""
    name, text = type(exc).__name__, str(exc)
    if (type(exc).__module__ or "").startswith("defusedxml") or "amplification" in text:
        return True
    return "entity" in text.lower() and ("Entity" in name or "XMLSyntax" in name or name in ("XmlError", "ParseError"))


def workbook_sheet_names(path: PathLike) -> list:
    """The sheet names of an .xlsx/.xlsm from its workbook part alone; [] if it is not one."""
    try:
        with zipfile.ZipFile(path) as zf:
            return list(_sheet_names(zf).values())
    except (OSError, zipfile.BadZipFile, ValueError):
        return []


def load_workbook(path: PathLike, **options):
    """openpyxl's ``load_workbook`` behind ``check_archive`` and ``reading``: the one door."""
    return load_checked_workbook(check_archive(path, WHAT_EXCEL), **options)


def load_checked_workbook(target: Path, **options):
    """openpyxl's ``load_workbook`` behind ``reading``, for a file ``check_archive`` has just
    admitted (its return value): a job that reads a file twice checks it once. The loading is
    ``workbook.load``'s: openpyxl's, faster."""
    from roadmap_tools.workbook import load

    with reading(target, WHAT_EXCEL):
        return load.load_checked_workbook(target, **options)


def open_docx(path: PathLike, checked: bool = False):
    """python-docx's ``Document`` behind ``check_archive`` and ``reading`` (``checked``: ``path`` is
    what ``check_archive`` has just admitted, not checked again)."""
    import docx

    target = Path(path) if checked else check_archive(path, WHAT_WORD)
    with reading(target, WHAT_WORD):
        return docx.Document(str(target))
