"""The curator's feedback: one file of remarks per municipality from the summary's «Строки
отчётов» (``feedback``), and the remarks landing in the municipality's roadmap
(``apply_feedback``: columns «Решение куратора» and «Комментарий куратора», which the check
reports). Kept apart from ``review``, which the summary's writing imports, so that
consolidating does not load what only the feedback needs (the roadmap's jobs, e-mail drafts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional, Sequence

from roadmap_tools.actions.on_file import BookFile
from roadmap_tools.consolidation.archive import Archive
from roadmap_tools.consolidation.report_reader import municipality_in, municipality_key, same_municipality_keys
from roadmap_tools.consolidation.review import (
    HEADER_FILL,
    SHEET_META,
    SHEET_ROWS,
    PathLike,
    ReviewRow,
    normalise_decision,
    read_review_rows,
)
from roadmap_tools.errors import RoadmapError
from roadmap_tools.executors.requests import write_request_workbook
from roadmap_tools.lexicon.vocab import DECISION_REWORK, DECISIONS
from roadmap_tools.model import Roadmap
from roadmap_tools.reports.email_draft import build_message, write_eml
from roadmap_tools.reports.filenames import safe_stem
from roadmap_tools.safeio import ensure_not_open_elsewhere, load_workbook
from roadmap_tools.sheetplan import operations as sp
from roadmap_tools.workbook.book import added_column, roadmap_table_op
from roadmap_tools.workbook.rowid import row_ids, text_key
from roadmap_tools.workbook.schema import REVIEW_COLUMNS, SHEET_ROADMAP
from roadmap_tools.workbook.settings import to_date

SHEET_FEEDBACK = "Замечания куратора"
FEEDBACK_MARKER = "roadmap-tools: замечания куратора"
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
