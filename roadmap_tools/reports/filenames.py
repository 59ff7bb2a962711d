"""Names of the files a user sees and sends: from the organisation or the roadmap's title,
safe on Windows (no forbidden characters, no reserved names, not too long).

«Управление образования города Пензы - форма мониторинга.xlsx» tells the region whose
form it is; «roadmap - форма мониторинга.xlsx» did not.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Mapping, Optional

from roadmap_tools.lexicon import vocab

#: Characters Windows forbids in a file name, and control characters.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
#: Names Windows reserves for devices, with or without an extension.
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
#: A stem longer than this is cut at a word: the whole path must stay under Windows' 260.
MAX_STEM = 80


def safe_stem(text: str, max_length: int = MAX_STEM) -> str:
    """``text`` as a file name without extension: «/» and «:» become dashes, quotes and other
    forbidden characters go, no trailing dots or spaces, a reserved name gets «_» after it,
    cut at a word boundary to ``max_length``. "" when nothing is left."""
    text = str(text or "").replace("/", "-").replace("\\", "-").replace(":", " -").replace('"', "")
    text = _FORBIDDEN.sub(" ", text)
    text = " ".join(text.split())
    if len(text) > max_length:
        cut = text[: max_length + 1].rsplit(" ", 1)[0] if " " in text[: max_length + 1] else text[:max_length]
        text = cut[:max_length]
    text = text.rstrip(" .").lstrip(" ")
    if text.split(".")[0].lower() in RESERVED:
        text += "_"
    return text


def owner_stem(settings: Mapping, fallback: str = "", title: str = "") -> str:
    """Whose files these are: the organisation, else the sender, else the roadmap's title,
    else ``fallback`` (the workbook's own name)."""
    for candidate in (settings.get("organisation"), settings.get("sender_name"), title or settings.get("title")):
        stem = safe_stem(candidate or "")
        if stem:
            return stem
    return safe_stem(fallback) or vocab.FILE_NAME_FALLBACK


def output_path(roadmap_path: Path, what: str, settings: Optional[Mapping] = None, title: str = "") -> Path:
    """«<организация> - <what>.<ext>» next to the roadmap workbook; ``what`` is a key of
    ``vocab.OUTPUT_FILE_NAMES``."""
    roadmap_path = Path(roadmap_path)
    words, extension = vocab.OUTPUT_FILE_NAMES[what]
    stem = owner_stem(settings or {}, roadmap_path.stem, title)
    return roadmap_path.with_name(f"{stem} - {words}{extension}")
