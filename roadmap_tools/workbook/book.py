"""The roadmap workbook: sheets «Дорожная карта», «Справочники», «Настройки» (see ``layout``).

Writing returns ``SheetPlan`` objects (``roadmap_sheet_plans``), so the command line
and the Excel buttons write the same cells; reading works on rows of values
(``roadmap_from_rows``), so both doors read through the same code.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Optional, Sequence, Union

from roadmap_tools import safeio
from roadmap_tools.actions.jobs import gantt_print_plan_for
from roadmap_tools.errors import RoadmapError
from roadmap_tools.executors.names import executor_names
from roadmap_tools.lexicon import vocab
from roadmap_tools.model import Activity, Deadline, Roadmap, Section, Source
from roadmap_tools.reading import headers
from roadmap_tools.sheetplan import operations as sp
from roadmap_tools.workbook import printing, textfit
from roadmap_tools.workbook import schema as layout
from roadmap_tools.workbook import settings as settings_module

TITLE_OF = {column.field: column.title for column in layout.ROADMAP_COLUMNS}
KIND_OF = {column.field: column.kind for column in layout.ROADMAP_COLUMNS}
WIDTH_OF = {column.field: column.width for column in layout.ROADMAP_COLUMNS}
HINT_OF = {column.field: column.hint for column in layout.ROADMAP_COLUMNS}
TEXT_FIELDS = ("number", "section", "activity", "deadline", "executor", "result", "status", "info", "link", "note")
REPORT_FIELDS = ("status", "done_date", "info", "link", "note")
#: Columns read when the sheet has them: the row id and the curator's answer (see ``layout.ROW_ID_COLUMN``).
EXTRA_FIELDS = ("row_id", "decision", "curator_comment")
LISTS_HEADER = ["Статусы исполнения", "Контроль срока", "Исполнители"]
DATE_FORMAT = "DD.MM.YYYY"
#: Columns of «Дорожная карта» hidden from view and print: helpers the formulas of other sheets read.
HIDDEN_FIELDS = ("months",)
#: Width of a column of the document's own (kept on import), characters.
KEPT_COLUMN_WIDTH = 20


# --- settings ---------------------------------------------------------------------
def roadmap_settings(roadmap: Roadmap, base: Optional[dict] = None) -> dict:
    """Settings with the roadmap's title, organisation, years and source filled in.

    ``base`` (the workbook's current settings) is kept where the roadmap says nothing,
    so an organisation typed by hand survives a re-import of a document that lacks it.
    """
    merged = settings_module.defaults()
    merged.update(base or {})
    found = {
        "title": roadmap.title,
        "organisation": roadmap.organisation,
        "first_year": roadmap.first_year,
        "last_year": roadmap.last_year,
        "school_year": roadmap.school_year,
        "source_file": Path(roadmap.source.file).name if roadmap.source.file else "",
        "source_columns": "\n".join(roadmap.columns),
    }
    merged.update({key: value for key, value in found.items() if value not in (None, "")})
    return merged


def setting_name(key: str) -> str:
    """The workbook name of a setting: ``rt_as_of`` refers to its value cell in «Настройки»."""
    return f"rt_{key}"


def setting_cell(key: str) -> str:
    index = [s.key for s in layout.SETTINGS].index(key)
    return f"$B${index + 2}"


# --- the roadmap sheet's columns ---------------------------------------------------
def sheet_fields(header: Sequence[Any]) -> dict:
    """Field -> 0-based column of a «Дорожная карта» header (our titles, or any wording)."""
    texts = [_text(value) for value in header]
    return headers.recognise_header(texts) or {}


def _columns_for(existing_header: Sequence[Any], kept: Sequence[str] = ()) -> tuple:
    """(field -> 1-based column, header titles, kept title -> 1-based column) keeping the user's
    own columns where they are; ``kept`` (the document's own columns) go to columns of
    the same title, or after the last column."""
    titles = [_text(value) for value in existing_header]
    while titles and not titles[-1]:
        titles.pop()
    found = sheet_fields(titles) if titles else {}
    positions = {name: index + 1 for name, index in found.items() if name in TITLE_OF}
    for column in layout.ROADMAP_COLUMNS:
        if column.field not in positions:
            titles.append(column.title)
            positions[column.field] = len(titles)
    ours = set(positions.values())
    kept_positions = {}
    for title in kept:
        same = [i + 1 for i, t in enumerate(titles) if _key(t) == _key(title) and i + 1 not in ours]
        if same:
            kept_positions[title] = same[0]
        else:
            titles.append(title)
            kept_positions[title] = len(titles)
    seen = set()
    for index, title in enumerate(titles):
        if not title:  # an Excel table needs a title on every column
            title = f"Столбец {index + 1}"
        unique, n = title, 2
        while unique.lower() in seen:
            unique, n = f"{title} ({n})", n + 1
        seen.add(unique.lower())
        titles[index] = unique
    return positions, titles, kept_positions


def _key(text: Any) -> str:
    return " ".join(_text(text).split()).lower()


def _months_of(span: tuple) -> list:
    first, last = span
    return [
        year * 100 + month
        for year in range(first.year, last.year + 1)
        for month in range(1, 13)
        if (first.year, first.month) <= (year, month) <= (last.year, last.month)
    ]


def chart_months(deadline: Optional[Deadline]) -> str:
    """The column «Месяцы (для диаграммы)»: «;202205;202211;» (year*100+month of every month a span
    touches) when the spans leave months out between «Начало» and «Окончание», else "".

    «Диаграмма Ганта» colours a month of [Начало, Окончание] only if it is listed here (or
    the cell is empty); numbers between «;», so its rule needs no locale's date format.
    """
    if deadline is None or len(deadline.spans) < 2:
        return ""
    months = sorted({m for span in deadline.spans for m in _months_of(span)})
    if months == _months_of((deadline.start, deadline.end)):
        return ""  # the spans fill every month: one bar says it
    return ";" + ";".join(str(m) for m in months) + ";"


def _activity_values(activity: Activity, years: Sequence[int], school_year: Optional[int] = None) -> dict:
    from roadmap_tools.deadlines import parse_deadline

    parsed = activity.parsed or parse_deadline(activity.deadline, years, school_year)
    values = {name: getattr(activity, name, "") for name in TEXT_FIELDS}
    values.update(
        section=activity.section,
        start=parsed.start,
        end=parsed.end,
        months=chart_months(parsed),
        done_date=activity.done_date,
        control=None,
        days_overdue=None,
    )
    return values


def _match_old_rows(activities: list, old_rows: list, fields: dict) -> list:
    """For each activity, the old row it was written to before (by activity text, then number)."""

    def column(row, name):
        index = fields.get(name)
        return row[index - 1] if index and index - 1 < len(row) else None

    by_text: dict = {}
    by_number: dict = {}
    for row in old_rows:
        if any(_text(v) for v in row):
            by_text.setdefault(_key(column(row, "activity")), []).append(row)
            number = _key(column(row, "number"))
            if number:
                by_number.setdefault((_key(column(row, "section")), number), []).append(row)
    used = set()
    matched = []
    for activity in activities:
        candidates = by_text.get(_key(activity.activity), []) + by_number.get(
            (_key(activity.section), _key(activity.number)), []
        )
        row = next((r for r in candidates if id(r) not in used), None)
        if row is not None:
            used.add(id(row))
        matched.append(row)
    return matched


def _roadmap_plan(roadmap: Roadmap, settings: dict, existing: Optional[list]) -> sp.SheetPlan:
    existing = existing or []
    old_header = list(existing[0]) if existing else []
    old_fields = {name: index + 1 for name, index in sheet_fields(old_header).items()} if old_header else {}
    positions, titles, kept_positions = _columns_for(old_header, roadmap.kept_columns)
    width = len(titles)
    years = settings_years(settings) or list(roadmap.years)
    activities = list(roadmap.activities())
    matched = _match_old_rows(activities, [list(r) for r in existing[1:]], old_fields)
    ours = set(positions.values())

    rows = [titles]
    for activity, old in zip(activities, matched):
        values = _activity_values(activity, years, settings.get("school_year") or roadmap.school_year)
        row: list = [None] * width
        if old is not None:
            for col in range(1, width + 1):
                if col not in ours and col - 1 < len(old):
                    row[col - 1] = old[col - 1]  # the user's own column follows its activity
            for name in REPORT_FIELDS:
                index = old_fields.get(name)
                if not values[name] and index and index - 1 < len(old) and old[index - 1] not in (None, ""):
                    values[name] = old[index - 1]
        for name, col in positions.items():
            row[col - 1] = values[name]
        for title, text in activity.extra.items():
            if title in kept_positions and text not in (None, ""):
                row[kept_positions[title] - 1] = text
        rows.append(row)
    if not activities:
        rows.append([None] * width)
    last_row = len(rows)
    last_col = sp.column_letter(width)

    plan = sp.SheetPlan(layout.SHEET_ROADMAP, index=0)
    plan.add(sp.Values("A1", rows))
    if len(existing) > last_row:
        plan.add(sp.ClearContents(f"A{last_row + 1}:{last_col}{len(existing)}"))
    widths = {}
    for name, col in positions.items():
        letter = sp.column_letter(col)
        widths[letter] = WIDTH_OF[name]
        plan.add(sp.Wrap(f"{letter}1:{letter}{last_row}", vertical="top"))
        if KIND_OF[name] == "date":
            plan.add(sp.NumberFormat(f"{letter}2:{letter}{last_row}", DATE_FORMAT))
        elif KIND_OF[name] == "int":
            plan.add(sp.NumberFormat(f"{letter}2:{letter}{last_row}", "0"))
    for col in sorted(set(kept_positions.values())):
        letter = sp.column_letter(col)
        widths[letter] = KEPT_COLUMN_WIDTH
        plan.add(sp.Wrap(f"{letter}1:{letter}{last_row}", vertical="top"))
    # the helper column of «Диаграмма Ганта» («;202205;202211;») is not for reading or printing
    hidden = tuple(sp.column_letter(positions[name]) for name in HIDDEN_FIELDS)
    plan.add(sp.ColumnWidths(widths, hidden=hidden))
    for name, col in positions.items():
        if HINT_OF[name]:
            plan.add(sp.Note(sp.address(1, col), HINT_OF[name]))
    # Styled by hand as well as by the table style, which LibreOffice does not draw.
    plan.add(sp.Font(f"A1:{last_col}1", bold=True))
    plan.add(sp.Fill(f"A1:{last_col}1", layout.ROADMAP_HEADER_FILL))
    plan.add(sp.Border(f"A1:{last_col}{last_row}"))
    # Rows get heights that show their wrapped text: LibreOffice and Excel keep the
    # default height of a row whose height the file does not set.
    wrapped = list(positions.values()) + sorted(set(kept_positions.values()))
    wrapped_widths = [WIDTH_OF[name] for name in positions] + [KEPT_COLUMN_WIDTH] * (len(wrapped) - len(positions))
    for number, row in enumerate(rows, start=1):
        plan.add(sp.RowHeight(number, textfit.row_height([row[col - 1] for col in wrapped], wrapped_widths)))
    for number in range(last_row + 1, len(existing) + 1):  # rows the last import wrote
        plan.add(sp.RowHeight(number, textfit.LINE_HEIGHT))
    plan.add(sp.Freeze("A2"))
    plan.add(sp.Table(layout.ROADMAP_TABLE_NAME, f"A1:{last_col}{last_row}"))
    status = sp.column_letter(positions["status"])
    plan.add(
        sp.ListValidation(
            f"{status}2:{status}{last_row}", f"='{layout.SHEET_LISTS}'!$A$2:$A${1 + len(vocab.REPORT_STATUSES)}"
        )
    )
    executors = roadmap_executors(roadmap)
    if executors:
        executor = sp.column_letter(positions["executor"])
        plan.add(
            sp.ListValidation(
                f"{executor}2:{executor}{last_row}",
                f"='{layout.SHEET_LISTS}'!$C$2:$C${1 + len(executors)}",
                allow_other=True,
            )
        )
    printed = [widths.get(sp.column_letter(col)) for col in range(1, width + 1) if sp.column_letter(col) not in hidden]
    plan.add(printing.page_setup(printed, title_rows="1:1", title_columns=1 if positions["number"] == 1 else 0))
    return plan


def roadmap_executors(roadmap: Roadmap) -> list:
    """Executors named in the roadmap, one organisation or person each, first seen first
    (``executors.executor_names``: a cell naming two gives both, not a third)."""
    return executor_names(roadmap)


def executor_emails(lists_rows: Optional[Sequence[Sequence[Any]]]) -> dict:
    """Executor (lower case, one space) -> e-mail, from «Справочники»: the column headed
    «Исполнители» and the one headed «E-mail исполнителя» beside it, as the user typed them."""
    rows = [list(r) for r in (lists_rows or [])]
    if not rows:
        return {}
    header = [_text(v).lower() for v in rows[0]]
    try:
        name_col = header.index(LISTS_HEADER[2].lower())
        mail_col = header.index(vocab.EXECUTOR_EMAIL_HEADER.lower())
    except ValueError:
        return {}
    found = {}
    for row in rows[1:]:
        name = _text(row[name_col]) if name_col < len(row) else ""
        mail = _text(row[mail_col]) if mail_col < len(row) else ""
        if name and mail:
            found[_key(name)] = mail
    return found


def _lists_plan(roadmap: Roadmap, existing: Optional[list]) -> sp.SheetPlan:
    executors = roadmap_executors(roadmap)
    emails = executor_emails(existing)
    # e-mails typed by the user follow their executor; executors no longer named keep theirs too
    kept = [
        name
        for name in _kept_executors(existing)
        if _key(name) in emails and _key(name) not in {_key(e) for e in executors}
    ]
    executors += kept
    columns = [
        list(vocab.REPORT_STATUSES),
        list(vocab.CONTROL_STATUSES),
        executors,
        [emails.get(_key(name)) for name in executors],
    ]
    height = max(len(c) for c in columns)
    rows = [LISTS_HEADER + [vocab.EXECUTOR_EMAIL_HEADER]] + [
        [c[i] if i < len(c) else None for c in columns] for i in range(height)
    ]
    plan = sp.SheetPlan(layout.SHEET_LISTS)
    plan.add(sp.Values("A1", rows))
    old_height = len(existing or [])
    if old_height > len(rows):
        plan.add(sp.ClearContents(f"A{len(rows) + 1}:D{old_height}"))
    plan.add(sp.Font("A1:D1", bold=True))
    # long executor names wrap inside their cell instead of running across the page's edge
    _wrapped_columns(plan, rows, {"A": 22, "B": 26, "C": 60, "D": 30})
    return plan


def _kept_executors(existing: Optional[list]) -> list:
    rows = [list(r) for r in (existing or [])]
    if not rows:
        return []
    header = [_text(v).lower() for v in rows[0]]
    if LISTS_HEADER[2].lower() not in header:
        return []
    col = header.index(LISTS_HEADER[2].lower())
    return [_text(r[col]) for r in rows[1:] if col < len(r) and _text(r[col])]


def _wrapped_columns(plan: sp.SheetPlan, rows: list, widths: dict) -> None:
    """Columns of ``widths`` wrapping their text, rows as tall as it needs, printed on A4 with the
    first row repeated."""
    plan.add(sp.ColumnWidths(widths))
    plan.add(sp.Wrap(f"A1:{sp.column_letter(len(widths))}{len(rows)}", vertical="top"))
    for number, row in enumerate(rows, start=1):
        plan.add(sp.RowHeight(number, textfit.row_height(row, list(widths.values()))))
    plan.add(printing.page_setup(list(widths.values()), title_rows="1:1"))


def _settings_plan(settings: dict) -> sp.SheetPlan:
    rows = settings_module.settings_rows(settings)
    plan = sp.SheetPlan(layout.SHEET_SETTINGS)
    plan.add(sp.Values("A1", rows))
    plan.add(sp.Font("A1:C1", bold=True))
    _wrapped_columns(plan, rows, {"A": 45, "B": 50, "C": 45})
    for index, spec in enumerate(layout.SETTINGS, start=2):
        if spec.kind == "date":
            plan.add(sp.NumberFormat(f"B{index}", DATE_FORMAT))
        plan.add(sp.DefinedName(setting_name(spec.key), f"='{layout.SHEET_SETTINGS}'!{setting_cell(spec.key)}"))
    plan.add(sp.Freeze("A2"))
    return plan


def roadmap_sheet_plans(roadmap: Roadmap, settings: dict, existing: Optional[dict] = None) -> list:
    """Plans that write the roadmap into «Дорожная карта», «Справочники» and «Настройки».

    ``existing``: sheet name -> its current rows of values (header first), if the
    workbook has them: the user's own columns of «Дорожная карта» are kept with their
    values, each following its activity (matched by text, then by number), and
    reporting fields the new roadmap leaves empty are taken from the old rows.
    """
    existing = existing or {}
    return [
        _roadmap_plan(roadmap, settings, existing.get(layout.SHEET_ROADMAP)),
        _lists_plan(roadmap, existing.get(layout.SHEET_LISTS)),
        _settings_plan(settings),
    ]


def roadmap_workbook_plans(
    roadmap: Roadmap, existing: Optional[dict] = None, settings: Optional[dict] = None, gantt: bool = False
) -> list:
    """Plans that put ``roadmap`` into a workbook: the one composition every door imports with.

    ``existing``: the workbook's current sheets as rows of values (see ``roadmap_sheet_plans``);
    ``settings``: its current «Настройки», kept where the roadmap says nothing; ``gantt``: the
    workbook has «Диаграмма Ганта», whose print area then covers the new roadmap's years and rows.
    """
    merged = roadmap_settings(roadmap, settings)
    plans = roadmap_sheet_plans(roadmap, merged, existing)
    if gantt:
        rows = sum(1 for _ in roadmap.activities())
        plans.append(gantt_print_plan_for(roadmap, merged, date.today(), rows=rows))
    return plans


def _existing_values(workbook) -> dict:
    """Current values of our sheets in an openpyxl workbook; formulas kept as ``Formula``."""
    found = {}
    for name in (layout.SHEET_ROADMAP, layout.SHEET_LISTS, layout.SHEET_SETTINGS):
        if name in workbook.sheetnames:
            rows = []
            for row in workbook[name].iter_rows():
                rows.append(
                    [sp.Formula(c.value) if c.data_type == "f" and isinstance(c.value, str) else c.value for c in row]
                )
            while rows and all(v in (None, "") for v in rows[-1]):
                rows.pop()
            found[name] = rows
    return found


def write_roadmap_workbook(roadmap: Roadmap, path: Union[str, Path], settings: Optional[dict] = None) -> Path:
    """Write the roadmap workbook at ``path`` (through ``safeio.atomic_write``, a backup kept).

    A new file is created with the three sheets; an existing workbook is updated in
    place: its other sheets, the user's columns and the settings not in the roadmap stay.
    """
    import openpyxl

    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".xlsm") or (suffix == ".xlsm" and not target.exists()):
        raise RoadmapError(
            "рабочая книга записывается в файл .xlsx (или в уже существующую книгу .xlsm).",
            file=str(target),
            hint="Укажите имя файла с расширением .xlsx.",
        )
    existing: dict = {}
    if target.exists():
        workbook = safeio.load_workbook(target, keep_vba=target.suffix.lower() == ".xlsm")
        existing = _existing_values(workbook)
        base = settings_module.settings_from_rows(existing.get(layout.SHEET_SETTINGS, []), str(target))
    else:
        workbook = openpyxl.Workbook()
        base = {}
    placeholder = workbook.active if not existing and not target.exists() else None
    sp.apply_openpyxl(
        workbook,
        roadmap_workbook_plans(
            roadmap, existing, {**base, **(settings or {})}, gantt=layout.SHEET_GANTT in workbook.sheetnames
        ),
    )
    if placeholder is not None and placeholder.title not in (layout.SHEET_ROADMAP,):
        workbook.remove(placeholder)
    workbook.active = workbook.sheetnames.index(layout.SHEET_ROADMAP)
    from roadmap_tools.workbook.save import save_workbook

    return save_workbook(workbook, target, original=target if target.exists() else None)


# --- reading ------------------------------------------------------------------------
def _text(value: Any) -> str:
    if value.__class__ is str and value.isprintable():  # most cells: nothing for cell_text to do
        return value.strip()
    if isinstance(value, sp.Formula):
        return value.text
    from roadmap_tools.reading.xlsx_values import cell_text  # here, not above: an import costs each call

    return cell_text(value).strip()


def settings_years(settings: dict) -> list:
    first, last = settings.get("first_year"), settings.get("last_year")
    if first and last and first <= last:
        return list(range(first, last + 1))
    return [y for y in (first or last,) if y]


def roadmap_from_rows(rows: Sequence[Sequence[Any]], settings: dict, source: Optional[Source] = None) -> Roadmap:
    """The roadmap held in the values of «Дорожная карта» (header first), with «Настройки»."""
    source = source or Source()
    from roadmap_tools.deadlines import parse_deadline

    header = list(rows[0]) if rows else []
    fields = sheet_fields(header)
    if "activity" not in fields:
        raise RoadmapError(
            "в первой строке листа нет заголовка столбца «Мероприятие».",
            file=source.file or None,
            sheet=source.sheet or layout.SHEET_ROADMAP,
            cell="A1",
            hint="Верните строку заголовков: " + ", ".join(f"«{c.title}»" for c in layout.ROADMAP_COLUMNS[:8]) + ".",
        )
    years = settings_years(settings)
    school_year = settings.get("school_year")
    sheet = source.sheet or layout.SHEET_ROADMAP
    # columns of the user's own: carried with each activity, so a rewrite of the sheet keeps them
    ours = set(fields.values())
    kept = [(index, _text(title)) for index, title in enumerate(header) if _text(title) and index not in ours]
    sections: list = []
    text_columns = [(name, fields.get(name)) for name in TEXT_FIELDS]
    extra_columns = [(name, fields.get(name)) for name in EXTRA_FIELDS]
    done_column = fields.get("done_date")
    for number, row in enumerate(rows[1:], start=2):
        width = len(row)
        texts = {name: _text(row[index]) if index is not None and index < width else "" for name, index in text_columns}
        extras = {
            name: _text(row[index]) if index is not None and index < width else "" for name, index in extra_columns
        }
        if not any(texts[name] for name in ("number", "activity", "deadline", "executor", "result")):
            continue
        done_raw = row[done_column] if done_column is not None and done_column < width else None
        done: Union[date, str, None]
        try:
            done = settings_module.to_date(done_raw)
        except (ValueError, TypeError, OverflowError):
            # kept as typed: the check reports the cell (bad_done_date), the other jobs see no date
            done = _text(done_raw)
        activity = Activity(
            number=texts["number"],
            activity=texts["activity"],
            deadline=texts["deadline"],
            executor=texts["executor"],
            result=texts["result"],
            status=texts["status"],
            done_date=done,
            info=texts["info"],
            link=texts["link"],
            note=texts["note"],
            section=texts["section"],
            source=Source(source.file, sheet, number),
            row_id=extras["row_id"],
            decision=extras["decision"],
            curator_comment=extras["curator_comment"],
            extra={title: row[index] for index, title in kept if index < len(row) and row[index] not in (None, "")},
        )
        activity.parsed = parse_deadline(activity.deadline, years, school_year)
        if not sections or sections[-1].title != activity.section:
            sections.append(Section(title=activity.section))
        sections[-1].activities.append(activity)
    columns = [line for line in str(settings.get("source_columns") or "").split("\n") if line.strip()]
    if not columns:
        columns = [t for t in (_text(v) for v in header) if t]
    return Roadmap(
        title=settings.get("title") or "",
        organisation=settings.get("organisation") or "",
        years=years,
        sections=sections,
        columns=columns,
        school_year=school_year,
        has_executor_column=any((headers.field_of_title(c) or ("",))[0] == "executor" for c in columns),
        source=Source(source.file, sheet),
        column_index={name: index + 1 for name, index in fields.items()},
        kept_columns=[title for _, title in kept],
        header_width=max((i + 1 for i, v in enumerate(header) if _text(v)), default=0),
    )


def added_column(roadmap: Roadmap, *taken: int) -> int:
    """The next free column after the header (and after ``taken``), for a column a job adds."""
    return max([roadmap.header_width, *roadmap.column_index.values(), *taken], default=0) + 1


def roadmap_table_op(roadmap: Roadmap, last_col: int) -> sp.Table:
    """The table «ДорожнаяКарта» widened to ``last_col``: a column a job adds sorts and filters
    with its rows (a column outside the table would stay put when the user sorts it)."""
    last_row = max([a.source.row or 1 for a in roadmap.activities()], default=2)
    width = max(last_col, roadmap.header_width, *roadmap.column_index.values())
    return sp.Table(layout.ROADMAP_TABLE_NAME, f"A1:{sp.column_letter(width)}{last_row}")


def plain_values(rows: list) -> list:
    """Calamine's floats that are whole numbers as ints (years, days, ports)."""
    return [[int(v) if isinstance(v, float) and v.is_integer() else v for v in row] for row in rows]


def _read_sheets(path: Union[str, Path], file: Optional[str]) -> tuple:
    from roadmap_tools.reading.xlsx_values import sheet_values

    values = sheet_values(Path(path), (layout.SHEET_ROADMAP, layout.SHEET_SETTINGS))
    return values, file or str(path)


def read_settings(path: Union[str, Path]) -> dict:
    """The typed settings of a roadmap workbook's «Настройки» (defaults where the sheet is absent)."""
    values, name = _read_sheets(path, None)
    return settings_module.settings_from_rows(plain_values(values.get(layout.SHEET_SETTINGS, [])), name)


def read_roadmap_workbook(path: Union[str, Path], file: Optional[str] = None) -> tuple:
    """(Roadmap, settings) of a roadmap workbook; a workbook that is not one is refused."""
    values, name = _read_sheets(path, file)
    return roadmap_of_sheet_values(values, name)


def no_roadmap_sheet(file: str) -> RoadmapError:
    """The one message for a book without «Дорожная карта», whichever door read it."""
    return RoadmapError(
        f"в книге нет листа «{layout.SHEET_ROADMAP}»: это не рабочая книга дорожной карты.",
        file=file,
        hint="Сначала импортируйте дорожную карту: кнопка «Импорт из Word» или команда "
        "roadmap-tools import ДОКУМЕНТ.docx",
    )


def read_roadmap_sheets(
    roadmap_rows: Optional[Sequence[Sequence[Any]]],
    settings_rows: Sequence[Sequence[Any]],
    file: str,
    school_year: Optional[int] = None,
) -> tuple:
    """The one reader of a roadmap workbook behind every door: (Roadmap, settings) from the
    rows of «Дорожная карта» (None: the sheet is missing) and of «Настройки», however the
    door read them (openpyxl, python-calamine or xlwings). ``school_year`` (--school-year)
    overrides the setting for this run."""
    if roadmap_rows is None:
        raise no_roadmap_sheet(file)
    settings = settings_module.settings_from_rows(settings_rows, file=file)
    if school_year is not None:
        settings["school_year"] = school_year
    roadmap = roadmap_from_rows(roadmap_rows, settings, Source(file=file, sheet=layout.SHEET_ROADMAP))
    return roadmap, settings


def roadmap_of_sheet_values(values: dict, name: str) -> tuple:
    """(Roadmap, settings) of a roadmap workbook's sheets already read (sheet name -> rows of
    values, as python-calamine gives them); a workbook that is not one is refused."""
    return read_roadmap_sheets(
        values.get(layout.SHEET_ROADMAP), plain_values(values.get(layout.SHEET_SETTINGS, [])), name
    )
