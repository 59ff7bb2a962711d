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
import re
import sys
from pathlib import Path
from typing import Any, Callable, Optional

import xlwings as xw
from xlwings import script

from roadmap_tools.collector import fewer_collections
from roadmap_tools.errors import RoadmapError
from roadmap_tools.sheetplan.xlwings_remote import is_remote, read_rows

ALERT_TITLE = "Дорожная карта"

#: The first xlwings whose remote engine (the one xlwings Lite runs) has all the scripts
#: use: ``Sheet.used_range`` came in 0.37.0, ``Sheet.notes`` and ``Range.conditional_formats``
#: in 0.37.5. setup.cfg's emscripten marker and docs/xlwings-lite.md give the same number.
LITE_XLWINGS_FLOOR = "0.37.5"


# --- errors and progress -----------------------------------------------------------
def internal_error_message(error: BaseException) -> str:
    what = str(error).strip().splitlines()[0] if str(error).strip() else ""
    detail = f"{type(error).__name__}: {what}" if what else type(error).__name__
    return f"Внутренняя ошибка программы ({detail}). Сообщите разработчикам, какую кнопку нажали, и приложите книгу."


def version_numbers(version: str) -> tuple:
    """«0.37.5» -> (0, 37, 5); the leading digits of each part («0.38.0rc1» -> (0, 38, 0))."""
    numbers = []
    for part in str(version).split("."):
        digits = re.match(r"\d+", part)
        if not digits:
            break
        numbers.append(int(digits.group()))
    return tuple(numbers)


