"""The curator's review in the summary: the sheet of report rows with «Решение» and «Комментарий
куратора» (read back by ``feedback``, which makes a file of remarks per municipality), and the
region's sheets that need more than one period or a list: «Динамика» (from the archive) and
«Не отчитались» (``--expected``).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence, Union

from openpyxl.chart import LineChart, Reference
from openpyxl.chart.series import SeriesLabel

from roadmap_tools.consolidation.archive import Archive, ArchiveRow, period_words
from roadmap_tools.consolidation.consolidate import ROW_COLUMNS, Summary
from roadmap_tools.consolidation.report_reader import municipality_in, municipality_key, same_municipality_keys
from roadmap_tools.errors import RoadmapError
from roadmap_tools.lexicon.vocab import DECISION_REWORK, DECISION_SYNONYMS, DECISIONS
from roadmap_tools.reading import xlsx_values
from roadmap_tools.safeio import WHAT_EXCEL, check_archive, load_checked_workbook, load_workbook
from roadmap_tools.sheetplan import operations as sp
from roadmap_tools.workbook.printing import page_setup
from roadmap_tools.workbook.rowid import derived_ids

PathLike = Union[str, Path]

SHEET_ROWS = "Строки отчётов"
SHEET_DYNAMICS = "Динамика"
SHEET_MISSING = "Не отчитались"
SHEET_META = "Служебный"
#: The report rows a curator reviews: the summary's rows (without the deadline column) and
#: the curator's decision, comment and the row's stable id.
ROWS_HEADER = [*ROW_COLUMNS[:9], "Решение", "Комментарий куратора", "Код строки"]
ROWS_WIDTHS = {
    "A": 22,
    "B": 22,
    "C": 26,
    "D": 6,
    "E": 50,
    "F": 40,
    "G": 28,
    "H": 11,
    "I": 11,
    "J": 16,
    "K": 40,
    "L": 12,
}
HEADER_FILL = "DDEBF7"
DYNAMICS_WIDTHS = {"A": 30, "B": 24, "C": 13, "D": 14, "E": 14, "F": 14}
#: Rows one chart of «Динамика» takes (its height, 6.5 cm, and a gap).
CHART_ROWS = 15


def normalise_decision(text) -> str:
    """A decision as typed -> «ОДОБРЕНО» / «На доработку», or the text as typed (kept, not guessed)."""
    folded = " ".join(str(text or "").split()).lower()
    return DECISION_SYNONYMS.get(folded, " ".join(str(text or "").split()))


# --- the rows of a summary -------------------------------------------------------------------
@dataclass
class ReviewRow:
    municipality: str
    file: str
    section: str
    number: str
    activity: str
    info: str
    link: str
    reported: bool
    with_link: bool
    row_id: str
    decision: str = ""
    comment: str = ""

    def archive_row(self) -> ArchiveRow:
        return ArchiveRow(
            self.municipality,
            self.file,
            self.section,
            self.number,
            self.activity,
            self.info,
            self.link,
            self.reported,
            self.with_link,
            self.row_id,
            self.decision,
            self.comment,
        )


def municipality_names(summary: Summary) -> dict:
    """id(report) -> the municipality's name as «Сводка» shows it (files of one municipality joined)."""
    canonical = same_municipality_keys(municipality_key(r.name) for r in summary.reports)
    names = {municipality_key(r.name): r.name for r in reversed(summary.reports)}
    return {id(r): names[canonical[municipality_key(r.name)]] for r in summary.reports}


def review_rows(summary: Summary, previous: Optional[dict] = None) -> list:
    """Every report row with its id; ``previous`` ((municipality key, row id) -> (decision, comment),
    from the summary written before) keeps decisions already typed."""
    previous = previous or {}
    names = municipality_names(summary)
    rows = []
    for report in summary.reports:
        derived = derived_ids((r.section, r.activity) for r in report.rows)
        name = names[id(report)]
        key = municipality_key(name)
        file_name = Path(report.file).name
        for row, fallback in zip(report.rows, derived):
            row_id = row.row_id or fallback
            decision, comment = previous.get((key, row_id), ("", ""))
            rows.append(
                ReviewRow(
                    name,
                    file_name,
                    row.section,
                    row.number,
                    row.activity,
                    row.info or "",
                    row.link or "",
                    row.reported,
                    row.has_link,
                    row_id,
                    decision,
                    comment,
                )
            )
    return rows


