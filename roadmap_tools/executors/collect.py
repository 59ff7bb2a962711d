"""Collecting the executors' answers: their request workbooks (``requests``) filled and
sent back, merged into the roadmap's report columns «Информация о проведении» and
«Ссылка на документ».

Rows are matched by their hidden id, so an answer survives sorting, filtering and
inserted rows. A roadmap cell already holding a different text is a conflict: listed on
the sheet «Сбор ответов», never overwritten; so are two answers that disagree. Files that
are not request workbooks, rows without an id and activities nobody answered are listed too.
An answer to another roadmap is refused with a message naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, List, Optional, Sequence, Tuple, Union

from roadmap_tools.actions.on_file import BookFile
from roadmap_tools.errors import RoadmapError
from roadmap_tools.executors.requests import (
    ANSWER_FIELDS,
    MARKER,
    META_LABELS,
    REQUEST_COLUMNS,
    SHEET_META,
    SHEET_REQUEST,
)
from roadmap_tools.model import Activity, Roadmap
from roadmap_tools.monitoring_form import touches_period
from roadmap_tools.reading.xlsx_values import cell_text
from roadmap_tools.safeio import ensure_not_open_elsewhere, load_workbook
from roadmap_tools.sheetplan import operations as sp
from roadmap_tools.workbook.book import TITLE_OF
from roadmap_tools.workbook.rowid import by_id, row_id_plan, row_ids
from roadmap_tools.workbook.schema import SHEET_ROADMAP
from roadmap_tools.workbook.settings import to_date

PathLike = Union[str, Path]

SHEET_COLLECT = "Сбор ответов"
ANSWER_SUFFIXES = (".xlsx", ".xlsm")
#: Files a folder of answers holds that are not answers: the requests' e-mail drafts.
IGNORED_SUFFIXES = (".eml",)
FIELD_WORDS = {"info": "Информация о проведении", "link": "Ссылка на документ"}


@dataclass
class AnswerRow:
    row: int
    row_id: str
    number: str
    activity: str
    values: dict  # field -> text


@dataclass
class Answer:
    file: str
    meta: dict
    rows: list = field(default_factory=list)  # list[AnswerRow]


@dataclass
class Unknown:
    file: str
    reason: str


@dataclass
class Conflict:
    activity: Activity
    field: str
    current: str
    answered: str
    file: str
    row: Optional[int]

    def to_json(self) -> dict:
        return {
            "row": self.activity.source.row,
            "number": self.activity.number,
            "activity": self.activity.activity,
            "field": self.field,
            "in_roadmap": self.current,
            "in_answer": self.answered,
            "file": self.file,
            "answer_row": self.row,
        }


@dataclass
class CollectResult:
    files: list = field(default_factory=list)  # answers read (file names)
    filled: list = field(default_factory=list)  # (Activity, field, text) written
    already: int = 0  # answers the roadmap already held, word for word
    conflicts: list = field(default_factory=list)  # list[Conflict]
    unknown_files: list = field(default_factory=list)  # list[Unknown]
    unknown_rows: list = field(default_factory=list)  # (file, row, text) rows without a known id
    unanswered: list = field(default_factory=list)  # (Activity, why)
    plans: list = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "files": list(self.files),
            "filled": len(self.filled),
            "already": self.already,
            "conflicts": [c.to_json() for c in self.conflicts],
            "unknown_files": [{"file": u.file, "reason": u.reason} for u in self.unknown_files],
            "unknown_rows": [{"file": f, "row": r, "text": t} for f, r, t in self.unknown_rows],
            "unanswered": [
                {"row": a.source.row, "number": a.number, "activity": a.activity, "why": why}
                for a, why in self.unanswered
            ],
        }


# --- reading answers --------------------------------------------------------------------------
def _text(value) -> str:

    return cell_text(value).strip() if value is not None else ""


def _skipped(path: Path) -> bool:
    name = path.name
    return name.startswith(("~$", ".~lock", ".")) or ".bak." in name or name.endswith(".tmp")


def answer_files(paths: Iterable[PathLike]) -> list:
    """The files to read: every file of a folder (lock files, backups and our own .eml drafts
    skipped; an answer saved as .xls or .ods is listed as not read, not passed over in silence);
    a file named explicitly is read whatever it is."""
    found: list = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += [
                p
                for p in sorted(path.rglob("*"), key=lambda p: str(p).lower())
                if p.is_file() and p.suffix.lower() not in IGNORED_SUFFIXES and not _skipped(p)
            ]
        elif path.exists():
            found.append(path)
        else:
            raise RoadmapError("файл или папка не найдены.", file=str(path), hint="Проверьте путь.")
    return found


def read_answer(path: PathLike) -> Union[Answer, Unknown]:
    """One returned request workbook, or why it is not one."""

    p = Path(path)
    if p.suffix.lower() not in ANSWER_SUFFIXES:
        return Unknown(
            str(p), "не книга Excel .xlsx: ответ нужно сохранить в том же файле запроса (.xlsx), не меняя формат."
        )
    try:
        wb = load_workbook(p, data_only=True, read_only=False)
    except RoadmapError as exc:
        return Unknown(str(p), " ".join(x for x in (exc.message, exc.hint) if x))
    if SHEET_META not in wb.sheetnames or SHEET_REQUEST not in wb.sheetnames:
        return Unknown(str(p), f"не файл запроса исполнителю: нет листов «{SHEET_REQUEST}» и «{SHEET_META}».")
    labels = {label: key for key, label in META_LABELS.items()}
    meta = {}
    for row in wb[SHEET_META].iter_rows(min_row=1, max_row=20, max_col=2, values_only=True):
        key = labels.get(_text(row[0]))
        if key:
            meta[key] = row[1]
    if _text(meta.get("marker")) != MARKER:
        return Unknown(str(p), f"лист «{SHEET_META}» не от запроса исполнителю.")
    sheet = wb[SHEET_REQUEST]
    columns = None
    header_row = 0
    for number, row in enumerate(sheet.iter_rows(min_row=1, max_row=30, values_only=True), start=1):
        texts = [_text(v) for v in row]
        if REQUEST_COLUMNS[-1] in texts:
            columns = {title: texts.index(title) for title in REQUEST_COLUMNS if title in texts}
            header_row = number
            break
    if columns is None or any(title not in columns for title in ANSWER_FIELDS.values()):
        return Unknown(
            str(p),
            f"на листе «{SHEET_REQUEST}» нет строки заголовков запроса "
            f"(«{REQUEST_COLUMNS[3]}», «{REQUEST_COLUMNS[4]}», «{REQUEST_COLUMNS[5]}»).",
        )
    answer = Answer(str(p), meta)
    for number, row in enumerate(sheet.iter_rows(min_row=header_row + 1), start=header_row + 1):
        cells = {title: _cell_text(row[i]) if i < len(row) else "" for title, i in columns.items()}
        if not any(cells.values()):
            continue
        answer.rows.append(
            AnswerRow(
                number,
                cells.get(REQUEST_COLUMNS[5], ""),
                cells.get(REQUEST_COLUMNS[0], ""),
                cells.get(REQUEST_COLUMNS[1], ""),
                {name: cells[title] for name, title in ANSWER_FIELDS.items()},
            )
        )
    return answer


def _cell_text(cell) -> str:
    """A cell's text; a hyperlink behind other words («Приказ № 5») keeps its address beside them."""
    text = _text(cell.value)
    target = (cell.hyperlink.target or "").strip() if cell.hyperlink is not None else ""
    if target and target not in text:
        return f"{text} ({target})" if text else target
    return text


