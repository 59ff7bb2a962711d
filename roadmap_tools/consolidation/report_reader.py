"""Reading one municipality's monitoring report: whose it is and what it reports.

``read_report(path)`` takes a filled monitoring form (.xlsx/.xlsm, or a Word .docx
with a cover letter in front of the table) or one of our roadmap workbooks, and
returns a ``Report``, or an ``Unreadable`` with the reason in Russian. It never
raises and never runs macros: only cell values are read.

The table is found by its header row (any order and wording the header vocabulary
knows: ``headers.recognise_header``), not by fixed positions, so forms typed by hand
are read too. The definitions of what counts are in ``consolidate``'s docstring.
"""

from __future__ import annotations

import functools
import itertools
import re
import stat
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Union
from xml.etree import ElementTree

from roadmap_tools.errors import RoadmapError
from roadmap_tools.lexicon import vocab
from roadmap_tools.lexicon.morphology import (
    adjective_before_noun,
    analyzer,
    is_genitive_adjective,
    is_genitive_town,
    place_nominative,
    place_word_nominative,
)
from roadmap_tools.reading.docx_tables import read_docx
from roadmap_tools.reading.headers import recognise_header
from roadmap_tools.reading.tablerows import (
    RawRow,
    TableLayout,
    is_column_numbering,
    layout_for_continuation,
    numbered_section_row,
    same_header,
)
from roadmap_tools.reading.xlsx_values import read_workbook_sheets
from roadmap_tools.safeio import CheckedArchive, check_archive_parts, stat_if_exists
from roadmap_tools.sheetplan.operations import bounds
from roadmap_tools.workbook.schema import SHEET_ROADMAP

#: Where the municipality's name was found.
NAME_FROM_TITLE = "заголовок формы"
NAME_FROM_LETTER = "письмо"
NAME_FROM_SETTINGS = "настройки книги"
NAME_FROM_FILE = "имя файла"

KIND_FORM = "форма"
KIND_ROADMAP = "дорожная карта"

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
WORD_SUFFIXES = (".docx",)
OLD_SUFFIXES = (".xls", ".doc")
REPORT_SUFFIXES = EXCEL_SUFFIXES + WORD_SUFFIXES + OLD_SUFFIXES

#: A report is a few hundred KB; anything far larger is not a report.
MAX_REPORT_BYTES = 50 * 1024 * 1024
#: The header row must be among the first rows of a sheet.
HEADER_SEARCH_ROWS = 40

URL_RE = re.compile(r"https?://[^\s<>\"'«»()\[\]{}]+", re.IGNORECASE)
#: «uo-kushva.ru/docs/a.pdf»: an address without «http://», with a path (not an e-mail, not a bare site)
BARE_URL_RE = re.compile(
    r"(?<![\w@./:-])(?:www\.)?(?:[a-zа-яё0-9][a-zа-яё0-9-]*\.)+(?:"
    + "|".join(re.escape(d) for d in sorted(vocab.LINK_DOMAINS, key=len, reverse=True))
    + r")/[^\s<>\"'«»()\[\]{}]+",
    re.IGNORECASE,
)
_URL_TRAILING = ".,;:!?"
_DATE_RE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_PERIOD_WORDS_RE = re.compile(vocab.TEXT_PATTERNS["report_period_words"], re.IGNORECASE)
_FOR_RE = re.compile(vocab.TEXT_PATTERNS["report_period_for"], re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;!?](?:\s+[А-ЯЁA-Z]|$)|,\s")
#: «(г. Кузнецк)», «(Равенство…)»: words in parentheses with no digit say nothing of the period
_PARENTHESIS_WITHOUT_DIGITS = re.compile(r"\([^()\d]*\)")


@dataclass
class ReportRow:
    """One activity row of a report."""

    section: str = ""
    number: str = ""
    activity: str = ""
    info: str = ""
    link: str = ""
    control: str = ""  # deadline control status (roadmap workbooks only)
    row: Optional[int] = None  # 1-based row in the sheet or table
    row_id: str = ""  # the stable id of its roadmap row (roadmap workbooks only; see ``rowid``)

    @property
    def reported(self) -> bool:
        return has_information(self.info)

    @property
    def urls(self) -> list:
        return find_urls(self.link) + find_urls(self.info)

    @property
    def has_link(self) -> bool:
        # asked for every row by several sheets: no list of the addresses built to be counted
        return bool(_urls_of(str(self.link or ""))) or bool(_urls_of(str(self.info or "")))