def rows_plan(rows: Sequence[ReviewRow], period: str = "") -> sp.SheetPlan:
    """«Строки отчётов»: every report row, «Решение» a drop-down, «Комментарий куратора» to type."""
    plan = sp.SheetPlan(SHEET_ROWS, reset=True)
    title = "Строки отчётов: решение куратора по каждой строке" + (f" (период {period})" if period else "")
    plan.add(
        sp.Values(
            "A1",
            [
                [title],
                [
                    "Выберите «Решение» (ОДОБРЕНО или На доработку) и при необходимости "
                    "впишите комментарий; затем подготовьте файлы замечаний для "
                    "муниципалитетов (см. docs/requests-and-review.md)."
                ],
            ],
        )
    )
    plan.add(sp.Font("A1", bold=True, size=13))
    body = [
        [
            r.municipality,
            r.file,
            r.section,
            r.number,
            r.activity,
            r.info,
            r.link,
            "да" if r.reported else "нет",
            "да" if r.with_link else "нет",
            r.decision,
            r.comment,
            r.row_id,
        ]
        for r in rows
    ]
    last = 3 + len(body)
    plan.add(sp.Values("A3", [ROWS_HEADER]))
    if body:  # a block of its own, which the summary writes to the file row by row
        plan.add(sp.Values("A4", body))
    plan.add(sp.Font("A3:L3", bold=True)).add(sp.Fill("A3:L3", HEADER_FILL)).add(sp.Wrap("A3:L3"))
    plan.add(sp.ColumnWidths(dict(ROWS_WIDTHS), hidden=("L",)))
    plan.add(sp.Freeze("A4"))
    if body:
        # a table (filters by municipality, banded rows) rather than borders and fills cell by
        # cell, which would cost seconds on the thousands of rows of a region
        plan.add(sp.Table("СтрокиОтчётов", f"A3:L{last}"))
        plan.add(sp.ListValidation(f"J4:J{max(last, 4)}", '"' + ",".join(DECISIONS) + '"'))
        plan.add(sp.ConditionalFill(f"J4:J{last}", f'=J4="{DECISIONS[0]}"', "C6EFCE"))
        plan.add(sp.ConditionalFill(f"J4:J{last}", f'=J4="{DECISION_REWORK}"', "FFC7CE"))
    # the printed columns (the hidden id is not printed), the municipality repeated on each page across
    plan.add(page_setup(list(ROWS_WIDTHS.values())[:11], title_rows="3:3", title_columns=1))
    return plan


def _cell_of(texts: list, header: dict, title: str) -> str:
    """The text under ``title`` in one row of «Строки отчётов» ("" where the row is short)."""
    return texts[header[title]] if title in header and header[title] < len(texts) else ""


def read_review_rows(path: PathLike) -> list:
    """The rows of «Строки отчётов» of a written summary, with the decisions typed into it."""
    target = check_archive(path, WHAT_EXCEL)
    texts = _text_rows(target)
    if texts is not None:
        return _review_rows_of(texts, path)
    wb = load_checked_workbook(target, data_only=True, read_only=True)
    try:
        if SHEET_ROWS not in wb.sheetnames:
            raise RoadmapError(
                f"в сводке нет листа «{SHEET_ROWS}».",
                file=str(path),
                hint="Сведите отчёты заново командой roadmap-tools consolidate (лист появится).",
            )
        return _review_rows_of(wb[SHEET_ROWS].iter_rows(values_only=True), path)
    finally:
        wb.close()


def _text_rows(target: Path) -> Optional[list]:
    """The rows of «Строки отчётов» read by python-calamine, when every cell is text or empty
    (as the summary writes them): openpyxl reads those alike, ten times slower (1.5 s on the
    rows of 1,000 reports). None where a cell holds anything else (a number, a date typed by
    the curator), which openpyxl reads in its own way, or calamine cannot read the sheet."""
    try:
        values = xlsx_values.sheet_values(target, (SHEET_ROWS,), checked=True).get(SHEET_ROWS)
    except RoadmapError:
        return None  # openpyxl reads it or says what is wrong, as before
    if values is None or any(type(v) is not str for row in values for v in row):
        return None
    return values


def _review_rows_of(values: Iterable[Sequence], path: PathLike) -> list:
    rows = []
    header = None
    for row in values:
        texts = ["" if v is None else " ".join(str(v).split()) if not isinstance(v, str) else v.strip() for v in row]
        if header is None:
            if "Решение" in texts and "Код строки" in texts:
                header = {title: texts.index(title) for title in ROWS_HEADER if title in texts}
            continue
        cell = functools.partial(_cell_of, texts, header)
        if not cell("Муниципалитет"):
            continue
        rows.append(
            ReviewRow(
                cell("Муниципалитет"),
                cell("Файл"),
                cell("Раздел"),
                cell("№"),
                cell("Мероприятие"),
                cell("Информация"),
                cell("Ссылка"),
                cell("С информацией") == "да",
                cell("Со ссылкой") == "да",
                cell("Код строки"),
                normalise_decision(cell("Решение")),
                cell("Комментарий куратора"),
            )
        )
    if header is None:
        raise RoadmapError(
            f"на листе «{SHEET_ROWS}» нет строки заголовков со столбцами «Решение» и «Код строки».",
            file=str(path),
            sheet=SHEET_ROWS,
            hint="Не удаляйте и не переименовывайте столбцы листа.",
        )
    return rows