def _same(a: str, b: str) -> bool:
    return " ".join(str(a).split()) == " ".join(str(b).split())


def _check_same_roadmap(answer: Answer, roadmap: Roadmap, settings: dict, known_ids: set) -> None:
    title = (settings or {}).get("title") or roadmap.title
    theirs = _text(answer.meta.get("title"))
    ids = {r.row_id for r in answer.rows if r.row_id}
    # the ids decide (the roadmap's title may have been corrected since the requests went out);
    # the title only when the answer kept no id at all
    other_title = bool(theirs and title and not _same(theirs.lower(), title.lower()))
    if (ids and not ids & known_ids) or (not ids and other_title):
        raise RoadmapError(
            f"это ответ на запрос по другой дорожной карте («{theirs}»), а не по «{title}»; ничего не записано.",
            file=answer.file,
            sheet=SHEET_REQUEST,
            hint="Уберите этот файл из списка или соберите его в книгу своей дорожной карты.",
        )


# --- the job ---------------------------------------------------------------------------------
def collect_job(roadmap: Roadmap, settings: dict, answers: Sequence[Union[Answer, Unknown]]) -> CollectResult:
    """Merge ``answers`` into the roadmap: plans for the report cells, the ids and «Сбор ответов»."""
    for name in ANSWER_FIELDS:
        if name not in roadmap.column_index:
            raise RoadmapError(
                f"на листе нет столбца «{TITLE_OF[name]}», ответы некуда записать.",
                file=roadmap.source.file or None,
                sheet=roadmap.source.sheet or SHEET_ROADMAP,
                hint="Верните столбец (или импортируйте дорожную карту заново).",
            )
    ids = row_ids(roadmap)
    activities = by_id(roadmap, ids)
    result = CollectResult()
    real = [a for a in answers if isinstance(a, Answer)]
    result.unknown_files = [a for a in answers if isinstance(a, Unknown)]
    for answer in real:
        _check_same_roadmap(answer, roadmap, settings, set(activities))
    # every answer to each cell, in file order
    offered: dict = {}  # (row id, field) -> [(text, file, row)]
    listed: set = set()
    for answer in real:
        result.files.append(answer.file)
        for row in answer.rows:
            activity = activities.get(row.row_id)
            if activity is None:
                what = row.activity or row.values.get("info") or row.values.get("link") or ""
                if any(row.values.values()):
                    result.unknown_rows.append((answer.file, row.row, what))
                continue
            listed.add(row.row_id)
            for name, text in row.values.items():
                if text:
                    offered.setdefault((row.row_id, name), []).append((text, answer.file, row.row))
    writes: dict = {}  # (sheet row, column) -> text
    for (row_id, name), texts in offered.items():
        activity = activities[row_id]
        current = str(getattr(activity, name) or "").strip()
        distinct: List[Tuple[str, str, Optional[int]]] = []
        for text, file, row in texts:
            if not any(_same(text, seen[0]) for seen in distinct):
                distinct.append((text, file, row))
        if current:
            for text, file, row in distinct:
                if _same(text, current):
                    result.already += 1
                else:
                    result.conflicts.append(Conflict(activity, name, current, text, file, row))
            continue
        if len(distinct) > 1:  # executors disagree: the methodologist decides
            for text, file, row in distinct:
                result.conflicts.append(Conflict(activity, name, "", text, file, row))
            continue
        text = distinct[0][0]
        writes[(activity.source.row, roadmap.column_index[name])] = text
        result.filled.append((activity, name, text))
    answered = {row_id for row_id, _ in offered}
    read_periods = [(_date(a.meta.get("period_from")), _date(a.meta.get("period_to"))) for a in real]
    periods = [(start, end) for start, end in read_periods if start and end]
    for activity in roadmap.activities():
        row_id = ids[id(activity)]
        if row_id in answered or (activity.info and activity.link):
            continue
        if row_id in listed:
            result.unanswered.append((activity, "исполнитель вернул файл, но не заполнил строку"))
        elif any(touches_period(activity, start, end) for start, end in periods):
            result.unanswered.append((activity, "ответ исполнителя не получен"))
    sheet = roadmap.source.sheet or SHEET_ROADMAP
    plan = sp.SheetPlan(sheet, create=False)
    for (row, col), text in sorted(writes.items()):
        plan.add(sp.Values(sp.address(row, col), [[text]]))
    result.plans = [p for p in (plan if plan.ops else None, row_id_plan(roadmap, ids)) if p is not None]
    result.plans.append(collect_report_plan(result))
    return result


