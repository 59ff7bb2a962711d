"""The Excel door: one function per button of the ribbon tab «Дорожная карта».

Each function reads the sheets it needs in one call per sheet, calls the same library
function the command line calls, and applies the ``SheetPlan``s it returns through
xlwings (``_apply_xlwings``). The VBA of the ribbon calls them with ``RunPython``
(``book`` is then ``xw.Book.caller()``); xlwings Lite runs them as scripts and passes
the book and the typed arguments of its form. Errors end in a Russian message box.

Kept light on purpose: only xlwings is imported here; the library is imported inside
the functions, so a click starts working at once.
"""
from __future__ import annotations

import datetime
import functools
import sys
from pathlib import Path
from typing import Any, Callable, Optional

import xlwings as xw
from xlwings import script

from roadmap_tools.errors import RoadmapError

ALERT_TITLE = "Дорожная карта"


# --- errors and progress -----------------------------------------------------------
def internal_error_message(error: BaseException) -> str:
    what = str(error).strip().splitlines()[0] if str(error).strip() else ""
    detail = f"{type(error).__name__}: {what}" if what else type(error).__name__
    return (f"Внутренняя ошибка программы ({detail}). "
            "Сообщите разработчикам, какую кнопку нажали, и приложите книгу.")


def show_status(book, text) -> None:
    """The status bar of desktop Excel; silently nothing where there is none (Office.js)."""
    try:
        book.app.status_bar = text
    except Exception:
        pass


def _pending_actions(book) -> Optional[list]:
    """The remote engine's queue of writes (None for desktop Excel, which writes at once)."""
    try:
        queue = book.json()
    except Exception:
        return None
    return queue.get("actions") if isinstance(queue, dict) else None


def button(job: Callable) -> Callable:
    """Run ``job(book, ...)`` as a button: the user sees a message box, never a traceback.

    A ``RoadmapError`` is shown as it is (it names the place and says what to fix);
    anything else as one Russian line asking to tell the developers. With the remote
    engine (xlwings Lite) the writes queued before the error are dropped, so the book
    is left as it was.
    """

    @functools.wraps(job)
    def run(book: Any = None, *args, **kwargs):
        if book is None:
            book = xw.Book.caller()
        queue = _pending_actions(book)
        mark = len(queue) if queue is not None else 0
        try:
            job(book, *args, **kwargs)
        except RoadmapError as error:
            _rollback(queue, mark)
            book.app.alert(str(error), title=ALERT_TITLE, mode="critical")
        except Exception as error:  # our own bug: say so plainly, no traceback
            _rollback(queue, mark)
            book.app.alert(internal_error_message(error), title=ALERT_TITLE, mode="critical")
        finally:
            show_status(book, False)
        return book

    return run


def _rollback(queue: Optional[list], mark: int) -> None:
    if queue is not None:
        del queue[mark:]


def inform(book, text: str) -> None:
    book.app.alert(text, title=ALERT_TITLE, mode="info")


# --- reading -----------------------------------------------------------------------
def find_sheet(book, name: str, required: bool = True):
    """The sheet called ``name`` (any letter case), or a Russian error naming it."""
    for sheet in book.sheets:
        if sheet.name.casefold() == name.casefold():
            return sheet
    if required:
        raise RoadmapError(f"в книге нет листа «{name}».", file=book.name,
                           hint="Восстановите лист (или импортируйте дорожную карту заново).")
    return None


def _cell(value: Any) -> Any:
    # xlwings returns every number as float; openpyxl (the command line) gives int for 5.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def sheet_rows(sheet) -> list:
    """All rows of a sheet from A1 to the last used cell, read in one call."""
    last = sheet.used_range.last_cell
    values = sheet.range((1, 1), (last.row, last.column)).options(ndim=2).value
    rows = [[_cell(v) for v in row] for row in values]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows


def read_settings(book) -> dict:
    """The typed settings of «Настройки» (defaults when the sheet is missing)."""
    from roadmap_tools.layout import SHEET_SETTINGS
    from roadmap_tools.settings import defaults, settings_from_rows

    sheet = find_sheet(book, SHEET_SETTINGS, required=False)
    if sheet is None:
        return defaults()
    return settings_from_rows(sheet_rows(sheet), file=book.name)


def apply_plans(book, plans) -> None:
    from roadmap_tools._apply_xlwings import apply_plans as apply

    show_status(book, "Дорожная карта: запись в книгу…")
    apply(book, plans)


def book_folder(book) -> Path:
    """The folder of the workbook, for the files a button writes next to it."""
    if sys.platform == "emscripten":
        raise RoadmapError("в xlwings Lite у Python нет доступа к папкам компьютера, файл создать нельзя.",
                           hint="Нажмите эту кнопку на вкладке «Дорожная карта» в настольном Excel "
                                "или выполните команду roadmap-tools.")
    folder = Path(book.fullname).parent
    if not str(book.fullname) or folder == Path(".") or not folder.is_dir():
        raise RoadmapError("книга ещё не сохранена на диск, поэтому неизвестно, куда положить файл.",
                           file=book.name, hint="Сохраните книгу (Файл → Сохранить как) и нажмите кнопку снова.")
    return folder
