"""The roadmap model: the one vocabulary every part of the toolkit speaks.

Plain dataclasses on plain data; nothing here knows of Excel, Word or xlwings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterator, Optional, Union

Span = tuple  # (date, date): first and last day, both inclusive

#: Kinds of deadline the parser can return.
DEADLINE_KINDS = (
    "period",  # one span: month, months, days, quarter(s), half-year, year, academic year
    "deadline",  # a due date: «до 5 марта 2022»; end is the due date
    "milestones",  # several separate spans: «май, ноябрь 2022 г.»
    "recurring",  # one span per occurrence within the roadmap's years: «ежегодно (июнь)»
    "continuous",  # «в течение 2022 года», «постоянно»
    "on_demand",  # «по мере необходимости»: no date of its own
    "missing",  # empty cell
    "unparsed",  # anything else; ``reason`` says why, in Russian
)


@dataclass(frozen=True)
class Deadline:
    """The parse of one deadline cell."""

    text: str
    kind: str
    spans: tuple = ()  # tuple of (start, end) date pairs, in order
    reason: str = ""

    @property
    def start(self) -> Optional[date]:
        return self.spans[0][0] if self.spans else None

    @property
    def end(self) -> Optional[date]:
        return self.spans[-1][1] if self.spans else None

    @property
    def has_dates(self) -> bool:
        return bool(self.spans)

    def to_json(self) -> dict:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "text": self.text,
            "kind": self.kind,
            "start": iso(self.start),
            "end": iso(self.end),
            "spans": [[iso(a), iso(b)] for a, b in self.spans],
            "reason": self.reason or None,
        }


@dataclass(frozen=True)
class Source:
    """Where a piece of data came from, for messages that name the place."""

    file: str = ""
    sheet: str = ""
    row: Optional[int] = None  # 1-based row in the sheet, or table row in a document

    def describe(self) -> str:
        parts = [p for p in (self.file, f"лист «{self.sheet}»" if self.sheet else "") if p]
        if self.row is not None:
            parts.append(f"строка {self.row}")
        return ", ".join(parts)


@dataclass
class Activity:
    """One activity (мероприятие) of a roadmap, with its reporting fields."""

    number: str = ""  # as written: «1.10.», «4. 8», ""
    activity: str = ""  # the activity's text
    deadline: str = ""  # the deadline as written
    executor: str = ""  # responsible executors, as written
    result: str = ""  # expected result or indicator
    # reporting fields, filled by the municipality
    status: str = ""
    done_date: Union[date, str, None] = None  # a str: what was typed, not a date (the check reports it)
    info: str = ""  # information on how it was done
    link: str = ""  # link to evidence
    note: str = ""
    # the row's stable id and the curator's answer (columns the requests and the review add)
    row_id: str = ""
    decision: str = ""
    curator_comment: str = ""
    # derived
    parsed: Optional[Deadline] = None  # the parse of ``deadline`` with the roadmap's years
    section: str = ""  # title of the section it belongs to
    source: Source = field(default_factory=Source)
    #: the document's own columns we have no field for: their title -> this activity's text
    extra: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "activity": self.activity,
            "deadline": self.deadline,
            "executor": self.executor,
            "result": self.result,
        }


@dataclass
class Section:
    title: str = ""
    activities: list = field(default_factory=list)  # list[Activity]


@dataclass
class Roadmap:
    """A roadmap: title, organisation, the years it covers and its sections."""

    title: str = ""
    organisation: str = ""
    years: list = field(default_factory=list)  # list[int], ascending, e.g. [2021, 2022]
    sections: list = field(default_factory=list)  # list[Section]
    columns: list = field(default_factory=list)  # header titles as written in the source
    has_executor_column: bool = True
    source: Source = field(default_factory=Source)
    #: field name -> 1-based column index in the source sheet (for cell addresses)
    column_index: dict = field(default_factory=dict)
    #: a school-year roadmap: the year its school year starts in (2023 for 2023-2024);
    #: None for calendar years. Deadlines without a year are placed in it (see deadlines.py).
    school_year: Optional[int] = None
    #: titles of the document's columns we have no field for, kept as the user's own
    #: columns (``Activity.extra``), in the document's order
    kept_columns: list = field(default_factory=list)
    #: reporting field -> the document's title of the column it was read from («Отметка о выполнении»)
    report_columns: dict = field(default_factory=dict)
    #: how many columns the source sheet's header row spans (to its last titled cell):
    #: a column a job adds goes after it, never over a column of the user's own
    header_width: int = 0

    def activities(self) -> Iterator[Activity]:
        for section in self.sections:
            yield from section.activities

    @property
    def first_year(self) -> Optional[int]:
        return self.years[0] if self.years else None

    @property
    def last_year(self) -> Optional[int]:
        return self.years[-1] if self.years else None

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "organisation": self.organisation,
            "years": list(self.years),
            "school_year": self.school_year,
            "columns": list(self.columns),
            "sections": [{"title": s.title, "activities": [a.to_json() for a in s.activities]} for s in self.sections],
        }
