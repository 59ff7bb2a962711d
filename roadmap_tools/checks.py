"""Checks of a roadmap's entries: what a methodologist must fix before reporting.

Pure: a ``Roadmap`` in, a list of ``Finding`` out. Every finding names the sheet, the
cell (A1), the activity's number and says in Russian what to fix. The texts, the
severities and the duplicate rules are data (``RULES``, ``STEM_LENGTH``, ``NEAR_DUPLICATE_*``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from datetime import date
from typing import DefaultDict, Dict, Iterable, Optional, Sequence
from urllib.parse import urlsplit

from roadmap_tools.control import normalize_status
from roadmap_tools.lexicon import vocab
from roadmap_tools.lexicon.vocab import (
    DECISION_REWORK,
    MONTH_STEMS,
    MONTHS_PREPOSITIONAL,
    REPORT_STATUSES,
    RULE_NAMES,
    STATUS_DONE,
)
from roadmap_tools.model import Activity, Roadmap
from roadmap_tools.sheetplan.operations import address
from roadmap_tools.workbook.schema import ROADMAP_FIELDS, SHEET_ROADMAP

ERROR = "error"
WARNING = "warning"
SEVERITY_RU = {ERROR: "ошибка", WARNING: "предупреждение"}

#: code -> (severity, field whose cell is marked, message template). A template may
#: use the names passed to ``_finding`` (``{text}``, ``{other}``, ``{expected}`` ...).
RULES: dict = {
    "missing_activity": (
        ERROR,
        "activity",
        "не указано мероприятие: впишите его содержание или удалите пустую строку.",
    ),
    "missing_deadline": (ERROR, "deadline", "не указан срок: впишите срок исполнения (например, «март 2022 г.»)."),
    "missing_executor": (ERROR, "executor", "не указан ответственный исполнитель: впишите, кто выполняет мероприятие."),
    "missing_result": (ERROR, "result", "не указан ожидаемый результат: впишите результат или показатель."),
    "no_executors": (
        WARNING,
        "executor",
        "столбец исполнителей не заполнен ни у одного мероприятия ({count} шт.): "
        "впишите ответственных, если их требует форма дорожной карты.",
    ),
    "no_results": (
        WARNING,
        "result",
        "столбец ожидаемых результатов не заполнен ни у одного мероприятия "
        "({count} шт.): впишите результаты, если их требует форма.",
    ),
    "bad_deadline": (
        ERROR,
        "deadline",
        "срок «{text}» не распознан{reason}: запишите его как «март 2022 г.», «до 15.03.2022», «II квартал 2022 г.».",
    ),
    "deadline_outside_years": (
        WARNING,
        "deadline",
        "срок «{text}» выходит за годы дорожной карты ({years}): проверьте год.",
    ),
    "deadline_far_outside_years": (
        ERROR,
        "deadline",
        "срок «{text}» далеко за годами дорожной карты ({years}): вероятно, опечатка в годе.",
    ),
    "start_after_end": (
        ERROR,
        "deadline",
        "в сроке «{text}» начало позже окончания: поменяйте даты местами или исправьте.",
    ),
    "no_numbering": (
        WARNING,
        "number",
        "мероприятия не пронумерованы ({count} шт.): пронумеруйте их, чтобы на них можно было ссылаться в отчёте.",
    ),
    "unnumbered": (ERROR, "number", "у мероприятия нет номера, хотя остальные пронумерованы: впишите номер{expected}."),
    "duplicate_number": (
        ERROR,
        "number",
        "номер «{text}» повторяется (уже есть в строке {other}): исправьте нумерацию.",
    ),
    "numbering_gap": (WARNING, "number", "пропуск в нумерации: после «{previous}» идёт «{text}», нет {missing}."),
    "numbering_order": (WARNING, "number", "нарушен порядок нумерации: после «{previous}» идёт «{text}»."),
    "mixed_numbering": (WARNING, "number", "номер «{text}» записан не так, как остальные: запишите «{expected}»."),
    "bad_number": (
        WARNING,
        "number",
        "номер «{text}» не похож на номер пункта: запишите его как «1», «1.1» или «1.10».",
    ),
    "number_section_mismatch": (
        WARNING,
        "number",
        "пункт «{text}» стоит в разделе «{section}»: номер должен начинаться с «{expected}».",
    ),
    "duplicate_activity": (
        ERROR,
        "activity",
        "мероприятие повторяет мероприятие {other} с тем же сроком: удалите повтор или объедините строки.",
    ),
    "duplicate_in_other_section": (
        WARNING,
        "activity",
        "мероприятие с тем же текстом и сроком уже есть в другом разделе ({other}): "
        "если это повтор, удалите его; если разные, уточните формулировку.",
    ),
    "near_duplicate_activity": (
        WARNING,
        "activity",
        "мероприятие почти совпадает с мероприятием {other} с тем же сроком: проверьте, не повтор ли это.",
    ),
    "bad_status": (ERROR, "status", "статус «{text}» не из списка: выберите один из: {expected}."),
    "status_synonym": (WARNING, "status", "статус «{text}» записан не по списку: выберите «{expected}»."),
    "done_without_evidence": (
        ERROR,
        "info",
        "мероприятие отмечено «Выполнено», но нет ни информации о проведении, ни ссылки: заполните их.",
    ),
    "done_without_info": (
        WARNING,
        "info",
        "мероприятие отмечено «Выполнено», но нет информации о проведении: опишите, что сделано и когда.",
    ),
    "done_without_link": (
        WARNING,
        "link",
        "мероприятие отмечено «Выполнено», но нет ссылки на документ или новость: добавьте ссылку.",
    ),
    "done_date_future": (
        ERROR,
        "done_date",
        "дата выполнения {text} ещё не наступила (сегодня {today}): исправьте дату.",
    ),
    "done_date_before_start": (
        ERROR,
        "done_date",
        "дата выполнения {text} раньше начала дорожной карты ({expected}): исправьте дату.",
    ),
    "bad_done_date": (ERROR, "done_date", "дата выполнения «{text}» не распознана: введите дату как ДД.ММ.ГГГГ."),
    "done_date_without_done": (
        WARNING,
        "status",
        "указана дата выполнения, но статус не «Выполнено»: поставьте статус или уберите дату.",
    ),
    "cell_error": (ERROR, "activity", "в ячейке ошибка формулы {text}: исправьте формулу или впишите значение."),
    "bad_link": (ERROR, "link", "«{text}» не является ссылкой http(s): вставьте полный адрес, начинающийся с https://"),
    "returned_for_rework": (
        WARNING,
        "decision",
        "куратор вернул мероприятие на доработку{comment}: доработайте информацию или ссылку и отправьте отчёт снова.",
    ),
    "info_without_date": (
        WARNING,
        "info",
        "в информации о проведении не указана дата: добавьте, когда мероприятие проведено (например, «15.03.2022»).",
    ),
}

#: Rules reported under another rule's code: one kind of defect, told apart by severity.
#: The same activity under another section is a duplicate too, but roadmaps split by
#: subject repeat activities on purpose, so it is a warning there, an error within a section.
REPORTED_AS = {"duplicate_in_other_section": "duplicate_activity"}

#: Error values a cell shows when its formula fails (stored in English whatever Excel's language).
EXCEL_ERRORS = (
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#GETTING_DATA",
    "#SPILL!",
    "#CALC!",
)
#: Fields of an activity whose cells are checked for error values.
CELL_FIELDS = ("number", "activity", "deadline", "executor", "result", "status", "done_date", "info", "link", "note")

#: Two activities with the same deadline are duplicates when their words are the same
#: (case, punctuation and spacing aside), and near duplicates when, compared by word
#: stems (the first ``STEM_LENGTH`` letters), one has at most ``NEAR_DUPLICATE_EXTRA_WORDS``
#: words more than the other and both are at least ``NEAR_DUPLICATE_MIN_WORDS`` long. A
#: word replaced by another («координатора» / «оператора») makes a different activity.
STEM_LENGTH = 5
#: A column empty in every one of at least this many activities is reported once.
EMPTY_COLUMN_MIN_ROWS = 3
NEAR_DUPLICATE_EXTRA_WORDS = 1  # 0 or 1
NEAR_DUPLICATE_MIN_WORDS = 6

_MONTH = "(?:" + "|".join(MONTH_STEMS) + r")[а-яё]*"
_DATE_IN_TEXT = re.compile(
    r"\b\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})\b"  # 15.03.2022, 15/03/22
    r"|\b\d{4}-\d{2}-\d{2}\b"  # 2022-03-15
    r"|\b\d{1,2}\s*(?:-|–)?\s*"
    + _MONTH  # 15 марта
    + r"|"
    + _MONTH
    + r"(?:\s*[-–]\s*"
    + _MONTH
    + r")?\s+\d{4}"  # в апреле 2023, апреле-мае 2023
    r"|\b(?:0?[1-9]|1[0-2])\.(?:19|20)\d{2}\b"  # 03.2023
    r"|"
    + vocab.TEXT_PATTERNS["month_in_preposition"]
    + r"(?:"
    + "|".join(MONTHS_PREPOSITIONAL)
    + r")\b",  # в декабре (the report's year)
    re.IGNORECASE,
)

_URL_TOKEN = re.compile(r"(?:[a-z][a-z0-9+.-]*:/+|www\.)\S+", re.IGNORECASE)
_NUMBER = re.compile(r"^(\d+(?:\s*\.\s*\d+)*)\s*(\.)?$")


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" | "warning"
    code: str
    message: str  # Russian: what is wrong and what to do
    sheet: str = SHEET_ROADMAP
    cell: str = ""  # A1 address, "" when unknown
    number: str = ""  # the activity's number as written
    row: Optional[int] = None

    @property
    def severity_ru(self) -> str:
        return SEVERITY_RU[self.severity]

    @property
    def rule_ru(self) -> str:
        """The rule's name as «Проверка» shows it."""
        return RULE_NAMES.get(self.code, "")

    def to_json(self) -> dict:
        data = asdict(self)
        data.pop("row")
        return {
            "severity": data["severity"],
            "sheet": data["sheet"],
            "cell": data["cell"],
            "number": data["number"],
            "code": data["code"],
            "message": data["message"],
        }


