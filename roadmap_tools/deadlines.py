"""Parser of the deadline column: free Russian text -> ``Deadline`` (kind and spans).

``parse_deadline("Январь-февраль 2022 года", [2022])`` gives a ``period`` from 1 January
to 28 February 2022. The words come from ``vocab.py`` (section «Deadlines»); this module
holds only the grammar: normalise, tokenise, match the vocabulary, then read pieces
(a day, a month, a quarter, a half-year, a year, an academic year), ranges of pieces
and lists of them, under markers such as «до», «в течение», «ежегодно».

Judgement calls:

- A phrase without a year takes the roadmap's first year; with no roadmap years given
  it is ``unparsed`` («не указан год, а годы дорожной карты не заданы»).
  In a range or a list, a piece without a year takes the year written to its right
  («январь-февраль 2022», «май, ноябрь 2022 г.»), else to its left; a range whose end
  would fall before its start crosses a year («декабрь – январь 2023» starts in
  December 2022). A list without any year runs forward: «сентябрь, декабрь, март»
  puts March in the next year.
- «В течение 2022 года» -> ``continuous`` over that span; «в течение всего периода»,
  «постоянно», «регулярно» -> ``continuous`` over all the roadmap's years;
  «в течение года» and «в течение учебного года» take the roadmap's first year
  (the academic year that starts in it). «С 1 сентября 2022» (a start and no end) ->
  ``continuous`` until the end of the roadmap's last year.
- ``deadline``: one span (due, due). After «до», «к», «в срок до» a month, quarter or
  year means its first day («до марта 2022» = 1 March); after «не позднее», «до конца»
  its last day. A bare date («15.03.2022», «21 марта 2022») is a ``deadline`` too.
- ``recurring``: one span per occurrence within the roadmap's years. «ежегодно» alone:
  each whole year; «Ежегодно (июнь)», «Сентябрь – октябрь ежегодно»: that span each
  year; «ежегодно до 1 сентября»: the due date each year as (date, date);
  «ежеквартально», «ежемесячно», «еженедельно», «2 раза в год»: each quarter, month,
  ISO week (Monday to Sunday) or half-year, cut to the roadmap's years or to the span
  given («ежемесячно в течение 2022 года»); «ежемесячно до 5 числа»: the 5th of each month.
  A day of the month with a longer period is its report: «ежеквартально до 5 числа» is the
  5th of the month after each quarter (5 April, …, 5 January of the next year), as is
  «ежемесячно до 5 числа месяца, следующего за отчетным» after each month.
  Without roadmap years a recurring phrase is ``unparsed``.
- «Сентябрь 2021, 2022 гг.»: a bare year after a dated item repeats that item in that
  year (``milestones``). Seasons: «лето 2022» is June–August, «зима 2021» December 2021 –
  February 2022. «1 полугодие 2022-2023 учебного года» is September–December 2022, the
  second half January–May 2023. «09.2022» is a month.
- A bracket closes what stands before it: «ежегодно до 1 июня (2022-2024 гг.)» repeats
  1 June in 2022–2024; «сентябрь (2022 г.)» is September 2022. «Текущего года» adds
  nothing: the phrase takes the roadmap's first year as if no year were written.
- ``on_demand`` wins whenever its marker is there and the rest has no date of its own:
  «по мере необходимости, но не реже 1 раза в квартал» is ``on_demand``.
- A date with a comment that counts from an event keeps the date: «ноябрь 2022 года
  (по итогам I полугодия)» is November 2022. A term counted from an event and nothing
  else («в течение месяца после …»), unknown words, years
  outside 1990–2100, dates that do not exist («31 февраля»), an end before the start:
  ``unparsed``, with the reason in Russian.
- A cell holding only dashes or punctuation, or words saying there is none («нет»,
  «не указан»), is ``missing``, like an empty one.
- A school year (``school_year=2023`` for 2023-2024): yearless September–December are in 2023,
  January–August in 2024; «I/II полугодие», «в течение года», «постоянно» are the school year's;
  a range that would run backwards («август – сентябрь») lies in the calendar year with more of
  it inside the school year. School quarters («II четверть») and holidays («осенние каникулы»)
  have the conventional dates of ``vocab.SCHOOL_QUARTERS`` and ``vocab.SCHOOL_HOLIDAYS`` in any
  roadmap; «начало/середина марта» and «первая/третья декада» are days of the month, of a longer
  span its first or middle month(s). A bracket of unknown words is a comment: «май (педсовет)»
  is May. See docs/deadlines.md.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Callable, Dict, Iterable, List, NamedTuple, Optional, Sequence, Set, Tuple, Union

from roadmap_tools.lexicon import vocab
from roadmap_tools.model import Deadline

MIN_YEAR, MAX_YEAR = 1990, 2100

__all__ = ["parse_deadline", "normalize", "MIN_YEAR", "MAX_YEAR"]

# ---------------------------------------------------------------------------
# Normalisation and tokens
# ---------------------------------------------------------------------------
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\n\r\v\f"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_TRANSLATE: Dict[int, Optional[str]] = {ord(c): "-" for c in _DASHES}
_TRANSLATE.update({ord(c): " " for c in _SPACES})
_TRANSLATE.update({ord(c): None for c in _INVISIBLE})
_TRANSLATE.update({ord("ё"): "е", ord("і"): "i", ord("\\"): "/"})

_TOKEN_RE = re.compile(
    r"(?P<monthyear>(?<![\d.])\d{1,2}\.\d{4}(?![\d.]))"
    r"|(?P<date>(?<!\d)\d{1,2}\.\d{1,2}(?:\.(?:\d{4}|\d{2}))?(?!\d))"
    r"|(?P<num>\d+)"
    # Latin and Cyrillic letters are separate words: «IIкв.» is «ii кв»
    r"|(?P<word>[a-z]+|[^\W\d_a-z]+)"
    r"|(?P<dash>[-/])"
    # a bracket closes what stands before it: «ежегодно до 1 июня (2022-2024 гг.)»
    r"|(?P<sep>[,;()\[\]])"
)


def normalize(text: str) -> str:
    """Lower case, «ё» -> «е», every dash to «-», odd spaces to one space."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_TRANSLATE)
    return " ".join(text.split())


class _Number(NamedTuple):
    value: int
    digits: int  # «2022» (4 digits) is a year, «22» before «г.» a short one


