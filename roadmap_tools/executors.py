"""Who the executors of a roadmap are: one name per organisation or person, out of executor
cells that often name several at once («Управление образования, МКУ «ЦКО»», two names on one
line, «МЦ, в т.ч. школы»), and which of them an activity names (as whole words: «ОО» is not
inside «ОбОО»). The words that join names are data (``vocab.EXECUTOR_JOINERS``).
"""
from __future__ import annotations

import re
from typing import Sequence

from roadmap_tools import vocab
from roadmap_tools.model import Activity, Roadmap


def _fold(text: str) -> str:
    return " ".join(str(text or "").replace("ё", "е").split()).lower()


_PART_SEPARATORS = re.compile(r"[\n;,]")


def _letters(text: str) -> int:
    return len(re.sub(r"[^а-яa-z]", "", _fold(text)))


def _pattern(name: str) -> re.Pattern:
    """``name`` as whole words («ОО» is not inside «ОбОО»), case, ё and spacing aside."""
    words = [re.escape(word) for word in _fold(name).split()]
    return re.compile(r"(?<![а-яa-z0-9])" + r"\s+".join(words) + r"(?![а-яa-z0-9])")


def executor_parts(cell: str) -> list:
    """An executor cell's parts: one per line, «;» or «,», joining words («в т.ч.») left out."""
    parts = []
    for piece in _PART_SEPARATORS.split(cell or ""):
        text = " ".join(piece.split()).strip(" .")
        changed = True
        while changed:
            changed = False
            for joiner in vocab.EXECUTOR_JOINERS:
                if _fold(text).startswith(joiner + " "):
                    text, changed = text[len(joiner):].strip(" ."), True
        if _letters(text) >= 2:
            parts.append(text)
    return parts


def executor_names(roadmap: Roadmap, lists_rows: Sequence = ()) -> list:
    """The executors, each one organisation or person, first named first: the parts of the
    roadmap's executor cells, and the names of «Справочники» (``lists_rows``, executors in its
    third column). A part made only of other names («Управление образования г. Пензы МКУ «ЦКО»»,
    two written on one line) gives those, not a third; a part that says more («ОбОО с высокими
    результатами») is a name of its own."""
    candidates: list = []
    for activity in roadmap.activities():
        candidates += executor_parts(activity.executor)
    for row in list(lists_rows or [])[1:]:
        if len(row) > 2 and row[2] not in (None, ""):
            candidates += executor_parts(str(row[2]))
    unique: dict = {}
    for name in candidates:
        unique.setdefault(_fold(name), name)
    names = list(unique.values())
    patterns = {name: _pattern(name) for name in names}

    def inside(name: str, other: str) -> bool:
        return name is not other and bool(patterns[name].search(_fold(other)))

    atomic = [name for name in names if not any(inside(other, name) for other in names)]
    result = []
    for name in names:
        if name in atomic:
            result.append(name)
            continue
        rest = _fold(name)
        for known in sorted(atomic, key=len, reverse=True):
            rest = patterns[known].sub(" ", rest)
        for joiner in vocab.EXECUTOR_JOINERS:
            rest = _pattern(joiner).sub(" ", rest)
        if _letters(rest) >= 2:
            result.append(name)
    return result


def executors_of(activity: Activity, names: Sequence[str]) -> list:
    """The names of ``names`` an activity's executor cell holds (as whole words)."""
    text = _fold(activity.executor)
    return [name for name in names if _fold(name) and _pattern(name).search(text)]