def previous_decisions(path: PathLike) -> dict:
    """(municipality key, row id) -> (decision, comment) of a summary written before, if any."""
    p = Path(path)
    if not p.exists():
        return {}
    try:
        rows = read_review_rows(p)
    except RoadmapError:
        return {}
    return {
        (municipality_key(r.municipality), r.row_id): (r.decision, r.comment) for r in rows if r.decision or r.comment
    }


def summary_period(summary: Summary, start: Optional[date] = None, end: Optional[date] = None) -> Optional[tuple]:
    """The period a consolidation is for: given, else the reports' most common period."""
    if start and end:
        return start, end
    periods = Counter(r.period for r in summary.reports if r.period)
    if not periods:
        return None
    return periods.most_common(1)[0][0]


# --- «Не отчитались» --------------------------------------------------------------------------
def read_expected(path: PathLike) -> list:
    """The region's municipalities: a text file (one name a line) or a workbook's first column."""
    p = Path(path)
    if not p.exists():
        raise RoadmapError("файл со списком муниципалитетов не найден.", file=str(p), hint="Проверьте путь.")
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        wb = load_workbook(p, read_only=True, data_only=True)
        names = [
            str(row[0]).strip()
            for row in wb.worksheets[0].iter_rows(values_only=True)
            if row and row[0] is not None and str(row[0]).strip()
        ]
        wb.close()
    else:
        try:
            text = p.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            text = p.read_text(encoding="cp1251")
        except OSError as exc:
            raise RoadmapError(f"список муниципалитетов не читается ({exc.strerror}).", file=str(p)) from None
        names = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    if not names:
        raise RoadmapError(
            "в списке муниципалитетов нет ни одного названия.",
            file=str(p),
            hint="Впишите по одному названию в строке (или в первый столбец листа).",
        )
    return names


def missing_municipalities(summary: Summary, expected: Sequence[str]) -> list:
    """Names of ``expected`` with no report in ``summary`` (names compared as «Сводка» joins them)."""
    reported = [municipality_key(m.name) for m in summary.municipalities]
    keys = [municipality_key(municipality_in(name) or name) for name in expected]  # «г. Пенза» is Пенза
    canonical = same_municipality_keys(reported + keys)
    have = {canonical[k] for k in reported}
    return [name for name, key in zip(expected, keys) if canonical[key] not in have]


def missing_plan(missing: Sequence[str], period: str = "") -> sp.SheetPlan:
    plan = sp.SheetPlan(SHEET_MISSING, reset=True, tab_colour="C00000" if missing else "70AD47")
    title = f"Не отчитались{' за период ' + period if period else ''}: {len(missing)}"
    plan.add(sp.Values("A1", [[title], []] + [["Муниципалитет"]] + [[name] for name in missing]))
    plan.add(sp.Font("A1", bold=True, size=13)).add(sp.Font("A3", bold=True)).add(sp.Fill("A3", HEADER_FILL))
    plan.add(sp.ColumnWidths({"A": 40}))
    return plan


# --- «Динамика» -------------------------------------------------------------------------------
def dynamics_plan(dynamics: Sequence[tuple]) -> sp.SheetPlan:
    """For each municipality, per period: the share reported, with evidence and approved."""
    plan = sp.SheetPlan(SHEET_DYNAMICS, reset=True)
    header = ["Муниципалитет", "Период", "Мероприятий", "Доля с информацией", "Доля со ссылкой", "Доля одобренных"]
    body = [
        [m, period_words(p), n, rep / n if n else 0, link / n if n else 0, ok / n if n else 0]
        for m, p, n, rep, link, ok in dynamics
    ]
    plan.add(sp.Values("A1", [["Динамика по периодам: доля мероприятий с информацией, со ссылкой и одобренных"], []]))
    plan.add(sp.Font("A1", bold=True, size=13))
    plan.add(sp.Values("A3", [header] + body))
    last = 3 + len(body)
    plan.add(sp.Font("A3:F3", bold=True)).add(sp.Fill("A3:F3", HEADER_FILL)).add(sp.Wrap("A3:F3"))
    plan.add(sp.NumberFormat(f"D4:F{max(last, 4)}", "0%"))
    plan.add(sp.Border(f"A3:F{last}"))
    plan.add(sp.ColumnWidths(dict(DYNAMICS_WIDTHS)))
    plan.add(sp.RowHeight(3, 30))
    plan.add(sp.Freeze("A4"))
    plan.add(page_setup(list(DYNAMICS_WIDTHS.values()), title_rows="3:3"))  # the charts go under the table
    return plan