@dataclass
class Report:
    """One file's report, read: whose it is and its activity rows."""

    file: str
    name: str
    name_source: str
    kind: str = KIND_FORM
    title: str = ""
    period: Optional[tuple] = None  # (start, end) dates of the reporting period, if the title says
    rows: list = field(default_factory=list)  # list[ReportRow]
    sheet: str = ""

    @property
    def activities(self) -> int:
        return len(self.rows)

    @property
    def reported(self) -> int:
        return sum(1 for r in self.rows if r.reported)

    @property
    def with_link(self) -> int:
        return sum(1 for r in self.rows if r.has_link)

    def overdue_rows(self, as_of: date) -> list:
        """Roadmap workbook: rows whose control status is «Просрочено». Form: rows with no
        information once the form's period has ended (none when the period is unknown)."""
        if self.kind == KIND_ROADMAP:
            return [r for r in self.rows if r.control == vocab.CONTROL_OVERDUE]
        if self.period is None or self.period[1] >= as_of:
            return []
        return [r for r in self.rows if not r.reported]

    @property
    def sections(self) -> list:
        seen = []
        for r in self.rows:
            if r.section not in seen:
                seen.append(r.section)
        return seen


@dataclass(frozen=True)
class Unreadable:
    """A file that could not be read, with the reason in Russian."""

    file: str
    reason: str


# --- what counts ---------------------------------------------------------------------
def _fold(text: str) -> str:
    return " ".join(str(text).lower().replace("ё", "е").split()).strip(" .,;:!")


_NO_INFO = {_fold(w) for w in vocab.NO_INFO_WORDS} | {w for w in vocab.NO_INFO_WORDS}
_NOT_DONE_RE = re.compile(
    r"^(?:(?:"
    + "|".join(re.escape(_fold(w)) for w in sorted(vocab.NOT_DONE_SUBJECTS, key=len, reverse=True))
    + r")\s+)?(?:"
    + "|".join(re.escape(_fold(w)) for w in vocab.NOT_DONE_STARTS)
    + ")"
)


@functools.lru_cache(maxsize=65536)  # asked for each row by every sheet of the summary
def has_information(text: str) -> bool:
    """An information cell counts when it says something done: not empty, «-», «нет», and not a
    statement that the activity was not held («не проводилось …», «мероприятие перенесено …»)."""
    stripped = str(text or "").strip()
    if not stripped:
        return False
    folded = _fold(stripped)
    return stripped not in _NO_INFO and folded not in _NO_INFO and not _NOT_DONE_RE.match(folded)


def find_urls(text: str) -> list:
    """Every web address in a text, as written, in order: http(s) ones («ссылка на документ:
    https://…» included) and those written without «http://» but with a path («uo.ru/a.pdf»)."""
    return list(_urls_of(str(text or "")))


@functools.lru_cache(maxsize=65536)  # asked for each row by every sheet of the summary
def _urls_of(text: str) -> tuple:
    found = [(m.start(), m.group(0)) for m in URL_RE.finditer(text)]
    found += [(m.start(), m.group(0)) for m in BARE_URL_RE.finditer(URL_RE.sub(lambda m: " " * len(m.group(0)), text))]
    return tuple(url.rstrip(_URL_TRAILING) for _, url in sorted(found))


# --- whose report ----------------------------------------------------------------
def _marker_pattern() -> re.Pattern:
    alternatives = []
    for marker, _ in sorted(vocab.MUNICIPALITY_MARKERS, key=lambda m: -len(m[0])):
        if len(marker) <= 2 and marker.isalpha() and marker != "г":
            alternatives.append(re.escape(marker.upper()) + r"\s+")  # «ГО», «МО»: abbreviations only
        elif marker.endswith("."):
            alternatives.append(re.escape(marker).replace(r"\ ", r"\s+") + r"\s*")
        else:
            alternatives.append("(?i:" + re.escape(marker).replace(r"\ ", r"\s+") + r")\s+")
    name = r"[«\"]?((?:[А-ЯЁ][а-яё]+)(?:-(?:на-)?[А-ЯЁ]?[а-яё]+)*(?:\s+[А-ЯЁ][а-яё]+)?)[»\"]?"
    return re.compile(r"(?<![А-Яа-яЁё])(" + "|".join(alternatives) + ")" + name)


