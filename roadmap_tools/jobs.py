"""The three buttons as library calls, path in -> path out: check, deadline control, form.

Each reads the roadmap workbook once with openpyxl, runs the job core of
``roadmap_tools.plans`` (the same call the Excel buttons make through xlwings),
applies its plans and saves atomically (a ``.bak`` copy of the previous file is kept).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional, Union

from roadmap_tools.errors import RoadmapError
from roadmap_tools.layout import SHEET_CHECK, SHEET_FORM, SHEET_GANTT, SHEET_ROADMAP, SHEET_SETTINGS
from roadmap_tools.plans import CheckResult, FormResult, OverdueResult, check_job, form_job, form_plans, overdue_job
from roadmap_tools.settings import explain_period, resolve_as_of, settings_from_rows

PathLike = Union[str, Path]


class _Book:
    """A roadmap workbook opened for one job: its roadmap, settings and raw sheet rows."""

    def __init__(self, path: PathLike, keep_vba: Optional[bool] = None, school_year: Optional[int] = None):
        from roadmap_tools.model import Source
        from roadmap_tools.safeio import load_workbook
        from roadmap_tools.workbook import plain_values
        from roadmap_tools.xlsx_reader import sheet_values

        self.path = Path(path)
        if keep_vba is None:
            keep_vba = self.path.suffix.lower() == ".xlsm"
        # openpyxl keeps the formulas for writing back; the jobs read what the cells show
        # (a formula's last computed value, as Excel displays it), like the Excel door does
        self.wb = load_workbook(self.path, keep_vba=keep_vba)
        self._values = {name: plain_values(rows) for name, rows in
                        sheet_values(self.path, (SHEET_ROADMAP, SHEET_SETTINGS, SHEET_CHECK)).items()}
        if SHEET_ROADMAP not in self.wb.sheetnames:
            raise RoadmapError(f"в книге нет листа «{SHEET_ROADMAP}».", file=str(self.path),
                               hint="Создайте книгу командой roadmap-tools import или восстановите лист.")
        self.settings_rows = self.rows(SHEET_SETTINGS)
        self.settings = settings_from_rows(self.settings_rows, file=str(self.path))
        if school_year is not None:  # --school-year: this run reads the deadlines in that school year
            self.settings["school_year"] = school_year
        from roadmap_tools.workbook import roadmap_from_rows

        self.roadmap = roadmap_from_rows(self.rows(SHEET_ROADMAP), self.settings,
                                         Source(file=str(self.path), sheet=SHEET_ROADMAP))

    def rows(self, sheet: str) -> list:
        return [list(r) for r in self._values.get(sheet, [])]

    def notes(self, sheet: str) -> dict:
        ws = self.wb[sheet]
        return {cell.coordinate: cell.comment.text for row in ws.iter_rows() for cell in row if cell.comment}

    def apply(self, plans) -> None:
        from roadmap_tools.sheetplan import apply_openpyxl

        apply_openpyxl(self.wb, plans)

    def save(self, target: Optional[PathLike] = None) -> Path:
        from roadmap_tools.xlsx_save import save_workbook

        return save_workbook(self.wb, target or self.path, original=self.path)


def run_check(path: PathLike, today: Optional[date] = None, school_year: Optional[int] = None) -> CheckResult:
    """Check the workbook's roadmap; write «Проверка» and the marks into the workbook itself."""
    book = _Book(path, school_year=school_year)
    result = check_job(book.roadmap, book.settings, book.rows(SHEET_CHECK), book.notes(SHEET_ROADMAP),
                       today or date.today(), gantt=SHEET_GANTT in book.wb.sheetnames)
    book.apply(result.plans)
    book.save()
    return result


def run_overdue(path: PathLike, as_of: Optional[date] = None, output: Optional[PathLike] = None,
                today: Optional[date] = None, school_year: Optional[int] = None) -> OverdueResult:
    """Write «Контроль срока» and «Просрочка, дн.» as of ``as_of`` (explicit, then «Настройки»,
    then today) into the workbook, or into ``output`` leaving the workbook as it is.
    An explicit ``as_of`` is also stored as «Дата контроля», so the colours agree with it."""
    keep_vba = None if output is None else Path(output).suffix.lower() == ".xlsm"
    book = _Book(path, keep_vba=keep_vba, school_year=school_year)
    when = resolve_as_of(book.settings, as_of, today)
    result = overdue_job(book.roadmap, book.settings, when, settings_rows=book.settings_rows,
                         write_as_of=as_of is not None and as_of != book.settings.get("as_of"),
                         gantt=SHEET_GANTT in book.wb.sheetnames)
    book.apply(result.plans)
    book.save(output)
    return result


def run_form(path: PathLike, start: Optional[date] = None, end: Optional[date] = None,
             output: Optional[PathLike] = None, today: Optional[date] = None,
             school_year: Optional[int] = None) -> FormResult:
    """Write the sheet «Форма мониторинга» for the period (explicit, then «Настройки», then the
    current quarter) into the workbook and, with ``output``, a separate plain .xlsx form.
    One end given alone is completed from «Настройки» (``result.period_note`` says so) or
    refused (``UsageError``)."""
    book = _Book(path, school_year=school_year)
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
    from roadmap_tools.sheetplan import apply_openpyxl

    target = Path(output)
    if target.suffix.lower() != ".xlsx":
        raise RoadmapError("форма сохраняется как книга .xlsx.", file=str(target),
                           hint="Укажите имя файла с расширением .xlsx.")
    wb = Workbook()
    apply_openpyxl(wb, form_plans(result.form, SHEET_FORM, in_workbook=False))
    wb.remove(wb.worksheets[0])
    return atomic_write(target, lambda tmp: wb.save(tmp))
