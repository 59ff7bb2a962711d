"""Deadline control: where each activity stands as of a date.

Pure: an ``Activity`` (with its parsed deadline and reporting fields) and a date in,
a ``ControlStatus`` out. Each span of a deadline is one occurrence: «май, ноябрь» has
two, «ежегодно (июнь)» one per year. A report («Выполнено» with a date of completion)
covers the occurrences that had begun by that date; an occurrence whose due date has
passed and that no report covers is missed, and a missed occurrence makes the
activity «Просрочено» even when an earlier one was reported.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Optional

from roadmap_tools.lexicon.vocab import (
    CONTROL_DONE,
    CONTROL_DONE_LATE,
    CONTROL_DUE_SOON,
    CONTROL_NO_DATE,
    CONTROL_ON_TIME,
    CONTROL_OVERDUE,
    CONTROL_STATUSES,
    REPORT_STATUSES,
    STATUS_DONE,
    STATUS_SYNONYMS,
)
from roadmap_tools.model import Activity

DEFAULT_DUE_SOON_DAYS = 14


def normalize_status(text) -> Optional[str]:
    """The list value a typed status stands for («да», «выполнен» -> «Выполнено»); None if unknown."""
    cleaned = " ".join(str(text or "").split())
    if not cleaned:
        return None
    if cleaned in REPORT_STATUSES:
        return cleaned
    lowered = cleaned.lower().rstrip(".")
    for status in REPORT_STATUSES:
        if status.lower() == lowered:
            return status
    return STATUS_SYNONYMS.get(lowered)


@dataclass(frozen=True)
class ControlStatus:
    status: str  # one of vocab.CONTROL_STATUSES
    due: Optional[date] = None  # the due date the status is about
    days_overdue: Optional[int] = None  # for «Просрочено»: days since ``due``
    missed_occurrences: int = 0  # occurrences past due and not reported

    def to_json(self) -> dict:
        return {
            "status": self.status,
            "due": self.due.isoformat() if self.due else None,
            "days_overdue": self.days_overdue,
        }


def is_done(activity: Activity) -> bool:
    return normalize_status(activity.status) == STATUS_DONE


def deadline_status(activity: Activity, as_of: date, due_soon_days: int = DEFAULT_DUE_SOON_DAYS) -> ControlStatus:
    """The control status of ``activity`` as of ``as_of`` (see the module's docstring)."""
    parsed = activity.parsed
    occurrences = [(s, e) for s, e in (parsed.spans if parsed is not None else ()) if e is not None]
    done = is_done(activity)
    done_date = activity.done_date if isinstance(activity.done_date, date) else None
    if not occurrences:
        return ControlStatus(CONTROL_DONE if done else CONTROL_NO_DATE)

    if done:
        reported_by = done_date or as_of
        covered = [o for o in occurrences if o[0] is None or o[0] <= reported_by]
        if not covered:  # done before the first occurrence began: done ahead of time
            covered = occurrences[:1]
    else:
        covered = []
    open_ = [o for o in occurrences if o not in covered]
    missed = [o for o in open_ if o[1] < as_of]
    if missed:
        due = missed[0][1]
        return ControlStatus(CONTROL_OVERDUE, due, (as_of - due).days, len(missed))
    upcoming = open_[0] if open_ else None
    if done:
        # an occurrence still ahead: remind only when it has begun or is about to fall due
        if upcoming is not None and (
            (upcoming[0] or upcoming[1]) <= as_of or (upcoming[1] - as_of).days <= due_soon_days
        ):
            return _pending(upcoming[1], as_of, due_soon_days)
        due = covered[-1][1]
        late = done_date is not None and done_date > due
        return ControlStatus(CONTROL_DONE_LATE if late else CONTROL_DONE, due)
    assert upcoming is not None  # not done: nothing is covered, so every occurrence is open
    return _pending(upcoming[1], as_of, due_soon_days)


def _pending(due: date, as_of: date, due_soon_days: int) -> ControlStatus:
    if (due - as_of).days <= due_soon_days:
        return ControlStatus(CONTROL_DUE_SOON, due)
    return ControlStatus(CONTROL_ON_TIME, due)


def summary(statuses: Iterable[ControlStatus]) -> dict:
    """How many activities have each control status, in the order of the list."""
    tally = Counter(s.status for s in statuses)
    return {name: tally[name] for name in CONTROL_STATUSES}
