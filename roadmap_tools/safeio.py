"""Reading and writing users' files without ever losing them.

Every file we write goes through ``atomic_write``: it is written to a temporary file
beside the target, flushed, and only then put in place; the previous version is kept
as ``NAME.bak.EXT``. Every archive we read (.xlsx, .xlsm, .docx) is first checked by
``check_archive`` against zip bombs and files that are not archives at all.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Callable, Iterator, Union

from roadmap_tools.errors import RoadmapError

PathLike = Union[str, os.PathLike]

#: Limits for archives we are asked to read. A real roadmap workbook is a few MB.
MAX_ARCHIVE_MEMBERS = 10_000
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
#: Ratio is only suspicious on members large enough to matter.
RATIO_CHECK_MIN_BYTES = 10 * 1024 * 1024


def backup_path(path: PathLike) -> Path:
    p = Path(path)
    return p.with_name(f"{p.stem}.bak{p.suffix}")


def excel_lock_file(path: PathLike) -> Path:
    """The owner file Excel and LibreOffice leave beside a workbook they have open."""
    p = Path(path)
    return p.with_name("~$" + p.name)


def ensure_not_open_elsewhere(path: PathLike) -> None:
    p = Path(path)
    lo_lock = p.with_name(f".~lock.{p.name}#")
    if excel_lock_file(p).exists() or lo_lock.exists():
        raise RoadmapError(
            "файл открыт в Excel или другой программе, запись невозможна.",
            file=str(p), hint="Закройте файл и повторите команду.")


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


def atomic_write(path: PathLike, write: Callable[[Path], None], *, backup: bool = True) -> Path:
    """Write ``path`` by calling ``write(tmp_path)``; replace the target only on success.

    The previous version of the file, if any, is kept as ``NAME.bak.EXT``. A failure
    while writing leaves the original untouched and removes the temporary file.
    """
    target = Path(path)
    if target.parent and not target.parent.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
    ensure_not_open_elsewhere(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix + ".tmp",
                                    dir=str(target.parent))
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        _permissions_like(target, tmp)
        if backup and target.exists():
            shutil.copy2(target, backup_path(target))
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise RoadmapError(
                "файл занят другой программой (возможно, открыт в Excel), запись невозможна.",
                file=str(target), hint="Закройте файл и повторите команду.") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return target


@contextlib.contextmanager
def atomic_open(path: PathLike, mode: str = "w", encoding: str = "utf-8", backup: bool = True) -> Iterator:
    """``open`` for writing that lands atomically (text or bytes)."""
    holder = {}

    def write(tmp: Path) -> None:
        holder["tmp"] = tmp

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    ensure_not_open_elsewhere(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=str(target.parent))
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        kwargs = {} if "b" in mode else {"encoding": encoding, "newline": ""}
        with open(tmp, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _permissions_like(target, tmp)
        if backup and target.exists():
            shutil.copy2(target, backup_path(target))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def check_readable(path: PathLike) -> Path:
    p = Path(path)
    if not p.exists():
        raise RoadmapError("файл не найден.", file=str(p), hint="Проверьте путь и имя файла.")
    if p.is_dir():
        raise RoadmapError("указана папка, а нужен файл.", file=str(p))
    try:
        with open(p, "rb") as fh:
            fh.read(1)
    except PermissionError as exc:
        raise RoadmapError("нет прав на чтение файла или он занят другой программой.", file=str(p),
                           hint="Закройте файл в Excel и проверьте права доступа.") from exc
    return p


def check_archive(path: PathLike, what: str = "книга Excel (.xlsx)") -> Path:
    """Refuse files that are not zip archives, are encrypted, or would unpack to too much."""
    p = check_readable(path)
    with open(p, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise RoadmapError(
            "файл защищён паролем или сохранён в старом формате (.doc/.xls).", file=str(p),
            hint=f"Снимите пароль или пересохраните файл как {what} и повторите.")
    if not head.startswith(b"PK"):
        raise RoadmapError(f"файл не является документом Office, а ожидается {what}.", file=str(p),
                           hint="Возможно, файл повреждён или имеет неверное расширение.")
    try:
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise RoadmapError("файл повреждён: архив Office не читается.", file=str(p),
                           hint="Откройте его в Excel или Word и сохраните заново.") from exc
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        raise RoadmapError(f"в файле слишком много частей ({len(infos)}), чтение прервано.", file=str(p))
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise RoadmapError(
            f"файл распаковывается в {total // (1024 * 1024)} МБ, это больше допустимых "
            f"{MAX_UNPACKED_BYTES // (1024 * 1024)} МБ; чтение прервано (возможна «zip-бомба»).", file=str(p))
    for info in infos:
        if info.file_size > RATIO_CHECK_MIN_BYTES and info.compress_size and \
                info.file_size / info.compress_size > MAX_COMPRESSION_RATIO:
            raise RoadmapError(
                f"часть «{info.filename}» сжата подозрительно сильно (возможна «zip-бомба»); чтение прервано.",
                file=str(p))
    return p