class _Checker:
    def __init__(self, roadmap: Roadmap, today: date):
        self.roadmap = roadmap
        self.today = today
        self.sheet = roadmap.source.sheet or SHEET_ROADMAP
        self.findings: list = []
        self.start = roadmap_start(roadmap)

    def cell(self, activity: Activity, field: str) -> str:
        row = activity.source.row
        col = self.roadmap.column_index.get(field)
        if col is None and field in ROADMAP_FIELDS and not self.roadmap.column_index:
            col = ROADMAP_FIELDS.index(field) + 1
        if row is None or col is None:
            return ""
        return address(row, col)

    def add(self, rule: str, activity: Activity, field: Optional[str] = None, **values) -> None:
        severity, default_field, template = RULES[rule]
        self.findings.append(
            Finding(
                severity=severity,
                code=REPORTED_AS.get(rule, rule),
                message=template.format(**values),
                sheet=self.sheet,
                cell=self.cell(activity, field or default_field),
                number=activity.number,
                row=activity.source.row,
            )
        )

    def has_column(self, field: str) -> bool:
        return not self.roadmap.column_index or field in self.roadmap.column_index


def check_roadmap(roadmap: Roadmap, settings: Optional[dict] = None, today: Optional[date] = None) -> list:
    """All findings for ``roadmap``, in row order (errors and warnings together)."""
    checker = _Checker(roadmap, today or date.today())
    activities = list(roadmap.activities())
    # a column empty in every row is one finding, not one per row
    empty_columns = {
        name
        for name in ("executor", "result")
        if len(activities) >= EMPTY_COLUMN_MIN_ROWS and all(_blank(getattr(a, name)) for a in activities)
    }
    if "executor" in empty_columns and roadmap.has_executor_column and checker.has_column("executor"):
        checker.add("no_executors", activities[0], count=len(activities))
    if "result" in empty_columns and checker.has_column("result"):
        checker.add("no_results", activities[0], count=len(activities))
    for activity in activities:
        _check_cell_errors(checker, activity)
        _check_required(checker, activity, empty_columns)
        _check_deadline(checker, activity)
        _check_report(checker, activity)
        _check_review(checker, activity)
    _check_numbering(checker, roadmap)
    _check_duplicates(checker, roadmap)
    # stable: within a row, findings keep the order of the checks above
    return sorted(checker.findings, key=lambda f: f.row if f.row is not None else 10**9)