_MARKER_RE = _marker_pattern()
_MARKER_CASE = {m: case for m, case in vocab.MUNICIPALITY_MARKERS}
_DISTRICT_RE = re.compile(
    r"(?<![А-Яа-яЁё])("
    + vocab.TEXT_PATTERNS["district_adjective"]
    + r")\s+("
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(vocab.DISTRICT_WORDS, key=len, reverse=True))
    + r")(?![А-Яа-яЁё])"
)


@functools.lru_cache(maxsize=4096)  # the titles of one region's forms differ only in a few words
def municipality_in(text: str) -> str:
    """The municipality a title or a sender block names, in the nominative, or ''.

    «… города Кузнецка …» -> «Кузнецк», «ГО Карпинск» -> «Карпинск»,
    «Сердобского района» -> «Сердобский район».
    """
    text = " ".join(str(text or "").split())
    district = _DISTRICT_RE.search(text)
    match = _MARKER_RE.search(text)
    if district and (not match or district.start() <= match.start()):
        return _district_name(district.group(1), district.group(2))
    while match:
        name = _name_after_marker(match.group(1), match.group(2))
        if name.lower() not in ("образования", "области", "края", "республики", "российской"):
            return name
        match = _MARKER_RE.search(text, match.end())
    return ""


# The words found are put in the nominative once: titles that differ in their period name the
# same municipality in the same words.
@functools.lru_cache(maxsize=4096)
def _district_name(adjective: str, district: str) -> str:
    """«Сердобского» «района» -> «Сердобский район»."""
    nominative = place_word_nominative(adjective, ("gent", "loct"), part="ADJF")
    return f"{nominative} {vocab.DISTRICT_WORDS[_fold(district)]}"


@functools.lru_cache(maxsize=4096)
def _name_after_marker(marker_text: str, name_text: str) -> str:
    """The name after a marker, in the nominative: «города» «Кузнецка» -> «Кузнецк»."""
    marker = " ".join(marker_text.lower().split())
    case = _MARKER_CASE.get(marker) or _MARKER_CASE.get(marker.rstrip(".")) or "nom"
    words = name_text.split()
    if words[0].lower() == "город" and len(words) > 1:
        words = words[1:]
    # a second word belongs to the name only after an adjective («Нижнего Ломова»)
    if len(words) > 1 and not adjective_before_noun(words[0], words[1]):
        words = words[:1]
    # «г. Заречного», «г. Нижнего Ломова»: an adjective in the genitive after a nominative marker
    if case == "gen" or is_genitive_adjective(words[0]) or len(words) == 1 and is_genitive_town(words[0]):
        return place_nominative(words, ("gent",))
    return " ".join(words)


def municipality_from_file_name(path: Union[str, Path]) -> str:
    """A name from the file name: «Отчет_г.Кузнецк_2023.xlsx» -> «Кузнецк»."""
    stem = re.sub(r"[_\s]+", " ", Path(path).stem).strip()
    found = municipality_in(stem)
    if found:
        return found
    skip = {_fold(w) for w in vocab.REPORT_FILE_WORDS}
    words = [
        w for w in re.split(r"[\s\-–—.,()]+", stem) if w and not any(ch.isdigit() for ch in w) and _fold(w) not in skip
    ]
    return " ".join(words) or stem


def municipality_key(name: str) -> str:
    """The key two files of one municipality share («Кузнецк», «кузнецк »)."""
    return _fold(name).replace("«", "").replace("»", "").replace('"', "")


def same_municipality_keys(keys: Iterable[str]) -> dict:
    """key -> the key it stands for: a name left in the genitive («г. Кузнецка») joins its
    nominative («Кузнецк») when both occur among ``keys``; a lone genitive stays as it is,
    because «Каменка» and «Каменки» cannot be told apart without the other."""
    present = set(keys)
    merged = {}
    for key in present:
        nominative = place_nominative(key.split(" "), known=False)
        merged[key] = nominative if nominative != key and nominative in present else key
    return merged