class _Date(NamedTuple):  # «15.03.2022», «15.03»
    day: int
    month: int
    year: Optional[int]


class _MonthYear(NamedTuple):  # «09.2022»
    month: int
    year: int


#: A token's value, by its kind: a month's or an ordinal's number (int); a due side, a frequency,
#: a part of a span or a holiday's key (str); a season's first and last months (tuple); a number,
#: a date, a month with its year; None for the kinds whose word is all they say.
_TokValue = Union[None, int, str, Tuple[int, ...], _Number, _Date, _MonthYear]


class _Tok(NamedTuple):
    kind: str  # month, num, date, due, sep, dash, word (unknown), ...: see _vocabulary_entries
    value: _TokValue
    text: str

    # The kind decides the value's type; each accessor checks that it holds.
    def integer(self) -> int:
        """A month's or an ordinal's number."""
        assert isinstance(self.value, int), self
        return self.value

    def key(self) -> str:
        """A due side, a frequency, a part of a span or a holiday."""
        assert isinstance(self.value, str), self
        return self.value

    def number(self) -> _Number:
        assert isinstance(self.value, _Number), self
        return self.value

    def date(self) -> _Date:
        assert isinstance(self.value, _Date), self
        return self.value

    def month_year(self) -> _MonthYear:
        assert isinstance(self.value, _MonthYear), self
        return self.value

    def season(self) -> Tuple[int, int]:
        """A season's first and last months."""
        value = self.value
        assert isinstance(value, tuple) and not isinstance(value, (_Number, _Date, _MonthYear)), self
        first, last = value
        return first, last


def _raw_tokens(text: str) -> List[Tuple[str, str]]:
    """(group, text) pairs; dots, quotes and other punctuation are dropped."""
    # every alternative of _TOKEN_RE is a named group, so a match always has its lastgroup
    raw = [(m.lastgroup or "", m.group()) for m in _TOKEN_RE.finditer(text)]
    # «1-й квартал», «2-е полугодие»: the ending says «ordinal», nothing more.
    out: List[Tuple[str, str]] = []
    i = 0
    while i < len(raw):
        out.append(raw[i])
        if (
            raw[i][0] == "num"
            and i + 2 < len(raw)
            and raw[i + 1] == ("dash", "-")
            and raw[i + 2][0] == "word"
            and raw[i + 2][1] in _ORDINAL_SUFFIXES
        ):
            i += 3
        else:
            i += 1
    return out


def _phrase_key(phrase: str) -> Tuple[str, ...]:
    return tuple(t for _, t in _raw_tokens(normalize(phrase)))


_ORDINAL_SUFFIXES = frozenset(normalize(s) for s in vocab.ORDINAL_SUFFIXES)


def _vocabulary_entries() -> List[Tuple[str, _TokValue, Iterable[str]]]:
    """(kind, value, phrases) for every group of deadline words in the vocabulary."""
    entries: List[Tuple[str, _TokValue, Iterable[str]]] = []
    for month, forms in vocab.MONTH_FORMS.items():
        entries.append(("month", month, forms))
    for season, forms in vocab.SEASON_FORMS.items():
        entries.append(("season", vocab.SEASON_MONTHS[season], forms))
    for number, words in vocab.ORDINAL_WORDS.items():
        entries.append(("ord", number, words))
    for holiday, forms in vocab.SCHOOL_HOLIDAY_FORMS.items():
        entries.append(("holiday", holiday, forms))
    for part, words in vocab.SPAN_PART_WORDS.items():
        entries.append(("part", part, words))
    for part, words in vocab.EACH_MONTH_PART_WORDS.items():
        entries.append(("mpart", part, words))
    entries += [
        ("q", None, vocab.QUARTER_WORDS),
        ("h", None, vocab.HALF_YEAR_WORDS),
        ("sq", None, vocab.SCHOOL_QUARTER_WORDS),
        ("yw", None, vocab.YEAR_WORDS),
        ("acad", None, vocab.ACADEMIC_YEAR_WORDS),
        ("dayw", None, vocab.DAY_WORDS),
        ("due", "start", vocab.DUE_BY_START),
        ("due", "end", vocab.DUE_BY_END),
        ("from", None, vocab.RANGE_FROM),
        ("to", None, vocab.RANGE_TO),
        ("sep", None, vocab.LIST_SEPARATORS),
        ("cont", None, vocab.CONTINUOUS_MARKERS),
        ("whole", None, vocab.WHOLE_PERIOD_MARKERS),
        ("ondemand", None, vocab.ON_DEMAND_MARKERS),
        ("relative", None, vocab.RELATIVE_MARKERS),
        ("skip", None, vocab.DEADLINE_SKIP_WORDS),
        ("recur", "week", vocab.WEEKDAY_WORDS),
        ("skip", None, vocab.CURRENT_YEAR_WORDS),
        ("after", None, vocab.AFTER_REPORTING_PERIOD),
        ("none", None, vocab.DEADLINE_MISSING_WORDS),
    ]
    for freq, markers in vocab.RECURRING_MARKERS.items():
        entries.append(("recur", freq, markers))
    return entries


def _build_phrases() -> Dict[Tuple[str, ...], Tuple[str, _TokValue]]:
    """Token sequence -> (kind, value); the first meaning wins (see vocabulary_conflicts)."""
    table: Dict[Tuple[str, ...], Tuple[str, _TokValue]] = {}
    for kind, value, phrases in _vocabulary_entries():
        for phrase in phrases:
            key = _phrase_key(phrase)
            if key:
                table.setdefault(key, (kind, value))
    return table


_PHRASES = _build_phrases()
#: First token of a phrase -> the lengths of the phrases it starts, longest first.
_PHRASE_LENGTH_SETS: Dict[str, Set[int]] = {}
for _key in _PHRASES:
    _PHRASE_LENGTH_SETS.setdefault(_key[0], set()).add(len(_key))
_PHRASE_LENGTHS: Dict[str, List[int]] = {k: sorted(v, reverse=True) for k, v in _PHRASE_LENGTH_SETS.items()}