def count(findings: Iterable[Finding]) -> dict:
    tally = Counter(f.severity for f in findings)
    return {"errors": tally[ERROR], "warnings": tally[WARNING]}


# --- entries -----------------------------------------------------------------
def _check_review(c: _Checker, a: Activity) -> None:
    """A row the curator sent back (column «Решение куратора», written by «Замечания куратора»)."""
    if a.decision.strip().lower() == DECISION_REWORK.lower():
        comment = " ".join(a.curator_comment.split())
        c.add("returned_for_rework", a, comment=f" («{comment}»)" if comment else "")


def _blank(text) -> bool:
    return not str(text or "").strip()


def is_cell_error(value: object) -> bool:
    # every error value has «#»: most cells are told apart without stripping them
    return isinstance(value, str) and "#" in value and value.strip().upper() in EXCEL_ERRORS


def _check_cell_errors(c: _Checker, a: Activity) -> None:
    for name in CELL_FIELDS:
        value = getattr(a, name, None)
        if isinstance(value, str) and is_cell_error(value) and c.has_column(name):
            c.add("cell_error", a, field=name, text=value.strip())


def _check_required(c: _Checker, a: Activity, empty_columns: set) -> None:
    if _blank(a.activity):
        c.add("missing_activity", a)
    if _blank(a.deadline):
        c.add("missing_deadline", a)
    if (
        c.roadmap.has_executor_column
        and c.has_column("executor")
        and _blank(a.executor)
        and "executor" not in empty_columns
    ):
        c.add("missing_executor", a)
    if c.has_column("result") and _blank(a.result) and "result" not in empty_columns:
        c.add("missing_result", a)