def add_dynamics_charts(workbook, dynamics: Sequence[tuple]) -> None:
    """One line chart per municipality on «Динамика»: the three shares over the periods."""
    if SHEET_DYNAMICS not in workbook.sheetnames or not dynamics:
        return
    ws = workbook[SHEET_DYNAMICS]
    first = 4
    blocks: list = []
    for offset, (municipality, *_rest) in enumerate(dynamics):
        if not blocks or blocks[-1][0] != municipality:
            blocks.append([municipality, first + offset, first + offset])
        else:
            blocks[-1][2] = first + offset
    for index, (municipality, top, bottom) in enumerate(blocks):
        chart = LineChart()
        chart.title = municipality
        chart.height, chart.width = 6.5, 14
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
        chart.y_axis.numFmt = "0%"
        chart.y_axis.delete = False
        chart.x_axis.delete = False
        for col in (4, 5, 6):
            chart.add_data(Reference(ws, min_col=col, min_row=top, max_row=bottom), titles_from_data=False)
        for series, title in zip(chart.series, ("с информацией", "со ссылкой", "одобрено")):
            series.tx = SeriesLabel(v=title)
        chart.set_categories(Reference(ws, min_col=2, min_row=top, max_row=bottom))
        ws.add_chart(chart, f"A{first + len(dynamics) + 2 + index * CHART_ROWS}")


def summary_meta_plan(period: Optional[tuple]) -> sp.SheetPlan:
    """A hidden-by-convention sheet of the summary saying its period, for ``feedback``."""
    plan = sp.SheetPlan(SHEET_META, reset=True)
    plan.add(
        sp.Values("A1", [["Период с", period[0] if period else None], ["Период по", period[1] if period else None]])
    )
    return plan


# --- what consolidate adds -----------------------------------------------------------------------
@dataclass
class ReviewExtras:
    """The review's part of a consolidation: sheets, charts and what ``--json`` reports."""

    plans: list = field(default_factory=list)
    charts: Optional[Callable[[Any], None]] = None  # called with the openpyxl workbook
    json: dict = field(default_factory=dict)


def consolidation_extras(
    summary: Summary,
    output: PathLike,
    start: Optional[date] = None,
    end: Optional[date] = None,
    archive: Optional[str] = None,
    expected: Optional[PathLike] = None,
) -> ReviewExtras:
    """«Строки отчётов» (decisions typed before into ``output`` kept), and with ``archive`` the period
    stored (replacing itself) and «Динамика»; with ``expected`` the municipalities that did not report."""
    extras = ReviewExtras()
    period = summary_period(summary, start, end)
    words = f"{period[0]:%d.%m.%Y} – {period[1]:%d.%m.%Y}" if period else ""
    rows = review_rows(summary, previous_decisions(output))
    extras.plans += [rows_plan(rows, words), summary_meta_plan(period)]
    if period:
        extras.json["period"] = [period[0].isoformat(), period[1].isoformat()]
    if expected is not None:
        missing = missing_municipalities(summary, read_expected(expected))
        extras.plans.append(missing_plan(missing, words))
        extras.json["missing"] = missing
    if archive is not None:
        if period is None:
            raise RoadmapError(
                "период сводки неизвестен: в заголовках отчётов он не указан, а без него архив "
                "не знает, какой период заменить.",
                hint="Укажите период: --from ДАТА --to ДАТА.",
            )
        with Archive.open(archive) as store:
            store.store_period(period[0], period[1], [r.archive_row() for r in rows], summary.as_of)
            dynamics = store.dynamics()
            extras.json["archive"] = {
                "target": store.target,
                "periods": [
                    {"period": [key.split("..")[0], key.split("..")[1]], "rows": store.row_count(key)}
                    for key in store.periods()
                ],
            }
        extras.plans.append(dynamics_plan(dynamics))
    else:
        dynamics = []
    extras.charts = lambda workbook: _finish_summary(workbook, dynamics)
    return extras


def _finish_summary(workbook, dynamics: Sequence[tuple]) -> None:
    """What plans do not say: «Служебный» hidden, the charts of «Динамика»."""
    if SHEET_META in workbook.sheetnames:
        workbook[SHEET_META].sheet_state = "hidden"
    add_dynamics_charts(workbook, dynamics)
