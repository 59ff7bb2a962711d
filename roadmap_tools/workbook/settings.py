"""The sheet «Настройки» as plain data: rows <-> a dict of typed settings.

Works on a list of rows (label, value, hint), so the command line (openpyxl) and the
Excel buttons (xlwings) read and write it through the same code.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Optional, Sequence

from roadmap_tools.errors import RoadmapError, UsageError
from roadmap_tools.workbook.schema import SETTINGS, SETTINGS_BY_KEY, SETTINGS_BY_LABEL, SHEET_SETTINGS

EXCEL_EPOCH = date(1899, 12, 30)
#: The dates an Excel cell can hold (the 1900 date system): anything else is refused, not written.
EXCEL_FIRST_DATE = date(1900, 1, 1)
EXCEL_LAST_DATE = date(9999, 12, 31)
EXCEL_RANGE_WORDS = f"Excel хранит даты с {EXCEL_FIRST_DATE:%d.%m.%Y} по {EXCEL_LAST_DATE:%d.%m.%Y}"


class OutsideExcelDates(ValueError):
    """A date that exists but that no Excel cell can hold (before 1900, after 9999)."""


def in_excel_range(day: date) -> date:
    if not EXCEL_FIRST_DATE <= day <= EXCEL_LAST_DATE:
        raise OutsideExcelDates(day)
    return day


def defaults() -> dict:
    return {s.key: s.default for s in SETTINGS}


def to_date(value: Any) -> Optional[date]:
    """A date from a cell: a date, a datetime, an Excel serial, «31.03.2022» or «2022-03-31».

    A date Excel cannot hold raises ``OutsideExcelDates`` (a ``ValueError``)."""
    day = _to_date(value)
    return None if day is None else in_excel_range(day)


def _to_date(value: Any) -> Optional[date]:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel's serial range
            # Excel counts a 29.02.1900 that never was: serials before it start a day later
            return (EXCEL_EPOCH if value >= 61 else date(1899, 12, 31)) + timedelta(days=int(value))
        raise ValueError(value)
    text = str(value).strip().rstrip("г.").strip()
    if not text:
        return None
    if text.isdigit() and len(text) <= 7:  # a serial pasted as text: «44621»
        return _to_date(int(text))
    if "." in text:
        day, month, year_text = (p.strip() for p in text.split(".")[:3])
        year = int(year_text)
        if len(year_text) <= 2:  # «31.03.22»; «0001» is the year 1, not 2001
            year += 2000
        return date(year, int(month), int(day))
    return date.fromisoformat(text[:10])


def _convert(kind: str, value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if kind == "date":
        return to_date(value)
    if kind == "school_year":
        return parse_school_year(value)
    if kind in ("int", "year"):
        number = int(float(str(value).replace(",", ".").strip()))
        if kind == "year" and not 1900 <= number <= 2200:
            raise ValueError(value)
        return number
    return str(value).strip()


_EXPECTED = {
    "date": "дата (ДД.ММ.ГГГГ)",
    "int": "целое число",
    "year": "год, например 2022",
    "school_year": "учебный год, например 2023-2024 (или 2023)",
}


def parse_school_year(value: Any) -> int:
    """«2023-2024», «2023/24», «2023» or 2023 -> 2023, the year the school year starts in."""
    text = str(value).strip().replace("–", "-").replace("—", "-").replace("/", "-")
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    parts = [p.strip() for p in text.split("-")]
    if not 1 <= len(parts) <= 2 or not all(p.isdigit() for p in parts):
        raise ValueError(value)
    first = int(parts[0])
    if len(parts) == 2:
        second = int(parts[1]) if len(parts[1]) == 4 else first // 100 * 100 + int(parts[1])
        if second != first + 1:
            raise ValueError(value)
    if not 1900 <= first <= 2200:
        raise ValueError(value)
    return first


def school_year_text(first: Optional[int]) -> str:
    """2023 -> «2023-2024», as the setting is shown."""
    return f"{first}-{first + 1}" if first else ""


def settings_from_rows(rows: Sequence[Sequence[Any]], file: str = "") -> dict:
    """Read the sheet «Настройки» given as rows of (label, value, ...)."""
    result = defaults()
    for index, row in enumerate(rows, start=1):
        if not row or row[0] is None:
            continue
        label = str(row[0]).strip()
        spec = SETTINGS_BY_LABEL.get(label) or SETTINGS_BY_KEY.get(label)
        if spec is None:
            continue  # a heading or the user's own note
        value = row[1] if len(row) > 1 else None
        try:
            converted = _convert(spec.kind, value)
        except OutsideExcelDates:
            raise RoadmapError(
                f"дата «{value}» параметра «{spec.label}» вне диапазона: {EXCEL_RANGE_WORDS}.",
                file=file,
                sheet=SHEET_SETTINGS,
                cell=f"B{index}",
                hint="Исправьте дату или очистите ячейку.",
            ) from None
        except (ValueError, TypeError, OverflowError):
            raise RoadmapError(
                f"значение «{value}» параметра «{spec.label}» не распознано: ожидается {_EXPECTED[spec.kind]}.",
                file=file,
                sheet=SHEET_SETTINGS,
                cell=f"B{index}",
                hint="Исправьте значение или очистите ячейку.",
            ) from None
        result[spec.key] = spec.default if converted is None else converted
    return result


def settings_rows(settings: dict) -> list:
    """Rows (label, value, hint) of the sheet «Настройки», header first."""
    rows = [["Параметр", "Значение", "Пояснение"]]
    for spec in SETTINGS:
        value = settings.get(spec.key, spec.default)
        if spec.kind == "school_year" and isinstance(value, int):
            value = school_year_text(value)
        rows.append([spec.label, value, spec.hint])
    return rows


def quarter_of(day: date) -> tuple:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    next_start = date(day.year + (first_month == 10), 1 if first_month == 10 else first_month + 3, 1)
    return start, next_start - timedelta(days=1)


def resolve_as_of(settings: dict, explicit: Optional[date] = None, today: Optional[date] = None) -> date:
    """The as-of date: the command's own, then «Настройки», then today."""
    return explicit or settings.get("as_of") or today or date.today()


