"""The three buttons as library calls, path in -> path out: check, deadline control, form.

Each reads the roadmap workbook once with openpyxl, runs the job core of
``roadmap_tools.actions.jobs`` (the same call the Excel buttons make through xlwings),
applies its plans and saves atomically (a ``.bak`` copy of the previous file is kept).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Optional, Union

from roadmap_tools import collector
from roadmap_tools.actions.jobs import (
    CheckResult,
    FormResult,
    OverdueResult,
    check_job,
    form_job,
    form_plans,
    overdue_job,
)
from roadmap_tools.errors import RoadmapError
from roadmap_tools.workbook.book import read_roadmap_sheets
from roadmap_tools.workbook.schema import SHEET_CHECK, SHEET_FORM, SHEET_GANTT, SHEET_ROADMAP, SHEET_SETTINGS
from roadmap_tools.workbook.settings import explain_period, resolve_as_of

PathLike = Union[str, Path]


class BookFile:
    """A roadmap workbook opened for one job: its roadmap, settings and raw sheet rows."""

    def __init__(self, path: PathLike, keep_vba: Optional[bool] = None, school_year: Optional[int] = None):
        from roadmap_tools import safeio

        self.path = Path(path)
        if keep_vba is None:
            keep_vba = self.path.suffix.lower() == ".xlsm"
        # one check of the archive and one parse: openpyxl keeps the formulas for writing back
        target = safeio.check_archive(self.path, safeio.WHAT_EXCEL)
        self.wb = safeio.load_checked_workbook(target, keep_vba=keep_vba)
        self._values = _shown_values(self.wb, target, (SHEET_ROADMAP, SHEET_SETTINGS, SHEET_CHECK))
        self.settings_rows = self.rows(SHEET_SETTINGS)
        roadmap_rows = self.rows(SHEET_ROADMAP) if SHEET_ROADMAP in self.wb.sheetnames else None
        # the same reader, and the same messages, as the Excel door's (workbook.book)
        self.roadmap, self.settings = read_roadmap_sheets(
            roadmap_rows, self.settings_rows, str(self.path), school_year=school_year
        )

    def rows(self, sheet: str) -> list:
        return [list(r) for r in self._values.get(sheet, [])]

    def notes(self, sheet: str) -> dict:
        # the cells the file holds, in its order: ``iter_rows`` would make every empty one too
        cells = self.wb[sheet]._cells.values()
        return {cell.coordinate: cell.comment.text for cell in cells if getattr(cell, "comment", None)}

    def apply(self, plans) -> None:
        from roadmap_tools.sheetplan.operations import apply_openpyxl

        apply_openpyxl(self.wb, plans)

    def save(self, target: Optional[PathLike] = None) -> Path:
        from roadmap_tools.workbook.save import save_workbook

        return save_workbook(self.wb, target or self.path, original=self.path)


def _shown_values(wb, checked_path: Path, names: tuple) -> dict:
    """Sheet name -> rows of what the cells show, as python-calamine reads them («» for an empty
    cell, a date for a date at midnight) and ``plain_values`` gives them (a whole float as an
    int), for the named sheets present in the workbook.

    The jobs read what the cells show, like the Excel door does: the values openpyxl has
    already parsed, except in a sheet holding formulas, whose last computed values
    (as Excel displays them) only a second reader of the file gives.
    """
    from roadmap_tools.reading.xlsx_values import sheet_values
    from roadmap_tools.workbook.book import plain_values

    found, with_formulas = {}, []
    for name in names:
        if name not in wb.sheetnames:
            continue
        rows = _cell_values(wb[name]._cells)
        if rows is None:
            with_formulas.append(name)
        else:
            found[name] = rows
    if with_formulas:
        computed = sheet_values(checked_path, tuple(with_formulas), checked=True)
        found.update({name: plain_values(rows) for name, rows in computed.items()})
    return found


def _cell_values(cells: dict) -> Optional[list]:
    """The rows of a sheet's cells ((row, column) -> cell, the cells the file holds) up to the
    last row and column holding a value, «» where there is none; None if a cell holds a formula."""
    values = []
    height = width = 0
    for key, cell in cells.items():
        if cell.data_type == "f":
            return None
        value = cell._value
        if value is None or value == "":
            continue
        if isinstance(value, float):
            if value.is_integer():
                value = int(value)
        elif isinstance(value, datetime) and value.hour == value.minute == value.second == value.microsecond == 0:
            value = value.date()
        row, column = key
        if row > height:
            height = row
        if column > width:
            width = column
        values.append((row, column, value))
    rows = [[""] * width for _ in range(height)]
    for row, column, value in values:
        rows[row - 1][column - 1] = value
    return rows


@collector.paused()
def run_check(path: PathLike, today: Optional[date] = None, school_year: Optional[int] = None) -> CheckResult:
    """Check the workbook's roadmap; write «Проверка» and the marks into the workbook itself."""
    book = BookFile(path, school_year=school_year)
    result = check_job(
        book.roadmap,
        book.settings,
        book.rows(SHEET_CHECK),
        book.notes(SHEET_ROADMAP),
        today or date.today(),
        gantt=SHEET_GANTT in book.wb.sheetnames,
    )
    book.apply(result.plans)
    book.save()
    return result