# --- the reporting period -------------------------------------------------------
@functools.lru_cache(maxsize=4096)  # one region's forms share a few titles
def period_in(text: str) -> Optional[tuple]:
    """The reporting period a title or a letter states, or None.

    Read from the words after «за период»/«в период» (else after the last «за»):
    two dates («с 01.02.2023 по 31.05.2023»), or a phrase the deadline parser reads
    («с февраля по май 2023 года», «1 квартал 2023 года»). Other dates of a letter
    (its own date, the request's) are not a period.
    """
    text = _PARENTHESIS_WITHOUT_DIGITS.sub(" ", " ".join(str(text or "").split()))
    match = _PERIOD_WORDS_RE.search(text) or _FOR_RE.search(text)
    if not match:
        return None
    fragment = _SENTENCE_END.split(match.group(1), maxsplit=1)[0][:120]
    dates = []
    for d, m, y in _DATE_RE.findall(fragment):
        try:
            dates.append(date(int(y), int(m), int(d)))
        except ValueError:
            continue
    if len(dates) >= 2:
        return min(dates), max(dates)
    try:
        from roadmap_tools.deadlines import parse_deadline

        parsed = parse_deadline(re.split(vocab.TEXT_PATTERNS["report_period_tail"], fragment)[0].strip())
    except Exception:  # a phrase the parser does not know (or no parser yet): period unknown
        return None
    if parsed.has_dates and parsed.kind in ("period", "deadline", "continuous"):
        return parsed.start, parsed.end
    return None


# --- tables ----------------------------------------------------------------------
def rows_of_table(rows: Sequence[RawRow], layout: TableLayout) -> list:
    """Activity rows of a report table (the rows after its header), with their sections.

    A section row is one title alone in the row (a cell merged across it, or the only
    text, outside the activity and reporting columns), or a numbered heading («I.», «1.» above 1.1, 1.2) with
    nothing reported; the «1 2 3 4» row under the header is skipped; a row with no number
    after a numbered one continues it (a row split by a page break), text alone in the
    information or link column too.
    """
    result: list = []
    section = ""
    numbered = "number" in layout.fields
    header_width = sum(1 for t in layout.titles if t)
    content = [name for name in layout.fields if name not in ("number", "activity", "section")]
    # ``layout.get``'s columns, looked up once: ``logical`` gives every row all the layout's columns
    width = len(layout.titles)
    columns = {name: index for name, index in layout.fields.items() if index < width}
    at_activity, at_number = columns.get("activity"), columns.get("number")
    at_info, at_link = columns.get("info"), columns.get("link")
    at_content = [columns[name] for name in content if name in columns]
    for position, raw in enumerate(rows):
        cells, _ = layout.logical(raw)
        filled = [c for c in cells if c]
        if (
            not filled
            # the «1 2 3 4» row (its first texts numbers: most rows are told apart at once)
            or (
                len(filled) > 1
                and filled[0].rstrip(".").isdigit()
                and filled[1].rstrip(".").isdigit()
                and is_column_numbering(cells)
            )
            or (len(filled) == header_width and same_header(cells, layout))
        ):  # the header again, on a new page
            continue
        activity = cells[at_activity] if at_activity is not None else ""
        number = cells[at_number] if at_number is not None else ""
        reported = any(cells[index] for index in at_content)
        # text alone under «Информация»/«Ссылка» after a row is the rest of that row, cut by a page break
        rest_of_row = bool(result) and len(filled) == 1 and reported
        if (None in raw.cells and raw.is_one_cell) or (
            len(set(filled)) == 1 and not rest_of_row and (not activity or (activity == number and len(filled) > 1))
        ):
            section = " ".join(filled[:1])
            continue
        # a heading reports nothing: a row with information or a link is never one
        if not reported and numbered_section_row(
            raw, cells, layout, itertools.islice(rows, position + 1, None), content
        ):
            section = " ".join(c for c in cells if c)  # «I. Организационное сопровождение»
            continue
        info = cells[at_info] if at_info is not None else ""
        link = cells[at_link] if at_link is not None else ""
        if raw.links:  # Word hyperlinks behind a cell's text («Приказ» pointing at https://…) count as links
            hidden = [url for grid, url in raw.links if layout.inside(grid) and url not in find_urls(f"{link} {info}")]
            link = " ".join([link] + hidden).strip()
        else:
            link = link.strip()
        previous = result[-1] if result else None
        if previous is not None and numbered and not number and (previous.number or not activity):
            for name, text in (("activity", activity), ("info", info), ("link", link)):
                if text:
                    current = getattr(previous, name)
                    setattr(previous, name, f"{current} {text}" if current else text)
            continue
        if not activity:
            continue  # a number with nothing to do («Начальник | | | Иванов» of a signature table) is no activity
        result.append(ReportRow(section, number, activity, info, link, "", raw.row))
    return result