def vocabulary_conflicts() -> List[str]:
    """Phrases the vocabulary gives two meanings (a data error; a test keeps this empty)."""
    meanings: Dict[Tuple[str, ...], Set[Tuple[str, str]]] = {}
    for kind, value, phrases in _vocabulary_entries():
        for phrase in phrases:
            meanings.setdefault(_phrase_key(phrase), set()).add((kind, repr(value)))
    return [
        " ".join(key) + ": " + ", ".join(f"{k} {v}" for k, v in sorted(found))
        for key, found in meanings.items()
        if len(found) > 1
    ]


def _tokens(norm: str) -> List[_Tok]:
    raw = _raw_tokens(norm)
    texts = [t for _, t in raw]
    out: List[_Tok] = []
    i, n = 0, len(raw)
    while i < n:
        for length in _PHRASE_LENGTHS.get(texts[i], ()):
            hit = _PHRASES.get(tuple(texts[i : i + length])) if i + length <= n else None
            if hit:
                kind, value = hit
                if kind != "skip":
                    out.append(_Tok(kind, value, " ".join(texts[i : i + length])))
                i += length
                break
        else:
            group, text = raw[i]
            if group == "monthyear":
                month, year = text.split(".")
                out.append(_Tok("monthyear", _MonthYear(int(month), int(year)), text))
            elif group == "date":
                parts = [int(p) for p in text.split(".")]
                date_year: Optional[int] = None
                if len(parts) == 3:
                    date_year = parts[2] + 2000 if len(text.split(".")[2]) == 2 else parts[2]
                out.append(_Tok("date", _Date(parts[0], parts[1], date_year), text))
            elif group == "num":
                out.append(_Tok("num", _Number(int(text), len(text)), text))
            elif group == "dash":
                out.append(_Tok("dash", None, text))
            elif group == "sep":
                out.append(_Tok("sep", None, text))
            else:
                out.append(_Tok("word", None, text))
            i += 1
    return out


# ---------------------------------------------------------------------------
# Pieces, items and their spans
# ---------------------------------------------------------------------------
#: The reason of an ``unparsed`` deadline whose end comes before its start («май 2024 – март 2024»);
#: the check reports it as its own defect.
END_BEFORE_START = "конец срока раньше его начала"


