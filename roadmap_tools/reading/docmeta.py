"""A roadmap's title, organisation and years, found in the text around its table."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Optional, Sequence

from roadmap_tools.deadlines import parse_deadline
from roadmap_tools.lexicon import vocab
from roadmap_tools.reading.tablerows import clean_text

#: Paragraphs before the table that a title may span at most.
MAX_TITLE_PARAGRAPHS = 6
#: Paragraphs at the top of a document where an organisation's name may be.
ORGANISATION_SEARCH = 12

_YEAR = r"(20\d\d)"
_RANGE = re.compile(_YEAR + vocab.TEXT_PATTERNS["year_range_joint"] + _YEAR)
_SINGLE = re.compile(r"(?:^|[^\d])" + _YEAR + vocab.TEXT_PATTERNS["year_word_after"])
_UNTIL = re.compile(vocab.TEXT_PATTERNS["until_year"] + _YEAR)
_ANY_YEAR = re.compile(r"(?<!\d)" + _YEAR + r"(?!\d)")
#: A school year in a title: two years and the words that follow them, read by the deadline grammar.
_SCHOOL_YEAR = re.compile(_YEAR + r"\s*[-–—/]\s*(?:20)?\d\d\s+\S+(?:\s+\S+)?")
_DOTTED_DATE = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
_WORDY_DATE = re.compile(r"«?(\d{1,2})»?\s+(" + "|".join(vocab.MONTHS_GENITIVE) + r")\s+(\d{4})")


@dataclass
class DocumentMeta:
    title: str = ""
    organisation: str = ""
    years: list = field(default_factory=list)
    order_date: Optional[date] = None
    school_year: Optional[int] = None  # «на 2023-2024 учебный год» -> 2023


def _starts_with(text: str, prefixes: Iterable[str]) -> bool:
    lowered = text.lower().lstrip("«\"' ")
    return any(lowered.startswith(p.lstrip("«\"' ")) for p in prefixes)


def find_title(paragraphs_before: Sequence[str]) -> str:
    """The title: the paragraphs just above the table, from the one that starts a title."""
    block: list = []
    for text in reversed([clean_text(p) for p in paragraphs_before]):
        if not text:
            if block:
                break
            continue
        if _starts_with(text, vocab.NOT_TITLE_STARTS) or len(block) >= MAX_TITLE_PARAGRAPHS:
            break
        block.insert(0, text)
    starts = [i for i, text in enumerate(block) if _starts_with(text, vocab.TITLE_STARTS)]
    if starts:
        block = block[starts[-1] :]
    elif not block:
        # nothing right above the table: the last title-like paragraph anywhere before it
        texts = [clean_text(p) for p in paragraphs_before]
        found = [i for i, text in enumerate(texts) if text and _starts_with(text, vocab.TITLE_STARTS)]
        if found:
            block = [t for t in texts[found[-1] : found[-1] + MAX_TITLE_PARAGRAPHS] if t]
    return " ".join(" ".join(block).split())


def find_organisation(paragraphs: Sequence[str]) -> str:
    """The organisation: the heading of an order («ОТДЕЛ ОБРАЗОВАНИЯ ...» above «ПРИКАЗ»)."""
    texts = [clean_text(p) for p in paragraphs[:ORGANISATION_SEARCH]]
    for index, text in enumerate(texts):
        if text.lower().strip(" .") in vocab.ORDER_WORDS:
            heading = [t for t in texts[:index] if t and not _names_region(t)][-3:]
            if heading:
                return " ".join(" ".join(heading).split())
    for text in texts:
        if text and len(text) < 200 and _starts_with(text, vocab.ORGANISATION_STARTS):
            return " ".join(text.split())
    return ""


def _names_region(text: str) -> bool:
    """«РОССИЙСКАЯ ФЕДЕРАЦИЯ», «Свердловская область»: the heading's lines above the organisation."""
    words = " ".join(text.lower().replace("ё", "е").split())
    return any(re.search(rf"(?<![а-я]){re.escape(w)}(?![а-я])", words) for w in vocab.HEADING_REGION_WORDS)


def find_order_date(paragraphs: Sequence[str]) -> Optional[date]:
    """The first date written in the document's opening paragraphs (the order's date)."""
    for text in paragraphs[: ORGANISATION_SEARCH + 5]:
        text = clean_text(text).lower()
        for match in _DOTTED_DATE.finditer(text):
            day, month, year = (int(g) for g in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                continue
        wordy = _WORDY_DATE.search(text)
        if wordy:
            try:
                return date(int(wordy.group(3)), vocab.MONTHS_GENITIVE.index(wordy.group(2)) + 1, int(wordy.group(1)))
            except ValueError:
                continue
    return None


def years_in_title(title: str, order_year: Optional[int] = None) -> list:
    """«на 2021-2022 годы» -> [2021, 2022]; «в 2022 году» -> [2022]; «до 2024 года» -> order year..2024."""
    text = title.lower()
    found = []
    for match in _RANGE.finditer(text):
        first, last = int(match.group(1)), int(match.group(2))
        if first <= last <= first + 10:
            found.extend([first, last])
    until = [int(y) for y in _UNTIL.findall(text)]
    if not found:
        found = [int(y) for y in _SINGLE.findall(_UNTIL.sub(" ", text))]
        if found and until and max(until) > max(found):
            found.append(max(until))  # «в 2022 году и до 2024 года»
    if not found and until:
        last = max(until)
        first = order_year if order_year and order_year <= last else last
        return list(range(first, last + 1))
    if not found:
        return []
    return list(range(min(found), max(found) + 1))


def school_year_in_title(title: str) -> Optional[int]:
    """«на 2023-2024 учебный год», «2023/24 уч. года» -> 2023: the title names a school year."""
    for match in _SCHOOL_YEAR.finditer(title):
        parsed = parse_deadline(match.group(0))
        if (
            parsed.kind in ("period", "continuous")
            and parsed.start
            and parsed.start.month == 9
            and parsed.end
            and parsed.end.year == parsed.start.year + 1
        ):
            return parsed.start.year
    return None


def years_in_texts(texts: Iterable[str]) -> list:
    """Every year mentioned in ``texts`` (e.g. the deadline cells), as one span of years."""
    found = [int(y) for text in texts for y in _ANY_YEAR.findall(text or "")]
    if not found:
        return []
    first, last = min(found), max(found)
    if last - first > 10:  # a stray year; keep the most frequent one
        most = max(set(found), key=found.count)
        return [most]
    return list(range(first, last + 1))


def document_meta(
    paragraphs_before: Sequence[str], all_paragraphs: Sequence[str], deadlines: Sequence[str] = ()
) -> DocumentMeta:
    """Title, organisation and years of a roadmap from its document's text.

    Years come from the title; failing that, from the deadlines in the table; then the
    order's date.
    """
    title = find_title(paragraphs_before)
    order_date = find_order_date(all_paragraphs)
    order_year = order_date.year if order_date else None
    years = years_in_title(title, order_year) or years_in_texts(deadlines) or ([order_year] if order_year else [])
    school_year = school_year_in_title(title)
    if school_year is not None and not years:
        years = [school_year, school_year + 1]
    return DocumentMeta(
        title=title,
        organisation=find_organisation(all_paragraphs),
        years=years,
        order_date=order_date,
        school_year=school_year,
    )