def find_header(rows: Sequence, limit: int = HEADER_SEARCH_ROWS) -> Optional[tuple]:
    """(index of the header row, its ``TableLayout``) of a report table, or None.

    A report table has an activity column and an information or a link column.
    """
    for index, row in enumerate(rows[:limit]):
        texts = row.texts
        if sum(1 for c in texts if c) < 2:
            continue
        columns = recognise_header(texts)
        if columns and "activity" in columns and ("info" in columns or "link" in columns):
            starts = [grid for grid, value in enumerate(row.cells) if value is not None]
            return index, TableLayout(titles=texts, fields=dict(columns), starts=starts)
    return None


# --- files -------------------------------------------------------------------------
class _Refused(Exception):
    """A reason not to read a file, in Russian."""


def _kept_for_reading(name: str) -> bool:
    """Members the readers take from the archive check, not from the file again: the workbook's
    list of sheets, its shared strings and styles and the sheets (their values and hyperlinks),
    the Word package's map and its body."""
    return (
        name.startswith(("xl/worksheets/", "xl/workbook.xml", "xl/_rels/workbook.xml"))
        or name in ("xl/sharedStrings.xml", "xl/styles.xml")
        or name.endswith(".rels")
        or name in ("[Content_Types].xml", "word/document.xml")
    )


def _check_file(path: Path) -> CheckedArchive:
    st = stat_if_exists(path)
    if st is None:
        raise _Refused("файл не найден.")
    if stat.S_ISDIR(st.st_mode):
        raise _Refused("это папка, а не файл.")
    size = st.st_size
    if size == 0:
        raise _Refused("файл пуст (0 байт): пришлите его заново.")
    if size > MAX_REPORT_BYTES:
        raise _Refused(
            f"файл слишком большой ({size // (1024 * 1024)} МБ; отчёт не бывает больше "
            f"{MAX_REPORT_BYTES // (1024 * 1024)} МБ): проверьте, тот ли это файл."
        )
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise _Refused("старый формат Excel 97-2003 (.xls): откройте файл в Excel и сохраните как .xlsx.")
    if suffix == ".doc":
        raise _Refused("старый формат Word 97-2003 (.doc): откройте файл в Word и сохраните как .docx.")
    if suffix not in EXCEL_SUFFIXES + WORD_SUFFIXES:
        raise _Refused(f"формат «{suffix or 'без расширения'}» не поддерживается: нужен .xlsx, .xlsm или .docx.")
    try:  # an encrypted file or an old format renamed (OLE) is refused here too, as ``ole_refusal`` says
        return check_archive_parts(
            path, "книга Excel (.xlsx)" if suffix in EXCEL_SUFFIXES else "документ Word (.docx)", _kept_for_reading
        )
    except RoadmapError as exc:
        raise _Refused(" ".join(p for p in (exc.message, exc.hint) if p)) from None


def load_shared_state() -> None:
    """Load what a first reading would: the morphology dictionaries (names in the genitive)
    and python-calamine. Worker processes forked after it share them instead of each
    loading its own."""
    import python_calamine  # noqa: F401  (loaded to be shared)

    analyzer()