class _NotParsed(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class _Piece:
    unit: str  # day, month, season, quarter, half, year, acad, acad_half, squarter, holiday, num
    n: Optional[int] = None  # day of month, quarter or half number, bare number, season's first month
    month: Optional[int] = None  # month of a day; last month of a season
    year: Optional[int] = None  # a school quarter's or holiday's: the calendar year it starts in
    name: Optional[str] = None  # a holiday's key in vocab.SCHOOL_HOLIDAYS

    def number(self) -> int:
        """``n`` of a piece that always has one: a day, a season, a quarter, a half-year."""
        assert self.n is not None, self
        return self.n

    def holiday(self) -> str:
        assert self.name is not None, self
        return self.name


@dataclass
class _Item:
    first: _Piece
    last: Optional[_Piece] = None  # end of a range
    due: Optional[str] = None  # "start" / "end": a due date
    open_from: bool = False  # «с 1 сентября» and no end
    part: Optional[str] = None  # «начало марта», «середина года»: a key of vocab.SPAN_PART_WORDS

    def pieces(self) -> List[_Piece]:
        return [self.first] + ([self.last] if self.last else [])


_UNIT_NAMES = {"quarter": "квартала", "half": "полугодия"}

#: A period word that needs a number, with how to write it numbered and repeated.
_BARE_UNITS = {
    "sq": ("«II четверть»", "«каждую четверть»"),
    "q": ("«3 квартал»", "«каждый квартал»"),
    "h": ("«1 полугодие»", "«каждое полугодие»"),
}


_UNIT_OF_KIND = {"sq": "squarter", "q": "quarter", "h": "half"}


def _bare_unit_reason(t: "_Tok") -> str:
    numbered, repeated = _BARE_UNITS[t.kind]
    return f"не сказано, какой период «{t.text}»: укажите номер ({numbered}) или {repeated}, если срок повторяется"


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _NotParsed(f"год {year} вне допустимых {MIN_YEAR}–{MAX_YEAR}")


def _span(p: _Piece) -> Tuple[date, date]:
    """First and last day of a piece whose year is known."""
    if p.unit == "num":
        raise _NotParsed(f"непонятно, что означает число {p.n}")
    if p.year is None:  # pragma: no cover - callers fill the year first
        raise _NotParsed("не указан год")
    y = p.year
    _check_year(y)
    if p.unit == "day":
        if p.month is None:
            raise _NotParsed(f"у дня {p.n} не указан месяц")
        day = p.number()
        try:
            d = date(y, p.month, day)
        except ValueError:
            raise _NotParsed(f"такой даты нет: {day:02d}.{p.month:02d}.{y}") from None
        return d, d
    if p.unit == "season":
        first_month, last_month = p.number(), p.month
        assert last_month is not None, p  # a season token gives both its months
        end_year = y + 1 if last_month < first_month else y
        return date(y, first_month, 1), date(end_year, last_month, calendar.monthrange(end_year, last_month)[1])
    if p.unit == "month":
        month = p.month
        assert month is not None, p  # a month piece is made from a month token
        if not 1 <= month <= 12:
            raise _NotParsed(f"месяца {month} не бывает")
        return date(y, month, 1), date(y, month, calendar.monthrange(y, month)[1])
    if p.unit in ("quarter", "half"):
        count = 4 if p.unit == "quarter" else 2
        n = p.number()
        if not 1 <= n <= count:
            raise _NotParsed(f"{_UNIT_NAMES[p.unit]} {n} не бывает: их {count} в году")
        months = 12 // count
        first, last = (n - 1) * months + 1, n * months
        return date(y, first, 1), date(y, last, calendar.monthrange(y, last)[1])
    if p.unit == "year":
        return date(y, 1, 1), date(y, 12, 31)
    if p.unit == "acad_half":
        if p.n not in vocab.ACADEMIC_HALVES:
            raise _NotParsed(f"полугодия {p.n} в учебном году не бывает")
        _check_year(y + 1)
        (m1, d1, o1), (m2, d2, o2) = vocab.ACADEMIC_HALVES[p.n]
        return date(y + o1, m1, d1), date(y + o2, m2, d2)
    if p.unit == "acad":
        _check_year(y + 1)
        (m1, d1), (m2, d2) = vocab.ACADEMIC_YEAR_START, vocab.ACADEMIC_YEAR_END
        return date(y, m1, d1), date(y + 1, m2, d2)
    if p.unit == "squarter":
        if p.n not in vocab.SCHOOL_QUARTERS:
            raise _NotParsed(f"четверти {p.n} не бывает: их {len(vocab.SCHOOL_QUARTERS)} в учебном году")
        (m1, d1), (m2, d2) = vocab.SCHOOL_QUARTERS[p.n]
        return date(y, m1, d1), date(y, m2, d2)
    if p.unit == "holiday":
        (m1, d1), (m2, d2) = vocab.SCHOOL_HOLIDAYS[p.holiday()]
        end_year = y + 1 if m2 < m1 else y
        _check_year(end_year)
        return date(y, m1, d1), date(end_year, m2, d2)
    raise AssertionError(p.unit)  # pragma: no cover


def _first_month(p: _Piece) -> int:
    """The month a piece starts in, to place a yearless piece in a school year."""
    if p.unit in ("day", "month") and p.month:
        return p.month
    if p.unit == "season":
        return p.number()
    if p.unit == "quarter" and p.n:
        return (p.n - 1) * 3 + 1
    if p.unit == "squarter" and p.n in vocab.SCHOOL_QUARTERS:
        return vocab.SCHOOL_QUARTERS[p.n][0][0]
    if p.unit == "holiday":
        return vocab.SCHOOL_HOLIDAYS[p.holiday()][0][0]
    return vocab.ACADEMIC_YEAR_START[0]


def _school_calendar_year(p: _Piece, school_year: int) -> int:
    """September–December lie in the school year's first calendar year, January–August in its second."""
    return school_year if _first_month(p) >= vocab.ACADEMIC_YEAR_START[0] else school_year + 1


def _fill_year(p: _Piece, default: Optional[int], school_year: Optional[int]) -> None:
    """Give a yearless piece its year: the school year's rule, else the roadmap's first year."""
    if p.year is not None:
        return
    if school_year is None:
        p.year = _need_year(default)
    elif p.unit == "year":  # «в течение года» in a school-year roadmap: the school year
        p.unit, p.year = "acad", school_year
    elif p.unit == "half":  # «I полугодие»: of the school year
        p.unit, p.year = "acad_half", school_year
    elif p.unit in ("acad", "acad_half"):
        p.year = school_year
    else:
        p.year = _school_calendar_year(p, school_year)


def _part_of(span: Tuple[date, date], part: str) -> Tuple[date, date]:
    """«начало» or «середина» of a span: days of one month, else its first or middle month(s)."""
    start, end = span
    if part == "last_week":
        return max(start, end - timedelta(days=6)), end
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months == 1:
        first, last = vocab.MONTH_PART_DAYS[part]
        days = calendar.monthrange(start.year, start.month)[1]
        return date(start.year, start.month, max(start.day, first)), date(start.year, start.month, min(days, last))
    if part == "start":
        first_index, last_index = 0, 0
    elif part == "last":
        first_index = last_index = months - 1
    elif months == 2:  # «середина I четверти» (September–October): mid-September to mid-October
        return date(start.year, start.month, 16), date(end.year, end.month, 15)
    else:
        first_index, last_index = (months - 1) // 2, months // 2
    y1, m1 = divmod(start.year * 12 + start.month - 1 + first_index, 12)
    y2, m2 = divmod(start.year * 12 + start.month - 1 + last_index, 12)
    return (max(start, date(y1, m1 + 1, 1)), min(end, date(y2, m2 + 1, calendar.monthrange(y2, m2 + 1)[1])))


class _Reader:
    """Reads items from a token list; each method returns what it read and moves on."""

    def __init__(self, toks: List[_Tok]):
        self.toks = toks
        self.i = 0

    def peek(self, ahead: int = 0) -> Optional[_Tok]:
        j = self.i + ahead
        return self.toks[j] if j < len(self.toks) else None

    def tok(self, ahead: int = 0) -> _Tok:
        """A token that is there: the caller has seen its kind."""
        t = self.peek(ahead)
        assert t is not None, (self.toks, self.i + ahead)
        return t

    def kind(self, ahead: int = 0) -> Optional[str]:
        t = self.peek(ahead)
        return t.kind if t else None

    def items(self) -> List[_Item]:
        items: List[_Item] = []
        while self.peek():
            if self.kind() == "sep":
                self.i += 1
                continue
            items.append(self.item())
        return items

    def item(self) -> _Item:
        due: Optional[str] = None
        from_ = False
        t = self.tok()
        if t.kind == "due":
            due = t.key()
            self.i += 1
        elif t.kind == "from":
            from_ = True
            self.i += 1
        part: Optional[str] = None
        if self.kind() == "part":  # «начало марта», «с начала года», «до середины октября»
            part = self.tok().key()
            self.i += 1
            if self.peek() is None:
                raise _NotParsed("не сказано, начало или середина чего: укажите месяц, четверть или год")
        first = self.piece()
        k = self.kind()
        if k in ("dash", "to") or (from_ and k == "due"):
            if due:
                raise _NotParsed(f"после «{t.text}» ожидалась одна дата, а не промежуток")
            self.i += 1
            return _Item(first, self.piece(), part=part)
        return _Item(first, None, due, open_from=from_, part=part)

    def piece(self) -> _Piece:
        t = self.peek()
        if t is None:
            raise _NotParsed("срок обрывается: после тире или предлога нет даты")
        nxt = self.kind(1)
        if t.kind == "date":
            d, m, y = t.date()
            p = _Piece("day", d, m, y)
            self.i += 1
        elif t.kind in ("num", "ord"):
            value = t.number().value if t.kind == "num" else t.integer()
            digits = t.number().digits if t.kind == "num" else None
            if digits == 4 or (digits == 2 and nxt == "yw"):
                value = value if digits == 4 else 2000 + value  # «22 г.» is 2022
                self.i += 1
                self.skip_year_words()
                if self.kind() == "acad":
                    self.i += 1
                    return _Piece("acad", year=value)
                if self.academic_second_year():  # «к началу 2023/2024 учебного года»: one piece
                    piece = _academic_year(value, self.tok(1).number().value)
                    self.i += 3
                    return piece
                return _Piece("year", year=value)
            unit = {"month": "day", "dayw": "day", "q": "quarter", "h": "half", "sq": "squarter"}.get(nxt or "")
            if unit:
                month = self.tok(1).integer() if nxt == "month" else None
                p = _Piece(unit, value, month)
                self.i += 2
                if nxt == "dayw" and self.kind() == "month":  # «5 числа марта»
                    p.month = self.tok().integer()
                    self.i += 1
            elif nxt == "acad" and t.kind == "num":  # «2023-24 учебный год»
                self.i += 2
                return _Piece("acad", year=value)
            else:
                self.i += 1
                return _Piece("num", value)
        elif t.kind == "month":
            p = _Piece("month", month=t.integer())
            self.i += 1
        elif t.kind == "monthyear":  # «09.2022»
            month_year = t.month_year()
            p = _Piece("month", month=month_year.month, year=month_year.year)
            self.i += 1
        elif t.kind == "season":
            first_month, last_month = t.season()
            p = _Piece("season", first_month, last_month)
            self.i += 1
        elif t.kind == "holiday":  # «осенние каникулы»
            p = _Piece("holiday", name=t.key())
            self.i += 1
        elif t.kind == "yw":  # «в течение года»
            self.i += 1
            return _Piece("year")
        elif t.kind == "acad":  # «в течение учебного года»
            self.i += 1
            return _Piece("acad")
        elif t.kind == "word":
            raise _NotParsed(f"непонятное слово «{t.text}»")
        elif t.kind in _BARE_UNITS:  # «в конце четверти»: no number
            raise _NotParsed(_bare_unit_reason(t))
        else:
            raise _NotParsed(f"непонятно, к чему относится «{t.text}»")
        # the piece's own year: «март 2022», «1 марта, 2022 г.»
        if p.year is None:
            ahead = (
                1
                if (
                    self.kind() == "sep"
                    and self.tok().text == ","
                    and self.kind(1) == "num"
                    and self.tok(1).number().digits == 4
                )
                else 0
            )
            year_tok = self.peek(ahead)
            if year_tok is not None and year_tok.kind == "num" and year_tok.number().digits == 4:
                p.year = year_tok.number().value
                self.i += ahead + 1
            elif (
                year_tok is not None
                and year_tok.kind == "num"
                and year_tok.number().digits == 2
                and self.kind(ahead + 1) == "yw"
            ):  # «март 22 г.»
                p.year = 2000 + year_tok.number().value
                self.i += ahead + 1
        self.skip_year_words()
        if p.unit in ("half", "quarter", "squarter"):
            self.academic_part(p)
        return p

    def academic_second_year(self) -> bool:
        """Whether «-2023 учебный год» follows: the second year of an academic year."""
        return self.kind() == "dash" and self.kind(1) == "num" and self.kind(2) == "acad"

    def academic_part(self, p: _Piece) -> None:
        """«1 полугодие 2022-2023 учебного года», «2 полугодие учебного года»."""
        if self.academic_second_year() and p.year:
            _academic_year(p.year, self.tok(1).number().value)
            self.i += 3
            if p.unit == "squarter":  # «II четверть 2023-2024 учебного года»: the year its months are in
                p.year = _school_calendar_year(p, p.year)
        elif self.kind() == "acad":
            self.i += 1
        else:
            return
        if p.unit == "squarter":
            return
        if p.unit == "quarter":
            raise _NotParsed("квартал учебного года не понятен: укажите месяцы")
        p.unit = "acad_half"

    def skip_year_words(self) -> None:
        while self.kind() == "yw":
            self.i += 1


def _academic_year(first: int, second: int) -> _Piece:
    """The academic year «first–second» («2022-23» too); its years must follow each other."""
    second = first // 100 * 100 + second if second < 100 else second
    if second != first + 1:
        raise _NotParsed(f"учебный год {first}–{second}: годы должны идти подряд")
    return _Piece("acad", year=first)


def _propagate_academic_years(items: List[_Item]) -> List[_Item]:
    """«2022-2023, 2023-2024 учебные годы»: a range of two years before an academic year is one too."""
    out = list(items)
    for k in range(len(out) - 2, -1, -1):
        it, following = out[k], out[k + 1]
        if (
            following.first.unit == "acad"
            and following.last is None
            and it.last is not None
            and it.first.unit == it.last.unit == "year"
            and it.first.year is not None
            and it.last.year == it.first.year + 1
        ):
            out[k] = _Item(_Piece("acad", year=it.first.year), None, it.due, it.open_from)
    return out


def _propagate_units(items: List[_Item]) -> None:
    """A bare number takes the unit of the next piece: «15-20 марта», «1, 3 кварталы»."""
    pieces = [p for item in items for p in item.pieces()]
    following: Optional[_Piece] = None
    for p in reversed(pieces):
        if p.unit == "num" and following is not None and following.unit in ("day", "quarter", "half", "squarter"):
            p.unit, p.month = following.unit, following.month
        elif p.unit != "num":
            following = p


def _repeat_for_bare_years(items: List[_Item]) -> List[_Item]:
    """A bare year after an item: «Сентябрь 2021, 2022 гг.» repeats a dated item in that
    year; «сентябрь (2022 г.)» gives an item without a year its year."""
    out: List[_Item] = []
    for it in items:
        prev = out[-1] if out else None
        bare_year = (
            prev is not None
            and it.last is None
            and not it.due
            and not it.open_from
            and it.first.unit == "year"
            and it.first.year is not None
            and prev.first.unit not in ("year", "acad", "num")
        )
        if bare_year:
            assert prev is not None and it.first.year is not None  # bare_year says so
            prev_year = _explicit_year(prev)
            if prev_year is None:
                (prev.last or prev.first).year = it.first.year
                continue
            delta = it.first.year - prev_year
            moved = [replace(p, year=None if p.year is None else p.year + delta) for p in prev.pieces()]
            it = _Item(moved[0], moved[1] if len(moved) > 1 else None, prev.due, prev.open_from)
        out.append(it)
    return out


def _need_year(default: Optional[int]) -> int:
    if default is None:
        raise _NotParsed("не указан год, а годы дорожной карты не заданы")
    return default


def _resolve(item: _Item, default: Optional[int], school_year: Optional[int] = None) -> Tuple[date, date]:
    """The span of an item, pieces without a year taking ``default`` (or their place in ``school_year``)."""
    a, b = replace(item.first), (replace(item.last) if item.last else None)
    if b is None:
        _fill_year(a, default, school_year)
        start, end = _span(a)
        if item.part:
            if a.unit == "acad":  # «середина учебного года»: of its school months, September to May
                m, d, offset = vocab.ACADEMIC_HALVES[max(vocab.ACADEMIC_HALVES)][1]
                assert a.year is not None  # _fill_year gave it one
                end = date(a.year + offset, m, d)
            start, end = _part_of((start, end), item.part)
        if item.due:
            due = start if item.due == "start" else end
            return due, due
        return start, end
    if a.unit == "day" and b.unit == "num":  # «с 1 марта по 15»
        b.unit, b.month, b.year = "day", a.month, b.year or a.year
    if a.unit == "year" and b.unit == "num" and b.n is not None and b.n < 100 and a.year:  # «2022-23»
        b.unit, b.year = "year", a.year // 100 * 100 + b.n
    if b.unit == "acad" and a.unit in ("year", "acad"):  # «2023-2024 гг. учебный год»
        if a.year is None or b.year is None:
            raise _NotParsed("в учебном году должны быть указаны оба года")
        return _span(_academic_year(a.year, b.year))
    if a.year is None and b.year is None and school_year is not None:
        _fill_year(a, default, school_year)
        _fill_year(b, default, school_year)
        if _span(b)[1] < _span(a)[0]:  # «август – сентябрь»: both in one calendar year, the one nearer the school year
            school = _school_year_span(school_year)

            def overlap(year: int) -> int:  # whole months inside the school year
                first, last = _span(replace(a, year=year))[0], _span(replace(b, year=year))[1]
                first, last = max(first, school[0]), min(last, school[1])
                return (last.year - first.year) * 12 + last.month - first.month + 1 if first <= last else 0

            a.year = b.year = max((school_year, school_year + 1), key=lambda y: (overlap(y), -y))
    elif a.year is None and b.year is None:
        a.year = b.year = _need_year(default)
        if _span(b)[1] < _span(a)[0]:
            b.year += 1
    elif a.year is None:
        assert b.year is not None  # not both are None
        a.year = b.year
        if _span(b)[1] < _span(a)[0]:
            a.year -= 1
    elif b.year is None:
        b.year = a.year
        if _span(b)[1] < _span(a)[0]:
            b.year += 1
    start, end = _span(a)[0], _span(b)[1]
    if item.part:
        start = _part_of(_span(a), item.part)[0]
    if end < start:
        raise _NotParsed(END_BEFORE_START)
    return start, end


def _explicit_year(item: _Item, last: bool = False) -> Optional[int]:
    years = [p.year for p in item.pieces() if p.year is not None]
    return (years[-1] if last else years[0]) if years else None


def _resolve_items(
    items: List[_Item], default: Optional[int], school_year: Optional[int] = None
) -> List[Tuple[date, date]]:
    """Spans of a list; an item without a year takes its neighbour's (right first).

    In a school year a list without years needs no running forward: each month has its place.
    """
    if school_year is not None and not any(_explicit_year(it) is not None for it in items):
        return [_resolve(it, default, school_year) for it in items]
    if not any(_explicit_year(it) is not None for it in items):
        spans: List[Tuple[date, date]] = []
        year = default
        for it in items:
            span = _resolve(it, year)
            if spans and span[0] < spans[-1][0] and year is not None:  # the list runs forward
                year += 1
                span = _resolve(it, year)
            spans.append(span)
        return spans
    spans = []
    for k, it in enumerate(items):
        year = next((_explicit_year(x) for x in items[k + 1 :] if _explicit_year(x) is not None), None)
        if year is None:
            year = next(
                (_explicit_year(x, last=True) for x in reversed(items[:k]) if _explicit_year(x) is not None), None
            )
        spans.append(_resolve(it, default, school_year) if year is None else _resolve(it, year))
    return spans


# ---------------------------------------------------------------------------
# Recurring spans
# ---------------------------------------------------------------------------
def _chunks(start: date, end: date, freq: str) -> List[Tuple[date, date]]:
    """Calendar months, quarters, halves or ISO weeks cut to [start, end]."""
    out = []
    if freq == "squarter":  # the school quarters (vocab.SCHOOL_QUARTERS) of each calendar year, in order
        for y in range(start.year, end.year + 1):
            for (m1, d1), (m2, d2) in sorted(vocab.SCHOOL_QUARTERS.values()):
                first, last = date(y, m1, d1), date(y, m2, d2)
                if last >= start and first <= end:
                    out.append((max(first, start), min(last, end)))
        return out
    if freq == "week":
        cur = start - timedelta(days=start.weekday())
        while cur <= end:
            out.append((max(cur, start), min(cur + timedelta(days=6), end)))
            cur += timedelta(days=7)
        return out
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12}[freq]
    y, m = start.year, (start.month - 1) // months * months + 1
    while date(y, m, 1) <= end:
        last_m = m + months - 1
        chunk_end = date(y, last_m, calendar.monthrange(y, last_m)[1])
        out.append((max(date(y, m, 1), start), min(chunk_end, end)))
        m += months
        if m > 12:
            y, m = y + 1, 1
    return out