@collector.paused()
def run_overdue(
    path: PathLike,
    as_of: Optional[date] = None,
    output: Optional[PathLike] = None,
    today: Optional[date] = None,
    school_year: Optional[int] = None,
) -> OverdueResult:
    """Write «Контроль срока» and «Просрочка, дн.» as of ``as_of`` (explicit, then «Настройки»,
    then today) into the workbook, or into ``output`` leaving the workbook as it is.
    An explicit ``as_of`` is also stored as «Дата контроля», so the colours agree with it."""
    keep_vba = None if output is None else Path(output).suffix.lower() == ".xlsm"
    book = BookFile(path, keep_vba=keep_vba, school_year=school_year)
    when = resolve_as_of(book.settings, as_of, today)
    result = overdue_job(
        book.roadmap,
        book.settings,
        when,
        settings_rows=book.settings_rows,
        write_as_of=as_of is not None and as_of != book.settings.get("as_of"),
        gantt=SHEET_GANTT in book.wb.sheetnames,
    )
    book.apply(result.plans)
    book.save(output)
    return result


@collector.paused()
def run_form(
    path: PathLike,
    start: Optional[date] = None,
    end: Optional[date] = None,
    output: Optional[PathLike] = None,
    today: Optional[date] = None,
    school_year: Optional[int] = None,
) -> FormResult:
    """Write the sheet «Форма мониторинга» for the period (explicit, then «Настройки», then the
    current quarter) into the workbook and, with ``output``, a separate plain .xlsx form.
    One end given alone is completed from «Настройки» (``result.period_note`` says so) or
    refused (``UsageError``)."""
    book = BookFile(path, school_year=school_year)
    start, end, note = explain_period(book.settings, start, end, today)
    result = form_job(book.roadmap, book.settings, start, end)
    result.period_note = note
    book.apply(result.plans)
    book.save()
    if output is not None:
        write_form_file(result, output)
    return result


def write_form_file(result: FormResult, output: PathLike) -> Path:
    """The form alone, as a new plain .xlsx (no macros) with the one sheet."""
    from openpyxl import Workbook

    from roadmap_tools.safeio import atomic_write
    from roadmap_tools.sheetplan.operations import apply_openpyxl

    target = Path(output)
    if target.suffix.lower() != ".xlsx":
        raise RoadmapError(
            "форма сохраняется как книга .xlsx.", file=str(target), hint="Укажите имя файла с расширением .xlsx."
        )
    wb = Workbook()
    apply_openpyxl(wb, form_plans(result.form, SHEET_FORM, in_workbook=False))
    wb.remove(wb.worksheets[0])
    return atomic_write(target, lambda tmp: wb.save(tmp))
