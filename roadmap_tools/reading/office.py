"""LibreOffice headless: find it and convert a file with it (to PDF for page counts, to .docx for import).

Every conversion runs on a copy in a temporary folder, with a user profile of its
own and a time limit, so the original is never touched and a running LibreOffice
of the user does not interfere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

from roadmap_tools.errors import RoadmapError

#: Where LibreOffice lives when it is not on PATH (Windows, macOS).
SOFFICE_CANDIDATES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
CONVERT_TIMEOUT_SECONDS = 180
RESAVE_AS_DOCX = (
    "Откройте файл в Word (или LibreOffice Writer), выберите «Файл → Сохранить как → "
    "Документ Word (*.docx)» и импортируйте сохранённый .docx."
)
#: What each target is called in the messages.
_TARGET_NAMES = {"pdf": "PDF", "docx": "документ Word (.docx)"}


def find_soffice() -> Optional[str]:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((c for c in SOFFICE_CANDIDATES if os.path.exists(c)), None)


def convert(source: Path, outdir: Path, target: str, soffice: Optional[str] = None) -> Path:
    """Convert ``source`` to ``target`` ("pdf", "docx") in ``outdir``; returns the new file.

    The source is copied into a temporary folder first: LibreOffice then works on the
    copy (its lock files, its autosave), never beside the user's original.
    """
    source = Path(source)
    name = _TARGET_NAMES.get(target, target)
    soffice = soffice or find_soffice()
    if not soffice:
        raise RoadmapError(
            f"LibreOffice не найден, преобразование в {name} невозможно.",
            file=str(source),
            hint="Установите LibreOffice или откройте файл в Word и сохраните в нужном формате.",
        )
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="roadmap-lo-"))
    try:
        copy = work / ("input" + source.suffix.lower())
        shutil.copyfile(source, copy)
        profile = work / "profile"
        try:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile.as_uri()}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    target,
                    "--outdir",
                    str(work / "out"),
                    str(copy),
                ],
                capture_output=True,
                text=True,
                timeout=CONVERT_TIMEOUT_SECONDS,
            )
        except subprocess.TimeoutExpired as exc:
            raise RoadmapError(
                f"LibreOffice не преобразовал файл в {name} за {CONVERT_TIMEOUT_SECONDS} с.",
                file=str(source),
                hint="Откройте файл в Word и сохраните его в нужном формате.",
            ) from exc
        except OSError as exc:
            raise RoadmapError(f"LibreOffice не запустился: {exc}.", file=str(source)) from exc
        made = work / "out" / f"input.{target}"
        if not made.exists():  # LibreOffice's own output is English and technical: not for the user
            raise RoadmapError(
                f"LibreOffice не смог открыть файл и преобразовать его в {name}: файл повреждён "
                "или его формат не тот, что указан в расширении.",
                file=str(source),
                hint=RESAVE_AS_DOCX
                if target == "docx"
                else "Откройте файл в программе, в которой он сделан, и сохраните заново.",
            )
        result = outdir / f"{source.stem}.{target}"
        shutil.move(str(made), str(result))
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)