def _parsed(roadmap: Roadmap, a: Activity):
    if a.parsed is None and not _blank(a.deadline):
        from roadmap_tools.deadlines import parse_deadline

        a.parsed = parse_deadline(a.deadline, roadmap.years, roadmap.school_year)
    return a.parsed


def _years_text(years: Sequence[int]) -> str:
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def _check_deadline(c: _Checker, a: Activity) -> None:
    if _blank(a.deadline) or is_cell_error(a.deadline):
        return
    from roadmap_tools.deadlines import END_BEFORE_START

    parsed = _parsed(c.roadmap, a)
    text = a.deadline.strip()
    if parsed is not None and parsed.kind == "unparsed" and parsed.reason == END_BEFORE_START:
        c.add("start_after_end", a, text=text)
        return
    if parsed is None or parsed.kind == "unparsed":
        reason = f" ({parsed.reason})" if parsed is not None and parsed.reason else ""
        c.add("bad_deadline", a, text=text, reason=reason)
        return
    for start, end in parsed.spans:
        if start and end and start > end:
            c.add("start_after_end", a, text=text)
            return
    years = c.roadmap.years
    if years and parsed.spans:
        first, last = min(years), max(years)
        outside = [y for s in parsed.spans for d in s if d for y in [d.year] if not first <= y <= last]
        if any(y < first - 1 or y > last + 1 for y in outside):
            c.add("deadline_far_outside_years", a, text=text, years=_years_text(years))
        elif outside:
            c.add("deadline_outside_years", a, text=text, years=_years_text(years))


# --- reporting fields ----------------------------------------------------------
def roadmap_start(roadmap: Roadmap) -> Optional[date]:
    """The first day of the roadmap: 1 January of its first year, or its earliest deadline if earlier."""
    starts = [a.parsed.start for a in roadmap.activities() if a.parsed is not None and a.parsed.start]
    if roadmap.years:
        starts.append(date(min(roadmap.years), 1, 1))
    return min(starts) if starts else None


def contains_date(text: str) -> bool:
    """True when free text names a date: «15.03.2022», «15 марта», «в апреле 2023 г.»."""
    return bool(_DATE_IN_TEXT.search(text or ""))


def link_problem(text: str) -> Optional[str]:
    """None when ``text`` holds at least one well-formed http(s) URL and no malformed one;
    otherwise the offending part."""
    tokens = [t.rstrip(").,;»\"'") for t in _URL_TOKEN.findall(text)]
    if not tokens:
        return text.strip()
    for token in tokens:
        parts = urlsplit(token if "://" in token else "")
        host = parts.hostname or ""
        if parts.scheme.lower() not in ("http", "https") or "." not in host or not token.split("://", 1)[0].isalpha():
            return token
        if not re.fullmatch(r"[a-z0-9а-яё.-]+", host, re.IGNORECASE):
            return token
    return None