def xlwings_too_old(version: str) -> Optional[RoadmapError]:
    """The error for an xlwings whose remote engine lacks what the scripts use, or None."""
    found = version_numbers(version)
    if not found or found >= version_numbers(LITE_XLWINGS_FLOOR):
        return None
    return RoadmapError(
        f"для кнопок дорожной карты в xlwings Lite нужен xlwings {LITE_XLWINGS_FLOOR} или новее, "
        f"а в этой книге установлен xlwings {version}.",
        hint=f"Откройте в xlwings Lite вкладку requirements.txt, замените строку с xlwings на "
        f"«xlwings>={LITE_XLWINGS_FLOOR}» (или добавьте её), дождитесь конца установки "
        "и перезапустите xlwings Lite: меню ☰ → Restart. Затем запустите скрипт снова.",
    )


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
    is left as it was; an xlwings below ``LITE_XLWINGS_FLOOR`` there gets only the
    message naming the version needed.
    """

    @functools.wraps(job)
    def run(book: Any = None, *args, **kwargs):
        if book is None:
            book = xw.Book.caller()
        queue = _pending_actions(book)
        mark = len(queue) if queue is not None else 0
        try:
            too_old = xlwings_too_old(xw.__version__) if is_remote(book) else None
            if too_old is not None:
                raise too_old
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
        raise RoadmapError(
            f"в книге нет листа «{name}».",
            file=book.name,
            hint="Восстановите лист (или импортируйте дорожную карту заново).",
        )
    return None


def sheet_rows(sheet) -> list:
    """All rows of a sheet from A1 to the last used cell, read in one call."""
    from roadmap_tools.sheetplan.operations import range_address

    last = sheet.used_range.last_cell
    # the range by its address: xlwings' remote engine makes a range from two cells by
    # copying the whole sheet twice (0.1 s at 20,000 rows)
    rng = sheet.range(range_address(1, 1, last.row, last.column))
    if is_remote(sheet.book):
        rows = read_rows(rng)  # the same values, without xlwings' per-cell converters
    else:
        values = rng.options(ndim=2).value
        # xlwings returns every number as float; openpyxl (the command line) gives int for 5
        rows = [[int(v) if v.__class__ is float and v.is_integer() else v for v in row] for row in values]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows


def read_settings(book) -> dict:
    """The typed settings of «Настройки» (defaults when the sheet is missing)."""
    from roadmap_tools.workbook.schema import SHEET_SETTINGS
    from roadmap_tools.workbook.settings import defaults, settings_from_rows

    sheet = find_sheet(book, SHEET_SETTINGS, required=False)
    if sheet is None:
        return defaults()
    return settings_from_rows(sheet_rows(sheet), file=book.name)


def apply_plans(book, plans) -> None:
    from roadmap_tools.sheetplan.xlwings_applier import apply_plans as apply

    show_status(book, "Дорожная карта: запись в книгу…")
    apply(book, plans)


def book_folder(book) -> Path:
    """The folder of the workbook, for the files a button writes next to it."""
    if sys.platform == "emscripten":
        raise RoadmapError(
            "в xlwings Lite у Python нет доступа к папкам компьютера, файл создать нельзя.",
            hint="Нажмите эту кнопку на вкладке «Дорожная карта» в настольном Excel "
            "или выполните команду roadmap-tools.",
        )
    folder = Path(book.fullname).parent
    if not str(book.fullname) or folder == Path(".") or not folder.is_dir():
        raise RoadmapError(
            "книга ещё не сохранена на диск, поэтому неизвестно, куда положить файл.",
            file=book.name,
            hint="Сохраните книгу (Файл → Сохранить как) и нажмите кнопку снова.",
        )
    return folder


def sheet_values_and_formulas(sheet) -> list:
    """Rows of a sheet as the importer keeps them: values, and ``Formula`` where a cell has one.

    Office.js does not send formulas with the workbook, so there only the values are kept.
    """
    from roadmap_tools.sheetplan import operations as sp

    rows = sheet_rows(sheet)
    if not rows:
        return rows
    try:
        formulas = sheet.range((1, 1), (len(rows), len(rows[0]))).options(ndim=2).formula
    except NotImplementedError:
        return rows
    for row, formula_row in zip(rows, formulas):
        for i, formula in enumerate(formula_row):
            if isinstance(formula, str) and formula.startswith("=") and i < len(row):
                row[i] = sp.Formula(formula)
    return rows


def roadmap_notes(sheet, our_cells) -> dict:
    """Cell -> note text on the roadmap sheet, so that the user's own notes are never touched.

    Office.js says which cells have a note but not what it says; there a note is ours
    if the last check listed its cell (``our_cells``), and the user's otherwise.
    """
    from roadmap_tools.actions.jobs import NOTE_PREFIX

    notes = {}
    try:
        for note in sheet.notes:
            notes[note.location.address.replace("$", "")] = note.text
        return notes
    except NotImplementedError:
        pass
    for entry in sheet.api.get("notes") or []:
        cell = entry["address"].replace("$", "")
        notes[cell] = NOTE_PREFIX if cell in our_cells else ""
    return notes


class RoadmapBook:
    """What the job buttons read from the calling workbook: settings and the roadmap."""

    def __init__(self, book):
        from roadmap_tools.workbook.book import read_roadmap_sheets
        from roadmap_tools.workbook.schema import SHEET_ROADMAP, SHEET_SETTINGS

        show_status(book, "Дорожная карта: чтение книги…")
        self.book = book
        self.file = str(book.fullname)
        self.roadmap_sheet = find_sheet(book, SHEET_ROADMAP, required=False)
        settings_sheet = find_sheet(book, SHEET_SETTINGS, required=False)
        self.settings_rows = sheet_rows(settings_sheet) if settings_sheet is not None else []
        roadmap_rows = sheet_rows(self.roadmap_sheet) if self.roadmap_sheet is not None else None
        # the same reader, and the same messages, as the command line's (workbook.book)
        self.roadmap, self.settings = read_roadmap_sheets(roadmap_rows, self.settings_rows, self.file)

    def rows(self, name: str) -> list:
        sheet = find_sheet(self.book, name, required=False)
        return sheet_rows(sheet) if sheet is not None else []


# --- the buttons -------------------------------------------------------------------
@script(name="Импорт из Word")
@button
def import_from_word(book: Optional[xw.Book] = None, path: Optional[str] = None):
    """Импорт дорожной карты из Word (.docx, .doc), PDF, .rtf или .odt на лист «Дорожная карта» этой книги.

    Путь к файлу берётся из аргумента или из «Настроек» (параметр «Файл для импорта»,
    его записывает кнопка ленты). Свои столбцы пользователя и отметки о выполнении
    сохраняются. В xlwings Lite недоступно: там нет доступа к файлам компьютера.
    """
    if sys.platform == "emscripten":  # said before importing the readers: Lite has no PDF reader installed
        raise RoadmapError(
            "в xlwings Lite у Python нет доступа к файлам компьютера, импорт из Word невозможен.",
            hint="Импортируйте кнопкой на вкладке «Дорожная карта» в настольном Excel "
            "или командой: roadmap-tools import ДОКУМЕНТ.docx -o КНИГА.xlsx",
        )
    from roadmap_tools.reading.importer import import_plans, kept_columns_text
    from roadmap_tools.workbook import schema as layout
    from roadmap_tools.workbook.settings import settings_from_rows

    assert book is not None  # ``button`` passes the calling book when none is given
    existing = {}
    for name in (layout.SHEET_ROADMAP, layout.SHEET_LISTS, layout.SHEET_SETTINGS):
        sheet = find_sheet(book, name, required=False)
        if sheet is not None:
            existing[name] = sheet_values_and_formulas(sheet)
    base = settings_from_rows(existing.get(layout.SHEET_SETTINGS, []), file=str(book.fullname))
    source = (path or base.get("import_file") or "").strip().strip('"')
    if not source:
        label = layout.SETTINGS_BY_KEY["import_file"].label
        raise RoadmapError(
            "не выбран документ для импорта.",
            sheet=layout.SHEET_SETTINGS,
            hint=f"Нажмите «Импорт из Word» и выберите документ (.docx, .doc, .pdf, .rtf, .odt) "
            f"или впишите путь "
            f"в параметр «{label}».",
        )
    show_status(book, "Дорожная карта: чтение документа…")
    roadmap, plans = import_plans(
        source,
        existing,
        base,  # the command line's composition too
        gantt=find_sheet(book, layout.SHEET_GANTT, required=False) is not None,
    )
    apply_plans(book, plans)
    activities = sum(len(section.activities) for section in roadmap.sections)
    inform(
        book,
        " ".join(
            t
            for t in (
                f"Импортировано мероприятий: {activities}, разделов: {len(roadmap.sections)}.",
                kept_columns_text(roadmap),
            )
            if t
        ),
    )


@script(name="Проверить")
@button
def check_entries(book: Optional[xw.Book] = None):
    """Проверка листа «Дорожная карта»: замечания на листе «Проверка», ячейки подсвечены."""
    from roadmap_tools.actions.jobs import check_job, marked_cells
    from roadmap_tools.workbook.schema import SHEET_CHECK, SHEET_GANTT, SHEET_ROADMAP

    with fewer_collections():  # only the book: no library that leaves cycles
        data = RoadmapBook(book)
        previous = data.rows(SHEET_CHECK)
        ours = {cell for sheet, cell in marked_cells(previous) if sheet == SHEET_ROADMAP}
        notes = roadmap_notes(data.roadmap_sheet, ours)
        show_status(book, "Дорожная карта: проверка…")
        result = check_job(
            data.roadmap,
            data.settings,
            previous,
            notes,
            datetime.date.today(),
            gantt=find_sheet(book, SHEET_GANTT, required=False) is not None,
        )
        apply_plans(book, result.plans)
    find_sheet(book, SHEET_CHECK).activate()
    inform(
        book,
        f"Проверка закончена: ошибок — {result.errors}, предупреждений — {result.warnings}. "
        f"Подробности на листе «{SHEET_CHECK}».",
    )


@script(name="Отметить просрочки")
@button
def flag_overdue(book: Optional[xw.Book] = None, as_of: Optional[datetime.date] = None):
    """Контроль сроков на дату контроля (пусто: из «Настроек», иначе сегодня)."""
    from roadmap_tools.actions.jobs import overdue_job
    from roadmap_tools.workbook.schema import SHEET_GANTT
    from roadmap_tools.workbook.settings import resolve_as_of

    with fewer_collections():  # only the book: no library that leaves cycles
        data = RoadmapBook(book)
        when = resolve_as_of(data.settings, as_of, datetime.date.today())
        result = overdue_job(
            data.roadmap,
            data.settings,
            when,
            settings_rows=data.settings_rows,
            write_as_of=as_of is not None and as_of != data.settings.get("as_of"),
            gantt=find_sheet(book, SHEET_GANTT, required=False) is not None,
        )
        apply_plans(book, result.plans)


@script(name="Форма мониторинга")
@button
def monitoring_form(
    book: Optional[xw.Book] = None,
    period_from: Optional[datetime.date] = None,
    period_to: Optional[datetime.date] = None,
):
    """Форма мониторинга за отчётный период (пусто: из «Настроек», иначе текущий квартал)."""
    from roadmap_tools.actions.jobs import form_job
    from roadmap_tools.workbook.schema import SHEET_FORM
    from roadmap_tools.workbook.settings import explain_period

    with fewer_collections():  # only the book: no library that leaves cycles
        data = RoadmapBook(book)
        start, end, note = explain_period(data.settings, period_from, period_to, datetime.date.today())
        result = form_job(data.roadmap, data.settings, start, end)
        apply_plans(book, result.plans)
    find_sheet(book, SHEET_FORM).activate()
    if note:
        inform(book, note)


def saved_book_path(book) -> Path:
    """Save the book (the letter is made from the file, which must hold what the user sees)."""
    folder = book_folder(book)
    show_status(book, "Дорожная карта: сохранение книги…")
    book.save()
    return folder / Path(str(book.fullname)).name


@script(name="Сопроводительное письмо")
@button
def cover_letter(book: Optional[xw.Book] = None):
    """Сопроводительное письмо .docx рядом с книгой (книга сначала сохраняется)."""
    from roadmap_tools.reports.letter import default_letter_path, prepare_letter, render_letter

    path = saved_book_path(book)
    show_status(book, "Дорожная карта: письмо…")
    job = prepare_letter(path)
    written = render_letter(job.context, default_letter_path(job.roadmap_path, job.settings, job.title))
    inform(
        book,
        f"Книга сохранена. Сопроводительное письмо: {written} "
        f"(приложение на {job.pages} л., период: {job.context['period_words']}).",
    )


@script(name="Письмо e-mail")
@button
def email_draft(book: Optional[xw.Book] = None):
    """Черновик письма .eml с формой мониторинга и сопроводительным письмом, рядом с книгой."""
    from roadmap_tools.reports.email_draft import make_email

    path = saved_book_path(book)
    show_status(book, "Дорожная карта: письмо e-mail…")
    result = make_email(path)
    inform(
        book,
        f"Книга сохранена. Черновик письма: {result.eml}. Вложения: {result.form.name}, "
        f"{result.letter.name}. Откройте черновик в почтовой программе и отправьте.",
    )


@script(name="Дорожная карта в Word")
@button
def export_to_word(book: Optional[xw.Book] = None):
    """Дорожная карта приложением к приказу (.docx) рядом с книгой (книга сначала сохраняется)."""
    from roadmap_tools.reports.word_export import export_word

    path = saved_book_path(book)
    show_status(book, "Дорожная карта: документ Word…")
    roadmap, written = export_word(path)  # the command line's call
    activities = sum(len(section.activities) for section in roadmap.sections)
    inform(
        book,
        f"Книга сохранена. Документ Word: {written} (мероприятий: {activities}, разделов: {len(roadmap.sections)}).",
    )


# --- requests to executors and the curator's review (issue 16) ------------------------------
#: Folders beside the workbook the review buttons read and write.
REQUESTS_FOLDER = "Запросы исполнителям"
ANSWERS_FOLDER = "Ответы исполнителей"
FEEDBACK_PATTERN = "Замечания куратора*.xlsx"


@script(name="Запрос исполнителям")
@button
def requests_to_executors(
    book: Optional[xw.Book] = None,
    period_from: Optional[datetime.date] = None,
    period_to: Optional[datetime.date] = None,
    folder: Optional[str] = None,
):
    """Книги запросов исполнителям за отчётный период в папке «Запросы исполнителям» рядом с книгой."""
    from roadmap_tools.executors.requests import requests_job
    from roadmap_tools.workbook.schema import SHEET_LISTS
    from roadmap_tools.workbook.settings import resolve_period

    data = RoadmapBook(book)
    target = Path(folder) if folder else book_folder(book) / REQUESTS_FOLDER
    start, end = resolve_period(data.settings, period_from, period_to, datetime.date.today())
    show_status(book, "Дорожная карта: запросы исполнителям…")
    result = requests_job(data.roadmap, data.settings, data.rows(SHEET_LISTS), start, end, target)
    apply_plans(book, result.plans)
    inform(book, f"Запросов: {len(result.files)} (папка {target}); писем: {sum(1 for f in result.files if f.eml)}.")


@script(name="Собрать ответы")
@button
def collect_answers(book: Optional[xw.Book] = None, folder: Optional[str] = None):
    """Ответы исполнителей из папки «Ответы исполнителей» рядом с книгой — в отчётные столбцы."""
    from roadmap_tools.executors.collect import SHEET_COLLECT, run_collect_files

    data = RoadmapBook(book)
    source = Path(folder) if folder else book_folder(book) / ANSWERS_FOLDER
    if not source.exists():
        raise RoadmapError(
            "нет папки с ответами исполнителей.",
            file=str(source),
            hint=f"Сложите вернувшиеся файлы запросов в папку «{ANSWERS_FOLDER}» рядом с книгой.",
        )
    show_status(book, "Дорожная карта: сбор ответов…")
    result = run_collect_files(data.roadmap, data.settings, [source])
    apply_plans(book, result.plans)
    find_sheet(book, SHEET_COLLECT).activate()
    inform(
        book,
        f"Ответов: {len(result.files)}, заполнено ячеек: {len(result.filled)}, конфликтов: "
        f"{len(result.conflicts)}, без ответа: {len(result.unanswered)}. Подробности на листе "
        f"«{SHEET_COLLECT}».",
    )


@script(name="Замечания куратора")
@button
def curator_feedback(book: Optional[xw.Book] = None, path: Optional[str] = None):
    """Решения и комментарии куратора из файла «Замечания куратора - ….xlsx» рядом с книгой."""
    from roadmap_tools.consolidation.feedback import apply_feedback_job, read_feedback

    data = RoadmapBook(book)
    if path:
        chosen = Path(path)
    else:
        found = sorted(book_folder(book).glob(FEEDBACK_PATTERN), key=lambda p: p.stat().st_mtime)
        if not found:
            raise RoadmapError(
                "рядом с книгой нет файла замечаний куратора.",
                file=str(book_folder(book)),
                hint="Сохраните присланный файл «Замечания куратора - ….xlsx» в папку книги.",
            )
        chosen = found[-1]
    municipality, rows = read_feedback(chosen)
    result = apply_feedback_job(data.roadmap, data.settings, municipality, rows, file=str(chosen))
    apply_plans(book, result.plans)
    inform(
        book,
        f"Замечания куратора загружены: строк {len(result.applied)}, на доработку "
        f"{len(result.rework)}. Нажмите «Проверить»: строки на доработку попадут на лист «Проверка».",
    )


# --- xlwings Lite with an xlwings older than the floor ------------------------------
def explain_old_xlwings(job: Callable) -> Callable:
    """``job`` as a script for an xlwings too old to run it: it only says which xlwings is needed.

    Before 0.36.2 xlwings calls a script with the book alone and finds where to put it by
    the annotation object, while this module's annotations are text (``from __future__
    import annotations``): the real scripts would stop with an English error before
    ``button`` could say anything.
    """

    def explain(book):
        book.app.alert(str(xlwings_too_old(xw.__version__)), title=ALERT_TITLE, mode="critical")
        return book

    explain.__annotations__ = {"book": xw.Book}
    explain.__name__ = explain.__qualname__ = job.__name__
    explain.__doc__ = job.__doc__
    return script(name=getattr(job, "__xlscript__", {}).get("name", job.__name__))(explain)


if sys.platform == "emscripten" and xlwings_too_old(xw.__version__) is not None:
    for _name, _job in list(globals().items()):
        if hasattr(_job, "__xlscript__"):  # every function decorated with @script above
            globals()[_name] = explain_old_xlwings(_job)
    del _name, _job