def _school_year_span(school_year: int) -> Tuple[date, date]:
    (m1, d1), (m2, d2) = vocab.ACADEMIC_YEAR_START, vocab.ACADEMIC_YEAR_END
    return date(school_year, m1, d1), date(school_year + 1, m2, d2)


def _recurring(
    freq: str, items: List[_Item], years: List[int], after_period: bool = False, school_year: Optional[int] = None
) -> List[Tuple[date, date]]:
    year_items = [
        it
        for it in items
        if not it.open_from and not it.due and all(p.unit == "year" and p.year is not None for p in it.pieces())
    ]
    if year_items:  # «ежегодно до 1 июня (2022-2024 гг.)»: the years to repeat in
        covered: Set[int] = set()
        for start, end in _resolve_items(year_items, None):
            covered.update(range(start.year, end.year + 1))
        years, items = sorted(covered), [it for it in items if it not in year_items]
    elif school_year is not None:  # the school year is the span to repeat in
        _check_year(school_year + 1)
        if freq == "half" and not items:  # «2 раза в год»: each half of the school year
            return [_span(_Piece("acad_half", n, year=school_year)) for n in sorted(vocab.ACADEMIC_HALVES)]
        return _recurring_in(
            freq,
            items,
            [_school_year_span(school_year)],
            after_period,
            lambda its: _resolve_items(its, None, school_year),
        )
    if not years:
        raise _NotParsed("не указано, в какие годы повторять: годы дорожной карты не заданы")
    for y in years:
        _check_year(y)
    return _recurring_in(
        freq,
        items,
        [(date(y, 1, 1), date(y, 12, 31)) for y in years],
        after_period,
        lambda its: [s for y in years for s in _resolve_items(its, y)],
    )


