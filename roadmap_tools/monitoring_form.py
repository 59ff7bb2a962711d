"""The monitoring form («Мониторинг исполнения мероприятий …»): which activities a
period's report lists, pre-filled from the roadmap's reporting columns.

Pure: a ``Roadmap`` and a period in, ``MonitoringForm`` out. Which activities fall in
a period (``touches_period``):
- a deadline with dates (period, due date, milestones, recurring, «в течение года»):
  when any of its spans overlaps the period;
- «постоянно» without dates and «по мере необходимости»: always, since they may have
  been carried out in any period and the report must say so;
- any activity reported done (date of completion) within the period, whatever its deadline;
- an empty or unrecognised deadline: never (the check reports it); ``left_out`` counts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from roadmap_tools.model import Activity, Roadmap

#: The form's texts, as in the filled reports sent upward (fixture 002).
FORM_TITLE = "Мониторинг исполнения мероприятий муниципальной дорожной карты (плана-графика)"
FORM_PERIOD = "за период с {start:%d.%m.%Y} по {end:%d.%m.%Y}"


@dataclass(frozen=True)
class FormColumn:
    """One column of the monitoring form: where its value comes from and how it looks."""

    field: str  # the attribute of FormRow it shows
    title: str  # the header, in the region's words
    width: float  # in characters of column width
    to_fill: bool = False  # the municipality fills it: highlighted while empty


#: The form's columns, in order. A new column is one line here and a field of FormRow
#: (filled in ``select_for_period``); the sheet, its widths and highlights follow.
FORM_LAYOUT = [
    FormColumn("number", "№п/п", 7),
    FormColumn("activity", "Мероприятие (в соответствии с дорожной картой)", 50),
    FormColumn(
        "info",
        "Информация о проведении мероприятия (название утвержденного документа с указанием даты и/или "
        "название мероприятия с указанием даты, количества участников...)",
        62,
        to_fill=True,
    ),
    FormColumn("link", "Ссылка на документ/информационное сопровождение мероприятия", 44, to_fill=True),
]
FORM_COLUMNS = [column.title for column in FORM_LAYOUT]
#: Kinds without dates of their own that every period's form lists.
ALWAYS_LISTED_KINDS = ("continuous", "on_demand")


@dataclass
class FormRow:
    number: str
    activity: str
    info: str = ""
    link: str = ""
    roadmap_row: Optional[int] = None  # row of the activity on «Дорожная карта»

    @property
    def to_fill(self) -> list:
        """Fields the municipality still has to fill: «info», «link»."""
        return [c.field for c in FORM_LAYOUT if c.to_fill and not str(getattr(self, c.field)).strip()]

    def values(self) -> list:
        """The row's cells, in the form's column order."""
        return [getattr(self, c.field) for c in FORM_LAYOUT]

    def to_json(self) -> dict:
        return {"number": self.number, "activity": self.activity, "info": self.info, "link": self.link}


@dataclass
class FormSection:
    title: str
    rows: list = field(default_factory=list)  # list[FormRow]


@dataclass
class MonitoringForm:
    title: str
    roadmap_title: str
    start: date
    end: date
    sections: list = field(default_factory=list)  # list[FormSection]
    left_out: int = 0  # activities without a usable deadline, not listed

    @property
    def period_text(self) -> str:
        return FORM_PERIOD.format(start=self.start, end=self.end)

    def rows(self) -> list:
        return [r for s in self.sections for r in s.rows]

    def to_json(self) -> dict:
        return {
            "period": [self.start.isoformat(), self.end.isoformat()],
            "title": self.title,
            "roadmap": self.roadmap_title,
            "sections": [{"title": s.title, "rows": [r.to_json() for r in s.rows]} for s in self.sections],
            "left_out": self.left_out,
        }


def touches_period(activity: Activity, start: date, end: date) -> bool:
    """Whether the period's report lists ``activity`` (rules in the module docstring)."""
    done = activity.done_date
    if isinstance(done, date) and start <= done <= end:
        return True
    parsed = activity.parsed
    if parsed is None:
        return False
    if parsed.spans:
        return any((s or e) <= end and (e or s) >= start for s, e in parsed.spans)
    return parsed.kind in ALWAYS_LISTED_KINDS


def _number(activity: Activity) -> str:
    return activity.number.strip().rstrip(".").strip()


def select_for_period(roadmap: Roadmap, start: date, end: date, title: str = "") -> MonitoringForm:
    """The form for ``start``..``end``: sections in the roadmap's order, empty ones dropped.

    Rows keep the roadmap's numbers («1.10.» -> «1.10»); a roadmap without numbers is
    numbered 1..N through the form, as the filled reports are.
    """
    numbered = any(a.number.strip() for a in roadmap.activities())
    form = MonitoringForm(FORM_TITLE, title or roadmap.title, start, end)
    counter = 0
    for section in roadmap.sections:
        rows = []
        for activity in section.activities:
            if not touches_period(activity, start, end):
                if activity.parsed is None or activity.parsed.kind in ("missing", "unparsed"):
                    form.left_out += 1
                continue
            counter += 1
            rows.append(
                FormRow(
                    number=_number(activity) if numbered else str(counter),
                    activity=" ".join(activity.activity.split()),
                    info=str(activity.info or "").strip(),
                    link=str(activity.link or "").strip(),
                    roadmap_row=activity.source.row,
                )
            )
        if rows:
            form.sections.append(FormSection(section.title, rows))
    return form