def _check_report(c: _Checker, a: Activity) -> None:
    status_text = str(a.status or "").strip()
    if is_cell_error(status_text):
        status_text = ""  # reported as cell_error
    status = normalize_status(status_text)
    if status_text:
        if status is None:
            c.add("bad_status", a, text=status_text, expected=", ".join(f"«{s}»" for s in REPORT_STATUSES))
        elif status != status_text:
            c.add("status_synonym", a, text=status_text, expected=status)
    done = status == STATUS_DONE
    if done:
        if _blank(a.info) and _blank(a.link):
            c.add("done_without_evidence", a)
        elif _blank(a.info):
            c.add("done_without_info", a)
        elif _blank(a.link):
            c.add("done_without_link", a)
    done_date = a.done_date
    if isinstance(done_date, str) and done_date.strip() and not is_cell_error(done_date):
        c.add("bad_done_date", a, text=done_date.strip())
    elif isinstance(done_date, date):
        start = c.start
        if done_date > c.today:
            c.add("done_date_future", a, text=f"{done_date:%d.%m.%Y}", today=f"{c.today:%d.%m.%Y}")
        elif start and done_date < start:
            c.add("done_date_before_start", a, text=f"{done_date:%d.%m.%Y}", expected=f"{start:%d.%m.%Y}")
        if not done and status_text:
            c.add("done_date_without_done", a)
    if not _blank(a.link):
        bad = link_problem(str(a.link))
        if bad is not None:
            c.add("bad_link", a, text=_shorten(bad))
    if not _blank(a.info) and not contains_date(str(a.info)):
        c.add("info_without_date", a)


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- numbering -----------------------------------------------------------------
@dataclass(frozen=True)
class Number:
    parts: tuple  # (1, 10) for «1.10.»
    trailing_dot: bool
    spaced: bool  # «4. 8»

    def canonical(self, trailing_dot: bool) -> str:
        return ".".join(map(str, self.parts)) + ("." if trailing_dot else "")


_NUMBER_DOT = re.compile(r"\s*\.\s*")
_SPACE = re.compile(r"\s")


@functools.lru_cache(maxsize=65536)
def parse_number(text: str) -> Optional[Number]:
    """«1.10.» -> Number((1, 10), True, False); «4. 8» -> spaced; «а)» -> None.

    Cached: the numbering check reads each number twice, and ``Number`` is frozen."""
    match = _NUMBER.match((text or "").strip())
    if not match:
        return None
    body = match.group(1)
    parts = tuple(int(p) for p in _NUMBER_DOT.split(body))
    return Number(parts, bool(match.group(2)), bool(_SPACE.search(body)))


_SECTION_NUMBER = re.compile(r"^\s*(\d+)\s*\.?\s+\S")


def _check_numbering(c: _Checker, roadmap: Roadmap) -> None:
    rows = [(si, a) for si, s in enumerate(roadmap.sections) for a in s.activities]
    if not rows:
        return
    numbered = [(si, a, parse_number(a.number)) for si, a in rows if not _blank(a.number)]
    if not numbered:
        c.add("no_numbering", rows[0][1], count=len(rows))
        return
    good = []
    for si, a, n in numbered:
        if n is None:
            c.add("bad_number", a, text=a.number.strip())
        else:
            good.append((si, a, n))
    # mixed forms: the usual form per depth (trailing dot or not); ties go to «без точки»
    dots: DefaultDict[int, Counter[bool]] = defaultdict(Counter)
    for _, _, n in good:
        dots[len(n.parts)][n.trailing_dot] += 1
    usual = {depth: tally[True] > tally[False] for depth, tally in dots.items()}
    for _, a, n in good:
        if n.spaced or n.trailing_dot != usual[len(n.parts)]:
            c.add("mixed_numbering", a, text=a.number.strip(), expected=n.canonical(usual[len(n.parts)]))
    # unnumbered rows among numbered ones: suggest the number they would have; the
    # numbers they leave out are not a gap as well («4.1», без номера, «4.3»)
    unnumbered_before: dict = {}
    used = {n.parts for _, _, n in good}
    previous, blanks = None, 0
    for _, a in rows:
        if _blank(a.number):
            blanks += 1
            expected = ""
            if previous is not None:
                nxt = previous.parts[:-1] + (previous.parts[-1] + 1 + blanks - 1,)
                renumber = ", с перенумерацией следующих" if nxt in used else ""
                expected = f" (например, «{'.'.join(map(str, nxt))}»{renumber})"
            c.add("unnumbered", a, expected=expected)
        else:
            unnumbered_before[id(a)] = blanks
            previous, blanks = parse_number(a.number) or previous, 0
    _check_sequence(c, roadmap, good, unnumbered_before)