def _recurring_in(
    freq: str,
    items: List[_Item],
    windows: List[Tuple[date, date]],
    after_period: bool,
    resolve: Callable[[List[_Item]], List[Tuple[date, date]]],
) -> List[Tuple[date, date]]:
    """Occurrences within ``windows`` (calendar years, or one school year); ``resolve`` places items."""
    if len(items) == 1 and items[0].open_from:  # «ежемесячно с сентября 2022 года»
        start = resolve(items)[0][0]
        end = windows[-1][1]
        if end < start:
            raise _NotParsed("повторения начинаются после последнего года дорожной карты")
        if freq == "year":
            return [(w_start, w_end) for w_start, w_end in windows if w_end >= start]
        return _chunks(start, end, freq)
    day_of_month = (
        freq != "week"
        and len(items) == 1
        and items[0].last is None
        and items[0].first.unit == "day"
        and items[0].first.month is None
    )
    if day_of_month:  # «ежемесячно до 5 числа», «ежеквартально до 5 числа»
        day = items[0].first.number()
        if not 1 <= day <= 31:
            raise _NotParsed(f"в месяце нет {day}-го числа")
        # within the month itself when monthly, else in the month after each period (its report)
        after = 1 if (after_period or freq != "month") else 0
        spans = []
        ends = [end for w_start, w_end in windows for _, end in _chunks(w_start, w_end, freq)]
        for end in ends:
            y, m = divmod(end.year * 12 + end.month - 1 + after, 12)
            d = date(y, m + 1, min(day, calendar.monthrange(y, m + 1)[1]))
            spans.append((d, d))
        return spans
    base = resolve(items) if items else list(windows)
    if freq != "year":
        base = [c for start, end in base for c in _chunks(start, end, freq)]
    return sorted(set(base))