def _date(value) -> Optional[date]:

    try:
        return to_date(value)
    except (ValueError, TypeError, OverflowError):
        return None


def collect_report_plan(result: CollectResult) -> sp.SheetPlan:
    """The sheet «Сбор ответов»: what was filled, conflicts, unknown files and rows, no answers."""
    plan = sp.SheetPlan(SHEET_COLLECT, reset=True, tab_colour="C00000" if result.conflicts else "70AD47")
    rows: list = [
        [
            f"Сбор ответов исполнителей: файлов — {len(result.files)}, заполнено ячеек — "
            f"{len(result.filled)}, конфликтов — {len(result.conflicts)}, без ответа — {len(result.unanswered)}"
        ],
        [f"Конфликтующие ответы не записаны: выберите верный текст и впишите его на лист «{SHEET_ROADMAP}» сами."],
        [],
    ]
    bold = [1]
    blocks = [
        (
            "Конфликты (не записаны)",
            ["Строка", "№", "Мероприятие", "Столбец", "В книге", "В ответе", "Файл ответа"],
            [
                [
                    c.activity.source.row,
                    c.activity.number,
                    c.activity.activity,
                    FIELD_WORDS[c.field],
                    c.current,
                    c.answered,
                    Path(c.file).name,
                ]
                for c in result.conflicts
            ],
        ),
        (
            "Без ответа",
            ["Строка", "№", "Мероприятие", "Исполнитель", "Почему"],
            [[a.source.row, a.number, a.activity, a.executor, why] for a, why in result.unanswered],
        ),
        (
            "Строки ответов без кода строки (добавлены исполнителем)",
            ["Файл", "Строка файла", "Текст"],
            [[Path(f).name, r, t] for f, r, t in result.unknown_rows],
        ),
        (
            "Файлы, которые не являются ответами",
            ["Файл", "Причина"],
            [[Path(u.file).name, u.reason] for u in result.unknown_files],
        ),
        (
            "Заполнено",
            ["Строка", "№", "Мероприятие", "Столбец", "Текст"],
            [[a.source.row, a.number, a.activity, FIELD_WORDS[name], text] for a, name, text in result.filled],
        ),
    ]
    headers = []
    for title, header, body in blocks:
        rows.append([f"{title}: {len(body)}"])
        bold.append(len(rows))
        if body:
            rows.append(header)
            headers.append((len(rows), len(header)))
            rows += body
        rows.append([])
    plan.add(sp.Values("A1", rows))
    for r in bold:
        plan.add(sp.Font(f"A{r}", bold=True, size=12 if r == 1 else None))
    for r, width in headers:
        rng = f"A{r}:{sp.column_letter(width)}{r}"
        plan.add(sp.Font(rng, bold=True)).add(sp.Fill(rng, "D9E1F2"))
    plan.add(sp.Wrap(f"A4:G{len(rows)}"))
    plan.add(sp.ColumnWidths({"A": 12, "B": 10, "C": 50, "D": 22, "E": 40, "F": 40, "G": 30}))
    return plan


def run_collect_files(roadmap: Roadmap, settings: dict, paths: Iterable[PathLike]) -> CollectResult:
    """Read the answers under ``paths`` and plan their merge (what both doors call)."""
    files = answer_files(paths)
    if not files:
        raise RoadmapError(
            "не найдено ни одного файла ответа (.xlsx) по указанным путям.",
            hint="Укажите папку с ответами исполнителей или сами файлы.",
        )
    return collect_job(roadmap, settings, [read_answer(p) for p in files])


def run_collect(path: PathLike, paths: Iterable[PathLike]) -> CollectResult:
    """Collect the answers under ``paths`` into the roadmap workbook at ``path`` (saved atomically)."""

    ensure_not_open_elsewhere(path)  # refused before anything is written beside it
    book = BookFile(path)
    result = run_collect_files(book.roadmap, book.settings, paths)
    book.apply(result.plans)
    book.save()
    return result