def _check_sequence(c: _Checker, roadmap: Roadmap, good: list, unnumbered_before: dict) -> None:
    flat = [g for g in good if len(g[2].parts) == 1]
    # flat numbers «1», «2» run through the whole document or restart in each section
    per_section = False
    if flat:
        firsts: Dict[int, int] = {}
        for si, _, n in flat:
            firsts.setdefault(si, n.parts[0])
        later = [v for k, v in firsts.items() if k != min(firsts)]
        per_section = bool(later) and all(v == 1 for v in later)
    seen: dict = {}
    last_in_scope: dict = {}
    for si, a, n in good:
        if len(n.parts) == 1:
            scope = (si,) if per_section else ()
        else:
            scope = n.parts[:-1]
            title = roadmap.sections[si].title
            match = _SECTION_NUMBER.match(title or "")
            if match and int(match.group(1)) != n.parts[0]:
                c.add(
                    "number_section_mismatch",
                    a,
                    text=a.number.strip(),
                    section=_shorten(title, 50),
                    expected=match.group(1) + ".",
                )
        key = ("deep" if len(n.parts) > 1 else "flat", scope if len(n.parts) == 1 else (), n.parts)
        if key in seen:
            c.add("duplicate_number", a, text=a.number.strip(), other=seen[key].source.row or seen[key].number)
            continue
        seen[key] = a
        scope_key = (len(n.parts) > 1, scope)
        previous = last_in_scope.get(scope_key)
        value = n.parts[-1]
        prev_value = previous[1].parts[-1] if previous else 0
        if value > prev_value + 1 + unnumbered_before.get(id(a), 0):
            missing = [".".join(map(str, scope + (v,))) for v in range(prev_value + 1, value)]
            shown = ", ".join(f"«{m}»" for m in missing[:3]) + (" и др." if len(missing) > 3 else "")
            c.add(
                "numbering_gap",
                a,
                text=a.number.strip(),
                previous=previous[0].number.strip() if previous else "начала",
                missing=("пункта " if len(missing) == 1 else "пунктов ") + shown,
            )
        elif previous is not None and value <= prev_value:  # a first number «0» or «1.0» has nothing before it
            c.add("numbering_order", a, text=a.number.strip(), previous=previous[0].number.strip())
        if previous is None or value > prev_value:
            last_in_scope[scope_key] = (a, n)


# --- duplicates ----------------------------------------------------------------
_WORD = re.compile(r"[0-9a-zа-яё]+", re.IGNORECASE)


def _words(text: str) -> frozenset:
    return frozenset(_WORD.findall((text or "").lower().replace("ё", "е")))


def _deadline_key(a: Activity):
    if a.parsed is not None and a.parsed.spans:
        return a.parsed.spans
    return " ".join(_WORD.findall((a.deadline or "").lower()))


def _describe(a: Activity) -> str:
    if a.number.strip():
        return f"№ {a.number.strip()}"
    return f"в строке {a.source.row}" if a.source.row else f"«{_shorten(a.activity, 40)}»"


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return word[:STEM_LENGTH] if len(word) > STEM_LENGTH else word.rstrip("аеиоуыэюяйь") or word


def _stems(words: frozenset) -> frozenset:
    # short words («в», «по», «и») do not tell activities apart; numbers («этап 2») do
    return frozenset([w if w.isdigit() else _stem(w) for w in words if len(w) > 2 or w.isdigit()])