def read_report(path: Union[str, Path], as_of: Optional[date] = None) -> Union[Report, Unreadable]:
    """Read one report file; never raises: a file we cannot read gives an ``Unreadable``."""
    p = Path(path)
    try:
        checked = _check_file(p)
        if p.suffix.lower() in WORD_SUFFIXES:
            return _read_word(p, checked)
        return _read_excel(p, as_of or date.today(), checked)
    except _Refused as refused:
        return Unreadable(str(p), str(refused))
    except MemoryError:
        return Unreadable(str(p), "файл слишком велик для чтения.")
    except Exception as exc:  # a broken file must not stop the other 999
        return Unreadable(str(p), f"файл не читается ({type(exc).__name__}: {exc}); откройте его и сохраните заново.")


_NO_TABLE = (
    "не найдена таблица отчёта: нужна строка заголовков со столбцами «Мероприятие» и "
    "«Информация о проведении мероприятия» или «Ссылка на документ»."
)
_NO_ROWS = "таблица отчёта найдена, но в ней нет ни одного мероприятия."


def _name_and_source(path: Path, title: str, letter: Sequence[str] = (), settings_name: str = "") -> tuple:
    """The municipality and where it was found. The letter's paragraphs are tried one by one
    (a name never runs on into the next line: «г. Заречного» / «Исх. № 12»), then together."""
    candidates = [(title, NAME_FROM_TITLE)] + [(p, NAME_FROM_LETTER) for p in letter]
    candidates += [(" ".join(letter), NAME_FROM_LETTER), (settings_name, NAME_FROM_SETTINGS)]
    for text, source in candidates:
        name = municipality_in(text)
        if name:
            return name, source
    return municipality_from_file_name(path), NAME_FROM_FILE


def _read_excel(path: Path, as_of: date, checked: CheckedArchive) -> Union[Report, Unreadable]:
    try:
        sheets = read_workbook_sheets(path, checked=True, archive=checked)  # read_report has just checked the file
    except Exception as exc:
        raise _Refused(
            f"книга Excel повреждена и не открывается ({exc}); откройте её в Excel и сохраните заново."
        ) from exc
    if any(sheet.name == SHEET_ROADMAP for sheet in sheets):
        return _read_roadmap_workbook(path, as_of, {sheet.name: sheet.values for sheet in sheets})
    for sheet_index, sheet in enumerate(sheets):
        found = find_header(sheet.rows)
        if not found:
            continue
        index, layout = found
        table_rows = rows_of_table(sheet.rows[index + 1 :], layout)
        if not table_rows:
            return Unreadable(str(path), f"лист «{sheet.name}»: {_NO_ROWS}")
        _add_hyperlinks(checked, sheet_index, table_rows, sheet.xml)
        title = " ".join(t for row in sheet.rows[:index] for t in row.texts if t)
        name, source = _name_and_source(path, title)
        return Report(str(path), name, source, KIND_FORM, title, period_in(title), table_rows, sheet.name)
    return Unreadable(str(path), _NO_TABLE)


def _add_hyperlinks(checked: CheckedArchive, sheet_index: int, rows: list, sheet_root=None) -> None:
    """Links typed as Excel hyperlinks («Приказ» pointing at https://…) count as links too.

    calamine reads values only, so the hyperlinks of the sheet are read from its XML (as the
    archive check kept it: not decompressed again). ``sheet_root``: that XML already parsed
    (``xlsx_parts`` read the values from it), where its hyperlinks are found without a search."""
    if not rows:
        return
    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    if not any(n.startswith("xl/worksheets/_rels/") for n in checked.names):
        return  # no sheet has relationships, so no sheet has a hyperlink to a web address
    with _Members(checked) as member:
        sheet_xml, rels_xml = _sheet_part(member, sheet_index)
        if sheet_xml is None:
            return
        links = _parsed_hyperlinks(sheet_root)
        if links is None:
            data = member(sheet_xml)
            if data is None:
                raise KeyError(f"There is no item named {sheet_xml!r} in the archive")
            first = _first_hyperlink_tag(data)
            if first < 0:
                return
            links = _hyperlink_elements(data, first)
        elif not len(links):
            return
        rels = member(rels_xml)
        targets = _relationship_targets(rels) if rels is not None else {}
    by_row: Dict[int, List[str]] = {}
    for link in links.iter(f"{ns_main}hyperlink"):
        target = targets.get(link.get(f"{ns_rel}id"), "")
        if target.lower().startswith(("http://", "https://")):
            r1, _, _, _ = bounds(link.get("ref", "A1"))
            by_row.setdefault(r1, []).append(target)
    for row in rows:
        for target in by_row.get(row.row, []):
            if target not in row.urls:
                row.link = f"{row.link} {target}".strip()


