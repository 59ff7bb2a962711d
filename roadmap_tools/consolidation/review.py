"""The curator's review: the summary's sheet of report rows with «Решение» and «Комментарий
куратора», one feedback file per municipality (``feedback``), and the feedback landing in
the municipality's roadmap (``apply_feedback``: columns «Решение куратора» and «Комментарий
куратора», which the check reports). Also the region's sheets that need more than one period
or a list: «Динамика» (from the archive) and «Не отчитались» (``--expected``).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Optional, Sequence, Union

from openpyxl.chart import LineChart, Reference
from openpyxl.chart.series import SeriesLabel

from roadmap_tools.actions.on_file import BookFile
from roadmap_tools.consolidation.archive import Archive, ArchiveRow, period_words
from roadmap_tools.consolidation.consolidate import ROW_COLUMNS, Summary
from roadmap_tools.consolidation.report_reader import municipality_in, municipality_key, same_municipality_keys
from roadmap_tools.errors import RoadmapError
from roadmap_tools.executors.requests import write_request_workbook
from roadmap_tools.lexicon.vocab import DECISION_REWORK, DECISION_SYNONYMS, DECISIONS
from roadmap_tools.model import Roadmap
from roadmap_tools.reports.email_draft import build_message, write_eml
from roadmap_tools.reports.filenames import safe_stem
from roadmap_tools.safeio import ensure_not_open_elsewhere, load_workbook
from roadmap_tools.sheetplan import operations as sp
from roadmap_tools.workbook.book import added_column, roadmap_table_op
from roadmap_tools.workbook.printing import page_setup
from roadmap_tools.workbook.rowid import derived_ids, row_ids, text_key
from roadmap_tools.workbook.schema import REVIEW_COLUMNS, SHEET_ROADMAP
from roadmap_tools.workbook.settings import to_date

PathLike = Union[str, Path]

SHEET_ROWS = "Строки отчётов"
SHEET_DYNAMICS = "Динамика"
SHEET_MISSING = "Не отчитались"
SHEET_FEEDBACK = "Замечания куратора"
SHEET_META = "Служебный"
FEEDBACK_MARKER = "roadmap-tools: замечания куратора"
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
FEEDBACK_HEADER = [
    "Раздел",
    "№",
    "Мероприятие",
    "Информация",
    "Ссылка",
    "Решение",
    "Комментарий куратора",
    "Код строки",
]
FEEDBACK_META = {
    "marker": "Вид файла",
    "municipality": "Муниципалитет",
    "period_from": "Период с",
    "period_to": "Период по",
    "summary": "Сводка",
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
    wb = load_workbook(path, data_only=True, read_only=True)
    if SHEET_ROWS not in wb.sheetnames:
        raise RoadmapError(
            f"в сводке нет листа «{SHEET_ROWS}».",
            file=str(path),
            hint="Сведите отчёты заново командой roadmap-tools consolidate (лист появится).",
        )
    rows = []
    header = None
    for values in wb[SHEET_ROWS].iter_rows(values_only=True):
        texts = ["" if v is None else " ".join(str(v).split()) if not isinstance(v, str) else v.strip() for v in values]
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
    wb.close()
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


# --- feedback files ------------------------------------------------------------------------------
@dataclass
class FeedbackFile:
    municipality: str
    rows: int
    approved: int
    rework: int
    path: Optional[Path] = None
    eml: Optional[Path] = None

    def to_json(self) -> dict:
        return {
            "municipality": self.municipality,
            "file": str(self.path) if self.path else None,
            "rows": self.rows,
            "approved": self.approved,
            "rework": self.rework,
            "eml": str(self.eml) if self.eml else None,
        }


def feedback_plans(municipality: str, rows: Sequence[ReviewRow], period: Optional[tuple], summary_name: str) -> list:
    plan = sp.SheetPlan(SHEET_FEEDBACK, reset=True, index=0)
    words = f" за период с {period[0]:%d.%m.%Y} по {period[1]:%d.%m.%Y}" if period else ""
    body = [[r.section, r.number, r.activity, r.info, r.link, r.decision, r.comment, r.row_id] for r in rows]
    plan.add(
        sp.Values(
            "A1",
            [
                [f"Замечания куратора к отчёту: {municipality}{words}"],
                [
                    "Строки с решением «На доработку» исправьте в дорожной карте; загрузите этот файл "
                    "в книгу дорожной карты кнопкой «Замечания куратора» на ленте."
                ],
                FEEDBACK_HEADER,
            ]
            + body,
        )
    )
    last = 3 + len(body)
    plan.add(sp.Font("A1", bold=True, size=13)).add(sp.Font("A3:H3", bold=True)).add(sp.Fill("A3:H3", HEADER_FILL))
    plan.add(sp.Wrap(f"A3:G{last}")).add(sp.Border(f"A3:G{last}"))
    plan.add(sp.ColumnWidths({"A": 26, "B": 6, "C": 50, "D": 40, "E": 28, "F": 16, "G": 40, "H": 12}, hidden=("H",)))
    for number, r in enumerate(rows, start=4):
        if r.decision == DECISION_REWORK:
            plan.add(sp.Fill(f"F{number}:G{number}", "FFC7CE"))
    plan.add(sp.Freeze("A4")).add(sp.PageSetup(title_rows="3:3"))
    meta = sp.SheetPlan(SHEET_META, reset=True)
    values = {
        "marker": FEEDBACK_MARKER,
        "municipality": municipality,
        "period_from": period[0] if period else None,
        "period_to": period[1] if period else None,
        "summary": summary_name,
    }
    meta.add(sp.Values("A1", [[FEEDBACK_META[k], values[k]] for k in FEEDBACK_META]))
    return [plan, meta]


@dataclass
class FeedbackRun:
    files: list = field(default_factory=list)  # list[FeedbackFile]
    archive: Optional[dict] = None  # {"target", "period", "rows_updated"} with --archive

    def to_json(self) -> dict:
        data: dict = {"files": [f.to_json() for f in self.files]}
        if self.archive is not None:
            data["archive"] = self.archive
        return data


def feedback_job(
    summary_path: PathLike,
    folder: PathLike,
    period: Optional[tuple] = None,
    archive: Optional[str] = None,
    today: Optional[date] = None,
) -> FeedbackRun:
    """One feedback workbook (and e-mail draft) per municipality of the summary; with ``archive``,
    the decisions are recorded for the summary's period there too."""
    rows = read_review_rows(summary_path)
    if not rows:
        raise RoadmapError(
            f"на листе «{SHEET_ROWS}» нет ни одной строки отчёта.", file=str(summary_path), sheet=SHEET_ROWS
        )
    period = period or _summary_period_from_title(summary_path)
    if archive and period is None:
        raise RoadmapError(
            "в сводке не записан её период, решения некуда отнести в архиве; ничего не записано.",
            file=str(summary_path),
            hint="Сведите отчёты заново с --archive (и --from/--to, если период не указан в отчётах).",
        )
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    by_name: dict = {}
    for r in rows:
        by_name.setdefault(r.municipality, []).append(r)
    files = []
    for municipality, own in by_name.items():
        item = FeedbackFile(
            municipality,
            len(own),
            sum(r.decision == DECISIONS[0] for r in own),
            sum(r.decision == DECISION_REWORK for r in own),
        )
        item.path = target / f"Замечания куратора - {safe_stem(municipality, 60) or 'муниципалитет'}.xlsx"
        write_request_workbook(feedback_plans(municipality, own, period, Path(summary_path).name), item.path)
        item.eml = _feedback_email(item, period, today)
        files.append(item)
    run = FeedbackRun(files)
    if archive:
        assert period is not None  # refused above when the summary has none
        with Archive.open(archive) as store:
            updated = store.record_decisions(
                period[0], period[1], [(r.municipality, r.row_id, r.decision, r.comment) for r in rows]
            )
            run.archive = {
                "target": store.target,
                "period": [period[0].isoformat(), period[1].isoformat()],
                "rows_updated": updated,
            }
    return run