# ---------------------------------------------------------------------------
# The phrase
# ---------------------------------------------------------------------------
def _trim_separators(toks: List[_Tok]) -> List[_Tok]:
    while toks and toks[0].kind == "sep":
        toks = toks[1:]
    while toks and toks[-1].kind == "sep":
        toks = toks[:-1]
    return toks


def _parse_dated(
    toks: List[_Tok], years: List[int], school_year: Optional[int] = None
) -> Tuple[str, List[Tuple[date, date]]]:
    kinds = {t.kind for t in toks}
    freqs = {t.key() for t in toks if t.kind == "recur"} if "recur" in kinds else set()
    if len(freqs) > 1:
        raise _NotParsed("указано несколько разных периодичностей")
    whole, after_period = "whole" in kinds, "after" in kinds
    if after_period and not freqs:
        raise _NotParsed("срок отсчитывается от отчётного периода, а периодичность не указана")
    month_part = next((t.key() for t in toks if t.kind == "mpart"), None)
    if month_part is not None and freqs != {"month"}:
        raise _NotParsed("не сказано, какого месяца: укажите месяц или «ежемесячно»")
    toks = _trim_separators([t for t in toks if t.kind not in ("recur", "whole", "after", "mpart")])
    cont = bool(toks) and toks[0].kind == "cont"
    if cont:
        toks = _trim_separators(toks[1:])
    each = _each_occurrence(toks, freqs)
    if each is not None:  # «в конце каждой четверти»: the marker applies to every occurrence
        toks = []
    items = _propagate_academic_years(_repeat_for_bare_years(_Reader(toks).items()))
    _propagate_units(items)
    first_year = years[0] if years else None
    if freqs:
        spans = _recurring(freqs.pop(), items, years, after_period, school_year)
        if month_part is not None:  # «ежемесячно, в конце месяца»: that part of each month
            spans = [_part_of(span, month_part) for span in spans]
        if each is not None:
            spans = [_marked_part(span, *each) for span in spans]
        if not spans:  # «раз в четверть … июль»: the repetition never falls within the window given
            raise _NotParsed("повторение не попадает ни в один названный срок: проверьте месяцы и годы")
        return "recurring", spans
    if whole and not items:
        if school_year is not None:
            return "continuous", [_school_year_span(school_year)]
        if not years:
            raise _NotParsed("весь период дорожной карты, но её годы не заданы")
        return "continuous", [(date(years[0], 1, 1), date(years[-1], 12, 31))]
    if not items:
        raise _NotParsed("после «в течение» не указан срок" if cont else "в тексте нет даты")
    spans = _resolve_items(items, first_year, school_year)
    if len(items) == 1 and items[0].open_from:
        last_day = (
            _school_year_span(school_year)[1]
            if school_year is not None
            else (date(years[-1], 12, 31) if years else None)
        )
        if last_day is None or last_day < spans[0][0]:
            raise _NotParsed("указано начало срока, но не его конец")
        return "continuous", [(spans[0][0], last_day)]
    if cont or whole:
        return "continuous", sorted(spans)
    if len(items) > 1:
        return "milestones", sorted(spans)
    item = items[0]
    if item.due or (item.last is None and item.first.unit == "day"):
        return "deadline", spans
    return "period", spans


def _each_occurrence(toks: List[_Tok], freqs: Set[str]) -> Optional[Tuple[str, str]]:
    """(kind, key) of the one marker beside a repetition with no date of its own: «в конце
    каждой четверти», «в начале каждого месяца», «к концу каждого квартала», «ежеквартально, в
    конце квартала». None otherwise."""
    if len(toks) == 2 and _UNIT_OF_KIND.get(toks[1].kind) in freqs:  # «…, в конце квартала»
        toks = toks[:1]
    if len(freqs) != 1 or len(toks) != 1 or toks[0].kind not in ("due", "part"):
        return None
    marker = toks[0]
    if marker.kind == "due" and freqs == {"month"}:  # «в конце каждого месяца» = «в конце месяца» of each
        phrase = normalize(f"{marker.text} месяца")
        for part, words in vocab.EACH_MONTH_PART_WORDS.items():
            if phrase in {normalize(w) for w in words}:
                return "part", part
    return marker.kind, marker.key()


