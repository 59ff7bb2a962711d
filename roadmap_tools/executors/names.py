"""Who the executors of a roadmap are: one name per organisation or person, out of executor
cells that often name several at once («Управление образования, МКУ «ЦКО»», two names on one
line, «МЦ, в т.ч. школы»), and which of them an activity names (as whole words: «ОО» is not
inside «ОбОО»). The words that join names are data (``vocab.EXECUTOR_JOINERS``).
"""

from __future__ import annotations

import re
from typing import Sequence, Set

from roadmap_tools.lexicon import vocab
from roadmap_tools.model import Activity, Roadmap

_PART_SEPARATORS = re.compile(r"[\n;,]")
_WORD = re.compile(r"[а-яa-z0-9]+")


def _fold(text: str) -> str:
    return " ".join(str(text or "").replace("ё", "е").replace("Ё", "Е").split()).lower()


def _words(text: str) -> tuple:
    """The words of a name, case, ё, spacing and punctuation aside: «МКУ «ЦКО» г. Пензы» ->
    (мку, цко, г, пензы). Names are compared as runs of whole words («ОО» is not inside «ОбОО»)."""
    return tuple(_WORD.findall(_fold(text)))


def _letters(words: Sequence[str]) -> int:
    return sum(len(re.sub(r"[0-9]", "", word)) for word in words)


class _Index:
    """Names by their words, to find every name inside a text by looking up its runs of words
    (a region's roadmap may name thousands of schools: no comparison of every pair)."""

    def __init__(self, names: Sequence[str]):
        self.by_words: dict = {}
        for name in names:
            words = _words(name)
            if words:
                self.by_words.setdefault(words, name)
        self.lengths = sorted({len(words) for words in self.by_words})

    def spans(self, words: Sequence[str]) -> list:
        """(start, end, name) of every name found in ``words``."""
        words = tuple(words)
        found = []
        for i in range(len(words)):
            for length in self.lengths:
                if i + length > len(words):
                    break
                name = self.by_words.get(words[i : i + length])
                if name is not None:
                    found.append((i, i + length, name))
        return found


def executor_parts(cell: str) -> list:
    """An executor cell's parts: one per line, «;» or «,», joining words («в т.ч.») left out."""
    joiners = [_words(joiner) for joiner in vocab.EXECUTOR_JOINERS]
    parts = []
    for piece in _PART_SEPARATORS.split(cell or ""):
        text = " ".join(piece.split()).strip(" .")
        changed = True
        while changed:
            changed = False
            for joiner in vocab.EXECUTOR_JOINERS:
                if _fold(text).startswith(joiner + " "):
                    text, changed = text[len(joiner) :].strip(" ."), True
        words = _words(text)
        if _letters(words) >= 2 and words not in joiners:
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
        words = _words(name)
        if words:
            unique.setdefault(words, name)
    index = _Index(list(unique.values()))
    inner = {words: [span for span in index.spans(words) if span[1] - span[0] < len(words)] for words in unique}
    atomic = {words for words, spans in inner.items() if not spans}
    joiners = {_words(joiner) for joiner in vocab.EXECUTOR_JOINERS}
    result = []
    for words, name in unique.items():
        if words in atomic:
            result.append(name)
            continue
        covered: Set[int] = set()
        for start, end, known in inner[words]:
            if _words(known) in atomic:
                covered.update(range(start, end))
        rest = [w for i, w in enumerate(words) if i not in covered and (w,) not in joiners]
        if _letters(rest) >= 2:  # more than the names inside: a name of its own
            result.append(name)
    return result


def executors_of(activity: Activity, names: Sequence[str], index: "_Index | None" = None) -> list:
    """The names of ``names`` an activity's executor cell holds (as whole words), in ``names``' order."""
    found = {name for _, _, name in (index or _Index(names)).spans(_words(activity.executor))}
    return [name for name in names if name in found]


def executor_index(names: Sequence[str]) -> _Index:
    """Build once for many ``executors_of`` calls."""
    return _Index(names)