def _parsed_hyperlinks(root):
    """The ``<hyperlinks>`` element of a parsed sheet (an empty list when it has none); None
    when the sheet is not parsed or not plain (hyperlinks elsewhere, several lists, another
    namespace): the sheet's XML is then searched as before."""
    if root is None:
        return None
    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    lists, anywhere = [], 0
    for element in root.iter("{*}hyperlinks", "{*}hyperlink"):  # one walk of the sheet for both
        if element.tag.endswith("}hyperlinks") or element.tag == "hyperlinks":
            lists.append(element)
        else:
            anywhere += 1
    if not lists:
        return [] if not anywhere else None
    (found,) = lists if len(lists) == 1 else (None,)
    if found is None or found.tag != f"{ns_main}hyperlinks" or found.getparent() is not root:
        return None
    if len(found.findall(f"{ns_main}hyperlink")) != anywhere:
        return None
    return found


class _Members:
    """A member's bytes by name: as the archive check kept them, else from the file (opened once,
    only if needed); None for a member the archive does not hold."""

    def __init__(self, checked: CheckedArchive):
        self.checked = checked
        self.names = checked.names
        self.zf: Optional[zipfile.ZipFile] = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if self.zf is not None:
            self.zf.close()

    def __call__(self, name: str) -> Optional[bytes]:
        if name in self.checked.parts:
            return self.checked.parts[name]
        if name not in self.names:
            return None
        if self.zf is None:
            self.zf = zipfile.ZipFile(self.checked.path)
        return self.zf.read(name)


_ROOT_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?worksheet\b[^>]*>")
_NAMESPACE = re.compile(rb"""\sxmlns(?::[A-Za-z_][\w.-]*)?\s*=\s*(?:"[^"]*"|'[^']*')""")
_HYPERLINKS = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?hyperlinks)\b.*?</\1\s*>", re.DOTALL)


def _first_hyperlink_tag(data: bytes) -> int:
    """Where «<hyperlink» or «:hyperlink» first occurs in a sheet's XML, -1 if nowhere (one
    search for the word, not one for each spelling)."""
    found = data.find(b"hyperlink")
    while found >= 0:
        if found > 0 and data[found - 1] in b"<:":
            return found - 1
        found = data.find(b"hyperlink", found + 1)
    return -1


def _hyperlink_elements(data: bytes, first: int = 0):
    """The sheet's ``<hyperlinks>`` element, parsed alone under the worksheet's namespaces
    (the sheet's cells, most of its XML, are not parsed again); the whole sheet if it cannot
    be cut out. ``first``: where the first hyperlink tag is (no such element opens before the
    last «<» before it)."""
    start = max(0, data.rfind(b"<", 0, first + 1))
    root, links = _ROOT_TAG.search(data), _HYPERLINKS.search(data, start)
    if root is None or links is None:
        return ElementTree.fromstring(data)
    namespaces = b"".join(_NAMESPACE.findall(root.group(0)))
    return ElementTree.fromstring(b"<cut" + namespaces + b">" + links.group(0) + b"</cut>")


def _sheet_part(member: Callable[[str], Optional[bytes]], sheet_index: int) -> tuple:
    """(path of the sheet's XML, path of its relationships) for the n-th sheet of the workbook."""
    book_xml, rels_xml = member("xl/workbook.xml"), member("xl/_rels/workbook.xml.rels")
    if book_xml is None or rels_xml is None:
        return None, None
    return _sheet_part_of(book_xml, rels_xml, sheet_index)