def _marked_part(span: Tuple[date, date], kind: str, key: str) -> Tuple[date, date]:
    """One occurrence under its marker: a due date is its first or last day, a part its part."""
    if kind == "part":
        return _part_of(span, key)
    day = span[1] if key == "end" else span[0]
    return day, day


def _without_relative_clauses(toks: List[_Tok]) -> List[_Tok]:
    """Tokens without each clause that counts from an event (its marker up to a separator)."""
    out: List[_Tok] = []
    skipping = False
    for t in toks:
        if t.kind == "relative":
            skipping = True
        elif t.kind == "sep":
            skipping = False
        if not skipping:
            out.append(t)
    return out


def _without_comments(toks: List[_Tok]) -> List[_Tok]:
    """Tokens without each bracket that holds a word we do not know: «май (итоговый педсовет)» is May.

    Only when something with a date of its own is left: «(уточняется)» alone stays as it is.
    """
    out: List[_Tok] = []
    group: Optional[List[_Tok]] = None
    for t in toks:
        if t.kind == "sep" and t.text in "([":
            if group is not None:
                out.extend(group)
            group = [t]
        elif group is not None and t.kind == "sep" and t.text in ")]":
            if not any(g.kind == "word" for g in group):
                out.extend(group + [t])
            group = None
        elif group is not None:
            group.append(t)
        else:
            out.append(t)
    if group is not None:
        out.extend(group)
    if not any(t.kind not in ("dash", "sep", "none", "word") for t in out):
        return toks
    return out


def _dated_rest(rest: List[_Tok], years: List[int], school_year: Optional[int] = None) -> Optional[Tuple[str, tuple]]:
    """(kind, spans) of what is left beside a marker without a date of its own, if it is a date."""
    try:
        if any(t.kind not in ("dash", "sep") for t in rest):
            kind, spans = _parse_dated(rest, years, school_year)
            return kind, tuple(spans)
    except _NotParsed:
        pass
    return None


def _end_of_named_period(
    toks: List[_Tok], years: List[int], school_year: Optional[int]
) -> Optional[Tuple[str, Tuple[Tuple[date, date], ...]]]:
    """(kind, spans) of the end of the period named after «по итогам», «по окончании», «по
    завершении»: the last day of «I полугодия», «III четверти»; the last day of each one of
    «каждой четверти». None when what follows is an event, not a period («по итогам конкурса»)."""
    markers = {normalize(m) for m in vocab.END_OF_PERIOD_MARKERS}
    for i, t in enumerate(toks):
        if t.kind == "relative" and normalize(t.text) in markers:
            rest: List[_Tok] = []
            for after in toks[i + 1 :]:
                if after.kind in ("sep", "relative"):
                    break
                rest.append(after)
            if len(rest) == 1 and rest[0].kind in _BARE_UNITS:  # «по окончании четверти»: which one?
                raise _NotParsed(_bare_unit_reason(rest[0]))
            dated = _dated_rest(rest, years, school_year)
            if dated and dated[0] in ("period", "deadline") and dated[1]:
                last = max(end for _, end in dated[1])
                return "deadline", ((last, last),)
            if dated and dated[0] == "recurring" and dated[1]:
                return "recurring", tuple((end, end) for _, end in dated[1])
    return None


NUMBER_NO_DATE_HOLDS = "в сроке число, которого не бывает в дате (слишком длинное)"


def parse_deadline(text: str, years: Sequence[int] = (), school_year: Optional[int] = None) -> Deadline:
    """Read one deadline cell; ``years`` are the roadmap's years (the first is the default).

    ``school_year`` (2023 for 2023-2024) makes the roadmap's period that school year: a
    yearless September–December is in 2023, January–August in 2024, «I полугодие» and
    «в течение года» are the school year's. Never raises on any text: what it cannot read
    comes back as ``unparsed`` with the reason in Russian. Parses are cached by (text, years,
    school year): a roadmap repeats its deadlines, and ``Deadline`` is frozen, so one parse
    can serve every activity.
    """
    return _parse_deadline_cached("" if text is None else str(text), tuple(years), school_year)


@functools.lru_cache(maxsize=8192)
def _parse_deadline_cached(text: str, years: tuple, school_year: Optional[int]) -> Deadline:
    return _parse_deadline_uncached(text, years, school_year)


def _parse_deadline_uncached(text: str, years: Sequence[int] = (), school_year: Optional[int] = None) -> Deadline:
    """``parse_deadline`` without its cache."""
    text = "" if text is None else str(text)
    years_list = sorted({int(y) for y in years} | (set() if school_year is None else {school_year, school_year + 1}))
    try:
        toks = _tokens(normalize(text))
    except ValueError:  # a number of thousands of digits: Python will not even convert it
        return Deadline(text, "unparsed", (), NUMBER_NO_DATE_HOLDS)
    if not any(t.kind not in ("dash", "sep", "none") for t in toks):
        return Deadline(text, "missing", (), "срок не указан")
    toks = _without_comments(toks)
    kinds = {t.kind for t in toks}
    try:
        if "ondemand" in kinds:
            dated = _dated_rest([t for t in toks if t.kind != "ondemand"], years_list, school_year)
            return Deadline(text, *dated) if dated else Deadline(text, "on_demand")
        if "relative" in kinds:
            dated = _dated_rest(_without_relative_clauses(toks), years_list, school_year)
            if dated:
                return Deadline(text, *dated)
            ended = _end_of_named_period(toks, years_list, school_year)
            if ended is not None:  # «по итогам I полугодия»: due when that period ends
                return Deadline(text, *ended)
            word = next(t.text for t in toks if t.kind == "relative")
            raise _NotParsed(f"срок отсчитывается от события («{word} …»), а не задан датой")
        kind, spans = _parse_dated(toks, years_list, school_year)
    except _NotParsed as exc:
        return Deadline(text, "unparsed", (), exc.reason)
    except (ValueError, OverflowError):  # «3333333333 декабря»: a day or year no date holds
        return Deadline(text, "unparsed", (), NUMBER_NO_DATE_HOLDS)
    return Deadline(text, kind, tuple(spans))