def _summary_period_from_title(path: PathLike) -> Optional[tuple]:

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        if SHEET_META in wb.sheetnames:
            values = {row[0]: row[1] for row in wb[SHEET_META].iter_rows(values_only=True) if row and len(row) > 1}
            start, end = values.get("Период с"), values.get("Период по")
            if start and end:
                return to_date(start), to_date(end)
    finally:
        wb.close()
    return None


def summary_meta_plan(period: Optional[tuple]) -> sp.SheetPlan:
    """A hidden-by-convention sheet of the summary saying its period, for ``feedback``."""
    plan = sp.SheetPlan(SHEET_META, reset=True)
    plan.add(
        sp.Values("A1", [["Период с", period[0] if period else None], ["Период по", period[1] if period else None]])
    )
    return plan


def _feedback_email(item: FeedbackFile, period: Optional[tuple], today: Optional[date]) -> Path:

    words = f" за период с {period[0]:%d.%m.%Y} по {period[1]:%d.%m.%Y}" if period else ""
    body = (
        f"Здравствуйте!\n\nНаправляем замечания куратора к отчёту об исполнении дорожной карты{words}: "
        f"строк — {item.rows}, одобрено — {item.approved}, на доработку — {item.rework}.\n"
        "Загрузите приложенный файл в книгу дорожной карты кнопкой «Замечания куратора», доработайте "
        "отмеченные строки и направьте отчёт повторно.\n"
    )
    path = item.path
    assert path is not None  # the feedback workbook is written before its letter
    message = build_message(
        {}, [path], body, today=today, subject=f"Замечания куратора к отчёту: {item.municipality}{words}"
    )
    return write_eml(message, path.with_suffix(".eml"))