def _check_duplicates(c: _Checker, roadmap: Roadmap) -> None:
    """Duplicates are compared within a section: the same words under other sections
    («Математика», «Русский язык») are often meant, so they are only a warning, and
    near duplicates across sections are not reported."""
    # (deadline key, words) of each activity, tokenised once for both comparisons
    keys = {id(a): (_deadline_key(a), _words(a.activity)) for a in roadmap.activities() if not _blank(a.activity)}
    groups = defaultdict(list)
    for si, section in enumerate(roadmap.sections):
        for a in section.activities:
            if id(a) in keys:
                groups[(si, keys[id(a)][0])].append(a)
    for group in groups.values():
        if len(group) < 2:
            continue
        earlier = _EarlierPairwise() if len(group) <= _PAIRWISE_UP_TO else _EarlierIndexed()
        for a in group:
            words = keys[id(a)][1]
            stems = _stems(words)
            same = earlier.same_words(words)
            if same is not None:
                c.add("duplicate_activity", a, other=_describe(same))
                continue
            other = _near_duplicate_of(earlier, stems)
            if other is not None:
                c.add("near_duplicate_activity", a, other=_describe(other))
            earlier.add(words, stems, a)
    _check_duplicates_across_sections(c, roadmap, keys)


def _near_duplicate_of(earlier, stems: frozenset) -> Optional[Activity]:
    """The rule of a near duplicate: an earlier activity with the same stems, or the stems of
    this one with one more or one less (``NEAR_DUPLICATE_EXTRA_WORDS`` = 1)."""
    size = len(stems)
    other = None
    if size >= NEAR_DUPLICATE_MIN_WORDS:
        other = earlier.same_stems(stems)
        if other is None and NEAR_DUPLICATE_EXTRA_WORDS:
            other = earlier.one_stem_more(stems)
    if other is None and size > NEAR_DUPLICATE_MIN_WORDS and NEAR_DUPLICATE_EXTRA_WORDS:
        other = earlier.one_stem_less(stems)
    return other


#: A group of activities this small (one section, one deadline: most are) is looked through
#: pair by pair; a larger one through indexes, which cost a set per word of each activity.
_PAIRWISE_UP_TO = 24


class _EarlierPairwise:
    """The earlier activities of a small group, looked through one by one (the first that fits)."""

    def __init__(self) -> None:
        self.seen: list = []  # (words, stems, activity)

    def add(self, words: frozenset, stems: frozenset, a: Activity) -> None:
        self.seen.append((words, stems, a))

    def same_words(self, words: frozenset) -> Optional[Activity]:
        return next((b for w, _, b in self.seen if w == words), None)

    def same_stems(self, stems: frozenset) -> Optional[Activity]:
        return next((b for _, st, b in self.seen if st == stems), None)

    def one_stem_more(self, stems: frozenset) -> Optional[Activity]:
        size = len(stems) + 1
        return next((b for _, st, b in self.seen if len(st) == size and stems < st), None)

    def one_stem_less(self, stems: frozenset) -> Optional[Activity]:
        size = len(stems) - 1
        return next((b for _, st, b in self.seen if len(st) == size and st < stems), None)


class _EarlierIndexed:
    """The earlier activities of a large group, by their words, their stems and their stems
    less one (instead of comparing every pair)."""

    def __init__(self) -> None:
        self.words: dict = {}
        self.stems: dict = {}
        self.less_one: dict = {}

    def add(self, words: frozenset, stems: frozenset, a: Activity) -> None:
        self.words.setdefault(words, a)
        self.stems.setdefault(stems, a)
        if NEAR_DUPLICATE_EXTRA_WORDS and len(stems) > NEAR_DUPLICATE_MIN_WORDS:
            for s in stems:
                self.less_one.setdefault(stems - {s}, a)

    def same_words(self, words: frozenset) -> Optional[Activity]:
        return self.words.get(words)

    def same_stems(self, stems: frozenset) -> Optional[Activity]:
        return self.stems.get(stems)

    def one_stem_more(self, stems: frozenset) -> Optional[Activity]:
        return self.less_one.get(stems)

    def one_stem_less(self, stems: frozenset) -> Optional[Activity]:
        return next((self.stems[k] for k in (stems - {s} for s in stems) if k in self.stems), None)


def _check_duplicates_across_sections(c: _Checker, roadmap: Roadmap, keys: dict) -> None:
    first: dict = {}
    for si, section in enumerate(roadmap.sections):
        seen_here = set()
        for a in section.activities:
            if id(a) not in keys:
                continue
            key = keys[id(a)]
            if key in first and first[key][0] != si and key not in seen_here:
                c.add("duplicate_in_other_section", a, other=_describe(first[key][1]))
            first.setdefault(key, (si, a))
            seen_here.add(key)
