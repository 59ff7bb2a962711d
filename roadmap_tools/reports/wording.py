"""Russian wording of dates and periods for letters: «в период с февраля по май 2023 года».

Pure functions over ``datetime.date``; the words themselves live in ``vocab`` («Letters»).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Optional

from roadmap_tools.lexicon import vocab


def date_numeric(day: Optional[date]) -> str:
    """«15.03.2023», or "" for no date."""
    return day.strftime("%d.%m.%Y") if day else ""


def date_in_words(day: date) -> str:
    """«15 марта 2023 года»."""
    return f"{day.day} {vocab.MONTHS_GENITIVE[day.month - 1]} {day.year} года"


def _last_day(year: int, month: int) -> date:
    following = date(year + (month == 12), 1 if month == 12 else month + 1, 1)
    return following - timedelta(days=1)


def _whole_months(start: date, end: date) -> bool:
    return start.day == 1 and end == _last_day(end.year, end.month)


def _period_fields(start: date, end: date) -> tuple:
    """The kind of a period (a key of ``vocab.PERIOD_PHRASES``) and the numbers that name it."""
    if start > end:
        raise ValueError(f"period starts after it ends: {start} > {end}")
    same_year = start.year == end.year
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if same_year and _whole_months(start, end):
        if months == 12:
            return "year", {"year": start.year}
        if months == 6 and start.month in (1, 7):
            return "half_year", {"half": vocab.QUARTER_NUMERALS[0 if start.month == 1 else 1], "year": start.year}
        if months == 3 and start.month in (1, 4, 7, 10):
            return "quarter", {"quarter": vocab.QUARTER_NUMERALS[(start.month - 1) // 3], "year": start.year}
    if months == 1:
        return "month", {"month": start.month, "year": start.year}
    if same_year:
        return "months", {"from_month": start.month, "to_month": end.month, "year": start.year}
    return "months_across_years", {
        "from_month": start.month,
        "to_month": end.month,
        "from_year": start.year,
        "to_year": end.year,
    }


def period_in_words(start: date, end: date) -> str:
    """The reporting period as a letter names it.

    Whole years, half-years and quarters by their names («в I квартале 2023 года»);
    anything else by its months («в феврале 2023 года», «в период с февраля по май
    2023 года», «в период с сентября 2022 года по май 2023 года»). Days inside the
    first and last month are not named: letters speak of months.
    """
    kind, fields = _period_fields(start, end)
    numeral = fields.get("half") or fields.get("quarter")
    if numeral:
        fields["prep"] = vocab.PREPOSITION_BEFORE_NUMERAL[numeral]
    if kind == "month":
        fields["month_prepositional"] = vocab.MONTHS_PREPOSITIONAL[fields["month"] - 1]
    if "from_month" in fields:
        fields["from_genitive"] = vocab.MONTHS_GENITIVE[fields["from_month"] - 1]
        fields["to_nominative"] = vocab.MONTHS_NOMINATIVE[fields["to_month"] - 1]
    return vocab.PERIOD_PHRASES[kind].format(**fields)


def period_short(start: date, end: date) -> str:
    """The period as a subject line names it: «за II квартал 2022 г.», «за февраль–май 2023 г.»."""
    kind, fields = _period_fields(start, end)
    for key in ("month", "from_month", "to_month"):
        if key in fields:
            fields[key] = vocab.MONTHS_NOMINATIVE[fields[key] - 1]
    return vocab.PERIOD_SHORT_PHRASES[kind].format(**fields)


def lower_first(text: str) -> str:
    """«Управление образования …» -> «управление образования …» for the middle of a sentence.

    Abbreviations («МКУ …», «ГАОУ …») and names that open with a quote keep their case.
    """
    if len(text) < 2 or not text[0].isupper() or not text[1].islower():
        return text
    return text[0].lower() + text[1:]