# --- in the municipality: apply the feedback ---------------------------------------------------------
@dataclass
class FeedbackResult:
    municipality: str
    applied: list = field(default_factory=list)  # (Activity, decision, comment)
    unmatched: list = field(default_factory=list)  # ReviewRow with no activity
    plans: list = field(default_factory=list)

    @property
    def rework(self) -> list:
        return [(a, d, c) for a, d, c in self.applied if d == DECISION_REWORK]

    def to_json(self) -> dict:
        return {
            "municipality": self.municipality,
            "applied": len(self.applied),
            "approved": sum(d == DECISIONS[0] for _, d, _ in self.applied),
            "rework": len(self.rework),
            "rework_rows": [
                {"row": a.source.row, "number": a.number, "activity": a.activity, "comment": c}
                for a, d, c in self.rework
            ],
            "unmatched": [{"number": r.number, "activity": r.activity, "decision": r.decision} for r in self.unmatched],
        }


def read_feedback(path: PathLike) -> tuple:
    """(municipality, rows) of a feedback file written by ``feedback_job``."""
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        if SHEET_META not in wb.sheetnames or SHEET_FEEDBACK not in wb.sheetnames:
            raise RoadmapError(
                "это не файл замечаний куратора (нет листов «Замечания куратора» и «Служебный»).",
                file=str(path),
                hint="Выберите файл «Замечания куратора - …xlsx», присланный из региона.",
            )
        labels = {label: key for key, label in FEEDBACK_META.items()}
        meta = {
            labels.get(row[0]): row[1]
            for row in wb[SHEET_META].iter_rows(values_only=True)
            if row and len(row) > 1 and row[0] in labels
        }
        if meta.get("marker") != FEEDBACK_MARKER:
            raise RoadmapError("это не файл замечаний куратора.", file=str(path), sheet=SHEET_META)
        rows = []
        for values in wb[SHEET_FEEDBACK].iter_rows(min_row=4, values_only=True):
            texts = ["" if v is None else str(v).strip() for v in values] + [""] * 8
            if not any(texts[:8]):
                continue
            rows.append(
                ReviewRow(
                    str(meta.get("municipality") or ""),
                    "",
                    texts[0],
                    texts[1],
                    texts[2],
                    texts[3],
                    texts[4],
                    False,
                    False,
                    texts[7],
                    normalise_decision(texts[5]),
                    texts[6],
                )
            )
        return str(meta.get("municipality") or ""), rows
    finally:
        wb.close()


def roadmap_municipality(roadmap: Roadmap, settings: dict) -> str:
    """Whose roadmap this is, as consolidation names it: the organisation, else the title."""
    organisation = (settings or {}).get("organisation") or roadmap.organisation
    title = (settings or {}).get("title") or roadmap.title
    return municipality_in(organisation) or municipality_in(title) or organisation