# The forms of one region are filled in from one template: their workbook parts are the same
# bytes, so they are parsed once (a pure function of the bytes).
@functools.lru_cache(maxsize=256)
def _sheet_part_of(book_xml: bytes, rels_xml: bytes, sheet_index: int) -> tuple:
    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    book = ElementTree.fromstring(book_xml)
    rels = ElementTree.fromstring(rels_xml)
    sheets = list(book.iter(f"{ns_main}sheet"))
    if sheet_index >= len(sheets):
        return None, None
    rid = sheets[sheet_index].get(f"{ns_rel}id")
    target = next((r.get("Target") for r in rels if r.get("Id") == rid), None)
    if not target:
        return None, None
    part = target.lstrip("/") if target.startswith("/") else "xl/" + target
    folder, _, name = part.rpartition("/")
    return part, f"{folder}/_rels/{name}.rels"


def _relationship_targets(rels_xml: bytes) -> dict:
    """Relationship id -> target of a part's relationships."""
    return {rel.get("Id"): rel.get("Target", "") for rel in ElementTree.fromstring(rels_xml)}


def _read_word(path: Path, checked: CheckedArchive) -> Union[Report, Unreadable]:
    document = read_docx(path, checked=True, parts=checked.parts, names=checked.names)  # checked just now
    for table_index, table in enumerate(document.tables):
        found = find_header(table)
        if not found:
            continue
        index, layout = found
        table_rows = rows_of_table(table[index + 1 :], layout)
        table_rows += _continuation_rows(document.tables[table_index + 1 :], layout)
        if not table_rows:
            return Unreadable(str(path), _NO_ROWS)
        before = [p.strip() for p in document.paragraphs_before(table_index) if p.strip()]
        titles = [p for p in before if any(w in p.lower() for w in vocab.REPORT_TITLE_WORDS)]
        title = titles[-1] if titles else ""
        name, source = _name_and_source(path, title, _sender_block(before))
        period = period_in(title) or period_in(" ".join(before))
        return Report(str(path), name, source, KIND_FORM, title, period, table_rows)
    return Unreadable(str(path), _NO_TABLE)


def _continuation_rows(tables: Sequence, layout: TableLayout) -> list:
    """Rows of the tables after the report's own that continue it (a table broken by a
    page break): with the same header repeated, or with no header and the same columns."""
    rows: list = []
    for table in tables:
        found = find_header(table)
        if found is not None:
            index, other = found
            if not same_header(other.titles, layout):
                break  # another table (signatures, a second form): the report ended
            rows += rows_of_table(table[index + 1 :], other)
            continue
        continued = layout_for_continuation(table, layout)
        if continued is None:
            break
        rows += rows_of_table(table, continued)
    return rows


def _sender_block(paragraphs: Sequence[str]) -> list:
    """The letter's sender requisites: the short paragraphs at the top, from the first that
    names an authority («Управление образования города Кузнецка»)."""
    for index, text in enumerate(paragraphs[:15]):
        if any(w in text.lower() for w in vocab.SENDER_WORDS):
            return list(paragraphs[index : index + 3])
    return []


def _read_roadmap_workbook(path: Path, as_of: date, values: dict) -> Union[Report, Unreadable]:
    """Our own roadmap workbook (its sheets' ``values`` already read): the reporting columns of
    «Дорожная карта» and the deadline control status of each activity as of ``as_of``."""
    from roadmap_tools.control import DEFAULT_DUE_SOON_DAYS, deadline_status
    from roadmap_tools.workbook.book import roadmap_of_sheet_values

    try:
        roadmap, settings = roadmap_of_sheet_values(values, str(path))
    except RoadmapError as exc:
        raise _Refused(" ".join(p for p in (exc.message, exc.hint) if p)) from None
    due_soon = settings.get("due_soon_days") or DEFAULT_DUE_SOON_DAYS
    rows = [
        ReportRow(
            section=a.section,
            number=a.number,
            activity=a.activity,
            info=a.info,
            link=a.link,
            control=deadline_status(a, as_of, due_soon).status,
            row=a.source.row,
            row_id=a.row_id,
        )
        for a in roadmap.activities()
    ]
    if not rows:
        return Unreadable(str(path), f"лист «{SHEET_ROADMAP}»: в дорожной карте нет ни одного мероприятия.")
    name, source = _name_and_source(path, roadmap.title, (), roadmap.organisation)
    return Report(str(path), name, source, KIND_ROADMAP, roadmap.title, None, rows, SHEET_ROADMAP)
