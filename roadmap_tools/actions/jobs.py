"""What the three buttons do to the workbook, as ``SheetPlan``s (plain data).

Check, deadline control and the monitoring form each compute their result with the
pure core (``checks``, ``status``, ``form``) and describe every change to the workbook
here, so the command line (openpyxl) and the Excel buttons (xlwings) apply the very
same plans. The job functions (``check_job``, ``overdue_job``, ``form_job``) take what
a door can read (the roadmap, settings rows, the previous «Проверка» rows, notes) and
return the result with its plans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Optional, Sequence

from roadmap_tools.checks import ERROR, Finding, check_roadmap, count
from roadmap_tools.control import DEFAULT_DUE_SOON_DAYS, deadline_status, summary
from roadmap_tools.deadlines import parse_deadline
from roadmap_tools.lexicon.vocab import (
    CONTROL_COLOURS,
    CONTROL_DONE,
    CONTROL_DONE_LATE,
    CONTROL_DUE_SOON,
    CONTROL_NO_DATE,
    CONTROL_ON_TIME,
    CONTROL_OVERDUE,
    STATUS_DONE,
)
from roadmap_tools.model import Roadmap
from roadmap_tools.monitoring_form import FORM_COLUMNS, FORM_LAYOUT, MonitoringForm, select_for_period
from roadmap_tools.sheetplan import operations as sp
from roadmap_tools.workbook.printing import page_setup
from roadmap_tools.workbook.schema import (
    ROADMAP_COLUMNS,
    SETTINGS_BY_KEY,
    SHEET_CHECK,
    SHEET_FORM,
    SHEET_ROADMAP,
    SHEET_SETTINGS,
)
from roadmap_tools.workbook.sheets import gantt_print_plan, gantt_years
from roadmap_tools.workbook.textfit import row_height

# ---------------------------------------------------------------------------------
# Check
# ---------------------------------------------------------------------------------
#: Marks on the roadmap's cells: a conditional fill (so the user's own fill survives)
#: and a note whose text starts with ``NOTE_PREFIX`` (so we only ever delete our own).
SEVERITY_COLOURS = {ERROR: "FFC7CE", "warning": "FFEB9C"}
NOTE_PREFIX = "Проверка: "
CHECK_HEADER = ["Важность", "Лист", "Ячейка", "№", "Замечание", "Что исправить", "Код правила"]
CHECK_WIDTHS = {"A": 16, "B": 16, "C": 9, "D": 8, "E": 24, "F": 70, "G": 24}
#: The rule's code: kept for filters and scripts, hidden from view and print.
CHECK_CODE_COLUMN = "G"
CHECK_HINT = (
    "Щёлкните адрес ячейки, чтобы перейти к ней. На листе «Дорожная карта» ячейки с ошибками "
    "подсвечены красным, с предупреждениями — жёлтым, в примечании сказано, что исправить. "
    "Исправьте и запустите проверку снова: отметки обновятся."
)
CHECK_FIRST_ROW = 4  # header row of the findings table on «Проверка»


@dataclass
class CheckResult:
    findings: list  # list[Finding]
    plans: list = field(default_factory=list)

    @property
    def errors(self) -> int:
        return count(self.findings)["errors"]

    @property
    def warnings(self) -> int:
        return count(self.findings)["warnings"]

    def to_json(self) -> dict:
        return {"findings": [f.to_json() for f in self.findings], **count(self.findings)}


def marked_cells(check_rows: Sequence[Sequence]) -> list:
    """(sheet, cell) pairs listed on a previous «Проверка» sheet given as rows."""
    cells = []
    header = None
    for row in check_rows or ():
        values = [str(v).strip() if v is not None else "" for v in row]
        if header is None:
            if "Ячейка" in values and "Лист" in values:
                header = (values.index("Лист"), values.index("Ячейка"))
            continue
        sheet = values[header[0]] if header[0] < len(values) else ""
        cell = values[header[1]] if header[1] < len(values) else ""
        if sheet and cell and (sheet, cell) not in cells:
            try:
                sp.parse_address(cell)
            except ValueError:
                continue
            cells.append((sheet, cell))
    return cells


def _is_ours(note: Optional[str]) -> bool:
    return note is None or str(note).startswith(NOTE_PREFIX)


def check_plans(
    roadmap: Roadmap,
    findings: Sequence[Finding],
    previous_marked_cells: Sequence = (),
    existing_notes: Optional[dict] = None,
) -> list:
    """The «Проверка» sheet and the marks on the roadmap's cells.

    ``previous_marked_cells``: (sheet, cell) listed by the last run (``marked_cells``):
    their marks are removed first, so a rerun leaves exactly the current marks.
    ``existing_notes``: cell -> note text on the roadmap sheet, when the door can read
    them; a note that is not ours is never replaced or deleted.
    """
    errors = sum(f.severity == ERROR for f in findings)
    warnings = len(findings) - errors
    report = sp.SheetPlan(SHEET_CHECK, reset=True, tab_colour="C00000" if errors else "70AD47")
    title = f"Проверка дорожной карты: ошибок — {errors}, предупреждений — {warnings}"
    rows: list = [[title], [CHECK_HINT], [], CHECK_HEADER]
    rows += [[f.severity_ru, f.sheet, f.cell, f.number, f.rule_ru, f.message, f.code] for f in findings]
    if not findings:
        rows.append(["", "", "", "", "", "Замечаний нет.", ""])
    last = len(rows)
    shown = "F"  # the last column on view; the code's column after it is hidden
    report.add(sp.Values("A1", rows))
    report.add(sp.Font("A1", bold=True, size=13))
    report.add(sp.Merge(f"A2:{shown}2"))
    report.add(sp.Wrap(f"A2:{shown}2"))
    report.add(sp.RowHeight(2, row_height([CHECK_HINT], [sum(CHECK_WIDTHS.values()) - CHECK_WIDTHS["G"]])))
    report.add(sp.Font(f"A{CHECK_FIRST_ROW}:{shown}{CHECK_FIRST_ROW}", bold=True))
    report.add(sp.Fill(f"A{CHECK_FIRST_ROW}:{shown}{CHECK_FIRST_ROW}", "D9E1F2"))
    report.add(sp.Border(f"A{CHECK_FIRST_ROW}:{shown}{last}"))
    report.add(sp.Wrap(f"A{CHECK_FIRST_ROW + 1}:{shown}{last}"))
    report.add(sp.ColumnWidths(CHECK_WIDTHS, hidden=(CHECK_CODE_COLUMN,)))
    report.add(sp.Freeze(f"A{CHECK_FIRST_ROW + 1}"))
    for i, f in enumerate(findings, start=CHECK_FIRST_ROW + 1):
        report.add(sp.Fill(f"A{i}", SEVERITY_COLOURS[f.severity]))
        report.add(sp.RowHeight(i, row_height([f.rule_ru, f.message], [CHECK_WIDTHS["E"], CHECK_WIDTHS["F"]]) + 2))
        if f.cell:
            report.add(sp.Hyperlink(f"C{i}", f"#'{f.sheet}'!{f.cell}", f.cell))
    printed = [w for letter, w in CHECK_WIDTHS.items() if letter != CHECK_CODE_COLUMN]
    report.add(page_setup(printed, title_rows=f"{CHECK_FIRST_ROW}:{CHECK_FIRST_ROW}", print_area=f"A1:{shown}{last}"))

    marks: dict = {}
    for f in findings:
        if f.cell:
            marks.setdefault((f.sheet, f.cell), []).append(f)
    by_sheet: dict = {}
    for sheet, cell in previous_marked_cells:
        plan = by_sheet.setdefault(sheet, sp.SheetPlan(sheet, create=False))
        plan.add(sp.ClearConditionalFormats(cell))
        if existing_notes is None or _is_ours(existing_notes.get(cell)):
            plan.add(sp.Note(cell, None))
    for (sheet, cell), found in marks.items():
        plan = by_sheet.setdefault(sheet, sp.SheetPlan(sheet, create=False))
        worst = ERROR if any(f.severity == ERROR for f in found) else "warning"
        plan.add(sp.ConditionalFill(cell, "TRUE", SEVERITY_COLOURS[worst]))
        if existing_notes is None or _is_ours(existing_notes.get(cell)):
            text = NOTE_PREFIX + "\n".join(f"{f.severity_ru}: {f.message}" for f in found)
            plan.add(sp.Note(cell, text))
    return [report, *by_sheet.values()]


def check_job(
    roadmap: Roadmap,
    settings: Optional[dict] = None,
    previous_check_rows: Sequence = (),
    existing_notes: Optional[dict] = None,
    today: Optional[date] = None,
    gantt: bool = False,
) -> CheckResult:
    """Check ``roadmap`` and plan the «Проверка» sheet and the marks (both doors call this).

    ``gantt``: the workbook has «Диаграмма Ганта»; its print area follows the roadmap as it is now.
    """
    today = today or date.today()
    findings = check_roadmap(roadmap, settings or {}, today)
    plans = check_plans(roadmap, findings, marked_cells(previous_check_rows), existing_notes)
    if gantt:
        plans.append(gantt_print_plan_for(roadmap, settings or {}, today))
    return CheckResult(findings, plans)


# ---------------------------------------------------------------------------------
# Deadline control
# ---------------------------------------------------------------------------------
#: The colour rules of «Контроль срока», first match wins. Placeholders are the row's
#: own cells ({status}, {done}, {end}, {control}) and the settings ({as_of}, {soon}),
#: so Excel recolours as soon as the user marks an activity done or changes the date.
#: {guard} limits the colours to rows the tool has written.
CONTROL_RULES = [
    # done, but a later occurrence was missed (recurring, milestones): the text says so
    (
        CONTROL_OVERDUE,
        'AND({guard},{status}="{done_word}",{control}="{overdue}",ISNUMBER({done}),ISNUMBER({end}),{done}<{end})',
    ),
    (
        CONTROL_DONE_LATE,
        'AND({guard},{status}="{done_word}",OR({control}="{late}",AND(ISNUMBER({done}),ISNUMBER({end}),{done}>{end})))',
    ),
    (CONTROL_DONE, 'AND({guard},{status}="{done_word}")'),
    (CONTROL_NO_DATE, "AND({guard},NOT(ISNUMBER({end})))"),
    (CONTROL_OVERDUE, 'AND({guard},OR({end}<{as_of},{control}="{overdue}"))'),
    (CONTROL_DUE_SOON, 'AND({guard},OR({end}-{as_of}<={soon},{control}="{soon_word}"))'),
    (CONTROL_ON_TIME, "{guard}"),
]
AS_OF_NAME = "rt_as_of"
DUE_SOON_NAME = "rt_due_soon_days"
LAST_EXCEL_ROW = 1048576


@dataclass
class OverdueResult:
    as_of: date
    entries: list  # list of (Activity, ControlStatus)
    plans: list = field(default_factory=list)

    @property
    def summary(self) -> dict:
        return summary(s for _, s in self.entries)

    def to_json(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "activities": [
                {
                    "row": a.source.row,
                    "number": a.number,
                    "activity": a.activity,
                    "status": s.status,
                    "due": s.due.isoformat() if s.due else None,
                    "days_overdue": s.days_overdue,
                }
                for a, s in self.entries
            ],
            "summary": self.summary,
        }


def _settings_cell(settings_rows: Sequence, key: str) -> Optional[str]:
    spec = SETTINGS_BY_KEY[key]
    for i, row in enumerate(settings_rows or (), start=1):
        if row and row[0] is not None and str(row[0]).strip() in (spec.label, spec.key):
            return f"B{i}"
    return None


def _column(roadmap: Roadmap, name: str) -> Optional[int]:
    return roadmap.column_index.get(name)


def _control_columns(roadmap: Roadmap) -> tuple:
    """Columns of «Контроль срока» and «Просрочка, дн.», placed after the last one when absent."""
    last = max(roadmap.column_index.values(), default=0)
    control = _column(roadmap, "control")
    if control is None:
        last += 1
        control = last
    days = _column(roadmap, "days_overdue")
    if days is None:
        days = max(last, control) + 1
    return control, days


def _blocks(rows: Sequence[int]) -> list:
    """Sorted row numbers -> runs of consecutive rows."""
    runs: list = []
    for r in sorted(rows):
        if runs and r == runs[-1][-1] + 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    return runs


def overdue_plans(
    roadmap: Roadmap,
    entries: Sequence,
    *,
    header_row: int = 1,
    settings_rows: Sequence = (),
    write_as_of: Optional[date] = None,
) -> list:
    """Write the control columns and install the colour rules on «Дорожная карта».

    ``entries``: (Activity, ControlStatus) in any order; activities without a row are skipped.
    ``write_as_of``: also store this date as «Дата контроля» in «Настройки» (the user chose
    it explicitly), so the colours and the texts agree.
    """
    sheet = roadmap.source.sheet or SHEET_ROADMAP
    plan = sp.SheetPlan(sheet, create=False)
    control, days = _control_columns(roadmap)
    titles = {c.field: c.title for c in ROADMAP_COLUMNS}
    if "control" not in roadmap.column_index:
        plan.add(sp.Values(sp.address(header_row, control), [[titles["control"]]]))
    if "days_overdue" not in roadmap.column_index:
        plan.add(sp.Values(sp.address(header_row, days), [[titles["days_overdue"]]]))
    by_row = {a.source.row: s for a, s in entries if a.source.row is not None}
    adjacent = days == control + 1
    for run in _blocks(by_row):
        if adjacent:
            plan.add(sp.Values(sp.address(run[0], control), [[by_row[r].status, by_row[r].days_overdue] for r in run]))
        else:
            plan.add(sp.Values(sp.address(run[0], control), [[by_row[r].status] for r in run]))
            plan.add(sp.Values(sp.address(run[0], days), [[by_row[r].days_overdue] for r in run]))
    first = header_row + 1
    letter = sp.column_letter
    plan.add(sp.NumberFormat(f"{letter(days)}{first}:{letter(days)}{max(by_row, default=first)}", "0"))
    plan.ops.extend(control_colour_plan(roadmap, header_row).ops)
    plans = [plan]
    settings_plan = sp.SheetPlan(SHEET_SETTINGS, create=False)
    for key, name in (("as_of", AS_OF_NAME), ("due_soon_days", DUE_SOON_NAME)):
        cell = _settings_cell(settings_rows, key)
        if cell:
            row, col = sp.parse_address(cell)
            settings_plan.add(sp.DefinedName(name, f"='{SHEET_SETTINGS}'!${letter(col)}${row}"))
            if key == "as_of" and write_as_of is not None:
                settings_plan.add(sp.Values(cell, [[write_as_of]]))
                settings_plan.add(sp.NumberFormat(cell, "DD.MM.YYYY"))
    if settings_plan.ops:
        plans.append(settings_plan)
    return plans


def control_colour_plan(roadmap: Roadmap, header_row: int = 1) -> sp.SheetPlan:
    """The colour rules of «Контроль срока» and «Просрочка, дн.» (``CONTROL_RULES``), replacing
    the ones installed before: what deadline control installs, and the build of the workbook.

    Only ``roadmap.column_index`` is read: where the control, status, done date and end
    columns are (the control columns go after the last column when the sheet lacks them).
    """
    plan = sp.SheetPlan(roadmap.source.sheet or SHEET_ROADMAP, create=False)
    control, days = _control_columns(roadmap)
    first = header_row + 1
    letter = sp.column_letter
    ranges = (
        [f"{letter(control)}{first}:{letter(days)}{LAST_EXCEL_ROW}"]
        if days == control + 1
        else [f"{letter(c)}{first}:{letter(c)}{LAST_EXCEL_ROW}" for c in (control, days)]
    )
    cells = _rule_cells(roadmap, control, first)
    for rng in ranges:
        plan.add(sp.ClearConditionalFormats(rng))
        for status, template in CONTROL_RULES:
            plan.add(sp.ConditionalFill(rng, "=" + template.format(**cells), CONTROL_COLOURS[status], stop=True))
    return plan


def _rule_cells(roadmap: Roadmap, control: int, first: int) -> dict:
    def ref(col: Optional[int]) -> str:
        return f"${sp.column_letter(col)}{first}" if col else '""'

    control_ref = ref(control)
    return {
        "guard": f'{control_ref}<>""',
        "control": control_ref,
        "status": ref(_column(roadmap, "status")),
        "done": ref(_column(roadmap, "done_date")),
        "end": ref(_column(roadmap, "end")),
        "as_of": f"IF(ISNUMBER({AS_OF_NAME}),{AS_OF_NAME},TODAY())",
        "soon": f"IF(ISNUMBER({DUE_SOON_NAME}),{DUE_SOON_NAME},{DEFAULT_DUE_SOON_DAYS})",
        "done_word": STATUS_DONE,
        "overdue": CONTROL_OVERDUE,
        "late": CONTROL_DONE_LATE,
        "soon_word": CONTROL_DUE_SOON,
    }


def overdue_job(
    roadmap: Roadmap,
    settings: dict,
    as_of: date,
    *,
    settings_rows: Sequence = (),
    header_row: int = 1,
    write_as_of: bool = False,
    gantt: bool = False,
) -> OverdueResult:
    """Control statuses of every activity as of ``as_of`` and the plans that write them.

    ``gantt``: the workbook has «Диаграмма Ганта»; its print area is set anew to the
    roadmap's years and rows as they are now.
    """
    soon = settings.get("due_soon_days")
    soon = 14 if soon is None else int(soon)
    entries = [(a, deadline_status(a, as_of, soon)) for a in roadmap.activities()]
    plans = overdue_plans(
        roadmap, entries, header_row=header_row, settings_rows=settings_rows, write_as_of=as_of if write_as_of else None
    )
    if gantt:
        plans.append(gantt_print_plan_for(roadmap, settings, as_of, header_row))
    return OverdueResult(as_of, entries, plans)


def gantt_print_plan_for(
    roadmap: Roadmap, settings: dict, as_of: date, header_row: int = 1, rows: Optional[int] = None
) -> sp.SheetPlan:
    """The print area of «Диаграмма Ганта» for ``roadmap`` as it is in the workbook now.

    ``rows``: how many rows «Дорожная карта» fills under its header; None: up to the last
    activity's row (a roadmap read from the sheet knows its rows).
    """
    activities = list(roadmap.activities())
    first, last = settings.get("first_year"), settings.get("last_year")
    roadmap_years = list(range(first, last + 1)) if first and last and first <= last else roadmap.years
    # an imported roadmap is parsed when it is written; the Gantt's dates are those of its cells
    parsed = [a.parsed or parse_deadline(a.deadline, roadmap_years) for a in activities]
    dates = [d for p in parsed for d in (p.start, p.end) if d]
    years = gantt_years(first, last, dates, settings.get("as_of") or as_of)
    if rows is None:
        rows = max((a.source.row for a in activities if a.source.row), default=header_row) - header_row
    return gantt_print_plan(years, rows)


# ---------------------------------------------------------------------------------
# Monitoring form
# ---------------------------------------------------------------------------------
FORM_TO_FILL_COLOUR = "FFF2CC"
FORM_HEADER_COLOUR = "D9E1F2"
FORM_SECTION_COLOUR = "F2F2F2"
FORM_WORKBOOK_NOTE = (
    "Форма собирается заново при каждом запуске из столбцов «Информация о проведении» и "
    "«Ссылка на документ» листа «Дорожная карта»: заполняйте их там. Жёлтым отмечено то, "
    "что ещё не заполнено."
)


@dataclass
class FormResult:
    form: MonitoringForm
    plans: list = field(default_factory=list)
    period_note: str = ""  # which end of the period came from «Настройки», when one was given

    def to_json(self) -> dict:
        return {**self.form.to_json(), "period_note": self.period_note}


def form_plans(form: MonitoringForm, sheet: str = SHEET_FORM, in_workbook: bool = True) -> list:
    """The form as one sheet: title, period, header, section rows merged and bold, rows to
    fill highlighted; printable on A4 landscape, header repeated, fitted to the width."""
    plan = sp.SheetPlan(sheet, reset=True, tab_colour="2F5597")
    letters = [sp.column_letter(i) for i in range(1, len(FORM_LAYOUT) + 1)]
    last_col = letters[-1]
    widths = [c.width for c in FORM_LAYOUT]
    total = sum(widths)
    rows: list = [[form.title], [form.roadmap_title], [form.period_text]]
    if in_workbook:
        rows.append([FORM_WORKBOOK_NOTE])
    header_row = len(rows) + 1
    rows.append(list(FORM_COLUMNS))
    layout = []  # (row number, kind, FormRow|None)
    for section in form.sections:
        if section.title.strip():
            rows.append([section.title])
            layout.append((len(rows), "section", None))
        for r in section.rows:
            rows.append(r.values())
            layout.append((len(rows), "row", r))
    if not form.rows():
        empty = [""] * len(FORM_LAYOUT)
        empty[1] = "В этом периоде нет мероприятий с отчётными сроками."
        rows.append(empty)
        layout.append((len(rows), "empty", None))
    last = len(rows)
    plan.add(sp.Values("A1", rows))
    for r in range(1, header_row):
        plan.add(sp.Merge(f"A{r}:{last_col}{r}"))
        plan.add(sp.Wrap(f"A{r}:{last_col}{r}", vertical="center", horizontal="center"))
        plan.add(sp.RowHeight(r, row_height(rows[r - 1][:1], [total]) + 3))
    plan.add(sp.Font(f"A1:{last_col}2", bold=True, size=12))
    if in_workbook:
        plan.add(sp.Font(f"A{header_row - 1}", italic=True))
    hdr = f"A{header_row}:{last_col}{header_row}"
    plan.add(sp.Font(hdr, bold=True))
    plan.add(sp.Fill(hdr, FORM_HEADER_COLOUR))
    plan.add(sp.Wrap(hdr, vertical="center", horizontal="center"))
    plan.add(sp.RowHeight(header_row, row_height(FORM_COLUMNS, widths) + 3))
    plan.add(sp.Wrap(f"A{header_row + 1}:{last_col}{last}"))
    plan.add(sp.Border(f"A{header_row}:{last_col}{last}"))
    fill_letter = {c.field: letter for c, letter in zip(FORM_LAYOUT, letters)}
    for number, kind, row in layout:
        if kind == "section":
            plan.add(sp.Merge(f"A{number}:{last_col}{number}"))
            plan.add(sp.Font(f"A{number}:{last_col}{number}", bold=True))
            plan.add(sp.Fill(f"A{number}:{last_col}{number}", FORM_SECTION_COLOUR))
            plan.add(sp.RowHeight(number, row_height(rows[number - 1][:1], [total]) + 3))
            continue
        # LibreOffice does not fit rows to wrapped text on opening a file, so every row gets a height
        values = rows[number - 1]
        plan.add(sp.RowHeight(number, row_height(values, widths) + 3))
        if row is not None:
            for name in row.to_fill:
                plan.add(sp.Fill(f"{fill_letter[name]}{number}", FORM_TO_FILL_COLOUR))
    plan.add(sp.ColumnWidths(dict(zip(letters, widths))))
    plan.add(sp.Freeze(f"A{header_row + 1}"))
    plan.add(page_setup(widths, title_rows=f"{header_row}:{header_row}"))
    return [plan]


def form_job(roadmap: Roadmap, settings: dict, start: date, end: date) -> FormResult:
    """The monitoring form for ``start``..``end`` and the plan of its sheet in the workbook."""
    title = (settings or {}).get("title") or roadmap.title
    form = select_for_period(roadmap, start, end, title=title)
    return FormResult(form, form_plans(form, SHEET_FORM, in_workbook=True))