def _same_municipality(theirs: str, ours: str) -> bool:
    if not theirs or not ours:
        return True  # the roadmap names no municipality: the rows' ids decide
    keys = [municipality_key(theirs), municipality_key(ours)]
    canonical = same_municipality_keys(keys)
    return canonical[keys[0]] == canonical[keys[1]]


def _review_columns(roadmap: Roadmap) -> tuple:
    """Columns of «Решение куратора» and «Комментарий куратора»: where they are, else after the header."""
    decision = roadmap.column_index.get("decision") or added_column(roadmap)
    comment = roadmap.column_index.get("curator_comment") or added_column(roadmap, decision)
    return decision, comment


def apply_feedback_job(
    roadmap: Roadmap, settings: dict, municipality: str, rows: Sequence[ReviewRow], file: str = ""
) -> FeedbackResult:
    """Plans writing each row's decision and comment into «Решение куратора», «Комментарий куратора»."""
    ours = roadmap_municipality(roadmap, settings)
    if not _same_municipality(municipality, ours):
        raise RoadmapError(
            f"замечания куратора для муниципалитета «{municipality}», а эта дорожная карта — "
            f"«{ours}»; ничего не записано.",
            file=file or None,
            hint="Выберите файл замечаний своего муниципалитета.",
        )
    ids = row_ids(roadmap)
    by_id = {ids[id(a)]: a for a in roadmap.activities()}
    by_text: dict = {}
    by_activity: dict = {}
    for a in roadmap.activities():
        by_text.setdefault(text_key(a.section, a.activity), []).append(a)
        by_activity.setdefault(text_key("", a.activity), []).append(a)
    result = FeedbackResult(municipality)
    used: set = set()
    for r in rows:
        candidates = (
            ([by_id[r.row_id]] if r.row_id in by_id else [])
            + by_text.get(text_key(r.section, r.activity), [])
            + by_activity.get(text_key("", r.activity), [])
        )
        activity = next((a for a in candidates if id(a) not in used), None)
        if activity is None:
            result.unmatched.append(r)
            continue
        used.add(id(activity))
        result.applied.append((activity, r.decision, r.comment))
    if rows and not result.applied:
        raise RoadmapError(
            "ни одна строка замечаний не нашлась в этой дорожной карте: это замечания к другой "
            "дорожной карте; ничего не записано.",
            file=file or None,
            hint="Выберите файл замечаний к своей дорожной карте.",
        )
    decision_col, comment_col = _review_columns(roadmap)
    plan = sp.SheetPlan(roadmap.source.sheet or SHEET_ROADMAP, create=False)
    titles = {c.field: c.title for c in REVIEW_COLUMNS}
    if "decision" not in roadmap.column_index:
        plan.add(sp.Values(sp.address(1, decision_col), [[titles["decision"]]]))
    if "curator_comment" not in roadmap.column_index:
        plan.add(sp.Values(sp.address(1, comment_col), [[titles["curator_comment"]]]))
    for activity, decision, comment in sorted(result.applied, key=lambda x: x[0].source.row or 0):
        row = activity.source.row
        plan.add(sp.Values(sp.address(row, decision_col), [[decision or None]]))
        plan.add(sp.Values(sp.address(row, comment_col), [[comment or None]]))
    widths = {c.field: c.width for c in REVIEW_COLUMNS}
    plan.add(
        sp.ColumnWidths(
            {
                sp.column_letter(decision_col): widths["decision"],
                sp.column_letter(comment_col): widths["curator_comment"],
            }
        )
    )
    if "decision" not in roadmap.column_index or "curator_comment" not in roadmap.column_index:
        plan.add(roadmap_table_op(roadmap, max(decision_col, comment_col)))
    result.plans = [plan]
    return result


def run_apply_feedback(path: PathLike, feedback_file: PathLike) -> FeedbackResult:
    """Apply a feedback file to the roadmap workbook at ``path`` (saved atomically, a backup kept)."""
    ensure_not_open_elsewhere(path)  # refused before anything is written beside it
    book = BookFile(path)
    municipality, rows = read_feedback(feedback_file)
    result = apply_feedback_job(book.roadmap, book.settings, municipality, rows, file=str(feedback_file))
    book.apply(result.plans)
    book.save()
    return result


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