def resolve_period(
    settings: dict,
    explicit_from: Optional[date] = None,
    explicit_to: Optional[date] = None,
    today: Optional[date] = None,
) -> tuple:
    """The reporting period: the command's own dates, then «Настройки», then the current quarter."""
    start, end, _ = explain_period(settings, explicit_from, explicit_to, today)
    return start, end


def explain_period(
    settings: dict,
    explicit_from: Optional[date] = None,
    explicit_to: Optional[date] = None,
    today: Optional[date] = None,
) -> tuple:
    """(start, end, note): the period as ``resolve_period`` finds it, and a Russian note saying
    which end was taken from «Настройки» when the caller gave only the other ("" otherwise).

    A period given by one end is completed from «Настройки» only: the current quarter is
    no guess for one end of a period somebody chose. Without it there: ``UsageError``,
    naming the end that is missing.
    """
    note = ""
    if (explicit_from is None) != (explicit_to is None):
        given, missing_key = ("from", "period_to") if explicit_from else ("to", "period_from")
        stored = settings.get(missing_key)
        label = SETTINGS_BY_KEY[missing_key].label
        if stored is None:
            what = "конец" if missing_key == "period_to" else "начало"
            option = "--to" if missing_key == "period_to" else "--from"
            raise UsageError(
                f"задано {'начало' if given == 'from' else 'конец'} отчётного периода, "
                f"но не его {what}, а «{label}» на листе «{SHEET_SETTINGS}» пуст.",
                hint=f"Укажите и {what} периода ({option} ДАТА) или заполните «{label}».",
            )
        note = (
            f"{'Конец' if missing_key == 'period_to' else 'Начало'} периода ({stored:%d.%m.%Y}) — "
            f"из «{label}» на листе «{SHEET_SETTINGS}»."
        )
    q_start, q_end = quarter_of(today or date.today())
    start = explicit_from or settings.get("period_from") or q_start
    end = explicit_to or settings.get("period_to") or q_end
    if start > end and note:
        raise UsageError(
            f"начало отчётного периода ({start:%d.%m.%Y}) позже его конца ({end:%d.%m.%Y}), взятого из «Настроек».",
            hint="Укажите обе даты периода: --from ДАТА --to ДАТА.",
        )
    if start > end:
        raise RoadmapError(
            f"начало отчётного периода ({start:%d.%m.%Y}) позже его конца ({end:%d.%m.%Y}).",
            sheet=SHEET_SETTINGS,
            hint="Исправьте даты периода.",
        )
    return start, end, note
