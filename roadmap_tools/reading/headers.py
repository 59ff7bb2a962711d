"""Recognising a table's header row: which column holds the activity, the deadline, ...

Works for wordings and orders never seen before: exact synonyms first, then word
stems (both in ``vocab``), each field taken by the column that matches it best.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Dict, Optional, Sequence

from roadmap_tools.lexicon import vocab

_SPACES = re.compile(r"\s+")
#: Zero-width spaces and joiners, word joiner, BOM, soft hyphen: pasted text carries them, nobody sees them.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
#: A word hyphenated at a line end in a narrow header cell: «Наимено-» + «вание».
_BROKEN_WORD = re.compile(r"(?<=[а-яa-z])-\s+(?=[а-яa-z])")
_EDGE_PUNCTUATION = " .,:;*\u00a0"


@functools.lru_cache(maxsize=4096)  # the same few titles in every form of a consolidation
def normalise_title(text: Any) -> str:
    """A header cell folded for comparison: lower case, ё as е, one space, no edge punctuation.

    Words hyphenated across lines are joined («Сро-» + «ки» -> «сроки»): in a header a hyphen
    before a space only ever breaks a word.
    """
    if text is None:
        return ""
    folded = _INVISIBLE.sub("", str(text)).lower().replace("ё", "е")
    folded = _SPACES.sub(" ", _BROKEN_WORD.sub("", folded)).strip()
    folded = folded.replace("n/n", "п/п").replace("n/п", "п/п").replace("п/n", "п/п")
    return folded.strip(_EDGE_PUNCTUATION)


def _synonym_table() -> Dict[str, str]:
    table: Dict[str, str] = {}
    for field, titles in vocab.HEADER_SYNONYMS.items():
        for title in titles:
            table.setdefault(normalise_title(title), field)
    return table


def _stem_patterns() -> list:
    patterns = []
    for field, stems in vocab.HEADER_STEMS:
        alternatives = "|".join(re.escape(normalise_title(stem) or stem) for stem in stems)
        # a stem matches at the start of a word («срок» in «сроки», not in «просрок»)
        patterns.append((field, re.compile(rf"(?:^|[^0-9a-zа-я])(?:{alternatives})")))
    return patterns


_SYNONYMS = _synonym_table()
_STEMS = _stem_patterns()

EXACT, STEM = 3, 2


def field_of_title(text: Any) -> Optional[tuple]:
    """(field, score) a header title means, or None: exact synonym 3, word stem 2."""
    title = normalise_title(text)
    if not title:
        return None
    if title in _SYNONYMS:
        return _SYNONYMS[title], EXACT
    # the words before a parenthesis carry the meaning: «Сроки (дата)»
    head = title.split("(")[0].strip(_EDGE_PUNCTUATION) or title
    if head in _SYNONYMS:
        return _SYNONYMS[head], EXACT
    if len(head.split()) > vocab.HEADER_MAX_WORDS:
        return None
    for field, pattern in _STEMS:
        if pattern.search(head):
            return field, STEM
    return None


def recognise_header(cells: Sequence[Any]) -> Optional[dict]:
    """Field -> 0-based column index for a header row, or None if it is not one.

    A row is a header when it names an activity column and at least one other known
    column. Each field goes to the column matching it best (exact title before word
    stem, then leftmost); a column means one field at most. Never raises.
    """
    candidates = []  # (score, index, field)
    for index, cell in enumerate(cells):
        try:
            found = field_of_title(cell)
        except Exception:  # a header cell of any type must not break recognition
            found = None
        if found:
            field, score = found
            candidates.append((-score, index, field))
    mapping: dict = {}
    for _, index, field in sorted(candidates):
        if field not in mapping:
            mapping[field] = index
    if "activity" not in mapping or len(mapping) < 2:
        return None
    return dict(sorted(mapping.items(), key=lambda item: item[1]))


def missing_required(mapping: Optional[dict]) -> list:
    """Required fields (``vocab.REQUIRED_FIELDS``) a header mapping lacks."""
    mapping = mapping or {}
    return [field for field in vocab.REQUIRED_FIELDS if field not in mapping]
